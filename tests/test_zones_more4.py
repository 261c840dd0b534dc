"""Development zones: the longest name ending wins (``农业科技园区`` over ``科技园``,
``物流园区`` over ``物流园``), a category after a full province name is no zone
(``湖南省农业科技园区建设管理办法``), and a merger approval keeping one name
(``同意A与B整合。整合后保留A名称``) gives ``A gov:integrates B``.

The sentences are written for these tests (other provinces and years than any
sample), not taken from the corpus."""

from __future__ import annotations

from datetime import date

from readings import integrates as _integrates, labelled


def integrates(kit, text: str) -> list[tuple[str, str]]:
    """``(zone, integrated zone)`` labels of the integration facts read from ``text``, sorted."""
    return _integrates(kit, text, "测试〔2023〕9号", date(2023, 5, 1))


# -- the longest ending wins ---------------------------------------------------------

def test_an_agricultural_science_park_keeps_its_last_character(kit):
    text = "省政府决定认定浏阳柏加农业科技园区等3个园区为第四批省级农业科技园区。"
    assert labelled(kit, text, "DevelopmentZone") == ["浏阳柏加农业科技园区"]


def test_a_logistics_park_and_a_hi_tech_park_keep_their_longest_ending(kit):
    text = "支持临沂商城物流园区、醴陵陶瓷产业园和株洲高新技术产业园区协同发展。"
    assert labelled(kit, text, "DevelopmentZone") == ["临沂商城物流园区", "醴陵陶瓷产业园", "株洲高新技术产业园区"]


def test_parks_of_a_flattened_recognition_table_are_whole(kit):
    text = ("第四批省级农业科技园区名单\n序号\n园区名称\n所在地\n1\n浏阳柏加农业科技园区\n长沙市浏阳市\n"
            "2\n醴陵浦口农业科技园区\n株洲市醴陵市\n3\n宁乡大成桥农业科技园区\n长沙市宁乡市\n")
    assert labelled(kit, text, "DevelopmentZone") == ["浏阳柏加农业科技园区", "醴陵浦口农业科技园区",
                                                      "宁乡大成桥农业科技园区"]


def test_a_park_ending_cut_by_a_line_wrap_keeps_its_longest_ending(kit):
    text = "推动醴陵浦口农业科技园\n区与株洲物流园\n区联动发展。"
    assert labelled(kit, text, "DevelopmentZone") == ["醴陵浦口农业科技园区", "株洲物流园区"]


def test_a_category_after_a_full_province_name_is_no_zone(kit):
    text = "根据《湖南省农业科技园区建设管理办法》,对湖南省级农业科技园区实行动态管理。"
    assert labelled(kit, text, "DevelopmentZone") == []


def test_a_zone_after_a_full_province_name_and_a_place_is_kept(kit):
    text = "同意将株洲物流园区并入湖南省株洲经济开发区统一管理。"
    assert "湖南省株洲经济开发区" in labelled(kit, text, "DevelopmentZone")


# -- a merger keeping one name -----------------------------------------------------

def test_a_merger_keeping_one_name_integrates_the_other(kit):
    text = ("湖南省人民政府关于同意湖南醴陵经济开发区与醴陵陶瓷产业园区整合的批复\n"
            "一、同意湖南醴陵经济开发区与醴陵陶瓷产业园区整合。整合后保留湖南醴陵经济开发区名称,"
            "醴陵陶瓷产业园区不再单独保留,其区域纳入湖南醴陵经济开发区统一规划、统一管理。\n")
    assert integrates(kit, text) == [("湖南醴陵经济开发区", "醴陵陶瓷产业园区")]


def test_an_approval_keeping_the_second_name_integrates_the_first(kit):
    text = "二、同意株洲物流园区和湖南株洲经济开发区合并,保留湖南株洲经济开发区的名称。\n"
    assert integrates(kit, text) == [("湖南株洲经济开发区", "株洲物流园区")]


def test_a_zone_merged_into_another_is_integrated(kit):
    text = "三、同意攸县网岭工业园区并入湖南攸县经济开发区。\n"
    assert integrates(kit, text) == [("湖南攸县经济开发区", "攸县网岭工业园区")]


def test_keeping_a_name_without_a_merger_integrates_nothing(kit):
    text = "一、同意湖南醴陵经济开发区调整区位,保留湖南醴陵经济开发区名称。醴陵陶瓷产业园区继续发展。\n"
    assert integrates(kit, text) == []
