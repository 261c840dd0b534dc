"""GEXF 1.3 writer for Gephi, Gephi Lite and sigma.js/graphology.

networkx writes GEXF 1.2draft, with a ``graph name`` attribute the schema
rejects and the current date stamped in: neither valid nor deterministic.
This writer streams GEXF 1.3 with lxml: nodes and edges in sorted order, no
timestamps, so the same graph always gives the same bytes.

What a file holds (see :mod:`exports.views` for the attributes' meaning):

* ``<graph mode="dynamic" timeformat="date">``: edges stated by dated
  documents carry ``<spells>``, one ``<spell start=D end=D/>`` per document
  date, so Gephi's timeline shows when a relation was stated.  Edges only the
  gazetteer states have no spell and are always present.
* nodes: ``label`` (the Chinese name) and attribute values ``type``, ``key``,
  ``iri``, ``adcode``, ``city``, ``docs``, ``first_year``, ``last_year``,
  ``degree`` (and ``issued``/``measures`` for agencies); a colour per type
  and a size growing with the degree.
* edges: ``kind`` and ``label`` (the relation), ``weight`` (documents stating
  it; shared measures in the agencies view), attribute values ``docs``,
  ``first_year``, ``last_year``, ``dates``.

Colour and size are written as ``<color>``/``<size>`` in the GEXF namespace,
not the ``viz:`` namespace: the official GEXF 1.3 XSD declares them there
and rejects ``viz:color``, while Gephi and graphology-gexf read them by local
name either way.

>>> import networkx as nx
>>> g = nx.MultiDiGraph(view="full")
>>> g.add_node("agency/a", label="省科技厅", type="Agency", docs=1)
>>> g.add_node("task/t", label="健全技术转移体系", type="Task", docs=1)
>>> g.add_edge("agency/a", "task/t", key="leads", kind="leads", label="leads",
...            weight=1, docs=1, dates=["2022-03-10"])
'leads'
>>> text = gexf_bytes(g).decode()
>>> '<spell start="2022-03-10" end="2022-03-10"/>' in text
True
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from lxml import etree

from exports.network import atomic_write, clean_text

GEXF_NS = "http://gexf.net/1.3"
VERSION = "1.3"

#: Node attributes, in column order, with their GEXF types.
NODE_ATTRIBUTES = (
    ("type", "string"),
    ("key", "string"),
    ("iri", "string"),
    ("adcode", "string"),
    ("city", "string"),
    ("docs", "integer"),
    ("first_year", "integer"),
    ("last_year", "integer"),
    ("degree", "integer"),
    ("issued", "integer"),
    ("measures", "integer"),
)
#: Edge attributes (beyond kind, label and weight), with their GEXF types.
EDGE_ATTRIBUTES = (
    ("docs", "integer"),
    ("first_year", "integer"),
    ("last_year", "integer"),
    ("dates", "string"),
)

#: Node colour per entity type (a colour-blind-safe-ish categorical palette).
TYPE_COLORS = {
    "Agency": (31, 119, 180),
    "Region": (44, 160, 44),
    "DevelopmentZone": (255, 127, 14),
    "Laboratory": (148, 103, 189),
    "Institution": (140, 86, 75),
    "Program": (227, 119, 194),
    "Task": (127, 127, 127),
    "Award": (214, 39, 40),
    "Person": (188, 189, 34),
    "Achievement": (23, 190, 207),
    "Document": (60, 60, 60),
}
DEFAULT_COLOR = (199, 199, 199)


def node_size(degree: int) -> str:
    """Size of a node with ``degree`` edges, as written (2 decimals).

    >>> node_size(0), node_size(4)
    ('4.0', '12.0')
    """
    return f"{4 + 4 * math.sqrt(max(degree, 0)):.1f}"


def format_value(value) -> str:
    """Text of an attribute value: lists joined by ``|``, booleans lower-case.

    >>> format_value(["2020-06-28", "2022-03-10"]), format_value(True), format_value(3)
    ('2020-06-28|2022-03-10', 'true', '3')
    """
    if isinstance(value, (list, tuple, set)):
        return "|".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    return clean_text(str(value))


def _declared(items, table) -> list[tuple[str, str]]:
    """The attributes of ``table`` that at least one item carries.

    >>> _declared([{"label": "甲", "docs": 0}, {"label": "乙", "dates": []}], [("label", "string"), ("dates", "string")])
    [('label', 'string')]
    """
    items = list(items)
    return [(name, kind) for name, kind in table
            if any(data.get(name) not in (None, "", []) for data in items)]


def write_gexf(graph: nx.Graph, path: str | os.PathLike) -> Path:
    """Write ``graph`` (a view from :func:`exports.views.build_view`) as GEXF 1.3."""
    return atomic_write(path, lambda tmp: _stream(graph, tmp))


def gexf_bytes(graph: nx.Graph) -> bytes:
    """Return the GEXF 1.3 document of ``graph`` as bytes (for tests and servers)."""
    import io

    buf = io.BytesIO()
    _stream(graph, buf)
    return buf.getvalue()


def write_gexf_for_dataset(dataset, path: str | os.PathLike, view: str = "full") -> Path:
    """Write the ``view`` network of an rdflib dataset (the build's entry point).

    ``dataset`` may also be a :class:`exports.network.GraphIndex`.
    """
    from exports.views import build_view

    return write_gexf(build_view(dataset, view), path)


def _stream(graph: nx.Graph, target) -> None:
    """Write the document to ``target`` (a path or a binary file object).

    Written as text by :func:`_stream_text`, several times faster than
    building an lxml element per node and edge; when a value holds a
    character XML cannot carry, through lxml (:func:`_stream_lxml`), which
    says so.  Both give the same bytes (``tests/test_exports_network.py``).
    """
    try:
        parts = _document_text(graph)
    except _NotPlainXml:
        _stream_lxml(graph, target)
        return
    if isinstance(target, (str, os.PathLike)):
        with open(target, "wb") as handle:
            _write_parts(handle, parts)
    else:
        _write_parts(target, parts)


def _write_parts(handle, parts: list[str], batch: int = 20_000) -> None:
    for i in range(0, len(parts), batch):
        handle.write("".join(parts[i:i + batch]).encode("utf-8"))


class _NotPlainXml(ValueError):
    """A value holds a character that :func:`_xml_attr` does not write (lxml decides)."""


#: Characters XML 1.0 cannot carry (lxml refuses them) or that text output
#: would have to escape in ways :func:`_xml_attr` does not mirror.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                               "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
#: What :func:`_xml_attr` escapes or refuses: one search per value.
_SPECIAL = re.compile('[&<>"\n\r\t]|' + _NOT_XML.pattern)


def _xml_attr(value: str) -> str:
    """``value`` escaped as lxml escapes an attribute value; raises
    :class:`_NotPlainXml` for a character XML cannot carry (every value of
    the document passes here, so the text writer knows when to leave the
    document to lxml).

    >>> _xml_attr('甲 & "乙" <丙>')
    '甲 &amp; &quot;乙&quot; &lt;丙&gt;'
    """
    if not _SPECIAL.search(value):
        return value
    if _NOT_XML.search(value):
        raise _NotPlainXml("a value holds a character XML cannot carry")
    return value.translate(_ATTR_ESCAPES)


def _value_text(value) -> str:
    """:func:`format_value` escaped for an attribute (numbers need no escaping)."""
    if type(value) is int:
        return str(value)
    return _xml_attr(format_value(value))


def _attrs_text(attrs) -> str:
    return "".join(f' {name}="{_xml_attr(value)}"' for name, value in attrs)


@dataclass
class _Layout:
    """What both writers put in a GEXF document, in document order."""

    nodes: list
    edges: list
    node_attrs: list
    edge_attrs: list
    graph_attrs: list
    description: str


def _layout(graph: nx.Graph) -> _Layout:
    """The sorted nodes and edges, declared attributes, ``<graph>`` attributes and
    description of ``graph``'s GEXF document."""
    nodes = sorted(graph.nodes(data=True), key=lambda item: str(item[0]))
    edges = _sorted_edges(graph)
    has_time = any(d.get("dates") for *_, d in edges)
    graph_attrs = [("defaultedgetype", "directed" if graph.is_directed() else "undirected"), ("idtype", "string")]
    graph_attrs += [("mode", "dynamic"), ("timeformat", "date")] if has_time else [("mode", "static")]
    description = graph.graph.get("description") or graph.graph.get("view") or "govkg network"
    return _Layout(nodes, edges, _declared((d for _, d in nodes), NODE_ATTRIBUTES),
                   _declared((d for *_, d in edges), EDGE_ATTRIBUTES), graph_attrs,
                   f"govkg view {graph.graph.get('view', '')}: {description}".strip())


def _document_text(graph: nx.Graph) -> list[str]:
    """The GEXF document of ``graph`` as text pieces, exactly as :func:`_stream_lxml` writes it."""
    layout = _layout(graph)
    nodes, edges, node_attrs, edge_attrs = layout.nodes, layout.edges, layout.node_attrs, layout.edge_attrs
    parts = [
        "<?xml version='1.0' encoding='utf-8'?>\n",
        f'<gexf xmlns="{GEXF_NS}" version="{VERSION}">\n',
        "<meta>\n  <creator>govkg</creator>\n",
        f"  <description>{layout.description.translate(_TEXT_ESCAPES)}</description>\n</meta>\n",
        f"<graph{_attrs_text(layout.graph_attrs)}>\n",
        _attributes_text("node", node_attrs),
        _attributes_text("edge", edge_attrs),
        f'<nodes count="{len(nodes)}">\n',
    ]
    for node_id, data in nodes:
        parts.append(_node_text(node_id, data, node_attrs, graph.degree(node_id)))
    parts.append(f'</nodes>\n<edges count="{len(edges)}">\n')
    names, tails = {}, {}  # the edges of a network share few endpoints and few evidence sets
    for i, (u, v, key, data) in enumerate(edges):
        parts.append(_edge_text(f"e{i}", u, v, key, data, edge_attrs, names, tails))
    parts.append("</edges>\n</graph>\n</gexf>")
    if _NOT_XML.search(layout.description):  # the one text not written through _xml_attr
        raise _NotPlainXml("the description holds a character XML cannot carry")
    return parts


def _attributes_text(cls: str, declared: list[tuple[str, str]]) -> str:
    head = f'<attributes class="{cls}" mode="static"'
    if not declared:
        return head + "/>\n"
    rows = "".join(f'  <attribute id="{_xml_attr(n)}" title="{_xml_attr(n)}" type="{k}"/>\n' for n, k in declared)
    return f"{head}>\n{rows}</attributes>\n"


def _attvalues_text(data: dict, declared: list[tuple[str, str]]) -> str:
    rows = [f'    <attvalue for="{name}" value="{_value_text(value)}"/>\n'
            for name, _kind in declared if (value := data.get(name)) not in (None, "", [])]
    return "  <attvalues>\n" + "".join(rows) + "  </attvalues>\n" if rows else ""


def _node_text(node_id, data: dict, declared, degree: int) -> str:
    attrs = (("id", clean_text(str(node_id))), ("label", clean_text(str(data.get("label") or node_id))))
    r, g, b = TYPE_COLORS.get(data.get("type", ""), DEFAULT_COLOR)
    return (f"<node{_attrs_text(attrs)}>\n{_attvalues_text(data, declared)}"
            f'  <color r="{r}" g="{g}" b="{b}"/>\n  <size value="{node_size(degree)}"/>\n</node>\n')


def _edge_text(edge_id, u, v, key, data: dict, declared, names: dict, tails: dict) -> str:
    """One ``<edge>`` element; ``names`` and ``tails`` remember escaped
    endpoints and the element's inner text (attribute values and spells)."""
    words = (data.get("kind"), key, data.get("label"))  # few distinct: escaped once each
    escaped = names.get(words)
    if escaped is None:
        kind = clean_text(str(words[0] or key or "related"))
        label = clean_text(str(words[2] or kind))
        escaped = names[words] = (_xml_attr(label), _xml_attr(kind))
    source = names.get(u)
    if source is None:
        source = names[u] = _xml_attr(clean_text(u))
    target = names.get(v)
    if target is None:
        target = names[v] = _xml_attr(clean_text(v))
    head = (f'<edge id="{edge_id}" source="{source}" target="{target}" label="{escaped[0]}" '
            f'kind="{escaped[1]}" weight="{format_value(float(data.get("weight", 1)))}"')
    values = tuple([_hashable(data.get(name)) for name, _kind in declared])
    dates = _hashable(data.get("dates") or ())
    tail = tails.get((values, dates))
    if tail is None:
        tail = tails[(values, dates)] = _edge_tail(data, declared)
    return f"{head}/>\n" if not tail else f"{head}>\n{tail}</edge>\n"


def _hashable(value):
    return tuple(value) if isinstance(value, (list, set)) else value


def _edge_tail(data: dict, declared) -> str:
    """The inside of an ``<edge>`` element: its attribute values and time spells."""
    dates = sorted(set(data.get("dates") or ()))
    spells = ""
    if dates:
        spells = "  <spells>\n" + "".join(
            f'    <spell start="{_xml_attr(day)}" end="{_xml_attr(day)}"/>\n' for day in dates) + "  </spells>\n"
    return _attvalues_text(data, declared) + spells


def _stream_lxml(graph: nx.Graph, target) -> None:
    """Write the document to ``target`` (a path or a binary file object) through lxml.

    Only the root element names the GEXF namespace (as the default
    namespace); the elements streamed inside it are built without one, so
    lxml writes them as plain ``<node>``, ``<edge>`` ... which the reader
    places in the inherited default namespace, with no repeated ``xmlns``.
    """
    layout = _layout(graph)
    nodes, edges, node_attrs, edge_attrs = layout.nodes, layout.edges, layout.node_attrs, layout.edge_attrs
    graph_attrs = dict(layout.graph_attrs)
    with etree.xmlfile(target, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("gexf", nsmap={None: GEXF_NS}, version=VERSION):
            xf.write("\n")
            meta = etree.Element("meta")
            etree.SubElement(meta, "creator").text = "govkg"
            etree.SubElement(meta, "description").text = layout.description
            xf.write(meta, pretty_print=True)
            with xf.element("graph", **graph_attrs):
                xf.write("\n")
                xf.write(_attributes_element("node", node_attrs), pretty_print=True)
                xf.write(_attributes_element("edge", edge_attrs), pretty_print=True)
                with xf.element("nodes", count=str(len(nodes))):
                    xf.write("\n")
                    for node_id, data in nodes:
                        xf.write(_node_element(node_id, data, node_attrs, graph.degree(node_id)), pretty_print=True)
                xf.write("\n")
                with xf.element("edges", count=str(len(edges))):
                    xf.write("\n")
                    for i, (u, v, key, data) in enumerate(edges):
                        xf.write(_edge_element(f"e{i}", u, v, key, data, edge_attrs), pretty_print=True)
                xf.write("\n")
            xf.write("\n")


def _sorted_edges(graph: nx.Graph) -> list[tuple[str, str, str, dict]]:
    """Edges as ``(u, v, key, data)`` in a stable order."""
    if graph.is_multigraph():
        items = [(str(u), str(v), str(k), d) for u, v, k, d in graph.edges(keys=True, data=True)]
    else:
        items = []
        for u, v, d in graph.edges(data=True):
            u, v = str(u), str(v)
            if not graph.is_directed() and v < u:
                u, v = v, u
            items.append((u, v, str(d.get("kind", "")), d))
    return sorted(items, key=lambda e: (e[0], e[1], e[2]))


def _attributes_element(cls: str, declared: list[tuple[str, str]]) -> etree._Element:
    el = etree.Element("attributes", {"class": cls, "mode": "static"})
    for name, kind in declared:
        etree.SubElement(el, "attribute", id=name, title=name, type=kind)
    return el


def _attvalues(data: dict, declared: list[tuple[str, str]]) -> etree._Element | None:
    el = etree.Element("attvalues")
    for name, _kind in declared:
        value = data.get(name)
        if value in (None, "", []):
            continue
        etree.SubElement(el, "attvalue", {"for": name, "value": format_value(value)})
    return el if len(el) else None


def _node_element(node_id, data: dict, declared, degree: int) -> etree._Element:
    el = etree.Element("node", id=clean_text(str(node_id)), label=clean_text(str(data.get("label") or node_id)))
    values = _attvalues(data, declared)
    if values is not None:
        el.append(values)
    r, g, b = TYPE_COLORS.get(data.get("type", ""), DEFAULT_COLOR)
    etree.SubElement(el, "color", r=str(r), g=str(g), b=str(b))
    etree.SubElement(el, "size", value=node_size(degree))
    return el


def _edge_element(edge_id, u, v, key, data: dict, declared) -> etree._Element:
    kind = clean_text(str(data.get("kind") or key or "related"))
    attrs = {
        "id": edge_id,
        "source": clean_text(u),
        "target": clean_text(v),
        "label": clean_text(str(data.get("label") or kind)),
        "kind": kind,
        "weight": format_value(float(data.get("weight", 1))),
    }
    el = etree.Element("edge", attrs)
    values = _attvalues(data, declared)
    if values is not None:
        el.append(values)
    dates = sorted(set(data.get("dates") or ()))
    if dates:
        spells = etree.SubElement(el, "spells")
        for day in dates:
            etree.SubElement(spells, "spell", start=day, end=day)
    return el
