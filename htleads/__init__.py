"""htleads: leads of potential human trafficking from classified ads, in Neo4j."""

__version__ = "0.1.0"
