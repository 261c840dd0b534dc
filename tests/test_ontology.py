"""The ontology (``ontology/govkg.ttl``), the SHACL shapes (``ontology/shapes.ttl``)
and ``govkg validate``.

The contract's names are listed here, copied from the public vocabulary
(ONTOLOGY-CONTRACT), so that a renamed or dropped term fails a test.  The shape
tests validate small hand-written graphs under ``tests/fixtures/shapes_*.trig``:
one correct dataset that must conform, graphs with one known defect each, and
single-triple mutations of the correct dataset.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from graph.cli import main
from graph.validate import Report, load_data, validate

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "govkg.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
FIXTURES = ROOT / "tests" / "fixtures"

GOV = Namespace("https://w3id.org/govkg/ontology#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
GOVSH = Namespace("https://w3id.org/govkg/shapes#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
SH = Namespace("http://www.w3.org/ns/shacl#")
ID = Namespace("https://w3id.org/govkg/id/")
ONTOLOGY_IRI = URIRef("https://w3id.org/govkg/ontology")

# --- the contract, copied from the public vocabulary ------------------------

CONTRACT_CLASSES = [
    "Document", "Agency", "Region", "DevelopmentZone", "Laboratory", "Institution",
    "Program", "Task", "Award", "Person", "Achievement",
]

#: property -> (domain classes, range classes) as the contract's table states them.
CONTRACT_OBJECT_PROPERTIES = {
    "responsibleFor": (["Agency", "Institution", "Region"], ["Task", "Program", "Award"]),
    "leads": (["Agency", "Institution"], ["Task", "Program", "Laboratory"]),
    "locatedIn": ([], ["Region"]),
    "rewardedBy": (["Person", "Achievement", "Institution", "Region", "Agency"], ["Award"]),
    "conferredBy": (["Award"], ["Agency"]),
    "issuedBy": (["Document"], ["Agency"]),
    "addressedTo": (["Document"], ["Agency", "Region"]),
    "cites": (["Document"], ["Document"]),
    "mentions": (["Document"], []),
    "integrates": (["DevelopmentZone"], ["DevelopmentZone"]),
    "ledBy": (["Laboratory", "Program"], ["Institution", "Agency"]),
    "establishes": (["Document"], ["Institution", "DevelopmentZone", "Laboratory", "Program"]),
    "succeededBy": (["Agency"], ["Agency"]),
}

#: property -> (domain class, XSD range) of the contract's literals.
CONTRACT_DATATYPE_PROPERTIES = {
    "docNumber": ("Document", XSD.string),
    "text": (None, None),
    "adcode": ("Region", XSD.string),
    "adminLevel": ("Region", XSD.string),
    "inPreparation": ("DevelopmentZone", XSD.boolean),
}

#: Terms the builder writes beyond the contract.
BUILDER_OBJECT_PROPERTIES = ["partOf"]
BUILDER_DATATYPE_PROPERTIES = [
    "docType", "sourceFile", "sectionPath", "validFrom", "validTo", "awardYear",
    "awardGrade", "awardCategory", "rating", "recipientCount",
]

ALL_PROPERTIES = (
    list(CONTRACT_OBJECT_PROPERTIES) + list(CONTRACT_DATATYPE_PROPERTIES)
    + BUILDER_OBJECT_PROPERTIES + BUILDER_DATATYPE_PROPERTIES
)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def class_members(g: Graph, node) -> set[str]:
    """Local names of a class or of the members of an ``owl:unionOf`` class."""
    if isinstance(node, BNode):
        members = g.value(node, OWL.unionOf)
        assert members is not None, "an anonymous domain/range must be an owl:unionOf"
        return {str(m).removeprefix(str(GOV)) for m in Collection(g, members)}
    return {str(node).removeprefix(str(GOV))}


# --- the ontology -------------------------------------------------------------


def test_ontology_parses_with_rdflib_and_pyoxigraph(onto):
    store = ox.Store()
    store.load(path=str(ONTOLOGY), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(onto) > 300


def test_ontology_header(onto):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    titles = {t.language for t in onto.objects(ONTOLOGY_IRI, DCTERMS.title)}
    assert {"zh", "en"} <= titles
    assert onto.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert onto.value(ONTOLOGY_IRI, DCTERMS.license) is not None
    assert onto.value(ONTOLOGY_IRI, DCTERMS.created).datatype == XSD.date


@pytest.mark.parametrize("name", CONTRACT_CLASSES + ALL_PROPERTIES)
def test_term_has_zh_and_en_label_comment_and_definer(onto, name):
    term = GOV[name]
    labels = {l.language for l in onto.objects(term, RDFS.label)}
    assert labels == {"zh", "en"}, f"gov:{name} labels {labels}"
    comments = list(onto.objects(term, RDFS.comment))
    assert any(c.language == "en" for c in comments), f"gov:{name} has no English comment"
    assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in onto


@pytest.mark.parametrize("name", CONTRACT_CLASSES)
def test_contract_class_is_owl_class(onto, name):
    assert (GOV[name], RDF.type, OWL.Class) in onto


@pytest.mark.parametrize("name", list(CONTRACT_OBJECT_PROPERTIES) + BUILDER_OBJECT_PROPERTIES)
def test_object_property_declared_with_domain_and_range(onto, name):
    prop = GOV[name]
    assert (prop, RDF.type, OWL.ObjectProperty) in onto
    assert onto.value(prop, RDFS.domain) is not None
    assert onto.value(prop, RDFS.range) is not None


@pytest.mark.parametrize("name", list(CONTRACT_DATATYPE_PROPERTIES) + BUILDER_DATATYPE_PROPERTIES)
def test_datatype_property_declared_with_literal_range(onto, name):
    prop = GOV[name]
    assert (prop, RDF.type, OWL.DatatypeProperty) in onto
    assert onto.value(prop, RDFS.domain) is not None
    rng = onto.value(prop, RDFS.range)
    assert rng is not None and (str(rng).startswith(str(XSD)) or rng == RDFS.Literal)


@pytest.mark.parametrize("name", list(CONTRACT_OBJECT_PROPERTIES))
def test_object_property_covers_the_contract_domain_and_range(onto, name):
    """Domains and ranges may be wider than the contract's table, never narrower."""
    domain, rng = CONTRACT_OBJECT_PROPERTIES[name]
    assert set(domain) <= class_members(onto, onto.value(GOV[name], RDFS.domain))
    assert set(rng) <= class_members(onto, onto.value(GOV[name], RDFS.range))


@pytest.mark.parametrize("name", [n for n, (d, _) in CONTRACT_DATATYPE_PROPERTIES.items() if d])
def test_contract_literal_domain_and_datatype(onto, name):
    domain, datatype = CONTRACT_DATATYPE_PROPERTIES[name]
    assert domain in class_members(onto, onto.value(GOV[name], RDFS.domain))
    assert onto.value(GOV[name], RDFS.range) == datatype


def test_leads_is_a_kind_of_responsible_for(onto):
    assert (GOV.leads, RDFS.subPropertyOf, GOV.responsibleFor) in onto


def test_led_by_is_the_inverse_of_leads(onto):
    assert (GOV.ledBy, OWL.inverseOf, GOV.leads) in onto


def test_inverse_and_sub_property_are_coherent(onto):
    """Everything gov:leads may point to is allowed as the object of
    gov:responsibleFor, and gov:ledBy's domain/range mirror gov:leads'."""
    def members(prop, axis):
        return class_members(onto, onto.value(GOV[prop], axis))

    assert members("leads", RDFS.range) <= members("responsibleFor", RDFS.range)
    assert members("leads", RDFS.domain) <= members("responsibleFor", RDFS.domain)
    assert members("ledBy", RDFS.domain) == members("leads", RDFS.range)
    assert members("ledBy", RDFS.range) == members("leads", RDFS.domain)


@pytest.mark.parametrize(
    "sub, sup",
    [
        (GOV.Agency, ORG.FormalOrganization),
        (GOV.Agency, SCHEMA.GovernmentOrganization),
        (GOV.Region, SCHEMA.AdministrativeArea),
        (GOV.DevelopmentZone, SCHEMA.Place),
        (GOV.Institution, ORG.Organization),
        (GOV.Laboratory, ORG.Organization),
        (GOV.Document, PROV.Entity),
        (GOV.Document, SCHEMA.CreativeWork),
        (GOV.Person, SCHEMA.Person),
        (GOV.Achievement, SCHEMA.CreativeWork),
        (GOV.Award, SKOS.Concept),
        (GOV.Program, PROV.Plan),
    ],
)
def test_class_alignment(onto, sub, sup):
    assert (sub, RDFS.subClassOf, sup) in onto


@pytest.mark.parametrize(
    "sub, sup",
    [
        (GOV.locatedIn, SCHEMA.containedInPlace),
        (GOV.cites, DCTERMS.references),
        (GOV.issuedBy, DCTERMS.creator),
        (GOV.partOf, DCTERMS.isPartOf),
        (GOV.succeededBy, DCTERMS.isReplacedBy),
        (GOV.mentions, SCHEMA.mentions),
        (GOV.docNumber, DCTERMS.identifier),
    ],
)
def test_property_alignment(onto, sub, sup):
    assert (sub, RDFS.subPropertyOf, sup) in onto


def test_every_gov_term_used_is_declared(onto):
    """A typo such as gov:Regoin anywhere in the file would be an undeclared term."""
    declared = {s for s in onto.subjects(RDF.type, None) if isinstance(s, URIRef)}
    used = {n for triple in onto for n in triple if isinstance(n, URIRef) and n.startswith(str(GOV))}
    assert used - declared == set()


def test_owl2_declarations_of_borrowed_terms(onto):
    """Every foreign class or property the ontology names is declared, and no
    property is both an annotation property and an object/datatype property."""
    declared = set(onto.subjects(RDF.type, None))
    for p in (RDFS.subClassOf,):
        for sup in onto.objects(None, p):
            if isinstance(sup, URIRef):
                assert (sup, RDF.type, OWL.Class) in onto, sup
    for sup in onto.objects(None, RDFS.subPropertyOf):
        assert sup in declared, sup
    for pred in {p for _, p, _ in onto.triples((ONTOLOGY_IRI, None, None))} - {RDF.type, RDFS.label, RDFS.comment, OWL.versionIRI, OWL.versionInfo}:
        assert (pred, RDF.type, OWL.AnnotationProperty) in onto, pred
    annotation = set(onto.subjects(RDF.type, OWL.AnnotationProperty))
    logical = set(onto.subjects(RDF.type, OWL.ObjectProperty)) | set(onto.subjects(RDF.type, OWL.DatatypeProperty))
    assert annotation & logical == set()
    assert set(onto.subjects(RDF.type, OWL.ObjectProperty)) & set(onto.subjects(RDF.type, OWL.DatatypeProperty)) == set()


# --- the shapes ---------------------------------------------------------------


def test_shapes_parse_with_rdflib_and_pyoxigraph(shapes):
    store = ox.Store()
    store.load(path=str(SHAPES), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(shapes) > 200


def test_every_contract_class_needs_one_zh_label(shapes):
    targets = set(shapes.objects(GOVSH.LabelShape, SH.targetClass))
    assert targets == {GOV[c] for c in CONTRACT_CLASSES}


@pytest.mark.parametrize("name", ALL_PROPERTIES)
def test_every_property_has_a_range_shape(shapes, name):
    shape = GOVSH[f"{name}Shape"]
    assert (shape, SH.targetSubjectsOf, GOV[name]) in shapes
    paths = {shapes.value(p, SH.path) for p in shapes.objects(shape, SH.property)}
    assert GOV[name] in paths


def violations(report: Report) -> set[tuple[str, str]]:
    return {(v.shape.split(" › ")[0], v.path) for v in report.violations}


def test_correct_dataset_conforms():
    report = validate(FIXTURES / "shapes_valid.trig")
    assert report.conforms, report.render()
    assert report.violations == []


@pytest.mark.parametrize(
    "fixture, expected",
    [
        ("shapes_region_no_adcode.trig", {("govsh:RegionShape", "gov:adcode")}),
        ("shapes_two_zh_labels.trig", {("govsh:LabelShape", "rdfs:label")}),
        ("shapes_literal_responsible.trig", {("govsh:responsibleForShape", "gov:responsibleFor")}),
        ("shapes_doc_no_date.trig", {("govsh:CorpusDocumentShape", "dcterms:issued")}),
    ],
)
def test_defective_fixture_is_caught(fixture, expected):
    report = validate(FIXTURES / fixture)
    assert not report.conforms
    assert violations(report) == expected


def test_violation_names_the_node_by_its_label():
    report = validate(FIXTURES / "shapes_region_no_adcode.trig")
    [v] = report.violations
    assert v.focus == str(ID["region/龙港市"])
    assert v.focus_label == "龙港市"
    assert v.render() == "龙港市 [region/龙港市] · gov:adcode · a region needs exactly one gov:adcode"


@pytest.fixture(scope="module")
def valid_graph() -> Graph:
    graph, _ = load_data(FIXTURES / "shapes_valid.trig")
    return graph


def mutated(graph: Graph, remove=(), add=()) -> Graph:
    g = Graph()
    for t in graph:
        g.add(t)
    for s, p, o in remove:
        g.remove((s, p, o))
    for t in add:
        g.add(t)
    return g


RG = Namespace(str(ID) + "region/")
AG = Namespace(str(ID) + "agency/")
DOC = Namespace(str(ID) + "doc/")
ZN = Namespace(str(ID) + "zone/")
AW = Namespace(str(ID) + "award/")
TK = Namespace(str(ID) + "task/")
LONGGANG, WENZHOU, HANGZHOU = RG["330383"], RG["330300"], RG["330100"]
DECISION = DOC["浙政发-2021-14号"]
CITED = DOC["金政-2021-5号"]
ZONE_IN_PREP = ZN["杭州钱塘智慧城信息智能高新技术产业园区"]
TECH_AWARD = AW["2020年度浙江省技术发明奖一等奖"]
TASK = TK["浙政发-2019-31号-二"]

MUTATIONS = {
    "adcode of five digits": (
        [(LONGGANG, GOV.adcode, None)], [(LONGGANG, GOV.adcode, Literal("33038"))],
        {("govsh:adcodeShape", "gov:adcode")},
    ),
    "adcode as an integer": (
        [(LONGGANG, GOV.adcode, None)], [(LONGGANG, GOV.adcode, Literal(330383))],
        {("govsh:adcodeShape", "gov:adcode")},
    ),
    "unknown level": (
        [(LONGGANG, GOV.adminLevel, None)], [(LONGGANG, GOV.adminLevel, Literal("city"))],
        {("govsh:adminLevelShape", "gov:adminLevel")},
    ),
    "county without parent": (
        [(LONGGANG, GOV.locatedIn, None)], [],
        {("govsh:RegionParentShape", "")},
    ),
    "region inside an agency": (
        [(LONGGANG, GOV.locatedIn, None)], [(LONGGANG, GOV.locatedIn, AG["浙江省人民政府"])],
        {("govsh:locatedInShape", "gov:locatedIn")},
    ),
    "full-width digits in a document number": (
        [(DECISION, GOV.docNumber, None)], [(DECISION, GOV.docNumber, Literal("浙政发〔２０２１〕１４号"))],
        {("govsh:docNumberShape", "gov:docNumber")},
    ),
    "date as written in the text": (
        [(DECISION, DCTERMS.issued, None)], [(DECISION, DCTERMS.issued, Literal("2021年6月4日"))],
        {("govsh:DocumentShape", "dcterms:issued")},
    ),
    "two signature dates": (
        [], [(DECISION, DCTERMS.issued, Literal("2021-06-05", datatype=XSD.date))],
        {("govsh:DocumentShape", "dcterms:issued")},
    ),
    "cited document with neither number nor title": (
        [(CITED, GOV.docNumber, None)], [],
        {("govsh:DocumentShape", "")},
    ),
    "document issued by a region": (
        [], [(DECISION, GOV.issuedBy, HANGZHOU)],
        {("govsh:issuedByShape", "gov:issuedBy")},
    ),
    "citation of an agency": (
        [], [(DECISION, GOV.cites, AG["浙江省教育厅"])],
        {("govsh:citesShape", "gov:cites")},
    ),
    "label with full-width parentheses": (
        [(ZONE_IN_PREP, RDFS.label, None)],
        [(ZONE_IN_PREP, RDFS.label, Literal("杭州钱塘智慧城信息智能高新技术产业园区（筹）", lang="zh"))],
        {("govsh:LabelFormShape", "rdfs:label")},
    ),
    "label with a line break": (
        [(ZONE_IN_PREP, RDFS.label, None)],
        [(ZONE_IN_PREP, RDFS.label, Literal("杭州钱塘智慧城信息智能\n高新技术产业园区(筹)", lang="zh"))],
        {("govsh:LabelFormShape", "rdfs:label")},
    ),
    "label without language tag": (
        [(ZONE_IN_PREP, RDFS.label, None)],
        [(ZONE_IN_PREP, RDFS.label, Literal("杭州钱塘智慧城信息智能高新技术产业园区(筹)"))],
        {("govsh:LabelShape", "rdfs:label")},
    ),
    "only an English label": (
        [(TASK, RDFS.label, None)], [(TASK, RDFS.label, Literal("Research directions", lang="en"))],
        {("govsh:LabelShape", "rdfs:label")},
    ),
    "alternative name without language tag": (
        [], [(AG["浙江省教育厅"], SKOS.altLabel, Literal("省教育厅"))],
        {("govsh:NameShape", "skos:altLabel")},
    ),
    "in preparation as text": (
        [(ZONE_IN_PREP, GOV.inPreparation, None)], [(ZONE_IN_PREP, GOV.inPreparation, Literal("是"))],
        {("govsh:inPreparationShape", "gov:inPreparation")},
    ),
    "award year as text": (
        [(TECH_AWARD, GOV.awardYear, None)], [(TECH_AWARD, GOV.awardYear, Literal("2020年度"))],
        {("govsh:awardYearShape", "gov:awardYear")},
    ),
    "a task rewarded": (
        [], [(TASK, GOV.rewardedBy, TECH_AWARD)],
        {("govsh:rewardedByShape", "")},
    ),
    "a task succeeded by an agency": (
        [], [(TASK, GOV.succeededBy, AG["浙江省教育厅"])],
        {("govsh:succeededByShape", "")},
    ),
    "task part of two documents": (
        [], [(TASK, GOV.partOf, DECISION)],
        {("govsh:partOfShape", "gov:partOf")},
    ),
    "reform date as a year": (
        [(AG["浙江省经济和信息化厅"], GOV.validFrom, None)],
        [(AG["浙江省经济和信息化厅"], GOV.validFrom, Literal("2018"))],
        {("govsh:validFromShape", "gov:validFrom")},
    ),
}


@pytest.mark.parametrize("case", list(MUTATIONS))
def test_one_defect_gives_exactly_its_violation(valid_graph, case):
    remove, add, expected = MUTATIONS[case]
    report = validate(mutated(valid_graph, remove, add))
    assert violations(report) == expected, report.render()


def test_owl_rl_closure_of_a_correct_dataset_still_conforms(valid_graph):
    """Reasoning with the ontology's axioms (ledBy → leads → responsibleFor)
    must not produce triples the shapes reject."""
    import owlrl

    from graph.validate import with_ontology

    g = mutated(with_ontology(valid_graph))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    zhijiang, intelligent = ID["lab/之江实验室"], ID["lab/智能科学与技术浙江省实验室"]
    province = AG["江苏省人民政府"]
    assert (province, GOV.leads, ID["program/江苏省十四五科技创新规划"]) in g
    assert (zhijiang, GOV.responsibleFor, intelligent) in g
    report = validate(g)
    assert report.conforms, report.render()


# --- validate() on datasets, folders and the command line ------------------


def test_validate_a_dataset_as_the_union_of_its_graphs():
    """Region types sit in the gazetteer graph, the facts pointing at regions in
    document graphs: only the union conforms."""
    ds = Dataset()
    ds.parse(FIXTURES / "shapes_valid.trig", format="trig")
    assert len(list(ds.graphs())) > 3
    assert validate(ds).conforms


def test_validate_a_build_folder(tmp_path, valid_graph):
    valid_graph.serialize(tmp_path / "graph.ttl", format="turtle")
    report = validate(tmp_path)
    assert report.conforms
    assert report.source.endswith("graph.ttl")


def test_cli_exit_status_and_output(tmp_path, capsys):
    good, bad = tmp_path / "good", tmp_path / "bad"
    for folder, fixture in ((good, "shapes_valid.trig"), (bad, "shapes_literal_responsible.trig")):
        folder.mkdir()
        graph, _ = load_data(FIXTURES / fixture)
        graph.serialize(folder / "graph.ttl", format="turtle")

    assert main(["validate", str(good)]) == 0
    assert "conforms: yes" in capsys.readouterr().out

    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "conforms: no — 1 violation(s)" in out
    assert '浙江省财政厅 [agency/浙江省财政厅] · gov:responsibleFor' in out
    assert '"加强财政资金绩效管理"@zh' in out


def test_cli_missing_graph_is_a_one_line_error(tmp_path, capsys):
    assert main(["validate", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("govkg: error:") and "graph.ttl" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_cli_unparsable_graph_is_a_one_line_error(tmp_path, capsys):
    (tmp_path / "graph.ttl").write_text("浙政发〔2021〕14号 a gov:Document {", encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("govkg: error:") and "cannot parse as turtle" in err
    assert len(err.strip().splitlines()) == 1
