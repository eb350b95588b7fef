"""The legal requirement to hold indemnity, checked activity by activity.

A licensed doctor who practises in the UK must hold "adequate and
appropriate" indemnity or insurance (The Health Care and Associated
Professions (Indemnity Arrangements) Order 2014, SI 2014/1887); the GMC may
ask for evidence and refuse or remove a licence (its powers from SI
2015/1375, in force 1 August 2015). The law asks this only for care given in
employment or self-employment: a Good Samaritan act falls outside it. NHS
work meets it through the employer's scheme.

`check_legal_requirement` answers per activity: MET (and by what),
NOT_MET, UNDETERMINED (with the facts that would settle it) or NOT_REQUIRED.
It checks that *some* arrangement answers for a clinical negligence claim;
whether a limit is *adequate* is for the doctor and the GMC.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from enum import StrEnum

import attrs

from indemnity._validate import check_date
from indemnity.activity import Activity, ActivityKind
from indemnity.citation import Citation
from indemnity.decision import Decision, Ground, Outcome, ReasonCode
from indemnity.errors import AmbiguousDecisionError, InvalidFieldError
from indemnity.jurisdiction import UK, Jurisdiction
from indemnity.matter import Matter
from indemnity.portfolio import Portfolio
from indemnity.scheme import SchemeKind
from indemnity.uk.registry import nhs_portfolio

__all__ = [
    "GMC_POWERS_FROM",
    "Compliance",
    "RequirementCheck",
    "RequirementReport",
    "check_legal_requirement",
]

GMC_POWERS_FROM = _dt.date(2015, 8, 1)
"""When the GMC's powers to ask for evidence and refuse or remove a licence came into force."""

_LAW = Citation(
    "SI 2014/1887",
    note="The Health Care and Associated Professions (Indemnity Arrangements) Order 2014: "
    "practising doctors must hold adequate and appropriate indemnity or insurance",
)
_LAW_SEED = Citation(
    "000_d40f28ef5600d884.txt",
    "In the UK, doctors are legally required to have appropriate medical indemnity or "
    "insurance in case a patient makes a claim for compensation.",
)
_OUTSIDE_UK = Citation(
    "SI 2014/1887",
    note="a UK requirement: practice outside the UK is left to local law",
    verified=False,
)
_GOOD_SAMARITAN = Citation(
    "001_55dff714f86d38e4.txt",
    "A Good Samaritan act (helping someone in an emergency situation) falls outside of this "
    "requirement.",
)
_NHS_ONLY = Citation(
    "000_d40f28ef5600d884.txt",
    "If you only undertake NHS contracted work, there is no legal obligation to seek "
    "additional medical defence cover.",
)
_GMC_POWERS = Citation(
    "SI 2015/1375",
    note="from 1 August 2015 the GMC may ask for evidence of indemnity, and refuse or "
    "remove a licence without it",
)


class Compliance(StrEnum):
    """Whether the legal requirement is met for an activity."""

    MET = "met"
    NOT_MET = "not-met"
    UNDETERMINED = "undetermined"
    NOT_REQUIRED = "not-required"


_HEADLINE = {
    Compliance.MET: "MET",
    Compliance.NOT_MET: "NOT MET",
    Compliance.UNDETERMINED: "UNDETERMINED",
    Compliance.NOT_REQUIRED: "NOT REQUIRED",
}


@attrs.frozen
class RequirementCheck:
    """The requirement for one activity: met or not, by what, and why.

    `bool()` raises `AmbiguousDecisionError`: ask `met`, or match on `compliance`.

    Attributes:
        activity: The activity checked.
        compliance: MET, NOT_MET, UNDETERMINED or NOT_REQUIRED.
        message: Why, in words.
        source: The source of that reason.
        decision: The coverage decision behind the answer; None when the
            requirement does not apply.
    """

    activity: Activity
    compliance: Compliance
    message: str
    source: Citation
    decision: Decision | None = None

    @property
    def met(self) -> bool:
        """True only when the requirement is MET."""
        return self.compliance is Compliance.MET

    @property
    def met_by(self) -> tuple[Ground, ...]:
        """The arrangements that meet it (empty unless MET)."""
        return () if self.decision is None or not self.met else self.decision.grounds

    @property
    def missing(self) -> frozenset[str]:
        """When UNDETERMINED, the facts that would settle it."""
        return frozenset() if self.decision is None else self.decision.missing

    def __bool__(self) -> bool:
        msg = f"a requirement check has no truth value ({self.compliance.value}); use .met"
        raise AmbiguousDecisionError(msg)

    def explain(self) -> str:
        """The check in readable lines: the answer, why, and what covers or is missing."""
        what = self.activity.description or self.activity.kind.value
        lines = [
            f"{_HEADLINE[self.compliance]}: {what}: {self.message}.",
            f"  source: {self.source}",
        ]
        for ground in self.met_by:
            lines.append(f"  + {ground.describe()}")
            lines.append(f"    source: {ground.source}")
        if self.compliance is Compliance.NOT_MET and self.decision is not None:
            # schemes of other places and times say nothing useful here; decision.explain() has them
            lines.extend(
                f"  - {r.describe()}"
                for r in self.decision.reasons
                if r.code not in (ReasonCode.OUTSIDE_TERRITORY, ReasonCode.OUTSIDE_PERIOD)
            )
        if self.missing:
            lines.append("  To settle it, find out: " + ", ".join(sorted(self.missing)))
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "activity": {
                "kind": self.activity.kind.value,
                "facts": self.activity.facts.to_dict(),
                "description": self.activity.description,
            },
            "compliance": self.compliance.value,
            "met": self.met,
            "message": self.message,
            "source": self.source.to_dict(),
            "met_by": [g.to_dict() for g in self.met_by],
            "missing": sorted(self.missing),
            "decision": None if self.decision is None else self.decision.to_dict(),
        }


@attrs.frozen
class RequirementReport:
    """The legal requirement for a set of activities on a date, in a jurisdiction.

    Attributes:
        on: The date asked about.
        jurisdiction: Where the work is done.
        checks: One check per activity, in the order given.
        gmc_powers: Whether the GMC's powers to ask for evidence and refuse
            or remove a licence were in force on that date.
    """

    on: _dt.date
    jurisdiction: Jurisdiction
    checks: tuple[RequirementCheck, ...]
    gmc_powers: bool

    @property
    def compliance(self) -> Compliance:
        """NOT_MET if any activity's is; else UNDETERMINED if any is; else MET.

        NOT_REQUIRED when no activity needs cover at all.
        """
        found = {c.compliance for c in self.checks}
        for level in (Compliance.NOT_MET, Compliance.UNDETERMINED, Compliance.MET):
            if level in found:
                return level
        return Compliance.NOT_REQUIRED

    @property
    def met(self) -> bool:
        """True when every activity that needs cover has it."""
        return self.compliance in (Compliance.MET, Compliance.NOT_REQUIRED)

    def __bool__(self) -> bool:
        msg = f"a requirement report has no truth value ({self.compliance.value}); use .met"
        raise AmbiguousDecisionError(msg)

    def explain(self) -> str:
        """The report in readable lines: overall, then each activity."""
        headline = (
            f"{_HEADLINE[self.compliance]}: the legal requirement for indemnity on {self.on} "
            f"in {self.jurisdiction.label}."
        )
        lines = [
            headline,
            f"  source: {_LAW}",
        ]
        if self.gmc_powers:
            lines.append(
                "  The GMC may ask for evidence, and refuse or remove a licence without it."
            )
            lines.append(f"  source: {_GMC_POWERS}")
        for check in self.checks:
            lines.extend(check.explain().splitlines())
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "on": self.on.isoformat(),
            "jurisdiction": self.jurisdiction.value,
            "compliance": self.compliance.value,
            "met": self.met,
            "gmc_powers": self.gmc_powers,
            "checks": [c.to_dict() for c in self.checks],
        }


def check_legal_requirement(
    portfolio: Portfolio,
    activities: Activity | Iterable[Activity],
    on: _dt.date,
    jurisdiction: Jurisdiction | str,
    *,
    employer_schemes: bool = True,
) -> RequirementReport:
    """Whether the legal requirement for indemnity is met, activity by activity.

    An activity meets it when some arrangement would answer a clinical
    negligence claim arising from it on that date. With `employer_schemes`,
    the state-backed NHS schemes count too (those the portfolio does not
    already hold): NHS work meets the requirement through the employer's
    scheme, whatever the doctor holds.

    Args:
        portfolio: What the doctor holds.
        activities: The activities to check (one or several).
        on: The date of the work.
        jurisdiction: Where the work is done.
        employer_schemes: Count the state-backed NHS schemes as held.

    Returns:
        One check per activity, and the overall answer.

    Raises:
        InvalidFieldError: an argument is of the wrong type.
        UnknownNameError: the jurisdiction names nothing known.
    """
    if not isinstance(portfolio, Portfolio):
        raise InvalidFieldError("portfolio", "a Portfolio", portfolio)
    items = _activities(activities)
    day = check_date("on", on)
    where = Jurisdiction.parse(jurisdiction)
    held = portfolio
    if employer_schemes:
        have = {m.scheme.key for m in portfolio}
        held = portfolio.add(*(m for m in nhs_portfolio() if m.scheme.key not in have))
    checks = tuple(_check(held, a, day, where) for a in items)
    return RequirementReport(day, where, checks, day >= GMC_POWERS_FROM)


def _activities(value: object) -> tuple[Activity, ...]:
    if isinstance(value, Activity):
        return (value,)
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidFieldError("activities", "an Activity or a collection of them", value)
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, Activity):
            raise InvalidFieldError(f"activities[{i}]", "an Activity", item)
    return items


def _check(
    held: Portfolio, activity: Activity, on: _dt.date, where: Jurisdiction
) -> RequirementCheck:
    if activity.kind is ActivityKind.GOOD_SAMARITAN:
        return RequirementCheck(
            activity,
            Compliance.NOT_REQUIRED,
            "a Good Samaritan act falls outside the requirement",
            _GOOD_SAMARITAN,
        )
    if where not in UK:
        return RequirementCheck(
            activity,
            Compliance.NOT_REQUIRED,
            f"{where.label} is outside the UK requirement",
            _OUTSIDE_UK,
        )
    decision = held.is_covered(activity, on, where, matter=Matter.CLINICAL_NEGLIGENCE)
    match decision.outcome:
        case Outcome.COVERED:
            names = ", ".join(_name(g) for g in decision.grounds)
            state = all(
                g.scheme is not None and g.scheme.kind is SchemeKind.STATE_BACKED
                for g in decision.grounds
            )
            if state:
                return RequirementCheck(
                    activity,
                    Compliance.MET,
                    f"met through the employer's NHS scheme ({names})",
                    _NHS_ONLY,
                    decision,
                )
            return RequirementCheck(
                activity, Compliance.MET, f"met by {names}", _LAW_SEED, decision
            )
        case Outcome.UNDETERMINED:
            return RequirementCheck(
                activity,
                Compliance.UNDETERMINED,
                "met only if the missing facts go the right way",
                _LAW_SEED,
                decision,
            )
        case Outcome.NOT_COVERED:
            return RequirementCheck(
                activity,
                Compliance.NOT_MET,
                "no arrangement would answer a clinical negligence claim",
                _LAW_SEED,
                decision,
            )


def _name(ground: Ground) -> str:
    scheme = ground.scheme
    return ground.cover.name if scheme is None else scheme.name
