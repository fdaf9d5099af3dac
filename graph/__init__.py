"""Neo4j: the local server, the connection, the schema, and what runs on the graph."""
