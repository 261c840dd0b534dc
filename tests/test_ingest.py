"""Ingest: encodings, NFKC, page furniture, joining hard wraps, the offset map.

Snippets are cut from the sample corpus (data/gazettes) so that the tests see
real converted-PDF text: double-spaced wrapped lines, page markers such as
``—９２—``, running headers, letter-spaced signatures.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import InputError
from graph.ingest import decode_bytes, is_page_marker, normalise, read_source

CORPUS = Path(__file__).resolve().parent.parent / "data" / "gazettes"


def corpus_lines(name: str, first: int, last: int) -> str:
    """Raw lines ``first..last`` (1-based, inclusive) of a corpus file."""
    lines = (CORPUS / name).read_text(encoding="utf-8").split("\n")
    return "\n".join(lines[first - 1 : last]) + "\n"


# --- NFKC and layout spaces -------------------------------------------------


def test_full_width_digits_letters_and_brackets_become_half_width():
    s = normalise("浙政发〔２０２１〕１４ 号\n")
    assert s.text == "浙政发〔2021〕14号\n"
    s = normalise("授予“新型冠状病毒 Ｓ蛋白与全长细胞受体 ＡＣＥ２ 的作用机制”（组织）。\n")
    assert s.text == "授予“新型冠状病毒S蛋白与全长细胞受体ACE2的作用机制”(组织)。\n"


def test_spaces_between_latin_words_are_kept():
    s = normalise("GAZETTE OF THE PEOPLE'S GOVERNMENT\n")
    assert s.text == "GAZETTE OF THE PEOPLE'S GOVERNMENT\n"


def test_letter_spaced_signature_is_closed_up_but_joint_names_stay_apart():
    s = normalise("浙 江 省 医 疗 保 障 局\n\n浙江省医疗保障局　 浙江省卫生健康委员会\n")
    assert s.text == "浙江省医疗保障局\n浙江省医疗保障局 浙江省卫生健康委员会\n"


def test_stray_space_inside_a_title_is_removed():
    s = normalise("浙江省人民政府关于印发浙江省 海洋经济发展“十四五”规划的通知\n")
    assert s.text == "浙江省人民政府关于印发浙江省海洋经济发展“十四五”规划的通知\n"


def test_private_use_glyph_after_a_digit_is_a_decimal_point():
    s = normalise("规上制造业劳动生产率达 ２３\ue010 ５ 万元 ／人。\n")
    assert s.text == "规上制造业劳动生产率达23.5万元/人。\n"


# --- page markers and running headers ---------------------------------------


@pytest.mark.parametrize("line", ["—３—", "- 3 -", "— 12 —", "一3一", "—０５—", "—９２—"])
def test_page_markers_are_recognised(line):
    assert is_page_marker(unicodedata.normalize("NFKC", line))


@pytest.mark.parametrize("line", ["3月", "2021", "——高质量建成机关效能最强省。", "(3)"])
def test_ordinary_lines_are_not_page_markers(line):
    assert not is_page_marker(line)


def test_running_header_and_page_marker_are_dropped_and_the_wrap_joined():
    # 001 lines 1486-1512: a sentence runs over a page break ("突" / "出").
    raw = corpus_lines("001_47a8da5ce8ad2a0f.txt", 1480, 1512)
    s = normalise(raw)
    assert "浙江省人民政府公报" not in s.text
    assert "—" not in s.text.replace("——", "")
    assert "聚焦新型基础设施建设重点项目和场景落地,突出创新服务能力建设" in s.text


def test_headers_of_any_year_and_issue_are_dropped():
    body = "各地要按照职责分工认真贯彻落实省政府的决策部署和省发展改革委的有关要求并及时"
    raw = f"{body}\n\n—１２—\n\n江苏省人民政府公报 ２０１９ 年第 ３ 期\n\n报告工作进展情况。\n"
    assert normalise(raw).text == body + "报告工作进展情况。\n"


def test_a_statistical_bulletin_title_is_not_a_running_header():
    s = normalise("浙江省国民经济和社会发展统计公报\n")
    assert s.text == "浙江省国民经济和社会发展统计公报\n"


# --- joining hard wraps ------------------------------------------------------


def test_wrapped_name_is_joined_and_paragraphs_kept():
    # 004 lines 48-50: "省发展改" / "革委" is cut by a hard wrap.
    s = normalise(corpus_lines("004_1342394fc5973bc7.txt", 1, 60))
    assert "省质监局、省外侨办)" in s.text
    assert "(责任单位:省科技厅、省发展改革委、省经信委、省教育厅" in s.text
    lines = s.text.split("\n")
    assert lines[0] == "浙江省人民政府关于强化实施创新驱动"
    assert lines[1] == "发展战略深入推进大众创业万众创新的实施意见"
    assert lines[2] == "浙政发〔2018〕31号"
    assert "一、促进科技成果转化" in lines


def test_signature_is_not_glued_to_a_long_attachment_line():
    # 000 lines 100-125: "附件:…激励措施" runs to the margin, then the signature.
    s = normalise(corpus_lines("000_fc2fbf8d995039f5.txt", 98, 130))
    lines = s.text.split("\n")
    i = lines.index("浙江省人民政府办公厅")
    assert lines[i - 1].startswith("附件:2020年落实有关重大政策措施")
    assert lines[i + 1] == "2021年5月7日"


def test_table_flattened_to_one_character_per_line_is_joined():
    s = normalise("省\n\n商\n\n务\n\n厅\n\n２０\n\n２１\n\n年\n")
    assert s.text == "省商务厅2021年\n"


def test_one_paragraph_per_line_file_joins_page_split_paragraphs():
    # 002 has one paragraph per line; a paragraph cut by a page ends without
    # punctuation and continues on the next line.
    s = normalise(corpus_lines("002_39d41b3033a75bc7.txt", 1150, 1166))
    assert "各级自然资源主管部门要采取国土空间规划管控" in s.text


def test_crlf_becomes_lf():
    s = normalise("浙江省人民政府\r\n\r\n２０２１ 年 ６ 月 ４ 日\r\n")
    assert s.text == "浙江省人民政府\n2021年6月4日\n"


# --- offset map ---------------------------------------------------------------


def test_offset_map_points_back_to_the_raw_character():
    name = "000_fc2fbf8d995039f5.txt"
    raw_lines = (CORPUS / name).read_text(encoding="utf-8").split("\n")
    s = read_source(CORPUS / name)
    assert len(s.origin) == len(s.text)
    for i, ch in enumerate(s.text):
        if "\u4e00" <= ch <= "\u9fff":
            line, col = s.origin[i]
            assert raw_lines[line - 1][col - 1] == ch


def test_offset_map_across_a_page_break():
    raw = corpus_lines("001_47a8da5ce8ad2a0f.txt", 1480, 1512)
    s = normalise(raw, "x.txt")
    i = s.text.index("出创新服务能力建设")
    # "出" opens raw line 28 of the snippet (file line 1507).
    assert s.locate(i) == ("x.txt", 28, 1)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["浙", "江", "省", "１", "2", " ", "　", "\n", "\r\n", "—３—", "。", "ａ", "(", "）"]),
                max_size=80))
def test_offset_map_has_one_entry_per_character(pieces):
    s = normalise("".join(pieces))
    assert len(s.origin) == len(s.text)
    assert all(line >= 1 and col >= 1 for line, col in s.origin)
    assert s.origin == sorted(s.origin)


# --- encodings and unreadable input --------------------------------------------

TEXT = "浙江省人民政府关于２０２０年度浙江省科学技术奖励的决定\n浙政发〔２０２１〕１４号\n"


@pytest.mark.parametrize(
    "encoding, data",
    [
        ("utf-8", TEXT.encode("utf-8")),
        ("utf-8-sig", b"\xef\xbb\xbf" + TEXT.encode("utf-8")),
        ("gbk", TEXT.encode("gbk")),
        ("utf-16-le", b"\xff\xfe" + TEXT.encode("utf-16-le")),
        ("utf-16-be", b"\xfe\xff" + TEXT.encode("utf-16-be")),
    ],
)
def test_encodings_are_detected_and_named(tmp_path, encoding, data):
    path = tmp_path / "issue.txt"
    path.write_bytes(data)
    s = read_source(path)
    assert s.encoding == encoding
    assert s.text.startswith("浙江省人民政府关于2020年度浙江省科学技术奖励的决定\n浙政发〔2021〕14号")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_found_by_its_nul_pattern(codec):
    text, encoding, _ = decode_bytes(TEXT.encode(codec))
    assert encoding == codec and text == TEXT


def test_gb18030_only_characters(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("浙江省𠀀人民政府\n".encode("gb18030"))
    s = read_source(path)
    assert s.encoding == "gb18030" and s.text == "浙江省𠀀人民政府\n"


def test_file_cut_mid_character_keeps_what_can_be_read(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_bytes("浙江省人民政府\n".encode("utf-8") + "决".encode("utf-8")[:2])
    s = read_source(path)
    assert s.text == "浙江省人民政府\n"
    assert any("middle of a character" in w for w in s.warnings)


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n\n")
    with pytest.raises(InputError, match="empty file"):
        read_source(path)


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x08\x06\x00\x00\x00\x5c\x72\xa8\x66")
    with pytest.raises(InputError, match="binary"):
        read_source(path)


def test_undecodable_bytes_are_refused(tmp_path):
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes([0xFF, 0xFE - 1, 0x80, 0xFF]) * 50)
    with pytest.raises(InputError, match="undecodable|binary"):
        read_source(path)


def test_directory_and_missing_file_are_refused(tmp_path):
    with pytest.raises(InputError, match="not a regular file"):
        read_source(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "missing.txt")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_is_refused(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(TEXT, encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="permission"):
            read_source(path)
    finally:
        path.chmod(0o644)


def test_header_with_a_section_label_and_a_bare_issue_line_are_dropped():
    body = "各地要按照职责分工认真贯彻落实省政府的决策部署和省发展改革委的有关要求并及时"
    raw = (f"{body}\n\n—２３—\n\n浙江省人民政府公报　 ·省政府办公厅文件·\n\n２０２１ 年第 ２５ 期\n\n"
           "报告工作进展情况。\n")
    assert normalise(raw).text == body + "报告工作进展情况。\n"


def test_page_marker_glued_to_the_next_line_is_cut():
    s = normalise("—５４—括定海工业园区东拓展区块等四个区域。\n规划期限为２０２１—２０２５ 年。\n")
    assert s.text == "括定海工业园区东拓展区块等四个区域。\n规划期限为2021—2025年。\n"
    assert s.origin[0] == (1, 5)


def test_rows_of_a_name_list_stay_apart_with_their_gap():
    # An attachment listing award winners, one "name　　unit" row per line; long rows
    # of a one-paragraph-per-line file must not be glued to the next as a wrap.
    raw = (
        "江苏省第十二届青年科技奖获奖者名单\n\n"
        "（共 ４ 名，按姓氏笔画排序）\n\n"
        "马　骏　　南京航空航天大学\n\n"
        "石慧敏（女）　　中国科学院南京地理与湖泊研究所苏州分所技术研究室\n\n"
        "欧阳立新　　江苏恒瑞医药股份有限公司连云港研发中心\n\n"
        "黄　蕾（女）　　苏州大学附属第一医院\n"
    )
    lines = normalise(raw).text.split("\n")
    assert lines[2:6] == [
        "马骏 南京航空航天大学",
        "石慧敏(女) 中国科学院南京地理与湖泊研究所苏州分所技术研究室",
        "欧阳立新 江苏恒瑞医药股份有限公司连云港研发中心",
        "黄蕾(女) 苏州大学附属第一医院",
    ]


def test_a_wide_gap_in_a_sentence_is_no_name_row():
    # sentence punctuation after the gap: prose, the gap is layout
    s = normalise("各设区市　　要按照省政府的部署，抓好落实。\n")
    assert s.text == "各设区市要按照省政府的部署,抓好落实。\n"


def test_a_book_title_wrapped_at_the_end_of_a_short_first_line_is_joined():
    # 浙政发〔2021〕20号: the plan's first line is shorter than the margin (its indent),
    # but the book title it opens is closed on the next line: one paragraph
    path = Path(__file__).resolve().parents[1] / "data" / "gazettes" / "003_8b75b80ea690ec26.txt"
    raw = path.read_text(encoding="utf-8")
    text = normalise(raw).text
    assert "远景目标纲要》精神,为更好地推进" in text


def test_a_time_line_of_a_web_page_stands_alone():
    # 时间/日期 lines of a page's metadata are never the start of a paragraph the
    # next line (an addressee) continues
    raw = ("皖政复〔2023〕7号\n时间:2023-03-02 09:15　来源:省政府办公厅\n芜湖市人民政府：\n"
           "你市《关于…的请示》收悉。现批复如下：\n日期:2023-03-02\n合肥市人民政府：\n")
    lines = normalise(raw).text.splitlines()
    assert "芜湖市人民政府:" in lines and "合肥市人民政府:" in lines


def test_a_breadcrumb_line_of_a_web_page_stands_alone():
    # the site name, the "you are here" line and the title are three lines, not one paragraph
    raw = ("温州市人民政府\n您所在的位置:首页 > 政务公开 > 规范性文件\n"
           "温州市人民政府关于加快建设科技创新园区的若干意见\n温政发〔2022〕5号\n")
    lines = normalise(raw).text.splitlines()
    assert "温州市人民政府关于加快建设科技创新园区的若干意见" in lines
