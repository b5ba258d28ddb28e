"""Signing in hands the account what this browser made before: a `user_logged_in` receiver, so
the accounts app never imports this one. A PDF row's file leaves the storage with the row."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from assessments.models import RenderedPdf
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


@receiver(post_delete, sender=RenderedPdf, dispatch_uid="assessments.pdf_file_delete")
def pdf_file_delete(sender, instance: RenderedPdf, **kwargs) -> None:
    """Sent for every row, also when the rows go with their assessment (a cascade) or a
    queryset's delete(). The file goes only once the delete is committed."""
    if instance.file.name:
        name, storage = instance.file.name, instance.file.storage
        transaction.on_commit(lambda: storage.delete(name))
