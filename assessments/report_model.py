"""An assessment as the report reads it: typed answers, the typed result, and the reference data
it was computed with (kept once per version in `ReferenceSnapshot`). The report, the PDF, the
CLI and the charts read these objects, never the saved JSON."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property

from .engine.answers import Answers
from .engine.evaluate import Result
from .engine.overlap import SharedControl, overlap_shared
from .engine.reference import ControlInfo, QuestionInfo, ReferenceData
from .engine.schemes import SchemeInfo
from .engine.serial import from_json
from .engine_one import is_engine_one, result_from_engine_one
from .models import Assessment, ReferenceSnapshot
from .selectors import reference_data_current


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

    def control(self, framework: str, ref: str) -> ControlInfo | None:
        return self._controls.get((framework, ref))

    def control_title(self, framework: str, ref: str) -> str:
        control = self.control(framework, ref)
        return control.title if control else ""

    def question(self, key: str) -> QuestionInfo | None:
        return self._questions.get(key)

    def scheme(self, key: str) -> SchemeInfo | None:
        return self._schemes.get(key)


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
        result, shared, aspects = result_from_engine_one(assessment.result, assessment.answers)
        reference = replace(current(), aspects=aspects)
        return SavedReport(assessment, answers, result, reference, shared, result.engine_version)
    result = Result.from_dict(assessment.result)
    reference = reference_snapshot_load(result.reference_version) or current()
    return SavedReport(assessment, answers, result, reference, overlap_shared(reference))
