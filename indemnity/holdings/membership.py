"""A membership period: a scheme held over a period, with the options bought.

This module is the one home of the date rules of holding a scheme: which
incident dates a membership answers for, and, for claims-made cover, which
claim dates (the policy period, extended by run-off, for incidents from the
retroactive date). The compiled path and timelines read the same windows.

A membership may be held from a known date that is not its start ("I hold
it now"): an incident before that date is then answered UNDETERMINED when
the membership would otherwise cover, waiting on `HELD_SINCE`, the date it
began (on or before the incident: covered; after: not covered).
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Iterable
from operator import attrgetter
from typing import TYPE_CHECKING

import attrs

from indemnity._lazy import lazy_module
from indemnity._records import fields_repr
from indemnity._validate import check_bool, check_date, check_optional_date, check_str
from indemnity.errors import InvalidFieldError, UnknownNameError
from indemnity.model.decision import (
    Answer,
    Answerer,
    Decision,
    Ground,
    Outcome,
    Reason,
    ReasonCode,
    claims_text,
)
from indemnity.model.period import Period, merge_periods
from indemnity.model.terms import CLAIM_DATE, HELD_SINCE
from indemnity.rules.cover import check_option, shown_window
from indemnity.rules.scheme import Scheme

if TYPE_CHECKING:
    # Loaded on first use: bases with the first scheme made (before any membership of it),
    # settling sets with the first open answer.
    from indemnity.model import basis as _basis
    from indemnity.model import question as _question
    from indemnity.model import settling as _settling
    from indemnity.model import vocabulary as _vocabulary
else:
    _basis = lazy_module("indemnity.model.basis", globals())
    _question = lazy_module("indemnity.model.question", globals())
    _settling = lazy_module("indemnity.model.settling", globals())
    _vocabulary = lazy_module("indemnity.model.vocabulary", globals())

__all__ = ["MembershipPeriod"]

OPEN_END = _dt.date.max.toordinal() + 1
"""The day number `MembershipPeriod.incident_days` gives an open end: after every date."""

#: Reads `MembershipPeriod.incident_days` of many memberships at C speed
#: (``map(INCIDENT_DAYS, memberships)``), from the slot behind the property.
INCIDENT_DAYS = attrgetter("_incident_days")

DAY_BITS = OPEN_END.bit_length()
"""Bits enough for any day number up to `OPEN_END` (22)."""

#: Reads each membership's incident days packed in one whole number,
#: ``first << DAY_BITS | day_after``, at C speed: what a numpy sweep reads
#: (one object a membership instead of a pair and its two numbers). The
#: packed numbers sort as the pairs do.
PACKED_DAYS = attrgetter("_packed_days")


@attrs.frozen(cache_hash=True)
class MembershipPeriod(Answerer):
    """A scheme held over a period: a membership, an employment or a policy year.

    Occurrence cover answers for incidents inside `period`, however late the
    claim. Claims-made cover answers for claims made inside the claim window
    (`period`, extended to `run_off_end`) about incidents from the
    `retroactive_date` (default: the period's start) to the period's end.

    With `start_known` False, the period's start is a date the membership is
    known to be held on, not its start: it may have begun earlier ("I hold
    it now"). An incident before that date that the membership would
    otherwise cover is answered UNDETERMINED, waiting on `HELD_SINCE`, the
    date it began; never a guess.

    >>> from datetime import date
    >>> from indemnity import Activity, MembershipPeriod, Period, uk
    >>> mdu = MembershipPeriod(uk.scheme("mdu"), Period(date(2025, 1, 1)), start_known=False)
    >>> decision = mdu.is_covered(Activity.of("good-samaritan"), date(2015, 6, 1), "england")
    >>> decision.outcome.value, sorted(f.name for f in decision.missing)
    ('undetermined', ['held_since'])
    >>> for branch in decision.next_question.branches:
    ...     print(branch.describe())
    before 2015-06-02 -> covered
    on or after 2015-06-02 -> not covered

    Attributes:
        scheme: The scheme held.
        period: When it is held.
        options: Options bought, such as ``"public-liability"``; each must be
            offered by the scheme.
        retroactive_date: Claims-made only: the earliest incident date covered.
        run_off_end: Claims-made only: the end (excluded) of the extended
            reporting period after the policy ends.
        label: A name for people, such as ``"MPS, ST1 to ST3"``.
        start_known: False when the period's start is only a date the
            membership is known to be held on, and it may have begun
            earlier. Occurrence cover only: a claims-made policy's schedule
            states its period, and its claim window starts there.

    Raises:
        InvalidFieldError: a field is of the wrong type, an option is not
            offered, a claims-made field is set on occurrence cover, or the
            start of claims-made cover is said to be unknown.
    """

    __repr__ = fields_repr

    scheme: Scheme
    period: Period
    options: frozenset[str] = frozenset()
    retroactive_date: _dt.date | None = None
    run_off_end: _dt.date | None = None
    label: str = ""
    start_known: bool = True
    _incident_days: tuple[int, int] = attrs.field(init=False, repr=False, eq=False)
    _packed_days: int = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        put = object.__setattr__
        if not isinstance(self.scheme, Scheme):
            raise InvalidFieldError("MembershipPeriod.scheme", "a Scheme", self.scheme)
        if not isinstance(self.period, Period):
            raise InvalidFieldError("MembershipPeriod.period", "a Period", self.period)
        put(self, "options", _options(self.options, self.scheme))
        retro = check_optional_date("MembershipPeriod.retroactive_date", self.retroactive_date)
        run_off = check_optional_date("MembershipPeriod.run_off_end", self.run_off_end)
        check_str("MembershipPeriod.label", self.label, allow_empty=True)
        check_bool("MembershipPeriod.start_known", self.start_known)
        claims_made = self.scheme.basis is _basis.Basis.CLAIMS_MADE
        if claims_made and not self.start_known:
            raise InvalidFieldError(
                "MembershipPeriod.start_known",
                "True for claims-made cover",
                self.start_known,
                detail=f"{self.scheme.key} is claims-made: its schedule states the policy period",
            )
        for field, value in (("retroactive_date", retro), ("run_off_end", run_off)):
            if value is not None and not claims_made:
                raise InvalidFieldError(
                    f"MembershipPeriod.{field}",
                    "None for occurrence cover",
                    value,
                    detail=f"{self.scheme.key} is occurrence-based",
                )
        if retro is not None and retro > self.period.start:
            raise InvalidFieldError(
                "MembershipPeriod.retroactive_date",
                f"a date on or before the period start {self.period.start}",
                retro,
            )
        if run_off is not None:
            if self.period.end is None:
                raise InvalidFieldError(
                    "MembershipPeriod.run_off_end", "None while the period is open", run_off
                )
            if run_off < self.period.end:
                raise InvalidFieldError(
                    "MembershipPeriod.run_off_end",
                    f"a date on or after the period end {self.period.end}",
                    run_off,
                )
        reach = self.reach
        end = OPEN_END if reach.end is None else reach.end.toordinal()
        first = reach.start.toordinal()
        put(self, "_incident_days", (first, end))
        put(self, "_packed_days", first << DAY_BITS | end)

    @property
    def vocabulary(self) -> _vocabulary.Vocabulary:
        """The vocabulary of the scheme held."""
        return self.scheme.vocabulary

    @property
    def basis(self) -> _basis.Basis:
        """The basis of the scheme held."""
        return self.scheme.basis

    @property
    def claims_made(self) -> bool:
        """Whether the scheme held is claims-made."""
        return self.scheme.basis is _basis.Basis.CLAIMS_MADE

    def turns_on_claim_date(
        self, situation: _question.Situation | None = None, incidents: Period | None = None
    ) -> bool:
        """Whether an answer may turn on the claim date.

        It may when a head of cover that could answer `situation` (its
        matter, kind of work and place; any head, for None) for an incident
        in `incidents` (any date, for None) is held claims-made, or answers
        only claims made within dates of its own.
        """
        if not self.claims_made and not self.scheme.claim_dated:
            return False
        reach = self.reach
        window = reach if incidents is None else reach.intersection(incidents)
        if window is None or window.intersection(self.scheme.in_force) is None:
            return False
        return any(
            (self.claims_made or c.claims != _ALWAYS)
            and c.in_force.overlaps(window)
            and (
                situation is None
                or (
                    situation.matter in c.matters
                    and situation.activity.kind in c.activities
                    and situation.jurisdiction in c.territory
                )
            )
            for c in self.scheme.covers
        )

    @property
    def incidents(self) -> Period:
        """The incident dates this membership can answer for."""
        if not self.claims_made:
            return self.period
        return Period(self.retroactive_date or self.period.start, self.period.end)

    @property
    def incident_days(self) -> tuple[int, int]:
        """`reach` as day numbers, as `date.toordinal` counts: its first day and the day after.

        An open end is `OPEN_END`. Worked out once, when the membership is
        made: what a sweep over many memberships reads.
        """
        return self._incident_days

    @property
    def reach(self) -> Period:
        """The incident dates this membership may answer for, known or not.

        Its `incidents`; with its start unknown, every earlier date too,
        where an answer waits on when it began (`HELD_SINCE`).
        """
        if self.start_known:
            return self.incidents
        return Period(_dt.date.min, self.period.end)

    @property
    def claims(self) -> Period:
        """The claim dates this membership can answer for (the window with run-off)."""
        if not self.claims_made:
            return Period.always()
        return Period(self.period.start, self.run_off_end or self.period.end)

    def describe(self) -> str:
        """The membership in a few words: its label, or its scheme and period."""
        if self.label:
            return self.label
        unknown = "" if self.start_known else ", start unknown"
        return f"{self.scheme.name} {self.period}{unknown}"

    def date_reason(self, on: _dt.date, claimed_on: _dt.date | None) -> Reason | None:
        """Why the dates alone rule this membership out, or None when they allow it.

        The reason depends on where `on` and `claimed_on` fall among the
        membership's own dates, never on the dates themselves.
        """
        scheme = self.scheme

        def no(code: ReasonCode, message: str) -> Reason:
            return Reason(
                code, message, scheme.source, scheme.key, scheme.name, None, self.describe()
            )

        if not self.claims_made:
            if on not in self.reach:
                return no(ReasonCode.OUTSIDE_PERIOD, f"occurrence cover for incidents {self.reach}")
            return None
        incidents, claims = self.incidents, self.claims
        if on < incidents.start:
            return no(
                ReasonCode.BEFORE_RETROACTIVE_DATE,
                f"claims-made cover for incidents from {incidents.start}",
            )
        if on not in incidents:
            return no(
                ReasonCode.OUTSIDE_PERIOD,
                f"claims-made cover for incidents before {incidents.end}",
            )
        if claimed_on is not None and claimed_on not in claims:
            return no(
                ReasonCode.CLAIM_OUTSIDE_WINDOW,
                f"claims-made cover for claims made {claims}",
            )
        return None

    def began(self, day: _dt.date) -> MembershipPeriod:
        """This membership with its start known: it began on `day` (giving `HELD_SINCE`).

        >>> from datetime import date
        >>> from indemnity import MembershipPeriod, Period, uk
        >>> mdu = MembershipPeriod(uk.scheme("mdu"), Period(date(2025, 1, 1)), start_known=False)
        >>> print(mdu.began(date(2012, 8, 1)).period)
        2012-08-01 onwards

        Raises:
            InvalidFieldError: its start is already known, or `day` is after
                the date it is known to be held from.
        """
        first = check_date("MembershipPeriod.began", day)
        if self.start_known:
            raise InvalidFieldError(
                "MembershipPeriod.began", "a membership whose start is unknown", self.describe()
            )
        if first > self.period.start:
            raise InvalidFieldError(
                "MembershipPeriod.began",
                f"a date on or before {self.period.start}, when it is known to be held",
                first,
            )
        return attrs.evolve(self, period=Period(first, self.period.end), start_known=True)

    def claim_window(self, on: _dt.date) -> Period:
        """The claim dates for which this claims-made membership answers an incident `on`."""
        claims = self.claims
        return Period(max(claims.start, on), claims.end)

    def decide(self, question: _question.Question) -> Decision:
        """Answer an already checked `question`: the dates first, then the scheme.

        A claims-made membership, or a head of cover with claim dates of its
        own, asked without a claim date answers UNDETERMINED when it would
        otherwise cover, naming the windows of claim dates for which it covers.
        A membership whose start is unknown, asked about an incident before
        the date it is known to be held on, answers UNDETERMINED when it
        would otherwise cover, waiting on when it began (`HELD_SINCE`).
        """
        decision = self._decide(question)
        if self.start_known or question.on >= self.period.start:
            return decision
        return self._before_known_start(decision)

    def _before_known_start(self, decision: Decision) -> Decision:
        """The answer to an incident before the known date: open on when the membership began."""
        if decision.outcome is Outcome.NOT_COVERED:
            return decision
        question = decision.question
        span = _settling.ValueSpan(None, _settling.value_after(question.on))
        began = _settling.atom(_settling.FactValues.of(HELD_SINCE, spans=(span,)))
        covered = decision.outcome is Outcome.COVERED
        return Decision(
            Outcome.UNDETERMINED,
            question,
            (),
            (self._start_unknown(), *decision.reasons),
            decision.missing | {HELD_SINCE},
            decision.claim_windows,
            _with_fact(None if covered else decision.settling, began),
        )

    def _start_unknown(self) -> Reason:
        scheme = self.scheme
        return Reason(
            ReasonCode.HELD_SINCE_UNKNOWN,
            f"held from {self.period.start} or earlier, its start unknown: covered only if it"
            " began on or before the incident",
            scheme.source,
            scheme.key,
            scheme.name,
            None,
            self.describe(),
            frozenset({HELD_SINCE}),
        )

    def _decide(self, question: _question.Question) -> Decision:
        """The answer, as if a membership whose start is unknown were held on the day."""
        on, claim = question.on, self.deemed_claim(question.claimed_on, question.notified_on)
        ruled_out = self.date_reason(on, claim)
        if ruled_out is not None:
            return Decision(Outcome.NOT_COVERED, question, (), (ruled_out,))
        answer = self.scheme.answer_on(question, self.options, claim=claim).within(self.describe())
        if answer.outcome is Outcome.COVERED:
            return self._covered(answer, question, claim)
        if answer.outcome is Outcome.UNDETERMINED and claim is None:
            waiting = self._open_on_claim(question)
            if waiting:
                # Claims-made: covered only if the scheme covers and the claim is in the
                # window. Heads with claim dates of their own mix with heads without: the
                # settling sets are not worked out (left empty, as for entangled rules).
                settling: tuple[_settling.Settling, ...] = ()
                if self.claims_made:
                    shown = shown_window(self.claims, on)
                    settling = _with_claim(answer.settling, (_span(shown),))
                return Decision(
                    Outcome.UNDETERMINED,
                    question,
                    (),
                    (*waiting, *answer.reasons),
                    answer.missing | {CLAIM_DATE},
                    (),
                    settling,
                )
        return Decision.of(answer, question)

    def claim_window_of(self, cover: str) -> Period | None:
        """The claim dates for which the head of cover called `cover` answers, held here.

        None when no claim date is in both the head's claim dates and, for
        claims-made cover, the membership's claim window.
        """
        claims = self.scheme.cover_claims(cover)
        if not self.claims_made:
            return claims
        return claims.intersection(self.claims)

    def deemed_claim(
        self, claimed_on: _dt.date | None, notified_on: _dt.date | None
    ) -> _dt.date | None:
        """The claim date this membership answers as: the notification's, if it counts.

        A claims-made policy answers a claim about a circumstance notified to
        it while it (or its run-off) was in force as if the claim were made
        on the day of notification, whenever the claim comes.
        """
        if self.claims_made and notified_on is not None and notified_on in self.claims:
            return notified_on
        return claimed_on

    def _covered(
        self, answer: Answer, question: _question.Question, claim: _dt.date | None
    ) -> Decision:
        """A covered answer, with each head's claim dates checked against the claim."""
        on = question.on
        sure: list[Ground] = []
        outside: list[Reason] = []
        waiting: dict[tuple[Period, str | None], Ground] = {}
        for ground in answer.grounds:
            window = self.claim_window_of(ground.cover)
            if window == _ALWAYS:
                sure.append(ground)
            elif window is None:
                outside.append(self._claim_outside(ground.cover))
            elif claim is not None:
                if claim in window:
                    sure.append(ground)
                else:
                    outside.append(self._claim_outside(ground.cover))
            else:
                origin = None if self._the_scheme_s(ground.cover) else ground.cover
                waiting.setdefault((window, origin), ground)
        if sure:
            return Decision(Outcome.COVERED, question, tuple(sure), (*outside, *answer.reasons))
        if not waiting:
            return Decision(Outcome.NOT_COVERED, question, (), (*outside, *answer.reasons))
        reasons = tuple(self._claim_unknown(w, origin, on) for w, origin in waiting)
        windows = merge_periods(Period(max(w.start, on), w.end) for w, _ in waiting)
        return Decision(
            Outcome.UNDETERMINED,
            question,
            (),
            (*reasons, *outside, *answer.reasons),
            answer.missing | {CLAIM_DATE},
            windows,
            _with_claim(None, tuple(_span(shown_window(w, on)) for w, _ in waiting)),
        )

    def _the_scheme_s(self, cover: str) -> bool:
        """Whether a head's claim dates are the membership's claims-made window alone."""
        return self.scheme.cover_claims(cover) == _ALWAYS

    def _open_on_claim(self, question: _question.Question) -> tuple[Reason, ...]:
        """The open reasons of an undetermined answer that would also wait on the claim date."""
        if self.claims_made:
            return (self._claim_unknown(self.claims, None, question.on),)
        era = self.scheme.era(question.on)
        return tuple(
            self._claim_unknown(c.claims, c.name, question.on)
            for i, c in enumerate(self.scheme.covers)
            if era >> i & 1 and c.claims != _ALWAYS and question.matter in c.matters
        )

    def _claim_unknown(self, window: Period, cover: str | None, on: _dt.date) -> Reason:
        scheme = self.scheme
        shown = claims_text((shown_window(window, on),))
        if cover is None:
            message, source = (
                f"claims-made: covered only if the claim is made {shown}",
                scheme.source,
            )
        else:
            message = f"covered only if the claim is made {shown}"
            source = scheme.cover(cover).source
        return Reason(
            ReasonCode.CLAIM_DATE_UNKNOWN,
            message,
            source,
            scheme.key,
            scheme.name,
            cover,
            self.describe(),
            frozenset({CLAIM_DATE}),
        )

    def _claim_outside(self, cover: str) -> Reason:
        head = self.scheme.cover(cover)
        return head.claim_outside(self.scheme.holder).within(self.describe())


_ALWAYS = Period.always()


def _span(window: Period) -> _settling.ValueSpan:
    """A claim window as the span of claim dates a settling set names."""
    return _settling.ValueSpan(None if window.start == _dt.date.min else window.start, window.end)


def _with_claim(
    settling: tuple[_settling.Settling, ...] | None, windows: tuple[_settling.ValueSpan, ...]
) -> tuple[_settling.Settling, ...]:
    """The settling sets of an answer that also needs the claim made inside `windows`."""
    return _with_fact(settling, _settling.atom(_settling.FactValues.of(CLAIM_DATE, spans=windows)))


@functools.lru_cache(maxsize=4096)
def _with_fact(
    settling: tuple[_settling.Settling, ...] | None, needed: _settling.Split
) -> tuple[_settling.Settling, ...]:
    """The settling sets of an answer that also needs what `needed` says true.

    `settling` is None when the scheme covers on the facts known; () when it
    is open but its settling sets are not known, which leaves the whole unknown.
    """
    if settling is not None and not settling:
        return ()
    scheme = _settling.TRUE if settling is None else _settling.split_of(settling)
    return _settling.work_out(lambda: _settling.both((scheme, needed)))


def _options(value: object, scheme: Scheme) -> frozenset[str]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidFieldError("MembershipPeriod.options", "a set of option names", value)
    options = frozenset(
        check_option(f"MembershipPeriod.options[{i}]", o) for i, o in enumerate(value)
    )
    for option in sorted(options):
        if option not in scheme.options:
            if not scheme.options:
                expected = f"no options (scheme {scheme.key!r} offers none)"
                raise UnknownNameError("MembershipPeriod.options", expected, option)
            raise UnknownNameError.for_choices("MembershipPeriod.options", option, scheme.options)
    return options
