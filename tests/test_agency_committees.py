"""Award committees (科学技术奖励委员会) of a province or city are Agencies, written in
full or relative to the document's province (``省科学技术奖励委员会``)."""

from __future__ import annotations

import pytest

from graph.gazetteer import load_gazetteer
from graph.model import Document
from graph.nlp import find_mentions_in_text, load_pipeline
from graph.resolve import Resolver


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.fixture(scope="module")
def nlp(gazetteer):
    return load_pipeline(gazetteer)


def agencies(nlp, text: str) -> set[str]:
    return {m.text for m in find_mentions_in_text(nlp, text) if m.label == "Agency"}


def test_provincial_award_committee_in_full_for_any_province(nlp):
    text = "根据《江苏省科学技术奖励办法》规定,经江苏省科学技术奖励委员会评审,省政府决定授予…"
    assert "江苏省科学技术奖励委员会" in agencies(nlp, text)
    text = "经河南省科技奖励委员会审定,省政府批准"
    assert "河南省科技奖励委员会" in agencies(nlp, text)


def test_city_award_committee_in_full(nlp):
    assert "宁波市科学技术奖励委员会" in agencies(nlp, "经宁波市科学技术奖励委员会评审,市政府决定")


def test_relative_award_committee_is_the_home_provinces(nlp, gazetteer):
    text = "经省科学技术奖励委员会评审,省政府决定:授予…2020年度科学技术奖"
    assert "省科学技术奖励委员会" in agencies(nlp, text)
    resolver = Resolver(gazetteer)
    assert resolver.resolve("省科学技术奖励委员会", "Agency").label == "浙江省科学技术奖励委员会"
    doc = Document("湘政发〔2020〕5号", "", "", number="湘政发〔2020〕5号")
    assert resolver.bound(doc).resolve("省科学技术奖励委员会", "Agency").label == "湖南省科学技术奖励委员会"


def test_city_award_committee_and_data_bureau_written_by_level(nlp, gazetteer):
    # A city's decision writes its own bodies by level alone (市科学技术奖励委员会, 市数据局);
    # they are the issuing city's, as 市科技局 is.
    text = "经市科学技术奖励委员会评审,市政府决定。市数据局、市科技局按职责分工负责。"
    assert {"市科学技术奖励委员会", "市数据局"} <= agencies(nlp, text)
    doc = Document("绍政发〔2024〕3号", "", "", number="绍政发〔2024〕3号")
    bound = Resolver(gazetteer).bound(doc)
    assert bound.resolve("市科学技术奖励委员会", "Agency").label == "绍兴市科学技术奖励委员会"
    assert bound.resolve("市数据局", "Agency").label == "绍兴市数据局"
