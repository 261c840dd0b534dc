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
"""

from __future__ import annotations

from itertools import accumulate

from spacy.tokens import Doc
from spacy.util import registry

_TEXT_KEY = ("govkg", "text")
_STARTS_KEY = ("govkg", "token_starts")


class JiebaTokenizer:
    """Tokenise with jieba into a Doc whose tokens concatenate to the text."""

    def __init__(self, vocab, hmm: bool = True):
        import jieba

        jieba.initialize()  # load the dictionary now, so forked workers share it
        self.vocab = vocab
        self.hmm = hmm
        self._cut = jieba.cut

    def __call__(self, text: str) -> Doc:
        words = [w for w in self._cut(text, cut_all=False, HMM=self.hmm) if w]
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        doc.user_data[_TEXT_KEY] = text
        doc.user_data[_STARTS_KEY] = [0, *accumulate(len(w) for w in words)][:-1] if words else []
        return doc

    # spaCy serialises tokenizers with the pipeline; ours has no state of its own.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "JiebaTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> "JiebaTokenizer":
        return self


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
