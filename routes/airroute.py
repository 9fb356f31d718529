"""Air routing that respects the aircraft and the airspace: refuel stops on real airfields, and tracks
kept inside one country's territory (``--within RU``).

Nodes are the two ends plus the airfields of the gazetteer (curated air bases and airports with an IATA
code) inside an ellipse around the great circle. An edge is a direct flight no longer than the leg limit
(the aircraft's range, or ``MAX_HOP_KM``) and, with ``within``, staying inside the country's polygon.
Dijkstra with a large cost per hop finds the fewest stops first, then the least distance.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Any

from routes.errors import RouteCheckError, UnreachableError
from routes.places import Place

HOP_PENALTY_KM = 100_000.0  # one extra stop costs more than any detour
MAX_HOP_KM = 3_000.0  # without a range limit, waypoints for a --within track are at most this far apart
CORRIDOR = 1.4  # airfields with d(o, a) + d(a, d) <= CORRIDOR * d(o, d) are considered
MAX_NODES = 150  # ... the most prominent of them (air bases first, then airports by prominence)
SAMPLE_KM = 50.0
OUTSIDE_TOLERANCE_KM = 10.0  # a flight may clip this much foreign territory (border approaches)


@dataclass
class AirPlan:
    """A planned air leg: the track through waypoints, its km, the refuel stops and what was avoided."""

    km: float
    waypoints: list[Place]
    stops: list[Place]
    great_circle_km: float
    outside_km_direct: float = 0.0
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Details for the air mode's JSON."""
        return {
            "track_km": round(self.km, 1),
            "great_circle_km": round(self.great_circle_km, 1),
            "extra_km": round(self.km - self.great_circle_km, 1),
            "waypoints": [p.label() for p in self.waypoints],
            "refuel_stops": [p.label() for p in self.stops],
            "great_circle_outside_km": round(self.outside_km_direct, 1),
        }


@cache
def _airfields(country: str) -> tuple[Place, ...]:
    """Curated air bases and IATA airports of a country (all countries when country is '')."""
    from routes import gazetteer
    from routes.places import from_record

    return tuple(replace(from_record(r.name, r), population=0) for r in gazetteer.airfields(country))


@cache
def _field_coords(country: str) -> tuple[Any, Any]:
    """(lat, lon) arrays of ``_airfields(country)``, in its order."""
    import numpy as np

    fields = _airfields(country)
    return np.array([a.lat for a in fields], dtype=float), np.array([a.lon for a in fields], dtype=float)


SPHERE_SLACK = 0.98  # a sphere's distance is within 0.6 % of the WGS84 geodesic; this keeps a wide margin


def _maybe_in_corridor(o: Place, d: Place, gc: float, country: str) -> list[int]:
    """Indices of the airfields that may lie in the corridor: a spherical (haversine) pre-filter, so that exact
    geodesics are computed for a few hundred airfields instead of every airfield on Earth. It keeps every
    airfield the exact test keeps (the sphere errs by well under 1 - SPHERE_SLACK)."""
    import numpy as np

    lat, lon = _field_coords(country)
    la, lo = np.radians(lat), np.radians(lon)

    def hav(p: Place) -> Any:
        pl, po = math.radians(p.lat), math.radians(p.lon)
        h = np.sin((la - pl) / 2) ** 2 + math.cos(pl) * np.cos(la) * np.sin((lo - po) / 2) ** 2
        return 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))

    near = SPHERE_SLACK * (hav(o) + hav(d)) <= CORRIDOR * gc
    return np.nonzero(near)[0].tolist()


@cache
def _country_shape(country: str) -> Any:
    import shapely

    from routes.geodata import countries

    geoms, iso, _, _ = countries()
    parts = [g for g, c in zip(geoms, iso, strict=True) if c == country]
    if not parts:
        raise RouteCheckError(f"unknown country {country!r} for --within (use an ISO 3166 alpha-2 code, e.g. RU)")
    shape = shapely.union_all(parts)
    shapely.prepare(shape)
    return shape


def outside_km(a: Place, b: Place, country: str) -> float:
    """km of the great circle a-b that lies outside ``country``."""
    import numpy as np
    import shapely

    from routes.geodesy import path

    pts = np.array(path(a.lat, a.lon, b.lat, b.lon, spacing_km=SAMPLE_KM))
    inside = shapely.contains_xy(_country_shape(country), pts[:, 1], pts[:, 0])
    from routes.geodesy import distances_km

    seg = distances_km(pts[:-1, 0], pts[:-1, 1], pts[1:, 0], pts[1:, 1])
    return float(seg[~(inside[:-1] & inside[1:])].sum())


@cache
def plan(o: Place, d: Place, range_km: float | None = None, within: str | None = None,
         routing_factor: float = 1.0) -> AirPlan:
    """Plan an air leg from ``o`` to ``d``.

    Parameters
    ----------
    range_km
        Longest flight the aircraft can make with its payload (None: no fuel limit).
    within
        ISO2 code of the only country whose airspace the track may use.
    routing_factor
        Flown km per great-circle km on each hop (airways are not great circles); applied to the range test.

    Raises
    ------
    UnreachableError
        When no chain of airfields satisfies the limits.
    """
    import numpy as np
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import dijkstra

    from routes.geodesy import distance_km, pairwise_km

    gc = distance_km(o.lat, o.lon, d.lat, d.lon)
    out_direct = outside_km(o, d, within) if within else 0.0
    limit = (range_km / routing_factor) if range_km else None
    if (limit is None or gc <= limit) and out_direct <= OUTSIDE_TOLERANCE_KM:
        return AirPlan(gc, [o, d], [], gc, out_direct)
    every = _airfields(within or "")
    fields = [a for a in (every[i] for i in _maybe_in_corridor(o, d, gc, within or ""))
              if a.ident not in (o.ident, d.ident)]
    if within:
        import shapely

        fields = [a for a in fields if shapely.contains_xy(_country_shape(within), a.lon, a.lat)]
    ends = pairwise_km([(o.lat, o.lon), (d.lat, d.lon)], [(a.lat, a.lon) for a in fields])
    keep = (ends[0] + ends[1]) <= CORRIDOR * gc
    inside = [a for a, k in zip(fields, keep, strict=True) if k]
    inside.sort(key=lambda a: (a.kind != "airbase", a.ident))
    nodes = [o, d, *inside[:MAX_NODES]]
    hop = min(limit or MAX_HOP_KM, MAX_HOP_KM) if within else (limit or MAX_HOP_KM)
    dist = _hop_matrix(nodes, hop)
    ok = (dist <= hop) & (dist > 0)
    if within:
        iu, ju = np.nonzero(np.triu(ok))
        for i, j in zip(iu.tolist(), ju.tolist(), strict=True):
            if outside_km(nodes[i], nodes[j], within) > OUTSIDE_TOLERANCE_KM:
                ok[i, j] = ok[j, i] = False
    w = np.where(ok, dist + HOP_PENALTY_KM, 0.0)
    cost, pred = dijkstra(csr_matrix(w), directed=True, indices=0, return_predecessors=True)
    if not math.isfinite(cost[1]):
        what = f"a range of {range_km:,.0f} km" if range_km else "the limits"
        where = f" inside {within}" if within else ""
        raise UnreachableError(f"no chain of airfields{where} joins {o.label()} and {d.label()} with {what}")
    chain = [1]
    while chain[-1] != 0:
        chain.append(int(pred[chain[-1]]))
    chain.reverse()
    way = [nodes[i] for i in chain]
    km = float(sum(dist[a, b] for a, b in itertools.pairwise(chain)))
    stops = _refuel_stops(way, dist, chain, limit)
    return AirPlan(km, way, stops, gc, out_direct)


def _hop_matrix(nodes: list[Place], hop: float) -> Any:
    """WGS84 km between every two nodes, exact wherever it can be ``hop`` or less, inf where a sphere already
    puts the pair beyond ``hop / SPHERE_SLACK`` (no flight can join them: their geodesic is not needed)."""
    import numpy as np

    from routes.geodesy import distances_km

    la, lo = np.radians([p.lat for p in nodes]), np.radians([p.lon for p in nodes])
    h = (np.sin((la[:, None] - la[None, :]) / 2) ** 2
         + np.cos(la[:, None]) * np.cos(la[None, :]) * np.sin((lo[:, None] - lo[None, :]) / 2) ** 2)
    sphere = 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    near = SPHERE_SLACK * sphere <= hop
    dist = np.full((len(nodes), len(nodes)), np.inf)
    dist[2:, 2:] = np.where(near[2:, 2:], _field_km(tuple((p.lat, p.lon) for p in nodes[2:])), np.inf)
    near[2:, 2:] = False  # the airfields among themselves: done; the two ends' rows remain
    i, j = np.nonzero(np.triu(near, k=1))  # the geodesic is symmetric: one half
    np.fill_diagonal(dist, 0.0)
    lat = np.array([p.lat for p in nodes])
    lon = np.array([p.lon for p in nodes])
    dist[i, j] = dist[j, i] = distances_km(lat[i], lon[i], lat[j], lon[j])
    return dist


@lru_cache(maxsize=64)
def _field_km(points: tuple[tuple[float, float], ...]) -> Any:
    """Exact km between every two of a set of airfields: the plans of one route share their airfields."""
    import numpy as np

    from routes.geodesy import distances_km

    n = len(points)
    out = np.zeros((n, n))
    if n < 2:
        return out
    i, j = np.triu_indices(n, k=1)
    lat = np.array([p[0] for p in points])
    lon = np.array([p[1] for p in points])
    out[i, j] = out[j, i] = distances_km(lat[i], lon[i], lat[j], lon[j])
    return out


def _refuel_stops(way: list[Place], dist: Any, chain: list[int], limit: float | None) -> list[Place]:
    """Fewest stops along the chosen track: fly on while the fuel lasts, land at the last airfield before."""
    if limit is None:
        return []
    stops: list[Place] = []
    flown = 0.0
    for k in range(1, len(chain)):
        hop = float(dist[chain[k - 1], chain[k]])
        if flown + hop > limit and k > 1:
            stops.append(way[k - 1])
            flown = 0.0
        flown += hop
    return stops
