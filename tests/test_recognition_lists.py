"""Recognition lists: a notice publishing the bodies it recognises
(``关于公布…名单的通知`` with ``决定认定A等N家…为…``) establishes each listed
body, placed by the row's county cell; counts and level categories are no
laboratories; the grounds of the decision are no duty."""

from __future__ import annotations

from datetime import date


from graph.extract import establishment, location, responsibility
from graph.model import Document
from graph.nlp import find_mentions
from graph.vocab import mint

LAB_LIST = """宜昌市科学技术局关于公布2023年度宜昌市重点实验室名单的通知
宜科发〔2023〕15号
各县（市、区）科技局，各有关单位：
根据《宜昌市重点实验室管理办法》，经单位申报、县（市、区）推荐和专家评审，决定认定宜昌市磷化工绿色制造重点实验室等3家实验室为2023年度宜昌市重点实验室，现将名单予以公布。
各依托单位要加强对实验室的支持。
附件
2023年度宜昌市重点实验室名单
序号	实验室名称	依托单位	所在县（市、区）
1	宜昌市磷化工绿色制造重点实验室	湖北兴昌化工股份有限公司	兴山县
2	宜昌市水电装备智能运维重点实验室	三峡大学	西陵区
3	宜昌市柑橘品质提升重点实验室	湖北秭橙农业科技有限公司	秭归县
"""

ZONE_CATALOGUE = """江西省人民政府办公厅关于公布江西省开发区名单(2022年版)的通知
各市、县(区)人民政府,省政府各部门:
经省政府同意,现将《江西省开发区名单(2022年版)》予以公布。
附件
序号
开发区名称
所在地
1
南昌经济技术开发区
南昌市
2
九江经济技术开发区
九江市
"""

PARK_LIST = """江西省人民政府关于公布第三批省级现代农业示范园名单的通知
各市、县(区)人民政府:
经各地申报、设区市推荐,省农业农村厅会同省科技厅组织专家评审和实地核查,省政府决定认定南昌经济技术开发区等2个园区为第三批省级示范园区。现将名单予以公布。
省农业农村厅要会同省科技厅加强对园区建设的指导。
附件
序号
园区名称
所在地
1
南昌经济技术开发区
南昌市
2
九江经济技术开发区
九江市
"""


def run(kit, text: str, modules):
    nlp, resolver = kit
    title = text.split("\n", 1)[0]
    doc = Document(key="测试〔2023〕1号", title=title, text=text, number="测试〔2023〕1号",
                   date=date(2023, 9, 1))
    mentions = find_mentions(nlp, doc)
    facts = []
    for module in modules:
        facts += module.extract(doc, mentions, resolver)
    return doc, mentions, facts


def objects(facts, predicate):
    return {f.object for f in facts if f.predicate == predicate}


def test_count_and_level_category_are_no_laboratories(kit):
    _, mentions, _ = run(kit, LAB_LIST, [])
    labs = {m.text for m in mentions if m.label == "Laboratory"}
    assert "3家实验室" not in labs
    assert "宜昌市重点实验室" not in labs
    assert "宜昌市磷化工绿色制造重点实验室" in labs


def test_recognised_labs_are_established(kit):
    _, _, facts = run(kit, LAB_LIST, [establishment])
    assert objects(facts, "gov:establishes") == {
        mint("lab", "宜昌市磷化工绿色制造重点实验室"),
        mint("lab", "宜昌市水电装备智能运维重点实验室"),
        mint("lab", "宜昌市柑橘品质提升重点实验室"),
    }


def test_listed_labs_lie_in_their_county_cell_not_the_city_of_their_name(kit):
    _, _, facts = run(kit, LAB_LIST, [location])
    located = {(f.subject, f.object) for f in facts if f.predicate == "gov:locatedIn"}
    assert (mint("lab", "宜昌市磷化工绿色制造重点实验室"), mint("region", "420526")) in located   # 兴山县
    assert (mint("lab", "宜昌市柑橘品质提升重点实验室"), mint("region", "420527")) in located     # 秭归县
    assert (mint("lab", "宜昌市水电装备智能运维重点实验室"), mint("region", "420502")) in located  # 西陵区
    assert (mint("lab", "宜昌市磷化工绿色制造重点实验室"), mint("region", "420500")) not in located


def test_a_catalogue_of_existing_zones_establishes_nothing(kit):
    _, _, facts = run(kit, ZONE_CATALOGUE, [establishment])
    assert objects(facts, "gov:establishes") == set()


def test_recognised_parks_of_a_flattened_table_are_established(kit):
    _, _, facts = run(kit, PARK_LIST, [establishment])
    assert objects(facts, "gov:establishes") == {mint("zone", "南昌经济技术开发区"),
                                                 mint("zone", "九江经济技术开发区")}


def test_grounds_of_a_decision_are_no_duty_but_a_modal_clause_is(kit):
    _, _, facts = run(kit, PARK_LIST, [responsibility])
    texts = {f.subject: f.object for f in facts if f.predicate == "gov:text"}
    duties = [texts[f.object] for f in facts if f.predicate == "gov:responsibleFor"]
    assert duties, "the 要会同 clause is a duty"
    assert all("组织专家评审" not in t for t in duties)
    assert all("加强对园区建设的指导" in t for t in duties)


def test_recognised_institutions_are_not_established(kit):
    text = ("四川省科学技术厅关于公布2023年度四川省新型研发机构名单的通知\n"
            "各市(州)科技局,省级有关单位:\n"
            "经单位申报、各地推荐、专家评审和社会公示,认定清华大学成都研究院等2家机构为2023年度四川省新型研发机构,现予公布。\n"
            "附件\n序号\n机构名称\n所在地\n1\n清华大学成都研究院\n成都市\n2\n电子科技大学绵阳研究院\n绵阳市\n")
    _, _, facts = run(kit, text, [establishment])
    assert objects(facts, "gov:establishes") == set()
