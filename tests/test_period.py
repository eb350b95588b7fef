"""Tests for `indemnity.model.period`: half-open date periods."""

import datetime as dt
import pickle

import pytest

from indemnity import InvalidFieldError, InvalidPeriodError, Period

D = dt.date

NOT_A_DATETIME = "a date (not a datetime)"
PARSE_EXPECTED = (
    "a period such as '2020-01-01 to 2020-12-31' (both days in), '1 Jan 2020 to 31 Dec 2020', "
    "'2020-01-01 onwards', 'up to 2019-03-31', or '2020-01-01..2021-01-01' (end excluded)"
)


def refused(call, *args, error=InvalidFieldError):
    """The error `call(*args)` raises, checked to be exactly of type `error`."""
    with pytest.raises(InvalidFieldError) as caught:
        call(*args)
    assert type(caught.value) is error
    return caught.value


def facts_of(err):
    """The field, the expectation and the value an error names."""
    return err.field, err.expected, err.got


class TestConstruction:
    """A period is built from two dates, the end optional."""

    def test_open_end_by_default(self):
        """Without an end the period is open."""
        p = Period(D(2024, 1, 1))
        assert p.end is None
        assert p.is_open

    def test_closed_period_is_not_open(self):
        """A period with an end is not open."""
        assert not Period(D(2024, 1, 1), D(2024, 2, 1)).is_open

    def test_one_day_period(self):
        """The shortest period is one day: end the day after start."""
        p = Period(D(2024, 1, 1), D(2024, 1, 2))
        assert p.days == 1

    def test_equal_periods_are_equal_and_hash_alike(self):
        """Periods with the same bounds are equal and hash alike."""
        a = Period(D(2024, 1, 1), D(2024, 2, 1))
        b = Period(start=D(2024, 1, 1), end=D(2024, 2, 1))
        assert a == b
        assert hash(a) == hash(b)
        assert Period(D(2024, 1, 1)) == Period(D(2024, 1, 1), None)

    def test_is_frozen(self):
        """A period cannot be changed after it is built."""
        p = Period(D(2024, 1, 1))
        with pytest.raises(AttributeError):
            p.start = D(2025, 1, 1)  # type: ignore[misc]

    def test_pickles(self):
        """A period survives pickling."""
        p = Period(D(2024, 1, 1), D(2024, 2, 1))
        assert pickle.loads(pickle.dumps(p)) == p  # noqa: S301 - our own bytes

    def test_always_has_no_bounds(self):
        """Period.always() starts at the first date there is and never ends."""
        p = Period.always()
        assert p.start == dt.date.min
        assert p.is_open
        assert D(1, 1, 1) in p
        assert dt.date.max in p


class TestRefusedBounds:
    """Bad bounds are refused at the door, naming the field."""

    def test_end_before_start(self):
        """An end before the start is an InvalidPeriodError showing both bounds."""
        err = refused(Period, D(2025, 8, 1), D(2025, 7, 1), error=InvalidPeriodError)
        assert facts_of(err) == ("Period.end", "a date after 'start'", D(2025, 7, 1))
        assert "start=2025-08-01" in str(err)

    def test_end_equal_to_start(self):
        """An empty period (end == start) is refused too."""
        err = refused(Period, D(2025, 8, 1), D(2025, 8, 1), error=InvalidPeriodError)
        assert facts_of(err) == ("Period.end", "a date after 'start'", D(2025, 8, 1))

    def test_invalid_period_error_is_an_invalid_field_error(self):
        """Callers catching InvalidFieldError catch a bad period too."""
        with pytest.raises(InvalidFieldError) as caught:
            Period(D(2025, 8, 1), D(2025, 7, 1))
        assert caught.value.field == "Period.end"

    def test_datetime_start_refused(self):
        """A datetime start is refused, not truncated, with a hint to call .date()."""
        moment = dt.datetime(2024, 1, 1, 9, 30)
        err = refused(Period, moment)
        assert facts_of(err) == ("Period.start", NOT_A_DATETIME, moment)
        assert "pass value.date()" in str(err)

    def test_datetime_end_refused(self):
        """A datetime end is refused the same way."""
        err = refused(Period, D(2024, 1, 1), dt.datetime(2025, 1, 1))
        assert facts_of(err) == ("Period.end", NOT_A_DATETIME, dt.datetime(2025, 1, 1))

    @pytest.mark.parametrize(
        ("kwargs", "field", "got"),
        [
            ({"start": "2024-01-01"}, "Period.start", "2024-01-01"),
            ({"start": None}, "Period.start", None),
            ({"start": D(2024, 1, 1), "end": 20250101}, "Period.end", 20250101),
        ],
    )
    def test_non_dates_refused(self, kwargs, field, got):
        """A bound that is not a date is refused naming the field and the value given."""
        err = refused(lambda: Period(**kwargs))
        assert facts_of(err) == (field, "a date", got)


class TestHalfOpen:
    """The start is inside the period, the end is not."""

    def test_start_is_inside(self):
        """The first day belongs to the period."""
        assert D(2024, 8, 7) in Period(D(2024, 8, 7), D(2025, 8, 6))

    def test_end_is_outside(self):
        """The end day does not belong to the period."""
        p = Period(D(2024, 8, 7), D(2025, 8, 6))
        assert D(2025, 8, 5) in p
        assert D(2025, 8, 6) not in p

    def test_day_before_start_is_outside(self):
        """The day before the start is outside."""
        assert D(2024, 8, 6) not in Period(D(2024, 8, 7))

    def test_open_end_contains_the_far_future(self):
        """An open period contains every later date."""
        assert D(9999, 12, 31) in Period(D(2024, 8, 7))

    def test_adjacent_periods_meet_exactly(self):
        """Every day near the join falls in exactly one of two adjacent periods."""
        first = Period(D(2024, 1, 1), D(2024, 8, 1))
        second = Period(D(2024, 8, 1), D(2025, 1, 1))
        for offset in range(-3, 4):
            day = D(2024, 8, 1) + dt.timedelta(days=offset)
            assert (day in first) != (day in second)

    def test_contains_method_agrees_with_in(self):
        """contains() gives the same answer as `in` for dates."""
        p = Period(D(2024, 1, 1), D(2024, 2, 1))
        for day in (D(2023, 12, 31), D(2024, 1, 1), D(2024, 1, 31), D(2024, 2, 1)):
            assert p.contains(day) == (day in p)


class TestDatetimeInContains:
    """A datetime is refused by contains() and is never `in` a period."""

    def test_contains_refuses_datetime(self):
        """contains() raises naming the argument rather than guess a calendar day."""
        err = refused(Period(D(2024, 1, 1)).contains, dt.datetime(2024, 1, 5))
        assert facts_of(err) == ("day", NOT_A_DATETIME, dt.datetime(2024, 1, 5))

    def test_contains_refuses_non_date(self):
        """contains() raises for a value that is no date at all."""
        err = refused(Period(D(2024, 1, 1)).contains, "2024-01-05")
        assert facts_of(err) == ("day", "a date", "2024-01-05")

    def test_in_is_false_for_datetime(self):
        """`in` never says a datetime is inside, even one on an inside day."""
        assert dt.datetime(2024, 1, 5) not in Period(D(2024, 1, 1))

    @pytest.mark.parametrize("other", ["2024-01-05", None, 20240105])
    def test_in_is_false_for_foreign_values(self, other):
        """`in` answers False for values that are not dates."""
        assert other not in Period(D(2024, 1, 1))


class TestThrough:
    """Period.through() takes the last day included."""

    def test_last_day_is_included(self):
        """The last day given is inside; the day after is the end."""
        p = Period.through(D(2024, 1, 1), D(2024, 12, 31))
        assert p == Period(D(2024, 1, 1), D(2025, 1, 1))
        assert D(2024, 12, 31) in p
        assert p.last_day == D(2024, 12, 31)

    def test_single_day(self):
        """A period through its own start day is one day long."""
        p = Period.through(D(2024, 1, 1), D(2024, 1, 1))
        assert p.days == 1

    def test_last_day_before_start_refused(self):
        """A last day before the start is an InvalidPeriodError naming last_day and both dates."""
        err = refused(Period.through, D(2024, 1, 1), D(2023, 12, 31), error=InvalidPeriodError)
        assert facts_of(err) == (
            "Period.through.last_day",
            "a date on or after 'start'",
            D(2023, 12, 31),
        )
        assert "start=2024-01-01" in str(err)

    def test_last_day_datetime_refused(self):
        """A datetime last day is refused naming the argument."""
        err = refused(Period.through, D(2024, 1, 1), dt.datetime(2024, 12, 31))
        assert (err.field, err.expected) == ("Period.through.last_day", NOT_A_DATETIME)

    def test_start_datetime_refused(self):
        """A datetime start is refused naming Period.start."""
        err = refused(Period.through, dt.datetime(2024, 1, 1), D(2024, 12, 31))
        assert (err.field, err.expected) == ("Period.start", NOT_A_DATETIME)

    def test_last_representable_day_refused(self):
        """date.max cannot be a last day: its excluded end does not exist."""
        err = refused(Period.through, D(2024, 1, 1), dt.date.max)
        assert facts_of(err) == (
            "Period.through.last_day",
            "a date before 9999-12-31",
            dt.date.max,
        )


class TestParse:
    """Period.parse() reads periods as people write them, and as str() writes them."""

    def test_closed(self):
        """Two ISO dates around '..' give a closed period, the end excluded."""
        assert Period.parse("2024-08-07..2025-08-06") == Period(D(2024, 8, 7), D(2025, 8, 6))

    def test_open(self):
        """A missing end gives an open period."""
        assert Period.parse("2024-08-07..") == Period(D(2024, 8, 7))

    def test_spaces_are_ignored(self):
        """Spaces around the dates are ignored."""
        assert Period.parse(" 2024-08-07 .. 2025-08-06 ") == Period(D(2024, 8, 7), D(2025, 8, 6))

    @pytest.mark.parametrize(
        "text",
        [
            "1 Jan 2020 to 31 Dec 2020",
            "01/01/2020 to 31/12/2020",
            "1 January 2020 to 31 December 2020",
            "2020-01-01 to 2020-12-31",
            "  2020-01-01   to 31 Dec 2020 ",
        ],
    )
    def test_certificate_dates_count_both_days_in(self, text):
        """A certificate's "1 Jan 2020 to 31 Dec 2020" covers the 31st: it ends on 1 Jan 2021."""
        assert Period.parse(text) == Period(D(2020, 1, 1), D(2021, 1, 1))

    def test_day_first_as_in_the_uk(self):
        """A numeric date is read day first: 02/03/2020 is 2 March."""
        assert Period.parse("02/03/2020 to 01/04/2020") == Period(D(2020, 3, 2), D(2020, 4, 2))

    @pytest.mark.parametrize(
        ("text", "period"),
        [
            ("2020-01-01 onwards", Period(D(2020, 1, 1))),
            ("1 Jan 2020 onwards", Period(D(2020, 1, 1))),
            ("up to 2019-03-31", Period(D.min, D(2019, 4, 1))),
            ("at any date", Period.always()),
        ],
    )
    def test_open_forms(self, text, period):
        """'onwards', 'up to' and 'at any date' read as str() writes them."""
        assert Period.parse(text) == period

    @pytest.mark.parametrize(
        "text",
        [
            Period(D(2024, 8, 7), D(2025, 8, 6)),
            Period(D(2024, 8, 7)),
            Period(D(2000, 2, 29), D(2000, 3, 1)),
            Period(D.min, D(2025, 1, 1)),
            Period.always(),
        ],
        ids=str,
    )
    def test_round_trips_str(self, text):
        """parse(str(p)) == p, whatever the bounds."""
        assert Period.parse(str(text)) == text

    @pytest.mark.parametrize(
        ("text", "written"),
        [
            ("..", "at any date"),
            ("..2025-01-01", "up to 2024-12-31"),
            ("2024-01-01..", "2024-01-01 onwards"),
        ],
    )
    def test_the_compact_form_reads_as_it_writes(self, text, written):
        """The compact form of unbounded periods still reads, and writes in words."""
        assert str(Period.parse(text)) == written

    @pytest.mark.parametrize(
        "text",
        [
            "",
            "2024-08-07",
            "2024-13-01..",
            "yesterday..today",
            "2024-01-01..2025-01-01..2026-01-01",
            "2024-01-01...2025-01-01",
            "Jan 2020 to Dec 2020",
            "1 Jan to 31 Dec 2020",
            "31/02/2020 to 31/12/2020",
            "2020-01-01 to",
            "1 Jan 2020 10:30 to 31 Dec 2020",
            "2020-1-1..2021-1-1",
        ],
    )
    def test_bad_text_refused(self, text):
        """Text that is none of the forms, or a date missing a part, is refused, quoting it."""
        assert facts_of(refused(Period.parse, text)) == ("Period", PARSE_EXPECTED, text)

    @pytest.mark.parametrize(
        "text", ["20240807..", "2024-W32-3..", "..2025-W01-1", "\uff12\uff10\uff12\uff14-08-07.."]
    )
    def test_only_dates_written_yyyy_mm_dd_are_read(self, text):
        """Other ISO forms Python reads (basic, week dates) are refused, never read silently."""
        assert facts_of(refused(Period.parse, text)) == ("Period", PARSE_EXPECTED, text)

    @pytest.mark.parametrize("value", [None, 20240101, D(2024, 1, 1)])
    def test_non_string_refused(self, value):
        """A value that is not text is refused with its type."""
        assert facts_of(refused(Period.parse, value)) == ("Period", PARSE_EXPECTED, value)

    def test_end_before_start_refused(self):
        """Well-formed text with the end before the start is an InvalidPeriodError."""
        err = refused(Period.parse, "2025-01-01..2024-01-01", error=InvalidPeriodError)
        assert facts_of(err) == ("Period.end", "a date after 'start'", D(2024, 1, 1))
        assert "start=2025-01-01" in str(err)

    def test_a_last_day_before_the_first_refused(self):
        """'31 Dec 2020 to 1 Jan 2020' is refused, not read as an empty period."""
        refused(Period.parse, "31 Dec 2020 to 1 Jan 2020", error=InvalidPeriodError)


class TestLengths:
    """days and last_day describe a closed period and are None for an open one."""

    def test_days(self):
        """days counts the days inside, the end excluded."""
        assert Period(D(2024, 1, 1), D(2025, 1, 1)).days == 366
        assert Period(D(2025, 1, 1), D(2026, 1, 1)).days == 365

    def test_last_day(self):
        """last_day is the day before the end."""
        assert Period(D(2024, 1, 1), D(2024, 3, 1)).last_day == D(2024, 2, 29)

    def test_open_period_has_no_length(self):
        """An open period has no days count and no last day."""
        p = Period(D(2024, 1, 1))
        assert p.days is None
        assert p.last_day is None


class TestIntersection:
    """intersection() and overlaps() find the shared days."""

    def test_overlapping(self):
        """Overlapping periods share the days between the later start and the earlier end."""
        a = Period(D(2024, 1, 1), D(2024, 6, 1))
        b = Period(D(2024, 3, 1), D(2024, 9, 1))
        assert a.intersection(b) == Period(D(2024, 3, 1), D(2024, 6, 1))
        assert b.intersection(a) == a.intersection(b)
        assert a.overlaps(b)
        assert b.overlaps(a)

    def test_touching_periods_do_not_overlap(self):
        """Periods that meet at a boundary share no day."""
        a = Period(D(2024, 1, 1), D(2024, 6, 1))
        b = Period(D(2024, 6, 1), D(2024, 9, 1))
        assert a.intersection(b) is None
        assert not a.overlaps(b)
        assert not b.overlaps(a)

    def test_one_day_overlap(self):
        """Periods sharing a single day overlap on exactly that day."""
        a = Period(D(2024, 1, 1), D(2024, 6, 2))
        b = Period(D(2024, 6, 1), D(2024, 9, 1))
        assert a.intersection(b) == Period(D(2024, 6, 1), D(2024, 6, 2))

    def test_disjoint(self):
        """Periods with a gap between them do not overlap."""
        a = Period(D(2024, 1, 1), D(2024, 2, 1))
        b = Period(D(2024, 3, 1), D(2024, 4, 1))
        assert a.intersection(b) is None
        assert not a.overlaps(b)

    def test_contained(self):
        """A period inside another is their intersection."""
        outer = Period(D(2020, 1, 1), D(2030, 1, 1))
        inner = Period(D(2024, 1, 1), D(2024, 2, 1))
        assert outer.intersection(inner) == inner

    def test_open_and_closed(self):
        """An open period and a closed one share up to the closed end."""
        a = Period(D(2024, 1, 1))
        b = Period(D(2023, 1, 1), D(2024, 6, 1))
        assert a.intersection(b) == Period(D(2024, 1, 1), D(2024, 6, 1))

    def test_both_open(self):
        """Two open periods share an open period from the later start."""
        assert Period(D(2024, 1, 1)).intersection(Period(D(2025, 1, 1))) == Period(D(2025, 1, 1))

    def test_open_after_closed_end(self):
        """An open period starting at a closed one's end does not overlap it."""
        a = Period(D(2024, 6, 1))
        b = Period(D(2024, 1, 1), D(2024, 6, 1))
        assert a.intersection(b) is None
        assert not a.overlaps(b)

    def test_always_is_neutral(self):
        """Intersecting with Period.always() changes nothing."""
        p = Period(D(2024, 1, 1), D(2024, 2, 1))
        assert p.intersection(Period.always()) == p
        assert Period.always().intersection(p) == p

    @pytest.mark.parametrize("other", [None, "2024-01-01..", D(2024, 1, 1)])
    def test_foreign_values_refused(self, other):
        """Something that is not a Period is refused naming the argument."""
        period = Period(D(2024, 1, 1))
        assert facts_of(refused(period.intersection, other)) == ("other", "a Period", other)
        assert facts_of(refused(period.overlaps, other)) == ("other", "a Period", other)


class TestStr:
    """str() writes both days in, so it cannot be misread: '2020-01-01 to 2020-12-31'."""

    def test_closed(self):
        """A closed period shows its first and last days: the end date is not covered."""
        assert str(Period(D(2020, 1, 1), D(2021, 1, 1))) == "2020-01-01 to 2020-12-31"

    def test_open(self):
        """An open period runs from its start onwards."""
        assert str(Period(D(2024, 8, 7))) == "2024-08-07 onwards"

    def test_from_ever(self):
        """A period from the beginning of time runs up to its last day."""
        assert str(Period(D.min, D(2019, 4, 1))) == "up to 2019-03-31"

    def test_always(self):
        """The unbounded period holds at any date."""
        assert str(Period.always()) == "at any date"

    def test_one_day(self):
        """A one-day period shows that day twice."""
        assert str(Period(D(2024, 2, 29), D(2024, 3, 1))) == "2024-02-29 to 2024-02-29"


class TestSortKey:
    """sort_key() orders by start, then end, open ends last."""

    def test_orders_by_start_then_end(self):
        """Sorting by sort_key puts earlier starts first and open ends last among equals."""
        a = Period(D(2024, 1, 1), D(2024, 2, 1))
        b = Period(D(2024, 1, 1))
        c = Period(D(2023, 1, 1), D(2030, 1, 1))
        d = Period(D(2024, 1, 1), D(2024, 3, 1))
        assert sorted([b, d, a, c], key=Period.sort_key) == [c, a, d, b]
