"""The jieba tokenizer of the pipeline, lean enough for whole gazette issues.

spaCy's own Chinese tokenizer calls jieba and then re-aligns words and spaces
in Python; our components match names on characters, so they only need the
tokens as anchors (where a name may start).  This tokenizer calls jieba (with
its HMM step for unknown words, as spaCy does: without it, unknown verbs such
as 对标 split and move those anchors) and builds the Doc directly, keeping the
text and token starts so that components read them once instead of walking
every token (``text_of``, ``token_starts_of``).

>>> import spacy
>>> nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "govkg.jieba_tokenizer.v1"}}})
>>> doc = nlp("省发展改革委负责。")
>>> doc.text, text_of(doc)
('省发展改革委负责。', '省发展改革委负责。')

Speed: jieba's Python segmenter is most of the pipeline's time.  When the
``rjieba`` package (jieba-rs, the same algorithm and dictionary in Rust) is
installed, :func:`jieba_cut` lets it cut the text and gives the runs where
the two differ (pieces with ``+#&._%-``, rare characters) to jieba itself,
so the tokens are exactly jieba's, about ten times faster.  Without ``rjieba``, or once jieba's dictionary was changed
(``jieba.add_word``), jieba cuts everything.

jieba's own dictionary takes half a second to load, so the tokenizer loads it
only when a run needs it, and keeps the runs it cut (:attr:`JiebaTokenizer.runs`):
a build stores them with its cache and hands them to the next build's
tokenizer, so a rebuild after a small edit rarely loads jieba at all.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
import sys
from itertools import accumulate
from typing import Callable, Optional

from spacy.tokens import Doc
from spacy.util import registry

_TEXT_KEY = ("govkg", "text")
_STARTS_KEY = ("govkg", "token_starts")


#: Characters that both jieba and jieba-rs treat as separators between the
#: blocks they cut (whitespace and punctuation, not ``+#&._%-``), so a run of
#: other characters is cut the same wherever it stands.
_SEPARATORS = (r"\s\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
               r"!-\x22\x24\x27-\x2a,/:-@\[-\x5e`{-~\u2010-\u2027\u2030-\u205e\u00b7")
#: A run between separators holding anything but common Chinese characters
#: (jieba's ``\u4e00-\u9fd5``), ASCII letters and digits: ``+#&._%-`` or rare
#: characters.  jieba splits such pieces (``2022-03-21``, ``3.5%``,
#: ``zj.gov.cn``) and rare characters otherwise than jieba-rs does.
_OTHER_RUN = re.compile(f"(?<![^{_SEPARATORS}])[^{_SEPARATORS}]*[^{_SEPARATORS}\u4e00-\u9fd5A-Za-z0-9][^{_SEPARATORS}]*")


def _rust_cut() -> Optional[Callable[[str, bool], list[str]]]:
    """``rjieba.cut`` (dictionary loaded) when installed, else ``None``."""
    try:
        import rjieba
    except ImportError:
        return None
    rjieba.cut("", True)  # load the dictionary now, so forked workers share it
    return rjieba.cut


def jieba_cut(text: str, hmm: bool = True, rust: Optional[Callable] = None,
              cut_run: Optional[Callable[[str], tuple[str, ...]]] = None) -> list[str]:
    """jieba's tokens of ``text`` (``jieba.lcut``), cut by ``rust`` where it agrees.

    ``rust`` (``rjieba.cut``) cuts the whole text; every run between
    separators that holds something besides common Chinese characters, ASCII
    letters and digits is then cut again by jieba (``cut_run``, by default
    ``jieba.lcut``), whose rules for ``+#&._%-`` and rare characters differ
    from jieba-rs's.  Runs of common Chinese characters, ASCII letters and
    digits, the bulk of a gazette, are cut alike by both.

    >>> jieba_cut("2021年3月10日印发,自2021-04-01起施行。")
    ['2021', '年', '3', '月', '10', '日', '印发', ',', '自', '2021', '-', '04', '-', '01', '起', '施行', '。']
    >>> jieba_cut("省发展改革委负责。", rust=_rust_cut()) == jieba_cut("省发展改革委负责。")
    True
    """
    if rust is None:
        return _jieba().lcut(text, HMM=hmm)
    words = rust(text, hmm)
    ends: list[int] = []  # where each word ends, computed at the first run to redo
    out: list[str] = []
    done = 0  # words[:done] are already in out (or replaced)
    for match in _OTHER_RUN.finditer(text):
        if not ends:
            ends = list(accumulate(map(len, words)))
        a, b = match.span()
        i = bisect.bisect_right(ends, a)  # first word ending after a
        j = bisect.bisect_left(ends, b, i)  # the word ending at b
        if (i and ends[i - 1] != a) or j == len(ends) or ends[j] != b:
            return _jieba().lcut(text, HMM=hmm)  # runs not aligned: never seen, but stay exact
        out.extend(words[done:i])
        out.extend(cut_run(text[a:b]) if cut_run else _jieba().lcut(text[a:b], HMM=hmm))
        done = j + 1
    if not done:
        return words
    out.extend(words[done:])
    return out


def _jieba():
    """The jieba module, quiet (no dictionary-loading chatter on stderr)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


class JiebaTokenizer:
    """Tokenise with jieba into a Doc whose tokens concatenate to the text.

    ``runs`` holds the runs jieba itself cut (:func:`jieba_cut`), with its
    tokens, and ``new_runs`` those cut since :meth:`take_new_runs` was last
    called; a caller may seed ``runs`` with the runs of an earlier process
    (they hold for jieba's default dictionary only, the one they are used
    with).

    >>> import spacy
    >>> nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "govkg.jieba_tokenizer.v1"}}})
    >>> [t.text for t in nlp("印发日期:2022-03-21")]
    ['印发', '日期', ':', '2022', '-', '03', '-', '21']
    >>> nlp.tokenizer.take_new_runs(), nlp.tokenizer.take_new_runs()
    ({'2022-03-21': ('2022', '-', '03', '-', '21')}, {})
    """

    def __init__(self, vocab, hmm: bool = True):
        self.vocab = vocab
        self.hmm = hmm
        self._rust = _rust_cut()
        self.runs: dict[str, tuple[str, ...]] = {}
        self.new_runs: dict[str, tuple[str, ...]] = {}
        self._default: Optional[tuple] = None  # jieba's state once this tokenizer loaded it

    def __call__(self, text: str) -> Doc:
        rust = self._rust if self._rust and self._dictionary_unchanged() else None
        words = [w for w in jieba_cut(text, self.hmm, rust, self._cut_run) if w]
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        doc.user_data[_TEXT_KEY] = text
        doc.user_data[_STARTS_KEY] = [0, *accumulate(map(len, words))][:-1] if words else []
        return doc

    def load_jieba(self) -> None:
        """Load jieba's dictionary now (before forking workers, which then share it)."""
        jieba = _jieba()
        if self._default is None:
            if jieba.dt.initialized:  # loaded elsewhere, maybe changed since: compare with a fresh copy
                self._default = _default_dictionary_state()
            else:
                jieba.initialize()
                self._default = _dictionary_state()

    def take_new_runs(self) -> dict[str, tuple[str, ...]]:
        """The runs jieba cut since the last call (and forget them as new)."""
        new, self.new_runs = self.new_runs, {}
        return new

    def _cut_run(self, run: str) -> tuple[str, ...]:
        """jieba's tokens of one run (``2022-03-21``, ``3.5%``), kept: the
        same dates, figures and addresses recur across a corpus."""
        tokens = self.runs.get(run)
        if tokens is None:
            self.load_jieba()
            tokens = self.runs[run] = self.new_runs[run] = tuple(_jieba().lcut(run, HMM=self.hmm))
        return tokens

    def _dictionary_unchanged(self) -> bool:
        """True while jieba's dictionary is its default one (never loaded counts as default)."""
        jieba = sys.modules.get("jieba")
        if jieba is None or not jieba.dt.initialized:
            return True
        if self._default is None:
            self._default = _default_dictionary_state()
        return _dictionary_state() == self._default

    # spaCy serialises tokenizers with the pipeline; ours has no state of its own.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "JiebaTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> "JiebaTokenizer":
        return self


def _dictionary_state(tokenizer=None) -> tuple:
    """What tells jieba's dictionary apart from its default (words added, total)."""
    dt = tokenizer or _jieba().dt
    return (dt.dictionary, dt.total, len(dt.FREQ))


@functools.cache
def _default_dictionary_state() -> tuple:
    """The state of jieba's default dictionary, from a fresh copy (loaded once)."""
    jieba = _jieba()
    fresh = jieba.Tokenizer()
    fresh.initialize()
    return _dictionary_state(fresh)


@registry.tokenizers("govkg.jieba_tokenizer.v1")
def create_jieba_tokenizer(hmm: bool = True, segmenter: str = "jieba"):
    """Registered factory; ``segmenter`` is accepted for compatibility with zh configs."""
    if segmenter != "jieba":
        raise ValueError(f"govkg.jieba_tokenizer.v1 only segments with jieba, not {segmenter!r}")

    def make(nlp):
        return JiebaTokenizer(nlp.vocab, hmm=hmm)

    return make


def text_of(doc: Doc) -> str:
    """The doc's text, read once and kept (``doc.text`` re-joins every token)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


def token_starts_of(doc: Doc) -> list[int] | None:
    """Character offsets where tokens start, when this tokenizer made the doc.

    >>> import spacy
    >>> nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "govkg.jieba_tokenizer.v1"}}})
    >>> doc = nlp("浙江大学")
    >>> token_starts_of(doc) == [t.idx for t in doc]
    True
    """
    return doc.user_data.get(_STARTS_KEY)
