"""Tests for `indemnity.model.decision`: outcomes, grounds, reasons, and how a decision reads."""

import datetime as dt
import json
import pickle

import attrs
import pytest

from indemnity import (
    Activity,
    AmbiguousDecisionError,
    Answer,
    Basis,
    Decision,
    Fact,
    FactType,
    Ground,
    IndemnityError,
    Is,
    MembershipPeriod,
    Outcome,
    Period,
    Portfolio,
    Question,
    Reason,
    ReasonCode,
    SchemeKind,
    from_data,
    to_data,
)
from indemnity.model.decision import _DecisionSlots, new_decision
from indemnity.model.terms import CLAIM_DATE
from tests.builders import ON, cite, cover, exclusion, held, requirement, scheme

D = dt.date
COVER_SOURCE = cite("clinical negligence claims")
RULE_SOURCE = cite("appropriately supervised", "mps-hee-block", note="p. 2")
EXC_SOURCE = cite("", "si-2019-334", verified=False)

COVER = cover(
    "negligence",
    activities=("private-practice",),
    source=COVER_SOURCE,
    requires=(requirement(Is("supervised", True), "the doctor is supervised", RULE_SOURCE),),
    exclusions=(exclusion(Is("overall_charge", True), reason="overall charge", source=EXC_SOURCE),),
)
SCHEME = scheme("mdo", covers=(COVER,), source=COVER_SOURCE)
CM_SCHEME = scheme(
    "insurer",
    name="Insurer",
    operator="Lloyd's",
    kind="contractual-insurance",
    basis="claims-made",
    covers=(COVER,),
    source=COVER_SOURCE,
)
MDO = held(SCHEME, D(2020, 1, 1), label="MDO")
OLD_MDO = held(SCHEME, D(2010, 1, 1), D(2015, 1, 1), label="old MDO")
POLICY = held(CM_SCHEME, D(2024, 1, 1), label="policy")


def activity(**facts):
    """Private practice with `facts`."""
    return Activity.of("private-practice", **facts)


def ground(membership="MDO", *, scheme_key="mdo", scheme_name="MDO membership"):
    """The record of the MDO's negligence cover answering, held through `membership`."""
    return Ground(
        scheme_key,
        scheme_name,
        "negligence",
        membership,
        SchemeKind.DISCRETIONARY if scheme_key else None,
        Basis.OCCURRENCE if scheme_key else None,
        None,
        COVER_SOURCE,
    )


def covered():
    """The MDO covers; the old MDO's membership had ended."""
    return Portfolio([MDO, OLD_MDO]).is_covered(
        activity(supervised=True, overall_charge=False), ON, "england"
    )


def not_covered():
    """Unsupervised work: the MDO refuses; the old MDO's membership had ended."""
    return Portfolio([MDO, OLD_MDO]).is_covered(activity(supervised=False), ON, "england")


def undetermined():
    """Nothing known: the MDO and the policy wait on facts, the policy on the claim date too."""
    return Portfolio([MDO, POLICY, OLD_MDO]).is_covered(activity(), ON, "england")


def open_policy():
    """Only the claims-made policy, which would cover but waits on the claim date."""
    return Portfolio([POLICY]).is_covered(
        activity(supervised=True, overall_charge=False), ON, "england"
    )


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
        with pytest.raises(AmbiguousDecisionError) as caught:
            bool(decision)
        assert str(caught.value) == (
            f"a Decision has no truth value (outcome is {name}); "
            "use decision.covered or match on decision.outcome"
        )

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
        """Exactly the unknown-style codes are open."""
        assert {c for c in ReasonCode if c.is_open} == {
            ReasonCode.CLAIM_DATE_UNKNOWN,
            ReasonCode.HELD_SINCE_UNKNOWN,
            ReasonCode.CONDITION_UNKNOWN,
            ReasonCode.EXCLUSION_UNKNOWN,
        }


class TestRecords:
    """Grounds, reasons and missing facts are records of names, not rule objects."""

    def test_ground_names_scheme_cover_and_membership(self):
        """A ground names the scheme, the cover and the membership, its kind, basis and source."""
        assert covered().grounds == (ground("MDO"),)

    def test_reasons_are_a_tuple(self):
        """Reasons are a plain tuple, worked out when the decision is made."""
        for make in DECISIONS.values():
            assert type(make().reasons) is tuple

    def test_reason_of_a_membership_names_its_scheme(self):
        """A reason said of a membership names the membership's scheme too."""
        (reason,) = covered().reasons
        assert (reason.scheme, reason.scheme_name, reason.cover, reason.membership) == (
            "mdo",
            "MDO membership",
            None,
            "old MDO",
        )

    def test_missing_holds_facts(self):
        """missing holds Fact terms, the claim date among them, each equal to its name."""
        missing = undetermined().missing
        assert all(isinstance(f, Fact) for f in missing)
        assert CLAIM_DATE in missing
        assert "supervised" in missing
        assert missing == {"claimed_on", "overall_charge", "supervised"}

    def test_membership_without_label(self):
        """A membership without a label is named by its scheme and period."""
        m = MembershipPeriod(SCHEME, Period(D(2020, 1, 1), D(2021, 1, 1)))
        decision = Portfolio([m]).is_covered(
            activity(supervised=True, overall_charge=False), D(2020, 6, 1), "england"
        )
        assert decision.grounds[0].membership == m.describe()
        assert decision.grounds[0].describe() == (
            "MDO membership 2020-01-01 to 2020-12-31, cover 'negligence'"
        )


class TestCombine:
    """Decision.combine joins the answers of several candidates."""

    question = Question.ask(activity(), ON, "england")

    def part(self, outcome, *, ground=None, reason=None, missing=(), windows=()):
        """One candidate's decision."""
        grounds = (ground,) if ground else ()
        reasons = (reason,) if reason else ()
        return Decision(
            outcome, self.question, grounds, reasons, frozenset(missing), tuple(windows)
        )

    def reason(self, code, message="m"):
        """A reason of `code` about no arrangement in particular."""
        return Reason(code, message, COVER_SOURCE)

    def test_nothing(self):
        """No candidates at all: NOT_COVERED, nothing else."""
        assert Decision.combine(self.question, []) == Decision(Outcome.NOT_COVERED, self.question)

    def test_any_covered_wins(self, words):
        """One covering part makes it COVERED; reasons of the others are kept, missing dropped."""
        yes = ground()
        no = self.reason(ReasonCode.OUTSIDE_PERIOD)
        maybe = self.reason(ReasonCode.CONDITION_UNKNOWN)
        decision = Decision.combine(
            self.question,
            [
                self.part(Outcome.NOT_COVERED, reason=no),
                self.part(Outcome.UNDETERMINED, reason=maybe, missing={words.fact("supervised")}),
                self.part(Outcome.COVERED, ground=yes),
            ],
        )
        assert decision.outcome is Outcome.COVERED
        assert decision.grounds == (yes,)
        assert decision.reasons == (no, maybe)
        assert decision.missing == frozenset()

    def test_every_ground(self):
        """Every covering part's grounds are kept, in order."""
        a, b = ground("MDO"), ground("old MDO")
        decision = Decision.combine(
            self.question,
            [self.part(Outcome.COVERED, ground=a), self.part(Outcome.COVERED, ground=b)],
        )
        assert decision.grounds == (a, b)

    def test_undetermined_collects_missing(self, words):
        """No cover but open parts: UNDETERMINED with the union of their missing facts."""
        decision = Decision.combine(
            self.question,
            [
                self.part(Outcome.UNDETERMINED, missing={words.fact("supervised")}),
                self.part(Outcome.NOT_COVERED, reason=self.reason(ReasonCode.EXCLUDED)),
                self.part(Outcome.UNDETERMINED, missing={words.fact("declared"), CLAIM_DATE}),
            ],
        )
        assert decision.outcome is Outcome.UNDETERMINED
        assert decision.missing == frozenset({"supervised", "declared", "claimed_on"})
        assert [r.code for r in decision.reasons] == [ReasonCode.EXCLUDED]

    def test_undetermined_merges_claim_windows(self):
        """The open parts' claim windows are merged and sorted; a covering part drops them."""
        late, early = Period(D(2026, 1, 1), D(2027, 1, 1)), Period(D(2025, 6, 1), D(2026, 1, 1))
        parts = [
            self.part(Outcome.UNDETERMINED, missing={CLAIM_DATE}, windows=[late]),
            self.part(Outcome.UNDETERMINED, missing={CLAIM_DATE}, windows=[early]),
        ]
        assert Decision.combine(self.question, parts).claim_windows == (
            Period(D(2025, 6, 1), D(2027, 1, 1)),
        )
        covering = [*parts, self.part(Outcome.COVERED, ground=ground())]
        assert Decision.combine(self.question, covering).claim_windows == ()

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


class TestAnswer:
    """An Answer is a decision without its question, turned into one by `Decision.of`."""

    def test_of_keeps_the_answer(self):
        """Decision.of puts the question to an answer and keeps everything else."""
        question = Question.ask(activity(), ON, "england")
        answer = Answer(Outcome.COVERED, (ground(),))
        assert Decision.of(answer, question) == Decision(Outcome.COVERED, question, (ground(),))

    def test_within_names_the_membership(self):
        """within() says each ground and reason of a membership."""
        reason = Reason(ReasonCode.EXCLUDED, "m", COVER_SOURCE)
        answer = Answer(Outcome.COVERED, (ground(None),), (reason,)).within("MDO")
        assert answer.grounds == (ground("MDO"),)
        assert answer.reasons[0].membership == "MDO"

    def test_no(self):
        """Answer.no is NOT_COVERED for one reason."""
        reason = Reason(ReasonCode.EXCLUDED, "m", COVER_SOURCE)
        assert Answer.no(reason) == Answer(Outcome.NOT_COVERED, (), (reason,))


class TestData:
    """to_data() of a decision is stable, JSON-ready and reads back."""

    @pytest.mark.parametrize("name", list(DECISIONS))
    def test_json_ready(self, name):
        """Every outcome's data goes through json.dumps and back unchanged."""
        data = to_data(DECISIONS[name]())
        assert json.loads(json.dumps(data)) == data

    @pytest.mark.parametrize("name", list(DECISIONS))
    def test_repeatable(self, name):
        """The same decision gives the same data, serialised identically, every time."""
        decision = DECISIONS[name]()
        again = DECISIONS[name]()
        assert decision == again
        assert json.dumps(to_data(decision)) == json.dumps(to_data(decision))
        assert json.dumps(to_data(decision)) == json.dumps(to_data(again))

    @pytest.mark.parametrize("name", list(DECISIONS))
    def test_reads_back(self, name):
        """A decision's data reads back as an equal decision."""
        decision = DECISIONS[name]()
        assert from_data(Decision, to_data(decision)) == decision

    def test_top_level_keys_in_order(self):
        """Keys come in a fixed order."""
        assert list(to_data(covered())) == [
            "outcome",
            "covered",
            "question",
            "grounds",
            "reasons",
            "missing",
            "claim_windows",
            "caveats",
            "settling",
            "next_question",
            "ask_order",
            "sources",
        ]

    def test_covered_contents(self):
        """A covered decision lists its ground with its context and source."""
        data = to_data(covered())
        assert data["outcome"] == "covered"
        assert data["covered"] is True
        assert data["grounds"] == [
            {
                "scheme": "mdo",
                "scheme_name": "MDO membership",
                "cover": "negligence",
                "membership": "MDO",
                "kind": "discretionary-membership",
                "basis": "occurrence",
                "limit": None,
                "source": to_data(COVER_SOURCE),
                "promise": None,
            }
        ]
        assert data["caveats"] == []
        assert data["question"] == {
            "activity": {
                "kind": "private-practice",
                "facts": {"supervised": True, "overall_charge": False},
                "description": "",
            },
            "on": "2025-03-10",
            "jurisdiction": "england",
            "matter": "clinical-negligence",
            "claimed_on": None,
            "notified_on": None,
        }

    def test_citations_name_their_source(self):
        """A citation is written by its source's id, with its quote, note and verification."""
        assert to_data(RULE_SOURCE) == {
            "source": "mps-hee-block",
            "quote": "appropriately supervised",
            "note": "p. 2",
            "verified": True,
        }

    def test_sources_table(self):
        """Every source cited anywhere in the decision is listed once, by id, for people."""
        data = to_data(undetermined())
        assert sorted(data["sources"]) == ["mps-hee-block", "mps-imgs-2023", "si-2019-334"]
        entry = data["sources"]["mps-imgs-2023"]
        assert entry["publisher"] == "Medical Protection"
        assert entry["published"] == "2023-03-02"
        assert "retrieved_as" not in entry

    def test_reason_contents(self):
        """Each reason carries its code, message, context, sorted missing and source."""
        data = to_data(undetermined())
        assert data["outcome"] == "undetermined"
        assert data["covered"] is False
        assert data["missing"] == ["claimed_on", "overall_charge", "supervised"]
        first = data["reasons"][0]
        assert list(first) == [
            "code",
            "message",
            "scheme",
            "scheme_name",
            "cover",
            "membership",
            "missing",
            "source",
        ]
        codes = [r["code"] for r in data["reasons"]]
        assert "outside-period" in codes
        assert "claim-date-unknown" in codes
        unknown = next(r for r in data["reasons"] if r["code"] == "condition-unknown")
        assert unknown["missing"] == ["supervised"]
        assert unknown["source"] == to_data(RULE_SOURCE)

    def test_claim_windows(self):
        """Claim windows appear as ISO dates, None for an open end."""
        assert to_data(open_policy())["claim_windows"] == [{"start": "2025-03-10", "end": None}]
        assert to_data(covered())["claim_windows"] == []

    def test_reason_of_a_membership_names_its_scheme(self):
        """A reason said of a membership is written with the membership's scheme."""
        (reason,) = to_data(covered())["reasons"]
        assert (reason["membership"], reason["scheme"], reason["scheme_name"]) == (
            "old MDO",
            "mdo",
            "MDO membership",
        )

    def test_reason_without_context(self):
        """A reason about no arrangement has None for its context."""
        data = to_data(Reason(ReasonCode.EXCLUDED, "m", COVER_SOURCE))
        assert (data["membership"], data["scheme"], data["scheme_name"], data["cover"]) == (
            None,
            None,
            None,
            None,
        )


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
            "Known facts: overall_charge=no, supervised=yes.",
            "Covered by:",
            "  + MDO, cover 'negligence'",
            f"    source: {COVER_SOURCE}",
            (
                "    discretionary: membership gives the right to request assistance, which the"
                " organisation decides at its discretion"
            ),
            "Not covered by:",
            "  - old MDO: occurrence cover for incidents 2010-01-01 to 2014-12-31",
            f"    source: {COVER_SOURCE}",
        ]

    def test_sources_read_as_documents(self):
        """A source reads as its publisher, title and date, never the file it was retrieved as."""
        text = covered().explain()
        assert (
            'source: Medical Protection: "The facts about indemnity and medical defence '
            'organisations for IMGs" (2 Mar 2023): "clinical negligence claims"'
        ) in text
        assert COVER_SOURCE.source.retrieved_as
        assert COVER_SOURCE.source.retrieved_as not in text

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
            "depends on: supervised" in text
        )
        assert (
            "  ? MDO, cover 'negligence': may exclude overall charge; depends on: overall_charge"
            in text
        )
        assert "  ? policy: claims-made: covered only if the claim is made at any date" in text
        assert "  - old MDO: occurrence cover" in text
        assert f"    source: {EXC_SOURCE}" in text
        assert "[unverified]" in text
        lines = text.splitlines()
        at = lines.index("To settle it, find out:")
        assert lines[at : at + 4] == [
            "To settle it, find out:",
            (
                "  * claimed_on: The date the claim is (or will be) first made; "
                "only claims-made cover turns on it."
            ),
            (
                "  * overall_charge: The doctor is the clinician in overall charge of the "
                "patient's care."
            ),
            "  * supervised: The doctor is appropriately supervised throughout.",
        ]

    def test_settling_sets_and_the_next_question(self):
        """An open answer lists what settles it, and asks the most settling question next."""
        lines = undetermined().explain().splitlines()
        at = lines.index("It settles as soon as one of these is known:")
        assert lines[at:] == [
            "It settles as soon as one of these is known:",
            "  - overall_charge: yes -> not covered",
            "  - supervised: no -> not covered",
            "  - overall_charge: no; supervised: yes -> covered",
            "Ask next: Is the doctor appropriately supervised throughout?",
            "  - no -> not covered",
            "  - yes -> still open on overall_charge",
        ]

    def test_settled_answers_list_nothing_to_settle(self):
        """Covered and not covered answers neither list settling sets nor ask anything."""
        for decision in (covered(), not_covered()):
            assert decision.settling == ()
            assert decision.next_question is None
            assert "Ask next" not in decision.explain()

    def test_claim_window_line(self):
        """An answer waiting only on the claim date says for which claim dates it covers."""
        lines = open_policy().explain().splitlines()
        assert "Covered if the claim is made on or after 2025-03-10." in lines
        at = lines.index("To settle it, find out:")
        assert lines[at : at + 2] == [
            "To settle it, find out:",
            (
                "  * claimed_on: The date the claim is (or will be) first made; "
                "only claims-made cover turns on it."
            ),
        ]

    def test_no_known_facts_line_without_facts(self):
        """Without facts there is no 'Known facts' line."""
        assert "Known facts" not in undetermined().explain()

    def test_fact_of_another_vocabulary_explained_by_its_own_words(self):
        """A missing fact the UK does not declare is shown by its own name and label."""
        question = Question.ask(activity(), ON, "england")
        stranger = Fact("something", FactType.YES_NO)
        decision = Decision(Outcome.UNDETERMINED, question, (), (), frozenset({stranger}))
        assert decision.explain().splitlines()[-1] == "  * something: something"

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
        assert ground("MDO").describe() == "MDO, cover 'negligence'"

    def test_ground_describe_with_scheme(self):
        """Without a membership, a ground names its scheme."""
        assert ground(None).describe() == "MDO membership, cover 'negligence'"

    def test_ground_describe_bare(self):
        """A bare cover's ground names only the cover."""
        assert ground(None, scheme_key=None, scheme_name=None).describe() == "cover 'negligence'"

    def test_ground_source(self):
        """A ground's source is its cover's."""
        assert covered().grounds[0].source == COVER.source

    def test_reason_describe(self):
        """A reason reads as where, then what."""
        reason = Reason(
            ReasonCode.EXCLUDED,
            "excludes x",
            EXC_SOURCE,
            "mdo",
            "MDO membership",
            "negligence",
            "MDO",
        )
        assert reason.describe() == "MDO, cover 'negligence': excludes x"

    def test_reason_about_nothing(self):
        """A reason with no context reads as about an arrangement."""
        assert Reason(ReasonCode.EXCLUDED, "m", EXC_SOURCE).describe() == "arrangement: m"


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

    def test_keeps_no_rule_objects(self):
        """A decision holds names, not the portfolio, schemes or memberships that made it."""
        decision = undetermined()
        for record in (*decision.grounds, *decision.reasons):
            for value in (record.scheme, record.cover, record.membership):
                assert value is None or isinstance(value, str)


class TestCaveats:
    """A firm answer resting on an unverified rule says so; an open one has nothing to caveat."""

    def test_a_refusal_by_an_unverified_exclusion_is_caveated(self):
        """NOT_COVERED only because of an exclusion the data marks unverified."""
        decision = Portfolio([MDO]).is_covered(
            activity(supervised=True, overall_charge=True), ON, "england"
        )
        assert decision.outcome is Outcome.NOT_COVERED
        assert decision.caveats == (EXC_SOURCE,)
        assert "Caveat:" in decision.explain()
        assert to_data(decision)["caveats"] == [to_data(EXC_SOURCE)]

    def test_a_refusal_also_by_a_verified_rule_is_not(self):
        """The same cover also refused by a verified requirement is out whatever the other says."""
        decision = Portfolio([MDO]).is_covered(
            activity(supervised=False, overall_charge=True), ON, "england"
        )
        assert decision.outcome is Outcome.NOT_COVERED
        assert decision.caveats == ()
        assert "Caveat:" not in decision.explain()

    def test_a_cover_resting_on_an_unverified_citation_is_caveated(self):
        """COVERED by a head whose citation is unverified."""
        shaky = cite("", "si-2019-334", verified=False)
        held_ = held(scheme("mdo", covers=(cover("negligence", source=shaky),)), D(2020, 1, 1))
        decision = Portfolio([held_]).is_covered(activity(), ON, "england")
        assert decision.covered
        assert decision.caveats == (shaky,)

    def test_an_open_answer_has_none(self):
        """UNDETERMINED is not firm: nothing to caveat."""
        assert undetermined().caveats == ()


class TestNewDecision:
    """`new_decision`, the hot path's builder, gives the very `Decision` the class builds."""

    def test_it_is_a_decision_equal_to_the_plain_one(self):
        """Same type, equal, same hash, pickles, frozen, for both firm outcomes."""
        question = Question.ask(Activity.of("private-practice"), ON, "england")
        for outcome in (Outcome.COVERED, Outcome.NOT_COVERED):
            made = new_decision(outcome, question, (), ())
            plain = Decision(outcome, question)
            assert type(made) is Decision
            assert made == plain
            assert repr(made) == repr(plain)
            assert made.covered is (outcome is Outcome.COVERED)
            assert pickle.loads(pickle.dumps(made)) == plain  # noqa: S301 - our own bytes
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                made.outcome = Outcome.UNDETERMINED  # type: ignore[misc]

    def test_the_class_keeps_its_fields_in_the_slots_it_shares(self):
        """`Decision` adds no slot of its own: else its builder could not become one."""
        assert Decision.__dict__["__slots__"] == ()
        fields = {f.name for f in attrs.fields(Decision)}
        assert set(_DecisionSlots.__slots__) == fields | {"__weakref__"}
