"""Honour titles that plans set as goals or mention as held (gov:Award outside a conferral).

The texts are written for these tests, after plans of other provinces.
"""

from graph.nlp.awards import find_awards, goal_titles


def names(text: str) -> list[str]:
    return [f.name(text) for f in goal_titles(text)]


def test_title_after_a_creation_verb():
    t = "各地要积极争创国家生态园林城市,2025年前成功创建全国文明城市。"
    assert names(t) == ["国家生态园林城市", "全国文明城市"]


def test_title_without_a_level_word_needs_a_strong_creation_context():
    assert names("深化畜产品质量安全示范省创建,巩固提升成果。") == ["畜产品质量安全示范省"]
    # 建成 a goal with no level word is a policy aim, not an honour
    assert names("到2025年,高质量建成数字生态示范省。") == []


def test_bare_place_head_needs_level_and_creation_context():
    t = "推进12个以上省级水产品质量安全市、3个国家级水产品质量安全县创建。"
    assert names(t) == ["省级水产品质量安全市", "国家级水产品质量安全县"]
    # a level word and a bare 县 without any creation context: a category
    assert names("对国家级贫困县给予倾斜支持。") == []


def test_title_with_a_place_note_is_one_award():
    t = "支持江西省各地创建国家级农产品质量安全县(市)。"
    assert names(t) == ["国家级农产品质量安全县(市)"]


def test_title_mentioned_as_held_or_set_as_target():
    t = "以国家森林城市、森林城市群建设为抓手,全省设区市全部建成国家森林城市。"
    assert names(t) == ["国家森林城市", "国家森林城市"]


def test_zone_endings_stay_zones():
    assert names("支持建设武汉东湖国家自主创新示范区,打造全国工业互联网发展示范区。") == []
    assert names("争创国家生态文明建设示范区。") == ["国家生态文明建设示范区"]


def test_lead_words_and_counts_are_no_part_of_the_title():
    t = "深入开展国家食品安全示范城市创建,国家食品安全示范城市(个) 5"
    assert names(t) == ["国家食品安全示范城市", "国家食品安全示范城市"]
    assert names("认定一批省级以上知识产权服务业集聚发展示范区。") == []


def test_slogans_and_categories_are_no_titles():
    assert names("加快建设质量强省、制造强省,建设一批示范县。") == []


def test_titles_are_read_only_where_nothing_is_conferred():
    plan = "大力推进国家食品安全示范城市创建。"
    assert [f.name(plan) for f in find_awards(plan) if f.label == "Award"] == ["国家食品安全示范城市"]
