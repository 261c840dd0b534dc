"""``gov:establishes``: the document approves or sets up an institution, a
development zone, a laboratory or a programme.

- Founding notices and approvals (title ``关于(同意)(正式)设立/成立/组建/建设/
  筹建 X … 的批复/通知/决定``): every institution, zone or laboratory
  mention (of the classes the title names) directly after 设立/成立/组建/建设/
  筹建/定名为 in the title or the text
  (``在…的基础上设立湖州工程技师学院``, ``同意设立台州技师学院``); when the
  title names one of several (``同意建设湘湖实验室等第三批浙江省实验室``),
  every entity of that class heading a numbered item of the text too
  (``(二)甬江实验室(…),由…牵头建设``).
- A founding verb before a list founds every name of the list:
  ``同意设立A、B、C和D`` (a coordination of names of one class after the verb).
- A founding verb before a count founds that many bodies named after it:
  ``同意认定以下8家高新技术产业园区为省级高新技术产业园区:`` followed by the
  eight parks (in lines ``杭州市:A、B;``), ``决定建设首批5家山东省实验室`` followed
  by ``1.A实验室。…`` — the next N distinct entities of the class of the first
  one named after the count.  Only in founding notices and approvals (for
  a published list ``关于公布…名单的通知`` see below).
  A body named between the verb and the count is the first of them
  (``同意建设A重点实验室等8家浙江省重点实验室(名单见附件)``: A and the next
  seven labs, those of the attached list).
- A notice publishing a list of bodies it recognises (title ``关于公布…名单
  的通知``, text ``决定认定A等8个园区为第五批省级农业科技园区``,
  ``认定A等6家实验室为2024年度X市重点实验室``) founds each listed body: the
  names of the name column of the attached table (``序号 / 园区名称 / 所在地``)
  when it lists as many bodies as the count, else the counted bodies after
  the verb.  A title of the recognition itself (``关于认定2020年度浙江省重点
  实验室的通知``) is such a notice too.  A published list without a recognition
  sentence (a catalogue of existing zones, ``…开发区(园区)名单(2021年版)``)
  founds nothing, nor does the recognition of existing institutions
  (``认定A研究院等8家机构为2022年度浙江省新型研发机构``): parks and
  laboratories are constituted by it, institutions only when the count or the
  status names a kind of body set up by recognition (``认定A等4家企业研究院为
  2020年度省级企业研究院``, ``recognised_institution_kinds`` of relations.yaml).
- A published list named as a founding list (``关于公布2021年广东省实验室建设名单
  的通知``, ``现将…组建名单公布如下``) founds every park or laboratory heading a
  numbered item (``一、A广东省实验室(…),由…牵头建设``) or opening a name cell
  of its table.
- An approval of named bodies as members of a class (``同意A和B建设为第四批
  广东省实验室``) founds each of them, in a founding notice or a published list.
- An approval of a zone-integration plan (``关于同意…整合提升方案的批复``) listing the
  zones after integration (``1.X(整合A、B);``) establishes each listed zone it sets up
  a body for or makes the main platform (``X设立管理委员会``, ``以X为主平台``): a new
  zone.  A listed zone that only takes in others existed before.
- Issuing notices (``关于印发 X规划 的通知``): the programme X; an elided pair
  (``印发中国(温州)、中国(绍兴)…实施方案的通知``) issues both plans.
"""

from __future__ import annotations

import bisect
import re

from graph.extract.entities import alternation, document_graph, line_start, resolve_mentions, words
from graph.model import Document, Fact, Mention
from graph.nlp.common import literal_regex, load_patterns
from graph.nlp.programs import split_elided
from graph.nlp.tables import flat_tables

#: Titles of founding notices and approvals.
FOUNDING_TITLE = re.compile(r"关于(?:同意|批准)?(?:正式)?(?:" + alternation("founding_title_verbs") + ")"
                           r"|关于(?:同意|批准)认定"
                           r"|关于(?:同意|批准).{2,40}?(?:" + alternation("founding_title_changes") + ")")
#: A founding verb before a count of the bodies it founds (``认定以下8家``,
#: ``建设首批5家``, ``设立第二批十个``); group ``n`` is the count.
#: ``建设X等8家``: the first body named before the count (group ``first``).
COUNTED_FOUNDING = re.compile(r"(?P<verb>" + alternation("counted_founding_verbs") + r")(?:首批|第[一二三四五六七八九十0-9]{1,3}批)?"
                              r"(?:(?P<first>[^,，。;；:：、\s]{2,40}?)等)?"
                              r"(?:以下|下列|如下)?\s*(?P<n>[0-9]{1,2}|[一二三四五六七八九十两]{1,3})\s*(?:家|个|所|座)")
#: The title of a notice publishing a list (``关于公布…名单的通知``).
PUBLISHED_LIST_TITLE = re.compile(alternation("published_list_title", escape=False))
#: A recognition before a count, the first body named before the count
#: (``决定认定A等6家实验室为…``); groups as in :data:`COUNTED_FOUNDING`.
RECOGNITION = re.compile(r"(?P<verb>" + alternation("recognition_verbs") + r")"
                         r"(?P<first>[^,，。;；:：、\s]{2,40}?)等\s*"
                         r"(?P<n>[0-9]{1,2}|[一二三四五六七八九十两]{1,3})\s*(?:家|个|所|座)[^,，。;；]{0,30}?为")
#: The name of a list that founds its bodies (``建设名单``, ``组建名单``).
FOUNDING_LIST = re.compile(alternation("founding_lists"))
#: The sentence announcing a published list (``现将2021年广东省实验室建设名单公布如下``).
ANNOUNCED_LIST = re.compile(r"现将[^。;；\n]{2,80}?公布如下")
#: Named bodies approved as members of a class (``同意A和B建设为第四批广东省实验室``);
#: group ``list`` holds the names.
APPROVED_AS = re.compile(r"同意(?P<list>[^,，。;；:：\n]{2,200}?)(?:" + alternation("approved_as_verbs") + ")")
#: How far after a counted founding verb its bodies may be named.
COUNTED_WINDOW = 4000
#: Words joining the names of one coordination (``A、B和C``).
COORDINATION = tuple(words("coordination"))
#: The verb right before an established entity (up to two filler characters).
FOUNDING_VERB = re.compile("(?:" + alternation("founding_verbs") + ")")
FOUNDED = ("Institution", "DevelopmentZone", "Laboratory")
#: The classes a recognition constitutes: a park or a laboratory recognised at a
#: level is set up as one; an institution recognised as a 新型研发机构 existed
#: before and only gains a status.
RECOGNISED = ("DevelopmentZone", "Laboratory")
#: Kinds of institution a recognition constitutes, named by the count or the status
#: (``认定A等4家企业研究院为2020年度省级企业研究院``).
RECOGNISED_INSTITUTIONS = tuple(words("recognised_institution_kinds"))
#: The status a recognition confers: the words after 为 up to the clause's end.
STATUS = re.compile(r"[^,，。;；:：(（\n]{0,40}")
#: The title of an approval of a zone-integration plan.
INTEGRATION_APPROVAL_TITLE = re.compile(alternation("integration_approval_title", escape=False))
#: What follows a zone the approval newly sets up (``设立管理委员会``, ``为主平台``).
NEW_ZONE_MARK = re.compile(r"\s*(?:" + alternation("new_zone_marks") + ")")
#: A numbered item's marker, alone between the line start and a name.
ITEM_MARK = re.compile(r"\s*(?:[(（〔][一二三四五六七八九十0-9]{1,3}[)）〕]|[0-9]{1,3}[.、．]|[一二三四五六七八九十]{1,3}、)\s*$")


def extract(document: Document, mentions: list[Mention], resolver) -> list[Fact]:
    """Establishment facts of one document."""
    graph = document_graph(document)
    facts: list[Fact] = []
    title = (document.title or "").replace(" ", "")
    if FOUNDING_TITLE.search(title):
        facts += _founded(document, mentions, resolver, graph)
    elif PUBLISHED_LIST_TITLE.search(title):
        facts += [Fact(graph, "gov:establishes", e.iri, graph)
                  for e in _published(document, title, mentions, resolver)]
    elif INTEGRATION_APPROVAL_TITLE.search(title):
        facts += [Fact(graph, "gov:establishes", iri, graph)
                  for iri in _new_zones(document, mentions, resolver)]
    program = issued_program(title)
    for program in split_elided(program) if program else []:
        entity = resolver.resolve(program, "Program", when=document.date)
        facts.append(Fact(graph, "gov:establishes", entity.iri, graph))
        facts.append(Fact.type(entity.iri, "Program", graph))
        facts.append(Fact.label(entity.iri, entity.label, graph))
        facts.append(Fact(graph, "gov:mentions", entity.iri, graph))
    return list(dict.fromkeys(facts))


def _published(document: Document, title: str, mentions: list[Mention], resolver) -> list:
    """The bodies a published list founds: those it recognises (``决定认定A等8个园区
    为…``), else those of a founding list (``…建设名单``) heading its items, and those
    approved as members of a class (``同意A和B建设为…``)."""
    text = document.text
    founding_list = FOUNDING_LIST.search(title) or any(
        FOUNDING_LIST.search(m.group()) for m in ANNOUNCED_LIST.finditer(text))
    if not (RECOGNITION.search(text) or founding_list or APPROVED_AS.search(text)):
        return []
    pairs = resolve_mentions(document, mentions, resolver)
    found = _recognised(text, pairs) if RECOGNITION.search(text) else []
    if not found and founding_list:
        found = _listed(text, pairs)
    return found + _approved_as(text, pairs, set(RECOGNISED))


def _new_zones(document: Document, mentions: list[Mention], resolver) -> list[str]:
    """The IRIs of the zones an approval of an integration plan newly sets up: those
    listed after integration (``X(整合A、B)``) that some mention follows with a mark of
    a new zone (``X设立管理委员会``, ``以X为主平台``).

    >>> from graph.resolve import Resolver
    >>> r = Resolver()
    >>> t = ("1.赣州智造新区(整合赣州经济开发区、赣州南康工业园区);2.江西瑞金经济开发区(整合瑞金工业园区)。"
    ...      "三、赣州智造新区设立管理委员会。")
    >>> names = ["赣州智造新区", "赣州经济开发区", "赣州南康工业园区", "江西瑞金经济开发区", "瑞金工业园区"]
    >>> ms = [Mention(n, "DevelopmentZone", t.index(n), t.index(n) + len(n)) for n in names]
    >>> ms.append(Mention(names[0], "DevelopmentZone", t.rindex(names[0]), t.rindex(names[0]) + 6))
    >>> _new_zones(Document(key="d", title="", text=t), ms, r) == [r.resolve(names[0], "DevelopmentZone").iri]
    True
    """
    from graph.extract.zones import bracketed_heads

    heads = bracketed_heads(document, mentions, resolver)
    if not heads:
        return []
    text = document.text
    marked = {e.iri for m, e in resolve_mentions(document, mentions, resolver)
              if e.type == "DevelopmentZone" and NEW_ZONE_MARK.match(text, m.end)}
    return [iri for iri in heads if iri in marked]


def _listed(text: str, pairs) -> list:
    """The distinct parks and laboratories heading the numbered items of a text, or
    opening the name cells of its table.

    >>> from graph.model import Entity, Mention
    >>> t = "名单公布如下:\\n一、甲实验室,由乙大学牵头建设。\\n二、支持丙实验室发展。"
    >>> pairs = [(Mention(x, "Laboratory", t.index(x), t.index(x) + 4), Entity(x, "Laboratory", x, x))
    ...          for x in ("甲实验室", "丙实验室")]
    >>> [e.label for e in _listed(t, pairs)]
    ['甲实验室']
    """
    found = {e.iri: e for mention, e in pairs if e.type in RECOGNISED and _heads_item(text, mention.start)}
    for e in _tabled(text, pairs, 0):
        if e.type in RECOGNISED:
            found.setdefault(e.iri, e)
    return list(found.values())


def _approved_as(text: str, pairs, kinds: set[str]) -> list:
    """The bodies of ``kinds`` named between 同意 and a verb approving them as members
    of a class (``同意A和B建设为第四批广东省实验室``).

    >>> from graph.model import Entity, Mention
    >>> t = "经研究,同意甲实验室和乙实验室建设为第四批省实验室。"
    >>> pairs = [(Mention(x, "Laboratory", t.index(x), t.index(x) + 4), Entity(x, "Laboratory", x, x))
    ...          for x in ("甲实验室", "乙实验室")]
    >>> [e.label for e in _approved_as(t, pairs, {"Laboratory"})]
    ['甲实验室', '乙实验室']
    """
    found: dict[str, object] = {}
    for m in APPROVED_AS.finditer(text):
        for mention, e in pairs:
            if e.type in kinds and m.start("list") <= mention.start and mention.end <= m.end("list"):
                found.setdefault(e.iri, e)
    return list(found.values())


def _founded(document: Document, mentions: list[Mention], resolver, graph: str) -> list[Fact]:
    """Entities named right after a founding verb in the text."""
    text = document.text
    out = []
    pairs = resolve_mentions(document, mentions, resolver)
    title = (document.title or "").replace(" ", "")
    kinds = {e.type for m, e in pairs if e.type in FOUNDED and m.text in title} or set(FOUNDED)
    starts = [m.start for m, _ in pairs]
    for mention, entity in pairs:
        if entity.type not in kinds:
            continue
        before = text[max(0, mention.start - 6):mention.start]
        m = None
        for m in FOUNDING_VERB.finditer(before):
            pass
        if m is not None and len(before) - m.end() <= 2 and not re.search(r"[,，。;；、]", before[m.end():]):
            out += [Fact(graph, "gov:establishes", e.iri, graph)
                    for e in _coordinated(text, pairs, mention, entity, starts)]
    out += [Fact(graph, "gov:establishes", e.iri, graph) for e in _counted(text, pairs, kinds)]
    out += [Fact(graph, "gov:establishes", e.iri, graph) for e in _approved_as(text, pairs, kinds)]
    for kind in _several(document.title or "", pairs):
        for mention, entity in pairs:
            if entity.type == kind and _heads_item(text, mention.start):
                out.append(Fact(graph, "gov:establishes", entity.iri, graph))
    return out


def _coordinated(text: str, pairs, mention: Mention, entity, starts=None) -> list:
    """``entity`` and the entities of its class coordinated after it
    (``设立A、B、C和D`` → A, B, C, D)."""
    out = [entity]
    end = mention.end
    starts = starts if starts is not None else [m.start for m, _ in pairs]
    for i in range(bisect.bisect_left(starts, end), len(pairs)):
        other, e = pairs[i]
        if e.type != entity.type or text[end:other.start] not in COORDINATION:
            break
        out.append(e)
        end = other.end
    return out


def _counted(text: str, pairs, kinds: set[str], pattern: re.Pattern = COUNTED_FOUNDING) -> list:
    """The N entities a counted founding verb names after it (see the module
    docstring): distinct, of the class of the first one, within
    :data:`COUNTED_WINDOW` characters."""
    out = []
    starts = [mention.start for mention, _ in pairs]
    for m in pattern.finditer(text):
        n = _number(m.group("n"))
        if not n or n > 50:
            continue
        found: dict[str, object] = {}
        kind = None
        first = m.end("verb") if m.group("first") else m.end()
        for i in range(bisect.bisect_left(starts, first), len(pairs)):
            mention, entity = pairs[i]
            if mention.start > m.end() + COUNTED_WINDOW:
                break
            if entity.type not in kinds or _in_brackets(text, mention.start):
                continue
            kind = kind or entity.type
            if entity.type == kind:
                found.setdefault(entity.iri, entity)
            if len(found) == n:
                break
        if len(found) == n:
            out += found.values()
    return out


def _recognised(text: str, pairs) -> list:
    """The bodies a published list recognises (``决定认定A等8个园区为…``): the
    bodies of the name column of a flattened table after the sentence when
    the table lists as many as the count, else the counted bodies named
    after the verb."""
    out = []
    for m in RECOGNITION.finditer(text):
        n = _number(m.group("n"))
        first = [e for mention, e in pairs if m.start("first") <= mention.start < m.end("first")]
        if not n or n > 50 or not first or not _constituted(text, m, first[0].type):
            continue
        listed = [e for e in _tabled(text, pairs, m.end()) if e.type == first[0].type]
        if len(listed) == n:
            out += listed
        else:
            out += _counted(text, pairs, {first[0].type}, pattern=RECOGNITION)
    return out


def _constituted(text: str, m: re.Match, kind: str) -> bool:
    """True when the recognition ``m`` sets up bodies of class ``kind``: parks and
    laboratories always, institutions when the count or the status names a kind
    of :data:`RECOGNISED_INSTITUTIONS`.

    >>> t = "认定甲企业研究院等4家企业研究院为2020年度省级企业研究院。"
    >>> _constituted(t, RECOGNITION.search(t), "Institution")
    True
    >>> t = "认定甲研究院等8家机构为2022年度浙江省新型研发机构,现予公布。"
    >>> _constituted(t, RECOGNITION.search(t), "Institution")
    False
    """
    if kind in RECOGNISED:
        return True
    if kind != "Institution":
        return False
    named = text[m.start("n"):STATUS.match(text, m.end()).end()]
    return any(k in named for k in RECOGNISED_INSTITUTIONS)


def _tabled(text: str, pairs, after: int) -> list:
    """The distinct bodies (zones, laboratories, institutions) that open the
    name cells (a header holding ``名称``) of the first flattened table after
    offset ``after``.

    >>> from graph.model import Entity, Mention
    >>> t = "认定。\\n序号\\n园区名称\\n所在地\\n1\\n甲园区\\n杭州市\\n2\\n乙园区\\n宁波市\\n"
    >>> pairs = [(Mention(x, "DevelopmentZone", t.index(x), t.index(x) + 3), Entity(x, "DevelopmentZone", x, x))
    ...          for x in ("甲园区", "乙园区")]
    >>> [e.label for e in _tabled(t, pairs, 0)]
    ['甲园区', '乙园区']
    """
    by_start = {m.start: (m, e) for m, e in pairs if e.type in FOUNDED}
    for table in flat_tables(text):
        if table.start < after:
            continue
        col = table.column(("名称",))
        if col is None:
            continue
        found: dict[str, object] = {}
        for cell in table.cells(col):
            hit = by_start.get(cell.start)
            if hit is not None and hit[0].end <= cell.end:
                found.setdefault(hit[1].iri, hit[1])
        return list(found.values())
    return []


def _in_brackets(text: str, start: int) -> bool:
    """True when ``start`` lies inside a bracket opened on its line: a body
    named in a note after an item's name (``3.A园区(整合B、C)``) is not one of
    the bodies a count announces.

    >>> t = "3.宁波甲园区(整合乙开发区、丙工业园区)"
    >>> _in_brackets(t, t.index("乙")), _in_brackets(t, t.index("丙")), _in_brackets(t, t.index("宁"))
    (True, True, False)
    """
    line = text[line_start(text, start):start]
    return sum(line.count(c) for c in "(（〔[【") > sum(line.count(c) for c in ")）〕]】")


def _number(digits: str) -> int:
    """A count written in digits or Chinese numerals (up to 99).

    >>> _number("8"), _number("五"), _number("十二"), _number("二十")
    (8, 5, 12, 20)
    """
    if digits.isdigit():
        return int(digits)
    values = {c: i for i, c in enumerate("零一二三四五六七八九")}
    values["两"] = 2
    if "十" in digits:
        tens, _, ones = digits.partition("十")
        return values.get(tens, 1) * 10 + values.get(ones, 0)
    return values.get(digits, 0)


def _several(title: str, pairs) -> set[str]:
    """Classes of the entities a title founds as one of several
    (``…同意建设湘湖实验室等第三批浙江省实验室的通知`` → ``{"Laboratory"}``)."""
    kinds = set()
    title = title.replace(" ", "")
    for mention, entity in pairs:
        if entity.type in FOUNDED and title.find(mention.text + "等") > 0:
            kinds.add(entity.type)
    return kinds


def _heads_item(text: str, start: int) -> bool:
    """True when only a list marker stands between the line start and ``start``.

    >>> _heads_item("名单\\n(二)甬江实验室", 6), _heads_item("支持甬江实验室", 2)
    (True, False)
    """
    begin = line_start(text, start)
    return bool(ITEM_MARK.fullmatch(text, begin, start)) and start > begin


def issued_program(title: str):
    """The programme a ``关于印发X的通知`` title issues, or None.

    >>> issued_program("浙江省人民政府关于印发浙江省海洋经济发展“十四五”规划的通知")
    '浙江省海洋经济发展“十四五”规划'
    >>> issued_program("浙江省人民政府办公厅关于印发2021年浙江省政务公开工作要点的通知") is None
    True
    >>> issued_program("台州市人民政府关于印发台州湾新区高质量发展三年行动计划(2021—2023年)的通知")
    '台州湾新区高质量发展三年行动计划(2021—2023年)'
    >>> issued_program("江苏省人民政府办公厅关于印发《江苏省数字经济加速行动实施方案》的通知")
    '江苏省数字经济加速行动实施方案'
    """
    data = load_patterns("programs")
    endings = literal_regex(data.get("title_endings", []))
    period = "(?:" + data.get("period", "(?!)") + ")?"
    m = re.search(r"印发《?(.{4,80}?" + endings + period + r")》?的(?:通知|决定)$", title)
    return m.group(1) if m else None
