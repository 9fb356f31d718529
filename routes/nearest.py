"""Point -> nearest point of an area's boundary or line, on the WGS84 ellipsoid, with a stated error bound.

Method: (1) a spherical prefilter over every boundary vertex (vectorised numpy) keeps only the segments that
can hold the nearest point: a point of a segment of length L lies within L/2 of one of its ends, so a segment
whose nearer end is farther than (best vertex distance + L/2) cannot win; (2) each kept segment is densified to
64 points or more, at most 0.5 km apart (linear in lon/lat, as the data draws it), and measured with
``pyproj.Geod.inv``; (3) the three best samples are refined by golden-section search on the segment parameter,
again with ``Geod.inv``.

Error bound (numerical, beside the data's own resolution): the sample nearest the true minimum lies within s/2
of it (s = segment length / (samples - 1)), so the selected sample is at most min(s/2, s^2 / (8 d)) km worse
than the true distance d; refinement never makes it worse; the golden-section bracket adds its final width
times the segment length. The bound is computed per query and reported as ``error_bound_km``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from routes.geodesy import geod

if TYPE_CHECKING:
    from routes.areadata import Area

EARTH_KM = 6371.0088  # mean radius, for the prefilter only
SAMPLES = 64  # points per candidate segment, at least
SAMPLE_KM = 0.5  # ... and at most this far apart (a user's long straight segments), up to MAX_SAMPLES
MAX_SAMPLES = 4096
REFINED = 3  # best samples refined by golden-section search
GOLDEN_STEPS = 40  # bracket shrinks to 0.618^40 ~ 4e-9 of the segment
PREFILTER_MARGIN = 1.01  # sphere vs ellipsoid (<= 0.67 %) and lon/lat segments vs great circles


class Nearest(NamedTuple):
    """Distance from a point to an area's boundary (or line) and where it is met."""

    distance_km: float
    lat: float
    lon: float
    inside: bool | None  # None for a line (a front line has no inside)
    error_bound_km: float


def _unit(lat: Any, lon: Any) -> Any:
    import numpy as np

    la, lo = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)], axis=-1)


def _sphere_km(u: Any, v: Any) -> Any:
    import numpy as np

    return EARTH_KM * 2 * np.arcsin(np.clip(np.linalg.norm(u - v, axis=-1) / 2, 0, 1))


def _interp(seg: Any, t: Any) -> tuple[Any, Any]:
    """Points at parameter t along a lon/lat segment (longitudes unwrapped across the antimeridian)."""
    import numpy as np

    lon1, lat1, lon2, lat2 = seg
    d = (lon2 - lon1 + 180.0) % 360.0 - 180.0
    lon = (lon1 + t * d + 180.0) % 360.0 - 180.0
    return np.asarray(lat1 + t * (lat2 - lat1)), np.asarray(lon)


def _dist_km(lat0: float, lon0: float, lat: Any, lon: Any) -> Any:
    import numpy as np

    n = np.size(lat)
    _, _, m = geod().inv(np.full(n, lon0), np.full(n, lat0), np.ravel(lon), np.ravel(lat))
    return np.asarray(m) / 1000.0


def _candidates(area: Area, lat: float, lon: float) -> Any:
    """Indices of the segments that can hold the nearest point (spherical bound, see the module docstring)."""
    import numpy as np

    segs = area.segments
    p = _unit(lat, lon)
    ua, ub = _unit(segs[:, 1], segs[:, 0]), _unit(segs[:, 3], segs[:, 2])
    da, db = _sphere_km(ua, p), _sphere_km(ub, p)
    length = _sphere_km(ua, ub)
    best = float(min(da.min(), db.min()))
    near = np.minimum(da, db) - PREFILTER_MARGIN * length / 2
    return np.flatnonzero(near <= best * PREFILTER_MARGIN + 0.5)


def _golden(seg: Any, lat: float, lon: float, lo: float, hi: float) -> tuple[float, float]:
    """(t, km) minimising the distance on [lo, hi] of one segment's parameter."""
    r = 0.6180339887498949
    a, b = lo, hi
    c, d = b - r * (b - a), a + r * (b - a)
    fc, fd = (float(_dist_km(lat, lon, *_interp(seg, x))[0]) for x in (c, d))
    for _ in range(GOLDEN_STEPS):
        if fc <= fd:
            b, d, fd = d, c, fc
            c = b - r * (b - a)
            fc = float(_dist_km(lat, lon, *_interp(seg, c))[0])
        else:
            a, c, fc = c, d, fd
            d = a + r * (b - a)
            fd = float(_dist_km(lat, lon, *_interp(seg, d))[0])
    return (c, fc) if fc <= fd else (d, fd)


def nearest(lat: float, lon: float, area: Area) -> Nearest:
    """Nearest point of ``area``'s boundary (a polygon's rings, or a line) to ``(lat, lon)``, on WGS84.

    Parameters
    ----------
    lat, lon
        The point, decimal degrees.
    area
        A :class:`routes.areadata.Area`.

    Returns
    -------
    Nearest
        ``distance_km`` (geodesic, km), the nearest point's ``lat``/``lon``, ``inside`` (whether the point lies
        inside a polygonal area; None for lines) and ``error_bound_km``, the numerical bound of the search
        (module docstring). The data's own resolution is ``area.resolution_km``, not included here.
    """
    import numpy as np
    import shapely

    idx = _candidates(area, lat, lon)
    segs = area.segments[idx]
    longest = float(_sphere_km(_unit(segs[:, 1], segs[:, 0]), _unit(segs[:, 3], segs[:, 2])).max())
    samples = int(min(max(SAMPLES, np.ceil(longest * PREFILTER_MARGIN / SAMPLE_KM) + 1), MAX_SAMPLES))
    t = np.linspace(0.0, 1.0, samples)
    la, lo = _interp(segs.T[:, :, None], t[None, :])
    d = _dist_km(lat, lon, la, lo).reshape(len(segs), samples)
    order = np.argsort(d, axis=None, kind="stable")[:REFINED]
    best: tuple[float, int, float] | None = None  # (km, segment row, t)
    for flat in order:
        i, j = divmod(int(flat), samples)
        lo_t, hi_t = t[max(j - 1, 0)], t[min(j + 1, samples - 1)]
        tt, km = _golden(segs[i], lat, lon, float(lo_t), float(hi_t))
        if km > d[i, j]:
            tt, km = float(t[j]), float(d[i, j])
        if best is None or km < best[0]:
            best = (km, i, tt)
    assert best is not None
    km, i, tt = best
    seg_km = float(_dist_km(segs[i][1], segs[i][0], np.array([segs[i][3]]), np.array([segs[i][2]]))[0])
    s = seg_km / (samples - 1)
    grid = min(s / 2, s * s / (8 * km)) if km > 0 else s / 2
    bound = grid + seg_km * 2 * 0.6180339887498949 ** GOLDEN_STEPS / (samples - 1) + 1e-6
    nlat, nlon = (float(x) for x in _interp(segs[i], tt))
    inside = bool(shapely.contains_xy(area.geometry, lon, lat)) if area.polygonal else None
    return Nearest(km, nlat + 0.0, nlon + 0.0, inside, bound)  # + 0.0: no negative zero in the JSON
