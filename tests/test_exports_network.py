"""Network exports (GEXF 1.3, GraphML, CSV, JSON-LD, N-Triples), views, stats and report.

The fixture ``tests/fixtures/network.trig`` is a hand-written dataset laid out
like a build: five documents (four Zhejiang, one Jiangsu) and a gazetteer
graph.  The expected counts below were worked out by hand from that file:

* full: 40 entities (8 regions, 13 agencies, 6 tasks, 5 zones, 3 awards, one
  each of person, achievement, institution, laboratory, programme) and 39
  relations between them; the 5 documents are not nodes.
* agencies: 8 agencies responsible for at least one measure; 9 pairs share
  a measure; 浙江省商务厅 shares measures with 5 agencies; 省科技厅 and
  省经信厅 share 2 measures (2020-06-28 and 2022-03-10).
* regions: 8 regions + 5 zones + 1 lab + 1 institution + 2 awards they
  received = 17 nodes; 13 locatedIn + 1 integrates + 2 rewardedBy + 1 ledBy
  = 17 edges.
* awards: 3 awards + 4 recipients + 2 conferring agencies = 9 nodes; 4
  rewardedBy + 3 conferredBy = 7 edges.
"""

from __future__ import annotations

import base64
import csv
import json
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree
from rdflib import Dataset, Graph

from exports.gexf import gexf_bytes, write_gexf, write_gexf_for_dataset
from exports.graphml import write_graphml
from exports.network import GraphIndex, load_dataset
from exports.tables import write_csv
from exports.views import VIEWS, build_view, view_rdf
from graph import cli
from graph.analytics import compute_stats, format_stats, read_unknown_names

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "network.trig"
XSD = ROOT / "tests" / "schemas" / "gexf-1.3" / "gexf.xsd"
CHECK_JS = ROOT / "tests" / "js" / "check_gexf.mjs"

EXPECTED = {"full": (40, 39), "agencies": (8, 9), "regions": (17, 17), "awards": (9, 7)}
SHANGWU = "agency/浙江省商务厅"
KEJI = "agency/浙江省科学技术厅"
JINGXIN = "agency/浙江省经济和信息化厅"
QIANTANG = "zone/杭州钱塘新区"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(FIXTURE)


@pytest.fixture(scope="module")
def index(dataset) -> GraphIndex:
    return GraphIndex.from_dataset(dataset)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    """A build folder: graph.trig plus a build report with unknown names."""
    folder = tmp_path_factory.mktemp("build")
    shutil.copy(FIXTURE, folder / "graph.trig")
    (folder / "build-report.json").write_text(
        json.dumps({"unknown_names": {"省大数据局": 3, "市县有关部门": 5}}, ensure_ascii=False), encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


# -- views -----------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_view_counts_match_the_hand_count(index, name):
    graph = build_view(index, name)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == EXPECTED[name]


def test_full_view_has_no_document_nodes_but_documents_as_evidence(index):
    graph = build_view(index, "full")
    assert not any(d["type"] == "Document" for _, d in graph.nodes(data=True))
    assert not any(k in {"issuedBy", "mentions", "cites", "establishes"} for *_, k in graph.edges(keys=True))
    # 钱塘新区 is located in 杭州市 according to two documents of 2021 and 2022
    edge = graph.edges[QIANTANG, "region/330100", "locatedIn"]
    assert edge["weight"] == 2
    assert edge["dates"] == ["2021-02-05", "2022-03-10"]
    # the region hierarchy comes from the gazetteer only: no document, no date, weight 1
    gaz = graph.edges["region/330100", "region/330000", "locatedIn"]
    assert (gaz["docs"], gaz["dates"], gaz["weight"]) == (0, [], 1)
    # agencies carry how many documents they issued
    assert graph.nodes["agency/浙江省人民政府"]["issued"] == 3


def test_node_attributes_place_and_years(index):
    graph = build_view(index, "full")
    zone = graph.nodes[QIANTANG]
    assert zone["label"] == "杭州钱塘新区"
    assert (zone["type"], zone["adcode"], zone["city"]) == ("DevelopmentZone", "330100", "杭州市")
    assert (zone["docs"], zone["first_year"], zone["last_year"]) == (2, 2021, 2022)
    yiwu = graph.nodes["zone/浙江义乌经济开发区"]
    assert (yiwu["adcode"], yiwu["city"]) == ("330782", "金华市")  # county-level city under 金华
    assert graph.nodes["region/330106"]["city"] == "杭州市"
    assert "city" not in graph.nodes["region/330000"]  # a province is in no city
    assert graph.nodes["org/浙江大学"]["iri"] == "https://w3id.org/govkg/id/org/浙江大学"


def test_agencies_view_weights_are_shared_measures(index):
    graph = build_view(index, "agencies")
    assert not graph.is_directed()
    assert all(d["type"] == "Agency" for _, d in graph.nodes(data=True))
    assert graph.degree(SHANGWU) == 5
    pair = graph.edges[KEJI, JINGXIN]
    assert pair["weight"] == 2 and pair["kind"] == "jointlyResponsible"
    assert pair["dates"] == ["2020-06-28", "2022-03-10"]
    assert graph.nodes[KEJI]["measures"] == 4  # 2 tasks of 2022, 1 of 2020, the 十四五 programme
    # the reform predecessor 省经信委 holds no measure: not in the view
    assert "agency/浙江省经济和信息化委员会" not in graph
    # Jiangsu agencies form their own component
    assert graph.has_edge("agency/江苏省发展和改革委员会", "agency/江苏省科学技术厅")
    assert nx.number_connected_components(graph) == 2


def test_regions_and_awards_views_keep_their_relations(index):
    regions = build_view(index, "regions")
    assert {k for *_, k in regions.edges(keys=True)} == {"locatedIn", "integrates", "rewardedBy", "ledBy"}
    assert {d["type"] for _, d in regions.nodes(data=True)} == {
        "Region", "DevelopmentZone", "Laboratory", "Institution", "Award"}
    awards = build_view(index, "awards")
    assert {k for *_, k in awards.edges(keys=True)} == {"rewardedBy", "conferredBy"}
    assert awards.has_edge("person/潘云鹤", "award/2020年度浙江科技大奖")
    assert awards.has_edge("award/2021年度江苏省督查激励", "agency/江苏省人民政府")


def test_view_rdf_subgraph(dataset, index):
    rdf = view_rdf(dataset, build_view(index, "awards"))
    subjects = {str(s) for s in rdf.subjects()}
    assert "https://w3id.org/govkg/id/person/潘云鹤" in subjects
    assert not any("/task/" in s for s in subjects)
    assert not any("/doc/" in str(o) for o in rdf.objects())


# -- GEXF ------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(VIEWS))
def test_gexf_is_valid_gexf_1_3(index, schema, name):
    doc = etree.fromstring(gexf_bytes(build_view(index, name)))
    assert schema.validate(doc), schema.error_log
    assert doc.get("version") == "1.3"


def test_gexf_has_time_labels_and_visual_attributes(index):
    ns = {"g": "http://gexf.net/1.3"}
    doc = etree.fromstring(gexf_bytes(build_view(index, "full")))
    graph_el = doc.find("g:graph", ns)
    assert (graph_el.get("mode"), graph_el.get("timeformat")) == ("dynamic", "date")
    node = doc.find(f"g:graph/g:nodes/g:node[@id='{QIANTANG}']", ns)
    assert node.get("label") == "杭州钱塘新区"
    assert node.find("g:color", ns).attrib == {"r": "255", "g": "127", "b": "14"}
    assert float(node.find("g:size", ns).get("value")) > 0
    edge = doc.find(f"g:graph/g:edges/g:edge[@source='{QIANTANG}']", ns)
    assert (edge.get("kind"), edge.get("label"), float(edge.get("weight"))) == ("locatedIn", "locatedIn", 2.0)
    assert [s.get("start") for s in edge.findall("g:spells/g:spell", ns)] == ["2021-02-05", "2022-03-10"]


def test_gexf_is_deterministic_and_undated(dataset, tmp_path):
    first, second = tmp_path / "a.gexf", tmp_path / "b.gexf"
    write_gexf_for_dataset(dataset, first)
    write_gexf_for_dataset(GraphIndex.from_dataset(dataset), second)
    assert first.read_bytes() == second.read_bytes()
    assert b"lastmodifieddate" not in first.read_bytes()


def test_gexf_round_trips_through_networkx(index, tmp_path):
    for name in VIEWS:
        view = build_view(index, name)
        path = write_gexf(view, tmp_path / f"{name}.gexf")
        back = nx.read_gexf(path, version="1.3")
        assert (back.number_of_nodes(), back.number_of_edges()) == EXPECTED[name]
        assert back.is_directed() == view.is_directed()
        for node, data in back.nodes(data=True):
            assert data["label"] == view.nodes[node]["label"]
            assert data["type"] == view.nodes[node]["type"]
            assert isinstance(data["docs"], int)
    back = nx.read_gexf(tmp_path / "agencies.gexf", version="1.3")
    assert back.edges[KEJI, JINGXIN]["weight"] == 2.0


def test_gexf_escapes_awkward_labels(schema):
    graph = nx.MultiDiGraph(view="full")
    graph.add_node("program/a", label='“凤凰行动”计划 <2021> & \n 续', type="Program", docs=1)
    graph.add_node("agency/b", label="省金融监管局", type="Agency", docs=1)
    graph.add_edge("agency/b", "program/a", key="responsibleFor", kind="responsibleFor", weight=1, dates=[])
    doc = etree.fromstring(gexf_bytes(graph))
    assert schema.validate(doc), schema.error_log
    labels = [n.get("label") for n in doc.iter("{http://gexf.net/1.3}node")]
    assert '“凤凰行动”计划 <2021> & 续' in labels


def _node_check(path: Path) -> dict:
    node = shutil.which("node")
    if not node:
        pytest.skip("node is not installed here (CI installs it): cannot run the graphology-gexf check")
    if not (ROOT / "node_modules" / "graphology-gexf").is_dir():
        pytest.fail("graphology-gexf is missing: run `npm ci` (or `npm install`) at the repository root")
    run = subprocess.run([node, str(CHECK_JS), str(path)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_graphology_gexf_loads_every_view(index, tmp_path, name):
    view = build_view(index, name)
    report = _node_check(write_gexf(view, tmp_path / f"{name}.gexf"))
    assert (report["nodes"], report["edges"]) == EXPECTED[name]
    assert report["unlabelled"] == [] and report["untyped"] == [] and report["unkinded"] == []
    assert report["uncoloured"] == []
    assert report["graph_type"] == ("undirected" if name == "agencies" else "directed")


def test_graphology_sees_the_fixture_types_and_kinds(index, tmp_path):
    report = _node_check(write_gexf(build_view(index, "full"), tmp_path / "full.gexf"))
    assert report["types"]["Agency"] == 13 and report["types"]["Region"] == 8
    assert report["kinds"]["locatedIn"] == 13 and report["kinds"]["leads"] == 6
    # 39 edges, of which the 7 gazetteer-only facts (6 region links, 1 reform) carry no date
    assert report["with_time"] == 32


# -- GraphML, CSV, RDF through the command line ------------------------------------

@pytest.mark.parametrize("name", sorted(VIEWS))
def test_every_view_exports_in_every_format(data_dir, tmp_path, name):
    nodes, edges = EXPECTED[name]
    for fmt in ("gexf", "graphml", "csv", "jsonld", "nt"):
        out = tmp_path / f"{name}.{fmt}"
        assert cli.main(["export", "--data", str(data_dir), "--view", name, "--format", fmt, "--out", str(out)]) == 0
    back = nx.read_graphml(tmp_path / f"{name}.graphml")
    assert (back.number_of_nodes(), back.number_of_edges()) == (nodes, edges)
    assert all(isinstance(d["docs"], int) for _, d in back.nodes(data=True))
    assert all(isinstance(d["weight"], float) for *_, d in back.edges(data=True))
    with open(tmp_path / f"{name}_nodes.csv", encoding="utf-8-sig", newline="") as fh:
        node_rows = list(csv.DictReader(fh))
    with open(tmp_path / f"{name}_edges.csv", encoding="utf-8-sig", newline="") as fh:
        edge_rows = list(csv.DictReader(fh))
    assert len(node_rows) == nodes and len(edge_rows) == edges
    assert {"Id", "Label", "type"} <= set(node_rows[0])
    assert {"Source", "Target", "Type", "Weight", "Label", "Kind"} <= set(edge_rows[0])
    assert {r["Type"] for r in edge_rows} == {"Undirected" if name == "agencies" else "Directed"}
    ids = {r["Id"] for r in node_rows}
    assert all(r["Source"] in ids and r["Target"] in ids for r in edge_rows)
    jsonld = Graph().parse(tmp_path / f"{name}.jsonld", format="json-ld")
    nt = Graph().parse(tmp_path / f"{name}.nt", format="nt")
    assert len(jsonld) == len(nt) > 0
    assert '"gov": "https://w3id.org/govkg/ontology#"' in (tmp_path / f"{name}.jsonld").read_text(encoding="utf-8")


def test_csv_tables_for_gephi(index, tmp_path):
    nodes_path, edges_path = write_csv(build_view(index, "agencies"), tmp_path / "agencies")
    assert (nodes_path.name, edges_path.name) == ("nodes.csv", "edges.csv")
    with open(edges_path, encoding="utf-8-sig", newline="") as fh:
        rows = {(r["Source"], r["Target"]): r for r in csv.DictReader(fh)}
    row = rows[(KEJI, JINGXIN)]
    assert (row["Weight"], row["Kind"], row["dates"]) == ("2.0", "jointlyResponsible", "2020-06-28|2022-03-10")


def test_graphml_keeps_list_values_as_text(index, tmp_path):
    path = write_graphml(build_view(index, "full"), tmp_path / "full.graphml")
    back = nx.read_graphml(path)
    edge = next(d for u, v, d in back.edges(data=True) if u == QIANTANG and d["kind"] == "locatedIn")
    assert edge["dates"] == "2021-02-05|2022-03-10"
    assert back.nodes[QIANTANG]["city"] == "杭州市"


def test_export_reports_a_missing_build_in_one_line(tmp_path, capsys):
    assert cli.main(["export", "--data", str(tmp_path), "--out", str(tmp_path / "x.gexf")]) == 1
    err = capsys.readouterr().err
    assert "graph.trig" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


# -- stats and report ------------------------------------------------------------------

def test_stats_numbers(index, data_dir):
    stats = compute_stats(index, data_dir, top=3)
    assert stats.documents == 5
    assert stats.entities_by_type["Agency"] == 13 and stats.entities_by_type["Task"] == 6
    assert stats.relations["locatedIn"] == {"facts": 13, "statements": 14}
    assert [r["label"] for r in stats.central][:2] == ["浙江省商务厅", "浙江省科学技术厅"]
    assert stats.central[0]["degree"] == 5 and stats.central[0]["weighted_degree"] == 7
    # 商务厅 is the only bridge between the two halves of the Zhejiang component
    assert stats.central[0]["betweenness"] > 0
    assert stats.components == [6, 2]
    assert sum(c["size"] for c in stats.communities) == 8
    assert stats.zones_per_city == {"金华市": 2, "宁波市": 1, "杭州市": 1, "苏州市": 1}
    assert stats.unknown_names == [("市县有关部门", 5), ("省大数据局", 3)]


def test_stats_command_prints_tables(data_dir, capsys):
    assert cli.main(["stats", "--data", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "Most central agencies" in out and "浙江省商务厅" in out
    assert "Connected components of the agencies view: 2" in out
    assert "市县有关部门" in out
    assert cli.main(["stats", "--data", str(data_dir), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["views"]["agencies"] == {"nodes": 8, "edges": 9}


def test_unknown_names_tolerate_missing_or_odd_reports(tmp_path):
    assert read_unknown_names(tmp_path) == []
    (tmp_path / "build-report.json").write_text('{"unknown_names": ["甲", "乙", "甲"]}', encoding="utf-8")
    assert read_unknown_names(tmp_path) == [("甲", 2), ("乙", 1)]
    (tmp_path / "build-report.json").write_text("not json", encoding="utf-8")
    assert read_unknown_names(tmp_path) == []


def _images(html: str) -> list[bytes]:
    import re

    return [base64.b64decode(m) for m in re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)]


def test_report_is_one_self_contained_page(data_dir, tmp_path):
    out = tmp_path / "report.html"
    assert cli.main(["report", "--data", str(data_dir), "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    images = _images(html)
    assert len(images) >= 2  # agencies network and zones per city at least
    assert all(img.startswith(b"\x89PNG\r\n\x1a\n") for img in images)
    assert 'src="http' not in html and "<link" not in html and "<script" not in html
    assert "浙江省商务厅" in html and "省大数据局" in html and "金华市" in html


def test_report_without_a_cjk_font_numbers_the_nodes(index, tmp_path, monkeypatch):
    from graph.commands import report

    monkeypatch.setattr(report, "find_cjk_font", lambda: None)
    path, notes = report.write_report(index, tmp_path / "r.html")
    html = path.read_text(encoding="utf-8")
    assert notes and "CJK" in notes[0]
    assert len(_images(html)) >= 2
    # the legend maps the numbers drawn on the picture to the agencies' names
    assert "<td>浙江省商务厅</td>" in html


# -- the build's own graph.gexf (sample corpus) ----------------------------------------

def test_build_writes_a_gexf_that_matches_its_dataset(sample_build, schema):
    gexf = sample_build / "graph.gexf"
    assert schema.validate(etree.parse(str(gexf))), schema.error_log
    full = build_view(load_dataset(sample_build), "full")
    assert full.number_of_nodes() > 100 and full.number_of_edges() > 100
    back = nx.read_gexf(gexf, version="1.3")
    assert (back.number_of_nodes(), back.number_of_edges()) == (full.number_of_nodes(), full.number_of_edges())
    report = _node_check(gexf)
    assert (report["nodes"], report["edges"]) == (full.number_of_nodes(), full.number_of_edges())
    assert report["unlabelled"] == [] and report["untyped"] == [] and report["unkinded"] == []
    assert report["types"].get("Agency", 0) > 0 and report["kinds"].get("locatedIn", 0) > 0
