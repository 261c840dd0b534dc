"""Property-based tests: ingest, segmentation and extraction never raise on any text.

Converted PDF text can hold anything: stray control characters, half a page
marker, brackets that never close, a number glued to a list of units.  These
tests feed hypothesis-generated text to

* ``graph.ingest.normalise`` — never raises, and its offset map is consistent:
  one raw position per clean character, every position inside the raw text,
  positions in reading order, and each clean character read from its position;
* ``graph.segment.split_documents`` — never raises, and every document,
  section and attachment lies inside the text it claims to cover;
* the whole ``Builder().process_text`` — never raises.

Two kinds of text are generated: arbitrary Unicode, and text glued together
from pieces of real gazettes (corpus lines, page markers, running headers,
document numbers, dates, headings, ``(责任单位:…)`` lists, letter-spaced names)
with random separators, which reaches far deeper into the rules.

The example counts are modest so the whole file runs in well under a minute;
raise them locally with ``--hypothesis-seed`` / ``HYPOTHESIS_PROFILE`` when
changing ingest or segmentation.  Each test records what it tried (see
``tests/test_reliability.py``) for ``docs/RELIABILITY.md``.
"""

from __future__ import annotations

import functools
import json
import os
import random
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.ingest import normalise
from graph.segment import split_documents

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "gazettes"
_NEWLINE = re.compile(r"\r\n|\r|\n")


def log_record(name: str, what: str, expected: str, observed: str, ok: bool) -> None:
    """Append one record to ``$GOVKG_RELIABILITY_LOG`` when it is set (see test_reliability)."""
    log = os.environ.get("GOVKG_RELIABILITY_LOG")
    if log:
        row = {"test": f"test_fuzz.py::{name}", "input": what, "expected": expected, "observed": observed, "ok": ok}
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------- strategies


@functools.lru_cache(maxsize=1)
def corpus_lines() -> tuple[str, ...]:
    """400 non-blank raw lines of the sample corpus (a fixed sample, so runs repeat)."""
    lines = []
    for path in sorted(CORPUS.glob("*.txt")):
        lines.extend(ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip())
    return tuple(random.Random(7).sample(lines, 400))


#: Pieces of gazette text that trigger the rules of ingest and segmentation.
GAZETTE_PIECES = (
    "浙政发〔2021〕14号", "浙政发〔２０２１〕１４ 号", "浙政办函〔2020〕44号", "国发〔2019〕11号", "龙", "政〔2020〕5号",
    "〔", "〕", "(", ")", "(", ")", "《", "》", "“", "”", "【", "】",
    "—3—", "- 12 -", "— 5 —", "一3一", "第2页共9页",
    "浙江省人民政府公报 2021 年第 15、16 期", "浙江省人民政府公报", "目  录", "目录",
    "2021年7月30日", "２０２１ 年 ７ 月 ３０ 日", "二〇二一年七月三十日", "2021年13月45日",
    "一、", "(一)", "(二)", "1.", "2.", "①", "第一章", "第三条", "附件:", "附件1", "附件 2", "附表",
    "(责任单位:省商务厅、省经信厅、省科技厅,各市、县〔市、区〕政府)", "(责任单位:", "责任单位:省发展改革委",
    "浙江省人民政府关于", "浙江省人民政府办公厅关于印发", "的通知", "的批复", "的决定", "意见", "复函",
    "浙江省人民政府", "浙江省人民政府办公厅", "浙 江 省 医 疗 保 障 局", "浙江省医疗保障局\u3000\u3000浙江省卫生健康委员会",
    "各市、县(市、区)人民政府,省政府直属各单位:", "主送:", "抄送:", "(此件公开发布)", "现将《", "》印发给你们,请认真贯彻执行。",
    "省发展改", "革委", "23\ue010 5", "１２３４", "ＡＢＣ", "\u3000", "\t", "\f", "\x0c", "\ufeff", "\u200b", "\xa0",
    "由省科技厅牵头", "会同", "负责", "组织实施", "一等奖", "荣誉称号", "国务院令第649号", "来源:", "发布日期:2021-07-30",
)

SEPARATORS = ("", "", "\n", "\n", "\n\n", "\r\n", "\r", " ", "\u3000", "\n—7—\n")


@st.composite
def gazette_like(draw) -> str:
    """Corpus lines and gazette pieces glued with random separators.

    >>> isinstance(gazette_like().example(), str)  # doctest: +SKIP
    True
    """
    piece = st.one_of(
        st.sampled_from(corpus_lines()),
        st.sampled_from(GAZETTE_PIECES),
        st.text(max_size=8),
    )
    parts = draw(st.lists(piece, min_size=1, max_size=40))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps))


TITLES = ("浙江省人民政府关于设立湖州工程技师\n学院等 ６ 所技师学院的批复", "浙江省人民政府办公厅关于印发浙江省\n数字经济发展规划的通知",
          "浙江省医疗保障局 浙江省卫生健康委员会关于调整检测项目价格的通知", "关于表彰先进集体的决定")
NUMBERS = ("浙政函〔２０２１〕８１ 号", "浙政办发〔2021〕39号", "浙医保联发〔２０２１〕１９ 号", "浙政发〔2018〕")
ISSUERS = ("浙江省人民政府", "浙江省人民政府办公厅", "浙 江 省 医 疗 保 障 局\u3000\u3000浙 江 省 卫 生 健 康 委 员 会")
DATES = ("２０２１ 年 ７ 月 ３０ 日", "2021年3月1日", "二〇二一年七月三十日", "2021年")


@st.composite
def document_like(draw) -> str:
    """One to three documents shaped like gazette documents, each part possibly damaged.

    A part may be dropped, cut short, or replaced by a random gazette piece,
    so segmentation meets numbers without titles, dates without issuers,
    lists cut in the middle and the like.
    """
    docs = []
    for _ in range(draw(st.integers(1, 3))):
        body = draw(st.lists(st.sampled_from(corpus_lines() + GAZETTE_PIECES), min_size=0, max_size=8))
        parts = [draw(st.sampled_from(TITLES)), draw(st.sampled_from(NUMBERS)), "各市、县(市、区)人民政府:",
                 *body, draw(st.sampled_from(ISSUERS)), draw(st.sampled_from(DATES))]
        damaged = []
        for part in parts:
            action = draw(st.sampled_from(("keep", "keep", "keep", "keep", "drop", "cut", "swap")))
            if action == "keep":
                damaged.append(part)
            elif action == "cut":
                damaged.append(part[: draw(st.integers(0, len(part)))])
            elif action == "swap":
                damaged.append(draw(st.sampled_from(GAZETTE_PIECES)))
        docs.append("\n\n".join(damaged))
    return draw(st.sampled_from(("\n\n", "\n\n—3—\n\n", "\n"))).join(docs) + "\n"


ANY_TEXT = st.text(max_size=400)
GAZETTE_TEXT = st.one_of(gazette_like(), document_like())
TEXTS = st.one_of(ANY_TEXT, GAZETTE_TEXT)


# ---------------------------------------------------------------- properties


def raw_lines(raw: str) -> list[str]:
    """The raw lines the offset map points into (a leading BOM is not part of line 1)."""
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    return _NEWLINE.split(raw)


def check_offset_map(raw: str) -> None:
    """normalise(raw) keeps a consistent map from clean characters back to raw ones."""
    source = normalise(raw, path="fuzz.txt")
    text, origin = source.text, source.origin
    assert len(origin) == len(text)
    lines = raw_lines(raw)
    for i, (line, col) in enumerate(origin):
        assert 1 <= line <= len(lines), (i, line, len(lines))
        assert 1 <= col <= max(1, len(lines[line - 1])), (i, line, col, lines[line - 1])
        ch = text[i]
        if ch not in "\n .":  # separators and decimal points are inserted, not read
            raw_ch = lines[line - 1][col - 1]
            assert ch in unicodedata.normalize("NFKC", raw_ch), (i, ch, raw_ch)
    assert origin == sorted(origin), "positions out of reading order"
    if text:
        assert source.locate(len(text) - 1)[0] == "fuzz.txt"


def check_documents(raw: str) -> None:
    """split_documents never raises and its spans lie inside the text they cover."""
    source = normalise(raw, path="fuzz.txt")
    for doc in split_documents(source):
        assert 0 <= doc.start <= doc.end <= len(source.text)
        assert doc.text == source.text[doc.start : doc.end]
        assert doc.key and isinstance(doc.title, str)
        for section in walk(doc.sections):
            assert 0 <= section.start <= section.end <= len(doc.text), section.path
        for attachment in doc.attachments:
            assert 0 <= attachment.start <= attachment.end <= len(doc.text)


def walk(sections):
    for section in sections:
        yield section
        yield from walk(section.children)


# ---------------------------------------------------------------- tests


def run_property(name: str, what: str, check, strategy, examples: int,
                 expected: str = "never raises, offset map consistent") -> None:
    """Run ``check`` on ``examples`` generated texts and record the outcome."""
    seen = []

    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(strategy)
    def prop(raw):
        seen.append(len(raw))
        check(raw)

    try:
        prop()
    except Exception as exc:
        log_record(name, what, expected, f"failed: {type(exc).__name__}: {exc}"[:300], False)
        raise
    log_record(name, what, expected,
               f"{len(seen)} texts (up to {max(seen, default=0)} characters): all passed", True)


def test_normalise_offset_map_on_any_unicode():
    run_property("test_normalise_offset_map_on_any_unicode", "normalise(): arbitrary Unicode text",
                 check_offset_map, ANY_TEXT, 200)


def test_normalise_offset_map_on_gazette_fragments():
    run_property("test_normalise_offset_map_on_gazette_fragments",
                 "normalise(): corpus lines, numbers, markers, lists glued at random; damaged documents",
                 check_offset_map, GAZETTE_TEXT, 200)


def test_split_documents_on_any_text():
    run_property("test_split_documents_on_any_text", "split_documents(): arbitrary and gazette-like text",
                 check_documents, TEXTS, 200, "never raises, spans inside the text")


@functools.lru_cache(maxsize=1)
def shared_builder():
    """One Builder for the module (loading gazetteer and pipeline takes seconds)."""
    from graph.pipeline import Builder

    return Builder()


def check_builder(raw: str) -> None:
    result = shared_builder().process_text(raw, path="fuzz.txt")
    assert len(result.documents) >= 0 and all(f.graph for f in result.facts)


@pytest.mark.parametrize("kind", ["any", "gazette"])
def test_builder_never_raises(kind):
    strategy = ANY_TEXT if kind == "any" else GAZETTE_TEXT
    run_property(f"test_builder_never_raises[{kind}]",
                 f"Builder().process_text(): {'arbitrary Unicode' if kind == 'any' else 'gazette-like'} text",
                 check_builder, strategy, 50, "never raises")
