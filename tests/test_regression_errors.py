"""Bad panels fail with a ModelError that names the column or the reason."""

import numpy as np
import pandas as pd
import pytest

from htleads.errors import ModelError
from regression import ModelSpec, fit
from regression.synthetic import make_sample_panel


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return make_sample_panel(countries=30, years=6)


def _spec(**changes) -> ModelSpec:
    fields = {
        "y": "prosecution",
        "x": ("enforcement", "ln_gdp"),
        "factors": ("enforcement",),
    }
    return ModelSpec(**{**fields, **changes})


@pytest.mark.parametrize("model", ["ols", "fe", "ologit", "feologit", "reologit"])
def test_missing_column_is_named(panel, model):
    with pytest.raises(ModelError, match="no column 'ln_gdpp'"):
        fit(model, panel, _spec(x=("enforcement", "ln_gdpp")))


@pytest.mark.parametrize("model", ["ologit", "feologit", "ologit-dummies", "reologit"])
def test_continuous_outcome_is_not_an_ordered_category(panel, model):
    with pytest.raises(ModelError, match="'ln_gdp' is not an ordered category"):
        fit(model, panel, ModelSpec("ln_gdp", ("rule_of_law",)))


def test_text_in_a_numeric_regressor_is_named(panel):
    edited = panel.assign(ln_gdp=panel["ln_gdp"].astype(object))
    edited.loc[edited.index[0], "ln_gdp"] = "n/a"
    with pytest.raises(ModelError, match="'ln_gdp' holds text"):
        fit("ols", edited, _spec())


@pytest.mark.parametrize("model", ["fe", "feologit"])
def test_regressor_constant_within_every_country_is_refused(panel, model):
    edited = panel.assign(region=panel["country"].str[-1].astype(int))
    with pytest.raises(ModelError, match="region"):
        fit(model, edited, _spec(x=("enforcement", "region")))


def test_outcome_that_never_changes_within_a_country_is_refused(panel):
    edited = panel.assign(
        prosecution=panel.groupby("country")["prosecution"].transform("first")
    )
    with pytest.raises(ModelError, match="never changes within any country"):
        fit("feologit", edited, _spec())


def test_perfect_separation_is_reported_with_the_column(panel):
    edited = panel.assign(flag=(panel["prosecution"] == 5).astype(float))
    with pytest.raises(ModelError, match="Perfect separation.*'flag'"):
        fit("ologit", edited, _spec(x=("flag", "ln_gdp"), factors=()))


def test_collinear_regressor_is_named(panel):
    edited = panel.assign(gdp_twice=2 * panel["ln_gdp"])
    with pytest.raises(ModelError, match="'gdp_twice' is a linear combination"):
        fit("ols", edited, _spec(x=("enforcement", "ln_gdp", "gdp_twice")))


def test_factor_outside_the_regressors_is_refused():
    with pytest.raises(ModelError, match="'enforcement' is not among the regressors"):
        ModelSpec("prosecution", ("ln_gdp",), factors=("enforcement",))


def test_unknown_model_and_error_type_are_refused(panel):
    with pytest.raises(ModelError, match="Unknown model 'probit'"):
        fit("probit", panel, _spec())
    with pytest.raises(ModelError, match="Unknown standard-error type 'hc3'"):
        fit("ols", panel, _spec(), "hc3")


def test_empty_sample_after_missing_values_is_refused(panel):
    edited = panel.assign(ln_gdp=np.nan)
    with pytest.raises(ModelError, match="No row of the panel"):
        fit("ols", edited, _spec())
