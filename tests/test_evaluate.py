"""The gold-annotation scorer (`graph.evaluate`) and `govkg eval`.

Each test builds a small TriG dataset by hand next to a gold file whose right
precision and recall were worked out by hand.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from graph import evaluate as ev
from graph.cli import main
from graph.errors import UserError
from graph.vocab import mint

DOC = "浙政发〔2021〕14号"
DOC_IRI = mint("doc", DOC)

PREFIXES = """\
@prefix gov: <https://w3id.org/govkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""

# A document graph with 4 mentioned entities, 3 of which are in the gold (below),
# plus one mentioned region that gold only uses as a relation end (optional).
TRIG = PREFIXES + f"""
<{DOC_IRI}> {{
  <{DOC_IRI}> a gov:Document ; gov:docNumber "{DOC}" ;
      gov:mentions <https://w3id.org/govkg/id/agency/zjgov>, <https://w3id.org/govkg/id/agency/kjt>, <https://w3id.org/govkg/id/person/pyh>, <https://w3id.org/govkg/id/region/330100>, <https://w3id.org/govkg/id/region/330700> ;
      gov:issuedBy <https://w3id.org/govkg/id/agency/zjgov> ;
      gov:cites <{mint("doc", "国发〔2019〕11号")}> .
  <https://w3id.org/govkg/id/agency/zjgov> a gov:Agency ; rdfs:label "浙江省人民政府"@zh .
  <https://w3id.org/govkg/id/agency/kjt> a gov:Agency ; rdfs:label "省科技厅"@zh .
  <https://w3id.org/govkg/id/person/pyh> a gov:Person ; rdfs:label "潘云鹤"@zh .
  <https://w3id.org/govkg/id/region/330100> a gov:Region ; rdfs:label "杭州市"@zh ; gov:adcode "330100" .
  <https://w3id.org/govkg/id/region/330700> a gov:Region ; rdfs:label "金华市"@zh ; gov:adcode "330700" .
  <https://w3id.org/govkg/id/task/t1> a gov:Task ; gov:sectionPath "一、 (二)" ; gov:text "(二)完善评价机制。" .
  <https://w3id.org/govkg/id/task/t2> a gov:Task ; gov:sectionPath "二、" ;
      gov:text "二、健全技术转移 体系,建设技术市场。" .
  <https://w3id.org/govkg/id/agency/kjt> gov:responsibleFor <https://w3id.org/govkg/id/task/t1> .
  <https://w3id.org/govkg/id/agency/kjt> gov:leads <https://w3id.org/govkg/id/task/t2> .
  <https://w3id.org/govkg/id/agency/zjgov> gov:responsibleFor <https://w3id.org/govkg/id/task/t2> .
}}
<{mint("doc", "国发〔2019〕11号")}> {{
  <{mint("doc", "国发〔2019〕11号")}> gov:docNumber "国发〔2019〕11号" .
}}
<https://w3id.org/govkg/id/graph/gazetteer> {{
  <https://w3id.org/govkg/id/agency/kjt> skos:altLabel "浙江省科学技术厅"@zh .
}}
"""

GOLD = f"""\
doc: {DOC}
file: 000_fc2fbf8d995039f5.txt
entities:
  Agency:
    - 浙江省人民政府 | 省政府
    - 浙江省科学技术厅 | 省科技厅
  Person:
    - 潘云鹤
  Institution:
    - 英国诺丁汉大学
relations:
  responsibleFor:
    - [省科技厅, §一、(二)]
    - [省科技厅, §健全技术转移体系]
  leads:
    - [省科技厅, §二、]
  locatedIn:
    - [英国诺丁汉大学, 金华市]
  issuedBy:
    - 省政府
  cites:
    - 国发〔2019〕11号
"""


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "out"
    data.mkdir()
    (data / "graph.trig").write_text(TRIG, encoding="utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "浙政发-2021-14号.yaml").write_text(GOLD, encoding="utf-8")
    return data, gold


def test_entities_three_of_four_found_one_false_positive(setup):
    data, gold = setup
    report = ev.evaluate_dir(data, gold)
    total = report.entity_total
    # gold: 2 agencies + 1 person + 1 institution; system: 2 agencies, 1 person,
    # 杭州市 (not in gold) and 金华市 (only a relation end: optional, not counted).
    assert (total.n_gold, total.tp_gold, total.n_sys, total.tp_sys) == (4, 3, 4, 3)
    assert total.precision == pytest.approx(0.75)
    assert total.recall == pytest.approx(0.75)
    assert total.f1 == pytest.approx(0.75)
    assert report.entities["Agency"].recall == 1.0
    assert report.entities["Institution"].recall == 0.0
    assert report.entities["Region"].precision == 0.0
    doc = report.documents[0]
    assert doc.found_in_build
    assert "Institution: 英国诺丁汉大学" in doc.misses
    assert "Region: 杭州市" in doc.false_positives
    assert not any("金华市" in f for f in doc.false_positives)


def test_relations_tasks_by_path_and_quote_and_subproperty(setup):
    data, gold = setup
    report = ev.evaluate_dir(data, gold)
    rf = report.relations["responsibleFor"]
    # Gold responsibleFor: the two listed plus the one implied by leads (§二、).
    # System responsibleFor: kjt→t1 (path 一、(二)), kjt→t2 (via leads ⊑ responsibleFor;
    # fits both §二、 and the quote 健全技术转移体系 despite the inner space), zjgov→t2 (wrong).
    assert (rf.n_gold, rf.tp_gold, rf.n_sys, rf.tp_sys) == (3, 3, 3, 2)
    leads = report.relations["leads"]
    assert (leads.n_gold, leads.tp_gold, leads.n_sys, leads.tp_sys) == (1, 1, 1, 1)
    assert report.relations["issuedBy"].f1 == 1.0
    assert report.relations["cites"].f1 == 1.0
    located = report.relations["locatedIn"]
    assert (located.n_gold, located.tp_gold, located.n_sys) == (1, 0, 0)
    assert located.recall == 0.0 and located.precision == 0.0


def test_name_normalisation():
    assert ev.norm_name("中国〔浙江〕自由贸易试验区 宁波片区") == ev.norm_name("中国(浙江)自由贸易试验区宁波片区")
    assert ev.norm_name("浙台（象山石浦）经贸合作区") == "浙台(象山石浦)经贸合作区"
    assert ev.norm_name("“自主指令集嵌入式 ＣＰＵ研发与产业化”") == "自主指令集嵌入式CPU研发与产业化"
    assert ev.norm_name("《浙江省海洋经济发展“十四五”规划》") == "浙江省海洋经济发展十四五规划"
    assert ev.norm_name("浙政发〔２０２１〕１４ 号") == ev.norm_name("浙政发(2021)14号")


def test_section_paths_and_quotes():
    assert ev.norm_path("三、 (二)") == ev.norm_path("三、/（二）") == "三、(二)"
    assert ev.is_section_path("三、(二)")
    assert ev.is_section_path("(一)1.")
    assert not ev.is_section_path("建立跨境电商统计监测体系")
    task = ev.Node("t", types={"Task"}, paths={ev.norm_path("一、(二)")}, texts=[ev.norm_name("(二)完善评价 机制。")])
    by_path = ev._parse_end("§一、(二)", "responsibleFor", "o", {})
    by_quote = ev._parse_end("§完善评价机制", "responsibleFor", "o", {})
    wrong = ev._parse_end("§一、(三)", "responsibleFor", "o", {})
    either = ev._parse_end("§二、(一)1.|§完善评价机制", "responsibleFor", "o", {})
    graph = ev.SystemGraph({}, {}, {}, {})
    assert ev.end_matches(task, either, DOC_IRI, graph)
    assert ev.end_matches(task, by_path, DOC_IRI, graph)
    assert ev.end_matches(task, by_quote, DOC_IRI, graph)
    assert not ev.end_matches(task, wrong, DOC_IRI, graph)


def test_alternatives_contains_and_adcode():
    index = ev._name_index([ev.GoldEntity("Region", ["杭州市萧山区", "萧山区"])])
    end = ev._parse_end("杭州市|萧山区", "locatedIn", "o", index)
    assert ev.end_matches(ev.Node("a", names={"杭州市"}), end, DOC_IRI, ev.SystemGraph({}, {}, {}, {}))
    assert ev.end_matches(ev.Node("b", names={"杭州市萧山区"}), end, DOC_IRI, ev.SystemGraph({}, {}, {}, {}))
    assert not ev.end_matches(ev.Node("c", names={"宁波市"}), end, DOC_IRI, ev.SystemGraph({}, {}, {}, {}))
    award = ev.GoldEntity("Award", ["推进大湾区建设成效明显的设区市"], contains=["推进大湾区建设成效明显"])
    assert ev.entity_matches(ev.Node("d", names={ev.norm_name("督查激励:推进大湾区建设成效明显的设区市")}), award)
    region = ev.GoldEntity("Region", ["杭州市"], adcode="330100")
    assert ev.entity_matches(ev.Node("e", names={"杭州"}, adcode="330100"), region)
    assert not ev.entity_matches(ev.Node("f", names={"杭州"}, adcode="330200"), region)


def test_long_form_gold_file(tmp_path: Path):
    path = tmp_path / "x.json"
    path.write_text(
        json.dumps(
            {
                "doc": DOC,
                "entities": [{"type": "Agency", "name": "浙江省科学技术厅", "aliases": ["省科技厅"]}],
                "relations": [{"s": "省科技厅", "p": "responsibleFor", "o": None, "o_task": "三、(二)"}],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    gold = ev.load_gold_file(path)
    assert gold.entities[0].names == ["浙江省科学技术厅", "省科技厅"]
    rel = gold.relations[0]
    assert rel.o.kind == "task" and rel.o.path == "三、(二)"
    assert rel.s.alternatives[0] is gold.entities[0]


def test_bad_gold_is_a_user_error(tmp_path: Path):
    (tmp_path / "bad.yaml").write_text("doc: X\nentities:\n  Agencyy:\n    - a\n", encoding="utf-8")
    with pytest.raises(UserError, match="unknown entity class"):
        ev.load_gold(tmp_path)


def test_cli_bars_and_json(setup, capsys):
    data, gold = setup
    assert main(["eval", "--data", str(data), "--gold", str(gold), "--min-f1", "Agency=0.9"]) == 0
    out = capsys.readouterr().out
    assert "Agency" in out and "all relations" in out
    assert main(["eval", "--data", str(data), "--gold", str(gold), "--min-f1", "entities=0.8"]) == 1
    assert "entities f1 0.750 < 0.800" in capsys.readouterr().err
    assert main(["eval", "--data", str(data), "--gold", str(gold), "--json", "--verbose"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["totals"]["entities"]["precision"] == 0.75
    assert "Institution: 英国诺丁汉大学" in report["documents"][0]["misses"]


def test_cli_scores_several_gold_folders_together(setup, tmp_path: Path, capsys):
    data, gold = setup
    other = tmp_path / "gold2"
    other.mkdir()
    (other / "浙政发-2021-99号.yaml").write_text(GOLD.replace("浙政发〔2021〕14号", "浙政发〔2021〕99号"), encoding="utf-8")
    assert main(["eval", "--data", str(data), "--gold", str(gold), "--gold", str(other), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert len(report["documents"]) == 2
    assert report["totals"]["entities"]["recall"] == 0.375      # 3 of 8: the second document is not in the build


def test_cli_user_errors(setup, tmp_path: Path, capsys):
    data, gold = setup
    assert main(["eval", "--data", str(tmp_path / "nowhere"), "--gold", str(gold)]) == 1
    assert "no such file" in capsys.readouterr().err
    assert main(["eval", "--data", str(data), "--gold", str(gold), "--min-f1", "Agency=high"]) == 1
    assert main(["eval", "--data", str(data), "--gold", str(gold), "--min-f1", "Agent=0.9"]) == 1
    assert "unknown bar name" in capsys.readouterr().err


def test_repository_gold_files_load():
    """Every gold file of the repository parses and names known classes."""
    golds = ev.load_gold(Path(__file__).parent / "gold" / "entities")
    assert len(golds) >= 12
    for g in golds:
        assert g.entities, g.source
        assert ev.norm_name(g.doc) == ev.norm_name(g.doc.replace(" ", ""))


def _perfect_trig(golds: list[ev.GoldDoc]) -> str:
    """A dataset that states exactly what the gold says (one node per gold entity)."""
    out = [PREFIXES]
    for gi, g in enumerate(golds):
        doc = ev.mint("doc", g.doc)
        body = [f'<{doc}> a gov:Document ; gov:docNumber "{g.doc}" .']
        iris: dict[int, str] = {}

        def node(ent: ev.GoldEntity) -> str:
            if id(ent) not in iris:
                iri = f"https://w3id.org/govkg/id/test/{gi}/{len(iris)}"
                iris[id(ent)] = iri
                cls = ent.type or "Region"
                body.append(f"<{iri}> a gov:{cls} ; rdfs:label {json.dumps(ent.names[0], ensure_ascii=False)}@zh .")
            return iris[id(ent)]

        def end(e: ev.End) -> str:
            if e.kind == "doc":
                return doc
            if e.kind == "number":
                return ev.mint("doc", e.text)
            if e.kind == "any":
                e = e.options[0]
            if e.kind == "task":
                iri = f"https://w3id.org/govkg/id/test/{gi}/t{len(iris)}"
                iris[len(iris) + 10**6] = iri
                fact = f'gov:sectionPath "{e.path}"' if e.path else f"gov:text {json.dumps(e.quote, ensure_ascii=False)}"
                body.append(f"<{iri}> a gov:Task ; {fact} .")
                return iri
            return node(e.alternatives[0])

        for ent in g.entities:
            body.append(f"<{doc}> gov:mentions <{node(ent)}> .")
        for rel in g.relations:
            body.append(f"<{end(rel.s)}> gov:{rel.predicate} <{end(rel.o)}> .")
        out.append(f"<{doc}> {{\n" + "\n".join(body) + "\n}")
    return "\n".join(out)


def test_gold_against_itself_scores_one(tmp_path: Path):
    """A system stating exactly the gold scores 1.0 everywhere (the gold is self-consistent)."""
    gold_dir = Path(__file__).parent / "gold" / "entities"
    golds = ev.load_gold(gold_dir)
    (tmp_path / "graph.trig").write_text(_perfect_trig(golds), encoding="utf-8")
    report = ev.evaluate_dir(tmp_path, gold_dir)
    details = ev.format_details(report)
    assert report.entity_total.f1 == 1.0, details
    assert report.relation_total.f1 == 1.0, details
