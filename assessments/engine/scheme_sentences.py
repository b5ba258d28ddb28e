"""The sentences that say which answers made a scheme apply: "You handle payment card data." """

from __future__ import annotations

from assessments.engine.answers import FIELD_KINDS, Answers, label

SENTENCES = {
    "industry": "You work in {}.",
    "headcount": "You have {}.",
    "delivery": "You deliver {}.",
    "data_types": "You handle {}.",
    "segments": "You sell to {}.",
    "customer_regions": "You have customers in {}.",
    "regulated_buyers": "Your buyers include {}.",
    "public_sector_countries": "You sell to the public sector in {}.",
    "selling_now": "You sell in {}.",
    "selling_planned": "You plan to sell in {} within 24 months.",
    "requests": "Customers ask you for {}.",
    "tender_requirements": "A tender asks for {}.",
    "existing": "You already hold {}.",
    "ai_use": "Your product {}.",
}
# Places keep their capitals; other labels start lower-case inside a sentence.
PROPER = {"region", "country"}
# Where a label does not read well inside the sentence.
PHRASES = {
    ("segments", "smb"): "small businesses",
    ("segments", "mid_market"): "mid-market companies",
    ("segments", "enterprise"): "enterprises",
    ("segments", "public_sector"): "the public sector",
    ("region", "eu"): "the EU / EEA",
    ("region", "uk"): "the United Kingdom",
    ("region", "mea"): "the Middle East & Africa",
    ("country", "us"): "the United States",
    ("country", "uk"): "the United Kingdom",
    ("country", "nl"): "the Netherlands",
    ("country", "other"): "another country",
    ("regulated_buyers", "finance"): "financial services firms",
    ("regulated_buyers", "health"): "healthcare organisations",
    ("regulated_buyers", "us_federal"): "US federal agencies",
    ("regulated_buyers", "government"): "government or public bodies",
    ("tender_requirements", "soc2"): "a SOC 2 report",
    ("tender_requirements", "iso27001"): "an ISO 27001 certificate",
    ("tender_requirements", "either"): "a SOC 2 report or an ISO 27001 certificate",
    ("tender_requirements", "other"): "another certification or scheme",
    ("existing", "other"): "another certification",
    ("ai_use", "uses"): "uses AI models in its features",
    ("ai_use", "provides"): "builds or provides AI models or systems",
}


def phrase(kind: str, value: str) -> str:
    if (kind, value) in PHRASES:
        return PHRASES[(kind, value)]
    text = label(kind, value)
    first = text.split(" ", 1)[0]
    if kind not in PROPER and first[:1].isupper() and first[1:].islower():
        return text[:1].lower() + text[1:]
    return text


def joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def condition_sentences(field: str, values: list[str], answers: Answers) -> list[str]:
    """One sentence per answer field behind the matched values, naming them."""
    if not values:
        return []
    if field in ("markets", "markets_planned"):
        # Say which answer put the region there: customers, sales now or sales planned.
        groups: dict[str, list[str]] = {
            "customer_regions": [],
            "selling_now": [],
            "selling_planned": [],
        }
        for value in values:
            source = next(f for f in groups if value in getattr(answers, f))
            groups[source].append(value)
        return [s for f, v in groups.items() for s in condition_sentences(f, v, answers)]
    kind = FIELD_KINDS[field]
    return [SENTENCES[field].format(joined([phrase(kind, v) for v in values]))]
