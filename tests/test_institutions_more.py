"""Institution names the suffix rules reach through a parent body, a national opener,
a named sea or a field (texts written for these tests, after plans of other provinces)."""

import pytest

from graph.gazetteer import load_gazetteer
from graph.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(load_gazetteer())


def institutions(nlp, text: str) -> list[str]:
    doc = nlp(text)
    return [s.text for s in doc.spans.get("govkg", []) if s.label_ == "Institution"]


def test_centre_of_a_university(nlp):
    assert "四川大学成都国际科创中心" in institutions(nlp, "重点推进四川大学成都国际科创中心建设。")


def test_bare_science_centre_is_no_institution(nlp):
    assert institutions(nlp, "打造具有全球影响力的科创中心。") == []


def test_national_centre_named_by_its_field(nlp):
    t = "推进进口食品安全风险监测国家中心建设,加快建设国家中心城市。"
    assert institutions(nlp, t) == ["进口食品安全风险监测国家中心"]


def test_guidance_centre_opened_by_guo_jia(nlp):
    t = "推动国家海外知识产权纠纷应对指导中心江苏分中心建设。"
    assert "国家海外知识产权纠纷应对指导中心" in institutions(nlp, t)
    # 国家 and only generic words: a category
    assert institutions(nlp, "争取设立国家技术指导中心。") == []


def test_think_tank_with_a_place(nlp):
    assert institutions(nlp, "发挥江苏省质量发展智库作用,建设新型智库。") == ["江苏省质量发展智库"]


def test_enterprise_opened_by_a_named_sea(nlp):
    assert institutions(nlp, "支持渤海航运保险公司发展。") == ["渤海航运保险公司"]


def test_name_inside_a_law_title_is_no_institution(nlp):
    t = "修订《福建省商品交易市场管理条例》,支持福建船舶交易市场发展。"
    assert institutions(nlp, t) == ["福建船舶交易市场"]


def test_university_before_a_rewarded_team_is_an_institution(nlp):
    t = "省政府决定:授予兰州大学王立平团队2022年度甘肃省科技功臣奖。"
    doc = nlp(t)
    spans = {(s.text, s.label_) for s in doc.spans.get("govkg", [])}
    assert ("兰州大学", "Institution") in spans
    assert ("王立平团队", "Person") in spans
