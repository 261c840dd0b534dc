"""Incremental builds: a file whose content is unchanged is not extracted again.

The cache (``DIR/.cache/<builder version>/<hash of content and path>.pickle``)
holds each file's compact result; a rebuild after changing one file re-extracts that
file only, and its output is byte-identical to a fresh build of the same
inputs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.pipeline import Builder, FileResult
import graph.run
from graph.run import Cache, build

CORPUS = Path(__file__).resolve().parent.parent / "data" / "gazettes"
OUTPUTS = ("graph.ttl", "graph.trig", "graph.nq", "graph.gexf", "build-report.json")


@pytest.fixture()
def corpus(tmp_path) -> Path:
    """The two smallest sample issues, copied so a test may change them."""
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(CORPUS.glob("*.txt"), key=lambda p: p.stat().st_size)[:2]:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture()
def extracted(monkeypatch) -> list[str]:
    """The files the builder reads and extracts (builds with ``jobs=1`` run in this process).

    The builder version is held fixed for the test, so that editing a module
    of the package while the tests run cannot invalidate the cache midway.
    """
    version = graph.run.builder_version()
    monkeypatch.setattr(graph.run, "builder_version", lambda: version)
    seen: list[str] = []
    original = Builder.process_file

    def recording(self, path):
        seen.append(Path(path).name)
        return original(self, path)

    monkeypatch.setattr(Builder, "process_file", recording)
    return seen


def outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in OUTPUTS}


def test_changing_one_file_re_extracts_only_that_file(corpus, tmp_path, extracted):
    out = tmp_path / "out"
    files = sorted(p.name for p in corpus.glob("*.txt"))
    first = build([str(corpus)], str(out), jobs=1, progress=False)
    assert (first.cached, sorted(extracted)) == (0, files)

    extracted.clear()
    again = build([str(corpus)], str(out), jobs=1, progress=False)
    assert (again.cached, extracted) == (2, [])

    changed = corpus / files[1]
    text = changed.read_text(encoding="utf-8")
    # A new closing paragraph in the last document of the issue: new content, same documents.
    changed.write_text(text.rstrip("\n") + "\n\n浙江省人民政府办公厅\n2021年12月31日\n", encoding="utf-8")
    extracted.clear()
    rebuilt = build([str(corpus)], str(out), jobs=1, progress=False)
    assert (rebuilt.cached, extracted) == (1, [files[1]])

    fresh = tmp_path / "fresh"
    build([str(corpus)], str(fresh), jobs=1, use_cache=False, progress=False)
    assert outputs(out) == outputs(fresh)


def test_removing_a_file_removes_its_documents(corpus, tmp_path, extracted):
    out = tmp_path / "out"
    files = sorted(corpus.glob("*.txt"))
    both = build([str(corpus)], str(out), jobs=1, progress=False)
    trig_both = (out / "graph.trig").read_bytes()
    files[0].unlink()
    extracted.clear()
    one = build([str(corpus)], str(out), jobs=1, progress=False)
    assert (one.cached, extracted) == (1, [])
    assert one.documents < both.documents
    assert len((out / "graph.trig").read_bytes()) < len(trig_both)


def test_cache_is_keyed_by_content_and_builder_version(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("浙江省人民政府文件\n", encoding="utf-8")
    b.write_text("浙江省人民政府文件\n", encoding="utf-8")
    cache = Cache(str(tmp_path / "out"), "v1")
    cache.put(cache.key(str(a)), FileResult(path=str(a), size=7))
    # Same content under another name: found; other content or another builder version: not.
    assert cache.get(cache.key(str(b))).size == 7
    b.write_text("浙江省人民政府令\n", encoding="utf-8")
    assert cache.get(cache.key(str(b))) is None
    assert Cache(str(tmp_path / "out"), "v2").get(cache.key(str(a))) is None


#: A request from a city, cited by the reply 浙政函〔2021〕81号 of the sample
#: issue 003 (which labels it with its number while no input holds it).
CITED_REQUEST = """湖州市人民政府关于申请设立湖州工程技师学院的请示

湖政〔２０２０〕２３ 号

浙江省人民政府：

为加快高技能人才培养，推动制造业高质量发展，现申请在浙江信息工程学校的基础上设立湖州工程技师学院。

妥否，请批示。

湖州市人民政府
２０２０年１２月１日
"""
REQUEST = "https://w3id.org/govkg/id/doc/湖政-2020-23号"
REPLY = "https://w3id.org/govkg/id/doc/浙政函-2021-81号"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"


def labels_in(out: Path, subject: str, graph: str) -> list[str]:
    """The ``rdfs:label`` lines of ``subject`` in ``graph`` of ``out/graph.nq``."""
    prefix = f"<{subject}> {LABEL} "
    return [line for line in (out / "graph.nq").read_text(encoding="utf-8").splitlines()
            if line.startswith(prefix) and line.endswith(f"<{graph}> .")]


def test_a_file_holding_a_cited_document_changes_another_files_graph(corpus, tmp_path, extracted):
    # The reply's graph (from a cached file) loses the number-as-label of the
    # request once a new file holds the request, and gets it back when that
    # file goes; two worker processes, as a user's rebuild runs.
    out = tmp_path / "out"
    build([str(corpus)], str(out), jobs=2, progress=False)
    assert labels_in(out, REQUEST, REPLY) == [f'<{REQUEST}> {LABEL} "湖政〔2020〕23号"@zh <{REPLY}> .']
    before = outputs(out)

    (corpus / "request.txt").write_text(CITED_REQUEST, encoding="utf-8")
    added = build([str(corpus)], str(out), jobs=2, progress=False)
    assert added.cached == 2
    assert labels_in(out, REQUEST, REPLY) == []
    assert labels_in(out, REQUEST, REQUEST)  # labelled by its title in its own graph
    fresh = tmp_path / "fresh"
    build([str(corpus)], str(fresh), jobs=1, use_cache=False, progress=False)
    assert outputs(out) == outputs(fresh)

    (corpus / "request.txt").unlink()
    removed = build([str(corpus)], str(out), jobs=2, progress=False)
    assert removed.cached == 2
    assert outputs(out) == before


def test_a_document_in_two_files_is_one_graph_as_in_a_fresh_build(corpus, tmp_path, extracted):
    # A copy of an issue under another name: every graph of it is stated by
    # two files, so none is written as one worker made it.  The copy is read
    # (its documents name their source file), the others come from the cache.
    out = tmp_path / "out"
    build([str(corpus)], str(out), jobs=1, progress=False)
    first = sorted(corpus.glob("*.txt"))[0]
    shutil.copy(first, corpus / "copy.txt")
    extracted.clear()
    again = build([str(corpus)], str(out), jobs=1, progress=False)
    assert (again.cached, extracted) == (2, ["copy.txt"])
    fresh = tmp_path / "fresh"
    build([str(corpus)], str(fresh), jobs=2, use_cache=False, progress=False)
    assert outputs(out) == outputs(fresh)
    # And the pieces equal what the whole-file serialisers write from the same statements.
    import pyoxigraph as ox

    from exports.rdf import write_all_keys
    from graph.build import keys_of_quads

    whole = tmp_path / "whole"
    whole.mkdir()
    write_all_keys(keys_of_quads(ox.parse(path=str(out / "graph.nq"), format=ox.RdfFormat.N_QUADS)), whole,
                   ["graph.nq", "graph.trig", "graph.ttl"])
    for name in ("graph.nq", "graph.trig", "graph.ttl"):
        assert (whole / name).read_bytes() == (out / name).read_bytes(), name


def test_a_file_read_and_segmented_elsewhere_is_not_read_again(corpus, tmp_path):
    # A build reads and segments files in its main process while the Builder
    # loads in another (``Processing.prepare``); a worker given such a file
    # extracts exactly what it would have read itself.
    import pickle

    from graph.pipeline import prepare_file

    path = str(sorted(corpus.glob("*.txt"))[0])
    builder = Builder()
    direct = builder.process_file(path)
    travelled = pickle.loads(pickle.dumps(prepare_file(path)))
    Path(path).rename(tmp_path / "moved.txt")  # the file is not opened again
    builder.prepared[path] = travelled
    again = builder.process_file(path)
    assert again.error is None and builder.prepared == {}
    assert (again.facts, again.documents, again.encoding, again.size) == \
        (direct.facts, direct.documents, direct.encoding, direct.size)
    assert builder.process_file(path).error  # without it, the moved file is missing


def test_runs_cut_by_jieba_are_handed_to_the_next_build(corpus, tmp_path, extracted, monkeypatch):
    # jieba's own dictionary takes half a second to load: the runs it cut
    # (figures such as ``9.8%``) are kept in the cache, and the rebuild's
    # Builder receives them, so editing a file need not load jieba again.
    out = tmp_path / "out"
    build([str(corpus)], str(out), jobs=1, progress=False)
    cache = Cache(str(out), graph.run.builder_version())
    runs = cache.get_blob(graph.run.RUNS_BLOB)
    assert any(run.endswith("%") for run in runs)
    import jieba

    assert all(list(tokens) == jieba.lcut(run) for run, tokens in list(runs.items())[:50])

    given = []
    original = Builder.__init__

    def recording(self, runs=None, memo=None):
        given.append(runs)
        original(self, runs, memo)

    monkeypatch.setattr(Builder, "__init__", recording)
    changed = sorted(corpus.glob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n同比增长12.5%。\n", encoding="utf-8")
    build([str(corpus)], str(out), jobs=1, progress=False)
    assert given == [runs]
    assert cache.get_blob(graph.run.RUNS_BLOB) == {**runs, "同比增长12.5%": ("同比", "增长", "12.5%")}


def test_editing_one_document_re_extracts_that_document_only(corpus, tmp_path, extracted, monkeypatch):
    # An issue's documents that did not change are taken from the last
    # extraction of the file; the output equals a fresh build's.
    out = tmp_path / "out"
    build([str(corpus)], str(out), jobs=1, progress=False)
    seen: list[str] = []
    original = Builder._extract_document

    def recording(self, document, mentions, extract_all):
        seen.append(document.key)
        return original(self, document, mentions, extract_all)

    monkeypatch.setattr(Builder, "_extract_document", recording)
    builder = Builder()
    issue = max(corpus.glob("*.txt"), key=lambda p: len(builder.process_file(str(p)).documents))
    seen.clear()
    documents = builder.process_file(str(issue)).documents
    assert len(documents) >= 3 and len(seen) == len(documents)

    # A sentence added at the end changes the issue's last document only.
    issue.write_text(issue.read_text(encoding="utf-8").rstrip("\n") + "\n本通知由省财政厅负责解释。\n", encoding="utf-8")
    seen.clear()
    extracted.clear()
    build([str(corpus)], str(out), jobs=1, progress=False)
    assert extracted == [issue.name]
    assert seen == [documents[-1].key]

    fresh = tmp_path / "fresh"
    build([str(corpus)], str(fresh), jobs=1, use_cache=False, progress=False)
    assert outputs(out) == outputs(fresh)
