"""Red-flag language: lexicon terms found in ad text, each with its span in the text.

The lexicon (``extract/data/lexicon.toml``, versioned) lists terms in English,
Malay and Chinese by category. Text is folded first (see
:mod:`extract.normalise`); Latin-script terms match whole words, with letters
repeated for emphasis allowed (``freeesh``) and any spacing between the words
of a phrase (``newgirl``, ``new-girl``); Chinese terms match anywhere.

Example::

    >>> find_terms("Fr3sh girl, just landed!")
    [{'term': 'fresh', 'category': 'newness', 'span': [0, 5]},
     {'term': 'just landed', 'category': 'newness', 'span': [12, 23]}]
"""

import logging
import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import groupby
from pathlib import Path

from extract.normalise import fold
from htleads.errors import ConfigError

logger = logging.getLogger(__name__)

LEXICON_PATH = Path(__file__).parent / "data" / "lexicon.toml"
CATEGORIES = ("newness", "youth", "foreignness", "third_party", "movement")
SEPARATOR = r"[\s\-_.*~+/]*"
NOT_LETTER = re.compile(r"[^a-z]+")


@dataclass(frozen=True, slots=True)
class Variant:
    """One written form of a term, with the letter runs it needs at least."""

    form: str
    term: str
    category: str
    runs: tuple[tuple[str, int], ...]

    @property
    def latin(self) -> bool:
        """Whether the form is written in Latin letters (matched as whole words)."""
        return self.form.isascii()


@dataclass(frozen=True, slots=True)
class Lexicon:
    """A compiled lexicon: patterns for Latin and other forms, and forms by key."""

    version: str
    latin: re.Pattern
    other: re.Pattern
    by_key: dict[str, tuple[Variant, ...]]
    exclusions: dict[str, re.Pattern]


def find_terms(text: str, lexicon: "Lexicon | None" = None) -> list[dict]:
    """Every lexicon term in ``text``, in order, as ``{"term", "category", "span"}``.

    ``span`` is ``[start, end]`` in ``text`` as given, whatever folding did.
    """
    if not text:
        return []
    found = _default_terms(text) if lexicon is None else _terms_in(text, lexicon)
    return [
        {"term": term, "category": category, "span": [start, end]}
        for term, category, start, end in found
    ]


# Ads are reposted and their titles reused: a text read once is not read again.
@lru_cache(maxsize=4096)
def _default_terms(text: str) -> tuple[tuple[str, str, int, int], ...]:
    return _terms_in(text, load_lexicon())


def _terms_in(text: str, lexicon: "Lexicon") -> tuple[tuple[str, str, int, int], ...]:
    """(term, category, start, end) of each term in ``text``, in order."""
    folded = fold(text)
    spans = [match.span() for match in lexicon.latin.finditer(folded.text)]
    if not folded.text.isascii():
        other = [match.span() for match in lexicon.other.finditer(folded.text)]
        spans = sorted(spans + other, key=lambda span: span[0])
    found = []
    for first, last in spans:
        variant = _variant_of(folded.text[first:last], lexicon)
        if variant is None or _excluded(variant, folded.text, last, lexicon):
            continue
        found.append((variant.term, variant.category, *folded.span(first, last)))
    return tuple(found)


@cache
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Read and compile a lexicon; raise :class:`ConfigError` if it is malformed."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(
            f"The lexicon {path} cannot be read ({error}). Restore it from the "
            "repository or fix its TOML syntax."
        ) from error
    if "version" not in data:
        raise ConfigError(f"The lexicon {path} has no version key. Add one.")
    variants = _variants(data, path)
    lexicon = Lexicon(
        version=str(data["version"]),
        latin=_compile_latin([v for v in variants if v.latin]),
        other=_compile_other([v for v in variants if not v.latin]),
        by_key=_index(variants),
        exclusions=_exclusions(data.get("not_followed_by", {})),
    )
    logger.debug(
        "Lexicon %s version %s: %s forms", path, lexicon.version, len(variants)
    )
    return lexicon


def _variants(data: dict, path: Path) -> list[Variant]:
    variants = []
    for category in CATEGORIES:
        for entries in data.get(category, {}).values():
            for entry in entries:
                forms = [" ".join(form.lower().split()) for form in entry.split("|")]
                variants += [
                    Variant(form, forms[0], category, _runs(form)) for form in forms
                ]
    if not variants:
        raise ConfigError(f"The lexicon {path} holds no terms. Add terms by category.")
    return variants


def _runs(form: str) -> tuple[tuple[str, int], ...]:
    return tuple((char, len(list(run))) for char, run in groupby(form))


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    if not text.isascii():
        return text
    return "".join(char for char, _ in groupby(NOT_LETTER.sub("", text)))


def _index(variants: list[Variant]) -> dict[str, tuple[Variant, ...]]:
    by_key: dict[str, list[Variant]] = {}
    for variant in variants:
        by_key.setdefault(_key(variant.form), []).append(variant)
    # The most demanding form first: "boss" before "bos" for a written "bosss".
    return {
        key: tuple(sorted(group, key=lambda v: -sum(n for _, n in v.runs)))
        for key, group in by_key.items()
    }


def _variant_of(written: str, lexicon: Lexicon) -> Variant | None:
    candidates = lexicon.by_key.get(_key(written), ())
    if len(candidates) < 2:
        return candidates[0] if candidates else None
    have = [n for _, n in _runs(NOT_LETTER.sub("", written))]
    for variant in candidates:
        need = [n for _, n in _runs(NOT_LETTER.sub("", variant.form))]
        if all(n <= h for n, h in zip(need, have, strict=False)):
            return variant
    return candidates[-1]


def _excluded(variant: Variant, text: str, end: int, lexicon: Lexicon) -> bool:
    following = lexicon.exclusions.get(variant.form)
    return following is not None and following.match(text, end) is not None


def _exclusions(table: dict[str, list[str]]) -> dict[str, re.Pattern]:
    return {
        form.lower(): re.compile(
            r"[\s\-_.]*(?:" + "|".join(re.escape(word) for word in words) + r")\b"
        )
        for form, words in table.items()
    }


def _compile_latin(variants: list[Variant]) -> re.Pattern:
    # Each branch opens with its first letter as a literal, which the engine
    # tests without entering the branch; a term begins a word.
    trie = _trie(v.runs for v in variants)
    units = sorted((u for u in trie if u is not None), key=lambda u: (u[0], -u[1]))
    branches = "|".join(
        _unit(unit, latin=True) + _emit(trie[unit], latin=True) for unit in units
    )
    return re.compile(rf"(?<![a-z0-9])(?:{branches})(?![a-z0-9])")


def _compile_other(variants: list[Variant]) -> re.Pattern:
    return re.compile(_emit(_trie(_chars(v.form) for v in variants), latin=False))


def _chars(form: str) -> tuple[tuple[str, int], ...]:
    return tuple((char, 1) for char in form)


def _trie(sequences) -> dict:
    root: dict = {}
    for sequence in sequences:
        node = root
        for unit in sequence:
            node = node.setdefault(unit, {})
        node[None] = {}
    return root


def _emit(node: dict, latin: bool) -> str:
    # Longer runs and continuations first, so that the longest form wins.
    units = sorted((u for u in node if u is not None), key=lambda u: (u[0], -u[1]))
    branches = [_unit(unit, latin) + _emit(node[unit], latin) for unit in units]
    if not branches:
        return ""
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if None in node else body


def _unit(unit: tuple[str, int], latin: bool) -> str:
    char, count = unit
    if not latin:
        return re.escape(char)
    if char == " ":
        return SEPARATOR
    # The letter once as a literal, which the engine tests before it enters
    # the branch, then its repeats ("f+" is "ff*").
    letter = re.escape(char)
    return letter + (f"{letter}*" if count == 1 else f"{letter}{{{count - 1},}}")
