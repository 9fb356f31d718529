"""Searches that scale to national networks: bounded Dijkstra, via-node corridors and a vectorised edge lookup.

Everything here works on one CSR matrix built once per network: no search copies or rebuilds it. Alternative
corridors on a large network come from the via-node ("plateau") method of Abraham, Delling, Goldberg and
Werneck, *Alternative routes in road networks* (ACM JEA 18, 2013): one search from each end, and every node
``v`` with ``d(a, v) + d(v, b)`` within the allowed ratio of the shortest gives the route a -> v -> b. Nodes
whose two tree paths agree form a *plateau*; one route per plateau is kept, so two searches yield many
genuinely different corridors instead of one small detour per junction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

SEARCH_SLACK = 1.5  # first search radius: this times the geodesic lower bound, grown until the target is hit
SEARCH_GROWTH = 1.5
# a plateau shorter than this share of the shortest route is a local detour (around one block or junction),
# not a corridor; Abraham et al. use a share of 0.1-0.25 of the route for "local optimality"
PLATEAU_MIN_SHARE = 0.1
MAX_CANDIDATES = 32  # plateaus turned into routes per query, shortest first (the bound on work per query)


def point_to_point(graph: csr_matrix, a: int, b: int, lower_bound: float,
                   slack: float = SEARCH_SLACK) -> tuple[float, np.ndarray]:
    """Exact shortest distance a -> b by Dijkstra searches of growing radius.

    Every edge is at least as long as the geodesic between its ends, so no path is shorter than
    ``lower_bound`` and a search limited to radius L is exact for every node it settles. Start at
    ``slack * lower_bound`` and widen by ``SEARCH_GROWTH`` until ``b`` is settled: far less work than a
    full tree on a big graph. ``graph`` must hold both directions of every edge (searched as directed:
    scipy's undirected mode re-symmetrises the matrix on every call). Returns (distance, predecessors);
    distance is inf when b is unreachable.
    """
    import numpy as np
    from scipy.sparse.csgraph import dijkstra

    limit = max(lower_bound * slack, 1e-9)
    total = float(graph.sum()) + 1.0
    while True:
        dist, pred = dijkstra(graph, directed=True, indices=a, return_predecessors=True, limit=limit)
        if np.isfinite(dist[b]) or limit > total:
            return float(dist[b]), pred
        limit *= SEARCH_GROWTH


def edge_table(u: np.ndarray, v: np.ndarray, km: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(sorted pair keys, edge index): the shortest edge of each unordered node pair, lowest index on ties."""
    import numpy as np

    key = np.minimum(u, v).astype(np.int64) * n + np.maximum(u, v)
    order = np.lexsort((km, key))  # stable: equal km keep the lower edge index
    ks = key[order]
    first = np.ones(len(ks), dtype=bool)
    first[1:] = ks[1:] != ks[:-1]
    return ks[first], order[first]


def edges_between(table: tuple[np.ndarray, np.ndarray], n: int, nodes: list[int]) -> list[int]:
    """Edge indices joining consecutive ``nodes`` (KeyError when two of them are not adjacent)."""
    import numpy as np

    if len(nodes) < 2:
        return []
    arr = np.asarray(nodes, dtype=np.int64)
    key = np.minimum(arr[:-1], arr[1:]) * n + np.maximum(arr[:-1], arr[1:])
    keys, idx = table
    if len(keys) == 0:
        raise KeyError("a network without edges")
    pos = np.minimum(np.searchsorted(keys, key), len(keys) - 1)
    if not bool(np.all(keys[pos] == key)):
        raise KeyError("consecutive nodes without an edge between them")
    return [int(e) for e in idx[pos]]


def _walk(pred: np.ndarray, start: int, stop: int) -> list[int]:
    """Nodes from ``start`` back along a predecessor tree to its root ``stop`` (inclusive)."""
    out = [start]
    while out[-1] != stop:
        out.append(int(pred[out[-1]]))
    return out


def via_node_paths(graph: csr_matrix, a: int, b: int, best_km: float, max_ratio: float,
                   count: int = MAX_CANDIDATES) -> list[list[int]]:
    """Node paths a -> b through one plateau each, no longer than ``max_ratio`` times ``best_km``, shortest first.

    Two Dijkstra searches (from ``a`` and from ``b``) limited to that radius; the shortest route's own
    plateau, plateaus shorter than ``PLATEAU_MIN_SHARE`` of it and paths that revisit a node are left out.
    At most ``count`` paths are built: the work per query is bounded by the radius and the count (a
    wall-clock bound would make the answer depend on the machine).
    """
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components, dijkstra

    limit = best_km * max_ratio * (1 + 1e-9) + 1e-9
    dist, pred = dijkstra(graph, directed=True, indices=[a, b], return_predecessors=True, limit=limit)
    da, db, pa, pb = dist[0], dist[1], pred[0], pred[1]
    n = len(da)
    total = da + db
    ok = np.isfinite(total) & (total <= limit)
    v = np.nonzero(ok & (pa >= 0))[0]
    u = pa[v]
    link = pb[u] == v  # edge u -> v lies on both trees: the two tree paths through v agree there
    u, v = u[link], v[link]
    m = coo_matrix((np.ones(len(u)), (u, v)), shape=(n, n))
    _, label = connected_components(m, directed=False)
    length = np.bincount(label[v], weights=da[v] - da[u], minlength=label.max() + 1)
    cand = np.nonzero(ok)[0]
    cand = cand[(label[cand] != label[a]) & (length[label[cand]] >= PLATEAU_MIN_SHARE * best_km)]
    # one representative per plateau: its node with the smallest total (then the lowest index)
    order = np.lexsort((cand, total[cand]))
    cand = cand[order]
    _, first = np.unique(label[cand], return_index=True)
    reps = cand[np.sort(first)]
    out: list[list[int]] = []
    for r in reps[:count].tolist():
        head = _walk(pa, r, a)[::-1]
        tail = _walk(pb, r, b)[1:]
        path = head + tail
        if len(set(path)) == len(path):
            out.append(path)
    return out
