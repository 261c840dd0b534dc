"""The tokenizer gives exactly jieba's tokens, however they are computed.

``graph.nlp.tokenizer.jieba_cut`` lets jieba-rs (``rjieba``) cut runs of
common Chinese characters and jieba cut everything else; the tokens decide
where names may start, so they must be jieba's own, character for character.
"""

from __future__ import annotations

from pathlib import Path

import jieba
import pytest

from graph.nlp.tokenizer import _rust_cut, jieba_cut

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "gazettes"
rjieba = pytest.importorskip("rjieba")

#: Text where jieba and jieba-rs disagree when left alone (dates, web
#: addresses, numbers with units, rare and compatibility characters, CRLF).
TRICKY = [
    "发布日期:2022-03-21 来源:zfgb.zj.gov.cn",
    "浙政发〔2021〕14号 2021-00321 第3.5%增长",
    "㐀㐂城市更新鿖鿿,﨎字与𠀀字\r\n下一行\r\n",
    "ＡＢ公司１２３号①②项，温度25℃。Ⅳ类水体·α粒子",
    "杭州市iPhone产业园C++项目#1&2_3",
    "到2025年全省数字经济增加值达到4万亿元,建成5G基站20万个,H7N9防控",
    "省发展改革委、省经信厅负责;各市、县(市、区)人民政府配合。",
    "",
    "　\t  \n",
]


@pytest.fixture(scope="module")
def rust():
    return _rust_cut()


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_cut_as_jieba_cuts_it(rust, text):
    assert jieba_cut(text, rust=rust) == jieba.lcut(text)


def test_jieba_rs_alone_differs_on_dates(rust):
    # Why the runs with digits go back to jieba: left alone, jieba-rs keeps
    # a date in one token where jieba splits it at the hyphens.
    text = "印发日期2022-03-21"
    assert "2022-03-21" in rust(text, True)
    assert jieba_cut(text, rust=rust)[-5:] == ["2022", "-", "03", "-", "21"]


def test_sample_issue_cut_as_jieba_cuts_it(rust):
    text = sorted(SAMPLE.glob("*.txt"))[1].read_text(encoding="utf-8")
    assert jieba_cut(text, rust=rust) == jieba.lcut(text)


def test_changed_dictionary_falls_back_to_jieba():
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "govkg.jieba_tokenizer.v1"}}})
    word = "湖州工程技师学院"
    before = [t.text for t in nlp(f"设立{word}")]
    assert word not in before
    jieba.initialize()  # so that the copy below is the loaded dictionary
    freq, total = dict(jieba.dt.FREQ), jieba.dt.total
    jieba.add_word(word, freq=1000000)
    try:
        assert word in [t.text for t in nlp(f"设立{word}")]
    finally:  # leave jieba's dictionary exactly as it was for the other tests
        jieba.dt.FREQ.clear()
        jieba.dt.FREQ.update(freq)
        jieba.dt.total = total
    assert [t.text for t in nlp(f"设立{word}")] == before


def test_runs_cut_by_jieba_are_kept_and_reused_without_loading_jieba():
    # A fresh process: the tokenizer seeded with the runs of an earlier one
    # cuts a text holding only those runs without loading jieba's dictionary,
    # and reports no new runs; an unknown run loads it and is reported.
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent("""
        import sys, spacy
        import graph.nlp.tokenizer  # registers the tokenizer
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "govkg.jieba_tokenizer.v1"}}})
        nlp.tokenizer.runs.update({"2023-05-06": ("2023", "-", "05", "-", "06")})
        words = [t.text for t in nlp("发布日期:2023-05-06")]
        loaded = "jieba" in sys.modules and sys.modules["jieba"].dt.initialized
        print(words, loaded, nlp.tokenizer.take_new_runs())
        words = [t.text for t in nlp("增长率:3.5%,日期:2023-05-06")]
        print(words, sys.modules["jieba"].dt.initialized, nlp.tokenizer.take_new_runs())
    """)
    lines = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    assert lines[0] == "['发布', '日期', ':', '2023', '-', '05', '-', '06'] False {}"
    assert lines[1] == ("['增长率', ':', '3.5%', ',', '日期', ':', '2023', '-', '05', '-', '06'] True "
                        "{'3.5%': ('3.5%',)}")
    assert jieba.lcut("增长率:3.5%,日期:2023-05-06") == eval(lines[1].rsplit("]", 1)[0] + "]")
