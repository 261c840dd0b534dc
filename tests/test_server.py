"""``govkg serve``: the SPARQL 1.1 Protocol, its safeguards, and the query page.

One server on the fixture graph (tests/fixtures/mini.trig) serves the whole
module, with a 2 s time limit and a 50-row limit.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import subprocess
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest

from graph.server import ServerConfig, serve_in_thread, stop_server

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "mini.trig"
TIMEOUT = 2.0
MAX_ROWS = 50
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
DOC_NUMBERS = "SELECT ?n WHERE { ?d a gov:Document ; gov:docNumber ?n } ORDER BY ?n"


@pytest.fixture(scope="module")
def server():
    config = ServerConfig(
        data=str(FIXTURE), port=0, timeout=TIMEOUT, max_rows=MAX_ROWS, workers=2, max_request_bytes=4096, quiet=True
    )
    srv, _ = serve_in_thread(config)
    yield srv
    stop_server(srv)


def request(server, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
    """Send one request; return (status, headers, body). The path goes out as given."""
    host, port = server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def get(server, query: str, accept: str | None = None, **params):
    headers = {"Accept": accept} if accept else {}
    return request(server, "GET", "/sparql?" + urlencode({"query": query, **params}), headers=headers)


def post_form(server, fields: dict, accept: str | None = None):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if accept:
        headers["Accept"] = accept
    return request(server, "POST", "/sparql", urlencode(fields).encode(), headers)


def post_query(server, query: str, accept: str | None = None):
    headers = {"Content-Type": "application/sparql-query"}
    if accept:
        headers["Accept"] = accept
    return request(server, "POST", "/sparql", query.encode("utf-8"), headers)


def numbers_from_json(body: bytes) -> list[str]:
    return [b["n"]["value"] for b in json.loads(body)["results"]["bindings"]]


EXPECTED_NUMBERS = sorted(
    [
        "国发〔2019〕11号",
        "浙政发〔2017〕30号",
        "浙政发〔2020〕13号",
        "浙政办发〔2020〕25号",
        "浙政办发〔2021〕27号",
        "浙政发〔2021〕9号",
        "浙政发〔2021〕14号",
        "浙政办发〔2021〕30号",
    ]
)


# ---------------------------------------------------------------------------
# Request forms
# ---------------------------------------------------------------------------


def test_get_form_and_direct_post_answer_alike(server):
    answers = [
        get(server, DOC_NUMBERS),
        post_form(server, {"query": DOC_NUMBERS}),
        post_query(server, DOC_NUMBERS),
    ]
    for status, headers, body in answers:
        assert status == 200
        assert headers["content-type"].startswith("application/sparql-results+json")
        assert sorted(set(numbers_from_json(body))) == EXPECTED_NUMBERS


def test_default_graph_uri_narrows_the_default_graph(server):
    query = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a gov:Document }"
    status, _, body = get(server, query, **{"default-graph-uri": "https://w3id.org/govkg/id/graph/gazetteer"})
    assert status == 200 and numbers_from_json(body) == ["0"]
    status, _, body = get(server, query)
    assert numbers_from_json(body) == ["8"]


# ---------------------------------------------------------------------------
# Content negotiation
# ---------------------------------------------------------------------------


def test_select_as_xml_csv_tsv(server):
    status, headers, body = get(server, DOC_NUMBERS, accept="application/sparql-results+xml")
    assert status == 200 and headers["content-type"].startswith("application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    literals = ET.fromstring(body).findall(".//r:binding/r:literal", ns)
    assert sorted({e.text for e in literals}) == EXPECTED_NUMBERS

    status, headers, body = get(server, DOC_NUMBERS, accept="text/csv")
    assert headers["content-type"].startswith("text/csv")
    lines = body.decode("utf-8").split("\r\n")
    assert lines[0] == "n" and sorted(set(filter(None, lines[1:]))) == EXPECTED_NUMBERS

    status, headers, body = get(server, DOC_NUMBERS, accept="text/tab-separated-values")
    assert headers["content-type"].startswith("text/tab-separated-values")
    lines = body.decode("utf-8").splitlines()
    assert lines[0] == "?n" and '"浙政发〔2021〕14号"' in lines


def test_accept_weights_and_format_parameter(server):
    _, headers, _ = get(server, DOC_NUMBERS, accept="text/csv;q=0.4, application/sparql-results+xml;q=0.9")
    assert headers["content-type"].startswith("application/sparql-results+xml")
    _, headers, _ = get(server, DOC_NUMBERS, accept="text/html,application/xhtml+xml,*/*;q=0.8")
    assert headers["content-type"].startswith("application/sparql-results+json")
    _, headers, _ = get(server, DOC_NUMBERS, format="tsv")
    assert headers["content-type"].startswith("text/tab-separated-values")
    status, _, body = get(server, DOC_NUMBERS, accept="image/png")
    assert status == 406 and b"offered" in body


def test_ask(server):
    status, _, body = get(server, "ASK { ?z gov:inPreparation true }")
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}
    _, _, body = get(server, "ASK { ?z gov:integrates ?z }", accept="application/sparql-results+xml")
    assert b"<boolean>false</boolean>" in body


@pytest.mark.parametrize(
    "accept, fmt",
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
    ],
)
def test_construct_and_describe_in_graph_formats(server, accept, fmt):
    construct = "CONSTRUCT { ?r rdfs:label ?l } WHERE { ?r gov:adminLevel 'prefecture' ; rdfs:label ?l }"
    status, headers, body = post_query(server, construct, accept=accept)
    assert status == 200 and headers["content-type"].startswith(accept)
    labels = sorted(t.object.value for t in ox.parse(body, format=fmt))
    assert labels == ["丽水市", "宁波市", "杭州市", "金华市"]
    status, _, body = get(server, "DESCRIBE <https://w3id.org/govkg/id/region/330782>", accept=accept)
    assert status == 200
    assert "330782" in {t.object.value for t in ox.parse(body, format=fmt)}


# ---------------------------------------------------------------------------
# Refusals
# ---------------------------------------------------------------------------


def test_malformed_query_is_400_with_position(server):
    status, headers, body = get(server, "SELECT ?x WHERE {\n ?x gov:adcode }")
    assert status == 400
    assert headers["content-type"].startswith("text/plain")
    assert b"syntax error at line 2, column" in body


def test_updates_are_refused_in_every_form(server):
    update = "INSERT DATA { <http://example.org/a> <http://example.org/b> 'c' }"
    for status, _, body in [
        post_form(server, {"update": update}),
        post_form(server, {"query": update}),
        get(server, update),
        request(server, "POST", "/sparql", update.encode(), {"Content-Type": "application/sparql-update"}),
    ]:
        assert status == 403 and b"read-only" in body
    status, _, _ = request(server, "PUT", "/sparql", b"x", {"Content-Type": "text/turtle"})
    assert status == 405
    # nothing was added
    _, _, body = get(server, "ASK { <http://example.org/a> ?p ?o }")
    assert json.loads(body)["boolean"] is False


def test_service_is_refused_unless_allowed(server):
    status, _, body = get(server, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert status == 403 and b"--allow-service" in body
    status, _, _ = post_query(server, "select * { service silent <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert status == 403


def test_service_passes_the_policy_when_allowed():
    """With --allow-service the query runs (and fails here: nothing answers on 127.0.0.1:9)."""
    config = ServerConfig(data=str(FIXTURE), port=0, workers=1, allow_service=True, quiet=True)
    permissive, _ = serve_in_thread(config)
    try:
        status, _, body = get(permissive, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    finally:
        stop_server(permissive)
    assert status != 403 and b"--allow-service" not in body


def test_listens_on_loopback_by_default(server):
    from graph.cli import build_parser

    assert ServerConfig().host == "127.0.0.1"
    assert build_parser().parse_args(["serve"]).host == "127.0.0.1"
    assert server.server_address[0] == "127.0.0.1"  # the module's server was started without a host


def test_request_size_limit_and_bad_bodies(server):
    big = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 5000
    status, _, body = post_query(server, big)
    assert status == 413 and b"limit" in body
    status, _, _ = request(server, "POST", "/sparql", b"query=ASK{}", {"Content-Type": "text/plain"})
    assert status == 415
    status, _, _ = request(server, "GET", "/sparql")
    assert status == 400


def test_row_limit_truncates_and_says_so(server):
    status, headers, body = get(server, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == MAX_ROWS
    assert headers["x-govkg-truncated"] == "true"
    _, headers, _ = get(server, DOC_NUMBERS)
    assert "x-govkg-truncated" not in headers


# ---------------------------------------------------------------------------
# CORS
# ---------------------------------------------------------------------------


def test_cors_headers_and_preflight(server):
    status, headers, _ = request(
        server,
        "OPTIONS",
        "/sparql",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"},
    )
    assert status == 204
    assert headers["access-control-allow-origin"] == "*"
    assert "POST" in headers["access-control-allow-methods"]
    assert "content-type" in headers["access-control-allow-headers"].lower()
    for status, headers, _ in [get(server, DOC_NUMBERS), get(server, "SELECT WHERE {")]:
        assert headers["access-control-allow-origin"] == "*"


# ---------------------------------------------------------------------------
# Static files and the page
# ---------------------------------------------------------------------------


def test_page_and_cookbook_are_served(server):
    status, headers, body = request(server, "GET", "/")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert b"static/yasgui.min.js" in body and b"static/app.js" in body
    status, headers, body = request(server, "GET", "/static/yasgui.min.js")
    assert status == 200 and headers["content-type"].startswith("text/javascript") and len(body) > 100_000
    status, _, body = request(server, "GET", "/queries.json")
    entries = json.loads(body)
    assert len(entries) >= 12 and {"name", "title", "description", "query"} <= set(entries[0])


@pytest.mark.parametrize(
    "path",
    [
        "/static/../server.py",
        "/static/%2e%2e/server.py",
        "/static/..%2fserver.py",
        "/../../../../etc/passwd",
        "/static/../../pyproject.toml",
        "//etc/passwd",
        "/static/README.md",
        "/static/",
    ],
)
def test_no_path_traversal(server, path):
    status, _, body = request(server, "GET", path)
    assert status == 404
    assert b"import" not in body and b"root:" not in body and b"[project]" not in body


# ---------------------------------------------------------------------------
# The time limit
# ---------------------------------------------------------------------------


def test_runaway_query_is_stopped_while_others_are_served(server):
    runaway: dict = {}

    def send_runaway():
        started = time.monotonic()
        status, _, body = post_form(server, {"query": RUNAWAY})
        runaway.update(status=status, body=body, elapsed=time.monotonic() - started, done=time.monotonic())

    thread = threading.Thread(target=send_runaway)
    thread.start()
    time.sleep(0.3)  # the runaway query is now occupying one worker
    status, _, body = get(server, DOC_NUMBERS)
    served_at = time.monotonic()
    assert status == 200 and sorted(set(numbers_from_json(body))) == EXPECTED_NUMBERS
    thread.join(60)
    assert runaway["status"] == 503 and b"time limit" in runaway["body"]
    assert served_at < runaway["done"]  # the other client did not wait for the runaway
    assert runaway["elapsed"] < TIMEOUT + 5  # stopped near the limit, not left running
    # the endpoint keeps answering while the stopped worker is replaced
    for _ in range(4):
        status, _, _ = get(server, "ASK { ?s ?p ?o }")
        assert status == 200


# ---------------------------------------------------------------------------
# The page in a real browser
# ---------------------------------------------------------------------------


def _browser_missing() -> str | None:
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists():
        return f"{chromium} is not installed (apt-get install -y chromium)"
    if not shutil.which("node"):
        return "node is not installed"
    if not (ROOT / "node_modules" / "playwright-core").is_dir():
        return "playwright-core is not installed (npm ci)"
    return None


def test_query_page_runs_a_cookbook_query_in_chromium(server, tmp_path):
    missing = _browser_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"the browser test must run in CI: {missing}")
        pytest.skip(missing)
    completed = subprocess.run(
        ["node", str(ROOT / "tests" / "browser" / "run_page.mjs"), server.url, "laboratories", str(tmp_path / "page.png")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    assert report["rows"] == 5  # the five (laboratory, lead) pairs of the fixture
    assert "之江实验室" in report["firstRow"] and "浙江大学" in report["firstRow"]
    assert report["requests"] == []  # the page asked no other host (no CDN)
