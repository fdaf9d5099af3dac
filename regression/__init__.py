"""Country-year panel models of the thesis's Part I: OLS, within, ordered logits."""

from regression.fe_ordered_logit import fit_buc, fit_dummy_ordered_logit
from regression.models import ESTIMATORS, fit
from regression.ols import fit_ols
from regression.ordered_logit import fit_ordered_logit
from regression.panel import ModelSpec, read_panel
from regression.predictions import predicted_probabilities
from regression.re_ordered_logit import fit_re_ordered_logit
from regression.results import ModelResult
from regression.within import fit_within

__all__ = [
    "ESTIMATORS",
    "ModelResult",
    "ModelSpec",
    "fit",
    "fit_buc",
    "fit_dummy_ordered_logit",
    "fit_ols",
    "fit_ordered_logit",
    "fit_re_ordered_logit",
    "fit_within",
    "predicted_probabilities",
    "read_panel",
]
