"""``govkg eval``: score a build against the gold annotations.

    govkg eval --data out                       # table of P/R/F1 per class and relation
    govkg eval --data out --verbose             # … plus every miss and false positive
    govkg eval --data out --json                # machine-readable
    govkg eval --data out --min-f1 Agency=0.9 --min-recall locatedIn=0.9
    govkg eval --data out --gold tests/gold/entities --gold tests/gold/corpus2   # both golds

A bar names an entity class, a relation, or ``entities`` / ``relations`` /
``all`` (the totals).  The exit status is 1 when any bar is not met.

>>> parse_bar("Agency=0.9")
('Agency', 0.9)
"""

from __future__ import annotations

import sys

from graph.errors import UserError

DEFAULT_GOLD = "tests/gold/entities"


def parse_bar(text: str) -> tuple[str, float]:
    """Read ``NAME=VALUE`` (VALUE between 0 and 1)."""
    name, sep, value = text.partition("=")
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not sep or not name or not 0.0 <= number <= 1.0:
        raise UserError(f"bad bar {text!r}: write NAME=VALUE with VALUE between 0 and 1, e.g. Agency=0.9")
    return name.strip(), number


def register(subparsers) -> None:
    """Add the ``eval`` sub-command."""
    p = subparsers.add_parser(
        "eval",
        help="score a build against gold annotations (precision, recall, F1)",
        description="Compare DIR/graph.trig with hand-made gold annotations and print "
        "precision, recall and F1 per entity class and per relation.",
    )
    p.add_argument("--data", required=True, metavar="DIR", help="build directory (holding graph.trig) or a .trig/.nq file")
    p.add_argument("--gold", action="append", metavar="DIR",
                   help=f"folder of gold files (default {DEFAULT_GOLD}); repeat to score several folders together")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--verbose", "-v", action="store_true", help="also list misses and false positives per document")
    for metric in ("f1", "precision", "recall"):
        p.add_argument(
            f"--min-{metric}",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help=f"fail (exit 1) when the {metric} of NAME is below VALUE; repeatable",
        )
    p.set_defaults(func=run)


def check_bars(report, bars: dict[str, list[tuple[str, float]]]) -> list[str]:
    """Return one message per bar not met (``bars`` maps metric to (name, value))."""
    failures = []
    for metric, items in bars.items():
        for name, value in items:
            score = report.score_of(name)
            if score is None:
                raise UserError(f"unknown bar name {name!r}: use an entity class, a relation, entities, relations or all")
            got = getattr(score, metric)
            if got < value:
                failures.append(f"{name} {metric} {got:.3f} < {value:.3f}")
    return failures


def run(args) -> int:
    """Evaluate, print the report, and check the bars."""
    from graph import evaluate

    bars = {
        "f1": [parse_bar(b) for b in args.min_f1],
        "precision": [parse_bar(b) for b in args.min_precision],
        "recall": [parse_bar(b) for b in args.min_recall],
    }
    report = evaluate.evaluate_dir(args.data, args.gold or [DEFAULT_GOLD])
    failures = check_bars(report, bars)
    if args.json:
        data = report.as_dict(verbose=args.verbose)
        data["failed_bars"] = failures
        print(evaluate.json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(evaluate.format_table(report))
        if args.verbose:
            details = evaluate.format_details(report)
            if details:
                print()
                print(details)
        for f in failures:
            print(f"bar not met: {f}", file=sys.stderr)
    return 1 if failures else 0
