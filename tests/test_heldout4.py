"""Fourth held-out evaluation: a blind set, scored once before rules were fitted to it.

``tests/heldout4/docs`` holds Zhejiang gazette text of 2018, 2020 and 2023, a joint
departmental notice, city documents (温州, 绍兴) and web pages from 河南, 重庆 and 广西;
``tests/heldout4/documents.tsv`` and ``tests/heldout4/gold/*.yaml`` are their hand-made
gold, written and committed before any build.  The blind figures are recorded in
``tests/heldout4/README.md``; after one round of general fixes, the bars sit a little
below what the build reaches, to catch regressions.  ledBy, which the build does not
yet find here, carries no bar.
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
HELDOUT = ROOT / "tests" / "heldout4"
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
    out = tmp_path_factory.mktemp("heldout4-build")
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


def test_every_heldout4_file_has_gold():
    assert set(FILES) == {p.name for p in DOCS.glob("*.txt")}
    assert len(list(GOLD_DIR.glob("*.yaml"))) == len(ROWS)


def test_gold_documents_found(report):
    missing = [d.doc for d in report.documents if not d.found_in_build]
    assert missing == []


# --- entities and relations ---------------------------------------------------------

#: (name, minimum precision, minimum recall): a little below what the build reaches.
BARS = [
    ("Agency", 0.95, 0.95),
    ("Region", 0.95, 0.95),
    ("DevelopmentZone", 0.95, 0.95),
    ("Laboratory", 0.95, 0.95),
    ("Institution", 0.93, 0.93),
    ("Program", 0.65, 0.95),
    ("Award", 0.95, 0.95),
    ("Person", 0.95, 0.95),
    ("Achievement", 0.95, 0.95),
    ("responsibleFor", 0.95, 0.95),
    ("leads", 0.95, 0.95),
    ("locatedIn", 0.93, 0.91),
    ("rewardedBy", 0.95, 0.8),
    ("conferredBy", 0.95, 0.95),
    ("issuedBy", 0.95, 0.95),
    ("cites", 0.95, 0.95),
    ("establishes", 0.95, 0.95),
    ("entities", 0.95, 0.95),
    ("relations", 0.95, 0.91),
]


@pytest.mark.parametrize("name,min_p,min_r", BARS, ids=[b[0] for b in BARS])
def test_heldout4_scores_stay_above_bars(report, name, min_p, min_r):
    score = report.score_of(name)
    assert score is not None
    assert score.precision >= min_p, f"{name} precision {score.precision:.3f} < {min_p}"
    assert score.recall >= min_r, f"{name} recall {score.recall:.3f} < {min_r}"
