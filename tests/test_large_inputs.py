"""Very large texts are read in pieces, and text that is not Chinese is named.

spaCy refuses a text over ``nlp.max_length`` (1,000,000 characters), so
``graph.nlp.find_mentions`` cuts a long text at line ends (else sentence ends)
and reads it piece by piece.  The pieces must not change anything: every
document of the sample corpus gives exactly the same mentions when cut into
2,000-character pieces as when read whole.  A file without a single Chinese
character (an English note, a file of digits) is skipped as "no Chinese text".
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graph.gazetteer import load_gazetteer
from graph.ingest import read_source
from graph.model import Document
from graph.nlp import (CHUNK_SIZE, cut_before, find_mentions, find_mentions_many, load_pipeline, mentions_of,
                       pieces)
from graph.pipeline import Builder, has_chinese
from graph.segment import split_documents

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "gazettes"
FIXTURES = Path(__file__).parent / "fixtures"
#: A corpus issue with its line ends removed: one long line of real gazette text.
LINE_SOURCE = CORPUS / "003_8b75b80ea690ec26.txt"


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(load_gazetteer())


@pytest.fixture(scope="module")
def corpus_documents() -> list[Document]:
    return [d for path in sorted(CORPUS.glob("*.txt")) for d in split_documents(read_source(path))]


@pytest.fixture(scope="module")
def builder():
    return Builder()


def long_line(characters: int) -> str:
    """Corpus text without line ends, repeated to at least ``characters`` characters."""
    text = LINE_SOURCE.read_text(encoding="utf-8").replace("\n", "")
    return text * (characters // len(text) + 1)


# -- cutting -----------------------------------------------------------------

def test_cut_prefers_line_ends_then_sentence_ends():
    text = "浙江省人民政府办公厅\n关于印发杭州城西科创大走廊发展规划的通知。省科技厅负责"
    # a line end in range wins over a later sentence end
    assert cut_before(text, 0, len(text)) == text.index("\n") + 1
    # without a line end, the last sentence end
    assert cut_before(text, 11, len(text)) == text.index("。") + 1
    # a run without either is cut after punctuation, never inside 浙江大学
    assert cut_before("支持浙江大学、之江实验室建设", 0, 12) == len("支持浙江大学、")


def test_pieces_cover_the_text_in_order_and_respect_the_size(corpus_documents):
    text = max((d.text for d in corpus_documents), key=len)
    assert len(text) > 6000
    parts = pieces(text, size=2000)
    assert parts[0].start == 0 and parts[-1].end == len(text)
    for before, after in zip(parts, parts[1:]):
        assert before.end == after.start
    for p in parts:
        assert 0 < p.end - p.start <= 2000
        assert p.context_start <= p.start and p.end <= p.context_end
        # cut only after a line end or a sentence end
        assert p.end == len(text) or text[p.end - 1] in "\n。；;!?！？"


def test_short_text_is_one_piece():
    assert [(p.start, p.end, p.context_start, p.context_end, p.head) for p in pieces("支持之江实验室建设")] == [
        (0, 9, 0, 9, 0)]


# -- the same mentions, whole or in pieces ------------------------------------

def test_corpus_documents_give_the_same_mentions_in_small_pieces(nlp, corpus_documents):
    """Every sample document: cut into 2,000-character pieces == read whole."""
    cut = [d for d in corpus_documents if len(d.text) > 2000]
    assert len(cut) >= 20  # most documents really are cut
    differ = []
    for document in corpus_documents:
        whole = mentions_of(nlp(document.text))
        if find_mentions(nlp, document, chunk_size=2000) != whole:
            differ.append(document.key)
    assert differ == []


def test_batch_variant_gives_the_same_mentions_in_small_pieces(nlp, corpus_documents):
    whole = [mentions_of(doc) for doc in nlp.pipe(d.text for d in corpus_documents)]
    assert list(find_mentions_many(nlp, corpus_documents, chunk_size=2000)) == whole


def test_text_over_spacy_limit_is_read_and_equals_the_whole_reading(nlp):
    text = long_line(1_200_000)
    assert len(text) > nlp.max_length and "\n" not in text
    with pytest.raises(ValueError):
        nlp(text)  # spaCy alone refuses it
    document = Document(key="line", title="", text=text)
    found = find_mentions(nlp, document)
    assert len(pieces(text)) >= len(text) // CHUNK_SIZE
    assert all(text[m.start:m.end] == m.text for m in found)
    assert max(m.start for m in found) > len(text) - 30_000  # the last piece is read too
    limit = nlp.max_length
    nlp.max_length = len(text) + 1
    try:
        whole = mentions_of(nlp(text))
    finally:
        nlp.max_length = limit
    assert found == whole


def test_long_single_line_is_built(builder):
    text = long_line(1_100_000)
    result = builder.process_text(text, path="line.txt")
    assert result.error is None and result.ok
    assert len(result.facts) > 100


# -- text that is not Chinese ---------------------------------------------------

def test_has_chinese():
    assert not has_chinese("Meeting notes\nNothing to see here.\n")
    assert not has_chinese("0123456789\n" * 50)
    assert not has_chinese("，。：；“”")  # Chinese punctuation alone is no Chinese text
    assert has_chinese("Minutes: 浙江省科技厅 attended")


@pytest.mark.parametrize("text", [
    "Meeting notes\nNothing to see here.\n",
    "The provincial government announced a new plan for science parks in 2021.\n" * 20,
    "20210604 3.1415926 00000000\n" * 100,
    "Постановление правительства о развитии экономики региона.\n",
])
def test_text_without_chinese_is_skipped_with_its_reason(builder, text):
    result = builder.process_text(text, path="note.txt")
    assert result.error == "no Chinese text"
    assert not result.ok and result.documents == []


def test_text_with_chinese_is_kept(builder):
    # an other-province document, and a mostly English note quoting a Chinese title
    fixture = (FIXTURES / "award_guangdong_incentive.txt").read_text(encoding="utf-8")
    assert builder.process_text(fixture, path="gd.txt").ok
    note = "Notes for the team\nSee 浙江省人民政府关于印发浙江省科技创新发展十四五规划的通知 for the targets.\n"
    result = builder.process_text(note, path="note.txt")
    assert result.error is None and result.ok


def test_build_names_the_file_without_chinese(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "english.txt").write_text("Meeting notes\nNothing to see here.\n", encoding="utf-8")
    (folder / "digits.txt").write_text("1234567890\n" * 30, encoding="utf-8")
    (folder / "gd.txt").write_bytes((FIXTURES / "award_guangdong_incentive.txt").read_bytes())
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "graph.cli", "build", str(folder), "--out", str(out), "-q",
                          "--jobs", "1", "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    skipped = {Path(s["path"]).name: s["reason"] for s in report["skipped"]}
    assert skipped == {"english.txt": "no Chinese text", "digits.txt": "no Chinese text"}
    assert f"govkg: skipped {folder / 'english.txt'}: no Chinese text" in run.stderr


# -- extraction on one very large document -------------------------------------

#: Measures of an implementation plan run together on one line, as PDF text
#: often comes: numbered items, unit lists with the lead rule, notes closed by a
#: verb, prose statements (由X牵头, X会同Y, X、Y负责).
PLAN_PASSAGE = (
    "1.加快建设杭州城西科创大走廊,支持之江实验室建设。(责任单位:省科技厅、省发展改革委、省财政厅,"
    "各市、县〔市、区〕政府;列第一位的为牵头单位,下同)"
    "2.推进开发区提升能级。(责任单位:省商务厅、省经信厅、省自然资源厅)"
    "3.由省经信厅牵头,省科技厅、省财政厅配合,制定支持政策。省商务厅会同省发展改革委加强开放平台建设。"
    "(省发展改革委、省商务厅组织实施)"
    "4.完善管理体制。(省科技厅负责)省委组织部、省人力社保厅负责。"
)


def _readings(assignments, shift: int = 0) -> list:
    return [(a.start - shift, a.end - shift, a.kind, [(u.name, u.start - shift, u.end - shift, u.lead) for u in a.units])
            for a in assignments]


def test_notes_of_a_long_single_line_are_those_of_its_parts():
    """Repeating a passage on one line gives each copy's notes, at its offsets
    (no note reads across copies, leads hold as in one copy)."""
    from graph.extract.responsibility import find_assignments
    from graph.resolve import Resolver

    resolver = Resolver()
    one = _readings(find_assignments(PLAN_PASSAGE, resolver=resolver))
    assert len(one) >= 5 and any(u[3] for a in one for u in a[3])
    copies = 60
    found = find_assignments(PLAN_PASSAGE * copies, resolver=resolver)
    per_copy: dict[int, list] = {}
    for a in found:
        per_copy.setdefault(a.start // len(PLAN_PASSAGE), []).append(a)
    assert sorted(per_copy) == list(range(copies))
    for k, notes in per_copy.items():
        assert _readings(notes, k * len(PLAN_PASSAGE)) == one


def test_section_finder_agrees_with_the_section_tree(corpus_documents):
    """Bisection over the section tree finds, at every offset, the section the
    tree walk finds."""
    from graph.extract.responsibility import SectionFinder, deepest_section

    document = max(corpus_documents, key=lambda d: len(d.sections))
    assert len(document.sections) > 3
    finder = SectionFinder(document.sections)
    for pos in range(0, len(document.text), 7):
        assert finder.deepest(pos) is deepest_section(document.sections, pos)
