"""When a control-by-control verdict of "met" can be believed: its note names the evidence, and
no answer about the same control says it is not in place. Otherwise it counts no higher than
"in place without evidence", and the report says why."""

from __future__ import annotations

import re

from assessments.engine.codes import ReadinessLevel
from assessments.engine.statuses import MET

MIN_EVIDENCE_WORDS = 2
# What evidence is called: a note that names none of these is a wish, not a verdict.
EVIDENCE_WORDS = frozenset(
    {
        "report", "reports", "log", "logs", "record", "records", "ticket", "tickets",
        "screenshot", "screenshots", "export", "exports", "policy", "policies", "minutes",
        "register", "scan", "scans", "certificate", "certificates", "config", "configuration",
        "dashboard", "sign-off", "signed", "approval", "approved", "attestation", "audit",
        "audits", "results", "result", "evidence", "document", "documented", "procedure",
        "procedures", "plan", "plans", "runbook", "training", "inventory", "contract",
        "contracts", "agreement", "agreements", "review", "reviews", "reviewed", "tested",
        "test", "tests", "drill", "alerts", "settings", "list", "sample", "history",
        "invoice", "questionnaire", "pr", "prs", "commit", "commits", "pipeline",
    }
)  # fmt: skip
NO_EVIDENCE = (
    "Marked met, but the note names no evidence. Say what an auditor would be shown (for "
    "example “MFA enforced in Google Workspace: admin console export, 3 Dec 2026”); until "
    "then it counts as in place without evidence."
)
CONTRADICTS = (
    "Marked met, but your answer to “{question}” says it is not in place. Change that answer "
    "if it has changed; until then the control counts as in place without evidence."
)


def evidence_problem(note: str) -> str:
    """What is wrong with the note behind a "met" verdict, or "" when it names evidence."""
    words = re.findall(r"[a-z][a-z\-]*", (note or "").lower())
    if len(words) < MIN_EVIDENCE_WORDS or not EVIDENCE_WORDS & set(words):
        return NO_EVIDENCE
    return ""


def override_issue(status: str, note: str, answers: list[tuple[str, str | None]]) -> str:
    """Why this override to "met" cannot count in full, or "". `answers`: the title and the
    level of each question about the same control."""
    if status != MET:
        return ""
    for title, level in answers:
        if level == ReadinessLevel.NOT_IN_PLACE:
            return CONTRADICTS.format(question=title)
    return evidence_problem(note)
