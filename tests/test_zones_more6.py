"""Development zones in an approval of a city's zone-integration plan: the items listing
the zones after integration with their parts in brackets (``X(整合A、B)``) give
``X gov:integrates`` each part, and the approval establishes a listed zone it sets up
(``X成立管理委员会``, ``以X为主平台``), not a listed zone that only takes in others, nor
anything in a published catalogue of zones; a city or county name alone before a
generic ending (``滁州市开发区(园区)整合提升``) names a category, not a zone.

The sentences are written for these tests (other provinces and years than any
sample), not taken from the corpus."""

from __future__ import annotations

from datetime import date

from graph.extract import establishment, zones
from readings import document, labelled, stated

APPROVAL_TITLE = "安徽省人民政府关于同意滁州市开发区(园区)整合提升方案的批复"

APPROVAL = (
    "滁州市人民政府:\n"
    "你市《关于滁州市开发区(园区)整合提升方案的请示》(滁政〔2022〕11号)收悉。现批复如下:\n"
    "一、原则同意《滁州市开发区(园区)整合提升方案》。\n"
    "二、整合提升后的开发区(园区)名单如下:\n"
    "(一)滁州高端制造新区(整合滁州经济技术开发区和滁州南谯工业园区);\n"
    "(二)安徽来安经济开发区(整合来安汊河工业园区、来安新安工业\n园区)。\n"
    "三、滁州高端制造新区成立管理委员会,为滁州市人民政府派出机构。\n"
)


def facts(kit, text: str, title: str, module, predicate: str) -> list:
    """Labels of the ``predicate`` facts ``module`` reads from a document of ``text``
    under ``title`` (:func:`readings.stated`)."""
    doc = document(title + "\n" + text, "皖政秘〔2022〕58号", date(2022, 6, 8), title=title)
    return stated(kit, doc, module, predicate)


# -- X(整合A、B) ---------------------------------------------------------------------

def test_bracketed_parts_of_a_listed_zone_are_integrated(kit):
    assert facts(kit, APPROVAL, APPROVAL_TITLE, zones, "gov:integrates") == [
        ("安徽来安经济开发区", "来安新安工业园区"),
        ("安徽来安经济开发区", "来安汊河工业园区"),
        ("滁州高端制造新区", "滁州南谯工业园区"),
        ("滁州高端制造新区", "滁州经济技术开发区"),
    ]


def test_a_bracket_without_the_verb_or_with_other_words_integrates_nothing(kit):
    text = ("一、推动滁州经济技术开发区(国家级)提质升级。\n"
            "二、支持安徽来安经济开发区(整合提升)建设,鼓励来安汊河工业园区发展。\n")
    assert facts(kit, text, "安徽省人民政府关于推进开发区高质量发展的意见", zones, "gov:integrates") == []


# -- the new zone the approval sets up ------------------------------------------------

def test_the_approval_establishes_the_listed_zone_it_sets_up_a_committee_for(kit):
    assert facts(kit, APPROVAL, APPROVAL_TITLE, establishment, "gov:establishes") == ["滁州高端制造新区"]


def test_the_main_platform_of_the_integration_is_the_new_zone(kit):
    text = ("一、原则同意《六安市开发区(园区)整合提升方案》。整合后,全市以六安现代产业新区为主平台。\n"
            "二、整合后的开发区(园区)如下:\n"
            "1.六安现代产业新区(整合六安经济技术开发区、六安裕安工业园区);\n"
            "2.安徽霍山经济开发区(整合霍山衡山工业园区)。\n")
    title = "安徽省人民政府关于同意六安市开发区(园区)整合提升方案的批复"
    assert facts(kit, text, title, establishment, "gov:establishes") == ["六安现代产业新区"]


def test_a_published_catalogue_of_zones_establishes_nothing(kit):
    text = ("经省政府同意,现将《安徽省开发区(园区)名单(2022年版)》予以公布。\n"
            "1.滁州高端制造新区(整合滁州经济技术开发区、滁州南谯工业园区)\n"
            "滁州高端制造新区设立管委会。\n")
    title = "安徽省人民政府办公厅关于公布安徽省开发区(园区)名单(2022年版)的通知"
    assert facts(kit, text, title, establishment, "gov:establishes") == []


# -- 滁州市开发区: a category --------------------------------------------------------

def test_a_city_or_county_name_before_a_generic_ending_is_no_zone(kit):
    found = labelled(kit, "推进滁州市开发区(园区)整合提升,来安县开发区和全市开发区要加快转型。", "DevelopmentZone")
    assert found == []


def test_a_place_stem_before_a_specific_kind_is_still_a_zone(kit):
    found = labelled(kit, "支持滁州经济技术开发区和来安汊河工业园区加快转型。", "DevelopmentZone")
    assert found == ["滁州经济技术开发区", "来安汊河工业园区"]
