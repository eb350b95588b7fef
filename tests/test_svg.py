"""Tests for `indemnity.svg`: a timeline's picture is well formed, one band per membership."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indemnity import (
    Activity,
    InvalidFieldError,
    MembershipPeriod,
    Period,
    Portfolio,
    Timeline,
    renewals,
    timeline_svg,
    uk,
)
from tests import builders
from tests.builders import ALL_KINDS, D, cite, cover
from tests.strategies import window_activities, window_portfolios, window_spans

NS = {"svg": "http://www.w3.org/2000/svg"}
SOURCE = cite("Policy cover is provided on a claims-made basis", "mduconnect-brochure")
ALL_MATTERS = tuple(m.name for m in uk.vocabulary().matters)
PRIVATE = Activity.of("private-practice")


def scheme(key: str, basis: str, kinds: tuple[str, ...] = ALL_KINDS):
    """A scheme covering every matter for `kinds`, in England."""
    return builders.scheme(
        key,
        covers=(
            cover(
                "all",
                matters=ALL_MATTERS,
                activities=kinds,
                territory=("england",),
                source=SOURCE,
            ),
        ),
        basis=basis,
        name=key.upper(),
        operator="Operator",
        source=SOURCE,
    )


def switcher() -> Portfolio:
    """An MDO, a gap, three claims-made years without run-off, an MDO again, an NHS job."""
    nhs = scheme("trust", "occurrence", ("nhs-contracted-care",))
    return Portfolio(
        (
            MembershipPeriod(scheme("mdo", "occurrence"), Period(D(2020, 1, 1), D(2022, 12, 1))),
            *renewals(scheme("policy", "claims-made"), D(2023, 1, 1), count=3, label="Policy"),
            MembershipPeriod(scheme("mdu", "occurrence"), Period(D(2026, 1, 1))),
            MembershipPeriod(nhs, Period(D(2021, 1, 1), D(2024, 1, 1)), label="NHS trust"),
        ),
        holder="Dr B",
    )


def parse(text: str) -> ET.Element:
    """The root of an SVG document."""
    root = ET.fromstring(text)  # noqa: S314 - our own output, not untrusted input
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return root


def marks(root: ET.Element, cls: str) -> list[ET.Element]:
    """The elements of class `cls`."""
    return [e for e in root.iter() if e.get("class") == cls]


class TestPicture:
    """What the picture shows."""

    def test_it_is_svg_with_a_title_and_a_size(self):
        """The document parses as SVG, has a title and a width, height and view box."""
        timeline = Timeline.of(switcher(), PRIVATE, "england", "2020-01-01..2028-01-01")
        root = parse(timeline_svg(timeline))
        assert root.find("svg:title", NS).text == "Dr B: cover over time"
        assert root.get("width") == "960"
        assert root.get("viewBox") == f"0 0 960 {root.get('height')}"

    def test_one_band_per_membership(self):
        """Every membership has a band, and only one."""
        held = switcher()
        timeline = Timeline.of(held, PRIVATE, "england", "2020-01-01..2028-01-01")
        root = parse(timeline_svg(timeline))
        assert len(marks(root, "band")) == len(held)
        assert len(marks(root, "membership")) == len(held)

    def test_each_gap_is_marked(self):
        """Every gap of the timeline is a red mark with its description as a tooltip."""
        timeline = Timeline.of(switcher(), PRIVATE, "england", "2020-01-01..2028-01-01")
        gaps = marks(parse(timeline_svg(timeline)), "gap")
        assert len(gaps) == len(timeline.gaps) == 1
        assert gaps[0].find("svg:title", NS).text == timeline.gaps[0].describe()

    def test_the_plane_shows_the_gap_for_later_claims(self):
        """With a horizon, the claims-made years left without run-off are red in the plane."""
        timeline = Timeline.of(
            switcher(),
            PRIVATE,
            "england",
            "2020-01-01..2028-01-01",
            claim_horizon=D(2033, 1, 1),
        )
        root = parse(timeline_svg(timeline))
        assert len(marks(root, "gap")) == len(timeline.gaps) == 2
        assert len(marks(root, "plane-gap")) == 2
        assert any(t.text == "not covered" for t in root.iter("{http://www.w3.org/2000/svg}text"))

    def test_basis_nose_and_run_off_are_marked(self):
        """Claims-made bands show prior acts before them and run-off after."""
        policy = scheme("policy", "claims-made")
        held = Portfolio(
            (
                MembershipPeriod(
                    policy,
                    Period(D(2023, 1, 1), D(2024, 1, 1)),
                    retroactive_date=D(2022, 1, 1),
                    run_off_end=D(2027, 1, 1),
                ),
            )
        )
        timeline = Timeline.of(held, PRIVATE, "england", "2022-01-01..2024-01-01")
        root = parse(timeline_svg(timeline, title="One policy"))
        assert len(marks(root, "nose")) == 1
        assert len(marks(root, "run-off")) == 1
        assert root.find("svg:title", NS).text == "One policy"

    def test_a_membership_that_does_not_answer_is_grey(self):
        """A band for work its scheme does not cover is drawn grey and says so."""
        timeline = Timeline.of(switcher(), PRIVATE, "england", "2020-01-01..2028-01-01")
        text = timeline_svg(timeline)
        assert "does not answer here" in text
        assert 'fill="#cbd5e1"' in text

    def test_an_empty_portfolio_is_one_gap(self):
        """An empty portfolio draws no band and one gap."""
        timeline = Timeline.of(
            Portfolio(), Activity.of("good-samaritan"), "wales", "2024-01-01..2024-03-01"
        )
        root = parse(timeline_svg(timeline))
        assert marks(root, "band") == []
        assert len(marks(root, "gap")) == 1

    @pytest.mark.parametrize("width", [479, "960", True, 960.0])
    def test_a_bad_width_is_refused(self, width):
        """The width is a whole number of pixels, 480 or more."""
        timeline = Timeline.of(
            Portfolio(), Activity.of("good-samaritan"), "wales", "2024-01-01..2024-03-01"
        )
        with pytest.raises(InvalidFieldError) as info:
            timeline_svg(timeline, width=width)
        assert type(info.value) is InvalidFieldError
        assert (info.value.field, info.value.got) == ("width", width)
        assert info.value.expected == "a whole number of pixels, 480 or more"

    def test_only_a_timeline_is_drawn(self):
        """Anything but a timeline is refused with the library's own error."""
        held = switcher()
        with pytest.raises(InvalidFieldError) as info:
            timeline_svg(held)  # type: ignore[arg-type]
        assert type(info.value) is InvalidFieldError
        assert (info.value.field, info.value.expected, info.value.got) == (
            "timeline",
            "a Timeline",
            held,
        )

    @given(
        portfolio=window_portfolios,
        activity=window_activities,
        span=window_spans(),
        horizon=st.none() | st.integers(0, 400),
    )
    def test_every_picture_parses_with_a_band_per_membership_and_a_mark_per_gap(
        self, portfolio, activity, span, horizon
    ):
        """Any timeline draws as SVG with one band per membership and one mark per gap."""
        end = None if horizon is None else span.end + dt.timedelta(days=horizon)
        timeline = Timeline.of(portfolio, activity, "england", span, claim_horizon=end)
        root = parse(timeline_svg(timeline))
        assert len(marks(root, "band")) == len(portfolio)
        assert len(marks(root, "gap")) == len(timeline.gaps)
        if end is not None:
            assert len(marks(root, "plane-gap")) == len(timeline.gaps)
