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

import numpy as np


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
