"""Build data/areas/admin1.geojson: Natural Earth admin-1 polygons for the countries the war reporting names.

Input: Natural Earth 1:10m admin-1 states and provinces as TopoJSON (the quantised copy that Elastic's
ems-file-service keeps in sources/world/ne_10m_admin_1_states_provinces.topo.json.gz; Natural Earth is public
domain). Run once, by hand: ``python scripts/build_areas.py ne_10m_admin_1_states_provinces.topo.json``.
The package reads only the output file, offline.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

COUNTRIES = ("RU", "UA", "BY", "KZ", "KP", "MD", "GE")  # the war's areas and the neighbours named with them
DECIMALS = 4  # 0.0001 degree is at most 11 m, below the source's quantisation (about 37 m)


def _arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:  # delta-encoded quantised positions
            x, y = x + dx, y + dy
            pts.append((round(x * sx + tx, DECIMALS), round(y * sy + ty, DECIMALS)))
        out.append(pts)
    return out


def _ring(arcs: list[list[tuple[float, float]]], refs: list[int]) -> list[list[float]]:
    pts: list[tuple[float, float]] = []
    for r in refs:
        seq = arcs[r] if r >= 0 else arcs[~r][::-1]
        pts.extend(seq if not pts else seq[1:])
    return [list(p) for p in pts]


def build(src: Path, dst: Path) -> None:
    topo = json.loads(src.read_text(encoding="utf-8"))
    arcs = _arcs(topo)
    feats = []
    for g in next(iter(topo["objects"].values()))["geometries"]:
        p = g.get("properties") or {}
        if p.get("iso_a2") not in COUNTRIES or g.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        coords = [[_ring(arcs, ring) for ring in poly] for poly in polys]
        feats.append({"type": "Feature",
                      "properties": {k: p.get(k) for k in ("name", "iso_3166_2", "iso_a2", "admin")},
                      "geometry": {"type": "MultiPolygon", "coordinates": coords}})
    feats.sort(key=lambda f: (f["properties"]["iso_a2"], f["properties"]["iso_3166_2"] or "", f["properties"]["name"]))
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text(json.dumps({"type": "FeatureCollection", "features": feats}, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    print(f"wrote {dst}: {len(feats)} regions, {dst.stat().st_size:,} bytes")


if __name__ == "__main__":
    build(Path(sys.argv[1]), Path(__file__).resolve().parent.parent / "data" / "areas" / "admin1.geojson")
