"""City science award decisions whose grades are written without the year, recipients named
after their organisation with the title after the name, and commendation lists (表彰决定) with
counties among the collectives and persons' units run together with the next name.

The texts are written for these tests, after decisions of other provinces and cities (江苏 南通,
江西 九江, 福建 泉州); names, projects and numbers are made up.
"""

import pytest

from graph.extract.awards import extract
from graph.model import Document
from graph.nlp.awards import honour_list, post_unit, read_grants
from graph.resolve import Resolver
from readings import label_pairs as _triples


def grants(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    return [(g.award.name(text), [(r.label, r.name(text)) for r in g.recipients]) for g in read_grants(text)]


CITY_DECISION = (
    "南通市人民政府关于2021年度南通市科学技术奖励的决定\n"
    "各县(市、区)人民政府,市各委、办、局:\n"
    "为表彰先进,经市科学技术奖励委员会评审,市政府决定:\n"
    "授予扬州大学陈国华教授、江苏中天科技股份有限公司薛建平团队2021年度南通市科学技术突出贡献奖;\n"
    "授予“海上风电塔筒防腐涂层研发与应用”等4项成果南通市科学技术进步奖一等奖,"
    "“家纺面料数码印花关键技术”等11项成果二等奖,“沿海滩涂耐盐水稻选育”等20项成果三等奖。\n"
    "南通市人民政府\n2022年4月6日\n"
)


def test_city_prize_grades_without_year_take_the_decisions_year():
    found = dict(grants(CITY_DECISION))
    assert found["2021年度南通市科学技术进步奖一等奖"] == [("Achievement", "海上风电塔筒防腐涂层研发与应用")]
    assert found["2021年度南通市科学技术进步奖二等奖"] == [("Achievement", "家纺面料数码印花关键技术")]
    assert found["2021年度南通市科学技术进步奖三等奖"] == [("Achievement", "沿海滩涂耐盐水稻选育")]


def test_county_prize_opens_with_the_county():
    t = "2022年度慈溪市科学技术奖励的决定\n授予“智能小家电控制芯片设计”等2项成果慈溪市科学技术进步奖一等奖。"
    assert grants(t) == [("2022年度慈溪市科学技术进步奖一等奖", [("Achievement", "智能小家电控制芯片设计")])]


def test_person_after_organisation_with_title_after_the_name():
    found = dict(grants(CITY_DECISION))
    assert found["2021年度南通市科学技术突出贡献奖"] == [("Person", "陈国华"), ("Person", "薛建平团队")]


def test_organisation_ending_is_no_person_after_an_organisation():
    t = "授予复旦大学医学院教授2021年度上海市科学技术进步奖一等奖。"
    assert ("Person", "医学院") not in [r for _, rs in grants(t) for r in rs]


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


def test_city_grades_are_conferred_by_the_city_government(resolver):
    d = Document(key="k", title="南通市人民政府关于2021年度南通市科学技术奖励的决定", text=CITY_DECISION,
                 issuers=["南通市人民政府"])
    facts = extract(d, [], resolver)
    conferred = _triples(facts, "gov:conferredBy")
    for grade in ("一等奖", "二等奖", "三等奖"):
        assert (f"2021年度南通市科学技术进步奖{grade}", "南通市人民政府") in conferred
    assert ("陈国华", "2021年度南通市科学技术突出贡献奖") in _triples(facts, "gov:rewardedBy")


COMMENDATION = (
    "江西省人民政府关于表彰江西省乡村振兴工作先进集体和先进个人的决定\n"
    "省政府决定,授予南昌市农业农村局等6个单位“江西省乡村振兴工作先进集体”称号,"
    "授予刘德明等4名同志“江西省乡村振兴工作先进个人”称号。\n"
    "附件:江西省乡村振兴工作先进集体和先进个人名单\n"
    "江西省人民政府\n2023年3月2日\n"
    "附件\n"
    "江西省乡村振兴工作先进集体和先进个人名单\n"
    "一、先进集体(6个)\n"
    "南昌市农业农村局\n"
    "井冈山市\n"
    "寻乌县\n"
    "江西省农业农村厅乡村产业发展处\n"
    "九江学院\n"
    "江西省农业发展集团有限公司\n"
    "二、先进个人(4名)\n"
    "刘德明九江市修水县人民政府副县长\n"
    "周慧(女)江西省农业农村厅乡村产业发展处处长欧阳晓峰南昌大学教授\n"
    "徐建军吉安市农业农村局二级调研员\n"
)


def test_counties_named_alone_are_collectives():
    listed = honour_list(COMMENDATION, "江西省乡村振兴工作先进集体")
    found = [(f.label, f.name(COMMENDATION)) for f in listed]
    assert ("Region", "井冈山市") in found and ("Region", "寻乌县") in found
    assert ("Institution", "九江学院") in found and ("Agency", "南昌市农业农村局") in found
    assert len(found) == 6


def test_person_whose_unit_opens_with_a_short_place_name():
    listed = honour_list(COMMENDATION, "江西省乡村振兴工作先进个人")
    assert [f.name(COMMENDATION) for f in listed] == ["刘德明", "周慧", "欧阳晓峰", "徐建军"]


def test_unit_of_a_listed_person():
    assert post_unit("江西省农业农村厅乡村产业发展处处长") == ("江西省农业农村厅", "Agency")
    assert post_unit("吉安市农业农村局二级调研员") == ("吉安市农业农村局", "Agency")
    assert post_unit("赣南师范大学教授") == ("赣南师范大学", "Institution")
    assert post_unit("福建省泉州市丰泽区人民政府常务副区长") == ("福建省泉州市丰泽区人民政府", "Agency")


def test_commendation_facts(resolver):
    d = Document(key="k2", title="江西省人民政府关于表彰江西省乡村振兴工作先进集体和先进个人的决定",
                 text=COMMENDATION, issuers=["江西省人民政府"])
    facts = extract(d, [], resolver)
    rewarded = _triples(facts, "gov:rewardedBy")
    assert ("寻乌县", "江西省乡村振兴工作先进集体") in rewarded
    assert ("欧阳晓峰", "江西省乡村振兴工作先进个人") in rewarded
    labels = {f.object for f in facts if f.predicate == "rdfs:label"}
    assert "南昌大学" in labels
    # the unit is a node of its own, with no relation to the person
    assert not any("南昌大学" in pair for pair in rewarded)
    types = {f.subject: f.object for f in facts if f.predicate == "rdf:type"}
    unit = next(f.subject for f in facts if f.predicate == "rdfs:label" and f.object == "江西省农业农村厅")
    assert types[unit] == "gov:Agency"
