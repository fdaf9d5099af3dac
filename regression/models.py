"""The estimators by their command-line names, and one call to fit any of them."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from htleads.errors import ModelError
from regression.fe_ordered_logit import fit_buc, fit_dummy_ordered_logit
from regression.ols import fit_ols
from regression.ordered_logit import fit_ordered_logit
from regression.panel import ModelSpec
from regression.re_ordered_logit import fit_re_ordered_logit
from regression.results import ModelResult
from regression.within import fit_within

Estimator = Callable[[pd.DataFrame, ModelSpec, str], ModelResult]

ESTIMATORS: dict[str, Estimator] = {
    "ols": fit_ols,
    "fe": fit_within,
    "ologit": fit_ordered_logit,
    "feologit": fit_buc,
    "ologit-dummies": fit_dummy_ordered_logit,
    "reologit": fit_re_ordered_logit,
}

DEFAULT_SE = {
    "ols": "robust",
    "fe": "cluster",
    "ologit": "robust",
    "feologit": "cluster",
    "ologit-dummies": "robust",
    "reologit": "classic",
}


def fit(
    model: str, frame: pd.DataFrame, spec: ModelSpec, se: str | None = None
) -> ModelResult:
    """Fit ``model`` (a key of ``ESTIMATORS``) with ``se`` or its default errors."""
    try:
        estimator = ESTIMATORS[model]
    except KeyError:
        raise ModelError(
            f"Unknown model '{model}'; choose one of {', '.join(ESTIMATORS)}."
        ) from None
    return estimator(frame, spec, se or DEFAULT_SE[model])
