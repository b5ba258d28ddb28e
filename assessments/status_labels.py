"""How a requirement's readiness status reads in the report, the SoA and the deep dive."""

from .engine.codes import Status

STATUS_LABELS = {status.value: status.short for status in Status} | {
    "n/a": Status.NOT_APPLICABLE.short
}
