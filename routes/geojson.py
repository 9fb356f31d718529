"""GeoJSON output (RFC 7946): every computed path and place, for QGIS or geojson.io.

Coordinates are [lon, lat]; lines that cross the antimeridian are split there into a MultiLineString (RFC 7946
section 3.1.9); a line with fewer than two distinct points becomes nothing. Line features carry the same field
names in verify, route and map output: ``mode``, ``distance_km``, ``low_km``, ``high_km``, plus ``claim`` and
``verdict`` where a claim was checked (``km`` is kept beside ``distance_km`` for 0.1 scripts).
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from routes import modes

if TYPE_CHECKING:
    from routes.contract import Report
    from routes.places import Place
    from routes.route import RouteReport


def _parts(path: list[tuple[float, float]]) -> list[list[list[float]]]:
    """[lon, lat] runs of a (lat, lon) path: duplicates dropped, split where it crosses the antimeridian."""
    pts: list[list[float]] = []
    for la, lo in path:
        p = [round(lo, 5), round(la, 5)]
        if not pts or p != pts[-1]:
            pts.append(p)
    parts: list[list[list[float]]] = [[pts[0]]] if pts else []
    for a, b in itertools.pairwise(pts):
        if abs(b[0] - a[0]) > 180:  # the shorter way round crosses +-180: end here, start again on the other side
            east = a[0] > 0
            lon_b = b[0] + 360 if east else b[0] - 360
            t = ((180 if east else -180) - a[0]) / (lon_b - a[0])
            lat = round(a[1] + t * (b[1] - a[1]), 5)
            parts[-1].append([180.0 if east else -180.0, lat])
            parts.append([[-180.0 if east else 180.0, lat]])
        parts[-1].append(b)
    return [q for q in parts if len(q) >= 2]


def _line(path: list[tuple[float, float]], props: dict[str, Any]) -> dict[str, Any] | None:
    parts = _parts(path)
    if not parts:
        return None
    geom: dict[str, Any] = ({"type": "LineString", "coordinates": parts[0]} if len(parts) == 1
                            else {"type": "MultiLineString", "coordinates": parts})
    return {"type": "Feature", "properties": props, "geometry": geom}


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 1)


def _point(p: Place, role: str) -> dict[str, Any]:
    return {"type": "Feature", "properties": {"name": p.name, "country": p.country, "kind": p.kind, "role": role,
                                              "source": p.source},
            "geometry": {"type": "Point", "coordinates": [round(p.lon, 5), round(p.lat, 5)]}}


def verify_geojson(report: Report) -> dict[str, Any]:
    """Places, the densified geodesic and each mode's path of a verify report."""
    from routes.geodesy import path

    feats: list[dict[str, Any]] = []
    for role, place in (("origin", report.origin), ("destination", report.destination)):
        feats.extend(_point(p, role) for p in place.points())
    for p in report.via:
        feats.extend(_point(q, "via") for q in p.points())
    o, d = report.origin.points()[0], report.destination.points()[0]
    claim = {"claim": report.claim.text if report.claim else None, "verdict": report.verdict.verdict}
    g = round(report.geodesic_km, 1)
    lines = [_line(path(o.lat, o.lon, d.lat, d.lon), {"mode": modes.bound(), "distance_km": g, "km": g,
                                                      "low_km": _r(report.geodesic_low_km),
                                                      "high_km": _r(report.geodesic_high_km), **claim})]
    for est in report.estimates:
        for i, pth in enumerate(est.paths):
            lines.append(_line(pth, {"mode": est.mode, "leg": i + 1, "distance_km": _r(est.distance_km),
                                     "low_km": _r(est.low_km), "high_km": _r(est.high_km),
                                     "fits": report.verdict.fits.get(est.mode), **claim}))
    feats.extend(f for f in lines if f is not None)
    return {"type": "FeatureCollection", "features": feats}


def route_geojson(report: RouteReport) -> dict[str, Any]:
    """Every candidate place and each leg's path (first candidate pair, or the geodesic) of a route."""
    from routes.geodesy import path

    feats: list[dict[str, Any]] = []
    seen: set[tuple[float, float]] = set()
    for leg in report.legs:
        for role, places in (("from", leg.origins), ("to", leg.destinations)):
            for p in places:
                if (p.lat, p.lon) not in seen:
                    seen.add((p.lat, p.lon))
                    feats.append(_point(p, f"leg {leg.spec.number} {role}"))
        props = {"leg": leg.spec.number, "mode": "/".join(leg.spec.modes), **leg.to_json()}
        props.pop("sources", None)
        claims = [c for c in report.claims if c["claim"]["scope"][0] <= leg.spec.number <= c["claim"]["scope"][1]]
        props["claims"] = [{"claim": c["claim"]["text"], "verdict": c["verdict"]} for c in claims]
        o, d = leg.origins[0], leg.destinations[0]
        line = _line(leg.paths[0] if leg.paths else path(o.lat, o.lon, d.lat, d.lon), props)
        if line is not None:
            feats.append(line)
    return {"type": "FeatureCollection", "features": feats}


def write(target: str | Path, collection: dict[str, Any]) -> None:
    """Write a FeatureCollection (deterministic key order, UTF-8)."""
    Path(target).write_text(json.dumps(collection, ensure_ascii=False, indent=1), encoding="utf-8")
