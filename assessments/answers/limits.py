"""The limits on an answer, and the prefixes of the per-scheme and per-line answer fields.

The wizard's forms, the JSON Schema and the answer-file reader all read them from here, so what
the wizard accepts and what a file may hold cannot drift apart.
"""

BUDGET_MAX = 10_000_000
PEOPLE_MAX = 100
DEADLINE_MAX_YEARS = 5
NAME_MAX = 200
NOTE_MAX = 300
OTHER_MAX = 120
DEALS_MAX = 10_000
PEOPLE_IN_SCOPE_MAX = 1_000_000
STAFF_COST_MIN, STAFF_COST_MAX = 10_000, 1_000_000
QUOTE_PREFIX = "quote_"
SCHEME_DEADLINE, SCHEME_DEALS = "scheme_deadline_", "scheme_deals_"
