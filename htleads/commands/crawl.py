"""``htleads crawl``: a classified-ads site to raw ads in JSON lines, plus images."""

from pathlib import Path

import click


@click.command()
@click.argument("url")
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory for ads.jsonl, images/ and rejects.jsonl; required, no default.",
)
@click.option(
    "--profile",
    default=None,
    help="Site profile: a built-in name (synthetic, generic-classifieds) or a "
    "TOML file. Default: the built-in profile whose URL patterns match URL.",
)
@click.option(
    "--allow",
    multiple=True,
    help="Another host the crawl may visit (repeatable). Default: only the "
    "start URL's host and the profile's allowed domains.",
)
@click.option(
    "--contact",
    default=None,
    help="How site owners reach you, put in the User-Agent (URL or mailto:). "
    "Default: $HTLEADS_CRAWL_CONTACT, else a placeholder.",
)
def crawl(
    url: str,
    out_dir: Path,
    profile: str | None,
    allow: tuple[str, ...],
    contact: str | None,
) -> None:
    """Crawl the site at URL into raw ads (DIR/ads.jsonl) and images.

    Polite by default: robots.txt is obeyed and real hosts are throttled; a
    site on this machine (127.0.0.1, localhost) is crawled at full speed. Run
    the same command again after an interruption to resume; no ad is written
    twice.
    """
    from crawler.run import crawl as run_crawl

    summary = run_crawl(url, out_dir, profile, allow, contact)
    for line in summary.lines():
        click.echo(line)
    if not summary.finished:
        # 130 is the usual status of a program stopped by Ctrl-C.
        click.get_current_context().exit(130)
