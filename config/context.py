"""Template context every page shares."""

from django.conf import settings


def contact(request) -> dict:
    return {"contact_email": settings.CERTPATH_CONTACT_EMAIL}
