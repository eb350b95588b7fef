"""What settles an undetermined answer, and which fact to ask about next.

An undetermined decision names its `missing` facts: every fact an open rule
reads. Not all of them are needed, and which way the answer goes depends on
their values. A `Settling` says both: a smallest set of facts, each with the
values it must take, that settles the answer to COVERED or NOT_COVERED
whatever else stays unknown (``nhs_patient: no -> not covered``).

The settling sets are exact. Rules are evaluated in three-valued (Kleene)
logic, and each rule is a tree of conditions over facts, so what makes a
rule true, and what makes it false, can be worked out from the tree: each is
a set of *terms*, a term being some facts each with a set of values (`Split`).
"And" joins a term of each side, "or" takes the terms of either, "not" swaps
the two sets. The terms that remain, closed under consensus and with every
term another covers removed, are the *prime* ones: each is a smallest set of
facts that settles the answer, with every value that does so. Giving one
term's facts, with any of its values, always settles the answer; leaving out
any one of them does not; and every way of giving facts that settles the
answer gives one of the terms. A fact given *any value* (``declared: any
value``) must still be given: three-valued logic does not see that both of
its values lead the same way.

Facts split into the values rules tell apart: a choice or yes/no fact into
the values conditions name and "any other value"; a number, amount or date
into the spans between the bounds conditions name; the claim date into the
claim windows of claims-made cover.

`rank` orders the facts by how much they settle: first the share of a
fact's values that settle the answer outright (each value of a yes/no or
choice fact weighing the same, and each span of a number or date), then how
few facts are left to give on average, then the vocabulary's order of facts. The first is the
next question (`NextQuestion`), with where each answer leads (`Branch`).
"""

from __future__ import annotations

import datetime as _dt
import functools
import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple, TypeAlias

import attrs

from indemnity._records import fields_repr

if TYPE_CHECKING:
    from fractions import Fraction

from indemnity.model.outcome import Outcome
from indemnity.model.terms import CLAIM_DATE, Fact, FactType, FactValue
from indemnity.model.vocabulary import Vocabulary

__all__ = [
    "FALSE",
    "MOST",
    "TRUE",
    "Branch",
    "FactValues",
    "NextQuestion",
    "Settling",
    "Split",
    "Term",
    "ValueSpan",
    "atom",
    "both",
    "either",
    "facts_in_order",
    "join_settling",
    "negate",
    "rank",
    "settle",
    "split_of",
    "term_of",
    "value_after",
    "value_classes",
    "work_out",
]

Bound: TypeAlias = int | _dt.date | None
"""A bound of a span: a number or a date; None where there is none."""


class ValueSpan(NamedTuple):
    """The values of a number, amount or date fact from `start` up to `end`.

    Attributes:
        start: The first value (included); None for no lower bound.
        end: The first value after the span (excluded); None for no upper bound.
    """

    start: Bound
    end: Bound


def value_after(value: int | _dt.date) -> Bound:
    """The value just after `value` (None after the last date)."""
    if isinstance(value, _dt.date):
        return None if value == _dt.date.max else value + _dt.timedelta(days=1)
    return value + 1


def _start_key(bound: Bound) -> tuple[int, Bound]:
    return (0, None) if bound is None else (1, bound)


def _before(a: Bound, b: Bound) -> bool:
    """Whether end `a` falls before start `b`: None ends are last, None starts first."""
    if a is None:
        return False
    return b is not None and a < b  # type: ignore[operator]


def _least_end(a: Bound, b: Bound) -> Bound:
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b)


def _greatest_start(a: Bound, b: Bound) -> Bound:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def _greatest_end(a: Bound, b: Bound) -> Bound:
    return None if a is None or b is None else max(a, b)


def _floor(fact: Fact) -> Bound:
    """The least value an ordered fact takes: zero for numbers and amounts; none for dates."""
    return 0 if fact.is_numeric else None


def _spans(fact: Fact, spans: Iterable[ValueSpan]) -> tuple[ValueSpan, ...]:
    """Spans clipped to the fact's values, sorted, with overlapping and touching ones merged."""
    floor = _floor(fact)
    items: list[ValueSpan] = []
    for start, end in spans:
        lo = _greatest_start(start, floor)
        if lo is not None and end is not None and end <= lo:  # type: ignore[operator]
            continue
        items.append(ValueSpan(lo, end))
    items.sort(key=lambda s: _start_key(s.start))
    merged: list[ValueSpan] = []
    for span in items:
        if merged and not _before(merged[-1].end, span.start):
            last = merged[-1]
            merged[-1] = ValueSpan(last.start, _greatest_end(last.end, span.end))
        else:
            merged.append(span)
    return tuple(merged)


def _every(fact: Fact) -> frozenset[FactValue]:
    """Every value of a yes/no or choice fact."""
    if fact.type is FactType.YES_NO:
        return frozenset((True, False))
    return frozenset(fact.values.values) if fact.values is not None else frozenset()


def _order_of(fact: Fact, value: FactValue) -> tuple[int, str]:
    if isinstance(value, bool):
        return (0 if value else 1, "")
    if fact.values is not None and value in fact.values.values:
        return (fact.values.values.index(value), "")
    return (len(fact.values.values) if fact.values else 0, str(value))


def _joined(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


@attrs.frozen(cache_hash=True)
class FactValues:
    """Some of the values a fact may take, as a settling set or an answer names them.

    A yes/no or choice fact names its values (`among`); a number, amount or
    date fact names spans of them (`spans`), since a rule tells its values
    apart only by the bounds it names.

    Attributes:
        fact: The fact.
        among: For a yes/no or choice fact: the values.
        spans: For a number, amount or date fact: the spans of values, sorted.
    """

    __repr__ = fields_repr

    fact: Fact
    among: frozenset[FactValue] = frozenset()
    spans: tuple[ValueSpan, ...] = ()

    @classmethod
    def of(
        cls,
        fact: Fact,
        among: Iterable[FactValue] = (),
        spans: Iterable[ValueSpan] = (),
    ) -> FactValues:
        """The values of `fact`, in their one canonical form (spans clipped and merged)."""
        if fact.ordered:
            return cls(fact, frozenset(), _spans(fact, spans))
        return cls(fact, frozenset(among) & _every(fact), ())

    @classmethod
    def every(cls, fact: Fact) -> FactValues:
        """Every value `fact` may take."""
        return cls.of(fact, _every(fact), (ValueSpan(None, None),))

    @property
    def empty(self) -> bool:
        """Whether no value is named."""
        return not self.among and not self.spans

    @property
    def is_every(self) -> bool:
        """Whether every value the fact may take is named."""
        return self == FactValues.every(self.fact)

    def __contains__(self, value: object) -> bool:
        if not self.fact.ordered:
            return value in self.among
        for start, end in self.spans:
            if (start is None or start <= value) and (end is None or value < end):  # type: ignore[operator]
                return True
        return False

    def meet(self, other: FactValues) -> FactValues:
        """The values both name."""
        if not self.fact.ordered:
            return FactValues(self.fact, self.among & other.among, ())
        found = [
            ValueSpan(_greatest_start(a.start, b.start), _least_end(a.end, b.end))
            for a in self.spans
            for b in other.spans
        ]
        return FactValues.of(self.fact, spans=found)

    def join(self, other: FactValues) -> FactValues:
        """The values either names."""
        if not self.fact.ordered:
            return FactValues(self.fact, self.among | other.among, ())
        return FactValues.of(self.fact, spans=(*self.spans, *other.spans))

    def others(self) -> FactValues:
        """The values of the fact this does not name."""
        if not self.fact.ordered:
            return FactValues(self.fact, _every(self.fact) - self.among, ())
        found: list[ValueSpan] = []
        start: Bound = _floor(self.fact)
        for span in self.spans:
            if span.start is not None and (start is None or start < span.start):  # type: ignore[operator]
                found.append(ValueSpan(start, span.start))
            start = span.end
            if start is None:
                break
        else:
            found.append(ValueSpan(start, None))
        return FactValues.of(self.fact, spans=found)

    def within(self, other: FactValues) -> bool:
        """Whether every value this names, `other` names too."""
        if not self.fact.ordered:
            return self.among <= other.among
        return self.meet(other) == self

    def describe(self) -> str:
        """The values in words: "no", "private-employer or self", "at least £10,001"."""
        if self.is_every:
            return "yes or no" if self.fact.type is FactType.YES_NO else "any value"
        if not self.fact.ordered:
            return self._describe_among()
        return " or ".join(self._describe_span(s) for s in self.spans) or "no value"

    def _describe_among(self) -> str:
        fact = self.fact
        shown = sorted(self.among, key=lambda v: _order_of(fact, v))
        rest = sorted(_every(fact) - self.among, key=lambda v: _order_of(fact, v))
        if not shown:
            return "no value"
        if len(shown) > 3 and len(rest) < len(shown):  # noqa: PLR2004 - a short list reads best
            return "anything but " + _joined([fact.show(v) for v in rest])
        return _joined([fact.show(v) for v in shown])

    def _describe_span(self, span: ValueSpan) -> str:
        fact = self.fact
        start, end = span
        lowest = start is None or start == _floor(fact)
        if fact.type is FactType.DATE:
            if lowest:
                return "any date" if end is None else f"before {end}"
            if end is None:
                return f"on or after {start}"
            if end == value_after(start):  # type: ignore[arg-type]
                return f"{start}"
            return f"from {start} and before {end}"
        if lowest and end is None:
            return "any value"
        if end is None:
            return f"at least {fact.show(start)}"  # type: ignore[arg-type]
        last = end - 1  # type: ignore[operator]
        if lowest:
            return f"at most {fact.show(last)}"
        if start == last:
            return fact.show(start)
        return f"from {fact.show(start)} to {fact.show(last)}"  # type: ignore[arg-type]

    def sort_key(self) -> tuple[object, ...]:
        """A key that orders values of one fact the same way every time."""
        if not self.fact.ordered:
            return tuple(sorted(_order_of(self.fact, v) for v in self.among))
        return tuple(
            (_start_key(s.start), (1, None) if s.end is None else (0, s.end)) for s in self.spans
        )


Term: TypeAlias = tuple[FactValues, ...]
"""Some facts, each with the values it must take, sorted by fact name: one way to decide."""


@attrs.frozen(cache_hash=True)
class Settling:
    """A smallest set of facts whose values settle an undetermined answer.

    Giving every fact of `given` one of its values settles the answer to
    `outcome`, whatever stays unknown; leaving any one out does not.

    Attributes:
        outcome: What the answer becomes: COVERED or NOT_COVERED.
        given: The facts, each with the values that settle it, by fact name.
    """

    __repr__ = fields_repr

    outcome: Outcome
    given: Term

    @property
    def facts(self) -> frozenset[Fact]:
        """The facts to give."""
        return frozenset(v.fact for v in self.given)

    def values(self, fact: Fact | str) -> FactValues | None:
        """The values `fact` must take, or None when it is not one of the facts to give."""
        for item in self.given:
            if item.fact == fact:
                return item
        return None

    def describe(self) -> str:
        """The facts and values in one line: "engaged_by: self; nhs_patient: no"."""
        return "; ".join(f"{v.fact.name}: {v.describe()}" for v in self.given)

    def sort_key(self) -> tuple[object, ...]:
        """Fewest facts first, then not covered before covered, then by fact and value."""
        return (
            len(self.given),
            self.outcome is Outcome.COVERED,
            tuple((v.fact.name, v.sort_key()) for v in self.given),
        )


@attrs.frozen
class Branch:
    """Where one answer to a question leads.

    Attributes:
        values: The values of the fact asked about that lead here.
        outcome: What the answer becomes: COVERED, NOT_COVERED, or
            UNDETERMINED when it stays open.
        open: When it stays open: the facts it still turns on.
    """

    __repr__ = fields_repr

    values: FactValues
    outcome: Outcome
    open: frozenset[Fact] = frozenset()

    def describe(self) -> str:
        """The branch in words: "no -> not covered", "yes -> still open on engaged_by"."""
        where = self.outcome.words
        if self.open:
            where += " on " + ", ".join(sorted(f.name for f in self.open))
        return f"{self.values.describe()} -> {where}"


@attrs.frozen
class NextQuestion:
    """A fact worth asking about, with where each answer leads.

    Attributes:
        fact: The fact to ask about.
        branches: Where its values lead: those that settle the answer first.
    """

    __repr__ = fields_repr

    fact: Fact
    branches: tuple[Branch, ...]

    @property
    def question(self) -> str:
        """The fact as a question to a person ("Is the patient an NHS patient?")."""
        return self.fact.ask()

    @property
    def settles(self) -> bool:
        """Whether some answer settles the decision outright."""
        return any(b.outcome is not Outcome.UNDETERMINED for b in self.branches)

    def branch(self, value: FactValue) -> Branch:
        """Where giving the fact `value` leads.

        Raises:
            KeyError: `value` is no value of the fact.
        """
        for branch in self.branches:
            if value in branch.values:
                return branch
        raise KeyError(value)

    def describe(self) -> str:
        """The question and its branches in one line."""
        return f"{self.question} ({'; '.join(b.describe() for b in self.branches)})"


# ---------------------------------------------------------------------------
# The algebra: what makes a rule true (holds) and what makes it false (fails)


class Split(NamedTuple):
    """The ways a rule can be decided: the terms that make it true, and those that make it false.

    Attributes:
        holds: Terms each of which, given, makes the rule true.
        fails: Terms each of which, given, makes it false.
    """

    holds: frozenset[Term]
    fails: frozenset[Term]


MOST = 256
"""The most terms one side of a split may hold; past it, settling sets are not worked out.

Rules that many ways apart are rare (a portfolio of many memberships, each
open on facts of its own); rather than spend seconds, such an answer gives
no settling sets, and its `missing` facts are all there is to go on.
"""


class _TooMany(Exception):  # noqa: N818 - internal: never leaves this module
    """A split grew past `MOST` terms."""


_NOTHING: frozenset[Term] = frozenset()
_ALREADY: frozenset[Term] = frozenset({()})
TRUE = Split(_ALREADY, _NOTHING)
"""A rule already true on the facts known."""
FALSE = Split(_NOTHING, _ALREADY)
"""A rule already false on the facts known."""


def term_of(fact: Fact, vocabulary: Vocabulary) -> Fact:
    """`fact` as `vocabulary` declares it (its values are what an activity may be given)."""
    return vocabulary.fact(fact) if fact in vocabulary else fact


def atom(values: FactValues) -> Split:
    """A rule true when the fact takes one of `values`, false when it takes another."""
    holds = _NOTHING if values.empty else frozenset({(values,)})
    others = values.others()
    fails = _NOTHING if others.empty else frozenset({(others,)})
    return Split(holds, fails)


def negate(split: Split) -> Split:
    """The split of "not" the rule."""
    return Split(split.fails, split.holds)


def both(splits: Iterable[Split]) -> Split:
    """The split of "and": true by a term of each, false by a term of any."""
    holds: frozenset[Term] = _ALREADY
    fails: set[Term] = set()
    for split in splits:
        holds = _absorb(_product(holds, split.holds))
        fails |= split.fails
        if len(fails) > MOST:
            raise _TooMany
    return Split(holds, _absorb(fails))


def either(splits: Iterable[Split]) -> Split:
    """The split of "or": true by a term of any, false by a term of each."""
    return negate(both(negate(s) for s in splits))


def _merge(a: Term, b: Term) -> Term | None:
    """The term asking for both `a` and `b`, or None when no value meets both."""
    if not a:
        return b
    if not b:
        return a
    by = {v.fact.name: v for v in a}
    for v in b:
        got = by.get(v.fact.name)
        if got is not None:
            v = got.meet(v)  # noqa: PLW2901 - the value asked for by both
            if v.empty:
                return None
        by[v.fact.name] = v
    return tuple(by[name] for name in sorted(by))


def _product(a: frozenset[Term], b: frozenset[Term]) -> set[Term]:
    if len(a) * len(b) > MOST * 16:
        raise _TooMany
    found: set[Term] = set()
    for x in a:
        for y in b:
            merged = _merge(x, y)
            if merged is not None:
                found.add(merged)
    if len(found) > MOST:
        raise _TooMany
    return found


def _covers(t: Term, u: Term) -> bool:
    """Whether term `t` asks for no more than `u` does (so `u` is redundant beside it)."""
    if len(t) > len(u):
        return False
    by = {v.fact.name: v for v in u}
    for v in t:
        got = by.get(v.fact.name)
        if got is None or not got.within(v):
            return False
    return True


def _absorb(terms: Iterable[Term]) -> frozenset[Term]:
    """The terms no other term covers."""
    kept: list[Term] = []
    for t in sorted(set(terms), key=len):
        if any(_covers(k, t) for k in kept):
            continue
        kept = [k for k in kept if not _covers(t, k)]
        kept.append(t)
    return frozenset(kept)


def _consensus(a: Term, b: Term, name: str) -> Term | None:
    """The term of `a` and `b` joined on fact `name` (None when it adds nothing)."""
    va = next(v for v in a if v.fact.name == name)
    vb = next(v for v in b if v.fact.name == name)
    if va.within(vb) or vb.within(va):
        return None
    rest = _merge(
        tuple(v for v in a if v.fact.name != name), tuple(v for v in b if v.fact.name != name)
    )
    if rest is None:
        return None
    joined = va.join(vb)
    return tuple(sorted((*rest, joined), key=lambda v: v.fact.name))


def _primes(terms: Iterable[Term]) -> frozenset[Term]:
    """Every prime term: closed under consensus, none covered by another (Blake's form)."""
    work = set(_absorb(terms))
    changed = True
    while changed:
        changed = False
        for a, b in itertools.combinations(sorted(work, key=_term_key), 2):
            if a not in work or b not in work:
                continue
            shared = {v.fact.name for v in a} & {v.fact.name for v in b}
            for name in sorted(shared):
                found = _consensus(a, b, name)
                if found is None or any(_covers(t, found) for t in work):
                    continue
                work = {t for t in work if not _covers(found, t)}
                work.add(found)
                changed = True
                if len(work) > MOST:
                    raise _TooMany
    return frozenset(work)


def _term_key(term: Term) -> tuple[object, ...]:
    return (len(term), tuple((v.fact.name, v.sort_key()) for v in term))


@functools.lru_cache(maxsize=4096)
def settle(split: Split) -> tuple[Settling, ...]:
    """The settling sets of a split: its prime terms, the smallest first.

    Args:
        split: What makes a rule (or an answer) true, and what false.

    Returns:
        A settling set per prime term (COVERED for a true one), in one order;
        () when there are more than `MOST`.
    """
    if len(split.holds) > MOST or len(split.fails) > MOST:
        return ()
    try:
        found = [Settling(Outcome.COVERED, t) for t in _primes(split.holds)]
        found.extend(Settling(Outcome.NOT_COVERED, t) for t in _primes(split.fails))
    except _TooMany:
        return ()
    return tuple(sorted(found, key=Settling.sort_key))


def work_out(make: Callable[[], Split]) -> tuple[Settling, ...]:
    """The settling sets of the split `make` builds; () when it grows past `MOST` terms."""
    try:
        split = make()
    except _TooMany:
        return ()
    return settle(split)


def split_of(settling: Iterable[Settling]) -> Split:
    """The split an answer's settling sets stand for."""
    holds: set[Term] = set()
    fails: set[Term] = set()
    for s in settling:
        (holds if s.outcome is Outcome.COVERED else fails).add(s.given)
    return Split(frozenset(holds), frozenset(fails))


@functools.lru_cache(maxsize=4096)
def join_settling(parts: tuple[tuple[Settling, ...], ...]) -> tuple[Settling, ...]:
    """The settling sets of several open answers joined by "or" (covered if any covers).

    An open part without settling sets (built by hand, say) leaves the whole unknown: ().
    """
    if len(parts) == 1:
        return parts[0]
    if not parts or any(not p for p in parts):
        return ()
    return work_out(lambda: either(split_of(p) for p in parts))


# ---------------------------------------------------------------------------
# Ranking the facts: which question settles most


def value_classes(fact: Fact, named: Sequence[FactValues]) -> list[tuple[FactValues, FactValues]]:
    """The values of `fact` that the `named` sets of values tell apart.

    Each class holds the values every one of `named` holds alike (each in it
    or each out of it), with the first piece of it met: the classes come in
    the vocabulary's order of values (yes before no), or in ascending order
    for numbers, amounts and dates, split at every bound a named set gives.
    What settling sets rank facts by, and what the linter splits a fact by.
    """
    groups: dict[tuple[bool, ...], tuple[FactValues, FactValues]] = {}

    def add(piece: FactValues, sign: tuple[bool, ...]) -> None:
        found = groups.get(sign)
        groups[sign] = (piece, piece) if found is None else (found[0].join(piece), found[1])

    if not fact.ordered:
        for value in sorted(_every(fact), key=lambda v: _order_of(fact, v)):
            add(FactValues(fact, frozenset((value,)), ()), tuple(value in v for v in named))
        return list(groups.values())
    cuts: set[int | _dt.date] = set()
    for v in named:
        for span in v.spans:
            cuts.update(b for b in span if b is not None)
    floor = _floor(fact)
    points: list[Bound] = [floor, *sorted(c for c in cuts if floor is None or c > floor)]  # type: ignore[operator]
    for start, end in itertools.pairwise([*points, None]):
        piece = FactValues.of(fact, spans=(ValueSpan(start, end),))
        if not piece.empty:
            add(piece, tuple(piece.within(v) for v in named))
    return list(groups.values())


def _given(terms: Iterable[Term], piece: FactValues) -> frozenset[Term]:
    """The prime terms left once the fact of `piece` takes one of its values.

    `terms` are prime, and every prime term of what is left is what is left
    of one of them, so dropping those others cover is enough (no consensus).
    """
    name = piece.fact.name
    found: list[Term] = []
    for term in terms:
        got = next((v for v in term if v.fact.name == name), None)
        if got is None:
            found.append(term)
        elif piece.within(got):
            found.append(tuple(v for v in term if v.fact.name != name))
    return _absorb(found)


class _Lead(NamedTuple):
    piece: FactValues
    outcome: Outcome
    open: frozenset[Fact]
    rest: int  # the fewest facts still to give


def _lead(split: Split, piece: FactValues) -> _Lead:
    holds = _given(split.holds, piece)
    fails = _given(split.fails, piece)
    if () in holds:
        return _Lead(piece, Outcome.COVERED, frozenset(), 0)
    if () in fails:
        return _Lead(piece, Outcome.NOT_COVERED, frozenset(), 0)
    left = holds | fails
    facts = frozenset(v.fact for t in left for v in t)
    return _Lead(piece, Outcome.UNDETERMINED, facts, min((len(t) for t in left), default=0))


_SETTLED_FIRST = {Outcome.COVERED: 0, Outcome.NOT_COVERED: 1, Outcome.UNDETERMINED: 2}


def _question(split: Split, fact: Fact) -> tuple[NextQuestion, Fraction, Fraction]:
    named = [v for t in (*split.holds, *split.fails) for v in t if v.fact == fact]
    leads = [_lead(split, piece) for piece, _ in value_classes(fact, named)]
    merged: dict[tuple[Outcome, frozenset[Fact]], FactValues] = {}
    for lead in leads:
        key = (lead.outcome, lead.open)
        merged[key] = merged[key].join(lead.piece) if key in merged else lead.piece
    branches = sorted(
        (Branch(values, outcome, open_) for (outcome, open_), values in merged.items()),
        key=lambda b: _SETTLED_FIRST[b.outcome],
    )
    # Each value of a yes/no or choice fact weighs the same; each span of a number or date.
    weighed = [(len(lead.piece.among) or 1, lead.rest) for lead in leads]
    total = sum(w for w, _ in weighed)
    from fractions import Fraction  # noqa: PLC0415 - loaded when ranking, not at import

    settled = Fraction(sum(w for w, rest in weighed if rest == 0), total)
    rest = Fraction(sum(w * rest for w, rest in weighed), total)
    return NextQuestion(fact, tuple(branches)), settled, rest


@functools.lru_cache(maxsize=4096)
def rank(settling: tuple[Settling, ...], order: tuple[str, ...]) -> tuple[NextQuestion, ...]:
    """The facts of the settling sets as questions, the one that settles most first.

    Args:
        settling: An undetermined answer's settling sets.
        order: The vocabulary's facts by name, in its order (ties go to the first).

    Returns:
        A question per fact some settling set names: first those whose values
        most often settle the answer outright, then those that leave the
        fewest facts to give, then in the vocabulary's order (the claim date,
        which no vocabulary declares, after its facts).
    """
    split = split_of(settling)
    facts = {v.fact for s in settling for v in s.given}
    place = {name: i for i, name in enumerate(order)}
    scored = []
    for fact in facts:
        question, settled, rest = _question(split, fact)
        last = len(place) + (1 if fact == CLAIM_DATE else 0)
        scored.append(((-settled, rest, place.get(fact.name, last), fact.name), question))
    scored.sort(key=lambda item: item[0])
    return tuple(question for _, question in scored)


def facts_in_order(vocabulary: Vocabulary) -> tuple[str, ...]:
    """The names of a vocabulary's facts, in its order (kept per vocabulary)."""
    return _order(vocabulary)


@functools.lru_cache(maxsize=64)
def _order(vocabulary: Vocabulary) -> tuple[str, ...]:
    return tuple(f.name for f in vocabulary.facts)
