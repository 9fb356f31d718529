"""Verdicts and flags on real routes, checked against geodesic bounds and the seed figures."""

from __future__ import annotations

import pytest

from routes.claims import parse
from routes.modes.base import ModeEstimate
from routes.verdict import judge, overlaps
from routes.verify import verify


def test_seed_case_is_below_the_geodesic_minimum_and_names_moscow() -> None:
    r = verify("Vladivostok", "Kursk", "nearly 6,400 km")
    data = r.to_json()
    assert data["verdict"] == "inconsistent"
    assert "below_geodesic_minimum" in data["flags"]
    # 6,400 miles (10,300 km) only grazes the 9,608-9,879 km rail range: no unit-swap explanation is offered
    assert "unit_suspect" not in data["flags"]
    # The brief: the geodesic Vladivostok-Kursk is about 6,750 km.
    assert 6735 <= data["geodesic_km"] <= 6765
    assert data["alternatives"], "an alternative must be offered"
    first = data["alternatives"][0]
    assert "Moscow" in first["destination"]
    # Vladivostok-Moscow: about 6,430 km ("nearly 4,000 miles")
    assert 6415 <= first["distance_km"] <= 6445


def test_crow_flies_claim_is_consistent() -> None:
    r = verify("43.11,131.87", "51.73,36.19", "about 6,750 km as the crow flies")
    assert r.verdict.verdict == "consistent"
    assert r.verdict.fits["geodesic"] is True


def test_air_claim_pyongyang_moscow() -> None:
    r = verify("Pyongyang", "Moscow", "nearly 4,000 miles", mode="air")
    assert r.verdict.verdict == "consistent"
    air = next(e for e in r.estimates if e.mode == "air")
    # air distance is at least the geodesic, and within a generous 1.2 factor of it
    assert r.geodesic_low_km <= air.low_km <= air.high_km <= 1.2 * r.geodesic_km  # type: ignore[operator]


def test_unit_suspect_flag() -> None:
    # 4,000 km is far below the 6,430 km geodesic, but 4,000 miles (6,437 km) fits.
    r = verify("Pyongyang", "Moscow", "nearly 4,000 km")
    assert r.verdict.verdict == "inconsistent"
    assert "unit_suspect" in r.verdict.flags
    assert any("mi" in a.description for a in r.verdict.alternatives)


def test_mode_mismatch_flag() -> None:
    # 9,289 km is the Rossiya's timetable distance Moscow-Vladivostok (RZD): no flight is that long (the great
    # circle is 6,434 km, a flown track at most 4 % more; since air ranges start at the great circle that airlines
    # publish, the geodesic itself is no longer a mismatch for air)
    r = verify("Vladivostok", "Moscow", "9,289 km", mode="air")
    assert r.verdict.verdict == "inconsistent"
    assert "mode_mismatch" in r.verdict.flags
    assert any(a.mode == "rail" for a in r.verdict.alternatives)


def test_implausible_speed_flag() -> None:
    # 6,750 km in two hours would need about 2,700 km/h.
    r = verify("Vladivostok", "Kursk", "2 hours")
    assert r.verdict.verdict == "inconsistent"
    assert "implausible_speed" in r.verdict.flags


def test_plausible_flight_time() -> None:
    r = verify("Vladivostok", "Moscow", "about 9 hours", mode="air")
    assert r.verdict.verdict == "consistent"
    assert "implausible_speed" not in r.verdict.flags


def test_ambiguous_place_flag() -> None:
    r = verify("Springfield", "Chicago", "about 300 km")
    assert "ambiguous_place" in r.verdict.flags
    assert r.origin.others


def test_region_gives_a_range() -> None:
    r = verify("Vladivostok", "Kursk region", None)
    assert r.geodesic_low_km < r.geodesic_high_km
    assert r.verdict.verdict == "unverifiable"


def test_no_network_coverage_flag_makes_unverifiable() -> None:
    est = ModeEstimate("rail", None, None, None, note="no station within 300 km",
                       flags=["no_network_coverage"], available=False)
    v = judge(parse("500 km by rail"), [est], "rail", 400.0, "A to B")
    assert v.verdict == "unverifiable"
    assert "no_network_coverage" in v.flags


@pytest.mark.parametrize(
    ("lo", "hi", "a", "b", "expected"),
    [(1, 2, 2, 3, True), (1, 2, 2.1, 3, False), (5, None, 1, 6, True), (5, None, 1, 4, False)],
)
def test_overlaps(lo: float, hi: float | None, a: float, b: float, expected: bool) -> None:
    assert overlaps(lo, hi, a, b) is expected
