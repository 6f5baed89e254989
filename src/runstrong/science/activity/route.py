"""The route: a GPS track projected onto an SVG canvas, with start, finish and distance markers.

An equirectangular projection around the track's mean latitude (x scaled by its cosine) is exact
enough for the few kilometres of a run and needs no map tiles: the app stays offline. The track
is thinned to at most 1,500 points for drawing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from runstrong.science.activity._series import forward_fill

__all__ = ["Route", "route"]

FloatArray = npt.NDArray[np.float64]

_MAX_POINTS = 1500
_PADDING = 16.0


@dataclass(frozen=True, slots=True)
class Route:
    """A track ready to draw in a ``width`` x ``height`` SVG: ``points`` is the polyline's
    ``points`` attribute, markers are ``(label, x, y)``."""

    width: float
    height: float
    points: str
    start: tuple[float, float]
    finish: tuple[float, float]
    markers: tuple[tuple[str, float, float], ...]


def route(
    latitude_deg: FloatArray,
    longitude_deg: FloatArray,
    distance_m: FloatArray,
    marker_every_m: float = 1000.0,
    width: float = 600.0,
) -> Route | None:
    """The track drawn to ``width`` pixels (height from its shape), or ``None`` without GPS.

    ``marker_every_m`` places a numbered marker every kilometre (1000) or mile (1609.344).

    >>> lat = np.array([46.0, 46.0, 46.01]); lon = np.array([14.0, 14.01, 14.01])
    >>> drawn = route(lat, lon, np.array([0.0, 772.0, 1884.0]))
    >>> drawn.start, [m[0] for m in drawn.markers]
    ((16.0, 584.0), ['1'])
    """
    valid = np.isfinite(latitude_deg) & np.isfinite(longitude_deg)
    if valid.sum() < 2:
        return None
    lat, lon = latitude_deg[valid], longitude_deg[valid]
    distance = forward_fill(distance_m)[valid] if len(distance_m) else np.zeros(len(lat))
    x = (lon - lon.mean()) * np.cos(np.radians(lat.mean()))
    y = -(lat - lat.mean())
    # fit the longer side of the track to the canvas; a tall track is at most square
    scale = (width - 2 * _PADDING) / max(float(np.ptp(x)), float(np.ptp(y)), 1e-9)
    px = (x - x.min()) * scale + _PADDING
    py = (y - y.min()) * scale + _PADDING
    height = float(np.ptp(y) * scale + 2 * _PADDING)
    step = max(1, int(np.ceil(len(px) / _MAX_POINTS)))
    keep = np.unique(np.concatenate((np.arange(0, len(px), step), [len(px) - 1])))
    points = " ".join(f"{a:.1f},{b:.1f}" for a, b in zip(px[keep], py[keep], strict=True))
    markers = []
    if np.isfinite(distance).any() and distance[-1] > marker_every_m:
        targets = np.arange(marker_every_m, float(distance[-1]), marker_every_m)
        increasing = np.concatenate(([True], np.diff(distance) > 0))
        at_x = np.interp(targets, distance[increasing], px[increasing])
        at_y = np.interp(targets, distance[increasing], py[increasing])
        markers = [
            (str(i + 1), round(float(a), 2), round(float(b), 2))
            for i, (a, b) in enumerate(zip(at_x, at_y, strict=True))
        ]
    return Route(
        width=round(width, 2),
        height=round(height, 2),
        points=points,
        start=(round(float(px[0]), 2), round(float(py[0]), 2)),
        finish=(round(float(px[-1]), 2), round(float(py[-1]), 2)),
        markers=tuple(markers),
    )
