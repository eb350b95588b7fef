"""Tests for `indemnity.model.question`: one coverage question, validated once at the door."""

import datetime as dt
import json
import pickle

import attrs
import pytest

from indemnity import (
    Activity,
    ActivityKind,
    InvalidFieldError,
    Jurisdiction,
    Matter,
    Question,
    Situation,
    UnknownNameError,
    Vocabulary,
    from_data,
    to_data,
    uk,
)
from indemnity.model.question import _QuestionSlots, new_question
from tests.builders import ON

D = dt.date
WORK = Activity.of("private-practice", declared=True, field="obstetrics")


def refused(call, *args, error=InvalidFieldError, **kwargs):
    """The error `call` raises, checked to be exactly of type `error`."""
    with pytest.raises(InvalidFieldError) as caught:
        call(*args, **kwargs)
    assert type(caught.value) is error
    return caught.value


class TestAsk:
    """Question.ask() validates and canonicalises each part."""

    def test_defaults(self, words):
        """The matter defaults to a clinical negligence claim, the claim date to unknown."""
        q = Question.ask(WORK, ON, "england")
        assert q.matter is words.matter("clinical-negligence")
        assert q.matter is words.default_matter
        assert q.claimed_on is None

    def test_names_are_parsed(self, words):
        """Jurisdiction and matter may be given by loose names and abbreviations."""
        q = Question.ask(WORK, ON, "NI", matter="Fatal Accident Inquiry")
        assert isinstance(q.jurisdiction, Jurisdiction)
        assert isinstance(q.matter, Matter)
        assert q.jurisdiction is words.jurisdiction("northern-ireland")
        assert q.matter is words.matter("fatal-accident-inquiry")

    def test_terms_pass_through(self, words):
        """Terms and typed names are taken as they are."""
        wales, complaint = words.jurisdiction("wales"), words.matter("complaint")
        q = Question.ask(WORK, ON, wales, matter=uk.MatterName.COMPLAINT, claimed_on=ON)
        assert (q.activity, q.on, q.jurisdiction, q.matter, q.claimed_on) == (
            WORK,
            ON,
            "wales",
            "complaint",
            ON,
        )
        assert q.jurisdiction is wales
        assert q.matter is complaint

    def test_claim_on_incident_day(self):
        """A claim made on the day of the incident is allowed."""
        assert Question.ask(WORK, ON, "england", claimed_on=ON).claimed_on == ON

    def test_equal_questions(self):
        """Questions asked in different spellings are equal and hash alike."""
        a = Question.ask(WORK, ON, "northern ireland", matter="complaint")
        b = Question.ask(WORK, ON, "northern-ireland", matter="complaint")
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
        err = refused(Question.ask, activity, ON, "england")
        assert (err.field, err.expected, err.got) == ("activity", "an Activity", activity)

    def test_datetime_incident(self):
        """A datetime incident date is refused, with the hint to call .date()."""
        moment = dt.datetime(2025, 3, 10, 9, 30)
        err = refused(Question.ask, WORK, moment, "england")
        assert (err.field, err.expected, err.got) == ("on", "a date (not a datetime)", moment)
        assert "pass value.date() explicitly" in str(err)

    @pytest.mark.parametrize("on", ["2025-03-10", None, 20250310])
    def test_non_date_incident(self, on):
        """An incident date that is no date is refused with its type."""
        err = refused(Question.ask, WORK, on, "england")
        assert (err.field, err.expected, err.got) == ("on", "a date", on)

    def test_datetime_claim(self):
        """A datetime claim date is refused."""
        err = refused(Question.ask, WORK, ON, "england", claimed_on=dt.datetime(2026, 1, 1))
        assert (err.field, err.expected) == ("claimed_on", "a date (not a datetime)")

    def test_non_date_claim(self):
        """A claim date given as text is refused."""
        err = refused(Question.ask, WORK, ON, "england", claimed_on="2026-01-01")
        assert (err.field, err.expected, err.got) == ("claimed_on", "a date", "2026-01-01")

    def test_claim_before_incident(self):
        """A claim dated before its incident is refused, naming the incident date."""
        err = refused(Question.ask, WORK, ON, "england", claimed_on=D(2025, 3, 9))
        assert (err.field, err.expected, err.got) == (
            "claimed_on",
            "a date on or after the incident date 2025-03-10",
            D(2025, 3, 9),
        )

    def test_unknown_jurisdiction(self):
        """An unknown jurisdiction is refused with a suggestion."""
        err = refused(Question.ask, WORK, ON, "Scotand", error=UnknownNameError)
        assert (err.field, err.got) == ("jurisdiction", "Scotand")
        assert "'scotland'" in err.expected
        assert str(err).endswith("did you mean 'scotland'?")

    def test_unknown_matter(self):
        """An unknown matter is refused with a suggestion."""
        err = refused(Question.ask, WORK, ON, "england", matter="inqest", error=UnknownNameError)
        assert (err.field, err.got) == ("matter", "inqest")
        assert "'inquest'" in err.expected
        assert str(err).endswith("did you mean 'inquest'?")

    def test_jurisdiction_of_wrong_type(self):
        """A jurisdiction that is no name is refused with its type."""
        err = refused(Question.ask, WORK, ON, None)
        assert (err.field, err.expected, err.got) == ("jurisdiction", "a jurisdiction name", None)

    def test_matter_of_wrong_type(self):
        """A matter that is no name is refused with its type."""
        err = refused(Question.ask, WORK, ON, "england", matter=3)
        assert (err.field, err.expected, err.got) == ("matter", "a matter name", 3)


class TestVocabulary:
    """A question is checked against the vocabulary of whoever is asked."""

    def test_no_default_matter(self, words):
        """Without a matter, a vocabulary that names no default refuses the question."""
        bare = Vocabulary(
            "bare",
            facts=words.facts,
            value_sets=words.value_sets,
            kinds=words.kinds,
            matters=words.matters,
            jurisdictions=words.jurisdictions,
        )
        err = refused(Question.ask, WORK, ON, "england", vocabulary=bare)
        assert (err.field, err.expected, err.got) == (
            "matter",
            "a matter (the vocabulary 'bare' names no default)",
            None,
        )
        assert Question.ask(WORK, ON, "england", matter="inquest", vocabulary=bare).matter == (
            "inquest"
        )

    def test_activity_is_checked_against_it(self, words):
        """The activity is re-checked by the vocabulary asked, which may refuse its words."""
        wider = words | Vocabulary("more", kinds=(ActivityKind("house-call"),))
        q = Question.ask(WORK, ON, "england", vocabulary=wider)
        assert q.activity == WORK
        assert q.activity.vocabulary is wider
        no_kinds = Vocabulary("no-kinds", matters=words.matters, jurisdictions=words.jurisdictions)
        with pytest.raises(UnknownNameError) as caught:
            Question.ask(WORK, ON, "england", matter="inquest", vocabulary=no_kinds)
        assert caught.value.field == "Activity.kind"


class TestSituation:
    """A question is a date-free situation plus the dates."""

    def test_parts(self):
        """The activity, jurisdiction and matter of a question are its situation's."""
        q = Question.ask(WORK, ON, "wales", matter="inquest")
        assert q.situation == Situation.ask(WORK, "wales", matter="inquest")
        assert (q.activity, q.jurisdiction, q.matter) == (
            q.situation.activity,
            q.situation.jurisdiction,
            q.situation.matter,
        )

    def test_same_situation_on_other_dates(self):
        """at() asks the same situation on other dates."""
        q = Question.ask(WORK, ON, "england")
        later = q.at(D(2026, 1, 1), claimed_on=D(2027, 1, 1))
        assert later.situation is q.situation
        assert (later.on, later.claimed_on) == (D(2026, 1, 1), D(2027, 1, 1))

    def test_refuses_what_question_refuses(self):
        """Situation.ask checks the activity and the names as Question.ask does."""
        assert refused(Situation.ask, "private-practice", "england").field == "activity"
        err = refused(Situation.ask, WORK, "Scotand", error=UnknownNameError)
        assert err.field == "jurisdiction"

    def test_describe(self):
        """A situation reads without a date."""
        assert Situation.ask(WORK, "england").describe() == (
            "clinical negligence claim from private-practice in England"
        )


class TestData:
    """to_data() of a question is JSON-ready, uses names, and reads back."""

    def test_contents(self):
        """Every part appears, dates in ISO form, names as they are declared."""
        q = Question.ask(
            WORK,
            ON,
            "isle of man",
            matter="complaint",
            claimed_on=D(2026, 1, 1),
            notified_on=D(2025, 12, 1),
        )
        assert to_data(q) == {
            "activity": {
                "kind": "private-practice",
                "facts": {"field": "obstetrics", "declared": True},
                "description": "",
            },
            "on": "2025-03-10",
            "jurisdiction": "isle-of-man",
            "matter": "complaint",
            "claimed_on": "2026-01-01",
            "notified_on": "2025-12-01",
        }

    def test_json_ready(self):
        """The data goes through json.dumps and back unchanged."""
        data = to_data(Question.ask(WORK, ON, "england"))
        assert data["claimed_on"] is None
        assert json.loads(json.dumps(data)) == data

    def test_reads_back(self):
        """from_data reads the data back as an equal question."""
        q = Question.ask(
            WORK, ON, "isle of man", matter="complaint", claimed_on=D(2026, 1, 1), notified_on=ON
        )
        assert from_data(Question, to_data(q)) == q

    def test_description_travels_with_the_activity(self):
        """The activity's description is written with it (one shape), but equality ignores it."""
        described = Activity.of("private-practice", description="Tuesday list")
        q = Question.ask(described, ON, "england")
        assert to_data(q)["activity"]["description"] == "Tuesday list"
        assert q == Question.ask(Activity.of("private-practice"), ON, "england")


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


class TestNewQuestion:
    """`new_question`, the hot path's builder, gives the very `Question` the class builds."""

    def test_it_is_a_question_equal_to_the_plain_one(self):
        """Same type, equal, same hash, pickles, frozen."""
        situation = Situation.ask(WORK, "england")
        made, plain = new_question(situation, ON), Question(situation, ON)
        assert type(made) is Question
        assert made == plain
        assert hash(made) == hash(plain)
        assert repr(made) == repr(plain)
        assert pickle.loads(pickle.dumps(made)) == plain  # noqa: S301 - our own bytes
        assert (made.claimed_on, made.notified_on) == (None, None)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            made.on = ON  # type: ignore[misc]

    def test_the_class_keeps_its_fields_in_the_slots_it_shares(self):
        """`Question` adds no slot of its own: else its builder could not become one."""
        assert Question.__dict__["__slots__"] == ()
        fields = {f.name for f in attrs.fields(Question)}
        assert set(_QuestionSlots.__slots__) == fields | {"__weakref__"}
