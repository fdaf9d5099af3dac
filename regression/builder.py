"""The thesis's country-year panel, assembled from the four public sources.

Each reader turns one source into rows keyed by ISO 3166 alpha-3 code and
year; ``build_panel`` joins them on the HTI's country-years. Every recode is
stated where it happens and collected in ``regression/PANEL.md``:

- Countries. The 3P file uses Correlates of War (COW) numbers with custom
  codes 1000-1003 (Hong Kong, Kosovo, Macau, Serbia); the HTI uses COW with
  South Korea as 730 and Serbia and Kosovo as 345 and 347; the WGI uses World
  Bank codes (ROM, ZAR, TMP, KSV where ISO has ROU, COD, TLS, XKX); the USDA
  sheet uses names only ("Jordon", "Burkina Fasa (Upper Volta)"). The table
  ``data/countries.csv`` maps all four to ISO3, one row per country.
- Years. The HTI's year is the year of the TIP report, which covers April of
  the year before to March of that year. The 3P file's year t is scored from
  the report published in t + 1. The thesis merged on equal year numbers,
  which pairs enforcement in report t with prosecution scored from report
  t + 1 (a one-report lead); ``threep_shift`` changes that.
- Enforcement. The HTI records words: Yes = 2, Some = 1, No mention = 0,
  No = -1 (codebook 2013.1). The thesis's enforcement ranges from 0 to 2, and
  Stata's factor variables refuse negative values; "No" rows are dropped by
  default (``no_enforcement``).
- Gaps. The WGI has no 1997, 1999 or 2001; the HTI's first report year, 2001,
  therefore has no governance data and leaves the estimation sample.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from htleads.errors import InputError
from regression.panel import PANEL_COLUMNS

logger = logging.getLogger(__name__)

COUNTRIES_PATH = Path(__file__).parent / "data" / "countries.csv"
ENFORCEMENT_CODES = {"Yes": 2, "Some": 1, "No mention": 0, "No": -1}
WGI_INDICATORS = {
    "ge": "govt_effectiveness",
    "cc": "control_corruption",
    "rl": "rule_of_law",
    "pv": "political_stability",
    "va": "voice_accountability",
}
NO_ENFORCEMENT = ("drop", "keep", "zero")


def load_countries(path: Path = COUNTRIES_PATH) -> pd.DataFrame:
    """The crosswalk: iso3, name, cow, hti_ccode, wgi_code, usda_name."""
    return pd.read_csv(path, dtype={"cow": "Int64", "hti_ccode": "Int64"})


def read_threep(path: str | Path, countries: pd.DataFrame) -> pd.DataFrame:
    """Prosecution scores (1 to 5) from Kelley's merge of the 3P index.

    Reads the ``.dta`` or its CSV conversion. Scores stored as text in the
    ``.dta`` are made numeric; rows without a score are dropped. Countries
    are matched on the COW number ``ccode`` (the ``code`` letters are COW
    abbreviations, not ISO, and Vietnam has two of them).
    """
    frame = _read_table(path)
    _require(frame, ("ccode", "year", "prosecution"), path)
    frame = frame.assign(
        prosecution=pd.to_numeric(frame["prosecution"], errors="coerce")
    )
    frame = frame.dropna(subset=["prosecution"])
    matched = _match(frame, "ccode", countries, "cow", path)
    return matched[["iso3", "year", "prosecution"]].astype({"year": int})


def read_hti(path: str | Path, countries: pd.DataFrame) -> pd.DataFrame:
    """Enforcement of domestic laws from the Human Trafficking Indicators.

    The file is latin-1. Words become the codebook's codes (``ENFORCEMENT_CODES``).
    "Serbia and Montenegro" (reports up to 2006) and "Serbia" share COW 345
    and are both kept as Serbia, the state that continued the union's
    membership; Montenegro has its own row from its first report.
    """
    try:
        frame = pd.read_csv(path, encoding="latin-1")
    except (OSError, pd.errors.ParserError) as error:
        raise InputError(f"Cannot read the HTI file {path}: {error}.") from error
    _require(frame, ("ccode", "year", "enforcement"), path)
    unknown = set(frame["enforcement"].dropna()) - set(ENFORCEMENT_CODES)
    if unknown:
        raise InputError(
            f"The HTI file {path} has the enforcement value {sorted(unknown)[0]!r}; "
            f"expected one of {', '.join(ENFORCEMENT_CODES)}."
        )
    frame = frame.assign(enforcement=frame["enforcement"].map(ENFORCEMENT_CODES))
    matched = _match(frame, "ccode", countries, "hti_ccode", path)
    _refuse_duplicates(matched, path)
    return matched[["iso3", "year", "enforcement"]].astype({"year": int})


def read_wgi(path: str | Path, countries: pd.DataFrame) -> pd.DataFrame:
    """Five governance estimates per country-year from the long WGI file.

    ``..`` marks a missing value; the header begins with a byte-order mark.
    World Bank codes are matched through ``wgi_code``. Regulatory quality is
    not used by the thesis and is left out.
    """
    try:
        frame = pd.read_csv(path, encoding="utf-8-sig", na_values="..")
    except (OSError, pd.errors.ParserError) as error:
        raise InputError(f"Cannot read the WGI file {path}: {error}.") from error
    _require(frame, ("code", "year", "indicator", "estimate"), path)
    frame = frame[frame["indicator"].isin(WGI_INDICATORS)]
    wide = frame.pivot_table(
        index=["code", "year"], columns="indicator", values="estimate"
    ).reset_index()
    wide = wide.rename(columns=WGI_INDICATORS)
    matched = _match(wide, "code", countries, "wgi_code", path, quiet=True)
    return matched[["iso3", "year", *WGI_INDICATORS.values()]].astype({"year": int})


def read_gdp(path: str | Path, countries: pd.DataFrame) -> pd.DataFrame:
    """Natural log of real GDP (billions of 2010 US dollars) from the ERS sheet.

    The sheet has a title block, then a row of years, then a hierarchy of
    regions (columns B-C) and countries (column D); levels sit in the first
    block of year columns, growth rates in a second. Only rows with a country
    name in column D and a match in ``usda_name`` are kept, which drops the
    regional aggregates and the "Belgium-Luxembourg" row.
    """
    sheet = _read_sheet(path)
    header = _year_row(sheet, path)
    years = sheet.iloc[header]
    year_columns = _first_run_of_years(years)
    body = sheet.iloc[header + 1 :]
    body = body[body[3].notna()]
    long = body[[3, *year_columns]].melt(id_vars=3, var_name="column", value_name="gdp")
    long["year"] = long["column"].map(lambda column: int(years[column]))
    long["gdp"] = pd.to_numeric(long["gdp"], errors="coerce")
    long = long[long["gdp"] > 0].rename(columns={3: "usda_name"})
    long["usda_name"] = long["usda_name"].astype(str).str.strip()
    matched = _match(long, "usda_name", countries, "usda_name", path, quiet=True)
    matched["ln_gdp"] = np.log(matched["gdp"].astype(float))
    return matched[["iso3", "year", "ln_gdp"]]


def build_panel(
    threep: pd.DataFrame,
    hti: pd.DataFrame,
    wgi: pd.DataFrame,
    gdp: pd.DataFrame,
    countries: pd.DataFrame,
    no_enforcement: str = "drop",
    threep_shift: int = 0,
) -> pd.DataFrame:
    """Join the four sources on the HTI's country-years.

    Parameters
    ----------
    threep, hti, wgi, gdp : DataFrame
        The outputs of the four readers.
    countries : DataFrame
        The crosswalk, for country names.
    no_enforcement : {"drop", "keep", "zero"}
        What to do with enforcement "No" (-1): drop the row (the thesis),
        keep it as -1, or merge it into 0.
    threep_shift : int
        Take the 3P score of year + shift. 0 merges equal year numbers, as the
        thesis did; -1 pairs each HTI report with the 3P score drawn from the
        same report.

    Returns
    -------
    DataFrame
        ``PANEL_COLUMNS``, one row per HTI country-year, with blanks where a
        source has no value. Regressions drop incomplete rows.
    """
    if no_enforcement not in NO_ENFORCEMENT:
        raise InputError(
            f"Unknown treatment '{no_enforcement}' of enforcement 'No'; use one "
            f"of {', '.join(NO_ENFORCEMENT)}."
        )
    panel = hti.copy()
    if no_enforcement == "drop":
        panel = panel[panel["enforcement"] != -1]
    elif no_enforcement == "zero":
        panel.loc[panel["enforcement"] == -1, "enforcement"] = 0
    shifted = threep.assign(year=threep["year"] - threep_shift)
    for source in (shifted, wgi, gdp):
        panel = panel.merge(source, on=["iso3", "year"], how="left")
    panel = panel.merge(countries[["iso3", "name"]], on="iso3", how="left")
    panel = panel.rename(columns={"name": "country"})
    panel = panel.sort_values(["country", "year"]).reset_index(drop=True)
    logger.info(
        "built the panel: %s country-years, %s complete",
        len(panel),
        int(panel.dropna().shape[0]),
    )
    return panel[list(PANEL_COLUMNS)]


def build_panel_from_files(
    threep: str | Path,
    hti: str | Path,
    wgi: str | Path,
    gdp: str | Path,
    no_enforcement: str = "drop",
    threep_shift: int = 0,
) -> pd.DataFrame:
    """Read the four source files and build the panel (see ``build_panel``)."""
    countries = load_countries()
    return build_panel(
        read_threep(threep, countries),
        read_hti(hti, countries),
        read_wgi(wgi, countries),
        read_gdp(gdp, countries),
        countries,
        no_enforcement=no_enforcement,
        threep_shift=threep_shift,
    )


def _read_table(path: str | Path) -> pd.DataFrame:
    try:
        if str(path).lower().endswith(".dta"):
            return pd.read_stata(path, convert_categoricals=False)
        return pd.read_csv(path)
    except (OSError, ValueError, pd.errors.ParserError) as error:
        raise InputError(f"Cannot read {path}: {error}.") from error


def _read_sheet(path: str | Path) -> pd.DataFrame:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return pd.read_excel(path, header=None)
    except (OSError, ValueError, ImportError) as error:
        raise InputError(f"Cannot read the GDP workbook {path}: {error}.") from error


def _year_row(sheet: pd.DataFrame, path: str | Path) -> int:
    """The first row holding a run of calendar years (1969, 1970, ...)."""
    for index, row in sheet.iterrows():
        if sum(_is_year(value) for value in row) >= 10:
            return int(index)
    raise InputError(
        f"The GDP workbook {path} has no row of years; is it the ERS file?"
    )


def _first_run_of_years(row: pd.Series) -> list:
    """Columns of the levels block: the first unbroken run of years.

    A second run further right holds the annual growth rates, not levels.
    """
    columns: list = []
    for column, value in row.items():
        if _is_year(value):
            columns.append(column)
        elif columns:
            break
    return columns


def _is_year(value: object) -> bool:
    return (
        isinstance(value, int | float) and 1900 <= value <= 2100 and value == int(value)
    )


def _require(frame: pd.DataFrame, columns: tuple[str, ...], path: str | Path) -> None:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise InputError(
            f"The file {path} has no column '{missing[0]}'; is it the right source?"
        )


def _match(
    frame: pd.DataFrame,
    key: str,
    countries: pd.DataFrame,
    crosswalk_key: str,
    path: str | Path,
    quiet: bool = False,
) -> pd.DataFrame:
    """Attach ISO3 codes; warn about source countries the crosswalk lacks."""
    lookup = countries.dropna(subset=[crosswalk_key])[[crosswalk_key, "iso3"]]
    if key != crosswalk_key:
        lookup = lookup.rename(columns={crosswalk_key: key})
    lookup[key] = lookup[key].astype(frame[key].dtype, errors="ignore")
    merged = frame.merge(lookup, on=key, how="left")
    unmatched = sorted(map(str, merged.loc[merged["iso3"].isna(), key].unique()))
    if unmatched and not quiet:
        logger.warning(
            "%s: %s codes not in the crosswalk, left out: %s",
            path,
            len(unmatched),
            ", ".join(unmatched[:10]),
        )
    return merged.dropna(subset=["iso3"])


def _refuse_duplicates(frame: pd.DataFrame, path: str | Path) -> None:
    doubled = frame[frame.duplicated(["iso3", "year"], keep=False)]
    if len(doubled):
        first = doubled.iloc[0]
        raise InputError(
            f"The file {path} has two rows for {first['iso3']} in {first['year']}; "
            "the country codes need a fix in regression/data/countries.csv."
        )
