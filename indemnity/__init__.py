"""UK medical indemnity as typed, explainable, cited rules.

Ask who stands behind an activity, on a date, in a jurisdiction, for a kind of
matter; get a `Decision` that is COVERED, NOT_COVERED or UNDETERMINED, with
the arrangement that covers and every other one's reason, each citing its
source.
"""

from indemnity.activity import (
    Activity,
    ActivityKind,
    Engager,
    Fact,
    Facts,
    FactSpec,
    FactValue,
    Field,
    Mdo,
    Procedure,
)
from indemnity.citation import Citation
from indemnity.conditions import (
    ALWAYS,
    NEVER,
    AllOf,
    AnyOf,
    AtLeast,
    AtMost,
    Condition,
    Evaluation,
    Is,
    KindIn,
    Not,
    OneOf,
)
from indemnity.cover import Cover
from indemnity.decision import CLAIM_DATE, Decision, Ground, Outcome, Reason, ReasonCode
from indemnity.errors import (
    AmbiguousDecisionError,
    DataError,
    FileFormatError,
    IndemnityError,
    InvalidFieldError,
    InvalidPeriodError,
    UnknownNameError,
)
from indemnity.files import load, save
from indemnity.jurisdiction import (
    BRITISH_ISLES,
    CROWN_DEPENDENCIES,
    GREAT_BRITAIN,
    TERRITORIES,
    UK,
    WORLDWIDE,
    Jurisdiction,
    Territory,
    territory,
)
from indemnity.matter import CORPORATE_HEADS, PERSONAL_MATTERS, Matter
from indemnity.membership import MembershipPeriod
from indemnity.period import Period
from indemnity.portfolio import Portfolio
from indemnity.question import Question
from indemnity.renewal import renewal_dates, renewals
from indemnity.rules import Exclusion, Requirement
from indemnity.scheme import Basis, Scheme, SchemeKind
from indemnity.svg import timeline_svg
from indemnity.switching import Switch, SwitchPlan, SwitchRoute, SwitchStep, SwitchStepKind
from indemnity.timeline import Stretch, Timeline

__version__ = "0.1.0.dev0"
"""The version of the library, as in its package metadata."""

__all__ = [
    "ALWAYS",
    "BRITISH_ISLES",
    "CLAIM_DATE",
    "CORPORATE_HEADS",
    "CROWN_DEPENDENCIES",
    "GREAT_BRITAIN",
    "NEVER",
    "PERSONAL_MATTERS",
    "TERRITORIES",
    "UK",
    "WORLDWIDE",
    "Activity",
    "ActivityKind",
    "AllOf",
    "AmbiguousDecisionError",
    "AnyOf",
    "AtLeast",
    "AtMost",
    "Basis",
    "Citation",
    "Condition",
    "Cover",
    "DataError",
    "Decision",
    "Engager",
    "Evaluation",
    "Exclusion",
    "Fact",
    "FactSpec",
    "FactValue",
    "Facts",
    "Field",
    "FileFormatError",
    "Ground",
    "IndemnityError",
    "InvalidFieldError",
    "InvalidPeriodError",
    "Is",
    "Jurisdiction",
    "KindIn",
    "Matter",
    "Mdo",
    "MembershipPeriod",
    "Not",
    "OneOf",
    "Outcome",
    "Period",
    "Portfolio",
    "Procedure",
    "Question",
    "Reason",
    "ReasonCode",
    "Requirement",
    "Scheme",
    "SchemeKind",
    "Stretch",
    "Switch",
    "SwitchPlan",
    "SwitchRoute",
    "SwitchStep",
    "SwitchStepKind",
    "Territory",
    "Timeline",
    "UnknownNameError",
    "__version__",
    "load",
    "renewal_dates",
    "renewals",
    "save",
    "territory",
    "timeline_svg",
]
