"""Results tables in each format: stars, errors in parentheses, sample facts."""

import csv
import io
import json

import pandas as pd
import pytest

from regression import ModelSpec, fit, predicted_probabilities
from regression.synthetic import make_sample_panel
from regression.tables import render, render_predictions, stars

X = ("enforcement", "ln_gdp", "rule_of_law")


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return make_sample_panel(countries=40, years=8)


@pytest.fixture(scope="module")
def models(panel):
    spec = ModelSpec("prosecution", X, factors=("enforcement",), year_dummies=True)
    return [fit("ols", panel, spec), fit("fe", panel, spec), fit("ologit", panel, spec)]


@pytest.mark.parametrize(
    ("pvalue", "mark"), [(0.001, "***"), (0.03, "**"), (0.07, "*"), (0.2, "")]
)
def test_stars_follow_the_usual_thresholds(pvalue, mark):
    assert stars(pvalue) == mark


def test_json_for_one_model_follows_the_contract(models):
    document = json.loads(render(models[:1], "json"))
    assert {"model", "nobs", "params", "bse"} <= set(document)
    assert document["model"] == "ols"
    assert set(document["params"]) == set(document["bse"])
    assert {"enforcement=1", "enforcement=2", "const", "year=2003"} <= set(
        document["params"]
    )


def test_json_for_several_models_lists_them(models):
    document = json.loads(render(models, "json"))
    assert [model["model"] for model in document["models"]] == ["ols", "fe", "ologit"]
    assert "cut1" in document["models"][2]["params"]
    assert "const" not in document["models"][2]["params"]


def test_text_table_puts_models_side_by_side(models):
    text = render(models, "table")
    assert "Ordered logit" in text and "Country FE" in text
    assert "Observations" in text and "R-squared" in text
    line = next(row for row in text.splitlines() if row.startswith("enforcement=2"))
    assert len(line.split()) == 4


def test_csv_has_an_estimate_row_and_an_error_row_per_parameter(models):
    rows = list(csv.reader(io.StringIO(render(models, "csv"))))
    assert rows[0] == ["variable", "OLS", "Country FE", "Ordered logit"]
    index = [row[0] for row in rows].index("ln_gdp")
    assert rows[index + 1][0] == ""
    assert all(cell.startswith("(") for cell in rows[index + 1][1:])


def test_latex_escapes_names_and_raises_stars(models):
    latex = render(models, "latex")
    assert latex.startswith("\\begin{tabular}{lccc}")
    assert "ln\\_gdp" in latex
    assert "$^{***}$" in latex
    assert latex.rstrip().endswith("\\end{tabular}")


def test_labels_rename_parameters(models):
    assert "Ln(GDP)" in render(models, "table", labels={"ln_gdp": "Ln(GDP)"})


def test_predicted_probabilities_sum_to_one_and_gaps_to_zero(panel, models):
    table = predicted_probabilities(models[2], panel, "enforcement", [0, 2])
    assert table["P(enforcement=0)"].sum() == pytest.approx(1.0)
    assert table["P(enforcement=2)"].sum() == pytest.approx(1.0)
    assert table["diff(0-2)"].sum() == pytest.approx(0.0, abs=1e-12)
    assert (table["P(enforcement=2) lower"] < table["P(enforcement=2)"]).all()


def test_delta_method_errors_match_numerical_derivatives(panel, models):
    import numpy as np

    result = models[2]
    table = predicted_probabilities(result, panel, "enforcement", [2])
    step = 1e-6
    base = result.params.copy()
    jacobian = []
    for name in base.index:
        shifted = []
        for sign in (1, -1):
            result.params = base.copy()
            result.params[name] += sign * step
            shifted.append(
                predicted_probabilities(result, panel, "enforcement", [2])[
                    "P(enforcement=2)"
                ].to_numpy()
            )
        jacobian.append((shifted[0] - shifted[1]) / (2 * step))
    result.params = base
    jacobian = np.array(jacobian).T
    se = np.sqrt(np.einsum("jp,pq,jq->j", jacobian, result.cov.to_numpy(), jacobian))
    assert table["P(enforcement=2) se"].to_numpy() == pytest.approx(se, rel=1e-4)


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "latex"])
def test_prediction_tables_render_in_every_format(panel, models, fmt):
    table = predicted_probabilities(models[2], panel, "enforcement", [0, 2])
    text = render_predictions(table, fmt)
    assert "enforcement=0" in text
