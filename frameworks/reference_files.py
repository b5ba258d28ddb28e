"""The data files in `data/` as plain rows: one dict per row a reference-data table will hold.

The seed writes these rows to the database, `selectors.reference_rows_load` reads the same
shape back, and the engine's `reference_data_build` turns either into `ReferenceData`; the
engine's tests build from these rows straight away, with no database. Every check that needs
only the files (a missing file, a duplicate, a link to an id that does not exist, a trigger that
cannot be read) is made here, with the file and line it concerns.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from frameworks.exceptions import ReferenceDataError
from frameworks.reference_controls import (
    ISO,
    SOC2,
    control_kinds,
    controls_rows,
    groups_rows,
    known_kind,
    mappings_rows,
)
from frameworks.triggers import AliasError, TriggerError, aliases_parse, trigger_parse

DATA_DIR = Path(__file__).resolve().parent / "data"
Rows = dict[str, tuple[dict, ...]]
QUESTION_FIELDS = (
    "key",
    "title",
    "topic",
    "position",
    "optional",
    "text",
    "help_text",
    "auditor_evidence",
    "effort",
    "priority",
    "priority_reason",
    "owner_role",
)
SCHEME_FIELDS = (
    "key",
    "name",
    "kind",
    "severity",
    "position",
    "summary",
    "advice",
    "source",
    "source_url",
)
PLANNING_FIELDS = ("builds_on", "carry_over", "prerequisite", "renewal_months", "meanwhile")
PHASE_FIELDS = ("key", "name", "kind", "position")
PHASE_KINDS = ("work", "audit", "window", "wait")


def _path(data_dir: Path, name: str) -> Path:
    path = data_dir / name
    if not path.exists():
        raise ReferenceDataError(f"Missing reference data file: {path}")
    return path


def _csv(data_dir: Path, name: str) -> list[dict[str, str]]:
    with _path(data_dir, name).open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _json(data_dir: Path, name: str) -> list[dict]:
    return json.loads(_path(data_dir, name).read_text(encoding="utf-8"))


def reference_rows_read(*, data_dir: Path = DATA_DIR) -> Rows:
    """Every table's rows, as the seed will write them."""
    tsc = _csv(data_dir, "soc2_criteria.csv")
    clauses = _csv(data_dir, "iso27001_clauses.csv")
    annex = _csv(data_dir, "iso27001_annex_a_5_6.csv") + _csv(data_dir, "iso27001_annex_a_7_8.csv")
    controls = controls_rows(tsc, clauses, annex)
    kinds = control_kinds(controls)
    schemes = _schemes(_json(data_dir, "adjacent_schemes.json"))
    questions = _questions(_json(data_dir, "readiness_questions.json"), kinds)
    costs = _costs(_csv(data_dir, "cost_items.csv"), {s["key"] for s in schemes})
    return {
        "frameworks": tuple(
            {**r, "position": int(r["position"])} for r in _csv(data_dir, "frameworks.csv")
        ),
        "groups": groups_rows(tsc, clauses),
        "controls": controls,
        "mappings": mappings_rows(_csv(data_dir, "tsc_iso_mapping.csv"), kinds),
        "aspects": tuple(
            {
                "key": r["key"],
                "name": r["name"],
                "position": int(r["position"]),
                "texts": {SOC2: r["soc2_text"], ISO: r["iso_text"]},
            }
            for r in _csv(data_dir, "comparison_aspects.csv")
        ),
        "costs": costs,
        "pricing": tuple(
            {"key": r["key"], "name": r["name"], **_range(r)}
            for r in _csv(data_dir, "pricing_factors.csv")
        ),
        "timelines": tuple(
            {
                "key": r["key"],
                "framework": r["framework"],
                "position": int(r["position"]),
                "name": r["name"],
                **_range(r),
            }
            for r in _csv(data_dir, "timeline_estimates.csv")
        ),
        "factors": tuple(
            {**r, "position": int(r["position"]), "weight": int(r["weight"])}
            for r in _csv(data_dir, "decision_factors.csv")
        ),
        "rules": tuple(
            {
                **r,
                "position": int(r["position"]),
                **{f: Decimal(r[f]) for f in ("value", "min_value", "max_value")},
            }
            for r in _csv(data_dir, "decision_rules.csv")
        ),
        "rates": tuple(
            {
                "currency": r["currency"],
                "per_usd": Decimal(r["per_usd"]),
                "as_of": date.fromisoformat(r["as_of"]),
            }
            for r in _csv(data_dir, "exchange_rates.csv")
        ),
        "questions": questions,
        "necessity": _necessity(_csv(data_dir, "necessity_rules.csv"), questions, kinds),
        "schemes": schemes,
    }


def _costs(items: list[dict[str, str]], schemes: set[str]) -> tuple[dict, ...]:
    """The cost rows; a row's "framework" is a framework's code, a scheme's key or empty."""
    rows = []
    for line, r in enumerate(items, start=2):
        owner = r["framework"] or None
        if owner and owner not in (SOC2, ISO) and owner not in schemes:
            raise ReferenceDataError(
                f"cost_items.csv line {line}: {r['key']} belongs to “{owner}”, which is neither a "
                "framework nor a scheme in adjacent_schemes.json"
            )
        rows.append(
            {
                "key": r["key"],
                "framework": owner,
                "name": r["name"],
                "recurrence": r["recurrence"],
                "size_band": r["size_band"],
                "currency": r.get("currency") or "USD",
                "verified": r.get("verified", "yes") != "no",
                **_range(r),
            }
        )
    return tuple(rows)


def _range(row: dict[str, str]) -> dict:
    """The columns every low / typical / high figure shares, with its source."""
    return {
        "low": int(row["low"]),  # a JSON phase gives numbers, a CSV row text
        "typical": int(row["typical"]),
        "high": int(row["high"]),
        "source_type": row["source_type"],
        "source": row["source"],
        "source_date": date.fromisoformat(row["source_date"]) if row.get("source_date") else None,
        "notes": row["notes"],
    }


def _questions(items: list[dict], kinds: dict) -> tuple[dict, ...]:
    rows = []
    for item in items:
        where = f"readiness_questions.json {item['key']}"
        pairs = [(SOC2, r) for r in item["tsc_ids"]] + [(ISO, r) for r in item["iso_ids"]]
        controls = tuple(sorted((f, r, known_kind(kinds, f, r, where)) for f, r in pairs))
        rows.append(
            {
                **{k: item[k] for k in QUESTION_FIELDS if k in item},
                "single_framework_reason": item.get("single_framework_reason", ""),
                "depends_on": ",".join(item.get("depends_on", ())),
                "controls": controls,
            }
        )
    keys = {row["key"] for row in rows}
    for row in rows:
        if unknown := set(filter(None, row["depends_on"].split(","))) - keys:
            raise ReferenceDataError(
                f"readiness_questions.json {row['key']}: depends_on names unknown questions "
                f"{sorted(unknown)}"
            )
    return tuple(rows)


def _necessity(items: list[dict[str, str]], questions, kinds: dict) -> tuple[dict, ...]:
    """When a question or a control cannot be "not applicable", each rule checked as read."""
    keys = {q["key"] for q in questions}
    rows = []
    for line, item in enumerate(items, start=2):
        where = f"necessity_rules.csv line {line}"
        target = item["target"]
        framework, _, ref = target.partition(":")
        if ref:
            known_kind(kinds, framework, ref, where)
        elif target not in keys:
            raise ReferenceDataError(f"{where}: no readiness question “{target}”")
        try:
            rules = trigger_parse(item["conditions"])
        except TriggerError as exc:
            raise ReferenceDataError(f"{where}: {exc}") from exc
        rows.append({**item, "rules": rules})
    return tuple(rows)


def scheme_row(fields: dict, *, triggers: str, aliases: str) -> dict:
    """A scheme's row: its triggers and aliases as stored (text), and as read (`rules`, plain
    (field, values, negated) conditions; `alias_names`). Raises TriggerError or AliasError."""
    return {
        **fields,
        "triggers": triggers,
        "aliases": aliases,
        "rules": trigger_parse(triggers),
        "alias_names": aliases_parse(aliases),
    }


def _schemes(items: list[dict]) -> tuple[dict, ...]:
    keys = [item["key"] for item in items]
    if duplicates := sorted({k for k in keys if keys.count(k) > 1}):
        raise ReferenceDataError(f"adjacent_schemes.json: duplicate keys {duplicates}")
    rows = []
    for item in items:
        fields = {k: item[k] for k in SCHEME_FIELDS}
        try:
            rows.append(
                scheme_row(
                    fields,
                    triggers="\n".join(item["triggers"]),
                    aliases=", ".join(item["aliases"]),
                )
            )
        except TriggerError as exc:
            where = f"adjacent_schemes.json {item['key']}: triggers"
            raise ReferenceDataError(f"{where}: {exc}") from exc
        except AliasError as exc:
            where = f"adjacent_schemes.json {item['key']}: aliases"
            raise ReferenceDataError(f"{where}: {exc}") from exc
        rows[-1]["planning"] = _planning(item, known=set(keys) | {SOC2, ISO})
    return tuple(rows)


def _planning(item: dict, *, known: set[str]) -> dict | None:
    """A scheme's planning data as a row: its own fields and its phases, in order."""
    plan = item.get("planning")
    if plan is None:
        return None
    where = f"adjacent_schemes.json {item['key']}: planning"
    base = plan.get("builds_on", "")
    if base and (base not in known or base == item["key"]):
        raise ReferenceDataError(f"{where}: builds_on “{base}” is not another scheme or framework")
    if plan.get("prerequisite") and not base:
        raise ReferenceDataError(f"{where}: a prerequisite needs builds_on")
    if not 0 <= int(plan.get("carry_over", 0)) <= 100:
        raise ReferenceDataError(f"{where}: carry_over is a percentage, 0 to 100")
    phases = []
    for position, phase in enumerate(plan.get("phases", []), start=1):
        if phase["kind"] not in PHASE_KINDS:
            raise ReferenceDataError(
                f"{where}: phase {phase['key']} has kind “{phase['kind']}”; use one of "
                f"{', '.join(PHASE_KINDS)}"
            )
        if not int(phase["low"]) <= int(phase["typical"]) <= int(phase["high"]):
            raise ReferenceDataError(f"{where}: phase {phase['key']} must run low ≤ typical ≤ high")
        phases.append(
            {
                "key": phase["key"],
                "name": phase["name"],
                "kind": phase["kind"],
                "position": position,
                **_range({"source_type": "", "source": "", "notes": "", **phase}),
            }
        )
    return {
        "builds_on": base,
        "carry_over": int(plan.get("carry_over", 0)),
        "prerequisite": bool(plan.get("prerequisite", False)),
        "renewal_months": int(plan.get("renewal_months", 0)),
        "meanwhile": plan.get("meanwhile", ""),
        "phases": tuple(phases),
    }
