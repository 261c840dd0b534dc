"""Segment: split a normalised issue (or a single web-page document) into documents.

``split_documents(source)`` works on the paragraphs of ``Source.text`` (one
paragraph per line after :mod:`graph.ingest`).  The anatomy of an official
document it relies on::

    浙江省人民政府关于                     ← title (one or more lines)
    2020年度浙江省科学技术奖励的决定
    浙政发〔2021〕14号                     ← number (the anchor)
    各市、县(市、区)人民政府,省政府直属各单位:  ← addressees (主送)
    根据……                                ← body, section tree 一、(一) 1. (1)
    附件:……                               ← attachment list
    浙江省人民政府                         ← signature (issuers)
    2021年6月4日                           ← signature date
    附件                                   ← attachments
    ……

Documents are found from their number lines; documents without a number
are found from a title block that follows the previous document's signature
date; a file without any is one document (a page copied from a website),
whose metadata lines (标题, 发文字号, 发文机关, 成文日期 …) fill the gaps.

>>> from graph.ingest import normalise
>>> text = ("浙江省人民政府关于\\n2020年度浙江省科学技术奖励的决定\\n\\n浙政发〔2021〕14号\\n\\n"
...         "各市、县(市、区)人民政府,省政府直属各单位:\\n\\n根据有关规定,省政府决定授予潘云鹤院士浙江科技大奖。\\n\\n"
...         "浙江省人民政府\\n\\n2021年6月4日\\n")
>>> [d] = split_documents(normalise(text, "a.txt"))
>>> d.number, d.title, d.issuers, str(d.date), d.doc_type
('浙政发〔2021〕14号', '浙江省人民政府关于2020年度浙江省科学技术奖励的决定', ['浙江省人民政府'], '2021-06-04', '决定')
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from typing import Optional

from graph.model import Attachment, Document, Section, Source
from graph.patterns import load_patterns


def load_words() -> dict:
    """The word lists of ``ontology/patterns/segment.yaml`` (read once).

    >>> load_words()["doc_type_of"]["实施意见"]
    '意见'
    """
    return load_patterns("segment")


def _alternatives(key: str) -> str:
    """The words of list ``key`` as a regex alternation, in the file's order.

    >>> _alternatives("footer_buttons")
    '打印|关闭'
    """
    return "|".join(re.escape(word) for word in load_words()[key])


_WORDS = load_words()

# ---------------------------------------------------------------------------
# Patterns
# ---------------------------------------------------------------------------

_OPEN = r"[〔\[(【（［]"
_CLOSE = r"[〕\])】）］]"
#: A document number anywhere in text; a line break may cut it (``龙\n政〔2020〕5号``).
_DOCNUM = re.compile(
    rf"(?P<prefix>(?<=[(（])[\u4e00-\u9fff]{{1,4}}\n[\u4e00-\u9fff]{{1,6}}|[\u4e00-\u9fff]{{1,10}})"
    rf"\s*{_OPEN}\s*(?P<year>(?:19|20)\d{{2}})\s*{_CLOSE}\s*\n?\s*(?P<seq>\d{{1,5}})\s*\n?\s*号"
)
_DOCNUM_LINE = re.compile(rf"^[\u4e00-\u9fff]{{1,12}}\s*{_OPEN}\s*(?:19|20)\d{{2}}\s*{_CLOSE}\s*第?\s*\d{{1,5}}\s*号$")
#: The first part of a number cut over two lines: ``浙政办发〔2021〕`` or a short code.
_NUMBER_HEAD = re.compile(rf"^[\u4e00-\u9fff]{{1,12}}\s*{_OPEN}\s*(?:19|20)\d{{2}}\s*{_CLOSE}$|^[\u4e00-\u9fff]{{1,4}}$")
_ORDER_LINE = re.compile(r"^[\u4e00-\u9fff]{2,20}令$")
#: An order cited by its number: ``国务院令第649号``.
_ORDER_CITE = re.compile(r"(?P<issuer>[\u4e00-\u9fff]{2,12})令\s*第\s*(?P<seq>\d{1,5})\s*号")
_ORDER_SEQ = re.compile(r"^第\s*(\d{1,5})\s*号$")
#: Words that precede a cited number inside running text but are not part of it.
_CITE_LEAD = re.compile(r"^.*(?:" + _alternatives("cite_lead_words") + ")")

_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "О": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_DATE_CORE = r"(?P<y>\d{4}|[〇○零О一二三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
_DATE_LINE = re.compile(rf"^\(?{_DATE_CORE}\)?$")
#: A signature and its date on one line: ``浙江省人民政府 2021年6月4日``.
_SIGNED_LINE = re.compile(rf"^(?P<names>[\u4e00-\u9fff][\u4e00-\u9fff ]{{2,60}}?)\s*{_DATE_CORE}$")
_ISO_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")
_ANY_DATE = re.compile(_DATE_CORE)

_TERMINAL = re.compile(r"[。;:!?；：！？]$")
_PUNCT = re.compile(r"[,.;:!?，。、；：“”《》]")
#: Endings of an agency's name (used for signatures and title prefixes).
_AGENCY_END = re.compile("(?:" + _alternatives("agency_endings") + ")$")
_PERSON_SIGN = re.compile("^(?:" + _alternatives("person_titles") + r")\s*\S{2,4}$")
#: Document types, by the ending of the title; longest first wins.
_DOC_TYPES = tuple(_WORDS["doc_types"])
_TYPE_OF = dict(_WORDS["doc_type_of"])
_TITLE_END = re.compile("(?:" + "|".join(_DOC_TYPES) + r")(?:\(.{1,20}\))?$")

_ATTACH_HEAD = re.compile(r"^附件\s*(?P<n>\d{1,2})?\s*[:.、]?\s*(?P<rest>.*)$")
#: Words that end an attachment's title (a table, list, plan …).
_ATTACH_TITLE_END = re.compile("(?:" + _alternatives("attachment_title_endings") + r")(?:\(.{1,20}\))?$")
_ATTACH_LIST = re.compile(r"^附件\s*[:]\s*(?P<rest>.+)$")
#: A table-of-contents entry: page reference at the end, or a list bullet.
_TOC_ENTRY = re.compile(r"\(\d{1,4}\)$|[.…·]{3,}\s*\d{1,4}$|^[-•·]\s|^【.*】$")
#: A letterhead line above the number: ``江苏省人民政府文件``.
_LETTERHEAD = re.compile(r"^[\u4e00-\u9fff ]{2,40}文件$")
_ISSUED_BY = re.compile(r"^\S{2,30}?(?:印发|转发|批转)")
#: The longest title a document can have; a longer "title" is a damaged page
#: (e.g. a whole web page on one line) and is cut to this length with a warning.
MAX_TITLE = 200

#: Footer lines of a web page after the document (share, print, related links).
_FOOTER = re.compile("^(?:【?(?:" + _alternatives("footer_buttons") + ")|" + _alternatives("footer_openers") + ")")
_COLOPHON = re.compile("^(?:" + _alternatives("colophon_labels") + r")\s*[:]")
#: Metadata lines of a web page: label → field.
_META = dict(_WORDS["meta_labels"])
_META_LINE = re.compile(r"(?P<label>" + "|".join(sorted(_META, key=len, reverse=True)) + r")\s*[:]\s*")
#: Any ``label:`` opening a web page's metadata line, known or not (``索引号:…``, ``主题分类:…``).
_ANY_LABEL = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*[:]")
_WEB_NOISE = re.compile(
    "^(?:(?:" + _alternatives("web_noise_labels") + r")\s*:|" + _alternatives("web_noise_openers")
    + r"|字体\s*:|字号\s*:?\s*[大中小])"
)

#: Section markers, each with its kind; the tree nests kinds in order of appearance.
_MARKERS = (
    ("chapter", re.compile(r"^第[一二三四五六七八九十百零〇\d]+章")),
    ("part", re.compile(r"^第[一二三四五六七八九十百零〇\d]+节")),
    ("article", re.compile(r"^第[一二三四五六七八九十百零〇\d]+条")),
    ("cn", re.compile(r"^[一二三四五六七八九十百]+、")),
    ("paren_cn", re.compile(r"^\([一二三四五六七八九十百]+\)")),
    ("arabic", re.compile(r"^\d{1,2}[.、](?!\d)")),
    ("paren_arabic", re.compile(r"^\(\d{1,2}\)")),
    ("circled", re.compile(r"^[①-⑳]")),
)
#: A numbered item starting inside a paragraph, after a sentence or a note closed
#: (``…(责任单位:省经信厅)8推动…``, ``…。2.加快…``): PDF text runs items together
#: and sometimes loses the dot.  Only taken when it continues the numbering.
_INLINE_ITEM = re.compile(r"(?<=[。;；)）])\s*(?P<n>\d{1,2})(?P<dot>[.、])?(?=[\u4e00-\u9fff“《])")
#: An item number written without its dot at the start of a paragraph (``8推动…``).
_DOTLESS_ITEM = re.compile(r"^(?P<n>\d{1,2})(?=[\u4e00-\u9fff“《])")
#: Characters after a bare number that make it a quantity, not an item (``3年``, ``5个``).
_QUANTITY = re.compile("[" + re.escape(_WORDS["quantity_chars"]) + "]")


# ---------------------------------------------------------------------------
# Paragraphs
# ---------------------------------------------------------------------------


@dataclass
class _Para:
    """One paragraph (line) of the clean text with its offsets."""

    start: int
    end: int
    text: str
    marker: Optional[str] = None  # an item marker read from the numbering (``8.``), see _item_paragraphs


def _paragraphs(text: str) -> list[_Para]:
    """Split clean text into non-empty paragraphs with their offsets.

    >>> [(p.start, p.text) for p in _paragraphs("ab\\n\\ncd\\n")]
    [(0, 'ab'), (4, 'cd')]
    """
    paras, pos = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            paras.append(_Para(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(line) + 1
    return paras


#: The page reference closing a table-of-contents entry, when more text follows it on the line.
_GLUED_TOC_END = re.compile(r"(?:\.{3,}|…{2,}|·{3,})\s*\(?\d{1,4}\)?(?=\s*[\u4e00-\u9fff【])")


def _split_glued_toc(paras: list[_Para]) -> list[_Para]:
    """Cut paragraphs after each table-of-contents page reference followed by more text.

    Reflowed PDF text may run the contents' entries and the first title line
    below them into one paragraph; each entry, and the title line, becomes its own.

    >>> [p.text for p in _split_glued_toc(_paragraphs("江西省人民政府关于某事的通知(赣府字〔2020〕1号)......(3)江西省人民政府办公厅关于公布名单(第一批)\\nC"))]
    ['江西省人民政府关于某事的通知(赣府字〔2020〕1号)......(3)', '江西省人民政府办公厅关于公布名单(第一批)', 'C']
    """
    out: list[_Para] = []
    for para in paras:
        cuts = [m.end() for m in _GLUED_TOC_END.finditer(para.text)]
        a = 0
        for b in cuts + [len(para.text)]:
            piece = para.text[a:b].strip()
            if piece:
                lead = len(para.text[a:b]) - len(para.text[a:b].lstrip())
                out.append(_Para(para.start + a + lead, para.start + a + lead + len(piece), piece))
            a = b
    return out


#: A post closing a line of a list of persons (``…副总经理``), see segment.yaml.
_LIST_POST = re.compile("(?:" + _alternatives("list_post_endings") + ")")
_LIST_POST_END = re.compile("(?:" + _alternatives("list_post_endings") + ")$")


def _split_glued_list_tail(paras: list[_Para]) -> list[_Para]:
    """Cut the last line of a list of persons off a title line it was run into.

    Reflowed PDF text may glue an attachment's last ``name unit post`` line to
    the first line of the next document's title.  When the line above is such
    a list line (it ends with a post) and the paragraph holds a title whose
    head, after the first post ending in it, is an issuer's name, the
    paragraph is cut there.

    >>> t = "刘海涛(男)福州市财政局副局长\\n赵明远福建省能源集团有限公司总经理福建省人民政府办公厅关于印发某方案的通知\\n"
    >>> [p.text for p in _split_glued_list_tail(_paragraphs(t))]
    ['刘海涛(男)福州市财政局副局长', '赵明远福建省能源集团有限公司总经理', '福建省人民政府办公厅关于印发某方案的通知']
    >>> t = "林某福建省财政厅副厅长\\n福建省发展和改革委员会福建省财政厅关于下达资金的通知\\n"
    >>> len(_split_glued_list_tail(_paragraphs(t)))
    2
    """
    out: list[_Para] = []
    for k, para in enumerate(paras):
        at = _list_tail_cut(para.text) if k and _LIST_POST_END.search(paras[k - 1].text) else None
        out.extend(_cut(para, at) if at else [para])
    return out


def _list_tail_cut(text: str) -> Optional[int]:
    """Where a title starts after a list line's post in ``text``, or None."""
    head, sep, _ = text.partition("关于")
    if not sep or not _TITLE_END.search(text):
        return None
    for m in _LIST_POST.finditer(head):
        rest = head[m.end():]
        if _AGENCY_END.search(head[:m.end() + 1]):
            continue                                 # 委员 of 委员会: a name goes on
        if len(rest) >= 4 and _is_issuer_name(rest) and not _LIST_POST.search(rest):
            return m.end()
    return None


# --- web-page chrome glued to the document's lines -------------------------------------------

#: A page's site-name line (云南省人民政府门户网站): chrome above the navigation, never the title.
_SITE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,20}?(?:" + _alternatives("web_site_endings") + ")$")
#: A breadcrumb trail (当前位置: 首页 > 政务公开 >> 政府文件 > …).
_CRUMBS = re.compile(r"^(?:(?:" + _alternatives("web_crumb_labels") + r")\s*[:]?\s*)?首页\s*(?:>>?|»|›)")
_CRUMB_SEP = re.compile(r"\s*(?:>>?|»|›)\s*")
#: The font-size and print buttons closing a metadata line (【字体: 大 中 小】 打印, 字号: [大 中 小]).
_SIZE_BUTTONS = re.compile(
    r"【?\s*(?:" + _alternatives("web_size_labels") + r")\s*[:]?\s*\[?\s*大\s*中\s*小\s*\]?\s*】?"
    r"(?:\s*【?(?:" + _alternatives("footer_openers") + "|" + _alternatives("footer_buttons") + r")】?)*"
)


#: Labels of a web page's metadata table (文号, 发布机构, 主题分类 …), see segment.yaml.
_FLAT_LABELS = frozenset(_META) | frozenset(_WORDS["web_noise_labels"])


def _join_flat_meta(paras: list[_Para]) -> list[_Para]:
    """Join a metadata table flattened one cell a line into ``label:value`` lines.

    A web page's table (信息索引号 / value / 文号 / value …) reaches the text with
    each label and each value on a line of its own; at the top of the page, a
    run of at least two such label/value pairs is read as metadata lines.

    >>> t = "索引号\\n11350000/2021-00087\\n发文字号\\n闽科高〔2021〕12号\\n闽科高关于某事的通知"
    >>> [p.text for p in _join_flat_meta(_paragraphs(t))]
    ['索引号:11350000/2021-00087', '发文字号:闽科高〔2021〕12号', '闽科高关于某事的通知']
    >>> len(_join_flat_meta(_paragraphs("来源\\n省统计局\\n说明。")))
    3
    """
    top = min(len(paras), 40)
    pairs = []
    for i in range(top - 1):
        if paras[i].text in _FLAT_LABELS and paras[i + 1].text not in _FLAT_LABELS and len(paras[i + 1].text) <= 60:
            pairs.append(i)
    runs, run = [], []
    for i in pairs:
        if run and i != run[-1] + 2:
            runs.append(run)
            run = []
        run.append(i)
    runs.append(run)
    joined = {i for r in runs if len(r) >= 2 for i in r}
    if not joined:
        return paras
    out: list[_Para] = []
    skip = False
    for i, para in enumerate(paras):
        if skip:
            skip = False
            continue
        if i in joined:
            value = paras[i + 1]
            out.append(_Para(para.start, value.end, f"{para.text}:{value.text}"))
            skip = True
        else:
            out.append(para)
    return out


def _cut(para: _Para, at: int) -> list[_Para]:
    """``para`` cut at offset ``at`` into two stripped paragraphs (empty pieces dropped)."""
    out = []
    for a, b in ((0, at), (at, len(para.text))):
        piece = para.text[a:b]
        text = piece.strip()
        if text:
            lead = len(piece) - len(piece.lstrip())
            out.append(_Para(para.start + a + lead, para.start + a + lead + len(text), text))
    return out


def _site_owner(paras: list[_Para]) -> str:
    """The body owning the site, read from a site-name line at the top (or ``""``).

    >>> _site_owner(_paragraphs("贵州省人民政府门户网站\\n首页 > 政务公开"))
    '贵州省人民政府'
    """
    for p in paras[:3]:
        if _SITE_NAME.match(p.text) and "关于" not in p.text:
            m = re.match(r"^(.*?(?:人民政府|政府))", p.text)
            return m.group(1) if m else ""
    return ""


def _crumb_cut(text: str, owner: str, prefix: str) -> Optional[int]:
    """Where a title glued to the last crumb of a breadcrumb trail starts, or ``None``.

    The title starts at the site owner's name, or right after the last crumb when
    that crumb is the number's prefix (a library filed by 文号).

    >>> _crumb_cut("首页>>政府文件>>黔府函贵州省人民政府关于同意设立某园区的批复", "", "黔府函")
    13
    >>> _crumb_cut("首页>政府文件>贵州省人民政府关于同意设立某园区的批复", "贵州省人民政府", "")
    8
    """
    seps = list(_CRUMB_SEP.finditer(text))
    if not seps:
        return None
    last = seps[-1].end()
    rest = text[last:]
    if "关于" not in rest and not _TITLE_END.search(rest):
        return None
    if owner and rest.find(owner) >= 0:
        return last + rest.find(owner)
    if prefix and rest.startswith(prefix) and "关于" in rest[len(prefix) :]:
        return last + len(prefix)
    return None


def _split_glued_web(paras: list[_Para]) -> list[_Para]:
    """Cut a web page's chrome off the document lines glued to it by reflowing.

    A title glued to the breadcrumb trail above it, the addressee line glued to
    the font-size buttons of a metadata line, and a title glued to the addressee
    line below it (known from the page's ``标题:`` field) become lines of their own.

    >>> [p.text for p in _split_glued_web(_paragraphs("时间:2021-03-02 来源:某厅【字体:大 中 小】打印各市人民政府:"))]
    ['时间:2021-03-02 来源:某厅【字体:大 中 小】打印', '各市人民政府:']
    """
    head = paras[:25]
    owner = _site_owner(head)
    prefix = ""
    for p in head:
        if _DOCNUM_LINE.match(p.text):
            prefix = re.split(_OPEN, p.text, maxsplit=1)[0].strip()
            break
    title = ""
    for p in head:
        title = title or _meta_of(p.text).get("title", "")
    out: list[_Para] = []
    for k, para in enumerate(paras):
        at = None
        if k < 25 and _CRUMBS.match(para.text):
            at = _crumb_cut(para.text, owner, prefix)
        elif k < 25 and _is_web_noise(para.text):
            m = None
            for m in _SIZE_BUTTONS.finditer(para.text):
                pass
            tail = para.text[m.end() :].strip() if m else ""
            at = m.end() if tail and not _FOOTER.match(tail) and not _is_web_noise(tail) else None
        elif k < 25 and title and len(para.text) > len(title) and para.text.startswith(title):
            at = len(title)
        out.extend(_cut(para, at) if at else [para])
    return out


# ---------------------------------------------------------------------------
# Small readers: numbers, dates, names, types
# ---------------------------------------------------------------------------


def normalise_number(raw: str) -> str:
    """Canonical form of a document number: no spaces, 〔〕 brackets.

    >>> normalise_number("浙政发 [2021] 14 号")
    '浙政发〔2021〕14号'
    >>> normalise_number("龙\\n政(2020)5号")
    '龙政〔2020〕5号'
    >>> normalise_number("杭政函〔2021〕第5号")
    '杭政函〔2021〕5号'
    """
    compact = re.sub(r"\s+", "", raw)
    compact = re.sub(r"(?<=[〕\])）)])第(?=\d)", "", compact)
    return re.sub(rf"{_OPEN}((?:19|20)\d{{2}}){_CLOSE}", r"〔\1〕", compact)


def _cn_number(text: str) -> int:
    """Read ``12``, ``十二``, ``二十一`` or ``〇六`` as an int.

    >>> [_cn_number(t) for t in ("12", "十二", "二十一", "十")]
    [12, 12, 21, 10]
    """
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGIT.get(tens, 1) if tens else 1) * 10 + (_CN_DIGIT.get(units, 0) if units else 0)
    return int("".join(str(_CN_DIGIT.get(ch, 0)) for ch in text))


def parse_date(text: str) -> Optional[date]:
    """Read the first date in ``text`` (Arabic, Chinese numerals or ISO).

    >>> parse_date("2021年6月4日"), parse_date("二〇二一年六月四日"), parse_date("2021-05-06")
    (datetime.date(2021, 6, 4), datetime.date(2021, 6, 4), datetime.date(2021, 5, 6))
    """
    m = _ANY_DATE.search(text) or _ISO_DATE.search(text)
    if not m:
        return None
    try:
        return date(_cn_number(m["y"]), _cn_number(m["m"]), _cn_number(m["d"]))
    except ValueError:
        return None


def doc_type_of(title: str) -> Optional[str]:
    """The document type read from the end of the title.

    >>> doc_type_of("浙江省人民政府关于强化实施创新驱动发展战略的实施意见")
    '意见'
    >>> doc_type_of("关于龙丽丽龙高速公路收费期限的复函")
    '复函'
    """
    m = _TITLE_END.search(title)
    if not m:
        return None
    word = re.sub(r"\(.*\)$", "", m.group(0))
    return _TYPE_OF.get(word, word)


def _is_name_line(text: str) -> bool:
    """A short line without punctuation that may be an issuer's name."""
    return 2 <= len(text) <= 40 and not _PUNCT.search(text) and not _DATE_LINE.match(text)


def _split_names(text: str) -> list[str]:
    """Split a signature line holding one or several agency names.

    >>> _split_names("浙江省医疗保障局 浙江省卫生健康委员会")
    ['浙江省医疗保障局', '浙江省卫生健康委员会']
    """
    return [part for part in text.split() if part]


def title_issuers(title: str) -> list[str]:
    """The issuing bodies named at the start of a title, before ``关于``.

    >>> title_issuers("浙江省医疗保障局 浙江省卫生健康委员会关于调整价格的通知")
    ['浙江省医疗保障局', '浙江省卫生健康委员会']
    >>> title_issuers("关于做好春节期间工作的通知")
    []
    """
    head, sep, _ = title.partition("关于")
    if not sep:
        m = re.match(r"^(.{2,30}?)(?:印发|转发|批转)", title)
        head = m.group(1) if m else ""
    names = [n for n in re.split(r"[\s、]+", head) if n]
    return [n for n in names if _AGENCY_END.search(n)]


def split_addressees(line: str) -> list[str]:
    """Split a 主送 line into recipients.

    Commas separate recipients; a 、 list is split only when each item is a
    complete agency name.

    >>> split_addressees("各市、县(市、区)人民政府,省政府直属各单位:")
    ['各市、县(市、区)人民政府', '省政府直属各单位']
    >>> split_addressees("台州市人民政府,省交通运输厅、省发展改革委:")
    ['台州市人民政府', '省交通运输厅', '省发展改革委']
    """
    body = line.rstrip(":：").strip()
    out = []
    for part in re.split(r"[,，;；]", body):
        part = part.strip()
        if not part:
            continue
        pieces = [p for p in part.split("、") if p]
        if len(pieces) > 1 and all(_AGENCY_END.search(p) and len(p) >= 3 for p in pieces):
            out.extend(pieces)
        else:
            out.append(part)
    return out


def find_citations(text: str, own: Optional[str] = None) -> list[str]:
    """Every document number cited in ``text`` (normalised, in order, unique).

    >>> find_citations("按照《通知》(浙政办发〔2020〕44号)和(金政〔2021〕5\\n号)以及国发〔2019〕11号要求")
    ['浙政办发〔2020〕44号', '金政〔2021〕5号', '国发〔2019〕11号']
    >>> find_citations("认真贯彻《社会救助暂行办法》(国务院令第649号)")
    ['国务院令第649号']
    """
    found = []
    for m in _DOCNUM.finditer(text):
        prefix = _CITE_LEAD.sub("", m["prefix"].replace("\n", ""))
        if prefix:
            found.append((m.start(), normalise_number(f"{prefix}〔{m['year']}〕{m['seq']}号")))
    for m in _ORDER_CITE.finditer(text):
        found.append((m.start(), f"{_CITE_LEAD.sub('', m['issuer'])}令第{m['seq']}号"))
    seen, out = {own} if own else set(), []
    for _, number in sorted(found):
        if number not in seen and not number.startswith("令"):
            seen.add(number)
            out.append(number)
    return out


def title_key(title: str) -> str:
    """A stable key for a document without a number, derived from its title.

    >>> title_key("关于做好春节期间工作的通知")
    'title-关于做好春节期间工作的通知'
    >>> len(title_key("关" * 200)) < 80
    True
    """
    compact = re.sub(r"\s+", "", title)
    if len(compact) <= 60:
        return f"title-{compact}"
    digest = hashlib.sha1(compact.encode("utf-8")).hexdigest()[:10]
    return f"title-{compact[:40]}-{digest}"


# ---------------------------------------------------------------------------
# Finding documents
# ---------------------------------------------------------------------------


@dataclass
class _Head:
    """Where a document starts: its title paragraphs and number paragraph(s)."""

    title_first: int  # paragraph index of the first title line
    title_last: int  # paragraph index of the last title line
    number: Optional[str]  # normalised number, if any
    after: int  # index of the first paragraph after the head
    order: Optional[str] = None  # for an order (令): the 令 line, e.g. 广东省人民政府令
    begin: Optional[int] = None  # first paragraph of the document when not the title

    @property
    def first(self) -> int:
        """The paragraph where the document begins."""
        return self.title_first if self.begin is None else min(self.begin, self.title_first)


def _number_anchors(paras: list[_Para]) -> list[tuple[int, int, str]]:
    """Paragraphs that are a document number alone: ``(first, last, number)``.

    Handles a number cut over two lines and an order's ``XX令`` / ``第N号``.
    """
    anchors = []
    i = 0
    while i < len(paras):
        text = paras[i].text
        if _DOCNUM_LINE.match(text):
            anchors.append((i, i, normalise_number(text)))
        elif _NUMBER_HEAD.match(text) and i + 1 < len(paras) and _DOCNUM_LINE.match(text + paras[i + 1].text):
            anchors.append((i, i + 1, normalise_number(text + paras[i + 1].text)))
            i += 1
        elif _ORDER_LINE.match(text) and i + 1 < len(paras) and _ORDER_SEQ.match(paras[i + 1].text):
            anchors.append((i, i + 1, f"{text}第{_ORDER_SEQ.match(paras[i + 1].text)[1]}号"))
            i += 1
        i += 1
    return anchors


def _is_web_noise(text: str) -> bool:
    """A web page's metadata or navigation line (标题: …, 来源: …, 打印本页 …)."""
    return bool(_META_LINE.match(text) or _WEB_NOISE.match(text) or _meta_of(text))


def _title_candidates(paras: list[_Para], below: int, floor: int) -> list[int]:
    """Indices of the title-like paragraphs just above ``below`` (nearest first)."""
    out = []
    j = below - 1
    while j >= floor and len(out) < 6:
        text = paras[j].text
        if _is_web_noise(text):
            j -= 1
            continue
        if _DATE_LINE.match(text) or _TERMINAL.search(text) or len(text) > 90 or _DOCNUM_LINE.match(text):
            break
        if len(text) <= 2 or _ATTACH_HEAD.match(text) or "\t" in text or _TOC_ENTRY.search(text):
            break
        out.append(j)
        j -= 1
    return out


def _title_start(paras: list[_Para], candidates: list[int]) -> Optional[int]:
    """Choose the first title paragraph among ``candidates`` (nearest first).

    The title starts at the nearest line holding ``关于`` (or an agency name
    followed by 印发/转发), extended upwards over lines that continue it:
    more ``关于`` lines or lines holding only agency names (joint documents
    put each issuer on its own line).  A line ending in a type word belongs
    to the title above, never to this one.
    """
    if not candidates:
        return None
    hits = [k for k, j in enumerate(candidates) if "关于" in paras[j].text or _ISSUED_BY.match(paras[j].text)]
    if not hits:
        return None
    start = candidates[hits[0]]
    for j in candidates[hits[0] + 1 :]:
        if j != start - 1:
            break  # web metadata stands between: what is above it is page chrome, not the title
        text = paras[j].text
        names = _split_names(text)
        if _TITLE_END.search(text):
            break
        if "关于" in text or _ISSUED_BY.match(text) or (names and all(_is_issuer_name(n) for n in names)):
            start = j
            continue
        break
    return start


#: A short form of a body (省教育厅, 市科技局): a table cell or a list item, never a title's issuer.
_SHORT_FORM = re.compile(r"^(?:省|市|县|区)[\u4e00-\u9fff]")


def _is_issuer_name(name: str) -> bool:
    """A name a joint title may open with: a body written in full.

    >>> _is_issuer_name("浙江省商务厅"), _is_issuer_name("省教育厅"), _is_issuer_name("关于印发")
    (True, False, False)
    """
    return bool(_AGENCY_END.search(name)) and not _SHORT_FORM.match(name)


def _heads_from_numbers(paras: list[_Para]) -> list[_Head]:
    """One head per number line, with the title above (or below) it."""
    heads: list[_Head] = []
    for first, last, number in _number_anchors(paras):
        floor = heads[-1].after if heads else 0
        if _ORDER_LINE.match(paras[first].text):
            heads.append(_Head(first, first - 1, number, last + 1, order=paras[first].text))
            continue
        candidates = _title_candidates(paras, first, floor)
        start = _title_start(paras, candidates)
        if start is not None:
            heads.append(_Head(start, first - 1, number, last + 1))
            continue
        below = _title_below(paras, last + 1)
        if below is not None:
            # Number printed above the title, maybe under a 「…文件」 letterhead.
            begin = first - 1 if first > floor and _LETTERHEAD.match(paras[first - 1].text) else first
            heads.append(_Head(last + 1, below, number, below + 1, begin=begin))
        elif candidates:
            heads.append(_Head(candidates[min(len(candidates), 3) - 1], first - 1, number, last + 1))
        else:
            heads.append(_Head(first, first - 1, number, last + 1))
    return heads


def _title_below(paras: list[_Para], i: int) -> Optional[int]:
    """Index of the last line of a title starting at ``i`` (number printed above it)."""
    last = None
    for j in range(i, min(i + 4, len(paras))):
        text = paras[j].text
        if _TERMINAL.search(text) or _DATE_LINE.match(text) or len(text) > 90:
            break
        last = j
        if _TITLE_END.search(text):
            return j
    return last if last is not None and "关于" in paras[i].text else None


def _is_addressee(text: str) -> bool:
    """A 主送 line: short, ends with a colon, no sentence inside."""
    return text.endswith((":", "：")) and len(text) <= 200 and "。" not in text and not text.startswith("附件")


def _heads_without_numbers(paras: list[_Para], heads: list[_Head]) -> list[_Head]:
    """Documents without a number: a title block right after a signature date.

    The block is at most four short lines ending in a type word (通知, 批复 …)
    and is followed by an addressee line.
    """
    taken = set()
    for h in heads:
        taken.update(range(h.first, h.after))
    out = []
    for i, p in enumerate(paras):
        if not (_DATE_LINE.match(p.text) and i + 1 < len(paras)):
            continue
        for last in range(i + 1, min(i + 5, len(paras) - 1)):
            text = paras[last].text
            if last in taken or _TERMINAL.search(text) or len(text) > 90 or _DATE_LINE.match(text):
                break
            if _TITLE_END.search(text) and _is_addressee(paras[last + 1].text):
                block = "".join(q.text for q in paras[i + 1 : last + 1])
                if "关于" in block or title_issuers(block):
                    out.append(_Head(i + 1, last, None, last + 1))
                break
    return out


def _skip_chrome(paras: list[_Para], first: int) -> int:
    """Index of the first line after a web page's chrome: metadata and navigation
    lines, and a site-name line standing above them (甘肃省人民政府 over
    ``当前位置: 首页 > …``).

    >>> _skip_chrome(_paragraphs("陕西省人民政府\\n首页 > 政府文件\\n陕西省人民政府关于某事的通知"), 0)
    2
    """
    while first < len(paras):
        if _is_web_noise(paras[first].text):
            first += 1
        elif (_SITE_NAME.match(paras[first].text) and "关于" not in paras[first].text
              and first + 1 < len(paras) and _is_web_noise(paras[first + 1].text)):
            first += 1
        else:
            break
    return first


def _web_head(paras: list[_Para], meta: dict) -> _Head:
    """The head of a file holding one document without a number line."""
    first = _skip_chrome(paras, 0)
    if first >= len(paras):
        return _Head(0, -1, meta.get("number"), 0)
    last = first
    for j in range(first, min(first + 4, len(paras))):
        text = paras[j].text
        if _TERMINAL.search(text) or _DATE_LINE.match(text) or len(text) > 90:
            break
        last = j
        if _TITLE_END.search(text):
            break
    title = _join_title([p.text for p in _title_paras(paras[first : last + 1])])
    if not (_TITLE_END.search(title) and ("关于" in title or _ISSUED_BY.match(title))):
        # the lines below the chrome are no title (a site name, a menu, a
        # metadata table): look for the title further down
        found = _web_title(paras, first, meta.get("title", ""))
        if found is not None:
            first, last = found
    return _web_head_at(paras, first, last, meta)


def _web_head_at(paras: list[_Para], first: int, last: int, meta: dict) -> _Head:
    """The head of a web page's document whose title spans ``paras[first:last + 1]``."""
    after = last + 1
    number = meta.get("number")
    if after < len(paras) and _DOCNUM_LINE.match(paras[after].text):
        number = normalise_number(paras[after].text)
        after += 1
    return _Head(first, last, number and normalise_number(number), after)


def _web_title(paras: list[_Para], first: int, meta_title: str) -> Optional[tuple[int, int]]:
    """The title lines ``(first, last)`` of a web page's document among its top lines.

    The title is the run of (at most four) lines, outside the page's metadata and
    navigation, that ends in a document type: the one repeating the ``标题:``
    field when there is one, else the first naming its subject with ``关于``
    (or 印发/转发).  A site name or menu line above the metadata is never it.

    >>> t = "福建省科学技术厅\\n首页 | 政务公开\\n发文字号:闽科高〔2021〕12号\\n福建省科学技术厅关于某事的通知\\n各设区市科技局:"
    >>> _web_title(_paragraphs(t), 0, "")
    (3, 3)
    """
    compact = re.sub(r"\s+", "", meta_title)
    top = min(len(paras), 40)
    runs = []
    for j in range(first, top):
        text = paras[j].text
        if _is_addressee(text) or _DATE_LINE.match(text):
            break
        if _is_web_noise(text):
            continue
        for k in range(j, min(j + 4, top)):
            line = paras[k].text
            if _is_web_noise(line) or _TERMINAL.search(line) or _DATE_LINE.match(line) or len(line) > 90:
                break
            if _TITLE_END.search(line):
                runs.append((j, k))
                break
    joined = [(j, k, re.sub(r"\s+", "", "".join(p.text for p in paras[j : k + 1]))) for j, k in runs]
    for j, k, text in joined:
        if compact and text == compact:
            return j, k
    for j, k, text in joined:
        if "关于" in paras[j].text or _ISSUED_BY.match(paras[j].text) or _names_only(paras[j].text):
            return j, k
    return None


def _meta_of(text: str) -> dict:
    """Read web-page metadata from one line (``标题: … 发文字号: …``).

    A line may open with a label that is not read (``索引号`` is an index code,
    never the document's number); the known labels after it still count.

    >>> _meta_of("发文机关: 江苏省人民政府 成文日期: 2021年3月1日")
    {'issuer': '江苏省人民政府', 'date': '2021年3月1日'}
    >>> _meta_of("索引号: 11320000/2021-00042 发文文号: 苏政办发〔2021〕7号")
    {'number': '苏政办发〔2021〕7号'}
    >>> _meta_of("请各单位按照文号: 苏政办发〔2021〕7号执行")
    {}
    """
    found = list(_META_LINE.finditer(text))
    if not found or (found[0].start() > 0 and not _ANY_LABEL.match(text)):
        return {}
    meta = {}
    for k, m in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(text)
        value = text[m.end() : end].strip()
        if value:
            meta.setdefault(_META[m["label"]], value)
    return meta


def _web_meta(paras: list[_Para]) -> dict:
    """Metadata lines from the top of a web page (first 25 paragraphs)."""
    meta: dict = {}
    for p in paras[:25]:
        for key, value in _meta_of(p.text).items():
            meta.setdefault(key, value)
    if "number" in meta:
        m = _DOCNUM.search(meta["number"]) or _ORDER_CITE.search(meta["number"])
        if m:
            meta["number"] = normalise_number(m.group(0))
        else:
            del meta["number"]
    return meta


# ---------------------------------------------------------------------------
# Reading one document
# ---------------------------------------------------------------------------


def _signature(paras: list[_Para], lo: int, hi: int) -> tuple[Optional[int], list[str]]:
    """Find the signature date closing the body: ``(date paragraph, issuers)``.

    The first date line in ``[lo, hi)`` that has issuer lines right above it;
    failing that, the first date line at all.  Dates inside sentences
    (effective dates, toll periods) are never standalone date lines.
    """
    first_date = None
    for i in range(lo, hi):
        text = paras[i].text
        if first_date is not None and _ATTACH_HEAD.match(text) and not _ATTACH_LIST.match(text):
            break  # an attachment's own signature never closes the main body
        signed_line = _SIGNED_LINE.match(text)
        if signed_line:
            names = _split_names(signed_line["names"])
            if names and all(_AGENCY_END.search(n) for n in names):
                return i, names
        if not _DATE_LINE.match(text):
            continue
        if first_date is None:
            first_date = i
        names = _names_above(paras, i, lo)
        if names:
            return i, names
    return first_date, []


def _names_above(paras: list[_Para], i: int, lo: int) -> list[str]:
    """Issuer names on the (up to six) name lines above paragraph ``i``."""
    lines = []
    for j in range(i - 1, max(lo - 1, i - 7), -1):
        text = paras[j].text
        if not _is_name_line(text) or _ATTACH_HEAD.match(text) or _TITLE_END.search(text) and "关于" in text:
            break
        lines.insert(0, text)
    names: list[str] = []
    for line in reversed(lines):
        # read upwards from the date: the names right above it sign; a line that
        # is no agency name above them (a table's last cells) ends the signature
        if _PERSON_SIGN.match(line):
            continue
        parts = _split_names(line)
        if parts and all(_AGENCY_END.search(p) for p in parts):
            names[:0] = parts
        elif names or not parts:
            break
    return names


def _attachments(paras: list[_Para], lo: int, hi: int, base: int, listed: list[str]) -> list[tuple[Attachment, int]]:
    """Attachments after the signature: ``附件``/``附件2`` headers up to the next one.

    Returns each :class:`Attachment` (offsets relative to ``base``) with the
    paragraph index where it starts.
    """
    starts = []
    for i in range(lo, hi):
        m = _ATTACH_HEAD.match(paras[i].text)
        if m and not _ATTACH_LIST.match(paras[i].text):
            starts.append((i, m))
    out = []
    for k, (i, m) in enumerate(starts):
        end_para = starts[k + 1][0] if k + 1 < len(starts) else hi
        index = int(m["n"]) if m["n"] else k + 1
        title = m["rest"].strip()
        if not title and i + 1 < end_para:
            title = _attachment_title(paras, i + 1, end_para)
        if index - 1 < len(listed) and (not title or title.startswith(listed[index - 1])):
            title = listed[index - 1]
        end = paras[end_para - 1].end if end_para > i else paras[i].end
        out.append((Attachment(index=index, title=title[:200], start=paras[i].start - base, end=end - base), i))
    return out


def _attachment_title(paras: list[_Para], i: int, hi: int) -> str:
    """The title lines of an attachment, right after its ``附件`` header."""
    parts = []
    for j in range(i, min(i + 3, hi)):
        text = paras[j].text
        if _TERMINAL.search(text) or any(rx.match(text) for _, rx in _MARKERS) or len(text) > 60 or "\t" in text:
            break
        if len(text) <= 2 or _DOCNUM_LINE.match(text):
            break
        parts.append(text)
        if _ATTACH_TITLE_END.search(text):
            if j + 1 < hi and re.fullmatch(r"\([^()]{1,20}\)", paras[j + 1].text):
                parts.append(paras[j + 1].text)  # e.g. (2018—2022年) on its own line
            break
    return "".join(parts)


def _listed_attachments(paras: list[_Para], lo: int, hi: int) -> list[str]:
    """Titles from the ``附件: 1.… 2.…`` list above the signature."""
    for i in range(lo, hi):
        m = _ATTACH_LIST.match(paras[i].text)
        if m:
            items = [m["rest"]] + [p.text for p in paras[i + 1 : hi] if re.match(r"^\d{1,2}[.、]", p.text)]
            return [re.sub(r"^\d{1,2}[.、]\s*", "", item).strip() for item in items]
    return []


def _colophon_start(paras: list[_Para], lo: int, hi: int) -> int:
    """Index where an issue's closing colophon (刊号, 主办单位 …) begins, or ``hi``."""
    for i in range(max(lo, hi - 20), hi):
        if _COLOPHON.match(paras[i].text):
            j = i
            while j - 1 >= lo and len(paras[j - 1].text) <= 40 and (
                re.search(r"期|出版|公报", paras[j - 1].text) and not _TERMINAL.search(paras[j - 1].text)
            ):
                j -= 1
            return j
    return hi


def build_sections(text: str, lo: int, hi: int) -> list[Section]:
    """The section tree of ``text[lo:hi]`` from its heading markers.

    A marker kind seen for the first time nests under the current section;
    a kind already open closes everything below it and starts a sibling.

    >>> t = "一、总体要求\\n(一)发展基础。很好。\\n(二)目标。更好。\\n二、任务\\n"
    >>> tree = build_sections(t, 0, len(t))
    >>> [(s.path, s.heading, [c.heading for c in s.children]) for s in tree]
    [(('一、',), '总体要求', ['发展基础', '目标']), (('二、',), '任务', [])]
    >>> tree[0].children[1].text
    '(二)目标。更好。'
    """
    roots: list[Section] = []
    stack: list[tuple[str, Section]] = []
    for para in _item_paragraphs(_paragraphs(text[lo:hi])):
        kind, marker = ("arabic", para.marker) if para.marker else _marker_of(para.text)
        if not kind:
            continue
        start = lo + para.start
        kinds = [k for k, _ in stack]
        if kind in kinds:
            for _, node in stack[kinds.index(kind) :]:
                _close(node, text, start)
            del stack[kinds.index(kind) :]
        path = tuple(node.path[-1] for _, node in stack) + (marker,)
        written = len(re.match(r"\d+", para.text).group()) if para.marker else len(marker)
        node = Section(path=path, heading=_heading(para.text[written:]), text="", start=start, end=hi)
        (stack[-1][1].children if stack else roots).append(node)
        stack.append((kind, node))
    for _, node in stack:
        _close(node, text, hi)
    return roots


def _item_paragraphs(paras: list[_Para]) -> list[_Para]:
    """Paragraphs cut where a numbered item starts inside them, or starts without its dot.

    PDF text runs measures together (``…(责任单位:X)8推动…``, ``…。4.支持…``); a
    number counts as an item only when it continues the numbering of the items
    before it (``n`` after ``n-1``; ``1.`` with its dot), never when a unit follows
    it (``3年``).  Such a piece gets the canonical marker ``8.``.

    >>> ps = _item_paragraphs(_paragraphs("7.推进A。(责任单位:X)8推动B。(责任单位:Y)\\n9建设C,用时3年。"))
    >>> [(p.text, p.marker) for p in ps]
    [('7.推进A。(责任单位:X)', None), ('8推动B。(责任单位:Y)', '8.'), ('9建设C,用时3年。', '9.')]
    """
    out: list[_Para] = []
    last: Optional[int] = None
    for para in paras:
        kind, marker = _marker_of(para.text)
        cuts: list[tuple[int, Optional[str]]] = [(0, None)]
        if kind == "arabic":
            last = int(re.match(r"\d+", marker).group())
        elif not kind and (m := _DOTLESS_ITEM.match(para.text)) and _continues(m, para.text, last):
            last = int(m["n"])
            cuts = [(0, f"{last}.")]
        for m in _INLINE_ITEM.finditer(para.text):
            if _continues(m, para.text, last) or (m["dot"] and m["n"] == "1" and para.text[m.start() - 1] == "。"):
                last = int(m["n"])
                cuts.append((m.start("n"), None if m["dot"] else f"{last}."))
        for k, (a, mark) in enumerate(cuts):
            b = cuts[k + 1][0] if k + 1 < len(cuts) else len(para.text)
            piece = para.text[a:b].rstrip()
            out.append(_Para(para.start + a, para.start + a + len(piece), piece, mark))
    return out


def _continues(m: re.Match, text: str, last: Optional[int]) -> bool:
    """True when the number matched in ``m`` is the item after ``last`` (not a quantity)."""
    if last is None or int(m["n"]) != last + 1:
        return False
    after = text[m.end():m.end() + 1]
    return bool(m.groupdict().get("dot")) or not _QUANTITY.match(after)


def _marker_of(text: str) -> tuple[Optional[str], str]:
    """The kind and text of the heading marker opening ``text``."""
    for kind, rx in _MARKERS:
        m = rx.match(text)
        if m:
            return kind, m.group(0)
    return None, ""


def _close(node: Section, text: str, end: int) -> None:
    """Set a section's end and text (trailing newlines dropped)."""
    node.end = end
    while node.end > node.start and text[node.end - 1] in "\n ":
        node.end -= 1
    node.text = text[node.start : node.end]


def _heading(rest: str) -> str:
    """The heading after a marker: up to the first full stop or colon.

    >>> _heading("发展基础。“十三五”期间")
    '发展基础'
    >>> _heading(" 为了规范土地征收行为,根据法律,制定本规定。")
    ''
    """
    rest = rest.strip()
    m = re.match(r"^([^。:;!?]{1,40})(?:[。:;!?]|$)", rest)
    if not m:
        return ""
    head = m.group(1)
    if "," in head or len(head) > 30:
        return ""
    return head


def _title_paras(block: list[_Para]) -> list[_Para]:
    """The title lines of a head block: web metadata lines are dropped, and where
    metadata stands between lines, only the lines after it (a site name above a
    page's metadata is page chrome, not part of the title)."""
    noise = [i for i, p in enumerate(block) if _is_web_noise(p.text)]
    after = block[noise[-1] + 1:] if noise else block
    if after:
        return after
    return [p for p in block if not _is_web_noise(p.text)]


def _read_document(source: Source, paras: list[_Para], head: _Head, end_para: int, meta: dict) -> Document:
    """Read one document from ``paras[head.first:end_para]``."""
    warnings: list[str] = []
    first = head.first
    start = paras[first].start if first < len(paras) else len(source.text)
    end = paras[end_para - 1].end if end_para > first else start
    title_paras = _title_paras(paras[head.title_first : head.title_last + 1])
    title = _join_title([p.text for p in title_paras]) or meta.get("title", "")
    title = re.sub(r"\s*\(此件公开发布\)$", "", title)
    if len(title) > MAX_TITLE:
        warnings.append(f"no title line found: the first {MAX_TITLE} characters of a {len(title)}-character line stand for it")
        title = title[:MAX_TITLE]
    number = head.number
    body = head.after
    while body < end_para and _is_web_noise(paras[body].text):
        body += 1
    addressees: list[str] = []
    if body < end_para and _is_addressee(paras[body].text):
        addressees = split_addressees(paras[body].text)
        body += 1
    date_para, issuers = _signature(paras, body, end_para)
    if head.order:
        title = title or _order_title(paras, date_para, end_para)
        issuers = [head.order[:-1]]
    signed = parse_date(paras[date_para].text) if date_para is not None else None
    if signed is None and meta.get("date"):
        signed = parse_date(meta["date"])
    if signed is None and meta.get("published"):
        signed = parse_date(meta["published"])
        warnings.append("no signature date: using the publication date")
    if not issuers:
        issuers = title_issuers(title) or ([meta["issuer"]] if meta.get("issuer") else [])
    after_sig = (date_para + 1) if date_para is not None else end_para
    listed = _listed_attachments(paras, body, end_para)
    found = _attachments(paras, after_sig, end_para, start, listed)
    body_end = paras[found[0][1]].start if found else end
    doc_text = source.text[start:end]
    sections = build_sections(doc_text, paras[body].start - start if body < end_para else len(doc_text),
                              _sections_end(paras, body, date_para, end_para, body_end) - start)
    for att, _ in found:
        node = Section(path=(f"附件{att.index}",), heading=att.title, text="", start=att.start, end=att.end)
        node.children = build_sections(doc_text, _skip_line(doc_text, att.start), att.end)
        _close(node, doc_text, att.end)
        sections.append(node)
    if not number:
        warnings.append("no document number")
    if not title:
        warnings.append("no title")
    if signed is None:
        warnings.append("no signature date")
    if not issuers:
        warnings.append("no issuer")
    return Document(
        key=number or title_key(title or doc_text[:60]),
        title=title,
        text=doc_text,
        number=number,
        doc_type="令" if head.order else doc_type_of(title),
        issuers=issuers,
        date=signed,
        addressees=addressees,
        sections=sections,
        attachments=[att for att, _ in found],
        cites=find_citations(doc_text, own=number),
        source_path=source.path,
        start=start,
        end=end,
        warnings=warnings,
    )


def _join_title(lines: list[str]) -> str:
    """Join a title's lines; a line break between two issuers' names becomes a space.

    Joint documents print their issuers over several lines, the last one glued to
    ``关于``; the break between two names separates them as the spaces within a
    line do.

    >>> _join_title(["江西省财政厅 江西省教育厅", "江西省科学技术厅关于下达", "资金的通知"])
    '江西省财政厅 江西省教育厅 江西省科学技术厅关于下达资金的通知'
    >>> _join_title(["湖南省人民政府办公厅", "关于印发方案的通知"])
    '湖南省人民政府办公厅关于印发方案的通知'
    """
    title = ""
    for line in lines:
        line = line.strip()
        head = re.split(r"关于|印发|转发|批转", line, maxsplit=1)[0]
        if title and _names_only(title) and _names_only(head):
            title += " "
        title += line
    return _space_glued_issuers(title.strip())


#: The region word opening an issuer's name: ``浙江省`` in ``中共浙江省委组织部``.
_ISSUER_REGION = re.compile(r"^(?:中共)?([\u4e00-\u9fff]{2,4}?[省市])")


def _space_glued_issuers(title: str) -> str:
    """Put back the space between two issuers glued where a line break was.

    In the issuers' part of a title (before ``关于``/``印发``), a name ending
    (厅, 局, 委员会 …) followed by the region word that opens the title
    starts the next issuer's name.

    >>> _space_glued_issuers("江西省财政厅 江西省教育厅江西省科学技术厅关于下达资金的通知")
    '江西省财政厅 江西省教育厅 江西省科学技术厅关于下达资金的通知'
    >>> _space_glued_issuers("中共江西省委组织部 江西省人力资源和社会保障厅关于表彰的决定")
    '中共江西省委组织部 江西省人力资源和社会保障厅关于表彰的决定'
    >>> _space_glued_issuers("江西省人民政府办公厅转发江西省财政厅关于资金的通知")
    '江西省人民政府办公厅转发江西省财政厅关于资金的通知'
    """
    region = _ISSUER_REGION.match(title)
    cut = re.search(r"关于|印发|转发|批转", title)
    if not region or not cut:
        return title
    head = title[: cut.start()]
    pieces = re.split(rf"(?=(?:中共)?{re.escape(region[1])})", head)
    out = pieces[0]
    for piece in pieces[1:]:
        if out and not out.endswith(("中共", " ")) and _AGENCY_END.search(out.split(" ")[-1]):
            out += " "
        out += piece
    return out + title[cut.start():]


def _names_only(text: str) -> bool:
    """True when ``text`` holds nothing but agency names separated by spaces.

    >>> _names_only("江西省财政厅 江西省教育厅"), _names_only("加快推进")
    (True, False)
    """
    names = _split_names(text)
    return bool(names) and all(_AGENCY_END.search(n) and len(n) >= 3 for n in names)


def _sections_end(paras: list[_Para], body: int, date_para: Optional[int], hi: int, body_end: int) -> int:
    """Where the section tree ends: before the signature when nothing numbered follows it.

    A plan printed after its cover notice's signature keeps its sections; a body
    whose last section closes the document does not take the signature lines
    (issuer, date, ``(此件公开发布)``) into its passage.
    """
    if date_para is None or date_para < body:
        return body_end
    after = [p for p in paras[date_para + 1:hi] if p.start < body_end]
    if any(_marker_of(p.text)[0] for p in after):
        return body_end
    first = date_para
    while first - 1 > body and date_para - first < 6 and _is_name_line(paras[first - 1].text) \
            and all(_AGENCY_END.search(n) for n in _split_names(paras[first - 1].text)):
        first -= 1
    return min(body_end, paras[first].start)


def _order_title(paras: list[_Para], date_para: Optional[int], hi: int) -> str:
    """The title of the rules an order (令) promulgates: the line after its date."""
    if date_para is None:
        return ""
    for j in range(date_para + 1, min(date_para + 4, hi)):
        if _TITLE_END.search(paras[j].text) and not _TERMINAL.search(paras[j].text):
            return paras[j].text
    return ""


def _skip_line(text: str, pos: int) -> int:
    """Offset of the line after the one holding ``pos``."""
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl + 1


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------


def split_documents(source: Source) -> list[Document]:
    """Split a normalised issue into its documents (table of contents skipped).

    A file without any document number is read as one document copied from
    a web page.  Never raises on damaged text: what cannot be read is left
    empty and named in ``Document.warnings``.
    """
    paras = _join_flat_meta(_split_glued_list_tail(_split_glued_web(_split_glued_toc(_paragraphs(source.text)))))
    if not paras:
        return []
    heads = _heads_from_numbers(paras)
    heads = sorted(heads + _heads_without_numbers(paras, heads), key=lambda h: h.first)
    heads = _drop_hollow_heads(paras, heads)
    meta = _web_meta(paras)
    if not heads:
        heads = [_web_head(paras, meta)]
    docs = []
    for k, head in enumerate(heads):
        end_para = heads[k + 1].first if k + 1 < len(heads) else len(paras)
        if k + 1 == len(heads):
            end_para = _colophon_start(paras, head.after, end_para)
        end_para = _footer_start(paras, head.after, end_para)
        end_para = max(end_para, min(head.after, len(paras)))
        docs.append(_read_document(source, paras, head, end_para, meta if k == 0 else {}))
    return _drop_duplicates(docs)


def _footer_start(paras: list[_Para], lo: int, hi: int) -> int:
    """Index of the first web-page footer line (打印本页, 分享到 …) in ``[lo, hi)``, or ``hi``."""
    for i in range(lo, hi):
        if _FOOTER.match(paras[i].text):
            return i
    return hi


def _drop_hollow_heads(paras: list[_Para], heads: list[_Head]) -> list[_Head]:
    """Drop heads that start no real document: a number line in a table or list.

    A document has an addressee line after its head, a signature date before
    the next head, or a body of some length; a number standing alone in a
    flattened table has none of these.
    """
    kept: list[_Head] = []
    for k, head in enumerate(heads):
        nxt = heads[k + 1].first if k + 1 < len(heads) else len(paras)
        body = paras[head.after : nxt]
        has_title = head.title_last >= head.title_first
        addressed = bool(body) and _is_addressee(body[0].text)
        dated = any(_DATE_LINE.match(p.text) or _SIGNED_LINE.match(p.text) for p in body)
        long_body = sum(len(p.text) for p in body) >= 300
        if (kept or k + 1 < len(heads)) and not (addressed or dated or (has_title and long_body)):
            continue
        kept.append(head)
    return kept


def _drop_duplicates(docs: list[Document]) -> list[Document]:
    """Keep one document per number: the longest (a listing repeats numbers)."""
    best: dict[str, Document] = {}
    for doc in docs:
        if doc.number and (doc.number not in best or len(doc.text) > len(best[doc.number].text)):
            best[doc.number] = doc
    return [d for d in docs if not d.number or best[d.number] is d]
