"""GraphML writer for a network view (yEd, Cytoscape, igraph, Gephi).

networkx writes GraphML well once every attribute value is a plain typed
scalar: lists (the ``dates`` of an edge) are joined with ``|`` and absent
values are left out, so GraphML keys come out typed (``int``, ``double``,
``string``) and the file reads back with :func:`networkx.read_graphml`.
Nodes and edges are added in sorted order, so the output is deterministic.

>>> import networkx as nx
>>> g = nx.MultiDiGraph(view="full")
>>> g.add_node("region/330100", label="杭州市", type="Region", docs=2)
>>> g.add_node("zone/x", label="杭州钱塘新区", type="DevelopmentZone", docs=1)
>>> _ = g.add_edge("zone/x", "region/330100", key="locatedIn", kind="locatedIn",
...                label="locatedIn", weight=2, docs=2, dates=["2021-02-05", "2022-03-10"])
>>> plain = plain_graph(g)
>>> plain.edges["zone/x", "region/330100", "locatedIn"]["dates"]
'2021-02-05|2022-03-10'
"""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx

from exports.network import atomic_write


def _plain(value):
    """A GraphML-friendly scalar: lists joined by ``|``, everything else as is."""
    if isinstance(value, (list, tuple, set)):
        return "|".join(str(v) for v in value)
    return value


def plain_graph(graph: nx.Graph) -> nx.Graph:
    """Copy ``graph`` with scalar attribute values only, nodes and edges sorted."""
    out = graph.__class__()
    out.graph.update(
        {k: _plain(v) for k, v in graph.graph.items() if k not in ("rdf_nodes",) and v is not None}
    )
    for node in sorted(graph.nodes, key=str):
        out.add_node(node, **{k: _plain(v) for k, v in graph.nodes[node].items() if v is not None})
    if graph.is_multigraph():
        edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
        for u, v, key, data in edges:
            out.add_edge(u, v, key=key, **_edge_data(data))
    else:
        for u, v, data in sorted(graph.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
            out.add_edge(u, v, **_edge_data(data))
    return out


def _edge_data(data: dict) -> dict:
    plain = {k: _plain(v) for k, v in data.items() if v is not None}
    if "weight" in plain:
        plain["weight"] = float(plain["weight"])
    return plain


def write_graphml(graph: nx.Graph, path: str | os.PathLike) -> Path:
    """Write a network view as GraphML (UTF-8, typed keys)."""
    plain = plain_graph(graph)
    return atomic_write(
        path, lambda tmp: nx.write_graphml(plain, tmp, encoding="utf-8", prettyprint=True, named_key_ids=True)
    )
