"""HEE block indemnity for medical specialty trainees, beyond what it covers.

What the memberships cover is data (``data/trainee.toml``: schemes
``"mps-hee-block"`` and ``"mddus-hee-block"``), and so are the amounts of the
additional private-practice membership (the parameters
``"trainee-free-earnings-limit"`` and ``"trainee-private-practice-fee"``).
This module holds the rest of Medical Protection's page on the arrangement:
who is eligible (by specialty and region, Out of Programme Training
included), the guarantee of membership, when one may apply, the renewal
schedule, and the fee worked out from the parameters.
"""

from __future__ import annotations

import datetime as _dt
import functools
import itertools
from enum import StrEnum

import attrs
from dateutil.relativedelta import relativedelta

from indemnity._records import fields_repr
from indemnity._validate import check_date, parse_enum
from indemnity.errors import AmbiguousDecisionError, InvalidFieldError, UnknownNameError
from indemnity.holdings.membership import MembershipPeriod
from indemnity.holdings.renewal import renewal_dates
from indemnity.io.codec import to_data
from indemnity.model.citation import Citation
from indemnity.model.period import Period
from indemnity.model.terms import Jurisdiction
from indemnity.uk.names import Field, Place
from indemnity.uk.registry import catalogue, cite, scheme

__all__ = [
    "BLOCK_SCHEME",
    "ELIGIBLE_SPECIALTIES",
    "MDDUS_BLOCK_SCHEME",
    "BlockEligibility",
    "Eligibility",
    "Finding",
    "PrivatePracticeFee",
    "Region",
    "application_window",
    "block_eligibility",
    "private_practice_fee",
    "renewal_schedule",
    "trainee_memberships",
]

BLOCK_SCHEME = "mps-hee-block"
"""The key of Medical Protection's block membership in the catalogue."""

MDDUS_BLOCK_SCHEME = "mddus-hee-block"
"""The key of MDDUS's block membership (its regions), from MDDUS's public material."""

_FREE_LIMIT = "trainee-free-earnings-limit"
_FEE = "trainee-private-practice-fee"

_SOURCE = "mps-hee-block"


@functools.cache
def _citations() -> dict[str, Citation]:
    """The citations of this module, made on first use (they need the catalogue's sources)."""
    return {
        _MPS: cite(
            _SOURCE,
            "Medical Protection have been appointed to provide membership for trainees in the "
            "following regions/deaneries.",
        ),
        _MDDUS: cite(
            "mddus-hee-block",
            note="MDDUS holds the block arrangement for East of England, London and South West "
            "(MDDUS's public material)",
        ),
        "oopt": cite(
            _SOURCE,
            "If Medical Protection has been appointed to provide membership for your permanent "
            "region/deanery, this will continue if you undertake training in another region as "
            "part of an Out of Programme Training (OOPT) agreement. This includes rotation in "
            "Scottish and Welsh settings.",
        ),
        "guarantee": cite(
            _SOURCE,
            "You won’t be refused membership due to your claims history, new claims notified to "  # noqa: RUF001 - verbatim quote
            "us during this period of membership, or if you have had GMC suspension and are "
            "subsequently reinstated with conditions.",
        ),
        "application": cite(
            _SOURCE,
            "If you are due to begin specialty training this year, you can apply online from "
            "eight weeks before your training starts.",
        ),
        "renewal": cite(
            _SOURCE,
            "your annual renewal date will be the same month as your expected date for "
            "completion of training. This may mean your first membership period is less than 12 "
            "months but it will then be automatically renewed.",
            note="the source names the month; the day is taken from the expected completion "
            "date, so the last period ends when training does",
        ),
        "eligible": cite(
            _SOURCE,
            "postgraduate doctors in GP training and those training in certain other medical "
            "specialties",
            note="the eligible specialties: " + ", ".join(_SPECIALTY_QUOTES.values()),
        ),
    }


class Region(StrEnum):
    """An HEE (now NHS England) region or deanery that runs specialty training."""

    EAST_MIDLANDS = "east-midlands"
    WEST_MIDLANDS = "west-midlands"
    KENT_SURREY_AND_SUSSEX = "kent-surrey-and-sussex"
    THAMES_VALLEY = "thames-valley"
    WESSEX = "wessex"
    NORTH_EAST = "north-east"
    YORKSHIRE_AND_HUMBER = "yorkshire-and-humber"
    MERSEY = "mersey"
    NORTH_WESTERN = "north-western"
    EAST_OF_ENGLAND = "east-of-england"
    LONDON = "london"
    SOUTH_WEST = "south-west"

    @classmethod
    def parse(cls, value: object, field: str = "region") -> Region:
        """Return the region `value` names (loose spellings accepted).

        Raises:
            UnknownNameError: `value` names no region.
        """
        return parse_enum(cls, field, value)


ELIGIBLE_SPECIALTIES: frozenset[Field] = frozenset(
    {
        Field.GENERAL_PRACTICE,
        Field.PUBLIC_HEALTH,
        Field.PALLIATIVE_MEDICINE,
        Field.OCCUPATIONAL_MEDICINE,
        Field.COMMUNITY_SEXUAL_AND_REPRODUCTIVE_HEALTH,
        Field.GENITO_URINARY_MEDICINE,
        Field.SPORTS_AND_EXERCISE_MEDICINE,
        Field.AVIATION_AND_SPACE_MEDICINE,
    }
)
"""The eight specialties whose trainees have block indemnity."""

_SPECIALTY_QUOTES = {
    Field.GENERAL_PRACTICE: "General Practice",
    Field.PUBLIC_HEALTH: "Public Health",
    Field.PALLIATIVE_MEDICINE: "Palliative medicine",
    Field.OCCUPATIONAL_MEDICINE: "Occupational medicine",
    Field.COMMUNITY_SEXUAL_AND_REPRODUCTIVE_HEALTH: "Community, sexual and reproductive medicine",
    Field.GENITO_URINARY_MEDICINE: "Genito-urinary medicine",
    Field.SPORTS_AND_EXERCISE_MEDICINE: "Sports and exercise medicine",
    Field.AVIATION_AND_SPACE_MEDICINE: "Aviation and space medicine",
}

_MPS_REGIONS = frozenset(
    {
        Region.EAST_MIDLANDS,
        Region.WEST_MIDLANDS,
        Region.KENT_SURREY_AND_SUSSEX,
        Region.THAMES_VALLEY,
        Region.WESSEX,
        Region.NORTH_EAST,
        Region.YORKSHIRE_AND_HUMBER,
        Region.MERSEY,
        Region.NORTH_WESTERN,
    }
)
_MDDUS_REGIONS = frozenset({Region.EAST_OF_ENGLAND, Region.LONDON, Region.SOUTH_WEST})
_MPS = "Medical Protection"
_MDDUS = "MDDUS"


class Eligibility(StrEnum):
    """The three answers to an eligibility question."""

    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not-eligible"
    UNDETERMINED = "undetermined"


@attrs.frozen
class Finding:
    """One step of an answer, in words, with its source."""

    __repr__ = fields_repr

    message: str
    source: Citation

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {"message": self.message, "source": to_data(self.source)}


@attrs.frozen
class BlockEligibility:
    """Whether a trainee has HEE block indemnity, through which MDO, and why.

    `bool()` raises `AmbiguousDecisionError`: ask `eligible`, or match on `status`.

    Attributes:
        specialty: The trainee's specialty.
        region: The permanent region or deanery.
        status: ELIGIBLE, NOT_ELIGIBLE or UNDETERMINED.
        provider: The MDO holding the region's block arrangement.
        scheme_key: The catalogue key of the region's block membership
            (``"mps-hee-block"`` or ``"mddus-hee-block"``).
        out_of_programme_in: Where the trainee trains out of programme, if anywhere.
        guaranteed: Whether membership is guaranteed whatever the claims
            history; None where the source does not say (MDDUS's regions).
        findings: The steps of the answer, each cited.
    """

    __repr__ = fields_repr

    specialty: Field
    region: Region
    status: Eligibility
    provider: str
    scheme_key: str
    out_of_programme_in: Region | Place | None
    guaranteed: bool | None
    findings: tuple[Finding, ...]

    @property
    def eligible(self) -> bool:
        """True only when the status is ELIGIBLE."""
        return self.status is Eligibility.ELIGIBLE

    def __bool__(self) -> bool:
        msg = f"eligibility has no truth value (status is {self.status.value}); use .eligible"
        raise AmbiguousDecisionError(msg)

    def explain(self) -> str:
        """The answer in readable lines, each step with its source."""
        head = {
            Eligibility.ELIGIBLE: "ELIGIBLE",
            Eligibility.NOT_ELIGIBLE: "NOT ELIGIBLE",
            Eligibility.UNDETERMINED: "UNDETERMINED",
        }[self.status]
        lines = [f"{head}: {self.specialty.value} trainee, {self.region.value} ({self.provider})."]
        for finding in self.findings:
            lines.append(f"  - {finding.message}")
            lines.append(f"    source: {finding.source}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        where = self.out_of_programme_in
        return {
            "status": self.status.value,
            "eligible": self.eligible,
            "specialty": self.specialty.value,
            "region": self.region.value,
            "provider": self.provider,
            "scheme": self.scheme_key,
            "out_of_programme_in": None if where is None else where.value,
            "guaranteed": self.guaranteed,
            "findings": [f.to_dict() for f in self.findings],
        }


def block_eligibility(
    specialty: Field | str,
    region: Region | str,
    *,
    out_of_programme_in: Region | Place | Jurisdiction | str | None = None,
) -> BlockEligibility:
    """Whether a trainee of `specialty` in `region` has HEE block indemnity.

    Eligibility turns on the specialty and the *permanent* region: training
    elsewhere under an Out of Programme Training (OOPT) agreement keeps the
    permanent region's membership, rotations in Scotland and Wales included.
    Claims history and a GMC suspension followed by reinstatement with
    conditions do not matter: membership is guaranteed.

    >>> from indemnity import uk
    >>> uk.block_eligibility("general-practice", "thames-valley").eligible
    True
    >>> uk.block_eligibility("cardiology", "thames-valley").eligible
    False

    Args:
        specialty: The training specialty, a `Field` or its name.
        region: The permanent region or deanery, a `Region` or its name.
        out_of_programme_in: Where the trainee trains under an OOPT
            agreement: another region, or a jurisdiction (Scotland, Wales).

    Returns:
        The answer with its provider, guarantee and cited findings.

    Raises:
        UnknownNameError: a name is not a known specialty, region or jurisdiction.
    """
    field = parse_enum(Field, "specialty", specialty)
    home = Region.parse(region)
    away = _away(out_of_programme_in)
    provider = _MPS if home in _MPS_REGIONS else _MDDUS
    findings: list[Finding] = []
    if field in ELIGIBLE_SPECIALTIES:
        quote = _SPECIALTY_QUOTES[field]
        findings.append(Finding(f"{field} is an eligible specialty", cite(_SOURCE, quote)))
    else:
        findings.append(
            Finding(
                f"{field} is not one of the eight eligible specialties",
                _citations()["eligible"],
            )
        )
    findings.append(
        Finding(f"{home.value} trainees are members of {provider}", _citations()[provider])
    )
    status = Eligibility.ELIGIBLE if field in ELIGIBLE_SPECIALTIES else Eligibility.NOT_ELIGIBLE
    if away is not None and status is Eligibility.ELIGIBLE:
        status = _out_of_programme(away, home, provider, findings)
    guaranteed: bool | None = None
    if status is Eligibility.NOT_ELIGIBLE:
        guaranteed = False
    elif provider == _MPS and status is Eligibility.ELIGIBLE:
        guaranteed = True
        findings.append(
            Finding(
                "membership is guaranteed whatever the claims history", _citations()["guarantee"]
            )
        )
    return BlockEligibility(
        specialty=field,
        region=home,
        status=status,
        provider=provider,
        scheme_key=BLOCK_SCHEME if provider == _MPS else MDDUS_BLOCK_SCHEME,
        out_of_programme_in=away,
        guaranteed=guaranteed,
        findings=tuple(findings),
    )


def _away(value: Region | Place | Jurisdiction | str | None) -> Region | Place | None:
    if isinstance(value, Jurisdiction):
        value = value.name
    if value is None or isinstance(value, Region | Place):
        return value
    field = "out_of_programme_in"
    for parse in (Region.parse, _place):
        try:
            return parse(value, field)
        except UnknownNameError:
            continue
    choices = [*(r.value for r in Region), *(j.value for j in Place)]
    raise UnknownNameError.for_choices(field, value, choices)


def _place(value: object, field: str) -> Place:
    if isinstance(value, str) and value.strip().lower() in ("ni", "iom"):
        return Place.NORTHERN_IRELAND if value.strip().lower() == "ni" else Place.ISLE_OF_MAN
    return parse_enum(Place, field, value)


def _out_of_programme(
    away: Region | Place, home: Region, provider: str, findings: list[Finding]
) -> Eligibility:
    settled = isinstance(away, Region) or away in (
        Place.ENGLAND,
        Place.SCOTLAND,
        Place.WALES,
    )
    if not settled:
        findings.append(
            Finding(
                f"out of programme in {away.value}: the source speaks only of other regions "
                "and of Scottish and Welsh settings",
                _citations()["oopt"],
            )
        )
        return Eligibility.UNDETERMINED
    if provider != _MPS:
        findings.append(
            Finding(
                f"out of programme in {away.value}: the sources state Medical Protection's "
                f"rule only; {provider}'s is not stated",
                attrs.evolve(_citations()[provider], verified=False),
            )
        )
        return Eligibility.UNDETERMINED
    findings.append(
        Finding(
            f"out of programme in {away.value}: membership continues from the permanent "
            f"region, {home.value}",
            _citations()["oopt"],
        )
    )
    return Eligibility.ELIGIBLE


def application_window(training_starts: _dt.date) -> Period:
    """The dates on which one may apply to join: from eight weeks before training starts.

    >>> from datetime import date
    >>> from indemnity import uk
    >>> uk.application_window(date(2025, 8, 6))
    Period(start=datetime.date(2025, 6, 11), end=None)

    Args:
        training_starts: The date specialty training starts.

    Returns:
        An open period: the source names when applications open, not when they close.

    Raises:
        InvalidFieldError: `training_starts` is not a date.
    """
    start = check_date("training_starts", training_starts)
    return Period(start - relativedelta(weeks=8))


def application_source() -> Citation:
    """The source of `application_window`."""
    return _citations()["application"]


def renewal_source() -> Citation:
    """The source of `renewal_schedule`."""
    return _citations()["renewal"]


def renewal_schedule(joined: _dt.date, expected_completion: _dt.date) -> tuple[Period, ...]:
    """The membership periods from joining to the expected completion of training.

    The renewal date falls in the month of expected completion, every year,
    on the day training is expected to end (`renewal_source`); the first
    period runs from joining to the first renewal, so it may be shorter than
    a year; the rest are a year each, the last ending the day before the expected
    completion date (periods print their last day in force).

    Examples:
        >>> from datetime import date
        >>> from indemnity import uk
        >>> [str(p) for p in uk.renewal_schedule(date(2024, 10, 2), date(2026, 8, 6))]
        ['2024-10-02 to 2025-08-05', '2025-08-06 to 2026-08-05']

    Args:
        joined: The date membership starts.
        expected_completion: The expected date of completion of training.

    Returns:
        Consecutive periods, meeting exactly, from `joined` to `expected_completion`.

    Raises:
        InvalidFieldError: a date is not a date, or completion is not after joining.
    """
    start = check_date("joined", joined)
    end = check_date("expected_completion", expected_completion)
    if end <= start:
        raise InvalidFieldError("expected_completion", f"a date after joined ({start})", end)
    starts = renewal_dates(start, until=end, renews_on=(end.month, end.day))
    return tuple(Period(a, b) for a, b in itertools.pairwise((*starts, end)))


def trainee_memberships(
    joined: _dt.date,
    expected_completion: _dt.date,
    *,
    private_practice: bool = False,
    region: Region | str | None = None,
) -> tuple[MembershipPeriod, ...]:
    """The block memberships of a trainee, one per renewal period.

    >>> from datetime import date
    >>> from indemnity import uk
    >>> held = uk.trainee_memberships(date(2024, 8, 7), date(2025, 8, 6), region="london")
    >>> print(*(m.scheme.key for m in held))
    mddus-hee-block

    Args:
        joined: The date membership starts.
        expected_completion: The expected date of completion of training.
        private_practice: Whether Medical Protection's additional
            private-practice membership is held (the option ``"private-practice"``).
        region: The permanent region or deanery, which decides the MDO;
            None for Medical Protection's block membership.

    Returns:
        Memberships of the region's block scheme over `renewal_schedule`.

    Raises:
        InvalidFieldError: a date is invalid, completion is not after
            joining, or `private_practice` is asked of MDDUS's block, whose
            terms for private work the sources do not give.
        UnknownNameError: `region` names no region.
    """
    key = BLOCK_SCHEME
    if region is not None:
        key = BLOCK_SCHEME if Region.parse(region) in _MPS_REGIONS else MDDUS_BLOCK_SCHEME
    held = scheme(key)
    if private_practice and key != BLOCK_SCHEME:
        raise InvalidFieldError(
            "private_practice",
            "False for an MDDUS region: the sources give only Medical Protection's "
            "additional private-practice membership",
            private_practice,
        )
    options = frozenset({"private-practice"}) if private_practice else frozenset()
    return tuple(
        MembershipPeriod(held, period, options, label=f"{held.name}, period {i}")
        for i, period in enumerate(renewal_schedule(joined, expected_completion), 1)
    )


@attrs.frozen(init=False)  # its own __init__: a fee may be worked out per question
class PrivatePracticeFee:
    """The annual fee for a trainee's additional private-practice membership.

    Attributes:
        gross_annual_earnings: The gross annual private earnings, in pounds.
        annual_fee: The fee in pounds a year.
        free_up_to: The earnings up to which the membership is free, in pounds.
        sources: Where the threshold and the fee come from.
    """

    __repr__ = fields_repr

    gross_annual_earnings: int
    annual_fee: int
    free_up_to: int
    sources: tuple[Citation, ...]

    def __init__(
        self,
        gross_annual_earnings: int,
        annual_fee: int,
        free_up_to: int,
        sources: tuple[Citation, ...],
    ) -> None:
        # What attrs' own __init__ does for a frozen class, through the slots directly.
        _set_earnings(self, gross_annual_earnings)
        _set_fee(self, annual_fee)
        _set_free_up_to(self, free_up_to)
        _set_sources(self, sources)

    @property
    def free(self) -> bool:
        """Whether the additional membership is free."""
        return self.annual_fee == 0

    @property
    def source(self) -> Citation:
        """The source of the amount that applies: the threshold when free, else the fee."""
        return self.sources[0] if self.free else self.sources[-1]

    def explain(self) -> str:
        """The fee in one line, with its source."""
        fee = "free" if self.free else f"£{self.annual_fee:,} a year"
        return (
            f"Additional private-practice membership at £{self.gross_annual_earnings:,} "
            f"gross annual private earnings: {fee} (free up to £{self.free_up_to:,}).\n"
            f"  source: {self.source}"
        )

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "gross_annual_earnings": self.gross_annual_earnings,
            "annual_fee": self.annual_fee,
            "free": self.free,
            "free_up_to": self.free_up_to,
            "sources": [to_data(s) for s in self.sources],
        }


_set_earnings, _set_fee, _set_free_up_to, _set_sources = (
    PrivatePracticeFee.__dict__[a.name].__set__ for a in attrs.fields(PrivatePracticeFee)
)


def private_practice_fee(
    gross_annual_earnings: int, *, on: _dt.date | None = None
) -> PrivatePracticeFee:
    """The fee for the additional private-practice membership at these earnings.

    The amounts are the catalogue's dated parameters
    ``"trainee-free-earnings-limit"`` (£10,000) and
    ``"trainee-private-practice-fee"`` (£1,100 a year), read for the date
    `on`. The membership "may be subject to underwriting approval and some
    exclusions" (see the ``"private-practice"`` cover of ``"mps-hee-block"``).

    >>> from indemnity import uk
    >>> uk.private_practice_fee(10_000).annual_fee, uk.private_practice_fee(10_001).annual_fee
    (0, 1100)

    Args:
        gross_annual_earnings: Gross annual private earnings, in whole pounds.
        on: The date the fee is for; None for the latest amounts.

    Returns:
        The fee, with its sources.

    Raises:
        InvalidFieldError: the earnings are not a whole number of pounds, or
            negative; or `on` is before the amounts are stated.
    """
    # Remembered by earnings (exactly an int: True == 1, 1.0 == 1) and date
    # (exactly a date); the latest amounts, the usual question, looked up first.
    if type(gross_annual_earnings) is int:
        try:
            if on is None:
                return _LATEST[gross_annual_earnings]
            if type(on) is _dt.date:
                return _FEES[gross_annual_earnings, on]
        except KeyError:
            pass
    earnings: object = gross_annual_earnings
    if isinstance(earnings, bool) or not isinstance(earnings, int) or earnings < 0:
        raise InvalidFieldError(
            "gross_annual_earnings", "a whole number of pounds, zero or more", earnings
        )
    day = None if on is None else check_date("on", on)
    amounts = _AMOUNTS.get(day)
    if amounts is None:
        parameters = catalogue()
        limit = parameters.parameter(_FREE_LIMIT).at(day)
        fee = parameters.parameter(_FEE).at(day)
        amounts = (limit.value, fee.value, (limit.source, fee.source))
        if len(_AMOUNTS) >= _FEES_KEPT:
            _AMOUNTS.clear()
        _AMOUNTS[day] = amounts
    free_up_to, annual, sources = amounts
    made = PrivatePracticeFee(
        earnings, 0 if earnings <= free_up_to else annual, free_up_to, sources
    )
    if day is None:
        if len(_LATEST) >= _FEES_KEPT:
            _LATEST.clear()
        _LATEST[earnings] = made
    else:
        if len(_FEES) >= _FEES_KEPT:
            _FEES.clear()
        _FEES[earnings, day] = made
    return made


_FEES_KEPT = 4096
_LATEST: dict[int, PrivatePracticeFee] = {}
"""Fees at the latest amounts worked out lately, by checked earnings: a fee is immutable."""
_FEES: dict[tuple[int, _dt.date], PrivatePracticeFee] = {}
"""Fees for a date worked out lately, by checked earnings and date."""
_AMOUNTS: dict[_dt.date | None, tuple[int, int, tuple[Citation, Citation]]] = {}
"""The threshold, the fee and their sources, by date (None: the latest)."""
