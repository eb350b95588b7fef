"""The days between ranges of day numbers: the sweep behind `gaps`, in Python or numpy.

`uncovered(ranges, a, b)` finds the stretches of days in ``[a, b)`` that no
range covers: it sorts the ranges by first day and sweeps them once, keeping
the latest end so far. Sorting is most of the work on a long career (10,000
ranges: about 1.3 ms for Python's sort of pairs by an int key, 0.3 ms for
the loop), so when numpy is installed (the ``fast`` or ``tables`` extra) and
there are at least `NUMPY_FROM` ranges, the same steps run on numpy arrays
(`numpy_for` says when): each range packed in one 64-bit number
(``first << DAY_BITS | day_after``, which sorts as the pairs do), one sort of
machine integers, the latest end so far as a running maximum, and a gap
wherever a range starts after it. `uncovered_packed` starts from numbers
already packed (`MembershipPeriod`'s `PACKED_DAYS`), one read a membership.

Both routes give the same gaps in the same order (tested against each
other). numpy is imported on the first long sweep, never by importing
`indemnity`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from importlib.util import find_spec
from itertools import islice
from operator import itemgetter
from typing import Any

from indemnity.holdings.membership import DAY_BITS, OPEN_END

__all__ = ["NUMPY_FROM", "numpy_for", "uncovered", "uncovered_packed", "use_numpy"]

NUMPY_FROM = 500
"""The fewest ranges swept with numpy, when it is installed: below, Python's sort is as fast."""

_FIRST, _SECOND = itemgetter(0), itemgetter(1)
_MASK = (1 << DAY_BITS) - 1
_DAY_ONE = 1  # date.min's day number
_UNSET: Any = object()
_numpy: Any = _UNSET  # the numpy module once imported; None: not installed, or turned off


def use_numpy(*, on: bool) -> bool:
    """Let long sweeps use numpy (when installed) or keep them in Python; whether they could before.

    For tests and benchmarks that compare the two routes. It sets the route
    for the whole process, and imports nothing.
    """
    global _numpy  # noqa: PLW0603 - one switch for the process, read on every long sweep
    before = _numpy is not None and (_numpy is not _UNSET or find_spec("numpy") is not None)
    _numpy = _UNSET if on else None
    return before


def _module() -> Any:
    """numpy, imported on first use; None when it is not installed or turned off."""
    global _numpy  # noqa: PLW0603 - imported once, on the first long sweep
    if _numpy is _UNSET:
        try:
            import numpy  # noqa: PLC0415 - optional, and only for long sweeps
        except ImportError:
            _numpy = None
        else:
            _numpy = numpy
    return _numpy


def numpy_for(count: int) -> Any:
    """numpy, to sweep `count` ranges with; None when Python is as fast or numpy is not there."""
    return _module() if count >= NUMPY_FROM else None


def uncovered(ranges: list[tuple[int, int]], a: int, b: int) -> list[tuple[int, int]]:
    """The stretches of ``[a, b)`` no range covers, in date order, as (first day, day after).

    Args:
        ranges: (first day, day after) pairs, each first < after, in any
            order; sorted here, in place, when swept in Python.
        a: The first day of the window.
        b: The day after the window (`NEVER` for no end).

    Returns:
        The uncovered stretches, each first < after; the last may end at `b`.
    """
    np = numpy_for(len(ranges))
    if np is None:
        return _python(ranges, a, b)
    n = len(ranges)
    first = np.fromiter(map(_FIRST, ranges), np.int64, n)
    after = np.fromiter(map(_SECOND, ranges), np.int64, n)
    return _swept(np, (first << DAY_BITS) | after, a, b)


def uncovered_packed(
    np: Any, parts: Sequence[tuple[Any, int, int]], a: int, b: int
) -> list[tuple[int, int]]:
    """`uncovered` of ranges packed as ``first << DAY_BITS | day_after``, in numpy arrays.

    Args:
        np: numpy (`numpy_for`).
        parts: Each an int64 array of packed ranges, with the first day and
            the day after of the dates they count within (a scheme's dates in
            force): each range is cut to them, and left out if nothing is
            left.
        a: The first day of the window.
        b: The day after the window.
    """
    chunks = [_within(np, packed, since, until) for packed, since, until in parts]
    return _swept(np, np.concatenate(chunks) if chunks else np.zeros(0, np.int64), a, b)


def _within(np: Any, packed: Any, since: int, until: int) -> Any:
    """Packed ranges cut to the days from `since` to before `until`; those left empty left out."""
    if since <= _DAY_ONE and until >= OPEN_END:
        return packed
    first = np.maximum(packed >> DAY_BITS, since)
    after = np.minimum(packed & _MASK, until)
    kept = first < after
    return (first[kept] << DAY_BITS) | after[kept]


def _python(ranges: list[tuple[int, int]], a: int, b: int) -> list[tuple[int, int]]:
    """`uncovered` by Python's sort and one loop."""
    ranges.sort(key=_FIRST)  # by first day alone (the sweep takes the latest end): C compares ints
    found: list[tuple[int, int]] = []
    reach = a
    # Only the ranges starting before the window's end; a range that does not reach
    # past the latest end so far starts before it (lo <= hi), so it leaves no gap.
    for lo, hi in islice(ranges, bisect_left(ranges, b, key=_FIRST)):
        if hi > reach:
            if lo > reach:
                found.append((reach, lo))
            reach = hi
    if reach < b:
        found.append((reach, b))
    return found


def _swept(np: Any, packed: Any, a: int, b: int) -> list[tuple[int, int]]:
    """The loop of `_python` on an int64 array of packed ranges (sorted here, in place).

    A range starting after the latest end so far (``reach``, from `a`)
    leaves the gap ``(reach, first)``; ranges starting at or after `b` are
    left out.
    """
    packed.sort()
    first = packed >> DAY_BITS
    count = int(first.searchsorted(b))  # the ranges starting before the window's end
    first, after = first[:count], packed[:count] & _MASK
    reach = np.empty(count + 1, np.int64)  # reach[i]: the latest end before range i
    reach[0] = a
    np.maximum.accumulate(np.maximum(after, a), out=reach[1:])
    at = np.flatnonzero(first > reach[:-1])
    found: list[tuple[int, int]] = list(zip(reach[at].tolist(), first[at].tolist(), strict=True))
    last = int(reach[-1])
    if last < b:
        found.append((last, b))
    return found
