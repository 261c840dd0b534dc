"""Persons and bodies of a group's roster, and the names around it: a notice setting up a
leading group lists its members as ``role:name post`` lines; appointment notices name persons
with their posts; an enterprise's branch in a post stays whole (texts written for these tests,
after notices of other provinces)."""

import pytest

from graph.gazetteer import load_gazetteer
from graph.ingest import normalise
from graph.nlp import find_mentions, load_pipeline
from graph.resolve import Context, Resolver
from graph.segment import split_documents

#: A 湖南 notice setting up a working group, laid out as a web page copies it (full-width
#: spaces between the name and the post, continuation lines indented).
HUNAN_ROSTER = """湖南省人民政府办公厅关于成立湖南省新能源汽车产业发展工作专班的通知
湘政办函〔2024〕17号
各市州人民政府,省政府各厅委、各直属机构:
为推动全省新能源汽车产业高质量发展,经省人民政府同意,决定成立湖南省新能源汽车产业发展工作专班。现将组成人员名单通知如下:
组　长:周建平　副省长
副组长:彭　涛　省政府副秘书长
　　　　谢文清　省工业和信息化厅厅长
成　员:黎红梅　省发展改革委副主任
　　　　贺志强　省科学技术厅副厅长
　　　　邹　敏　省商务厅副厅长
　　　　覃立新　中国移动湖南分公司副总经理
　　　　龙海燕　中国联通湖南省分公司副总经理
工作专班办公室设在省工业和信息化厅,办公室主任由谢文清同志兼任。
湖南省人民政府办公厅
2024年3月8日
"""


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.fixture(scope="module")
def nlp(gazetteer):
    return load_pipeline(gazetteer)


@pytest.fixture(scope="module")
def roster(nlp):
    docs = split_documents(normalise(HUNAN_ROSTER, "hn.txt"))
    assert len(docs) == 1
    return docs[0], find_mentions(nlp, docs[0])


def names(mentions, label):
    return [m.text for m in mentions if m.label == label]


def test_roster_members_are_persons(roster):
    _, mentions = roster
    persons = {dict(m.attrs).get("label", m.text) for m in mentions if m.label == "Person"}
    assert persons == {"周建平", "彭涛", "谢文清", "黎红梅", "贺志强", "邹敏", "覃立新", "龙海燕"}


def test_no_person_outside_the_roster(nlp):
    # the same lines without a roster marker above them (a list of posts in running text)
    text = "会议听取了:\n周建平副省长\n谢文清省工业和信息化厅厅长\n"
    assert [m for m in find_mentions_text(nlp, text) if m.label == "Person"] == []


def find_mentions_text(nlp, text):
    from graph.nlp import find_mentions_in_text
    return find_mentions_in_text(nlp, text)


def test_department_in_a_post_written_by_its_level(roster, gazetteer):
    document, mentions = roster
    agencies = names(mentions, "Agency")
    assert agencies.count("省工业和信息化厅") == 2          # in a post and in 设在…
    resolver = Resolver(gazetteer)
    entity = resolver.resolve("省工业和信息化厅", "Agency", context=Context("430000"))
    assert entity.label == "湖南省工业和信息化厅"


def test_enterprise_branch_in_a_post_stays_whole(roster):
    _, mentions = roster
    institutions = names(mentions, "Institution")
    assert "中国移动湖南分公司" in institutions
    assert "中国移动" not in institutions
    assert "中国联通湖南省分公司" in institutions


def test_title_cut_is_no_agency(roster):
    _, mentions = roster
    agencies = names(mentions, "Agency")
    assert not [a for a in agencies if "关于" in a]
    assert "湖南省新能源汽车产业发展工作专班" in agencies


def test_known_short_name_not_cut_out_of_a_branch(nlp):
    text = "支持中国电信四川分公司、工商银行成都分行和中国联通四川省分公司参与建设。"
    institutions = [m.text for m in find_mentions_text(nlp, text) if m.label == "Institution"]
    assert institutions == ["中国电信四川分公司", "工商银行成都分行", "中国联通四川省分公司"]


def test_appointment_notice_names_persons(nlp):
    text = ("安徽省人民政府关于杨柏林等同志职务任免的通知\n"
            "任命杨柏林为安徽省交通运输厅副厅长(试用期一年);\n"
            "任命上官明远为安徽省审计厅副厅长;\n"
            "免去何素芬的安徽省民政厅副厅长职务,退休。\n")
    persons = [m.text for m in find_mentions_text(nlp, text) if m.label == "Person"]
    assert {"杨柏林", "上官明远", "何素芬"} <= set(persons)
