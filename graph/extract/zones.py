"""``gov:integrates`` and ``gov:inPreparation`` for development zones.

In a zone list (``浙江省开发区(园区)名单``) each item names a zone and, in
brackets after it, the zones integrated into it::

    18. 宁波前湾新区(中意宁波生态园、宁波杭州湾经济技术开发区、宁波前湾综合保税区)
    40. 浙江鹿城经济开发区(筹)(浙江温州鹿城轻工产业园区)

gives ``宁波前湾新区 gov:integrates 中意宁波生态园`` (and the others), and
``浙江鹿城经济开发区 gov:inPreparation true``.  The list is read by
:func:`graph.nlp.zones.zone_list_items`, the same reader the entity pipeline
uses, so the names are the mentions' names.

A zone table flattened into the text (``序号 / 设区市 / 整合提升后平台 /
整合范围``, one cell per line) is read the same way by
:func:`graph.nlp.zones.zone_table_items`: the platform integrates each zone
its scope cell lists (``温州经济技术开发区、温州综合保税区``).

In an approval setting up a zone (``同意设立X``), a clause ``整合A、B和C`` in running
text names the zones X integrates: the subject is the set-up zone the sentence names
before the verb, or abbreviates at its start (``开发区位于…,整合A、B和C``; also by the short
name the document declares for it, ``X(以下简称产业园)。产业园位于…``); the objects are the
zones the clause lists, one after another with only joins between them, a former mark
allowed before each (``整合原A和原B``).

The same clause with the list before the verb (``由原A和B整合而成``, ``由A、B整合设立``;
``integrated_from`` in ``ontology/patterns/zones.yaml``) names the zones the set-up zone
of its sentence integrates.

A list of zones merged into the zone right after the verb (``同意将A、B整合纳入X``;
``integrated_into`` in ``ontology/patterns/zones.yaml``) gives ``X gov:integrates A`` (B).

A sentence merging one zone into another (``原广西平果工业区整体纳入高新区统一
规划、统一管理``) gives ``Y gov:integrates X``; a short kind for Y (高新区,
开发区) stands for the document's zone of that kind.
"""

from __future__ import annotations

import re

from graph.extract.entities import SHORT_NAME, alternation, document_graph, resolve_mentions, words
from graph.model import Document, Fact, Mention
from graph.nlp.common import load_patterns
from graph.nlp.zones import zone_list_items, zone_table_items


def extract(document: Document, mentions: list[Mention], resolver) -> list[Fact]:
    """Integration and status facts of the zone lists in a document."""
    graph = document_graph(document)
    facts: list[Fact] = []
    for item in zone_list_items(document.text) + zone_table_items(document.text):
        head = resolver.resolve(item.head, "DevelopmentZone", when=document.date)
        if item.head_prep:
            facts.append(_prep(head.iri, graph))
        for name, _, prep in item.members:
            member = resolver.resolve(name, "DevelopmentZone", when=document.date)
            if member.iri == head.iri:
                continue
            facts.append(Fact(head.iri, "gov:integrates", member.iri, graph))
            if prep:
                facts.append(_prep(member.iri, graph))
    facts += _merged(document, mentions, resolver, graph)
    facts += _bracketed(document, mentions, resolver, graph)
    facts += _integrated_in_text(document, mentions, resolver, graph)
    facts += _integrated_from(document, mentions, resolver, graph)
    facts += _integrated_into(document, mentions, resolver, graph)
    facts += _kept_name(document, mentions, resolver, graph)
    return list(dict.fromkeys(facts))


def integrated_pairs(document: Document, mentions: list[Mention], resolver) -> list[tuple[str, str]]:
    """``(new zone IRI, integrated zone IRI)`` of the integration clauses of an approval
    (``整合A、B``, ``由原A和B整合而成``): used to place the parts where the new zone lies."""
    facts = _integrated_in_text(document, mentions, resolver, "")
    facts += _integrated_from(document, mentions, resolver, "")
    facts += _bracketed(document, mentions, resolver, "")
    return [(f.subject, f.object) for f in facts]


def bracketed_heads(document: Document, mentions: list[Mention], resolver) -> list[str]:
    """The IRIs of the zones named before a bracketed integration (``X(整合A、B)``),
    in order: the zones an approval of an integration plan lists after integration."""
    heads = [f.subject for f in _bracketed(document, mentions, resolver, "")]
    return list(dict.fromkeys(heads))


#: ``(整合``: an opening bracket and the verb opening a list of integrated zones.
BRACKET_VERB = re.compile(r"\s*[(（〔]\s*(?:" + alternation("integrate_verbs") + r")\s*")
#: The closing bracket of that list.
BRACKET_END = re.compile(r"\s*[)）〕]")


def _bracketed(document: Document, mentions: list[Mention], resolver, graph: str) -> list[Fact]:
    """``X(整合A、B、C)`` → ``X gov:integrates A`` (B, C): a zone followed by a bracket
    opened by an integration verb and holding zones alone, joined, up to its closing
    bracket (the items of an approval of an integration plan, ``1.X(整合A、B);``).

    >>> from graph.resolve import Resolver
    >>> r = Resolver()
    >>> t = "二、整合后的开发区如下:\\n1.赣州智造新区(整合赣州经济开发区、赣州南康工业园区);\\n2.瑞金新区(整合提升)。"
    >>> names = ["赣州智造新区", "赣州经济开发区", "赣州南康工业园区", "瑞金新区"]
    >>> ms = [Mention(n, "DevelopmentZone", t.index(n), t.index(n) + len(n)) for n in names]
    >>> iri = {r.resolve(n, "DevelopmentZone").iri: n for n in names}
    >>> [(iri[f.subject], iri[f.object]) for f in _bracketed(Document(key="d", title="", text=t), ms, r, "g")]
    [('赣州智造新区', '赣州经济开发区'), ('赣州智造新区', '赣州南康工业园区')]
    """
    text = document.text
    zones = [(m, e) for m, e in resolve_mentions(document, mentions, resolver) if e.type == "DevelopmentZone"]
    if len(zones) < 2:
        return []
    by_start = {m.start: (m, e) for m, e in zones}
    facts = []
    for mention, head in zones:
        verb = BRACKET_VERB.match(text, mention.end)
        if verb is None:
            continue
        members, pos = [], FORMER.match(text, verb.end()).end()
        while pos in by_start:          # A、B和C: each zone right after a join
            member, entity = by_start[pos]
            members.append(entity)
            pos = member.end
            join = LIST_JOIN.match(text, pos)
            if join.end() == pos or join.end() not in by_start:
                break
            pos = join.end()
        if not members or not BRACKET_END.match(text, pos):
            continue
        facts += [Fact(head.iri, "gov:integrates", e.iri, graph) for e in members if e.iri != head.iri]
    return facts


#: ``同意设立X``: the verb right before a zone the document sets up.
SETUP = re.compile("(?:" + alternation("setup_verbs") + r")\s*$")
#: ``整合A、B和C``: the verb opening a list of integrated zones.
INTEGRATE = re.compile(alternation("integrate_verbs"))
#: What may stand between two zones of that list.
INTEGRATE_JOIN = re.compile(r"\s*(?:" + alternation("integrate_joins") + r")?\s*")
#: The end of a sentence.
SENTENCE_END = "。;；\n"


def _integrated_in_text(document: Document, mentions: list[Mention], resolver, graph: str) -> list[Fact]:
    """``同意设立X,…,整合A、B和C`` → ``X gov:integrates A`` (B, C): only in a document that
    sets up X, and only with a list made of zones alone.

    >>> from graph.resolve import Resolver
    >>> r = Resolver()
    >>> t = "一、同意设立湖南宁乡经济开发区。开发区位于宁乡市,整合宁乡金洲工业园和宁乡市物流园区,规划面积10平方公里。"
    >>> names = ["湖南宁乡经济开发区", "宁乡金洲工业园", "宁乡市物流园区"]
    >>> ms = [Mention(n, "DevelopmentZone", t.index(n), t.index(n) + len(n)) for n in names]
    >>> iri = {r.resolve(n, "DevelopmentZone").iri: n for n in names}
    >>> [(iri[f.subject], iri[f.object]) for f in _integrated_in_text(Document(key="d", title="", text=t), ms, r, "g")]
    [('湖南宁乡经济开发区', '宁乡金洲工业园'), ('湖南宁乡经济开发区', '宁乡市物流园区')]
    """
    text = document.text
    zones = _zones_in_order(document, mentions, resolver)
    set_up = _set_up_zones(text, zones)
    if not set_up:
        return []
    by_start = {m.start: (m, e) for m, e in zones}
    shorts = _declared_shorts(text, zones, set_up)
    facts = []
    for verb in INTEGRATE.finditer(text):
        members = _listed_zones(text, FORMER.match(text, verb.end()).end(), by_start, LIST_JOIN)
        if not members:
            continue
        head = _set_up_subject(text, verb.start(), zones, set_up, shorts)
        facts += [Fact(head.iri, "gov:integrates", e.iri, graph) for e in members
                  if head is not None and e.iri != head.iri]
    return facts


def _from_words(key: str, group: str = "integrated_from") -> str:
    """The words ``key`` of ``group`` in ``zones.yaml`` as a regex alternation."""
    words_ = load_patterns("zones").get(group, {}).get(key, [])
    return "|".join(re.escape(w) for w in sorted(words_, key=len, reverse=True)) or "(?!)"


#: ``由原``: what opens a list of the zones a new one is made of (the former mark optional).
FROM_OPENER = re.compile(rf"(?:{_from_words('openers')})\s*(?:{_from_words('former')})?\s*")
#: ``整合而成``: what closes that list.
FROM_VERB = re.compile(rf"\s*(?:{_from_words('verbs')})")
#: A join inside that list, a former mark allowed after it (``A和原B``).
FROM_JOIN = re.compile(r"\s*(?:" + alternation("integrate_joins") + rf")\s*(?:{_from_words('former')})?\s*")
#: An optional former mark before the first zone of a list (``整合原A和B``).
FORMER = re.compile(rf"\s*(?:{_from_words('former')})?\s*")
#: A join of the list after ``整合`` (the join optional as in :data:`INTEGRATE_JOIN`), a
#: former mark allowed after it (``整合原A和原B``).
LIST_JOIN = re.compile(r"\s*(?:" + alternation("integrate_joins") + rf")?\s*(?:{_from_words('former')})?\s*")


def _integrated_from(document: Document, mentions: list[Mention], resolver, graph: str) -> list[Fact]:
    """``X…,由原A和B整合而成`` → ``X gov:integrates A`` (B): only in a document that sets up
    X, only with a list made of zones alone and closed by the verb.

    >>> from graph.resolve import Resolver
    >>> r = Resolver()
    >>> t = "一、同意设立山东寿光经济开发区。开发区位于寿光市,由原寿光工业园和寿光物流园区整合而成。"
    >>> names = ["山东寿光经济开发区", "寿光工业园", "寿光物流园区"]
    >>> ms = [Mention(n, "DevelopmentZone", t.index(n), t.index(n) + len(n)) for n in names]
    >>> iri = {r.resolve(n, "DevelopmentZone").iri: n for n in names}
    >>> [(iri[f.subject], iri[f.object]) for f in _integrated_from(Document(key="d", title="", text=t), ms, r, "g")]
    [('山东寿光经济开发区', '寿光工业园'), ('山东寿光经济开发区', '寿光物流园区')]
    """
    text = document.text
    zones = _zones_in_order(document, mentions, resolver)
    set_up = _set_up_zones(text, zones)
    if not set_up:
        return []
    by_start = {m.start: (m, e) for m, e in zones}
    shorts = _declared_shorts(text, zones, set_up)
    facts = []
    for opener in FROM_OPENER.finditer(text):
        members, pos = _list_at(text, opener.end(), by_start, FROM_JOIN)
        if not members or not FROM_VERB.match(text, pos):
            continue
        head = _set_up_subject(text, opener.start(), zones, set_up, shorts)
        facts += [Fact(head.iri, "gov:integrates", e.iri, graph) for e in members
                  if head is not None and e.iri != head.iri]
    return facts


#: ``整合纳入``: the verb between the zones merged and the zone they are merged into.
INTO_VERB = re.compile(_from_words("verbs", "integrated_into"))


def _integrated_into(document: Document, mentions: list[Mention], resolver, graph: str) -> list[Fact]:
    """``将A、B整合纳入X`` → ``X gov:integrates A`` (B): the zones listed right before the
    verb (only joins between them) and the zone right after it.

    >>> from graph.resolve import Resolver
    >>> r = Resolver()
    >>> t = "二、同意将宜都市枝城工业功能区和宜都市陆城工业功能区整合纳入湖北宜都经济开发区。"
    >>> names = ["宜都市枝城工业功能区", "宜都市陆城工业功能区", "湖北宜都经济开发区"]
    >>> ms = [Mention(n, "DevelopmentZone", t.index(n), t.index(n) + len(n)) for n in names]
    >>> iri = {r.resolve(n, "DevelopmentZone").iri: n for n in names}
    >>> [(iri[f.subject], iri[f.object]) for f in _integrated_into(Document(key="d", title="", text=t), ms, r, "g")]
    [('湖北宜都经济开发区', '宜都市枝城工业功能区'), ('湖北宜都经济开发区', '宜都市陆城工业功能区')]
    """
    text = document.text
    zones = [(m, e) for m, e in resolve_mentions(document, mentions, resolver) if e.type == "DevelopmentZone"]
    if len(zones) < 2:
        return []
    by_start = {m.start: e for m, e in zones}
    by_end = {m.end: (m, e) for m, e in zones}
    facts = []
    for verb in INTO_VERB.finditer(text):
        head = by_start.get(verb.end())
        if head is None:
            continue
        members, pos = [], verb.start()
        while pos in by_end:
            mention, entity = by_end[pos]
            members.append(entity)
            join = max((p for p in by_end if p < mention.start and
                        INTEGRATE_JOIN.fullmatch(text, p, mention.start)), default=None)
            if join is None or join == mention.start:
                break
            pos = join
        facts += [Fact(head.iri, "gov:integrates", e.iri, graph) for e in reversed(members)
                  if e.iri != head.iri]
    return facts


#: ``保留A名称``: the kept zone between the verb and the name mark (quotes allowed).
KEEP = re.compile(rf"(?:{_from_words('keep', 'kept_name')})[“\"‘]?")
KEEP_MARK = re.compile(rf"[”\"’]?(?:{_from_words('name_marks', 'kept_name')})")
#: ``A与B整合``: the verb closing a pair (or list) of merged zones.
PAIR_VERB = re.compile(rf"\s*(?:{_from_words('merge_verbs', 'kept_name')})")
#: ``B不再单独保留``: a zone no longer kept apart.
DROPPED = re.compile(rf"\s*[,，]?\s*(?:{_from_words('dropped', 'kept_name')})")


def _kept_name(document: Document, mentions: list[Mention], resolver, graph: str) -> list[Fact]:
    """``同意A与B整合。整合后保留A名称,B不再单独保留`` → ``A gov:integrates B``: the zone
    whose name a merger keeps integrates the zones paired with it before a merge verb
    (``A与B整合``, ``B和A合并``) in its sentence or the one before, and those of its
    sentence or the next that are no longer kept apart (``B不再单独保留``).

    >>> from graph.resolve import Resolver
    >>> r = Resolver()
    >>> t = "一、同意湖南醴陵经济开发区与醴陵陶瓷产业园区整合。整合后保留湖南醴陵经济开发区名称。"
    >>> names = ["湖南醴陵经济开发区", "醴陵陶瓷产业园区"]
    >>> ms = [Mention(n, "DevelopmentZone", t.index(n), t.index(n) + len(n)) for n in names]
    >>> ms.append(Mention(names[0], "DevelopmentZone", t.rindex(names[0]), t.rindex(names[0]) + 9))
    >>> iri = {r.resolve(n, "DevelopmentZone").iri: n for n in names}
    >>> [(iri[f.subject], iri[f.object]) for f in _kept_name(Document(key="d", title="", text=t), ms, r, "g")]
    [('湖南醴陵经济开发区', '醴陵陶瓷产业园区')]
    """
    text = document.text
    zones = _zones_in_order(document, mentions, resolver)
    if len(zones) < 2:
        return []
    by_start = {m.start: (m, e) for m, e in zones}
    facts = []
    for keep in KEEP.finditer(text):
        kept = by_start.get(keep.end())
        if kept is None or not KEEP_MARK.match(text, kept[0].end):
            continue
        head = kept[1]
        lo = _sentence_start(text, _sentence_start(text, keep.start()) - 1)
        hi = _sentence_end(text, _sentence_end(text, keep.end()) + 1)
        members = {e.iri for m, e in zones if lo <= m.start < m.end <= hi and e.iri != head.iri
                   and (DROPPED.match(text, m.end) or _paired(text, m, head, by_start))}
        facts += [Fact(head.iri, "gov:integrates", iri, graph) for iri in sorted(members)]
    return facts


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts."""
    return max(text.rfind(c, 0, max(pos, 0)) for c in SENTENCE_END) + 1


def _sentence_end(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` ends (its end mark excluded)."""
    ends = [i for i in (text.find(c, pos) for c in SENTENCE_END) if i >= 0]
    return min(ends) if ends else len(text)


def _paired(text: str, mention: Mention, head, by_start: dict) -> bool:
    """True when ``mention`` and the zone ``head`` are listed together right before a
    merge verb (``A与B整合``, ``B、A合并``)."""
    chain, pos = [], mention.start
    while True:         # back to the start of the list holding the mention
        before = [(m, e) for m, e in by_start.values()
                  if m.end <= pos and INTEGRATE_JOIN.fullmatch(text, m.end, pos) and m.end < pos]
        if not before:
            break
        pos = max(before, key=lambda p: p[0].end)[0].start
    members = _listed_zones(text, pos, by_start)
    if head.iri not in {e.iri for e in members} or len(members) < 2:
        return False
    last = by_start[pos][0]
    while True:         # on to the end of the list, then the verb
        join = INTEGRATE_JOIN.match(text, last.end)
        if join.end() == last.end or join.end() not in by_start:
            return bool(PAIR_VERB.match(text, last.end))
        last = by_start[join.end()][0]


def _listed_zones(text: str, pos: int, by_start: dict, joins: re.Pattern = INTEGRATE_JOIN) -> list:
    """The zones listed from ``pos`` on (``A、B和C``), each right after the previous one
    and a join (``joins``); an empty list when no zone starts at ``pos``."""
    return _list_at(text, pos, by_start, joins)[0]


def _list_at(text: str, pos: int, by_start: dict, joins: re.Pattern) -> tuple[list, int]:
    """:func:`_listed_zones`, and where the list ends: after its last zone, or after a
    join no zone follows."""
    out = []
    while pos in by_start:
        mention, entity = by_start[pos]
        out.append(entity)
        join = joins.match(text, mention.end)
        if join is None or join.end() == mention.end:
            return out, mention.end
        pos = join.end()
    return out, pos


def _zones_in_order(document: Document, mentions: list[Mention], resolver) -> list:
    """The document's ``(mention, entity)`` pairs of development zones, in text order."""
    return sorted(((m, e) for m, e in resolve_mentions(document, mentions, resolver)
                   if e.type == "DevelopmentZone"), key=lambda p: p[0].start)


def _set_up_zones(text: str, zones) -> dict:
    """The zones the document sets up (``同意设立X``), by IRI."""
    return {e.iri: e for m, e in zones if SETUP.search(text, max(0, m.start - 6), m.start)}


def _declared_shorts(text: str, zones, set_up: dict) -> dict:
    """The short names the document declares for its set-up zones, each with its zone:
    ``同意设立义乌数字贸易产业园(以下简称产业园)`` → ``{"产业园": <义乌数字贸易产业园>}``."""
    out = {}
    for mention, entity in zones:
        short = SHORT_NAME.match(text, mention.end) if entity.iri in set_up else None
        if short:
            out.setdefault(short.group("short").strip(), entity)
    return out


def _set_up_subject(text: str, verb: int, zones, set_up: dict, shorts: dict | None = None):
    """The set-up zone a clause at ``verb`` is about: the last one the sentence names
    before the verb, or the one whose declared short name (``shorts``) opens the sentence,
    or the last one before it of the short kind opening the sentence."""
    start = max(text.rfind(c, 0, verb) for c in SENTENCE_END) + 1
    named = [e for m, e in zones if start <= m.start and m.end <= verb and e.iri in set_up]
    if named:
        return named[-1]
    opening = re.compile(r"\s*(?:[一二三四五六七八九十]+、|\d+[.、])?\s*").match(text, start).end()
    for name in sorted(shorts or {}, key=len, reverse=True):
        if text.startswith(name, opening) and opening + len(name) <= verb:
            return shorts[name]
    short = _SHORT_RE.match(text, opening)
    if short is None:
        return None
    kinds = [e for m, e in zones if m.end <= verb and e.iri in set_up
             and e.label.endswith(SHORT_KINDS[short.group(0)])]
    return kinds[-1] if kinds else None


#: ``X整体纳入Y``: the words merging the zone before them into the one after.
MERGED_INTO = re.compile("(?:" + alternation("merge_manners") + ")?(?:" + alternation("merge_verbs") + ")")
#: Short kinds that stand for the document's own zone, and the endings they abbreviate.
SHORT_KINDS = {short: tuple(endings) for short, endings in words("short_kinds").items()}
_SHORT_RE = re.compile("|".join(sorted(SHORT_KINDS, key=len, reverse=True)))


def _merged(document: Document, mentions: list[Mention], resolver, graph: str) -> list[Fact]:
    """``原X整体纳入Y统一管理`` → ``Y gov:integrates X``.

    >>> from graph.resolve import Resolver
    >>> r = Resolver()
    >>> doc = Document(key="d", title="", text="同意设立江西新余高新技术产业开发区。原江西新余工业园区整体纳入高新区统一管理。")
    >>> ms = [Mention("江西新余高新技术产业开发区", "DevelopmentZone", 4, 17),
    ...       Mention("江西新余工业园区", "DevelopmentZone", 19, 27)]
    >>> [f.subject == r.resolve("江西新余高新技术产业开发区", "DevelopmentZone").iri and
    ...  f.object == r.resolve("江西新余工业园区", "DevelopmentZone").iri for f in _merged(doc, ms, r, "g")]
    [True]
    """
    zones = [(m, e) for m, e in resolve_mentions(document, mentions, resolver)
             if e.type == "DevelopmentZone"]
    text = document.text
    by_start = {m.start: e for m, e in zones}
    facts = []
    for mention, member in zones:
        merge = MERGED_INTO.match(text, mention.end)
        if not merge:
            continue
        head = by_start.get(merge.end()) or _own_zone(text, merge.end(), zones, member)
        if head is not None and head.iri != member.iri:
            facts.append(Fact(head.iri, "gov:integrates", member.iri, graph))
    return facts


def _own_zone(text: str, pos: int, zones, member):
    """The zone a short kind at ``pos`` stands for: the most mentioned zone
    of the document with that ending (not ``member``), or None."""
    short = _SHORT_RE.match(text, pos)
    if not short:
        return None
    counts: dict[str, list] = {}
    for _, entity in zones:
        if entity.iri != member.iri and entity.label.endswith(SHORT_KINDS[short.group(0)]):
            counts.setdefault(entity.iri, [0, entity])[0] += 1
    if not counts:
        return None
    return max(counts.values(), key=lambda c: c[0])[1]


def _prep(iri: str, graph: str) -> Fact:
    """``iri gov:inPreparation true``."""
    return Fact.literal(iri, "gov:inPreparation", "true", graph, datatype="xsd:boolean")
