"""Score a built graph against hand-made gold annotations.

The gold files (``tests/gold/entities/*.yaml``, format in ``tests/gold/README.md``)
list, per document, the entities it mentions and the relations it states.  The
system side is a build directory: ``DIR/graph.trig`` holds one named graph per
document (graph name = the document's IRI).

Per document:

* system entities = nodes the document's graph ``gov:mentions``, with their
  contract class (``rdf:type``, sub-classes followed) and every name they carry
  (``rdfs:label``, ``skos:prefLabel``, ``skos:altLabel``, from all graphs);
* system relations = triples with a contract property in the document's graph
  (``gov:leads`` also counts as ``gov:responsibleFor``, its super-property).

Names are compared after :func:`norm_name`.  Counts are summed over documents
(micro average); see :class:`Score`.

>>> norm_name(" 中国〔浙江〕自由贸易试验区 宁波片区 ")
'中国(浙江)自由贸易试验区宁波片区'
>>> Score(tp_sys=3, n_sys=4, tp_gold=3, n_gold=4).f1
0.75
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

import yaml

from graph.errors import UserError
from graph.vocab import ENTITY_CLASSES, GOV, mint

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDFS_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
RDFS_SUBPROPERTY = "http://www.w3.org/2000/01/rdf-schema#subPropertyOf"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"

#: Classes scored as entities (Task is scored through relations).
SCORED_CLASSES = tuple(c for c in ENTITY_CLASSES if c != "Task")

#: The contract's relations, in the order the report lists them.
RELATIONS = (
    "responsibleFor",
    "leads",
    "locatedIn",
    "rewardedBy",
    "conferredBy",
    "issuedBy",
    "addressedTo",
    "cites",
    "integrates",
    "ledBy",
    "establishes",
)

#: Relations whose subject is the document itself.
DOC_SUBJECT = frozenset({"issuedBy", "addressedTo", "cites", "establishes"})

#: Sub-properties the contract states (``leads`` ⊑ ``responsibleFor``).
CONTRACT_SUBPROPERTIES = {"leads": {"responsibleFor"}}

_SPACES = re.compile(r"\s+")
_OPEN = str.maketrans({"〔": "(", "（": "(", "[": "(", "【": "(", "〕": ")", "）": ")", "]": ")", "】": ")"})
_DROP = re.compile(r"[“”\"'‘’《》「」『』]")
_DASHES = re.compile(r"[—–―‐－]+")
_PATH_SEPARATORS = re.compile(r"[/>›»|·\s]+")
_SECTION_PATH = re.compile(
    r"^(?:附件\d*)?(?:[一二三四五六七八九十百]+、|\([一二三四五六七八九十百]+\)|\d+\.|\(\d+\)|[①-⑳])+$"
)
_ATTACHMENT_PREFIX = re.compile(r"^附件\d*")


# --------------------------------------------------------------------------- names


def norm_name(name: str) -> str:
    """Normalise a name for comparison: NFKC, no spaces, one bracket style, no quotes.

    >>> norm_name("“自主指令集嵌入式 CPU研发与产业化”")
    '自主指令集嵌入式CPU研发与产业化'
    >>> norm_name("浙政发〔２０２１〕１４ 号")
    '浙政发(2021)14号'
    >>> norm_name("(2020—2022 年)")
    '(2020-2022年)'
    """
    s = unicodedata.normalize("NFKC", name)
    s = _SPACES.sub("", s).translate(_OPEN)
    s = _DROP.sub("", s)
    return _DASHES.sub("-", s)


def norm_path(path: str) -> str:
    """Normalise a section path: separators and spaces dropped, brackets unified.

    >>> norm_path("一、 / （二）")
    '一、(二)'
    >>> norm_path("附件1 › 三、")
    '三、'
    """
    s = unicodedata.normalize("NFKC", path).translate(_OPEN)
    s = _PATH_SEPARATORS.sub("", s)
    return _ATTACHMENT_PREFIX.sub("", s)


def is_section_path(text: str) -> bool:
    """True when ``text`` reads as a section path rather than a quote.

    >>> is_section_path("三、(二)"), is_section_path("(三)2."), is_section_path("健全技术转移体系")
    (True, True, False)
    """
    return bool(_SECTION_PATH.match(norm_path(text)))


# --------------------------------------------------------------------------- gold


@dataclass
class GoldEntity:
    """One gold entity: its class, names (first = canonical) and extra match keys."""

    type: str
    names: list[str]
    contains: list[str] = field(default_factory=list)
    adcode: Optional[str] = None

    @property
    def label(self) -> str:
        return self.names[0]

    @property
    def keys(self) -> set[str]:
        return {norm_name(n) for n in self.names}


@dataclass
class End:
    """One end of a gold relation.

    ``kind`` is ``"names"`` (``alternatives`` lists, per accepted answer, the gold
    entity or bare name it stands for), ``"task"`` (``path`` or ``quote``),
    ``"doc"`` (the document itself), ``"number"`` (a cited document number) or
    ``"any"`` (``options``: tasks written ``§path|§quote``, either may match).
    """

    kind: str
    text: str
    alternatives: list[GoldEntity] = field(default_factory=list)
    path: Optional[str] = None
    quote: Optional[str] = None
    options: list["End"] = field(default_factory=list)


@dataclass
class GoldRelation:
    predicate: str
    s: End
    o: End

    def describe(self) -> str:
        return f"{self.s.text} —{self.predicate}→ {self.o.text}"


@dataclass
class GoldDoc:
    """The annotations of one document."""

    doc: str
    file: str
    title: str
    entities: list[GoldEntity]
    optional: list[GoldEntity]
    relations: list[GoldRelation]
    source: str = ""


def _parse_entity(item, type_: str, where: str) -> GoldEntity:
    """Read one entity entry (string ``"a | b"`` or mapping).

    >>> _parse_entity("浙江省科学技术厅 | 省科技厅", "Agency", "x").names
    ['浙江省科学技术厅', '省科技厅']
    >>> _parse_entity({"name": "杭州市", "adcode": 330100}, "Region", "x").adcode
    '330100'
    """
    if isinstance(item, str):
        names = [n.strip() for n in item.split("|") if n.strip()]
        if not names:
            raise UserError(f"{where}: empty {type_} entry")
        return GoldEntity(type_, names)
    if isinstance(item, dict):
        type_ = item.get("type", type_)
        if "name" not in item:
            raise UserError(f"{where}: {type_} entry without a name: {item!r}")
        names = [str(item["name"]).strip()] + [str(a).strip() for a in item.get("aliases") or []]
        contains = item.get("contains") or []
        if isinstance(contains, str):
            contains = [contains]
        adcode = item.get("adcode")
        return GoldEntity(type_, [n for n in names if n], [str(c) for c in contains], str(adcode) if adcode else None)
    raise UserError(f"{where}: cannot read entity entry {item!r}")


def _parse_entities(block, where: str) -> list[GoldEntity]:
    """Read an ``entities``/``optional`` block: grouped by class or a flat list."""
    out: list[GoldEntity] = []
    if not block:
        return out
    if isinstance(block, dict):
        for type_, items in block.items():
            if type_ not in ENTITY_CLASSES:
                raise UserError(f"{where}: unknown entity class {type_!r}")
            for item in items or []:
                out.append(_parse_entity(item, type_, where))
    elif isinstance(block, list):
        for item in block:
            if not isinstance(item, dict) or "type" not in item:
                raise UserError(f"{where}: flat entity entries need a type: {item!r}")
            if item["type"] not in ENTITY_CLASSES:
                raise UserError(f"{where}: unknown entity class {item['type']!r}")
            out.append(_parse_entity(item, item["type"], where))
    else:
        raise UserError(f"{where}: entities must be a mapping or a list")
    return out


def _name_index(entities: Iterable[GoldEntity]) -> dict[str, GoldEntity]:
    """Map every normalised name of the file's entities to its entity."""
    index: dict[str, GoldEntity] = {}
    for ent in entities:
        for key in ent.keys:
            index.setdefault(key, ent)
    return index


def _parse_end(text, predicate: str, role: str, index: dict[str, GoldEntity]) -> End:
    """Read one relation end (``§`` task, ``a|b`` alternatives, a name)."""
    text = str(text).strip()
    if role == "o" and predicate == "cites":
        return End("number", text)
    if text.startswith("§") and "|§" in text:
        options = [_parse_end("§" + t, predicate, role, index) for t in text[1:].split("|§")]
        return End("any", text, options=options)
    if text.startswith("§"):
        ref = text[1:].strip()
        if is_section_path(ref):
            return End("task", text, path=norm_path(ref))
        return End("task", text, quote=norm_name(ref))
    alternatives = []
    for alt in text.split("|"):
        alt = alt.strip()
        if alt:
            alternatives.append(index.get(norm_name(alt)) or GoldEntity("", [alt]))
    return End("names", text, alternatives)


def _parse_relations(block, index: dict[str, GoldEntity], where: str) -> list[GoldRelation]:
    """Read a ``relations`` block: grouped by property or a flat list of dicts."""
    items: list[tuple[str, object, object]] = []
    if not block:
        return []
    if isinstance(block, dict):
        for pred, entries in block.items():
            for entry in entries or []:
                if pred in DOC_SUBJECT and not isinstance(entry, list):
                    items.append((pred, None, entry))
                elif isinstance(entry, list) and len(entry) == 2:
                    items.append((pred, entry[0], entry[1]))
                else:
                    raise UserError(f"{where}: {pred} entry must be [subject, object]: {entry!r}")
    elif isinstance(block, list):
        for entry in block:
            obj = entry.get("o")
            if entry.get("o_task"):
                obj = "§" + str(entry["o_task"])
            items.append((entry.get("p"), entry.get("s"), obj))
    else:
        raise UserError(f"{where}: relations must be a mapping or a list")
    out = []
    for pred, s, o in items:
        if pred not in RELATIONS:
            raise UserError(f"{where}: unknown relation {pred!r}")
        if o is None or (s is None and pred not in DOC_SUBJECT):
            raise UserError(f"{where}: incomplete {pred} relation")
        s_end = End("doc", "(document)") if s is None else _parse_end(s, pred, "s", index)
        out.append(GoldRelation(pred, s_end, _parse_end(o, pred, "o", index)))
    return out


def _with_super_properties(relations: list[GoldRelation]) -> list[GoldRelation]:
    """Add the ``responsibleFor`` implied by each ``leads`` (as the system side does).

    >>> r = GoldRelation("leads", End("names", "A"), End("task", "§一、", path="一、"))
    >>> [x.predicate for x in _with_super_properties([r])]
    ['leads', 'responsibleFor']
    """
    have = {(r.predicate, r.s.text, r.o.text) for r in relations}
    out = list(relations)
    for r in relations:
        for sup in sorted(CONTRACT_SUBPROPERTIES.get(r.predicate, ())):
            if (sup, r.s.text, r.o.text) not in have:
                have.add((sup, r.s.text, r.o.text))
                out.append(GoldRelation(sup, r.s, r.o))
    return out


def load_gold_file(path: Path) -> GoldDoc:
    """Read one gold file (YAML or JSON)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise UserError(f"{path}: cannot read gold file ({exc.__class__.__name__})") from exc
    if not isinstance(data, dict) or not data.get("doc"):
        raise UserError(f"{path}: a gold file needs a 'doc' field")
    where = str(path)
    entities = _parse_entities(data.get("entities"), where)
    optional = _parse_entities(data.get("optional"), where)
    index = _name_index(entities + optional)
    relations = _with_super_properties(_parse_relations(data.get("relations"), index, where))
    return GoldDoc(
        doc=str(data["doc"]),
        file=str(data.get("file", "")),
        title=str(data.get("title", "")),
        entities=entities,
        optional=optional,
        relations=relations,
        source=where,
    )


def load_gold(folder: str | Path) -> list[GoldDoc]:
    """Read every ``*.yaml``/``*.yml``/``*.json`` gold file of ``folder``, sorted by name."""
    folder = Path(folder)
    if not folder.is_dir():
        raise UserError(f"{folder}: no such gold folder")
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml", ".json"))
    if not files:
        raise UserError(f"{folder}: no gold files (*.yaml, *.json)")
    return [load_gold_file(p) for p in files]


# --------------------------------------------------------------------------- system


@dataclass
class Node:
    """What the scorer knows about one system node (from all graphs)."""

    iri: str
    types: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    label: str = ""
    adcode: Optional[str] = None
    paths: set[str] = field(default_factory=set)
    texts: list[str] = field(default_factory=list)
    numbers: set[str] = field(default_factory=set)

    def show(self) -> str:
        return self.label or self.iri


@dataclass
class SystemGraph:
    """The parts of a built dataset the scorer needs."""

    nodes: dict[str, Node]
    mentions: dict[str, set[str]]  # graph IRI -> mentioned node IRIs
    triples: dict[str, dict[str, set[tuple[str, str]]]]  # graph -> property -> (s, o)
    doc_by_number: dict[str, str]  # normalised docNumber -> document IRI

    def node(self, iri: str) -> Node:
        return self.nodes.get(iri) or Node(iri)

    def doc_iri(self, number: str) -> str:
        return self.doc_by_number.get(norm_name(number)) or mint("doc", number)


def _class_closure(direct: dict[str, set[str]]) -> dict[str, set[str]]:
    """Map each class to itself and all its super-classes."""
    out: dict[str, set[str]] = {}
    for cls in direct:
        seen, todo = {cls}, [cls]
        while todo:
            for sup in direct.get(todo.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        out[cls] = seen
    return out


def load_system(path: str | Path) -> SystemGraph:
    """Read ``graph.trig`` (or any TriG / N-Quads file) in one streaming pass."""
    import pyoxigraph as ox

    path = Path(path)
    if path.is_dir():
        path = path / "graph.trig"
    if not path.is_file():
        raise UserError(f"{path}: no such file (build first: govkg build INPUT --out DIR)")
    fmt = ox.RdfFormat.N_QUADS if path.suffix == ".nq" else ox.RdfFormat.TRIG
    gov = str(GOV)
    interesting = {f"{gov}{p}": p for p in RELATIONS}
    nodes: dict[str, Node] = {}
    raw_types: dict[str, set[str]] = defaultdict(set)
    sub_class: dict[str, set[str]] = defaultdict(set)
    sub_prop: dict[str, set[str]] = defaultdict(set)
    mentions: dict[str, set[str]] = defaultdict(set)
    triples: dict[str, dict[str, set[tuple[str, str]]]] = defaultdict(lambda: defaultdict(set))

    def node(iri: str) -> Node:
        n = nodes.get(iri)
        if n is None:
            n = nodes[iri] = Node(iri)
        return n

    try:
        quads = ox.parse(path=str(path), format=fmt)
        for q in quads:
            s, p, o = q.subject.value, q.predicate.value, q.object
            g = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
            if p == RDF_TYPE:
                raw_types[s].add(o.value)
            elif p in (RDFS_LABEL, SKOS_ALT, SKOS_PREF):
                n = node(s)
                n.names.add(norm_name(o.value))
                if p == RDFS_LABEL and (not n.label or getattr(o, "language", None) == "zh"):
                    n.label = o.value
            elif p == RDFS_SUBCLASS:
                sub_class[s].add(o.value)
            elif p == RDFS_SUBPROPERTY:
                sub_prop[s].add(o.value)
            elif p == f"{gov}mentions":
                mentions[g].add(o.value)
            elif p == f"{gov}adcode":
                node(s).adcode = o.value
            elif p == f"{gov}sectionPath":
                node(s).paths.add(norm_path(o.value))
            elif p == f"{gov}text":
                node(s).texts.append(norm_name(o.value))
            elif p == f"{gov}docNumber":
                node(s).numbers.add(norm_name(o.value))
            elif p in interesting:
                triples[g][interesting[p]].add((s, o.value))
    except (SyntaxError, ValueError, OSError) as exc:
        raise UserError(f"{path}: cannot read the dataset ({exc})") from exc

    # Classes: follow rdfs:subClassOf to the contract classes.
    closure = _class_closure(sub_class)
    contract = {f"{gov}{c}": c for c in ENTITY_CLASSES + ("Document",)}
    for s, types in raw_types.items():
        n = node(s)
        for t in types:
            for sup in closure.get(t, {t}):
                if sup in contract:
                    n.types.add(contract[sup])

    # Properties: a triple of a sub-property also counts for its super-property.
    supers: dict[str, set[str]] = defaultdict(set)
    for sub, sups in CONTRACT_SUBPROPERTIES.items():
        supers[sub] |= sups
    for s, sups in sub_prop.items():
        if s.startswith(gov) and s[len(gov):] in RELATIONS:
            supers[s[len(gov):]] |= {x[len(gov):] for x in sups if x.startswith(gov) and x[len(gov):] in RELATIONS}
    for by_prop in triples.values():
        for sub, sups in supers.items():
            for sup in sups - {sub}:
                by_prop[sup] |= by_prop.get(sub, set())

    doc_by_number = {}
    for n in nodes.values():
        for num in n.numbers:
            doc_by_number.setdefault(num, n.iri)
    return SystemGraph(nodes, dict(mentions), {g: dict(v) for g, v in triples.items()}, doc_by_number)


# --------------------------------------------------------------------------- matching


def entity_matches(node: Node, ent: GoldEntity) -> bool:
    """True when a system node stands for the gold entity (class aside).

    >>> n = Node("x", names={norm_name("省科技厅")})
    >>> entity_matches(n, GoldEntity("Agency", ["浙江省科学技术厅", "省科技厅"]))
    True
    >>> entity_matches(Node("y", names={"杭州"}, adcode="330100"), GoldEntity("Region", ["杭州市"], adcode="330100"))
    True
    """
    if node.names & ent.keys:
        return True
    if ent.adcode and node.adcode == ent.adcode:
        return True
    for phrase in ent.contains:
        key = norm_name(phrase)
        if any(key in name for name in node.names):
            return True
    return False


def end_matches(node: Node, end: End, doc_iri: str, graph: SystemGraph) -> bool:
    """True when a system node fits one end of a gold relation."""
    if end.kind == "doc":
        return node.iri == doc_iri
    if end.kind == "any":
        return any(end_matches(node, o, doc_iri, graph) for o in end.options)
    if end.kind == "number":
        key = norm_name(end.text)
        return key in node.numbers or node.iri == mint("doc", end.text)
    if end.kind == "task":
        if end.path is not None:
            return end.path in node.paths
        return any(end.quote in t for t in node.texts) or any(end.quote in n for n in node.names)
    return any(entity_matches(node, alt) for alt in end.alternatives)


# --------------------------------------------------------------------------- scoring


@dataclass
class Score:
    """Counts for one class or relation, summed over documents.

    ``tp_sys`` system items that match gold, ``n_sys`` system items, ``tp_gold``
    gold items found, ``n_gold`` gold items.

    >>> s = Score(tp_sys=3, n_sys=4, tp_gold=3, n_gold=4)
    >>> (s.precision, s.recall)
    (0.75, 0.75)
    >>> Score().f1
    1.0
    """

    tp_sys: int = 0
    n_sys: int = 0
    tp_gold: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp_sys / self.n_sys if self.n_sys else (1.0 if not self.n_gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
        self.tp_sys += other.tp_sys
        self.n_sys += other.n_sys
        self.tp_gold += other.tp_gold
        self.n_gold += other.n_gold

    def as_dict(self) -> dict:
        return {
            "gold": self.n_gold,
            "system": self.n_sys,
            "found": self.tp_gold,
            "correct": self.tp_sys,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class DocReport:
    """What one document contributed: scores plus the misses and false positives."""

    doc: str
    found_in_build: bool
    entities: dict[str, Score] = field(default_factory=dict)
    relations: dict[str, Score] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)


@dataclass
class Report:
    """The evaluation of a build: per-class and per-relation scores and totals."""

    entities: dict[str, Score]
    relations: dict[str, Score]
    documents: list[DocReport]

    @property
    def entity_total(self) -> Score:
        return _sum(self.entities.values())

    @property
    def relation_total(self) -> Score:
        return _sum(self.relations.values())

    def score_of(self, name: str) -> Optional[Score]:
        """The score for a class, a relation, ``entities``, ``relations`` or ``all``."""
        if name in self.entities:
            return self.entities[name]
        if name in self.relations:
            return self.relations[name]
        if name == "entities":
            return self.entity_total
        if name == "relations":
            return self.relation_total
        if name == "all":
            return _sum([self.entity_total, self.relation_total])
        return None

    def as_dict(self, verbose: bool = False) -> dict:
        out = {
            "entities": {k: v.as_dict() for k, v in self.entities.items()},
            "relations": {k: v.as_dict() for k, v in self.relations.items()},
            "totals": {
                "entities": self.entity_total.as_dict(),
                "relations": self.relation_total.as_dict(),
            },
            "documents": [],
        }
        for d in self.documents:
            item = {"doc": d.doc, "found_in_build": d.found_in_build}
            if verbose:
                item["misses"] = d.misses
                item["false_positives"] = d.false_positives
            out["documents"].append(item)
        return out


def _sum(scores: Iterable[Score]) -> Score:
    total = Score()
    for s in scores:
        total.add(s)
    return total


def _optional_entities(gold: GoldDoc) -> list[GoldEntity]:
    """Explicit optional entities plus relation ends that are no entity of the file."""
    required = {id(e) for e in gold.entities}
    out = list(gold.optional)
    for rel in gold.relations:
        for end in (rel.s, rel.o):
            if end.kind == "names":
                out.extend(a for a in end.alternatives if id(a) not in required)
    return out


def score_entities(gold: GoldDoc, graph: SystemGraph, doc_iri: str, report: DocReport) -> None:
    """Score the entities of one document into ``report``."""
    mentioned = [graph.node(i) for i in sorted(graph.mentions.get(doc_iri, ()))]
    optional = _optional_entities(gold)
    for cls in SCORED_CLASSES:
        golds = [e for e in gold.entities if e.type == cls]
        systems = [n for n in mentioned if cls in n.types]
        score = Score(n_gold=len(golds))
        for ent in golds:
            if any(entity_matches(n, ent) for n in systems):
                score.tp_gold += 1
            else:
                report.misses.append(f"{cls}: {ent.label}")
        for n in systems:
            if any(entity_matches(n, e) for e in golds):
                score.tp_sys += 1
                score.n_sys += 1
            elif any(entity_matches(n, e) for e in optional):
                continue  # neither right nor wrong
            else:
                score.n_sys += 1
                other = [e.type for e in gold.entities if e.type != cls and entity_matches(n, e)]
                note = f" (gold class: {', '.join(sorted(set(other)))})" if other else ""
                report.false_positives.append(f"{cls}: {n.show()}{note}")
        report.entities[cls] = score


def score_relations(gold: GoldDoc, graph: SystemGraph, doc_iri: str, report: DocReport) -> None:
    """Score the relations of one document into ``report``."""
    stated = graph.triples.get(doc_iri, {})
    for pred in RELATIONS:
        golds = [r for r in gold.relations if r.predicate == pred]
        systems = sorted(stated.get(pred, ()))
        score = Score(n_gold=len(golds), n_sys=len(systems))

        def fits(triple: tuple[str, str], rel: GoldRelation) -> bool:
            s, o = graph.node(triple[0]), graph.node(triple[1])
            return end_matches(s, rel.s, doc_iri, graph) and end_matches(o, rel.o, doc_iri, graph)

        for rel in golds:
            if any(fits(t, rel) for t in systems):
                score.tp_gold += 1
            else:
                report.misses.append(f"{pred}: {rel.describe()}")
        for t in systems:
            if any(fits(t, rel) for rel in golds):
                score.tp_sys += 1
            else:
                s, o = graph.node(t[0]), graph.node(t[1])
                report.false_positives.append(f"{pred}: {s.show()} —{pred}→ {_show_object(o)}")
        report.relations[pred] = score


def _show_object(node: Node) -> str:
    """Readable name of a relation object (a Task shows its section path)."""
    if "Task" in node.types and node.paths:
        return f"§{sorted(node.paths)[0]} {node.label[:30]}".strip()
    return node.show()


def evaluate(system: SystemGraph, golds: list[GoldDoc]) -> Report:
    """Score ``system`` against every gold document; return the :class:`Report`."""
    entities = {c: Score() for c in SCORED_CLASSES}
    relations = {p: Score() for p in RELATIONS}
    docs = []
    for gold in golds:
        doc_iri = system.doc_iri(gold.doc)
        found = doc_iri in system.mentions or doc_iri in system.triples or doc_iri in system.nodes
        report = DocReport(gold.doc, found)
        score_entities(gold, system, doc_iri, report)
        score_relations(gold, system, doc_iri, report)
        for c, s in report.entities.items():
            entities[c].add(s)
        for p, s in report.relations.items():
            relations[p].add(s)
        docs.append(report)
    return Report(entities, relations, docs)


def evaluate_dir(data: str | Path, gold_dir) -> Report:
    """Load a build directory and a gold folder (or a list of folders, scored
    together) and score one against the other."""
    folders = [gold_dir] if isinstance(gold_dir, (str, Path)) else list(gold_dir)
    golds = [g for folder in folders for g in load_gold(folder)]
    return evaluate(load_system(data), golds)


# --------------------------------------------------------------------------- output


def format_table(report: Report) -> str:
    """Render the report as a plain-text table (entities, relations, totals)."""
    header = f"{'':<16}{'gold':>6}{'system':>8}{'found':>7}{'correct':>8}{'P':>8}{'R':>8}{'F1':>8}"

    def row(name: str, s: Score) -> str:
        return (
            f"{name:<16}{s.n_gold:>6}{s.n_sys:>8}{s.tp_gold:>7}{s.tp_sys:>8}"
            f"{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}"
        )

    lines = ["Entities", header]
    lines += [row(c, s) for c, s in report.entities.items()]
    lines.append(row("all entities", report.entity_total))
    lines += ["", "Relations", header]
    lines += [row(p, s) for p, s in report.relations.items()]
    lines.append(row("all relations", report.relation_total))
    missing = [d.doc for d in report.documents if not d.found_in_build]
    lines += ["", f"{len(report.documents)} gold documents"]
    if missing:
        lines.append("not in the build: " + ", ".join(missing))
    return "\n".join(lines)


def format_details(report: Report) -> str:
    """List, per document, the gold items missed and the system items not in gold."""
    lines = []
    for d in report.documents:
        if not d.misses and not d.false_positives:
            continue
        lines.append(f"== {d.doc}")
        lines += [f"  miss  {m}" for m in d.misses]
        lines += [f"  extra {f}" for f in d.false_positives]
    return "\n".join(lines)


def to_json(report: Report, verbose: bool = False) -> str:
    """The report as JSON (with misses and false positives when ``verbose``)."""
    return json.dumps(report.as_dict(verbose), ensure_ascii=False, indent=2)
