"""Published port-to-port sea distances (``data/modes/sea_routes.csv``): ferry lines and route tables.

searoute's coarse network runs far longer than a short crossing (Vanino-Kholmsk, Rajin-Vladivostok) and has no
Northern Sea Route. Where a published figure exists for a pair of ports, the sea mode widens its range to take
it in (see ``routes.modes.sea``), so that a figure a ferry line or a route table prints is never called
inconsistent. A row matches a leg when both of its ends lie within ``MATCH_KM`` of the leg's ends.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from routes.datafiles import read_table

TABLE = "modes/sea_routes.csv"
MATCH_KM = 30.0  # a port this close to a place stands for it (a city and its harbour, a strait's two ferry ports)


@dataclass(frozen=True)
class PublishedRoute:
    """One row of the table: a published distance between two ports, by a named passage or none."""

    origin: str
    destination: str
    ends: tuple[tuple[float, float], tuple[float, float]]
    km_low: float
    km_high: float
    via: str  # "" for a direct run; else a passage ("northern_sea_route", "suez", "panama", ...)
    kind: str
    source: str
    source_ids: str
    note: str

    def to_json(self) -> dict[str, object]:
        return {"from": self.origin, "to": self.destination, "km_low": round(self.km_low, 1),
                "km_high": round(self.km_high, 1), "via": self.via, "kind": self.kind, "source": self.source,
                "source_ids": self.source_ids}


@cache
def table() -> tuple[PublishedRoute, ...]:
    """Every row of the table."""
    return tuple(
        PublishedRoute(r["from"], r["to"], ((float(r["from_lat"]), float(r["from_lon"])),
                                            (float(r["to_lat"]), float(r["to_lon"]))),
                       float(r["km_low"]), float(r["km_high"]), r["via"], r["kind"], r["source"], r["source_ids"],
                       r["note"])
        for r in read_table(TABLE))


def _near(lat: float, lon: float, end: tuple[float, float]) -> bool:
    from routes.geodesy import distance_km

    if abs(lat - end[0]) > 1.0:  # a degree of latitude is 111 km: most rows fail here without a geodesic
        return False
    return distance_km(lat, lon, end[0], end[1]) <= MATCH_KM


def matches(a: tuple[float, float], b: tuple[float, float], via: str | None,
            avoided: Iterable[str] = ()) -> list[PublishedRoute]:
    """The rows between points ``a`` and ``b`` (either direction).

    ``via`` is the passage a claim names (only its rows count); None when it names none, and then every row
    whose passage is not avoided counts (``routes.modes.sea`` keeps those its modelled route sails).
    """
    out = []
    skip = set(avoided)
    for r in table():
        (p, q) = r.ends
        if not ((_near(*a, p) and _near(*b, q)) or (_near(*a, q) and _near(*b, p))):
            continue
        if (via is not None and r.via != via) or (via is None and r.via in skip):
            continue
        out.append(r)
    return out


TABLE_PASSAGE = {"south_africa": "cape", "chili": "cape_horn"}  # searoute's passage names, as the table writes them


def for_pair(a: tuple[float, float], b: tuple[float, float], via: str | None, avoided: Iterable[str],
             sailed: set[str]) -> list[PublishedRoute]:
    """The rows that stand for a voyage between two candidate points, shortest first.

    With no passage named, a row by a passage counts only when the modelled route sails it too (``sailed``): a
    voyage "from Vladivostok to Saint Petersburg" is the Suez route searoute finds, not the Northern Sea Route.
    """
    rows = [r for r in matches(a, b, via, avoided) if via is not None or not r.via or r.via in sailed]
    return sorted(rows, key=lambda r: (r.km_low, r.km_high, r.origin))


def span_km(lo: float, hi: float) -> str:
    """ "260 km" or "14,280-15,372 km"."""
    return f"{lo:,.0f} km" if round(lo) == round(hi) else f"{lo:,.0f}-{hi:,.0f} km"
