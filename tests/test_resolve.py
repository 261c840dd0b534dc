"""Entity resolution: agency aliases (gold list), regions, dates, unit lists, unknown bodies."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from graph.resolve import Resolver, canonical_name, normalise, split_unit_list
from graph.vocab import mint

GOLD = Path(__file__).resolve().parent / "gold" / "agency_aliases.tsv"


def gold_rows():
    with GOLD.open(encoding="utf-8") as fh:
        return list(csv.DictReader((l for l in fh if not l.startswith("#")), delimiter="\t"))


@pytest.fixture()
def r():
    return Resolver()


def test_gold_agency_aliases_resolve_to_the_intended_body(r):
    rows = gold_rows()
    assert len(rows) >= 80
    wrong = []
    for row in rows:
        e = r.resolve(row["surface"], "Agency", date.fromisoformat(row["date"]))
        if e.label != row["official"] or "unknown" in e.attrs:
            wrong.append((row["surface"], e.label, row["official"]))
    accuracy = 1 - len(wrong) / len(rows)
    assert accuracy >= 0.98, wrong


def test_one_node_per_body_whatever_the_surface(r):
    forms = ["省发展改革委", "浙江省发展改革委", "浙江省发展和改革委员会", "省发改委", "省 发展改革委"]
    iris = {r.resolve(f, "Agency", date(2021, 6, 1)).iri for f in forms}
    assert iris == {mint("agency", "浙江省发展和改革委员会")}
    e = r.resolve("省发展改革委", "Agency")
    assert e.label == "浙江省发展和改革委员会" and "省发展改革委" in e.alt_labels


def test_short_names_shared_across_the_2018_reform_resolve_by_date(r):
    before, after = date(2017, 6, 1), date(2021, 6, 1)
    assert r.resolve("省委网信办", "Agency", before).label == "中共浙江省委网络安全和信息化领导小组办公室"
    assert r.resolve("省委网信办", "Agency", after).label == "中共浙江省委网络安全和信息化委员会办公室"
    assert r.resolve("省海洋局", "Agency", before).label == "浙江省海洋与渔业局"
    assert r.resolve("省海洋局", "Agency", after).label == "浙江省自然资源厅"
    assert r.resolve("省编办", "Agency", date(2018, 8, 14)).label == "浙江省机构编制委员会办公室"
    assert r.resolve("省编办", "Agency", after).label == "中共浙江省委机构编制委员会办公室"
    # Without a date the body in force wins.
    assert r.resolve("省委改革办", "Agency").label == "中共浙江省委全面深化改革委员会办公室"
    # A predecessor named after the reform is still the predecessor (no other reading exists).
    assert r.resolve("省经信委", "Agency", after).label == "浙江省经济和信息化委员会"


def test_regions_resolve_to_adcodes(r):
    assert r.resolve("杭州市西湖区", "Region").key == "330106"
    assert r.resolve("西湖区", "Region").key == "330106"
    assert r.resolve("浙江省杭州市西湖区", "Region").key == "330106"
    assert r.resolve("杭州", "Region").key == "330100"
    assert r.resolve("景宁", "Region").key == "331127"
    assert r.resolve("义乌市", "Region").iri == mint("region", "330782")
    assert r.resolve("南京市鼓楼区", "Region").key == "320106"
    assert r.resolve("福州市鼓楼区", "Region").key == "350102"
    assert r.resolve("江苏省苏州市", "Region").key == "320500"
    e = r.resolve("龙港市", "Region")
    assert e.attrs["adminLevel"] == "county" and e.label == "龙港市"


def test_region_short_names_follow_the_document_date(r):
    assert r.resolve("临安", "Region", date(2016, 5, 1)).key == "330185"     # 临安市
    assert r.resolve("临安", "Region", date(2019, 5, 1)).key == "330112"     # 临安区
    assert r.resolve("玉环", "Region", date(2016, 5, 1)).label == "玉环县"
    assert r.resolve("玉环", "Region", date(2020, 5, 1)).label == "玉环市"


def test_governments_are_agencies_not_regions(r):
    e = r.resolve("杭州市政府", "Region")
    assert (e.type, e.label) == ("Agency", "杭州市人民政府")
    assert r.resolve("景宁县政府", "Agency").label == "景宁畲族自治县人民政府"
    assert r.resolve("杭州市西湖区政府", "Agency").label == "杭州市西湖区人民政府"
    assert r.resolve("杭州市人民政府办公厅", "Agency").label == "杭州市人民政府办公厅"
    assert r.resolve("江苏省人民政府", "Agency").label == "江苏省人民政府"
    assert r.resolve("苏州市政府", "Agency").iri == mint("agency", "苏州市人民政府")


def test_unknown_agency_is_one_node_and_reported(r):
    a = r.resolve("杭州市钱江新城建设管理委员会", "Agency")
    b = r.resolve("杭州市 钱江新城建设管理委员会", "Agency")
    assert a.iri == b.iri == mint("agency", "杭州市钱江新城建设管理委员会")
    assert a.type == "Agency" and a.label == "杭州市钱江新城建设管理委员会"
    assert r.unknown["杭州市钱江新城建设管理委员会"] == 2
    assert "省发展改革委" not in r.unknown and r.resolve("省发展改革委", "Agency").attrs.get("unknown") is None


def test_organisations_in_unit_lists_get_their_own_class(r):
    assert r.resolve("之江实验室", "Agency").type == "Laboratory"
    assert r.resolve("浙江大学", "Agency").type == "Institution"
    assert r.resolve("省农业科学院", "Institution").label == "浙江省农业科学院"
    e = r.resolve("省机场集团", "Agency")
    assert (e.type, e.label) == ("Institution", "浙江省机场集团有限公司")
    assert not r.unknown


def test_resolution_is_a_pure_function_of_its_inputs():
    one, two = Resolver(), Resolver()
    names = ["省经信厅", "杭州市西湖区", "某某市数据局", "钱塘区"]
    for name in names[::-1]:
        two.resolve(name, "Agency", date(2021, 6, 1))
    assert [one.resolve(n, "Agency", date(2021, 6, 1)).iri for n in names] == \
           [two.resolve(n, "Agency", date(2021, 6, 1)).iri for n in names]


def test_canonical_names_of_open_classes(r):
    assert canonical_name("杭州钱塘新区(筹)", "DevelopmentZone") == "杭州钱塘新区"
    e = r.resolve("杭州钱塘新区（筹）", "DevelopmentZone")
    assert e.label == "杭州钱塘新区" and e.attrs["inPreparation"] == "true"
    assert e.iri == mint("zone", "杭州钱塘新区")
    assert canonical_name("浙台（象山石浦）经贸合作区", "DevelopmentZone") == "浙台(象山石浦)经贸合作区"
    assert canonical_name("中国〔浙江〕自由贸易试验区\n宁波片区", "DevelopmentZone") == "中国〔浙江〕自由贸易试验区宁波片区"
    assert canonical_name("《浙江省数字政府建设“十四五”规划》", "Program") == "浙江省数字政府建设“十四五”规划"
    assert canonical_name("“云原生分布式数据库 ＡｎａｌｙｔｉｃＤＢ”", "Achievement") == "云原生分布式数据库AnalyticDB"
    assert normalise("ＮＩ１００００ 计划") == "NI10000计划"


# -- unit lists (snippets from the corpus, and fixtures in other provinces' style) ----------

@pytest.mark.parametrize("text, bodies", [
    ("（责任单位：省科技厅、省经信委、省教育厅、省人力社保厅）",
     ["省科技厅", "省经信委", "省教育厅", "省人力社保厅"]),
    ("人行杭州中心支行、省经信委、省科技厅〔省知识产权局〕、省财政厅、省金融办、浙江银监局、浙江保监局,各市、县〔市、区〕政府",
     ["人行杭州中心支行", "省经信委", "省科技厅", "省知识产权局", "省财政厅", "省金融办", "浙江银监局", "浙江保监局"]),
    ("省科协、省委宣传部〔省文明办〕、省委老干部局、省教育厅、省卫生健康委",
     ["省科协", "省委宣传部", "省文明办", "省委老干部局", "省教育厅", "省卫生健康委"]),
    ("省司法厅,省级有关部门,各设区市政府", ["省司法厅"]),
    ("省商务厅,各市、县〔市、区〕政府。列第一位的为牵头单位,下同", ["省商务厅"]),
    ("省发展改革委、省司法厅、省财政厅、省商务厅、省市场监管局按职责分工落实",
     ["省发展改革委", "省司法厅", "省财政厅", "省商务厅", "省市场监管局"]),
    ("省发展改革委、省经信厅、省科技厅,其他省级有关单位,各市、县〔市、区〕政府",
     ["省发展改革委", "省经信厅", "省科技厅"]),
    ("省委人才办、省公安厅、省人力社保厅、省外侨办,有关市、县〔市、区〕政府",
     ["省委人才办", "省公安厅", "省人力社保厅", "省外侨办"]),
    ("省发展改革委、省质监局、省数据管理中心,省基本公共服务均等化协调小组成员单位",
     ["省发展改革委", "省质监局", "省数据管理中心"]),
    ("省质监局、省发展改革委、省数据管理中心、省“最多跑一次”改革办公室,列第一的为牵头单位,下同",
     ["省质监局", "省发展改革委", "省数据管理中心", "省“最多跑一次”改革办公室"]),
    ("湖州市、台州市、安吉县、海宁市、永康市、温岭市人民政府:",
     ["湖州市人民政府", "台州市人民政府", "安吉县人民政府", "海宁市人民政府", "永康市人民政府", "温岭市人民政府"]),
    ("各设区市和杭州市西湖区、余杭区人民政府,省级有关单位:", ["杭州市西湖区人民政府", "余杭区人民政府"]),
    ("各设区市医疗保障局、卫生健康委员会,在杭省级公立医院:", []),
    ("台州市人民政府,省交通运输厅、省发展改革委、省财政厅:",
     ["台州市人民政府", "省交通运输厅", "省发展改革委", "省财政厅"]),
    ("省政府办公厅会同有关单位", ["省政府办公厅"]),
    # Other provinces (fixtures written in their style).
    ("（责任单位：省发展改革委、省工业和信息化厅、省科技厅，各设区市人民政府）",
     ["省发展改革委", "省工业和信息化厅", "省科技厅"]),
    ("牵头单位：省商务厅；配合单位：省财政厅、广州海关、各地级以上市人民政府",
     ["省商务厅", "省财政厅", "广州海关"]),
    ("南京市、苏州市人民政府，省有关部门：", ["南京市人民政府", "苏州市人民政府"]),
])
def test_split_unit_list(text, bodies):
    assert split_unit_list(text) == bodies


def test_units_of_a_list_resolve_to_gazetteer_bodies(r):
    text = "省发展改革委〔省能源局〕、省经信委、省财政厅、省金融办、省物价局、浙江银监局、省电力公司,各市、县〔市、区〕政府"
    when = date(2018, 8, 14)
    labels = [r.resolve(u, "Agency", when).label for u in r.split_unit_list(text)]
    assert labels == ["浙江省发展和改革委员会", "浙江省能源局", "浙江省经济和信息化委员会", "浙江省财政厅",
                      "浙江省人民政府金融工作办公室", "浙江省物价局", "中国银行业监督管理委员会浙江监管局",
                      "国网浙江省电力有限公司"]
    assert not r.unknown
