"""What the NLP components take from the gazetteer: surface forms by class.

The gazetteer (``graph.gazetteer``) knows agencies, regions, zones and
laboratories with all their aliases; :func:`lexicon_from` reduces it to a
plain :class:`Lexicon` (surface form → class), which is all the spaCy
components need.  Keeping this adapter in one place means the components do
not depend on the gazetteer's internals.

>>> lex = Lexicon.from_pairs([("杭州市", "Region"), ("杭州海关", "Agency")])
>>> lex.label_of("杭州海关")
'Agency'
>>> sorted(lex.forms_of("Region"))
['杭州市']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

#: When one surface form names things of several classes, the first wins.
CLASS_PRIORITY = ("Agency", "Region", "DevelopmentZone", "Laboratory", "Institution",
                  "Program", "Award", "Person", "Achievement")

#: Adcode prefix of the home province (Zhejiang).
HOME_ADCODE_PREFIX = "33"

#: Region suffixes stripped to get the short form used as a place anchor.
_REGION_SUFFIXES = ("特别行政区", "畲族自治县", "自治县", "自治州", "自治区", "林区", "新区",
                    "地区", "省", "市", "县", "区", "盟", "旗")


@dataclass
class Lexicon:
    """Surface forms of the known entities, by contract class."""

    forms: dict[str, str] = field(default_factory=dict)
    _by_class: dict[str, frozenset] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]]) -> "Lexicon":
        """Build from ``(surface, class)`` pairs; the priority class wins."""
        forms: dict[str, str] = {}
        rank = {c: i for i, c in enumerate(CLASS_PRIORITY)}
        for surface, label in pairs:
            surface = (surface or "").strip()
            if len(surface) < 2 or label not in rank:
                continue
            old = forms.get(surface)
            if old is None or rank[label] < rank[old]:
                forms[surface] = label
        return cls(forms)

    def label_of(self, surface: str) -> Optional[str]:
        """The class of a known surface form, else None."""
        return self.forms.get(surface)

    def forms_of(self, label: str) -> set[str]:
        """All surface forms of one class (a new set; the classes are sorted
        out in one pass over the forms, the first time any is asked for).

        >>> sorted(Lexicon.from_pairs([("杭州", "Region"), ("省科技厅", "Agency")]).forms_of("Region"))
        ['杭州']
        """
        if not self._by_class:
            by_class: dict[str, set[str]] = {}
            for surface, cls in self.forms.items():
                by_class.setdefault(cls, set()).add(surface)
            self._by_class.update((cls, frozenset(forms)) for cls, forms in by_class.items())
        return set(self._by_class.get(label, ()))

    def place_anchors(self) -> set[str]:
        """Region names as the gazetteer lists them (official and short forms:
        杭州市, 杭州, 景宁), used to find where an open-class name starts.

        Stems are not derived here: the gazetteer knows which short forms are
        in use (a derived ``富裕`` from 富裕县 would cut ``共同富裕示范区``).

        >>> sorted(Lexicon.from_pairs([("景宁畲族自治县", "Region"), ("景宁", "Region")]).place_anchors())
        ['景宁', '景宁畲族自治县']
        """
        return self.forms_of("Region")


def region_stem(name: str) -> Optional[str]:
    """The short form of a region name, or None when too short to be safe.

    >>> region_stem("桐庐县"), region_stem("杭州市"), region_stem("义乌")
    ('桐庐', '杭州', None)
    """
    for suf in _REGION_SUFFIXES:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return None


def lexicon_from(gazetteer: Any) -> Lexicon:
    """Reduce a gazetteer to a :class:`Lexicon`.

    Accepts what ``Gazetteer.all_surface_forms()`` returns: a mapping
    ``surface → class`` or an iterable of ``(surface, class, ...)`` tuples or
    of objects with ``surface``/``text`` and ``type``/``label`` attributes.
    ``None`` gives an empty lexicon (the patterns still work).
    """
    if gazetteer is None:
        return Lexicon()
    if isinstance(gazetteer, Lexicon):
        return gazetteer
    raw = gazetteer.all_surface_forms()
    return Lexicon.from_pairs(p for p in _pairs(raw) if not _foreign_stub(p, raw))


def _foreign_stub(pair: tuple[str, str], raw: Any) -> bool:
    """Two-character division names outside the home province that are
    ordinary words in running text (东区, 南区, 义县) are not matched.

    >>> _foreign_stub(("南区", "Region"), {"南区": ("Region", "440116")})
    True
    >>> _foreign_stub(("北仑", "Region"), {"北仑": ("Region", "330206")})
    False
    """
    surface, label = pair
    if label != "Region" or len(surface or "") != 2 or surface[-1] not in "区县旗":
        return False
    value = raw.get(surface) if isinstance(raw, dict) else None
    key = value[1] if isinstance(value, (tuple, list)) and len(value) > 1 else ""
    return not str(key).startswith(HOME_ADCODE_PREFIX)


def _pairs(raw: Any) -> Iterable[tuple[str, str]]:
    """Normalise the shapes :func:`lexicon_from` accepts to pairs."""
    if isinstance(raw, dict):
        for k, v in raw.items():
            yield k, _class_name(v)
        return
    for item in raw:
        if isinstance(item, (tuple, list)):
            yield item[0], _class_name(item[1])
        else:
            surface = getattr(item, "surface", None) or getattr(item, "text", None)
            label = getattr(item, "type", None) or getattr(item, "label", None)
            yield surface, _class_name(label)


def _class_name(value: Any) -> str:
    """``"gov:Agency"``, an IRI, ``("Agency", key)`` or ``"Agency"`` → ``"Agency"``."""
    if isinstance(value, (tuple, list)):
        value = value[0]
    s = str(getattr(value, "type", value))
    return s.rsplit("#", 1)[-1].rsplit(":", 1)[-1].rsplit("/", 1)[-1]
