"""The built-in UK catalogue: every scheme in the sources, as cited data.

The schemes live in TOML files beside this package (``data/*.toml``) and are
read through `indemnity.codec` the first time one is asked for; ``import
indemnity`` never reads them.

- State-backed NHS schemes: CNST, CNSGP and ELSGP (England), the NHS Wales
  bodies' scheme and GMPI (Wales), CNORIS (Scotland), the HSC trusts
  (Northern Ireland); `state_schemes`, `nhs_portfolio`.
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
from indemnity.uk.registry import (
    DATA_FILES,
    CatalogueEntry,
    catalogue,
    nhs_portfolio,
    scheme,
    schemes,
    state_schemes,
    territory_name,
)
from indemnity.uk.requirement import (
    GMC_POWERS_FROM,
    Compliance,
    RequirementCheck,
    RequirementReport,
    check_legal_requirement,
)
from indemnity.uk.trainee import (
    APPLICATION_SOURCE,
    BLOCK_SCHEME,
    ELIGIBLE_SPECIALTIES,
    FREE_EARNINGS_LIMIT,
    PRIVATE_PRACTICE_FEE,
    RENEWAL_SOURCE,
    BlockEligibility,
    Eligibility,
    Finding,
    PrivatePracticeFee,
    Region,
    application_window,
    block_eligibility,
    private_practice_fee,
    renewal_schedule,
    trainee_memberships,
)

__all__ = [
    "APPLICATION_SOURCE",
    "BLOCK_SCHEME",
    "DATA_FILES",
    "ELIGIBLE_SPECIALTIES",
    "FREE_EARNINGS_LIMIT",
    "GMC_POWERS_FROM",
    "MDUCONNECT",
    "PRIVATE_PRACTICE_FEE",
    "RENEWAL_SOURCE",
    "BlockEligibility",
    "CatalogueEntry",
    "Compliance",
    "Eligibility",
    "Finding",
    "PrivatePracticeFee",
    "Region",
    "RequirementCheck",
    "RequirementReport",
    "application_window",
    "block_eligibility",
    "catalogue",
    "catalogue_markdown",
    "check_legal_requirement",
    "mduconnect",
    "nhs_portfolio",
    "private_practice_fee",
    "renewal_schedule",
    "scheme",
    "schemes",
    "state_schemes",
    "territory_name",
    "trainee_memberships",
]
