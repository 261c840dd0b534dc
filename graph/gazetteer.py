"""Background knowledge: administrative divisions and agencies, loaded from data files.

The data lives under ``ontology/`` (see ``ontology/README.md``):

- ``divisions.tsv``   regions of China with adcode, level, parent, short names, validity
- ``agencies.tsv``    agencies with official name, short names, kind, region, validity
- ``agency_reforms.tsv``  predecessor → successor links of institutional reforms
- ``agency_short_forms.tsv``  rules deriving short names (发展和改革委员会 → 发改委)
- ``agency_templates.tsv``  the standard bodies of a city and of a county
- ``generic_units.tsv``   phrases that name no single body (used by ``graph.resolve``)
- ``document_prefixes.tsv``  document-number prefixes → the issuing region (浙政发 → 浙江省, 杭政 → 杭州市)
- ``zones.tsv``       known development zones with aliases, region, level and kind
- ``institutions.tsv``  known universities, academies, enterprises and banks with their short forms

City and county governments are not typed into a file: they are derived here
from the division table (``杭州市`` → ``杭州市人民政府`` with alias ``杭州市政府``),
and so are the departments of every Zhejiang city and county, from the
templates (``{R}发展和改革委员会`` → ``杭州市发展和改革委员会``, alias ``杭州市发改委``).

>>> g = load_gazetteer()
>>> g.regions["330106"].name, g.regions["330106"].parent
('西湖区', '330100')
>>> [r.name for r in g.ancestors("330106")]
['杭州市', '浙江省']
>>> g.agencies["浙江省发展和改革委员会"].region_adcode
'330000'
>>> [a.key for a in g.agencies_by_name("西湖区市场监管局")]
['杭州市西湖区市场监督管理局']
>>> z = g.zone_by_name("宁波石化经开区"); z.name, g.regions[z.region_adcode].name
('宁波石化经济技术开发区', '镇海区')
>>> g.institution_by_name("中石化").name
'中国石油化工集团有限公司'
"""

from __future__ import annotations

import csv
import hashlib
import os
import pickle
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

from graph.model import Fact
from graph.vocab import GAZETTEER_GRAPH, mint

#: Folder of the data files.
DATA_DIR = Path(__file__).resolve().parents[1] / "ontology"
#: Adcode of the home province: its regions win ties between equal names.
HOME_PROVINCE = "330000"
#: Agency kinds whose nodes are typed ``gov:Institution`` rather than ``gov:Agency``.
INSTITUTION_KINDS = frozenset({"enterprise", "institution"})
LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}


@dataclass(frozen=True)
class Region:
    """One administrative division.

    ``valid_from``/``valid_to`` are ``None`` when unknown or open.

    >>> r = Region("330383", "龙港市", "county", "330300", ("龙港",), date(2019, 8, 16), None)
    >>> r.valid_on(date(2019, 1, 1)), r.valid_on(date(2021, 1, 1)), r.valid_on(None)
    (False, True, True)
    """

    adcode: str
    name: str
    level: str
    parent: Optional[str]
    short_names: tuple[str, ...] = ()
    valid_from: Optional[date] = None
    valid_to: Optional[date] = None
    note: str = ""

    def valid_on(self, when: Optional[date]) -> bool:
        """True when the division existed on ``when`` (always true for ``None``)."""
        return _valid(self.valid_from, self.valid_to, when)

    @property
    def in_home_province(self) -> bool:
        """True for Zhejiang and its divisions."""
        return self.adcode[:2] == HOME_PROVINCE[:2]


@dataclass(frozen=True)
class Agency:
    """One government or party body (or enterprise/institution named as a unit).

    ``key`` is the official full name and mints the IRI; ``successors`` are
    the keys of the bodies it became in an institutional reform.

    >>> a = Agency("浙江省经济和信息化委员会", "浙江省经济和信息化委员会", ("省经信委",),
    ...            "department", "330000", None, date(2018, 10, 19), ("浙江省经济和信息化厅",))
    >>> a.type, a.valid_on(date(2018, 8, 14)), a.valid_on(date(2021, 1, 1))
    ('Agency', True, False)
    """

    key: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    region_adcode: Optional[str]
    valid_from: Optional[date] = None
    valid_to: Optional[date] = None
    successors: tuple[str, ...] = ()
    note: str = ""
    #: True for bodies expanded from ``agency_templates.tsv`` (written to the
    #: background graph only when a document names them).
    generated: bool = False

    @property
    def type(self) -> str:
        """Contract class of the node: ``Agency`` or ``Institution``."""
        return "Institution" if self.kind in INSTITUTION_KINDS else "Agency"

    @property
    def iri(self) -> str:
        """Stable IRI: ``…/id/agency/<key>`` (``…/id/org/<key>`` for institutions)."""
        return mint("org" if self.type == "Institution" else "agency", self.key)

    def valid_on(self, when: Optional[date]) -> bool:
        """True when the body existed on ``when`` (always true for ``None``)."""
        return _valid(self.valid_from, self.valid_to, when)


@dataclass(frozen=True)
class Reform:
    """``predecessor gov:succeededBy successor`` on ``date``."""

    predecessor: str
    successor: str
    date: Optional[date]
    note: str = ""


@dataclass(frozen=True)
class ShortForm:
    """A name part and its short form (``发展和改革委员会`` → ``发改委``).

    ``reverse``: an unknown name ending in ``short`` may be read with ``long``.
    """

    long: str
    short: str
    reverse: bool = False


@dataclass(frozen=True)
class AgencyTemplate:
    """A standard body of a city or county, as a name pattern (``{R}发展和改革委员会``).

    See ``ontology/agency_templates.tsv`` for the placeholders.
    """

    levels: frozenset
    name: str
    aliases: tuple[str, ...]
    kind: str
    valid_from: Optional[date] = None
    valid_to: Optional[date] = None
    successor: str = ""
    #: ``zhejiang``: every Zhejiang city and county; ``china``: every province and city of
    #: China (branches of central bodies: 国家税务总局四川省税务局, 中国人民银行绵阳市中心支行).
    scope: str = "zhejiang"


@dataclass(frozen=True)
class Zone:
    """One known development zone (a row of ``zones.tsv``).

    ``name`` is the official name (the canonical label); ``region_adcode`` the
    division it lies in (None when unknown or abroad).

    >>> z = Zone("杭州高新技术产业开发区", ("杭州高新区",), "330108", "national", "hi-tech")
    >>> z.names
    ('杭州高新技术产业开发区', '杭州高新区')
    """

    name: str
    aliases: tuple[str, ...] = ()
    region_adcode: Optional[str] = None
    level: str = ""
    kind: str = ""
    note: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """The official name and every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class KnownInstitution:
    """One known institution or enterprise (a row of ``institutions.tsv``).

    ``name`` is the official name (the canonical label); ``region_adcode`` where
    it is based (data only: no placement is drawn from it).

    >>> i = KnownInstitution("浙江大学", ("浙大",), "university", "330100")
    >>> i.names
    ('浙江大学', '浙大')
    """

    name: str
    aliases: tuple[str, ...] = ()
    kind: str = ""
    region_adcode: Optional[str] = None

    @property
    def names(self) -> tuple[str, ...]:
        """The official name and every alias."""
        return (self.name, *self.aliases)


@dataclass
class Gazetteer:
    """All background knowledge, with name indexes.

    Build it with :func:`load_gazetteer`; treat it as read-only.
    """

    regions: dict[str, Region]
    agencies: dict[str, Agency]
    reforms: tuple[Reform, ...] = ()
    generic_patterns: tuple[tuple[re.Pattern, str], ...] = ()
    short_forms: tuple["ShortForm", ...] = ()
    #: ``(prefix, adcode)`` pairs of ``document_prefixes.tsv``, longest prefix first.
    document_prefixes: tuple[tuple[str, str], ...] = ()
    #: Known development zones by official name (``zones.tsv``).
    zones: dict[str, Zone] = field(default_factory=dict)
    #: Known institutions and enterprises by official name (``institutions.tsv``).
    institutions: dict[str, KnownInstitution] = field(default_factory=dict)
    _region_names: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _agency_names: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _government_of: dict[str, str] = field(default_factory=dict, repr=False)
    _zone_names: dict[str, str] = field(default_factory=dict, repr=False)
    _institution_names: dict[str, str] = field(default_factory=dict, repr=False)
    _surface_forms: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)

    # -- regions -----------------------------------------------------------
    def regions_by_name(self, name: str) -> list[Region]:
        """Regions whose official or short name is ``name``, best first.

        Ties go to: exact official name, then Zhejiang, then higher level,
        then divisions still in force, then adcode order.

        >>> [r.adcode for r in load_gazetteer().regions_by_name("西湖区")][:2]
        ['330106', '360103']
        >>> [r.adcode for r in load_gazetteer().regions_by_name("杭州")]
        ['330100']
        """
        codes = self._region_names.get(name, ())
        return sorted((self.regions[c] for c in codes), key=lambda r: self._region_rank(r, name))

    def _region_rank(self, r: Region, name: str) -> tuple:
        return (r.name != name, not r.in_home_province, LEVEL_RANK.get(r.level, 3),
                r.valid_to is not None, r.adcode)

    def region_names(self) -> Iterable[str]:
        """Every official and short region name in the index."""
        return self._region_names.keys()

    def ancestors(self, adcode: str) -> list[Region]:
        """Parent, grandparent, … of a region (nearest first).

        >>> [r.adcode for r in load_gazetteer().ancestors("330383")]
        ['330300', '330000']
        """
        out: list[Region] = []
        seen = {adcode}
        parent = self.regions[adcode].parent if adcode in self.regions else None
        while parent and parent in self.regions and parent not in seen:
            seen.add(parent)
            out.append(self.regions[parent])
            parent = self.regions[parent].parent
        return out

    # -- agencies ----------------------------------------------------------
    def agencies_by_name(self, name: str) -> list[Agency]:
        """Agencies whose official name or alias is ``name``, currently valid ones first.

        >>> [a.key for a in load_gazetteer().agencies_by_name("省发展改革委")]
        ['浙江省发展和改革委员会']
        """
        keys = self._agency_names.get(name, ())
        if len(keys) == 1:
            return [self.agencies[keys[0]]]
        return sorted((self.agencies[k] for k in keys), key=lambda a: self._agency_rank(a, name))

    @staticmethod
    def _agency_rank(a: Agency, name: str) -> tuple:
        """Exact official name, then Zhejiang's bodies (西湖区政府 is Hangzhou's), then bodies in force."""
        foreign = bool(a.region_adcode) and a.region_adcode[:2] != HOME_PROVINCE[:2]
        return (a.name != name, foreign, a.valid_to is not None,
                -(a.valid_to or date.min).toordinal(), a.key)

    def expand_short_form(self, name: str) -> list[str]:
        """Longer readings of a name that holds a reversible short form, best first.

        >>> load_gazetteer().expand_short_form("江苏省发改委")
        ['江苏省发展和改革委员会']
        >>> load_gazetteer().expand_short_form("福建省人社厅")
        ['福建省人力资源和社会保障厅']
        >>> load_gazetteer().expand_short_form("江苏省教育厅")
        []
        """
        out = []
        for rule in self.short_forms:
            if rule.reverse and rule.short in name:
                head, _, tail = name.rpartition(rule.short)
                out.append(head + rule.long + tail)
        return list(dict.fromkeys(out))

    def region_of_number(self, number: Optional[str]) -> Optional[Region]:
        """The region whose bodies issue documents numbered so (longest listed prefix).

        >>> g = load_gazetteer()
        >>> g.region_of_number("粤府办〔2021〕31号").name, g.region_of_number("杭政办函〔2020〕5号").name
        ('广东省', '杭州市')
        >>> g.region_of_number("苏府〔2021〕3号").name, g.region_of_number("国办发〔2021〕1号")
        ('苏州市', None)
        """
        for prefix, adcode in self.document_prefixes:
            if number and number.startswith(prefix) and adcode in self.regions:
                return self.regions[adcode]
        return None

    def government_of(self, adcode: str) -> Optional[Agency]:
        """The people's government of a region (``330100`` → 杭州市人民政府)."""
        key = self._government_of.get(adcode)
        return self.agencies.get(key) if key else None

    # -- zones -------------------------------------------------------------
    def zone_by_name(self, name: str) -> Optional[Zone]:
        """The known zone whose official name or alias is ``name``, else None.

        >>> load_gazetteer().zone_by_name("杭州高新区").name
        '杭州高新技术产业开发区'
        >>> load_gazetteer().zone_by_name("某某工业园区") is None
        True
        """
        key = self._zone_names.get(name)
        return self.zones[key] if key else None

    # -- institutions --------------------------------------------------------
    def institution_by_name(self, name: str) -> Optional[KnownInstitution]:
        """The known institution whose official name or alias is ``name``, else None.

        >>> g = load_gazetteer()
        >>> g.institution_by_name("浙大").name, g.institution_by_name("阿里云").name
        ('浙江大学', '阿里云计算有限公司')
        >>> g.institution_by_name("某某科技有限公司") is None
        True
        """
        key = self._institution_names.get(name)
        return self.institutions[key] if key else None

    # -- for the NLP ruler -------------------------------------------------
    def all_surface_forms(self) -> dict[str, tuple[str, str]]:
        """Every name → ``(type, key)``: ``("Region", adcode)``, ``("Agency", key)``,
        ``("Institution", key)`` or ``("DevelopmentZone", name)``.  Ambiguous names map
        to the preferred reading (Zhejiang first, bodies in force first; a zone or
        known institution's name that is also a region's or a body's stays theirs;
        a known institution maps to ``("Institution", official name)``); ``graph.resolve`` re-reads
        them with the document's date and context.

        Names of county-level divisions outside Zhejiang are included only in
        their official form.  Computed once (the pipeline and the place
        reader both ask); callers must not change the mapping.

        >>> forms = load_gazetteer().all_surface_forms()
        >>> forms["杭州"], forms["省经信厅"], forms["杭州市政府"]
        (('Region', '330100'), ('Agency', '浙江省经济和信息化厅'), ('Agency', '杭州市人民政府'))
        """
        if not self._surface_forms:
            self._surface_forms = self._compute_surface_forms()
        return self._surface_forms

    def _compute_surface_forms(self) -> dict[str, tuple[str, str]]:
        out: dict[str, tuple[str, str]] = {}
        for name in self._region_names:
            best = self.regions_by_name(name)[0]
            out[name] = ("Region", best.adcode)
        for name in self._agency_names:
            best = self.agencies_by_name(name)[0]
            out[name] = (best.type, best.key)
        for name, key in self._zone_names.items():
            out.setdefault(name, ("DevelopmentZone", key))
        for name, key in self._institution_names.items():
            out.setdefault(name, ("Institution", key))
        return dict(sorted(out.items()))


def _valid(start: Optional[date], end: Optional[date], when: Optional[date]) -> bool:
    if when is None:
        return True
    if start and when < start:
        return False
    if end and when >= end:
        return False
    return True


# -- loading -------------------------------------------------------------------

def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a TSV file whose leading ``#`` lines are comments."""
    with path.open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#") and line.strip()]
    rows = []
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        if None in row:
            raise ValueError(f"{path.name}: too many columns in row {row}")
        rows.append({k: (v or "").strip() for k, v in row.items()})
    return rows


def parse_date(text: str) -> Optional[date]:
    """``"2019-08-16"`` → ``date(2019, 8, 16)``; empty → ``None``."""
    return date.fromisoformat(text) if text else None


def _split(text: str) -> tuple[str, ...]:
    return tuple(s for s in (p.strip() for p in text.split("|")) if s)


def load_zones(path: Path, region_index: dict[str, tuple[str, ...]],
               regions: dict[str, Region]) -> dict[str, Zone]:
    """Read ``zones.tsv`` (aliases ``;``-separated); the region column is resolved
    to an adcode with :func:`region_code` (a name no region has is left empty)."""
    zones = {}
    for row in read_tsv(path):
        aliases = tuple(dict.fromkeys(a.strip() for a in row["aliases"].split(";")
                                      if a.strip() and a.strip() != row["name"]))
        zones[row["name"]] = Zone(row["name"], aliases, region_code(row["region"], region_index, regions),
                                  row["level"], row["kind"], row.get("note", ""))
    return zones


def load_institutions(path: Path, region_index: dict[str, tuple[str, ...]],
                      regions: dict[str, Region]) -> dict[str, KnownInstitution]:
    """Read ``institutions.tsv`` (aliases ``;``-separated); the region column is
    resolved to an adcode with :func:`region_code`."""
    out = {}
    for row in read_tsv(path):
        aliases = tuple(dict.fromkeys(a.strip() for a in row["aliases"].split(";")
                                      if a.strip() and a.strip() != row["name"]))
        out[row["name"]] = KnownInstitution(row["name"], aliases, row["kind"],
                                            region_code(row["region"], region_index, regions))
    return out


def region_code(name: str, index: dict[str, tuple[str, ...]], regions: dict[str, Region]) -> Optional[str]:
    """The adcode of a region written alone (``杭州市``) or after its parent
    (``宁波市镇海区``); None when no region, or no single one, has that name.

    >>> g = load_gazetteer()
    >>> [region_code(n, g._region_names, g.regions) for n in ("宁波市镇海区", "杭州市", "宁波市西湖区", "")]
    ['330211', '330100', None, None]
    """
    if not name:
        return None
    codes = index.get(name, ())
    if len(codes) == 1:
        return codes[0]
    for k in range(2, len(name) - 1):
        outer = index.get(name[:k], ())
        inner = [c for c in index.get(name[k:], ()) if regions[c].parent in outer]
        if len(outer) == 1 and len(inner) == 1:
            return inner[0]
    return None


def load_regions(path: Path) -> dict[str, Region]:
    """Read ``divisions.tsv``."""
    regions = {}
    for row in read_tsv(path):
        regions[row["adcode"]] = Region(
            adcode=row["adcode"], name=row["name"], level=row["level"],
            parent=row["parent"] or None, short_names=_split(row["short_names"]),
            valid_from=parse_date(row["valid_from"]), valid_to=parse_date(row["valid_to"]),
            note=row.get("note", ""))
    return regions


def province_aliases(alias: str) -> list[str]:
    """Variants of a provincial short name: ``省X`` → ``浙江省X``; ``省委X`` → ``中共浙江省委X``.

    >>> province_aliases("省科技厅")
    ['省科技厅', '浙江省科技厅']
    >>> province_aliases("省委网信办")
    ['省委网信办', '浙江省委网信办', '中共浙江省委网信办']
    """
    out = [alias]
    if alias.startswith("省委"):
        out += ["浙江" + alias, "中共浙江" + alias]
    elif alias.startswith("省") and not alias.startswith("省级"):
        out.append("浙江" + alias)
    return out


def official_short_forms(key: str) -> list[str]:
    """Short forms derived from a provincial body's official name.

    >>> official_short_forms("浙江省农业科学院")
    ['省农业科学院']
    >>> official_short_forms("中共浙江省委党校")
    ['省委党校', '浙江省委党校']
    """
    if key.startswith("中共浙江省委"):
        return ["省委" + key[6:], "浙江省委" + key[6:]]
    if key.startswith("浙江省") and not key.startswith("浙江省委"):
        return ["省" + key[3:]]
    return []


def load_short_forms(path: Path) -> tuple[ShortForm, ...]:
    """Read ``agency_short_forms.tsv``."""
    return tuple(ShortForm(r["long"], r["short"], r["reverse"] == "yes") for r in read_tsv(path))


def short_form_variants(name: str, rules: Iterable[ShortForm]) -> list[str]:
    """``name`` and every name the short-form rules derive from it (combinations included).

    >>> rules = [ShortForm("人力资源和社会保障", "人力社保"), ShortForm("人力资源和社会保障", "人社")]
    >>> short_form_variants("浙江省人力资源和社会保障厅", rules)
    ['浙江省人力资源和社会保障厅', '浙江省人力社保厅', '浙江省人社厅']
    """
    out = [name]
    for rule in rules:
        if rule.long in name:
            out += [v.replace(rule.long, rule.short) for v in out if rule.long in v]
    return list(dict.fromkeys(out))


def load_agencies(path: Path, reforms: list[Reform],
                  rules: tuple[ShortForm, ...] = ()) -> dict[str, Agency]:
    """Read ``agencies.tsv`` and attach each body's successors.

    Aliases: the typed short names (with their ``浙江省`` forms), the short forms
    of the official name (``浙江省X`` → ``省X``), and what the short-form rules
    derive from all of these (central bodies keep their typed aliases only).
    """
    successors: dict[str, list[str]] = {}
    for r in reforms:
        successors.setdefault(r.predecessor, []).append(r.successor)
    agencies = {}
    for row in read_tsv(path):
        aliases: list[str] = []
        for a in _split(row["aliases"]):
            aliases += province_aliases(a)
        key = row["key"]
        aliases += official_short_forms(key)
        if row["kind"] != "central":
            aliases = [v for a in [key, *aliases] for v in short_form_variants(a, rules)]
        agencies[key] = Agency(
            key=key, name=key, aliases=tuple(dict.fromkeys(a for a in aliases if a != key)),
            kind=row["kind"], region_adcode=row["region"] or None,
            valid_from=parse_date(row["valid_from"]), valid_to=parse_date(row["valid_to"]),
            successors=tuple(successors.get(key, ())), note=row.get("note", ""))
    return agencies


def load_reforms(path: Path) -> list[Reform]:
    """Read ``agency_reforms.tsv``."""
    return [Reform(r["predecessor"], r["successor"], parse_date(r["date"]), r.get("note", ""))
            for r in read_tsv(path)]


def load_document_prefixes(path: Path) -> tuple[tuple[str, str], ...]:
    """Read ``document_prefixes.tsv``: ``(prefix, adcode)``, longest prefix first."""
    rows = [(r["prefix"], r["adcode"]) for r in read_tsv(path)]
    return tuple(sorted(rows, key=lambda r: (-len(r[0]), r[0])))


def load_generic_patterns(path: Path) -> tuple[tuple[re.Pattern, str], ...]:
    """Read ``generic_units.tsv``: compiled patterns with their kind."""
    return tuple((re.compile(r["pattern"]), r["kind"]) for r in read_tsv(path))


def government_names(region: Region, regions: dict[str, Region]) -> tuple[str, list[str]]:
    """Official name and aliases of a region's people's government.

    Districts carry their city's name in the official form.

    >>> g = load_gazetteer()
    >>> government_names(g.regions["330106"], g.regions)
    ('杭州市西湖区人民政府', ['西湖区人民政府', '西湖区政府', '杭州市西湖区政府'])
    >>> government_names(g.regions["330100"], g.regions)
    ('杭州市人民政府', ['杭州市政府'])
    """
    parent = regions.get(region.parent or "")
    prefixed = (region.level == "county" and region.name.endswith("区")
                and parent is not None and parent.level == "prefecture")
    full = (parent.name + region.name if prefixed else region.name) + "人民政府"
    aliases = [] if full == region.name + "人民政府" else [region.name + "人民政府"]
    aliases.append(region.name + "政府")
    for short in region.short_names if region.in_home_province else ():
        if short.endswith("县"):                                # 景宁县政府
            aliases += [short + "人民政府", short + "政府"]
    if prefixed:
        aliases.append(parent.name + region.name + "政府")
    return full, aliases


def derive_governments(regions: dict[str, Region], existing: dict[str, Agency],
                       rules: tuple[ShortForm, ...] = ()) -> dict[str, str]:
    """Add people's governments (and general offices above county level) of every region.

    Returns region adcode → government key.  Zhejiang's provincial government is
    typed in ``agencies.tsv`` and only linked here.
    """
    government_of: dict[str, str] = {}
    for code in sorted(regions):
        region = regions[code]
        full, aliases = government_names(region, regions)
        if full in existing and existing[full].region_adcode != code:
            parent = regions.get(region.parent or "")
            full = (parent.name if parent else "") + full      # two counties of one name
            aliases = [a for a in aliases if not a.startswith(region.name)]
        if full not in existing:
            existing[full] = Agency(full, full, tuple(aliases), "government", code,
                                    region.valid_from, region.valid_to)
        government_of[code] = full
        if region.level == "county" and not region.in_home_province:
            continue
        office = "办公厅" if region.level == "province" or (
            region.in_home_province and region.level == "prefecture") else "办公室"
        other = "办公室" if office == "办公厅" else "办公厅"
        okey = full + office
        if okey not in existing:
            oaliases = [a + office for a in aliases] + [full + other]
            if region.in_home_province:                  # 桐庐县政府办
                oaliases = [v for a in [okey, *oaliases] for v in short_form_variants(a, rules)]
                oaliases = [a for a in dict.fromkeys(oaliases) if a != okey]
            existing[okey] = Agency(okey, okey, tuple(oaliases), "general-office", code,
                                    region.valid_from, region.valid_to)
    return government_of


def load_templates(path: Path) -> tuple[AgencyTemplate, ...]:
    """Read ``agency_templates.tsv``."""
    return tuple(AgencyTemplate(
        levels=frozenset(_split(r["levels"])), name=r["name"], aliases=_split(r["aliases"]),
        kind=r["kind"], valid_from=parse_date(r["valid_from"]), valid_to=parse_date(r["valid_to"]),
        successor=r["successor"], scope=r.get("scope") or "zhejiang") for r in read_tsv(path))


#: Endings cut from a region name to get the stem used in branch names (湖州市生态环境局安吉分局).
STEM_ENDINGS = ("畲族自治县", "自治县", "区", "县", "市")


def template_level(region: Region, regions: dict[str, Region]) -> Optional[str]:
    """``prefecture``, ``county`` or ``district`` (a 市辖区) for a Zhejiang region, else None.

    >>> g = load_gazetteer()
    >>> template_level(g.regions["330106"], g.regions), template_level(g.regions["330782"], g.regions)
    ('district', 'county')
    """
    if not region.in_home_province or region.level == "province":
        return None
    if region.level == "prefecture":
        return "prefecture"
    parent = regions.get(region.parent or "")
    if region.name.endswith("区") and parent is not None and parent.level == "prefecture":
        return "district"
    return "county"


def region_placeholders(region: Region, regions: dict[str, Region]) -> tuple[dict[str, str], list[str]]:
    """Values of ``{P}``, ``{N}``, ``{S}`` and the forms of ``{R}`` (official first).

    >>> g = load_gazetteer()
    >>> region_placeholders(g.regions["330106"], g.regions)
    ({'P': '杭州市', 'N': '西湖区', 'S': '西湖'}, ['杭州市西湖区', '西湖区'])
    >>> region_placeholders(g.regions["331127"], g.regions)[1]
    ['景宁畲族自治县', '景宁县']
    """
    parent = regions.get(region.parent or "")
    pname = parent.name if parent is not None and parent.level == "prefecture" else region.name
    stem = next((region.name[: -len(e)] for e in STEM_ENDINGS
                 if region.name.endswith(e) and len(region.name) - len(e) >= 2), region.name)
    forms = [region.name]
    if template_level(region, regions) == "district":
        forms.insert(0, pname + region.name)
    forms += [s for s in region.short_names if s.endswith("县") and s not in forms]
    return {"P": pname, "N": region.name, "S": stem}, forms


def _fill(pattern: str, values: dict[str, str], r_form: str) -> str:
    return pattern.format(R=r_form, **values)


def template_patterns(t: AgencyTemplate, rules: tuple[ShortForm, ...]) -> list[str]:
    """Every name pattern of a template: name, aliases and their short forms.

    >>> t = AgencyTemplate(frozenset({"prefecture"}), "{R}发展和改革委员会", (), "department")
    >>> template_patterns(t, (ShortForm("发展和改革委员会", "发改委"),))
    ['{R}发展和改革委员会', '{R}发改委']
    """
    return list(dict.fromkeys(v for p in (t.name, *t.aliases) for v in short_form_variants(p, rules)))


def _overlap(a_from, a_to, b_from, b_to) -> tuple[Optional[date], Optional[date], bool]:
    start = max(a_from or date.min, b_from or date.min)
    end = min(a_to or date.max, b_to or date.max)
    return (None if start == date.min else start, None if end == date.max else end, start < end)


def names_in_use(agencies: dict[str, Agency]) -> set[str]:
    """Every name and alias the agencies already go by.

    >>> a = Agency("浙江省科学技术厅", "浙江省科学技术厅", ("省科技厅",), "department", "330000")
    >>> sorted(names_in_use({a.key: a}))
    ['浙江省科学技术厅', '省科技厅']
    """
    taken = set(agencies)
    for a in agencies.values():
        taken.update(a.aliases)
    return taken


def derive_local_agencies(regions: dict[str, Region], agencies: dict[str, Agency],
                          templates: tuple[AgencyTemplate, ...], rules: tuple[ShortForm, ...]) -> None:
    """Add the standard bodies of every Zhejiang city and county (in place).

    A body's validity is the overlap of the template's and the region's; a
    body one of whose names a typed row already uses is left out (the typed row
    is the region's own exception: 杭州市规划和自然资源局).
    """
    taken = names_in_use(agencies)
    patterns = [(t, template_patterns(t, rules)) for t in templates if t.scope == "zhejiang"]
    for code in sorted(regions):
        region = regions[code]
        level = template_level(region, regions)
        if level is None:
            continue
        values, r_forms = region_placeholders(region, regions)
        for t, pats in patterns:
            if level not in t.levels:
                continue
            start, end, alive = _overlap(t.valid_from, t.valid_to, region.valid_from, region.valid_to)
            if not alive:
                continue
            key = _fill(t.name, values, r_forms[0])
            names = [_fill(p, values, f) for p in pats for f in r_forms if "{R}" in p or f == r_forms[0]]
            if any(n in taken for n in names):
                continue
            successor = _fill(t.successor, values, r_forms[0]) if t.successor else ""
            agencies[key] = Agency(key, key, tuple(dict.fromkeys(n for n in names if n != key)),
                                   t.kind, code, start, end, (successor,) if successor else (),
                                   generated=True)


#: Province-level divisions where central bodies keep no branch of their own.
NO_CENTRAL_BRANCHES = frozenset({"710000", "810000", "820000"})


def national_level(region: Region) -> Optional[str]:
    """``province``, ``municipality`` (a province-level city) or ``prefecture`` for the
    national templates; None where they do not apply.

    >>> g = load_gazetteer()
    >>> [national_level(g.regions[c]) for c in ("510000", "110000", "510700", "510703")]
    ['province', 'municipality', 'prefecture', None]
    """
    if region.adcode in NO_CENTRAL_BRANCHES or region.level == "county":
        return None
    if region.level == "province":
        return "municipality" if region.name.endswith("市") else "province"
    return "prefecture"


def national_placeholders(region: Region) -> Optional[dict[str, str]]:
    """``{N}`` the official name and ``{S}`` the short name central bodies use
    (四川省 → 四川, 绵阳市 → 绵阳); None when the region has no usable short name.

    >>> g = load_gazetteer()
    >>> national_placeholders(g.regions["450000"]), national_placeholders(g.regions["140200"])
    ({'N': '广西壮族自治区', 'S': '广西'}, {'N': '大同市', 'S': '大同'})
    """
    short = region.short_names[0] if region.short_names else ""
    if not short and region.name.endswith("市") and len(region.name) >= 3:
        short = region.name[:-1]
    return {"N": region.name, "S": short} if short else None


def derive_national_agencies(regions: dict[str, Region], agencies: dict[str, Agency],
                             templates: tuple[AgencyTemplate, ...], rules: tuple[ShortForm, ...]) -> None:
    """Add the local branches of central bodies for every province and city of China (in place):
    the ``china`` rows of ``agency_templates.tsv`` (``国家税务总局{N}税务局``,
    ``中国银行保险监督管理委员会{S}监管局`` alias ``{S}银保监局``, ``中国人民银行{N}中心支行``…).

    Levels: ``province``, ``municipality`` (北京市 …), ``prefecture``.  As for the
    Zhejiang templates, a body one of whose names another body already uses is left
    out (typed rows such as 中国人民银行杭州中心支行 win).
    """
    taken = names_in_use(agencies)
    patterns = [(t, template_patterns(t, rules)) for t in templates if t.scope == "china"]
    for code in sorted(regions):
        region = regions[code]
        level = national_level(region)
        values = national_placeholders(region)
        if level is None or values is None:
            continue
        for t, pats in patterns:
            if level not in t.levels:
                continue
            start, end, alive = _overlap(t.valid_from, t.valid_to, region.valid_from, region.valid_to)
            if not alive:
                continue
            key = t.name.format(**values)
            names = list(dict.fromkeys(p.format(**values) for p in pats))
            if any(n in taken for n in names):
                continue
            taken.update(names)
            successor = t.successor.format(**values) if t.successor else ""
            agencies[key] = Agency(key, key, tuple(n for n in names if n != key), t.kind, code,
                                   start, end, (successor,) if successor else (), generated=True)


def build_index(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """Group ``(name, key)`` pairs into ``name → keys`` (deterministic order)."""
    index: dict[str, list[str]] = {}
    for name, key in pairs:
        keys = index.setdefault(name, [])
        if key not in keys:
            keys.append(key)
    return {name: tuple(sorted(keys)) for name, keys in index.items()}


@lru_cache(maxsize=4)
def load_gazetteer(data_dir: Optional[str] = None) -> Gazetteer:
    """Load every gazetteer file (cached per process; the result is read-only).

    Building the gazetteer from its tables (templates expanded for every
    division, name indexes, surface forms) takes a few tenths of a second;
    the result is also kept on disk (:func:`stored_gazetteer_path`), keyed by
    the tables and the code that reads them, and read back in a third of
    that time by the next process.
    """
    d = Path(data_dir) if data_dir else DATA_DIR
    stored = stored_gazetteer_path(d)
    if stored is not None:
        try:
            with open(stored, "rb") as handle:
                gazetteer = pickle.load(handle)
            if isinstance(gazetteer, Gazetteer):
                return gazetteer
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            pass
    gazetteer = build_gazetteer(d)
    gazetteer.all_surface_forms()  # computed now, so that it is stored with the rest
    if stored is not None:
        _store(gazetteer, stored)
    return gazetteer


def stored_gazetteer_path(data_dir: Path) -> Optional[Path]:
    """Where the gazetteer built from ``data_dir`` is kept between processes:
    ``$GOVKG_CACHE_DIR`` (an empty value keeps nothing), else
    ``$XDG_CACHE_HOME/govkg`` or ``~/.cache/govkg``; the file name is a digest
    of the tables and of this module's code (``None`` when nothing is kept).

    >>> import os
    >>> os.environ["GOVKG_CACHE_DIR"] = "/tmp/govkg-cache-doctest"
    >>> stored_gazetteer_path(DATA_DIR).name.startswith("gazetteer-")
    True
    >>> del os.environ["GOVKG_CACHE_DIR"]
    """
    folder = os.environ.get("GOVKG_CACHE_DIR")
    if folder is None:
        folder = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "govkg")
    if not folder:
        return None
    digest = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    for source in (Path(__file__), Path(__file__).with_name("model.py"), Path(__file__).with_name("vocab.py")):
        digest.update(source.read_bytes())
    for table in sorted(data_dir.glob("*.tsv")):
        digest.update(table.name.encode() + b"\0" + table.read_bytes())
    return Path(folder) / f"gazetteer-{digest.hexdigest()[:32]}.pickle"


def _store(gazetteer: Gazetteer, path: Path) -> None:
    """Write ``gazetteer`` to ``path`` (renamed into place; older ones removed); never raises."""
    from exports.atomic import write_bytes_atomic

    try:
        write_bytes_atomic(path, pickle.dumps(gazetteer, protocol=pickle.HIGHEST_PROTOCOL), durable=False)
        for old in path.parent.glob("gazetteer-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass


def build_gazetteer(d: Path) -> Gazetteer:
    """Build the gazetteer from the tables in folder ``d`` (see :func:`load_gazetteer`)."""
    regions = load_regions(d / "divisions.tsv")
    reforms = load_reforms(d / "agency_reforms.tsv")
    rules = load_short_forms(d / "agency_short_forms.tsv")
    agencies = load_agencies(d / "agencies.tsv", reforms, rules)
    government_of = derive_governments(regions, agencies, rules)
    templates = load_templates(d / "agency_templates.tsv")
    derive_local_agencies(regions, agencies, templates, rules)
    derive_national_agencies(regions, agencies, templates, rules)

    def region_pairs():
        for r in regions.values():
            yield r.name, r.adcode
            for s in r.short_names:
                yield s, r.adcode

    def agency_pairs():
        for a in agencies.values():
            yield a.name, a.key
            for s in a.aliases:
                yield s, a.key

    region_index = build_index(region_pairs())
    zones = load_zones(d / "zones.tsv", region_index, regions) if (d / "zones.tsv").exists() else {}
    institutions = (load_institutions(d / "institutions.tsv", region_index, regions)
                    if (d / "institutions.tsv").exists() else {})
    return Gazetteer(regions=regions, agencies=agencies, reforms=tuple(reforms),
                     generic_patterns=load_generic_patterns(d / "generic_units.tsv"),
                     short_forms=rules,
                     document_prefixes=load_document_prefixes(d / "document_prefixes.tsv"),
                     zones=zones,
                     institutions=institutions,
                     _region_names=region_index,
                     _agency_names=build_index(agency_pairs()),
                     _government_of=government_of,
                     _zone_names={n: z.name for z in zones.values() for n in z.names},
                     _institution_names={n: i.name for i in institutions.values() for n in i.names})


# -- background facts -------------------------------------------------------------

def _in_default_scope(region: Region) -> bool:
    return region.in_home_province or region.level != "county"


def gazetteer_facts(extra_regions: Iterable[str] = (), gazetteer: Optional[Gazetteer] = None,
                    extra_agencies: Iterable[str] = ()) -> list[Fact]:
    """Background facts for the named graph ``GAZETTEER_GRAPH``.

    Scope: every Zhejiang region, every province and prefecture of China, their
    governments, and every agency of ``agencies.tsv``; county-level divisions
    outside Zhejiang (and their governments) only when their adcode is in
    ``extra_regions`` (the build passes the adcodes its documents mention).
    The departments generated for every Zhejiang city and county
    (``agency_templates.tsv``) only when ``extra_agencies`` names them (keys or
    IRIs of the agencies the documents mention), with their successors.

    Properties: ``rdf:type``, ``rdfs:label``/``skos:altLabel`` (``@zh``),
    ``gov:adcode``, ``gov:adminLevel``, ``gov:locatedIn``, ``gov:succeededBy``,
    ``gov:validFrom``/``gov:validTo`` (``xsd:date``).

    >>> facts = gazetteer_facts()
    >>> any(f.subject.endswith("/region/330383") and f.predicate == "gov:validFrom"
    ...     and f.object == "2019-08-16" for f in facts)
    True
    """
    g = gazetteer or load_gazetteer()
    wanted = {c for c, r in g.regions.items() if _in_default_scope(r)}
    for code in extra_regions:
        if code in g.regions:
            wanted.add(code)
            wanted.update(r.adcode for r in g.ancestors(code))
    facts: list[Fact] = []
    for code in sorted(wanted):
        facts += region_facts(g.regions[code])
    named = _generated_wanted(g, extra_agencies)
    for key in sorted(g.agencies):
        a = g.agencies[key]
        if a.region_adcode and a.region_adcode not in wanted:
            continue
        if a.generated and key not in named:
            continue
        facts += agency_facts(a, g, named)
    return facts


def _generated_wanted(g: Gazetteer, extra_agencies: Iterable[str]) -> set[str]:
    """Keys of the generated bodies to write: those named and their successors."""
    todo, by_iri = [], None
    for item in extra_agencies:
        if item not in g.agencies and "://" in item:
            if by_iri is None:
                by_iri = {a.iri: k for k, a in g.agencies.items() if a.generated}
            item = by_iri.get(item, item)
        if item in g.agencies and g.agencies[item].generated:
            todo.append(item)
    named: set[str] = set()
    while todo:
        key = todo.pop()
        if key not in named:
            named.add(key)
            todo += [s for s in g.agencies[key].successors if s in g.agencies and g.agencies[s].generated]
    return named


def _dates(iri: str, start: Optional[date], end: Optional[date]) -> list[Fact]:
    out = []
    if start:
        out.append(Fact.literal(iri, "gov:validFrom", start.isoformat(), GAZETTEER_GRAPH, "xsd:date"))
    if end:
        out.append(Fact.literal(iri, "gov:validTo", end.isoformat(), GAZETTEER_GRAPH, "xsd:date"))
    return out


def region_facts(r: Region) -> list[Fact]:
    """Facts about one region (type, labels, adcode, level, parent, validity)."""
    iri = mint("region", r.adcode)
    G = GAZETTEER_GRAPH
    facts = [Fact.type(iri, "Region", G), Fact.label(iri, r.name, G)]
    facts += [Fact.label(iri, s, G, "skos:altLabel") for s in r.short_names]
    facts += [Fact.literal(iri, "gov:adcode", r.adcode, G),
              Fact.literal(iri, "gov:adminLevel", r.level, G)]
    if r.parent:
        facts.append(Fact(iri, "gov:locatedIn", mint("region", r.parent), G))
    return facts + _dates(iri, r.valid_from, r.valid_to)


def agency_facts(a: Agency, g: Gazetteer, named: Optional[set[str]] = None) -> list[Fact]:
    """Facts about one agency (type, labels, region, successors, validity).

    A successor generated from the templates is linked only when it is in ``named``.
    """
    G = GAZETTEER_GRAPH
    facts = [Fact.type(a.iri, a.type, G), Fact.label(a.iri, a.name, G)]
    facts += [Fact.label(a.iri, s, G, "skos:altLabel") for s in a.aliases]
    if a.region_adcode:
        facts.append(Fact(a.iri, "gov:locatedIn", mint("region", a.region_adcode), G))
    for s in a.successors:
        if s in g.agencies and (not g.agencies[s].generated or s in (named or ())):
            facts.append(Fact(a.iri, "gov:succeededBy", g.agencies[s].iri, G))
    return facts + _dates(a.iri, a.valid_from, a.valid_to)
