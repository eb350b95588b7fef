"""Switching provider: leave one arrangement, join another, and leave no gap.

Stay with the old arrangement until the new one is confirmed, so that no
day is left without protection. What a gap-free switch needs depends on the
two bases:

- the new arrangement must start on or before the day the old one ends,
  or the incidents in between are nobody's (any basis);
- claims-made cover left behind answers for no claim made after it ends:
  its incidents need run-off (an extended reporting period) up to the
  claim horizon, **or**, when the new cover is claims-made too, prior-acts
  ("nose") cover: a retroactive date on or before the old one's.

A `Switch` states the move; `Switch.plan` returns a `SwitchPlan` with the
gaps the switch as proposed leaves and the `SwitchRoute`s to a gap-free one, each
a list of `SwitchStep`s marked met or not. The plan judges dates alone, as if both
arrangements answered for the work; ask a `Portfolio` about the activity.
"""

from __future__ import annotations

import datetime as _dt
from enum import StrEnum

import attrs
from dateutil.relativedelta import relativedelta

from indemnity._records import fields_repr
from indemnity._validate import check_date, check_optional_date
from indemnity.errors import InvalidFieldError
from indemnity.holdings.membership import MembershipPeriod
from indemnity.holdings.portfolio import Portfolio
from indemnity.model.basis import Basis
from indemnity.model.period import Period
from indemnity.rules.scheme import Scheme
from indemnity.timelines.timeline import Stretch, plane_by_dates

__all__ = ["Switch", "SwitchPlan", "SwitchRoute", "SwitchStep", "SwitchStepKind"]


class SwitchStepKind(StrEnum):
    """What a gap-free switch may need."""

    JOIN_BY = "join-by"
    """Start the new arrangement on or before the day the old one ends."""
    RUN_OFF = "run-off"
    """Buy run-off on the old claims-made cover, up to the claim horizon."""
    PRIOR_ACTS = "prior-acts"
    """Have the new claims-made cover take the old one's retroactive date (nose cover)."""


@attrs.frozen
class SwitchStep:
    """One thing a gap-free switch needs, and whether the proposed switch does it.

    Attributes:
        kind: What is needed.
        date: JOIN_BY: the latest start of the new arrangement; RUN_OFF: the
            earliest end (excluded) of the run-off; PRIOR_ACTS: the latest
            retroactive date of the new cover.
        met: Whether the switch as proposed already does it.
        text: The step in words.
    """

    __repr__ = fields_repr

    kind: SwitchStepKind
    date: _dt.date
    met: bool
    text: str


@attrs.frozen
class SwitchRoute:
    """One way to a gap-free switch: every step is needed.

    Attributes:
        name: The route in a few words ("run-off", "prior-acts cover").
        steps: What it needs.
    """

    __repr__ = fields_repr

    name: str
    steps: tuple[SwitchStep, ...]

    @property
    def met(self) -> bool:
        """Whether the switch as proposed already takes this route."""
        return all(step.met for step in self.steps)

    def apply(self, switch: Switch) -> Switch:
        """The switch with every step of this route done.

        A late start moves the new arrangement's start back to the day the
        old one ends; run-off is extended to the step's date; prior-acts
        cover moves the new retroactive date back.

        Args:
            switch: The switch this route was planned for.

        Returns:
            A switch that takes this route.
        """
        leaving, joining = switch.leaving, switch.joining
        for step in self.steps:
            if step.met:
                continue
            if step.kind is SwitchStepKind.JOIN_BY:
                retro = joining.retroactive_date
                joining = attrs.evolve(
                    joining,
                    period=Period(step.date, joining.period.end),
                    retroactive_date=None if retro is None else min(retro, step.date),
                )
            elif step.kind is SwitchStepKind.RUN_OFF:
                leaving = attrs.evolve(leaving, run_off_end=step.date)
            else:
                joining = attrs.evolve(joining, retroactive_date=step.date)
        return Switch(leaving, joining)


def _joining(value: object) -> MembershipPeriod:
    if not isinstance(value, MembershipPeriod):
        raise InvalidFieldError("Switch.joining", "a MembershipPeriod", value)
    return value


def _ended_leaving(value: object) -> MembershipPeriod:
    if not isinstance(value, MembershipPeriod):
        raise InvalidFieldError("Switch.leaving", "a MembershipPeriod", value)
    if value.period.end is None:
        raise InvalidFieldError(
            "Switch.leaving.period", "a period with an end (the day you leave)", value.period
        )
    return value


@attrs.frozen
class Switch:
    """Leave one arrangement and join another.

    Attributes:
        leaving: The arrangement left; its period ends the day it is left.
        joining: The arrangement joined, from its start (to its end, if it has one).

    Raises:
        InvalidFieldError: `leaving` has no end.
    """

    __repr__ = fields_repr

    leaving: MembershipPeriod = attrs.field(converter=_ended_leaving)
    joining: MembershipPeriod = attrs.field(converter=_joining)

    @classmethod
    def between(
        cls,
        leaving: MembershipPeriod,
        joining: Scheme | MembershipPeriod,
        *,
        left_on: _dt.date,
        joined_on: _dt.date | None = None,
        retroactive_date: _dt.date | None = None,
    ) -> Switch:
        """Leave `leaving` on `left_on` and join `joining` on `joined_on` (the same day by default).

        Leaving an occurrence membership for another on the same day leaves
        no gap::

            Switch.between(mps, mdu, left_on=date(2025, 4, 1)).plan(claim_horizon=date(2035, 4, 1))

        Args:
            leaving: The arrangement held now; it ends on `left_on` (excluded).
            joining: The scheme joined (held from `joined_on` with no
                options), or the new membership itself.
            left_on: The day `leaving` ends: its last day is the day before.
                It may be earlier than the end `leaving` has, never later: a
                membership cannot be left after it has lapsed.
            joined_on: The first day of the new arrangement, if not `left_on`;
                only with a scheme.
            retroactive_date: The new claims-made cover's retroactive date;
                only with a scheme.

        Returns:
            The switch.

        Raises:
            InvalidFieldError: a date is invalid, `left_on` is not after the
                start of `leaving` or is after its end, or `joined_on` or
                `retroactive_date` is given with a membership.
        """
        left = check_date("left_on", left_on)
        if not isinstance(leaving, MembershipPeriod):
            raise InvalidFieldError("leaving", "a MembershipPeriod", leaving)
        if left <= leaving.period.start:
            raise InvalidFieldError(
                "left_on", f"a date after the start {leaving.period.start} of 'leaving'", left
            )
        end = leaving.period.end
        if end is not None and left > end:
            raise InvalidFieldError(
                "left_on",
                f"a date on or before {end}, the day 'leaving' already ends",
                left,
                detail="a lapsed membership cannot be left later; the days between are a gap",
            )
        joined = check_optional_date("joined_on", joined_on)
        if isinstance(joining, MembershipPeriod):
            for field, value in (("joined_on", joined), ("retroactive_date", retroactive_date)):
                if value is not None:
                    raise InvalidFieldError(field, "None when joining a MembershipPeriod", value)
            new = joining
        elif isinstance(joining, Scheme):
            new = MembershipPeriod(
                joining, Period(joined or left), retroactive_date=retroactive_date
            )
        else:
            raise InvalidFieldError("joining", "a Scheme or a MembershipPeriod", joining)
        return cls(attrs.evolve(leaving, period=Period(leaving.period.start, left)), new)

    @property
    def left_on(self) -> _dt.date:
        """The day the old arrangement ends (its first day without it)."""
        assert self.leaving.period.end is not None  # noqa: S101 - checked at construction
        return self.leaving.period.end

    @property
    def joined_on(self) -> _dt.date:
        """The first day of the new arrangement."""
        return self.joining.period.start

    def portfolio(self, holder: str = "") -> Portfolio:
        """Both arrangements as a portfolio, to ask about an activity."""
        return Portfolio((self.leaving, self.joining), holder)

    def describe(self) -> str:
        """The switch in one line."""
        return (
            f"leave {self.leaving.describe()} ({self.leaving.basis.value}) on {self.left_on},"
            f" join {self.joining.describe()} ({self.joining.basis.value}) on {self.joined_on}"
        )

    def plan(self, *, claim_horizon: _dt.date) -> SwitchPlan:
        """What a gap-free switch needs, for claims made before `claim_horizon`.

        Args:
            claim_horizon: Consider claims made before this date, such as the
                end of the limitation period of the last incident that matters.

        Returns:
            The plan: the gaps of the switch as proposed, and the routes to none.

        Raises:
            InvalidFieldError: the horizon is not after the day the old
                arrangement ends.
        """
        horizon = check_date("claim_horizon", claim_horizon)
        if horizon <= self.left_on:
            expected = f"a date after the day the old arrangement ends {self.left_on}"
            raise InvalidFieldError("claim_horizon", expected, horizon)
        return SwitchPlan(self, horizon, _gaps(self, horizon), _routes(self, horizon))


@attrs.frozen
class SwitchPlan:
    """What a switch leaves uncovered, and the ways to leave nothing uncovered.

    Attributes:
        switch: The switch as proposed.
        claim_horizon: Claims made before this date are considered.
        gaps: The regions of incident and claim dates the switch as proposed
            leaves uncovered, judged by dates alone (see `Timeline`).
        routes: The ways to a gap-free switch; any one is enough.
    """

    __repr__ = fields_repr

    switch: Switch
    claim_horizon: _dt.date
    gaps: tuple[Stretch, ...]
    routes: tuple[SwitchRoute, ...]

    @property
    def gap_free(self) -> bool:
        """Whether the switch as proposed leaves no gap."""
        return not self.gaps

    @property
    def overlap_days(self) -> int:
        """Days both arrangements are held: double cover of new incidents, paid twice."""
        return max(0, (self.switch.left_on - self.switch.joined_on).days)

    def explain(self) -> str:
        """The plan in readable lines."""
        lines = [f"Switch: {self.switch.describe()}."]
        lines.append(f"Claims considered until {self.claim_horizon}.")
        if self.gap_free:
            lines.append("No gap.")
        else:
            lines.append("Gaps:")
            lines.extend(f"  - {gap.describe()}" for gap in self.gaps)
        if self.overlap_days:
            lines.append(
                f"Both are held for {self.overlap_days} days: double cover, paid twice;"
                f" joining on {self.switch.left_on} is enough."
            )
        single = len(self.routes) == 1
        lines.append("To switch without a gap:" if single else "To switch without a gap, either:")
        for i, route in enumerate(self.routes, 1):
            lines.append(f"  {'' if single else f'{i}. '}{route.name}:")
            lines.extend(f"    [{'x' if s.met else ' '}] {s.text}" for s in route.steps)
        return "\n".join(lines)


def _gaps(switch: Switch, horizon: _dt.date) -> tuple[Stretch, ...]:
    leaving, joining = switch.leaving, switch.joining
    # Incidents after a fixed-term new membership ends are the next switch's business.
    last = horizon if joining.period.end is None else min(horizon, joining.period.end)
    span = Period(leaving.incidents.start, max(last, switch.left_on))
    memberships = Portfolio((leaving, switch.joining)).memberships
    return tuple(
        s for s in plane_by_dates(memberships, span, horizon) if s.is_gap and _ours(s, leaving)
    )


def _ours(gap: Stretch, leaving: MembershipPeriod) -> bool:
    # Claims made before the old cover began, about its prior acts, were for
    # the arrangement before it: not this switch's business.
    claims = gap.claims
    return claims is None or claims.end is None or claims.end > leaving.period.start


def _name(m: MembershipPeriod) -> str:
    return m.label or m.scheme.name


def _routes(switch: Switch, horizon: _dt.date) -> tuple[SwitchRoute, ...]:
    leaving, joining = switch.leaving, switch.joining
    old, new = _name(leaving), _name(joining)
    left, joined = switch.left_on, switch.joined_on
    stay = "" if joined <= left else f", or stay in {old} until {joined}"
    join = SwitchStep(
        SwitchStepKind.JOIN_BY,
        left,
        joined <= left,
        f"join {new} on or before {left}, the day you leave {old}{stay}",
    )
    if leaving.basis is Basis.OCCURRENCE:
        return (SwitchRoute("join in time", (join,)),)
    reach = leaving.run_off_end or left
    length = _length(left, horizon)
    text = f"buy run-off on {old} until at least {horizon} ({length} after leaving)"
    if reach >= horizon:
        text = f"run-off on {old} until {reach} reaches the horizon"
    elif leaving.run_off_end is not None:
        text = f"extend the run-off on {old} from {reach} to at least {horizon}"
    run_off = SwitchStep(SwitchStepKind.RUN_OFF, horizon, reach >= horizon, text)
    routes = [SwitchRoute("run-off", (join, run_off))]
    retro = leaving.incidents.start
    if joining.basis is Basis.OCCURRENCE:
        early = SwitchStep(
            SwitchStepKind.JOIN_BY,
            retro,
            joined <= retro,
            f"join {new} on or before {retro}, the retroactive date of {old}, so that"
            " occurrence cover answers for all its incidents (both are paid for meanwhile)",
        )
        routes.append(SwitchRoute("occurrence cover from the start", (early,)))
    if joining.basis is Basis.CLAIMS_MADE:
        same = joining.scheme.key == leaving.scheme.key
        how = (
            f"renew {new} keeping the retroactive date {retro}"
            if same
            else f"ask {new} for prior-acts (nose) cover: a retroactive date on or before {retro}"
        )
        nose = SwitchStep(SwitchStepKind.PRIOR_ACTS, retro, joining.incidents.start <= retro, how)
        routes.append(SwitchRoute("prior-acts cover", (join, nose)))
    return tuple(routes)


def _length(start: _dt.date, end: _dt.date) -> str:
    gap = relativedelta(end, start)
    parts = [
        f"{n} {unit}{'' if n == 1 else 's'}"
        for n, unit in ((gap.years, "year"), (gap.months, "month"), (gap.days, "day"))
        if n
    ]
    return ", ".join(parts)
