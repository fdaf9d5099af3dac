"""Resolve the Neo4j server's jars from Maven Central into a local cache, once."""

import logging
import os
import re
import shutil
import subprocess
from pathlib import Path

from htleads.errors import ServerError

logger = logging.getLogger(__name__)

POM = Path(__file__).with_name("neo4j-pom.xml")
ENTRY_JAR = "neo4j-{version}.jar"
MARKER = ".resolved"


def lib_dir(cache_dir: Path, version: str) -> Path:
    """Where the jars of one Neo4j version live."""
    return cache_dir / "neo4j" / version / "lib"


def is_resolved(cache_dir: Path, version: str) -> bool:
    return (lib_dir(cache_dir, version) / MARKER).is_file()


def resolve(cache_dir: Path, version: str) -> Path:
    """Download ``org.neo4j:neo4j:version`` and its runtime closure; return the jar dir.

    Idempotent: a completed resolution is marked and reused. Maven's own cache
    (``~/.m2``) makes a second resolution in another directory fast.
    """
    target = lib_dir(cache_dir, version)
    if is_resolved(cache_dir, version):
        return target
    mvn = _require_tool("mvn", "Install Maven (Debian package `maven`).")
    partial = target.with_name("lib.partial")
    shutil.rmtree(partial, ignore_errors=True)
    logger.info("resolving Neo4j %s from Maven Central into %s", version, target)
    _run_maven(mvn, version, partial)
    _check_entry_point(partial, version)
    shutil.rmtree(target, ignore_errors=True)
    partial.rename(target)
    (target / MARKER).write_text(version + "\n", encoding="utf-8")
    return target


def _run_maven(mvn: str, version: str, out: Path) -> None:
    command = [
        mvn,
        "-q",
        "-B",
        "-f",
        str(POM),
        f"-Dneo4j.version={version}",
        "dependency:copy-dependencies",
        f"-DoutputDirectory={out}",
        "-DincludeScope=runtime",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = (done.stdout + done.stderr).strip().splitlines()[-5:]
        raise ServerError(
            f"Maven could not resolve org.neo4j:neo4j:{version} "
            f"({' / '.join(tail)}). Check that Maven Central is reachable, "
            "or set HTLEADS_NEO4J_VERSION to a published 5.26 release."
        )


def _check_entry_point(out: Path, version: str) -> None:
    if not (out / ENTRY_JAR.format(version=version)).is_file():
        raise ServerError(
            f"The resolved jars in {out} lack neo4j-{version}.jar, which holds the "
            "server entry point; delete that directory and start again."
        )


def _require_tool(name: str, hint: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise ServerError(f"`{name}` is not on PATH. {hint}")
    return path


def java_major_version(java: str) -> int:
    """The major version of a ``java`` executable (17 for ``17.0.15``)."""
    done = subprocess.run(
        [java, "-version"], capture_output=True, text=True, check=False
    )
    found = re.search(r'version "(\d+)(?:\.(\d+))?', done.stderr + done.stdout)
    if not found:
        raise ServerError(f"Cannot tell the version of {java}; install Java 17.")
    major = int(found.group(1))
    return int(found.group(2)) if major == 1 else major


def find_java() -> str:
    """A Java 17 or 21 runtime, from JAVA_HOME or PATH."""
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if not java or not Path(java).exists():
        raise ServerError(
            "No Java runtime found; install Java 17 (Debian package "
            "`openjdk-17-jre-headless`) or set JAVA_HOME."
        )
    major = java_major_version(java)
    if major not in (17, 21):
        raise ServerError(
            f"Neo4j 5.26 needs Java 17 or 21, but {java} is Java {major}; "
            "set JAVA_HOME to a Java 17 installation."
        )
    return java
