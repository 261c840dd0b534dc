"""Segmentation of an issue whose commendation ends with a list of persons run into the next
document's title by reflowed PDF text (texts written for these tests, after other provinces'
gazettes)."""

from graph.ingest import normalise
from graph.segment import split_documents

#: A 福建 issue: a commendation whose attachment lists persons up to the page end, then an
#: 办公厅 notice starting on the next page; the list's last line and the title's lines arrive
#: joined into one line, as reflowing a hard-wrapped PDF text across the page break leaves them.
FUJIAN_ISSUE = """福建省人民政府关于表彰全省对口支援工作先进集体和先进个人的决定

闽政〔２０２２〕９号

各市、县（区）人民政府，省人民政府各部门：

为表彰先进，省人民政府决定，授予福州市发展和改革委员会等２个单位“全省对口支援工作先进集体”称号，授予刘海涛等２名同志“全省对口支援工作先进个人”称号。

福建省人民政府

２０２２年４月６日

—７—

 福建省人民政府公报　　　　　　　　　　　　２０２２年第１２期

附件

全省对口支援工作先进集体和先进个人名单

一、先进集体（２个）

福州市发展和改革委员会

福建省能源集团有限公司

二、先进个人（２名）

刘海涛（男）　福州市财政局副局长

赵明远　福建省能源集团有限公司总经理福建省人民政府办公厅关于印发福建省海洋经济高质量发展行动方案的通知

闽政办〔２０２２〕２１号

各市、县（区）人民政府，省人民政府各部门：

《福建省海洋经济高质量发展行动方案》已经省人民政府同意，现印发给你们，请认真贯彻执行。

福建省人民政府办公厅

２０２２年４月１２日
"""


def test_list_tail_is_cut_from_the_next_title():
    docs = split_documents(normalise(FUJIAN_ISSUE, "fj.txt"))
    assert [d.number for d in docs] == ["闽政〔2022〕9号", "闽政办〔2022〕21号"]
    assert docs[1].title == "福建省人民政府办公厅关于印发福建省海洋经济高质量发展行动方案的通知"
    # the cut-off line stays with the commendation's attachment
    assert "赵明远" in docs[0].text and "赵明远" not in docs[1].text


def test_joint_title_after_a_list_is_not_cut():
    # a joint title whose first issuer ends in 委员会 (委员 is also a post): no cut inside it
    text = ("附件\n\n名单\n\n林某　福建省财政厅副厅长\n\n"
            "福建省发展和改革委员会　福建省财政厅关于下达２０２２年资金的通知\n\n闽发改〔２０２２〕３号\n\n"
            "各设区市发展改革委：\n\n现将资金下达给你们。\n\n福建省发展和改革委员会\n\n２０２２年５月６日\n")
    docs = split_documents(normalise(text, "fj2.txt"))
    assert docs[-1].title.startswith("福建省发展和改革委员会")
    assert docs[-1].title.endswith("关于下达2022年资金的通知")
