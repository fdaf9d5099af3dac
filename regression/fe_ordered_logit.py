"""Fixed-effects ordered logit: the consistent BUC estimator and the dummy version.

``fit_buc`` is the "blow-up and cluster" estimator of Baetschmann, Staub and
Winkelmann (2015, JRSS A 178(3)): every observation is copied once per
cut-off k = 2..J, the copy's outcome is 1(y >= k), and a conditional logit
with one group per country and cut-off is fitted to the stacked copies. The
country effects and the cut points cancel out of the conditional likelihood,
so the slopes are consistent with few years per country. The copies of one
country are dependent, hence standard errors clustered by country.

``fit_dummy_ordered_logit`` is the ordered logit with one dummy per country,
which is what a thesis table headed "country fixed effects ordered logit"
usually reports. It is kept for comparison only: see its Notes.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from htleads.errors import ModelError
from regression.conditional_logit import fit_conditional_logit
from regression.covariance import check_se_type
from regression.likelihood import likelihood_cov
from regression.ordered_logit import cut_names, maximise
from regression.panel import (
    Design,
    ModelSpec,
    build_design,
    check_rank,
    demean,
    ordered_outcome,
)
from regression.results import ModelResult

logger = logging.getLogger(__name__)


def fit_buc(frame: pd.DataFrame, spec: ModelSpec, se: str = "cluster") -> ModelResult:
    """Consistent fixed-effects ordered logit by blow-up and cluster (BUC).

    Parameters
    ----------
    frame : DataFrame
        The panel.
    spec : ModelSpec
        The model; ``spec.entity`` names the fixed effects.
    se : {"cluster", "robust", "classic"}
        ``cluster`` (and ``robust``, its synonym here) clusters by country and
        scales by G / (G - 1), as ``clogit, vce(cluster COUNTRY)``. ``classic``
        is the inverse information of the stacked likelihood, right only when
        the outcome has two categories (then BUC is Stata's ``clogit``).

    Returns
    -------
    ModelResult
        Slopes only: cut points are not identified once the country effects
        are conditioned out. ``nobs`` counts the original observations of the
        countries whose outcome changes; the others carry no information.

    Notes
    -----
    Only countries whose outcome changes at least once enter. A regressor that
    never changes within a country cannot be estimated. Predicted
    probabilities need the country effects and cut points, so they are
    offered for the ordered logit models, not for this one.
    """
    check_se_type(se)
    design = build_design(frame, spec)
    codes, outcome_levels = ordered_outcome(design.y, spec.y)
    stacked = blow_up(codes, len(outcome_levels), design)
    if stacked is None:
        raise ModelError(
            f"The dependent variable '{spec.y}' never changes within any "
            f"{spec.entity}, so a fixed-effects model has nothing to estimate; "
            "use --model ologit."
        )
    rows, d, groups = stacked
    exog = design.exog[rows]
    check_rank(demean(exog, groups), design.names, "Fixed-effects ordered logit")

    fit = fit_conditional_logit(d, exog, groups)
    clusters, kept = pd.factorize(design.entity[rows])
    cov = likelihood_cov(fit, clusters, "classic" if se == "classic" else "cluster")
    used = np.unique(rows)
    logger.info(
        "BUC ordered logit: %s observations of %s countries, %s blown-up rows",
        len(used),
        len(kept),
        len(rows),
    )
    return ModelResult(
        model="feologit",
        label="FE ordered logit (BUC)",
        spec=spec,
        params=pd.Series(fit.theta, index=design.names),
        cov=pd.DataFrame(cov, index=design.names, columns=design.names),
        nobs=len(used),
        cov_type="classic" if se == "classic" else "cluster",
        ncountries=len(kept),
        llf=fit.llf,
        levels=design.levels,
        rows=design.rows,
        outcome_levels=outcome_levels,
        notes=[
            f"{len(rows)} blown-up observations; "
            f"{design.ngroups - len(kept)} countries without a change in "
            f"{spec.y} carry no information."
        ],
    )


def blow_up(
    codes: np.ndarray, ncat: int, design: Design
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Stack one copy per cut-off, keeping the (country, cut-off) groups that vary.

    Returns the original row of each copy, its 0/1 outcome and its group, or
    None when no group varies.
    """
    pieces = []
    for cut in range(1, ncat):
        d = (codes >= cut).astype(float)
        group = design.entity * (ncat - 1) + (cut - 1)
        share = np.bincount(group, weights=d, minlength=design.ngroups * (ncat - 1))
        count = np.bincount(group, minlength=design.ngroups * (ncat - 1))
        varies = (share > 0) & (share < count)
        keep = np.flatnonzero(varies[group])
        pieces.append((keep, d[keep], group[keep]))
    rows = np.concatenate([piece[0] for piece in pieces])
    if len(rows) == 0:
        return None
    d = np.concatenate([piece[1] for piece in pieces])
    groups = pd.factorize(np.concatenate([piece[2] for piece in pieces]))[0]
    return rows, d, groups


def fit_dummy_ordered_logit(
    frame: pd.DataFrame, spec: ModelSpec, se: str = "robust"
) -> ModelResult:
    """Ordered logit with one dummy per country (biased; for comparison).

    Parameters
    ----------
    frame, spec, se
        As for :func:`regression.ordered_logit.fit_ordered_logit`.

    Notes
    -----
    With T years per country, each country dummy is estimated from T
    observations. Its error does not vanish as the number of countries grows,
    and in a nonlinear model it contaminates the slopes: this is the
    incidental parameters problem (Neyman and Scott 1948). For logit models
    with short panels the slopes are inflated away from zero; with T = 2 the
    binary logit's estimate tends to twice the true value (Andersen 1970;
    Chamberlain 1980), and the bias shrinks only like 1/T. Use :func:`fit_buc`
    for a consistent estimate.

    Countries whose outcome sits in the lowest or in the top category every
    year are left out: their dummies would run off to infinity. The cut points
    are those of the base country, so they are not comparable with a pooled
    ordered logit's.
    """
    check_se_type(se)
    design = build_design(frame, spec)
    codes, outcome_levels = ordered_outcome(design.y, spec.y)
    keep = _countries_with_finite_effects(codes, design.entity)
    if not keep.any():
        raise ModelError(
            f"Every {spec.entity} has '{spec.y}' stuck in an extreme category; "
            "country dummies cannot be estimated."
        )
    design = _subset(design, keep)
    codes = codes[keep]
    dummies, dummy_names = _entity_dummies(design, spec.entity)
    exog = np.column_stack([design.exog, dummies])
    names = [*design.names, *dummy_names]
    check_rank(
        np.column_stack([np.ones(len(exog)), exog]),
        ["cut points", *names],
        "Dummy ologit",
    )

    fit = maximise(codes, exog, len(outcome_levels))
    all_names = [*names, *cut_names(len(outcome_levels))]
    cov = likelihood_cov(fit, design.entity, se)
    levels = {**design.levels, spec.entity: design.entity_labels}
    notes = ["Country dummies suffer the incidental parameters bias; see feologit."]
    adrift = [
        name
        for name, variance in zip(all_names, np.diag(cov), strict=True)
        if name not in dummy_names and not variance < 1e6
    ]
    if adrift:
        notes.append(
            f"Not identified (estimate drifts off, huge error): {', '.join(adrift)}."
        )
    return ModelResult(
        model="ologit_dummies",
        label="Ordered logit, country dummies",
        spec=spec,
        params=pd.Series(fit.theta, index=all_names),
        cov=pd.DataFrame(cov, index=all_names, columns=all_names),
        nobs=design.nobs,
        cov_type=se,
        ncountries=design.ngroups,
        llf=fit.llf,
        levels=levels,
        rows=design.rows,
        outcome_levels=outcome_levels,
        hidden=tuple(dummy_names),
        notes=notes,
    )


def entity_dummy_matrix(
    labels: list, known: list, entity: str
) -> tuple[np.ndarray, list[str]]:
    """0/1 columns for every known entity but the first, rows given by ``labels``."""
    labels = np.asarray(labels, dtype=object)
    block = np.column_stack([(labels == level).astype(float) for level in known[1:]])
    return block, [f"{entity}={level}" for level in known[1:]]


def _entity_dummies(design: Design, entity: str) -> tuple[np.ndarray, list[str]]:
    labels = [design.entity_labels[code] for code in design.entity]
    return entity_dummy_matrix(labels, design.entity_labels, entity)


def _countries_with_finite_effects(codes: np.ndarray, entity: np.ndarray) -> np.ndarray:
    top = codes.max()
    lowest = np.bincount(entity, weights=codes > 0) == 0
    highest = np.bincount(entity, weights=codes < top) == 0
    return ~(lowest | highest)[entity]


def _subset(design: Design, keep: np.ndarray) -> Design:
    codes, labels = pd.factorize(design.entity[keep], sort=True)
    return Design(
        y=design.y[keep],
        exog=design.exog[keep],
        names=design.names,
        entity=codes,
        entity_labels=[design.entity_labels[index] for index in labels],
        rows=design.rows[keep],
        levels=design.levels,
    )
