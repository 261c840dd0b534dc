"""Responsibility extraction on corpus snippets and other provinces' plans."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.extract.responsibility import extract, find_assignments, split_units
from graph.ingest import normalise, read_source
from graph.resolve import Resolver
from graph.segment import split_documents

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


def readings(text: str, resolver=None) -> list[list[tuple[str, bool]]]:
    """(unit, lead) per note, in order."""
    return [[(u.name, u.lead) for u in a.units] for a in find_assignments(normalise(text).text, resolver=resolver)]


def labelled(facts, predicate: str) -> set[tuple[str, str]]:
    """(subject label, object section path or label) of every fact with ``predicate``."""
    labels = {f.subject: f.object for f in facts if f.predicate == "rdfs:label"}
    paths = {f.subject: f.object for f in facts if f.predicate == "gov:sectionPath"}
    return {(labels[f.subject], paths.get(f.object, labels.get(f.object))) for f in facts if f.predicate == predicate}


def test_unit_list_drops_generic_tails_and_reads_bracketed_second_body():
    units = split_units("省商务厅、省人力社保厅、省市场监管局、团省委,各市、县〔市、区〕政府")
    assert [u.name for u in units] == ["省商务厅", "省人力社保厅", "省市场监管局", "团省委"]
    units = split_units("人行杭州中心支行、省经信委、省科技厅〔省知识产权局〕、省财政厅,有关市、县〔市、区〕政府")
    assert [u.name for u in units] == ["人行杭州中心支行", "省经信委", "省科技厅", "省知识产权局", "省财政厅"]
    assert split_units("省级有关部门,各市、县〔市、区〕政府按职责分工落实") == []


def test_lead_rule_holds_for_later_lists_of_the_document():
    # 浙政办发〔2020〕30号: the first list has no lead (generic only), the rule comes with the second
    text = ("疫情防控应急预案。(责任单位:省级有关部门,各市、县〔市、区〕政府按职责分工落实)加大对危害疫情防控行为的执法力度。"
            "(责任单位:省司法厅、省市场监管局。列第一位的为牵头单位,下同)加强涉疫矛盾纠纷防范化解。"
            "(责任单位:省司法厅,省级有关部门,各市、县〔市、区〕政府)实施“减证便民”行动。"
            "(责任单位:省发展改革委、省司法厅、省建设\n厅,各市、县〔市、区〕政府)")
    assert readings(text) == [
        [],
        [("省司法厅", True), ("省市场监管局", False)],
        [("省司法厅", True)],
        [("省发展改革委", True), ("省司法厅", False), ("省建设厅", False)],
    ]


def test_without_rule_no_lead_and_rule_variant_without_position_word():
    assert readings("(责任单位:省科技厅、省经信委、省教育厅、省人力社保厅)") == [
        [("省科技厅", False), ("省经信委", False), ("省教育厅", False), ("省人力社保厅", False)]]
    text = ("(责任单位:省质监局、省发展改革委、省数据管理中心、省“最多跑一次”改革办公室,列第一的为牵头单位,下同)"
            "推进标准化。(责任单位:省数据管理中心、省质监局)")
    assert readings(text) == [
        [("省质监局", True), ("省发展改革委", False), ("省数据管理中心", False), ("省“最多跑一次”改革办公室", False)],
        [("省数据管理中心", True), ("省质监局", False)],
    ]


def test_verb_notes_lead_only_with_qiantou():
    # 浙政办发〔2021〕28号 style
    text = ("全面公开规划信息。(省发展改革委、省大数据局牵头)做好信息公开。(各级行政机关负责)"
            "加强培训。(省委组织部、省司法厅负责)(以下统称各级行政机关负责)")
    assert readings(text) == [
        [("省发展改革委", True), ("省大数据局", True)],
        [],
        [("省委组织部", False), ("省司法厅", False)],
        [],
    ]


def test_prose_huitong_names_both_known_bodies(resolver):
    text = "三、政策支持。省科技厅要会同省财政厅加强指导、管理和服务。县级自然资源主管部门应当会同同级建设部门开展工作。"
    assert readings(text, resolver) == [[("省科技厅", False), ("省财政厅", False)]]


def test_table_with_lead_column():
    text = "序号\t主要任务\t牵头单位\t配合单位\n1\t建设数字政府\t省大数据局\t省委网信办、省发展改革委\n"
    assert readings(text) == [[("省大数据局", True), ("省委网信办", False), ("省发展改革委", False)]]


def test_corpus_plan_tasks_and_facts(resolver, corpus_dir):
    docs = {d.key: d for d in split_documents(read_source(str(corpus_dir / "000_fc2fbf8d995039f5.txt")))}
    facts = extract(docs["浙政办发〔2021〕32号"], [], resolver)
    responsible = labelled(facts, "gov:responsibleFor")
    leads = labelled(facts, "gov:leads")
    # 1. carries the rule in its own list; every later list's first unit leads too
    assert ("浙江省商务厅", "二、(一)1.") in leads
    assert ("浙江省教育厅", "二、(四)7.") in leads
    assert ("中国人民银行杭州中心支行", "二、(六)15.") in leads
    assert ("浙江省人力资源和社会保障厅", "二、(二)3.") in responsible
    assert ("共青团浙江省委员会", "二、(二)3.") in responsible
    assert ("浙江省人力资源和社会保障厅", "二、(二)3.") not in leads
    assert len([1 for _, path in leads if path and path.startswith("二、")]) == 21
    # the attachment's table (cells run together by the text extraction): rows 1, 11 and 13
    rows = {f.subject: f.object for f in facts if f.predicate == "gov:text"}
    labels = {f.subject: f.object for f in facts if f.predicate == "rdfs:label"}
    row_units = {}
    for f in facts:
        if f.predicate in ("gov:responsibleFor", "gov:leads") and "新培育一批省级重点电子商务平台" in rows.get(f.object, ""):
            row_units.setdefault(f.predicate, set()).add(labels[f.subject])
    assert row_units == {"gov:responsibleFor": {"浙江省商务厅"}, "gov:leads": {"浙江省商务厅"}}
    pilot = {labels[f.subject] for f in facts if f.predicate == "gov:responsibleFor"
             and "加快监管软硬件设施建设和验收" in rows.get(f.object, "")}
    assert pilot == {"中华人民共和国杭州海关", "湖州市人民政府", "嘉兴市人民政府", "绍兴市人民政府", "台州市人民政府"}
    assert any("建立跨境电子商务综合试验区工作推进制度" in t for t in rows.values())
    assert not any("各市" in unit for unit, _ in responsible)
    tasks = {f.subject for f in facts if f.predicate == "rdf:type" and f.object == "gov:Task"}
    assert all(any(f.subject == t and f.predicate == "gov:text" for f in facts) for t in tasks)


def test_incentive_notes_are_left_to_awards(resolver, corpus_dir):
    docs = {d.key: d for d in split_documents(read_source(str(corpus_dir / "000_fc2fbf8d995039f5.txt")))}
    facts = extract(docs["浙政办发〔2021〕24号"], [], resolver)
    assert not [f for f in facts if f.predicate == "gov:responsibleFor"]


def test_jiangsu_plan_fixture(resolver):
    [doc] = [d for d in split_documents(read_source(str(FIXTURES / "resp_jiangsu_plan.txt"))) if "方案" in d.title]
    got = [[(u.name, u.lead) for u in a.units] for a in find_assignments(doc.text, resolver=resolver)]
    assert got == [
        [("省通信管理局", True), ("省工业和信息化厅", False), ("省发展改革委", False)],
        [("省工业和信息化厅", True), ("省科技厅", False), ("省知识产权局", False), ("省商务厅", False)],
        [("省科技厅", True), ("紫金山实验室", False), ("南京大学", False)],
        [("省发展改革委", True)],
        [("省委网信办", False), ("省市场监管局", False)],
    ]
    facts = extract(doc, [], resolver)
    paths = {f.object for f in facts if f.predicate == "gov:sectionPath"}
    assert paths == {"一、(一)", "一、(二)", "一、(三)", "一、(四)"}
    types = {f.object for f in facts if f.predicate == "rdf:type"}
    assert {"gov:Task", "gov:Agency", "gov:Laboratory", "gov:Institution"} <= types


def test_rule_in_a_duty_note_holds_for_later_duty_notes():
    # 贵州 style: departments without 省, the rule written inside a (…按职责分工负责) note
    text = ("一、推进工业互联网建设。(工业和信息化厅、通信管理局、财政厅按职责分工负责,列第一位的为牵头单位,下同)"
            "二、培育数字人才。(人力资源社会保障厅、教育厅按职责分工负责)"
            "三、加强金融支持。(贵州银保监局、地方金融监管局、财政厅按职责分工负责)")
    assert readings(text) == [
        [("工业和信息化厅", True), ("通信管理局", False), ("财政厅", False)],
        [("人力资源社会保障厅", True), ("教育厅", False)],
        [("贵州银保监局", True), ("地方金融监管局", False), ("财政厅", False)],
    ]


def test_unit_marked_lead_in_brackets_counts_and_leads():
    text = "(一)建设智慧园区。(责任单位:市科技局(牵头)、市发改委、江北区政府)(二)培育企业。(责任单位:市财政局、市商务局(配合))"
    assert readings(text) == [
        [("市科技局", True), ("市发改委", False), ("江北区政府", False)],
        [("市财政局", False), ("市商务局", False)],
    ]


def test_huitong_after_a_heading_marker_and_with_a_list_before_it(resolver):
    text = ("二、各地要加快项目建设。省工信厅、省科技厅要会同省财政厅、省自然资源厅等部门加强督促指导。\n"
            "三、省商务厅应会同省市场监管局做好监测。")
    assert readings(text, resolver) == [
        [("省工信厅", False), ("省科技厅", False), ("省财政厅", False), ("省自然资源厅", False)],
        [("省商务厅", False), ("省市场监管局", False)],
    ]


def test_you_x_qiantou_huitong_y_and_leading_group_office(resolver):
    text = ("由省工信厅牵头,会同省教育厅、省人力社保厅制定实施细则。"
            "由省乡村振兴领导小组办公室会同省统计局负责开展监测。")
    assert readings(text, resolver) == [
        [("省工信厅", True), ("省教育厅", False), ("省人力社保厅", False)],
        [("省乡村振兴领导小组办公室", False), ("省统计局", False)],
    ]


def test_shared_government_ending_over_a_list_of_counties(resolver):
    text = "园区的规划建设工作分别由瑞金市、兴国县、于都县人民政府负责。"
    assert readings(text, resolver) == [
        [("瑞金市人民政府", False), ("兴国县人民政府", False), ("于都县人民政府", False)]]


def test_lead_line_ends_at_the_next_field_label():
    # a co-building unit and a place are fields of their own, never a unit named with its label
    text = ("1.合肥量子信息安徽省实验室。牵头单位:中国科学技术大学;共建单位:合肥工业大学;所在地:合肥市。\n"
            "2.芜湖新材料安徽省实验室。牵头单位:安徽工程大学;所在地:芜湖市。")
    assert readings(text) == [[("中国科学技术大学", True)], [("安徽工程大学", True)]]


def test_counted_group_of_county_governments_is_generic():
    units = split_units("省发展改革委、省财政厅,加快发展26县政府、15个海岛县(市、区)政府")
    assert [u.name for u in units] == ["省发展改革委", "省财政厅"]
    # a city whose name opens with a numeral is no count
    assert [u.name for u in split_units("十堰市人民政府、三明市人民政府")] == ["十堰市人民政府", "三明市人民政府"]


def test_lead_rule_in_a_closing_note_holds_for_every_list_above():
    text = ("(一)建设创新平台。(责任单位:市发改委、市财政局、某某大学)\n"
            "(二)培育科技企业。(责任单位:市经信局、市市场监管局)\n"
            "三、保障措施\n加强统筹协调。\n"
            "注:各项任务的责任单位中,排在第一位的为牵头单位。")
    assert readings(text) == [[("市发改委", True), ("市财政局", False), ("某某大学", False)],
                              [("市经信局", True), ("市市场监管局", False)]]
    # the wording "排名第一的" after a table, without 注
    text = "(责任单位:区科技局、区人社局)\n以上任务中,排名第一的为牵头单位。"
    assert readings(text) == [[("区科技局", True), ("区人社局", False)]]
    # a rule that opens the lists still holds only from where it is written
    text = ("(责任单位:区科技局、区人社局)\n下列任务中列第一位的为牵头单位。\n"
            "(责任单位:区商务局、区财政局)")
    assert readings(text) == [[("区科技局", False), ("区人社局", False)],
                              [("区商务局", True), ("区财政局", False)]]


def test_you_x_huitong_y_in_a_verb_note_names_both_without_lead():
    text = ("二、推进产业升级成效明显的县(市、区):某县。(由省经信厅会同省财政厅组织实施)\n"
            "三、促进消费成效明显的设区市:某市。(由省商务厅负责组织实施)")
    assert readings(text) == [[("省经信厅", False), ("省财政厅", False)], [("省商务厅", False)]]


@pytest.mark.parametrize("rule", ["各项任务的第一责任单位为牵头单位", "排名第一的为牵头单位", "排在第一位的责任单位为牵头单位"])
def test_lead_rule_in_a_section_heading_holds_for_the_lists_below(rule):
    text = (f"三、主要措施({rule})\n"
            "(一)完善收储机制。(责任单位:市粮食和储备局、市财政局、市农业农村局)\n"
            "(二)加强质量监测。(责任单位:市市场监管局、市粮食和储备局)\n")
    assert readings(text) == [
        [("市粮食和储备局", True), ("市财政局", False), ("市农业农村局", False)],
        [("市市场监管局", True), ("市粮食和储备局", False)],
    ]


def test_you_x_fuze_names_the_duty_after_fuze(resolver):
    """``由X负责建设管理`` / ``由X负责组织实施``: the duty named after 负责 keeps X responsible."""
    text = ("二、该开发区由宜宾市人民政府负责建设管理,要严格执行国土空间规划。"
            "三、规划由九江市人民政府负责组织实施。")
    assert readings(text, resolver) == [[("宜宾市人民政府", False)], [("九江市人民政府", False)]]


def test_support_list_of_a_bracketed_note_runs_to_the_bracket_across_lines_and_page_breaks():
    # "(牵头单位:X;配合单位:" with the support units on the next line, and a support list
    # cut by a page break whose running header (the document's title) sits between its units
    text = ("(三)完善冷链设施。支持产地仓建设。(牵头单位:省农业农村厅;配合单位:\n"
            "省财政厅、省商务厅)\n"
            "(四)畅通港口集疏运。推进铁水联运。(牵头单位:省交通运输厅;配合单位:省商务厅、\n"
            "福建省人民政府关于促进现代物流高质量发展的若干意见\n"
            "泉州市政府)\n")
    assert readings(text) == [
        [("省农业农村厅", True)],
        [("省财政厅", False), ("省商务厅", False)],
        [("省交通运输厅", True)],
        [("省商务厅", False), ("泉州市政府", False)],
    ]


def test_hui_tong_clause_ends_at_the_duty_verb_and_you_fu_ze_takes_a_joined_duty(resolver):
    # "X要会同Y、Z加大…": all three are responsible; "分别由A、B负责建设和管理": both are
    text = ("四、保障措施\n市商务委要会同市科委、市人力资源社会保障局加快人才引进,落实配套政策。\n"
            "五、两个园区分别由洛阳市人民政府、南阳市人民政府负责建设和管理,不得擅自扩大规划范围。\n")
    assert readings(text, resolver) == [
        [("市商务委", False), ("市科委", False), ("市人力资源社会保障局", False)],
        [("洛阳市人民政府", False), ("南阳市人民政府", False)],
    ]


def _plan_facts(body: str, resolver, predicate: str = "gov:responsibleFor"):
    text = ("安徽省人民政府办公厅关于印发安徽省数字基础设施建设行动方案的通知\n"
            "皖政办〔2022〕7号\n各市人民政府,省政府各部门、各直属机构:\n"
            "现将《安徽省数字基础设施建设行动方案》印发给你们,请认真贯彻执行。\n"
            "安徽省人民政府办公厅\n2022年4月6日\n" + body)
    [doc] = split_documents(normalise(text, "test.txt"))
    return labelled(extract(doc, [], resolver.bound(doc)), predicate)


def test_a_list_on_its_own_line_after_a_groups_items_is_the_groups(resolver):
    # the items 1.-3. carry no list of their own: the closing list names the units of (一)
    body = ("二、重点任务\n(一)信息网络提升行动。\n"
            "1.建设5G网络。推进基站共建共享。\n2.布局数据中心。支持合肥建设算力枢纽。\n"
            "3.建设工业互联网。推动标识解析节点建设。\n"
            "(责任单位:省通信管理局、省经济和信息化厅、省发展改革委,各市人民政府。列第一位的为牵头单位,下同)\n"
            "(二)融合设施建设行动。\n1.建设智慧交通。推进智慧公路建设。\n2.建设智慧能源。推进智能电网建设。\n"
            "(责任单位:省交通运输厅、省能源局)\n")
    facts = _plan_facts(body, resolver)
    assert ("安徽省通信管理局", "二、(一)") in facts
    assert ("安徽省交通运输厅", "二、(二)") in facts
    assert not any(path.endswith(("3.", "2.")) for _, path in facts)


def test_lists_after_each_item_stay_with_their_items(resolver):
    body = ("二、重点任务\n(一)信息网络提升行动。\n"
            "1.建设5G网络。推进基站共建共享。\n(责任单位:省通信管理局)\n"
            "2.布局数据中心。支持合肥建设算力枢纽。\n(责任单位:省发展改革委)\n")
    facts = _plan_facts(body, resolver)
    assert ("安徽省通信管理局", "二、(一)1.") in facts
    assert ("安徽省发展和改革委员会", "二、(一)2.") in facts


def test_a_unit_leading_the_mechanism_a_section_sets_up_leads_the_section(resolver):
    body = ("三、保障措施\n(一)加强组织领导。建立省商务厅牵头、省级有关单位参与的工作协调机制,统筹推进各项任务。\n"
            "(二)强化要素保障。建立省自然资源厅(省林业局)牵头的用地保障机制,加强用地指标统筹。\n"
            "(三)完善考核评价。完善统一领导、分工负责的考核机制,强化主管部门的牵头、协调和监督职责。\n")
    facts = _plan_facts(body, resolver)
    assert facts == {("安徽省商务厅", "三、(一)"), ("安徽省自然资源厅", "三、(二)"), ("安徽省林业局", "三、(二)")}
    assert _plan_facts(body, resolver, "gov:leads") == facts


def test_a_known_unit_opening_a_clause_with_fu_ze_and_a_duty_is_responsible(resolver):
    # duties written in running text after a colon and between semicolons; 负责牵头 leads;
    # 负责人 / 负责的 / a subject that is no known body / a generic government give none
    body = ("三、保障措施\n(一)压实部门责任。省级部门要各司其职:省教育厅负责指导各地做好校园安全工作;"
            "省财政厅要负责统筹安排补助资金;省人力资源和社会保障厅负责落实人员编制。"
            "各县(市、区)政府负责组织实施,企业负责设施运营维护。\n"
            "(二)加强统筹推进。省发展改革委负责牵头推进重大项目审批,省交通运输厅和省能源局负责配套设施建设。\n"
            "(三)加强宣传引导。省委宣传部负责人表示要做好宣传,省广电局负责的栏目要及时报道。\n")
    assert _plan_facts(body, resolver) == {
        ("安徽省教育厅", "三、(一)"), ("安徽省财政厅", "三、(一)"), ("安徽省人力资源和社会保障厅", "三、(一)"),
        ("安徽省发展和改革委员会", "三、(二)"), ("安徽省交通运输厅", "三、(二)"), ("安徽省能源局", "三、(二)")}
    assert _plan_facts(body, resolver, "gov:leads") == {("安徽省发展和改革委员会", "三、(二)")}


def test_a_unit_playing_a_lead_role_leads_and_its_subject_carries_to_a_hui_tong_clause(resolver):
    # "X要发挥…牵头抓总作用" / "X要履行牵头职责" lead; "X要…,会同Y…" makes X and Y responsible;
    # a clause "X要…" alone, and a shared government ending before 要, name nobody
    body = ("四、组织实施\n(一)强化协调。省商务厅要充分发挥省开放型经济工作领导小组办公室牵头抓总作用,"
            "统筹推进各项任务。\n"
            "(二)落实责任。省科技厅要制定年度考核办法,会同省财政厅开展绩效评价。\n"
            "(三)做好评估。省统计局要加强监测,及时发布数据。合肥市、芜湖市人民政府要落实主体责任。\n"
            "(四)推进改革。省司法厅要履行牵头职责,抓好改革任务落地。\n")
    assert _plan_facts(body, resolver) == {
        ("安徽省商务厅", "四、(一)"), ("安徽省科学技术厅", "四、(二)"), ("安徽省财政厅", "四、(二)"),
        ("安徽省司法厅", "四、(四)")}
    assert _plan_facts(body, resolver, "gov:leads") == {("安徽省商务厅", "四、(一)"), ("安徽省司法厅", "四、(四)")}


def _reply_facts(body: str, resolver, predicate: str = "gov:responsibleFor"):
    text = ("贵州省人民政府关于同意设立贵州盘州经济开发区的批复\n黔府函〔2021〕45号\n六盘水市人民政府:\n"
            "你市《关于申请设立贵州盘州经济开发区的请示》收悉。现批复如下:\n" + body
            + "贵州省人民政府\n2021年6月3日\n")
    [doc] = split_documents(normalise(text, "test.txt"))
    return labelled(extract(doc, [], resolver.bound(doc)), predicate)


def test_duties_with_an_object_and_hui_tong_after_a_topic_in_an_approval(resolver):
    # "X负责园区的…" after a heading marker, "由X负责园区的建设和管理" and
    # "<topic>由X会同Y审核" make the units responsible; "X要加强…" alone names nobody
    body = ("一、同意设立贵州盘州经济开发区,范围由省自然资源厅会同省商务厅审核后公布。\n"
            "二、由盘州市人民政府负责开发区的建设和管理。六盘水市人民政府要加强统筹协调。\n"
            "三、盘州市人民政府负责开发区的日常运营和安全生产,要节约集约用地。\n")
    assert _reply_facts(body, resolver) == {
        ("贵州省自然资源厅", "一、"), ("贵州省商务厅", "一、"), ("盘州市人民政府", "二、"), ("盘州市人民政府", "三、")}
    assert _reply_facts(body, resolver, "gov:leads") == set()


def test_a_leading_group_after_by_in_a_mechanism_leads_the_section(resolver):
    body = ("三、保障措施\n(一)强化组织领导。建立由省新能源汽车产业发展领导小组牵头、省级有关部门协同推进的"
            "工作机制,领导小组办公室设在省经济和信息化厅。\n")
    facts = _plan_facts(body, resolver, "gov:leads")
    assert ("省新能源汽车产业发展领导小组", "三、(一)") in {(name.removeprefix("安徽"), path) for name, path in facts}


def test_a_unit_responsible_together_with_another_names_both(resolver):
    body = ("三、保障措施\n(一)加大资金支持。省财政厅负责会同省工业和信息化厅统筹用好专项资金,支持项目建设。\n")
    facts = _plan_facts(body, resolver)
    assert facts == {("安徽省财政厅", "三、(一)"), ("安徽省工业和信息化厅", "三、(一)")}
