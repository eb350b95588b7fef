"""Benchmark: parsing time and peak memory, per MB, of normal and hostile documents.

Run it as a plain script from a checkout (PyYAML, the `yaml` extra, for YAML)::

    .venv/bin/python benchmarks/bench_parse.py [--sizes 50000,500000,5000000]
        [--formats json,toml,yaml] [--repeat 3]

For each format and size it builds a *normal* document, a portfolio of
memberships as `indemnity.io.documents.save` writes one, and the *hostile*
documents an attacker would pick at the same size: strings of escaped
quotes (once quadratic to scan), strings as long as the limit allows, lists
and tables nested as deep as allowed, TOML dotted keys and table headers of
as many parts as allowed, as many tiny items or empty tables as allowed,
keys of the longest length, and text with commas and brackets that only
look like structure. Each is handed to `indemnity.io.parse.parse_document`,
the bounded parser every loader uses, and the script prints:

- the outcome: read, or refused (with the limit it met);
- seconds per MB: the best of ``--repeat`` runs, without tracing;
- peak MB per MB: the most memory the parse allocated (``tracemalloc``,
  in a run of its own), the text itself excluded;
- for each hostile document, the ratios to the normal one of the same size
  and format; the worst ratios per size, and whether the targets are met at
  the largest size: within 3x the time and 5x the memory of a normal document.

Nothing here asserts a time: it is a benchmark, not a test. Its output is
not committed.
"""

from __future__ import annotations

import argparse
import gc
import json
import time
import tracemalloc
from dataclasses import dataclass

from indemnity.errors import FileFormatError
from indemnity.io import toml_writer
from indemnity.io.parse import (
    MAX_CONTAINERS,
    MAX_DEPTH,
    MAX_ITEMS,
    MAX_KEY_LENGTH,
    MAX_STRING_LENGTH,
    parse_document,
)

MB = 1_000_000
TIME_TARGET = 3.0
MEMORY_TARGET = 5.0
SCHEMES = ["cnst", "mdu", "mddus", "medical-protection", "cnsgp", "gmpi", "mps-hee-block"]
HEAD = {"kind": "portfolio", "version": 1}


# ---------------------------------------------------------------------------
# Documents


def normal(fmt: str, size: int) -> str:
    """A portfolio of as many memberships as fit in `size` bytes, as `save` writes one."""
    one = _write(fmt, {**HEAD, "portfolio": {"holder": "Dr A", "memberships": [_membership(0)]}})
    count = max(1, size // max(1, len(one) - 40))
    while True:
        items = [_membership(i) for i in range(count)]
        text = _write(fmt, {**HEAD, "portfolio": {"holder": "Dr A", "memberships": items}})
        if len(text.encode()) <= size or count == 1:
            return text
        count = int(count * size / len(text.encode()) * 0.995)


def _membership(i: int) -> dict[str, object]:
    year, month = 1990 + i % 30, 1 + i % 12
    return {
        "scheme": SCHEMES[i % len(SCHEMES)],
        "period": {"start": f"{year}-{month:02d}-01", "end": f"{year + 1}-{month:02d}-01"},
        "label": f"membership {i}: sessions at the practice, renewed yearly",
    }


def _write(fmt: str, data: dict[str, object]) -> str:
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "toml":
        return toml_writer.dumps(data)
    import yaml

    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=88))


@dataclass(frozen=True)
class Unit:
    """A piece a hostile document repeats: its text, and the items and tables it adds."""

    text: str
    items: int = 1
    containers: int = 0


# Units are repeated as often as the size and the limits allow, with this much to spare;
# the rest of the size is filled with strings of escaped quotes, the costliest text that
# no limit but the size bounds.
_MARGIN = 0.98


def hostile(fmt: str, size: int, unit: Unit, *, lines: bool = False) -> str:
    """A document of copies of `unit`, as many as `size` and the limits allow, then padding.

    The copies are items of one list, or (`lines`) TOML statements of their own,
    each ``#`` in them numbered.
    """
    count = (size - 200) // (len(unit.text.encode()) + 1)
    per_item = unit.items + (0 if lines else 1)
    count = min(count, int(MAX_ITEMS * _MARGIN) // max(1, per_item))
    if unit.containers:
        count = min(count, int(MAX_CONTAINERS * _MARGIN) // unit.containers)
    count = max(1, count)
    if lines:
        padding = _padding(size - sum(len(unit.text) + 5 for _ in range(count)) - 64)
        head = _document(fmt, [("pad", padding)]) if padding else ""
        return head + "".join(unit.text.replace("#", str(i)) for i in range(count))
    body = [unit.text] * count
    used = sum(len(text) + 1 for text in body)
    padding = _padding(size - used - 64)
    return _document(fmt, [("a", body), ("pad", padding)] if padding else [("a", body)])


def _document(fmt: str, lists: list[tuple[str, list[str]]]) -> str:
    """A document of one list per key, each of values already written in `fmt`."""
    if fmt == "json":
        return "{" + ", ".join(f'"{key}": [{",".join(v)}]' for key, v in lists) + "}"
    sep = " =" if fmt == "toml" else ":"
    return "".join(f"{key}{sep} [{','.join(v)}]\n" for key, v in lists)


def _padding(room: int) -> list[str]:
    """Strings of escaped quotes filling about `room` bytes: no limit but the size bounds them."""
    longest = (MAX_STRING_LENGTH - 1) * 2
    strings = []
    while room > 1_000:
        length = min(longest, room - 4) // 2 * 2
        strings.append('"' + '\\"' * (length // 2) + '"')
        room -= length + 3
    return strings


def _inline(fmt: str, value: str, *, key: str) -> str:
    written = {"json": f'"{key}": ', "toml": f"{key} = ", "yaml": f"'{key}': "}
    return written[fmt] + value


def _table(fmt: str, entries: list[str]) -> str:
    return "{" + ",".join(entries) + "}"


def _units(fmt: str, size: int) -> dict[str, tuple[Unit, bool]]:
    """The hostile units of `fmt` for `size` bytes, by name, each saying if it is a statement."""
    chars = min(MAX_STRING_LENGTH, (size - 300) // 6)  # each string fits, even as escapes
    keys = max(1, min(100, size // 4 // (MAX_KEY_LENGTH + 10)))
    depth = MAX_DEPTH - 2  # below the top table and the list holding them
    deep = "[" * depth + "0" + "]" * depth
    long_keys = _table(fmt, [_inline(fmt, "0", key=f"{i:0{MAX_KEY_LENGTH}d}") for i in range(keys)])
    found: dict[str, tuple[Unit, bool]] = {
        "escaped quotes": (Unit('"' + '\\"' * chars + '"'), False),
        "long strings": (Unit('"' + "x" * chars + '"'), False),
        "unicode escapes": (Unit('"' + "\\u00e9" * chars + '"'), False),
        "look-alike structure": (Unit('"' + "[{," * (chars // 3) + '"'), False),
        "deep lists": (Unit(deep, depth, depth), False),
        "tiny items": (Unit("0"), False),
        "empty tables": (Unit("{}", 0, 1), False),
        "empty lists": (Unit("[]", 0, 1), False),
        "long keys": (Unit(long_keys, keys, 1), False),
    }
    if fmt == "toml":
        parts = MAX_DEPTH - 1
        shared = ".".join(["a"] * (parts - 1))
        cost = max(parts, parts * (parts + 1) // 16)  # the items the scan counts for such a key
        found |= {
            "dotted keys, new tables": (
                Unit(".".join(["k#"] + ["a"] * (parts - 1)) + " = 1\n", cost, parts - 1),
                True,
            ),
            "dotted keys, one table": (Unit(f"{shared}.k# = 1\n", cost, 0), True),
            "table headers": (
                Unit(f"[{'.'.join(['a'] * (MAX_DEPTH - 2))}.t#]\n", 1 + (MAX_DEPTH - 1) // 2, 1),
                True,
            ),
            "array headers": (
                Unit(f"[[{'.'.join(['a'] * (MAX_DEPTH - 3))}]]\n", 2 + (MAX_DEPTH - 2) // 2, 1),
                True,
            ),
        }
    return found


def documents(fmt: str, size: int) -> dict[str, str]:
    """The hostile documents of `fmt` at `size` bytes, by name."""
    units = _units(fmt, size)
    return {name: hostile(fmt, size, unit, lines=lines) for name, (unit, lines) in units.items()}


# ---------------------------------------------------------------------------
# Measuring


@dataclass(frozen=True)
class Measured:
    """One document's parse: what came of it, its seconds and peak memory per MB."""

    outcome: str
    size: int
    seconds_per_mb: float
    peak_per_mb: float


def measure(text: str, fmt: str, repeat: int) -> Measured:
    """Parse `text` `repeat` times for the best time, then once more, traced, for memory."""
    size = len(text.encode())
    best = float("inf")
    outcome = ""
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        outcome = _parse(text, fmt)
        best = min(best, time.perf_counter() - start)
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        _parse(text, fmt)
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    return Measured(outcome, size, best / (size / MB), peak / MB / (size / MB))


def _parse(text: str, fmt: str) -> str:
    try:
        parse_document(text, fmt, name="bench")  # type: ignore[arg-type]
    except FileFormatError as err:
        return f"refused: {err.expected}"
    return "read"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50000,500000,5000000")
    parser.add_argument("--formats", default="json,toml,yaml")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    formats = args.formats.split(",")
    worst: dict[int, tuple[float, float]] = {}
    for fmt in formats:
        for size in sizes:
            repeat = args.repeat if size < MB else max(1, args.repeat - 1)
            base = measure(normal(fmt, size), fmt, repeat)
            print(
                f"\n{fmt} {size / 1000:,.0f} KB  normal: {base.outcome}, "
                f"{base.seconds_per_mb:.3f} s/MB, {base.peak_per_mb:.1f} MB/MB"
            )
            print(
                f"  {'hostile document':<24}{'s/MB':>8}{'MB/MB':>8}{'time':>8}{'memory':>8}"
                "  outcome"
            )
            top = worst.get(size, (0.0, 0.0))
            for name, text in documents(fmt, size).items():
                got = measure(text, fmt, repeat)
                ratio_t = got.seconds_per_mb / base.seconds_per_mb
                ratio_m = got.peak_per_mb / base.peak_per_mb
                top = (max(top[0], ratio_t), max(top[1], ratio_m))
                print(
                    f"  {name:<24}{got.seconds_per_mb:8.3f}{got.peak_per_mb:8.1f}"
                    f"{ratio_t:7.2f}x{ratio_m:7.2f}x  {_short(got.outcome)}"
                )
            worst[size] = top
    print("\nWorst hostile/normal ratio, over every format and hostile document:")
    for size, (ratio_t, ratio_m) in worst.items():
        print(f"  {size / 1000:>7,.0f} KB: time {ratio_t:.2f}x, memory {ratio_m:.2f}x")
    largest = max(worst)
    ratio_t, ratio_m = worst[largest]
    met = ratio_t <= TIME_TARGET and ratio_m <= MEMORY_TARGET
    print(
        f"Targets at {largest / 1000:,.0f} KB (time <= {TIME_TARGET:g}x, memory <= "
        f"{MEMORY_TARGET:g}x): {'met' if met else 'NOT met'}."
    )


def _short(outcome: str) -> str:
    return outcome if len(outcome) <= 60 else outcome[:59] + "\u2026"


if __name__ == "__main__":
    main()
