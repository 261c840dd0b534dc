"""The pipeline: files in, facts out, one file at a time.

:class:`Builder` holds what every file needs (gazetteer, resolver, spaCy
pipeline) and turns one input file into a :class:`FileResult`: the documents
found, their facts, the names the gazetteer did not know, and the time spent
per stage.  A FileResult is plain, picklable data, so files can be processed
in worker processes and cached between builds; everything global (merging,
labels of cited documents, writing) happens afterwards in ``graph.run``.

>>> from graph.model import Fact
>>> r = FileResult(path="a.txt")
>>> r.ok
False
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from graph.errors import InputError
from graph.model import Document, Fact

#: The stages timed for every file (benchmarks report them).
STAGES = ("ingest", "segment", "nlp", "extract")

#: A Chinese character (CJK unified ideographs, their extensions and
#: compatibility forms, and 〇).  A government document in Chinese holds many;
#: a file holding none (an English note, digits) is skipped as "no Chinese text".
_CHINESE = re.compile("[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def has_chinese(text: str) -> bool:
    """True when ``text`` holds at least one Chinese character.

    >>> has_chinese("Meeting notes"), has_chinese("2021 年"), has_chinese("12345")
    (False, True, False)
    """
    return _CHINESE.search(text) is not None


@dataclass
class DocumentSummary:
    """What the build report says about one document."""

    key: str
    number: Optional[str]
    title: str
    date: Optional[str]
    issuers: list[str]
    warnings: list[str] = field(default_factory=list)


@dataclass
class FileResult:
    """The outcome of processing one input file."""

    path: str
    encoding: Optional[str] = None
    documents: list[DocumentSummary] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    unknown: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    error: Optional[str] = None
    seconds: dict[str, float] = field(default_factory=dict)
    size: int = 0
    #: The compact form a build merges and caches (``graph.run.compact``):
    #: the sorted quad keys of ``facts`` (``graph.build.quad_keys``), the
    #: subjects labelled and the document numbers stated (for the labels of
    #: cited documents), the region and agency IRIs named (for the gazetteer
    #: graph).  ``facts`` is emptied once these are filled.
    quads: list[str] = field(default_factory=list)
    labelled: list[str] = field(default_factory=list)
    numbers: list[Fact] = field(default_factory=list)
    nodes: list[str] = field(default_factory=list)
    #: The labels this file alone gives the documents it cites but does not
    #: hold (quad keys; the build keeps those no other file labels either),
    #: and each named graph's N-Quads lines and TriG block made from
    #: ``quads`` and ``cited`` (``exports.rdf.graph_chunks``), which the build
    #: writes as they are when no other file states anything in that graph.
    cited: list[str] = field(default_factory=list)
    chunks: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)
    compact: bool = False
    #: The runs jieba itself cut for this file that the tokenizer did not
    #: know yet (``graph.nlp.tokenizer.JiebaTokenizer.runs``): a build keeps
    #: them for the next one.
    jieba_runs: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the file was read and yielded at least one document."""
        return self.error is None and bool(self.documents)


def document_digest(document: Document) -> str:
    """A fingerprint of everything extraction reads from ``document``: its
    text, offsets, path, metadata, sections and attachments (its ``repr``,
    which holds only strings, numbers, dates, lists and tuples, so equal
    documents give equal digests in any process).

    >>> a = Document(key="k", title="关于X的通知", text="省科技厅负责。")
    >>> document_digest(a) == document_digest(Document(key="k", title="关于X的通知", text="省科技厅负责。"))
    True
    >>> document_digest(a) == document_digest(Document(key="k", title="关于X的通知", text="省财政厅负责。"))
    False
    """
    import hashlib

    return hashlib.sha256(repr(document).encode("utf-8", "surrogatepass")).hexdigest()


def summarise(document: Document) -> DocumentSummary:
    """The report entry of a document."""
    return DocumentSummary(
        key=document.key,
        number=document.number,
        title=document.title,
        date=document.date.isoformat() if document.date else None,
        issuers=list(document.issuers),
        warnings=list(document.warnings),
    )


@dataclass
class Prepared:
    """A file read and split into documents: the stages that need no Builder.

    A build makes these in its main process while the Builder loads
    elsewhere (``graph.run.Processing``), so those seconds are not lost.
    ``documents`` is ``None`` when ``result.error`` already says why the
    file yields nothing.
    """

    result: FileResult
    documents: Optional[list[Document]] = None


def prepare_file(path: str) -> Prepared:
    """Read and segment one file (``ingest``, ``segment``); never raises for bad input.

    >>> prepare_file("/no/such/file.txt").result.error is not None
    True
    """
    from graph.ingest import read_source

    result = FileResult(path=path)
    started = time.perf_counter()
    try:
        source = read_source(path)
    except InputError as exc:
        result.error = exc.reason
        return Prepared(result)
    result.seconds["ingest"] = time.perf_counter() - started
    result.encoding = source.encoding
    result.size = len(source.text.encode("utf-8"))
    result.warnings.extend(source.warnings)
    return _split(source, result)


def _split(source, result: FileResult) -> Prepared:
    """Segment a read source into documents (the ``segment`` stage)."""
    from graph.segment import split_documents

    if not has_chinese(source.text):
        result.error = "no Chinese text"
        return Prepared(result)
    clock = time.perf_counter()
    documents = split_documents(source)
    result.seconds["segment"] = time.perf_counter() - clock
    if not documents:
        result.error = "no document found in the text"
        return Prepared(result)
    return Prepared(result, documents)


class Builder:
    """Processes input files into facts.  Create one per process.

    Loading the gazetteer and the spaCy pipeline takes about a second, so a
    Builder is made once and reused for every file.  ``prepared`` holds files
    already read and segmented (:func:`prepare_file`), by path; a file found
    there is not read again.  ``runs`` are runs jieba cut in an earlier build
    (``FileResult.jieba_runs``), so that jieba's dictionary need not be
    loaded to cut them again.  ``memo`` (``graph.run.DocumentMemo``) keeps
    each file's documents' facts: a document unchanged since the file was
    last extracted (same :func:`document_digest`) is not extracted again.
    """

    def __init__(self, runs: Optional[dict[str, tuple[str, ...]]] = None, memo=None) -> None:
        from graph.gazetteer import load_gazetteer
        from graph.nlp import load_pipeline
        from graph.resolve import Resolver

        self.gazetteer = load_gazetteer()
        self.resolver = Resolver(self.gazetteer)
        self.nlp = load_pipeline(self.gazetteer)
        self.prepared: dict[str, Prepared] = {}
        self.memo = memo
        if runs and hasattr(self.nlp.tokenizer, "runs"):
            self.nlp.tokenizer.runs.update(runs)

    def load_all(self) -> None:
        """Load what is otherwise loaded when first needed (jieba's dictionary),
        so that processes forked from this one share it instead of each loading it."""
        load = getattr(self.nlp.tokenizer, "load_jieba", None)
        if load:
            load()

    def process_file(self, path: str) -> FileResult:
        """Read, segment and extract one file; never raises for bad input."""
        prepared = self.prepared.pop(path, None) or prepare_file(path)
        return self._extract(prepared)

    def process_text(self, text: str, path: str = "<text>") -> FileResult:
        """Process text already in memory (tests, single documents)."""
        from graph.ingest import normalise

        result = FileResult(path=path)
        started = time.perf_counter()
        source = normalise(text, path=path)
        result.seconds["ingest"] = time.perf_counter() - started
        result.encoding = "utf-8"
        result.size = len(text.encode("utf-8"))
        return self._extract(_split(source, result))

    def _extract(self, prepared: Prepared) -> FileResult:
        """The language pipeline and the extractors over a prepared file's documents."""
        from graph.extract import extract_all
        from graph.nlp import find_mentions

        result, documents = prepared.result, prepared.documents
        if documents is None:
            return result
        earlier = self.memo.get(result.path) if self.memo else {}
        kept: dict[str, tuple[list[Fact], dict[str, int]]] = {}
        unknown: Counter = Counter()
        nlp_seconds = extract_seconds = 0.0
        for document in documents:
            digest = document_digest(document) if self.memo else ""
            outcome = earlier.get(digest) if digest else None
            if outcome is None:
                clock = time.perf_counter()
                mentions = find_mentions(self.nlp, document)
                now = time.perf_counter()
                nlp_seconds += now - clock
                outcome = self._extract_document(document, mentions, extract_all)
                extract_seconds += time.perf_counter() - now
            facts, named_unknown = outcome
            if digest:
                kept[digest] = outcome
            result.facts.extend(facts)
            unknown.update(named_unknown)
            result.documents.append(summarise(document))
            result.warnings.extend(f"{document.key}: {w}" for w in document.warnings)
        result.seconds["nlp"] = nlp_seconds
        result.seconds["extract"] = extract_seconds
        take_runs = getattr(self.nlp.tokenizer, "take_new_runs", None)
        if take_runs:
            result.jieba_runs = take_runs()
        result.unknown = dict(sorted(unknown.items()))
        if self.memo:
            self.memo.put(result.path, kept)
        return result

    def _extract_document(self, document: Document, mentions, extract_all) -> tuple[list[Fact], dict[str, int]]:
        """One document's facts and the unknown agency names the resolver counted for it."""
        resolver = self.resolver
        counted = getattr(resolver, "unknown", None)
        if counted is None:
            return extract_all(document, mentions, resolver.bound(document)), {}
        resolver.unknown = Counter()
        try:
            facts = extract_all(document, mentions, resolver.bound(document))
            named = dict(resolver.unknown)
        finally:
            counted.update(resolver.unknown)
            resolver.unknown = counted
        return facts, named
