"""The main job end to end on a synthetic corpus, as ``htleads demo`` runs it."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from htleads.settings import Settings

logger = logging.getLogger(__name__)

Say = Callable[[str], None]


@dataclass(frozen=True)
class DemoPlan:
    """What the demo works on; every field is a CLI option with this default."""

    folder: Path
    ads: int = 2000
    seed: int = 1
    ocr: bool = True
    workers: int = 2

    @property
    def corpus(self) -> Path:
        return self.folder / "corpus"

    @property
    def crawl(self) -> Path:
        return self.folder / "crawl"

    @property
    def extracted(self) -> Path:
        return self.folder / "extracted.jsonl"


def run(plan: DemoPlan, settings: Settings, say: Say) -> None:
    """Start Neo4j, then generate, serve, crawl, extract and score a corpus."""
    start_database(settings, say)
    make_corpus(plan, say)
    crawl_corpus(plan, say)
    extract_ads(plan, settings, say)
    score(plan, say)


def start_database(settings: Settings, say: Say) -> None:
    from graph import schema
    from graph.connection import Graph
    from graph.server import LocalServer

    if settings.managed:
        LocalServer(settings).start()
    with Graph(settings) as graph:
        count = schema.create(graph)
    say(f"Neo4j on {settings.uri}, authentication on, {count} constraints and indexes")


def make_corpus(plan: DemoPlan, say: Say) -> None:
    """Generate the corpus once; a finished one is reused."""
    from synth.corpus import generate

    done = plan.corpus / "truth" / "ads.jsonl"
    if not done.is_file():
        generate(plan.ads, plan.seed, plan.corpus, progress=True)
    say(f"synthetic corpus: {plan.ads} ads in {plan.corpus}")


def crawl_corpus(plan: DemoPlan, say: Say) -> None:
    """Serve the corpus's site on loopback and crawl it (resumes if interrupted)."""
    from crawler.run import crawl
    from synth.server import serve_in_thread

    url, stop = serve_in_thread(plan.corpus, port=0)
    try:
        summary = crawl(url, plan.crawl)
    finally:
        stop()
    say(f"crawled {url}: {summary.ads} ads, {summary.images} images")


def extract_ads(plan: DemoPlan, settings: Settings, say: Say) -> None:
    from extract.runner import Options, extract_file

    options = Options(
        ocr=plan.ocr,
        workers=plan.workers,
        ocr_cache=settings.state_dir / "ocr-cache.sqlite",
    )
    rejects = plan.extracted.with_suffix(".rejects.jsonl")
    summary = extract_file(plan.crawl / "ads.jsonl", plan.extracted, rejects, options)
    say(
        f"extracted {summary.extracted} ads: {summary.phones_text} phones from "
        f"text, {summary.phones_image} from images, into {plan.extracted}"
    )


def score(plan: DemoPlan, say: Say) -> None:
    """Compare the extraction with the corpus's ground truth."""
    from extract.evaluate import evaluate_files

    say(f"{'accuracy':<21}{'precision':>10}{'recall':>9}")
    for name, result in evaluate_files(plan.extracted, plan.corpus).items():
        say(f"  {name:<19}{result.precision:>10.3f}{result.recall:>9.3f}")
