"""Responsibility: measures (``gov:Task``) and the units named for them.

A gazette plan names the units responsible for each measure in a note after
it, in a few shapes this module reads (configured in
``ontology/patterns/responsibility.yaml``):

- ``(责任单位:省商务厅、省经信厅,各市、县〔市、区〕政府)`` — a unit list; with the
  scope rule ``列第一位的为牵头单位,下同`` the first unit leads, here and in every
  later list of the document;
- ``(省发展改革委、省商务厅组织实施)``, ``(省司法厅负责)``, ``(省大数据局牵头)`` —
  a note closing with a verb; ``牵头`` makes every unit named a lead;
- ``牵头单位:X`` lines, ``由X牵头…``, ``X会同Y…`` in running text;
- tables whose header has a ``牵头单位`` / ``责任单位`` column.

Each note belongs to the deepest section that contains it; that section is the
Task (IRI from the document key and the section path, so it is stable).  Every
unit named becomes ``unit gov:responsibleFor task``; lead units also get
``gov:leads``.  Generic tails (``各市、县〔市、区〕政府``, ``省级有关部门``) name no
body and are dropped; a bracketed note (``省科技厅〔省知识产权局〕``) names a
second body.

>>> [(u.name, u.lead) for u in split_units("省科技厅〔省知识产权局〕、省财政厅,各市、县〔市、区〕政府")]
[('省科技厅', False), ('省知识产权局', False), ('省财政厅', False)]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Iterable, Optional


from graph.extract.entities import line_end, line_start
from graph.nlp.common import matching_open
from graph.patterns import load_patterns as _pattern_file
from graph.model import Document, Fact, Section
from graph.vocab import mint

PATTERNS_FILE = Path(__file__).resolve().parents[2] / "ontology" / "patterns" / "responsibility.yaml"

OPEN = "(（〔[【"
CLOSE = ")）〕]】"
#: Separators between units of a list (only at bracket depth 0).
SEPARATORS = "、,，;；"


@dataclass(frozen=True)
class Unit:
    """One unit named in a note: its name, offsets in the text, and whether it leads."""

    name: str
    start: int
    end: int
    lead: bool = False


@dataclass
class Assignment:
    """One responsibility note: where it is, the units it names, how it reads.

    ``kind`` is ``list`` (责任单位:…), ``verb`` (…组织实施), ``prose`` (由X牵头,
    X会同Y, 牵头单位:X in running text) or ``table``; ``lead_rule`` says the note
    itself carries ``列第一位的为牵头单位``; ``task_key`` overrides the section
    path for table rows.
    """

    start: int
    end: int
    units: list[Unit]
    kind: str
    lead_all: bool = False
    lead_rule: bool = False
    task_key: Optional[str] = None
    task_label: Optional[str] = None
    task_text: Optional[str] = None
    body: Optional[tuple[int, int]] = None


@dataclass(frozen=True)
class Patterns:
    """The compiled contents of ``responsibility.yaml``."""

    list_labels: dict[str, str]
    verb_notes: dict[str, bool]
    table_columns: dict[str, str]
    lead_rule: re.Pattern
    lead_rule_scope: re.Pattern
    generic: tuple[re.Pattern, ...]
    trailing: tuple[str, ...]
    joiners: re.Pattern
    unit_shape: re.Pattern
    item_roles: dict[str, str] = field(default_factory=dict)
    role_notes: dict[str, str] = field(default_factory=dict)
    support_verbs: frozenset = frozenset()
    local_body_shape: Optional[re.Pattern] = None
    list_opener: re.Pattern = field(repr=False, default=None)
    verb_closer: re.Pattern = field(repr=False, default=None)


@lru_cache(maxsize=1)
def load_patterns(path: str = str(PATTERNS_FILE)) -> Patterns:
    """Read and compile the responsibility patterns (cached)."""
    data = _pattern_file(Path(path).stem, str(Path(path).parent))
    labels = dict(data["list_labels"])
    verbs = {k: bool(v.get("lead")) for k, v in data["verb_notes"].items()}
    rule, scope = data["lead_rule"], data["lead_rule_scope"]
    label_alt = "|".join(sorted(map(re.escape, labels), key=len, reverse=True))
    verb_alt = "|".join(sorted(map(re.escape, verbs), key=len, reverse=True))
    return Patterns(
        list_labels=labels,
        verb_notes=verbs,
        table_columns=dict(data.get("table_columns", {})),
        lead_rule=re.compile(rule),
        lead_rule_scope=re.compile(scope),
        generic=tuple(re.compile(p) for p in data["generic"]),
        trailing=tuple(sorted(data["trailing"], key=len, reverse=True)),
        joiners=re.compile(data["joiners"]),
        unit_shape=re.compile(data["unit_shape"]),
        item_roles=dict(data.get("item_roles", {})),
        role_notes=dict(data.get("role_notes", {})),
        support_verbs=frozenset(k for k, v in data["verb_notes"].items() if v.get("support")),
        local_body_shape=re.compile(data["local_body_shape"]) if data.get("local_body_shape") else None,
        list_opener=re.compile(rf"(?:{label_alt})\s*[:：]"),
        # "…负责)" or "…负责,列第一位的为牵头单位,下同)": the note may carry the lead rule
        verb_closer=re.compile(rf"(?P<verb>{verb_alt})\s*(?P<rule>[,，]\s*(?:{rule})(?:[,，]?\s*(?:{scope}))?)?\s*[)）]"),
    )


# ---------------------------------------------------------------------------
# Unit lists
# ---------------------------------------------------------------------------


def split_top(text: str, seps: str = SEPARATORS) -> list[tuple[int, int]]:
    """Split ``text`` at separators outside brackets; return ``(start, end)`` pieces.

    >>> s = "各市、县〔市、区〕政府,省财政厅"
    >>> [s[a:b] for a, b in split_top(s)]
    ['各市', '县〔市、区〕政府', '省财政厅']
    """
    pieces, depth, begin = [], 0, 0
    for i, ch in enumerate(text):
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        elif ch in seps and depth == 0:
            pieces.append((begin, i))
            begin = i + 1
    pieces.append((begin, len(text)))
    return pieces


_REGION_TAIL = re.compile(r"^(?:各)?(?:市|县|区|设区市)[〔(（]?[市县区、]*[〕)）]?(?:人民)?政府")


def _merge_region_tails(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join ``各市`` + ``县〔市、区〕政府`` back into one generic item.

    >>> s = "有关市、县〔市、区〕政府"
    >>> [s[a:b] for a, b in _merge_region_tails(s, split_top(s))]
    ['有关市、县〔市、区〕政府']
    """
    merged: list[tuple[int, int]] = []
    for a, b in pieces:
        piece = text[a:b].strip()
        if merged and _REGION_TAIL.match(piece) and re.match(r"\s*(?:各|有关|相关)", text[merged[-1][0]:merged[-1][1]]):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


_GOV_TAIL = re.compile(r"(?<=[市县区])(?:人民政府|政府)$")
_BARE_REGION = re.compile(r"^[\u4e00-\u9fff]{1,8}?[市县区]$")
#: A place name written without its level (``深圳、广州市人民政府``).
_BARE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,3}$")


def _distribute_government(body: str, pieces: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """``湖州市、嘉兴市、台州市政府`` names three governments: give each bare region
    before a ``…市政府`` item the same ending.  The returned body has the endings
    inserted, so offsets of later units are shifted by their length.

    >>> b, p = _distribute_government("杭州海关,湖州市、嘉兴市政府", split_top("杭州海关,湖州市、嘉兴市政府"))
    >>> [b[x:y] for x, y in p]
    ['杭州海关', '湖州市政府', '嘉兴市政府']
    >>> b, p = _distribute_government("省科技厅,深圳、广州市人民政府", split_top("省科技厅,深圳、广州市人民政府"))
    >>> [b[x:y] for x, y in p]
    ['省科技厅', '深圳市人民政府', '广州市人民政府']
    """
    items = [body[a:b].strip() for a, b in pieces]
    tails: list[Optional[str]] = [None] * len(items)
    tail = level = None
    for k in range(len(items) - 1, -1, -1):
        m = _GOV_TAIL.search(_strip_trailing(items[k], load_patterns()))  # "…市人民政府按职责分工"
        joined = body[pieces[k][1]:pieces[k][1] + 1] == "、"
        if m:
            tail, level = m.group(), m.string[m.start() - 1]
        elif tail and joined and _BARE_REGION.match(items[k]):
            tails[k] = tail
        elif tail and joined and _BARE_NAME.match(items[k]) and not looks_like_unit(items[k]) \
                and not is_generic(items[k]):
            tails[k] = level + tail
        else:
            tail = None
    if not any(tails):
        return body, pieces
    # rebuild the body with the endings inserted, keeping a map to the original offsets
    out, new_pieces, shift = [], [], 0
    last = 0
    for (a, b), t in zip(pieces, tails):
        out.append(body[last:b])
        new_a = a + shift
        if t:
            out.append(t)
            shift += len(t)
        new_pieces.append((new_a, b + shift))
        last = b
    out.append(body[last:])
    return "".join(out), new_pieces


def is_generic(name: str, patterns: Optional[Patterns] = None) -> bool:
    """True when a list item names no particular body.

    >>> is_generic("各市、县〔市、区〕政府"), is_generic("省级有关部门"), is_generic("省财政厅")
    (True, True, False)
    """
    patterns = patterns or load_patterns()
    return any(p.search(name) for p in patterns.generic)


def _strip_trailing(name: str, patterns: Patterns) -> str:
    changed = True
    while changed:
        changed = False
        for tail in patterns.trailing:
            if name.endswith(tail) and len(name) > len(tail) + 1:
                name = name[: -len(tail)].rstrip()
                changed = True
    return name


_CLEAN = re.compile(r"^[\s:：、,，;；。]+|[\s:：、,，;；。]+$")


def looks_like_unit(name: str, patterns: Optional[Patterns] = None) -> bool:
    """A cheap shape test: a unit name is short and ends like an organisation.

    >>> looks_like_unit("省发展改革委"), looks_like_unit("省科协"), looks_like_unit("加强对企业的分类指导")
    (True, True, False)
    """
    patterns = patterns or load_patterns()
    return 2 <= len(name) <= 30 and "。" not in name and bool(patterns.unit_shape.search(name))


def split_units(body: str, offset: int = 0, patterns: Optional[Patterns] = None, lead_first: bool = False,
                lead_all: bool = False) -> list[Unit]:
    """The bodies a unit list names, with offsets (``offset`` is the list's start).

    Generic items are dropped; ``X〔Y〕`` yields X and Y (a second body); joiners
    such as 会同 split too.  ``lead_first`` marks the first item (both parts of
    a bracketed pair) as lead; ``lead_all`` marks every unit.

    >>> [(u.name, u.lead) for u in split_units("省委宣传部〔省文明办〕、省教育厅", lead_first=True)]
    [('省委宣传部', True), ('省文明办', True), ('省教育厅', False)]
    >>> [u.name for u in split_units("省政府办公厅会同有关单位")]
    ['省政府办公厅']
    >>> [(u.name, u.lead) for u in split_units("省科技厅牵头,省财政厅、省教育厅配合")]
    [('省科技厅', True), ('省财政厅', False), ('省教育厅', False)]
    """
    patterns = patterns or load_patterns()
    units: list[Unit] = []
    pieces = _merge_region_tails(body, split_top(body))
    body, pieces = _distribute_government(body, pieces)
    first = True
    for a, b in pieces:
        item_units: list[Unit] = []
        raw = body[a:b]
        # "X(牵头)": a bracketed role is no joiner; the role is read by _item_role below
        bare, bracket_role = _role_note(raw.rstrip(), patterns)
        # "X会同Y" or "X牵头、Y配合" inside one item
        subs, pos = [], 0
        for m in patterns.joiners.finditer(bare if bracket_role else raw):
            subs.append((pos, m.start()))
            pos = m.end()
        subs.append((pos, len(bare) if bracket_role else len(raw)))
        for sa, sb in subs:
            for name, s, e in _item_bodies(raw[sa:sb], a + sa, patterns):
                item_units.append(Unit(name, offset + s, offset + e))
        if not raw.strip():
            continue
        role = _item_role(raw, patterns)
        is_lead = role == "lead" or (role is None and (lead_all or (lead_first and first)))
        if item_units:
            if is_lead and not lead_all and len(subs) > 1:
                # "X会同Y" in first position: only X leads
                item_units = [Unit(u.name, u.start, u.end, u is item_units[0]) for u in item_units]
            else:
                item_units = [Unit(u.name, u.start, u.end, is_lead) for u in item_units]
            units.extend(item_units)
        first = False
    return units


def _item_role(item: str, patterns: Patterns) -> Optional[str]:
    """The role an item gives itself by its last word: ``lead`` (牵头), ``support`` (配合), or None.

    >>> _item_role("省科技厅牵头", load_patterns()), _item_role("省财政厅", load_patterns())
    ('lead', None)
    """
    core, role = _role_note(_CLEAN.sub("", item), patterns)
    if role:
        return role
    for word in sorted(patterns.item_roles, key=len, reverse=True):
        if core.endswith(word) and len(core) > len(word) + 1:
            return patterns.item_roles[word]
    return None


_ROLE_NOTE = re.compile(r"[〔(（\[]\s*(?P<word>[\u4e00-\u9fff]{2,4})\s*[〕)）\]]$")


def _role_note(core: str, patterns: Patterns) -> tuple[str, Optional[str]]:
    """Split a bracketed role off a unit: ``市经信局(牵头)`` → ``("市经信局", "lead")``.

    >>> _role_note("市经信局(牵头)", load_patterns()), _role_note("省科技厅(省知识产权局)", load_patterns())
    (('市经信局', 'lead'), ('省科技厅(省知识产权局)', None))
    """
    m = _ROLE_NOTE.search(core)
    if m and m.group("word") in patterns.role_notes and m.start() >= 2:
        return core[: m.start()].rstrip(), patterns.role_notes[m.group("word")]
    return core, None


_BRACKET_NOTE = re.compile(r"^(?P<main>[^〔(（\[]+)[〔(（\[](?P<note>[^〕)）\]]+)[〕)）\]]$")


def _item_bodies(item: str, base: int, patterns: Patterns) -> Iterable[tuple[str, int, int]]:
    """Bodies named by one list item: itself, or X and Y for ``X〔Y〕``."""
    lead_ws = len(item) - len(item.lstrip())
    core = _CLEAN.sub("", item)
    start = base + item.find(core) if core else base + lead_ws
    core = _role_note(core, patterns)[0]
    core = _strip_trailing(core, patterns)
    core = _CLEAN.sub("", core)
    if "\n" in core:
        core, start = _across_lines(core, start, patterns)
    if not core or is_generic(core, patterns):
        return
    m = _BRACKET_NOTE.match(core)
    if m and looks_like_unit(m.group("note").strip(), patterns):
        main, note = m.group("main").strip(), m.group("note").strip()
        if looks_like_unit(main, patterns) and not is_generic(main, patterns):
            yield main, start, start + len(main)
        if not is_generic(note, patterns):
            ns = start + m.start("note")
            yield note, ns, ns + len(note)
        return
    if looks_like_unit(core, patterns):
        yield core, start, start + len(core)


def _across_lines(core: str, start: int, patterns: Patterns) -> tuple[str, int]:
    r"""An item running over several lines: a name wrapped at a line end, or a
    unit after page furniture (a running header) left between two lines of a list.

    >>> p = load_patterns()
    >>> _across_lines("省人力\n社保厅", 0, p)
    ('省人力社保厅', 0)
    >>> _across_lines("福建省人民政府办公厅关于推进物流发展的实施意见\n泉州市政府", 10, p)
    ('泉州市政府', 34)
    """
    head, last = core.rsplit("\n", 1)
    last = last.strip()
    if last and looks_like_unit(last, patterns) and _PAGE_FURNITURE.search(head):
        return last, start + core.rindex(last)
    joined = re.sub(r"\s+", "", core)
    if looks_like_unit(joined, patterns):
        return joined, start
    return core, start


def is_unit_list(body: str, patterns: Optional[Patterns] = None) -> bool:
    """True when every item of ``body`` is a unit or a generic group (not a phrase).

    >>> is_unit_list("省政府办公厅会同有关单位"), is_unit_list("加强企业分类指导")
    (True, False)
    """
    patterns = patterns or load_patterns()
    body, pieces = _distribute_government(body, _merge_region_tails(body, split_top(body)))
    for a, b in pieces:
        for part in patterns.joiners.split(body[a:b]):
            core = _CLEAN.sub("", _strip_trailing(_CLEAN.sub("", part), patterns))
            if not core:
                continue
            if is_generic(core, patterns):
                continue
            if not list(_item_bodies(part, 0, patterns)):
                return False
    return True


# ---------------------------------------------------------------------------
# Finding notes in a text
# ---------------------------------------------------------------------------


def _matching_close(text: str, open_at: int, limit: int = 400) -> int:
    """Index of the bracket closing the one at ``open_at`` (or -1)."""
    depth = 0
    for i in range(open_at, min(len(text), open_at + limit)):
        ch = text[i]
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth -= 1
            if depth == 0:
                return i
    return -1


def _matching_open(text: str, close_at: int, limit: int = 200) -> int:
    """Index of the bracket opening the one closed at ``close_at`` within ``limit``
    characters (or -1)."""
    return matching_open(text, close_at, close_at - limit + 1, opens=OPEN, closes=CLOSE)


#: A field label inside a note or line: ``;所在地:``, ``;共建单位:``.
_FIELD_LABEL = re.compile(r"[;；,，]\s*[\u4e00-\u9fff]{2,6}\s*[:：]")


def _list_notes(text: str, patterns: Patterns) -> Iterable[Assignment]:
    """``(责任单位:…)`` notes and ``牵头单位:…`` lines."""
    #: labels found after the first one inside a bracketed note, with the note's close:
    #: "(牵头单位:X;配合单位:\nY、Z)" — the second list runs to the bracket, across lines
    inner_close: dict[int, int] = {}
    for m in patterns.list_opener.finditer(text):
        label = m.group(0).rstrip(":： ")
        label = re.sub(r"\s", "", label)
        before = text[max(0, m.start() - 1):m.start()]
        if before and before in "(（":
            close = _matching_close(text, m.start() - 1)
            if close < 0:
                continue
            start, body_end, end = m.start() - 1, close, close + 1
            for inner in patterns.list_opener.finditer(text, m.end(), close):
                inner_close[inner.start()] = close
        elif m.start() in inner_close:
            start, body_end = m.start(), inner_close[m.start()]
            end = body_end
        else:
            # an unbracketed list runs to the end of its line or sentence
            stop = re.compile(r"[\n。)）]").search(text, m.end())
            body_end = stop.start() if stop else len(text)
            start, end = m.start(), body_end
        body = text[m.end():body_end]
        second = patterns.list_opener.search(body) or _FIELD_LABEL.search(body)
        if second:
            # "(牵头单位:X;配合单位:Y)": the next label starts a list of its own;
            # "牵头单位:X;共建单位:Y;所在地:Z": any other label ends the list
            body = body[: second.start()].rstrip(";；,，、 ")
        rule = patterns.lead_rule.search(body)
        if rule:
            # the rule is a sentence of its own after the list: "…。列第一位的为牵头单位,下同"
            cut = body.rfind("。", 0, rule.start())
            body = body[:cut] if cut >= 0 else body[: rule.start()]
        lead_all = patterns.list_labels.get(label) == "lead"
        units = split_units(body, m.end(), patterns, lead_all=lead_all)
        yield Assignment(start, end, units, "list", lead_all=lead_all, lead_rule=bool(rule),
                         body=(m.end(), m.end() + len(body)))


def _verb_notes(text: str, patterns: Patterns) -> Iterable[Assignment]:
    """``(X、Y组织实施)`` / ``(X负责)`` / ``(X牵头)`` notes."""
    for m in patterns.verb_closer.finditer(text):
        close = m.end() - 1
        open_at = _matching_open(text, close)
        if open_at < 0:
            continue
        inner = text[open_at + 1:m.start()]
        if not inner.strip() or patterns.list_opener.search(inner) or re.search(r"[。:：]", inner):
            continue
        # "(由X会同Y组织实施)", "(由X负责组织实施)": the 由 introduces the units
        lead_by = re.match(r"\s*由", inner)
        begin = open_at + 1 + (lead_by.end() if lead_by else 0)
        inner = text[begin:m.start()]
        verb = m.group("verb")
        lead_all = patterns.verb_notes.get(verb, False)
        if not is_unit_list(inner, patterns):
            continue
        units = split_units(inner, begin, patterns, lead_all=lead_all)
        # a 负责 / 组织实施 note is a unit list a lead rule applies to; a 配合 note is not
        body = None if verb in patterns.support_verbs else (begin, m.start())
        yield Assignment(open_at, close + 1, units, "verb", lead_all=lead_all,
                         lead_rule=bool(m.group("rule")), body=body)


def _words() -> dict:
    """The word lists of ``responsibility.yaml`` for statements in running text.

    >>> _words()["support_endings"]
    ['配合', '参与', '协助']
    """
    return _pattern_file("responsibility")


def _alternatives(key: str) -> str:
    """The words of list ``key`` of ``responsibility.yaml`` as a regex alternation, in order.

    >>> _alternatives("lead_not_before")
    '建设|组建|创建|筹建|成立'
    """
    return "|".join(re.escape(word) for word in _words()[key])


#: Lines a page break leaves inside a list: a running header (the document's title or the
#: gazette's name) or a page number.
_PAGE_FURNITURE = re.compile("|".join(_words()["page_furniture"]), re.M)


#: Verbs setting up a mechanism a unit leads (``建立X牵头的…机制``), each a lookbehind.
_MECHANISM = "|".join(f"(?<={re.escape(w)})" for w in _words()["mechanism_verbs"])
#: Verbs a 会同 clause runs up to: ``X会同Y、Z加强…``.
_DUTY_VERBS = _alternatives("duty_verbs")
#: Where a prose statement may start: a sentence or clause start, or right after a heading marker.
_CLAUSE_START = r"(?:^|[。;；,，\n]|(?<=[一二三四五六七八九十]、)|(?<=\d[.、])|(?<=[)）]))"

_PROSE = (
    # 由X牵头 (X leads), optionally followed by the units that join it:
    # 由X牵头,Y、Z配合 / 由X、Y牵头,Z配合 (every unit before 牵头 leads) / 由X牵头,会同Y、Z制定… /
    # 建立X牵头、Y参与的工作机制
    re.compile(rf"(?:由|{_MECHANISM})(?P<u>[^,，。;；、由]{{2,30}}?(?:、[^,，。;；、由]{{2,30}}?)*?)牵头(?!{_alternatives('lead_not_before')})"
               rf"(?:[,，、]?会同(?P<w>[^,，。;；\n]{{2,60}}?)(?=[,，。;；]|{_DUTY_VERBS})"
               r"|[,，、]?(?P<v>[^,，。;；\n]{2,60}?(?:[,，、][^,，。;；\n]{2,30}?)*?)"
               rf"(?:{_alternatives('support_endings')})(?=[,，。;；\n]|$))?"),
    # (由)X会同Y… and X、Y要会同Z、W… (also after a topic: 四至范围由X会同Y审核): all are responsible
    re.compile(rf"(?:{_CLAUSE_START}由?|由)(?![一二三四五六七八九十百]+、|\d|[(（])(?P<u>[^,，。;；\n由]{{2,40}}?)(?:要|应当|应|将)?(?:负责)?会同"
               rf"(?P<v>[^,，。;；\n]{{2,60}}?)(?=[,，。;；]|{_DUTY_VERBS})"),
)
#: A word every match of the :data:`_PROSE` pattern at the same place holds (a text
#: without it is not searched).
_PROSE_NEEDS = ("牵头", "会同")


#: A sentence that is only a unit list closed by 负责: ``…。省交通运输厅、省能源局负责。``
_PROSE_DUTY = re.compile(r"(?:^|(?<=[。;；\n]))\s*(?!由)(?P<v>[^。;；\n:：()（）]{2,80}?)(?:按职责分工|分别)?负责(?=[。;；\n]|$)")
#: ``(分别)由X、Y负责``: the units after 由 are responsible (a shared ending such as
#: ``长汀县、永安市人民政府`` names each government); the duty may be named after 负责
#: (``由X市人民政府负责建设管理``, ``由X负责组织实施``), with its object (``由X负责园区的建设和管理``).
_PROSE_BY = re.compile(r"由(?P<v>[^。;；\n:：()（）由]{2,80}?)(?:按职责分工|分别|共同)?负责"
                       r"(?:(?:[\u4e00-\u9fff]{1,10}的)?(?:" + _alternatives("duty_after") + r"))?(?=[。;；,，\n]|$)")

#: Where a unit opening a duty statement may stand: a clause start, a colon or a heading marker.
_DUTY_START = r"(?:^|(?<=[。;；,，\n" + "".join(map(re.escape, _words()["duty_openers"])) + r"])" \
              r"|(?<=[一二三四五六七八九十]、)|(?<=\d[.、])|(?<=[)）]))"
#: The units opening a clause in running text (``省建设厅…``), then a modal (``要``).
_SUBJECT = rf"{_DUTY_START}\s*(?!由|[一二三四五六七八九十百]+、|\d|[(（])(?P<u>[^,，。;；\n:：()（）由]{{2,40}}?)"
_MODAL = rf"(?:{_alternatives('duty_modals')})"

_PROSE_SUBJECT = (
    # 省建设厅负责指导各地…; 省发展改革委和省经信厅负责日常协调工作: the units are responsible
    # (and lead when the duty is 牵头…); 负责人 / 负责的 are no duty
    re.compile(rf"{_SUBJECT}{_MODAL}?(?:按职责分工|分别|共同)?负责(?!{_alternatives('not_a_duty_after')})"
               rf"(?P<d>[^。;；\n,，]{{2,}})"),
    # 省发展改革委要发挥联席会议办公室牵头协调作用 / X要履行牵头职责: the units lead
    re.compile(rf"{_SUBJECT}{_MODAL}?(?:充分|积极|切实|认真)?(?:{_alternatives('lead_role_verbs')})"
               rf"[^。;；\n,，]{{0,40}}?牵头[\u4e00-\u9fff]{{0,6}}?(?:{_alternatives('lead_role_heads')})"),
    # 省科技厅要制定绩效评价办法,会同有关部门开展年度评估: the subject of a clause carries to
    # the 会同 clause after it (X会同Y in one clause is read by _PROSE)
    re.compile(rf"{_SUBJECT}{_MODAL}(?!会同)[^,，。;；\n:：]{{2,60}}?[,，]会同"
               rf"(?P<v>[^,，。;；\n]{{2,60}}?)(?=[,，。;；]|{_DUTY_VERBS})"),
)
#: A word every match of the :data:`_PROSE_SUBJECT` pattern at the same place holds.
_PROSE_SUBJECT_NEEDS = ("负责", "牵头", "会同")


#: A preposition opening the object of a duty (``对``, ``就``, ``在``, ``按照``…).
_CLAUSE_PREPOSITION = re.compile(_alternatives("clause_prepositions"))


def _before_preposition(body: str, patterns: Patterns, resolver) -> str:
    """A 会同 list cut before the preposition that follows its last unit: the duty's
    object is no part of that unit (``X会同Y、Z对…进行指导``, ``…、Z就…加强协调``).

    >>> r = _ResolverStub({"省发展改革委", "省财政厅"})
    >>> _before_preposition("省发展改革委、省财政厅对实验室建设运行进行", load_patterns(), r)
    '省发展改革委、省财政厅'
    >>> _before_preposition("省发展改革委、省财政厅", load_patterns(), r)
    '省发展改革委、省财政厅'
    """
    for m in _CLAUSE_PREPOSITION.finditer(body):
        head = body[:m.start()]
        last = re.split(r"[、,，]", head)[-1].strip()
        if looks_like_unit(last, patterns) and _known(last, resolver, patterns):
            return head
    return body


def _prose_notes(text: str, patterns: Patterns, resolver) -> Iterable[Assignment]:
    """``由X牵头(,Y配合)``, ``X会同Y``, ``由X、Y负责`` and ``X、Y负责。`` in running text (only
    units the resolver knows or that have the shape of a local body)."""
    for pattern, needed in zip(_PROSE, _PROSE_NEEDS):
        if needed not in text:
            continue
        for m in pattern.finditer(text):
            if pattern is _PROSE[1] and _reports_done(text, m):
                continue
            names = [(g, g == "u") for g in ("u", "v", "w") if g in pattern.groupindex]
            units: list[Unit] = []
            for group, lead in names:
                found = m.group(group)
                if found is not None and group != "u":
                    found = _before_preposition(found, patterns, resolver)
                if found is None or ((group != "u" or "、" in found) and not is_unit_list(found, patterns)):
                    continue
                for u in split_units(found, m.start(group), patterns, lead_all=lead):
                    if _known(u.name, resolver, patterns):
                        units.append(Unit(u.name, u.start, u.end, lead and pattern is _PROSE[0]))
            if units and _written_at(text, units[0]):
                yield Assignment(m.start("u"), m.end(), units, "prose")
    for rx in (_PROSE_DUTY, _PROSE_BY) if "负责" in text else ():
        for m in rx.finditer(text):
            body = m.group("v")
            if patterns.joiners.search(body) or body.endswith("牵头") or not is_unit_list(body, patterns):
                continue
            units = [u for u in split_units(body, m.start("v"), patterns) if _known(u.name, resolver, patterns)]
            if units and _written_at(text, units[0]):
                yield Assignment(m.start("v"), m.end(), units, "prose")
    yield from _subject_notes(text, patterns, resolver)


def _subject_notes(text: str, patterns: Patterns, resolver) -> Iterable[Assignment]:
    """Known units opening a clause of running text with a duty (:data:`_PROSE_SUBJECT`):
    ``省建设厅负责指导…`` (responsible; ``负责牵头…`` leads), ``X要发挥…牵头协调作用``
    (leads) and ``X要…,会同Y…`` (both responsible).  Every unit before the verb must be
    a body the resolver knows: ``各县(市、区)政府负责…`` or ``企业负责…`` names none."""
    lead_duties = tuple(_words()["lead_duties"])
    for k, pattern in enumerate(_PROSE_SUBJECT):
        if _PROSE_SUBJECT_NEEDS[k] not in text:
            continue
        for m in pattern.finditer(text):
            lead = k == 1 or (k == 0 and m.group("d").startswith(lead_duties))
            units = _subject_units(m.group("u"), m.start("u"), patterns, resolver, lead)
            if not units:
                continue
            joined = _before_preposition(m.group("v"), patterns, resolver) if k == 2 else ""
            if k == 2 and is_unit_list(joined, patterns):
                units += [u for u in split_units(joined, m.start("v"), patterns)
                          if _known(u.name, resolver, patterns)]
            yield Assignment(m.start("u"), m.end(), units, "prose")


def _subject_units(body: str, offset: int, patterns: Patterns, resolver, lead: bool) -> list[Unit]:
    """The known units of a clause's subject (none when it is no unit list).

    Two bodies joined by 和/与/及 are read as two when each part is known and the
    whole is no known name (``省人力资源和社会保障厅`` stays whole).

    >>> r = _ResolverStub({"省发展改革委", "省经信厅"})
    >>> [u.name for u in _subject_units("省发展改革委和省经信厅", 0, load_patterns(), r, False)]
    ['省发展改革委', '省经信厅']
    >>> _subject_units("企业和省经信厅", 0, load_patterns(), r, False)
    []
    """
    if patterns.joiners.search(body) or not is_unit_list(body, patterns):
        return []
    find = getattr(resolver, "find_agency", None)
    conj = re.compile(_alternatives("unit_conjunctions"))
    units: list[Unit] = []
    for u in split_units(body, offset, patterns):
        parts = [(u.name, u.start)]
        if conj.search(u.name) and not (find and find(u.name)):
            cuts = [0, *(x for m in conj.finditer(u.name) for x in (m.start(), m.end())), len(u.name)]
            parts = [(u.name[x:y], u.start + x) for x, y in zip(cuts[::2], cuts[1::2])]
            if not all(looks_like_unit(name, patterns) and _known(name, resolver, patterns) for name, _ in parts):
                continue
        units += [Unit(name, at, at + len(name), lead) for name, at in parts
                  if _known(name, resolver, patterns)]
    return units


class _ResolverStub:
    """A resolver knowing a fixed set of body names (for examples)."""

    def __init__(self, names: set) -> None:
        self.names = names

    def find_agency(self, name: str):
        return name if name in self.names else None


def _written_at(text: str, unit: Unit) -> bool:
    """True when the unit's name stands at its offset, or its place name does
    (a shared ending was given to it: ``长汀县、永安市人民政府`` → ``长汀县人民政府``).

    >>> _written_at("由长汀县、永安市人民政府负责", Unit("长汀县人民政府", 1, 8))
    True
    >>> _written_at("加强省科技厅", Unit("省科技厅", 0, 4))
    False
    """
    written = text[unit.start:unit.end]
    if written == unit.name:
        return True
    place = re.split(r"[、,，]", written, maxsplit=1)[0]
    return len(place) >= 2 and _BARE_REGION.match(place) is not None and unit.name.startswith(place)


_DONE = re.compile(r"[^。;；\n]*?(?:(?<![为除])了|完毕)")


def _reports_done(text: str, m: re.Match) -> bool:
    """True when an ``X会同Y`` sentence reports work already done, not a duty.

    >>> t = "省自然资源厅会同省统计局等部门对各地履行情况进行了考核。"
    >>> _reports_done(t, _PROSE[1].search(t))
    True
    >>> t = "省商务厅要会同省发展改革委等部门加强指导。"
    >>> _reports_done(t, _PROSE[1].search(t))
    False

    The grounds of a decision in the same sentence are work done too
    (``经各地申报,省教育厅会同省财政厅组织评审,省政府决定命名…``), unless a
    modal makes the clause a duty (``X要会同Y…,决定…``):

    >>> t = "经各地申报,省教育厅会同省财政厅组织专家评审,省政府决定命名10所学校为示范校。"
    >>> _reports_done(t, _PROSE[1].search(t))
    True
    """
    before = text[max(0, m.start() - 12):m.start("v")]
    if "已" in before or _DONE.match(text, m.start("v")):
        return True
    if _DUTY_MODAL.search(text, m.end("u"), m.start("v")):
        return False
    end = text.find("。", m.end())
    return bool(_DECIDED.search(text, m.end(), end if end >= 0 else len(text)))


#: A modal making a clause a duty (``X要会同Y``).
_DUTY_MODAL = re.compile(_MODAL)
#: A decision later in the sentence of an ``X会同Y`` clause: the clause gives its grounds.
_DECIDED = re.compile(rf"(?:{_alternatives('decided_after_grounds')})")


def _known_agency(resolver):
    """A test ``name -> bool`` for names the resolver's gazetteer knows as bodies (or None)."""
    find = getattr(resolver, "find_agency", None)
    return None if find is None else (lambda name: find(name) is not None)


def _known(name: str, resolver, patterns: Patterns) -> bool:
    """True when the resolver's gazetteer knows ``name`` as a body."""
    find = getattr(resolver, "find_agency", None)
    if find is not None and find(name) is not None:
        return True
    if patterns.local_body_shape is not None and patterns.local_body_shape.match(name):
        return not is_generic(name, patterns)
    return find is None and looks_like_unit(name, patterns)


def _table_notes(text: str, patterns: Patterns) -> Iterable[Assignment]:
    """Rows of tab-separated tables with a 牵头单位 / 责任单位 column."""
    lines = text.split("\n")
    pos = 0
    header: Optional[list[str]] = None
    offsets = []
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    for i, line in enumerate(lines):
        if "\t" not in line:
            header = None
            continue
        cells = line.split("\t")
        names = [re.sub(r"\s", "", c) for c in cells]
        if any(n in patterns.table_columns for n in names):
            header = names
            continue
        if header is None:
            continue
        units: list[Unit] = []
        cell_start = offsets[i]
        row_label = None
        row_id = None
        body = None
        for col, cell in enumerate(cells):
            role = patterns.table_columns.get(header[col]) if col < len(header) else None
            if role:
                units.extend(split_units(cell, cell_start, patterns, lead_all=role == "lead"))
                if role != "lead" and body is None:
                    body = (cell_start, cell_start + len(cell))
            elif re.fullmatch(r"\s*\d+\s*", cell) and row_id is None:
                row_id = cell.strip()
            elif cell.strip() and row_label is None and not re.fullmatch(r"[\d.\s]+", cell):
                row_label = cell.strip()
            cell_start += len(cell) + 1
        if units:
            yield Assignment(offsets[i], offsets[i] + len(line), units, "table", body=body,
                             lead_all=body is None and any(u.lead for u in units),
                             task_key=row_id or str(i), task_label=row_label, task_text=line.replace("\t", " "))


def _cell_table_notes(text: str, patterns: Patterns, known=None) -> Iterable[Assignment]:
    r"""Rows of a table flattened to one cell per line.

    ``序号`` / ``工作任务`` / ``牵头单位`` / ``配合单位`` header lines, then each row: its
    number on a line of its own and one line per cell.  A cell wrapped over several
    lines makes the row longer: the unit columns are then read from the row's end
    and the remaining lines form the task.

    >>> t = "序号\n工作任务\n牵头单位\n配合单位\n1\n建立培育体系\n省经信厅\n省科技厅\n2\n加大支持\n省财政厅\n人行杭州中心支行"
    >>> [(a.task_label, [(u.name, u.lead) for u in a.units]) for a in _cell_table_notes(t, load_patterns())]
    [('建立培育体系', [('省经信厅', True), ('省科技厅', False)]), ('加大支持', [('省财政厅', True), ('人行杭州中心支行', False)])]
    """
    lines = text.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    i = 0
    while i < len(lines):
        if lines[i].strip() != "序号":
            i += 1
            continue
        j = i + 1
        header = ["序号"]
        while j < len(lines) and 0 < len(lines[j].strip()) <= 10 and not lines[j].strip().isdigit():
            header.append(re.sub(r"\s", "", lines[j]))
            j += 1
        roles = [patterns.table_columns.get(h) for h in header[1:]]
        if not any(roles) or len(header) < 3 or len(header) > 8:
            i = j
            continue
        ncells, expected = len(header) - 1, 1
        while j < len(lines) and lines[j].strip() == str(expected):
            k = j + 1
            limit = j + 1 + 3 * ncells
            while k < len(lines) and k < limit and lines[k].strip() != str(expected + 1):
                k += 1
            if k >= limit or k >= len(lines) and k - j - 1 > ncells:
                k = _last_row_end(lines, j + 1, min(limit, len(lines)), ncells)
            cells = list(range(j + 1, k))
            if len(cells) < ncells - 1:
                break
            yield from _cell_row(lines, offsets, cells, roles, str(expected), j, patterns, known)
            j, expected = k, expected + 1
        i = j


def _last_row_end(lines: list[str], first: int, limit: int, ncells: int) -> int:
    """End of the last row of a cell-per-line table: at least as many lines as the header
    has cells, then up to the first line that reads as running text (a long sentence)."""
    k = min(first + ncells, limit)
    while k < limit and 0 < len(lines[k].strip()) <= 40 and not lines[k].strip().endswith("。") \
            and not re.match(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|附件)", lines[k].strip()):
        k += 1
    return k


def _cell_row(lines, offsets, cells, roles, number, at, patterns, known=None) -> Iterable[Assignment]:
    """One row of a cell-per-line table (see :func:`_cell_table_notes`)."""
    pieces = [(lines[c].strip(), offsets[c] + len(lines[c]) - len(lines[c].lstrip())) for c in cells
              if lines[c].strip()]
    columns = _row_columns(pieces, roles, patterns, known)
    if columns is None:
        return
    units: list[Unit] = []
    label = None
    for role, column in zip(roles, columns):
        cell = "".join(t for t, _ in column)
        if role and column:
            # a cell wrapped over lines is read as one list (offsets from its first line)
            units.extend(split_units(cell, column[0][1], patterns, lead_all=role == "lead"))
        elif label is None and cell:
            label = cell
    if units:
        end = offsets[cells[-1]] + len(lines[cells[-1]])
        yield Assignment(offsets[at], end, units, "table", lead_all=any(u.lead for u in units),
                         task_key=number, task_label=label,
                         task_text=" ".join("".join(t for t, _ in column) for column in columns if column))


Piece = tuple[str, int]


def _row_columns(pieces: list[Piece], roles: list, patterns: Patterns, known=None) -> Optional[list[list[Piece]]]:
    """Share the lines of one table row among its columns.

    Columns before the first unit column (the task) and after the last one (a time
    limit) are text; the unit columns in between are unit lists.  Text extraction
    wraps long cells over several lines (``省公安`` / ``厅、省卫生健康委``) and glues a
    short cell to the long line before it (``…全覆盖省政府办公厅``); both are undone.

    >>> P = load_patterns()
    >>> row = [("开展集成改革,实现", 0), ("“一件事”全覆盖省政府办公厅", 10), ("省大数据局、省公安", 30), ("厅、省卫生健康委", 40),
    ...        ("2023年底前", 50)]
    >>> [["".join(t for t, _ in c)] for c in _row_columns(row, [None, "lead", "responsible", None], P)]
    [['开展集成改革,实现“一件事”全覆盖'], ['省政府办公厅'], ['省大数据局、省公安厅、省卫生健康委'], ['2023年底前']]
    """
    marked = [k for k, r in enumerate(roles) if r]
    if not marked:
        return None
    lead, trail = marked[0], len(roles) - 1 - marked[-1]
    n_units = len(roles) - lead - trail
    if any(not r for r in roles[lead:len(roles) - trail]):
        return _fixed_columns(pieces, roles)
    body, tail = (pieces[:len(pieces) - trail], pieces[len(pieces) - trail:]) if trail else (pieces, [])
    while len(body) < lead + n_units:
        k = len(body) - n_units  # the last text line took the first unit cell
        split = _peel_unit(body[k], patterns, known) if k >= 0 else None
        if split is None:
            return None
        body = body[:k] + list(split) + body[k + 1:]
    units = _unit_cells(body[lead:], n_units, patterns)
    if units is None:
        return None
    top = len(body) - sum(len(c) for c in units)
    if lead and top >= lead and len(units[0]) == 1 and (split := _peel_unit(units[0][0], patterns, known)):
        # the task wrapped and its last line took the first unit cell: ``…全覆盖省政府办公厅``
        units[0] = [split[1]]
        body = body[:top] + [split[0]] + body[top + 1:]
        top += 1
    text_lines = body[:top]
    head = [[p] for p in text_lines[: lead - 1]] + ([text_lines[lead - 1:]] if lead else [])
    return head + units + [[p] for p in tail]


def _fixed_columns(pieces: list[Piece], roles: list) -> list[list[Piece]]:
    """One line per column; extra lines go to the last text column before the units."""
    extra = max(0, len(pieces) - len(roles))
    first_unit = next(k for k, r in enumerate(roles) if r)
    at = max(0, first_unit - 1)
    columns, pos = [], 0
    for k in range(len(roles)):
        size = 1 + (extra if k == at else 0)
        columns.append(pieces[pos:pos + size])
        pos += size
    return columns


def _unit_cells(lines: list[Piece], n: int, patterns: Patterns) -> Optional[list[list[Piece]]]:
    """The last unit cells of ``lines`` (``n`` of them), joining wrapped fragments.

    Reads from the end: a line whose first item is no unit on its own (``厅、…``)
    continues the line above it.
    """
    cells: list[list[Piece]] = []
    k = len(lines) - 1
    while k >= 0 and len(cells) < n:
        cell = [lines[k]]
        while k > 0 and _is_fragment_start(cell[0][0], lines[k - 1][0], patterns):
            k -= 1
            cell.insert(0, lines[k])
        if not is_unit_list("".join(t for t, _ in cell), patterns):
            return None
        cells.insert(0, cell)
        k -= 1
    return cells if len(cells) == n else None


def _is_fragment_start(line: str, above: str, patterns: Patterns) -> bool:
    """True when ``line`` continues a unit name cut at the end of ``above`` (``省公安`` / ``厅、…``)."""
    first = line.split("、")[0].split(",")[0]
    last = re.split(r"[、,]", above)[-1]
    return bool(first) and not looks_like_unit(first, patterns) and looks_like_unit(last + first, patterns) \
        and not looks_like_unit(last, patterns)


_GLUED_UNIT = re.compile("(?:" + _alternatives("glued_unit_openers") + r")[\u4e00-\u9fff]{1,14}?"
                         "(?:" + _alternatives("glued_unit_endings") + ")$")


def _peel_unit(piece: Piece, patterns: Patterns, known=None) -> Optional[tuple[Piece, Piece]]:
    """Split a unit name glued to the end of a text line (``…全覆盖省政府办公厅``).

    ``known(name)`` (the gazetteer, when there is one) keeps a whole known name
    whole; without it the text before the unit must read as text (a digit, a
    quote, a comma) or be long.

    >>> _peel_unit(("新增上线事项100项省大数据局", 5), load_patterns())
    (('新增上线事项100项', 5), ('省大数据局', 15))
    >>> _peel_unit(("杭州市数据资源管理局", 0), load_patterns()) is None
    True
    """
    text, at = piece
    if known is not None and known(text):
        return None
    for k in range(max(3, len(text) - 16), len(text) - 2):
        m = _GLUED_UNIT.fullmatch(text, k)
        if m and looks_like_unit(text[k:], patterns) and not re.search(r"[、,，。;；]", text[k:]) \
                and (known is not None or k >= 6 or re.search(r"[\d“”\"《》,，、]", text[:k])):
            return (text[:k], at), (text[k:], at + k)
    return None


_TIME = r"(?:\d{4}年(?:\d{1,2}月)?(?:底|前|起|内)?(?:—\d{4}年(?:\d{1,2}月)?)?|长期|持续推进|持续|长期坚持|每年)"


def _flat_table_notes(text: str, patterns: Patterns) -> Iterable[Assignment]:
    """Rows of a table whose cells the text extraction ran together.

    ``序号重点工作举措责任单位完成时间1新培育一批平台。省商务厅,各市政府2021年6月2…``:
    each row is a number, a measure ending with 。, the units, and a time.
    """
    labels = "|".join(map(re.escape, patterns.table_columns))
    header = re.compile(rf"序号[^。\n]{{0,30}}?(?P<col>{labels})(?P<rest>[\u4e00-\u9fff]{{0,12}})")
    row = re.compile(rf"(?P<n>\d{{1,3}})(?P<task>[^\n]+?。)(?P<units>[^。\n]{{2,200}}?)(?P<time>{_TIME}[^\d\n。]{{0,15}}?)"
                     rf"(?=\d{{1,3}}[^\d年月]|\n|$)")
    for h in header.finditer(text):
        role = patterns.table_columns[h.group("col")]
        pos, expected = h.end(), 1
        while (m := row.match(text, pos)) is not None and int(m.group("n")) == expected:
            units = split_units(m.group("units"), m.start("units"), patterns, lead_all=role == "lead")
            if units:
                yield Assignment(m.start(), m.end(), units, "table", lead_all=role == "lead",
                                 body=(m.start("units"), m.end("units")), task_key=m.group("n"),
                                 task_label=first_clause(m.group("task")), task_text=m.group("task"))
            pos, expected = m.end(), expected + 1


def find_assignments(text: str, patterns: Optional[Patterns] = None, resolver=None) -> list[Assignment]:
    """Every responsibility note in ``text``, in order, with lead flags applied.

    >>> t = "(一)推进A。(责任单位:省商务厅、省财政厅。列第一位的为牵头单位,下同)推进B。(责任单位:省教育厅、省科技厅)"
    >>> [[(u.name, u.lead) for u in a.units] for a in find_assignments(t)]
    [[('省商务厅', True), ('省财政厅', False)], [('省教育厅', True), ('省科技厅', False)]]
    """
    patterns = patterns or load_patterns()
    found = (list(_list_notes(text, patterns)) + list(_verb_notes(text, patterns))
             + list(_table_notes(text, patterns)) + list(_flat_table_notes(text, patterns))
             + list(_cell_table_notes(text, patterns, _known_agency(resolver))))
    if resolver is not None:
        covered = _Cover([(b.start, b.end) for b in found])
        found += [a for a in _prose_notes(text, patterns, resolver) if not covered(a.start)]
    found.sort(key=lambda a: (a.start, a.end))
    _apply_lead_rules(text, found, patterns)
    return found


class _Cover:
    """Which of a set of ``[start, end)`` spans hold an offset, by bisection
    (the notes of a very large document are many).  ``first(pos)`` is the
    index of the first span holding ``pos``, by start, then in list order.

    >>> covered = _Cover([(5, 9), (0, 2), (6, 7)])
    >>> [x for x in range(11) if covered(x)], covered.first(6), covered.first(3)
    ([0, 1, 5, 6, 7, 8], 0, None)
    """

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.order = sorted(range(len(spans)), key=lambda i: spans[i][0])
        self.starts = [spans[i][0] for i in self.order]
        #: the furthest end among the spans up to each one (in start order)
        self.reach = list(accumulate((spans[i][1] for i in self.order), max))

    def first(self, pos: int) -> Optional[int]:
        k = bisect.bisect_right(self.starts, pos)       # spans starting at or before pos
        i = bisect.bisect_right(self.reach, pos, 0, k)  # the first of them reaching past pos
        return self.order[i] if i < k else None

    def __call__(self, pos: int) -> bool:
        return self.first(pos) is not None


def _apply_lead_rules(text: str, assignments: list[Assignment], patterns: Patterns) -> None:
    """Mark the first unit of 责任单位 lists as lead where a scope rule says so.

    A rule with ``下同`` (or stated outside any list) holds from where it is
    written to the end of the text; a rule inside one list without ``下同``
    holds for that list only.  A rule holds for notes of the form it is written
    in: one in a ``(责任单位:…)`` list (or outside any note) for later lists and
    table rows, one in a ``(X、Y按职责分工负责,…)`` note for later such notes.
    """
    scope_from: dict[str, int] = {}
    cover = _Cover([(a.start, a.end) for a in assignments])   # assignments come sorted by start
    last_list = max((a.start for a in assignments if _opens_list(a)), default=None)
    for m in patterns.lead_rule.finditer(text):
        at = cover.first(m.start())
        inside = assignments[at] if at is not None else None
        tail = text[m.end():m.end() + 8]
        if inside is None and _closing_note(text, m.start(), assignments, patterns, last_list):
            # "注:各项任务中列第一位的为牵头单位。" after the lists: it holds for all of them
            scope_from = {"list": 0, "verb": 0}
            continue
        if inside is None or patterns.lead_rule_scope.match(tail.lstrip(",，、 ")):
            start = inside.start if inside else m.start()
            family = _rule_family(inside.kind if inside else "list")
            scope_from[family] = min(scope_from.get(family, start), start)
    for a in assignments:
        if a.kind not in ("list", "table", "verb") or a.lead_all or a.body is None:
            continue
        if a.kind == "verb" and any(u.lead for u in a.units):
            continue  # "(X牵头,Y负责)": the note names its lead itself
        since = scope_from.get(_rule_family(a.kind))
        if a.lead_rule or (since is not None and a.start >= since):
            a.units = _lead_first(a.units, text, a)


def _opens_list(a: Assignment) -> bool:
    """True for a note naming units in a list, table or verb note (what a lead rule governs)."""
    return a.kind in ("list", "table", "verb") and bool(a.units)


def _closing_note(text: str, at: int, assignments: list[Assignment], patterns: Patterns,
                  last_list: Optional[int] = -1) -> bool:
    r"""True when the lead rule at ``at`` is a closing note for the lists above it.

    The rule sits in a line opened by ``注:``/``备注:``/``说明:``, or no unit list
    follows it (``以上任务中列第一位的为牵头单位。`` at the end of the text).
    ``last_list`` is where the last such list starts (``None``: there is none),
    computed once by the caller; by default it is read from ``assignments``.

    >>> t = "(责任单位:市科技局、市财政局)\n注:排在第一位的为牵头单位。"
    >>> _closing_note(t, t.index("排"), find_assignments(t), load_patterns())
    True
    """
    begin = line_start(text, at)
    if re.match(r"\s*(?:备注|注|说明)\s*\d*\s*[:：]", text[begin:at]):
        return True
    if last_list == -1:
        last_list = max((a.start for a in assignments if _opens_list(a)), default=None)
    return last_list is None or last_list <= at


def _rule_family(kind: str) -> str:
    """Which notes a lead rule written in a note of ``kind`` governs: lists and tables, or verb notes."""
    return "verb" if kind == "verb" else "list"


def _lead_first(units: list[Unit], text: str, a: Assignment) -> list[Unit]:
    """Mark the units of the first list item as lead (a bracketed pair counts as one item)."""
    if not units:
        return units
    first_item_end = _first_item_end(text, a)
    if units[0].start >= first_item_end:
        return units  # the first item was generic: no lead named
    return [Unit(u.name, u.start, u.end, u.start < first_item_end and (u is units[0] or _same_item(text, units[0], u)))
            for u in units]


def _first_item_end(text: str, a: Assignment) -> int:
    """End offset of the first item of a list note."""
    begin, end = a.body or (a.start, a.end)
    body = text[begin:end]
    pieces = _merge_region_tails(body, split_top(body))
    return begin + pieces[0][1] if pieces else a.end


def _same_item(text: str, first: Unit, other: Unit) -> bool:
    """True when ``other`` is the bracketed note of ``first`` (``X〔Y〕``)."""
    between = text[first.end:other.start]
    return bool(re.fullmatch(r"\s*[〔(（\[]\s*", between))


# ---------------------------------------------------------------------------
# Tasks and facts
# ---------------------------------------------------------------------------


def deepest_section(sections: list[Section], pos: int) -> Optional[Section]:
    """The innermost section whose span contains ``pos``.

    >>> s = Section(("一、",), "总则", "一、总则…", 0, 50, [Section(("一、", "(二)"), "x", "…", 10, 30)])
    >>> deepest_section([s], 12).path
    ('一、', '(二)')
    """
    for section in sections:
        if section.start <= pos < section.end:
            return deepest_section(section.children, pos) or section
    return None


class SectionFinder:
    """:func:`deepest_section` by bisection over a section tree, built once
    for the many notes of a very large document (same answers).

    >>> s = Section(("一、",), "总则", "一、总则…", 0, 50, [Section(("一、", "(二)"), "x", "…", 10, 30)])
    >>> finder = SectionFinder([s])
    >>> finder.deepest(12).path, finder.deepest(40).path, finder.deepest(60)
    (('一、', '(二)'), ('一、',), None)
    """

    def __init__(self, sections: list[Section]) -> None:
        self.sections = sections
        self.starts = [s.start for s in sections]
        self.ordered = all(a <= b for a, b in zip(self.starts, self.starts[1:]))
        #: the furthest end among the first sections, one entry per section
        self.reach = list(accumulate((s.end for s in sections), max))
        self._children: dict[int, "SectionFinder"] = {}

    def _first_containing(self, pos: int) -> Optional[Section]:
        """The first section (in list order) whose span contains ``pos``."""
        if not self.ordered:
            return next((s for s in self.sections if s.start <= pos < s.end), None)
        k = bisect.bisect_right(self.starts, pos)       # sections[:k] start at or before pos
        i = bisect.bisect_right(self.reach, pos, 0, k)  # the first of them reaching past pos
        return self.sections[i] if i < k else None

    def deepest(self, pos: int) -> Optional[Section]:
        """The innermost section whose span contains ``pos``."""
        chain = self.chain(pos)
        return chain[-1] if chain else None

    def chain(self, pos: int) -> list[Section]:
        """The sections containing ``pos``, outermost first.

        >>> s = Section(("一、",), "总则", "一、总则…", 0, 50, [Section(("一、", "(二)"), "x", "…", 10, 30)])
        >>> [c.path for c in SectionFinder([s]).chain(12)]
        [('一、',), ('一、', '(二)')]
        """
        section = self._first_containing(pos)
        if section is None:
            return []
        finder = self._children.get(id(section))
        if finder is None:
            finder = self._children[id(section)] = SectionFinder(section.children)
        return [section, *finder.chain(pos)]


def closes_group(text: str, a: "Assignment", chain: list[Section], note_starts: list[int]) -> bool:
    """True when a note stands on a line of its own after the last item of a
    group whose items carry no note of their own: it names the units of the
    whole group, not of its last item.

    ``(一)数字基础设施建设行动。\\n1.…\\n7.推进区块链基础设施建设。…\\n(责任单位:省经信厅、…)``
    is the group (一)'s list; where every item has its own list, each list
    stays with its item.

    >>> t = "(一)建设行动。\\n1.建网络。\\n2.建平台。\\n(责任单位:省经信厅)"
    >>> one = Section(("(一)", "1."), "建网络", "1.建网络。", 9, 16)
    >>> two = Section(("(一)", "2."), "建平台", t[16:], 16, len(t))
    >>> group = Section(("(一)",), "建设行动", t, 0, len(t), [one, two])
    >>> a = Assignment(23, len(t), [], "list")
    >>> closes_group(t, a, [group, two], [23]), closes_group(t, a, [group, two], [12, 23])
    (True, False)
    """
    if a.kind != "list" or len(chain) < 2:
        return False
    parent, section = chain[-2], chain[-1]
    if len(parent.children) < 2 or section is not parent.children[-1]:
        return False
    if text[line_start(text, a.start):a.start].strip():
        return False
    k = bisect.bisect_left(note_starts, parent.children[0].start)
    return k < len(note_starts) and note_starts[k] >= a.start


def section_path(section: Optional[Section]) -> str:
    """The path string of a section, e.g. ``"三、(二)"`` ("" for none)."""
    return "".join(section.path) if section else ""


_CLAUSE = re.compile(r"^[^。;；!?！？\n]{1,80}")


def first_clause(text: str) -> str:
    """The first clause of a passage, for a label.

    >>> first_clause("(一)依法依规做好疫情防控各项工作。贯彻…")
    '(一)依法依规做好疫情防控各项工作'
    """
    m = _CLAUSE.match(text.strip())
    return m.group(0).strip() if m else text.strip()[:80]


@dataclass
class TaskInfo:
    """The Task node a note belongs to."""

    iri: str
    label: str
    text: str
    path: str


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    start = line_start(text, pos)
    end = line_end(text, pos)
    return start, (end if end >= 0 else len(text))


def task_for(document: Document, a: Assignment, sections: Optional[SectionFinder] = None,
             note_starts: Optional[list[int]] = None) -> TaskInfo:
    """The Task a note belongs to: its deepest section (or the group it closes,
    see :func:`closes_group`; ``note_starts``: where the document's notes start,
    sorted), a table row, or its paragraph.
    ``sections`` is the document's :class:`SectionFinder` (built once by the caller)."""
    sections = sections if sections is not None else SectionFinder(document.sections)
    chain = sections.chain(a.start)
    if note_starts is not None and closes_group(document.text, a, chain, note_starts):
        chain = chain[:-1]
    section = chain[-1] if chain else None
    path = section_path(section)
    if a.task_key is not None:
        key = f"{document.key}/{path}/{a.task_key}" if path else f"{document.key}/{a.task_key}"
        return TaskInfo(mint("task", key), a.task_label or first_clause(a.task_text or ""), a.task_text or "", path)
    if section is not None:
        label = section.heading.strip() or first_clause(section.text)
        return TaskInfo(mint("task", f"{document.key}/{path}"), label, section.text, path)
    ps, pe = _paragraph(document.text, a.start)
    passage = document.text[ps:pe]
    return TaskInfo(mint("task", f"{document.key}/@{ps}"), first_clause(passage), passage, "")


def _unit_facts_of(entity, surface: str, graph: str) -> list[Fact]:
    """Type, label, altLabel and ``gov:mentions`` of a unit's node."""
    from graph.extract.awards import node_facts

    return node_facts(entity, [surface], graph)


def task_facts(document: Document, task: TaskInfo, graph: str) -> list[Fact]:
    """The Task node: type, label, passage, section path, document."""
    facts = [
        Fact.type(task.iri, "Task", graph),
        Fact.label(task.iri, task.label, graph),
        Fact.literal(task.iri, "gov:text", task.text, graph, lang="zh"),
        Fact(task.iri, "gov:partOf", graph, graph),
    ]
    if task.path:
        facts.append(Fact.literal(task.iri, "gov:sectionPath", task.path, graph))
    return facts


def unit_facts(document: Document, units: list[Unit], target: str, graph: str, resolver) -> list[Fact]:
    """``responsibleFor`` (and ``leads``) from each unit to ``target``, with the units' nodes."""
    facts: list[Fact] = []
    for u in units:
        # a unit is resolved as a body; the resolver types regions, laboratories
        # and institutions named where a body is expected
        entity = resolver.resolve(u.name, "Agency", when=document.date)
        facts.append(Fact(entity.iri, "gov:responsibleFor", target, graph))
        if u.lead and entity.type in ("Agency", "Institution", "Laboratory"):
            facts.append(Fact(entity.iri, "gov:leads", target, graph))
        facts.extend(_unit_facts_of(entity, u.name, graph))
    return facts


def extract(document: Document, mentions, resolver) -> list[Fact]:
    """Tasks and their responsible / lead units, read from one document.

    Notes inside the items of an incentive notice (督查激励) are left to
    :mod:`graph.extract.awards`, where the unit is responsible for the award.
    """
    from graph.extract.documents import document_iri
    from graph.nlp.awards import incentive_items

    graph = document_iri(document)
    excluded = _Cover([(item.start, item.end) for item in incentive_items(document.text)])
    sections = SectionFinder(document.sections)
    facts: list[Fact] = []
    seen_tasks: set[str] = set()
    assignments = [a for a in find_assignments(document.text, resolver=resolver) if a.units]
    note_starts = sorted(a.start for a in assignments)
    for a in assignments:
        if excluded(a.start):
            continue
        task = task_for(document, a, sections, note_starts)
        if task.iri not in seen_tasks:
            seen_tasks.add(task.iri)
            facts.extend(task_facts(document, task, graph))
        facts.extend(unit_facts(document, a.units, task.iri, graph, resolver))
    return list(dict.fromkeys(facts))
