"""The reference data as the engine sees it: plain, frozen values with no tie to the database."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import cached_property

from assessments.engine.codes import Framework
from assessments.engine.reference_codes import ControlKind, Effort, Recurrence, SchemeKind
from assessments.engine.scheme_rules import Rule

SOC2, ISO = Framework.SOC2, Framework.ISO
FRAMEWORKS = tuple(Framework)
# The decision rules' defaults; the data (DecisionRule rows) overrides them.
DEFAULT_RULES = {
    "not_yet_max_headcount": 50.0,
    "not_yet_max_maturity": 0.0,
    "signals_min_points": 30.0,
    "signals_close_margin": 10.0,
    "parallel_min_people": 1.0,
    "type2_window_default_months": 3.0,
    "type2_window_regulated_months": 6.0,
}


@dataclass(frozen=True)
class FrameworkInfo:
    code: str
    name: str
    edition: str
    summary: str


@dataclass(frozen=True)
class ControlInfo:
    framework: str
    ref: str
    title: str
    kind: str  # a ControlKind
    group: str  # the group code: CC6, Organizational, 9 ...
    category: str  # TSC category, Annex A theme or "Clauses 4–10"
    description: str
    auditor_evidence: str
    new_in_2022: bool = False


@dataclass(frozen=True)
class MappingInfo:
    tsc_ref: str
    iso_ref: str
    relation: str
    rationale: str


@dataclass(frozen=True)
class AspectInfo:
    key: str
    name: str
    texts: dict[str, str]


@dataclass(frozen=True)
class RangeInfo:
    key: str
    framework: str | None
    name: str
    low: int
    typical: int
    high: int
    source: str
    notes: str = ""
    recurrence: str = Recurrence.ONCE
    size_band: str = ""  # empty: any size
    verified: bool = True  # False: no source a CFO would accept; shown as an estimate
    currency: str = "USD"
    source_type: str = ""
    source_date: str = ""  # ISO date


@dataclass(frozen=True)
class FactorInfo:
    key: str
    name: str
    description: str
    framework: str
    weight: int


@dataclass(frozen=True)
class QuestionInfo:
    key: str
    topic: str
    text: str
    help_text: str  # what "in place with evidence" means, shown beside the question
    controls: tuple[tuple[str, str], ...]  # (framework, ref), sorted
    single_framework_reason: str = ""
    title: str = ""  # a short noun phrase: "Periodic access reviews"
    auditor_evidence: str = ""  # what an auditor will ask for and check, for this question
    effort: int = Effort.WEEKS  # rough work to put it in place
    optional: bool = False  # asked in the optional "complete your readiness" step
    kinds: tuple[str, ...] = ()  # the ControlKind of each entry of `controls`, in its order
    # How the gap list ranks it: priority (5 first) with its reason, the questions whose work
    # comes first, and who usually owns the work (engine 2.2).
    priority: int = 3
    priority_reason: str = ""
    depends_on: tuple[str, ...] = ()
    owner_role: str = ""


@dataclass(frozen=True)
class NecessityInfo:
    """Answers that make a question ("privacy_notice_current") or a control ("iso27001:A.8.8")
    necessary, so it cannot be "not applicable"; `because` tells the user why."""

    target: str
    because: str
    rules: tuple[Rule, ...] = ()


@dataclass(frozen=True)
class PhaseInfo:
    """One step on the way to a scheme, in weeks for a fast, a typical and a slow programme."""

    key: str
    name: str
    kind: str  # a PhaseKind: work | audit | window | wait
    low: int
    typical: int
    high: int
    source: str = ""
    source_type: str = ""
    source_date: str = ""


@dataclass(frozen=True)
class SchemePlanning:
    """What planning a scheme needs: what it builds on and how much of that work carries over,
    its phases, and how often it is renewed. A law has no phases: it is never obtained."""

    builds_on: str = ""  # soc2 | iso27001 | another scheme's key | ""
    carry_over: int = 0  # percent of the preparation the base already does
    prerequisite: bool = False  # the base must be in hand first
    renewal_months: int = 0
    meanwhile: str = ""  # what a waiting buyer can be offered
    phases: tuple[PhaseInfo, ...] = ()


@dataclass(frozen=True)
class SchemeInfo:
    """An adjacent scheme (PCI DSS, TISAX, DORA ...) with the answers that trigger it."""

    key: str
    name: str
    kind: str
    severity: str  # a Severity
    summary: str
    aliases: tuple[str, ...]
    advice: str
    source: str
    source_url: str
    position: int = 0
    # It applies when any rule holds (see engine/scheme_rules.py); snapshots of the reference
    # data saved before rules were parsed once have none, and are only read for display.
    rules: tuple[Rule, ...] = ()
    planning: SchemePlanning | None = None  # None: listed, but it cannot be planned

    @property
    def is_law(self) -> bool:
        return self.kind == SchemeKind.LAW


@dataclass(frozen=True)
class ReferenceData:
    frameworks: tuple[FrameworkInfo, ...]
    controls: tuple[ControlInfo, ...]
    mappings: tuple[MappingInfo, ...]
    aspects: tuple[AspectInfo, ...]
    costs: tuple[RangeInfo, ...]
    timelines: tuple[RangeInfo, ...]
    factors: tuple[FactorInfo, ...]
    questions: tuple[QuestionInfo, ...]
    rates: dict[str, float] = field(default_factory=dict)
    rules: dict[str, float] = field(default_factory=dict)

    def rules_all(self) -> dict[str, float]:
        """The decision rules, with the engine's defaults for any the data leaves out."""
        return {**DEFAULT_RULES, **self.rules}

    schemes: tuple[SchemeInfo, ...] = ()
    # How auditors price, as percentages (a Type I's share of the Type II fee, discounts ...)
    pricing: dict[str, RangeInfo] = field(default_factory=dict)
    necessity: tuple[NecessityInfo, ...] = ()

    def version(self) -> str:
        """A short fingerprint of the content: it changes whenever any of the data changes."""
        return self._fingerprint

    @cached_property
    def costs_by_key(self) -> dict[str, tuple[RangeInfo, ...]]:
        """Each cost line's rows (one per size band and currency), looked up once per object."""
        found: dict[str, list[RangeInfo]] = {}
        for row in self.costs:
            found.setdefault(row.key, []).append(row)
        return {key: tuple(rows) for key, rows in found.items()}

    @cached_property
    def cost_keys_of(self) -> dict[str, tuple[str, ...]]:
        """Each framework's or scheme's cost line keys, in the data's order."""
        found: dict[str, dict[str, None]] = {}
        for row in self.costs:
            found.setdefault(row.framework or "", {})[row.key] = None
        return {owner: tuple(keys) for owner, keys in found.items()}

    @cached_property
    def _fingerprint(self) -> str:
        # Hashing all of the data takes about 5 ms, so each object does it once: the reference
        # data the app keeps is built once per generation (frameworks/memo.py).
        canonical = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False, default=str)
        return "rd-" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]

    def requirements(self, framework: str) -> tuple[ControlInfo, ...]:
        """What an auditor checks: every criterion, every Annex A control and every clause that
        has no sub-clauses (a clause with sub-clauses is only their heading)."""
        controls = self.controls_of(framework)
        clauses = [c.ref for c in controls if c.kind == ControlKind.CLAUSE]
        headings = {ref.rsplit(".", 1)[0] for ref in clauses} | {r for r in clauses if "." not in r}
        return tuple(
            c for c in controls if not (c.kind == ControlKind.CLAUSE and c.ref in headings)
        )

    def controls_of(self, framework: str, kind: str | None = None) -> tuple[ControlInfo, ...]:
        return tuple(
            c
            for c in self.controls
            if c.framework == framework and (kind is None or c.kind == kind)
        )
