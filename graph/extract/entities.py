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
    return [(m, e) for m, e in pairs if not _unresolved_relative(m, e)]


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
