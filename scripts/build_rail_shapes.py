"""Build data/maps/ne-railroads-eurasia.json: Natural Earth railroad lines for drawing rail legs on maps.

Source: the zoom-7 vector tiles of the public GitHub repository mapion/natural-earth-tiles (layer ``railroad``;
Natural Earth, public domain), read from a local clone. Only the box LON_W..LON_E, LAT_S..LAT_N is kept, merged
into polylines, simplified to SIMPLIFY_DEG and rounded to 3 decimals. The lines are for drawing only: routecheck
never measures km on them.

    python scripts/build_rail_shapes.py /path/to/natural-earth-tiles
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

LON_W, LAT_S, LON_E, LAT_N = 20.0, 30.0, 180.0, 72.0  # Eastern Europe to the Pacific: the seed cases in view
ZOOM = 7
SIMPLIFY_DEG = 0.01  # ~1 km: finer than a map line at the scales drawn
MIN_LENGTH_DEG = 0.02
OUT = Path(__file__).resolve().parent.parent / "data" / "maps" / "ne-railroads-eurasia.json"


def _varint(b: bytes, i: int) -> tuple[int, int]:
    r = s = 0
    while True:
        c = b[i]
        i += 1
        r |= (c & 0x7F) << s
        s += 7
        if c < 0x80:
            return r, i


def _fields(b: bytes) -> Iterator[tuple[int, int | bytes]]:
    """Protocol-buffer fields of a message: (field number, varint value or bytes)."""
    i = 0
    while i < len(b):
        key, i = _varint(b, i)
        wire = key & 7
        if wire == 0:
            v, i = _varint(b, i)
            yield key >> 3, v
        elif wire == 2:
            n, i = _varint(b, i)
            yield key >> 3, b[i:i + n]
            i += n
        elif wire in (1, 5):
            i += 8 if wire == 1 else 4
        else:
            raise ValueError(f"unsupported wire type {wire}")


def _lines(feature: bytes) -> list[list[tuple[int, int]]]:
    """The tile-coordinate polylines of one Mapbox Vector Tile feature (spec 2.1: MoveTo, LineTo, ClosePath)."""
    geom: list[int] = []
    for f, v in _fields(feature):
        if f == 4 and isinstance(v, bytes):
            j = 0
            while j < len(v):
                x, j = _varint(v, j)
                geom.append(x)
    out: list[list[tuple[int, int]]] = []
    cur: list[tuple[int, int]] = []
    x = y = i = 0
    while i < len(geom):
        cid, count = geom[i] & 7, geom[i] >> 3
        i += 1
        if cid in (1, 2):
            for _ in range(count):
                dx, dy = geom[i], geom[i + 1]
                i += 2
                x += (dx >> 1) ^ -(dx & 1)
                y += (dy >> 1) ^ -(dy & 1)
                if cid == 1 and cur:
                    out.append(cur)
                    cur = []
                cur.append((x, y))
    if cur:
        out.append(cur)
    return out


def _railroads(tile: bytes) -> Iterator[tuple[int, list[list[tuple[int, int]]]]]:
    for f, layer in _fields(tile):
        if f != 3 or not isinstance(layer, bytes):
            continue
        name, extent, feats = "", 4096, []
        for f2, v in _fields(layer):
            if f2 == 1 and isinstance(v, bytes):
                name = v.decode()
            elif f2 == 5 and isinstance(v, int):
                extent = v
            elif f2 == 2 and isinstance(v, bytes):
                feats.append(v)
        if name == "railroad":
            for feat in feats:
                yield extent, _lines(feat)


def _lonlat(x: int, y: int, px: int, py: int, extent: int) -> tuple[float, float]:
    n = 2 ** ZOOM
    lon = (x + px / extent) / n * 360 - 180
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * (y + py / extent) / n))))
    return lon, lat


def main(repo: str) -> None:
    import shapely

    n = 2 ** ZOOM

    def tx(lon: float) -> int:
        return min(int((lon + 180) / 360 * n), n - 1)

    def ty(lat: float) -> int:
        r = math.radians(lat)
        return int((1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * n)

    names = [f"HEAD:tiles/{ZOOM}/{x}/{y}.pbf" for x in range(tx(LON_W), tx(LON_E) + 1)
             for y in range(ty(LAT_N), ty(LAT_S) + 1)]
    raw = subprocess.run(["git", "-C", repo, "cat-file", "--batch"], input="\n".join(names).encode() + b"\n",
                         capture_output=True, check=True).stdout
    i, parts = 0, []
    for name in names:
        nl = raw.index(b"\n", i)
        head = raw[i:nl].split()
        i = nl + 1
        if head[1] == b"missing":
            continue
        size = int(head[2])
        tile = raw[i:i + size]
        i += size + 1
        x, y = (int(v) for v in name.removesuffix(".pbf").split("/")[-2:])
        for extent, lines in _railroads(tile):
            parts.extend(shapely.LineString([_lonlat(x, y, px, py, extent) for px, py in line])
                         for line in lines if len(line) >= 2)
    merged = shapely.line_merge(shapely.union_all(shapely.set_precision(shapely.GeometryCollection(parts), 0.001)))
    lines = [g for g in shapely.get_parts(shapely.simplify(merged, SIMPLIFY_DEG)) if g.length > MIN_LENGTH_DEG]
    data = {
        "source": ("Natural Earth railroads (public domain), zoom-7 vector tiles of "
                   "github.com/mapion/natural-earth-tiles"),
        "use": "drawing rail legs on maps only; never for km",
        "box": [LON_W, LAT_S, LON_E, LAT_N],
        "lines": [[[round(a, 3), round(b, 3)] for a, b in g.coords] for g in lines],  # [lon, lat]
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(lines):,} lines, {sum(len(g.coords) for g in lines):,} points from {len(names):,} tiles")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "natural-earth-tiles")
