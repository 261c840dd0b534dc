"""Duties in running text: the last unit of a 会同 list before a preposition, and the
governments of towns and subdistricts; notices publishing provincial laboratories."""

from __future__ import annotations

import pytest

from graph.extract.responsibility import extract, find_assignments
from graph.ingest import normalise
from graph.resolve import Resolver
from graph.segment import split_documents


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


def readings(text: str, resolver) -> list[list[str]]:
    """Unit names per note, in order."""
    return [[u.name for u in a.units] for a in find_assignments(normalise(text).text, resolver=resolver)]


def labelled(facts, predicate: str) -> set[tuple[str, str]]:
    """(subject label, object section path or label) of every fact with ``predicate``."""
    labels = {f.subject: f.object for f in facts if f.predicate == "rdfs:label"}
    paths = {f.subject: f.object for f in facts if f.predicate == "gov:sectionPath"}
    return {(labels[f.subject], paths.get(f.object, labels.get(f.object))) for f in facts if f.predicate == predicate}


@pytest.mark.parametrize("clause, last", [
    ("五、省工业和信息化厅会同省商务厅、省财政厅对产业园区运行情况开展年度评估。", "省财政厅"),
    ("三、省农业农村厅要会同省自然资源厅、省水利厅就示范区用地用水加强统筹。", "省水利厅"),
    ("省发展改革委会同省教育厅、省人力资源社会保障厅在政策制定中做好衔接。", "省人力资源社会保障厅"),
    ("四、省商务厅会同省财政厅按照年度计划做好资金安排。", "省财政厅"),
])
def test_last_unit_of_a_huitong_list_before_a_preposition_is_responsible(resolver, clause, last):
    [units] = readings(clause, resolver)
    assert units[-1] == last
    assert len(units) == len(set(units)) >= 2


def test_a_preposition_inside_the_duty_only_cuts_after_a_unit(resolver):
    # 对 inside the duty phrase after the verb: the list is read as before
    [units] = readings("省科技厅会同省财政厅加强对项目的监督检查。", resolver)
    assert units == ["省科技厅", "省财政厅"]


def _approval_facts(body: str, resolver, predicate: str = "gov:responsibleFor"):
    text = ("金华市人民政府关于同意设立兰溪数字物流产业园的批复\n兰政函〔2020〕18号\n"
            "市商务局、游埠镇人民政府、云山街道办事处:\n"
            "你们《关于要求设立兰溪数字物流产业园的请示》收悉。经研究,现批复如下:\n" + body +
            "\n金华市人民政府\n2020年6月3日\n")
    [doc] = split_documents(normalise(text, "test.txt"))
    return labelled(extract(doc, [], resolver.bound(doc)), predicate)


def test_a_town_government_and_a_subdistrict_office_can_be_responsible(resolver):
    body = ("一、同意设立兰溪数字物流产业园。\n"
            "二、游埠镇人民政府负责产业园的规划建设和招商引资。\n"
            "三、云山街道办事处负责产业园配套设施的日常管理。\n"
            "四、市商务局要会同市发展改革局、市财政局对产业园建设加强指导。\n")
    facts = _approval_facts(body, resolver)
    names = {name for name, _ in facts}
    assert any(n.endswith("游埠镇人民政府") for n in names), facts
    assert any(n.endswith("云山街道办事处") for n in names), facts
    assert any(n.endswith("财政局") for n in names), facts


def test_a_generic_town_government_is_no_unit(resolver):
    assert readings("二、各乡镇人民政府负责做好本辖区的宣传工作。", resolver) == []
    assert readings("二、乡镇政府负责做好本辖区的宣传工作。", resolver) == []


# --- notices publishing provincial laboratories -------------------------------------------

BUILD_LIST = """湖南省科学技术厅关于公布2022年湖南省实验室建设名单的通知
湘科发〔2022〕88号
长沙市人民政府、株洲市人民政府,各有关单位:
根据《湖南省实验室建设管理办法》,经专家论证和省人民政府同意,现将2022年湖南省实验室建设名单公布如下:
一、岳麓山材料湖南省实验室(长沙先进材料实验室),由中南大学牵头建设,联合湖南大学共同建设,落户长沙市岳麓区。
二、湘江轨道交通湖南省实验室(株洲轨道交通实验室),由中南大学牵头建设,落户株洲市石峰区。
三、长沙市人民政府、株洲市人民政府要在用地、人才等方面给予支持。
湖南省科学技术厅
2022年10月8日
"""

APPROVED_AS = """江西省科学技术厅关于公布第二批江西省实验室名单的通知
赣科发〔2023〕21号
南昌市人民政府、赣州市人民政府:
经专家评审和省人民政府同意,同意鄱阳湖生态环境江西省实验室和赣南稀土新材料江西省实验室建设为第二批江西省实验室。
请依托单位抓好建设方案的组织实施。
江西省科学技术厅
2023年5月6日
"""

NAME_CATALOGUE = """湖南省科学技术厅关于公布湖南省实验室名单的通知
湘科发〔2022〕90号
各有关单位:
现将湖南省实验室名单公布如下:
一、岳麓山材料湖南省实验室,依托中南大学。
二、湘江轨道交通湖南省实验室,依托中南大学。
湖南省科学技术厅
2022年12月8日
"""


def established(kit, text: str) -> set[str]:
    """Labels of the bodies the notice establishes."""
    from datetime import date

    from graph.extract import establishment
    from graph.model import Document
    from graph.nlp import find_mentions

    nlp, resolver = kit
    doc = Document(key="测试〔2022〕1号", title=text.split("\n", 1)[0], text=text,
                   number="测试〔2022〕1号", date=date(2022, 10, 8))
    pairs = establishment.resolve_mentions(doc, find_mentions(nlp, doc), resolver)
    labels = {e.iri: e.label for _, e in pairs}
    facts = establishment.extract(doc, find_mentions(nlp, doc), resolver)
    return {labels.get(f.object, f.object) for f in facts if f.predicate == "gov:establishes"}


def test_a_published_building_list_establishes_each_laboratory_heading_an_item(kit):
    assert established(kit, BUILD_LIST) == {"岳麓山材料湖南省实验室", "湘江轨道交通湖南省实验室"}


def test_laboratories_approved_as_a_batch_are_established(kit):
    assert established(kit, APPROVED_AS) == {"鄱阳湖生态环境江西省实验室", "赣南稀土新材料江西省实验室"}


def test_a_published_list_of_existing_laboratories_establishes_nothing(kit):
    assert established(kit, NAME_CATALOGUE) == set()
