"""Development zones: industrial function areas and small estates after a place, "place +
field + 港" platforms, zone endings cut by a hard line wrap, honour titles shaped like zone
names (an Award, not a zone), a zone's managing committee (an Agency) and ``将A、B整合纳入X``.

The sentences are written for these tests (other provinces and years than any
sample), not taken from the corpus."""

from __future__ import annotations

from datetime import date

from readings import integrates as _integrates, labelled


def integrates(kit, text: str) -> list[tuple[str, str]]:
    """``(zone, integrated zone)`` labels of the integration facts read from ``text``, sorted."""
    return _integrates(kit, text, "测试〔2022〕5号", date(2022, 3, 1))


# -- endings --------------------------------------------------------------------

def test_industrial_function_areas_and_small_estates_after_a_place(kit):
    text = "推进长兴县泗安工业小区、嵊州市甘霖工业功能区和宜都市枝城工业功能区提质增效。"
    assert labelled(kit, text, "DevelopmentZone") == ["长兴县泗安工业小区", "嵊州市甘霖工业功能区",
                                                      "宜都市枝城工业功能区"]


def test_place_field_harbour_platforms(kit):
    text = "高水平建设武汉医药港、萧山信息港和宁波智造港,打造一批数字港。"
    assert labelled(kit, text, "DevelopmentZone") == ["武汉医药港", "萧山信息港", "宁波智造港"]


def test_a_bare_harbour_or_field_ending_is_no_zone(kit):
    text = "加快建设医药港和信息港,提升宁波舟山港能级。"
    assert labelled(kit, text, "DevelopmentZone") == []


# -- hard line wraps ----------------------------------------------------------------

def test_a_zone_ending_cut_by_a_line_wrap_is_one_zone(kit):
    text = "湖北省人民政府关于同意湖北宜都工业园\n区升级为省级经济开发区的批复\n同意将有关园区整合纳入湖北宜都经济开发\n区,实行统一管理。"
    assert labelled(kit, text, "DevelopmentZone") == ["湖北宜都工业园区", "湖北宜都经济开发区"]


# -- honour titles --------------------------------------------------------------------

def test_a_zone_shaped_title_to_grant_is_an_award(kit):
    text = "开展年度评价,对成效突出的园区授予“湖北省生物医药产业创新示范园区”称号。"
    assert labelled(kit, text, "DevelopmentZone") == []
    assert labelled(kit, text, "Award") == ["湖北省生物医药产业创新示范园区"]


def test_a_province_title_after_a_recognition_verb_is_no_zone(kit):
    text = "2021年,宜都化工园区被认定为湖北省绿色低碳示范园区,并支持湖北宜都经济开发区创建国家级开发区。"
    found = labelled(kit, text, "DevelopmentZone")
    assert "湖北省绿色低碳示范园区" not in found
    assert "湖北宜都经济开发区" in found


# -- managing committees ----------------------------------------------------------

def test_a_zones_managing_committee_is_an_agency(kit):
    text = "三、宜都市红花工业集聚区由湖北宜都经济开发区管理委员会托管,泰兴经济开发区管委会负责建设。"
    assert labelled(kit, text, "Agency") == ["湖北宜都经济开发区管理委员会", "泰兴经济开发区管委会"]
    assert "宜都市红花工业集聚区" in labelled(kit, text, "DevelopmentZone")


# -- integration ------------------------------------------------------------------

def test_zones_merged_into_a_zone_are_integrated(kit):
    text = ("一、同意湖北宜都工业园区升级为省级经济开发区,定名为湖北宜都经济开发区。\n"
            "二、同意将宜都市枝城工业功能区、宜都市陆城工业功能区整合纳入湖北宜都经济开发区,实行统一规划。\n"
            "三、宜都市红花工业集聚区由湖北宜都经济开发区管理委员会托管。")
    assert sorted(integrates(kit, text)) == [("湖北宜都经济开发区", "宜都市枝城工业功能区"),
                                             ("湖北宜都经济开发区", "宜都市陆城工业功能区")]
