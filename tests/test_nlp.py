"""The entity pipeline (graph.nlp) on real corpus snippets and on fixtures
from other provinces whose names no gazetteer holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.gazetteer import load_gazetteer
from graph.model import Document
from graph.nlp import find_mentions, find_mentions_in_text, load_pipeline

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(load_gazetteer())


def found(nlp, text: str) -> set[tuple[str, str]]:
    return {(m.text, m.label) for m in find_mentions_in_text(nlp, text)}


def of_label(nlp, text: str, label: str) -> set[str]:
    return {t for t, lab in found(nlp, text) if lab == label}


# -- regions and agencies --------------------------------------------------

def test_regions_longest_match_and_city_district_pairs(nlp):
    text = ("省政府决定命名嘉兴市和杭州市滨江区、慈溪市、嘉兴市秀洲区、龙游县、"
            "景宁畲族自治县为第五批省级生态文明建设示范市")
    regions = of_label(nlp, text, "Region")
    assert {"嘉兴市", "杭州市滨江区", "慈溪市", "嘉兴市秀洲区", "龙游县", "景宁畲族自治县"} <= regions
    assert "滨江区" not in regions and "杭州市" not in regions


def test_region_inside_agency_or_institution_is_not_a_region(nlp):
    f = found(nlp, "杭州海关、浙江大学和杭州市人民政府")
    assert ("杭州海关", "Agency") in f
    assert ("浙江大学", "Institution") in f
    assert ("杭州市人民政府", "Agency") in f
    assert ("杭州", "Region") not in f and ("浙江", "Region") not in f


def test_generic_government_phrase_is_not_an_entity(nlp):
    f = found(nlp, "各市、县(市、区)人民政府,省政府直属各单位:")
    assert not any(t.endswith("人民政府") for t, _ in f)


# -- development zones -----------------------------------------------------

ZONE_ITEM = ("19. 宁波经济技术开发区(宁波大榭开发区、宁波保税区、宁波北仑港综合保税区、"
             "宁波梅山综合保税区、宁波梅山先进制造高新技术产业园区、中国〔浙江〕自由贸易试验区宁波片区)")


def test_zones_with_nested_brackets(nlp):
    zones = of_label(nlp, ZONE_ITEM, "DevelopmentZone")
    assert {"宁波经济技术开发区", "宁波大榭开发区", "宁波保税区", "宁波北仑港综合保税区",
            "中国〔浙江〕自由贸易试验区宁波片区"} <= zones
    assert "中国〔浙江〕自由贸易试验区" not in zones     # the longer name wins
    zones = of_label(nlp, "6. 杭州高新技术产业开发区(杭州高新区〔滨江〕富阳特别合作区)", "DevelopmentZone")
    assert zones == {"杭州高新技术产业开发区", "杭州高新区〔滨江〕富阳特别合作区"}


def test_bracket_inside_a_zone_name_is_kept(nlp):
    zones = of_label(nlp, "37. 浙台(象山石浦)经贸合作区(象山渔港经济区、海峡两岸交流基地)", "DevelopmentZone")
    assert "浙台(象山石浦)经贸合作区" in zones
    assert "象山渔港经济区" in zones


def test_in_preparation_is_a_status_not_a_name_part(nlp):
    ms = find_mentions_in_text(nlp, "40. 浙江鹿城经济开发区(筹)(浙江温州鹿城轻工产业园区)")
    head = next(m for m in ms if m.text.startswith("浙江鹿城"))
    assert head.text == "浙江鹿城经济开发区"
    assert ("inPreparation", "true") in head.attrs


def test_zone_name_does_not_swallow_verbs(nlp):
    text = "支持杭州钱塘新区、宁波前湾新区建设,推进浙江桐庐经济开发区提升"
    assert of_label(nlp, text, "DevelopmentZone") == {"杭州钱塘新区", "宁波前湾新区", "浙江桐庐经济开发区"}


def test_generic_zone_phrases_are_not_entities(nlp):
    text = "各开发区要对标国家级经济技术开发区,推动省级以上开发区和2家国家级经济技术开发区建设共同富裕示范区"
    assert of_label(nlp, text, "DevelopmentZone") == set()


# -- laboratories ----------------------------------------------------------

def test_laboratory_with_alternative_name_in_brackets(nlp):
    ms = find_mentions_in_text(nlp, "由浙江大学牵头建设良渚实验室(系统医学与精准诊治浙江省实验室),集聚科技")
    labs = {m.text: dict(m.attrs) for m in ms if m.label == "Laboratory"}
    assert labs["良渚实验室"]["alias"] == "系统医学与精准诊治浙江省实验室"
    assert labs["系统医学与精准诊治浙江省实验室"]["alias_of"] == "良渚实验室"


def test_generic_laboratory_phrases_are_not_entities(nlp):
    text = "建成10个高水平省实验室,培育建设一批国家重点实验室,构建海洋实验室创新体系,支持之江实验室建设"
    assert of_label(nlp, text, "Laboratory") == {"之江实验室"}


# -- institutions ----------------------------------------------------------

def test_institutions_in_a_list(nlp):
    text = "依托清华长三角研究院、之江实验室、浙江大学、西湖大学、阿里巴巴达摩院等高校院所"
    assert of_label(nlp, text, "Institution") == {"清华长三角研究院", "浙江大学", "西湖大学", "阿里巴巴达摩院"}


def test_institution_edges_and_generic_schools(nlp):
    text = ("同意在浙江信息工程学校的基础上设立湖州工程技师学院,充分发挥浙江大学作用,"
            "建设高水平研究型大学,支持国家开发银行浙江省分行")
    inst = of_label(nlp, text, "Institution")
    assert {"浙江信息工程学校", "湖州工程技师学院", "浙江大学", "国家开发银行浙江省分行"} <= inst
    assert not any("研究型" in n or n.startswith("充分") for n in inst)


# -- programmes ------------------------------------------------------------

def test_named_programmes(nlp):
    text = ("现将《浙江省海洋经济发展“十四五”规划》印发给你们。深入实施数字经济“一号工程”,"
            "实施“凤凰行动”计划,编制“十四五”规划,忠实践行“八八战略”")
    progs = of_label(nlp, text, "Program")
    assert {"浙江省海洋经济发展“十四五”规划", "数字经济“一号工程”", "“凤凰行动”计划", "“八八战略”"} <= progs
    assert "“十四五”规划" not in progs
    assert not any(p.startswith(("深入", "实施", "忠实")) for p in progs)


def test_plan_issued_inside_a_cited_title_in_angle_brackets(nlp):
    # a central notice cited in 《》 that issues a plan named in 〈〉 (PDF text of nested titles)
    text = ("为贯彻落实《国务院办公厅印发〈全民科学素质行动规划纲要(2021—2035年)〉的通知》"
            "(国办发〔2021〕9号)精神,结合我省实际,提出如下意见。")
    progs = of_label(nlp, text, "Program")
    assert "全民科学素质行动规划纲要(2021—2035年)" in progs
    assert not any("〈" in p or "通知" in p for p in progs)


# -- other provinces -------------------------------------------------------

def fixture_mentions(nlp, name: str) -> set[tuple[str, str]]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    doc = Document(key=name, title="", text=text)
    return {(m.text, m.label) for m in find_mentions(nlp, doc)}


def test_jiangsu_names_found_by_patterns(nlp):
    f = fixture_mentions(nlp, "other_province_jiangsu.txt")
    for name in ("江苏南京江宁高新技术产业园区", "苏州工业园区", "南京江北新区",
                 "中国(江苏)自由贸易试验区南京片区", "江苏常熟经济开发区", "昆山综合保税区"):
        assert (name, "DevelopmentZone") in f, name
    assert ("紫金山实验室", "Laboratory") in f
    assert ("网络通信与安全江苏省实验室", "Laboratory") in f
    assert ("太湖实验室", "Laboratory") in f
    assert ("东南大学", "Institution") in f and ("南京大学", "Institution") in f
    assert ("南京市江宁区", "Region") in f
    assert not any(t in ("省重点实验室", "高水平研究型大学", "各开发区") for t, _ in f)


def test_guangdong_names_found_by_patterns(nlp):
    f = fixture_mentions(nlp, "other_province_guangdong.txt")
    for name, label in [("鹏城实验室", "Laboratory"), ("广州实验室", "Laboratory"),
                        ("中山大学", "Institution"), ("华南理工大学", "Institution"),
                        ("深圳华为技术有限公司", "Institution"),
                        ("中国(广东)自由贸易试验区广州南沙新区片区", "DevelopmentZone"),
                        ("广州经济技术开发区", "DevelopmentZone"),
                        ("广东省制造业高质量发展“十四五”规划", "Program"),
                        ("广东省培育新一代电子信息战略性新兴产业集群行动计划", "Program"),
                        ("广州市人民政府", "Agency")]:
        assert (name, label) in f, name


def test_pipeline_without_gazetteer_still_finds_open_classes():
    nlp = load_pipeline(None)
    f = found(nlp, "依托鹏城实验室和中山大学,建设苏州工业园区")
    assert {("鹏城实验室", "Laboratory"), ("中山大学", "Institution"),
            ("苏州工业园区", "DevelopmentZone")} <= f


def test_mention_offsets_point_into_document_text(nlp):
    doc = Document(key="k", title="", text="一、\n推进宁波前湾新区(筹)和之江实验室建设")
    for m in find_mentions(nlp, doc):
        assert doc.text[m.start:m.end] == m.text


# -- list items, second names and categories (other provinces) ---------------

def test_labs_heading_list_items_with_second_names(nlp):
    f = fixture_mentions(nlp, "other_province_labs_zones.txt")
    labs = {t for t, lab in f if lab == "Laboratory"}
    for name in ("钟山实验室", "先进材料江苏省实验室", "太湖实验室", "深海技术科学江苏省实验室",
                 "姑苏实验室", "新材料江苏省实验室", "紫金山实验室", "太湖材料实验室"):
        assert name in labs, name
    # a verb before 实验室, a province before a level, a count: no lab
    assert not labs & {"确保实验室", "江苏省实验室", "第二批江苏省实验室", "材料江苏省实验室"}


def test_institution_name_with_a_conjunction_and_a_parent_body(nlp):
    f = fixture_mentions(nlp, "other_province_labs_zones.txt")
    assert ("中国科学院苏州纳米技术与纳米仿生研究所", "Institution") in f
    assert ("中国科学院", "Institution") not in f


def test_cooperation_zones_and_science_cities(nlp):
    zones = {t for t, lab in fixture_mentions(nlp, "other_province_labs_zones.txt")
             if lab == "DevelopmentZone"}
    assert {"皖苏现代服务业合作区", "锡澳科技创新合作区", "苏州太湖科学城", "南京紫金山科学城"} <= zones
    assert not zones & {"现行省级经济开发区", "5G产业集聚区", "省级经济开发区"}


def test_plans_issued_by_cover_notices_and_their_periods(nlp):
    text = ("《江苏省数字经济加速行动实施方案》已经省政府同意,现印发给你们。"
            "南京江北新区高质量发展三年行动计划(2022—2024年)已经市政府同意。"
            "深入推进江苏省新型基础设施建设行动方案。助力制造业“智改数转”工程")
    progs = of_label(nlp, text, "Program")
    assert "江苏省数字经济加速行动实施方案" in progs
    assert "南京江北新区高质量发展三年行动计划(2022—2024年)" in progs
    assert "制造业“智改数转”工程" in progs
    # a shorter ending inside a longer title is no programme of its own
    assert not progs & {"南京江北新区高质量发展三年行动", "新型基础设施建设行动", "助力制造业“智改数转”工程"}


def test_region_inside_a_longer_word_or_name_is_not_a_region(nlp):
    # 上城区 across 以上|城区, a province in a book title, a noun phrase, a category
    text = ("实现县城以上城区全覆盖。根据《江苏省科学技术奖励办法》,组建江苏代表团,"
            "建设第二批江苏省实验室。")
    assert of_label(nlp, text, "Region") == set()


def test_regions_standing_alone_are_kept(nlp):
    text = ("园区位于建德市洋溪街道。推进湖州、嘉兴、台州跨境电子商务试点,"
            "命名杭州市临安区、宁波市奉化区为示范区,盐城市获评优秀,落户南京市江宁区。")
    assert of_label(nlp, text, "Region") >= {"建德市", "湖州", "嘉兴", "台州", "杭州市临安区",
                                             "宁波市奉化区", "盐城市", "南京市江宁区"}


def test_branch_of_a_known_body_is_one_agency(nlp):
    f = found(nlp, "(省科技厅、海关总署广东分署,深圳市人民政府负责)")
    assert ("海关总署广东分署", "Agency") in f
    assert not any(t == "海关总署" or t.startswith("中华人民共和国") for t, _ in f)


# -- open-class names met in documents of other provinces and years ---------

def test_institution_names_with_whole_words_ending_like_function_words(nlp):
    # 高等 is a word, not 高 + a glued 等: the name runs from the place
    text = "认定江苏省清华信息科学高等研究院等5家机构为新型研发机构"
    assert "江苏省清华信息科学高等研究院" in of_label(nlp, text, "Institution")


def test_a_campus_in_brackets_belongs_to_the_university(nlp):
    f = of_label(nlp, "共建单位:中国矿业大学(北京);牵头单位:哈尔滨工业大学(深圳)和中山大学(牵头)", "Institution")
    assert {"中国矿业大学(北京)", "哈尔滨工业大学(深圳)", "中山大学"} <= f
    assert "中国矿业大学" not in f and "中山大学(牵头)" not in f


def test_a_school_kind_after_a_topic_is_a_category(nlp):
    text = "支持高校与企业共建人工智能现代产业学院,建设南京大学集成电路产业学院"
    f = of_label(nlp, text, "Institution")
    assert "人工智能现代产业学院" not in f
    assert "南京大学集成电路产业学院" in f


def test_half_a_name_after_a_page_break_is_no_institution(nlp):
    text = "(责任单位:省财政厅、人行南京\n中心支行、江苏银保监局)"
    assert not any(t.startswith("中心") for t in of_label(nlp, text, "Institution"))


def test_a_central_bank_branch_is_not_cut_to_an_institution(nlp):
    text = "(广东银保监局、人行广州分行、人民银行深圳市中心支行、省地方金融监管局按职责分工负责)"
    f = of_label(nlp, text, "Institution")
    assert not any(t.endswith(("分行", "支行")) for t in f)


def test_quoted_campaigns_with_words_before_their_ending(nlp):
    text = "深入实施基础教育“县中”振兴工程,实施“专精特新”企业培育行动,落实“十四五”时期重大工程"
    f = of_label(nlp, text, "Program")
    assert {"基础教育“县中”振兴工程", "“专精特新”企业培育行动"} <= f
    assert not any("十四五" in t for t in f)


def test_quoted_code_name_with_a_long_topic_before_its_ending(nlp):
    text = ("全面实施“345”现代服务业高质量发展促进工程,围绕“双碳”目标加快推进低碳工程,"
            "深化“两业”融合试点行动")
    f = of_label(nlp, text, "Program")
    assert "“345”现代服务业高质量发展促进工程" in f
    assert "“两业”融合试点行动" in f
    assert not any("双碳" in t for t in f)


def test_enterprise_group_keeps_its_whole_ending(nlp):
    text = "支持太原钢铁集团公司、安徽海螺集团有限公司和山东黄金集团股份有限公司建设创新平台。"
    f = of_label(nlp, text, "Institution")
    assert {"太原钢铁集团公司", "安徽海螺集团有限公司", "山东黄金集团股份有限公司"} <= f
    assert "太原钢铁集团" not in f


def test_a_level_word_and_a_common_noun_is_no_institution(nlp):
    text = "争创国家级智能制造创新中心和省级工程研究中心,支持省级四川大学华西医院建设。"
    f = of_label(nlp, text, "Institution")
    assert not any(t.startswith(("国家级", "省级")) or t.startswith("智能") for t in f)
    assert "四川大学华西医院" in f


def test_a_place_inside_a_quoted_brand_is_no_region(nlp):
    text = "培育“江苏精品”认证品牌,推进“好品山东”区域公用品牌建设,在“苏州”开展试点,支持苏州市和济南市建设。"
    regions = of_label(nlp, text, "Region")
    assert "江苏" not in regions and "山东" not in regions
    assert {"苏州", "济南市"} <= regions


def test_a_comprehensive_pilot_zone_is_a_zone(nlp):
    text = "依托中国(南宁)跨境电子商务综合试验区,推动各地跨境电子商务综合试验区建设"
    assert of_label(nlp, text, "DevelopmentZone") == {"中国(南宁)跨境电子商务综合试验区"}


def test_zone_table_cells_are_zones(nlp):
    text = ("序号\n设区市\n整合提升后平台\n整合范围\n1\n南通市\n南通江海产业园\n"
            "南通综合保税区、海安商贸物流区块\n")
    f = of_label(nlp, text, "DevelopmentZone")
    assert {"南通江海产业园", "南通综合保税区", "海安商贸物流区块"} <= f


def test_zone_anchored_by_a_bracketed_place_and_no_pronoun_or_verb_zone(nlp):
    text = ("推动本市综合保税区与东部(成都)科学城协同发展,"
            "定期研究解决综合保税区发展中的问题,支持陕西西咸综合保税区建设。")
    zones = of_label(nlp, text, "DevelopmentZone")
    assert "东部(成都)科学城" in zones
    assert "陕西西咸综合保税区" in zones
    assert not any(z.startswith(("本市", "研究", "解决", "定期")) for z in zones)


def test_level_only_government_and_departments_are_candidates_not_plurals(nlp):
    text = ("经市政府同意,由市商务局、市财政局负责。请各设区市政府、市、县政府和市政府各部门落实。"
            "由省委人才工作领导小组办公室牵头。")
    spans = [(m.text, dict(m.attrs).get("relative")) for m in find_mentions_in_text(nlp, text)
             if m.label == "Agency"]
    assert ("市政府", "true") in spans and ("市商务局", "true") in spans and ("市财政局", "true") in spans
    assert sum(1 for t, _ in spans if t == "市政府") == 1
    assert not any(t == "县政府" for t, _ in spans)
    assert "省委人才工作领导小组办公室" in {t for t, _ in spans}


def test_lab_name_cells_of_a_flattened_table_are_labs_in_full(nlp):
    text = ("附件\n江苏省重点实验室建设名单\n序号\n实验室名称\n依托单位\n主管部门\n"
            "1\n江苏省茶叶资源综合利用重点实验室\n江南大学\n省教育厅\n"
            "2\n江苏省水稻种质创新利用重点实验室\n扬州大学\n扬州市科技局\n")
    labs = of_label(nlp, text, "Laboratory")
    assert {"江苏省茶叶资源综合利用重点实验室", "江苏省水稻种质创新利用重点实验室"} <= labs
    assert "重点实验室" not in labs


def test_lab_name_never_opens_with_a_preposition_or_conjunction(nlp):
    text = ("打造以省实验室为引领的创新体系,省政府决定组建天府实验室、锦城种业实验室与岷江实验室"
            "和嘉陵江实验室。")
    labs = of_label(nlp, text, "Laboratory")
    assert labs == {"天府实验室", "锦城种业实验室", "岷江实验室", "嘉陵江实验室"}


def test_determiner_before_zone_name_is_not_part_of_it(nlp):
    text = "同意将原常熟经济开发区整体并入常熟高新技术产业开发区，上述经济开发区不再保留。"
    zones = of_label(nlp, text, "DevelopmentZone")
    assert "常熟经济开发区" in zones and "常熟高新技术产业开发区" in zones
    assert not any(z.startswith(("原", "上述")) for z in zones)
    assert "原平经济开发区" in of_label(nlp, "支持原平经济开发区发展。", "DevelopmentZone")


def test_named_leading_and_coordination_groups_are_agencies(nlp):
    text = ("(一)加强组织领导。在省推进乡村全面振兴领导小组统筹下,充分发挥江苏省制造强省建设"
            "协调小组作用;建立市优化营商环境工作专班。(各级乡村振兴领导小组负责)"
            "省农业农村厅要会同省领导小组其他成员单位抓好落实。")
    agencies = of_label(nlp, text, "Agency")
    assert {"省推进乡村全面振兴领导小组", "江苏省制造强省建设协调小组", "市优化营商环境工作专班"} <= agencies
    assert not any(a.endswith("领导小组") and a.startswith(("各", "省领导", "级")) for a in agencies)
    assert "省领导小组" not in agencies and "乡村振兴领导小组" not in agencies


def test_centres_and_branches_need_a_place_or_national_opener(nlp):
    text = ("支持四川天府农村产权交易中心、中国(四川)知识产权保护中心、国家地理信息数据中心"
            "四川分中心和中国科学院西部分院建设;鼓励高校设立技术转移中心,建设大数据中心和数据交易中心。")
    f = of_label(nlp, text, "Institution")
    assert {"四川天府农村产权交易中心", "中国(四川)知识产权保护中心", "国家地理信息数据中心四川分中心"} <= f
    assert not {"技术转移中心", "数据交易中心", "大数据中心"} & f


def test_plans_named_after_a_quoted_period_and_campaigns_after_a_verb(nlp):
    text = ("抓紧编制“十四五”现代物流业发展规划,启动“九五”普法规划。“十四五”发展规划和专项规划一经批准即公开。"
            "实施改善营商环境“1+X”行动,深入实施坚持和发展“浦江经验”化解信访积案三年行动计划。"
            "推进我市科技“双千”工程。")
    programs = of_label(nlp, text, "Program")
    assert {"“十四五”现代物流业发展规划", "“九五”普法规划", "改善营商环境“1+X”行动",
            "坚持和发展“浦江经验”化解信访积案三年行动计划", "科技“双千”工程"} <= programs
    assert not any(p.startswith(("“十四五”发展", "我市")) for p in programs)
    assert "化解信访积案三年行动" not in programs


def test_programmes_listed_after_a_verb_of_carrying_out(nlp):
    text = ("实施新时代鲁班工匠培育工程、高技能人才振兴计划,落实开办企业、不动产登记等便利化行动和证明事项清零行动。"
            "实施装备首台套、材料首批次提升工程。开展城市更新和乡村建设行动。")
    programs = of_label(nlp, text, "Program")
    assert {"新时代鲁班工匠培育工程", "高技能人才振兴计划", "证明事项清零行动",
            "装备首台套、材料首批次提升工程"} <= programs
    assert not any("等" in p for p in programs)
    assert "乡村建设行动" not in programs


def test_prizes_named_in_a_plan_are_awards(nlp):
    text = ("鼓励企业争创中国质量奖、中国工业大奖,成果优先推荐申报省科学技术奖、江苏省标准化贡献奖。"
            "对获奖单位给予奖励,完善科技奖励制度和奖补政策。")
    awards = of_label(nlp, text, "Award")
    assert awards == {"中国质量奖", "中国工业大奖", "省科学技术奖", "江苏省标准化贡献奖"}


def test_free_trade_and_reform_pilot_zones(nlp):
    text = ("加快福建自贸试验区建设,推进厦门国际贸易综合改革试验区和跨境电子商务试验区建设,"
            "打造山东省综合改革示范区。")
    zones = of_label(nlp, text, "DevelopmentZone")
    assert {"福建自贸试验区", "厦门国际贸易综合改革试验区"} <= zones
    assert "跨境电子商务试验区" not in zones and not any("综合改革示范区" in z for z in zones)


def test_institutions_opened_by_a_country_the_un_or_the_home_province(nlp):
    text = ("引进德国巴斯夫化学公司新材料项目,共建联合国可持续发展知识与创新中心,"
            "组建江苏智能制造(工业互联网)标准化技术委员会,做强福建海峡船舶交易市场,"
            "高标准建设省儿童传染病临床中心,扩建省\n食品检验检测与营养研究所。")
    names = of_label(nlp, text, "Institution")
    assert {"德国巴斯夫化学公司", "联合国可持续发展知识与创新中心",
            "江苏智能制造(工业互联网)标准化技术委员会", "福建海峡船舶交易市场",
            "省儿童传染病临床中心"} <= names
    assert any(n.replace("\n", "") == "省食品检验检测与营养研究所" for n in names)
    assert "营养研究所" not in names


def test_parent_university_short_form_stays_in_a_branch_name(nlp):
    names = of_label(nlp, "支持哈工大重庆研究院、北师大珠海分校建设。", "Institution")
    assert "哈工大重庆研究院" in names and "重庆研究院" not in names


def test_generic_or_counted_institution_kinds_stay_out(nlp):
    text = ("鼓励高校设立跨境电商学院,新建20家省临床医学研究中心,建设国家和省工程研究中心,"
            "由有关公司负责,(责任单位:市发改委、国网泉州供电公司)")
    names = of_label(nlp, text, "Institution")
    assert not names & {"跨境电商学院", "省临床医学研究中心", "省工程研究中心", "泉州供电公司", "有关公司"}


def test_carried_programme_skips_a_second_verb_and_title_echoes(nlp):
    text = ("江苏省人民政府办公厅关于印发江苏省全面推进城乡绿化提质行动计划的通知\n"
            "推进实施长江岸线生态修复工程,鼓励社会各界参与全面推进城乡绿化提质行动。")
    progs = of_label(nlp, text, "Program")
    assert "长江岸线生态修复工程" in progs
    assert "实施长江岸线生态修复工程" not in progs
    assert "城乡绿化提质行动" not in progs


def test_quote_chains_and_verb_glued_to_the_ending(nlp):
    text = ("实施“揭榜”“挂帅”科技攻关计划。开展川货“出海”“进城”行动。"
            "实施“百县千镇”示范带动提升工程。")
    progs = of_label(nlp, text, "Program")
    assert {"“揭榜”“挂帅”科技攻关计划", "川货“出海”“进城”行动", "“百县千镇”示范带动提升工程"} <= progs
    assert "“进城”行动" not in progs and "“挂帅”科技攻关计划" not in progs


def test_box_headings_that_name_a_programme(nlp):
    text = ("专栏3 沿海防潮堤达标提升工程\n———城乡供水一体化工程。推进各县供水管网互联互通。\n"
            "专栏4 数字治理类重点项目\n———产业结构持续优化。")
    progs = of_label(nlp, text, "Program")
    assert {"沿海防潮堤达标提升工程", "城乡供水一体化工程"} <= progs
    assert not any("重点项目" in p or "产业结构" in p for p in progs)


def test_works_named_after_the_places_they_join(nlp):
    text = ("加快沪苏湖铁路扩能项目、京津城际延伸线项目建设,谋划苏州段航道整治项目,"
            "开展宁杭城际二通道项目研究。")
    progs = of_label(nlp, text, "Program")
    assert {"沪苏湖铁路扩能项目", "京津城际延伸线项目", "宁杭城际二通道项目"} <= progs
    assert not any("苏州段" in p for p in progs)


def test_project_members_of_a_list_closed_by_major_projects(nlp):
    text = ("发挥闽粤赣边区铁路项目、沿海防护林更新工程、厦门国际邮轮母港、"
            "海岸带综合整治修复工程等重大项目的带动作用。")
    progs = of_label(nlp, text, "Program")
    assert {"沿海防护林更新工程", "海岸带综合整治修复工程"} <= progs
    assert any(p.endswith("闽粤赣边区铁路项目") for p in progs)
    assert not any("邮轮母港" in p or p.startswith("发挥") for p in progs)


def test_programmes_after_verbs_of_taking_part(nlp):
    text = ("积极参与南海蓝色碳汇合作计划。依托粤港澳大湾区北延工程,深化建设广州港南沙集疏运工程,"
            "加快农村电商进镇入户工程建设。鼓励参与我省科技计划项目,加快智能制造云工程、云平台等领域创新,"
            "依托中国科学院广州能源技术与工程研究所。")
    progs = of_label(nlp, text, "Program")
    assert {"南海蓝色碳汇合作计划", "粤港澳大湾区北延工程", "广州港南沙集疏运工程",
            "农村电商进镇入户工程"} <= progs
    assert not any("科技计划" in p or "云工程" in p or "能源技术" in p for p in progs)


def test_elided_pair_of_issued_plans(nlp):
    from graph.nlp.programs import split_elided
    title = "江苏省人民政府关于印发中国(南京)、中国(无锡)跨境电子商务综合试验区实施方案的通知"
    progs = of_label(nlp, title, "Program")
    assert not any("、" in p for p in progs)
    assert split_elided("中国(南京)、中国(无锡)跨境电子商务综合试验区实施方案") == [
        "中国(南京)跨境电子商务综合试验区实施方案", "中国(无锡)跨境电子商务综合试验区实施方案"]
    assert split_elided("江苏省制造业、服务业融合发展行动方案") == ["江苏省制造业、服务业融合发展行动方案"]


def test_counted_plans_and_a_plans_projects_are_no_programme(nlp):
    text = "组织实施一批市重点科技攻关计划项目,实施两项民生实事工程。实施乡村振兴人才培育计划。"
    progs = of_label(nlp, text, "Program")
    assert "乡村振兴人才培育计划" in progs
    assert not any("一批" in p or "科技攻关计划" in p or "两项" in p for p in progs)
