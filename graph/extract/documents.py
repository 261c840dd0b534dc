"""Document metadata as facts: number, title, date, type, issuers, addressees, citations.

Every fact goes into the document's own named graph (its IRI).  Issuers and
addressees are resolved to Agency (or Region) nodes by the Resolver; cited
numbers become ``gov:Document`` nodes keyed by number, whether or not the cited
document is in the corpus.

>>> from graph.model import Document
>>> d = Document(key="浙政函〔2021〕45号", number="浙政函〔2021〕45号", title="关于正式设立某学院的批复",
...              text="", cites=["金政〔2021〕5号"])
>>> sorted(f.predicate for f in metadata_facts(d) if f.subject == document_iri(d))
['dcterms:title', 'gov:cites', 'gov:docNumber', 'rdf:type', 'rdfs:label']
"""

from __future__ import annotations

from graph.model import Document, Fact
from graph.vocab import mint


def document_iri(document: Document) -> str:
    """The IRI of a document (and of its named graph), from its key."""
    return mint("doc", document.key)


def cited_iri(number: str) -> str:
    """The IRI of a document cited by number."""
    return mint("doc", number)


def metadata_facts(document: Document) -> list[Fact]:
    """Facts about the document itself that need no resolution."""
    iri = document_iri(document)
    facts = [Fact.type(iri, "Document", iri)]
    if document.title:
        facts.append(Fact.label(iri, document.title, iri))
        facts.append(Fact.literal(iri, "dcterms:title", document.title, iri))
    elif document.number:
        facts.append(Fact.label(iri, document.number, iri))
    if document.number:
        facts.append(Fact.literal(iri, "gov:docNumber", document.number, iri))
    if document.date:
        facts.append(Fact.literal(iri, "dcterms:issued", document.date.isoformat(), iri, datatype="xsd:date"))
    if document.doc_type:
        facts.append(Fact.literal(iri, "gov:docType", document.doc_type, iri))
    if document.source_path:
        facts.append(Fact.literal(iri, "gov:sourceFile", document.source_path, iri))
    for number in sorted(set(document.cites) - {document.number}):
        target = cited_iri(number)
        facts.append(Fact(iri, "gov:cites", target, iri))
        facts.append(Fact.type(target, "Document", iri))
        facts.append(Fact.literal(target, "gov:docNumber", number, iri))
    return facts


def _entity_facts(entity, surface: str, graph: str) -> list[Fact]:
    facts = [
        Fact.type(entity.iri, entity.type, graph),
        Fact.label(entity.iri, entity.label, graph),
        Fact(graph, "gov:mentions", entity.iri, graph),
    ]
    if surface and surface != entity.label:
        facts.append(Fact.label(entity.iri, surface, graph, predicate="skos:altLabel"))
    return facts


def party_facts(document: Document, resolver) -> list[Fact]:
    """``gov:issuedBy`` and ``gov:addressedTo`` facts, with the parties' nodes.

    Issuers are resolved as agencies at the document's date; the 主送 line is
    split into the bodies it names (generic groups such as 各市、县(市、区)人民政府
    name no body and are dropped by the resolver's list splitter, which reads the
    document's context: 市政府 is generic in a provincial document, a body in a city's).
    """
    iri = document_iri(document)
    facts: list[Fact] = []
    for issuer in document.issuers:
        entity = resolver.resolve(issuer, "Agency", when=document.date)
        facts.append(Fact(iri, "gov:issuedBy", entity.iri, iri))
        facts.extend(_entity_facts(entity, issuer, iri))
    # One list, so that a generic head (各设区市…) governs the items after it.
    for unit in resolver.split_unit_list("、".join(document.addressees)):
        entity = resolver.resolve(unit, "Agency", when=document.date)
        facts.append(Fact(iri, "gov:addressedTo", entity.iri, iri))
        facts.extend(_entity_facts(entity, unit, iri))
    return facts


def extract(document: Document, mentions, resolver) -> list[Fact]:
    """All document-level facts (the extractor interface of ``graph.extract``)."""
    return metadata_facts(document) + party_facts(document, resolver)
