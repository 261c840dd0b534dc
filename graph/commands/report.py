"""``govkg report --data DIR --out report.html``: one self-contained HTML report.

The statistics of ``govkg stats`` as tables, with pictures of the agencies
network, of development zones per city and of entities per type, drawn with
matplotlib (Agg backend, no screen needed) and embedded as base64 PNG: the
page opens in a browser from disk, without a server, and needs no other file.

Chinese labels need a CJK font: the first one fontconfig knows
(``fc-list :lang=zh``) or matplotlib finds is used.  Without one, nodes are
drawn with numbers and the page lists what each number stands for; the
report never fails for want of a font.

>>> html_table(["城市", "zones"], [["杭州市", 2]])
'<table><thead><tr><th>城市</th><th class="num">zones</th></tr></thead><tbody><tr><td>杭州市</td><td class="num">2</td></tr></tbody></table>'
"""

from __future__ import annotations

import argparse
import sys

EXAMPLES = """\
examples:
  govkg report --data out --out out/report.html
"""


def register(subparsers) -> None:
    """Add the ``report`` sub-command."""
    parser = subparsers.add_parser(
        "report",
        help="write a self-contained HTML report with tables and network pictures",
        description="Write the statistics of a built graph and pictures of its networks as one HTML file.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--data", "-d", required=True, metavar="DIR", help="folder written by `govkg build`")
    parser.add_argument("--out", "-o", metavar="FILE", help="HTML file to write (default: DIR/report.html)")
    parser.add_argument("--top", type=int, default=15, metavar="N", help="central agencies listed (default: %(default)s)")
    parser.set_defaults(func=run)


def run(args) -> int:
    """Compute the statistics, draw the pictures and write the page."""
    from pathlib import Path

    from exports.network import GraphIndex, load_dataset

    index = GraphIndex.from_dataset(load_dataset(args.data))
    out = Path(args.out) if args.out else Path(args.data) / "report.html"
    path, notes = write_report(index, out, data_dir=args.data, top=max(1, args.top))
    for note in notes:
        print(f"govkg: {note}", file=sys.stderr)
    print(f"govkg: report written to {path}", file=sys.stderr)
    return 0


# -- the page ------------------------------------------------------------------

CSS = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
       "WenQuanYi Zen Hei", sans-serif; margin: 2em auto; max-width: 70em; color: #222; line-height: 1.45; }
h1 { font-size: 1.6em; border-bottom: 2px solid #1f77b4; padding-bottom: .2em; }
h2 { font-size: 1.25em; margin-top: 1.8em; color: #1f4e79; }
table { border-collapse: collapse; margin: .6em 0 1em; font-size: .92em; }
th, td { border: 1px solid #ccc; padding: .25em .6em; text-align: left; vertical-align: top; }
th { background: #eef3f8; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1em 0; }
figure img { max-width: 100%; border: 1px solid #ddd; }
figcaption { font-size: .9em; color: #555; }
.note { color: #666; font-size: .9em; }
.grid { display: flex; flex-wrap: wrap; gap: 2em; }
"""


def html_table(headers: list[str], rows: list[list]) -> str:
    """An HTML table; numeric columns right-aligned."""
    from html import escape

    numeric = [bool(rows) and all(isinstance(r[i], (int, float)) for r in rows) for i in range(len(headers))]

    def cls(i):
        return ' class="num"' if numeric[i] else ""

    head = "".join(f"<th{cls(i)}>{escape(str(h))}</th>" for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f"<td{cls(i)}>{escape(_cell(c))}</td>" for i, c in enumerate(row)) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value) -> str:
    return f"{value:.4f}" if isinstance(value, float) else str(value)


def write_report(index, out, data_dir=None, top: int = 15):
    """Write the HTML report of ``index`` to ``out``; return ``(path, notes)``.

    ``notes`` are one-line remarks for the user (e.g. no CJK font found).
    """
    from html import escape

    from exports.network import atomic_write
    from exports.views import VIEWS, build_view
    from graph.analytics import compute_stats

    stats = compute_stats(index, data_dir, top=top)
    agencies = build_view(index, "agencies")
    font = find_cjk_font()
    notes = [] if font else ["no CJK font found: pictures label nodes by number (install fonts-noto-cjk)"]
    figures = []
    picture, legend = draw_agencies(agencies, stats, font)
    if picture:
        figures.append((
            "The agencies network: the most connected agencies, their strongest links "
            "(width: shared measures) and Louvain communities (colour)", picture, legend))
    if stats.zones_per_city:
        figures.append(("Development zones per city", draw_bars(stats.zones_per_city, "zones", font), None))
    if stats.entities_by_type:
        figures.append(("Entities per type", draw_bars(stats.entities_by_type, "entities", font), None))

    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh"><head><meta charset="utf-8">',
        "<title>govkg report</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>govkg report</h1>",
        f"<p>{stats.documents} documents"
        + (f" ({escape(', '.join(f'{y}: {n}' for y, n in stats.years.items()))})" if stats.years else "")
        + f", {sum(stats.entities_by_type.values())} entities.</p>",
        '<div class="grid"><div><h2>Entities per type</h2>',
        html_table(["type", "count"], [[t, n] for t, n in stats.entities_by_type.items()]),
        "</div><div><h2>Network views</h2>",
        html_table(
            ["view", "nodes", "edges", "what"],
            [[v, c["nodes"], c["edges"], VIEWS[v].description] for v, c in stats.views.items()],
        ),
        "</div></div>",
        "<h2>Relations</h2>",
        '<p class="note">facts = distinct triples; statements = facts &times; documents stating them.</p>',
        html_table(
            ["relation", "facts", "statements"],
            [[r, c["facts"], c["statements"]] for r, c in stats.relations.items()],
        ),
        "<h2>Most central agencies</h2>",
        '<p class="note">In the agencies view: two agencies are linked when they are responsible for '
        "the same measure; partners = linked agencies, shared = shared measures."
        + (" Betweenness is estimated from a sample of sources." if stats.betweenness_sampled else "")
        + "</p>",
        html_table(
            ["agency", "partners", "shared", "measures", "PageRank", "betweenness"],
            [[r["label"], r["degree"], r["weighted_degree"], r["measures"], r["pagerank"], r["betweenness"]]
             for r in stats.central],
        ),
        f"<h2>Components and communities</h2><p>{len(stats.components)} connected components"
        + (f" (largest: {stats.components[0]} agencies)" if stats.components else "")
        + (f"; Louvain modularity {stats.modularity}." if stats.modularity is not None else ".")
        + "</p>",
        html_table(
            ["#", "size", "main members"],
            [[c["community"], c["size"], "、".join(c["members"])] for c in stats.communities],
        ),
    ]
    for caption, png, legend in figures:
        parts.append(f"<h2>{escape(caption)}</h2><figure>")
        parts.append(f'<img alt="{escape(caption)}" src="data:image/png;base64,{png}">')
        parts.append(f"<figcaption>{escape(caption)}</figcaption></figure>")
        if legend:
            parts.append(html_table(["#", "agency"], legend))
    parts.append("<h2>Development zones per city</h2>")
    parts.append(html_table(["city", "zones"], [[c, n] for c, n in stats.zones_per_city.items()]))
    parts.append("<h2>Unknown or unresolved names</h2>")
    if stats.unknown_names:
        parts.append(html_table(["name", "count"], [[n, c] for n, c in stats.unknown_names[:200]]))
    else:
        parts.append('<p class="note">None reported by the build (DIR/build-report.json).</p>')
    parts.append("</body></html>\n")
    text = "\n".join(parts)

    def write(tmp):
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)

    return atomic_write(out, write), notes


# -- fonts and pictures --------------------------------------------------------

_CJK_HINTS = ("CJK", "WenQuanYi", "WQY", "Source Han", "SimHei", "SimSun", "YaHei", "PingFang",
              "Heiti", "AR PL", "Droid Sans Fallback", "Noto Sans SC", "Noto Serif SC")


def find_cjk_font() -> str | None:
    """Path of a font with Chinese glyphs, or ``None``.

    Asks fontconfig (``fc-list :lang=zh``) first, then matplotlib's font list.
    """
    import shutil
    import subprocess

    if shutil.which("fc-list"):
        try:
            listing = subprocess.run(
                ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=20, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError):
            listing = ""
        paths = sorted(line.split(":")[0].strip() for line in listing.splitlines() if line.strip())
        for path in paths:
            if path.lower().endswith((".ttf", ".otf", ".ttc")):
                return path
    try:
        from matplotlib import font_manager

        for entry in sorted(font_manager.fontManager.ttflist, key=lambda f: f.fname):
            if any(h.lower() in entry.name.lower() for h in _CJK_HINTS):
                return entry.fname
    except Exception:  # a broken font cache must not stop the report
        return None
    return None


def _font_properties(font: str | None):
    from matplotlib.font_manager import FontProperties

    if not font:
        return None
    try:
        return FontProperties(fname=font)
    except Exception:
        return None


def _png(fig) -> str:
    """Render a matplotlib figure to base64 PNG text."""
    import base64
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    return base64.b64encode(buf.getvalue()).decode("ascii")


def draw_bars(counts: dict[str, int], what: str, font: str | None, limit: int = 30) -> str:
    """A horizontal bar chart of ``counts`` (largest first) as base64 PNG."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    items = list(counts.items())[:limit]
    props = _font_properties(font)
    names = [name if props or name.isascii() else f"#{i + 1}" for i, (name, _) in enumerate(items)]
    fig = Figure(figsize=(7, 0.35 * len(items) + 1.2))
    ax = fig.subplots()
    ax.barh(range(len(items)), [n for _, n in items], color="#ff7f0e" if what == "zones" else "#1f77b4")
    ax.set_yticks(range(len(items)))
    ax.set_yticklabels(names, fontproperties=props)
    ax.invert_yaxis()
    ax.set_xlabel(what)
    ax.xaxis.get_major_locator().set_params(integer=True)
    return _png(fig)


def packed_layout(graph) -> dict:
    """Spring layout per connected component, components packed in rows.

    A single spring layout pushes small components to the far corners; here
    each component gets a box whose side grows with the square root of its
    size, largest first, left to right.

    >>> import networkx as nx
    >>> g = nx.Graph([(1, 2), (2, 3), (4, 5)])
    >>> pos = packed_layout(g)
    >>> sorted(pos) == [1, 2, 3, 4, 5] and max(p[0] for p in pos.values()) > 1
    True
    """
    import networkx as nx

    components = sorted((sorted(c, key=str) for c in nx.connected_components(graph)), key=lambda c: (-len(c), str(c[0])))
    pos, x, y, row_height = {}, 0.0, 0.0, 0.0
    width = 2.2 * max(1.0, len(components[0]) ** 0.5) if components else 1.0
    for comp in components:
        side = max(1.0, len(comp) ** 0.5)
        if x > 0 and x + side > width * 1.6:
            x, y, row_height = 0.0, y - row_height - 0.4, 0.0
        sub = graph.subgraph(comp)
        if len(comp) == 1:
            local = {comp[0]: (0.0, 0.0)}
        else:
            local = nx.spring_layout(sub, weight="weight", seed=42)
        for node, (px, py) in local.items():
            pos[node] = (float(x + side * (px + 1) / 2), float(y + side * (py + 1) / 2))
        x += side + 0.4
        row_height = max(row_height, side)
    return pos


def draw_agencies(graph, stats, font: str | None, limit: int = 40):
    """Draw the most connected part of the agencies view; return ``(png, legend)``.

    At most ``limit`` agencies (by shared measures) are drawn, coloured by
    Louvain community.  ``legend`` maps numbers to names when no CJK font
    is available (``None`` otherwise).  ``(None, None)`` for an empty network.
    """
    import matplotlib

    matplotlib.use("Agg")
    import networkx as nx
    from matplotlib.figure import Figure

    linked = [n for n in graph if graph.degree(n)]
    if not linked:
        return None, None
    keep = sorted(linked, key=lambda n: (-graph.degree(n, weight="weight"), n))[:limit]
    sub = graph.subgraph(sorted(keep))
    community_of = {}
    for c in stats.communities:
        for member in c["ids"]:
            community_of[member] = c["community"]
    palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
               "#7f7f7f", "#bcbd22", "#17becf"]
    colours = [palette[(community_of.get(n, 0) - 1) % len(palette)] if n in community_of else "#c7c7c7"
               for n in sub]
    pos = packed_layout(sub)
    # a dense network is a hairball: draw only the strongest links (3 per agency)
    strongest = sorted(sub.edges(data=True), key=lambda e: (-e[2].get("weight", 1), e[0], e[1]))
    drawn = strongest[: 3 * len(sub)]
    props = _font_properties(font)
    legend = None
    if props:
        labels = {n: sub.nodes[n].get("label", n) for n in sub}
    else:
        labels = {n: str(i + 1) for i, n in enumerate(sub)}
        legend = [[i + 1, sub.nodes[n].get("label", n)] for i, n in enumerate(sub)]
    fig = Figure(figsize=(11, 8.5))
    ax = fig.subplots()
    ax.set_axis_off()
    ax.set_aspect("equal", adjustable="datalim")
    heaviest = max((d.get("weight", 1) for _, _, d in drawn), default=1)
    for u, v, data in drawn:
        w = 0.5 + 4.5 * data.get("weight", 1) / heaviest
        ax.plot([pos[u][0], pos[v][0]], [pos[u][1], pos[v][1]], color="#999999", linewidth=min(w, 6),
                alpha=0.6, zorder=1)
    sizes = [60 + 40 * sub.nodes[n].get("measures", 1) ** 0.5 * 3 for n in sub]
    ax.scatter([pos[n][0] for n in sub], [pos[n][1] for n in sub], s=sizes, c=colours, zorder=2,
               edgecolors="white", linewidths=0.8)
    for n in sub:
        ax.annotate(labels[n], pos[n], fontsize=8, ha="center", va="bottom", xytext=(0, 5),
                    textcoords="offset points", fontproperties=props, zorder=3)
    return _png(fig), legend
