"""The one interface every mode implements, and the helpers they share."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from routes.places import Place


@dataclass(frozen=True)
class Leg:
    """One leg between two places (either may be a candidate set)."""

    origin: Place
    destination: Place


@dataclass(frozen=True)
class ModeOptions:
    """Options a mode may read; unknown ones are ignored by modes that do not use them."""

    vehicle: str | None = None
    via: tuple[Place, ...] = ()
    extra: tuple[tuple[str, Any], ...] = ()

    def get(self, key: str, default: Any = None) -> Any:
        """Look up a mode-specific option by name."""
        return dict(self.extra).get(key, default)


@dataclass
class ModeEstimate:
    """A mode's distance and duration ranges for a leg sequence.

    Distances in km, durations in hours. ``distance_km`` is the central (most likely) figure;
    ``available`` is False when the mode cannot serve the endpoints (``flags`` then say why).
    """

    mode: str
    distance_km: float | None
    low_km: float | None
    high_km: float | None
    duration_h_low: float | None = None
    duration_h_high: float | None = None
    note: str = ""
    sources: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    available: bool = True
    details: dict[str, Any] = field(default_factory=dict)
    paths: list[list[tuple[float, float]]] = field(default_factory=list)
    marks: list[tuple[float, float, str]] = field(default_factory=list)  # (lat, lon, name) of stops to label
    # the physical envelope around a modelled range: a figure outside the range but inside it is unverifiable
    # (the model lacks something), not inconsistent; ``outer_note`` says what and how to check
    band: float = 0.0  # the mode's own relative uncertainty of these figures (rail: segments' km basis)
    outer_low_km: float | None = None
    outer_high_km: float | None = None
    outer_note: str = ""
    outer_h: tuple[float, float] | None = None  # the same envelope in hours, where other vehicles set it
    outer_h_note: str = ""

    def to_json(self, fits: bool | None) -> dict[str, Any]:
        """JSON shape of one ``modes`` entry in the verify contract."""

        def r(x: float | None) -> float | None:
            return None if x is None else round(x, 1)

        out: dict[str, Any] = {
            "mode": self.mode,
            "distance_km": r(self.distance_km),
            "low_km": r(self.low_km),
            "high_km": r(self.high_km),
            "duration_h_low": r(self.duration_h_low),
            "duration_h_high": r(self.duration_h_high),
            "fits": fits,
            "note": self.note,
            "available": self.available,
        }
        if self.details:
            out["details"] = self.details
        return out


def geodesic_range(legs: list[Leg] | tuple[Leg, ...]) -> tuple[float, float, float]:
    """(min, max, central) total geodesic km over a leg sequence, candidate sets included.

    The min and max add each leg's own min and max; the central figure adds each leg's median.
    """

    from routes.geodesy import pairwise_km

    lo = hi = mid = 0.0
    for leg in legs:
        a = [(p.lat, p.lon) for p in leg.origin.points()]
        b = [(p.lat, p.lon) for p in leg.destination.points()]
        m = pairwise_km(a, b)
        lo += float(m.min())
        hi += float(m.max())
        vals = sorted(m.ravel().tolist())  # the median without np.median, which imports numpy.ma
        k = len(vals)
        mid += vals[k // 2] if k % 2 else (vals[k // 2 - 1] + vals[k // 2]) / 2
    return lo, hi, mid


def param_range(table: str, parameter: str) -> tuple[float, float, str]:
    """(low, high, source) of a parameter row in a ``data/modes/*.csv`` table."""
    from routes.datafiles import read_table

    for row in read_table(table):
        if row["parameter"] == parameter:
            return float(row["low"]), float(row["high"]), row["source"]
    raise KeyError(f"{parameter} missing from data/{table}")


@dataclass(frozen=True)
class SpeedClass:
    """A vehicle class as a speed range (km/day for trains, knots for ships) with its source row."""

    id: str
    name: str
    low: float
    high: float
    source: str
    max_route_km: float | None = None  # None: any route; 0: only when named; else routes up to 1.1 x this


ROUTE_MARGIN = 1.1  # a class with a longest published service joins the envelope for routes up to 1.1 x it


def speed_envelope(classes: dict[str, SpeedClass], vehicle: str | None, what: str,
                   table: str, route_km: float | None = None) -> tuple[float, float, str, list[str]]:
    """(low, high, name, sources) for one class, or the envelope of the classes that can serve ``route_km``.

    Fast classes (a high-speed train, a hydrofoil) carry the length of their longest published service or
    range: without ``vehicle`` they count only for routes that short, so a Sapsan's speed never explains a
    claim about Moscow-Vladivostok.
    """
    from routes.errors import RouteCheckError

    if vehicle:
        from routes.vehicles import find

        try:
            c = classes[find(vehicle).id]
        except (RouteCheckError, KeyError):
            raise RouteCheckError(f"unknown {what} {vehicle!r}", sorted(classes)) from None
        return c.low, c.high, c.name, [f"data/{table} {c.id}: {c.source}"]
    usable = {k: c for k, c in classes.items() if c.max_route_km is None
              or (route_km is not None and 0 < route_km <= c.max_route_km * ROUTE_MARGIN)}
    return (min(c.low for c in usable.values()), max(c.high for c in usable.values()),
            f"any {what} (" + ", ".join(sorted(usable)) + ")",
            [f"data/{table} {c.id}: {c.source}" for c in usable.values()])


@dataclass(frozen=True)
class Option:
    """A command-line option a mode adds to ``verify`` (its value reaches the mode as ``options.get(key)``)."""

    flag: str
    key: str
    help: str
    action: str | None = None  # "store_true", "append", or None for a value
    metavar: str | None = None


@dataclass(frozen=True)
class ModeSpec:
    """Everything the rest of routecheck knows about a mode: each mode module defines one as ``MODE``.

    ``estimate`` is the only required behaviour; the other fields let the CLI, the text report, the map,
    the timeline, the lift arithmetic and article reading serve the mode without naming it.
    """

    name: str
    estimate: Callable[[Sequence[Leg], ModeOptions], ModeEstimate]
    phrase: str  # how a sentence says it: "by rail", "as the crow flies"
    style: dict[str, Any]  # matplotlib line style for maps: color, ls, lw, label
    options: tuple[Option, ...] = ()
    report_lines: Callable[[dict[str, Any]], list[str]] | None = None  # extra text lines from the mode's JSON
    lower_bound: bool = False  # a bound on every route (the geodesic), not a way to travel
    overland: int = 0  # >0: a leg with no stated mode in a text may be this one (lower ranks listed first)
    endpoint_kinds: tuple[str, ...] = ()  # place kinds this mode starts and ends at (ports for sea), if special
    bulk: bool = True  # cheap enough to evaluate for dozens of substitute endpoints
    network_kind: str | None = None  # "rail"/"road": offers `routecheck KIND import` for OSM networks
    turnaround: Callable[[], tuple[float, float, str]] | None = None  # lift ground time per end (h, h, source)
    crew_duty: Callable[[], tuple[float, float, str]] | None = None  # hours a vehicle may move per day
    timeline_vehicles: tuple[str, ...] = ()  # vehicle classes the timeline also tries on this mode
    lift_note: str = ""  # a caveat the lift arithmetic prints for this mode
    # (low, high) km arrays from geodesic km arrays, for modes that are a fixed multiple of the geodesic
    # between points: lets batch checks run vectorised
    vector_range: Callable[[Any], tuple[Any, Any]] | None = None
