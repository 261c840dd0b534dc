"""Laboratories: a name followed by its bracketed second name, a verb before the
bare noun ``实验室``, and the leader relations once the lab is found."""

from __future__ import annotations

import pytest

from graph.extract import laboratories
from graph.gazetteer import load_gazetteer
from graph.model import Document
from graph.nlp import find_mentions, find_mentions_in_text, load_pipeline
from graph.resolve import Resolver
from graph.vocab import mint


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(load_gazetteer())


def labs(nlp, text: str) -> set[str]:
    return {m.text for m in find_mentions_in_text(nlp, text) if m.label == "Laboratory"}


def test_lab_with_a_bracketed_provincial_second_name(nlp):
    text = ("一、同意建设漓江智慧农业实验室(广西壮族自治区智慧农业与数字乡村实验室)。"
            "实验室由广西大学牵头建设,联合桂林电子科技大学共同建设,位于桂林市。")
    found = labs(nlp, text)
    assert {"漓江智慧农业实验室", "广西壮族自治区智慧农业与数字乡村实验室"} <= found


def test_verb_before_bare_lab_noun_is_no_name(nlp):
    text = "实验室实行理事会领导下的主任负责制,依照章程赋予实验室用人自主权,支持实验室开展国际合作。"
    assert labs(nlp, text) == set()


def test_short_proper_lab_names_still_found(nlp):
    assert "岳麓实验室" in labs(nlp, "依托岳麓实验室开展关键核心技术攻关")
    assert "岳麓实验室" in labs(nlp, "建设岳麓实验室、芙蓉实验室、湘江实验室")


def test_paired_lab_is_led_by_its_builder(nlp):
    text = ("湖南省人民政府关于同意建设两个省实验室的通知\n"
            "一、同意建设湘江先进材料实验室(湖南省先进材料与能源实验室)。实验室由中南大学牵头建设,"
            "联合湖南大学共同建设,位于长沙市。\n")
    doc = Document("湘政函〔2024〕7号", "", text, number="湘政函〔2024〕7号")
    resolver = Resolver().bound(doc)
    facts = laboratories.extract(doc, find_mentions(nlp, doc), resolver)
    lab = resolver.resolve("湘江先进材料实验室", "Laboratory").iri
    leader = resolver.resolve("中南大学", "Institution").iri
    triples = {(f.subject, f.predicate, f.object) for f in facts}
    assert (lab, "gov:ledBy", leader) in triples
    assert (leader, "gov:leads", lab) in triples
    partner = resolver.resolve("湖南大学", "Institution").iri
    assert not any(s == partner for s, p, o in triples)
