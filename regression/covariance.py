"""Sandwich covariance matrices: heteroskedasticity- and cluster-robust."""

from __future__ import annotations

import numpy as np

SE_TYPES = ("classic", "robust", "cluster")


def sandwich(bread: np.ndarray, meat: np.ndarray) -> np.ndarray:
    """``bread @ meat @ bread``, kept symmetric against rounding."""
    cov = bread @ meat @ bread
    return (cov + cov.T) / 2


def outer_scores(scores: np.ndarray) -> np.ndarray:
    """Sum of each observation's score outer product (the robust meat)."""
    return scores.T @ scores


def cluster_scores(scores: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Sum of the outer products of scores added up within each group."""
    ngroups = int(groups.max()) + 1
    totals = np.zeros((ngroups, scores.shape[1]))
    np.add.at(totals, groups, scores)
    return totals.T @ totals


def check_se_type(se: str) -> None:
    """Refuse an unknown standard-error type with the known ones."""
    from htleads.errors import ModelError

    if se not in SE_TYPES:
        raise ModelError(
            f"Unknown standard-error type '{se}'; use one of {', '.join(SE_TYPES)}."
        )
