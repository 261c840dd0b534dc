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

>>> nlp = load_pipeline(None)
>>> [(m.text, m.label) for m in find_mentions_in_text(nlp, "支持之江实验室建设")]
[('之江实验室', 'Laboratory')]
"""

from __future__ import annotations

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
    """A blank Chinese pipeline with the jieba segmenter (``graph.nlp.tokenizer``)."""
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "govkg.jieba_tokenizer.v1",
                                                           "segmenter": "jieba"}}})


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


def find_mentions(nlp: Language, document: Document) -> list[Mention]:
    """Mentions in ``document.text`` (offsets into it)."""
    return mentions_of(nlp(document.text))


def find_mentions_in_text(nlp: Language, text: str) -> list[Mention]:
    """Mentions in a plain string (tests, one-off use)."""
    return mentions_of(nlp(text))


def find_mentions_many(nlp: Language, documents: Iterable[Document],
                       batch_size: int = 16) -> Iterator[list[Mention]]:
    """Mentions of many documents with ``nlp.pipe`` (one list per document)."""
    for doc in nlp.pipe((d.text for d in documents), batch_size=batch_size):
        yield mentions_of(doc)


__all__ = ["load_pipeline", "find_mentions", "find_mentions_many", "find_mentions_in_text",
           "mentions_of", "blank_zh", "SPAN_GROUP", "Lexicon"]
