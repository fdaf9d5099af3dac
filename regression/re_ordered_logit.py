"""Random-effects ordered logit: a normal country intercept integrated out.

The model is P(y_it <= j | u_i) = F(cut_j - x_it'b - u_i), F logistic,
u_i ~ N(0, sigma2_u), as Stata's ``xtologit`` and R's ``ordinal::clmm``.
Each country's likelihood is an integral over u_i, approximated by adaptive
Gauss-Hermite quadrature: the nodes are centred on the mode of the
country's integrand and scaled by its curvature there (the adaptive
quadrature of ``clmm``, ``lme4`` and SAS NLMIXED). With one node this is
the Laplace approximation; with 12 (the default, as Stata's) the integral
is exact to many digits for panels like the thesis's. Stata centres its
nodes on the posterior mean and variance instead (``mvaghermite``); both
approximate the same integral, so at convergence they agree.

The gradient is the exact gradient of the approximated log-likelihood,
including the movement of the nodes with the parameters; the observed
information is its numerical Jacobian.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.polynomial.hermite import hermgauss
from scipy import optimize, sparse
from scipy.special import expit, logsumexp

from htleads.errors import ModelError
from regression.covariance import check_se_type
from regression.likelihood import LikelihoodFit, likelihood_cov
from regression.ordered_logit import check_separation, cut_names, maximise
from regression.panel import ModelSpec, build_design, check_rank, ordered_outcome
from regression.results import ModelResult

logger = logging.getLogger(__name__)

DEFAULT_NODES = 12
TINY = 1e-300
MODE_ITERATIONS = 100
POLISH_ITERATIONS = 20
LOG_SIGMA_FLOOR = -5.0


class VarianceAtZeroError(Exception):
    """The likelihood is highest with no country variance at all."""


def fit_re_ordered_logit(
    frame: pd.DataFrame,
    spec: ModelSpec,
    se: str = "classic",
    nodes: int = DEFAULT_NODES,
) -> ModelResult:
    """Random-effects ordered logit with cut points and ``sigma2_u``.

    Parameters
    ----------
    frame : DataFrame
        The panel.
    spec : ModelSpec
        The model; ``spec.entity`` names the panel unit that carries the
        random intercept.
    se : {"classic", "robust", "cluster"}
        ``classic`` is the inverse observed information (Stata's default).
        ``robust`` and ``cluster`` are the sandwich clustered by
        ``spec.entity`` and scaled by G / (G - 1), as ``xtologit,
        vce(robust)``, which clusters on the panel.
    nodes : int
        Quadrature nodes per country; 1 gives the Laplace approximation.

    Returns
    -------
    ModelResult
        Slopes, ``cut1`` ... ``cut{J-1}`` and ``sigma2_u``, the variance of
        the country intercept (Stata's ``/sigma2_u``).

    Notes
    -----
    The random intercept is assumed independent of the regressors. When
    it is not (a country's unobserved traits drive both its regressors and
    its score), the slopes are biased like a pooled model's; the
    fixed-effects estimator (``feologit``) does not need that assumption.
    """
    check_se_type(se)
    if nodes < 1:
        raise ModelError(f"Quadrature needs at least one node; got {nodes}.")
    design = build_design(frame, spec)
    codes, outcome_levels = ordered_outcome(design.y, spec.y)
    with_cuts = np.column_stack([np.ones(design.nobs), design.exog])
    check_rank(with_cuts, ["cut points", *design.names], "RE ordered logit")
    check_separation(codes, design.exog, design.names)

    data = PanelData.build(codes, design.exog, design.entity, len(outcome_levels))
    names = [*design.names, *cut_names(len(outcome_levels)), "sigma2_u"]
    try:
        fit = maximise_re(data, nodes)
        cov = likelihood_cov(fit, np.arange(data.ngroups), _vce(se))
        params, cov = _variance_scale(fit.theta, cov)
        notes = []
    except VarianceAtZeroError:
        fit, params, cov = _pooled_fit(data, _vce(se))
        notes = [
            "sigma2_u is at its boundary, zero: the estimates are the pooled "
            "ordered logit's."
        ]
    sigma2 = params[-1]
    logger.info(
        "RE ordered logit on %s observations of %s groups: sigma2_u %.4g, "
        "%s iterations",
        design.nobs,
        data.ngroups,
        sigma2,
        fit.iterations,
    )
    return ModelResult(
        model="reologit",
        label="RE ordered logit",
        spec=spec,
        params=pd.Series(params, index=names),
        cov=pd.DataFrame(cov, index=names, columns=names),
        nobs=design.nobs,
        cov_type=_vce(se),
        ncountries=data.ngroups,
        llf=fit.llf,
        levels=design.levels,
        rows=design.rows,
        outcome_levels=outcome_levels,
        notes=[
            f"{nodes}-node adaptive Gauss-Hermite quadrature; "
            f"rho = sigma2_u / (sigma2_u + pi^2/3) = "
            f"{sigma2 / (sigma2 + np.pi**2 / 3):.3f}.",
            *notes,
        ],
    )


def _pooled_fit(
    data: PanelData, se: str
) -> tuple[LikelihoodFit, np.ndarray, np.ndarray]:
    """The ordered logit without a country effect, with sigma2_u = 0 appended."""
    fit = maximise(data.codes, data.exog, data.ncat)
    inner = likelihood_cov(fit, data.groups, se)
    size = len(fit.theta) + 1
    cov = np.zeros((size, size))
    cov[:-1, :-1] = inner
    cov[-1, -1] = np.nan
    return fit, np.concatenate([fit.theta, [0.0]]), cov


def _vce(se: str) -> str:
    return "classic" if se == "classic" else "cluster"


@dataclass
class PanelData:
    """Outcome codes, regressors and the group of each observation, as arrays."""

    codes: np.ndarray
    exog: np.ndarray
    groups: np.ndarray
    ncat: int
    sums: sparse.csr_matrix
    upper_cut: np.ndarray
    lower_cut: np.ndarray

    @classmethod
    def build(
        cls, codes: np.ndarray, exog: np.ndarray, groups: np.ndarray, ncat: int
    ) -> PanelData:
        n = len(codes)
        ngroups = int(groups.max()) + 1
        sums = sparse.csr_matrix((np.ones(n), (groups, np.arange(n))), (ngroups, n))
        upper = (
            np.eye(ncat - 1)[np.minimum(codes, ncat - 2)] * (codes < ncat - 1)[:, None]
        )
        lower = np.eye(ncat - 1)[np.maximum(codes - 1, 0)] * (codes > 0)[:, None]
        return cls(codes, exog, groups, ncat, sums, upper, lower)

    @property
    def ngroups(self) -> int:
        return self.sums.shape[0]

    @property
    def nparams(self) -> int:
        return self.exog.shape[1] + self.ncat


@dataclass
class ObservationTerms:
    """log P(y | v) and its derivatives in v and in the two bounding cut points."""

    loglike: np.ndarray
    d_v: np.ndarray
    d_upper: np.ndarray
    d_lower: np.ndarray
    d_vv: np.ndarray | None = None
    d_vvv: np.ndarray | None = None
    d_v_upper: np.ndarray | None = None
    d_v_lower: np.ndarray | None = None
    d_vv_upper: np.ndarray | None = None
    d_vv_lower: np.ndarray | None = None


def observation_terms(
    upper: np.ndarray, lower: np.ndarray, v: np.ndarray, order: int
) -> ObservationTerms:
    """Derivatives of log(F(upper - v) - F(lower - v)) up to ``order`` in v.

    ``upper`` and ``lower`` may be infinite (top and lowest categories).
    Order 1 gives the first derivatives in v and in each cut point; order 3
    adds those the mode and its curvature need.
    """
    p, q = upper - v, lower - v
    f_p, f1_p, f2_p = _logistic_derivatives(p)
    f_q, f1_q, f2_q = _logistic_derivatives(q)
    with np.errstate(invalid="ignore"):
        mass = np.where(q > 0, expit(-q) - expit(-p), expit(p) - expit(q))
    mass = np.maximum(mass, TINY)
    d_v = -(f_p - f_q) / mass
    terms = ObservationTerms(np.log(mass), d_v, f_p / mass, -f_q / mass)
    if order < 2:
        return terms
    second = (f1_p - f1_q) / mass
    third = -(f2_p - f2_q) / mass
    terms.d_vv = second - d_v**2
    terms.d_vvv = third - 3 * d_v * second + 2 * d_v**3
    terms.d_v_upper = -f1_p / mass - d_v * terms.d_upper
    terms.d_v_lower = f1_q / mass - d_v * terms.d_lower
    terms.d_vv_upper = f2_p / mass - second * terms.d_upper - 2 * d_v * terms.d_v_upper
    terms.d_vv_lower = -f2_q / mass - second * terms.d_lower - 2 * d_v * terms.d_v_lower
    return terms


def _logistic_derivatives(x: np.ndarray) -> tuple[np.ndarray, ...]:
    """Logistic density and its first two derivatives; zero at infinity."""
    cdf = expit(x)
    density = cdf * (1 - cdf)
    return density, density * (1 - 2 * cdf), density * (1 - 6 * cdf + 6 * cdf**2)


@dataclass
class Parameters:
    """The parameter vector split into slopes, cut points and sigma."""

    beta: np.ndarray
    cuts: np.ndarray
    log_sigma: float

    @classmethod
    def split(cls, theta: np.ndarray, k: int) -> Parameters:
        return cls(theta[:k], theta[k:-1], float(theta[-1]))

    @property
    def sigma(self) -> float:
        return float(np.exp(self.log_sigma))

    def bounds(self, data: PanelData) -> tuple[np.ndarray, np.ndarray]:
        """Each observation's upper and lower cut point, infinite at the ends."""
        cuts = np.concatenate([[-np.inf], self.cuts, [np.inf]])
        return cuts[data.codes + 1], cuts[data.codes]


def group_modes(
    params: Parameters, data: PanelData, start: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Mode of each group's integrand in the standardised effect, and curvature.

    The integrand is sum_t log P(y_t | x_t'b + sigma z) - z^2 / 2, strictly
    concave in z, so Newton's method converges from anywhere; steps are
    capped to keep the first ones sensible.
    """
    upper, lower = params.bounds(data)
    eta = data.exog @ params.beta
    sigma = params.sigma
    z = np.zeros(data.ngroups) if start is None else start.copy()
    for _ in range(MODE_ITERATIONS):
        terms = observation_terms(upper, lower, eta + sigma * z[data.groups], 2)
        slope = sigma * (data.sums @ terms.d_v) - z
        curvature = 1 - sigma**2 * (data.sums @ terms.d_vv)
        step = np.clip(slope / curvature, -3.0, 3.0)
        z = z + step
        if np.abs(step).max() < 1e-12:
            break
    terms = observation_terms(upper, lower, eta + sigma * z[data.groups], 2)
    return z, 1 - sigma**2 * (data.sums @ terms.d_vv)


class Quadrature:
    """The approximated log-likelihood of a panel and its exact gradient."""

    def __init__(self, data: PanelData, nodes: int) -> None:
        self.data = data
        self.points, weights = hermgauss(nodes)
        self.log_weights = np.log(weights) + self.points**2
        self.modes: np.ndarray | None = None

    def loglike(self, theta: np.ndarray) -> float:
        """Sum over groups of the quadrature log-likelihood."""
        params = Parameters.split(theta, self.data.exog.shape[1])
        if np.any(np.diff(params.cuts) <= 0):
            return -np.inf
        z, curvature = group_modes(params, self.data, self.modes)
        scale = 1 / np.sqrt(curvature)
        nodes = z[:, None] + np.sqrt(2) * scale[:, None] * self.points[None, :]
        integrand = self._integrand(params, nodes)
        return float(self._group_loglike(integrand, scale).sum())

    def scores(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        """Log-likelihood and each group's gradient (groups x parameters)."""
        data = self.data
        params = Parameters.split(theta, data.exog.shape[1])
        z, curvature = group_modes(params, data, self.modes)
        self.modes = z
        scale = 1 / np.sqrt(curvature)
        nodes = z[:, None] + np.sqrt(2) * scale[:, None] * self.points[None, :]
        integrand = self._integrand(params, nodes)
        group_ll = self._group_loglike(integrand, scale)
        weighted = self.log_weights[None, :] + integrand.values
        posterior = np.exp(weighted - logsumexp(weighted, axis=1)[:, None])

        d_mode, d_curvature = self._node_movement(params, z, curvature)
        d_scale = -0.5 * d_curvature / curvature[:, None]
        at_nodes = self._fixed_node_gradient(params, nodes, posterior, integrand)
        slope = params.sigma * integrand.sum_d_v - nodes
        shift = (posterior * slope).sum(axis=1)
        spread = (posterior * slope * np.sqrt(2) * self.points[None, :]).sum(axis=1)
        gradient = (
            at_nodes
            + shift[:, None] * d_mode
            + (spread * scale)[:, None] * d_scale
            + d_scale
        )
        return float(group_ll.sum()), gradient

    def _integrand(self, params: Parameters, nodes: np.ndarray) -> NodeValues:
        data = self.data
        upper, lower = params.bounds(data)
        eta = data.exog @ params.beta
        v = eta[:, None] + params.sigma * nodes[data.groups]
        terms = observation_terms(upper[:, None], lower[:, None], v, 1)
        values = data.sums @ terms.loglike - nodes**2 / 2
        return NodeValues(values, terms, data.sums @ terms.d_v)

    def _group_loglike(self, integrand: NodeValues, scale: np.ndarray) -> np.ndarray:
        total = logsumexp(self.log_weights[None, :] + integrand.values, axis=1)
        return np.log(scale) + total - 0.5 * np.log(np.pi)

    def _fixed_node_gradient(
        self,
        params: Parameters,
        nodes: np.ndarray,
        posterior: np.ndarray,
        integrand: NodeValues,
    ) -> np.ndarray:
        """Posterior mean over nodes of the integrand's gradient, nodes held still."""
        data = self.data
        weight = posterior[data.groups]
        terms = integrand.terms
        d_v = (weight * terms.d_v).sum(axis=1)
        d_upper = (weight * terms.d_upper).sum(axis=1)
        d_lower = (weight * terms.d_lower).sum(axis=1)
        per_obs = np.hstack(
            [
                d_v[:, None] * data.exog,
                d_upper[:, None] * data.upper_cut + d_lower[:, None] * data.lower_cut,
            ]
        )
        d_sigma = params.sigma * (posterior * nodes * integrand.sum_d_v).sum(axis=1)
        return np.column_stack([np.asarray(data.sums @ per_obs), d_sigma])

    def _node_movement(
        self, params: Parameters, z: np.ndarray, curvature: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """How the mode and the curvature at the mode move with each parameter."""
        data = self.data
        sigma = params.sigma
        upper, lower = params.bounds(data)
        v = data.exog @ params.beta + sigma * z[data.groups]
        t = observation_terms(upper, lower, v, 3)
        zt = z[data.groups]

        slope_per_obs = np.hstack(
            [
                sigma * t.d_vv[:, None] * data.exog,
                sigma
                * (
                    t.d_v_upper[:, None] * data.upper_cut
                    + t.d_v_lower[:, None] * data.lower_cut
                ),
                (sigma * (t.d_v + sigma * zt * t.d_vv))[:, None],
            ]
        )
        bend_per_obs = np.hstack(
            [
                sigma**2 * t.d_vvv[:, None] * data.exog,
                sigma**2
                * (
                    t.d_vv_upper[:, None] * data.upper_cut
                    + t.d_vv_lower[:, None] * data.lower_cut
                ),
                (sigma * (2 * sigma * t.d_vv + sigma**2 * zt * t.d_vvv))[:, None],
            ]
        )
        d_slope = np.asarray(data.sums @ slope_per_obs)
        d_bend = np.asarray(data.sums @ bend_per_obs)
        third = sigma**3 * (data.sums @ t.d_vvv)
        d_mode = d_slope / curvature[:, None]
        d_curvature = -(d_bend + third[:, None] * d_mode)
        return d_mode, d_curvature


@dataclass
class NodeValues:
    """The integrand at each group's nodes, with the per-observation terms."""

    values: np.ndarray
    terms: ObservationTerms
    sum_d_v: np.ndarray


def maximise_re(data: PanelData, nodes: int) -> LikelihoodFit:
    """Quasi-Newton from the pooled ordered logit, then Newton to polish.

    The pooled ordered logit supplies slopes and cut points and sigma starts
    at 1. BFGS runs on cut-point gaps kept positive through their logs; the
    Newton steps that follow use the numerical Jacobian of the exact
    gradient, which is also the observed information returned. Raises
    ``VarianceAtZeroError`` when sigma heads for zero (below exp(-5)), where the
    model is the pooled ordered logit.
    """
    k = data.exog.shape[1]
    pooled = maximise(data.codes, data.exog, data.ncat).theta
    quadrature = Quadrature(data, nodes)
    start = _to_gaps(np.concatenate([pooled, [0.0]]), k)

    def objective(free: np.ndarray) -> tuple[float, np.ndarray]:
        theta = _from_gaps(free, k)
        llf, scores = quadrature.scores(theta)
        return -llf, -_gap_gradient(scores.sum(axis=0), free, k)

    found = optimize.minimize(
        objective, start, jac=True, method="BFGS", options={"gtol": 1e-6}
    )
    if found.x[-1] < LOG_SIGMA_FLOOR:
        raise VarianceAtZeroError
    theta, llf, iterations, hessian = _polish(quadrature, _from_gaps(found.x, k))
    _, scores = quadrature.scores(theta)
    return LikelihoodFit(theta, hessian, scores, llf, found.nit + iterations)


def _polish(
    quadrature: Quadrature, theta: np.ndarray
) -> tuple[np.ndarray, float, int, np.ndarray]:
    """Newton steps with the numerical Hessian until the likelihood settles.

    The Hessian returned is the last one computed, less than 1e-8 away from
    the returned estimates in every coordinate.
    """
    llf, scores = quadrature.scores(theta)
    for iteration in range(1, POLISH_ITERATIONS + 1):
        gradient = scores.sum(axis=0)
        hessian = numerical_jacobian(
            lambda point: quadrature.scores(point)[1].sum(axis=0), theta
        )
        try:
            step = np.linalg.solve(hessian, -gradient)
        except np.linalg.LinAlgError as error:
            raise ModelError(
                "The random-effects ordered logit has a flat likelihood (a "
                "singular Hessian); a regressor is collinear or separates the "
                "outcome. Drop it."
            ) from error
        for _ in range(40):
            candidate = theta + step
            value = quadrature.loglike(candidate)
            if value >= llf - 1e-10 * (1 + abs(llf)):
                break
            step = step / 2
        else:
            return theta, llf, iteration, hessian
        theta = candidate
        if theta[-1] < LOG_SIGMA_FLOOR:
            raise VarianceAtZeroError
        new_llf, scores = quadrature.scores(theta)
        settled = abs(new_llf - llf) < 1e-11 * (1 + abs(llf))
        llf = new_llf
        if settled and np.abs(step).max() < 1e-8:
            return theta, llf, iteration, hessian
    raise ModelError(
        f"The random-effects ordered logit did not converge in "
        f"{POLISH_ITERATIONS} Newton steps; the country variance may be "
        "drifting to zero or infinity. Try --model ologit or feologit."
    )


def numerical_jacobian(function, point: np.ndarray) -> np.ndarray:
    """Central differences of a vector function, symmetrised."""
    columns = []
    for index in range(len(point)):
        step = 1e-5 * max(1.0, abs(point[index]))
        ahead, behind = point.copy(), point.copy()
        ahead[index] += step
        behind[index] -= step
        columns.append((function(ahead) - function(behind)) / (2 * step))
    jacobian = np.column_stack(columns)
    return (jacobian + jacobian.T) / 2


def _to_gaps(theta: np.ndarray, k: int) -> np.ndarray:
    cuts = theta[k:-1]
    return np.concatenate([theta[:k], cuts[:1], np.log(np.diff(cuts)), theta[-1:]])


def _from_gaps(free: np.ndarray, k: int) -> np.ndarray:
    gaps = free[k:-1]
    cuts = np.cumsum(np.concatenate([gaps[:1], np.exp(gaps[1:])]))
    return np.concatenate([free[:k], cuts, free[-1:]])


def _gap_gradient(gradient: np.ndarray, free: np.ndarray, k: int) -> np.ndarray:
    """Chain rule from cut points to (first cut, log gaps)."""
    d_cuts = gradient[k:-1]
    tail_sums = np.cumsum(d_cuts[::-1])[::-1]
    gaps = np.exp(free[k + 1 : -1])
    return np.concatenate(
        [gradient[:k], tail_sums[:1], tail_sums[1:] * gaps, gradient[-1:]]
    )


def _variance_scale(
    theta: np.ndarray, cov: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Report sigma2_u = exp(2 log sigma), with the delta-method covariance."""
    variance = np.exp(2 * theta[-1])
    jacobian = np.ones(len(theta))
    jacobian[-1] = 2 * variance
    params = np.concatenate([theta[:-1], [variance]])
    return params, cov * np.outer(jacobian, jacobian)
