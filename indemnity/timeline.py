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
  UNDETERMINED: the stretch names ``"claimed_on"`` among its missing facts and
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

How it is computed: the answer of a membership depends on the incident date
only through its period, its retroactive date, its claim window and its
scheme's `in_force` period; everything else (scope, territory, conditions,
exclusions) reads the activity alone. So each scheme is asked once per set of
options, the dates where any of these bounds fall are swept in order, and
the answer is worked out once per elementary segment between two of them,
never day by day.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Hashable, Iterable, Sequence
from itertools import pairwise
from operator import itemgetter
from typing import TYPE_CHECKING

import attrs

from indemnity._validate import check_date
from indemnity.activity import Activity
from indemnity.decision import CLAIM_DATE, Decision, Outcome, claims_text
from indemnity.errors import InvalidFieldError
from indemnity.jurisdiction import Jurisdiction
from indemnity.matter import Matter
from indemnity.membership import MembershipPeriod
from indemnity.period import Period, merge_periods
from indemnity.question import Question
from indemnity.scheme import Basis

if TYPE_CHECKING:
    from indemnity.portfolio import Portfolio

__all__ = ["Stretch", "Timeline"]

_MIN = _dt.date.min
_MAX = _dt.date.max
_NONE: frozenset[str] = frozenset()
_CLAIM: frozenset[str] = frozenset({CLAIM_DATE})


def _outcome(value: object) -> Outcome:
    if not isinstance(value, Outcome):
        raise InvalidFieldError("Stretch.outcome", "an Outcome", value)
    return value


def _incidents(value: object) -> Period:
    if not isinstance(value, Period) or value.end is None:
        raise InvalidFieldError("Stretch.incidents", "a Period with an end", value)
    return value


def _claims(value: object) -> Period | None:
    if value is not None and not isinstance(value, Period):
        raise InvalidFieldError("Stretch.claims", "a Period or None", value)
    return value


def _by(value: object) -> tuple[MembershipPeriod, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidFieldError("Stretch.by", "a sequence of MembershipPeriod", value)
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, MembershipPeriod):
            raise InvalidFieldError(f"Stretch.by[{i}]", "a MembershipPeriod", item)
    return items


def _names(value: object) -> frozenset[str]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidFieldError("Stretch.missing", "a set of fact names", value)
    items = frozenset(value)
    for item in items:
        if not isinstance(item, str):
            raise InvalidFieldError("Stretch.missing", "fact names (strings)", item)
    return items


def _windows(value: object) -> tuple[Period, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidFieldError("Stretch.claim_windows", "a sequence of Period", value)
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, Period):
            raise InvalidFieldError(f"Stretch.claim_windows[{i}]", "a Period", item)
    return items


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
        by: COVERED: the memberships that cover (two or more is double
            cover); UNDETERMINED: those that might.
        missing: UNDETERMINED: the facts that would settle it (`Fact` names,
            and ``"claimed_on"`` when the answer waits on the claim date).
        claim_windows: UNDETERMINED for want of a claim date: the claim dates
            for which claims-made cover answers, with the same convention as
            `claims`.

    Raises:
        InvalidFieldError: a field has the wrong type, or `incidents` has no end.
    """

    outcome: Outcome = attrs.field(converter=_outcome)
    incidents: Period = attrs.field(converter=_incidents)
    claims: Period | None = attrs.field(default=None, converter=_claims)
    by: tuple[MembershipPeriod, ...] = attrs.field(default=(), converter=_by)
    missing: frozenset[str] = attrs.field(default=_NONE, converter=_names)
    claim_windows: tuple[Period, ...] = attrs.field(default=(), converter=_windows)

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
        return self.outcome is Outcome.COVERED and len(self.by) > 1

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
        if self.by:
            names = "; ".join(m.describe() for m in self.by)
            verb = "by" if self.outcome is Outcome.COVERED else "might be covered by"
            text += f"; {verb} {names}"
            if self.is_double_cover:
                text += " (double cover)"
        if self.claim_windows:
            text += f"; covered if the claim is made {claims_text(self.claim_windows)}"
        if self.missing:
            text += f"; to settle it, find out: {', '.join(sorted(self.missing))}"
        return text

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict, keys in a fixed order."""
        return {
            "outcome": self.outcome.value,
            "incidents": self.incidents.to_dict(),
            "claims": None if self.claims is None else self.claims.to_dict(),
            "by": [m.describe() for m in self.by],
            "missing": sorted(self.missing),
            "claim_windows": [w.to_dict() for w in self.claim_windows],
        }


def _claims_words(claims: Period | None) -> str:
    if claims is None:
        return "whenever claimed"
    return "claimed " + claims_text((claims,))


@attrs.frozen
class Timeline:
    """A portfolio's answers over a span of incident dates, for one activity.

    Build one with `Portfolio.timeline`. The stretches partition the span
    (or, with a claim horizon, the plane of incident and claim dates) exactly,
    sorted by incident date, then claim date.

    Attributes:
        portfolio: The portfolio asked.
        activity: What was done.
        jurisdiction: Where.
        matter: What kind of matter.
        span: The incident dates asked about, end excluded.
        claim_horizon: The claim date up to which (excluded) claims are
            considered, or None for the line of incident dates alone.
        stretches: Every stretch, covered, gap or undetermined.
    """

    portfolio: Portfolio
    activity: Activity
    jurisdiction: Jurisdiction
    matter: Matter
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
        matter: Matter | str = Matter.CLINICAL_NEGLIGENCE,
        claim_horizon: _dt.date | None = None,
    ) -> Timeline:
        """Work out the timeline of `portfolio`; see `Portfolio.timeline`.

        Args:
            portfolio: The portfolio to ask.
            activity: What was done.
            jurisdiction: Where: a `Jurisdiction` or its name.
            span: The incident dates to ask about: a `Period` with an end, or
                text such as ``"2020-01-01..2030-01-01"``.
            matter: What kind of matter; a clinical negligence claim by default.
            claim_horizon: Map the plane of incident and claim dates, for
                claims made before this date; None for incident dates alone.

        Returns:
            The timeline.

        Raises:
            InvalidFieldError: the span has no end, the horizon is before the
                span's end, or a part of the question is invalid.
        """
        question, window, horizon = _check(activity, jurisdiction, span, matter, claim_horizon)
        parts = _parts(portfolio.memberships, question, window)
        stretches = _line(parts, window) if horizon is None else _plane(parts, window, horizon)
        return cls(
            portfolio,
            question.activity,
            question.jurisdiction,
            question.matter,
            window,
            horizon,
            stretches,
        )

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
        return self.portfolio.is_covered(
            self.activity, on, self.jurisdiction, matter=self.matter, claimed_on=claimed_on
        )

    def explain(self) -> str:
        """The timeline in readable lines: what is asked, each stretch, and a summary."""
        who = self.portfolio.holder or "the portfolio"
        plane = (
            f", claims made before {self.claim_horizon}"
            if self.claim_horizon is not None
            else ", whenever claimed"
        )
        lines = [
            (
                f"Timeline of {who}: {self.matter.label} from {self.activity.kind.value}"
                f" in {self.jurisdiction.label}, incidents {self.span}{plane}."
            )
        ]
        lines.extend(f"  {s.describe()}" for s in self.stretches)
        gaps, double, open_ = self.gaps, self.overlaps, self.undetermined
        if gaps:
            lines.append(f"{len(gaps)} gap{'s' if len(gaps) > 1 else ''}:")
            lines.extend(f"  - incidents {g.incidents}, {_claims_words(g.claims)}" for g in gaps)
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

    def to_dict(self) -> dict[str, object]:
        """A stable, JSON-ready dict of the question and every stretch."""
        return {
            "holder": self.portfolio.holder,
            "activity": {"kind": self.activity.kind.value, "facts": self.activity.facts.to_dict()},
            "jurisdiction": self.jurisdiction.value,
            "matter": self.matter.value,
            "span": self.span.to_dict(),
            "claim_horizon": None if self.claim_horizon is None else self.claim_horizon.isoformat(),
            "stretches": [s.to_dict() for s in self.stretches],
        }


def find_gaps(
    portfolio: Portfolio,
    activity: Activity,
    jurisdiction: Jurisdiction | str,
    span: Period | str,
    *,
    matter: Matter | str = Matter.CLINICAL_NEGLIGENCE,
    claim_horizon: _dt.date | None = None,
) -> tuple[Stretch, ...]:
    """The gaps of `portfolio`'s timeline, computed without the rest; see `Portfolio.gaps`.

    Without a horizon, a gap is where no membership covers or might: the
    complement in the span of the union of the incident dates of the
    memberships whose scheme answers yes or maybe. Each scheme is asked once
    (per set of options), then one sweep runs over the memberships' incident
    dates, which are extracted and sorted once per portfolio.

    Raises:
        InvalidFieldError: see `Timeline.of`.
    """
    question, window, horizon = _check(activity, jurisdiction, span, matter, claim_horizon)
    if horizon is not None:
        parts = _parts(portfolio.memberships, question, window)
        return tuple(s for s in _plane(parts, window, horizon) if s.is_gap)
    a, b = window.start, window.end
    assert b is not None  # noqa: S101 - _check refused an open span
    dates = _dates(portfolio)
    limits: dict[Hashable, tuple[_dt.date, _dt.date]] = {}
    for key, m in dates.firsts.items():
        in_force = m.scheme.in_force
        lo = max(a, in_force.start)
        hi = b if in_force.end is None else min(b, in_force.end)
        if lo < hi:
            asked = attrs.evolve(question, on=lo)
            answer = m.scheme.decide(asked, membership=m, options=m.options)
            if answer.outcome is not Outcome.NOT_COVERED:
                limits[key] = (lo, hi)
    ranges = _answering(dates, limits, a, b)
    bounds: list[tuple[_dt.date, _dt.date]] = []
    reach = a
    for start, end, _ in ranges:
        if start >= b:
            break
        if start > reach:
            bounds.append((reach, start))
        if end > reach:  # noqa: PLR1730 - cheaper than a call to max() in the hot loop
            reach = end
    if reach < b:
        bounds.append((reach, b))
    return _gaps(bounds)


def _answering(
    dates: _Dates, limits: dict[Hashable, tuple[_dt.date, _dt.date]], a: _dt.date, b: _dt.date
) -> list[tuple[_dt.date, _dt.date, Hashable]]:
    """The incident dates of the answering keys, each inside its scheme's `in_force` limits."""
    items = dates.items
    if any(lo > a or hi < b for lo, hi in limits.values()):
        ranges = []
        for start, end, key in items:
            limit = limits.get(key)
            if limit is not None:
                first, last = max(start, limit[0]), min(end, limit[1])
                if first < last:
                    ranges.append((first, last, key))
        ranges.sort(key=itemgetter(0))
        return ranges
    if len(limits) < len(dates.firsts):
        return [item for item in items if item[2] in limits]
    return items


@attrs.frozen
class _Dates:
    """A portfolio's incident dates, extracted once for `find_gaps`.

    Attributes:
        items: (start, end, key) of every membership's incident dates, sorted
            by start; an open end is `date.max`; `key` names the scheme and
            options held.
        firsts: For each key, the first membership holding it.
    """

    items: list[tuple[_dt.date, _dt.date, Hashable]]
    firsts: dict[Hashable, MembershipPeriod]


def _dates(portfolio: Portfolio) -> _Dates:
    """`portfolio`'s incident dates, worked out on first use and kept with it."""
    found = portfolio._incident_dates
    if isinstance(found, _Dates):
        return found
    held = portfolio.memberships
    # Columns by comprehension: a tenth of the cost of one loop doing it all.
    keys: list[Hashable] = [(id(m.scheme), m.options) if m.options else id(m.scheme) for m in held]
    periods = [m.period for m in held]
    starts = [m.retroactive_date or p.start for m, p in zip(held, periods, strict=True)]
    ends = [p.end or _MAX for p in periods]
    firsts = dict(zip(reversed(keys), reversed(held), strict=True))
    items = sorted(zip(starts, ends, keys, strict=True), key=itemgetter(0))
    made = _Dates(items, firsts)
    object.__setattr__(portfolio, "_incident_dates", made)
    return made


def _new_period(start: _dt.date, end: _dt.date | None) -> Period:
    # Only for dates already checked, with start < end: skipping the converters
    # keeps the sweeps within reach of a bare one.
    period = object.__new__(Period)
    object.__setattr__(period, "start", start)
    object.__setattr__(period, "end", end)
    return period


def _gaps(bounds: list[tuple[_dt.date, _dt.date]]) -> tuple[Stretch, ...]:
    """NOT_COVERED stretches from checked (start, end) pairs, built without the converters."""
    new, put, never = object.__new__, object.__setattr__, Outcome.NOT_COVERED
    out = []
    for start, end in bounds:
        period = new(Period)
        put(period, "start", start)
        put(period, "end", end)
        gap = new(Stretch)
        put(gap, "outcome", never)
        put(gap, "incidents", period)
        put(gap, "claims", None)
        put(gap, "by", ())
        put(gap, "missing", _NONE)
        put(gap, "claim_windows", ())
        out.append(gap)
    return tuple(out)


def _check(
    activity: Activity,
    jurisdiction: Jurisdiction | str,
    span: Period | str,
    matter: Matter | str,
    claim_horizon: _dt.date | None,
) -> tuple[Question, Period, _dt.date | None]:
    window = Period.parse(span) if isinstance(span, str) else span
    if not isinstance(window, Period) or window.end is None:
        raise InvalidFieldError("span", "a Period with an end", span)
    question = Question.ask(activity, window.start, jurisdiction, matter=matter)
    horizon = None
    if claim_horizon is not None:
        horizon = check_date("claim_horizon", claim_horizon)
        if horizon < window.end:
            expected = f"a date on or after the end of the span {window.end}"
            raise InvalidFieldError("claim_horizon", expected, horizon)
    return question, window, horizon


@attrs.frozen
class _Part:
    """One membership's share: where it answers, how, and for which claim dates."""

    rank: int
    membership: MembershipPeriod
    covered: bool
    missing: frozenset[str]
    start: _dt.date
    end: _dt.date
    claims_start: _dt.date | None
    claims_end: _dt.date


def _parts(
    memberships: Sequence[MembershipPeriod], question: Question, window: Period
) -> list[_Part]:
    a, b = window.start, window.end
    assert b is not None  # noqa: S101 - _check refused an open span
    answers: dict[tuple[int, frozenset[str]], tuple[Decision | None, _dt.date, _dt.date]] = {}
    parts: list[_Part] = []
    for rank, m in enumerate(memberships):
        key = (id(m.scheme), m.options)
        if key not in answers:
            in_force = m.scheme.in_force
            lo = max(a, in_force.start)
            hi = b if in_force.end is None else min(b, in_force.end)
            decision = None
            if lo < hi:
                asked = attrs.evolve(question, on=lo)
                decision = m.scheme.decide(asked, membership=m, options=m.options)
            answers[key] = (decision, lo, hi)
        decision, lo, hi = answers[key]
        if decision is None or decision.outcome is Outcome.NOT_COVERED:
            continue
        part = _part(rank, m, decision, lo, hi)
        if part is not None:
            parts.append(part)
    return parts


def _part(
    rank: int, m: MembershipPeriod, decision: Decision | None, lo: _dt.date, hi: _dt.date
) -> _Part | None:
    """`m`'s share of the incident dates [lo, hi); a `decision` of None means it answers."""
    incidents = m.incidents
    start = max(incidents.start, lo)
    end = hi if incidents.end is None else min(incidents.end, hi)
    if start >= end:
        return None
    claims_start = m.period.start if m.basis is Basis.CLAIMS_MADE else None
    claims_end = m.claims.end or _MAX
    if decision is None:
        return _Part(rank, m, True, _NONE, start, end, claims_start, claims_end)
    covered = decision.outcome is Outcome.COVERED
    return _Part(rank, m, covered, decision.missing, start, end, claims_start, claims_end)


def plane_by_dates(
    memberships: Sequence[MembershipPeriod], span: Period, claim_horizon: _dt.date
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
    assert span.end is not None  # noqa: S101 - callers pass a closed span
    found = (_part(rank, m, None, span.start, span.end) for rank, m in enumerate(memberships))
    return _plane([p for p in found if p is not None], span, claim_horizon)


def _segments(
    parts: list[_Part], window: Period
) -> Iterable[tuple[_dt.date, _dt.date, list[_Part]]]:
    """The elementary segments of the span, each with the parts active in it."""
    a, b = window.start, window.end
    assert b is not None  # noqa: S101 - _check refused an open span
    points = {a, b}
    for part in parts:
        points.add(part.start)
        points.add(part.end)
        # A claim window opening inside the incident dates (a retroactive date
        # before the policy) changes the answer there: split at it.
        if part.claims_start is not None and part.start < part.claims_start < part.end:
            points.add(part.claims_start)
    edges = sorted(points)
    starts = sorted(parts, key=lambda p: p.start)
    active: dict[int, _Part] = {}
    i = 0
    for lo, hi in pairwise(edges):
        for key in [k for k, p in active.items() if p.end <= lo]:
            del active[key]
        while i < len(starts) and starts[i].start <= lo:
            active[id(starts[i])] = starts[i]
            i += 1
        yield lo, hi, sorted(active.values(), key=lambda p: p.rank)


def _line(parts: list[_Part], window: Period) -> tuple[Stretch, ...]:
    out: list[Stretch] = []
    for lo, hi, active in _segments(parts, window):
        covers = [p for p in active if p.covered and p.claims_start is None]
        fields: _Fields
        if covers:
            fields = (Outcome.COVERED, tuple(p.membership for p in covers), _NONE, ())
        elif active:
            missing = set().union(*(p.missing for p in active))
            if any(p.claims_start is not None for p in active):
                missing.add(CLAIM_DATE)
            windows = merge_periods(
                _new_period(_MIN if start <= lo else start, _end(p.claims_end))
                for p in active
                if p.covered and (start := p.claims_start) is not None
            )
            by = tuple(p.membership for p in active)
            fields = (Outcome.UNDETERMINED, by, frozenset(missing), windows)
        else:
            fields = (Outcome.NOT_COVERED, (), _NONE, ())
        _extend(out, lo, hi, fields)
    return tuple(out)


def _end(day: _dt.date) -> _dt.date | None:
    return None if day == _MAX else day


_Fields = tuple[Outcome, tuple[MembershipPeriod, ...], frozenset[str], tuple[Period, ...]]


def _extend(out: list[Stretch], lo: _dt.date, hi: _dt.date, fields: _Fields) -> None:
    """Append a stretch to `out`, joining it to the last one when they are alike and meet."""
    outcome, by, missing, windows = fields
    last = out[-1] if out else None
    if (
        last is not None
        and last.incidents.end == lo
        and last.outcome is outcome
        and _same(last.by, by)
        and last.missing == missing
        and last.claim_windows == windows
    ):
        out[-1] = attrs.evolve(last, incidents=_new_period(last.incidents.start, hi))
        return
    out.append(Stretch(outcome, _new_period(lo, hi), None, by, missing, windows))


def _same(a: tuple[MembershipPeriod, ...], b: tuple[MembershipPeriod, ...]) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


_Piece = tuple[_dt.date, _dt.date, Outcome, tuple[int, ...], frozenset[str], tuple[_Part, ...]]


def _plane(parts: list[_Part], window: Period, horizon: _dt.date) -> tuple[Stretch, ...]:
    done: list[Stretch] = []
    open_: dict[tuple[object, ...], Stretch] = {}
    for lo, hi, active in _segments(parts, window):
        pieces = _pieces(active, lo, hi, horizon)
        whole = len(pieces) == 1
        now: dict[tuple[object, ...], Stretch] = {}
        for c_lo, c_hi, outcome, ranks, missing, who in pieces:
            claims = None if whole else _new_period(c_lo, c_hi)
            by = tuple(p.membership for p in who)
            key = (claims, outcome, ranks, missing)
            last = open_.pop(key, None)
            if last is not None:
                now[key] = attrs.evolve(last, incidents=_new_period(last.incidents.start, hi))
            else:
                now[key] = Stretch(outcome, _new_period(lo, hi), claims, by, missing)
        done.extend(open_.values())
        open_ = now
    done.extend(open_.values())
    return tuple(sorted(done, key=_region_order))


def _region_order(stretch: Stretch) -> tuple[_dt.date, _dt.date]:
    claims = stretch.claims
    return (stretch.incidents.start, _MIN if claims is None else claims.start)


def _pieces(active: list[_Part], lo: _dt.date, hi: _dt.date, horizon: _dt.date) -> list[_Piece]:
    """The claim dates of one segment of incidents, cut where the answer changes.

    Every claim window of an active part opens on or before `lo` or on or
    after `hi` (the segments are cut at window openings), so the first piece
    runs from the incident itself and the others lie wholly after the segment.
    """
    cuts = {horizon}
    for p in active:
        if p.claims_start is not None:
            if hi <= p.claims_start < horizon:
                cuts.add(p.claims_start)
            if p.claims_end < horizon:
                cuts.add(p.claims_end)
    edges = [_MIN, *sorted(cuts)]
    pieces: list[_Piece] = []
    for c_lo, c_hi in pairwise(edges):
        first = lo if c_lo == _MIN else c_lo
        answering = [
            p
            for p in active
            if p.claims_start is None or (p.claims_start <= first and c_hi <= p.claims_end)
        ]
        covers = tuple(p for p in answering if p.covered)
        if covers:
            outcome, who, missing = Outcome.COVERED, covers, _NONE
        elif answering:
            who = tuple(answering)
            outcome, missing = Outcome.UNDETERMINED, frozenset().union(*(p.missing for p in who))
        else:
            outcome, who, missing = Outcome.NOT_COVERED, (), _NONE
        ranks = tuple(p.rank for p in who)
        last = pieces[-1] if pieces else None
        if last is not None and last[2:5] == (outcome, ranks, missing):
            pieces[-1] = (last[0], c_hi, outcome, ranks, missing, who)
        else:
            pieces.append((c_lo, c_hi, outcome, ranks, missing, who))
    return pieces
