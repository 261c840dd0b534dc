"""Build stage: turn facts into RDF quads, one named graph per document.

The build keeps facts as plain data until the very end; :func:`to_quads`
turns them into sorted, de-duplicated pyoxigraph quads (fast to serialise
deterministically), and :func:`build_dataset` gives the same content as an
rdflib ``Dataset`` for library users, validation and views.

>>> from graph.model import Fact
>>> g = "https://w3id.org/govkg/id/doc/d1"
>>> quads = to_quads([Fact.type("https://w3id.org/govkg/id/agency/a", "Agency", g),
...                   Fact.type("https://w3id.org/govkg/id/agency/a", "Agency", g)])
>>> len(quads)
1
>>> ds = build_dataset([Fact.label("https://w3id.org/govkg/id/agency/a", "甲", g)])
>>> len(list(ds.quads()))
1
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Iterable, Sequence

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib import Literal as RdfLiteral

from graph.model import Fact
from graph.vocab import ONTOLOGY_GRAPH, PREFIXES, expand


@lru_cache(maxsize=4096)
def _node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(expand(iri))


def _object(fact: Fact):
    if not fact.object_is_literal:
        return _node(fact.object)
    if fact.lang:
        return ox.Literal(fact.object, language=fact.lang)
    if fact.datatype:
        return ox.Literal(fact.object, datatype=_node(fact.datatype))
    return ox.Literal(fact.object)


def fact_to_quad(fact: Fact) -> ox.Quad:
    """Convert one fact into a pyoxigraph quad in the fact's named graph.

    >>> q = fact_to_quad(Fact.literal("https://w3id.org/govkg/id/doc/d", "gov:docNumber",
    ...                               "浙政发〔2021〕14号", "https://w3id.org/govkg/id/doc/d"))
    >>> q.predicate.value
    'https://w3id.org/govkg/ontology#docNumber'
    """
    return ox.Quad(_node(fact.subject), _node(fact.predicate), _object(fact), _node(fact.graph))


def quad_sort_key(quad: ox.Quad) -> tuple[str, str, str, str]:
    """A total, deterministic order on quads: graph, subject, predicate, object."""
    return (str(quad.graph_name), str(quad.subject), str(quad.predicate), str(quad.object))


def to_quads(facts: Iterable[Fact]) -> list[ox.Quad]:
    """Convert facts to de-duplicated quads in a deterministic order."""
    unique = {fact_to_quad(f) for f in set(facts)}
    return sorted(unique, key=quad_sort_key)


# ------------------------------------------------------------ quad keys
#
# A build merges the facts of many files.  Instead of pyoxigraph quads (which
# do not pickle, and sort through four ``str()`` calls each), workers hand
# over *quad keys*: the N-Quads text of a quad's four terms, graph first,
# joined by ``KEY_SEP``.  Plain strings pickle and cache compactly, and they
# sort exactly like :func:`quad_sort_key` (``KEY_SEP`` sorts below every
# character a term's N-Quads text holds: control characters are escaped), so
# the parent merges sets of strings and writes N-Quads lines directly.

#: Separates the four terms of a quad key.
KEY_SEP = "\0"


@lru_cache(maxsize=1 << 16)
def _iri_text(iri: str) -> str:
    """The N-Triples text of a (CURIE or full) IRI, checked by pyoxigraph.

    >>> _iri_text("gov:leads")
    '<https://w3id.org/govkg/ontology#leads>'
    """
    return str(_node(iri))


def quad_key(fact: Fact) -> str:
    """The quad key of one fact: graph, subject, predicate, object in N-Quads text.

    >>> g = "https://w3id.org/govkg/id/doc/d"
    >>> quad_key(Fact.label(g, "关于…的通知", g)).split(KEY_SEP)[2:]
    ['<http://www.w3.org/2000/01/rdf-schema#label>', '"关于…的通知"@zh']
    """
    obj = _iri_text(fact.object) if not fact.object_is_literal else str(_object(fact))
    return KEY_SEP.join((_iri_text(fact.graph), _iri_text(fact.subject), _iri_text(fact.predicate), obj))


def quad_keys(facts: Iterable[Fact]) -> list[str]:
    """The sorted, de-duplicated quad keys of ``facts`` (the order of :func:`to_quads`)."""
    return sorted({quad_key(f) for f in facts})


def keys_of_quads(quads: Iterable[ox.Quad]) -> list[str]:
    """Quad keys of pyoxigraph quads, in the given order."""
    return [KEY_SEP.join((str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))) for q in quads]


def nquads_of_keys(keys: Iterable[str]) -> bytes:
    """N-Quads text of quad keys, one statement per line, in the given order.

    Byte-identical to pyoxigraph's N-Quads serialiser for the same quads.

    >>> g = "https://w3id.org/govkg/id/doc/d"
    >>> nquads_of_keys(quad_keys([Fact.literal(g, "gov:docNumber", "1号", g)])).decode()
    '<https://w3id.org/govkg/id/doc/d> <https://w3id.org/govkg/ontology#docNumber> "1号" <https://w3id.org/govkg/id/doc/d> .\\n'
    """
    lines = []
    for key in keys:
        graph, rest = key.split(KEY_SEP, 1)
        lines.append(f"{rest.replace(KEY_SEP, ' ')} {graph} .\n")
    return "".join(lines).encode("utf-8")


def union_keys(keys: Iterable[str]) -> list[str]:
    """The union of all graphs: sorted, de-duplicated ``subject predicate object`` keys
    (the order of :func:`union_triples`)."""
    return sorted({key.split(KEY_SEP, 1)[1] for key in keys})


def ntriples_of_union(keys: Iterable[str]) -> bytes:
    """N-Triples text of :func:`union_keys`, in the given order."""
    return "".join(f"{key.replace(KEY_SEP, ' ')} .\n" for key in keys).encode("utf-8")


def union_triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The union of all named graphs as sorted, de-duplicated triples."""
    unique = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    return sorted(unique, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


@lru_cache(maxsize=1)
def ontology_quads() -> tuple[ox.Quad, ...]:
    """The ontology's own terms (``ontology/govkg.ttl``) in the ontology graph.

    Returns an empty tuple when the ontology file is absent.
    """
    path = resources.files("ontology") / "govkg.ttl"
    if not path.is_file():
        return ()
    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    triples = list(ox.parse(path.read_bytes(), format=ox.RdfFormat.TURTLE))
    blank = _blank_node_names(triples)
    quads = {ox.Quad(blank.get(t.subject, t.subject), t.predicate, blank.get(t.object, t.object), graph)
             for t in triples}
    return tuple(sorted(quads, key=quad_sort_key))


def _blank_node_names(triples: list[ox.Triple]) -> dict[ox.BlankNode, ox.BlankNode]:
    """Stable names for the blank nodes of parsed triples (``o1``, ``o2``… in file order).

    The parser names blank nodes at random, which would change the output
    files from one build to the next.

    >>> ts = list(ox.parse(b"<http://x/a> <http://x/p> [ <http://x/q> 1 ] .", format=ox.RdfFormat.TURTLE))
    >>> sorted(n.value for n in _blank_node_names(ts).values())
    ['o1']
    """
    names: dict[ox.BlankNode, ox.BlankNode] = {}
    for t in triples:
        for term in (t.subject, t.object):
            if isinstance(term, ox.BlankNode) and term not in names:
                names[term] = ox.BlankNode(f"o{len(names) + 1}")
    return names


def _to_rdflib(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return RdfLiteral(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            return RdfLiteral(term.value)
        return RdfLiteral(term.value, datatype=URIRef(dt))
    from rdflib import BNode

    return BNode(term.value)


def rdflib_quads(quads: Iterable[ox.Quad]):
    """Yield ``(s, p, o, graph_name)`` tuples of rdflib terms, without building a store."""
    cache: dict = {}

    def term(t):
        if isinstance(t, ox.NamedNode):
            found = cache.get(t.value)
            if found is None:
                found = cache[t.value] = URIRef(t.value)
            return found
        return _to_rdflib(t)

    for q in quads:
        yield term(q.subject), term(q.predicate), term(q.object), term(q.graph_name)


def rdflib_quads_of_keys(keys: Sequence[str]):
    """Yield ``(s, p, o, graph_name)`` tuples of rdflib terms for quad keys.

    Each distinct term is converted once (IRIs directly, literals through
    one pyoxigraph parse of them all), so this is several times faster
    than converting every term of every quad.

    >>> g = "https://w3id.org/govkg/id/doc/d"
    >>> [str(t) for t in next(rdflib_quads_of_keys(quad_keys([Fact.label(g, "通知", g)])))]
    ['https://w3id.org/govkg/id/doc/d', 'http://www.w3.org/2000/01/rdf-schema#label', '通知', 'https://w3id.org/govkg/id/doc/d']
    """
    same: dict[str, str] = {}  # one string object per distinct term: rows share them
    one = same.setdefault
    rows = []
    for key in keys:
        g, s, p, o = key.split(KEY_SEP)
        rows.append((one(g, g), one(s, s), one(p, p), one(o, o)))
    terms: dict[str, object] = {}
    literals = []
    for text in same:
        if text.startswith("<"):
            terms[text] = URIRef(text[1:-1])
        else:
            literals.append(text)
    if literals:
        lines = "".join(f"<x:s> <x:p> {text} .\n" for text in literals).encode("utf-8")
        for text, triple in zip(literals, ox.parse(lines, format=ox.RdfFormat.N_TRIPLES)):
            terms[text] = _to_rdflib(triple.object)
    for g, s, p, o in rows:
        yield terms[s], terms[p], terms[o], terms[g]


def quads_to_dataset(quads: Iterable[ox.Quad]) -> Dataset:
    """Load quads into an rdflib ``Dataset`` with every prefix bound."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    for q in quads:
        ctx = ds.graph(URIRef(q.graph_name.value))
        ctx.add((_to_rdflib(q.subject), _to_rdflib(q.predicate), _to_rdflib(q.object)))
    return ds


def build_dataset(facts: Iterable[Fact], with_ontology: bool = False) -> Dataset:
    """Build an rdflib ``Dataset`` from facts (one named graph per document)."""
    quads = to_quads(facts)
    if with_ontology:
        quads = list(quads) + list(ontology_quads())
    return quads_to_dataset(quads)
