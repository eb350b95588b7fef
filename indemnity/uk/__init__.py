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

from indemnity.uk.corporate import MDUCONNECT, mduconnect
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
from indemnity.uk.people import PEOPLE, people, person, person_file
from indemnity.uk.registry import (
    DATA_FILES,
    CatalogueEntry,
    catalogue,
    cite,
    listing,
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
