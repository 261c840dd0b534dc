"""Ingest: read a text file faithfully and normalise it into clean text.

Two entry points::

    read_source(path) -> Source        bytes → str (encoding detected) → normalise
    normalise(raw, path="") -> Source  raw text → clean text + offset map

Normalisation handles what PDF-to-text conversion leaves in gazette issues:

* NFKC: full-width digits, letters and punctuation become half-width
  (``１４`` → ``14``, ``（`` → ``(``, ``，`` → ``,``); ``〔〕`` stay.
* Layout spaces inside Chinese text and around numbers are removed
  (``１４ 号`` → ``14号``, ``浙 江 省`` → ``浙江省``); spaces between Latin
  words stay; an ideographic space between two long names stays as one space.
* Page markers (``—3—``, ``- 3 -``, ``— 12 —``, garbled ``一3一``) and running
  headers (``浙江省人民政府公报 2021 年第 15、16 期``) are dropped.
* Hard line wraps are joined (``省发展改\\n革委`` → ``省发展改革委``), also
  across a dropped page marker, while real paragraph breaks are kept; a table
  flattened to one character per line is joined back into one line.
* ``\\r\\n`` and ``\\r`` become ``\\n``; each paragraph is one line.

Every clean character keeps its ``(line, column)`` in the raw file
(``Source.origin``), so any fact can be traced back to the file.

>>> s = normalise("浙政发〔２０２１〕１４ 号\\r\\n")
>>> s.text
'浙政发〔2021〕14号\\n'
>>> len(s.origin) == len(s.text)
True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from itertools import repeat
from typing import Optional, Sequence

from graph.errors import InputError
from graph.model import Source

# ---------------------------------------------------------------------------
# Reading bytes
# ---------------------------------------------------------------------------

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

#: Control characters that never occur in a text file (tab, newlines and form
#: feed excluded).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def read_source(path) -> Source:
    """Read the file at ``path``, detect its encoding and normalise it.

    Raises :class:`InputError` (one clear reason) for a missing, unreadable,
    empty, binary or undecodable file.  A file cut in the middle of a
    character is decoded up to the cut, with a warning in ``Source.warnings``.
    """
    p = Path(path)
    data = _read_bytes(p, str(path))
    text, encoding, warnings = decode_bytes(data, str(path))
    source = normalise(text, path=str(path))
    source.encoding = encoding
    source.warnings[:0] = warnings
    return source


def _read_bytes(p: Path, name: str) -> bytes:
    """Return the bytes of a regular, readable, non-empty file."""
    if not p.exists():
        raise InputError(name, "no such file")
    if not p.is_file():
        raise InputError(name, "not a regular file")
    try:
        data = p.read_bytes()
    except PermissionError:
        raise InputError(name, "permission denied (file is not readable)") from None
    except OSError as exc:
        raise InputError(name, f"cannot read file ({exc.strerror or exc})") from None
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise InputError(name, "empty file")
    return data


def decode_bytes(data: bytes, name: str = "") -> tuple[str, str, list[str]]:
    """Decode ``data``; return ``(text, encoding, warnings)``.

    Order: byte-order mark, UTF-16 without BOM (recognised by its NUL
    pattern), UTF-8, GBK/GB18030, then charset-normalizer's best guess.

    >>> decode_bytes("浙江".encode("gbk"))[:2]
    ('浙江', 'gbk')
    >>> decode_bytes("\\ufeff浙江".encode("utf-8"))[:2]
    ('浙江', 'utf-8-sig')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _check_text(*_decode_tolerant(data, encoding, name), name)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _check_text(*_decode_tolerant(data, utf16, name), name)
    if b"\x00" in data:
        raise InputError(name, "binary file (contains NUL bytes)")
    for encoding in ("utf-8", "gbk", "gb18030"):
        try:
            return _check_text(*_decode_tolerant(data, encoding, name), name)
        except UnicodeDecodeError:
            continue
    guess = _guess_encoding(data)
    if guess:
        try:
            text = data.decode(guess)
        except (UnicodeDecodeError, LookupError):
            text = ""
        if _plausible(text):
            return _check_text(text, guess, [], name)
    raise InputError(name, "undecodable text (not UTF-8, UTF-16 or GB18030)")


def _decode_tolerant(data: bytes, encoding: str, name: str) -> tuple[str, str, list[str]]:
    """Decode strictly, but accept a file cut in the middle of its last character."""
    try:
        return data.decode(encoding), encoding, []
    except UnicodeDecodeError as exc:
        if len(data) - exc.start > 4 or exc.end < len(data):
            raise
        text = data[: exc.start].decode(encoding)
        cut = len(data) - exc.start
        return text, encoding, [f"{name}: file ends in the middle of a character; {cut} trailing byte(s) dropped"]


def _utf16_without_bom(data: bytes) -> Optional[str]:
    """Return ``utf-16-le``/``utf-16-be`` when NUL bytes sit on one parity.

    ASCII characters (newlines, spaces, digits) of UTF-16 text have a zero
    high byte: at odd offsets for little-endian, even for big-endian.
    """
    sample = data[:65536]
    if len(sample) < 2 or b"\x00" not in sample:
        return None
    odd = sample[1::2].count(0)
    even = sample[0::2].count(0)
    total = odd + even
    if total < 2:
        return None
    # Chinese text puts NULs on the other parity too (U+3000, U+4E00, U+5000 …),
    # so the majority decides and the decoded text must look like text.
    if odd / total >= 0.75:
        candidate = "utf-16-le"
    elif even / total >= 0.75:
        candidate = "utf-16-be"
    else:
        return None
    try:
        text = data[: len(data) // 2 * 2].decode(candidate)
    except UnicodeDecodeError:
        return None
    return candidate if _plausible(text) else None


def _guess_encoding(data: bytes) -> Optional[str]:
    """charset-normalizer's best guess, or ``None``."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - declared dependency
        return None
    best = from_bytes(data[:200000]).best()
    return best.encoding if best else None


_PLAUSIBLE = re.compile(r"[\s!-~\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’—…·]")


def _plausible(text: str) -> bool:
    """True when nearly all characters are Chinese, ASCII or CJK punctuation.

    >>> _plausible("浙江省人民政府"), _plausible("ÿþ€ÿ")
    (True, False)
    """
    sample = text[:20000]
    return bool(sample) and len(_PLAUSIBLE.findall(sample)) >= 0.95 * len(sample)


def _check_text(text: str, encoding: str, warnings: list[str], name: str) -> tuple[str, str, list[str]]:
    """Reject decoded text that is really binary (NULs or control characters)."""
    if "\x00" in text:
        raise InputError(name, "binary file (contains NUL characters)")
    controls = len(_CONTROL.findall(text[:200000]))
    if controls > max(3, len(text[:200000]) // 200):
        raise InputError(name, f"binary file ({controls} control characters)")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise InputError(name, "empty file")
    return text, encoding, warnings


# ---------------------------------------------------------------------------
# One raw line → normalised text with raw columns
# ---------------------------------------------------------------------------

#: Stand-in for the ideographic space U+3000 while NFKC runs (NFKC would
#: turn it into an ordinary space and we want to tell them apart).
_IDEO = "\ufdd0"
_LEAD_TRAIL = " \t\f\v\u3000\xa0\ufeff"
_SPACE_RUN = re.compile("[ \ufdd0]+")
_PUA = re.compile("[\ue000-\uf8ff]")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f“”‘’—…《》〔〕【】〈〉·]")
#: A run of Chinese characters (letter-spaced or not) before / after a gap.
_LEFT_NAME = re.compile(r"(?:[\u3400-\u9fff] ?){2,}[\u3400-\u9fff]$")
_RIGHT_NAME = re.compile(r"^[\u3400-\u9fff](?: ?[\u3400-\u9fff]){2,}")
_AGENCY_LAST = frozenset("府厅室会局委办署部院心")
#: Characters looked at on each side of a gap between two names (a letter-spaced
#: name of 30 characters takes 60).
_NAME_WINDOW = 80
_AGENCY_TAIL = re.compile(r"(?:政府|办公厅|办公室|委员会|厅|局|委|办|署|部|院|会|中心)$")
_AGENCY_HEAD = re.compile(r"^(?!关于)[\u3400-\u9fff]{2,16}?(?:政府|办公厅|办公室|委员会|厅|局|委|办|署|部|院|会|中心)")


def _names_gap(text: str, start: int, end: int) -> bool:
    """True when the gap ``text[start:end]`` separates two agency names.

    >>> t = "浙江省医疗保障局\ufdd0 浙江省卫生健康委员会"
    >>> _names_gap(t, 8, 10)
    True
    >>> _names_gap("印发浙江省 海洋经济发展", 5, 6)
    False
    """
    gap = text[start:end]
    if text[start - 1] not in _AGENCY_LAST:
        return False
    if len(gap) == 1 and gap == " " and _is_letter_spaced(text, start):
        return False
    # Only the characters next to the gap matter (an agency's tail and head):
    # a bounded window keeps a single very long line linear.
    left = _LEFT_NAME.search(text[max(0, start - _NAME_WINDOW) : start])
    right = _RIGHT_NAME.search(text[end : end + _NAME_WINDOW])
    if not (left and right):
        return False
    left_name = left.group(0).replace(" ", "")
    right_name = right.group(0).replace(" ", "")
    return bool(_AGENCY_TAIL.search(left_name) and _AGENCY_HEAD.match(right_name))


def _is_letter_spaced(text: str, start: int) -> bool:
    """True when the single space at ``start`` sits between two single letter-spaced characters."""
    before = text[max(0, start - 2) : start]
    after = text[start + 1 : start + 3]
    return (len(before) < 2 or before[0] in " \ufdd0") or (len(after) < 2 or after[1] in " \ufdd0")


@dataclass
class _Line:
    """One raw line after per-line normalisation."""

    number: int  # 1-based raw line number
    text: str  # normalised text, no leading/trailing space
    cols: Sequence[int]  # 1-based raw column of every character of ``text``
    width: int  # display width of the raw line (wide characters count 2)
    kind: str = "text"  # text | blank | marker | header
    signature: bool = False  # an issuer's name just above a signature date
    row: bool = False  # a row of a name list (name, wide gap, unit): a line of its own


#: A row of a name list: a person's name (perhaps letter-spaced, perhaps with a
#: note such as ``（女）``), a wide gap of two or more spaces, then the rest of the
#: row (a unit, a post) without sentence punctuation: ``方　芳（女）　　浙江工业大学``.
_NAME_ROW = re.compile(
    r"^(?P<name>[\u3400-\u9fff](?:[ \u3000]?[\u3400-\u9fff]){1,3}(?:[(（][\u3400-\u9fff]{1,3}[)）])?)"
    r"[ \u3000]{2,}(?P<rest>[^ \u3000。，,；;：:！!？?][^。，,；;：:！!？?]*)$"
)


def _normalise_line(raw: str, number: int) -> _Line:
    """NFKC one raw line, drop layout spaces and keep each character's column.

    >>> _normalise_line("浙政发〔２０２１〕１４ 号", 3).text
    '浙政发〔2021〕14号'
    >>> _normalise_line(" 浙 江 省 医 疗 保 障 局", 1).cols[:2]
    [2, 4]
    >>> ln = _normalise_line("方　芳（女）　　浙江工业大学", 9); (ln.text, ln.row)
    ('方芳(女) 浙江工业大学', True)
    """
    stripped = raw.strip(_LEAD_TRAIL)
    if not stripped:
        return _Line(number, "", [], 0, "blank")
    first = raw.index(stripped[0]) + 1
    width = len(stripped) + len(stripped) - len(stripped.encode("ascii", "ignore"))
    marked = stripped.replace("\u3000", _IDEO)
    text = unicodedata.normalize("NFKC", marked)
    if len(text) == len(marked):
        cols = range(first, first + len(text))
    else:
        text, cols = _nfkc_by_char(marked, first)
    if _PUA.search(text):
        text = _fix_private_use(text)
    text, cols = _drop_spaces(text, cols)
    if "—" in text or "一" in text:
        text, cols = _cut_inline_marker(text, cols)
    row = _NAME_ROW.match(stripped)
    if row:
        text, cols = _keep_row_gap(text, cols, row, first)
    return _Line(number, text, cols, width, row=row is not None)


def _keep_row_gap(text: str, cols: Sequence[int], row: re.Match, first: int) -> tuple[str, list]:
    """Keep the wide gap after the name of a name-list row as one space.

    >>> m = _NAME_ROW.match("王晓东　　浙江大学")
    >>> _keep_row_gap("王晓东浙江大学", list(range(1, 8)), m, 1)[0]
    '王晓东 浙江大学'
    """
    k = len(unicodedata.normalize("NFKC", re.sub(r"[ \u3000]", "", row.group("name"))))
    if not text[:k] or text[k:k + 1] == " ":
        return text, cols
    cols = list(cols)
    return text[:k] + " " + text[k:], cols[:k] + [first + row.end("name")] + cols[k:]


def _cut_inline_marker(text: str, cols: Sequence[int]) -> tuple[str, Sequence[int]]:
    """Remove a page marker glued to the start or end of a line.

    >>> _cut_inline_marker("—54—括定海工业园区东拓展区块", range(1, 17))[0]
    '括定海工业园区东拓展区块'
    >>> _cut_inline_marker("规划期限为2021—2025年", range(1, 16))[0]
    '规划期限为2021—2025年'
    """
    m = _INLINE_MARKER.search(text)
    if not m:
        return text, cols
    return text[: m.start()] + text[m.end() :], list(cols[: m.start()]) + list(cols[m.end() :])


def _nfkc_by_char(marked: str, first: int) -> tuple[str, list]:
    """NFKC character by character, for lines where NFKC changes the length."""
    pieces, cols = [], []
    for i, ch in enumerate(marked):
        out = unicodedata.normalize("NFKC", ch)
        pieces.append(out)
        cols.extend([first + i] * len(out))
    return "".join(pieces), cols


def _fix_private_use(text: str) -> str:
    """A private-use glyph right after a digit is a lost decimal point or list dot.

    >>> _fix_private_use("23\\ue010 5")
    '23. 5'
    """
    return re.sub(r"(?<=\d)[\ue000-\uf8ff]", ".", text)


def _drop_spaces(text: str, cols: list) -> tuple[str, list]:
    """Remove layout spaces; keep spaces that separate Latin words.

    >>> _drop_spaces("2021 年第 15、16 期", list(range(14)))[0]
    '2021年第15、16期'
    >>> _drop_spaces("GAZETTE OF THE", list(range(14)))[0]
    'GAZETTE OF THE'
    >>> _drop_spaces("浙江省医疗保障局\\ufdd0 浙江省卫生健康委员会", list(range(21)))[0]
    '浙江省医疗保障局 浙江省卫生健康委员会'
    >>> _drop_spaces("23. 5万元", list(range(7)))[0]
    '23.5万元'
    """
    if " " not in text and _IDEO not in text:
        return text, cols
    out, out_cols, pos = [], [], 0
    for m in _SPACE_RUN.finditer(text):
        out.append(text[pos : m.start()])
        out_cols.extend(cols[pos : m.start()])
        keep = _space_kept(text, m.start(), m.end())
        if keep:
            out.append(" ")
            out_cols.append(cols[m.start()])
        pos = m.end()
    out.append(text[pos:])
    out_cols.extend(cols[pos:])
    return "".join(out), out_cols


def _space_kept(text: str, start: int, end: int) -> bool:
    """Decide whether the space run ``text[start:end]`` is a real separator.

    Between Chinese characters a space is layout, except the gap between two
    agency names (``浙江省医疗保障局 浙江省卫生健康委员会``), also when the names
    are letter-spaced (``江 苏 省 财 政 厅    江 苏 省 教 育 厅``).
    """
    left = text[start - 1]
    right = text[end]
    if _CJK.match(left) or _CJK.match(right):
        return _names_gap(text, start, end)
    if _IDEO in text[start:end]:
        return False
    if left == "." and start >= 2 and text[start - 2].isdigit() and right.isdigit():
        return False
    return True


# ---------------------------------------------------------------------------
# Page furniture: page markers and running headers
# ---------------------------------------------------------------------------

_DASH = "-—–－─―一~～·•"
_PAGE_MARKER = re.compile(
    rf"^[{_DASH}]{{1,3}}\s*(?=[0-9OoIl]*\d)[0-9OoIl]{{1,4}}\s*[{_DASH}]{{1,3}}$"
    r"|^第\d{1,4}页(共\d{1,4}页)?$"
)
_ISSUE = r"(?:\d{4}年)?第[\d、,]+期(?:\(总第[\d、,]+期\))?|\d{4}年"
#: Pieces a running header is made of: the gazette's name, the issue, the
#: page number and a section label (·省政府文件·).
_HEADER_PIECES = re.compile(
    rf"[\u4e00-\u9fff]{{2,16}}公报|{_ISSUE}|[{_DASH}]*\d{{1,4}}[{_DASH}]*"
    r"|[·•]?[\u4e00-\u9fff]{2,12}(?:文件|任免|公告|信息|动态)[·•]?|[()]"
)
_ISSUE_LINE = re.compile(rf"^(?:{_ISSUE})$")
#: A page marker glued to the start or end of a content line.
_INLINE_MARKER = re.compile(r"^[—一]\d{1,3}[—一](?=[\u4e00-\u9fff(“])|(?<=[\u4e00-\u9fff。,;:)”])[—一]\d{1,3}[—一]$")


def is_page_marker(text: str) -> bool:
    """True for a normalised line that is only a page number.

    >>> [is_page_marker(t) for t in ("—3—", "- 3 -", "— 12 —", "一3一", "—05—", "3月")]
    [True, True, True, True, True, False]
    """
    return bool(_PAGE_MARKER.match(text.replace(" ", "")))


def _header_candidate(text: str) -> bool:
    """True when ``text`` has the shape of a gazette running header.

    >>> _header_candidate("浙江省人民政府公报2021年第15、16期")
    True
    >>> _header_candidate("浙江省人民政府公报·省政府办公厅文件·")
    True
    >>> _header_candidate("2021年第15期浙江省人民政府公报—12—")
    True
    >>> _header_candidate("浙江省人民政府关于印发规划的通知")
    False
    >>> _header_candidate("浙江省国民经济和社会发展统计公报")
    True
    """
    compact = text.replace(" ", "")
    if len(compact) > 50 or "公报" not in compact:
        return False
    return not _HEADER_PIECES.sub("", compact)


def _mark_furniture(lines: list[_Line]) -> None:
    """Mark page markers and running headers in place (``kind``).

    A header candidate is dropped when it names an issue (``第…期``), repeats
    in the file, or sits next to a page marker; a bare number next to a
    dropped header is a page number too.
    """
    counts: dict[str, int] = {}
    candidates = {}
    for i, ln in enumerate(lines):
        if ln.text and "公报" in ln.text and _header_candidate(ln.text):
            key = re.sub(r"\d+", "#", ln.text.replace(" ", ""))
            candidates[i] = key
            counts[key] = counts.get(key, 0) + 1
    for i, ln in enumerate(lines):
        if not ln.text:
            continue
        if is_page_marker(ln.text):
            ln.kind = "marker"
        elif _ISSUE_LINE.match(ln.text) and "期" in ln.text:
            ln.kind = "header"
        elif i in candidates:
            if "期" in ln.text or counts[candidates[i]] > 1 or ("政府公报" in ln.text and _near_marker(lines, i)):
                ln.kind = "header"
    for i, ln in enumerate(lines):
        if ln.kind == "text" and re.fullmatch(r"\d{1,4}", ln.text) and _header_without_marker(lines, i):
            ln.kind = "marker"


def _neighbours(lines: list[_Line], i: int):
    """The nearest non-blank lines before and after ``i``."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and lines[j].kind == "blank":
            j += step
        if 0 <= j < len(lines):
            yield lines[j]


def _near_marker(lines: list[_Line], i: int) -> bool:
    return any(is_page_marker(n.text) for n in _neighbours(lines, i))


def _near_kind(lines: list[_Line], i: int, kind: str) -> bool:
    return any(n.kind == kind for n in _neighbours(lines, i))


def _header_without_marker(lines: list[_Line], i: int) -> bool:
    """True when line ``i`` sits next to a running header whose page has no page
    marker yet: a bare number there is the page number.  Where a marker already
    stands beside the header (``- 4 -`` / header / ``2``), the number is content,
    e.g. the row number of a table flattened to one cell per line.
    """
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and lines[j].kind == "blank":
            j += step
        if 0 <= j < len(lines) and lines[j].kind == "header":
            if not any(n.kind == "marker" and n is not lines[i] for n in _neighbours(lines, j)):
                return True
    return False


# ---------------------------------------------------------------------------
# Joining hard line wraps
# ---------------------------------------------------------------------------

#: Line endings that close a paragraph.
_TERMINAL = re.compile(r"[。!?;:！？；：]$|[。!?！？]”$")
#: Paragraph or heading markers that open a new paragraph.
_OPENER = re.compile(
    r"^(?:[一二三四五六七八九十百]+、"
    r"|\([一二三四五六七八九十百]+\)"
    r"|\(\d{1,2}\)"
    r"|\d{1,3}[.、](?!\d)|\d{1,2}\.(?=(?:19|20)\d\d年)"
    r"|[①-⑳]"
    r"|第[一二三四五六七八九十百零〇\d]+[章节条款部分篇]"
    r"|附件|附表|附:"
    r"|——|-\s|•|●|■|◆"
    r")"
)
_DOCNUM_LINE = re.compile(r"^[\u4e00-\u9fff]{1,12}[〔\[(【]\s*(?:19|20)\d{2}\s*[〕\])】]\s*第?\s*\d{1,5}\s*号$")
_DATE_LINE = re.compile(r"^(?:\d{4}|[一二三四五六七八九〇○零О]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$")
#: How the last line of a wrapped paragraph ends (or a line continued further).
_CONTINUED_END = re.compile(r"[。!?;:,、)”》%’…！？；：，）]$")
#: Metadata lines of a page copied from a website.
_META = re.compile(r"^(?:(?:来源|发布日期|发布时间|时间|日期|发文日期|成文日期|索引号|发文字号|文号|发布机构|发文机关|标题|分类|主题分类|浏览次数)\s*:|(?:您当前所在的位置|您所在的位置|当前位置|您的位置|所在位置)\s*[:：]|【字体|首页\s*>)")
_TYPE_END = re.compile(r"(?:通知|通报|决定|意见|批复|复函|函|办法|规定|规划|方案|公告|通告|报告|令)(?:\([^()]{1,20}\))?$")
_CLOSING_END = re.compile(r"[)”》’】〕]$")
_LATIN_END = re.compile(r"[A-Za-z]$")
_LATIN_START = re.compile(r"^[A-Za-z]")


_NAME_PUNCT = re.compile(r"[,.;:!?，。、；：“”《》]")
#: The end of a book title opened on the line above: ``要》精神,…``.
_TITLE_TAIL = re.compile(r"^[^《》。;；\n]{0,40}》")


def _mark_signatures(content: list[_Line]) -> None:
    """Mark the issuer lines right above each date line as signature lines.

    A signature never continues the paragraph above it, however long that
    paragraph's last line (e.g. ``附件:…`` running to the margin).
    """
    for i, ln in enumerate(content):
        if not _DATE_LINE.match(ln.text):
            continue
        for j in range(i - 1, max(-1, i - 4), -1):
            name = content[j].text
            if len(name) > 30 or _NAME_PUNCT.search(name) or _OPENER.match(name) or _DATE_LINE.match(name):
                break
            content[j].signature = True


def _is_tiny(ln: _Line) -> bool:
    """A cell of a table flattened to one character (or number) per line."""
    return len(ln.text) <= 2 and not _OPENER.match(ln.text)


def _wrap_width(lines: list[_Line]) -> Optional[int]:
    """The width at which the file's lines were hard-wrapped, or ``None``.

    Wrapped files have most long lines within a narrow band just below the
    page width; files with one paragraph per line have no such band.
    """
    widths = sorted(ln.width for ln in lines if ln.kind == "text" and ln.width >= 20 and "\t" not in ln.text)
    if len(widths) < 8:
        return None
    best_count, best_top = 0, 0
    lo = 0
    for hi, w in enumerate(widths):
        while widths[lo] < w - 12:
            lo += 1
        if hi - lo + 1 > best_count:
            best_count, best_top = hi - lo + 1, w
    if best_count / len(widths) < 0.4 or best_top < 50:
        return None
    return best_top


def _full_width(lines: list[_Line]) -> tuple[int, bool]:
    """Width from which a line counts as running to the right margin, and
    whether the file is hard-wrapped (else it holds one paragraph per line,
    broken only where a page ended)."""
    wrap = _wrap_width(lines)
    if wrap is None:
        return 40, False
    return max(20, int(wrap * 0.85)), True


def _joins(a: _Line, b: _Line, full: int, wrapped: bool = True) -> bool:
    """Should paragraph line ``b`` continue line ``a`` (a hard wrap)?

    >>> A = _Line(1, "认真贯彻落实省发展改", [], 80)
    >>> _joins(A, _Line(3, "革委的部署。", [], 12), 68)
    True
    >>> _joins(_Line(1, "浙江省人民政府关于", [], 18), _Line(2, "2020年度的决定", [], 30), 68)
    False
    >>> _joins(A, _Line(3, "(二)加强保障。", [], 16), 68)
    False
    >>> _joins(_Line(1, "(责任单位:省经信厅、省发展改革委、省科技厅,各市、县〔市、区〕政府)", [], 70),
    ...        _Line(3, "浙江省自然资源厅关于印发", [], 24), 68)
    False
    >>> _joins(_Line(1, "根据《江苏省国民经济和社会发展第十四个五年规划和二○三五年远景目标纲", [], 66),
    ...        _Line(3, "要》精神,编制本规划。", [], 22), 69)
    True
    """
    if "\t" in a.text or "\t" in b.text:
        return False
    if b.row or (a.row and not wrapped):
        # A row of a name list (``王晓东　　浙江大学``) starts a line of its own and
        # is continued only by a cell wrapped in a hard-wrapped file.
        return False
    if _is_tiny(a) and _is_tiny(b):
        return True
    if re.fullmatch(r"\d{1,3}", b.text):
        # a number alone (a table's row number) never ends a wrapped paragraph
        return False
    if _TERMINAL.search(a.text) or _OPENER.match(b.text) or a.signature or b.signature:
        return False
    if _DOCNUM_LINE.match(a.text) or _DOCNUM_LINE.match(b.text) or _DATE_LINE.match(a.text) or _DATE_LINE.match(b.text):
        return False
    if _META.match(a.text) or _META.match(b.text):
        return False
    if not wrapped and (_TYPE_END.search(a.text) or _OPENER.match(a.text) and "。" not in a.text):
        # One paragraph per line: a line ending in a document type is a title,
        # a numbered line without a full stop is a heading.
        return False
    if _CLOSING_END.search(a.text) and b.width < full and not _CONTINUED_END.search(b.text):
        # After a closing bracket, a short line ending without punctuation
        # stands alone (a title or heading), not the tail of this paragraph.
        return False
    if a.text.count("《") > a.text.count("》") and _TITLE_TAIL.match(b.text):
        # a book title never spans two paragraphs: ``根据《…远景目标纲`` + ``要》精神``
        return True
    return a.width >= full


# ---------------------------------------------------------------------------
# normalise
# ---------------------------------------------------------------------------

_NEWLINE = re.compile(r"\r\n|\r|\n")


def normalise(raw: str, path: str = "") -> Source:
    """Turn raw converted text into clean text with an offset map.

    >>> s = normalise("各地要按照职责分工认真贯彻落实省政府的决策部署和省发展改\\n\\n—３—\\n\\n革委的要求。\\n")
    >>> s.text
    '各地要按照职责分工认真贯彻落实省政府的决策部署和省发展改革委的要求。\\n'
    >>> s.locate(s.text.index("革"))
    ('', 5, 1)
    """
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    raws = _NEWLINE.split(raw)
    lines = [_normalise_line(r, i + 1) for i, r in enumerate(raws)]
    _keep_table_rows(lines, raws)
    _mark_furniture(lines)
    content = [ln for ln in lines if ln.kind == "text"]
    _mark_signatures(content)
    full, wrapped = _full_width(lines)
    pieces: list[str] = []
    origin: list[tuple[int, int]] = []
    prev: Optional[_Line] = None
    for ln in content:
        if prev is not None:
            sep = _separator(prev, ln, full, wrapped)
            if sep:
                pieces.append(sep)
                origin.append((prev.number, prev.cols[-1]))
        pieces.append(ln.text)
        origin.extend(zip(repeat(ln.number), ln.cols))
        prev = ln
    if prev is not None:
        pieces.append("\n")
        origin.append((prev.number, prev.cols[-1]))
    return Source(path=path, encoding="str", text="".join(pieces), origin=origin)


#: A table's header written on one line, cells separated by spaces: ``序号 名称 依托单位 所在地``.
_SPACED_HEADER = re.compile(r"^(?:序号|编号)(?:[ \u3000]+[^ \u3000\t]+){2,}$")
_CELL_GAP = re.compile(r"[ \u3000]+")


def _keep_table_rows(lines: list[_Line], raws: list[str]) -> None:
    """Keep the cells of a table written one row a line apart, as a name list's row.

    Below a header line whose cells are separated by spaces (``序号 名称 所在地``),
    each line opening with a row number and holding as many space-separated
    cells as the header keeps one space between its cells and stands alone.

    >>> raws = ["序号 研究院名称 所在市", "1 福建闽达省级海洋装备企业研究院 福州市", "说明。"]
    >>> ls = [_normalise_line(r, i + 1) for i, r in enumerate(raws)]
    >>> _keep_table_rows(ls, raws); [(ln.text, ln.row) for ln in ls[:2]]
    [('序号 研究院名称 所在市', True), ('1 福建闽达省级海洋装备企业研究院 福州市', True)]
    """
    width = 0
    for ln, raw in zip(lines, raws):
        if ln.kind == "blank":
            continue
        stripped = raw.strip(_LEAD_TRAIL)
        cells = _CELL_GAP.split(stripped) if "\t" not in stripped else []
        if _SPACED_HEADER.match(stripped):
            width = len(cells)
        elif not (width and len(cells) == width and cells[0].isdigit() and len(cells[0]) <= 3):
            width = 0
            continue
        _respace(ln, raw)


def _respace(ln: _Line, raw: str) -> None:
    """Normalise each space-separated cell of ``raw`` and join them with one space in ``ln``."""
    texts, cols = [], []
    for m in re.finditer(r"[^ \u3000]+", raw):
        cell = _normalise_line(" " * m.start() + m.group(0), ln.number)
        if texts:
            cols.append(cell.cols[0] - 1)
        texts.append(cell.text)
        cols.extend(cell.cols)
    ln.text, ln.cols, ln.row = " ".join(texts), cols, True


def _separator(a: _Line, b: _Line, full: int, wrapped: bool) -> str:
    """``""`` to join a wrap, ``" "`` between Latin words, ``"\\n"`` between paragraphs."""
    if not _joins(a, b, full, wrapped):
        return "\n"
    if _LATIN_END.search(a.text) and _LATIN_START.match(b.text):
        return " "
    return ""
