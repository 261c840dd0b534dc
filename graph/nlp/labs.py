"""``govkg_labs``: laboratories (``…实验室``).

A lab name is a prefix plus ``实验室``.  Its left edge is found like other
names, except that 与/和/及 may sit inside (``智能科学与技术浙江省实验室``) and
another ``实验室`` never does.  Accepted are:

- short proper names (``之江实验室``, ``鹏城实验室``): a prefix of at most
  ``max_proper_chars`` characters that is not a generic word;
- topic names with a level marker (``…浙江省实验室``, ``省…重点实验室``);
- names starting at a place (``宁波…实验室``).

Generic phrases (``省实验室``, ``省重点实验室``, ``海洋实验室``) are not
entities.  ``X实验室(Y实验室)`` is one lab with an alternative name: Y's span
carries ``{"alias_of": X}`` and X's ``{"alias": Y}``.  ``(筹)`` after a name is
read as ``inPreparation``.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from graph.nlp.common import (CLOSE_BRACKETS, OPEN_BRACKETS, NameRules, add_span,
                              load_patterns, token_starts)
from graph.nlp.lexicon import Lexicon
from graph.nlp.tokenizer import text_of

#: Level words kept at the start of a lab name (省…重点实验室).
_LEVEL_WORDS = {"省", "国家", "市", "县"}
#: Levels in coordination (``国家和省实验室``) name a category.
_COORDINATED = re.compile(r"^(国家|省|市|县|中心)[和与及、]")
#: A counted phrase (``4个浙江省实验室``) is not a name.
_COUNTED = re.compile(r"[0-9０-９]|[个家批所项]$|^[个家批所项]")


@Language.factory("govkg_labs", default_config={"patterns": "labs"})
def make_labs(nlp: Language, name: str, patterns: str) -> "LabFinder":
    """Create the laboratory finder."""
    return LabFinder(nlp, name, patterns)


class LabFinder:
    """Marks laboratories; see the module docstring."""

    def __init__(self, nlp: Language, name: str, patterns: str = "labs"):
        self.name = name
        data = load_patterns(patterns)
        self.suffix = data.get("suffix", "实验室")
        self.levels = sorted(data.get("level_markers", []), key=len, reverse=True)
        self.allow = data.get("allow_tokens", [])
        self.generic = set(data.get("generic_words", []))
        self.max_proper = int(data.get("max_proper_chars", 4))
        self.known: set[str] = set()
        self.rules = NameRules(extra_allowed=self.allow, trim_to_anchor=False)

    def set_lexicon(self, lexicon: Lexicon) -> None:
        """Known labs are always accepted; places serve as anchors."""
        self.known = lexicon.forms_of("Laboratory")
        self.rules = NameRules(anchors=lexicon.place_anchors(), extra_allowed=self.allow,
                               trim_to_anchor=False)

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        starts = token_starts(doc)
        found: list[tuple[int, int]] = []
        pos = 0
        while True:
            s = text.find(self.suffix, pos)
            if s < 0:
                break
            e = s + len(self.suffix)
            pos = e
            start = self.name_start(text, s, starts)
            if start is not None:
                found.append((start, e))
        ends = {e: st for st, e in found}
        for start, end in found:
            attrs = {}
            if text.startswith("(筹)", end) or text.startswith("〔筹〕", end):
                attrs["inPreparation"] = "true"
            alias = self._bracket_alias(text, end, ends)
            if alias:
                attrs["alias"] = text[alias[0]:alias[1]]
            outer = self._outer_name(text, start, ends, found)
            if outer:
                attrs["alias_of"] = text[outer[0]:outer[1]]
            add_span(doc, start, end, "Laboratory", attrs)
        return doc

    def name_start(self, text: str, s: int, starts: list[int]) -> Optional[int]:
        """Start of the lab name ending with the suffix at ``s``, or None."""
        start, clean = self.rules.name_start(text, s, starts)
        prev = text.rfind(self.suffix, start, s)
        if prev >= 0:
            start = prev + len(self.suffix)
        start = self.rules.strip_generic(text, start, s, starts, self.rules.generic - _LEVEL_WORDS)
        core = text[start:s]
        name = text[start:s + len(self.suffix)]
        if not core or not clean:
            return None
        if name in self.known:
            return start
        if NameRules.only_generic(core, self.generic | self.rules.generic):
            return None
        if any(name.endswith(lv) for lv in self.levels):
            topic = core
            for lv in self.levels:
                if name.endswith(lv):
                    topic = name[: -len(lv)]
                    break
            topic = topic.removesuffix("浙江").removesuffix("国家")
            if _COUNTED.search(topic) or _COORDINATED.match(topic):
                return None
            if len(topic) >= 4 and not NameRules.only_generic(topic, self.generic):
                return start
            if topic and len(topic) <= self.max_proper and not NameRules.only_generic(topic, self.generic):
                return start
            return None
        if len(core) <= self.max_proper and len(core) >= 2:
            return start
        if self.rules.starts_with_anchor(text, start, s) and len(core) <= 8:
            return start
        return None

    def _bracket_alias(self, text: str, end: int, ends: dict[int, int]):
        """``X实验室(Y实验室)``: the offsets of Y when it directly follows."""
        if end < len(text) and text[end] in OPEN_BRACKETS:
            for e, st in ends.items():
                if st == end + 1 and e < len(text) and text[e] in CLOSE_BRACKETS:
                    return (st, e)
        return None

    def _outer_name(self, text: str, start: int, ends: dict[int, int], found):
        """For Y in ``X实验室(Y实验室)``: the offsets of X."""
        if start >= 2 and text[start - 1] in OPEN_BRACKETS and (start - 1) in ends:
            return (ends[start - 1], start - 1)
        return None
