from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "frameworks"
    verbose_name = "Framework reference data"

    def ready(self) -> None:
        from frameworks import signals

        signals.connect()
