"""Development zones: ``整合原A和B`` in an approval's running text (the former mark
before the first part) gives the set-up zone ``gov:integrates`` each part, also when
the sentence opens with the short name the approval declares (``(以下简称产业园)``);
entrepreneurship parks named after a place (``…创业园``, ``…众创园``) are zones; a
zone name cut by a line break before its ending (a title laid out over two lines)
is one zone, so the province opening it is no Region of its own.

The sentences are written for these tests (other provinces and years than any
sample), not taken from the corpus."""

from __future__ import annotations

from datetime import date

from readings import integrates as _integrates, labelled


def integrates(kit, text: str) -> list[tuple[str, str]]:
    """``(zone, integrated zone)`` labels of the integration facts read from ``text``, sorted."""
    return _integrates(kit, text, "测试〔2022〕7号", date(2022, 3, 1))


# -- 整合原A和B ------------------------------------------------------------------------

def test_former_mark_before_the_first_part_of_an_integration_list(kit):
    text = ("一、同意设立江西樟树高新技术产业园区。园区规划面积6.2平方公里,位于樟树市洋湖乡,"
            "整合原樟树市盐化工业园区和樟树市药都工业功能区。")
    assert integrates(kit, text) == [
        ("江西樟树高新技术产业园区", "樟树市盐化工业园区"),
        ("江西樟树高新技术产业园区", "樟树市药都工业功能区"),
    ]


def test_former_mark_before_every_part_of_a_three_part_list(kit):
    text = ("一、同意设立湖南浏阳经济开发区。开发区位于浏阳市,"
            "整合原浏阳市永安工业园区、原浏阳市洞阳工业功能区和原浏阳市镇头工业园区。")
    assert integrates(kit, text) == [
        ("湖南浏阳经济开发区", "浏阳市永安工业园区"),
        ("湖南浏阳经济开发区", "浏阳市洞阳工业功能区"),
        ("湖南浏阳经济开发区", "浏阳市镇头工业园区"),
    ]


def test_the_declared_short_name_opens_the_integration_sentence(kit):
    text = ("一、同意设立东阳影视文化产业园(以下简称产业园)。产业园位于横店镇,规划面积3.1平方公里,"
            "整合原东阳横店电子商务创业园和东阳南马物流园。")
    assert integrates(kit, text) == [
        ("东阳影视文化产业园", "东阳南马物流园"),
        ("东阳影视文化产业园", "东阳横店电子商务创业园"),
    ]


def test_a_former_mark_without_a_zone_set_up_gives_nothing(kit):
    text = "各地要整合原有的工业园区和物流园区资源,提高土地利用效率。"
    assert integrates(kit, text) == []


# -- 创业园, 众创园 ---------------------------------------------------------------------

def test_entrepreneurship_parks_named_after_a_place_are_zones(kit):
    text = "支持常州武进众创园、金华婺城电子商务创业园和湖州南浔创新园建设。"
    assert labelled(kit, text, "DevelopmentZone") == ["常州武进众创园", "金华婺城电子商务创业园", "湖州南浔创新园"]


def test_a_bare_entrepreneurship_park_is_a_category(kit):
    text = "鼓励高校建设大学生创业园和众创园,为青年创业提供场地。"
    assert labelled(kit, text, "DevelopmentZone") == []


# -- a zone name cut by a line break before its ending -------------------------------

def test_a_title_wrapped_before_the_zone_ending_gives_one_zone_and_no_province(kit):
    text = "福建省人民政府关于同意设立福建南安石井\n高新技术产业园区的批复\n闽政文〔2021〕45号\n泉州市人民政府:"
    assert labelled(kit, text, "DevelopmentZone") == ["福建南安石井高新技术产业园区"]
    assert labelled(kit, text, "Region") == []


def test_a_line_not_opening_at_a_place_is_not_joined_to_a_zone_ending(kit):
    text = "附件\n高新技术产业园区认定条件"
    assert labelled(kit, text, "DevelopmentZone") == []
