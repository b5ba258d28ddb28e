"""Deploy checks: sign-up and password reset send mail, so production must be able to."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

SMTP = "django.core.mail.backends.smtp.EmailBackend"


@register(Tags.security, deploy=True)
def mail_is_configured(app_configs, **kwargs):
    if settings.EMAIL_BACKEND == SMTP and settings.EMAIL_HOST in ("", "localhost"):
        return [
            Warning(
                "No SMTP server is configured, so verification and password-reset mails "
                "cannot be sent.",
                hint="Set DJANGO_EMAIL_HOST (and DJANGO_EMAIL_HOST_USER, "
                "DJANGO_EMAIL_HOST_PASSWORD), or DJANGO_EMAIL_BACKEND.",
                id="accounts.W001",
            )
        ]
    return []
