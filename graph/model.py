"""Plain data classes passed between the stages of the pipeline.

Data flows one way::

    files ─ingest─▶ Source ─segment─▶ Document ─nlp─▶ Mention
          ─resolve─▶ Entity ─extract─▶ Fact ─build─▶ rdflib Dataset ─▶ exports

Every class here is a frozen or plain dataclass with no behaviour beyond small
helpers, so that any stage can be tested by constructing its input by hand.

>>> d = Document(key="浙政发〔2021〕14号", number="浙政发〔2021〕14号",
...              title="浙江省人民政府关于2020年度浙江省科学技术奖励的决定", text="...")
>>> d.key
'浙政发〔2021〕14号'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Optional


@dataclass
class Source:
    """One input file, read and normalised.

    ``text`` is the clean text (NFKC, page markers and running headers dropped,
    hard line wraps joined).  ``origin[i]`` is the ``(line, column)`` (both
    1-based) in the raw file of clean character ``i``; inserted characters
    point at the nearest raw character before them.

    >>> s = Source(path="a.txt", encoding="utf-8", text="ab", origin=[(1, 1), (1, 2)])
    >>> s.locate(1)
    ('a.txt', 1, 2)
    """

    path: str
    encoding: str
    text: str
    origin: list[tuple[int, int]]
    warnings: list[str] = field(default_factory=list)

    def locate(self, pos: int) -> tuple[str, int, int]:
        """Return ``(path, line, column)`` of clean-text position ``pos``."""
        if not self.origin:
            return (self.path, 1, 1)
        pos = max(0, min(pos, len(self.origin) - 1))
        line, col = self.origin[pos]
        return (self.path, line, col)


@dataclass
class Section:
    """One node of a document's section tree.

    ``path`` is the chain of heading markers from the root, e.g.
    ``("一、", "(二)")``; ``heading`` is the heading text (the first clause
    after the marker); ``text`` is the whole passage including sub-sections;
    ``start``/``end`` are offsets into ``Document.text``.
    """

    path: tuple[str, ...]
    heading: str
    text: str
    start: int
    end: int
    children: list["Section"] = field(default_factory=list)


@dataclass
class Attachment:
    """An attachment (附件) of a document: its number, title and text span."""

    index: int
    title: str
    start: int
    end: int


@dataclass
class Document:
    """One official document found in an issue (or a single-document file).

    ``key`` is the stable identifier: the document number when there is one,
    otherwise a slug derived from the title.  ``text`` is the document's own
    clean text; ``start``/``end`` locate it in ``Source.text``.
    """

    key: str
    title: str
    text: str
    number: Optional[str] = None
    doc_type: Optional[str] = None
    issuers: list[str] = field(default_factory=list)
    date: Optional[date] = None
    addressees: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)
    source_path: str = ""
    start: int = 0
    end: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Mention:
    """An entity mention found by the NLP stage in ``Document.text``.

    ``label`` is one of the contract classes without prefix (``Agency``,
    ``Region``, ``DevelopmentZone``, ``Laboratory``, ``Institution``,
    ``Program``, ``Award``, ``Person``, ``Achievement``).  ``attrs`` carries
    pattern-specific readings as sorted key/value pairs (e.g.
    ``(("inPreparation", "true"),)``).
    """

    text: str
    label: str
    start: int
    end: int
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass
class Entity:
    """One real-world thing: the resolved node behind one or more mentions.

    ``key`` is the canonical key used to mint the IRI (an adcode, a gazetteer
    key or a normalised name); ``label`` the canonical Chinese name;
    ``alt_labels`` every other surface form seen.
    """

    iri: str
    type: str
    label: str
    key: str
    alt_labels: set[str] = field(default_factory=set)
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Fact:
    """One statement read from one document.

    ``subject`` and ``object`` are IRIs (``object_is_literal`` false) or a
    literal value with an optional datatype/language.  ``graph`` is the IRI of
    the document that states it (or the gazetteer graph).

    >>> Fact("https://w3id.org/govkg/id/agency/x", "responsibleFor",
    ...      "https://w3id.org/govkg/id/task/y", graph="https://w3id.org/govkg/id/doc/z").predicate
    'responsibleFor'
    """

    subject: str
    predicate: str
    object: str
    graph: str
    object_is_literal: bool = False
    datatype: Optional[str] = None
    lang: Optional[str] = None
