"""How a requirement's readiness status reads in the report, the SoA and the deep dive."""

STATUS_LABELS = {
    "met": "met",
    "partial": "partly",
    "gap": "gap",
    "not_applicable": "n/a",
    "n/a": "n/a",
    "not_assessed": "not assessed",
}
