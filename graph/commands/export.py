"""``govkg export --data DIR --view NAME --format FORMAT --out FILE``: network exports.

Writes one view of a built graph (see :mod:`exports.views`) as GEXF 1.3
(Gephi, Gephi Lite), GraphML, CSV tables for Gephi's spreadsheet import, or
the view's RDF subgraph as JSON-LD or N-Triples.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

FORMATS = ("gexf", "graphml", "csv", "jsonld", "nt")
EXTENSIONS = {"gexf": ".gexf", "graphml": ".graphml", "csv": ".csv", "jsonld": ".jsonld", "nt": ".nt"}

EXAMPLES = """\
views:
  full       all entities and relations (documents are evidence: weights, dates, counts)
  agencies   agencies linked by measures they share (weight = shared measures)
  regions    regions, zones, laboratories, institutions: located-in, integrates, awards
  awards     awards, their recipients and the agencies conferring them

examples:
  govkg export --data out --view agencies --format gexf --out agencies.gexf
  govkg export --data out --view regions --format csv --out regions.csv
        (writes regions_nodes.csv and regions_edges.csv; a name without .csv is a folder)
  govkg export --data out --view awards --format jsonld --out awards.jsonld
"""


def register(subparsers) -> None:
    """Add the ``export`` sub-command."""
    from exports.views import VIEWS

    parser = subparsers.add_parser(
        "export",
        help="export a network view for Gephi (GEXF, GraphML, CSV) or its RDF (JSON-LD, N-Triples)",
        description="Export one network view of a built graph.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--data", "-d", required=True, metavar="DIR", help="folder written by `govkg build`")
    parser.add_argument("--view", default="full", choices=sorted(VIEWS), help="which network (default: %(default)s)")
    parser.add_argument("--format", "-f", default="gexf", choices=FORMATS, help="file format (default: %(default)s)")
    parser.add_argument("--out", "-o", metavar="FILE", help="output file (default: DIR/VIEW.FORMAT)")
    parser.set_defaults(func=run)


def run(args) -> int:
    """Build the view and write it; print where it went."""
    from exports.network import GraphIndex, load_dataset
    from exports.views import build_view, write_view_rdf

    started = time.perf_counter()
    ds = load_dataset(args.data)
    graph = build_view(GraphIndex.from_dataset(ds), args.view)
    out = Path(args.out) if args.out else Path(args.data) / f"{args.view}{EXTENSIONS[args.format]}"
    if args.format == "gexf":
        from exports.gexf import write_gexf

        written = [write_gexf(graph, out)]
    elif args.format == "graphml":
        from exports.graphml import write_graphml

        written = [write_graphml(graph, out)]
    elif args.format == "csv":
        from exports.tables import write_csv

        written = list(write_csv(graph, out))
    else:
        written = [write_view_rdf(ds, graph, out, args.format)]
    seconds = time.perf_counter() - started
    print(
        f"govkg: view {args.view}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges "
        f"-> {', '.join(str(p) for p in written)} ({seconds:.1f} s)",
        file=sys.stderr,
    )
    return 0
