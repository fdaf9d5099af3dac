"""Each estimator against numbers published by Stata (or R) on public data."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from regression import ModelSpec, fit

REFERENCE = Path(__file__).parent / "reference"
SITE = Path(np.__file__).resolve().parents[1]


def _reference(name: str) -> dict:
    return json.loads((REFERENCE / name).read_text())


def _installed(relative: str) -> Path:
    path = SITE / relative
    if not path.exists():
        pytest.skip(f"{relative} is not installed (the package ships without tests)")
    return path


def _assert_close(result, expected: dict, key: str, rtol: float) -> None:
    got = result.params if key == "params" else result.bse
    for name, value in expected[key].items():
        assert got[name] == pytest.approx(value, rel=rtol), name


@pytest.fixture(scope="module")
def grunfeld() -> pd.DataFrame:
    frame = pd.read_csv(_installed("statsmodels/datasets/grunfeld/grunfeld.csv"))
    return frame[frame["firm"] != "American Steel"]


@pytest.fixture(scope="module")
def simulated_panel() -> pd.DataFrame:
    path = "linearmodels/tests/panel/results/simulated-panel.dta"
    return pd.read_stata(_installed(path))


GRUNFELD = _reference("regression_grunfeld.json")["cases"]


@pytest.mark.parametrize("case", sorted(GRUNFELD))
def test_grunfeld_matches_stata_regress_and_xtreg(grunfeld, case):
    expected = GRUNFELD[case]
    spec = ModelSpec("invest", ("value", "capital"), entity="firm")
    result = fit(expected["model"], grunfeld, spec, expected["se"])
    _assert_close(result, expected, "params", 1e-5)
    _assert_close(result, expected, "bse", 1e-4)
    assert result.nobs == 200


SIMULATED = _reference("regression_linearmodels_stata.json")["cases"]


@pytest.mark.parametrize("case", sorted(SIMULATED))
def test_simulated_panel_matches_stata(simulated_panel, case):
    expected = SIMULATED[case]
    suffix = expected["suffix"]
    names = ["y", "x1", "x2", "x3", "x4", "x5"]
    frame = simulated_panel[["firm", *(name + suffix for name in names)]]
    frame = frame.rename(columns={name + suffix: name for name in names})
    spec = ModelSpec("y", tuple(names[1:]), entity="firm")
    result = fit(expected["model"], frame, spec, expected["se"])
    _assert_close(result, expected, "params", 1e-6)
    _assert_close(result, expected, "bse", 1e-5)
    assert result.nobs == expected["nobs"]
    assert result.r2 == pytest.approx(expected["r2"], rel=1e-6)


def test_ucla_ordered_logit_matches_stata_ologit():
    expected = _reference("regression_ologit_ucla.json")
    path = "statsmodels/miscmodels/tests/results/ologit_ucla.csv"
    frame = pd.read_csv(_installed(path))
    codes = {"unlikely": 0, "somewhat likely": 1, "very likely": 2}
    frame = frame.assign(apply=frame["apply"].map(codes), student=range(len(frame)))
    spec = ModelSpec("apply", ("pared", "public", "gpa"), entity="student")
    result = fit("ologit", frame, spec, "classic")
    _assert_close(result, expected, "params", 1e-5)
    _assert_close(result, expected, "bse", 1e-5)
    assert result.llf == pytest.approx(expected["llf"], rel=1e-7)


CLOGIT = _reference("regression_clogit.json")


@pytest.mark.parametrize("case", sorted(CLOGIT["cases"]))
def test_fe_ordered_logit_with_two_categories_is_stata_clogit(case):
    expected = CLOGIT["cases"][case]
    frame = pd.DataFrame(CLOGIT["data"])
    spec = ModelSpec("y", tuple(expected["x"]), entity="group")
    result = fit("feologit", frame, spec, "classic")
    _assert_close(result, expected, "params", 1e-5)
    _assert_close(result, expected, "bse", 1e-5)


def _ordered_panel(countries: int, years: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    country = np.repeat(np.arange(countries), years)
    effect = rng.normal(size=countries)[country]
    x = rng.normal(size=len(country)) + effect
    z = rng.normal(size=len(country))
    latent = x - 0.5 * z + effect + rng.logistic(size=len(country))
    y = np.digitize(latent, [-1.5, 0.0, 1.5])
    return pd.DataFrame({"y": y, "country": country, "x": x, "z": z})


def test_buc_equals_conditional_logit_on_the_blown_up_panel():
    from statsmodels.discrete.conditional_models import ConditionalLogit

    frame = _ordered_panel(60, 5, seed=3)
    result = fit("feologit", frame, ModelSpec("y", ("x", "z")))
    copies = []
    for cut in (1, 2, 3):
        copy = frame.assign(d=(frame["y"] >= cut).astype(int))
        copies.append(copy.assign(group=copy["country"] * 10 + cut))
    stacked = pd.concat(copies)
    varies = stacked.groupby("group")["d"].transform("nunique") > 1
    stacked = stacked[varies]
    reference = ConditionalLogit(
        stacked["d"].to_numpy(), stacked[["x", "z"]].to_numpy(), groups=stacked["group"]
    ).fit(method="bfgs", disp=False)
    # statsmodels stops earlier; our maximum must be at least as high
    assert result.params.to_numpy() == pytest.approx(reference.params, rel=1e-3)
    assert result.llf >= reference.llf - 1e-8


def test_dummy_ordered_logit_overstates_slopes_that_buc_recovers():
    frame = _ordered_panel(300, 3, seed=11)
    spec = ModelSpec("y", ("x", "z"))
    consistent = fit("feologit", frame, spec)
    dummies = fit("ologit-dummies", frame, spec)
    assert consistent.params["x"] == pytest.approx(1.0, abs=0.15)
    assert dummies.params["x"] > 1.3 * consistent.params["x"]
    assert "country=1" in dummies.params.index
    assert "country=1" not in dummies.to_dict()["params"]
