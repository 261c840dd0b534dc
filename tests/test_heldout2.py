"""Unit tests of the general rules that held-out set 2 (``tests/heldout2``) called for, on short texts.

The set itself (segmentation, found documents, score bars) is checked in
``test_heldout_sets.py``.
"""

from __future__ import annotations


def _paths(text: str) -> list[str]:
    from graph.segment import build_sections

    out = []

    def walk(sections):
        for s in sections:
            out.append("".join(s.path))
            walk(s.children)

    walk(build_sections(text, 0, len(text)))
    return out


def test_items_run_together_in_one_paragraph_are_sections():
    t = ("(三)深化数字赋能。\n7.推进“未来工厂”建设。(责任单位:省经信厅、省科技厅)8推动中小企业数字化转型。"
         "(责任单位:省经信厅)9建设工业互联网平台体系,用时3年。(责任单位:省通信管理局)\n")
    assert _paths(t) == ["(三)", "(三)7.", "(三)8.", "(三)9."]


def test_an_item_after_a_note_with_its_dot_and_a_quantity_is_no_item():
    t = "(二)壮大队伍。\n3.实施专项。(责任单位:省科技厅)4.支持扩大招生。(责任单位:省教育厅)5年内完成。\n"
    assert _paths(t) == ["(二)", "(二)3.", "(二)4."]


def test_inline_sub_items_stay_in_their_item():
    t = "(四)加大要素保障。\n10.强化金融支持。主要措施包括:(1)扩大贷款;(2)支持上市。(责任单位:省地方金融监管局)\n"
    assert _paths(t) == ["(四)", "(四)10."]


def _units(text: str):
    from graph.extract.responsibility import find_assignments
    from graph.resolve import Resolver

    return [(a.task_label, [(u.name, u.lead) for u in a.units])
            for a in find_assignments(text, resolver=Resolver())]


def test_task_table_with_time_column_wrapped_and_glued_cells():
    # clean text as the ingest leaves it: one cell per line, a long task line glued to its lead unit
    text = ("序号\n工作任务\n牵头单位\n配合单位\n完成时限\n1\n深化“浙里办”平台建设,新增上线高频服务事项100项省大数据局\n"
           "省政府办公厅\n2023年9月底前\n2\n开展政务服务“一件事”集成改革,实现\n全生命周期重点事项全覆盖\n省政府办公厅\n"
           "省大数据局、省市场监管局、省公安\n厅、省卫生健康委\n2023年12月底前\n3\n完善评价体系,开展年度\n评估\n省大数据局\n"
           "省委改革办、省统计局\n2023年11月底前\n各地要按照职责分工,细化工作措施,明确时间节点,确保各项任务落到实处,按时完成。\n")
    assert _units(text) == [
        ("深化“浙里办”平台建设,新增上线高频服务事项100项", [("省大数据局", True), ("省政府办公厅", False)]),
        ("开展政务服务“一件事”集成改革,实现全生命周期重点事项全覆盖",
         [("省政府办公厅", True), ("省大数据局", False), ("省市场监管局", False), ("省公安厅", False),
          ("省卫生健康委", False)]),
        ("完善评价体系,开展年度评估", [("省大数据局", True), ("省委改革办", False), ("省统计局", False)])]


def test_hui_tong_reporting_finished_work_names_no_duty():
    assert _units("省自然资源厅会同省农业农村厅、省统计局等部门对各地履行情况进行了考核。") == []


def _grants(text: str):
    from graph.nlp.awards import read_grants

    return [(g.award.name(text), [(r.label, r.name(text)) for r in g.recipients]) for g in read_grants(text)]


def test_prize_recipients_joined_by_he_and_a_latin_note_with_accents():
    t = ("2022年度浙江省科学技术奖励的决定\n授予王立平院士、陈思远教授和孙海峰团队浙江科技大奖;"
         "授予汉斯·穆勒(Hans Müller)、山田健一浙江省国际科学技术合作奖。")
    assert _grants(t) == [
        ("2022年度浙江科技大奖", [("Person", "王立平"), ("Person", "陈思远"), ("Person", "孙海峰团队")]),
        ("2022年度浙江省国际科学技术合作奖", [("Person", "汉斯·穆勒"), ("Person", "山田健一")])]


def test_commendation_with_counts_and_name_lists_in_the_attachment():
    t = ("省政府决定,授予温州市公安局等2个集体“浙江省数字化改革先进集体”称号,授予王建华等2名同志“浙江省数字化改革先进个人”称号。\n"
         "附件\n一、浙江省数字化改革先进集体(2个)\n温州市公安局\n浙江大学计算机科学与技术学院\n"
         "二、浙江省数字化改革先进个人(2名)\n王建华杭州市数据资源管理局副局长\n李晓燕(女)宁波市大数据发展管理局应用推进处处长\n")
    assert _grants(t) == [
        ("浙江省数字化改革先进集体", [("Agency", "温州市公安局"), ("Institution", "浙江大学计算机科学与技术学院")]),
        ("浙江省数字化改革先进个人", [("Person", "王建华"), ("Person", "李晓燕")])]


def test_naming_with_a_bracketed_count_and_a_place_holding_he():
    t = ("根据《浙江省美丽乡村示范县评定办法》,经考核验收,省政府决定,命名杭州市富阳区、丽水市云和县等2个县(市、区)"
         "为2022年度浙江省美丽乡村示范县;命名平湖市、常山县为浙江省森林城市。")
    assert _grants(t) == [
        ("2022年度浙江省美丽乡村示范县", [("Region", "杭州市富阳区"), ("Region", "丽水市云和县")]),
        ("浙江省森林城市", [("Region", "平湖市"), ("Region", "常山县")])]


def test_assessment_rating_lists():
    t = ("浙江省人民政府办公厅关于2022年度市县政府耕地保护责任目标考核结果的通报\n"
         "一、考核结果为优秀的设区市(2个):湖州市、嘉兴市。\n三、考核结果为良好的县(市、区)(1个):杭州市桐庐县。\n")
    assert _grants(t) == [
        ("2022年度市县政府耕地保护责任目标考核优秀", [("Region", "湖州市"), ("Region", "嘉兴市")]),
        ("2022年度市县政府耕地保护责任目标考核良好", [("Region", "杭州市桐庐县")])]


def test_appointments_and_removals_name_persons_with_posts():
    from graph.nlp.awards import appointment_persons

    t = "经研究决定:\n任命陈立新为浙江省发展和改革委员会副主任;\n免去张宏伟的浙江省商务厅副厅长职务;\n"
    assert [(t[f.start:f.end], f.attrs["post"]) for f in appointment_persons(t)] == [
        ("陈立新", "浙江省发展和改革委员会副主任"), ("张宏伟", "浙江省商务厅副厅长")]


def test_incentive_item_for_cities_and_counties_keeps_its_first_region():
    from graph.nlp.awards import incentive_items

    t = ("关于对2022年落实有关重大政策措施真抓实干成效明显地方予以督查激励的通报\n"
         "一、高质量发展建设共同富裕示范区成效明显的设区市、县(市、区)\n湖州市、丽水市,杭州市淳安县。\n"
         "2023年予以倾斜支持。(省发展改革委组织实施)\n")
    [item] = incentive_items(t)
    assert item.heading == "高质量发展建设共同富裕示范区成效明显的设区市、县(市、区)"
    assert [t[r.start:r.end] for r in item.regions] == ["湖州市", "丽水市", "杭州市淳安县"]


def test_incentive_item_whose_heading_ends_with_a_bare_shi_after_a_coordination():
    from graph.nlp.awards import incentive_items

    t = ("山西省人民政府办公厅关于对2023年落实有关重大政策措施真抓实干成效明显地方予以督查激励的通报\n"
         "一、促进消费和扩大内需、外贸稳增长成效明显的市:太原市、大同市。(省商务厅组织实施)\n"
         "二、耕地保护成效明显的县:阳曲县、清徐县。(省自然资源厅组织实施)\n")
    assert [(i.heading, [t[r.start:r.end] for r in i.regions]) for i in incentive_items(t)] == [
        ("促进消费和扩大内需、外贸稳增长成效明显的市", ["太原市", "大同市"]),
        ("耕地保护成效明显的县", ["阳曲县", "清徐县"])]


def test_ge_departments_with_a_qualifier_are_generic_addressees():
    from graph.gazetteer import load_gazetteer
    from graph.resolve import is_generic

    g = load_gazetteer()
    assert is_generic("市人民政府各组成部门", g) and is_generic("省政府各工作部门", g)
    assert not is_generic("省工业和信息化厅", g)


def test_a_verb_opening_the_members_of_a_zone_list_item_is_no_part_of_a_name():
    from graph.nlp.zones import parse_list_item

    item = parse_list_item("2.德清地理信息高新技术产业园区(纳入德清经济开发区、德清莫干山工业园区)")
    assert item.head == "德清地理信息高新技术产业园区"
    assert [name for name, _, _ in item.members] == ["德清经济开发区", "德清莫干山工业园区"]


def test_a_counted_recognition_founds_the_listed_parks_not_their_integrated_members():
    from datetime import date

    from graph.extract import establishment
    from graph.gazetteer import load_gazetteer
    from graph.model import Document
    from graph.nlp import find_mentions, load_pipeline
    from graph.resolve import Resolver
    from graph.vocab import mint

    g = load_gazetteer()
    title = "江苏省人民政府关于同意认定第三批省级高新技术产业园区的通知"
    text = (title + "\n省政府同意认定以下3 个园区为第三批省级高新技术产业园区:\n"
            "1.江阴智能装备高新技术产业园区(整合江阴临港经济开发区、江阴周庄工业园区)\n"
            "2.沭阳新材料高新技术产业园区\n3.如皋电子信息高新技术产业园区\n")
    doc = Document(key="苏政发〔2019〕12号", title=title, text=text, number="苏政发〔2019〕12号",
                   date=date(2019, 6, 3))
    facts = establishment.extract(doc, find_mentions(load_pipeline(g), doc), Resolver(g))
    assert {f.object for f in facts if f.predicate == "gov:establishes"} == {
        mint("zone", "江阴智能装备高新技术产业园区"), mint("zone", "沭阳新材料高新技术产业园区"),
        mint("zone", "如皋电子信息高新技术产业园区")}


def test_a_governments_departments_named_as_a_class_are_generic_addressees():
    from graph.gazetteer import load_gazetteer
    from graph.resolve import is_generic

    g = load_gazetteer()
    assert is_generic("吉林省政府各厅委", g) and is_generic("省政府有关部门", g)
    assert is_generic("市人民政府有关单位", g)
    assert not is_generic("省政府办公厅", g) and not is_generic("省人民政府研究室", g)
