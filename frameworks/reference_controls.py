"""The control catalogue's rows from the data files: the frameworks' groups, their controls and
the mapping between them, numbered as the seed numbers them."""

from __future__ import annotations

from frameworks.exceptions import ReferenceDataError
from frameworks.vocabulary import ControlKind, Framework, GroupKind

# The files number Annex A controls as the standard's tables do (5.1); ids carry the prefix.
ANNEX_A_PREFIX = "A."
TSC_CATEGORY_ORDER = (
    "Security",
    "Availability",
    "Processing Integrity",
    "Confidentiality",
    "Privacy",
)
ANNEX_A_THEMES = ("Organizational", "People", "Physical", "Technological")
SOC2, ISO = Framework.SOC2.value, Framework.ISO.value


def control_kinds(controls) -> dict[tuple[str, str], str]:
    """Each control's kind by (framework, ref)."""
    return {(c["framework"], c["ref"]): c["kind"] for c in controls}


def _group(framework, code, name, kind, position, parent=None) -> dict:
    return {
        "framework": framework,
        "code": code,
        "name": name,
        "kind": kind,
        "parent": parent,
        "position": position,
    }


def groups_rows(tsc: list[dict], clauses: list[dict]) -> tuple[dict, ...]:
    """TSC categories with their series under them, top-level clauses and Annex A themes."""
    groups = [
        _group(SOC2, name, name, GroupKind.CATEGORY.value, i)
        for i, name in enumerate(TSC_CATEGORY_ORDER, start=1)
    ]
    tops = (r for r in clauses if r["level"] == "1")
    groups += [
        _group(ISO, r["id"], f"{r['id']} {r['title']}", GroupKind.CLAUSE.value, i)
        for i, r in enumerate(tops, start=1)
    ]
    groups += [
        _group(ISO, theme, f"{theme} controls", GroupKind.THEME.value, 20 + i)
        for i, theme in enumerate(ANNEX_A_THEMES, start=1)
    ]
    series: dict[str, dict] = {}
    for row in tsc:
        code = row["series"].split(" ", 1)[0]
        if code not in series:
            position = 101 + len(series)
            series[code] = _group(
                SOC2, code, row["series"], GroupKind.SERIES.value, position, row["category"]
            )
    return tuple(groups + list(series.values()))


def _control(framework, row, *, ref, kind, group, position, level=1, parent=None) -> dict:
    return {
        "framework": framework,
        "ref": ref,
        "title": row["title"],
        "kind": kind,
        "group": group,
        "description": row["description"],
        "auditor_evidence": row["auditor_evidence"],
        "new_in_2022": row.get("new_in_2022") == "yes",
        "parent": parent,
        "level": level,
        "coso_principle": int(row["coso_principle"]) if row.get("coso_principle") else None,
        "position": position,
    }


def controls_rows(tsc: list[dict], clauses: list[dict], annex: list[dict]) -> tuple[dict, ...]:
    criteria = [
        _control(
            SOC2,
            r,
            ref=r["id"],
            kind=ControlKind.CRITERION.value,
            group=r["series"].split(" ", 1)[0],
            position=i,
        )
        for i, r in enumerate(tsc, start=1)
    ]
    clause_rows = [
        _control(
            ISO,
            r,
            ref=r["id"],
            kind=ControlKind.CLAUSE.value,
            group=r["id"].split(".", 1)[0],
            position=i,
            level=int(r["level"]),
            parent=r["parent_id"] or None,
        )
        for i, r in enumerate(clauses, start=1)
    ]
    annex_rows = [
        _control(
            ISO,
            r,
            ref=ANNEX_A_PREFIX + r["id"],
            kind=ControlKind.ANNEX_A.value,
            group=r["theme"],
            position=100 + i,
        )
        for i, r in enumerate(annex, start=1)
    ]
    return tuple(criteria + clause_rows + annex_rows)


def known_kind(kinds: dict, framework: str, ref: str, where: str) -> str:
    if (framework, ref) not in kinds:
        raise ReferenceDataError(f"{where}: unknown {framework} id {ref!r}")
    return kinds[(framework, ref)]


def mappings_rows(rows: list[dict], kinds: dict) -> tuple[dict, ...]:
    seen = set()
    for n, row in enumerate(rows, start=2):
        where = f"tsc_iso_mapping.csv line {n}"
        pair = (row["tsc_id"], row["iso_id"])
        if pair in seen:
            raise ReferenceDataError(f"{where}: duplicate link {pair}")
        seen.add(pair)
        known_kind(kinds, SOC2, row["tsc_id"], where)
        known_kind(kinds, ISO, row["iso_id"], where)
    return tuple(
        {
            "tsc_ref": row["tsc_id"],
            "iso_ref": row["iso_id"],
            "relation": row["relation"],
            "rationale": row["rationale"],
        }
        for row in rows
    )
