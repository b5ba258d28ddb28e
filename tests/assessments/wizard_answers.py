"""Valid answers for every question-and-answer step of the wizard, as plain data.

The tests post them through the Django client; the load benchmark posts them over HTTP from a
process without Django, so this module imports nothing."""

VALID = {
    "company": {
        "company_name": "Acme Analytics",
        "headcount": "11-50",
        "industry": "saas",
        "delivery": ["saas"],
        "data_types": ["personal", "confidential"],
    },
    "customers": {
        "segments": ["mid_market", "enterprise"],
        "customer_regions": ["north_america"],
    },
    "regions": {"selling_now": ["north_america"], "selling_planned": ["uk"]},
    "demands": {
        "requests": ["soc2", "questionnaires"],
        "deals_soc2": "2",
        "deadline_soc2": "",
        "soc2_type_needed": "unknown",
    },
    "budget": {
        "budget_amount": "90000",
        "budget_yearly": "60000",
        "currency": "USD",
        "internal_people": "1",
        "approach": "platform",
    },
    "current": {"maturity": "basic"},
}
