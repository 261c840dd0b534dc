"""Rewards: who received which award, honour, incentive or rating, and who grants it.

Reads the conferrals found by :mod:`graph.nlp.awards` and states them:

- every award is a ``gov:Award`` (label ``2020年度浙江省自然科学奖一等奖``, the
  surface form ``浙江省自然科学奖一等奖`` as altLabel, ``gov:awardYear``,
  ``gov:awardCategory``, ``gov:awardGrade``, ``gov:rating``) with
  ``gov:conferredBy`` the issuer(s) of the document;
- every recipient (Person, team, Institution, Achievement with its
  ``gov:recipientCount``, Region) ``gov:rewardedBy`` the award;
- in an incentive notice (督查激励) every numbered item is an Award; the regions
  listed under it are rewarded by it and the units of its ``(…组织实施)`` note
  are ``gov:responsibleFor`` it;
- a naming notice for ``示范市、县(市、区)`` yields one honour per kind of place;
- officials in a roster or an appointment notice (任命X为Y, 免去X的Y职务) are
  Persons (with ``schema:jobTitle``);
- a commendation's collectives and persons listed under their title in the
  attachment are rewarded by it;
- an assessment notice's ratings (``考核结果为优秀的设区市:…``) reward each region listed.

>>> from graph.model import Document
>>> d = Document(key="k", title="2020年度浙江省科学技术奖励的决定", text="授予潘云鹤院士浙江科技大奖。", issuers=["浙江省人民政府"])
>>> [g.award.name(d.text) for g in grants_of(d)]
['2020年度浙江科技大奖']
"""

from __future__ import annotations

import re
from typing import Optional

from graph.model import Document, Entity, Fact
from graph.nlp.awards import (Found, Grant, appointment_persons, document_year, implementing_units, incentive_items,
                               post_unit, read_grants, roster_persons, split_honour)


def grants_of(document: Document) -> list[Grant]:
    """The conferrals in a document (prizes, honours, ratings), year from its title."""
    year = document_year(document.title) or document_year(document.text)
    return read_grants(document.text, year=year)


# ---------------------------------------------------------------------------
# Nodes
# ---------------------------------------------------------------------------


def node_facts(entity: Entity, surfaces: list[str], graph: str) -> list[Fact]:
    """Type, label, altLabels and ``gov:mentions`` of a node named in the document."""
    facts = [
        Fact.type(entity.iri, entity.type, graph),
        Fact.label(entity.iri, entity.label, graph),
        Fact(graph, "gov:mentions", entity.iri, graph),
    ]
    for alt in sorted(set(surfaces) | set(entity.alt_labels)):
        if alt and alt != entity.label:
            facts.append(Fact.label(entity.iri, alt, graph, predicate="skos:altLabel"))
    return facts


def _nospace(s: str) -> str:
    return re.sub(r"\s+", "", s)


def award_facts(document: Document, award: Found, resolver, graph: str, label: Optional[str] = None,
                alt: tuple[str, ...] = ()) -> tuple[str, list[Fact]]:
    """The Award node (with its readings and its granting bodies); returns ``(iri, facts)``."""
    text = document.text
    label = label or award.name(text)
    entity = resolver.resolve(label, "Award", when=document.date)
    surfaces = [_nospace(text[award.start:award.end]), *alt]
    a = award.attrs
    for key in ("surface", "heading"):
        if a.get(key):
            surfaces.append(a[key])
    if a.get("surface") and a.get("modifier"):
        surfaces.append(a["surface"] + a["modifier"])
        surfaces.append(label + a["modifier"])
    facts = node_facts(entity, surfaces, graph)
    iri = entity.iri
    if a.get("year"):
        facts.append(Fact.literal(iri, "gov:awardYear", a["year"], graph, datatype="xsd:integer"))
    if a.get("grade"):
        facts.append(Fact.literal(iri, "gov:awardGrade", a["grade"], graph))
    if a.get("category"):
        facts.append(Fact.literal(iri, "gov:awardCategory", a["category"], graph))
    if a.get("rating"):
        facts.append(Fact.literal(iri, "gov:rating", a["rating"], graph))
    for issuer in document.issuers:
        body = resolver.resolve(issuer, "Agency", when=document.date)
        facts.append(Fact(iri, "gov:conferredBy", body.iri, graph))
        facts.extend(node_facts(body, [issuer], graph))
    return iri, facts


def recipient_facts(document: Document, recipient: Found, award_iris: list[str], resolver, graph: str) -> list[Fact]:
    """The recipient's node and ``gov:rewardedBy`` to each award."""
    text = document.text
    surface = _nospace(text[recipient.start:recipient.end])
    name = recipient.name(text)
    entity = resolver.resolve(name, recipient.label, when=document.date)
    facts = node_facts(entity, [surface, name], graph)
    for iri in award_iris:
        facts.append(Fact(entity.iri, "gov:rewardedBy", iri, graph))
    if recipient.attrs.get("count"):
        facts.append(Fact.literal(entity.iri, "gov:recipientCount", recipient.attrs["count"], graph,
                                  datatype="xsd:integer"))
    facts.extend(_unit_facts(document, recipient, resolver, graph))
    return facts


def _unit_facts(document: Document, recipient: Found, resolver, graph: str) -> list[Fact]:
    """The unit named in a listed person's post (``吴建华 浙江省商务厅对口支援处处长``): a node of
    its own (Agency or Institution), with no relation to the person (the contract has no post
    property)."""
    post = recipient.attrs.get("post")
    unit = post_unit(post) if recipient.label == "Person" and post else None
    if unit is None:
        return []
    entity = resolver.resolve(unit[0], unit[1], when=document.date)
    return node_facts(entity, [unit[0]], graph)


# ---------------------------------------------------------------------------
# Conferrals
# ---------------------------------------------------------------------------


def _honour_awards(document: Document, grant: Grant, resolver, graph: str) -> list[Fact]:
    """A naming notice: one honour per kind of place (``示范市`` / ``示范县(市、区)``)."""
    text = document.text
    surface = grant.award.attrs.get("surface") or grant.award.name(text)
    batch = grant.award.attrs.get("batch", "")
    plain = grant.award.name(text)
    titles = split_honour(plain)
    facts: list[Fact] = []
    iris = []
    for title in titles:
        alts = [title, surface, plain]
        note_free = re.sub(r"\([^()]*\)$", "", title)
        alts.append(note_free)
        iri, f = award_facts(document, grant.award, resolver, graph, label=batch + title, alt=tuple(alts))
        iris.append(iri)
        facts.extend(f)
        if grant.award.attrs.get("count") and len(titles) == 1:
            facts.append(Fact.literal(iri, "gov:recipientCount", grant.award.attrs["count"], graph,
                                      datatype="xsd:integer"))
    if len(iris) == 1:
        for r in grant.recipients:
            facts.extend(recipient_facts(document, r, iris, resolver, graph))
        return facts
    groups = grant.groups if len(grant.groups) == len(iris) else None
    for k, group in enumerate(groups or [grant.recipients]):
        for r in group:
            target = [iris[k]] if groups else [_by_level(r, iris, resolver, document)]
            facts.extend(recipient_facts(document, r, target, resolver, graph))
    return facts


def _by_level(recipient: Found, iris: list[str], resolver, document: Document) -> str:
    """The 市 honour for a prefecture-level city, the 县 honour for the rest."""
    entity = resolver.resolve(recipient.name(document.text), "Region", when=document.date)
    return iris[0] if entity.attrs.get("adminLevel") == "prefecture" else iris[-1]


def _grant_facts(document: Document, grant: Grant, resolver, graph: str) -> list[Fact]:
    if grant.kind == "honour":
        return _honour_awards(document, grant, resolver, graph)
    iri, facts = award_facts(document, grant.award, resolver, graph)
    for r in grant.recipients:
        facts.extend(recipient_facts(document, r, [iri], resolver, graph))
    return facts


def _incentive_facts(document: Document, resolver, graph: str) -> list[Fact]:
    """Each 督查激励 item: Award, regions rewarded, units responsible."""
    from graph.extract.responsibility import Unit, unit_facts

    text = document.text
    facts: list[Fact] = []
    for item in incentive_items(text):
        iri, f = award_facts(document, item.award, resolver, graph)
        facts.extend(f)
        for region in item.regions:
            facts.extend(recipient_facts(document, region, [iri], resolver, graph))
        units = [Unit(_nospace(text[x:y]), x, y) for x, y in implementing_units(text, item.start, item.end)]
        facts.extend(unit_facts(document, units, iri, graph, resolver))
    return facts


def _roster_facts(document: Document, resolver, graph: str) -> list[Fact]:
    """Officials named in a roster or an appointment notice, with their posts."""
    facts: list[Fact] = []
    for person in roster_persons(document.text) + appointment_persons(document.text):
        entity = resolver.resolve(person.name(document.text), "Person", when=document.date)
        facts.extend(node_facts(entity, [], graph))
        if person.attrs.get("post"):
            facts.append(Fact.literal(entity.iri, "schema:jobTitle", person.attrs["post"], graph, lang="zh"))
    return facts


def extract(document: Document, mentions, resolver) -> list[Fact]:
    """Award, honour, incentive and rating facts read from one document."""
    from graph.extract.documents import document_iri

    graph = document_iri(document)
    facts: list[Fact] = []
    for grant in grants_of(document):
        facts.extend(_grant_facts(document, grant, resolver, graph))
    facts.extend(_incentive_facts(document, resolver, graph))
    facts.extend(_roster_facts(document, resolver, graph))
    return list(dict.fromkeys(facts))
