"""The worked example `python -m indemnity` prints: a consultant with an NHS post and an MDO."""

from __future__ import annotations

import datetime as dt

from indemnity.activity import Activity, ActivityKind, Engager, Fact
from indemnity.citation import Citation
from indemnity.conditions import Is, KindIn
from indemnity.cover import Cover
from indemnity.jurisdiction import UK, Jurisdiction
from indemnity.matter import Matter
from indemnity.membership import MembershipPeriod
from indemnity.period import Period
from indemnity.portfolio import Portfolio
from indemnity.rules import Exclusion, Requirement
from indemnity.scheme import Basis, Scheme, SchemeKind

SEED_000 = "000_d40f28ef5600d884.txt"
SEED_001 = "001_55dff714f86d38e4.txt"


def demo_portfolio() -> Portfolio:
    """A consultant employed by an English NHS trust who also holds MDO membership."""
    nhs = Scheme(
        key="employer-scheme",
        name="Employer's NHS indemnity (CNST)",
        operator="NHS Resolution",
        kind=SchemeKind.STATE_BACKED,
        basis=Basis.OCCURRENCE,
        covers=(
            Cover(
                name="NHS clinical negligence",
                matters=frozenset({Matter.CLINICAL_NEGLIGENCE}),
                activities=frozenset({ActivityKind.NHS_CONTRACTED_CARE}),
                territory=frozenset({Jurisdiction.ENGLAND}),
                source=Citation(
                    SEED_001,
                    "In England, indemnity is provided through the "
                    "Clinical Negligence Scheme for Trusts (CNST)",
                ),
                conditions=(
                    Requirement(
                        Is(Fact.ENGAGED_BY, Engager.NHS_BODY),
                        "the doctor is employed or engaged by an NHS body",
                        Citation(
                            SEED_001, "This applies even if you are a locum for an NHS or HSC body."
                        ),
                    ),
                ),
            ),
        ),
        source=Citation(
            SEED_000,
            "NHS indemnity covers clinical negligence claims made against hospital doctors",
        ),
        in_force=Period(dt.date(1995, 4, 1)),
    )
    mdo = Scheme(
        key="mdo",
        name="MDO membership",
        operator="A medical defence organisation",
        kind=SchemeKind.DISCRETIONARY,
        basis=Basis.OCCURRENCE,
        covers=(
            Cover(
                name="Medicolegal support",
                matters=frozenset(
                    {
                        Matter.COMPLAINT,
                        Matter.REGULATORY,
                        Matter.INQUEST,
                        Matter.DISCIPLINARY,
                        Matter.CRIMINAL_INVESTIGATION,
                    }
                ),
                activities=frozenset(ActivityKind),
                territory=UK,
                source=Citation(
                    SEED_000,
                    "This can include investigations, inquiries, "
                    "complaints and criminal proceedings",
                ),
            ),
            Cover(
                name="Clinical negligence outside NHS indemnity",
                matters=frozenset({Matter.CLINICAL_NEGLIGENCE}),
                activities=frozenset({ActivityKind.PRIVATE_PRACTICE, ActivityKind.CATEGORY_2_WORK}),
                territory=UK,
                source=Citation(
                    SEED_000,
                    "clinical negligence claims which fall outside of the scope of NHS indemnity",
                ),
                exclusions=(
                    Exclusion(
                        KindIn({ActivityKind.PRIVATE_PRACTICE}),
                        unless=Is(Fact.DECLARED, True),
                        reason="private practice not declared to the MDO",
                        source=Citation(
                            SEED_000,
                            "get a personal membership quote",
                            note="membership is priced on the work declared",
                        ),
                    ),
                ),
            ),
        ),
        source=Citation(
            SEED_000,
            "Medical defence organisations (MDOs) are mutual, non-profit making organisations",
        ),
    )
    return Portfolio(
        (
            MembershipPeriod(nhs, Period(dt.date(2019, 8, 7)), label="NHS trust employment"),
            MembershipPeriod(mdo, Period(dt.date(2019, 8, 7)), label="MDO membership"),
        ),
        holder="Dr Example, consultant",
    )


def demo_text() -> str:
    """Three questions about the example consultant, explained."""
    portfolio = demo_portfolio()
    on = dt.date(2025, 3, 10)
    questions = [
        Activity.of(ActivityKind.NHS_CONTRACTED_CARE, engaged_by=Engager.NHS_BODY),
        Activity.of(ActivityKind.CATEGORY_2_WORK),
        Activity.of(ActivityKind.PRIVATE_PRACTICE),
    ]
    parts = [f"Portfolio of {portfolio.holder}; incident on {on}, England."]
    parts.extend(portfolio.is_covered(a, on, Jurisdiction.ENGLAND).explain() for a in questions)
    return "\n\n".join(parts)
