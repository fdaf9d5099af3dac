"""Command groups of the CLI, one module per area; each module exposes its commands."""

from htleads.commands.crawl import crawl
from htleads.commands.demo import demo
from htleads.commands.extract import evaluate, extract
from htleads.commands.neo4j import neo4j
from htleads.commands.phones import phones
from htleads.commands.regression import panel, regress, simulate
from htleads.commands.synth import serve_site, synth

COMMANDS = [
    crawl,
    demo,
    evaluate,
    extract,
    neo4j,
    panel,
    phones,
    regress,
    simulate,
    serve_site,
    synth,
]
