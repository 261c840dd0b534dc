"""The researcher's cookbook (``queries/*.rq``) and ``govkg queries``, which lists it.

Each cookbook file is a SPARQL query that runs as it is in any SPARQL tool.
Its comment header says what it answers::

    # Agencies ranked by the measures they lead          <- first line: the title
    #
    # Counts the tasks each agency is named lead unit …   <- description
    #
    # @param agency  name or alternative name of the agency  <- parameters, if any

A parameter is a variable bound by a ``VALUES ?name { … }`` line in the query;
that line holds the default value (``UNDEF`` means "any"). ``--param
name=value`` replaces the default (see :func:`apply_params`).

>>> q = parse_cookbook_text("demo", '''# Demo title
... # What it answers.
... # @param agency  the agency's name
... SELECT * { VALUES ?agency { "省商务厅" } }''')
>>> q.title, q.description, q.params
('Demo title', 'What it answers.', {'agency': "the agency's name"})
>>> apply_params(q.text, {"agency": '省"经信"厅'}).splitlines()[-1]
'SELECT * { VALUES ?agency { "省\\\\"经信\\\\"厅" } }'
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import queries as queries_package

from graph.errors import UserError

#: Where the cookbook lives: ``queries/`` at the top of the project.
COOKBOOK_DIR = Path(queries_package.__file__).resolve().parent


@dataclass(frozen=True)
class CookbookQuery:
    """One cookbook query: its name (the file's stem), header and text."""

    name: str
    title: str
    description: str
    text: str
    params: dict[str, str] = field(default_factory=dict)
    path: Path | None = None

    def as_json(self) -> dict:
        """The query as the web page receives it from ``/queries.json``."""
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "params": self.params,
            "query": self.text,
        }


_PARAM_LINE = re.compile(r"^@param\s+(\w+)\s*:?\s*(.*)$")


def parse_cookbook_text(name: str, text: str, path: Path | None = None) -> CookbookQuery:
    """Read the comment header of a cookbook query."""
    header: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line[1:].strip())
    if not header or not header[0]:
        raise UserError(f"{path or name}: a cookbook query must start with a '# title' line")
    title, description, params = header[0], [], {}
    for line in header[1:]:
        match = _PARAM_LINE.match(line)
        if match:
            params[match.group(1)] = match.group(2).strip()
        elif line or (description and description[-1]):
            description.append(line)
    return CookbookQuery(
        name=name,
        title=title,
        description=" ".join(" ".join(description).split()),
        text=text,
        params=params,
        path=path,
    )


@lru_cache(maxsize=4)
def load_cookbook(directory: Path = COOKBOOK_DIR) -> tuple[CookbookQuery, ...]:
    """Every cookbook query in ``directory``, sorted by name.

    >>> len(load_cookbook()) >= 12
    True
    """
    if not directory.is_dir():
        raise UserError(f"{directory}: the query cookbook is missing")
    return tuple(
        parse_cookbook_text(path.stem, path.read_text(encoding="utf-8"), path)
        for path in sorted(directory.glob("*.rq"))
    )


def cookbook_names(directory: Path = COOKBOOK_DIR) -> list[str]:
    """The names of the cookbook's queries (what ``--name`` accepts)."""
    return [q.name for q in load_cookbook(directory)]


def get_query(name: str, directory: Path = COOKBOOK_DIR) -> CookbookQuery:
    """The cookbook query called ``name``; :class:`UserError` names the choices."""
    for query in load_cookbook(directory):
        if query.name == name:
            return query
    raise UserError(f"no cookbook query named {name!r}; choose one of: {', '.join(cookbook_names(directory))}")


def sparql_value(value: str) -> str:
    """Write a parameter value as a SPARQL term for a VALUES block.

    ``<…>`` and ``http(s)://…`` become IRIs, ``UNDEF`` stays, integers stay
    numbers, anything else becomes a string literal.

    >>> sparql_value("国发〔2019〕11号"), sparql_value("https://x/a"), sparql_value("2018")
    ('"国发〔2019〕11号"', '<https://x/a>', '2018')
    """
    value = value.strip()
    if value == "UNDEF" or re.fullmatch(r"-?\d+", value):
        return value
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
        return f"<{_iri_checked(value)}>"
    if re.match(r"https?://\S+$", value):
        return f"<{_iri_checked(value)}>"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def _iri_checked(iri: str) -> str:
    if re.search(r'[<>"{}|^`\\\s]', iri):
        raise UserError(f"not a valid IRI: {iri!r}")
    return iri


_LANGUAGE_TAG = re.compile(r'"\s*(@[A-Za-z]+(?:-[A-Za-z0-9]+)*)\s*$')


def apply_params(text: str, params: dict[str, str]) -> str:
    """Replace the default in each ``VALUES ?name { … }`` block by the given value.

    A string keeps the language tag of the default, so that a name matches
    the ``@zh`` labels through the index rather than by a scan.

    >>> apply_params('VALUES ?docNumber { UNDEF }', {"docNumber": "国发〔2019〕11号"})
    'VALUES ?docNumber { "国发〔2019〕11号" }'
    >>> apply_params('VALUES ?agency { "省商务厅"@zh }', {"agency": "省科技厅"})
    'VALUES ?agency { "省科技厅"@zh }'
    """
    for name, value in params.items():
        pattern = re.compile(r"(VALUES\s+\?" + re.escape(name) + r"\s*\{)([^}]*)(\})", re.I)
        match = pattern.search(text)
        if not match:
            raise UserError(f"this query takes no parameter {name!r}")
        term = sparql_value(value)
        tag = _LANGUAGE_TAG.search(match.group(2))
        if tag and term.startswith('"'):
            term += tag.group(1)
        text = text[: match.start()] + f"{match.group(1)} {term} {match.group(3)}" + text[match.end():]
    return text


def parse_param_options(items: list[str] | None) -> dict[str, str]:
    """Read ``--param name=value`` options.

    >>> parse_param_options(["agency=省商务厅"])
    {'agency': '省商务厅'}
    """
    params: dict[str, str] = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not re.fullmatch(r"\w+", name.strip()):
            raise UserError(f"--param wants name=value, got {item!r}")
        params[name.strip()] = value
    return params


def format_listing(queries) -> str:
    """One line per query: name, then title (and its parameters)."""
    width = max((len(q.name) for q in queries), default=0)
    lines = []
    for q in queries:
        extra = f"  [--param {', '.join(q.params)}]" if q.params else ""
        lines.append(f"{q.name:<{width}}  {q.title}{extra}")
    return "\n".join(lines)


def register(subparsers) -> None:
    """Add ``govkg queries``."""
    parser = subparsers.add_parser(
        "queries",
        help="list the cookbook of ready-made SPARQL queries",
        description="List the cookbook queries (run one with: govkg query --data DIR --name NAME).",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="also print each query's description")
    parser.set_defaults(func=run)


def run(args) -> int:
    """Print the cookbook listing."""
    queries = load_cookbook()
    if not args.verbose:
        print(format_listing(queries))
        return 0
    for q in queries:
        print(f"{q.name}: {q.title}")
        if q.description:
            print(f"    {q.description}")
        for name, what in q.params.items():
            print(f"    --param {name}=…  {what}")
    sys.stdout.flush()
    return 0
