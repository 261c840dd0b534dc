"""A whole build: inputs → (cached, parallel) file results → merged dataset → files.

:func:`build` is what ``govkg build`` runs.  It

1. expands the inputs into text files (folders recursively, symlink loops and
   unreadable paths reported, never fatal),
2. takes a lock on the output folder so two builds cannot write it at once,
3. processes each file in a worker process (``jobs``), reusing the cached
   result of a file whose content and builder version are unchanged,
4. merges every file's quads (turned into sorted N-Quads keys by the worker,
   ``compact``) with the gazetteer's background knowledge,
5. writes every output atomically (finished in ``DIR/.staging``, then moved
   in together) and a ``build-report.json``.

Output is byte-identical whatever ``jobs`` is and whether the cache was used.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import fcntl
import hashlib
import json
import os
import pickle
import re
import shutil
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from exports.atomic import write_text_atomic
from graph import __version__
from graph.errors import UserError
from graph.model import Fact
from graph.pipeline import STAGES, Builder, FileResult
from graph.vocab import GAZETTEER_GRAPH, ID_BASE

#: File name suffixes read from folders.
TEXT_SUFFIXES = (".txt", ".text")


@dataclass
class BuildSummary:
    """What a build did, for the closing line, the report and the exit status."""

    out_dir: str
    files: int = 0
    built: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    documents: int = 0
    quads: int = 0
    triples: int = 0
    seconds: float = 0.0
    cached: int = 0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)
    unknown: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    input_bytes: int = 0

    @property
    def exit_status(self) -> int:
        """0 when every input was built, 2 when some were skipped, 1 when none was built."""
        if self.built == 0:
            return 1
        return 2 if self.skipped else 0


# ---------------------------------------------------------------- inputs


def expand_inputs(inputs: Iterable[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Return the text files named by ``inputs`` (sorted) and the skipped paths with reasons.

    Folders are walked recursively (files ending in .txt); a symbolic link that
    leads back into a folder already walked is skipped, as is anything that
    cannot be listed.

    >>> files, skipped = expand_inputs(["/no/such/path"])
    >>> files, skipped
    ([], [('/no/such/path', 'no such file or folder')])
    """
    files: set[str] = set()
    skipped: list[tuple[str, str]] = []
    seen_dirs: set[str] = set()

    def walk(folder: str) -> None:
        real = os.path.realpath(folder)
        if real in seen_dirs:
            skipped.append((folder, "symbolic link loop (folder already read)"))
            return
        seen_dirs.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            skipped.append((folder, f"cannot list folder ({exc.strerror or exc})"))
            return
        for entry in entries:
            try:
                if entry.is_dir():
                    walk(entry.path)
                elif entry.name.lower().endswith(TEXT_SUFFIXES):
                    reason = _dangling_link(entry.path)
                    if reason:
                        skipped.append((entry.path, reason))
                    else:
                        files.add(entry.path)
            except OSError as exc:
                loop = exc.errno == errno.ELOOP
                skipped.append((entry.path, "symbolic link loop" if loop else f"cannot read ({exc.strerror or exc})"))

    for item in inputs:
        if os.path.isdir(item):
            walk(item)
        elif os.path.lexists(item) and not os.path.exists(item):
            skipped.append((item, _dangling_link(item) or "broken symbolic link"))
        elif os.path.exists(item):
            files.add(item)
        else:
            skipped.append((item, "no such file or folder"))
    return sorted(files), skipped


def _dangling_link(path: str) -> Optional[str]:
    """Why the symbolic link ``path`` leads nowhere, or ``None`` when it leads to a file.

    >>> _dangling_link("/no/such/file") is None
    False
    """
    try:
        os.stat(path)
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if os.path.islink(path):
            return "broken symbolic link (its target does not exist)"
        return f"cannot read ({exc.strerror or exc})"


# ---------------------------------------------------------------- cache


def builder_version() -> str:
    """A fingerprint of the code and data that turn a file into facts.

    Any change to a module of ``graph`` or a data file under ``ontology``,
    or another version of the segmenters or of spaCy, changes it, so cached
    results (and cached jieba runs) of an older builder are never reused.
    """
    from importlib import metadata

    import graph
    import ontology

    digest = hashlib.sha256(__version__.encode())
    for package in ("jieba", "rjieba", "spacy"):
        try:
            digest.update(f"{package} {metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            pass
    for package in (graph, ontology):
        root = Path(package.__file__).parent
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in {".py", ".tsv", ".csv", ".yaml", ".yml", ".ttl", ".txt"}:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class Cache:
    """File results keyed by content hash (and path, :meth:`entry`) and builder version, under ``DIR/.cache``."""

    def __init__(self, out_dir: str, version: str, enabled: bool = True):
        self.folder = Path(out_dir) / ".cache" / version
        self.enabled = enabled

    def key(self, path: str) -> Optional[str]:
        """The content hash of a regular file; ``None`` for anything else.

        A FIFO or a device named like a text file is never opened here
        (opening a FIFO waits for a writer; reading ``/dev/zero`` never ends).
        """
        if not os.path.isfile(path):
            return None
        try:
            with open(path, "rb") as handle:
                return hashlib.sha256(handle.read()).hexdigest()
        except OSError:
            return None

    def entry(self, path: str) -> Optional[str]:
        """The key of ``path``'s result: its content hash and the path itself
        (a result names its file: ``gov:sourceFile``, warnings), so a copy of
        a file under another name is read again.  ``None`` for anything but
        a regular file."""
        content = self.key(path)
        if content is None:
            return None
        return hashlib.sha256(f"{content}\0{path}".encode("utf-8", "surrogateescape")).hexdigest()

    def has(self, key: Optional[str]) -> bool:
        """True when a result for ``key`` is cached (it may still fail to load)."""
        return bool(self.enabled and key) and (self.folder / f"{key}.pickle").is_file()

    def put_payload(self, key: Optional[str], payload: bytes) -> None:
        """Cache a result already pickled (:func:`_payload`)."""
        if self.enabled and key:
            from exports.atomic import write_bytes_atomic

            write_bytes_atomic(self.folder / f"{key}.pickle", payload)

    def get(self, key: Optional[str]) -> Optional[FileResult]:
        if not (self.enabled and key):
            return None
        try:
            with open(self.folder / f"{key}.pickle", "rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            return None

    def prune(self) -> None:
        """Remove the results of other builder versions (they are never read again)."""
        import shutil

        for other in self.folder.parent.glob("*"):
            if other.is_dir() and other != self.folder:
                shutil.rmtree(other, ignore_errors=True)

    def get_blob(self, name: str):
        """Another cached object of this builder version (``None`` when absent)."""
        return self.get(name)

    def put_blob(self, name: str, value, replaces: str = "") -> None:
        """Cache ``value`` under ``name`` (see :meth:`get_blob`), removing
        the other blobs whose name starts with ``replaces``."""
        if replaces and self.enabled:
            for old in self.folder.glob(f"{replaces}*.pickle"):
                if old.name != f"{name}.pickle":
                    old.unlink(missing_ok=True)
        self.put(name, value)

    def put(self, key: Optional[str], result: FileResult) -> None:
        if not (self.enabled and key):
            return
        from exports.atomic import write_bytes_atomic

        write_bytes_atomic(self.folder / f"{key}.pickle", pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))


class DocumentMemo:
    """The facts of each document of a file, from the last build that extracted
    the file (``DIR/.cache/<builder version>/docs-<hash of the path>.pickle``).

    When a file changes, its documents that did not change (same
    ``graph.pipeline.document_digest``) are taken from here instead of being
    extracted again: editing one document of a gazette issue re-extracts that
    document.  Written by whichever process extracted the file; a memo that
    cannot be read counts as empty.
    """

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)

    def _file(self, path: str) -> Path:
        name = hashlib.sha256(path.encode("utf-8", "surrogateescape")).hexdigest()[:32]
        return self.folder / f"docs-{name}.pickle"

    def get(self, path: str) -> dict:
        """``document digest → (facts, unknown names)`` of ``path``'s last extraction (may be empty)."""
        try:
            with open(self._file(path), "rb") as handle:
                memo = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
            return {}
        return memo if isinstance(memo, dict) else {}

    def put(self, path: str, outcomes: dict) -> None:
        """Keep ``outcomes`` for ``path`` (replacing the earlier ones).

        Renamed into place but not flushed to disk: a memo lost or torn by a
        crash reads as empty, which costs time, never correctness.
        """
        from exports.atomic import write_bytes_atomic

        try:
            write_bytes_atomic(self._file(path), pickle.dumps(outcomes, protocol=pickle.HIGHEST_PROTOCOL),
                               durable=False)
        except OSError:
            pass


# ---------------------------------------------------------------- workers

_WORKER: Optional[Builder] = None


def _init_worker(builder: Optional[Builder]) -> None:
    global _WORKER
    exit_with_parent(os.getppid())
    _WORKER = builder or Builder()


def exit_with_parent(parent: int, interval: float = 0.2) -> None:
    """End this worker process soon after process ``parent`` is gone.

    A build killed with SIGKILL cannot stop its workers; without this they
    live on as orphans, and since they inherited the output folder's lock,
    every later build into that folder would be refused.
    """
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="govkg-exit-with-parent", daemon=True).start()


#: Files the main process already read and segmented (``Prepared``,
#: pickled), by path: set in the processing process before its workers fork.
_PREPARED: dict[str, bytes] = {}


def _work(path: str) -> bytes:
    assert _WORKER is not None
    return _process(_WORKER, path)


def _process(builder: Builder, path: str) -> bytes:
    """One file's compact result, pickled; read from ``_PREPARED`` when it is there."""
    prepared = _PREPARED.get(path)
    if prepared is not None:
        builder.prepared[path] = pickle.loads(prepared)
    return _payload(compact(process_safely(builder, path)))


def _payload(result: FileResult) -> bytes:
    """A result as it travels between processes and into the cache (pickled once)."""
    return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


def compact(result: FileResult) -> FileResult:
    """Replace a result's facts by what the merge needs: quad keys and two small summaries.

    Runs in the worker, so converting facts to N-Quads terms and sorting them
    happens in parallel, and the parent receives (and the cache stores)
    plain strings instead of thousands of Fact objects.

    >>> from graph.model import Fact
    >>> d = "https://w3id.org/govkg/id/doc/d"
    >>> r = compact(FileResult(path="a.txt", facts=[Fact.label(d, "通知", d),
    ...     Fact.literal(d, "gov:docNumber", "浙政发〔2021〕1号", d)]))
    >>> len(r.quads), r.labelled, len(r.numbers), r.facts
    (2, ['https://w3id.org/govkg/id/doc/d'], 1, [])
    """
    from exports.rdf import graph_chunks
    from graph.build import quad_key, quad_keys

    if result.compact:
        return result
    clock = time.perf_counter()
    facts = result.facts
    result.quads = quad_keys(facts)
    result.labelled = sorted({f.subject for f in facts if f.predicate == "rdfs:label"})
    result.numbers = [f for f in facts if f.predicate == "gov:docNumber"]
    result.nodes = sorted(named_nodes(facts))
    result.cited = sorted({quad_key(f) for f in labels_of_cited(set(result.labelled), result.numbers)})
    result.chunks = graph_chunks(sorted(set(result.quads).union(result.cited)))
    result.facts = []
    result.compact = True
    result.seconds["quads"] = time.perf_counter() - clock
    return result


def process_safely(builder: Builder, path: str) -> FileResult:
    """Process one file; an unexpected error skips that file only, with its reason.

    ``Builder.process_file`` turns bad input into ``FileResult.error``; this
    also catches a limit or a bug hit by one strange file (say, a paragraph
    longer than the language pipeline accepts), so the other files of the
    batch are still built.

    >>> class Broken:
    ...     def process_file(self, path):
    ...         raise ValueError("text too long\\nsecond line")
    >>> process_safely(Broken(), "a.txt").error
    'cannot process (ValueError: text too long)'
    """
    try:
        return builder.process_file(path)
    except Exception as exc:  # noqa: BLE001 - one file's failure must not end the build
        message = (str(exc).strip().splitlines() or [""])[0][:200]
        return FileResult(path=path, error=f"cannot process ({type(exc).__name__}: {message})")


def process_files(
    paths: list[str], jobs: int, on_result: Callable[[bytes], None], builder: Optional[Builder] = None,
    runs: Optional[dict] = None, memo: Optional["DocumentMemo"] = None,
) -> None:
    """Process ``paths`` with ``jobs`` worker processes (1: in this process);
    ``on_result`` receives each compact result, pickled (:func:`_payload`).

    The Builder (gazetteer, spaCy pipeline, jieba dictionary: a few seconds to
    load) is made once here (unless given, else with the jieba ``runs`` of an
    earlier build); where processes are forked, workers inherit it instead of
    loading their own.
    """
    if not paths:
        return
    builder = builder or Builder(runs, memo)
    if jobs <= 1 or len(paths) == 1:
        for path in paths:
            on_result(_process(builder, path))
        return
    builder.load_all()  # before the workers fork, so they share it
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    inherited = builder if context.get_start_method() == "fork" else None
    # Largest files first keeps every worker busy until the end.
    left = sorted(paths, key=lambda p: -_size(p))
    while left:
        left = _pool_round(left, min(jobs, len(left)), context, inherited, on_result)
        # A worker process died (killed, out of memory): the files it may have
        # held are retried one by one; a file that kills its process again is
        # skipped with the reason, the others are built.
        suspects, left = left[:jobs], left[jobs:]
        for path in suspects:
            if _pool_round([path], 1, context, inherited, on_result):
                on_result(_payload(FileResult(path=path, error=DIED)))


#: Largest file read and segmented in the main process (:meth:`Processing.prepare`).
PREPARE_LIMIT = 1_000_000

#: The reason given for a file whose worker process died while reading it.
DIED = "its worker process died while reading it (killed, or out of memory)"


class Processing:
    """Files processed beside this process, their results read here as they come.

    With more than one job (where processes fork), a forked process loads the
    Builder (seconds: spaCy, jieba's dictionary, the gazetteer) and runs
    :func:`process_files`, sending each pickled result back through a pipe;
    this process meanwhile reads the cached results of the other files and
    merges them, so a rebuild after one changed file pays the Builder's
    start-up beside that work instead of before it.  With one job the files
    are processed in this process, when :meth:`finish` is called.
    """

    def __init__(self, paths: list[str], jobs: int, runs: Optional[dict] = None,
                 memo: Optional["DocumentMemo"] = None):
        import multiprocessing

        self.paths, self.jobs, self.runs, self.memo = paths, jobs, runs, memo
        self.process = self.pipe = self.tasks = None
        self.prepared: dict[str, bytes] = {}
        self.ready = False
        if paths and jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self.pipe, writer = context.Pipe(duplex=False)
            reader, self.tasks = context.Pipe(duplex=False)
            self.process = context.Process(target=_processing_main,
                                           args=(os.getpid(), paths, jobs, writer, reader, runs, memo))
            self.process.start()
            writer.close()
            reader.close()

    def prepare(self, limit: int = PREPARE_LIMIT) -> None:
        """Read and segment files here (:func:`graph.pipeline.prepare_file`)
        until the forked process has loaded its Builder, largest first as the
        workers take them; the workers then skip those two stages.

        Only regular files up to ``limit`` bytes are read here (a huge file
        would keep the ready workers waiting), and a file that fails here is
        left to a worker, which reports it.
        """
        from graph.pipeline import prepare_file

        if self.process is None:
            return
        for path in sorted(self.paths, key=lambda p: -_size(p)):
            if self.ready or self.pipe.poll():
                break
            if not os.path.isfile(path) or _size(path) > limit:
                continue
            try:
                self.prepared[path] = pickle.dumps(prepare_file(path), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # noqa: BLE001 - the worker meets it again and reports it
                continue

    def _send_prepared(self) -> None:
        """Answer the forked process's "ready" with the prepared files (once)."""
        if not self.ready:
            self.ready = True
            try:
                self.tasks.send_bytes(pickle.dumps(self.prepared, protocol=pickle.HIGHEST_PROTOCOL))
            except OSError:  # it died; finish() finds out
                pass
            self.tasks.close()

    def finish(self, on_result: Callable[[FileResult, bytes], None]) -> None:
        """Hand every file's result and its pickled form to ``on_result``, waiting for them as needed.

        If the forked process dies (killed, out of memory), the first file it
        had not finished is reported with the reason and the others are
        processed again.
        """
        def receive(payload: bytes) -> None:
            result = pickle.loads(payload)
            received.add(result.path)
            on_result(result, payload)

        received: set[str] = set()
        if self.process is None:
            process_files(self.paths, self.jobs, receive, runs=self.runs, memo=self.memo)
            return
        try:
            while True:
                message = self.pipe.recv_bytes()
                if not message:
                    return
                if message == _READY:
                    self._send_prepared()
                    continue
                if message.startswith(_FAILED):
                    raise pickle.loads(message[len(_FAILED):])
                receive(message)
        except EOFError:  # the process died
            left = [path for path in self.paths if path not in received]
            if left:
                receive(_payload(FileResult(path=left[0], error=DIED)))
                Processing(left[1:], self.jobs, self.runs, self.memo).finish(on_result)
        finally:
            if not self.ready:
                self.tasks.close()
            self.pipe.close()
            self.process.join()


#: Messages from the processing process: its Builder is loaded; an exception.
_READY = b"ready"
_FAILED = b"failed\0"


def _processing_main(parent: int, paths: list[str], jobs: int, writer, tasks, runs: Optional[dict],
                     memo: Optional["DocumentMemo"]) -> None:
    """The forked processing process: loads the Builder, says so, receives
    the files the main process prepared meanwhile, then sends each result
    and an empty message when done."""
    exit_with_parent(parent)
    try:
        builder = Builder(runs, memo)
        if jobs > 1 and len(paths) > 1:
            builder.load_all()  # while the main process still prepares files
        writer.send_bytes(_READY)
        _PREPARED.update(pickle.loads(tasks.recv_bytes()))
        tasks.close()
        process_files(paths, jobs, writer.send_bytes, builder)
    except BaseException as exc:  # noqa: BLE001 - handed to the build, which raises it
        try:
            writer.send_bytes(_FAILED + pickle.dumps(exc))
        except Exception:  # noqa: BLE001 - an exception that does not pickle
            writer.send_bytes(_FAILED + pickle.dumps(RuntimeError(repr(exc))))
        return
    writer.send_bytes(b"")
    writer.close()


def _pool_round(paths: list[str], workers: int, context, inherited, on_result) -> list[str]:
    """Process ``paths`` in a pool of ``workers``; return those left undone if a worker died."""
    from concurrent.futures.process import BrokenProcessPool

    done = 0
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                 initializer=_init_worker, initargs=(inherited,)) as pool:
            for result in pool.map(_work, paths, chunksize=1):
                on_result(result)
                done += 1
    except BrokenProcessPool:
        return paths[done:]
    return []


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


# ---------------------------------------------------------------- merge


def cited_labels(facts: list[Fact]) -> list[Fact]:
    """Give every cited document that the corpus does not hold a label (its number).

    A document found in the corpus is labelled with its title by its own graph;
    one only cited gets ``rdfs:label`` = its number in each citing graph.
    """
    labelled = {f.subject for f in facts if f.predicate == "rdfs:label"}
    return labels_of_cited(labelled, [f for f in facts if f.predicate == "gov:docNumber"])


def labels_of_cited(labelled: set[str], numbers: list[Fact]) -> list[Fact]:
    """:func:`cited_labels` from its two inputs: the subjects labelled anywhere
    and the ``gov:docNumber`` facts, in build order.

    >>> from graph.vocab import ID_BASE
    >>> cited, doc = ID_BASE + "doc/cited", ID_BASE + "doc/d"
    >>> [(f.object, f.lang) for f in labels_of_cited({doc}, [Fact.literal(cited, "gov:docNumber", "浙政发〔2020〕3号", doc)])]
    [('浙政发〔2020〕3号', 'zh')]
    """
    found = {}
    for f in numbers:
        if f.subject not in labelled:
            found[(f.subject, f.graph)] = f.object
    return [Fact.label(subject, number, graph) for (subject, graph), number in found.items()]


def gazetteer_facts(facts: list[Fact]) -> list[Fact]:
    """Background knowledge for the gazetteer graph.

    The gazetteer graph holds every Zhejiang region, China's provinces and
    prefectures and the known agencies, plus what the documents mention of the
    rest: county-level regions outside Zhejiang (by their adcode IRIs in
    ``facts``) and the generated city and county departments.
    """
    return background_facts(named_nodes(facts))


_REGION = ID_BASE + "region/"
_AGENCY = ID_BASE + "agency/"


def named_nodes(facts: Iterable[Fact]) -> set[str]:
    """The region and agency IRIs that ``facts`` name (as subject or object).

    >>> sorted(named_nodes([Fact.type(_REGION + "320106", "Region", "g")]))
    ['https://w3id.org/govkg/id/region/320106']
    """
    found = set()
    for f in facts:
        for node in (f.subject, f.object):
            if node.startswith(_REGION) or node.startswith(_AGENCY):
                found.add(node)
    return found


def background_facts(nodes: Iterable[str]) -> list[Fact]:
    """The gazetteer graph's facts, given the region and agency IRIs the documents name."""
    from graph.gazetteer import gazetteer_facts as facts_of

    regions = sorted(n[len(_REGION):] for n in nodes if n.startswith(_REGION))
    agencies = sorted(n for n in nodes if n.startswith(_AGENCY))
    background = facts_of(extra_regions=regions, extra_agencies=agencies)
    assert all(f.graph == GAZETTEER_GRAPH for f in background)
    return background


# ---------------------------------------------------------------- build


class OutputLock:
    """An exclusive lock on an output folder (``DIR/.lock``)."""

    def __init__(self, out_dir: str):
        self.path = Path(out_dir) / ".lock"
        self.handle = None

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(self.path, "a+")
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.handle.close()
            raise UserError(
                f"another build is writing to {self.path.parent} (lock {self.path}); wait for it to finish"
            ) from None
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()


#: Temporary files of ``exports.atomic`` (``.graph.ttl.k3j_x9q2.tmp``).
_STALE_TEMP = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")


def remove_stale_temp_files(out_dir: str) -> list[str]:
    """Remove temporary files a killed build left in ``out_dir`` and its cache.

    Called with the output lock held, so no other build is writing them.

    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> for name in (".graph.ttl.k3j_x9q2.tmp", "keep.tmp"):
    ...     Path(d, name).touch()
    >>> [os.path.basename(p) for p in remove_stale_temp_files(d)], sorted(os.listdir(d))
    (['.graph.ttl.k3j_x9q2.tmp'], ['keep.tmp'])
    """
    removed = []
    folders = [Path(out_dir)] + sorted(p for p in (Path(out_dir) / ".cache").glob("*") if p.is_dir())
    for folder in folders:
        for path in sorted(folder.glob(".*.tmp")):
            if _STALE_TEMP.match(path.name) and path.is_file():
                try:
                    path.unlink()
                    removed.append(str(path))
                except OSError:
                    pass
    return removed


def build(
    inputs: list[str],
    out_dir: str,
    jobs: int = 1,
    use_cache: bool = True,
    progress: bool = True,
    outputs: tuple[str, ...] = ("graph.ttl", "graph.trig", "graph.nq", "graph.gexf"),
) -> BuildSummary:
    """Build the knowledge graph of ``inputs`` into ``out_dir``."""
    started = time.perf_counter()
    summary = BuildSummary(out_dir=out_dir)
    paths, skipped = expand_inputs(inputs)
    summary.skipped.extend(skipped)
    summary.files = len(paths) + len(skipped)
    if not paths:
        summary.seconds = time.perf_counter() - started
        return summary

    with OutputLock(out_dir):
        remove_stale_temp_files(out_dir)
        cache = Cache(out_dir, builder_version(), enabled=use_cache)
        keys = {path: cache.entry(path) for path in paths}
        todo = [path for path in paths if not cache.has(keys[path])]
        runs = (cache.get_blob(RUNS_BLOB) or {}) if todo else {}
        new_runs: dict[str, tuple[str, ...]] = {}
        memo = DocumentMemo(cache.folder) if use_cache else None
        # The files to process start now (beside this process when jobs > 1)...
        processing = Processing(todo, jobs, runs, memo)
        results: dict[str, FileResult] = {}
        merge = Merge(network="graph.gexf" in outputs)  # the union also counts the triples reported
        bar = _progress(len(paths), progress)

        def on_result(result: FileResult, payload: Optional[bytes] = None) -> None:
            results[result.path] = result
            if payload is not None and result.error is None:
                cache.put_payload(keys.get(result.path), payload)
                new_runs.update(result.jieba_runs)
            if result.ok:
                merge.add(result)
            bar.update(1)

        try:
            # ... while the cached results are read and merged here.
            late = []
            for path in paths:
                if path not in results and path not in todo:
                    hit = cache.get(keys[path])
                    if hit is None:  # unreadable: process it after all
                        late.append(path)
                    else:
                        on_result(compact(dataclasses.replace(hit, path=path)))
                        summary.cached += 1
            processing.prepare()
            processing.finish(on_result)
            Processing(late, jobs, runs, memo).finish(on_result)
        finally:
            bar.close()
        if not new_runs.keys() <= runs.keys():
            cache.put_blob(RUNS_BLOB, {**runs, **new_runs})

        numbers: list[Fact] = []
        unknown: Counter = Counter()
        processed = set(todo) | set(late)
        for path in paths:
            result = results[path]
            summary.input_bytes += result.size
            if path in processed:  # cached results keep the times of the build that made them
                for stage, seconds in result.seconds.items():
                    summary.stage_seconds[stage] = summary.stage_seconds.get(stage, 0.0) + seconds
            if not result.ok:
                summary.skipped.append((path, result.error or "no document found"))
                continue
            summary.built += 1
            summary.documents += len(result.documents)
            summary.warnings.extend(w if w.startswith(f"{path}: ") else f"{path}: {w}" for w in result.warnings)
            numbers.extend(result.numbers)
            unknown.update(result.unknown)
        summary.unknown = dict(sorted(unknown.items(), key=lambda kv: (-kv[1], kv[0])))
        if summary.built == 0:
            summary.seconds = time.perf_counter() - started
            return summary

        clock = time.perf_counter()
        merge.finish(numbers, cache)
        summary.stage_seconds["merge"] = time.perf_counter() - clock
        clock = time.perf_counter()

        def meanwhile(staging: str) -> list[str]:
            # While the GEXF file is written beside: the report (published with
            # the outputs), then what no longer serves is let go.
            report = write_report(summary, results, paths, staging)
            results.clear()
            merge.release()
            return [report]

        summary.outputs = write_outputs(merge, out_dir, outputs, summary, jobs, cache, meanwhile)
        summary.stage_seconds["write"] = time.perf_counter() - clock
        summary.seconds = time.perf_counter() - started
        write_stats(summary)
        cache.prune()
    return summary


class Merge:
    """The dataset merged from the files' results, as they come, in any order.

    :meth:`add` takes what does not depend on the order of the files: the
    quad keys, the subjects labelled, the regions and agencies named, the
    results stating each named graph, the union's statements (for Turtle)
    and the network index (for GEXF).  :meth:`finish` adds what depends on
    all files: the labels of cited documents (from the document numbers in
    build order) and the gazetteer graph.
    """

    def __init__(self, union: bool = True, network: bool = True):
        from exports.network import IndexBuilder

        self.keys: set[str] = set()
        self.labelled: set[str] = set()
        self.nodes: set[str] = set()
        self.sources: dict[str, list[FileResult]] = {}
        self.union: Optional[set[str]] = set() if union else None
        self.index = IndexBuilder() if network else None
        self.cited: dict[str, list[str]] = {}
        self.background: dict = {}

    def add(self, result: FileResult) -> None:
        """Merge one file's compact result."""
        self._add_keys(result.quads)
        self.labelled.update(result.labelled)
        self.nodes.update(result.nodes)
        for graph in result.chunks:
            self.sources.setdefault(graph, []).append(result)

    def _add_keys(self, keys: Iterable[str]) -> None:
        from graph.build import KEY_SEP

        self.keys.update(keys)
        if self.union is not None:
            self.union.update(key.split(KEY_SEP, 1)[1] for key in keys)
        if self.index is not None:
            self.index.add_keys(keys)

    def finish(self, numbers: list[Fact], cache: Optional["Cache"] = None) -> None:
        """Add the labels of cited documents and the gazetteer graph.

        The gazetteer graph depends only on the regions and agencies named
        (and the builder version), so its keys and chunks are cached under
        that set's hash.
        """
        from exports.rdf import graph_chunks
        from graph.build import quad_key

        cited = labels_of_cited(self.labelled, numbers)
        cited_keys = sorted({quad_key(f) for f in cited})
        for key in cited_keys:
            self.cited.setdefault(_graph_of(key), []).append(key)
        nodes = self.nodes | named_nodes(cited)
        name = "background-" + hashlib.sha256("\n".join(sorted(nodes)).encode("utf-8")).hexdigest()[:32]
        background = cache.get_blob(name) if cache else None
        if not isinstance(background, dict):
            keys = sorted({quad_key(f) for f in background_facts(nodes)})
            background = {"keys": keys, "chunks": graph_chunks(keys)}
            if cache:
                cache.put_blob(name, background, replaces="background-")
        self.background = background
        self._add_keys(cited_keys)
        self._add_keys(background["keys"])

    def release(self) -> None:
        """Let go of everything but the network index (once the RDF files are written)."""
        self.keys, self.labelled, self.nodes = set(), set(), set()
        self.sources, self.cited, self.background = {}, {}, {}
        if self.union is not None:
            self.union = set()

    def graph_chunks(self) -> Iterable[tuple[bytes, bytes]]:
        """Every named graph's N-Quads lines and TriG block, in output order
        (graphs sorted, the ontology graph last).

        A graph stated by one file only, with the labels of cited documents
        that file alone gave it, is written as that file's worker made it;
        any other is serialised again from its statements.
        """
        from exports.rdf import graph_chunks
        from graph.build import keys_of_quads, ontology_quads

        background = self.background.get("chunks", {})
        for graph in sorted(set(self.sources) | set(self.cited) | set(background)):
            sources = self.sources.get(graph, [])
            cited = self.cited.get(graph, [])
            if len(sources) == 1 and graph not in background and _in_graph(sources[0].cited, graph) == cited:
                yield sources[0].chunks[graph]
            elif not sources and not cited:
                yield background[graph]
            else:
                keys = set(cited).union(*(_in_graph(r.quads, graph) for r in sources))
                if graph in background:
                    keys.update(_in_graph(self.background["keys"], graph))
                yield graph_chunks(sorted(keys))[graph]
        ontology = graph_chunks(keys_of_quads(ontology_quads()))
        yield from ontology.values()

    def union_keys(self) -> list[str]:
        """The union's statements (with the ontology's), sorted (``graph.build.union_keys``)."""
        from graph.build import keys_of_quads, ontology_quads, union_keys

        return sorted(self.union.union(union_keys(keys_of_quads(ontology_quads()))))


def _graph_of(key: str) -> str:
    """The graph of a quad key.

    >>> _graph_of("<g>\\0<s>\\0<p>\\0<o>")
    '<g>'
    """
    return key[:key.index("\0")]


def _in_graph(keys: list[str], graph: str) -> list[str]:
    """The keys of sorted ``keys`` in ``graph`` (keys sort by graph first).

    >>> _in_graph(["<a>\\0x", "<b>\\0x", "<b>\\0y", "<bc>\\0z"], "<b>")
    ['<b>\\x00x', '<b>\\x00y']
    """
    from bisect import bisect_left

    return keys[bisect_left(keys, graph + "\0"):bisect_left(keys, graph + "\1")]


def write_outputs(merge: Merge, out_dir: str, names: tuple[str, ...], summary: BuildSummary,
                  jobs: int = 1, cache: Optional["Cache"] = None,
                  meanwhile: Optional[Callable[[str], list[str]]] = None) -> list[str]:
    """Write the dataset files of a finished :class:`Merge`; return their paths.

    With more than one job the GEXF file is written by a forked process
    while this one writes the RDF files.  The Turtle file's chunks are kept
    in the cache, so a rebuild serialises only the chunks that changed.
    ``meanwhile(staging)``, called once the RDF files are written, may write
    more files into the staging folder (returned, published with the
    outputs but not among the paths returned here) and release memory.
    """
    from exports import rdf

    summary.quads = len(merge.keys)
    staging = os.path.join(out_dir, STAGING)
    shutil.rmtree(staging, ignore_errors=True)  # left by a killed build
    os.makedirs(staging, exist_ok=True)
    path = {name: os.path.join(staging, name) for name in names}
    side = None
    if "graph.gexf" in names and jobs > 1:
        side = SideJob.start(write_gexf_of_index, merge.index, path["graph.gexf"])
    if "graph.nq" in names or "graph.trig" in names:
        rdf.write_graph_chunks(merge.graph_chunks(), path.get("graph.nq"), path.get("graph.trig"))
    union = merge.union_keys()
    summary.triples = len(union)
    if "graph.ttl" in names:
        known = (cache.get_blob(TURTLE_BLOB) if cache else None) or {}
        chunks = rdf.turtle_chunks(union, known)
        rdf.write_turtle_chunks((turtle for _, turtle in chunks), path["graph.ttl"])
        if cache:
            cache.put_blob(TURTLE_BLOB, dict(chunks))
    written = [path[name] for name in names if name in rdf.WRITERS]
    extra = meanwhile(staging) if meanwhile else []
    if "graph.gexf" in names:
        if side is None or not side.finish():
            write_gexf_of_index(merge.index, path["graph.gexf"])
        written.append(path["graph.gexf"])
    return publish(written + extra, out_dir)[:len(written)]


#: The cache's Turtle chunks of the last build (digest of the statements → Turtle).
TURTLE_BLOB = "turtle-chunks"

#: The cache's runs cut by jieba itself (``FileResult.jieba_runs``), for the next build's tokenizer.
RUNS_BLOB = "jieba-runs"


def write_gexf_of_index(index, path: str) -> None:
    """Write the GEXF file (full view) of the documents' quads, given their
    :class:`exports.network.IndexBuilder`."""
    from exports.gexf import write_gexf_for_dataset

    write_gexf_for_dataset(index.index(), path)


class SideJob:
    """A function run in a forked process beside this one (where fork exists).

    :meth:`finish` waits for it and tells whether it succeeded; the caller
    then does the work itself if it did not, so a side job can only save
    time, never lose output.
    """

    def __init__(self, process):
        self.process = process

    @classmethod
    def start(cls, function: Callable, *args) -> Optional["SideJob"]:
        import multiprocessing

        if "fork" not in multiprocessing.get_all_start_methods():
            return None
        context = multiprocessing.get_context("fork")
        process = context.Process(target=_side_main, args=(os.getpid(), function, args), daemon=True)
        process.start()
        return cls(process)

    def finish(self) -> bool:
        self.process.join()
        return self.process.exitcode == 0


def _side_main(parent: int, function: Callable, args: tuple) -> None:
    exit_with_parent(parent)
    function(*args)


#: Folder inside the output folder where a build's files are finished before
#: they replace the previous ones.
STAGING = ".staging"


def publish(paths: list[str], out_dir: str) -> list[str]:
    """Move finished files from the staging folder into ``out_dir``; return their new paths.

    Serialising takes seconds, renaming microseconds: a build killed while
    writing leaves every previous output in place, not a new ``graph.ttl``
    beside an old ``graph.trig``.

    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> os.mkdir(os.path.join(d, STAGING))
    >>> Path(d, STAGING, "graph.ttl").write_text("new")
    3
    >>> [os.path.basename(p) for p in publish([os.path.join(d, STAGING, "graph.ttl")], d)], os.listdir(d)
    (['graph.ttl'], ['graph.ttl'])
    """
    final = []
    for path in paths:
        target = os.path.join(out_dir, os.path.basename(path))
        os.replace(path, target)
        final.append(target)
    if paths:
        with contextlib.suppress(OSError):
            os.rmdir(os.path.dirname(paths[0]))
    return final


def write_report(summary: BuildSummary, results: dict[str, FileResult], paths: list[str],
                 folder: Optional[str] = None) -> str:
    """Write ``build-report.json`` (files, documents, skipped inputs, unknown
    names) into ``folder`` (default: the output folder); return its path.

    The report holds no timings, so it is identical for identical input.
    """
    report = {
        "govkg_version": __version__,
        "files": [
            {
                "path": path,
                "encoding": results[path].encoding,
                "documents": [dataclasses.asdict(d) for d in results[path].documents],
                "error": results[path].error,
            }
            for path in paths
        ],
        "skipped": [{"path": p, "reason": r} for p, r in summary.skipped],
        "documents": summary.documents,
        "triples": summary.triples,
        "unknown_names": summary.unknown,
        "warnings": summary.warnings,
    }
    target = os.path.join(folder or summary.out_dir, "build-report.json")
    write_text_atomic(target, json.dumps(report, ensure_ascii=False, indent=1, sort_keys=False) + "\n")
    return target


def write_stats(summary: BuildSummary) -> None:
    """Write ``DIR/build-stats.json``: timings per stage and throughput of this run.

    Unlike the report, this file changes from run to run (it holds times).
    """
    seconds = max(summary.seconds, 1e-9)
    stats = {
        "seconds": round(summary.seconds, 4),
        "stage_seconds": {k: round(v, 4) for k, v in sorted(summary.stage_seconds.items())},
        "input_bytes": summary.input_bytes,
        "mb_per_second": round(summary.input_bytes / seconds / 1e6, 4),
        "triples": summary.triples,
        "quads": summary.quads,
        "triples_per_second": round(summary.triples / seconds, 1),
        "files": summary.files,
        "cached_files": summary.cached,
        "documents": summary.documents,
    }
    write_text_atomic(os.path.join(summary.out_dir, "build-stats.json"), json.dumps(stats, indent=1) + "\n")


def _progress(total: int, enabled: bool, initial: int = 0):
    from tqdm import tqdm

    return tqdm(
        total=total,
        initial=initial,
        unit="file",
        desc="govkg build",
        file=sys.stderr,
        disable=None if enabled else True,
        leave=False,
    )
