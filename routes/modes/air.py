"""Air: the great circle times a routing-factor range, with cruise-speed, taxi and climb allowances."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from routes.datafiles import read_table
from routes.errors import RouteCheckError
from routes.geodesy import SOURCE
from routes.modes.base import Leg, ModeEstimate, ModeOptions, ModeSpec, Option, geodesic_range, param_range
from routes.vehicles import Vehicle

TABLE = "modes/air.csv"
# Flown tracks around closed airspace reach 1.22 x the great circle on the corpus (Delhi-San Francisco over the
# Pacific): up to this factor a longer figure is possible but not modelled without --via/--within
OUTER_FACTOR = 1.35
OUTER_NOTE = ("flown tracks that avoid closed airspace can be longer than a direct flight; give the detour with "
              "--via PLACE or --within CC to check it")
AIRCRAFT = "vehicles/aircraft.csv"
WEAPONS = "vehicles/weapons.csv"
MACH1_KMH = 1225.0  # speed of sound at sea level (ISA, 15 C)


@dataclass(frozen=True)
class Aircraft:
    """Performance row of one aircraft type (speeds km/h, ranges km, payload t)."""

    id: str
    name: str
    cruise_kmh_low: float
    cruise_kmh_high: float
    range_max_payload_km: float | None
    range_typical_troop_load_km: float | None
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
            range_max_payload_km=_num(row["range_max_payload_km"]),
            range_typical_troop_load_km=_num(row["range_typical_troop_load_km"]),
            source=row["source"],
        )
    return out


def find_aircraft(name: str) -> Aircraft:
    """Look up an aircraft by id or name, forgiving case and punctuation ("Il-76MD", "il76md")."""
    from routes.vehicles import find

    try:
        return aircraft_table()[find(name, "air").id]
    except (RouteCheckError, KeyError):
        raise RouteCheckError(f"unknown aircraft {name!r}", sorted(aircraft_table())[:8]) from None


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


def _weapon(name: str) -> Vehicle | None:
    """A missile or drone class of ``data/vehicles/weapons.csv``, or None for anything else."""
    from routes.vehicles import find

    try:
        v = find(name, "air")
    except RouteCheckError:
        return None
    return v if v.table == WEAPONS else None


def _weapon_hours(geo_km: float, slowest_h: float) -> tuple[float, float] | None:
    """(fastest, slowest) hours over the great circle when the missiles and drones that can reach it count too.

    A flight time no aircraft can make is unverifiable rather than inconsistent when a weapon with the range
    could make it: the verdict then asks for the weapon class (--vehicle).
    """
    from routes.vehicles import catalogue

    speeds = [v.number("speed_kmh_high") or 0.0 for v in catalogue() if v.table == WEAPONS
              and (v.number("range_km_high") or v.number("range_km_low") or 0.0) >= geo_km]
    speeds = [s for s in speeds if s > 0]
    return (geo_km / max(speeds), slowest_h) if speeds and geo_km > 0 else None


WEAPON_NOTE = ("no aircraft is that fast, but a missile could be: give the weapon class with --vehicle "
               f"(data/{WEAPONS} lists the classes with sourced speeds and ranges)")


def _weapon_estimate(legs: Sequence[Leg], w: Vehicle) -> ModeEstimate:
    """A missile or drone: the great circle, flown at its published speed range (no taxi, no climb allowance)."""
    lo_kmh, hi_kmh = w.number("speed_kmh_low"), w.number("speed_kmh_high")
    if not lo_kmh and not hi_kmh:
        raise RouteCheckError(f"{w.name} has no published speed in data/{WEAPONS}: its flight time cannot be "
                              "checked; check the distance instead")
    lo_kmh, hi_kmh = lo_kmh or hi_kmh or 0.0, hi_kmh or lo_kmh or 0.0
    if "ballistic" in w.get("kind") or "hypersonic" in w.get("kind"):
        # published ballistic speeds are peak speeds: the average over a whole flight is lower, but stays above
        # the speed of sound (1,225 km/h at sea level), which bounds the slowest reading
        lo_kmh = min(lo_kmh, MACH1_KMH)
    geo_lo, geo_hi, geo_mid = geodesic_range(list(legs))
    return ModeEstimate(
        mode="air", distance_km=geo_mid, low_km=geo_lo, high_km=geo_hi,
        duration_h_low=geo_lo / hi_kmh, duration_h_high=geo_hi / lo_kmh,
        note=f"{w.name}: the great circle at {lo_kmh:,.0f}-{hi_kmh:,.0f} km/h (published speeds; a ballistic "
             "trajectory is longer than the ground track, so real flight times run longer)",
        sources=[SOURCE, f"data/{WEAPONS} {w.id}: {w.source}"],
        details={"vehicle": w.name, "range_km": [w.number("range_km_low"), w.number("range_km_high")]},
    )


def block_hours(distance_km: float, speed_kmh: float, overhead_min: float) -> float:
    """Block time in hours: cruise at ``speed_kmh`` plus taxi and climb/descent overhead in minutes."""
    return distance_km / speed_kmh + overhead_min / 60.0


def estimate(legs: Sequence[Leg], options: ModeOptions) -> ModeEstimate:
    """Air distance and block-time ranges; each leg is flown as one sortie unless stops are needed.

    With an aircraft (``vehicle``) the leg must fit its range with a troop load, or refuel stops are
    planned on real airfields; with ``within`` (ISO2) the track stays inside that country's airspace.
    """
    if options.vehicle and _weapon(options.vehicle) is not None:
        return _weapon_estimate(legs, _weapon(options.vehicle))  # type: ignore[arg-type]
    rf_lo, rf_hi, rf_src = param_range(TABLE, "routing_factor")
    taxi_lo, taxi_hi, taxi_src = param_range(TABLE, "taxi_min")
    cl_lo, cl_hi, cl_src = param_range(TABLE, "climb_descent_allowance_min")
    v_lo, v_hi, v_src, v_name = speed_envelope(options.vehicle)
    sources = [SOURCE, f"data/{TABLE} routing_factor: {rf_src}", f"data/{TABLE} taxi_min: {taxi_src}",
               f"data/{TABLE} climb_descent_allowance_min: {cl_src}", *v_src]
    within = str(options.get("within") or "").upper() or None
    range_km = None
    if options.vehicle:
        ac = find_aircraft(options.vehicle)
        range_km = ac.range_typical_troop_load_km or ac.range_max_payload_km
    if within is None and range_km is None:
        geo_lo, geo_hi, geo_mid = geodesic_range(list(legs))
        n = len(legs)
        # airlines and calculators publish the great circle itself: the low end is the geodesic, the high end a
        # flown track at the top routing factor
        low_km, high_km = geo_lo, geo_hi * rf_hi
        return ModeEstimate(
            mode="air", distance_km=geo_mid * (rf_lo + rf_hi) / 2, low_km=low_km, high_km=high_km,
            duration_h_low=block_hours(low_km, v_hi, n * (taxi_lo + cl_lo)),
            duration_h_high=block_hours(high_km, v_lo, n * (taxi_hi + cl_hi)),
            note=(f"great circle (as airlines publish it) up to a flown track at routing factor {rf_hi:.2f} "
                  f"(typical {rf_lo:.2f}-{rf_hi:.2f}); cruise {v_lo:.0f}-{v_hi:.0f} km/h "
                  f"({v_name}); plus taxi {taxi_lo:.0f}-{taxi_hi:.0f} min and climb/descent "
                  f"{cl_lo:.0f}-{cl_hi:.0f} min per sortie"),
            sources=sources, outer_low_km=geo_lo, outer_high_km=geo_hi * OUTER_FACTOR, outer_note=OUTER_NOTE,
            outer_h=_weapon_hours(geo_lo, block_hours(high_km, v_lo, n * (taxi_hi + cl_hi))), outer_h_note=WEAPON_NOTE,
        )
    return _planned(legs, within, range_km, (rf_lo, rf_hi), (taxi_lo + cl_lo, taxi_hi + cl_hi), (v_lo, v_hi),
                    v_name, sources)


def _planned(legs: Sequence[Leg], within: str | None, range_km: float | None, rf: tuple[float, float],
             overhead: tuple[float, float], speed: tuple[float, float], v_name: str,
             sources: list[str]) -> ModeEstimate:
    """Air estimate over planned tracks (refuel stops, airspace), candidate pairs giving ranges."""
    from routes.airroute import plan
    from routes.errors import UnreachableError

    st_lo, st_hi, st_src = param_range(TABLE, "refuel_stop_h")
    lo = hi = mid = d_lo = d_hi = 0.0
    details: dict[str, object] = {"within": within, "range_km": range_km, "legs": []}
    paths = []
    marks: list[tuple[float, float, str]] = []  # refuel stops, named on maps
    problems: list[str] = []
    for leg in legs:
        plans = []
        for o in leg.origin.points():
            for d in leg.destination.points():
                try:
                    plans.append(plan(o, d, range_km, within, rf[1]))
                except UnreachableError as exc:
                    problems.append(exc.message)
        if not plans:
            return ModeEstimate("air", None, None, None, note=problems[0], flags=["no_network_coverage"],
                                available=False, sources=sources)
        kms = sorted(p.km for p in plans)
        lo += kms[0]
        hi += kms[-1] * rf[1]
        mid += kms[len(kms) // 2] * (rf[0] + rf[1]) / 2
        hops_lo = min(len(p.waypoints) - 1 for p in plans)
        hops_hi = max(len(p.waypoints) - 1 for p in plans)
        stops_lo = min(len(p.stops) for p in plans)
        stops_hi = max(len(p.stops) for p in plans)
        d_lo += block_hours(kms[0] * rf[0], speed[1], hops_lo * overhead[0]) + stops_lo * st_lo
        d_hi += block_hours(kms[-1] * rf[1], speed[0], hops_hi * overhead[1]) + stops_hi * st_hi
        best = min(plans, key=lambda p: p.km)
        details["legs"].append({"from": leg.origin.label(), "to": leg.destination.label(),  # type: ignore[attr-defined]
                                **best.to_json(), "refuel_stops_range": [stops_lo, stops_hi]})
        paths.append([(p.lat, p.lon) for p in best.waypoints])
        marks.extend((s.lat, s.lon, f"{s.name}, refuel stop") for s in best.stops)
    first = details["legs"][0]  # type: ignore[index]
    note = f"cruise {speed[0]:.0f}-{speed[1]:.0f} km/h ({v_name}); routing factor {rf[0]:.2f}-{rf[1]:.2f} per hop"
    if range_km:
        note += f"; range with a troop load {range_km:,.0f} km, refuel stops {first['refuel_stops_range'][0]}-" \
                f"{first['refuel_stops_range'][1]} ({st_lo:g}-{st_hi:g} h each)"
    if within:
        note += (f"; kept inside {within} airspace: +{first['extra_km']:,.0f} km over the great circle, which "
                 f"crosses {first['great_circle_outside_km']:,.0f} km of foreign territory")
    return ModeEstimate(
        mode="air", distance_km=mid, low_km=lo, high_km=hi, duration_h_low=d_lo, duration_h_high=d_hi, note=note,
        details=details, paths=paths, marks=marks,
        sources=[*sources, f"data/{TABLE} refuel_stop_h: {st_src}", "airfields: data/places.csv and airportsdata",
                 *(["Natural Earth 1:10m countries (airspace)"] if within else [])],
    )


def _turnaround() -> tuple[float, float, str]:
    lo, hi, src = param_range(TABLE, "ground_turnaround_h")
    return lo, hi, f"data/{TABLE} ground_turnaround_h: {src}"


def _crew_duty() -> tuple[float, float, str]:
    lo, hi, src = param_range(TABLE, "crew_duty_h")
    return lo, hi, f"data/{TABLE} crew_duty_h: {src}"


def vector_range(geodesic_km: Any) -> tuple[Any, Any]:
    """Between points with no vehicle given: the great circle times the routing-factor range."""
    _, rf_hi, _ = param_range(TABLE, "routing_factor")
    return geodesic_km, geodesic_km * rf_hi


MODE = ModeSpec(
    name="air", estimate=estimate, phrase="by air", vector_range=vector_range,
    style={"color": "#1f5fbf", "ls": "-", "lw": 2.2, "label": "air", "follows": "great_circle"},
    options=(Option("--within", "within", "air: keep the track inside one country's airspace (ISO2, e.g. RU)",
                    metavar="CC"),),
    turnaround=_turnaround, crew_duty=_crew_duty,
)
