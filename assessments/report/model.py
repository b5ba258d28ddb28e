"""An assessment as the report reads it: typed answers, the typed result, and the reference data
it was computed with (kept once per version in `ReferenceSnapshot`). The report, the PDF, the
CLI and the charts read these objects, never the saved JSON."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property

from assessments.engine.answers import Answers
from assessments.engine.costs import cost_item
from assessments.engine.evaluate import Result
from assessments.engine.overlap import SharedControl, overlap_shared
from assessments.engine.reference import (
    ControlInfo,
    QuestionInfo,
    RangeInfo,
    ReferenceData,
    SchemeInfo,
)
from assessments.engine.serial import from_json
from assessments.engine_one import is_engine_one, result_from_engine_one
from assessments.formatting import plan_names
from assessments.models import Assessment, ReferenceSnapshot
from assessments.selectors import reference_data_current


@dataclass(frozen=True)
class SavedReport:
    assessment: Assessment
    answers: Answers
    result: Result
    reference: ReferenceData
    shared: tuple[SharedControl, ...]
    # Set when an earlier engine computed the result: what it did not compute is left out.
    earlier_engine: str = ""

    @property
    def currency(self) -> str:
        return self.answers.currency

    @cached_property
    def _controls(self) -> dict[tuple[str, str], ControlInfo]:
        return {(c.framework, c.ref): c for c in self.reference.controls}

    @cached_property
    def _questions(self) -> dict[str, QuestionInfo]:
        return {q.key: q for q in self.reference.questions}

    @cached_property
    def _schemes(self) -> dict[str, SchemeInfo]:
        return {s.key: s for s in self.reference.schemes}

    @cached_property
    def names(self) -> dict[str, str]:
        """The name of every framework, option and scheme a plan of this result can hold."""
        return plan_names(self.reference.schemes)

    def control(self, framework: str, ref: str) -> ControlInfo | None:
        return self._controls.get((framework, ref))

    def control_title(self, framework: str, ref: str) -> str:
        control = self.control(framework, ref)
        return control.title if control else ""

    def question(self, key: str) -> QuestionInfo | None:
        return self._questions.get(key)

    def scheme(self, key: str) -> SchemeInfo | None:
        return self._schemes.get(key)

    def factor_name(self, key: str) -> str:
        return next((f.name for f in self.reference.factors if f.key == key), key)

    def cost_item(self, key: str) -> RangeInfo | None:
        """A cost line's published figure, for this company's size band and currency."""
        return cost_item(self.reference, key, self.answers)


def reference_snapshot_load(version: str) -> ReferenceData | None:
    snapshot = ReferenceSnapshot.objects.filter(version=version).first()
    return None if snapshot is None else from_json(ReferenceData, snapshot.data)


def saved_report(
    assessment: Assessment, *, current: Callable[[], ReferenceData] = reference_data_current
) -> SavedReport:
    """The assessment's report. `current()` stands in for reference data nobody kept: results
    from before snapshots existed (engine 1) read control titles and question texts from it."""
    answers = Answers.from_dict(assessment.answers)
    if is_engine_one(assessment.result):
        result, shared, aspects, asked = result_from_engine_one(
            assessment.result, assessment.answers
        )
        today = current()
        # Engine 1's gaps name the questions of its day; those since renamed come from the result.
        known = {q.key for q in today.questions}
        questions = today.questions + tuple(q for q in asked if q.key not in known)
        reference = replace(today, aspects=aspects, questions=questions)
        return SavedReport(assessment, answers, result, reference, shared, result.engine_version)
    result = Result.from_dict(assessment.result)
    reference = current()
    if reference.version() != result.reference_version:
        # Computed with older data: read its own snapshot (decoding one takes about 25 ms).
        reference = reference_snapshot_load(result.reference_version) or reference
    return SavedReport(assessment, answers, result, reference, overlap_shared(reference))
