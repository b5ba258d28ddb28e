from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Sign-in with django-allauth, and what signing in means for a browser's assessments."""

    name = "accounts"

    def ready(self) -> None:
        from accounts import checks  # noqa: F401  (registers the deploy checks)
