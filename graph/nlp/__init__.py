"""The entity pipeline: a blank Chinese spaCy pipeline (jieba segmenter)
with one registered component per kind of name.

Components, in order (each adds spans to ``doc.spans["govkg"]``):

====================  =======================================  ======================
factory               finds                                    module
====================  =======================================  ======================
govkg_gazetteer       every known name (agencies, regions…)    gazetteer_ruler
govkg_zones           development zones (suffixes, lists)      zones
govkg_labs            laboratories                             labs
govkg_institutions    universities, enterprises, hospitals…    institutions
govkg_programs        named plans and campaigns                programs
govkg_awards          awards, persons, achievements            awards
govkg_select          resolves overlaps (longest wins)         select
====================  =======================================  ======================

Usage::

    nlp = load_pipeline(load_gazetteer())
    mentions = find_mentions(nlp, document)          # list[graph.model.Mention]

Long texts are read in pieces (:func:`pieces`): spaCy refuses a text over
``nlp.max_length`` (1,000,000 characters), and a 10 MB page pasted as one line
is longer.  A text over :data:`CHUNK_SIZE` characters is cut at line ends (or
sentence ends) into pieces; each piece is run with the document's head (its
title) and :data:`CONTEXT` characters of real text on either side, and keeps
the mentions that start inside it, shifted back to offsets in the document.

>>> nlp = load_pipeline(None)
>>> [(m.text, m.label) for m in find_mentions_in_text(nlp, "支持之江实验室建设")]
[('之江实验室', 'Laboratory')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from graph.model import Document, Mention
from graph.nlp import gazetteer_ruler, institutions, labs, programs, select, tokenizer, zones  # noqa: F401  (register factories)
from graph.nlp.common import SPAN_GROUP, span_data, spans_of
from graph.nlp.lexicon import Lexicon, lexicon_from

from graph.nlp import awards  # noqa: F401  (registers govkg_awards)

#: The components in pipeline order (``govkg_select`` comes last).
COMPONENTS = ("govkg_gazetteer", "govkg_zones", "govkg_labs", "govkg_institutions",
              "govkg_programs", "govkg_awards")


def blank_zh() -> Language:
    """A blank Chinese pipeline with the jieba segmenter (``graph.nlp.tokenizer``).

    The components read characters, never a token's lexical attributes
    (``like_num``, ``shape``, ``is_stop``…), so the vocabulary computes none:
    spaCy otherwise computes them for every new word, most of the first
    file's language-pipeline time.

    >>> nlp = blank_zh()
    >>> [t.text for t in nlp("省科技厅负责")], nlp.vocab.lex_attr_getters
    (['省', '科技厅', '负责'], {})
    """
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "govkg.jieba_tokenizer.v1",
                                                          "segmenter": "jieba"}}})
    nlp.vocab.lex_attr_getters = {}
    return nlp


def load_pipeline(gazetteer: Any = None) -> Language:
    """Build the pipeline; ``gazetteer`` (a ``graph.gazetteer.Gazetteer``, a
    :class:`Lexicon` or None) supplies the known names and place anchors."""
    nlp = blank_zh()
    lexicon = lexicon_from(gazetteer)
    for name in COMPONENTS:
        component = nlp.add_pipe(name)
        _give(component, lexicon, gazetteer)
    nlp.add_pipe("govkg_select")
    return nlp


def _give(component: Any, lexicon: Lexicon, gazetteer: Any) -> None:
    """Hand the lexicon (or gazetteer) to a component that wants one."""
    if hasattr(component, "set_lexicon"):
        component.set_lexicon(lexicon)
    elif hasattr(component, "set_gazetteer") and gazetteer is not None:
        component.set_gazetteer(gazetteer)


def mentions_of(doc: Doc, offset: int = 0) -> list[Mention]:
    """The selected spans of a processed doc as Mentions (document order)."""
    text = tokenizer.text_of(doc)
    data = span_data(doc)
    out = []
    for sp in spans_of(doc):
        (start, end), attrs, _ = data[sp.id]
        attrs = tuple(sorted((str(k), str(v)) for k, v in (attrs or {}).items()))
        out.append(Mention(text[start:end], sp.label_, start + offset, end + offset, attrs))
    out.sort(key=lambda m: (m.start, m.end, m.label))
    return out


#: The longest text run through the pipeline in one piece (well under
#: spaCy's ``nlp.max_length`` of 1,000,000 characters).
CHUNK_SIZE = 100_000
#: Characters of real text a piece is read with on either side, so that a name
#: or list near a cut reads as it does in the whole text.
CONTEXT = 2_000
#: The document head every later piece is read with: components read a
#: document's kind and year from its title (its first few hundred characters).
HEAD = 1_000

_LINE_END = "\n"
_SENTENCE_ENDS = "。；;!?！？"
#: Last resort inside a run without line or sentence ends: after whitespace or
#: punctuation (not a letter, digit or Chinese character).
_NON_WORD = re.compile(r"[\W_]")


def cut_before(text: str, lo: int, hi: int) -> int:
    """The last place in ``(lo, hi]`` where ``text`` may be cut: after a line end,
    else after a sentence end (。；!?), else after whitespace or punctuation,
    else ``hi``.

    A name never holds a line end or a sentence end, so cutting there cannot
    split one.  The two fallbacks only apply to a run of ``hi - lo``
    characters without any line or sentence end (never seen in a gazette):
    a cut after a comma or space may still split a name such a run holds, and
    a cut inside an unbroken run of letters may split a word.

    >>> text = "第一段。第二句\\n第二段"
    >>> cut_before(text, 0, 10), cut_before(text, 0, 7), cut_before("甲乙、丙丁", 0, 4), cut_before("甲乙丙丁", 0, 3)
    (8, 4, 3, 3)
    """
    cut = text.rfind(_LINE_END, lo, hi)
    if cut < 0:
        cut = max(text.rfind(c, lo, hi) for c in _SENTENCE_ENDS)
    if cut < 0:
        cut = next((m.start() for m in _last_matches(_NON_WORD, text, lo, hi)), -1)
    return hi if cut < 0 else cut + 1


def _last_matches(pattern: re.Pattern, text: str, lo: int, hi: int) -> list[re.Match]:
    """The last match of ``pattern`` in ``text[lo:hi]`` (a list of at most one)."""
    last = None
    for last in pattern.finditer(text, lo, hi):
        pass
    return [last] if last else []


@dataclass(frozen=True)
class Piece:
    """One piece of a long text: it owns ``[start, end)`` and is read as
    ``text[:head] + text[context_start:context_end]``."""

    start: int
    end: int
    context_start: int
    context_end: int
    head: int = 0

    def text_of(self, text: str) -> str:
        """The text the pipeline reads for this piece."""
        return self.prefix_of(text) + text[self.context_start:self.context_end]

    def prefix_of(self, text: str) -> str:
        """The document head before the context (ending in a line end), or ''."""
        if not self.head:
            return ""
        head = text[:self.head]
        return head if head.endswith(_LINE_END) else head + _LINE_END

    def mentions(self, doc: Doc, text: str) -> list[Mention]:
        """The mentions of this piece's processed ``doc`` that start inside it,
        with offsets into ``text``."""
        shift = self.context_start - len(self.prefix_of(text))
        return [m for m in mentions_of(doc, shift) if self.start <= m.start < self.end]


def pieces(text: str, size: int = CHUNK_SIZE, context: int = CONTEXT, head: int = HEAD) -> list[Piece]:
    """Cut ``text`` into pieces of at most ``size`` characters (one piece when it is short).

    >>> [(p.start, p.end) for p in pieces("甲。乙。\\n丙。丁。\\n", size=5, context=0, head=0)]
    [(0, 5), (5, 10)]
    >>> pieces("短文本") == [Piece(0, 3, 0, 3)]
    True
    """
    n = len(text)
    starts = [0]
    while n - starts[-1] > size:
        starts.append(cut_before(text, starts[-1], starts[-1] + size))
    bounds = list(zip(starts, starts[1:] + [n]))
    head_end = cut_before(text, 0, min(head, n)) if head else 0
    out = []
    for a, b in bounds:
        c = 0 if a - 2 * context <= head_end else cut_before(text, a - 2 * context, a - context)
        e = n if b + 2 * context >= n else cut_before(text, b + context, b + 2 * context)
        out.append(Piece(a, b, c, e, head_end if c > 0 else 0))
    return out


def find_mentions(nlp: Language, document: Document, chunk_size: int = CHUNK_SIZE) -> list[Mention]:
    """Mentions in ``document.text`` (offsets into it); long texts are read in pieces."""
    return mentions_in(nlp, document.text, chunk_size)


def find_mentions_in_text(nlp: Language, text: str, chunk_size: int = CHUNK_SIZE) -> list[Mention]:
    """Mentions in a plain string (tests, one-off use)."""
    return mentions_in(nlp, text, chunk_size)


def mentions_in(nlp: Language, text: str, chunk_size: int = CHUNK_SIZE) -> list[Mention]:
    """Mentions in ``text``, read whole when short, else piece by piece."""
    if len(text) <= chunk_size:
        return mentions_of(nlp(text))
    out: list[Mention] = []
    for piece in pieces(text, chunk_size):
        out.extend(piece.mentions(nlp(piece.text_of(text)), text))
    return out


def find_mentions_many(nlp: Language, documents: Iterable[Document],
                       batch_size: int = 16, chunk_size: int = CHUNK_SIZE) -> Iterator[list[Mention]]:
    """Mentions of many documents with ``nlp.pipe`` (one list per document);
    long documents are read in pieces as in :func:`find_mentions`."""
    documents = list(documents)
    plans = [pieces(d.text, chunk_size) for d in documents]
    docs = nlp.pipe((p.text_of(d.text) for d, plan in zip(documents, plans) for p in plan), batch_size=batch_size)
    for document, plan in zip(documents, plans):
        out: list[Mention] = []
        for piece in plan:
            out.extend(piece.mentions(next(docs), document.text))
        yield out


__all__ = ["load_pipeline", "find_mentions", "find_mentions_many", "find_mentions_in_text",
           "mentions_of", "mentions_in", "pieces", "Piece", "cut_before", "CHUNK_SIZE",
           "blank_zh", "SPAN_GROUP", "Lexicon"]
