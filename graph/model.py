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
    """One statement read from one document (or from the gazetteer).

    Conventions (``graph.vocab.expand`` applies them):

    - ``predicate`` is a CURIE with a prefix of ``graph.vocab.PREFIXES``
      (``"gov:responsibleFor"``, ``"rdf:type"``, ``"rdfs:label"``,
      ``"skos:altLabel"``, ``"dcterms:title"``) or a full IRI; a bare name
      such as ``"responsibleFor"`` means ``gov:responsibleFor``.
    - ``object`` is an IRI (a CURIE such as ``"gov:Agency"`` is expanded) or,
      when ``object_is_literal``, the lexical form of a literal with optional
      ``datatype`` (CURIE such as ``"xsd:date"``) or ``lang`` (``"zh"``).
    - ``graph`` is the IRI of the document that states it, or
      ``graph.vocab.GAZETTEER_GRAPH`` for background knowledge.

    >>> f = Fact("https://w3id.org/govkg/id/agency/x", "gov:responsibleFor",
    ...          "https://w3id.org/govkg/id/task/y", graph="https://w3id.org/govkg/id/doc/z")
    >>> f.predicate
    'gov:responsibleFor'
    >>> Fact.label("https://w3id.org/govkg/id/agency/x", "省发展改革委", "https://w3id.org/govkg/id/doc/z").lang
    'zh'
    """

    subject: str
    predicate: str
    object: str
    graph: str
    object_is_literal: bool = False
    datatype: Optional[str] = None
    lang: Optional[str] = None

    @classmethod
    def literal(cls, subject: str, predicate: str, value: str, graph: str,
                datatype: Optional[str] = None, lang: Optional[str] = None) -> "Fact":
        """A fact whose object is a literal."""
        return cls(subject, predicate, value, graph, True, datatype, lang)

    @classmethod
    def label(cls, subject: str, name: str, graph: str, predicate: str = "rdfs:label") -> "Fact":
        """A Chinese label (``rdfs:label`` or, with ``predicate``, ``skos:altLabel``)."""
        return cls(subject, predicate, name, graph, True, None, "zh")

    @classmethod
    def type(cls, subject: str, cls_name: str, graph: str) -> "Fact":
        """``subject rdf:type gov:<cls_name>``."""
        return cls(subject, "rdf:type", f"gov:{cls_name}", graph)
