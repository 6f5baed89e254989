"""SVG charts of the evidence page, drawn on the server (no script needed to see them).

* :func:`interval_chart`: a forest-style row — the personal estimate as a square, its
  confidence interval as a line, against a dashed line at zero ("no effect").
* :func:`marker_chart`: the weekly running marker over time, with the weeks that had
  lower-body strength work shaded.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from html import escape

__all__ = ["interval_chart", "marker_chart", "signed"]

_SVG = 'xmlns="http://www.w3.org/2000/svg" role="img"'


def signed(value: float, digits: int = 2) -> str:
    """``+0.06`` / ``−0.13`` with a real minus sign, as the page prints numbers."""
    return f"{value:+.{digits}f}".replace("-", "−")


def _nice_half_range(low: float, high: float) -> float:
    reach = max(abs(low), abs(high), 1e-9) * 1.15
    magnitude = 10 ** math.floor(math.log10(reach))
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= reach:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def interval_chart(
    estimate: float, low: float, high: float, *, label: str, unit: str, digits: int = 2
) -> str:
    """One estimate with its interval on an axis centred on zero."""
    width, height, left, right = 480, 112, 30, 30
    half = _nice_half_range(low, high)
    plot_w = width - left - right

    def x(value: float) -> float:
        return left + plot_w * (value + half) / (2 * half)

    row_y, axis_y = 44, 78
    title = (
        f"{label}: estimate {signed(estimate, digits)} {unit}, interval "
        f"{signed(low, digits)} to {signed(high, digits)} {unit}; zero means no relation"
    )
    colour = "#555" if low <= 0 <= high else "#1b7f3b" if estimate > 0 else "#a12622"
    parts = [
        f'<svg viewBox="0 0 {width} {height}" {_SVG} aria-label="{escape(title)}" '
        'class="evidence-chart" id="interval-chart">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{left}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}" stroke="#888"/>',
    ]
    for fraction in (-1.0, -0.5, 0.0, 0.5, 1.0):
        tick = fraction * half
        parts.append(
            f'<line x1="{x(tick):.1f}" y1="{axis_y}" x2="{x(tick):.1f}" y2="{axis_y + 5}" '
            'stroke="#888"/>'
            f'<text x="{x(tick):.1f}" y="{axis_y + 18}" text-anchor="middle" font-size="14">'
            f"{escape(signed(tick, digits) if tick else '0')}</text>"
        )
    parts += [
        f'<line x1="{x(0):.1f}" y1="14" x2="{x(0):.1f}" y2="{axis_y}" stroke="#333" '
        'stroke-dasharray="4 3" class="zero-line"/>',
        f'<text x="{x(0) + 5:.1f}" y="24" font-size="13" fill="#333">no relation</text>',
        f'<line x1="{x(low):.1f}" y1="{row_y}" x2="{x(high):.1f}" y2="{row_y}" '
        f'stroke="{colour}" stroke-width="4" stroke-linecap="round" class="interval"/>',
        f'<rect x="{x(estimate) - 7:.1f}" y="{row_y - 7}" width="14" height="14" '
        f'fill="{colour}" class="estimate"/>',
        f'<text x="{width / 2}" y="{height - 2}" text-anchor="middle" font-size="13" '
        f'fill="#555">{escape(unit)}</text>',
        "</svg>",
    ]
    return "".join(parts)


def marker_chart(
    week_starts: Sequence[date],
    values: Sequence[float | None],
    strength: Sequence[float | None],
    *,
    label: str,
    unit: str,
) -> str:
    """The weekly marker as dots and lines; weeks with strength work as shaded bands."""
    width, height, left, right, top, bottom = 600, 220, 52, 16, 12, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    count = max(len(values), 1)
    finite = [v for v in values if v is not None and math.isfinite(v)]
    low, high = (min(finite), max(finite)) if finite else (0.0, 1.0)
    if high <= low:
        low, high = low - 0.5, high + 0.5
    pad = (high - low) * 0.08
    low, high = low - pad, high + pad

    def x(index: float) -> float:
        return left + plot_w * index / count

    def y(value: float) -> float:
        return top + plot_h * (1 - (value - low) / (high - low))

    with_strength = sum(1 for s in strength if s)
    title = (
        f"{label} each week ({unit}), {len(finite)} weeks with a value; "
        f"shaded: the {with_strength} weeks with lower-body strength work"
    )
    parts = [
        f'<svg viewBox="0 0 {width} {height}" {_SVG} aria-label="{escape(title)}" '
        'class="evidence-chart" id="marker-chart">',
        f"<title>{escape(title)}</title>",
    ]
    band = plot_w / count
    for index, sessions in enumerate(strength):
        if sessions:
            parts.append(
                f'<rect x="{x(index):.1f}" y="{top}" width="{band:.2f}" height="{plot_h}" '
                'fill="#e6dcf2" shape-rendering="crispEdges" class="strength-week"/>'
            )
    for fraction in (0.0, 0.5, 1.0):
        tick = low + pad + (high - low - 2 * pad) * fraction
        parts.append(
            f'<text x="{left - 4}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="13">'
            f"{tick:.3g}</text>"
            f'<line x1="{left}" y1="{y(tick):.1f}" x2="{width - right}" y2="{y(tick):.1f}" '
            'stroke="#ddd"/>'
        )
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" '
        'stroke="#888"/>'
    )
    segment: list[str] = []
    for index, value in enumerate([*values, None]):
        if value is not None and math.isfinite(value):
            point = f"{x(index + 0.5):.1f},{y(value):.1f}"
            segment.append(point)
            parts.append(
                f'<circle cx="{x(index + 0.5):.1f}" cy="{y(value):.1f}" r="2.2" fill="#1f5f8b"/>'
            )
        elif segment:
            if len(segment) > 1:
                parts.append(
                    f'<polyline points="{" ".join(segment)}" fill="none" stroke="#1f5f8b" '
                    'stroke-width="1.4"/>'
                )
            segment = []
    step = max(count // 4, 1)
    for index in range(0, len(week_starts), step):
        if x(index) > width - right - 60:
            break  # no room for a label at the right edge
        parts.append(
            f'<text x="{x(index):.1f}" y="{height - 8}" font-size="13">'
            f"{week_starts[index]:%b %Y}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
