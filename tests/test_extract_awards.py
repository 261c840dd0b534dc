"""Award, honour, incentive, rating and roster extraction (and the spaCy component)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from graph.extract.awards import extract
from graph.ingest import read_source
from graph.nlp.awards import find_awards, incentive_items, read_grants, roster_persons
from graph.resolve import Resolver
from graph.segment import split_documents
from readings import label_pairs as triples

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


@pytest.fixture(scope="module")
def corpus_docs(corpus_dir):
    docs = {}
    for name in ("000_fc2fbf8d995039f5.txt", "001_47a8da5ce8ad2a0f.txt", "003_8b75b80ea690ec26.txt",
                 "004_1342394fc5973bc7.txt", "002_39d41b3033a75bc7.txt"):
        for d in split_documents(read_source(str(corpus_dir / name))):
            docs[d.key] = d
    return docs


def literal(facts, subject_label: str, predicate: str) -> set[str]:
    labels = {f.subject: f.object for f in facts if f.predicate == "rdfs:label"}
    return {f.object for f in facts if f.predicate == predicate and labels.get(f.subject) == subject_label}


def test_award_decision_2020(corpus_docs, resolver):
    facts = extract(corpus_docs["浙政发〔2021〕14号"], [], resolver)
    rewarded = triples(facts, "gov:rewardedBy")
    assert ("潘云鹤", "2020年度浙江科技大奖") in rewarded
    assert ("新型冠状病毒S蛋白与全长细胞受体ACE2的作用机制", "2020年度浙江省自然科学奖一等奖") in rewarded
    assert ("英国诺丁汉大学", "2020年度浙江省国际科学技术合作奖") in rewarded
    assert len(rewarded) == 11
    awards = {o for _, o in rewarded}
    assert triples(facts, "gov:conferredBy") == {(a, "浙江省人民政府") for a in awards}
    assert literal(facts, "2020年度浙江省科学技术进步奖三等奖", "gov:awardGrade") == {"三等奖"}
    assert literal(facts, "2020年度浙江省科学技术进步奖三等奖", "gov:awardYear") == {"2020"}
    assert literal(facts, "面向工业互联的群智网络控制关键技术的研发及产业化", "gov:recipientCount") == {"146"}
    assert literal(facts, "2020年度浙江省自然科学奖一等奖", "skos:altLabel") >= {"浙江省自然科学奖一等奖"}
    types = {(f.subject, f.object) for f in facts if f.predicate == "rdf:type"}
    assert sum(1 for _, t in types if t == "gov:Achievement") == 9
    assert sum(1 for _, t in types if t == "gov:Person") == 1


def test_award_decision_2019_person_and_team(corpus_docs, resolver):
    facts = extract(corpus_docs["浙政发〔2020〕14号"], [], resolver)
    rewarded = triples(facts, "gov:rewardedBy")
    assert {("李兰娟", "2019年度浙江科技大奖"), ("张建锋团队", "2019年度浙江科技大奖"),
            ("颜松远", "2019年度浙江省国际科学技术合作奖")} <= rewarded


def test_incentive_notice_items(corpus_docs, resolver):
    doc = corpus_docs["浙政办发〔2021〕24号"]
    items = incentive_items(doc.text)
    assert len(items) == 33
    assert items[3].heading == "积极推进“一带一路”枢纽建设,构建全面开放新格局工作成效明显的县(市、区)"
    facts = extract(doc, [], resolver)
    label = "2020年落实有关重大政策措施真抓实干成效明显地方督查激励:推进大湾区建设成效明显的设区市"
    assert {r for r, a in triples(facts, "gov:rewardedBy") if a == label} == {"杭州市", "宁波市", "台州市"}
    assert {u for u, a in triples(facts, "gov:responsibleFor") if a.endswith("推进大通道建设成效明显的设区市")} == {
        "浙江省发展和改革委员会", "浙江省交通运输厅"}
    assert {b for a, b in triples(facts, "gov:conferredBy")} == {"浙江省人民政府办公厅"}
    # 十九: regions with notes in brackets and two groups
    land = [i for i in items if i.heading.startswith("实施全域土地综合整治")][0]
    assert [doc.text[r.start:r.end] for r in land.regions][-2:] == ["常山县", "玉环市"]
    assert len(land.regions) == 11


def test_naming_notice_splits_city_and_county_honours(corpus_docs, resolver):
    facts = extract(corpus_docs["浙政发〔2021〕21号"], [], resolver)
    rewarded = triples(facts, "gov:rewardedBy")
    city = "第五批省级生态文明建设示范市"
    county = "第五批省级生态文明建设示范县(市、区)"
    assert {r for r, a in rewarded if a == city} == {"嘉兴市"}
    assert len({r for r, a in rewarded if a == county}) == 13
    assert literal(facts, county, "skos:altLabel") >= {"省级生态文明建设示范县", "省级生态文明建设示范市、县(市、区)"}


def test_recognition_reply_area_and_project(corpus_docs, resolver):
    facts = extract(corpus_docs["浙政办函〔2021〕32号"], [], resolver)
    assert triples(facts, "gov:rewardedBy") == {
        ("海盐县", "省公共文化服务体系示范区"),
        ("台州市路桥区农村文化礼堂“四Z”运营管理模式", "省公共文化服务体系示范项目"),
    }
    assert literal(facts, "省公共文化服务体系示范区", "gov:recipientCount") == {"5"}


def test_rating_notice(corpus_docs, resolver):
    facts = extract(corpus_docs["浙政办发〔2018〕66号"], [], resolver)
    rewarded = triples(facts, "gov:rewardedBy")
    assert {r for r, a in rewarded if a == "2017年度粮食安全市长责任制考核优秀"} == {"嘉兴市", "衢州市", "温州市"}
    assert len({r for r, a in rewarded if a == "2017年度粮食安全市长责任制考核良好"}) == 8
    assert literal(facts, "2017年度粮食安全市长责任制考核良好", "gov:rating") == {"良好"}


def test_roster_persons(corpus_docs):
    doc = corpus_docs["浙政办函〔2021〕47号"]
    names = [f.name(doc.text) for f in roster_persons(doc.text)]
    assert names == ["成岳冲", "蔡晓春", "郑瑶", "张文斌", "汤筱疏", "邢自霞", "夏时畅", "吕林", "胡国平"]
    # a table of figures under a "名单" heading is no roster
    assert roster_persons(corpus_docs["浙政办发〔2021〕24号"].text) == []


def test_plan_without_awards_yields_nothing(corpus_docs, resolver):
    assert extract(corpus_docs["浙政办发〔2021〕32号"], [], resolver) == []


def test_jiangsu_decision_fixture(resolver):
    [doc] = split_documents(read_source(str(FIXTURES / "award_jiangsu_decision.txt")))
    got = [(g.award.name(doc.text), [r.name(doc.text) for r in g.recipients]) for g in read_grants(doc.text, "2020")]
    assert got == [
        ("2020年度江苏省科学技术突出贡献奖", ["王建宇", "张荣团队"]),
        ("2020年度江苏省科学技术奖一等奖", ["面向复杂环境的高性能光纤传感关键技术及应用"]),
        ("2020年度江苏省科学技术奖二等奖", ["大跨径桥梁智能建造关键技术"]),
        ("2020年度江苏省科学技术奖三等奖", ["绿色高效水稻生产技术集成与示范"]),
        ("2020年度江苏省国际科学技术合作奖", ["德国弗劳恩霍夫协会"]),
    ]
    facts = extract(doc, [], resolver)
    types = {f.object for f in facts if f.predicate == "rdf:type"}
    assert {"gov:Award", "gov:Person", "gov:Achievement", "gov:Institution"} <= types
    assert literal(facts, "绿色高效水稻生产技术集成与示范", "gov:recipientCount") == {"121"}


def test_guangdong_incentive_fixture(resolver):
    [doc] = split_documents(read_source(str(FIXTURES / "award_guangdong_incentive.txt")))
    items = incentive_items(doc.text)
    assert [i.heading for i in items] == ["推进粤港澳大湾区建设成效明显的地级以上市", "实施乡村振兴战略成效明显的县(市、区)"]
    assert [doc.text[r.start:r.end] for r in items[1].regions] == ["佛山市顺德区", "惠州市博罗县", "梅州市蕉岭县"]
    facts = extract(doc, [], resolver)
    responsible = {u for u, a in triples(facts, "gov:responsibleFor") if a.endswith("实施乡村振兴战略成效明显的县(市、区)")}
    assert len(responsible) == 2


def test_spacy_component_marks_awards_persons_achievements():
    from graph.nlp import awards  # noqa: F401  (registers the factory)
    from graph.nlp.common import spans_of

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("govkg_awards")
    text = "2020年度浙江省科学技术奖励的决定\n授予潘云鹤院士浙江科技大奖;授予“自主指令集嵌入式CPU研发与产业化”等7项成果浙江省技术发明奖一等奖。"
    doc = nlp(text)
    got = [(s.label_, text[slice(*s._.govkg_chars)], s._.govkg_attrs.get("label")) for s in spans_of(doc)]
    assert got == [
        ("Person", "潘云鹤", None),
        ("Award", "浙江科技大奖", "2020年度浙江科技大奖"),
        ("Achievement", "自主指令集嵌入式CPU研发与产业化", "自主指令集嵌入式CPU研发与产业化"),
        ("Award", "浙江省技术发明奖一等奖", "2020年度浙江省技术发明奖一等奖"),
    ]
    attrs = [s._.govkg_attrs for s in spans_of(doc) if s.label_ == "Award"][1]
    assert (attrs["year"], attrs["grade"], attrs["category"]) == ("2020", "一等奖", "浙江省技术发明奖")
    assert [s._.govkg_attrs.get("count") for s in spans_of(doc) if s.label_ == "Achievement"] == ["7"]
    assert find_awards("没有任何奖励的文字。") == []


# A joint commendation (three issuers) whose winners are listed in the attachment as
# "name　　unit" rows, names letter-spaced and marked (女) — written for the test, not
# copied from any gazette.
JOINT_COMMENDATION = (
    "中共江苏省委组织部　江苏省人力资源和社会保障厅　江苏省科学技术协会\n\n"
    "关于表彰第九届江苏省青年科技奖获奖者的决定\n\n"
    "苏科协发〔２０２０〕１８ 号\n\n"
    "各设区市委组织部、人力资源社会保障局、科协：\n\n"
    "为激励青年科技人才创新创造，经评审委员会评审并公示，决定授予陈立平等４名同志第九届\n\n"
    "江苏省青年科技奖。\n\n"
    "附件：第九届江苏省青年科技奖获奖者名单\n\n"
    "中共江苏省委组织部　　江苏省人力资源和社会保障厅\n\n"
    "江苏省科学技术协会\n\n"
    "２０２０ 年 ６ 月 ２ 日\n\n"
    "附件\n\n"
    "第九届江苏省青年科技奖获奖者名单\n\n"
    "（共 ４ 名，按姓氏笔画排序）\n\n"
    "马　骏　　南京航空航天大学\n\n"
    "石慧敏（女）　　中国科学院南京地理与湖泊研究所苏州分所技术研究室\n\n"
    "陈立平　　江苏恒瑞医药股份有限公司\n\n"
    "黄　蕾（女）　　苏州大学附属第一医院\n"
)


def test_joint_commendation_with_winners_listed_in_rows(resolver):
    from graph.ingest import normalise
    from graph.model import Document

    text = normalise(JOINT_COMMENDATION).text
    issuers = ["中共江苏省委组织部", "江苏省人力资源和社会保障厅", "江苏省科学技术协会"]
    doc = Document(key="苏科协发〔2020〕18号", title="关于表彰第九届江苏省青年科技奖获奖者的决定", text=text,
                   issuers=issuers)
    facts = extract(doc, [], resolver)
    award = "第九届江苏省青年科技奖"
    assert triples(facts, "gov:rewardedBy") == {(p, award) for p in ("陈立平", "马骏", "石慧敏", "黄蕾")}
    assert triples(facts, "gov:conferredBy") == {(award, i) for i in issuers}
    assert literal(facts, award, "gov:awardCategory") == {"江苏省青年科技奖"}
    persons = {f.subject for f in facts if f.object == "gov:Person"}
    assert len(persons) == 4  # no unit, no "(女)" read as part of a name


def test_rating_sentences_with_the_places_first(resolver):
    from graph.model import Document

    text = ("江西省人民政府办公厅关于2021年度市县政府河湖长制工作考核结果的通报\n"
            "经省政府同意,现将考核结果通报如下:\n"
            "南昌市、赣州市考核结果为优秀;九江市、上饶市、吉安市考核结果为良好;萍乡市考核结果为合格。\n"
            "对考核结果为优秀的设区市予以通报表扬。\n")
    doc = Document(key="赣府厅字〔2022〕9号", title=text.split("\n")[0], text=text, issuers=["江西省人民政府办公厅"])
    facts = extract(doc, [], resolver)
    rewarded = triples(facts, "gov:rewardedBy")
    head = "2021年度市县政府河湖长制工作考核"
    assert rewarded == {("南昌市", head + "优秀"), ("赣州市", head + "优秀"), ("九江市", head + "良好"),
                        ("上饶市", head + "良好"), ("吉安市", head + "良好"), ("萍乡市", head + "合格")}
    assert triples(facts, "gov:conferredBy") == {(head + r, "江西省人民政府办公厅") for r in ("优秀", "良好", "合格")}
    assert literal(facts, head + "良好", "gov:rating") == {"良好"}


def test_later_grades_in_one_sentence_keep_the_category_and_foreign_recipients():
    t = ("2016年度江苏省科学技术奖励的决定\n"
         "授予“深海热液微生物群落研究”等8项成果2016年度江苏省自然科学奖一等奖,“太湖蓝藻水华遥感监测方法”等19项成果"
         "二等奖,“长江口泥沙输运模型”等30项成果三等奖;"
         "授予汉斯·穆勒(Hans Mueller,瑞士)、金正勋(韩国)、佐藤健一(日本)2016年度江苏省国际科学技术合作奖。")
    got = {(g.award.name(t), tuple(r.name(t) for r in g.recipients)) for g in read_grants(t)}
    assert got == {
        ("2016年度江苏省自然科学奖一等奖", ("深海热液微生物群落研究",)),
        ("2016年度江苏省自然科学奖二等奖", ("太湖蓝藻水华遥感监测方法",)),
        ("2016年度江苏省自然科学奖三等奖", ("长江口泥沙输运模型",)),
        ("2016年度江苏省国际科学技术合作奖", ("汉斯·穆勒", "金正勋", "佐藤健一")),
    }


def test_naming_the_following_places_listed_under_their_cities(resolver):
    from graph.model import Document

    text = ("江苏省人民政府关于命名第二批江苏省全域旅游示范区的决定\n"
            "省政府决定,命名以下4个县(市、区)为第二批江苏省全域旅游示范区:\n"
            "南京市:鼓楼区、溧水区\n泰州市:兴化市\n盐城市:东台市\n"
            "希望受到命名的县(市、区)珍惜荣誉。\n")
    d = Document(key="k", title="江苏省人民政府关于命名第二批江苏省全域旅游示范区的决定", text=text,
                 issuers=["江苏省人民政府"])
    grants = read_grants(text)
    assert [[r.name(text) for r in g.recipients] for g in grants] == [
        ["南京市鼓楼区", "南京市溧水区", "兴化市", "东台市"]]
    facts = extract(d, [], resolver)
    rewarded = {s for s, _ in triples(facts, "gov:rewardedBy")}
    assert rewarded == {"鼓楼区", "溧水区", "兴化市", "东台市"}
    assert not any("以下" in s for s in rewarded)


def test_incentive_item_units_without_you_or_fuze(resolver):
    from graph.model import Document

    text = ("江西省人民政府办公厅关于对2019年度落实有关重大政策措施真抓实干成效明显地方予以督查激励的通报\n"
            "一、推进科技创新成效明显的县(市、区):南昌县、贵溪市。给予专项资金支持。(由省科技厅会同省财政厅组织实施)\n"
            "二、促进外贸稳定增长成效明显的设区市:九江市、赣州市。(由省商务厅负责组织实施)\n")
    d = Document(key="k", title=text.splitlines()[0], text=text, issuers=["江西省人民政府办公厅"])
    facts = extract(d, [], resolver)
    # the unit's province comes from the resolver's document context; here the body after 省 is checked
    responsible = {(s[s.index("省") + 1:], o.split(":")[-1]) for s, o in triples(facts, "gov:responsibleFor")}
    assert responsible == {
        ("科学技术厅", "推进科技创新成效明显的县(市、区)"),
        ("财政厅", "推进科技创新成效明显的县(市、区)"),
        ("商务厅", "促进外贸稳定增长成效明显的设区市"),
    }
    assert not triples(facts, "gov:leads")


def test_zones_rated_in_a_joint_evaluation(resolver):
    from graph.model import Document

    text = ("江苏省商务厅 江苏省科学技术厅关于公布2021年度江苏省开发区综合考评结果的通知\n"
            "一、国家级高新区\n考评结果为优秀的(2家):苏州工业园区、常州国家高新技术产业开发区。\n"
            "二、省级开发区\n考评结果为良好的(1家):江苏海安经济开发区。\n"
            "对考评结果为优秀的开发区,予以优先支持。\n")
    d = Document(key="k", title=text.splitlines()[0], text=text, issuers=["江苏省商务厅", "江苏省科学技术厅"])
    got = [(g.award.name(text), [(r.label, r.name(text)) for r in g.recipients]) for g in read_grants(text)]
    assert got == [
        ("2021年度江苏省开发区综合考评优秀", [("DevelopmentZone", "苏州工业园区"),
                                             ("DevelopmentZone", "常州国家高新技术产业开发区")]),
        ("2021年度江苏省开发区综合考评良好", [("DevelopmentZone", "江苏海安经济开发区")]),
    ]
    facts = extract(d, [], resolver)
    assert ("江苏海安经济开发区", "2021年度江苏省开发区综合考评良好") in triples(facts, "gov:rewardedBy")
    conferred = {o for s, o in triples(facts, "gov:conferredBy") if s == "2021年度江苏省开发区综合考评良好"}
    assert len(conferred) == 2


@pytest.mark.parametrize("number", ["{n}.", "({n})", "{n}、"])
def test_incentive_items_numbered_in_an_attachment(resolver, number):
    from graph.model import Document

    def item(n: int, line: str) -> str:
        return number.format(n=n) + line

    text = ("湖南省人民政府办公厅关于对2020年落实有关重大政策措施真抓实干\n成效明显地方予以督查激励的通报\n"
            "一、总体情况\n经省人民政府同意,对成效明显的地方予以督查激励。\n"
            "附件:2020年落实有关重大政策措施真抓实干成效明显地方名单\n"
            "附件\n2020年落实有关重大政策措施真抓实干成效明显地方名单\n"
            + item(1, "推动工业稳增长和转型升级成效明显的县(市、区):长沙市雨花区、醴陵市、\n浏阳市。(省工业和信息化厅组织实施)\n")
            + item(2, "深化“放管服”改革成效明显的地方:株洲市、郴州市。(省政务服务\n局、省发展改革委组织实施)\n")
            + item(3, "耕地保护成效明显的设区市:常德市。(由省自然资源厅会同省农业\n农村厅组织实施)\n"))
    d = Document(key="k", title="关于对2020年落实有关重大政策措施真抓实干成效明显地方予以督查激励的通报",
                 text=text, issuers=["湖南省人民政府办公厅"])
    items = incentive_items(text)
    assert [i.heading for i in items] == [
        "推动工业稳增长和转型升级成效明显的县(市、区)", "深化“放管服”改革成效明显的地方", "耕地保护成效明显的设区市"]
    assert [[text[r.start:r.end] for r in i.regions] for i in items] == [
        ["长沙市雨花区", "醴陵市", "浏阳市"], ["株洲市", "郴州市"], ["常德市"]]
    facts = extract(d, [], resolver)
    rewarded = {(s, o.split(":")[-1]) for s, o in triples(facts, "gov:rewardedBy")}
    assert ("雨花区", "推动工业稳增长和转型升级成效明显的县(市、区)") in rewarded
    assert ("常德市", "耕地保护成效明显的设区市") in rewarded
    assert len(rewarded) == 6
    conferred = {s.split(":")[-1] for s, _ in triples(facts, "gov:conferredBy")}
    assert conferred == {i.heading for i in items}
    responsible = {(s[s.index("省") + 1:], o.split(":")[-1]) for s, o in triples(facts, "gov:responsibleFor")}
    assert ("自然资源厅", "耕地保护成效明显的设区市") in responsible
    assert ("农业农村厅", "耕地保护成效明显的设区市") in responsible
    assert len({o for _, o in responsible}) == 3
    # 和 inside an agency's name does not separate two units
    assert {s for s, o in responsible if o.startswith("推动工业")} == {"工业和信息化厅"}


def test_nationality_and_role_before_a_foreign_name_are_no_part_of_it():
    """``法国籍教授让·杜邦`` names 让·杜邦: the nationality and the role word are dropped."""
    t = "2022年度四川省科学技术奖励的决定\n授予法国籍教授让·杜邦、美籍专家约翰·史密斯2022年度四川省国际科学技术合作奖。"
    grants = read_grants(t)
    assert [[r.name(t) for r in g.recipients] for g in grants] == [["让·杜邦", "约翰·史密斯"]]
    assert [r.label for r in grants[0].recipients] == ["Person", "Person"]


def test_affiliations_and_titles_before_recipients_are_no_part_of_their_names(resolver):
    """``中国科学院院士王立群`` names 王立群: a country, an academy, a university, a hospital or a
    company and a title written before a recipient's name are dropped; ``X和Y团队`` is a person and
    a team; a foreign recipient after his university and title keeps his transliterated name."""
    from graph.model import Document
    t = ("2021年度湖北省科学技术奖励的决定\n"
         "授予中国科学院院士王立群、武汉大学讲席教授陈文彬、华中科技大学同济医学院附属协和医院主任医师李红梅"
         "及东风汽车集团有限公司正高级工程师赵志刚和刘海涛团队2021年度湖北省科学技术突出贡献奖;"
         "授予美国斯坦福大学教授约翰·史密斯(John Smith)、德国亥姆霍兹联合会研究员汉斯·韦伯(Hans Weber)"
         "2021年度湖北省国际科学技术合作奖。")
    got = {(g.award.name(t), tuple((r.label, r.name(t)) for r in g.recipients)) for g in read_grants(t)}
    assert got == {
        ("2021年度湖北省科学技术突出贡献奖", (("Person", "王立群"), ("Person", "陈文彬"), ("Person", "李红梅"),
                                            ("Person", "赵志刚"), ("Person", "刘海涛团队"))),
        ("2021年度湖北省国际科学技术合作奖", (("Person", "约翰·史密斯"), ("Person", "汉斯·韦伯"))),
    }
    doc = Document(key="鄂政发〔2022〕3号", number="鄂政发〔2022〕3号", title=t.split("\n")[0], text=t,
                   issuers=["湖北省人民政府"])
    rewarded = triples(extract(doc, [], resolver), "gov:rewardedBy")
    assert ("约翰·史密斯", "2021年度湖北省国际科学技术合作奖") in rewarded
    assert ("刘海涛团队", "2021年度湖北省科学技术突出贡献奖") in rewarded
    assert not any("大学" in s or "院士" in s for s, _ in rewarded)


def test_two_affiliations_of_one_recipient_joined_by_dunhao():
    """``中国科学院院士、南京大学教授X`` is one recipient: an item holding only an affiliation and a
    title describes the name that follows and is no recipient of its own."""
    t = ("2023年度江苏省科学技术奖励的决定\n"
         "授予中国科学院院士、南京大学教授孙宏达,东南大学首席科学家钱雅琴2023年度江苏省科学技术突出贡献奖。")
    grants = read_grants(t)
    assert [[(r.label, r.name(t)) for r in g.recipients] for g in grants] == [
        [("Person", "孙宏达"), ("Person", "钱雅琴")]]


def test_transliterated_name_typed_with_a_bullet_dot_after_its_institute():
    """``皮埃尔•勒福尔`` (a bullet between the parts) is the same name as ``皮埃尔·勒福尔``; the
    institute, the title and the original name in brackets are no part of it."""
    t = ("2022年度广东省科学技术奖励的决定\n"
         "授予法国巴斯德研究所研究员皮埃尔•勒福尔(Pierre Lefort)2022年度广东省科技合作奖。")
    grants = read_grants(t)
    assert [(g.award.name(t), [(r.label, r.name(t)) for r in g.recipients]) for g in grants] == [
        ("2022年度广东省科技合作奖", [("Person", "皮埃尔·勒福尔")])]


def test_corporate_and_public_posts_before_an_honoured_persons_name(resolver):
    """``<company><post><name>`` (``…有限公司董事长X``, ``…医院院长Y``) names the person after the
    post: the company and the post are no part of the name, and the person is rewarded."""
    from graph.model import Document
    t = ("河北省人民政府关于表彰2021年度河北省杰出企业家的决定\n"
         "授予唐山钢铁集团有限公司董事长马晓峰、石家庄华瑞电子科技股份有限公司总经理郑丽萍、"
         "保定市第一中心医院院长何文涛等3人“2021年度河北省杰出企业家”称号。")
    grants = read_grants(t)
    assert [(g.award.name(t), [(r.label, r.name(t)) for r in g.recipients]) for g in grants] == [
        ("2021年度河北省杰出企业家", [("Person", "马晓峰"), ("Person", "郑丽萍"), ("Person", "何文涛")])]
    doc = Document(key="冀政发〔2022〕2号", number="冀政发〔2022〕2号", title=t.split("\n")[0], text=t,
                   issuers=["河北省人民政府"])
    rewarded = triples(extract(doc, [], resolver), "gov:rewardedBy")
    assert rewarded == {(n, "2021年度河北省杰出企业家") for n in ("马晓峰", "郑丽萍", "何文涛")}


def test_a_rating_of_the_remaining_places_names_no_region():
    """``其余县区考核等次为合格`` rates "the rest": no region is named, so no rating is read from it,
    while the named places before keep theirs."""
    t = ("宁夏回族自治区人民政府办公厅关于2021年度河湖长制工作考核结果的通报\n"
         "银川市、石嘴山市考核等次为优秀;\n吴忠市考核等次为良好;\n其余市县考核等次为合格。")
    grants = read_grants(t)
    assert [(g.award.name(t), [(r.label, r.name(t)) for r in g.recipients]) for g in grants] == [
        ("2021年度河湖长制工作考核优秀", [("Region", "银川市"), ("Region", "石嘴山市")]),
        ("2021年度河湖长制工作考核良好", [("Region", "吴忠市")])]


def test_an_affiliation_in_brackets_after_a_recipient_is_no_part_of_the_name():
    """``X(某大学)``: the bracket names where the person works, not the person."""
    t = ("吉林省人民政府关于2023年度吉林省科学技术奖励的决定\n"
         "授予李明远(吉林大学)、长春理工大学王海峰团队2023年度吉林省科学技术突出贡献奖。")
    grants = read_grants(t)
    assert [(r.label, r.name(t)) for g in grants for r in g.recipients][0] == ("Person", "李明远")
