"""The UK vocabulary: the typed names in `indemnity.uk.names` spell the data; the data is complete.

`indemnity/uk/data/vocabulary.toml` declares the words; `indemnity/uk/names.py`
spells them as enumerations for editors and type checkers. Nothing but these
tests keeps the two together, so they compare them member by member, in order,
against the file itself and against the vocabulary the library loads from it.
"""

from __future__ import annotations

import tomllib
from enum import StrEnum
from importlib import resources
from typing import Any

import pytest

from indemnity import Activity, MatterScope, uk
from indemnity.uk import names


def _declared() -> dict[str, Any]:
    """The `[vocabulary]` table of vocabulary.toml, as written (key order kept)."""
    text = resources.files("indemnity.uk").joinpath("data", "vocabulary.toml").read_text("utf-8")
    return tomllib.loads(text)["vocabulary"]


DECLARED = _declared()
WORDS = uk.vocabulary()

# Each enumeration, with the names it must spell: in the file, and in the loaded vocabulary.
SPELLED: dict[type[StrEnum], tuple[list[str], list[str]]] = {
    names.FactName: (list(DECLARED["facts"]), [f.name for f in WORDS.facts]),
    names.Field: (
        DECLARED["value_sets"]["fields"]["values"],
        list(WORDS.value_set("fields").values),
    ),
    names.Procedure: (
        DECLARED["value_sets"]["procedures"]["values"],
        list(WORDS.value_set("procedures").values),
    ),
    names.Engager: (
        DECLARED["value_sets"]["engagers"]["values"],
        list(WORDS.value_set("engagers").values),
    ),
    names.Mdo: (DECLARED["value_sets"]["mdos"]["values"], list(WORDS.value_set("mdos").values)),
    names.KindName: (list(DECLARED["kinds"]), [k.name for k in WORDS.kinds]),
    names.MatterName: (list(DECLARED["matters"]), [m.name for m in WORDS.matters]),
    names.Place: (list(DECLARED["jurisdictions"]), [j.name for j in WORDS.jurisdictions]),
}

_NOT_VALUES = frozenset({"FactName", "KindName", "MatterName", "Place"})
"""The enumerations that spell terms rather than the values of a value set."""

TERRITORIES: dict[str, frozenset[str]] = {
    name: value for name, value in vars(names).items() if isinstance(value, frozenset)
}
"""The territory constants of names.py, in the order the module defines them."""


def _constant(territory: str) -> str:
    """The name of the constant that spells a territory: "great-britain" is GREAT_BRITAIN."""
    return territory.upper().replace("-", "_")


class TestTypedNames:
    """Each enumeration of names.py has exactly the members the data declares, in its order."""

    @pytest.mark.parametrize("enum", list(SPELLED), ids=[e.__name__ for e in SPELLED])
    def test_the_members_are_the_declared_names_in_order(self, enum):
        """Same members, same order, as the file declares them."""
        in_file, _ = SPELLED[enum]
        assert [m.value for m in enum] == in_file

    @pytest.mark.parametrize("enum", list(SPELLED), ids=[e.__name__ for e in SPELLED])
    def test_the_members_are_the_loaded_names_in_order(self, enum):
        """Same members, same order, as the vocabulary the library loads."""
        _, loaded = SPELLED[enum]
        assert [m.value for m in enum] == loaded

    @pytest.mark.parametrize("enum", list(SPELLED), ids=[e.__name__ for e in SPELLED])
    def test_each_member_is_spelled_as_its_name(self, enum):
        """A member's Python name is its value in capitals: Field.GENERAL_PRACTICE."""
        for member in enum:
            assert member.name == member.value.upper().replace("-", "_"), member

    def test_every_enumeration_of_the_module_is_checked(self):
        """names.py has no enumeration these tests leave out, and each is public in indemnity.uk."""
        found = {
            value
            for value in vars(names).values()
            if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum
        }
        assert found == set(SPELLED)
        for enum in SPELLED:
            assert enum.__name__ in names.__all__
            assert getattr(uk, enum.__name__) is enum

    def test_every_value_set_has_its_enumeration(self):
        """No value set of the data is left without a typed spelling."""
        assert [s.name for s in WORDS.value_sets] == list(DECLARED["value_sets"])
        spelled = {
            tuple(m.value for m in enum) for enum in SPELLED if enum.__name__ not in _NOT_VALUES
        }
        assert spelled == {tuple(s.values) for s in WORDS.value_sets}

    def test_a_member_is_accepted_wherever_its_name_is(self):
        """Each member equals its name, so it works where the name does."""
        work = Activity.of(
            names.KindName.PRIVATE_PRACTICE,
            field=names.Field.DERMATOLOGY,
            engaged_by=names.Engager.SELF,
        )
        assert work.kind == "private-practice"
        assert work.get(names.FactName.FIELD) == "dermatology"
        assert WORDS.jurisdiction(names.Place.NORTHERN_IRELAND).label == "Northern Ireland"
        assert WORDS.matter(names.MatterName.INQUEST) == "inquest"


class TestTerritories:
    """The territory constants are the data's territories."""

    def test_one_constant_per_territory_in_order(self):
        """GREAT_BRITAIN, UK, ... as the file lists great-britain, uk, ..."""
        declared = [_constant(t) for t in DECLARED["territories"]]
        assert list(TERRITORIES) == declared
        assert [_constant(t) for t in WORDS.territories] == declared

    @pytest.mark.parametrize("territory", list(DECLARED["territories"]))
    def test_each_constant_holds_the_declared_places(self, territory):
        """Same places as the file and as the loaded vocabulary."""
        constant = TERRITORIES[_constant(territory)]
        assert constant == frozenset(DECLARED["territories"][territory])
        assert constant == {j.name for j in WORDS.territories[territory]}
        assert constant <= set(names.Place)

    def test_the_constants_are_public(self):
        """Each is exported from indemnity.uk, and is the same object there."""
        for name, value in TERRITORIES.items():
            assert name in names.__all__
            assert getattr(uk, name) is value


class TestFacts:
    """Every fact can be asked about and explained."""

    @pytest.mark.parametrize("name", list(DECLARED["facts"]))
    def test_every_fact_has_a_label_a_question_and_a_description(self, name):
        """The file writes all three, and the loaded fact carries them."""
        declared = DECLARED["facts"][name]
        for key in ("label", "question", "description"):
            assert isinstance(declared.get(key), str), f"{name} declares no {key}"
            assert declared[key].strip(), f"{name} has an empty {key}"
        fact = WORDS.fact(name)
        assert (fact.label, fact.question, fact.description) == (
            declared["label"],
            declared["question"],
            declared["description"],
        )

    @pytest.mark.parametrize("name", list(DECLARED["facts"]))
    def test_every_question_is_a_question(self, name):
        """A question ends with a question mark, and `ask` gives it."""
        fact = WORDS.fact(name)
        assert fact.question.endswith("?")
        assert fact.ask() == fact.question

    @pytest.mark.parametrize("name", list(DECLARED["facts"]))
    def test_a_choice_names_a_declared_value_set(self, name):
        """A choice fact draws its values from a value set of the file."""
        declared = DECLARED["facts"][name]
        if declared["type"] == "choice":
            assert declared["values"] in DECLARED["value_sets"]
            assert WORDS.fact(name).values == WORDS.value_set(declared["values"])
        else:
            assert "values" not in declared


class TestMatters:
    """Every matter says who faces it."""

    @pytest.mark.parametrize("name", list(DECLARED["matters"]))
    def test_every_matter_has_a_scope(self, name):
        """The file writes the scope (no matter falls back on the default), and it is loaded."""
        declared = DECLARED["matters"][name]
        assert declared.get("scope") in {s.value for s in MatterScope}, name
        assert WORDS.matter(name).scope is MatterScope(declared["scope"])

    def test_the_default_matter_is_one_anyone_faces(self):
        """Clinical negligence is what a question means when it names no matter: a doctor
        and a provider company both face such claims."""
        assert DECLARED["default_matter"] == names.MatterName.CLINICAL_NEGLIGENCE
        assert WORDS.matter(DECLARED["default_matter"]).scope is MatterScope.ANY
