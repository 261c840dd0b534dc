"""``gov:ledBy`` / ``gov:leads``: who builds a laboratory (or programme).

Read from ``由X牵头建设Y``, ``X牵头组建Y``, ``依托X建设Y`` and similar, where
X is an institution, agency or laboratory mention ending right before the
verb and Y a laboratory (or programme) mention starting right after it::

    由浙江大学牵头建设良渚实验室(系统医学与精准诊治浙江省实验室)

gives ``良渚实验室 gov:ledBy 浙江大学`` and ``浙江大学 gov:leads 良渚实验室``.
Locations of laboratories come from ``graph.extract.location``.
"""

from __future__ import annotations

import re

from graph.extract.entities import document_graph, resolve_mentions
from graph.model import Document, Fact, Mention

#: The verb between the leader and what it builds.
LEAD_WORD = re.compile(r"牵头(?:建设|组建|共建|筹建|承建|创建)|(?:负责|承担)(?:建设|组建)")
LEADERS = ("Institution", "Agency", "Laboratory")
LED = ("Laboratory", "Program")


def extract(document: Document, mentions: list[Mention], resolver) -> list[Fact]:
    """Lead facts of one document."""
    graph = document_graph(document)
    text = document.text
    pairs = resolve_mentions(document, mentions, resolver)
    by_end = {m.end: (m, e) for m, e in pairs if e.type in LEADERS}
    by_start = {m.start: (m, e) for m, e in pairs if e.type in LED}
    facts = []
    for verb in LEAD_WORD.finditer(text):
        leader = by_end.get(verb.start())
        led = by_start.get(verb.end())
        if leader is None or led is None:
            continue
        (_, x), (_, y) = leader, led
        if x.iri == y.iri:
            continue
        facts.append(Fact(y.iri, "gov:ledBy", x.iri, graph))
        facts.append(Fact(x.iri, "gov:leads", y.iri, graph))
    # ``依托X建设Y``: X is the host and leader of Y.
    for host in re.finditer(r"依托", text):
        after = [(m, e) for m, e in pairs if m.start == host.end() and e.type in LEADERS]
        if not after:
            continue
        m, x = after[0]
        verb = re.compile(r"(?:牵头)?(?:建设|组建|共建)").match(text, m.end)
        led = by_start.get(verb.end()) if verb else None
        if led is not None and led[1].iri != x.iri:
            facts.append(Fact(led[1].iri, "gov:ledBy", x.iri, graph))
            facts.append(Fact(x.iri, "gov:leads", led[1].iri, graph))
    return list(dict.fromkeys(facts))
