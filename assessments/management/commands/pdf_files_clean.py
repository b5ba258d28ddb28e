from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from assessments.models import PDF_FOLDER, PdfStatus, RenderedPdf
from assessments.report.rendered import render_version

# A render stores its file a moment before its row names it: younger files are left alone.
YOUNGEST_ORPHAN = timedelta(hours=1)


class Command(BaseCommand):
    help = (
        f"Tidy the board packs kept in the storage's {PDF_FOLDER}/ folder: remove files no "
        "PDF row names, and rows whose file is missing (their next download renders them "
        "again)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be removed; remove nothing."
        )
        parser.add_argument(
            "--superseded",
            action="store_true",
            help="Also remove the PDFs drawn by other versions of the report code (before the "
            "last deploy that changed it); they are never served again.",
        )

    def handle(self, *args, dry_run: bool = False, superseded: bool = False, **options):
        verb = "Would remove" if dry_run else "Removed"
        listed_at = timezone.now()
        stored = _stored_files()
        named = set(RenderedPdf.objects.exclude(file="").values_list("file", flat=True))

        cutoff = timezone.now() - YOUNGEST_ORPHAN
        orphans = [
            name
            for name in sorted(stored - named)
            if default_storage.get_modified_time(name) < cutoff
        ]
        for name in orphans:
            if not dry_run:
                default_storage.delete(name)
            self.stdout.write(f"{verb} file {name}: no PDF row names it")

        # Rows that turned ready after the listing have files it could not see.
        ready = RenderedPdf.objects.filter(status=PdfStatus.READY, updated_at__lt=listed_at)
        rows = [
            (pdf, "its file is missing")
            for pdf in ready.order_by("pk")
            if pdf.file.name not in stored
        ]
        if superseded:
            older = RenderedPdf.objects.exclude(render_version=render_version())
            rows += [(pdf, "drawn by other report code") for pdf in older.order_by("pk")]
        seen = set()
        with transaction.atomic():
            for pdf, why in rows:
                if pdf.pk in seen:
                    continue
                seen.add(pdf.pk)
                if not dry_run:
                    pdf.delete()  # its file, if any, goes once this commits
                self.stdout.write(f"{verb} PDF row {pdf.pk} ({pdf.assessment_id}): {why}")
        self.stdout.write(f"{verb} {len(orphans)} file(s) and {len(seen)} row(s).")


def _stored_files() -> set[str]:
    try:
        _, files = default_storage.listdir(PDF_FOLDER)
    except FileNotFoundError:  # nothing was ever rendered on this storage
        return set()
    return {f"{PDF_FOLDER}/{name}" for name in files}
