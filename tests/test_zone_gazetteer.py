"""Known development zones (``ontology/zones.tsv``): loaded into the gazetteer,
matched as DevelopmentZone mentions without a place in front, resolved to one
node per zone, and placed in the finer region the table gives.

The sentences are written for these tests (not taken from the corpus)."""

from __future__ import annotations

from datetime import date


from graph.extract import location
from graph.gazetteer import load_gazetteer
from graph.model import Document
from graph.nlp import find_mentions, find_mentions_in_text
from graph.vocab import mint


def zones_in(kit, text: str) -> list[str]:
    return [m.text for m in find_mentions_in_text(kit[0], text) if m.label == "DevelopmentZone"]


def located(kit, text: str, when: date = date(2022, 3, 1)) -> dict[str, str]:
    """``zone IRI → region adcode`` of the locatedIn facts read from ``text``."""
    nlp, resolver = kit
    doc = Document(key="测试〔2022〕3号", title="", text=text, number="测试〔2022〕3号", date=when)
    facts = location.extract(doc, find_mentions(nlp, doc), resolver)
    return {f.subject: f.object.rsplit("/", 1)[1] for f in facts if f.predicate == "gov:locatedIn"}


# -- the table ------------------------------------------------------------------

def test_every_region_of_the_table_is_a_known_division():
    g = load_gazetteer()
    from graph.gazetteer import read_tsv, DATA_DIR
    rows = read_tsv(DATA_DIR / "zones.tsv")
    assert len(rows) == len(g.zones) > 100
    for row in rows:
        zone = g.zones[row["name"]]
        assert (zone.region_adcode is not None) == bool(row["region"]), row["name"]
        assert row["level"] in ("national", "provincial", "other"), row["name"]


def test_a_city_and_district_column_resolves_to_the_district():
    g = load_gazetteer()
    assert g.zones["宁波石化经济技术开发区"].region_adcode == "330211"        # 宁波市镇海区
    assert g.zones["浙江杭州未来科技城"].region_adcode == "330110"            # 杭州市余杭区
    assert g.zones["宁波保税区"].region_adcode == "330206"                    # 宁波市北仑区


def test_aliases_name_their_zone_and_no_alias_is_shared():
    g = load_gazetteer()
    assert g.zone_by_name("滨江高新区").name == "杭州高新技术产业开发区"
    assert g.zone_by_name("大榭开发区").name == "宁波大榭开发区"
    names = [n for z in g.zones.values() for n in z.names]
    assert len(names) == len(set(names))


# -- mentions -------------------------------------------------------------------

def test_known_zones_without_a_place_are_found_and_typed(kit):
    found = zones_in(kit, "鼓励高校院所在未来科技城、紫金港科技城设立研发中心,并与甬江科创区开展合作。")
    assert found == ["未来科技城", "紫金港科技城", "甬江科创区"]


def test_overseas_parks_and_short_forms_are_found(kit):
    found = zones_in(kit, "支持企业到泰中罗勇工业园、中白工业园投资,推进梅山综合保税区和大榭开发区联动。")
    assert found == ["泰中罗勇工业园", "中白工业园", "梅山综合保税区", "大榭开发区"]


def test_a_pattern_zone_holding_a_known_name_is_not_split(kit):
    text = "做强宁波经济技术开发区大港片区和中国(浙江)自由贸易试验区金义片区。"
    assert zones_in(kit, text) == ["宁波经济技术开发区大港片区", "中国(浙江)自由贸易试验区金义片区"]


def test_a_known_zone_in_its_committee_name_is_no_zone_mention(kit):
    found = find_mentions_in_text(kit[0], "请南太湖新区管委会会同市发展改革委抓好落实。")
    assert "南太湖新区" not in [m.text for m in found if m.label == "DevelopmentZone"]


def test_a_district_before_a_known_zone_stays_a_region(kit):
    found = find_mentions_in_text(kit[0], "项目选址位于南京市浦口区南京江北新区核心区。")
    labels = {(m.text, m.label) for m in found}
    assert ("南京市浦口区", "Region") in labels and ("南京江北新区", "DevelopmentZone") in labels


# -- resolution -----------------------------------------------------------------

def test_aliases_resolve_to_one_node_with_the_official_label(kit):
    resolver = kit[1]
    a = resolver.resolve("杭州高新区", "DevelopmentZone")
    b = resolver.resolve("滨江高新区", "DevelopmentZone")
    c = resolver.resolve("杭州高新技术产业开发区", "DevelopmentZone")
    assert a.iri == b.iri == c.iri == mint("zone", "杭州高新技术产业开发区")
    assert a.label == "杭州高新技术产业开发区" and "滨江高新区" in b.alt_labels


def test_an_unknown_zone_keeps_its_own_name(kit):
    e = kit[1].resolve("某县绿色食品产业园区", "DevelopmentZone")
    assert e.label == "某县绿色食品产业园区"


# -- location -------------------------------------------------------------------

def test_a_zone_named_after_its_city_lies_in_the_district_the_table_gives(kit):
    where = located(kit, "推动宁波石化经济技术开发区与温州经济技术开发区绿色化改造。")
    assert where[mint("zone", "宁波石化经济技术开发区")] == "330211"       # 镇海区, not 宁波市
    assert where[mint("zone", "温州经济技术开发区")] == "330303"           # 龙湾区


def test_a_zone_without_a_place_is_placed_by_the_table(kit):
    where = located(kit, "支持未来科技城打造人才高地。")
    assert where[mint("zone", "浙江杭州未来科技城")] == "330110"            # 余杭区


def test_the_text_placing_a_zone_elsewhere_wins(kit):
    where = located(kit, "嘉兴经济技术开发区位于嘉兴市南湖区,重点发展智能制造。")
    assert where[mint("zone", "嘉兴经济技术开发区")] == "330402"            # finer than the table's 嘉兴市


def test_a_district_not_yet_in_force_gives_way_to_its_city():
    # 临安区 replaced 临安市 on 2017-08-01
    g = load_gazetteer()
    assert location.known_zone_region("浙江临安经济开发区", None, g, date(2016, 5, 1)).adcode == "330100"
    assert location.known_zone_region("浙江临安经济开发区", None, g, date(2019, 5, 1)).adcode == "330112"


def test_a_zone_elsewhere_is_placed_only_by_its_name_or_the_text(kit):
    where = located(kit, "学习借鉴中关村科技园区的经验。")
    assert mint("zone", "中关村科技园区") not in where
