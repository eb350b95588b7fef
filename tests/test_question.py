"""Tests for `indemnity.question`: one coverage question, validated once at the door."""

import datetime as dt
import json
import pickle

import pytest

from indemnity import (
    Activity,
    InvalidFieldError,
    Jurisdiction,
    Matter,
    Question,
    UnknownNameError,
)

D = dt.date
ON = D(2025, 3, 10)
WORK = Activity.of("private-practice", declared=True, field="obstetrics")


class TestAsk:
    """Question.ask() validates and canonicalises each part."""

    def test_defaults(self):
        """The matter defaults to a clinical negligence claim, the claim date to unknown."""
        q = Question.ask(WORK, ON, "england")
        assert q.matter is Matter.CLINICAL_NEGLIGENCE
        assert q.claimed_on is None

    def test_names_are_parsed(self):
        """Jurisdiction and matter may be given by loose names and abbreviations."""
        q = Question.ask(WORK, ON, "NI", matter="Fatal Accident Inquiry")
        assert q.jurisdiction is Jurisdiction.NORTHERN_IRELAND
        assert q.matter is Matter.FATAL_ACCIDENT_INQUIRY

    def test_members_pass_through(self):
        """Members are taken as they are."""
        q = Question.ask(WORK, ON, Jurisdiction.WALES, matter=Matter.COMPLAINT, claimed_on=ON)
        assert (q.activity, q.on, q.jurisdiction, q.matter, q.claimed_on) == (
            WORK,
            ON,
            Jurisdiction.WALES,
            Matter.COMPLAINT,
            ON,
        )

    def test_claim_on_incident_day(self):
        """A claim made on the day of the incident is allowed."""
        assert Question.ask(WORK, ON, "england", claimed_on=ON).claimed_on == ON

    def test_equal_questions(self):
        """Questions asked in different spellings are equal and hash alike."""
        a = Question.ask(WORK, ON, "northern ireland", matter="complaint")
        b = Question.ask(WORK, ON, Jurisdiction.NORTHERN_IRELAND, matter=Matter.COMPLAINT)
        assert a == b
        assert hash(a) == hash(b)

    def test_pickles(self):
        """A question survives pickling."""
        q = Question.ask(WORK, ON, "england", claimed_on=D(2026, 1, 1))
        assert pickle.loads(pickle.dumps(q)) == q  # noqa: S301 - our own bytes

    def test_frozen(self):
        """A question cannot be changed."""
        q = Question.ask(WORK, ON, "england")
        with pytest.raises(AttributeError):
            q.on = D(2020, 1, 1)  # type: ignore[misc]


class TestRefused:
    """Bad parts are refused naming the part, the expectation and the value."""

    @pytest.mark.parametrize("activity", ["private-practice", None, {"kind": "private-practice"}])
    def test_activity(self, activity):
        """The activity must be an Activity."""
        with pytest.raises(
            InvalidFieldError,
            match=rf"^'activity' expected an Activity, got .* \({type(activity).__name__}\)$",
        ):
            Question.ask(activity, ON, "england")

    def test_datetime_incident(self):
        """A datetime incident date is refused, with the hint to call .date()."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'on' expected a date \(not a datetime\), "
            r"got datetime\.datetime\(2025, 3, 10, 9, 30\) \(datetime\): "
            r"pass value\.date\(\) explicitly$",
        ):
            Question.ask(WORK, dt.datetime(2025, 3, 10, 9, 30), "england")

    @pytest.mark.parametrize("on", ["2025-03-10", None, 20250310])
    def test_non_date_incident(self, on):
        """An incident date that is no date is refused with its type."""
        with pytest.raises(
            InvalidFieldError, match=rf"^'on' expected a date, got .* \({type(on).__name__}\)$"
        ):
            Question.ask(WORK, on, "england")

    def test_datetime_claim(self):
        """A datetime claim date is refused."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'claimed_on' expected a date \(not a datetime\), got datetime\.datetime",
        ):
            Question.ask(WORK, ON, "england", claimed_on=dt.datetime(2026, 1, 1))

    def test_non_date_claim(self):
        """A claim date given as text is refused."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'claimed_on' expected a date, got '2026-01-01' \(str\)$",
        ):
            Question.ask(WORK, ON, "england", claimed_on="2026-01-01")

    def test_claim_before_incident(self):
        """A claim dated before its incident is refused, naming the incident date."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'claimed_on' expected a date on or after the incident date 2025-03-10, "
            r"got datetime\.date\(2025, 3, 9\) \(date\)$",
        ):
            Question.ask(WORK, ON, "england", claimed_on=D(2025, 3, 9))

    def test_unknown_jurisdiction(self):
        """An unknown jurisdiction is refused with a suggestion."""
        with pytest.raises(
            UnknownNameError,
            match=r"^'jurisdiction' expected one of .* got 'Scotand' \(str\); "
            r"did you mean 'scotland'\?$",
        ):
            Question.ask(WORK, ON, "Scotand")

    def test_unknown_matter(self):
        """An unknown matter is refused with a suggestion."""
        with pytest.raises(
            UnknownNameError,
            match=r"^'matter' expected one of .* got 'inqest' \(str\); did you mean 'inquest'\?$",
        ):
            Question.ask(WORK, ON, "england", matter="inqest")

    def test_jurisdiction_of_wrong_type(self):
        """A jurisdiction that is no name is refused with its type."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'jurisdiction' expected a Jurisdiction or its name, got None \(NoneType\)$",
        ):
            Question.ask(WORK, ON, None)


class TestToDict:
    """to_dict() is JSON-ready and uses names."""

    def test_contents(self):
        """Every part appears, dates in ISO form, names as their values."""
        q = Question.ask(WORK, ON, "isle of man", matter="complaint", claimed_on=D(2026, 1, 1))
        assert q.to_dict() == {
            "activity": {
                "kind": "private-practice",
                "facts": {"field": "obstetrics", "declared": True},
            },
            "on": "2025-03-10",
            "jurisdiction": "isle-of-man",
            "matter": "complaint",
            "claimed_on": "2026-01-01",
        }

    def test_json_ready(self):
        """The dict goes through json.dumps and back unchanged."""
        as_dict = Question.ask(WORK, ON, "england").to_dict()
        assert as_dict["claimed_on"] is None
        assert json.loads(json.dumps(as_dict)) == as_dict

    def test_description_left_out(self):
        """The activity's free-text description is not part of the question's data."""
        described = Activity.of("private-practice", description="Tuesday list")
        assert "Tuesday list" not in json.dumps(Question.ask(described, ON, "england").to_dict())


class TestDescribe:
    """describe() reads the question in one line."""

    def test_without_claim(self):
        """Matter, kind, date and jurisdiction label."""
        q = Question.ask(WORK, ON, "northern-ireland")
        assert q.describe() == (
            "clinical negligence claim from private-practice on 2025-03-10 in Northern Ireland"
        )

    def test_with_claim(self):
        """A known claim date is added."""
        q = Question.ask(WORK, ON, "england", matter="regulatory", claimed_on=D(2026, 1, 1))
        assert q.describe() == (
            "GMC / regulatory investigation from private-practice on 2025-03-10 in England, "
            "claimed on 2026-01-01"
        )
