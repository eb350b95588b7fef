"""Hypothesis profiles: a fast default for day-to-day work, a thorough `ci` one."""

import datetime
import os

import pytest
from hypothesis import HealthCheck, settings

import indemnity

settings.register_profile("default", max_examples=60, deadline=None)
settings.register_profile(
    "ci",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace: dict[str, object]) -> None:
    """Docstring examples see `date` and every public name, as a reader would import them."""
    doctest_namespace["date"] = datetime.date
    doctest_namespace.update({name: getattr(indemnity, name) for name in indemnity.__all__})
