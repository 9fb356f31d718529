"""Lift arithmetic against hand-worked examples; airspace and refuel planning; dated route claims."""

from __future__ import annotations

import json

import pytest

from routes import routefile
from routes.airroute import plan
from routes.datafiles import data_path
from routes.lift import Case, arithmetic, lift, vehicle_class
from routes.places import resolve
from routes.route import evaluate
from tests.conftest import run_cli


def test_hand_worked_lift() -> None:
    # 5,000 troops, 145 per trip -> 35 trips. One way 10 h, 1 h on the ground at each end -> 22 h round trip.
    # 12 h of flying a day stretches the 20 flying hours of a cycle to 40 h. In 120 h one aircraft delivers
    # 1 + floor((120 - 10) / 40) = 3 loads, so ceil(35 / 3) = 12 aircraft.
    r = arithmetic(5000, 120, Case(capacity=145, one_way_h=10, turnaround_h=1, duty_h_per_day=12))
    assert r.trips == 35
    assert r.round_trip_h == pytest.approx(22)
    assert r.cycle_h == pytest.approx(40)
    assert r.deliveries_per_vehicle == 3
    assert r.vehicles == 12


def test_hand_worked_lift_without_crew_limit() -> None:
    # 1,000 troops, 250 per train -> 4 trains; one way 100 h > a 72 h window: impossible
    r = arithmetic(1000, 72, Case(capacity=250, one_way_h=100, turnaround_h=0, duty_h_per_day=24))
    assert r.trips == 4
    assert r.vehicles is None
    # same with 300 h: 1 + floor((300 - 100) / 200) = 2 deliveries per train -> 2 trains
    r = arithmetic(1000, 300, Case(capacity=250, one_way_h=100, turnaround_h=0, duty_h_per_day=24))
    assert (r.deliveries_per_vehicle, r.vehicles) == (2, 2)


def test_lift_json_keys_and_verdict() -> None:
    d = lift(5000, 120, "Vladivostok", "Kursk", "Il-76MD")
    for key in ("trips_needed", "round_trip_h_low", "round_trip_h_high", "vehicles_needed", "fleet_size",
                "verdict", "flags", "reasons", "sources"):
        assert key in d
    assert d["verdict"] == "consistent"
    # capacity 145-225 troops (data/vehicles/aircraft.csv): 23 to 35 trips
    assert (d["trips_needed_low"], d["trips_needed"]) == (23, 35)
    assert d["vehicles_needed_low"] <= d["vehicles_needed"] <= d["fleet_size"]


def test_more_aircraft_than_exist_is_flagged_with_arithmetic() -> None:
    d = lift(200_000, 24, "Vladivostok", "Kursk", "Il-76MD")
    assert d["verdict"] == "inconsistent"
    assert "fleet_exceeded" in d["flags"]
    assert d["vehicles_needed_low"] > d["fleet_size"]
    assert any("trips = ceil" in s for s in d["arithmetic"]["optimistic"])


def test_too_short_window_is_implausible() -> None:
    d = lift(1000, 24, "Vladivostok", "Kursk", "echelon")
    assert "implausible_timeline" in d["flags"]


def test_vehicle_classes() -> None:
    assert vehicle_class("echelon").mode == "rail"
    assert vehicle_class("ropucha").mode == "sea"
    assert vehicle_class("Il-76MD").fleet is not None


def test_lift_cli() -> None:
    res = run_cli("lift", "--troops", "5000", "--within", "5 days", "--from", "Vladivostok", "--to", "Kursk",
                  "--vehicle", "Il-76MD", "--json")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["window_h"] == 120
    bad = run_cli("lift", "--troops", "5000", "--within", "500 km", "--from", "Vladivostok", "--to", "Kursk",
                  "--vehicle", "Il-76MD")
    assert bad.returncode == 2
    assert "duration" in bad.stderr


def test_within_russia_routes_around_and_reports_extra_km() -> None:
    o, d = resolve("Vladivostok"), resolve("Kursk")
    direct = plan(o, d)
    inside = plan(o, d, within="RU")
    # the great circle crosses foreign territory; staying inside Russia costs extra distance
    assert inside.outside_km_direct > 100
    assert inside.km > direct.km
    assert all(p.country == "RU" for p in inside.waypoints)


def test_refuel_stops_when_range_is_short() -> None:
    o, d = resolve("Vladivostok"), resolve("Moscow")
    p = plan(o, d, range_km=3600, routing_factor=1.045)
    assert len(p.stops) >= 1
    hops = list(zip(p.waypoints, p.waypoints[1:], strict=False))
    from routes.geodesy import distance_km

    # no hop may exceed the range once airways are allowed for
    assert all(distance_km(a.lat, a.lon, b.lat, b.lon) * 1.045 <= 3600 + 1 for a, b in hops)


def test_seed_route_dates_and_lift() -> None:
    report = evaluate(routefile.load(data_path("cases/kursk-2024.yaml")))
    data = report.to_json()
    assert data["lifts"] and data["lifts"][0]["kind"] == "lift"
    assert data["lifts"][0]["trips_needed"] >= data["lifts"][0]["trips_needed_low"] > 0
    arrival = next(t for t in data["timeline"] if "Kursk" in t["title"])
    modes = {o["mode"]: o["fits"] for o in arrival["options"]}
    assert modes["air"] is True  # hours, well inside a 10-16 day window
