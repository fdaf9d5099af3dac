"""The panel builder on the four public source files, and the thesis's sample."""

import pandas as pd
import pytest

from regression.builder import (
    build_panel,
    build_panel_from_files,
    load_countries,
    read_gdp,
    read_hti,
    read_threep,
    read_wgi,
)
from regression.panel import PANEL_COLUMNS
from regression.reproduce import SOURCE_FILES, default_data_dir

DATA = default_data_dir()
pytestmark = pytest.mark.skipif(
    not all((DATA / name).exists() for name in SOURCE_FILES.values()),
    reason=f"the source files are not in {DATA} (set HTLEADS_SHARED to the shared "
    "folder that holds data/country-panel/raw)",
)


@pytest.fixture(scope="module")
def countries() -> pd.DataFrame:
    return load_countries()


@pytest.fixture(scope="module")
def sources(countries) -> dict[str, pd.DataFrame]:
    return {
        "threep": read_threep(DATA / SOURCE_FILES["threep"], countries),
        "hti": read_hti(DATA / SOURCE_FILES["hti"], countries),
        "wgi": read_wgi(DATA / SOURCE_FILES["wgi"], countries),
        "gdp": read_gdp(DATA / SOURCE_FILES["gdp"], countries),
    }


@pytest.fixture(scope="module")
def panel(sources, countries) -> pd.DataFrame:
    return build_panel(**sources, countries=countries)


def test_crosswalk_has_one_row_per_country_and_code(countries):
    for column in ("iso3", "cow", "hti_ccode", "wgi_code"):
        codes = countries[column].dropna()
        assert not codes.duplicated().any(), column


@pytest.mark.parametrize("source", ["threep", "hti", "wgi", "gdp"])
def test_each_source_has_one_row_per_country_year(sources, source):
    assert not sources[source].duplicated(["iso3", "year"]).any()


def test_hti_words_become_codebook_codes(sources):
    counts = sources["hti"]["enforcement"].value_counts().to_dict()
    assert counts == {1: 723, 2: 574, -1: 225, 0: 65}


def test_country_code_quirks_are_resolved(sources):
    hti = sources["hti"].set_index(["iso3", "year"])
    assert (("KOR", 2005)) in hti.index  # HTI's 730
    assert (("SRB", 2004)) in hti.index  # "Serbia and Montenegro", 345
    threep = sources["threep"].set_index(["iso3", "year"])
    assert (("XKX", 2010)) in threep.index  # Kelley's custom 1001
    wgi = sources["wgi"].set_index(["iso3", "year"])
    assert (("ROU", 2005)) in wgi.index and (("COD", 2005)) in wgi.index


def test_wgi_gap_years_are_absent(sources):
    assert not sources["wgi"]["year"].isin([1997, 1999, 2001]).any()


def test_gdp_takes_levels_not_growth_rates(sources):
    gdp = sources["gdp"].set_index(["iso3", "year"])["ln_gdp"]
    assert gdp.loc[("USA", 2010)] == pytest.approx(9.60, abs=0.05)
    assert not sources["gdp"].duplicated(["iso3", "year"]).any()


def test_thesis_sample_has_1248_observations_in_163_countries(panel):
    assert list(panel.columns) == list(PANEL_COLUMNS)
    complete = panel.dropna()
    assert len(complete) == 1248
    assert complete["iso3"].nunique() == 163
    assert complete["year"].between(2002, 2011).all()
    assert set(complete["enforcement"]) == {0, 1, 2}


@pytest.mark.parametrize(
    ("treatment", "levels"), [("keep", {-1, 0, 1, 2}), ("zero", {0, 1, 2})]
)
def test_enforcement_no_can_be_kept_or_merged(sources, countries, treatment, levels):
    panel = build_panel(**sources, countries=countries, no_enforcement=treatment)
    assert set(panel["enforcement"].dropna()) == levels


def test_csv_and_dta_of_the_3p_index_give_the_same_panel(panel):
    from_csv = build_panel_from_files(
        DATA / "criminalization-cho-tiers_jk_2015-08-10.csv",
        DATA / SOURCE_FILES["hti"],
        DATA / SOURCE_FILES["wgi"],
        DATA / SOURCE_FILES["gdp"],
    )
    pd.testing.assert_frame_equal(from_csv, panel, check_dtype=False)


def test_reproduction_of_figure_4_is_close_to_the_thesis(panel):
    from regression import ModelSpec, fit
    from regression.reproduce import REGRESSORS, THESIS

    spec = ModelSpec("prosecution", REGRESSORS, factors=("enforcement",), entity="iso3")
    result = fit("ols", panel, spec, "robust")
    for name, (coefficient, error) in THESIS["fig4_ols"].items():
        assert abs(result.params[name] - coefficient) < 2 * error, name


def test_figure_5_column_2_is_a_random_effects_ordered_logit(panel):
    from regression import ModelSpec, fit
    from regression.reproduce import REGRESSORS, THESIS

    spec = ModelSpec(
        "prosecution",
        REGRESSORS,
        factors=("enforcement",),
        entity="iso3",
        year_dummies=True,
    )
    result = fit("reologit", panel, spec, "robust")
    printed = {k: v for k, v in THESIS["fig5_reologit"].items() if k != "year=2012"}
    for name, (coefficient, error) in printed.items():
        assert abs(result.params[name] - coefficient) < error, name
        assert result.bse[name] == pytest.approx(error, rel=0.25), name
