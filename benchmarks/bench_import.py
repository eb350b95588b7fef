"""Benchmark: what a new process pays before its first answer.

Run it as a plain script::

    .venv/bin/python benchmarks/bench_import.py [--rounds 15]

Each figure is the wall time of one statement inside a fresh interpreter
(``python -c``), timed by that interpreter around the statement, so the
interpreter's own start-up is left out on both sides. Bytecode is compiled
on both sides before timing, as an installed package's is: every child
writes and reads its bytecode under one temporary ``PYTHONPYCACHEPREFIX``
(with ``PYTHONDONTWRITEBYTECODE`` removed from its environment), and one
untimed run of each statement fills it; without this, a machine that sets
``PYTHONDONTWRITEBYTECODE`` (as this one does) would time the library
compiling its own source against dependencies installed with bytecode. The
contenders run interleaved, round by round, each round in a fresh process:

- ``attrs + dateutil``: ``import attrs, dateutil.relativedelta``: the
  libraries the core is built on, as a baseline;
- ``core names``: ``from indemnity import Activity, Cover, Decision,
  Exclusion, MembershipPeriod, Outcome, Period, Portfolio, Scheme``: the
  namespace is lazy, so this loads exactly the modules those names need;
- ``first decision, cold``: ``from indemnity import Activity, uk`` and one
  decision of the built-in NHS portfolio, the catalogue cache warm (the
  state every process after the first on a machine is in);
- ``first decision, no cache``: the same with ``INDEMNITY_CACHE=off``: the
  catalogue read from its files (information: no target).

Targets (issue 14): core names at most 1.3x the baseline; first decision,
cold, at most 2x. Each ratio is worked out per round (both sides timed
seconds apart); a target is met when the median round meets it, and how
many rounds met it is printed beside (see `_rounds.verdict`). Nothing here
asserts a time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile

from _rounds import verdict

TIMED = "import time as _t; _s = _t.perf_counter()\n{body}\nprint(_t.perf_counter() - _s)"
FIRST_DECISION = (
    "import datetime\n"
    "from indemnity import Activity, uk\n"
    "uk.nhs_portfolio().is_covered(Activity.of('nhs-contracted-care', engaged_by='nhs-body'),"
    " datetime.date(2025, 1, 1), 'england').outcome"
)
STATEMENTS = {
    "attrs + dateutil": ("import attrs, dateutil.relativedelta", {}),
    "core names": (
        (
            "from indemnity import Activity, Cover, Decision, Exclusion, MembershipPeriod,"
            " Outcome, Period, Portfolio, Scheme"
        ),
        {},
    ),
    "first decision, cold": (FIRST_DECISION, {}),
    "first decision, no cache": (FIRST_DECISION, {"INDEMNITY_CACHE": "off"}),
}


# Information, not a contender: how much of a statement's time is attrs building classes (the
# time inside attrs' class builder, summed), read from attrs' internals, so "n/a" if they move.
ATTRS_SHARE = """
import time as _t
try:
    import attr._make as _m
    _spent = [0.0, 0]
    def _wrap(f):
        def timed(*a, **k):
            s = _t.perf_counter()
            try:
                return f(*a, **k)
            finally:
                _spent[0] += _t.perf_counter() - s
                _spent[1] += f.__name__ == "build_class"
        return timed
    _m._ClassBuilder.__init__ = _wrap(_m._ClassBuilder.__init__)
    _m._ClassBuilder.build_class = _wrap(_m._ClassBuilder.build_class)
except Exception:
    _spent = None
{body}
print("n/a" if _spent is None else f"{{_spent[0]}} {{_spent[1]}}")
"""


def child(code: str, env: dict[str, str] | None = None) -> str:
    """The last line `code` prints in a fresh interpreter (bytecode written, see above)."""
    inherited = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**inherited, **(env or {})},
    )
    return done.stdout.strip().splitlines()[-1]


def attrs_share(body: str) -> tuple[float, int] | None:
    """Seconds attrs spends building classes while `body` runs, and how many it builds."""
    last = child(ATTRS_SHARE.format(body=body))
    if last == "n/a":
        return None
    seconds, classes = last.split()
    return float(seconds), int(classes)


def run(body: str, env: dict[str, str]) -> float:
    """Seconds the statement takes in a fresh interpreter."""
    return float(child(TIMED.format(body=body), env))


def main(argv: list[str] | None = None) -> int:
    """Time each statement in fresh processes, interleaved round by round."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as pycache:
        os.environ["INDEMNITY_CACHE_DIR"] = cache
        os.environ["PYTHONPYCACHEPREFIX"] = pycache
        for body, env in STATEMENTS.values():  # compile bytecode, fill the catalogue cache
            run(body, env)
        names = list(STATEMENTS)
        times: dict[str, list[float]] = {name: [] for name in names}
        for r in range(args.rounds):
            for name in names[r % len(names) :] + names[: r % len(names)]:
                body, env = STATEMENTS[name]
                times[name].append(run(body, env))
        shares = {
            name: [attrs_share(STATEMENTS[name][0]) for _ in range(args.rounds)]
            for name in ("core names", "first decision, cold")
        }
    print(
        f"Python {sys.version.split()[0]}; {args.rounds} rounds, a fresh process each;"
        " ms, median [lowest .. highest round]"
    )
    for name, ts in times.items():
        ms = sorted(t * 1000 for t in ts)
        print(f"  {name:28} {ms[len(ms) // 2]:7.1f}  [{ms[0]:.1f} .. {ms[-1]:.1f}]")
    base = times["attrs + dateutil"]

    def per_round(name: str) -> list[float]:
        return [a / b for a, b in zip(times[name], base, strict=True)]

    print("Ratios to attrs + dateutil, per round:")
    print(f"  {'core names':28} {verdict(per_round('core names'), 1.3, at_most=True)}")
    cold = per_round("first decision, cold")
    print(f"  {'first decision, cold':28} {verdict(cold, 2.0, at_most=True)}")
    uncached = per_round("first decision, no cache")
    print(f"  {'first decision, no cache':28} {verdict(uncached, 2.0, at_most=True)} (information)")
    base_ms = sorted(base)[len(base) // 2] * 1000
    print("Of which attrs building the library's classes (information; median of the rounds):")
    for name, found in shares.items():
        if any(f is None for f in found):
            print(f"  {name:28} n/a (attrs' internals have moved)")
            continue
        ms = sorted(f[0] * 1000 for f in found if f is not None)
        classes = found[0][1] if found[0] is not None else 0
        print(
            f"  {name:28} {ms[len(ms) // 2]:7.1f} ms for {classes} classes"
            f" = {ms[len(ms) // 2] / base_ms:.2f}x the baseline's median"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
