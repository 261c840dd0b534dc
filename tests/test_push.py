"""``govkg push``: every named graph of a build reaches a Graph Store Protocol endpoint.

Two stores: a small in-process server implementing the protocol's PUT and
GET on ``?graph=`` over a pyoxigraph store (always run), and a real Virtuoso
server (Debian package ``virtuoso-opensource``) started by the test with a
fresh database on loopback ports (skipped when Virtuoso is not installed).
"""

from __future__ import annotations

import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest

from graph.cli import main
from graph.errors import UserError
from graph.push import graphs_of, push


class GraphStore:
    """A Graph Store Protocol server: PUT replaces a named graph, GET returns it."""

    def __init__(self, refuse: str = ""):
        self.store = ox.Store()
        self.refuse = refuse  # graph IRIs containing this are answered 500
        self.puts = 0
        store = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def _graph(self) -> ox.NamedNode:
                query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
                return ox.NamedNode(query["graph"][0])

            def do_PUT(self):
                graph = self._graph()
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if store.refuse and store.refuse in graph.value:
                    self.send_response(500)
                    self.end_headers()
                    return
                assert self.headers["Content-Type"] == "application/n-triples"
                store.store.clear_graph(graph)
                for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES):
                    store.store.add(ox.Quad(t.subject, t.predicate, t.object, graph))
                store.puts += 1
                self.send_response(201)
                self.end_headers()

            def do_GET(self):
                graph = self._graph()
                triples = [ox.Triple(q.subject, q.predicate, q.object)
                           for q in store.store.quads_for_pattern(None, None, None, graph)]
                body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
                self.send_response(200 if triples else 404)
                self.send_header("Content-Type", "application/n-triples")
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/store"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def built_quads(folder) -> set[ox.Quad]:
    return set(ox.parse(path=str(folder / "graph.nq"), format=ox.RdfFormat.N_QUADS))


def test_push_stores_every_named_graph(sample_build):
    graphs = [g for g, _ in graphs_of(sample_build / "graph.nq")]
    assert len(graphs) == len(set(graphs)), "graph.nq holds each graph in one run"
    with GraphStore() as store:
        summary = push(str(sample_build), store.url)
        assert (summary.graphs, summary.failed) == (len(graphs), [])
        assert set(store.store) == built_quads(sample_build)
        # Pushing again replaces each graph: the store holds the same statements.
        push(str(sample_build), store.url)
        assert len(store.store) == len(built_quads(sample_build))
        assert store.puts == 2 * len(graphs)


def test_document_graph_readable_back_by_its_iri(sample_build):
    import urllib.request

    graphs = [g for g, _ in graphs_of(sample_build / "graph.nq")]
    document = next(g for g in graphs if "/doc/" in g)
    with GraphStore() as store:
        push(str(sample_build), store.url)
        url = f"{store.url}?{urllib.parse.urlencode({'graph': document})}"
        with urllib.request.urlopen(url) as response:
            triples = list(ox.parse(response.read(), format=ox.RdfFormat.N_TRIPLES))
    doc = ox.NamedNode(document)
    types = {t.object.value for t in triples if t.subject == doc and t.predicate.value.endswith("#type")}
    assert "https://w3id.org/govkg/ontology#Document" in types


def test_refused_graph_is_named_and_the_others_are_sent(sample_build, capsys):
    with GraphStore(refuse="/graph/gazetteer") as store:
        status = main(["push", str(sample_build), "--endpoint", store.url])
    err = capsys.readouterr().err
    assert status == 2
    assert "refused https://w3id.org/govkg/id/graph/gazetteer: HTTP 500" in err
    assert store.puts > 1


def test_unreachable_endpoint_is_one_clear_error(sample_build):
    with GraphStore() as store:
        url = store.url
    with pytest.raises(UserError, match="cannot reach"):
        push(str(sample_build), url, timeout=5)


def test_folder_without_a_build(tmp_path, capsys):
    assert main(["push", str(tmp_path), "--endpoint", "http://127.0.0.1:9/x"]) == 1
    assert "run govkg build first" in capsys.readouterr().err


# ---------------------------------------------------------------- a real store

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = {sql}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .

[HTTPServer]
ServerPort = {http}
MaxClientConnections = 4
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = 100000
"""


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def virtuoso(tmp_path):
    """A Virtuoso server (Debian package virtuoso-opensource) on loopback ports, with a fresh database."""
    import shutil
    import subprocess
    import time
    import urllib.request

    if not (shutil.which("virtuoso-t") and shutil.which("isql-vt")):
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    sql, http = _free_port(), _free_port()
    ini = tmp_path / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=tmp_path, sql=sql, http=http))
    server = subprocess.Popen(["virtuoso-t", "+configfile", str(ini), "+foreground"], cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=5):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail(f"Virtuoso did not start: {(tmp_path / 'virtuoso.log').read_text()[-1000:]}")
                time.sleep(0.5)
        # Let the anonymous SPARQL user write through the Graph Store endpoint.
        subprocess.run(["isql-vt", str(sql), "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                       check=True, capture_output=True, timeout=60)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_push_to_virtuoso(virtuoso, sample_build):
    import json
    import urllib.request
    from collections import Counter

    summary = push(str(sample_build), f"{virtuoso}/sparql-graph-crud")
    assert summary.failed == []
    expected = Counter(q.graph_name.value for q in built_quads(sample_build))
    query = ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
             "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/govkg/')) } GROUP BY ?g")
    url = f"{virtuoso}/sparql?{urllib.parse.urlencode({'query': query, 'format': 'application/sparql-results+json'})}"
    with urllib.request.urlopen(url, timeout=60) as response:
        rows = json.loads(response.read())["results"]["bindings"]
    stored = {row["g"]["value"]: int(row["n"]["value"]) for row in rows}
    assert stored == dict(expected)
