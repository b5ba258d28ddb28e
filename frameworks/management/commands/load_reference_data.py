from django.core.management.base import BaseCommand, CommandError

from frameworks.services import ReferenceDataError, reference_data_seed


class Command(BaseCommand):
    help = (
        "Load the SOC 2 and ISO 27001 reference data when the database has none. "
        "Existing data, including admin edits, is left alone unless --reset is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the reference data (and its admin edits) and load the files again.",
        )

    def handle(self, *args, reset: bool = False, **options):
        try:
            summary = reference_data_seed(reset=reset)
        except ReferenceDataError as exc:
            raise CommandError(str(exc)) from exc
        if not summary.loaded:
            self.stdout.write(
                "Reference data already loaded; nothing changed (use --reset to reload)."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Loaded {summary.frameworks} frameworks, {summary.controls} controls, "
                    f"{summary.mappings} mapping links, {summary.questions} readiness questions "
                    f"and {summary.schemes} adjacent schemes."
                )
            )
