"""Each rendered PDF is a file in Django's storage, recorded by a row: named so nothing public
leads to it, gone with its assessment or its revoked links, and tidied by `pdf_files_clean`."""

import io
import os
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from assessments import tasks
from assessments.models import PDF_FOLDER, Assessment, PdfStatus, RenderedPdf
from assessments.services import assessment_chain_delete, assessment_delete
from tests.assessments.wizard_helpers import complete_wizard
from tests.factories import assessment_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    """A storage of this test's own, so the files counted are only the ones it made."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _stored(media: Path) -> set[str]:
    folder = media / PDF_FOLDER
    return {p.relative_to(media).as_posix() for p in folder.iterdir()} if folder.exists() else set()


def _download(client, assessment, size: str | None = None) -> bytes:
    url = reverse("assessments:report_pdf", args=[assessment.link_key])
    response = client.get(url, {"size": size} if size else {})
    assert response.status_code == 200, response.status_code
    return response.getvalue()


def _link_targets(content: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(content))
    return [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    ]


def test_a_pdf_is_kept_under_a_random_name_that_no_link_or_id_leads_to(client, media):
    assessment = assessment_create()
    content = _download(client, assessment)
    [name] = _stored(media)
    assert name.startswith(f"{PDF_FOLDER}/") and name.endswith(".pdf")
    for public in (assessment.pk, assessment.link_key, "acme"):
        assert str(public).replace("-", "") not in name.lower()
    assert (media / name).read_bytes() == content
    # A second assessment's file is named afresh, never after the first.
    _download(client, assessment_create())
    assert len(_stored(media)) == 2


def test_each_page_size_and_each_version_has_a_file_of_its_own(client, media):
    first = assessment_create()
    letter, a4 = _download(client, first), _download(client, first, "a4")
    assert letter != a4
    client.post(reverse("assessments:recalculate", args=[first.link_key]))
    newer = Assessment.objects.exclude(pk=first.pk).get()
    _download(client, newer)
    assert len(_stored(media)) == 3
    assert RenderedPdf.objects.filter(assessment=first).count() == 2  # the old version's stay


def test_deleting_an_assessment_deletes_its_files(
    client, media, django_capture_on_commit_callbacks
):
    complete_wizard(client)
    assessment = Assessment.objects.get()
    _download(client, assessment)
    _download(client, assessment, "a4")
    assert len(_stored(media)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("assessments:delete", args=[assessment.link_key]))
    assert response.status_code == 302
    assert _stored(media) == set()
    assert not RenderedPdf.objects.exists()


def test_deleting_a_chain_or_its_owner_deletes_every_versions_files(
    client, media, django_user_model, django_capture_on_commit_callbacks
):
    first = assessment_create()
    second = assessment_create(predecessor=first)
    other = assessment_create()
    for assessment in (first, second, other):
        _download(client, assessment)
    with django_capture_on_commit_callbacks(execute=True):
        assert assessment_chain_delete(assessment=second) == 2
    assert len(_stored(media)) == 1

    # A cascade from somewhere else (an account deleted in the admin) takes the files too.
    owner = django_user_model.objects.create_user("owner", "o@example.com", "pw-123456")
    Assessment.objects.filter(pk=other.pk).update(owner=owner)
    with django_capture_on_commit_callbacks(execute=True):
        owner.delete()
    assert _stored(media) == set()


def test_a_delete_that_is_rolled_back_keeps_the_file(client, media):
    assessment = assessment_create()
    _download(client, assessment)
    assessment_delete(assessment=assessment)  # inside the test's transaction, never committed
    assert len(_stored(media)) == 1


def test_revoking_links_drops_the_pdf_whose_links_carried_the_old_key(
    client, media, django_capture_on_commit_callbacks
):
    complete_wizard(client)
    assessment = Assessment.objects.get()
    old_key = str(assessment.link_key)
    before = _download(client, assessment)
    assert any(old_key in uri for uri in _link_targets(before))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("assessments:revoke", args=[assessment.link_key]))
    assert _stored(media) == set()
    assessment.refresh_from_db()
    after = _download(client, assessment)
    targets = _link_targets(after)
    assert any(str(assessment.link_key) in uri for uri in targets)
    assert not any(old_key in uri for uri in targets)


def test_a_pdf_whose_file_went_missing_is_rendered_again(client, media, monkeypatch):
    assessment = assessment_create()
    _download(client, assessment)
    [name] = _stored(media)
    (media / name).unlink()
    # The first download finds the file gone, queues a render and says it is being prepared.
    retry = client.get(reverse("assessments:report_pdf", args=[assessment.link_key]))
    assert retry.status_code == 202
    content = _download(client, assessment)
    assert content.startswith(b"%PDF")
    assert RenderedPdf.objects.get().status == PdfStatus.READY
    assert _stored(media) != {name}


def _age(path: Path, hours: float) -> None:
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def test_pdf_files_clean_removes_orphaned_files_and_rows_without_a_file(client, media):
    kept, lost = assessment_create(), assessment_create()
    _download(client, kept)
    _download(client, lost)
    lost_row = RenderedPdf.objects.get(assessment=lost)
    (media / lost_row.file.name).unlink()
    old_orphan = default_storage.save(
        f"{PDF_FOLDER}/left-by-a-killed-worker.pdf", ContentFile(b"x")
    )
    _age(media / old_orphan, hours=3)
    young = default_storage.save(f"{PDF_FOLDER}/a-render-about-to-record-it.pdf", ContentFile(b"y"))

    out = io.StringIO()
    call_command("pdf_files_clean", "--dry-run", stdout=out)
    assert f"Would remove file {old_orphan}" in out.getvalue()
    assert f"Would remove PDF row {lost_row.pk}" in out.getvalue()
    assert young not in out.getvalue()
    assert RenderedPdf.objects.count() == 2 and (media / old_orphan).exists()

    out = io.StringIO()
    call_command("pdf_files_clean", stdout=out)
    assert "Removed 1 file(s) and 1 row(s)." in out.getvalue()
    assert not (media / old_orphan).exists() and (media / young).exists()
    assert list(RenderedPdf.objects.values_list("assessment_id", flat=True)) == [kept.pk]
    assert _download(client, kept).startswith(b"%PDF")
    assert _download(client, lost).startswith(b"%PDF")  # rendered again


def test_pdf_files_clean_can_drop_pdfs_drawn_by_earlier_code(
    client, media, monkeypatch, django_capture_on_commit_callbacks
):
    assessment = assessment_create()
    monkeypatch.setattr(tasks, "render_version", lambda: "olddeploy")
    _download(client, assessment)
    monkeypatch.undo()
    _download(client, assessment)  # today's code draws its own
    assert RenderedPdf.objects.count() == 2
    call_command("pdf_files_clean", stdout=io.StringIO())
    assert RenderedPdf.objects.count() == 2  # only on request
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("pdf_files_clean", "--superseded", stdout=out)
    assert "drawn by other report code" in out.getvalue()
    assert RenderedPdf.objects.get().render_version != "olddeploy"
    assert len(_stored(media)) == 1


def test_pdf_files_clean_on_an_empty_storage_says_so(media):
    out = io.StringIO()
    call_command("pdf_files_clean", stdout=out)
    assert "Removed 0 file(s) and 0 row(s)." in out.getvalue()
