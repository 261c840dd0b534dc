"""Run the reliability scenarios and write ``docs/RELIABILITY.md``.

Run from the repository root::

    .venv/bin/python benchmarks/reliability.py

What it does:

1. runs ``tests/test_reliability.py`` (hostile input batch, damaged documents,
   killed builds, the output lock) and ``tests/test_fuzz.py`` (hypothesis) with
   pytest; each test records what it tried and what it saw
   (``GOVKG_RELIABILITY_LOG``), and pytest's JUnit report gives each test's
   outcome;
2. measures the 10 MB single line on its own (ingest and segmentation in this
   process, then a whole ``govkg build`` of it, with its time and peak memory),
   checks that the corpus read in small pieces gives the same mentions as read
   whole, and builds a folder of files without Chinese text;
3. runs ``benchmarks/reliability_endpoint.py`` (hostile queries and the load
   burst on ``govkg serve``, about 40 s), which writes
   ``docs/reliability-endpoint.json``, and reads its rows from there
   (``--endpoint-from-json`` only reads the file; without the file those rows
   say "see tests/test_server.py");
4. writes the table: input, expected, observed, pass/fail.

A row passes only when its own check passed and its test passed.  Exit
status: 0 when every row passes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "RELIABILITY.md"
ENDPOINT = ROOT / "docs" / "reliability-endpoint.json"
ENDPOINT_SCRIPT = ROOT / "benchmarks" / "reliability_endpoint.py"
TEST_FILES = ("tests/test_reliability.py", "tests/test_fuzz.py")

#: Table sections: a title and the tests (file::name prefix) whose rows it holds.
SECTIONS = (
    ("Hostile inputs (one batch through `govkg build`)", ("test_reliability.py::test_hostile",
                                                          "test_reliability.py::test_every",
                                                          "test_reliability.py::test_file_cut",
                                                          "test_reliability.py::test_ten",
                                                          "test_reliability.py::test_thousands")),
    ("Damaged documents", ("test_reliability.py::test_damaged",)),
    ("Outputs and processes: killed builds, a dying worker, the lock", ("test_reliability.py::test_killed",
                                                                        "test_reliability.py::test_next",
                                                                        "test_reliability.py::test_a_worker",
                                                                        "test_reliability.py::test_second")),
    ("Fuzzing (hypothesis)", ("test_fuzz.py::",)),
)

#: Endpoint rows shown when the endpoint's own results are not there.
ENDPOINT_PLACEHOLDERS = (
    "runaway query (the graph joined with itself three times)",
    "a second client while the runaway query runs",
    "SPARQL Update",
    "SERVICE (federated query)",
    "result-row limit",
    "request-size limit",
    "listening address (127.0.0.1 by default)",
    "path traversal through the static files",
    "load burst of cookbook queries",
)


# ---------------------------------------------------------------- running the tests


def run_tests(log: Path, junit: Path) -> int:
    """Run the reliability and fuzz tests, recording into ``log``; return pytest's status."""
    env = dict(os.environ, GOVKG_RELIABILITY_LOG=str(log))
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={junit}", *TEST_FILES]
    return subprocess.run(command, cwd=ROOT, env=env).returncode


def outcomes(junit: Path) -> dict[str, tuple[bool, float, str]]:
    """``file::test name`` → (passed, seconds, failure message) from a JUnit report."""
    result = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        module = case.get("classname", "").split(".")[-1]
        key = f"{module}.py::{case.get('name')}"
        failure = case.find("failure")
        if failure is None:
            failure = case.find("error")
        skipped = case.find("skipped") is not None
        message = "" if failure is None else (failure.get("message") or "")[:200]
        result[key] = (failure is None and not skipped, float(case.get("time", 0)), message)
    return result


def read_records(log: Path) -> list[dict]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]


def rows_for(prefixes: tuple[str, ...], records: list[dict], results: dict) -> list[dict]:
    """The rows of one section: every record of its tests, plus failed tests that recorded nothing."""
    rows = []
    recorded = set()
    for record in records:
        if record["test"].startswith(prefixes):
            passed = results.get(record["test"], (False, 0, "test did not report"))[0]
            rows.append({**record, "ok": record["ok"] and passed})
            recorded.add(record["test"])
    for test, (passed, _, message) in sorted(results.items()):
        if test.startswith(prefixes) and test not in recorded:
            rows.append({"test": test, "input": test.split("::", 1)[1], "expected": "test passes",
                         "observed": "passed" if passed else f"failed: {message}", "ok": passed})
    return rows


# ---------------------------------------------------------------- the 10 MB line


def measure_big_line() -> list[dict]:
    """Time ingest and segmentation of a 10 MB single line, then a whole build of it."""
    from graph.ingest import read_source
    from graph.segment import split_documents
    from tests.test_reliability import ten_megabyte_line

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "line.txt"
        ten_megabyte_line(path)
        size = path.stat().st_size
        clock = time.perf_counter()
        source = read_source(path)
        ingest = time.perf_counter() - clock
        clock = time.perf_counter()
        documents = split_documents(source)
        segment = time.perf_counter() - clock
        rows.append({
            "input": f"10 MB single line ({size / 1e6:.1f} MB, {len(source.text):,} characters): ingest + segmentation",
            "expected": "linear time (no regular expression blows up)",
            "observed": f"ingest {ingest:.1f} s, segmentation {segment:.1f} s, {len(documents)} document(s)",
            "ok": True,
        })
        out = Path(tmp) / "out"
        status, stderr, seconds, peak = run_measured(
            [sys.executable, "-m", "graph.cli", "build", str(path), "--out", str(out), "-q", "--jobs", "1",
             "--no-cache"], timeout=1800)
        message = stderr.strip().splitlines()[-1] if stderr.strip() else ""
        documents = stages = ""
        if (out / "build-report.json").exists() and (out / "build-stats.json").exists():
            report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
            stats = json.loads((out / "build-stats.json").read_text(encoding="utf-8"))
            documents = f"built: {sum(len(f['documents']) for f in report['files'])} document(s), " \
                        f"{stats.get('triples', 0):,} triples"
            stages = "stages " + ", ".join(f"{k} {v:.1f} s" for k, v in stats.get("stage_seconds", {}).items())
        rows.append({
            "input": "10 MB single line alone: `govkg build line.txt` (read in pieces of at most 100,000 characters)",
            "expected": "built (exit 0), no traceback; time and peak memory of the build process",
            "observed": "; ".join(part for part in (f"exit {status} after {seconds:.1f} s, peak RSS {peak / 1e6:.0f} MB",
                                                     documents, message[:160], stages) if part),
            "ok": "Traceback" not in stderr and status == 0 and bool(documents),
        })
    return rows


def run_measured(command: list[str], timeout: float) -> tuple[int, str, float, int]:
    """Run ``command``; return (exit status, stderr, seconds, peak resident memory in bytes).

    The peak is the child's own ``ru_maxrss`` (from ``os.wait4``), so earlier
    runs in this process do not count.
    """
    import threading

    with tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        clock = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err, text=True)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _, wait_status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - clock
        process.returncode = os.waitstatus_to_exitcode(wait_status)
        err.seek(0)
        return process.returncode, err.read(), seconds, usage.ru_maxrss * 1024


def measure_pieces() -> list[dict]:
    """Mentions of every corpus document read in 2,000-character pieces against the whole reading."""
    from graph.gazetteer import load_gazetteer
    from graph.ingest import read_source
    from graph.nlp import find_mentions, load_pipeline, mentions_of
    from graph.segment import split_documents

    nlp = load_pipeline(load_gazetteer())
    documents = [d for p in sorted((ROOT / "data" / "gazettes").glob("*.txt")) for d in split_documents(read_source(p))]
    cut = [d for d in documents if len(d.text) > 2000]
    differ = [d.key for d in documents if find_mentions(nlp, d, chunk_size=2000) != mentions_of(nlp(d.text))]
    mentions = sum(len(find_mentions(nlp, d)) for d in documents)
    return [{
        "input": f"all {len(documents)} corpus documents read in 2,000-character pieces "
                 f"({len(cut)} of them cut), against each read whole",
        "expected": "exactly the same mentions (text, label, offsets)",
        "observed": f"{len(documents) - len(differ)} of {len(documents)} identical ({mentions:,} mentions)"
                    + (f"; differ: {', '.join(differ[:5])}" if differ else ""),
        "ok": not differ,
    }]


# ---------------------------------------------------------------- files without Chinese text


def measure_non_chinese() -> list[dict]:
    """Build a folder of text that is not a Chinese document beside one that is."""
    files = {
        "english.txt": ("English meeting notes, no Chinese character", "Meeting notes\nNothing to see here.\n",
                        "skipped: no Chinese text"),
        "digits.txt": ("a file of digits", "20210604 3.1415926 00000000\n" * 100, "skipped: no Chinese text"),
        "russian.txt": ("Russian prose in UTF-8", "Постановление правительства о развитии региона.\n" * 20,
                        "skipped: no Chinese text"),
        "quoted.txt": ("English note quoting a Chinese document title",
                       "Notes for the team\nSee 浙江省人民政府关于印发浙江省科技创新发展十四五规划的通知 for targets.\n",
                       "built"),
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "in", Path(tmp) / "out"
        folder.mkdir()
        for name, (_, text, _) in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        run = subprocess.run([sys.executable, "-m", "graph.cli", "build", str(folder), "--out", str(out), "-q",
                              "--jobs", "1", "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=600)
        report = json.loads((out / "build-report.json").read_text(encoding="utf-8")) \
            if (out / "build-report.json").exists() else {"skipped": [], "files": []}
    skipped = {Path(s["path"]).name: s["reason"] for s in report["skipped"]}
    built = {Path(f["path"]).name: len(f["documents"]) for f in report["files"] if f.get("documents")}
    rows = []
    for name, (what, _, expected) in files.items():
        if name in skipped:
            observed = f"skipped: {skipped[name]}"
            ok = expected == observed and f"govkg: skipped {folder / name}: " in run.stderr
        else:
            observed = f"built: {built.get(name, 0)} document(s)"
            ok = expected == "built" and built.get(name, 0) > 0
        rows.append({"input": what, "expected": expected, "observed": observed, "ok": ok})
    rows.append({"input": "the build of these four files", "expected": "exit status 2 (some skipped), no traceback",
                 "observed": f"exit status {run.returncode}; traceback: {'yes' if 'Traceback' in run.stderr else 'no'}",
                 "ok": run.returncode == 2 and "Traceback" not in run.stderr})
    return rows


# ---------------------------------------------------------------- the endpoint


def run_endpoint() -> list[dict]:
    """Run the endpoint script (it rewrites ``ENDPOINT``); a failing row when it could not finish."""
    run = subprocess.run([sys.executable, str(ENDPOINT_SCRIPT), "--json", str(ENDPOINT)], cwd=ROOT,
                         capture_output=True, text=True, timeout=900)
    if run.returncode in (0, 1):  # 1: some row failed, which the rows themselves say
        return []
    tail = run.stderr.strip().splitlines()[-1] if run.stderr.strip() else ""
    return [{"input": "benchmarks/reliability_endpoint.py", "expected": "runs to the end",
             "observed": f"exit {run.returncode}: {tail[:200]} (rows below may be from an earlier run)", "ok": False}]


def endpoint_rows() -> list[dict]:
    """Rows from ``docs/reliability-endpoint.json`` or placeholders pointing at the server tests.

    The file holds a list of rows (or ``{"rows": [...]}``), each with
    ``input``, ``expected``, ``observed`` and ``ok``.
    """
    if ENDPOINT.exists():
        data = json.loads(ENDPOINT.read_text(encoding="utf-8"))
        rows = data.get("rows", []) if isinstance(data, dict) else data
        return [{"input": r.get("input", ""), "expected": r.get("expected", ""),
                 "observed": r.get("observed", ""), "ok": r.get("ok")} for r in rows]
    return [{"input": name, "expected": "see tests/test_server.py", "observed": "see test_server", "ok": None}
            for name in ENDPOINT_PLACEHOLDERS]


# ---------------------------------------------------------------- the document


_TEMP_PATH = re.compile(r"(?:/tmp|/var/tmp|/private/var)/[^\s:()]*/")


def cell(text) -> str:
    """One table cell: no pipes or newlines, temporary folders shortened.

    >>> cell("skipped /tmp/pytest-1/hostile0/in/enc/cut.txt: a|b")
    'skipped …/cut.txt: a\\\\|b'
    """
    return _TEMP_PATH.sub("…/", str(text)).replace("|", "\\|").replace("\n", " ")


def verdict(ok) -> str:
    return "—" if ok is None else ("pass" if ok else "**FAIL**")


def render(sections: list[tuple[str, list[dict]]], status: int, seconds: float) -> str:
    """The Markdown page."""
    rows = [r for _, rs in sections for r in rs]
    passed = sum(1 for r in rows if r["ok"])
    failed = sum(1 for r in rows if r["ok"] is False)
    lines = [
        "# Reliability record",
        "",
        "Generated by `benchmarks/reliability.py` — regenerate with:",
        "",
        "    .venv/bin/python benchmarks/reliability.py",
        "",
        "Each row is one thing tried against govkg, what must happen, and what happened. Rows come from",
        "the records of `tests/test_reliability.py` and `tests/test_fuzz.py` (a row passes only when its",
        "own check and its test passed), from timing the 10 MB line and building files without Chinese",
        "text directly (and reading the corpus in small pieces), and for the SPARQL",
        "endpoint from `benchmarks/reliability_endpoint.py` (its rows: `docs/reliability-endpoint.json`).",
        "",
        f"Summary: **{passed} passed, {failed} failed** of {len(rows)} rows "
        f"(pytest exit status {status}); {seconds:.0f} s on {platform.machine()} with {os.cpu_count()} cores, "
        f"Python {platform.python_version()}.",
        "",
    ]
    for title, section in sections:
        lines += [f"## {title}", "", "| input | expected | observed | result |", "|---|---|---|---|"]
        for r in section:
            lines.append(f"| {cell(r['input'])} | {cell(r['expected'])} | {cell(r['observed'])} | {verdict(r['ok'])} |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(OUT), help="Markdown file to write (default: %(default)s)")
    parser.add_argument("--skip-big-line", action="store_true", help="do not time the 10 MB line separately")
    parser.add_argument("--endpoint-from-json", action="store_true",
                        help="do not run benchmarks/reliability_endpoint.py; read its last rows from docs/")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        log, junit = Path(tmp) / "records.jsonl", Path(tmp) / "junit.xml"
        status = run_tests(log, junit)
        records = read_records(log)
        results = outcomes(junit) if junit.exists() else {}
    sections = [(title, rows_for(prefixes, records, results)) for title, prefixes in SECTIONS]
    known = tuple(prefix for _, prefixes in SECTIONS for prefix in prefixes)
    others = [r for r in records if not r["test"].startswith(known)]
    if others:
        sections.append(("Other checks", rows_for(tuple({r["test"] for r in others}), records, results)))
    if not args.skip_big_line:
        sections.insert(1, ("The 10 MB single line, measured alone", measure_big_line() + measure_pieces()))
    sections.insert(2 if not args.skip_big_line else 1,
                    ("Text that is not a Chinese document", measure_non_chinese()))
    endpoint_failure = [] if args.endpoint_from_json else run_endpoint()
    sections.append(("SPARQL endpoint (hostile queries and load)", endpoint_failure + endpoint_rows()))
    text = render(sections, status, time.perf_counter() - started)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    failed = any(r["ok"] is False for _, rows in sections for r in rows)
    return 1 if failed or status else 0


if __name__ == "__main__":
    sys.exit(main())
