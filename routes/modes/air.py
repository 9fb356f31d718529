"""Air: the great circle times a routing-factor range, with cruise-speed, taxi and climb allowances."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from routes.datafiles import read_table
from routes.errors import RouteCheckError
from routes.geodesy import SOURCE
from routes.modes.base import Leg, ModeEstimate, ModeOptions, geodesic_range, param_range

TABLE = "modes/air.csv"
AIRCRAFT = "vehicles/aircraft.csv"


@dataclass(frozen=True)
class Aircraft:
    """Performance row of one aircraft type (speeds km/h, ranges km, payload t)."""

    id: str
    name: str
    cruise_kmh_low: float
    cruise_kmh_high: float
    troops_seated: int
    troops_max: int
    range_max_payload_km: float | None
    range_typical_troop_load_km: float | None
    ferry_range_km: float | None
    fleet_size: int | None
    source: str


def _num(text: str) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def aircraft_table() -> dict[str, Aircraft]:
    """All aircraft rows keyed by id."""
    out = {}
    for row in read_table(AIRCRAFT):
        out[row["id"]] = Aircraft(
            id=row["id"],
            name=row["name"],
            cruise_kmh_low=float(row["cruise_kmh_low"]),
            cruise_kmh_high=float(row["cruise_kmh_high"]),
            troops_seated=int(_num(row["troops_seated"]) or 0),
            troops_max=int(_num(row["troops_max"]) or 0),
            range_max_payload_km=_num(row["range_max_payload_km"]),
            range_typical_troop_load_km=_num(row["range_typical_troop_load_km"]),
            ferry_range_km=_num(row["ferry_range_km"]),
            fleet_size=int(v) if (v := _num(row["fleet_size"])) else None,
            source=row["source"],
        )
    return out


def find_aircraft(name: str) -> Aircraft:
    """Look up an aircraft by id or name, forgiving case and punctuation ("Il-76MD", "il76md")."""
    from routes.textnorm import fold

    table = aircraft_table()
    key = fold(name).replace(" ", "")
    for ac in table.values():
        if key in (ac.id, fold(ac.name).replace(" ", "")):
            return ac
    for ac in table.values():
        if fold(ac.name).replace(" ", "").startswith(key):
            return ac
    raise RouteCheckError(f"unknown aircraft {name!r}", sorted(a.id for a in table.values())[:8])


def speed_envelope(vehicle: str | None) -> tuple[float, float, list[str], str]:
    """(low, high) cruise km/h for one aircraft, or over every aircraft in the table when None."""
    if vehicle:
        ac = find_aircraft(vehicle)
        return ac.cruise_kmh_low, ac.cruise_kmh_high, [f"data/{AIRCRAFT} {ac.id}: {ac.source}"], ac.name
    table = aircraft_table().values()
    return (
        min(a.cruise_kmh_low for a in table),
        max(a.cruise_kmh_high for a in table),
        [f"data/{AIRCRAFT}: cruise speeds of {', '.join(a.id for a in table)}"],
        "any transport aircraft in data/vehicles/aircraft.csv",
    )


def block_hours(distance_km: float, speed_kmh: float, overhead_min: float) -> float:
    """Block time in hours: cruise at ``speed_kmh`` plus taxi and climb/descent overhead in minutes."""
    return distance_km / speed_kmh + overhead_min / 60.0


def estimate(legs: Sequence[Leg], options: ModeOptions) -> ModeEstimate:
    """Air distance and block-time ranges; each leg is flown as one sortie."""
    rf_lo, rf_hi, rf_src = param_range(TABLE, "routing_factor")
    taxi_lo, taxi_hi, taxi_src = param_range(TABLE, "taxi_min")
    cl_lo, cl_hi, cl_src = param_range(TABLE, "climb_descent_allowance_min")
    v_lo, v_hi, v_src, v_name = speed_envelope(options.vehicle)
    geo_lo, geo_hi, geo_mid = geodesic_range(list(legs))
    n = len(legs)
    low_km, high_km = geo_lo * rf_lo, geo_hi * rf_hi
    dur_lo = block_hours(low_km, v_hi, n * (taxi_lo + cl_lo))
    dur_hi = block_hours(high_km, v_lo, n * (taxi_hi + cl_hi))
    return ModeEstimate(
        mode="air",
        distance_km=geo_mid * (rf_lo + rf_hi) / 2,
        low_km=low_km,
        high_km=high_km,
        duration_h_low=dur_lo,
        duration_h_high=dur_hi,
        note=(
            f"great circle x routing factor {rf_lo:.2f}-{rf_hi:.2f}; cruise {v_lo:.0f}-{v_hi:.0f} km/h "
            f"({v_name}); plus taxi {taxi_lo:.0f}-{taxi_hi:.0f} min and climb/descent "
            f"{cl_lo:.0f}-{cl_hi:.0f} min per sortie"
        ),
        sources=[SOURCE, f"data/{TABLE} routing_factor: {rf_src}", f"data/{TABLE} taxi_min: {taxi_src}",
                 f"data/{TABLE} climb_descent_allowance_min: {cl_src}", *v_src],
    )
