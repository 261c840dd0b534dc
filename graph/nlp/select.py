"""``govkg_select``: the last component; resolves overlapping spans.

Every component adds spans to ``doc.spans["govkg"]`` and overlaps are
allowed there.  This component keeps, among overlapping spans, the longest
(by characters); on equal length a gazetteer match beats a list or rule
match, which beats a pattern, and then the class priority decides
(Agency, Region, Laboratory, DevelopmentZone, Institution, Program, …).
Identical duplicates collapse into one span whose readings are merged.
Programmes, laboratories, zones and institutions inside an Award or
Achievement name are kept too (a 督查激励 item ``实施“凤凰行动”计划…`` names
the programme).  A place inside a quoted brand or slogan that holds more
than the place (``“品字标浙江制造”``, ``“诗画浙江”``) is no Region mention.

>>> rank_key((0, 3, "Region", "gazetteer")) < rank_key((0, 3, "DevelopmentZone", "pattern"))
True
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from graph.nlp.common import SPAN_GROUP, span_data, spans_of
from graph.nlp.tokenizer import text_of

TYPE_PRIORITY = ("Agency", "Region", "Laboratory", "DevelopmentZone", "Institution",
                 "Program", "Award", "Person", "Achievement")
#: Classes whose names may hold other names, and the classes kept inside them.
CONTAINERS = ("Award", "Achievement")
NESTABLE = ("Program", "Laboratory", "DevelopmentZone", "Institution")
SOURCE_PRIORITY = ("override", "gazetteer", "list", "rule", "pattern")
#: How far a quote mark may stand from a place inside a quoted phrase.
QUOTE_REACH = 20


def in_quoted_phrase(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` lies inside a quoted phrase on one line
    that holds more than it.

    >>> in_quoted_phrase("培育“浙江制造”标准", 3, 5), in_quoted_phrase("“浙江”", 1, 3)
    (True, False)
    """
    lo = max(0, start - QUOTE_REACH)
    opening = text.rfind("“", lo, start)
    if opening < 0 or text.find("”", opening, start) >= 0 or text.find("\n", opening, start) >= 0:
        return False
    closing = text.find("”", end, end + QUOTE_REACH)
    if closing < 0 or text.find("“", end, closing) >= 0 or text.find("\n", end, closing) >= 0:
        return False
    return closing - opening - 1 > end - start


def rank_key(item: tuple[int, int, str, str]) -> tuple:
    """Sort key of ``(start, end, label, source)``: best first."""
    start, end, label, source = item
    t = TYPE_PRIORITY.index(label) if label in TYPE_PRIORITY else len(TYPE_PRIORITY)
    s = SOURCE_PRIORITY.index(source) if source in SOURCE_PRIORITY else len(SOURCE_PRIORITY)
    return (-(end - start), s, t, start)


@Language.factory("govkg_select")
def make_select(nlp: Language, name: str) -> "SelectSpans":
    """Create the overlap resolver."""
    return SelectSpans(name)


class SelectSpans:
    """Keeps the best non-overlapping spans; see the module docstring."""

    def __init__(self, name: str = "govkg_select"):
        self.name = name

    @staticmethod
    def _nested(order, keep, data, size) -> list:
        """Names inside an award or achievement (``实施“凤凰行动”计划`` as a
        督查激励 item holds the programme “凤凰行动”计划) are kept as well."""
        inner_taken = bytearray(size + 1)
        container = bytearray(size + 1)
        for sp in keep:
            start, end = data[sp.id][0]
            target = container if sp.label_ in CONTAINERS else inner_taken
            target[start:end] = b"\x01" * (end - start)
        kept = {sp.id for sp in keep}
        out = []
        for sp in order:
            if sp.label_ not in NESTABLE or sp.id in kept:
                continue
            start, end = data[sp.id][0]
            if 0 in container[start:end] or 1 in inner_taken[start:end]:
                continue
            inner_taken[start:end] = b"\x01" * (end - start)
            out.append(sp)
        return out

    def __call__(self, doc: Doc) -> Doc:
        spans = spans_of(doc)
        if not spans:
            return doc
        data = span_data(doc)
        merged: dict[tuple, object] = {}
        for sp in spans:
            row = data[sp.id]
            key = (*row[0], sp.label_)
            if key in merged:
                first = data[merged[key].id]
                first[1] = {**row[1], **first[1]}
                continue
            merged[key] = sp
        order = sorted(merged.values(), key=lambda sp: rank_key(
            (*data[sp.id][0], sp.label_, data[sp.id][2] or "pattern")))
        taken = bytearray(len(text_of(doc)) + 1)
        keep = []
        for sp in order:
            start, end = data[sp.id][0]
            if 1 in taken[start:end]:
                continue
            taken[start:end] = b"\x01" * (end - start)
            keep.append(sp)
        keep += self._nested(order, keep, data, len(text_of(doc)))
        text = text_of(doc)
        keep = [sp for sp in keep if sp.label_ != "Region"
                or not in_quoted_phrase(text, *data[sp.id][0])]
        keep.sort(key=lambda sp: data[sp.id][0])
        doc.spans[SPAN_GROUP] = keep
        return doc
