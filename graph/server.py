"""The local Neo4j server: configure, start, wait for Bolt, stop, report status."""

import logging
import os
import re
import secrets
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from graph import artifacts
from htleads.errors import ServerError
from htleads.settings import Settings

logger = logging.getLogger(__name__)

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"

# The flags Neo4j's own launcher passes to a Java 17 JVM.
JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
]


@dataclass(frozen=True)
class Status:
    """What ``htleads neo4j status`` reports."""

    running: bool
    pid: int | None
    address: str
    data_dir: Path
    version: str


class LocalServer:
    """A Neo4j Community server run from Maven artifacts under a state directory."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.home = settings.local_dir
        self.conf_dir = self.home / "conf"
        self.data_dir = self.home / "data"
        self.logs_dir = self.home / "logs"
        self.pid_file = self.home / "run" / "neo4j.pid"

    # -- public operations -------------------------------------------------

    def start(self) -> bool:
        """Start the server unless it runs; return True when this call started it."""
        self._refuse_when_remote()
        if self.pid() is not None:
            logger.info("Neo4j already running (pid %s)", self.pid())
            return False
        self._refuse_busy_port()
        lib = artifacts.resolve(self.settings.cache_dir, self.settings.neo4j_version)
        java = artifacts.find_java()
        self._prepare_dirs()
        self._write_config()
        self._ensure_password(java, lib)
        log_offset = _size(self.logs_dir / "neo4j.log")
        process = self._launch(java, lib)
        self._wait_for_bolt(process, log_offset)
        logger.info("Neo4j started on %s (pid %s)", self.settings.uri, process.pid)
        return True

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop the server gracefully; return False when it was not running."""
        pid = self.pid()
        if pid is None:
            return False
        os.kill(pid, signal.SIGTERM)
        if not _wait_for_exit(pid, timeout):
            logger.warning("Neo4j did not stop in %.0f s; killing it", timeout)
            os.kill(pid, signal.SIGKILL)
            _wait_for_exit(pid, 10.0)
        self.pid_file.unlink(missing_ok=True)
        logger.info("Neo4j stopped (pid %s)", pid)
        return True

    def status(self) -> Status:
        pid = self.pid()
        port = self._configured_port()
        return Status(
            running=pid is not None and _port_open(port),
            pid=pid,
            address=f"bolt://127.0.0.1:{port}",
            data_dir=self.data_dir,
            version=self.settings.neo4j_version,
        )

    def pid(self) -> int | None:
        """The server's process id, when its pid file names a live Neo4j."""
        try:
            pid = int(self.pid_file.read_text(encoding="utf-8").strip())
        except (FileNotFoundError, ValueError):
            return None
        if not _is_neo4j_process(pid):
            self.pid_file.unlink(missing_ok=True)
            return None
        return pid

    def _configured_port(self) -> int:
        """The Bolt port of the last start, which may differ from today's setting."""
        try:
            conf = (self.conf_dir / "neo4j.conf").read_text(encoding="utf-8")
        except FileNotFoundError:
            return self.settings.bolt_port
        found = re.search(r"^server\.bolt\.listen_address=.*:(\d+)$", conf, re.M)
        return int(found.group(1)) if found else self.settings.bolt_port

    def log_tail(self, lines: int = 15) -> str:
        """The last lines of the server's log, for error messages."""
        for name in ("neo4j.log", "console.log"):
            path = self.logs_dir / name
            if path.is_file() and path.stat().st_size:
                text = path.read_text(encoding="utf-8", errors="replace")
                return "\n".join(text.splitlines()[-lines:])
        return "(no log written)"

    # -- steps of start() --------------------------------------------------

    def _refuse_when_remote(self) -> None:
        if not self.settings.managed:
            raise ServerError(
                f"NEO4J_URI is set ({self.settings.neo4j_uri}), so htleads uses that "
                "server and starts none; unset NEO4J_URI to run the local one."
            )

    def _refuse_busy_port(self) -> None:
        if _port_open(self.settings.bolt_port):
            raise ServerError(
                f"Port {self.settings.bolt_port} on 127.0.0.1 is taken by another "
                "program; stop it or set HTLEADS_BOLT_PORT to a free port."
            )

    def _prepare_dirs(self) -> None:
        for folder in (self.conf_dir, self.data_dir, self.logs_dir):
            folder.mkdir(parents=True, exist_ok=True)
        for folder in ("run", "plugins", "import", "licenses"):
            (self.home / folder).mkdir(parents=True, exist_ok=True)
        self.home.chmod(0o700)

    def _write_config(self) -> None:
        conf = self.conf_dir / "neo4j.conf"
        conf.write_text(render_config(self.settings, self.home), encoding="utf-8")

    def _ensure_password(self, java: str, lib: Path) -> None:
        auth_file = self.data_dir / "dbms" / "auth.ini"
        secret = self.settings.password_file
        if auth_file.exists() and not secret.exists():
            if self.settings.neo4j_password:
                return
            raise ServerError(
                f"The database in {self.data_dir} has a password, but {secret} is "
                "gone; set NEO4J_PASSWORD, or run `htleads neo4j reset --hard` "
                "to start from an empty database."
            )
        if auth_file.exists():
            return
        password = self.settings.neo4j_password or _new_password(secret)
        self._set_initial_password(java, lib, password)

    def _set_initial_password(self, java: str, lib: Path, password: str) -> None:
        command = [
            java,
            "-cp",
            f"{lib}/*",
            ADMIN_TOOL,
            "dbms",
            "set-initial-password",
            "--",  # a password may begin with "-"
            password,
        ]
        done = subprocess.run(
            command, env=self._env(), capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise ServerError(
                f"Setting Neo4j's initial password failed: {done.stderr.strip()[-300:]}"
            )
        logger.info("initial password set for user neo4j")

    def _launch(self, java: str, lib: Path) -> subprocess.Popen:
        command = [
            java,
            f"-Xms{self.settings.heap_size}",
            f"-Xmx{self.settings.heap_size}",
            *JVM_FLAGS,
            "-cp",
            f"{lib}/*",
            ENTRY_POINT,
            f"--home-dir={self.home}",
            f"--config-dir={self.conf_dir}",
        ]
        console = open(self.logs_dir / "console.log", "ab")  # noqa: SIM115
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=console,
            stderr=subprocess.STDOUT,
            env=self._env(),
            cwd=self.home,
            start_new_session=True,
        )
        console.close()
        self.pid_file.write_text(f"{process.pid}\n", encoding="utf-8")
        return process

    def _wait_for_bolt(self, process: subprocess.Popen, log_offset: int) -> None:
        deadline = time.monotonic() + self.settings.start_timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                self.pid_file.unlink(missing_ok=True)
                raise ServerError(
                    f"Neo4j exited with code {process.returncode} while starting. "
                    f"Last log lines:\n{self.log_tail()}"
                )
            if _started(self.logs_dir / "neo4j.log", log_offset):
                return
            time.sleep(0.25)
        self.stop(timeout=20)
        raise ServerError(
            f"Neo4j did not answer on {self.settings.uri} within "
            f"{self.settings.start_timeout:.0f} s (raise HTLEADS_NEO4J_START_TIMEOUT "
            f"if the machine is slow). Last log lines:\n{self.log_tail()}"
        )

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["NEO4J_HOME"] = str(self.home)
        env["NEO4J_CONF"] = str(self.conf_dir)
        return env


def render_config(settings: Settings, home: Path) -> str:
    """neo4j.conf for a loopback-only, authenticated server under ``home``."""
    http = (
        f"server.http.enabled=true\nserver.http.listen_address=127.0.0.1:"
        f"{settings.http_port}"
        if settings.http_port
        else "server.http.enabled=false"
    )
    return "\n".join(
        [
            "# Written by htleads on every start; edit the settings, not this file.",
            "server.default_listen_address=127.0.0.1",
            "server.default_advertised_address=127.0.0.1",
            f"server.bolt.listen_address=127.0.0.1:{settings.bolt_port}",
            "server.bolt.enabled=true",
            http,
            "server.https.enabled=false",
            "dbms.security.auth_enabled=true",
            "dbms.usage_report.enabled=false",
            f"server.directories.data={home / 'data'}",
            f"server.directories.logs={home / 'logs'}",
            f"server.directories.run={home / 'run'}",
            f"server.directories.plugins={home / 'plugins'}",
            f"server.directories.import={home / 'import'}",
            f"server.directories.licenses={home / 'licenses'}",
            f"server.memory.heap.initial_size={settings.heap_size}",
            f"server.memory.heap.max_size={settings.heap_size}",
            f"server.memory.pagecache.size={settings.pagecache_size}",
            "db.tx_log.rotation.retention_policy=1 days",
            "",
        ]
    )


def _new_password(secret: Path) -> str:
    """Generate a random password and keep it in a file only its owner can read."""
    password = secrets.token_urlsafe(24)
    secret.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(secret, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(password + "\n")
    return password


def _started(log: Path, offset: int) -> bool:
    """True once this run of the server has logged that it started.

    Neo4j logs ``Started.`` after Bolt accepts logins; ``offset`` skips the
    lines of earlier runs in the same log file.
    """
    try:
        with log.open("rb") as handle:
            handle.seek(offset if log.stat().st_size >= offset else 0)
            return b"INFO  Started." in handle.read()
    except FileNotFoundError:
        return False


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, port)) == 0


def _is_neo4j_process(pid: int) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (FileNotFoundError, PermissionError):
        return False
    return ENTRY_POINT.encode() in cmdline


def _wait_for_exit(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _is_neo4j_process(pid):
            return True
        time.sleep(0.2)
    return False
