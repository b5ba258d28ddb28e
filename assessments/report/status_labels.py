"""How a requirement's readiness status reads in the report, the SoA and the deep dive."""

from assessments.engine.codes import Status

STATUS_LABELS = {status.value: status.short for status in Status} | {
    "n/a": Status.NOT_APPLICABLE.short
}
# Whether an Annex A control is implemented, as a Statement of Applicability states it.
IMPLEMENTATION_LABELS = {
    Status.MET.value: "Implemented",
    Status.PARTIAL.value: "Partly implemented",
    Status.GAP.value: "Not implemented",
    Status.NOT_ASSESSED.value: "Not assessed",
    Status.NOT_APPLICABLE.value: "Not applicable",
    "n/a": "Not applicable",
}
