"""Tests for `indemnity.timelines._union`: the sweep behind `gaps`, in Python and in numpy.

Each route is checked against days counted one by one, and against the
other; `gaps` itself is checked with each route forced, on short careers
(numpy from the first range) and on a long one (the threshold as shipped).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import pickle
import random
import subprocess
import sys
from collections.abc import Iterator

import attrs
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from indemnity import Activity, MembershipPeriod, Period, Portfolio, Timeline, gaps
from indemnity.holdings.membership import DAY_BITS, INCIDENT_DAYS, OPEN_END, PACKED_DAYS
from indemnity.timelines import _union
from tests import builders
from tests.builders import D, cover
from tests.strategies import window_activities, window_portfolios, window_spans
from tests.test_timeline import _turns_on_claim_date

ROUTES = ("python", "numpy")


@contextlib.contextmanager
def sweeping_in(route: str) -> Iterator[None]:
    """Every sweep in the block takes `route`: numpy from the first range, or Python always."""
    if route == "numpy":
        pytest.importorskip("numpy")
    saved = _union.NUMPY_FROM
    before = _union.use_numpy(on=route == "numpy")
    _union.NUMPY_FROM = 0
    try:
        yield
    finally:
        _union.NUMPY_FROM = saved
        _union.use_numpy(on=before)


def counted(ranges: list[tuple[int, int]], a: int, b: int) -> list[tuple[int, int]]:
    """The uncovered stretches of [a, b) found day by day (b finite and small)."""
    covered = {day for lo, hi in ranges for day in range(max(lo, a), min(hi, b))}
    found: list[tuple[int, int]] = []
    for day in range(a, b):
        if day in covered:
            continue
        if found and found[-1][1] == day:
            found[-1] = (found[-1][0], day + 1)
        else:
            found.append((day, day + 1))
    return found


def packed(np, ranges: list[tuple[int, int]]):
    """Ranges packed as `MembershipPeriod` packs its incident days, in an int64 array."""
    return np.array([lo << DAY_BITS | hi for lo, hi in ranges], dtype=np.int64)


small_ranges = st.lists(
    st.tuples(st.integers(1, 60), st.integers(1, 12)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=30,
)


class TestUncovered:
    @given(ranges=small_ranges, a=st.integers(1, 40), length=st.integers(1, 50))
    def test_each_route_finds_the_days_no_range_covers(self, ranges, a, length):
        """Python, numpy from pairs and numpy from packed numbers all find the days counted
        one by one, in order, whatever the order of the ranges."""
        b = a + length
        expected = counted(ranges, a, b)
        assert _union._python(list(ranges), a, b) == expected
        np = pytest.importorskip("numpy")
        with sweeping_in("numpy"):
            assert _union.uncovered(list(ranges), a, b) == expected
        assert _union.uncovered_packed(np, [(packed(np, ranges), 1, OPEN_END)], a, b) == expected

    @given(
        parts=st.lists(
            st.tuples(small_ranges, st.integers(1, 40), st.integers(1, 40)), min_size=1, max_size=4
        ),
        a=st.integers(1, 40),
        length=st.integers(1, 50),
    )
    @example(parts=[([(5, 10)], 10, 5)], a=1, length=30)  # cut to nothing: no gap split at 10
    def test_packed_ranges_are_cut_to_their_dates_in_force(self, parts, a, length):
        """Each part's ranges count only within its dates (a scheme in force for a while)."""
        np = pytest.importorskip("numpy")
        b = a + length
        cut = [
            (max(lo, since), min(hi, since + days))
            for ranges, since, days in parts
            for lo, hi in ranges
            if max(lo, since) < min(hi, since + days)
        ]
        given_parts = [(packed(np, ranges), since, since + days) for ranges, since, days in parts]
        assert _union.uncovered_packed(np, given_parts, a, b) == counted(cut, a, b)

    @given(
        ranges=st.lists(
            st.tuples(st.integers(1, 3_000_000), st.integers(1, 400), st.booleans()), max_size=40
        ),
        a=st.integers(1, 3_000_000),
        open_window=st.booleans(),
    )
    def test_the_routes_agree_on_open_ends_and_far_dates(self, ranges, a, open_window):
        """Ranges without an end (`OPEN_END`), windows without one, and days far apart:
        numpy finds what Python finds."""
        pairs = [(lo, OPEN_END if open_end else lo + days) for lo, days, open_end in ranges]
        b = OPEN_END if open_window else a + 5_000
        expected = _union._python(list(pairs), a, b)
        np = pytest.importorskip("numpy")
        with sweeping_in("numpy"):
            assert _union.uncovered(list(pairs), a, b) == expected
        assert _union.uncovered_packed(np, [(packed(np, pairs), 1, OPEN_END)], a, b) == expected
        assert all(isinstance(day, int) for gap in expected for day in gap)

    def test_numpy_only_for_long_sweeps(self):
        """Below `NUMPY_FROM` ranges the sweep stays in Python, which is as fast there."""
        pytest.importorskip("numpy")
        assert _union.numpy_for(_union.NUMPY_FROM - 1) is None
        assert _union.numpy_for(_union.NUMPY_FROM) is not None

    def test_without_numpy_long_sweeps_stay_in_python(self, monkeypatch):
        """When numpy cannot be imported, long sweeps run in Python with the same answer."""
        ranges = [(day, day + 3) for day in range(1, 3 * _union.NUMPY_FROM, 2)]
        ranges.append((5 * _union.NUMPY_FROM, 5 * _union.NUMPY_FROM + 1))
        random.Random(4).shuffle(ranges)  # noqa: S311 - test data, not secrets
        expected = counted(ranges, 1, 6 * _union.NUMPY_FROM)
        monkeypatch.setitem(sys.modules, "numpy", None)  # import numpy raises ImportError
        monkeypatch.setattr(_union, "_numpy", _union._UNSET)
        assert _union.numpy_for(10**6) is None
        assert _union.uncovered(list(ranges), 1, 6 * _union.NUMPY_FROM) == expected

    def test_the_switch_turns_numpy_off_and_on(self):
        """`use_numpy` says whether numpy could be used before it was called."""
        pytest.importorskip("numpy")
        before = _union.use_numpy(on=False)
        try:
            assert _union.numpy_for(10**6) is None
            assert _union.use_numpy(on=True) is False
            assert _union.numpy_for(10**6) is not None
        finally:
            _union.use_numpy(on=before)

    def test_turning_numpy_off_imports_nothing(self):
        """`use_numpy` tells whether numpy could be used without importing it."""
        code = (
            "import sys\n"
            "from indemnity.timelines import _union\n"
            "assert _union.use_numpy(on=False) is True\n"
            "assert _union.use_numpy(on=True) is False\n"
            "assert 'numpy' not in sys.modules, 'numpy was loaded'\n"
        )
        pytest.importorskip("numpy")
        subprocess.run([sys.executable, "-c", code], check=True, timeout=120)

    def test_importing_indemnity_and_short_sweeps_never_load_numpy(self):
        """numpy is imported by the first long sweep, never by `import indemnity`."""
        code = (
            "import sys, indemnity\n"
            "from tests import builders\n"
            "from tests.builders import D\n"
            "held = [indemnity.MembershipPeriod(builders.scheme('mdo'),"
            " indemnity.Period(D(2020, 1, 1), D(2021, 1, 1)))]\n"
            "indemnity.gaps(held, indemnity.Activity.of('private-practice'), 'england',"
            " '2019-01-01 to 2022-01-01')\n"
            "assert 'numpy' not in sys.modules, 'numpy was loaded'\n"
        )
        subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


class TestPackedDays:
    @pytest.mark.parametrize(
        "period",
        [
            Period(D(2020, 1, 1), D(2021, 1, 1)),
            Period(D(2020, 1, 1), None),
            Period(dt.date.min, D(1, 1, 2)),
            Period(D(9999, 12, 30), None),
        ],
    )
    @pytest.mark.parametrize("start_known", [True, False])
    def test_a_membership_packs_its_incident_days(self, period, start_known):
        """`PACKED_DAYS` is `incident_days` in one number: first day, then the day after,
        in `DAY_BITS` bits; it sorts as the pairs do, and survives a pickle and `evolve`."""
        held = MembershipPeriod(builders.scheme("mdo"), period, start_known=start_known)
        first, after = INCIDENT_DAYS(held)
        assert PACKED_DAYS(held) == first << DAY_BITS | after
        assert (PACKED_DAYS(held) >> DAY_BITS, PACKED_DAYS(held) & (1 << DAY_BITS) - 1) == (
            first,
            after,
        )
        assert after <= OPEN_END < 1 << DAY_BITS
        again = pickle.loads(pickle.dumps(held))  # noqa: S301 - our own bytes
        assert PACKED_DAYS(again) == PACKED_DAYS(held)
        moved = attrs.evolve(held, period=Period(D(2030, 1, 1), D(2031, 1, 1)))
        first, after = INCIDENT_DAYS(moved)
        assert PACKED_DAYS(moved) == first << DAY_BITS | after != PACKED_DAYS(held)

    @given(
        pairs=st.lists(
            st.tuples(st.integers(1, OPEN_END - 1), st.integers(1, OPEN_END)), max_size=20
        )
    )
    def test_packed_numbers_sort_as_the_pairs_do(self, pairs):
        """Sorting packed numbers sorts by first day, then by the day after."""
        packs = sorted(lo << DAY_BITS | hi for lo, hi in pairs)
        assert [(p >> DAY_BITS, p & (1 << DAY_BITS) - 1) for p in packs] == sorted(pairs)


class TestGapsByRoute:
    @pytest.mark.parametrize("route", ROUTES)
    @given(portfolio=window_portfolios, activity=window_activities, span=window_spans())
    def test_gaps_are_the_timelines_gaps_by_either_route(self, route, portfolio, activity, span):
        """`gaps` of a portfolio, and of its memberships given in reverse, are the
        timeline's gaps whichever route sweeps them (careers whose gaps turn on the claim
        date need a horizon, and are swept in the plane: tests/test_timeline.py)."""
        assume(not _turns_on_claim_date(portfolio, activity, span))
        expected = Timeline.of(portfolio, activity, "england", span).gaps
        with sweeping_in(route):
            assert gaps(portfolio, activity, "england", span) == expected
            assert gaps(portfolio.memberships[::-1], activity, "england", span) == expected

    def test_a_long_shuffled_career_by_either_route(self):
        """A career of 3,000 memberships, shuffled, gaps as shipped (numpy past the
        threshold): the same gaps from the list, from its portfolio, and in Python."""
        mdo = builders.scheme("mdo")
        trust = builders.scheme("trust", covers=[cover(activities=("nhs-contracted-care",))])
        rng = random.Random(7)  # noqa: S311 - test data, not secrets
        day, held = D(1990, 1, 1), []
        while len(held) < 3_000:
            start = day + dt.timedelta(days=rng.randint(1, 9) if rng.random() < 0.2 else 0)
            period = Period(start, start + dt.timedelta(days=rng.randint(3, 6)))
            held.append(MembershipPeriod(mdo if rng.random() < 0.9 else trust, period))
            day = period.end  # type: ignore[assignment]
        rng.shuffle(held)
        activity, span = Activity.of("private-practice"), Period(D(1989, 1, 1), D(2040, 1, 1))
        found = gaps(held, activity, "england", span)
        assert found == gaps(Portfolio(held), activity, "england", span)
        with sweeping_in("python"):
            assert gaps(held, activity, "england", span) == found
        assert len(found) > 10
