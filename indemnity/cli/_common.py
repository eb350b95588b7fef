"""What every command shares: the parser, argument types, portfolios and facts, JSON output."""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import re
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TextIO

from indemnity.errors import IndemnityError, InvalidFieldError, UnknownNameError
from indemnity.holdings.portfolio import Portfolio
from indemnity.io.documents import load_portfolio
from indemnity.io.parse import file_name
from indemnity.model.activity import Activity
from indemnity.model.terms import Fact, FactType, FactValue, Jurisdiction, Matter
from indemnity.model.vocabulary import Vocabulary
from indemnity.uk.people import PEOPLE, person, person_file
from indemnity.uk.registry import catalogue

__all__ = [
    "PROG",
    "Handler",
    "Parser",
    "UsageError",
    "activity",
    "date",
    "emit",
    "fact_value",
    "file_argument",
    "named",
    "not_an_input",
    "place_and_matter",
    "portfolio",
]

PROG = "indemnity"

Handler = Callable[[argparse.Namespace, TextIO], int]
"""A command: reads its arguments, writes to the stream, returns the exit status."""


class UsageError(Exception):
    """Bad arguments: reported in one line by `indemnity.cli.main`."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, naming the command's help.

    An option that takes one value (every option added without an ``action``)
    may be given once: given twice, it is an error rather than the last one
    silently winning (``--in england --in wales``).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.register("action", None, _StoreOnce)
        self.register("action", "store", _StoreOnce)

    def parse_known_args(  # type: ignore[override]  # the same, typed as it is used here
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """Parse as argparse does, forgetting which options were given once parsing is done."""
        parsed, rest = super().parse_known_args(args, namespace)
        vars(parsed).pop(_GIVEN, None)
        return parsed, rest

    def error(self, message: str) -> NoReturn:
        """Raise `UsageError` with the message and where to find help."""
        command = self.prog.removeprefix(PROG).strip()
        hint = f" (see '{PROG} {command} --help')" if command else f" (see '{PROG} --help')"
        raise UsageError(message + hint)


_GIVEN = "_options_given"


class _StoreOnce(argparse._StoreAction):
    """argparse's ``store``, refusing an option given a second time."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        if option_string is not None:
            given: dict[str, tuple[str, str]] = vars(namespace).setdefault(_GIVEN, {})
            before = given.get(self.dest)
            if before is not None:
                first, value = before
                parser.error(
                    f"argument {option_string}: given twice ({first} {value}, then"
                    f" {option_string} {_said(values)}); give it once"
                )
            given[self.dest] = (option_string, _said(values))
        super().__call__(parser, namespace, values, option_string)


def _said(value: object) -> str:
    """A value as the command line was given it."""
    return value.isoformat() if isinstance(value, _dt.date) else str(value)


_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_YES = frozenset({"yes", "y", "true", "t", "1"})
_NO = frozenset({"no", "n", "false", "f", "0"})


def date(text: str) -> _dt.date:
    """An argparse type: a date written YYYY-MM-DD."""
    if not _ISO_DATE.match(text.strip()):
        msg = f"expected a date as YYYY-MM-DD, such as 2025-03-10, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    try:
        return _dt.date.fromisoformat(text.strip())
    except ValueError as err:
        msg = f"{text!r} is not a date: {err}"
        raise argparse.ArgumentTypeError(msg) from None


def file_argument(text: str) -> str:
    """An argparse type: the name of a file, to read or to write."""
    try:
        return file_name(text)
    except IndemnityError:
        msg = f"expected a file name, got {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


def not_an_input(written: str, option: str, read: str | None, reading: str) -> None:
    """Refuse to write `written` (given as `option`) over `read`, the file read (as `reading`).

    Raises:
        UsageError: both name the same file.
    """
    if read is None:
        return
    try:
        same = os.path.samefile(written, read)
    except (OSError, ValueError):
        same = os.path.realpath(written) == os.path.realpath(read)
    if same:
        msg = f"{option} {written} would write over the file {reading} reads; name another file"
        raise UsageError(msg)


def named(parse: Callable[[str], object]) -> Callable[[str], Any]:
    """An argparse type that reports the library's own message for a bad name."""

    def convert(text: str) -> object:
        try:
            return parse(text)
        except IndemnityError as err:
            raise argparse.ArgumentTypeError(str(err)) from None

    convert.__name__ = getattr(parse, "__name__", "name")
    return convert


def fact_pair(text: str) -> tuple[str, str]:
    """An argparse type: ``NAME=VALUE``, checked once the vocabulary is known."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip() or not value.strip():
        msg = f"expected NAME=VALUE, such as a_fact=yes, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return name.strip(), value.strip()


def fact_value(fact: Fact, text: str) -> FactValue:
    """The value `text` gives `fact`, read as the command line writes it.

    Raises:
        UsageError: the text is no value of the fact's type.
    """
    kind = fact.type
    if kind is FactType.YES_NO:
        if text.lower() in _YES:
            return True
        if text.lower() in _NO:
            return False
        msg = f"fact {fact.name!r} expected yes or no, got {text!r}"
        raise UsageError(msg)
    if kind in (FactType.WHOLE_NUMBER, FactType.AMOUNT):
        try:
            number = int(text.replace(",", "").replace("_", "").lstrip("£"))
        except ValueError:
            msg = f"fact {fact.name!r} expected a whole number, got {text!r}"
            raise UsageError(msg) from None
        return _checked(fact, number)
    if kind is FactType.DATE:
        try:
            return date(text)
        except argparse.ArgumentTypeError as err:
            raise UsageError(f"fact {fact.name!r}: {err}") from None
    return _checked(fact, text)


def _checked(fact: Fact, value: object) -> FactValue:
    try:
        return fact.check(value, fact.name)
    except InvalidFieldError as err:  # an unknown name too: the values it takes are listed
        raise UsageError(f"fact {err}") from None


def activity(args: argparse.Namespace, vocabulary: Vocabulary) -> Activity:
    """The activity the arguments describe, its names checked against `vocabulary`."""
    facts: dict[Fact | str, object] = {}
    for name, text in args.fact:
        fact = vocabulary.fact(name, "--fact")
        value = fact_value(fact, text)
        if fact in facts and facts[fact] != value:
            msg = f"fact {fact.name!r} given twice, as {facts[fact]} and {value}"
            raise UsageError(msg)
        facts[fact] = value
    return Activity(vocabulary.kind(args.kind, "KIND"), facts, vocabulary=vocabulary)


def place_and_matter(
    args: argparse.Namespace, vocabulary: Vocabulary
) -> tuple[Jurisdiction, Matter | None]:
    """The place (``--in``) and matter (``--matter``) the arguments name, read in `vocabulary`.

    A name the vocabulary lacks is reported as argparse reports a bad argument,
    naming the option: the vocabulary is known only once the portfolio is read.
    """
    parser: argparse.ArgumentParser = args.parser
    try:
        place = vocabulary.jurisdiction(args.jurisdiction)
    except UnknownNameError as err:
        parser.error(f"argument --in: {err}")
    try:
        matter = None if args.matter is None else vocabulary.matter(args.matter)
    except UnknownNameError as err:
        parser.error(f"argument --matter: {err}")
    return place, matter


def person_name(text: str) -> str:
    """An argparse type: the name of a built-in person."""
    person_file(text)  # raises UnknownNameError for an unknown name, with the nearest
    return text


def portfolio(args: argparse.Namespace) -> Portfolio:
    """The portfolio the arguments name: a built-in person's, or a file's."""
    if args.person is not None:
        return person(args.person)
    return load_portfolio(args.portfolio, catalogue=catalogue())


def emit(out: TextIO, data: object) -> int:
    """Write `data` as JSON and succeed."""
    out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return 0


def add_question(parser: argparse.ArgumentParser) -> None:
    """The arguments of every question: the kind, whose portfolio, where, what matter, facts."""
    parser.add_argument(
        "kind", metavar="KIND", help="what kind of activity (see 'indemnity words')"
    )
    whose = parser.add_mutually_exclusive_group(required=True)
    whose.add_argument(
        "--person",
        metavar="NAME",
        type=named(person_name),
        help="a built-in example person: " + ", ".join(PEOPLE),
    )
    whose.add_argument(
        "--portfolio",
        metavar="FILE",
        type=file_argument,
        help="a portfolio file (.toml, .json, .yaml)",
    )
    parser.add_argument(
        "--in", dest="jurisdiction", metavar="PLACE", required=True, help="where the work was done"
    )
    parser.add_argument(
        "--matter",
        help="what kind of matter (default: the vocabulary's default matter)",
    )
    parser.add_argument(
        "--fact",
        metavar="NAME=VALUE",
        type=fact_pair,
        action="append",
        default=[],
        help="a known fact, repeatable: yes/no, a number, a date or a name"
        " ('indemnity words' lists the facts and the values each takes)",
    )
    parser.set_defaults(parser=parser)


def names_of(vocabulary: Vocabulary) -> dict[str, Sequence[str]]:
    """The names a question may use, for help and error texts."""
    return {
        "kinds": [k.name for k in vocabulary.kinds],
        "places": [j.name for j in vocabulary.jurisdictions],
        "matters": [m.name for m in vocabulary.matters],
        "facts": [f.name for f in vocabulary.facts],
    }
