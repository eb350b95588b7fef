"""UK medical indemnity as typed, explainable, cited rules.

Ask who stands behind an activity, on a date, in a jurisdiction, for a kind of
matter; get a `Decision` that is COVERED, NOT_COVERED or UNDETERMINED, with
the arrangement that covers and every other one's reason, each citing its
source.

The namespace is lazy: `import indemnity` loads nothing but this file, and each
name loads its module the first time it is used, so a service that needs only
the core never pays for the catalogue, the file formats or the pictures.
"""

import importlib as _importlib
import typing as _typing

if _typing.TYPE_CHECKING:
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
    from indemnity.compiled import CompiledPortfolio
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
    from indemnity.decision import (
        CLAIM_DATE,
        Decision,
        Ground,
        LazyReasons,
        Outcome,
        Reason,
        ReasonCode,
    )
    from indemnity.errors import (
        AmbiguousDecisionError,
        DataError,
        FileFormatError,
        IndemnityError,
        InvalidFieldError,
        InvalidPeriodError,
        UnknownNameError,
    )
    from indemnity.files import (
        load,
        save,
    )
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
    from indemnity.matter import (
        CORPORATE_HEADS,
        PERSONAL_MATTERS,
        Matter,
    )
    from indemnity.membership import MembershipPeriod
    from indemnity.period import Period
    from indemnity.portfolio import Portfolio
    from indemnity.question import Question
    from indemnity.renewal import (
        renewal_dates,
        renewals,
    )
    from indemnity.rules import (
        Exclusion,
        Requirement,
    )
    from indemnity.scheme import (
        Basis,
        Scheme,
        SchemeKind,
    )
    from indemnity.svg import timeline_svg
    from indemnity.switching import (
        Switch,
        SwitchPlan,
        SwitchRoute,
        SwitchStep,
        SwitchStepKind,
    )
    from indemnity.timeline import (
        Stretch,
        Timeline,
    )

__version__ = "0.1.0.dev0"
"""The version of the library, as in its package metadata."""

_WHERE: dict[str, str] = {
    "Activity": "indemnity.activity",
    "ActivityKind": "indemnity.activity",
    "Engager": "indemnity.activity",
    "Fact": "indemnity.activity",
    "Facts": "indemnity.activity",
    "FactSpec": "indemnity.activity",
    "FactValue": "indemnity.activity",
    "Field": "indemnity.activity",
    "Mdo": "indemnity.activity",
    "Procedure": "indemnity.activity",
    "Citation": "indemnity.citation",
    "CompiledPortfolio": "indemnity.compiled",
    "ALWAYS": "indemnity.conditions",
    "NEVER": "indemnity.conditions",
    "AllOf": "indemnity.conditions",
    "AnyOf": "indemnity.conditions",
    "AtLeast": "indemnity.conditions",
    "AtMost": "indemnity.conditions",
    "Condition": "indemnity.conditions",
    "Evaluation": "indemnity.conditions",
    "Is": "indemnity.conditions",
    "KindIn": "indemnity.conditions",
    "Not": "indemnity.conditions",
    "OneOf": "indemnity.conditions",
    "Cover": "indemnity.cover",
    "CLAIM_DATE": "indemnity.decision",
    "Decision": "indemnity.decision",
    "Ground": "indemnity.decision",
    "LazyReasons": "indemnity.decision",
    "Outcome": "indemnity.decision",
    "Reason": "indemnity.decision",
    "ReasonCode": "indemnity.decision",
    "AmbiguousDecisionError": "indemnity.errors",
    "DataError": "indemnity.errors",
    "FileFormatError": "indemnity.errors",
    "IndemnityError": "indemnity.errors",
    "InvalidFieldError": "indemnity.errors",
    "InvalidPeriodError": "indemnity.errors",
    "UnknownNameError": "indemnity.errors",
    "load": "indemnity.files",
    "save": "indemnity.files",
    "BRITISH_ISLES": "indemnity.jurisdiction",
    "CROWN_DEPENDENCIES": "indemnity.jurisdiction",
    "GREAT_BRITAIN": "indemnity.jurisdiction",
    "TERRITORIES": "indemnity.jurisdiction",
    "UK": "indemnity.jurisdiction",
    "WORLDWIDE": "indemnity.jurisdiction",
    "Jurisdiction": "indemnity.jurisdiction",
    "Territory": "indemnity.jurisdiction",
    "territory": "indemnity.jurisdiction",
    "CORPORATE_HEADS": "indemnity.matter",
    "PERSONAL_MATTERS": "indemnity.matter",
    "Matter": "indemnity.matter",
    "MembershipPeriod": "indemnity.membership",
    "Period": "indemnity.period",
    "Portfolio": "indemnity.portfolio",
    "Question": "indemnity.question",
    "renewal_dates": "indemnity.renewal",
    "renewals": "indemnity.renewal",
    "Exclusion": "indemnity.rules",
    "Requirement": "indemnity.rules",
    "Basis": "indemnity.scheme",
    "Scheme": "indemnity.scheme",
    "SchemeKind": "indemnity.scheme",
    "timeline_svg": "indemnity.svg",
    "Switch": "indemnity.switching",
    "SwitchPlan": "indemnity.switching",
    "SwitchRoute": "indemnity.switching",
    "SwitchStep": "indemnity.switching",
    "SwitchStepKind": "indemnity.switching",
    "Stretch": "indemnity.timeline",
    "Timeline": "indemnity.timeline",
}
"""Which module each public name lives in."""

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
    "CompiledPortfolio",
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
    "LazyReasons",
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


def __getattr__(name: str) -> object:
    """Load the module of a public name on first use (PEP 562)."""
    try:
        module = _WHERE[name]
    except KeyError:
        msg = f"module 'indemnity' has no attribute {name!r}"
        raise AttributeError(msg) from None
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
