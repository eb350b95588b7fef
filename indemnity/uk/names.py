"""Typed names for the UK vocabulary, for code that names facts and values.

The vocabulary itself is data (``data/vocabulary.toml``); these enumerations
spell its names for editors and type checkers, and a test checks that they
match the data. Each member equals its name, so it can be given wherever a
name is taken: ``Activity.of(KindName.PRIVATE_PRACTICE, field=Field.DERMATOLOGY)``.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "BRITISH_ISLES",
    "CROWN_DEPENDENCIES",
    "GREAT_BRITAIN",
    "UK",
    "WORLDWIDE",
    "Engager",
    "FactName",
    "Field",
    "KindName",
    "MatterName",
    "Mdo",
    "Place",
    "Procedure",
]


class FactName(StrEnum):
    """The names of the UK facts."""

    FIELD = "field"
    PROCEDURE = "procedure"
    ENGAGED_BY = "engaged_by"
    SUPERVISED = "supervised"
    OFFICIAL_ROTATION = "official_rotation"
    TRAINED_AND_COMPETENT = "trained_and_competent"
    OVERALL_CHARGE = "overall_charge"
    IN_COURSE_OF_NHS_EMPLOYMENT = "in_course_of_nhs_employment"
    NHS_PATIENT = "nhs_patient"
    NHS_INDEMNITY_APPLIES = "nhs_indemnity_applies"
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
    MDU_TRANSITIONAL_BENEFITS = "mdu_transitional_benefits"
    POLICY_COVERS_NON_EMPLOYEES = "policy_covers_non_employees"
    PROCEEDINGS_LISTED = "proceedings_listed"
    ARRANGEMENT_BEFORE_2014_CONTINUES = "arrangement_before_2014_continues"
    MEETS_LOCAL_REQUIREMENT = "meets_local_requirement"


class Field(StrEnum):
    """Fields of medicine or of work (the value set "fields")."""

    AIR_AMBULANCE_REPATRIATION = "air-ambulance-repatriation"
    ANAESTHETICS = "anaesthetics"
    AVIATION_AND_SPACE_MEDICINE = "aviation-and-space-medicine"
    BARIATRIC_SURGERY = "bariatric-surgery"
    BENEFITS_WORK = "benefits-work"
    CARDIOLOGY = "cardiology"
    CIRCUMCISION = "circumcision"
    COMMUNITY_SEXUAL_AND_REPRODUCTIVE_HEALTH = "community-sexual-and-reproductive-health"
    COMPLEMENTARY_MEDICINE = "complementary-medicine"
    COSMETIC_AESTHETIC_MEDICINE = "cosmetic-aesthetic-medicine"
    DERMATOLOGY = "dermatology"
    EMERGENCY_MEDICINE = "emergency-medicine"
    GENERAL_MEDICINE = "general-medicine"
    GENERAL_PRACTICE = "general-practice"
    GENERAL_SURGERY = "general-surgery"
    GENITO_URINARY_MEDICINE = "genito-urinary-medicine"
    HEALTH_SCREENING = "health-screening"
    MEDICAL_NON_CLINICAL_WORK = "medical-non-clinical-work"
    MEDICOLEGAL_WORK = "medicolegal-work"
    NEUROSURGERY = "neurosurgery"
    OBSTETRICS = "obstetrics"
    OCCUPATIONAL_MEDICINE = "occupational-medicine"
    OPHTHALMOLOGY = "ophthalmology"
    ORAL_AND_MAXILLOFACIAL_SURGERY = "oral-and-maxillofacial-surgery"
    PAEDIATRICS = "paediatrics"
    PALLIATIVE_MEDICINE = "palliative-medicine"
    PLASTIC_RECONSTRUCTIVE_AESTHETIC_SURGERY = "plastic-reconstructive-aesthetic-surgery"
    PREGNANCY_TERMINATION = "pregnancy-termination"
    PSYCHIATRY = "psychiatry"
    PUBLIC_HEALTH = "public-health"
    RADIOLOGY = "radiology"
    SLIMMING_CLINIC = "slimming-clinic"
    SPINAL_PROCEDURES_SURGERY = "spinal-procedures-surgery"
    SPORTS_AND_EXERCISE_MEDICINE = "sports-and-exercise-medicine"
    SPORTS_CLUB_DOCTOR = "sports-club-doctor"
    TRAUMA_AND_ORTHOPAEDICS = "trauma-and-orthopaedics"
    OTHER = "other"


class Procedure(StrEnum):
    """Named procedures (the value set "procedures")."""

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
    """Who engaged the doctor (the value set "engagers")."""

    NHS_BODY = "nhs-body"
    NHS_STAFFING_CONTRACTOR = "nhs-staffing-contractor"
    NHS_PRIMARY_CARE_PROVIDER = "nhs-primary-care-provider"
    NHS_COMMISSIONED_PRIVATE_PROVIDER = "nhs-commissioned-private-provider"
    PRIVATE_EMPLOYER = "private-employer"
    SELF = "self"


class Mdo(StrEnum):
    """Medical defence organisations (the value set "mdos")."""

    MEDICAL_PROTECTION = "medical-protection"
    MDU = "mdu"
    MDDUS = "mddus"
    OTHER = "other"
    NONE = "none"


class KindName(StrEnum):
    """The names of the UK activity kinds."""

    NHS_CONTRACTED_CARE = "nhs-contracted-care"
    PRIVATE_PRACTICE = "private-practice"
    CATEGORY_2_WORK = "category-2-work"
    FEE_PAYING_SERVICE = "fee-paying-service"
    CLINICAL_TRIAL = "clinical-trial"
    GOOD_SAMARITAN = "good-samaritan"
    OVERSEAS_VOLUNTARY_WORK = "overseas-voluntary-work"
    TRAINING_PLACEMENT = "training-placement"
    NON_CLINICAL_WORK = "non-clinical-work"
    HEALTHCARE_SERVICES = "healthcare-services"


class MatterName(StrEnum):
    """The names of the UK matters, personal and corporate."""

    CLINICAL_NEGLIGENCE = "clinical-negligence"
    COMPLAINT = "complaint"
    OMBUDSMAN = "ombudsman"
    INQUEST = "inquest"
    FATAL_ACCIDENT_INQUIRY = "fatal-accident-inquiry"
    REGULATORY = "regulatory"
    DISCIPLINARY = "disciplinary"
    CRIMINAL_INVESTIGATION = "criminal-investigation"
    MEDIA = "media"
    ADVICE = "advice"
    MEDICAL_MALPRACTICE = "medical-malpractice"
    PROFESSIONAL_INDEMNITY = "professional-indemnity"
    LOSS_OF_DOCUMENTS = "loss-of-documents"
    BREACH_OF_CONFIDENTIALITY = "breach-of-confidentiality"
    DEFAMATION = "defamation"
    CORONERS_INQUEST_COSTS = "coroners-inquest-costs"
    CRIMINAL_PROCEEDINGS_COSTS = "criminal-proceedings-costs"
    EMPLOYMENT_LAW = "employment-law"
    PUBLIC_LIABILITY = "public-liability"


class Place(StrEnum):
    """The names of the jurisdictions of the UK vocabulary."""

    ENGLAND = "england"
    WALES = "wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern-ireland"
    ISLE_OF_MAN = "isle-of-man"
    JERSEY = "jersey"
    GUERNSEY = "guernsey"
    OVERSEAS = "overseas"


GREAT_BRITAIN: frozenset[str] = frozenset({Place.ENGLAND, Place.SCOTLAND, Place.WALES})
"""The territory 'great-britain'."""

UK: frozenset[str] = frozenset({Place.ENGLAND, Place.NORTHERN_IRELAND, Place.SCOTLAND, Place.WALES})
"""The territory 'uk'."""

CROWN_DEPENDENCIES: frozenset[str] = frozenset({Place.GUERNSEY, Place.ISLE_OF_MAN, Place.JERSEY})
"""The territory 'crown-dependencies'."""

BRITISH_ISLES: frozenset[str] = frozenset(
    {
        Place.ENGLAND,
        Place.GUERNSEY,
        Place.ISLE_OF_MAN,
        Place.JERSEY,
        Place.NORTHERN_IRELAND,
        Place.SCOTLAND,
        Place.WALES,
    }
)
"""The territory 'british-isles'."""

WORLDWIDE: frozenset[str] = frozenset(
    {
        Place.ENGLAND,
        Place.GUERNSEY,
        Place.ISLE_OF_MAN,
        Place.JERSEY,
        Place.NORTHERN_IRELAND,
        Place.OVERSEAS,
        Place.SCOTLAND,
        Place.WALES,
    }
)
"""The territory 'worldwide'."""
