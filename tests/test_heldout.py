"""Unit tests of the general rules that held-out set 1 (``tests/heldout``) called for, on short texts.

The set itself (segmentation, found documents, score bars) is checked in
``test_heldout_sets.py``.
"""

from __future__ import annotations


def _units(text: str):
    from graph.extract.responsibility import find_assignments
    from graph.resolve import Resolver

    return [[(u.name, u.lead) for u in a.units] for a in find_assignments(text, resolver=Resolver())]


def test_note_with_a_lead_and_supporting_units():
    assert _units("完善评价机制。(省科技厅牵头,省财政厅、省教育厅配合)") == [
        [("省科技厅", True), ("省财政厅", False), ("省教育厅", False)]]


def test_one_city_government_ending_serves_several_cities():
    assert _units("建设科学城。(省发展改革委,深圳、东莞、广州市人民政府按职责分工负责)") == [
        [("省发展改革委", False), ("深圳市人民政府", False), ("东莞市人民政府", False), ("广州市人民政府", False)]]


def test_lead_and_support_labels_in_one_note():
    assert _units("优化布局。(牵头单位:省发展改革委;配合单位:省经信厅、省能源局)") == [
        [("省发展改革委", True)], [("省经信厅", False), ("省能源局", False)]]


def test_running_text_lead_support_and_duty_sentences():
    assert _units("推进建设。由市交通运输局牵头,市自然资源和规划局、椒江区政府配合。") == [
        [("市交通运输局", True), ("市自然资源和规划局", False), ("椒江区政府", False)]]
    assert _units("建设充电设施。省交通运输厅、省能源局负责。") == [[("省交通运输厅", False), ("省能源局", False)]]
    assert _units("各地要明确专人负责。") == []


def test_hui_tong_list_ending_with_deng_bumen():
    assert _units("省商务厅要会同省发展改革委、省环保厅等部门加强指导。") == [
        [("省商务厅", False), ("省发展改革委", False), ("省环保厅", False)]]


def test_table_flattened_to_one_cell_per_line_with_a_page_break():
    raw = ("附件\n\n重点任务分工表\n\n序号\n\n工作任务\n\n牵头单位\n\n配合单位\n\n1\n\n建立梯度培育体系\n\n省经信厅\n\n"
           "省科技厅、省市场监管局\n\n- 4 -\n\n浙江省人民政府公报 2022 年第 3 期\n\n2\n\n加大财政金融支持\n\n省财政厅\n\n"
           "省地方金融监管局、浙江银保监局\n")
    from graph.ingest import normalise

    assert _units(normalise(raw).text) == [
        [("省经信厅", True), ("省科技厅", False), ("省市场监管局", False)],
        [("省财政厅", True), ("省地方金融监管局", False), ("浙江银保监局", False)]]


def test_grant_naming_only_a_grade_continues_the_category():
    from graph.nlp.awards import read_grants

    t = ("2020年度上海市科学技术奖励的决定 授予“甲技术”等45项成果上海市科学技术进步奖一等奖,"
         "授予“乙技术”等96项成果二等奖;授予李明华(Michael Lee)等3人上海市国际科技合作奖。")
    got = [(g.award.name(t), [r.name(t) for r in g.recipients]) for g in read_grants(t)]
    assert got == [("2020年度上海市科学技术进步奖一等奖", ["甲技术"]),
                       ("2020年度上海市科学技术进步奖二等奖", ["乙技术"]),
                       ("2020年度上海市国际科技合作奖", ["李明华"])]


def test_classes_of_bodies_in_addressee_lines_name_no_body():
    from graph.resolve import split_unit_list

    assert split_unit_list("各区人民政府,市政府各委、办、局:") == []
    assert split_unit_list("各县(市、区)人民政府,市政府直属各单位:") == []
    assert split_unit_list("台州市人民政府,省交通运输厅:") == ["台州市人民政府", "省交通运输厅"]
