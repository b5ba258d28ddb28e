"""The reference data: frameworks, their controls, the mapping between them, and the figures
and weights the recommendation engine reads. Staff edit all of it in the admin, with history."""

from frameworks.models.catalogue import (
    ComparisonAspect,
    ComparisonText,
    Control,
    ControlGroup,
    ControlMapping,
    Framework,
)
from frameworks.models.figures import (
    TRUSTED_SOURCES,
    WEIGHT_MAX,
    WEIGHT_MIN,
    CostItem,
    DecisionFactor,
    DecisionRule,
    ExchangeRate,
    PricingFactor,
    RangeMixin,
    SourceType,
    TimelineEstimate,
)
from frameworks.models.readiness import NecessityRule, ReadinessQuestion
from frameworks.models.schemes import TRIGGER_HELP, AdjacentScheme, SchemePhase

__all__ = [
    "TRUSTED_SOURCES",
    "TRIGGER_HELP",
    "WEIGHT_MAX",
    "WEIGHT_MIN",
    "AdjacentScheme",
    "ComparisonAspect",
    "ComparisonText",
    "Control",
    "ControlGroup",
    "ControlMapping",
    "CostItem",
    "DecisionFactor",
    "DecisionRule",
    "ExchangeRate",
    "NecessityRule",
    "Framework",
    "PricingFactor",
    "RangeMixin",
    "ReadinessQuestion",
    "SchemePhase",
    "SourceType",
    "TimelineEstimate",
]
