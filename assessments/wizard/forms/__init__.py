"""One form per wizard step, and the deep dive's. Forms validate; they decide nothing."""

from assessments.wizard.forms.fields import (
    BUDGET_MAX,
    DEADLINE_MAX_YEARS,
    DEALS_MAX,
    NAME_MAX,
    NOTE_MAX,
    OTHER_MAX,
    PEOPLE_IN_SCOPE_MAX,
    PEOPLE_MAX,
    QUOTE_PREFIX,
    SCHEME_DEADLINE,
    SCHEME_DEALS,
    STAFF_COST_MAX,
    STAFF_COST_MIN,
    clean_text,
)
from assessments.wizard.forms.plans import BudgetForm, CurrentStateForm
from assessments.wizard.forms.profile import CompanyForm, CustomersForm, DemandsForm, RegionsForm
from assessments.wizard.forms.readiness import (
    DeepDiveForm,
    MorePracticesForm,
    PracticesForm,
    ReviewForm,
)

__all__ = [
    "BUDGET_MAX",
    "DEADLINE_MAX_YEARS",
    "DEALS_MAX",
    "NAME_MAX",
    "NOTE_MAX",
    "OTHER_MAX",
    "PEOPLE_IN_SCOPE_MAX",
    "PEOPLE_MAX",
    "QUOTE_PREFIX",
    "SCHEME_DEADLINE",
    "SCHEME_DEALS",
    "STAFF_COST_MAX",
    "STAFF_COST_MIN",
    "BudgetForm",
    "CompanyForm",
    "CurrentStateForm",
    "CustomersForm",
    "DeepDiveForm",
    "DemandsForm",
    "MorePracticesForm",
    "PracticesForm",
    "RegionsForm",
    "ReviewForm",
    "clean_text",
]
