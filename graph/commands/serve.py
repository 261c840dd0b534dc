"""``govkg serve``: a read-only SPARQL endpoint and query page over a built graph.

    govkg serve --data out
    # query page: http://127.0.0.1:7878/   endpoint: http://127.0.0.1:7878/sparql
    curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 3' \\
         http://127.0.0.1:7878/sparql

See :mod:`graph.server` for the protocol and the safeguards.
"""

from __future__ import annotations

import ipaddress
import signal
import sys

from graph.errors import UserError
from graph.server import ServerConfig, WorkerStartError, make_server
from graph.store import find_dataset


def register(subparsers) -> None:
    """Add ``govkg serve``."""
    parser = subparsers.add_parser(
        "serve",
        help="serve a built graph over the SPARQL 1.1 Protocol, with a web query page",
        description=(
            "Serve a built graph read-only over the SPARQL 1.1 Protocol at /sparql, with a "
            "query page (YASGUI and the cookbook) at /. Each query runs in a worker process "
            "that is stopped when the query outlives --timeout."
        ),
    )
    parser.add_argument("--data", default="out", metavar="DIR", help="build directory holding graph.trig (default: out)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=int, default=7878, help="port (default: 7878; 0 picks a free one)")
    parser.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS", help="per-query time limit (default: 10)")
    parser.add_argument("--max-rows", type=int, default=10_000, metavar="N", help="result rows or triples at most (default: 10000)")
    parser.add_argument("--workers", type=int, default=2, metavar="N", help="query worker processes (default: 2)")
    parser.add_argument(
        "--max-request-bytes", type=int, default=256 * 1024, metavar="N", help="largest request body or query (default: 262144)"
    )
    parser.add_argument("--allow-service", action="store_true", help="allow SERVICE (federated queries to other endpoints)")
    parser.add_argument("--quiet", action="store_true", help="do not log each request")
    parser.set_defaults(func=run)


def _check(args) -> None:
    if args.timeout <= 0:
        raise UserError("--timeout must be more than 0 seconds")
    if args.max_rows < 1 or args.workers < 1 or args.max_request_bytes < 1024:
        raise UserError("--max-rows and --workers must be at least 1, --max-request-bytes at least 1024")
    if not 0 <= args.port <= 65535:
        raise UserError(f"--port {args.port}: not a port number")


def _is_loopback(host: str) -> bool:
    """
    >>> _is_loopback("127.0.0.1"), _is_loopback("localhost"), _is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _stop_on_term(signum, frame) -> None:
    """SIGTERM stops the server like Ctrl-C does (workers and all)."""
    raise KeyboardInterrupt


def run(args) -> int:
    """Start the workers, then serve until interrupted (Ctrl-C or SIGTERM)."""
    _check(args)
    signal.signal(signal.SIGTERM, _stop_on_term)
    path, _ = find_dataset(args.data)
    config = ServerConfig(
        data=str(path),
        host=args.host,
        port=args.port,
        timeout=args.timeout,
        max_rows=args.max_rows,
        allow_service=args.allow_service,
        workers=args.workers,
        max_request_bytes=args.max_request_bytes,
        quiet=args.quiet,
    )
    print(f"govkg: loading {path} into {config.workers} query worker(s)…", file=sys.stderr)
    try:
        server = make_server(config)
    except WorkerStartError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    if not _is_loopback(args.host):
        print(
            f"govkg: warning: listening on {args.host}: anyone who can reach this machine can query the graph",
            file=sys.stderr,
        )
    url = server.url
    print(
        f"govkg: {server.pool.store_size} statements; query page {url} · SPARQL endpoint {url}sparql "
        f"(time limit {config.timeout:g} s, at most {config.max_rows} rows; Ctrl-C stops)",
        file=sys.stderr,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("govkg: stopping", file=sys.stderr)
    finally:
        server.server_close()
    return 0
