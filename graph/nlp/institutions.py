"""``govkg_institutions``: universities, colleges, institutes, enterprises,
hospitals, banks' branches and named centres (``gov:Institution``).

A name ends with a suffix of ``ontology/patterns/institutions.yaml`` (大学,
学院, 研究院, 达摩院, 有限公司, 集团, 医院, 分行…).  The left edge is found by
:class:`graph.nlp.common.NameRules`; leading counters (各, 一批…) are trimmed.
Category phrases whose prefix is only generic words (``高水平研究型大学``,
``职业技术学院``, ``6所技师学院``) are dropped; weak endings (学校, 研究中心…)
need a place at the start.  A name opening with a level word (``国家级制造业
创新中心``, ``省级工程研究中心``) names a category and is dropped, unless a place
or parent body follows the level word.  Names containing government words (人民银行,
党校) are left to the gazetteer (they are agencies), and so is a name right
after one (``人行成都分行``, ``人民银行杭州中心支行``: no ``成都分行`` is cut out
of the agency's name).  A campus in brackets after a university belongs to
its name (``中国石油大学(华东)``).  Besides a place, a few openers may start
an anchored name (``联合国…``, a foreign country: ``美国空气产品公司``, and
``省`` of the home province: ``省公共卫生临床中心``), also when a line break
cuts the opener from the rest (``建设省\n卫生检验检测与病毒研究所``).
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from graph.nlp.common import COUNTED, NameRules, add_span, literal_regex, load_patterns, token_starts, trie_regex
from graph.nlp.lexicon import Lexicon
from graph.nlp.tokenizer import text_of

_DIGIT = re.compile(r"[0-9０-９]")
#: A short bracket right after a name (a campus: ``(华东)``).
_BRACKET = re.compile(r"[(（]([\u4e00-\u9fff]{2,4})[)）]")
_BRACKET_END = re.compile(r"[(（][\u4e00-\u9fff]{2,4}[)）]$")
#: Conjunctions that may stand inside a name (材料技术与工程研究所).
_JOINING = "与和及"
#: Whitespace of a line break inside a name (at most this many characters).
_WRAP = re.compile(r"[ \t\u3000]*\n[\s\u3000]{0,3}$")
#: Longest piece after a conjunction that joins with the part before it
#: (``…知识与创新中心``, ``…检测与病毒研究所``).
_JOINED_TAIL = 4
#: A count right before a name makes it a category (``新建30家省临床医学研究中心``).
_COUNTED_BEFORE = re.compile(r"[0-9０-９一二三四五六七八九十两几多]+\s*[个家所批项类座条]\s*$")


def _in_title(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` opens or continues a document title in 《》
    with more words after it (``《浙江省商品交易市场管理条例》``): the title
    names a law or plan, not the body.

    >>> t = "推动《浙江省商品交易市场管理条例》修订,支持浙江船舶交易市场。"
    >>> _in_title(t, 3, 11), _in_title(t, t.index("浙江船"), t.index("。"))
    (True, False)
    """
    before = text[max(0, start - 40):start]
    opened = before.rfind("《")
    if opened < 0 or "》" in before[opened:]:
        return False
    close = text.find("》", end, end + 40)
    return close > end


@Language.factory("govkg_institutions", default_config={"patterns": "institutions"})
def make_institutions(nlp: Language, name: str, patterns: str) -> "InstitutionFinder":
    """Create the institution finder."""
    return InstitutionFinder(nlp, name, patterns)


class InstitutionFinder:
    """Marks institutions; see the module docstring."""

    def __init__(self, nlp: Language, name: str, patterns: str = "institutions"):
        self.name = name
        data = load_patterns(patterns)
        common = load_patterns("common")
        self.suffixes = {s["text"]: bool(s.get("anchor")) for s in data.get("suffixes", [])}
        #: Endings whose name must not be cut out of a longer phrase
        #: (``国网湖州供电公司`` is no ``湖州供电公司``).
        self.whole = {s["text"] for s in data.get("suffixes", []) if s.get("whole")}
        self.suffix_re = re.compile(literal_regex(self.suffixes))
        self.generic = set(data.get("generic_words", [])) | set(common.get("generic_tokens", []))
        self.quantifiers = set(common.get("leading_quantifiers", []))
        self.agency_words = tuple(data.get("agency_words", []))
        self.min_prefix = int(data.get("min_prefix", 2))
        self.level_words = tuple(sorted(data.get("level_words", []), key=len, reverse=True))
        #: A parent body before a place stays in the name (国家开发银行浙江省分行).
        self.parent_re = literal_regex(data.get("parent_words", ["银行", "集团", "公司", "大学"]))
        self.rules = NameRules(keep_before_anchor=self.parent_re)
        self.raw_rules = NameRules(keep_before_anchor=self.parent_re, trim_to_anchor=False)
        #: A level and a conjunction before an opener name a category
        #: (``国家和省临床医学研究中心``).
        self.paired_level = re.compile(literal_regex([*self.level_words, "国家"]) + r"[和与及、]$")
        self.campus_suffixes = tuple(data.get("campus_suffixes", []))
        self.campus_words = set(data.get("campus_words", []))
        self.openers = tuple(sorted(data.get("openers", []), key=len, reverse=True))
        #: Endings after which 国家 opens a name (国家海外知识产权纠纷应对指导中心).
        self.national_endings = set(data.get("national_endings", []))
        self.national_openers = tuple(data.get("national_openers", []))
        #: Characters after an ending that make it part of a longer word (国家中心城市).
        self.not_before = {s["text"]: s["not_before"] for s in data.get("suffixes", []) if s.get("not_before")}
        #: Known institutions' names (from the lexicon), heads of their branches' names.
        self.known_re: Optional[re.Pattern] = None

    def set_lexicon(self, lexicon: Lexicon) -> None:
        """Use the gazetteer's place names as anchors."""
        self.rules = NameRules(anchors=lexicon.place_anchors(), keep_before_anchor=self.parent_re)
        self.raw_rules = NameRules(anchors=lexicon.place_anchors(), keep_before_anchor=self.parent_re,
                                   trim_to_anchor=False)
        known = [f for f in lexicon.forms_of("Institution") if len(f) >= 3]
        self.known_re = re.compile(trie_regex(known)) if known else None

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        starts = token_starts(doc)
        for m in self.suffix_re.finditer(text):
            if text[m.end():m.end() + 1] and text[m.end()] in self.not_before.get(m.group(), ""):
                continue
            start = self.name_start(text, m.start(), m.end(), starts)
            if start is not None and not _in_title(text, start, m.end()):
                add_span(doc, start, self._campus_end(text, m.group(), m.end()), "Institution")
        return doc

    def _campus_end(self, text: str, suffix: str, end: int) -> int:
        """The end of a name with a campus in brackets after it
        (``中国石油大学(华东)``), else ``end``."""
        m = _BRACKET.match(text, end)
        if m is None or not suffix.endswith(self.campus_suffixes):
            return end
        inner = m.group(1)
        anchor = self.rules.anchor_re
        if inner in self.campus_words or (anchor is not None and anchor.fullmatch(inner)):
            return m.end()
        return end

    def _opener_at(self, text: str, start: int, end: int) -> str:
        """The opener (``省``, ``联合国``, ``美国``…) ``text[start:end]`` starts with,
        followed by more than generic words, else ``""``.

        >>> f = InstitutionFinder(None, "t")
        >>> f._opener_at("联合国全球地理信息知识与创新中心", 0, 13), f._opener_at("省重点", 0, 3)
        ('联合国', '')
        """
        for op in self.openers:
            if text.startswith(op, start, end):
                rest = text[start + len(op):end]
                ok = len(rest) >= self.min_prefix and not NameRules.only_generic(rest, self.generic)
                return op if ok else ""
        return ""

    def _national(self, text: str, start: int, s: int, e: int) -> bool:
        """True when a national opener (国家) starts a name whose ending admits it
        and more than generic words follow it (``国家海外知识产权纠纷应对指导中心``).

        >>> f = InstitutionFinder(None, "t")
        >>> t = "国家海外知识产权纠纷应对指导中心"
        >>> f._national(t, 0, len(t) - 4, len(t)), f._national("国家技术指导中心", 0, 4, 8)
        (True, False)
        """
        if text[s:e] not in self.national_endings:
            return False
        op = next((o for o in self.national_openers if text.startswith(o, start, s)), None)
        rest = text[start + len(op):s] if op else ""
        return len(rest) >= self.min_prefix and not NameRules.only_generic(rest, self.generic)

    def _known_parent(self, text: str, start: int, s: int) -> bool:
        """True when the name at ``start`` opens with a known institution followed by
        more words (``中国电信江西分公司`` after a person's name in a roster line): the
        branch of a known body is a whole name even where text runs into it.

        >>> from graph.nlp.lexicon import Lexicon
        >>> f = InstitutionFinder(None, "t")
        >>> f.set_lexicon(Lexicon.from_pairs([("中国电信", "Institution"), ("湖南", "Region")]))
        >>> t = "张建华中国电信湖南分公司总经理"
        >>> f._known_parent(t, 3, t.index("公司")), f._known_parent(t, 0, t.index("公司"))
        (True, False)
        """
        if self.known_re is None:
            return False
        m = self.known_re.match(text, start, s)
        return m is not None and m.end() < s

    def _opens(self, text: str, start: int, end: int) -> bool:
        """True when ``text[start:end]`` begins with a place or an opener."""
        return self.rules.starts_with_anchor(text, start, end) or bool(self._opener_at(text, start, end))

    def _over_wrap(self, text: str, start: int, end: int, starts: list[int]) -> int:
        """Move ``start`` back over a line break that cuts an opener from the
        name (``建设省\n卫生检验检测与病毒研究所``): only when the opener stands
        alone after a stop word, and the whole opens a name."""
        if start == 0 or not text[start - 1].isspace():
            return start
        m = _WRAP.search(text, max(0, start - 8), start)
        if m is None:
            return start
        j = m.start()
        for op in self.openers:
            k = j - len(op)
            if k >= 0 and text.startswith(op, k, j) and self.rules.name_start(text, j, starts)[0] == k:
                joined = text[k:j] + text[start:end]
                return k if self._opener_at(joined, 0, len(joined)) else start
        return start

    def _joined(self, text: str, start: int, s: int, starts: list[int]) -> int:
        """Extend a name over a conjunction inside it: ``中国科学院宁波材料技术与
        工程研究所`` (the part before 与 starts at a place and holds a parent
        body, and is no complete name itself, unlike ``浙江大学与…``), or
        ``联合国全球地理信息知识与创新中心`` (the part before 与 opens with a place
        or opener and is more than a place; the piece after it, up to the
        ending, is short and opens no name of its own)."""
        if start < 3 or text[start - 1] not in _JOINING:
            return start
        left, clean = self.rules.name_start(text, start - 1, starts)
        left = self._over_wrap(text, left, start - 1, starts)
        part = text[left:start - 1]
        whole = _BRACKET_END.sub("", part)             # 哈尔滨工业大学(深圳) is a whole name
        if not clean or len(part.replace("\n", "")) < 4 or whole.endswith(tuple(self.suffixes)):
            return start
        if self.rules.starts_with_anchor(text, left, start - 1) and re.search(self.parent_re, part):
            return left
        place = self.rules.anchor_re.match(part) if self.rules.anchor_re is not None else None
        more_than_place = place is None or place.end() < len(part)
        tail_is_name = self._opens(text, start, s)
        if (self._opens(text, left, start - 1) and more_than_place and not tail_is_name
                and s - start <= _JOINED_TAIL):
            return left
        return start

    def _after_level(self, text: str, start: int, s: int) -> Optional[int]:
        """Start of a name after a level word (``国家级``, ``省级``): past the
        level word when a place or parent body follows it, None when only a
        common noun does (``国家级制造业创新中心`` is a category); ``start``
        when there is no level word."""
        level = next((w for w in self.level_words if text.startswith(w, start, s)), None)
        if level is None:
            return start
        rest = start + len(level)
        if self.rules.starts_with_anchor(text, rest, s) or re.match(self.parent_re, text[rest:s]):
            return rest
        return None

    def _national_start(self, text: str, s: int, e: int) -> Optional[int]:
        """Start of a national body's name ending at ``text[s:e]``: the nearest
        national opener before it with only Chinese characters between, which
        may hold words that end other names (``国家海外知识产权纠纷应对指导中心``:
        应对 is no stop here), else None.

        >>> f = InstitutionFinder(None, "t")
        >>> t = "推进国家海外知识产权纠纷应对指导中心建设"
        >>> f._national_start(t, t.index("指导中心"), t.index("建设"))
        2
        """
        if text[s:e] not in self.national_endings or not self.national_openers:
            return None
        opener = literal_regex(self.national_openers)
        m = re.search(rf"{opener}(?:(?!{opener})[\u4e00-\u9fff]){{2,20}}$", text[max(0, s - 24):s])
        if m is None:
            return None
        start = max(0, s - 24) + m.start()
        return start if self._national(text, start, s, e) else None

    def name_start(self, text: str, s: int, e: int, starts: list[int]) -> Optional[int]:
        """Start of the institution name with suffix ``text[s:e]``, or None."""
        national = self._national_start(text, s, e)
        if national is not None:
            return national
        start, clean = self.rules.name_start(text, s, starts)
        if not clean:
            return None
        if text[s:e] in self.whole and self.raw_rules.name_start(text, s, starts)[0] < start \
                and not self._known_parent(text, start, s):
            return None
        start = self._over_wrap(text, start, s, starts)
        start = self._joined(text, start, s, starts)
        start = self.rules.strip_generic(text, start, s, starts, self.quantifiers)
        start = self._after_level(text, start, s)
        if start is None:
            return None
        core = text[start:s]
        name = text[start:e]
        if len(core) < self.min_prefix or _DIGIT.search(core[:2]):
            return None
        if any(w in name for w in self.agency_words) or text[max(0, start - 6):start].endswith(self.agency_words):
            return None
        if NameRules.only_generic(core, self.generic):
            return None
        if COUNTED.search(core) or _COUNTED_BEFORE.search(text, max(0, start - 8), start):
            return None
        if (self.suffixes[text[s:e]] and not self._opens(text, start, s)
                and not re.search(self.parent_re, core) and not self._national(text, start, s, e)):
            return None
        if self._opener_at(text, start, s) and self.paired_level.search(text, max(0, start - 5), start):
            return None
        return start
