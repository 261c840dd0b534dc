"""RDF writers: Turtle (union), TriG and N-Quads (named graphs), N-Triples, JSON-LD.

All writers take sorted quads (``graph.build.to_quads``), write through
pyoxigraph's serialisers with every prefix bound, and write atomically.
The same quads always give byte-identical files.

>>> import pyoxigraph as ox, tempfile, pathlib
>>> g = ox.NamedNode("https://w3id.org/govkg/id/doc/d")
>>> q = ox.Quad(g, ox.NamedNode("https://w3id.org/govkg/ontology#docNumber"), ox.Literal("1号"), g)
>>> out = pathlib.Path(tempfile.mkdtemp()) / "g.ttl"
>>> write_turtle([q], out)
>>> "gov:docNumber" in out.read_text(encoding="utf-8")
True
"""

from __future__ import annotations

import contextlib
import io
import os
from typing import Iterable, Sequence

import pyoxigraph as ox

from exports import atomic
from exports.atomic import write_bytes_atomic
from graph.build import KEY_SEP, nquads_of_keys, ntriples_of_union, union_keys, union_triples
from graph.vocab import PREFIXES

_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def serialize_quads(quads: Sequence[ox.Quad], fmt: ox.RdfFormat) -> bytes:
    """Serialise quads (dataset formats) or their union (graph formats)."""
    buffer = io.BytesIO()
    if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
        ox.serialize(quads, buffer, fmt, prefixes=_prefixes_for(fmt))
    else:
        ox.serialize(union_triples(quads), buffer, fmt, prefixes=_prefixes_for(fmt))
    return buffer.getvalue()


def _prefixes_for(fmt: ox.RdfFormat) -> dict[str, str] | None:
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
        return _PREFIXES
    return None


def write_turtle(quads: Sequence[ox.Quad], path: str | os.PathLike) -> None:
    """Write the union of all graphs as Turtle."""
    write_bytes_atomic(path, serialize_quads(quads, ox.RdfFormat.TURTLE))


def write_trig(quads: Sequence[ox.Quad], path: str | os.PathLike) -> None:
    """Write every named graph as TriG."""
    write_bytes_atomic(path, serialize_quads(quads, ox.RdfFormat.TRIG))


def write_nquads(quads: Sequence[ox.Quad], path: str | os.PathLike) -> None:
    """Write every named graph as N-Quads (one statement per line)."""
    write_bytes_atomic(path, serialize_quads(quads, ox.RdfFormat.N_QUADS))


def write_ntriples(quads: Sequence[ox.Quad], path: str | os.PathLike) -> None:
    """Write the union of all graphs as N-Triples."""
    write_bytes_atomic(path, serialize_quads(quads, ox.RdfFormat.N_TRIPLES))


def write_jsonld(quads: Sequence[ox.Quad], path: str | os.PathLike) -> None:
    """Write every named graph as JSON-LD."""
    buffer = io.BytesIO()
    ox.serialize(quads, buffer, ox.RdfFormat.JSON_LD)
    write_bytes_atomic(path, buffer.getvalue())


#: Writers by file name, as the build writes them.
WRITERS = {
    "graph.ttl": write_turtle,
    "graph.trig": write_trig,
    "graph.nq": write_nquads,
}


def write_all_keys(keys: Sequence[str], out_dir: str | os.PathLike,
                   names: Iterable[str] = WRITERS) -> tuple[list[str], int]:
    """Write each named output from quad keys (``graph.build.quad_key``, in
    output order); return the paths written and the number of union triples.

    The files are byte-identical to :func:`write_all`'s for the same quads:
    N-Quads lines are written directly from the keys, TriG and Turtle through
    pyoxigraph's serialisers from quads parsed back from N-Quads/N-Triples
    files (pyoxigraph parses in Rust, far faster than building and sorting
    quads in Python).  Everything streams through files: no output is held
    in memory whole.

    >>> import tempfile
    >>> from graph.build import quad_keys
    >>> from graph.model import Fact
    >>> g = "https://w3id.org/govkg/id/doc/d"
    >>> d = tempfile.mkdtemp()
    >>> paths, triples = write_all_keys(quad_keys([Fact.label(g, "通知", g)]), d, ["graph.nq", "graph.ttl"])
    >>> triples, open(paths[1], encoding="utf-8").read().splitlines()[-1], sorted(os.listdir(d))
    (1, '<https://w3id.org/govkg/id/doc/d> rdfs:label "通知"@zh .', ['graph.nq', 'graph.ttl'])
    """
    names = list(names)
    unknown = [n for n in names if n not in WRITERS]
    if unknown:
        raise ValueError(f"no key writer for {unknown[0]}")
    paths = {name: os.path.join(out_dir, name) for name in names}
    scratch = []
    try:
        nquads = paths.get("graph.nq")
        if "graph.trig" in paths and nquads is None:
            nquads = _scratch(out_dir, "quads.nq", scratch)
        if nquads:
            with atomic.atomic_write(nquads) as handle:
                _write_lines(handle, keys, nquads_of_keys)
        if "graph.trig" in paths:
            with atomic.atomic_write(paths["graph.trig"]) as handle:
                _serialize_to(ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS), handle, ox.RdfFormat.TRIG)
        union = union_keys(keys)
        if "graph.ttl" in paths:
            ntriples = _scratch(out_dir, "union.nt", scratch)
            with open(ntriples, "wb") as handle:
                _write_lines(handle, union, ntriples_of_union)
            with atomic.atomic_write(paths["graph.ttl"]) as handle:
                _serialize_to(ox.parse(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES), handle,
                              ox.RdfFormat.TURTLE)
    finally:
        for path in scratch:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
    return [paths[n] for n in names], len(union)


def _scratch(out_dir, name: str, scratch: list) -> str:
    """A scratch file beside the outputs, removed when writing ends."""
    path = os.path.join(out_dir, f".{name}.{os.getpid()}.scratch")
    scratch.append(path)
    return path


def _write_lines(handle, keys: Sequence[str], text_of, batch: int = 50_000) -> None:
    """Write ``text_of(keys)`` in batches (bounded memory for any number of keys)."""
    for i in range(0, len(keys), batch):
        handle.write(text_of(keys[i:i + batch]))


def _serialize_to(items, handle, fmt: ox.RdfFormat) -> None:
    ox.serialize(items, handle, fmt, prefixes=_prefixes_for(fmt))


def _serialize(items, fmt: ox.RdfFormat) -> bytes:
    buffer = io.BytesIO()
    ox.serialize(items, buffer, fmt, prefixes=_prefixes_for(fmt))
    return buffer.getvalue()


def write_all(quads: Iterable[ox.Quad], out_dir: str | os.PathLike, names: Iterable[str] = WRITERS) -> list[str]:
    """Write each named output into ``out_dir``; return the paths written."""
    quads = list(quads)
    written = []
    for name in names:
        path = os.path.join(out_dir, name)
        WRITERS[name](quads, path)
        written.append(path)
    return written


# ------------------------------------------------------------ chunked writing
#
# The dataset files are sorted with the graph first (N-Quads, TriG) or the
# subject first (the Turtle union), and pyoxigraph's serialisers carry no
# state from one graph (TriG) or one subject (Turtle) to the next beyond the
# prefix lines at the top.  So a file is the prefix lines followed by the
# serialisations of its graphs (or of runs of subjects) one after the other,
# byte for byte, and each piece can be made elsewhere (a worker process) or
# earlier (a previous build) and kept: a rebuild re-serialises only the pieces
# whose statements changed.  ``tests/test_build.py`` checks the identity.


def graph_chunks(keys: Sequence[str]) -> dict[str, tuple[bytes, bytes]]:
    """Each named graph's N-Quads lines and TriG block, from sorted quad keys.

    Keyed by the graph's N-Quads text (``<iri>``); the TriG block is what
    the TriG serialiser writes for that graph after the prefix lines.

    >>> from graph.build import quad_keys
    >>> from graph.model import Fact
    >>> g = "https://w3id.org/govkg/id/doc/d"
    >>> nq, trig = graph_chunks(quad_keys([Fact.label(g, "通知", g)]))[f"<{g}>"]
    >>> trig.decode().splitlines()
    ['<https://w3id.org/govkg/id/doc/d> {', '\\t<https://w3id.org/govkg/id/doc/d> rdfs:label "通知"@zh .', '}']
    """
    chunks = {}
    for graph, group in _runs(keys, lambda key: key[:key.index(KEY_SEP)]):
        nquads = nquads_of_keys(group)
        trig = _serialize(ox.parse(nquads, format=ox.RdfFormat.N_QUADS), ox.RdfFormat.TRIG)
        chunks[graph] = (nquads, _without_prefixes(trig))
    return chunks


def _runs(keys: Sequence[str], head) -> list[tuple[str, list[str]]]:
    """``keys`` cut into runs of equal ``head(key)``, in order."""
    runs: list[tuple[str, list[str]]] = []
    current = None
    for key in keys:
        first = head(key)
        if first != current:
            runs.append((first, []))
            current = first
        runs[-1][1].append(key)
    return runs


def prefix_lines() -> bytes:
    """The ``@prefix`` lines pyoxigraph writes at the top of TriG and Turtle files."""
    return _prefix_lines()


def _prefix_lines(cache: dict = {}) -> bytes:  # noqa: B006 - computed once per process
    if "lines" not in cache:
        node = ox.NamedNode("http://example.org/x")
        text = _serialize([ox.Triple(node, node, node)], ox.RdfFormat.TURTLE)
        cache["lines"] = b"".join(line for line in text.splitlines(True) if line.startswith(b"@prefix"))
    return cache["lines"]


def _without_prefixes(text: bytes) -> bytes:
    """``text`` without the prefix lines at its top (which every file has once)."""
    lines = prefix_lines()
    if not text.startswith(lines):
        raise ValueError("the serialiser wrote other prefix lines than expected")
    return text[len(lines):]


def write_graph_chunks(chunks: Iterable[tuple[bytes, bytes]], nquads_path: str | None,
                       trig_path: str | None) -> None:
    """Write ``graph.nq`` and ``graph.trig`` from the graphs' chunks (:func:`graph_chunks`), in order."""
    with contextlib.ExitStack() as stack:
        nq = stack.enter_context(atomic.atomic_write(nquads_path)) if nquads_path else None
        trig = stack.enter_context(atomic.atomic_write(trig_path)) if trig_path else None
        if trig:
            trig.write(prefix_lines())
        for nquads, block in chunks:
            if nq:
                nq.write(nquads)
            if trig:
                trig.write(block)


#: A run of subjects ends before a subject whose hash modulo this is 0: about
#: 1 subject in 32 starts a new chunk of the Turtle file.  The cut depends
#: only on the subject itself, so a change elsewhere leaves a chunk whole.
TURTLE_CUT = 32


def turtle_chunks(union: Sequence[str], known: dict[str, bytes]) -> list[tuple[str, bytes]]:
    """The Turtle file's body (after the prefix lines) of sorted union keys
    (``graph.build.union_keys``), in chunks: ``(digest of the statements, Turtle)`` in order.

    A chunk found in ``known`` (the chunks of a previous build) is reused,
    the others are serialised.

    >>> from graph.build import quad_keys, union_keys
    >>> from graph.model import Fact
    >>> g = "https://w3id.org/govkg/id/doc/d"
    >>> [turtle.decode() for _, turtle in turtle_chunks(union_keys(quad_keys([Fact.label(g, "通知", g)])), {})]
    ['<https://w3id.org/govkg/id/doc/d> rdfs:label "通知"@zh .\\n']
    """
    import hashlib
    import zlib

    chunks: list[tuple[str, bytes]] = []
    current: list[str] = []
    subject = None

    def close() -> None:
        text = ntriples_of_union(current)
        digest = hashlib.sha1(text).hexdigest()
        found = known.get(digest)
        if found is None:
            turtle = _serialize(ox.parse(text, format=ox.RdfFormat.N_TRIPLES), ox.RdfFormat.TURTLE)
            found = _without_prefixes(turtle)
        chunks.append((digest, found))

    for key in union:
        first = key[:key.index(KEY_SEP)]
        if first != subject:
            if current and zlib.crc32(first.encode("utf-8")) % TURTLE_CUT == 0:
                close()
                current = []
            subject = first
        current.append(key)
    if current:
        close()
    return chunks


def write_turtle_chunks(chunks: Iterable[bytes], path: str) -> None:
    """Write ``graph.ttl``: the prefix lines, then the chunks (:func:`turtle_chunks`)."""
    with atomic.atomic_write(path) as handle:
        handle.write(prefix_lines())
        for chunk in chunks:
            handle.write(chunk)
