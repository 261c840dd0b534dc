"""CSV node and edge tables for Gephi's spreadsheet import (and any spreadsheet).

Column names follow what Gephi's "Import spreadsheet" recognises:

* nodes: ``Id``, ``Label``, then the attributes (``type``, ``key``, ``iri``,
  ``adcode``, ``city``, ``docs``, ``first_year``, ``last_year``, ``degree`` ...);
* edges: ``Source``, ``Target``, ``Type`` (``Directed``/``Undirected``),
  ``Id``, ``Label``, ``Weight``, ``Kind``, then the attributes (``docs``,
  ``first_year``, ``last_year``, ``dates`` joined by ``|``).

Rows are sorted, files are UTF-8 with a byte-order mark so that spreadsheet
programs on Windows show the Chinese labels correctly (Gephi ignores it).

>>> table_paths("out/agencies.csv")
(PosixPath('out/agencies_nodes.csv'), PosixPath('out/agencies_edges.csv'))
>>> table_paths("out/agencies")
(PosixPath('out/agencies/nodes.csv'), PosixPath('out/agencies/edges.csv'))
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import networkx as nx

from exports.gexf import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, format_value
from exports.network import atomic_write

NODE_COLUMNS = ["Id", "Label"] + [name for name, _ in NODE_ATTRIBUTES]
EDGE_COLUMNS = ["Source", "Target", "Type", "Id", "Label", "Weight", "Kind"] + [
    name for name, _ in EDGE_ATTRIBUTES
]


def table_paths(out: str | os.PathLike) -> tuple[Path, Path]:
    """Where the two tables go: ``X_nodes.csv``/``X_edges.csv`` for ``X.csv``,
    else ``nodes.csv``/``edges.csv`` inside the folder ``out``."""
    out = Path(out)
    if out.suffix.lower() == ".csv":
        stem = out.with_suffix("")
        return stem.with_name(stem.name + "_nodes.csv"), stem.with_name(stem.name + "_edges.csv")
    return out / "nodes.csv", out / "edges.csv"


def _cell(value) -> str:
    return "" if value is None or value == [] else format_value(value)


def node_rows(graph: nx.Graph) -> list[list[str]]:
    """One row per node, sorted by id, in :data:`NODE_COLUMNS` order."""
    rows = []
    for node in sorted(graph.nodes, key=str):
        data = dict(graph.nodes[node])
        data.setdefault("degree", graph.degree(node))
        rows.append([str(node), _cell(data.get("label") or node)] + [_cell(data.get(c)) for c in NODE_COLUMNS[2:]])
    return rows


def edge_rows(graph: nx.Graph) -> list[list[str]]:
    """One row per edge, sorted by source, target and kind."""
    direction = "Directed" if graph.is_directed() else "Undirected"
    if graph.is_multigraph():
        items = [(str(u), str(v), d) for u, v, d in graph.edges(data=True)]
    else:
        items = []
        for u, v, d in graph.edges(data=True):
            u, v = str(u), str(v)
            if not graph.is_directed() and v < u:
                u, v = v, u
            items.append((u, v, d))
    items.sort(key=lambda e: (e[0], e[1], str(e[2].get("kind", ""))))
    rows = []
    for i, (u, v, d) in enumerate(items):
        kind = str(d.get("kind", ""))
        rows.append(
            [u, v, direction, f"e{i}", _cell(d.get("label") or kind), _cell(float(d.get("weight", 1))), kind]
            + [_cell(d.get(c)) for c in EDGE_COLUMNS[7:]]
        )
    return rows


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    def write(tmp):
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerows(rows)

    return atomic_write(path, write)


def write_csv(graph: nx.Graph, out: str | os.PathLike) -> tuple[Path, Path]:
    """Write the node and edge tables of a view; return their paths."""
    nodes_path, edges_path = table_paths(out)
    _write_csv(nodes_path, NODE_COLUMNS, node_rows(graph))
    _write_csv(edges_path, EDGE_COLUMNS, edge_rows(graph))
    return nodes_path, edges_path
