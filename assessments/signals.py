"""Signing in hands the account what this browser made before: a `user_logged_in` receiver, so
the accounts app never imports this one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from assessments.ownership import session_owned_forget, session_owned_ids
from assessments.services import assessments_claim


@receiver(user_logged_in, dispatch_uid="assessments.claim_on_sign_in")
def claim_on_sign_in(sender, request, user, **kwargs) -> None:
    if request is None:
        return
    ids = session_owned_ids(request)
    if not ids:
        return
    claimed = assessments_claim(ids=ids, owner=user)
    session_owned_forget(request, ids)
    if claimed:
        made = "1 assessment" if claimed == 1 else f"{claimed} assessments"
        verb = "belongs" if claimed == 1 else "belong"
        messages.info(request, f"{made} made in this browser now {verb} to your account.")
