"""One form per wizard step, and the deep dive's. Forms validate; they decide nothing."""

from assessments.wizard.forms.fields import (
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
