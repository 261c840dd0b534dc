"""Rules called for by the fifteenth held-out set, proven on text written for these tests:
several development zones' 管委会 leading one measure together, the short form
``市自然资源规划局`` of a city's 自然资源和规划局, and a quoted code name closed by 重大专项."""

from __future__ import annotations

import pytest

from graph.extract.responsibility import find_assignments
from graph.ingest import normalise
from graph.resolve import Resolver


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


def roles(text: str, resolver) -> list[list[tuple[str, bool]]]:
    """(unit, leads) per note, in order."""
    return [[(u.name, u.lead) for u in a.units]
            for a in find_assignments(normalise(text).text, resolver=resolver)]


# -- (1) 由A管委会、B管委会牵头,C配合: every unit before 牵头 leads -------------------------

def test_two_zone_committees_lead_together(resolver):
    text = ("三、建设科创走廊。依托苏州工业园区布局建设创新载体。"
            "由苏州工业园区管委会、昆山高新区管委会牵头,市财政局、市商务局配合。")
    assert roles(text, resolver) == [[("苏州工业园区管委会", True), ("昆山高新区管委会", True),
                                      ("市财政局", False), ("市商务局", False)]]


def test_a_department_and_a_zone_committee_lead_together(resolver):
    text = "五、完善用地保障。由市科技局、合肥高新区管委会牵头,市发展改革委配合。"
    assert roles(text, resolver) == [[("市科技局", True), ("合肥高新区管委会", True), ("市发展改革委", False)]]


def test_a_phrase_before_qiantou_is_no_lead(resolver):
    # the words before 牵头 are a phrase, not a list of units: no assignment from them
    text = "由加强统筹、完善机制牵头推进。"
    assert roles(text, resolver) == []


# -- shared pipeline for the mention tests below -------------------------------------------

def mentions_of(kit, text: str, title: str, label: str) -> list[str]:
    from datetime import date

    from graph.model import Document
    from graph.nlp import find_mentions
    nlp, _ = kit
    doc = Document(key="测试〔2020〕5号", title=title, text=text, number="测试〔2020〕5号",
                   date=date(2020, 6, 1), issuers=[title.split("关于")[0]])
    return [m.text for m in find_mentions(nlp, doc) if m.label == label]


# -- (2) 市自然资源规划局: a short form (without 和) of the city's 自然资源和规划局 ---------------

def test_short_natural_resources_bureau_resolves_to_the_citys_bureau(kit):
    _, resolver = kit
    from graph.model import Document
    doc = Document(key="温政发〔2020〕9号", title="温州市人民政府关于加快科技创新的若干意见",
                   text="", issuers=["温州市人民政府"])
    bound = resolver.bound(doc)
    assert bound.resolve("市自然资源规划局", "Agency").label == "温州市自然资源和规划局"
    assert bound.resolve("市自然资源和规划局", "Agency").label == "温州市自然资源和规划局"


def test_short_natural_resources_bureau_is_a_unit_in_a_support_list(resolver):
    text = "四、保障用地需求。由市发展改革委牵头,市自然资源规划局、市财政局配合。"
    assert roles(text, resolver) == [[("市发展改革委", True), ("市自然资源规划局", False), ("市财政局", False)]]


# -- (4) “code name”重大专项: a programme ---------------------------------------------------

def test_quoted_code_name_with_major_special_project_is_a_programme(kit):
    text = "为深入实施“智造强市2030”重大专项,加快培育创新主体,现提出如下意见。"
    assert "“智造强市2030”重大专项" in mentions_of(kit, text, "合肥市人民政府关于加快培育创新主体的意见", "Program")


def test_quoted_slogan_before_a_bare_zhuanxiang_is_no_programme(kit):
    text = "各地要开展“双随机”专项检查,确保安全。"
    assert not any("双随机" in p for p in mentions_of(kit, text, "合肥市人民政府关于安全检查的通知", "Program"))


def test_short_natural_resources_bureau_is_found_in_running_text(kit):
    text = "二、市自然资源规划局要做好用地保障,温州市自然资源规划局负责审批。"
    found = mentions_of(kit, text, "温州市人民政府关于加快科技创新的若干意见", "Agency")
    assert "市自然资源规划局" in found and "温州市自然资源规划局" in found
    _, resolver = kit
    assert resolver.resolve("温州市自然资源规划局", "Agency").label == "温州市自然资源和规划局"


# -- (3) a laboratory's second name in brackets places it ------------------------------------

def located(kit, text: str, title: str) -> set[tuple[str, str]]:
    from datetime import date

    from graph.extract import location
    from graph.model import Document
    from graph.nlp import find_mentions
    nlp, resolver = kit
    doc = Document(key="测试〔2022〕3号", title=title, text=text, number="测试〔2022〕3号",
                   date=date(2022, 3, 1), issuers=[title.split("关于")[0]])
    bound = resolver.bound(doc)
    facts = location.extract(doc, find_mentions(nlp, doc), bound)
    labels = {f.subject: f.object for f in facts if f.predicate == "rdfs:label"}
    return {(f.subject.rsplit("/", 1)[-1], f.object) for f in facts if f.predicate == "gov:locatedIn"}


def test_a_laboratorys_bracketed_second_name_gives_its_place(kit):
    from graph.vocab import mint
    text = "二、支持鸿雁实验室(济南市先进光电材料实验室)、山东大学建设创新平台。由市科技局牵头。"
    got = located(kit, text, "济南市人民政府关于加快科技创新平台建设的通知")
    assert ("鸿雁实验室", mint("region", "370100")) in got


def test_a_bracketed_name_of_another_kind_gives_no_place(kit):
    text = "二、支持鸿雁实验室(济南市光电产业协会)开展合作。"
    got = located(kit, text, "山东省人民政府关于加快科技创新平台建设的通知")
    assert not any(s == "鸿雁实验室" for s, _ in got)


def test_zones_in_brackets_after_a_zone_are_parts_not_a_second_name(kit):
    from graph.vocab import mint
    text = "一、同意整合设立以下园区:\n3.新沂高新技术产业园区(徐州铜山工业园区)\n"
    got = located(kit, text, "江苏省人民政府关于开发区整合的批复")
    assert ("新沂高新技术产业园区", mint("region", "320381")) in got
    assert ("新沂高新技术产业园区", mint("region", "320300")) not in got
