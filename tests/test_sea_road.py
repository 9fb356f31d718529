"""Sea and road modes against geodesic bounds, land polygons and passage options."""

from __future__ import annotations

import pytest

from routes.geodata import country_at, on_land
from routes.modes.sea import KM_PER_NMI, land_along_km
from routes.verify import verify


def _mode(report: object, name: str) -> object:
    return next(e for e in report.estimates if e.mode == name)  # type: ignore[attr-defined]


def test_chongjin_vladivostok_by_sea() -> None:
    r = verify("Chongjin", "Vladivostok", mode="sea")
    sea = _mode(r, "sea")
    # the brief: the geodesic is about 226 km; a sailing distance must be no shorter and plausibly longer
    assert r.geodesic_km == pytest.approx(226, abs=5)
    assert r.geodesic_km <= sea.low_km <= 2 * r.geodesic_km  # type: ignore[attr-defined]
    leg = sea.details["legs"][0]  # type: ignore[attr-defined]
    assert leg["nmi"] == pytest.approx(leg["km"] / KM_PER_NMI, abs=0.1)
    assert leg["snap_origin_km"] < 20 and leg["snap_destination_km"] < 20
    assert "land_crossing" not in sea.flags  # type: ignore[attr-defined]


def test_inland_endpoint_is_unverifiable_unless_nearest_port() -> None:
    r = verify("Kursk", "Vladivostok", "about 20,000 km by sea")
    assert r.verdict.verdict == "unverifiable"
    assert "no_network_coverage" in r.verdict.flags
    assert "--nearest-port" in _mode(r, "sea").note  # type: ignore[attr-defined]
    r2 = verify("Kursk", "Vladivostok", mode="sea", extra={"nearest_port": True})
    sea = _mode(r2, "sea")
    assert sea.available  # type: ignore[attr-defined]
    assert sea.details["legs"][0]["port_access"]  # type: ignore[attr-defined]


def test_passages_on_and_off() -> None:
    via_suez = _mode(verify("Rotterdam", "Shanghai", mode="sea"), "sea")
    assert "suez" in via_suez.details["legs"][0]["passages"]  # type: ignore[attr-defined]
    no_suez = _mode(verify("Rotterdam", "Shanghai", mode="sea", extra={"avoid_passage": ("suez",)}), "sea")
    assert "suez" not in no_suez.details["legs"][0]["passages"]  # type: ignore[attr-defined]
    assert "suez" in no_suez.details["avoided_passages"]  # type: ignore[attr-defined]
    assert no_suez.low_km > via_suez.low_km + 2000  # type: ignore[attr-defined]


def test_unknown_passage_is_bad_input() -> None:
    from routes.errors import RouteCheckError

    with pytest.raises(RouteCheckError, match="unknown passage"):
        verify("Rotterdam", "Shanghai", mode="sea", extra={"avoid_passage": ("atlantis",)})


def test_land_crossing_detection_on_real_polygons() -> None:
    # Moscow to Kursk is entirely over land; a line in the open Sea of Japan is not.
    assert land_along_km([(55.75, 37.62), (51.73, 36.18)], skip_km=0) > 400
    assert land_along_km([(42.0, 132.0), (40.5, 133.5)], skip_km=0) == 0
    assert list(on_land([55.75, 40.0], [37.62, 134.0])) == [True, False]
    assert country_at(51.73, 36.19) == "RU"
    assert country_at(39.03, 125.75) == "KP"


def test_ship_class_speed_sets_duration() -> None:
    sea = _mode(verify("Chongjin", "Vladivostok", mode="sea", vehicle="ropucha"), "sea")
    # Ropucha class: 15-18 knots (data/vehicles/ships.csv)
    assert sea.duration_h_low == pytest.approx(sea.low_km / (18 * KM_PER_NMI), rel=1e-6)  # type: ignore[attr-defined]
    assert sea.duration_h_high == pytest.approx(sea.high_km / (15 * KM_PER_NMI), rel=1e-6)  # type: ignore[attr-defined]


def test_road_is_estimated_from_circuity() -> None:
    r = verify("Moscow", "Kursk", mode="road")
    road = _mode(r, "road")
    assert "estimated" in road.note  # type: ignore[attr-defined]
    assert 1.1 * r.geodesic_km <= road.low_km < road.high_km <= 1.5 * r.geodesic_km  # type: ignore[attr-defined]


def test_no_road_across_the_sea() -> None:
    r = verify("Vladivostok", "Yuzhno-Sakhalinsk", "about 1,200 km by road")
    assert r.verdict.verdict == "unverifiable"
    assert "no_network_coverage" in r.verdict.flags


def test_landmass_grid_agrees_with_the_polygons() -> None:
    # deep-inland points read their landmass from the prebuilt grid; the polygons must give the same label
    import random

    from routes import geodata

    geodata._landmass_grid(build=True)  # as python -m routes.prebuild does (the tests use their own cache)
    geodata._landmass_grid.cache_clear()
    geodata._inland_grid.cache_clear()
    assert geodata._landmass_grid() is not None
    rnd = random.Random(11)
    n = 0
    for _ in range(2000):
        lat, lon = rnd.uniform(-55, 75), rnd.uniform(-180, 180)
        if geodata.deep_inland(lat, lon):
            n += 1
            assert geodata.landmass(lat, lon) == geodata._landmass_of(lat, lon, 5.0), (lat, lon)
    assert n > 200


def test_precomputed_point_labels_agree_with_the_polygons() -> None:
    from routes import geodata

    pts = [(43.1056, 131.8735), (68.9707, 33.0749), (43.5992, 39.7257), (45.3567, 36.4754), (46.9591, 142.7380),
           (54.7065, 20.5110), (44.0, 150.0), (60.1699, 24.9384)]  # Vladivostok ... Yuzhno-Sakhalinsk, at sea
    geodata._landmass_grid(build=True)
    geodata._landmass_grid.cache_clear()
    geodata._inland_grid.cache_clear()
    geodata.build_point_labels([p[0] for p in pts], [p[1] for p in pts])
    for lat, lon in pts:
        assert geodata._point_label(lat, lon) is not None, (lat, lon)  # labelled, not left to the polygons
        assert geodata.landmass(lat, lon) == geodata._landmass_of(lat, lon, 5.0), (lat, lon)
    assert geodata.landmass(44.0, 150.0) is None  # open sea
    assert geodata.landmass(46.9591, 142.7380) != geodata.landmass(43.1056, 131.8735)  # Sakhalin is an island
    assert geodata._point_label(43.10561, 131.8735) is None  # only the exact points are labelled
