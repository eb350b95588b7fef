"""Benchmark: `Portfolio.gaps` over 10,000 membership periods, against two baselines.

Run it as a plain script (it needs the `bench` extra for portion)::

    .venv/bin/python benchmarks/bench_gaps.py [--n 10000] [--repeat 15]

It builds one portfolio of N membership periods (occurrence MDO memberships,
claims-made policy years with earlier retroactive dates, and NHS employments
that do not cover the activity asked about), then times, in the same run:

- ``indemnity``: `Portfolio.gaps(activity, jurisdiction, span)`: each scheme's
  answer is worked out once, then one sort and one sweep over the dates;
- ``sweep``: a plain sort-and-sweep over the same dates, already extracted
  (the incident dates of the memberships that answer), in the same order:
  the floor any pure-Python gap finder stands on;
- ``portion``: portion's fastest way: one ``P.Interval(*atoms)`` union built
  from all the intervals at once, then its complement in the span.

All three must find the same gaps. It prints the best time of each, the
ratios, and whether the goals are met: within 2x of the sweep and at least
10x faster than portion. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from collections.abc import Callable
from operator import itemgetter

import attrs

from indemnity import (
    Activity,
    ActivityKind,
    Citation,
    Cover,
    Matter,
    MembershipPeriod,
    Period,
    Portfolio,
    Scheme,
    SchemeKind,
)

SOURCE = Citation("benchmark", "synthetic schemes for timing")
EVERYWHERE = ["england", "wales", "scotland", "northern-ireland"]


def scheme(key: str, basis: str, kinds: list[str]) -> Scheme:
    """A one-cover scheme for clinical negligence, for the given kinds of work."""
    cover = Cover("clinical", {Matter.CLINICAL_NEGLIGENCE}, kinds, EVERYWHERE, SOURCE)
    return Scheme(
        key=key,
        name=key.upper(),
        operator="Operator",
        kind=SchemeKind.DISCRETIONARY,
        basis=basis,
        covers=(cover,),
        source=SOURCE,
    )


def portfolio(n: int, seed: int, gappy: float) -> Portfolio:
    """N membership periods, one arrangement after another for private practice.

    Each change of arrangement meets or overlaps the one before, except a
    share `gappy` of them, which start 1 to 30 days late. Occurrence MDO
    memberships and claims-made policy years (with retroactive dates a little
    earlier) alternate at random; NHS employments that do not cover private
    practice run alongside now and then.
    """
    rng = random.Random(seed)
    private = [ActivityKind.PRIVATE_PRACTICE.value]
    mdo = scheme("mdo", "occurrence", private)
    policy = scheme("policy", "claims-made", private)
    trust = scheme("trust", "occurrence", [ActivityKind.NHS_CONTRACTED_CARE.value])
    day = dt.date(1990, 1, 1)
    out: list[MembershipPeriod] = []
    while len(out) < n:
        late = rng.random() < gappy
        start = day + dt.timedelta(days=rng.randint(1, 30) if late else rng.randint(-30, 0))
        period = Period(start, start + dt.timedelta(days=rng.randint(7, 90)))
        if rng.random() < 0.7:
            out.append(MembershipPeriod(mdo, period))
        else:
            retro = start - dt.timedelta(days=rng.randint(0, 60))
            out.append(MembershipPeriod(policy, period, retroactive_date=retro))
        if rng.random() < 0.15 and len(out) < n:
            out.append(MembershipPeriod(trust, period))
        day = period.end  # type: ignore[assignment]
    return Portfolio(out, holder="benchmark")


def incident_dates(held: Portfolio) -> list[tuple[dt.date, dt.date]]:
    """The incident dates of the memberships that answer for private practice."""
    return [
        (m.incidents.start, m.period.end)  # type: ignore[misc]
        for m in held
        if m.scheme.key != "trust"
    ]


def sweep(dates: list[tuple[dt.date, dt.date]], span: Period) -> list[tuple[dt.date, dt.date]]:
    """A plain sort-and-sweep: the complement in `span` of the union of `dates`."""
    gaps = []
    reach = span.start
    for start, end in sorted(dates, key=itemgetter(0)):
        if span.end is not None and start >= span.end:
            break
        if start > reach:
            gaps.append((reach, start))
        if end > reach:  # noqa: PLR1730 - the same loop as the library's
            reach = end
    if span.end is not None and reach < span.end:
        gaps.append((reach, span.end))
    return gaps


def with_portion(
    dates: list[tuple[dt.date, dt.date]], span: Period
) -> list[tuple[dt.date, dt.date]]:
    """portion's fastest way: one union of every interval at once, then its complement."""
    import portion as P  # noqa: N812 - portion's own documented spelling

    union = P.Interval(*[P.closedopen(start, end) for start, end in dates])
    rest = P.closedopen(span.start, span.end) - union
    return [(atom.lower, atom.upper) for atom in rest if not atom.empty]


def best(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The best and the median wall time of `repeat` runs, in milliseconds."""
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append((time.perf_counter() - began) * 1000)
    return min(times), statistics.median(times)


def measure(n: int, seed: int, gappy: float, repeat: int) -> dict[str, float]:
    """Time the three ways on one portfolio; print the figures; return the ratios."""
    from indemnity.timeline import _gaps

    held = portfolio(n, seed, gappy)
    first = held.memberships[0].period.start
    last = max(m.period.end for m in held if m.period.end is not None)
    span = Period(first - dt.timedelta(days=10), last + dt.timedelta(days=10))
    activity = Activity.of("private-practice")
    dates = incident_dates(held)

    # A first call on a portfolio also extracts and sorts its dates: time it on fresh copies.
    fresh = iter([attrs.evolve(held) for _ in range(5)])
    cold = best(lambda: next(fresh).gaps(activity, "england", span), 5)[0]
    ours = [(g.incidents.start, g.incidents.end) for g in held.gaps(activity, "england", span)]
    if not ours == sweep(dates, span) == with_portion(dates, span):
        raise SystemExit("MISMATCH: the three ways find different gaps")

    timings = {
        "indemnity": best(lambda: held.gaps(activity, "england", span), repeat),
        "sweep": best(lambda: sweep(dates, span), repeat),
        "portion": best(lambda: with_portion(dates, span), max(3, repeat // 3)),
    }
    building = best(lambda: _gaps(ours), repeat)  # type: ignore[arg-type]
    print(
        f"{len(held):,} membership periods ({len(dates):,} answering for private practice),"
        f" {gappy:.0%} of changes late: {len(ours):,} gaps, found alike by all three"
    )
    print(f"  {'way':<34} {'best ms':>8} {'median ms':>10}")
    rows = [
        ("indemnity Portfolio.gaps", *timings["indemnity"]),
        ("  of which building the Stretches", *building),
        ("indemnity, first call (+ index)", cold, cold),
        ("plain sort-and-sweep", *timings["sweep"]),
        ("portion, one union at once", *timings["portion"]),
    ]
    for name, low, mid in rows:
        print(f"  {name:<34} {low:>8.2f} {mid:>10.2f}")
    ours_ms, sweep_ms, portion_ms = (timings[k][0] for k in ("indemnity", "sweep", "portion"))
    ratios = {"sweep": ours_ms / sweep_ms, "portion": portion_ms / ours_ms}
    print(
        f"  indemnity / sweep   = {ratios['sweep']:5.2f}x (goal: 2x or less)    "
        f"{_ok(ratios['sweep'] <= 2)}"
    )
    print(
        f"  portion / indemnity = {ratios['portion']:5.1f}x (goal: 10x or more)   "
        f"{_ok(ratios['portion'] >= 10)}"
    )
    print(f"  portion / indemnity's first call = {portion_ms / cold:5.1f}x")
    return ratios


def main(argv: list[str] | None = None) -> int:
    """Measure a career-like portfolio and a gappy one."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="membership periods")
    parser.add_argument("--repeat", type=int, default=15, help="timed runs of each")
    parser.add_argument("--seed", type=int, default=4, help="random seed")
    args = parser.parse_args(argv)
    print("Career-like: a change of arrangement leaves a gap now and then")
    measure(args.n, args.seed, 0.02, args.repeat)
    print()
    print("Gappy (stress): a quarter of the changes leave a gap")
    measure(args.n, args.seed, 0.25, args.repeat)
    return 0


def _ok(met: bool) -> str:
    return "met" if met else "NOT MET"


if __name__ == "__main__":
    raise SystemExit(main())
