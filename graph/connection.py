"""One place that builds the Neo4j driver and runs read and write transactions."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import (
    AuthError,
    ClientError,
    CypherSyntaxError,
    ServiceUnavailable,
    SessionExpired,
)

from htleads import settings as settings_module
from htleads.errors import (
    AuthenticationError,
    ConfigError,
    DatabaseUnavailableError,
    QueryError,
)
from htleads.settings import Settings

logger = logging.getLogger(__name__)

Records = list[dict[str, Any]]


def password_for(settings: Settings) -> str:
    """NEO4J_PASSWORD when set, else the password the local server was given."""
    if settings.neo4j_password:
        return settings.neo4j_password
    try:
        return settings.password_file.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise ConfigError(
            "No Neo4j password is known: start the local server with "
            "`htleads neo4j start` (it creates one), or set NEO4J_PASSWORD."
        ) from None


class Graph:
    """A connected Neo4j driver with retried read and write transactions.

    Managed transactions retry transient failures (leader changes, deadlocks,
    lost connections) for up to ``retry_seconds``.
    """

    def __init__(self, settings: Settings | None = None, retry_seconds: float = 30):
        self.settings = settings or settings_module.load()
        self.database = self.settings.neo4j_database
        self.driver = GraphDatabase.driver(
            self.settings.uri,
            auth=(self.settings.neo4j_user, password_for(self.settings)),
            max_transaction_retry_time=retry_seconds,
            connection_timeout=10,
            notifications_min_severity="OFF",
        )
        self._verify()

    def __enter__(self) -> "Graph":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.driver.close()

    def read(self, query: str, **params: Any) -> Records:
        """Run ``query`` in a read-only transaction and return its rows as dicts."""
        return self._execute(neo4j.READ_ACCESS, query, params)

    def write(self, query: str, **params: Any) -> Records:
        """Run ``query`` in a write transaction and return its rows as dicts."""
        return self._execute(neo4j.WRITE_ACCESS, query, params)

    def run_auto_commit(self, query: str, **params: Any) -> None:
        """Run a query that manages its own transactions (CALL ... IN TRANSACTIONS)."""
        with self._session(neo4j.WRITE_ACCESS) as session:
            session.run(query, params).consume()

    def _execute(self, access: str, query: str, params: dict) -> Records:
        def work(tx: neo4j.ManagedTransaction) -> Records:
            return tx.run(query, params).data()

        with self._session(access) as session:
            if access == neo4j.READ_ACCESS:
                return session.execute_read(work)
            return session.execute_write(work)

    @contextmanager
    def _session(self, access: str) -> Iterator[neo4j.Session]:
        try:
            with self.driver.session(
                database=self.database, default_access_mode=access
            ) as session:
                yield session
        except (ServiceUnavailable, SessionExpired) as error:
            raise DatabaseUnavailableError(_unreachable(self.settings)) from error
        except CypherSyntaxError as error:
            raise QueryError(f"Cypher syntax error: {error.message}") from error
        except ClientError as error:
            raise QueryError(f"Neo4j refused the query: {error.message}") from error

    def _verify(self) -> None:
        try:
            self.driver.verify_connectivity()
        except AuthError as error:
            self.driver.close()
            raise AuthenticationError(
                f"Neo4j at {self.settings.uri} refused user "
                f"{self.settings.neo4j_user!r}: wrong password. Unset NEO4J_PASSWORD "
                "to use the local server's own, or set the right one."
            ) from error
        except (ServiceUnavailable, SessionExpired, OSError) as error:
            self.driver.close()
            raise DatabaseUnavailableError(_unreachable(self.settings)) from error


def _unreachable(settings: Settings) -> str:
    if settings.managed:
        return (
            f"Neo4j is not reachable at {settings.uri}. Start it with "
            "`htleads neo4j start` or set NEO4J_URI."
        )
    return (
        f"Neo4j is not reachable at {settings.uri} (from NEO4J_URI). Check that "
        "the server runs and the address is right, or unset NEO4J_URI to use "
        "the local server."
    )
