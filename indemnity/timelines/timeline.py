"""Cover over time: which incidents a portfolio answers for, and where the gaps are.

A `Timeline` answers the question every user asks for every incident date of
a span at once: for one activity, jurisdiction and matter, it splits the span
into `Stretch`es, each COVERED, NOT_COVERED (a gap) or UNDETERMINED.

Two dates matter. Occurrence cover depends on the incident date only;
claims-made cover also on the claim date. So a timeline is drawn in one of
two ways:

- **Without a claim horizon**, it is a line of incident dates, and each
  stretch agrees with `Portfolio.is_covered(activity, day, ...)` asked
  without a claim date. Incidents that only claims-made cover answers for are
  UNDETERMINED: the stretch names the claim date among its missing facts and
  gives its `claim_windows` ("covered if the claim is made before 2026-01-01").
- **With a claim horizon**, it is a map of the plane of (incident date,
  claim date) pairs, claims from the incident up to the horizon (excluded).
  Each stretch is a region: its incidents, and its claims (None when the
  answer does not turn on the claim date). A claim is never made before its
  incident, so a claims period starting at `date.min` (shown
  ``..2026-01-01``) reads "claimed before 2026-01-01". Each region agrees
  with `Portfolio.is_covered(activity, day, ..., claimed_on=claim)`.

UNDETERMINED stretches are neither covered nor gaps: they are listed apart
(`Timeline.undetermined`), each with the facts that would settle it.

The answers come from the portfolio's `DateIndex`: each scheme answers the
situation once, and the answer is worked out once per segment between two
dates where some membership's answer can change, never day by day.
"""

from __future__ import annotations

import datetime as _dt
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from itertools import compress, pairwise, repeat
from operator import attrgetter, is_, is_not, itemgetter
from typing import Any, NamedTuple

import attrs

from indemnity._records import fields_repr
from indemnity._validate import check_date
from indemnity.errors import InvalidFieldError
from indemnity.holdings.membership import INCIDENT_DAYS, PACKED_DAYS, MembershipPeriod
from indemnity.holdings.portfolio import Portfolio, group_memberships, vocabulary_of
from indemnity.model.activity import Activity
from indemnity.model.basis import Basis
from indemnity.model.decision import Decision, Outcome, claims_text
from indemnity.model.period import Period
from indemnity.model.question import Question, Situation
from indemnity.model.terms import Fact, Jurisdiction, Matter
from indemnity.model.vocabulary import Vocabulary
from indemnity.rules.scheme import Scheme
from indemnity.timelines._union import numpy_for, uncovered, uncovered_packed
from indemnity.timelines.index import NEVER, DateIndex, Window, day_number

__all__ = ["Stretch", "Timeline", "gaps", "overlaps", "plane_by_dates"]

_MIN = _dt.date.min
_MAX = _dt.date.max
_NOT_COVERED = Outcome.NOT_COVERED
_ALWAYS = Period.always()
_NONE: frozenset[Fact] = frozenset()


@attrs.frozen
class Stretch:
    """Incident dates (and, in the claim plane, claim dates) with one answer.

    Attributes:
        outcome: COVERED, NOT_COVERED (a gap) or UNDETERMINED.
        incidents: The incident dates, end excluded.
        claims: None when the answer does not turn on the claim date (up to
            the horizon, if one was asked); otherwise the claim dates of this
            region. A claim is never before its incident, so a start of
            `date.min` means "from the incident".
        memberships: COVERED: the memberships that cover (two or more is
            double cover); UNDETERMINED: those that might.
        missing: UNDETERMINED: the facts that would settle it (the claim date
            among them when the answer waits on it).
        claim_windows: UNDETERMINED for want of a claim date: the claim dates
            for which claims-made cover answers, with the same convention as
            `claims`.

    A stretch is a record the timeline builds: its fields are not checked again.
    """

    __repr__ = fields_repr

    outcome: Outcome
    incidents: Period
    claims: Period | None = None
    memberships: tuple[MembershipPeriod, ...] = ()
    missing: frozenset[Fact] = _NONE
    claim_windows: tuple[Period, ...] = ()

    @property
    def covered(self) -> bool:
        """Whether something covers here (the outcome is COVERED)."""
        return self.outcome is Outcome.COVERED

    @property
    def is_gap(self) -> bool:
        """Whether nothing covers here (the outcome is NOT_COVERED)."""
        return self.outcome is Outcome.NOT_COVERED

    @property
    def is_double_cover(self) -> bool:
        """Whether two or more memberships cover here: paying twice."""
        return self.outcome is Outcome.COVERED and len(self.memberships) > 1

    @property
    def days(self) -> int:
        """The number of incident dates in the stretch."""
        return (self.incidents.end - self.incidents.start).days  # type: ignore[operator]

    def contains(self, on: _dt.date, claimed_on: _dt.date | None = None) -> bool:
        """Whether the incident date `on` (claimed on `claimed_on`) falls in the stretch.

        Args:
            on: The incident date.
            claimed_on: The claim date; needed only when `claims` is set.

        Returns:
            True when the point lies in the stretch.

        Raises:
            InvalidFieldError: a date is not a `date`.
        """
        day = check_date("on", on)
        if day not in self.incidents:
            return False
        if self.claims is None:
            return True
        if claimed_on is None:
            return False
        claim = check_date("claimed_on", claimed_on)
        return claim >= day and claim in self.claims

    def describe(self) -> str:
        """The stretch in one line: its answer, its dates and who covers."""
        head = {
            Outcome.COVERED: "covered",
            Outcome.NOT_COVERED: "GAP",
            Outcome.UNDETERMINED: "undetermined",
        }[self.outcome]
        days = f"{self.days:,} day" + ("" if self.days == 1 else "s")
        text = f"{head}: incidents {self.incidents} ({days}), {_claims_words(self.claims)}"
        if self.memberships:
            names = "; ".join(m.describe() for m in self.memberships)
            verb = "by" if self.outcome is Outcome.COVERED else "might be covered by"
            text += f"; {verb} {names}"
            if self.is_double_cover:
                text += " (double cover)"
        if self.claim_windows:
            text += f"; covered if the claim is made {claims_text(self.claim_windows)}"
        if self.missing:
            text += f"; to settle it, find out: {', '.join(sorted(f.name for f in self.missing))}"
        return text


def _claims_words(claims: Period | None) -> str:
    if claims is None:
        return "whenever claimed"
    return "claimed " + claims_text((claims,))


@attrs.frozen
class Timeline:
    """A portfolio's answers over a span of incident dates, for one situation.

    Build one with `Timeline.of`. The stretches partition the span (or, with
    a claim horizon, the plane of incident and claim dates) exactly, sorted
    by incident date, then claim date.

    Attributes:
        portfolio: The portfolio asked.
        situation: What was done, where, and the kind of matter.
        span: The incident dates asked about, end excluded.
        claim_horizon: The claim date up to which (excluded) claims are
            considered, or None for the line of incident dates alone.
        stretches: Every stretch, covered, gap or undetermined.
    """

    __repr__ = fields_repr

    portfolio: Portfolio
    situation: Situation
    span: Period
    claim_horizon: _dt.date | None
    stretches: tuple[Stretch, ...]

    @classmethod
    def of(
        cls,
        portfolio: Portfolio,
        activity: Activity,
        jurisdiction: Jurisdiction | str,
        span: Period | str,
        *,
        matter: Matter | str | None = None,
        claim_horizon: _dt.date | None = None,
    ) -> Timeline:
        """The answers of `portfolio` over a span of incident dates.

        Without `claim_horizon`, each incident date is judged as `is_covered`
        judges it without a claim date, so incidents only claims-made cover
        answers for are UNDETERMINED, with their claim windows. With it, the
        plane of incident and claim dates is mapped, claims up to the horizon.

        Args:
            portfolio: The portfolio to ask.
            activity: What was done.
            jurisdiction: Where: a `Jurisdiction` or its name.
            span: The incident dates to ask about: a `Period` with an end, or
                text such as ``"2020-01-01..2030-01-01"``.
            matter: What kind of matter; None for the vocabulary's default.
            claim_horizon: Map the plane of incident and claim dates, for
                claims made before this date (on or after the span's end);
                None for incident dates alone.

        Returns:
            The timeline; its stretches partition the span (or the plane).

        Raises:
            InvalidFieldError: the span has no end, the horizon is before the
                span's end, or a part of the question is invalid.
        """
        situation, window, horizon = _check(
            portfolio, activity, jurisdiction, span, matter, claim_horizon
        )
        index = DateIndex(portfolio.memberships)
        if horizon is None:
            stretches = _line(index, situation, window)
        else:
            stretches = _plane(index, situation, window, horizon)
        return cls(portfolio, situation, window, horizon, stretches)

    @property
    def activity(self) -> Activity:
        """What was done."""
        return self.situation.activity

    @property
    def jurisdiction(self) -> Jurisdiction:
        """Where."""
        return self.situation.jurisdiction

    @property
    def matter(self) -> Matter:
        """What kind of matter."""
        return self.situation.matter

    @property
    def gaps(self) -> tuple[Stretch, ...]:
        """The stretches nothing covers."""
        return tuple(s for s in self.stretches if s.outcome is Outcome.NOT_COVERED)

    @property
    def covered(self) -> tuple[Stretch, ...]:
        """The stretches something covers."""
        return tuple(s for s in self.stretches if s.outcome is Outcome.COVERED)

    @property
    def undetermined(self) -> tuple[Stretch, ...]:
        """The stretches whose answer waits on a fact (or, without a horizon, the claim date)."""
        return tuple(s for s in self.stretches if s.outcome is Outcome.UNDETERMINED)

    @property
    def overlaps(self) -> tuple[Stretch, ...]:
        """The covered stretches where two or more memberships cover: double cover."""
        return tuple(s for s in self.stretches if s.is_double_cover)

    def at(self, on: _dt.date, claimed_on: _dt.date | None = None) -> Stretch:
        """The stretch holding incident date `on` (claimed on `claimed_on`, with a horizon).

        Args:
            on: An incident date inside the span.
            claimed_on: With a claim horizon: a claim date from `on` to the horizon.

        Returns:
            The one stretch that holds the point.

        Raises:
            InvalidFieldError: the point is outside what the timeline maps.
        """
        day = check_date("on", on)
        if day not in self.span:
            raise InvalidFieldError("on", f"a date in the span {self.span}", day)
        if self.claim_horizon is not None:
            claim = check_date("claimed_on", claimed_on)
            if not day <= claim < self.claim_horizon:
                expected = f"a date from {day} and before the horizon {self.claim_horizon}"
                raise InvalidFieldError("claimed_on", expected, claim)
        for stretch in self.stretches:
            if stretch.contains(day, claimed_on):
                return stretch
        raise AssertionError(day, claimed_on)  # pragma: no cover - the stretches partition

    def why(self, stretch: Stretch) -> Decision:
        """The full decision, with every reason and source, at the first point of `stretch`.

        Args:
            stretch: One of this timeline's stretches.

        Returns:
            The portfolio's decision for the stretch's first incident date
            (claimed on the first claim date of the region, if it has one).
        """
        on = stretch.incidents.start
        claimed_on: _dt.date | None = None
        if self.claim_horizon is not None:
            claimed_on = on if stretch.claims is None else max(on, stretch.claims.start)
        return self.portfolio.decide(Question(self.situation, on, claimed_on))

    def explain(self) -> str:
        """The timeline in readable lines: what is asked, each stretch, and a summary."""
        who = self.portfolio.holder or "the portfolio"
        plane = (
            f", claims made before {self.claim_horizon}"
            if self.claim_horizon is not None
            else ", whenever claimed"
        )
        lines = [f"Timeline of {who}: {self.situation.describe()}, incidents {self.span}{plane}."]
        lines.extend(f"  {s.describe()}" for s in self.stretches)
        gaps_, double, open_ = self.gaps, self.overlaps, self.undetermined
        if gaps_:
            lines.append(f"{len(gaps_)} gap{'s' if len(gaps_) > 1 else ''}:")
            lines.extend(f"  - incidents {g.incidents}, {_claims_words(g.claims)}" for g in gaps_)
        else:
            lines.append("No gaps.")
        if open_:
            lines.append(
                f"{len(open_)} undetermined stretch{'es' if len(open_) > 1 else ''}"
                " (neither covered nor a gap until the facts are known)."
            )
        if double:
            lines.append(f"Double cover in {len(double)} stretch{'es' if len(double) > 1 else ''}.")
        return "\n".join(lines)


def turning_on_claim_date(
    portfolio: Portfolio, situation: Situation, span: Period
) -> tuple[MembershipPeriod, ...]:
    """The memberships whose answers for incidents in `span` may turn on the claim date.

    Claims-made cover, and heads of cover answering claims made within dates
    of their own, that could answer `situation` for some incident in `span`:
    their gaps show only in the plane of incident and claim dates.
    """
    return tuple(m for m in portfolio.memberships if m.turns_on_claim_date(situation, span))


def gaps(
    portfolio: Portfolio | Iterable[MembershipPeriod],
    activity: Activity,
    jurisdiction: Jurisdiction | str,
    span: Period | str,
    *,
    matter: Matter | str | None = None,
    claim_horizon: _dt.date | None = None,
) -> tuple[Stretch, ...]:
    """The stretches of incident (and claim) dates nothing in `portfolio` covers.

    UNDETERMINED stretches are not gaps; `Timeline.undetermined` lists them.
    Without a horizon the gaps are found by one sort and one sweep: each
    scheme answers the situation once, and the gaps are the span less the
    union of the dates of the memberships that answer yes or maybe.

    Args:
        portfolio: The portfolio to ask; or its memberships, in any order (a
            career's records as they arrive): the same gaps as their
            portfolio's, without putting the memberships in canonical order
            first.
        activity: What was done.
        jurisdiction: Where: a `Jurisdiction` or its name.
        span: The incident dates: a `Period` with an end, or ``"START..END"``.
        matter: What kind of matter; None for the vocabulary's default.
        claim_horizon: Find the uncovered regions of incident and claim
            dates, claims made before this date; None for incident dates
            alone, which only a portfolio whose answers never turn on the
            claim date may ask (claims-made cover left without run-off leaves
            gaps only later claims show).

    Returns:
        The gaps in date order, each a NOT_COVERED `Stretch`.

    Raises:
        InvalidFieldError: see `Timeline.of`; or no `claim_horizon` is given
            for a portfolio holding claims-made cover; or `portfolio` is
            neither a portfolio nor memberships (the field names the first
            item that is not a `MembershipPeriod`).
    """
    if not isinstance(portfolio, Portfolio):
        held = _memberships(portfolio)
        if claim_horizon is not None:  # the plane of claim dates: the portfolio's own way
            portfolio = Portfolio(tuple(held))
        else:
            return _gaps_of_list(held, activity, jurisdiction, span, matter)
    situation, window, horizon = _check(
        portfolio, activity, jurisdiction, span, matter, claim_horizon
    )
    if horizon is not None:
        plane = _plane(DateIndex(portfolio.memberships), situation, window, horizon)
        return tuple(s for s in plane if s.is_gap)
    return _swept(portfolio.by_scheme, portfolio.incident_days, situation, window)


_FIRST, _SECOND = itemgetter(0), itemgetter(1)
_SCHEME = attrgetter("scheme")
_NO_OPTIONS: frozenset[str] = frozenset()
_FEW = 8
_LAST_DAY = _MAX.toordinal()


def _gaps_of_list(
    held: Sequence[MembershipPeriod],
    activity: Activity,
    jurisdiction: Jurisdiction | str,
    span: Period | str,
    matter: Matter | str | None,
) -> tuple[Stretch, ...]:
    """`gaps` of memberships in any order, without a horizon: no grouping of every item.

    Only whether each membership's scheme answers matters, so when a career
    holds a handful of schemes offering no options, they are told apart by
    identity in passes at C speed (`map`, `compress`), each answers once, and
    the answering memberships' incident days are read as they come (packed in
    one number each, into numpy, for a long list: `_union`); otherwise the
    memberships are grouped by scheme and options in one pass
    (`group_memberships`), as a `Portfolio` groups them.
    """
    schemes = list(map(_SCHEME, held))
    distinct = _few_distinct(schemes)
    if distinct is None or any(scheme.options for scheme in distinct):
        groups, incident_days = group_memberships(held)
        words = vocabulary_of(group[0].scheme for group in groups)
        situation, window, _ = _check(None, activity, jurisdiction, span, matter, None, words)
        return _swept(groups, incident_days, situation, window)
    words = vocabulary_of(distinct)
    situation, window, _ = _check(None, activity, jurisdiction, span, matter, None, words)
    answering: list[Scheme] = []
    for scheme in distinct:
        if scheme.basis is Basis.CLAIMS_MADE or scheme.claim_dated:
            _refuse_claim_dated([m for m in held if m.scheme is scheme], situation, window)
        if scheme.answer(situation, _NO_OPTIONS).outcome is not Outcome.NOT_COVERED:
            answering.append(scheme)
    a, b = _days_of(window)
    if len(answering) == len(distinct) and all(s.in_force == _ALWAYS for s in answering):
        selected: list[tuple[Iterable[MembershipPeriod], Period]] = [(held, _ALWAYS)]
    else:  # one scheme at a time, each within its dates in force
        selected = [
            (compress(held, map(is_, schemes, repeat(scheme))), scheme.in_force)
            for scheme in answering
        ]
    np = numpy_for(len(held))
    if np is not None:  # each member's days packed in one number, read into numpy
        parts = [
            (np.fromiter(map(PACKED_DAYS, members), np.int64), *_days_of(in_force))
            for members, in_force in selected
        ]
        return _gaps(uncovered_packed(np, parts, a, b))
    ranges: list[tuple[int, int]] = []
    for members, in_force in selected:
        _incident_days(ranges, tuple(map(INCIDENT_DAYS, members)), in_force)
    return _gaps(uncovered(ranges, a, b))


def _days_of(period: Period) -> tuple[int, int]:
    """A period as day numbers: its first day and the day after (`NEVER` for no end)."""
    return period.start.toordinal(), day_number(period.end)


def _few_distinct(schemes: list[Scheme]) -> list[Scheme] | None:
    """The distinct objects among `schemes` in the order first seen; None past `_FEW` of them.

    One pass at C speed per scheme found, each over what is left.
    """
    found: list[Scheme] = []
    rest = schemes
    while rest:
        if len(found) == _FEW:
            return None
        scheme = rest[0]
        found.append(scheme)
        rest = list(compress(rest, map(is_not, rest, repeat(scheme))))
    return found


def _refuse_claim_dated(
    group: Sequence[MembershipPeriod], situation: Situation, window: Period
) -> None:
    """Refuse to find gaps without a horizon when a member's answers turn on the claim date."""
    turning = next((m for m in group if m.turns_on_claim_date(situation, window)), None)
    if turning is not None:
        raise InvalidFieldError(
            "claim_horizon",
            f"a claim horizon, since the gaps of {turning.describe()} turn on the claim date"
            " (claims-made cover, or cover for claims made within dates of its own)",
            None,
        )


def _swept(
    groups: tuple[tuple[MembershipPeriod, ...], ...],
    incident_days: tuple[tuple[tuple[int, int], ...], ...],
    situation: Situation,
    window: Period,
) -> tuple[Stretch, ...]:
    """The gaps in `window`: one sort and one sweep of the answering groups' incident days."""
    ranges: list[tuple[int, int]] = []
    # Per scheme and options, worked out once: whether it answers (yes or
    # maybe), its dates in force, and whether its answers may turn on the claim date.
    for group, days in zip(groups, incident_days, strict=True):
        first = group[0]
        scheme = first.scheme
        if first.claims_made or scheme.claim_dated:
            _refuse_claim_dated(group, situation, window)
        if scheme.answer(situation, first.options).outcome is Outcome.NOT_COVERED:
            continue
        _incident_days(ranges, days, scheme.in_force)
    return _sweep(ranges, window)


def _sweep(ranges: list[tuple[int, int]], window: Period) -> tuple[Stretch, ...]:
    """The gaps in `window` between `ranges` of day numbers (in any order; may be sorted here)."""
    return _gaps(uncovered(ranges, *_days_of(window)))


def _memberships(given: object) -> Sequence[MembershipPeriod]:
    """The memberships `gaps` was given instead of a portfolio, each checked."""
    if isinstance(given, str | bytes | MembershipPeriod) or not isinstance(given, Iterable):
        raise InvalidFieldError(
            "portfolio", "a Portfolio or an iterable of MembershipPeriod", given
        )
    held = given if isinstance(given, list | tuple) else list(given)
    if not all(map(isinstance, held, repeat(MembershipPeriod))):
        i, item = next((i, m) for i, m in enumerate(held) if not isinstance(m, MembershipPeriod))
        raise InvalidFieldError(f"portfolio[{i}]", "a MembershipPeriod", item)
    return held


def _gaps(found: list[tuple[int, int]]) -> tuple[Stretch, ...]:
    """The gaps between day numbers, as stretches (fields of `_gap`, set field by field).

    Thousands may be built: each field is set on every record in one pass at
    C speed (`map` over the slot's setter) rather than record by record.
    """
    k = len(found)
    day = _dt.date.fromordinal
    ends = list(map(_SECOND, found))
    if ends and ends[-1] > _LAST_DAY:  # only the last gap may run to NEVER (the sweep's order)
        ends[-1] = _LAST_DAY
    periods = list(map(_new, repeat(Period, k)))
    _set_all(_set_start, periods, map(day, map(_FIRST, found)))
    _set_all(_set_end, periods, map(day, ends))
    out = tuple(map(_new, repeat(Stretch, k)))
    _set_all(_set_outcome, out, repeat(_NOT_COVERED))
    _set_all(_set_incidents, out, periods)
    _set_all(_set_claims, out, repeat(None))
    _set_all(_set_memberships, out, repeat(()))
    _set_all(_set_missing, out, repeat(_NONE))
    _set_all(_set_claim_windows, out, repeat(()))
    return out


def _set_all(
    setter: Callable[[Any, Any], None], records: Iterable[Any], values: Iterable[Any]
) -> None:
    """Set one slot of each record to the matching value (`setter`: the slot's ``__set__``)."""
    deque(map(setter, records, values), maxlen=0)


def _incident_days(
    out: list[tuple[int, int]], days: tuple[tuple[int, int], ...], in_force: Period
) -> None:
    """Add a group's incident days (`Portfolio.incident_days`) within `in_force` to `out`.

    A membership whose start is unknown may answer (UNDETERMINED) before the
    date it is known to be held on: its days reach back (`MembershipPeriod.reach`).
    """
    if in_force == _ALWAYS:
        out.extend(days)
        return
    first, last = in_force.start.toordinal(), day_number(in_force.end)
    for lo, hi in days:
        start, end = max(lo, first), min(hi, last)
        if start < end:
            out.append((start, end))


def overlaps(
    portfolio: Portfolio,
    activity: Activity,
    jurisdiction: Jurisdiction | str,
    span: Period | str,
    *,
    matter: Matter | str | None = None,
    claim_horizon: _dt.date | None = None,
) -> tuple[Stretch, ...]:
    """The stretches where two or more memberships cover: double cover, paid twice.

    Without `claim_horizon` only cover that does not turn on the claim date
    counts; with it, claims-made cover counts where it answers.

    Raises:
        InvalidFieldError: see `Timeline.of`.
    """
    return Timeline.of(
        portfolio, activity, jurisdiction, span, matter=matter, claim_horizon=claim_horizon
    ).overlaps


def _date(day: int) -> _dt.date:
    return _MAX if day >= NEVER else _dt.date.fromordinal(day)


def _open_date(day: int) -> _dt.date | None:
    return None if day >= NEVER else _dt.date.fromordinal(day)


def _period(start: _dt.date, end: _dt.date | None) -> Period:
    # Only for dates already checked, with start < end: the sweeps build many.
    period = _new(Period)
    _set_start(period, start)
    _set_end(period, end)
    return period


def _gap(lo: int, hi: int) -> Stretch:
    # Built through the slots, like `_period`: the gap sweep builds many.
    gap = _new(Stretch)
    _set_outcome(gap, Outcome.NOT_COVERED)
    _set_incidents(gap, _period(_dt.date.fromordinal(lo), _date(hi)))
    _set_claims(gap, None)
    _set_memberships(gap, ())
    _set_missing(gap, _NONE)
    _set_claim_windows(gap, ())
    return gap


_new = object.__new__
_set_start, _set_end = (Period.__dict__[a.name].__set__ for a in attrs.fields(Period))
(
    _set_outcome,
    _set_incidents,
    _set_claims,
    _set_memberships,
    _set_missing,
    _set_claim_windows,
) = (Stretch.__dict__[a.name].__set__ for a in attrs.fields(Stretch))


def _check(  # noqa: PLR0917 - the parts of a timeline's question, as Timeline.of takes them
    portfolio: Portfolio | None,
    activity: Activity,
    jurisdiction: Jurisdiction | str,
    span: Period | str,
    matter: Matter | str | None,
    claim_horizon: _dt.date | None,
    vocabulary: Vocabulary | None = None,
) -> tuple[Situation, Period, _dt.date | None]:
    if portfolio is not None:
        if not isinstance(portfolio, Portfolio):
            raise InvalidFieldError("portfolio", "a Portfolio", portfolio)
        vocabulary = portfolio.vocabulary
    window = Period.parse(span) if isinstance(span, str) else span
    if not isinstance(window, Period) or window.end is None:
        raise InvalidFieldError("span", "a Period with an end", span)
    situation = Situation.ask(activity, jurisdiction, matter=matter, vocabulary=vocabulary)
    horizon = None
    if claim_horizon is not None:
        horizon = check_date("claim_horizon", claim_horizon)
        if horizon < window.end:
            expected = f"a date on or after the end of the span {window.end}"
            raise InvalidFieldError("claim_horizon", expected, horizon)
    return situation, window, horizon


class _Fields(NamedTuple):
    outcome: Outcome
    memberships: tuple[MembershipPeriod, ...]
    missing: frozenset[Fact]
    windows: tuple[Period, ...]


def _line(index: DateIndex, situation: Situation, window: Period) -> tuple[Stretch, ...]:
    out: list[Stretch] = []
    a, b = window.start.toordinal(), day_number(window.end)
    for lo, hi, candidates in index.sweep(a, b):
        solved = DateIndex.solve(candidates, Question(situation, _dt.date.fromordinal(lo)))
        fields = _Fields(solved.outcome, solved.answering, solved.missing, solved.windows)
        _extend(out, lo, hi, fields)
    return tuple(out)


def _extend(out: list[Stretch], lo: int, hi: int, fields: _Fields) -> None:
    """Append a stretch to `out`, joining it to the last one when they are alike and meet."""
    start, end = _dt.date.fromordinal(lo), _date(hi)
    last = out[-1] if out else None
    if (
        last is not None
        and last.incidents.end == start
        and last.outcome is fields.outcome
        and _same(last.memberships, fields.memberships)
        and last.missing == fields.missing
        and last.claim_windows == fields.windows
    ):
        out[-1] = attrs.evolve(last, incidents=_period(last.incidents.start, end))
        return
    out.append(
        Stretch(
            fields.outcome,
            _period(start, end),
            None,
            fields.memberships,
            fields.missing,
            fields.windows,
        )
    )


def _same(a: tuple[MembershipPeriod, ...], b: tuple[MembershipPeriod, ...]) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


class _Piece(NamedTuple):
    start: int
    end: int
    outcome: Outcome
    ranks: tuple[int, ...]
    missing: frozenset[Fact]
    memberships: tuple[MembershipPeriod, ...]


def _plane(
    index: DateIndex, situation: Situation | None, window: Period, horizon: _dt.date
) -> tuple[Stretch, ...]:
    done: list[Stretch] = []
    open_: dict[tuple[object, ...], Stretch] = {}
    a, b = window.start.toordinal(), day_number(window.end)
    for lo, hi, candidates in index.sweep(a, b):
        pieces = _pieces(candidates, situation, lo, hi, horizon.toordinal())
        whole = len(pieces) == 1
        now: dict[tuple[object, ...], Stretch] = {}
        for piece in pieces:
            claims = None if whole else _period(_claim_date(piece.start), _date(piece.end))
            key = (claims, piece.outcome, piece.ranks, piece.missing)
            last = open_.pop(key, None)
            if last is not None:
                now[key] = attrs.evolve(last, incidents=_period(last.incidents.start, _date(hi)))
            else:
                now[key] = Stretch(
                    piece.outcome,
                    _period(_dt.date.fromordinal(lo), _date(hi)),
                    claims,
                    piece.memberships,
                    piece.missing,
                )
        done.extend(open_.values())
        open_ = now
    done.extend(open_.values())
    return tuple(sorted(done, key=_region_order))


def _claim_date(day: int) -> _dt.date:
    return _MIN if day <= 0 else _dt.date.fromordinal(day)


def _region_order(stretch: Stretch) -> tuple[_dt.date, _dt.date]:
    claims = stretch.claims
    return (stretch.incidents.start, _MIN if claims is None else claims.start)


def _pieces(
    candidates: list[Window], situation: Situation | None, lo: int, hi: int, horizon: int
) -> list[_Piece]:
    """The claim dates of one segment of incidents, cut where the answer changes.

    Every claim window of a candidate opens on or before `lo` or on or after
    `hi` (the segments are cut at window openings), so the first piece runs
    from the incident itself (shown as starting at day 0, `date.min`) and the
    others lie wholly after the segment.
    """
    cuts = {horizon}
    for w in candidates:
        opens_closes = [(w.claim_start, w.claim_end)] if w.claims_made else []
        if situation is not None:
            # heads of cover that answer claims made within dates of their own
            opens_closes.extend(
                (c.claims.start.toordinal(), day_number(c.claims.end))
                for c in w.membership.scheme.dated_covers
            )
        for opens, closes in opens_closes:
            if hi <= opens < horizon:
                cuts.add(opens)
            if closes < horizon:
                cuts.add(closes)
    pieces: list[_Piece] = []
    for c_lo, c_hi in pairwise([0, *sorted(cuts)]):
        first = lo if c_lo == 0 else c_lo
        if situation is None:
            solved = DateIndex.solve_by_dates(candidates, first)
        else:
            asked = Question(situation, _dt.date.fromordinal(lo), _dt.date.fromordinal(first))
            solved = DateIndex.solve(candidates, asked)
        ranks = tuple(_rank(candidates, m) for m in solved.answering)
        last = pieces[-1] if pieces else None
        if last is not None and (last.outcome, last.ranks, last.missing) == (
            solved.outcome,
            ranks,
            solved.missing,
        ):
            pieces[-1] = last._replace(end=c_hi)
        else:
            pieces.append(
                _Piece(c_lo, c_hi, solved.outcome, ranks, solved.missing, solved.answering)
            )
    return pieces


def _rank(candidates: Iterable[Window], m: MembershipPeriod) -> int:
    for w in candidates:
        if w.membership is m:
            return w.rank
    raise AssertionError(m)  # pragma: no cover - solved from these candidates


def plane_by_dates(
    memberships: tuple[MembershipPeriod, ...], span: Period, claim_horizon: _dt.date
) -> tuple[Stretch, ...]:
    """The claim plane of `memberships` judged by their dates alone.

    Each membership is taken to answer for the work wherever its dates allow
    (its period, retroactive date and claim window; schemes' `in_force`
    periods aside): this is the question a switch of provider raises.

    Args:
        memberships: The memberships, in a canonical order.
        span: The incident dates, with an end.
        claim_horizon: Claims made before this date (on or after the span's end).

    Returns:
        The regions of the plane, as `Timeline.stretches` with a horizon.
    """
    return _plane(DateIndex(memberships, in_force=False), None, span, claim_horizon)
