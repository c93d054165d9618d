"""The radar chart of pillar levels against the three-year targets.

The lines and markers are SVG, but every text around them (pillar names,
levels, ring numbers) is HTML placed over the SVG. WeasyPrint 70 draws SVG
text without shaping, so Thai, Khmer or Burmese marks would come out detached
or out of order; HTML text goes through Pango and HarfBuzz. The series stay
apart in black and white: a solid line with dots for today, a dashed line
with squares for the target, a dotted line with triangles for the peers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from markupsafe import Markup

from questionnaires.model import LEVEL_COUNT
from reports.content import Report
from reports.templating import ENVIRONMENT

WIDTH = 680
HEIGHT = 500
RADIUS = 165
# Room between the outer ring and a pillar's label, in CSS pixels.
LABEL_GAP = 14


@dataclass(frozen=True)
class Point:
    x: float
    y: float

    def __str__(self) -> str:
        return f"{self.x:.1f},{self.y:.1f}"


@dataclass(frozen=True)
class AxisLabel:
    title: str
    value: str
    at: Point
    # CSS translate() percentages that put the box on the correct side of `at`.
    shift_x: int
    shift_y: int
    align: str


@dataclass(frozen=True)
class Series:
    """One line around the chart, broken where a pillar has no value."""

    segments: tuple[tuple[Point, Point], ...]
    markers: tuple[Point, ...]


@dataclass(frozen=True)
class RadarChart:
    width: int
    height: int
    center: Point
    rings: tuple[str, ...]
    ring_labels: tuple[tuple[str, Point], ...]
    axes: tuple[Point, ...]
    labels: tuple[AxisLabel, ...]
    today: Series
    target: Series
    peers: Series | None


def radar_chart(report: Report) -> RadarChart:
    """Lay out the chart: one axis per pillar, clockwise from the top, level 0 at the centre."""
    center = Point(WIDTH / 2, HEIGHT / 2)
    count = len(report.pillars)
    angles = [2 * math.pi * index / count for index in range(count)]

    def at(angle: float, level: float) -> Point:
        distance = RADIUS * level / LEVEL_COUNT
        return Point(center.x + distance * math.sin(angle), center.y - distance * math.cos(angle))

    rings = tuple(
        " ".join(str(at(angle, level)) for angle in angles) for level in range(1, LEVEL_COUNT + 1)
    )
    # Ring numbers sit halfway between the first two axes, where no marker falls.
    ring_labels = tuple(
        (report.level_numbers[level - 1], at(math.pi / count, level))
        for level in range(1, LEVEL_COUNT + 1)
    )
    axes = tuple(at(angle, LEVEL_COUNT) for angle in angles)
    labels = tuple(
        _label(pillar.title, pillar.level_text, angle, at(angle, LEVEL_COUNT))
        for pillar, angle in zip(report.pillars, angles, strict=True)
    )

    def series(values: Sequence[int | Fraction | None]) -> Series:
        points = [
            None if value is None else at(angle, float(value))
            for value, angle in zip(values, angles, strict=True)
        ]
        return _series(points)

    peer_values = [pillar.peer_level for pillar in report.pillars]
    return RadarChart(
        width=WIDTH,
        height=HEIGHT,
        center=center,
        rings=rings,
        ring_labels=ring_labels,
        axes=axes,
        labels=labels,
        today=series([pillar.level for pillar in report.pillars]),
        target=series([pillar.target for pillar in report.pillars]),
        peers=series(peer_values) if any(value is not None for value in peer_values) else None,
    )


def chart_html(report: Report) -> Markup:
    """Render the chart and its legend as an HTML fragment for the PDF and the photo."""
    template = ENVIRONMENT.get_template("chart.html.j2")
    return Markup(template.render(chart=radar_chart(report), labels=report.labels))


def _label(title: str, value: str, angle: float, tip: Point) -> AxisLabel:
    direction_x, direction_y = math.sin(angle), -math.cos(angle)
    anchor = Point(tip.x + LABEL_GAP * direction_x, tip.y + LABEL_GAP * direction_y)
    shift_x, align = _horizontal(direction_x)
    shift_y = _vertical(direction_y)
    return AxisLabel(title, value, anchor, shift_x, shift_y, align)


def _horizontal(direction: float) -> tuple[int, str]:
    if direction > 0.2:
        return 0, "left"
    if direction < -0.2:
        return -100, "right"
    return -50, "center"


def _vertical(direction: float) -> int:
    if direction < -0.2:
        return -100
    if direction > 0.2:
        return 0
    return -50


def _series(points: list[Point | None]) -> Series:
    """Join each point to the next around the circle, skipping pillars without a value."""
    segments = []
    for index, point in enumerate(points):
        following = points[(index + 1) % len(points)]
        if point is not None and following is not None and len(points) > 1:
            segments.append((point, following))
    markers = tuple(point for point in points if point is not None)
    return Series(tuple(segments), markers)
