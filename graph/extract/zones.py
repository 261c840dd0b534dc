"""``gov:integrates`` and ``gov:inPreparation`` for development zones.

In a zone list (``浙江省开发区(园区)名单``) each item names a zone and, in
brackets after it, the zones integrated into it::

    18. 宁波前湾新区(中意宁波生态园、宁波杭州湾经济技术开发区、宁波前湾综合保税区)
    40. 浙江鹿城经济开发区(筹)(浙江温州鹿城轻工产业园区)

gives ``宁波前湾新区 gov:integrates 中意宁波生态园`` (and the others), and
``浙江鹿城经济开发区 gov:inPreparation true``.  The list is read by
:func:`graph.nlp.zones.zone_list_items`, the same reader the entity pipeline
uses, so the names are the mentions' names.

A zone table flattened into the text (``序号 / 设区市 / 整合提升后平台 /
整合范围``, one cell per line) is read the same way by
:func:`graph.nlp.zones.zone_table_items`: the platform integrates each zone
its scope cell lists (``温州经济技术开发区、温州综合保税区``).
"""

from __future__ import annotations

from graph.extract.entities import document_graph
from graph.model import Document, Fact, Mention
from graph.nlp.zones import zone_list_items, zone_table_items


def extract(document: Document, mentions: list[Mention], resolver) -> list[Fact]:
    """Integration and status facts of the zone lists in a document."""
    graph = document_graph(document)
    facts: list[Fact] = []
    for item in zone_list_items(document.text) + zone_table_items(document.text):
        head = resolver.resolve(item.head, "DevelopmentZone", when=document.date)
        if item.head_prep:
            facts.append(_prep(head.iri, graph))
        for name, _, prep in item.members:
            member = resolver.resolve(name, "DevelopmentZone", when=document.date)
            if member.iri == head.iri:
                continue
            facts.append(Fact(head.iri, "gov:integrates", member.iri, graph))
            if prep:
                facts.append(_prep(member.iri, graph))
    return list(dict.fromkeys(facts))


def _prep(iri: str, graph: str) -> Fact:
    """``iri gov:inPreparation true``."""
    return Fact.literal(iri, "gov:inPreparation", "true", graph, datatype="xsd:boolean")
