"""Rail at scale: generated national-size graphs (scaled down to keep the suite fast), KD-tree station snapping.

References are independent: networkx Dijkstra for path lengths, a brute-force geodesic scan for snapping.
The full-size figures (525k nodes) are in ``scripts/bench_rail.py``, not here.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import numpy as np
import pytest

from routes.geodesy import distances_km
from routes.network import LARGE_NETWORK, Network
from routes.osmimport import STATION_SNAP_KM, snap_stations


def grid_network(side: int, seed: int = 7) -> Network:
    """The bench's generated national network (a jittered grid over 45-65 N, 30-100 E, km = geodesic x 1.0-1.3),
    at a size the suite can afford."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from bench_rail import national_network

    net = national_network(side, seed)
    net.edge_line = [f"line {i % 7}" for i in range(len(net.edge_u))]  # text columns worth round-tripping
    return net


def _nx_km(net: Network, a: int, b: int) -> float:
    import networkx as nx

    g = nx.Graph()
    g.add_weighted_edges_from(zip(net.edge_u.tolist(), net.edge_v.tolist(), net.edge_km.tolist(), strict=True))
    return float(nx.shortest_path_length(g, a, b, weight="weight"))


def _check_route(net: Network, nodes: tuple[int, ...], km: float, a: int, b: int) -> None:
    assert nodes[0] == a and nodes[-1] == b and len(set(nodes)) == len(nodes)
    edges = net.edges_along(list(nodes))
    for e, (x, y) in zip(edges, itertools.pairwise(nodes), strict=True):
        assert {int(net.edge_u[e]), int(net.edge_v[e])} == {x, y}
    assert km == pytest.approx(float(net.edge_km[edges].sum()), rel=1e-9)


@pytest.fixture(scope="module")
def mid() -> Network:
    return grid_network(90)  # 8,100 nodes: full trees, via-node corridors


@pytest.fixture(scope="module")
def large() -> Network:
    net = grid_network(226)  # 51,076 nodes: bounded point-to-point search as well
    assert len(net.ids) > LARGE_NETWORK
    return net


@pytest.mark.parametrize("which", ["mid", "large"])
def test_shortest_and_corridors_on_a_generated_network(which: str, request: pytest.FixtureRequest) -> None:
    net: Network = request.getfixturevalue(which)
    n = len(net.ids)
    a, b = n // 7, n - n // 5  # far apart across the grid
    best = net.shortest(a, b)
    assert best.km == pytest.approx(_nx_km(net, a, b), rel=1e-9)
    _check_route(net, best.nodes, best.km, a, b)
    alts = net.corridors(a, b, k=8)
    assert 1 <= len(alts) <= 8
    assert len({r.nodes for r in alts}) == len(alts)
    for r in alts:
        _check_route(net, r.nodes, r.km, a, b)
        assert best.km <= r.km <= best.km * 1.5 + 1e-6
        assert r.nodes != best.nodes
    assert alts == sorted(alts, key=lambda r: (r.km, r.nodes))
    assert 1 <= len(net.corridors(a, b, k=3)) <= 3


def test_save_and_load_keep_every_column(mid: Network, tmp_path: object) -> None:
    path = Path(str(tmp_path)) / "grid.npz"
    mid.save(path)
    back = Network.load(path)
    assert list(back.edge_line) == list(mid.edge_line)
    assert list(back.edge_gauge) == list(mid.edge_gauge)
    assert list(back.edge_basis) == list(mid.edge_basis) and list(back.kind) == list(mid.kind)
    assert back.edge_line[5] == "line 5" and back.countries() == frozenset()
    a, b = 10, len(mid.ids) - 10
    assert back.shortest(a, b) == mid.shortest(a, b)


def test_files_of_the_earlier_format_still_load(tmp_path: object) -> None:
    import json
    meta = {"name": "old", "ids": ["1", "2", "3"], "names": ["A", "node 2", "C"], "country": ["RU", "RU", "RU"],
            "kind": ["station", "junction", "station"], "edge_line": ["x", "y"], "edge_gauge": [[1520], [1520]],
            "edge_source": ["s", "s"], "edge_basis": ["measured", "measured"], "source": "s"}
    path = Path(str(tmp_path)) / "old.npz"
    np.savez_compressed(path, lat=np.array([55.0, 55.1, 55.2]), lon=np.array([37.0, 37.0, 37.0]),
                        edge_u=np.array([0, 1]), edge_v=np.array([1, 2]), edge_km=np.array([11.2, 11.2]),
                        named=np.array([0, 2]), meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8))
    net = Network.load(path)
    assert net.shortest(0, 2).km == pytest.approx(22.4)
    assert net.edge_gauge[1] == frozenset({1520}) and net.countries() == frozenset({"RU"})


def test_kd_tree_snapping_matches_a_full_geodesic_scan() -> None:
    rng = np.random.default_rng(5)
    lat, lon = rng.uniform(54.0, 56.0, 5_000), rng.uniform(36.0, 40.0, 5_000)
    near = rng.integers(0, 5_000, 200)  # stations beside a track node, and some anywhere
    slat = np.concatenate([lat[near] + rng.normal(0, 0.004, 200), rng.uniform(54.0, 56.0, 100)])
    slon = np.concatenate([lon[near] + rng.normal(0, 0.006, 200), rng.uniform(36.0, 40.0, 100)])
    stations = [(f"s{i}", float(a), float(o)) for i, (a, o) in enumerate(zip(slat, slon, strict=True))]
    got = snap_stations(stations, lat, lon)
    want = []
    for _, sa, so in stations:
        d = distances_km(np.full(len(lat), sa), np.full(len(lat), so), lat, lon)
        i = int(np.argmin(d))
        want.append(i if d[i] <= STATION_SNAP_KM else None)
    assert got == want
    assert sum(g is not None for g in got) > 150  # the test exercises both outcomes
    assert snap_stations([], lat, lon) == []


CLAIM_FORMS = ["{n} km", "about {n} km", "nearly {n} miles", "some {n} nautical miles", "more than {n} km",
               "up to {n} kilometres", "{n}+ km", "less than {n} km", "just over {n} km", "{n} km by rail",
               "{n} hours", "almost {n} days", "около {n} км", "{n} thousand km", "{n}k miles", "at least {n} km",
               "a flight of {n} miles", "{n} nmi by air", "{n} km/h", "in {n} weeks", "~{n} km"]
FIGURES = ["7", "10", "250", "1,000", "1,234", "6,400", "10 557", "2,5", "6,4", "1.5", "12.25", "0", "100000",
           "1,000,000", "9999999", "12,50", "3.0"]


def test_bulk_intervals_equal_parse_claim_by_claim() -> None:
    """routes.claimbulk reads each shape once; every interval and every error must be parse's own."""
    from routes.claimbulk import intervals
    from routes.claims import parse
    from routes.errors import ClaimParseError

    texts = [f.format(n=n) for f in CLAIM_FORMS for n in FIGURES]
    texts += ["about 800-900 km", "a day and a half by train", "two days", "3 hours 45 minutes", "1:30 h",
              "Il-76 flight of 5,000 km", "nearly 6,400 kilometers", "6 400 km", "over 9,000 km"]
    good = []
    for t in texts:
        try:
            c = parse(t)
        except ClaimParseError:
            continue
        good.append((t, c.low, np.inf if c.high is None else c.high))
    assert len(good) > 250
    low, high = intervals([t for t, _, _ in good] * 3)  # repeats: the same shape many times
    assert low.tolist() == [lo for _, lo, _ in good] * 3
    assert high.tolist() == [hi for _, _, hi in good] * 3
    bad = [t for t in texts if t not in {g[0] for g in good}]
    assert bad  # the first unreadable claim raises parse's own error
    with pytest.raises(ClaimParseError) as got:
        intervals(["about 5 km", bad[0], "10 km"])
    with pytest.raises(ClaimParseError) as want:
        parse(bad[0])
    assert str(got.value) == str(want.value)


def test_inland_grid_never_calls_a_coastal_place_inland() -> None:
    """geodata.deep_inland is a shortcut for sea mode: where it says True, no point within 21 km is off land."""
    from routes.geodata import INLAND_KM, _inland_grid, deep_inland, on_land
    from routes.geodesy import geod

    assert _inland_grid(build=True) is not None  # what ``python -m routes.prebuild`` does at install
    _inland_grid.cache_clear()
    rng = np.random.default_rng(2)
    lat, lon = rng.uniform(-60, 75, 6_000), rng.uniform(-180, 180, 6_000)
    flagged = [(a, o) for a, o in zip(lat.tolist(), lon.tolist(), strict=True) if deep_inland(a, o)]
    assert 300 < len(flagged) < 3_000  # land is ~30 % of this band, and only its interior is flagged
    bearings = np.arange(0.0, 360.0, 5.0)
    for a, o in flagged[:400]:
        for r in (1.0, 7.0, 14.0, INLAND_KM):
            lo2, la2, _ = geod().fwd(np.full(len(bearings), o), np.full(len(bearings), a), bearings,
                                     np.full(len(bearings), r * 1000.0))
            assert on_land(la2, lo2).all(), (a, o, r)
    assert deep_inland(51.7269, 36.1846) and deep_inland(55.0, 73.4)  # Kursk, Omsk: no polygons needed
    assert not deep_inland(43.1056, 131.8735) and not deep_inland(51.92, 4.48)  # Vladivostok, Rotterdam


def test_airfield_prefilter_keeps_every_airfield_of_the_corridor() -> None:
    """airroute's spherical pre-filter may keep extra airfields, never drop one the exact WGS84 test keeps."""
    from routes import airroute
    from routes.geodesy import distance_km, pairwise_km
    from routes.places import Place

    fields = airroute._airfields("")
    lat, lon = airroute._field_coords("")
    rng = np.random.default_rng(4)
    kept = 0
    for _ in range(25):
        la, lo = rng.uniform(-50, 70, 2), rng.uniform(-180, 180, 2)
        o = Place(query="o", name="o", country="", lat=float(la[0]), lon=float(lo[0]), kind="point", source="test")
        d = Place(query="d", name="d", country="", lat=float(la[1]), lon=float(lo[1]), kind="point", source="test")
        gc = distance_km(o.lat, o.lon, d.lat, d.lon)
        ends = pairwise_km([(o.lat, o.lon), (d.lat, d.lon)], list(zip(lat.tolist(), lon.tolist(), strict=True)))
        exact = set(np.nonzero(ends[0] + ends[1] <= airroute.CORRIDOR * gc)[0].tolist())
        pre = set(airroute._maybe_in_corridor(o, d, gc, ""))
        assert exact <= pre
        kept += len(pre)
    assert len(fields) > 1_000 and kept < 0.5 * 25 * len(fields)  # and it does filter (random pairs are long)


def test_hop_matrix_is_exact_for_every_possible_flight() -> None:
    from routes import airroute
    from routes.geodesy import pairwise_km

    nodes = list(airroute._airfields("")[::40])
    want = pairwise_km([(p.lat, p.lon) for p in nodes], [(p.lat, p.lon) for p in nodes])
    for hop in (800.0, 3_000.0, 9_000.0):
        got = airroute._hop_matrix(nodes, hop)
        short = want <= hop
        assert np.array_equal(got[short], want[short])  # bit for bit where a flight is possible
        assert np.all(got[~short] > hop)  # elsewhere exact or inf: never an edge


def test_streamed_batch_equals_one_pass() -> None:
    from routes.batch import check_distances, check_stream

    rng = np.random.default_rng(9)
    rows = [(float(a), float(b), float(c), float(d), f"about {int(k):,} km") for a, b, c, d, k in
            zip(rng.uniform(-60, 70, 500), rng.uniform(-180, 180, 500), rng.uniform(-60, 70, 500),
                rng.uniform(-180, 180, 500), rng.integers(100, 19_000, 500), strict=True)]
    whole = check_distances(*(list(col) for col in zip(*rows, strict=True)))
    parts = list(check_stream(iter(rows), chunk=128))
    assert [len(p.verdict) for p in parts] == [128, 128, 128, 116]
    assert np.concatenate([p.verdict for p in parts]).tolist() == whole.verdict.tolist()
    assert np.concatenate([p.geodesic_km for p in parts]).tolist() == whole.geodesic_km.tolist()
