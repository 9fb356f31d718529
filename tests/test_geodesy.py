"""Geodesic distances against independent references."""

from __future__ import annotations

import itertools

import pytest
from geopy.distance import geodesic as geopy_geodesic

from routes.geodesy import distance_km, distances_km, pairwise_km, path


def test_equator_degree_matches_wgs84_semi_major_axis() -> None:
    # Hand-worked: one degree of longitude on the equator = a * pi / 180 with a = 6378.137 km (WGS84).
    assert distance_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(6378.137 * 3.141592653589793 / 180, abs=1e-6)


def test_meridian_quadrant_matches_published_value() -> None:
    # WGS84 meridian quadrant (equator to pole) is 10,001.965729 km (NGA TR8350.2 derived constant).
    assert distance_km(0.0, 0.0, 90.0, 0.0) == pytest.approx(10_001.965729, abs=0.001)


@pytest.mark.parametrize(
    ("a", "b", "expected_km", "tol_km"),
    [
        # The brief's seed figures: Vladivostok-Kursk about 6,750 km, Vladivostok-Moscow about 6,430 km.
        ((43.10562, 131.87353), (51.72689, 36.18457), 6750, 15),
        ((43.10562, 131.87353), (55.75204, 37.61781), 6430, 15),
    ],
)
def test_seed_geodesics(a: tuple[float, float], b: tuple[float, float], expected_km: float, tol_km: float) -> None:
    d = distance_km(*a, *b)
    assert abs(d - expected_km) <= tol_km
    # geopy (geographiclib) is an independent implementation of the same ellipsoidal geodesic.
    assert d == pytest.approx(geopy_geodesic(a, b).km, abs=0.001)


def test_vectorised_matches_scalar() -> None:
    lats1, lons1 = [43.1, 51.7, -33.9], [131.9, 36.2, 151.2]
    lats2, lons2 = [55.8, 39.0, 51.5], [37.6, 125.8, -0.1]
    vec = distances_km(lats1, lons1, lats2, lons2)
    for i in range(3):
        assert vec[i] == pytest.approx(distance_km(lats1[i], lons1[i], lats2[i], lons2[i]), rel=1e-12)
    m = pairwise_km([(43.1, 131.9)], [(55.8, 37.6), (51.7, 36.2)])
    assert m.shape == (1, 2)
    assert m[0, 1] == pytest.approx(distance_km(43.1, 131.9, 51.7, 36.2))


def test_densified_path_stays_on_the_geodesic() -> None:
    pts = path(43.1, 131.9, 51.7, 36.2, spacing_km=100)
    assert pts[0] == (43.1, 131.9)
    assert pts[-1] == (51.7, 36.2)
    total = sum(distance_km(*a, *b) for a, b in itertools.pairwise(pts))
    assert total == pytest.approx(distance_km(43.1, 131.9, 51.7, 36.2), rel=1e-6)
    assert 60 <= len(pts) <= 70


def test_small_and_large_batches_agree() -> None:
    # up to SMALL pairs go through geographiclib, more through pyproj: the same Karney algorithm, so the same km
    import numpy as np

    from routes.geodesy import SMALL

    rng = np.random.default_rng(7)
    lat1, lat2 = rng.uniform(-80, 80, 200), rng.uniform(-80, 80, 200)
    lon1, lon2 = rng.uniform(-180, 180, 200), rng.uniform(-180, 180, 200)
    big = distances_km(lat1, lon1, lat2, lon2)
    small = np.concatenate([distances_km(lat1[i:i + SMALL], lon1[i:i + SMALL], lat2[i:i + SMALL], lon2[i:i + SMALL])
                            for i in range(0, 200, SMALL)])
    assert np.max(np.abs(big - small)) < 1e-6


def test_nearest_km_is_the_exact_argmin() -> None:
    # the spherical pre-filter never changes the answer: brute force over every point agrees
    import numpy as np

    from routes.geodesy import nearest_km

    rng = np.random.default_rng(3)
    lats, lons = rng.uniform(40, 70, 3000), rng.uniform(20, 140, 3000)
    for lat, lon in [(55.75, 37.62), (43.1, 131.9), (51.73, 36.19), (68.97, 33.08)]:
        brute = distances_km(np.full(len(lats), lat), np.full(len(lats), lon), lats, lons)
        i, km = nearest_km(lat, lon, lats, lons)
        assert i == int(np.argmin(brute)) and km == pytest.approx(float(brute.min()), abs=1e-9)
