"""``htleads regress``, ``simulate`` and ``panel``: the country-panel models."""

import logging
from pathlib import Path

import click

from htleads.errors import ModelError

logger = logging.getLogger(__name__)

MODELS = ("ols", "fe", "ologit", "feologit", "ologit-dummies", "reologit")
FORMATS = ("table", "json", "csv", "latex")


def _model_options(function):
    """The options every model command shares, in the order help shows them."""
    options = [
        click.option(
            "--y",
            "y",
            required=True,
            help="Dependent variable column. Required; no default.",
        ),
        click.option(
            "--x",
            "x",
            multiple=True,
            required=True,
            help="Regressor column; repeat for several. Required; no default.",
        ),
        click.option(
            "--factor",
            multiple=True,
            help="A --x column to treat as categorical, levels against the lowest. "
            "Default: none.",
        ),
        click.option(
            "--entity",
            default="country",
            help="Column naming the panel unit (fixed effects, clusters). "
            "Default: country.",
        ),
        click.option(
            "--time",
            default="year",
            help="Column naming the period, for --year-dummies. Default: year.",
        ),
        click.option(
            "--year-dummies",
            is_flag=True,
            help="Add one dummy per period but the first. Default: off.",
        ),
        click.option(
            "--se",
            type=click.Choice(["classic", "robust", "cluster"]),
            default=None,
            help="Standard errors. Default: robust (HC1) for ols and ologit, "
            "clustered by --entity for fe and feologit, the observed information "
            "(classic) for reologit.",
        ),
        click.option(
            "--format",
            "fmt",
            type=click.Choice(FORMATS),
            default="table",
            help="Output format. Default: table.",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@click.command()
@click.argument(
    "csv_path", metavar="CSV", type=click.Path(dir_okay=False, path_type=Path)
)
@click.option(
    "--model",
    "models",
    type=click.Choice(MODELS),
    multiple=True,
    default=("ols",),
    help="Estimator; repeat to print models side by side. Default: ols.",
)
@_model_options
def regress(
    csv_path, models, y, x, factor, entity, time, year_dummies, se, fmt
) -> None:
    """Fit panel models to a country-year CSV and print a results table.

    Models: ols (pooled OLS), fe (country fixed effects, as Stata's xtreg, fe),
    ologit (ordered logit), feologit (consistent fixed-effects ordered logit,
    blow-up and cluster), ologit-dummies (ordered logit with country
    dummies, biased; for comparison) and reologit (random-effects ordered
    logit, as Stata's xtologit). JSON for one model is
    {"model", "nobs", "params", "bse", ...}.
    """
    from regression.models import fit
    from regression.panel import ModelSpec, read_panel
    from regression.tables import render

    frame = read_panel(csv_path)
    spec = ModelSpec(y, x, factor, entity, time, year_dummies)
    results = [fit(model, frame, spec, se) for model in models]
    click.echo(render(results, fmt))


@click.command()
@click.argument(
    "csv_path", metavar="CSV", type=click.Path(dir_okay=False, path_type=Path)
)
@click.option(
    "--model",
    type=click.Choice(["ologit", "ologit-dummies"]),
    default="ologit",
    help="Ordered model to predict from. Default: ologit.",
)
@click.option(
    "--set",
    "settings",
    multiple=True,
    required=True,
    help="VARIABLE=VALUE to give every observation; repeat with the same "
    "variable for each scenario (--set enforcement=0 --set enforcement=2). "
    "Required; no default.",
)
@click.option(
    "--level",
    type=click.FloatRange(0.5, 0.999),
    default=0.95,
    help="Confidence level of the intervals. Default: 0.95.",
)
@_model_options
def simulate(
    csv_path, model, settings, level, y, x, factor, entity, time, year_dummies, se, fmt
) -> None:
    """Average predicted probabilities with a variable set for every observation.

    Each --set gives every observation of the estimation sample that value;
    the table shows the average probability of each outcome, its
    delta-method interval, and the first scenario minus each later one.
    """
    from regression.models import fit
    from regression.panel import ModelSpec, read_panel
    from regression.predictions import predicted_probabilities
    from regression.tables import render_predictions

    variable, values = _parse_settings(settings)
    frame = read_panel(csv_path)
    spec = ModelSpec(y, x, factor, entity, time, year_dummies)
    result = fit(model, frame, spec, se)
    table = predicted_probabilities(result, frame, variable, values, level)
    click.echo(render_predictions(table, fmt))


def _parse_settings(settings: tuple[str, ...]) -> tuple[str, list[str]]:
    pairs = []
    for setting in settings:
        name, sep, value = setting.partition("=")
        if not sep or not name or not value:
            raise ModelError(
                f"--set needs VARIABLE=VALUE, such as enforcement=2; got '{setting}'."
            )
        pairs.append((name.strip(), value.strip()))
    names = {name for name, _ in pairs}
    if len(names) > 1:
        raise ModelError(
            "Every --set must name the same variable; got " + ", ".join(sorted(names))
        )
    return pairs[0][0], [value for _, value in pairs]


@click.group()
def panel() -> None:
    """Build the thesis's country-year panel, or a synthetic one, and reproduce it."""


@panel.command()
@click.option(
    "--threep",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="3P index with prosecution scores (Kelley's merged .dta or its "
    "CSV). Required; no default.",
)
@click.option(
    "--hti",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Human Trafficking Indicators CSV (HTI.csv, latin-1). Required; no default.",
)
@click.option(
    "--wgi",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="World Governance Indicators CSV in long format (wgidataset.csv). "
    "Required; no default.",
)
@click.option(
    "--gdp",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="USDA ERS real GDP workbook (HistoricalRealGDPValues.xls). "
    "Required; no default.",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV file to write. Required; no default.",
)
@click.option(
    "--no-enforcement",
    type=click.Choice(["drop", "keep", "zero"]),
    default="drop",
    help="Rows where the HTI says enforcement 'No' (-1): drop them as the "
    "thesis did, keep them as -1, or recode to 0. Default: drop.",
)
@click.option(
    "--threep-shift",
    type=int,
    default=0,
    help="Take the 3P score of year + SHIFT; -1 pairs each TIP report with "
    "the 3P score scored from the same report. Default: 0 (the thesis).",
)
def build(threep, hti, wgi, gdp, out, no_enforcement, threep_shift) -> None:
    """Assemble the country-year panel from the four public sources.

    Columns: country, iso3, year, prosecution, enforcement,
    govt_effectiveness, control_corruption, rule_of_law, political_stability,
    voice_accountability, ln_gdp. regression/PANEL.md lists every recode.
    """
    from regression.builder import build_panel_from_files

    frame = build_panel_from_files(
        threep, hti, wgi, gdp, no_enforcement=no_enforcement, threep_shift=threep_shift
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(out, index=False)
    complete = int(frame.dropna().shape[0])
    click.echo(f"{len(frame)} country-years ({complete} complete) written to {out}")


@panel.command()
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="CSV file to write. Default: regression/data/sample_panel.csv.",
)
def sample(out) -> None:
    """Write the synthetic sample panel (fixed seed; no real country in it)."""
    from regression.synthetic import SAMPLE_PATH, write_sample_panel

    click.echo(f"wrote {write_sample_panel(out or SAMPLE_PATH)}")


@panel.command()
@click.option(
    "--data",
    "data_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Folder with the four source files. Default: "
    "../shared/data/country-panel/raw beside the repository, or $HTLEADS_SHARED.",
)
def reproduce(data_dir) -> None:
    """Re-run the thesis's Figures 4, 5 and 6 and print them beside its numbers."""
    from regression.reproduce import report
    from regression.reproduce import reproduce as run

    click.echo(report(run(data_dir)))
