"""``htleads demo``: the main job end to end, for a first look."""

from pathlib import Path

import click

from htleads import settings


@click.command()
@click.option(
    "--ads",
    type=click.IntRange(min=50),
    default=2000,
    help="Ads in the synthetic corpus. Default: 2000.",
)
@click.option("--seed", type=int, default=1, help="Corpus seed. Default: 1.")
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where the corpus, crawl and extraction go. Default: demo/ in the "
    "state directory.",
)
@click.option(
    "--ocr/--no-ocr",
    default=True,
    help="Read phone numbers on images. Default: on.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=2,
    help="Processes for extraction. Default: 2.",
)
def demo(ads: int, seed: int, folder: Path | None, ocr: bool, workers: int) -> None:
    """Run htleads end to end on its own synthetic data.

    Starts the local Neo4j (unless NEO4J_URI is set) with its schema, generates
    a synthetic classified-ads site, serves it on 127.0.0.1, crawls it,
    extracts every ad's fields and prints their accuracy against the truth.
    Running it again reuses what is already done.
    """
    from htleads.demo import DemoPlan, run

    config = settings.load()
    plan = DemoPlan(
        folder=folder or config.state_dir / f"demo-{ads}-{seed}",
        ads=ads,
        seed=seed,
        ocr=ocr,
        workers=workers,
    )
    run(plan, config, click.echo)
