"""Coverage of agency names the sample corpus never uses (held-out style list).

``tests/gold/agency_aliases_heldout.tsv`` was written independently of the
corpus: provincial bodies under full and short names, party and mass
organisations, branches of central bodies, pre-2018 bodies, and city and
county departments.  At least 95% must resolve to the right official name.

``tests/gold/agency_aliases_other_provinces.tsv`` holds names relative to a
document (``省科技厅`` in a 江苏 document, ``市发改委`` in a 苏州 or 杭州 one)
with the document they are read in; 95% of them too.
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from graph.model import Document
from graph.resolve import Resolver

HELDOUT = Path(__file__).resolve().parent / "gold" / "agency_aliases_heldout.tsv"


def heldout_rows() -> list[dict[str, str]]:
    with HELDOUT.open(encoding="utf-8") as fh:
        return list(csv.DictReader((l for l in fh if not l.startswith("#")), delimiter="\t"))


def misses(resolver: Resolver, rows: list[dict[str, str]]) -> list[tuple[str, str, str]]:
    """``(surface, got, expected)`` for every row resolved to another label."""
    out = []
    for row in rows:
        e = resolver.resolve(row["surface"], "Agency", date.fromisoformat(row["date"]))
        if e.type != "Agency" or e.label != row["official"]:
            out.append((row["surface"], e.label, row["official"]))
    return out


@pytest.fixture(scope="module")
def rows():
    return heldout_rows()


def test_heldout_list_is_large_and_varied(rows):
    assert len(rows) >= 250
    groups = Counter(r["group"] for r in rows)
    assert {"prefecture-departments", "county-level", "pre-2018-bodies", "central-branches"} <= set(groups)


def test_heldout_names_resolve_to_the_official_name(rows):
    wrong = misses(Resolver(), rows)
    accuracy = 1 - len(wrong) / len(rows)
    assert accuracy >= 0.95, (f"{accuracy:.1%}", wrong[:40])


@pytest.mark.parametrize("group", ["prefecture-departments", "county-level", "pre-2018-bodies"])
def test_each_group_is_covered(rows, group):
    """No family of names may be left to chance behind the overall figure."""
    part = [r for r in rows if r["group"] == group]
    wrong = misses(Resolver(), part)
    assert 1 - len(wrong) / len(part) >= 0.9, wrong


# -- names relative to a document of another province or of a city ------------------------

OTHER = Path(__file__).resolve().parent / "gold" / "agency_aliases_other_provinces.tsv"


def other_rows() -> list[dict[str, str]]:
    with OTHER.open(encoding="utf-8") as fh:
        return list(csv.DictReader((l for l in fh if not l.startswith("#")), delimiter="\t"))


def row_document(row: dict[str, str]) -> Document:
    """The document a row's name is read in: by its number, or by its issuer when it has none."""
    when = date.fromisoformat(row["date"])
    if "〔" in row["document"]:
        return Document(row["document"], "", "", number=row["document"], date=when)
    return Document(row["document"], "", "", issuers=[row["document"]], date=when)


def test_relative_names_of_other_provinces_and_cities_resolve_in_their_document():
    rows = other_rows()
    assert len(rows) >= 90
    assert {"jiangsu", "jiangsu-2017", "guangdong", "shanghai", "cities", "zhejiang-cities"} <= {r["group"] for r in rows}
    resolver = Resolver()
    wrong = []
    for row in rows:
        e = resolver.bound(row_document(row)).resolve(row["surface"], "Agency")
        if e.type != "Agency" or e.label != row["official"]:
            wrong.append((row["surface"], row["document"], e.label, row["official"]))
    assert 1 - len(wrong) / len(rows) >= 0.95, wrong
