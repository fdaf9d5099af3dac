"""The local Neo4j server, the connection layer and the schema, on a real server."""

import dataclasses
import ipaddress
import socket
import stat
from pathlib import Path

import pytest

from graph import schema
from graph.connection import Graph
from graph.server import LocalServer, render_config
from htleads.errors import AuthenticationError, DatabaseUnavailableError, ServerError
from tests.support import free_port, run_cli

pytestmark = pytest.mark.neo4j


def _listening_addresses(port: int) -> set[str]:
    """Local addresses with a socket in LISTEN state on ``port``, from /proc."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].rsplit(":", 1)
            if int(hex_port, 16) == port and fields[3] == "0A":
                found.add(_decode_proc_address(address))
    return found


def _decode_proc_address(hex_address: str) -> str:
    raw = bytes.fromhex(hex_address)
    # /proc stores each 32-bit word in host (little-endian) order.
    words = [raw[i : i + 4][::-1] for i in range(0, len(raw), 4)]
    packed = b"".join(words)
    address = ipaddress.ip_address(packed)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return str(address.ipv4_mapped)
    return str(address)


def _non_loopback_addresses() -> list[str]:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent for UDP connect
            own = probe.getsockname()[0]
        except OSError:
            return []
    return [] if own.startswith("127.") else [own]


@pytest.fixture(scope="module")
def spare_server(tmp_path_factory, neo4j_settings):
    """A second local server, with its own directory and port, to stop and restart."""
    if not neo4j_settings.managed:
        pytest.skip("NEO4J_URI is set: the suite runs no local server to restart.")
    config = dataclasses.replace(
        neo4j_settings,
        state_dir=tmp_path_factory.mktemp("spare"),
        bolt_port=free_port(),
        neo4j_password=None,
        heap_size="512m",
        pagecache_size="128m",
    )
    server = LocalServer(config)
    yield server
    server.stop()


def test_restart_keeps_the_data(spare_server):
    assert spare_server.start() is True
    with Graph(spare_server.settings) as graph:
        graph.write("CREATE (:Phone {number: '+60123456789'})")
    assert spare_server.stop() is True
    assert spare_server.status().running is False

    spare_server.start()
    with Graph(spare_server.settings) as graph:
        rows = graph.read("MATCH (p:Phone) RETURN p.number AS number")
    assert rows == [{"number": "+60123456789"}]


def test_starting_twice_is_harmless(spare_server):
    spare_server.start()
    assert spare_server.start() is False
    assert spare_server.status().running is True


def test_status_reports_version_address_and_data_dir(spare_server):
    spare_server.start()
    report = spare_server.status()
    assert report.running and report.pid
    assert report.version.startswith("5.26.")
    assert report.address == f"bolt://127.0.0.1:{spare_server.settings.bolt_port}"
    assert report.data_dir == spare_server.settings.local_dir / "data"


def test_password_file_is_readable_by_its_owner_only(spare_server):
    spare_server.start()
    mode = stat.S_IMODE(spare_server.settings.password_file.stat().st_mode)
    assert mode == 0o600
    assert len(spare_server.settings.password_file.read_text().strip()) >= 24


def test_the_server_runs_the_wanted_neo4j_version(session_graph):
    rows = session_graph.read(
        "CALL dbms.components() YIELD versions, edition "
        "RETURN versions[0] AS version, edition"
    )
    assert rows[0]["version"].startswith("5.26.")
    assert rows[0]["edition"] == "community"


def test_wrong_password_is_refused_with_a_clear_message(neo4j_settings):
    wrong = dataclasses.replace(neo4j_settings, neo4j_password="not-the-password")
    with pytest.raises(AuthenticationError, match="wrong password"):
        Graph(wrong)


def test_bolt_listens_on_loopback_only(neo4j_settings):
    if not neo4j_settings.managed:
        pytest.skip("NEO4J_URI is set: the suite did not start this server.")
    port = neo4j_settings.bolt_port
    assert _listening_addresses(port) == {"127.0.0.1"}
    for address in _non_loopback_addresses():
        with socket.socket() as probe:
            probe.settimeout(2)
            assert probe.connect_ex((address, port)) != 0


def test_config_turns_authentication_on_and_binds_loopback(neo4j_settings, tmp_path):
    text = render_config(neo4j_settings, tmp_path)
    assert "dbms.security.auth_enabled=true" in text
    assert "server.default_listen_address=127.0.0.1" in text
    assert "password" not in text.lower()


def test_init_twice_leaves_the_same_constraints(graph):
    first = schema.create(graph)
    before = schema.describe(graph)
    second = schema.create(graph)
    assert first == second == len(before) == len(schema.describe(graph))
    assert before == schema.describe(graph)
    labels = {row["labels"][0] for row in before if row["type"] == "UNIQUENESS"}
    assert labels == set(schema.KEYS)


def test_uniqueness_constraint_refuses_a_duplicate_key(graph):
    graph.write("CREATE (:Phone {number: '+60111111111'})")
    from htleads.errors import QueryError

    with pytest.raises(QueryError, match="already exists"):
        graph.write("CREATE (:Phone {number: '+60111111111'})")


def test_reset_empties_the_database_and_keeps_the_schema(graph):
    graph.write("CREATE (:Ad {uid: 'site:1'})-[:HAS_PHONE]->(:Phone {number: '1'})")
    result = run_cli("neo4j", "reset", "--yes")
    assert result.returncode == 0, result.stderr
    assert graph.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]
    assert len(schema.describe(graph)) == len(schema.statements())


def test_cli_says_what_to_do_when_neo4j_is_down(neo4j_settings):
    env = {
        "NEO4J_URI": "",
        "HTLEADS_BOLT_PORT": str(free_port()),
        "NEO4J_PASSWORD": "anything",
    }
    result = run_cli("neo4j", "init", env=env)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "not reachable" in lines[0]
    assert "htleads neo4j start" in lines[0]
    assert "Traceback" not in result.stderr


def test_connection_error_when_down_is_a_database_unavailable_error(neo4j_settings):
    down = dataclasses.replace(
        neo4j_settings, neo4j_uri=None, bolt_port=free_port(), neo4j_password="x"
    )
    with pytest.raises(DatabaseUnavailableError, match="htleads neo4j start"):
        Graph(down)


def test_start_refuses_when_neo4j_uri_points_elsewhere(neo4j_settings):
    remote = dataclasses.replace(neo4j_settings, neo4j_uri="bolt://db.example:7687")
    with pytest.raises(ServerError, match="unset NEO4J_URI"):
        LocalServer(remote).start()


def test_start_refuses_a_port_taken_by_another_program(neo4j_settings, tmp_path):
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = dataclasses.replace(
            neo4j_settings,
            neo4j_uri=None,
            state_dir=tmp_path,
            bolt_port=squatter.getsockname()[1],
        )
        with pytest.raises(ServerError, match="HTLEADS_BOLT_PORT"):
            LocalServer(taken).start()


def test_no_password_is_written_in_the_docker_and_env_files():
    repo = Path(__file__).resolve().parent.parent
    example = dict(
        line.split("=", 1)
        for line in (repo / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert example["NEO4J_PASSWORD"] == ""
    compose = (repo / "docker-compose.yml").read_text()
    assert 'NEO4J_AUTH: "neo4j/${NEO4J_PASSWORD:?' in compose
    assert "neo4j/neo4j" not in compose


def test_a_password_beginning_with_a_dash_is_set(neo4j_settings, tmp_path):
    from graph import artifacts

    config = dataclasses.replace(neo4j_settings, neo4j_uri=None, state_dir=tmp_path)
    server = LocalServer(config)
    server._prepare_dirs()
    server._write_config()
    lib = artifacts.resolve(config.cache_dir, config.neo4j_version)
    server._set_initial_password(artifacts.find_java(), lib, "-looks-like-an-option")
    assert (server.data_dir / "dbms" / "auth.ini").is_file()
