"""A picture of a timeline: an SVG drawn by hand, with no dependency.

`timeline_svg` draws one band per membership (occurrence or claims-made,
with prior-acts cover before a claims-made policy and run-off after it),
then the answer over the span: covered, undetermined, and gaps in red. With
a claim horizon it adds the plane of incident dates (across) and claim dates
(down), where a claims-made policy left without run-off shows as a red
region of later claims. Dates run along an axis; a legend explains the marks.

The picture is plain SVG 1.1, readable in a browser and embeddable in the
docs. Elements carry classes (``band``, ``gap``, ``plane-gap``, ...) and a
``<title>`` each, so a browser shows what a mark is on hover and a test can
count the marks.
"""

from __future__ import annotations

import datetime as _dt
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import attrs

from indemnity._records import fields_repr
from indemnity._validate import replace_unsafe
from indemnity.errors import InvalidFieldError
from indemnity.holdings.membership import MembershipPeriod
from indemnity.model.basis import Basis
from indemnity.model.decision import Outcome
from indemnity.model.period import Period
from indemnity.timelines.timeline import Stretch, Timeline

__all__ = ["timeline_svg"]

_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
_INK = "#1f2937"
_MUTED = "#6b7280"
_RULE = "#d1d5db"
_BASIS = {Basis.OCCURRENCE: "#2563eb", Basis.CLAIMS_MADE: "#7c3aed"}
_IDLE = "#cbd5e1"
_OUTCOME = {
    Outcome.COVERED: "#16a34a",
    Outcome.UNDETERMINED: "#f59e0b",
    Outcome.NOT_COVERED: "#dc2626",
}
_LEFT = 210
_RIGHT = 28
_ROW = 36
_BAND = 16
_LABEL = 34
_MIN_WIDTH = 480
_DECEMBER = 12


def timeline_svg(timeline: Timeline, *, title: str | None = None, width: int = 960) -> str:
    """Draw `timeline` as an SVG document.

    Args:
        timeline: The timeline to draw (from `Timeline.of`).
        title: The heading; by default it names the holder and the activity.
        width: The width of the picture in pixels, 480 or more.

    Returns:
        The SVG document as text.

    Text that XML cannot hold (control characters, lone surrogates,
    noncharacters: a holder's name built in code may have them) is drawn as
    U+FFFD, so the picture is always valid XML.

    Raises:
        InvalidFieldError: `timeline` is not a `Timeline`, or `width` is too small
            (or not a whole number), or `title` is not text.
    """
    if not isinstance(timeline, Timeline):
        raise InvalidFieldError("timeline", "a Timeline", timeline)
    if isinstance(width, bool) or not isinstance(width, int) or width < _MIN_WIDTH:
        raise InvalidFieldError("width", f"a whole number of pixels, {_MIN_WIDTH} or more", width)
    if title is not None and not isinstance(title, str):
        raise InvalidFieldError("title", "text, or None for the default heading", title)
    return _Drawing(timeline, width, title).render()


@attrs.define
class _Drawing:
    __repr__ = fields_repr

    timeline: Timeline
    width: int
    title: str | None
    root: ET.Element = attrs.field(init=False)
    y: float = 0.0

    def render(self) -> str:
        tl = self.timeline
        self.root = ET.Element(
            "svg",
            {
                "xmlns": "http://www.w3.org/2000/svg",
                "version": "1.1",
                "width": str(self.width),
                "font-family": _FONT,
                "font-size": "13",
                "fill": _INK,
            },
        )
        ET.SubElement(self.root, "title").text = self._heading()
        self._defs()
        background = ET.SubElement(
            self.root, "rect", {"x": "0", "y": "0", "width": str(self.width), "fill": "#ffffff"}
        )
        self._text(16, 30, self._heading(), size=18, weight="bold")
        self._text(16, 52, self._subtitle(), size=13, fill=_MUTED)
        self.y = 74
        for i, m in enumerate(tl.portfolio.memberships):
            self._membership(i, m)
        if not tl.portfolio.memberships:
            self._text(16, self.y + 20, "(no memberships)", fill=_MUTED)
            self.y += _ROW
        self._answer_row()
        self._axis(self.y + 4, labels=True)
        self.y += 34
        if tl.claim_horizon is not None:
            self._plane(tl.claim_horizon)
        self._legend()
        height = f"{self.y + 12:.0f}"
        self.root.set("height", height)
        self.root.set("viewBox", f"0 0 {self.width} {height}")
        background.set("height", height)
        _clean(self.root)
        ET.indent(self.root, space="  ")
        return ET.tostring(self.root, encoding="unicode") + "\n"

    # --- scale ---------------------------------------------------------------------

    @property
    def start(self) -> _dt.date:
        return self.timeline.span.start

    @property
    def end(self) -> _dt.date:
        horizon = self.timeline.claim_horizon
        assert self.timeline.span.end is not None  # noqa: S101 - a timeline's span has an end
        return horizon if horizon is not None else self.timeline.span.end

    def x(self, day: _dt.date | None) -> float:
        """The horizontal position of `day`, clipped to the axis (None: its far end)."""
        total = (self.end - self.start).days
        if day is None or day >= self.end:
            days = total
        elif day <= self.start:
            days = 0
        else:
            days = (day - self.start).days
        return _LEFT + (self.width - _LEFT - _RIGHT) * days / total

    # --- parts ---------------------------------------------------------------------

    def _heading(self) -> str:
        if self.title is not None:
            return self.title
        who = self.timeline.portfolio.holder or "A portfolio"
        return f"{who}: cover over time"

    def _subtitle(self) -> str:
        tl = self.timeline
        claims = (
            f"; claims made before {tl.claim_horizon}"
            if tl.claim_horizon is not None
            else "; whenever claimed"
        )
        return (
            f"{tl.matter.label.capitalize()} from {tl.activity.kind.name}"
            f" in {tl.jurisdiction.label}; incidents {tl.span}{claims}"
        )

    def _defs(self) -> None:
        defs = ET.SubElement(self.root, "defs")
        patterns = {
            "hatch-occurrence": _BASIS[Basis.OCCURRENCE],
            "hatch-claims-made": _BASIS[Basis.CLAIMS_MADE],
            "hatch-gap": _OUTCOME[Outcome.NOT_COVERED],
            "hatch-idle": "#94a3b8",
        }
        for name, colour in patterns.items():
            pattern = ET.SubElement(
                defs,
                "pattern",
                {
                    "id": name,
                    "patternUnits": "userSpaceOnUse",
                    "width": "6",
                    "height": "6",
                    "patternTransform": "rotate(45)",
                },
            )
            ET.SubElement(
                pattern,
                "rect",
                {"width": "6", "height": "6", "fill": colour, "fill-opacity": "0.12"},
            )
            ET.SubElement(pattern, "rect", {"width": "2.5", "height": "6", "fill": colour})

    def _membership(self, index: int, m: MembershipPeriod) -> None:
        top = self.y + (_ROW - _BAND) / 2
        answer = _answer(self.timeline, m)
        colour = _BASIS[m.basis] if answer is not Outcome.NOT_COVERED else _IDLE
        hatch = (
            f"url(#hatch-{m.basis.value})"
            if answer is not Outcome.NOT_COVERED
            else ("url(#hatch-idle)")
        )
        label = _shorten(m.describe(), 31)
        note = m.basis.value
        if answer is Outcome.NOT_COVERED:
            note += ", does not answer here"
        elif answer is Outcome.UNDETERMINED:
            note += ", may answer"
        self._text(16, self.y + 15, label, size=12)
        self._text(16, self.y + 29, note, size=11, fill=_MUTED)
        group = ET.SubElement(self.root, "g", {"class": "membership", "data-index": str(index)})
        if m.basis is Basis.CLAIMS_MADE and m.incidents.start < m.period.start:
            self._rect(
                group,
                (m.incidents.start, m.period.start),
                (top + 3, _BAND - 6),
                fill=hatch,
                cls="nose",
                tip=f"{m.describe()}: prior acts from {m.incidents.start} (retroactive date)",
            )
        band = self._rect(
            group,
            (m.period.start, m.period.end),
            (top, _BAND),
            fill=colour,
            cls="band",
            tip=f"{m.describe()}: {m.basis.value}, held {m.period}",
        )
        if answer is Outcome.UNDETERMINED:
            band.set("fill-opacity", "0.55")
        if m.run_off_end is not None and m.period.end is not None:
            self._rect(
                group,
                (m.period.end, m.run_off_end),
                (top + 3, _BAND - 6),
                fill=hatch,
                cls="run-off",
                tip=f"{m.describe()}: run-off, claims until {m.run_off_end}",
            )
        if m.period.end is None or m.period.end > self.end:
            self._arrow(group, top + _BAND / 2, colour)
        self.y += _ROW

    def _answer_row(self) -> None:
        tl = self.timeline
        self.y += 6
        ET.SubElement(
            self.root,
            "line",
            {
                "x1": "16",
                "x2": str(self.width - _RIGHT),
                "y1": f"{self.y:.1f}",
                "y2": f"{self.y:.1f}",
                "stroke": _RULE,
            },
        )
        self.y += 4
        self._text(16, self.y + 16, "Answer", size=13, weight="bold")
        top = self.y + (_ROW - _BAND) / 2
        group = ET.SubElement(self.root, "g", {"class": "answer"})
        order = {Outcome.COVERED: 0, Outcome.UNDETERMINED: 1, Outcome.NOT_COVERED: 2}
        for stretch in sorted(tl.stretches, key=lambda s: order[s.outcome]):
            partial = stretch.is_gap and stretch.claims is not None
            fill = "url(#hatch-gap)" if partial else _OUTCOME[stretch.outcome]
            kind = {
                Outcome.COVERED: "covered",
                Outcome.UNDETERMINED: "undetermined",
                Outcome.NOT_COVERED: "gap",
            }[stretch.outcome]
            self._rect(
                group,
                (stretch.incidents.start, stretch.incidents.end),
                (top, _BAND),
                fill=fill,
                cls=kind,
                tip=stretch.describe(),
            )
        self.y += _ROW

    def _axis(self, y: float, *, labels: bool) -> None:
        ET.SubElement(
            self.root,
            "line",
            {
                "class": "axis",
                "x1": f"{_LEFT}",
                "x2": f"{self.width - _RIGHT}",
                "y1": f"{y:.1f}",
                "y2": f"{y:.1f}",
                "stroke": _MUTED,
            },
        )
        for day, text in _ticks(self.start, self.end, most=(self.width - _LEFT - _RIGHT) // 64):
            x = self.x(day)
            ET.SubElement(
                self.root,
                "line",
                {
                    "x1": f"{x:.1f}",
                    "x2": f"{x:.1f}",
                    "y1": f"{y:.1f}",
                    "y2": f"{y + 5:.1f}",
                    "stroke": _MUTED,
                },
            )
            if labels:
                self._text(x, y + 19, text, size=12, fill=_MUTED, anchor="middle", cls="tick")

    def _plane(self, horizon: _dt.date) -> None:
        tl = self.timeline
        caption = ET.SubElement(
            self.root, "text", {"x": "16", "y": f"{self.y + 14:.1f}", "font-size": "13"}
        )
        ET.SubElement(caption, "tspan", {"font-weight": "bold"}).text = "Claims made later"
        ET.SubElement(
            caption, "tspan", {"fill": _MUTED, "font-size": "12"}
        ).text = "  incident date across, claim date down: who answers a claim made on each date"
        self.y += 14
        top = self.y + 8
        height = 180.0
        bottom = top + height

        def cy(day: _dt.date | None) -> float:
            total = (horizon - self.start).days
            days = total if day is None or day >= horizon else max(0, (day - self.start).days)
            return top + height * days / total

        ET.SubElement(
            self.root,
            "rect",
            {
                "x": f"{_LEFT}",
                "y": f"{top:.1f}",
                "width": f"{self.width - _LEFT - _RIGHT}",
                "height": f"{height:.1f}",
                "fill": "#f8fafc",
                "stroke": _RULE,
            },
        )
        group = ET.SubElement(self.root, "g", {"class": "plane"})
        for stretch in tl.stretches:
            points = _region(stretch, horizon)
            path = " ".join(f"{self.x(i):.1f},{cy(c):.1f}" for i, c in points)
            kind = "plane-gap" if stretch.is_gap else f"plane-{stretch.outcome.value}"
            polygon = ET.SubElement(
                group,
                "polygon",
                {
                    "class": kind,
                    "points": path,
                    "fill": _OUTCOME[stretch.outcome],
                    "fill-opacity": "0.85" if stretch.is_gap else "0.35",
                },
            )
            ET.SubElement(polygon, "title").text = stretch.describe()
            xs = [self.x(i) for i, _ in points]
            ys = [cy(c) for _, c in points]
            if stretch.is_gap and max(xs) - min(xs) > 90 and max(ys) - min(ys) > 24:  # noqa: PLR2004
                self._text(
                    (min(xs) + max(xs)) / 2,
                    (min(ys) + max(ys)) / 2 + 4,
                    "not covered",
                    size=12,
                    fill="#ffffff",
                    weight="bold",
                    anchor="middle",
                )
        span_end = tl.span.end
        ET.SubElement(
            self.root,
            "line",
            {
                "class": "diagonal",
                "x1": f"{self.x(self.start):.1f}",
                "y1": f"{cy(self.start):.1f}",
                "x2": f"{self.x(span_end):.1f}",
                "y2": f"{cy(span_end):.1f}",
                "stroke": _MUTED,
                "stroke-dasharray": "4 3",
            },
        )
        for day, text in _ticks(self.start, horizon, most=int(height // 20)):
            y = cy(day)
            ET.SubElement(
                self.root,
                "line",
                {
                    "x1": f"{_LEFT - 5}",
                    "x2": f"{_LEFT}",
                    "y1": f"{y:.1f}",
                    "y2": f"{y:.1f}",
                    "stroke": _MUTED,
                },
            )
            self._text(_LEFT - 8, y + 4, text, size=11, fill=_MUTED, anchor="end")
        self.y = bottom + 8
        self._axis(self.y, labels=True)
        self.y += 32

    def _legend(self) -> None:
        items = [
            ("swatch", _BASIS[Basis.OCCURRENCE], "occurrence"),
            ("swatch", _BASIS[Basis.CLAIMS_MADE], "claims-made"),
            ("swatch", "url(#hatch-claims-made)", "prior acts / run-off"),
            ("swatch", _IDLE, "does not answer"),
            ("swatch", _OUTCOME[Outcome.COVERED], "covered"),
            ("swatch", _OUTCOME[Outcome.UNDETERMINED], "undetermined"),
            ("swatch", _OUTCOME[Outcome.NOT_COVERED], "gap"),
            ("swatch", "url(#hatch-gap)", "gap for later claims"),
        ]
        group = ET.SubElement(self.root, "g", {"class": "legend"})
        x, y = 16.0, self.y + 6
        for _, fill, text in items:
            step = 26 + 7.2 * len(text)
            if x + step > self.width - _RIGHT:
                x, y = 16.0, y + 22
            ET.SubElement(
                group,
                "rect",
                {
                    "x": f"{x:.1f}",
                    "y": f"{y:.1f}",
                    "width": "14",
                    "height": "12",
                    "fill": fill,
                    "stroke": _RULE,
                },
            )
            label = ET.SubElement(
                group,
                "text",
                {"x": f"{x + 19:.1f}", "y": f"{y + 11:.1f}", "font-size": "12"},
            )
            label.text = text
            x += step
        self.y = y + 20

    # --- primitives ----------------------------------------------------------------

    def _rect(
        self,
        parent: ET.Element,
        dates: tuple[_dt.date, _dt.date | None],
        place: tuple[float, float],
        *,
        fill: str,
        cls: str,
        tip: str,
    ) -> ET.Element:
        start, end = dates
        top, height = place
        left = self.x(start)
        right = max(self.x(end), left + 1.5)
        rect = ET.SubElement(
            parent,
            "rect",
            {
                "class": cls,
                "x": f"{left:.1f}",
                "y": f"{top:.1f}",
                "width": f"{right - left:.1f}",
                "height": f"{height:.1f}",
                "rx": "2",
                "fill": fill,
            },
        )
        ET.SubElement(rect, "title").text = tip
        return rect

    def _arrow(self, parent: ET.Element, middle: float, colour: str) -> None:
        tip = self.width - _RIGHT + 10
        base = self.width - _RIGHT + 1
        ET.SubElement(
            parent,
            "polygon",
            {
                "class": "continues",
                "points": f"{base},{middle - 6:.1f} {tip},{middle:.1f} {base},{middle + 6:.1f}",
                "fill": colour,
            },
        )

    def _text(
        self,
        x: float,
        y: float,
        text: str,
        *,
        size: int = 13,
        fill: str | None = None,
        weight: str | None = None,
        anchor: str | None = None,
        cls: str | None = None,
    ) -> None:
        attrs_ = {"x": f"{x:.1f}", "y": f"{y:.1f}", "font-size": str(size)}
        if fill is not None:
            attrs_["fill"] = fill
        if weight is not None:
            attrs_["font-weight"] = weight
        if anchor is not None:
            attrs_["text-anchor"] = anchor
        if cls is not None:
            attrs_["class"] = cls
        ET.SubElement(self.root, "text", attrs_).text = text


def _answer(timeline: Timeline, m: MembershipPeriod) -> Outcome:
    """How `m`'s scheme answers the timeline's situation, dates aside."""
    window = m.incidents.intersection(m.scheme.in_force)
    if window is None:
        return Outcome.NOT_COVERED
    return m.scheme.answer(timeline.situation, m.options).outcome


def _region(stretch: Stretch, horizon: _dt.date) -> list[tuple[_dt.date, _dt.date]]:
    """The corners of a region of the plane, a claim never before its incident."""
    p, q = stretch.incidents.start, stretch.incidents.end
    assert q is not None  # noqa: S101 - a stretch has an end
    claims = stretch.claims or Period(_dt.date.min, horizon)
    low, high = claims.start, claims.end or horizon
    if low <= p:
        return [(p, p), (q, q), (q, high), (p, high)]
    return [(p, low), (q, low), (q, high), (p, high)]


def _ticks(start: _dt.date, end: _dt.date, *, most: int) -> Iterator[tuple[_dt.date, str]]:
    """At most `most` dates for axis ticks: every year or few years, or every few months.

    Any span of the calendar is drawn, from 0001-01-01 to 9999-12-31.
    """
    days = (end - start).days
    most = max(2, most)
    if days > 2 * 366:
        years = days / 365.25
        step = next((s for s in _YEAR_STEPS if years / s < most), _YEAR_STEPS[-1])
        first = start.year + (1 if (start.month, start.day) != (1, 1) else 0)
        first += (-first) % step
        for year in range(first, end.year + 1, step):
            day = _dt.date(year, 1, 1)
            if start <= day <= end:
                yield day, str(year)
        return
    step = next(s for s in (1, 2, 3, 6, 12) if days / 30.4 / s < most)
    month: _dt.date | None = _dt.date(start.year, start.month, 1)
    if month is not None and month < start:
        month = _next_month(month)
    while month is not None and month <= end:
        if (month.month - 1) % step == 0:
            yield month, month.strftime("%b %Y" if month.month == 1 or step > 1 else "%b")
        month = _next_month(month)


_YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)


def _next_month(day: _dt.date) -> _dt.date | None:
    """The first of the month after `day`'s, or None after December 9999."""
    if day.month != _DECEMBER:
        return day.replace(month=day.month + 1, day=1)
    if day.year == _dt.MAXYEAR:
        return None
    return _dt.date(day.year + 1, 1, 1)


def _clean(root: ET.Element) -> None:
    """Replace what XML cannot hold (control characters, lone surrogates, noncharacters) by U+FFFD.

    Files holding such text are refused on loading; text built in code may still hold it.
    """
    for element in root.iter():
        if element.text:
            element.text = replace_unsafe(element.text)
        for key, value in element.attrib.items():
            element.set(key, replace_unsafe(value))


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "\u2026"
