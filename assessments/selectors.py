"""Reads others reuse: the workspace and the list of versions (a few columns and JSON keys per
row, never whole results, in a fixed number of queries however many rows there are), and the
reference data as the engine sees it."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.fields.json import KT

from assessments.engine.reference import NecessityInfo, QuestionInfo, ReferenceData
from assessments.engine.reference_build import (
    necessity_build,
    questions_build,
    reference_data_build,
)
from assessments.formatting import VERDICT_NAMES
from assessments.models import Assessment
from frameworks.memo import memoised
from frameworks.selectors import (
    necessity_rows_load,
    question_rows_load,
    reference_rows_load,
    scheme_names_load,
)

WORKSPACE_PAGE_SIZE = 20
VERSIONS_PAGE_SIZE = 20
NEWEST_FIRST = ("-created_at", "-pk")


@dataclass(frozen=True)
class ChainRow:
    """One chain in the workspace, shown by its newest version."""

    pk: uuid.UUID
    link_key: uuid.UUID
    created_at: datetime.datetime
    company: str
    verdict_name: str
    headline: str
    versions: int
    previous_key: uuid.UUID | None  # the version before the newest, to compare with


@dataclass(frozen=True)
class VersionRow:
    pk: uuid.UUID
    link_key: uuid.UUID
    created_at: datetime.datetime
    reference_version: str
    headline: str


def workspace_page(*, owned: QuerySet, search: str = "", number=1) -> Page:
    """The visitor's chains, each once by its newest version, newest first, optionally only
    those whose company name contains `search`."""
    in_chain = owned.filter(chain_id=OuterRef("chain_id")).order_by(*NEWEST_FIRST)
    chain_size = (
        owned.filter(chain_id=OuterRef("chain_id"))
        .order_by()
        .values("chain_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    newest = (
        owned.filter(pk=Subquery(in_chain.values("pk")[:1]))
        .annotate(
            company=KT("answers__company_name"),
            verdict=KT("result__verdict"),
            headline=KT("result__headline"),
            versions=Subquery(chain_size),
            previous_key=Subquery(in_chain.values("link_key")[1:2]),
        )
        .values(
            "pk", "link_key", "created_at", "company", "verdict", "headline", "versions",
            "previous_key",
        )
        .order_by(*NEWEST_FIRST)
    )  # fmt: skip
    if search:
        newest = newest.filter(company__icontains=search)
    page = Paginator(newest, WORKSPACE_PAGE_SIZE).get_page(number)
    page.object_list = [
        ChainRow(
            pk=row["pk"],
            link_key=_uuid(row["link_key"]),
            created_at=row["created_at"],
            company=(row["company"] or "").strip() or "Your company",
            verdict_name=VERDICT_NAMES.get(row["verdict"], row["verdict"] or ""),
            headline=row["headline"] or "",
            versions=row["versions"],
            previous_key=_uuid(row["previous_key"]) if row["previous_key"] else None,
        )
        for row in page.object_list
    ]
    return page


def versions_page(*, assessment: Assessment, number=None) -> Page:
    """Every version of the assessment's chain, newest first. Without a page number, the page
    that holds this version. A chain of one lists nothing, so costs no query for its page."""
    lineage = Assessment.objects.lineage(assessment)
    rows = lineage.annotate(headline=KT("result__headline")).values(
        "pk", "link_key", "created_at", "reference_version", "headline"
    )
    paginator = Paginator(rows, VERSIONS_PAGE_SIZE)
    if number is None:
        number = 1
        if paginator.num_pages > 1:
            newer = lineage.filter(
                Q(created_at__gt=assessment.created_at)
                | Q(created_at=assessment.created_at, pk__gt=assessment.pk)
            ).count()
            number = newer // VERSIONS_PAGE_SIZE + 1
    # The page's rows are swapped for typed ones, so it holds dicts and then VersionRows.
    page: Page[Any] = paginator.get_page(number)
    listed = page.object_list if paginator.count > 1 else []
    page.object_list = [VersionRow(**row) for row in listed]
    return page


def _uuid(value) -> uuid.UUID:
    # A UUID read through a subquery comes back as the database stored it.
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def reference_data_load() -> ReferenceData:
    """Everything the engine needs, read afresh in a fixed number of queries."""
    return reference_data_build(reference_rows_load())


def reference_data_current() -> ReferenceData:
    """The reference data as `reference_data_load` builds it, kept per process until it changes."""
    return memoised("reference_data", reference_data_load)


def reference_data_version() -> str:
    """The fingerprint of what the tables hold now: the version new reports will carry."""
    return reference_data_load().version()


def readiness_questions_load() -> tuple[QuestionInfo, ...]:
    """The readiness questions with the controls each one evidences, in two queries."""
    return questions_build(question_rows_load())


def readiness_questions_current() -> tuple[QuestionInfo, ...]:
    """The readiness questions, kept per process until the reference data changes."""
    return memoised("readiness_questions", readiness_questions_load)


@dataclass(frozen=True)
class SchemeName:
    key: str
    name: str


def scheme_names_read() -> tuple[SchemeName, ...]:
    """Every scheme's key and name, by name, straight from the database (one query)."""
    return tuple(SchemeName(k, n) for k, n in scheme_names_load())


def scheme_names_current() -> tuple[SchemeName, ...]:
    """`scheme_names_read`, kept per process until the reference data changes."""
    return memoised("scheme_names", scheme_names_read)


def necessity_rules_read() -> tuple[NecessityInfo, ...]:
    """The rules that make a question or a control necessary, straight from the database."""
    return necessity_build(necessity_rows_load())


def necessity_rules_current() -> tuple[NecessityInfo, ...]:
    """`necessity_rules_read`, kept per process until the reference data changes."""
    return memoised("necessity", necessity_rules_read)
