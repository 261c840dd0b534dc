"""Honour-title decisions whose holders are listed in a 称号获得者名单, city commendations
(通报表扬) whose numbered headings each list their recipients (places, then bodies), and a
city's or county's 数据局 among them.

The texts are written for these tests, after decisions and notices of other provinces and
cities (湖南, 福建 漳州, 安徽 芜湖); names, counts and years are made up.
"""

from datetime import date

import pytest

from graph.extract.awards import extract
from graph.model import Document
from graph.nlp.awards import headed_grants, read_grants
from graph.resolve import Resolver
from readings import label_pairs as _triples


def grants(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    return [(g.award.name(text), [(r.label, r.name(text)) for r in g.recipients]) for g in read_grants(text)]


TITLE_DECISION = (
    "湖南省人民政府关于授予刘建国等4名同志“湖南省优秀专家”称号的决定\n"
    "湘政发〔2022〕9号\n"
    "各市州人民政府,省政府各厅委、各直属机构:\n"
    "为表彰先进,省人民政府决定,授予刘建国等4名同志“湖南省优秀专家”称号。\n"
    "附件:“湖南省优秀专家”称号获得者名单\n"
    "湖南省人民政府\n2022年5月10日\n"
    "附件\n"
    "“湖南省优秀专家”称号获得者名单\n"
    "刘建国 中南大学教授\n"
    "何丽萍(女) 长沙矿冶研究院有限责任公司总工程师\n"
    "唐志远 湘潭钢铁集团有限公司高级工程师\n"
    "欧阳敏(女) 湖南省人民医院主任医师\n"
)


def test_title_holders_listed_in_the_attachment_are_rewarded():
    found = dict(grants(TITLE_DECISION))
    assert found["湖南省优秀专家"] == [("Person", "刘建国"), ("Person", "何丽萍"), ("Person", "唐志远"),
                                 ("Person", "欧阳敏")]


def test_labour_model_title_with_a_honour_word():
    t = ("关于授予王海燕等2名同志“市劳动模范”荣誉称号的决定\n授予王海燕等2名同志“市劳动模范”荣誉称号。\n"
         "“市劳动模范”荣誉称号获得者名单\n王海燕(女) 某某纺织有限公司车间主任\n李长青 某某港务集团有限公司技师\n")
    assert dict(grants(t))["市劳动模范"] == [("Person", "王海燕"), ("Person", "李长青")]


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


def test_title_is_conferred_by_the_government(resolver):
    d = Document(key="湘政发〔2022〕9号", title="湖南省人民政府关于授予刘建国等4名同志“湖南省优秀专家”称号的决定",
                 text=TITLE_DECISION, issuers=["湖南省人民政府"])
    facts = extract(d, [], resolver)
    assert ("湖南省优秀专家", "湖南省人民政府") in _triples(facts, "gov:conferredBy")
    assert ("欧阳敏", "湖南省优秀专家") in _triples(facts, "gov:rewardedBy")


CITY_NOTICE = (
    "漳州市人民政府关于表扬2022年度招商引资工作成效明显单位的通报\n"
    "漳政综〔2023〕12号\n"
    "各县(市、区)人民政府,市直有关单位:\n"
    "2022年,各地各部门扎实开展招商引资攻坚行动,经市政府研究,决定对成效明显的3个县(市、区)和4家单位予以通报表扬。\n"
    "一、招商引资工作成效明显县(市、区)(3个)\n"
    "龙文区、龙海区、漳浦县\n"
    "二、招商引资工作先进单位(4家)\n"
    "市商务局、市数据局、国家税务总局漳州市税务局、厦门海关\n"
    "希望受表扬的地区和单位珍惜荣誉,再创佳绩。\n"
    "漳州市人民政府\n2023年2月20日\n"
)


def test_each_heading_is_an_award_with_its_recipients():
    found = dict(grants(CITY_NOTICE))
    assert found["2022年度招商引资工作成效明显县(市、区)"] == [("Region", "龙文区"), ("Region", "龙海区"),
                                                   ("Region", "漳浦县")]
    assert found["2022年度招商引资工作先进单位"] == [
        ("Agency", "市商务局"), ("Agency", "市数据局"), ("Agency", "国家税务总局漳州市税务局"), ("Agency", "厦门海关")]


def test_list_run_into_the_next_paragraph_ends_there():
    t = CITY_NOTICE.replace("厦门海关\n希望", "厦门海关希望")
    found = dict(grants(t))
    assert found["2022年度招商引资工作先进单位"][-1] == ("Agency", "厦门海关")
    assert len(found["2022年度招商引资工作先进单位"]) == 4


def test_persons_under_a_heading_of_persons():
    t = ("芜湖市人民政府关于表彰2023年度安全生产工作先进集体和先进个人的通报\n"
         "一、安全生产工作先进集体(1个)\n市应急管理局\n"
         "二、安全生产工作先进个人(2名)\n张卫东 芜湖市消防救援支队大队长\n陈晓梅(女) 繁昌区人民政府副区长\n")
    found = dict((name, rs) for name, rs in (
        (g.award.name(t), [(r.label, r.name(t)) for r in g.recipients]) for g in headed_grants(t, "2023")))
    assert found["2023年度安全生产工作先进个人"] == [("Person", "张卫东"), ("Person", "陈晓梅")]
    assert found["2023年度安全生产工作先进集体"] == [("Agency", "市应急管理局")]


def test_no_award_without_a_commendation_or_under_a_criticism():
    plan = ("关于印发2023年度重点工作任务的通知\n一、重点任务(3项)\n市商务局、市财政局\n")
    assert list(headed_grants(plan, "2023")) == []
    criticism = ("关于2023年度工作情况的通报\n予以表扬。\n一、工作滞后被通报批评单位(2家)\n市商务局、市财政局\n")
    assert list(headed_grants(criticism, "2023")) == []
    # a numbered heading with no count that ends like no honour lists nothing
    plain = "关于表扬的通报\n一、总体情况\n市商务局、市财政局\n"
    assert list(headed_grants(plain, "2023")) == []


def test_city_notice_facts(resolver):
    d = Document(key="漳政综〔2023〕12号", title=CITY_NOTICE.splitlines()[0], text=CITY_NOTICE,
                 issuers=["漳州市人民政府"])
    facts = extract(d, [], resolver)
    conferred = _triples(facts, "gov:conferredBy")
    assert ("2022年度招商引资工作先进单位", "漳州市人民政府") in conferred
    assert ("2022年度招商引资工作成效明显县(市、区)", "漳州市人民政府") in conferred
    assert ("漳浦县", "2022年度招商引资工作成效明显县(市、区)") in _triples(facts, "gov:rewardedBy")


def test_city_data_bureau_resolves_like_other_city_bureaus(resolver):
    d = Document(key="台政发〔2024〕5号", title="台州市人民政府关于表扬的通报", text="", number="台政发〔2024〕5号",
                 issuers=["台州市人民政府"], date=date(2024, 5, 6))
    bound = resolver.bound(d)
    assert bound.resolve("市数据局", "Agency").label == "台州市数据局"
    assert resolver.resolve("温岭市数据局", "Agency", when=date(2024, 5, 6)).attrs.get("unknown") is None
