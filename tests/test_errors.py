"""Tests for `indemnity.errors`: the error tree, its messages and its pickling."""

import copy
import datetime as dt
import pickle

import pytest

from indemnity import (
    AmbiguousDecisionError,
    DataError,
    FileFormatError,
    IndemnityError,
    InvalidFieldError,
    InvalidPeriodError,
    UnknownNameError,
)


class TestTree:
    """The errors form the tree drawn in the module docstring."""

    def test_indemnity_error_is_a_value_error(self):
        """Code that already catches ValueError catches every library error."""
        assert issubclass(IndemnityError, ValueError)

    @pytest.mark.parametrize(
        ("child", "parent"),
        [
            (InvalidFieldError, IndemnityError),
            (UnknownNameError, InvalidFieldError),
            (InvalidPeriodError, InvalidFieldError),
            (DataError, InvalidFieldError),
            (FileFormatError, DataError),
            (AmbiguousDecisionError, IndemnityError),
        ],
    )
    def test_each_error_has_its_parent(self, child, parent):
        """Each error subclasses the one the docstring draws above it."""
        assert issubclass(child, parent)

    def test_ambiguous_decision_is_not_a_field_error(self):
        """bool() of a decision is a misuse, not a bad field."""
        assert not issubclass(AmbiguousDecisionError, InvalidFieldError)

    def test_the_tree_is_drawn_in_the_docstring(self):
        """Every error class is named in the module docstring's tree."""
        import indemnity.errors

        doc = indemnity.errors.__doc__
        for cls in (
            IndemnityError,
            InvalidFieldError,
            UnknownNameError,
            InvalidPeriodError,
            DataError,
            FileFormatError,
            AmbiguousDecisionError,
        ):
            assert cls.__name__ in doc

    def test_caught_as_value_error(self):
        """A raised InvalidFieldError is caught by `except ValueError`."""
        with pytest.raises(ValueError, match="'f' expected"):
            raise InvalidFieldError("f", "a thing", 1)


class TestInvalidFieldErrorMessage:
    """The message names the field, what was expected and what was got."""

    def test_message_names_field_expected_and_got(self):
        """The message has the field quoted, the expectation, and the value as written."""
        err = InvalidFieldError("Period.end", "a date", "tomorrow")
        assert str(err) == "'Period.end' expected a date, got 'tomorrow'"

    def test_attributes_are_kept(self):
        """The parts of the message stay available as attributes for tools."""
        err = InvalidFieldError("Cover.limit", "a positive whole number", -1)
        assert (err.field, err.expected, err.got) == ("Cover.limit", "a positive whole number", -1)

    def test_detail_is_appended(self):
        """A detail follows the message after a colon."""
        err = InvalidFieldError("on", "a date", 3, detail="pass value.date() explicitly")
        assert str(err) == "'on' expected a date, got 3: pass value.date() explicitly"

    def test_long_values_are_truncated(self):
        """A long value is cut short with an ellipsis."""
        err = InvalidFieldError("Scheme.name", "a short name", "x" * 500)
        message = str(err)
        assert message.endswith("...")
        assert "(str)" not in message
        assert len(message) < 200

    def test_short_values_are_shown_whole(self):
        """A value that fits is shown whole, without an ellipsis."""
        err = InvalidFieldError("f", "a date", dt.date(2025, 1, 2))
        assert str(err).endswith("got 2025-01-02")
        assert "..." not in str(err)

    @pytest.mark.parametrize(
        ("got", "shown"),
        [
            ("text", "'text'"),
            ("\x1b[31m\ud800", "'\\x1b[31m\\ud800'"),
            (-5000, "-5000"),
            (1.5, "1.5"),
            (True, "true"),
            (None, "nothing"),
            (dt.date(2021, 1, 1), "2021-01-01"),
            (dt.datetime(2021, 1, 1, 10, 30), "2021-01-01 10:30:00"),
            (dt.time(10, 30), "10:30:00"),
            ([1, "a", None], "[1, 'a', nothing]"),
            ({"a": dt.date(2021, 1, 1)}, "{'a': 2021-01-01}"),
            (frozenset({2, 1}), "{1, 2}"),
            (b"\x00", "the bytes b'\\x00'"),
            (int, "the class int"),
            (object(), "an object"),
        ],
    )
    def test_values_are_shown_in_the_users_words(self, got, shown):
        """No Python constructor or type name: dates as dates, text quoted and escaped."""
        assert str(InvalidFieldError("f", "x", got)) == f"'f' expected x, got {shown}"


class TestUnknownNameError:
    """An unknown name lists the choices and suggests the closest."""

    def test_suggests_the_closest_name(self):
        """A near miss gets a 'did you mean' hint naming the closest choice."""
        err = UnknownNameError.for_choices("jurisdiction", "Englnd", ["england", "wales"])
        assert isinstance(err, UnknownNameError)
        assert str(err).endswith("; did you mean 'england'?")

    def test_lists_the_choices_sorted(self):
        """The expectation lists every choice, sorted, quoted."""
        err = UnknownNameError.for_choices("matter", "x", ["media", "complaint"])
        assert err.expected == "one of 'complaint', 'media'"
        assert str(err).startswith("'matter' expected one of 'complaint', 'media', got 'x'")

    def test_no_hint_when_nothing_is_close(self):
        """A name like none of the choices gets no hint."""
        err = UnknownNameError.for_choices("matter", "zzzzzz", ["media", "complaint"])
        assert "did you mean" not in str(err)

    def test_non_string_got_is_shown_as_written(self):
        """A value that is not a string is reported unquoted, so it reads apart from text."""
        err = UnknownNameError.for_choices("cover", 42, ["a", "b"])
        assert str(err).endswith("got 42")
        assert err.got == 42

    def test_is_raised_with_match(self):
        """Raised, the hint is part of what `match=` sees."""
        with pytest.raises(UnknownNameError, match=r"did you mean 'wales'\?"):
            raise UnknownNameError.for_choices("jurisdiction", "wles", ["england", "wales"])


class TestInvalidPeriodError:
    """A period ending on or before its start is reported with both bounds."""

    def test_end_before_start_message(self):
        """The message names the field and shows start and end."""
        err = InvalidPeriodError.end_before_start(
            "Period.end", dt.date(2025, 8, 1), dt.date(2025, 7, 1)
        )
        assert (
            str(err) == "'Period.end' must be after 'start' (got start=2025-08-01, end=2025-07-01)"
        )
        assert err.field == "Period.end"
        assert err.got == dt.date(2025, 7, 1)


class TestDataError:
    """A DataError names the path inside the data."""

    def test_missing_key(self):
        """A missing key says so, naming the path and what was expected."""
        err = DataError.missing("memberships[2].period", "a period such as '2024-01-01..'")
        assert str(err) == (
            "'memberships[2].period' expected a period such as '2024-01-01..', "
            "got nothing: the key is missing"
        )
        assert err.got is None

    def test_unknown_key(self):
        """An unknown key lists the allowed keys and suggests the closest."""
        err = DataError.unknown_key("cover.limt", "limt", ["limit", "name"])
        assert str(err) == (
            "'cover.limt' is not a known key: expected one of the keys 'limit', 'name'; "
            "did you mean 'limit'?"
        )

    def test_at_keeps_the_words(self):
        """A model error re-raised at a path keeps its words but names the path."""
        inner = InvalidFieldError("Period.end", "a date", "x")
        err = DataError.at("memberships[0].period.end", inner)
        assert str(err) == "'memberships[0].period.end' expected a date, got 'x'"
        assert (err.field, err.expected, err.got) == ("memberships[0].period.end", "a date", "x")


class TestFileFormatError:
    """A FileFormatError starts with the file's name, then names the path inside it."""

    def test_in_file_keeps_the_words(self):
        """An error found in a file's data is prefixed with the file's name, nothing else."""
        inner = DataError.at(
            "portfolio.memberships[2].period.end", InvalidFieldError("x", "a date", 3)
        )
        err = FileFormatError.in_file("people.toml", inner)
        assert str(err) == (
            "people.toml: 'portfolio.memberships[2].period.end' expected a date, got 3"
        )
        assert (err.file, err.field, err.expected, err.got) == (
            "people.toml",
            "portfolio.memberships[2].period.end",
            "a date",
            3,
        )

    def test_unreadable_file(self):
        """A file that does not parse says what it is not and why, with no path."""
        err = FileFormatError.unreadable("bad.json", "valid JSON", "Expecting value (line 2)")
        assert str(err) == "bad.json: not valid JSON: Expecting value (line 2)"
        assert (err.file, err.field, err.expected) == ("bad.json", "", "valid JSON")

    def test_a_limit_says_what_was_found_in_words(self):
        """A file past a limit says what the limit is and what was found, unquoted."""
        err = FileFormatError.beyond("big.json", "a file of at most 5 bytes", "a larger one")
        assert str(err) == "big.json: expected a file of at most 5 bytes, got a larger one"
        assert (err.file, err.field, err.expected) == ("big.json", "", "a file of at most 5 bytes")

    def test_whole_file_at_fault_quotes_no_path(self):
        """With an empty field the message names the file but no empty path."""
        err = FileFormatError("", "a scheme document", "x", file="a.toml")
        assert str(err) == "a.toml: expected a scheme document, got 'x'"

    def test_field_is_quoted_after_the_file(self):
        """With a field the message reads as a field error, after the file's name."""
        err = FileFormatError("kind", "a scheme document", "portfolio", file="a.toml")
        assert str(err) == "a.toml: 'kind' expected a scheme document, got 'portfolio'"


class TestAmbiguousDecisionError:
    """AmbiguousDecisionError carries the message it is given."""

    def test_message(self):
        """The message is kept as given."""
        assert str(AmbiguousDecisionError("no truth value")) == "no truth value"


class TestPickling:
    """Errors survive pickling (as they must to cross process boundaries)."""

    @pytest.mark.parametrize(
        "err",
        [
            InvalidFieldError("Period.start", "a date", "x"),
            InvalidFieldError("on", "a date (not a datetime)", 1, detail="pass value.date()"),
            UnknownNameError.for_choices("jurisdiction", "Englnd", ["england", "wales"]),
            InvalidPeriodError.end_before_start(
                "Period.end", dt.date(2025, 8, 1), dt.date(2025, 7, 1)
            ),
            DataError.unknown_key("cover.limt", "limt", ["limit"]),
            FileFormatError.unreadable("bad.json", "valid JSON", "no"),
        ],
        ids=["plain", "detail", "unknown-name", "period", "data", "file"],
    )
    def test_field_errors_round_trip(self, err):
        """Type, message and every attribute come back unchanged."""
        back = pickle.loads(pickle.dumps(err))  # noqa: S301 - our own bytes
        assert type(back) is type(err)
        assert str(back) == str(err)
        assert (back.field, back.expected, back.got) == (err.field, err.expected, err.got)

    def test_file_is_kept(self):
        """A FileFormatError keeps the file it names across pickling."""
        err = FileFormatError("kind", "a scheme document", "portfolio", file="a.toml")
        back = pickle.loads(pickle.dumps(err))  # noqa: S301 - our own bytes
        assert (back.file, str(back)) == ("a.toml", str(err))

    def test_copy_round_trips(self):
        """copy.copy uses the same reduction and keeps the message."""
        err = UnknownNameError.for_choices("matter", "compliant", ["complaint"])
        assert str(copy.copy(err)) == str(err)

    @pytest.mark.parametrize("cls", [IndemnityError, AmbiguousDecisionError])
    def test_plain_errors_round_trip(self, cls):
        """The errors without fields pickle as ordinary exceptions."""
        back = pickle.loads(pickle.dumps(cls("boom")))  # noqa: S301 - our own bytes
        assert type(back) is cls
        assert str(back) == "boom"
