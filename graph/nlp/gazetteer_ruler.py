"""``govkg_gazetteer``: every known surface form (agencies, regions, known
zones and laboratories, with their aliases) becomes a span of its class.

Matching is on characters with one trie-shaped regular expression, so it
does not depend on how jieba cuts a name in context, and it costs one C-level
scan of the text.  Two rules add what no list holds:

- adjacent regions merge into one mention when the second lies in the first
  (``杭州市`` + ``西湖区`` → ``杭州市西湖区``);
- a region directly followed by a body ending (``人民政府``, ``发展改革委``…,
  from ``ontology/patterns/agencies.yaml``) is an Agency (``湖州市人民政府``);
- a known body followed by a region and a branch ending (``海关总署`` +
  ``广东分署``) is one Agency, the branch;
- a government written by its level alone (``市政府决定``) is an Agency
  candidate, the document's own government (the extractors drop it where it
  is generic); not after a plural or another level (各市政府, 设区市政府,
  市、县政府) nor before 各/直属/有关 (市政府各部门);
- an open-class body named by its ending (``省委人才工作领导小组办公室``).

A region must also look like one in context (see :func:`region_in_context`):
it starts where a jieba token starts (``县城以上城区`` holds no 上城区), it is
not inside a book title (``《浙江省科学技术奖励办法》``), and it is not the
first word of a longer noun phrase (``浙江代表团``, ``第三批浙江省实验室``):
the word after it is punctuation, a verb, a function word or a smaller place
(``建德市洋溪街道``), or it follows another region in a list (``湖州、嘉兴、台州
跨境电子商务…``).

>>> from graph.nlp.lexicon import Lexicon
>>> import spacy
>>> nlp = spacy.blank("zh")
>>> ruler = GazetteerRuler(nlp, "govkg_gazetteer", "agencies")
>>> ruler.set_lexicon(Lexicon.from_pairs([("杭州市", "Region"), ("西湖区", "Region")]))
>>> doc = ruler(nlp.make_doc("杭州市西湖区和杭州市人民政府"))
>>> sorted((s._.govkg_chars, s.label_) for s in doc.spans["govkg"])
[((0, 3), 'Region'), ((0, 6), 'Region'), ((3, 6), 'Region'), ((7, 14), 'Agency')]
"""

from __future__ import annotations

import bisect
import re
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from graph.nlp.common import (NameRules, add_span, function_words, literal_regex, load_patterns, token_starts,
                              trie_regex)
from graph.nlp.lexicon import Lexicon
from graph.nlp.tokenizer import text_of

#: Endings of region names that may be followed by a contained region.
_OUTER = ("省", "市", "自治州", "地区", "盟", "自治区")
_INNER = ("市", "区", "县", "旗")
#: Endings that make a known zone's name the head of its managing body's name.
ZONE_BODY_ENDINGS = ("管委会", "管理委员会", "党工委")


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
        self.branch_re = re.compile(literal_regex(data.get("branch_suffixes", [])))
        self.single_after = set(data.get("region_followers", ""))
        self.verbs = function_words()
        self.lexicon = Lexicon()
        self.lengths: dict[str, list[int]] = {}
        self.candidates: Optional[re.Pattern] = None
        own = data.get("own_government")
        departments = data.get("own_department_suffixes", [])
        if departments:
            own = "|".join(p for p in (own, "(?:市|县|区)(?:" + literal_regex(departments) + ")") if p)
        provincial = data.get("own_province_department_suffixes", [])
        if provincial:
            own = "|".join(p for p in (own, "(?:省|自治区)(?:" + literal_regex(provincial) + ")") if p)
        self.own_re = re.compile(own) if own else None
        self.own_not_after = set(data.get("own_government_not_after", ""))
        self.own_not_before = tuple(data.get("own_government_not_before", []))
        endings = data.get("open_body_endings", [])
        self.open_end_re = re.compile(literal_regex(endings)) if endings else None
        self.open_patterns = [re.compile(p) for p in data.get("open_body_patterns", [])]
        office = data.get("committee_office")
        followers = literal_regex(data.get("committee_office_followers", []))
        ends = r"(?=[^\u4e00-\u9fff]|$" + (f"|{followers})" if followers else ")")
        self.office_re = re.compile(f"(?:{office}){ends}") if office else None
        self.rules = NameRules()
        groups = data.get("group_endings", [])
        self.group_end_re = re.compile(literal_regex(groups) + "(?!办公室)") if groups else None
        self.group_openers = data.get("group_openers", "")
        self._places: list[str] = []  # the lexicon's region names, longest first
        self._compiled: dict[str, Optional[re.Pattern]] = {}
        self.group_min_topic = int(data.get("group_min_topic", 3))
        self.group_breakers = tuple(data.get("group_breakers", []))
        self.group_before = set(data.get("group_before", ""))
        self.roster_line = data.get("roster_flat_line", "")
        self.roster_openers = list(data.get("roster_post_openers", []))
        awards = load_patterns("awards")
        self.roster_marker_re = re.compile(awards["roster_markers"]) if awards.get("roster_markers") else None
        self.roster_post_re = re.compile(awards["roster_post"]) if awards.get("roster_post") else None
        common = load_patterns("common")
        self.stop_chars = set(common.get("stop_chars", "")) | set("()（）〔〕[]【】")
        self.stop_words = tuple(w for w in common.get("stop_tokens", []) if w)

    @property
    def roster_line_re(self) -> Optional[re.Pattern]:
        """The roster line regex, compiled when first needed (few documents hold
        a roster, and its post openers hold every place name)."""
        if "roster" not in self._compiled:
            self._compiled["roster"] = self._roster_re(self._places)
        return self._compiled["roster"]

    @property
    def group_opener_re(self) -> Optional[re.Pattern]:
        """What may open a group's name (``group_openers`` or a place name),
        compiled when first needed."""
        if "group" not in self._compiled:
            alternatives = [self.group_openers] + ([trie_regex(self._places)] if self._places else [])
            self._compiled["group"] = (re.compile("|".join(f"(?:{a})" for a in alternatives))
                                       if self.group_openers else None)
        return self._compiled["group"]

    def _roster_re(self, places: list[str]) -> Optional[re.Pattern]:
        """The roster line regex with its post openers (level words, ``places``)."""
        if not self.roster_line:
            return None
        openers = trie_regex(self.roster_openers + places)
        return re.compile(self.roster_line.replace("{openers}", openers), re.M)

    def set_lexicon(self, lexicon: Lexicon) -> None:
        """Index the surface forms of ``lexicon`` by their first two characters."""
        self.lexicon = lexicon
        self.lengths = bigram_lengths(lexicon.forms)
        self.candidates = candidate_regex(self.lengths)
        self._places = sorted(lexicon.forms_of("Region"), key=len, reverse=True)
        self._compiled.clear()

    def __call__(self, doc: Doc) -> Doc:
        if not self.lengths:
            return doc
        text = text_of(doc)
        forms = self.lexicon.forms
        found = [(s, e, forms[text[s:e]]) for s, e in scan(text, self.lengths, forms, self.candidates)]
        starts = token_starts(doc)
        titles = book_titles(text) + title_lines(text)
        merged = self._merge_regions(text, found)
        region_ends: set[int] = set()
        for i, (start, end, label) in enumerate(merged):
            if label == "Region":
                m = self.body_re.match(text, end)
                if m and not _generic_before(text, start):
                    office = self._committee_office(text, start, m.end())     # 杭州市委金融办
                    add_span(doc, start, office or m.end(), "Agency", source="rule")
                    continue
                listed = start >= 2 and text[start - 1] in "、和及与" and (start - 1) in region_ends
                chained = any(s == end and lab in ("Region", "DevelopmentZone")   # 新建区江西赣江新区
                              for s, _, lab in merged[i + 1:i + 4])
                if not (listed or chained) and not region_in_context(text, start, end, starts, titles,
                                                        self.verbs, self.single_after):
                    continue
                region_ends.add(end)
            elif label == "DevelopmentZone" and text.startswith(ZONE_BODY_ENDINGS, end):
                continue                    # 南太湖新区管委会: the zone's body, read elsewhere
            elif label == "Agency":
                office = self._committee_office(text, start, end)
                if office is not None:
                    add_span(doc, start, office, "Agency", source="rule")
                    continue
                self._branch(doc, text, start, end, merged[i + 1] if i + 1 < len(merged) else None)
            add_span(doc, start, end, label, source="gazetteer")
        covered = sorted((s, e) for s, e, _ in merged)
        self._own_governments(doc, text, covered)
        self._open_bodies(doc, text, starts, covered)
        self._groups(doc, text, covered)
        for start, end, name in self.roster_persons(text):
            add_span(doc, start, end, "Person", {"label": name} if name != text[start:end] else None, source="rule")
        return doc

    def roster_persons(self, text: str) -> list[tuple[int, int, str]]:
        """Persons of a group's roster written ``role:name post`` (see
        ``roster_flat_line`` in agencies.yaml): ``(start, end, name without spaces)``.

        >>> import spacy
        >>> ruler = GazetteerRuler(spacy.blank("zh"), "govkg_gazetteer", "agencies")
        >>> t = "现将组成人员名单通知如下:\\n组长:赵立新省长\\n副组长:孙平副省长\\n周国强省政府秘书长\\n成员:吴海燕省工信厅厅长\\n办公室设在省工信厅。\\n"
        >>> [(t[a:b], n) for a, b, n in ruler.roster_persons(t)]
        [('赵立新', '赵立新'), ('孙平', '孙平'), ('周国强', '周国强'), ('吴海燕', '吴海燕')]
        """
        marker = self.roster_marker_re.search(text) if self.roster_marker_re is not None else None
        if marker is None or self.roster_line_re is None:
            return []
        out = []
        for m in self.roster_line_re.finditer(text, marker.end()):
            post = m.group("post")
            if self.roster_post_re is not None and not self.roster_post_re.search(post):
                continue
            name = re.sub(r"\s", "", m.group("name"))
            if len(name) < 2:
                continue
            out.append((m.start("name"), m.end("name"), name))
        return out

    def _groups(self, doc: Doc, text: str, covered: list) -> None:
        """Named leading and coordination groups (see ``group_endings`` in agencies.yaml)."""
        if self.group_end_re is None or not self.group_openers:
            return
        for m in self.group_end_re.finditer(text):
            start = self.group_start(text, m.start())
            if start is not None and not _straddles(covered, start, m.end()):
                add_span(doc, start, m.end(), "Agency", source="rule")

    def group_start(self, text: str, end: int) -> Optional[int]:
        """Start of a group name whose ending begins at ``end``, or None.

        >>> import spacy
        >>> ruler = GazetteerRuler(spacy.blank("zh"), "govkg_gazetteer", "agencies")
        >>> t = "一、依托省推进乡村振兴领导小组,统筹推进。(各级政务公开领导小组负责)"
        >>> s = ruler.group_start(t, t.index("领导小组")); t[s:t.index("领导小组")]
        '省推进乡村振兴'
        >>> ruler.group_start(t, t.rindex("领导小组")) is None
        True
        """
        lo = end
        while lo > max(0, end - 30) and text[lo - 1] not in self.stop_chars:
            lo -= 1
        for m in self.group_opener_re.finditer(text, lo, end):
            prefix = text[lo:m.start()]
            if prefix and prefix[-1] not in self.group_before and not prefix.endswith(self.stop_words):
                continue
            topic = text[m.end():end]
            if len(topic) < self.group_min_topic or any(w in topic for w in self.group_breakers):
                return None
            return m.start()
        return None

    def _own_governments(self, doc: Doc, text: str, covered: list) -> None:
        """``市政府决定`` → Agency ``市政府``, ``市科技局审核`` → ``市科技局``
        (see the module docstring), marked ``relative``.

        >>> import spacy
        >>> ruler = GazetteerRuler(spacy.blank("zh"), "govkg_gazetteer", "agencies")
        >>> ruler.set_lexicon(Lexicon.from_pairs([("湖州市", "Region")]))
        >>> doc = ruler(spacy.blank("zh").make_doc("经市政府同意,请各设区市政府、市政府各部门、湖州市人民政府落实"))
        >>> sorted(s._.govkg_chars for s in doc.spans["govkg"] if s.label_ == "Agency")
        [(1, 4), (22, 29)]
        >>> doc = ruler(spacy.blank("zh").make_doc("经市科技局审核,各市科技局、市、县政府"))
        >>> sorted(s._.govkg_chars for s in doc.spans["govkg"] if s.label_ == "Agency")
        [(1, 5)]
        """
        if self.own_re is None:
            return
        for m in self.own_re.finditer(text):
            s, e = m.span()
            if _inside(covered, s, e):
                continue
            before = text[s - 1] if s else ""
            if before == "、" and s >= 2 and text[s - 2] in self.own_not_after:
                before = text[s - 2]                    # 市、县政府: a list of levels
            if before in self.own_not_after or text.startswith(self.own_not_before, e):
                continue
            add_span(doc, s, e, "Agency", {"relative": "true"}, source="rule")

    def _open_bodies(self, doc: Doc, text: str, starts: list[int], covered: list) -> None:
        """``…领导小组办公室`` named from its left edge (see agencies.yaml)."""
        if self.open_end_re is None:
            return
        for m in self.open_end_re.finditer(text):
            start, clean = self.rules.name_start(text, m.start(), starts)
            name = text[start:m.end()]
            if clean and not _inside(covered, start, m.end()) and \
                    any(p.fullmatch(name) for p in self.open_patterns):
                add_span(doc, start, m.end(), "Agency", source="rule")

    def _committee_office(self, text: str, start: int, end: int):
        """The end of ``省委金融办`` when the known committee ``text[start:end]`` (省委)
        is only the head of its office's or department's name, else None.

        >>> import spacy
        >>> ruler = GazetteerRuler(spacy.blank("zh"), "govkg_gazetteer", "agencies")
        >>> t = "责任单位:市委金融办、省科技厅;经市委同意,市委统一部署"
        >>> ruler._committee_office(t, 5, 7), ruler._committee_office(t, 19, 21), ruler._committee_office(t, 25, 27)
        (10, None, None)
        """
        if self.office_re is None or text[end - 1] != "委":
            return None
        m = self.office_re.match(text, end)
        return m.end() if m else None

    def _branch(self, doc: Doc, text: str, start: int, end: int, following) -> None:
        """``海关总署广东分署``: a body, a region and a branch ending."""
        if following is None or following[0] != end or following[2] != "Region":
            return
        m = self.branch_re.match(text, following[1])
        if m:
            add_span(doc, start, m.end(), "Agency", source="rule")

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


def book_titles(text: str) -> list[tuple[int, int]]:
    """Spans inside book-title marks ``《…》`` (sorted).

    >>> book_titles("根据《浙江省科学技术奖励办法》规定")
    [(3, 14)]
    """
    return [(m.start() + 1, m.end() - 1) for m in _TITLE.finditer(text)]


_TITLE = re.compile(r"《[^《》\n]{1,80}》")
#: A line that is a document's or a plan's title (no sentence punctuation,
#: ends with a kind of document).
_TITLE_LINE = re.compile(r"(?m)^[ \t\u3000]*([^\n,，。;；:：!?！？]{4,80}?(?:通知|决定|批复|复函|意见|方案|规划|"
                         r"计划|措施|办法|纲要|要点|报告|通报|细则|规定)(?:[(（][^()（）\n]{1,20}[)）])?)[ \t\u3000]*$")


def title_lines(text: str) -> list[tuple[int, int]]:
    """Spans of title lines: a region starting a word there is part of the
    title's name (``广东省加快建设…实施方案``), unless a list or punctuation
    follows it (``关于命名杭州市、宁波市为…的通知``).

    >>> title_lines("通知如下:\\n浙江省加快培育专精特新中小企业若干措施\\n")
    [(6, 25)]
    """
    return [(m.start(1), m.end(1)) for m in _TITLE_LINE.finditer(text)]


def region_in_context(text: str, start: int, end: int, starts: list[int],
                      titles: list[tuple[int, int]], verbs=frozenset(), followers=frozenset()) -> bool:
    """True when ``text[start:end]`` reads as a region on its own.

    >>> starts = [0, 2, 4, 6]
    >>> region_in_context("县城以上城区", 3, 6, starts, [])
    False
    >>> region_in_context("落户萧山区。", 2, 5, [0, 2, 5], [])
    True
    >>> region_in_context("浙江代表团", 0, 2, [0, 2], [])
    False
    """
    if starts and bisect.bisect_left(starts, start) == len(starts) or \
            (starts and starts[bisect.bisect_left(starts, start)] != start):
        return False
    if any(a <= start and end <= b for a, b in titles):
        return False
    if end >= len(text):
        return True
    nxt = text[end]
    if not ("\u4e00" <= nxt <= "\u9fff"):
        return True
    k = bisect.bisect_right(starts, end)
    token_end = starts[k] if k < len(starts) else len(text)
    token = text[end:token_end]
    return (nxt in followers or token in verbs or text[end:end + 2] in verbs
            or bool(_SMALLER_PLACE.match(text, end)))


#: A smaller place after a region (``建德市洋溪街道``, ``沭阳县城东部``).
_SMALLER_PLACE = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:街道|镇|乡|村|社区|县城|城区|市区)")


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


def candidate_regex(lengths: dict[str, list[int]]) -> Optional[re.Pattern]:
    """A pattern matching (empty, by lookahead) where a form of ``lengths`` may
    start: a first character of some form followed by a second character of
    some form.  It lets :func:`scan` skip in C the stretches of text where no
    form can start (most of a gazette).

    >>> [m.start() for m in candidate_regex(bigram_lengths(["杭州市", "西湖区"])).finditer("在杭州西湖杭湖")]
    [1, 3, 5]
    """
    if not lengths:
        return None
    firsts = "".join(sorted({k[0] for k in lengths}))
    seconds = "".join(sorted({k[1] for k in lengths}))
    return re.compile(f"(?=[{re.escape(firsts)}][{re.escape(seconds)}])")


def scan(text: str, lengths: dict[str, list[int]], forms,
         candidates: Optional[re.Pattern] = None) -> list[tuple[int, int]]:
    """Leftmost-longest dictionary matches (non-overlapping), as offsets.

    One dictionary probe per character plus one per candidate length where
    the first two characters start a known form: much cheaper than a regular
    expression over thousands of alternatives.  With ``candidates``
    (:func:`candidate_regex` of ``lengths``) only the places it matches are
    probed, with the same result.

    >>> forms = {"杭州", "杭州市", "杭州海关"}
    >>> scan("杭州海关和杭州市", bigram_lengths(forms), forms)
    [(0, 4), (5, 8)]
    >>> scan("杭州海关和杭州市", bigram_lengths(forms), forms, candidate_regex(bigram_lengths(forms)))
    [(0, 4), (5, 8)]
    """
    if candidates is not None:
        return _scan_at(text, lengths, forms, (m.start() for m in candidates.finditer(text)))
    return _scan_at(text, lengths, forms, range(len(text) - 1))


def _scan_at(text: str, lengths: dict[str, list[int]], forms, places) -> list[tuple[int, int]]:
    """:func:`scan` probing only ``places`` (increasing; every place where a
    form may start must be among them)."""
    out = []
    size = len(text)
    i, get = 0, lengths.get
    for p in places:
        if p < i:
            continue
        lens = get(text[p:p + 2])
        if lens:
            for k in lens:
                if p + k <= size and text[p:p + k] in forms:
                    out.append((p, p + k))
                    i = p + k
                    break
    return out


def _inside(spans: list, start: int, end: int) -> bool:
    """True when ``[start, end)`` overlaps one of the sorted ``spans``.

    >>> _inside([(0, 3), (7, 14)], 9, 12), _inside([(0, 3), (7, 14)], 3, 6)
    (True, False)
    """
    k = bisect.bisect_left(spans, (end,))
    return any(s < end and start < e for s, e in spans[max(0, k - 16):k])


def _straddles(spans: list, start: int, end: int) -> bool:
    """True when one of the sorted ``spans`` holds ``[start, end)`` or crosses
    its edges (a span inside it, such as a place, is fine).

    >>> _straddles([(0, 3), (7, 14)], 9, 12), _straddles([(0, 3), (7, 9)], 5, 12)
    (True, False)
    """
    k = bisect.bisect_left(spans, (end,))
    return any(s < end and start < e and not (start <= s and e <= end)
               for s, e in spans[max(0, k - 16):k])


def _generic_before(text: str, start: int) -> bool:
    """True for ``各市`` (a generic plural, not one body)."""
    return start > 0 and text[start - 1] == "各"
