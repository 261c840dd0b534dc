"""What the sentence-level tests read from a text written for them: the names of one
class the pipeline finds, and the facts one extraction module states (as labels).

Used with the ``kit`` fixture of ``tests/conftest.py`` (the pipeline and a resolver).

>>> from datetime import date
>>> doc = document("同意设立X。", number="测试〔2022〕1号", when=date(2022, 3, 1))
>>> doc.key, doc.text
('测试〔2022〕1号', '同意设立X。')
"""

from __future__ import annotations

from datetime import date

from graph.model import Document
from graph.nlp import find_mentions, find_mentions_in_text
from graph.resolve import canonical_name


def labelled(kit, text: str, label: str) -> list[str]:
    """The canonical names of the ``label`` mentions the pipeline finds in ``text``."""
    return [canonical_name(m.text) for m in find_mentions_in_text(kit[0], text) if m.label == label]


def document(text: str, number: str, when: date, title: str = "") -> Document:
    """A document holding ``text`` under ``number``, issued on ``when``."""
    return Document(key=number, title=title, text=text, number=number, date=when)


def stated(kit, doc: Document, module, predicate: str) -> list:
    """Labels of the ``predicate`` facts ``module`` reads from ``doc``, sorted:
    ``(subject, object)`` pairs, or objects alone for ``gov:establishes``."""
    nlp, resolver = kit
    mentions = find_mentions(nlp, doc)
    labels = {}
    for m in mentions:
        e = resolver.resolve(m.text, m.label, when=doc.date)
        labels[e.iri] = e.label
    out = [f for f in module.extract(doc, mentions, resolver) if f.predicate == predicate]
    if predicate == "gov:establishes":
        return sorted(labels.get(f.object) for f in out)
    return sorted((labels.get(f.subject), labels.get(f.object)) for f in out)


def label_pairs(facts, predicate: str) -> set[tuple[str, str]]:
    """The ``(subject, object)`` labels of the ``predicate`` facts among ``facts``
    (labels from their ``rdfs:label`` facts)."""
    labels = {f.subject: f.object for f in facts if f.predicate == "rdfs:label"}
    return {(labels[f.subject], labels[f.object]) for f in facts if f.predicate == predicate}


def integrates(kit, text: str, number: str = "测试〔2022〕5号", when: date = date(2022, 3, 1)) -> list:
    """``(zone, integrated zone)`` labels of the integration facts read from ``text``, sorted."""
    from graph.extract import zones

    return stated(kit, document(text, number, when), zones, "gov:integrates")
