"""Network analytics of a built graph: counts, central agencies, components, communities.

Everything is computed from a :class:`exports.network.GraphIndex` and the
network views of :mod:`exports.views`, with networkx.  ``govkg stats`` prints
the result as text tables; ``govkg report`` renders the same result as HTML.

* counts of documents and entities per type, and of every ``gov:`` relation
  (distinct facts, and statements = fact x document stating it);
* the most central agencies of the ``agencies`` view: degree (partner
  agencies), weighted degree (shared measures), PageRank (weighted) and
  betweenness (sampled on large graphs, said so in the result);
* connected components and Louvain communities of the agencies view (fixed
  seed, so the same graph always gives the same communities);
* development zones per city; unknown names the build reported in
  ``DIR/build-report.json`` (key ``unknown_names``: ``{name: count}``).

>>> from exports.network import GraphIndex
>>> stats = compute_stats(GraphIndex())
>>> stats.documents, stats.central
(0, [])
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import networkx as nx

from exports.network import GraphIndex
from exports.views import VIEWS, build_view

#: Betweenness is exact while nodes x (nodes + edges) stays under this budget
#: (about a few seconds of networkx); above it, it is estimated from a fixed
#: sample of source nodes sized to the same budget.
BETWEENNESS_BUDGET = 5_000_000
BETWEENNESS_MIN_SAMPLE = 100
SEED = 42
#: City name shown for zones whose city the graph does not say.
UNKNOWN_CITY = "(unknown)"


@dataclass
class Stats:
    """The analytics of one build (plain data: printable, JSON-able)."""

    documents: int = 0
    entities_by_type: dict[str, int] = field(default_factory=dict)
    relations: dict[str, dict[str, int]] = field(default_factory=dict)
    views: dict[str, dict[str, int]] = field(default_factory=dict)
    central: list[dict] = field(default_factory=list)
    betweenness_sampled: bool = False
    components: list[int] = field(default_factory=list)
    communities: list[dict] = field(default_factory=list)
    modularity: float | None = None
    zones_per_city: dict[str, int] = field(default_factory=dict)
    unknown_names: list[tuple[str, int]] = field(default_factory=list)
    years: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> str:
        """The stats as pretty JSON (Chinese kept readable)."""
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)


def compute_stats(index: GraphIndex, data_dir: str | Path | None = None, top: int = 10) -> Stats:
    """Compute every statistic of :class:`Stats` from ``index``."""
    stats = Stats()
    types = Counter(index.types.values())
    stats.documents = types.pop("Document", 0)
    types.pop("_other", None)
    stats.entities_by_type = dict(sorted(types.items(), key=lambda kv: (-kv[1], kv[0])))
    stats.relations = relation_counts(index)
    stats.years = dict(sorted(Counter(d.year for d in index.doc_dates.values() if d).items()))
    for name in VIEWS:
        view = build_view(index, name)
        stats.views[name] = {"nodes": view.number_of_nodes(), "edges": view.number_of_edges()}
        if name == "agencies":
            agencies = view
    _agency_network(stats, agencies, top)
    stats.zones_per_city = zones_per_city(index)
    stats.unknown_names = read_unknown_names(data_dir) if data_dir else []
    return stats


def relation_counts(index: GraphIndex) -> dict[str, dict[str, int]]:
    """Per ``gov:`` relation: distinct facts and statements (fact x stating graph).

    >>> idx = GraphIndex(facts={("a", "locatedIn", "b"): {"d1", "d2"}})
    >>> relation_counts(idx)
    {'locatedIn': {'facts': 1, 'statements': 2}}
    """
    facts: Counter = Counter()
    statements: Counter = Counter()
    for (_s, rel, _o), graphs in index.facts.items():
        facts[rel] += 1
        statements[rel] += len(graphs)
    return {
        rel: {"facts": facts[rel], "statements": statements[rel]}
        for rel in sorted(facts, key=lambda r: (-facts[r], r))
    }


def _agency_network(stats: Stats, graph: nx.Graph, top: int) -> None:
    """Centrality, components and communities of the agencies view."""
    if graph.number_of_nodes() == 0:
        return
    pagerank = weighted_pagerank(graph)
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    sample = max(BETWEENNESS_MIN_SAMPLE, BETWEENNESS_BUDGET // (n + m))
    if sample < n:
        stats.betweenness_sampled = True
        betweenness = nx.betweenness_centrality(graph, k=sample, seed=SEED)
    else:
        betweenness = nx.betweenness_centrality(graph)
    rows = []
    for node in graph:
        rows.append(
            {
                "id": node,
                "label": graph.nodes[node].get("label", node),
                "degree": graph.degree(node),
                "weighted_degree": int(graph.degree(node, weight="weight")),
                "measures": graph.nodes[node].get("measures", 0),
                "pagerank": round(pagerank[node], 4),
                "betweenness": round(betweenness[node], 4),
            }
        )
    rows.sort(key=lambda r: (-r["degree"], -r["weighted_degree"], -r["pagerank"], r["id"]))
    stats.central = rows[:top]
    components = sorted((len(c) for c in nx.connected_components(graph)), reverse=True)
    stats.components = components
    if graph.number_of_edges():
        communities = nx.community.louvain_communities(graph, weight="weight", seed=SEED)
        stats.modularity = round(nx.community.modularity(graph, communities, weight="weight"), 4)
        ordered = sorted(communities, key=lambda c: (-len(c), min(c)))
        for i, members in enumerate(ordered):
            if len(members) < 2:
                continue
            by_degree = sorted(members, key=lambda m: (-graph.degree(m, weight="weight"), m))
            stats.communities.append(
                {
                    "community": i + 1,
                    "size": len(members),
                    "members": [graph.nodes[m].get("label", m) for m in by_degree[:8]],
                    "ids": sorted(members),
                }
            )


def weighted_pagerank(graph: nx.Graph, alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 200) -> dict:
    """PageRank of an undirected weighted graph by power iteration (no SciPy needed).

    Same definition as :func:`networkx.pagerank` (damping ``alpha``, edge
    ``weight``, isolated nodes spread their rank uniformly).

    A star with three leaves solves c = 0.15/4 + 0.85*3l, l = 0.15/4 + 0.85*c/3:

    >>> star = nx.star_graph(3)          # centre 0, leaves 1-3
    >>> pr = weighted_pagerank(star)
    >>> round(pr[0], 4), round(pr[1], 4)
    (0.4797, 0.1734)
    """
    nodes = list(graph)
    n = len(nodes)
    if n == 0:
        return {}
    strength = {u: graph.degree(u, weight="weight") for u in nodes}
    rank = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(rank[u] for u in nodes if not strength[u]) / n
        nxt = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for u in nodes:
            if strength[u]:
                share = alpha * rank[u] / strength[u]
                for v, data in graph[u].items():
                    nxt[v] += share * data.get("weight", 1)
        if sum(abs(nxt[u] - rank[u]) for u in nodes) < n * tol:
            return nxt
        rank = nxt
    return rank


def zones_per_city(index: GraphIndex) -> dict[str, int]:
    """Number of development zones per prefecture-level city (:data:`UNKNOWN_CITY` when unknown)."""
    counts: Counter = Counter()
    for iri in index.entities():
        if index.type_of(iri) == "DevelopmentZone":
            counts[index.place(iri)[1] or UNKNOWN_CITY] += 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def read_unknown_names(data_dir: str | Path) -> list[tuple[str, int]]:
    """``unknown_names`` from ``DIR/build-report.json``, most frequent first.

    A missing or unreadable report gives an empty list.
    """
    path = Path(data_dir) / "build-report.json"
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    names = report.get("unknown_names") if isinstance(report, dict) else None
    if isinstance(names, list):  # tolerate a list of names
        names = Counter(str(n) for n in names)
    if not isinstance(names, dict):
        return []
    pairs = []
    for name, count in names.items():
        try:
            pairs.append((str(name), int(count)))
        except (TypeError, ValueError):
            pairs.append((str(name), 1))
    return sorted(pairs, key=lambda kv: (-kv[1], kv[0]))


# -- text rendering ------------------------------------------------------------

def text_width(text: str) -> int:
    """Display width of ``text`` in a terminal (CJK characters count 2).

    >>> text_width("省科技厅"), text_width("abc")
    (8, 3)
    """
    try:
        from wcwidth import wcswidth

        width = wcswidth(text)
        if width >= 0:
            return width
    except ImportError:  # pragma: no cover - wcwidth is a dependency
        pass
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def format_table(headers: list[str], rows: list[list]) -> str:
    """Align ``rows`` under ``headers`` (numbers right-aligned).

    >>> print(format_table(["name", "n"], [["杭州市", 2], ["义乌市", 10]]))
    name    n
    ------  --
    杭州市   2
    义乌市  10
    """
    cells = [[str(h) for h in headers]] + [[_fmt(c) for c in row] for row in rows]
    numeric = [all(isinstance(row[i], (int, float)) for row in rows) if rows else False for i in range(len(headers))]
    widths = [max(text_width(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for r, row in enumerate(cells):
        parts = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - text_width(cell))
            parts.append(pad + cell if numeric[i] and r > 0 else cell + pad)
        lines.append("  ".join(parts).rstrip())
        if r == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def format_stats(stats: Stats) -> str:
    """The whole stats report as plain text (what ``govkg stats`` prints)."""
    out = [f"Documents: {stats.documents}"]
    if stats.years:
        out.append("Documents per year: " + ", ".join(f"{y}: {n}" for y, n in stats.years.items()))
    out += ["", "Entities per type", format_table(["type", "count"], [[t, n] for t, n in stats.entities_by_type.items()])]
    out += [
        "",
        "Relations (facts = distinct triples; statements = facts x documents stating them)",
        format_table(
            ["relation", "facts", "statements"],
            [[r, c["facts"], c["statements"]] for r, c in stats.relations.items()],
        ),
    ]
    out += [
        "",
        "Network views",
        format_table(["view", "nodes", "edges"], [[v, c["nodes"], c["edges"]] for v, c in stats.views.items()]),
    ]
    out += ["", "Most central agencies (agencies view: linked by shared measures)"]
    if stats.central:
        note = " (betweenness estimated from a sample)" if stats.betweenness_sampled else ""
        out.append(
            format_table(
                ["agency", "partners", "shared", "measures", "pagerank", "betweenness" + note],
                [
                    [r["label"], r["degree"], r["weighted_degree"], r["measures"], r["pagerank"], r["betweenness"]]
                    for r in stats.central
                ],
            )
        )
    else:
        out.append("(no agency is responsible for any measure)")
    if stats.components:
        shown = ", ".join(str(n) for n in stats.components[:10])
        more = " ..." if len(stats.components) > 10 else ""
        out += ["", f"Connected components of the agencies view: {len(stats.components)} (sizes {shown}{more})"]
    if stats.communities:
        out += ["", f"Communities of the agencies view (Louvain, modularity {stats.modularity})"]
        out.append(
            format_table(
                ["#", "size", "main members"],
                [[c["community"], c["size"], "、".join(c["members"][:5])] for c in stats.communities[:15]],
            )
        )
    if stats.zones_per_city:
        out += ["", "Development zones per city", format_table(["city", "zones"], [[c, n] for c, n in stats.zones_per_city.items()])]
    out += ["", "Unknown or unresolved names reported by the build"]
    if stats.unknown_names:
        out.append(format_table(["name", "count"], [[n, c] for n, c in stats.unknown_names[:30]]))
        if len(stats.unknown_names) > 30:
            out.append(f"... and {len(stats.unknown_names) - 30} more")
    else:
        out.append("(none reported)")
    return "\n".join(out)
