"""``gov:establishes``: the document approves or sets up an institution, a
development zone, a laboratory or a programme.

- Founding notices and approvals (title ``关于(同意)(正式)设立/成立/组建/建设/
  筹建 X … 的批复/通知/决定``): every institution, zone or laboratory
  mention directly after 设立/成立/组建/建设/筹建 in the title or the text
  (``在…的基础上设立湖州工程技师学院``, ``同意设立台州技师学院``).
- Issuing notices (``关于印发 X规划 的通知``): the programme X.
"""

from __future__ import annotations

import re

from graph.extract.entities import document_graph, resolve_mentions
from graph.model import Document, Fact, Mention
from graph.nlp.common import literal_regex, load_patterns

#: Titles of founding notices and approvals.
FOUNDING_TITLE = re.compile(r"关于(?:同意|批准)?(?:正式)?(?:设立|成立|组建|建设|筹建|新建|设置|升格)")
#: The verb right before an established entity (up to two filler characters).
FOUNDING_VERB = re.compile(r"(?:设立|成立|组建|建设|筹建|新建|设置)")
FOUNDED = ("Institution", "DevelopmentZone", "Laboratory")


def extract(document: Document, mentions: list[Mention], resolver) -> list[Fact]:
    """Establishment facts of one document."""
    graph = document_graph(document)
    facts: list[Fact] = []
    title = (document.title or "").replace(" ", "")
    if FOUNDING_TITLE.search(title):
        facts += _founded(document, mentions, resolver, graph)
    program = issued_program(title)
    if program:
        entity = resolver.resolve(program, "Program", when=document.date)
        facts.append(Fact(graph, "gov:establishes", entity.iri, graph))
        facts.append(Fact.type(entity.iri, "Program", graph))
        facts.append(Fact.label(entity.iri, entity.label, graph))
        facts.append(Fact(graph, "gov:mentions", entity.iri, graph))
    return list(dict.fromkeys(facts))


def _founded(document: Document, mentions: list[Mention], resolver, graph: str) -> list[Fact]:
    """Entities named right after a founding verb in the text."""
    text = document.text
    out = []
    for mention, entity in resolve_mentions(document, mentions, resolver):
        if entity.type not in FOUNDED:
            continue
        before = text[max(0, mention.start - 6):mention.start]
        m = None
        for m in FOUNDING_VERB.finditer(before):
            pass
        if m is not None and len(before) - m.end() <= 2 and not re.search(r"[,，。;；、]", before[m.end():]):
            out.append(Fact(graph, "gov:establishes", entity.iri, graph))
    return out


def issued_program(title: str):
    """The programme a ``关于印发X的通知`` title issues, or None.

    >>> issued_program("浙江省人民政府关于印发浙江省海洋经济发展“十四五”规划的通知")
    '浙江省海洋经济发展“十四五”规划'
    >>> issued_program("浙江省人民政府办公厅关于印发2021年浙江省政务公开工作要点的通知") is None
    True
    """
    endings = literal_regex(load_patterns("programs").get("title_endings", []))
    m = re.search(r"印发《?(.{4,80}?" + endings + r")》?的(?:通知|决定)$", title)
    return m.group(1) if m else None
