"""Tests for `indemnity.decision`: outcomes, grounds, reasons, and how a decision reads."""

import datetime as dt
import json

import pytest

from indemnity import (
    CLAIM_DATE,
    UK,
    Activity,
    ActivityKind,
    AmbiguousDecisionError,
    Basis,
    Citation,
    Cover,
    Decision,
    Exclusion,
    Fact,
    Ground,
    IndemnityError,
    Is,
    Matter,
    MembershipPeriod,
    Outcome,
    Period,
    Portfolio,
    Question,
    Reason,
    ReasonCode,
    Requirement,
    Scheme,
    SchemeKind,
)

D = dt.date
ON = D(2025, 3, 10)
COVER_SOURCE = Citation("000_d40f28ef5600d884.txt", "clinical negligence claims")
RULE_SOURCE = Citation("003_050a7f98c6f2333b.txt", "appropriately supervised", note="p. 2")
EXC_SOURCE = Citation("SI 2019/334", verified=False)

COVER = Cover(
    name="negligence",
    matters=frozenset({Matter.CLINICAL_NEGLIGENCE}),
    activities=frozenset({ActivityKind.PRIVATE_PRACTICE}),
    territory=UK,
    source=COVER_SOURCE,
    conditions=(Requirement(Is(Fact.SUPERVISED, True), "the doctor is supervised", RULE_SOURCE),),
    exclusions=(
        Exclusion(Is(Fact.OVERALL_CHARGE, True), reason="overall charge", source=EXC_SOURCE),
    ),
)
SCHEME = Scheme(
    key="mdo",
    name="MDO membership",
    operator="An MDO",
    kind=SchemeKind.DISCRETIONARY,
    basis=Basis.OCCURRENCE,
    covers=(COVER,),
    source=COVER_SOURCE,
)
CM_SCHEME = Scheme(
    key="insurer",
    name="Insurer",
    operator="Lloyd's",
    kind=SchemeKind.CONTRACTUAL_INSURANCE,
    basis=Basis.CLAIMS_MADE,
    covers=(COVER,),
    source=COVER_SOURCE,
)
MDO = MembershipPeriod(SCHEME, Period(D(2020, 1, 1)), label="MDO")
OLD_MDO = MembershipPeriod(SCHEME, Period(D(2010, 1, 1), D(2015, 1, 1)), label="old MDO")
POLICY = MembershipPeriod(CM_SCHEME, Period(D(2024, 1, 1)), label="policy")


def activity(**facts):
    return Activity.of("private-practice", **facts)


def covered():
    return Portfolio([MDO, OLD_MDO]).is_covered(
        activity(supervised=True, overall_charge=False), ON, "england"
    )


def not_covered():
    return Portfolio([MDO, OLD_MDO]).is_covered(activity(supervised=False), ON, "england")


def undetermined():
    return Portfolio([MDO, POLICY, OLD_MDO]).is_covered(activity(), ON, "england")


DECISIONS = {"covered": covered, "not-covered": not_covered, "undetermined": undetermined}


class TestOutcomes:
    """The three outcomes and the `covered` shortcut."""

    def test_values(self):
        """Outcome values are stable strings."""
        assert [o.value for o in Outcome] == ["covered", "not-covered", "undetermined"]

    @pytest.mark.parametrize(
        ("make", "outcome"),
        [
            (covered, Outcome.COVERED),
            (not_covered, Outcome.NOT_COVERED),
            (undetermined, Outcome.UNDETERMINED),
        ],
    )
    def test_builders(self, make, outcome):
        """The test decisions have the outcomes they are named after."""
        assert make().outcome is outcome

    def test_covered_only_when_covered(self):
        """covered is True for COVERED and False for the other two."""
        assert covered().covered is True
        assert not_covered().covered is False
        assert undetermined().covered is False


class TestNoTruthValue:
    """bool(decision) raises whatever the outcome."""

    @pytest.mark.parametrize("name", list(DECISIONS))
    def test_bool_raises(self, name):
        """bool() raises AmbiguousDecisionError naming the outcome and the alternatives."""
        decision = DECISIONS[name]()
        with pytest.raises(
            AmbiguousDecisionError,
            match=rf"^a Decision has no truth value \(outcome is {name}\); "
            r"use decision\.covered or match on decision\.outcome$",
        ):
            bool(decision)

    @pytest.mark.parametrize("name", list(DECISIONS))
    def test_if_and_not_raise(self, name):
        """`if decision` and `not decision` raise too."""
        decision = DECISIONS[name]()
        with pytest.raises(AmbiguousDecisionError):
            _ = "yes" if decision else "no"
        with pytest.raises(AmbiguousDecisionError):
            _ = not decision

    def test_is_an_indemnity_error(self):
        """The error is an IndemnityError (and so a ValueError)."""
        with pytest.raises(IndemnityError):
            bool(covered())

    def test_match_on_outcome(self):
        """Matching on outcome is the documented way to branch."""
        seen = []
        for make in DECISIONS.values():
            match make().outcome:
                case Outcome.COVERED:
                    seen.append("c")
                case Outcome.NOT_COVERED:
                    seen.append("n")
                case Outcome.UNDETERMINED:
                    seen.append("u")
        assert seen == ["c", "n", "u"]


class TestReasonCode:
    """Open reason codes leave an answer undetermined; the rest rule cover out."""

    def test_open_codes(self):
        """Exactly the three unknown-style codes are open."""
        assert {c for c in ReasonCode if c.is_open} == {
            ReasonCode.CLAIM_DATE_UNKNOWN,
            ReasonCode.CONDITION_UNKNOWN,
            ReasonCode.EXCLUSION_UNKNOWN,
        }


class TestCombine:
    """Decision.combine joins the answers of several candidates."""

    question = Question.ask(activity(), ON, "england")

    def part(self, outcome, *, ground=None, reason=None, missing=()):
        grounds = (ground,) if ground else ()
        reasons = (reason,) if reason else ()
        return Decision(outcome, self.question, grounds, reasons, frozenset(missing))

    def reason(self, code, message="m"):
        return Reason(code, message, COVER_SOURCE)

    def test_nothing(self):
        """No candidates at all: NOT_COVERED, nothing else."""
        assert Decision.combine(self.question, []) == Decision(Outcome.NOT_COVERED, self.question)

    def test_any_covered_wins(self):
        """One covering part makes it COVERED; reasons of the others are kept, missing dropped."""
        ground = Ground(COVER)
        no = self.reason(ReasonCode.OUTSIDE_PERIOD)
        maybe = self.reason(ReasonCode.CONDITION_UNKNOWN)
        decision = Decision.combine(
            self.question,
            [
                self.part(Outcome.NOT_COVERED, reason=no),
                self.part(Outcome.UNDETERMINED, reason=maybe, missing={"supervised"}),
                self.part(Outcome.COVERED, ground=ground),
            ],
        )
        assert decision.outcome is Outcome.COVERED
        assert decision.grounds == (ground,)
        assert decision.reasons == (no, maybe)
        assert decision.missing == frozenset()

    def test_every_ground(self):
        """Every covering part's grounds are kept, in order."""
        a, b = Ground(COVER, SCHEME, MDO), Ground(COVER, SCHEME, OLD_MDO)
        decision = Decision.combine(
            self.question,
            [self.part(Outcome.COVERED, ground=a), self.part(Outcome.COVERED, ground=b)],
        )
        assert decision.grounds == (a, b)

    def test_undetermined_collects_missing(self):
        """No cover but open parts: UNDETERMINED with the union of their missing facts."""
        decision = Decision.combine(
            self.question,
            [
                self.part(Outcome.UNDETERMINED, missing={"supervised"}),
                self.part(Outcome.NOT_COVERED, reason=self.reason(ReasonCode.EXCLUDED)),
                self.part(Outcome.UNDETERMINED, missing={"declared", CLAIM_DATE}),
            ],
        )
        assert decision.outcome is Outcome.UNDETERMINED
        assert decision.missing == frozenset({"supervised", "declared", "claimed_on"})
        assert [r.code for r in decision.reasons] == [ReasonCode.EXCLUDED]

    def test_all_not_covered(self):
        """Only refusals: NOT_COVERED with every reason."""
        r1 = self.reason(ReasonCode.OUTSIDE_TERRITORY, "one")
        r2 = self.reason(ReasonCode.MATTER_NOT_COVERED, "two")
        decision = Decision.combine(
            self.question,
            [self.part(Outcome.NOT_COVERED, reason=r1), self.part(Outcome.NOT_COVERED, reason=r2)],
        )
        assert decision.outcome is Outcome.NOT_COVERED
        assert decision.reasons == (r1, r2)


class TestToDict:
    """to_dict() is stable and JSON-ready."""

    @pytest.mark.parametrize("name", list(DECISIONS))
    def test_json_ready(self, name):
        """Every outcome's dict goes through json.dumps and back unchanged."""
        as_dict = DECISIONS[name]().to_dict()
        assert json.loads(json.dumps(as_dict)) == as_dict

    @pytest.mark.parametrize("name", list(DECISIONS))
    def test_repeatable(self, name):
        """The same decision gives the same dict, serialised identically, every time."""
        decision = DECISIONS[name]()
        again = DECISIONS[name]()
        assert decision == again
        assert json.dumps(decision.to_dict()) == json.dumps(decision.to_dict())
        assert json.dumps(decision.to_dict()) == json.dumps(again.to_dict())

    def test_top_level_keys_in_order(self):
        """Keys come in a fixed order."""
        assert list(covered().to_dict()) == [
            "outcome",
            "covered",
            "question",
            "grounds",
            "reasons",
            "missing",
            "claim_windows",
        ]

    def test_covered_contents(self):
        """A covered decision lists its ground with its context and source."""
        as_dict = covered().to_dict()
        assert as_dict["outcome"] == "covered"
        assert as_dict["covered"] is True
        assert as_dict["grounds"] == [
            {
                "membership": "MDO",
                "scheme": "mdo",
                "cover": "negligence",
                "source": COVER_SOURCE.to_dict(),
            }
        ]
        assert as_dict["question"] == {
            "activity": {
                "kind": "private-practice",
                "facts": {"supervised": True, "overall_charge": False},
            },
            "on": "2025-03-10",
            "jurisdiction": "england",
            "matter": "clinical-negligence",
            "claimed_on": None,
        }

    def test_reason_contents(self):
        """Each reason carries its code, message, context, sorted missing and source."""
        as_dict = undetermined().to_dict()
        assert as_dict["outcome"] == "undetermined"
        assert as_dict["covered"] is False
        assert as_dict["missing"] == ["claimed_on", "overall_charge", "supervised"]
        first = as_dict["reasons"][0]
        assert list(first) == [
            "code",
            "message",
            "membership",
            "scheme",
            "cover",
            "missing",
            "source",
        ]
        codes = [r["code"] for r in as_dict["reasons"]]
        assert "outside-period" in codes
        assert "claim-date-unknown" in codes
        unknown = next(r for r in as_dict["reasons"] if r["code"] == "condition-unknown")
        assert unknown["missing"] == ["supervised"]
        assert unknown["source"] == RULE_SOURCE.to_dict()

    def test_claim_windows(self):
        """Claim windows appear as ISO dates, None for an open end."""
        decision = Portfolio([POLICY]).is_covered(
            activity(supervised=True, overall_charge=False), ON, "england"
        )
        assert decision.to_dict()["claim_windows"] == [{"start": "2025-03-10", "end": None}]
        assert covered().to_dict()["claim_windows"] == []

    def test_scheme_filled_from_membership(self):
        """A reason with a membership but no scheme still names the membership's scheme."""
        reason = Reason(ReasonCode.OUTSIDE_PERIOD, "m", COVER_SOURCE, membership=MDO)
        assert reason.to_dict()["scheme"] == "mdo"

    def test_reason_without_context(self):
        """A reason about no arrangement has None for its context."""
        as_dict = Reason(ReasonCode.EXCLUDED, "m", COVER_SOURCE).to_dict()
        assert (as_dict["membership"], as_dict["scheme"], as_dict["cover"]) == (None, None, None)


class TestExplain:
    """explain() reads the decision: headline, grounds, reasons, sources, what to find out."""

    @pytest.mark.parametrize(
        ("name", "headline"),
        [
            ("covered", "COVERED"),
            ("not-covered", "NOT COVERED"),
            ("undetermined", "UNDETERMINED"),
        ],
    )
    def test_headline(self, name, headline):
        """The first line is the outcome and the question."""
        first = DECISIONS[name]().explain().splitlines()[0]
        assert first.startswith(f"{headline}: clinical negligence claim from private-practice")
        assert first.endswith("on 2025-03-10 in England.")

    def test_covered(self):
        """A covered decision lists its ground, then the others' reasons, with sources."""
        lines = covered().explain().splitlines()
        assert lines == [
            "COVERED: clinical negligence claim from private-practice on 2025-03-10 in England.",
            "Known facts: supervised=yes, overall_charge=no.",
            "Covered by:",
            "  + MDO, cover 'negligence'",
            f"    source: {COVER_SOURCE}",
            "Not covered by:",
            "  - old MDO: occurrence cover for incidents 2010-01-01..2015-01-01; not on 2025-03-10",
            f"    source: {COVER_SOURCE}",
        ]

    def test_not_covered(self):
        """A refusal lists reasons with '-' and each rule's source; nothing to find out."""
        text = not_covered().explain()
        assert "Reasons:" in text
        assert "  - MDO, cover 'negligence': requires that the doctor is supervised" in text
        assert f"    source: {RULE_SOURCE}" in text
        assert "To settle it" not in text

    def test_undetermined(self):
        """An open answer marks open reasons with '?' and explains each missing fact."""
        text = undetermined().explain()
        assert (
            "  ? MDO, cover 'negligence': requires that the doctor is supervised; "
            "depends on: supervised" in (text)
        )
        assert (
            "  ? MDO, cover 'negligence': may exclude overall charge; depends on: overall_charge"
            in text
        )
        assert "  ? policy: claims-made: covered only if the claim is made on or after" in text
        assert "  - old MDO: occurrence cover" in text
        assert f"    source: {EXC_SOURCE}" in text
        assert "[unverified]" in text
        assert text.splitlines()[-4:] == [
            "To settle it, find out:",
            "  * claimed_on: the date the claim is (or will be) first made",
            (
                "  * overall_charge: The doctor is the clinician in overall charge of the "
                "patient's care."
            ),
            "  * supervised: The doctor is appropriately supervised throughout.",
        ]

    def test_claim_window_line(self):
        """An answer waiting only on the claim date says for which claim dates it covers."""
        decision = Portfolio([POLICY]).is_covered(
            activity(supervised=True, overall_charge=False), ON, "england"
        )
        lines = decision.explain().splitlines()
        assert "Covered if the claim is made on or after 2025-03-10." in lines
        assert lines[-2:] == [
            "To settle it, find out:",
            "  * claimed_on: the date the claim is (or will be) first made",
        ]

    def test_no_known_facts_line_without_facts(self):
        """Without facts there is no 'Known facts' line."""
        assert "Known facts" not in undetermined().explain()

    def test_unknown_missing_name_shown_as_is(self):
        """A missing name that is no fact is shown as it is."""
        question = Question.ask(activity(), ON, "england")
        decision = Decision(Outcome.UNDETERMINED, question, (), (), frozenset({"something"}))
        assert decision.explain().splitlines()[-1] == "  * something"

    def test_nothing_asked(self):
        """A decision with no grounds and no reasons says no arrangement was asked."""
        question = Question.ask(activity(), ON, "england")
        assert Decision(Outcome.NOT_COVERED, question).explain().splitlines() == [
            (
                "NOT COVERED: clinical negligence claim from private-practice on 2025-03-10 "
                "in England."
            ),
            "No arrangement was asked.",
        ]

    def test_claim_date_in_headline(self):
        """A known claim date is part of the headline."""
        decision = Portfolio([POLICY]).is_covered(
            activity(supervised=True, overall_charge=False), ON, "england", claimed_on=D(2026, 1, 5)
        )
        assert decision.explain().splitlines()[0] == (
            "COVERED: clinical negligence claim from private-practice on 2025-03-10 in England, "
            "claimed on 2026-01-05."
        )


class TestGroundAndReason:
    """Grounds and reasons describe where they apply."""

    def test_ground_describe_with_membership(self):
        """A ground names its membership (by label) and cover."""
        assert Ground(COVER, SCHEME, MDO).describe() == "MDO, cover 'negligence'"

    def test_ground_describe_with_scheme(self):
        """Without a membership, a ground names its scheme."""
        assert Ground(COVER, SCHEME).describe() == "MDO membership, cover 'negligence'"

    def test_ground_describe_bare(self):
        """A bare cover's ground names only the cover."""
        assert Ground(COVER).describe() == "cover 'negligence'"

    def test_ground_source(self):
        """A ground's source is its cover's."""
        assert Ground(COVER).source == COVER_SOURCE

    def test_reason_describe(self):
        """A reason reads as where, then what."""
        reason = Reason(ReasonCode.EXCLUDED, "excludes x", EXC_SOURCE, COVER, SCHEME, MDO)
        assert reason.describe() == "MDO, cover 'negligence': excludes x"

    def test_reason_about_nothing(self):
        """A reason with no context reads as about an arrangement."""
        assert Reason(ReasonCode.EXCLUDED, "m", EXC_SOURCE).describe() == "arrangement: m"

    def test_membership_without_label(self):
        """A membership without a label is named by its scheme and period."""
        m = MembershipPeriod(SCHEME, Period(D(2020, 1, 1), D(2021, 1, 1)))
        assert Ground(COVER, SCHEME, m).describe() == (
            "MDO membership 2020-01-01..2021-01-01, cover 'negligence'"
        )


class TestValues:
    """Decisions are values."""

    def test_hashable(self):
        """Equal decisions hash alike and can be set members."""
        assert len({covered(), covered(), not_covered()}) == 2

    def test_frozen(self):
        """A decision cannot be changed."""
        decision = covered()
        with pytest.raises(AttributeError):
            decision.outcome = Outcome.NOT_COVERED  # type: ignore[misc]
