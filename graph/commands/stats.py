"""``govkg stats --data DIR``: counts, central agencies, components, communities.

See :mod:`graph.analytics` for what is computed.
"""

from __future__ import annotations

import argparse

EXAMPLES = """\
examples:
  govkg stats --data out              text tables
  govkg stats --data out --top 20     twenty most central agencies
  govkg stats --data out --json       the same as JSON
"""


def register(subparsers) -> None:
    """Add the ``stats`` sub-command."""
    parser = subparsers.add_parser(
        "stats",
        help="print counts, the most central agencies and communities of a built graph",
        description=(
            "Counts per type and relation, the most central agencies (degree, PageRank, betweenness "
            "in the network of shared measures), its components and communities, and the names "
            "the build could not resolve."
        ),
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--data", "-d", required=True, metavar="DIR", help="folder written by `govkg build`")
    parser.add_argument("--top", type=int, default=10, metavar="N", help="central agencies listed (default: %(default)s)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.set_defaults(func=run)


def run(args) -> int:
    """Compute and print the statistics."""
    from exports.network import GraphIndex, load_dataset
    from graph.analytics import compute_stats, format_stats

    index = GraphIndex.from_dataset(load_dataset(args.data))
    stats = compute_stats(index, args.data, top=max(1, args.top))
    print(stats.to_json() if args.json else format_stats(stats))
    return 0
