"""The embedded SPARQL store: a build's dataset in pyoxigraph, and the results.

A build directory ``DIR`` holds ``graph.trig`` (one named graph per document,
graph name = document IRI, background knowledge in the gazetteer graph).
:func:`load_store` reads it into an in-memory :class:`pyoxigraph.Store` with
the named graphs kept, and writes the union of all graphs into the store's
default graph; :func:`execute` answers over that default graph, and
``GRAPH ?doc { … }`` still says where a fact was read. A second store holds
the union alone, for the queries that name no graph (:class:`GraphStore`):
on the sample build it costs 0.03 s more loading and takes 30-45% off the
larger cookbook joins.

Why a materialised union rather than pyoxigraph's
``use_default_graph_as_union``: that option yields a triple once per graph
stating it (a bag, not the RDF merge SPARQL specifies), so a type or label
repeated in 40 document graphs multiplies every join it takes part in: the
agency-pairs cookbook query took 5 s that way on the sample build, and 40 ms
over the materialised union, with no duplicate rows.

>>> store = load_store_from_text('''
...   @prefix gov: <https://w3id.org/govkg/ontology#> .
...   <https://w3id.org/govkg/id/doc/d1> {
...     <https://w3id.org/govkg/id/doc/d1> gov:docNumber "浙政发〔2021〕14号" . }''')
>>> result = execute(store, "SELECT ?n WHERE { ?d gov:docNumber ?n }")
>>> result.kind, result.variables, [term_text(row[0]) for row in result.rows]
('select', ['n'], ['浙政发〔2021〕14号'])

No on-disk store is cached beside the build: measured on the sample build
(16k statements), loading ``graph.trig`` into memory takes 0.1-0.2 s, while
opening a RocksDB copy read-only saves about 0.1 s per run but makes queries
about 3x slower and costs 0.9 s and 12 MB to write.

Results are plain data (:class:`QueryResult`) serialised by this module in
the SPARQL 1.1 result formats, so a row limit can cut them anywhere.
Queries run with the project's prefixes predeclared (``gov:``, ``rdfs:``,
``skos:``, ``dcterms:`` …); a query's own ``PREFIX`` lines win.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox

from graph.errors import UserError
from graph.vocab import GAZETTEER_GRAPH, ID_BASE, PREFIXES

#: Files of a build that hold the dataset, in order of preference.
DATASET_FILES = (
    ("graph.trig", ox.RdfFormat.TRIG),
    ("graph.nq", ox.RdfFormat.N_QUADS),
    ("graph.ttl", ox.RdfFormat.TURTLE),
)

#: Prefixes every query may use without declaring them.
QUERY_PREFIXES: dict[str, str] = {name: str(ns) for name, ns in PREFIXES.items()}

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------


class QueryError(UserError):
    """A query could not be answered (bad syntax, refused, or failed)."""

    status = 400


class QuerySyntaxError(QueryError):
    """A malformed query; ``line`` and ``column`` are 1-based when known.

    >>> str(QuerySyntaxError("expected '}'", 3, 11))
    "syntax error at line 3, column 11: expected '}'"
    """

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        where = f" at line {line}, column {column}" if line else ""
        super().__init__(f"syntax error{where}: {message}")
        self.line, self.column, self.detail = line, column, message


class QueryRefused(QueryError):
    """A query this store will not run (an update, or SERVICE when not allowed)."""

    status = 403


_POSITION = re.compile(r"^error at (\d+):(\d+): ", re.S)


def syntax_error_from(exc: SyntaxError) -> QuerySyntaxError:
    """Turn pyoxigraph's ``error at L:C: …`` message into a :class:`QuerySyntaxError`.

    Long lists of expected tokens are cut to keep the message on one line.

    >>> e = syntax_error_from(SyntaxError("error at 3:11: expected one of ABS, AVG"))
    >>> (e.line, e.column, e.detail)
    (3, 11, 'expected one of ABS, AVG')
    """
    text = str(exc)
    match = _POSITION.match(text)
    line = column = None
    if match:
        line, column = int(match.group(1)), int(match.group(2))
        text = text[match.end():]
    text = " ".join(text.split())
    if len(text) > 160:
        text = text[:157].rstrip(", ") + " …"
    return QuerySyntaxError(text, line, column)


# ---------------------------------------------------------------------------
# Looking at a query's text without running it
# ---------------------------------------------------------------------------

_LEXEMES = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'  # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'  # short strings
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"  # IRIs
    r"|(#[^\n]*)",  # comments (group 1)
    re.S,
)


def code_only(query: str) -> str:
    """Blank out strings and IRIs (to ``_``) and comments, keeping keywords,
    names and variables.

    >>> code_only('SELECT * { ?s <http://x/SERVICE> "SERVICE" } # SERVICE')
    'SELECT * { ?s _ _ } '
    """
    return _LEXEMES.sub(lambda m: "" if m.group(1) else "_", query)


_UPDATE_START = re.compile(
    r"^\s*(?:(?:BASE\s+_|PREFIX\s+[\w.-]*:\s*_)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.I,
)
_SERVICE = re.compile(r"(?<![\w?$:.-])SERVICE(?![\w:.-])", re.I)


def is_update(query: str) -> bool:
    """True for a SPARQL Update request (which this read-only store refuses).

    >>> is_update("PREFIX ex: <http://x/> INSERT DATA { ex:a ex:b ex:c }")
    True
    >>> is_update("SELECT * { ?s ?p 'INSERT' }")
    False
    """
    return bool(_UPDATE_START.match(code_only(query)))


def uses_service(query: str) -> bool:
    """True when the query asks another endpoint (``SERVICE``).

    >>> uses_service("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service("SELECT ?service { ?service a <http://x/SERVICE> } # SERVICE")
    False
    """
    return bool(_SERVICE.search(code_only(query)))


def check_query(query: str, allow_service: bool = False) -> None:
    """Refuse updates, and ``SERVICE`` unless allowed, before anything runs."""
    if is_update(query):
        raise QueryRefused("updates are refused: this store is read-only (send a SELECT, ASK, CONSTRUCT or DESCRIBE query)")
    if not allow_service and uses_service(query):
        raise QueryRefused("SERVICE (federated query) is disabled; start the server with --allow-service to enable it")


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------


def find_dataset(data_dir: str | Path) -> tuple[Path, ox.RdfFormat]:
    """Return the dataset file of a build directory and its format.

    Raises :class:`UserError` when ``data_dir`` holds no build.
    """
    base = Path(data_dir)
    if base.is_file():
        fmt = ox.RdfFormat.from_extension(base.suffix.lstrip("."))
        if fmt is None:
            raise UserError(f"{base}: not an RDF file (expected .trig, .nq or .ttl)")
        return base, fmt
    for name, fmt in DATASET_FILES:
        if (base / name).is_file():
            return base / name, fmt
    raise UserError(f"{base}: no graph.trig, graph.nq or graph.ttl found (run: govkg build INPUT --out {base})")


class GraphStore:
    """A build's dataset in pyoxigraph, ready to query.

    ``full`` holds the named graphs and, as its default graph, their union
    (see :func:`materialise_union`); ``union`` holds that union alone. A query
    that names no graph (no ``GRAPH``, ``FROM``) runs on ``union``: pyoxigraph's
    in-memory store finds a default-graph triple by walking every quad with
    the same subject, predicate or object in all graphs, so without the
    named graphs beside it the same answer comes faster (measured on the
    sample build: 30-45% less time on the cookbook's larger joins). Every
    other attribute is the full store's (``len``, ``named_graphs()``,
    ``query()`` …), so code written for a :class:`pyoxigraph.Store` works
    unchanged.

    >>> store = load_store_from_text("<http://g/1> { <http://a> <http://p> 1 }")
    >>> len(store), len(store.union), [g.value for g in store.named_graphs()]
    (2, 1, ['http://g/1'])
    """

    def __init__(self, full: ox.Store):
        self.full = full
        self.union = ox.Store()
        # added in reverse so that pattern matches come out in the same order
        # as from the full store (the order GROUP_CONCAT lists values in)
        union = list(full.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        self.union.bulk_extend(reversed(union))

    def __getattr__(self, name: str):
        return getattr(self.full, name)

    def __len__(self) -> int:
        return len(self.full)

    def __iter__(self):
        return iter(self.full)


def load_store(data_dir: str | Path) -> GraphStore:
    """Load a build's dataset (``DIR/graph.trig``) into an in-memory store.

    ``data_dir`` may also be a single ``.trig``/``.nq``/``.ttl`` file.
    Loading is lenient about IRI validation (the build wrote valid IRIs),
    which makes it faster.
    """
    path, fmt = find_dataset(data_dir)
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt, lenient=True)
    except SyntaxError as exc:
        raise UserError(f"{path}: not readable as {fmt.name}: {exc}") from None
    return GraphStore(materialise_union(store))


def load_store_from_text(text: str, fmt: ox.RdfFormat = ox.RdfFormat.TRIG) -> GraphStore:
    """Load a dataset given as text (handy in tests and examples)."""
    store = ox.Store()
    store.load(input=text, format=fmt)
    return GraphStore(materialise_union(store))


def materialise_union(store: ox.Store) -> ox.Store:
    """Copy every named graph's triples into the default graph (each once).

    >>> s = ox.Store()
    >>> s.load(input="<http://g/1> { <http://a> <http://p> 1 } <http://g/2> { <http://a> <http://p> 1 }", format=ox.RdfFormat.TRIG)
    >>> len(list(materialise_union(s).quads_for_pattern(None, None, None, ox.DefaultGraph())))
    1
    """
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    return store


_GRAPH_OR_FROM = re.compile(r"(?<![\w?$:.-])(?:GRAPH|FROM)(?![\w:.-])", re.I)


def names_graphs(query: str) -> bool:
    """True when a query reads named graphs (``GRAPH``) or picks its dataset (``FROM``).

    >>> names_graphs("SELECT ?doc { GRAPH ?doc { ?s ?p ?o } }"), names_graphs("SELECT * FROM <http://g> { ?s ?p ?o }")
    (True, True)
    >>> names_graphs("SELECT ?graph { ?graph gov:from 'GRAPH' } # FROM")
    False
    """
    return bool(_GRAPH_OR_FROM.search(code_only(query)))


def store_for(store, query: str, dataset_given: bool = False) -> ox.Store:
    """The pyoxigraph store to run ``query`` on: the union alone when it names no graph."""
    if isinstance(store, GraphStore):
        return store.full if dataset_given or names_graphs(query) else store.union
    return store


# ---------------------------------------------------------------------------
# Running a query
# ---------------------------------------------------------------------------


@dataclass
class QueryResult:
    """What a query answered.

    ``kind`` is ``select`` (``variables`` and ``rows``, a row being a tuple of
    terms or ``None`` for unbound), ``ask`` (``boolean``) or ``graph``
    (CONSTRUCT/DESCRIBE: ``triples``). ``truncated`` is true when a row limit
    cut the answer.
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples) if self.kind == "graph" else 1


def execute(
    store: ox.Store,
    query: str,
    *,
    max_rows: int | None = None,
    allow_service: bool = True,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
) -> QueryResult:
    """Run a query on ``store`` and read its whole answer.

    The default graph is the union of all graphs (see :func:`load_store`)
    unless ``default_graphs`` names some (the protocol's ``default-graph-uri``). At most ``max_rows``
    rows or triples are read; the result says whether more were left.
    Raises :class:`QuerySyntaxError`, :class:`QueryRefused` or :class:`QueryError`.
    """
    check_query(query, allow_service=allow_service)
    options: dict = {"prefixes": QUERY_PREFIXES}
    if default_graphs:
        options["default_graph"] = [ox.NamedNode(iri) for iri in default_graphs]
    if named_graphs:
        options["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs]
    try:
        target = store_for(store, query, dataset_given=bool(default_graphs or named_graphs))
        answer = target.query(query, **options)
        return _read_answer(answer, max_rows)
    except SyntaxError as exc:
        raise syntax_error_from(exc) from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"query failed: {exc}") from None


def _read_answer(answer, max_rows: int | None) -> QueryResult:
    """Copy a pyoxigraph answer into a :class:`QueryResult`, up to ``max_rows``."""
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        # a solution iterates over its values in variable order, None when unbound
        rows, truncated = _take(map(tuple, answer), max_rows)
        return QueryResult("select", variables=variables, rows=rows, truncated=truncated)
    triples, truncated = _take(iter(answer), max_rows)
    return QueryResult("graph", triples=triples, truncated=truncated)


def _take(items: Iterable, limit: int | None) -> tuple[list, bool]:
    """Read at most ``limit`` items; say whether there were more.

    >>> _take(iter(range(5)), 3)
    ([0, 1, 2], True)
    >>> _take(iter(range(2)), None)
    ([0, 1], False)
    """
    out = []
    for item in items:
        if limit is not None and len(out) >= limit:
            return out, True
        out.append(item)
    return out, False


# ---------------------------------------------------------------------------
# Terms as text
# ---------------------------------------------------------------------------


def term_text(term) -> str:
    """The plain value of a term: an IRI, a literal's lexical form, ``_:id``.

    >>> term_text(ox.Literal("杭州市", language="zh")), term_text(ox.NamedNode("http://x/a"))
    ('杭州市', 'http://x/a')
    """
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return f"<< {term_text(term.subject)} {term_text(term.predicate)} {term_text(term.object)} >>"
    return term.value


# ---------------------------------------------------------------------------
# SPARQL 1.1 result formats (SELECT and ASK)
# ---------------------------------------------------------------------------

#: Result formats by short name: (media type, writer name).
RESULT_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}

#: Graph formats by short name (CONSTRUCT and DESCRIBE answers).
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


def _json_term(term) -> dict:
    """One term in the SPARQL JSON results format."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(term.subject),
                "predicate": _json_term(term.predicate),
                "object": _json_term(term.object),
            },
        }
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def to_json(result: QueryResult) -> bytes:
    """SPARQL 1.1 Query Results JSON.

    >>> to_json(QueryResult("ask", boolean=True))
    b'{"head":{},"boolean":true}'
    """
    if result.kind == "ask":
        doc = {"head": {}, "boolean": bool(result.boolean)}
    else:
        bindings = [
            {var: _json_term(term) for var, term in zip(result.variables, row) if term is not None}
            for row in result.rows
        ]
        doc = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{xml_escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{xml_escape(term.value)}</bnode>"
    if isinstance(term, ox.Triple):
        parts = "".join(
            f"<{name}>{_xml_term(getattr(term, name))}</{name}>" for name in ("subject", "predicate", "object")
        )
        return f"<triple>{parts}</triple>"
    if term.language:
        attr = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype.value != XSD_STRING:
        attr = f" datatype={quoteattr(term.datatype.value)}"
    else:
        attr = ""
    return f"<literal{attr}>{xml_escape(term.value)}</literal>"


def to_xml(result: QueryResult) -> bytes:
    """SPARQL Query Results XML Format."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.kind == "ask":
        out.append(f"<head/><boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables) + "</head>")
        out.append("<results>")
        for row in result.rows:
            cells = "".join(
                f"<binding name={quoteattr(var)}>{_xml_term(term)}</binding>"
                for var, term in zip(result.variables, row)
                if term is not None
            )
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    out.append("</sparql>\n")
    return "\n".join(out).encode("utf-8")


def to_csv(result: QueryResult) -> bytes:
    """SPARQL 1.1 CSV results: plain values, CRLF line ends.

    >>> to_csv(QueryResult("select", ["a", "b"], [(ox.Literal("x,y"), None)]))
    b'a,b\\r\\n"x,y",\\r\\n'
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerow(["true" if result.boolean else "false"])
    else:
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([term_text(term) for term in row])
    return buffer.getvalue().encode("utf-8")


def to_tsv(result: QueryResult) -> bytes:
    """SPARQL 1.1 TSV results: terms in N-Triples/Turtle syntax.

    >>> to_tsv(QueryResult("select", ["n"], [(ox.Literal("杭州市", language="zh"),)]))
    b'?n\\n"\\xe6\\x9d\\xad\\xe5\\xb7\\x9e\\xe5\\xb8\\x82"@zh\\n'
    """
    if result.kind == "ask":
        return b"true\n" if result.boolean else b"false\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if term is None else str(term) for term in row))
    return ("\n".join(lines) + "\n").encode("utf-8")


_RESULT_WRITERS = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}


def serialize_result(result: QueryResult, fmt: str) -> bytes:
    """Serialise a SELECT/ASK result (``json``, ``xml``, ``csv``, ``tsv``) or a
    CONSTRUCT/DESCRIBE result (``turtle``, ``ntriples``, ``jsonld``, ``rdfxml``)."""
    if result.kind == "graph":
        buffer = io.BytesIO()
        rdf_format = GRAPH_FORMATS[fmt]
        prefixes = QUERY_PREFIXES if rdf_format == ox.RdfFormat.TURTLE else None
        ox.serialize(result.triples, buffer, rdf_format, prefixes=prefixes)
        return buffer.getvalue()
    return _RESULT_WRITERS[fmt](result)


# ---------------------------------------------------------------------------
# Short forms for people
# ---------------------------------------------------------------------------

#: Prefixes used to shorten IRIs in terminal tables: the vocabularies, plus
#: ``id:`` for the project's resources.
DISPLAY_PREFIXES: tuple[tuple[str, str], ...] = tuple(
    sorted({**QUERY_PREFIXES, "id": ID_BASE}.items(), key=lambda kv: -len(kv[1]))
)


def short_iri(iri: str) -> str:
    """Shorten an IRI with a known prefix for display.

    >>> short_iri("https://w3id.org/govkg/id/agency/浙江省商务厅")
    'id:agency/浙江省商务厅'
    >>> short_iri("https://w3id.org/govkg/ontology#leads")
    'gov:leads'
    """
    for name, base in DISPLAY_PREFIXES:
        if iri.startswith(base) and len(iri) > len(base):
            return f"{name}:{iri[len(base):]}"
    return f"<{iri}>"


def display_text(term) -> str:
    """A term as a person reads it in a table: short IRIs, plain literals."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return short_iri(term.value)
    return term_text(term)


__all__ = [
    "GAZETTEER_GRAPH",
    "QueryError",
    "QueryRefused",
    "QueryResult",
    "QuerySyntaxError",
    "check_query",
    "execute",
    "find_dataset",
    "load_store",
    "serialize_result",
]
