"""Scenarios from the sources, each naming the line it comes from, answered by the catalogue.

Every row's ``source`` quotes the seed line (or the domain brief's line, or the
issue's bullet) it tests. A seed is named by its id in the sources registry
(``mps-hee-block``; the files ``000`` to ``004`` in ``../shared/seeds/``);
``domain`` is ``../shared/domain.md``. Neither is in the repository: the quotes
are checked against them where they are at hand.
"""

# ruff: noqa: RUF001 - the sources' curly quotation marks are quoted verbatim

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from indemnity import (
    Activity,
    Decision,
    InvalidFieldError,
    MembershipPeriod,
    Outcome,
    Period,
    Portfolio,
    SchemeKind,
    Switch,
    UnknownNameError,
    gaps,
    overlaps,
    to_data,
    uk,
)
from indemnity.model.terms import MatterScope

D = dt.date
DAY = D(2024, 11, 5)
S000 = "mps-imgs-2023"
S001 = "bdi-nhs-indemnity-2022"
S002 = "nhs-medical-indemnity-2024"
S003 = "mps-hee-block"
S004 = "mduconnect-brochure"
SEEDS = Path(
    os.environ.get("INDEMNITY_SEEDS", Path(__file__).resolve().parents[2] / "shared" / "seeds")
)
"""The seed documents, where they are at hand; the domain brief is beside them."""

COVERED = Outcome.COVERED
NOT = Outcome.NOT_COVERED
OPEN = Outcome.UNDETERMINED


ENGLISH_TRUST_FROM = D(2012, 8, 1)
"""When the doctor of the cross-border scenarios began work for an English NHS trust."""


def _held(key: str, start: dt.date, end: dt.date | None, *options: str) -> MembershipPeriod:
    return MembershipPeriod(uk.scheme(key), Period(start, end), frozenset(options))


def _nhs() -> Portfolio:
    return uk.nhs_portfolio()


def _cnst() -> Portfolio:
    cnst = uk.scheme("cnst")
    return Portfolio((MembershipPeriod(cnst, cnst.in_force),))


def _mps() -> Portfolio:
    return Portfolio((_held("medical-protection", D(2020, 1, 1), D(2025, 1, 1)),))


def _nhs_and_mps() -> Portfolio:
    return _nhs().add(*_mps())


def _mdu() -> Portfolio:
    return Portfolio((_held("mdu", D(2020, 1, 1), None),))


def _mddus() -> Portfolio:
    return Portfolio((_held("mddus", D(2020, 1, 1), None),))


def _trainee() -> Portfolio:
    return Portfolio(uk.trainee_memberships(D(2024, 8, 7), D(2027, 8, 7)))


def _trainee_private() -> Portfolio:
    return Portfolio(uk.trainee_memberships(D(2024, 8, 7), D(2027, 8, 7), private_practice=True))


def _policy(*options: str) -> Portfolio:
    scheme = uk.mduconnect(limit=5_000_000)
    return Portfolio(
        (MembershipPeriod(scheme, Period(D(2024, 1, 1), D(2025, 1, 1)), frozenset(options)),)
    )


def _mduconnect() -> Portfolio:
    return _policy()


def _mduconnect_public_liability() -> Portfolio:
    return _policy("public-liability")


def _since_2010(key: str) -> Callable[[], Portfolio]:
    return lambda: Portfolio((_held(key, D(2010, 1, 1), None),))


def _nhs_and(key: str) -> Callable[[], Portfolio]:
    return lambda: _nhs().add(_held(key, D(2010, 1, 1), None))


def _mdu_gp(run_off_end: dt.date | None = None) -> Callable[[], Portfolio]:
    """An English GP in the MDU, on claims-paid transitional benefits until CNSGP."""

    def held() -> Portfolio:
        benefits = MembershipPeriod(
            uk.scheme("mdu-transitional"),
            Period(D(2018, 1, 1), D(2019, 4, 1)),
            run_off_end=run_off_end,
        )
        return _nhs().add(_held("mdu", D(2010, 1, 1), None), benefits)

    return held


def _gp_trainee_2015() -> Portfolio:
    """A GP trainee in Wessex from 2015, with the NHS schemes."""
    return _nhs().add(*uk.trainee_memberships(D(2015, 8, 5), D(2018, 8, 5), region="wessex"))


def _london_trainee() -> Portfolio:
    """A trainee in London: MDDUS's block membership."""
    return Portfolio(uk.trainee_memberships(D(2024, 8, 7), D(2027, 8, 7), region="london"))


HOLDINGS: dict[str, Callable[[], Portfolio]] = {
    "nhs": _nhs,
    "cnst": _cnst,
    "mps": _mps,
    "nhs+mps": _nhs_and_mps,
    "mdu": _mdu,
    "mddus": _mddus,
    "trainee": _trainee,
    "trainee+private": _trainee_private,
    "mduconnect": _mduconnect,
    "mduconnect+pl": _mduconnect_public_liability,
    "mps-2010": _since_2010("medical-protection"),
    "mdu-2010": _since_2010("mdu"),
    "mddus-2010": _since_2010("mddus"),
    "nhs+mddus": _nhs_and("mddus"),
    "nhs+mdu": _nhs_and("mdu"),
    "nhs+mps-2010": _nhs_and("medical-protection"),
    "mdu-gp": _mdu_gp(),
    "mdu-gp+run-off": _mdu_gp(D(2026, 4, 1)),
    "gp-trainee-2015": _gp_trainee_2015,
    "london-trainee": _london_trainee,
    "provider": lambda: uk.person("provider"),
    "nhs+mps-1985": lambda: _nhs().add(_held("medical-protection", D(1985, 1, 1), None)),
    "english-trust": lambda: Portfolio(uk.nhs_employment(since=ENGLISH_TRUST_FROM)),
}
"""What the doctor or provider holds, by name."""


class Case(NamedTuple):
    """One scenario: who holds what, what was done, and the answer the sources give."""

    name: str
    source: str
    holds: str
    kind: str
    facts: dict[str, object]
    where: str
    outcome: Outcome
    on: dt.date = DAY
    matter: str = "clinical-negligence"
    claimed_on: dt.date | None = None
    by: frozenset[str] = frozenset()
    missing: frozenset[str] = frozenset()
    cites: str | None = None


def by(*keys: str) -> frozenset[str]:
    """The schemes expected among the grounds."""
    return frozenset(keys)


def missing(*facts: str) -> frozenset[str]:
    """The facts expected to be missing."""
    return frozenset(facts)


NHS_BODY = {"engaged_by": "nhs-body"}
GP = {"engaged_by": "nhs-primary-care-provider"}
AGENCY = {"engaged_by": "nhs-staffing-contractor", "locum": True}
MDU_GP = {**GP, "field": "general-practice", "declared": True, "mdo": "mdu"}
THREE = {"official_rotation": True, "supervised": True, "trained_and_competent": True}
PRIVATE = {"declared": True, "overall_charge": False}

# fmt: off
CASES = [
    # --- State-backed NHS schemes -------------------------------------------------
    Case(
        "English trust employee, NHS contracted care: CNST",
        f'{S001}: "In England, indemnity is provided through the Clinical Negligence Scheme for '
        'Trusts (CNST)" (issue 3, first bullet)',
        "nhs", "nhs-contracted-care", NHS_BODY, "england", COVERED, by=by("cnst"),
    ),
    Case(
        "the same doctor writing an insurance company report: not CNST",
        f'{S000}: "Any ‘category 2’ work you undertake in hospitals, such as ... reports on '
        'patients for use ... by insurance companies"',
        "cnst", "category-2-work", NHS_BODY, "england", NOT, cites=S000,
    ),
    Case(
        "Scottish GP with no MDO, NHS care: nothing",
        'domain: "Scottish GPs have no state scheme" (issue 3, third bullet)',
        "nhs", "nhs-contracted-care", GP, "scotland", NOT,
    ),
    Case(
        "locum engaged by an NHS trust: CNST",
        f'{S001}: "This applies even if you are a locum for an NHS or HSC body."',
        "nhs", "nhs-contracted-care", {"engaged_by": "nhs-body", "locum": True}, "england",
        COVERED, by=by("cnst"),
    ),
    Case(
        "locum through an NHS staffing contractor: open",
        f'{S000}: "if you work as a locum for an organisation which is contracted to provide '
        'NHS staff"',
        "nhs", "nhs-contracted-care", {**AGENCY, "field": "emergency-medicine"}, "england",
        OPEN, missing=missing("nhs_indemnity_applies"),
    ),
    Case(
        "locum through a staffing contractor, NHS indemnity confirmed",
        f'{S000}: "there can be some exceptions" (settled: confirmed)',
        "nhs", "nhs-contracted-care",
        {**AGENCY, "field": "emergency-medicine", "nhs_indemnity_applies": True}, "england",
        COVERED, by=by("cnst"),
    ),
    Case(
        "locum through a staffing contractor, NHS indemnity not in place",
        f'{S000}: "there can be some exceptions" (settled: not confirmed)',
        "nhs", "nhs-contracted-care",
        {"engaged_by": "nhs-staffing-contractor", "nhs_indemnity_applies": False}, "england",
        NOT, cites=S000,
    ),
    Case(
        "private provider commissioned for NHS patients: open",
        f'{S003}: "please be aware that your work may not be NHS-indemnified"',
        "nhs", "nhs-contracted-care",
        {"engaged_by": "nhs-commissioned-private-provider", "field": "general-medicine"},
        "england", OPEN,
        missing=missing("contract_requires_own_indemnity", "nhs_indemnity_applies"),
    ),
    Case(
        "commissioned provider whose contract requires own indemnity: private practice",
        f'{S003}: "if it requires you to arrange your own indemnity, then treat this as private '
        'practice"',
        "nhs", "nhs-contracted-care",
        {"engaged_by": "nhs-commissioned-private-provider",
         "contract_requires_own_indemnity": True},
        "england", NOT, cites=S003,
    ),
    Case(
        "commissioned provider whose contract does not require own indemnity: which scheme?",
        f'{S003}: "In this scenario we recommend you check your contract"',
        "nhs", "nhs-contracted-care",
        {"engaged_by": "nhs-commissioned-private-provider", "field": "general-medicine",
         "contract_requires_own_indemnity": False},
        "england", OPEN, missing=missing("nhs_indemnity_applies"),
    ),
    Case(
        "commissioned provider whose contract puts its NHS work under CNST",
        'domain: "independent providers of NHS care may join since 1 Apr 2013 (SI 2013/497)"',
        "nhs", "nhs-contracted-care",
        {"engaged_by": "nhs-commissioned-private-provider", "field": "general-medicine",
         "contract_requires_own_indemnity": False, "nhs_indemnity_applies": True},
        "england", COVERED, by=by("cnst"),
    ),
    Case(
        "NHS patients treated privately: open",
        f'{S001}: "If you are treating NHS patients privately, you must check with your NHS or HSC '
        'body employer what indemnity is in place."',
        "nhs", "private-practice", {"engaged_by": "nhs-body", "nhs_patient": True}, "england",
        OPEN, missing=missing("nhs_indemnity_applies"),
    ),
    Case(
        "NHS patients treated privately, employer confirms NHS indemnity",
        f'{S001}: "check with your NHS or HSC body employer" (settled: confirmed)',
        "nhs", "private-practice",
        {"engaged_by": "nhs-body", "nhs_patient": True, "nhs_indemnity_applies": True},
        "england", COVERED, by=by("cnst"),
    ),
    Case(
        "private practice alongside an NHS role",
        f'{S000}: "Any private practice work you take on alongside your NHS role"',
        "nhs", "private-practice", {"nhs_patient": False}, "england", NOT, cites=S000,
    ),
    Case(
        "private travel vaccine in general practice",
        f'{S000}: "Any ‘fee-paying’ or ‘chargeable’ services undertaken while in general practice, '
        'such as private travel vaccines"',
        "nhs", "fee-paying-service", GP, "england", NOT, cites=S000,
    ),
    Case(
        "clinical trial not covered under legislation",
        f'{S000}: "Any clinical trials not covered under legislation"',
        "nhs", "clinical-trial", {"engaged_by": "nhs-body", "trial_covered_by_legislation": False},
        "england", NOT, cites=S000,
    ),
    Case(
        "clinical trial, legislation not known: open",
        f'{S000}: "Any clinical trials not covered under legislation" (fact unknown)',
        "nhs", "clinical-trial", NHS_BODY, "england", OPEN,
        missing=missing("trial_covered_by_legislation"),
    ),
    Case(
        "road traffic accident on the way home",
        f'{S000}: "Any instances where you assist in a public medical emergency (such as a road '
        'traffic accident)"',
        "nhs", "good-samaritan", {}, "england", NOT, cites=S000,
    ),
    Case(
        "NHS clinical negligence scheme, complaint: not its business",
        f'{S000}: "Dealing with complaints, perhaps involving the Ombudsman"',
        "cnst", "nhs-contracted-care", NHS_BODY, "england", NOT, matter="complaint",
    ),
    Case(
        "English hospital incident in 1994: ELS, before CNST",
        'domain: "CNST ... incidents on/after 1 Apr 1995 (ELS before)"',
        "nhs", "nhs-contracted-care", NHS_BODY, "england", COVERED, on=D(1994, 6, 1),
        by=by("els"),
    ),
    Case(
        "English GP, NHS work: CNSGP",
        f'{S000}: "NHS indemnity covers clinical negligence claims made against hospital doctors '
        'and those working in general practice"',
        "nhs", "nhs-contracted-care", GP, "england", COVERED, by=by("cnsgp"),
    ),
    Case(
        "English GP, 2018 incident, MDDUS member: ELSGP",
        'domain: "ELSGP ... for incidents before 1 Apr 2019, only for members of MDOs that '
        'signed up (MDDUS; ...)"',
        "nhs", "nhs-contracted-care", {**GP, "mdo": "mddus"}, "england", COVERED,
        on=D(2018, 6, 1), claimed_on=D(2021, 3, 1), by=by("elsgp"),
    ),
    Case(
        "English GP, 2018 incident, MDU member: not ELSGP",
        'domain: "ELSGP ... not the MDU"',
        "nhs", "nhs-contracted-care", {**GP, "mdo": "mdu"}, "england", NOT, on=D(2018, 6, 1),
    ),
    Case(
        "English GP, 2018 incident, MDO not known: open",
        'domain: "ELSGP ... only for members of MDOs that signed up"',
        "nhs", "nhs-contracted-care", GP, "england", OPEN, on=D(2018, 6, 1),
        claimed_on=D(2021, 3, 1), missing=missing("mdo"),
    ),
    Case(
        "Welsh health board employee: the Welsh Risk Pool scheme",
        f'{S001}: "In Wales, indemnity is provided through the Clinical Negligence Scheme for '
        'Trusts and Health Board by Welsh Risk Pool Services."',
        "nhs", "nhs-contracted-care", NHS_BODY, "wales", COVERED, by=by("nhs-wales"),
    ),
    Case(
        "Welsh salaried GP: GMPI",
        'domain: "GMPI, General Medical Practice Indemnity ... incidents on/after 1 Apr 2019"',
        "nhs", "nhs-contracted-care", {**GP, "locum": False}, "wales", COVERED, by=by("gmpi"),
    ),
    Case(
        "Welsh GP locum not on the All Wales Locum Register",
        'domain: "GP locums must be on the All Wales Locum Register"',
        "nhs", "nhs-contracted-care", {**GP, "locum": True, "on_locum_register": False}, "wales",
        NOT,
    ),
    Case(
        "Welsh GP locum, register not known: open",
        'domain: "GP locums must be on the All Wales Locum Register"',
        "nhs", "nhs-contracted-care", {**GP, "locum": True}, "wales", OPEN,
        missing=missing("on_locum_register"),
    ),
    Case(
        "Scottish health board employee: CNORIS",
        f'{S001}: "In Scotland, indemnity is provided by the Clinical Negligence and Other Risks '
        'Indemnity Scheme (CNORIS)."',
        "nhs", "nhs-contracted-care", NHS_BODY, "scotland", COVERED, by=by("cnoris"),
    ),
    Case(
        "Scottish board incident in 1999: before CNORIS",
        'domain: "CNORIS ... from 1 Apr 2000 (SSI 2000/54)"',
        "nhs", "nhs-contracted-care", NHS_BODY, "scotland", NOT, on=D(1999, 6, 1),
    ),
    Case(
        "Northern Ireland HSC trust employee",
        f'{S001}: "In Northern Ireland, each health and social care trust provides its own '
        'indemnity"',
        "nhs", "nhs-contracted-care", NHS_BODY, "northern-ireland", COVERED, by=by("hsc-ni"),
    ),
    # --- NHS employment across the borders: the body the work is for answers --------
    Case(
        "English trust's doctor, a locum shift for a Scottish health board: CNORIS",
        f'{S001}: "If you’re working as a locum for an NHS or HSC body, indemnity for the '
        'organisation will be provided by a clinical negligence scheme."',
        "english-trust", "nhs-contracted-care", {**NHS_BODY, "locum": True}, "scotland", COVERED,
        by=by("cnoris"),
    ),
    Case(
        "English trust's doctor, a locum shift for a Welsh health board: the Welsh scheme",
        f'{S002}: "All NHS Trusts/ Health Boards in England, Scotland and Wales are members of '
        'the state-backed NHS medical schemes."',
        "english-trust", "nhs-contracted-care", {**NHS_BODY, "locum": True}, "wales", COVERED,
        by=by("nhs-wales"),
    ),
    Case(
        "English trust's doctor, a locum shift for an HSC trust: the trust's own indemnity",
        f'{S001}: "In Northern Ireland, each health and social care trust provides its own '
        'indemnity"',
        "english-trust", "nhs-contracted-care", {**NHS_BODY, "locum": True}, "northern-ireland",
        COVERED, by=by("hsc-ni"),
    ),
    Case(
        "English trust's doctor at home: CNST",
        f'{S001}: "In England, indemnity is provided through the Clinical Negligence Scheme for '
        'Trusts (CNST)"',
        "english-trust", "nhs-contracted-care", NHS_BODY, "england", COVERED, by=by("cnst"),
    ),
    Case(
        "English trust's doctor in the Isle of Man: no NHS scheme reaches it",
        'domain: "Crown Dependencies ... are outside the UK: NHS schemes do not reach them"',
        "english-trust", "nhs-contracted-care", NHS_BODY, "isle-of-man", NOT,
    ),
    Case(
        "English trust's doctor volunteering overseas: not NHS indemnity",
        'domain: "Good Samaritan acts (e.g. a road traffic accident) and overseas voluntary '
        'work"',
        "english-trust", "overseas-voluntary-work", NHS_BODY, "overseas", NOT,
    ),
    Case(
        "English trust's doctor, a Scottish GP practice's session: no state scheme",
        'domain: "Scottish GPs have no state scheme"',
        "english-trust", "nhs-contracted-care", {**GP, "locum": True}, "scotland", NOT,
    ),
    Case(
        "Northern Ireland GP: no state scheme",
        'domain: "NI GPs have no state scheme"',
        "nhs", "nhs-contracted-care", GP, "northern-ireland", NOT,
    ),
    Case(
        "NHS work in Jersey: NHS schemes do not reach the Crown Dependencies",
        'domain: "Crown Dependencies ... are outside the UK: NHS schemes do not reach them"',
        "nhs", "nhs-contracted-care", NHS_BODY, "jersey", NOT,
    ),
    # --- MDO membership --------------------------------------------------------------
    Case(
        "complaint about NHS work: the MDO",
        f'{S000}: "We help members respond to inquiries, investigations, complaints, claims, '
        'criminal and disciplinary proceedings."',
        "nhs+mps", "nhs-contracted-care", NHS_BODY, "england", COVERED, matter="complaint",
        by=by("medical-protection"),
    ),
    Case(
        "GMC investigation",
        f'{S000}: "Being referred for investigation by the GMC"',
        "nhs+mps", "nhs-contracted-care", NHS_BODY, "england", COVERED, matter="regulatory",
        by=by("medical-protection"),
    ),
    Case(
        "coroner's inquest",
        f'{S000}: "Giving evidence to Coroner’s inquests or fatal accident inquiries"',
        "nhs+mps", "nhs-contracted-care", NHS_BODY, "england", COVERED, matter="inquest",
        by=by("medical-protection"),
    ),
    Case(
        "police investigation",
        f'{S000}: "Police investigations and criminal prosecutions"',
        "nhs+mps", "nhs-contracted-care", NHS_BODY, "england", COVERED,
        matter="criminal-investigation", by=by("medical-protection"),
    ),
    Case(
        "employer disciplinary proceedings",
        f'{S000}: "Employer disciplinary proceedings"',
        "nhs+mps", "nhs-contracted-care", NHS_BODY, "england", COVERED, matter="disciplinary",
        by=by("medical-protection"),
    ),
    Case(
        "unwanted media attention",
        f'{S003}: "A team dedicated to dealing with unwanted media attention"',
        "nhs+mps", "nhs-contracted-care", NHS_BODY, "england", COVERED, matter="media",
        by=by("medical-protection"),
    ),
    Case(
        "Good Samaritan act abroad, claim years after membership ended",
        f'{S003}: "Good Samaritan Acts worldwide" and "even if the claim is brought several years '
        'later"',
        "mps", "good-samaritan", {}, "overseas", COVERED, on=D(2024, 7, 1),
        claimed_on=D(2031, 1, 1), by=by("medical-protection"),
    ),
    Case(
        "declared private practice",
        f'{S000}: "clinical negligence claims which fall outside of the scope of NHS indemnity"',
        "nhs+mps", "private-practice", {"nhs_patient": False, "declared": True}, "england",
        COVERED, by=by("medical-protection"),
    ),
    Case(
        "private practice not declared to the MDO",
        f'{S003}: "Please ensure you add any non-indemnified practice to your membership"',
        "nhs+mps", "private-practice", {"nhs_patient": False, "declared": False}, "england", NOT,
    ),
    Case(
        "incident after the membership ended",
        f'{S003}: "provided you were in membership at the time the incident occurred"',
        "mps", "private-practice", {"declared": True}, "england", NOT, on=D(2025, 3, 1),
    ),
    Case(
        "agency locum without NHS indemnity, declared to the MDO",
        f'{S000}: "as well as clinical negligence claims which fall outside of the scope of NHS '
        'indemnity"',
        "nhs+mps", "nhs-contracted-care",
        {**AGENCY, "field": "emergency-medicine", "nhs_indemnity_applies": False,
         "declared": True},
        "england", COVERED, by=by("medical-protection"),
    ),
    Case(
        "MDDUS member's private practice in Jersey",
        'domain: "MDDUS membership lists them [the Crown Dependencies] in its territory"',
        "mddus", "private-practice", {"declared": True}, "jersey", COVERED, by=by("mddus"),
    ),
    Case(
        "MDU member's private practice in Jersey",
        'domain: "Crown Dependencies (Isle of Man, Jersey, Guernsey) are outside the UK"',
        "mdu", "private-practice", {"declared": True}, "jersey", NOT,
    ),
    Case(
        "fatal accident inquiry in Scotland, MDU member",
        f'{S000}: "Giving evidence to Coroner’s inquests or fatal accident inquiries"',
        "mdu", "nhs-contracted-care", NHS_BODY, "scotland", COVERED,
        matter="fatal-accident-inquiry", by=by("mdu"),
    ),
    Case(
        "overseas voluntary work, declared",
        f'{S002}: "protection for good samaritan acts and overseas voluntary work"',
        "mps", "overseas-voluntary-work", {"declared": True}, "overseas", COVERED,
        by=by("medical-protection"),
    ),
    # --- Trainees ------------------------------------------------------------------
    Case(
        "trainee's private circumcisions",
        f'{S003}: "circumcisions" (issue 3, fifth bullet)',
        "trainee+private", "private-practice", {**PRIVATE, "field": "circumcision"}, "england",
        NOT, cites=S003,
    ),
    Case(
        "trainee's private superficial chemical peel",
        f'{S003}: "cosmetic/aesthetic medicine (other than Botox, or other non-permanent fillers '
        'and superficial chemical peels)" (issue 3, fifth bullet)',
        "trainee+private", "private-practice",
        {**PRIVATE, "field": "cosmetic-aesthetic-medicine",
         "procedure": "superficial-chemical-peel"},
        "england", COVERED, by=by("mps-hee-block"),
    ),
    Case(
        "trainee's private Botox",
        f'{S003}: "(other than Botox, ...)"',
        "trainee+private", "private-practice",
        {**PRIVATE, "field": "cosmetic-aesthetic-medicine", "procedure": "botox"}, "england",
        COVERED, by=by("mps-hee-block"),
    ),
    Case(
        "trainee's private permanent fillers",
        f'{S003}: "other non-permanent fillers" (a permanent one is not spared)',
        "trainee+private", "private-practice",
        {**PRIVATE, "field": "cosmetic-aesthetic-medicine", "procedure": "permanent-filler"},
        "england", NOT, cites=S003,
    ),
    Case(
        "trainee's private cosmetic work, procedure not known: open",
        f'{S003}: "cosmetic/aesthetic medicine (other than Botox, ...)"',
        "trainee+private", "private-practice", {**PRIVATE, "field": "cosmetic-aesthetic-medicine"},
        "england", OPEN, missing=missing("procedure"),
    ),
    Case(
        "trainee's private DVLA medicals",
        f'{S003}: "health screening (other than DVLA medicals)"',
        "trainee+private", "private-practice",
        {**PRIVATE, "field": "health-screening", "procedure": "dvla-medical"}, "england",
        COVERED, by=by("mps-hee-block"),
    ),
    Case(
        "trainee's private HGV medicals",
        f'{S003}: "health screening (other than DVLA medicals)"',
        "trainee+private", "private-practice",
        {**PRIVATE, "field": "health-screening", "procedure": "hgv-medical"}, "england", NOT,
        cites=S003,
    ),
    Case(
        "trainee's private refractive laser surgery",
        f'{S003}: "ophthalmology (including refractive laser surgery)"',
        "trainee+private", "private-practice",
        {**PRIVATE, "field": "ophthalmology", "procedure": "refractive-laser-surgery"}, "england",
        NOT, cites=S003,
    ),
    Case(
        "trainee in overall charge of a private patient",
        f'{S003}: "You cannot be the clinician in overall charge of the clinical care of the '
        'patient"',
        "trainee+private", "private-practice",
        {"declared": True, "overall_charge": True, "field": "dermatology"}, "england", NOT,
        cites=S003,
    ),
    Case(
        "trainee's private work without the additional membership",
        f'{S003}: "HEE block indemnity arrangements do not include access to indemnity for '
        'clinical negligence and medicolegal support for private work"',
        "trainee", "private-practice", {**PRIVATE, "field": "dermatology"}, "england", NOT,
    ),
    Case(
        "trainee: palliative care in a care home, outside NHS indemnity",
        f'{S003}: "providing palliative care within a care home"',
        "trainee", "training-placement", {**THREE, "nhs_indemnity_applies": False}, "england",
        COVERED, by=by("mps-hee-block"),
    ),
    Case(
        "trainee not appropriately supervised",
        f'{S003}: "the trainee is appropriately supervised throughout this element of their '
        'rotation"',
        "trainee", "training-placement",
        {**THREE, "supervised": False, "nhs_indemnity_applies": False}, "england", NOT,
        cites=S003,
    ),
    Case(
        "trainee outside the official rotation",
        f'{S003}: "training placements are part of a trainee’s official training programme '
        'rotation at approved centres"',
        "trainee", "training-placement",
        {**THREE, "official_rotation": False, "nhs_indemnity_applies": False}, "england", NOT,
        cites=S003,
    ),
    Case(
        "trainee's category 2 work in the course of NHS employment",
        f'{S003}: "carrying out ‘category 2’ or ‘fee-paying work’ in the course of their NHS '
        'employment"',
        "trainee", "category-2-work", {**THREE, "in_course_of_nhs_employment": True}, "england",
        COVERED, by=by("mps-hee-block"),
    ),
    Case(
        "trainee rotating in Wales",
        f'{S003}: "This includes rotation in Scottish and Welsh settings."',
        "trainee", "training-placement", {**THREE, "nhs_indemnity_applies": False}, "wales",
        COVERED, by=by("mps-hee-block"),
    ),
    Case(
        "trainee on maternity leave helps at an accident",
        f'{S003}: "during your statutory leave and are protected for Good Samaritan Acts"',
        "trainee", "good-samaritan", {}, "overseas", COVERED, on=D(2026, 2, 1),
        by=by("mps-hee-block"),
    ),
    # --- A corporate claims-made policy -----------------------------------------------
    Case(
        "defamation, not malicious, claim in the policy period",
        f'{S004}: "Liability for non-malicious defamatory statements published." (issue 3, '
        "sixth bullet)",
        "mduconnect", "healthcare-services", {"malicious": False}, "england", COVERED,
        on=D(2024, 3, 1), matter="defamation", claimed_on=D(2024, 6, 1), by=by("mduconnect"),
    ),
    Case(
        "malicious defamation",
        f'{S004}: "Liability for non-malicious defamatory statements published."',
        "mduconnect", "healthcare-services", {"malicious": True}, "england", NOT,
        on=D(2024, 3, 1), matter="defamation", claimed_on=D(2024, 6, 1), cites=S004,
    ),
    Case(
        "claim made after the policy ended",
        f'{S004}: "Policy cover is provided on a claims-made basis."',
        "mduconnect", "healthcare-services", {"malicious": False}, "england", NOT,
        on=D(2024, 3, 1), matter="defamation", claimed_on=D(2025, 6, 1),
    ),
    Case(
        "claim date not known: open",
        f'{S004}: "Policy cover is provided on a claims-made basis."',
        "mduconnect", "healthcare-services", {"malicious": False}, "england", OPEN,
        on=D(2024, 3, 1), matter="defamation", missing=missing("claimed_on"),
    ),
    Case(
        "incident before the retroactive date",
        'domain: "claims-made ... and the incident is on or after the policy\'s retroactive date"',
        "mduconnect", "healthcare-services", {"malicious": False}, "england", NOT,
        on=D(2023, 6, 1), matter="defamation", claimed_on=D(2024, 6, 1),
    ),
    Case(
        "public liability not bought",
        f'{S004}: "public liability (if required, at additional premium)."',
        "mduconnect", "healthcare-services", {}, "england", NOT, on=D(2024, 3, 1),
        matter="public-liability", claimed_on=D(2024, 6, 1),
    ),
    Case(
        "public liability bought",
        f'{S004}: "Cover for public liability can be provided (at additional cost)"',
        "mduconnect+pl", "healthcare-services", {}, "england", COVERED, on=D(2024, 3, 1),
        matter="public-liability", claimed_on=D(2024, 6, 1), by=by("mduconnect"),
    ),
    Case(
        "malpractice by an employee: vicarious liability",
        f'{S004}: "healthcare providers will be held vicariously liable for employees’ actions."',
        "mduconnect", "healthcare-services", {"by_employee": True}, "england", COVERED,
        on=D(2024, 3, 1), matter="medical-malpractice", claimed_on=D(2024, 6, 1),
        by=by("mduconnect"),
    ),
    Case(
        "lost electronic records",
        f'{S004}: "replacing or restoring (non-electronic) documents"',
        "mduconnect", "healthcare-services", {"electronic_documents": True}, "england", NOT,
        on=D(2024, 3, 1), matter="loss-of-documents", claimed_on=D(2024, 6, 1), cites=S004,
    ),
    Case(
        "corporate manslaughter proceedings of a kind the wording lists",
        f'{S004}: "(for instance, corporate manslaughter proceedings)"',
        "mduconnect", "healthcare-services", {"proceedings_listed": True}, "england", COVERED,
        on=D(2024, 3, 1), matter="criminal-proceedings-costs", claimed_on=D(2024, 6, 1),
        by=by("mduconnect"),
    ),
    # --- What a careful user found wrong, and the sources' answers --------------------
    Case(
        "1. NHS indemnity said not to apply: no NHS scheme",
        f'{S002}: "Seek clarification from your employing organisation, or directly from the NHS '
        'indemnity schemes administrators if you are unsure whether you are fully covered by NHS '
        'indemnity."',
        "nhs", "nhs-contracted-care", {**NHS_BODY, "nhs_indemnity_applies": False}, "england",
        NOT, on=D(2024, 6, 1), cites=S002,
    ),
    Case(
        "1. NHS indemnity said not to apply, declared to the MDO: the MDO alone",
        f'{S000}: "as well as clinical negligence claims which fall outside of the scope of NHS '
        'indemnity"',
        "nhs+mps-2010", "nhs-contracted-care",
        {**NHS_BODY, "nhs_indemnity_applies": False, "declared": True}, "england", COVERED,
        on=D(2024, 6, 1), by=by("medical-protection"),
    ),
    Case(
        "1. NHS indemnity not said either way: the trust's scheme",
        f'{S002}: "NHS bodies and organisations are financially responsible for the clinical '
        'negligence of their employees."',
        "nhs", "nhs-contracted-care", NHS_BODY, "scotland", COVERED, on=D(2024, 6, 1),
        by=by("cnoris"),
    ),
    Case(
        "2. provider company, clinical negligence claim: medical malpractice head",
        f'{S004}: "Liability for bodily or mental injury, disease, disability or death caused to a '
        'patient by negligent treatment."',
        "provider", "healthcare-services", {"by_employee": True}, "england", COVERED,
        on=D(2022, 6, 15), claimed_on=D(2024, 1, 10), by=by("mduconnect"),
    ),
    Case(
        "3. English GP's NHS work in 2018, claimed in 2018: the MDO, not ELSGP",
        'domain: "in force 6 Apr 2020, for incidents before 1 Apr 2019"',
        "nhs+mddus", "nhs-contracted-care", {**GP, "field": "general-practice", "declared": True,
                                            "mdo": "mddus"},
        "england", COVERED, on=D(2018, 3, 1), claimed_on=D(2018, 9, 1), by=by("mddus"),
    ),
    Case(
        "3. the same incident claimed in 2021: ELSGP",
        'domain: "only for members of MDOs that signed up (MDDUS; MPS, date disputed)"',
        "nhs+mddus", "nhs-contracted-care", {**GP, "field": "general-practice", "declared": True,
                                            "mdo": "mddus"},
        "england", COVERED, on=D(2018, 3, 1), claimed_on=D(2021, 9, 1), by=by("elsgp"),
    ),
    Case(
        "4. MDU GP, 2018 incident on claims-paid benefits, claimed 2023 without run-off",
        'domain: "with 7 years of run-off needed by members who leave before retirement"',
        "mdu-gp", "nhs-contracted-care", {**MDU_GP, "mdu_transitional_benefits": True},
        "england", NOT, on=D(2018, 6, 1), claimed_on=D(2023, 1, 1),
    ),
    Case(
        "4. the same with run-off bought: the claims-paid benefits answer",
        'domain: "those with claims-made or claims-paid cover did"',
        "mdu-gp+run-off", "nhs-contracted-care", {**MDU_GP, "mdu_transitional_benefits": True},
        "england", COVERED, on=D(2018, 6, 1), claimed_on=D(2023, 1, 1),
        by=by("mdu-transitional"),
    ),
    Case(
        "4. MDU GP, 2016 incident (occurrence years), claimed 2023: the MDU",
        'domain: "each member at their first renewal (or joining) on or after that day"',
        "mdu-gp", "nhs-contracted-care", MDU_GP,
        "england", COVERED, on=D(2016, 6, 1), claimed_on=D(2023, 1, 1), by=by("mdu"),
    ),
    Case(
        "4. MDU GP, 2018 incident, benefits not known: open",
        'domain: "so a GP renewing on 1 January moved on 1 Jan 2018"',
        "mdu-gp", "nhs-contracted-care", MDU_GP,
        "england", OPEN, on=D(2017, 12, 1), claimed_on=D(2023, 1, 1),
        missing=missing("mdu_transitional_benefits"),
    ),
    Case(
        "5. NHS hospital work in England in 1994: ELS",
        'domain: "NHS trusts\' liabilities for incidents before 1 Apr 1995 (CNST\'s start)"',
        "nhs", "nhs-contracted-care", NHS_BODY, "england", COVERED, on=D(1994, 2, 1),
        by=by("els"),
    ),
    Case(
        "5. NHS hospital work in 1988, before NHS indemnity: the MDO",
        'domain: "before that, the doctor\'s MDO answered even for NHS hospital work"',
        "nhs+mps-1985", "nhs-contracted-care", {**NHS_BODY, "declared": True}, "england",
        COVERED, on=D(1988, 6, 1), by=by("medical-protection"),
    ),
    Case(
        "6. Welsh GP, 2018 incident, MDDUS member, claimed 2021: ELSGP (Wales)",
        'domain: "applying to MDDUS members from 30 Jun 2020 (MDDUS notice, June 2020)"',
        "nhs+mddus", "nhs-contracted-care", {**GP, "field": "general-practice", "declared": True,
                                            "mdo": "mddus"},
        "wales", COVERED, on=D(2018, 3, 1), claimed_on=D(2021, 9, 1), by=by("elsgp-wales"),
    ),
    Case(
        "6. the same, claimed in May 2020: still MDDUS",
        'domain: "before it came in, the MDO answered for those incidents"',
        "nhs+mddus", "nhs-contracted-care", {**GP, "field": "general-practice", "declared": True,
                                            "mdo": "mddus"},
        "wales", COVERED, on=D(2018, 3, 1), claimed_on=D(2020, 5, 1), by=by("mddus"),
    ),
    Case(
        "7. commissioned provider under CNST in 2010: before providers could join",
        'domain: "independent providers of NHS care may join since 1 Apr 2013 (SI 2013/497)"',
        "nhs", "nhs-contracted-care",
        {"engaged_by": "nhs-commissioned-private-provider", "field": "general-medicine",
         "contract_requires_own_indemnity": False, "nhs_indemnity_applies": True},
        "england", NOT, on=D(2010, 6, 1), cites="si-2013-497",
    ),
    Case(
        "7. commissioned provider in Scotland: no source puts it under CNORIS",
        f'{S003}: "please be aware that your work may not be NHS-indemnified"',
        "nhs", "nhs-contracted-care",
        {"engaged_by": "nhs-commissioned-private-provider", "field": "general-medicine",
         "contract_requires_own_indemnity": False, "nhs_indemnity_applies": True},
        "scotland", NOT, on=D(2024, 6, 1),
    ),
    Case(
        "8. agency locum in general practice: CNSGP alone",
        'domain: "everyone providing NHS primary medical services (GMS/PMS/APMS): GPs, salaried, '
        'locums, trainees, nurses"',
        "nhs", "nhs-contracted-care",
        {**AGENCY, "field": "general-practice", "nhs_indemnity_applies": True}, "england",
        COVERED, on=D(2024, 6, 1), by=by("cnsgp"),
    ),
    Case(
        "8. agency locum, field not known: hospital or general practice?",
        f'{S000}: "NHS indemnity covers clinical negligence claims made against hospital doctors '
        'and those working in general practice"',
        "nhs", "nhs-contracted-care", {**AGENCY, "nhs_indemnity_applies": True}, "england",
        OPEN, on=D(2024, 6, 1), missing=missing("field"),
    ),
    Case(
        "9. GMC matter from declared overseas voluntary work: Medical Protection",
        f'{S002}: "protection for good samaritan acts and overseas voluntary work"',
        "mps-2010", "overseas-voluntary-work", {"declared": True}, "overseas", COVERED,
        on=D(2024, 6, 1), matter="gmc", by=by("medical-protection"),
    ),
    Case(
        "9. the same: the MDU",
        f'{S002}: "protection for good samaritan acts and overseas voluntary work"',
        "mdu-2010", "overseas-voluntary-work", {"declared": True}, "overseas", COVERED,
        on=D(2024, 6, 1), matter="regulatory", by=by("mdu"),
    ),
    Case(
        "9. a complaint from it: MDDUS",
        f'{S002}: "protection for good samaritan acts and overseas voluntary work"',
        "mddus-2010", "overseas-voluntary-work", {"declared": True}, "overseas", COVERED,
        on=D(2024, 6, 1), matter="complaint", by=by("mddus"),
    ),
    Case(
        "10. MDO member's training work outside NHS indemnity",
        f'{S000}: "as well as clinical negligence claims which fall outside of the scope of NHS '
        'indemnity"',
        "mdu-2010", "training-placement",
        {**NHS_BODY, "field": "cardiology", "declared": True, "nhs_indemnity_applies": False},
        "england", COVERED, on=D(2024, 6, 1), by=by("mdu"),
    ),
    Case(
        "10. a London trainee's placement outside NHS indemnity: MDDUS's block",
        'domain: "Public material: MDDUS holds East of England, London and South West."',
        "london-trainee", "training-placement", {**THREE, "nhs_indemnity_applies": False},
        "england", COVERED, on=D(2024, 11, 5), by=by("mddus-hee-block"),
    ),
    Case(
        "10. a trainee's placement with a private employer (a care home): the block",
        f'{S003}: "providing palliative care within a care home"',
        "trainee", "training-placement", {**THREE, "engaged_by": "private-employer"}, "england",
        COVERED, on=D(2024, 11, 5), by=by("mps-hee-block"),
    ),
    Case(
        "11. appraiser holding Medical Protection",
        f'{S000}: "For an annual subscription fee, they provide access to legal advice and '
        'representation should a medicolegal problem arise from clinical practice."',
        "mps-2010", "non-clinical-work", {"declared": True}, "england", COVERED,
        on=D(2024, 6, 1), by=by("medical-protection"),
    ),
    Case(
        "13. MDUConnect, act of a non-employee: the wording decides",
        f'{S004}: "MDUConnect addresses the risk that healthcare providers will be held '
        'vicariously liable for employees’ actions."',
        "provider", "healthcare-services", {"by_employee": False}, "england", OPEN,
        on=D(2022, 6, 15), claimed_on=D(2024, 1, 10),
        missing=missing("policy_covers_non_employees"),
    ),
    Case(
        "13. MDUConnect, criminal proceedings: only certain ones",
        f'{S004}: "The costs and expenses of defending certain criminal proceedings brought '
        'against the business"',
        "provider", "healthcare-services", {}, "england", OPEN, on=D(2022, 6, 15),
        matter="criminal-proceedings-costs", claimed_on=D(2024, 1, 10),
        missing=missing("proceedings_listed"),
    ),
    Case(
        "13. MDUConnect member's complaint: membership's complaints support",
        f'{S004}: "The MDU’s risk advisory partners are highly experienced in advising on '
        'complaints"',
        "provider", "healthcare-services", {}, "england", COVERED, on=D(2022, 6, 15),
        matter="complaint", claimed_on=D(2024, 1, 10), by=by("mduconnect-membership"),
    ),
    Case(
        "13. MDUConnect member's employment law question: the advice line",
        f'{S004}: "MDUConnect members also receive free access to a 24/7/365 employment law '
        'advice line"',
        "provider", "healthcare-services", {}, "england", COVERED, on=D(2022, 6, 15),
        matter="employment-law", claimed_on=D(2024, 1, 10), by=by("mduconnect-membership"),
    ),
    Case(
        "14. trainee's private dermatology session: no procedure asked",
        f'{S003}: "ophthalmology (including refractive laser surgery)"',
        "trainee+private", "private-practice", {**PRIVATE, "field": "dermatology"}, "england",
        COVERED, by=by("mps-hee-block"),
    ),
    Case(
        "15. GP trainee in a GP practice in 2016: not CNST",
        f'{S003}: "indemnity for work undertaken during your ST training which is not indemnified '
        'by either the Clinical Negligence Scheme for Trusts or the Clinical Negligence Scheme for '
        'General Practice"',
        "nhs", "training-placement", {**NHS_BODY, "field": "general-practice"}, "england", NOT,
        on=D(2016, 6, 1), claimed_on=D(2017, 1, 1),
    ),
    Case(
        "15. the same trainee's block membership answers",
        f'{S003}: "postgraduate doctors in GP training and those training in certain other '
        'medical specialties have comprehensive indemnity arrangements throughout their training"',
        "gp-trainee-2015", "training-placement",
        {**NHS_BODY, **THREE, "field": "general-practice"}, "england", COVERED,
        on=D(2016, 6, 1), claimed_on=D(2017, 1, 1), by=by("mps-hee-block"),
    ),
    Case(
        "16. Scottish GP with MDDUS, NHS work: MDDUS",
        'domain: "Scottish GPs have no state scheme"',
        "nhs+mddus", "nhs-contracted-care", {**GP, "field": "general-practice", "declared": True},
        "scotland", COVERED, on=D(2024, 6, 1), by=by("mddus"),
    ),
    Case(
        "16. Northern Irish GP with the MDU, NHS work: the MDU",
        'domain: "NI GPs have no state scheme"',
        "nhs+mdu", "nhs-contracted-care", {**GP, "field": "general-practice", "declared": True},
        "northern-ireland", COVERED, on=D(2024, 6, 1), by=by("mdu"),
    ),
    Case(
        "16. Welsh GP locum off the register, declared to MDDUS: MDDUS, not GMPI",
        'domain: "GP locums must be on the All Wales Locum Register"',
        "nhs+mddus", "nhs-contracted-care",
        {**GP, "field": "general-practice", "locum": True, "on_locum_register": False,
         "declared": True, "nhs_indemnity_applies": False},
        "wales", COVERED, on=D(2024, 6, 1), by=by("mddus"),
    ),
    Case(
        "17. fatal accident inquiry in England: none is held there",
        f'{S000}: "Giving evidence to Coroner’s inquests or fatal accident inquiries"',
        "mps", "nhs-contracted-care", {**NHS_BODY, "declared": True}, "england", NOT,
        matter="fai", cites="fai-scotland-act-2016",
    ),
    Case(
        "17. inquest in Scotland: none is held there",
        f'{S000}: "Giving evidence to Coroner’s inquests or fatal accident inquiries"',
        "mdu", "nhs-contracted-care", {**NHS_BODY, "declared": True}, "scotland", NOT,
        matter="coroner", cites="coroners-and-justice-act-2009",
    ),
    Case(
        "17. fatal accident inquiry in Scotland: the MDO",
        f'{S000}: "Giving evidence to Coroner’s inquests or fatal accident inquiries"',
        "mddus", "nhs-contracted-care", {**NHS_BODY, "declared": True}, "scotland", COVERED,
        matter="fai", by=by("mddus"),
    ),
    Case(
        "4 (matters). an MDO asked about a provider's inquest costs: the doctor's inquest",
        f'{S002}: "representation and assistance in coroner inquests"',
        "mps", "nhs-contracted-care", {**NHS_BODY, "declared": True}, "england", NOT,
        matter="coroners-inquest-costs",
    ),
]
# fmt: on
CASES_BY_NAME = {c.name: c for c in CASES}


def _ask(case: Case) -> Decision:
    portfolio = HOLDINGS[case.holds]()
    activity = Activity.of(case.kind, **case.facts)
    return portfolio.is_covered(
        activity, case.on, case.where, matter=case.matter, claimed_on=case.claimed_on
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_scenario(case: Case):
    """The catalogue answers each scenario as its source says."""
    decision = _ask(case)
    assert decision.outcome is case.outcome, decision.explain()
    if case.by:
        assert {g.scheme for g in decision.grounds if g.scheme} == case.by, decision.explain()
    if case.outcome is Outcome.UNDETERMINED:
        assert decision.missing == case.missing, decision.explain()
    if case.cites:
        assert case.cites in {r.source.source for r in decision.reasons}, decision.explain()


class TestTheTable:
    """The scenario table itself."""

    def test_there_are_enough_scenarios(self):
        """At least forty scenarios, every outcome represented."""
        assert len(CASES) + len(ELIGIBILITY) + len(FEES) >= 40
        assert {c.outcome for c in CASES} == set(Outcome)

    def test_every_scenario_names_its_source(self):
        """Each row quotes a seed file or the domain brief."""
        seeds = (S000, S001, S002, S003, S004)
        for case in CASES:
            assert case.source.startswith((*seeds, "domain:")), case.name
            assert '"' in case.source, case.name

    def test_every_seed_named_is_a_seed_of_the_registry(self):
        """The ids the rows start with are the sources retrieved as the seed files."""
        for seed in (S000, S001, S002, S003, S004):
            source = uk.vocabulary().source(seed)
            assert source.retrieved_as.startswith(f"{_seed_number(seed)}_"), seed

    @pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the seed documents are not at {SEEDS}")
    def test_every_quote_is_in_its_source(self):
        """Each quoted line is in the seed or brief it names, elisions and insertions aside."""
        misquoted = []
        for row in [*CASES, *ELIGIBILITY, *FEES]:
            head, _, rest = row.source.partition(":")
            text = _source_text(head)
            for quote in re.findall(r'"([^"]+)"', rest):
                for part in re.split(r"\.\.\.|\[[^]]*\]", quote):
                    words = " ".join(part.strip(" (),").split())
                    if words and words not in text:
                        misquoted.append((row.name, words))
        assert misquoted == []

    def test_names_are_unique(self):
        """Rows are told apart by name."""
        assert len({c.name for c in CASES}) == len(CASES)

    def test_undetermined_settles_when_the_fact_is_given(self):
        """Every open case becomes covered or not once its missing facts are known."""
        for case in (c for c in CASES if c.outcome is Outcome.UNDETERMINED):
            if case.missing == {"claimed_on"}:
                settled = case._replace(claimed_on=case.on)
            else:
                values = {"procedure": "botox", "mdo": "mddus", "field": "emergency-medicine"}
                given = {fact: values.get(fact, True) for fact in case.missing}
                settled = case._replace(facts={**case.facts, **given})
            assert _ask(settled).outcome is not Outcome.UNDETERMINED, case.name


def _seed_number(seed: str) -> str:
    """The number of a seed's file ("003" for mps-hee-block): the order of S000 to S004."""
    return f"{(S000, S001, S002, S003, S004).index(seed):03d}"


def _source_text(head: str) -> str:
    """The text a row quotes, whitespace flattened (the brief's bold marks dropped)."""
    if head == "domain":
        return " ".join((SEEDS.parent / "domain.md").read_text(encoding="utf-8").split()).replace(
            "**", ""
        )
    file = uk.vocabulary().source(head).retrieved_as
    return " ".join((SEEDS / file).read_text(encoding="utf-8").split())


class Eligible(NamedTuple):
    """A trainee eligibility scenario."""

    name: str
    source: str
    specialty: str
    region: str
    eligible: bool
    provider: str
    out_of_programme_in: str | None = None


ELIGIBILITY = [
    Eligible(
        "GP trainee in Thames Valley",
        f'{S003}: "General Practice" and "Thames Valley" (issue 3, fourth bullet)',
        "general-practice",
        "thames-valley",
        True,
        "Medical Protection",
    ),
    Eligible(
        "cardiology trainee in Thames Valley",
        f'{S003}: "Eligible specialties:" (cardiology is not one; issue 3, fourth bullet)',
        "cardiology",
        "thames-valley",
        False,
        "Medical Protection",
    ),
    Eligible(
        "public health trainee in Mersey",
        f'{S003}: "Public Health" and "Mersey"',
        "public-health",
        "mersey",
        True,
        "Medical Protection",
    ),
    Eligible(
        "GP trainee in London",
        'domain: "Public material: MDDUS holds East of England, London and South West."',
        "general-practice",
        "london",
        True,
        "MDDUS",
    ),
    Eligible(
        "Wessex GP trainee out of programme in Scotland",
        f'{S003}: "This includes rotation in Scottish and Welsh settings."',
        "general-practice",
        "wessex",
        True,
        "Medical Protection",
        "scotland",
    ),
    Eligible(
        "North East GP trainee out of programme in London",
        f'{S003}: "this will continue if you undertake training in another region"',
        "general-practice",
        "north-east",
        True,
        "Medical Protection",
        "london",
    ),
]


@pytest.mark.parametrize("case", ELIGIBILITY, ids=[c.name for c in ELIGIBILITY])
def test_eligibility_scenario(case: Eligible):
    """Block eligibility by specialty and permanent region."""
    found = uk.block_eligibility(
        case.specialty, case.region, out_of_programme_in=case.out_of_programme_in
    )
    assert (found.eligible, found.provider) == (case.eligible, case.provider), found.explain()


class Fee(NamedTuple):
    """A fee scenario for the trainee's additional private membership."""

    name: str
    source: str
    earnings: int
    fee: int


FEES = [
    Fee("earnings of exactly £10,000: free", f'{S003}: "£10,000 or less"', 10_000, 0),
    Fee(
        "earnings of £10,001: £1,100", f'{S003}: "over £10,000 ... £1,100 per annum"', 10_001, 1_100
    ),
    Fee("no private earnings: free", f'{S003}: "even if your earnings from this are less"', 0, 0),
]


@pytest.mark.parametrize("case", FEES, ids=[c.name for c in FEES])
def test_fee_scenario(case: Fee):
    """The fee turns at £10,000."""
    assert uk.private_practice_fee(case.earnings).annual_fee == case.fee


class TestWhatTheSourcesSayBeyondOneQuestion:
    """The cases of the careful user's review that are not one coverage question."""

    def test_1_no_double_cover_where_nhs_indemnity_does_not_apply(self):
        """domain: "NHS trusts' employees in the course of NHS duties": where the employer
        says NHS indemnity does not apply, the MDO alone answers, and there is no overlap."""
        held = HOLDINGS["nhs+mps-2010"]()
        work = Activity.of(
            "nhs-contracted-care", **NHS_BODY, nhs_indemnity_applies=False, declared=True
        )
        assert overlaps(held, work, "england", Period(D(2020, 1, 1), D(2025, 1, 1))) == ()
        work_as_usual = Activity.of("nhs-contracted-care", **NHS_BODY, declared=True)
        assert overlaps(held, work_as_usual, "england", Period(D(2020, 1, 1), D(2025, 1, 1))) == ()

    def test_2_the_provider_meets_the_requirement_through_its_policy(self):
        """mduconnect-brochure: "Liability for bodily or mental injury, disease, disability or
        death caused to a patient by negligent treatment.\""""
        report = uk.check_legal_requirement(
            uk.person("provider"),
            Activity.of("healthcare-services", by_employee=True),
            D(2022, 6, 15),
            "england",
            employer_schemes=False,
        )
        assert report.compliance is uk.Compliance.MET, report.explain()
        assert {g.scheme for g in report.checks[0].met_by} == {"mduconnect"}

    def test_3_a_2018_gp_met_the_requirement_through_the_mdo(self):
        """domain: "in force 6 Apr 2020, for incidents before 1 Apr 2019": in 2018 the GP's MDO
        was the indemnity, not a scheme that did not yet exist."""
        held = Portfolio((_held("mddus", D(2010, 1, 1), None),))
        work = Activity.of("nhs-contracted-care", **GP, field="general-practice", declared=True)
        report = uk.check_legal_requirement(held, work, D(2018, 6, 1), "england")
        assert report.compliance is uk.Compliance.MET, report.explain()
        assert {g.scheme for g in report.checks[0].met_by} == {"mddus"}

    def test_11_an_appraiser_with_medical_protection_meets_the_requirement(self):
        """mps-imgs-2023: "MDOs are also a valuable source of personal medicolegal advice\""""
        report = uk.check_legal_requirement(
            HOLDINGS["mps-2010"](),
            Activity.of("non-clinical-work", declared=True),
            D(2024, 6, 1),
            "england",
        )
        assert report.compliance is uk.Compliance.MET, report.explain()

    @pytest.mark.parametrize(
        ("on", "expected"),
        [
            (D(2010, 1, 1), uk.Compliance.NOT_REQUIRED),
            (D(2014, 7, 16), uk.Compliance.NOT_REQUIRED),
            (D(2014, 7, 17), uk.Compliance.UNDETERMINED),
            (D(2015, 7, 16), uk.Compliance.UNDETERMINED),
            (D(2015, 7, 17), uk.Compliance.NOT_MET),
        ],
    )
    def test_12_the_requirement_from_17_july_2014_with_a_transitional_year(self, on, expected):
        """domain: "in force 17 Jul 2014" and "a transitional year (to 16 Jul 2015): the duty
        does not bite while an arrangement already in force before 17 Jul 2014 continues"."""
        work = Activity.of("private-practice", declared=True, nhs_patient=False)
        report = uk.check_legal_requirement(Portfolio(), work, on, "england")
        assert report.compliance is expected, report.explain()
        if expected is uk.Compliance.UNDETERMINED:
            assert {f.name for f in report.checks[0].missing} == {
                "arrangement_before_2014_continues"
            }

    def test_12_the_transitional_year_settles_on_the_old_arrangement(self):
        """domain: "while an arrangement already in force before 17 Jul 2014 continues"."""
        for continues, expected in (
            (True, uk.Compliance.NOT_REQUIRED),
            (False, uk.Compliance.NOT_MET),
        ):
            work = Activity.of(
                "private-practice",
                declared=True,
                nhs_patient=False,
                arrangement_before_2014_continues=continues,
            )
            report = uk.check_legal_requirement(Portfolio(), work, D(2015, 1, 1), "england")
            assert report.compliance is expected, report.explain()

    @pytest.mark.parametrize("where", ["jersey", "isle-of-man", "guernsey", "overseas"])
    def test_12_outside_the_uk_the_local_law_decides(self, where):
        """domain: "Crown Dependencies (Isle of Man, Jersey, Guernsey) are outside the UK"; the
        UK requirement leaves them to their own law, which the sources do not state."""
        work = Activity.of("private-practice", declared=True)
        report = uk.check_legal_requirement(HOLDINGS["mddus-2010"](), work, D(2024, 6, 1), where)
        assert report.compliance is uk.Compliance.UNDETERMINED, report.explain()
        assert {f.name for f in report.checks[0].missing} == {"meets_local_requirement"}
        settled = Activity.of("private-practice", declared=True, meets_local_requirement=True)
        again = uk.check_legal_requirement(HOLDINGS["mddus-2010"](), settled, D(2024, 6, 1), where)
        assert again.compliance is uk.Compliance.MET

    def test_3_deliver_an_mdo_answer_says_it_is_discretionary(self):
        """mps-imgs-2023: "Medical defence organisations (MDOs) are mutual, non-profit making
        organisations, owned by their members.\""""
        decision = HOLDINGS["mps-2010"]().is_covered(
            Activity.of("private-practice", declared=True), D(2024, 6, 1), "england"
        )
        assert decision.covered
        (ground,) = decision.grounds
        assert ground.kind is SchemeKind.DISCRETIONARY
        assert ground.promise is not None
        assert "at its discretion" in decision.explain()
        assert to_data(decision)["grounds"][0]["kind"] == "discretionary-membership"

    def test_3_deliver_a_policy_answer_says_it_is_insurance(self):
        """mduconnect-brochure: "Insurance policies provided as part of MDUConnect membership are
        underwritten by certain underwriters at Lloyd’s.\""""  # noqa: RUF002 - verbatim
        decision = _ask(
            CASES_BY_NAME[
                "2. provider company, clinical negligence claim: medical malpractice head"
            ]
        )
        assert "contractual insurance" in decision.explain()
        assert decision.grounds[0].promise.quote.startswith("Insurance policies")

    def test_3_deliver_an_unverified_rule_is_a_caveat(self):
        """A firm answer resting on a rule the data marks unverified says so."""
        decision = _ask(
            CASES_BY_NAME["10. a London trainee's placement outside NHS indemnity: MDDUS's block"]
        )
        assert decision.covered
        assert decision.caveats
        assert not any(c.verified for c in decision.caveats)
        assert "Caveat:" in decision.explain()
        assert to_data(decision)["caveats"]

    @pytest.mark.parametrize(
        ("alias", "matter"),
        [
            ("gmc", "regulatory"),
            ("coroner", "inquest"),
            ("police", "criminal-investigation"),
            ("prosecution", "criminal-investigation"),
            ("fai", "fatal-accident-inquiry"),
        ],
    )
    def test_4_deliver_matters_users_can_name(self, alias, matter):
        """The names users give a matter find it."""
        assert uk.vocabulary().matter(alias).name == matter

    def test_4_deliver_a_personal_scheme_asked_a_corporate_matter_says_so(self):
        """An MDO asked about a provider's head of cover points at the doctor's matter."""
        decision = _ask(
            CASES_BY_NAME[
                "4 (matters). an MDO asked about a provider's inquest costs: the doctor's inquest"
            ]
        )
        (reason,) = {r.message for r in decision.reasons}
        assert "an inquest" in reason
        assert "not a matter a person faces" in reason

    def test_4_deliver_suggestions_keep_to_the_scope(self):
        """A misspelt personal matter is never pointed at a corporate head."""
        with pytest.raises(UnknownNameError) as caught:
            uk.vocabulary().matter("inquests-costs", scope=MatterScope.PERSONAL)
        assert "coroners-inquest-costs" not in caught.value.expected


class TestOneWayToSayNhsEmployment:
    """issue 13, item 5: NHS employment is every state scheme; the body the work is for answers."""

    SHIFT = Activity.of("nhs-contracted-care", engaged_by="nhs-body", locum=True)

    def test_nhs_portfolio_is_nhs_employment_with_no_dates(self):
        """nhs_portfolio() and nhs_employment() hold the same memberships."""
        assert uk.nhs_portfolio("Dr A") == Portfolio(uk.nhs_employment(), "Dr A")
        for m in uk.nhs_employment():
            assert m.period == m.scheme.in_force
            assert m.scheme.kind is SchemeKind.STATE_BACKED

    def test_a_cnst_membership_alone_says_less_across_the_border(self):
        """One scheme alone answers NOT_COVERED in another nation, naming the territory."""
        cnst = Portfolio((MembershipPeriod(uk.scheme("cnst"), Period(ENGLISH_TRUST_FROM)),))
        alone = cnst.is_covered(self.SHIFT, DAY, "scotland")
        assert alone.outcome is NOT
        assert any(r.code.value == "outside-territory" for r in alone.reasons)
        employed = Portfolio(uk.nhs_employment(since=ENGLISH_TRUST_FROM))
        assert [g.scheme for g in employed.is_covered(self.SHIFT, DAY, "scotland").grounds] == [
            "cnoris"
        ]

    @pytest.mark.parametrize(
        ("where", "scheme"),
        [
            ("england", "cnst"),
            ("wales", "nhs-wales"),
            ("scotland", "cnoris"),
            ("northern-ireland", "hsc-ni"),
        ],
    )
    def test_each_nation_s_body_answers_through_its_own_scheme(self, where, scheme):
        """Wherever the doctor's own employer is, the scheme is that of the nation worked in."""
        employed = Portfolio(uk.nhs_employment(since=ENGLISH_TRUST_FROM))
        decision = employed.is_covered(self.SHIFT, DAY, where)
        assert [g.scheme for g in decision.grounds] == [scheme], decision.explain()

    @pytest.mark.parametrize("where", ["jersey", "isle-of-man", "guernsey", "overseas"])
    def test_outside_the_uk_no_state_scheme_answers(self, where):
        """domain: "NHS schemes do not reach them"; every reason is the territory or the date."""
        decision = Portfolio(uk.nhs_employment()).is_covered(self.SHIFT, DAY, where)
        assert decision.outcome is NOT
        codes = {r.code.value for r in decision.reasons}
        assert codes <= {"outside-territory", "outside-period"}, decision.explain()

    def test_since_and_until_bound_the_nhs_work(self):
        """Before the first day of NHS work, or from the day it ends, no state scheme answers."""
        employed = Portfolio(uk.nhs_employment(since=D(2012, 8, 1), until=D(2020, 1, 1)))
        assert employed.is_covered(self.SHIFT, D(2012, 7, 31), "england").outcome is NOT
        assert employed.is_covered(self.SHIFT, D(2012, 8, 1), "england").outcome is COVERED
        assert employed.is_covered(self.SHIFT, D(2019, 12, 31), "wales").outcome is COVERED
        assert employed.is_covered(self.SHIFT, D(2020, 1, 1), "wales").outcome is NOT

    def test_each_membership_keeps_within_its_scheme_s_dates(self):
        """ELS ends in 1995 and CNSGP starts in 2019: employment from 2012 holds CNSGP from 2019."""
        held = {m.scheme.key: m.period for m in uk.nhs_employment(since=D(2012, 8, 1))}
        assert "els" not in held
        assert held["cnsgp"] == Period(D(2019, 4, 1))
        assert held["cnst"] == Period(D(2012, 8, 1))

    def test_with_no_dates_the_work_decides_never_a_guess_at_the_start(self):
        """ "I work for the NHS now": a 2005 shift for a board is covered; private work is not."""
        now = Portfolio(uk.nhs_employment())
        assert now.is_covered(self.SHIFT, D(2005, 3, 1), "scotland").outcome is COVERED
        private = Activity.of("private-practice", nhs_patient=False)
        assert now.is_covered(private, D(2005, 3, 1), "scotland").outcome is NOT
        unsaid = Activity.of("nhs-contracted-care")
        decision = now.is_covered(unsaid, D(2005, 3, 1), "scotland")
        assert decision.outcome is OPEN
        assert "engaged_by" in {f.name for f in decision.missing}

    def test_refuses_an_end_before_the_start(self):
        """until must come after since."""
        with pytest.raises(InvalidFieldError):
            uk.nhs_employment(since=D(2020, 1, 1), until=D(2019, 1, 1))
        with pytest.raises(InvalidFieldError):
            uk.nhs_employment(since="2020-01-01")  # type: ignore[arg-type]


class TestHeldNow:
    """issue 13, item 5: "I hold it now": a membership held from a date, or earlier."""

    def test_an_mdo_held_now_leaves_an_earlier_incident_open_on_when_it_began(self):
        """Private practice in 2015, the MDU held since 2025 or earlier: it waits on held_since."""
        mdu = MembershipPeriod(uk.scheme("mdu"), Period(D(2025, 1, 1)), start_known=False)
        held = Portfolio(uk.nhs_employment()).add(mdu)
        work = Activity.of("private-practice", declared=True, nhs_patient=False)
        decision = held.is_covered(work, D(2015, 6, 1), "england")
        assert decision.outcome is OPEN
        assert {f.name for f in decision.missing} == {"held_since"}
        branches = {b.values.describe(): b.outcome for b in decision.next_question.branches}
        assert branches == {"before 2015-06-02": COVERED, "on or after 2015-06-02": NOT}
        began = held.with_held_since(decision.question, D(2010, 1, 1))
        assert began.is_covered(work, D(2015, 6, 1), "england").outcome is COVERED
        later = held.with_held_since(decision.question, D(2016, 1, 1))
        assert later.is_covered(work, D(2015, 6, 1), "england").outcome is NOT

    def test_from_the_known_date_the_answer_is_as_if_the_start_were_known(self):
        """On and after the date it is known to be held, nothing waits on when it began."""
        mdu = MembershipPeriod(uk.scheme("mdu"), Period(D(2025, 1, 1)), start_known=False)
        known = MembershipPeriod(uk.scheme("mdu"), Period(D(2025, 1, 1)))
        work = Activity.of("private-practice", declared=True)
        for on in (D(2025, 1, 1), D(2025, 6, 1)):
            assert mdu.is_covered(work, on, "england").outcome is COVERED
            assert known.is_covered(work, on, "england").outcome is COVERED

    def test_what_would_not_be_covered_anyway_stays_not_covered(self):
        """Category 2 work outside the MDU's scope: no need to ask when it began."""
        mdu = MembershipPeriod(uk.scheme("mdu"), Period(D(2025, 1, 1)), start_known=False)
        work = Activity.of("nhs-contracted-care", engaged_by="nhs-body", declared=False)
        decision = mdu.is_covered(work, D(2015, 6, 1), "england")
        assert decision.outcome is NOT
        assert all(f.name != "held_since" for f in decision.missing)

    def test_claims_made_cover_states_its_start(self):
        """A claims-made policy's schedule states its period: its start cannot be unknown."""
        with pytest.raises(InvalidFieldError, match="claims-made"):
            MembershipPeriod(uk.mduconnect(), Period(D(2025, 1, 1)), start_known=False)


class TestTimeTraps:
    """18. Time done safely."""

    def test_a_switch_after_the_old_membership_has_lapsed_is_refused(self):
        """domain: "a day between two occurrence memberships is a day of uncovered incidents"."""
        old = _held("mddus", D(2020, 1, 1), D(2021, 6, 1))
        with pytest.raises(InvalidFieldError) as caught:
            Switch.between(old, uk.scheme("medical-protection"), left_on=D(2021, 7, 1))
        assert caught.value.field == "left_on"

    def test_switching_into_a_fixed_term_membership(self):
        """Joining a membership with an end of its own is a switch like any other."""
        old = _held("mddus", D(2020, 1, 1), D(2025, 1, 1))
        new = _held("medical-protection", D(2024, 6, 1), D(2026, 6, 1))
        plan = Switch.between(old, new, left_on=D(2024, 6, 1)).plan(claim_horizon=D(2035, 1, 1))
        assert plan.gap_free

    def test_gaps_of_a_lapsed_claims_made_policy_need_a_horizon(self):
        """domain: "not covered unless run-off (tail) cover or a successor accepts the history"."""
        held = HOLDINGS["mduconnect"]()
        work = Activity.of("healthcare-services", malicious=False)
        span = Period(D(2024, 1, 1), D(2025, 1, 1))
        with pytest.raises(InvalidFieldError) as caught:
            gaps(held, work, "england", span, matter="defamation")
        assert caught.value.field == "claim_horizon"
        found = gaps(held, work, "england", span, matter="defamation", claim_horizon=D(2030, 1, 1))
        assert [g.claims for g in found] == [Period(D(2025, 1, 1), D(2030, 1, 1))]

    def test_a_period_prints_both_of_its_days(self):
        """A certificate's "1 Jan 2020 to 31 Dec 2020" reads back as itself."""
        period = Period.parse("1 Jan 2020 to 31 Dec 2020")
        assert period == Period(D(2020, 1, 1), D(2021, 1, 1))
        assert str(period) == "2020-01-01 to 2020-12-31"
