"""``htleads neo4j``: the local Neo4j server and the graph schema."""

import logging
import shutil

import click

from htleads import settings
from htleads.errors import ServerError

logger = logging.getLogger(__name__)


@click.group()
def neo4j() -> None:
    """Run the local Neo4j (no Docker needed) and manage the schema.

    With NEO4J_URI set, htleads starts nothing and uses that server; NEO4J_USER
    (default neo4j) and NEO4J_PASSWORD go with it.
    """


@neo4j.command()
def start() -> None:
    """Start the local server and wait until Bolt answers (harmless if running).

    The first start downloads Neo4j from Maven Central into the cache and sets a
    random password, kept in the state directory readable only by its owner.
    """
    from graph.server import LocalServer

    config = settings.load()
    started = LocalServer(config).start()
    state = "started" if started else "already running"
    click.echo(f"Neo4j {config.neo4j_version} {state} on {config.uri}")


@neo4j.command()
def fetch() -> None:
    """Download the Neo4j server's jars from Maven Central into the cache, once.

    `start` does this too; set-up calls it so that a first start is quick.
    """
    from graph import artifacts

    config = settings.load()
    lib = artifacts.resolve(config.cache_dir, config.neo4j_version)
    size = sum(path.stat().st_size for path in lib.glob("*.jar"))
    count = len(list(lib.glob("*.jar")))
    click.echo(
        f"Neo4j {config.neo4j_version}: {count} jars, {size / 2**20:.0f} MiB in {lib}"
    )


@neo4j.command()
def stop() -> None:
    """Stop the local server gracefully (harmless if it is not running)."""
    from graph.server import LocalServer

    config = settings.load()
    stopped = LocalServer(config).stop()
    click.echo("Neo4j stopped" if stopped else "Neo4j was not running")


@neo4j.command()
def status() -> None:
    """Say whether Neo4j runs, with its version, address and data directory."""
    config = settings.load()
    if not config.managed:
        _remote_status(config)
        return
    from graph.server import LocalServer

    report = LocalServer(config).status()
    click.echo(f"running:   {'yes' if report.running else 'no'}")
    click.echo(f"version:   {report.version}")
    click.echo(f"address:   {report.address}")
    click.echo(f"data dir:  {report.data_dir}")
    if report.pid:
        click.echo(f"pid:       {report.pid}")


def _remote_status(config: settings.Settings) -> None:
    from graph.connection import Graph

    with Graph(config) as graph:
        row = graph.read(
            "CALL dbms.components() YIELD name, versions, edition "
            "RETURN versions[0] AS version, edition"
        )[0]
    click.echo("running:   yes (NEO4J_URI)")
    click.echo(f"version:   {row['version']} {row['edition']}")
    click.echo(f"address:   {config.uri}")


@neo4j.command()
def init() -> None:
    """Create the graph's constraints and indexes (idempotent)."""
    from graph import schema
    from graph.connection import Graph

    with Graph() as graph:
        count = schema.create(graph)
    click.echo(f"schema ready: {count} constraints and indexes")


@neo4j.command()
@click.option("--yes", is_flag=True, help="Do not ask for confirmation. Default: ask.")
@click.option(
    "--hard",
    is_flag=True,
    help="Stop the local server and delete its data directory, password "
    "included, instead of deleting nodes. Default: off.",
)
def reset(yes: bool, hard: bool) -> None:
    """Empty the database: every node and relationship goes, the schema stays."""
    config = settings.load()
    target = config.local_dir if hard else config.uri
    if not yes:
        click.confirm(f"Delete everything in {target}?", abort=True)
    if hard:
        _delete_local_server(config)
        click.echo(f"deleted {config.local_dir}; `htleads neo4j start` makes a new one")
        return
    from graph import schema
    from graph.connection import Graph

    with Graph(config) as graph:
        schema.clear(graph)
    click.echo("database emptied")


def _delete_local_server(config: settings.Settings) -> None:
    if not config.managed:
        raise ServerError(
            "--hard deletes the local server's files, but NEO4J_URI points "
            "elsewhere; drop --hard, or unset NEO4J_URI."
        )
    from graph.server import LocalServer

    LocalServer(config).stop()
    shutil.rmtree(config.local_dir, ignore_errors=True)
