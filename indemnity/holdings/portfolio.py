"""A portfolio: everything one person or body holds, asked as one."""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

import attrs

from indemnity._lazy import lazy_module
from indemnity._records import fields_repr
from indemnity._validate import check_str
from indemnity.errors import InvalidFieldError
from indemnity.holdings.membership import INCIDENT_DAYS, MembershipPeriod
from indemnity.model.decision import Answerer, Decision, Outcome
from indemnity.model.terms import HELD_SINCE, Term
from indemnity.rules.scheme import Scheme

if TYPE_CHECKING:
    # Loaded on first use: the active vocabulary of a portfolio that holds nothing; questions
    # with the first one asked.
    from indemnity.model import question as _question
    from indemnity.model import vocabulary as _vocabulary
else:
    _question = lazy_module("indemnity.model.question", globals())
    _vocabulary = lazy_module("indemnity.model.vocabulary", globals())

__all__ = ["Portfolio", "group_memberships", "vocabulary_of"]


def _order(m: MembershipPeriod) -> tuple[object, ...]:
    period, options = m.period, m.options
    return (
        period.start,
        period.end or _LAST,
        m.scheme.key,
        m.label,
        tuple(sorted(options)) if options else (),
        m.retroactive_date or _FIRST,
        m.run_off_end or _FIRST,
        m.start_known,
    )


_FIRST, _LAST = _dt.date.min, _dt.date.max


def _canonical(items: list[MembershipPeriod]) -> tuple[MembershipPeriod, ...]:
    """Sort memberships one way whatever the input order.

    The cheap key decides almost always; memberships that tie on it (the same
    dates, scheme key, label and options) keep their order when they are
    equal, and are otherwise ordered by a canonical text of their rules,
    worked out only for them.
    """
    keys = list(map(_order, items))
    ranked = sorted(range(len(items)), key=keys.__getitem__)
    out: list[MembershipPeriod] = []
    i, n = 0, len(ranked)
    while i < n:
        j = i + 1
        key = keys[ranked[i]]
        while j < n and keys[ranked[j]] == key:
            j += 1
        if j == i + 1:
            out.append(items[ranked[i]])
        else:
            tied = [items[k] for k in ranked[i:j]]
            if all(t == tied[0] for t in tied[1:]):
                out.extend(tied)
            else:
                out.extend(sorted(tied, key=_canonical_text))
        i = j
    return tuple(out)


def _canonical_text(value: object) -> str:
    """A text of `value` that equal values always share: unlike `repr`, sets are sorted."""
    kind = type(value)
    if isinstance(value, Term):
        return repr(value.name)
    if attrs.has(kind):
        fields = ", ".join(
            f"{f.name}={_canonical_text(getattr(value, f.name))}"
            for f in attrs.fields(kind)
            if f.eq
        )
        return f"{kind.__name__}({fields})"
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(_canonical_text(v) for v in value)) + "}"
    if isinstance(value, (tuple, list)):
        return "(" + ", ".join(_canonical_text(v) for v in value) + ")"
    return repr(value)


@attrs.frozen(cache_hash=True)
class Portfolio(Answerer):
    """All the arrangements one person or body holds.

    Memberships are kept in a canonical order (by start, end, scheme), so the
    order they are given in never changes an answer or its explanation.

    >>> from datetime import date
    >>> from indemnity import Activity, Portfolio
    >>> Portfolio([]).is_covered(Activity.of("good-samaritan"), date(2025, 3, 10), "england")
    Decision(outcome=<Outcome.NOT_COVERED: 'not-covered'>, ...

    Attributes:
        memberships: The membership periods held.
        holder: Whose portfolio it is, for people.

    Raises:
        InvalidFieldError: an item is not a `MembershipPeriod`.
    """

    __repr__ = fields_repr

    memberships: tuple[MembershipPeriod, ...] = ()
    holder: str = ""
    _by_scheme: tuple[tuple[MembershipPeriod, ...], ...] = attrs.field(
        init=False, repr=False, eq=False
    )
    _days: tuple[tuple[tuple[int, int], ...], ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        given: object = self.memberships
        if isinstance(given, str | bytes | MembershipPeriod) or not isinstance(given, Iterable):
            raise InvalidFieldError(
                "Portfolio.memberships", "a sequence of MembershipPeriod", given
            )
        items = list(given)
        for i, item in enumerate(items):
            if not isinstance(item, MembershipPeriod):
                raise InvalidFieldError(f"Portfolio.memberships[{i}]", "a MembershipPeriod", item)
        held = _canonical(items)
        object.__setattr__(self, "memberships", held)
        check_str("Portfolio.holder", self.holder, allow_empty=True)
        groups, days = group_memberships(held)
        object.__setattr__(self, "_by_scheme", groups)
        object.__setattr__(self, "_days", days)

    @property
    def by_scheme(self) -> tuple[tuple[MembershipPeriod, ...], ...]:
        """The memberships grouped by scheme and options, each group in canonical order.

        Members of one group answer any date-free question alike, so a sweep
        over many memberships asks each group's scheme once.
        """
        return self._by_scheme

    @property
    def incident_days(self) -> tuple[tuple[tuple[int, int], ...], ...]:
        """For each group of `by_scheme`, its members' incident dates as day numbers.

        Each is `MembershipPeriod.incident_days`: the first day a member may
        answer for (`MembershipPeriod.reach`) and the first day after, as
        `date.toordinal` counts, an open end as `OPEN_END`: what a sweep over
        many memberships reads.
        """
        return self._days

    def __iter__(self) -> Iterator[MembershipPeriod]:
        return iter(self.memberships)

    def __len__(self) -> int:
        return len(self.memberships)

    @property
    def vocabulary(self) -> _vocabulary.Vocabulary:
        """The words of every scheme held, together; the active vocabulary when none is held."""
        return vocabulary_of(group[0].scheme for group in self._by_scheme)

    def add(self, *memberships: MembershipPeriod) -> Portfolio:
        """A copy holding `memberships` too."""
        return attrs.evolve(self, memberships=(*self.memberships, *memberships))

    def decide(self, question: _question.Question) -> Decision:
        """Answer an already checked `question`.

        Covered if any membership covers (all that do are the grounds);
        otherwise undetermined if any membership might, with the facts that
        would settle it; otherwise not covered, with every membership's reason.
        When two or more memberships wait on when each began (`HELD_SINCE`),
        one fact cannot stand for their two dates: the decision gives no
        settling sets, and its reasons name each membership.
        """
        parts = [m.decide(question) for m in self.memberships]
        decision = Decision.combine(question, parts)
        if decision.settling and _open_on_start(parts) > 1:
            return attrs.evolve(decision, settling=())
        return decision

    def waiting_on_start(self, question: _question.Question) -> tuple[MembershipPeriod, ...]:
        """The memberships whose answer to an already checked `question` waits on `HELD_SINCE`.

        Each is a membership whose start is unknown, asked about an incident
        before the date it is known to be held from, that would otherwise cover.
        """
        return tuple(m for m in self.memberships if _waits_on_start(m.decide(question)))

    def with_held_since(self, question: _question.Question, day: _dt.date) -> Portfolio:
        """A copy in which the membership whose answer waits on when it began began on `day`.

        This gives `HELD_SINCE` as `Decision.settling` names it: the one
        membership whose answer to `question` waits on it now has its start.

        Raises:
            InvalidFieldError: no membership, or more than one, waits on when
                it began; or `day` is after the date it is known to be held from.
        """
        waiting = self.waiting_on_start(question)
        if len(waiting) != 1:
            raise InvalidFieldError(
                "held_since",
                "asked when exactly one membership waits on when it began",
                ", ".join(m.describe() for m in waiting) or "none waits",
            )
        (old,) = waiting
        new = old.began(day)
        return attrs.evolve(self, memberships=tuple(new if m is old else m for m in self))


def _waits_on_start(part: Decision) -> bool:
    return part.outcome is Outcome.UNDETERMINED and HELD_SINCE in part.missing


def _open_on_start(parts: list[Decision]) -> int:
    """How many of the memberships' answers wait on when the membership began."""
    return sum(_waits_on_start(p) for p in parts)


def group_memberships(
    held: Sequence[MembershipPeriod],
) -> tuple[tuple[tuple[MembershipPeriod, ...], ...], tuple[tuple[tuple[int, int], ...], ...]]:
    """Memberships grouped by scheme and options, with each group's incident days.

    Groups come in the order each first appears in `held`, their members in
    the order given, each with its members' `MembershipPeriod.incident_days`:
    what `Portfolio.by_scheme` and `Portfolio.incident_days` hold for its
    memberships in canonical order, and what `gaps` works out from
    memberships in any order. Each item must be a `MembershipPeriod`
    (checked before).
    """
    # One lookup an item, keyed on the scheme's identity (no hashing of the scheme), the days
    # gathered as it goes (read from the slot behind `MembershipPeriod.incident_days`: this
    # loop runs once per membership of a sweep); if equal schemes are held as different
    # objects, grouped again by equality.
    by_id: dict[tuple[int, frozenset[str]], tuple[list[MembershipPeriod], list[tuple[int, int]]]]
    by_id = {}
    for m in held:
        key = (id(m.scheme), m.options)
        found = by_id.get(key)
        if found is None:
            by_id[key] = ([m], [m._incident_days])
        else:
            found[0].append(m)
            found[1].append(m._incident_days)
    pairs = list(by_id.values())
    if len({(g[0].scheme, g[0].options) for g, _ in pairs}) != len(pairs):
        by_value: dict[tuple[object, frozenset[str]], list[MembershipPeriod]] = {}
        for m in held:
            by_value.setdefault((m.scheme, m.options), []).append(m)
        pairs = [(g, list(map(INCIDENT_DAYS, g))) for g in by_value.values()]
    return tuple(tuple(g) for g, _ in pairs), tuple(tuple(d) for _, d in pairs)


def vocabulary_of(schemes: Iterable[Scheme]) -> _vocabulary.Vocabulary:
    """The words of `schemes` together; the active vocabulary for none."""
    held = tuple(scheme.vocabulary for scheme in schemes)
    if not held:
        return _vocabulary.active_vocabulary()
    return _vocabulary_of(held)


@functools.lru_cache(maxsize=256)
def _vocabulary_of(held: tuple[_vocabulary.Vocabulary, ...]) -> _vocabulary.Vocabulary:
    """The union of vocabularies, each taken once (most portfolios hold one)."""
    distinct: list[_vocabulary.Vocabulary] = []
    for words in held:
        if not any(words is seen for seen in distinct):
            distinct.append(words)
    merged = distinct[0]
    for words in distinct[1:]:
        merged = merged.merge(words)
    return merged
