from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "frameworks"
    verbose_name = "Framework reference data"

    def ready(self) -> None:
        from django.core.signals import request_finished, request_started

        from frameworks import memo, signals

        signals.connect()
        request_started.connect(memo.request_began, dispatch_uid="reference-token-request")
        request_finished.connect(memo.request_ended, dispatch_uid="reference-token-request")
