"""The checks of a scheme's rules, each exhaustive over the values the rules tell apart.

Each check asks a `Space` (`indemnity.lint.space`) for a situation, or goes
through all of them, within a cover's scope: the kinds of work it lists
that can be done in its territory, the matters it lists that can arise
there for whoever the scheme serves, its incident dates within the scheme's.

- **unreachable-cover**: the scope is empty, or no situation meets the
  requirements; a kind of work or matter the cover lists that no question
  can bring to it is reported at its place in the list.
- **exclusion-never-fires**: no situation the cover's requirements let
  through fires the exclusion (``when`` and not ``unless``).
- **exclusion-always-fires**: every such situation fires it: the cover is dead.
- **unless-never-holds**: the exception holds in no situation the exclusion catches.
- **fact-never-matters** and **waits-for-nothing**: for each fact a rule
  reads, every situation giving the rule's other facts (and the kind of
  work) is tried with each value of the fact; a fact no value of which ever
  changes the rule's answer is read for nothing, and a rule that, given the
  others, still waits on a fact whose possible values all give one answer
  makes questions wait for nothing (the vocabulary's implications say which
  values are possible together).
- **covers-disagree**: two covers with different limits that one situation
  meets (same matter, kind, place and dates, both sets of rules let through).
- **unverified-decides**: a rule marked unverified that alone decides a
  firm answer somewhere: a cover that answers, a requirement that fails or
  an exclusion that fires while everything else lets the cover answer.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, cast

import attrs

from indemnity._records import fields_repr
from indemnity.io.codec import join
from indemnity.lint.findings import Finding, FindingKind
from indemnity.lint.space import Goal, Point, Space, facts_of, kinds_of
from indemnity.model.citation import Citation
from indemnity.model.terms import ActivityKind, Matter, MatterScope
from indemnity.model.vocabulary import Vocabulary
from indemnity.rules.conditions import AllOf, Condition, Not
from indemnity.rules.cover import Cover
from indemnity.rules.exclusion import Exclusion
from indemnity.rules.scheme import Scheme

__all__ = ["Paths", "check_scheme", "fires", "lint_scheme"]

_HOLDERS = {
    MatterScope.PERSONAL: "people",
    MatterScope.CORPORATE: "organisations",
    MatterScope.ANY: "people and organisations",
}
_LISTED = 3  # values a message lists before saying how many

_MOST_POINTS = 50_000
"""The most situations one rule's fact checks go through (a rule reading many facts is skipped)."""


def fires(exclusion: Exclusion) -> Condition:
    """The condition under which `exclusion` fires: ``when``, and not ``unless``."""
    if exclusion.unless is None:
        return exclusion.when
    return AllOf((exclusion.when, Not(exclusion.unless)))


@attrs.frozen
class Paths:
    """Where a scheme's rules are in the document it was read from.

    Attributes:
        root: The scheme's own path: ``scheme``, ``schemes.mps``.
        raw: The scheme's table as the document gives it, to find the place
            of a listed name and the shared exclusions named; None in memory.
    """

    __repr__ = fields_repr

    root: str = "scheme"
    raw: Mapping[str, Any] | None = None

    def cover(self, i: int) -> str:
        """The path of cover `i`."""
        return f"{self.root}.covers[{i}]"

    def requirement(self, i: int, r: int) -> str:
        """The path of requirement `r` of cover `i`."""
        return f"{self.cover(i)}.requires[{r}]"

    def exclusion(self, i: int | None, k: int) -> str:
        """The path of exclusion `k` of cover `i` (of the scheme, for None), where it is listed."""
        head = self.root if i is None else self.cover(i)
        return f"{head}.exclusions[{k}]"

    def exclusion_home(self, i: int | None, k: int) -> str:
        """Where exclusion `k` is written: its shared table when listed by name, else in place."""
        shared = self._item(i, "exclusions", k)
        if isinstance(shared, str):
            return join("exclusions", shared)
        return self.exclusion(i, k)

    def listed(self, i: int, field: str, same: Callable[[object], bool]) -> str:
        """The path of the first item of cover `i`'s list `field` that `same` accepts."""
        items = self._cover(i).get(field)
        if isinstance(items, list):
            for j, item in enumerate(items):
                if same(item):
                    return f"{self.cover(i)}.{field}[{j}]"
        return f"{self.cover(i)}.{field}"

    def _cover(self, i: int) -> Mapping[str, Any]:
        covers = (self.raw or {}).get("covers")
        found = covers[i] if isinstance(covers, list) and i < len(covers) else None
        return cast("Mapping[str, Any]", found) if isinstance(found, Mapping) else {}

    def _item(self, i: int | None, field: str, k: int) -> object:
        table = (self.raw or {}) if i is None else self._cover(i)
        items = table.get(field)
        return items[k] if isinstance(items, list) and k < len(items) else None


def lint_scheme(
    scheme: Scheme,
    *,
    root: str = "scheme",
    table: Mapping[str, Any] | None = None,
    file: str = "",
) -> tuple[Finding, ...]:
    """Check what a scheme's rules mean: every finding of the checks above.

    >>> from indemnity import uk
    >>> lint_scheme(uk.scheme("mdu-transitional"))
    ()
    >>> (found,) = lint_scheme(uk.scheme("mps-hee-block"), root="schemes.mps-hee-block")
    >>> print(found.kind.value, "at", found.path)
    unverified-decides at schemes.mps-hee-block.covers[8]

    Args:
        scheme: The scheme.
        root: Its path in its document (``scheme``, ``schemes.mps``).
        table: Its table as the document writes it, to place a finding at
            its item of a list and a shared exclusion at its definition; None
            when it was built in memory.
        file: The file to name in the findings.

    Returns:
        The findings, each once, in the order of the rules.
    """
    return check_scheme(scheme, Paths(root, table), file)


def check_scheme(scheme: Scheme, paths: Paths, file: str = "") -> tuple[Finding, ...]:
    """`lint_scheme` with where the rules are written given as `Paths`."""
    found = _SchemeCheck(scheme, paths, file).run()
    return tuple(dict.fromkeys(found))


@attrs.define
class _Scope:
    """What of a cover's scope a question can reach."""

    __repr__ = fields_repr

    kinds: tuple[ActivityKind, ...]
    matters: tuple[Matter, ...]
    dated: bool
    requires: tuple[Goal, ...]

    @property
    def live(self) -> bool:
        return bool(self.kinds and self.matters and self.dated)


class _SchemeCheck:
    def __init__(self, scheme: Scheme, paths: Paths, file: str) -> None:
        self.scheme = scheme
        self.paths = paths
        self.file = file
        self.words: Vocabulary = scheme.vocabulary
        self.found: list[Finding] = []

    def add(self, kind: FindingKind, path: str, message: str, citation: Citation | None) -> None:
        self.found.append(Finding(kind, path, message, citation, self.file))

    def run(self) -> list[Finding]:
        scheme = self.scheme
        scopes = [self._scope(i, c) for i, c in enumerate(scheme.covers)]
        spaces = [
            Space(self.words, s.kinds, self._conditions(c))
            for c, s in zip(scheme.covers, scopes, strict=True)
        ]
        for i, (cover, scope, space) in enumerate(zip(scheme.covers, scopes, spaces, strict=True)):
            if scope.live:
                self._cover(i, cover, scope, space)
        for k, exclusion in enumerate(scheme.exclusions):
            self._scheme_exclusion(k, exclusion, scopes, spaces)
        live = [i for i, s in enumerate(scopes) if s.live]
        promise = scheme.promise
        if promise is not None and not promise.verified and live:
            self.add(
                FindingKind.UNVERIFIED_DECIDES,
                f"{self.paths.root}.promise",
                "the kind of promise is marked unverified, yet every covered answer states it:"
                " each carries a caveat",
                promise,
            )
        for a, b in itertools.combinations(live, 2):
            self._disagree(a, b, scopes, spaces)
        return self.found

    def _conditions(self, cover: Cover) -> list[Condition]:
        return [
            *(r.condition for r in cover.requires),
            *(fires(e) for e in (*cover.exclusions, *self.scheme.exclusions)),
        ]

    # -- scope -----------------------------------------------------------------

    def _scope(self, i: int, cover: Cover) -> _Scope:
        scheme, words, paths = self.scheme, self.words, self.paths
        kinds = self._kinds_there(i, cover)
        matters = self._matters_there(i, cover)
        requires: tuple[Goal, ...] = tuple((r.condition, True) for r in cover.requires)
        space = Space(words, kinds, [c for c, _ in requires])
        met: list[ActivityKind] = []
        for kind in kinds:
            if space.find(requires, [kind]) is not None:
                met.append(kind)
            elif len(kinds) > 1:
                self.add(
                    FindingKind.UNREACHABLE_COVER,
                    paths.listed(i, "activities", _same(words.kind, kind)),
                    f"lists {kind.name}, but no {kind.name} question meets its requirements",
                    cover.source,
                )
        dated = cover.in_force.intersection(scheme.in_force) is not None
        scope = _Scope(tuple(met), tuple(matters), dated, requires)
        if not scope.live:
            if not dated:
                why = (
                    f"it applies to incidents {cover.in_force}, and the scheme is in force"
                    f" for incidents {scheme.in_force}"
                )
            elif not kinds:
                why = "no kind of work it lists is done in its territory"
            elif not matters:
                why = "no matter it lists can reach it"
            else:
                why = "no situation of the kinds of work it lists meets its requirements"
            self.add(
                FindingKind.UNREACHABLE_COVER,
                paths.cover(i),
                f"no question can reach cover {cover.name!r}: {why}",
                cover.source,
            )
        return scope

    def _kinds_there(self, i: int, cover: Cover) -> list[ActivityKind]:
        """The kinds of work the cover lists that can be done in its territory."""
        words = self.words
        kinds: list[ActivityKind] = []
        for kind in sorted(cover.activities):
            if kind.places and not cover.territory & set(map(words.jurisdiction, kind.places)):
                self.add(
                    FindingKind.UNREACHABLE_COVER,
                    self.paths.listed(i, "activities", _same(words.kind, kind)),
                    f"lists {kind.name}, which is done only {_in(words, kind.places)}:"
                    f" outside its territory ({words.territory_name(cover.territory)}),"
                    " no question of it reaches this cover",
                    cover.source,
                )
            else:
                kinds.append(kind)
        return kinds

    def _matters_there(self, i: int, cover: Cover) -> list[Matter]:
        """The matters the cover lists that can arise in its territory for the scheme's holder."""
        words, serves = self.words, self.scheme.serves
        matters: list[Matter] = []
        for matter in sorted(cover.matters):
            places = set(map(words.jurisdiction, matter.places))
            if not matter.scope.meets(serves):
                why = (
                    f"which only {_HOLDERS[matter.scope]} face, and the scheme serves"
                    f" {_HOLDERS[serves]}"
                )
            elif places and not cover.territory & places:
                why = (
                    f"which arises only {_in(words, matter.places)}, outside its territory"
                    f" ({words.territory_name(cover.territory)})"
                )
            else:
                matters.append(matter)
                continue
            self.add(
                FindingKind.UNREACHABLE_COVER,
                self.paths.listed(i, "matters", _same(words.matter, matter)),
                f"lists {matter.name}, {why}: no question of it reaches this cover",
                cover.source,
            )
        return matters

    # -- one cover -------------------------------------------------------------

    def _cover(self, i: int, cover: Cover, scope: _Scope, space: Space) -> None:
        paths = self.paths
        requires = scope.requires
        sound: set[int] = set()
        for k, exclusion in enumerate(cover.exclusions):
            if self._exclusion(
                space,
                kinds=scope.kinds,
                requires=requires,
                exclusion=exclusion,
                where=paths.exclusion(i, k),
                owner=f"cover {cover.name!r}",
            ):
                sound.add(k)
                if not exclusion.source.verified:
                    self.add(
                        FindingKind.UNVERIFIED_DECIDES,
                        paths.exclusion_home(i, k),
                        f"exclusion ({exclusion.reason}) is marked unverified, yet fires and"
                        " rules the cover out firmly",
                        exclusion.source,
                    )
        others = [(fires(e), False) for e in (*cover.exclusions, *self.scheme.exclusions)]
        for r, req in enumerate(cover.requires):
            if req.source.verified:
                continue
            rest = [g for j, g in enumerate(requires) if j != r]
            if space.find([*rest, *others, (req.condition, False)], scope.kinds) is not None:
                self.add(
                    FindingKind.UNVERIFIED_DECIDES,
                    paths.requirement(i, r),
                    f"requirement ({req.reason}) is marked unverified, yet fails and rules the"
                    " cover out firmly",
                    req.source,
                )
        if not cover.source.verified and space.find([*requires, *others], scope.kinds):
            self.add(
                FindingKind.UNVERIFIED_DECIDES,
                paths.cover(i),
                f"cover {cover.name!r} rests on a citation marked unverified, yet answers"
                " firmly: its answers carry a caveat",
                cover.source,
            )
        for r, req in enumerate(cover.requires):
            self._facts(
                req.condition, scope.kinds, paths.requirement(i, r), "requirement", req.source
            )
        for k, exclusion in enumerate(cover.exclusions):
            if k in sound:
                self._facts(
                    fires(exclusion),
                    scope.kinds,
                    paths.exclusion(i, k),
                    "exclusion",
                    exclusion.source,
                    asked=not exclusion.stated_only,
                )

    def _exclusion(
        self,
        space: Space,
        *,
        kinds: Sequence[ActivityKind],
        requires: Sequence[Goal],
        exclusion: Exclusion,
        where: str,
        owner: str,
    ) -> bool:
        """Check one exclusion against one cover's scope; whether it can fire there."""
        if space.find([*requires, (fires(exclusion), True)], kinds) is None:
            if space.find([(fires(exclusion), True)], kinds) is None:
                why = f"for the kinds of work {owner} answers ({_names(kinds)})"
            else:
                why = f"where the requirements of {owner} hold: it never decides an answer"
            self.add(
                FindingKind.EXCLUSION_NEVER_FIRES,
                where,
                f"exclusion ({exclusion.reason}) never fires {why}",
                exclusion.source,
            )
            return False
        if (
            exclusion.unless is not None
            and space.find([*requires, (exclusion.when, True), (exclusion.unless, True)], kinds)
            is None
        ):
            self.add(
                FindingKind.UNLESS_NEVER_HOLDS,
                f"{where}.unless",
                f"the exception ({exclusion.unless.describe()}) never holds where exclusion"
                f" ({exclusion.reason}) catches anything in {owner}",
                exclusion.source,
            )
            return False
        if space.find([*requires, (fires(exclusion), False)], kinds) is None:
            self.add(
                FindingKind.EXCLUSION_ALWAYS_FIRES,
                where,
                f"exclusion ({exclusion.reason}) fires wherever {owner} would answer:"
                " the cover never covers",
                exclusion.source,
            )
        return True

    def _scheme_exclusion(
        self, k: int, exclusion: Exclusion, scopes: Sequence[_Scope], spaces: Sequence[Space]
    ) -> None:
        where = self.paths.exclusion(None, k)
        live = [(s, sp) for s, sp in zip(scopes, spaces, strict=True) if s.live]
        if not live:
            return
        goal = fires(exclusion)
        catches = [s for s, sp in live if sp.find([*s.requires, (goal, True)], s.kinds)]
        if not catches:
            self.add(
                FindingKind.EXCLUSION_NEVER_FIRES,
                where,
                f"exclusion ({exclusion.reason}) never fires where a cover of the scheme answers",
                exclusion.source,
            )
            return
        if exclusion.unless is not None and not any(
            sp.find([*s.requires, (exclusion.when, True), (exclusion.unless, True)], s.kinds)
            for s, sp in live
        ):
            self.add(
                FindingKind.UNLESS_NEVER_HOLDS,
                f"{where}.unless",
                f"the exception ({exclusion.unless.describe()}) never holds where exclusion"
                f" ({exclusion.reason}) catches anything",
                exclusion.source,
            )
        elif not any(sp.find([*s.requires, (goal, False)], s.kinds) for s, sp in live):
            self.add(
                FindingKind.EXCLUSION_ALWAYS_FIRES,
                where,
                f"exclusion ({exclusion.reason}) fires wherever a cover of the scheme would"
                " answer: the scheme never covers",
                exclusion.source,
            )
        if not exclusion.source.verified:
            self.add(
                FindingKind.UNVERIFIED_DECIDES,
                self.paths.exclusion_home(None, k),
                f"exclusion ({exclusion.reason}) is marked unverified, yet fires and rules"
                " the scheme out firmly",
                exclusion.source,
            )
        kinds = sorted({kind for s in catches for kind in s.kinds})
        self._facts(
            goal, kinds, where, "exclusion", exclusion.source, asked=not exclusion.stated_only
        )

    # -- facts a rule reads ----------------------------------------------------

    def _facts(
        self,
        condition: Condition,
        kinds: Sequence[ActivityKind],
        where: str,
        what: str,
        citation: Citation,
        *,
        asked: bool = True,
    ) -> None:
        """Report the facts `condition` reads for nothing, or waits on for nothing."""
        for kind, message in _fact_findings(self.words, condition, tuple(kinds), what, asked):
            self.add(kind, where, message, citation)

    # -- two covers ------------------------------------------------------------

    def _disagree(self, a: int, b: int, scopes: Sequence[_Scope], spaces: Sequence[Space]) -> None:
        scheme = self.scheme
        first, second = scheme.covers[a], scheme.covers[b]
        if first.limit == second.limit:
            return
        one, two = scopes[a], scopes[b]
        matters = sorted(set(one.matters) & set(two.matters))
        kinds = sorted(set(one.kinds) & set(two.kinds))
        places = first.territory & second.territory
        dates = first.in_force.intersection(second.in_force)
        claims = first.claims.intersection(second.claims)
        if not (matters and kinds and places and dates and claims):
            return
        if dates.intersection(scheme.in_force) is None:
            return
        goals: list[Goal] = [*one.requires, *two.requires]
        exclusions = {*first.exclusions, *second.exclusions, *scheme.exclusions}
        goals.extend((fires(e), False) for e in exclusions)
        space = Space(self.words, kinds, [c for c, _ in goals])
        point = space.find(goals)
        if point is None:
            return
        place = sorted(places)[0]
        self.add(
            FindingKind.COVERS_DISAGREE,
            self.paths.cover(b),
            f"cover {second.name!r} (limit {_limit(second.limit)}) and cover {first.name!r}"
            f" ({self.paths.cover(a)}, limit {_limit(first.limit)}) both answer"
            f" {matters[0].phrase} from {point.describe()} in {place.label}",
            second.source,
        )


def _same(lookup: Callable[[str], object], term: object) -> Callable[[object], bool]:
    def same(item: object) -> bool:
        try:
            return isinstance(item, str) and lookup(item) == term
        except ValueError:
            return False

    return same


def _in(words: Vocabulary, places: Iterable[str]) -> str:
    """Where, in words: "in England, Wales"; "overseas" reads as itself."""
    labels = [words.jurisdiction(p).label for p in places]
    return labels[0] if labels == ["overseas"] else "in " + ", ".join(labels)


def _names(kinds: Iterable[ActivityKind]) -> str:
    return ", ".join(k.name for k in kinds)


def _limit(limit: int | None) -> str:
    return "none stated" if limit is None else f"{limit:,}"


def _kind_groups(
    condition: Condition, kinds: Sequence[ActivityKind]
) -> dict[ActivityKind, tuple[ActivityKind, ...]]:
    """A kind to try for each set of `kinds` the condition treats alike, with the set."""
    named = kinds_of(condition)
    if named is None:
        return {kinds[0]: tuple(kinds)}
    groups: dict[ActivityKind, tuple[ActivityKind, ...]] = {k: (k,) for k in kinds if k in named}
    rest = tuple(k for k in kinds if k not in named)
    if rest:
        groups[rest[0]] = rest
    return groups


def _where(idle: Sequence[Point], space: Space, names: Iterable[str]) -> str:
    """The situations of `idle` in words: each fact's values among them, where it narrows."""
    parts = []
    for name in names:
        fact = space.fact(name)
        pieces = [
            p for p in space.pieces[name] if any(pt.facts.get(fact) == p.sample for pt in idle)
        ]
        if len(pieces) == len(space.pieces[name]):
            continue
        shown = [v for p in pieces for v in p.shown()]
        count = f" ({len(shown)} values)" if len(shown) > _LISTED else ""
        parts.append(f"{name} is {_either(shown)}{count}")
    return "where " + " and ".join(parts) if parts else "wherever its other facts are known"


def _either(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _laws(space: Space, name: str) -> str:
    said = [i for i in space.implications if i.fact == name]
    if not said:
        return ""
    return f" ({'; '.join(i.describe() for i in said)})"


@functools.lru_cache(maxsize=1024)
def _fact_findings(
    words: Vocabulary,
    condition: Condition,
    kinds: tuple[ActivityKind, ...],
    what: str,
    asked: bool,  # noqa: FBT001 - a cache key
) -> tuple[tuple[FindingKind, str], ...]:
    """What `_SchemeCheck._facts` reports of a rule (shared exclusions are checked once)."""
    reads = facts_of([condition])
    if not reads or not kinds:
        return ()
    found: list[tuple[FindingKind, str]] = []
    space = Space(words, kinds, [condition])
    groups = _kind_groups(condition, kinds)
    verb = "fires" if what == "exclusion" else "holds"
    for name in sorted(reads):
        fact = space.fact(name)
        others = sorted(reads - {name})
        size = len(groups) * len(space.pieces[name])
        for other in others:
            size *= len(space.pieces[other])
        if size > _MOST_POINTS:
            continue
        # An implication narrows the values of the fact it starts from (no
        # refractive laser surgery where the field is dermatology); the fact it
        # ends at (the field, once the procedure is known) a question gives
        # first, so it narrows nothing here.
        laws = space.laws_from(name)
        matters = False
        idle: list[Point] = []
        for point in space.points(others, list(groups)):
            answers = set()
            for piece in space.pieces[name]:
                tried = point.copy()
                tried.facts[fact] = piece.sample
                if space.possible(tried, laws):
                    answers.add(tried.evaluate(condition))
            if len(answers) > 1:
                matters = True
            elif answers and point.evaluate(condition) is None:
                idle.append(point)
        if idle and asked:
            never = f"; no value of {name} ever changes it" if not matters else ""
            named = sorted({k for point in idle for k in groups[point.kind]})
            found.append(
                (
                    FindingKind.WAITS_FOR_NOTHING,
                    (
                        f"for {_either([k.name for k in named])} work, {what} waits on {name}"
                        f" {_where(idle, space, others)}, yet no value {name} can take there"
                        f" changes whether it {verb}{never}{_laws(space, name)}"
                    ),
                )
            )
        elif not matters:
            found.append(
                (
                    FindingKind.FACT_NEVER_MATTERS,
                    (
                        f"{what} reads {name}, but no value of {name} changes whether it"
                        f" {verb}: it is asked for nothing"
                    ),
                )
            )
    return tuple(found)
