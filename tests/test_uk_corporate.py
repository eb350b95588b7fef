"""MDUConnect: eight heads of cover, a limit of indemnity, claims-made."""

from __future__ import annotations

import datetime as dt

import pytest

from indemnity import (
    Activity,
    InvalidFieldError,
    MembershipPeriod,
    Outcome,
    Period,
    SchemeKind,
    UnknownNameError,
    uk,
)
from indemnity.model.terms import MatterScope

D = dt.date
YEAR = Period(D(2024, 1, 1), D(2025, 1, 1))
POUNDS = "a positive whole number of pounds"
SERVICE = Activity.of("healthcare-services", malicious=False, by_employee=True)


class TestHeads:
    """The policy's heads of cover."""

    def test_eight_heads(self):
        """One cover per head of the brochure's policy; malpractice answers clinical negligence."""
        policy = uk.scheme("mduconnect")
        heads = {
            m.name for c in policy.covers for m in c.matters if m.scope is MatterScope.CORPORATE
        }
        assert heads == {
            "medical-malpractice",
            "professional-indemnity",
            "loss-of-documents",
            "breach-of-confidentiality",
            "defamation",
            "coroners-inquest-costs",
            "criminal-proceedings-costs",
            "public-liability",
        }
        assert len(policy.covers) == 8
        malpractice = policy.cover("medical malpractice")
        assert {m.name for m in malpractice.matters} == {
            "medical-malpractice",
            "clinical-negligence",
        }

    def test_membership_services_are_not_the_policy(self):
        """Complaints, media, advice and employment law come with MDU membership, not insurance."""
        services = uk.scheme("mduconnect-membership")
        assert services.kind is SchemeKind.DISCRETIONARY
        assert {m.name for m in services.matters} == {
            "complaint",
            "media",
            "advice",
            "employment-law",
        }
        assert not uk.scheme("mduconnect").matters & services.matters

    def test_public_liability_only_when_bought(self):
        """Public liability is the one optional head."""
        options = {c.name: c.option for c in uk.scheme("mduconnect").covers}
        assert options.pop("public liability") == "public-liability"
        assert set(options.values()) == {None}

    def test_vicarious_liability_turns_on_the_employee(self):
        """Malpractice by an employee is covered; by someone else it is not; unknown is open."""
        held = MembershipPeriod(uk.mduconnect(1_000_000), YEAR)

        def ask(**facts: object) -> Outcome:
            activity = Activity.of("healthcare-services", **facts)
            return held.is_covered(
                activity,
                D(2024, 2, 1),
                "england",
                matter="medical-malpractice",
                claimed_on=D(2024, 3, 1),
            ).outcome

        assert ask(by_employee=True) is Outcome.COVERED
        # the brochure speaks of employees only, and leaves the rest to the wording
        assert ask(by_employee=False) is Outcome.UNDETERMINED
        assert ask(by_employee=False, policy_covers_non_employees=False) is Outcome.NOT_COVERED
        assert ask(by_employee=False, policy_covers_non_employees=True) is Outcome.COVERED
        assert ask() is Outcome.UNDETERMINED


class TestLimit:
    """The limit of indemnity is a parameter."""

    def test_the_catalogue_leaves_it_unset(self):
        """'Various limits of indemnity are available': none in the data."""
        assert {c.limit for c in uk.scheme("mduconnect").covers} == {None}

    def test_one_limit_for_every_head(self):
        """A single limit applies to every head."""
        policy = uk.mduconnect(2_000_000)
        assert {c.limit for c in policy.covers} == {2_000_000}

    def test_limits_per_head(self):
        """A limit per head wins over the default."""
        policy = uk.mduconnect(5_000_000, limits={"loss-of-documents": 100_000})
        assert policy.cover("loss of documents").limit == 100_000
        assert policy.cover("defamation").limit == 5_000_000

    def test_the_rest_of_the_policy_is_unchanged(self):
        """Only the limits change."""
        plain, limited = uk.scheme("mduconnect"), uk.mduconnect(1)
        assert (plain.key, plain.basis, plain.source) == (
            limited.key,
            limited.basis,
            limited.source,
        )
        assert [c.name for c in plain.covers] == [c.name for c in limited.covers]

    @pytest.mark.parametrize("bad", [0, -5, 1.5, True, "1000000"])
    def test_a_bad_limit(self, bad):
        """A limit is a positive whole number of pounds."""
        with pytest.raises(InvalidFieldError) as err:
            uk.mduconnect(bad)
        assert (err.value.field, err.value.expected) == ("limit", POUNDS)
        with pytest.raises(InvalidFieldError) as err:
            uk.mduconnect(limits={"defamation": bad})
        assert (err.value.field, err.value.expected) == ("limits['defamation']", POUNDS)

    def test_a_head_the_policy_does_not_have(self):
        """A limit for a matter that is not a head is refused."""
        with pytest.raises(UnknownNameError) as err:
            uk.mduconnect(limits={"employment-law": 1_000})
        assert err.value.field == "limits"
        assert "'defamation'" in err.value.expected
        assert "'employment-law'" not in err.value.expected


class TestClaimsMade:
    """Claims-made: the claim date decides, with the retroactive date and run-off."""

    def _held(self, **changes: object) -> MembershipPeriod:
        fields: dict[str, object] = {"scheme": uk.mduconnect(1_000_000), "period": YEAR}
        fields.update(changes)
        return MembershipPeriod(**fields)  # type: ignore[arg-type]

    def test_run_off_extends_the_claim_window(self):
        """With run-off a claim made after the policy ends is still covered."""
        held = self._held(run_off_end=D(2026, 1, 1))
        decision = held.is_covered(
            SERVICE, D(2024, 6, 1), "england", matter="defamation", claimed_on=D(2025, 6, 1)
        )
        assert decision.covered

    def test_a_retroactive_date_reaches_back(self):
        """An incident before the period but after the retroactive date is covered."""
        held = self._held(retroactive_date=D(2020, 1, 1))
        decision = held.is_covered(
            SERVICE, D(2021, 6, 1), "england", matter="defamation", claimed_on=D(2024, 6, 1)
        )
        assert decision.covered
