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
