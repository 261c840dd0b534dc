"""Reliability of the build: hostile inputs, damaged documents, killed builds, the output lock.

A researcher feeds ``govkg build`` whatever was scraped or converted.  These
tests build a batch that mixes the sample corpus with every kind of bad input
and check that each bad file is named with its reason, every good file is
built, the exit status is 2 and no traceback reaches the user; that a build
killed at any moment leaves the previous complete output in place; and that
two builds cannot write one folder at once.

Each test also *records* what it tried and what it saw (``record``).  When the
environment variable ``GOVKG_RELIABILITY_LOG`` names a file, the records are
appended to it as JSON lines; ``benchmarks/reliability.py`` runs these tests
that way and turns the records into ``docs/RELIABILITY.md``.
"""

from __future__ import annotations

import fcntl
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "gazettes"
#: The corpus file re-encoded in every encoding (the smallest one, to keep the batch quick).
SAMPLE = CORPUS / "003_8b75b80ea690ec26.txt"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
#: Generous bound for a whole batch build: finishing at all is what is tested.
BATCH_TIMEOUT = 900


# ---------------------------------------------------------------- records


@pytest.fixture
def record(request):
    """A function ``record(input, expected, observed, ok)`` noting one tried case.

    Records go to ``$GOVKG_RELIABILITY_LOG`` (JSON lines) when it is set.
    """
    rows = []

    def add(what: str, expected: str, observed: str, ok: bool = True) -> None:
        rows.append({"input": what, "expected": expected, "observed": observed, "ok": bool(ok)})

    yield add
    log = os.environ.get("GOVKG_RELIABILITY_LOG")
    if log and rows:
        with open(log, "a", encoding="utf-8") as handle:
            for row in rows:
                row = {"test": f"{request.node.path.name}::{request.node.name}", **row}
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def run_build(inputs, out, *extra, timeout=BATCH_TIMEOUT) -> subprocess.CompletedProcess:
    """``govkg build INPUTS --out OUT`` in a fresh process (the user's view: status, stderr)."""
    command = [sys.executable, "-m", "graph.cli", "build", *map(str, inputs), "--out", str(out), "-q", *extra]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)


#: ``govkg`` whose atomic writer pauses after writing each ``graph.*`` temporary
#: file and before renaming it: the moment "during writing" then lasts long
#: enough to be hit (serialising is in memory; the file itself is written in
#: milliseconds).  Only timing changes, not what is written.
PAUSED_WRITER = """
import contextlib, os, sys, time
import exports.atomic as atomic
_original = atomic.atomic_write

@contextlib.contextmanager
def paused(path, durable=True):
    with _original(path, durable) as handle:
        yield handle
        handle.flush()
        if os.path.basename(str(path)).startswith("graph."):
            time.sleep(0.5)

atomic.atomic_write = paused
from graph.cli import main
sys.exit(main(sys.argv[1:]))
"""


def start_build(inputs, out, *extra, paused_writer: bool = False) -> subprocess.Popen:
    """Start ``govkg build`` in the background (for the kill and lock tests)."""
    program = ["-c", PAUSED_WRITER] if paused_writer else ["-m", "graph.cli"]
    command = [sys.executable, *program, "build", *map(str, inputs), "--out", str(out), "-q", *extra]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def report_of(out: Path) -> dict:
    return json.loads((out / "build-report.json").read_text(encoding="utf-8"))


def documents_of(report: dict, path: str) -> list[tuple]:
    """(number, title, date, issuers) of every document the report lists for ``path``."""
    for entry in report["files"]:
        if entry["path"] == path:
            return [(d["number"], d["title"], d["date"], tuple(d["issuers"])) for d in entry["documents"]]
    raise KeyError(path)


# ---------------------------------------------------------------- the hostile batch


@dataclass
class Case:
    """One input of the hostile batch and what the build must do with it."""

    path: str
    what: str
    expect: str  # "built" (documents of ``same_as`` when given), "skipped" (reason matching ``reason``), "either"
    reason: str = ""
    same_as: str = ""


def cut_mid_character(data: bytes) -> bytes:
    """``data`` cut one byte into its last multi-byte UTF-8 character.

    >>> cut_mid_character("ab浙江".encode("utf-8"))[-2:]
    b'\\xe6\\xb5'
    """
    i = len(data) - 1
    while data[i] < 0xC0:  # back to the lead byte of the last multi-byte character
        i -= 1
    return data[: i + 1]


def ten_megabyte_line(path: Path) -> None:
    """Write a single line of about 10 MB of gazette text (no newline at all)."""
    text = SAMPLE.read_text(encoding="utf-8").replace("\n", "")
    piece = text.encode("utf-8")
    with open(path, "wb") as handle:
        for _ in range(10_000_000 // len(piece) + 1):
            handle.write(piece)


def make_hostile_batch(folder: Path, big_line: bool = True) -> list[Case]:
    """Fill ``folder`` with the sample corpus and every hostile input; return the cases."""
    folder.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []
    text = SAMPLE.read_text(encoding="utf-8")
    original = str(folder / "corpus" / SAMPLE.name)

    def add(name: str, data: bytes | None, what: str, expect: str, reason: str = "", same_as: str = "") -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if data is not None:
            path.write_bytes(data)
        cases.append(Case(str(path), what, expect, reason, same_as))
        return path

    for source in sorted(CORPUS.glob("*.txt")):
        add(f"corpus/{source.name}", source.read_bytes(), f"sample corpus file {source.name}", "built")

    # Encodings and line endings: the same documents as the UTF-8 original.
    same = dict(expect="built", same_as=original)
    # GBK has no private-use glyphs: a converter writes the decimal point they stand for.
    gbk = re.sub("[\ue000-\uf8ff]", "．", text).encode("gbk")
    add("enc/gbk.txt", gbk, "corpus file in GBK", **same)
    add("enc/gb18030.txt", text.encode("gb18030"), "corpus file in GB18030", **same)
    add("enc/utf16le-bom.txt", b"\xff\xfe" + text.encode("utf-16-le"), "corpus file in UTF-16 LE with BOM", **same)
    add("enc/utf16be-bom.txt", b"\xfe\xff" + text.encode("utf-16-be"), "corpus file in UTF-16 BE with BOM", **same)
    add("enc/utf16le.txt", text.encode("utf-16-le"), "corpus file in UTF-16 LE without BOM", **same)
    add("enc/utf16be.txt", text.encode("utf-16-be"), "corpus file in UTF-16 BE without BOM", **same)
    add("enc/utf8-bom.txt", b"\xef\xbb\xbf" + text.encode("utf-8"), "corpus file in UTF-8 with BOM", **same)
    add("enc/crlf.txt", text.replace("\n", "\r\n").encode("utf-8"), "corpus file with Windows line endings", **same)
    add("enc/cut.txt", cut_mid_character(text.encode("utf-8")[: len(text.encode("utf-8")) // 2]),
        "corpus file cut in the middle of a character", "built")

    # Bad inputs: each must be named with its reason.
    add("bad/empty.txt", b"", "empty file (0 bytes)", "skipped", r"empty")
    add("bad/blank.txt", b" \r\n\t\n\n", "file of blank lines", "skipped", r"empty")
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00" + bytes(range(256)) * 8
    add("bad/image.txt", png, "PNG image named .txt", "skipped", r"binary")
    noise = random.Random(9).randbytes(20000)
    add("bad/random.txt", noise, "20 kB of random bytes (with NULs)", "skipped", r"binary|undecodable")
    rng = random.Random(3)
    high = bytes(rng.randrange(0x80, 0x100) for _ in range(4000))
    add("bad/high-bytes.txt", high, "4 kB of random bytes 0x80-0xFF (no NULs)", "skipped", r"undecodable|binary")
    russian = ("Постановление правительства о развитии экономики региона. " * 40).encode("koi8-r")
    add("bad/koi8r.txt", russian, "Russian text in KOI8-R (an encoding govkg does not read)", "skipped",
        r"undecodable|no document")
    add("bad/english.txt", b"Meeting notes\nNothing to see here.\n", "English text with no gazette document in it",
        "either", r"no document")
    os.mkfifo(folder / "bad" / "pipe.txt")
    add("bad/pipe.txt", None, "FIFO named pipe.txt (never opened)", "skipped", r"not a regular file")
    (folder / "bad" / "loop-a.txt").symlink_to(folder / "bad" / "loop-b.txt")
    (folder / "bad" / "loop-b.txt").symlink_to(folder / "bad" / "loop-a.txt")
    add("bad/loop-a.txt", None, "symbolic link loop between two .txt names", "skipped", r"symbolic link loop")
    add("bad/loop-b.txt", None, "symbolic link loop (its partner)", "skipped", r"symbolic link loop")
    (folder / "bad" / "dangling.txt").symlink_to(folder / "bad" / "no-such-target.txt")
    add("bad/dangling.txt", None, "broken symbolic link", "skipped", r"broken symbolic link")
    (folder / "bad" / "sub").mkdir()
    (folder / "bad" / "sub" / "up").symlink_to(folder / "bad")
    add("bad/sub/up", None, "symbolic link to a parent folder (folder loop)", "skipped", r"loop")
    if not IS_ROOT:
        secret = add("bad/secret.txt", SAMPLE.read_bytes(), "file without read permission (chmod 000)", "skipped",
                     r"permission")
        secret.chmod(0)
    # A folder named like a text file is a folder: the document inside it is built.
    add("folder.txt/inside.txt", (CORPUS / "004_1342394fc5973bc7.txt").read_bytes(),
        "document inside a directory named folder.txt", "built")
    if big_line:
        (folder / "big").mkdir()
        ten_megabyte_line(folder / "big" / "line.txt")
        add("big/line.txt", None, "10 MB of text on a single line", "either", r".")
    return cases


def unreadable_note(record) -> None:
    """Record why the chmod 000 case was not tried (root reads every file)."""
    record("file without read permission (chmod 000)", "skipped: permission denied",
           "not tried: running as root, which reads every file (test_ingest covers it for other users)", True)


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """Build the hostile batch once with the CLI; return (cases, process, out, seconds)."""
    folder = tmp_path_factory.mktemp("hostile")
    cases = make_hostile_batch(folder / "in")
    out = folder / "out"
    started = time.monotonic()
    process = run_build([folder / "in"], out, "--jobs", "2", "--no-cache")
    seconds = time.monotonic() - started
    yield cases, process, out, seconds
    secret = folder / "in" / "bad" / "secret.txt"
    if secret.exists():
        secret.chmod(0o644)


def test_hostile_batch_exit_status_and_no_traceback(hostile_build, record):
    cases, process, out, seconds = hostile_build
    record("batch: 5 corpus files + 9 re-encoded copies + 13 bad inputs + a 10 MB line",
           "exit status 2, no traceback, finishes",
           f"exit status {process.returncode} after {seconds:.0f} s; "
           f"traceback on stderr: {'yes' if 'Traceback' in process.stderr else 'no'}",
           process.returncode == 2 and "Traceback" not in process.stderr)
    assert "Traceback" not in process.stderr, process.stderr[-3000:]
    assert process.returncode == 2, process.stderr[-3000:]


def test_every_bad_input_is_named_with_its_reason(hostile_build, record):
    cases, process, out, _ = hostile_build
    report = report_of(out)
    skipped = {s["path"]: s["reason"] for s in report["skipped"]}
    failures = []
    for case in cases:
        if case.expect == "either" and not case.path.endswith("line.txt"):
            documents = documents_of(report, case.path) if case.path not in skipped else []
            titles = ", ".join(repr(d[1]) for d in documents)
            record(case.what, "skipped with a reason, or built", f"skipped: {skipped[case.path]}"
                   if case.path in skipped else f"built as {len(documents)} document(s): {titles}",
                   case.path in skipped or bool(documents))
        if case.expect != "skipped":
            continue
        reason = skipped.get(case.path)
        ok = reason is not None and re.search(case.reason, reason) is not None
        named = f"govkg: skipped {case.path}" in process.stderr
        record(case.what, f"skipped: /{case.reason}/", f"skipped: {reason}" if reason else "not in the report", ok and named)
        if not (ok and named):
            failures.append((case.path, reason, named))
    if IS_ROOT:
        unreadable_note(record)
    assert not failures, failures


def test_every_good_input_is_built_with_the_same_documents(hostile_build, record):
    cases, process, out, _ = hostile_build
    report = report_of(out)
    skipped = {s["path"]: s["reason"] for s in report["skipped"]}
    encodings = {f["path"]: f["encoding"] for f in report["files"]}
    failures = []
    for case in cases:
        if case.expect != "built":
            continue
        documents = documents_of(report, case.path) if case.path in encodings else []
        ok = case.path not in skipped and bool(documents)
        expected = "built"
        if case.same_as:
            expected = "built, same documents as the UTF-8 original"
            ok = ok and documents == documents_of(report, case.same_as)
        observed = (f"built: {len(documents)} documents, read as {encodings.get(case.path)}"
                    if case.path not in skipped else f"skipped: {skipped[case.path]}")
        record(case.what, expected, observed, ok)
        if not ok:
            failures.append((case.path, observed))
    assert not failures, failures


def test_file_cut_mid_character_is_built_with_a_warning(hostile_build, record):
    cases, process, out, _ = hostile_build
    cut = next(c.path for c in cases if c.path.endswith("cut.txt"))
    warnings = [w for w in report_of(out)["warnings"] if w.startswith(cut) and "middle of a character" in w]
    record("corpus file cut in the middle of a character", "built, warning names the cut",
           warnings[0] if warnings else "no warning", bool(warnings))
    assert warnings


def test_ten_megabyte_line_finishes_and_is_reported(hostile_build, record):
    """A 10 MB single line must not hang the build: it is built or skipped with a reason."""
    cases, process, out, seconds = hostile_build
    big = next(c.path for c in cases if c.path.endswith("line.txt"))
    report = report_of(out)
    skipped = {s["path"]: s["reason"] for s in report["skipped"]}
    built = big not in skipped and bool(documents_of(report, big))
    observed = (f"built ({len(documents_of(report, big))} documents)" if built else f"skipped: {skipped.get(big)}")
    record("10 MB of text on a single line", "finishes; built, or skipped with a reason",
           f"{observed}; whole batch finished in {seconds:.0f} s", built or big in skipped)
    assert built or skipped.get(big)


def test_thousands_of_small_files(tmp_path, record):
    """A folder of 2,000 one-document files is built completely."""
    folder = tmp_path / "many"
    folder.mkdir()
    count = 2000
    for i in range(count):
        (folder / f"reply-{i:04d}.txt").write_text(
            f"浙江省人民政府办公厅关于同意设立第{i}号试点的复函\n浙政办函〔2021〕{i + 1}号\n"
            f"杭州市人民政府:\n你市来函收悉。经研究,同意设立试点。\n浙江省人民政府办公厅\n2021年3月{i % 28 + 1}日\n",
            encoding="utf-8",
        )
    out = tmp_path / "out"
    started = time.monotonic()
    process = run_build([folder], out, "--jobs", "2")
    seconds = time.monotonic() - started
    report = report_of(out) if (out / "build-report.json").exists() else {"documents": 0, "skipped": []}
    ok = process.returncode == 0 and report["documents"] == count and not report["skipped"]
    record(f"folder of {count:,} small one-document files", f"exit 0, {count:,} documents",
           f"exit {process.returncode}, {report['documents']:,} documents, {len(report['skipped'])} skipped, "
           f"{seconds:.0f} s", ok)
    assert "Traceback" not in process.stderr
    assert ok, process.stderr[-2000:]


#: ``govkg`` whose worker process is killed (as by the out-of-memory killer)
#: when it reads a file named ``dies.txt``.  Workers are forked from the main
#: process, so they inherit the change; nothing else differs.
DYING_WORKER = """
import os, signal, sys
from graph.pipeline import Builder
_original = Builder.process_file

def process_file(self, path):
    if os.path.basename(path) == "dies.txt":
        os.kill(os.getpid(), signal.SIGKILL)
    return _original(self, path)

Builder.process_file = process_file
from graph.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_worker_killed_on_one_file_loses_only_that_file(tmp_path, record):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "dies.txt", "b.txt", "c.txt"):
        shutil.copy(SAMPLE, folder / name)
    out = tmp_path / "out"
    command = [sys.executable, "-c", DYING_WORKER, "build", str(folder), "--out", str(out), "-q", "--jobs", "2"]
    process = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    report = report_of(out) if (out / "build-report.json").exists() else {"skipped": [], "files": []}
    skipped = {Path(s["path"]).name: s["reason"] for s in report["skipped"]}
    built = sorted(Path(f["path"]).name for f in report["files"] if f["documents"])
    ok = (process.returncode == 2 and "Traceback" not in process.stderr and list(skipped) == ["dies.txt"]
          and built == ["a.txt", "b.txt", "c.txt"])
    record("a worker process killed (SIGKILL) while reading one of 4 files, --jobs 2",
           "that file named, the 3 others built, exit 2, no traceback",
           f"exit {process.returncode}; built {', '.join(built) or 'nothing'}; skipped "
           + (", ".join(f"{n} ({r})" for n, r in skipped.items()) or "nothing"), ok)
    assert "Traceback" not in process.stderr, process.stderr[-2000:]
    assert ok, (process.returncode, skipped, built)


# ---------------------------------------------------------------- damaged documents

#: A reply (批复) from the sample corpus, as converted from the PDF.
REPLY = """浙江省人民政府关于设立湖州工程技师
学院等 ６ 所技师学院的批复

浙政函〔２０２１〕８１ 号

湖州市、台州市、安吉县、海宁市、永康市、温岭市人民政府：

《湖州市人民政府关于申请设立湖州工程技师学院的请示》（湖政〔２０２０〕２３ 号）收悉。经研究，现批复如下：

一、同意在浙江信息工程学校的基础上设立湖州工程技师学院，在安吉高级技工学校的基础上设立安吉技师学院。

二、你们要切实加强对有关技师学院的领导，提高教育质量，培养更多高技能人才。（责任单位：省人力社保厅、省教育厅、省财政厅）

浙江省人民政府

２０２１ 年 ７ 月 ３０ 日
"""


@pytest.fixture(scope="module")
def builder():
    from graph.pipeline import Builder

    return Builder()


DAMAGED = {
    "no number": (REPLY.replace("浙政函〔２０２１〕８１ 号\n", ""), "no document number"),
    "no date": (REPLY.replace("２０２１ 年 ７ 月 ３０ 日\n", ""), "no signature date"),
    "truncated list": (REPLY[: REPLY.index("省教育厅")] + "省教", ""),
    "title only": ("浙江省人民政府关于设立湖州工程技师学院的批复\n", ""),
}


@pytest.mark.parametrize("damage", list(DAMAGED))
def test_damaged_document_yields_what_can_be_read(builder, damage, record):
    text, warning = DAMAGED[damage]
    try:
        result = builder.process_text(text, path=f"{damage}.txt")
    except Exception as exc:  # the point of the test: report, do not crash
        record(f"damaged document: {damage}", "documents and warnings, no exception",
               f"raised {type(exc).__name__}: {exc}", False)
        raise
    titles = [d.title for d in result.documents]
    found_warning = not warning or any(warning in w for w in result.warnings)
    readable = result.error is None and titles and "技师学院" in titles[0]
    if damage == "title only":
        readable = True  # nothing but a title: a document or a clear "no document" are both fine
    record(f"damaged document: {damage}", "what can be read, with a warning" if warning else "what can be read",
           f"{len(result.documents)} document(s), {len(result.facts)} facts, error={result.error!r}, "
           f"warnings={[w.split(': ', 1)[-1] for w in result.warnings][:3]}",
           bool(readable and found_warning))
    assert readable, (result.error, titles)
    assert found_warning, result.warnings
    if damage == "no number":
        assert result.documents[0].date == "2021-07-30"
    if damage == "no date":
        assert result.documents[0].number == "浙政函〔2021〕81号"


# ---------------------------------------------------------------- killed builds and the lock


def temp_files(out: Path) -> list[Path]:
    """Unfinished files in ``out``: the atomic writer's temporary files, the staging folder."""
    return sorted(out.glob(".*.tmp")) + sorted(out.glob(".cache/*/.*.tmp")) + sorted(out.glob(".staging/*"))


def writing(out: Path, name: str) -> bool:
    """True while ``name`` is being written (its temporary file exists, in the staging folder or beside it)."""
    return any(out.glob(f".{name}.*")) or any(out.glob(f".staging/.{name}.*"))


def complete_turtle(data: bytes) -> bool:
    """True when ``data`` parses as Turtle to the end (a complete file, not a cut one)."""
    import pyoxigraph

    try:
        return sum(1 for _ in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE)) > 0
    except SyntaxError:
        return False


def seconds_until_unlocked(out: Path, timeout: float = 10) -> float | None:
    """Seconds until nobody holds ``out/.lock`` (``None``: still held after ``timeout``).

    A killed build's worker processes inherit the lock; they must end with it.
    """
    started = time.monotonic()
    with open(out / ".lock", "a+") as handle:
        while time.monotonic() - started < timeout:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                time.sleep(0.02)
                continue
            fcntl.flock(handle, fcntl.LOCK_UN)
            return time.monotonic() - started
    return None


def kill_when(process: subprocess.Popen, ready, timeout: float = 300) -> str:
    """SIGKILL ``process`` as soon as ``ready()`` is true; return what happened."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return f"finished before the moment came (exit {process.returncode}: {process.stderr.read()[-300:]})"
        if ready():
            process.send_signal(signal.SIGKILL)
            process.wait()
            return "killed"
        time.sleep(0.005)
    process.kill()
    process.wait()
    return "timed out"


@pytest.fixture(scope="module")
def kill_setup(tmp_path_factory, sample_build):
    """A folder holding a complete build of the corpus, and a bigger input for the builds to kill."""
    root = tmp_path_factory.mktemp("kill")
    out = root / "out"
    shutil.copytree(sample_build, out)
    bigger = root / "in"
    shutil.copytree(CORPUS, bigger / "corpus")
    text = SAMPLE.read_text(encoding="utf-8")
    for i in range(3):  # more documents, so the killed build has outputs of a different size to write
        (bigger / f"extra-{i}.txt").write_text(text.replace("浙政发〔２０２１〕２０", f"浙政发〔２０２１〕{900 + i}"),
                                               encoding="utf-8")
    previous = {name: (out / name).read_bytes() for name in ("graph.ttl", "graph.trig")}
    return out, bigger, previous


KILL_MOMENTS = {
    "early (0.3 s after start, loading)": lambda out, t0: time.monotonic() - t0 > 0.3,
    "middle (first file result cached)": lambda out, t0: any(out.glob(".cache/*/*.pickle")),
    "writing graph.ttl (its temp file exists, rename paused)": lambda out, t0: writing(out, "graph.ttl"),
    "writing graph.trig (its temp file exists, rename paused)": lambda out, t0: writing(out, "graph.trig"),
    "writing graph.gexf (ttl and trig finished)": lambda out, t0: writing(out, "graph.gexf"),
}


@pytest.mark.parametrize("moment", list(KILL_MOMENTS))
def test_killed_build_leaves_the_previous_output(kill_setup, moment, record):
    out, bigger, previous = kill_setup
    started = time.monotonic()
    process = start_build([bigger], out, "--jobs", "2", paused_writer=moment.startswith("writing"))
    what = kill_when(process, lambda: KILL_MOMENTS[moment](out, started))
    killed_after = time.monotonic() - started
    unlocked = seconds_until_unlocked(out)
    after = {name: (out / name).read_bytes() for name in previous}
    same = {name: after[name] == previous[name] for name in previous}
    leftovers = [p.name for p in temp_files(out)]
    ok = all(same.values())  # outputs are finished in .staging and moved in together at the end
    lock = f"lock free {unlocked:.1f} s after the kill" if unlocked is not None else "lock still held after 10 s"
    record(f"SIGKILL {moment}",
           "graph.ttl and graph.trig byte-identical to the previous build; lock released",
           f"{what} after {killed_after:.1f} s; identical: "
           + ", ".join(f"{n} {'yes' if s else 'no'}" for n, s in same.items())
           + f"; {lock}; temp files left: {len(leftovers)}",
           what == "killed" and ok and unlocked is not None)
    assert what == "killed", what
    assert ok, same
    assert unlocked is not None, "the killed build's workers still hold the output lock"


def test_next_build_after_kills_succeeds_and_cleans_up(kill_setup, record):
    out, bigger, previous = kill_setup
    process = run_build([bigger], out, "--jobs", "2")
    leftovers = temp_files(out)
    ok = process.returncode == 0 and not leftovers and (out / "graph.ttl").read_bytes() != previous["graph.ttl"]
    record("build again after the killed builds", "exit 0, new complete output, no temp files left",
           f"exit {process.returncode}, temp files left: {len(leftovers)}", ok)
    assert "Traceback" not in process.stderr
    assert process.returncode == 0, process.stderr[-2000:]
    assert not leftovers
    assert complete_turtle((out / "graph.ttl").read_bytes())


def test_second_build_into_a_locked_folder_fails_fast(tmp_path, record):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_bytes(b"# previous output\n")
    with open(out / ".lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        started = time.monotonic()
        process = run_build([SAMPLE], out, "--jobs", "1", timeout=120)
        seconds = time.monotonic() - started
    message = process.stderr.strip().splitlines()[-1] if process.stderr.strip() else ""
    ok = (process.returncode == 1 and "another build is writing to" in message and "Traceback" not in process.stderr
          and (out / "graph.ttl").read_bytes() == b"# previous output\n")
    record("second build into a folder whose lock is held", "exit 1 at once with a clear message, output untouched",
           f"exit {process.returncode} after {seconds:.1f} s: {message}", ok)
    assert ok, process.stderr
