"""Where was a fact read?  Find the documents (named graphs) that state a triple.

Subjects and objects may be given by IRI or by any of their names
(``rdfs:label`` or ``skos:altLabel``); the predicate by CURIE (``gov:leads``)
or local name (``leads``).  For every stating document the answer gives its
number, date and title, and the passage (``gov:text``) of the measure when the
fact is about one.

>>> from graph.store import load_store_from_text
>>> store = load_store_from_text('''
... @prefix gov: <https://w3id.org/govkg/ontology#> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
... <http://x/d1> { <http://x/d1> gov:docNumber "浙政办发〔2021〕32号" .
...   <http://x/a> rdfs:label "浙江省商务厅"@zh ; skos:altLabel "省商务厅"@zh ; gov:leads <http://x/t> .
...   <http://x/t> gov:text "发展各类跨境电子商务平台。"@zh . }''')
>>> [(s.number, s.passage) for s in explain(store, "省商务厅", "leads", None)]
[('浙政办发〔2021〕32号', '发展各类跨境电子商务平台。')]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import pyoxigraph as ox

from graph.errors import UserError
from graph.vocab import expand

_PREFIX = """PREFIX gov: <https://w3id.org/govkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


@dataclass
class Statement:
    """One document stating one triple."""

    subject: str
    predicate: str
    object: str
    document: str
    number: Optional[str]
    date: Optional[str]
    title: Optional[str]
    passage: Optional[str]


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _node_pattern(var: str, given: Optional[str]) -> str:
    """SPARQL that binds ``?var`` to the node(s) named ``given`` (IRI or name)."""
    if not given:
        return ""
    if "://" in given:
        return f"VALUES ?{var} {{ <{given}> }}"
    name = _literal(given)
    return (f"{{ ?{var} rdfs:label|skos:altLabel ?{var}_name . "
            f"FILTER(STR(?{var}_name) = {name}) }}")


def explain(store: ox.Store, subject: Optional[str], predicate: Optional[str], obj: Optional[str],
            limit: int = 200) -> list[Statement]:
    """Every (triple, document) pair matching the given ends, with provenance."""
    if not (subject or obj):
        raise UserError("give a subject or an object (a name or an IRI)")
    pred = f"<{expand(predicate)}>" if predicate else "?p"
    query = f"""{_PREFIX}
SELECT DISTINCT ?s ?p ?o ?doc ?number ?date ?title ?passage WHERE {{
  {_node_pattern('s', subject)}
  {_node_pattern('o', obj)}
  GRAPH ?doc {{ ?s {pred} ?o }}
  BIND({pred} AS ?p)
  FILTER(?doc != <https://w3id.org/govkg/id/graph/gazetteer>)
  OPTIONAL {{ ?doc gov:docNumber ?number }}
  OPTIONAL {{ ?doc dcterms:issued ?date }}
  OPTIONAL {{ ?doc dcterms:title ?title }}
  OPTIONAL {{ {{ ?o gov:text ?passage }} UNION {{ ?s gov:text ?passage }} }}
}} ORDER BY ?date ?number ?s ?o LIMIT {int(limit)}"""
    rows = store.query(query, use_default_graph_as_union=True)
    out = []
    for row in rows:
        def val(name):
            term = row[name]
            return term.value if term is not None else None

        out.append(Statement(val("s"), val("p"), val("o"), val("doc"), val("number"),
                             val("date"), val("title"), val("passage")))
    return out


def label_of(store: ox.Store, iri: str) -> str:
    """The ``rdfs:label`` of a node, or its IRI."""
    rows = list(store.query(f"{_PREFIX} SELECT ?l WHERE {{ <{iri}> rdfs:label ?l }} LIMIT 1",
                            use_default_graph_as_union=True))
    return rows[0]["l"].value if rows else iri
