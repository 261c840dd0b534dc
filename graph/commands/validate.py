"""``govkg validate DIR``: check a built graph against the SHACL shapes.

Prints whether ``DIR/graph.ttl`` conforms to ``ontology/shapes.ttl``, the
number of violations of each shape and the first violations in full, one per
line (the node's label and IRI, the property, the message).

Exit status: 0 when the graph conforms, 1 when it does not or cannot be read.
"""

from __future__ import annotations

import argparse
import os

EXAMPLES = """\
examples:
  govkg validate out                    check out/graph.ttl
  govkg validate out --limit 100        show the first 100 violations
  govkg validate out/graph.trig         check the union of a dataset file
  govkg validate out --shapes my.ttl    check against other shapes
"""


def register(subparsers) -> None:
    """Add the ``validate`` sub-command."""
    parser = subparsers.add_parser(
        "validate",
        help="check a built graph against the SHACL shapes",
        description="Validate DIR/graph.ttl (or an RDF file) against the SHACL shapes of the ontology.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("data", metavar="DIR", help="a build folder (its graph.ttl) or an RDF file (.ttl, .trig, .nq, .nt)")
    parser.add_argument(
        "--limit", "-n", type=int, default=20, metavar="K",
        help="how many violations to print in full (default: %(default)s)",
    )
    parser.add_argument("--shapes", metavar="FILE", help="SHACL shapes in Turtle (default: the ontology's shapes.ttl)")
    parser.set_defaults(func=run)


def run(args) -> int:
    """Validate, print the report, return 0 if the graph conforms, else 1."""
    from graph.errors import UserError
    from graph.validate import validate

    if args.shapes and not os.path.isfile(args.shapes):
        raise UserError(f"{args.shapes}: no such shapes file")
    report = validate(args.data, shapes=args.shapes)
    print(report.render(limit=args.limit))
    return 0 if report.conforms else 1
