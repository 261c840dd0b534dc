"""Read a built dataset once into a small index that every network view uses.

The build writes ``DIR/graph.trig``: one named graph per document (the graph
name is the document IRI) and background knowledge in the gazetteer graph.  A
network view needs, for every entity, its type, label and a few literals, and
for every relation between two IRIs, the set of graphs that state it.  One pass
over the quads collects all of that into a :class:`GraphIndex`; the views
(:mod:`exports.views`) and the analytics (:mod:`graph.analytics`) read only
the index.

>>> from rdflib import Dataset
>>> ds = Dataset()
>>> _ = ds.parse(data='''
... @prefix gov: <https://w3id.org/govkg/ontology#> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... <https://w3id.org/govkg/id/doc/d1> {
...   <https://w3id.org/govkg/id/doc/d1> a gov:Document ;
...       <http://purl.org/dc/terms/issued> "2021-03-22"^^<http://www.w3.org/2001/XMLSchema#date> .
...   <https://w3id.org/govkg/id/agency/a> a gov:Agency ; rdfs:label "省科技厅"@zh ;
...       gov:leads <https://w3id.org/govkg/id/task/t> .
... }''', format="trig")
>>> index = GraphIndex.from_dataset(ds)
>>> index.types["https://w3id.org/govkg/id/agency/a"]
'Agency'
>>> index.node_years("https://w3id.org/govkg/id/agency/a")
(2021, 2021)
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from graph.errors import UserError
from graph.vocab import ENTITY_CLASSES, GAZETTEER_GRAPH, GOV, ID_BASE, PREFIXES

GOV_NS = str(GOV)
#: Contract classes in the order used to pick one type for a node with several.
TYPE_ORDER = ("Document",) + ENTITY_CLASSES
#: Properties that say a unit is responsible for a measure (``leads`` is a sub-property).
RESPONSIBILITY = ("responsibleFor", "leads")

_RDF_TYPE = RDF.type
_LABEL = RDFS.label
_PREF_LABEL = SKOS.prefLabel
_ISSUED = DCTERMS.issued
_SUBCLASS = RDFS.subClassOf
_MENTIONS = GOV.mentions
_LABEL_S, _PREF_LABEL_S, _ISSUED_S = str(_LABEL), str(_PREF_LABEL), str(_ISSUED)


def local_name(iri: str) -> str:
    """Return the part of ``iri`` after ``#`` or the last ``/``.

    >>> local_name("https://w3id.org/govkg/ontology#locatedIn")
    'locatedIn'
    >>> local_name("https://w3id.org/govkg/id/region/330100")
    '330100'
    """
    for sep in ("#", "/"):
        if sep in iri:
            return iri.rsplit(sep, 1)[1]
    return iri


@lru_cache(maxsize=1 << 16)
def short_id(iri: str) -> str:
    """Return the node id used in network files: the IRI without the id base.

    >>> short_id("https://w3id.org/govkg/id/agency/%E7%9C%81")
    'agency/省'
    >>> short_id("http://example.org/x")
    'http://example.org/x'
    """
    if iri.startswith(ID_BASE):
        return unquote(iri[len(ID_BASE):])
    return iri


#: Characters dropped from text written into XML: C0/C1 controls (but tab,
#: newline, return, which become spaces), soft hyphen, zero-width and
#: direction marks, BOM, specials, lone surrogates, private use.
_DROP = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\uffff\ud800-\udfff\ue000-\uf8ff]"
)
#: Anything :func:`clean_text` would change.
_ODD_TEXT = re.compile(_DROP.pattern + "|[^\\S ]|  |^ | $")


def clean_text(text: str) -> str:
    """Make ``text`` safe for XML attributes of type ``xs:token``.

    Drops control characters and collapses whitespace.

    >>> clean_text(" 浙江省\\n人民政府\\x0b ")
    '浙江省 人民政府'
    """
    if not _ODD_TEXT.search(text):
        return text
    return " ".join(_DROP.sub("", text).split())


@dataclass
class GraphIndex:
    """What the network views need from a dataset, collected in one pass.

    ``facts`` maps ``(subject, relation local name, object)`` between two IRIs
    of the ``gov:`` namespace to the set of graph names that state it;
    ``seen_in`` maps an IRI to the documents that mention it or state anything
    about it; ``doc_dates`` holds every document's ``dcterms:issued`` (or
    ``None``).
    """

    types: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    literals: dict[str, dict[str, str]] = field(default_factory=dict)
    facts: dict[tuple[str, str, str], set[str]] = field(default_factory=dict)
    seen_in: dict[str, set[str]] = field(default_factory=dict)
    doc_dates: dict[str, date | None] = field(default_factory=dict)
    #: The keys of ``facts`` by relation (see :meth:`relation_facts`).
    by_relation: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict, repr=False, compare=False)

    # -- construction -------------------------------------------------------
    @classmethod
    def from_dataset(cls, ds: Dataset) -> "GraphIndex":
        """Index ``ds`` (an rdflib Dataset or ConjunctiveGraph) in one pass."""
        return cls.from_quads(ds.quads((None, None, None, None)))

    @classmethod
    def from_quads(cls, quads) -> "GraphIndex":
        """Index ``(s, p, o, g)`` tuples of rdflib terms (``g`` a Graph or graph name)."""
        all_types: dict[str, set[str]] = defaultdict(set)
        labels: dict[str, dict[str, str]] = defaultdict(dict)
        literals: dict[str, dict[str, str]] = defaultdict(dict)
        facts: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        touched: dict[str, set[str]] = defaultdict(set)  # graph -> IRIs in it
        mentions: dict[str, set[str]] = defaultdict(set)  # IRI -> documents
        issued: dict[str, date | None] = {}
        subclass: dict[str, set[str]] = defaultdict(set)
        for s, p, o, g in quads:
            gname = str(g.identifier if isinstance(g, Graph) else g)
            s_str = str(s)
            if p == _RDF_TYPE:
                all_types[s_str].add(str(o))
            elif p == _SUBCLASS:
                subclass[s_str].add(str(o))
            elif isinstance(o, Literal):
                _index_literal(s_str, p, o, labels, literals, issued)
            elif isinstance(o, URIRef) and isinstance(s, URIRef):
                p_str = str(p)
                if p_str.startswith(GOV_NS):
                    rel = p_str[len(GOV_NS):]
                    facts[(s_str, rel, str(o))].add(gname)
                    if p == _MENTIONS:
                        mentions[str(o)].add(s_str)
                touched[gname].add(str(o))
            if isinstance(s, URIRef):
                touched[gname].add(s_str)
        return cls._finish(all_types, subclass, labels, literals, facts, touched, mentions, issued)

    @classmethod
    def from_keys(cls, keys) -> "GraphIndex":
        """Index quad keys (``graph.build.quad_key``: graph, subject,
        predicate, object in N-Quads text, joined by NUL) directly.

        The same index as :meth:`from_quads` of the same quads in sorted
        order, without making an rdflib term for every quad (see
        :class:`IndexBuilder`, which also builds it piece by piece).

        >>> from graph.build import KEY_SEP
        >>> g = "<https://w3id.org/govkg/id/doc/d>"
        >>> a = "<https://w3id.org/govkg/id/agency/a>"
        >>> index = GraphIndex.from_keys([
        ...     KEY_SEP.join((g, a, "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<%sAgency>" % GOV_NS)),
        ...     KEY_SEP.join((g, a, "<http://www.w3.org/2000/01/rdf-schema#label>", '"省科技厅"@zh'))])
        >>> index.types, index.labels
        ({'https://w3id.org/govkg/id/agency/a': 'Agency'}, {'https://w3id.org/govkg/id/agency/a': '省科技厅'})
        """
        return IndexBuilder().add_keys(keys).index()

    @classmethod
    def _finish(cls, all_types, subclass, labels, literals, facts, touched, mentions, issued,
                by_relation=None) -> "GraphIndex":
        """The index from what one pass over the quads collected."""
        index = cls()
        index.by_relation = by_relation if by_relation is not None else {}
        index.types = _pick_types(all_types, subclass)
        index.labels = {iri: _pick_label(by_lang) for iri, by_lang in labels.items()}
        index.literals = dict(literals)
        index.facts = dict(facts)
        index.doc_dates = {
            iri: issued.get(iri) for iri, t in index.types.items() if t == "Document"
        }
        seen: dict[str, set[str]] = defaultdict(set)
        for gname, iris in touched.items():
            if gname in index.doc_dates:
                for iri in iris:
                    if iri != gname:
                        seen[iri].add(gname)
        for iri, docs in mentions.items():
            seen[iri] |= {d for d in docs if d in index.doc_dates}
        index.seen_in = dict(seen)
        return index

    # -- queries ------------------------------------------------------------
    def relation_facts(self) -> dict[str, list[tuple[str, str, str]]]:
        """The keys of ``facts`` grouped by relation (``mentions`` alone is
        half of them, and most views skip it without looking at each).

        >>> index = GraphIndex(facts={("a", "leads", "t"): {"g"}, ("g", "mentions", "a"): {"g"}})
        >>> index.relation_facts()
        {'leads': [('a', 'leads', 't')], 'mentions': [('g', 'mentions', 'a')]}
        """
        if not self.by_relation and self.facts:
            for triple in self.facts:
                self.by_relation.setdefault(triple[1], []).append(triple)
        return self.by_relation

    def documents(self, graphs: set[str]) -> set[str]:
        """The subset of ``graphs`` that are documents (not the gazetteer)."""
        return {g for g in graphs if g in self.doc_dates}

    def dates(self, docs: set[str]) -> list[date]:
        """Sorted distinct issue dates of ``docs`` (documents without one skipped).

        Remembered per set of documents: the edges of a network share a few
        thousand sets of documents among tens of thousands of edges.
        """
        memo = self.__dict__.setdefault("_dates_cache", {})
        key = frozenset(docs)
        found = memo.get(key)
        if found is None:
            doc_dates = self.doc_dates
            found = memo[key] = sorted({d for d in map(doc_dates.get, key) if d})
        return list(found)

    def node_years(self, iri: str) -> tuple[int | None, int | None]:
        """First and last year of the documents mentioning ``iri``."""
        ds = self.dates(self.seen_in.get(iri, set()))
        return (ds[0].year, ds[-1].year) if ds else (None, None)

    def label(self, iri: str) -> str:
        """The node's label, or a readable fallback from its IRI."""
        return self.labels.get(iri) or local_name(short_id(iri)) or iri

    def type_of(self, iri: str) -> str:
        """The node's contract class (``Unknown`` when untyped)."""
        return self.types.get(iri, "Unknown")

    def entities(self) -> list[str]:
        """Every typed node that is not a document, sorted."""
        return sorted(i for i, t in self.types.items() if t not in ("Document", "_other"))

    def located_in(self) -> dict[str, list[str]]:
        """``gov:locatedIn`` targets of each node, sorted."""
        out: dict[str, list[str]] = defaultdict(list)
        for (s, rel, o) in self.facts:
            if rel == "locatedIn":
                out[s].append(o)
        return {k: sorted(v) for k, v in out.items()}

    def admin_level(self, iri: str) -> str | None:
        """``province``, ``prefecture`` or ``county`` for a region, else ``None``.

        Read from ``gov:adminLevel``; guessed from the adcode when absent.
        """
        lit = self.literals.get(iri, {})
        if "adminLevel" in lit:
            return lit["adminLevel"]
        code = lit.get("adcode", "")
        if len(code) == 6 and code.isdigit():
            if code.endswith("0000"):
                return "province"
            return "prefecture" if code.endswith("00") else "county"
        return None

    def place(self, iri: str) -> tuple[str | None, str | None]:
        """``(adcode, city label)`` of a node, following ``gov:locatedIn`` upwards.

        The adcode is the node's own (a region) or that of the most specific
        region it is located in; the city is the prefecture-level region on
        that chain.
        """
        parents = self._parents()
        adcode = city = None
        current, seen = iri, set()
        while current and current not in seen:
            seen.add(current)
            lit = self.literals.get(current, {})
            if adcode is None and lit.get("adcode"):
                adcode = lit["adcode"]
            if self.admin_level(current) == "prefecture":
                city = self.label(current)
                break
            nxt = parents.get(current)
            current = nxt[0] if nxt else None
        return adcode, city

    def _parents(self) -> dict[str, list[str]]:
        cached = self.__dict__.get("_parents_cache")
        if cached is None:
            cached = self.located_in()
            self.__dict__["_parents_cache"] = cached
        return cached


class IndexBuilder:
    """Collects a :class:`GraphIndex` from quad keys, in any order and any
    number of pieces: a build adds each file's keys as the file is done.

    Everything collected is a set, a minimum or a maximum, so the order of
    the pieces does not matter and a key added twice counts once; the index
    equals :meth:`GraphIndex.from_quads` of the same quads in sorted order
    (where a document has two ``dcterms:issued`` values, the one of the
    greatest key wins, as the last one read there).

    >>> from graph.build import KEY_SEP
    >>> d, issued = "<https://w3id.org/govkg/id/doc/d>", "<http://purl.org/dc/terms/issued>"
    >>> b = IndexBuilder().add_keys([KEY_SEP.join((d, d, issued, '"2021-06-04"'))])
    >>> _ = b.add_keys([KEY_SEP.join((d, d, "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", f"<{GOV_NS}Document>"))])
    >>> b.index().doc_dates
    {'https://w3id.org/govkg/id/doc/d': datetime.date(2021, 6, 4)}
    """

    def __init__(self):
        self.all_types: dict[str, set[str]] = defaultdict(set)
        self.labels: dict[str, dict[str, str]] = defaultdict(dict)
        self.literals: dict[str, dict[str, str]] = defaultdict(dict)
        self.facts: dict[tuple[str, str, str], set[str]] = {}
        self.by_relation: dict[str, list[tuple[str, str, str]]] = {}
        self.touched: dict[str, set[str]] = defaultdict(set)  # graph -> IRIs in it
        self.mentions: dict[str, set[str]] = defaultdict(set)  # IRI -> documents
        self.subclass: dict[str, set[str]] = defaultdict(set)
        self.issued: dict[str, tuple[str, date] | None] = {}  # IRI -> (greatest key, date) or None
        self.literal = _LiteralReader()

    def add_keys(self, keys) -> "IndexBuilder":
        """Add quad keys (``graph.build.quad_key``); return this builder."""
        all_types, subclass, labels, literals = self.all_types, self.subclass, self.labels, self.literals
        facts, touched, mentions, literal = self.facts, self.touched, self.mentions, self.literal
        rdf_type, subclass_of, mentions_iri = f"<{_RDF_TYPE}>", f"<{_SUBCLASS}>", f"<{_MENTIONS}>"
        issued_iri = f"<{_ISSUED}>"
        gov = "<" + GOV_NS
        for key in keys:
            g, s, p, o = key.split("\0")
            gname = g[1:-1]
            s_iri = s[0] == "<"
            s_str = s[1:-1] if s_iri else s[2:]
            first = o[0]
            if p == rdf_type or p == subclass_of:
                o_str = o[1:-1] if first == "<" else o[2:] if first == "_" else str(literal(o))
                (all_types if p == rdf_type else subclass)[s_str].add(o_str)
            elif first == '"':
                if p == issued_iri:
                    self._add_issued(s_str, key, literal(o))
                else:
                    _index_literal(s_str, p[1:-1], literal(o), labels, literals, None)
            elif first == "<" and s_iri:
                o_str = o[1:-1]
                if p.startswith(gov):
                    rel = p[len(gov):-1]
                    triple = (s_str, rel, o_str)
                    graphs = facts.get(triple)
                    if graphs is None:
                        facts[triple] = {gname}
                        by_relation = self.by_relation.get(rel)
                        if by_relation is None:
                            by_relation = self.by_relation[rel] = []
                        by_relation.append(triple)
                    else:
                        graphs.add(gname)
                    if p == mentions_iri:
                        mentions[o_str].add(s_str)
                touched[gname].add(o_str)
            if s_iri:
                touched[gname].add(s_str)
        return self

    def _add_issued(self, s: str, key: str, o: Literal) -> None:
        """Keep the issue date of the greatest key (a date read wins over one that is not)."""
        value = _issued_value(o)
        best = self.issued.get(s)
        if value is not None and (best is None or key > best[0]):
            self.issued[s] = (key, value)
        else:
            self.issued.setdefault(s, None)

    def index(self) -> GraphIndex:
        """The index of every key added so far."""
        issued = {s: best[1] if best else None for s, best in self.issued.items()}
        return GraphIndex._finish(self.all_types, self.subclass, self.labels, self.literals, self.facts,
                                  self.touched, self.mentions, issued,
                                  {rel: list(triples) for rel, triples in self.by_relation.items()})


def _issued_value(o: Literal):
    """The date of a ``dcterms:issued`` literal (``None`` when it is not one).

    >>> _issued_value(Literal("2021-06-04 印发")), _issued_value(Literal("六月"))
    (datetime.date(2021, 6, 4), None)
    """
    value = o.toPython()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(o)[:10])
    except ValueError:
        return None


class _LiteralReader:
    """rdflib literals of N-Triples literal texts, each distinct text read once.

    Plain and language-tagged strings without escapes are read directly;
    any other (escapes, datatypes, which rdflib may normalise) through
    pyoxigraph and rdflib, exactly as :func:`graph.build.rdflib_quads_of_keys`.

    >>> read = _LiteralReader()
    >>> read('"甲"@zh').language, str(read('"a\\"b"')), read('"01"^^<http://www.w3.org/2001/XMLSchema#integer>').toPython()
    ('zh', 'a"b', 1)
    """

    def __init__(self):
        self.known: dict[str, Literal] = {}

    def __call__(self, text: str) -> Literal:
        found = self.known.get(text)
        if found is None:
            found = self.known[text] = self._read(text)
        return found

    @staticmethod
    def _read(text: str) -> Literal:
        end = text.rindex('"')
        tail = text[end + 1:]
        if "\\" not in text and not tail.startswith("^^"):
            return Literal(text[1:end], lang=tail[1:] or None)
        import pyoxigraph as ox

        from graph.build import _to_rdflib

        triple = next(iter(ox.parse(f"<x:s> <x:p> {text} .\n".encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)))
        return _to_rdflib(triple.object)


def _index_literal(s, p, o, labels, literals, issued) -> None:
    """Record the literal ``o`` of ``s`` if it is one the views use (``p`` an IRI or its text)."""
    p = str(p)
    if p == _LABEL_S or p == _PREF_LABEL_S:
        lang = o.language or ""
        key = ("0" if p == _LABEL else "1") + ("0" if lang.startswith("zh") else "1" if not lang else "2")
        prev = labels[str(s)].get(key)
        text = str(o)
        if prev is None or text < prev:
            labels[str(s)][key] = text
    elif p == _ISSUED_S:
        value = _issued_value(o)
        if value is not None:
            issued[str(s)] = value
        else:
            issued.setdefault(str(s), None)
    elif p.startswith(GOV_NS):
        name = p[len(GOV_NS):]
        prev = literals[str(s)].get(name)
        if prev is None or str(o) < prev:
            literals[str(s)][name] = str(o)


def _pick_label(by_key: dict[str, str]) -> str:
    """Prefer rdfs:label@zh, then untagged, then other languages, then prefLabel."""
    return clean_text(by_key[min(by_key)])


def _pick_types(all_types: dict[str, set[str]], subclass: dict[str, set[str]]) -> dict[str, str]:
    """Map every typed IRI to one contract class name (the first in TYPE_ORDER).

    A ``gov:`` subclass declared in the dataset counts as its contract
    superclass; any other ``gov:`` class keeps its own local name; nodes with
    only non-``gov:`` types map to ``_other`` (ontology terms and the like).
    """
    rank = {name: i for i, name in enumerate(TYPE_ORDER)}

    def contract_of(cls: str, depth: int = 0) -> str | None:
        if cls.startswith(GOV_NS) and cls[len(GOV_NS):] in rank:
            return cls[len(GOV_NS):]
        if depth > 8:
            return None
        for sup in sorted(subclass.get(cls, ())):
            found = contract_of(sup, depth + 1)
            if found:
                return found
        return None

    out: dict[str, str] = {}
    for iri, classes in all_types.items():
        names = [c for c in (contract_of(x) for x in classes) if c]
        if names:
            out[iri] = min(names, key=rank.__getitem__)
            continue
        gov = sorted(c[len(GOV_NS):] for c in classes if c.startswith(GOV_NS))
        if gov and not any(c.startswith("http://www.w3.org/2002/07/owl#") for c in classes):
            out[iri] = gov[0]
        else:
            out[iri] = "_other"
    return out


# -- reading and writing files ----------------------------------------------

def load_dataset(data_dir: str | os.PathLike) -> Dataset:
    """Load ``DIR/graph.trig`` (or ``DIR/graph.nq``) written by ``govkg build``.

    Raises :class:`UserError` when the folder holds neither.
    """
    root = Path(data_dir)
    if root.is_file():
        candidates = [root]
    else:
        candidates = [root / "graph.trig", root / "graph.nq"]
    for path in candidates:
        if path.is_file():
            fmt = "nquads" if path.suffix == ".nq" else "trig"
            ds = Dataset()
            try:
                ds.parse(str(path), format=fmt)
            except Exception as exc:  # rdflib raises many parser error types
                raise UserError(f"{path}: cannot read the dataset ({exc.__class__.__name__}: {exc})") from None
            return ds
    raise UserError(f"{root}: no graph.trig or graph.nq here; run `govkg build INPUT --out {root}` first")


def bind_prefixes(graph: Graph) -> Graph:
    """Bind every project prefix on ``graph`` (so no ``ns1:`` appears)."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    return graph


def atomic_write(path: str | os.PathLike, write) -> Path:
    """Call ``write(tmp_path)`` then rename the file to ``path`` in one step.

    A reader never sees a half-written file; the folder is created if needed.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=str(target.parent))
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; exports are meant to be shared
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def is_background(graph_name: str) -> bool:
    """True for the gazetteer graph (facts no document states)."""
    return graph_name == GAZETTEER_GRAPH
