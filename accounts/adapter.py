"""How Certpath plugs into allauth. What a browser made before signing in is handed to the
account by `assessments.signals` (a `user_logged_in` receiver), so this app needs nothing of
`assessments`."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """allauth's defaults; the hook stays so settings keep one place to extend them."""
