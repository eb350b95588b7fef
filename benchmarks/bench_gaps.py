"""Benchmark: the gaps in 10,000 membership periods, against sort-and-sweep and portion.

Run it as a plain script (it needs the `bench` extra for portion)::

    .venv/bin/python benchmarks/bench_gaps.py [--n 10000] [--rounds 7] [--runs 5]

Every contender starts from **the same unsorted input**: one list of N
membership periods in the order a career's records arrive (shuffled), for
private practice in England (occurrence MDO memberships, one after another,
a change now and then starting late; NHS employments alongside, which do not
answer for private practice):

- ``indemnity, from the list``: `indemnity.gaps(records, activity,
  "england", span)` given that list itself: every item checked, the
  memberships grouped by scheme and options, each group's scheme asked once,
  then one sort and one sweep; the figure the targets are set on. With
  numpy installed (the ``fast`` or ``tables`` extra; the ``bench`` extra
  brings it) the sort and sweep of a long list run on numpy arrays;
- ``indemnity, in Python``: the same call with numpy turned off, the route
  of an install without it (information: no target);
- ``indemnity, via Portfolio``: `gaps(Portfolio(records), ...)`: the same
  after building the portfolio, which also puts every membership in
  canonical order (information: no target);
- ``indemnity, portfolio held``: `gaps(portfolio, ...)` on a portfolio built
  beforehand, as a service holding portfolios asks (information: its input
  is not the list);
- ``sort-and-sweep``: a hand-written function taking the same list: keep
  the memberships whose scheme answers (it knows which by its key), take
  their incident dates, sort, sweep; the floor a pure-Python gap finder
  stands on;
- ``portion``: the same filter, then portion's fastest route: one
  ``P.Interval(*atoms)`` union built at once, and its complement in the span.

All must find the same gaps. The contenders run interleaved, round by round
(see benchmarks/_rounds.py), and each ratio is worked out per round; the
whole measurement is repeated in `--runs` separate runs on fresh inputs; a
run's figure is the median of its rounds, and a target is met only if every
run meets it (the lowest and highest single round are printed beside).
Targets (issue 14), from the list: at most 1.5x the sweep, and at least
15x faster than portion. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
from collections.abc import Callable, Sequence
from operator import itemgetter

from _rounds import interleave

from indemnity import (
    Activity,
    Citation,
    Cover,
    MembershipPeriod,
    Period,
    Portfolio,
    Scheme,
    Stretch,
    gaps,
)
from indemnity.timelines import _union

SOURCE = Citation("mps-imgs-2023", "Medical defence organisations")
UK = ("england", "wales", "scotland", "northern-ireland")


def scheme(key: str, kinds: tuple[str, ...]) -> Scheme:
    """A one-cover occurrence scheme for clinical negligence, for the given kinds of work."""
    cover = Cover("clinical", {"clinical-negligence"}, set(kinds), set(UK), SOURCE)
    return Scheme(
        key=key,
        name=key.upper(),
        operator="Operator",
        kind="discretionary",
        basis="occurrence",
        covers=(cover,),
        source=SOURCE,
    )


MDO = scheme("mdo", ("private-practice",))
TRUST = scheme("trust", ("nhs-contracted-care",))


def records(n: int, seed: int, gappy: float) -> list[MembershipPeriod]:
    """N membership periods in a shuffled order: one arrangement after another.

    Each change meets or overlaps the one before, except a share `gappy`,
    which start 1 to 30 days late; NHS employments run alongside now and then.
    """
    rng = random.Random(seed)
    day = dt.date(1950, 1, 1)
    out: list[MembershipPeriod] = []
    while len(out) < n:
        late = rng.random() < gappy
        start = day + dt.timedelta(days=rng.randint(1, 30) if late else rng.randint(-3, 0))
        period = Period(start, start + dt.timedelta(days=rng.randint(3, 6)))
        out.append(MembershipPeriod(MDO, period))
        if rng.random() < 0.15 and len(out) < n:
            out.append(MembershipPeriod(TRUST, period))
        day = period.end  # type: ignore[assignment]
    rng.shuffle(out)
    return out


Gaps = list[tuple[dt.date, dt.date]]
Found = Sequence[Stretch | tuple[dt.date, dt.date]]


def sort_and_sweep(held: list[MembershipPeriod], span: Period) -> Gaps:
    """The hand-written floor: the answering memberships' dates, sorted, swept."""
    dates = [(m.period.start, m.period.end) for m in held if m.scheme.key == "mdo"]
    dates.sort(key=itemgetter(0))
    found = []
    reach = span.start
    for start, end in dates:
        if span.end is not None and start >= span.end:
            break
        if start > reach:
            found.append((reach, start))
        if end > reach:  # noqa: PLR1730 - a plain loop, as fast as Python goes
            reach = end
    if span.end is not None and reach < span.end:
        found.append((reach, span.end))
    return found


def with_portion(held: list[MembershipPeriod], span: Period) -> Gaps:
    """portion's fastest route: one union of every interval at once, then its complement."""
    import portion as P  # noqa: N812 - portion's own documented spelling

    union = P.Interval(
        *[P.closedopen(m.period.start, m.period.end) for m in held if m.scheme.key == "mdo"]
    )
    rest = P.closedopen(span.start, span.end) - union
    return [(atom.lower, atom.upper) for atom in rest if not atom.empty]


def in_python(
    held: list[MembershipPeriod], activity: Activity, span: Period
) -> tuple[Stretch, ...]:
    """`gaps` from the list with numpy turned off for the call: the route without numpy."""
    before = _union.use_numpy(on=False)
    try:
        return gaps(held, activity, "england", span)
    finally:
        _union.use_numpy(on=before)


def contenders(held: list[MembershipPeriod], span: Period) -> dict[str, Callable[[], Found]]:
    """Every contender, each answering from the same list, timed as it answers.

    Each returns what it naturally gives (indemnity its `Stretch` records,
    the others pairs of dates); `pairs` turns any of them into pairs of dates
    for the check that all agree, outside the timing.
    """
    activity = Activity.of("private-practice")
    portfolio = Portfolio(held)
    return {
        "indemnity, from the list": lambda: gaps(held, activity, "england", span),
        "indemnity, in Python": lambda: in_python(held, activity, span),
        "indemnity, via Portfolio": lambda: gaps(Portfolio(held), activity, "england", span),
        "indemnity, portfolio held": lambda: gaps(portfolio, activity, "england", span),
        "sort-and-sweep": lambda: sort_and_sweep(held, span),
        "portion": lambda: with_portion(held, span),
    }


def pairs(found: Found) -> Gaps:
    """A contender's gaps as pairs of dates, the first date in and the first after."""
    return [g if isinstance(g, tuple) else (g.incidents.start, g.incidents.end) for g in found]  # type: ignore[misc]


def measure(n: int, seed: int, gappy: float, rounds: int) -> dict[str, list[float]]:
    """One run: check the contenders agree, time them; the per-round ratios."""
    held = records(n, seed, gappy)
    first = min(m.period.start for m in held)
    last = max(m.period.end for m in held if m.period.end is not None)
    span = Period(first - dt.timedelta(days=10), last + dt.timedelta(days=10))
    runs = contenders(held, span)
    expected = pairs(runs["sort-and-sweep"]())
    for name, run in runs.items():
        if pairs(run()) != expected:
            sys.exit(f"MISMATCH: {name} finds other gaps than the sweep")
    times = interleave(runs, rounds)
    print(
        f"  {len(held):,} periods, {gappy:.0%} of changes late: {len(expected):,} gaps,"
        " found alike by all; ms per call, median [lowest .. highest round]"
    )
    for name, ts in times.items():
        ms = sorted(t * 1000 for t in ts)
        print(f"    {name:28} {ms[len(ms) // 2]:8.2f}  [{ms[0]:.2f} .. {ms[-1]:.2f}]")

    def per_round(top: str, bottom: str) -> list[float]:
        return [a / b for a, b in zip(times[top], times[bottom], strict=True)]

    return {
        "from the list / sweep": per_round("indemnity, from the list", "sort-and-sweep"),
        "portion / from the list": per_round("portion", "indemnity, from the list"),
        "portion / in Python": per_round("portion", "indemnity, in Python"),
        "via Portfolio / sweep": per_round("indemnity, via Portfolio", "sort-and-sweep"),
        "held / sweep": per_round("indemnity, portfolio held", "sort-and-sweep"),
    }


def by_run(runs: list[list[float]], target: float, *, at_most: bool) -> str:
    """Each run's median ratio against the target: met only if every run meets it."""
    medians = [statistics.median(r) for r in runs]
    met = all(m <= target if at_most else m >= target for m in medians)
    want = f"<= {target:g}" if at_most else f">= {target:g}"
    low = min(min(r) for r in runs)
    high = max(max(r) for r in runs)
    shown = " ".join(f"{m:.2f}" for m in medians)
    mark = "met in every run" if met else "MISSED"
    return f"runs {shown}x [{low:.2f} .. {high:.2f}]  target {want}: {mark}"


def main(argv: list[str] | None = None) -> int:
    """Measure a career-like portfolio and a gappy one, in several runs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="membership periods")
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds per run")
    parser.add_argument("--runs", type=int, default=5, help="separate runs, fresh inputs")
    args = parser.parse_args(argv)
    route = "numpy" if _union.use_numpy(on=True) else "Python (numpy is not installed)"
    print(
        f"Python {sys.version.split()[0]}; {args.runs} runs of {args.rounds} rounds each;"
        f" long sweeps from the list in {route}"
    )
    for label, gappy in (("career-like", 0.02), ("gappy (a quarter of changes late)", 0.25)):
        print(f"{label}:")
        every: dict[str, list[float]] = {}
        runs_of: dict[str, list[list[float]]] = {}
        for run in range(args.runs):
            for key, values in measure(args.n, 100 * run + 4, gappy, args.rounds).items():
                every.setdefault(key, []).extend(values)
                runs_of.setdefault(key, []).append(values)
        print("  Ratios: each run's median, and [lowest .. highest round of any run]:")
        targets = (("from the list / sweep", 1.5, True), ("portion / from the list", 15.0, False))
        for key, target, at_most in targets:
            print(f"    {key:28} {by_run(runs_of[key], target, at_most=at_most)}")
        for key in ("portion / in Python", "via Portfolio / sweep", "held / sweep"):
            print(f"    {key:28} {statistics.median(every[key]):6.2f}x (information)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
