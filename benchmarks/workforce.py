"""A workforce sweep in worker processes, measured against one process and the plain route.

Run it as a plain script::

    .venv/bin/python benchmarks/workforce.py [--people 6000] [--workers 2] [--rounds 5]

Each person is a small record (a kind of career, start dates, a region), as an
NHS body's or a workforce platform's records would give; `sweep_chunk`
rebuilds each person's portfolio from the built-in catalogue, compiles it,
asks ten questions from raw input (their NHS work: a claim and a complaint;
private practice, category 2 work and a Good Samaritan act; each early and
late in post) and sends back outcome counts and the people whose NHS
clinical negligence claims are not (or not surely) covered. It takes and
returns plain, picklable data, so it runs unchanged on Dask or Spark
workers. For tables of people and questions, `indemnity sweep` does the same
from files (`benchmarks/bench_sweep.py` measures it; see docs/scale.md).

The sweep asks for outcomes only, as a count needs: `CompiledPortfolio.outcome`
builds no reasons. Every contender answers the same records, in the same
order and the same chunks, and each builds every portfolio and asks every
question from raw input itself; they run interleaved, round by round, in
rotating order (see benchmarks/_rounds.py):

- ``sweep, N workers``: `sweep_chunk` over the chunks on a pool of N worker
  processes. The pool is started, and each worker has loaded the catalogue,
  before the first round, and it stays up across rounds: the time is the
  sweep's (records out, counts back), not the pool's start-up;
- ``sweep, one process``: the same `sweep_chunk` over the same chunks in
  this process, one after another;
- ``plain route, one process``: the same, each question asked of the plain
  portfolio with `Portfolio.is_covered(...)` and its outcome read; nothing
  compiled (the plain route has no outcome-only path: it builds the decision);
- ``compiled, decisions``: the same, `CompiledPortfolio.is_covered(...)`
  giving each full decision, reasons built as the plain route builds them
  (information: what compiling costs a sweep that needs every reason).

Before timing, the routes' outcomes are compared question by question, and
each round's counts must equal the first's; any difference stops the run.
Beside each rate is the share of the machine the contender got: its CPU
seconds (this process's, and the workers' read from /proc) per second of
wall time. Where the machine shares its cores with other sessions, the
scheduler may give this run's processes about one core between them
however many there are; "cores used" then reads about 1.0 for N workers,
and a missed parallel target says so rather than something about the sweep.

Targets:

- throughput of the N-worker sweep, at least 10,000 questions a second:
  the issue asks for a workforce platform that "checks thousands of shifts
  a second", a shift being one question; 10,000 a second is the top of
  "thousands" on this project's 2-core machine, and an overnight sweep of
  every doctor in England (some 150,000, ten questions each) in under
  three minutes;
- parallel speed-up, the N-worker sweep at least 0.75 x N times the
  one-process sweep (75 % parallel efficiency). On a shared 2-core machine
  other work takes a core now and then; the spread over rounds shows it;
- the compiled route at least as fast as the plain one (1.0x), per person
  compiled afresh for ten questions: a per-person compile must pay for
  itself within those ten, or the sweep should not compile. Compiling pays
  far more where a portfolio answers many questions (bench_decisions.py).

Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import multiprocessing
import os
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Literal

from _rounds import interleave, rate_verdict, rates, ratio, spread, verdict

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

Record = tuple[int, str, int, int]
Ask = tuple[Activity, dt.date, str, str]
Route = Literal["compiled", "plain", "compiled-decisions"]
Tally = tuple[Counter[str], list[int]]

CAREERS = ("consultant", "gp", "scottish", "trainee", "agency-locum")
SEED = 1887  # SI 2014/1887, the legal requirement


def person(i: int) -> Record:
    """A person as a record: id, career, start day offset, years in post (deterministic)."""
    return (i, CAREERS[i % len(CAREERS)], (i * 7919 + SEED) % 3650, 2 + (i * 31) % 9)


def portfolio_of(record: Record) -> tuple[Portfolio, str]:
    """The portfolio a record describes, built from the catalogue, and where they work."""
    _, career, offset, years = record
    start = dt.date(2012, 1, 1) + dt.timedelta(days=offset)
    end = start + dt.timedelta(days=365 * years)
    held = Period(start, end)
    s = uk.scheme
    ms: tuple[MembershipPeriod, ...]
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


def questions_for(record: Record, place: str) -> Iterator[Ask]:
    """Ten questions about one person, as raw input: their NHS work (a claim and a complaint)
    and other work, each early in post and late in post."""
    _, career, offset, years = record
    start = dt.date(2012, 1, 1) + dt.timedelta(days=offset)
    nhs = Activity.of("nhs-contracted-care", engaged_by=ENGAGER[career])
    asked = [(nhs, "clinical-negligence"), (nhs, "complaint")]
    asked += [(a, "clinical-negligence") for a in OTHER_WORK]
    for k, (activity, matter) in enumerate(asked):
        yield activity, start + dt.timedelta(days=100 + 37 * k), place, matter
        yield activity, start + dt.timedelta(days=365 * years - 30), place, matter


def answers(records: Sequence[Record], route: Route = "compiled") -> Iterator[list[Outcome]]:
    """Each person's ten outcomes, by the route named, in order."""
    for record in records:
        portfolio, place = portfolio_of(record)
        asks = questions_for(record, place)
        match route:
            case "compiled":
                compiled = CompiledPortfolio(portfolio)
                words = compiled.vocabulary
                yield [
                    compiled.outcome(Question.ask(a, on, p, matter=m, vocabulary=words))
                    for a, on, p, m in asks
                ]
            case "plain":
                yield [portfolio.is_covered(a, on, p, matter=m).outcome for a, on, p, m in asks]
            case "compiled-decisions":
                compiled = CompiledPortfolio(portfolio)
                yield [compiled.is_covered(a, on, p, matter=m).outcome for a, on, p, m in asks]


def sweep_chunk(records: Sequence[Record], route: Route = "compiled") -> Tally:
    """Answer every question of a chunk of people: outcome counts, who has NHS work uncovered."""
    counts: Counter[str] = Counter()
    flagged: list[int] = []
    for record, outcomes in zip(records, answers(records, route), strict=True):
        counts.update(o.value for o in outcomes)
        if any(o is not Outcome.COVERED for o in outcomes[:2]):  # the NHS negligence claims
            flagged.append(record[0])
    return counts, flagged


def chunks(people: int, size: int) -> list[list[Record]]:
    """The workforce as records, in chunks."""
    return [[person(i) for i in range(lo, min(people, lo + size))] for lo in range(0, people, size)]


def merged(parts: Iterator[Tally]) -> Tally:
    """The counts and the people flagged of every chunk, together, in order."""
    counts: Counter[str] = Counter()
    flagged: list[int] = []
    for part, who in parts:
        counts.update(part)
        flagged += who
    return counts, flagged


def cross_check(work: list[list[Record]]) -> None:
    """Stop unless every route gives every question the same outcome."""
    for records in work:
        for record, *routes in zip(
            records,
            answers(records, "compiled"),
            answers(records, "plain"),
            answers(records, "compiled-decisions"),
            strict=True,
        ):
            if any(r != routes[0] for r in routes):
                sys.exit(f"MISMATCH for person {record}: compiled, plain, decisions: {routes}")


def cpu_seconds() -> float:
    """CPU time of this process and its live children (the pool's workers) so far."""
    tick = os.sysconf("SC_CLK_TCK")
    total = time.process_time()
    for child in multiprocessing.active_children():
        with contextlib.suppress(OSError):
            with open(f"/proc/{child.pid}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def contenders(
    work: list[list[Record]],
    pool: Executor,
    workers: int,
    results: dict[str, list[Tally]],
    cpu: dict[str, list[float]],
) -> dict[str, Callable[[], object]]:
    """Every contender over the same chunks; each keeps what it counted, and the CPU
    seconds it got, round by round."""

    def run(name: str, sweep: Callable[[], Iterator[Tally]]) -> Callable[[], object]:
        def timed() -> None:
            before = cpu_seconds()
            results.setdefault(name, []).append(merged(sweep()))
            cpu.setdefault(name, []).append(cpu_seconds() - before)

        return timed

    def here(route: Route) -> Callable[[], Iterator[Tally]]:
        return lambda: (sweep_chunk(records, route) for records in work)

    sweeps = {
        f"sweep, {workers} workers": lambda: pool.map(sweep_chunk, work),
        "sweep, one process": here("compiled"),
        "plain route, one process": here("plain"),
        "compiled, decisions": here("compiled-decisions"),
    }
    return {name: run(name, sweep) for name, sweep in sweeps.items()}


def main(argv: Sequence[str] | None = None) -> int:
    """Sweep the workforce every way, interleaved, and print rates, ratios and counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=6_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--chunk", type=int, default=250, help="people per chunk")
    args = parser.parse_args(argv)

    load = os.getloadavg()[0]
    work = chunks(args.people, args.chunk)
    questions = 10 * args.people
    cross_check(work)
    results: dict[str, list[Tally]] = {}
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        merged(pool.map(sweep_chunk, work))  # untimed: every worker up, its catalogue loaded
        cpu: dict[str, list[float]] = {}
        runs = contenders(work, pool, args.workers, results, cpu)
        times = interleave(runs, args.rounds)
        r = rates(times, questions)
    first = results[next(iter(results))][0]
    for name, tallies in results.items():
        if any(t != first for t in tallies):
            sys.exit(f"MISMATCH: {name} counted otherwise in some round")
    print(
        f"Python {sys.version.split()[0]}; {args.people:,} people, {questions:,} questions,"
        f" chunks of {args.chunk}; every route agreeing on every question;"
        f" {args.rounds} interleaved rounds: questions a second, median [lowest .. highest round]"
    )
    print(
        f"{os.cpu_count()} cores; load average (1 min) {load:.2f} before, "
        f"{os.getloadavg()[0]:.2f} after (other work on the machine); cores used: the"
        " median round's CPU seconds (this process and its workers) per second of wall time"
    )
    for name, values in r.items():
        cores = statistics.median(c / t for c, t in zip(cpu[name], times[name], strict=True))
        print(f"  {name:34} {spread(values)}  cores used {cores:.2f}")
    parallel = r[f"sweep, {args.workers} workers"]
    one = r["sweep, one process"]
    print("Rate against a fixed target:")
    print(f"  {f'sweep, {args.workers} workers (pool warm)':42} {rate_verdict(parallel, 10_000)}")
    print("Ratios, per round:")
    target = 0.75 * args.workers
    print(f"  {f'{args.workers} workers / one process':42} {verdict(ratio(parallel, one), target)}")
    plain = r["plain route, one process"]
    print(f"  {'compiled / plain route, outcomes':42} {verdict(ratio(one, plain), 1.0)}")
    decisions = ratio(r["compiled, decisions"], plain)
    print(
        f"  {'compiled decisions / plain (information)':42}"
        f" {statistics.median(decisions):6.2f}x [{min(decisions):.2f} .. {max(decisions):.2f}]"
    )
    counts, flagged = first
    print("Counts (the same every round, every contender):")
    for outcome in Outcome:
        print(f"  {outcome.value:13} {counts[outcome.value]:>10,}")
    print(f"  people with NHS work not (or not surely) covered: {len(flagged):,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
