"""A synthetic country-year panel for demos and tests; rebuild it with `-m`.

Run ``python -m regression.synthetic`` to write ``data/sample_panel.csv``.
Every value is drawn from a fixed-seed simulation; no country in it exists.
Names read "Synthetic 001" and codes come from ISO 3166's user-assigned range
(XAA to XZZ), so the file cannot be mistaken for real data.
"""

from __future__ import annotations

import logging
import string
from pathlib import Path

import numpy as np
import pandas as pd

from regression.panel import PANEL_COLUMNS

logger = logging.getLogger(__name__)

SAMPLE_PATH = Path(__file__).parent / "data" / "sample_panel.csv"
SEED = 20160501
WGI_COLUMNS = (
    "govt_effectiveness",
    "control_corruption",
    "rule_of_law",
    "political_stability",
    "voice_accountability",
)
TRUE_EFFECTS = {"enforcement=1": 0.6, "enforcement=2": 1.4, "ln_gdp": 0.3}
CUTS = (-3.0, -0.5, 0.3, 2.0)
ENFORCEMENT_MOVES = np.array(
    [[0.55, 0.35, 0.10], [0.05, 0.75, 0.20], [0.02, 0.18, 0.80]]
)


def make_sample_panel(
    countries: int = 80, first_year: int = 2002, years: int = 10, seed: int = SEED
) -> pd.DataFrame:
    """Simulate a panel with the columns of ``htleads panel build``.

    The prosecution score (1 to 5) follows an ordered logit with a country
    effect correlated with governance, year effects, and the slopes in
    ``TRUE_EFFECTS``; enforcement (0, 1, 2) moves as a Markov chain that
    tends upwards. About one country-year in ten is missing, as in the real
    panel.
    """
    rng = np.random.default_rng(seed)
    governance = rng.normal(size=countries)
    frames = [
        _country(rng, index, governance[index], first_year, years)
        for index in range(countries)
    ]
    panel = pd.concat(frames, ignore_index=True)
    missing = rng.random(len(panel)) < 0.1
    return panel.loc[~missing, list(PANEL_COLUMNS)].reset_index(drop=True)


def write_sample_panel(path: Path = SAMPLE_PATH) -> Path:
    """Write the default sample panel to ``path`` and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    make_sample_panel().to_csv(path, index=False, float_format="%.4f")
    logger.info("wrote the synthetic sample panel to %s", path)
    return path


def _country(
    rng: np.random.Generator, index: int, governance: float, first_year: int, years: int
) -> pd.DataFrame:
    year = np.arange(first_year, first_year + years)
    wgi = {
        name: np.clip(governance + _ar1(rng, years, 0.25), -2.5, 2.5).round(2)
        for name in WGI_COLUMNS
    }
    ln_gdp = 3.5 + 0.8 * governance + rng.normal(0, 1.5) + 0.03 * np.arange(years)
    ln_gdp = ln_gdp + _ar1(rng, years, 0.02)
    enforcement = _enforcement(rng, governance, years)

    effect = 0.8 * governance + rng.normal()
    latent = (
        TRUE_EFFECTS["enforcement=1"] * (enforcement == 1)
        + TRUE_EFFECTS["enforcement=2"] * (enforcement == 2)
        + TRUE_EFFECTS["ln_gdp"] * (ln_gdp - 3.5)
        + 0.08 * np.arange(years)
        + effect
        + rng.logistic(size=years)
    )
    return pd.DataFrame(
        {
            "country": f"Synthetic {index + 1:03d}",
            "iso3": _code(index),
            "year": year,
            "prosecution": 1 + np.searchsorted(CUTS, latent),
            "enforcement": enforcement,
            "ln_gdp": ln_gdp.round(4),
            **wgi,
        }
    )


def _enforcement(rng: np.random.Generator, governance: float, years: int) -> np.ndarray:
    start = np.array([0.3, 0.5, 0.2]) + np.array([-0.1, 0.0, 0.1]) * governance
    start = np.clip(start, 0.05, None)
    states = [rng.choice(3, p=start / start.sum())]
    for _ in range(years - 1):
        states.append(rng.choice(3, p=ENFORCEMENT_MOVES[states[-1]]))
    return np.array(states)


def _ar1(rng: np.random.Generator, length: int, scale: float) -> np.ndarray:
    shocks = rng.normal(0, scale, size=length)
    path = np.empty(length)
    path[0] = shocks[0]
    for step in range(1, length):
        path[step] = 0.7 * path[step - 1] + shocks[step]
    return path


def _code(index: int) -> str:
    letters = string.ascii_uppercase
    return "X" + letters[index // 26 % 26] + letters[index % 26]


if __name__ == "__main__":
    print(write_sample_panel())
