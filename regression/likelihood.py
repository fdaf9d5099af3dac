"""Pieces shared by the maximum-likelihood estimators: fit, Newton step, covariance."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from htleads.errors import ModelError
from regression.covariance import cluster_scores, outer_scores, sandwich

MAX_ITERATIONS = 200
MAX_STEP = 5.0


@dataclass
class LikelihoodFit:
    """A converged maximum: estimates, Hessian, per-observation scores."""

    theta: np.ndarray
    hessian: np.ndarray
    scores: np.ndarray
    llf: float
    iterations: int


def likelihood_cov(fit: LikelihoodFit, groups: np.ndarray, se: str) -> np.ndarray:
    """Covariance of a maximum-likelihood fit, with Stata's small-sample scales."""
    bread = np.linalg.inv(-fit.hessian)
    if se == "classic":
        return bread
    n = len(fit.scores)
    if se == "robust":
        return sandwich(bread, outer_scores(fit.scores)) * n / (n - 1)
    g = int(groups.max()) + 1
    return sandwich(bread, cluster_scores(fit.scores, groups)) * g / (g - 1)


def newton_step(hessian: np.ndarray, gradient: np.ndarray) -> np.ndarray:
    """The Newton direction, capped in length; a singular Hessian is an error."""
    try:
        step = np.linalg.solve(hessian, -gradient)
    except np.linalg.LinAlgError as error:
        raise ModelError(
            "The likelihood is flat in some direction (a singular Hessian): "
            "a regressor separates the outcome perfectly or is collinear with "
            "others. Drop it."
        ) from error
    # A nearly flat direction (a country always in one wide middle category)
    # can ask for an enormous step; cap it and let step halving do the rest.
    largest = np.abs(step).max()
    return step if largest <= MAX_STEP else step * (MAX_STEP / largest)
