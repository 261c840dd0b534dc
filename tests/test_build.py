"""End-to-end: building the sample corpus, the files it writes, the CLI around it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from graph.cli import main
from graph.run import build, expand_inputs

from conftest import CORPUS, ROOT

GOV = "https://w3id.org/govkg/ontology#"


def _select(store: ox.Store, query: str) -> list[tuple]:
    prefix = f"PREFIX gov: <{GOV}> PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    return [tuple(v.value if v is not None else None for v in row)
            for row in store.query(prefix + query, use_default_graph_as_union=True)]


@pytest.fixture(scope="module")
def store(sample_build) -> ox.Store:
    s = ox.Store()
    s.load(path=str(sample_build / "graph.trig"), format=ox.RdfFormat.TRIG)
    return s


def test_build_writes_every_output(sample_build):
    for name in ("graph.ttl", "graph.trig", "graph.nq", "graph.gexf", "build-report.json"):
        assert (sample_build / name).stat().st_size > 0, name
    report = json.loads((sample_build / "build-report.json").read_text(encoding="utf-8"))
    assert report["documents"] == 43
    assert report["skipped"] == []


def test_turtle_parses_with_rdflib_and_holds_ontology(sample_build):
    g = rdflib.Graph()
    g.parse(sample_build / "graph.ttl", format="turtle")
    assert (rdflib.URIRef(GOV + "leads"), rdflib.RDFS.subPropertyOf, rdflib.URIRef(GOV + "responsibleFor")) in g
    docs = set(g.subjects(rdflib.RDF.type, rdflib.URIRef(GOV + "Document")))
    assert len(docs) >= 43


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (Debian raptor2-utils) is not installed")
def test_turtle_parses_with_an_independent_parser(sample_build):
    run = subprocess.run(["rapper", "-q", "-i", "turtle", "-c", str(sample_build / "graph.ttl")],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    for syntax, name in (("nquads", "graph.nq"), ("trig", "graph.trig")):
        run = subprocess.run(["rapper", "-q", "-i", syntax, "-c", str(sample_build / name)],
                             capture_output=True, text=True)
        assert run.returncode == 0, (name, run.stderr[-2000:])


def test_every_fact_sits_in_its_documents_named_graph(store):
    rows = _select(store, """
        SELECT ?g ?number WHERE { GRAPH ?g { ?g a gov:Document ; gov:docNumber ?number } }""")
    graphs = {g for g, _ in rows}
    assert "https://w3id.org/govkg/id/doc/浙政发-2021-14号" in graphs
    # The award decision is issued by the provincial government, stated in its own graph.
    rows = _select(store, """
        SELECT ?label WHERE { GRAPH <https://w3id.org/govkg/id/doc/浙政发-2021-14号> {
            <https://w3id.org/govkg/id/doc/浙政发-2021-14号> gov:issuedBy ?a . ?a rdfs:label ?label } }""")
    assert ("浙江省人民政府",) in rows


def test_document_metadata(store):
    rows = _select(store, """
        SELECT ?title ?date WHERE { ?d gov:docNumber "浙政发〔2021〕14号" ; dcterms:title ?title ; dcterms:issued ?date }""")
    assert rows == [("浙江省人民政府关于2020年度浙江省科学技术奖励的决定", "2021-06-04")]


def test_citations_link_to_documents_in_and_out_of_the_corpus(store):
    # 浙政函〔2021〕45号 cites the city's request 金政〔2021〕5号, which is not in the corpus.
    rows = _select(store, """
        SELECT ?n ?label WHERE { ?d gov:docNumber "浙政函〔2021〕45号" ; gov:cites ?c .
                                 ?c gov:docNumber ?n ; rdfs:label ?label }""")
    assert ("金政〔2021〕5号", "金政〔2021〕5号") in rows


def test_one_label_per_document(store):
    rows = _select(store, """
        SELECT ?d (COUNT(DISTINCT ?l) AS ?n) WHERE { ?d a gov:Document ; rdfs:label ?l } GROUP BY ?d HAVING (?n > 1)""")
    assert rows == []


def test_builds_are_byte_identical_across_jobs_and_cache(sample_build, tmp_path):
    first = tmp_path / "a"
    build([str(CORPUS)], str(first), jobs=1, use_cache=True, progress=False)
    again = build([str(CORPUS)], str(first), jobs=1, use_cache=True, progress=False)
    assert again.cached == 5
    for name in ("graph.ttl", "graph.trig", "graph.nq", "graph.gexf"):
        assert (first / name).read_bytes() == (sample_build / name).read_bytes(), name


def test_expand_inputs_reports_missing_and_loops(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    files, skipped = expand_inputs([str(tmp_path), str(tmp_path / "missing.txt")])
    assert files == [str(tmp_path / "a.txt")]
    reasons = dict(skipped)
    assert reasons[str(tmp_path / "missing.txt")] == "no such file or folder"
    assert any("loop" in r for r in reasons.values())


def test_cli_exit_status_and_messages(tmp_path, capsys):
    good = tmp_path / "good.txt"
    shutil.copy(CORPUS / "000_fc2fbf8d995039f5.txt", good)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    status = main(["build", str(good), str(empty), "--out", str(tmp_path / "out"), "--jobs", "1", "-q"])
    err = capsys.readouterr().err
    assert status == 2
    assert f"skipped {empty}" in err
    assert "Traceback" not in err
    assert (tmp_path / "out" / "graph.ttl").exists()
    status = main(["build", str(tmp_path / "nothing-here"), "--out", str(tmp_path / "out2"), "-q"])
    assert status == 1


def test_cli_help_and_version():
    run = subprocess.run([sys.executable, "-m", "graph.cli", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert run.stdout.startswith("govkg ")
    run = subprocess.run([sys.executable, "-m", "graph.cli", "build", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert "--out" in run.stdout and "examples:" in run.stdout


# ---------------------------------------------------------------- writers made of pieces


def _keys_of_file(path: Path) -> list[str]:
    """The quad keys of an N-Quads file, in file order."""
    from graph.build import keys_of_quads

    return keys_of_quads(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))


def test_files_written_in_pieces_equal_whole_file_serialisers(sample_build, tmp_path):
    # The build writes N-Quads and TriG graph by graph (pieces made by the
    # workers) and Turtle in runs of subjects; pyoxigraph serialising each
    # whole file from the same statements must give the same bytes.
    from exports.rdf import write_all_keys

    write_all_keys(_keys_of_file(sample_build / "graph.nq"), tmp_path, ["graph.nq", "graph.trig", "graph.ttl"])
    for name in ("graph.nq", "graph.trig", "graph.ttl"):
        assert (tmp_path / name).read_bytes() == (sample_build / name).read_bytes(), name


def test_network_index_built_in_pieces_in_any_order_equals_one_pass(sample_build):
    import random

    from exports.network import GraphIndex, IndexBuilder
    from graph.build import KEY_SEP, rdflib_quads_of_keys
    from graph.vocab import ONTOLOGY_GRAPH

    keys = [k for k in _keys_of_file(sample_build / "graph.nq") if not k.startswith(f"<{ONTOLOGY_GRAPH}>")]
    # A document stated twice with different issue dates (the greatest key wins, as in one sorted pass).
    doc = "<https://w3id.org/govkg/id/doc/浙政发-2021-14号>"
    issued = "<http://purl.org/dc/terms/issued>"
    keys += [KEY_SEP.join(("<https://w3id.org/govkg/id/graph/other>", doc, issued, f'"{d}"^^<http://www.w3.org/2001/XMLSchema#date>'))
             for d in ("2019-01-02", "2030-12-31")]
    keys = sorted(set(keys))
    whole = GraphIndex.from_quads(rdflib_quads_of_keys(keys))
    shuffled = list(keys) + keys[:500]  # some keys twice
    random.Random(8).shuffle(shuffled)
    builder = IndexBuilder()
    for i in range(0, len(shuffled), 997):
        builder.add_keys(shuffled[i:i + 997])
    assert builder.index() == whole
    assert whole.doc_dates[doc[1:-1]].isoformat() == "2030-12-31"


def test_gexf_text_writer_equals_lxml_writer(sample_build):
    import io

    import networkx as nx

    from exports import gexf
    from exports.network import GraphIndex
    from exports.views import VIEWS, build_view

    index = GraphIndex.from_keys(_keys_of_file(sample_build / "graph.nq"))

    def both(graph):
        text, tree = io.BytesIO(), io.BytesIO()
        gexf._stream(graph, text)
        gexf._stream_lxml(graph, tree)
        return text.getvalue(), tree.getvalue()

    for name in VIEWS:
        text, tree = both(build_view(index, name))
        assert text == tree, name
    # Names that need escaping, and one XML cannot carry (the lxml writer decides: it refuses).
    odd = nx.MultiDiGraph(view="full")
    odd.add_node("agency/A&B", label='"甲" <乙> & 丙\t丁', type="Agency", docs=2)
    odd.add_node("task/t", label="健全>体系", type="Task")
    odd.add_edge("agency/A&B", "task/t", key="leads", kind="leads", weight=2, docs=2, dates=["2021-06-04", "2020-01-02"])
    odd.add_edge("task/t", "agency/A&B", key="x<y", kind="x<y")
    text, tree = both(odd)
    assert text == tree and b"A&amp;B" in text
    odd.nodes["task/t"]["city"] = ["\x01"]
    with pytest.raises(ValueError):
        both(odd)
