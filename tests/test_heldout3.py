"""Third held-out evaluation: a blind set, measured before any rule was fitted to it.

``tests/heldout3/docs`` holds four Zhejiang gazette issues as PDF text (2017 and 2022
with full-width digits and double spacing, 2019 wrapped at 36 characters, 2024 one
paragraph per line), a Hangzhou city plan and documents from 福建, 山东 and 四川 as
copied from web pages; ``tests/heldout3/documents.tsv`` and ``tests/heldout3/gold/*.yaml``
are their hand-made gold (same format as ``tests/gold``), written before the first
build.  The build runs once for the module.  The bars sit a little below the blind
figures recorded in ``tests/heldout3/README.md``: they catch regressions, they do not
claim the set is solved.  Classes and relations the build does not yet find at all
(integrates, ledBy) carry no bar.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from graph.evaluate import evaluate_dir
from graph.ingest import read_source
from graph.run import build
from graph.segment import split_documents

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "tests" / "heldout3"
DOCS = HELDOUT / "docs"
GOLD_DIR = HELDOUT / "gold"


def _rows() -> list[dict]:
    with (HELDOUT / "documents.tsv").open(encoding="utf-8") as fh:
        return list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))


ROWS = _rows()
FILES = sorted({r["file"] for r in ROWS})

#: Fields the blind build got wrong (see the README); checked, but expected to fail until fixed.
KNOWN_WRONG: set[tuple[str, str]] = set()


def _split(name: str):
    return split_documents(read_source(DOCS / name)), [r for r in ROWS if r["file"] == name]


def _field(name: str, field: str):
    marks = [pytest.mark.xfail(reason="wrong in the blind build", strict=False)] if (name, field) in KNOWN_WRONG else []
    return pytest.param(name, marks=marks, id=name)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("heldout3-build")
    summary = build([str(DOCS)], str(out), jobs=1, use_cache=False, progress=False,
                    outputs=("graph.trig",))
    assert not summary.skipped
    return evaluate_dir(out, GOLD_DIR)


# --- segmentation -----------------------------------------------------------------


@pytest.mark.parametrize("name", FILES)
def test_documents_dates_issuers_and_types(name):
    docs, expected = _split(name)
    assert len(docs) == len(expected)
    for doc, row in zip(docs, expected):
        assert doc.date == date.fromisoformat(row["date"])
        assert doc.issuers == row["issuers"].split("|")
        assert doc.doc_type == row["doc_type"]


@pytest.mark.parametrize("name", [_field(n, "number") for n in FILES])
def test_document_numbers(name):
    docs, expected = _split(name)
    assert [d.number or "" for d in docs] == [r["number"] for r in expected]


@pytest.mark.parametrize("name", [_field(n, "title") for n in FILES])
def test_document_titles(name):
    docs, expected = _split(name)
    assert [d.title for d in docs] == [r["title"] for r in expected]


def test_every_heldout3_file_has_gold():
    assert set(FILES) == {p.name for p in DOCS.glob("*.txt")}
    assert len(list(GOLD_DIR.glob("*.yaml"))) == len(ROWS)


def test_gold_documents_found(report):
    missing = [d.doc for d in report.documents if not d.found_in_build]
    assert missing == []


# --- entities and relations ---------------------------------------------------------

#: (name, minimum precision, minimum recall): a little below the blind figures.
BARS = [
    ("Agency", 0.95, 0.95),
    ("Region", 0.95, 0.95),
    ("DevelopmentZone", 0.97, 0.97),
    ("Laboratory", 0.95, 0.95),
    ("Institution", 0.97, 0.97),
    ("Program", 0.97, 0.97),
    ("responsibleFor", 0.97, 0.97),
    ("leads", 0.97, 0.97),
    ("locatedIn", 0.97, 0.97),
    ("issuedBy", 0.97, 0.97),
    ("addressedTo", 0.95, 0.95),
    ("cites", 0.97, 0.97),
    ("Award", 0.97, 0.97),
    ("Person", 0.97, 0.97),
    ("rewardedBy", 0.97, 0.97),
    ("conferredBy", 0.97, 0.97),
    ("establishes", 0.97, 0.97),
    ("integrates", 0.97, 0.97),
    ("ledBy", 0.97, 0.97),
    ("entities", 0.92, 0.77),
    ("relations", 0.90, 0.53),
]


@pytest.mark.parametrize("name,min_p,min_r", BARS, ids=[b[0] for b in BARS])
def test_heldout3_scores_stay_above_bars(report, name, min_p, min_r):
    score = report.score_of(name)
    assert score is not None
    assert score.precision >= min_p, f"{name} precision {score.precision:.3f} < {min_p}"
    assert score.recall >= min_r, f"{name} recall {score.recall:.3f} < {min_r}"
