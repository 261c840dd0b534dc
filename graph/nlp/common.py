"""Shared helpers of the govkg spaCy components.

Every component writes spans into one span group, ``doc.spans["govkg"]``,
with ``span.label_`` the contract class name, the exact character offsets in
``span._.govkg_chars`` and pattern readings in ``span._.govkg_attrs``.  The
last component, ``govkg_select``, resolves overlaps.

Names are found on characters (regular expressions over ``doc.text``); the
jieba tokens only serve to find where a name starts on its left
(:func:`name_start`).

>>> import spacy
>>> nlp = spacy.blank("zh")
>>> doc = nlp.make_doc("设立湖州工程技师学院")
>>> _ = add_span(doc, 2, 10, "Institution", source="pattern")
>>> [(s.text, s.label_, s._.govkg_chars) for s in doc.spans[SPAN_GROUP]]
[('湖州工程技师学院', 'Institution', (2, 10))]
"""

from __future__ import annotations

import bisect
import functools
import re
from pathlib import Path
from typing import Iterable, Optional

from spacy.tokens import Doc, Span

from graph.patterns import PATTERN_DIR, load_patterns  # noqa: F401  (re-exported for the components)

#: The span group every component writes to.
SPAN_GROUP = "govkg"
#: Where the pattern data files live.

OPEN_BRACKETS = "(（〔[【"
CLOSE_BRACKETS = ")）〕]】"


def matching_open(text: str, close_at: int, lower: int = 0,
                  opens: str = OPEN_BRACKETS, closes: str = CLOSE_BRACKETS) -> int:
    """Index of the bracket opening the one closing at ``close_at``, looking back no
    further than ``lower``; ``-1`` when there is none there.

    >>> matching_open("良渚实验室(系统(医学))", 12), matching_open("a)b)", 3)
    (5, -1)
    >>> matching_open("临海市(…方面)", 7, opens="(（", closes=")）")
    3
    """
    depth = 0
    for i in range(close_at, max(lower, 0) - 1, -1):
        ch = text[i]
        if ch in closes:
            depth += 1
        elif ch in opens:
            depth -= 1
            if depth == 0:
                return i
    return -1
_PAIR = dict(zip(OPEN_BRACKETS, CLOSE_BRACKETS))

#: Where the readings of the govkg spans live: ``doc.user_data[SPAN_DATA]``
#: maps a span's id to ``[(start_char, end_char), attrs, source]``.
SPAN_DATA = ("govkg", "spans")
_FIELDS = {"govkg_chars": 0, "govkg_attrs": 1, "govkg_source": 2}


def span_data(doc: Doc) -> dict:
    """The per-doc table of span readings (created on first use).

    spaCy keys plain span extensions by the token-aligned offsets only, so two
    spans over the same tokens (``浙江`` and ``浙江大学`` both expand to the
    token ``浙江大学``) would share them; readings are kept here by span id
    instead (ids are unique, see :func:`add_span`), which is also faster.
    """
    table = doc.user_data.get(SPAN_DATA)
    if table is None:
        table = doc.user_data[SPAN_DATA] = {}
    return table


def _property(name: str) -> dict:
    """Getter/setter pair for one span extension stored in :func:`span_data`."""
    index = _FIELDS[name]

    def getter(span: Span):
        row = span.doc.user_data.get(SPAN_DATA, {}).get(span.id)
        return row[index] if row else None

    def setter(span: Span, value) -> None:
        row = span_data(span.doc).setdefault(span.id, [None, None, None])
        row[index] = value
    return {"getter": getter, "setter": setter}


for _name in _FIELDS:
    if not Span.has_extension(_name):
        Span.set_extension(_name, **_property(_name))
if not Doc.has_extension("govkg_token_starts"):
    Doc.set_extension("govkg_token_starts", default=None)


def closed_runs(pattern: re.Pattern, closer: re.Pattern, text: str, reach: int):
    """``pattern.finditer(text)`` for a ``pattern`` of a run of at most ``reach``
    characters followed by a closer, read only near the places ``closer``
    (``(?=(closer))``) matches: a run never starts further than ``reach``
    characters before its closer, so the rest of the text holds no match
    (the run's lazy search would otherwise be tried at every character).
    Each place is read up to the end of its closer, so ``pattern`` must hold
    no look-ahead or ``$`` after the run (nothing that reads past the closer).

    >>> p = re.compile("(?P<run>[^,]{2,5}?)等项目"); c = re.compile("(?=(等项目))")
    >>> t = "甲乙丙丁戊己庚,甲乙等项目和丙丁等项目"
    >>> [m.group() for m in closed_runs(p, c, t, 5)] == [m.group() for m in p.finditer(t)]
    True
    """
    windows: list[list[int]] = []
    for m in closer.finditer(text):
        lo, hi = max(0, m.start() - reach), m.end(1)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    for lo, hi in windows:
        yield from pattern.finditer(text, lo, hi)


def add_span(doc: Doc, start: int, end: int, label: str,
             attrs: Optional[dict] = None, source: str = "pattern") -> Optional[Span]:
    """Add a span for characters ``[start, end)`` to ``doc.spans["govkg"]``.

    The token span is expanded to whole tokens; the exact characters are kept
    in ``span._.govkg_chars``.  ``source`` is ``"gazetteer"`` or ``"pattern"``
    (the gazetteer wins ties in ``govkg_select``).
    """
    if end <= start:
        return None
    span_id = doc.user_data.get(("govkg", "next_id"), 1)
    doc.user_data[("govkg", "next_id")] = span_id + 1
    span = doc.char_span(start, end, label=label, alignment_mode="expand", span_id=span_id)
    if span is None:
        return None
    span_data(doc)[span.id] = [(start, end), dict(attrs or {}), source]
    group = doc.spans[SPAN_GROUP] if SPAN_GROUP in doc.spans else None
    if group is None:
        doc.spans[SPAN_GROUP] = [span]
    else:
        group.append(span)
    return span


def spans_of(doc: Doc) -> list[Span]:
    """The spans of the govkg group (empty list when none)."""
    return list(doc.spans[SPAN_GROUP]) if SPAN_GROUP in doc.spans else []


def token_starts(doc: Doc) -> list[int]:
    """Character offsets where jieba tokens start (cached on the doc)."""
    cached = doc._.govkg_token_starts
    if cached is None:
        from graph.nlp.tokenizer import token_starts_of

        cached = token_starts_of(doc)
    if cached is None:
        cached = [t.idx for t in doc]
        doc._.govkg_token_starts = cached
    return cached


def literal_regex(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first.

    >>> literal_regex(["区", "新区"])
    '(?:新区|区)'
    """
    ws = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in ws) + ")" if ws else "(?!)"


def trie_regex(words: Iterable[str]) -> str:
    """A compact regex matching any of ``words`` (longest match preferred).

    Thousands of names compile to a trie-shaped pattern that ``re`` scans
    quickly (no flat alternation).

    >>> re.match(trie_regex(["杭州", "杭州市", "杭州市西湖区"]), "杭州市西湖区人民政府").group()
    '杭州市西湖区'
    """
    return _trie_regex(frozenset(words))


@functools.lru_cache(maxsize=64)
def _trie_regex(words: frozenset) -> str:
    """:func:`trie_regex` of a set of words, remembered: several components
    anchor their names on the same few thousand place names."""
    trie: dict = {}
    for w in words:
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True
    return _trie_to_regex(trie) or "(?!)"


def _trie_to_regex(node: dict) -> str:
    """Recursive helper of :func:`trie_regex`."""
    terminal = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        branches.append(re.escape(ch) + _trie_to_regex(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if terminal:
        return "(?:" + body + ")?"
    return body


@functools.lru_cache(maxsize=None)
def function_words(directory: Optional[str] = None) -> frozenset:
    """Two-character verbs, adverbs, conjunctions… of general Chinese
    (``ontology/patterns/function_words.txt``): never the proper part of a name.

    >>> "确保" in function_words(), "之江" in function_words()
    (True, False)
    """
    base = Path(directory) if directory else PATTERN_DIR
    with open(base / "function_words.txt", encoding="utf-8") as fh:
        return frozenset(w for w in (line.strip() for line in fh) if w and not w.startswith("#"))


#: A list marker in brackets (``(一)``, ``(12)``, ``〔三〕``) ends a name on its left.
ENUMERATOR = re.compile(r"[(（〔][一二三四五六七八九十0-9０-９]{1,3}[)）〕]$")

#: A counted phrase (``2家国家级…``, ``四个片区``, ``四大园区``) names a category.
COUNTED = re.compile(r"[0-9０-９一二三四五六七八九十两几多]+[个家所批项类大座条]")


class NameRules:
    """Left-boundary rules shared by the open-class components.

    A name ends with a known ending (a suffix) and starts where the text
    stops looking like a name: after punctuation, an unmatched opening
    bracket, or a verb/function word (``stop_tokens``, compared with the jieba
    tokens).  Brackets inside a name are kept (``中国(浙江)自由贸易试验区``).

    >>> rules = NameRules(anchors=["杭州", "宁波"])
    >>> text = "支持宁波前湾新区建设"
    >>> text[rules.name_start(text, 6, [0, 2, 4, 6, 8])[0]:6]
    '宁波前湾'
    """

    def __init__(self, anchors: Iterable[str] = (), common: Optional[dict] = None,
                 extra_allowed: Iterable[str] = (), trim_to_anchor: bool = True,
                 keep_before_anchor: Optional[str] = None):
        common = common or load_patterns("common")
        self.trim_to_anchor = trim_to_anchor
        self.keep_before_anchor = re.compile(keep_before_anchor) if keep_before_anchor else None
        self.stop_chars = set(common.get("stop_chars", ""))
        allowed = set(extra_allowed)
        self.stop_tokens = (set(common.get("stop_tokens", []))
                            | set(common.get("determiners", []))) - allowed
        self.not_glued = set(common.get("not_glued", []))
        self.generic = set(common.get("generic_tokens", []))
        self.openers = sorted(set(common.get("name_openers", [])), key=len, reverse=True)
        self.not_openers = tuple(common.get("not_openers", []))
        self.max_chars = int(common.get("max_name_chars", 30))
        anchor_words = set(anchors) | {"中国", "浙江"}
        self.anchor_re = re.compile(trie_regex(anchor_words)) if anchor_words else None
        long_stops = [w for w in self.stop_tokens if len(w) >= 2]
        self._stop_end = re.compile(literal_regex(long_stops) + "$") if long_stops else None

    # -- left edge -----------------------------------------------------
    def name_start(self, text: str, end: int, starts: list[int]) -> tuple[int, bool]:
        """Return ``(start, clean)`` of the name that ends at ``end``.

        ``starts`` are the token start offsets of the doc.  ``clean`` is
        false when brackets were unbalanced (the candidate is doubtful).
        """
        lo = max(0, end - self.max_chars)
        i, depth, clean = end, 0, True
        while i > lo:
            ch = text[i - 1]
            if ch in CLOSE_BRACKETS:
                if depth == 0 and ENUMERATOR.search(text, max(0, i - 5), i):
                    break                       # ``(一)湘湖实验室``: a list marker
                depth += 1
            elif ch in OPEN_BRACKETS:
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0 and (ch in self.stop_chars or ch.isspace()):
                break
            elif depth > 0 and ch in "。;；\n":
                clean = False
                break
            i -= 1
        if depth:
            clean = False
        start = self._after_stop_token(text, i, end, starts)
        return self._trim_left(text, start, end), clean

    def _after_stop_token(self, text: str, start: int, end: int, starts: list[int]) -> int:
        """Move ``start`` after the last stop token (at bracket depth 0)."""
        k = bisect.bisect_right(starts, start)
        bounds = [start] + [s for s in starts[k:bisect.bisect_left(starts, end)]] + [end]
        depth_at = self._depths(text, start, end)
        best = start
        for a, b in zip(bounds, bounds[1:]):
            piece = text[a:b]
            if depth_at[a - start] == 0 and (piece in self.stop_tokens or self._ends_with_stop(piece)):
                best = b
        return best

    def _ends_with_stop(self, piece: str) -> bool:
        """True for a token that ends with a stop word (``充分发挥``, ``忠实践行``)
        or a glued function word (``区及``), not for a whole word ending so
        (``高等``, ``共和``: ``not_glued`` in ``common.yaml``)."""
        if len(piece) < 2 or piece in self.not_glued:
            return False
        if piece[-1] in self.stop_tokens and piece[-1] in "的和与及等在为将对向由":
            return True
        return bool(self._stop_end and self._stop_end.search(piece))

    @staticmethod
    def _depths(text: str, start: int, end: int) -> list[int]:
        """Bracket depth before each character of ``text[start:end]``."""
        out, d = [], 0
        for ch in text[start:end]:
            out.append(d)
            if ch in OPEN_BRACKETS:
                d += 1
            elif ch in CLOSE_BRACKETS and d:
                d -= 1
        out.append(d)
        return out

    def _trim_left(self, text: str, start: int, end: int) -> int:
        """Cut leading non-name text: move to a place anchor when the text
        before it is not a name opener (``做强杭州钱塘新区`` → ``杭州…``)."""
        if self.anchor_re is None or start >= end or not self.trim_to_anchor:
            return start
        depth = self._depths(text, start, end)
        if self._starts_with_anchor(text, start, end):
            return start
        for m in self.anchor_re.finditer(text, start, end):
            if depth[m.start() - start] != 0:
                continue
            prefix = text[start:m.start()]
            if any(prefix.endswith(o) or prefix == o for o in self.openers):
                return start
            if any(c in OPEN_BRACKETS for c in prefix):
                return start
            if self.keep_before_anchor is not None and self.keep_before_anchor.search(prefix):
                return start
            return m.start()
        return start

    def _starts_with_anchor(self, text: str, start: int, end: int) -> bool:
        """True when the candidate begins with a place or a name opener."""
        if self.anchor_re is not None and self.anchor_re.match(text, start, end):
            return True
        if text.startswith(self.not_openers, start, end):
            return False
        return any(text.startswith(o, start, end) for o in self.openers)

    def starts_with_anchor(self, text: str, start: int, end: int) -> bool:
        """Public form of :meth:`_starts_with_anchor`."""
        return self._starts_with_anchor(text, start, end)

    # -- generic check -------------------------------------------------
    def strip_generic(self, text: str, start: int, end: int, starts: list[int],
                      generic: Optional[set] = None) -> int:
        """Skip leading generic tokens (各, 省级, 国家级…) of a name."""
        generic = self.generic if generic is None else generic
        pos = start
        k = bisect.bisect_left(starts, pos)
        while k < len(starts) and starts[k] == pos and pos < end:
            nxt = starts[k + 1] if k + 1 < len(starts) else len(text)
            if nxt >= end or text[pos:nxt] not in generic:
                break
            pos, k = nxt, k + 1
        return pos

    @staticmethod
    def only_generic(core: str, generic: Iterable[str]) -> bool:
        """True when ``core`` is made only of generic words.

        >>> NameRules.only_generic("省级以上", ["省级", "以上"])
        True
        >>> NameRules.only_generic("宁波前湾", ["省级", "以上"])
        False
        """
        words = sorted(set(generic), key=len, reverse=True)
        s = core
        while s:
            for w in words:
                if w and s.startswith(w):
                    s = s[len(w):]
                    break
            else:
                return False
        return True
