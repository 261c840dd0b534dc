"""The ``govkg`` command line: one sub-command per module in ``graph.commands``.

Each command module defines ``register(subparsers)``, which adds its parser
and sets ``func`` to a callable taking the parsed arguments and returning the
exit status.  A user's mistake raises :class:`UserError`, printed as one line
(never a traceback).

>>> build_parser().prog
'govkg'
"""

from __future__ import annotations

import argparse
import importlib
import sys

from graph import __version__
from graph.errors import UserError

#: Sub-command modules, in the order ``--help`` lists them.
COMMANDS = [
    "build",
    "validate",
    "eval",
    "export",
    "stats",
    "report",
    "query",
    "queries",
    "serve",
    "explain",
    "push",
]


def build_parser() -> argparse.ArgumentParser:
    """Return the top-level parser with every sub-command registered."""
    parser = argparse.ArgumentParser(
        prog="govkg",
        description=(
            "Build an RDF knowledge graph from Chinese government gazette issues, "
            "then query it with SPARQL or export it for Gephi."
        ),
        epilog="Start with: govkg build data/gazettes --out out",
    )
    parser.add_argument("--version", action="version", version=f"govkg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"graph.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 1
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"govkg: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("govkg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `govkg stats | head`): stop quietly.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
