"""Relation extraction: one module per relation family.

Each family module defines ``extract(document, mentions, resolver) -> list[Fact]``
(or another function named after a colon in :data:`FAMILIES`, e.g.
``"entities:entity_facts"``).  :data:`FAMILIES` lists them in the order the pipeline runs them; the order
does not affect the output, which the build sorts.

>>> "documents" in FAMILIES
True
"""

from __future__ import annotations

import importlib
from functools import lru_cache

#: Relation families run for every document (modules of this package).
FAMILIES = (
    "documents",
    "entities:entity_facts",
    "responsibility",
    "location",
    "zones",
    "laboratories",
    "establishment",
    "awards",
)


@lru_cache(maxsize=None)
def load_families(names: tuple[str, ...] = FAMILIES) -> tuple:
    """Import the family modules; return their ``extract`` callables."""
    loaded = []
    for name in names:
        module, _, function = name.partition(":")
        loaded.append(getattr(importlib.import_module(f"graph.extract.{module}"), function or "extract"))
    return tuple(loaded)


def extract_all(document, mentions, resolver, names: tuple[str, ...] = FAMILIES) -> list:
    """Run every family on one document and return all its facts."""
    facts = []
    for extract in load_families(names):
        facts.extend(extract(document, mentions, resolver))
    return facts
