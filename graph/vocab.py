"""Namespaces of the public vocabulary and the minting of stable IRIs.

IRIs are derived from content keys only (document numbers, adcodes, canonical
names), never from counters, so the same input always yields the same IRIs.

>>> mint("region", "330100")
'https://w3id.org/govkg/id/region/330100'
>>> mint("doc", "浙政发〔2021〕14号")
'https://w3id.org/govkg/id/doc/浙政发-2021-14号'
>>> mint("agency", "浙江省 发展(改革)委")
'https://w3id.org/govkg/id/agency/浙江省发展-改革-委'
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

GOV = Namespace("https://w3id.org/govkg/ontology#")
ID_BASE = "https://w3id.org/govkg/id/"
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
SH = Namespace("http://www.w3.org/ns/shacl#")

#: The named graph holding background knowledge no document states.
GAZETTEER_GRAPH = ID_BASE + "graph/gazetteer"
#: The named graph holding the ontology's own terms.
ONTOLOGY_GRAPH = ID_BASE + "graph/ontology"

#: Prefixes bound on every graph we write (so rdflib never invents ``ns1:``).
PREFIXES = {
    "gov": GOV,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "org": ORG,
    "schema": SCHEMA,
}

#: The contract's entity classes (local names in ``gov:``).
ENTITY_CLASSES = (
    "Agency",
    "Region",
    "DevelopmentZone",
    "Laboratory",
    "Institution",
    "Program",
    "Task",
    "Award",
    "Person",
    "Achievement",
)

#: Path segment under ``ID_BASE`` for each kind of node.
KIND_OF_CLASS = {
    "Document": "doc",
    "Agency": "agency",
    "Region": "region",
    "DevelopmentZone": "zone",
    "Laboratory": "lab",
    "Institution": "org",
    "Program": "program",
    "Task": "task",
    "Award": "award",
    "Person": "person",
    "Achievement": "achievement",
}

_UNSAFE = re.compile(r"[\s\u3000]+")
_BRACKETS = re.compile(r"[〔〕()\[\]【】<>《》{}“”\"'‘’、,，:：;；/\\|#?%&=+]+")


def slug(key: str) -> str:
    """Turn a content key into a readable, IRI-safe path segment.

    >>> slug("浙政办发〔2020〕44号")
    '浙政办发-2020-44号'
    >>> slug("  ")
    '_'
    """
    s = unicodedata.normalize("NFKC", key)
    s = _UNSAFE.sub("", s)
    s = _BRACKETS.sub("-", s).strip("-")
    if not s:
        return "_"
    return "".join(ch if ch.isalnum() or ch in "-_.~" else quote(ch, safe="") for ch in s)


def mint(kind: str, key: str) -> str:
    """Return the IRI of the node of ``kind`` (e.g. ``"doc"``) with ``key``."""
    return f"{ID_BASE}{kind}/{slug(key)}"


def mint_for_class(cls: str, key: str) -> str:
    """Like :func:`mint` but takes a contract class name.

    >>> mint_for_class("Laboratory", "之江实验室")
    'https://w3id.org/govkg/id/lab/之江实验室'
    """
    return mint(KIND_OF_CLASS[cls], key)


def expand(name: str) -> str:
    """Expand a CURIE of a bound prefix to a full IRI; a bare name is ``gov:``.

    >>> expand("gov:leads")
    'https://w3id.org/govkg/ontology#leads'
    >>> expand("responsibleFor")
    'https://w3id.org/govkg/ontology#responsibleFor'
    >>> expand("https://w3id.org/govkg/id/region/330100")
    'https://w3id.org/govkg/id/region/330100'
    """
    if "://" in name:
        return name
    prefix, sep, local = name.partition(":")
    if not sep:
        return str(GOV) + name
    try:
        return str(PREFIXES[prefix]) + local
    except KeyError:
        raise ValueError(f"unknown prefix in {name!r}") from None
