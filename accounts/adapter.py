"""How Certpath plugs into allauth."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib import messages

from assessments.ownership import session_owned_forget, session_owned_ids
from assessments.services import assessments_claim


class AccountAdapter(DefaultAccountAdapter):
    def login(self, request, user) -> None:
        """Sign in, then hand the account what this browser made before signing in."""
        super().login(request, user)
        ids = session_owned_ids(request)
        if not ids:
            return
        claimed = assessments_claim(ids=ids, owner=user)
        session_owned_forget(request, ids)
        if claimed:
            made = "1 assessment" if claimed == 1 else f"{claimed} assessments"
            verb = "belongs" if claimed == 1 else "belong"
            messages.info(request, f"{made} made in this browser now {verb} to your account.")
