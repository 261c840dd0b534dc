"""Development zones: more park endings after a place (集中发展区, 工业集中区, 种业园,
农业园, 产业新城…), a county's stem opening a zone name, the mark of a former zone
(``由原A和B``) left out of its name, and ``由A、B整合而成`` in an approval.

The sentences are written for these tests (other provinces and years than any
sample), not taken from the corpus."""

from __future__ import annotations

from datetime import date


from graph.extract import location, zones
from graph.model import Document
from graph.nlp import find_mentions, find_mentions_in_text


def zones_in(kit, text: str) -> list[str]:
    return [m.text for m in find_mentions_in_text(kit[0], text) if m.label == "DevelopmentZone"]


def facts_of(kit, module, text: str, predicate: str) -> list[tuple[str, str]]:
    """``(subject label, object label-or-adcode)`` of the ``predicate`` facts ``module`` reads."""
    nlp, resolver = kit
    doc = Document(key="测试〔2021〕8号", title="", text=text, number="测试〔2021〕8号", date=date(2021, 6, 1))
    mentions = find_mentions(nlp, doc)
    labels = {}
    for m in mentions:
        e = resolver.resolve(m.text, m.label, when=doc.date)
        labels[e.iri] = e.label
    return [(labels.get(f.subject, f.subject), labels.get(f.object, f.object.rsplit("/", 1)[1]))
            for f in module.extract(doc, mentions, resolver) if f.predicate == predicate]


# -- endings --------------------------------------------------------------------

def test_industrial_concentration_areas_after_a_place(kit):
    text = "支持广汉工业集中发展区、大冶工业集中区和宜都产业功能区加快发展。"
    assert zones_in(kit, text) == ["广汉工业集中发展区", "大冶工业集中区", "宜都产业功能区"]


def test_seed_and_agricultural_parks_and_new_towns_after_a_place(kit):
    text = "推进寿光蔬菜种业园、蒲江现代农业园和固安产业新城建设。"
    assert zones_in(kit, text) == ["寿光蔬菜种业园", "蒲江现代农业园", "固安产业新城"]


def test_the_endings_alone_are_categories(kit):
    text = "各地要规划建设工业集中发展区、现代农业园和种业园,发展新兴产业园区和出口加工区。"
    assert zones_in(kit, text) == []


def test_a_former_mark_is_no_part_of_the_name_but_a_place_named_yuan_is(kit):
    text = "由原广汉工业集中发展区调整而来。原平经济开发区位于忻州市。"
    assert zones_in(kit, text) == ["广汉工业集中发展区", "原平经济开发区"]


# -- 由A、B整合而成 ---------------------------------------------------------------

def test_an_approval_integrates_the_zones_listed_before_the_verb(kit):
    text = ("一、同意设立湖北孝昌经济开发区,实行现行省级开发区政策。"
            "开发区位于孝感市孝昌县,由孝昌工业集中区、孝昌现代农业园整合设立,规划面积8.3平方公里。")
    assert sorted(facts_of(kit, zones, text, "gov:integrates")) == [
        ("湖北孝昌经济开发区", "孝昌工业集中区"), ("湖北孝昌经济开发区", "孝昌现代农业园")]


def test_former_marks_before_each_member_and_the_short_name_as_subject(kit):
    text = ("一、同意设立四川广汉高新技术产业开发区(以下简称广汉高新区)。"
            "广汉高新区由原广汉工业集中发展区和原广汉现代农业园合并而成。")
    assert sorted(facts_of(kit, zones, text, "gov:integrates")) == [
        ("四川广汉高新技术产业开发区", "广汉工业集中发展区"), ("四川广汉高新技术产业开发区", "广汉现代农业园")]


def test_no_integration_without_a_set_up_zone_or_without_the_verb(kit):
    report = "孝昌经济开发区由孝昌工业集中区、孝昌现代农业园整合而成,运行良好。"
    assert facts_of(kit, zones, report, "gov:integrates") == []
    other = "一、同意设立湖北孝昌经济开发区。开发区由孝昌工业集中区负责管理。"
    assert facts_of(kit, zones, other, "gov:integrates") == []


def test_the_integrated_parts_are_placed_by_their_county(kit):
    text = ("一、同意设立湖北孝昌经济开发区。开发区位于孝感市孝昌县,"
            "由孝昌工业集中区、孝昌现代农业园整合设立。")
    placed = dict(facts_of(kit, location, text, "gov:locatedIn"))
    assert placed["孝昌工业集中区"] == placed["孝昌现代农业园"] == placed["湖北孝昌经济开发区"] == "孝昌县"


def test_a_county_stem_that_is_a_common_word_opens_no_zone(kit):
    # 合作市 (甘肃) exists, but 合作 here is an ordinary word
    text = "以国际合作产业园建设为载体。大冶工业集中区位于黄石市。"
    assert zones_in(kit, text) == ["大冶工业集中区"]
