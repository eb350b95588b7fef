"""Interleaved rounds: every contender runs once per round, on the same inputs, in the same order.

Machines here are shared and noisy, so a figure is never one timing: each
round times every contender back to back, the order of contenders rotating
from round to round so none always runs first, and a ratio is worked out
per round (both sides timed seconds apart) before its median and its spread
(lowest to highest round) are printed, with how many rounds met the target.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Mapping, Sequence


def interleave(
    contenders: Mapping[str, Callable[[], object]], rounds: int
) -> dict[str, list[float]]:
    """Seconds per call of each contender, one timing per round, rounds interleaved."""
    names = list(contenders)
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        for name in order:
            gc.collect()
            start = time.perf_counter()
            contenders[name]()
            times[name].append(time.perf_counter() - start)
    return times


def rates(times: Mapping[str, Sequence[float]], n: int) -> dict[str, list[float]]:
    """Items per second of each contender, per round."""
    return {name: [n / t for t in ts] for name, ts in times.items()}


def spread(values: Sequence[float]) -> str:
    """The median, and the lowest and highest round."""
    return f"{statistics.median(values):,.0f}/s  [{min(values):,.0f} .. {max(values):,.0f}]"


def ratio(
    ours: Sequence[float], theirs: Sequence[float], *, higher_is_better: bool = True
) -> list[float]:
    """Per-round ratios of two contenders' rates (or times, with higher_is_better=False)."""
    pairs = zip(ours, theirs, strict=True)
    if higher_is_better:
        return [a / b for a, b in pairs]
    return [b / a for a, b in pairs]


def verdict(values: Sequence[float], target: float, *, at_most: bool = False) -> str:
    """The ratio's median and spread against its target, and how many rounds met it.

    The target is met when the median round meets it: on a shared machine a
    round now and then runs while other work takes the core, so the count of
    rounds that met it is printed beside, for the reader to judge.
    """
    low, mid, high = min(values), statistics.median(values), max(values)
    meets = [v <= target if at_most else v >= target for v in values]
    met = mid <= target if at_most else mid >= target
    want = f"<= {target:g}" if at_most else f">= {target:g}"
    mark = "met" if met else "MISSED"
    return (
        f"{mid:6.2f}x [{low:.2f} .. {high:.2f}]  target {want}: {mark}"
        f" ({sum(meets)} of {len(values)} rounds)"
    )


def rate_verdict(values: Sequence[float], target: float) -> str:
    """A rate's median and lowest round against a fixed target, as `verdict` judges."""
    mid = statistics.median(values)
    mark = "met" if mid >= target else "MISSED"
    meets = sum(v >= target for v in values)
    return (
        f"{mid:>12,.0f}/s  lowest {min(values):,.0f}/s  target >= {target:,.0f}/s: {mark}"
        f" ({meets} of {len(values)} rounds)"
    )
