"""What kind of matter arises: a claim, a complaint, an inquest, ..."""

from __future__ import annotations

from enum import StrEnum

from indemnity._validate import article, parse_enum

__all__ = ["CORPORATE_HEADS", "PERSONAL_MATTERS", "Matter"]


class Matter(StrEnum):
    """The kind of matter a doctor or a provider may face.

    The first group are the matters an individual meets (seed 000: "Other
    situations not covered by NHS indemnity"); the second group are the heads
    of cover of a corporate policy (seed 004: "An insurance policy covering").
    """

    CLINICAL_NEGLIGENCE = "clinical-negligence"
    COMPLAINT = "complaint"
    OMBUDSMAN = "ombudsman"
    INQUEST = "inquest"
    FATAL_ACCIDENT_INQUIRY = "fatal-accident-inquiry"
    REGULATORY = "regulatory"
    DISCIPLINARY = "disciplinary"
    CRIMINAL_INVESTIGATION = "criminal-investigation"
    MEDIA = "media"
    MEDICAL_MALPRACTICE = "medical-malpractice"
    PROFESSIONAL_INDEMNITY = "professional-indemnity"
    LOSS_OF_DOCUMENTS = "loss-of-documents"
    BREACH_OF_CONFIDENTIALITY = "breach-of-confidentiality"
    DEFAMATION = "defamation"
    CORONERS_INQUEST_COSTS = "coroners-inquest-costs"
    CRIMINAL_PROCEEDINGS_COSTS = "criminal-proceedings-costs"
    PUBLIC_LIABILITY = "public-liability"

    @classmethod
    def parse(cls, value: object, field: str = "matter") -> Matter:
        """Return the matter `value` names (a member, its value or a loose spelling).

        Raises:
            UnknownNameError: `value` names no matter.
        """
        return parse_enum(cls, field, value)

    @property
    def label(self) -> str:
        """The matter in prose ("clinical negligence claim")."""
        return _LABELS.get(self, self.value.replace("-", " "))

    @property
    def phrase(self) -> str:
        """The label as it reads after a verb: "a complaint", "an inquest", "media attention"."""
        if self.value in _NO_ARTICLE:
            return self.label
        return article(self.label)


_NO_ARTICLE = frozenset(
    {
        "media",
        "disciplinary",
        "coroners-inquest-costs",
        "criminal-proceedings-costs",
        "professional-indemnity",
        "public-liability",
        "medical-malpractice",
        "loss-of-documents",
        "breach-of-confidentiality",
        "defamation",
    }
)

_LABELS = {
    Matter.CLINICAL_NEGLIGENCE: "clinical negligence claim",
    Matter.OMBUDSMAN: "Ombudsman complaint",
    Matter.REGULATORY: "GMC / regulatory investigation",
    Matter.DISCIPLINARY: "employer disciplinary proceedings",
    Matter.MEDIA: "media attention",
    Matter.CORONERS_INQUEST_COSTS: "coroner's inquest costs",
    Matter.CRIMINAL_PROCEEDINGS_COSTS: "criminal proceedings defence costs",
}

PERSONAL_MATTERS: frozenset[Matter] = frozenset(
    {
        Matter.CLINICAL_NEGLIGENCE,
        Matter.COMPLAINT,
        Matter.OMBUDSMAN,
        Matter.INQUEST,
        Matter.FATAL_ACCIDENT_INQUIRY,
        Matter.REGULATORY,
        Matter.DISCIPLINARY,
        Matter.CRIMINAL_INVESTIGATION,
        Matter.MEDIA,
    }
)
"""Matters an individual doctor faces."""

CORPORATE_HEADS: frozenset[Matter] = frozenset(Matter) - PERSONAL_MATTERS
"""The heads of cover of a corporate policy (seed 004)."""
