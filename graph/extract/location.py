"""``gov:locatedIn``: where zones, laboratories and institutions are.

Three sources, most specific region that is certain:

1. the text: ``X位于Y`` / ``X(位于Y)`` with Y a region mention; a field
   ``所在地:Y`` in the item X opens (``1.X实验室。牵头单位:…;所在地:东营市。``);
   the ``所在地`` column of a flattened table (:mod:`graph.nlp.tables`) for the
   name in the row's name column; a district in brackets right after a zone
   that lies in the zone's city (``杭州高新区(滨江)`` → 滨江区);
2. the name: ``浙江桐庐经济开发区`` → 桐庐县, ``湖州工程技师学院`` → 湖州市,
   ``宁波保税区`` → 宁波市 (only prefecture or county level, or a municipality
   ``北京大学`` → 北京市: a bare ``浙江`` in ``浙江大学`` says nothing more
   specific than the province); a name more specific than a table's place
   column and inside it wins (a ``设区市`` column against ``瑞安…开发区``);
   a known Zhejiang zone (``ontology/zones.tsv``) whose name places it nowhere
   lies where the table of known zones places it (``未来科技城`` → 余杭区);
3. list structure: in a zone list, items under a heading ``一、杭州市(…个)``
   lie in that city; an item whose name has no place lies where both its
   neighbours lie (lists are ordered by city); a zone in brackets after a
   zone lies where that zone lies; the bodies listed after a region and a
   colon (``柯桥区:X公司、Y公司``) lie in that region;
4. the table of known zones narrows a place found so far to the finer region
   it gives inside it (``宁波石化经济技术开发区`` → 镇海区, not 宁波市); done after
   the list rules, so that neither a list's head nor its members inherit it;
5. the document's home: a zone whose name, text and lists place nowhere
   (``环大罗山科创走廊``) lies in the city or county whose document names it.

Reading places out of names:

``浙江桐庐经济开发区`` contains 桐庐 (桐庐县), ``湖州工程技师学院`` 湖州 (湖州市),
``中国(浙江)自由贸易试验区宁波片区`` 浙江 and 宁波.  :func:`regions_in_name`
finds them with the gazetteer's region forms; :func:`most_specific` keeps the
deepest region when the regions found lie on one chain (宁波 inside 浙江), and
their deepest common region otherwise (杭州高新区〔滨江〕富阳… → 杭州市).
"""

from __future__ import annotations

from typing import Optional

from graph.nlp.gazetteer_ruler import bigram_lengths, scan
from graph.nlp.lexicon import HOME_ADCODE_PREFIX, region_stem

LEVEL_DEPTH = {"province": 0, "prefecture": 1, "county": 2}


_INDEX: dict[int, tuple] = {}


def _region_index(gazetteer) -> tuple[dict, dict]:
    """Region names usable inside other names (name → adcode) and their
    first-two-character index.

    Besides the gazetteer's forms, the stems of the home province's counties
    are used (海盐 of 海盐县, 江山 of 江山市): inside a zone or school name
    they name the county, although in running text they may be plain words.
    A stem shared by two divisions is left out.
    """
    key = id(gazetteer)
    if key not in _INDEX:
        forms: dict[str, str] = {}
        for surface, value in gazetteer.all_surface_forms().items():
            if value[0] == "Region":
                forms[surface] = value[1]
        stems: dict[str, set] = {}
        for code, region in gazetteer.regions.items():
            if (code.startswith(HOME_ADCODE_PREFIX) and region.level != "province"
                    and region.valid_to is None):
                stem = region_stem(region.name)
                if stem:
                    stems.setdefault(stem, set()).add(code)
        combined = dict(forms)
        for stem, codes in stems.items():
            if len(codes) == 1 and stem not in forms:
                combined[stem] = next(iter(codes))
        _INDEX[key] = (gazetteer, forms, bigram_lengths(forms), combined, bigram_lengths(combined))
    return _INDEX[key][1:]


def regions_in_name(name: str, resolver, when=None, stems: bool = True) -> list:
    """Gazetteer regions (``graph.gazetteer.Region``) named inside ``name``.

    ``stems``: also read the stems of the home province's divisions (桐庐 of
    桐庐县).  A stem is a place only in the name of a local body (a zone, a
    school); a laboratory or a university named after a landmark (西湖实验室,
    西湖大学) says nothing about the district 西湖区.

    >>> from graph.resolve import Resolver
    >>> [r.name for r in regions_in_name("浙江桐庐经济开发区", Resolver())]
    ['浙江省', '桐庐县']
    >>> regions_in_name("西湖实验室", Resolver(), stems=False)
    []
    """
    g = resolver.gazetteer
    forms, lengths, combined, combined_lengths = _region_index(g)
    probe = name[:-1] if name in forms else name      # 苏州工业园区 has a code of its own
    probe = _without_new_area_stem(_branch_place(probe), forms, lengths)
    out = _scan_regions(g, probe, forms, lengths)
    if stems and all(r.adcode.startswith(HOME_ADCODE_PREFIX) for r in out):
        out = _scan_regions(g, probe, combined, combined_lengths)
    if stems:
        out += [r for r in _stems_after_regions(g, probe, forms, lengths) if r not in out]
    return out


#: The ending of a new area's name (杭州钱塘新区): its stem names the area itself.
NEW_AREA = "新区"


def _branch_place(name: str) -> str:
    """The branch part of a zone's branch (``after_zone`` endings in
    ``ontology/patterns/zones.yaml``): ``上海漕河泾新兴技术开发区海宁分区`` →
    ``海宁分区``, where the branch lies; other names unchanged.

    >>> _branch_place("苏州工业园区宿迁分区"), _branch_place("宁波经济技术开发区")
    ('宿迁分区', '宁波经济技术开发区')
    """
    from graph.nlp.zones import default_suffix_re

    suffixes = load_patterns("zones").get("suffixes", [])
    if not name.endswith(tuple(s["text"] for s in suffixes if s.get("after_zone"))):
        return name
    inner = [m.end() for m in default_suffix_re().finditer(name) if m.end() < len(name) - 2]
    return name[inner[-1]:] if inner else name


def _without_new_area_stem(name: str, forms: dict, lengths: dict) -> str:
    """A new area's name without its own two-character stem when a place is
    written before it: ``杭州钱塘新区`` → ``杭州`` (the district 钱塘区 was
    named after the area, which is no part of it), ``绍兴滨海新区`` → ``绍兴``
    (not 天津's 滨海新区).  Other names are returned unchanged.

    >>> from graph.gazetteer import load_gazetteer
    >>> forms, lengths, _, _ = _region_index(load_gazetteer())
    >>> _without_new_area_stem("杭州钱塘新区", forms, lengths), _without_new_area_stem("台州湾新区", forms, lengths)
    ('杭州', '台州湾新区')
    """
    if not name.endswith(NEW_AREA) or len(name) <= len(NEW_AREA) + 2:
        return name
    head = name[:-len(NEW_AREA) - 2]
    return head if any(True for _ in scan(head, lengths, forms)) else name


def _stems_after_regions(g, name: str, forms: dict, lengths: dict) -> list:
    """Divisions named by their stem right after the region holding them:
    ``重庆万州综合保税区`` (万州区 of 重庆市), ``广西平果工业区`` (平果市 of
    广西).  A stem counts only inside the region written before it, where
    it names one division alone.

    >>> from graph.gazetteer import load_gazetteer
    >>> g = load_gazetteer()
    >>> forms, lengths, _, _ = _region_index(g)
    >>> [r.name for r in _stems_after_regions(g, "天津滨海高新技术产业开发区", forms, lengths)]
    ['滨海新区']
    """
    out = []
    for s, e in scan(name, lengths, forms):
        region = g.regions.get(forms[name[s:e]])
        if region is None:
            continue
        stems = _descendant_stems(g, region.adcode)
        for k in (4, 3, 2):
            code = stems.get(name[e:e + k])
            if code and name[e:e + k + 1] not in forms:
                out.append(g.regions[code])
                break
    return out


_STEMS: dict[int, tuple] = {}


def _descendant_stems(g, adcode: str) -> dict[str, str]:
    """Stem → adcode of the current divisions below ``adcode`` (children of
    a city, children and grandchildren of a province), stems shared by two
    of them left out."""
    cached = _STEMS.get(id(g))
    if cached is None or cached[0] is not g:
        cached = _STEMS[id(g)] = (g, _all_descendant_stems(g))
    return cached[1].get(adcode, {})


def _all_descendant_stems(g) -> dict[str, dict[str, str]]:
    """:func:`_descendant_stems` of every region, in one pass over the gazetteer."""
    found: dict[str, dict[str, set]] = {}
    for code, region in g.regions.items():
        if region.valid_to is not None or not region.parent:
            continue
        parent = g.regions.get(region.parent)
        above = [region.parent]
        if parent is not None and parent.parent and parent.parent != region.parent:
            above.append(parent.parent)
        stem = region_stem(region.name)
        if not stem:
            continue
        for adcode in above:
            if adcode != code:
                found.setdefault(adcode, {}).setdefault(stem, set()).add(code)
    return {adcode: {stem: next(iter(codes)) for stem, codes in stems.items() if len(codes) == 1}
            for adcode, stems in found.items()}


def _scan_regions(g, name: str, forms: dict, lengths: dict) -> list:
    """Regions named in ``name`` (leftmost-longest).

    A two-character district name (中区, 城区) is a generic word inside a longer
    name and is not read there (``孝昌工业集中区`` lies in no 中区).

    A city name that is part of a bay's name counts only when the name holds
    no other place below the province: ``台州湾新区`` and ``深圳湾实验室`` lie
    in their city, ``杭州湾上虞经济技术开发区`` and ``宁波杭州湾新区`` do not
    lie in 杭州市.
    """
    out, bays = [], []
    for s, e in scan(name, lengths, forms):
        if e - s == 2 and name[e - 1] == "区" and name != name[s:e]:
            continue            # 中区, 城区, 矿区: generic inside a name (孝昌工业集中区)
        region = g.regions.get(forms[name[s:e]])
        if region is None:
            continue
        target = bays if name.startswith(("湾", "港湾"), e) else out
        if region not in target:
            target.append(region)
    if bays and all(r.level == "province" for r in out):
        out += bays
    return out


def chain(gazetteer, region) -> list[str]:
    """Adcodes from ``region`` up to its province (itself first)."""
    return [region.adcode] + [r.adcode for r in gazetteer.ancestors(region.adcode)]


def most_specific(gazetteer, regions: list) -> Optional[object]:
    """The deepest region certain from ``regions`` (see the module docstring).

    >>> from graph.gazetteer import load_gazetteer
    >>> g = load_gazetteer()
    >>> most_specific(g, [g.regions["330000"], g.regions["330200"]]).name
    '宁波市'
    >>> most_specific(g, [g.regions["330100"], g.regions["330183"], g.regions["330108"]]).name
    '杭州市'
    """
    if not regions:
        return None
    chains = [chain(gazetteer, r) for r in regions]
    common = set(chains[0])
    for c in chains[1:]:
        common &= set(c)
    deepest = max(regions, key=lambda r: LEVEL_DEPTH.get(r.level, 0))
    if all(r.adcode in chain(gazetteer, deepest) for r in regions):
        return deepest
    for code in chain(gazetteer, deepest):
        if code in common:
            return gazetteer.regions[code]
    return None


def region_of_name(name: str, resolver, when=None, min_level: str = "prefecture",
                   stems: bool = True):
    """The most specific region a name states, at ``min_level`` or below.

    >>> from graph.resolve import Resolver
    >>> region_of_name("湖州工程技师学院", Resolver()).name
    '湖州市'
    >>> region_of_name("浙江大学", Resolver()) is None
    True
    >>> region_of_name("台州湾新区", Resolver()).name
    '台州市'
    """
    g = resolver.gazetteer
    best = most_specific(g, regions_in_name(name, resolver, when, stems))
    if best is None or _depth(best) < LEVEL_DEPTH[min_level]:
        return None
    return best


def known_zone_region(name: str, region, gazetteer, when=None, home_only: bool = False):
    """Where the known zone ``name`` lies: the region ``zones.tsv`` gives when
    ``region`` (read from the name or a table) is None or contains it, else ``region``.
    A region not yet (or no longer) in force on ``when`` gives way to its nearest
    ancestor in force (杭州市钱塘区 before 2021 → 杭州市).  With ``home_only`` only
    a region in Zhejiang is given (the rows elsewhere serve to recognise names).

    >>> from graph.gazetteer import load_gazetteer
    >>> g = load_gazetteer()
    >>> known_zone_region("宁波石化经济技术开发区", g.regions["330200"], g).name
    '镇海区'
    >>> known_zone_region("未来科技城", None, g).name
    '余杭区'
    >>> known_zone_region("宁波石化经济技术开发区", g.regions["330206"], g).name
    '北仑区'
    >>> known_zone_region("某某工业园区", g.regions["330200"], g).name
    '宁波市'
    """
    zone = gazetteer.zone_by_name(name)
    known = gazetteer.regions.get(zone.region_adcode) if zone is not None and zone.region_adcode else None
    if known is None:
        return region
    for candidate in [known] + gazetteer.ancestors(known.adcode):
        if candidate.valid_on(when):
            known = candidate
            break
    else:
        return region
    if home_only and not known.in_home_province:
        return region
    if region is None or region.adcode in chain(gazetteer, known):
        return known
    return region


def _refine_known_zones(document: Document, pairs, where: dict, resolver) -> None:
    """A known zone placed in a region that holds the finer region ``zones.tsv``
    gives lies in that finer region (see :func:`known_zone_region`)."""
    g = resolver.gazetteer
    for _, entity in pairs:
        if entity.type == "DevelopmentZone" and entity.iri in where:
            where[entity.iri] = known_zone_region(entity.label, where[entity.iri], g, document.date)


def _depth(region) -> int:
    """A region's depth for placing bodies: a municipality (a province-level
    city, 北京市) counts as a city.

    >>> from types import SimpleNamespace as R
    >>> _depth(R(level="province", name="天津市")), _depth(R(level="province", name="浙江省"))
    (1, 0)
    """
    if region.level == "province" and region.name.endswith("市"):
        return LEVEL_DEPTH["prefecture"]
    return LEVEL_DEPTH.get(region.level, 0)


# -- extraction ----------------------------------------------------------------

import bisect  # noqa: E402
import re  # noqa: E402

from graph.extract.entities import PairIndex, alternation, document_graph, line_start, resolve_mentions, words  # noqa: E402,E501
from graph.model import Document, Fact, Mention  # noqa: E402
from graph.nlp.common import load_patterns  # noqa: E402
from graph.nlp.tables import flat_tables  # noqa: E402
from graph.nlp.zones import zone_list_items  # noqa: E402
from graph.extract.laboratories import ANAPHOR, referent  # noqa: E402
from graph.vocab import mint  # noqa: E402

#: Classes that get a location.
LOCATED = ("DevelopmentZone", "Laboratory", "Institution")
#: ``X位于Y``: words between a name and the region that states its place.
SITUATED = re.compile("[(（]?(?:" + alternation("situated_verbs") + ")")
#: ``X…,落户Y``: a later clause of X's sentence stating its place.
SITUATED_CLAUSE = re.compile(r"[,，]\s*(?:" + alternation("situated_clause_verbs", escape=False) + ")")
#: Where a sentence starts (and a list marker opening it).
SENTENCE_START = re.compile(r"[。;；\n]\s*(?:[(（〔][一二三四五六七八九十0-9]{1,3}[)）〕]|[0-9]{1,3}[.、．]|"
                            r"[一二三四五六七八九十]{1,3}、)?\s*")
#: Characters ending a line that make its line break a real boundary.
WRAP_ENDS = "。;；:：!！?？\n"
#: Names of bodies that are not local even when a district's stem starts
#: them (西湖大学, 之江研究院): read only full region names and listed short forms.
NON_LOCAL_ENDINGS = tuple(words("non_local_endings"))
#: Words joining two names of one coordination (``A和B``, ``A、B``).
COORDINATION = tuple(words("coordination"))
#: A place in brackets right after a name: ``杭州高新区(滨江)``.
BRACKETED_PLACE = re.compile(r"[(（〔]([\u4e00-\u9fff]{2,8})[)）〕]")
#: The end of a field's value (``所在地:东营市;``).
FIELD_END = re.compile(r"[;；。,，、\n(（]")
#: A list marker opening a line.
LINE_ITEM = re.compile(r"[ \t\u3000]*(?:[(（〔][一二三四五六七八九十0-9]{1,3}[)）〕]|[0-9]{1,3}[.、．]|"
                       r"[一二三四五六七八九十]{1,3}、)?[ \t\u3000]*")
#: The colon after a region heading a line's list (``柯桥区:``).
HEADING_COLON = re.compile(r"[ \t\u3000]*[:：][ \t\u3000]*")
#: The comma between two names of a list.
LIST_SEPARATOR = re.compile(r"[ \t\u3000]*[、,，;；][ \t\u3000]*")
#: A list heading naming a region: ``一、杭州市(18个)``.
HEADING = re.compile(r"(?m)^[ \t]*[一二三四五六七八九十]+[、.][ \t]*(\S{2,12}?)[ \t]*(?:[(（]\d+\s*个[)）])?[ \t]*$")


def extract(document: Document, mentions: list[Mention], resolver) -> list[Fact]:
    """``gov:locatedIn`` facts for the zones, labs and institutions of a document."""
    graph = document_graph(document)
    pairs = resolve_mentions(document, mentions, resolver)
    where: dict[str, object] = {}
    for mention, entity in pairs:                      # what the text states wins
        if entity.type in LOCATED and entity.iri not in where:
            region = (_stated(document.text, mention, pairs, resolver)
                      or _bracketed(document.text, mention, entity, resolver)
                      or _bracketed_name(document.text, mention, entity, resolver, document.date))
            if region is not None:
                where[entity.iri] = region
    _stated_in_sentences(document.text, pairs, where, resolver)
    _stated_in_fields(document.text, pairs, where, resolver)
    tabled = _from_tables(document.text, pairs, resolver)
    for mention, entity in pairs:                      # then what the name says
        if entity.type in LOCATED and entity.iri not in where:
            region = _region_of_names(mention, entity, resolver, document.date)
            table_region = tabled.get(entity.iri)
            if table_region is not None and (region is None or table_region.adcode not in
                                             chain(resolver.gazetteer, region)):
                region = table_region
            if region is None and entity.type == "DevelopmentZone":
                region = known_zone_region(entity.label, None, resolver.gazetteer, document.date,
                                           home_only=True)
            if region is not None:
                where[entity.iri] = region
    _from_region_headings(document.text, pairs, where, resolver)
    _from_lists(document, pairs, where, resolver)
    _coordinated(document.text, pairs, where, resolver)
    _refine_known_zones(document, pairs, where, resolver)
    _from_home_stems(document, pairs, where, resolver)
    _in_home_city(document, pairs, where, resolver)
    _integrated_parts(document, mentions, where, resolver)
    facts = []
    for iri, region in sorted(where.items()):
        region_iri = _region_iri(region, resolver)
        facts.append(Fact(iri, "gov:locatedIn", region_iri, graph))
        qualified = qualified_name(resolver.gazetteer, region)
        if qualified:
            facts.append(Fact.label(region_iri, qualified, graph, predicate="skos:altLabel"))
    return list(dict.fromkeys(facts))


def _region_of_names(mention: Mention, entity, resolver, when=None):
    """Where ``entity`` lies by what its name says.  A zone or laboratory is placed by its
    label; an institution only when its name as the text writes it names a place too (a
    short form such as ``娃哈哈集团`` names none, even though the official name it resolves
    to, ``杭州娃哈哈集团有限公司``, does), and then by its official name (which may cancel
    the place: ``中国铁路上海局集团有限公司杭州铁路办事处`` names two provinces)."""
    def by_name(name: str):
        return region_of_name(name, resolver, when, stems=_local(entity),
                              min_level="province" if _province_wide(entity) else "prefecture")

    if entity.type == "Institution":
        from graph.resolve import normalise

        written = normalise(mention.text)
        if written != entity.label and by_name(written) is None:
            return None
    return by_name(entity.label)


def _integrated_parts(document: Document, mentions: list[Mention], where: dict, resolver) -> None:
    """A zone an approval integrates into a new one (``由原A和B整合而成``) lies where
    the new zone lies, unless placed otherwise."""
    from graph.extract.zones import integrated_pairs

    for head, member in integrated_pairs(document, mentions, resolver):
        if member not in where and head in where:
            where[member] = where[head]


def _province_wide(entity) -> bool:
    """True for a zone whose kind spans a whole province (``province_wide_endings``
    in ``ontology/patterns/zones.yaml``): the province its name gives is where
    it lies.

    >>> from types import SimpleNamespace as E
    >>> _province_wide(E(type="DevelopmentZone", label="中国(福建)自由贸易试验区"))
    True
    >>> _province_wide(E(type="DevelopmentZone", label="浙江临海经济开发区"))
    False
    """
    return entity.type == "DevelopmentZone" and entity.label.endswith(
        tuple(load_patterns("zones").get("province_wide_endings", [])))


def _local(entity) -> bool:
    """True for a body whose name may start with a district's stem (a zone, a
    school, a company), false for labs and research bodies named after
    landmarks (see :func:`regions_in_name`)."""
    return entity.type == "DevelopmentZone" or (
        entity.type == "Institution" and not entity.label.endswith(NON_LOCAL_ENDINGS))


def qualified_name(gazetteer, region) -> Optional[str]:
    """``杭州市钱塘区`` for a city's district (the form documents write and
    readers search for), else None.

    >>> from graph.gazetteer import load_gazetteer
    >>> g = load_gazetteer()
    >>> qualified_name(g, g.regions["330114"]), qualified_name(g, g.regions["330122"])
    ('杭州市钱塘区', None)
    >>> qualified_name(g, g.regions["500101"])
    '重庆市万州区'
    """
    if not region.name.endswith("区") or not region.parent:
        return None
    parent = gazetteer.regions.get(region.parent)
    if parent is None or _depth(parent) != LEVEL_DEPTH["prefecture"]:
        return None
    return parent.name + region.name


def _stated_in_sentences(text: str, pairs, where: dict, resolver) -> None:
    """``(一)湘湖实验室(…),由…牵头建设,落户杭州市萧山区。``: a later clause
    placing the body the sentence is about (the first name of its first
    clause, or the heading of its list item: ``二、天府实验室。由…牵头,…,落户
    成都高新技术产业开发区``).  A body placed in a zone lies where the zone's
    name places it (成都高新技术产业开发区 → 成都市).  A zone written right after the
    city or county of such a clause (``落户长沙市岳麓区湖南湘江新区``) lies there too."""
    places = {m.start: (m, e) for m, e in pairs if e.type in ("Region", "DevelopmentZone")}
    zones = {m.start: e for m, e in pairs if e.type == "DevelopmentZone"}
    index = PairIndex(pairs)
    for verb in SITUATED_CLAUSE.finditer(text):
        mention, place = places.get(verb.end(), (None, None))
        if place is None:
            continue
        if place.type == "Region":
            region = resolver.gazetteer.regions.get(place.key)
            zone = zones.get(mention.end)
            if (zone is not None and zone.iri not in where and region is not None
                    and region.level != "province"):
                where[zone.iri] = region
        else:
            region = region_of_name(place.label, resolver)
        subject = _sentence_subject(text, verb.start(), pairs, index)
        if subject is None or subject.iri in where or subject.iri == place.iri:
            continue
        if region is not None:
            where[subject.iri] = region


def _sentence_subject(text: str, pos: int, pairs, index: Optional[PairIndex] = None):
    """The zone, lab or institution opening the sentence around ``pos``, when
    it stands in the sentence's first clause, or the body heading the list
    item when the sentence follows that heading (``二、Y实验室。由X牵头…``).
    A clause opening with 由 names an agent, not the subject.  ``index`` is
    :class:`PairIndex` of ``pairs`` (built once by the caller on a long text)."""
    index = index or PairIndex(pairs)
    start = _sentence_start(text, pos)
    heading = _item_heading(text, start, pairs, index)
    if heading is not None:
        return heading
    anaphor = ANAPHOR.match(text, start)
    if anaphor is not None:        # "。实验室由X牵头建设,选址Y": the lab named before
        return referent(text, anaphor, pairs, index)
    if text.startswith("由", start):
        return None
    first_comma = min((i for i in (text.find(c, start, pos) for c in ",，") if i >= 0), default=pos)
    for mention, entity in index.from_offset(start):
        if mention.start >= first_comma:
            return None
        return entity if entity.type in LOCATED else None
    return None


def _sentence_start(text: str, pos: int) -> int:
    r"""Where the sentence around ``pos`` starts (after a list marker).

    A line break inside a sentence (a hard wrap of PDF text: ``由嘉\n兴市人民
    政府…共同建设,位于…``) starts no sentence: only a break after a full stop,
    colon or semicolon, or one before a list marker, does.

    >>> t = "批复如下:\n一、同意设立X研究院,由嘉\n兴市与Y大学共同建设,位于Z区。"
    >>> t[_sentence_start(t, t.index("位于")):][:6]
    '同意设立X研'
    """
    start, first_wrap = None, None
    for m in SENTENCE_START.finditer(text, max(0, pos - 300), pos):
        if _is_wrap(text, m):
            first_wrap = m.end() if first_wrap is None else first_wrap
            continue
        start = m.end()
    if start is None:                # the sentence starts before the window
        start = first_wrap or 0
    return start


def _is_wrap(text: str, m: re.Match) -> bool:
    """True for a bare line break in the middle of a sentence: it follows a
    word (no stop, colon or semicolon) and no list marker comes after it."""
    if text[m.start()] != "\n" or m.start() == 0 or text[m.start() - 1] in WRAP_ENDS:
        return False
    return not text[m.start():m.end()].strip()


def _item_heading(text: str, start: int, pairs, index: Optional[PairIndex] = None):
    """The zone, lab or institution forming the whole first sentence of a list
    item (``二、天府实验室。``) when the sentence at ``start`` follows it."""
    if start < 2 or text[start - 1] != "。":
        return None
    line = line_start(text, start - 1)
    opening = LINE_ITEM.match(text, line).end()
    for mention, entity in (index or PairIndex(pairs)).starting_at(opening)[:1]:
        return entity if mention.end == start - 1 and entity.type in LOCATED else None
    return None


def _place_words(key: str) -> tuple:
    """Words of ``ontology/patterns/common.yaml`` naming a place field or column."""
    return tuple(load_patterns("common").get(key, []))


def _place_in(value: str, resolver):
    """The most specific region ``value`` names (a field or a cell), any level.

    >>> from graph.resolve import Resolver
    >>> _place_in("杭州市萧山区", Resolver()).name, _place_in("另行确定", Resolver())
    ('萧山区', None)
    >>> _place_in("南湖区", Resolver()).name            # a cell naming a region alone
    '南湖区'
    """
    g = resolver.gazetteer
    code = _region_index(g)[0].get(value.strip())
    if code and g.regions.get(code) is not None and _unique_names(g).get(value.strip()) == 1:
        return g.regions[code]
    regions = regions_in_name(value, resolver, stems=False)
    return most_specific(resolver.gazetteer, regions) if regions else None


_NAME_COUNTS: dict[int, tuple] = {}


def _unique_names(gazetteer) -> dict[str, int]:
    """How many regions bear each official name (鼓楼区 → several: a cell
    naming it alone says nothing certain)."""
    key = id(gazetteer)
    if key not in _NAME_COUNTS:
        counts: dict[str, int] = {}
        for region in gazetteer.regions.values():
            counts[region.name] = counts.get(region.name, 0) + 1
        _NAME_COUNTS[key] = (gazetteer, counts)
    return _NAME_COUNTS[key][1]


def _bracketed(text: str, mention: Mention, entity, resolver):
    """``杭州高新区(滨江)``: a place in brackets right after a zone, lying
    inside the place the zone's name gives, is where the zone lies."""
    if entity.type != "DevelopmentZone":
        return None
    m = BRACKETED_PLACE.match(text, mention.end)
    if not m:
        return None
    g = resolver.gazetteer
    code = _region_index(g)[2].get(m.group(1))        # the whole bracket is a place
    region = g.regions.get(code) if code else None
    outer = region_of_name(entity.label, resolver) or region_of_name(mention.text, resolver)
    if region is None or outer is None:
        return None
    if region.adcode != outer.adcode and outer.adcode in chain(g, region):
        return region
    return None


#: A second name in brackets right after a name: ``兰亭实验室(绍兴市集成电路材料实验室)``.
BRACKETED_NAME = re.compile(r"[(（]([\u4e00-\u9fff]{4,40})[)）]")


def _bracketed_name(text: str, mention: Mention, entity, resolver, when=None):
    """``鹏城实验室(深圳网络空间科学与技术广东省实验室)``: a second name of the same kind
    (the same last two characters) in brackets right after a name is the body's other
    name, and the place that name gives is where the body lies.  Not for a development
    zone: the zones in brackets after a zone are the parts it integrates
    (``乌镇大数据高新技术产业园区(浙江桐乡濮院针织产业园区)``).

    >>> BRACKETED_NAME.match("(绍兴市集成电路材料实验室)、").group(1)
    '绍兴市集成电路材料实验室'
    """
    if entity.type == "DevelopmentZone":
        return None
    m = BRACKETED_NAME.match(text, mention.end)
    if not m or m.group(1)[-2:] != entity.label[-2:]:
        return None
    return region_of_name(m.group(1), resolver, when, stems=False)


def _stated_in_fields(text: str, pairs, where: dict, resolver) -> None:
    """``1.黄河流域生态保护山东省实验室。牵头单位:山东大学;所在地:东营市。``: a
    place field in a line places the zone, lab or institution opening it."""
    labels = _place_words("place_fields")
    if not labels:
        return
    field_re = re.compile("(?:" + "|".join(map(re.escape, labels)) + r")\s*(?:[:：]|为)\s*")
    starts = sorted(m.start for m, _ in pairs)
    by_start = {}
    for m, e in pairs:
        by_start.setdefault(m.start, e)
    for field in field_re.finditer(text):
        end = FIELD_END.search(text, field.end(), field.end() + 30)
        region = _place_in(text[field.end():end.start() if end else field.end() + 30], resolver)
        if region is None:
            continue
        line = line_start(text, field.start())
        opening = LINE_ITEM.match(text, line).end()
        k = bisect.bisect_left(starts, opening)
        if k == len(starts) or starts[k] != opening or starts[k] >= field.start():
            continue
        subject = by_start[opening]
        if subject.type in LOCATED and subject.iri not in where:
            where[subject.iri] = region


def _from_tables(text: str, pairs, resolver) -> dict:
    """Regions of the bodies named in flattened tables with a place column
    (``序号 / 机构名称 / 依托单位 / 所在地``): the name in the row's name column
    (a header holding 名称, else the first column naming a zone, lab or
    institution) lies in the place cell's region.  A column of the row's
    county (``所在县(市、区)``) places a lab named after its city in the county
    (``嘉兴市X重点实验室`` in a row ``海宁市`` → 海宁市)."""
    columns = _place_words("place_columns") + tuple(words("county_place_columns"))
    out: dict = {}
    if "序号" not in text or not columns:
        return out
    by_start = {m.start: (m, e) for m, e in pairs if e.type in LOCATED}
    for table in flat_tables(text):
        place = table.column(columns)
        if place is None:
            continue
        name = table.column(_place_words("name_columns"))
        for row in table.rows:
            if place >= len(row) or row[place].empty:
                continue
            region = _place_in(row[place].text, resolver)
            if region is None:
                continue
            cols = [name] if name is not None else [i for i in range(len(row)) if i != place]
            for i in cols:
                found = by_start.get(row[i].start) if i < len(row) else None
                if found is not None and found[0].end <= row[i].end:
                    out.setdefault(found[1].iri, region)
                    break
    return out


def _from_region_headings(text: str, pairs, where: dict, resolver) -> None:
    """``柯桥区:X公司、Y公司``: the bodies listed on a line after a region and
    a colon lie in that region: the heading wins over a stem read in a name
    (``卧龙电气…公司`` under 上虞区), unless the name places the body inside it.
    Only a list counts: the names must follow one another with list commas.
    A heading glued to the end of the previous heading's list (lines joined
    when the text was unwrapped: ``…Y公司上虞区:Z公司``) starts a new list."""
    ordered = sorted(pairs, key=lambda p: p[0].start)
    starts = [m.start for m, _ in ordered]
    g = resolver.gazetteer
    list_end = -1
    for i, (head, entity) in enumerate(ordered):
        if entity.type != "Region" or HEADING_COLON.match(text, head.end) is None:
            continue
        line = line_start(text, head.start)
        if LINE_ITEM.match(text, line).end() != head.start and head.start != list_end:
            continue
        region = g.regions.get(entity.key)
        if region is None:
            continue
        pos = HEADING_COLON.match(text, head.end).end()
        k = bisect.bisect_left(starts, pos)
        while k < len(ordered) and ordered[k][0].start == pos and ordered[k][1].type in LOCATED:
            member, body = ordered[k]
            own = where.get(body.iri)
            if own is None or region.adcode not in chain(g, own):
                where[body.iri] = region
            list_end = member.end
            sep = LIST_SEPARATOR.match(text, member.end)
            if sep is None:
                break
            pos = sep.end()
            k = bisect.bisect_left(starts, pos)


def _from_home_stems(document: Document, pairs, where: dict, resolver) -> None:
    """``揭东经济开发区`` in a Guangdong (粤府函) document: a zone naming no
    place in full whose name starts with the stem of a division of the
    document's own province (揭东 of 揭阳市揭东区) lies there.  The home
    province's stems are already read by :func:`regions_in_name`."""
    from graph.resolve import document_context

    g = resolver.gazetteer
    province = document_context(document, g).province
    if not province or province.startswith(HOME_ADCODE_PREFIX):
        return
    stems = _descendant_stems(g, province)
    for mention, entity in pairs:
        if entity.type != "DevelopmentZone" or entity.iri in where:
            continue
        for k in (4, 3, 2):
            code = stems.get(entity.label[:k])
            if code and len(entity.label) > k + 2:
                where[entity.iri] = g.regions[code]
                break


def _in_home_city(document: Document, pairs, where: dict, resolver) -> None:
    """``环大罗山科创走廊`` in a 温州 document: a zone whose name, text and list
    place nowhere lies in the city (or county) whose own document names it."""
    from graph.resolve import document_context

    g = resolver.gazetteer
    home = document_context(document, g)
    code = home.county or home.city
    region = g.regions.get(code) if code else None
    if region is None:
        return
    for mention, entity in pairs:
        if entity.type == "DevelopmentZone" and entity.iri not in where \
                and not regions_in_name(entity.label, resolver):
            where[entity.iri] = region


def _coordinated(text: str, pairs, where: dict, resolver) -> None:
    """``由三门县滨海新城工业园区和沿江工业园区组成``: a zone coordinated with
    zones that all lie in one place, and naming none itself, lies there too."""
    zones = [(m, e) for m, e in pairs if e.type == "DevelopmentZone"]
    groups, current = [], zones[:1]
    for (m1, e1), (m2, e2) in zip(zones, zones[1:]):
        if text[m1.end:m2.start] in COORDINATION:
            current.append((m2, e2))
        else:
            groups.append(current)
            current = [(m2, e2)]
    groups.append(current)
    for group in groups:
        entities = {e.iri: e for _, e in group}
        placed = {where[i].adcode for i in entities if i in where}
        open_ = [i for i in entities if i not in where]
        if len(entities) < 2 or len(placed) != 1 or not open_:
            continue
        region = resolver.gazetteer.regions[next(iter(placed))]
        for iri in open_:
            where[iri] = region


def _region_iri(region, resolver) -> str:
    """The IRI of a gazetteer region (the Resolver's, from its adcode)."""
    return mint("region", region.adcode)


def _stated(text: str, mention: Mention, pairs, resolver):
    """``X位于Y`` right after the mention: the region Y."""
    m = SITUATED.match(text, mention.end)
    if not m:
        return None
    for other, entity in pairs:
        if other.start >= m.end() and other.start <= m.end() + 1 and entity.type == "Region":
            return resolver.gazetteer.regions.get(entity.key)
    return None


def _from_lists(document: Document, pairs, where: dict, resolver) -> None:
    """Fill in zone-list items by heading, neighbours and bracket heads."""
    text = document.text
    items = zone_list_items(text)
    if not items:
        return
    by_start = {m.start: e for m, e in pairs if e.type == "DevelopmentZone"}
    headings = _headings(text, resolver)
    g = resolver.gazetteer
    rows = []          # (head entity, member entities, heading region)
    for it in items:
        head = by_start.get(it.head_start)
        members = [by_start.get(s) for _, s, _ in it.members]
        rows.append((head, [e for e in members if e is not None], _heading_at(headings, it.head_start)))
    cities = []
    for head, _, heading in rows:
        region = where.get(head.iri) if head is not None else None
        if region is None and heading is not None and head is not None:
            where[head.iri] = region = heading
        cities.append(_prefecture(g, region) if region is not None else None)
    for i, (head, _, _) in enumerate(rows):
        if head is None or head.iri in where:
            continue
        before = next((c for c in reversed(cities[:i]) if c is not None), None)
        after = next((c for c in cities[i + 1:] if c is not None), None)
        if before is not None and before is after:
            where[head.iri] = before
    for head, members, _ in rows:                       # members narrow the head
        if head is None or head.iri not in where or _own_zone_of_place(head.label, where[head.iri]):
            continue
        placed = [where[m.iri] for m in members if m.iri in where]
        found = [where[head.iri]] + placed
        deepest = max(found, key=lambda r: LEVEL_DEPTH.get(r.level, 0))
        agree = sum(1 for r in placed if r.adcode == deepest.adcode)
        if (all(r.adcode in chain(g, deepest) for r in found) and deepest.name != head.label
                and agree * 2 >= len(placed)):
            where[head.iri] = deepest
    for head, members, _ in rows:                       # members lie where the head lies
        if head is None or head.iri not in where:
            continue
        for member in members:
            own = where.get(member.iri)
            if own is None or (own.adcode != where[head.iri].adcode
                               and own.adcode in chain(g, where[head.iri])):
                where[member.iri] = where[head.iri]


def _own_zone_of_place(name: str, region) -> bool:
    """True for a zone named by its place and a kind only (``丽水经济技术开发区``):
    the place's own zone, not narrowed to where a zone it integrates lies.

    >>> from types import SimpleNamespace as R
    >>> _own_zone_of_place("丽水经济技术开发区", R(name="丽水市")), _own_zone_of_place("杭州青山湖高新区", R(name="杭州市"))
    (True, False)
    """
    from graph.nlp.lexicon import region_stem

    rest = name.removeprefix("浙江")
    for form in (region.name, region_stem(region.name)):
        if form and rest.startswith(form):
            return rest[len(form):] in _KIND_ENDINGS
    return False


#: Zone kinds named after a place alone (``丽水经济技术开发区``).
_KIND_ENDINGS = tuple(words("zone_kind_endings"))


def _prefecture(gazetteer, region):
    """The prefecture a region lies in (itself when a prefecture)."""
    if region.level == "prefecture":
        return region
    for r in gazetteer.ancestors(region.adcode):
        if r.level == "prefecture":
            return r
    return None


def _headings(text: str, resolver) -> list[tuple[int, object]]:
    """``(offset, region)`` of list headings that name a region."""
    out = []
    forms = _region_index(resolver.gazetteer)[0]
    for m in HEADING.finditer(text):
        region = resolver.gazetteer.regions.get(forms.get(m.group(1), ""))
        if region is not None:
            out.append((m.start(), region))
    return out


def _heading_at(headings: list, pos: int):
    """The region of the last heading before ``pos``, if any."""
    current = None
    for start, region in headings:
        if start > pos:
            break
        current = region
    return current
