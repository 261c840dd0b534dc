"""Recognition of key laboratories and enterprise research institutes: a
notice titled ``关于认定…的通知`` or ``关于公布…名单的通知`` with
``认定A等N家…为…`` establishes each listed laboratory and each listed
enterprise research institute (not bodies recognised under another status),
names ``<province><topic>重点实验室`` as laboratories and
``<firm>省级<topic>企业研究院`` as institutions, and places each item in the
city of its 所在地 / 所在市 cell."""

from __future__ import annotations

from datetime import date


from graph.extract import establishment, location
from graph.model import Document
from graph.nlp import find_mentions
from graph.vocab import mint

KEY_LABS = """江苏省科学技术厅关于认定2022年度江苏省重点实验室的通知
各设区市科技局，各有关单位：
根据《江苏省重点实验室建设与运行管理办法》，经单位申报、各市科技局推荐和专家评审，决定认定江苏省深海探测装备重点实验室等3家实验室为2022年度江苏省重点实验室（名单见附件）。
请各依托单位加强对实验室的支持。
附件：2022年度江苏省重点实验室名单
序号
实验室名称
依托单位
所在地
1
江苏省深海探测装备重点实验室
江苏科技大学
镇江市
2
江苏省稻麦抗逆育种重点实验室
扬州大学
扬州市
3
江苏省智能电网调度重点实验室
南京瑞能电力科技有限公司
南京市
江苏省科学技术厅
2022年10月12日
"""

INSTITUTES = """福建省科学技术厅 福建省发展和改革委员会关于公布2021年度省级企业研究院名单的通知
各设区市科技局、发展改革委：
根据《福建省省级企业研究院认定管理办法》，经企业申报、各市推荐和专家评审，现认定福建闽润省级智能纺织装备企业研究院等3家企业研究院为2021年度省级企业研究院，名单如下。
序号\t企业研究院名称\t依托企业\t所在市
1\t福建闽润省级智能纺织装备企业研究院\t福建闽润机械股份有限公司\t泉州市
2\t厦门海晟省级船舶动力企业研究院\t厦门海晟动力科技有限公司\t厦门市
3\t福建建瓯省级竹材加工企业研究院\t建瓯竹源新材料有限公司\t南平市
各依托企业要加大研发投入。
"""

INSTITUTES_ONE_CELL_A_LINE = """安徽省科学技术厅关于公布2021年度安徽省省级企业研究院名单的通知
各市科技局：
经企业申报、专家评审，认定安徽皖江省级新能源电池企业研究院等2家企业研究院为2021年度省级企业研究院。
序号
企业研究院名称
依托企业
所在市
1
安徽皖江省级新能源电池企业研究院
安徽皖江储能科技有限公司
芜湖市
2
合肥恒泰省级精密模具企业研究院
合肥恒泰模具股份有限公司
合肥市
"""

NEW_RD_BODIES = """四川省科学技术厅关于认定2023年度四川省新型研发机构的通知
各市(州)科技局：
经单位申报、专家评审,认定西南智能制造研究院等2家机构为2023年度四川省新型研发机构,现予公布。
序号
机构名称
所在地
1
西南智能制造研究院
成都市
2
川北先进材料研究院
绵阳市
"""


def run(kit, text: str, modules):
    nlp, resolver = kit
    doc = Document(key="测试〔2022〕7号", title=text.split("\n", 1)[0], text=text,
                   number="测试〔2022〕7号", date=date(2022, 10, 12))
    mentions = find_mentions(nlp, doc)
    facts = []
    for module in modules:
        facts += module.extract(doc, mentions, resolver)
    return mentions, facts


def established(facts):
    return {f.object for f in facts if f.predicate == "gov:establishes"}


def located(facts):
    return {(f.subject, f.object) for f in facts if f.predicate == "gov:locatedIn"}


def test_province_topic_key_lab_is_a_lab_but_province_key_lab_a_category(kit):
    mentions, _ = run(kit, KEY_LABS, [])
    labs = {m.text for m in mentions if m.label == "Laboratory"}
    assert "江苏省深海探测装备重点实验室" in labs
    assert "江苏省稻麦抗逆育种重点实验室" in labs
    assert "江苏省重点实验室" not in labs


def test_a_notice_titled_as_a_recognition_establishes_its_labs(kit):
    _, facts = run(kit, KEY_LABS, [establishment])
    assert established(facts) == {mint("lab", "江苏省深海探测装备重点实验室"),
                                  mint("lab", "江苏省稻麦抗逆育种重点实验室"),
                                  mint("lab", "江苏省智能电网调度重点实验室")}


def test_listed_labs_lie_in_the_city_of_their_place_cell(kit):
    _, facts = run(kit, KEY_LABS, [location])
    pairs = located(facts)
    assert (mint("lab", "江苏省深海探测装备重点实验室"), mint("region", "321100")) in pairs   # 镇江市
    assert (mint("lab", "江苏省稻麦抗逆育种重点实验室"), mint("region", "321000")) in pairs   # 扬州市
    assert (mint("lab", "江苏省智能电网调度重点实验室"), mint("region", "320100")) in pairs   # 南京市


def test_enterprise_research_institute_with_level_inside_is_an_institution(kit):
    mentions, _ = run(kit, INSTITUTES, [])
    institutions = {m.text for m in mentions if m.label == "Institution"}
    labs = {m.text for m in mentions if m.label == "Laboratory"}
    assert "福建闽润省级智能纺织装备企业研究院" in institutions
    assert "厦门海晟省级船舶动力企业研究院" in institutions
    assert not labs


def test_recognised_enterprise_institutes_are_established(kit):
    _, facts = run(kit, INSTITUTES, [establishment])
    assert established(facts) == {mint("org", "福建闽润省级智能纺织装备企业研究院"),
                                  mint("org", "厦门海晟省级船舶动力企业研究院"),
                                  mint("org", "福建建瓯省级竹材加工企业研究院")}


def test_listed_institutes_lie_in_the_city_of_their_city_cell(kit):
    _, facts = run(kit, INSTITUTES, [location])
    pairs = located(facts)
    assert (mint("org", "福建闽润省级智能纺织装备企业研究院"), mint("region", "350500")) in pairs  # 泉州市
    assert (mint("org", "福建建瓯省级竹材加工企业研究院"), mint("region", "350700")) in pairs    # 南平市


def test_institutes_of_a_one_cell_a_line_table_are_established_and_placed(kit):
    _, facts = run(kit, INSTITUTES_ONE_CELL_A_LINE, [establishment, location])
    assert established(facts) == {mint("org", "安徽皖江省级新能源电池企业研究院"),
                                  mint("org", "合肥恒泰省级精密模具企业研究院")}
    pairs = located(facts)
    assert (mint("org", "安徽皖江省级新能源电池企业研究院"), mint("region", "340200")) in pairs  # 芜湖市
    assert (mint("org", "合肥恒泰省级精密模具企业研究院"), mint("region", "340100")) in pairs    # 合肥市


def test_bodies_recognised_as_new_rd_institutions_are_not_established(kit):
    _, facts = run(kit, NEW_RD_BODIES, [establishment])
    assert established(facts) == set()
