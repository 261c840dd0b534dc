"""Network views: which nodes and edges of the knowledge graph go into a network file.

What to put in a network is a research choice, so each view is a small, named
recipe over the dataset (see :data:`VIEWS`):

``full``
    Every entity (every node typed with a contract class) and every ``gov:``
    relation between two entities.  Documents are *not* nodes: they would
    turn the network into stars around each document.  They appear instead as
    the evidence on nodes and edges: ``docs`` (how many documents mention a
    node / state an edge), ``first_year``/``last_year``, the edge weight
    (documents stating it) and the edge's time spells (the documents' dates),
    and ``issued`` (documents an agency issued).
``agencies``
    Agencies linked when they are jointly responsible for the same measure
    (a ``gov:Task``, ``gov:Program`` or ``gov:Award`` reached by
    ``gov:responsibleFor``/``gov:leads``).  Measures are not nodes: the edge
    weight is the number of shared measures.  Agencies responsible for at
    least one measure are nodes, even when they share none.
``regions``
    Regions, development zones, laboratories and institutions, with
    ``gov:locatedIn``, ``gov:integrates`` and ``gov:ledBy``/``gov:leads``
    among them, plus the awards they received (``gov:rewardedBy``).
``awards``
    Awards with their recipients (``gov:rewardedBy``) and the agencies that
    confer them (``gov:conferredBy``).

Every view returns a networkx graph whose nodes carry ``label``, ``type``,
``key``, ``iri``, ``docs`` and, where known, ``adcode``, ``city``,
``first_year``, ``last_year``; whose edges carry ``kind`` (the relation's
local name), ``weight``, ``docs`` and ``dates`` (ISO strings); and whose
``graph`` dict carries ``view``, ``directed`` and ``rdf_nodes`` (the IRIs
whose descriptions make up the view's RDF subgraph).

>>> from exports.network import GraphIndex
>>> sorted(VIEWS)
['agencies', 'awards', 'full', 'regions']
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF

from exports.network import RESPONSIBILITY, GraphIndex, bind_prefixes, short_id
from graph.errors import UserError
from graph.vocab import ENTITY_CLASSES

#: Relations whose subject or object is a document; they never become edges.
DOCUMENT_RELATIONS = frozenset({"issuedBy", "addressedTo", "cites", "mentions", "establishes"})
#: Kind of the edges of the agencies view.
JOINT_KIND = "jointlyResponsible"
#: What counts as a measure in the agencies view.
MEASURE_CLASSES = frozenset({"Task", "Program", "Award"})


@dataclass(frozen=True)
class View:
    """A recipe: node classes always included, classes included only when an
    edge reaches them, and the relations kept (``None`` = every relation)."""

    name: str
    description: str
    node_classes: frozenset[str]
    attached_classes: frozenset[str] = frozenset()
    relations: frozenset[str] | None = None
    directed: bool = True


VIEWS: dict[str, View] = {
    "full": View(
        "full",
        "all entities and the relations between them (documents are evidence, not nodes)",
        frozenset(ENTITY_CLASSES) | {"Unknown"},
    ),
    "agencies": View(
        "agencies",
        "agencies linked by the measures they are jointly responsible for (weight = shared measures)",
        frozenset({"Agency"}),
        relations=frozenset(RESPONSIBILITY),
        directed=False,
    ),
    "regions": View(
        "regions",
        "regions, development zones, laboratories and institutions with locatedIn and rewards",
        frozenset({"Region", "DevelopmentZone", "Laboratory", "Institution"}),
        attached_classes=frozenset({"Award"}),
        relations=frozenset({"locatedIn", "integrates", "rewardedBy", "ledBy", "leads"}),
    ),
    "awards": View(
        "awards",
        "awards with their recipients and the agencies conferring them",
        frozenset({"Award"}),
        attached_classes=frozenset(
            {"Person", "Achievement", "Institution", "Region", "Agency", "DevelopmentZone", "Laboratory"}
        ),
        relations=frozenset({"rewardedBy", "conferredBy"}),
    ),
}


def get_view(name: str) -> View:
    """Return the view called ``name`` or raise a one-line :class:`UserError`."""
    try:
        return VIEWS[name]
    except KeyError:
        raise UserError(f"unknown view {name!r}; choose one of: {', '.join(sorted(VIEWS))}") from None


def build_view(source: Dataset | GraphIndex, name: str = "full") -> nx.MultiDiGraph | nx.Graph:
    """Build the networkx graph of view ``name`` from a dataset or its index.

    Directed views are ``MultiDiGraph`` (one edge per relation kind between
    two nodes, keyed by kind); the agencies view is an undirected ``Graph``.
    """
    index = source if isinstance(source, GraphIndex) else GraphIndex.from_dataset(source)
    view = get_view(name)
    if name == "agencies":
        graph = _agencies(index, view)
    else:
        graph = _relations_view(index, view)
    graph.graph.update(view=view.name, description=view.description, directed=view.directed)
    for node in graph.nodes:
        graph.nodes[node]["degree"] = graph.degree(node)
    return graph


# -- the recipes -------------------------------------------------------------

def _relations_view(index: GraphIndex, view: View) -> nx.MultiDiGraph:
    """Nodes of ``view.node_classes`` and the relations the view keeps."""
    allowed = view.node_classes | view.attached_classes
    graph = nx.MultiDiGraph()
    nodes = {iri for iri in index.entities() if index.type_of(iri) in view.node_classes}
    edges = []
    kept = allowed - {"Document", "_other"}  # a document or an untyped _other node is never an end
    wanted = view.relations
    type_of = index.types.get
    facts = index.facts
    for rel, triples in index.relation_facts().items():
        if rel in DOCUMENT_RELATIONS or (wanted is not None and rel not in wanted):
            continue
        for triple in triples:
            s, _, o = triple
            if type_of(s, "Unknown") in kept and type_of(o, "Unknown") in kept:
                edges.append((s, rel, o, facts[triple]))
                nodes.add(s)
                nodes.add(o)
    for iri in sorted(nodes):
        graph.add_node(short_id(iri), **node_attributes(index, iri))
    evidence: dict[tuple[str, frozenset], dict] = {}  # few distinct (relation, graphs) among many edges
    for s, rel, o, graphs in sorted(edges, key=lambda e: (e[0], e[2], e[1])):
        key = (rel, frozenset(graphs))
        attrs = evidence.get(key)
        if attrs is None:
            docs = index.documents(graphs)
            attrs = evidence[key] = edge_attributes(index, rel, docs, weight=max(1, len(docs)))
        graph.add_edge(short_id(s), short_id(o), key=rel, **attrs)
    graph.graph["rdf_nodes"] = sorted(nodes)
    return graph


def _agencies(index: GraphIndex, view: View) -> nx.Graph:
    """Agencies linked by jointly held measures (see the module docstring)."""
    holders: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for (s, rel, o), graphs in index.facts.items():
        if rel in RESPONSIBILITY and index.type_of(s) == "Agency":
            if index.type_of(o) in MEASURE_CLASSES or index.type_of(o) == "Unknown":
                holders[o][s] |= graphs
    measures_of: dict[str, set[str]] = defaultdict(set)
    pairs: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(dict)
    for measure in sorted(holders):
        units = holders[measure]
        for unit in units:
            measures_of[unit].add(measure)
        for a, b in combinations(sorted(units), 2):
            both = units[a] & units[b] or units[a] | units[b]
            pairs[(a, b)][measure] = index.documents(both)
    graph = nx.Graph()
    for iri in sorted(measures_of):
        attrs = node_attributes(index, iri)
        attrs["measures"] = len(measures_of[iri])
        graph.add_node(short_id(iri), **attrs)
    for (a, b), by_measure in sorted(pairs.items()):
        docs = set().union(*by_measure.values())
        graph.add_edge(
            short_id(a), short_id(b),
            **edge_attributes(index, JOINT_KIND, docs, weight=len(by_measure)),
        )
    shared = {m for by_measure in pairs.values() for m in by_measure}
    graph.graph["rdf_nodes"] = sorted(set(measures_of) | shared)
    return graph


# -- attributes --------------------------------------------------------------

def node_attributes(index: GraphIndex, iri: str) -> dict:
    """The attributes of one node (absent values left out, never ``None``)."""
    node_type = index.type_of(iri)
    attrs: dict = {
        "label": index.label(iri),
        "type": node_type,
        "key": short_id(iri).split("/", 1)[-1],
        "iri": iri,
        "docs": len(index.seen_in.get(iri, ())),
    }
    adcode, city = index.place(iri)
    if adcode:
        attrs["adcode"] = adcode
    if city:
        attrs["city"] = city
    first, last = index.node_years(iri)
    if first is not None:
        attrs["first_year"], attrs["last_year"] = first, last
    if node_type == "Agency":
        attrs["issued"] = len(_issued_by(index).get(iri, ()))
    return attrs


def edge_attributes(index: GraphIndex, kind: str, docs: set[str], weight: int) -> dict:
    """The attributes of one edge stated by ``docs``."""
    dates = [d.isoformat() for d in index.dates(docs)]
    attrs: dict = {"kind": kind, "label": kind, "weight": weight, "docs": len(docs), "dates": dates}
    if dates:
        attrs["first_year"], attrs["last_year"] = int(dates[0][:4]), int(dates[-1][:4])
    return attrs


def _issued_by(index: GraphIndex) -> dict[str, list[tuple[str, str, str]]]:
    """``gov:issuedBy`` facts grouped by issuing agency (cached on the index)."""
    cached = index.__dict__.get("_issued_cache")
    if cached is None:
        cached = defaultdict(list)
        for fact in index.facts:
            if fact[1] == "issuedBy":
                cached[fact[2]].append(fact)
        index.__dict__["_issued_cache"] = cached
    return cached


# -- the RDF subgraph of a view ----------------------------------------------

def view_rdf(ds: Dataset, graph: nx.Graph) -> Graph:
    """The union-graph triples describing the nodes of a built view.

    Keeps every triple whose subject is one of ``graph.graph["rdf_nodes"]``
    and whose object is a literal or another of them, so that the RDF export
    of a view holds exactly its nodes, their names and literals, and the
    relations between them.
    """
    keep = {URIRef(iri) for iri in graph.graph.get("rdf_nodes", ())}
    out = bind_prefixes(Graph())
    for s, p, o, _g in ds.quads((None, None, None, None)):
        if s in keep and (isinstance(o, Literal) or o in keep or p == RDF.type):
            out.add((s, p, o))
    return out


#: ``--format`` names of the RDF exports of a view and their rdflib serializers.
RDF_FORMATS = {"jsonld": "json-ld", "nt": "nt"}


def write_view_rdf(ds: Dataset, graph: nx.Graph, path, fmt: str):
    """Write the RDF subgraph of a built view as JSON-LD or N-Triples.

    JSON-LD gets a ``@context`` with every project prefix, so the names read
    as ``gov:locatedIn``; N-Triples has no prefixes by definition.  Triples
    are sorted in N-Triples so that the file is deterministic.
    """
    from exports.network import atomic_write
    from graph.vocab import PREFIXES

    rdf = view_rdf(ds, graph)

    def write(tmp):
        if fmt == "nt":
            lines = sorted(set(rdf.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()))
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.writelines(line + "\n" for line in lines if line.strip())
        else:
            context = {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}
            text = rdf.serialize(format=RDF_FORMATS[fmt], context=context, auto_compact=True)
            with open(tmp, "w", encoding="utf-8") as fh:
                json.dump(_sorted_jsonld(json.loads(text)), fh, ensure_ascii=False, indent=1, sort_keys=True)
                fh.write("\n")

    return atomic_write(path, write)


def _sorted_jsonld(value):
    """Sort JSON-LD node lists by ``@id`` and value lists canonically.

    rdflib emits nodes in hash order, which changes between runs.

    >>> _sorted_jsonld({"@graph": [{"@id": "b"}, {"@id": "a", "x": [2, 1]}]})
    {'@graph': [{'@id': 'a', 'x': [1, 2]}, {'@id': 'b'}]}
    """
    if isinstance(value, dict):
        return {k: _sorted_jsonld(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_jsonld(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value
