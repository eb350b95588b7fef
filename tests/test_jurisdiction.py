"""Tests for `indemnity.jurisdiction`: jurisdictions, named territories and `territory()`."""

import pytest

from indemnity import (
    BRITISH_ISLES,
    CROWN_DEPENDENCIES,
    GREAT_BRITAIN,
    TERRITORIES,
    UK,
    WORLDWIDE,
    InvalidFieldError,
    Jurisdiction,
    UnknownNameError,
    territory,
)

J = Jurisdiction


class TestParse:
    """Jurisdiction.parse() accepts members, values, loose spellings and abbreviations."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (J.ENGLAND, J.ENGLAND),
            ("england", J.ENGLAND),
            ("England", J.ENGLAND),
            ("  WALES ", J.WALES),
            ("Northern Ireland", J.NORTHERN_IRELAND),
            ("northern_ireland", J.NORTHERN_IRELAND),
            ("northern-ireland", J.NORTHERN_IRELAND),
            ("NORTHERN  IRELAND", J.NORTHERN_IRELAND),
            ("Isle of Man", J.ISLE_OF_MAN),
            ("isle_of_man", J.ISLE_OF_MAN),
            ("overseas", J.OVERSEAS),
        ],
    )
    def test_loose_spellings(self, text, expected):
        """Case, spaces, hyphens and underscores do not matter."""
        assert J.parse(text) is expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("NI", J.NORTHERN_IRELAND),
            ("ni", J.NORTHERN_IRELAND),
            ("IoM", J.ISLE_OF_MAN),
            (" iom ", J.ISLE_OF_MAN),
        ],
    )
    def test_abbreviations(self, text, expected):
        """NI and IoM are understood in any case."""
        assert J.parse(text) is expected

    def test_unknown_name_suggests_closest(self):
        """A misspelling is an UnknownNameError listing the choices and suggesting one."""
        with pytest.raises(
            UnknownNameError,
            match=r"^'jurisdiction' expected one of 'england', 'guernsey', 'isle-of-man', "
            r"'jersey', 'northern-ireland', 'overseas', 'scotland', 'wales', "
            r"got 'Englnd' \(str\); did you mean 'england'\?$",
        ):
            J.parse("Englnd")

    def test_territory_name_is_not_a_jurisdiction(self):
        """'uk' names a territory, not a jurisdiction: parse refuses it."""
        with pytest.raises(UnknownNameError, match=r"^'jurisdiction' expected one of .* got 'uk'"):
            J.parse("uk")

    def test_field_name_is_used(self):
        """The caller's field name appears in the message."""
        with pytest.raises(UnknownNameError, match=r"^'Cover\.territory\[2\]' expected one of"):
            J.parse("Scotlnd", "Cover.territory[2]")

    @pytest.mark.parametrize("value", [None, 3, b"england", ["england"]])
    def test_non_string_refused(self, value):
        """A value that is not a name is an InvalidFieldError naming its type."""
        with pytest.raises(
            InvalidFieldError,
            match=rf"^'jurisdiction' expected a Jurisdiction or its name, got .* "
            rf"\({type(value).__name__}\)$",
        ):
            J.parse(value)

    def test_non_string_is_not_unknown_name(self):
        """A wrong type is not reported as an unknown name."""
        with pytest.raises(InvalidFieldError) as info:
            J.parse(3)
        assert not isinstance(info.value, UnknownNameError)


class TestLabel:
    """Each jurisdiction has a prose label."""

    def test_labels(self):
        """Labels read as prose."""
        assert J.NORTHERN_IRELAND.label == "Northern Ireland"
        assert J.ISLE_OF_MAN.label == "Isle of Man"
        assert J.ENGLAND.label == "England"

    def test_every_member_has_a_label(self):
        """No member lacks a label."""
        assert all(j.label for j in J)


class TestNamedTerritories:
    """The named territories hold what their names say."""

    def test_great_britain(self):
        """Great Britain is England, Wales and Scotland."""
        assert {J.ENGLAND, J.WALES, J.SCOTLAND} == GREAT_BRITAIN

    def test_uk(self):
        """The UK is Great Britain and Northern Ireland, nothing else."""
        assert GREAT_BRITAIN | {J.NORTHERN_IRELAND} == UK
        assert len(UK) == 4

    def test_crown_dependencies_are_not_in_the_uk(self):
        """The Isle of Man, Jersey and Guernsey are outside the UK."""
        assert {J.ISLE_OF_MAN, J.JERSEY, J.GUERNSEY} == CROWN_DEPENDENCIES
        assert not (CROWN_DEPENDENCIES & UK)

    def test_british_isles(self):
        """The British Isles are the UK and the Crown Dependencies, not overseas."""
        assert BRITISH_ISLES == UK | CROWN_DEPENDENCIES
        assert J.OVERSEAS not in BRITISH_ISLES

    def test_worldwide_has_everything(self):
        """WORLDWIDE holds every jurisdiction, overseas included."""
        assert frozenset(J) == WORLDWIDE
        assert J.OVERSEAS in WORLDWIDE

    def test_territories_are_frozensets(self):
        """Every named territory is an immutable frozenset of Jurisdiction."""
        for name, members in TERRITORIES.items():
            assert isinstance(members, frozenset), name
            assert all(isinstance(j, J) for j in members), name

    def test_territories_by_name(self):
        """TERRITORIES maps each canonical name to its constant."""
        assert TERRITORIES == {
            "great-britain": GREAT_BRITAIN,
            "uk": UK,
            "crown-dependencies": CROWN_DEPENDENCIES,
            "british-isles": BRITISH_ISLES,
            "worldwide": WORLDWIDE,
        }

    def test_territory_names_do_not_clash_with_jurisdictions(self):
        """No territory name is also a jurisdiction's value."""
        assert not set(TERRITORIES) & {j.value for j in J}


class TestTerritory:
    """territory() builds a territory from jurisdictions, names and territory names."""

    def test_jurisdictions(self):
        """Members are taken as they are."""
        assert territory(J.ENGLAND, J.WALES) == frozenset({J.ENGLAND, J.WALES})

    def test_names(self):
        """Jurisdiction names, loose spellings and abbreviations are parsed."""
        assert territory("England", "NI", "isle_of_man") == frozenset(
            {J.ENGLAND, J.NORTHERN_IRELAND, J.ISLE_OF_MAN}
        )

    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("uk", UK),
            ("UK", UK),
            ("Great Britain", GREAT_BRITAIN),
            ("great_britain", GREAT_BRITAIN),
            ("crown dependencies", CROWN_DEPENDENCIES),
            ("British-Isles", BRITISH_ISLES),
            ("worldwide", WORLDWIDE),
        ],
    )
    def test_territory_names(self, name, expected):
        """A territory name expands to its jurisdictions, whatever the spelling."""
        assert territory(name) == expected

    def test_mixed(self):
        """Territory names and jurisdictions combine."""
        assert territory("uk", "isle of man") == UK | {J.ISLE_OF_MAN}

    def test_nested_collections(self):
        """Sets, frozensets, lists and tuples of names are flattened one level."""
        assert territory(GREAT_BRITAIN, ["ni"], ("jersey",), {"guernsey"}) == (
            UK | {J.JERSEY, J.GUERNSEY}
        )

    def test_territory_name_inside_a_collection(self):
        """A territory name inside a list expands too."""
        assert territory(["uk", "jersey"]) == UK | {J.JERSEY}

    def test_duplicates_collapse(self):
        """Naming a jurisdiction twice gives it once."""
        assert territory("england", J.ENGLAND, "uk") == UK

    def test_empty(self):
        """No names give the empty territory."""
        assert territory() == frozenset()

    def test_result_is_a_frozenset(self):
        """The result is immutable."""
        assert isinstance(territory("uk"), frozenset)

    def test_unknown_name_suggests_from_both_lists(self):
        """An unknown name is refused by position, choices include territory names."""
        with pytest.raises(
            UnknownNameError,
            match=r"^'territory\[1\]' expected one of 'british-isles', 'crown-dependencies', "
            r"'england', .*'worldwide', got 'wrldwide' \(str\); did you mean 'worldwide'\?$",
        ):
            territory("uk", "wrldwide")

    def test_custom_field(self):
        """The caller's field name is used in the message."""
        with pytest.raises(UnknownNameError, match=r"^'Cover\.territory\[0\]' expected one of"):
            territory("englnd", field="Cover.territory")

    @pytest.mark.parametrize("value", [None, 3, {"uk": 1}])
    def test_wrong_type_refused(self, value):
        """An argument that is neither a name nor a collection is refused with its type."""
        with pytest.raises(
            InvalidFieldError,
            match=rf"^'territory' expected jurisdictions or territory names, got .* "
            rf"\({type(value).__name__}\)$",
        ):
            territory(value)

    def test_wrong_type_inside_a_collection(self):
        """A non-name inside a collection is refused by its position."""
        with pytest.raises(
            InvalidFieldError,
            match=r"^'territory\[1\]' expected a Jurisdiction or its name, got 3 \(int\)$",
        ):
            territory(["england", 3])
