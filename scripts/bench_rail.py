"""Rail benchmarks: warm query on the bundled network; a 1M-edge graph, scipy vs networkx on the same graph.

Prints figures only. Goals (issue 3): warm bundled query <= 0.2 ms; on the large graph >= 10x faster than
networkx ``shortest_path`` with memory <= 1 GB.
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from routes.network import Network


def warm_bundled(queries: int) -> None:
    """Warm shortest-path queries between random station pairs of the bundled network."""
    from routes.modes import railbundle

    net = railbundle.bundled()
    rng = np.random.default_rng(1)
    n = len(net.ids)
    pairs = [(int(a), int(b)) for a, b in rng.integers(0, n, size=(queries, 2))]
    for a, b in pairs:  # warm: one Dijkstra tree per source is cached
        net.shortest(a, b)
    t = time.perf_counter()
    for a, b in pairs:
        net.shortest(a, b)
    per = (time.perf_counter() - t) / queries * 1000
    print(f"rail warm query (bundled, {n} stations): {per:.4f} ms per query over {queries:,}; goal <= 0.2 ms")


def rail_like_graph(side: int, seed: int = 7) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """A jittered grid with ~2 * side^2 edges; weights are lengths times a 1.0-1.3 curvature factor.

    Returns (u, v, weight, n); node coordinates come from :func:`coords` with the same seed.
    """
    rng = np.random.default_rng(seed)
    n = side * side
    xs = np.arange(n) % side + rng.uniform(-0.3, 0.3, n)
    ys = np.arange(n) // side + rng.uniform(-0.3, 0.3, n)
    idx = np.arange(n).reshape(side, side)
    u = np.concatenate([idx[:, :-1].ravel(), idx[:-1, :].ravel()])
    v = np.concatenate([idx[:, 1:].ravel(), idx[1:, :].ravel()])
    keep = rng.random(len(u)) > 0.05  # a few missing links, as on a real network
    u, v = u[keep], v[keep]
    w = np.hypot(xs[u] - xs[v], ys[u] - ys[v]) * rng.uniform(1.0, 1.3, len(u)) * 5.0
    return u, v, w, n


def coords(side: int, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """Node coordinates of :func:`rail_like_graph` (same random stream)."""
    rng = np.random.default_rng(seed)
    n = side * side
    return np.arange(n) % side + rng.uniform(-0.3, 0.3, n), np.arange(n) // side + rng.uniform(-0.3, 0.3, n)


def national_network(side: int, seed: int = 7) -> Network:
    """A generated national-size rail network: :func:`rail_like_graph` laid over 45-65 N, 30-100 E.

    Edge km are the geodesic between the ends times the graph's 1.0-1.3 curvature factor (never shorter than
    the geodesic, as on real track); every 25th node is a named station.
    """
    from routes.geodesy import distances_km
    from routes.network import Network

    u, v, _, n = rail_like_graph(side, seed)
    xs, ys = coords(side, seed)
    lat = 45.0 + ys * (20.0 / side)
    lon = 30.0 + xs * (70.0 / side)
    factor = np.random.default_rng(seed + 1).uniform(1.0, 1.3, len(u))
    km = distances_km(lat[u], lon[u], lat[v], lon[v]) * factor
    named = np.arange(0, n, 25, dtype=np.int64)
    names = [f"S{i}" if i % 25 == 0 else f"node {i}" for i in range(n)]
    src = f"generated {side}x{side} grid (scripts/bench_rail.py)"
    return Network(
        name=f"generated {n:,}-node", ids=[str(i) for i in range(n)], names=names, lat=lat, lon=lon,
        country=["" for _ in range(n)], kind=["station" if i % 25 == 0 else "junction" for i in range(n)],
        edge_u=u.astype(np.int64), edge_v=v.astype(np.int64), edge_km=km, edge_line=["" for _ in u],
        edge_gauge=[frozenset({1520}) for _ in u], edge_source=[src for _ in u],
        edge_basis=["measured" for _ in u], source=src, named=named,
    )


# places inside the generated network's box (45-65 N, 30-100 E), paired differently on every run
RAIL_PAIRS = [("Omsk", "Samara"), ("Moscow", "Krasnoyarsk"), ("Voronezh", "Tomsk"), ("Kazan", "Novosibirsk"),
              ("Saratov", "Barnaul"), ("Arkhangelsk", "Astana"), ("Rostov-on-Don", "Kemerovo"),
              ("Yaroslavl", "Krasnoyarsk"), ("Perm", "Tyumen")]


def national_goal(side: int, runs: int, folder: Path) -> dict[str, float]:
    """verify --mode rail on a generated national network: in-process warm queries (distinct pairs, corridors
    included) and fresh CLI processes, against networkx ``shortest_path`` (returning the path) on the same graph.

    Returns seconds: ``warm`` (median in-process; ``warm_max`` the slowest), ``cli`` (median process), ``nx``
    (median networkx query), and ``nodes``. The pairs run 1,500-3,800 km across the network.
    """
    import subprocess

    import networkx as nx

    from routes.network import load
    from routes.places import resolve
    from routes.verify import verify

    path = folder / f"national-{side}.npz"
    if not path.exists():
        national_network(side).save(path)
    net = load(str(path))
    pairs = RAIL_PAIRS[: max(2, runs)]
    warm = []
    verify(*pairs[0], mode="rail", extra={"rail_network": str(path)})  # load, CSR, imports
    for o, d in pairs[1:]:
        t = time.perf_counter()
        verify(o, d, mode="rail", extra={"rail_network": str(path)})
        warm.append(time.perf_counter() - t)
    g = nx.Graph()
    g.add_weighted_edges_from(zip(net.edge_u.tolist(), net.edge_v.tolist(), net.edge_km.tolist(), strict=True))
    theirs = []
    for o, d in pairs[1:]:
        po, pd = resolve(o), resolve(d)
        a, b = net.nearest(po.lat, po.lon)[0], net.nearest(pd.lat, pd.lon)[0]
        t = time.perf_counter()
        nx.shortest_path(g, a, b, weight="weight")
        theirs.append(time.perf_counter() - t)
    cli = []
    for o, d in reversed(pairs[1:]):  # other directions than the warm runs: nothing memoised on disk either
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "routes.cli", "verify", d, o, "--mode", "rail", "--rail-network",
                        str(path), "--json"], capture_output=True, check=True)
        cli.append(time.perf_counter() - t)
    return {"warm": statistics.median(warm), "warm_max": max(warm), "cli": statistics.median(cli),
            "nx": statistics.median(theirs), "nodes": float(len(net.ids))}


def snapping_goal(stations: int = 800, nodes: int = 30_000) -> dict[str, float]:
    """Station snapping at import: KD-tree (``osmimport.snap_stations``) vs the full geodesic scan it replaced,
    the scan measured on 40 stations and scaled (it is linear in stations)."""
    from routes.geodesy import distances_km
    from routes.osmimport import snap_stations

    rng = np.random.default_rng(11)
    lat, lon = rng.uniform(50.0, 60.0, nodes), rng.uniform(30.0, 60.0, nodes)
    pick = rng.integers(0, nodes, stations)
    st = [(f"s{i}", float(lat[j] + 0.003), float(lon[j] - 0.004)) for i, j in enumerate(pick)]
    t = time.perf_counter()
    snap_stations(st, lat, lon)
    ours = time.perf_counter() - t
    t = time.perf_counter()
    for _, sa, so in st[:40]:
        int(np.argmin(distances_km(np.full(nodes, sa), np.full(nodes, so), lat, lon)))
    scan = (time.perf_counter() - t) * stations / 40
    return {"kd": ours, "scan": scan}


def large(side: int, runs: int) -> None:
    """scipy csgraph Dijkstra vs networkx shortest_path on the same generated graph."""
    import networkx as nx
    from scipy.sparse import csr_matrix

    from routes.network import point_to_point

    u, v, w, n = rail_like_graph(side)
    xs, ys = coords(side)
    print(f"large graph: {n:,} nodes, {len(u):,} edges (generated rail-like grid)")
    rng = np.random.default_rng(3)
    pairs = [(int(a), int(b)) for a, b in rng.integers(0, n, size=(runs, 2))]
    pairs[0] = (0, n - 1)  # corner to corner: the longest query

    gc.collect()
    tracemalloc.start()
    t = time.perf_counter()
    m = csr_matrix((np.concatenate([w, w]), (np.concatenate([u, v]), np.concatenate([v, u]))), shape=(n, n))
    build_ours = time.perf_counter() - t
    ours, ours_km = [], []
    for a, b in pairs:
        t = time.perf_counter()
        # the lower bound is the straight-line length (every edge is at least as long as its chord)
        d, _ = point_to_point(m, a, b, 5.0 * float(np.hypot(xs[a] - xs[b], ys[a] - ys[b])))
        ours.append(time.perf_counter() - t)
        ours_km.append(d)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    t = time.perf_counter()
    g = nx.Graph()
    g.add_weighted_edges_from(zip(u.tolist(), v.tolist(), w.tolist(), strict=True))
    build_nx = time.perf_counter() - t
    theirs, their_km = [], []
    for a, b in pairs:
        t = time.perf_counter()
        their_km.append(nx.shortest_path_length(g, a, b, weight="weight"))
        theirs.append(time.perf_counter() - t)
    same = all(abs(x - y) < 1e-6 * max(1.0, y) for x, y in zip(ours_km, their_km, strict=True))
    mo, mt = statistics.median(ours), statistics.median(theirs)
    print(f"  build: scipy CSR {build_ours:.2f} s, networkx Graph {build_nx:.2f} s")
    print(f"  query (median of {runs}): routecheck bounded scipy dijkstra {mo * 1000:.1f} ms vs networkx shortest_path "
          f"{mt * 1000:.1f} ms -> x{mt / mo:.1f} faster; same lengths: {same}")
    print(f"  corner-to-corner: routecheck {ours[0] * 1000:.1f} ms vs networkx {theirs[0] * 1000:.1f} ms")
    print(f"  routecheck engine peak memory (tracemalloc): {peak / 2**20:.0f} MiB; "
          f"process max RSS incl. networkx: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


def main() -> None:
    """Run the rail benchmarks."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--side", type=int, default=725, help="grid side; 725 gives about 1M edges")
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--queries", type=int, default=10_000)
    args = ap.parse_args()
    try:
        warm_bundled(args.queries)
    except Exception as exc:  # the bundled network may be absent in a partial checkout
        print(f"rail warm query: skipped ({exc})", file=sys.stderr)
    large(args.side, args.runs)


if __name__ == "__main__":
    main()
