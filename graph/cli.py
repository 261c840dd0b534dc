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


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Return the top-level parser with every sub-command registered, or
    with sub-command ``only`` alone (its module and what that imports are
    all a run of it loads: ``govkg build`` starts without networkx or
    pyoxigraph, which other commands need).

    >>> sorted(build_parser(only="eval")._subparsers._group_actions[0].choices)
    ['eval']
    """
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
    for name in [only] if only in COMMANDS else COMMANDS:
        importlib.import_module(f"graph.commands.{name}").register(sub)
    return parser


def command_named(argv: list[str]) -> str | None:
    """The sub-command that ``argv`` runs, when its first word names one.

    >>> command_named(["build", "data", "--out", "out"]), command_named(["--help"]), command_named([])
    ('build', None, None)
    """
    return argv[0] if argv and argv[0] in COMMANDS else None


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    collect_garbage_less_often()
    parser = build_parser(only=command_named(sys.argv[1:] if argv is None else argv))
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


def collect_garbage_less_often(young: int = 100_000) -> None:
    """Run Python's cycle collector after ``young`` new objects instead of 700.

    A build reads and makes millions of small objects (cached results, quad
    keys, the network index) and keeps nearly all of them, so with the
    default threshold the collector runs thousands of times and finds almost
    nothing; forked workers inherit the setting.  On the 20× benchmark corpus
    this takes about a quarter off a rebuild after one changed file.

    >>> import gc
    >>> before = gc.get_threshold()
    >>> collect_garbage_less_often(); gc.get_threshold()[0]
    100000
    >>> gc.set_threshold(*before)
    """
    import gc

    gc.set_threshold(young, 50, 100)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
