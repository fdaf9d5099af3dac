"""``htleads phones``: the phone numbers in texts, one text per line, as JSON lines."""

import logging
from pathlib import Path

import click

logger = logging.getLogger(__name__)


@click.command()
@click.argument(
    "file",
    required=False,
    type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path),
)
@click.option(
    "--region",
    default="MY",
    help="Country of the texts, assumed for numbers written without a calling "
    "code (two letters, such as MY, SG, US). Default: MY.",
)
def phones(file: Path | None, region: str) -> None:
    """Find the phone numbers in each line of FILE (default: standard input).

    Writes one JSON object per input line, in order and as soon as the line is
    read: {"phones": [{"number", "obfuscated", "span"}]}. Numbers are in E.164
    when their country is known, otherwise the digits as written. A line that
    is not UTF-8 gives {"phones": [], "error": "..."} and the run goes on.
    """
    import sys

    from extract.dialling import is_region

    if not is_region(region):
        raise click.BadParameter(
            f"{region!r} is not a country code that phone numbering knows; "
            "give two letters such as MY, SG or US.",
            param_hint="--region",
        )
    if file is None or str(file) == "-":
        _answer_lines(sys.stdin.buffer, sys.stdout, region.upper())
    else:
        with file.open("rb") as lines:
            _answer_lines(lines, sys.stdout, region.upper())


def _answer_lines(lines, out, region: str) -> None:
    """Read byte lines, write one JSON answer per line, flushing each."""
    import json

    from extract.phones import find_phones

    read = found = undecodable = 0
    for number, raw in enumerate(lines, start=1):
        read += 1
        try:
            text = raw.rstrip(b"\n").rstrip(b"\r").decode("utf-8")
        except UnicodeDecodeError as error:
            undecodable += 1
            logger.warning("Line %s is not UTF-8; answered with an error.", number)
            answer = {"phones": [], "error": _decode_error(number, error)}
        else:
            matches = find_phones(text, region)
            found += len(matches)
            answer = {"phones": [_item(match) for match in matches]}
        out.write(json.dumps(answer, ensure_ascii=False) + "\n")
        out.flush()
    logger.info(
        "Read %s lines: %s phone numbers found, %s lines not UTF-8.",
        read,
        found,
        undecodable,
    )


def _item(match) -> dict:
    return {
        "number": match.number,
        "obfuscated": match.obfuscated,
        "span": list(match.span),
    }


def _decode_error(number: int, error: UnicodeDecodeError) -> str:
    byte = error.object[error.start : error.start + 1].hex()
    return (
        f"Line {number} is not valid UTF-8 (byte 0x{byte} at position "
        f"{error.start}); re-encode the input as UTF-8."
    )
