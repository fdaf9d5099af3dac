"""The command line: help for every command, and errors as one line."""

import click
import click.testing
import pytest

from htleads.cli import cli
from tests.support import run_cli


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        yield path, command
        if isinstance(command, click.Group):
            yield from _commands(command, path)


COMMANDS = list(_commands(cli))
IDS = [" ".join(path) for path, _ in COMMANDS]


def test_top_level_help_lists_the_commands():
    result = run_cli("--help")
    assert result.returncode == 0
    for path, _ in COMMANDS:
        if len(path) == 1:
            assert path[0] in result.stdout


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_every_command_has_help(path, command):
    result = click.testing.CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: " in result.output
    assert command.help, f"{' '.join(path)} has no help text"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_every_option_names_its_default(path, command):
    for param in command.params:
        if not isinstance(param, click.Option) or param.name in ("help", "version"):
            continue
        assert param.help and "default" in param.help.lower(), (
            f"`htleads {' '.join(path)}` option {param.opts[0]} does not name "
            "its default in its help"
        )


def test_unknown_command_exits_with_usage_error():
    result = run_cli("no-such-command")
    assert result.returncode == 2
    assert "No such command" in result.stderr


def test_version_is_printed():
    result = run_cli("--version")
    assert result.returncode == 0
    assert "htleads" in result.stdout
