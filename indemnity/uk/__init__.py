"""The built-in UK catalogue: every scheme in the sources, as cited data.

The catalogue is data: documents of the library's own format in ``data/``
(the vocabulary, the sources registry, then the schemes), read the first time
something of it is asked for; ``import indemnity`` never reads them. This
package is the default catalogue of the library: names the core does not know
(``"private-practice"``, ``"england"``, ``"nhs_patient"``) are the UK
vocabulary's.

- State-backed NHS schemes: CNST, CNSGP and ELSGP (England), the NHS Wales
  bodies' scheme and GMPI (Wales), CNORIS (Scotland), the HSC trusts
  (Northern Ireland); `state_schemes`; `nhs_employment`, the one way to say
  a doctor works for the NHS, and `nhs_portfolio`.
- MDO membership: Medical Protection, the MDU, MDDUS.
- Medical Protection's HEE block membership for trainees, with eligibility,
  the application window, renewals and the private-practice fee.
- MDUConnect, a claims-made corporate policy, with its limit of indemnity.
- The legal requirement to hold indemnity, per activity.

>>> from datetime import date
>>> from indemnity import Activity, uk
>>> uk.scheme("cnst").is_covered(
...     Activity.of("nhs-contracted-care", engaged_by="nhs-body"), date(2024, 11, 5), "england"
... ).outcome
<Outcome.COVERED: 'covered'>
"""

import typing as _typing

from indemnity._lazy import lazy_names as _lazy_names

# Bound at once, not on first use: the function `people` shares its module's name, and a module
# imported later would otherwise take the name over. The module is light (see its imports).
from indemnity.uk.people import PEOPLE, people, person, person_file

if _typing.TYPE_CHECKING:
    from indemnity.uk.corporate import MDUCONNECT, mduconnect
    from indemnity.uk.entries import CatalogueEntry, listing
    from indemnity.uk.markdown import catalogue_markdown
    from indemnity.uk.names import (
        BRITISH_ISLES,
        CROWN_DEPENDENCIES,
        GREAT_BRITAIN,
        UK,
        WORLDWIDE,
        Engager,
        FactName,
        Field,
        KindName,
        MatterName,
        Mdo,
        Place,
        Procedure,
    )
    from indemnity.uk.registry import (
        DATA_FILES,
        catalogue,
        cite,
        nhs_employment,
        nhs_portfolio,
        scheme,
        schemes,
        state_schemes,
        territory_name,
        vocabulary,
    )
    from indemnity.uk.requirement import (
        GMC_POWERS_FROM,
        IN_FORCE_FROM,
        TRANSITION_ENDS,
        Compliance,
        RequirementCheck,
        RequirementReport,
        check_legal_requirement,
    )
    from indemnity.uk.trainee import (
        BLOCK_SCHEME,
        ELIGIBLE_SPECIALTIES,
        MDDUS_BLOCK_SCHEME,
        BlockEligibility,
        Eligibility,
        Finding,
        PrivatePracticeFee,
        Region,
        application_source,
        application_window,
        block_eligibility,
        private_practice_fee,
        renewal_schedule,
        renewal_source,
        trainee_memberships,
    )

_WHERE: dict[str, str] = {
    "MDUCONNECT": "indemnity.uk.corporate",
    "mduconnect": "indemnity.uk.corporate",
    "catalogue_markdown": "indemnity.uk.markdown",
    "BRITISH_ISLES": "indemnity.uk.names",
    "CROWN_DEPENDENCIES": "indemnity.uk.names",
    "GREAT_BRITAIN": "indemnity.uk.names",
    "UK": "indemnity.uk.names",
    "WORLDWIDE": "indemnity.uk.names",
    "Engager": "indemnity.uk.names",
    "FactName": "indemnity.uk.names",
    "Field": "indemnity.uk.names",
    "KindName": "indemnity.uk.names",
    "MatterName": "indemnity.uk.names",
    "Mdo": "indemnity.uk.names",
    "Place": "indemnity.uk.names",
    "Procedure": "indemnity.uk.names",
    "DATA_FILES": "indemnity.uk.registry",
    "CatalogueEntry": "indemnity.uk.entries",
    "catalogue": "indemnity.uk.registry",
    "cite": "indemnity.uk.registry",
    "listing": "indemnity.uk.entries",
    "nhs_employment": "indemnity.uk.registry",
    "nhs_portfolio": "indemnity.uk.registry",
    "scheme": "indemnity.uk.registry",
    "schemes": "indemnity.uk.registry",
    "state_schemes": "indemnity.uk.registry",
    "territory_name": "indemnity.uk.registry",
    "vocabulary": "indemnity.uk.registry",
    "GMC_POWERS_FROM": "indemnity.uk.requirement",
    "IN_FORCE_FROM": "indemnity.uk.requirement",
    "TRANSITION_ENDS": "indemnity.uk.requirement",
    "Compliance": "indemnity.uk.requirement",
    "RequirementCheck": "indemnity.uk.requirement",
    "RequirementReport": "indemnity.uk.requirement",
    "check_legal_requirement": "indemnity.uk.requirement",
    "BLOCK_SCHEME": "indemnity.uk.trainee",
    "ELIGIBLE_SPECIALTIES": "indemnity.uk.trainee",
    "MDDUS_BLOCK_SCHEME": "indemnity.uk.trainee",
    "BlockEligibility": "indemnity.uk.trainee",
    "Eligibility": "indemnity.uk.trainee",
    "Finding": "indemnity.uk.trainee",
    "PrivatePracticeFee": "indemnity.uk.trainee",
    "Region": "indemnity.uk.trainee",
    "application_source": "indemnity.uk.trainee",
    "application_window": "indemnity.uk.trainee",
    "block_eligibility": "indemnity.uk.trainee",
    "private_practice_fee": "indemnity.uk.trainee",
    "renewal_schedule": "indemnity.uk.trainee",
    "renewal_source": "indemnity.uk.trainee",
    "trainee_memberships": "indemnity.uk.trainee",
}
"""Each public name, and the module it is defined in (loaded on first use)."""

__all__ = [
    "BLOCK_SCHEME",
    "BRITISH_ISLES",
    "CROWN_DEPENDENCIES",
    "DATA_FILES",
    "ELIGIBLE_SPECIALTIES",
    "GMC_POWERS_FROM",
    "GREAT_BRITAIN",
    "IN_FORCE_FROM",
    "MDDUS_BLOCK_SCHEME",
    "MDUCONNECT",
    "PEOPLE",
    "TRANSITION_ENDS",
    "UK",
    "WORLDWIDE",
    "BlockEligibility",
    "CatalogueEntry",
    "Compliance",
    "Eligibility",
    "Engager",
    "FactName",
    "Field",
    "Finding",
    "KindName",
    "MatterName",
    "Mdo",
    "Place",
    "PrivatePracticeFee",
    "Procedure",
    "Region",
    "RequirementCheck",
    "RequirementReport",
    "application_source",
    "application_window",
    "block_eligibility",
    "catalogue",
    "catalogue_markdown",
    "check_legal_requirement",
    "cite",
    "listing",
    "mduconnect",
    "nhs_employment",
    "nhs_portfolio",
    "people",
    "person",
    "person_file",
    "private_practice_fee",
    "renewal_schedule",
    "renewal_source",
    "scheme",
    "schemes",
    "state_schemes",
    "territory_name",
    "trainee_memberships",
    "vocabulary",
]


__getattr__, __dir__ = _lazy_names(__name__, _WHERE, globals())
