"""UK medical indemnity as typed, explainable, cited rules.

Ask who stands behind an activity, on a date, in a jurisdiction, for a kind of
matter; get a `Decision` that is COVERED, NOT_COVERED or UNDETERMINED, with
the arrangement that covers and every other one's reason, each citing its
source.

The core is generic: the words rules speak (facts, kinds of work, matters,
places) are a `Vocabulary`, given as data. The built-in UK catalogue,
`indemnity.uk`, is the default vocabulary and catalogue; this module names it
as such (loaded on first use), and nothing below it imports the catalogue.

The namespace is lazy: `import indemnity` loads nothing but this file and
`indemnity._defaults`, and each name loads its module the first time it is
used, so a service that needs only the core never pays for the catalogue,
the file formats or the pictures.
"""

import typing as _typing

from indemnity import _defaults
from indemnity._lazy import lazy_names as _lazy_names

if _typing.TYPE_CHECKING:
    from indemnity import uk
    from indemnity.errors import (
        AmbiguousDecisionError,
        DataError,
        FileFormatError,
        IndemnityError,
        InvalidFieldError,
        InvalidPeriodError,
        UnknownNameError,
    )
    from indemnity.holdings.catalogue import Catalogue
    from indemnity.holdings.membership import MembershipPeriod
    from indemnity.holdings.portfolio import Portfolio
    from indemnity.holdings.renewal import (
        renewal_dates,
        renewals,
    )
    from indemnity.io.codec import (
        from_data,
        to_data,
    )
    from indemnity.io.documents import (
        dumps,
        load,
        loads,
        save,
    )
    from indemnity.lint.files import (
        lint_catalogue,
        lint_document,
        lint_file,
    )
    from indemnity.lint.findings import (
        Allowance,
        AllowList,
        Finding,
        FindingKind,
    )
    from indemnity.lint.schemes import lint_scheme
    from indemnity.model.activity import (
        Activity,
        Facts,
    )
    from indemnity.model.basis import (
        Basis,
        SchemeKind,
    )
    from indemnity.model.citation import Citation
    from indemnity.model.decision import (
        Answer,
        Decision,
        Ground,
        Reason,
        ReasonCode,
    )
    from indemnity.model.outcome import Outcome
    from indemnity.model.parameter import (
        DatedValue,
        Parameter,
    )
    from indemnity.model.period import Period
    from indemnity.model.question import (
        Question,
        Situation,
    )
    from indemnity.model.settling import (
        Branch,
        FactValues,
        NextQuestion,
        Settling,
        ValueSpan,
    )
    from indemnity.model.terms import (
        ActivityKind,
        Fact,
        FactType,
        FactValue,
        Implication,
        Jurisdiction,
        Matter,
        MatterScope,
        Source,
        ValueSet,
    )
    from indemnity.model.vocabulary import (
        Vocabulary,
        active_vocabulary,
    )
    from indemnity.rules.conditions import (
        ALWAYS,
        NEVER,
        AllOf,
        AnyOf,
        AtLeast,
        AtMost,
        Condition,
        Is,
        KindIn,
        Not,
        OneOf,
    )
    from indemnity.rules.cover import Cover
    from indemnity.rules.exclusion import Exclusion
    from indemnity.rules.requirement import Requirement
    from indemnity.rules.scheme import Scheme
    from indemnity.svg import timeline_svg
    from indemnity.timelines.asker import Asker, Prepared
    from indemnity.timelines.compiled import CompiledPortfolio
    from indemnity.timelines.switching import (
        Switch,
        SwitchPlan,
        SwitchRoute,
        SwitchStep,
        SwitchStepKind,
    )
    from indemnity.timelines.timeline import (
        Stretch,
        Timeline,
        gaps,
        overlaps,
    )

__version__ = "0.2.0.dev0"
"""The version of the library, as in its package metadata."""

_WHERE: dict[str, str] = {
    "uk": "indemnity.uk",
    "AmbiguousDecisionError": "indemnity.errors",
    "DataError": "indemnity.errors",
    "FileFormatError": "indemnity.errors",
    "IndemnityError": "indemnity.errors",
    "InvalidFieldError": "indemnity.errors",
    "InvalidPeriodError": "indemnity.errors",
    "UnknownNameError": "indemnity.errors",
    "MembershipPeriod": "indemnity.holdings.membership",
    "Portfolio": "indemnity.holdings.portfolio",
    "renewal_dates": "indemnity.holdings.renewal",
    "renewals": "indemnity.holdings.renewal",
    "from_data": "indemnity.io.codec",
    "to_data": "indemnity.io.codec",
    "Catalogue": "indemnity.holdings.catalogue",
    "dumps": "indemnity.io.documents",
    "load": "indemnity.io.documents",
    "loads": "indemnity.io.documents",
    "save": "indemnity.io.documents",
    "lint_catalogue": "indemnity.lint.files",
    "lint_document": "indemnity.lint.files",
    "lint_file": "indemnity.lint.files",
    "AllowList": "indemnity.lint.findings",
    "Allowance": "indemnity.lint.findings",
    "Finding": "indemnity.lint.findings",
    "FindingKind": "indemnity.lint.findings",
    "lint_scheme": "indemnity.lint.schemes",
    "Activity": "indemnity.model.activity",
    "Facts": "indemnity.model.activity",
    "Basis": "indemnity.model.basis",
    "SchemeKind": "indemnity.model.basis",
    "Citation": "indemnity.model.citation",
    "Answer": "indemnity.model.decision",
    "Decision": "indemnity.model.decision",
    "Ground": "indemnity.model.decision",
    "Reason": "indemnity.model.decision",
    "ReasonCode": "indemnity.model.decision",
    "DatedValue": "indemnity.model.parameter",
    "Parameter": "indemnity.model.parameter",
    "Outcome": "indemnity.model.outcome",
    "Period": "indemnity.model.period",
    "Question": "indemnity.model.question",
    "Situation": "indemnity.model.question",
    "Branch": "indemnity.model.settling",
    "FactValues": "indemnity.model.settling",
    "NextQuestion": "indemnity.model.settling",
    "Settling": "indemnity.model.settling",
    "ValueSpan": "indemnity.model.settling",
    "ActivityKind": "indemnity.model.terms",
    "Fact": "indemnity.model.terms",
    "FactType": "indemnity.model.terms",
    "FactValue": "indemnity.model.terms",
    "Implication": "indemnity.model.terms",
    "Jurisdiction": "indemnity.model.terms",
    "Matter": "indemnity.model.terms",
    "MatterScope": "indemnity.model.terms",
    "Source": "indemnity.model.terms",
    "ValueSet": "indemnity.model.terms",
    "Vocabulary": "indemnity.model.vocabulary",
    "active_vocabulary": "indemnity.model.vocabulary",
    "ALWAYS": "indemnity.rules.conditions",
    "NEVER": "indemnity.rules.conditions",
    "AllOf": "indemnity.rules.conditions",
    "AnyOf": "indemnity.rules.conditions",
    "AtLeast": "indemnity.rules.conditions",
    "AtMost": "indemnity.rules.conditions",
    "Condition": "indemnity.rules.conditions",
    "Is": "indemnity.rules.conditions",
    "KindIn": "indemnity.rules.conditions",
    "Not": "indemnity.rules.conditions",
    "OneOf": "indemnity.rules.conditions",
    "Cover": "indemnity.rules.cover",
    "Exclusion": "indemnity.rules.exclusion",
    "Requirement": "indemnity.rules.requirement",
    "Scheme": "indemnity.rules.scheme",
    "timeline_svg": "indemnity.svg",
    "Asker": "indemnity.timelines.asker",
    "Prepared": "indemnity.timelines.asker",
    "CompiledPortfolio": "indemnity.timelines.compiled",
    "Switch": "indemnity.timelines.switching",
    "SwitchPlan": "indemnity.timelines.switching",
    "SwitchRoute": "indemnity.timelines.switching",
    "SwitchStep": "indemnity.timelines.switching",
    "SwitchStepKind": "indemnity.timelines.switching",
    "Stretch": "indemnity.timelines.timeline",
    "Timeline": "indemnity.timelines.timeline",
    "gaps": "indemnity.timelines.timeline",
    "overlaps": "indemnity.timelines.timeline",
}
"""Which module each public name lives in."""

__all__ = [
    "ALWAYS",
    "NEVER",
    "Activity",
    "ActivityKind",
    "AllOf",
    "AllowList",
    "Allowance",
    "AmbiguousDecisionError",
    "Answer",
    "AnyOf",
    "Asker",
    "AtLeast",
    "AtMost",
    "Basis",
    "Branch",
    "Catalogue",
    "Citation",
    "CompiledPortfolio",
    "Condition",
    "Cover",
    "DataError",
    "DatedValue",
    "Decision",
    "Exclusion",
    "Fact",
    "FactType",
    "FactValue",
    "FactValues",
    "Facts",
    "FileFormatError",
    "Finding",
    "FindingKind",
    "Ground",
    "Implication",
    "IndemnityError",
    "InvalidFieldError",
    "InvalidPeriodError",
    "Is",
    "Jurisdiction",
    "KindIn",
    "Matter",
    "MatterScope",
    "MembershipPeriod",
    "NextQuestion",
    "Not",
    "OneOf",
    "Outcome",
    "Parameter",
    "Period",
    "Portfolio",
    "Prepared",
    "Question",
    "Reason",
    "ReasonCode",
    "Requirement",
    "Scheme",
    "SchemeKind",
    "Settling",
    "Situation",
    "Source",
    "Stretch",
    "Switch",
    "SwitchPlan",
    "SwitchRoute",
    "SwitchStep",
    "SwitchStepKind",
    "Timeline",
    "UnknownNameError",
    "ValueSet",
    "ValueSpan",
    "Vocabulary",
    "__version__",
    "active_vocabulary",
    "dumps",
    "from_data",
    "gaps",
    "lint_catalogue",
    "lint_document",
    "lint_file",
    "lint_scheme",
    "load",
    "loads",
    "overlaps",
    "renewal_dates",
    "renewals",
    "save",
    "timeline_svg",
    "to_data",
    "uk",
]


__getattr__, __dir__ = _lazy_names(__name__, _WHERE, globals(), modules=("uk",))


def _uk_catalogue() -> object:
    # The facade sits above the catalogue: naming it as the default is its job.
    from indemnity.uk.registry import catalogue  # noqa: PLC0415 - loaded on first use only

    return catalogue()


def _uk_vocabulary() -> object:
    from indemnity.uk.registry import vocabulary  # noqa: PLC0415 - loaded on first use only

    return vocabulary()


_defaults.provide("catalogue", _uk_catalogue)
_defaults.provide("vocabulary", _uk_vocabulary)
