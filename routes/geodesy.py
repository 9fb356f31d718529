"""Geodesic distances and paths on the WGS84 ellipsoid: the hard lower bound for every mode."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from pyproj import Geod

SOURCE = "WGS84 ellipsoid geodesic (Karney 2013 algorithm, via pyproj/PROJ)"
SMALL = 32  # up to this many pairs, geographiclib (1.5 ms to import) beats loading pyproj (60 ms) in a cold process


@cache
def _karney() -> Any:
    """geographiclib's WGS84 geodesic: the same algorithm as PROJ's (PROJ's geodesic code is its C port)."""
    from geographiclib.geodesic import Geodesic

    return Geodesic.WGS84


@cache
def geod() -> Geod:
    """Return the shared WGS84 ``pyproj.Geod``."""
    from pyproj import Geod

    return Geod(ellps="WGS84")


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Geodesic distance in kilometres between two points given in decimal degrees."""
    return _inverse_km(float(lat1), float(lon1), float(lat2), float(lon2))


@lru_cache(maxsize=65536)
def _inverse_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """geographiclib's inverse geodesic in km, memoised: every mode of a check measures the same pairs."""
    k = _karney()
    return float(k.Inverse(lat1, lon1, lat2, lon2, k.DISTANCE)["s12"]) / 1000.0


def distances_km(
    lat1: Sequence[float] | np.ndarray,
    lon1: Sequence[float] | np.ndarray,
    lat2: Sequence[float] | np.ndarray,
    lon2: Sequence[float] | np.ndarray,
) -> np.ndarray:
    """Vectorised geodesic distances in kilometres (arrays of equal length, decimal degrees)."""
    import numpy as np

    if len(lat1) <= SMALL:  # a handful of pairs (a cold verify): no pyproj import
        return np.array([_inverse_km(float(a), float(b), float(c), float(d))
                         for a, b, c, d in zip(lat1, lon1, lat2, lon2, strict=True)], dtype=float)
    _, _, metres = geod().inv(
        np.asarray(lon1, dtype=float),
        np.asarray(lat1, dtype=float),
        np.asarray(lon2, dtype=float),
        np.asarray(lat2, dtype=float),
    )
    return np.asarray(metres) / 1000.0


def pairwise_km(a: Sequence[tuple[float, float]], b: Sequence[tuple[float, float]]) -> np.ndarray:
    """Geodesic distance matrix in km between point lists ``a`` and ``b`` of ``(lat, lon)`` tuples."""
    import numpy as np

    la = np.array([p[0] for p in a], dtype=float)
    oa = np.array([p[1] for p in a], dtype=float)
    lb = np.array([p[0] for p in b], dtype=float)
    ob = np.array([p[1] for p in b], dtype=float)
    ga, gb = np.meshgrid(np.arange(len(a)), np.arange(len(b)), indexing="ij")
    d = distances_km(la[ga.ravel()], oa[ga.ravel()], lb[gb.ravel()], ob[gb.ravel()])
    return d.reshape(len(a), len(b))


def path(lat1: float, lon1: float, lat2: float, lon2: float, spacing_km: float = 50.0) -> list[tuple[float, float]]:
    """Densified geodesic as ``(lat, lon)`` points, endpoints included, about ``spacing_km`` apart."""
    total = distance_km(lat1, lon1, lat2, lon2)
    n = max(int(total // spacing_km) - 1, 0)
    inner = geod().npts(lon1, lat1, lon2, lat2, n) if n else []
    return [(lat1, lon1), *[(la, lo) for lo, la in inner], (lat2, lon2)]


def destination(lat: float, lon: float, azimuth_deg: float, distance: float) -> tuple[float, float]:
    """Point reached from ``(lat, lon)`` after ``distance`` km on ``azimuth_deg``; returns ``(lat, lon)``."""
    lon2, lat2, _ = geod().fwd(lon, lat, azimuth_deg, distance * 1000.0)
    return float(lat2), float(lon2)


def sphere_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Great-circle km on the mean sphere (haversine), vectorised: a cheap pre-filter for exact geodesics."""
    import numpy as np

    p1, p2 = np.radians(lat), np.radians(lats)
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lons - lon) / 2) ** 2
    return np.asarray(2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))))


def nearest_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> tuple[int, float]:
    """(index, geodesic km) of the point of ``lats``/``lons`` nearest to (lat, lon); the first on a tie.

    The sphere is within 0.6 % of the ellipsoid, so only points within 1.3 % (plus 0.5 km) of the spherically
    nearest can be the nearest: the exact geodesic is computed for those alone.
    """
    import numpy as np

    sph = sphere_km(lat, lon, lats, lons)
    keep = np.flatnonzero(sph <= sph.min() * 1.013 + 0.5)
    d = distances_km(np.full(len(keep), lat), np.full(len(keep), lon), lats[keep], lons[keep])
    j = int(np.argmin(d))
    return int(keep[j]), float(d[j])


def ring(lat: float, lon: float, bearings: Sequence[float], km: float) -> tuple[list[float], list[float]]:
    """(lats, lons) of the points ``km`` from (lat, lon) along each bearing (degrees), on the WGS84 ellipsoid."""
    k = _karney()
    out = [k.Direct(lat, lon, float(b), km * 1000.0, k.LATITUDE | k.LONGITUDE) for b in bearings]
    return [float(o["lat2"]) for o in out], [float(o["lon2"]) for o in out]
