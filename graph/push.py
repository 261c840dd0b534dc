"""Upload a built graph to a SPARQL store, one named graph at a time.

A corpus too big for one machine's files is served from a SPARQL store that
scales out (Virtuoso, QLever, GraphDB, Fuseki...).  Every such store speaks the
SPARQL 1.1 Graph Store HTTP Protocol: ``PUT ENDPOINT?graph=IRI`` with an RDF
body replaces that named graph.  :func:`push` reads ``DIR/graph.nq`` (sorted
by graph, as ``govkg build`` writes it) and PUTs each document's graph, and
the gazetteer and ontology graphs, as N-Triples, streaming: one graph is in
memory at a time.

Because PUT replaces a graph, pushing again after a rebuild leaves the store
equal to the new build for every graph the build holds (graphs of documents
no longer in the corpus stay until deleted; ``--delete-missing`` is not
provided on purpose: a store may hold other data).

>>> graph_param_url("http://localhost:8890/sparql-graph-crud", "https://w3id.org/govkg/id/doc/x")
'http://localhost:8890/sparql-graph-crud?graph=https%3A%2F%2Fw3id.org%2Fgovkg%2Fid%2Fdoc%2Fx'
"""

from __future__ import annotations

import base64
import io
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

import pyoxigraph as ox

from graph.errors import UserError

#: The media type of the request bodies.
NTRIPLES = "application/n-triples"


@dataclass
class PushSummary:
    """What a push did."""

    graphs: int = 0
    triples: int = 0
    bytes: int = 0
    seconds: float = 0.0
    failed: list[tuple[str, str]] = field(default_factory=list)


def graph_param_url(endpoint: str, graph: str, param: str = "graph") -> str:
    """The Graph Store Protocol URL of one named graph (``?graph=`` or, for
    Virtuoso's ``sparql-graph-crud``, ``?graph-uri=``)."""
    sep = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    return f"{endpoint}{sep}{urllib.parse.urlencode({param: graph})}"


def graphs_of(nquads: Path) -> Iterator[tuple[str, list[ox.Triple]]]:
    """Yield ``(graph IRI, triples)`` for each named graph of an N-Quads file.

    The file is read as a stream; consecutive quads of the same graph form
    one group (``govkg build`` sorts by graph, so each graph comes once).
    Quads in the default graph are refused: the protocol call would differ.
    """
    current: Optional[str] = None
    triples: list[ox.Triple] = []
    for quad in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS):
        if not isinstance(quad.graph_name, ox.NamedNode):
            raise UserError(f"{nquads}: a statement outside any named graph; push expects govkg's graph.nq")
        name = quad.graph_name.value
        if name != current:
            if current is not None:
                yield current, triples
            current, triples = name, []
        triples.append(ox.Triple(quad.subject, quad.predicate, quad.object))
    if current is not None:
        yield current, triples


def ntriples(triples: list[ox.Triple]) -> bytes:
    """The N-Triples text of ``triples``."""
    buffer = io.BytesIO()
    ox.serialize(triples, buffer, ox.RdfFormat.N_TRIPLES)
    return buffer.getvalue()


def put_graph(url: str, body: bytes, auth: Optional[str] = None, timeout: float = 60.0) -> None:
    """PUT one graph; raise ``OSError`` (``urllib.error.URLError``/``HTTPError``) on failure."""
    request = urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": NTRIPLES})
    if auth:
        request.add_header("Authorization", "Basic " + base64.b64encode(auth.encode("utf-8")).decode("ascii"))
    with urllib.request.urlopen(request, timeout=timeout) as response:
        response.read()


def push(data_dir: str, endpoint: str, param: str = "graph", auth: Optional[str] = None,
         timeout: float = 60.0, progress=None) -> PushSummary:
    """Upload every named graph of ``DIR/graph.nq`` to the Graph Store ``endpoint``.

    A graph the store refuses is recorded in ``PushSummary.failed`` and the
    others are still sent; an endpoint that cannot be reached at all stops
    the push with a :class:`UserError`.
    """
    nquads = Path(data_dir) / "graph.nq"
    if not nquads.is_file():
        raise UserError(f"{nquads} not found: run govkg build first (it writes graph.nq)")
    summary = PushSummary()
    started = time.perf_counter()
    for graph, triples in graphs_of(nquads):
        body = ntriples(triples)
        try:
            put_graph(graph_param_url(endpoint, graph, param), body, auth, timeout)
        except urllib.error.HTTPError as exc:
            summary.failed.append((graph, f"HTTP {exc.code} {exc.reason}"))
            continue
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise UserError(f"cannot reach {endpoint}: {reason}") from None
        summary.graphs += 1
        summary.triples += len(triples)
        summary.bytes += len(body)
        if progress:
            progress(graph, len(triples))
    summary.seconds = time.perf_counter() - started
    return summary
