"""A workforce sweep: one million questions (100,000 people x 10 activities) in worker processes.

Run it as a plain script::

    .venv/bin/python benchmarks/workforce.py [--people 100000] [--workers 2] [--chunk 2000]

Each person is a small record (a kind of career, start dates, a region), as an
NHS body's or a workforce platform's records would give; workers rebuild each
person's portfolio from the built-in catalogue, compile it, and ask ten
questions: their NHS work (a claim and a complaint), private practice,
category 2 work and a Good Samaritan act, each early and late in post. Each
worker sends back outcome counts and the people whose NHS clinical negligence
claims are not (or not surely) covered. The same `sweep_chunk`
function runs unchanged on Dask or Spark workers: it takes and returns plain,
picklable data. For tables of people and questions, `indemnity sweep` does
the same from files (`benchmarks/bench_sweep.py` measures it on this
workforce; see docs/scale.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from indemnity import (
    Activity,
    CompiledPortfolio,
    MembershipPeriod,
    Outcome,
    Period,
    Portfolio,
    Question,
    uk,
)

CAREERS = ("consultant", "gp", "scottish", "trainee", "agency-locum")
SEED = 1887  # SI 2014/1887, the legal requirement


def person(i: int) -> tuple[int, str, int, int]:
    """A person as a record: id, career, start day offset, years in post (deterministic)."""
    return (i, CAREERS[i % len(CAREERS)], (i * 7919 + SEED) % 3650, 2 + (i * 31) % 9)


def portfolio_of(record: tuple[int, str, int, int]) -> tuple[Portfolio, str]:
    """The portfolio a record describes, built from the catalogue, and where they work."""
    _, career, offset, years = record
    start = dt.date(2012, 1, 1) + dt.timedelta(days=offset)
    end = start + dt.timedelta(days=365 * years)
    held = Period(start, end)
    s = uk.scheme
    match career:
        case "consultant":
            ms = (MembershipPeriod(s("cnst"), held), MembershipPeriod(s("mdu"), held))
            place = "england"
        case "gp":
            ms = (MembershipPeriod(s("cnsgp"), held), MembershipPeriod(s("mddus"), held))
            place = "england"
        case "scottish":
            ms = (MembershipPeriod(s("cnoris"), held), MembershipPeriod(s("mddus"), held))
            place = "scotland"
        case "trainee":  # an NHS employee too: CNST for the NHS work, the block for the rest
            block = uk.trainee_memberships(start, end, private_practice=True)
            ms = (MembershipPeriod(s("cnst"), held), *block)
            place = "england"
        case _:
            ms = (MembershipPeriod(s("cnst"), held),)
            place = "england"
    return Portfolio(tuple(ms)), place


ENGAGER = {
    "consultant": "nhs-body",
    "gp": "nhs-primary-care-provider",
    "scottish": "nhs-body",
    "trainee": "nhs-body",
    "agency-locum": "nhs-staffing-contractor",  # seed 000's open case: undetermined
}
OTHER_WORK = (
    Activity.of("private-practice", nhs_patient=False, declared=True, overall_charge=False),
    Activity.of("category-2-work", declared=True),
    Activity.of("good-samaritan"),
)


def questions_for(record: tuple[int, str, int, int], place: str) -> Iterator[Question]:
    """Ten questions about one person: their NHS work (a claim and a complaint) and other work,
    each early in post and late in post."""
    _, career, offset, years = record
    start = dt.date(2012, 1, 1) + dt.timedelta(days=offset)
    nhs = Activity.of("nhs-contracted-care", engaged_by=ENGAGER[career])
    asked = [(nhs, "clinical-negligence"), (nhs, "complaint")]
    asked += [(a, "clinical-negligence") for a in OTHER_WORK]
    for k, (activity, matter) in enumerate(asked):
        for when in (
            start + dt.timedelta(days=100 + 37 * k),
            start + dt.timedelta(days=365 * years - 30),
        ):
            yield Question.ask(activity, when, place, matter=matter)


def sweep_chunk(records: Sequence[tuple[int, str, int, int]]) -> tuple[Counter[str], list[int]]:
    """Answer every question of a chunk of people: outcome counts, who has NHS work uncovered."""
    counts: Counter[str] = Counter()
    flagged: list[int] = []
    for record in records:
        portfolio, place = portfolio_of(record)
        compiled = CompiledPortfolio(portfolio)
        decisions = list(compiled.decide_many(questions_for(record, place)))
        counts.update(d.outcome.value for d in decisions)
        if any(not d.covered for d in decisions[:2]):  # the NHS clinical negligence claims
            flagged.append(record[0])
    return counts, flagged


def chunks(people: int, size: int) -> Iterator[list[tuple[int, str, int, int]]]:
    """The workforce as records, in chunks."""
    for lo in range(0, people, size):
        yield [person(i) for i in range(lo, min(people, lo + size))]


def main() -> None:
    """Sweep the workforce in worker processes and print the time and the counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--chunk", type=int, default=2_000)
    args = parser.parse_args()

    start = time.perf_counter()
    counts: Counter[str] = Counter()
    flagged = 0
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        for part, who in pool.map(sweep_chunk, chunks(args.people, args.chunk)):
            counts.update(part)
            flagged += len(who)
    elapsed = time.perf_counter() - start
    total = sum(counts.values())
    print(f"{args.people:,} people, {total:,} questions, {args.workers} worker processes")
    print(f"time {elapsed:.1f} s: {total / elapsed:,.0f} questions a second")
    for outcome in Outcome:
        print(f"  {outcome.value:13} {counts[outcome.value]:>10,}")
    print(f"  people with NHS work not (or not surely) covered: {flagged:,}")


if __name__ == "__main__":
    main()
