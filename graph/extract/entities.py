"""Typed, labelled nodes for every entity a document mentions.

For each mention found by ``graph.nlp`` this gives, in the document's named
graph: ``rdf:type gov:<Class>``, ``rdfs:label`` (the canonical name from the
Resolver), ``skos:altLabel`` for the other surface forms, ``<doc>
gov:mentions <entity>``, and ``gov:inPreparation true`` where a zone or lab
name carries ``(筹)``.  The relation families use :func:`resolve_mentions` so
that they name the same nodes.

A laboratory named in brackets after another (``良渚实验室(系统医学与精准诊治
浙江省实验室)``) is one node: the bracketed name becomes an altLabel of the
first (the mention carries ``alias_of``).

>>> from graph.model import Document, Mention
>>> from graph.resolve import Resolver
>>> d = Document(key="测〔2021〕1号", title="", text="支持良渚实验室(系统医学与精准诊治浙江省实验室)建设")
>>> ms = [Mention("良渚实验室", "Laboratory", 2, 7),
...       Mention("系统医学与精准诊治浙江省实验室", "Laboratory", 8, 23, (("alias_of", "良渚实验室"),))]
>>> facts = entity_facts(d, ms, Resolver())
>>> sorted({f.predicate for f in facts})
['gov:mentions', 'rdf:type', 'rdfs:label', 'skos:altLabel']
>>> len({f.subject for f in facts if f.predicate == "rdf:type"})
1
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Optional

from graph.model import Document, Entity, Fact, Mention
from graph.vocab import mint

#: Mention classes that become entity nodes here.
ENTITY_LABELS = ("Agency", "Region", "DevelopmentZone", "Laboratory", "Institution",
                 "Program", "Award", "Person", "Achievement")


def document_graph(document: Document) -> str:
    """The IRI of the document (and of its named graph)."""
    return mint("doc", document.key)


def mention_name(mention: Mention) -> str:
    """The name a mention stands for: the main name for an alias in brackets,
    the reading ``label`` where a component gave one, else the surface text."""
    attrs = dict(mention.attrs)
    return attrs.get("alias_of") or attrs.get("label") or mention.text


def resolve_mention(document: Document, mention: Mention, resolver,
                    cache: Optional[dict] = None) -> Entity:
    """The entity behind one mention (memoised per document in ``cache``)."""
    key = (mention_name(mention), mention.label)
    if cache is not None and key in cache:
        return cache[key]
    entity = resolver.resolve(key[0], mention.label, when=document.date)
    if cache is not None:
        cache[key] = entity
    return entity


def resolve_mentions(document: Document, mentions: list[Mention], resolver) -> list[tuple[Mention, Entity]]:
    """``(mention, entity)`` for every entity mention, in document order.

    An Agency mention naming no single body where it stands (``市政府`` in a
    provincial document: ``resolver.is_generic``) is left out; in a city's
    document it is the city's government.
    """
    cache: dict = {}
    generic: dict = {}
    pairs = [(m, resolve_mention(document, m, resolver, cache))
             for m in mentions if m.label in ENTITY_LABELS and not _generic(m, resolver, generic)]
    pairs = [(m, e) for m, e in pairs if not _unresolved_relative(m, e)]
    pairs = with_declared_short_names(document.text, pairs)
    return with_province_named_forms(pairs, _province_prefixes(getattr(resolver, "gazetteer", None)))


#: Classes whose names a document may write with or without their province in front.
PROVINCE_PREFIXED = ("DevelopmentZone", "Laboratory")


def _province_prefixes(gazetteer) -> tuple[str, ...]:
    """Province names and short names (``河南省``, ``河南``…), longest first."""
    if gazetteer is None:
        return ()
    cached = _PREFIXES.get(id(gazetteer))
    if cached is None or cached[0] is not gazetteer:
        names = {n for r in gazetteer.regions.values() if r.level == "province"
                 for n in (r.name, *r.short_names)}
        cached = _PREFIXES[id(gazetteer)] = (gazetteer, tuple(sorted(names, key=len, reverse=True)))
    return cached[1]


#: :func:`_province_prefixes` by gazetteer (``id`` → ``(gazetteer, prefixes)``).
_PREFIXES: dict[int, tuple] = {}


def with_province_named_forms(pairs: list, prefixes: tuple[str, ...]) -> list:
    """``pairs`` where a zone or lab named once with its province in front
    (``河南商丘高新技术产业开发区``) and once without (``商丘高新技术产业开发区``, in the
    title) is one node in the document: the longer name's.

    >>> from types import SimpleNamespace as E
    >>> long, short = E(type="DevelopmentZone", label="河南商丘高新区"), E(type="DevelopmentZone", label="商丘高新区")
    >>> ms = [Mention("商丘高新区", "DevelopmentZone", 0, 5), Mention("河南商丘高新区", "DevelopmentZone", 9, 16)]
    >>> [e.label for _, e in with_province_named_forms(list(zip(ms, [short, long])), ("河南省", "河南"))]
    ['河南商丘高新区', '河南商丘高新区']
    """
    if not prefixes:
        return pairs
    full = {(e.type, e.label): e for _, e in pairs if e.type in PROVINCE_PREFIXED}
    if len(full) < 2:
        return pairs
    merged = {}
    for (kind, label), entity in full.items():
        for prefix in prefixes:
            if label.startswith(prefix) and len(label) - len(prefix) >= 4:
                shorter = full.get((kind, label[len(prefix):]))
                if shorter is not None:
                    merged[id(shorter)] = entity
                break
    if not merged:
        return pairs
    return [(m, merged.get(id(e), e)) for m, e in pairs]


#: A short name a document declares right after a name: ``(以下简称“揭阳高新区”)``.
SHORT_NAME = re.compile(r"\s*[(（]\s*(?:以下简称|以下称|下称|简称)\s*[:：]?\s*[“\"「]?"
                        r"(?P<short>[^“”\"「」()（）,，、;；。\n]{2,20}?)[”\"」]?\s*[)）]")


def with_declared_short_names(text: str, pairs: list) -> list:
    """``pairs`` where every mention of a short name the document declared for an
    entity (``X(以下简称Y)``) stands for that entity from there on, so X and Y are one
    node (Y becomes its altLabel).  Only a mention of the same class is taken over.

    >>> from types import SimpleNamespace as E
    >>> t = "同意设立广东揭阳高新技术产业开发区(以下简称揭阳高新区)。揭阳高新区要加快发展。"
    >>> full, short = E(type="DevelopmentZone", iri="z/full"), E(type="DevelopmentZone", iri="z/short")
    >>> ms = [Mention("广东揭阳高新技术产业开发区", "DevelopmentZone", 4, 17),
    ...       Mention("揭阳高新区", "DevelopmentZone", 22, 27), Mention("揭阳高新区", "DevelopmentZone", 29, 34)]
    >>> [e.iri for _, e in with_declared_short_names(t, list(zip(ms, [full, short, short])))]
    ['z/full', 'z/full', 'z/full']
    """
    if "称" not in text:
        return pairs
    from graph.resolve import normalise
    declared: dict[tuple[str, str], Entity] = {}
    out = []
    for mention, entity in pairs:
        entity = declared.get((normalise(mention_name(mention)), entity.type), entity)
        short = SHORT_NAME.match(text, mention.end)
        if short:
            declared.setdefault((normalise(short.group("short")), entity.type), entity)
        out.append((mention, entity))
    return out


def _unresolved_relative(mention: Mention, entity: Entity) -> bool:
    """True for a body written by its level alone (``市科技局``, marked
    ``relative``) that the resolver could not read as one real body: in a
    provincial document it is any city's department.

    >>> _unresolved_relative(Mention("市科技局", "Agency", 0, 4, (("relative", "true"),)),
    ...                      Entity(iri="x", type="Agency", label="市科技局", key="市科技局"))
    True
    """
    return dict(mention.attrs).get("relative") == "true" and entity.label == mention_name(mention)


def _generic(mention: Mention, resolver, cache: dict) -> bool:
    """True for an Agency mention the resolver calls generic (memoised)."""
    if mention.label != "Agency" or not hasattr(resolver, "is_generic"):
        return False
    name = mention_name(mention)
    if name not in cache:
        cache[name] = resolver.is_generic(name)
    return cache[name]


def entity_facts(document: Document, mentions: list[Mention], resolver) -> list[Fact]:
    """Type, labels, mentions and status facts of every mentioned entity."""
    graph = document_graph(document)
    facts: list[Fact] = []
    for mention, entity in resolve_mentions(document, mentions, resolver):
        iri = entity.iri
        facts.append(Fact.type(iri, entity.type, graph))
        facts.append(Fact.label(iri, entity.label, graph))
        facts.append(Fact(graph, "gov:mentions", iri, graph))
        surfaces = set(entity.alt_labels) | {_clean(mention.text)}
        for alt in sorted(s for s in surfaces if s and s != entity.label):
            facts.append(Fact.label(iri, alt, graph, predicate="skos:altLabel"))
        attrs = dict(mention.attrs)
        if (attrs.get("inPreparation") == "true" or entity.attrs.get("inPreparation") == "true") \
                and entity.type in ("DevelopmentZone", "Laboratory"):
            facts.append(Fact.literal(iri, "gov:inPreparation", "true", graph, datatype="xsd:boolean"))
    return list(dict.fromkeys(facts))


def _clean(surface: str) -> str:
    """A surface form as an altLabel: canonical spelling, same as labels.

    >>> _clean("浙江桐庐经济开发区 ")
    '浙江桐庐经济开发区'
    """
    from graph.resolve import normalise
    return normalise(surface)


class PairIndex:
    """``(mention, entity)`` pairs indexed by where the mentions start, so a
    family asks "which mentions start here / from here on" in a dict look-up
    or a bisection instead of a pass over every pair (linear time on very
    large documents).  Answers come in the order of ``pairs``.

    >>> from types import SimpleNamespace as M
    >>> a, b, c = M(start=0, end=2), M(start=3, end=5), M(start=3, end=7)
    >>> index = PairIndex([(a, "A"), (b, "B"), (c, "C")])
    >>> [e for _, e in index.starting_at(3)], [e for _, e in index.from_offset(1)]
    (['B', 'C'], ['B', 'C'])
    >>> index.spans(3, 5), index.spans(0, 5)
    (True, False)
    """

    def __init__(self, pairs: list) -> None:
        self.pairs = pairs
        self.starts = [m.start for m, _ in pairs]
        #: mentions come in document order (``graph.nlp`` sorts them); else
        #: :meth:`from_offset` falls back to a pass over every pair
        self.ordered = all(a <= b for a, b in zip(self.starts, self.starts[1:]))
        self._at: dict[int, list] = {}
        for pair in pairs:
            self._at.setdefault(pair[0].start, []).append(pair)
        self._spans = {(m.start, m.end) for m, _ in pairs}

    def starting_at(self, pos: int) -> list:
        """The pairs whose mention starts at ``pos``."""
        return self._at.get(pos, [])

    def from_offset(self, pos: int):
        """The pairs whose mention starts at or after ``pos``, in order."""
        if not self.ordered:
            return (p for p in self.pairs if p[0].start >= pos)
        first = bisect.bisect_left(self.starts, pos)
        return (self.pairs[i] for i in range(first, len(self.pairs)))

    def spans(self, start: int, end: int) -> bool:
        """True when a mention covers exactly ``[start, end)``."""
        return (start, end) in self._spans


@lru_cache(maxsize=4)
def _newlines(text: str) -> list[int]:
    """Offsets of every line break of ``text`` (read once per text)."""
    out, at = [], text.find("\n")
    while at >= 0:
        out.append(at)
        at = text.find("\n", at + 1)
    return out


def line_start(text: str, pos: int) -> int:
    """Where the line holding ``pos`` starts: ``text.rfind("\\n", 0, pos) + 1``
    for ``pos >= 0``, by bisection (a single-line text of several MB would
    make each look-up a scan back to its start).

    >>> line_start("ab\\ncd\\nef", 4), line_start("ab\\ncd\\nef", 3), line_start("ab\\ncd", 2)
    (3, 3, 0)
    """
    breaks = _newlines(text)
    i = bisect.bisect_left(breaks, pos)
    return breaks[i - 1] + 1 if i else 0


def line_end(text: str, pos: int) -> int:
    """The first line break at or after ``pos``, or -1: ``text.find("\\n", pos)``.

    >>> line_end("ab\\ncd", 0), line_end("ab\\ncd", 2), line_end("ab\\ncd", 3)
    (2, 2, -1)
    """
    breaks = _newlines(text)
    i = bisect.bisect_left(breaks, pos)
    return breaks[i] if i < len(breaks) else -1


def words(key: str) -> list:
    """Word list ``key`` of ``ontology/patterns/relations.yaml`` (the
    vocabulary of the relation families; read once).

    >>> words("coordination")
    ['、', '和', '及', '与', '以及']
    """
    from graph.nlp.common import load_patterns

    return load_patterns("relations")[key]


def alternation(key: str, escape: bool = True) -> str:
    """The words of list ``key`` of ``relations.yaml`` as a regex alternation,
    in the file's order (``escape=False`` for lists of regex fragments).

    >>> alternation("merge_manners")
    '整体|全部|一并'
    """
    return "|".join(re.escape(w) if escape else w for w in words(key))
