"""Country-year panels in, design matrices out: columns checked, factors expanded."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from htleads.errors import InputError, ModelError

logger = logging.getLogger(__name__)

PANEL_COLUMNS = (
    "country",
    "iso3",
    "year",
    "prosecution",
    "enforcement",
    "govt_effectiveness",
    "control_corruption",
    "rule_of_law",
    "political_stability",
    "voice_accountability",
    "ln_gdp",
)


@dataclass(frozen=True)
class ModelSpec:
    """What to regress on what, in a panel of entities observed over time.

    Parameters
    ----------
    y : str
        The dependent variable.
    x : tuple of str
        Regressors, in the order they are reported.
    factors : tuple of str
        Regressors among ``x`` that are categorical: each level but the lowest
        becomes a dummy named ``COL=LEVEL``.
    entity : str
        The column naming the panel unit (a country).
    time : str
        The column naming the period (a year).
    year_dummies : bool
        Add one dummy per period but the first, named ``TIME=PERIOD``.
    """

    y: str
    x: tuple[str, ...]
    factors: tuple[str, ...] = ()
    entity: str = "country"
    time: str = "year"
    year_dummies: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "x", tuple(self.x))
        object.__setattr__(self, "factors", tuple(self.factors))
        stray = [name for name in self.factors if name not in self.x]
        if stray:
            raise ModelError(
                f"The factor column '{stray[0]}' is not among the regressors; "
                "pass it with --x as well as --factor."
            )
        if not self.x:
            raise ModelError("A model needs at least one regressor; add one with --x.")

    def used_columns(self) -> list[str]:
        """Every column the model reads, each once."""
        names = [self.y, *self.x, self.entity]
        if self.year_dummies:
            names.append(self.time)
        return list(dict.fromkeys(names))


@dataclass
class Design:
    """Numeric arrays for one model, with the names and levels that built them.

    ``exog`` holds no intercept: each estimator adds the one it needs.
    """

    y: np.ndarray
    exog: np.ndarray
    names: list[str]
    entity: np.ndarray
    entity_labels: list
    rows: pd.Index
    levels: dict[str, list] = field(default_factory=dict)

    @property
    def nobs(self) -> int:
        return len(self.y)

    @property
    def ngroups(self) -> int:
        return len(self.entity_labels)


def read_panel(path: str | Path) -> pd.DataFrame:
    """Read a panel CSV; fail with a sentence that names the file when it cannot."""
    try:
        frame = pd.read_csv(path)
    except FileNotFoundError as error:
        raise InputError(f"The panel file {path} does not exist.") from error
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as e:
        raise InputError(f"The panel file {path} is not a readable CSV: {e}.") from e
    logger.info("read panel %s: %s rows, %s columns", path, *frame.shape)
    return frame


def build_design(
    frame: pd.DataFrame, spec: ModelSpec, levels: dict[str, list] | None = None
) -> Design:
    """Check the panel against ``spec`` and turn it into arrays.

    Rows missing any used column are left out (listwise deletion). ``levels``
    fixes the levels of factors and periods, so that a panel edited for a
    prediction is coded as the one the model was fitted on.
    """
    check_columns(frame, spec)
    data = frame[spec.used_columns()].dropna()
    dropped = len(frame) - len(data)
    if dropped:
        logger.info("left out %s rows with a missing value", dropped)
    if data.empty:
        raise ModelError(
            "No row of the panel has every column the model needs "
            f"({', '.join(spec.used_columns())}); check for empty columns."
        )
    levels = dict(levels or {})
    columns, names = [], []
    for name in spec.x:
        if name in spec.factors:
            block, block_names, levels[name] = _dummies(data[name], name, levels)
        else:
            block, block_names = _numeric(data[name], name)[:, None], [name]
        columns.append(block)
        names.extend(block_names)
    if spec.year_dummies:
        block, block_names, levels[spec.time] = _dummies(
            data[spec.time], spec.time, levels
        )
        columns.append(block)
        names.extend(block_names)
    entity_codes, entity_labels = pd.factorize(data[spec.entity], sort=True)
    return Design(
        y=_numeric(data[spec.y], spec.y),
        exog=np.column_stack(columns),
        names=names,
        entity=entity_codes,
        entity_labels=list(entity_labels),
        rows=data.index,
        levels=levels,
    )


def check_columns(frame: pd.DataFrame, spec: ModelSpec) -> None:
    """Fail when a column the model needs is absent, naming it."""
    missing = [name for name in spec.used_columns() if name not in frame.columns]
    if missing:
        known = ", ".join(map(str, frame.columns))
        raise ModelError(
            f"The panel has no column '{missing[0]}'. Its columns are: {known}."
        )
    doubled = [
        name for name in spec.used_columns() if (frame.columns == name).sum() > 1
    ]
    if doubled:
        raise ModelError(f"The panel has two columns named '{doubled[0]}'; rename one.")


def level_label(value: object) -> str:
    """How a factor level is written in a parameter name: 2.0 becomes '2'."""
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value)


def _numeric(series: pd.Series, name: str) -> np.ndarray:
    values = pd.to_numeric(series, errors="coerce")
    bad = series[values.isna()]
    if len(bad):
        raise ModelError(
            f"The column '{name}' holds text such as {bad.iloc[0]!r} where a "
            "number is needed; recode it or mark it as a factor with --factor."
        )
    return values.to_numpy(dtype=float)


def _dummies(
    series: pd.Series, name: str, levels: dict[str, list]
) -> tuple[np.ndarray, list[str], list]:
    """One 0/1 column per level but the base (the lowest, or the first given)."""
    known = levels.get(name)
    if known is None:
        known = sorted(series.unique())
    unknown = set(series.unique()) - set(known)
    if unknown:
        raise ModelError(
            f"The column '{name}' has the level {sorted(unknown)[0]!r}, which the "
            "model was not fitted with."
        )
    if len(known) < 2:
        raise ModelError(
            f"The factor '{name}' takes a single value ({known[0]!r}) in the "
            "estimation sample, so it has no effect to estimate; drop it."
        )
    block = np.column_stack([(series == level).to_numpy(float) for level in known[1:]])
    names = [f"{name}={level_label(level)}" for level in known[1:]]
    return block, names, list(known)


def ordered_outcome(y: np.ndarray, name: str) -> tuple[np.ndarray, list[float]]:
    """Code an ordered dependent variable as 0, 1, ... and return its levels.

    An ordered outcome takes a few whole-number values (a score of 1 to 5);
    anything else is refused, naming the column.
    """
    levels = np.unique(y)
    if not np.all(np.equal(np.mod(levels, 1), 0)):
        odd = levels[np.mod(levels, 1) != 0][0]
        raise ModelError(
            f"The dependent variable '{name}' is not an ordered category: it "
            f"takes the value {odd:g}. Ordered models need whole-number levels "
            "such as 1 to 5; use --model ols or fe for a continuous outcome."
        )
    if len(levels) < 2:
        raise ModelError(
            f"The dependent variable '{name}' takes a single value "
            f"({levels[0]:g}); there is nothing to explain."
        )
    if len(levels) > 30:
        raise ModelError(
            f"The dependent variable '{name}' has {len(levels)} distinct values, "
            "too many for an ordered category; use --model ols or fe."
        )
    return np.searchsorted(levels, y), [float(level) for level in levels]


def check_rank(exog: np.ndarray, names: list[str], context: str) -> None:
    """Fail when a regressor is a linear combination of the others, naming it."""
    if exog.shape[0] <= exog.shape[1]:
        raise ModelError(
            f"{context}: {exog.shape[0]} observations cannot identify "
            f"{exog.shape[1]} parameters; use fewer regressors or more data."
        )
    scale = np.sqrt((exog**2).sum(axis=0))
    scale[scale == 0] = 1.0
    r = np.linalg.qr(exog / scale, mode="r")
    diagonal = np.abs(np.diag(r))
    for index, value in enumerate(diagonal):
        if value < 1e-9:
            raise ModelError(
                f"{context}: the regressor '{names[index]}' is a linear "
                "combination of the ones before it (constant in the sample, or "
                "collinear); drop it."
            )


def demean(values: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Subtract each group's mean from its rows."""
    counts = np.bincount(groups).astype(float)
    if values.ndim == 1:
        means = np.bincount(groups, weights=values) / counts
        return values - means[groups]
    sums = np.zeros((len(counts), values.shape[1]))
    np.add.at(sums, groups, values)
    return values - (sums / counts[:, None])[groups]
