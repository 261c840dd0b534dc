"""``govkg query``: run a SPARQL query on a built graph and print the answer.

    govkg query --data out 'SELECT ?n WHERE { ?d gov:docNumber ?n }'
    govkg query --data out --name agency-measures-by-year --param agency=省科技厅
    govkg query --data out --file my.rq --format csv > answer.csv

SELECT and ASK answers print as a table lined up by display width (Chinese
characters take two columns), or as SPARQL results in CSV, TSV or JSON.
CONSTRUCT and DESCRIBE answers print as Turtle (or a subject/predicate/object
table, CSV, TSV, or JSON-LD with ``--format json``).

>>> print(render_table(["区", "n"], [["杭州市西湖区", "3"], ["义乌市", "12"]], numeric=[False, True]))
区             n
────────────  ──
杭州市西湖区   3
义乌市        12
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pyoxigraph as ox
from wcwidth import wcswidth, wcwidth

from graph.commands.queries import apply_params, get_query, parse_param_options
from graph.errors import UserError
from graph.store import (
    QueryResult,
    QuerySyntaxError,
    display_text,
    execute,
    load_store,
    serialize_result,
)

FORMATS = ("table", "csv", "tsv", "json", "turtle")

#: No column grows wider than this many display columns.
MAX_CELL_WIDTH = 60
#: Columns are never squeezed below this.
MIN_CELL_WIDTH = 6

_NUMERIC_TYPES = {
    "http://www.w3.org/2001/XMLSchema#" + name
    for name in ("integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger")
}


# ---------------------------------------------------------------------------
# Display width
# ---------------------------------------------------------------------------


def text_width(text: str) -> int:
    """Columns a string takes in a terminal.

    >>> text_width("杭州市"), text_width("abc"), text_width("〔2021〕")
    (6, 3, 8)
    """
    width = wcswidth(text)
    if width >= 0:
        return width
    return sum(max(wcwidth(ch), 0) for ch in text)


def truncate(text: str, width: int) -> str:
    """Cut ``text`` to at most ``width`` columns, marking the cut with ``…``.

    >>> truncate("浙江省发展和改革委员会", 9)
    '浙江省发…'
    >>> truncate("short", 9)
    'short'
    """
    if text_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = max(wcwidth(ch), 0)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def pad(text: str, width: int, right: bool = False) -> str:
    """Pad to ``width`` display columns (left-aligned unless ``right``)."""
    fill = " " * max(width - text_width(text), 0)
    return fill + text if right else text + fill


def fit_widths(natural: list[int], budget: int, gap: int = 2) -> list[int]:
    """Column widths no wider than the terminal: shrink the widest first.

    >>> fit_widths([10, 40, 30], 60)
    [10, 23, 23]
    >>> fit_widths([4, 5], 80)
    [4, 5]
    """
    widths = [min(w, MAX_CELL_WIDTH) for w in natural]
    room = budget - gap * (len(widths) - 1)
    while sum(widths) > room:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= MIN_CELL_WIDTH:
            break
        widths[widest] -= 1
    return widths


def render_table(header: list[str], rows: list[list[str]], numeric: list[bool] | None = None, budget: int | None = None) -> str:
    """Lay rows out as a table lined up by display width."""
    numeric = numeric or [False] * len(header)
    if budget is None:
        budget = shutil.get_terminal_size(fallback=(160, 24)).columns
    clean = [[" ".join(cell.split()) for cell in row] for row in rows]
    natural = [max([text_width(h)] + [text_width(r[i]) for r in clean]) for i, h in enumerate(header)]
    widths = fit_widths(natural, budget)
    lines = ["  ".join(pad(truncate(h, w), w, right=num) for h, w, num in zip(header, widths, numeric)).rstrip()]
    lines.append("  ".join("─" * w for w in widths))
    for row in clean:
        cells = [pad(truncate(c, w), w, right=num) for c, w, num in zip(row, widths, numeric)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _is_number(term) -> bool:
    return isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC_TYPES


def result_table(result: QueryResult, budget: int | None = None) -> str:
    """A query result as a table (ASK: ``true``/``false``)."""
    if result.kind == "ask":
        return "true" if result.boolean else "false"
    result = as_rows(result)
    if not result.rows:
        return "  ".join(result.variables) + "\n(no rows)"
    numeric = [all(_is_number(row[i]) or row[i] is None for row in result.rows) for i in range(len(result.variables))]
    cells = [[display_text(term) for term in row] for row in result.rows]
    return render_table(result.variables, cells, numeric, budget)


def as_rows(result: QueryResult) -> QueryResult:
    """A graph result as subject/predicate/object rows (others unchanged)."""
    if result.kind != "graph":
        return result
    rows = [(t.subject, t.predicate, t.object) for t in result.triples]
    return QueryResult("select", ["subject", "predicate", "object"], rows, truncated=result.truncated)


def render(result: QueryResult, fmt: str) -> bytes:
    """The bytes ``govkg query`` prints for ``--format fmt``."""
    if fmt == "table":
        return (result_table(result) + "\n").encode("utf-8")
    if result.kind == "graph":
        if fmt in ("csv", "tsv"):
            return serialize_result(as_rows(result), fmt)
        return serialize_result(result, {"json": "jsonld", "turtle": "turtle"}[fmt])
    if fmt == "turtle":
        raise UserError("--format turtle is for CONSTRUCT and DESCRIBE queries; use table, csv, tsv or json")
    return serialize_result(result, fmt)


# ---------------------------------------------------------------------------
# The command
# ---------------------------------------------------------------------------


def register(subparsers) -> None:
    """Add ``govkg query``."""
    parser = subparsers.add_parser(
        "query",
        help="run a SPARQL query (text, file or cookbook name) on a built graph",
        description=(
            "Run a SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE query on a built graph. "
            "The default graph is the union of all documents' graphs; GRAPH ?doc { … } "
            "says which document stated a fact. Prefixes gov:, rdfs:, skos:, dcterms:, "
            "xsd:, prov:, owl:, org:, schema: are predeclared."
        ),
    )
    parser.add_argument("query", nargs="?", help="the query text ('-' reads it from standard input)")
    parser.add_argument("--data", default="out", metavar="DIR", help="build directory holding graph.trig (default: out)")
    parser.add_argument("--file", "-f", metavar="F", help="read the query from file F")
    parser.add_argument("--name", "-n", metavar="NAME", help="run the cookbook query NAME (see: govkg queries)")
    parser.add_argument(
        "--param", "-p", action="append", metavar="NAME=VALUE", help="set a cookbook query's parameter (repeatable)"
    )
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    parser.set_defaults(func=run)


def read_query_text(args) -> str:
    """The query the user asked for, with parameters applied."""
    given = [x for x in (args.query, args.file, args.name) if x]
    if len(given) != 1:
        raise UserError("give exactly one of: a query text, --file F, --name NAME")
    if args.name:
        text = get_query(args.name).text
    elif args.file:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"{args.file}: cannot read the query: {exc}") from None
    elif args.query == "-":
        text = sys.stdin.read()
    else:
        text = args.query
    return apply_params(text, parse_param_options(args.param))


def show_error_position(text: str, error: QuerySyntaxError) -> str:
    """The offending line with a caret under the reported column.

    >>> e = QuerySyntaxError("expected '}'", 2, 7)
    >>> print(show_error_position("SELECT *\\n{ ?s ?p", e))
      2 | { ?s ?p
        |       ^
    """
    lines = text.splitlines()
    if not error.line or error.line > len(lines):
        return ""
    line = lines[error.line - 1]
    before = line[: max(error.column - 1, 0)]
    return f"{error.line:>3} | {line}\n    | {' ' * text_width(before)}^"


def run(args) -> int:
    """Run the query; print the answer to standard output."""
    text = read_query_text(args)
    store = load_store(args.data)
    started = time.perf_counter()
    try:
        result = execute(store, text)
    except QuerySyntaxError as exc:
        context = show_error_position(text, exc)
        if context:
            print(context, file=sys.stderr)
        raise
    out = render(result, args.format)
    sys.stdout.buffer.write(out)
    sys.stdout.flush()
    if args.format == "table" and result.kind != "ask":
        elapsed = time.perf_counter() - started
        print(f"({len(result)} {'rows' if result.kind == 'select' else 'triples'}, {elapsed:.3f} s)", file=sys.stderr)
    return 0
