"""Reading the app's pages through the Django test client, as a visitor's browser would."""

from __future__ import annotations


def report_page(client, assessment) -> str:
    """The body of the assessment's report page, which must answer 200."""
    response = client.get(assessment.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()
