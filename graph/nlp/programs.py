"""``govkg_programs``: named plans and campaigns (``gov:Program``).

Four shapes, from ``ontology/patterns/programs.yaml``:

- a book title naming a plan: ``《浙江省海洋经济发展“十四五”规划》`` (the span
  is the title without the book marks; laws, opinions and measure lists are
  not programmes);
- the plan a notice issues: ``关于印发浙江省数字政府建设“十四五”规划的通知``;
- a quoted campaign with an optional topic before it and an ending after it,
  perhaps after a few words: ``“凤凰行动”计划``, ``数字经济“一号工程”``,
  ``“八八战略”``, ``医疗卫生“山海”提升工程``, ``“链主”工厂引领工程``;
- a code name: ``NI10000计划``; plain names with a strong ending that
  start at a place (``浙江省数字经济五年倍增计划``); and names of what is
  carried out (``实施融资畅通工程``, ``深入实施低收入农户…小康计划``).

A period in brackets after a plan's name is part of it
(``…三年行动计划(2021—2023年)``); a shorter match that runs on into a longer
plan word is either extended (``台州湾新区高质量发展三年行动`` + ``计划``) or,
after a verb of carrying out, left to the title it is part of (``推进新型基础
设施建设行动`` + ``方案``).

Slogans and periods in quotes (``“十四五”``, ``“重要窗口”``) are not names on
their own.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from graph.nlp.common import NameRules, add_span, literal_regex, load_patterns, token_starts
from graph.nlp.lexicon import Lexicon
from graph.nlp.tokenizer import text_of

#: A few words between a quoted name and its ending (``医疗卫生“山海”提升工程``,
#: ``“415X”先进制造业集群培育工程``): no punctuation, quotes or function
#: characters; words opening a new clause are refused in ``_quoted``.
_QUALIFIER = r"[^\s“”《》()（）,，。;；、:：的和与及等在为将对把从向]{0,12}?"
_CODE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{1,6}[0-9]{2,6}(?:计划|工程|行动)")


@Language.factory("govkg_programs", default_config={"patterns": "programs"})
def make_programs(nlp: Language, name: str, patterns: str) -> "ProgramFinder":
    """Create the programme finder."""
    return ProgramFinder(nlp, name, patterns)


class ProgramFinder:
    """Marks programmes; see the module docstring."""

    def __init__(self, nlp: Language, name: str, patterns: str = "programs"):
        self.name = name
        data = load_patterns(patterns)
        self.generic_quoted = set(data.get("generic_quoted", []))
        self.generic = set(data.get("generic_words", [])) | set(
            load_patterns("common").get("generic_tokens", []))
        endings = literal_regex(data.get("title_endings", []))
        quoted = literal_regex(data.get("quoted_endings", []))
        plain = literal_regex(data.get("plain_endings", []))
        period = "(?:" + data.get("period", "(?!)") + ")?"
        self.period_re = re.compile(period)
        self.continuation_re = re.compile(literal_regex(data.get("continuations", [])))
        self.title_re = re.compile(r"《([^《》\n]{2,60}?" + endings + period + r")》")
        self.issued_re = re.compile(r"印发〈?([^《》〈〉\n,，。;；]{4,60}?" + endings + period + r")〉?的?(?:通知|决定)")
        self.quoted_re = re.compile(r"“([^“”\n,，。;；]{2,16})”(?:(" + _QUALIFIER + r")" + quoted + r")?")
        self.qualifier_stops = tuple(data.get("qualifier_stops", []))
        self.quoted_ending_re = re.compile(quoted + "$")
        self.plain_re = re.compile(plain)
        verbs = literal_regex(data.get("carried_out_by", ["实施", "推进", "开展", "启动", "落实", "推行"]))
        self.carried_re = re.compile(verbs + r"(?P<name>[^\s,，。;；、:：“”《》()（）]{4,24}?"
                                     + literal_regex(data.get("carried_endings", ["工程", "计划", "行动"])) + ")")
        self.rules = NameRules()

    def set_lexicon(self, lexicon: Lexicon) -> None:
        """Use the gazetteer's place names as anchors."""
        self.rules = NameRules(anchors=lexicon.place_anchors())

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        starts = token_starts(doc)
        for m in self.title_re.finditer(text):
            add_span(doc, m.start(1), m.end(1), "Program", {"titled": "true"})
        for m in self.issued_re.finditer(text):
            if "《" not in text[m.start(1) - 1:m.start(1)]:
                add_span(doc, m.start(1), m.end(1), "Program", {"titled": "true"})
        for m in self.quoted_re.finditer(text):
            self._quoted(doc, text, m, starts)
        for m in self.carried_re.finditer(text):
            core = m.group("name")
            if self.continuation_re.match(text, m.end("name")):
                continue
            if not NameRules.only_generic(core[:-2], self.generic) and not re.search(r"[0-9]", core):
                add_span(doc, m.start("name"), m.end("name"), "Program")
        for m in _CODE.finditer(text):
            add_span(doc, m.start(), m.end(), "Program")
        for m in self.plain_re.finditer(text):
            start, clean = self.rules.name_start(text, m.start(), starts)
            if (clean and m.start() - start >= 4
                    and self.rules.starts_with_anchor(text, start, m.start())
                    and "“" not in text[start:m.start()]):
                add_span(doc, start, self._full_end(text, m.end()), "Program")
        return doc

    def _full_end(self, text: str, end: int) -> int:
        """Extend a plain name over a longer plan word and a period
        (``…三年行动`` + ``计划(2021—2023年)``)."""
        more = self.continuation_re.match(text, end)
        if more:
            end = more.end()
        return self.period_re.match(text, end).end()

    def _quoted(self, doc: Doc, text: str, m: re.Match, starts: list[int]) -> None:
        """``topic“name”ending``: a campaign when the quote or ending says so."""
        inner, qualifier = m.group(1), m.group(2)
        end = m.end()
        if qualifier and any(w in qualifier for w in self.qualifier_stops):
            qualifier, end = None, m.end(1) + 1          # the ending is in another clause
        if qualifier is None and not self.quoted_ending_re.search(inner):
            return
        start, clean = self.rules.name_start(text, m.start(), starts)
        if m.start() - start > 8 or not clean:
            start = m.start()
        start = self.rules.strip_generic(text, start, m.start(), starts)
        topic = text[start:m.start()]
        if topic and (NameRules.only_generic(topic, self.generic) or re.search(r"[0-9]", topic)):
            start, topic = m.start(), ""
        if inner in self.generic_quoted and len(topic) < 2:
            return
        if NameRules.only_generic(inner, self.generic) and not topic:
            return
        add_span(doc, start, end, "Program")
