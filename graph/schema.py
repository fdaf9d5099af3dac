"""The graph's constraints and indexes, created idempotently."""

import logging

from graph.connection import Graph

logger = logging.getLogger(__name__)

# Node label -> the property that identifies a node of that kind.
KEYS: dict[str, str] = {
    "Ad": "uid",
    "Phone": "number",
    "City": "uid",
    "Image": "sha256",
    "Term": "term",
    "Email": "address",
    "Handle": "uid",
    "Entity": "entity_id",
    "Agency": "name",
    "TwitterAccount": "handle",
}

# Lookups the loaders, indicators and the app make often.
INDEXES: list[tuple[str, str]] = [
    ("Ad", "posted_at"),
    ("Ad", "price_per_hour"),
    ("Ad", "site"),
    ("City", "name"),
    ("City", "country"),
    ("Image", "phash"),
    ("Term", "category"),
    ("Handle", "platform"),
]


def _snake(label: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in label).lstrip("_")


def statements() -> list[str]:
    """The Cypher that creates the schema; every statement is IF NOT EXISTS."""
    created = [
        f"CREATE CONSTRAINT {_snake(label)}_{key}_unique IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.{key} IS UNIQUE"
        for label, key in KEYS.items()
    ]
    created += [
        f"CREATE INDEX {_snake(label)}_{prop} IF NOT EXISTS "
        f"FOR (n:{label}) ON (n.{prop})"
        for label, prop in INDEXES
    ]
    return created


def create(graph: Graph) -> int:
    """Create every constraint and index that is missing; return how many exist."""
    for statement in statements():
        graph.write(statement)
    graph.run_auto_commit("CALL db.awaitIndexes(300)")
    count = len(describe(graph))
    logger.info("schema ready: %d constraints and indexes", count)
    return count


def describe(graph: Graph) -> list[dict]:
    """The project's constraints and indexes, by name, as Neo4j reports them."""
    constraints = graph.read(
        "SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties, type "
        "RETURN name, labelsOrTypes AS labels, properties, type ORDER BY name"
    )
    indexes = graph.read(
        "SHOW INDEXES YIELD name, labelsOrTypes, properties, type, owningConstraint "
        "WHERE owningConstraint IS NULL AND type = 'RANGE' "
        "RETURN name, labelsOrTypes AS labels, properties, type ORDER BY name"
    )
    return constraints + indexes


def clear(graph: Graph, batch_size: int = 10_000) -> None:
    """Delete every node and relationship, in batches; the schema stays."""
    graph.run_auto_commit(
        "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF $size ROWS",
        size=batch_size,
    )
    logger.info("database emptied")
