"""The pattern files under ``ontology/patterns/``: word lists and regex pieces
that the stages compile into their rules, each file read once per process.

>>> sorted(load_patterns("segment"))[:2]
['agency_endings', 'attachment_title_endings']
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Optional

import yaml

PATTERN_DIR = Path(__file__).resolve().parents[1] / "ontology" / "patterns"


@functools.lru_cache(maxsize=None)
def load_patterns(name: str, directory: Optional[str] = None) -> dict:
    """Read ``ontology/patterns/<name>.yaml`` (cached; callers must not change it).

    >>> "stop_tokens" in load_patterns("common")
    True
    """
    base = Path(directory) if directory else PATTERN_DIR
    with open(base / f"{name}.yaml", encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_SAFE_LOADER) or {}


#: PyYAML's safe loader in C (libyaml) where it was built with it: the same
#: documents, read several times faster than by the pure-Python loader.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
