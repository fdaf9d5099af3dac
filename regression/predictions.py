"""Average predicted probabilities with a variable set for everyone, and their gaps."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats
from scipy.special import expit

from htleads.errors import ModelError
from regression.fe_ordered_logit import entity_dummy_matrix
from regression.panel import build_design, level_label
from regression.results import ModelResult

logger = logging.getLogger(__name__)

ORDERED_MODELS = ("ologit", "ologit_dummies")


@dataclass
class Scenario:
    """Average probability of each outcome with ``variable`` set to ``value``."""

    value: object
    mean: np.ndarray
    jacobian: np.ndarray


def predicted_probabilities(
    result: ModelResult,
    frame: pd.DataFrame,
    variable: str,
    values: list,
    level: float = 0.95,
) -> pd.DataFrame:
    """Set ``variable`` to each of ``values`` for every observation and average.

    For each value, every observation of the estimation sample gets that
    value, the model predicts the probability of each outcome category, and
    the probabilities are averaged over observations (the "recycled
    predictions" of the thesis's Figure 6). Differences are the first value
    minus each later one. Standard errors and intervals come from the delta
    method with the model's covariance.

    Returns
    -------
    DataFrame
        One row per outcome category; for each value the columns
        ``P(variable=value)``, ``se``, ``lower``, ``upper``, and for each later
        value ``diff(first-value)`` with its ``se``, ``lower`` and ``upper``.
    """
    if result.model not in ORDERED_MODELS:
        raise ModelError(
            f"Predicted probabilities need an ordered logit with cut points; "
            f"'{result.model}' has none. Use --model ologit."
        )
    if variable not in result.spec.x:
        raise ModelError(
            f"'{variable}' is not a regressor of the model; set one of "
            f"{', '.join(result.spec.x)}."
        )
    if result.rows is None or not set(result.rows) <= set(frame.index):
        raise ModelError("Predictions need the panel the model was fitted on.")
    sample = frame.loc[result.rows]
    scenarios = [_scenario(result, sample, variable, value) for value in values]
    return _table(result, scenarios, variable, level)


def _scenario(
    result: ModelResult, sample: pd.DataFrame, variable: str, value: object
) -> Scenario:
    edited = sample.copy()
    edited[variable] = _coerce(result, variable, value)
    exog = _exog(result, edited)
    names = result.params.index
    cut_mask = names.str.match(r"^cut\d+$")
    beta = result.params[~cut_mask].to_numpy()
    cuts = result.params[cut_mask].to_numpy()

    bounds = cuts[None, :] - (exog @ beta)[:, None]
    cdf = expit(bounds)
    density = cdf * (1 - cdf)
    ones = np.ones((len(exog), 1))
    cumulative = np.hstack([0 * ones, cdf, ones])
    mean = np.diff(cumulative, axis=1).mean(axis=0)

    # d mean P(y <= j) / d theta, then differences across adjacent j
    d_beta = -(density[:, :, None] * exog[:, None, :]).mean(axis=0)
    d_cut = np.diag(density.mean(axis=0))
    d_cumulative = np.hstack([d_beta, d_cut])
    zero = np.zeros((1, d_cumulative.shape[1]))
    jacobian = np.diff(np.vstack([zero, d_cumulative, zero]), axis=0)
    return Scenario(value, mean, jacobian)


def _exog(result: ModelResult, edited: pd.DataFrame) -> np.ndarray:
    design = build_design(edited, result.spec, levels=result.levels)
    if result.model != "ologit_dummies":
        return design.exog
    entity = result.spec.entity
    dummies, _ = entity_dummy_matrix(
        list(edited[entity]), result.levels[entity], entity
    )
    return np.column_stack([design.exog, dummies])


def _coerce(result: ModelResult, variable: str, value: object) -> object:
    """Match a value typed on the command line to the variable's own type."""
    known = result.levels.get(variable)
    if known is not None:
        for level in known:
            if level_label(level) == level_label(value) or str(level) == str(value):
                return level
        shown = ", ".join(level_label(level) for level in known)
        raise ModelError(
            f"'{variable}' has no level {value!r} in the model; its levels are {shown}."
        )
    try:
        return float(value)
    except (TypeError, ValueError) as error:
        raise ModelError(
            f"'{variable}' is numeric; {value!r} is not a number."
        ) from error


def _table(
    result: ModelResult, scenarios: list[Scenario], variable: str, level: float
) -> pd.DataFrame:
    crit = stats.norm.ppf((1 + level) / 2)
    cov = result.cov.to_numpy()
    table = pd.DataFrame(
        {"outcome": [level_label(value) for value in result.outcome_levels]}
    )
    for scenario in scenarios:
        se = _delta_se(scenario.jacobian, cov)
        label = f"P({variable}={level_label(scenario.value)})"
        _add(table, label, scenario.mean, se, crit)
    first = scenarios[0]
    for other in scenarios[1:]:
        gap = first.mean - other.mean
        se = _delta_se(first.jacobian - other.jacobian, cov)
        label = f"diff({level_label(first.value)}-{level_label(other.value)})"
        _add(table, label, gap, se, crit)
    return table


def _add(
    table: pd.DataFrame, label: str, estimate: np.ndarray, se: np.ndarray, crit: float
) -> None:
    table[label] = estimate
    table[f"{label} se"] = se
    table[f"{label} lower"] = estimate - crit * se
    table[f"{label} upper"] = estimate + crit * se


def _delta_se(jacobian: np.ndarray, cov: np.ndarray) -> np.ndarray:
    return np.sqrt(np.einsum("jp,pq,jq->j", jacobian, cov, jacobian))
