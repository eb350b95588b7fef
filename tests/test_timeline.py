"""Tests for `indemnity.timelines.timeline`: covered stretches, gaps and undetermined stretches."""

from __future__ import annotations

import datetime as dt
import itertools
import json

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from indemnity import (
    Activity,
    Basis,
    Cover,
    InvalidFieldError,
    Is,
    MembershipPeriod,
    Outcome,
    Period,
    Portfolio,
    Question,
    Scheme,
    Situation,
    Stretch,
    Timeline,
    UnknownNameError,
    gaps,
    overlaps,
    renewals,
    to_data,
    uk,
)
from indemnity.model.period import merge_periods
from indemnity.model.terms import CLAIM_DATE, HELD_SINCE
from tests import builders
from tests.builders import ALL_KINDS, D, cite, cover, requirement
from tests.strategies import (
    jurisdictions,
    matters,
    window_activities,
    window_days,
    window_portfolios,
    window_spans,
)

SOURCE = cite("This will ensure there are no gaps in your protection.", "mps-hee-block")
PRIVATE = Activity.of("private-practice")
ALL_MATTERS = tuple(m.name for m in uk.vocabulary().matters)


def scheme(key: str, basis: Basis | str, *, in_force: Period | None = None):
    """A scheme that covers every matter and kind of work, in England and Wales."""
    return builders.scheme(
        key,
        covers=(
            cover(
                "all",
                matters=ALL_MATTERS,
                activities=ALL_KINDS,
                territory=("england", "wales"),
                source=SOURCE,
            ),
        ),
        basis=basis,
        name=key.upper(),
        operator="Operator",
        source=SOURCE,
        in_force=in_force,
    )


def _scheme_of(key: str, *covers: Cover) -> Scheme:
    """An occurrence scheme of the given covers."""
    return builders.scheme(key, covers=covers, basis="occurrence", name=key.upper(), source=SOURCE)


MDO = scheme("mdo", "occurrence")
MDU = scheme("mdu", "occurrence")
POLICY = scheme("policy", "claims-made")


def career() -> Portfolio:
    """Occurrence to 2022-12-01, a month's gap, claims-made 2023-2025, occurrence from 2026."""
    return Portfolio(
        (
            MembershipPeriod(MDO, Period(D(2020, 1, 1), D(2022, 12, 1)), label="MDO"),
            *renewals(POLICY, D(2023, 1, 1), count=3, label="Policy"),
            MembershipPeriod(MDU, Period(D(2026, 1, 1)), label="MDU"),
        ),
        holder="Dr A",
    )


SPAN = Period(D(2020, 1, 1), D(2028, 1, 1))


# --- helpers for the properties -------------------------------------------------------


def critical_dates(portfolio: Portfolio, lo: dt.date, hi: dt.date) -> list[dt.date]:
    """Every date where an answer may change, and the day before, inside [lo, hi)."""
    found = {lo, hi - dt.timedelta(days=1)}
    for m in portfolio:
        bounds = [m.period.start, m.period.end, m.retroactive_date, m.run_off_end]
        bounds += [m.scheme.in_force.start, m.scheme.in_force.end]
        for day in bounds:
            if day is not None and day != D.min:
                found.update({day, day - dt.timedelta(days=1)})
    return sorted(d for d in found if lo <= d < hi)


def grounds_of(memberships, question: Question) -> tuple:
    """The grounds `memberships` give, in order: a decision's grounds when exactly they cover."""
    return tuple(g for m in memberships for g in m.decide(question).grounds)


def pairs(stretch: Stretch, horizon: dt.date) -> int:
    """How many (incident, claim) pairs a region of the plane holds."""
    claims = stretch.claims or Period(D.min, horizon)
    end = claims.end or horizon
    total = 0
    day = stretch.incidents.start
    while day < stretch.incidents.end:  # type: ignore[operator]
        first = max(claims.start, day)
        total += max(0, (end - first).days)
        day += dt.timedelta(days=1)
    return total


def overlap(a: Stretch, b: Stretch, horizon: dt.date) -> bool:
    """Whether two regions share an (incident, claim) pair."""
    incidents = a.incidents.intersection(b.incidents)
    if incidents is None:
        return False
    ca = a.claims or Period(D.min, horizon)
    cb = b.claims or Period(D.min, horizon)
    claims = ca.intersection(cb)
    return claims is not None and (claims.end or horizon) > incidents.start


def refusal(make, kind: type[InvalidFieldError] = InvalidFieldError) -> InvalidFieldError:
    """The error `make` raises, which must be exactly of type `kind`."""
    with pytest.raises(kind) as info:
        make()
    assert type(info.value) is kind
    return info.value


def clipped(windows: tuple[Period, ...], day: dt.date) -> tuple[Period, ...]:
    """A stretch's claim windows as a decision on `day` states them."""
    return merge_periods(Period(max(w.start, day), w.end) for w in windows)


# --- claims-made semantics: two dates ----------------------------------------------------


class TestTwoDates:
    """Occurrence cover reads the incident date; claims-made cover reads both."""

    def test_occurrence_covers_an_incident_in_the_period_however_late_the_claim(self):
        """An occurrence membership answers for its incidents, claimed decades later."""
        held = Portfolio((MembershipPeriod(MDO, Period(D(2020, 1, 1), D(2021, 1, 1))),))
        late = held.is_covered(PRIVATE, D(2020, 6, 1), "england", claimed_on=D(2045, 1, 1))
        assert late.covered

    def test_claims_made_needs_the_claim_in_the_window(self):
        """A claims-made year answers for a claim made in the year, not after it."""
        year = MembershipPeriod(POLICY, Period(D(2023, 1, 1), D(2024, 1, 1)))
        held = Portfolio((year,))
        inside = held.is_covered(PRIVATE, D(2023, 3, 1), "england", claimed_on=D(2023, 9, 1))
        after = held.is_covered(PRIVATE, D(2023, 3, 1), "england", claimed_on=D(2024, 2, 1))
        assert inside.covered
        assert after.outcome is Outcome.NOT_COVERED

    def test_claims_made_refuses_an_incident_before_the_retroactive_date(self):
        """An incident before the retroactive date is not covered, whenever claimed."""
        year = MembershipPeriod(
            POLICY, Period(D(2023, 1, 1), D(2024, 1, 1)), retroactive_date=D(2022, 7, 1)
        )
        held = Portfolio((year,))
        before = held.is_covered(PRIVATE, D(2022, 6, 30), "england", claimed_on=D(2023, 2, 1))
        nose = held.is_covered(PRIVATE, D(2022, 7, 1), "england", claimed_on=D(2023, 2, 1))
        assert before.outcome is Outcome.NOT_COVERED
        assert nose.covered

    def test_run_off_extends_the_claim_window(self):
        """Run-off answers for claims made after the policy ends, until the run-off ends."""
        year = MembershipPeriod(
            POLICY, Period(D(2023, 1, 1), D(2024, 1, 1)), run_off_end=D(2031, 1, 1)
        )
        held = Portfolio((year,))
        assert held.is_covered(
            PRIVATE, D(2023, 3, 1), "england", claimed_on=D(2030, 12, 31)
        ).covered
        last = held.is_covered(PRIVATE, D(2023, 3, 1), "england", claimed_on=D(2031, 1, 1))
        assert last.outcome is Outcome.NOT_COVERED

    def test_without_a_claim_date_claims_made_states_its_window(self):
        """Without a claim date, claims-made cover is undetermined, with its window as data."""
        decision = career().is_covered(PRIVATE, D(2024, 3, 1), "england")
        assert decision.outcome is Outcome.UNDETERMINED
        assert decision.missing == {CLAIM_DATE}
        assert decision.claim_windows == (Period(D(2024, 3, 1), D(2026, 1, 1)),)
        assert to_data(decision)["claim_windows"] == [{"start": "2024-03-01", "end": "2026-01-01"}]
        assert "Covered if the claim is made from 2024-03-01 and before 2026-01-01." in (
            decision.explain()
        )

    def test_renewals_keep_the_first_retroactive_date(self):
        """A claim in the third policy year about a first-year incident is covered."""
        decision = career().is_covered(PRIVATE, D(2023, 2, 1), "england", claimed_on=D(2025, 6, 1))
        assert decision.covered
        assert [g.membership for g in decision.grounds] == ["Policy 2025-01-01 to 2025-12-31"]

    def test_no_window_when_the_claims_made_cover_waits_on_a_fact(self):
        """Claim windows promise cover; a condition still unknown makes no promise."""
        fact_cover = attrs.evolve(
            POLICY.covers[0],
            requires=(requirement(Is("supervised", True), "supervised", SOURCE),),
        )
        waiting = attrs.evolve(POLICY, covers=(fact_cover,))
        held = Portfolio((MembershipPeriod(waiting, Period(D(2023, 1, 1), D(2024, 1, 1))),))
        decision = held.is_covered(PRIVATE, D(2023, 3, 1), "england")
        assert decision.outcome is Outcome.UNDETERMINED
        assert decision.missing == {CLAIM_DATE, "supervised"}
        assert decision.claim_windows == ()

    @given(portfolio=window_portfolios, activity=window_activities, on=window_days())
    def test_claim_windows_are_exactly_the_claim_dates_that_would_cover(
        self, portfolio, activity, on
    ):
        """For an undetermined answer, a claim date covers if and only if it is in a window."""
        decision = portfolio.is_covered(activity, on, "england")
        if decision.outcome is not Outcome.UNDETERMINED:
            assert decision.claim_windows == ()
            return
        for claim in critical_dates(portfolio, on, on + dt.timedelta(days=400)):
            answer = portfolio.is_covered(activity, on, "england", claimed_on=claim)
            assert answer.covered == any(claim in w for w in decision.claim_windows)


# --- timelines on a line of incident dates --------------------------------------------------


class TestLine:
    """Without a claim horizon a timeline is a line of incident dates."""

    def test_a_career_in_stretches(self):
        """Covered, a gap, claims-made (undetermined, with its window), covered."""
        timeline = Timeline.of(career(), PRIVATE, "england", SPAN)
        shown = [(s.outcome, str(s.incidents)) for s in timeline.stretches]
        assert shown == [
            (Outcome.COVERED, "2020-01-01 to 2022-11-30"),
            (Outcome.NOT_COVERED, "2022-12-01 to 2022-12-31"),
            (Outcome.UNDETERMINED, "2023-01-01 to 2023-12-31"),
            (Outcome.UNDETERMINED, "2024-01-01 to 2024-12-31"),
            (Outcome.UNDETERMINED, "2025-01-01 to 2025-12-31"),
            (Outcome.COVERED, "2026-01-01 to 2027-12-31"),
        ]
        first_year = timeline.undetermined[0]
        assert first_year.missing == {CLAIM_DATE}
        assert first_year.claim_windows == (Period(D.min, D(2026, 1, 1)),)
        assert len(first_year.memberships) == 3

    def test_a_membership_held_now_is_open_before_the_date_it_is_known_held(self):
        """Start unknown: the stretch before the known date waits on held_since, not a gap."""
        now = Portfolio((MembershipPeriod(MDO, Period(D(2024, 1, 1)), start_known=False),))
        span = Period(D(2022, 1, 1), D(2025, 1, 1))
        timeline = Timeline.of(now, PRIVATE, "england", span)
        shown = [(s.outcome, str(s.incidents), s.missing) for s in timeline.stretches]
        assert shown == [
            (Outcome.UNDETERMINED, "2022-01-01 to 2023-12-31", {HELD_SINCE}),
            (Outcome.COVERED, "2024-01-01 to 2024-12-31", frozenset()),
        ]
        assert gaps(now, PRIVATE, "england", span) == ()
        decision = timeline.why(timeline.at(D(2023, 6, 1)))
        assert decision == now.is_covered(PRIVATE, D(2022, 1, 1), "england")
        assert decision.next_question.fact == HELD_SINCE

    def test_gaps_are_the_uncovered_stretches(self):
        """`gaps` gives the month between the occurrence membership and the policy,
        and the policy's years for claims made after its run-off."""
        found = gaps(career(), PRIVATE, "england", SPAN, claim_horizon=D(2040, 1, 1))
        assert [(g.incidents, g.claims) for g in found] == [
            (Period(D(2022, 12, 1), D(2023, 1, 1)), None),
            (Period(D(2023, 1, 1), D(2026, 1, 1)), Period(D(2026, 1, 1), D(2040, 1, 1))),
        ]
        assert found[0].days == 31
        assert all(g.is_gap for g in found)

    def test_gaps_of_claims_made_cover_need_a_horizon(self):
        """Without a claim horizon a lapsed claims-made policy's gaps would not show: refused."""
        err = refusal(lambda: gaps(career(), PRIVATE, "england", SPAN))
        assert err.field == "claim_horizon"
        assert "Policy 2023-01-01 to 2023-12-31" in err.expected

    def test_gaps_of_the_memberships_themselves(self):
        """The memberships in any order, a generator included, give their portfolio's gaps;
        with claims-made cover, a horizon is asked for or used as for the portfolio."""
        held = list(career())
        horizon = D(2040, 1, 1)
        expected = gaps(career(), PRIVATE, "england", SPAN, claim_horizon=horizon)
        given = (m for m in reversed(held))
        assert gaps(given, PRIVATE, "england", SPAN, claim_horizon=horizon) == expected
        err = refusal(lambda: gaps(held[::-1], PRIVATE, "england", SPAN))
        assert err.field == "claim_horizon"
        occurrence = [m for m in held if not m.claims_made]
        assert gaps(occurrence[::-1], PRIVATE, "england", SPAN) == gaps(
            Portfolio(occurrence), PRIVATE, "england", SPAN
        )
        assert gaps([], PRIVATE, "england", "2024-01-01 to 2024-01-31") == gaps(
            Portfolio(), PRIVATE, "england", "2024-01-01 to 2024-01-31"
        )

    def test_gaps_of_memberships_holding_options(self):
        """Given the memberships of a scheme offering an option, only the members holding
        the option the activity needs answer, as in their portfolio."""
        offered = _scheme_of(
            "mdo-plus",
            cover("nhs", activities=("nhs-contracted-care",), territory=("england",)),
            cover(
                "private",
                activities=("private-practice",),
                territory=("england",),
                option="private",
            ),
        )
        held = [
            MembershipPeriod(offered, Period(D(2024, 1, 1), D(2024, 3, 1)), {"private"}),
            MembershipPeriod(offered, Period(D(2024, 3, 1), D(2024, 6, 1))),
            MembershipPeriod(offered, Period(D(2024, 6, 1), D(2024, 9, 1)), {"private"}),
        ]
        span = "2024-01-01 to 2024-12-31"
        found = gaps(held[::-1], PRIVATE, "england", span)
        assert found == gaps(Portfolio(held), PRIVATE, "england", span)
        assert [str(g.incidents) for g in found] == [
            "2024-03-01 to 2024-05-31",
            "2024-09-01 to 2024-12-31",
        ]

    def test_gaps_of_memberships_of_schemes_in_force_for_a_while(self):
        """Given the memberships, a scheme counts only while in force, beside one that does
        not answer at all, as in their portfolio."""
        late = scheme("late", "occurrence", in_force=Period(D(2024, 4, 1)))
        nhs = _scheme_of("nhs", cover("nhs", activities=("nhs-contracted-care",)))
        held = [
            MembershipPeriod(nhs, Period(D(2024, 1, 1))),
            MembershipPeriod(late, Period(D(2024, 1, 1), D(2024, 6, 1))),
            MembershipPeriod(MDO, Period(D(2024, 8, 1), D(2024, 10, 1))),
        ]
        span = "2024-01-01 to 2024-12-31"
        found = gaps(held, PRIVATE, "england", span)
        assert found == gaps(Portfolio(held), PRIVATE, "england", span)
        assert [str(g.incidents) for g in found] == [
            "2024-01-01 to 2024-03-31",
            "2024-06-01 to 2024-07-31",
            "2024-10-01 to 2024-12-31",
        ]

    @pytest.mark.parametrize(
        ("given", "field"),
        [("cnst", "portfolio"), (None, "portfolio"), ("a membership, then text", "portfolio[1]")],
    )
    def test_gaps_of_anything_else_is_refused(self, given, field):
        """Neither a portfolio nor memberships: the library's error, naming what was wrong."""
        if field == "portfolio[1]":
            given = [next(iter(career())), "not a membership"]
        err = refusal(lambda: gaps(given, PRIVATE, "england", SPAN))
        assert err.field == field

    def test_a_span_with_nothing_held_is_one_gap(self):
        """An empty portfolio leaves the whole span uncovered."""
        found = gaps(Portfolio(), PRIVATE, "england", "2024-01-01 to 2024-01-31")
        assert [str(g.incidents) for g in found] == ["2024-01-01 to 2024-01-31"]

    def test_a_scheme_not_in_force_leaves_a_gap(self):
        """A membership of a scheme only counts while the scheme is in force."""
        late = scheme("cnsgp", "occurrence", in_force=Period(D(2019, 4, 1)))
        held = Portfolio((MembershipPeriod(late, Period(D(2018, 1, 1))),))
        found = gaps(held, PRIVATE, "england", Period(D(2018, 1, 1), D(2020, 1, 1)))
        assert [str(g.incidents) for g in found] == ["2018-01-01 to 2019-03-31"]

    def test_work_outside_the_scope_is_a_gap(self):
        """A membership whose scheme does not answer for the activity covers nothing."""
        found = gaps(career(), PRIVATE, "scotland", SPAN)
        assert [g.incidents for g in found] == [SPAN]

    def test_overlaps_are_double_cover(self):
        """Two occurrence memberships held at once are paid for twice."""
        held = Portfolio(
            (
                MembershipPeriod(MDO, Period(D(2024, 1, 1), D(2024, 4, 1)), label="MDO"),
                MembershipPeriod(MDU, Period(D(2024, 3, 1)), label="MDU"),
            )
        )
        (double,) = overlaps(held, PRIVATE, "england", "2024-01-01 to 2024-12-31")
        assert double.incidents == Period(D(2024, 3, 1), D(2024, 4, 1))
        assert [m.label for m in double.memberships] == ["MDO", "MDU"]
        assert double.is_double_cover
        assert "(double cover)" in double.describe()

    def test_explain_lists_each_stretch_and_the_gaps(self):
        """The explanation names the holder, every stretch and a summary of the gaps."""
        text = Timeline.of(career(), PRIVATE, "england", SPAN).explain()
        assert text.startswith("Timeline of Dr A: clinical negligence claim from private-practice")
        assert "GAP: incidents 2022-12-01 to 2022-12-31 (31 days), whenever claimed" in text
        assert "covered if the claim is made before 2026-01-01" in text
        assert "1 gap:" in text
        assert "3 undetermined stretches" in text

    def test_data_is_json(self):
        """A timeline's data is JSON, with each stretch's dates."""
        data = to_data(Timeline.of(career(), PRIVATE, "england", SPAN))
        again = json.loads(json.dumps(data))
        assert again["span"] == {"start": "2020-01-01", "end": "2028-01-01"}
        assert again["stretches"][1] == {
            "outcome": "not-covered",
            "incidents": {"start": "2022-12-01", "end": "2023-01-01"},
            "claims": None,
            "memberships": [],
            "missing": [],
            "claim_windows": [],
        }
        assert again["stretches"][2]["claim_windows"] == [{"start": None, "end": "2026-01-01"}]

    def test_why_gives_the_full_decision(self):
        """`Timeline.why` asks the portfolio at the stretch's first day, with every reason."""
        timeline = Timeline.of(career(), PRIVATE, "england", SPAN)
        decision = timeline.why(timeline.gaps[0])
        assert decision.outcome is Outcome.NOT_COVERED
        assert decision.question.on == D(2022, 12, 1)
        assert len(decision.reasons) == 5

    def test_at_finds_the_stretch_of_a_day(self):
        """`Timeline.at` returns the stretch holding a day, and refuses a day outside the span."""
        timeline = Timeline.of(career(), PRIVATE, "england", SPAN)
        assert timeline.at(D(2022, 12, 25)).is_gap
        err = refusal(lambda: timeline.at(D(2030, 1, 1)))
        assert (err.field, err.expected) == ("on", "a date in the span 2020-01-01 to 2027-12-31")


class TestRecord:
    """A timeline records what was asked: the portfolio, the situation, the span and horizon."""

    def test_fields(self):
        """Timeline.of keeps the portfolio and the question's parts, read in its vocabulary."""
        held = career()
        timeline = Timeline.of(held, PRIVATE, "england", "2020-01-01 to 2027-12-31")
        assert timeline.portfolio is held
        assert (timeline.span, timeline.claim_horizon) == (SPAN, None)
        assert timeline.activity == PRIVATE
        assert timeline.jurisdiction == "england"
        assert timeline.matter == "clinical-negligence"
        assert timeline.situation.matter is timeline.matter

    def test_another_matter(self):
        """A matter may be named; the stretches answer for it."""
        timeline = Timeline.of(career(), PRIVATE, "england", SPAN, matter="complaint")
        assert timeline.matter == "complaint"
        assert [g.incidents for g in timeline.gaps] == [Period(D(2022, 12, 1), D(2023, 1, 1))]

    def test_a_stretch_in_words_and_numbers(self):
        """A stretch counts its days, knows its points and describes itself."""
        timeline = Timeline.of(career(), PRIVATE, "england", SPAN)
        gap = timeline.gaps[0]
        assert (gap.days, gap.covered, gap.is_gap, gap.is_double_cover) == (31, False, True, False)
        assert gap.contains(D(2022, 12, 31))
        assert not gap.contains(D(2023, 1, 1))
        assert (
            gap.describe() == "GAP: incidents 2022-12-01 to 2022-12-31 (31 days), whenever claimed"
        )
        first_year = timeline.undetermined[0]
        assert first_year.describe() == (
            "undetermined: incidents 2023-01-01 to 2023-12-31 (365 days), whenever claimed;"
            " might be covered by Policy 2023-01-01 to 2023-12-31;"
            " Policy 2024-01-01 to 2024-12-31; Policy 2025-01-01 to 2025-12-31;"
            " covered if the claim is made before 2026-01-01; to settle it, find out: claimed_on"
        )


class TestPlane:
    """With a claim horizon a timeline maps the plane of incident and claim dates."""

    def test_claims_made_to_occurrence_without_run_off(self):
        """The policy years' incidents are uncovered for claims made after the policy ends."""
        timeline = Timeline.of(career(), PRIVATE, "england", SPAN, claim_horizon=D(2035, 1, 1))
        gaps = [
            (str(g.incidents), None if g.claims is None else str(g.claims)) for g in timeline.gaps
        ]
        assert gaps == [
            ("2022-12-01 to 2022-12-31", None),
            ("2023-01-01 to 2025-12-31", "2026-01-01 to 2034-12-31"),
        ]
        assert "claimed from 2026-01-01 and before 2035-01-01" in timeline.gaps[1].describe()
        assert timeline.undetermined == ()

    def test_gaps_in_the_plane_match_the_timeline(self):
        """`gaps` with a horizon gives the timeline's gaps."""
        held = career()
        horizon = D(2035, 1, 1)
        timeline = Timeline.of(held, PRIVATE, "england", SPAN, claim_horizon=horizon)
        assert gaps(held, PRIVATE, "england", SPAN, claim_horizon=horizon) == timeline.gaps

    def test_run_off_to_the_horizon_closes_the_gap(self):
        """Seven years of run-off to the horizon leave the policy years covered."""
        years = renewals(POLICY, D(2023, 1, 1), count=3, run_off_end=D(2033, 1, 1))
        held = Portfolio((*years, MembershipPeriod(MDU, Period(D(2026, 1, 1)))))
        span = Period(D(2023, 1, 1), D(2028, 1, 1))
        assert gaps(held, PRIVATE, "england", span, claim_horizon=D(2033, 1, 1)) == ()

    def test_claims_made_double_cover_shows_only_in_the_plane(self):
        """Prior-acts cover over occurrence years is double cover for claims it answers."""
        held = Portfolio(
            (
                MembershipPeriod(MDO, Period(D(2022, 1, 1), D(2023, 1, 1)), label="MDO"),
                MembershipPeriod(
                    POLICY, Period(D(2023, 1, 1)), retroactive_date=D(2022, 1, 1), label="Policy"
                ),
            )
        )
        span = Period(D(2022, 1, 1), D(2023, 1, 1))
        assert overlaps(held, PRIVATE, "england", span) == ()
        (double,) = overlaps(held, PRIVATE, "england", span, claim_horizon=D(2030, 1, 1))
        assert double.claims == Period(D(2023, 1, 1), D(2030, 1, 1))

    def test_at_needs_a_claim_date_in_the_plane(self):
        """In the plane, a point needs a claim date from the incident to the horizon."""
        timeline = Timeline.of(career(), PRIVATE, "england", SPAN, claim_horizon=D(2035, 1, 1))
        assert timeline.at(D(2024, 1, 1), D(2027, 1, 1)).is_gap
        assert timeline.at(D(2024, 1, 1), D(2025, 1, 1)).covered
        err = refusal(lambda: timeline.at(D(2024, 1, 1), D(2023, 1, 1)))
        assert (err.field, err.expected) == (
            "claimed_on",
            "a date from 2024-01-01 and before the horizon 2035-01-01",
        )


class TestValidation:
    """A span, a horizon and a stretch are checked at the door."""

    def test_a_span_needs_an_end(self):
        """An open span is refused, naming the field."""
        open_span = Period(D(2020, 1, 1))
        err = refusal(lambda: gaps(career(), PRIVATE, "england", open_span))
        assert (err.field, err.expected, err.got) == ("span", "a Period with an end", open_span)

    def test_a_span_may_be_text(self):
        """A span may be given as ``START..END``."""
        (gap,) = gaps(career(), PRIVATE, "england", "2022-12-01 to 2022-12-31")
        assert gap.days == 31
        assert gaps(career(), PRIVATE, "england", "2022-12-01..2023-01-01") == (gap,)

    def test_a_horizon_before_the_end_of_the_span_is_refused(self):
        """The claim horizon may not come before the last incident date asked."""
        err = refusal(
            lambda: Timeline.of(career(), PRIVATE, "england", SPAN, claim_horizon=D(2027, 1, 1))
        )
        assert (err.field, err.expected, err.got) == (
            "claim_horizon",
            "a date on or after the end of the span 2028-01-01",
            D(2027, 1, 1),
        )

    def test_a_datetime_horizon_is_refused(self):
        """A datetime is not a date here either."""
        late = dt.datetime(2030, 1, 1)
        err = refusal(lambda: gaps(career(), PRIVATE, "england", SPAN, claim_horizon=late))
        assert (err.field, err.expected) == ("claim_horizon", "a date (not a datetime)")

    def test_a_bad_question_is_refused(self):
        """An unknown jurisdiction raises the library's own error."""
        err = refusal(lambda: Timeline.of(career(), PRIVATE, "atlantis", SPAN), UnknownNameError)
        assert (err.field, err.got) == ("jurisdiction", "atlantis")

    def test_not_a_portfolio(self):
        """Only a portfolio has a timeline."""
        err = refusal(lambda: Timeline.of(career().memberships, PRIVATE, "england", SPAN))
        assert (err.field, err.expected) == ("portfolio", "a Portfolio")


# --- properties -------------------------------------------------------------------------


class TestProperties:
    """What every timeline of every portfolio satisfies."""

    @given(
        portfolio=window_portfolios,
        activity=window_activities,
        jurisdiction=jurisdictions,
        matter=matters,
        span=window_spans(),
    )
    def test_stretches_partition_the_span_and_agree_with_is_covered_day_by_day(
        self, portfolio, activity, jurisdiction, matter, span
    ):
        """Stretches tile the span; on every day each agrees with `is_covered`."""
        timeline = Timeline.of(portfolio, activity, jurisdiction, span, matter=matter)
        stretches = timeline.stretches
        assert stretches[0].incidents.start == span.start
        assert stretches[-1].incidents.end == span.end
        for before, after in itertools.pairwise(stretches):
            assert before.incidents.end == after.incidents.start
        day, i = span.start, 0
        while day < span.end:
            while day not in stretches[i].incidents:
                i += 1
            stretch = stretches[i]
            decision = portfolio.is_covered(activity, day, jurisdiction, matter=matter)
            assert stretch.outcome is decision.outcome
            if decision.covered:
                assert grounds_of(stretch.memberships, decision.question) == decision.grounds
            if decision.outcome is Outcome.UNDETERMINED:
                assert stretch.missing == decision.missing
                assert clipped(stretch.claim_windows, day) == decision.claim_windows
            day += dt.timedelta(days=1)

    @given(
        portfolio=window_portfolios,
        activity=window_activities,
        span=window_spans(),
        extra=st.integers(0, 120),
    )
    def test_regions_partition_the_claim_plane_and_agree_with_is_covered(
        self, portfolio, activity, span, extra
    ):
        """Regions tile the plane exactly; at every critical point each agrees with `is_covered`."""
        horizon = span.end + dt.timedelta(days=extra)
        timeline = Timeline.of(portfolio, activity, "england", span, claim_horizon=horizon)
        regions = timeline.stretches
        total = sum((horizon - d).days for d in _days(span))
        assert sum(pairs(r, horizon) for r in regions) == total
        for i, a in enumerate(regions):
            for b in regions[i + 1 :]:
                assert not overlap(a, b, horizon)
        incidents = critical_dates(portfolio, span.start, span.end)  # type: ignore[arg-type]
        for on in incidents:
            for claim in critical_dates(portfolio, on, horizon):
                decision = portfolio.is_covered(activity, on, "england", claimed_on=claim)
                region = timeline.at(on, claim)
                assert region.outcome is decision.outcome
                if decision.covered:
                    assert grounds_of(region.memberships, decision.question) == decision.grounds

    @given(
        portfolio=window_portfolios,
        activity=window_activities,
        span=window_spans(),
        horizon=st.none() | st.integers(0, 120),
    )
    def test_gaps_are_the_timelines_gaps(self, portfolio, activity, span, horizon):
        """The fast gap sweep finds exactly the timeline's gaps, with or without a horizon."""
        end = None if horizon is None else span.end + dt.timedelta(days=horizon)
        timeline = Timeline.of(portfolio, activity, "england", span, claim_horizon=end)
        if end is None and _turns_on_claim_date(portfolio, activity, span):
            # claims-made cover's gaps show only in later claims: a horizon is needed
            with pytest.raises(InvalidFieldError) as caught:
                gaps(portfolio, activity, "england", span)
            assert caught.value.field == "claim_horizon"
        else:
            assert gaps(portfolio, activity, "england", span, claim_horizon=end) == timeline.gaps
        assert overlaps(portfolio, activity, "england", span, claim_horizon=end) == (
            timeline.overlaps
        )

    @given(
        portfolio=window_portfolios,
        activity=window_activities,
        span=window_spans(),
        horizon=st.none() | st.integers(0, 120),
        data=st.data(),
    )
    def test_the_answer_does_not_depend_on_the_order_of_memberships(
        self, portfolio, activity, span, horizon, data
    ):
        """Shuffling the memberships changes neither the timeline nor its gaps."""
        end = None if horizon is None else span.end + dt.timedelta(days=horizon)
        shuffled = Portfolio(data.draw(st.permutations(portfolio.memberships)))
        ours = Timeline.of(portfolio, activity, "england", span, claim_horizon=end)
        theirs = Timeline.of(shuffled, activity, "england", span, claim_horizon=end)
        assert to_data(ours) == to_data(theirs)
        assert ours.stretches == theirs.stretches
        if end is not None or not _turns_on_claim_date(portfolio, activity, span):
            assert gaps(shuffled, activity, "england", span, claim_horizon=end) == gaps(
                portfolio, activity, "england", span, claim_horizon=end
            )

    @given(
        portfolio=window_portfolios,
        activity=window_activities,
        span=window_spans(),
        horizon=st.none() | st.integers(0, 120),
        data=st.data(),
    )
    def test_gaps_of_the_memberships_in_any_order_are_their_portfolios(
        self, portfolio, activity, span, horizon, data
    ):
        """`gaps` given the memberships themselves, shuffled (and some held twice, as equal
        schemes made apart), finds the gaps of their portfolio, or refuses as it does."""
        end = None if horizon is None else span.end + dt.timedelta(days=horizon)
        given = list(data.draw(st.permutations(portfolio.memberships)))
        if given:  # equal schemes held as other objects: one, or more than a career's handful
            first = given[0]
            copies = data.draw(st.sampled_from([0, 1, 9]))
            given.extend(
                attrs.evolve(first, scheme=attrs.evolve(first.scheme)) for _ in range(copies)
            )
        expected_portfolio = Portfolio(given)
        if end is None and _turns_on_claim_date(expected_portfolio, activity, span):
            with pytest.raises(InvalidFieldError) as caught:
                gaps(iter(given), activity, "england", span)
            assert caught.value.field == "claim_horizon"
        else:
            assert gaps(iter(given), activity, "england", span, claim_horizon=end) == gaps(
                expected_portfolio, activity, "england", span, claim_horizon=end
            )


def _turns_on_claim_date(portfolio: Portfolio, activity: Activity, span: Period) -> bool:
    asked = Situation.ask(activity, "england", vocabulary=portfolio.vocabulary)
    return any(m.turns_on_claim_date(asked, span) for m in portfolio.memberships)


def _days(span: Period):
    day = span.start
    while day < span.end:  # type: ignore[operator]
        yield day
        day += dt.timedelta(days=1)
