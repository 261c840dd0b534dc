"""The gazetteers: divisions with hierarchy and validity, agencies with reform history."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from graph.gazetteer import DATA_DIR, gazetteer_facts, load_gazetteer, read_tsv
from graph.vocab import GAZETTEER_GRAPH, mint


@pytest.fixture(scope="module")
def g():
    return load_gazetteer()


def zhejiang(g, level):
    return [r for r in g.regions.values() if r.adcode.startswith("33") and r.level == level]


def test_zhejiang_has_eleven_prefectures_and_all_counties(g):
    prefectures = {r.name for r in zhejiang(g, "prefecture")}
    assert prefectures == {"杭州市", "宁波市", "温州市", "嘉兴市", "湖州市", "绍兴市",
                           "金华市", "衢州市", "舟山市", "台州市", "丽水市"}
    in_force_2021 = [r for r in zhejiang(g, "county") if r.valid_on(date(2021, 7, 1))]
    assert len(in_force_2021) == 90
    assert g.regions["331127"].name == "景宁畲族自治县"
    assert g.regions["330782"].name == "义乌市"


def test_every_county_reaches_zhejiang_through_a_prefecture(g):
    for county in zhejiang(g, "county"):
        chain = g.ancestors(county.adcode)
        assert [r.level for r in chain] == ["prefecture", "province"], county
        assert chain[-1].adcode == "330000"
        assert chain[0].adcode == county.adcode[:4] + "00"


def test_hangzhou_2021_redivision_is_dated(g):
    day = date(2021, 4, 9)
    assert g.regions["330114"].name == "钱塘区" and g.regions["330114"].valid_from == day
    assert g.regions["330113"].name == "临平区" and g.regions["330113"].valid_from == day
    for abolished in ("330103", "330104"):          # 下城区, 江干区
        assert g.regions[abolished].valid_to == day
        assert not g.regions[abolished].valid_on(date(2021, 6, 1))
        assert g.regions[abolished].valid_on(date(2020, 6, 1))
    assert g.regions["330102"].valid_on(date(2021, 6, 1))     # 上城区 continues


def test_longgang_set_up_out_of_cangnan_in_2019(g):
    longgang = g.regions["330383"]
    assert longgang.name == "龙港市" and longgang.parent == "330300"
    assert longgang.valid_from.year == 2019 and longgang.valid_from.month == 8
    assert not longgang.valid_on(date(2018, 8, 14))
    assert g.regions["330327"].valid_on(date(2021, 1, 1))     # 苍南县 still exists


def test_earlier_changes_are_recorded(g):
    assert g.regions["330185"].name == "临安市" and g.regions["330185"].valid_to.year == 2017
    assert g.regions["330112"].valid_from.year == 2017
    assert g.regions["331021"].name == "玉环县" and g.regions["331083"].name == "玉环市"
    assert g.regions["330111"].valid_from.year == 2015        # 富阳区


def test_short_names_and_disambiguation(g):
    assert g.regions_by_name("杭州")[0].adcode == "330100"
    assert g.regions_by_name("景宁")[0].adcode == "331127"
    assert g.regions_by_name("景宁县")[0].adcode == "331127"
    assert g.regions_by_name("浙江")[0].adcode == "330000"
    # 西湖区 also exists in 南昌: Zhejiang's wins; 普陀区 likewise against 上海.
    assert [r.adcode for r in g.regions_by_name("西湖区")] == ["330106", "360103"]
    assert g.regions_by_name("普陀区")[0].adcode == "330903"
    assert len(g.regions_by_name("鼓楼区")) >= 3
    assert g.regions_by_name("吉林")[0].level == "province"
    # Stems that are common words or other names are not short names.
    assert g.regions_by_name("天台") == [] and g.regions_by_name("阿里") == []
    assert g.regions_by_name("天台县")[0].adcode == "331023"


def test_china_provinces_and_prefectures_for_mentions_outside_zhejiang(g):
    provinces = [r for r in g.regions.values() if r.level == "province"]
    assert len(provinces) == 34
    assert g.regions_by_name("苏州市")[0].parent == "320000"
    assert g.regions_by_name("上海市")[0].level == "province"
    assert g.regions_by_name("延边")[0].name == "延边朝鲜族自治州"
    assert g.regions_by_name("广西")[0].adcode == "450000"


def test_governments_are_derived_from_divisions(g):
    assert g.government_of("330100").name == "杭州市人民政府"
    assert "杭州市政府" in g.government_of("330100").aliases
    assert g.government_of("330106").name == "杭州市西湖区人民政府"
    assert g.government_of("330000").name == "浙江省人民政府"
    assert g.government_of("320500").name == "苏州市人民政府"
    assert g.government_of("330383").valid_from == g.regions["330383"].valid_from


def test_reform_history_is_consistent(g):
    for reform in g.reforms:
        assert reform.predecessor in g.agencies, reform
        assert reform.successor in g.agencies, reform
        assert reform.successor in g.agencies[reform.predecessor].successors
    merged = {r.predecessor for r in g.reforms if r.successor == "浙江省市场监督管理局"}
    assert {"浙江省工商行政管理局", "浙江省质量技术监督局", "浙江省食品药品监督管理局"} <= merged
    assert g.agencies["浙江省经济和信息化委员会"].successors == ("浙江省经济和信息化厅",)
    assert g.agencies["中国银行保险监督管理委员会浙江监管局"].valid_from.year == 2019


def test_predecessors_end_when_their_reform_takes_effect(g):
    for reform in g.reforms:
        pred = g.agencies[reform.predecessor]
        if reform.note in ("renamed", "merged", "replaced"):
            assert pred.valid_to == reform.date, reform


def test_no_provincial_short_name_names_two_bodies_at_once(g):
    """A short name shared by two bodies must be told apart by their dates."""
    for name in g._agency_names:
        bodies = [a for a in g.agencies_by_name(name) if a.kind != "government" and a.kind != "general-office"]
        for i, a in enumerate(bodies):
            for b in bodies[i + 1:]:
                overlap = (a.valid_from or date.min) < (b.valid_to or date.max) and \
                          (b.valid_from or date.min) < (a.valid_to or date.max)
                assert not overlap, (name, a.key, b.key)


def test_surface_forms_for_the_ruler(g):
    forms = g.all_surface_forms()
    assert forms["省发展改革委"] == ("Agency", "浙江省发展和改革委员会")
    assert forms["浙江省发展改革委"] == ("Agency", "浙江省发展和改革委员会")
    assert forms["省交通集团"] == ("Institution", "浙江省交通投资集团有限公司")
    assert forms["省委网信办"] == ("Agency", "中共浙江省委网络安全和信息化委员会办公室")
    assert forms["景宁"] == ("Region", "331127")
    assert forms["温州市人民政府"] == ("Agency", "温州市人民政府")


def test_gazetteer_facts(g):
    facts = gazetteer_facts()
    assert all(f.graph == GAZETTEER_GRAPH for f in facts)
    labels = Counter(f.subject for f in facts if f.predicate == "rdfs:label")
    assert labels and max(labels.values()) == 1
    xihu = mint("region", "330106")
    by = {(f.predicate, f.object) for f in facts if f.subject == xihu}
    assert ("gov:adcode", "330106") in by and ("gov:adminLevel", "county") in by
    assert ("gov:locatedIn", mint("region", "330100")) in by
    old = mint("agency", "浙江省工商行政管理局")
    assert any(f.subject == old and f.predicate == "gov:succeededBy"
               and f.object == mint("agency", "浙江省市场监督管理局") for f in facts)
    ndrc = mint("agency", "浙江省发展和改革委员会")
    assert (ndrc, "gov:locatedIn", mint("region", "330000")) in {(f.subject, f.predicate, f.object) for f in facts}
    assert any(f.subject == ndrc and f.predicate == "skos:altLabel" and f.object == "省发展改革委" and f.lang == "zh"
               for f in facts)
    dated = [f for f in facts if f.predicate in ("gov:validFrom", "gov:validTo")]
    assert dated and all(f.datatype == "xsd:date" for f in dated)
    # Counties outside Zhejiang come in only on request.
    gulou = mint("region", "320106")
    assert not any(f.subject == gulou for f in facts)
    assert any(f.subject == gulou for f in gazetteer_facts(extra_regions=["320106"]))


def test_city_and_county_departments_come_from_the_templates(g):
    ndrc = g.agencies["杭州市发展和改革委员会"]
    assert ndrc.generated and ndrc.region_adcode == "330100" and ndrc.kind == "department"
    assert {"杭州市发改委", "杭州市发展改革委"} <= set(ndrc.aliases)
    # Counties have a 发展和改革局 and a 卫生健康局; districts carry their city's name.
    assert g.agencies_by_name("德清县发改局")[0].key == "德清县发展和改革局"
    assert g.agencies_by_name("余杭区卫健局")[0].key == "杭州市余杭区卫生健康局"
    assert g.agencies_by_name("安吉县生态环境分局")[0].key == "湖州市生态环境局安吉分局"
    assert g.agencies_by_name("西湖区公安分局")[0].key == "杭州市公安局西湖区分局"
    # Validity is the overlap of the template's and the region's: 龙港市 from 2019-08-16.
    assert g.agencies["龙港市市场监督管理局"].valid_from == date(2019, 8, 16)
    assert "临安市应急管理局" not in g.agencies            # 临安市 became a district in 2017
    # A pre-reform body points to its successor in the same region.
    assert g.agencies["温州市环境保护局"].successors == ("温州市生态环境局",)
    assert g.agencies["温州市环境保护局"].valid_to is not None
    # A typed exception replaces the generated body (Hangzhou has a 规划和自然资源局).
    assert g.agencies_by_name("杭州市自然资源和规划局")[0].key == "杭州市规划和自然资源局"
    assert not g.agencies["杭州市规划和自然资源局"].generated
    # Only Zhejiang's regions get departments.
    assert "苏州市发展和改革委员会" not in g.agencies


def test_short_form_rules_apply_to_typed_bodies(g):
    assert g.agencies_by_name("省药品监管局")[0].key == "浙江省药品监督管理局"
    assert g.agencies_by_name("浙江省人社厅")[0].key == "浙江省人力资源和社会保障厅"
    assert g.agencies_by_name("省建设厅")[0].key == "浙江省住房和城乡建设厅"
    assert g.expand_short_form("上海市卫健委") == ["上海市卫生健康委员会"]


def test_zhejiang_bodies_win_ties_of_equal_names(g):
    assert g.agencies_by_name("西湖区政府")[0].key == "杭州市西湖区人民政府"
    assert g.agencies_by_name("普陀区政府")[0].key == "舟山市普陀区人民政府"
    assert g.agencies_by_name("桐庐县政府办")[0].key == "桐庐县人民政府办公室"


def test_generated_departments_enter_the_background_graph_only_when_named(g):
    iri = mint("agency", "杭州市发展和改革委员会")
    assert not any(f.subject == iri for f in gazetteer_facts())
    facts = gazetteer_facts(extra_agencies=[iri, "温州市环境保护局"])
    assert (iri, "rdfs:label", "杭州市发展和改革委员会") in {(f.subject, f.predicate, f.object) for f in facts}
    old, new = mint("agency", "温州市环境保护局"), mint("agency", "温州市生态环境局")
    assert any(f.subject == old and f.predicate == "gov:succeededBy" and f.object == new for f in facts)
    assert any(f.subject == new and f.predicate == "rdfs:label" for f in facts)   # successor comes along
    assert all(f.graph == GAZETTEER_GRAPH for f in facts)


@pytest.mark.parametrize("name", ["divisions.tsv", "divisions_changes.tsv", "division_aliases.tsv",
                                  "agencies.tsv", "agency_reforms.tsv", "generic_units.tsv",
                                  "agency_short_forms.tsv", "agency_templates.tsv",
                                  "document_prefixes.tsv"])
def test_data_files_name_source_and_date(name):
    head = [line for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    text = "\n".join(head)
    assert head, name
    assert any(ch.isdigit() for ch in text) and ("Source" in text or "source" in text or "Sources" in text
                                                    or "compiled" in text or "curated" in text)
    assert read_tsv(DATA_DIR / name)


# -- document-number prefixes ------------------------------------------------------

@pytest.mark.parametrize("number, region", [
    ("浙政发〔2021〕14号", "浙江省"),
    ("浙医保联发〔2021〕19号", "浙江省"),
    ("杭政办函〔2020〕105号", "杭州市"),
    ("甬政发〔2021〕3号", "宁波市"),
    ("台政发〔2021〕12号", "台州市"),
    ("苏政复〔2022〕8号", "江苏省"),
    ("苏财教〔2021〕88号", "江苏省"),
    ("苏府〔2021〕30号", "苏州市"),      # 苏州, not 江苏: the longer prefix wins
    ("宿政发〔2021〕96号", "宿迁市"),
    ("粤府办〔2021〕31号", "广东省"),
    ("沪府〔2021〕38号", "上海市"),
    ("川府发〔2020〕6号", "四川省"),
])
def test_document_numbers_name_their_region(g, number, region):
    assert g.region_of_number(number).name == region


def test_numbers_of_central_or_unnumbered_documents_name_no_region(g):
    assert g.region_of_number("国办发〔2021〕1号") is None
    assert g.region_of_number("") is None and g.region_of_number(None) is None


def test_document_prefix_table_is_well_formed(g):
    rows = read_tsv(DATA_DIR / "document_prefixes.tsv")
    prefixes = [r["prefix"] for r in rows]
    assert len(prefixes) == len(set(prefixes))
    assert all(r["adcode"] in g.regions and g.regions[r["adcode"]].level in ("province", "prefecture")
               for r in rows)
    zhejiang_cities = {r.adcode for r in zhejiang(g, "prefecture")}
    assert zhejiang_cities <= {r["adcode"] for r in rows}


# -- local branches of central bodies, for every province and city of China ----------------

@pytest.mark.parametrize("name, key", [
    ("湖南银保监局", "中国银行保险监督管理委员会湖南监管局"),
    ("湖南金融监管局", "国家金融监督管理总局湖南监管局"),
    ("岳阳银保监分局", "中国银行保险监督管理委员会岳阳监管分局"),
    ("湖南省税务局", "国家税务总局湖南省税务局"),
    ("岳阳市税务局", "国家税务总局岳阳市税务局"),
    ("人行岳阳市中心支行", "中国人民银行岳阳市中心支行"),
    ("人民银行岳阳中心支行", "中国人民银行岳阳市中心支行"),
    ("人民银行湖南省分行", "中国人民银行湖南省分行"),
    ("长沙海关", "中华人民共和国长沙海关"),
    ("重庆银保监局", "中国银行保险监督管理委员会重庆监管局"),
    ("天津市税务局", "国家税务总局天津市税务局"),
    ("广西银保监局", "中国银行保险监督管理委员会广西监管局"),
    ("人行武汉分行", "中国人民银行武汉分行"),       # a regional branch before the 2023 reform (typed)
])
def test_central_branches_come_from_national_templates(g, name, key):
    found = g.agencies_by_name(name)
    assert [a.key for a in found] == [key]
    assert found[0].type == "Agency" and found[0].kind == "central-branch"


def test_national_templates_keep_typed_bodies_dates_and_successors(g):
    # Zhejiang's typed rows win over the templates (one body per name)
    assert [a.key for a in g.agencies_by_name("浙江银保监局")] == ["中国银行保险监督管理委员会浙江监管局"]
    assert [a.key for a in g.agencies_by_name("人民银行杭州中心支行")] == ["中国人民银行杭州中心支行"]
    old = g.agencies["中国银行保险监督管理委员会湖南监管局"]
    assert old.valid_on(date(2021, 1, 1)) and not old.valid_on(date(2024, 1, 1))
    assert old.successors == ("国家金融监督管理总局湖南监管局",)
    assert g.agencies["中国银行业监督管理委员会湖南监管局"].successors == ("中国银行保险监督管理委员会湖南监管局",)
    assert not g.agencies_by_name("香港银保监局") and not g.agencies_by_name("台湾省税务局")
    # generated: written to the background graph only when a document names them
    iri = mint("agency", "中国银行保险监督管理委员会湖南监管局")
    assert not any(f.subject == iri for f in gazetteer_facts())
    assert any(f.subject == iri for f in gazetteer_facts(extra_agencies=[iri]))


def test_the_built_gazetteer_is_kept_on_disk_and_read_back(tmp_path, monkeypatch):
    # A second process reads the stored gazetteer instead of building it again;
    # what it reads answers as the built one does.
    import graph.gazetteer as gz

    monkeypatch.setenv("GOVKG_CACHE_DIR", str(tmp_path))
    gz.load_gazetteer.cache_clear()
    try:
        built = gz.load_gazetteer()
        stored = list(tmp_path.glob("gazetteer-*.pickle"))
        assert len(stored) == 1 and stored[0] == gz.stored_gazetteer_path(gz.DATA_DIR)
        gz.load_gazetteer.cache_clear()
        read = gz.load_gazetteer()
        assert read is not built
        assert read.all_surface_forms() == built.all_surface_forms()
        assert [r.adcode for r in read.regions_by_name("西湖区")] == [r.adcode for r in built.regions_by_name("西湖区")]
        assert read.agencies_by_name("省发展改革委")[0].name == "浙江省发展和改革委员会"
    finally:
        gz.load_gazetteer.cache_clear()


def test_the_stored_gazetteer_is_keyed_by_its_tables(tmp_path, monkeypatch):
    # Another table (a data folder whose divisions differ) is another file; an
    # empty GOVKG_CACHE_DIR keeps nothing.
    import shutil

    import graph.gazetteer as gz

    monkeypatch.setenv("GOVKG_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "ontology"
    shutil.copytree(gz.DATA_DIR, data, ignore=shutil.ignore_patterns("*.py", "patterns", "tools", "__pycache__"))
    before = gz.stored_gazetteer_path(data)
    assert before == gz.stored_gazetteer_path(gz.DATA_DIR)
    with open(data / "divisions.tsv", "a", encoding="utf-8") as fh:
        fh.write("\n")
    assert gz.stored_gazetteer_path(data) != before
    monkeypatch.setenv("GOVKG_CACHE_DIR", "")
    assert gz.stored_gazetteer_path(data) is None
