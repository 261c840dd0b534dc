"""A read-only SPARQL 1.1 Protocol endpoint over a built graph, with a web query page.

    GET  /sparql?query=…                     (also default-graph-uri, named-graph-uri)
    POST /sparql  application/x-www-form-urlencoded   query=…
    POST /sparql  application/sparql-query             (the query as the body)
    GET  /                 the query page (YASGUI, shipped in graph/static/)
    GET  /queries.json     the cookbook, which the page offers as ready-made queries

How it stays up
---------------
* Queries run in **worker processes** (:class:`WorkerPool`), each holding the
  store in memory. pyoxigraph cannot interrupt a query from another thread,
  so a query that outlives the time limit is stopped by killing its worker;
  a fresh worker takes its place while the others keep serving.
* Updates are refused (403), ``SERVICE`` too unless ``allow_service``; answers
  are cut at ``max_rows`` rows (header ``X-Govkg-Truncated: true``); request
  bodies over ``max_request_bytes`` get 413.
* Static files come from a fixed table built at start-up: no request path is
  ever joined to a directory, so ``/static/../..`` finds nothing.
* Every answer carries CORS headers, so browser tools on other origins can call it.

The HTTP layer is the standard library's ``ThreadingHTTPServer``: one thread
per connection only waits for a worker, so no framework is needed and the
package keeps its dependency list short.

>>> negotiate("text/csv;q=0.5, application/sparql-results+json", SELECT_MEDIA_TYPES)
'application/sparql-results+json'
>>> negotiate("text/*", SELECT_MEDIA_TYPES)
'text/csv'
"""

from __future__ import annotations

import json
import multiprocessing
import queue
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from graph.store import (
    QueryError,
    QueryRefused,
    check_query,
    execute,
    load_store,
    serialize_result,
)

STATIC_DIR = Path(__file__).resolve().parent / "static"

#: Media types offered for SELECT/ASK answers, default first, with the
#: serialiser's short name.
SELECT_MEDIA_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
}
#: Media types offered for CONSTRUCT/DESCRIBE answers, default first.
GRAPH_MEDIA_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "text/plain": "ntriples",
}
#: ``format=`` request parameter values (for links and browsers).
FORMAT_PARAMETER = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None),
    "tsv": ("text/tab-separated-values", None),
    "turtle": (None, "text/turtle"),
    "ttl": (None, "text/turtle"),
    "ntriples": (None, "application/n-triples"),
    "nt": (None, "application/n-triples"),
    "jsonld": (None, "application/ld+json"),
}

#: Static files the page needs: URL path -> (file name, media type).
STATIC_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
}

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, Accept",
    "Access-Control-Expose-Headers": "X-Govkg-Truncated, Server-Timing",
    "Access-Control-Max-Age": "600",
    "X-Content-Type-Options": "nosniff",
}


@dataclass
class ServerConfig:
    """What ``govkg serve`` was asked for."""

    data: str = "out"
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 10.0
    max_rows: int = 10_000
    allow_service: bool = False
    workers: int = 2
    max_request_bytes: int = 256 * 1024
    quiet: bool = False


@dataclass
class Reply:
    """An HTTP answer: status, media type, body and extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def error(cls, status: int, message: str) -> "Reply":
        """A plain-text error (what YASGUI shows under the editor)."""
        return cls(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


# ---------------------------------------------------------------------------
# Content negotiation
# ---------------------------------------------------------------------------


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their weights, best first.

    >>> parse_accept("text/csv;q=0.5, application/json")
    [('application/json', 1.0), ('text/csv', 0.5)]
    """
    ranges = []
    for index, part in enumerate((header or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        weight = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        ranges.append((index, fields[0].lower(), weight))
    ranges.sort(key=lambda r: (-r[2], r[0]))
    return [(media, weight) for _, media, weight in ranges if weight > 0]


def negotiate(accept: str | None, offers: dict[str, str]) -> str | None:
    """The offered media type the client prefers; the first offer if it
    accepts anything (or sent no Accept), ``None`` if it accepts none."""
    ranges = parse_accept(accept)
    if not ranges:
        return next(iter(offers))
    for media, _ in ranges:
        if media in offers:
            return media
        if media == "*/*":
            return next(iter(offers))
        if media.endswith("/*"):
            family = media[:-1]
            for offer in offers:
                if offer.startswith(family):
                    return offer
    return None


def choose_media_type(kind: str, accept: str | None, format_param: str | None) -> str | None:
    """The media type for an answer of ``kind`` (``select``, ``ask`` or ``graph``)."""
    offers = GRAPH_MEDIA_TYPES if kind == "graph" else SELECT_MEDIA_TYPES
    if format_param:
        pair = FORMAT_PARAMETER.get(format_param.lower())
        chosen = pair and (pair[1] if kind == "graph" else pair[0])
        if chosen:
            return chosen
    return negotiate(accept, offers)


# ---------------------------------------------------------------------------
# Worker processes
# ---------------------------------------------------------------------------


def answer_job(store, job: dict, max_rows: int, allow_service: bool) -> Reply:
    """Run one query job on ``store`` and serialise the answer (in a worker)."""
    started = time.perf_counter()
    try:
        result = execute(
            store,
            job["query"],
            max_rows=max_rows,
            allow_service=allow_service,
            default_graphs=job.get("default_graphs", ()),
            named_graphs=job.get("named_graphs", ()),
        )
    except QueryError as exc:
        return Reply.error(exc.status, str(exc))
    media = choose_media_type(result.kind, job.get("accept"), job.get("format"))
    if media is None:
        offers = GRAPH_MEDIA_TYPES if result.kind == "graph" else SELECT_MEDIA_TYPES
        return Reply.error(406, f"cannot answer in {job.get('accept')}; offered: {', '.join(offers)}")
    offers = GRAPH_MEDIA_TYPES if result.kind == "graph" else SELECT_MEDIA_TYPES
    body = serialize_result(result, offers[media])
    headers = {"Server-Timing": f"query;dur={(time.perf_counter() - started) * 1000:.1f}"}
    if result.truncated:
        headers["X-Govkg-Truncated"] = "true"
        headers["X-Govkg-Max-Rows"] = str(max_rows)
    charset = "; charset=utf-8" if media.startswith("text/") or "json" in media or "xml" in media else ""
    return Reply(200, media + charset, body, headers)


def worker_main(conn, data: str, max_rows: int, allow_service: bool) -> None:
    """A worker process: load the store, then answer jobs until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    try:
        store = load_store(data)
    except Exception as exc:  # reported to the parent, which gives up
        conn.send(("failed", str(exc)))
        return
    conn.send(("ready", len(store)))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            reply = answer_job(store, job, max_rows, allow_service)
        except Exception as exc:  # a bug must not kill the worker silently
            reply = Reply.error(500, f"internal error: {type(exc).__name__}: {exc}")
        conn.send(reply)


class WorkerStartError(RuntimeError):
    """A worker could not load the store."""


class QueryWorker:
    """One worker process and the pipe to it."""

    def __init__(self, config: ServerConfig, context):
        parent_end, child_end = context.Pipe()
        self.conn = parent_end
        self.process = context.Process(
            target=worker_main,
            args=(child_end, config.data, config.max_rows, config.allow_service),
            daemon=True,
            name="govkg-query-worker",
        )
        self.process.start()
        child_end.close()
        self.size = 0

    def wait_ready(self, limit: float = 300.0) -> "QueryWorker":
        """Block until the worker has loaded the store."""
        if not self.conn.poll(limit):
            self.kill()
            raise WorkerStartError(f"a query worker did not load the store within {limit:.0f} s")
        try:
            status, detail = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise WorkerStartError("a query worker died while loading the store") from None
        if status != "ready":
            self.kill()
            raise WorkerStartError(detail)
        self.size = detail
        return self

    def ask(self, job: dict, timeout: float) -> Reply:
        """Send a job and wait for the answer; :class:`TimeoutError` after ``timeout``."""
        self.conn.send(job)
        if not self.conn.poll(timeout):
            raise TimeoutError
        return self.conn.recv()

    def kill(self) -> None:
        """Stop the worker at once (a running query cannot be interrupted otherwise)."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """A few workers holding the store; each query borrows one.

    A query that outlives ``timeout`` has its worker killed and replaced in
    the background; the other workers go on serving meanwhile.
    """

    def __init__(self, config: ServerConfig):
        self.config = config
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[QueryWorker] = queue.Queue()
        self._lock = threading.Lock()
        self._all: set[QueryWorker] = set()
        self._closed = False
        started = [self._spawn() for _ in range(max(1, config.workers))]
        for worker in started:
            worker.wait_ready()
            self._idle.put(worker)
        self.store_size = started[0].size
        self.replacements = 0

    def _spawn(self) -> QueryWorker:
        worker = QueryWorker(self.config, self._context)
        with self._lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: QueryWorker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)

    def _replace_later(self) -> None:
        """Start a new worker in the background; it joins the pool when ready."""

        def start() -> None:
            worker = self._spawn()
            try:
                worker.wait_ready()
            except WorkerStartError:
                self._retire(worker)
                return
            if self._closed:
                self._retire(worker)
            else:
                self._idle.put(worker)

        self.replacements += 1
        threading.Thread(target=start, name="govkg-worker-start", daemon=True).start()

    def run(self, job: dict) -> Reply:
        """Answer a job within the time limit (503 when it ran out or all workers stay busy)."""
        timeout = self.config.timeout
        try:
            worker = self._idle.get(timeout=max(30.0, 3 * timeout))
        except queue.Empty:
            return Reply.error(503, "the server is busy: every query worker stayed occupied; try again")
        try:
            reply = worker.ask(job, timeout)
        except TimeoutError:
            self._retire(worker)
            self._replace_later()
            return Reply.error(
                503, f"the query was stopped after the time limit of {timeout:g} s (see govkg serve --timeout)"
            )
        except (EOFError, OSError, BrokenPipeError):
            self._retire(worker)
            self._replace_later()
            return Reply.error(500, "the query worker died while answering; a new one is starting")
        self._idle.put(worker)
        return reply

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()


# ---------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------


def static_table(directory: Path = STATIC_DIR) -> dict[str, Path]:
    """URL paths of the files the page needs, read once at start-up.

    Only files directly in ``directory`` with a known type are served; the
    request path is looked up in this table, never joined to a directory.
    """
    table: dict[str, Path] = {}
    if directory.is_dir():
        for path in sorted(directory.iterdir()):
            if path.is_file() and path.suffix in STATIC_TYPES:
                table[f"/static/{path.name}"] = path
    page = table.pop("/static/index.html", None)
    if page:
        table["/"] = table["/index.html"] = page
    return table


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server: holds the configuration, the worker pool and the page."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(self, config: ServerConfig, pool: WorkerPool | None = None):
        self.config = config
        self.pool = pool or WorkerPool(config)
        self.static = static_table()
        self._static_cache: dict[str, bytes] = {}
        from graph.commands.queries import load_cookbook

        self.cookbook_json = json.dumps(
            [q.as_json() for q in load_cookbook()], ensure_ascii=False, indent=1
        ).encode("utf-8")
        try:
            super().__init__((config.host, config.port), SparqlHandler)
        except OSError:
            self.pool.close()
            raise

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def static_file(self, path: str) -> bytes | None:
        """The bytes of a static file by URL path (cached), or ``None``."""
        if path not in self.static:
            return None
        if path not in self._static_cache:
            self._static_cache[path] = self.static[path].read_bytes()
        return self._static_cache[path]

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


class SparqlHandler(BaseHTTPRequestHandler):
    """One HTTP request: route it, check it, hand the query to the pool."""

    server: SparqlServer
    server_version = "govkg-sparql"
    protocol_version = "HTTP/1.1"
    timeout = 60  # seconds a client may take to send its request

    # -- plumbing ----------------------------------------------------------

    def send_reply(self, reply: Reply, head_only: bool = False) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for name, value in {**CORS_HEADERS, **reply.headers}.items():
            self.send_header(name, value)
        if reply.status >= 400 and reply.status not in (400, 403, 404, 406):
            self.close_connection = True
        self.end_headers()
        if not head_only:
            self.wfile.write(reply.body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (http.server's name)
        if not self.server.config.quiet:
            sys.stderr.write(f"{self.address_string()} {format % args}\n")

    # -- methods -----------------------------------------------------------

    def do_OPTIONS(self) -> None:
        """CORS pre-flight."""
        self.send_reply(Reply(204, "text/plain", b""))

    def do_HEAD(self) -> None:
        reply = self.route_get()
        self.send_reply(reply, head_only=True)

    def do_GET(self) -> None:
        self.send_reply(self.route_get())

    def do_POST(self) -> None:
        self.send_reply(self.route_post())

    def do_PUT(self) -> None:
        self.send_reply(self.refuse_method())

    do_DELETE = do_PATCH = do_PUT

    def refuse_method(self) -> Reply:
        reply = Reply.error(405, "this endpoint is read-only: use GET or POST with a query")
        reply.headers["Allow"] = "GET, POST, OPTIONS"
        return reply

    # -- routes ------------------------------------------------------------

    def route_get(self) -> Reply:
        url = urlsplit(self.path)
        if url.path == "/sparql":
            params = parse_qs(url.query, keep_blank_values=True)
            if not params.get("query") and not params.get("update"):
                return Reply.error(400, "missing the query parameter: GET /sparql?query=SELECT…")
            return self.answer(params)
        if url.path == "/queries.json":
            return Reply(200, "application/json; charset=utf-8", self.server.cookbook_json)
        body = self.server.static_file(url.path)
        if body is not None:
            suffix = Path(self.server.static[url.path].name).suffix
            return Reply(200, STATIC_TYPES[suffix], body, {"Cache-Control": "max-age=300"})
        return Reply.error(404, f"not found: {url.path} (the SPARQL endpoint is /sparql, the query page is /)")

    def route_post(self) -> Reply:
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return Reply.error(404 if url.path not in self.server.static else 405, f"cannot POST to {url.path}")
        body = self.read_body()
        if isinstance(body, Reply):
            return body
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if media == "application/x-www-form-urlencoded":
            try:
                form = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
            except UnicodeDecodeError:
                return Reply.error(400, "the form is not UTF-8")
            for name, values in form.items():
                params.setdefault(name, []).extend(values)
        elif media == "application/sparql-query":
            try:
                params["query"] = [body.decode("utf-8")]
            except UnicodeDecodeError:
                return Reply.error(400, "the query is not UTF-8")
        elif media == "application/sparql-update":
            return Reply.error(403, "updates are refused: this endpoint is read-only")
        else:
            return Reply.error(
                415,
                "send the query as application/sparql-query or as a form "
                "(application/x-www-form-urlencoded, field query)",
            )
        return self.answer(params)

    def read_body(self) -> bytes | Reply:
        """The request body, within the size limit."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self.close_connection = True
            return Reply.error(411, "send a Content-Length (chunked bodies are not accepted)")
        length_text = self.headers.get("Content-Length")
        if length_text is None:
            self.close_connection = True
            return Reply.error(411, "send a Content-Length with the request body")
        try:
            length = int(length_text)
        except ValueError:
            self.close_connection = True
            return Reply.error(400, "bad Content-Length")
        limit = self.server.config.max_request_bytes
        if length > limit or length < 0:
            self.close_connection = True
            return Reply.error(413, f"the request is larger than the limit of {limit} bytes")
        return self.rfile.read(length)

    # -- the query ---------------------------------------------------------

    def answer(self, params: dict[str, list[str]]) -> Reply:
        """Check the protocol parameters, then run the query in a worker."""
        if params.get("update"):
            return Reply.error(403, "updates are refused: this endpoint is read-only")
        queries = params.get("query", [])
        if len(queries) != 1:
            return Reply.error(400, "give exactly one query parameter")
        query = queries[0]
        limit = self.server.config.max_request_bytes
        if len(query.encode("utf-8")) > limit:
            return Reply.error(413, f"the query is larger than the limit of {limit} bytes")
        if not query.strip():
            return Reply.error(400, "the query is empty")
        try:
            check_query(query, allow_service=self.server.config.allow_service)
        except QueryRefused as exc:
            return Reply.error(exc.status, str(exc))
        job = {
            "query": query,
            "accept": self.headers.get("Accept"),
            "format": (params.get("format") or [None])[0],
            "default_graphs": params.get("default-graph-uri", []),
            "named_graphs": params.get("named-graph-uri", []),
        }
        return self.server.pool.run(job)


def make_server(config: ServerConfig) -> SparqlServer:
    """Start the workers and bind the HTTP server (call ``serve_forever`` next)."""
    return SparqlServer(config)


def serve_in_thread(config: ServerConfig) -> tuple[SparqlServer, threading.Thread]:
    """Start a server on a background thread (tests and benchmarks)."""
    server = make_server(config)
    thread = threading.Thread(target=server.serve_forever, name="govkg-http", daemon=True)
    thread.start()
    return server, thread


def stop_server(server: SparqlServer) -> None:
    """Stop a server started by :func:`serve_in_thread` and its workers."""
    server.shutdown()
    server.server_close()
