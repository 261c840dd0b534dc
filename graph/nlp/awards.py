"""``govkg_awards``: awards, honours, incentives, persons and achievements.

Names here are not in any list, so they are read from the sentences that
confer them (patterns in ``ontology/patterns/awards.yaml``):

- prize decisions: ``授予潘云鹤院士浙江科技大奖;授予“X”等11项成果浙江省自然科学奖一等奖``
  — an Award per (year, category, grade), the recipients (Person, team,
  Institution, Achievement with its count);
- naming notices: ``命名嘉兴市和…温岭市为第五批省级生态文明建设示范市、县(市、区)``,
  ``认定海盐县等5个单位为省公共文化服务体系示范区`` — an honour and its regions;
- assessment notices: ``嘉兴市、衢州市为2017年度粮食安全市长责任制考核优秀单位``;
- incentive notices (督查激励): every numbered item is an Award, the regions
  listed under it its recipients, ``(X组织实施)`` its responsible units;
- rosters: ``团长:成岳冲(副省长)`` — officials as Persons.

The readers are plain functions over text (:func:`read_grants`,
:func:`incentive_items`, :func:`roster_persons`); the spaCy component only
turns their Award/Person/Achievement mentions into spans, and
``graph.extract.awards`` turns the same readings into facts.

>>> [g.award.attrs["label"] for g in read_grants("2020年度浙江省科学技术奖励的决定\\n授予潘云鹤院士浙江科技大奖。")]
['2020年度浙江科技大奖']
"""

from __future__ import annotations

import re
from itertools import combinations
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc

from graph.nlp.common import add_span, closed_runs, literal_regex, load_patterns, matching_open
from graph.nlp.tokenizer import text_of

#: Classes this component marks.
LABELS = ("Award", "Person", "Achievement")


@dataclass(frozen=True)
class Found:
    """A name found in the text: characters ``[start, end)``, class, readings.

    ``attrs["label"]`` is the canonical name when it differs from the surface
    (``2020年度浙江省自然科学奖一等奖`` for the surface ``浙江省自然科学奖一等奖``,
    ``潘云鹤`` for ``潘云鹤院士``).
    """

    start: int
    end: int
    label: str
    attrs: dict = field(default_factory=dict, hash=False, compare=False)

    def name(self, text: str) -> str:
        """The canonical name (the label attribute, else the surface)."""
        return self.attrs.get("label") or text[self.start:self.end]


@dataclass
class Grant:
    """One conferral: an award (or several) and who received it.

    ``kind`` is ``prize``, ``honour``, ``rating`` or ``incentive``; recipients
    are Found names of class Person, Achievement, Institution or Region.
    """

    award: Found
    recipients: list[Found]
    kind: str
    groups: list[list[Found]] = field(default_factory=list)


@dataclass
class IncentiveItem:
    """One numbered item of an incentive notice (督查激励)."""

    start: int
    end: int
    award: Found
    regions: list[Found]
    heading: str


#: The longest list of recipients before ``为…考核优秀`` (characters).
_RATING_REACH = 400


@dataclass(frozen=True)
class AwardPatterns:
    """The compiled contents of ``awards.yaml``."""

    opener: re.Pattern
    grade: re.Pattern
    modifier: re.Pattern
    person_title: re.Pattern
    person_note: re.Pattern
    team_suffix: str
    institution: re.Pattern
    achievement: re.Pattern
    naming_verbs: str
    honour_heads: str
    rating: re.Pattern
    incentive_markers: tuple[str, ...]
    incentive_category: str
    roster_marker: re.Pattern
    roster_line: re.Pattern
    roster_post: re.Pattern
    person_count: Optional[re.Pattern] = None
    person_name: re.Pattern = re.compile(r"[\u4e00-\u9fff·]{2,4}")
    agency: Optional[re.Pattern] = None
    rating_list: Optional[re.Pattern] = None
    rating_subject: Optional[re.Pattern] = None
    appointments: tuple[re.Pattern, ...] = ()
    honour_list_heading: Optional[re.Pattern] = None
    person_line_note: Optional[re.Pattern] = None
    edition: Optional[re.Pattern] = None
    rating_after: Optional[re.Pattern] = None
    prize_list_heading: Optional[re.Pattern] = None
    rated_zone: Optional[re.Pattern] = None
    person_lead: Optional[re.Pattern] = None
    affiliation_title: Optional[re.Pattern] = None
    unnamed_places: Optional[re.Pattern] = None
    #: Header cells of a winners' table (姓名, 国籍): a row starting so is the header, no person.
    list_header_cells: frozenset = frozenset()
    #: ``rating`` without its recipients, as a look-ahead (see ``closed_runs``).
    rating_closer: Optional[re.Pattern] = None


@lru_cache(maxsize=1)
def patterns() -> AwardPatterns:
    """Read and compile ``ontology/patterns/awards.yaml`` (cached)."""
    data = load_patterns("awards")
    ratings = literal_regex(data["ratings"])
    rating_tail = (r"为(?P<y>\d{4}年度?)?(?P<what>[^,，。;；\n]{2,40}?考核)"
                   rf"(?P<rating>{ratings}){data['rating_tail']}")
    return AwardPatterns(
        opener=re.compile(literal_regex(data["award_openers"])),
        grade=re.compile(literal_regex(data["grades"]) + "$"),
        modifier=re.compile(data["award_modifiers"]),
        person_title=re.compile(literal_regex(data["person_titles"]) + "$"),
        person_note=re.compile(data["person_notes"] + "$"),
        person_count=re.compile(data["person_count"] + "$") if data.get("person_count") else None,
        person_name=re.compile(data.get("person_name", r"[\u4e00-\u9fff·]{2,4}")),
        team_suffix=data["team_suffix"],
        institution=re.compile(data["institution_suffix"]),
        achievement=re.compile(data["achievement"]),
        naming_verbs=data["naming_verbs"],
        honour_heads=data["honour_heads"],
        rating=re.compile(r"(?P<r>[^,，。;；:：\n]{2,%d}?)" % _RATING_REACH + rating_tail),
        rating_closer=re.compile("(?=(" + rating_tail + "))"),
        incentive_markers=tuple(data["incentive_markers"]),
        incentive_category=data["incentive_categories"],
        roster_marker=re.compile(data["roster_markers"]),
        roster_line=re.compile(data["roster_line"], re.M),
        roster_post=re.compile(data["roster_post"]),
        agency=re.compile(data["agency_suffix"]) if data.get("agency_suffix") else None,
        rating_list=re.compile(data["rating_list"].replace("{ratings}", ratings)) if data.get("rating_list") else None,
        rating_subject=re.compile(data["rating_subject"]) if data.get("rating_subject") else None,
        appointments=tuple(re.compile(x) for x in data.get("appointments", ())),
        honour_list_heading=re.compile(data["honour_list_heading"]) if data.get("honour_list_heading") else None,
        person_line_note=re.compile(data["person_line_notes"]) if data.get("person_line_notes") else None,
        edition=re.compile(data["award_editions"]) if data.get("award_editions") else None,
        rating_after=re.compile(data["rating_after"].replace("{ratings}", ratings)) if data.get("rating_after") else None,
        prize_list_heading=re.compile(data["prize_list_heading"]) if data.get("prize_list_heading") else None,
        rated_zone=re.compile(data["rated_zone"]) if data.get("rated_zone") else None,
        person_lead=re.compile(data["person_lead"]) if data.get("person_lead") else None,
        affiliation_title=re.compile(literal_regex(data["affiliation_titles"])) if data.get("affiliation_titles") else None,
        unnamed_places=re.compile(data["unnamed_places"]) if data.get("unnamed_places") else None,
        list_header_cells=frozenset(data.get("list_header_cells", ())),
    )


# ---------------------------------------------------------------------------
# Small text helpers
# ---------------------------------------------------------------------------

_OPEN = "(（〔[【“‘《"
_CLOSE = ")）〕]】”’》"


def split_list(text: str, start: int = 0, end: Optional[int] = None, seps: str = "、,，;；和及") -> list[tuple[int, int]]:
    """Split ``text[start:end]`` at separators outside brackets and quotes.

    >>> s = "“A、B”等2项成果、李兰娟(个人)"
    >>> [s[a:b] for a, b in split_list(s)]
    ['“A、B”等2项成果', '李兰娟(个人)']
    """
    end = len(text) if end is None else end
    out, depth, begin = [], 0, start
    for i in range(start, end):
        ch = text[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in seps and depth == 0:
            out.append((begin, i))
            begin = i + 1
    out.append((begin, end))
    return [(a, b) for a, b in out if b > a]


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    """Trim spaces and punctuation at both ends of ``text[a:b]``."""
    junk = " \t\n\u3000。.,，;；:：、"
    while a < b and text[a] in junk:
        a += 1
    while b > a and text[b - 1] in junk:
        b -= 1
    return a, b


def document_year(text: str) -> Optional[str]:
    """The year a decision is for, from its title (``2020年度…``).

    >>> document_year("浙江省人民政府关于\\n2020年度浙江省科学技术奖励的决定")
    '2020'
    """
    m = re.search(r"(\d{4})\s*年度?", text[:300])
    return m.group(1) if m else None


def _nospace(s: str) -> str:
    return re.sub(r"\s+", "", s)


# ---------------------------------------------------------------------------
# Recipients
# ---------------------------------------------------------------------------


def read_recipient(text: str, a: int, b: int, p: Optional[AwardPatterns] = None) -> Optional[Found]:
    """Type one recipient ``text[a:b]``: Achievement, Person (or team), Institution, Region.

    >>> t = "潘云鹤院士"
    >>> r = read_recipient(t, 0, len(t)); (r.label, r.name(t))
    ('Person', '潘云鹤')
    >>> t = "“自主指令集嵌入式CPU研发与产业化”等7项成果"
    >>> r = read_recipient(t, 0, len(t)); (r.label, r.name(t), r.attrs["count"])
    ('Achievement', '自主指令集嵌入式CPU研发与产业化', '7')
    >>> t = "张建锋团队"
    >>> r = read_recipient(t, 0, len(t)); (r.label, r.name(t), r.attrs["team"])
    ('Person', '张建锋团队', 'true')
    >>> t = "东北农业大学孙立群团队"
    >>> r = read_recipient(t, 0, len(t)); (r.label, t[r.start:r.end])
    ('Person', '孙立群团队')
    >>> t = "马克·罗森(Mark Rosen)"
    >>> r = read_recipient(t, 0, len(t)); (r.label, r.name(t))
    ('Person', '马克·罗森')
    >>> t = "马克•罗森"
    >>> read_recipient(t, 0, len(t)).name(t)
    '马克·罗森'
    >>> t = "李明华(Michael Lee)等3人"
    >>> r = read_recipient(t, 0, len(t)); (r.label, r.name(t))
    ('Person', '李明华')
    >>> t = "英国诺丁汉大学"
    >>> read_recipient(t, 0, len(t)).label
    'Institution'
    >>> t = "杭州市数据资源管理局等8个集体"
    >>> r = read_recipient(t, 0, len(t)); (r.label, r.name(t))
    ('Agency', '杭州市数据资源管理局')
    """
    p = p or patterns()
    a, b = _strip(text, a, b)
    if b <= a:
        return None
    m = p.achievement.match(text, a, b)
    if m and text[a] == "“":
        attrs = {"label": _nospace(m.group("title"))}
        if m.group("count"):
            attrs["count"] = m.group("count")
        return Found(m.start("title"), m.end("title"), "Achievement", attrs)
    surface = text[a:b]
    count = p.person_count.search(surface) if p.person_count else None
    if count:
        b = a + count.start()
        surface = text[a:b]
    note = p.person_note.search(surface)
    if note:
        b = a + note.start()
        surface = text[a:b]
    if surface.endswith(p.team_suffix):
        # a team named after its leader, perhaps after its organisation: 南京大学张荣团队
        org = p.institution.pattern.rstrip("$")
        m = re.fullmatch(rf"(?:.*?{org})?(?P<team>[\u4e00-\u9fff·]{{2,4}}{p.team_suffix})", _nospace(surface))
        if m:
            # the organisation before the team is a name of its own (南京大学), not part of the team's
            team = text.rfind(m.group("team"), a, b)
            return Found(team if team >= 0 else a, b, "Person", {"team": "true", "label": m.group("team")})
    if p.institution.search(surface):
        return Found(a, b, "Institution", {})
    if p.agency is not None and len(_nospace(surface)) > 4 and p.agency.search(surface):
        return Found(a, b, "Agency", {})
    if _region_like(text, a, b):
        return Found(a, b, "Region", {})
    title = p.person_title.search(surface)
    name_end = b - (len(title.group()) if title else 0)
    a = _after_lead(text, a, name_end, p)
    if title:
        a = _after_organisation(text, a, name_end, p)
    name = _nospace(text[a:name_end])
    if p.person_name.fullmatch(name):
        name = name.translate(_NAME_DOTS)
        return Found(a, name_end, "Person", {"label": name} if name != text[a:name_end] else {})
    if len(name) > 4:
        return Found(a, b, "Institution", {})
    return None


#: Dots typed between the parts of a transliterated name, all written ``·`` in its label.
_NAME_DOTS = str.maketrans({"•": "·", "・": "·", "‧": "·"})


def _after_lead(text: str, a: int, b: int, p: AwardPatterns) -> int:
    """Where a person's name begins in ``text[a:b]``, after a nationality and a role word
    (``德国籍专家汉斯·米勒`` → at 汉斯), when a name is left; else ``a``.

    >>> t = "法国籍教授让·杜邦"
    >>> t[_after_lead(t, 0, len(t), patterns()):]
    '让·杜邦'
    >>> t = "王教授"
    >>> _after_lead(t, 0, len(t), patterns())
    0
    """
    m = p.person_lead.match(text, a, b) if p.person_lead is not None else None
    if m and m.end() > a and p.person_name.fullmatch(_nospace(text[m.end():b])):
        return m.end()
    return _after_affiliation(text, a, b, p)


def _after_affiliation(text: str, a: int, b: int, p: AwardPatterns) -> int:
    """Where a person's name begins in ``text[a:b]`` after an affiliation and a title
    (``复旦大学教授陈文彬`` → at 陈文彬): after the last title word followed by a name; else ``a``.

    >>> t = "中国科学院院士王立群"
    >>> t[_after_affiliation(t, 0, len(t), patterns()):]
    '王立群'
    >>> t = "美国斯坦福大学副教授约翰·史密斯"
    >>> t[_after_affiliation(t, 0, len(t), patterns()):]
    '约翰·史密斯'
    >>> t = "中国科学院"
    >>> _after_affiliation(t, 0, len(t), patterns())
    0

    An affiliation holding another titled name and a join is two recipients, not one:

    >>> t = "武汉大学教授陈文彬和华为公司高级工程师赵志刚"
    >>> _after_affiliation(t, 0, len(t), patterns())
    0
    """
    if p.affiliation_title is None:
        return a
    titles = list(p.affiliation_title.finditer(text, a, b))
    for k in range(len(titles) - 1, -1, -1):
        s = titles[k].end()
        if p.person_name.fullmatch(_nospace(text[s:b])):
            return a if any(_titled_name_joined(text, t.end(), titles[k].start(), p) for t in titles[:k]) else s
    return a


def _after_organisation(text: str, a: int, b: int, p: AwardPatterns) -> int:
    """Where a person's name begins in ``text[a:b]`` after the organisation they belong to,
    the title written after the name (``宁夏大学李春华教授``: ``text[a:b]`` is ``宁夏大学李春华``):
    after an organisation's ending (``institution_suffix``) followed by a name that is not
    itself an organisation's ending; else ``a``.

    >>> t = "宁夏大学李春华"
    >>> t[_after_organisation(t, 0, len(t), patterns()):]
    '李春华'
    >>> t = "浙江大学医学院"
    >>> _after_organisation(t, 0, len(t), patterns())
    0
    """
    name = _nospace(text[a:b])
    if p.person_name.fullmatch(name):
        return a
    org = p.institution.pattern.rstrip("$")
    for m in re.finditer(org, text[a:b]):
        rest = text[a + m.end():b]
        if (p.person_name.fullmatch(_nospace(rest)) and not p.institution.search(rest)
                and not (p.agency is not None and p.agency.search(rest))):
            return a + m.end()
    return a


def _titled_name_joined(text: str, s: int, b: int, p: AwardPatterns) -> bool:
    """True when ``text[s:b]`` (after a title) starts with a name and a join (``陈文彬和…``)."""
    m = _JOIN.search(text, s, b)
    return bool(m) and bool(p.person_name.fullmatch(_nospace(text[s:m.start()])))


_JOIN = re.compile(r"[和及、]")


# ---------------------------------------------------------------------------
# Prize decisions: 授予 <recipients> <award>
# ---------------------------------------------------------------------------

_GRANT = re.compile(r"授予")
_CLAUSE_END = re.compile(r"[;；。\n]|,(?=授予)|，(?=授予)")


def _award_start(text: str, a: int, b: int, p: AwardPatterns) -> Optional[int]:
    """Where the award name begins in a 授予 clause ``text[a:b]`` (after its recipients)."""
    depth = 0
    # a prize name in quotes at the clause's end may start at its quote: 授予X“齐鲁友谊奖”
    quoted = text.rfind("“", a, b) if text.endswith("奖”", a, b) else -1
    for i in range(a, b):
        ch = text[i]
        if i == quoted and not depth and i > a and _ends_recipient(text[a:i], p):
            return i
        if ch in _OPEN:
            depth += 1
            continue
        if ch in _CLOSE:
            depth = max(0, depth - 1)
            continue
        if depth or i == a or not (p.opener.match(text, i, b) or (p.edition and p.edition.match(text, i, b))
                                   or _region_prize(text, i, b, p)):
            continue
        prefix = text[a:i]
        last = prefix[prefix.rfind("、") + 1:] if "、" in prefix else prefix
        last = p.person_count.sub("", last) if p.person_count else last
        last = p.person_note.sub("", last) if p.person_note.search(last) else last
        if (last.endswith(("”", "成果", "项目", p.team_suffix)) or p.institution.search(last)
                or p.person_title.search(last) or _names_person(last, p)):
            return i
    return None


def _opens_with_region(text: str, i: int, b: int) -> bool:
    """True when ``text[i:b]`` begins with the name of a province, city or county the
    gazetteer knows (``台州市科学技术进步奖一等奖``, ``绍兴市科技进步奖``): a city's or a
    county's prize opens with its place as a province's does.

    >>> _opens_with_region("温州市科学技术进步奖", 0, 10), _opens_with_region("科学技术进步奖", 0, 7)
    (True, False)
    """
    from graph.gazetteer import load_gazetteer

    g = load_gazetteer()
    return any(g.regions_by_name(text[i:i + k]) for k in range(2, min(9, b - i)))


def _region_prize(text: str, i: int, b: int, p: AwardPatterns) -> bool:
    """True when ``text[i:b]`` reads as a prize opening with a place the gazetteer knows and
    holding no recipient: no title, team, quote, list mark or year inside (``和平区人民医院
    教授李强和…2023年度…奖`` names recipients, the prize starts at its year).

    >>> t = "台州市科学技术进步奖一等奖"
    >>> _region_prize(t, 0, len(t), patterns())
    True
    >>> t = "和平区人民医院教授李强和清华大学孙海峰团队2023年度北京市科学技术进步奖"
    >>> _region_prize(t, 0, len(t), patterns())
    False
    """
    name = text[i:b]
    if any(c in name for c in "、“”,，") or p.team_suffix in name:
        return False
    titled = p.affiliation_title is not None and p.affiliation_title.search(name)
    if titled or re.search(p.person_title.pattern.rstrip("$"), name):
        return False
    if p.edition is not None and p.edition.search(name):
        return False
    return _opens_with_region(text, i, b)


def _names_person(item: str, p: AwardPatterns) -> bool:
    """True when a list item is a person's name, perhaps after an affiliation and a title.

    >>> _names_person("英国剑桥大学教授约翰·史密斯", patterns()), _names_person("2023年度", patterns())
    (True, False)
    """
    item = _nospace(item)
    return bool(p.person_name.fullmatch(item[_after_lead(item, 0, len(item), p):]))


def read_grants(text: str, year: Optional[str] = None) -> list[Grant]:
    """Prize grants (``授予 X 某某奖``), honours, ratings in ``text``.

    >>> t = "2019年度浙江省科学技术奖励的决定\\n授予李兰娟(个人)、张建锋团队浙江科技大奖;授予颜松远浙江省国际科学技术合作奖。"
    >>> [(g.award.name(t), [r.name(t) for r in g.recipients]) for g in read_grants(t)]
    [('2019年度浙江科技大奖', ['李兰娟', '张建锋团队']), ('2019年度浙江省国际科学技术合作奖', ['颜松远'])]
    """
    p = patterns()
    year = year or document_year(text)
    grants = list(_prize_grants(text, year, p))
    grants += list(_honour_grants(text, p))
    grants += list(_rating_grants(text, year, p))
    grants += list(_rating_list_grants(text, year, p))
    grants += list(_rating_after_grants(text, year, p))
    if not grants:
        grants += list(headed_grants(text, year, p))
    return grants


def _prize_grants(text: str, year: Optional[str], p: AwardPatterns) -> Iterable[Grant]:
    """``授予 <recipients> <award>`` clauses.  A clause naming only a grade continues the
    category of the clause before it: ``授予“A”等45项成果上海市科学技术进步奖一等奖,授予“B”等96项
    成果二等奖`` gives B the 上海市科学技术进步奖二等奖.
    """
    category = None
    headings = None  # the winners' lists of the text, read once when a grant is found
    for a, b in _grant_clauses(text, p):
        mod = None
        mm = re.search(p.modifier.pattern + r"$", text[a:b])
        if mm:
            mod = text[a + mm.start():b]
            b = a + mm.start()
        if not _names_prize(_unquoted_tail(text[a:b]), p):
            continue
        s = _award_start(text, a, b, p)
        elided = None
        if s is None:
            g = p.grade.search(text, a, b)
            if g is None or category is None or g.start() == a or not _ends_recipient(text[a:g.start()], p):
                continue
            s, elided = g.start(), category
        award = _prize(text, s, b, year, mod, p, elided)
        category = award.attrs.get("category") if award.attrs.get("grade") else None
        items = split_list(text, a, s, seps="、,，")
        items = [(x, y) for k, (x, y) in enumerate(items) if k == len(items) - 1 or not _describes_next(text, x, y, p)]
        recipients = [r for x, y in items for r in _read_joined(text, x, y, p)]
        named = {r.name(text) for r in recipients}
        if headings is None:
            headings = _list_headings(text, p)
        recipients += [r for r in prize_list(text, award.attrs["surface"], p, headings) if r.name(text) not in named]
        if recipients:
            yield Grant(award, recipients, "prize")


def _describes_next(text: str, a: int, b: int, p: AwardPatterns) -> bool:
    """True when a list item is an affiliation and a title with no name, describing the recipient
    named next (``中国工程院院士、浙江大学教授王立群``: the first item is no recipient).

    >>> t = "中国工程院院士、浙江大学教授王立群"
    >>> _describes_next(t, 0, 7, patterns()), _describes_next(t, 8, len(t), patterns())
    (True, False)
    >>> t = "潘云鹤院士"
    >>> _describes_next(t, 0, len(t), patterns())
    False
    """
    if p.affiliation_title is None:
        return False
    a, b = _strip(text, a, b)
    m = re.search(p.affiliation_title.pattern + "$", text[a:b])
    if m is None:
        return False
    if _after_organisation(text, a, a + m.start(), p) > a:   # 台州学院罗志远教授: a name before the title
        return False
    before = read_recipient(text, a, a + m.start(), p)
    return before is None or before.label not in ("Person", "Achievement")


def _grant_clauses(text: str, p: AwardPatterns) -> Iterable[tuple[int, int]]:
    """The ``授予`` clauses of ``text``; one sentence may list several grades of a category,
    each after a comma (``授予“A”等9项成果X奖一等奖,“B”等27项成果二等奖``): it is cut after
    every part that ends with a prize's name or grade.

    >>> t = "授予“A”等9项成果浙江省自然科学奖一等奖,“B”等27项成果二等奖;"
    >>> [t[a:b] for a, b in _grant_clauses(t, patterns())]
    ['“A”等9项成果浙江省自然科学奖一等奖', '“B”等27项成果二等奖']
    """
    for m in _GRANT.finditer(text):
        stop = _CLAUSE_END.search(text, m.end())
        b = stop.start() if stop else len(text)
        begin = m.end()
        for _, y in split_list(text, m.end(), b, seps=",，")[:-1]:
            x, z = _strip(text, begin, y)
            if _names_prize(text[x:z], p):
                yield x, z
                begin = y + 1
        yield _strip(text, begin, b)


def _unquoted_tail(clause: str) -> str:
    """A clause with the quotes around the prize name at its end dropped
    (``授予…2023年度“齐鲁友谊奖”`` ends with the prize's name).

    >>> _unquoted_tail("安娜·施密特2022年度“天山友谊奖”")
    '安娜·施密特2022年度天山友谊奖'
    >>> _unquoted_tail("“高效光伏电池”")
    '“高效光伏电池”'
    """
    if clause.endswith("奖”") and "“" in clause:
        i = clause.rfind("“")
        return clause[:i] + clause[i + 1:-1]
    return clause


def _names_prize(clause: str, p: AwardPatterns) -> bool:
    """True when a clause ends with a prize's name or grade (perhaps with a modifier note)."""
    clause = re.sub(p.modifier.pattern + r"$", "", clause)
    return clause.endswith("奖") or bool(p.grade.search(clause))


def _read_joined(text: str, a: int, b: int, p: AwardPatterns) -> list[Found]:
    """Recipients of one list item, which may join two with 和/及 (``陈思远教授和孙海峰团队``).

    The item is split only when every part reads as a person, team or achievement; a 和 inside
    a name (``协和医院``) is kept when splitting there leaves a part that is none of these (the
    split at fewest joins is tried first, so a name is cut only where it must be).

    >>> t = "陈思远教授和孙海峰团队"
    >>> [r.name(t) for r in _read_joined(t, 0, len(t), patterns())]
    ['陈思远', '孙海峰团队']
    >>> t = "北京协和医院主任医师周立和孙海峰团队"
    >>> [r.name(t) for r in _read_joined(t, 0, len(t), patterns())]
    ['周立', '孙海峰团队']
    >>> t = "德国弗劳恩霍夫协会和法国巴黎大学教授让·杜邦"
    >>> [(r.label, r.name(t)) for r in _read_joined(t, 0, len(t), patterns())]
    [('Institution', '德国弗劳恩霍夫协会'), ('Person', '让·杜邦')]
    """
    joins = _joins(text, a, b)
    if 0 < len(joins) <= _MAX_JOINS:
        splits = [[a, *cut, b] for n in range(1, len(joins) + 1) for cut in combinations(joins, n)]
        readings = [[read_recipient(text, bounds[k] + (k > 0), bounds[k + 1], p) for k in range(len(bounds) - 1)]
                    for bounds in splits]
        readings = [found for found, bounds in zip(readings, splits)
                    if not any(_place_cut(text, f, bounds[k] + (k > 0)) for k, f in enumerate(found[:-1]) if f)]
        for found in readings:
            if all(f is not None and f.label in ("Person", "Achievement") for f in found):
                return found
        # an institution sharing the award with a person: 授予瑞士联邦理工学院和…教授某某…合作奖
        for found in readings:
            if all(f is not None and (f.label in ("Person", "Achievement") or _names_institution(text, f, p))
                   for f in found) and any(f.label == "Person" for f in found):
                return found
    one = read_recipient(text, a, b, p)
    return [one] if one else []


def _joins(text: str, a: int, b: int) -> list[int]:
    """Where 和/及 may join two recipients in ``text[a:b]``: outside brackets and quotes, and
    only where jieba's dictionary cuts it as a word of its own, so a 和 inside a known word of
    a name (``协和医院``, ``和平区``) joins nothing.

    >>> t = "北京协和医院主任医师周立和孙海峰团队"
    >>> [t[j] + t[j + 1:j + 4] for j in _joins(t, 0, len(t))]
    ['和孙海峰']
    """
    joins = [y for _, y in split_list(text, a, b, seps="和及")[:-1]]  # the position of each 和/及
    if not joins:
        return joins
    from itertools import accumulate

    from graph.nlp.tokenizer import jieba_cut

    words = jieba_cut(text[a:b], hmm=False, rust=_rust_cut())
    single = {a + end - 1 for end, w in zip(accumulate(map(len, words)), words) if len(w) == 1}
    return [j for j in joins if j in single]


@lru_cache(maxsize=1)
def _rust_cut():
    """jieba-rs's cut when installed (see :mod:`graph.nlp.tokenizer`), else None."""
    from graph.nlp.tokenizer import _rust_cut as load

    return load()


def _place_cut(text: str, f: Found, start: int) -> bool:
    """True when a part cut off before a join reads as a bare name that begins with the name
    of a province or a city (``北京协``, ``四川中``): the join is inside an institution's
    name (``北京协和医院``, ``四川中和化工有限公司``), not between two recipients.

    >>> t = "四川中和化工有限公司工程师张勇"
    >>> _place_cut(t, Found(0, 3, "Person", {}), 0), _place_cut("王明和李红", Found(0, 2, "Person", {}), 0)
    (True, False)
    """
    if f.label != "Person" or f.start != start or f.attrs.get("team"):
        return False
    from graph.gazetteer import load_gazetteer

    g = load_gazetteer()
    name = _nospace(text[f.start:f.end])
    return any(r.level in ("province", "prefecture") for k in (2, 3) if len(name) >= k
               for r in g.regions_by_name(name[:k]))


def _names_institution(text: str, f: Found, p: AwardPatterns) -> bool:
    """True when a recipient read as an Institution ends like one (``…理工学院``), not only by length."""
    return f.label == "Institution" and bool(p.institution.search(_nospace(text[f.start:f.end])))


#: At most this many 和/及 in one list item are tried as joins (2**n splits).
_MAX_JOINS = 5


def prize_list(text: str, surface: str, p: Optional[AwardPatterns] = None,
               headings: Optional[tuple[list[re.Match], dict[str, list[int]], dict[str, list[int]]]] = None
               ) -> list[Found]:
    """The persons listed under a heading naming the prize ``surface`` (its winners' list).

    The attachment of a commendation names each winner on a row of their own, the
    name (a note such as ``(女)`` after it) then their unit; a line or two of notes
    may come between heading and rows, and the list ends at the first line that is
    no such row.

    >>> t = ("附件:第九届江苏省青年科技奖获奖者名单\\n江苏省人力资源和社会保障厅\\n2019年3月1日\\n"
    ...      "第九届江苏省青年科技奖获奖者名单\\n(共3名)\\n马骏 南京航空航天大学\\n黄蕾(女) 苏州大学附属第一医院\\n"
    ...      "欧阳立新 江苏恒瑞医药股份有限公司\\n")
    >>> [f.name(t) for f in prize_list(t, "第九届江苏省青年科技奖")]
    ['马骏', '黄蕾', '欧阳立新']
    """
    p = p or patterns()
    lines, exact, by_suffix = headings if headings is not None else _list_headings(text, p)
    want = _nospace(surface)
    # headings naming the prize, or its name without a prefix (edition, year), or it with one
    candidates = set(by_suffix.get(want, [])[:_MAX_HEADINGS])
    for i in range(1, len(want) - 1):
        candidates.update(exact.get(want[i:], [])[:_MAX_HEADINGS])
    for k in sorted(candidates)[:_MAX_HEADINGS]:
        found = _list_rows(text, lines[k + 1:k + 1 + _MAX_ROWS], p)
        if found:
            return found
    return []


#: The longest winners' list read under one heading, and the most headings tried for one prize.
_MAX_ROWS = 2000
_MAX_HEADINGS = 8


def _list_headings(text: str, p: AwardPatterns) -> tuple[list[re.Match], dict[str, list[int]], dict[str, list[int]]]:
    """The lines of ``text`` and the line indices of its winners' list headings, by the prize
    they name and by every ending of that name (so a prize finds its list in a few look-ups).

    >>> _, exact, by_suffix = _list_headings("附件\\n第九届江苏省青年科技奖获奖者名单\\n", patterns())
    >>> exact["第九届江苏省青年科技奖"], by_suffix["江苏省青年科技奖"]
    ([1], [1])
    """
    lines = list(re.finditer(r"[^\n]+", text))
    exact: dict[str, list[int]] = {}
    by_suffix: dict[str, list[int]] = {}
    if p.prize_list_heading is None or "名单" not in text:
        return lines, exact, by_suffix
    for k, line in enumerate(lines):
        if "名单" not in line.group():
            continue
        m = p.prize_list_heading.match(_nospace(line.group()))
        if m:
            for t in dict.fromkeys((m.group("t"), _title_of_list(m.group("t")))):
                exact.setdefault(t, []).append(k)
                for i in range(len(t) - 1):
                    by_suffix.setdefault(t[i:], []).append(k)
    return lines, exact, by_suffix


def _title_of_list(heading: str) -> str:
    """The honour title a list heading names, without its quotes and ``称号``
    (``“湖南省优秀专家”称号获得者名单`` lists the holders of 湖南省优秀专家).

    >>> _title_of_list("“湖南省优秀专家”荣誉称号")
    '湖南省优秀专家'
    """
    m = re.fullmatch(r"“(?P<t>[^“”]{2,40})”(?:荣誉)?称号", heading)
    return m.group("t") if m else heading


def _list_rows(text: str, lines: list[re.Match], p: AwardPatterns, notes: int = 2) -> list[Found]:
    """Persons on consecutive ``name unit`` rows, after at most ``notes`` other lines.

    >>> t = "名单\\n序号\\t姓名\\t国籍\\t工作单位\\n1\\t卡尔·贝克(Karl Becker)\\t德国\\t宁夏大学教授\\n2\\t李安娜\\t美国\\t某公司顾问\\n"
    >>> lines = list(re.finditer(r"[^\\n]+", t))[1:]
    >>> [f.name(t) for f in _list_rows(t, lines, patterns())]
    ['卡尔·贝克', '李安娜']
    """
    note = p.person_line_note.pattern if p.person_line_note is not None else r"(?!)"
    # a row may start with its number (a table with a 序号 column); a table's header row
    # (姓名 国籍 工作单位) is a note line
    row = re.compile(rf"\s*(?:\d{{1,4}}\s+)?(?P<name>{p.person_name.pattern})\s*(?:{note})?\s+"
                     rf"(?P<unit>[^\s,，。;；:：][^,，。;；:：]*)")
    out: list[Found] = []
    for line in lines:
        m = row.fullmatch(text, line.start(), line.end())
        if m and m.group("name") in p.list_header_cells:
            m = None
            if not out:
                continue
        if m and p.agency is not None and p.agency.search(m.group("name")):
            m = None
        if m is None:
            if out or notes == 0:
                break
            notes -= 1
            continue
        out.append(Found(m.start("name"), m.end("name"), "Person", {}))
    return out


def _ends_recipient(prefix: str, p: AwardPatterns) -> bool:
    """True when ``prefix`` ends like a list of recipients (achievements, persons, teams)."""
    last = prefix[prefix.rfind("、") + 1:]
    last = p.person_count.sub("", last) if p.person_count else last
    return last.endswith(("”", "成果", "项目", p.team_suffix)) or bool(p.person_name.fullmatch(_nospace(last)))


def _prize(text: str, s: int, b: int, year: Optional[str], modifier: Optional[str], p: AwardPatterns,
           category: Optional[str] = None) -> Found:
    """The Award read from its surface ``text[s:b]`` (category, grade, year); ``category``
    completes a surface that is only a grade."""
    surface = (category or "") + _unquoted_tail(_nospace(text[s:b]))
    if surface.startswith("“") and surface.endswith("奖"):
        surface = surface[1:]
    g = p.grade.search(surface)
    category = surface[: g.start()] if g and g.start() > 0 else surface
    attrs = {"category": category, "surface": surface}
    if g and g.start() > 0:
        attrs["grade"] = g.group()
    edition = p.edition.match(surface) if p.edition is not None else None
    if edition and re.match(r"\d{4}", edition.group()):
        year = edition.group()[:4]
    if edition and category.startswith(edition.group()) and len(category) > edition.end():
        attrs["category"] = category[edition.end():]
    if year:
        attrs["year"] = year
    # an edition or year written at the head of the name is kept as the document gives it
    attrs["label"] = surface if edition or not year else f"{year}年度{surface}"
    if modifier:
        attrs["modifier"] = modifier
    return Found(s, b, "Award", attrs)


def _region_like(text: str, a: int, b: int) -> bool:
    """True when ``text[a:b]`` reads as a region's name; ``其余市州`` (the rest) names none.

    >>> _region_like("甘南藏族自治州", 0, 7), _region_like("其余市州", 0, 4)
    (True, False)
    """
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,12}?(?:市|县|区|旗|州|省)", text[a:b]):
        return False
    unnamed = patterns().unnamed_places
    return not (unnamed is not None and unnamed.match(text, a, b))


def _honour_grants(text: str, p: AwardPatterns) -> Iterable[Grant]:
    """``命名X为Y示范市``, ``认定X等5个单位为Y``, ``授予X“Y”称号``."""
    tail = (rf"(?:等(?P<n>\d+)个(?P<what>单位|项目|地区|市|县|区)?(?:\([^()]{{1,8}}\))?)?为"
            rf"(?P<t>[^。;；,，、\n]{{0,60}}?{p.honour_heads}(?:、?(?:市|县|区)(?:\([^()]*\))?|\([^()]*\))*)")
    naming = re.compile(rf"(?:{p.naming_verbs})(?P<r>(?:(?!{p.naming_verbs})[^。;；:：《》\n]){{2,600}}?)" + tail)
    chained = re.compile(rf"、(?P<r>[^。;；:：、\n]{{2,100}}?)" + tail)
    for m in _chain(text, naming, chained):
        title_a, title_b = _strip(text, m.start("t"), m.end("t"))
        title = _nospace(text[title_a:title_b])
        groups = [[r for x, y in split_list(text, ga, gb, seps="、,，") if (r := read_recipient(text, x, y, p))]
                  for ga, gb in _split_after_place(text, m.start("r"), m.end("r"))]
        groups = [[_as_project(r) if m.group("what") == "项目" else r for r in g] for g in groups if g]
        if _LIST_REFERENCE.match(text, m.start("r")):
            groups = [_listed_places(text, m.end("t"))]
        recipients = [r for g in groups for r in g]
        if not recipients:
            continue
        attrs = {"label": _honour_label(title), "surface": title}
        batch = re.match(r"第[一二三四五六七八九十\d]+批", title)
        if batch:
            attrs["batch"] = batch.group()
        if m.group("n"):
            attrs["count"] = m.group("n")
        yield Grant(Found(title_a, title_b, "Award", attrs), recipients, "honour", groups)
    titled = re.compile(r"授予(?P<r>[^。;；“\n]{2,200}?)“(?P<t>[^”]{2,40})”(?:荣誉)?称号")
    for m in titled.finditer(text):
        recipients = [r for x, y in split_list(text, m.start("r"), m.end("r"), seps="、,，")
                      if (r := read_recipient(text, x, y, p))]
        # the holders under a heading naming the title, or in a list of the title's holders
        listed = honour_list(text, m.group("t"), p) or prize_list(text, m.group("t"), p)
        named = {q.name(text) for q in recipients}
        recipients += [r for r in listed if r.name(text) not in named]  # the first is named twice
        if recipients:
            attrs = {"label": m.group("t"), "surface": m.group("t")}
            yield Grant(Found(m.start("t"), m.end("t"), "Award", attrs), recipients, "honour")


#: Recipients named as "the following N places" (命名以下20个县(市、区)为…:), listed after the title.
_LIST_REFERENCE = re.compile(r"\s*(?:以下|下列|如下)")
#: One line of such a list: the places, perhaps after the city they belong to (杭州市:西湖区、桐庐县).
_PLACE_LINE = re.compile(r"(?:(?P<head>[\u4e00-\u9fff]{2,10}?(?:市|州|盟|地区))\s*[:：]\s*)?(?P<items>[^\n:：]+)")


def _listed_places(text: str, pos: int, limit: int = 200) -> list[Found]:
    """The places listed after a title ending at ``pos``, one line after another, a line
    perhaps headed by its city (then a district is named with it: ``杭州市西湖区``); the list
    ends at the first line holding anything but places.

    >>> t = "命名以下3个县(市、区)为第一批X示范县(市、区):\\n南京市:鼓楼区、溧水区\\n泰州市:兴化市\\n希望…"
    >>> [f.name(t) for f in _listed_places(t, t.index(":"))]
    ['南京市鼓楼区', '南京市溧水区', '兴化市']
    """
    colon = re.compile(r"\s*[:：]?\s*\n?").match(text, pos)
    pos = colon.end() if colon else pos
    out: list[Found] = []
    for line in re.finditer(r"[^\n]+", text[pos:pos + 20000]):
        if len(out) >= limit:
            break
        m = _PLACE_LINE.fullmatch(line.group().strip().rstrip("。;；"))
        if m is None:
            break
        base = pos + line.start() + (len(line.group()) - len(line.group().lstrip()))
        head = m.group("head") or ""
        found = []
        for x, y in split_list(text, base + m.start("items"), base + m.end("items"), seps="、,，;；"):
            x, y = _strip(text, x, y)
            if not _region_like(text, x, y):
                found = []
                break
            name = text[x:y]
            found.append(Found(x, y, "Region", {"label": head + name} if head and name.endswith("区") else {}))
        if not found:
            break
        out += found
    return out


def _split_after_place(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Split a list of places at 和/及 that follow a place (not inside ``云和县``).

    >>> t = "嘉兴市和丽水市云和县、天台县"
    >>> [t[x:y] for x, y in _split_after_place(t, 0, len(t))]
    ['嘉兴市', '丽水市云和县、天台县']
    """
    out, begin = [], a
    for i in range(a + 1, b):
        if text[i] in "和及" and text[i - 1] in "市县区旗州省)）" and i + 1 < b:
            out.append((begin, i))
            begin = i + 1
    out.append((begin, b))
    return out


def _chain(text: str, first: re.Pattern, then: re.Pattern) -> Iterable[re.Match]:
    """Matches of ``first``, each followed by any ``then`` matches chained right after it
    (``认定A等5个单位为X、B等10个项目为Y``)."""
    for m in first.finditer(text):
        yield m
        pos = m.end()
        while (n := then.match(text, pos)) is not None:
            yield n
            pos = n.end()


def _as_project(r: Found) -> Found:
    """A recipient counted among 项目 is an Achievement unless it is a place."""
    return r if r.label == "Region" else Found(r.start, r.end, "Achievement", r.attrs)


def _honour_label(title: str) -> str:
    """The honour without its batch: ``第五批省级生态文明建设示范市`` → ``省级生态文明建设示范市``."""
    return re.sub(r"^第[一二三四五六七八九十\d]+批(?:次)?", "", title)


def split_honour(title: str) -> list[str]:
    """The separate titles of ``…示范市、县(市、区)``: one per kind of place.

    >>> split_honour("省级生态文明建设示范市、县(市、区)")
    ['省级生态文明建设示范市', '省级生态文明建设示范县(市、区)']
    >>> split_honour("省公共文化服务体系示范区")
    ['省公共文化服务体系示范区']
    """
    m = re.fullmatch(r"(?P<stem>.+?)(?P<first>市|县)、(?P<rest>县|区)(?P<note>\([^()]*\))?", title)
    if not m:
        return [title]
    return [m.group("stem") + m.group("first"), m.group("stem") + m.group("rest") + (m.group("note") or "")]


# ---------------------------------------------------------------------------
# Lists of honoured collectives and persons (表彰决定 attachments)
# ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _post_start() -> re.Pattern:
    """Where a person's post begins after the name: a region's full name or a level word."""
    from graph.gazetteer import load_gazetteer

    # a post's unit may begin with a place's short name (丽水学院教授, 台州学院副院长)
    names = {n for r in load_gazetteer().regions.values() for n in (r.name, *r.short_names) if len(n) >= 2}
    alt = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(rf"(?:{alt}|省|中共|国家|中国|国网)")


_POST_END = "长任员师记理监问表官席"


def honour_list(text: str, title: str, p: Optional[AwardPatterns] = None) -> list[Found]:
    """The collectives or persons listed under a heading naming ``title``.

    A commendation's attachment lists them (``一、浙江省XX先进集体(8个)`` then one
    body per line; ``二、…先进个人(10名)`` then ``王建华 杭州市…副局长``).  Persons are
    read as a name followed by a post that starts with a place; names and posts
    that text extraction ran together on one line are still told apart.

    >>> t = "二、浙江省XX先进个人(3名)\\n王建华杭州市数据资源管理局副局长\\n李晓燕(女)宁波市大数据局处长张明湖州市吴兴区行政审批局局长\\n"
    >>> [f.name(t) for f in honour_list(t, "浙江省XX先进个人")]
    ['王建华', '李晓燕', '张明']
    >>> t = "一、浙江省XX先进集体(2个)\\n温州市公安局\\n国网浙江省电力有限公司\\n二、浙江省XX先进个人(1名)\\n"
    >>> [(f.label, f.name(t)) for f in honour_list(t, "浙江省XX先进集体")]
    [('Agency', '温州市公安局'), ('Institution', '国网浙江省电力有限公司')]
    """
    p = p or patterns()
    if p.honour_list_heading is None:
        return []
    want = _nospace(title)
    lines = list(re.finditer(r"[^\n]+", text))
    for k, line in enumerate(lines):
        m = p.honour_list_heading.match(_nospace(line.group()))
        if not m or not (m.group("t").endswith(want) or want.endswith(m.group("t"))):
            continue
        body = []
        for nxt in lines[k + 1:]:
            t = _nospace(nxt.group())
            if p.honour_list_heading.match(t) or re.match(r"^(?:[一二三四五六七八九十]+、|附件|【)", t):
                break
            body.append(nxt)
        persons = re.search(r"(?:个人|工作者|劳动模范|标兵)$", m.group("t")) is not None
        return [f for b in body for f in (_listed_persons(text, b, p) if persons else _listed_body(text, b, p))]
    return []


def _listed_body(text: str, line: re.Match, p: AwardPatterns) -> list[Found]:
    """A collective on its own line: a body, an organisation, or a city or county named alone
    (``松阳县``: its people as a whole are commended).

    >>> t = "温州市公安局\\n文成县\\n"
    >>> [(f.label, f.name(t)) for f in (_listed_body(t, m, patterns())[0] for m in re.finditer("[^\\n]+", t))]
    [('Agency', '温州市公安局'), ('Region', '文成县')]
    """
    found = read_recipient(text, line.start(), line.end(), p)
    return [found] if found and found.label in ("Agency", "Institution", "Region") else []


def _listed_persons(text: str, line: re.Match, p: AwardPatterns) -> list[Found]:
    """Persons on one line: ``王建华 杭州市…副局长``, perhaps several run together."""
    out = []
    post = _post_start()
    note = p.person_line_note.pattern if p.person_line_note is not None else r"(?!)"
    name = re.compile(rf"(?P<name>[\u4e00-\u9fff]{{2,4}}?)\s*(?:{note})?\s*(?={post.pattern})")
    pos, a = line.start(), line.start()
    while pos < line.end():
        m = name.match(text, pos, line.end())
        person = None
        if m and not p.agency.search(m.group("name") if p.agency else ""):
            # prefer the longer name when a two-character reading leaves a place that is no place
            person = Found(m.start("name"), m.end("name"), "Person", {})
            out.append(person)
            pos = m.end()
        nxt = next((i for i in range(pos + 2, line.end()) if text[i - 1] in _POST_END
                    and name.match(text, i, line.end())), None)
        if person is not None:                  # the post runs to the next person or the line's end
            post = _nospace(text[pos:nxt if nxt is not None else line.end()])
            if post:
                person.attrs["post"] = post
        if nxt is None:
            break
        pos = nxt
    return out


@dataclass(frozen=True)
class _HeadedLists:
    """The compiled ``headed_list_*`` and ``commendation_*`` patterns of ``awards.yaml``."""

    heading: re.Pattern
    marker: re.Pattern
    not_marker: re.Pattern
    persons: re.Pattern
    places: re.Pattern
    tail: re.Pattern


@lru_cache(maxsize=1)
def _headed_lists() -> Optional[_HeadedLists]:
    data = load_patterns("awards")
    if not data.get("headed_list_heading"):
        return None
    return _HeadedLists(
        heading=re.compile(data["headed_list_heading"]),
        marker=re.compile(data["commendation_markers"]),
        not_marker=re.compile(data.get("commendation_not") or r"(?!)"),
        persons=re.compile(data["headed_list_person_kinds"]),
        places=re.compile(data["headed_list_place_kinds"]),
        tail=re.compile(literal_regex(data.get("list_tail_openers") or ["(?!)"])),
    )


def headed_grants(text: str, year: Optional[str] = None, p: Optional[AwardPatterns] = None) -> Iterable[Grant]:
    """A commendation without a 授予 clause: each numbered heading naming a commendation
    (with its count, or ending like an honour) is an Award, the lines after it its recipients:
    places under a heading ending with a kind of place, persons under one of persons, else
    bodies and organisations.  The Award is named with the year of the decision.

    >>> t = ("X市人民政府关于表扬2022年度优化营商环境成效明显单位的通报\\n经研究，决定予以通报表扬。\\n"
    ...      "一、优化营商环境成效明显县(市、区)(2个)\\n鼓楼区、长乐区\\n二、优化营商环境先进单位(2家)\\n"
    ...      "市财政局、福州海关\\n希望受表扬的单位再接再厉。\\n")
    >>> [g.award.name(t) for g in headed_grants(t, "2022")]
    ['2022年度优化营商环境成效明显县(市、区)', '2022年度优化营商环境先进单位']
    >>> [[(r.label, r.name(t)) for r in g.recipients] for g in headed_grants(t, "2022")]
    [[('Region', '鼓楼区'), ('Region', '长乐区')], [('Agency', '市财政局'), ('Agency', '福州海关')]]
    """
    p = p or patterns()
    h = _headed_lists()
    if h is None or not h.marker.search(text):
        return
    lines = list(re.finditer(r"[^\n]+", text))
    for k, line in enumerate(lines):
        raw = line.group()
        if not raw.lstrip()[:1] in "一二三四五六七八九十":
            continue
        m = h.heading.match(raw.strip())
        if m is None or h.not_marker.search(m.group("t")):
            continue
        title = _nospace(m.group("t"))
        honour = p.honour_list_heading is not None and p.honour_list_heading.match(title)
        if not (m.group("n") or honour):
            continue
        persons = bool(h.persons.search(title)) or m.group("unit") in ("名", "人", "位")
        places = not persons and bool(h.places.search(title))
        recipients: list[Found] = []
        for nxt in lines[k + 1:]:
            got = (_listed_persons(text, nxt, p) if persons
                   else _listed_collectives(text, nxt.start(), nxt.end(), places, p))
            if not got:
                break
            recipients += got
            if not persons and _strip(text, nxt.start(), nxt.end())[1] > got[-1].end + 1:
                break                       # the list ran into the paragraph after it
        if not recipients:
            continue
        offset = line.start() + raw.index(raw.strip())
        a, b = offset + m.start("t"), offset + m.end("t")
        label = title if (year is None or re.match(r"\d{4}年", title)) else f"{year}年度{title}"
        attrs = {"label": label, "surface": title}
        if year:
            attrs["year"] = year
        yield Grant(Found(a, b, "Award", attrs), recipients, "headed")


def _listed_collectives(text: str, a: int, b: int, places: bool, p: AwardPatterns) -> list[Found]:
    """The recipients of one line listing places (``places``) or bodies, all or nothing: a
    line holding a sentence, or an item that is no place (under a heading of places), lists none.

    >>> t = "市发展改革委、市数据局、衢州海关"
    >>> [(f.label, f.name(t)) for f in _listed_collectives(t, 0, len(t), False, patterns())]
    [('Agency', '市发展改革委'), ('Agency', '市数据局'), ('Agency', '衢州海关')]
    >>> t = "希望受表扬的地区和单位珍惜荣誉、再接再厉"
    >>> _listed_collectives(t, 0, len(t), False, patterns())
    []
    >>> t = "市财政局、福州海关希望受表扬的单位珍惜荣誉,再接再厉。"
    >>> [t[f.start:f.end] for f in _listed_collectives(t, 0, len(t), False, patterns())]
    ['市财政局', '福州海关']
    """
    sentence = re.compile(r"[。!！?？]|的")
    if sentence.search(text, a, b):
        # a list run into the paragraph after it ends where that paragraph opens
        h = _headed_lists()
        opener = h.tail.search(text, a + 2, b) if h is not None else None
        if (opener is None or h.tail.match(text, a) or text[opener.start() - 1] in "、,，;；"
                or sentence.search(text, a, opener.start())):
            return []
        b = opener.start()
    out = []
    for x, y in split_list(text, a, b, seps="、,，;；"):
        x, y = _strip(text, x, y)
        if not 2 <= y - x <= 40 or re.search(r"\d|^[(（〔]", text[x:y]):
            return []                       # a date, a note: no recipient
        if places:
            if not _region_like(text, x, y):
                return []
            out.append(Found(x, y, "Region", {}))
            continue
        r = read_recipient(text, x, y, p)
        # a commended unit is no person: a short body's name (市数据局) reads like one
        out.append(r if r is not None and r.label in ("Agency", "Institution", "Region")
                   else Found(x, y, "Agency", {}))
    return out


@lru_cache(maxsize=1)
def _unit_post() -> Optional[re.Pattern]:
    """A post written after its unit (``unit_posts`` in ``awards.yaml``), as a whole string."""
    data = load_patterns("awards")
    if not data.get("unit_posts"):
        return None
    words = literal_regex([*data["unit_posts"], *data.get("affiliation_titles", ())])
    return re.compile(rf"(?:{data.get('unit_post_prefix', '')})(?:{words})")


def post_unit(post: str, p: Optional[AwardPatterns] = None) -> Optional[tuple[str, str]]:
    """The unit named in a listed person's post and its class: the longest beginning of the
    post ending like a body (Agency) or an organisation (Institution) with a post word after it.

    >>> post_unit("江西省商务厅对外贸易处处长")
    ('江西省商务厅', 'Agency')
    >>> post_unit("南昌大学教授"), post_unit("九江市湖口县人民政府副县长")
    (('南昌大学', 'Institution'), ('九江市湖口县人民政府', 'Agency'))
    >>> post_unit("二级调研员") is None
    True
    """
    p = p or patterns()
    words = _unit_post()
    if words is None:
        return None
    for k in range(len(post) - 1, 2, -1):
        unit, rest = post[:k], post[k:]
        if not words.fullmatch(rest):
            continue
        if p.institution.search(unit):
            return unit, "Institution"
        if p.agency is not None and p.agency.search(unit):
            return _parent_of_division(unit, p), "Agency"
    return None


def _parent_of_division(unit: str, p: AwardPatterns) -> str:
    """The body a division belongs to (``unit_division`` in ``awards.yaml``): a post's unit is
    read at the level of a body, the division being part of the post.

    >>> _parent_of_division("江西省商务厅对外贸易处", patterns()), _parent_of_division("九江市公安局", patterns())
    ('江西省商务厅', '九江市公安局')
    """
    division = _unit_division()
    if division is None or not division.search(unit):
        return unit
    for k in range(len(unit) - 2, 3, -1):
        if _unit_body().search(unit[:k]):
            return unit[:k]
    return unit


@lru_cache(maxsize=1)
def _unit_division() -> Optional[re.Pattern]:
    data = load_patterns("awards")
    return re.compile(data["unit_division"]) if data.get("unit_division") else None


@lru_cache(maxsize=1)
def _unit_body() -> re.Pattern:
    return re.compile(load_patterns("awards").get("unit_body", r"(?!)"))


def _rating_grants(text: str, year: Optional[str], p: AwardPatterns) -> Iterable[Grant]:
    """``嘉兴市、衢州市为2017年度粮食安全市长责任制考核优秀单位``."""
    found = closed_runs(p.rating, p.rating_closer, text, _RATING_REACH) if p.rating_closer else p.rating.finditer(text)
    for m in found:
        ra, rb = m.start("r"), m.end("r")
        # recipients are a list of places right before 为
        pieces = split_list(text, ra, rb, seps="、")
        recipients = []
        for x, y in reversed(pieces):
            x, y = _strip(text, x, y)
            if not _region_like(text, x, y):
                break
            recipients.insert(0, Found(x, y, "Region", {}))
        if not recipients:
            continue
        y_ = (m.group("y") or "").rstrip("年度")
        y_ = re.sub(r"\D", "", m.group("y") or "") or year
        label = f"{y_}年度{m.group('what')}{m.group('rating')}" if y_ else f"{m.group('what')}{m.group('rating')}"
        attrs = {"label": _nospace(label), "rating": m.group("rating"), "surface": _nospace(text[m.start("what"):m.end()])}
        if y_:
            attrs["year"] = y_
        yield Grant(Found(m.start("what"), m.end(), "Award", attrs), recipients, "rating")


def _rating_list_grants(text: str, year: Optional[str], p: AwardPatterns) -> Iterable[Grant]:
    """``考核结果为优秀的设区市(4个):湖州市、嘉兴市。`` — the rating of an assessment named
    from the title (``2022年度…耕地保护责任目标考核优秀``).

    >>> t = "关于2022年度耕地保护责任目标考核结果的通报\\n一、考核结果为优秀的设区市(2个):湖州市、嘉兴市。"
    >>> [(g.award.name(t), [r.name(t) for r in g.recipients]) for g in _rating_list_grants(t, None, patterns())]
    [('2022年度耕地保护责任目标考核优秀', ['湖州市', '嘉兴市'])]
    """
    if p.rating_list is None:
        return
    subject = p.rating_subject.search(_nospace(text[:400])) if p.rating_subject else None
    what = subject.group("what") if subject else ""
    verb = subject.groupdict().get("verb") or "考核" if subject else "考核"
    y = subject.group("y") if subject else year
    for m in p.rating_list.finditer(text):
        recipients = []
        for x, z in split_list(text, m.start("r"), m.end("r"), seps="、,，;；"):
            x, z = _strip(text, x, z)
            z = _drop_note(text, x, z)
            if _names_zone(_nospace(text[x:z]), p):
                recipients.append(Found(x, z, "DevelopmentZone", {}))
            elif _region_like(text, x, z):
                recipients.append(Found(x, z, "Region", {}))
        if not recipients:
            continue
        rating = m.group("rating")
        label = f"{y}年度{what}{verb}{rating}" if y else f"{what}{verb}{rating}"
        attrs = {"label": label, "rating": rating, "surface": _nospace(text[m.start():m.start("cat")])}
        if y:
            attrs["year"] = y
        yield Grant(Found(m.start(), m.start("cat"), "Award", attrs), recipients, "rating")


def _clause_start(text: str, end: int, limit: int = 400) -> int:
    """Where the clause ending at ``end`` starts: after its last comma, semicolon, colon,
    full stop or line break (at most ``limit`` characters back).

    >>> t = "通报如下:杭州市、宁波市考核结果为优秀"
    >>> t[_clause_start(t, t.index("考核")):t.index("考核")]
    '杭州市、宁波市'
    """
    a = max(0, end - limit)
    last = max(text.rfind(c, a, end) for c in ",，。;；:：\n")
    return last + 1 if last >= 0 else a


def _rating_after_grants(text: str, year: Optional[str], p: AwardPatterns) -> Iterable[Grant]:
    """``杭州市、宁波市考核结果为优秀;温州市考核结果为良好`` — places first, then their rating
    of an assessment named from the title, labelled as :func:`_rating_list_grants` does.

    >>> t = ("关于2021年度市县政府河湖长制工作考核结果的通报\\n"
    ...      "南昌市、赣州市考核结果为优秀;九江市、上饶市、吉安市考核结果为良好;萍乡市考核等次为合格。")
    >>> [(g.award.name(t), [r.name(t) for r in g.recipients]) for g in _rating_after_grants(t, None, patterns())]
    [('2021年度市县政府河湖长制工作考核优秀', ['南昌市', '赣州市']), ('2021年度市县政府河湖长制工作考核良好', ['九江市', '上饶市', '吉安市']), ('2021年度市县政府河湖长制工作考核合格', ['萍乡市'])]
    """
    if p.rating_after is None:
        return
    subject = p.rating_subject.search(_nospace(text[:400])) if p.rating_subject else None
    if subject is None:
        return
    what, y = subject.group("what"), subject.group("y") or year
    for m in p.rating_after.finditer(text):
        recipients = []
        for x, z in reversed(split_list(text, _clause_start(text, m.start()), m.start(), seps="、")):
            x, z = _strip(text, x, z)
            if not _region_like(text, x, z):
                break
            recipients.insert(0, Found(x, z, "Region", {}))
        if not recipients:
            continue
        rating = m.group("rating")
        label = f"{y}年度{what}考核{rating}" if y else f"{what}考核{rating}"
        attrs = {"label": label, "rating": rating, "surface": _nospace(text[recipients[-1].end:m.end()])}
        if y:
            attrs["year"] = y
        yield Grant(Found(recipients[-1].end, m.end(), "Award", attrs), recipients, "rating")


# ---------------------------------------------------------------------------
# Appointments (人事任免)
# ---------------------------------------------------------------------------


def appointment_persons(text: str) -> list[Found]:
    """Persons appointed or removed (``任命陈立新为…副主任``, ``免去张宏伟的…职务``), with their posts.

    >>> t = "任命欧阳志远为浙江省交通运输厅副厅长(试用期一年);免去赵明的浙江省农业农村厅副厅长职务,退休。"
    >>> [(t[f.start:f.end], f.attrs["post"]) for f in appointment_persons(t)]
    [('欧阳志远', '浙江省交通运输厅副厅长'), ('赵明', '浙江省农业农村厅副厅长')]
    """
    p = patterns()
    found = []
    for rx in p.appointments:
        for m in rx.finditer(text):
            name = m.group("name")
            if p.agency is not None and p.agency.search(name):
                continue
            found.append(Found(m.start("name"), m.end("name"), "Person", {"post": _nospace(m.group("post"))}))
    return sorted(found, key=lambda f: f.start)


# ---------------------------------------------------------------------------
# Incentive notices (督查激励)
# ---------------------------------------------------------------------------

#: The numbering styles of an incentive notice's items: ``一、``, ``1.``/``1、``, ``(1)``, ``(一)``.
#: One notice numbers its items in one style (the one that yields most items, earlier on a tie);
#: another style inside an item numbers its measures, not items.
_ITEM_STYLES = (
    re.compile(r"(?m)^[ \t\u3000]*(?P<marker>[一二三四五六七八九十百]+、)"),
    re.compile(r"(?m)^[ \t\u3000]*(?P<marker>\d{1,3}\s*[.．、](?!\d))"),
    re.compile(r"(?m)^[ \t\u3000]*(?P<marker>[(（]\s*\d{1,3}\s*[)）])"),
    re.compile(r"(?m)^[ \t\u3000]*(?P<marker>[(（][一二三四五六七八九十百]+[)）])"),
)


def incentive_name(text: str) -> Optional[str]:
    """The name of an incentive notice's programme, from its title.

    >>> incentive_name("浙江省人民政府办公厅关于\\n对2020年落实有关重大政策措施真抓实干\\n成效明显地方予以督查激励的通报")
    '2020年落实有关重大政策措施真抓实干成效明显地方督查激励'
    """
    head = _nospace(text[:400])
    m = re.search(r"(?:关于)?对?(?P<what>\d{4}年度?[^。]*?)(?:予以)?(?P<kind>督查激励|激励|表彰|表扬)", head)
    if not m:
        return None
    return m.group("what") + m.group("kind")


def incentive_items(text: str) -> list[IncentiveItem]:
    """The numbered items of an incentive notice, each an Award with its regions.

    >>> t = ("关于对2020年落实有关重大政策措施真抓实干成效明显地方予以督查激励的通报\\n"
    ...      "一、推进大湾区建设成效明显的设区市\\n杭州市、宁波市、台州市。\\n"
    ...      "2021年对上述地区予以倾斜。(省发展改革委组织实施)\\n")
    >>> [(i.heading, [t[r.start:r.end] for r in i.regions]) for i in incentive_items(t)]
    [('推进大湾区建设成效明显的设区市', ['杭州市', '宁波市', '台州市'])]
    """
    p = patterns()
    if not any(k in text for k in p.incentive_markers):
        return []
    name = incentive_name(text)
    # a heading may wrap before its bracket: "…的县\n(市、区)"
    category = p.incentive_category.replace(r"\(", r"\s*\(")
    heading_end = re.compile(rf"的(?:[^。\n]{{0,6}}?){category}(?:\s*[、和及与]\s*{category})*")
    best: list[IncentiveItem] = []
    for style in _ITEM_STYLES:
        items = _items_numbered(text, style, heading_end, name)
        if len(items) > len(best):
            best = items
    return best


def _items_numbered(text: str, style: re.Pattern, heading_end: re.Pattern, name: Optional[str]) -> list[IncentiveItem]:
    """The items of an incentive notice numbered in one ``style``, each running to the next number.

    >>> t = "1.科技创新成效明显的设区市:武汉市、宜昌市。(省科技厅组织实施)\\n"
    >>> [i.heading for i in _items_numbered(t, _ITEM_STYLES[1], re.compile("的设区市"), None)]
    ['科技创新成效明显的设区市']
    """
    marks = list(style.finditer(text))
    items: list[IncentiveItem] = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        item = _incentive_item(text, m.end(), end, heading_end, name)
        if item is not None:
            items.append(IncentiveItem(m.start(), end, item[0], item[1], item[2]))
    return items


#: The implementing units' note of an incentive item: (省发展改革委组织实施), (由X负责组织实施), (由X会同Y组织实施).
_IMPLEMENTERS = re.compile(r"[(（]\s*(?:由)?(?P<units>[^()（）。]{2,120}?)\s*(?:共同)?(?:负责|牵头)?\s*组织\s*实施\s*[)）]")
_UNIT_ETC = re.compile(r"\s*等(?:有关|相关)?(?:部门|单位)?$")
_UNIT_SEPARATOR = re.compile(r"\s*(?:[、,，;；和及与]|会同|联合|配合)\s*")
_CONJUNCTIONS = "和及与"


@lru_cache(maxsize=1)
def _unit_shape() -> re.Pattern:
    """How the name of a body ends (``unit_shape`` in ``ontology/patterns/responsibility.yaml``).

    >>> bool(_unit_shape().search("省财政厅")), bool(_unit_shape().search("省工业"))
    (True, False)
    """
    return re.compile(load_patterns("responsibility")["unit_shape"])


def implementing_units(text: str, a: int = 0, b: Optional[int] = None) -> list[tuple[int, int]]:
    """The units named in the ``(…组织实施)`` notes of ``text[a:b]``, as ``(start, end)`` spans;
    a leading 由 and a closing 负责 are no part of a unit, and 会同 joins two units.  和/及/与
    separate two units only where the text before them ends like the name of a body, so
    ``省工业和信息化厅`` stays one unit.

    >>> t = "给予支持。(由省科技厅会同省财政厅组织实施)\\n在安排时倾斜。(由省商务厅负责组织实施)(省农办、省建设厅组织实施)"
    >>> [t[x:y] for x, y in implementing_units(t)]
    ['省科技厅', '省财政厅', '省商务厅', '省农办', '省建设厅']
    >>> t = "(省住房和城乡建设厅和省文化和旅游厅组织实施)"
    >>> [t[x:y] for x, y in implementing_units(t)]
    ['省住房和城乡建设厅', '省文化和旅游厅']
    """
    b = len(text) if b is None else b
    out = []
    for m in _IMPLEMENTERS.finditer(text, a, b):
        begin = m.start("units")
        seps = [sep for sep in _UNIT_SEPARATOR.finditer(text, begin, m.end("units"))
                if sep.group().strip() not in _CONJUNCTIONS
                or _unit_shape().search(text, begin, sep.start())]
        for sep in [*seps, None]:
            end = sep.start() if sep else m.end("units")
            x, y = _strip(text, begin, end)
            etc = _UNIT_ETC.search(text, x, y)
            y = etc.start() if etc else y
            if y - x >= 2:
                out.append((x, y))
            begin = sep.end() if sep else end
    return out


def _incentive_item(text: str, a: int, end: int, heading_end: re.Pattern, name: Optional[str]):
    """Read one item: heading up to its kind of places, then the list of places."""
    first_stop = re.compile(r"。").search(text, a, end)
    if first_stop is None:
        return None
    hm = None
    for hm_ in heading_end.finditer(text, a, first_stop.start()):
        hm = hm_
        if _starts_region_list(text, hm_.end(), first_stop.start()):
            break
    if hm is None:
        return None
    ha, hb = _strip(text, a, hm.end())
    heading = _nospace(text[ha:hb])
    regions = []
    for x, y in split_list(text, hm.end(), first_stop.start(), seps="、,，;；"):
        x, y = _strip(text, x, y)
        y = _drop_note(text, x, y)
        recipient = _place_recipient(text, x, y, patterns())
        if recipient is not None:
            regions.append(recipient)
    if not regions:
        return None
    label = f"{name}:{heading}" if name else heading
    award = Found(ha, hb, "Award", {"label": label, "heading": heading, "incentive": name or ""})
    return award, regions, heading


def _place_recipient(text: str, a: int, b: int, p: AwardPatterns) -> Optional[Found]:
    """One place rewarded by an incentive item: a development zone (``rated_zone``), else a region.

    >>> t = "长沙市、长沙高新技术产业开发区、湘潭市"
    >>> [(f.label, t[f.start:f.end]) for x, y in split_list(t) if (f := _place_recipient(t, x, y, patterns()))]
    [('Region', '长沙市'), ('DevelopmentZone', '长沙高新技术产业开发区'), ('Region', '湘潭市')]
    """
    if _names_zone(_nospace(text[a:b]), p):
        return Found(a, b, "DevelopmentZone", {})
    if _region_like(text, a, b):
        return Found(a, b, "Region", {})
    return None


def _names_zone(name: str, p: AwardPatterns) -> bool:
    """True when a rewarded place ends like a development zone (``rated_zone``) and is a zone
    the gazetteer knows or does not end with a division it knows (``上海市浦东新区`` is a
    district, not a zone; ``苏州工业园区`` is both, and a zone).

    >>> _names_zone("武汉东湖新技术开发区", patterns()), _names_zone("上海市浦东新区", patterns())
    (True, False)
    """
    if p.rated_zone is None or not p.rated_zone.match(name):
        return False
    from graph.gazetteer import load_gazetteer

    g = load_gazetteer()
    return g.zone_by_name(name) is not None or not any(g.regions_by_name(name[k:]) for k in range(len(name) - 2))


def _starts_region_list(text: str, a: int, b: int) -> bool:
    a, _ = _strip(text, a, b)
    return bool(re.match(r"[\u4e00-\u9fff]{2,12}?(?:市|县|区|旗|州|省)[、,，。(]", text[a:b + 1]))


def _drop_note(text: str, a: int, b: int) -> int:
    """Cut a bracketed note off the end of a list item: ``临海市(…方面)`` → ``临海市``."""
    if b > a and text[b - 1] in ")）":
        open_at = matching_open(text, b - 1, a, opens="(（", closes=")）")
        if open_at >= 0:
            return open_at
    return b


# ---------------------------------------------------------------------------
# Rosters
# ---------------------------------------------------------------------------


def roster_persons(text: str) -> list[Found]:
    """Officials listed in a roster (``团长:成岳冲(副省长)``).

    >>> t = "现将组成人员名单通知如下:\\n团长:成岳冲(副省长)\\n郑瑶(省体育局局长)\\n"
    >>> [(t[f.start:f.end], f.attrs.get("post")) for f in roster_persons(t)]
    [('成岳冲', '副省长'), ('郑瑶', '省体育局局长')]
    """
    p = patterns()
    marker = p.roster_marker.search(text)
    if not marker:
        return []
    found = []
    for m in p.roster_line.finditer(text, marker.end()):
        if not p.roster_post.search(m.group("post")):
            continue
        name = _nospace(m.group("name"))
        attrs = {"post": m.group("post")}
        if m.group("role"):
            attrs["role"] = _nospace(m.group("role"))
        if name != m.group("name"):
            attrs["label"] = name
        found.append(Found(m.start("name"), m.end("name"), "Person", attrs))
    return found


# ---------------------------------------------------------------------------
# Everything, and the spaCy component
# ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _named_prize_re() -> re.Pattern:
    """The regex of a prize named in running text (``named_prize_*`` in
    ``ontology/patterns/awards.yaml``)."""
    data = load_patterns("awards")
    weak = set(data.get("named_prize_weak_openers", []))
    openers = literal_regex(w for w in data["award_openers"] if w not in weak)
    stops = re.escape(data.get("named_prize_stops", ""))
    after = re.escape(data.get("named_prize_not_before", ""))
    return re.compile(f"(?:{openers})(?:(?![{stops}])[\u4e00-\u9fff]){{1,14}}奖(?![{after}])")


def named_prizes(text: str) -> list[Found]:
    """Prizes named outside a conferral: an opener (a place, 中国, 国家, 省)
    and a name ending in 奖.

    >>> t = "鼓励企业争创中国质量奖、中国工业大奖,优先推荐申报省科学技术奖。完善奖励制度,落实奖补。"
    >>> [t[f.start:f.end] for f in named_prizes(t)]
    ['中国质量奖', '中国工业大奖', '省科学技术奖']
    >>> [t[f.start:f.end] for f in named_prizes("对获奖者给予奖励,江苏省科学技术奖励办法")]
    []
    """
    return [Found(m.start(), m.end(), "Award") for m in _named_prize_re().finditer(text)]


@dataclass(frozen=True)
class _GoalTitles:
    """The compiled ``goal_title_*`` patterns of ``awards.yaml``."""

    head: re.Pattern          # a head, strong or weak, where a title may end
    named: frozenset          # whole honours after a level word (文明城市)
    level_only: frozenset
    run: re.Pattern           # the phrase before a head, back to a stop
    title: re.Pattern         # that phrase split into a lead (verb) and the title
    verb: re.Pattern          # a creation verb (创建, 争创, 获评…)
    weak_verb: re.Pattern     # a verb that creates only with a level word (建成, 成为)
    level: re.Pattern
    after: re.Pattern         # a creation noun after a title, perhaps after more titles
    generic: tuple


@lru_cache(maxsize=1)
def _goal_titles() -> _GoalTitles:
    """Compile the ``goal_title_*`` entries of ``ontology/patterns/awards.yaml``."""
    data = load_patterns("awards")
    strong = frozenset(data["goal_title_heads"])
    named = frozenset(data["goal_title_named_heads"])
    weak = frozenset(data["goal_title_weak_heads"])
    level_only = frozenset(data["goal_title_level_only_heads"])
    stops = re.escape(data["goal_title_stops"])
    note = r"(?:\((?:[市县区旗]、?){1,3}\))?"
    after = literal_regex(data["goal_title_after"])
    weak_end = rf"(?=[^\u4e00-\u9fff]|{after}|[、和及与])"
    head = (rf"(?P<h>{literal_regex(strong | named | level_only)}){note}(?![{re.escape(data['goal_title_not_before'])}])"
            rf"|(?<=[\u4e00-\u9fff])(?P<w>{literal_regex(weak)}){note}{weak_end}")
    verbs = literal_regex(data["goal_title_verbs"])
    weak_verbs = literal_regex(data["goal_title_weak_verbs"])
    lead = literal_regex(data["goal_title_lead_words"])
    return _GoalTitles(
        head=re.compile(head),
        named=named, level_only=level_only,
        run=re.compile(rf"(?:以上|[^\s\d{stops}\W]){{2,24}}$"),
        title=re.compile(rf"^(?P<pre>.*?(?:{verbs}|{weak_verbs}|{lead})+(?:以上)?|以上)?(?P<t>.{{2,}})$"),
        verb=re.compile(verbs),
        weak_verb=re.compile(weak_verbs),
        level=re.compile(literal_regex(data["goal_title_levels"])),
        after=re.compile(rf"(?:\s*[、和及与]\s*[^。;；,，:：\n]{{0,30}}?)?\s*{after}"),
        generic=tuple(data["goal_title_generic"]),
    )


def goal_titles(text: str) -> list[Found]:
    """Honour titles a plan sets as goals or mentions as held, outside any conferral.

    >>> t = "争创国家生态园林城市和全国文明城市,推进河南省放心消费示范省创建,9个国家级畜产品安全县创建。"
    >>> [f.name(t) for f in goal_titles(t)]
    ['国家生态园林城市', '全国文明城市', '河南省放心消费示范省', '国家级畜产品安全县']
    >>> [f.name(t) for f in goal_titles("建设杭州国家自主创新示范区,完善城市功能,建成一批示范县。")]
    []
    """
    g = _goal_titles()
    out: list[Found] = []
    for m in g.head.finditer(text):
        s = m.start("h") if m.group("h") else m.start("w")
        run = g.run.search(text, max(0, s - 24), s)
        if run is None:
            continue
        split = g.title.match(run.group())
        start = run.start() + split.start("t")
        body = text[start:s]
        level = g.level.match(body)
        field = body[level.end():] if level else body
        named = m.group("h") in g.named
        if (len(field) < 2 and not (named and level)) or field.startswith(g.generic):
            continue
        pre = split.group("pre") or ""
        created = g.verb.search(pre) is not None or g.after.match(text, m.end()) is not None
        context = created or g.weak_verb.search(pre) is not None or _counted_before(text, run.start())
        if m.group("w"):                       # a bare 市, 县…: a level word and a creation context
            ok = level is not None and context
        elif m.group("h") in g.level_only:     # 示范区: a level word and a creation verb
            ok = level is not None and created
        elif named and not field:              # 全国文明城市
            ok = level is not None
        else:
            ok = created or level is not None
        if ok:
            out.append(Found(start, m.end(), "Award"))
    return out


def _counted_before(text: str, pos: int) -> bool:
    """True when a count (``15 个以上``, ``2个``) stands right before ``pos``."""
    return re.search(r"\d+\s*个(?:以上)?\s*$", text[max(0, pos - 10):pos]) is not None


def find_awards(text: str) -> list[Found]:
    """Every Award, Person and Achievement mention in ``text``, in order, no duplicates.

    >>> t = "2020年度浙江省科学技术奖励的决定\\n授予“新型冠状病毒S蛋白”等11项成果浙江省自然科学奖一等奖。"
    >>> [(f.label, f.name(t)) for f in find_awards(t)]
    [('Achievement', '新型冠状病毒S蛋白'), ('Award', '2020年度浙江省自然科学奖一等奖')]
    """
    found: dict[tuple[int, int, str], Found] = {}
    for g in read_grants(text):
        for f in [g.award] + g.recipients:
            if f.label in LABELS:
                found.setdefault((f.start, f.end, f.label), f)
    for item in incentive_items(text):
        found.setdefault((item.award.start, item.award.end, "Award"), item.award)
    if not found:                              # a document that confers nothing
        for f in named_prizes(text) + goal_titles(text):
            found.setdefault((f.start, f.end, "Award"), f)
    for f in roster_persons(text) + appointment_persons(text):
        found.setdefault((f.start, f.end, "Person"), f)
    return [found[k] for k in sorted(found)]


@Language.factory("govkg_awards")
def make_awards(nlp: Language, name: str) -> "AwardsComponent":
    """Create the awards component (configured from ``awards.yaml``)."""
    return AwardsComponent(name)


class AwardsComponent:
    """Adds Award, Person and Achievement spans to ``doc.spans["govkg"]``."""

    def __init__(self, name: str = "govkg_awards"):
        self.name = name
        patterns()  # compile once, fail early on a broken data file

    def __call__(self, doc: Doc) -> Doc:
        for f in find_awards(text_of(doc)):
            add_span(doc, f.start, f.end, f.label, attrs={k: str(v) for k, v in f.attrs.items()}, source="pattern")
        return doc
