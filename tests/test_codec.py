"""The codec: objects to plain data and back, in one shape per class, with exact error paths."""

from __future__ import annotations

import copy
import json
import pickle
from datetime import datetime

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from indemnity import (
    ALWAYS,
    NEVER,
    Activity,
    ActivityKind,
    AtLeast,
    AtMost,
    Citation,
    Condition,
    Cover,
    DataError,
    Decision,
    Exclusion,
    FactType,
    IndemnityError,
    InvalidFieldError,
    Is,
    KindIn,
    MatterScope,
    MembershipPeriod,
    Not,
    OneOf,
    Period,
    Portfolio,
    Question,
    Requirement,
    Scheme,
    Source,
    UnknownNameError,
    ValueSet,
    Vocabulary,
    uk,
)
from indemnity.io.codec import (
    SHAPES,
    Context,
    from_data,
    json_schema_of,
    read_sources,
    read_vocabulary,
    to_data,
    vocabulary_data,
)
from tests import builders
from tests.builders import D
from tests.strategies import codec_objects, decisions, json_values, vocabularies

SEED = "mps-imgs-2023"
CITE = builders.cite("a quote", SEED)
KINDS = [
    Citation,
    Condition,
    Requirement,
    Exclusion,
    Cover,
    Scheme,
    Period,
    Activity,
    MembershipPeriod,
    Portfolio,
    Question,
    Decision,
]


def _cover(**changes: object) -> Cover:
    """A private-practice negligence cover in England, with `changes`."""
    fields: dict[str, object] = {
        "name": "clinical negligence",
        "activities": ("private-practice",),
        "territory": ("england",),
        "source": CITE,
    }
    fields.update(changes)
    return builders.cover(**fields)  # type: ignore[arg-type]


def _scheme(*covers: Cover, key: str = "mdo") -> Scheme:
    return builders.scheme(key, covers=covers, source=CITE)


def _portfolio_data() -> dict[str, object]:
    return {
        "holder": "Dr A",
        "memberships": [
            {"scheme": "mdo", "period": {"start": "2020-01-01", "end": "2021-01-01"}},
            {"scheme": "mdo", "period": {"start": "2021-01-01", "end": "2022-01-01"}},
            {"scheme": "mdo", "period": {"start": "2022-01-01", "end": "2023-01-01"}},
        ],
    }


def _known(*schemes: Scheme) -> Context:
    """A context in which memberships may name `schemes` by key."""
    return Context(schemes={s.key: s for s in schemes})


def _error(kind: type, data: object, **lookups: object) -> DataError:
    with pytest.raises(DataError) as info:
        from_data(kind, data, **lookups)  # type: ignore[arg-type]
    return info.value


def _declarations(words: Vocabulary) -> tuple[object, ...]:
    """Everything a vocabulary declares, in order (terms compare by name alone)."""
    terms = tuple(
        tuple(t.declaration() for t in getattr(words, field))
        for field in ("facts", "value_sets", "kinds", "matters", "jurisdictions")
    )
    territories = {k: frozenset(map(str, v)) for k, v in words.territories.items()}
    return (*terms, territories, words.default_matter and words.default_matter.name)


def _shown(source: Source) -> tuple[object, ...]:
    """A source as written (its `retrieved_as` is for maintainers, never written)."""
    return source.declaration()[:-1]


# Every shape's schema side by side, so that a fragment's refs resolve.
_ALL_SCHEMAS = {name: json_schema_of(name) for name in [*SHAPES, "condition"]}
_SHAPE_OF = {shape.cls: name for name, shape in reversed(SHAPES.items())}


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = {"$defs": _ALL_SCHEMAS, "$ref": f"#/$defs/{name}"}
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


class TestShapes:
    """Each class is written in the documented shape."""

    def test_a_period_is_two_iso_dates_or_null(self):
        """A period's end may be null; dates are ISO strings."""
        assert to_data(Period(D(2024, 1, 1))) == {"start": "2024-01-01", "end": None}

    def test_a_period_since_ever_starts_at_null(self):
        """The always-period is written with a null start, not year 1."""
        assert to_data(Period.always()) == {"start": None, "end": None}

    def test_a_citation_names_its_source_by_id(self):
        """A citation is written as the id of its source, never a file name or a title."""
        assert to_data(builders.cite("q", "si-2019-334", note="n", verified=False)) == {
            "source": "si-2019-334",
            "quote": "q",
            "note": "n",
            "verified": False,
        }

    def test_conditions_are_tagged(self):
        """Every condition node is a mapping with exactly one tag."""
        assert to_data(Is("supervised", True)) == {"is": {"fact": "supervised", "value": True}}
        assert to_data(OneOf("field", frozenset({"obstetrics", "circumcision"}))) == {
            "one_of": {"fact": "field", "values": ["circumcision", "obstetrics"]}
        }
        assert to_data(AtLeast("private_earnings", 10_001)) == {
            "at_least": {"fact": "private_earnings", "bound": 10_001}
        }
        assert to_data(AtMost("private_earnings", 5)) == {
            "at_most": {"fact": "private_earnings", "bound": 5}
        }
        assert to_data(KindIn(frozenset({"good-samaritan"}))) == {"kind_in": ["good-samaritan"]}
        assert to_data(Not(ALWAYS)) == {"not": {"all": []}}
        assert to_data(NEVER) == {"any": []}

    def test_a_cover_lists_what_it_requires(self):
        """A cover's requirements are written under `requires`."""
        needs = builders.requirement(Is("supervised", True), "supervised", CITE)
        data = to_data(_cover(requires=(needs,)))
        assert data["requires"] == [to_data(needs)]
        assert "conditions" not in data

    def test_sets_are_sorted_lists(self):
        """Sets come out sorted, so equal objects give equal data whatever their history."""
        cover = _cover(territory=frozenset({"wales", "england"}))
        assert to_data(cover)["territory"] == ["england", "wales"]

    def test_a_named_territory_is_written_by_its_name(self):
        """The four UK jurisdictions are written as the territory 'uk'."""
        assert to_data(_cover(territory=uk.UK))["territory"] == ["uk"]

    def test_numbers_in_one_of_sort_numerically(self):
        """Numeric values are sorted as numbers, not as text."""
        data = to_data(OneOf("private_earnings", frozenset({10, 9, 100})))
        assert data["one_of"]["values"] == [9, 10, 100]

    def test_output_is_json(self):
        """The data survives a JSON round trip unchanged."""
        data = to_data(Portfolio((MembershipPeriod(_scheme(_cover()), Period(D(2024, 1, 1))),)))
        assert json.loads(json.dumps(data)) == data

    def test_a_membership_names_a_known_scheme_by_key(self):
        """With a lookup, a membership of a known scheme is written as the key."""
        scheme = _scheme(_cover())
        member = MembershipPeriod(scheme, Period(D(2024, 1, 1)))
        assert to_data(member, context=_known(scheme))["scheme"] == "mdo"
        assert isinstance(to_data(member)["scheme"], dict)

    def test_a_start_unknown_is_written_only_when_unknown(self):
        """start_known is left out when true, written false, and read back."""
        scheme = _scheme(_cover())
        known = MembershipPeriod(scheme, Period(D(2024, 1, 1)))
        unknown = MembershipPeriod(scheme, Period(D(2024, 1, 1)), start_known=False)
        assert "start_known" not in to_data(known, context=_known(scheme))
        data = to_data(unknown, context=_known(scheme))
        assert data["start_known"] is False
        assert from_data(MembershipPeriod, data, context=_known(scheme)) == unknown

    def test_a_decision_waiting_on_held_since_round_trips(self):
        """held_since, a core fact, is read back from missing and the settling sets."""
        held = MembershipPeriod(_scheme(_cover()), Period(D(2024, 1, 1)), start_known=False)
        decision = held.is_covered(Activity.of("private-practice"), D(2020, 1, 1), "england")
        data = to_data(decision)
        assert data["missing"] == ["held_since"]
        assert from_data(Decision, data) == decision

    def test_a_scheme_that_differs_from_the_known_one_is_inlined(self):
        """A scheme with the same key but other rules is not replaced by the key."""
        member = MembershipPeriod(_scheme(_cover()), Period(D(2024, 1, 1)))
        other = _scheme(_cover(name="other"))
        assert isinstance(to_data(member, context=_known(other))["scheme"], dict)

    def test_a_decision_has_every_key(self):
        """Decision data: outcome, ..., missing, settling sets, the next question, sources."""
        decision = builders.portfolio(builders.held(_scheme(_cover()), D(2020, 1, 1))).is_covered(
            Activity.of("private-practice"), D(2021, 1, 1), "england"
        )
        data = to_data(decision)
        assert list(data) == [
            "outcome",
            "covered",
            "question",
            "grounds",
            "reasons",
            "missing",
            "claim_windows",
            "caveats",
            "settling",
            "next_question",
            "ask_order",
            "sources",
        ]
        assert (data["outcome"], data["covered"]) == ("covered", True)
        assert list(data["grounds"][0]) == [
            "scheme",
            "scheme_name",
            "cover",
            "membership",
            "kind",
            "basis",
            "limit",
            "source",
            "promise",
        ]
        assert data["grounds"][0]["cover"] == "clinical negligence"

    def test_a_decision_lists_only_the_sources_it_cites(self):
        """The sources table holds what this decision cites, not what was written before it."""
        to_data(_scheme(_cover(source=builders.cite("q", "si-2019-334"))))
        decision = builders.portfolio(builders.held(_scheme(_cover()), D(2020, 1, 1))).is_covered(
            Activity.of("private-practice"), D(2021, 1, 1), "england"
        )
        sources = to_data(decision)["sources"]
        assert list(sources) == [SEED]
        assert sources[SEED]["title"] == uk.vocabulary().source(SEED).title

    def test_an_unknown_object_is_refused(self):
        """to_data refuses what it cannot write, naming what it expected."""
        with pytest.raises(InvalidFieldError) as info:
            to_data(object())
        assert (info.value.field, info.value.expected) == ("obj", "an object the codec writes")


class TestReading:
    """Data builds the objects, with the conveniences files need."""

    def test_optional_keys_may_be_left_out(self):
        """A cover needs only its required keys."""
        data = {
            "name": "n",
            "matters": ["clinical-negligence"],
            "activities": ["private-practice"],
            "territory": ["england"],
            "source": {"source": SEED},
        }
        assert from_data(Cover, data) == _cover(name="n", source=Citation(SEED))

    def test_territory_names_expand(self):
        """A territory may be named: 'uk' is the four UK jurisdictions."""
        data = to_data(_cover()) | {"territory": ["uk", "isle-of-man"]}
        cover = from_data(Cover, data)
        assert len(cover.territory) == 5

    def test_toml_dates_are_accepted(self):
        """A date object, as TOML gives, is read like its ISO string."""
        assert from_data(Period, {"start": D(2024, 1, 1)}) == Period(D(2024, 1, 1))

    def test_a_null_start_is_since_ever(self):
        """A period whose start is null began before any date."""
        assert from_data(Period, {"start": None, "end": "2020-01-01"}) == Period(
            Period.always().start, D(2020, 1, 1)
        )

    def test_a_datetime_is_refused(self):
        """A date and time is not a date: which day it is depends on a time zone."""
        err = _error(Period, {"start": datetime(2024, 1, 1, 12)})
        assert err.field == "start"
        assert err.expected == "a date such as '2024-11-05' (not a date and time)"

    def test_loose_spellings_are_read(self):
        """Names are read as the model reads them."""
        activity = from_data(
            Activity, {"kind": "Private practice", "facts": {"field": "Obstetrics"}}
        )
        assert activity == Activity.of("private-practice", field="obstetrics")

    def test_names_are_read_in_the_active_vocabulary(self):
        """With no context, names are the active vocabulary's; another one reads its own."""
        words = Vocabulary("tiny", kinds=(ActivityKind("telehealth"),))
        with words.using():
            activity = from_data(Activity, {"kind": "telehealth"})
        assert activity.kind.name == "telehealth"
        err = _error(Activity, {"kind": "telehealth"})
        assert err.field == "kind"

    def test_a_context_vocabulary_is_used(self):
        """Names are checked against the context's vocabulary when one is given."""
        words = Vocabulary("tiny", kinds=(ActivityKind("telehealth"),))
        activity = from_data(Activity, {"kind": "telehealth"}, context=Context(vocabulary=words))
        assert activity == Activity.of("telehealth", vocabulary=words)
        err = _error(Activity, {"kind": "private-practice"}, context=Context(vocabulary=words))
        assert (err.field, err.expected) == ("kind", "one of 'telehealth'")

    def test_a_citation_may_name_a_source_of_the_context(self):
        """A document's own sources are looked up before the vocabulary's."""
        own = Source("acme-2024", "Acme policy wording")
        citation = from_data(
            Citation, {"source": "acme-2024"}, context=Context(sources={"acme-2024": own})
        )
        assert citation.source == own
        assert citation.source.title == "Acme policy wording"

    def test_a_scheme_key_is_looked_up(self):
        """A membership may name its scheme by key."""
        scheme = _scheme(_cover())
        portfolio = from_data(Portfolio, _portfolio_data(), context=_known(scheme))
        assert [m.scheme for m in portfolio] == [scheme] * 3

    def test_a_shared_exclusion_is_looked_up(self):
        """An exclusions list may name a shared exclusion."""
        shared = builders.exclusion(KindIn(frozenset({"good-samaritan"})), reason="r", source=CITE)
        data = to_data(_cover()) | {"exclusions": ["gs"]}
        cover = from_data(Cover, data, context=Context(exclusions={"gs": shared}))
        assert cover.exclusions == (shared,)

    def test_an_unknown_shared_exclusion_is_refused_with_the_nearest(self):
        """A name that no shared exclusion has is refused, suggesting the nearest."""
        shared = builders.exclusion(KindIn(frozenset({"good-samaritan"})), reason="r", source=CITE)
        data = to_data(_cover()) | {"exclusions": ["good-samaritn"]}
        err = _error(Cover, data, context=Context(exclusions={"good-samaritan": shared}))
        assert (err.field, err.expected) == ("exclusions[0]", "one of 'good-samaritan'")
        assert "did you mean 'good-samaritan'" in str(err)

    def test_a_subclass_of_condition_is_checked(self):
        """Asking for an `Is` gets an `Is`, or an error naming the condition found."""
        assert from_data(Is, {"is": {"fact": "declared", "value": True}}) == Is("declared", True)
        err = _error(Is, {"not": {"all": []}})
        assert (err.field, err.expected) == ("Is", "a condition of class Is")
        assert err.got == {"not": {"all": []}}

    def test_an_unknown_kind_is_refused(self):
        """from_data refuses a class it cannot build (a source is read in a table, by id)."""
        for kind in (int, Source):
            with pytest.raises(InvalidFieldError) as info:
                from_data(kind, {})
            assert (info.value.field, info.value.expected) == ("kind", "a class the codec reads")


class TestErrorPaths:
    """Every error names the path inside the data, what was expected and what was found."""

    def test_a_period_ending_before_it_starts_names_its_path(self):
        """The model's own period error is re-raised at the path of the period's end."""
        data = _portfolio_data()
        data["memberships"][2]["period"]["end"] = "2021-06-01"  # type: ignore[index]
        err = _error(Portfolio, data, context=_known(_scheme(_cover())))
        assert err.field == "memberships[2].period.end"
        assert (err.expected, err.got) == ("a date after 'start'", D(2021, 6, 1))
        assert isinstance(err.__cause__, InvalidFieldError)

    def test_a_misspelt_key_is_an_error_with_a_suggestion(self):
        """An unknown key is refused, not dropped, and the nearest key is suggested."""
        data = to_data(_cover()) | {"exclusion": []}
        err = _error(Cover, data)
        assert err.field == "exclusion"
        assert err.expected.startswith("one of the keys 'activities', 'claims', 'exclusions'")
        assert "did you mean 'exclusions'?" in str(err)

    def test_the_old_conditions_key_is_refused(self):
        """A cover's requirements are `requires` now: `conditions` is an unknown key."""
        err = _error(Cover, to_data(_cover()) | {"conditions": []})
        assert err.field == "conditions"
        assert "'requires'" in err.expected

    def test_a_missing_key_is_named(self):
        """A required key that is absent is named, with what it should hold."""
        err = _error(Requirement, {"condition": {"all": []}, "reason": "r"})
        assert (err.field, err.expected, err.got) == ("source", "a citation", None)

    def test_a_bad_fact_value_names_the_fact(self):
        """A fact value of the wrong type is named by its path."""
        err = _error(Activity, {"kind": "private-practice", "facts": {"supervised": "yes"}})
        assert err.field == "facts.supervised"
        assert err.expected == "yes or no (true or false)"
        assert err.got == "yes"

    def test_a_misspelt_name_in_a_deep_condition(self):
        """Paths go through condition tags and list indexes."""
        data = to_data(_cover()) | {
            "requires": [
                {
                    "condition": {"all": [{"not": {"one_of": {"fact": "field", "values": ["x"]}}}]},
                    "reason": "r",
                    "source": {"source": SEED},
                }
            ]
        }
        err = _error(Cover, data)
        assert err.field == "requires[0].condition.all[0].not.one_of.values[0]"
        assert "'obstetrics'" in err.expected
        assert err.got == "x"

    def test_an_unknown_source_id(self):
        """A citation's source must be a source of the vocabulary, the nearest suggested."""
        err = _error(Citation, {"source": "mps-imgs-2032"})
        assert err.field == "source"
        assert "'mps-imgs-2023'" in err.expected
        assert "did you mean 'mps-imgs-2023'" in str(err)

    def test_an_unknown_tag(self):
        """A condition's tag must be one of the eight."""
        err = _error(Condition, {"one_off": {}})
        assert err.field == "one_off"
        assert err.expected.startswith("one of the keys 'all', 'any'")
        assert "did you mean 'one_of'?" in str(err)

    def test_a_condition_with_two_tags(self):
        """A condition has exactly one tag."""
        err = _error(Condition, {"all": [], "any": []})
        assert err.field == "Condition"
        assert err.expected.startswith("a condition: a table with exactly one key, its tag")

    def test_a_non_numeric_bound(self):
        """at_least needs an ordered fact, and at_most a bound of the fact's type."""
        err = _error(Condition, {"at_least": {"fact": "declared", "bound": 1}})
        assert (err.field, err.expected) == ("at_least.fact", "a number, amount or date fact")
        err = _error(Condition, {"at_most": {"fact": "private_earnings", "bound": 1.5}})
        assert (err.field, err.expected) == ("at_most.bound", "an amount, zero or more")

    def test_a_bool_is_not_a_number(self):
        """True is not a limit of indemnity."""
        err = _error(Cover, to_data(_cover()) | {"limit": True})
        assert (err.field, err.expected) == ("limit", "a whole number, 1 or more")

    def test_an_unknown_scheme_key(self):
        """A scheme key not in the lookup is named with the known keys."""
        data = _portfolio_data()
        err = _error(Portfolio, data, context=_known(_scheme(_cover(), key="mddus")))
        assert err.field == "memberships[0].scheme"
        assert (err.expected, err.got) == ("one of 'mddus'", "mdo")

    def test_a_scheme_key_without_a_lookup(self):
        """A scheme key with no lookup given says so."""
        err = _error(Portfolio, _portfolio_data())
        assert err.field == "memberships[0].scheme"
        assert err.expected == "a scheme (no schemes were given to look keys up in)"

    def test_an_option_the_scheme_does_not_offer(self):
        """The model's option check is re-raised at the path of the options."""
        data = _portfolio_data()
        data["memberships"][0]["options"] = ["public-liability"]  # type: ignore[index]
        err = _error(Portfolio, data, context=_known(_scheme(_cover())))
        assert err.field.startswith("memberships[0].options")
        assert err.got == "public-liability"

    def test_a_claim_before_the_incident(self):
        """The question's own check is re-raised at the claim date."""
        data = {
            "activity": {"kind": "private-practice"},
            "on": "2024-01-02",
            "jurisdiction": "england",
            "claimed_on": "2024-01-01",
        }
        err = _error(Question, data)
        assert err.field == "claimed_on"
        assert err.expected == "a date on or after the incident date 2024-01-02"

    def test_an_error_at_the_root_names_the_class(self):
        """Data that is not even a mapping is named by the class asked for."""
        err = _error(Portfolio, [])
        assert err.field == "Portfolio"
        assert err.expected == "a portfolio: a table with keys holder, memberships"

    def test_a_path_prefix(self):
        """A caller may say where the data sits, and paths start there."""
        err = _error(Period, {"start": "x"}, path="file.toml:schemes[0].in_force")
        assert err.field == "file.toml:schemes[0].in_force.start"

    def test_odd_keys_are_quoted_in_paths(self):
        """A key that is not a plain word is quoted, so the path stays readable."""
        err = _error(Activity, {"kind": "private-practice", "facts": {"a b": True}})
        assert err.field == "facts['a b']"

    def test_deep_nesting_is_refused(self):
        """Conditions nested absurdly deep are refused, not a crash."""
        data: object = {"all": []}
        for _ in range(5000):
            data = {"not": data}
        err = _error(Condition, data)
        assert err.expected == "conditions nested at most 64 deep"

    def test_a_decision_whose_covered_flag_contradicts_its_outcome(self):
        """`covered` must agree with `outcome`, so hand-edited data cannot say both."""
        decision = builders.portfolio().is_covered(
            Activity.of("good-samaritan"), D(2025, 1, 1), "england"
        )
        data = to_data(decision) | {"covered": True}
        err = _error(Decision, data)
        assert err.field == "covered"
        assert err.expected == "False (the outcome is 'not-covered')"

    def test_data_errors_pickle(self):
        """A DataError survives pickling with its message and fields."""
        err = _error(Period, {"start": "nope"})
        again = pickle.loads(pickle.dumps(err))  # noqa: S301 - our own bytes
        assert (str(again), again.field, type(again)) == (str(err), err.field, DataError)


class TestRoundTrip:
    """Writing and reading back gives the same object."""

    @given(codec_objects)
    def test_from_data_of_to_data_is_the_identity(self, obj):
        """For every object the codec handles, from_data(type(x), to_data(x)) == x."""
        assert from_data(type(obj), to_data(obj)) == obj

    @given(codec_objects)
    def test_the_data_is_json_ready(self, obj):
        """The data holds only JSON types and survives JSON unchanged."""
        data = to_data(obj)
        assert json.loads(json.dumps(data)) == data

    @given(codec_objects)
    def test_writing_is_deterministic(self, obj):
        """The same object always gives the same text."""
        assert json.dumps(to_data(obj)) == json.dumps(to_data(from_data(type(obj), to_data(obj))))


class TestDecisions:
    """A decision is written as a record and read back equal, field by field."""

    @given(decisions())
    def test_a_decision_read_back_is_equal(self, decision):
        """from_data(Decision, to_data(d)) == d, through JSON, for decisions of every outcome."""
        data = json.loads(json.dumps(to_data(decision)))
        back = from_data(Decision, data)
        assert back == decision
        assert (back.outcome, back.grounds, back.reasons, back.missing) == (
            decision.outcome,
            decision.grounds,
            decision.reasons,
            decision.missing,
        )

    @given(decisions())
    def test_the_sources_table_is_what_the_decision_cites(self, decision):
        """Every source a ground or reason cites is in the table, and nothing else."""
        cited = {g.source.source.name for g in decision.grounds}
        cited |= {g.promise.source.name for g in decision.grounds if g.promise is not None}
        cited |= {r.source.source.name for r in decision.reasons}
        assert set(to_data(decision)["sources"]) == cited

    def test_the_claim_date_is_a_missing_fact(self):
        """An unknown claim date is written and read back as the fact `claimed_on`."""
        policy = builders.scheme("policy", basis="claims-made", kind="contractual-insurance")
        decision = builders.portfolio(builders.held(policy, D(2020, 1, 1))).is_covered(
            Activity.of("private-practice"), D(2021, 1, 1), "england"
        )
        data = to_data(decision)
        assert data["missing"] == ["claimed_on"]
        assert "claimed_on" in from_data(Decision, data).missing


class TestVocabularyTables:
    """A `vocabulary` table declares words; `vocabulary_data` writes one that reads back equal."""

    def test_the_uk_vocabulary_reads_back_equal(self):
        """The UK vocabulary, written whole and read back with its sources, declares the same."""
        words = uk.vocabulary()
        sources = {s.name: s for s in words.sources}
        back = read_vocabulary(vocabulary_data(words), sources=sources, name="uk")
        assert _declarations(back) == _declarations(words)
        assert [s.name for s in back.sources] == [s.name for s in words.sources]

    @given(vocabularies())
    def test_any_vocabulary_reads_back_equal(self, words):
        """A table written for any vocabulary, through JSON, declares the same words."""
        data = json.loads(json.dumps(vocabulary_data(words)))
        assert _declarations(read_vocabulary(data)) == _declarations(words)

    @given(vocabularies(uk_words=False))
    def test_only_what_is_new_is_written_beyond_a_base(self, words):
        """Beyond the UK's, the table declares only new words; read on the UK's, all are known."""
        base = uk.vocabulary()
        data = vocabulary_data(words, beyond=base)
        assert not set(data.get("facts", {})) & {f.name for f in base.facts}
        back = read_vocabulary(data, base=base)
        assert set(back.kinds) == set(base.kinds) | set(words.kinds)
        assert set(back.facts) == set(base.facts) | set(words.facts)

    def test_nothing_is_written_beyond_itself(self):
        """A vocabulary declares nothing beyond itself."""
        assert vocabulary_data(uk.vocabulary(), beyond=uk.vocabulary()) == {}

    def test_a_value_set_declared_again_adds_its_values(self):
        """A file may add a field of medicine to the UK's `fields` value set."""
        data = {"value_sets": {"fields": {"values": ["sleep-medicine"]}}}
        back = read_vocabulary(data, base=uk.vocabulary())
        assert back.check("field", "sleep-medicine", "field") == "sleep-medicine"
        assert back.check("field", "obstetrics", "field") == "obstetrics"
        assert vocabulary_data(back, beyond=uk.vocabulary()) == data

    def test_facts_of_every_type_are_declared(self):
        """Yes-no, whole-number, amount, date and choice facts are read with their values."""
        data = {
            "value_sets": {"grades": {"values": ["junior", "senior"], "labels": {"junior": "J"}}},
            "facts": {
                "insured": {"type": "yes-no", "label": "insured"},
                "visits": {"type": "whole-number"},
                "fee": {"type": "amount", "unit": "£"},
                "done_on": {"type": "date", "question": "When?"},
                "grade": {"type": "choice", "values": "grades"},
            },
        }
        words = read_vocabulary(data)
        assert [f.type for f in words.facts] == list(FactType)
        assert words.fact("grade").values == ValueSet("grades", ("junior", "senior"))
        assert words.value_set("grades").label("junior") == "J"
        assert (words.fact("fee").unit, words.fact("done_on").ask()) == ("£", "When?")
        again = read_vocabulary(vocabulary_data(words))
        assert _declarations(again) == _declarations(words)

    def test_kinds_matters_places_and_territories_are_declared(self):
        """Each table declares its terms; territories name declared places; a default matter."""
        data = {
            "kinds": {"telehealth": {"label": "telehealth"}},
            "matters": {"inquiry": {"label": "inquiry", "scope": "corporate"}},
            "jurisdictions": {"north": {"label": "North", "aliases": ["n"]}},
            "territories": {"all": ["north"]},
            "default_matter": "inquiry",
        }
        words = read_vocabulary(data)
        assert words.kind("telehealth").name == "telehealth"
        assert words.matter("inquiry").scope is MatterScope.CORPORATE
        assert words.jurisdiction("n").name == "north"
        assert words.territory("all") == frozenset({"north"})
        assert words.default_matter == "inquiry"
        again = read_vocabulary(vocabulary_data(words))
        assert _declarations(again) == _declarations(words)

    @pytest.mark.parametrize(
        ("data", "field", "expected"),
        [
            ({"fact": {}}, "vocabulary.fact", "one of the keys"),
            ({"facts": {"x": {}}}, "vocabulary.facts.x.type", "a value"),
            ({"facts": {"x": {"type": "maybe"}}}, "vocabulary.facts.x.type", "one of 'amount'"),
            (
                {"facts": {"x": {"type": "choice", "values": "gardes"}}},
                "vocabulary.facts.x.values",
                "one of",
            ),
            ({"kinds": {"x": {"lable": "x"}}}, "vocabulary.kinds.x.lable", "one of the keys"),
            ({"matters": {"x": {"scope": "public"}}}, "vocabulary.matters.x.scope", "one of"),
            (
                {"jurisdictions": {"north": {}}, "territories": {"t": ["atlantis"]}},
                "vocabulary.territories.t",
                "one of 'north'",
            ),
            (
                {"matters": {"claim": {}}, "default_matter": "nothing"},
                "vocabulary.default_matter",
                "one of 'claim'",
            ),
            ({"kinds": {"A B": {}}}, "vocabulary.kinds['A B']", "a name of lower-case words"),
            ({"facts": {"a-b": {"type": "date"}}}, "vocabulary.facts.a-b", "a name of lower-case"),
            ([], "vocabulary", "a vocabulary"),
        ],
    )
    def test_a_bad_declaration_names_its_path(self, data, field, expected):
        """A malformed declaration is refused at its path inside the table."""
        with pytest.raises(DataError) as info:
            read_vocabulary(data, "vocabulary")
        assert info.value.field == field
        assert info.value.expected.startswith(expected)

    def test_a_declaration_that_conflicts_with_the_base_is_refused(self):
        """A fact the base declares as yes-no cannot be declared an amount."""
        data = {"facts": {"supervised": {"type": "amount"}}}
        with pytest.raises(DataError) as info:
            read_vocabulary(data, "vocabulary", base=uk.vocabulary())
        assert info.value.field == "vocabulary.facts['supervised']"
        assert info.value.expected == "the type yes-no, as declared already"


class TestSources:
    """A `sources` table maps ids to the documents rules cite."""

    def test_the_uk_sources_read_back_equal(self):
        """Every UK source, written by the codec, reads back with the same fields."""
        words = uk.vocabulary()
        table = json.loads(json.dumps({s.name: to_data(s) for s in words.sources}))
        back = read_sources(table)
        assert list(back) == [s.name for s in words.sources]
        assert [_shown(s) for s in back.values()] == [_shown(s) for s in words.sources]

    def test_only_the_title_is_required(self):
        """A source needs a title; its publisher, date, reference and URL are optional."""
        back = read_sources({"acme": {"title": "Acme policy", "published": "2024-01-02"}})
        assert back["acme"] == Source("acme", "Acme policy", published=D(2024, 1, 2))
        assert back["acme"].published == D(2024, 1, 2)

    @pytest.mark.parametrize(
        ("data", "field", "expected"),
        [
            ([], "sources", "a table of sources by id"),
            ({"a": {}}, "sources.a.title", "a non-empty string"),
            ({"a": {"title": "A", "titel": "B"}}, "sources.a.titel", "one of the keys"),
            ({"a": {"title": "A", "published": "May"}}, "sources.a.published", "a date"),
            ({"A B": {"title": "A"}}, "sources['A B']", "a name of lower-case words"),
        ],
    )
    def test_a_bad_source_names_its_path(self, data, field, expected):
        """A malformed source is refused at its path inside the table."""
        with pytest.raises(DataError) as info:
            read_sources(data)
        assert info.value.field == field
        assert info.value.expected.startswith(expected)


class TestJsonSchemas:
    """`json_schema_of` describes each shape, and what `to_data` writes fits it."""

    @pytest.mark.parametrize("name", [*SHAPES, "condition"])
    def test_each_fragment_is_a_valid_schema(self, name):
        """Every shape's fragment passes the draft 2020-12 metaschema."""
        jsonschema.Draft202012Validator.check_schema(json_schema_of(name))

    def test_the_keys_are_the_shape_keys(self):
        """A fragment lists the shape's keys, refuses others, and requires the required ones."""
        schema = json_schema_of("citation")
        assert list(schema["properties"]) == ["source", "quote", "note", "verified"]
        assert schema["required"] == ["source"]
        assert schema["additionalProperties"] is False

    @given(codec_objects)
    def test_what_to_data_writes_fits_its_schema(self, obj):
        """The data of every object the codec writes validates against its shape's schema."""
        name = "condition" if isinstance(obj, Condition) else _SHAPE_OF[type(obj)]
        _validator(name).validate(json.loads(json.dumps(to_data(obj))))

    @given(decisions())
    def test_a_decision_fits_its_schema(self, decision):
        """A decision's data, with its sources table, validates against the decision schema."""
        _validator("decision").validate(json.loads(json.dumps(to_data(decision))))

    def test_the_schema_refuses_an_unknown_key(self):
        """A key no shape has fails the schema, as it fails the reader."""
        data = to_data(_cover()) | {"conditions": []}
        assert list(_validator("cover").iter_errors(data))

    def test_an_unknown_shape_is_refused_with_the_nearest(self):
        """Asking for a shape that does not exist names the nearest one."""
        with pytest.raises(UnknownNameError) as info:
            json_schema_of("citaton")
        assert info.value.field == "shape"
        assert "'citation'" in info.value.expected
        assert "did you mean 'citation'" in str(info.value)


class TestFuzzing:
    """Random data only ever raises the documented error."""

    @given(st.sampled_from(KINDS), json_values)
    def test_random_json_raises_only_data_errors(self, kind, data):
        """Whatever JSON is given, from_data returns an object or raises DataError at a path."""
        try:
            from_data(kind, data)
        except DataError as err:
            found: object = err
        else:
            found = None
        assert found is None or (isinstance(found, IndemnityError) and found.field)

    @given(codec_objects, st.data())
    def test_corrupted_data_raises_only_data_errors(self, obj, draw):
        """Valid data with one value replaced by random JSON is read or refused cleanly."""
        data = copy.deepcopy(to_data(obj))
        spot = data
        while True:
            keys = list(spot) if isinstance(spot, dict) else list(range(len(spot)))
            if not keys:
                break
            key = draw.draw(st.sampled_from(keys))
            inner = spot[key]
            if isinstance(inner, dict | list) and inner and draw.draw(st.booleans()):
                spot = inner
                continue
            spot[key] = draw.draw(json_values)
            break
        try:
            from_data(type(obj), data)
        except DataError as err:
            path = err.field
        else:
            path = "read"
        assert path

    @given(json_values)
    def test_random_vocabulary_and_sources_tables_raise_only_data_errors(self, data):
        """A vocabulary or sources table of random JSON is read or refused with DataError."""
        for read in (read_vocabulary, read_sources):
            try:
                read(data)
            except DataError as err:
                path = err.field
            else:
                path = "read"
            assert path
