"""``gov:ledBy`` / ``gov:leads``: who builds a laboratory (or programme).

Read from ``由X牵头建设Y``, ``X牵头组建Y``, ``依托X建设Y`` and similar, where
X is an institution, agency or laboratory mention ending right before the
verb and Y a laboratory (or programme) mention starting right after it::

    由浙江大学牵头建设良渚实验室(系统医学与精准诊治浙江省实验室)

gives ``良渚实验室 gov:ledBy 浙江大学`` and ``浙江大学 gov:leads 良渚实验室``.
The lab may also come first, as the subject of a list item::

    (一)湘湖实验室(…浙江省实验室),由浙江省农业科学院牵头建设,落户杭州市萧山区。
    (四)东海实验室(…),由浙江大学牵头,联合…共同建设,落户舟山市。

(``Y(…),由X牵头`` with a verb of building later in the sentence).  An item
whose heading is the lab alone, the leader in the next sentence, reads alike::

    二、天府实验室。由四川大学牵头,联合电子科技大学共同建设,落户成都市。
    一、同意建设天府实验室。实验室由四川大学牵头建设,…


(the partners after 联合 get no relation).  A list of
founded labs may give the leader as a field of the item the lab opens::

    1.济南微生态生物医学山东省实验室。牵头单位:山东第一医科大学;共建单位:山东大学;所在地:济南市。

(the 牵头单位 only: 共建单位 are partners, not leaders).
Locations of laboratories come from ``graph.extract.location``.
"""

from __future__ import annotations

import re

from graph.extract.entities import PairIndex, alternation, document_graph, line_start, resolve_mentions, words
from graph.model import Document, Fact, Mention
from graph.nlp.common import matching_open

#: The verb between the leader and what it builds.
LEAD_WORD = re.compile("牵头(?:" + alternation("lead_build_verbs") + ")|(?:负责|承担)(?:建设|组建)")
LEADERS = ("Institution", "Agency", "Laboratory")
LED = ("Laboratory", "Program")
#: ``,由`` before the leader of a lab named first; the building verb must follow
#: in the same sentence.
BY = re.compile(r"[,，。]\s*由")
BUILD_LATER = re.compile(r"[^。;；\n]*?(?:" + alternation("build_verbs") + ")")
#: A bare type noun opening a sentence, referring back to the body of that
#: type named last (``。实验室由X牵头建设``, ``。该园区位于…``).
ANAPHOR_TYPES = dict(words("anaphor_nouns"))
ANAPHOR = re.compile(r"(?<=[。;；])\s*(?:该|本|此)?(?P<noun>" + alternation("anaphor_nouns") + ")")
#: The same noun as the subject of a leader clause may also follow a comma
#: (``建设Y实验室(…),实验室由X牵头建设``).
LEAD_ANAPHOR = re.compile(r"(?<=[。;；,，])\s*(?:该|本|此)?(?P<noun>" + alternation("anaphor_nouns") + ")")
#: The leader field of a list item: ``牵头单位:X``, ``牵头单位为X``.
LEAD_FIELD = re.compile("牵头(?:" + alternation("lead_fields") + r")\s*(?:[:：]|为)\s*")
#: A list marker opening a line.
LINE_ITEM = re.compile(r"[ \t\u3000]*(?:[(（〔][一二三四五六七八九十0-9]{1,3}[)）〕]|[0-9]{1,3}[.、．]|"
                       r"[一二三四五六七八九十]{1,3}、)?[ \t\u3000]*")


def extract(document: Document, mentions: list[Mention], resolver) -> list[Fact]:
    """Lead facts of one document."""
    graph = document_graph(document)
    text = document.text
    pairs = resolve_mentions(document, mentions, resolver)
    index = PairIndex(pairs)
    by_end = {m.end: (m, e) for m, e in pairs if e.type in LEADERS}
    by_start = {m.start: (m, e) for m, e in pairs if e.type in LED}
    facts = []
    for verb in LEAD_WORD.finditer(text):
        leader = by_end.get(verb.start())
        led = by_start.get(verb.end())
        if leader is None or led is None:
            continue
        (_, x), (_, y) = leader, led
        if x.iri == y.iri:
            continue
        facts.append(Fact(y.iri, "gov:ledBy", x.iri, graph))
        facts.append(Fact(x.iri, "gov:leads", y.iri, graph))
    facts += _lab_first(text, pairs, graph, index)
    facts += _lead_fields(text, pairs, graph)
    facts += _anaphor_led(text, pairs, graph, index)
    # ``依托X建设Y``: X is the host and leader of Y.
    for host in re.finditer(r"依托", text):
        after = [(m, e) for m, e in index.starting_at(host.end()) if e.type in LEADERS]
        if not after:
            continue
        m, x = after[0]
        verb = re.compile(r"(?:牵头)?(?:建设|组建|共建)").match(text, m.end)
        led = by_start.get(verb.end()) if verb else None
        if led is not None and led[1].iri != x.iri:
            facts.append(Fact(led[1].iri, "gov:ledBy", x.iri, graph))
            facts.append(Fact(x.iri, "gov:leads", led[1].iri, graph))
    return list(dict.fromkeys(facts))


def _lab_first(text: str, pairs, graph: str, index: "PairIndex | None" = None) -> list[Fact]:
    """``Y(…),由X牵头(建设)…``: Y ledBy X (see the module docstring)."""
    index = index or PairIndex(pairs)
    by_start = {m.start: e for m, e in pairs if e.type in LEADERS}
    by_end = {m.end: e for m, e in pairs if e.type in LED}
    out = []
    for by in BY.finditer(text):
        leader = by_start.get(by.end())
        if leader is None:
            continue
        lead_end = next(m.end for m, e in index.starting_at(by.end()) if e is leader)
        if not text.startswith("牵头", lead_end) or not BUILD_LATER.match(text, lead_end):
            continue
        led_end = _before_brackets(text, by.start())
        led = by_end.get(led_end)
        if text[by.start()] == "。" and not _heads_item(text, led_end, pairs, index):
            continue
        if led is not None and led.iri != leader.iri:
            out.append(Fact(led.iri, "gov:ledBy", leader.iri, graph))
            out.append(Fact(leader.iri, "gov:leads", led.iri, graph))
    return out


def _anaphor_led(text: str, pairs, graph: str, index: "PairIndex | None" = None) -> list[Fact]:
    """``一、同意建设Y实验室。实验室由X牵头建设,…``: the bare ``实验室`` opening
    a sentence (or a clause: ``建设Y实验室(…),实验室由X牵头建设``) refers back to
    the lab named last before it in the paragraph, so Y ledBy X."""
    by_start = {m.start: (m, e) for m, e in pairs if e.type in LEADERS}
    out = []
    for m in LEAD_ANAPHOR.finditer(text):
        if not text.startswith("由", m.end()):
            continue
        leader = by_start.get(m.end() + 1)
        if leader is None or not text.startswith("牵头", leader[0].end):
            continue
        if not BUILD_LATER.match(text, leader[0].end):
            continue
        led = referent(text, m, pairs, index)
        if led is not None and led.iri != leader[1].iri:
            out.append(Fact(led.iri, "gov:ledBy", leader[1].iri, graph))
            out.append(Fact(leader[1].iri, "gov:leads", led.iri, graph))
    return out


def referent(text: str, anaphor: re.Match, pairs, index: "PairIndex | None" = None):
    """The body a bare type noun (``实验室``, ``园区``) opening a sentence
    refers to: the last mention of that type before it in the same paragraph.

    >>> from types import SimpleNamespace as M
    >>> t = "一、同意建设天山实验室。实验室由某大学牵头建设"
    >>> lab = M(type="Laboratory")
    >>> referent(t, ANAPHOR.search(t, 12), [(M(start=6, end=11), lab)]) is lab
    True
    """
    kind = ANAPHOR_TYPES[anaphor.group("noun")]
    line = line_start(text, anaphor.start())
    index = index or PairIndex(pairs)
    before = []
    for m, e in index.from_offset(line):
        if index.ordered and m.start > anaphor.start():
            break           # every later mention ends after the anaphor
        if m.end <= anaphor.start() and e.type == kind:
            before.append((m, e))
    return max(before, key=lambda p: p[0].end)[1] if before else None


def _heads_item(text: str, end: int, pairs, index: "PairIndex | None" = None) -> bool:
    """True when a mention ending at ``end`` opens its line's list item
    (``二、天府实验室。``): a heading whose next sentence is about it.

    >>> from types import SimpleNamespace as M
    >>> _heads_item("二、天府实验室。由", 7, [(M(start=2, end=7), None)])
    True
    """
    line = line_start(text, end)
    opening = LINE_ITEM.match(text, line).end()
    return (index or PairIndex(pairs)).spans(opening, end)


def _lead_fields(text: str, pairs, graph: str) -> list[Fact]:
    """``1.Y实验室。牵头单位:X;…``: the lab opening a line is led by the
    leader its ``牵头单位`` field names (see the module docstring)."""
    by_start = {}
    for m, e in pairs:
        by_start.setdefault(m.start, e)
    out = []
    for field in LEAD_FIELD.finditer(text):
        leader = by_start.get(field.end())
        if leader is None or leader.type not in LEADERS:
            continue
        line = line_start(text, field.start())
        opening = LINE_ITEM.match(text, line).end()
        led = by_start.get(opening)
        if led is not None and opening < field.start() and led.type == "Laboratory" and led.iri != leader.iri:
            out.append(Fact(led.iri, "gov:ledBy", leader.iri, graph))
            out.append(Fact(leader.iri, "gov:leads", led.iri, graph))
    return out


def _before_brackets(text: str, end: int) -> int:
    """The offset before a bracket group ending at ``end`` (``Y(…)`` → end of Y).

    >>> _before_brackets("湘湖实验室(别名),", 9)
    5
    """
    if end and text[end - 1] in ")）〕":
        open_at = matching_open(text, end - 1, opens="(（〔", closes=")）〕")
        if open_at >= 0:
            return open_at
    return end
