"""Text -> Area: a country (Natural Earth admin-0), a first-level region (admin-1) or a user GeoJSON file.

An area is something a distance is measured *to*: "from the Ukrainian border", "inside the Kursk region",
"behind the front line" (a line the user exports from the map they trust). Geometries are shapely objects in
(lon, lat) degrees; loading is lazy and cached, so the CLI starts fast.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from routes.errors import AreaError
from routes.textnorm import fold

ADMIN1_FILE = "areas/admin1.geojson"
REGION_NAMES_FILE = "areas/region_names.csv"
ADMIN1_SOURCE = ("Natural Earth 1:10m admin-1 states and provinces (public domain, naturalearthdata.com), "
                 "quantised TopoJSON copy kept in elastic/ems-file-service sources/world; RU, UA, BY, KZ, KP, MD "
                 "and GE extracted by scripts/build_areas.py")
# Natural Earth is compiled at 1:10 million: 0.1 mm on such a map is 1 km. The bundled admin-0 and admin-1
# files agree to within 0.4 km on Ukraine's and Belarus's borders (Hausdorff distance, measured 2026-12-01).
NE_RESOLUTION_KM = 1.0
USER_RESOLUTION_KM = 0.0  # a user's line is taken as exact: its own accuracy is the user's to state

# adjectives that name a country's border ("the Ukrainian border"): ISO2 codes
DEMONYMS = {"ukrainian": "UA", "russian": "RU", "belarusian": "BY", "belarussian": "BY", "kazakh": "KZ",
            "kazakhstani": "KZ", "north korean": "KP", "georgian": "GE", "moldovan": "MD", "polish": "PL",
            "finnish": "FI", "chinese": "CN", "estonian": "EE", "latvian": "LV", "lithuanian": "LT",
            "romanian": "RO", "mongolian": "MN"}
EXTRA_COUNTRY_NAMES = {"north korea": "KP", "dprk": "KP", "russian federation": "RU", "belarus": "BY",
                       "україна": "UA", "украина": "UA", "россия": "RU", "росія": "RU"}
REGION_SUFFIXES = ("oblast", "region", "krai", "kray", "republic", "province", "oblast'", "область", "край")

DISPUTED = {
    "UA": ("Natural Earth admin-0 as bundled (its German point-of-view edition) draws Ukraine's internationally "
           "recognised (de jure) border: Crimea and the areas Russia has occupied since 2014 and 2022 lie inside "
           "Ukraine, and no line of control is drawn; to measure to Ukrainian-held territory give a front-line "
           "GeoJSON (--area FILE)"),
    "RU": ("Natural Earth admin-0 as bundled (German point-of-view edition) draws Russia's internationally "
           "recognised (de jure) border: Crimea and the occupied Ukrainian regions are not part of it; give a "
           "GeoJSON (--area FILE) for a de facto line"),
    "UA-43": ("Natural Earth admin-1 lists Crimea as a region of Ukraine (UA-43), Sevastopol separately "
              "(UA-40); Russia has occupied and claims both since 2014"),
    "UA-40": "Natural Earth admin-1 lists Sevastopol as a city of Ukraine (UA-40); Russia has occupied it since 2014",
}


@dataclass(frozen=True)
class Area:
    """A polygon or line that distances are measured to.

    Parameters
    ----------
    name
        Display name ("Ukraine", "Kursk Oblast", "front.geojson").
    kind
        ``country``, ``region`` or ``user``.
    code
        ISO 3166-1 alpha-2, ISO 3166-2, or the file path for a user area.
    geometry
        shapely (Multi)Polygon or (Multi)LineString in (lon, lat) degrees.
    source
        Citation of the geometry.
    note
        Which line is drawn where borders are disputed ('' when nothing is disputed).
    resolution_km
        How far the drawn line may lie from the true one (the data's scale), in km.
    """

    name: str
    kind: str
    code: str
    geometry: Any
    source: str
    note: str = ""
    resolution_km: float = NE_RESOLUTION_KM

    @property
    def polygonal(self) -> bool:
        """True for an area with an inside (a polygon), False for a line such as a front line."""
        return str(self.geometry.geom_type).endswith("Polygon")

    @cached_property
    def segments(self) -> Any:
        """(n, 4) array of boundary segments ``lon1, lat1, lon2, lat2``: polygon rings or the lines themselves."""
        import numpy as np
        import shapely

        lines = self.geometry.boundary if self.polygonal else self.geometry
        parts = []
        for line in shapely.get_parts(shapely.line_merge(lines) if not self.polygonal else lines):
            xy = shapely.get_coordinates(line)
            if len(xy) >= 2:
                parts.append(np.hstack([xy[:-1], xy[1:]]))
        segs = np.vstack(parts)
        return segs[np.any(segs[:, :2] != segs[:, 2:], axis=1)]

    def to_json(self) -> dict[str, Any]:
        """The area's identity in the verify and reach JSON (geometry left out)."""
        return {"name": self.name, "kind": self.kind, "code": self.code, "source": self.source, "note": self.note,
                "resolution_km": self.resolution_km}


# ---- countries and regions ------------------------------------------------------------------------------------


@cache
def _country_index() -> dict[str, str]:
    from routes.geodata import countries

    _, iso, names, _ = countries()
    out = {fold(n): c for n, c in zip(names, iso, strict=True) if c and c != "-99"}
    out.update({c.lower(): c for c in iso if c and c != "-99"})
    out.update(EXTRA_COUNTRY_NAMES)
    return out


@cache
def country(iso2: str) -> Area:
    """The Natural Earth admin-0 polygon of one country (all its parts), by ISO2 code."""
    import shapely

    from routes.geodata import SOURCE, countries

    geoms, iso, names, _ = countries()
    parts = [g for g, c in zip(geoms, iso, strict=True) if c == iso2]
    if not parts:
        raise AreaError(f"no Natural Earth country with ISO code {iso2!r}")
    name = next(n for n, c in zip(names, iso, strict=True) if c == iso2)
    return Area(name, "country", iso2, shapely.union_all(parts), SOURCE, DISPUTED.get(iso2, ""))


@cache
def _admin1() -> tuple[tuple[dict[str, str], Any], ...]:
    """(properties, polygon) of every bundled region; parsed once and cached as WKB (a few ms afterwards)."""
    import shapely

    from routes.datafiles import cache_dir, cached, data_path, file_digest
    from routes.geodata import load_wkb, save_wkb

    def build() -> tuple[Any, str]:
        data = json.loads(data_path(ADMIN1_FILE).read_text(encoding="utf-8"))
        geoms = [shapely.geometry.shape(f["geometry"]) for f in data["features"]]
        arr = shapely.make_valid(geoms)  # a few quantised rings touch themselves
        return arr, json.dumps([f["properties"] for f in data["features"]])

    arr, meta = cached(cache_dir() / f"admin1-{file_digest(ADMIN1_FILE)}.npz", load_wkb, build,
                       lambda p, v: save_wkb(p, v[0], v[1]))
    return tuple(zip(json.loads(meta), arr, strict=True))


@cache
def _region_names() -> dict[str, tuple[str, str, str]]:
    """folded alias -> (ISO 3166-2 code, display name, source) from data/areas/region_names.csv."""
    from routes.datafiles import read_table

    out: dict[str, tuple[str, str, str]] = {}
    for row in read_table(REGION_NAMES_FILE):
        for alias in [row["name"], row["iso_3166_2"], *row["aliases"].split("|")]:
            if alias:
                out[fold(alias)] = (row["iso_3166_2"], row["name"], row["source"])
    return out


def region(code: str, name: str = "", source: str = "") -> Area:
    """The Natural Earth admin-1 polygon with an ISO 3166-2 code (``RU-KRS``), as an Area."""
    for props, geom in _admin1():
        if (props.get("iso_3166_2") or "").upper() == code.upper():
            cite = ADMIN1_SOURCE + (f"; name and code: {source}" if source else "")
            return Area(name or str(props["name"]), "region", code.upper(), geom, cite, DISPUTED.get(code.upper(), ""))
    raise AreaError(f"no bundled Natural Earth region with ISO 3166-2 code {code!r} (regions of "
                    "RU, UA, BY, KZ, KP, MD and GE are bundled)")


def country_regions(iso2: str) -> list[tuple[str, Any]]:
    """(ISO 3166-2 code, admin-1 polygon) of every bundled region of one country, in file order."""
    return [(str(props["iso_3166_2"]).upper(), geom) for props, geom in _admin1()
            if str(props.get("iso_3166_2") or "").upper().startswith(iso2.upper() + "-")]


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|from|to|of|inside|within)\s+", "", text.strip(), flags=re.I).strip()


def _is_file(text: str) -> bool:
    try:
        return len(text) > 3 and Path(text).is_file()
    except (OSError, ValueError):  # a name too long for a path, or one with a NUL byte
        return False


def resolve_area(text: str, loose: bool = False) -> Area | None:
    """An Area for a country name or ISO2 code, a region name, alias or ISO 3166-2 code, or a GeoJSON path.

    Returns None when the text names no area. ``loose`` also accepts a region's bare Natural Earth name
    ("Kursk"), which would otherwise be read as the city. "the Ukrainian border" is Ukraine.
    """
    raw = text.strip()
    if raw.lower().endswith((".geojson", ".json")) or _is_file(raw):
        return load_geojson(raw)
    t = _strip_article(raw)
    key = fold(t)
    key = fold(re.sub(r"(?:'s|’s)(?=\s)", "", t))  # "Ukraine's border" is Ukraine's
    border = re.sub(r"\s+(?:border|borders|frontier)$", "", key)
    if border != key and border in DEMONYMS:
        return country(DEMONYMS[border])
    if border != key and border in _country_index():
        return country(_country_index()[border])
    key = border
    if key in DEMONYMS and loose:
        return country(DEMONYMS[key])
    if re.fullmatch(r"[A-Za-z]{2}-[A-Za-z0-9]{1,3}", t):
        names = _region_names().get(key)
        try:
            return region(t.upper(), *(names[1:] if names else ()))
        except AreaError:
            return None  # not a bundled region: maybe a place after all
    if key in _region_names():
        code, name, source = _region_names()[key]
        return region(code, name, source)
    idx = _country_index()
    if key in idx and (len(t) > 2 or t.isupper()):
        return country(idx[key])
    bare = re.sub(rf"\s+(?:{'|'.join(map(re.escape, REGION_SUFFIXES))})$", "", key)
    if bare != key or loose:
        for props, _ in _admin1():
            if fold(str(props.get("name") or "")) == bare:
                return region(str(props["iso_3166_2"]), f"{props['name']} ({props['admin']})")
    return None


# ---- user GeoJSON ---------------------------------------------------------------------------------------------

GEOMETRY_TYPES = ("LineString", "MultiLineString", "Polygon", "MultiPolygon")


def load_geojson(path: str | Path) -> Area:
    """A user's GeoJSON file (a front line, an occupation zone) as an Area; bad geometry raises AreaError.

    Accepted: a LineString, MultiLineString, Polygon or MultiPolygon geometry, a Feature holding one, or a
    FeatureCollection of such features (all of one kind: lines, or polygons). Coordinates are RFC 7946
    longitude, latitude in degrees.
    """
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise AreaError(f"cannot read area file {str(p)!r}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AreaError(f"{p.name}: not GeoJSON ({exc}); export the line or polygon as GeoJSON") from None
    geoms = [_geometry(g, p.name, i) for i, g in enumerate(_geometries(data, p.name))]
    if not geoms:
        raise AreaError(f"{p.name}: no line or polygon in the file")
    import shapely

    kinds = {str(g.geom_type).endswith("Polygon") for g in geoms}
    if len(kinds) > 1:
        raise AreaError(f"{p.name}: mixes lines and polygons; keep one kind per file (a front line, or a zone)")
    merged = shapely.union_all(geoms) if kinds == {True} else shapely.multilinestrings(
        [ls for g in geoms for ls in shapely.get_parts(g)])
    props = data.get("properties") if isinstance(data, dict) else None
    name = str((props or {}).get("name") or p.name)
    return Area(name, "user", str(p), merged, f"user file {p.name}",
                "user-supplied geometry: it overrides Natural Earth's line", USER_RESOLUTION_KM)


def _geometries(data: Any, name: str) -> list[Any]:
    if not isinstance(data, dict) or "type" not in data:
        raise AreaError(f"{name}: not a GeoJSON object (no 'type')")
    kind = data["type"]
    if kind == "FeatureCollection":
        feats = data.get("features")
        if not isinstance(feats, list):
            raise AreaError(f"{name}: FeatureCollection without a 'features' list")
        return [_geometries(f, name)[0] for f in feats if isinstance(f, dict) and f.get("geometry") is not None]
    if kind == "Feature":
        if not isinstance(data.get("geometry"), dict):
            raise AreaError(f"{name}: a Feature without a geometry")
        return [data["geometry"]]
    return [data]


def _geometry(g: dict[str, Any], name: str, index: int) -> Any:
    import shapely

    where = f"{name}: geometry {index + 1}"
    kind = g.get("type")
    if kind not in GEOMETRY_TYPES:
        raise AreaError(f"{where} is a {kind}; give a LineString, MultiLineString, Polygon or MultiPolygon")
    coords = g.get("coordinates")
    depth = {"LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}[kind]
    for pos in _positions(coords, depth, where):
        lon, lat = pos[0], pos[1]
        if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
            raise AreaError(f"{where}: position ({lon}, {lat}) is out of range; GeoJSON is longitude, latitude")
    c: list[Any] = coords if isinstance(coords, list) else []
    lines = [c] if kind == "LineString" else c if kind == "MultiLineString" else []
    if any(len(line) < 2 for line in lines):
        raise AreaError(f"{where}: a line needs at least two positions")
    rings = [c] if kind == "Polygon" else c if kind == "MultiPolygon" else []
    if any(len(ring) < 4 for poly in rings for ring in poly):
        raise AreaError(f"{where}: a polygon ring needs at least four positions (the first repeated last)")
    try:
        geom = shapely.geometry.shape(g)
    except (ValueError, TypeError, AttributeError, shapely.errors.GEOSException) as exc:
        raise AreaError(f"{where}: invalid {kind} ({' '.join(str(exc).split())})") from None
    if geom.is_empty:
        raise AreaError(f"{where}: empty {kind}")
    if str(kind).endswith("LineString") and any(ls.length == 0 for ls in shapely.get_parts(geom)):
        raise AreaError(f"{where}: a line needs at least two distinct positions")
    if not geom.is_valid:
        raise AreaError(f"{where}: invalid {kind}: {shapely.is_valid_reason(geom)}")
    return geom


def _positions(coords: Any, depth: int, where: str) -> list[list[float]]:
    """Every position of a coordinate array nested ``depth`` levels, checked for shape and numbers."""
    if not isinstance(coords, list) or not coords:
        raise AreaError(f"{where}: 'coordinates' must be a non-empty array")
    if depth == 0:
        if len(coords) < 2 or not all(isinstance(x, int | float) and not isinstance(x, bool) for x in coords):
            raise AreaError(f"{where}: a position must be [longitude, latitude] numbers, not {coords!r}")
        return [coords]
    return [p for c in coords for p in _positions(c, depth - 1, where)]
