"""Check a built graph against the SHACL shapes of ``ontology/shapes.ttl``.

:func:`validate` takes a build directory (it reads ``DIR/graph.ttl``), an RDF
file, or an rdflib ``Graph``/``Dataset`` (a dataset is validated as the union
of its graphs, as ``graph.ttl`` is).  It runs pyshacl without inference: the
builder types every node with its contract class, and ``sh:class`` follows the
``rdfs:subClassOf`` triples of the ontology, which is added to the data when
the data does not already include it.

>>> from rdflib import Graph
>>> g = Graph().parse(data='''
...   @prefix gov: <https://w3id.org/govkg/ontology#> .
...   @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
...   <https://w3id.org/govkg/id/region/330100> a gov:Region ;
...       rdfs:label "杭州市"@zh ; gov:adminLevel "prefecture" .
... ''', format="turtle")
>>> report = validate(g)
>>> report.conforms
False
>>> [(v.focus_label, v.path, v.message) for v in report.violations]
[('杭州市', '', 'a region below province level needs a gov:locatedIn parent region'), \
('杭州市', 'gov:adcode', 'a region needs exactly one gov:adcode')]
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Union

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import OWL, RDF, RDFS

from graph.errors import UserError
from graph.vocab import ID_BASE, PREFIXES, SH

#: The ontology's own IRI (the subject of its ``owl:Ontology`` header).
ONTOLOGY_IRI = URIRef("https://w3id.org/govkg/ontology")
#: Prefix of the shapes' IRIs, shown as ``govsh:`` in reports.
SHAPES_NS = "https://w3id.org/govkg/shapes#"

#: RDF formats :func:`load_data` reads, by file suffix.
FORMATS = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nq": "nquads",
    ".nt": "nt",
    ".jsonld": "json-ld",
}

DataLike = Union[str, Path, Graph]


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL validation result, ready to print.

    ``shape`` names the constraint (``govsh:RegionShape › gov:adcode``);
    ``focus`` is the node's IRI, ``focus_label`` its Chinese label (or a
    short form of its IRI); ``path`` the property (``""`` for a node-level
    constraint); ``value`` the offending value, if any.
    """

    shape: str
    focus: str
    focus_label: str
    path: str
    message: str
    value: str = ""
    severity: str = "Violation"

    def render(self) -> str:
        """One readable line.

        >>> Violation("govsh:RegionShape › gov:adcode", ID_BASE + "region/330100",
        ...           "杭州市", "gov:adcode", "a region needs exactly one gov:adcode").render()
        '杭州市 [region/330100] · gov:adcode · a region needs exactly one gov:adcode'
        """
        where = short(self.focus)
        parts = [where if self.focus_label == where else f"{self.focus_label} [{where}]"]
        if self.path:
            parts.append(self.path)
        message = self.message
        if self.value:
            message += f" (value: {self.value})"
        if self.severity != "Violation":
            message = f"{self.severity}: {message}"
        parts.append(message)
        return " · ".join(parts)


@dataclass
class Report:
    """The outcome of :func:`validate`: conformance and every violation."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    source: str = "graph"
    triples: int = 0
    shapes: int = 0
    seconds: float = 0.0

    def by_shape(self) -> list[tuple[str, int, str]]:
        """``(shape, count, message)`` per shape and message, most violated first.

        >>> r = Report(False, [Violation("s1", "a", "a", "", "m1"),
        ...                    Violation("s2", "b", "b", "", "m2"),
        ...                    Violation("s2", "c", "c", "", "m2")])
        >>> r.by_shape()
        [('s2', 2, 'm2'), ('s1', 1, 'm1')]
        """
        counts = Counter((v.shape, v.message) for v in self.violations)
        return sorted(
            ((shape, n, message) for (shape, message), n in counts.items()),
            key=lambda row: (-row[1], row[0], row[2]),
        )

    def render(self, limit: int = 20) -> str:
        """A summary: conformance, counts by shape, the first ``limit`` details."""
        head = f"{self.source}: {self.triples} triples, {self.shapes} shapes, {self.seconds:.2f} s"
        if self.conforms:
            return f"{head}\nconforms: yes"
        lines = [
            head,
            f"conforms: no — {len(self.violations)} violation(s) of "
            f"{len({v.shape for v in self.violations})} shape(s)",
            "",
            "by shape:",
        ]
        lines += [f"  {n:6d}  {shape}: {message}" for shape, n, message in self.by_shape()]
        shown = self.violations[: max(limit, 0)]
        if shown:
            lines += ["", f"first {len(shown)} of {len(self.violations)}:"]
            lines += [f"  {v.render()}" for v in shown]
        return "\n".join(lines)


def short(node: str) -> str:
    """A short readable form of an IRI: ``gov:Region``, ``region/330100``.

    >>> short("https://w3id.org/govkg/ontology#Region")
    'gov:Region'
    >>> short(ID_BASE + "region/330100")
    'region/330100'
    >>> short("https://w3id.org/govkg/shapes#RegionShape")
    'govsh:RegionShape'
    """
    if node.startswith(ID_BASE):
        return node[len(ID_BASE):]
    if node.startswith(SHAPES_NS):
        return "govsh:" + node[len(SHAPES_NS):]
    for prefix, namespace in PREFIXES.items():
        if node.startswith(str(namespace)) and len(node) > len(str(namespace)):
            return f"{prefix}:{node[len(str(namespace)):]}"
    return node


def shapes_path() -> Path:
    """The path of ``ontology/shapes.ttl``."""
    return Path(str(resources.files("ontology") / "shapes.ttl"))


def ontology_path() -> Path:
    """The path of ``ontology/govkg.ttl``."""
    return Path(str(resources.files("ontology") / "govkg.ttl"))


@lru_cache(maxsize=4)
def _parse_cached(path: str, mtime: float) -> Graph:
    return Graph().parse(path, format="turtle")


def load_turtle(path: Path) -> Graph:
    """Parse a Turtle file once per modification (callers must not mutate it)."""
    return _parse_cached(str(path), path.stat().st_mtime)


def load_data(data: DataLike) -> tuple[Graph, str]:
    """Return ``(graph, name)`` for a build directory, an RDF file or a graph.

    A directory means its ``graph.ttl``; a dataset (named graphs) becomes the
    union of its graphs.  Raises :class:`UserError` when there is nothing to
    read.
    """
    if isinstance(data, Graph):
        return _union(data), "graph"
    path = Path(data)
    if path.is_dir():
        path = path / "graph.ttl"
        if not path.is_file():
            raise UserError(f"{data}: no graph.ttl in this folder (run `govkg build INPUT --out {data}` first)")
    elif not path.is_file():
        raise UserError(f"{data}: no such file or folder")
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UserError(f"{path}: unknown RDF format (expected one of {', '.join(FORMATS)})")
    try:
        if fmt in ("trig", "nquads"):
            graph = _union(Dataset().parse(str(path), format=fmt))
        else:
            graph = Graph().parse(str(path), format=fmt)
    except Exception as exc:  # rdflib raises many kinds of parser errors
        raise UserError(f"{path}: cannot parse as {fmt}: {_first_lines(exc)}") from None
    return graph, str(path)


def _first_lines(exc: Exception) -> str:
    """The gist of a parser error on one line.

    >>> _first_lines(ValueError("at line 1 of <>:\\nBad syntax (expected directive) at ^ in:\\n..."))
    'at line 1 of <>: Bad syntax (expected directive) at ^ in:'
    """
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return " ".join(lines[:2])[:200] or type(exc).__name__


def _union(graph: Graph) -> Graph:
    """The union of a dataset's graphs as one graph; a plain graph unchanged."""
    if not isinstance(graph, (Dataset, ConjunctiveGraph)):
        return graph
    union = Graph()
    for prefix, namespace in graph.namespaces():
        union.bind(prefix, namespace, override=False)
    for s, p, o, _ in graph.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def with_ontology(graph: Graph) -> Graph:
    """``graph`` itself if it includes the ontology, else a copy with it added."""
    if (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in graph:
        return graph
    combined = Graph()
    for triple in graph:
        combined.add(triple)
    for triple in load_turtle(ontology_path()):
        combined.add(triple)
    return combined


def validate(data: DataLike, shapes: str | Path | None = None) -> Report:
    """Validate ``data`` (build dir, RDF file, Graph or Dataset) against the shapes."""
    import pyshacl  # imported here: it is slow to import and only this command needs it

    graph, name = load_data(data)
    graph = with_ontology(graph)
    shapes_file = Path(shapes) if shapes else shapes_path()
    try:
        shapes_graph = load_turtle(shapes_file)
    except OSError as exc:
        raise UserError(f"{shapes_file}: cannot read shapes: {exc.strerror}") from None
    except Exception as exc:  # a parser error in a user-supplied shapes file
        raise UserError(f"{shapes_file}: cannot parse shapes as Turtle: {type(exc).__name__}") from None
    started = time.perf_counter()
    conforms, results, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes_graph,
        inference="none",
        abort_on_first=False,
        allow_infos=True,
        allow_warnings=False,
        meta_shacl=False,
        advanced=False,
        js=False,
    )
    seconds = time.perf_counter() - started
    violations = sorted(_read_results(results, graph, shapes_graph))
    return Report(
        conforms=bool(conforms),
        violations=violations,
        source=name,
        triples=len(graph),
        shapes=len(set(shapes_graph.subjects(RDF.type, SH.NodeShape))),
        seconds=seconds,
    )


def _read_results(results: Graph, data: Graph, shapes: Graph) -> list[Violation]:
    """Turn pyshacl's results graph into :class:`Violation` rows."""
    rows = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        severity = results.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        rows.append(
            Violation(
                shape=_shape_name(results.value(result, SH.sourceShape), shapes),
                focus=str(focus),
                focus_label=_label(focus, data),
                path=_path_name(path),
                message=messages[0] if messages else "constraint violated",
                value=_value_text(value) if value is not None and value != focus else "",
                severity=str(severity).rpartition("#")[2] if severity else "Violation",
            )
        )
    return rows


def _shape_name(shape, shapes: Graph) -> str:
    """``govsh:RegionShape`` for a named shape; ``govsh:RegionShape › gov:adcode``
    for a blank property shape inside it."""
    if shape is None:
        return "(unknown shape)"
    if not isinstance(shape, BNode):
        return short(str(shape))
    owner = shapes.value(predicate=SH.property, object=shape)
    path = _path_name(shapes.value(shape, SH.path))
    if owner is None:
        return f"(anonymous shape) › {path}" if path else "(anonymous shape)"
    owner_name = _shape_name(owner, shapes)
    return f"{owner_name} › {path}" if path else owner_name


def _path_name(path) -> str:
    if path is None:
        return ""
    if isinstance(path, URIRef):
        return short(str(path))
    return "(complex path)"


def _label(node, data: Graph) -> str:
    """The node's Chinese label, else any label, else its short IRI."""
    if isinstance(node, Literal):
        return _value_text(node)
    labels = list(data.objects(node, RDFS.label))
    for label in sorted(labels, key=lambda l: ((getattr(l, "language", None) or "") != "zh", str(l))):
        return str(label)
    return short(str(node))


def _value_text(value) -> str:
    """A literal as written in Turtle (quoted, with tag/datatype); an IRI short."""
    if isinstance(value, Literal):
        text = f'"{value}"'
        if value.language:
            return f"{text}@{value.language}"
        if value.datatype:
            return f"{text}^^{short(str(value.datatype))}"
        return text
    return short(str(value))
