"""Tests for `indemnity.model.parameter`: amounts that hold from a date, each cited."""

import datetime as dt

import pytest

from indemnity import (
    Catalogue,
    Citation,
    DatedValue,
    InvalidFieldError,
    Parameter,
    dumps,
    loads,
    uk,
)

D = dt.date
PAGE = Citation("mps-hee-block", "£1,100 per annum")


def fee() -> Parameter:
    """A fee that rose on 1 April 2025."""
    return Parameter(
        "fee",
        "annual fee",
        (DatedValue(D(2025, 4, 1), 1_200, PAGE), DatedValue(D.min, 1_100, PAGE)),
        unit="£",
    )


class TestAt:
    """`at` gives the value that holds on a date."""

    @pytest.mark.parametrize(
        ("on", "value"),
        [(D(2000, 1, 1), 1_100), (D(2025, 3, 31), 1_100), (D(2025, 4, 1), 1_200), (None, 1_200)],
    )
    def test_the_value_of_the_day(self, on, value):
        """The last value starting on or before the day; None for the latest."""
        assert fee().at(on).value == value

    def test_values_are_kept_in_date_order(self):
        """Given in any order, the values are sorted by their start."""
        assert [v.value for v in fee().values] == [1_100, 1_200]

    def test_before_the_first_value_is_refused(self):
        """A date before anything is stated has no value: refused, not guessed."""
        late = Parameter("fee", "annual fee", (DatedValue(D(2025, 4, 1), 1_200, PAGE),))
        with pytest.raises(InvalidFieldError) as caught:
            late.at(D(2024, 1, 1))
        assert caught.value.field == "on"
        assert "2025-04-01" in caught.value.expected

    def test_show(self):
        """A value reads with its unit and thousands."""
        assert fee().show(1_100) == "£1,100"


class TestValidation:
    """Bad parts are refused by name."""

    def test_two_values_on_one_day(self):
        """Two values may not start on the same day."""
        with pytest.raises(InvalidFieldError) as caught:
            Parameter("fee", "fee", (DatedValue(D.min, 1, PAGE), DatedValue(D.min, 2, PAGE)))
        assert caught.value.field == "Parameter.values"

    def test_no_values(self):
        """A parameter holds at least one value."""
        with pytest.raises(InvalidFieldError) as caught:
            Parameter("fee", "fee", ())
        assert caught.value.expected == "at least one dated value"

    @pytest.mark.parametrize("value", [True, 1.5, "1100", None])
    def test_a_value_is_a_whole_number(self, value):
        """Amounts are whole numbers (of pounds, say), never a truthy stand-in."""
        with pytest.raises(InvalidFieldError) as caught:
            DatedValue(D.min, value, PAGE)
        assert caught.value.field == "DatedValue.value"

    def test_the_name_is_a_name(self):
        """The name is lower-case words joined by hyphens."""
        with pytest.raises(InvalidFieldError):
            Parameter("Annual Fee", "fee", (DatedValue(D.min, 1, PAGE),))


class TestInCatalogues:
    """A catalogue document declares parameters; the UK catalogue's are its trainee amounts."""

    def test_the_uk_amounts(self):
        """The trainee threshold and fee, cited to Medical Protection's page."""
        words = uk.catalogue()
        assert words.parameter("trainee-free-earnings-limit").at().value == 10_000
        fee = words.parameter("trainee-private-practice-fee").at()
        assert fee.value == 1_100
        assert fee.source.source.name == "mps-hee-block"
        assert "£1,100 per annum" in fee.source.quote

    def test_an_unknown_parameter_is_refused_with_the_names(self):
        """Asking for a parameter the catalogue lacks names those it has."""
        with pytest.raises(Exception) as caught:  # noqa: PT011 - UnknownNameError, checked below
            uk.catalogue().parameter("trainee-fee")
        assert "trainee-private-practice-fee" in str(caught.value)

    @pytest.mark.parametrize("file_format", ["json", "toml"])
    def test_a_catalogue_with_parameters_reads_back(self, file_format):
        """Written and read back, the parameters are the same."""
        ours = Catalogue("ours", uk.vocabulary(), parameters={"fee": fee()})
        back = loads(dumps(ours, file_format), file_format)
        assert isinstance(back, Catalogue)
        assert back.parameters == {"fee": fee()}
