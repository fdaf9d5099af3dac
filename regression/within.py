"""The within (country fixed effects) estimator, as Stata's ``xtreg, fe``."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from htleads.errors import ModelError
from regression.covariance import check_se_type, cluster_scores, sandwich
from regression.panel import ModelSpec, build_design, check_rank, demean
from regression.results import ModelResult

logger = logging.getLogger(__name__)


def fit_within(
    frame: pd.DataFrame, spec: ModelSpec, se: str = "cluster"
) -> ModelResult:
    """Country fixed effects by the within transformation.

    Parameters
    ----------
    frame : DataFrame
        The panel.
    spec : ModelSpec
        The model; ``spec.entity`` names the fixed effects.
    se : {"classic", "cluster", "robust"}
        ``classic`` is ``vce(conventional)``; ``robust`` and ``cluster`` are
        both ``vce(robust)``, which for ``xtreg, fe`` clusters by country.

    Notes
    -----
    Following Stata, each variable is demeaned within its country and the
    grand mean is added back, so that the intercept ``const`` is the mean of
    the fixed effects. Conventional errors use N - G - K degrees of freedom.
    Clustered errors scale the sandwich by G / (G - 1) * (N - 1) / (N - K - 1),
    where K counts the slopes but not the fixed effects (they are nested in the
    clusters), and t tests use G - 1 degrees of freedom. The R-squared is the
    within R-squared. Countries seen once stay in N but add nothing.
    """
    check_se_type(se)
    design = build_design(frame, spec)
    _check_within_variation(design.exog, design.names, design.entity, spec.entity)
    y = demean(design.y, design.entity) + design.y.mean()
    exog_within = demean(design.exog, design.entity)
    check_rank(exog_within, design.names, "Fixed effects")
    exog = np.column_stack(
        [exog_within + design.exog.mean(axis=0), np.ones(design.nobs)]
    )
    names = [*design.names, "const"]

    bread = np.linalg.inv(exog.T @ exog)
    beta = bread @ exog.T @ y
    resid = y - exog @ beta
    n, g, k = design.nobs, design.ngroups, design.exog.shape[1]
    if se == "classic":
        df_resid = n - g - k
        cov = bread * (resid**2).sum() / df_resid
    else:
        scale = g / (g - 1) * (n - 1) / (n - k - 1)
        cov = sandwich(bread, cluster_scores(exog * resid[:, None], design.entity))
        cov, df_resid = cov * scale, g - 1

    y_within = y - y.mean()
    logger.info("fixed effects on %s observations in %s countries", n, g)
    return ModelResult(
        model="fe",
        label="Country FE",
        spec=spec,
        params=pd.Series(beta, index=names),
        cov=pd.DataFrame(cov, index=names, columns=names),
        nobs=n,
        cov_type="cluster" if se != "classic" else "classic",
        df_resid=df_resid,
        ncountries=g,
        r2=float(1 - (resid**2).sum() / (y_within**2).sum()),
        levels=design.levels,
        rows=design.rows,
    )


def _check_within_variation(
    exog: np.ndarray, names: list[str], groups: np.ndarray, entity: str
) -> None:
    spread = np.abs(demean(exog, groups)).max(axis=0)
    for name, value in zip(names, spread, strict=True):
        if value < 1e-12:
            raise ModelError(
                f"The regressor '{name}' never changes within a {entity}, so "
                "fixed effects absorb it; drop it or use --model ols."
            )
