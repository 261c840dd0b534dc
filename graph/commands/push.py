"""``govkg push DIR --endpoint URL``: upload each named graph to a SPARQL store.

Uses the SPARQL 1.1 Graph Store HTTP Protocol (one ``PUT`` per graph, which
replaces that graph in the store).  Exit status: 0 when every graph was
stored, 2 when the store refused some (each named), 1 when nothing could be
sent.
"""

from __future__ import annotations

import argparse
import os
import sys

EXAMPLES = """\
examples:
  govkg push out --endpoint http://localhost:3030/govkg/data           Fuseki
  govkg push out --endpoint http://localhost:8890/sparql-graph-crud-auth \\
      --graph-param graph-uri --user dba                                 Virtuoso
  (the password is read from the environment variable GOVKG_PUSH_PASSWORD)
"""


def register(subparsers) -> None:
    """Add the ``push`` sub-command."""
    parser = subparsers.add_parser(
        "push",
        help="upload each document's named graph to a SPARQL store (Graph Store Protocol)",
        description="Upload every named graph of DIR/graph.nq to a SPARQL 1.1 Graph Store endpoint, one PUT per graph.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("data", metavar="DIR", help="output folder of govkg build (holds graph.nq)")
    parser.add_argument("--endpoint", required=True, metavar="URL", help="the store's Graph Store Protocol URL")
    parser.add_argument("--graph-param", default="graph", metavar="NAME",
                        help="query parameter naming the graph (default: graph; Virtuoso: graph-uri)")
    parser.add_argument("--user", metavar="NAME", help="HTTP basic authentication user (password from GOVKG_PUSH_PASSWORD)")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="S", help="seconds per request (default 60)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no summary line")
    parser.set_defaults(func=run)


def run(args) -> int:
    """Push and print the summary; return the exit status."""
    from graph.push import push

    auth = f"{args.user}:{os.environ.get('GOVKG_PUSH_PASSWORD', '')}" if args.user else None
    summary = push(args.data, args.endpoint, param=args.graph_param, auth=auth, timeout=args.timeout)
    for graph, reason in summary.failed:
        print(f"govkg: the store refused {graph}: {reason}", file=sys.stderr)
    if not args.quiet:
        print(f"govkg: pushed {summary.graphs} graphs, {summary.triples} triples "
              f"({summary.bytes / 1e6:.1f} MB) in {summary.seconds:.1f} s", file=sys.stderr)
    if summary.graphs == 0:
        return 1
    return 2 if summary.failed else 0
