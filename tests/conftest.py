"""Hypothesis profiles (a fast default, a thorough `ci` one) and the shared fixtures.

Rules used by several test files are built by `tests.builders`; the fixtures
here hand the common ones to tests that take them as arguments.
"""

import datetime
import os

import pytest
from hypothesis import HealthCheck, settings

import indemnity
from indemnity import uk
from tests import builders

settings.register_profile("default", max_examples=60, deadline=None)
settings.register_profile(
    "ci",
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace: dict[str, object]) -> None:
    """Docstring examples see `date`, `uk` and every public name, as a reader would import them."""
    doctest_namespace["date"] = datetime.date
    doctest_namespace.update({name: getattr(indemnity, name) for name in indemnity.__all__})


@pytest.fixture
def source() -> indemnity.Citation:
    """A citation of a real source of the UK catalogue."""
    return builders.SOURCE


@pytest.fixture
def mdo() -> indemnity.Scheme:
    """A discretionary occurrence scheme answering clinical negligence for any UK work."""
    return builders.scheme("mdo")


@pytest.fixture
def policy() -> indemnity.Scheme:
    """A claims-made insurance policy answering clinical negligence for any UK work."""
    return builders.scheme("policy", basis="claims-made", kind="contractual-insurance")


@pytest.fixture
def words() -> indemnity.Vocabulary:
    """The UK vocabulary."""
    return uk.vocabulary()
