"""Any write to the reference data invalidates the per-process memo in every process.

Only the reference data's own models are listened to, each by name (`sender=`): a save
elsewhere in the project never reaches this module."""

from django.apps import apps
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save
from simple_history.models import HistoricalChanges

from frameworks.memo import reference_data_changed


def reference_models() -> list[type[models.Model]]:
    """The frameworks app's models, without their history tables (those record edits; they are
    not reference data themselves)."""
    return [
        model
        for model in apps.get_app_config("frameworks").get_models()
        if not issubclass(model, HistoricalChanges)
    ]


def _row_written(sender, **kwargs) -> None:
    reference_data_changed()


def _links_changed(sender, action: str, **kwargs) -> None:
    if action.startswith("post_"):
        reference_data_changed()


def connect() -> None:
    for model in reference_models():
        post_save.connect(_row_written, sender=model, dispatch_uid="certpath-reference-save")
        post_delete.connect(_row_written, sender=model, dispatch_uid="certpath-reference-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _links_changed,
                sender=field.remote_field.through,
                dispatch_uid="certpath-reference-links",
            )
