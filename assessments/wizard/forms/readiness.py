"""The readiness questions, the review step and the control-by-control deep dive."""

from __future__ import annotations

from django import forms

from assessments.answers.limits import NOTE_MAX
from assessments.engine.applicability import (
    CHOICE,
    exclusion_problem,
    exclusion_refusal,
    necessary_because,
    necessity_refusal,
    question_exclusion_refusal,
    reused_reasons,
)
from assessments.engine.codes import OVERRIDE_STATUSES, ReadinessLevel, Status
from assessments.engine.overrides import evidence_problem
from assessments.wizard.forms.fields import UNANSWERED_LABEL, clean_text


def note_and_exclusion_check(
    form: forms.Form,
    cleaned: dict,
    *,
    choice_field,
    note_field,
    note_label,
    excluded,
    refusal,
    subject: str = "",
) -> None:
    """Clean one answer's note and, when the answer excludes what it covers, hold the exclusion
    to the one rule (engine/applicability.py): blame the choice or the note, whichever is wrong.
    `refusal` is called only for an exclusion."""
    try:
        cleaned[note_field] = clean_text(cleaned.get(note_field, ""), field=note_label)
    except forms.ValidationError as exc:
        form.add_error(note_field, exc)
        return
    if excluded and (
        problem := exclusion_problem(refusal=refusal(), reason=cleaned[note_field], subject=subject)
    ):
        part, message = problem
        form.add_error(choice_field if part == CHOICE else note_field, message)


# One answer scale for every question.
LEVEL_CHOICES = [(level.value, level.label) for level in ReadinessLevel]
NOT_APPLICABLE = ReadinessLevel.NOT_APPLICABLE.value
OPTIONAL_LEVEL_CHOICES = [*LEVEL_CHOICES, ("", UNANSWERED_LABEL)]


class PracticesForm(forms.Form):
    """The readiness questions of one page. Built from the reference data, so it grows with it."""

    title = "Current practices"
    optional = False

    def __init__(self, *args, questions=(), profile=None, necessity=(), **kwargs):
        """`profile`: the company's answers so far, and `necessity` the rules that make a
        question necessary for such a company; with them, "not applicable" is not offered
        where it would be refused, and the hint says why."""
        super().__init__(*args, **kwargs)
        self.questions = tuple(questions)
        choices = OPTIONAL_LEVEL_CHOICES if self.optional else LEVEL_CHOICES
        self.refusals = {
            q.key: refusal for q in self.questions if (refusal := _refusal(q, profile, necessity))
        }
        for q in self.questions:
            field = self.fields[f"q_{q.key}"] = forms.ChoiceField(
                label=q.text,
                choices=choices,
                widget=forms.RadioSelect,
                help_text=q.help_text,
                required=not self.optional,
                initial="" if self.optional else None,
                error_messages={"required": "Choose an answer for this question."},
            )
            if q.key in self.refusals:
                # Not shown, still understood: a posted "not applicable" gets the reason why
                # it cannot stand, not a bare "invalid choice".
                field.widget.choices = [c for c in choices if c[0] != NOT_APPLICABLE]
                field.help_text = f"{q.help_text} {self.refusals[q.key]}"
            self.fields[f"note_{q.key}"] = forms.CharField(
                label="Why does it not apply?",
                required=False,
                max_length=NOTE_MAX,
            )

    def clean(self):
        cleaned = super().clean()
        for q in self.questions:
            note_and_exclusion_check(
                self,
                cleaned,
                choice_field=f"q_{q.key}",
                note_field=f"note_{q.key}",
                note_label="The reason",
                excluded=cleaned.get(f"q_{q.key}") == ReadinessLevel.NOT_APPLICABLE,
                refusal=lambda q=q: self.refusals.get(q.key) or question_exclusion_refusal(q),
                subject=f"{q.title} {q.text}",
            )
        self._refuse_reused(cleaned)
        return cleaned

    def _refuse_reused(self, cleaned: dict) -> None:
        """One sentence given as the reason for unrelated exclusions on this page is refused."""
        notes = {
            q.key: cleaned.get(f"note_{q.key}", "")
            for q in self.questions
            if cleaned.get(f"q_{q.key}") == ReadinessLevel.NOT_APPLICABLE
            and f"note_{q.key}" not in self.errors
        }
        topics = {q.key: q.topic for q in self.questions}
        for key, message in reused_reasons(notes, topics).items():
            self.add_error(f"note_{key}", message)

    def grouped(self):
        """[(topic, [(question, answer field, note field), ...]), ...] for the template."""
        groups: list[tuple[str, list]] = []
        for q in self.questions:
            if not groups or groups[-1][0] != q.topic:
                groups.append((q.topic, []))
            groups[-1][1].append((q, self[f"q_{q.key}"], self[f"note_{q.key}"]))
        return groups


def _refusal(question, profile, necessity) -> str:
    """Why "not applicable" cannot be the answer to this question, or ""."""
    if refusal := question_exclusion_refusal(question):
        return refusal
    if profile is not None and (because := necessary_because(profile, necessity, question.key)):
        return necessity_refusal(because, f"“{question.title or question.text}”")
    return ""


class MorePracticesForm(PracticesForm):
    """The optional step after the practice pages: every question may be left unanswered."""

    title = "Complete your readiness"
    optional = True


class ReviewForm(forms.Form):
    title = "Review and submit"


class DeepDiveForm(forms.Form):
    """Control by control: the user's own verdict on each control, and a note."""

    def __init__(self, *args, controls=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.controls = tuple(controls)
        choices = [("", "Keep the estimate")] + [(s.value, s.label) for s in OVERRIDE_STATUSES]
        for i, control in enumerate(self.controls):
            self.fields[f"s_{i}"] = forms.ChoiceField(
                label=f"{control['ref']} {control['title']}", choices=choices, required=False
            )
            self.fields[f"n_{i}"] = forms.CharField(
                label=f"Note for {control['ref']}", required=False, max_length=NOTE_MAX
            )

    def clean(self):
        cleaned = super().clean()
        for i, control in enumerate(self.controls):
            note_and_exclusion_check(
                self,
                cleaned,
                choice_field=f"s_{i}",
                note_field=f"n_{i}",
                note_label="The note",
                excluded=cleaned.get(f"s_{i}") == Status.NOT_APPLICABLE,
                refusal=lambda c=control: (
                    exclusion_refusal(framework=c["framework"], ref=c["ref"], kind=c["kind"])
                    or (necessity_refusal(c["necessary"], c["ref"]) if c.get("necessary") else "")
                ),
                subject=control.get("subject") or control.get("title", ""),
            )
            note = f"n_{i}"
            if (
                cleaned.get(f"s_{i}") == Status.MET
                and note not in self.errors
                and (problem := evidence_problem(cleaned.get(note, "")))
            ):
                self.add_error(note, problem)
        return cleaned

    def rows(self):
        """[(control, status field, note field), ...] for the template."""
        return [(c, self[f"s_{i}"], self[f"n_{i}"]) for i, c in enumerate(self.controls)]

    def overrides(self, framework: str) -> dict[str, dict[str, str]]:
        result = {}
        for i, control in enumerate(self.controls):
            status = self.cleaned_data.get(f"s_{i}")
            if status:
                result[f"{framework}:{control['ref']}"] = {
                    "status": status,
                    "note": self.cleaned_data.get(f"n_{i}", ""),
                }
        return result
