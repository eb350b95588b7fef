"""A prepared question: one kind of work, a fixed layout of facts, asked again and again.

A booking service asks the same question thousands of times a second with
different values: "private practice, in England, with this field, this
procedure, this charge, on this date". `CompiledPortfolio.asker` prepares it
once: the kind, the facts' order, the place and the matter are checked when
the asker is made, and each call gives the values in that order and a date.

Each distinct tuple of values (keyed on every value *and its exact type*, so
`True` never stands for `1`: a yes/no value must be `True`, `False` or
`None` itself, a number or a date enters the key with its type) is checked
against the vocabulary the first time it is seen, exactly as `Activity.of`
checks it; after that a call costs a dictionary lookup for the values and
one for the date's segment (each date's segment is found by a binary search
the first time the date is asked). The answer on a segment is the same
object every time (`Prepared`): outcome and grounds at once, reasons and
settling sets only when read, worked out by the plain path, so they are the
ones `Portfolio.is_covered` gives. One exception:
an answer waiting on when a membership began (`HELD_SINCE`, "on or before
the incident") names, in its settling sets, the date first asked on its
segment; `Prepared.decide` gives them for any other date.
"""

from __future__ import annotations

import datetime as _dt
import functools
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, cast

from indemnity._lazy import lazy_module
from indemnity._validate import check_date
from indemnity.errors import InvalidFieldError
from indemnity.model.activity import Activity
from indemnity.model.decision import Decision, Ground, Reason
from indemnity.model.outcome import Outcome
from indemnity.model.question import Question, Situation
from indemnity.model.settling import NextQuestion, Settling
from indemnity.model.terms import ActivityKind, Fact, FactType, Jurisdiction, Matter

if TYPE_CHECKING:
    from indemnity.timelines import compiled as _compiled_module
else:  # the module that makes askers imports this one: loaded when a tool resolves annotations
    _compiled_module = lazy_module("indemnity.timelines.compiled", globals())

__all__ = ["Asker", "Prepared"]

_PLAIN = frozenset({FactType.YES_NO, FactType.CHOICE})
"""Fact types whose values need no type in the key: True/False/None, checked by identity; text."""

_LIMIT = 65_536
"""The most distinct value tuples an asker remembers before it starts afresh."""


class Prepared:
    """The answer of a prepared question on one segment of dates: shared, immutable.

    Every call of an `Asker` with the same values on a date of the same
    segment (dates between two on which some membership's answer can change)
    returns this same object. Outcome, grounds and missing facts are there at
    once; reasons and settling sets are worked out the first time they are
    read, by the plain path (`Portfolio.decide`), and kept.

    Attributes:
        outcome: COVERED, NOT_COVERED or UNDETERMINED.
        covered: True only when the outcome is COVERED.
        grounds: COVERED: the arrangements that cover, each with its citation.
        missing: UNDETERMINED: the facts that would settle it.
        situation: The checked activity, place and matter asked about.
    """

    __slots__ = (
        "_compiled",
        "_decision",
        "_on",
        "covered",
        "grounds",
        "missing",
        "outcome",
        "situation",
    )

    outcome: Outcome
    covered: bool
    grounds: tuple[Ground, ...]
    missing: frozenset[Fact]
    situation: Situation
    _compiled: _compiled_module.CompiledPortfolio
    _on: _dt.date
    _decision: Decision | None

    def __init__(
        self, compiled: _compiled_module.CompiledPortfolio, situation: Situation, on: _dt.date
    ) -> None:
        put = object.__setattr__
        solved = compiled.solved(Question(situation, on))
        put(self, "_compiled", compiled)
        put(self, "_on", on)
        put(self, "_decision", None)
        put(self, "situation", situation)
        put(self, "outcome", solved.outcome)
        put(self, "covered", solved.outcome is Outcome.COVERED)
        put(self, "grounds", solved.grounds)
        put(self, "missing", solved.missing)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Prepared answer is immutable: cannot set {name!r}")

    def __repr__(self) -> str:
        return f"Prepared(outcome={self.outcome.value!r}, grounds={len(self.grounds)})"

    def decide(self, on: _dt.date) -> Decision:
        """The full decision for an incident `on` (a date of this answer's segment).

        Args:
            on: The incident date asked about.

        Returns:
            The decision `Portfolio.is_covered` gives for it.
        """
        return self._compiled.decide(Question(self.situation, check_date("on", on)))

    def _read(self) -> Decision:
        decision = self._decision
        if decision is None:
            decision = self._compiled.decide(Question(self.situation, self._on))
            object.__setattr__(self, "_decision", decision)
        return decision

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Why each other candidate does not cover, or may not (built on first read)."""
        return self._read().reasons

    @property
    def settling(self) -> tuple[Settling, ...]:
        """UNDETERMINED: the smallest sets of facts that settle it (see `Decision.settling`).

        Waiting on `HELD_SINCE`, they name the date first asked on the segment.
        """
        return self._read().settling

    @property
    def next_question(self) -> NextQuestion | None:
        """UNDETERMINED: the fact to ask about next; else None."""
        return self._read().next_question


class Asker:
    """A question prepared once and asked with a tuple of values and a date.

    Made by `CompiledPortfolio.asker`; see there for an example.

    Attributes:
        kind: The kind of work asked about.
        facts: The facts, in the order each call gives their values.
        jurisdiction: Where the work is done.
        matter: The kind of matter asked about.
    """

    __slots__ = (
        "_answers",
        "_bools",
        "_bounds",
        "_compiled",
        "_days",
        "_typed",
        "facts",
        "jurisdiction",
        "kind",
        "matter",
    )

    kind: ActivityKind
    facts: tuple[Fact, ...]
    jurisdiction: Jurisdiction
    matter: Matter
    _compiled: _compiled_module.CompiledPortfolio
    _bounds: list[int]
    # Per tuple of values (the key, see `_key`): its situation, then the
    # answer on each segment of dates (None until asked), by `_days`' number.
    _answers: dict[object, list[Situation | Prepared | None]]
    _days: dict[_dt.date, int]
    _bools: tuple[int, ...]
    _typed: tuple[int, ...]

    def __new__(
        cls,
        compiled: _compiled_module.CompiledPortfolio,
        kind: ActivityKind | str,
        facts: Iterable[Fact | str],
        jurisdiction: Jurisdiction | str,
        matter: Matter | str | None = None,
    ) -> Asker:
        """Check the layout, place and matter once; see `CompiledPortfolio.asker`."""
        words = compiled.vocabulary
        if isinstance(facts, str) or not isinstance(facts, Iterable):
            raise InvalidFieldError("facts", "a sequence of fact names", facts)
        layout = tuple(words.fact(f, "facts") for f in facts)
        seen: set[Fact] = set()
        for fact in layout:
            if fact in seen:
                raise InvalidFieldError("facts", "each fact named once", fact.name)
            seen.add(fact)
        # Checked once, here: the kind, the place and the matter of every call.
        probe = Situation.ask(
            Activity(kind, vocabulary=words), jurisdiction, matter=matter, vocabulary=words
        )
        bools = tuple(i for i, f in enumerate(layout) if f.type is FactType.YES_NO)
        typed = tuple(i for i, f in enumerate(layout) if f.type not in _PLAIN)
        self = object.__new__(_laid_out(len(layout), bools, typed))
        put = object.__setattr__
        put(self, "_compiled", compiled)
        put(self, "kind", probe.activity.kind)
        put(self, "facts", layout)
        put(self, "jurisdiction", probe.jurisdiction)
        put(self, "matter", probe.matter)
        put(self, "_bounds", compiled.segment_bounds)
        put(self, "_answers", {})
        put(self, "_days", {})
        put(self, "_bools", bools)
        put(self, "_typed", typed)
        return self

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"an Asker is immutable: cannot set {name!r}")

    def __reduce__(self) -> tuple[object, ...]:
        # Made afresh where it is unpickled (its subclass is made per layout, in each process).
        return (Asker, (self._compiled, self.kind, self.facts, self.jurisdiction, self.matter))

    def __repr__(self) -> str:
        names = ", ".join(f.name for f in self.facts)
        return (
            f"Asker(kind={self.kind.name!r}, facts=({names}), "
            f"jurisdiction={self.jurisdiction.name!r}, matter={self.matter.name!r})"
        )

    @property
    def ask(self) -> Callable[[Sequence[object], _dt.date], Prepared]:
        """This asker's call as a bound method: the same answers, called faster.

        Python calls a bound method without the lookup it makes to call an
        instance (about a third less time per question on CPython 3.11), so a
        loop asking thousands of questions takes it once::

            ask = asker.ask
            for values, on in rows:
                ask(values, on)
        """
        return self.__call__

    def __call__(self, values: Sequence[object], on: _dt.date) -> Prepared:
        """The answer for these values (in the order of `facts`) on date `on`.

        Args:
            values: One value per fact of `facts`, in that order; None for unknown.
            on: The incident date.

        Returns:
            The answer on the segment of dates `on` falls in.

        Raises:
            InvalidFieldError: the values do not match the layout, a value has
                the wrong type, or `on` is not a date.
            UnknownNameError: a choice value names nothing in the vocabulary.
        """
        # Every asker is an instance of a subclass made for its layout by
        # `_laid_out`, whose `__call__` looks up what was seen before and
        # comes here for the rest.
        return self._ask(values, on)

    def _key(self, values: Sequence[object]) -> object:
        """The key of a tuple of values in `_answers`, or None if it cannot have one.

        The key is the values themselves; what could compare equal to a
        valid value without being one is kept out: a yes/no fact must hold
        True, False or None itself (1 == True), and a number or a date
        enters the key with its exact type. A choice is text.
        """
        if type(values) is not tuple:
            if isinstance(values, str) or not isinstance(values, Sequence):
                return None
            if len(values) != len(self.facts):
                return None
            values = tuple(values)
        elif len(values) != len(self.facts):
            return None
        for i in self._bools:
            flag = values[i]
            if flag is not True and flag is not False and flag is not None:
                return None
        key = (values, *[type(values[i]) for i in self._typed]) if self._typed else values
        try:
            hash(key)
        except TypeError:  # an unhashable value: checked (and refused) the long way
            return None
        return key

    def _ask(self, values: Sequence[object], on: object) -> Prepared:
        """Answer the long way: check what was not seen before, and remember it."""
        key = self._key(values)
        entry = None if key is None else self._answers.get(key)
        if entry is None:
            entry = self._entry(values, key)
        day = check_date("on", on)
        number = self._days.get(day)
        if number is None:
            number = bisect_right(self._bounds, day.toordinal()) + 1
            if type(day) is _dt.date:  # a subclass is answered, never remembered
                if len(self._days) >= _LIMIT:
                    self._days.clear()
                self._days[day] = number
        answer = cast("Prepared | None", entry[number])
        if answer is None:
            situation = cast("Situation", entry[0])
            answer = entry[number] = Prepared(self._compiled, situation, day)
        return answer

    def _entry(self, values: Sequence[object], key: object) -> list[Situation | Prepared | None]:
        """Check a new tuple of values: its situation, and room for its answers."""
        if isinstance(values, str) or not isinstance(values, Sequence):
            raise InvalidFieldError("values", f"a sequence of {len(self.facts)} values", values)
        if len(values) != len(self.facts):
            names = ", ".join(f.name for f in self.facts)
            raise InvalidFieldError(
                "values", f"{len(self.facts)} values, one for each of {names}", values
            )
        compiled = self._compiled
        activity = Activity(
            self.kind,
            dict(zip(self.facts, values, strict=True)),
            vocabulary=compiled.vocabulary,
        )
        entry: list[Situation | Prepared | None] = [
            Situation(activity, self.jurisdiction, self.matter),
            *[None] * (len(self._bounds) + 1),
        ]
        if key is not None:
            if len(self._answers) >= _LIMIT:
                self._answers.clear()
            self._answers[key] = entry
        return entry


_CALL = """\
def __call__(self, values, on):
    try:
        {unpack} = values
        if {flags}:
            answer = self._answers[{key}][self._days[on]]
            if answer is not None:
                return answer
    except (TypeError, ValueError, KeyError):
        pass
    return self._ask(values, on)
"""


@functools.lru_cache(maxsize=256)
def _laid_out(size: int, bools: tuple[int, ...], typed: tuple[int, ...]) -> type[Asker]:
    """The subclass of `Asker` whose call is written out for one layout of values.

    A prepared question is asked thousands of times a second, so its call is
    the fewest steps Python can take: the values unpacked into names (which
    checks their number), each yes/no value compared by identity, one lookup
    for the values and one for the date, and the long way (`Asker._ask`) for
    anything not seen before. attrs writes its methods the same way. The
    source is built from the layout's positions (integers) only.
    """
    names = [f"_{i}" if i in bools or i in typed else "_" for i in range(size)]
    unpack = "()" if size == 0 else "".join(f"{n}, " for n in names).rstrip()
    flags = " and ".join(f"(_{i} is True or _{i} is False or _{i} is None)" for i in bools)
    key = f"(values, {''.join(f'type(_{i}), ' for i in typed)})" if typed else "values"
    source = _CALL.format(unpack=unpack, flags=flags or "True", key=key)
    scope: dict[str, object] = {}
    exec(compile(source, f"<asker call for layout {size}, {bools}, {typed}>", "exec"), scope)  # noqa: S102 - the source holds only integers of ours
    call = cast("Callable[..., Prepared]", scope["__call__"])
    functools.update_wrapper(
        call, Asker.__call__, assigned=("__module__", "__qualname__", "__doc__")
    )
    body = {"__slots__": (), "__call__": call, "__module__": __name__, "__doc__": Asker.__doc__}
    return type("Asker", (Asker,), body)
