"""The random-effects ordered logit against R's clmm, exact integrals and simulation."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import integrate
from scipy.special import expit

from htleads.errors import ModelError
from regression import ModelSpec, fit
from regression.panel import build_design, ordered_outcome
from regression.re_ordered_logit import PanelData, Quadrature, fit_re_ordered_logit

REFERENCE = json.loads(
    (Path(__file__).parent / "reference" / "regression_reologit_wine.json").read_text()
)
WINE_SPEC = ModelSpec("rating", ("temp_warm", "contact_yes"), entity="judge")


@pytest.fixture(scope="module")
def wine() -> pd.DataFrame:
    return pd.DataFrame(REFERENCE["data_rows"])


@pytest.fixture(scope="module")
def wine_data(wine) -> PanelData:
    design = build_design(wine, WINE_SPEC)
    codes, levels = ordered_outcome(design.y, "rating")
    return PanelData.build(codes, design.exog, design.entity, len(levels))


def _simulated_panel(countries: int, years: int, sigma: float, seed: int):
    rng = np.random.default_rng(seed)
    country = np.repeat(np.arange(countries), years)
    effect = sigma * rng.normal(size=countries)[country]
    x = rng.normal(size=len(country))
    z = rng.integers(0, 2, size=len(country))
    latent = 1.0 * x - 0.5 * z + effect + rng.logistic(size=len(country))
    y = np.digitize(latent, [-2.0, 0.0, 1.5])
    return pd.DataFrame({"y": y, "country": country, "x": x, "z": z})


def test_one_node_is_the_laplace_fit_of_r_clmm(wine):
    result = fit_re_ordered_logit(wine, WINE_SPEC, "classic", nodes=REFERENCE["nodes"])
    assert result.llf == pytest.approx(REFERENCE["llf"], abs=5e-6)
    assert (result.nobs, result.ncountries) == (72, 9)
    for name, value in REFERENCE["params"].items():
        assert result.params[name] == pytest.approx(value, abs=0.006), name
    for name, value in REFERENCE["bse"].items():
        assert result.bse[name] == pytest.approx(value, abs=0.0006), name
    assert np.sqrt(result.params["sigma2_u"]) == pytest.approx(1.131, abs=5e-4)


@pytest.mark.parametrize("nodes", [12, 20])
def test_quadrature_log_likelihood_equals_the_exact_integral(wine, wine_data, nodes):
    theta = np.array([2.5, 1.5, -1.2, 1.0, 4.0, 6.5, np.log(1.4)])
    exact = 0.0
    cuts = np.concatenate([[-np.inf], theta[2:6], [np.inf]])
    sigma = np.exp(theta[-1])
    eta = wine_data.exog @ theta[:2]
    for group in range(wine_data.ngroups):
        rows = wine_data.groups == group
        codes = wine_data.codes[rows]

        def integrand(u, rows=rows, codes=codes):
            v = eta[rows] + sigma * u
            mass = expit(cuts[codes + 1] - v) - expit(cuts[codes] - v)
            return np.prod(mass) * np.exp(-u * u / 2) / np.sqrt(2 * np.pi)

        exact += np.log(integrate.quad(integrand, -12, 12, epsrel=1e-13)[0])
    assert Quadrature(wine_data, nodes).loglike(theta) == pytest.approx(exact, abs=1e-8)


@pytest.mark.parametrize("nodes", [1, 3, 12])
def test_gradient_is_exact_although_the_nodes_move(wine_data, nodes):
    theta = np.array([2.5, 1.5, -1.2, 1.0, 4.0, 6.5, np.log(1.4)])
    quadrature = Quadrature(wine_data, nodes)
    _, scores = quadrature.scores(theta)
    numeric = []
    for index in range(len(theta)):
        ahead, behind = theta.copy(), theta.copy()
        ahead[index] += 1e-6
        behind[index] -= 1e-6
        change = quadrature.loglike(ahead) - quadrature.loglike(behind)
        numeric.append(change / 2e-6)
    assert scores.sum(axis=0) == pytest.approx(np.array(numeric), abs=1e-6)


def test_twelve_nodes_are_as_good_as_thirty(wine):
    twelve = fit_re_ordered_logit(wine, WINE_SPEC, nodes=12)
    thirty = fit_re_ordered_logit(wine, WINE_SPEC, nodes=30)
    assert twelve.llf == pytest.approx(thirty.llf, abs=1e-8)
    assert twelve.params.to_numpy() == pytest.approx(thirty.params.to_numpy(), abs=1e-6)
    assert twelve.bse.to_numpy() == pytest.approx(thirty.bse.to_numpy(), abs=1e-5)


def test_simulated_panel_recovers_slopes_and_country_variance():
    frame = _simulated_panel(300, 6, sigma=1.5, seed=5)
    result = fit("reologit", frame, ModelSpec("y", ("x", "z")))
    assert result.params["x"] == pytest.approx(1.0, abs=0.12)
    assert result.params["z"] == pytest.approx(-0.5, abs=0.15)
    assert result.params["sigma2_u"] == pytest.approx(2.25, abs=0.6)
    assert result.to_dict()["params"].keys() >= {"cut1", "cut2", "cut3", "sigma2_u"}


def test_clustered_errors_are_the_sandwich_of_country_scores(wine):
    classic = fit("reologit", wine, WINE_SPEC, "classic")
    clustered = fit("reologit", wine, WINE_SPEC, "cluster")
    robust = fit("reologit", wine, WINE_SPEC, "robust")
    assert clustered.params.equals(classic.params)
    assert robust.bse.to_numpy() == pytest.approx(clustered.bse.to_numpy())
    assert not np.allclose(clustered.bse, classic.bse)
    assert clustered.cov_type == "cluster"


@pytest.mark.parametrize("seed", [3, 4])
def test_no_country_variance_gives_the_pooled_ordered_logit(seed):
    frame = _simulated_panel(150, 4, sigma=0.0, seed=seed)
    spec = ModelSpec("y", ("x", "z"))
    pooled = fit("ologit", frame, spec, "classic")
    random = fit("reologit", frame, spec, "classic")
    assert random.params["sigma2_u"] < 0.1
    assert random.llf >= pooled.llf - 1e-6
    for name in pooled.params.index:
        assert random.params[name] == pytest.approx(pooled.params[name], abs=0.05)


def test_zero_nodes_are_refused(wine):
    with pytest.raises(ModelError, match="at least one node"):
        fit_re_ordered_logit(wine, WINE_SPEC, nodes=0)
