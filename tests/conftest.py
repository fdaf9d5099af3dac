"""Shared fixtures: a real Neo4j for the session, a clean database for each test.

Unless NEO4J_URI is set, the suite runs its own local server under a temporary
state directory on a free port, so it never touches the data of `htleads demo`.
With NEO4J_URI set, the suite uses that server and EMPTIES its database.
"""

import os
from collections.abc import Iterator

import pytest

from tests.support import free_port


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """Settings of the session's Neo4j, started here unless NEO4J_URI is set."""
    from graph.server import LocalServer
    from htleads import settings

    if not os.environ.get("NEO4J_URI"):
        # scripts/test names the directory, so that it can stop the server even
        # when pytest itself is killed.
        given = os.environ.get("HTLEADS_TEST_STATE_DIR")
        state = given or str(tmp_path_factory.mktemp("state"))
        os.environ["HTLEADS_STATE_DIR"] = state
        os.environ["HTLEADS_BOLT_PORT"] = str(free_port())
        os.environ.setdefault("HTLEADS_NEO4J_HEAP", "1g")
        os.environ.setdefault("HTLEADS_NEO4J_PAGECACHE", "512m")
    config = settings.load()
    server = LocalServer(config) if config.managed else None
    if server is not None:
        server.start()
    yield config
    if server is not None:
        server.stop()


@pytest.fixture(scope="session")
def session_graph(neo4j_settings) -> Iterator:
    from graph import schema
    from graph.connection import Graph

    with Graph(neo4j_settings) as graph:
        schema.create(graph)
        yield graph


@pytest.fixture
def graph(session_graph):
    """A connection to an empty database with the schema in place."""
    from graph import schema

    schema.clear(session_graph)
    return session_graph
