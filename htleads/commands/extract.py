"""``htleads extract`` and ``htleads evaluate``: fields from raw ads, and accuracy."""

import json
import os
from pathlib import Path

import click

from htleads.settings import load as load_settings


@click.command()
@click.argument("raw", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Extracted ads, as JSON lines. Required; no default.",
)
@click.option(
    "--rejects",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Lines that could not be read, with the reason. "
    "Default: OUT with .rejects.jsonl for its suffix.",
)
@click.option(
    "--ocr/--no-ocr",
    default=True,
    show_default=True,
    help="Read phone numbers printed on the ads' images. Default: on.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    help=f"Processes to use. Default: the number of cores ({os.cpu_count()}).",
)
@click.option(
    "--region",
    default=None,
    help="Country (ISO alpha-2) for numbers in ads whose place is unknown. "
    "Default: the ad's own country, else MY.",
)
@click.option(
    "--ocr-cache",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="OCR results by image hash, kept across runs. "
    "Default: ocr-cache.sqlite in the state directory.",
)
def extract(
    raw: Path,
    out: Path,
    rejects: Path | None,
    ocr: bool,
    workers: int,
    region: str | None,
    ocr_cache: Path | None,
) -> None:
    """Extract phones, prices, age, place, language, contacts and image hashes.

    RAW is a file of raw ads as JSON lines (what `htleads crawl` writes); image
    paths in it are read relative to its folder.
    """
    from extract.runner import Options, extract_file

    rejects = rejects or out.with_suffix(".rejects.jsonl")
    cache = ocr_cache or load_settings().state_dir / "ocr-cache.sqlite"
    options = Options(
        ocr=ocr, workers=workers, region=region, ocr_cache=cache, progress=True
    )
    summary = extract_file(raw, out, rejects, options)
    for line in summary.lines_of_text():
        click.echo(line, err=True)


@click.command()
@click.argument(
    "extracted", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--truth",
    "corpus",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The folder `htleads synth` wrote (its truth/ is read). Required; no default.",
)
@click.option(
    "--format",
    "form",
    type=click.Choice(["table", "json"]),
    default="table",
    help="Output format. Default: table.",
)
def evaluate(extracted: Path, corpus: Path, form: str) -> None:
    """Precision and recall of extracted fields against a synthetic corpus's truth."""
    from extract.evaluate import evaluate_files

    scores = evaluate_files(extracted, corpus)
    if form == "json":
        report = {
            name: {
                "precision": score.precision,
                "recall": score.recall,
                "expected": score.expected,
                "extracted": score.extracted,
                "correct": score.true_positives,
                "examples_of_errors": score.misses[:5],
            }
            for name, score in scores.items()
        }
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    click.echo(f"{'field':<16}{'precision':>10}{'recall':>9}{'expected':>10}")
    for name, score in scores.items():
        click.echo(
            f"{name:<19}{score.precision:>10.3f}{score.recall:>9.3f}"
            f"{score.expected:>10}"
        )
