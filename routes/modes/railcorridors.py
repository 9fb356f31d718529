"""Timetable corridors (``data/rail/corridors.csv``): routes that through trains run, with their published km.

A train does not always take the shortest path: the Rossiya runs Moscow-Yekaterinburg via Perm (1,778 km), not via
Kazan (1,649 km); the Moscow-Pyongyang through car runs via Khasan and the Korean east coast (10,267 km). A
corridor's station list is routed on the bundled network; a rail range between two stations of one corridor
reaches up to its length along the corridor (and, between the corridor's own ends, its published km), so that a
timetable figure is never called inconsistent for being longer than the shortest path.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from routes.datafiles import read_table

TABLE = "rail/corridors.csv"


@dataclass(frozen=True)
class Corridor:
    """One through service: its route on the bundled network and its published length."""

    name: str
    nodes: tuple[int, ...]  # the routed path, station indices of the bundled network
    cumulative_km: tuple[float, ...]  # network km from the first node to each node
    published_km: float
    source: str
    source_ids: str

    @property
    def network_km(self) -> float:
        return self.cumulative_km[-1]


@cache
def corridors() -> tuple[Corridor, ...]:
    """Every corridor of the table, routed on the bundled network."""
    from routes.datafiles import data_path
    from routes.modes import railbundle

    if not data_path(TABLE).exists():
        return ()
    net = railbundle.bundled()
    out = []
    for r in read_table(TABLE):
        stops = [r["from"], *[s for s in r["via"].split("|") if s], r["to"]]
        route = net.via([net.index(s) for s in stops])
        km = tuple(accumulate((float(net.edge_km[e]) for e in route.edges), initial=0.0))
        out.append(Corridor(r["name"], route.nodes, km, float(r["km"]), r["source"], r["source_ids"]))
    return tuple(out)


def along(a: int, b: int) -> list[tuple[Corridor, float, float]]:
    """(corridor, low km, high km) for each corridor that passes stations ``a`` and ``b``: the network km between
    them along it, widened to the published km when they are the corridor's two ends."""
    out = []
    for c in corridors():
        if a == b or a not in c.nodes or b not in c.nodes:
            continue
        i, j = sorted((c.nodes.index(a), c.nodes.index(b)))
        km = c.cumulative_km[j] - c.cumulative_km[i]
        if i == 0 and j == len(c.nodes) - 1:
            out.append((c, min(km, c.published_km), max(km, c.published_km)))
        else:
            out.append((c, km, km))
    return out
