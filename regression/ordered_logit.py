"""Ordered logit by maximum likelihood, with cut points reported as Stata does."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
from scipy.special import expit

from htleads.errors import ModelError
from regression.covariance import check_se_type
from regression.likelihood import (
    MAX_ITERATIONS,
    LikelihoodFit,
    likelihood_cov,
    newton_step,
)
from regression.panel import ModelSpec, build_design, check_rank, ordered_outcome
from regression.results import ModelResult

logger = logging.getLogger(__name__)


def fit_ordered_logit(
    frame: pd.DataFrame, spec: ModelSpec, se: str = "robust"
) -> ModelResult:
    """Ordered logit of ``spec.y`` with cut points ``cut1``, ``cut2``, ...

    The model is P(y <= j) = F(cut_j - x'b) with F the logistic function and
    no intercept, as Stata's ``ologit``.

    Parameters
    ----------
    se : {"classic", "robust", "cluster"}
        The inverse information, the sandwich scaled by N / (N - 1) (Stata's
        ``vce(robust)``), or clustered by ``spec.entity`` and scaled by
        G / (G - 1).
    """
    check_se_type(se)
    design = build_design(frame, spec)
    codes, outcome_levels = ordered_outcome(design.y, spec.y)
    with_cuts = np.column_stack([np.ones(design.nobs), design.exog])
    check_rank(with_cuts, ["cut points", *design.names], "Ordered logit")
    check_separation(codes, design.exog, design.names)

    fit = maximise(codes, design.exog, len(outcome_levels))
    names = [*design.names, *cut_names(len(outcome_levels))]
    cov = likelihood_cov(fit, design.entity, se)
    logger.info(
        "ordered logit on %s observations in %s iterations", design.nobs, fit.iterations
    )
    return ModelResult(
        model="ologit",
        label="Ordered logit",
        spec=spec,
        params=pd.Series(fit.theta, index=names),
        cov=pd.DataFrame(cov, index=names, columns=names),
        nobs=design.nobs,
        cov_type=se,
        ncountries=design.ngroups,
        llf=fit.llf,
        levels=design.levels,
        rows=design.rows,
        outcome_levels=outcome_levels,
    )


def cut_names(ncat: int) -> list[str]:
    """``cut1`` ... ``cut{ncat-1}``, Stata's names for the thresholds."""
    return [f"cut{index}" for index in range(1, ncat)]


def maximise(codes: np.ndarray, exog: np.ndarray, ncat: int) -> LikelihoodFit:
    """Newton-Raphson with step halving from the marginal cut points."""
    theta = start_values(codes, exog.shape[1], ncat)
    llf = loglike(theta, codes, exog, ncat)
    for iteration in range(1, MAX_ITERATIONS + 1):  # noqa: B007
        _, scores, hessian = derivatives(theta, codes, exog, ncat)
        gradient = scores.sum(axis=0)
        step = newton_step(hessian, gradient)
        theta, new_llf = _halving(theta, step, llf, codes, exog, ncat)
        if abs(new_llf - llf) < 1e-12 * (1 + abs(llf)) and gradient @ step < 1e-14:
            llf = new_llf
            break
        llf = new_llf
    else:
        raise ModelError(
            f"The ordered logit did not converge in {MAX_ITERATIONS} iterations; "
            "check for perfect separation or nearly collinear regressors."
        )
    _, scores, hessian = derivatives(theta, codes, exog, ncat)
    return LikelihoodFit(theta, hessian, scores, llf, iteration)


def start_values(codes: np.ndarray, k: int, ncat: int) -> np.ndarray:
    """Zero slopes and the cut points that fit the marginal shares."""
    shares = np.cumsum(np.bincount(codes, minlength=ncat))[:-1] / len(codes)
    shares = np.clip(shares, 1e-6, 1 - 1e-6)
    return np.concatenate([np.zeros(k), np.log(shares / (1 - shares))])


def loglike(theta: np.ndarray, codes: np.ndarray, exog: np.ndarray, ncat: int) -> float:
    """Log-likelihood; minus infinity where cut points are out of order."""
    upper, lower = _bounds(theta, codes, exog, ncat)
    p = _interval_probability(upper, lower)
    if np.any(p <= 0):
        return -np.inf
    return float(np.log(p).sum())


def derivatives(
    theta: np.ndarray, codes: np.ndarray, exog: np.ndarray, ncat: int
) -> tuple[float, np.ndarray, np.ndarray]:
    """Log-likelihood, per-observation scores and the Hessian, analytically."""
    n, k = exog.shape
    upper, lower = _bounds(theta, codes, exog, ncat)
    p = _interval_probability(upper, lower)
    f_upper, df_upper = _density(upper)
    f_lower, df_lower = _density(lower)

    # each bound is linear in theta: upper = cut_j - x'b, lower = cut_{j-1} - x'b
    u_upper = _bound_gradient(exog, codes, ncat, top=True)
    u_lower = _bound_gradient(exog, codes, ncat, top=False)
    scores = (f_upper[:, None] * u_upper - f_lower[:, None] * u_lower) / p[:, None]
    hessian = (
        u_upper.T @ ((df_upper / p)[:, None] * u_upper)
        - u_lower.T @ ((df_lower / p)[:, None] * u_lower)
        - scores.T @ scores
    )
    return float(np.log(p).sum()), scores, hessian


def category_probabilities(xb: np.ndarray, cuts: np.ndarray) -> np.ndarray:
    """P(y = j | x) for every row of ``xb`` and category j."""
    cumulative = expit(cuts[None, :] - xb[:, None])
    ones = np.ones((len(xb), 1))
    return np.diff(np.hstack([0 * ones, cumulative, ones]), axis=1)


def check_separation(codes: np.ndarray, exog: np.ndarray, names: list[str]) -> None:
    """Fail when a 0/1 regressor puts all its rows in the lowest or top category."""
    top = codes.max()
    for column, name in zip(exog.T, names, strict=True):
        if not np.isin(column, (0.0, 1.0)).all():
            continue
        for value in (0.0, 1.0):
            outcomes = codes[column == value]
            if len(outcomes) and (np.all(outcomes == 0) or np.all(outcomes == top)):
                raise ModelError(
                    f"Perfect separation: every observation with '{name}' = "
                    f"{value:g} is in the same extreme outcome category, so its "
                    "coefficient is infinite. Drop or merge that level."
                )


def _bounds(
    theta: np.ndarray, codes: np.ndarray, exog: np.ndarray, ncat: int
) -> tuple[np.ndarray, np.ndarray]:
    k = exog.shape[1]
    xb = exog @ theta[:k]
    cuts = np.concatenate([[-np.inf], theta[k:], [np.inf]])
    return cuts[codes + 1] - xb, cuts[codes] - xb


def _interval_probability(upper: np.ndarray, lower: np.ndarray) -> np.ndarray:
    """F(upper) - F(lower), computed on the side that keeps its precision."""
    with np.errstate(invalid="ignore"):
        right = expit(-lower) - expit(-upper)
        left = expit(upper) - expit(lower)
    return np.where(lower > 0, right, left)


def _density(bound: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Logistic density and its derivative, zero at infinite bounds."""
    cdf = expit(bound)
    density = cdf * (1 - cdf)
    return density, density * (1 - 2 * cdf)


def _bound_gradient(
    exog: np.ndarray, codes: np.ndarray, ncat: int, top: bool
) -> np.ndarray:
    n, k = exog.shape
    cut_index = codes if top else codes - 1
    finite = (cut_index >= 0) & (cut_index < ncat - 1)
    u = np.zeros((n, k + ncat - 1))
    u[:, :k] = -exog * finite[:, None]
    rows = np.flatnonzero(finite)
    u[rows, k + cut_index[rows]] = 1.0
    return u


def _halving(
    theta: np.ndarray,
    step: np.ndarray,
    llf: float,
    codes: np.ndarray,
    exog: np.ndarray,
    ncat: int,
) -> tuple[np.ndarray, float]:
    """Shorten a Newton step until it does not lower the likelihood."""
    for _ in range(40):
        candidate = theta + step
        value = loglike(candidate, codes, exog, ncat)
        if value >= llf - 1e-10 * (1 + abs(llf)):
            return candidate, value
        step = step / 2
    return theta, llf
