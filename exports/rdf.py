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
from graph.build import nquads_of_keys, ntriples_of_union, union_keys, union_triples
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
