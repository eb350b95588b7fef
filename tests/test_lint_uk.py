"""Proofs over the built-in catalogue: properties checked over every value the rules tell apart.

"Every value" is exhaustive, not sampled: a fact's values split into those
the rules name and "any other" (`indemnity.lint.space`), each split tried,
with "unknown" beside them where a question may leave a fact out.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import cast

import pytest

from indemnity import Activity, ActivityKind, Condition, Exclusion, Outcome, Scheme, uk
from indemnity.lint.schemes import fires
from indemnity.lint.space import Piece, Point, Space
from indemnity.model.question import Situation
from indemnity.rules.cover import Cover

COVERED, NOT, OPEN = Outcome.COVERED, Outcome.NOT_COVERED, Outcome.UNDETERMINED
SCHEMES = list(uk.schemes())


def situations(scheme: Scheme) -> Iterator[tuple[Situation, tuple[Cover, ...]]]:
    """A situation (with no facts) for each kind of work and set of covers that answer it."""
    words = scheme.vocabulary
    seen: set[tuple[object, ...]] = set()
    for kind in sorted({k for c in scheme.covers for k in c.activities}):
        for matter in sorted(scheme.matters):
            for place in sorted(words.jurisdictions):
                covers = tuple(
                    c
                    for c in scheme.covers
                    if kind in c.activities and matter in c.matters and place in c.territory
                )
                if covers and (kind, covers) not in seen:
                    seen.add((kind, covers))
                    activity = Activity(kind, vocabulary=words)
                    yield Situation(activity, place, matter), covers


def space_of(scheme: Scheme, situation: Situation, covers: tuple[Cover, ...]) -> Space:
    conditions = [r.condition for c in covers for r in c.requires]
    conditions += [fires(e) for c in covers for e in c.exclusions]
    return Space(scheme.vocabulary, [situation.activity.kind], conditions)


def states(space: Space, names: list[str], *, unknown: bool = True) -> Iterator[dict[str, Piece]]:
    """Every way of giving each of `names` a split of its values (or leaving it unknown)."""
    for values in itertools.product(
        *(((None,) if unknown else ()) + space.pieces[n] for n in names)
    ):
        yield {n: v for n, v in zip(names, values, strict=True) if v is not None}


def outcome(cover: Cover, point: Point) -> Outcome:
    """A cover's answer as `Cover.answer` composes its rules (checked against it below)."""
    activity = cast("Activity", point)  # conditions read .kind and .facts, as of an activity
    requires = [r.evaluate(activity).value for r in cover.requires]
    fired = [e.evaluate(activity).value for e in cover.exclusions]
    if False in requires or True in fired:
        return NOT
    return OPEN if None in requires or None in fired else COVERED


def point(situation: Situation, state: dict[str, Piece]) -> Point:
    return Point(situation.activity.kind, {p.fact: p.sample for p in state.values()})


def reads(space: Space, cover: Cover) -> list[str]:
    return sorted({f.name for f in cover.facts()} & set(space.pieces))


@pytest.mark.parametrize("key", SCHEMES)
def test_the_composition_checked_is_the_engine_s(key):
    """On every situation whose facts are all given, or all but one, the cover answers alike."""
    scheme = uk.scheme(key)
    options = scheme.options
    for situation, covers in situations(scheme):
        space = space_of(scheme, situation, covers)
        for cover in covers:
            names = reads(space, cover)
            for state in states(space, names):
                if len(state) < len(names) - 1:
                    continue
                activity = Activity(
                    situation.activity.kind,
                    {n: p.sample for n, p in state.items()},
                    vocabulary=scheme.vocabulary,
                )
                asked = Situation(activity, situation.jurisdiction, situation.matter)
                engine = cover.answer(asked, options=options).outcome
                assert engine is outcome(cover, point(situation, state)), (key, cover.name, state)


def firm_stays_firm(rule: Condition | Exclusion, space: Space, kind: ActivityKind) -> None:
    """Every state of the rule's facts whose value is known keeps it when a fact is given.

    An exclusion that fires only where stated may go from not firing to firing,
    never to unknown.
    """
    exclusion = rule if isinstance(rule, Exclusion) else None
    condition = fires(rule) if exclusion is not None else rule
    names = sorted({f.name for f in condition.facts()})

    def value(state: dict[str, Piece]) -> bool | None:
        at = cast("Activity", Point(kind, {p.fact: p.sample for p in state.values()}))
        return (exclusion or condition).evaluate(at).value  # type: ignore[union-attr]

    for state in states(space, names):
        known = value(state)
        if known is None:
            continue
        for name in set(names) - state.keys():
            for piece in space.pieces[name]:
                now = value({**state, name: piece})
                assert now is not None, (rule, state, name)
                if now is not known:
                    assert exclusion is not None, (rule, state, name)
                    assert exclusion.stated_only, (rule, state, name)
                    assert now is True


@pytest.mark.parametrize("key", SCHEMES)
def test_adding_a_fact_s_value_never_turns_covered_into_undetermined(key):
    """Exhaustive over every situation of the scheme and every split of every fact.

    A cover answers NOT_COVERED when a requirement fails or an exclusion fires,
    else UNDETERMINED when one is unknown, else COVERED (checked against the
    engine above). A scheme answers COVERED when one of the covers answering
    the situation does, else UNDETERMINED when one is open, else NOT_COVERED.
    So the property holds if (1) no rule's known value becomes unknown when a
    fact is given, and only an exclusion that fires where stated changes its
    value (to firing): then no cover's firm answer becomes open; and (2) no
    cover that covers can, by a fact given, stop covering while another cover
    of the same situation is left open. Both are checked over every state of
    the facts (each unknown or one of its splits) and every fact left unknown.
    """
    scheme = uk.scheme(key)
    assert scheme.exclusions == ()  # the built-in schemes exclude work cover by cover
    for situation, covers in situations(scheme):
        kind = situation.activity.kind
        space = space_of(scheme, situation, covers)
        for cover in covers:
            for rule in (*(r.condition for r in cover.requires), *cover.exclusions):
                firm_stays_firm(rule, space, kind)
        memo: dict[tuple[int, tuple[tuple[str, Piece], ...]], Outcome] = {}
        facts = [frozenset(reads(space, c)) for c in covers]

        def answer(
            i: int, state: dict[str, Piece], memo=memo, covers=covers, facts=facts, kind=kind
        ):
            key_ = (i, tuple(sorted((n, p) for n, p in state.items() if n in facts[i])))
            found = memo.get(key_)
            if found is None:
                found = memo[key_] = outcome(
                    covers[i], Point(kind, {p.fact: p.sample for _, p in key_[1]})
                )
            return found

        for a, b in itertools.permutations(range(len(covers)), 2):
            stated = [e for e in covers[a].exclusions if e.stated_only]
            turning = frozenset(f.name for e in stated for f in fires(e).facts())
            if not turning:
                continue  # only an exclusion that fires where stated stops a cover covering
            for state in states(space, sorted(facts[a] | facts[b])):
                if answer(a, state) is not COVERED:
                    continue
                for name in turning - state.keys():
                    for piece in space.pieces[name]:
                        given = {**state, name: piece}
                        stops = answer(a, given) is NOT
                        assert not (stops and answer(b, given) is OPEN), (
                            covers[a].name,
                            covers[b].name,
                            given,
                        )


@pytest.mark.parametrize("key", SCHEMES)
def test_every_exclusion_is_reachable(key):
    """Each exclusion fires for some activity of its cover's kinds, as the engine evaluates it."""
    scheme = uk.scheme(key)
    words = scheme.vocabulary
    for cover in scheme.covers:
        for exclusion in cover.exclusions:
            space = Space(words, cover.activities, [fires(exclusion)])
            found = space.find([(fires(exclusion), True)])
            assert found is not None, (cover.name, exclusion.reason)
            activity = Activity(
                found.kind, {f.name: v for f, v in found.facts.items()}, vocabulary=words
            )
            assert exclusion.evaluate(activity).value is True


def test_the_private_practice_rules_of_seed_003_settle_for_every_field():
    """Field, procedure where relevant, overall charge and declaration settle every answer."""
    scheme = uk.scheme("mps-hee-block")
    words = scheme.vocabulary
    options = frozenset({"private-practice"})
    needs_procedure = set()
    for field in words.value_set("fields").values:
        for charge, declared in itertools.product((True, False), repeat=2):
            given = {"field": field, "overall_charge": charge, "declared": declared}
            activity = Activity("private-practice", given, vocabulary=words)
            asked = Situation.ask(activity, "england", vocabulary=words)
            answer = scheme.answer(asked, options)
            if answer.outcome is not OPEN:
                continue
            assert {f.name for f in answer.missing} == {"procedure"}, (field, answer.missing)
            needs_procedure.add(field)
            for procedure in words.value_set("procedures").values:
                more = activity.with_facts(procedure=procedure)
                settled = scheme.answer(Situation.ask(more, "england", vocabulary=words), options)
                assert settled.outcome is not OPEN, (field, procedure)
    assert needs_procedure == {"cosmetic-aesthetic-medicine", "health-screening"}
