"""The exceptions htleads raises; each message says what to do next."""


class HtleadsError(Exception):
    """Base of every expected failure; the CLI prints its message on one line."""


class ConfigError(HtleadsError):
    """A setting is missing or malformed."""


class DatabaseUnavailableError(HtleadsError):
    """Neo4j cannot be reached at the configured address."""


class AuthenticationError(HtleadsError):
    """Neo4j refused the configured user name or password."""


class ServerError(HtleadsError):
    """The local Neo4j server could not be resolved, started or stopped."""


class QueryError(HtleadsError):
    """A saved or ad hoc Cypher query is unknown, malformed or refused."""


class InputError(HtleadsError):
    """An input file or record cannot be read."""


class ModelError(HtleadsError):
    """A regression model cannot be estimated on the given data."""
