"""A loopback web server for a synthetic site, honouring its ``_errors.json``.

Start it from the command line with ``htleads serve-site DIR``, or in-process
with ``serve_in_thread(site_dir)``, which returns the address and a stop function.
"""

import errno
import json
import logging
import threading
from collections.abc import Callable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from htleads.errors import ConfigError, InputError

logger = logging.getLogger(__name__)

HOST = "127.0.0.1"
DEFAULT_PORT = 8800
ERRORS_FILE = "_errors.json"


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves files of one folder; declared paths answer with their status."""

    protocol_version = "HTTP/1.1"
    # Whole responses in one write, sent at once: with keep-alive, small writes
    # would otherwise wait on delayed acknowledgements for tens of milliseconds.
    wbufsize = 1 << 16
    disable_nagle_algorithm = True
    server: "SiteServer"

    def do_GET(self) -> None:  # noqa: N802 (the name http.server dispatches to)
        if not self._answered_by_status():
            super().do_GET()

    def do_HEAD(self) -> None:  # noqa: N802
        if not self._answered_by_status():
            super().do_HEAD()

    def _answered_by_status(self) -> bool:
        path = unquote(urlsplit(self.path).path)
        status = self.server.statuses.get(path)
        if status is None:
            return False
        self.send_error(status)
        return True

    def send_response(self, code: int, message: str | None = None) -> None:
        super().send_response(code, message)
        self.server.count(code)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (base signature)
        logger.debug("%s %s", self.address_string(), format % args)


class SiteServer(ThreadingHTTPServer):
    """A threading HTTP server bound to loopback, with per-status counters."""

    daemon_threads = True
    request_queue_size = 256

    def __init__(self, site_dir: Path, port: int = DEFAULT_PORT, host: str = HOST):
        self.site_dir = site_dir
        self.statuses = _statuses(site_dir)
        self.counts: dict[int, int] = {}
        self._lock = threading.Lock()
        handler = partial(SiteHandler, directory=str(site_dir))
        try:
            super().__init__((host, port), handler)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise ConfigError(
                    f"Port {port} on {host} is already in use. Choose another with "
                    "--port, or --port 0 for any free port."
                ) from error
            raise

    @property
    def url(self) -> str:
        """The site's root address, such as ``http://127.0.0.1:8800/``."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def count(self, status: int) -> None:
        with self._lock:
            self.counts[status] = self.counts.get(status, 0) + 1


def _statuses(site_dir: Path) -> dict[str, int]:
    """Paths answered with a status instead of a file; the file itself is hidden."""
    declared = site_dir / ERRORS_FILE
    statuses = {f"/{ERRORS_FILE}": 404}
    if declared.exists():
        statuses.update({path: int(code) for path, code in _read(declared).items()})
    return statuses


def _read(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(
            f"{path} is not a JSON object of paths and statuses ({error}). "
            "Generate the site again with `htleads synth`."
        ) from error


def site_folder(folder: Path) -> Path:
    """The site inside a corpus folder, or the folder itself if it is a site."""
    for candidate in (folder / "site", folder):
        if (candidate / "index.html").is_file():
            return candidate
    raise InputError(
        f"No synthetic site found in {folder} (looked for site/index.html and "
        "index.html). Generate one with `htleads synth --out DIR`."
    )


def serve_in_thread(
    site_dir: Path | str, port: int = 0
) -> tuple[str, Callable[[], None]]:
    """Serve ``site_dir`` from a background thread; return its URL and a stopper."""
    server = SiteServer(site_folder(Path(site_dir)), port)
    thread = threading.Thread(
        target=server.serve_forever, name="site-server", daemon=True
    )
    thread.start()
    logger.info("Serving %s at %s", server.site_dir, server.url)

    def stop() -> None:
        server.shutdown()
        server.server_close()
        thread.join()

    return server.url, stop
