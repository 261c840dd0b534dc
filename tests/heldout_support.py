"""What every held-out evaluation set checks, written once.

A held-out set is a folder ``tests/heldoutN/`` with ``docs/*.txt`` (documents written
outside the sample corpus), ``documents.tsv`` (number, title, date, issuers and type of
each document) and ``gold/*.yaml`` (entities and relations, format of ``tests/gold``).
Each ``tests/test_heldoutN.py`` names its set, its bars and the unit tests of the rules
the set called for, and uses these helpers for the rest.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from graph.evaluate import evaluate_dir
from graph.ingest import read_source
from graph.run import build
from graph.segment import split_documents

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class HeldoutSet:
    """One held-out set on disk: its documents, segmentation gold and entity gold."""

    name: str
    folder: Path = field(init=False)
    rows: list[dict] = field(init=False)

    def __post_init__(self) -> None:
        self.folder = ROOT / "tests" / self.name
        with (self.folder / "documents.tsv").open(encoding="utf-8") as fh:
            self.rows = list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))

    @property
    def docs(self) -> Path:
        return self.folder / "docs"

    @property
    def gold(self) -> Path:
        return self.folder / "gold"

    @property
    def files(self) -> list[str]:
        """The document files named in ``documents.tsv``, sorted."""
        return sorted({r["file"] for r in self.rows})

    def build_and_score(self, out: Path):
        """Build the set's documents into ``out`` (one process) and score them against the gold."""
        summary = build([str(self.docs)], str(out), jobs=1, use_cache=False, progress=False,
                        outputs=("graph.trig",))
        assert not summary.skipped
        return evaluate_dir(out, self.gold)

    def check_segmentation(self, file: str) -> None:
        """Every document of ``file`` is found with its gold number, title, date, issuers and type."""
        docs = split_documents(read_source(self.docs / file))
        expected = [r for r in self.rows if r["file"] == file]
        assert [d.number or "" for d in docs] == [r["number"] for r in expected]
        for doc, row in zip(docs, expected):
            assert doc.title == row["title"]
            assert doc.date == date.fromisoformat(row["date"])
            assert doc.issuers == row["issuers"].split("|")
            assert doc.doc_type == row["doc_type"]

    def check_every_file_has_gold(self) -> None:
        """Each document file is in ``documents.tsv`` and each document has a gold file."""
        assert set(self.files) == {p.name for p in self.docs.glob("*.txt")}
        assert len(list(self.gold.glob("*.yaml"))) == len(self.rows)


def check_every_gold_document_found(report) -> None:
    """The build holds every document the gold annotates."""
    assert [d.doc for d in report.documents if not d.found_in_build] == []


def check_bar(report, name: str, min_p: float, min_r: float) -> None:
    """Precision and recall of a class, relation, ``entities`` or ``relations`` reach the bar."""
    score = report.score_of(name)
    assert score is not None
    assert score.precision >= min_p, f"{name} precision {score.precision:.3f} < {min_p}"
    assert score.recall >= min_r, f"{name} recall {score.recall:.3f} < {min_r}"
