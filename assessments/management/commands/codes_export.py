from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments.report.codes_export import generated_files


class Command(BaseCommand):
    help = (
        "Write the files generated from the engine's codes: the answers JSON schema and the "
        "reference data's vocabulary. With --check, write nothing and fail if either drifted."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Exit with an error, listing the files, when a committed file differs.",
        )

    def handle(self, *args, check: bool = False, **options):
        drifted = [path for path, text in generated_files().items() if _read(path) != text]
        if check:
            if drifted:
                names = ", ".join(str(p) for p in drifted)
                raise CommandError(f"Out of date (run `manage.py codes_export`): {names}")
            self.stdout.write("The generated files are up to date.")
            return
        for path, text in generated_files().items():
            if path in drifted:
                path.write_text(text, encoding="utf-8")
                self.stdout.write(f"Wrote {path}")
        if not drifted:
            self.stdout.write("Nothing to write: the generated files are up to date.")


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.exists() else None
