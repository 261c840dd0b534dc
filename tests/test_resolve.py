"""Entity resolution: agency aliases (gold list), regions, dates, unit lists, unknown bodies,
and names relative to a document (省科技厅 in a 广东 document is 广东省科学技术厅)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from graph.ingest import read_source
from graph.model import Document
from graph.resolve import (DEFAULT_CONTEXT, Context, Resolver, canonical_name, document_context,
                           normalise, split_unit_list)
from graph.segment import split_documents
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
    # One government ending shared by counties, county-level cities and districts, after 分别由.
    ("分别由浦城县、邵武市、延平区人民政府负责", ["浦城县人民政府", "邵武市人民政府", "延平区人民政府"]),
    ("由寿宁县、柘荣县政府负责", ["寿宁县政府", "柘荣县政府"]),
    # Groups of counties name no body.
    ("省农业农村厅、省林业局、海岛县政府、山区26县政府", ["省农业农村厅", "省林业局"]),
    ("省财政厅,有关县(市、区)人民政府", ["省财政厅"]),
    ("省水利厅、县(市、区)政府", ["省水利厅"]),
    ("省商务厅、11个设区市政府、26个加快发展县政府", ["省商务厅"]),
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


# -- names relative to a document (省X, 市X, district names) in its province or city -------

ROOT = Path(__file__).resolve().parent
CORPUS = ROOT.parent / "data" / "gazettes"


def first_document(path: Path) -> Document:
    return split_documents(read_source(path))[0]


def in_text(document: Document, names) -> None:
    """The names a test resolves are really written in the document."""
    missing = [n for n in names if n not in document.text and n not in document.title]
    assert not missing, missing


@pytest.mark.parametrize("path, expected", [
    (ROOT / "heldout" / "docs" / "web_gd_2021_science_center.txt", {
        "省科技厅": "广东省科学技术厅",
        "省发展改革委": "广东省发展和改革委员会",
        "省财政厅": "广东省财政厅",
        "省教育厅": "广东省教育厅",
        "省港澳办": "广东省人民政府港澳事务办公室",
        "省人民政府": "广东省人民政府",
    }),
    (ROOT / "heldout" / "docs" / "web_js_2022_suqian_approval.txt", {
        "省政府": "江苏省人民政府",
        "省政府办公厅": "江苏省人民政府办公厅",
        "省科技厅": "江苏省科学技术厅",
        "省发展改革委": "江苏省发展和改革委员会",
        "省自然资源厅": "江苏省自然资源厅",
    }),
    (ROOT / "fixtures" / "resp_jiangsu_plan.txt", {
        "省工业和信息化厅": "江苏省工业和信息化厅",
        "省委网信办": "中共江苏省委网络安全和信息化委员会办公室",
        "省知识产权局": "江苏省知识产权局",
        "省通信管理局": "江苏省通信管理局",
        "省市场监管局": "江苏省市场监督管理局",
        "省商务厅": "江苏省商务厅",
    }),
    (ROOT / "fixtures" / "award_guangdong_incentive.txt", {
        "省农业农村厅": "广东省农业农村厅",
        "省人民政府": "广东省人民政府",
    }),
    (ROOT / "fixtures" / "web_ningbo_nonumber.txt", {
        "市应急管理局": "宁波市应急管理局",
        "市交通运输局": "宁波市交通运输局",
        "市住房城乡建设局": "宁波市住房和城乡建设局",
        "市政府": "宁波市人民政府",
    }),
    (ROOT / "heldout" / "docs" / "web_taizhou_nonumber_bay_area.txt", {
        "市发改委": "台州市发展和改革委员会",
        "市经信局": "台州市经济和信息化局",
        "市科技局": "台州市科学技术局",
        "市行政服务中心": "台州市行政服务中心",
    }),
])
def test_relative_names_resolve_in_the_documents_own_province_or_city(path, expected):
    document = first_document(path)
    in_text(document, expected)
    bound = Resolver().bound(document)
    got = {name: bound.resolve(name, "Agency").label for name in expected}
    assert got == expected


def test_a_relative_name_is_one_node_with_its_full_name_keyed_and_reported():
    r = Resolver()
    bound = r.bound(first_document(ROOT / "heldout" / "docs" / "web_gd_2021_science_center.txt"))
    e = bound.resolve("省科技厅", "Agency")
    assert e.iri == mint("agency", "广东省科学技术厅") and e.type == "Agency"
    assert e.label == "广东省科学技术厅" and "省科技厅" in e.alt_labels
    assert bound.unknown is r.unknown and r.unknown["广东省科学技术厅"] == 1
    # a body the gazetteer holds is not reported
    assert bound.resolve("省人民政府", "Agency").iri == mint("agency", "广东省人民政府")
    assert "广东省人民政府" not in r.unknown


def test_zhejiang_documents_read_relative_names_as_before():
    plain = Resolver()
    for path in sorted(CORPUS.glob("*.txt"))[:2]:
        for document in split_documents(read_source(path)):
            assert document_context(document, plain.gazetteer) == DEFAULT_CONTEXT, document.key
            bound = plain.bound(document)
            for row in gold_rows():
                when = date.fromisoformat(row["date"])
                assert bound.resolve(row["surface"], "Agency", when).iri == \
                       plain.resolve(row["surface"], "Agency", when).iri, row["surface"]


def test_zhejiang_city_documents_keep_provincial_names_in_zhejiang():
    bound = Resolver().bound(first_document(ROOT / "fixtures" / "web_ningbo_nonumber.txt"))
    assert bound.resolve("省科技厅", "Agency").label == "浙江省科学技术厅"
    assert bound.resolve("省政府", "Agency").label == "浙江省人民政府"
    assert bound.resolve("海曙区政府", "Agency").label == "宁波市海曙区人民政府"


DOCS = {
    "zhejiang": Document("浙政办发〔2021〕26号", "浙江省人民政府办公厅关于印发…的通知", "",
                         number="浙政办发〔2021〕26号", issuers=["浙江省人民政府办公厅"], date=date(2021, 5, 6)),
    "hangzhou": Document("杭政办函〔2021〕5号", "杭州市人民政府办公厅关于…的通知", "",
                         number="杭政办函〔2021〕5号", issuers=["杭州市人民政府办公厅"], date=date(2021, 5, 6)),
    "guangdong": Document("粤府办〔2021〕25号", "广东省人民政府办公厅关于…的通知", "",
                          number="粤府办〔2021〕25号", issuers=["广东省人民政府办公厅"], date=date(2021, 7, 26)),
    "jiangsu": Document("苏政发〔2021〕62号", "江苏省人民政府关于…的通知", "",
                        number="苏政发〔2021〕62号", issuers=["江苏省人民政府"], date=date(2021, 9, 6)),
}


@pytest.mark.parametrize("name", [
    "江苏省发展和改革委员会", "江苏省发改委", "江苏省科技厅", "江苏省委宣传部", "中共江苏省委宣传部",
    "广东省人民政府", "广东省教育厅", "浙江省科学技术厅", "浙江省发展改革委", "杭州市人民政府",
    "中共浙江省委网络安全和信息化委员会办公室", "国家发展改革委", "南京市鼓楼区",
])
def test_full_names_resolve_alike_in_every_document(name):
    r = Resolver()
    iris = {r.bound(d).resolve(name, "Agency").iri for d in DOCS.values()}
    assert len(iris) == 1 and iris == {r.resolve(name, "Agency", date(2021, 6, 1)).iri}


@pytest.mark.parametrize("short, full", [
    ("省科技厅", "江苏省科学技术厅"),
    ("省发展改革委", "江苏省发展和改革委员会"),
    ("省委宣传部", "中共江苏省委宣传部"),
    ("省税务局", "国家税务总局江苏省税务局"),
    ("省教育厅", "江苏省教育厅"),
])
def test_a_relative_name_meets_the_full_name_written_elsewhere(short, full):
    r = Resolver()
    relative = r.bound(DOCS["jiangsu"]).resolve(short, "Agency")
    assert relative.label == full
    assert relative.iri == r.bound(DOCS["zhejiang"]).resolve(full, "Agency").iri
    assert relative.iri == r.bound(DOCS["guangdong"]).resolve(full, "Agency").iri


def test_document_context_from_issuers_number_and_title():
    g = Resolver().gazetteer
    assert document_context(DOCS["guangdong"], g) == Context("440000")
    assert document_context(DOCS["hangzhou"], g) == Context("330000", "330100")
    # number only (a page without a signature)
    assert document_context(Document("k", "", "", number="甬政发〔2021〕3号"), g) == Context("330000", "330200")
    # issuers win over an ambiguous prefix (宁政 is 南京's and 宁夏's)
    ningxia = Document("k", "", "", number="宁政发〔2021〕9号", issuers=["宁夏回族自治区人民政府"])
    assert document_context(ningxia, g) == Context("640000")
    # several issuers: the region they share
    joint = Document("k", "", "", number="苏财教〔2021〕88号", issuers=["江苏省财政厅", "江苏省教育厅"])
    assert document_context(joint, g) == Context("320000")
    county = Document("k", "", "", issuers=["宿迁市人民政府", "沭阳县人民政府"])
    assert document_context(county, g) == Context("320000", "321300")
    # title only
    assert document_context(Document("k", "关于印发江苏省数字经济加速行动实施方案的通知", ""), g) == Context("320000")
    # nothing known: Zhejiang
    assert document_context(Document("k", "关于做好春节期间安全生产工作的通知", ""), g) == DEFAULT_CONTEXT


def test_district_names_shared_by_provinces_follow_the_document():
    r = Resolver()
    fuzhou = Document("k", "福州市人民政府关于…", "", issuers=["福州市人民政府"], date=date(2021, 5, 1))
    nanjing = Document("k", "南京市人民政府关于…", "", issuers=["南京市人民政府"], date=date(2021, 5, 1))
    nanchang = Document("赣府字〔2021〕1号", "", "", number="赣府字〔2021〕1号", date=date(2021, 5, 1))
    assert r.bound(fuzhou).resolve("鼓楼区", "Region").key == "350102"
    assert r.bound(nanjing).resolve("鼓楼区", "Region").key == "320106"
    assert r.bound(fuzhou).resolve("鼓楼区政府", "Agency").label == "福州市鼓楼区人民政府"
    assert r.bound(nanchang).resolve("西湖区", "Region").key == "360103"
    assert r.bound(nanchang).resolve("西湖区政府", "Agency").label == "南昌市西湖区人民政府"
    assert r.bound(DOCS["zhejiang"]).resolve("西湖区", "Region").key == "330106"
    assert r.bound(fuzhou).resolve("市发展改革委", "Agency").label == "福州市发展和改革委员会"


def test_municipalities_read_shi_as_themselves():
    bound = Resolver().bound(first_document(ROOT / "heldout" / "docs" / "web_sh_2021_science_awards.txt"))
    assert bound.resolve("市政府", "Agency").label == "上海市人民政府"
    assert bound.resolve("市科委", "Agency").label == "上海市科学技术委员会"


def test_words_that_only_start_like_a_relative_name_are_not_rewritten():
    bound = Resolver().bound(DOCS["guangdong"])
    assert bound.resolve("市场监管总局", "Agency").label == "国家市场监督管理总局"
    assert bound.resolve("省级有关部门", "Agency").label == "省级有关部门"


def test_bound_resolution_uses_the_document_date():
    r = Resolver()
    old_js = Document("苏政发〔2017〕10号", "", "", number="苏政发〔2017〕10号", date=date(2017, 5, 1))
    assert r.bound(old_js).resolve("省经信委", "Agency").label == "江苏省经济和信息化委员会"
    assert r.bound(old_js).resolve("省委网信办", "Agency").label == "中共江苏省委网络安全和信息化领导小组办公室"
    old_zj = Document("浙政发〔2017〕10号", "", "", number="浙政发〔2017〕10号", date=date(2017, 5, 1))
    assert r.bound(old_zj).resolve("省海洋局", "Agency").label == "浙江省海洋与渔业局"
    assert r.bound(old_zj).resolve("省海洋局", "Agency", date(2021, 1, 1)).label == "浙江省自然资源厅"


def test_bound_resolution_is_a_pure_function_of_text_type_date_and_document():
    names = ["省科技厅", "省委网信办", "市发改委", "鼓楼区", "省港澳办", "江苏省发改委"]
    one, two = Resolver(), Resolver()
    for d in list(DOCS.values())[::-1]:
        for n in names[::-1]:
            two.bound(d).resolve(n, "Agency")
    for d in DOCS.values():
        assert [one.bound(d).resolve(n, "Agency").iri for n in names] == \
               [two.bound(d).resolve(n, "Agency").iri for n in names]


def test_the_build_binds_each_document():
    from graph.pipeline import Builder

    text = (ROOT / "heldout" / "docs" / "web_js_2022_suqian_approval.txt").read_text(encoding="utf-8")
    facts = Builder().process_text(text, "js.txt").facts
    typed = {f.subject for f in facts if f.predicate == "rdf:type" and f.object.endswith("Agency")}
    assert mint("agency", "江苏省科学技术厅") in typed
    assert not any("浙江省" in s for s in typed)


# -- departments written without their province; a city's own government ---------------------

HUNAN = Document("湘政办发〔2020〕12号", "湖南省人民政府办公厅关于…的通知", "", number="湘政办发〔2020〕12号",
                 issuers=["湖南省人民政府办公厅"], date=date(2020, 4, 2))
HUZHOU = Document("湖政办发〔2021〕8号", "湖州市人民政府办公室关于…的通知", "", number="湖政办发〔2021〕8号",
                  issuers=["湖州市人民政府办公室"], date=date(2021, 3, 1))


@pytest.mark.parametrize("bare, official", [
    ("发展改革委", "湖南省发展和改革委员会"),
    ("工业和信息化厅", "湖南省工业和信息化厅"),
    ("科技厅", "湖南省科学技术厅"),
    ("地方金融监管局", "湖南省地方金融监督管理局"),
    ("人力资源社会保障厅", "湖南省人力资源和社会保障厅"),
    ("自然资源厅", "湖南省自然资源厅"),
])
def test_a_department_without_its_province_is_the_documents_provinces(bare, official):
    e = Resolver().bound(HUNAN).resolve(bare, "Agency")
    assert (e.type, e.label) == ("Agency", official)
    assert bare in e.alt_labels


def test_bare_department_names_in_zhejiang_and_city_documents():
    r = Resolver()
    assert r.resolve("财政厅", "Agency").label == "浙江省财政厅"
    bound = r.bound(HUZHOU)
    assert bound.resolve("财政局", "Agency").label == "湖州市财政局"
    assert bound.resolve("科技厅", "Agency").label == "浙江省科学技术厅"
    # names that are central, generic or placed already are read as before
    assert bound.resolve("教育部", "Agency").label == "中华人民共和国教育部"
    assert r.bound(HUNAN).resolve("有关部门", "Agency").label == "有关部门"
    assert r.bound(HUNAN).resolve("长沙市财政局", "Agency").label == "长沙市财政局"


def test_an_unknown_provincial_body_of_zhejiang_is_keyed_by_its_full_name():
    r = Resolver()
    e = r.resolve("省乡村振兴领导小组办公室", "Agency")
    assert e.label == "浙江省乡村振兴领导小组办公室" and "省乡村振兴领导小组办公室" in e.alt_labels
    assert r.resolve("浙江省乡村振兴领导小组办公室", "Agency").iri == e.iri
    assert r.bound(HUNAN).resolve("省乡村振兴领导小组办公室", "Agency").label == "湖南省乡村振兴领导小组办公室"


def test_shi_zhengfu_is_the_citys_own_government_in_a_city_document():
    bound = Resolver().bound(HUZHOU)
    assert bound.split_unit_list("市政府办公室、市发改委") == ["市政府办公室", "市发改委"]
    assert bound.resolve("市政府", "Agency").label == "湖州市人民政府"
    assert bound.is_generic("山区26县政府") and not bound.is_generic("市人民政府")
    province = Resolver().bound(HUNAN)
    assert province.split_unit_list("省财政厅、各市政府、市政府") == ["省财政厅"]
    assert province.is_generic("市政府")


# -- a zone's managing committee; a committee's office; a zone written after its district -----

JIANGXI = Document("赣府字〔2022〕7号", "江西省人民政府关于…的通知", "", number="赣府字〔2022〕7号",
                   issuers=["江西省人民政府"], date=date(2022, 6, 1))


def test_a_zones_managing_committee_among_generic_addressees_is_kept():
    bound = Resolver().bound(JIANGXI)
    line = "各设区市、县(市、区)人民政府,赣江新区管委会,省政府各部门、各直属机构:"
    assert bound.split_unit_list(line) == ["赣江新区管委会"]
    # 各X管委会 names a class of bodies, not one
    assert bound.split_unit_list("各市人民政府,各开发区管委会:") == []


def test_a_zones_managing_committee_is_one_agency_under_its_full_name():
    r = Resolver()
    short = r.resolve("赣江新区管委会", "Agency")
    assert short.type == "Agency" and short.label == "赣江新区管理委员会"
    assert "赣江新区管委会" in short.alt_labels
    assert r.resolve("赣江新区管理委员会", "Agency").iri == short.iri


@pytest.fixture(scope="module")
def nlp():
    from graph.gazetteer import load_gazetteer
    from graph.nlp import load_pipeline

    return load_pipeline(load_gazetteer())


def _mentions(nlp, text: str) -> set[tuple[str, str]]:
    from graph.nlp import find_mentions_in_text

    return {(m.text, m.label) for m in find_mentions_in_text(nlp, text)}


def test_a_zone_written_after_its_city_and_district_is_split_from_them(nlp):
    found = _mentions(nlp, "该实验室位于成都市双流区四川天府新区,由四川大学牵头建设。")
    assert ("成都市双流区", "Region") in found and ("四川天府新区", "DevelopmentZone") in found
    assert not any(label == "DevelopmentZone" and text.startswith("成都") for text, label in found)
    found = _mentions(nlp, "项目落户宁波市北仑区宁波经济技术开发区。")
    assert ("宁波经济技术开发区", "DevelopmentZone") in found
    # a zone named after its own district, with no new place name after it, keeps the district
    assert ("杭州市西湖区紫金港科技城", "DevelopmentZone") in _mentions(nlp, "园区位于杭州市西湖区紫金港科技城。")


def test_a_committees_office_named_by_its_short_form_is_not_the_committee(nlp):
    from graph.gazetteer import load_gazetteer

    assert not load_gazetteer().agencies_by_name("省委社会工作部")     # read by the rule, not listed
    found = _mentions(nlp, "(责任单位:省委社会工作部、省民政厅)温州市委金融办牵头,市财政局配合。")
    agencies = {text for text, label in found if label == "Agency"}
    assert {"省委社会工作部", "温州市委金融办"} <= agencies
    assert not {"省委", "温州市委"} & agencies
    assert ("省委", "Agency") in _mentions(nlp, "经省委同意,按照省委统一部署推进。")


def test_the_financial_committee_office_after_the_2023_reform():
    r = Resolver()
    assert r.resolve("省委金融办", "Agency", date(2024, 6, 1)).label == "中共浙江省委金融委员会办公室"
    assert r.bound(JIANGXI).resolve("省委金融办", "Agency", date(2024, 6, 1)).label == \
        "中共江西省委金融委员会办公室"


def test_provincial_institution_named_relative_to_the_home_province():
    r = Resolver()
    assert r.resolve("省\n食品检验检测与营养研究所", "Institution").label == "浙江省食品检验检测与营养研究所"
    fujian = r.resolve("省儿童传染病临床中心", "Institution", context=Context("350000"))
    assert (fujian.type, fujian.label) == ("Institution", "福建省儿童传染病临床中心")
