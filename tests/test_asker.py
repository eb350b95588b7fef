"""Tests for prepared questions (`CompiledPortfolio.asker`) and remembered input.

The property tests in tests/test_properties.py check that an asker and the
compiled `is_covered` answer exactly as the plain path does; these check that
remembering input never lets a bad value through.
"""

from __future__ import annotations

import collections
import datetime as dt
import pickle

import pytest

from indemnity import (
    Activity,
    Asker,
    CompiledPortfolio,
    InvalidFieldError,
    Outcome,
    Portfolio,
    Prepared,
    UnknownNameError,
    uk,
)

ON = dt.date(2026, 3, 1)
LAYOUT = ("field", "procedure", "overall_charge", "declared", "nhs_patient")


@pytest.fixture(scope="module")
def trainee() -> CompiledPortfolio:
    memberships = uk.trainee_memberships(
        dt.date(2025, 8, 6), dt.date(2028, 2, 2), private_practice=True
    )
    return CompiledPortfolio(Portfolio(memberships))


@pytest.fixture
def ask(trainee: CompiledPortfolio) -> Asker:
    return trainee.asker("private-practice", facts=LAYOUT, jurisdiction="england")


class TestRememberedInput:
    """`Activity.of` gives back the same activity for the same input, and checks new input."""

    def test_the_same_input_gives_the_same_activity(self):
        one = Activity.of("private-practice", field="dermatology", declared=True)
        assert Activity.of("private-practice", field="dermatology", declared=True) is one

    def test_true_never_stands_for_one(self):
        Activity.of("private-practice", declared=True)
        with pytest.raises(InvalidFieldError, match="declared"):
            Activity.of("private-practice", declared=1)

    def test_one_never_stands_for_true(self):
        with pytest.raises(InvalidFieldError, match="declared"):
            Activity.of("private-practice", declared=1)
        assert Activity.of("private-practice", declared=True).get("declared") is True

    def test_a_float_never_stands_for_a_whole_amount(self):
        """1.0 == 1 and hashes alike, but an amount is whole: it is checked, and refused."""
        assert Activity.of("private-practice", private_earnings=1).get("private_earnings") == 1
        with pytest.raises(InvalidFieldError, match="private_earnings"):
            Activity.of("private-practice", private_earnings=1.0)
        with pytest.raises(InvalidFieldError, match="private_earnings"):
            Activity.of("private-practice", private_earnings=True)

    def test_a_value_remembered_keeps_its_own_type(self):
        """Equal input of another type is never given the activity of the first."""
        flag = Activity.of("private-practice", declared=False)
        with pytest.raises(InvalidFieldError, match="declared"):
            Activity.of("private-practice", declared=0)
        assert Activity.of("private-practice", declared=False) is flag
        assert type(flag.get("declared")) is bool

    def test_an_unhashable_value_is_refused_with_the_librarys_error(self):
        with pytest.raises(InvalidFieldError, match="field"):
            Activity.of("private-practice", field=["dermatology"])

    def test_a_description_is_kept_per_input(self):
        plain = Activity.of("good-samaritan")
        told = Activity.of("good-samaritan", "at a road accident")
        assert told.description == "at a road accident"
        assert plain.description == ""
        assert plain == told

    def test_a_fee_remembered_for_one_pound_is_not_given_for_true(self):
        assert uk.private_practice_fee(1).annual_fee == 0
        with pytest.raises(InvalidFieldError, match="gross_annual_earnings"):
            uk.private_practice_fee(True)
        assert uk.private_practice_fee(1, on=ON) is uk.private_practice_fee(1, on=ON)
        with pytest.raises(InvalidFieldError, match="datetime"):
            uk.private_practice_fee(1, on=dt.datetime(2026, 3, 1, 9))  # type: ignore[arg-type]

    def test_a_fee_remembered_is_given_only_for_a_whole_number(self):
        fee = uk.private_practice_fee(10_001)
        assert uk.private_practice_fee(10_001) is fee
        assert fee.annual_fee == 1100
        for bad in (10_001.0, "10001", -1):
            with pytest.raises(InvalidFieldError, match="gross_annual_earnings"):
                uk.private_practice_fee(bad)  # type: ignore[arg-type]
        assert uk.private_practice_fee(10_001, on=ON) == fee


class TestCompiledIsCovered:
    """The compiled `is_covered` checks what the plain one checks."""

    def test_a_datetime_is_refused(self, trainee):
        activity = Activity.of("good-samaritan")
        with pytest.raises(InvalidFieldError, match="datetime"):
            trainee.is_covered(activity, dt.datetime(2026, 3, 1, 12), "england")

    def test_an_unknown_place_is_refused(self, trainee):
        with pytest.raises(UnknownNameError, match="jurisdiction"):
            trainee.is_covered(Activity.of("good-samaritan"), ON, "atlantis")

    def test_an_unhashable_place_is_refused(self, trainee):
        with pytest.raises((InvalidFieldError, UnknownNameError), match="jurisdiction"):
            trainee.is_covered(Activity.of("good-samaritan"), ON, ["england"])  # type: ignore[arg-type]

    def test_a_non_activity_is_refused(self, trainee):
        with pytest.raises(InvalidFieldError, match="activity"):
            trainee.is_covered("good-samaritan", ON, "england")  # type: ignore[arg-type]


class TestAsker:
    """A prepared question: checked once at the door, the same answers as `is_covered`."""

    def test_answers_as_is_covered(self, trainee, ask):
        for values in [
            ("dermatology", None, False, True, False),
            ("ophthalmology", None, False, True, False),
            ("cosmetic-aesthetic-medicine", "botox", False, True, False),
            ("dermatology", None, True, True, False),
            ("dermatology", None, False, None, False),
        ]:
            activity = Activity.of("private-practice", **dict(zip(LAYOUT, values, strict=True)))
            plain = trainee.portfolio.is_covered(activity, ON, "england")
            answer = ask(values, ON)
            assert (answer.outcome, answer.grounds, answer.missing) == (
                plain.outcome,
                plain.grounds,
                plain.missing,
            )
            assert answer.reasons == plain.reasons
            assert answer.decide(ON) == plain

    def test_one_answer_per_segment_of_dates(self, ask):
        values = ("dermatology", None, False, True, False)
        first = ask(values, ON)
        assert isinstance(first, Prepared)
        assert ask(values, ON + dt.timedelta(days=1)) is first
        before = ask(values, dt.date(2025, 1, 1))
        assert before is not first
        assert before.outcome is Outcome.NOT_COVERED

    def test_true_never_stands_for_one(self, ask):
        assert ask(("dermatology", None, False, True, False), ON).covered
        with pytest.raises(InvalidFieldError, match="declared"):
            ask(("dermatology", None, False, 1, False), ON)
        with pytest.raises(InvalidFieldError, match="overall_charge"):
            ask(("dermatology", None, 0, True, False), ON)

    def test_an_amount_enters_the_key_with_its_type(self, trainee):
        ask = trainee.asker(
            "private-practice",
            facts=("field", "declared", "private_earnings"),
            jurisdiction="england",
        )
        assert ask(("dermatology", True, 1), ON).outcome is not None
        with pytest.raises(InvalidFieldError, match="private_earnings"):
            ask(("dermatology", True, True), ON)
        with pytest.raises(InvalidFieldError, match="private_earnings"):
            ask(("dermatology", True, 1.0), ON)
        with pytest.raises(InvalidFieldError, match="declared"):
            ask(("dermatology", 1.0, 1), ON)

    def test_a_remembered_answer_is_not_given_for_a_look_alike(self, ask):
        """Values equal to remembered ones but of another type are checked, and refused."""
        values = ("dermatology", None, False, True, False)
        assert ask(values, ON).covered
        for flag in (1, 1.0, 0):
            with pytest.raises(InvalidFieldError, match="declared"):
                ask(("dermatology", None, False, flag, False), ON)
        with pytest.raises(InvalidFieldError, match="datetime"):
            ask(values, dt.datetime(ON.year, ON.month, ON.day))

    def test_any_sequence_of_the_values_finds_the_same_answer(self, ask):
        """A list or a named tuple of remembered values gives the tuple's answer."""
        values = ("dermatology", None, False, True, False)
        first = ask(values, ON)
        assert ask(list(values), ON) is first
        row = collections.namedtuple("row", LAYOUT)(*values)
        assert ask(row, ON) is first

    def test_too_many_values_are_refused_after_the_right_number_was_seen(self, ask):
        """A longer tuple starting with remembered values names the layout."""
        values = ("dermatology", None, False, True, False)
        ask(values, ON)
        with pytest.raises(InvalidFieldError, match="5 values, one for each of field"):
            ask((*values, True), ON)

    def test_a_layout_without_facts_is_asked_with_an_empty_tuple(self, trainee):
        """An asker of no facts takes (), and refuses anything longer."""
        ask = trainee.asker("good-samaritan", facts=(), jurisdiction="england")
        assert isinstance(ask, Asker)
        assert ask((), ON) is ask((), ON)
        with pytest.raises(InvalidFieldError, match="0 values"):
            ask((True,), ON)

    def test_a_date_subclass_is_answered_as_its_date(self, ask):
        """A subclass of date (not a datetime) is the calendar day it holds."""

        class Day(dt.date):
            pass

        values = ("dermatology", None, False, True, False)
        assert ask(values, Day(ON.year, ON.month, ON.day)) is ask(values, ON)

    def test_its_bound_call_gives_the_same_answers_and_refusals(self, ask):
        """`Asker.ask` is the asker's own call: the same objects back, the same errors."""
        bound = ask.ask
        assert bound.__self__ is ask
        for values in [
            ("dermatology", None, False, True, False),
            ("ophthalmology", None, False, True, False),
            ("dermatology", None, False, None, False),
        ]:
            assert bound(values, ON) is ask(values, ON)
        with pytest.raises(InvalidFieldError, match="declared"):
            bound(("dermatology", None, False, 1, False), ON)
        with pytest.raises(InvalidFieldError, match="on"):
            bound(("dermatology", None, False, True, False), "2026-03-01")  # type: ignore[arg-type]

    def test_an_asker_pickles_as_its_question(self, ask):
        """An unpickled asker asks the same question of an equal portfolio, and answers alike."""
        values = ("ophthalmology", None, False, True, False)
        again = pickle.loads(pickle.dumps(ask))  # noqa: S301 - our own bytes
        assert isinstance(again, Asker)
        assert repr(again) == repr(ask)
        assert again(values, ON).reasons == ask(values, ON).reasons

    def test_a_bad_choice_is_refused_with_a_suggestion(self, ask):
        with pytest.raises(UnknownNameError, match="dermatology"):
            ask(("dermatolgy", None, False, True, False), ON)

    def test_the_number_of_values_must_match_the_layout(self, ask):
        with pytest.raises(InvalidFieldError, match="5 values, one for each of field"):
            ask(("dermatology", None, False), ON)

    def test_values_must_be_a_sequence(self, ask):
        with pytest.raises(InvalidFieldError, match="values"):
            ask("dermatology", ON)  # type: ignore[arg-type]

    def test_unhashable_values_are_checked_the_long_way(self, ask):
        with pytest.raises(InvalidFieldError, match="field"):
            ask((["dermatology"], None, False, True, False), ON)
        answer = ask(["dermatology", None, False, True, False], ON)
        assert answer.covered

    def test_the_date_is_checked(self, ask):
        with pytest.raises(InvalidFieldError, match="datetime"):
            ask(("dermatology", None, False, True, False), dt.datetime(2026, 3, 1, 9))
        with pytest.raises(InvalidFieldError, match="a date"):
            ask(("dermatology", None, False, True, False), "2026-03-01")  # type: ignore[arg-type]

    def test_the_layout_is_checked_when_prepared(self, trainee):
        with pytest.raises(UnknownNameError, match="fieldd"):
            trainee.asker("private-practice", facts=("fieldd",), jurisdiction="england")
        with pytest.raises(InvalidFieldError, match="each fact named once"):
            trainee.asker("private-practice", facts=("field", "field"), jurisdiction="england")
        with pytest.raises(InvalidFieldError, match="facts"):
            trainee.asker("private-practice", facts="field", jurisdiction="england")
        with pytest.raises(UnknownNameError, match="jurisdiction"):
            trainee.asker("private-practice", facts=LAYOUT, jurisdiction="atlantis")
        with pytest.raises(UnknownNameError, match="kind"):
            trainee.asker("private-practise", facts=LAYOUT, jurisdiction="england")

    def test_an_undetermined_answer_says_what_settles_it(self, ask):
        answer = ask(("dermatology", None, False, None, False), ON)
        assert answer.outcome is Outcome.UNDETERMINED
        assert {f.name for f in answer.missing} == {"declared"}
        assert answer.next_question is not None
        assert answer.next_question.fact.name == "declared"

    def test_asker_and_answers_are_immutable(self, ask):
        answer = ask(("dermatology", None, False, True, False), ON)
        with pytest.raises(AttributeError):
            answer.outcome = Outcome.NOT_COVERED  # type: ignore[misc]
        with pytest.raises(AttributeError):
            ask.kind = None  # type: ignore[assignment,misc]
        assert "private-practice" in repr(ask)
        assert "covered" in repr(answer)
