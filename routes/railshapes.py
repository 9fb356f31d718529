"""Rail legs drawn along real line geometry: Natural Earth railroads (public domain), for drawing only.

A rail path is a chain of stations. Each hop between two stations is replaced by the shortest way along the
bundled Natural Earth railroad lines (``data/maps/ne-railroads-eurasia.json``, built by
scripts/build_rail_shapes.py) when both stations lie near those lines and that way is not much longer than the
hop; otherwise the hop stays straight. No km is ever taken from these lines: the figures come from the rail mode.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

FILE = "maps/ne-railroads-eurasia.json"
SNAP_KM = 25.0  # a station farther than this from every line keeps its straight hop
DETOUR = 1.6  # the line way may be at most this many times the hop (plus SLACK_KM), else the hop stays straight
SLACK_KM = 30.0
CREDIT = "Natural Earth railroads (public domain, via mapion/natural-earth-tiles), for drawing only"
EARTH_KM = 6371.0


def _unit(lat: Any, lon: Any) -> Any:
    import numpy as np

    la, lo = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


@cache
def _graph() -> tuple[Any, Any, Any, tuple[float, float, float, float]] | None:
    """(points lat/lon, KD-tree on unit vectors, sparse km graph, box) of the bundled lines; None without the file."""
    import json

    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.spatial import cKDTree

    from routes.datafiles import data_path

    path = data_path(FILE)
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    index: dict[tuple[float, float], int] = {}
    rows, cols = [], []
    for line in data["lines"]:
        ids = [index.setdefault((float(lon), float(lat)), len(index)) for lon, lat in line]
        rows.extend(ids[:-1])
        cols.extend(ids[1:])
    pts = np.array([(lat, lon) for lon, lat in index], dtype=float)
    xyz = _unit(pts[:, 0], pts[:, 1])
    r, c = np.array(rows), np.array(cols)
    km = np.linalg.norm(xyz[r] - xyz[c], axis=1) * EARTH_KM + 1e-6  # chord = arc at these lengths
    n = len(pts)
    graph = coo_matrix((np.concatenate([km, km]), (np.concatenate([r, c]), np.concatenate([c, r]))),
                       shape=(n, n)).tocsr()
    w, s, e, nn = data["box"]
    return pts, cKDTree(xyz), graph, (float(w), float(s), float(e), float(nn))


def _hop_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def follow(path: list[tuple[float, float]]) -> tuple[list[tuple[float, float]], bool]:
    """``path`` (lat, lon stations) with each hop along the railroad lines where they fit; and whether any did."""
    import numpy as np
    from scipy.sparse.csgraph import dijkstra

    g = _graph()
    if g is None or len(path) < 2:
        return path, False
    pts, tree, graph, (w, s, e, n) = g
    inside = [w <= lon <= e and s <= lat <= n for lat, lon in path]
    dist, near = tree.query(_unit(np.array([p[0] for p in path]), np.array([p[1] for p in path])))
    snapped = [bool(ok and d * EARTH_KM <= SNAP_KM) for ok, d in zip(inside, dist, strict=True)]
    out: list[tuple[float, float]] = [path[0]]
    used = False
    for k in range(len(path) - 1):
        a, b = path[k], path[k + 1]
        if snapped[k] and snapped[k + 1] and near[k] != near[k + 1]:
            hop = _hop_km(a, b)
            limit = hop * DETOUR + SLACK_KM
            d, pred = dijkstra(graph, indices=int(near[k]), return_predecessors=True, limit=limit)
            if np.isfinite(d[near[k + 1]]):
                chain = [int(near[k + 1])]
                while chain[-1] != int(near[k]):
                    chain.append(int(pred[chain[-1]]))
                out.extend((float(pts[i, 0]), float(pts[i, 1])) for i in reversed(chain))
                out.append(b)
                used = True
                continue
        out.append(b)
    return out, used
