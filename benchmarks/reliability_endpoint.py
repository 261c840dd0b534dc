"""Try hostile requests and a load burst on ``govkg serve``; write ``docs/reliability-endpoint.json``.

Run from the repository root::

    .venv/bin/python benchmarks/reliability_endpoint.py            # builds the sample corpus first
    .venv/bin/python benchmarks/reliability_endpoint.py --data out  # or serves an existing build

What it does, all on 127.0.0.1 and bounded in count and time:

1. builds ``data/gazettes`` into a temporary folder (unless ``--data``);
2. starts ``govkg serve`` as its own process with no ``--host`` (so the
   default address is what is checked), a 2 s time limit, a 100-row limit
   and 2 query workers, and a second one with ``--allow-service``;
3. sends each hostile request and records what came back: updates,
   a malformed query, ``SERVICE`` (its endpoint is ``127.0.0.1:9``, the
   discard port, so nothing outside this machine is ever asked), the
   runaway query (the graph joined with itself three times) while another
   client keeps asking a simple question, the row and request-size limits,
   path traversal through the static files, the listening address and
   the CORS headers;
4. runs the load burst of :mod:`bench_sparql` (2,000 cookbook queries from
   8 concurrent clients, on a server with the default settings);
5. prints a table and writes the rows (``input``, ``expected``,
   ``observed``, ``ok``) as a JSON list, which ``benchmarks/reliability.py``
   puts into ``docs/RELIABILITY.md``.

Exit status: 0 when every row passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_sparql import bench_load  # noqa: E402

OUT = ROOT / "docs" / "reliability-endpoint.json"
SAMPLE = ROOT / "data" / "gazettes"

TIME_LIMIT = 2.0
MAX_ROWS = 100
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SIMPLE = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a gov:Document }"
UPDATE = "INSERT DATA { <http://example.org/a> <http://example.org/b> 'c' }"
#: An endpoint on this machine's discard port: a SERVICE call to it can only fail locally.
LOCAL_SERVICE = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
TRAVERSALS = ("/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/static/../../pyproject.toml",
              "/static/..%2f..%2fpyproject.toml")
#: Text that would show a file from outside the static table was sent.
LEAKS = (b"root:", b"[project]", b"import ")


# ---------------------------------------------------------------- the server


class Endpoint:
    """A ``govkg serve`` process on a free loopback port.

    >>> Endpoint.url_pattern.search("query page http://127.0.0.1:40123/ · …").groups()
    ('127.0.0.1', '40123')
    """

    url_pattern = re.compile(r"query page http://([^\s/]+):(\d+)/")

    def __init__(self, data: Path, *options: str):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "graph.cli", "serve", "--data", str(data), "--port", "0", "--quiet", *options],
            cwd=ROOT, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        self.host, self.port = self._wait_for_address(limit=120)

    def _wait_for_address(self, limit: float) -> tuple[str, int]:
        timer = threading.Timer(limit, self.process.kill)  # a server that never starts is stopped
        timer.start()
        try:
            for line in self.process.stderr:
                match = self.url_pattern.search(line)
                if match:
                    threading.Thread(target=self.process.stderr.read, daemon=True).start()  # keep the pipe drained
                    return match.group(1), int(match.group(2))
        finally:
            timer.cancel()
        self.process.kill()
        raise RuntimeError("govkg serve did not start")

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
                timeout: float = 30) -> tuple[int, dict, bytes, float]:
        """One request on a fresh connection; (status, headers, body, seconds). The path goes out as given."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        started = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            data = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, data, time.perf_counter() - started
        finally:
            conn.close()

    def get(self, query: str, **headers) -> tuple[int, dict, bytes, float]:
        return self.request("GET", "/sparql?" + urlencode({"query": query}), headers=headers)

    def post(self, media: str, body: bytes) -> tuple[int, dict, bytes, float]:
        return self.request("POST", "/sparql", body, {"Content-Type": media})

    def form(self, **fields: str) -> tuple[int, dict, bytes, float]:
        return self.post("application/x-www-form-urlencoded", urlencode(fields).encode())

    def stop(self) -> None:
        """SIGTERM (the server stops its workers), then kill if it lingers."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


def listening_addresses(port: int) -> list[str]:
    """Addresses with a listening TCP socket on ``port``, from ``/proc/net/tcp`` and ``tcp6`` (Linux).

    Reading the kernel's table shows where the server listens without
    sending anything anywhere. Empty when the tables cannot be read.
    """
    found = []
    for table, width in (("/proc/net/tcp", 4), ("/proc/net/tcp6", 16)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, _, port_hex = fields[1].partition(":")
            if fields[3] != "0A" or int(port_hex, 16) != port:  # 0A: LISTEN
                continue
            raw = bytes.fromhex(address)
            if width == 4:
                found.append(socket.inet_ntoa(struct.pack("<I", int(address, 16))))
            else:  # four little-endian 32-bit words
                words = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
                found.append(socket.inet_ntop(socket.AF_INET6, words))
    return found


def text_of(body: bytes, size: int = 110) -> str:
    """The first line of a reply, shortened.

    >>> text_of(b"syntax error at line 2, column 15: expected ...\\n")
    "'syntax error at line 2, column 15: expected ...'"
    """
    line = body.decode("utf-8", "replace").strip().splitlines()[0] if body.strip() else ""
    return repr(line if len(line) <= size else line[: size - 1] + "…")


def row(input: str, expected: str, observed: str, ok: bool) -> dict:  # noqa: A002 (the record's field name)
    return {"input": input, "expected": expected, "observed": observed, "ok": bool(ok)}


# ---------------------------------------------------------------- the checks


def check_updates(server: Endpoint) -> list[dict]:
    """Updates in each request form are refused and change nothing."""
    rows = []
    tries = (
        ("SPARQL Update as POST application/sparql-update", server.post("application/sparql-update", UPDATE.encode())),
        ("SPARQL Update as the update= form field", server.form(update=UPDATE)),
        ("SPARQL Update sent as query= (GET)", server.get(UPDATE)),
        ("PUT on /sparql (Graph Store write)", server.request("PUT", "/sparql", b"<a> <b> <c> .", {"Content-Type": "text/turtle"})),
    )
    for name, (status, _, body, _) in tries:
        rows.append(row(name, "refused with 4xx", f"{status} {text_of(body)}", 400 <= status < 500))
    status, _, body, _ = server.get("ASK { <http://example.org/a> ?p ?o }")
    added = json.loads(body).get("boolean") if status == 200 else None
    rows.append(row("after the updates: ASK for the inserted triple", "false (nothing was written)",
                    f"{status}, boolean {added}", status == 200 and added is False))
    return rows


def check_malformed(server: Endpoint) -> dict:
    status, _, body, _ = server.get("SELECT ?x WHERE {\n  ?x gov:adcode }")
    has_position = re.search(rb"line \d+, column \d+", body) is not None
    return row("malformed query (a triple pattern missing its object, on line 2)", "400 with line and column",
               f"{status} {text_of(body, 60)}", status == 400 and has_position)


def check_service(server: Endpoint, permissive: Endpoint) -> list[dict]:
    status, _, body, _ = server.get(LOCAL_SERVICE)
    refused = row("SERVICE <http://127.0.0.1:9/sparql> (federated query), default settings",
                  "refused with 403 before it runs", f"{status} {text_of(body)}", status == 403)
    status, _, body, _ = permissive.get(LOCAL_SERVICE)
    by_policy = status == 403 or b"allow-service" in body
    allowed = row("the same SERVICE query with --allow-service",
                  "not refused by policy (it then fails locally: nothing listens on 127.0.0.1:9)",
                  f"{status} {text_of(body)}", not by_policy)
    return [refused, allowed]


def check_runaway(server: Endpoint) -> list[dict]:
    """The runaway query ends within the limit while another client is answered meanwhile."""
    runaway: dict = {}

    def send_runaway() -> None:
        status, _, body, seconds = server.form(query=RUNAWAY)
        runaway.update(status=status, body=body, seconds=seconds, done=time.monotonic())

    thread = threading.Thread(target=send_runaway)
    thread.start()
    time.sleep(0.3)  # the runaway query now occupies one worker
    others = []  # (status, seconds, answered at) of the other client's queries
    while thread.is_alive() and len(others) < 20:
        status, _, body, seconds = server.get(SIMPLE)
        others.append((status, seconds, time.monotonic()))
        time.sleep(0.1)
    thread.join(TIME_LIMIT + 30)
    if not runaway:
        return [row("runaway query (the graph joined with itself three times), limit 2 s",
                    "an error within the limit", "no answer within 30 s of the limit", False)]
    during = [o for o in others if o[2] < runaway["done"]]
    slowest = max((o[1] for o in during), default=float("nan"))
    ended = row(
        f"runaway query (the graph joined with itself three times), --timeout {TIME_LIMIT:g}",
        f"an error within the limit ({TIME_LIMIT:g} s, plus 1.5 s to stop the worker)",
        f"{runaway['status']} after {runaway['seconds']:.2f} s: {text_of(runaway['body'], 80)}",
        runaway["status"] >= 400 and runaway["seconds"] < TIME_LIMIT + 1.5,
    )
    served = row(
        "another client's simple query (COUNT of documents) while the runaway runs",
        "answered promptly (200 in under 1 s) before the runaway ends",
        f"{len(during)} queries answered during the runaway, statuses {sorted({o[0] for o in during})}, "
        f"first in {during[0][1] * 1000:.0f} ms, slowest {slowest * 1000:.0f} ms" if during else "none answered during it",
        bool(during) and all(o[0] == 200 for o in during) and slowest < 1.0,
    )
    after = [server.get(SIMPLE) for _ in range(5)]
    statuses = [a[0] for a in after]
    keeps = row("five queries right after the runaway was stopped", "all answered (the stopped worker is replaced)",
                f"statuses {statuses}, slowest {max(a[3] for a in after) * 1000:.0f} ms", statuses == [200] * 5)
    return [ended, served, keeps]


def check_row_limit(server: Endpoint) -> dict:
    status, headers, body, _ = server.get("SELECT * WHERE { ?s ?p ?o }")
    rows = len(json.loads(body)["results"]["bindings"]) if status == 200 else None
    truncated = headers.get("x-govkg-truncated")
    return row(f"SELECT * over every statement, --max-rows {MAX_ROWS}",
               f"{MAX_ROWS} rows and the header X-Govkg-Truncated: true",
               f"{status}, {rows} rows, X-Govkg-Truncated: {truncated}",
               status == 200 and rows == MAX_ROWS and truncated == "true")


def check_request_size(server: Endpoint) -> list[dict]:
    big = ("SELECT * WHERE { ?s ?p ?o } # " + "x" * 300_000).encode()
    rows = []
    for name, (status, _, body, _) in (
        ("300 kB query as POST application/sparql-query (limit 256 KiB)", server.post("application/sparql-query", big)),
        ("300 kB form body (limit 256 KiB)", server.form(query=big.decode())),
    ):
        rows.append(row(name, "413", f"{status} {text_of(body)}", status == 413))
    return rows


def check_traversal(server: Endpoint) -> list[dict]:
    rows = []
    for path in TRAVERSALS:
        status, _, body, _ = server.request("GET", path)
        leaked = [leak.decode().strip() for leak in LEAKS if leak in body]
        rows.append(row(f"GET {path}", "404 or 400, no file content",
                        f"{status}, {len(body)} bytes, file content: {'yes ' + str(leaked) if leaked else 'none'}",
                        status in (400, 404) and not leaked))
    return rows


def check_address(server: Endpoint) -> dict:
    """Started without --host: configured, announced and actually listening on 127.0.0.1 only."""
    from graph.cli import build_parser
    from graph.server import ServerConfig

    default = build_parser().parse_args(["serve"]).host
    sockets = listening_addresses(server.port)
    observed = (f"ServerConfig().host {ServerConfig().host}, `govkg serve` --host default {default}, "
                f"announced {server.host}, listening sockets {sockets or 'not readable'}")
    ok = ServerConfig().host == default == server.host == "127.0.0.1" and all(s == "127.0.0.1" for s in sockets)
    return row("listening address when started without --host", "127.0.0.1 only", observed, ok)


def check_cors(server: Endpoint) -> dict:
    answers = {
        "answer": server.get(SIMPLE),
        "error": server.get("SELECT WHERE {"),
        "preflight": server.request("OPTIONS", "/sparql", headers={
            "Origin": "https://example.org", "Access-Control-Request-Method": "POST"}),
    }
    origins = {name: headers.get("access-control-allow-origin") for name, (_, headers, _, _) in answers.items()}
    preflight = answers["preflight"]
    return row("CORS: a query, an error and an OPTIONS pre-flight from another origin",
               "Access-Control-Allow-Origin on each; pre-flight 204 allowing POST",
               f"Allow-Origin {origins}; pre-flight {preflight[0]}, methods {preflight[1].get('access-control-allow-methods')}",
               all(v == "*" for v in origins.values()) and preflight[0] == 204
               and "POST" in (preflight[1].get("access-control-allow-methods") or ""))


def check_load(data: Path, requests: int, clients: int, budget: float) -> dict:
    load = bench_load(data, requests, clients, workers=2, budget=budget)
    return row(
        f"load burst: {requests:,} cookbook queries from {clients} concurrent clients (default settings, 2 workers)",
        f"all {requests:,} answered, zero errors",
        f"{load['requests_sent']:,} sent in {load['wall_s']} s: {load['throughput_rps']} req/s, p50 {load['p50_ms']} ms, "
        f"p99 {load['p99_ms']} ms, max {load['max_ms']} ms, errors {load['errors']}"
        + (f" {load['error_kinds']}" if load["errors"] else ""),
        load["requests_sent"] == requests and load["errors"] == 0,
    )


# ---------------------------------------------------------------- running it


def build_sample(out: Path) -> Path:
    """Build the sample corpus into ``out``."""
    run = subprocess.run([sys.executable, "-m", "graph.cli", "build", str(SAMPLE), "--out", str(out), "-q"],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    if run.returncode not in (0, 2) or not (out / "graph.trig").exists():
        raise SystemExit(f"building the sample corpus failed ({run.returncode}): {run.stderr.strip()[-400:]}")
    return out


def run_checks(data: Path, requests: int, clients: int, budget: float) -> list[dict]:
    rows: list[dict] = []
    server = Endpoint(data, "--timeout", str(TIME_LIMIT), "--max-rows", str(MAX_ROWS), "--workers", "2")
    try:
        permissive = Endpoint(data, "--allow-service", "--workers", "1")
        try:
            rows += check_service(server, permissive)
        finally:
            permissive.stop()
        rows += check_updates(server)
        rows.append(check_malformed(server))
        rows += check_runaway(server)
        rows.append(check_row_limit(server))
        rows += check_request_size(server)
        rows += check_traversal(server)
        rows.append(check_address(server))
        rows.append(check_cors(server))
    finally:
        server.stop()
    rows.append(check_load(data, requests, clients, budget))
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| input | expected | observed | result |", "|---|---|---|---|"]
    for r in rows:
        cells = [str(r[k]).replace("|", "\\|") for k in ("input", "expected", "observed")]
        lines.append(f"| {' | '.join(cells)} | {'pass' if r['ok'] else 'FAIL'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", help="a build directory to serve (default: build data/gazettes into a temporary folder)")
    parser.add_argument("--json", default=str(OUT), help="where to write the rows (default: %(default)s)")
    parser.add_argument("--requests", type=int, default=2000, help="load burst: requests in all (default: 2000)")
    parser.add_argument("--clients", type=int, default=8, help="load burst: concurrent clients (default: 8)")
    parser.add_argument("--load-budget", type=float, default=60.0, help="load burst: stop after this many seconds (default: 60)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="govkg-endpoint-") as tmp:
        data = Path(args.data) if args.data else build_sample(Path(tmp) / "out")
        rows = run_checks(data, args.requests, args.clients, args.load_budget)
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(table(rows))
    failed = sum(1 for r in rows if not r["ok"])
    print(f"{len(rows) - failed} passed, {failed} failed in {time.perf_counter() - started:.0f} s; wrote {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
