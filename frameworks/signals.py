"""Any write to the reference data invalidates the per-process memo in every process."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from frameworks.memo import reference_data_changed


def _reference_row_written(sender, **kwargs) -> None:
    meta = sender._meta
    # The history tables record edits; they are not reference data themselves.
    if meta.app_label == "frameworks" and not meta.object_name.startswith("Historical"):
        reference_data_changed()


def connect() -> None:
    for name, signal in (("save", post_save), ("delete", post_delete), ("m2m", m2m_changed)):
        signal.connect(_reference_row_written, dispatch_uid=f"certpath-reference-{name}")
