"""django-axes counts failed sign-ins at every door (the admin's form and the site's own) for the
same account and client address, so a staff account locked at one door is locked at all of
them. allauth's rate limits throttle the site's form besides. Both count the same client address
(config.proxies)."""

from django.contrib.auth import get_user_model
from django.db.models import Q


def account_of(request, credentials=None) -> str:
    """Passed to axes as AXES_USERNAME_CALLABLE: the account an attempt is for, whichever door
    it came through. The admin's form names the username, the site's form the email; both
    become the same key, and an unknown name stays itself (lower-cased)."""
    credentials = credentials or {}
    name = str(
        credentials.get("username") or credentials.get("email") or credentials.get("login") or ""
    ).strip()
    if not name:
        return ""
    user = (
        get_user_model()
        .objects.filter(Q(username__iexact=name) | Q(email__iexact=name))
        .only("pk")
        .first()
    )
    return f"account:{user.pk}" if user else name.lower()
