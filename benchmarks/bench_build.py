"""Build throughput at several corpus sizes, against jieba tokenising the same text.

Run from the repository root::

    .venv/bin/python benchmarks/bench_build.py --scales 1 5 20 --repeat 3 --json benchmarks/results/build.json

For each scale N it writes a synthetic corpus of N copies of the sample corpus
with distinct document numbers, then measures, each as a whole process:

- ``govkg build`` with ``--jobs 2`` and ``--jobs 1`` (wall seconds, MB/s of
  input, peak RSS of the largest process, triples per second, time per stage
  summed over workers from ``build-stats.json``), and whether their outputs
  are byte-identical;
- the baselines: one process tokenising the same text with ``jieba.lcut``
  (dictionary load included, as in the build), and the same with jieba-rs
  (``rjieba``), which the build's tokenizer uses where it agrees with jieba;
- an incremental rebuild after changing one file (a closing paragraph
  naming two agencies: new statements in one document's graph), against
  the full build that filled the cache, and whether its output equals
  that of a fresh build of the changed corpus.

With ``--repeat N`` every figure is the median of N rounds, each round
running all measurements back to back, so ratios (build / jieba, --jobs 1 /
--jobs 2) compare runs made under the same machine load.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "gazettes"
_NUMBER = re.compile(r"([〔\[(（])([0-9０-９]{4})([〕\])）])(\s*)([0-9０-９]+)(\s*号)")
_FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def make_corpus(scale: int, folder: Path) -> int:
    """Write ``scale`` copies of the sample corpus with distinct document numbers.

    Copy ``k`` renumbers every ``〔2021〕14号`` to ``〔2021〕k014号`` (``k×1000``
    added, in the digit width the text uses), so no two copies share a
    document number and numbers keep at most five digits like real ones
    (copies up to 99; the sample's numbers are all below 1000).
    Returns the number of bytes written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for k in range(scale):
        for path in sorted(SAMPLE.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            if k:
                text = _NUMBER.sub(lambda m: _renumber(m, k), text)
            data = text.encode("utf-8")
            (folder / f"{k:04d}_{path.name}").write_bytes(data)
            total += len(data)
    return total


def _renumber(match: re.Match, k: int) -> str:
    open_, year, close, space, number, tail = match.groups()
    full = number[0] in "０１２３４５６７８９"
    digits = number.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    new = str(k * 1000 + int(digits))
    if full:
        new = new.translate(_FULL)
    return f"{open_}{year}{close}{space}{new}{tail}"


def peak_rss_of(cmd: list[str]) -> tuple[float, int, float]:
    """Wall seconds, peak RSS (KiB) and CPU seconds (user + system, all
    processes) of one command, measured in a fresh helper process.

    ``RUSAGE_CHILDREN`` keeps the maximum over every child ever waited for, so
    each measurement runs under its own small Python parent.
    """
    probe = (
        "import resource,subprocess,sys,time,json;"
        "t=time.perf_counter();p=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE);"
        "w=time.perf_counter()-t;"
        "u=resource.getrusage(resource.RUSAGE_CHILDREN);"
        "print(json.dumps([w,u.ru_maxrss,u.ru_utime+u.ru_stime,p.returncode,p.stderr.decode()[-2000:]]))"
    )
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True)
    wall, rss, cpu, code, err = json.loads(out.stdout)
    if code not in (0, 2):
        raise SystemExit(f"command failed ({code}): {' '.join(cmd)}\n{err}")
    return wall, rss, cpu


JIEBA = (
    "import sys,pathlib,jieba;jieba.setLogLevel(60);"
    "n=sum(len(jieba.lcut(p.read_text(encoding='utf-8'))) for p in sorted(pathlib.Path(sys.argv[1]).glob('*.txt')));"
    "print(n)"
)
#: The same with jieba-rs (``rjieba``), which the build's tokenizer uses where it agrees with jieba.
RJIEBA = (
    "import sys,pathlib,rjieba;"
    "n=sum(len(rjieba.cut(p.read_text(encoding='utf-8'),True)) for p in sorted(pathlib.Path(sys.argv[1]).glob('*.txt')));"
    "print(n)"
)
OUTPUTS = ("graph.ttl", "graph.trig", "graph.nq", "graph.gexf", "build-report.json")
#: The change made to one file before the incremental rebuild: a closing
#: paragraph naming two agencies, so the last document gains statements
#: (mentions) and every output changes, as a real edit would change them.
CHANGE = "本通知由浙江省财政厅、浙江省科学技术厅负责解释。\n"


def median(values: list[float]) -> float:
    """The median (the mean of the two middle values for an even count).

    >>> median([3.0, 1.0, 2.0]), median([4.0, 1.0, 2.0, 3.0])
    (2.0, 2.5)
    """
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def build_cmd(corpus: Path, out: Path, jobs: int, cache: bool) -> list[str]:
    return [sys.executable, "-m", "graph.cli", "build", str(corpus), "--out", str(out), "--jobs", str(jobs), "-q",
            *([] if cache else ["--no-cache"])]


def bench_scale(scale: int, work: Path, jobs_list: list[int], repeat: int = 1) -> dict:
    """Measure one corpus size; every figure is the median of ``repeat`` runs,
    and the runs of one repetition follow each other (same machine load)."""
    corpus = work / f"corpus-{scale}x"
    shutil.rmtree(corpus, ignore_errors=True)
    size = make_corpus(scale, corpus)
    row: dict = {"scale": scale, "input_mb": round(size / 1e6, 3), "repeat": repeat,
                 "load_average": os.getloadavg()[0]}
    runs: dict[str, list] = {}
    for _ in range(repeat):
        runs.setdefault("jieba", []).append(peak_rss_of([sys.executable, "-c", JIEBA, str(corpus)])[0])
        runs.setdefault("rjieba", []).append(peak_rss_of([sys.executable, "-c", RJIEBA, str(corpus)])[0])
        for jobs in jobs_list:
            out = work / f"out-{scale}x-j{jobs}"
            shutil.rmtree(out, ignore_errors=True)
            wall, rss, cpu = peak_rss_of(build_cmd(corpus, out, jobs, cache=False))
            stats = json.loads((out / "build-stats.json").read_text())
            stats["cpu_seconds"] = cpu
            runs.setdefault(f"j{jobs}", []).append((wall, rss, stats))
        # Incremental: a build that fills the cache, then one file changed and built again.
        out = work / f"out-{scale}x-incr"
        shutil.rmtree(out, ignore_errors=True)
        incr_corpus = work / f"corpus-{scale}x-incr"
        shutil.rmtree(incr_corpus, ignore_errors=True)
        shutil.copytree(corpus, incr_corpus)
        cmd = build_cmd(incr_corpus, out, max(jobs_list), cache=True)
        full = peak_rss_of(cmd)[0]
        victim = sorted(incr_corpus.glob("*.txt"))[0]
        victim.write_text(victim.read_text(encoding="utf-8").rstrip() + "\n\n" + CHANGE, encoding="utf-8")
        incr = peak_rss_of(cmd)[0]
        runs.setdefault("incremental", []).append((full, incr, incr / full))
    # The rebuilt output against a fresh build of the changed corpus (not timed).
    fresh = work / f"out-{scale}x-incr-fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    peak_rss_of(build_cmd(incr_corpus, fresh, max(jobs_list), cache=False))
    row["incremental_identical_to_fresh"] = all(
        (out / name).read_bytes() == (fresh / name).read_bytes() for name in OUTPUTS)
    jieba_s = median(runs["jieba"])
    row["jieba_seconds"] = round(jieba_s, 3)
    row["jieba_mb_per_s"] = round(size / jieba_s / 1e6, 3)
    row["rjieba_seconds"] = round(median(runs["rjieba"]), 3)
    for jobs in jobs_list:
        measured = runs[f"j{jobs}"]
        wall = median([m[0] for m in measured])
        stats = measured[-1][2]
        stages = {k: round(median([m[2]["stage_seconds"].get(k, 0.0) for m in measured]), 3)
                  for k in stats["stage_seconds"]}
        row[f"j{jobs}"] = {
            "seconds": round(wall, 3),
            "all_seconds": [round(m[0], 3) for m in measured],
            "cpu_seconds": round(median([m[2]["cpu_seconds"] for m in measured]), 3),
            "mb_per_s": round(size / wall / 1e6, 3),
            "ratio_to_jieba": round(median([m[0] / j for m, j in zip(measured, runs["jieba"])]), 3),
            "peak_rss_mb": round(max(m[1] for m in measured) / 1024, 1),
            "triples": stats["triples"],
            "quads": stats["quads"],
            "triples_per_s": round(stats["triples"] / wall, 1),
            "stage_seconds": stages,
        }
    first = work / f"out-{scale}x-j{jobs_list[0]}"
    row["identical_across_jobs"] = all(
        (first / name).read_bytes() == (work / f"out-{scale}x-j{j}" / name).read_bytes()
        for j in jobs_list[1:] for name in OUTPUTS)
    incr = runs["incremental"]
    row["incremental"] = {"full_seconds": round(median([x[0] for x in incr]), 3),
                          "one_file_changed_seconds": round(median([x[1] for x in incr]), 3),
                          "fraction": round(median([x[2] for x in incr]), 3)}
    if 1 in jobs_list and 2 in jobs_list:
        row["speedup_j2"] = round(median([a[0] / b[0] for a, b in zip(runs["j1"], runs["j2"])]), 3)
    return row


def print_table(rows: list[dict], jobs_list: list[int]) -> None:
    head = f"{'scale':>5} {'MB':>6} {'jieba s':>8} {'rjieba s':>8}"
    for j in jobs_list:
        head += f" {'j'+str(j)+' s':>7} {'MB/s':>5} {'×jieba':>6} {'RSS MB':>6}"
    head += f" {'triples/s':>9} {'j1/j2':>5} {'incr s':>6} {'incr/full':>9}"
    print(head)
    for r in rows:
        line = f"{r['scale']:>5} {r['input_mb']:>6.2f} {r['jieba_seconds']:>8.2f} {r['rjieba_seconds']:>8.2f}"
        for j in jobs_list:
            x = r[f"j{j}"]
            line += f" {x['seconds']:>7.2f} {x['mb_per_s']:>5.2f} {x['ratio_to_jieba']:>6.2f} {x['peak_rss_mb']:>6.0f}"
        x = r[f"j{jobs_list[0]}"]
        line += f" {x['triples_per_s']:>9.0f} {r.get('speedup_j2', float('nan')):>5.2f}"
        line += f" {r['incremental']['one_file_changed_seconds']:>6.2f} {r['incremental']['fraction']:>9.2f}"
        print(line)
    for r in rows:
        for j in jobs_list:
            stages = ", ".join(f"{k} {v:.2f}" for k, v in r[f"j{j}"]["stage_seconds"].items())
            print(f"  {r['scale']}x j{j} CPU {r[f'j{j}']['cpu_seconds']:.2f} s; stage seconds (summed over workers): {stages}")
        print(f"  {r['scale']}x incremental rebuild byte-identical to a fresh build: "
              f"{r['incremental_identical_to_fresh']}")
        print(f"  {r['scale']}x outputs byte-identical across --jobs: {r['identical_across_jobs']}; "
              f"runs (s): " + "; ".join(f"j{j} {r[f'j{j}']['all_seconds']}" for j in jobs_list))


def snapshot_code(work: Path) -> Path:
    """Copy the packages a build runs (graph, exports, ontology) into ``work/code``.

    Every build of the benchmark runs this copy, so all of them measure the
    same code even while the work tree is being edited (an edit would also
    change the builder version and empty the cache between the two builds
    of the incremental measurement).
    """
    code = work / "code"
    shutil.rmtree(code, ignore_errors=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in ("graph", "exports", "ontology"):
        shutil.copytree(ROOT / package, code / package, ignore=ignore)
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 5, 20], help="corpus sizes as multiples of the sample")
    parser.add_argument("--jobs", type=int, nargs="+", default=[2, 1], help="worker counts to measure")
    parser.add_argument("--json", type=Path, default=None, help="write the results here as JSON")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; medians are reported")
    args = parser.parse_args(argv)
    work = (args.work or Path(tempfile.mkdtemp(prefix="govkg-bench-"))).resolve()
    if args.json:
        args.json = args.json.resolve()
    code = snapshot_code(work)
    os.environ["PYTHONPATH"] = str(code) + os.pathsep + os.environ.get("PYTHONPATH", "")
    os.chdir(code)  # ``python -m`` puts the current folder first on the module path
    rows = [bench_scale(scale, work, args.jobs, args.repeat) for scale in args.scales]
    print_table(rows, args.jobs)
    if len(rows) >= 2:
        a, b = rows[-2], rows[-1]
        j = args.jobs[0]
        per_mb = [r[f"j{j}"]["seconds"] / r["input_mb"] for r in (a, b)]
        print(f"seconds per MB at {a['scale']}x vs {b['scale']}x (j{j}): {per_mb[0]:.3f} vs {per_mb[1]:.3f}"
              f" ({(per_mb[1] / per_mb[0] - 1) * 100:+.1f}%)")
    if 1 in args.jobs and 2 in args.jobs:
        for r in rows:
            print(f"{r['scale']}x: --jobs 2 is {r['j1']['seconds'] / r['j2']['seconds']:.2f}× faster than --jobs 1")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"machine_cores": os.cpu_count(), "rows": rows}, indent=1) + "\n")
        print(f"wrote {args.json}")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
