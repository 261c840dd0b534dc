"""``govkg push``: every named graph of a build reaches a Graph Store Protocol endpoint.

The store here is a small in-process server implementing the protocol's PUT
and GET on ``?graph=`` over a pyoxigraph store (started by the test on a
loopback port), not a production SPARQL server.
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
