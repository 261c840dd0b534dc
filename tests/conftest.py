"""Shared fixtures: the sample corpus and one build of it per test session.

Building the sample corpus takes several seconds, so every end-to-end test
(validation, SPARQL cookbook, exports, evaluation) shares the build made by
:func:`sample_build`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "gazettes"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The project's copy of the sample corpus."""
    return CORPUS


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Path:
    """Build the sample corpus once (two worker processes) and return the output folder."""
    from graph.run import build

    out = tmp_path_factory.mktemp("sample-build")
    summary = build([str(CORPUS)], str(out), jobs=2, use_cache=False, progress=False)
    assert summary.exit_status == 0, summary.skipped
    return out


@pytest.fixture(scope="module")
def kit():
    """The language pipeline and a resolver over the gazetteer, for the tests that read
    sentences written for them (``tests/readings.py``); one per test module."""
    from graph.gazetteer import load_gazetteer
    from graph.nlp import load_pipeline
    from graph.resolve import Resolver

    g = load_gazetteer()
    return load_pipeline(g), Resolver(g)
