"""The dict codec: rules and questions to plain data and back, with exact error paths."""

from __future__ import annotations

import datetime as dt
import json
import pickle

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
    Exclusion,
    Fact,
    IndemnityError,
    InvalidFieldError,
    Is,
    Jurisdiction,
    KindIn,
    Matter,
    MembershipPeriod,
    Not,
    OneOf,
    Period,
    Portfolio,
    Question,
    Requirement,
    Scheme,
)
from indemnity.codec import from_data, schemes_from_data, to_data
from tests.strategies import codec_objects, json_values

SEED = "000_d40f28ef5600d884.txt"
CITE = Citation(SEED, "a quote")
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
]


def _cover(**changes: object) -> Cover:
    fields: dict[str, object] = {
        "name": "clinical negligence",
        "matters": frozenset({Matter.CLINICAL_NEGLIGENCE}),
        "activities": frozenset({ActivityKind.PRIVATE_PRACTICE}),
        "territory": frozenset({Jurisdiction.ENGLAND}),
        "source": CITE,
    }
    fields.update(changes)
    return Cover(**fields)  # type: ignore[arg-type]


def _scheme(*covers: Cover, key: str = "mdo") -> Scheme:
    return Scheme(key, "An MDO", "Operator", "discretionary-membership", "occurrence", covers, CITE)


def _portfolio_data() -> dict[str, object]:
    return {
        "holder": "Dr A",
        "memberships": [
            {"scheme": "mdo", "period": {"start": "2020-01-01", "end": "2021-01-01"}},
            {"scheme": "mdo", "period": {"start": "2021-01-01", "end": "2022-01-01"}},
            {"scheme": "mdo", "period": {"start": "2022-01-01", "end": "2023-01-01"}},
        ],
    }


def _error(kind: type, data: object, **lookups: object) -> DataError:
    with pytest.raises(DataError) as info:
        from_data(kind, data, **lookups)  # type: ignore[arg-type]
    return info.value


class TestShapes:
    """Each class is written in the documented shape."""

    def test_a_period_is_two_iso_dates_or_null(self):
        """A period's end may be null; dates are ISO strings."""
        assert to_data(Period(dt.date(2024, 1, 1))) == {"start": "2024-01-01", "end": None}

    def test_conditions_are_tagged(self):
        """Every condition node is a mapping with exactly one tag."""
        assert to_data(Is(Fact.SUPERVISED, True)) == {"is": {"fact": "supervised", "value": True}}
        assert to_data(OneOf(Fact.FIELD, frozenset({"obstetrics", "circumcision"}))) == {
            "one_of": {"fact": "field", "values": ["circumcision", "obstetrics"]}
        }
        assert to_data(AtLeast(Fact.PRIVATE_EARNINGS, 10_001)) == {
            "at_least": {"fact": "private_earnings", "bound": 10_001}
        }
        assert to_data(AtMost(Fact.PRIVATE_EARNINGS, 5)) == {
            "at_most": {"fact": "private_earnings", "bound": 5}
        }
        assert to_data(KindIn(frozenset({"good-samaritan"}))) == {"kind_in": ["good-samaritan"]}
        assert to_data(Not(ALWAYS)) == {"not": {"all": []}}
        assert to_data(NEVER) == {"any": []}

    def test_sets_are_sorted_lists(self):
        """Sets come out sorted, so equal objects give equal data whatever their history."""
        cover = _cover(territory=frozenset({Jurisdiction.WALES, Jurisdiction.ENGLAND}))
        assert to_data(cover)["territory"] == ["england", "wales"]

    def test_numbers_in_one_of_sort_numerically(self):
        """Numeric values are sorted as numbers, not as text."""
        data = to_data(OneOf(Fact.PRIVATE_EARNINGS, frozenset({10, 9, 100})))
        assert data["one_of"]["values"] == [9, 10, 100]

    def test_output_is_json(self):
        """The data survives a JSON round trip unchanged."""
        data = to_data(
            Portfolio((MembershipPeriod(_scheme(_cover()), Period(dt.date(2024, 1, 1))),))
        )
        assert json.loads(json.dumps(data)) == data

    def test_a_membership_names_a_known_scheme_by_key(self):
        """With a lookup, a membership of a known scheme is written as the key."""
        scheme = _scheme(_cover())
        member = MembershipPeriod(scheme, Period(dt.date(2024, 1, 1)))
        assert to_data(member, schemes={"mdo": scheme})["scheme"] == "mdo"
        assert isinstance(to_data(member)["scheme"], dict)

    def test_a_scheme_that_differs_from_the_known_one_is_inlined(self):
        """A scheme with the same key but other rules is not replaced by the key."""
        member = MembershipPeriod(_scheme(_cover()), Period(dt.date(2024, 1, 1)))
        other = _scheme(_cover(name="other"))
        assert isinstance(to_data(member, schemes={"mdo": other})["scheme"], dict)

    def test_an_unknown_object_is_refused(self):
        """to_data refuses what it cannot write, naming what it expected."""
        with pytest.raises(InvalidFieldError, match="rule or question object"):
            to_data(object())


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
        assert from_data(Period, {"start": dt.date(2024, 1, 1)}) == Period(dt.date(2024, 1, 1))

    def test_a_datetime_is_refused(self):
        """A date and time is not a date: which day it is depends on a time zone."""
        err = _error(Period, {"start": dt.datetime(2024, 1, 1, 12)})
        assert err.field == "start"

    def test_loose_spellings_are_read(self):
        """Names are read as the model reads them."""
        activity = from_data(
            Activity, {"kind": "Private practice", "facts": {"field": "Obstetrics"}}
        )
        assert activity == Activity.of("private-practice", field="obstetrics")

    def test_a_scheme_key_is_looked_up(self):
        """A membership may name its scheme by key."""
        scheme = _scheme(_cover())
        portfolio = from_data(Portfolio, _portfolio_data(), schemes={"mdo": scheme})
        assert [m.scheme for m in portfolio] == [scheme] * 3

    def test_a_shared_exclusion_is_looked_up(self):
        """An exclusions list may name a shared exclusion."""
        shared = Exclusion(KindIn(frozenset({"good-samaritan"})), reason="r", source=CITE)
        data = to_data(_cover()) | {"exclusions": ["gs"]}
        assert from_data(Cover, data, exclusions={"gs": shared}).exclusions == (shared,)

    def test_a_catalogue_document(self):
        """schemes_from_data reads shared exclusions and the schemes that use them."""
        shared = Exclusion(KindIn(frozenset({"good-samaritan"})), reason="r", source=CITE)
        scheme = Scheme(
            "s", "S", "O", "state-backed", "occurrence", (_cover(),), CITE, exclusions=(shared,)
        )
        data = {
            "exclusions": {"gs": to_data(shared)},
            "schemes": [to_data(scheme) | {"exclusions": ["gs"]}],
        }
        assert schemes_from_data(data) == {"s": scheme}

    def test_a_catalogue_refuses_two_schemes_with_one_key(self):
        """Two schemes may not share a key."""
        one = to_data(_scheme(_cover()))
        with pytest.raises(DataError) as info:
            schemes_from_data({"schemes": [one, one]}, path="mdo.toml:")
        assert info.value.field == "mdo.toml:schemes[1].key"

    def test_a_subclass_of_condition_is_checked(self):
        """Asking for an `Is` gets an `Is`, or an error naming the tag found."""
        assert from_data(Is, {"is": {"fact": "declared", "value": True}}) == Is(Fact.DECLARED, True)
        err = _error(Is, {"not": {"all": []}})
        assert "'not'" in str(err)

    def test_an_unknown_kind_is_refused(self):
        """from_data refuses a class it cannot build."""
        with pytest.raises(InvalidFieldError, match="class the codec reads"):
            from_data(int, 1)


class TestErrorPaths:
    """Every error names the path inside the data, what was expected and what was found."""

    def test_a_period_ending_before_it_starts_names_its_path(self):
        """The model's own period error is re-raised at the path of the period's end."""
        data = _portfolio_data()
        data["memberships"][2]["period"]["end"] = "2021-06-01"  # type: ignore[index]
        err = _error(Portfolio, data, schemes={"mdo": _scheme(_cover())})
        assert err.field == "memberships[2].period.end"
        assert str(err).startswith("'memberships[2].period.end' must be after 'start'")
        assert isinstance(err.__cause__, InvalidFieldError)

    def test_a_misspelt_key_is_an_error_with_a_suggestion(self):
        """An unknown key is refused, not dropped, and the nearest key is suggested."""
        data = to_data(_cover()) | {"exclusion": []}
        err = _error(Cover, data)
        assert err.field == "exclusion"
        assert "did you mean 'exclusions'?" in str(err)

    def test_a_missing_key_is_named(self):
        """A required key that is absent is named, with what it should hold."""
        err = _error(Requirement, {"condition": {"all": []}, "reason": "r"})
        assert err.field == "source"
        assert "expected a citation, got nothing" in str(err)

    def test_a_bad_fact_value_names_the_fact(self):
        """A fact value of the wrong type is named by its path."""
        err = _error(Activity, {"kind": "private-practice", "facts": {"supervised": "yes"}})
        assert err.field == "facts.supervised"
        assert err.expected == "true or false"
        assert err.got == "yes"

    def test_a_misspelt_name_in_a_deep_condition(self):
        """Paths go through condition tags and list indexes."""
        data = to_data(_cover()) | {
            "conditions": [
                {
                    "condition": {"all": [{"not": {"one_of": {"fact": "field", "values": ["x"]}}}]},
                    "reason": "r",
                    "source": {"source": SEED},
                }
            ]
        }
        err = _error(Cover, data)
        assert err.field == "conditions[0].condition.all[0].not.one_of.values[0]"

    def test_an_unknown_tag(self):
        """A condition's tag must be one of the eight."""
        err = _error(Condition, {"one_off": {}})
        assert err.field == "one_off"
        assert "did you mean 'one_of'?" in str(err)

    def test_a_condition_with_two_tags(self):
        """A condition has exactly one tag."""
        err = _error(Condition, {"all": [], "any": []})
        assert err.field == "Condition"

    def test_a_non_numeric_bound(self):
        """at_least needs a numeric fact and a whole number."""
        assert _error(Condition, {"at_least": {"fact": "declared", "bound": 1}}).field == (
            "at_least.fact"
        )
        assert _error(Condition, {"at_most": {"fact": "private_earnings", "bound": 1.5}}).field == (
            "at_most.bound"
        )

    def test_a_bool_is_not_a_number(self):
        """True is not a limit of indemnity."""
        err = _error(Cover, to_data(_cover()) | {"limit": True})
        assert err.field == "limit"

    def test_an_unknown_scheme_key(self):
        """A scheme key not in the lookup is named with the known keys."""
        data = _portfolio_data()
        err = _error(Portfolio, data, schemes={"mddus": _scheme(_cover(), key="mddus")})
        assert err.field == "memberships[0].scheme"
        assert "'mddus'" in str(err)

    def test_a_scheme_key_without_a_lookup(self):
        """A scheme key with no lookup given says so."""
        err = _error(Portfolio, _portfolio_data())
        assert "no schemes were given" in str(err)

    def test_an_option_the_scheme_does_not_offer(self):
        """The model's option check is re-raised at the path of the options."""
        data = _portfolio_data()
        data["memberships"][0]["options"] = ["public-liability"]  # type: ignore[index]
        err = _error(Portfolio, data, schemes={"mdo": _scheme(_cover())})
        assert err.field.startswith("memberships[0].options")

    def test_a_claim_before_the_incident(self):
        """The question's own check is re-raised at the claim date."""
        data = {
            "activity": {"kind": "private-practice"},
            "on": "2024-01-02",
            "jurisdiction": "england",
            "claimed_on": "2024-01-01",
        }
        assert _error(Question, data).field == "claimed_on"

    def test_an_error_at_the_root_names_the_class(self):
        """Data that is not even a mapping is named by the class asked for."""
        err = _error(Portfolio, [])
        assert err.field == "Portfolio"

    def test_a_path_prefix(self):
        """A caller may say where the data sits, and paths start there."""
        with pytest.raises(DataError) as info:
            from_data(Period, {"start": "x"}, path="file.toml:schemes[0].in_force")
        assert info.value.field == "file.toml:schemes[0].in_force.start"

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
        assert "nested at most" in str(err)

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


class TestFuzzing:
    """Random data only ever raises the documented error."""

    @given(st.sampled_from(KINDS), json_values)
    def test_random_json_raises_only_data_errors(self, kind, data):
        """Whatever JSON is given, from_data returns an object or raises DataError."""
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
        data = to_data(obj)
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


class TestCatalogueErrors:
    """A catalogue document's own errors."""

    def test_not_a_mapping(self):
        """A document that is not a mapping is named as the catalogue."""
        with pytest.raises(DataError) as info:
            schemes_from_data([])
        assert info.value.field == "catalogue"

    def test_an_unknown_shared_exclusion(self):
        """A name that no shared exclusion has is refused with the nearest."""
        shared = Exclusion(KindIn(frozenset({"good-samaritan"})), reason="r", source=CITE)
        data = {
            "exclusions": {"good-samaritan": to_data(shared)},
            "schemes": [to_data(_scheme(_cover())) | {"exclusions": ["good-samaritn"]}],
        }
        with pytest.raises(DataError, match="did you mean 'good-samaritan'") as info:
            schemes_from_data(data, path="x.toml:")
        assert info.value.field == "x.toml:schemes[0].exclusions[0]"

    def test_a_model_error_after_a_file_prefix(self):
        """A model error inside a file keeps the file prefix without a stray dot."""
        data = {"schemes": [to_data(_scheme(_cover())) | {"covers": []}]}
        with pytest.raises(DataError) as info:
            schemes_from_data(data, path="x.toml:")
        assert info.value.field == "x.toml:schemes[0].covers"
