"""The geodesic ("as the crow flies"): the shortest possible path, a lower bound for every mode."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from routes.geodesy import SOURCE
from routes.modes.base import Leg, ModeEstimate, ModeOptions, ModeSpec, geodesic_range


def estimate(legs: Sequence[Leg], options: ModeOptions) -> ModeEstimate:
    """Geodesic distance range over the legs (a single number unless a place is a candidate set)."""
    lo, hi, mid = geodesic_range(list(legs))
    return ModeEstimate(
        mode="geodesic",
        distance_km=mid,
        low_km=lo,
        high_km=hi,
        note="shortest path on the WGS84 ellipsoid; no real route can be shorter",
        sources=[SOURCE],
    )


def vector_range(geodesic_km: Any) -> tuple[Any, Any]:
    """Between points the geodesic range is the geodesic itself."""
    return geodesic_km, geodesic_km


MODE = ModeSpec(
    name="geodesic", estimate=estimate, phrase="as the crow flies", lower_bound=True, vector_range=vector_range,
    style={"color": "#222222", "ls": (0, (6, 4)), "lw": 1.6, "label": "geodesic (shortest possible)"},
)
