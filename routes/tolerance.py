"""The tolerance model: how far a published figure may honestly differ from our model, and why.

Two allowances widen every distance range before the verdict rule compares it with a claim:

* a relative band per mode (``data/modes/tolerance.csv``): spherical versus ellipsoidal great circles for the
  geodesic and air, the calibrated error of the sea and road models; rail carries its own per-segment bands;
* the size of the places: a city is not a point, and calculators, timetables and airlines measure from
  different points of it (the centre, the main station, the airport). Each end gets a radius.

The README ("Tolerances") gives the rule and the measurements behind each number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Any

from routes.datafiles import read_table
from routes.places import Place

TABLE = "modes/tolerance.csv"
URBAN_DENSITY_PER_KM2 = 1500.0  # low urban density: a generous radius for a city of a given population
MIN_CITY_RADIUS_KM = 2.0
MAX_CITY_RADIUS_KM = 30.0  # the main airports of the largest cities lie within about this distance
POINT_RADIUS_KM = 2.0  # a curated site (base, port, airfield, station): its coordinates are of the site itself
CITY_KINDS = ("city", "town")


@dataclass(frozen=True)
class Band:
    """Relative allowance of one mode: its range becomes [low x (1 - low_rel), high x (1 + high_rel)]."""

    mode: str
    low_rel: float
    high_rel: float
    low_abs_km: float
    high_abs_km: float
    what: str
    source: str


@cache
def bands() -> dict[str, Band]:
    """Every mode's band, keyed by mode (modes without a row get none)."""
    return {r["mode"]: Band(r["mode"], float(r["low_rel"]), float(r["high_rel"]), float(r["low_abs_km"]),
                            float(r["high_abs_km"]), r["what"], r["source"]) for r in read_table(TABLE)}


def band(mode: str) -> Band:
    """The band of one mode (zero for a mode without a row)."""
    return bands().get(mode) or Band(mode, 0.0, 0.0, 0.0, 0.0, "no tolerance row", "")


def place_radius_km(p: Place) -> float:
    """The radius a place's measurements may start anywhere within: cities from their population, sites 2 km.

    A city's radius is that of a disc holding its population at ``URBAN_DENSITY_PER_KM2``, between 2 and 30 km.
    Literal coordinates are exact (0 km). A candidate set takes its largest member's radius.
    """
    if p.is_set:
        return max((place_radius_km(m) for m in p.points()), default=0.0)
    if p.kind == "coordinates":
        return 0.0
    if p.kind in CITY_KINDS and p.population:
        r = math.sqrt(p.population / (math.pi * URBAN_DENSITY_PER_KM2))
        return min(MAX_CITY_RADIUS_KM, max(MIN_CITY_RADIUS_KM, r))
    return POINT_RADIUS_KM


def endpoint_slack_km(origin: Place, destination: Place) -> float:
    """The km two places' sizes allow a published figure to differ by (the sum of their radii)."""
    return place_radius_km(origin) + place_radius_km(destination)


def _floor0(x: Any) -> Any:
    """max(x, 0) for a float or a numpy array."""
    return (x + abs(x)) / 2


def widen(mode: str, low: Any, high: Any, slack_km: Any, own_rel: float = 0.0) -> tuple[Any, Any]:
    """A mode's distance range widened by its band, its estimate's own uncertainty ``own_rel`` (rail: the km
    basis of the segments used) and the endpoints' sizes (never below 0).

    Works on floats and on numpy arrays alike (batch checks).
    """
    b = band(mode)
    return (_floor0(low * (1 - b.low_rel - own_rel) - b.low_abs_km - slack_km),
            high * (1 + b.high_rel + own_rel) + b.high_abs_km + slack_km)


def geodesic_floor(geodesic_low_km: Any, slack_km: Any) -> Any:
    """The shortest distance a published figure can honestly give: below it, no path can be that short."""
    return _floor0(geodesic_low_km * (1 - band("geodesic").low_rel) - slack_km)


def rule_text(slack_km: float) -> str:
    """One line saying which tolerance was applied (for reasons and sources)."""
    g = band("geodesic")
    return (f"tolerance: ranges widened by each mode's band (geodesic and air +-{g.low_rel:.2%} for spherical "
            f"calculators; sea +-{band('sea').low_rel:.0%}, road +-{band('road').low_rel:.0%}) and by "
            f"{slack_km:,.0f} km for the size of the two places")
