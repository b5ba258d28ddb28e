from django import template

from assessments.selectors import reference_data_version

register = template.Library()


@register.simple_tag
def current_reference_version() -> str:
    """The fingerprint new reports will carry; it changes with every edit to the data."""
    return reference_data_version()
