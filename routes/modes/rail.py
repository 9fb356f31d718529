"""Rail: shortest paths on a real network (bundled trunk lines or an OSM import), with transit times.

Each place snaps to its nearest station. Beyond ``SNAP_KM`` an access leg by road is added (the
geodesic times the road circuity range of ``data/modes/road.csv``); beyond ``MAX_SNAP_KM``, or in a
country the network does not cover, the mode reports ``no_network_coverage``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from routes.datafiles import read_table
from routes.errors import UnreachableError
from routes.modes import railbundle, railcorridors
from routes.modes.base import Leg, ModeEstimate, ModeOptions, ModeSpec, Option, SpeedClass, param_range, speed_envelope
from routes.network import Network, Route
from routes.places import Place

# Corridors up to 12 % longer than the shortest count towards the range: timetabled trains use them (Moscow-
# Yekaterinburg via Yaroslavl and Perm is 10 % longer than via Kazan; README, "Tolerances", measured on the corpus)
CORRIDOR_SLACK = 1.12
CORRIDOR_SEARCH = 8  # alternative corridors examined for the range
# Relative uncertainty of a segment's km by how it was obtained (README, "Tolerances"): a km-post difference is
# good to the post spacing and station position, a published station distance to its rounding and terminal
BASIS_BAND = {"official_km_post": 0.005, "published_distance": 0.01, "measured": 0.03}
SNAP_KM = 50.0  # closer than this, a place is "at" its station
MAX_SNAP_KM = 300.0  # farther than this, the network does not serve the place
VEHICLES = "vehicles/rail.csv"
TABLE = "modes/rail.csv"
ROAD = "modes/road.csv"


def vehicles() -> dict[str, SpeedClass]:
    """Train classes with a published or derived km/day range."""
    return {row["id"]: SpeedClass(row["id"], row["name"], float(row["km_per_day_low"]),
                                  float(row["km_per_day_high"]), row["source"],
                                  float(row["max_route_km"]) if row.get("max_route_km") else None)
            for row in read_table(VEHICLES) if row.get("km_per_day_low") and row.get("km_per_day_high")}


def _road_access() -> tuple[float, float, float, float, list[str]]:
    """(circuity low, high, speed low, high km/h, sources) for access legs by road."""
    circ = spd = None
    for row in read_table(ROAD):
        if row["parameter"] == "circuity_factor" and row["region"] == "access_leg":
            circ = row
        if row["parameter"] == "truck_convoy_kmh" and row["region"] == "global":
            spd = row
    if circ is None or spd is None:
        raise KeyError("data/modes/road.csv lacks the access_leg circuity or truck_convoy_kmh rows")
    return (float(circ["low"]), float(circ["high"]), float(spd["low"]), float(spd["high"]),
            [f"data/{ROAD} access_leg circuity: {circ['source']}", f"data/{ROAD} truck_convoy_kmh: {spd['source']}"])


@dataclass
class _PairResult:
    km: float
    km_high: float
    floor: float  # the geodesic between the two places: no rail journey is shorter
    access_lo: float
    access_hi: float
    breaks: list[dict[str, Any]]
    route: Route
    snaps: list[dict[str, Any]]
    gap: dict[str, Any] | None = None  # a shorter route through known gaps of the bundled network, if any
    band: float = 0.0  # relative uncertainty of the segments' km (BASIS_BAND), for the tolerance model
    spread: tuple[float, float] = (0.0, 0.0)  # km below the shortest and above the longest route that the
    # segments' published km ranges (km_low, km_high) allow
    timetable: tuple[dict[str, Any], ...] = ()  # timetable corridors through both stations (railcorridors)


def _snap(net: Network, p: Place) -> tuple[int, float, str | None]:
    # a place is served by its own country's stations (Pskov by Russia's, not by Tartu across the border)
    node, km = net.nearest(p.lat, p.lon, p.country if net is railbundle.bundled() else "")
    covered = net.countries()
    if p.country and covered and p.country not in covered:
        return node, km, f"{p.label()} is in a country the {net.name} network does not cover ({p.country})"
    if p.country and km > SNAP_KM and net is railbundle.bundled() and railbundle.border_only(p.country):
        return node, km, (f"{p.label()} is {km:,.0f} km from the nearest station ({net.names[node]}); the {net.name} "
                          f"network has only the border lines into {p.country}, so it serves places within "
                          f"{SNAP_KM:.0f} km of those stations only")
    if km > MAX_SNAP_KM:
        return node, km, (f"{p.label()} is {km:,.0f} km from the nearest station ({net.names[node]}), "
                          f"beyond the {MAX_SNAP_KM:.0f} km limit")
    if km > SNAP_KM:
        from routes.geodata import same_landmass

        if not same_landmass(p.lat, p.lon, float(net.lat[node]), float(net.lon[node])):
            return node, km, (f"{p.label()} has no land access to the network: it is on another landmass than "
                              f"the nearest station ({net.names[node]}, {km:,.0f} km away)")
    return node, km, None


def _route_pair(net: Network, o: Place, d: Place, circ: tuple[float, float]) -> _PairResult | str:
    """Route one pair of places (cached: candidate sets and alternatives ask for the same pairs often)."""
    return _route_pair_cached(net, o, d, circ)


@lru_cache(maxsize=65536)
def _route_pair_cached(net: Network, o: Place, d: Place,
                       circ: tuple[float, float]) -> _PairResult | str:
    so, ko, why_o = _snap(net, o)
    sd, kd, why_d = _snap(net, d)
    if why_o or why_d:
        return why_o or why_d or ""
    try:
        route = net.shortest(so, sd)
        rnet, domestic = _home_network(net, o, d, route)
        if domestic:  # trains between two places of one country do not transit another when a domestic line exists
            try:
                found = rnet.shortest(so, sd)
                # the same route in the full network's edge numbering (its gauges, sources and lines)
                route = Route(found.nodes, found.km, tuple(net.edges_along(list(found.nodes))))
            except UnreachableError:
                rnet, domestic = net, False
        alts = ([r for r in rnet.corridors(so, sd, k=CORRIDOR_SEARCH) if r.km <= route.km * CORRIDOR_SLACK]
                if so != sd else [])
    except UnreachableError:
        return (f"no connected line joins {o.label()} and {d.label()} in the {net.name} network (the line between "
                "is among the gaps the README lists)")
    longest = max(alts, key=lambda r: r.km, default=route)
    lo = hi = 0.0
    snaps = []
    for place, node, km in ((o, so, ko), (d, sd, kd)):
        access = km > SNAP_KM
        if access:
            lo += km * circ[0]
            hi += km * circ[1]
        snaps.append({"place": place.label(), "station": net.names[node], "snap_km": round(km, 1),
                      "access_leg": access})
    breaks = [{"station": net.names[n], "from_gauge": "/".join(map(str, sorted(a))),
               "to_gauge": "/".join(map(str, sorted(b)))} for n, a, b in net.gauge_breaks(route)]
    from routes.geodesy import distance_km

    floor = distance_km(o.lat, o.lon, d.lat, d.lon)
    band = max(_band(net, route), _band(net, longest))  # the uncertainty of the segments the range runs over
    gap = _gap_bound(net, so, sd, route, o.country if domestic else "")
    spread = ((railbundle.spread_along(route.nodes)[0], railbundle.spread_along(longest.nodes)[1])
              if net is railbundle.bundled() else (0.0, 0.0))
    timetable = railcorridors.along(so, sd) if net is railbundle.bundled() else []
    km_high = max([longest.km, *(t[2] for t in timetable)])  # a through train's longer route counts too
    return _PairResult(route.km, km_high, floor, lo, hi, breaks, route, snaps, gap, band, spread,
                       tuple({"name": c.name, "km_low": round(a, 1), "km_high": round(b, 1),
                              "source_ids": c.source_ids} for c, a, b in timetable))


def _home_network(net: Network, o: Place, d: Place, route: Route) -> tuple[Network, bool]:
    """(network, True) to route on when both places are in one country and the shortest route leaves it: the
    bundled network without foreign lines (``railbundle.domestic``); else (``net``, False)."""
    if net is not railbundle.bundled() or not o.country or o.country != d.country:
        return net, False
    ok = {o.country, *railbundle.transit_ok(o.country)}
    if all(net.country[i] in ok for i in route.nodes):
        return net, False
    return railbundle.domestic(o.country), True


def _band(net: Network, route: Route) -> float:
    """The km-weighted relative uncertainty of a route's segments (``BASIS_BAND`` by ``km_basis``)."""
    if not route.edges or route.km <= 0:
        return 0.0
    total = sum(float(net.edge_km[e]) * BASIS_BAND.get(net.edge_basis[e], 0.0) for e in route.edges)
    return total / route.km


def _gap_bound(net: Network, a: int, b: int, route: Route, home: str = "") -> dict[str, Any] | None:
    """On the bundled network: how short the route could be through the known gaps (``data/rail/gaps.csv``),
    keeping to ``home``'s domestic lines when the route does."""
    if net is not railbundle.bundled() or not railbundle.known_gaps() or a == b:
        return None
    gnet = railbundle.domestic(home, with_gaps=True) if home else railbundle.bundled_with_gaps()
    try:
        r = gnet.shortest(a, b)
    except UnreachableError:
        return None
    if r.km >= route.km - 0.5:
        return None
    gaps = [gnet.edge_line[e].removeprefix("known gap: ") for e in r.edges
            if gnet.edge_basis[e] == railbundle.GAP_BASIS]
    return {"km": round(r.km, 1), "gaps": gaps, "via": gnet.junctions(r)[1:-1]}


def estimate(legs: Sequence[Leg], options: ModeOptions) -> ModeEstimate:
    """Rail distance and transit-time ranges over the legs (candidate sets give ranges)."""
    net = railbundle.get(options.get("rail_network") or railbundle.BUNDLED)
    _c_lo, c_hi, v_lo, v_hi, road_src = _road_access()
    gb_lo, _, gb_src = param_range(TABLE, "gauge_break_bogie_exchange_h")
    _, gb_hi, gb_src2 = param_range(TABLE, "gauge_break_transshipment_h")
    total_lo = total_hi = total_mid = 0.0
    dur_lo = dur_hi = band = 0.0
    if options.vehicle:
        speed_envelope(vehicles(), options.vehicle, "train class", VEHICLES)  # an unknown class is bad input
    details: dict[str, Any] = {"network": net.name, "vehicle": "", "legs": []}
    paths: list[list[tuple[float, float]]] = []
    marks: list[tuple[float, float, str]] = []
    sources = [net.source]
    for leg in legs:
        results: list[_PairResult] = []
        problems: list[str] = []
        for o in leg.origin.points():
            for d in leg.destination.points():
                # the low end counts an access leg at its geodesic: a rail line the data lacks may run there more
                # directly than a road (Saratov-Rtishchevo, say); the high end uses the road circuity
                r = _route_pair(net, o, d, (1.0, c_hi))
                (problems if isinstance(r, str) else results).append(r)  # type: ignore[arg-type]
        if not results:
            return ModeEstimate("rail", None, None, None, note=problems[0], flags=["no_network_coverage"],
                                available=False, sources=[net.source])
        # two places near one station are not 0 km apart: the geodesic floors every figure
        lows = [max((r.gap["km"] if r.gap else r.km - r.spread[0]) + r.access_lo, r.floor) for r in results]
        band = max(band, *(r.band for r in results))
        highs = [max(r.km_high + r.spread[1] + r.access_hi, r.floor) for r in results]
        total_lo += min(lows)
        total_hi += max(highs)
        # central figure: the middle of each pair's corridor range (the shortest path is rarely the only one used)
        mids = sorted(max((r.km + r.km_high + r.access_lo + r.access_hi) / 2, r.floor) for r in results)
        total_mid += mids[len(mids) // 2]
        n_breaks = [len(r.breaks) for r in results]
        dur_lo += min(n_breaks) * gb_lo + min(r.access_lo for r in results) / v_hi  # plus moving time, below
        dur_hi += max(n_breaks) * gb_hi + max(r.access_hi for r in results) / v_lo
        best = min(results, key=lambda r: r.km)
        leg_info: dict[str, Any] = {
            "from": leg.origin.label(), "to": leg.destination.label(), "km": round(best.km, 1),
            "snap": best.snaps, "path": net.junctions(best.route), "gauge_breaks": best.breaks,
        }
        if best.spread != (0.0, 0.0):  # where sources disagree on a segment's km, the published range
            leg_info["km_low"] = round(best.km - best.spread[0], 1)
            leg_info["km_high"] = round(best.km + railbundle.spread_along(best.route.nodes)[1], 1)
        if best.timetable:
            leg_info["timetable_corridors"] = list(best.timetable)
        if best.gap:
            leg_info["gap_lower_bound"] = best.gap
        if problems:
            leg_info["uncovered_candidates"] = problems
        if len(results) == 1:
            leg_info["corridors"] = _corridors(net, best.route)
        details["legs"].append(leg_info)
        paths.append(net.coords(best.route))
        if net is railbundle.bundled():
            marks.extend(_junction_marks(net, leg_info["path"]))
        for s in net.sources_of(best.route):
            if s not in sources:
                sources.append(s)
    access_used = any(s["access_leg"] for leg in details["legs"] for s in leg["snap"])
    kd_lo, kd_hi, vname, vsrc = speed_envelope(vehicles(), options.vehicle, "train class", VEHICLES, total_lo)
    dur_lo += total_lo / kd_hi * 24
    details["vehicle"] = vname
    dur_hi += total_hi / kd_lo * 24
    note, flags, gap_sources = _note(net, details, (kd_lo, kd_hi, vname), (gb_lo, gb_hi), c_hi)
    sources.extend(gap_sources)
    outer = _outer(net, legs, total_lo, total_hi)
    return ModeEstimate(
        mode="rail", distance_km=total_mid, low_km=total_lo, high_km=total_hi, duration_h_low=dur_lo,
        duration_h_high=dur_hi, note=note, details=details, paths=paths, marks=marks, flags=flags, band=band,
        outer_low_km=outer[0], outer_high_km=outer[1], outer_note=outer[2],
        sources=[*sources, *vsrc, f"data/{TABLE} gauge breaks: {gb_src} ; {gb_src2}",
                 *(road_src if access_used else [])],
    )


INTERNATIONAL_OUTER = 1.5  # international services follow agreed corridors up to this times the shortest path
OUTER_NOTES = {
    "lines_only": "the data has only some lines in this country, so a line it lacks may be shorter",
    "international": ("international trains follow agreed corridors that can be far longer than the shortest path "
                      "(Moscow-Beijing via Manchuria, Moscow-Pyongyang via Khasan); name the route with --via"),
}


def _outer(net: Network, legs: Sequence[Leg], lo: float, hi: float) -> tuple[float | None, float | None, str]:
    """The envelope within which a figure is unverifiable rather than inconsistent: down to the geodesic where a
    lines-only country is involved, up to 1.5 x for international routes (README, "Tolerances")."""
    if net is not railbundle.bundled():
        return None, None, ""
    from routes.modes.base import geodesic_range

    countries = {p.country for leg in legs for p in (*leg.origin.points(), *leg.destination.points())}
    partial = any(railbundle.border_only(c) for c in countries if c)
    international = len(countries - {""}) > 1
    if not (partial or international):
        return None, None, ""
    low = geodesic_range(list(legs))[0] if partial else lo
    high = max(hi, lo * INTERNATIONAL_OUTER) if international else hi
    why = "; ".join(OUTER_NOTES[k] for k, on in (("lines_only", partial), ("international", international)) if on)
    return low, high, why


def _note(net: Network, details: dict[str, Any], speed: tuple[float, float, str], gauge_h: tuple[float, float],
          access_circuity: float) -> tuple[str, list[str], list[str]]:
    """(note, flags, extra sources) of a rail estimate: corridors, speeds, gauge breaks, access legs, gaps."""
    legs = details["legs"]
    access_used = any(s["access_leg"] for leg in legs for s in leg["snap"])
    gap_lines = sorted({g for leg in legs for g in leg.get("gap_lower_bound", {}).get("gaps", [])})
    breaks = sum(len(leg["gauge_breaks"]) for leg in legs)
    note = (f"{net.name} network: shortest path up to corridors within {CORRIDOR_SLACK - 1:.0%} of it; "
            f"{speed[0]:,.0f}-{speed[1]:,.0f} km/day ({speed[2]})")
    if breaks:
        note += f"; {breaks} gauge break(s), {gauge_h[0]:g}-{gauge_h[1]:g} h each"
    if access_used:
        note += (f"; includes access legs to the nearest station, from the geodesic (a line the data lacks may run "
                 f"there) up to a road at geodesic x {access_circuity:g}")
    if not gap_lines:
        return note, [], []
    note += (f"; the low end allows for {', '.join(gap_lines)}, a line without published km in the data, "
             "counted at its geodesic")
    used = [g["source"] for g in railbundle.known_gaps() if g["line"] in gap_lines]
    return note, ["network_gap"], [f"data/rail/gaps.csv: {'; '.join(used)}"]


def _junction_marks(net: Network, names: list[str]) -> list[tuple[float, float, str]]:
    """(lat, lon, name) of the junctions along a path, for map labels."""
    out = []
    for name in names[1:-1]:
        if name in net.names:
            idx = net.names.index(name)
            out.append((float(net.lat[idx]), float(net.lon[idx]), name))
    return out


def _corridors(net: Network, best: Route) -> list[dict[str, Any]]:
    out = [{"km": round(best.km, 1), "via": net.junctions(best)[1:-1], "shortest": True}]
    a, b = best.nodes[0], best.nodes[-1]
    try:
        alts = net.corridors(a, b)
        home = net.country[a] if net.country[a] == net.country[b] else ""
        ok = {home, *railbundle.transit_ok(home)}
        if home and net is railbundle.bundled() and any(net.country[i] not in ok for r in alts for i in r.nodes):
            alts = railbundle.domestic(home).corridors(a, b)  # list the corridors domestic trains can take
    except UnreachableError:
        alts = []
    for r in alts:
        out.append({"km": round(r.km, 1), "via": net.junctions(r)[1:-1], "shortest": False})
    return out


def report_lines(m: dict[str, Any]) -> list[str]:
    """Snap distances, path, corridors and gauge breaks of a rail estimate (text report)."""
    det = m.get("details") or {}
    out = []
    for leg in det.get("legs", []):
        for s in leg["snap"]:
            extra = " (+ road access leg)" if s["access_leg"] else ""
            out.append(f"    {s['place']} -> station {s['station']}, {s['snap_km']:,.1f} km away{extra}")
        out.append(f"    path: {' - '.join(leg['path'])}")
        for c in leg.get("corridors", []):
            tag = "shortest" if c["shortest"] else "alternative"
            via = ", ".join(c["via"]) if c["via"] else "direct"
            out.append(f"    corridor ({tag}): {c['km']:,.0f} km via {via}")
        if gap := leg.get("gap_lower_bound"):
            out.append(f"    lower bound through known gaps ({'; '.join(gap['gaps'])}, at the geodesic): "
                       f"{gap['km']:,.0f} km via {', '.join(gap['via'])}")
        for b in leg.get("gauge_breaks", []):
            out.append(f"    gauge break at {b['station']}: {b['from_gauge']} -> {b['to_gauge']} mm")
        for u in leg.get("uncovered_candidates", []):
            out.append(f"    not covered: {u}")
    return out


def _no_loading_time() -> tuple[float, float, str]:
    return 0.0, 0.0, ""  # no published loading time for a military train: none is assumed (see lift_note)


MODE = ModeSpec(
    name="rail", estimate=estimate, phrase="by rail", overland=2, network_kind="rail",
    style={"color": "#a0301e", "ls": "-", "lw": 2.4, "label": "rail", "follows": "railroads"},
    options=(Option("--rail-network", "rail_network",
                    "rail network saved by 'routecheck rail import' (default: the bundled trunk network)",
                    metavar="NETWORK"),),
    report_lines=report_lines, turnaround=_no_loading_time,
    timeline_vehicles=("military_echelon", "express_passenger"),
    lift_note="train loading and unloading time is not included: no published figure",
)
