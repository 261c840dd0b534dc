"""Cookbook query latency, pyoxigraph against rdflib, and a load burst on ``govkg serve``.

Run from the repository root after a build::

    .venv/bin/python -m graph.cli build data/gazettes --out out
    .venv/bin/python benchmarks/bench_sparql.py --data out --json benchmarks/results/sparql.json

1. **Engines.** The build's ``graph.trig`` is loaded into the project's store
   (:func:`graph.store.load_store`: pyoxigraph, union as default graph) and
   into an ``rdflib.Dataset`` with ``default_union=True`` (rdflib's own
   SPARQL engine). Every cookbook query runs ``--repeat`` times on each after
   one warm-up run; a timed run is the query answered and its rows read into
   Python (``graph.store.execute``; ``list()`` of rdflib's result). The table
   shows the median latency of each engine, the ratio rdflib / pyoxigraph and
   whether both found the same number of distinct rows (counted outside the
   timed runs). rdflib runs each query in a forked child process that is
   killed after ``--rdflib-budget`` seconds (its engine can take minutes and
   gigabytes on some joins); a query it did not finish once is reported as
   "stopped at the budget", with the ratio as a lower bound.
2. **Load.** ``govkg serve`` is started as its own process (2 workers), and
   ``--clients`` threads send ``--requests`` cookbook queries in all (round
   robin, POST form, JSON results, keep-alive connections) on 127.0.0.1. The
   burst is bounded by count and by ``--load-budget`` seconds. Reported:
   throughput, p50/p99 latency, errors (anything but 200).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.commands.queries import load_cookbook  # noqa: E402
from graph.store import QUERY_PREFIXES, execute, find_dataset, load_store  # noqa: E402


# ---------------------------------------------------------------------------
# Engines
# ---------------------------------------------------------------------------


def load_rdflib(path: Path):
    """The dataset in rdflib, union as default graph (as the project's store)."""
    from rdflib import Dataset

    dataset = Dataset(default_union=True)
    fmt = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle"}[path.suffix]
    dataset.parse(str(path), format=fmt)
    return dataset


def rdflib_answer(dataset, query: str):
    """Run a query with rdflib and read its whole answer (what is timed)."""
    result = dataset.query(query, initNs=QUERY_PREFIXES)
    if result.type == "ASK":
        return bool(result)
    return list(result)


def rdflib_rows(answer) -> int:
    """The number of distinct rows of an rdflib answer (or 1 for ASK)."""
    if isinstance(answer, bool):
        return 1
    return len({tuple(str(v) for v in row) for row in answer})


def oxigraph_rows(result) -> int:
    """The number of distinct rows of a :class:`graph.store.QueryResult`.

    Counted outside the timed runs: turning every term into a string to
    compare rows costs more than the query itself on long answers.
    """
    if result.kind == "select":
        return len({tuple(str(v) for v in row) for row in result.rows})
    return len(result)


def _rdflib_child(conn, dataset, query: str, runs: int) -> None:
    """In a forked child: run the query ``runs`` times, reporting each run."""
    try:
        for _ in range(runs):
            started = time.perf_counter()
            answer = rdflib_answer(dataset, query)
            elapsed = time.perf_counter() - started
            conn.send(("run", elapsed, rdflib_rows(answer)))
        conn.send(("done", 0.0, 0))
    except Exception as exc:  # rdflib's engine fails on some valid queries
        conn.send(("error", f"{type(exc).__name__}: {exc}", 0))


def timed_rdflib(dataset, query: str, repeat: int, budget: float) -> dict:
    """Time rdflib in a forked child killed after ``budget`` seconds.

    rdflib's engine can run for many minutes and gigabytes on a join it
    plans badly, and a Python thread cannot be stopped: so each query runs in
    a child process (forked, sharing the loaded dataset) that is killed at the
    budget. The first run is the warm-up; the median is over the runs after
    it, or the warm-up alone when only it finished.
    """
    import multiprocessing

    context = multiprocessing.get_context("fork")
    parent_end, child_end = context.Pipe()
    child = context.Process(target=_rdflib_child, args=(child_end, dataset, query, repeat + 1), daemon=True)
    child.start()
    child_end.close()
    runs: list[float] = []
    rows, error, deadline = None, None, time.monotonic() + budget
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not parent_end.poll(remaining):
            break
        try:
            kind, value, count = parent_end.recv()
        except EOFError:
            error = "the rdflib process died"
            break
        if kind == "run":
            runs.append(value)
            rows = count
        elif kind == "error":
            error = value
            break
        else:
            break
    if child.is_alive():
        child.kill()
    child.join()
    parent_end.close()
    if error:
        return {"error": error}
    if not runs:
        return {"timed_out_after_s": budget}
    timed_runs = runs[1:] or runs[:1]
    return {"median_s": statistics.median(timed_runs), "runs": len(timed_runs), "rows": rows}


def timed(run, repeat: int) -> tuple[list[float], object]:
    """Warm up once, then time ``repeat`` runs; return the times and the answer."""
    answer = run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return times, answer


def bench_engines(path: Path, repeat: int, rdflib_budget: float, with_rdflib: bool) -> dict:
    started = time.perf_counter()
    store = load_store(path)
    ox_load = time.perf_counter() - started
    report = {"oxigraph_load_s": round(ox_load, 3), "statements_in_store": len(store), "queries": []}
    dataset = None
    if with_rdflib:
        started = time.perf_counter()
        dataset = load_rdflib(path)
        report["rdflib_load_s"] = round(time.perf_counter() - started, 3)
    for query in load_cookbook():
        ox_times, ox_answer = timed(lambda: execute(store, query.text), repeat)
        ox_rows = oxigraph_rows(ox_answer)
        entry = {
            "name": query.name,
            "oxigraph_median_ms": round(statistics.median(ox_times) * 1000, 2),
            "oxigraph_rows": ox_rows,
        }
        if dataset is not None:
            rl = timed_rdflib(dataset, query.text, min(repeat, 3), rdflib_budget)
            if "error" in rl:
                entry["rdflib_error"] = rl["error"]
            elif "timed_out_after_s" in rl:
                # not one run finished: the ratio is at least budget / ours
                entry["rdflib_timed_out_after_s"] = rl["timed_out_after_s"]
                entry["ratio_at_least"] = round(rdflib_budget * 1000 / max(entry["oxigraph_median_ms"], 0.001), 1)
            else:
                entry["rdflib_median_ms"] = round(rl["median_s"] * 1000, 2)
                entry["rdflib_runs"] = rl["runs"]
                entry["rdflib_rows"] = rl["rows"]
                entry["ratio"] = round(entry["rdflib_median_ms"] / max(entry["oxigraph_median_ms"], 0.001), 1)
                entry["same_rows"] = rl["rows"] == ox_rows
        report["queries"].append(entry)
        print(_engine_line(entry), flush=True)
    medians = [q["oxigraph_median_ms"] for q in report["queries"]]
    report["oxigraph_max_median_ms"] = max(medians)
    if dataset is not None:
        ratios = [q["ratio"] for q in report["queries"] if "ratio" in q]
        report["rdflib_failed"] = [q["name"] for q in report["queries"] if "rdflib_error" in q]
        report["rdflib_timed_out"] = [q["name"] for q in report["queries"] if "rdflib_timed_out_after_s" in q]
        if ratios:
            report["ratio_geometric_mean_of_finished"] = round(statistics.geometric_mean(ratios), 1)
            report["ratio_min"] = min(ratios)
    return report


def _engine_line(q: dict) -> str:
    line = f"{q['name']:<26} {q['oxigraph_median_ms']:>9.2f} ms"
    if "rdflib_error" in q:
        line += f"  rdflib failed: {q['rdflib_error'][:60]}"
    elif "rdflib_timed_out_after_s" in q:
        line += f"  > {q['rdflib_timed_out_after_s']:>7.0f} s   >= {q['ratio_at_least']:.0f}x (rdflib stopped at the budget)"
    elif "rdflib_median_ms" in q:
        line += f" {q['rdflib_median_ms']:>11.1f} ms {q['ratio']:>8.1f}x  {'yes' if q['same_rows'] else 'NO'}"
        line += f"  ({q['oxigraph_rows']} rows)"
    else:
        line += f"  ({q['oxigraph_rows']} rows)"
    return line


# ---------------------------------------------------------------------------
# Load burst
# ---------------------------------------------------------------------------


def start_server(data: Path, workers: int) -> tuple[subprocess.Popen, str, int]:
    """Start ``govkg serve`` on a free loopback port; return (process, host, port)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "graph.cli", "serve", "--data", str(data), "--port", "0",
         "--workers", str(workers), "--quiet"],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    deadline = time.monotonic() + 120
    for line in process.stderr:
        match = re.search(r"http://(127\.0\.0\.1):(\d+)/", line)
        if match:
            threading.Thread(target=process.stderr.read, daemon=True).start()  # keep the pipe drained
            return process, match.group(1), int(match.group(2))
        if time.monotonic() > deadline:
            break
    process.kill()
    raise RuntimeError("govkg serve did not start")


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile.

    >>> percentile([1, 2, 3, 4], 0.5), percentile([1, 2, 3, 4], 0.99)
    (2, 4)
    """
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, int(-(-fraction * len(ordered) // 1)) - 1))
    return ordered[index]


def bench_load(data: Path, requests: int, clients: int, workers: int, budget: float) -> dict:
    process, host, port = start_server(data, workers)
    queries = [q.text for q in load_cookbook()]
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(requests))
    deadline = time.monotonic() + budget

    def client() -> None:
        conn = http.client.HTTPConnection(host, port, timeout=60)
        for index in counter:  # shared iterator: `requests` in all
            if time.monotonic() > deadline:
                break
            body = urlencode({"query": queries[index % len(queries)]})
            started = time.perf_counter()
            try:
                conn.request(
                    "POST", "/sparql", body,
                    {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"},
                )
                response = conn.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection(host, port, timeout=60)
            except (OSError, http.client.HTTPException) as exc:
                status = f"{type(exc).__name__}"
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=60)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    errors.append(str(status))
        conn.close()

    try:
        threads = [threading.Thread(target=client) for _ in range(clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
    return {
        "requests_sent": len(latencies),
        "clients": clients,
        "workers": workers,
        "wall_s": round(wall, 2),
        "throughput_rps": round(len(latencies) / wall, 1),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "max_ms": round(max(latencies) * 1000, 1),
        "errors": len(errors),
        "error_kinds": sorted(set(errors)),
    }


# ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="out", help="build directory (default: out)")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per query and engine (default: 7)")
    parser.add_argument("--rdflib-budget", type=float, default=20.0, help="seconds rdflib may spend on one query, repeats included (default: 20)")
    parser.add_argument("--no-rdflib", action="store_true", help="skip the rdflib comparison")
    parser.add_argument("--requests", type=int, default=2000, help="load burst: requests in all (default: 2000)")
    parser.add_argument("--clients", type=int, default=8, help="load burst: concurrent clients (default: 8)")
    parser.add_argument("--workers", type=int, default=2, help="load burst: server query workers (default: 2)")
    parser.add_argument("--load-budget", type=float, default=300.0, help="load burst: stop after this many seconds")
    parser.add_argument("--no-load", action="store_true", help="skip the load burst")
    parser.add_argument("--json", default=str(ROOT / "benchmarks" / "results" / "sparql.json"), help="where to write the JSON report")
    args = parser.parse_args(argv)

    path, _ = find_dataset(args.data)
    report = {"data": str(path), "python": platform.python_version(), "cpus": os.cpu_count()}
    print(f"{'query':<26} {'pyoxigraph':>12} {'rdflib':>14} {'ratio':>9}  same rows")
    report["engines"] = bench_engines(path, args.repeat, args.rdflib_budget, not args.no_rdflib)
    engines = report["engines"]
    print(f"load: pyoxigraph {engines['oxigraph_load_s']} s" + (f", rdflib {engines['rdflib_load_s']} s" if "rdflib_load_s" in engines else ""))
    print(f"slowest pyoxigraph median: {engines['oxigraph_max_median_ms']} ms", end="")
    if "ratio_min" in engines:
        print(
            f"; ratio rdflib/pyoxigraph over the queries rdflib finished: geometric mean "
            f"{engines['ratio_geometric_mean_of_finished']}x, least {engines['ratio_min']}x; "
            f"rdflib stopped at the budget: {', '.join(engines['rdflib_timed_out']) or 'none'}; "
            f"rdflib failed: {', '.join(engines['rdflib_failed']) or 'none'}"
        )
    else:
        print()
    if not args.no_load:
        load = bench_load(path, args.requests, args.clients, args.workers, args.load_budget)
        report["load"] = load
        print(
            f"load burst: {load['requests_sent']} requests, {load['clients']} clients, {load['workers']} workers: "
            f"{load['throughput_rps']} req/s, p50 {load['p50_ms']} ms, p99 {load['p99_ms']} ms, "
            f"max {load['max_ms']} ms, errors {load['errors']}"
        )
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 1 if report.get("load", {}).get("errors") else 0


if __name__ == "__main__":
    sys.exit(main())
