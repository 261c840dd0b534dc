"""Rules called for by the eleventh held-out set, proven on text written for these tests:
development zones rewarded in a 督查激励 notice, institutions placed only by the name the text
writes, and 和 inside an institution's name in a prize decision's recipient list."""

from __future__ import annotations

import pytest

from graph.extract.awards import extract as award_facts
from graph.model import Document
from graph.nlp.awards import _read_joined, incentive_items, patterns, read_grants
from graph.resolve import Resolver


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


def _labels(facts) -> dict[str, str]:
    return {f.subject: f.object for f in facts if f.predicate == "rdfs:label"}


def _types(facts) -> dict[str, str]:
    labels = _labels(facts)
    return {labels[f.subject]: f.object for f in facts if f.predicate == "rdf:type" and f.subject in labels}


# -- (1) a development zone among the places of a 督查激励 item ------------------------------

INCENTIVE = ("湖南省人民政府办公厅关于对2023年度落实有关重大政策措施真抓实干成效明显地方予以督查激励的通报\n"
             "一、推进科技创新成效明显的地方:株洲市、长沙高新技术产业开发区、湘潭市。"
             "给予专项资金奖励。(由省科技厅会同省财政厅组织实施)\n"
             "二、推进产业转型升级成效明显的县市区:长沙市岳麓区、浏阳市。(省工业和信息化厅组织实施)\n")


def test_incentive_item_rewards_a_development_zone_as_a_zone():
    items = incentive_items(INCENTIVE)
    got = [(r.label, INCENTIVE[r.start:r.end]) for r in items[0].regions]
    assert got == [("Region", "株洲市"), ("DevelopmentZone", "长沙高新技术产业开发区"), ("Region", "湘潭市")]
    assert {r.label for r in items[1].regions} == {"Region"}


def test_incentive_zone_is_rewarded_by_its_item(resolver):
    doc = Document(key="k", title=INCENTIVE.splitlines()[0], text=INCENTIVE, issuers=["湖南省人民政府办公厅"])
    facts = award_facts(doc, [], resolver)
    labels = _labels(facts)
    rewarded = {(labels[f.subject], labels[f.object]) for f in facts if f.predicate == "gov:rewardedBy"}
    assert ("长沙高新技术产业开发区", "2023年度落实有关重大政策措施真抓实干成效明显地方督查激励:"
            "推进科技创新成效明显的地方") in rewarded
    assert _types(facts)["长沙高新技术产业开发区"] == "gov:DevelopmentZone"
    assert _types(facts)["株洲市"] == "gov:Region"


def test_a_district_named_new_area_stays_a_region():
    text = ("上海市人民政府办公厅关于对2022年度落实有关重大政策措施真抓实干成效明显地方予以督查激励的通报\n"
            "一、优化营商环境成效明显的区:上海市浦东新区、闵行区。(市发展改革委组织实施)\n")
    [item] = incentive_items(text)
    assert [r.label for r in item.regions] == ["Region", "Region"]
    assert text[item.regions[0].start:item.regions[0].end].endswith("浦东新区")


# -- (2) an institution is placed by the name the text writes, not by its official name ------

def _placed(kit, text: str, key: str = "苏政发〔2023〕12号") -> dict[str, str]:
    """The region IRI each zone, lab or institution of ``text`` is placed in."""
    from datetime import date

    from graph.extract import location
    from graph.nlp import find_mentions

    nlp, resolver = kit
    doc = Document(key=key, title="", number=key, date=date(2023, 6, 1), text=text)
    facts = location.extract(doc, find_mentions(nlp, doc), resolver)
    return {f.subject: f.object for f in facts if f.predicate == "gov:locatedIn"}


def test_short_form_without_a_place_is_not_placed_by_its_official_name(kit):
    resolver = kit[1]
    placed = _placed(kit, "支持腾讯公司、娃哈哈集团在南京设立区域总部和研发中心。")
    for short, city in (("腾讯公司", "深圳"), ("娃哈哈集团", "杭州")):
        entity = resolver.resolve(short, "Institution")
        assert city in entity.label              # the official name names a city …
        assert entity.iri not in placed          # … but the name the text writes does not


def test_official_name_written_in_full_still_places_the_institution(kit):
    resolver = kit[1]
    placed = _placed(kit, "深圳市腾讯计算机系统有限公司与省内高校共建联合实验室，腾讯公司提供算力支持。")
    entity = resolver.resolve("腾讯公司", "Institution")
    assert placed[entity.iri] == mint_region(resolver, "深圳市")


def mint_region(resolver, name: str) -> str:
    from graph.extract.location import _region_iri

    return _region_iri(resolver.gazetteer.regions_by_name(name)[0], resolver)


# -- (3) 和 inside an institution's name in a recipient list ----------------------------------

@pytest.mark.parametrize("item,names", [
    ("北京协和医院主任医师周立", ["周立"]),
    ("天津和平区人民医院教授李强", ["李强"]),
    ("四川中和化工有限公司高级工程师张勇", ["张勇"]),
    ("上海仁和医院主任医师陈刚和孙海峰团队", ["陈刚", "孙海峰团队"]),
    ("王明和李红", ["王明", "李红"]),
    ("李和平和张伟", ["李和平", "张伟"]),
])
def test_and_inside_an_institution_name_joins_nothing(item, names):
    assert [r.name(item) for r in _read_joined(item, 0, len(item), patterns())] == names


def test_prize_decision_recipient_with_and_in_the_hospital_name():
    text = ("北京市人民政府关于2023年度北京市科学技术奖励的决定\n"
            "授予北京协和医院主任医师周立2023年度北京市科学技术杰出人物奖;"
            "授予天津和平区人民医院教授李强和清华大学孙海峰团队2023年度北京市科学技术进步奖一等奖。")
    got = [(g.award.name(text), [(r.label, r.name(text)) for r in g.recipients]) for g in read_grants(text)]
    assert got == [
        ("2023年度北京市科学技术杰出人物奖", [("Person", "周立")]),
        ("2023年度北京市科学技术进步奖一等奖", [("Person", "李强"), ("Person", "孙海峰团队")]),
    ]
