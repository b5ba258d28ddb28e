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
        "requests": ["soc2", "questionnaires"],
        "deals_at_stake": "2",
    },
    "regions": {"selling_now": ["north_america"], "selling_planned": ["uk"]},
    "budget": {
        "budget_amount": "90000",
        "currency": "USD",
        "internal_people": "1",
        "deadline": "",
        "approach": "platform",
    },
    "current": {"maturity": "basic"},
}
