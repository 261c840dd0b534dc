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
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from graph.nlp.common import COUNTED, NameRules, add_span, closed_runs, literal_regex, load_patterns, token_starts
from graph.nlp.lexicon import Lexicon
from graph.nlp.tokenizer import text_of

#: A few words between a quoted name and its ending (``医疗卫生“山海”提升工程``,
#: ``“415X”先进制造业集群培育工程``): no punctuation, quotes or function
#: characters; words opening a new clause are refused in ``_quoted``.
_QUALIFIER = r"[^\s“”《》()（）,，。;；、:：的和与及等在为将对把从向]{0,12}?"
#: Quotes side by side ending where the next one starts (“尖兵”“领雁”).
_QUOTE_CHAIN = re.compile(r"(?:“[^“”\n,，。;；]{1,16}”)+$")
_CODE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{1,6}[0-9]{2,6}(?:计划|工程|行动)")

#: The longest run before a list closer (等…项目) read as a closed list.
_LIST_REACH = 240


def _name_ends(text: str, end: int) -> bool:
    """True when a name may end at ``end``: punctuation, the end of the text,
    or a particle or conjunction (not a word running on, ``规划布局``).

    >>> _name_ends("编制X规划,优化", 5), _name_ends("X规划布局", 3)
    (True, False)
    """
    return end >= len(text) or not re.match(r"[\u4e00-\u9fff]", text[end]) or text[end] in "的和与及等中"


def split_elided(name: str) -> list[str]:
    """The plans an elided title names: ``A、B<rest>`` where A and the start of
    B are parallel forms of one length sharing their opener (``中国(温州)``,
    ``中国(绍兴)``) names A<rest> and B<rest>; any other name is itself.

    >>> split_elided("中国(温州)、中国(绍兴)跨境电子商务综合试验区实施方案")
    ['中国(温州)跨境电子商务综合试验区实施方案', '中国(绍兴)跨境电子商务综合试验区实施方案']
    >>> split_elided("浙江省数字经济、数字社会建设方案")
    ['浙江省数字经济、数字社会建设方案']
    """
    if name.count("、") != 1:
        return [name]
    left, right = name.split("、")
    twin = right[:len(left)]
    if 4 <= len(left) <= 12 and len(right) > len(left) + 4 and twin[:2] == left[:2] \
            and twin[-1] == left[-1] and twin != left:
        return [left + right[len(left):], right]
    return [name]


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
        self.verb_re = re.compile(verbs)
        engaged = data.get("engaged_by", [])
        self.engaged_re = re.compile(
            (literal_regex(engaged) if engaged else "(?!)") + r"(?P<name>[^\s,，。;；、:：“”《》()（）]{4,24}?"
            + literal_regex(data.get("carried_endings", ["工程", "计划", "行动"])) + ")")
        self.carried_ending_re = re.compile(
            literal_regex(data.get("carried_endings", ["工程", "计划", "行动"])) + "$")
        self.list_re = re.compile(verbs + r"(?P<run>[^\s,，。;；:：!！?？《》()（）]{4,120})")
        self.carried_topic_max = int(data.get("carried_topic_max", 0))
        self.topic_skip = tuple(data.get("topic_skip", []))
        stops = literal_regex(data.get("period_plan_stops", [])) or "(?!)"
        self.period_plan_re = re.compile(
            "“(?:" + data.get("period_quote", "(?!)") + ")”(?:(?!" + stops
            + r")[^\s“”《》()（）,，。;；、:：]){2,20}?" + literal_regex(data.get("period_plan_heads", [])))
        markers = "|".join(data.get("heading_markers", [])) or "(?!)"
        self.heading_re = re.compile(
            r"(?m)^[ \t　]*(?:" + markers + r")(?P<name>[^\s“”《》,，。;；、:：]{4,24}?"
            + literal_regex(data.get("heading_endings", [])) + r")(?=[。.]|[ \t　]*$)")
        self.anchored_re = re.compile(literal_regex(data.get("anchored_endings", [])) or "(?!)")
        self.anchored_followers = tuple(data.get("anchored_followers", [])) or ("\0",)
        self.anchored_min = int(data.get("anchored_min_words", 4))
        zones = load_patterns("zones")
        abbreviations = "".join(zones.get(k, "") for k in data.get("abbreviation_keys", []))
        self.abbreviation_chain_re = re.compile(
            "[" + re.escape(abbreviations) + "]{2,}" if abbreviations else "(?!)")
        self.closed_list_re = re.compile(r"(?P<run>[^,，。;；:：!！?？《》\n]{4,%d}?)(?:" % _LIST_REACH
                                         + data.get("list_closer", "(?!)") + ")")
        self.closer_re = re.compile("(?=(" + data.get("list_closer", "(?!)") + "))")
        self.member_ending_re = re.compile(literal_regex(data.get("list_member_endings", [])) + "$")
        self.rules = NameRules()
        self.untrimmed = NameRules(trim_to_anchor=False)     # 杭甬运河宁波段…: keep the chain

    def set_lexicon(self, lexicon: Lexicon) -> None:
        """Use the gazetteer's place names as anchors."""
        self.rules = NameRules(anchors=lexicon.place_anchors())

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        starts = token_starts(doc)
        titles = []
        for m in self.title_re.finditer(text):
            add_span(doc, m.start(1), m.end(1), "Program", {"titled": "true"})
            titles.append(m.group(1))
        for m in self.issued_re.finditer(text):
            if "《" not in text[m.start(1) - 1:m.start(1)] and len(split_elided(m.group(1))) == 1:
                add_span(doc, m.start(1), m.end(1), "Program", {"titled": "true"})
            titles.append(m.group(1))
        for m in self.quoted_re.finditer(text):
            self._quoted(doc, text, m, starts)
        for m in self.carried_re.finditer(text):
            self._carried(doc, text, m, titles)
        for m in self.engaged_re.finditer(text):
            if self._engaged_end(text, m.end()):
                self._carried(doc, text, m, titles)
        for m in self.period_plan_re.finditer(text):
            end = self._full_end(text, m.end())
            words = text[m.start():m.end()].split("”", 1)[1]
            if _name_ends(text, end) and not NameRules.only_generic(words, self.generic):
                add_span(doc, m.start(), end, "Program")
        for m in self.list_re.finditer(text):
            for start, end in self._listed(m.group("run"), m.start("run")):
                add_span(doc, start, end, "Program")
        for m in self.heading_re.finditer(text):
            core = m.group("name")
            if not NameRules.only_generic(core[:-2], self.generic) and not re.search(r"[0-9]", core):
                add_span(doc, m.start("name"), m.end("name"), "Program")
        for m in self.anchored_re.finditer(text):
            self._anchored(doc, text, m, starts)
        for m in closed_runs(self.closed_list_re, self.closer_re, text, _LIST_REACH):
            self._closed_list(doc, text, m, starts)
        for m in _CODE.finditer(text):
            add_span(doc, m.start(), m.end(), "Program")
        for m in self.plain_re.finditer(text):
            start, clean = self.rules.name_start(text, m.start(), starts)
            if (clean and m.start() - start >= 4
                    and self.rules.starts_with_anchor(text, start, m.start())
                    and "“" not in text[start:m.start()]):
                add_span(doc, start, self._full_end(text, m.end()), "Program")
        return doc

    def _engaged_end(self, text: str, end: int) -> bool:
        """Whether a name after a verb of taking part ends cleanly at ``end``:
        at punctuation other than 、 (``加快X工程、云服务等领域`` lists fields), a
        particle, or a word of work on it (``…工程建设``)."""
        if text.startswith(self.anchored_followers, end):
            return True
        return _name_ends(text, end) and not text.startswith("、", end)

    def _carried(self, doc: Doc, text: str, m: re.Match, titles: list[str]) -> None:
        """``实施X工程``: X工程 is a programme unless it runs on into a longer
        plan word, only names a category, or echoes a plan title of the same
        document (``推进X行动`` inside ``浙江省高水平推进X行动计划`` is that plan
        spoken of, not a campaign of its own), or is counted or followed by
        项目 (``实施一批省重点研发计划项目`` speaks of a category's projects). A
        second verb opening the name is skipped (``推进实施X工程`` names X工程)."""
        start, end = m.start("name"), m.end("name")
        if self.continuation_re.match(text, end):
            return
        while True:
            verb = self.verb_re.match(text, start, end)
            if verb is None or end - verb.end() < 4:
                break
            start = verb.end()
        core = text[start:end]
        if NameRules.only_generic(core[:-2], self.generic) or re.search(r"[0-9]", core):
            return
        if COUNTED.match(core) or text.startswith("项目", end):
            return                                       # 实施一批省重点研发计划项目: a category's projects
        said = text[m.start():end]
        if any(said in t for t in titles):
            return
        add_span(doc, start, end, "Program")

    def _anchored(self, doc: Doc, text: str, m: re.Match, starts: list[int]) -> None:
        """``甬舟跨市互联互通项目``, ``杭甬运河…项目``: works named after the places
        they join (a chain of one-character place abbreviations), with enough
        words between the places and the ending and a clean end. A single
        place (``台州市区连接线工程``) is too weak: such names are often parts of
        longer ones."""
        if not (_name_ends(text, m.end()) or text.startswith(self.anchored_followers, m.end())):
            return
        start, clean = self.untrimmed.name_start(text, m.start(), starts)
        if not clean or "“" in text[start:m.start()] or re.search(r"[0-9]", text[start:m.start()]):
            return
        place = self.abbreviation_chain_re.match(text, start, m.start())
        if place is None:
            return
        words = text[place.end():m.start()]
        if len(words) < self.anchored_min or NameRules.only_generic(words, self.generic):
            return
        add_span(doc, start, m.end(), "Program")

    def _closed_list(self, doc: Doc, text: str, m: re.Match, starts: list[int]) -> None:
        """``发挥甬舟互联互通项目、海塘安澜千亿工程、十大海岛公园等重大项目``:
        members of a list closed by 等…项目 that end like a project are programmes."""
        base = m.start("run")
        run = m.group("run")
        if "、" not in run:
            return
        for k, part in enumerate(re.finditer(r"[^、]+", run)):
            end = base + part.end()
            if not self.member_ending_re.search(part.group()):
                continue
            start, clean = base + part.start(), True
            if k == 0:                                   # after the clause's verb
                start, clean = self.untrimmed.name_start(text, end, starts)
            name = text[start:end]
            if (clean and start >= base + part.start() and 4 <= len(name) <= 24
                    and not re.search(r"[0-9\s“”的等]", name)
                    and not NameRules.only_generic(name[:-2], self.generic)):
                add_span(doc, start, end, "Program")

    def _full_end(self, text: str, end: int) -> int:
        """Extend a plain name over a longer plan word and a period
        (``…三年行动`` + ``计划(2021—2023年)``)."""
        more = self.continuation_re.match(text, end)
        if more:
            end = more.end()
        return self.period_re.match(text, end).end()

    def _listed(self, run: str, base: int) -> list[tuple[int, int]]:
        """Programmes in a list after a verb of carrying out (``run`` starts at
        ``base``): members joined by 、/和/及 that end like a programme next to
        another member that does (``…便利化行动和减证便民行动``: each is one), or,
        when only the last of a few short members joined by 、 does, the whole
        list with its shared head (``首台套、首批次、首版次提升工程``).

        >>> f = ProgramFinder(None, "programs")
        >>> run = "新时代工匠培育工程、技工教育提质增量计划"
        >>> [run[a:b] for a, b in f._listed(run, 0)]
        ['新时代工匠培育工程', '技工教育提质增量计划']
        >>> run = "汽车首台套、首批次提升工程"
        >>> [run[a:b] for a, b in f._listed(run, 0)]
        ['汽车首台套、首批次提升工程']
        >>> f._listed("城市更新和乡村建设行动", 0), f._listed("用水、纳税等便利化行动", 0)
        ([], [])
        """
        parts = [(p.start(), p.end()) for p in re.finditer(r"[^、和及]+", run)]
        if len(parts) < 2:
            return []
        ends = [bool(self.carried_ending_re.search(run[a:b])) for a, b in parts]
        out = []
        if ends[-1] and not any(ends[:-1]) and "和" not in run and "及" not in run \
                and all(b - a <= 10 for a, b in parts) and len(run) <= 30 and "等" not in run:
            if not any(c in run for c in "“”") and not re.search(r"[0-9]", run):
                return [(base, base + len(run))]
            return []
        for k, (a, b) in enumerate(parts):
            name = run[a:b]
            paired = (k > 0 and ends[k - 1]) or (k + 1 < len(parts) and ends[k + 1])
            if (ends[k] and paired and 4 <= len(name) <= 24 and not any(c in name for c in "等的“”")
                    and not re.search(r"[0-9]", name)
                    and not NameRules.only_generic(name[:-2], self.generic)):
                out.append((base + a, base + b))
        return out

    def _carried_topic_start(self, text: str, quote: int) -> Optional[int]:
        """Where a quoted campaign's topic starts when it runs back to a verb
        of carrying out (``实施优化营商环境“10+N”行动`` → after 实施), or None."""
        if not self.carried_topic_max:
            return None
        lo = max(0, quote - self.carried_topic_max - 2)
        last = None
        for v in self.verb_re.finditer(text, lo, quote):
            last = v
        if last is None or quote - last.end() < 2:
            return None
        if re.search(r"[\s,，。;；、:：“”《》()（）]", text[last.end():quote]):
            return None
        start = last.end()
        while text.startswith(self.topic_skip, start) and quote - start > 2:
            start += next(len(w) for w in self.topic_skip if text.startswith(w, start))
        return start

    def _inner_words(self, qualifier: str) -> str:
        """The qualifier without a clause verb glued to the ending: 推进行动,
        提升工程 are name words (“一村万树”千村示范万村推进行动), while a verb
        further back opens a new clause (“双碳”目标推进…工程).

        >>> f = ProgramFinder(None, "programs")
        >>> f._inner_words("千村示范万村推进"), f._inner_words("目标推进节能")
        ('千村示范万村', '目标推进节能')
        """
        for w in self.qualifier_stops:
            if qualifier.endswith(w) and len(qualifier) > len(w):
                return qualifier[:-len(w)]
        return qualifier

    def _quoted(self, doc: Doc, text: str, m: re.Match, starts: list[int]) -> None:
        """``topic“name”ending``: a campaign when the quote or ending says so."""
        inner, qualifier = m.group(1), m.group(2)
        end = m.end()
        first = m.start()
        if text[first - 1:first] == "”":                 # “尖兵”“领雁”研发攻关计划: a chain of quotes
            chain = _QUOTE_CHAIN.search(text, max(0, first - 60), first)
            if chain is None or qualifier is None:
                return
            first = chain.start()
        if qualifier and any(w in self._inner_words(qualifier) for w in self.qualifier_stops):
            qualifier, end = None, m.end(1) + 1          # the ending is in another clause
        if qualifier is None and not self.quoted_ending_re.search(inner):
            return
        start, clean = self.rules.name_start(text, first, starts)
        if first - start > 8 or not clean:
            start = first
        topic_start = self._carried_topic_start(text, first)
        if topic_start is not None and qualifier is not None:
            start = topic_start
            end = self._full_end(text, end)
        start = self.rules.strip_generic(text, start, first, starts)
        topic = text[start:first]
        if topic and (NameRules.only_generic(topic, self.generic) or re.search(r"[0-9]", topic)):
            start, topic = first, ""
        if inner in self.generic_quoted and len(topic) < 2:
            return
        if NameRules.only_generic(inner, self.generic) and not topic:
            return
        add_span(doc, start, end, "Program")
