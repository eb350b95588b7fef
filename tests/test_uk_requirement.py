"""The legal requirement to hold indemnity (SI 2014/1887), per activity."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from indemnity import (
    Activity,
    AmbiguousDecisionError,
    InvalidFieldError,
    MembershipPeriod,
    Outcome,
    Period,
    Portfolio,
    to_data,
    uk,
)
from indemnity.uk import Compliance

D = dt.date
DAY = D(2024, 11, 5)
NONE = Portfolio()
WARD = Activity.of("nhs-contracted-care", engaged_by="nhs-body", description="ward work")
ROADSIDE = Activity.of("good-samaritan", description="road traffic accident")
CLINIC = Activity.of("private-practice", nhs_patient=False, description="private clinic")


def _mdo(key: str = "medical-protection") -> Portfolio:
    return Portfolio((MembershipPeriod(uk.scheme(key), Period(D(2020, 1, 1))),))


class TestPerActivity:
    """Each activity is met, not met, undetermined or not required."""

    def test_nhs_only_work_is_met_through_the_employers_scheme(self):
        """NHS contracted work meets it with no MDO: the employer's scheme."""
        check = uk.check_legal_requirement(NONE, WARD, DAY, "england").checks[0]
        assert check.compliance is Compliance.MET
        assert [g.scheme for g in check.met_by if g.scheme] == ["cnst"]
        assert "no legal obligation" in check.source.quote

    def test_a_good_samaritan_act_is_outside_the_requirement(self):
        """The law asks cover only for care in employment or self-employment."""
        check = uk.check_legal_requirement(NONE, ROADSIDE, DAY, "england").checks[0]
        assert check.compliance is Compliance.NOT_REQUIRED
        assert check.source.source == "bdi-nhs-indemnity-2022"
        assert check.decision is None

    def test_private_practice_without_an_mdo_is_not_met(self):
        """Private work with nothing behind it fails the requirement."""
        check = uk.check_legal_requirement(NONE, CLINIC, DAY, "england").checks[0]
        assert check.compliance is Compliance.NOT_MET
        assert check.met_by == ()
        assert "excludes private practice" in check.explain()

    def test_declared_private_practice_with_an_mdo_is_met(self):
        """Declared private work with an MDO meets it, by the MDO."""
        work = CLINIC.with_facts(declared=True)
        check = uk.check_legal_requirement(_mdo(), work, DAY, "england").checks[0]
        assert check.met
        assert [g.scheme for g in check.met_by if g.scheme] == ["medical-protection"]

    def test_an_open_answer_names_the_fact(self):
        """Undetermined where the decision is, with the facts that would settle it."""
        locum = Activity.of(
            "nhs-contracted-care", engaged_by="nhs-staffing-contractor", field="emergency-medicine"
        )
        check = uk.check_legal_requirement(NONE, locum, DAY, "england").checks[0]
        assert check.compliance is Compliance.UNDETERMINED
        assert check.missing == {"nhs_indemnity_applies"}
        assert "nhs_indemnity_applies" in check.explain()

    def test_an_open_answer_says_which_values_meet_it(self):
        """Private practice, nothing known: met with an NHS patient, engager and NHS indemnity;
        through an agency or a commissioned provider, the field says which scheme."""
        work = Activity.of("private-practice")
        check = uk.check_legal_requirement(NONE, work, D(2024, 6, 1), "england").checks[0]
        assert check.compliance is Compliance.UNDETERMINED
        assert check.message == (
            "met if engaged_by: nhs-body or nhs-primary-care-provider; "
            "nhs_indemnity_applies: yes; nhs_patient: yes "
            "or if engaged_by: anything but private-employer or self; field: any value; "
            "nhs_indemnity_applies: yes; nhs_patient: yes"
        )

    def test_an_open_answer_asks_one_fact_next_and_says_where_each_value_leads(self):
        """Ask next: is the patient an NHS patient? No: not met; yes: still open."""
        work = Activity.of("private-practice")
        check = uk.check_legal_requirement(NONE, work, D(2024, 6, 1), "england").checks[0]
        asked = check.next_question
        assert asked is not None
        assert asked.fact == "nhs_patient"
        assert check.explain().splitlines()[-3:] == [
            "  Ask next: Is the patient an NHS patient?",
            "    - no -> not met",
            "    - yes -> still open on engaged_by, field, nhs_indemnity_applies",
        ]
        data = check.to_dict()
        assert data["next_question"]["fact"] == "nhs_patient"
        assert data["settling"] == [to_data(s) for s in check.settling]
        json.dumps(data)

    def test_an_mdo_member_is_asked_whether_the_work_is_declared(self):
        """With an MDO, private work is met if declared, and that is the question to ask."""
        check = uk.check_legal_requirement(_mdo(), CLINIC, DAY, "england").checks[0]
        assert check.message == "met if declared: yes"
        asked = check.next_question
        assert asked is not None
        assert [(b.values.describe(), b.outcome.value) for b in asked.branches] == [
            ("yes", "covered"),
            ("no", "not-covered"),
        ]

    def test_settled_checks_ask_nothing(self):
        """A met, unmet or not-required check has no settling sets and no question."""
        for work in (WARD, ROADSIDE, CLINIC):
            check = uk.check_legal_requirement(NONE, work, DAY, "england").checks[0]
            assert (check.settling, check.next_question) == ((), None)

    def test_a_scottish_gp_without_an_mdo_does_not_meet_it(self):
        """Scottish GPs have no state scheme."""
        gp = Activity.of("nhs-contracted-care", engaged_by="nhs-primary-care-provider")
        check = uk.check_legal_requirement(NONE, gp, DAY, "scotland").checks[0]
        assert check.compliance is Compliance.NOT_MET

    def test_without_the_employers_schemes(self):
        """With employer_schemes=False only what the portfolio holds counts."""
        report = uk.check_legal_requirement(NONE, WARD, DAY, "england", employer_schemes=False)
        assert report.checks[0].compliance is Compliance.NOT_MET

    def test_a_state_scheme_already_held_is_not_counted_twice(self):
        """A portfolio that already holds CNST gets no second CNST."""
        held = uk.nhs_portfolio()
        check = uk.check_legal_requirement(held, WARD, DAY, "england").checks[0]
        assert len(check.met_by) == 1

    def test_outside_the_uk(self):
        """Outside the UK the local law decides, which the sources do not state: open."""
        check = uk.check_legal_requirement(NONE, CLINIC, DAY, "jersey").checks[0]
        assert check.compliance is Compliance.UNDETERMINED
        assert check.missing == {"meets_local_requirement"}
        assert "Jersey is outside the UK requirement" in check.explain()

    def test_before_the_order_came_into_force(self):
        """Before 17 July 2014 there was no statutory duty to check."""
        check = uk.check_legal_requirement(NONE, CLINIC, dt.date(2014, 7, 16), "england")
        assert check.compliance is Compliance.NOT_REQUIRED
        assert "2014-07-17" in check.checks[0].message

    def test_bool_is_refused(self):
        """A check has no truth value: ask .met."""
        check = uk.check_legal_requirement(NONE, WARD, DAY, "england").checks[0]
        with pytest.raises(AmbiguousDecisionError, match="met"):
            bool(check)


class TestReport:
    """The report over several activities."""

    def test_overall_is_the_worst(self):
        """NOT_MET beats UNDETERMINED beats MET; NOT_REQUIRED counts as fine."""
        report = uk.check_legal_requirement(NONE, [WARD, ROADSIDE, CLINIC], DAY, "england")
        assert [c.compliance for c in report.checks] == [
            Compliance.MET,
            Compliance.NOT_REQUIRED,
            Compliance.NOT_MET,
        ]
        assert report.compliance is Compliance.NOT_MET
        assert not report.met
        assert uk.check_legal_requirement(NONE, [WARD, ROADSIDE], DAY, "england").met
        only_gs = uk.check_legal_requirement(NONE, [ROADSIDE], DAY, "england")
        assert only_gs.compliance is Compliance.NOT_REQUIRED
        assert only_gs.met

    def test_gmc_powers_date(self):
        """The GMC's powers apply from 1 August 2015."""
        before = uk.check_legal_requirement(NONE, WARD, D(2015, 7, 31), "england")
        after = uk.check_legal_requirement(NONE, WARD, D(2015, 8, 1), "england")
        assert (before.gmc_powers, after.gmc_powers) == (False, True)
        assert "SI 2015/1375" in after.explain()
        assert "SI 2015/1375" not in before.explain()

    def test_explain_and_to_dict(self):
        """The report explains itself and is JSON-ready."""
        report = uk.check_legal_requirement(NONE, [WARD, ROADSIDE, CLINIC], DAY, "england")
        text = report.explain()
        assert text.startswith("NOT MET: the legal requirement for indemnity on 2024-11-05")
        assert "MET: ward work" in text
        assert "NOT REQUIRED: road traffic accident" in text
        data = report.to_dict()
        assert json.loads(json.dumps(data)) == data
        assert [c["compliance"] for c in data["checks"]] == ["met", "not-required", "not-met"]

    def test_bool_is_refused(self):
        """A report has no truth value: ask .met."""
        with pytest.raises(AmbiguousDecisionError):
            bool(uk.check_legal_requirement(NONE, WARD, DAY, "england"))


class TestBadInput:
    """Bad arguments raise the library's error, naming the field."""

    def test_not_a_portfolio(self):
        """The first argument is a Portfolio."""
        with pytest.raises(InvalidFieldError) as err:
            uk.check_legal_requirement([], WARD, DAY, "england")  # type: ignore[arg-type]
        assert (err.value.field, err.value.expected) == ("portfolio", "a Portfolio")

    def test_not_activities(self):
        """Activities are an Activity or a collection of them."""
        with pytest.raises(InvalidFieldError) as err:
            uk.check_legal_requirement(NONE, [WARD, "ward"], DAY, "england")  # type: ignore[list-item]
        assert (err.value.field, err.value.expected) == ("activities[1]", "an Activity")
        with pytest.raises(InvalidFieldError) as err:
            uk.check_legal_requirement(NONE, "ward", DAY, "england")  # type: ignore[arg-type]
        assert (err.value.field, err.value.expected) == (
            "activities",
            "an Activity or a collection of them",
        )

    def test_a_datetime(self):
        """The date is a date."""
        with pytest.raises(InvalidFieldError) as err:
            uk.check_legal_requirement(NONE, WARD, dt.datetime(2024, 1, 1, 9), "england")
        assert (err.value.field, err.value.expected) == ("on", "a date (not a datetime)")


class TestTheRequirementsOwnFacts:
    """Where the requirement turns on a fact of its own, it asks that fact."""

    def test_the_transitional_year_asks_whether_an_old_arrangement_continues(self):
        """Yes lifts the duty, no leaves it unmet: the next question says so."""
        work = Activity.of("private-practice", declared=True, nhs_patient=False)
        check = uk.check_legal_requirement(NONE, work, D(2015, 1, 1), "england").checks[0]
        assert check.compliance is Compliance.UNDETERMINED
        asked = check.next_question
        assert asked is not None
        assert asked.fact == "arrangement_before_2014_continues"
        assert asked.branch(True).outcome is Outcome.COVERED
        assert asked.branch(False).outcome is Outcome.NOT_COVERED

    def test_outside_the_uk_it_asks_about_the_local_law(self):
        """The settling sets name the local-law fact alone."""
        check = uk.check_legal_requirement(NONE, CLINIC, DAY, "isle-of-man").checks[0]
        assert {f.name for s in check.settling for f in s.facts} == {"meets_local_requirement"}
