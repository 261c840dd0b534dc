"""Segmentation: documents of the sample corpus against the hand-made gold,
plus snippets for the hard cases (wrapped numbers, joint signatures, the
table of contents, the previous document's date above a title, web pages).
"""

from __future__ import annotations

import csv
from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.ingest import normalise, read_source
from graph.segment import (
    doc_type_of,
    find_citations,
    normalise_number,
    parse_date,
    split_addressees,
    split_documents,
)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "gazettes"
FIXTURES = ROOT / "tests" / "fixtures"
GOLD = ROOT / "tests" / "gold" / "documents.tsv"


def load_gold() -> list[dict]:
    """Rows of the gold file (comment lines skipped)."""
    with GOLD.open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@lru_cache(maxsize=None)
def documents(name: str) -> tuple:
    """The documents the segmenter finds in a corpus file (cached per file)."""
    return tuple(split_documents(read_source(CORPUS / name)))


def by_number(name: str, number: str):
    matches = [d for d in documents(name) if d.number == number]
    assert len(matches) == 1, f"{number} found {len(matches)} times in {name}"
    return matches[0]


GOLD_ROWS = load_gold()


# --- the whole corpus against the gold ----------------------------------------


def test_gold_has_all_43_documents():
    assert len(GOLD_ROWS) == 43
    assert {row["file"] for row in GOLD_ROWS} == {p.name for p in CORPUS.glob("*.txt")}


@pytest.mark.parametrize("row", GOLD_ROWS, ids=[r["number"] for r in GOLD_ROWS])
def test_document_matches_gold(row):
    doc = by_number(row["file"], row["number"])
    assert doc.title == row["title"]
    assert doc.date == date.fromisoformat(row["date"])
    assert doc.issuers == row["issuers"].split("|")
    assert doc.doc_type == row["doc_type"]
    assert doc.key == row["number"]
    assert not doc.warnings


@pytest.mark.parametrize("name", sorted({r["file"] for r in GOLD_ROWS}))
def test_no_document_beyond_the_gold(name):
    expected = [r["number"] for r in GOLD_ROWS if r["file"] == name]
    assert [d.number for d in documents(name)] == expected


def test_document_text_is_its_span_of_the_source():
    source = read_source(CORPUS / "003_8b75b80ea690ec26.txt")
    for doc in split_documents(source):
        assert source.text[doc.start : doc.end] == doc.text
        assert doc.text.startswith(doc.title[:4])
        assert doc.source_path.endswith("003_8b75b80ea690ec26.txt")


# --- issue furniture -------------------------------------------------------------


def test_table_of_contents_is_not_a_document():
    docs = documents("002_39d41b3033a75bc7.txt")
    assert all("【省政府文件】" not in d.text and "\n目录\n" not in d.text for d in docs)
    assert docs[0].text.startswith("浙江省人民政府关于印发浙江省海洋经济发展“十四五”规划的通知\n浙政发〔2021〕12号")


def test_closing_colophon_is_not_part_of_the_last_document():
    last = documents("002_39d41b3033a75bc7.txt")[-1]
    assert "国内统一刊号" not in last.text
    assert "主管主办单位" not in last.text


def test_previous_documents_date_above_the_title_is_not_taken():
    text = (
        "浙江省人民政府\n\n２０２１ 年 ７ 月 ２１ 日\n\n浙江省人民政府关于设立湖州工程技师\n\n学院等 ６ 所技师学院的批复\n\n"
        "浙政函〔２０２１〕８１ 号\n\n湖州市人民政府：\n\n经研究，现批复如下：同意设立。\n\n浙江省人民政府\n\n２０２１ 年 ７ 月 ３０ 日\n"
    )
    [doc] = split_documents(normalise(text))
    assert doc.title == "浙江省人民政府关于设立湖州工程技师学院等6所技师学院的批复"
    assert doc.date == date(2021, 7, 30)


def test_effective_date_in_the_body_is_not_the_signature_date():
    doc = by_number("000_fc2fbf8d995039f5.txt", "浙医保发〔2021〕31号")
    assert "本通知自2021年6月30日起执行" in doc.text
    assert doc.date == date(2021, 6, 7)


def test_plan_after_a_cover_notice_takes_the_notices_date():
    doc = by_number("003_8b75b80ea690ec26.txt", "浙政办发〔2021〕39号")
    assert doc.date == date(2021, 6, 28)
    assert "三、保障措施" in doc.text  # the plan belongs to the document


# --- metadata readers --------------------------------------------------------------


def test_joint_document_has_both_issuers_from_letter_spaced_signature():
    doc = by_number("003_8b75b80ea690ec26.txt", "浙医保联发〔2021〕19号")
    assert doc.issuers == ["浙江省医疗保障局", "浙江省卫生健康委员会"]
    assert doc.addressees == ["各设区市医疗保障局", "卫生健康委员会", "在杭省级公立医院"]


def test_addressees_split_on_commas():
    doc = by_number("000_fc2fbf8d995039f5.txt", "浙政发〔2021〕14号")
    assert doc.addressees == ["各市、县(市、区)人民政府", "省政府直属各单位"]
    assert split_addressees("金华市人民政府,省教育厅:") == ["金华市人民政府", "省教育厅"]
    assert split_addressees("温州市、绍兴市人民政府,省政府直属各单位:") == ["温州市、绍兴市人民政府", "省政府直属各单位"]


def test_citations_include_numbers_cut_across_lines():
    doc = by_number("001_47a8da5ce8ad2a0f.txt", "浙政函〔2020〕63号")
    assert doc.cites == ["龙政〔2020〕5号"]
    doc = by_number("000_fc2fbf8d995039f5.txt", "浙政函〔2021〕45号")
    assert doc.cites == ["金政〔2021〕5号", "浙教函〔2021〕12号"]
    assert by_number("004_1342394fc5973bc7.txt", "浙政发〔2018〕31号").cites == ["国发〔2017〕37号"]


def test_citation_reader_strips_leading_words_and_own_number():
    assert find_citations("根据国发〔2019〕11号和浙政办发〔2020〕44号精神", own="浙政办发〔2020〕44号") == ["国发〔2019〕11号"]
    assert find_citations("(龙\n政〔2020〕5号)") == ["龙政〔2020〕5号"]


def test_number_reader():
    assert normalise_number("浙政发 〔2021〕 14 号") == "浙政发〔2021〕14号"
    assert normalise_number("苏政发[2021]62号") == "苏政发〔2021〕62号"


def test_date_reader():
    assert parse_date("二〇二〇年七月二十四日") == date(2020, 7, 24)
    assert parse_date("2021 年 6 月 4 日") == date(2021, 6, 4)
    assert parse_date("无日期") is None


@pytest.mark.parametrize(
    "title, kind",
    [
        ("浙江省人民政府关于2020年度浙江省科学技术奖励的决定", "决定"),
        ("浙江省人民政府办公厅关于龙丽丽龙高速公路收费期限的复函", "复函"),
        ("浙江省人民政府关于正式设立浙江金华科贸职业技术学院的批复", "批复"),
        ("浙江省人民政府关于加快发展工业互联网促进制造业高质量发展的实施意见", "意见"),
        ("浙江省人民政府办公厅关于2017年度粮食安全市长责任制考核结果的通报", "通报"),
        ("国务院办公厅关于同意建立数字经济发展部际联席会议制度的函", "函"),
        ("浙江省土地征收程序规定(试行)", "规定"),
    ],
)
def test_doc_type_from_the_title(title, kind):
    assert doc_type_of(title) == kind


# --- attachments and sections ----------------------------------------------------------


def test_attachment_after_the_signature_is_part_of_the_document():
    doc = by_number("000_fc2fbf8d995039f5.txt", "浙政办函〔2021〕24号")
    [att] = doc.attachments
    assert att.title == "台金高速公路东延台州市区连接线工程收费标准表"
    assert doc.text[att.start : att.end].startswith("附件\n台金高速公路东延台州市区连接线工程")
    assert "注:国际标准集装箱运输车辆按4类货车标准计算。" in doc.text[att.start : att.end]


def test_flattened_attachment_takes_its_title_from_the_list():
    doc = by_number("000_fc2fbf8d995039f5.txt", "浙政办发〔2021〕32号")
    assert [a.title for a in doc.attachments] == ["浙江跨境电子商务高质量发展重点工作清单"]


def test_section_tree_of_a_plan():
    doc = by_number("000_fc2fbf8d995039f5.txt", "浙政办发〔2021〕25号")
    assert [s.heading for s in doc.sections] == [
        "总体要求", "适用范围与工作职责", "核对内容与方式", "核对程序", "信息系统建设与管理", "监管与法律责任",
    ]
    second = doc.sections[1]
    assert [c.path for c in second.children] == [("二、", "(一)"), ("二、", "(二)"), ("二、", "(三)"), ("二、", "(四)")]
    assert second.children[0].heading == "适用范围"
    procedure = doc.sections[3].children[0]
    assert [c.path[-1] for c in procedure.children] == ["1.", "2.", "3.", "4."]
    for node in (second, second.children[0], procedure.children[2]):
        assert doc.text[node.start : node.end] == node.text
        assert node.text.startswith(node.path[-1])


def test_attachment_sections_hang_under_the_attachment():
    doc = by_number("000_fc2fbf8d995039f5.txt", "浙政办发〔2021〕24号")
    [att_node] = [s for s in doc.sections if s.path[0].startswith("附件")]
    assert len(att_node.children) == 33
    assert att_node.children[0].heading == "推进长三角一体化发展国家战略成效明显的设区市"


# --- web pages and damaged input ------------------------------------------------------------


WEB = {
    "web_jiangsu_sufa.txt": ("苏政发〔2021〕62号", "江苏省人民政府关于印发江苏省“十四五”数字政府建设规划的通知",
                             date(2021, 9, 6), ["江苏省人民政府"], "通知"),
    "web_guangdong_yuefuban.txt": ("粤府办〔2021〕25号", "广东省人民政府办公厅关于印发广东省加快推进城市更新行动实施方案的通知",
                                   date(2021, 7, 26), ["广东省人民政府办公厅"], "通知"),
    "web_jiangsu_joint.txt": ("苏财教〔2021〕88号", "江苏省财政厅 江苏省教育厅关于下达2021年中央支持地方高校改革发展资金预算的通知",
                              date(2021, 6, 10), ["江苏省财政厅", "江苏省教育厅"], "通知"),
    "web_ningbo_nonumber.txt": (None, "宁波市人民政府办公厅关于做好2021年春节期间安全生产工作的通知",
                                date(2021, 2, 2), ["宁波市人民政府办公厅"], "通知"),
    "web_guangdong_order.txt": ("广东省人民政府令第288号", "广东省城镇燃气管理规定", date(2021, 8, 3), ["广东省人民政府"], "令"),
}


@pytest.mark.parametrize("name", sorted(WEB))
def test_web_page_document(name):
    number, title, signed, issuers, kind = WEB[name]
    [doc] = split_documents(read_source(FIXTURES / name))
    assert (doc.number, doc.title, doc.date, doc.issuers, doc.doc_type) == (number, title, signed, issuers, kind)


def test_web_page_metadata_lines_stay_out_of_title_and_addressees():
    [doc] = split_documents(read_source(FIXTURES / "web_jiangsu_sufa.txt"))
    assert doc.addressees == ["各市、县(市、区)人民政府", "省各委办厅局", "省各直属单位"]
    assert doc.cites == ["国发〔2018〕27号", "苏政发〔2021〕18号", "国办发〔2020〕35号"]
    assert [s.heading for s in doc.sections] == ["总体要求", "主要任务", "保障措施"]


def test_web_page_attachments_listed_and_numbered():
    [doc] = split_documents(read_source(FIXTURES / "web_jiangsu_joint.txt"))
    assert [(a.index, a.title) for a in doc.attachments] == [
        (1, "2021年中央支持地方高校改革发展资金分配表"),
        (2, "2021年中央支持地方高校改革发展资金绩效目标表"),
    ]


def test_document_without_number_gets_a_stable_title_key_and_a_warning():
    source = read_source(FIXTURES / "web_ningbo_nonumber.txt")
    [doc] = split_documents(source)
    [again] = split_documents(read_source(FIXTURES / "web_ningbo_nonumber.txt"))
    assert doc.key == again.key and "宁波市人民政府办公厅关于做好2021年春节期间安全生产工作的通知" in doc.key
    assert "no document number" in doc.warnings
    assert doc.addressees == ["各区县(市)人民政府", "市直及部省属驻甬各单位"]


def test_unnumbered_document_between_numbered_ones_is_found():
    text = (
        "浙江省人民政府关于甲事项的批复\n\n浙政函〔2021〕1号\n\n某市人民政府:\n\n同意。\n\n浙江省人民政府\n\n2021年1月5日\n\n"
        "浙江省人民政府办公厅关于乙事项的通知\n\n各市、县(市、区)人民政府:\n\n请做好乙事项。\n\n浙江省人民政府办公厅\n\n2021年1月8日\n"
    )
    docs = split_documents(normalise(text))
    assert [(d.number, d.title, d.date) for d in docs] == [
        ("浙政函〔2021〕1号", "浙江省人民政府关于甲事项的批复", date(2021, 1, 5)),
        (None, "浙江省人民政府办公厅关于乙事项的通知", date(2021, 1, 8)),
    ]


def test_number_cut_over_two_lines_is_read_whole():
    text = "浙江省人民政府关于甲事项的批复\n\n浙政函〔2021〕\n\n12号\n\n某市人民政府:\n\n同意。\n\n浙江省人民政府\n\n2021年1月5日\n"
    [doc] = split_documents(normalise(text))
    assert doc.number == "浙政函〔2021〕12号"


def test_damaged_text_yields_what_can_be_read():
    [doc] = split_documents(normalise("关于某事项的通知\n\n有关内容已经研究同意\n"))
    assert doc.title == "关于某事项的通知"
    assert {"no document number", "no signature date", "no issuer"} <= set(doc.warnings)
    assert split_documents(normalise("")) == []


def test_number_above_the_title_under_a_letterhead():
    text = (
        "江苏省人民政府文件\n\n苏政发〔2021〕第18号\n\n江苏省人民政府关于印发江苏省国民经济和社会发展第十四个五年规划纲要的通知\n\n"
        "各市、县(市、区)人民政府,省各委办厅局,省各直属单位:\n\n现将规划纲要印发给你们,请认真贯彻执行。\n\n"
        "江苏省人民政府 2021年2月19日\n"
    )
    [doc] = split_documents(normalise(text))
    assert doc.number == "苏政发〔2021〕18号"
    assert doc.title == "江苏省人民政府关于印发江苏省国民经济和社会发展第十四个五年规划纲要的通知"
    assert doc.text.startswith("江苏省人民政府文件")
    assert (doc.date, doc.issuers) == (date(2021, 2, 19), ["江苏省人民政府"])
    assert doc.addressees == ["各市、县(市、区)人民政府", "省各委办厅局", "省各直属单位"]


def test_a_number_listed_twice_gives_one_document():
    text = (
        "浙江省人民政府关于甲事项的批复\n\n浙政函〔2021〕1号\n\n"
        "浙江省人民政府关于甲事项的批复\n\n浙政函〔2021〕1号\n\n某市人民政府:\n\n你市的请示收悉。经研究,同意甲事项。\n\n"
        "浙江省人民政府\n\n2021年1月5日\n"
    )
    docs = split_documents(normalise(text))
    assert [(d.number, d.date) for d in docs] == [("浙政函〔2021〕1号", date(2021, 1, 5))]


def test_numbers_listed_in_a_table_do_not_start_documents():
    text = (
        "浙江省人民政府关于废止部分行政规范性文件的决定\n\n浙政发〔2021〕30号\n\n各市、县(市、区)人民政府,省政府直属各单位:\n\n"
        "省政府决定废止下列行政规范性文件。\n\n浙江省人民政府\n\n2021年10月8日\n\n附件\n\n废止的行政规范性文件目录\n\n"
        "1\n\n浙江省人民政府关于加强耕地保护的通知\n\n浙政发〔2009〕12号\n\n"
        "2\n\n浙江省人民政府办公厅关于加快发展物流业的意见\n\n浙政办发〔2010〕7号\n"
    )
    [doc] = split_documents(normalise(text))
    assert doc.number == "浙政发〔2021〕30号"
    assert doc.date == date(2021, 10, 8)
    assert doc.cites == ["浙政发〔2009〕12号", "浙政办发〔2010〕7号"]
    assert [a.title for a in doc.attachments] == ["废止的行政规范性文件目录"]


def test_an_attachments_own_signature_does_not_close_the_main_body():
    text = (
        "某县人民政府关于转发有关方案的通知\n\n某政发〔2021〕3号\n\n各乡镇人民政府:\n\n现将有关方案转发给你们,请遵照执行。\n\n"
        "2021年3月1日\n\n附件\n\n某市财政局关于有关方案的说明\n\n说明内容。\n\n某市财政局\n\n2021年2月1日\n"
    )
    [doc] = split_documents(normalise(text))
    assert doc.date == date(2021, 3, 1)
    assert doc.issuers == ["某县人民政府"]


def test_title_line_with_zhuanfa_above_the_guanyu_line():
    text = (
        "浙江省人民政府办公厅转发省发展改革委\n\n关于促进消费扩容提质意见的通知\n\n浙政办发〔2020〕9号\n\n"
        "各市、县(市、区)人民政府,省政府直属各单位:\n\n省发展改革委意见已经省政府同意,现转发给你们。\n\n"
        "浙江省人民政府办公厅\n\n2020年3月2日\n"
    )
    [doc] = split_documents(normalise(text))
    assert doc.title == "浙江省人民政府办公厅转发省发展改革委关于促进消费扩容提质意见的通知"


def test_web_page_footer_is_not_part_of_the_document():
    text = (
        "宁波市人民政府关于同意设立宁波前湾新区的批复\n\n余姚市人民政府:\n\n你市的请示收悉。经研究,同意设立。\n\n"
        "宁波市人民政府\n\n2021年2月26日\n\n扫一扫在手机打开当前页\n\n相关链接\n\n宁波市人民政府关于印发某办法的通知\n"
    )
    [doc] = split_documents(normalise(text))
    assert doc.text.rstrip().endswith("2021年2月26日")
    assert doc.date == date(2021, 2, 26)


ALPHABET = ["浙江省人民政府", "关于", "的通知", "浙政发〔2021〕14号", "各市人民政府:", "一、", "(一)", "附件",
            "2021年6月4日", "。", "\n", "\n\n", "目录", "—3—", "1.", "办公厅", " "]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(ALPHABET), max_size=60))
def test_any_text_segments_without_crashing(pieces):
    source = normalise("".join(pieces))
    for doc in split_documents(source):
        assert source.text[doc.start : doc.end] == doc.text
        assert doc.key
        for att in doc.attachments:
            assert 0 <= att.start <= att.end <= len(doc.text)


def test_web_page_metadata_fill_the_gaps():
    text = (
        "当前位置：首页 > 政务公开 > 文件\n字号：大 中 小\n"
        "发文机关：杭州市人民政府办公厅　成文日期：2021-04-12\n文号：杭政办函〔2021〕15号\n\n"
        "杭州市人民政府办公厅关于公布第二批杭州市级非物质文化遗产生产性保护基地名单的通知\n\n"
        "各区、县（市）人民政府，市政府各部门、各直属单位：\n\n现将名单予以公布。\n"
    )
    [doc] = split_documents(normalise(text))
    assert doc.number == "杭政办函〔2021〕15号"
    assert doc.title == "杭州市人民政府办公厅关于公布第二批杭州市级非物质文化遗产生产性保护基地名单的通知"
    assert doc.date == date(2021, 4, 12)
    assert doc.issuers == ["杭州市人民政府办公厅"]
    assert doc.addressees == ["各区、县(市)人民政府", "市政府各部门、各直属单位"]


def test_number_after_an_index_code_on_a_web_metadata_line():
    # 索引号 is the site's index code, never the number; the 发文文号 after it is the document's own
    text = (
        "南昌市人民政府办公室关于印发南昌市智能制造行动计划的通知\n"
        "发布日期：2023-03-02 10:00　　信息来源：南昌市人民政府办公室\n"
        "索引号：014500521/2023-00031　　发文文号：洪府办发〔2023〕12号\n\n"
        "各县（区）人民政府，市政府各部门：\n\n《南昌市智能制造行动计划》已经市政府同意，现印发给你们。\n\n"
        "南昌市人民政府办公室\n2023年2月27日\n"
    )
    [doc] = split_documents(normalise(text))
    assert doc.number == "洪府办发〔2023〕12号"
    assert doc.key == "洪府办发〔2023〕12号"
    assert doc.cites == []  # a document never cites itself
    assert doc.title == "南昌市人民政府办公室关于印发南昌市智能制造行动计划的通知"


def test_joint_title_keeps_the_space_between_issuers_across_a_line_break():
    text = (
        "江西省财政厅　江西省教育厅\n\n江西省科学技术厅关于下达2023年\n\n高校科研资金的通知\n\n赣财教〔2023〕8号\n\n"
        "各设区市财政局、教育局、科技局：\n\n现将资金下达给你们，请按规定使用。\n\n"
        "江西省财政厅　江西省教育厅　江西省科学技术厅\n\n2023年3月1日\n"
    )
    [doc] = split_documents(normalise(text))
    assert doc.title == "江西省财政厅 江西省教育厅 江西省科学技术厅关于下达2023年高校科研资金的通知"
    assert doc.issuers == ["江西省财政厅", "江西省教育厅", "江西省科学技术厅"]


def test_single_issuer_title_over_two_lines_gets_no_space():
    text = (
        "湖南省人民政府办公厅\n\n关于公布第二批省级园区名单的通知\n\n湘政办函〔2020〕5号\n\n"
        "各市州人民政府：\n\n现将名单公布。\n\n湖南省人民政府办公厅\n\n2020年1月9日\n"
    )
    [doc] = split_documents(normalise(text))
    assert doc.title == "湖南省人民政府办公厅关于公布第二批省级园区名单的通知"


def test_title_line_glued_to_the_table_of_contents_above_it():
    # reflowed PDF text runs the contents' entries and a title line ending in a bracketed word together
    text = (
        "目  录\n\n"
        "安徽省人民政府关于某事的批复(皖政秘〔2021〕3号)……(3)\n\n"
        "安徽省人民政府办公厅关于公布首批产业园区(基地)\n\n名单的通知\n\n皖政办〔2021〕7号\n\n"
        "各市人民政府：\n\n现将名单予以公布。\n\n安徽省人民政府办公厅\n\n2021年5月6日\n"
    )
    docs = split_documents(normalise(text))
    assert [(d.number, d.title) for d in docs] == [
        ("皖政办〔2021〕7号", "安徽省人民政府办公厅关于公布首批产业园区(基地)名单的通知")]


# --- web-page chrome: site name, breadcrumbs, buttons glued to the document's lines -----------


def test_site_name_over_breadcrumbs_and_title_field_is_no_title():
    # A site-name line over `当前位置` breadcrumbs and metadata holding a `标题:` field; the
    # title line below runs into the addressee line (as reflowed page text does).
    text = (
        "陕西省人民政府\n当前位置:首页 > 信息公开 > 政府文件 > 陕政办发\n"
        "索引号:610000/2021-00077　　主题分类:农业\n发布机构:陕西省人民政府办公厅　　成文日期:2021-04-12\n"
        "标题:陕西省人民政府办公厅关于2020年度粮食安全责任制考核结果的通报\n"
        "文号:陕政办发〔2021〕11号　　发布日期:2021-04-20\n"
        "陕西省人民政府办公厅关于2020年度粮食安全责任制考核结果的通报各设区市人民政府,省人民政府各工作部门:\n"
        "根据考核办法,现将考核结果通报如下。\n陕西省人民政府办公厅\n2021年4月12日\n"
    )
    [doc] = split_documents(normalise(text))
    assert doc.title == "陕西省人民政府办公厅关于2020年度粮食安全责任制考核结果的通报"
    assert doc.doc_type == "通报"
    assert doc.number == "陕政办发〔2021〕11号"
    assert doc.addressees == ["各设区市人民政府", "省人民政府各工作部门"]


def test_site_name_over_tab_separated_metadata_and_signature_date_wins():
    text = (
        "长沙市人民政府\n首页 > 政务公开 > 政府文件 > 市政府办公厅文件\n"
        "索引号:\t000014349/2022-01234\t发布机构:\t长沙市人民政府办公厅\n"
        "文号:\t长政办发〔2022〕9号\t成文日期:\t2022-03-10\n"
        "长沙市人民政府办公厅关于印发长沙市数字经济发展行动计划(2022—2024年)的通知\n"
        "信息来源:市政府办公厅　　发布时间:2022-03-18 09:30　　字号:[大 中 小]各区县(市)人民政府,市直机关各单位:\n"
        "《长沙市数字经济发展行动计划(2022—2024年)》已经市人民政府同意,现印发给你们,请认真组织实施。\n"
        "长沙市人民政府办公厅\n2022年3月10日\n"
    )
    [doc] = split_documents(normalise(text))
    assert doc.title == "长沙市人民政府办公厅关于印发长沙市数字经济发展行动计划(2022—2024年)的通知"
    assert (doc.number, doc.date, doc.doc_type) == ("长政办发〔2022〕9号", date(2022, 3, 10), "通知")
    assert doc.addressees == ["各区县(市)人民政府", "市直机关各单位"]


@pytest.mark.parametrize("crumbs", ["您现在的位置:首页 >> 政务公开 >> 政府文件 >> 黔府函",
                                    "首页 > 政府文件 > 省政府文件"])
def test_portal_name_and_title_glued_to_breadcrumbs(crumbs):
    text = (
        f"贵州省人民政府门户网站\n{crumbs}贵州省人民政府关于同意设立贵州某某高新技术产业开发区的批复\n"
        "黔府函〔2021〕88号\n"
        "时间:2021-07-02 09:05　来源:贵州省人民政府办公厅　【字体:大 中 小】　打印遵义市人民政府,省科技厅:\n"
        "你们的请示收悉。现批复如下:\n一、同意设立贵州某某高新技术产业开发区。\n"
        "贵州省人民政府\n2021年6月28日\n"
    )
    [doc] = split_documents(normalise(text))
    assert doc.title == "贵州省人民政府关于同意设立贵州某某高新技术产业开发区的批复"
    assert (doc.number, doc.date, doc.issuers, doc.doc_type) == ("黔府函〔2021〕88号", date(2021, 6, 28), ["贵州省人民政府"], "批复")
    assert doc.addressees == ["遵义市人民政府", "省科技厅"]
