"""Conditional (fixed-effects) logit by groups, with an exact Hessian.

Within a group of T observations of which k are ones, the conditional
likelihood is exp(sum of x'b over the ones) divided by the elementary
symmetric polynomial of order k of the weights w_t = exp(x_t'b). Its gradient
and Hessian follow from the probabilities that observation t (and the pair s,
t) is among the ones; these come from prefix and suffix products of the
polynomials (1 + w_t z), computed for all groups at once in arrays padded to
the longest group. The cost per group is of order T^2 k, which keeps the
blown-up panels of the fixed-effects ordered logit quick.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from htleads.errors import ModelError
from regression.likelihood import MAX_ITERATIONS, LikelihoodFit, newton_step

logger = logging.getLogger(__name__)


@dataclass
class PaddedGroups:
    """Observations laid out as (group, position) with zero-weight padding."""

    exog: np.ndarray
    d: np.ndarray
    valid: np.ndarray
    ones: np.ndarray
    rows: np.ndarray

    @property
    def degree(self) -> int:
        return int(self.ones.max())


def pad_groups(d: np.ndarray, exog: np.ndarray, groups: np.ndarray) -> PaddedGroups:
    """Arrange rows by group; ``rows`` maps each (group, slot) back to its row."""
    order = np.argsort(groups, kind="stable")
    codes, sizes = np.unique(groups[order], return_counts=True)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    slot = np.arange(len(order)) - np.repeat(starts, sizes)
    group_index = np.repeat(np.arange(len(codes)), sizes)

    shape = (len(codes), int(sizes.max()))
    rows = np.full(shape, -1)
    rows[group_index, slot] = order
    valid = rows >= 0
    padded_exog = np.zeros((*shape, exog.shape[1]))
    padded_exog[valid] = exog[rows[valid]]
    padded_d = np.zeros(shape)
    padded_d[valid] = d[rows[valid]]
    return PaddedGroups(
        padded_exog, padded_d, valid, padded_d.sum(axis=1).astype(int), rows
    )


def fit_conditional_logit(
    d: np.ndarray, exog: np.ndarray, groups: np.ndarray
) -> LikelihoodFit:
    """Maximise the conditional logit likelihood of 0/1 ``d`` given ``groups``.

    Groups where ``d`` does not vary carry no information and must be removed
    by the caller. The returned scores are per original row, in row order.
    """
    padded = pad_groups(d, exog, groups)
    theta = np.zeros(exog.shape[1])
    llf = loglike(theta, padded)
    for iteration in range(1, MAX_ITERATIONS + 1):  # noqa: B007
        _, scores, hessian = derivatives(theta, padded)
        gradient = scores.sum(axis=(0, 1))
        step = newton_step(hessian, gradient)
        theta, new_llf = _halving(theta, step, llf, padded)
        if abs(new_llf - llf) < 1e-12 * (1 + abs(llf)) and gradient @ step < 1e-14:
            llf = new_llf
            break
        llf = new_llf
    else:
        raise ModelError(
            f"The conditional logit did not converge in {MAX_ITERATIONS} "
            "iterations: a regressor probably separates the outcome within "
            "countries perfectly. Drop it."
        )
    llf, scores, hessian = derivatives(theta, padded)
    row_scores = np.zeros_like(exog, dtype=float)
    row_scores[padded.rows[padded.valid]] = scores[padded.valid]
    logger.debug("conditional logit converged in %s iterations", iteration)
    return LikelihoodFit(theta, hessian, row_scores, llf, iteration)


def loglike(theta: np.ndarray, padded: PaddedGroups) -> float:
    """Conditional log-likelihood summed over groups."""
    eta, weights, shift = _weights(theta, padded)
    prefix = _products(weights, padded.degree)
    top = np.take_along_axis(prefix[:, -1, :], padded.ones[:, None], axis=1)[:, 0]
    if np.any(top <= 0):
        return -np.inf
    chosen = (padded.d * np.where(padded.valid, eta, 0.0)).sum(axis=1)
    return float((chosen - np.log(top) - padded.ones * shift).sum())


def derivatives(
    theta: np.ndarray, padded: PaddedGroups
) -> tuple[float, np.ndarray, np.ndarray]:
    """Log-likelihood, padded per-observation scores and the exact Hessian."""
    _, weights, _ = _weights(theta, padded)
    single = inclusion(weights, padded.ones, padded.degree)
    pairs = _pair_covariance(weights, padded.ones, padded.degree, single)
    scores = (padded.d - single)[:, :, None] * padded.exog
    hessian = -np.einsum("gtp,gtq->pq", padded.exog, pairs @ padded.exog)
    return loglike(theta, padded), scores, hessian


def inclusion(weights: np.ndarray, ones: np.ndarray, degree: int) -> np.ndarray:
    """Probability that each observation is among the ``ones`` chosen ones.

    ``weights`` is (groups, slots) with zeros for padding; ``ones`` the number
    chosen in each group. A group with ``ones`` = 0 gets zeros.
    """
    prefix = _products(weights, degree)
    suffix = _products(weights[:, ::-1], degree)[:, ::-1]
    top = np.take_along_axis(prefix[:, -1, :], np.maximum(ones, 0)[:, None], axis=1)
    # e_{k-1} without t: sum over i of prefix_i(before t) * suffix_{k-1-i}(after t)
    index = ones[:, None] - 1 - np.arange(degree + 1)[None, :]
    usable = index >= 0
    after = suffix[:, 1:, :]
    picked = np.take_along_axis(
        after,
        np.broadcast_to(np.clip(index, 0, degree)[:, None, :], after.shape),
        axis=2,
    )
    without = (prefix[:, :-1, :] * picked * usable[:, None, :]).sum(axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(top > 0, weights * without / top, 0.0)
    return share


def _pair_covariance(
    weights: np.ndarray, ones: np.ndarray, degree: int, single: np.ndarray
) -> np.ndarray:
    """Covariance of the inclusion indicators within each group, (G, T, T).

    P(s and t chosen) is P(s chosen) times P(t chosen among the rest when one
    fewer is chosen from the group without s), and a weight of zero removes s.
    """
    groups, slots = weights.shape
    cov = np.empty((groups, slots, slots))
    for s in range(slots):
        without_s = weights.copy()
        without_s[:, s] = 0.0
        given_s = inclusion(without_s, ones - 1, degree)
        cov[:, s, :] = single[:, s, None] * (given_s - single)
        cov[:, s, s] = single[:, s] * (1 - single[:, s])
    return cov


def _products(weights: np.ndarray, degree: int) -> np.ndarray:
    """Coefficients of prod_{u<t} (1 + w_u z) up to z^degree, for t = 0..T."""
    groups, slots = weights.shape
    table = np.zeros((groups, slots + 1, degree + 1))
    table[:, 0, 0] = 1.0
    for t in range(slots):
        table[:, t + 1] = table[:, t]
        table[:, t + 1, 1:] += weights[:, t, None] * table[:, t, :-1]
    return table


def _weights(
    theta: np.ndarray, padded: PaddedGroups
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Linear index, weights scaled to a largest of one per group, and the scale."""
    eta = padded.exog @ theta
    masked = np.where(padded.valid, eta, -np.inf)
    shift = masked.max(axis=1)
    weights = np.where(padded.valid, np.exp(masked - shift[:, None]), 0.0)
    return eta, weights, shift


def _halving(
    theta: np.ndarray, step: np.ndarray, llf: float, padded: PaddedGroups
) -> tuple[np.ndarray, float]:
    for _ in range(40):
        value = loglike(theta + step, padded)
        if value >= llf - 1e-10 * (1 + abs(llf)):
            return theta + step, value
        step = step / 2
    return theta, llf
