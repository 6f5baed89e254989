"""Tiny inline SVG charts: one weekly series as a line or bars, on a shared week axis."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

__all__ = ["weekly_chart"]

_WIDTH, _HEIGHT, _LEFT, _BOTTOM, _TOP = 720, 150, 48, 22, 12


def _ticks(low: float, high: float) -> list[float]:
    if not math.isfinite(low) or not math.isfinite(high) or high <= low:
        return [low] if math.isfinite(low) else []
    return [low + (high - low) * i / 3 for i in range(4)]


def weekly_chart(
    title: str,
    values: Sequence[float],
    week_labels: Sequence[str],
    *,
    unit: str = "",
    bars: bool = False,
    colour: str = "#1f5f8b",
) -> str:
    """An accessible SVG chart (``role="img"`` with a title) of one value per week; NaN = gap."""
    finite = [v for v in values if math.isfinite(v)]
    plot_w = _WIDTH - _LEFT - 8
    plot_h = _HEIGHT - _TOP - _BOTTOM
    count = max(len(values), 1)
    low = 0.0 if bars else (min(finite) if finite else 0.0)
    high = max(finite) if finite else 1.0
    if high <= low:
        high = low + 1.0

    def x(index: float) -> float:
        return _LEFT + plot_w * (index + 0.5) / count

    def y(value: float) -> float:
        return _TOP + plot_h * (1 - (value - low) / (high - low))

    parts = [
        f'<svg viewBox="0 0 {_WIDTH} {_HEIGHT}" role="img" aria-label="{escape(title)}" '
        'xmlns="http://www.w3.org/2000/svg" class="chart">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{_LEFT}" y1="{_TOP + plot_h}" x2="{_WIDTH - 8}" y2="{_TOP + plot_h}" '
        'stroke="#888"/>',
    ]
    for tick in _ticks(low, high):
        parts.append(
            f'<text x="{_LEFT - 4}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="10">'
            f"{tick:.3g}</text>"
        )
    if bars:
        width = max(plot_w / count - 2, 1)
        for index, value in enumerate(values):
            if math.isfinite(value) and value > 0:
                parts.append(
                    f'<rect x="{x(index) - width / 2:.1f}" y="{y(value):.1f}" width="{width:.1f}" '
                    f'height="{_TOP + plot_h - y(value):.1f}" fill="{colour}"/>'
                )
    else:
        segment: list[str] = []
        for index, value in enumerate([*values, math.nan]):
            if math.isfinite(value):
                segment.append(f"{x(index):.1f},{y(value):.1f}")
                parts.append(
                    f'<circle cx="{x(index):.1f}" cy="{y(value):.1f}" r="2" fill="{colour}"/>'
                )
            elif segment:
                parts.append(
                    f'<polyline points="{" ".join(segment)}" fill="none" stroke="{colour}" '
                    'stroke-width="1.5"/>'
                )
                segment = []
    step = max(count // 8, 1)
    for index in range(0, len(week_labels), step):
        parts.append(
            f'<text x="{x(index):.1f}" y="{_HEIGHT - 6}" text-anchor="middle" font-size="10">'
            f"{escape(week_labels[index])}</text>"
        )
    parts.append(
        f'<text x="{_LEFT}" y="{_TOP - 2}" font-size="11" font-weight="bold">'
        f"{escape(title)}{' (' + escape(unit) + ')' if unit else ''}</text>"
    )
    parts.append("</svg>")
    return "\n".join(parts)
