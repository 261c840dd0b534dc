"""``govkg_gazetteer``: every known surface form (agencies, regions, known
zones and laboratories, with their aliases) becomes a span of its class.

Matching is on characters with one trie-shaped regular expression, so it
does not depend on how jieba cuts a name in context, and it costs one C-level
scan of the text.  Two rules add what no list holds:

- adjacent regions merge into one mention when the second lies in the first
  (``杭州市`` + ``西湖区`` → ``杭州市西湖区``);
- a region directly followed by a body ending (``人民政府``, ``发展改革委``…,
  from ``ontology/patterns/agencies.yaml``) is an Agency (``湖州市人民政府``).

>>> from graph.nlp.lexicon import Lexicon
>>> import spacy
>>> nlp = spacy.blank("zh")
>>> ruler = GazetteerRuler(nlp, "govkg_gazetteer", "agencies")
>>> ruler.set_lexicon(Lexicon.from_pairs([("杭州市", "Region"), ("西湖区", "Region")]))
>>> doc = ruler(nlp.make_doc("杭州市西湖区和杭州市人民政府"))
>>> sorted((s._.govkg_chars, s.label_) for s in doc.spans["govkg"])
[((0, 3), 'Region'), ((0, 6), 'Region'), ((3, 6), 'Region'), ((7, 10), 'Region'), ((7, 14), 'Agency')]
"""

from __future__ import annotations

import re
from spacy.language import Language
from spacy.tokens import Doc

from graph.nlp.common import add_span, literal_regex, load_patterns
from graph.nlp.lexicon import Lexicon
from graph.nlp.tokenizer import text_of

#: Endings of region names that may be followed by a contained region.
_OUTER = ("省", "市", "自治州", "地区", "盟", "自治区")
_INNER = ("市", "区", "县", "旗")


@Language.factory("govkg_gazetteer", default_config={"patterns": "agencies"})
def make_gazetteer_ruler(nlp: Language, name: str, patterns: str) -> "GazetteerRuler":
    """Create the ruler; the lexicon is added by ``graph.nlp.load_pipeline``."""
    return GazetteerRuler(nlp, name, patterns)


class GazetteerRuler:
    """Marks known names; see the module docstring."""

    def __init__(self, nlp: Language, name: str, patterns: str = "agencies"):
        self.name = name
        data = load_patterns(patterns)
        self.body_re = re.compile(literal_regex(data.get("region_body_suffixes", [])))
        self.lexicon = Lexicon()
        self.lengths: dict[str, list[int]] = {}

    def set_lexicon(self, lexicon: Lexicon) -> None:
        """Index the surface forms of ``lexicon`` by their first two characters."""
        self.lexicon = lexicon
        self.lengths = bigram_lengths(lexicon.forms)

    def __call__(self, doc: Doc) -> Doc:
        if not self.lengths:
            return doc
        text = text_of(doc)
        forms = self.lexicon.forms
        found = [(s, e, forms[text[s:e]]) for s, e in scan(text, self.lengths, forms)]
        for start, end, label in self._merge_regions(text, found):
            if label == "Region":
                m = self.body_re.match(text, end)
                if m and not _generic_before(text, start):
                    add_span(doc, start, m.end(), "Agency", source="rule")
            add_span(doc, start, end, label, source="gazetteer")
        return doc

    @staticmethod
    def _merge_regions(text: str, found: list[tuple[int, int, str]]):
        """Join ``杭州市`` + ``西湖区`` (adjacent, outer then inner level)."""
        out: list[tuple[int, int, str]] = []
        for start, end, label in found:
            if out and label == "Region":
                pstart, pend, plabel = out[-1]
                outer = text[pstart:pend]
                inner = text[start:end]
                if (plabel == "Region" and pend == start and outer.endswith(_OUTER)
                        and inner.endswith(_INNER)):
                    out.append((start, end, label))
                    out.append((pstart, end, "Region"))
                    continue
            out.append((start, end, label))
        return out


def bigram_lengths(forms) -> dict[str, list[int]]:
    """First two characters → lengths of the forms starting so (longest first).

    >>> bigram_lengths(["杭州", "杭州市", "西湖区"])
    {'杭州': [3, 2], '西湖': [3]}
    """
    out: dict[str, set] = {}
    for f in forms:
        if len(f) >= 2:
            out.setdefault(f[:2], set()).add(len(f))
    return {k: sorted(v, reverse=True) for k, v in out.items()}


def scan(text: str, lengths: dict[str, list[int]], forms) -> list[tuple[int, int]]:
    """Leftmost-longest dictionary matches (non-overlapping), as offsets.

    One dictionary probe per character plus one per candidate length where
    the first two characters start a known form: much cheaper than a regular
    expression over thousands of alternatives.

    >>> forms = {"杭州", "杭州市", "杭州海关"}
    >>> scan("杭州海关和杭州市", bigram_lengths(forms), forms)
    [(0, 4), (5, 8)]
    """
    out = []
    size = len(text)
    i, n, get = 0, size - 1, lengths.get
    while i < n:
        lens = get(text[i:i + 2])
        if lens:
            for k in lens:
                if i + k <= size and text[i:i + k] in forms:
                    out.append((i, i + k))
                    i += k
                    break
            else:
                i += 1
        else:
            i += 1
    return out


def _generic_before(text: str, start: int) -> bool:
    """True for ``各市`` (a generic plural, not one body)."""
    return start > 0 and text[start - 1] == "各"
