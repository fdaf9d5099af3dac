"""The fitted model every estimator returns: estimates, covariance and sample."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from regression.panel import ModelSpec


@dataclass
class ModelResult:
    """Estimates of one model, in the terms a results table needs.

    Attributes
    ----------
    model : str
        The estimator's short name (``ols``, ``fe``, ``ologit``, ``feologit``,
        ``ologit_dummies``, ``reologit``).
    label : str
        A column heading for tables.
    params, cov : Series, DataFrame
        Estimates and their covariance, indexed by parameter name.
    nobs : int
        Observations used.
    cov_type : str
        ``classic``, ``robust`` or ``cluster``.
    df_resid : float or None
        Degrees of freedom of t tests; None for z tests (likelihood models).
    hidden : tuple of str
        Parameters estimated but left out of tables (country dummies).
    rows : Index
        The panel rows of the estimation sample, for predictions.
    """

    model: str
    label: str
    spec: ModelSpec
    params: pd.Series
    cov: pd.DataFrame
    nobs: int
    cov_type: str
    df_resid: float | None = None
    ncountries: int | None = None
    r2: float | None = None
    llf: float | None = None
    levels: dict[str, list] = field(default_factory=dict)
    outcome_levels: list[float] = field(default_factory=list)
    hidden: tuple[str, ...] = ()
    rows: pd.Index | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def bse(self) -> pd.Series:
        # a non-identified parameter can carry a (numerically) negative variance
        with np.errstate(invalid="ignore"):
            errors = np.sqrt(np.diag(self.cov.to_numpy()))
        return pd.Series(errors, index=self.params.index)

    @property
    def tvalues(self) -> pd.Series:
        return self.params / self.bse

    @property
    def pvalues(self) -> pd.Series:
        t = np.abs(self.tvalues.to_numpy())
        if self.df_resid is None:
            p = 2 * stats.norm.sf(t)
        else:
            p = 2 * stats.t.sf(t, self.df_resid)
        return pd.Series(p, index=self.params.index)

    def conf_int(self, level: float = 0.95) -> pd.DataFrame:
        """Confidence intervals at ``level``, t-based when ``df_resid`` is set."""
        tail = (1 + level) / 2
        if self.df_resid is None:
            crit = stats.norm.ppf(tail)
        else:
            crit = stats.t.ppf(tail, self.df_resid)
        half = crit * self.bse
        return pd.DataFrame({"lower": self.params - half, "upper": self.params + half})

    def shown(self) -> list[str]:
        """Parameter names a table shows, in estimation order."""
        return [name for name in self.params.index if name not in self.hidden]

    def to_dict(self) -> dict:
        """The JSON contract: model, nobs, params and bse, plus sample facts."""
        names = self.shown()
        return {
            "model": self.model,
            "depvar": self.spec.y,
            "nobs": self.nobs,
            "ncountries": self.ncountries,
            "r2": self.r2,
            "llf": self.llf,
            "cov_type": self.cov_type,
            "params": _floats(self.params[names]),
            "bse": _floats(self.bse[names]),
            "pvalues": _floats(self.pvalues[names]),
            "notes": list(self.notes),
        }


def _floats(series: pd.Series) -> dict[str, float]:
    return {str(name): float(value) for name, value in series.items()}
