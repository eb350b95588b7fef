"""What a sweep found: answers by outcome, and the undetermined ones by the fact they wait on."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from indemnity._records import fields_repr

__all__ = ["Summary"]

_ORDER = ("covered", "not-covered", "undetermined")


def _frozen(value: Mapping[str, int]) -> Mapping[str, int]:
    return MappingProxyType(dict(value))


@attrs.frozen
class Summary:
    """The counts of a sweep: answers by outcome, and what the undetermined ones wait on.

    Summaries add up (``a + b``), so workers count their own chunks and the
    sweep adds them.

    Attributes:
        questions: How many questions were answered.
        outcomes: How many answers of each outcome (``covered``,
            ``not-covered``, ``undetermined``).
        waiting_on: For the undetermined answers: how many name each fact
            among those that would settle them (one answer may name several).
        seconds: How long the sweep took, when it was timed.
    """

    __repr__ = fields_repr

    questions: int = 0
    outcomes: Mapping[str, int] = attrs.field(factory=dict, converter=_frozen)
    waiting_on: Mapping[str, int] = attrs.field(factory=dict, converter=_frozen)
    seconds: float | None = attrs.field(default=None, eq=False)

    def __reduce__(self) -> tuple[object, ...]:
        args = (self.questions, dict(self.outcomes), dict(self.waiting_on), self.seconds)
        return (Summary, args)

    def __add__(self, other: object) -> Summary:
        if not isinstance(other, Summary):
            return NotImplemented
        return Summary(
            self.questions + other.questions,
            Counter(self.outcomes) + Counter(other.outcomes),
            Counter(self.waiting_on) + Counter(other.waiting_on),
        )

    @classmethod
    def total(cls, parts: Iterable[Summary]) -> Summary:
        """The sum of `parts`."""
        out = cls()
        for part in parts:
            out += part
        return out

    @classmethod
    def of(cls, answers: Any) -> Summary:
        """The summary of an answers table: a pandas or polars frame, or an Arrow table."""
        from indemnity.sweep._frames import to_arrow  # noqa: PLC0415 - needs pyarrow

        table = to_arrow(answers)
        outcomes = Counter(v for v in table.column("outcome").to_pylist() if v is not None)
        waiting: Counter[str] = Counter()
        for missing in table.column("missing").to_pylist():
            if missing:
                waiting.update(missing.split(";"))
        return cls(table.num_rows, outcomes, waiting)

    def timed(self, seconds: float) -> Summary:
        """The same counts, taken in `seconds`."""
        return attrs.evolve(self, seconds=seconds)

    def to_data(self) -> dict[str, Any]:
        """The summary as plain data, for JSON: outcomes in order, most waited-on facts first."""
        data: dict[str, Any] = {
            "questions": self.questions,
            "outcomes": {name: self.outcomes.get(name, 0) for name in _ORDER},
            "undetermined_waiting_on": dict(_most_first(self.waiting_on)),
        }
        if self.seconds is not None:
            data["seconds"] = round(self.seconds, 3)
        return data

    def describe(self) -> str:
        """The counts in lines of text (the time is left out: it is in `to_data`)."""
        lines = [f"{self.questions:,} questions"]
        lines.extend(f"  {name:<13}{self.outcomes.get(name, 0):>12,}" for name in _ORDER)
        if self.waiting_on:
            lines.append("undetermined, waiting on:")
            lines.extend(f"  {fact:<28}{n:>12,}" for fact, n in _most_first(self.waiting_on))
        return "\n".join(lines)


def _most_first(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
