"""Import OpenStreetMap rail or road data (``.osm`` XML via osmnx, ``.osm.pbf`` via osmium) as a network.

For rail only ``railway=rail`` ways are kept; for road, ``highway`` ways of the classes in
``ROAD_CLASSES``. Stations (``railway=station|halt|stop`` and train stop positions) name the nearest
graph node; chains of unnamed degree-2 nodes are merged with ``osmnx.simplify_graph``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from routes.errors import InputFileError
from routes.network import Network

if TYPE_CHECKING:
    import networkx as nx
    import numpy as np

STATION_TAGS = ("station", "halt", "stop")
ROAD_CLASSES = frozenset({"motorway", "trunk", "primary", "secondary", "tertiary", "unclassified", "residential",
                          "motorway_link", "trunk_link", "primary_link", "secondary_link", "tertiary_link",
                          "living_street", "service", "road"})


def _keep(tags: Any, kind: str) -> bool:
    if kind == "road":
        return tags.get("highway") in ROAD_CLASSES
    return tags.get("railway") == "rail"
STATION_SNAP_KM = 1.0  # a station node further than this from any track is ignored
OSM_SOURCE = "OpenStreetMap contributors (ODbL 1.0), imported from {file}"


@dataclass
class _Collected:
    ways: list[list[tuple[int, float, float]]] = field(default_factory=list)
    stations: list[tuple[str, float, float]] = field(default_factory=list)
    tags: list[dict[str, str]] = field(default_factory=list)


def _read_pbf(path: Path, progress: bool, kind: str) -> _Collected:
    """Stream a ``.osm.pbf`` in two passes, in memory bounded by the kept ways, not by the extract.

    Pass 1 reads the ways alone and keeps the node references of the wanted ones; pass 2 reads the nodes and
    keeps the locations of those references only (and the stations). osmium's ``locations=True`` would index
    every node of the file instead: billions of bytes for a national extract.
    """
    import osmium
    from tqdm import tqdm

    out = _Collected()
    kept: list[tuple[list[int], dict[str, str]]] = []
    needed: set[int] = set()
    bar = tqdm(desc="reading OSM ways", unit=" ways", disable=not progress)

    class Ways(osmium.SimpleHandler):  # type: ignore[misc]
        def way(self, w: Any) -> None:
            bar.update(1)
            if _keep(w.tags, kind):
                refs = [n.ref for n in w.nodes]
                kept.append((refs, {"name": w.tags.get("name", ""), "gauge": w.tags.get("gauge", "")}))
                needed.update(refs)

    where: dict[int, tuple[float, float]] = {}

    class Nodes(osmium.SimpleHandler):  # type: ignore[misc]
        def node(self, n: Any) -> None:
            if not n.location.valid():
                return
            if n.id in needed:
                where[n.id] = (n.location.lat, n.location.lon)
            t = n.tags
            is_station = t.get("railway") in STATION_TAGS or (
                t.get("public_transport") in ("station", "stop_position") and t.get("train") == "yes")
            if is_station and t.get("name"):
                out.stations.append((t.get("name"), n.location.lat, n.location.lon))

    try:
        Ways().apply_file(str(path), locations=False)
        Nodes().apply_file(str(path), locations=False)
    except RuntimeError as exc:
        raise InputFileError(f"cannot read OSM file {str(path)!r}: {exc}") from None
    finally:
        bar.close()
    for refs, tags in kept:
        run: list[tuple[int, float, float]] = []
        for ref in refs:
            loc = where.get(ref)
            if loc is not None:
                run.append((ref, loc[0], loc[1]))
            else:  # clipped extract: split the way at nodes outside it
                if len(run) > 1:
                    out.ways.append(run)
                    out.tags.append(dict(tags))
                run = []
        if len(run) > 1:
            out.ways.append(run)
            out.tags.append(dict(tags))
    return out


def _read_xml(path: Path, progress: bool, kind: str) -> _Collected:
    import osmnx as ox
    from tqdm import tqdm

    for tag in ("railway", "gauge", "name", "highway"):
        if tag not in ox.settings.useful_tags_way:
            ox.settings.useful_tags_way = [*ox.settings.useful_tags_way, tag]
    for tag in ("railway", "name", "public_transport", "train"):
        if tag not in ox.settings.useful_tags_node:
            ox.settings.useful_tags_node = [*ox.settings.useful_tags_node, tag]
    try:
        g = ox.graph_from_xml(path, simplify=False, retain_all=True, bidirectional=True)
    except Exception as exc:  # osmnx raises several types for malformed or empty XML
        raise InputFileError(f"cannot read OSM file {str(path)!r}: {type(exc).__name__}: {exc}") from None
    out = _Collected()
    for u, v, data in tqdm(g.edges(data=True), desc="reading OSM edges", disable=not progress):
        if not _keep(data, kind):
            continue
        nu, nv = g.nodes[u], g.nodes[v]
        out.ways.append([(u, nu["y"], nu["x"]), (v, nv["y"], nv["x"])])
        out.tags.append({"name": str(data.get("name", "") or ""), "gauge": str(data.get("gauge", "") or "")})
    for _, data in g.nodes(data=True):
        if data.get("railway") in STATION_TAGS and data.get("name"):
            out.stations.append((str(data["name"]), data["y"], data["x"]))
    return out


def _graph(c: _Collected) -> nx.MultiDiGraph:
    import networkx as nx
    import numpy as np

    from routes.geodesy import distances_km

    g = nx.MultiDiGraph(crs="epsg:4326")
    for way, tags in zip(c.ways, c.tags, strict=True):
        arr = np.array([(la, lo) for _, la, lo in way])
        km = distances_km(arr[:-1, 0], arr[:-1, 1], arr[1:, 0], arr[1:, 1])
        for (a, la, lo), (b, lb, lob), length in zip(way, way[1:], km, strict=False):
            g.add_node(a, y=la, x=lo)
            g.add_node(b, y=lb, x=lob)
            if a == b:
                continue
            attrs = {"length": float(length) * 1000.0, "name": tags["name"], "gauge": tags["gauge"], "osmid": 0}
            g.add_edge(a, b, **attrs)
            g.add_edge(b, a, **attrs)
    return g


def _unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    import numpy as np

    la, lo = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def snap_stations(stations: list[tuple[str, float, float]], lat: np.ndarray,
                  lon: np.ndarray) -> list[int | None]:
    """Index of the track node nearest to each station (by geodesic), or None beyond ``STATION_SNAP_KM``.

    A KD-tree on unit vectors finds each station's nearest node by chord; every node whose chord is within
    1 % of that one (the ellipsoid changes a distance by well under 1 % from the sphere's) is then measured
    exactly, so the answer is the geodesic nearest, the lowest index on ties, as a full scan would give.
    """
    import numpy as np
    from scipy.spatial import cKDTree

    from routes.geodesy import distances_km

    if not stations or len(lat) == 0:
        return [None for _ in stations]
    tree = cKDTree(_unit_vectors(lat, lon))
    pts = _unit_vectors(np.array([s[1] for s in stations]), np.array([s[2] for s in stations]))
    chord, _ = tree.query(pts)
    out: list[int | None] = []
    reach = 2 * np.sin(STATION_SNAP_KM * 1.01 / 2 / 6_356.0)  # chord of the snap limit on the smallest radius
    for k, p in enumerate(pts):
        if chord[k] > reach:
            out.append(None)
            continue
        cand = np.array(sorted(tree.query_ball_point(p, chord[k] * 1.01 + 1e-12)), dtype=np.int64)
        d = distances_km(np.full(len(cand), stations[k][1]), np.full(len(cand), stations[k][2]), lat[cand],
                         lon[cand])
        i = int(np.argmin(d))
        out.append(int(cand[i]) if d[i] <= STATION_SNAP_KM else None)
    return out


def import_osm(path: str | Path, progress: bool = True, kind: str = "rail") -> Network:
    """Build a routable network from an OSM extract (``.osm``/``.xml`` or ``.osm.pbf``/``.pbf``).

    ``kind`` is ``"rail"`` (railway=rail) or ``"road"`` (highway classes of ``ROAD_CLASSES``).

    Raises
    ------
    InputFileError
        For a missing, unreadable or empty file, or one without ``railway=rail`` ways.
    """
    import numpy as np
    import osmnx as ox

    p = Path(path)
    if not p.is_file():
        raise InputFileError(f"no such OSM file: {str(p)!r}")
    name = p.name.lower()
    if name.endswith((".pbf", ".osm.pbf")):
        collected = _read_pbf(p, progress, kind)
    elif name.endswith((".osm", ".xml")):
        collected = _read_xml(p, progress, kind)
    else:
        raise InputFileError(f"{str(p)!r}: expected an .osm, .xml or .osm.pbf file")
    if not collected.ways:
        what = "highway" if kind == "road" else "railway=rail"
        raise InputFileError(f"{str(p)!r} has no {what} ways: nothing to route on")
    g = _graph(collected)
    # name the track node nearest to each station, and keep it as an endpoint through simplification
    ids = list(g.nodes)
    lat = np.array([g.nodes[n]["y"] for n in ids])
    lon = np.array([g.nodes[n]["x"] for n in ids])
    for (sname, _, _), i in zip(collected.stations, snap_stations(collected.stations, lat, lon), strict=True):
        if i is not None and "station" not in g.nodes[ids[i]]:
            g.nodes[ids[i]]["station"] = sname
    g = ox.simplify_graph(g, node_attrs_include=["station"], edge_attrs_differ=["gauge"])
    return _to_network(g, p, kind)


def _to_network(g: nx.MultiDiGraph, path: Path, kind: str) -> Network:
    import numpy as np

    nodes = sorted(g.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    best: dict[tuple[int, int], tuple[float, str, str]] = {}
    for u, v, data in g.edges(data=True):
        a, b = sorted((index[u], index[v]))
        if a == b:
            continue
        km = float(data["length"]) / 1000.0
        if (a, b) not in best or km < best[(a, b)][0]:
            name = data.get("name") or ""
            gauge = data.get("gauge") or ""
            best[(a, b)] = (km, str(name if isinstance(name, str) else name[0]),
                            str(gauge if isinstance(gauge, str) else gauge[0]))
    keys = sorted(best)
    names = [str(g.nodes[n].get("station") or f"node {n}") for n in nodes]
    named = np.array([i for i, n in enumerate(nodes) if g.nodes[n].get("station")], dtype=np.int64)
    src = OSM_SOURCE.format(file=path.name)
    gauges = []
    for k in keys:
        text = best[k][2]
        digits = [int(x) for x in text.replace(";", "/").split("/") if x.strip().isdigit()]
        gauges.append(frozenset(digits) if digits else frozenset({0}))
    return Network(
        name=f"OSM {kind} {path.name}",
        ids=[str(n) for n in nodes],
        names=names,
        lat=np.array([g.nodes[n]["y"] for n in nodes]),
        lon=np.array([g.nodes[n]["x"] for n in nodes]),
        country=["" for _ in nodes],
        kind=["station" if g.nodes[n].get("station") else "junction" for n in nodes],
        edge_u=np.array([k[0] for k in keys], dtype=np.int64),
        edge_v=np.array([k[1] for k in keys], dtype=np.int64),
        edge_km=np.array([best[k][0] for k in keys]),
        edge_line=[best[k][1] for k in keys],
        edge_gauge=gauges,
        edge_source=[src for _ in keys],
        edge_basis=["measured" for _ in keys],
        source=src,
        named=named if len(named) else None,
    )
