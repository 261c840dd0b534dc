"""Build throughput at several corpus sizes, against jieba tokenising the same text.

Run from the repository root::

    .venv/bin/python benchmarks/bench_build.py --scales 1 5 20 --json benchmarks/results/build.json

For each scale N it writes a synthetic corpus of N copies of the sample corpus
with distinct document numbers, then measures, each as a whole process:

- ``govkg build`` with ``--jobs 2`` and ``--jobs 1`` (wall seconds, MB/s of
  input, peak RSS of the largest process, triples per second, time per stage
  summed over workers from ``build-stats.json``);
- the baseline: one process tokenising the same text with ``jieba.lcut``
  (dictionary load included, as in the build);
- an incremental rebuild after changing one file.

The ratio build / jieba holds on a noisy machine better than absolute times.
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


def peak_rss_of(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one command, measured in a fresh helper process.

    ``RUSAGE_CHILDREN`` keeps the maximum over every child ever waited for, so
    each measurement runs under its own small Python parent.
    """
    probe = (
        "import resource,subprocess,sys,time,json;"
        "t=time.perf_counter();p=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE);"
        "w=time.perf_counter()-t;"
        "print(json.dumps([w,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,p.returncode,p.stderr.decode()[-2000:]]))"
    )
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True)
    wall, rss, code, err = json.loads(out.stdout)
    if code not in (0, 2):
        raise SystemExit(f"command failed ({code}): {' '.join(cmd)}\n{err}")
    return wall, rss


JIEBA = (
    "import sys,pathlib,jieba;jieba.setLogLevel(60);"
    "n=sum(len(jieba.lcut(p.read_text(encoding='utf-8'))) for p in sorted(pathlib.Path(sys.argv[1]).glob('*.txt')));"
    "print(n)"
)


def bench_scale(scale: int, work: Path, jobs_list: list[int]) -> dict:
    corpus = work / f"corpus-{scale}x"
    size = make_corpus(scale, corpus)
    row: dict = {"scale": scale, "input_mb": round(size / 1e6, 3)}
    jieba_s, jieba_rss = peak_rss_of([sys.executable, "-c", JIEBA, str(corpus)])
    row["jieba_seconds"] = round(jieba_s, 3)
    row["jieba_mb_per_s"] = round(size / jieba_s / 1e6, 3)
    for jobs in jobs_list:
        out = work / f"out-{scale}x-j{jobs}"
        shutil.rmtree(out, ignore_errors=True)
        cmd = [sys.executable, "-m", "graph.cli", "build", str(corpus), "--out", str(out),
               "--jobs", str(jobs), "--no-cache", "-q"]
        wall, rss = peak_rss_of(cmd)
        stats = json.loads((out / "build-stats.json").read_text())
        row[f"j{jobs}"] = {
            "seconds": round(wall, 3),
            "mb_per_s": round(size / wall / 1e6, 3),
            "ratio_to_jieba": round(wall / jieba_s, 3),
            "peak_rss_mb": round(rss / 1024, 1),
            "triples": stats["triples"],
            "triples_per_s": round(stats["triples"] / wall, 1),
            "stage_seconds": stats["stage_seconds"],
        }
    # Incremental: a cached build, then change one file and build again.
    out = work / f"out-{scale}x-incr"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "graph.cli", "build", str(corpus), "--out", str(out), "--jobs", str(max(jobs_list)), "-q"]
    full, _ = peak_rss_of(cmd)
    victim = sorted(corpus.glob("*.txt"))[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "\n附:本文件为基准测试修改。\n", encoding="utf-8")
    incr, _ = peak_rss_of(cmd)
    row["incremental"] = {"full_seconds": round(full, 3), "one_file_changed_seconds": round(incr, 3),
                          "fraction": round(incr / full, 3)}
    return row


def print_table(rows: list[dict], jobs_list: list[int]) -> None:
    head = f"{'scale':>5} {'MB':>7} {'jieba s':>8}"
    for j in jobs_list:
        head += f" {'j'+str(j)+' s':>8} {'MB/s':>6} {'×jieba':>7} {'RSS MB':>7} {'triples/s':>10}"
    head += f" {'incr/full':>9}"
    print(head)
    for r in rows:
        line = f"{r['scale']:>5} {r['input_mb']:>7.2f} {r['jieba_seconds']:>8.2f}"
        for j in jobs_list:
            x = r[f"j{j}"]
            line += (f" {x['seconds']:>8.2f} {x['mb_per_s']:>6.2f} {x['ratio_to_jieba']:>7.2f}"
                     f" {x['peak_rss_mb']:>7.0f} {x['triples_per_s']:>10.0f}")
        line += f" {r['incremental']['fraction']:>9.2f}"
        print(line)
    for r in rows:
        for j in jobs_list:
            stages = ", ".join(f"{k} {v:.2f}" for k, v in r[f"j{j}"]["stage_seconds"].items())
            print(f"  {r['scale']}x j{j} stage seconds (summed over workers): {stages}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 5, 20], help="corpus sizes as multiples of the sample")
    parser.add_argument("--jobs", type=int, nargs="+", default=[2, 1], help="worker counts to measure")
    parser.add_argument("--json", type=Path, default=None, help="write the results here as JSON")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="govkg-bench-"))
    os.environ["PYTHONPATH"] = str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")
    rows = [bench_scale(scale, work, args.jobs) for scale in args.scales]
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
