"""Commands ``htleads synth`` and ``htleads serve-site``: the synthetic corpus."""

import json
import sys
import time
from pathlib import Path

import click

from synth.server import DEFAULT_PORT


@click.command("synth")
@click.option(
    "--ads",
    "n_ads",
    type=click.IntRange(min=1),
    default=5000,
    show_default=False,
    help="Number of ads to generate. Default: 5000.",
)
@click.option(
    "--seed",
    type=int,
    default=1,
    help="Seed of every random draw; the same seed gives the same bytes. Default: 1.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write site/, truth/ and twitter/ into. Required; no default.",
)
@click.option(
    "--images/--no-images",
    default=True,
    help="Render images (numbers on pictures, photos) or leave them out. "
    "Default: render them.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that render images. Default: one per CPU core.",
)
def synth(n_ads: int, seed: int, out: Path, images: bool, workers: int | None) -> None:
    """Generate a synthetic corpus of ads with known truth, about no real person.

    Writes a static site (DIR/site), the ground truth as JSON lines
    (DIR/truth) and fictitious agencies with their followers (DIR/twitter).
    The layout is described in docs/synthetic-corpus.md.
    """
    from synth.corpus import generate

    summary = generate(
        n_ads, seed, out, images=images, workers=workers, progress=sys.stderr.isatty()
    )
    click.echo(json.dumps({"out": str(out), **summary.as_dict()}))


@click.command("serve-site")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--port",
    type=click.IntRange(min=0, max=65535),
    default=DEFAULT_PORT,
    help=f"Port on 127.0.0.1; 0 picks any free port. Default: {DEFAULT_PORT}.",
)
def serve_site(folder: Path, port: int) -> None:
    """Serve a synthetic site (FOLDER/site, or FOLDER itself) on 127.0.0.1.

    Paths listed in the site's _errors.json answer with their status. Stop
    with Ctrl-C.
    """
    from synth.server import serve_in_thread

    url, stop = serve_in_thread(folder, port)
    click.echo(url)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        click.echo("Stopped.", err=True)
    finally:
        stop()
