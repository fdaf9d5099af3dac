"""Configuration from the environment, an optional ``.env`` file, and defaults."""

import os
from dataclasses import dataclass
from pathlib import Path

from dotenv import load_dotenv

from htleads.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
NEO4J_VERSION = "5.26.30"


@dataclass(frozen=True)
class Settings:
    """Every setting htleads reads, with its default.

    ``neo4j_uri`` is None when htleads manages its own local server; set
    ``NEO4J_URI`` to use any other server (Docker, Aura, a cluster).
    """

    state_dir: Path
    cache_dir: Path
    neo4j_uri: str | None
    neo4j_user: str
    neo4j_password: str | None
    neo4j_database: str
    neo4j_version: str
    bolt_port: int
    http_port: int
    heap_size: str
    pagecache_size: str
    start_timeout: float

    @property
    def local_dir(self) -> Path:
        """Home, configuration, data and logs of the local server."""
        return self.state_dir / "neo4j"

    @property
    def password_file(self) -> Path:
        return self.local_dir / "password"

    @property
    def uri(self) -> str:
        """The Bolt address htleads connects to."""
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def managed(self) -> bool:
        """True when htleads runs the server itself (no NEO4J_URI)."""
        return self.neo4j_uri is None


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(
            f"{name}={raw!r} is not a whole number; fix or unset it."
        ) from None


def _path(name: str, default: Path) -> Path:
    raw = os.environ.get(name)
    return Path(raw).expanduser().resolve() if raw else default


def load(env_file: Path | None = None) -> Settings:
    """Read the settings; values already in the environment win over ``.env``."""
    load_dotenv(env_file or ROOT / ".env", override=False)
    cache_home = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return Settings(
        state_dir=_path("HTLEADS_STATE_DIR", ROOT / ".state"),
        cache_dir=_path("HTLEADS_CACHE_DIR", cache_home / "htleads"),
        neo4j_uri=os.environ.get("NEO4J_URI") or None,
        neo4j_user=os.environ.get("NEO4J_USER") or "neo4j",
        neo4j_password=os.environ.get("NEO4J_PASSWORD") or None,
        neo4j_database=os.environ.get("NEO4J_DATABASE") or "neo4j",
        neo4j_version=os.environ.get("HTLEADS_NEO4J_VERSION") or NEO4J_VERSION,
        bolt_port=_int("HTLEADS_BOLT_PORT", 7687),
        http_port=_int("HTLEADS_HTTP_PORT", 0),
        heap_size=os.environ.get("HTLEADS_NEO4J_HEAP") or "4g",
        pagecache_size=os.environ.get("HTLEADS_NEO4J_PAGECACHE") or "4g",
        start_timeout=float(_int("HTLEADS_NEO4J_START_TIMEOUT", 120)),
    )
