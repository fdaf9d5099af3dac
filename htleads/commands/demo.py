"""``htleads demo``: the main job end to end, for a first look."""

import click

from htleads import settings


@click.command()
def demo() -> None:
    """Run htleads end to end on its own synthetic data.

    Starts the local Neo4j (unless NEO4J_URI is set), creates the schema and
    prints the server's status.
    """
    from graph import schema
    from graph.connection import Graph
    from graph.server import LocalServer

    config = settings.load()
    if config.managed:
        LocalServer(config).start()
    with Graph(config) as graph:
        count = schema.create(graph)
        version = graph.read(
            "CALL dbms.components() YIELD versions RETURN versions[0] AS v"
        )[0]["v"]
    click.echo(f"Neo4j {version} running on {config.uri}, authentication on")
    click.echo(f"schema: {count} constraints and indexes")
    if config.managed:
        click.echo(f"data: {config.local_dir / 'data'}")
        click.echo(f"password file: {config.password_file}")
