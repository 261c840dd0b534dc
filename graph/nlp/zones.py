"""``govkg_zones``: development zones found by their name endings and by the
structure of zone lists.

A zone name ends with a known suffix (``ontology/patterns/zones.yaml``:
经济技术开发区, 高新技术产业园区, 新区, 片区…).  Its left edge is found by the
shared :class:`graph.nlp.common.NameRules` (punctuation, unmatched opening
brackets and verbs end a name; brackets inside a name are kept).  Weak endings
(新区, 示范区, 片区, 开发区…) need the name to start at a place, or to name
the partners of a cooperation zone (``前海深港现代服务业合作区``: 深港).  A
prefix that ends with a level word (``现行省级经济开发区``) or holds fewer than
two Chinese characters (``5G产业集聚区``) names a category.  A trailing
``(筹)`` is read as status ``inPreparation`` and left out of the name.

Numbered items of a zone list (``18. 宁波前湾新区(中意宁波生态园、…)``) are
zones whatever their ending; :func:`parse_list_item` reads one such line and
is reused by the relation extractors (``gov:integrates``).

>>> parse_list_item("40. 浙江鹿城经济开发区(筹)(浙江温州鹿城轻工产业园区)")
ListItem(head='浙江鹿城经济开发区', head_start=4, head_prep=True, members=[('浙江温州鹿城轻工产业园区', 17, False)])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from graph.nlp.common import (CLOSE_BRACKETS, COUNTED, OPEN_BRACKETS, NameRules, add_span,
                              literal_regex, load_patterns, matching_open, token_starts)
from graph.nlp.lexicon import Lexicon
from graph.nlp.tables import flat_tables
from graph.nlp.tokenizer import text_of

_CJK = re.compile(r"[\u4e00-\u9fff]")
#: A numbered list item: ``12. name…`` or ``(12) name…`` at the start of a line.
ITEM_RE = re.compile(r"(?m)^[ \t]*(?:\d{1,3}[.、．]|[(（]\d{1,3}[)）])[ \t]*(\S[^\n]*?)[ \t]*$")
_PREP_MARKS = ("筹",)
#: Last characters of a full region name (长沙市, 岳麓区, 长丰县, 湖南省), as opposed to a short form.
_FULL_REGION_END = "省市区县旗州盟"
#: The longest stem (in characters) of a zone name accepted without a place at its start
#: because the same text names the zone after its region (甬江 of 宁波市甬江科创区).
_MAX_BARE_STEM = 4
#: A short bracketed word inside a name (``西部(重庆)科学城``).
_BRACKETED = re.compile(r"[(（〔]([\u4e00-\u9fff]{2,8})[)）〕]")
#: The longest zone ending looked for on each side of a line break.
_MAX_ENDING = 12


def _unwrapped(text: str) -> str:
    """``text`` without the line breaks of hard wraps.

    >>> _unwrapped("经济开发\\n区")
    '经济开发区'
    """
    return text.replace("\n", "")


def _wrapped_regex(endings) -> re.Pattern:
    """A regex of the ``endings`` cut once by a line break (``工业园\\n区``).

    >>> _wrapped_regex(["园区"]).findall("工业园\\n区")
    ['园\\n区']
    """
    cuts = {e[:i] + "\n" + e[i:] for e in endings for i in range(1, len(e))}
    return re.compile(literal_regex(cuts) if cuts else "(?!)")


@dataclass(frozen=True)
class _Ending:
    """A zone ending found in ``text``, shaped like a regex match (``start()``,
    ``end()``, ``group()``): endings joined into the longest one have no single match."""

    text: str
    s: int
    e: int

    def start(self) -> int:
        return self.s

    def end(self) -> int:
        return self.e

    def group(self) -> str:
        return self.text[self.s:self.e]


@dataclass
class ListItem:
    """One parsed zone-list line: the head zone and its bracketed members.

    Offsets are relative to the start of the line given to
    :func:`parse_list_item`.  ``members`` are ``(name, start, in_preparation)``.
    """

    head: str
    head_start: int
    head_prep: bool
    members: list[tuple[str, int, bool]] = field(default_factory=list)


def parse_list_item(line: str, base: int = 0) -> Optional[ListItem]:
    """Split ``N. HEAD(筹)(A、B〔筹〕)`` into its parts (offsets + ``base``).

    >>> parse_list_item("37. 浙台(象山石浦)经贸合作区(象山渔港经济区、海峡两岸交流基地)").head
    '浙台(象山石浦)经贸合作区'
    >>> parse_list_item("6. 杭州高新技术产业开发区(杭州高新区〔滨江〕富阳特别合作区)").members
    [('杭州高新区〔滨江〕富阳特别合作区', 15, False)]
    """
    m = ITEM_RE.match(line)
    if not m:
        return None
    body_start = m.start(1)
    body = line[body_start:m.end(1)]
    groups: list[tuple[int, int]] = []          # bracket groups at the end
    end = len(body)
    while end and body[end - 1] in CLOSE_BRACKETS:
        open_at = matching_open(body, end - 1)
        if open_at < 0:
            break
        groups.append((open_at, end))
        end = open_at
    head_prep = False
    members: list[tuple[str, int, bool]] = []
    for open_at, close_at in reversed(groups):
        inner = body[open_at + 1:close_at - 1]
        if inner.strip() in _PREP_MARKS:
            head_prep = True
        elif not members:
            members = _split_members(inner, base + body_start + open_at + 1)
        else:
            return None
    head = body[:end].strip()
    if not head:
        return None
    return ListItem(head, base + body_start, head_prep, members)


def _split_members(inner: str, base: int) -> list[tuple[str, int, bool]]:
    """Split ``A、B〔筹〕`` at top-level 、 into names with a status flag; a verb
    opening the list (``整合A、B``, ``含A``; ``lead_verbs`` in
    ``ontology/patterns/zones.yaml``) is no part of the first name.

    >>> [name for name, _, _ in _split_members("整合临海经济开发区、临海头门港工业园区", 0)]
    ['临海经济开发区', '临海头门港工业园区']
    """
    out, depth, start = [], 0, _lead_verb_length(inner)
    for i, ch in enumerate(inner + "、"):
        if ch in OPEN_BRACKETS:
            depth += 1
        elif ch in CLOSE_BRACKETS:
            depth -= 1
        elif ch in "、,，;；" and depth == 0:
            name = inner[start:i].strip()
            if name:
                prep = False
                for mark in ("(筹)", "〔筹〕", "（筹）", "[筹]"):
                    if name.endswith(mark):
                        name, prep = name[: -len(mark)], True
                lead = len(inner[start:i]) - len(inner[start:i].lstrip())
                out.append((name, base + start + lead, prep))
            start = i + 1
    return out


def _lead_verb_length(text: str, patterns: str = "zones") -> int:
    """Length of the verb (and spaces) that opens ``text`` when a name of at
    least two characters follows it, else 0.

    >>> _lead_verb_length("整合宁波经济开发区"), _lead_verb_length("整合区"), _lead_verb_length("宁波新区")
    (2, 0, 0)
    """
    stripped = text.lstrip()
    for verb in sorted(load_patterns(patterns).get("lead_verbs", []), key=len, reverse=True):
        rest = stripped[len(verb):].lstrip()
        if stripped.startswith(verb) and len(_CJK.findall(rest[:2])) == 2:
            return len(text) - len(rest)
    return 0


def zone_list_items(text: str, suffix_re: Optional[re.Pattern] = None,
                    min_items: int = 5) -> list[ListItem]:
    """The items of the zone lists in ``text`` (offsets into ``text``).

    Only short numbered lines count, and only when at least ``min_items`` of
    them (and half of all) have a zone ending: a numbered list of measures
    is not a zone list.
    """
    if suffix_re is None:
        suffix_re = default_suffix_re()
    items = []
    for m in ITEM_RE.finditer(text):
        line = m.group(0)
        if len(line) > 90 or any(c in line for c in "。，,;；:："):
            continue
        item = parse_list_item(line, m.start())
        if item:
            items.append(item)
    zoneish = [it for it in items if suffix_re.search(it.head[-8:])]
    if len(zoneish) < min_items or len(zoneish) * 2 < len(items):
        return []
    return items


def zone_table_items(text: str, patterns: str = "zones") -> list[ListItem]:
    """The rows of zone tables flattened into ``text`` as list items: the
    head column's zone and the zones its scope cell lists (offsets into
    ``text``; see :mod:`graph.nlp.tables`).

    >>> text = "序号\\n设区市\\n整合提升后平台\\n整合范围\\n1\\n湖州市\\n湖州南太湖新区\\n湖州经济技术开发区、湖州高新技术产业园区"
    >>> item = zone_table_items(text)[0]
    >>> item.head, [name for name, _, _ in item.members]
    ('湖州南太湖新区', ['湖州经济技术开发区', '湖州高新技术产业园区'])
    >>> text[item.members[1][1]:item.members[1][1] + 10]
    '湖州高新技术产业园区'
    """
    data = load_patterns(patterns)
    out = []
    for table in flat_tables(text):
        head_col = table.column(data.get("table_head_columns", []))
        member_col = table.column(data.get("table_member_columns", []))
        if head_col is None or member_col is None:
            continue
        for row in table.rows:
            if max(head_col, member_col) >= len(row) or row[head_col].empty:
                continue
            head = _split_members(row[head_col].text, row[head_col].start)
            if len(head) != 1:
                continue
            name, start, prep = head[0]
            cell = row[member_col]
            members = [] if cell.empty else _split_members(cell.text, cell.start)
            out.append(ListItem(name, start, prep, members))
    return out


def default_suffix_re(patterns: str = "zones") -> re.Pattern:
    """The zone endings of ``ontology/patterns/zones.yaml`` as one regex."""
    return re.compile(literal_regex(s["text"] for s in load_patterns(patterns).get("suffixes", [])))


def county_stems(region_forms, common_words=frozenset()) -> set[str]:
    """The stems of the counties and county-level cities among ``region_forms``
    (``邛崃市`` → ``邛崃``, ``孝昌县`` → ``孝昌``), two to four characters long: a
    zone name may begin with one (``孝昌工业集中区``) even where the gazetteer lists
    no short name for the county.  Districts (``区``) give none: their stems are
    often common words (西湖, 江北, 新城).  Nor do ``common_words``: stems that are
    ordinary words (合作 of 合作市, 和平 of 和平县; ``county_stem_common_words`` in
    ``ontology/patterns/zones.yaml``, made by ``ontology/tools/common_county_stems.py``).

    >>> sorted(county_stems({"邛崃市", "孝昌县", "西湖区", "沙县", "杭州市"}))
    ['孝昌', '杭州', '邛崃']
    >>> sorted(county_stems({"邛崃市", "合作市"}, {"合作"}))
    ['邛崃']
    """
    return {name[:-1] for name in region_forms
            if name[-1:] in ("市", "县") and 2 <= len(name) - 1 <= 4 and not name.endswith(("自治县", "新市"))
            and name[:-1] not in common_words}


@Language.factory("govkg_zones", default_config={"patterns": "zones", "list_min_items": 5})
def make_zones(nlp: Language, name: str, patterns: str, list_min_items: int) -> "ZoneFinder":
    """Create the zone finder; place anchors come from ``set_lexicon``."""
    return ZoneFinder(nlp, name, patterns, list_min_items)


class ZoneFinder:
    """Marks development zones; see the module docstring."""

    def __init__(self, nlp: Language, name: str, patterns: str = "zones", list_min_items: int = 5):
        self.name = name
        data = load_patterns(patterns)
        self.suffixes = {s["text"]: bool(s.get("anchor")) for s in data.get("suffixes", [])}
        self.suffix_re = re.compile(literal_regex(self.suffixes))
        self.after_zone = {s["text"] for s in data.get("suffixes", []) if s.get("after_zone")}
        self.reject = tuple(data.get("reject_words", []))
        self.prep_marks = tuple(data.get("in_preparation", ["(筹)"]))
        self.levels = tuple(data.get("level_words", []))
        self.category_endings = frozenset(data.get("category_endings", []))
        provinces = data.get("partner_abbreviations", "")
        cities = data.get("partner_city_abbreviations", "")
        both = re.escape(provinces + cities)
        self.partners = re.compile(f"[{both}][{re.escape(provinces)}]|[{re.escape(provinces)}][{both}]") \
            if provinces else None
        self.list_min_items = list_min_items
        self.rules = NameRules()
        self.region_forms: set[str] = set()
        self.county_stems: set[str] = set()
        self.stem_common_words = frozenset(data.get("county_stem_common_words", []))
        self.former_marks = tuple(sorted(data.get("former_marks", []), key=len, reverse=True))
        self.wrapped_re = _wrapped_regex(self.suffixes)
        bodies = data.get("body_endings", [])
        self.body_re = re.compile(literal_regex(bodies)) if bodies else None
        honours = data.get("honour_titles", {})
        self.title_marks = tuple(honours.get("title_marks", []))
        self.honour_verbs = tuple(honours.get("verbs", []))
        self.province_end = honours.get("province_end", "")

    def set_lexicon(self, lexicon: Lexicon) -> None:
        """Use the gazetteer's place names as anchors."""
        self.rules = NameRules(anchors=lexicon.place_anchors())
        self.region_forms = lexicon.forms_of("Region")
        self.county_stems = county_stems(self.region_forms, self.stem_common_words)

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        starts = token_starts(doc)
        named: set[str] = set()       # zone names found, with and without their leading region
        unanchored = []               # names lacking only a place at their start
        for m in self._endings(text):
            found = self.name_at(text, m.start(), m.end(), starts) or self._over_wrap(text, m.start(), m.end(), starts)
            if found and self._honour_title(text, found[0], m.end()):
                add_span(doc, found[0], m.end(), "Award", source="pattern")     # a title to grant
                continue
            if found and self._province_category(text, found[0], m.start(), starts):
                continue                                                        # 浙江省农业科技园区
            if found:
                self._add(doc, text, found[0], m.end())
                named.update(self._name_forms(text[found[0]:m.end()]))
            elif self._anchor(_unwrapped(m.group())):
                loose = self.name_at(text, m.start(), m.end(), starts, need_anchor=False)
                # only a short proper stem (甬江, 大港); a long one describes a kind of zone
                if loose and len(_CJK.findall(text[loose[0]:m.start()])) <= _MAX_BARE_STEM:
                    unanchored.append((loose[0], m.end()))
        for a, b in unanchored:
            # 甬江科创区 is a zone where the same text names it after its city (宁波市甬江科创区)
            if text[a:b] in named:
                self._add(doc, text, a, b)
        self._list_items(doc, text)
        return doc

    def _over_wrap(self, text: str, s: int, e: int, starts: list[int]) -> Optional[tuple[int]]:
        """The start of a zone name cut by a line break before its ending, as in a title
        laid out over two lines (``关于同意设立浙江诸暨店口\\n高新技术产业园区的批复``), or
        None: only when the ending's own line holds no complete name, the line before
        ends in a Chinese character and the name read across the break begins at a place.

        >>> z = ZoneFinder(None, "zones")
        >>> z.region_forms = {"福建", "福建省", "南安市", "南安"}
        >>> z.rules = NameRules(anchors=z.region_forms)
        >>> t = "关于同意设立福建南安\\n高新技术产业园区的批复"
        >>> s = t.index("高新")
        >>> z._over_wrap(t, s, s + 8, list(range(len(t))))
        (6,)
        >>> t = "附件\\n高新技术产业园区"
        >>> z._over_wrap(t, 3, 11, list(range(len(t)))) is None
        True
        """
        start, _ = self.rules.name_start(text, s, starts)
        brk = start - 1
        if brk < 1 or text[brk] != "\n" or not _CJK.match(text[brk - 1]):
            return None
        lo = max(0, brk - self.rules.max_chars)
        window = text[lo:brk] + text[brk + 1:e]
        shifted = [p - lo for p in starts if lo <= p < brk] + [p - lo - 1 for p in starts if brk < p <= e]
        found = self.name_at(window, s - lo - 1, e - lo - 1, shifted)
        if found is None or found[0] >= brk - lo or not self._anchored(window, found[0], s - lo - 1, shifted):
            return None
        return (found[0] + lo,)

    def _endings(self, text: str) -> list["_Ending"]:
        """The zone endings in ``text``, those cut by a hard line wrap included
        (``浙江缙云经济开发\\n区``): a wrapped ending replaces the shorter ending
        it holds (``工业园`` of ``工业园\\n区``), and each ending reaches as far as
        the endings overlapping it (see :meth:`_longest`).

        >>> z = ZoneFinder(None, "zones")
        >>> [e.group() for e in z._endings("桐庐富春江农业科技园区、临沂物流园\\n区")]
        ['科技园区', '物流园\\n区']
        """
        wrapped = []
        for nl in re.finditer("\n", text):
            lo = max(0, nl.start() - _MAX_ENDING)
            wrapped += [m for m in self.wrapped_re.finditer(text, lo, nl.end() + _MAX_ENDING)
                        if m.start() < nl.start() < m.end() - 1]
        spans = [(m.start(), m.end()) for m in wrapped]
        plain = [m for m in self.suffix_re.finditer(text)
                 if not any(a <= m.start() < b for a, b in spans)]
        found = sorted(plain + list({m.span(): m for m in wrapped}.values()), key=lambda m: m.start())
        out: list[_Ending] = []
        for m in found:
            if out and m.start() < out[-1].end():
                continue                # inside the ending before it, already lengthened
            out.append(_Ending(text, m.start(), self._longest(text, m.start(), m.end())))
        return out

    def _longest(self, text: str, s: int, e: int) -> int:
        """The end of the ending ``text[s:e]`` lengthened by every ending that starts
        inside it and ends after it: the longest ending wins (``科技园`` + ``园区`` of
        ``农业科技园区``, ``物流园`` + ``园区`` of ``物流园区``), wrapped or not.

        >>> z = ZoneFinder(None, "zones")
        >>> t = "农业科技园区建设"
        >>> t[2:z._longest(t, 2, 5)]
        '科技园区'
        """
        p = s + 1
        while p < e:
            for rx in (self.suffix_re, self.wrapped_re):
                m = rx.match(text, p)
                if m and m.end() > e:
                    e = m.end()
            p += 1
        return e

    def _anchor(self, ending: str) -> bool:
        """True when the ``ending`` (unwrapped) needs a place at the start of the name.
        An ending made of two overlapping endings (``科技园区``: 科技园 + 园区) needs one
        unless both its first and its last known endings are specific.

        >>> z = ZoneFinder(None, "zones")
        >>> z._anchor("经济开发区"), z._anchor("科技园区")
        (False, True)
        """
        if ending in self.suffixes:
            return self.suffixes[ending]
        heads = [k for k in range(len(ending), 0, -1) if ending[:k] in self.suffixes]
        tails = [k for k in range(len(ending)) if ending[k:] in self.suffixes]
        if not heads or not tails:
            return True
        return self.suffixes[ending[:heads[0]]] or self.suffixes[ending[tails[0]:]]

    def _honour_title(self, text: str, a: int, b: int) -> bool:
        """True when the zone-like name ``text[a:b]`` is a title granted as an honour:
        followed by a title mark (``…示范园区”称号``), or preceded by an honour verb and
        starting with a full province name (``认定为江苏省生态工业示范园区``).

        >>> z = ZoneFinder(None, "zones")
        >>> z.region_forms = {"浙江省", "江苏省", "浙江"}
        >>> t = "授予“浙江省生物医药产业创新示范园区”称号"
        >>> z._honour_title(t, 3, t.index("”"))
        True
        >>> t = "认定为江苏省生态工业示范园区。设立浙江平湖经济开发区"
        >>> z._honour_title(t, 3, t.index("。")), z._honour_title(t, t.index("浙江"), len(t))
        (True, False)
        """
        after = text[b:b + 8].lstrip("”\"’」』 ")
        if self.title_marks and after.startswith(self.title_marks):
            return True
        before = text[max(0, a - 8):a].rstrip("“\"‘「『 ")
        if not self.honour_verbs or not before.endswith(self.honour_verbs):
            return False
        return bool(self.province_end) and any(
            text[a:a + k] in self.region_forms and text[a + k - 1] == self.province_end
            for k in (3, 4))

    def _add(self, doc: Doc, text: str, a: int, b: int) -> None:
        """Mark the zone ``text[a:b]``.  A zone with an administrative code of its own
        (苏州工业园区) is still read as a zone, except the 新区 that are districts.
        A zone followed by a body ending (``管理委员会``, ``管委会``) is also marked
        with it as an Agency (``浙江平湖经济开发区管理委员会``)."""
        name = _unwrapped(text[a:b])
        source = "override" if name in self.region_forms and not name.endswith("新区") else "pattern"
        add_span(doc, a, b, "DevelopmentZone", self._status(text, b), source)
        body = self.body_re.match(text, b) if self.body_re else None
        if body:
            add_span(doc, a, body.end(), "Agency", source="pattern")

    def _name_forms(self, name: str) -> set[str]:
        """A zone's name and the same name after each complete region written before it
        (``宁波市甬江科创区`` → also ``甬江科创区``): the forms a later bare mention may take.

        >>> z = ZoneFinder(None, "zones")
        >>> z.region_forms = {"宁波市", "宁波"}
        >>> sorted(z._name_forms("宁波市甬江科创区"))
        ['宁波市甬江科创区', '甬江科创区']
        """
        forms = {name}
        for k in range(2, min(len(name) - 3, 13)):
            region = name[:k]
            if region in self.region_forms and (region[-1] in _FULL_REGION_END.replace("州", "")
                                                or region.endswith("自治州")):
                forms.add(name[k:])
        return {f for f in forms if len(_CJK.findall(f)) >= 4}

    def name_at(self, text: str, s: int, e: int, starts: list[int],
                need_anchor: bool = True) -> Optional[tuple[int]]:
        """The start of the zone name whose suffix is ``text[s:e]``, or None; with
        ``need_anchor`` false a weak ending (新区, 科创区…) is accepted without a place."""
        start, clean = self.rules.name_start(text, s, starts)
        if not clean:
            return None
        start += _lead_verb_length(text[start:s])
        start = self._after_previous_zone(text, start, s)
        start = self._after_leading_region(text, start, s)
        start = self.rules.strip_generic(text, start, s, starts)
        start = self._after_former_mark(text, start, s, starts)
        core = text[start:s]
        if not core or self.rules.only_generic(core, self.rules.generic):
            return None
        name = text[start:e]
        ending = _unwrapped(text[s:e])
        if any(w in name and w not in ending for w in self.reject):
            return None
        if need_anchor and self._anchor(ending) and not self._anchored(text, start, s, starts) \
                and not self._partners(core) and not self._bracketed_place(core):
            return None
        if ending in self.after_zone and not self._branch_of_zone(core):
            return None
        if len(core) < 2 or COUNTED.search(core) or core.endswith(("省", "全市")):
            return None
        if core.endswith(self.levels) or len(_CJK.findall(core)) < 2:
            return None
        if self._place_category(_unwrapped(core), ending):
            return None
        return (start,)

    def _place_category(self, core: str, ending: str) -> bool:
        """True when a full city, county or province name alone stands before a generic
        ending (``category_endings`` in ``ontology/patterns/zones.yaml``): ``衢州市开发区``
        (of 衢州市开发区(园区)整合提升) names the category of the city's zones, while
        ``衢州经济技术开发区`` and ``苏州工业园区`` are zones.

        >>> z = ZoneFinder(None, "zones")
        >>> z.region_forms = {"衢州市", "衢州", "龙游县"}
        >>> z._place_category("衢州市", "开发区"), z._place_category("龙游县", "园区")
        (True, True)
        >>> z._place_category("衢州", "开发区"), z._place_category("衢州市", "经济技术开发区")
        (False, False)
        """
        return ending in self.category_endings and core in self.region_forms and core[-1] in "省市县"

    def _province_category(self, text: str, start: int, s: int, starts: Optional[list[int]] = None) -> bool:
        """True when the name before its ending opens with a full province name (X省)
        and no place follows it: ``浙江省农业科技园区`` (of 浙江省农业科技园区建设管理办法)
        names a category of the province's parks, ``浙江省杭州湾上虞经济技术开发区`` a zone.

        >>> z = ZoneFinder(None, "zones")
        >>> z.region_forms = {"浙江省", "杭州"}
        >>> z.rules = NameRules(anchors=z.region_forms)
        >>> t = "浙江省农业科技园区、浙江省杭州湾上虞经济技术开发区"
        >>> z._province_category(t, 0, 5), z._province_category(t, 10, t.index("经济"))
        (True, False)
        """
        for k in (3, 4, 5):
            province = text[start:start + k]
            if province.endswith("省") and province in self.region_forms and start + k < s:
                return not self._anchored(text, start + k, s, starts)
        return False

    def _anchored(self, text: str, start: int, s: int, starts: Optional[list[int]] = None) -> bool:
        """True when the name before its ending ``text[start:s]`` begins at a place: a
        region name or opener, or the stem of a county or county-level city (``邛崃`` of
        邛崃市) standing as a word of its own (with ``starts``, the token starts: 新兴 of
        新兴县 inside the word 新兴产业 is none) and followed by more of the name.

        >>> z = ZoneFinder(None, "zones")
        >>> z.county_stems = county_stems({"孝昌县", "邛崃市", "新兴县"})
        >>> z._anchored("孝昌工业集中区", 0, 2), z._anchored("新兴产业园区", 0, 4, [0, 4]), z._anchored("现代农业", 0, 4)
        (True, False, False)
        """
        if self.rules.starts_with_anchor(text, start, s):
            return True
        return any(text[start:start + k] in self.county_stems and start + k < s + 1
                   and len(_CJK.findall(text[start + k:s + 3])) >= 3
                   and (starts is None or start + k in starts)
                   for k in (4, 3, 2))

    def _after_former_mark(self, text: str, start: int, s: int, starts: Optional[list[int]] = None) -> int:
        """Start after a mark of a former zone (``由原``, ``原``; ``former_marks`` in
        ``ontology/patterns/zones.yaml``) when what follows begins at a place
        (``由原邛崃工业集中发展区`` → ``邛崃工业集中发展区``); ``原平经济开发区`` keeps its 原.

        >>> z = ZoneFinder(None, "zones")
        >>> z.former_marks = ("由原", "原", "由")
        >>> z.county_stems = county_stems({"邛崃市"})
        >>> t = "由原邛崃工业集中发展区"
        >>> t[z._after_former_mark(t, 0, 8):]
        '邛崃工业集中发展区'
        """
        if self._anchored(text, start, s, starts):
            return start
        for mark in self.former_marks:
            if text.startswith(mark, start) and self._anchored(text, start + len(mark), s, starts):
                return start + len(mark)
        return start

    def _after_previous_zone(self, text: str, start: int, s: int) -> int:
        """Start after a zone name and a conjunction inside the candidate
        (``苏州工业园区和锡澳科技创新合作区``: jieba glues ``和锡澳``), or at a
        former mark after a zone name (``广汉高新区由原广汉工业园``)."""
        for m in self.suffix_re.finditer(text, start, s):
            if m.end() < s and text[m.end()] in "和及与":
                start = m.end() + 1
            elif m.end() < s and text.startswith(self.former_marks, m.end()):
                start = m.end()         # 广汉高新区由原广汉工业园: the mark is cut off later
        return start

    def _after_leading_region(self, text: str, start: int, s: int) -> int:
        """Start after a complete region written before the zone's own name
        (``长沙市岳麓区湖南湘江新区``: the zone is 湖南湘江新区, in 长沙市岳麓区).

        The region is a chain of full region names (``长沙市岳麓区``, or a lone
        district or county ``岳麓区``); the cut is made only when what follows
        begins a new proper name at a place (``湖南…``, ``宁波…``, ``中国(…)``).
        ``杭州市西湖区紫金港科技城`` keeps its region: 紫金港 begins no place.

        >>> z = ZoneFinder(None, "zones")
        >>> z.region_forms = {"长沙市", "岳麓区", "湖南", "宁波市", "北仑区", "宁波", "杭州市", "西湖区"}
        >>> z.rules = NameRules(anchors=z.region_forms)
        >>> t = "位于长沙市岳麓区湖南湘江新区。宁波市北仑区宁波经济技术开发区、杭州市西湖区紫金港科技城"
        >>> def zone(name, suffix):
        ...     a = t.index(name); b = a + len(name) - len(suffix)
        ...     return t[z._after_leading_region(t, a, b):b + len(suffix)]
        >>> zone("长沙市岳麓区湖南湘江新区", "新区"), zone("宁波市北仑区宁波经济技术开发区", "经济技术开发区")
        ('湖南湘江新区', '宁波经济技术开发区')
        >>> zone("杭州市西湖区紫金港科技城", "科技城")
        '杭州市西湖区紫金港科技城'
        """
        parts, pos = [], start
        while pos < s:
            end = next((e for e in range(min(s, pos + 12), pos + 1, -1)
                        if text[pos:e] in self.region_forms and text[e - 1] in _FULL_REGION_END), None)
            if end is None:
                break
            parts.append(text[pos:end])
            pos = end
        complete = len(parts) >= 2 or (parts and parts[-1][-1] in "区县旗")
        anchor_re = self.rules.anchor_re
        if complete and pos < s and anchor_re and anchor_re.match(text, pos) \
                and len(_CJK.findall(text[pos:s])) >= 2:
            return pos
        return start

    def _branch_of_zone(self, core: str) -> bool:
        """True when ``core`` is a zone name followed by the branch's place
        (``上海漕河泾新兴技术开发区海宁`` of ``…海宁分区``), not a plain phrase
        (``国土空间`` of ``国土空间分区``).

        >>> z = ZoneFinder(None, "zones")
        >>> z._branch_of_zone("苏州工业园区宿迁"), z._branch_of_zone("国土空间")
        (True, False)
        """
        last = None
        for last in self.suffix_re.finditer(core):
            pass
        return last is not None and len(_CJK.findall(core[last.end():])) >= 2

    def _bracketed_place(self, core: str) -> bool:
        """True when ``core`` holds a place in brackets (``西部(重庆)``,
        ``中国(浙江)``): the bracket anchors the name.

        >>> z = ZoneFinder(None, "zones")
        >>> z.rules = NameRules(anchors=["四川"])
        >>> z._bracketed_place("西部(四川)"), z._bracketed_place("西部(一期)")
        (True, False)
        """
        anchor_re = self.rules.anchor_re
        return bool(anchor_re) and any(anchor_re.fullmatch(m.group(1))
                                       for m in _BRACKETED.finditer(core))

    def _partners(self, core: str) -> bool:
        """True when ``core`` names two partner places (深港, 粤澳, 浙台).

        >>> z = ZoneFinder(None, "zones")
        >>> z._partners("前海深港现代服务业"), z._partners("产城融合")
        (True, False)
        """
        return bool(self.partners and self.partners.search(core))

    def _status(self, text: str, end: int) -> dict:
        """``{"inPreparation": "true"}`` when ``(筹)`` follows the name."""
        if any(text.startswith(mark, end) for mark in self.prep_marks):
            return {"inPreparation": "true"}
        return {}

    def _list_items(self, doc: Doc, text: str) -> None:
        """Zones named by the items of a zone list (see :func:`parse_list_item`)."""
        for it in zone_list_items(text, self.suffix_re, self.list_min_items) + zone_table_items(text):
            if len(it.head) > 40:
                continue
            attrs = {"inPreparation": "true"} if it.head_prep else {}
            add_span(doc, it.head_start, it.head_start + len(it.head), "DevelopmentZone",
                     dict(attrs, list_item="head"), source="list")
            for name, start, prep in it.members:
                if 1 < len(name) <= 40:
                    attrs = {"inPreparation": "true"} if prep else {}
                    add_span(doc, start, start + len(name), "DevelopmentZone",
                             dict(attrs, list_item="member"), source="list")
