"""What the doctor did: an activity's kind and the facts known about it.

Facts form a controlled vocabulary (`Fact`), each with a declared type, so a
typo or a value of the wrong type is refused at the door instead of silently
matching no rule. A fact that is absent is *unknown*; rules that need it then
answer UNDETERMINED and name it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum
from typing import TypeAlias

import attrs

from indemnity._validate import check_str, normalise_name, parse_enum
from indemnity.errors import InvalidFieldError, UnknownNameError

__all__ = [
    "Activity",
    "ActivityKind",
    "Engager",
    "Fact",
    "FactSpec",
    "FactValue",
    "Facts",
    "Field",
    "Mdo",
    "Procedure",
]


class ActivityKind(StrEnum):
    """What kind of work an activity is."""

    NHS_CONTRACTED_CARE = "nhs-contracted-care"
    """Duties listed in an NHS (or HSC) contract, hospital or primary care."""
    PRIVATE_PRACTICE = "private-practice"
    """Private work, including alongside an NHS role and in an NHS hospital."""
    CATEGORY_2_WORK = "category-2-work"
    """Hospital 'category 2' work: cremation forms, reports for courts, insurers, the DWP."""
    FEE_PAYING_SERVICE = "fee-paying-service"
    """Chargeable services in general practice: private travel vaccines, HGV medicals."""
    CLINICAL_TRIAL = "clinical-trial"
    """Work in a clinical trial."""
    GOOD_SAMARITAN = "good-samaritan"
    """Help given in an emergency outside work, such as a road traffic accident."""
    OVERSEAS_VOLUNTARY_WORK = "overseas-voluntary-work"
    """Unpaid clinical work abroad."""
    TRAINING_PLACEMENT = "training-placement"
    """Work in a specialty training placement."""
    NON_CLINICAL_WORK = "non-clinical-work"
    """Medical non-clinical work: appraiser, coroner, tribunal officer, responsible officer."""
    HEALTHCARE_SERVICES = "healthcare-services"
    """A provider organisation's business of delivering care (corporate policies)."""

    @classmethod
    def parse(cls, value: object, field: str = "kind") -> ActivityKind:
        """Return the kind `value` names.

        Raises:
            UnknownNameError: `value` names no kind.
        """
        return parse_enum(cls, field, value)


class Field(StrEnum):
    """Field of medicine or of work an activity belongs to.

    Holds the twenty fields that seed 003 excludes from trainees' private
    membership, the eight specialties eligible for block indemnity, and the
    common hospital specialties.
    """

    AIR_AMBULANCE = "air-ambulance-repatriation"
    ANAESTHETICS = "anaesthetics"
    AVIATION_AND_SPACE_MEDICINE = "aviation-and-space-medicine"
    BARIATRIC_SURGERY = "bariatric-surgery"
    BENEFITS_WORK = "benefits-work"
    CARDIOLOGY = "cardiology"
    CIRCUMCISION = "circumcision"
    COMMUNITY_SEXUAL_AND_REPRODUCTIVE_HEALTH = "community-sexual-and-reproductive-health"
    COMPLEMENTARY_MEDICINE = "complementary-medicine"
    COSMETIC_MEDICINE = "cosmetic-aesthetic-medicine"
    DERMATOLOGY = "dermatology"
    EMERGENCY_MEDICINE = "emergency-medicine"
    GENERAL_MEDICINE = "general-medicine"
    GENERAL_PRACTICE = "general-practice"
    GENERAL_SURGERY = "general-surgery"
    GENITO_URINARY_MEDICINE = "genito-urinary-medicine"
    HEALTH_SCREENING = "health-screening"
    MEDICAL_NON_CLINICAL = "medical-non-clinical-work"
    MEDICOLEGAL = "medicolegal-work"
    NEUROSURGERY = "neurosurgery"
    OBSTETRICS = "obstetrics"
    OCCUPATIONAL_MEDICINE = "occupational-medicine"
    OPHTHALMOLOGY = "ophthalmology"
    ORAL_AND_MAXILLOFACIAL_SURGERY = "oral-and-maxillofacial-surgery"
    PAEDIATRICS = "paediatrics"
    PALLIATIVE_MEDICINE = "palliative-medicine"
    PLASTIC_SURGERY = "plastic-reconstructive-aesthetic-surgery"
    PREGNANCY_TERMINATION = "pregnancy-termination"
    PSYCHIATRY = "psychiatry"
    PUBLIC_HEALTH = "public-health"
    RADIOLOGY = "radiology"
    SLIMMING_CLINIC = "slimming-clinic"
    SPINAL_SURGERY = "spinal-procedures-surgery"
    SPORTS_AND_EXERCISE_MEDICINE = "sports-and-exercise-medicine"
    SPORTS_CLUB_DOCTOR = "sports-club-doctor"
    TRAUMA_AND_ORTHOPAEDICS = "trauma-and-orthopaedics"
    OTHER = "other"


class Procedure(StrEnum):
    """A named procedure, where a rule turns on it (seed 003's exceptions)."""

    BOTOX = "botox"
    NON_PERMANENT_FILLER = "non-permanent-filler"
    PERMANENT_FILLER = "permanent-filler"
    SUPERFICIAL_CHEMICAL_PEEL = "superficial-chemical-peel"
    DEEP_CHEMICAL_PEEL = "deep-chemical-peel"
    DVLA_MEDICAL = "dvla-medical"
    HGV_MEDICAL = "hgv-medical"
    INSURANCE_MEDICAL = "insurance-medical"
    REFRACTIVE_LASER_SURGERY = "refractive-laser-surgery"
    OTHER = "other"


class Engager(StrEnum):
    """Who engaged the doctor for the activity."""

    NHS_BODY = "nhs-body"
    """An NHS trust, health board or HSC trust, directly (locums included)."""
    NHS_STAFFING_CONTRACTOR = "nhs-staffing-contractor"
    """An organisation contracted to provide NHS staff, such as a locum agency."""
    NHS_PRIMARY_CARE_PROVIDER = "nhs-primary-care-provider"
    """A holder of an NHS primary medical services contract (GMS, PMS, APMS)."""
    NHS_COMMISSIONED_PRIVATE_PROVIDER = "nhs-commissioned-private-provider"
    """A private provider commissioned to care for NHS patients."""
    PRIVATE_EMPLOYER = "private-employer"
    """A private hospital, clinic or company."""
    SELF = "self"
    """Nobody: self-employed work, or help given as a bystander."""


class Mdo(StrEnum):
    """A medical defence organisation, where a rule turns on which one a doctor belonged to."""

    MEDICAL_PROTECTION = "medical-protection"
    MDU = "mdu"
    MDDUS = "mddus"
    OTHER = "other"
    """Another MDO or insurer."""
    NONE = "none"
    """No MDO membership."""


FactValue: TypeAlias = bool | int | StrEnum
"""The type of a fact's value: a bool, a whole number, or a vocabulary member."""


@attrs.frozen
class FactSpec:
    """The declaration of a fact: its name, its type and how to say it.

    Attributes:
        fact: The fact declared.
        type: ``bool``, ``int`` or a `StrEnum` vocabulary.
        label: How the fact reads in an explanation when true or as a subject.
        description: What the fact means, for the docs and the command line.
    """

    fact: Fact
    type: type[bool] | type[int] | type[StrEnum]
    label: str
    description: str

    def check(self, value: object, field: str) -> FactValue:
        """Return `value` as this fact's type, or raise naming `field`."""
        kind = self.type
        if kind is bool:
            if isinstance(value, bool):
                return value
            raise InvalidFieldError(field, "true or false", value)
        if kind is int:
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                return value
            raise InvalidFieldError(field, "a whole number, zero or more", value)
        if issubclass(kind, StrEnum):
            return parse_enum(kind, field, value)
        raise AssertionError(kind)  # pragma: no cover - FACT_SPECS is closed

    def show(self, value: FactValue) -> str:
        """The value as it reads in an explanation."""
        if isinstance(value, bool):
            return "yes" if value else "no"
        return str(value)


class Fact(StrEnum):
    """The facts an activity may carry; each is optional, absent meaning unknown."""

    FIELD = "field"
    PROCEDURE = "procedure"
    ENGAGED_BY = "engaged_by"
    SUPERVISED = "supervised"
    OFFICIAL_ROTATION = "official_rotation"
    TRAINED_AND_COMPETENT = "trained_and_competent"
    OVERALL_CHARGE = "overall_charge"
    IN_COURSE_OF_NHS_EMPLOYMENT = "in_course_of_nhs_employment"
    NHS_PATIENT = "nhs_patient"
    NHS_INDEMNITY_CONFIRMED = "nhs_indemnity_confirmed"
    CONTRACT_REQUIRES_OWN_INDEMNITY = "contract_requires_own_indemnity"
    TRIAL_COVERED_BY_LEGISLATION = "trial_covered_by_legislation"
    DECLARED = "declared"
    ON_LOCUM_REGISTER = "on_locum_register"
    BY_EMPLOYEE = "by_employee"
    MALICIOUS = "malicious"
    PRIVATE_EARNINGS = "private_earnings"
    LOCUM = "locum"
    MDO = "mdo"
    ELECTRONIC_DOCUMENTS = "electronic_documents"

    @classmethod
    def parse(cls, value: object, field: str = "fact") -> Fact:
        """Return the fact `value` names.

        Raises:
            UnknownNameError: `value` names no fact.
        """
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            found = _FACT_NAMES.get(value) or _FACT_NAMES.get(normalise_name(value))
            if found is None:
                raise UnknownNameError.for_choices(field, value, (m.value for m in cls))
            return found
        raise InvalidFieldError(field, "a Fact or its name", value)

    @property
    def spec(self) -> FactSpec:
        """The declaration of this fact."""
        return FACT_SPECS[self]


def _spec(
    fact: Fact, kind: type[bool] | type[int] | type[StrEnum], label: str, doc: str
) -> FactSpec:
    return FactSpec(fact, kind, label, doc)


FACT_SPECS: Mapping[Fact, FactSpec] = {
    s.fact: s
    for s in (
        _spec(Fact.FIELD, Field, "field", "The field of medicine or of work."),
        _spec(Fact.PROCEDURE, Procedure, "procedure", "The named procedure performed."),
        _spec(Fact.ENGAGED_BY, Engager, "engaged by", "Who engaged the doctor for this work."),
        _spec(
            Fact.SUPERVISED,
            bool,
            "appropriately supervised",
            "The doctor is appropriately supervised throughout.",
        ),
        _spec(
            Fact.OFFICIAL_ROTATION,
            bool,
            "part of the official training rotation",
            "The placement is part of the official training programme rotation at "
            "approved centres.",
        ),
        _spec(
            Fact.TRAINED_AND_COMPETENT,
            bool,
            "trained and competent for the task",
            "The doctor only does what they are trained, qualified and competent to do.",
        ),
        _spec(
            Fact.OVERALL_CHARGE,
            bool,
            "clinician in overall charge",
            "The doctor is the clinician in overall charge of the patient's care.",
        ),
        _spec(
            Fact.IN_COURSE_OF_NHS_EMPLOYMENT,
            bool,
            "in the course of NHS employment",
            "The work is done in the course of the doctor's NHS employment.",
        ),
        _spec(Fact.NHS_PATIENT, bool, "an NHS patient", "The patient is an NHS patient."),
        _spec(
            Fact.NHS_INDEMNITY_CONFIRMED,
            bool,
            "NHS indemnity confirmed by the employer or contract",
            "The employer or the contract confirms NHS indemnity applies.",
        ),
        _spec(
            Fact.CONTRACT_REQUIRES_OWN_INDEMNITY,
            bool,
            "contract requires own indemnity",
            "The contract requires the doctor to arrange their own indemnity.",
        ),
        _spec(
            Fact.TRIAL_COVERED_BY_LEGISLATION,
            bool,
            "trial covered under legislation",
            "The clinical trial is covered under legislation.",
        ),
        _spec(
            Fact.DECLARED,
            bool,
            "declared to the provider",
            "The work was declared to the indemnity provider.",
        ),
        _spec(
            Fact.ON_LOCUM_REGISTER,
            bool,
            "on the All Wales Locum Register",
            "A GP locum in Wales is on the All Wales Locum Register.",
        ),
        _spec(
            Fact.BY_EMPLOYEE,
            bool,
            "done by an employee",
            "The act was done by an employee of the insured organisation.",
        ),
        _spec(Fact.MALICIOUS, bool, "malicious", "The statement was made maliciously."),
        _spec(
            Fact.PRIVATE_EARNINGS,
            int,
            "gross annual private earnings (GBP)",
            "Gross annual earnings from this private work, in whole pounds.",
        ),
        _spec(Fact.LOCUM, bool, "working as a locum", "The doctor works as a locum."),
        _spec(
            Fact.MDO,
            Mdo,
            "MDO at the time",
            "The medical defence organisation the doctor belonged to when the incident happened.",
        ),
        _spec(
            Fact.ELECTRONIC_DOCUMENTS,
            bool,
            "electronic documents",
            "The documents lost, damaged or destroyed are electronic.",
        ),
    )
}
"""The declaration of every fact, in `Fact` order."""

_ORDER = {f: i for i, f in enumerate(Fact)}
_TYPES: dict[Fact, type] = {f: FACT_SPECS[f].type for f in Fact}
# Exact spellings of each vocabulary fact's values (members compare equal to their values).
_VOCABULARY: dict[Fact, dict[str, StrEnum]] = {
    f: {m.value: m for m in t}  # type: ignore[attr-defined]  # t is a StrEnum here
    for f, t in _TYPES.items()
    if t is not bool and t is not int
}


def _by_fact_order(item: tuple[Fact, FactValue]) -> int:
    return _ORDER[item[0]]


_FACT_NAMES: dict[str, Fact] = {
    **{normalise_name(f.value): f for f in Fact},
    **{f.value: f for f in Fact},
}


class Facts(Mapping[Fact, FactValue]):
    """An immutable, hashable, validated mapping of facts to values.

    Keys may be given as `Fact` members or their names, enum values as members
    or names; a value of None means unknown and is dropped, so two mappings
    that know the same things are equal.

    Raises:
        UnknownNameError: a key names no fact, or a value is not in the fact's vocabulary.
        InvalidFieldError: a value has the wrong type for its fact.
    """

    __slots__ = ("_hash", "_items", "_map")

    def __init__(self, values: Mapping[Fact | str, object] | None = None, /) -> None:
        checked: dict[Fact, FactValue] = {}
        if values is not None and not isinstance(values, Mapping):
            raise InvalidFieldError("Activity.facts", "a mapping of fact names to values", values)
        names = _FACT_NAMES
        for key, value in (values or {}).items():
            fact = key if type(key) is Fact else names.get(key) or Fact.parse(key, "Activity.facts")
            if value is None:
                continue
            # The common cases take a table lookup; the rest, and every error, the full check.
            kind = _TYPES[fact]
            fast: FactValue | None = None
            if kind is bool:
                if type(value) is bool:
                    fast = value
            elif kind is int:
                if type(value) is int and value >= 0:
                    fast = value
            elif isinstance(value, str):
                fast = _VOCABULARY[fact].get(value)
            checked[fact] = (
                fast
                if fast is not None
                else fact.spec.check(value, f"Activity.facts[{fact.value!r}]")
            )
        self._items = tuple(sorted(checked.items(), key=_by_fact_order))
        self._map = dict(self._items)
        self._hash = hash(self._items)

    @classmethod
    def of(cls, values: Facts | Mapping[Fact | str, object] | None) -> Facts:
        """Return `values` as `Facts` (unchanged if it already is)."""
        return values if isinstance(values, Facts) else cls(values)

    def __getitem__(self, key: Fact) -> FactValue:
        return self._map[key]

    def get(  # type: ignore[override]  # narrower than Mapping.get: a default of the value type
        self, key: Fact, default: FactValue | None = None
    ) -> FactValue | None:
        """The value of fact `key`, or `default` (None: unknown)."""
        return self._map.get(key, default)

    def __iter__(self) -> Iterator[Fact]:
        return iter(self._map)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Facts):
            return self._items == other._items
        return NotImplemented

    def __repr__(self) -> str:
        inner = ", ".join(f"{k.value!r}: {v!r}" for k, v in self._items)
        return f"Facts({{{inner}}})"

    def __reduce__(self) -> tuple[object, ...]:
        return (Facts, (dict(self._items),))

    def to_dict(self) -> dict[str, bool | int | str]:
        """A JSON-ready dict, keys and enum values as their names."""
        return {k.value: (v.value if isinstance(v, StrEnum) else v) for k, v in self._items}


def _kind(value: object) -> ActivityKind:
    return ActivityKind.parse(value, "Activity.kind")


def _facts(value: Facts | Mapping[Fact | str, object] | None) -> Facts:
    return Facts.of(value)


def _description(value: object) -> str:
    return check_str("Activity.description", value, allow_empty=True)


@attrs.frozen(cache_hash=True)  # activities key the compiled path's caches
class Activity:
    """Something a doctor or provider does, with what is known about it.

    >>> Activity.of("private-practice", field="cosmetic-aesthetic-medicine", procedure="botox")
    Activity(kind=<ActivityKind.PRIVATE_PRACTICE: 'private-practice'>, facts=Facts({'field': ...

    Attributes:
        kind: What kind of work it is.
        facts: What is known about it; absent facts are unknown.
        description: Free text for people; never read by a rule, not part of equality.
    """

    kind: ActivityKind = attrs.field(converter=_kind)
    facts: Facts = attrs.field(factory=Facts, converter=_facts)
    description: str = attrs.field(default="", converter=_description, eq=False)

    @classmethod
    def of(cls, kind: ActivityKind | str, /, description: str = "", **facts: object) -> Activity:
        """Build an activity from a kind and facts given as keyword arguments."""
        return cls(kind, Facts(facts), description)

    def get(self, fact: Fact) -> FactValue | None:
        """The value of `fact`, or None when it is unknown."""
        return self.facts.get(fact)

    def with_facts(self, **facts: object) -> Activity:
        """A copy that knows `facts` too (a value of None forgets a fact)."""
        merged: dict[Fact | str, object] = dict(self.facts.items())
        for key, value in facts.items():
            merged[Fact.parse(key, "Activity.facts")] = value
        return attrs.evolve(self, facts=Facts(merged))

    def unknown(self, facts: Iterable[Fact]) -> frozenset[Fact]:
        """Those of `facts` this activity does not know."""
        return frozenset(f for f in facts if f not in self.facts)
