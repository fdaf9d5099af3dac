"""Re-run the thesis's Figures 4, 5 and 6 on the rebuilt panel; `-m` prints them.

``python -m regression.reproduce [DATA_DIR]`` reads the four source files
from DATA_DIR (default: ``../shared/data/country-panel/raw`` beside the
repository, or ``$HTLEADS_SHARED``), builds the panel with the thesis's
sample definition, fits the six models and prints each next to the numbers
printed in the thesis. REPRODUCTION.md discusses the outcome.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from htleads.errors import InputError
from regression.builder import build_panel_from_files
from regression.models import fit
from regression.panel import ModelSpec
from regression.predictions import predicted_probabilities
from regression.results import ModelResult

logger = logging.getLogger(__name__)

SOURCE_FILES = {
    "threep": "criminalization-cho-tiers_jk_2015-08-10.dta",
    "hti": "HTI.csv",
    "wgi": "wgidataset.csv",
    "gdp": "HistoricalRealGDPValues.xls",
}
REGRESSORS = (
    "enforcement",
    "ln_gdp",
    "control_corruption",
    "govt_effectiveness",
    "rule_of_law",
    "political_stability",
    "voice_accountability",
)
LABELS = {
    "ln_gdp": "Ln(GDP)",
    "control_corruption": "Corruption",
    "govt_effectiveness": "Government effectiveness",
    "rule_of_law": "Rule of Law",
    "political_stability": "Political Stability",
    "voice_accountability": "Freedom of speech",
    "const": "Constant",
    "sigma2_u": "sigma2_u (country variance)",
}

# Coefficients (standard errors) as printed in the thesis, Figures 4 and 5.
THESIS = {
    "fig4_ols": {
        "enforcement=1": (0.839, 0.133),
        "enforcement=2": (1.330, 0.138),
        "ln_gdp": (0.136, 0.0174),
        "control_corruption": (-0.435, 0.0907),
        "govt_effectiveness": (0.317, 0.118),
        "rule_of_law": (0.0902, 0.127),
        "political_stability": (-0.0165, 0.0486),
        "voice_accountability": (0.262, 0.0562),
        "const": (2.289, 0.142),
    },
    "fig4_fe": {
        "enforcement=1": (0.118, 0.126),
        "enforcement=2": (0.357, 0.127),
        "ln_gdp": (1.164, 0.364),
        "control_corruption": (-0.0779, 0.206),
        "govt_effectiveness": (0.496, 0.217),
        "rule_of_law": (0.0897, 0.243),
        "political_stability": (0.109, 0.117),
        "voice_accountability": (-0.188, 0.207),
        "year=2003": (0.206, 0.0963),
        "year=2004": (0.319, 0.117),
        "year=2005": (0.496, 0.134),
        "year=2006": (0.444, 0.146),
        "year=2007": (0.523, 0.156),
        "year=2008": (0.533, 0.167),
        "year=2009": (0.617, 0.164),
        "year=2010": (0.534, 0.176),
        "year=2011": (0.462, 0.191),
        "year=2012": (0.526, 0.189),
        "const": (-1.470, 1.360),
    },
    "fig5_ologit": {
        "enforcement=1": (1.122, 0.406),
        "enforcement=2": (2.272, 0.410),
        "ln_gdp": (0.307, 0.0391),
        "control_corruption": (-0.840, 0.208),
        "govt_effectiveness": (0.589, 0.245),
        "rule_of_law": (0.280, 0.263),
        "political_stability": (-0.0441, 0.107),
        "voice_accountability": (0.445, 0.114),
        "year=2003": (0.299, 0.303),
        "year=2004": (0.541, 0.306),
        "year=2005": (0.898, 0.301),
        "year=2006": (0.998, 0.297),
        "year=2007": (1.234, 0.303),
        "year=2008": (1.324, 0.290),
        "year=2009": (1.438, 0.293),
        "year=2010": (1.261, 0.284),
        "year=2011": (1.162, 0.279),
        "year=2012": (-2.120, 0.350),
        "cut1": (-2.768, 0.642),
        "cut2": (1.924, 0.459),
        "cut3": (2.491, 0.460),
        "cut4": (4.576, 0.468),
    },
    "fig5_feologit": {
        "enforcement=1": (0.534, 0.449),
        "enforcement=2": (1.635, 0.443),
        "ln_gdp": (0.637, 0.130),
        "control_corruption": (-1.222, 0.593),
        "govt_effectiveness": (1.103, 0.704),
        "rule_of_law": (0.525, 0.675),
        "political_stability": (0.257, 0.326),
        "voice_accountability": (0.422, 0.371),
        "year=2003": (0.943, 0.337),
        "year=2004": (1.381, 0.381),
        "year=2005": (2.115, 0.379),
        "year=2006": (2.312, 0.390),
        "year=2007": (2.697, 0.397),
        "year=2008": (2.909, 0.411),
        "year=2009": (3.112, 0.417),
        "year=2010": (2.960, 0.404),
        "year=2011": (2.705, 0.429),
        "year=2012": (1.399, 0.497),
        "cut1": (-4.033, 0.881),
        "cut2": (2.826, 0.684),
        "cut3": (7.500, 0.731),
        "cut4": (6.303, 1.118),
    },
}
# Figure 5 (2) is Stata's xtologit with vce(robust): the rows the thesis
# prints as "cut3" and "cut4" are /cut4 and /sigma2_u (its /cut3 is missing).
THESIS["fig5_reologit"] = {
    **{
        name: value
        for name, value in THESIS["fig5_feologit"].items()
        if not name.startswith("cut")
    },
    "cut1": THESIS["fig5_feologit"]["cut1"],
    "cut2": THESIS["fig5_feologit"]["cut2"],
    "cut4": THESIS["fig5_feologit"]["cut3"],
    "sigma2_u": THESIS["fig5_feologit"]["cut4"],
}
THESIS_SAMPLE = {
    "fig4_ols": (1248, None),
    "fig4_fe": (1248, 163),
    "fig5_ologit": (1216, None),
    "fig5_feologit": (1216, 162),
    "fig5_reologit": (1216, 162),
}
# Figure 6: average probability of each prosecution score, enforcement 0 and 2.
THESIS_FIGURE6 = pd.DataFrame(
    {
        "outcome": ["1", "2", "3", "4", "5"],
        "enforcement=0": [0.0107081, 0.4208081, 0.1141226, 0.3289222, 0.125439],
        "enforcement=2": [0.0011335, 0.0970722, 0.0549755, 0.3549122, 0.4919067],
    }
)


@dataclass
class Reproduction:
    """The rebuilt panel, the fitted models and the Figure 6 probabilities."""

    panel: pd.DataFrame
    models: dict[str, ModelResult]
    figure6: pd.DataFrame


def default_data_dir() -> Path:
    """The raw source folder under $HTLEADS_SHARED, else ../shared beside the repo."""
    shared = os.environ.get("HTLEADS_SHARED")
    root = (
        Path(shared)
        if shared
        else Path(__file__).resolve().parents[1].parent / "shared"
    )
    return root / "data" / "country-panel" / "raw"


def source_paths(data_dir: Path) -> dict[str, Path]:
    """The four source files in ``data_dir``; fail naming the first one absent."""
    paths = {key: Path(data_dir) / name for key, name in SOURCE_FILES.items()}
    for path in paths.values():
        if not path.exists():
            raise InputError(
                f"The source file {path} is missing; pass the folder holding "
                f"{', '.join(SOURCE_FILES.values())}."
            )
    return paths


def reproduce(data_dir: Path | None = None) -> Reproduction:
    """Build the panel as the thesis did and fit Figures 4 and 5, then Figure 6."""
    paths = source_paths(data_dir or default_data_dir())
    panel = build_panel_from_files(**paths)
    plain = ModelSpec(
        "prosecution", REGRESSORS, factors=("enforcement",), entity="iso3"
    )
    yearly = ModelSpec(
        "prosecution",
        REGRESSORS,
        factors=("enforcement",),
        entity="iso3",
        year_dummies=True,
    )
    models = {
        "fig4_ols": fit("ols", panel, plain, "robust"),
        "fig4_fe": fit("fe", panel, yearly, "cluster"),
        "fig5_ologit": fit("ologit", panel, yearly, "robust"),
        "fig5_reologit": fit("reologit", panel, yearly, "robust"),
        "fig5_feologit": fit("feologit", panel, yearly, "cluster"),
        "fig5_ologit_dummies": fit("ologit-dummies", panel, yearly, "robust"),
    }
    figure6 = predicted_probabilities(
        models["fig5_ologit"], panel, "enforcement", [0, 2]
    )
    return Reproduction(panel, models, figure6)


def comparison(result: ModelResult, thesis_key: str) -> pd.DataFrame:
    """Ours beside the thesis's numbers, one row per parameter of either."""
    printed = THESIS.get(thesis_key, {})
    names = list(dict.fromkeys([*result.shown(), *printed]))
    rows = []
    for name in names:
        ours = name in result.params.index
        paper = printed.get(name, (None, None))
        rows.append(
            {
                "parameter": LABELS.get(name, name),
                "thesis": paper[0],
                "thesis se": paper[1],
                "ours": float(result.params[name]) if ours else None,
                "ours se": float(result.bse[name]) if ours else None,
            }
        )
    return pd.DataFrame(rows)


def report(reproduction: Reproduction) -> str:
    """Plain-text tables: each model beside the thesis, then Figure 6."""
    parts = []
    for key, result in reproduction.models.items():
        thesis_key = "fig5_feologit" if key == "fig5_ologit_dummies" else key
        nobs, groups = THESIS_SAMPLE.get(thesis_key, (None, None))
        header = (
            f"{key}: {result.label}; N = {result.nobs} in {result.ncountries} "
            f"countries (thesis N = {nobs}, countries = {groups})"
        )
        table = comparison(result, thesis_key)
        parts.append(header + "\n" + table.to_string(index=False, float_format=_fmt))
    figure6 = reproduction.figure6
    ours = figure6[["outcome", "P(enforcement=0)", "P(enforcement=2)", "diff(0-2)"]]
    merged = THESIS_FIGURE6.merge(ours, on="outcome")
    parts.append("Figure 6\n" + merged.to_string(index=False, float_format=_fmt))
    return "\n\n".join(parts)


def _fmt(value: float) -> str:
    return f"{value:.4f}"


def main(argv: list[str] | None = None) -> int:
    """Print the reproduction; the optional argument is the data folder."""
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else None
    print(report(reproduce(data_dir)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
