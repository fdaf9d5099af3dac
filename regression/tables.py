"""Results tables as in a paper: models side by side, in text, JSON, CSV or LaTeX."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd

from htleads.errors import ModelError
from regression.results import ModelResult

FORMATS = ("table", "json", "csv", "latex")
STARS = ((0.01, "***"), (0.05, "**"), (0.1, "*"))
FOOTNOTE = "Standard errors in parentheses; *** p<0.01, ** p<0.05, * p<0.1."
PREDICTION_NOTE = "Average predicted probabilities; 95% delta-method intervals."


def render(
    results: list[ModelResult],
    fmt: str = "table",
    labels: dict[str, str] | None = None,
    digits: int = 3,
) -> str:
    """Format fitted models side by side.

    Parameters
    ----------
    results : list of ModelResult
        One column per model, in order.
    fmt : {"table", "json", "csv", "latex"}
        Plain text, the JSON contract (one object for one model, else
        ``{"models": [...]}``), CSV or a LaTeX ``tabular``.
    labels : dict, optional
        Display names for parameters, such as ``{"ln_gdp": "Ln(GDP)"}``.
    digits : int
        Decimals for coefficients and standard errors.
    """
    if fmt not in FORMATS:
        raise ModelError(f"Unknown format '{fmt}'; use one of {', '.join(FORMATS)}.")
    if fmt == "json":
        documents = [result.to_dict() for result in results]
        body = documents[0] if len(documents) == 1 else {"models": documents}
        return json.dumps(body, indent=2)
    grid = _grid(results, labels or {}, digits)
    if fmt == "csv":
        return _csv(grid)
    if fmt == "latex":
        return _latex(grid, len(results))
    return _text(grid)


def stars(pvalue: float) -> str:
    """Significance stars for a p-value: *** below 0.01, ** 0.05, * 0.1."""
    for threshold, mark in STARS:
        if pvalue < threshold:
            return mark
    return ""


def _grid(
    results: list[ModelResult], labels: dict[str, str], digits: int
) -> list[list[str]]:
    """Header, two rows per parameter (estimate, then error), then sample facts."""
    names = list(dict.fromkeys(name for result in results for name in result.shown()))
    grid = [["", *(result.label for result in results)]]
    for name in names:
        estimates, errors = [labels.get(name, name)], [""]
        for result in results:
            if name in result.params.index:
                value, error = result.params[name], result.bse[name]
                estimates.append(f"{value:.{digits}f}{stars(result.pvalues[name])}")
                errors.append(f"({error:.{digits}f})")
            else:
                estimates.append("")
                errors.append("")
        grid.extend([estimates, errors])
    grid.append(["Observations", *(f"{result.nobs:,}" for result in results)])
    grid.append(["Countries", *(_count(result.ncountries) for result in results)])
    if any(result.r2 is not None for result in results):
        grid.append(["R-squared", *(_number(result.r2) for result in results)])
    if any(result.llf is not None for result in results):
        grid.append(["Log likelihood", *(_number(result.llf) for result in results)])
    grid.append(["Errors", *(result.cov_type for result in results)])
    return grid


def _count(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def _text(grid: list[list[str]]) -> str:
    widths = [max(len(row[column]) for row in grid) for column in range(len(grid[0]))]
    lines = []
    for index, row in enumerate(grid):
        cells = [row[0].ljust(widths[0])]
        cells += [
            cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("-" * len(lines[0]))
    rule = "-" * max(len(line) for line in lines)
    return "\n".join([rule, *lines, rule, FOOTNOTE])


def _csv(grid: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["variable", *grid[0][1:]])
    writer.writerows(grid[1:])
    return buffer.getvalue()


def _latex(grid: list[list[str]], models: int, footnote: str = FOOTNOTE) -> str:
    lines = [
        "\\begin{tabular}{l" + "c" * models + "}",
        "\\hline",
        " & ".join(_escape(cell) for cell in grid[0]) + " \\\\",
        "\\hline",
    ]
    for row in grid[1:]:
        cells = [_escape(cell) for cell in row]
        cells = [_latex_stars(cell) for cell in cells]
        lines.append(" & ".join(cells) + " \\\\")
    lines += [
        "\\hline",
        f"\\multicolumn{{{models + 1}}}{{l}}"
        f"{{\\footnotesize {_escape(footnote)}}} \\\\",
        "\\end{tabular}",
    ]
    return "\n".join(lines)


def _escape(text: str) -> str:
    for raw, escaped in (
        ("\\", "\\textbackslash{}"),
        ("_", "\\_"),
        ("%", "\\%"),
        ("&", "\\&"),
        ("#", "\\#"),
        ("$", "\\$"),
    ):
        text = text.replace(raw, escaped)
    return text


def _latex_stars(cell: str) -> str:
    bare = cell.rstrip("*")
    count = len(cell) - len(bare)
    return f"{bare}$^{{{'*' * count}}}$" if count and bare else cell


def render_predictions(table: pd.DataFrame, fmt: str = "table", digits: int = 4) -> str:
    """Format a table of predicted probabilities in one of ``FORMATS``."""
    if fmt not in FORMATS:
        raise ModelError(f"Unknown format '{fmt}'; use one of {', '.join(FORMATS)}.")
    if fmt == "json":
        return json.dumps({"probabilities": table.to_dict(orient="records")}, indent=2)
    if fmt == "csv":
        return table.to_csv(index=False)
    shown = table[[column for column in table.columns if not column.endswith(" se")]]
    grid = [list(shown.columns)]
    for row in shown.itertuples(index=False):
        grid.append([_cell(value, digits) for value in row])
    if fmt == "latex":
        return _latex(grid, len(grid[0]) - 1, PREDICTION_NOTE)
    return _text(grid).rsplit("\n", 1)[0]


def _cell(value: object, digits: int) -> str:
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)
