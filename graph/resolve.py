"""Entity resolution: one node per real-world thing, with stable IRIs.

Every stage that names an entity goes through here, so that the same text
gives the same key (and IRI) in every document and every process:

- :func:`normalise` and :func:`canonical_name` turn a surface form into the
  canonical name (NFKC, no line-wrap spaces, ``(筹)`` read as a status);
- :func:`split_unit_list` reads a responsibility list (``责任单位:…``) or an
  addressee line into the bodies it names, dropping phrases that name no body;
- :class:`Resolver` maps a name to an :class:`~graph.model.Entity`: agencies
  and regions through the gazetteer (with the document's date for short names
  shared across an institutional reform), everything else by canonical name;
- :meth:`Resolver.bound` gives a resolver for one document, which reads names
  relative to it (``省科技厅``, ``省政府``, ``市发改委``, ``鼓楼区``) in the
  document's province or city (:func:`document_context`).

>>> r = Resolver()
>>> r.resolve("省发展改革委", "Agency").label
'浙江省发展和改革委员会'
>>> r.resolve("杭州市西湖区", "Region").key
'330106'
>>> r.resolve("省委网信办", "Agency", when=date(2017, 5, 1)).label
'中共浙江省委网络安全和信息化领导小组办公室'
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Optional

from graph.gazetteer import HOME_PROVINCE, Agency, Gazetteer, Region, load_gazetteer
from graph.model import Entity
from graph.vocab import mint, mint_for_class

#: Separators between the units of a list (outside brackets).
LIST_SEPARATORS = "、,，;；。"
OPEN, CLOSE = "(〔[【", ")〕]】"
#: Labels that introduce a responsibility list.
LIST_LABEL = re.compile(r"^[(]?(责任单位|牵头单位|配合单位|参与单位|实施单位|主送|抄送)[:]")
#: Characters that end the name of a body (used to tell a co-unit in brackets from a note).
BODY_END = re.compile(r"(厅|局|委|办|部|会|室|院|署|行|处|所|队|组|中心|公司|集团|政府|海关|大学|学院|实验室|联|协|社|团)$")
IN_PREPARATION = re.compile(r"[(〔](筹|筹建)[)〕]")
GOVERNMENT = re.compile(r"^(?P<region>.+?)(?P<gov>人民政府|政府)(?P<office>办公厅|办公室)?$")
#: Name endings that mark a non-government organisation named where a unit is expected.
TYPE_BY_ENDING = (
    (re.compile(r"实验室$"), "Laboratory"),
    (re.compile(r"(大学|学院|研究院|研究所|研究中心|公司|集团|银行|分行|支行|医院|学校)$"), "Institution"),
)


# -- normalisation -------------------------------------------------------------

@lru_cache(maxsize=1 << 16)
def normalise(text: str) -> str:
    """NFKC, no whitespace (except between two Latin letters or digits), no edge punctuation.

    >>> normalise("浙江省 海洋经济\\n发展“十四五”规划")
    '浙江省海洋经济发展“十四五”规划'
    >>> normalise(" 省科技厅（省知识产权局）、")
    '省科技厅(省知识产权局)'
    >>> normalise("Analytic DB")
    'Analytic DB'
    """
    s = unicodedata.normalize("NFKC", text)
    s = re.sub(r"(?<=[A-Za-z0-9])\s+(?=[A-Za-z0-9])", "\x00", s)
    s = re.sub(r"\s+", "", s).replace("\x00", " ")
    return s.strip(LIST_SEPARATORS + ":：")


def split_status(text: str) -> tuple[str, bool]:
    """Remove ``(筹)`` and say whether it was there.

    >>> split_status("杭州钱塘新区(筹)")
    ('杭州钱塘新区', True)
    """
    s, n = IN_PREPARATION.subn("", text)
    return s, n > 0


def _quotes(s: str) -> str:
    """ASCII double quotes → paired Chinese quotes (“…”)."""
    out, opening = [], True
    for ch in s:
        if ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


def canonical_name(text: str, type: str = "") -> str:
    """The canonical name every stage keys an entity by.

    NFKC, no inner spaces from line wrapping, ASCII quotes as “”, outer book-title
    marks 《》 and wrapping quotes removed, ``(筹)`` removed (see :func:`split_status`).
    ``type`` is accepted so that type-specific rules can be added in one place.

    >>> canonical_name("《浙江省海洋经济发展“十四五”规划》", "Program")
    '浙江省海洋经济发展“十四五”规划'
    >>> canonical_name('"自主指令集嵌入式 CPU研发与产业化"', "Achievement")
    '自主指令集嵌入式CPU研发与产业化'
    >>> canonical_name("中国(浙江)自由贸易试验区宁波片区", "DevelopmentZone")
    '中国(浙江)自由贸易试验区宁波片区'
    """
    s = _quotes(normalise(text))
    s, _ = split_status(s)
    while len(s) > 2 and ((s[0], s[-1]) in {("《", "》"), ("“", "”")}) and _balanced(s[1:-1]):
        s = s[1:-1]
    return s


def _balanced(s: str) -> bool:
    """True when quotes and book-title marks in ``s`` pair up."""
    return s.count("“") == s.count("”") and s.count("《") == s.count("》")


# -- lists of units ------------------------------------------------------------

def split_top(text: str, separators: str = LIST_SEPARATORS) -> list[str]:
    """Split at separators outside brackets.

    >>> split_top("省科技厅〔省知识产权局、省质监局〕、省财政厅")
    ['省科技厅〔省知识产权局、省质监局〕', '省财政厅']
    """
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        if ch in separators and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return [p for p in (x.strip() for x in parts) if p]


def _plain_brackets(s: str) -> str:
    return s.replace("〔", "(").replace("〕", ")")


def is_generic(item: str, gazetteer: Gazetteer) -> bool:
    """True when the item names no single body (``各市、县(市、区)政府``, ``省级有关部门``).

    >>> g = load_gazetteer()
    >>> is_generic("各市、县〔市、区〕政府", g), is_generic("省级有关部门", g), is_generic("省财政厅", g)
    (True, True, False)
    """
    plain = _plain_brackets(item)
    return any(p.fullmatch(plain) for p, kind in gazetteer.generic_patterns if kind == "generic")


def strip_trailers(item: str, gazetteer: Gazetteer) -> str:
    """Drop clauses that end a list item (``按职责分工落实``, ``列第一位的为牵头单位``).

    >>> strip_trailers("省级有关部门按职责分工落实", load_gazetteer())
    '省级有关部门'
    """
    plain = _plain_brackets(item)
    for pattern, kind in gazetteer.generic_patterns:
        if kind != "trailer":
            continue
        if pattern.fullmatch(plain):
            return ""
        m = re.search("(?:" + pattern.pattern + ")$", item)
        if m and m.start() > 0:
            item = item[: m.start()]
    return item


def split_bracket_note(item: str) -> list[str]:
    """``省科技厅〔省知识产权局〕`` → the main body and the bracketed co-unit(s).

    Brackets that do not hold a body (``浙台(象山石浦)经贸合作区``) stay in the name.

    >>> split_bracket_note("省科技厅〔省知识产权局〕")
    ['省科技厅', '省知识产权局']
    >>> split_bracket_note("省发展改革委(省能源局、省物价局)")
    ['省发展改革委', '省能源局', '省物价局']
    >>> split_bracket_note("各市、县(市、区)政府")
    ['各市、县(市、区)政府']
    """
    m = re.fullmatch(r"(?P<main>.+?)[(〔](?P<inner>[^()〔〕]+)[)〕]", item)
    if not m or not BODY_END.search(m["main"]):
        return [item]
    inner = split_top(m["inner"])
    if not all(BODY_END.search(x) and len(x) >= 3 for x in inner):
        return [item]
    return [m["main"], *inner]


def _merge_heads(pieces: list[str]) -> list[str]:
    """Join ``各市`` + ``县(市、区)政府`` that a 、 split apart."""
    out: list[str] = []
    for p in pieces:
        if out and re.fullmatch(r"(各|有关|相关|其他)?(设区)?市", out[-1]):
            out[-1] = out[-1] + "、" + p
        else:
            out.append(p)
    return out


def split_unit_list(text: str, gazetteer: Optional[Gazetteer] = None,
                    home: Optional["Context"] = None) -> list[str]:
    """The bodies a responsibility list or addressee line names, in order.

    Bracketed co-units count as bodies; phrases naming no body are dropped;
    ``温州市、绍兴市人民政府`` and ``长汀县、永安市人民政府`` name two governments each;
    a leading ``(分别)由`` is read past.  ``市政府`` names no body in a province's
    list (各市政府) but is the city's own government in a city's document (``home``).

    >>> split_unit_list("省发展改革委、省科技厅〔省知识产权局〕,省委宣传部〔省文明办〕,各市、县〔市、区〕政府")
    ['省发展改革委', '省科技厅', '省知识产权局', '省委宣传部', '省文明办']
    >>> split_unit_list("省政府办公厅会同有关单位")
    ['省政府办公厅']
    >>> split_unit_list("湖州市、台州市、安吉县人民政府:")
    ['湖州市人民政府', '台州市人民政府', '安吉县人民政府']
    >>> split_unit_list("各区人民政府,市政府各委、办、局:")
    []
    >>> split_unit_list("分别由长汀县、永安市、福安市人民政府负责")
    ['长汀县人民政府', '永安市人民政府', '福安市人民政府']
    >>> split_unit_list("省发改委、市政府"), split_unit_list("市政府、市发改委", home=Context("330000", "330100"))
    (['省发改委'], ['市政府', '市发改委'])
    """
    g = gazetteer or load_gazetteer()
    s = LIST_LABEL.sub("", normalise(text))
    s = LEADING_AGENT.sub("", s)
    s = _ENUMERATED_CLASS.sub(lambda m: m.group(0).replace("、", ""), s)
    if s.endswith(")") and s.count("(") < s.count(")"):
        s = s[:-1]
    out: list[str] = []
    after_generic = False
    for piece in _merge_heads(split_top(s.replace("会同", "、"))):
        piece = strip_trailers(LIST_LABEL.sub("", piece), g)
        if not piece:
            continue
        if is_generic(piece, g) and not names_home_government(piece, home, g):
            rest = _after_last_and(piece, g)
            after_generic = rest is None
            if rest:
                out.append(rest)
            continue
        if after_generic and _bare_department(piece, g):
            continue        # 各设区市医疗保障局、卫生健康委员会: the second is generic too
        after_generic = False
        out.extend(x for x in split_bracket_note(piece)
                   if not is_generic(x, g) or names_home_government(x, home, g))
    return list(dict.fromkeys(_distribute_government(out, g)))


#: ``(分别)由`` before the units of a sentence (``分别由长汀县、永安市人民政府负责``).
LEADING_AGENT = re.compile(r"^(分别|均|统一|共同)?由(?=.)")
#: The government of the document's own city or county, written relatively (``市政府``).
HOME_GOVERNMENT = re.compile(r"(?P<level>市|县|区)(人民)?政府(办公厅|办公室)?")


def names_home_government(item: str, home: Optional["Context"], g: Gazetteer) -> bool:
    """True for ``市政府``/``市人民政府办公厅`` (县, 区 alike) in a document of such a city (county).

    >>> g = load_gazetteer()
    >>> names_home_government("市政府", Context("330000", "330100"), g), names_home_government("市政府", None, g)
    (True, False)
    >>> names_home_government("县政府", Context("330000", "330100"), g)
    False
    """
    m = HOME_GOVERNMENT.fullmatch(item)
    return bool(m and home is not None and home_region(m["level"], home, g) is not None)


#: A class of bodies spelt out by kind: ``各委、办、局`` (one generic item, not three bodies).
_ENUMERATED_CLASS = re.compile(r"各[委办厅局](?:、[委办厅局])+")


def _after_last_and(piece: str, g: Gazetteer) -> Optional[str]:
    """``各设区市和杭州市西湖区`` → ``杭州市西湖区`` (a region after a generic head)."""
    head, sep, tail = piece.rpartition("和")
    if sep and head and tail and region_chain(tail, g):
        return tail
    return None


def _bare_department(piece: str, g: Gazetteer) -> bool:
    """A department name with no province/region in front (``卫生健康委员会``);
    the 管委会 of a named zone or area (``平潭综合实验区管委会``) is a body of its own.

    >>> g = load_gazetteer()
    >>> _bare_department("卫生健康委员会", g), _bare_department("平潭综合实验区管委会", g)
    (True, False)
    """
    if g.agencies_by_name(piece) or re.match(r"(省|浙江|中共|国家|国务院|中国)", piece):
        return False
    if ZONE_BODY.fullmatch(piece):
        return False
    return not any(piece.startswith(name) for name in _region_prefixes(piece, g))


def _region_prefixes(piece: str, g: Gazetteer) -> list[str]:
    return [piece[:i] for i in range(2, min(len(piece), 12)) if g.regions_by_name(piece[:i])]


def _distribute_government(items: list[str], g: Gazetteer) -> list[str]:
    """Give bare region names before ``X人民政府`` the same suffix."""
    out = list(items)
    for j, item in enumerate(items):
        m = GOVERNMENT.fullmatch(item)
        if not m or not region_chain(m["region"], g):
            continue
        suffix = item[len(m["region"]):]
        i = j - 1
        while i >= 0 and region_chain(items[i], g) and not g.agencies_by_name(items[i]):
            out[i] = items[i] + suffix
            i -= 1
    return out


#: The managing committee of a zone or area: ``平潭综合实验区管委会``, ``两江新区管理委员会``
#: (the name before it is a proper name, not a class such as 各开发区 or 有关园区).
ZONE_BODY = re.compile(r"(?P<area>(?!各|有关|相关|其他|省级|市级|县级)[^、,，;；()〔〕]{2,24}?)(?P<body>管委会|管理委员会)")


def zone_body_name(name: str) -> Optional[str]:
    """The full name of a zone's or area's managing committee (``…管理委员会``), None for other names.

    >>> zone_body_name("平潭综合实验区管委会"), zone_body_name("济源示范区管理委员会")
    ('平潭综合实验区管理委员会', '济源示范区管理委员会')
    >>> zone_body_name("各开发区管委会") is None, zone_body_name("省科技厅") is None
    (True, True)
    """
    m = ZONE_BODY.fullmatch(name)
    return m["area"] + "管理委员会" if m else None


# -- regions -------------------------------------------------------------------

def region_chain(text: str, g: Gazetteer) -> Optional[list[str]]:
    """Cut a name into known region names, longest first: ``浙江省杭州市西湖区`` → 3 parts.

    >>> region_chain("杭州市西湖区", load_gazetteer())
    ['杭州市', '西湖区']
    >>> region_chain("杭州市发展和改革委员会", load_gazetteer()) is None
    True
    """
    parts, pos = [], 0
    while pos < len(text):
        for end in range(min(len(text), pos + 12), pos + 1, -1):
            if g.regions_by_name(text[pos:end]):
                parts.append(text[pos:end])
                pos = end
                break
        else:
            return None
    return parts or None


def pick_region(parts: list[str], g: Gazetteer, when: Optional[date] = None,
                home: Optional["Context"] = None) -> Optional[Region]:
    """The region the last part names, consistent with the parts before it.

    Between regions of one name, those of the document's ``home`` come first
    (``鼓楼区`` in a 福建 document is 福州's).

    >>> pick_region(["南京市", "鼓楼区"], load_gazetteer()).adcode
    '320106'
    >>> pick_region(["临安"], load_gazetteer(), date(2016, 1, 1)).name
    '临安市'
    >>> pick_region(["鼓楼区"], load_gazetteer(), home=Context("350000")).adcode
    '350102'
    """
    context: Optional[Region] = None
    for part in parts:
        candidates = prefer_home(g.regions_by_name(part), home, g, lambda r: r.adcode)
        if context is not None:
            inside = [r for r in candidates if context.adcode in {a.adcode for a in g.ancestors(r.adcode)}]
            candidates = inside or candidates
        if when is not None:
            candidates = [r for r in candidates if r.valid_on(when)] or candidates
        if not candidates:
            return None
        context = candidates[0]
    return context


# -- the document's home ---------------------------------------------------------

@dataclass(frozen=True)
class Context:
    """Where a document is at home: relative names (``省科技厅``, ``市政府``) are read there.

    ``province`` is a province-level adcode; ``city`` (prefecture level) and
    ``county`` are set for the documents of a city or county.  The default
    context is Zhejiang's provincial government, the home of the corpus.

    >>> Context().is_default, Context("440000").is_default, Context("330000", "331000").adcodes()
    (True, False, ('331000', '330000'))
    """

    province: str = HOME_PROVINCE
    city: Optional[str] = None
    county: Optional[str] = None

    @property
    def is_default(self) -> bool:
        """True for Zhejiang's provincial context (resolution as without a document)."""
        return self == DEFAULT_CONTEXT

    def adcodes(self) -> tuple[str, ...]:
        """The regions of the context, innermost first."""
        return tuple(c for c in (self.county, self.city, self.province) if c)


DEFAULT_CONTEXT = Context()


def context_of_region(region: Region, g: Gazetteer) -> Context:
    """The context of a document issued in ``region``.

    >>> g = load_gazetteer()
    >>> context_of_region(g.regions["321322"], g)
    Context(province='320000', city='321300', county='321322')
    >>> context_of_region(g.regions["310000"], g)
    Context(province='310000', city=None, county=None)
    """
    by_level = {r.level: r.adcode for r in [region, *g.ancestors(region.adcode)]}
    return Context(by_level.get("province", HOME_PROVINCE), by_level.get("prefecture"),
                   by_level.get("county"))


def leading_region(name: str, g: Gazetteer, home: Optional[Context] = None) -> Optional[Region]:
    """The region a body's name starts with (``宿迁市人民政府`` → 宿迁市), if any.

    >>> leading_region("中共江苏省委办公厅", load_gazetteer()).name
    '江苏省'
    >>> leading_region("国务院办公厅", load_gazetteer()) is None
    True
    """
    name = re.sub(r"^(中共|中国共产党)", "", name)
    for end in range(min(len(name), 14), 1, -1):
        parts = region_chain(name[:end], g)
        if parts:
            return pick_region(parts, g, None, home)
    return None


def common_region(regions: list[Region], g: Gazetteer) -> Optional[Region]:
    """The innermost region that contains all of ``regions`` (None if they span provinces).

    >>> g = load_gazetteer()
    >>> common_region([g.regions["321300"], g.regions["321322"]], g).name
    '宿迁市'
    >>> common_region([g.regions["310000"], g.regions["320000"]], g) is None
    True
    """
    if not regions:
        return None
    chain = [regions[0], *g.ancestors(regions[0].adcode)]
    for other in regions[1:]:
        codes = {other.adcode} | {a.adcode for a in g.ancestors(other.adcode)}
        chain = [r for r in chain if r.adcode in codes]
    return chain[0] if chain else None


def title_region(title: str, g: Gazetteer) -> Optional[Region]:
    """The first province or prefecture-level city named in full in a title.

    >>> title_region("关于印发江苏省数字经济加速行动实施方案的通知", load_gazetteer()).name
    '江苏省'
    """
    for i in range(len(title)):
        for end in range(min(len(title), i + 9), i + 2, -1):
            found = [r for r in g.regions_by_name(title[i:end])
                     if r.name == title[i:end] and r.level in ("province", "prefecture")]
            if found:
                return found[0]
    return None


def document_context(document, g: Gazetteer) -> Context:
    """Where a document is at home, read from its issuers, its number, then its title.

    The issuers win when they name a region (``广东省人民政府办公厅`` → 广东; several
    issuers → the region they share); else the number's prefix
    (``ontology/document_prefixes.tsv``: 苏政复 → 江苏, 杭政办 → 杭州); else the
    first province or city named in full in the title; else Zhejiang.

    >>> from graph.model import Document
    >>> g = load_gazetteer()
    >>> document_context(Document("粤府办〔2021〕31号", "", "", number="粤府办〔2021〕31号"), g).province
    '440000'
    >>> document_context(Document("k", "台州市人民政府关于…", "", issuers=["台州市人民政府"]), g).city
    '331000'
    >>> document_context(Document("k", "关于…的通知", ""), g) == DEFAULT_CONTEXT
    True
    """
    hint = g.region_of_number(getattr(document, "number", None))
    home = context_of_region(hint, g) if hint is not None else None
    named = [leading_region(i, g, home) for i in getattr(document, "issuers", None) or []]
    region = common_region([r for r in named if r is not None], g)
    region = region or hint or title_region(getattr(document, "title", "") or "", g)
    return context_of_region(region, g) if region is not None else DEFAULT_CONTEXT


def prefer_home(items: list, home: Optional[Context], g: Gazetteer, code_of) -> list:
    """``items`` re-ordered (stably) so that those in the home's innermost region come first,
    then those elsewhere in its province; unchanged in the default context.

    ``code_of(item)`` is the adcode of an item's region (None for central bodies).
    """
    if home is None or home.is_default or len(items) < 2:
        return list(items)
    homes = home.adcodes()

    def rank(item) -> int:
        code = code_of(item)
        if not code or code not in g.regions:
            return len(homes)
        chain = {code} | {a.adcode for a in g.ancestors(code)}
        return next((i for i, h in enumerate(homes) if h in chain), len(homes))

    return sorted(items, key=rank)


#: A name relative to the document's region: ``省科技厅``, ``省委宣传部``, ``市政府``, ``区财政局``.
#: What follows the level must not make it a word of its own (省级, 市场, 省内, 市县, 省属, 省有关部门 …).
RELATIVE = re.compile(r"^(?P<level>自治区|省|市|县|区)(?!级|场|内|外(?!办|侨|事)|域|县|区|市(?!场)|和|与|及|属|部|各|有关|相关|、)(?P<rest>.+)$")
#: Kinds of Zhejiang bodies whose counterpart in another province is named alike
#: (浙江省教育厅 → 广东省教育厅; enterprises are not).
ANALOGUE_KINDS = frozenset({"government", "general-office", "department", "special", "affiliated",
                            "managed", "office", "party", "legislature", "judiciary",
                            "central-branch", "mass-organisation", "institution"})


def home_region(level: str, home: Context, g: Gazetteer) -> Optional[Region]:
    """The region that ``省``/``自治区``/``市``/``县``/``区`` means in a document at ``home``.

    None where the gazetteer's own reading applies (``省`` in Zhejiang) or the
    home has no such region.

    >>> g = load_gazetteer()
    >>> home_region("省", Context("440000"), g).name, home_region("市", Context("310000"), g).name
    ('广东省', '上海市')
    >>> home_region("市", Context("320000", "321300", "321322"), g).name
    '宿迁市'
    >>> home_region("省", Context("330000", "331000"), g) is None
    True
    """
    if level in ("省", "自治区"):
        region = g.regions.get(home.province)
        if home.province == HOME_PROVINCE or region is None or not region.name.endswith(level):
            return None
        return region
    for code in home.adcodes():
        region = g.regions.get(code)
        if region is not None and region.name.endswith(level) and (level == "市" or code == home.county):
            return region
    return None


def relative_forms(name: str, home: Context, g: Gazetteer) -> Optional[tuple[Region, list[str]]]:
    """The home region a relative name points to and its absolute spellings, best first.

    >>> g = load_gazetteer()
    >>> r, forms = relative_forms("省委宣传部", Context("440000"), g)
    >>> r.name, forms
    ('广东省', ['中共广东省委宣传部', '广东省委宣传部'])
    >>> relative_forms("市场监管总局", Context("330000", "331000"), g) is None
    True
    """
    m = RELATIVE.match(name)
    if not m or home.is_default or not BODY_END.search(m["rest"]):
        return None
    region = home_region(m["level"], home, g)
    if region is None:
        return None
    return region, body_forms(region, m["rest"])


def body_forms(region: Region, rest: str) -> list[str]:
    """The full names a body of ``region`` written ``省``/``市`` + ``rest`` may go by:
    a party committee's body (``委…``) first under its ``中共`` name.

    >>> from graph.gazetteer import load_gazetteer
    >>> body_forms(load_gazetteer().regions["440000"], "委宣传部")
    ['中共广东省委宣传部', '广东省委宣传部']
    """
    forms = [region.name + rest]
    if rest.startswith("委"):
        forms.insert(0, "中共" + region.name + rest)
    return forms


#: Names that already say whose body they are (a level word, a party, state or central prefix),
#: or that name a government rather than a department.
NOT_BARE = re.compile(r"^(省|市|县|区|自治区|中共|中国|国家|国务院|全国|中央|中华人民共和国|人民政府|政府)")


def is_bare_department(name: str, g: Gazetteer) -> bool:
    """True for a body's name written without any region or level (``发展改革委``,
    ``经济和信息化厅``): documents write their own province's departments so in lists.

    >>> g = load_gazetteer()
    >>> is_bare_department("发展改革委", g), is_bare_department("省发展改革委", g)
    (True, False)
    >>> is_bare_department("四川银保监局", g), is_bare_department("有关部门", g), is_bare_department("政府", g)
    (False, False, False)
    """
    if len(name) < 3 or NOT_BARE.match(name) or not BODY_END.search(name):
        return False
    if is_generic(name, g) or leading_region(name, g) is not None:
        return False
    return not _region_prefixes(name, g)


def home_levels(home: Context, g: Gazetteer) -> list[str]:
    """The level words (``县``/``区``, ``市``, ``省``/``自治区``) that point to the home's
    regions, innermost first; a bare department name is tried with each.

    >>> g = load_gazetteer()
    >>> home_levels(Context("510000"), g), home_levels(Context("330000", "330100"), g)
    (['省'], ['市', '省'])
    >>> home_levels(Context("310000"), g), home_levels(Context("450000"), g)
    (['市'], ['自治区'])
    """
    out = []
    for code in home.adcodes():
        region = g.regions.get(code)
        if region is None:
            continue
        level = next((w for w in ("自治区", "省", "市", "县", "区") if region.name.endswith(w)), None)
        if level and level not in out:
            out.append(level)
    return out


def home_province_forms(name: str, home: Context, g: Gazetteer) -> Optional[tuple[Region, list[str]]]:
    """The full spelling of ``省X``/``省委X`` in a Zhejiang document, for a body the gazetteer
    does not hold (it is keyed by its full name, like another province's).

    >>> r, forms = home_province_forms("省数字经济发展领导小组办公室", DEFAULT_CONTEXT, load_gazetteer())
    >>> r.name, forms
    ('浙江省', ['浙江省数字经济发展领导小组办公室'])
    >>> home_province_forms("省委人才工作领导小组办公室", DEFAULT_CONTEXT, load_gazetteer())[1]
    ['中共浙江省委人才工作领导小组办公室', '浙江省委人才工作领导小组办公室']
    >>> home_province_forms("省级有关部门", DEFAULT_CONTEXT, load_gazetteer()) is None
    True
    """
    m = RELATIVE.match(name)
    region = g.regions.get(home.province)
    if not m or m["level"] != "省" or region is None or not region.in_home_province \
            or not BODY_END.search(m["rest"]):
        return None
    return region, body_forms(region, m["rest"])


def bare_province_forms(name: str, home: Context, g: Gazetteer) -> Optional[tuple[Region, list[str]]]:
    """The full name of a province's department written bare (``工业和信息化厅`` in a 湖南
    document: 湖南省工业和信息化厅) when the gazetteer does not hold it; only ``…厅``,
    the ending no city or county body has.

    >>> r, forms = bare_province_forms("工业和信息化厅", Context("430000"), load_gazetteer())
    >>> r.name, forms
    ('湖南省', ['湖南省工业和信息化厅'])
    >>> bare_province_forms("管委会", Context("430000"), load_gazetteer()) is None
    True
    """
    region = g.regions.get(home.province)
    if region is None or not name.endswith("厅") or not is_bare_department(name, g):
        return None
    return region, [region.name + name]


def other_province_prefix(name: str, g: Gazetteer) -> Optional[tuple[Region, str]]:
    """A province other than Zhejiang that a body's name starts with, and the rest of the name.

    >>> p, rest = other_province_prefix("中共江苏省委宣传部", load_gazetteer())
    >>> p.name, rest
    ('江苏省', '委宣传部')
    >>> other_province_prefix("江苏省南京市教育局", load_gazetteer()) is None
    True
    """
    stripped = re.sub(r"^(中共|中国共产党)", "", name)
    for end in range(min(len(stripped) - 1, 9), 1, -1):
        provinces = [r for r in g.regions_by_name(stripped[:end])
                     if r.level == "province" and not r.in_home_province]
        if provinces:
            rest = stripped[end:]
            local = re.match(r"^.{1,7}?[市县区州盟]", rest)
            if not RELATIVE.match("省" + rest) or (local and region_chain(local.group(0), g)):
                return None             # 江苏省南京市教育局 is a city's body
            return provinces[0], rest
    return None


def transplant(key: str, province: Region) -> Optional[str]:
    """A Zhejiang body's name moved to another province (None when it names no province).

    Party bodies of an autonomous region spell out 委员会 (中共广西壮族自治区委员会宣传部).

    >>> g = load_gazetteer()
    >>> transplant("中共浙江省委宣传部", g.regions["440000"]), transplant("国家税务总局浙江省税务局", g.regions["320000"])
    ('中共广东省委宣传部', '国家税务总局江苏省税务局')
    >>> transplant("中国银行保险监督管理委员会浙江监管局", g.regions["440000"])
    '中国银行保险监督管理委员会广东监管局'
    """
    if "浙江省委" in key and province.name.endswith("自治区"):
        return key.replace("浙江省委", province.name + "委员会", 1)
    if "浙江省" in key:
        return key.replace("浙江省", province.name, 1)
    if "浙江" in key and province.short_names:
        return key.replace("浙江", province.short_names[0], 1)
    return None


# -- the resolver ----------------------------------------------------------------

class Resolver:
    """Map names to entities: ``resolve(text, type, when)`` → :class:`Entity`.

    The result depends only on the arguments and the gazetteer, so separate
    processes agree on IRIs.  ``unknown`` counts agency names that the gazetteer
    does not know (each still becomes one node, keyed by its canonical name);
    ``unknown_regions`` likewise for region names.

    Names relative to a document (``省科技厅`` in a 广东 document) are read
    through :meth:`bound`; without a document they are read in Zhejiang.
    """

    #: How many resolved names :meth:`resolve` remembers before starting afresh.
    MEMO_SIZE = 1 << 16

    def __init__(self, gazetteer: Optional[Gazetteer] = None):
        self.gazetteer = gazetteer or load_gazetteer()
        self.unknown: Counter[str] = Counter()
        self.unknown_regions: Counter[str] = Counter()
        self._memo: dict[tuple, tuple[Entity, Counter, Counter]] = {}
        self._generic_memo: dict[tuple, bool] = {}

    def bound(self, document) -> "BoundResolver":
        """A resolver for one document: relative names are read in the document's
        province or city (see :func:`document_context`), ``when`` defaults to its date.

        >>> from graph.model import Document
        >>> d = Document("粤府办〔2021〕31号", "", "", number="粤府办〔2021〕31号")
        >>> Resolver().bound(d).resolve("省科技厅", "Agency").label
        '广东省科学技术厅'
        """
        return BoundResolver(self, document_context(document, self.gazetteer),
                             getattr(document, "date", None))

    def split_unit_list(self, text: str, context: Optional[Context] = None) -> list[str]:
        """See :func:`split_unit_list` (``context``: the document's home)."""
        return split_unit_list(text, self.gazetteer, context)

    def is_generic(self, name: str, context: Optional[Context] = None) -> bool:
        """True when a list item names no single body (``山区26县政府``, ``各县(市、区)政府``;
        ``市政府`` except in a city's document). See :func:`is_generic`."""
        key = (name, context)
        found = self._generic_memo.get(key)
        if found is None:
            plain = normalise(name)
            found = is_generic(plain, self.gazetteer) and not names_home_government(plain, context, self.gazetteer)
            if len(self._generic_memo) >= self.MEMO_SIZE:
                self._generic_memo.clear()
            self._generic_memo[key] = found
        return found

    def resolve(self, text: str, type: str, when: Optional[date] = None,
                context: Optional[Context] = None) -> Entity:
        """Resolve one mention.

        ``type`` is a contract class (``Agency``, ``Region``, ``Laboratory``…).
        A government named where a region is expected (``杭州市政府``) is an
        Agency; a bare region named where a body is expected is a Region.
        ``context`` is the document's home (default: Zhejiang's province).

        >>> r = Resolver()
        >>> e = r.resolve("杭州市政府", "Region")
        >>> e.type, e.label
        ('Agency', '杭州市人民政府')
        >>> r.resolve("省经信委", "Agency").iri
        'https://w3id.org/govkg/id/agency/浙江省经济和信息化委员会'
        >>> r.resolve("省政府", "Agency", context=Context("320000")).label
        '江苏省人民政府'
        """
        home = context or DEFAULT_CONTEXT
        key = (text, type, when, home)
        memo = self._memo.get(key)
        if memo is None:
            memo = self._resolve_counted(text, type, when, home)
            if len(self._memo) >= self.MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = memo
        entity, unknown, unknown_regions = memo
        if unknown:
            self.unknown.update(unknown)
        if unknown_regions:
            self.unknown_regions.update(unknown_regions)
        return _copy_entity(entity)

    def _resolve_counted(self, text: str, type: str, when: Optional[date],
                         home: Context) -> tuple[Entity, Counter, Counter]:
        """:meth:`_resolve` with the unknown names it counted: ``(entity, unknown,
        unknown_regions)``, so that a remembered answer counts them again."""
        unknown, unknown_regions = self.unknown, self.unknown_regions
        self.unknown, self.unknown_regions = Counter(), Counter()
        try:
            entity = self._resolve(text, type, when, home)
            return entity, self.unknown, self.unknown_regions
        finally:
            self.unknown, self.unknown_regions = unknown, unknown_regions

    def _resolve(self, text: str, type: str, when: Optional[date], home: Context) -> Entity:
        """The work of :meth:`resolve` (which remembers its answers)."""
        _, in_prep = split_status(normalise(text))
        name = canonical_name(text, type)
        known = self._known_institution(normalise(text), name) if type == "Institution" else None
        if known is not None:
            entity = known
        elif type in ("Agency", "Region", "Institution"):
            entity = self._gazetteer_entity(name, type, when, home)
        elif type == "DevelopmentZone":
            entity = self._zone_entity(name)
        else:
            entity = None
        if entity is None:
            entity = self._by_name(name, type)
        if in_prep:
            entity.attrs["inPreparation"] = "true"
        surface = normalise(text)
        for alt in {surface, name} - {entity.label}:
            if alt:
                entity.alt_labels.add(alt)
        return entity

    # -- gazetteer lookups
    def _gazetteer_entity(self, name: str, type: str, when: Optional[date],
                          home: Context = DEFAULT_CONTEXT) -> Optional[Entity]:
        g = self.gazetteer
        agency = self.find_agency(name, when, home, bare=type == "Agency")
        if agency is not None:
            return self._agency_entity(agency)
        relative = relative_forms(name, home, g) or home_province_forms(name, home, g)
        if relative is None and type == "Agency":
            relative = bare_province_forms(name, home, g)
        if relative is not None:     # 省政务服务数据管理局 in a 广东 document: 广东省政务服务数据管理局
            name = relative[1][0]
        parts = region_chain(name, g)
        if parts:
            region = pick_region(parts, g, when, home)
            if region is not None:
                return region_entity(region)
        if type == "Region":
            if not GOVERNMENT.fullmatch(name):
                self.unknown_regions[name] += 1
                return Entity(mint("region", name), "Region", name, name, attrs={"unknown": "true"})
        if type == "Institution":
            return None if relative is None else self._by_name(name, type)
        main = split_bracket_note(name)[0]
        if main != name:
            found = self.find_agency(main, when, home)
            if found is not None:
                return self._agency_entity(found)
        guessed = guess_type(name)
        if guessed != "Agency":
            return None if type != "Agency" and relative is None else self._by_name(name, guessed)
        full = zone_body_name(name)
        if full is not None and full != name:    # 平潭综合实验区管委会: 平潭综合实验区管理委员会
            found = self.find_agency(full, when, home, bare=False)
            if found is not None:
                return self._agency_entity(found)
            name = full
        self.unknown[name] += 1
        return Entity(mint("agency", name), "Agency", name, name, attrs={"unknown": "true"})

    def _zone_entity(self, name: str) -> Optional[Entity]:
        """The entity of a known zone named by its official name or an alias
        (``zones.tsv``): one node, labelled with the official name.

        >>> r = Resolver()
        >>> r.resolve("宁波石化经开区", "DevelopmentZone").label
        '宁波石化经济技术开发区'
        >>> r.resolve("杭州高新区", "DevelopmentZone").iri == r.resolve("滨江高新区", "DevelopmentZone").iri
        True
        """
        zone = self.gazetteer.zone_by_name(name)
        if zone is None:
            return None
        return self._by_name(zone.name, "DevelopmentZone")

    def _known_institution(self, *names: str) -> Optional[Entity]:
        """The entity of a known institution named by its official name or an alias
        (``institutions.tsv``): one node, labelled with the official name.

        >>> r = Resolver()
        >>> r.resolve("中石化", "Institution").label
        '中国石油化工集团有限公司'
        >>> r.resolve("浙大", "Institution").iri == r.resolve("浙江大学", "Institution").iri
        True
        """
        for name in names:
            known = self.gazetteer.institution_by_name(name)
            if known is not None:
                return self._by_name(known.name, "Institution")
        return None

    def _agency_entity(self, agency: Agency) -> Entity:
        """The entity of a body; one the gazetteer does not hold (``江苏省科学技术厅``
        read from ``江苏省科技厅``) is reported as unknown under its full name."""
        entity = agency_entity(agency)
        if agency.key not in self.gazetteer.agencies:
            self.unknown[agency.key] += 1
            entity.attrs["unknown"] = "true"
        return entity

    def find_agency(self, name: str, when: Optional[date] = None,
                    context: Optional[Context] = None, bare: bool = True) -> Optional[Agency]:
        """The body a name denotes on ``when`` in a document at home in ``context``
        (None when unknown).

        A department written without any region (``财政厅``, ``发展改革委``) is the
        home's own (``bare=False`` turns that reading off).

        >>> r = Resolver()
        >>> r.find_agency("省海洋局", date(2017, 1, 1)).key
        '浙江省海洋与渔业局'
        >>> r.find_agency("省海洋局", date(2021, 1, 1)).key
        '浙江省自然资源厅'
        >>> r.find_agency("景宁县政府").key
        '景宁畲族自治县人民政府'
        >>> r.find_agency("杭州发改委").key
        '杭州市发展和改革委员会'
        >>> r.find_agency("省教育厅", context=Context("320000")).key
        '江苏省教育厅'
        >>> r.find_agency("地方金融监管局", context=Context("510000")).key
        '四川省地方金融监督管理局'
        """
        home = context or DEFAULT_CONTEXT
        relative = relative_forms(name, home, self.gazetteer)
        if relative is None:
            found = self._find_absolute(name, when, home)
            if found is None and bare and is_bare_department(name, self.gazetteer):
                found = self._find_bare(name, when, home)
            return found
        for form in relative[1]:
            found = self._find_absolute(form, when, home)
            if found is not None:
                return found
        return None

    def _find_bare(self, name: str, when: Optional[date], home: Context) -> Optional[Agency]:
        """A department named without its region (``发展改革委`` in a 四川 document's list)
        read as the home's own: ``市`` + name in a city's document, then ``省`` + name.

        >>> r = Resolver()
        >>> r._find_bare("发展改革委", None, Context("510000")).key
        '四川省发展和改革委员会'
        >>> r._find_bare("财政局", None, Context("330000", "330100")).key
        '杭州市财政局'
        """
        for level in home_levels(home, self.gazetteer):
            if name.endswith("厅") and level in ("市", "县", "区"):
                continue            # 厅 are a province's departments
            found = self.find_agency(level + name, when, home, bare=False)
            if found is not None:
                return found
        return None

    def _find_absolute(self, name: str, when: Optional[date], home: Context) -> Optional[Agency]:
        """A name read as written (no relative level), regions of ``home`` first."""
        g = self.gazetteer
        candidates = prefer_home(g.agencies_by_name(name), home, g, lambda a: a.region_adcode)
        if candidates:
            return pick_by_date(candidates, when)
        m = GOVERNMENT.fullmatch(name)
        if m:
            parts = region_chain(m["region"], g)
            region = pick_region(parts, g, when, home) if parts else None
            gov = g.government_of(region.adcode) if region else None
            if gov is not None and m["office"]:
                office = g.agencies_by_name(gov.key + m["office"])
                return office[0] if office else None
            if gov is not None:
                return gov
        return find_by_region_prefix(name, g, when, home) or self._analogue(name, when)

    def _analogue(self, name: str, when: Optional[date]) -> Optional[Agency]:
        """Another province's counterpart of a Zhejiang body, read from its name.

        ``江苏省委网信办`` (also ``省委网信办`` in a 江苏 document) is named like
        Zhejiang's ``省委网信办``: 中共江苏省委网络安全和信息化委员会办公室.
        None unless the name starts with another province.

        >>> r = Resolver()
        >>> r._analogue("江苏省委宣传部", None).key, r._analogue("中共广东省委宣传部", None).key
        ('中共江苏省委宣传部', '中共广东省委宣传部')
        >>> r._analogue("广东省税务局", None).key
        '国家税务总局广东省税务局'
        """
        found = other_province_prefix(name, self.gazetteer)
        if found is None:
            return None
        province, rest = found
        if not BODY_END.search(rest):
            return None
        zj = self._find_absolute("省" + rest, when, DEFAULT_CONTEXT)
        if zj is None or zj.region_adcode != HOME_PROVINCE or zj.kind not in ANALOGUE_KINDS:
            return None
        key = transplant(zj.key, province)
        if key is None:
            return None
        return self.gazetteer.agencies.get(key) or Agency(key, key, (), zj.kind, province.adcode)

    def _by_name(self, name: str, type: str) -> Entity:
        return Entity(mint_for_class(type, name), type, name, name)


class BoundResolver:
    """A :class:`Resolver` bound to one document (``Resolver.bound(document)``).

    Same ``resolve(text, type, when=None)`` and ``find_agency`` as the resolver,
    read in the document's :class:`Context`; ``when`` defaults to the document's
    date.  ``unknown`` is the parent's counter, so a build's report sees every
    document's unknown names.
    """

    def __init__(self, parent: Resolver, context: Context, when: Optional[date] = None):
        self.parent = parent
        self.context = context
        self.when = when

    @property
    def gazetteer(self) -> Gazetteer:
        return self.parent.gazetteer

    @property
    def unknown(self) -> Counter:
        return self.parent.unknown

    @property
    def unknown_regions(self) -> Counter:
        return self.parent.unknown_regions

    def split_unit_list(self, text: str) -> list[str]:
        """See :func:`split_unit_list`; ``市政府`` in a city's document is its government."""
        return self.parent.split_unit_list(text, self.context)

    def is_generic(self, name: str) -> bool:
        """See :meth:`Resolver.is_generic`, read in the document's home."""
        return self.parent.is_generic(name, self.context)

    def resolve(self, text: str, type: str, when: Optional[date] = None) -> Entity:
        """Resolve one mention of the document (see :meth:`Resolver.resolve`)."""
        return self.parent.resolve(text, type, when or self.when, self.context)

    def find_agency(self, name: str, when: Optional[date] = None) -> Optional[Agency]:
        """See :meth:`Resolver.find_agency`."""
        return self.parent.find_agency(name, when or self.when, self.context)


def region_prefix_forms(region: Region, g: Gazetteer) -> list[str]:
    """The ways a body's name may start with a region (``省``/``浙江省`` for Zhejiang).

    >>> g = load_gazetteer()
    >>> region_prefix_forms(g.regions["330106"], g)
    ['杭州市西湖区', '西湖区']
    >>> region_prefix_forms(g.regions["330000"], g)
    ['浙江省', '省']
    """
    gov = g.government_of(region.adcode)
    official = gov.key[: -len("人民政府")] if gov is not None and gov.key.endswith("人民政府") else region.name
    forms = [official, region.name]
    if region.level == "province" and region.in_home_province:
        forms.append("省")
    return list(dict.fromkeys(forms))


def find_by_region_prefix(name: str, g: Gazetteer, when: Optional[date] = None,
                          home: Optional[Context] = None) -> Optional[Agency]:
    """A body whose name starts with a region written another way, or with a short form
    the gazetteer does not list.

    ``杭州发改委`` is ``杭州市发改委``; ``浙江发改委`` is ``省发改委``; ``浙江省杭州市发改委``
    drops the province.  A name ending in a reversible short form (``江苏省发改委``)
    is read with the long form: the gazetteer's body when it knows it, else a
    body of that name (``江苏省发展和改革委员会``) outside the gazetteer.

    >>> g = load_gazetteer()
    >>> find_by_region_prefix("浙江发改委", g).key
    '浙江省发展和改革委员会'
    >>> find_by_region_prefix("江苏省科技厅", g).key
    '江苏省科学技术厅'
    >>> find_by_region_prefix("江苏省教育厅", g) is None
    True
    """
    for end in range(min(len(name) - 2, 14), 1, -1):
        parts = region_chain(name[:end], g)
        region = pick_region(parts, g, when, home) if parts else None
        if region is None:
            continue
        rest = name[end:]
        forms = region_prefix_forms(region, g)
        for tail in [rest, *g.expand_short_form(rest)]:
            for prefix in forms:
                found = prefer_home(g.agencies_by_name(prefix + tail), home, g, lambda a: a.region_adcode)
                if found:
                    return pick_by_date(found, when)
        expanded = g.expand_short_form(rest)
        if expanded:
            key = forms[0] + expanded[0]
            return Agency(key, key, (), "department", region.adcode)
        return None
    return None


def pick_by_date(candidates: list[Agency], when: Optional[date]) -> Agency:
    """The candidate in force on ``when``; else the one whose validity is nearest.

    Without a date the body in force today wins (candidates come sorted that way).
    """
    if when is None:
        return candidates[0]

    def distance(a: Agency) -> int:
        if a.valid_on(when):
            return 0
        if a.valid_from and when < a.valid_from:
            return (a.valid_from - when).days
        return (when - a.valid_to).days if a.valid_to else 0

    return min(candidates, key=lambda a: (distance(a), candidates.index(a)))


def guess_type(name: str) -> str:
    """Contract class of an organisation name that no gazetteer knows.

    >>> guess_type("之江实验室"), guess_type("西湖大学"), guess_type("杭州市经信局")
    ('Laboratory', 'Institution', 'Agency')
    """
    for pattern, cls in TYPE_BY_ENDING:
        if pattern.search(name):
            return cls
    return "Agency"


def _copy_entity(e: Entity) -> Entity:
    """A copy of ``e`` whose labels and attributes can change without changing ``e``."""
    return Entity(e.iri, e.type, e.label, e.key, set(e.alt_labels), dict(e.attrs))


def agency_entity(a: Agency) -> Entity:
    """The entity of a gazetteer body."""
    return Entity(a.iri, a.type, a.name, a.key, attrs={"kind": a.kind})


def region_entity(r: Region) -> Entity:
    """The entity of a region (key = adcode)."""
    return Entity(mint("region", r.adcode), "Region", r.name, r.adcode,
                  attrs={"adcode": r.adcode, "adminLevel": r.level})
