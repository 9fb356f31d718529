"""GeoJSON output: every computed path and place, for QGIS or geojson.io (coordinates lon, lat)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from routes import modes

if TYPE_CHECKING:
    from routes.contract import Report
    from routes.places import Place
    from routes.route import RouteReport


def _line(path: list[tuple[float, float]], props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "properties": props,
            "geometry": {"type": "LineString", "coordinates": [[round(lo, 5), round(la, 5)] for la, lo in path]}}


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
    feats.append(_line(path(o.lat, o.lon, d.lat, d.lon), {"mode": modes.bound(), "km": round(report.geodesic_km, 1)}))
    for est in report.estimates:
        for i, pth in enumerate(est.paths):
            feats.append(_line(pth, {"mode": est.mode, "leg": i + 1, "low_km": est.low_km, "high_km": est.high_km}))
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
        if leg.paths:
            feats.extend(_line(pth, props) for pth in leg.paths[:1])
        else:
            o, d = leg.origins[0], leg.destinations[0]
            feats.append(_line(path(o.lat, o.lon, d.lat, d.lon), props))
    return {"type": "FeatureCollection", "features": feats}


def write(target: str | Path, collection: dict[str, Any]) -> None:
    """Write a FeatureCollection (deterministic key order, UTF-8)."""
    Path(target).write_text(json.dumps(collection, ensure_ascii=False, indent=1), encoding="utf-8")
