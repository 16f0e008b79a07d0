"""The skills radar chart as plain geometry, drawn by a template as inline SVG: no JavaScript, and the same markup
works in the browser and in WeasyPrint's PDF résumé."""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .levels import SkillLevel

MAX_LEVEL = max(SkillLevel.values)


@dataclass(frozen=True)
class RadarAxis:
    label: str
    level: int
    target: int | None = None


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    anchor: str
    lines: list[str]


FONT_SIZE = 15
LABEL_WIDTH = 16  # characters per line before a skill name wraps


def _wrap(text: str) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= LABEL_WIDTH:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


@dataclass(frozen=True)
class RadarChart:
    view_box: str
    font_size: int
    line_height: int
    center: float
    rings: list[str]
    spokes: list[tuple[float, float]]
    labels: list[Label]
    current: str
    target: str | None
    current_dots: list[tuple[float, float]]


def _point(center: float, radius: float, index: int, count: int, value: float) -> tuple[float, float]:
    # The first axis points straight up; the others follow clockwise.
    angle = -math.pi / 2 + 2 * math.pi * index / count
    distance = radius * value / MAX_LEVEL
    return round(center + distance * math.cos(angle), 1), round(center + distance * math.sin(angle), 1)


def _polygon(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{x},{y}" for x, y in points)


def _label(center: float, radius: float, index: int, count: int, text: str, font_size: int) -> Label:
    x, y = _point(center, radius + 10, index, count, MAX_LEVEL)
    lines = _wrap(text)
    height = (font_size + 2) * (len(lines) - 1)
    if abs(x - center) >= 1:
        # Beside the spoke's end, lines centred on it vertically.
        return Label(
            x=x, y=y + font_size / 3 - height / 2, anchor="start" if x > center else "end", lines=lines
        )
    # Straight above or below the centre: keep the text clear of the spoke's end.
    return Label(x=x, y=y - 4 - height if y < center else y + font_size - 1, anchor="middle", lines=lines)


def radar_chart(
    axes: Sequence[RadarAxis], *, radius: int = 130, label_room: int = 130, font_size: int = FONT_SIZE
) -> RadarChart | None:
    """Current levels (filled) against goals (dashed; a skill without a goal stays at its level) on one axis per
    skill; None with fewer than three skills, where a radar says nothing a bar does not. `label_room` is the width
    left on each side for skill names."""
    count = len(axes)
    if count < 3:
        return None
    center = radius + 3 * font_size + 5
    width = 2 * center + 2 * label_room
    labels = [_label(center, radius, index, count, axis.label, font_size) for index, axis in enumerate(axes)]
    has_targets = any(axis.target is not None for axis in axes)
    current = [_point(center, radius, i, count, axis.level) for i, axis in enumerate(axes)]
    return RadarChart(
        view_box=f"{-label_room} 0 {width} {2 * center}",
        font_size=font_size,
        line_height=font_size + 2,
        center=center,
        rings=[
            _polygon([_point(center, radius, i, count, level) for i in range(count)])
            for level in range(1, MAX_LEVEL + 1)
        ],
        spokes=[_point(center, radius, i, count, MAX_LEVEL) for i in range(count)],
        labels=labels,
        current=_polygon(current),
        target=(
            _polygon(
                [
                    _point(center, radius, i, count, axis.level if axis.target is None else axis.target)
                    for i, axis in enumerate(axes)
                ]
            )
            if has_targets
            else None
        ),
        current_dots=current,
    )


@dataclass(frozen=True)
class FunnelBar:
    label: str
    y: float
    started: int | None  # None: under the privacy floor, not drawn
    completed: int | None
    started_width: float
    completed_width: float


@dataclass(frozen=True)
class FunnelChart:
    view_box: str
    bar_x: int
    bar_height: int
    bars: list[FunnelBar]


FUNNEL_LABEL_WIDTH = 260
FUNNEL_BAR_WIDTH = 320
FUNNEL_ROW = 30
FUNNEL_LABEL_LENGTH = 34  # characters of a lesson title before it is cut


def _short(text: str) -> str:
    return text if len(text) <= FUNNEL_LABEL_LENGTH else text[: FUNNEL_LABEL_LENGTH - 1].rstrip() + "…"


def funnel_chart(steps: Sequence[tuple[str, int | None, int | None]]) -> FunnelChart | None:
    """A module's lessons as horizontal bars: learners who started each (light) and completed it (dark, over it),
    scaled to the most started. `steps`: (label, started, completed), counts None where hidden. None without steps."""
    if not steps:
        return None
    most = max((started or 0 for _label, started, _completed in steps), default=0) or 1
    bars = [
        FunnelBar(
            label=_short(label),
            y=index * FUNNEL_ROW,
            started=started,
            completed=completed,
            started_width=round(FUNNEL_BAR_WIDTH * (started or 0) / most, 1),
            completed_width=round(FUNNEL_BAR_WIDTH * (completed or 0) / most, 1),
        )
        for index, (label, started, completed) in enumerate(steps)
    ]
    width = FUNNEL_LABEL_WIDTH + FUNNEL_BAR_WIDTH + 90  # room for the counts after the longest bar
    return FunnelChart(
        view_box=f"0 0 {width} {len(steps) * FUNNEL_ROW}",
        bar_x=FUNNEL_LABEL_WIDTH,
        bar_height=FUNNEL_ROW - 8,
        bars=bars,
    )
