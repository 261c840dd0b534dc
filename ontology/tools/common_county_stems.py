"""Print the county stems that are common words, for ``ontology/patterns/zones.yaml``.

A county's or county-level city's stem (``邛崃`` of 邛崃市) may open a zone
name (``graph.nlp.zones.county_stems``), unless the stem is an ordinary word
(``合作`` of 合作市, ``和平`` of 和平县).  "Ordinary" is decided once, here, by
jieba's dictionary frequency, and the list is kept as data
(``county_stem_common_words``) so that the pipeline need not load jieba's
dictionary to build itself.

Reproduce (from the repository root, after a change to the division tables)::

    python ontology/tools/common_county_stems.py 1000
"""

from __future__ import annotations

import logging
import sys


def common_stems(min_frequency: int) -> list[str]:
    """The county stems whose jieba frequency is at least ``min_frequency``, most frequent first."""
    import jieba

    from graph.gazetteer import load_gazetteer
    from graph.nlp.lexicon import lexicon_from
    from graph.nlp.zones import county_stems

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    stems = county_stems(lexicon_from(load_gazetteer()).forms_of("Region"))
    common = [s for s in stems if (jieba.get_FREQ(s) or 0) >= min_frequency]
    return sorted(common, key=lambda s: (-jieba.get_FREQ(s), s))


if __name__ == "__main__":
    threshold = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    print(f"county_stem_common_words: [{', '.join(common_stems(threshold))}]")
