"""Pooled OLS with classic, HC1-robust or country-clustered standard errors."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from regression.covariance import check_se_type, cluster_scores, outer_scores, sandwich
from regression.panel import ModelSpec, build_design, check_rank
from regression.results import ModelResult

logger = logging.getLogger(__name__)


def fit_ols(frame: pd.DataFrame, spec: ModelSpec, se: str = "robust") -> ModelResult:
    """Least squares of ``spec.y`` on the regressors and an intercept ``const``.

    Parameters
    ----------
    frame : DataFrame
        The panel.
    spec : ModelSpec
        The model.
    se : {"classic", "robust", "cluster"}
        Standard errors as Stata's ``regress`` computes them: ``vce(ols)``,
        ``vce(robust)`` (HC1) or ``vce(cluster ENTITY)``.

    Notes
    -----
    HC1 scales the White covariance by n / (n - k). The cluster covariance
    scales it by G / (G - 1) * (n - 1) / (n - k), and its t tests use G - 1
    degrees of freedom, as Stata does.
    """
    check_se_type(se)
    design = build_design(frame, spec)
    exog = np.column_stack([design.exog, np.ones(design.nobs)])
    names = [*design.names, "const"]
    check_rank(exog, names, "OLS")

    bread = np.linalg.inv(exog.T @ exog)
    beta = bread @ exog.T @ design.y
    resid = design.y - exog @ beta
    n, k = exog.shape
    cov, df_resid = _ols_cov(exog, resid, bread, design.entity, se)

    tss = ((design.y - design.y.mean()) ** 2).sum()
    logger.info("OLS on %s observations, %s parameters", n, k)
    return ModelResult(
        model="ols",
        label="OLS",
        spec=spec,
        params=pd.Series(beta, index=names),
        cov=pd.DataFrame(cov, index=names, columns=names),
        nobs=n,
        cov_type=se,
        df_resid=df_resid,
        ncountries=design.ngroups,
        r2=float(1 - (resid**2).sum() / tss),
        levels=design.levels,
        rows=design.rows,
    )


def _ols_cov(
    exog: np.ndarray, resid: np.ndarray, bread: np.ndarray, groups: np.ndarray, se: str
) -> tuple[np.ndarray, float]:
    n, k = exog.shape
    if se == "classic":
        return bread * (resid**2).sum() / (n - k), n - k
    scores = exog * resid[:, None]
    if se == "robust":
        return sandwich(bread, outer_scores(scores)) * n / (n - k), n - k
    g = int(groups.max()) + 1
    scale = g / (g - 1) * (n - 1) / (n - k)
    return sandwich(bread, cluster_scores(scores, groups)) * scale, g - 1
