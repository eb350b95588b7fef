"""A membership period: a scheme held over a period, with the options bought."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

import attrs

from indemnity._validate import check_optional_date, check_str
from indemnity.cover import check_option
from indemnity.decision import CLAIM_DATE, Decision, Outcome, Reason, ReasonCode, claims_text
from indemnity.errors import InvalidFieldError, UnknownNameError
from indemnity.jurisdiction import Jurisdiction
from indemnity.matter import Matter
from indemnity.period import Period
from indemnity.question import Question
from indemnity.scheme import Basis, Scheme

__all__ = ["MembershipPeriod"]


@attrs.frozen
class MembershipPeriod:
    """A scheme held over a period: a membership, an employment or a policy year.

    Occurrence cover answers for incidents inside `period`, however late the
    claim. Claims-made cover answers for claims made inside the claim window
    (`period`, extended to `run_off_end`) about incidents from the
    `retroactive_date` (default: the period's start) to the period's end.

    Attributes:
        scheme: The scheme held.
        period: When it is held.
        options: Options bought, such as ``"public-liability"``; each must be
            offered by the scheme.
        retroactive_date: Claims-made only: the earliest incident date covered.
        run_off_end: Claims-made only: the end (excluded) of the extended
            reporting period after the policy ends.
        label: A name for people, such as ``"MPS, ST1 to ST3"``.

    Raises:
        InvalidFieldError: a field is of the wrong type, an option is not
            offered, or a claims-made field is set on occurrence cover.
    """

    scheme: Scheme
    period: Period
    options: frozenset[str] = frozenset()
    retroactive_date: _dt.date | None = None
    run_off_end: _dt.date | None = None
    label: str = ""

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
        claims_made = self.scheme.basis is Basis.CLAIMS_MADE
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

    @property
    def basis(self) -> Basis:
        """The basis of the scheme held."""
        return self.scheme.basis

    @property
    def incidents(self) -> Period:
        """The incident dates this membership can answer for."""
        if self.basis is Basis.OCCURRENCE:
            return self.period
        return Period(self.retroactive_date or self.period.start, self.period.end)

    @property
    def claims(self) -> Period:
        """The claim dates this membership can answer for (the window with run-off)."""
        if self.basis is Basis.OCCURRENCE:
            return Period.always()
        return Period(self.period.start, self.run_off_end or self.period.end)

    def describe(self) -> str:
        """The membership in a few words: its label, or its scheme and period."""
        return self.label or f"{self.scheme.name} {self.period}"

    def is_covered(
        self,
        activity: object,
        on: _dt.date,
        jurisdiction: Jurisdiction | str,
        *,
        matter: Matter | str = Matter.CLINICAL_NEGLIGENCE,
        claimed_on: _dt.date | None = None,
    ) -> Decision:
        """Whether this membership answers the question.

        A claims-made membership asked without `claimed_on` answers
        UNDETERMINED when it would otherwise cover, naming the window of
        claim dates for which it covers.

        Raises:
            IndemnityError: a part of the question is invalid.
        """
        question = Question.ask(
            activity,  # type: ignore[arg-type]  # Question.ask checks it
            on,
            jurisdiction,
            matter=matter,
            claimed_on=claimed_on,
        )
        return self.decide(question)

    def decide(self, question: Question) -> Decision:
        """Answer an already validated `question`; see `is_covered`."""
        scheme = self.scheme

        def no(code: ReasonCode, message: str) -> Decision:
            found = Reason(code, message, scheme.source, None, scheme, self)
            return Decision(Outcome.NOT_COVERED, question, (), (found,))

        on = question.on
        if scheme.basis is Basis.OCCURRENCE:
            if on not in self.period:
                return no(
                    ReasonCode.OUTSIDE_PERIOD,
                    f"occurrence cover for incidents {self.period}; not on {on}",
                )
            return scheme.decide(question, membership=self, options=self.options)

        incidents, claims = self.incidents, self.claims
        if on < incidents.start:
            return no(
                ReasonCode.BEFORE_RETROACTIVE_DATE,
                f"claims-made cover for incidents from {incidents.start}; not on {on}",
            )
        if on not in incidents:
            return no(
                ReasonCode.OUTSIDE_PERIOD,
                f"claims-made cover for incidents before {incidents.end}; not on {on}",
            )
        claim = question.claimed_on
        if claim is not None and claim not in claims:
            return no(
                ReasonCode.CLAIM_OUTSIDE_WINDOW,
                f"claims-made cover for claims made {claims}; not on {claim}",
            )
        decision = scheme.decide(question, membership=self, options=self.options)
        if claim is not None or decision.outcome is Outcome.NOT_COVERED:
            return decision
        window = Period(max(claims.start, on), claims.end)
        reason = Reason(
            ReasonCode.CLAIM_DATE_UNKNOWN,
            f"claims-made: covered only if the claim is made {claims_text((window,))}",
            scheme.source,
            None,
            scheme,
            self,
            frozenset({CLAIM_DATE}),
        )
        return Decision(
            Outcome.UNDETERMINED,
            question,
            (),
            (reason, *decision.reasons),
            decision.missing | {CLAIM_DATE},
            (window,) if decision.outcome is Outcome.COVERED else (),
        )


def _options(value: object, scheme: Scheme) -> frozenset[str]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
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
