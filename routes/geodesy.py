"""Geodesic distances and paths on the WGS84 ellipsoid: the hard lower bound for every mode."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from pyproj import Geod

SOURCE = "WGS84 ellipsoid geodesic (Karney 2013 algorithm, via pyproj/PROJ)"


@cache
def geod() -> Geod:
    """Return the shared WGS84 ``pyproj.Geod``."""
    from pyproj import Geod

    return Geod(ellps="WGS84")


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Geodesic distance in kilometres between two points given in decimal degrees."""
    _, _, metres = geod().inv(lon1, lat1, lon2, lat2)
    return float(metres) / 1000.0


def distances_km(
    lat1: Sequence[float] | np.ndarray,
    lon1: Sequence[float] | np.ndarray,
    lat2: Sequence[float] | np.ndarray,
    lon2: Sequence[float] | np.ndarray,
) -> np.ndarray:
    """Vectorised geodesic distances in kilometres (arrays of equal length, decimal degrees)."""
    import numpy as np

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
