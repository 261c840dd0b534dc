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
