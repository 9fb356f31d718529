"""De facto bands: how far a place may lie from the territory a partly occupied country still holds.

Natural Earth draws Ukraine's internationally recognised (de jure) border. Reporters who write "600 km from the
Ukrainian border" often measure to Ukrainian-held territory instead, and no line of control is bundled. The table
``data/areas/occupied.csv`` lists, per country, the first-level regions that are wholly occupied (F) and those
that are partly occupied (P), with a source and the date the status refers to. The held territory H then lies
between two sets of whole regions, C - (F + P) <= H <= C - F, so for a place outside H

    low = distance to C - F   <=   distance to H   <=   high = distance to C - (F + P)

(0 for a place inside the set); ``high`` is also capped by the distance to any place the country has held
throughout (``data/areas/held.csv``: Kharkiv, Kramatorsk), since such a place lies in H. ``low``/``high`` are
the de facto band. A figure measured to either line, the de
jure border or the line of control at any date when the occupation lay within F + P, lies in
[min(de jure, low), max(de jure, high)]; :func:`apply` uses that hull, which does not depend on whether a region
listed as full still has a held village, nor on the article's date (see README, "Areas and reach").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from routes.areadata import NE_RESOLUTION_KM, Area, country_regions
from routes.contract import CONSISTENT, INCONSISTENT, UNVERIFIABLE
from routes.nearest import nearest

if TYPE_CHECKING:
    from routes.claims import Claim
    from routes.contract import Verdict

OCCUPIED_FILE = "areas/occupied.csv"
HELD_FILE = "areas/held.csv"  # places the country has held throughout (a tighter far end: d(x, H) <= d(x, place))
FLAG = "de_facto_line_needed"
NEXT_STEP = ("measure to a line you trust: export the front line or the held-territory polygon (DeepState, ISW) "
             "as GeoJSON and pass it with --area front.geojson")
RELATIONS = ("border", "area", "nearest")  # "inside" and "behind the front line" keep their own rules


@dataclass(frozen=True)
class Occupation:
    """One country's occupied regions as the table lists them."""

    country: str
    full: tuple[str, ...]  # ISO 3166-2 codes of wholly occupied regions
    partial: tuple[str, ...]  # ... and of partly occupied ones
    names: dict[str, str]
    as_of: str  # the latest date a row's status refers to
    sources: tuple[str, ...]
    held: tuple[tuple[str, float, float], ...] = ()  # (name, lat, lon) of places held throughout


@dataclass(frozen=True)
class Band:
    """The de facto band of one place to one country: distances (km) to C - F and to C - (F + P)."""

    occupation: Occupation
    de_jure_km: float
    low_km: float
    high_km: float
    low_point: tuple[float, float]
    high_point: tuple[float, float]

    @property
    def plausible_km(self) -> tuple[float, float]:
        """Every distance a figure measured to the de jure border or to held territory can take."""
        return min(self.de_jure_km, self.low_km), max(self.de_jure_km, self.high_km)

    def to_json(self) -> dict[str, Any]:
        """The ``de_facto`` object of the verify ``area`` JSON."""
        o = self.occupation
        return {"band_km": [round(self.low_km, 1), round(self.high_km, 1)],
                "plausible_km": [round(x, 1) for x in self.plausible_km],
                "low_point": {"lat": round(self.low_point[0], 5) + 0.0, "lon": round(self.low_point[1], 5) + 0.0},
                "high_point": {"lat": round(self.high_point[0], 5) + 0.0, "lon": round(self.high_point[1], 5) + 0.0},
                "fully_occupied": list(o.full), "partly_occupied": list(o.partial), "as_of": o.as_of,
                "sources": list(o.sources), "table": f"data/{OCCUPIED_FILE}",
                "held_places": [h[0] for h in o.held],
                "rule": ("low: to the country without its wholly occupied regions; high: without its wholly and "
                         "partly occupied regions (Natural Earth admin-1), or to a place held throughout if nearer; "
                         "held territory lies between")}


@cache
def occupations() -> dict[str, Occupation]:
    """Every country of ``data/areas/occupied.csv``, keyed by ISO2."""
    from routes.datafiles import read_table

    rows: dict[str, list[dict[str, str]]] = {}
    for r in read_table(OCCUPIED_FILE):
        rows.setdefault(r["country"].upper(), []).append(r)
    held: dict[str, list[dict[str, str]]] = {}
    for r in read_table(HELD_FILE):
        held.setdefault(r["country"].upper(), []).append(r)
    out = {}
    for iso2, rs in rows.items():
        hs = held.get(iso2, [])
        sources = [s.strip() for r in [*rs, *hs] for s in r["source"].split(" ; ")]
        out[iso2] = Occupation(iso2, tuple(r["iso_3166_2"] for r in rs if r["status"] == "full"),
                               tuple(r["iso_3166_2"] for r in rs if r["status"] == "partial"),
                               {r["iso_3166_2"]: r["region"] for r in rs}, max(r["as_of"] for r in rs),
                               tuple(dict.fromkeys(sources)),
                               tuple((h["place"], float(h["lat"]), float(h["lon"])) for h in hs))
    return out


@cache
def _held(iso2: str, without: frozenset[str]) -> Area:
    """The country as the union of its admin-1 regions, less ``without``."""
    import shapely

    from routes.areadata import ADMIN1_SOURCE

    geoms = [g for code, g in country_regions(iso2) if code not in without]
    return Area(f"{iso2} without {', '.join(sorted(without))}", "region", iso2, shapely.union_all(geoms),
                ADMIN1_SOURCE, resolution_km=NE_RESOLUTION_KM)


def band(lat: float, lon: float, area: Area, de_jure_km: float) -> Band | None:
    """The de facto band of a place to a country with occupied regions, or None.

    None when the area is no country of the table, or when the place lies in territory the country certainly
    holds (inside C - (F + P)): then only the de jure reading (or a user's front line) applies.
    """
    o = occupations().get(area.code) if area.kind == "country" else None
    if o is None:
        return None
    hi = nearest(lat, lon, _held(o.country, frozenset(o.full + o.partial)))
    if hi.inside:
        return None
    lo = nearest(lat, lon, _held(o.country, frozenset(o.full)))
    low_km = 0.0 if lo.inside else lo.distance_km
    high_km, high_point = hi.distance_km, (hi.lat, hi.lon)
    if o.held:
        from routes.geodesy import distances_km

        d = distances_km([lat] * len(o.held), [lon] * len(o.held), [h[1] for h in o.held], [h[2] for h in o.held])
        i = int(d.argmin())
        if float(d[i]) < high_km:
            high_km, high_point = float(d[i]), (o.held[i][1], o.held[i][2])
    return Band(o, de_jure_km, low_km, max(high_km, low_km), (lo.lat, lo.lon), high_point)


def _regions(o: Occupation, codes: tuple[str, ...]) -> str:
    return ", ".join(o.names[c] for c in codes)


def apply(verdict: Verdict, claim: Claim | None, b: Band, name: str, slack_km: float) -> None:
    """The de facto rule on a verify verdict measured to the de jure border (the verdict is changed in place).

    * fits the de jure distance: stays consistent (a reason gives the de facto band);
    * fits only [min(de jure, low), max(de jure, high)], widened by the same tolerance: ``unverifiable``, flag
      ``de_facto_line_needed``, with the band and the next step (``--area front.geojson``);
    * outside that range: stays inconsistent, whichever line the reporter measured to.

    The band never confirms a figure: its regions are whole oblasts and its date is not the article's.
    """
    from routes.tolerance import widen
    from routes.verdict import overlaps

    o = b.occupation
    held = (f"territory {name} holds (as of {o.as_of}: {_regions(o, o.full)} wholly occupied; "
            f"{_regions(o, o.partial)} partly)")
    band_text = f"{b.low_km:,.0f} and {b.high_km:,.0f} km"
    if claim is None or claim.kind != "distance" or verdict.verdict == UNVERIFIABLE:
        verdict.reasons.append(f"to the {held} the distance lies between {band_text}")
        return
    if verdict.verdict == CONSISTENT:
        verdict.reasons.append(f"the figure fits the internationally recognised border ({b.de_jure_km:,.0f} km); "
                               f"to the {held} it would lie between {band_text}")
        return
    lo, hi = widen("geodesic", *b.plausible_km, slack_km)
    if verdict.verdict == INCONSISTENT and overlaps(claim.low, claim.high, lo, hi):
        verdict.verdict = UNVERIFIABLE
        verdict.flags = [f for f in verdict.flags if f != "below_geodesic_minimum"]
        verdict.add_flag(FLAG)
        p_lo, p_hi = b.plausible_km
        verdict.reasons.insert(0, (
            f"'{claim.text.strip()}' ({claim.describe()}) does not fit the distance to {name}'s internationally "
            f"recognised border ({b.de_jure_km:,.0f} km) but lies within {p_lo:,.0f}-{p_hi:,.0f} km, where a "
            f"figure measured to the {held} may fall ({b.low_km:,.0f}-{b.high_km:,.0f} km at that date; less where a "
            f"region listed as wholly occupied keeps held ground); the bundled data draws no line of "
            f"control, so the figure cannot be checked: {NEXT_STEP}"))
        verdict.summary = f"Unverifiable: {verdict.reasons[0]}."
    elif verdict.verdict == INCONSISTENT:
        verdict.reasons.append(f"nor does it fit the distance to the {held}: {band_text}")
