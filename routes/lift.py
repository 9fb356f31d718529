"""Lift capacity and timelines: how many trips, vehicles and days a reported movement needs.

The arithmetic is deliberately simple and printed in full: trips = troops / capacity per trip; one
vehicle's cycle is a round trip (out, back, a turnaround at each end), stretched when crews may only fly
part of each day; deliveries per vehicle in a window = 1 + (window - one way) // cycle; vehicles = trips /
deliveries. Optimistic and pessimistic assumptions give a range; both are reported.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from routes import modes
from routes.errors import RouteCheckError
from routes.verdict import decide, overlaps


@dataclass(frozen=True)
class Case:
    """One set of assumptions (optimistic or pessimistic) for the lift arithmetic."""

    capacity: int  # troops per trip
    one_way_h: float
    turnaround_h: float  # ground time at each end
    duty_h_per_day: float  # hours a vehicle may be moving per day (crew limits); 24 = no limit


@dataclass
class LiftResult:
    """The arithmetic for one case."""

    trips: int
    round_trip_h: float
    cycle_h: float
    deliveries_per_vehicle: int
    vehicles: int | None  # None: the window is shorter than one trip
    steps: list[str] = field(default_factory=list)


def arithmetic(troops: int, window_h: float, case: Case) -> LiftResult:
    """Trips, cycle and vehicles needed to move ``troops`` within ``window_h`` hours under one case."""
    trips = math.ceil(troops / case.capacity)
    round_trip = 2 * case.one_way_h + 2 * case.turnaround_h
    moving = 2 * case.one_way_h
    cycle = max(round_trip, moving * 24.0 / case.duty_h_per_day)
    steps = [
        f"trips = ceil({troops:,} / {case.capacity}) = {trips}",
        f"round trip = 2 x {case.one_way_h:.1f} h + 2 x {case.turnaround_h:.2f} h = {round_trip:.1f} h",
    ]
    if cycle > round_trip:
        steps.append(f"crew limit {case.duty_h_per_day:g} h/day stretches the cycle to "
                     f"{moving:.1f} x 24 / {case.duty_h_per_day:g} = {cycle:.1f} h")
    if window_h < case.one_way_h:
        steps.append(f"the window ({window_h:.0f} h) is shorter than one trip ({case.one_way_h:.1f} h)")
        return LiftResult(trips, round_trip, cycle, 0, None, steps)
    per_vehicle = 1 + int((window_h - case.one_way_h) // cycle)
    vehicles = math.ceil(trips / per_vehicle)
    steps.append(f"deliveries per vehicle = 1 + floor(({window_h:.0f} - {case.one_way_h:.1f}) / {cycle:.1f}) = "
                 f"{per_vehicle}")
    steps.append(f"vehicles = ceil({trips} / {per_vehicle}) = {vehicles}")
    return LiftResult(trips, round_trip, cycle, per_vehicle, vehicles, steps)


@dataclass
class VehicleClass:
    """Capacity and fleet of a lift vehicle (aircraft, train, ship)."""

    mode: str
    id: str
    name: str
    capacity_low: int
    capacity_high: int
    fleet: int | None
    fleet_note: str
    source: str


def vehicle_class(name: str) -> VehicleClass:
    """Find a lift vehicle in the catalogue: an aircraft type, ``echelon`` (a military train) or a ship class."""
    from routes.vehicles import find

    try:
        v = find(name)
        cap = v.capacity()
        if cap is None:
            raise RouteCheckError(f"{v.name} has no published troop capacity")
    except RouteCheckError:
        raise RouteCheckError(f"unknown lift vehicle {name!r}: an aircraft (Il-76MD, An-124 ...), 'echelon' "
                              "for rail, or a ship class (ropucha, ivan_gren, alligator, ferry)") from None
    fleet = v.number("fleet_size")
    note = f"{v.get('fleet_operator')} {v.get('fleet_year')}".strip() or "no published count available"
    return VehicleClass(v.mode, v.id, v.name, cap[0], cap[1], int(fleet) if fleet else None, note, v.source)


def lift(troops: int, window_h: float, origin: str, destination: str, vehicle: str,
         within: str | None = None) -> dict[str, Any]:
    """The lift estimate behind ``routecheck lift`` (JSON shape documented in README)."""
    from routes.verify import verify

    if troops <= 0:
        raise RouteCheckError("--troops must be a positive number")
    if window_h <= 0:
        raise RouteCheckError("the time window must be positive")
    vc = vehicle_class(vehicle)
    extra = {"within": within} if within and "within" in {o.key for o in modes.spec(vc.mode).options} else {}
    report = verify(origin, destination, None, mode=vc.mode, vehicle=vc.id, alternatives=False, extra=extra)
    est = next(e for e in report.estimates if e.mode == vc.mode)
    sources = [f"vehicle {vc.id}: {vc.source}", *est.sources]
    if not est.available or est.duration_h_low is None or est.duration_h_high is None:
        return {"troops": troops, "vehicle": vc.name, "verdict": "unverifiable", "flags": ["no_network_coverage"],
                "reasons": [est.note], "sources": sources}
    return lift_core(troops, (window_h, window_h), vc, (est.duration_h_low, est.duration_h_high),
                     (est.low_km or 0.0, est.high_km or 0.0), report.origin.label(), report.destination.label(),
                     sources)


def lift_core(troops: int, window_h: tuple[float, float], vc: VehicleClass, one_way_h: tuple[float, float],
              km: tuple[float, float], origin: str, destination: str, sources: list[str]) -> dict[str, Any]:
    """Lift arithmetic from known one-way durations; ``window_h`` is (pessimistic, optimistic) hours."""
    turn_lo, turn_hi, turn_src = _turnaround(vc.mode)
    crew = modes.spec(vc.mode).crew_duty
    duty_lo, duty_hi, duty_src = crew() if crew else (24.0, 24.0, "")
    sources = [*sources, *(s for s in (turn_src, duty_src) if s)]
    best = arithmetic(troops, window_h[1], Case(vc.capacity_high, one_way_h[0], turn_lo, duty_hi))
    worst = arithmetic(troops, window_h[0], Case(vc.capacity_low, one_way_h[1], turn_hi, duty_lo))
    flags: list[str] = []
    reasons: list[str] = []
    days = window_h[1] / 24
    # feasible when the fastest trip fits the window and the optimistic vehicle count fits the fleet
    fits_time = overlaps(0.0, window_h[1], one_way_h[0], one_way_h[1])
    fits_fleet = (True if vc.fleet is None or best.vehicles is None
                  else overlaps(0.0, vc.fleet, best.vehicles, worst.vehicles or best.vehicles))
    if not fits_time or best.vehicles is None:
        flags.append("implausible_timeline")
        reasons.append(f"even the fastest trip takes {one_way_h[0]:.1f} h, longer than the {window_h[1]:.0f} h "
                       "window")
    elif not fits_fleet:
        flags.append("fleet_exceeded")
        reasons.append(f"even under optimistic assumptions it needs {best.vehicles} {vc.name}, more than the "
                       f"{vc.fleet} in service ({vc.fleet_note})")
    if not flags:
        most = worst.vehicles if worst.vehicles is not None else "more"
        share = ""
        if vc.fleet and worst.vehicles and best.vehicles:
            share = (f" ({best.vehicles / vc.fleet:.0%}-{worst.vehicles / vc.fleet:.0%} of the {vc.fleet} in "
                     f"service, {vc.fleet_note})")
        reasons.append(f"{troops:,} troops within {days:.1f} days need {best.vehicles}-{most} {vc.name}{share}")
        reasons.append(f"that is {best.trips}-{worst.trips} trips of {one_way_h[0]:.1f}-{one_way_h[1]:.1f} h one way; "
                       f"each vehicle can deliver {worst.deliveries_per_vehicle}-{best.deliveries_per_vehicle} "
                       "loads in the window")
        if worst.vehicles is None:
            reasons.append(f"under pessimistic assumptions one trip ({one_way_h[1]:.1f} h) does not fit the "
                           f"shortest reading of the window ({window_h[0]:.0f} h)")
        elif vc.fleet is not None and worst.vehicles > vc.fleet:
            reasons.append(f"under pessimistic assumptions it needs {worst.vehicles}, more than the fleet: "
                           "feasible only with high utilisation")
        if modes.spec(vc.mode).lift_note:
            reasons.append(modes.spec(vc.mode).lift_note)
        if vc.fleet is None:
            reasons.append(f"the {vc.name} fleet size is not published ({vc.fleet_note}); only the timeline is "
                           "checked")
    return {
        "troops": troops, "window_h": round(window_h[1], 1), "window_h_low": round(window_h[0], 1),
        "from": origin, "to": destination, "mode": vc.mode, "vehicle": vc.name,
        "capacity_per_trip": [vc.capacity_low, vc.capacity_high],
        "one_way_h_low": round(one_way_h[0], 1), "one_way_h_high": round(one_way_h[1], 1),
        "distance_km_low": round(km[0], 1), "distance_km_high": round(km[1], 1),
        "trips_needed": worst.trips, "trips_needed_low": best.trips,
        "round_trip_h_low": round(best.round_trip_h, 1), "round_trip_h_high": round(worst.round_trip_h, 1),
        "deliveries_per_vehicle": [worst.deliveries_per_vehicle, best.deliveries_per_vehicle],
        "vehicles_needed": worst.vehicles, "vehicles_needed_low": best.vehicles,
        "fleet_size": vc.fleet, "fleet_note": vc.fleet_note,
        "verdict": decide(not flags), "flags": flags, "reasons": reasons,
        "arithmetic": {"optimistic": best.steps, "pessimistic": worst.steps},
        "sources": list(dict.fromkeys(sources)),
    }


def _turnaround(mode: str) -> tuple[float, float, str]:
    from routes import modes

    fn = modes.spec(mode).turnaround
    return fn() if fn else (0.0, 0.0, "")
