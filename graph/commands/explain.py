"""``govkg explain --data DIR SUBJECT PREDICATE OBJECT``: where was a fact read?"""

from __future__ import annotations

import argparse
import textwrap

EXAMPLES = """\
examples:
  govkg explain --data out 省商务厅 leads -          measures the agency leads, with passages
  govkg explain --data out - rewardedBy 2020年度浙江省自然科学奖一等奖
  govkg explain --data out 浙江桐庐经济开发区 locatedIn 桐庐县

'-' leaves an end open; names may be labels or other names (skos:altLabel), or IRIs.
"""


def register(subparsers) -> None:
    """Add the ``explain`` sub-command."""
    parser = subparsers.add_parser(
        "explain",
        help="show which documents state a fact, with number, date and passage",
        description="Find the documents (named graphs) that state a triple, and the passage it was read from.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--data", required=True, metavar="DIR", help="a build's output folder")
    parser.add_argument("subject", help="subject name or IRI, or - for any")
    parser.add_argument("predicate", help="predicate (gov:leads, leads, …), or - for any")
    parser.add_argument("object", help="object name or IRI, or - for any")
    parser.add_argument("--limit", type=int, default=200, help="at most this many statements (default %(default)s)")
    parser.set_defaults(func=run)


def run(args) -> int:
    """Print each stating document; exit 1 when nothing states the fact."""
    from graph.explain import explain, label_of
    from graph.store import load_store

    open_end = lambda v: None if v in ("-", "", "?") else v  # noqa: E731
    store = load_store(args.data)
    found = explain(store, open_end(args.subject), open_end(args.predicate), open_end(args.object), args.limit)
    if not found:
        print("no document states this fact")
        return 1
    for st in found:
        pred = st.predicate.rsplit("#", 1)[-1]
        print(f"{label_of(store, st.subject)} —{pred}→ {label_of(store, st.object)}")
        print(f"  read in {st.number or st.document} ({st.date or 'no date'}) {st.title or ''}".rstrip())
        if st.passage:
            print(textwrap.indent(textwrap.fill(st.passage[:400], 60), "  │ "))
    return 0
