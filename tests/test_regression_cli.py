"""`htleads regress`, `simulate` and `panel` as a user runs them."""

import json

import pytest

from regression.synthetic import make_sample_panel
from tests.support import run_cli

BASE = ["--y", "prosecution", "--x", "enforcement", "--x", "ln_gdp"]
FACTOR = ["--factor", "enforcement"]


@pytest.fixture(scope="module")
def panel_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("panel") / "panel.csv"
    make_sample_panel(countries=40, years=8).to_csv(path, index=False)
    return path


def test_regress_prints_the_json_contract(panel_csv):
    result = run_cli(
        "regress",
        str(panel_csv),
        "--model",
        "ologit",
        *BASE,
        *FACTOR,
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["model"] == "ologit"
    assert document["nobs"] > 200
    assert {
        "enforcement=1",
        "enforcement=2",
        "ln_gdp",
        "cut1",
        "cut2",
        "cut3",
        "cut4",
    } == set(document["params"])
    assert set(document["bse"]) == set(document["params"])


def test_regress_fits_the_random_effects_ordered_logit(panel_csv):
    result = run_cli(
        "regress",
        str(panel_csv),
        "--model",
        "reologit",
        *BASE,
        *FACTOR,
        "--entity",
        "iso3",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["model"] == "reologit"
    assert document["cov_type"] == "classic"
    assert {"cut1", "cut4", "sigma2_u"} <= set(document["params"])
    assert document["ncountries"] == 40


def test_regress_puts_several_models_side_by_side(panel_csv):
    models = ["--model", "ols", "--model", "fe", "--model", "feologit"]
    result = run_cli(
        "regress", str(panel_csv), *models, *BASE, *FACTOR, "--year-dummies"
    )
    assert result.returncode == 0, result.stderr
    header = result.stdout.splitlines()[1]
    assert "OLS" in header and "Country FE" in header and "BUC" in header


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--y", "prosecution", "--x", "no_such"], "no column 'no_such'"),
        (
            ["--y", "ln_gdp", "--x", "enforcement", "--model", "ologit"],
            "not an ordered",
        ),
        (
            ["--y", "prosecution", "--x", "country_group", "--model", "fe"],
            "never changes",
        ),
    ],
)
def test_bad_panels_fail_with_one_line_naming_the_problem(
    panel_csv, arguments, message
):
    if "country_group" in arguments:
        frame = make_sample_panel(countries=40, years=8)
        frame["country_group"] = frame["iso3"].str[-1].map(ord)
        frame.to_csv(panel_csv.with_name("grouped.csv"), index=False)
        panel = panel_csv.with_name("grouped.csv")
    else:
        panel = panel_csv
    result = run_cli("regress", str(panel), *arguments)
    assert result.returncode == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_simulate_reports_probabilities_for_each_setting(panel_csv):
    settings = ["--set", "enforcement=0", "--set", "enforcement=2"]
    result = run_cli(
        "simulate", str(panel_csv), *BASE, *FACTOR, *settings, "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["probabilities"]
    assert [row["outcome"] for row in rows] == ["1", "2", "3", "4", "5"]
    assert sum(row["P(enforcement=2)"] for row in rows) == pytest.approx(1.0)
    assert "diff(0-2)" in rows[0]


def test_simulate_refuses_a_level_the_model_never_saw(panel_csv):
    result = run_cli(
        "simulate", str(panel_csv), *BASE, *FACTOR, "--set", "enforcement=7"
    )
    assert result.returncode == 1
    assert "has no level '7'" in result.stderr


def test_panel_sample_writes_the_synthetic_panel(tmp_path):
    out = tmp_path / "sample.csv"
    result = run_cli("panel", "sample", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text().startswith("country,iso3,year,prosecution,enforcement")
