import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from assessments.answers.io import AnswersInvalid, answers_load
from assessments.engine.evaluate import ENGINE_VERSION, Result, evaluate
from assessments.engine.formats import day, locale_for, money
from assessments.engine.reference import ReferenceData
from assessments.formatting import FRAMEWORK_NAMES, VERDICT_NAMES, plan_names
from assessments.models import Assessment
from assessments.report.advice import advice_context
from assessments.report.costs import fit_summary
from assessments.report.pdf import PdfRenderError, assessment_pdf_html, html_to_pdf, page_size_for
from assessments.selectors import reference_data_load
from assessments.services import assessment_submit

TOP_REASONS = 5


class Command(BaseCommand):
    help = (
        "Assess a company from a JSON answers file (see assessments/answers.schema.json) and "
        "print the recommendation. The file goes through the same checks as the wizard."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--answers", required=True, metavar="FILE", help="The answers file, or - for stdin."
        )
        parser.add_argument(
            "--json", action="store_true", help="Print the full result as JSON instead."
        )
        parser.add_argument(
            "--save",
            action="store_true",
            help="Save the assessment and print the path of its report page.",
        )
        parser.add_argument(
            "--pdf",
            metavar="OUT.pdf",
            help="Also write the board-ready PDF, the same one the report page offers.",
        )
        parser.add_argument(
            "--size", choices=("a4", "letter"), help="PDF page size (default: from the answers)."
        )

    def handle(self, *args, **options):
        path = options["answers"]
        data = _document_read(path)
        reference = reference_data_load()
        try:
            answers = answers_load(
                data=data,
                questions=reference.questions,
                controls=reference.controls,
                today=timezone.localdate(),
            )
        except AnswersInvalid as exc:
            lines = "\n".join(f"  {error}" for error in exc.errors)
            raise CommandError(f"The answers in {_name(path)} are not valid:\n{lines}") from exc

        assessment = None
        if options["save"]:
            # assessment_submit runs the engine; print what it saved rather than a second run.
            assessment = assessment_submit(answers=answers, reference=reference)
            result = Result.from_dict(assessment.result)
        else:
            result = evaluate(answers, reference)

        if options["pdf"]:
            self._write_pdf(options["pdf"], options["size"], assessment, answers, result, reference)
        if options["json"]:
            self.stdout.write(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        else:
            self.stdout.write("\n".join(_summary(result, answers.currency, reference)))
        if assessment is not None:
            # With --json, stdout stays pure JSON, so the report's address goes to stderr.
            out = self.stderr if options["json"] else self.stdout
            out.write(f"Saved: {assessment.get_absolute_url()}", style_func=lambda text: text)

    def _write_pdf(self, out, size, assessment, answers, result, reference) -> None:
        if assessment is None:
            # An unsaved assessment renders the same report without touching the database.
            assessment = Assessment(
                answers=answers.to_dict(),
                result=result.to_dict(),
                reference_version=reference.version(),
                engine_version=ENGINE_VERSION,
                created_at=timezone.now(),
            )
        page_size = page_size_for(assessment, size)
        try:
            html = assessment_pdf_html(assessment=assessment, page_size=page_size)
            content = html_to_pdf(html)
            with open(out, "wb") as handle:
                handle.write(content)
        except (PdfRenderError, OSError) as exc:
            raise CommandError(f"Could not write the PDF to {out}: {exc}") from exc
        self.stderr.write(f"PDF written: {out} ({len(content):,} bytes, {page_size})")


def _name(path: str) -> str:
    return "standard input" if path == "-" else path


def _document_read(path: str) -> object:
    try:
        if path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"Cannot read {_name(path)}: {exc}") from exc
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError(
            f"{_name(path)} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from exc
    except RecursionError as exc:
        raise CommandError(_too_deep(path)) from exc
    if _depth(document) > MAX_DEPTH:
        raise CommandError(_too_deep(path))
    return document


# An answers document nests at most four levels (control_overrides → control → verdict).
MAX_DEPTH = 8


def _too_deep(path: str) -> str:
    return (
        f"{_name(path)} nests objects or lists too deeply to be an answers file (at most "
        f"{MAX_DEPTH} levels; see assessments/answers.schema.json)."
    )


def _depth(document: object) -> int:
    """How deeply lists and objects nest, counted without recursion."""
    deepest, todo = 0, [(document, 1)]
    while todo:
        item, level = todo.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if level > MAX_DEPTH:
                break
            values = item.values() if isinstance(item, dict) else item
            todo += [(v, level + 1) for v in values]
    return deepest


def _demand_line(o: dict) -> str:
    """One demand: who asks, how many deals, by when, and whether the plan delivers it."""
    deals = f", {o['deals']} deal{'s' if o['deals'] != 1 else ''}" if o["deals"] else ""
    line = f"  {o['proof']}: {o['by']}{deals}"
    if o["deadline"] != "—":
        line += f", needed by {o['deadline']}"
    line += f"; {o['status_label']}"
    if o["status"] in ("applies", "unplanned"):
        return f"{line}: {o['when']}"
    if o["status"] != "held":
        line += f", delivered in {o['when']}"
        if o["spread"]:
            line += f"; {o['spread']}"
    return line


def _summary(result: Result, currency: str, reference: ReferenceData) -> list[str]:
    """The report's essentials as plain text lines."""
    advice = advice_context(result, currency, reference.schemes)
    names = plan_names(reference.schemes)
    lines = [
        f"Recommendation: {VERDICT_NAMES[result.verdict]}",
        f"  {result.headline}",
        f"Confidence: {result.confidence}. {result.confidence_note}",
        f"Assessed on {day(result.assessed_on, locale=locale_for(currency))}",
    ]
    if result.path:
        lines.append("Path: " + " → ".join(names.get(key, key) for key in result.path))
    lines += ["", "Demanded:"]
    lines += [_demand_line(o) for o in advice["obligation_rows"]] or [
        "  nothing yet: nobody has named SOC 2 or ISO 27001"
    ]
    if advice["holding_rows"]:
        lines += ["Held:"] + [f"  {h['name']}: {h['advice']}" for h in advice["holding_rows"]]
    lines += ["Plan:"] + (
        [f"  {p['action']} {p['name']} ({p['basis']})" for p in advice["plan_rows"]]
        or [f"  none yet. {reason}" for reason in advice["not_yet_reasons"]]
        or ["  none yet"]
    )
    if result.plan:
        lines += ["Cost against budget, by year (typical):"]
        lines += [
            f"  Year {y['year']}: {y['cost']} of {y['budget']}, {y['fit_label']}"
            for y in advice["budget_rows"]
        ]
    lines += [
        "",
        "Signals: " + ", ".join(f"{FRAMEWORK_NAMES[k]} {v}" for k, v in result.scores.items()),
        "Top signals:",
    ]
    reasons = sorted(result.reasons, key=lambda r: -abs(r.points))[:TOP_REASONS]
    lines += [
        f"  {r.points:+4d}  {FRAMEWORK_NAMES.get(r.framework, r.framework):<10} {r.sentence}"
        for r in reasons
    ] or ["  none"]
    lines += ["", "Options (typical cost):"]
    for option, summary in result.options.items():
        cost = summary.cost
        lines.append(
            f"  {names.get(option, option):<10} first proof in {summary.first_proof_week} weeks; "
            f"year 1 {money(cost.by_year[0].typical, currency)}; "
            f"{len(cost.by_year)} years {money(cost.total.typical, currency)}, "
            f"{fit_summary(cost.year_fits)}"
        )
    if result.would_change:
        lines += ["", "What would change this answer:"]
        lines += [f"  - {line}" for line in result.would_change]
    if result.other_answers:
        lines += ["", "Also noted:"] + [f"  - {text}" for text in result.other_answers]
    if result.warnings:
        lines += ["", "Warnings:"]
        lines += [f"  [{w.severity}] {w.text}" for w in result.warnings]
    if result.schemes:
        lines += ["", "Other schemes:"]
        planned = {p["key"] for p in advice["plan_rows"]}
        lines += [
            f"  [{s.severity_label}] {names.get(s.key, s.key)}"
            + (" (in the plan)" if s.key in planned else "")
            + f": {' '.join(s.because)}"
            for s in result.schemes
        ]
    return lines
