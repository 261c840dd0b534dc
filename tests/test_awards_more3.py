"""Awards conferred on foreign experts, prize names in quotes, institutions sharing a
cooperation award, and 督查激励 items whose places are 市州.

The texts are written for these tests, after decisions and notices of other provinces
(新疆 天山友谊奖, 江苏 国际科学技术合作奖, 湖南 督查激励); names are made up.
"""

from graph.nlp.awards import incentive_items, read_grants


def grants(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    return [(g.award.name(text), [(r.label, r.name(text)) for r in g.recipients]) for g in read_grants(text)]


DECISION = (
    "新疆维吾尔自治区人民政府关于授予安娜·施密特等3名外国专家2022年度天山友谊奖的决定\n"
    "自治区人民政府决定,授予安娜·施密特等3名外国专家2022年度“天山友谊奖”。\n"
    "附件:2022年度天山友谊奖获奖人员名单\n"
    "新疆维吾尔自治区人民政府\n"
    "2022年10月8日\n"
    "附件\n"
    "2022年度天山友谊奖获奖人员名单\n"
    "安娜·施密特(Anna Schmidt)\t德国\t新疆大学教授\n"
    "若泽·佩雷拉(José Pereira)\t葡萄牙\t特变电工股份有限公司高级顾问\n"
    "佐藤健太(Kenta Sato)\t日本\t石河子大学客座教授\n"
    "【打印本页】【关闭窗口】\n"
)


def test_quoted_prize_name_without_grade_is_an_award_of_the_decision():
    found = grants(DECISION)
    assert [a for a, _ in found] == ["2022年度天山友谊奖"]


def test_count_of_foreign_experts_is_no_part_of_the_name():
    t = "授予卡尔·贝克等4名外国专家2021年度“黄河友谊奖”。"
    assert grants(t) == [("2021年度黄河友谊奖", [("Person", "卡尔·贝克")])]


def test_quote_opening_before_the_year():
    t = "授予卡尔·贝克“2021年度黄河友谊奖”。"
    assert grants(t) == [("2021年度黄河友谊奖", [("Person", "卡尔·贝克")])]


def test_every_expert_of_the_attachment_table_is_a_recipient():
    (_, recipients), = grants(DECISION)
    assert recipients == [("Person", "安娜·施密特"), ("Person", "若泽·佩雷拉"), ("Person", "佐藤健太")]


def test_institution_sharing_a_cooperation_award_with_a_person():
    t = "授予德国弗劳恩霍夫协会和法国巴黎大学教授让·杜邦2022年度江苏省国际科学技术合作奖。"
    assert grants(t) == [("2022年度江苏省国际科学技术合作奖",
                          [("Institution", "德国弗劳恩霍夫协会"), ("Person", "让·杜邦")])]


def test_two_persons_joined_stay_persons():
    t = "授予张明远教授和李海峰团队2020年度湖南省科学技术进步奖一等奖。"
    assert grants(t) == [("2020年度湖南省科学技术进步奖一等奖",
                          [("Person", "张明远"), ("Person", "李海峰团队")])]


def test_incentive_item_of_cities_and_prefectures_written_without_brackets():
    t = ("湖南省人民政府办公厅关于对2022年度落实有关重大政策措施真抓实干成效明显地方予以督查激励的通报\n"
         "一、促进外贸稳增长成效明显的市州:岳阳市、湘西州。给予每个市州500万元奖励。(省商务厅组织实施)\n"
         "二、农业生产成效明显的县市区:浏阳市、桃源县。给予倾斜支持。(省农业农村厅组织实施)\n")
    items = incentive_items(t)
    assert [(i.heading, [t[r.start:r.end] for r in i.regions]) for i in items] == [
        ("促进外贸稳增长成效明显的市州", ["岳阳市", "湘西州"]),
        ("农业生产成效明显的县市区", ["浏阳市", "桃源县"]),
    ]


def test_numbered_attachment_table_with_header_row():
    t = ("宁夏回族自治区人民政府关于授予卡尔·贝克等2名外国专家2023年度“六盘山友谊奖”的决定\n"
         "自治区人民政府决定,授予卡尔·贝克等2名外国专家2023年度“六盘山友谊奖”。\n"
         "附件\n"
         "2023年度六盘山友谊奖获奖者名单\n"
         "序号\t姓名\t国籍\t工作单位及职务\n"
         "1\t卡尔·贝克(Karl Becker)\t德国\t宁夏大学教授\n"
         "2\t奥尔加·伊万诺娃(Olga Ivanova)\t俄罗斯\t宁夏某新材料有限公司首席科学家\n")
    assert grants(t) == [("2023年度六盘山友谊奖",
                          [("Person", "卡尔·贝克"), ("Person", "奥尔加·伊万诺娃")])]


def test_laboratory_before_a_team_is_no_part_of_the_team():
    t = "授予院士周立新、鹏城实验室王海涛团队2022年度广东省科学技术突出贡献奖。"
    (award, recipients), = grants(t)
    assert ("Person", "王海涛团队") in recipients
    assert all("实验室" not in name for _, name in recipients)
