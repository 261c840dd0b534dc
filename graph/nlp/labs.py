"""``govkg_labs``: laboratories (``…实验室``).

A lab name is a prefix plus ``实验室``.  Its left edge is found like other
names, except that 与/和/及 may sit inside (``智能科学与技术浙江省实验室``) and
another ``实验室`` never does, and a name never opens with a preposition or
conjunction (``以省实验室为核心``, ``…实验室和黄河实验室``).  Accepted are:

- short proper names (``之江实验室``, ``鹏城实验室``): a prefix of at most
  ``max_proper_chars`` characters that is not a generic word;
- topic names with a level marker (``…浙江省实验室``, ``省…重点实验室``);
- names starting at a place (``宁波…实验室``);
- names in a list of laboratories (``深圳湾实验室、松山湖材料实验室、…``):
  a prefix of up to ``max_listed_chars`` characters between list commas;
- the cells of a lab-name column of a flattened table (``实验室名称``), in
  full (``浙江省茶树种质资源创新利用重点实验室``).

A short prefix that is a verb or adverb of general Chinese (``确保实验室高起点
谋划``) is no name, and a province with a level marker (``广东省实验室``,
``江苏省重点实验室``) or any region with one (``嘉兴市重点实验室``) is a
category, and a count (``6家实验室``) no name.  Generic phrases (``省实验室``, ``省重点实验室``, ``海洋实验室``) are not
entities.  ``X实验室(Y实验室)`` is one lab with an alternative name: Y's span
carries ``{"alias_of": X}`` and X's ``{"alias": Y}``.  ``(筹)`` after a name is
read as ``inPreparation``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from graph.nlp.common import (CLOSE_BRACKETS, OPEN_BRACKETS, NameRules, add_span,
                              function_words, load_patterns, token_starts)
from graph.nlp.lexicon import Lexicon
from graph.nlp.tables import flat_tables
from graph.nlp.tokenizer import text_of

#: Level words kept at the start of a lab name (省…重点实验室).
_LEVEL_WORDS = {"省", "国家", "市", "县"}
#: Levels in coordination (``国家和省实验室``) name a category.
_COORDINATED = re.compile(r"^(国家|省|市|县|中心)[和与及、]")
#: ``X实验室牵头建设`` right before a lab name.
_BUILT_BY = re.compile(r"牵头(?:建设|组建|筹建)$")
#: Words that never open a lab name: a preposition or conjunction before it
#: (``以省实验室为核心``, ``神农种业实验室和黄河实验室``).
_LEADING_FUNCTION = re.compile(r"[以和与及等或]*")
#: A counted phrase (``4个浙江省实验室``) is not a name.
_COUNTED = re.compile(r"[0-9０-９]|[个家批所项]$|^[个家批所项]")
#: A prefix ending with a count of labs (``6家实验室``, ``等十个实验室``) is no name.
_COUNT_PREFIX = re.compile(r"[0-9０-９一二三四五六七八九十百两几多]\s*[个家所批]$")
#: A second lab name in brackets right after a name: ``(广东省先进计算与智能芯片实验室)``.
_SECOND_NAME = re.compile(r"[(（][^()（）。;；,，、\n]{3,30}实验室[)）]")


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
        self.max_listed = int(data.get("max_listed_chars", 6))
        self.max_paired = int(data.get("max_paired_chars", 8))
        self.places = tuple(sorted(data.get("province_names", []), key=len, reverse=True))
        self.table_columns = tuple(data.get("table_name_columns", []))
        self.known: set[str] = set()
        self.regions: set[str] = set()
        self.verbs = function_words()
        self.rules = NameRules(extra_allowed=self.allow, trim_to_anchor=False)

    def set_lexicon(self, lexicon: Lexicon) -> None:
        """Known labs are always accepted; places serve as anchors."""
        self.known = lexicon.forms_of("Laboratory")
        self.regions = lexicon.place_anchors()
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
        found += [span for span in self._table_cells(text) if span not in found]
        ends = {e: st for st, e in found}
        for start, end in found:
            attrs = {}
            if text.startswith("(筹)", end) or text.startswith("〔筹〕", end):
                attrs["inPreparation"] = "true"
            alias = self._bracket_alias(text, end, ends)
            if alias:
                attrs["alias"] = text[alias[0]:alias[1]]
            outer = self._outer_name(text, start, ends, found) or self._builder(text, start, end, ends)
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
        if not self._bracketed_alias_at(text, start):
            # ``甬江实验室(新材料浙江省实验室)``: the whole bracket is the second name
            start = self.rules.strip_generic(text, start, s, starts, self.rules.generic - _LEVEL_WORDS)
        start += _LEADING_FUNCTION.match(text[start:s]).end()
        core = text[start:s]
        name = text[start:s + len(self.suffix)]
        if not core or not clean:
            return None
        if name in self.known:
            return start
        if NameRules.only_generic(core, self.generic | self.rules.generic) or _COUNT_PREFIX.search(core):
            return None
        if any(name.endswith(lv) for lv in self.levels):
            return start if self._topic_name(name) else None
        if core[:2] in self.verbs:
            return None
        if self._second_name(text, start, name):
            return start
        if len(core) <= self.max_paired and self._paired(text, s + len(self.suffix)):
            return start
        if len(core) <= self.max_proper and len(core) >= 2 and not self._verb_before(text, s, starts):
            return start
        if self.rules.starts_with_anchor(text, start, s) and len(core) <= 8:
            return start
        if len(core) <= self.max_listed and self._listed(text, start, s + len(self.suffix)):
            return start
        return None

    def _verb_before(self, text: str, s: int, starts: list[int]) -> bool:
        """True when a verb word stands right before the suffix at ``s``
        (``原则赋予实验室``, ``鼓励实验室``): the bare noun is its object, no name.

        >>> LabFinder(None, "labs")._verb_before("原则赋予实验室", 4, [0, 2, 4])
        True
        """
        i = bisect_left(starts, s - 2)
        return i < len(starts) and starts[i] == s - 2 and text[s - 2:s] in self.verbs

    def _paired(self, text: str, end: int) -> bool:
        """True when a bracketed second lab name follows (``横琴先进计算实验室``
        + ``(广东省先进计算与智能芯片实验室)``): the pair marks a name.

        >>> LabFinder(None, "labs")._paired("X实验室(浙江省某某实验室)。", 4)
        True
        """
        return _SECOND_NAME.match(text, end) is not None

    def _second_name(self, text: str, start: int, name: str) -> bool:
        """True for the bracketed second name of a lab that starts with a
        province and holds a topic (``(广东省先进计算与智能芯片实验室)``).

        >>> LabFinder(None, "labs")._second_name("X实验室(广东省智能芯片实验室)", 5, "广东省智能芯片实验室")
        True
        """
        if not self._bracketed_alias_at(text, start) or len(name) > 30:
            return False
        place = next((p for p in self.places if name.startswith(p)), None)
        if place is None:
            return False
        topic = name[len(place):-len(self.suffix)]
        return len(topic) >= 2 and not _COUNTED.search(topic) \
            and not NameRules.only_generic(topic, self.generic)

    def _table_cells(self, text: str) -> list[tuple[int, int]]:
        """Offsets of the lab-name cells of the flattened tables in ``text``.

        >>> t = "序号\\n实验室名称\\n依托单位\\n1\\n江苏省茶叶加工利用重点实验室\\n江南大学\\n"
        >>> [t[s:e] for s, e in LabFinder(None, "labs")._table_cells(t)]
        ['江苏省茶叶加工利用重点实验室']
        """
        if not self.table_columns or "实验室" not in text:
            return []
        out = []
        for table in flat_tables(text):
            col = table.column(self.table_columns)
            if col is None:
                continue
            for cell in table.cells(col):
                name = cell.text
                if name.endswith(self.suffix) and len(name) <= 40 and name not in self.levels \
                        and not any(c in name for c in "。,，;；:：、"):
                    out.append((cell.start, cell.end))
        return out

    def _topic_name(self, name: str) -> bool:
        """A name with a level marker names one lab when a topic precedes the
        level (``智能科学与技术浙江省实验室``), not only a place or a count
        (``广东省实验室``, ``第三批浙江省实验室``).

        >>> LabFinder(None, "labs")._topic_name("广东省实验室")
        False
        """
        topic = name
        for lv in self.levels:
            if name.endswith(lv):
                topic = name[: -len(lv)]
                break
        topic = topic.removesuffix("国家")
        for place in self.places:
            if topic.endswith(place):
                topic = topic[: -len(place)]
                break
        if topic in self.regions or topic.removesuffix("级") in self.regions:
            return False            # a level of a region: 嘉兴市重点实验室, 苏州市级重点实验室
        if not topic or _COUNTED.search(topic) or _COORDINATED.match(topic):
            return False
        return not NameRules.only_generic(topic, self.generic)

    def _bracketed_alias_at(self, text: str, start: int) -> bool:
        """True when ``start`` opens a bracket right after a lab name."""
        return (start > len(self.suffix) and text[start - 1] in OPEN_BRACKETS
                and text.endswith(self.suffix, 0, start - 1))

    @staticmethod
    def _listed(text: str, start: int, end: int) -> bool:
        """True for a name standing between list commas (``、X实验室、``)."""
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        return before == "、" or after == "、"

    def _bracket_alias(self, text: str, end: int, ends: dict[int, int]):
        """``X实验室(Y实验室)``: the offsets of Y when it directly follows."""
        if end < len(text) and text[end] in OPEN_BRACKETS:
            for e, st in ends.items():
                if st == end + 1 and e < len(text) and text[e] in CLOSE_BRACKETS:
                    return (st, e)
        return None

    def _builder(self, text: str, start: int, end: int, ends: dict[int, int]):
        """``由之江实验室牵头建设智能科学与技术浙江省实验室``: a lab building the
        provincial lab of its topic is that lab (the topic name is its second
        name); the offsets of the builder, or None.
        """
        if not any(text.endswith(lv, start, end) for lv in self.levels):
            return None
        m = _BUILT_BY.search(text, max(0, start - 6), start)
        if m and m.start() in ends:
            return (ends[m.start()], m.start())
        return None

    def _outer_name(self, text: str, start: int, ends: dict[int, int], found):
        """For Y in ``X实验室(Y实验室)``: the offsets of X."""
        if start >= 2 and text[start - 1] in OPEN_BRACKETS and (start - 1) in ends:
            return (ends[start - 1], start - 1)
        return None
