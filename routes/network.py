"""Mode-blind routable networks (rail track or roads): nodes with coordinates and a weighted edge list.

A network is a set of nodes (stations, junctions or road nodes) with coordinates and an undirected, weighted
edge list (km, line name, gauge, source). Routing runs on a scipy CSR matrix (one Dijkstra per source cached); the
bundled rail tables are loaded by ``routes.modes.railbundle``, OpenStreetMap extracts by ``routes.osmimport``.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from routes.errors import InputFileError, UnreachableError
from routes.netsearch import point_to_point
from routes.netstore import shortest_parallel

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

PRECOMPUTE_MAX_NODES = 400  # networks up to this size get all-pairs trees cached on disk
LARGE_NETWORK = 50_000  # above this many nodes, route point to point with a bounded search (no cached trees)


def parse_gauge(text: str) -> frozenset[int]:
    """Gauges of a segment: ``"1520"``, ``"1435"`` or dual ``"1520/1435"``."""
    return frozenset(int(g) for g in str(text).replace(";", "/").split("/") if g.strip())


@dataclass(frozen=True)
class Route:
    """A path through the network: node indices in order, total km and the edges used."""

    nodes: tuple[int, ...]
    km: float
    edges: tuple[int, ...]


@dataclass(eq=False)  # identity hash: per-network caches key on the object
class Network:
    """A routable rail graph (nodes with coordinates, undirected weighted edges)."""

    name: str
    ids: list[str]
    names: list[str]
    lat: np.ndarray
    lon: np.ndarray
    country: Sequence[str]
    kind: Sequence[str]
    edge_u: np.ndarray
    edge_v: np.ndarray
    edge_km: np.ndarray
    edge_line: Sequence[str]
    edge_gauge: Sequence[frozenset[int]]
    edge_source: Sequence[str]
    edge_basis: Sequence[str]
    source: str
    named: np.ndarray | None = None  # node indices that are named stations (OSM networks); None = all
    cache_key: str | None = None  # set for networks whose precomputed trees may be cached on disk
    _csr: Any = field(default=None, repr=False)
    _index: dict[str, int] = field(default_factory=dict, repr=False)

    # -- structure -------------------------------------------------------------------------------
    @property
    def size(self) -> tuple[int, int]:
        """(nodes, edges)."""
        return len(self.ids), len(self.edge_km)

    def csr(self, removed: frozenset[int] = frozenset()) -> csr_matrix:
        """Symmetric CSR adjacency in km, optionally without some nodes (for alternative corridors)."""
        import numpy as np
        from scipy.sparse import csr_matrix

        if not removed and self._csr is not None:
            return self._csr
        u, v, w = self.edge_u, self.edge_v, self.edge_km
        if removed:
            keep = ~(np.isin(u, list(removed)) | np.isin(v, list(removed)))
            u, v, w = u[keep], v[keep], w[keep]
        n = len(self.ids)
        u, v, w = shortest_parallel(u, v, w, n)  # a sparse matrix would add parallel segments up
        m = csr_matrix((np.concatenate([w, w]), (np.concatenate([u, v]), np.concatenate([v, u]))), shape=(n, n))
        if not removed:
            self._csr = m
        return m

    def index(self, station_id: str) -> int:
        """Node index of a station id."""
        if not self._index:  # built on first use: a national network is routed by node index
            self._index = {sid: i for i, sid in enumerate(self.ids)}
        return self._index[station_id]

    @cache  # noqa: B019
    def countries(self) -> frozenset[str]:
        """Countries with at least one node."""
        from routes.netstore import Column

        if isinstance(self.country, Column):  # the distinct values that rows use, without decoding every row
            import numpy as np

            used = np.unique(self.country.codes).tolist()
            return frozenset(c for c in (self.country.values[i] for i in used) if c)
        return frozenset(c for c in self.country if c)

    @cache  # noqa: B019
    def degree(self) -> np.ndarray:
        """Number of edges at each node."""
        import numpy as np

        return np.bincount(np.concatenate([self.edge_u, self.edge_v]), minlength=len(self.ids))

    # -- snapping --------------------------------------------------------------------------------
    def nearest(self, lat: float, lon: float, country: str = "") -> tuple[int, float]:
        """(node index, geodesic km) of the nearest named node to a point (of ``country``, when it has nodes)."""
        import numpy as np

        from routes.geodesy import nearest_km

        cand = self.named if self.named is not None else np.arange(len(self.ids))
        if country:
            own = np.array([i for i in cand.tolist() if self.country[i] == country], dtype=np.int64)
            cand = own if len(own) else cand
        i, km = nearest_km(lat, lon, self.lat[cand], self.lon[cand])
        return int(cand[i]), km

    # -- routing ---------------------------------------------------------------------------------
    @lru_cache(maxsize=4096)  # noqa: B019 - networks live for the process; the cache is the point
    def _tree(self, source: int, removed: frozenset[int] = frozenset()) -> tuple[np.ndarray, np.ndarray]:
        table = self.precomputed()
        if table is not None:
            slot = 0 if not removed else table["slot"].get(next(iter(removed)), -1) if len(removed) == 1 else -1
            if slot >= 0:
                return table["dist"][slot, source], table["pred"][slot, source]
        from scipy.sparse.csgraph import dijkstra

        dist, pred = dijkstra(self.csr(removed), directed=True, indices=source, return_predecessors=True)
        return dist, pred

    @cache  # noqa: B019
    def precomputed(self) -> dict[str, Any] | None:
        """All-pairs trees of a small network, with each junction removed in turn, cached on disk.

        Small networks (the bundled one) answer every query, corridors included, by lookup: no scipy
        import on the command line's hot path. None for large networks, which route on demand.
        """
        import numpy as np

        n = len(self.ids)
        if n > PRECOMPUTE_MAX_NODES or self.cache_key is None:
            return None
        from routes.datafiles import cache_dir, cached

        junctions = [int(i) for i in np.nonzero(self.degree() >= 3)[0]]

        # three .npy files, memory-mapped: a query reads the few rows it needs, not the whole table
        def part(path: Path, name: str) -> Path:
            return path.with_name(path.name.replace("-dist.npy", f"-{name}.npy"))

        def load(path: Path) -> tuple[Any, Any, Any]:
            out = (np.load(path, mmap_mode="r"), np.load(part(path, "pred"), mmap_mode="r"),
                   np.load(part(path, "nodes")))
            if out[0].shape[1:] != (n, n) or out[1].shape != out[0].shape or len(out[2]) + 1 != len(out[0]):
                raise ValueError("cached trees do not fit this network")
            return out

        def save(path: Path, value: tuple[Any, Any, Any]) -> None:
            final = cache_dir() / f"rail-trees-{self.cache_key}-dist.npy"  # ``path`` is its temporary name
            np.save(part(final, "pred"), value[1])
            np.save(part(final, "nodes"), value[2])
            with path.open("wb") as fh:  # the dist file last: ``cached`` renames it into place when all are written
                np.save(fh, value[0])

        def build() -> tuple[Any, Any, Any]:
            from scipy.sparse.csgraph import dijkstra

            nodes = np.array(junctions, dtype=np.int64)
            dist = np.empty((len(nodes) + 1, n, n))
            pred = np.empty((len(nodes) + 1, n, n), dtype=np.int32)
            for k, removed in enumerate([frozenset(), *(frozenset({j}) for j in junctions)]):
                d, p = dijkstra(self.csr(removed), directed=True, return_predecessors=True)
                dist[k], pred[k] = d, p
            return dist, pred, nodes

        dist, pred, nodes = cached(cache_dir() / f"rail-trees-{self.cache_key}-dist.npy", load, build, save)
        return {"dist": dist, "pred": pred, "slot": {int(j): k + 1 for k, j in enumerate(nodes)}}

    def shortest(self, a: int, b: int, removed: frozenset[int] = frozenset()) -> Route:
        """Shortest route between two node indices.

        Raises
        ------
        UnreachableError
            When no path joins them.
        """
        return self._shortest(a, b, removed)

    @lru_cache(maxsize=4096)  # noqa: B019 - a query asks for the same pair for its range and its corridors
    def _shortest(self, a: int, b: int, removed: frozenset[int]) -> Route:
        import numpy as np

        if a == b:
            return Route((a,), 0.0, ())
        if len(self.ids) > LARGE_NETWORK:
            from routes.geodesy import distance_km

            bound = distance_km(self.lat[a], self.lon[a], self.lat[b], self.lon[b])
            d_b, pred = point_to_point(self.csr(removed), a, b, bound)
            dist = np.full(len(self.ids), np.inf)
            dist[b] = d_b
        else:
            dist, pred = self._tree(a, removed)
        if not np.isfinite(dist[b]):
            raise UnreachableError(
                f"no rail path between {self.names[a]} and {self.names[b]} on the {self.name} network"
            )
        nodes = [b]
        while nodes[-1] != a:
            nodes.append(int(pred[nodes[-1]]))
        nodes.reverse()
        return Route(tuple(nodes), float(dist[b]), tuple(self.edges_along(nodes)))

    def edges_along(self, nodes: list[int]) -> list[int]:
        """Indices of the edges joining consecutive nodes (the shortest edge where two are parallel)."""
        from routes.netsearch import edges_between

        return edges_between(self._edge_table(), len(self.ids), nodes)

    @cache  # noqa: B019
    def _edge_table(self) -> tuple[np.ndarray, np.ndarray]:
        from routes.netsearch import edge_table

        return edge_table(self.edge_u, self.edge_v, self.edge_km, len(self.ids))

    def via(self, stops: list[int]) -> Route:
        """Shortest route through the given node indices in order."""
        nodes: list[int] = [stops[0]]
        km = 0.0
        edges: list[int] = []
        for x, y in itertools.pairwise(stops):
            r = self.shortest(x, y)
            nodes.extend(r.nodes[1:])
            km += r.km
            edges.extend(r.edges)
        return Route(tuple(nodes), km, tuple(edges))

    def corridors(self, a: int, b: int, k: int = 3, max_ratio: float = 1.5,
                  removed: frozenset[int] = frozenset()) -> list[Route]:
        """Up to ``k`` alternative corridors to the shortest route, each avoiding one of its junctions.

        Removing each junction of the best route in turn and re-routing finds genuinely different
        corridors (via Moscow versus the bypass, say) rather than small detours. Routes longer than
        ``max_ratio`` times the best are dropped; among the rest, shorter ones come first, but a route
        that shares almost all its junctions with one already chosen gives way to a more distinct one.
        """
        best, found, hub_route = self._corridor_pool(a, b, max_ratio, removed)
        # the route around the biggest hub (Moscow, say) is always shown: it is the bypass people ask about
        chosen: list[Route] = [hub_route] if hub_route is not None else []
        for r in found:
            if all(_similarity(r, c) < 0.9 for c in [best, *chosen]):
                chosen.append(r)
        for r in found:  # fill up with the remaining ones if fewer than k were distinct
            if len(chosen) >= k:
                break
            if r not in chosen:
                chosen.append(r)
        return sorted(chosen[:k], key=lambda r: (r.km, r.nodes))

    @lru_cache(maxsize=256)  # noqa: B019 - computed once per query, however many callers list corridors
    def _corridor_pool(self, a: int, b: int, max_ratio: float,
                       removed: frozenset[int]) -> tuple[Route, list[Route], Route | None]:
        """(shortest, candidate corridors sorted by km, the route around the biggest hub or None).

        A small network re-routes around each junction of the shortest route in turn (its trees are cached).
        A large one takes one route per plateau of the via-node method (``routes.netsearch``): two bounded
        searches on the one CSR matrix, whatever the number of junctions.
        """
        best = self.shortest(a, b, removed)
        found: list[Route] = []
        hub_route: Route | None = None
        if len(self.ids) > PRECOMPUTE_MAX_NODES:
            from routes.netsearch import via_node_paths

            for path in via_node_paths(self.csr(removed), a, b, best.km, max_ratio):
                edges = self.edges_along(path)
                found.append(Route(tuple(path), float(self.edge_km[edges].sum()), tuple(edges)))
        else:
            deg = self.degree()
            seen = {best.nodes}
            interior = [n for n in best.nodes[1:-1] if deg[n] >= 3]
            hub = max(interior, key=lambda n: (deg[n], -n)) if interior else None
            for node in interior:
                try:
                    r = self.shortest(a, b, removed | {node})
                except UnreachableError:
                    continue
                if r.nodes not in seen and r.km <= best.km * max_ratio:
                    seen.add(r.nodes)
                    found.append(r)
                    if node == hub:
                        hub_route = r
        found.sort(key=lambda r: (r.km, r.nodes))
        return best, found, hub_route

    def junctions(self, route: Route) -> list[str]:
        """Names of the ends, junctions (degree >= 3), border stations and gauge breaks along a route."""
        deg = self.degree()
        breaks = {n for n, _, _ in self.gauge_breaks(route)}
        last = len(route.nodes) - 1
        keep = [n for i, n in enumerate(route.nodes)
                if i in (0, last) or deg[n] >= 3 or self.kind[n] == "border" or n in breaks]
        return [self.names[n] for n in keep]

    def gauge_breaks(self, route: Route) -> list[tuple[int, frozenset[int], frozenset[int]]]:
        """Stations where a train must change gauge: (node, gauge before, gauge after).

        The usable gauge narrows along dual-gauge track; a break happens where it would become empty.
        """
        out = []
        current: frozenset[int] | None = None
        for pos, e in enumerate(route.edges):
            g = self.edge_gauge[e]
            if current is None:
                current = g
                continue
            if current & g:
                current = current & g
            else:
                out.append((route.nodes[pos], current, g))
                current = g
        return out

    def coords(self, route: Route) -> list[tuple[float, float]]:
        """(lat, lon) of the route's nodes in order."""
        return [(float(self.lat[n]), float(self.lon[n])) for n in route.nodes]

    def sources_of(self, route: Route) -> list[str]:
        """Distinct sources of the segments used, in order of use."""
        out: list[str] = []
        for e in route.edges:
            s = self.edge_source[e]
            if s not in out:
                out.append(s)
        return out

    # -- persistence -----------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        """Save as a compressed ``.npz``: arrays, text columns as codes (``routes.netstore``), the rest as JSON."""
        import numpy as np

        from routes.netstore import CODED, pack

        meta, codes = pack({"name": self.name, "ids": self.ids, "names": self.names, "source": self.source},
                           {c: getattr(self, c) for c in CODED})
        arrays: dict[str, Any] = {
            "lat": self.lat, "lon": self.lon, "edge_u": self.edge_u, "edge_v": self.edge_v, "edge_km": self.edge_km,
            "named": self.named if self.named is not None else np.array([], dtype=np.int64),
            "meta": np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8), **codes}
        np.savez_compressed(path, **arrays)

    @classmethod
    def load(cls, path: str | Path) -> Network:
        """Load a network saved by :meth:`save` (``routecheck rail import`` writes these)."""
        import numpy as np

        p = Path(path)
        if not p.exists() and p.with_suffix(".npz").exists():
            p = p.with_suffix(".npz")
        try:
            with np.load(p, allow_pickle=False) as z:
                from routes.netstore import unpack

                meta = unpack(z)
                named = z["named"] if len(z["named"]) else None
                return cls(
                    name=meta["name"], ids=meta["ids"], names=meta["names"], lat=z["lat"], lon=z["lon"],
                    country=meta["country"], kind=meta["kind"], edge_u=z["edge_u"], edge_v=z["edge_v"],
                    edge_km=z["edge_km"], edge_line=meta["edge_line"], edge_gauge=meta["edge_gauge"],
                    edge_source=meta["edge_source"], edge_basis=meta["edge_basis"], source=meta["source"],
                    named=named,
                )
        except (OSError, ValueError, KeyError) as exc:
            raise InputFileError(f"cannot read rail network {str(path)!r}: {exc}") from None


def _similarity(a: Route, b: Route) -> float:
    """Share of nodes two routes have in common (Jaccard)."""
    sa, sb = set(a.nodes), set(b.nodes)
    return len(sa & sb) / len(sa | sb)


@cache
def load(path: str) -> Network:
    """A network saved by ``routecheck rail import`` or ``routecheck road import`` (cached per path)."""
    return Network.load(path)

