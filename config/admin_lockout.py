"""django-axes guards the admin's sign-in only; the site's own sign-in is throttled by allauth's
rate limits. Both count the same client address (config.proxies)."""

from django.conf import settings


def outside_the_admin(request, credentials=None) -> bool:
    """Passed to axes as AXES_WHITELIST_CALLABLE: attempts outside the admin are not its business."""
    return not request.path.startswith("/" + settings.ADMIN_URL)
