"""Benchmark: lint the whole built-in UK catalogue, as `indemnity lint` does on save.

Run it as a plain script::

    .venv/bin/python benchmarks/bench_lint.py [--repeat 5]

It times, in a fresh process:

- ``load``: loading the built-in catalogue, which every command pays once
  (the names files are checked against);
- ``lint``: linting every data file (``indemnity/uk/data/*.toml`` and the
  people) for the first time: each file read, built and checked, every
  cache of value splits and rule checks empty;
- ``warm``: the same with those caches cleared again, best of ``--repeat``.

It prints them, the number of findings (all kept by the allow-list), and
whether the goal is met: the whole catalogue linted in under a second (the
first lint, after the load). Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "indemnity" / "uk" / "data"
GOAL = 1.0  # seconds


def files() -> list[Path]:
    return sorted(DATA.glob("*.toml")) + sorted((DATA / "people").glob("*.toml"))


def run() -> int:
    from indemnity import lint_file

    return sum(len(lint_file(f)) for f in files())


def clear() -> None:
    from indemnity.lint import schemes, space

    schemes._fact_findings.cache_clear()
    space._cut.cache_clear()
    space._law.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="warm runs (best is shown)")
    args = parser.parse_args()
    from indemnity import uk

    start = time.perf_counter()
    uk.catalogue()
    load = time.perf_counter() - start
    start = time.perf_counter()
    found = run()
    first = time.perf_counter() - start
    warm = []
    for _ in range(args.repeat):
        clear()
        start = time.perf_counter()
        run()
        warm.append(time.perf_counter() - start)
    met = "met" if first < GOAL else "NOT met"
    print(f"files:    {len(files())} (indemnity/uk/data, with the people)")
    print(f"findings: {found} (the allow-list keeps them all)")
    print(f"load:     {load:.3f} s  (the built-in catalogue, once per process)")
    print(f"lint:     {first:.3f} s  (every file read, built and checked the first time)")
    print(f"warm:     {min(warm):.3f} s  (caches cleared, best of {args.repeat})")
    print(f"goal:     the whole catalogue linted in under {GOAL:.0f} s: {met}")


if __name__ == "__main__":
    main()
