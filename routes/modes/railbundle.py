"""The bundled trunk rail network: ``data/rail/*.csv`` as a :class:`~routes.network.Network`, with known gaps.

Only the rail mode reads this module. A row's ``km`` is the official or published figure (see its source);
``data/rail/gaps.csv`` lists lines known to exist without published km; ``data/rail/countries.csv`` says
which countries the network covers only at the border.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from itertools import pairwise

from routes.datafiles import read_table
from routes.errors import InputFileError
from routes.network import Network, load, parse_gauge

BUNDLED = "bundled"


def bundled_tables() -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Rows of every ``data/rail/stations_*.csv`` and ``segments_*.csv`` (one pair per region).

    A station listed in two regional files (a boundary station) keeps its first row.
    """
    from routes.datafiles import data_path

    folder = data_path("rail")
    stations: dict[str, dict[str, str]] = {}
    segments: list[dict[str, str]] = []
    for f in sorted(folder.glob("stations_*.csv")):
        for row in read_table(f"rail/{f.name}"):
            stations.setdefault(row["id"], row)
    for f in sorted(folder.glob("segments_*.csv")):
        segments.extend(read_table(f"rail/{f.name}"))
    return list(stations.values()), segments


def _tables_digest() -> str:
    """Digest of the bundled rail tables (keys the on-disk cache of precomputed trees)."""
    from routes.datafiles import data_path, file_digest

    names = sorted(f"rail/{p.name}" for p in data_path("rail").glob("*.csv"))
    return file_digest(*names)


@cache
def bundled() -> Network:
    """The bundled trunk network from ``data/rail/stations_*.csv`` and ``data/rail/segments_*.csv``."""
    import numpy as np

    stations, segments = bundled_tables()
    ids = [s["id"] for s in stations]
    index = {sid: i for i, sid in enumerate(ids)}
    missing = sorted({x for seg in segments for x in (seg["from"], seg["to"]) if x not in index})
    if missing:
        raise InputFileError(f"data/rail/segments_*.csv name unknown stations: {', '.join(missing)}")
    return Network(
        name="bundled trunk",
        ids=ids,
        names=[s["name"] for s in stations],
        lat=np.array([float(s["lat"]) for s in stations]),
        lon=np.array([float(s["lon"]) for s in stations]),
        country=[s["country"] for s in stations],
        kind=[s["kind"] for s in stations],
        edge_u=np.array([index[s["from"]] for s in segments], dtype=np.int64),
        edge_v=np.array([index[s["to"]] for s in segments], dtype=np.int64),
        edge_km=np.array([float(s["km"]) for s in segments]),
        edge_line=[s["line"] for s in segments],
        edge_gauge=[parse_gauge(s["gauge"]) for s in segments],
        edge_source=[s["source"] for s in segments],
        edge_basis=[s["km_basis"] for s in segments],
        cache_key=_tables_digest(),
        source="routecheck bundled trunk rail network, data/rail/segments_*.csv (official km posts and published "
        "distances; see each row)",
    )


@cache
def km_spread() -> dict[tuple[int, int], tuple[float, float, float]]:
    """(km, km below, km above) per station pair of the bundled network, from the ``km_low``/``km_high``
    columns where two published figures disagree (the shortest of parallel segments counts)."""
    stations, segments = bundled_tables()
    index = {st["id"]: i for i, st in enumerate(stations)}
    out: dict[tuple[int, int], tuple[float, float, float]] = {}
    for s in segments:
        a, b = sorted((index[s["from"]], index[s["to"]]))
        km = float(s["km"])
        lo = float(s["km_low"]) if s.get("km_low") else km
        hi = float(s["km_high"]) if s.get("km_high") else km
        if (a, b) not in out or km < out[(a, b)][0]:
            out[(a, b)] = (km, max(km - lo, 0.0), max(hi - km, 0.0))
    return out


def spread_along(nodes: Sequence[int]) -> tuple[float, float]:
    """(km below, km above) a bundled route's length (its station sequence) that its segments' published
    ranges allow; 0 for hops that are not one segment (known gaps)."""
    table = km_spread()
    lo = hi = 0.0
    for a, b in pairwise(nodes):
        _, below, above = table.get((min(a, b), max(a, b)), (0.0, 0.0, 0.0))
        lo, hi = lo + below, hi + above
    return lo, hi


GAP_BASIS = "gap_geodesic_lower_bound"


def known_gaps() -> tuple[dict[str, str], ...]:
    """Rows of ``data/rail/gaps.csv``: lines known to exist whose km no source we found publishes."""
    from routes.datafiles import data_path

    return read_table("rail/gaps.csv") if data_path("rail/gaps.csv").exists() else ()


@cache
def transit_ok(home: str) -> frozenset[str]:
    """Countries that domestic trains of ``home`` run through (Russian trains via Petropavl, Kazakhstan)."""
    from routes.datafiles import data_path

    if not data_path("rail/countries.csv").exists():
        return frozenset()
    return frozenset(r["country"] for r in read_table("rail/countries.csv")
                     if home in r.get("domestic_transit_for", "").split("|"))


@cache
def border_only(country: str) -> bool:
    """True where the bundled network has only the lines across the border (``data/rail/countries.csv``)."""
    from routes.datafiles import data_path

    if not data_path("rail/countries.csv").exists():
        return False
    return any(r["country"] == country and r["coverage"] in ("border_only", "lines_only")
               for r in read_table("rail/countries.csv"))


@cache
def bundled_with_gaps() -> Network:
    """The bundled network plus each known gap as an edge as long as its geodesic.

    The geodesic is a hard lower bound on any track between two stations, so routes on this network
    bound from below what the real network (with the missing sections) could offer.
    """
    import numpy as np

    from routes.geodesy import distance_km

    base = bundled()
    gaps = known_gaps()
    u = [base.index(g["from"]) for g in gaps]
    v = [base.index(g["to"]) for g in gaps]
    km = [distance_km(base.lat[a], base.lon[a], base.lat[b], base.lon[b]) for a, b in zip(u, v, strict=True)]
    return replace(
        base,
        name="bundled trunk with known gaps at their geodesic",
        edge_u=np.concatenate([base.edge_u, np.array(u, dtype=np.int64)]),
        edge_v=np.concatenate([base.edge_v, np.array(v, dtype=np.int64)]),
        edge_km=np.concatenate([base.edge_km, np.array(km)]),
        edge_line=[*base.edge_line, *(f"known gap: {g['line']}" for g in gaps)],
        edge_gauge=[*base.edge_gauge, *(frozenset({1520}) for _ in gaps)],
        edge_source=[*base.edge_source, *(g["source"] for g in gaps)],
        edge_basis=[*base.edge_basis, *(GAP_BASIS for _ in gaps)],
        cache_key=f"{base.cache_key}-gaps" if base.cache_key else None,
        _csr=None,
    )


@cache
def get(network: str = BUNDLED) -> Network:
    """The bundled network, or one saved by ``routecheck rail import``."""
    return bundled() if network == BUNDLED else load(network)


@cache
def domestic(home: str, with_gaps: bool = False) -> Network:
    """The bundled network without the lines of countries that ``home``'s domestic trains do not transit.

    Node indices are those of the full network (foreign nodes stay, without edges), so routes compare directly;
    its own cached trees keep domestic queries as fast as the rest.
    """
    import numpy as np

    base = bundled_with_gaps() if with_gaps else bundled()
    ok = {home, *transit_ok(home)}
    keep = [i for i, (u, v) in enumerate(zip(base.edge_u, base.edge_v, strict=True))
            if base.country[u] in ok and base.country[v] in ok]
    return replace(
        base,
        name=f"{base.name} (domestic {home})",
        edge_u=base.edge_u[keep], edge_v=base.edge_v[keep], edge_km=base.edge_km[np.array(keep, dtype=np.int64)],
        edge_line=[base.edge_line[i] for i in keep], edge_gauge=[base.edge_gauge[i] for i in keep],
        edge_source=[base.edge_source[i] for i in keep], edge_basis=[base.edge_basis[i] for i in keep],
        cache_key=f"{base.cache_key}-domestic-{home}-{int(with_gaps)}" if base.cache_key else None,
        _csr=None,
    )
