"""The ``htleads`` command line: one group, one module of commands per area."""

import logging
import sys
from pathlib import Path

import click

from htleads import __version__, logs
from htleads.commands import COMMANDS
from htleads.errors import HtleadsError

logger = logging.getLogger(__name__)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="htleads")
@click.option(
    "-v",
    "--verbose",
    count=True,
    help="Show progress logs (-v) or debug logs (-vv). Default: warnings only.",
)
@click.option(
    "--log-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write debug logs to this file. Default: none.",
)
def cli(verbose: int, log_file: Path | None) -> None:
    """Leads of potential trafficking from classified ads, in a Neo4j graph.

    htleads generates leads for a person to follow up, never verdicts: every
    flag comes with the evidence behind it.
    """
    logs.configure(verbose, log_file)


for command in COMMANDS:
    cli.add_command(command)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; expected failures become one line on stderr and exit code 1."""
    try:
        code = cli.main(args=argv, prog_name="htleads", standalone_mode=False)
    except HtleadsError as error:
        logger.debug("command failed", exc_info=True)
        click.echo(f"htleads: error: {error}", err=True)
        sys.exit(1)
    except click.exceptions.Abort:
        click.echo("htleads: aborted.", err=True)
        sys.exit(1)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        click.echo("htleads: interrupted; run the command again to resume.", err=True)
        sys.exit(130)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(code if isinstance(code, int) else 0)
