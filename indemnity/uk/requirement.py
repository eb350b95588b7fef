"""The legal requirement to hold indemnity, checked activity by activity.

A licensed doctor who practises in the UK must hold "adequate and
appropriate" indemnity or insurance (The Health Care and Associated
Professions (Indemnity Arrangements) Order 2014, SI 2014/1887, in force 17
July 2014); the GMC may ask for evidence and refuse or remove a licence (its
powers from SI 2015/1375, in force 1 August 2015). The law asks this only for
care given in employment or self-employment: a Good Samaritan act falls
outside it. NHS work meets it through the employer's scheme.

`check_legal_requirement` answers per activity: MET (and by what),
NOT_MET, UNDETERMINED (with which values of which facts would meet it, and
the fact to ask about next) or NOT_REQUIRED.
It checks that *some* arrangement would answer a clinical negligence claim
made on the day of the work; whether a limit is *adequate* is for the doctor
and the GMC. Before 17 July 2014 the Order was not in force; in its
transitional year (to 16 July 2015) the duty does not bite while an
arrangement from before then continues; outside the UK the local law
decides, which the sources do not state.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Iterable
from enum import StrEnum

import attrs

from indemnity._records import fields_repr
from indemnity._validate import check_date
from indemnity.errors import AmbiguousDecisionError, InvalidFieldError
from indemnity.holdings.portfolio import Portfolio
from indemnity.io.codec import to_data
from indemnity.model.activity import Activity
from indemnity.model.basis import SchemeKind
from indemnity.model.citation import Citation
from indemnity.model.decision import Decision, Ground, Outcome, ReasonCode
from indemnity.model.settling import (
    Branch,
    FactValues,
    NextQuestion,
    Settling,
    facts_in_order,
    rank,
)
from indemnity.model.terms import Fact, Jurisdiction
from indemnity.uk.names import UK, FactName, KindName, MatterName
from indemnity.uk.registry import cite, nhs_portfolio, vocabulary

__all__ = [
    "GMC_POWERS_FROM",
    "IN_FORCE_FROM",
    "TRANSITION_ENDS",
    "Compliance",
    "RequirementCheck",
    "RequirementReport",
    "check_legal_requirement",
]

GMC_POWERS_FROM = _dt.date(2015, 8, 1)
"""When the GMC's powers to ask for evidence and refuse or remove a licence came into force."""

IN_FORCE_FROM = _dt.date(2014, 7, 17)
"""When SI 2014/1887, the requirement to hold indemnity, came into force."""

TRANSITION_ENDS = _dt.date(2015, 7, 17)
"""The first day after the Order's transitional year (which ran to 16 July 2015)."""


@functools.cache
def _citations() -> dict[str, Citation]:
    """The citations of this module, made on first use (they need the catalogue's sources)."""
    return {
        "law": cite(
            "si-2014-1887",
            note="practising doctors must hold adequate and appropriate indemnity or insurance",
        ),
        "law-mdo": cite(
            "mps-imgs-2023",
            "In the UK, doctors are legally required to have appropriate medical indemnity or "
            "insurance in case a patient makes a claim for compensation.",
        ),
        "outside-uk": cite(
            "si-2014-1887",
            note="a UK requirement: practice outside the UK is left to local law, which the "
            "sources do not state",
        ),
        "not-in-force": cite(
            "si-2014-1887",
            note="in force 17 July 2014: before it, no statutory duty to hold indemnity",
        ),
        "transition": cite(
            "si-2014-1887",
            note="Schedule 3, paragraph 2: until 16 July 2015 the duty does not apply while an "
            "indemnity arrangement in force before 17 July 2014 continues",
        ),
        "good-samaritan": cite(
            "bdi-nhs-indemnity-2022",
            "A Good Samaritan act (helping someone in an emergency situation) falls outside of "
            "this requirement.",
        ),
        "nhs-only": cite(
            "mps-imgs-2023",
            "If you only undertake NHS contracted work, there is no legal obligation to seek "
            "additional medical defence cover.",
        ),
        "gmc-powers": cite(
            "si-2015-1375",
            note="from 1 August 2015 the GMC may ask for evidence of indemnity, and refuse or "
            "remove a licence without it",
        ),
    }


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
        asks: Facts the requirement itself turns on, beyond the decision's
            (whether an arrangement from before 17 July 2014 continues; whether
            cover meets a local law outside the UK).
    """

    __repr__ = fields_repr

    activity: Activity
    compliance: Compliance
    message: str
    source: Citation
    decision: Decision | None = None
    asks: frozenset[Fact] = frozenset()

    @property
    def met(self) -> bool:
        """True only when the requirement is MET."""
        return self.compliance is Compliance.MET

    @property
    def met_by(self) -> tuple[Ground, ...]:
        """The arrangements that meet it (empty unless MET)."""
        return () if self.decision is None or not self.met else self.decision.grounds

    @property
    def missing(self) -> frozenset[Fact]:
        """When UNDETERMINED, the facts that would settle it."""
        if self.compliance is not Compliance.UNDETERMINED:
            return frozenset()
        if self.asks:
            return self.asks
        return frozenset() if self.decision is None else self.decision.missing

    @property
    def settling(self) -> tuple[Settling, ...]:
        """When UNDETERMINED, the smallest sets of facts whose values settle it.

        A set whose outcome is COVERED meets the requirement; NOT_COVERED
        leaves it unmet (see `Decision.settling`).
        """
        if self.compliance is not Compliance.UNDETERMINED:
            return ()
        if self.asks:
            # the requirement's own yes/no facts: yes meets it (or lifts it), no does not
            return tuple(
                Settling(outcome, (FactValues.of(fact, among=[value]),))
                for fact in sorted(self.asks, key=lambda f: f.name)
                for value, outcome in ((False, Outcome.NOT_COVERED), (True, Outcome.COVERED))
            )
        return () if self.decision is None else self.decision.settling

    @property
    def next_question(self) -> NextQuestion | None:
        """When UNDETERMINED, the fact to ask about next (see `Decision.next_question`)."""
        if self.asks:
            asked = rank(self.settling, facts_in_order(self.activity.vocabulary))
            return asked[0] if asked else None
        return None if self.decision is None else self.decision.next_question

    def __bool__(self) -> bool:
        msg = f"a requirement check has no truth value ({self.compliance.value}); use .met"
        raise AmbiguousDecisionError(msg)

    def explain(self) -> str:
        """The check in readable lines: the answer, why, and what covers or is missing."""
        what = self.activity.description or self.activity.kind.name
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
            lines.append(
                "  To settle it, find out: " + ", ".join(sorted(f.name for f in self.missing))
            )
        asked = self.next_question
        if asked is not None:
            lines.append(f"  Ask next: {asked.question}")
            lines.extend(f"    - {_branch(b)}" for b in asked.branches)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "activity": to_data(self.activity),
            "compliance": self.compliance.value,
            "met": self.met,
            "message": self.message,
            "source": to_data(self.source),
            "met_by": [to_data(g) for g in self.met_by],
            "missing": sorted(f.name for f in self.missing),
            "settling": [to_data(s) for s in self.settling],
            "next_question": None if self.next_question is None else to_data(self.next_question),
            "decision": None if self.decision is None else to_data(self.decision),
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

    __repr__ = fields_repr

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
            f"  source: {_citations()['law']}",
        ]
        if self.gmc_powers:
            lines.append(
                "  The GMC may ask for evidence, and refuse or remove a licence without it."
            )
            lines.append(f"  source: {_citations()['gmc-powers']}")
        for check in self.checks:
            lines.extend(check.explain().splitlines())
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "on": self.on.isoformat(),
            "jurisdiction": self.jurisdiction.name,
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
    where = vocabulary().jurisdiction(jurisdiction)
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
    if activity.kind == KindName.GOOD_SAMARITAN:
        return RequirementCheck(
            activity,
            Compliance.NOT_REQUIRED,
            "a Good Samaritan act falls outside the requirement",
            _citations()["good-samaritan"],
        )
    if on < IN_FORCE_FROM:
        return RequirementCheck(
            activity,
            Compliance.NOT_REQUIRED,
            f"the requirement came into force on {IN_FORCE_FROM}",
            _citations()["not-in-force"],
        )
    # A claim made on the day of the work: the cover held then, not a scheme
    # that takes old liabilities over years later.
    decision = held.is_covered(
        activity, on, where, matter=MatterName.CLINICAL_NEGLIGENCE, claimed_on=on
    )
    if where not in UK:
        return _local_law(activity, where, decision)
    match decision.outcome:
        case Outcome.COVERED:
            names = ", ".join(_name(g) for g in decision.grounds)
            state = all(g.kind is SchemeKind.STATE_BACKED for g in decision.grounds)
            if state:
                return RequirementCheck(
                    activity,
                    Compliance.MET,
                    f"met through the employer's NHS scheme ({names})",
                    _citations()["nhs-only"],
                    decision,
                )
            return RequirementCheck(
                activity, Compliance.MET, f"met by {names}", _citations()["law-mdo"], decision
            )
        case Outcome.UNDETERMINED:
            return RequirementCheck(
                activity,
                Compliance.UNDETERMINED,
                _open(decision.settling),
                _citations()["law-mdo"],
                decision,
            )
        case Outcome.NOT_COVERED:
            if on < TRANSITION_ENDS:
                return _transition(activity, decision)
            return RequirementCheck(
                activity,
                Compliance.NOT_MET,
                "no arrangement would answer a clinical negligence claim",
                _citations()["law-mdo"],
                decision,
            )


def _transition(activity: Activity, decision: Decision) -> RequirementCheck:
    """The transitional year: no cover found, but an old arrangement may still stand."""
    fact = vocabulary().fact(FactName.ARRANGEMENT_BEFORE_2014_CONTINUES)
    continues = activity.facts.get(fact)
    if continues is True:
        return RequirementCheck(
            activity,
            Compliance.NOT_REQUIRED,
            "an arrangement from before 17 July 2014 continues, in the transitional year",
            _citations()["transition"],
            decision,
        )
    if continues is False:
        return RequirementCheck(
            activity,
            Compliance.NOT_MET,
            "no arrangement would answer a clinical negligence claim, and none from before "
            "17 July 2014 continues",
            _citations()["transition"],
            decision,
        )
    return RequirementCheck(
        activity,
        Compliance.UNDETERMINED,
        "no arrangement found would answer a clinical negligence claim; in the transitional "
        "year the duty does not apply while an arrangement from before 17 July 2014 continues",
        _citations()["transition"],
        decision,
        asks=frozenset({fact}),
    )


def _local_law(activity: Activity, where: Jurisdiction, decision: Decision) -> RequirementCheck:
    """Outside the UK: the local law decides, and the sources do not state it."""
    fact = vocabulary().fact(FactName.MEETS_LOCAL_REQUIREMENT)
    meets = activity.facts.get(fact)
    if meets is not None:
        return RequirementCheck(
            activity,
            Compliance.MET if meets else Compliance.NOT_MET,
            f"{where.label} is outside the UK requirement; its own law's requirement is "
            + ("met, as given" if meets else "not met, as given"),
            _citations()["outside-uk"],
            decision,
        )
    return RequirementCheck(
        activity,
        Compliance.UNDETERMINED,
        f"{where.label} is outside the UK requirement: its own law decides what cover is "
        "needed, and the sources do not state it",
        _citations()["outside-uk"],
        decision,
        asks=frozenset({fact}),
    )


def _name(ground: Ground) -> str:
    return ground.scheme_name or ground.cover


def _open(settling: tuple[Settling, ...]) -> str:
    """What an open check needs, in words: the values that would meet the requirement."""
    meeting = [s.describe() for s in settling if s.outcome is Outcome.COVERED]
    if meeting:
        return "met if " + " or if ".join(meeting)
    if settling:
        return "not met once " + " or once ".join(s.describe() for s in settling) + " is known"
    return "met only if the missing facts go the right way"


_MET = {
    Outcome.COVERED: "met",
    Outcome.NOT_COVERED: "not met",
    Outcome.UNDETERMINED: "still open",
}


def _branch(branch: Branch) -> str:
    """Where an answer leads, said of the requirement: "no -> not met"."""
    where = _MET[branch.outcome]
    if branch.open:
        where += " on " + ", ".join(sorted(f.name for f in branch.open))
    return f"{branch.values.describe()} -> {where}"
