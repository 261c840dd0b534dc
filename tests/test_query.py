"""The SPARQL store, the cookbook and ``govkg query`` on the hand-written fixture.

Expected answers are worked out by hand from tests/fixtures/mini.trig (the
comments say how); ordering ties follow the code-point order of the Chinese
labels, e.g. 发 U+53D1 < 科 U+79D1 < 经 U+7ECF < 财 U+8D22.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.cli import main
from graph.commands.queries import (
    COOKBOOK_DIR,
    apply_params,
    cookbook_names,
    get_query,
    load_cookbook,
    parse_cookbook_text,
)
from graph.commands.query import render_table, text_width, truncate
from graph.errors import UserError
from graph.store import (
    QueryRefused,
    QuerySyntaxError,
    execute,
    is_update,
    load_store,
    names_graphs,
    term_text,
    uses_service,
)

FIXTURE = Path(__file__).parent / "fixtures" / "mini.trig"


@pytest.fixture(scope="module")
def store():
    return load_store(FIXTURE)


def rows(store, query_name: str, **params) -> list[tuple[str, ...]]:
    """Run a cookbook query; rows as tuples of plain values ('' for unbound)."""
    text = apply_params(get_query(query_name).text, params)
    result = execute(store, text)
    return [tuple(term_text(term) for term in row) for row in result.rows]


# ---------------------------------------------------------------------------
# The store
# ---------------------------------------------------------------------------


def test_named_graphs_are_kept_and_union_is_default(store):
    graphs = {g.value for g in store.named_graphs()}
    assert "https://w3id.org/govkg/id/graph/gazetteer" in graphs
    assert "https://w3id.org/govkg/id/doc/浙政发-2021-14号" in graphs
    assert len(graphs) == 8  # gazetteer + 7 documents
    # the default graph holds the union, each triple once although the fixture
    # states e.g. 国发〔2019〕11号's number in two document graphs
    numbers = execute(store, "SELECT ?n WHERE { ?d gov:docNumber ?n }")
    assert len(numbers.rows) == 8 == len({r[0].value for r in numbers.rows})
    # The union answers without GRAPH: a region label from the gazetteer
    # joined with a zone from a document graph.
    result = execute(
        store,
        "SELECT ?r WHERE { ?z rdfs:label '杭州钱塘新区'@zh ; gov:locatedIn ?x . ?x rdfs:label ?r }",
    )
    assert [term_text(r[0]) for r in result.rows] == ["杭州市"]


def test_graph_clause_says_which_document_stated_a_fact(store):
    result = execute(
        store,
        """SELECT ?n WHERE { GRAPH ?doc { ?a gov:responsibleFor ?t } ?a skos:altLabel "省财政厅"@zh .
                            ?doc gov:docNumber ?n } GROUP BY ?n""",
    )
    assert [term_text(r[0]) for r in result.rows] == ["浙政办发〔2021〕27号"]


def test_queries_naming_no_graph_run_on_the_union_copy(store):
    # the union copy holds exactly the full store's default graph
    def triples(quads):
        return {(str(q.subject), str(q.predicate), str(q.object)) for q in quads}

    union = triples(store.union)
    assert union and union == triples(store.full.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert names_graphs("SELECT ?n { GRAPH ?doc { ?d gov:docNumber ?n } }")
    assert names_graphs("select ?n from <https://w3id.org/govkg/id/graph/gazetteer> { ?d gov:adcode ?n }")
    assert not names_graphs("SELECT ?g { ?g rdfs:label 'GRAPH FROM' } # GRAPH")
    # the protocol's default-graph-uri still picks one document's graph
    doc = "https://w3id.org/govkg/id/doc/浙政发-2021-14号"
    picked = execute(store, "SELECT ?s ?o WHERE { ?s gov:docNumber ?o }", default_graphs=[doc])
    stated = execute(store, f"SELECT ?s ?o WHERE {{ GRAPH <{doc}> {{ ?s gov:docNumber ?o }} }}")
    everywhere = execute(store, "SELECT ?s ?o WHERE { ?s gov:docNumber ?o }")
    assert picked.rows and sorted(map(str, picked.rows)) == sorted(map(str, stated.rows))
    assert len(picked.rows) < len(everywhere.rows)


def test_ask_construct_describe(store):
    assert execute(store, "ASK { ?z gov:inPreparation true }").boolean is True
    assert execute(store, "ASK { ?z gov:integrates ?z }").boolean is False
    built = execute(store, "CONSTRUCT { ?l gov:ledBy ?i } WHERE { ?i gov:leads ?l . ?l a gov:Laboratory }")
    assert [(t.subject.value, t.object.value) for t in built.triples] == [
        ("https://w3id.org/govkg/id/lab/西湖实验室", "https://w3id.org/govkg/id/org/西湖大学")
    ]
    described = execute(store, "DESCRIBE <https://w3id.org/govkg/id/region/330782>")
    assert described.kind == "graph"
    predicates = {t.predicate.value for t in described.triples}
    assert "https://w3id.org/govkg/ontology#adcode" in predicates


def test_row_limit_cuts_and_says_so(store):
    result = execute(store, "SELECT * WHERE { ?s ?p ?o }", max_rows=10)
    assert len(result.rows) == 10 and result.truncated
    small = execute(store, "SELECT * WHERE { ?s gov:adcode ?o }", max_rows=100)
    assert len(small.rows) == 10 and not small.truncated


def test_syntax_error_has_line_and_column(store):
    with pytest.raises(QuerySyntaxError) as caught:
        execute(store, "SELECT ?x\nWHERE {\n  ?x gov:adcode \n}")
    assert caught.value.line == 4 and caught.value.column >= 1
    assert "line 4, column" in str(caught.value)


def test_updates_and_service_are_refused(store):
    before = len(store)
    with pytest.raises(QueryRefused):
        execute(store, "PREFIX ex: <http://example.org/>\nINSERT DATA { ex:a ex:b ex:c }")
    with pytest.raises(QueryRefused):
        execute(store, "DELETE WHERE { ?s ?p ?o }")
    with pytest.raises(QueryRefused):
        execute(store, "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", allow_service=False)
    assert len(store) == before  # nothing changed


@pytest.mark.parametrize(
    "query, update",
    [
        ("INSERT DATA { <a:x> <a:y> <a:z> }", True),
        ("  # comment\nprefix x: <http://x/>\nclear all", True),
        ("WITH <a:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", True),
        ("SELECT * { ?s ?p 'DELETE' }", False),
        ("# INSERT\nSELECT * { ?insert ?p ?o }", False),
    ],
)
def test_is_update(query, update):
    assert is_update(query) is update


@pytest.mark.parametrize(
    "query, service",
    [
        ("SELECT * { SERVICE <http://x/s> { ?s ?p ?o } }", True),
        ("select * { service silent <http://x/s> { ?s ?p ?o } }", True),
        ("SELECT ?service { ?service ?p 'SERVICE' } # SERVICE", False),
        ("PREFIX s: <http://x/SERVICE#> SELECT * { ?a s:SERVICE ?b }", False),
    ],
)
def test_uses_service(query, service):
    assert uses_service(query) is service


# ---------------------------------------------------------------------------
# The cookbook: headers
# ---------------------------------------------------------------------------


def test_cookbook_has_at_least_twelve_documented_queries():
    queries = load_cookbook()
    assert len(queries) >= 12
    for q in queries:
        first = q.text.splitlines()[0]
        assert first.startswith("# ") and q.title == first[2:].strip()
        assert len(q.description) > 20, q.name
        assert q.path is not None and q.path.parent == COOKBOOK_DIR


def test_every_cookbook_query_returns_rows_on_the_fixture(store):
    for name in cookbook_names():
        assert rows(store, name), name


def test_header_parsing_reads_params():
    q = parse_cookbook_text(
        "x",
        "# Title here\n#\n# Line one\n# line two.\n#\n# @param agency  the name\n# @param year: a year\nSELECT * {}",
    )
    assert q.title == "Title here"
    assert q.description == "Line one line two."
    assert q.params == {"agency": "the name", "year": "a year"}
    with pytest.raises(UserError):
        parse_cookbook_text("bad", "SELECT * {}")


def test_apply_params_escapes_and_rejects_unknown():
    text = 'SELECT * { VALUES ?name { "省发展改革委" } }'
    assert apply_params(text, {"name": 'a"b\\c'}) == 'SELECT * { VALUES ?name { "a\\"b\\\\c" } }'
    with pytest.raises(UserError):
        apply_params(text, {"agency": "x"})
    with pytest.raises(UserError):
        apply_params(text, {"name": "<http://x/a b>"})


# ---------------------------------------------------------------------------
# The cookbook: answers on the fixture, worked out by hand
# ---------------------------------------------------------------------------


def test_agencies_by_measures_led(store):
    # leads: 商务厅 two tasks of D2; 科技厅 D2 二(一); 经信委 D4 三(一); 发改委 D4 三(二).
    # involved: 商务厅 all three D2 tasks; the others two tasks each.
    assert rows(store, "agencies-by-measures-led") == [
        ("浙江省商务厅", "2", "3"),
        ("浙江省发展和改革委员会", "1", "2"),
        ("浙江省科学技术厅", "1", "2"),
        ("浙江省经济和信息化委员会", "1", "2"),
    ]


def test_agency_pairs(store):
    # D2 一(一) {商务, 发改, 财政}; 一(二) {商务, 经信厅, 科技}; 二(一) {科技, 商务, 财政};
    # D4 三(一) {经信委, 国土}; 三(二) {发改, 经信委}: 9 pairs, two of them twice.
    got = rows(store, "agency-pairs")
    assert len(got) == 9
    assert got[:2] == [("浙江省商务厅", "浙江省科学技术厅", "2"), ("浙江省商务厅", "浙江省财政厅", "2")]
    assert ("浙江省国土资源厅", "浙江省经济和信息化委员会", "1") in got
    assert all(a < b for a, b, _ in got)


def test_zones_per_region(store):
    # 义乌 has two zones; 钱塘新区 sits directly in 杭州市 (no county);
    # zones known only as integrated parts have no place and are not counted.
    assert rows(store, "zones-per-region") == [
        ("金华市", "义乌市", "2"),
        ("丽水市", "景宁畲族自治县", "1"),
        ("宁波市", "宁波市北仑区", "1"),
        ("杭州市", "", "1"),
        ("杭州市", "杭州市西湖区", "1"),
    ]


def test_zones_in_preparation(store):
    # 宁波保税区 says inPreparation false and is left out.
    assert rows(store, "zones-in-preparation") == [
        ("浙江义乌陆港新区", "义乌市", "浙政发〔2021〕14号"),
        ("浙江景宁经济开发区", "景宁畲族自治县", "浙政发〔2021〕14号"),
    ]


def test_zone_integrations(store):
    assert rows(store, "zone-integrations") == [
        ("义乌经济技术开发区", "义乌信息光电高新技术产业园区", "义乌市"),
        ("宁波保税区", "宁波出口加工区", "宁波市北仑区"),
        ("杭州钱塘新区", "杭州大江东产业集聚区", "杭州市"),
        ("杭州钱塘新区", "杭州经济技术开发区", "杭州市"),
    ]


def test_regions_rewarded(store):
    got = rows(store, "regions-rewarded")
    assert [(r, n) for r, n, _ in got] == [("杭州市", "3"), ("宁波市", "2"), ("义乌市", "1"), ("杭州市西湖区", "1")]
    assert set(got[0][2].split("；")) == {
        "2019年度稳外贸稳外资督查激励",
        "2020年度稳外贸稳外资督查激励",
        "2020年度科技创新督查激励",
    }


def test_awards_by_year(store):
    # 2020 督查激励: two awards to 杭州, 宁波, 义乌, 西湖区; 进步奖 to an achievement and 浙江大学.
    assert rows(store, "awards-by-year") == [
        ("2020", "督查激励", "2", "4"),
        ("2020", "科学技术进步奖", "1", "2"),
        ("2020", "科学技术重大贡献奖", "1", "1"),
        ("2020", "自然科学奖", "1", "1"),
        ("2019", "督查激励", "1", "2"),
    ]


def test_laboratories(store):
    # 西湖实验室's lead is stated the other way round (西湖大学 gov:leads it).
    assert rows(store, "laboratories") == [
        ("之江实验室", "浙江大学", "杭州市余杭区"),
        ("之江实验室", "阿里巴巴集团", "杭州市余杭区"),
        ("湖畔实验室", "阿里巴巴集团", ""),
        ("良渚实验室", "浙江大学", "杭州市余杭区"),
        ("西湖实验室", "西湖大学", "杭州市西湖区"),
    ]


def test_documents_citing(store):
    everything = rows(store, "documents-citing")
    assert [(a, b) for a, b, *_ in everything] == [
        ("国发〔2019〕11号", "浙政发〔2020〕13号"),
        ("国发〔2019〕11号", "浙政办发〔2021〕27号"),
        ("浙政发〔2017〕30号", "浙政发〔2021〕9号"),
    ]
    one = rows(store, "documents-citing", docNumber="浙政发〔2017〕30号")
    assert one == [("浙政发〔2017〕30号", "浙政发〔2021〕9号", "2021-04-20", "浙江省人民政府关于2020年度浙江省科学技术奖励的决定")]


def test_reform_2018(store):
    # 卫生厅 ended in 2013 and is left out; 卫生计生委 (2018) had no tasks.
    assert rows(store, "reform-2018") == [
        ("浙江省卫生和计划生育委员会", "浙江省卫生健康委员会", "", ""),
        ("浙江省国土资源厅", "浙江省自然资源厅", "三、(一) 盘活低效工业用地", "浙政发〔2017〕30号"),
        ("浙江省经济和信息化委员会", "浙江省经济和信息化厅", "三、(一) 盘活低效工业用地", "浙政发〔2017〕30号"),
        ("浙江省经济和信息化委员会", "浙江省经济和信息化厅", "三、(二) 完善用地评价机制", "浙政发〔2017〕30号"),
    ]


def test_agency_measures_by_year_follows_predecessors(store):
    assert rows(store, "agency-measures-by-year") == [("2021", "浙江省商务厅", "3", "2", "1")]
    # 省经信厅 also answers for 省经信委 (succeededBy) in 2017.
    assert rows(store, "agency-measures-by-year", agency="省经信厅") == [
        ("2017", "浙江省经济和信息化委员会", "2", "1", "1"),
        ("2021", "浙江省经济和信息化厅", "1", "0", "1"),
    ]


def test_fact_provenance(store):
    got = rows(store, "fact-provenance")
    assert [(rel, doc, issued, section) for rel, _, doc, issued, section, _ in got] == [
        ("leads", "浙政发〔2017〕30号", "2017-09-01", "三、(二)"),
        ("responsibleFor", "浙政发〔2017〕30号", "2017-09-01", "三、(二)"),
        ("responsibleFor", "浙政办发〔2021〕27号", "2021-03-18", "一、(一)"),
    ]
    assert got[2][5] == "高水平建设跨境电子商务综合试验区。（责任单位：省商务厅、省发展改革委、省财政厅）"
    by_label = rows(store, "fact-provenance", name="浙江省发展和改革委员会")
    assert by_label == got


def test_documents(store):
    got = rows(store, "documents")
    assert [r[0] for r in got] == [
        "浙政发〔2017〕30号",
        "浙政办发〔2020〕25号",
        "浙政发〔2020〕13号",
        "浙政办发〔2021〕27号",
        "浙政发〔2021〕9号",
        "浙政发〔2021〕14号",
        "浙政办发〔2021〕30号",
    ]
    # D6's graph: 5 document statements, 5 award statements, 2 rewardedBy.
    assert got[1][1:3] == ("2020-06-10", "浙江省人民政府办公厅") and got[1][4] == "12"


def test_agency_names(store):
    got = {r[0]: r for r in rows(store, "agency-names")}
    assert set(got["浙江省发展和改革委员会"][1].split("、")) == {"省发展改革委", "省发改委"}
    assert got["浙江省国土资源厅"][2] == "浙江省自然资源厅"
    assert got["浙江省卫生厅"][1:] == ("", "浙江省卫生和计划生育委员会")


# ---------------------------------------------------------------------------
# Tables by display width
# ---------------------------------------------------------------------------


def test_table_lines_up_chinese_by_display_width():
    table = render_table(["名称", "n"], [["浙江省商务厅", "3"], ["A", "12"]], numeric=[False, True], budget=80)
    lines = table.splitlines()
    # the second column ends at the same display column on every line
    assert len({text_width(line) for line in lines}) == 1
    assert lines[2] == "浙江省商务厅   3"


def test_long_cells_are_truncated_to_the_terminal():
    long = "浙江省人民政府办公厅关于对2020年度落实有关重大政策措施真抓实干成效明显地方予以督查激励的通报"
    table = render_table(["title", "date"], [[long, "2021-05-28"]], budget=40)
    assert all(text_width(line) <= 40 for line in table.splitlines())
    assert "…" in table and "2021-05-28" in table
    assert truncate("abcdef", 4) == "abc…"


# ---------------------------------------------------------------------------
# govkg query and govkg queries
# ---------------------------------------------------------------------------


def test_cli_table(capsys):
    assert main(["query", "--data", str(FIXTURE), "--name", "zones-per-region"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["city", "county", "zones"]
    assert out[2].split() == ["金华市", "义乌市", "2"]


def test_cli_csv_json_and_params(capsys):
    args = ["query", "--data", str(FIXTURE), "--name", "documents-citing", "--param", "docNumber=国发〔2019〕11号"]
    assert main(args + ["--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "citedNumber,citingNumber,issued,citingTitle"
    assert len(lines) == 3 and lines[1].startswith("国发〔2019〕11号,浙政发〔2020〕13号,2020-07-01,")
    assert main(args + ["--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["head"]["vars"][0] == "citedNumber" and len(doc["results"]["bindings"]) == 2
    assert main(args + ["--format", "tsv"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "?citedNumber\t?citingNumber\t?issued\t?citingTitle"


def test_cli_ask_and_construct_turtle(capsys, tmp_path):
    assert main(["query", "--data", str(FIXTURE), "ASK { ?r gov:adcode '330782' }"]) == 0
    assert capsys.readouterr().out.strip() == "true"
    query = tmp_path / "c.rq"
    query.write_text("CONSTRUCT { ?r rdfs:label ?l } WHERE { ?r gov:adminLevel 'prefecture' ; rdfs:label ?l }", encoding="utf-8")
    assert main(["query", "--data", str(FIXTURE), "--file", str(query), "--format", "turtle"]) == 0
    graph = list(ox.parse(capsys.readouterr().out.encode("utf-8"), format=ox.RdfFormat.TURTLE))
    assert sorted(t.object.value for t in graph) == ["丽水市", "宁波市", "杭州市", "金华市"]


def test_cli_syntax_error_exits_nonzero_with_position(capsys):
    status = main(["query", "--data", str(FIXTURE), "SELECT ?x WHERE {\n  ?x gov:adcode ?c .\n  FILTER( }"])
    err = capsys.readouterr().err
    assert status == 1
    assert "syntax error at line 3, column" in err
    assert "  3 |   FILTER( }" in err  # the offending line is shown
    assert "Traceback" not in err


def test_cli_errors_are_one_line(capsys, tmp_path):
    assert main(["query", "--data", str(tmp_path), "ASK {}"]) == 1
    assert "no graph.trig" in capsys.readouterr().err
    assert main(["query", "--data", str(FIXTURE), "--name", "no-such-query"]) == 1
    assert "choose one of" in capsys.readouterr().err
    assert main(["query", "--data", str(FIXTURE), "INSERT DATA { <a:a> <a:b> <a:c> }"]) == 1
    assert "read-only" in capsys.readouterr().err
    assert main(["query", "--data", str(FIXTURE), "--name", "documents", "--param", "agency=x"]) == 1
    assert "no parameter" in capsys.readouterr().err


def test_govkg_queries_lists_name_and_title(capsys):
    assert main(["queries"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(load_cookbook())
    by_name = {line.split()[0]: line for line in lines}
    assert "Laboratories with their lead institutions and places" in by_name["laboratories"]
    assert "[--param agency]" in by_name["agency-measures-by-year"]
