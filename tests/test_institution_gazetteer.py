"""Known institutions and enterprises (``ontology/institutions.tsv``): loaded into
the gazetteer, matched as Institution mentions whichever form the text uses
(official name or short form), resolved to one node per institution, and never
matched inside ordinary words or cutting a longer name.

The sentences are written for these tests (not taken from the corpus)."""

from __future__ import annotations

from datetime import date


from graph.extract import location
from graph.gazetteer import load_gazetteer, read_tsv, DATA_DIR
from graph.model import Document
from graph.nlp import find_mentions, find_mentions_in_text
from graph.vocab import mint_for_class


def institutions_in(kit, text: str) -> list[str]:
    return [m.text for m in find_mentions_in_text(kit[0], text) if m.label == "Institution"]


# -- the table ------------------------------------------------------------------

def test_table_rows_are_unique_and_aliases_not_shared():
    rows = read_tsv(DATA_DIR / "institutions.tsv")
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names))
    seen: dict[str, str] = {}
    for r in rows:
        for alias in filter(None, (a.strip() for a in r["aliases"].split(";"))):
            assert seen.setdefault(alias, r["name"]) == r["name"], alias
            assert alias not in names, alias


def test_short_forms_are_long_enough():
    """Two-character aliases are the few that are never ordinary words."""
    g = load_gazetteer()
    short = sorted(a for i in g.institutions.values() for a in i.aliases if len(a) < 3)
    assert short == ["浙大", "清华", "腾讯"]


def test_lookup_by_alias_and_region_column():
    g = load_gazetteer()
    assert g.institution_by_name("中石油").name == "中国石油天然气集团有限公司"
    assert g.institution_by_name("浙石化").name == "浙江石油化工有限公司"
    assert g.institutions["浙江师范大学"].region_adcode == "330700"
    assert g.institution_by_name("中控") is None


def test_agency_names_are_not_taken_over():
    forms = load_gazetteer().all_surface_forms()
    assert forms["中科院"] == ("Institution", "中国科学院")
    assert forms["省发展改革委"][0] == "Agency"


# -- matching -----------------------------------------------------------------------

def test_short_forms_found_in_running_text(kit):
    text = "四川省将与中石化、中国移动和哈工大开展战略合作，支持宁德时代在宜宾扩大产能。"
    assert institutions_in(kit, text) == ["中石化", "中国移动", "哈工大", "宁德时代"]


def test_ordinary_words_are_not_matched(kit):
    text = "湖北大力推进全国网络安全建设，规范施工行为，加强中控室值守，中国银行业协会参加。"
    found = institutions_in(kit, text)
    assert not {"北大", "国网", "工行", "中控", "中国银行"} & set(found)


def test_longer_pattern_name_stays_whole(kit):
    text = "广东省与浙江大学医学院附属第二医院、清华大学深圳国际研究生院签订协议。"
    found = institutions_in(kit, text)
    assert "浙江大学医学院附属第二医院" in found
    assert "浙大" not in found and "浙江大学" not in found
    assert "清华" not in found


def test_short_form_before_a_place_name_is_read_first(kit):
    """``阿里云和`` is the enterprise, not the county 云和."""
    mentions = find_mentions_in_text(kit[0], "支持阿里云和吉利控股集团参与城市大脑建设")
    assert [(m.text, m.label) for m in mentions] == [
        ("阿里云", "Institution"), ("吉利控股集团", "Institution")]


# -- resolution ------------------------------------------------------------------------

def test_short_form_resolves_to_official_node(kit):
    resolver = kit[1]
    entity = resolver.resolve("中海油", "Institution")
    assert entity.label == "中国海洋石油集团有限公司"
    assert entity.iri == mint_for_class("Institution", "中国海洋石油集团有限公司")
    assert "中海油" in entity.alt_labels


def test_two_forms_in_one_text_make_one_node(kit):
    nlp, resolver = kit
    doc = Document(key="川府发〔2023〕9号", title="", number="川府发〔2023〕9号", date=date(2023, 5, 1),
                   text="省政府与中国科学院签署合作协议，中科院将在成都设立分支机构。")
    iris = {resolver.resolve(m.text, m.label).iri for m in find_mentions(nlp, doc) if m.label == "Institution"}
    assert len(iris) == 1


def test_official_name_and_alias_of_a_bank_share_a_node(kit):
    resolver = kit[1]
    a = resolver.resolve("中国农业发展银行", "Institution")
    b = resolver.resolve("农发行", "Institution")
    assert a.iri == b.iri and b.label == "中国农业发展银行"


def test_region_column_draws_no_placement(kit):
    nlp, resolver = kit
    doc = Document(key="鲁政字〔2022〕7号", title="", number="鲁政字〔2022〕7号", date=date(2022, 4, 1),
                   text="支持比亚迪、中海油在山东设立研发中心。")
    facts = location.extract(doc, find_mentions(nlp, doc), resolver)
    subjects = {f.subject for f in facts if f.predicate == "gov:locatedIn"}
    assert resolver.resolve("比亚迪", "Institution").iri not in subjects
    assert resolver.resolve("中海油", "Institution").iri not in subjects


def test_no_match_inside_a_phrase_or_a_platform_name(kit):
    text = "表彰在技术创新和成果转化中作出贡献的单位，推动阿里巴巴国际站服务外贸企业。"
    assert institutions_in(kit, text) == []
