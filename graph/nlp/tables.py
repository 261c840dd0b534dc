"""Tables flattened by PDF or web-page text extraction.

A table in an attachment (``附件…名单``) reaches the text as its cells one per
line, or as runs of cells on a line separated by spaces::

    序号
    机构名称
    依托单位
    所在地
    1
    浙江清华柔性电子技术研究院
    清华大学
    嘉兴市
    2
    …

:func:`flat_tables` reads such a table back: a header that starts with a
``序号`` cell, then rows that each start with the next row number (1, 2, 3…)
followed by one cell per remaining header column.  Cells keep their offsets
in the text, so readers can line them up with mentions.

>>> t = flat_tables("名单\\n序号\\n名称\\n所在地\\n1\\n甲研究院\\n杭州市\\n2 乙研究院 宁波市\\n说明。")[0]
>>> t.header
['序号', '名称', '所在地']
>>> [[c.text for c in row] for row in t.rows]
[['甲研究院', '杭州市'], ['乙研究院', '宁波市']]
>>> t.column(["所在地"]), t.rows[1][0].start
(1, 26)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

#: The first header cell of a numbered table.
INDEX_HEADERS = ("序号", "编号")
#: A cell: a run of characters without whitespace.
_CELL = re.compile(r"\S+")
#: Where a table may start: a line whose first cell is ``序号``.
_HEADER_LINE = re.compile(r"(?m)^[ \t\u3000]*(?:" + "|".join(INDEX_HEADERS) + r")(?=[ \t\u3000]|$)")
#: Longest header cell and longest body cell.
MAX_HEADER_CHARS = 16
MAX_CELL_CHARS = 120
#: Cells that stand for an empty cell.
EMPTY_CELLS = ("—", "-", "－", "——", "/", "无", "空")


@dataclass(frozen=True)
class Cell:
    """One cell's text and its offset in the text it was read from."""

    text: str
    start: int

    @property
    def end(self) -> int:
        """Offset after the cell."""
        return self.start + len(self.text)

    @property
    def empty(self) -> bool:
        """True for a placeholder (``—``) standing for an empty cell."""
        return self.text in EMPTY_CELLS


@dataclass
class Table:
    """A flattened table: its header (the ``序号`` cell first) and its rows
    (the cells after the row number, one per remaining header column)."""

    header: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    start: int = 0
    end: int = 0

    def column(self, words: Iterable[str]) -> Optional[int]:
        """Index into a row of the first column whose header holds one of
        ``words`` (the ``序号`` column is not counted), or None."""
        words = tuple(words)
        for i, head in enumerate(self.header[1:]):
            if any(w in head for w in words):
                return i
        return None

    def cells(self, index: int) -> list[Cell]:
        """The non-empty cells of one column."""
        return [row[index] for row in self.rows if index < len(row) and not row[index].empty]


def flat_tables(text: str) -> list[Table]:
    """The numbered tables flattened into ``text`` (see the module docstring)."""
    out = []
    pos = 0
    for m in _HEADER_LINE.finditer(text):
        if m.start() < pos:
            continue
        table = _read_table(text, m.start())
        if table is not None:
            out.append(table)
            pos = table.end
    return out


def _cells_from(text: str, start: int):
    """Cells from ``start`` on, in reading order (lazily)."""
    for m in _CELL.finditer(text, start):
        yield Cell(m.group(), m.start())


def _read_table(text: str, start: int) -> Optional[Table]:
    """The table whose header starts at ``start``, or None when the cells
    that follow do not form one (no header cells, no first row)."""
    cells = _cells_from(text, start)
    header = [next(cells).text]
    cell = None
    for cell in cells:
        if cell.text == "1":
            break
        if len(cell.text) > MAX_HEADER_CHARS or re.search(r"[。;；,，:：]", cell.text) \
                or len(header) > 12:
            return None
        header.append(cell.text)
    else:
        return None
    if len(header) < 2:
        return None
    width = len(header) - 1
    table = Table(header, [], start, cell.end)
    number = 1
    pending: Optional[Cell] = cell                  # the row number just read
    while pending is not None and pending.text == str(number):
        row: list[Cell] = []
        pending = None
        for cell in cells:
            if cell.text == str(number + 1) and row:
                pending = cell
                break
            if len(cell.text) > MAX_CELL_CHARS or "。" in cell.text:
                pending = None
                break
            row.append(cell)
            if len(row) == width:
                pending = next(cells, None)
                break
        if not row:
            break
        table.rows.append(row)
        table.end = row[-1].end
        number += 1
    return table if table.rows else None
