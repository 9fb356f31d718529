"""Sea: port-to-port distance on the searoute maritime network (Eurostat MARNET), with ship speeds.

searoute snaps each endpoint to its coarse network; the straight connecting legs from the endpoints to
the network are added and checked against Natural Earth land polygons. Passages (Suez, Panama, ...)
can be allowed or avoided. An inland endpoint yields ``no_network_coverage`` unless ``nearest_port``.
"""

from __future__ import annotations

import itertools
import json
import warnings
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from routes.datafiles import read_table
from routes.errors import RouteCheckError, UnreachableError
from routes.modes.base import (
    Leg,
    ModeEstimate,
    ModeOptions,
    ModeSpec,
    Option,
    SpeedClass,
    geodesic_range,
    param_range,
    speed_envelope,
)
from routes.modes.seatable import TABLE_PASSAGE, for_pair, span_km
from routes.places import Place
from routes.units import KM_PER_NMI

COAST_KM = 20.0  # a place with open water within this distance counts as coastal
PORT_KM = 25.0  # ... and so does one this close to a port of searoute's list
SUSPECT_RATIO = 3.0  # a modelled voyage this many times the geodesic suggests a gap in the network
LAND_TOLERANCE_KM = 10.0  # connecting legs may clip this much land (spits, harbour approaches) unflagged
HARBOUR_KM = 5.0  # land within this distance of either end (quays, harbour approaches) is not counted
SAMPLE_KM = 5.0
SHIPS = "vehicles/ships.csv"
OUTER_NOTE = ("searoute's coarse network can run far longer than a real coastal voyage (Sochi-Sukhumi: 318 km "
              "modelled, 146 km published), so a figure between the geodesic and the model cannot be ruled out; "
              "next step: compare with a published port-distance table")
PASSAGES = ("babalmandab", "bosporus", "gibraltar", "suez", "panama", "ormuz", "northwest", "malacca", "sunda",
            "chili", "south_africa", "bering")
DEFAULT_AVOID = ("northwest",)  # searoute's own default: the Northwest Passage is closed unless allowed
SOURCE = ("searoute maritime network (Eurostat SeaRoute / ORNL MARNET, via the searoute package, "
          "Apache-2.0)")


def ships() -> dict[str, SpeedClass]:
    """Ship classes with a speed range in knots (rows with only one bound use it for both)."""
    out = {}
    for row in read_table(SHIPS):
        lo, hi = row.get("speed_kn_low"), row.get("speed_kn_high")
        if lo or hi:
            out[row["id"]] = SpeedClass(row["id"], row["name"], float(lo or hi or 0), float(hi or lo or 0),
                                        row["source"], float(row["max_route_km"]) if row.get("max_route_km") else None)
    return out


def _write_json(path: Path, value: Any) -> None:
    path.write_text(json.dumps(value), encoding="utf-8")


@cache
def _ports() -> tuple[list[dict[str, Any]], Any, Any]:
    import importlib.util

    import numpy as np

    spec = importlib.util.find_spec("searoute")  # locate the data without importing searoute (slow)
    if spec is None or not spec.submodule_search_locations:
        raise RouteCheckError("the searoute package is not installed")
    from routes.datafiles import cache_dir, cached

    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "ports.geojson"

    def build() -> list[list[Any]]:  # the few fields used, as compact rows (the GeoJSON takes 16 ms to parse)
        feats = json.loads(path.read_text(encoding="utf-8"))["features"]
        return [[f["properties"].get("name", ""), f["properties"].get("port", ""), f["geometry"]["coordinates"][1],
                 f["geometry"]["coordinates"][0]] for f in feats]

    rows = cached(cache_dir() / f"ports-{path.stat().st_size}.json",
                  lambda p: json.loads(p.read_text(encoding="utf-8")), build,
                  _write_json)
    lat = np.array([float(r[2]) for r in rows])
    lon = np.array([float(r[3]) for r in rows])
    return [{"name": r[0], "port": r[1]} for r in rows], lat, lon


@cache
def nearest_port(lat: float, lon: float) -> tuple[str, float, float, float]:
    """(name, lat, lon, km) of the nearest port in searoute's port list."""
    from routes.geodesy import nearest_km

    props, plat, plon = _ports()
    i, km = nearest_km(lat, lon, plat, plon)
    return f"{props[i]['name']} ({props[i]['port']})", float(plat[i]), float(plon[i]), km


@cache
def is_coastal(lat: float, lon: float) -> bool:
    """True when open water lies within ``COAST_KM`` (rings of points tested against land polygons)."""
    import numpy as np

    from routes.geodata import INLAND_KM, deep_inland, on_land
    from routes.geodesy import ring

    if COAST_KM < INLAND_KM and deep_inland(lat, lon):  # a grid lookup: no polygons to load for Kursk or Omsk
        return False
    bearings = np.arange(0.0, 360.0, 15.0)
    lats, lons = [lat], [lon]
    for r in (2.0, 5.0, 10.0, COAST_KM):
        la2, lo2 = ring(lat, lon, bearings.tolist(), r)
        lats.extend(la2)
        lons.extend(lo2)
    return not bool(on_land(lats, lons).all())


def _endpoint(p: Place, nearest: bool) -> tuple[Place, str | None, dict[str, Any]]:
    """The place to sail from (itself, or its nearest port when asked), or a reason it cannot be.

    A place is a sea endpoint when a listed port lies within ``PORT_KM`` (river and estuary ports such
    as Rotterdam) or open water within ``COAST_KM``.
    """
    if nearest_port(p.lat, p.lon)[3] <= PORT_KM or is_coastal(p.lat, p.lon):
        return p, None, {}
    if not nearest:
        name, _, _, km = nearest_port(p.lat, p.lon)
        return p, (f"{p.label()} is inland (no port within {PORT_KM:.0f} km, no open water within "
                   f"{COAST_KM:.0f} km); the nearest port is {name}, "
                   f"{km:,.0f} km away: use --nearest-port to sail from there"), {}
    name, la, lo, km = nearest_port(p.lat, p.lon)
    port = Place(query=name, name=name, country=p.country, lat=la, lon=lo, kind="port",
                 source="searoute port list (UN/LOCODE-based, searoute package)")
    return port, None, {"place": p.label(), "port": name, "port_km": round(km, 1)}


def _passages(options: ModeOptions) -> list[str]:
    allow = {str(x).lower() for x in options.get("allow_passage") or ()}
    avoid = {str(x).lower() for x in options.get("avoid_passage") or ()}
    bad = sorted((allow | avoid) - set(PASSAGES))
    if bad:
        raise RouteCheckError(f"unknown passage {', '.join(bad)}; known: {', '.join(PASSAGES)}")
    return sorted((set(DEFAULT_AVOID) - allow) | avoid)


def land_along_km(path: list[tuple[float, float]], skip_km: float = HARBOUR_KM) -> float:
    """Approximate km of a (lat, lon) polyline that runs over land, ignoring ``skip_km`` at each end."""
    import numpy as np

    from routes.geodata import on_land
    from routes.geodesy import distance_km
    from routes.geodesy import path as densify

    pts: list[tuple[float, float, float]] = []  # lat, lon, km from start
    run = 0.0
    for (la1, lo1), (la2, lo2) in itertools.pairwise(path):
        seg = densify(la1, lo1, la2, lo2, spacing_km=SAMPLE_KM)
        seg_km = distance_km(la1, lo1, la2, lo2)
        step = seg_km / max(len(seg) - 1, 1)
        pts.extend((la, lo, run + i * step) for i, (la, lo) in enumerate(seg[:-1]))
        run += seg_km
    if not pts:
        return 0.0
    arr = np.array(pts)
    inner = (arr[:, 2] > skip_km) & (arr[:, 2] < run - skip_km)
    if not inner.any():
        return 0.0
    land = on_land(arr[inner, 0], arr[inner, 1])
    return float(land.sum()) * SAMPLE_KM


def sail(o: Place, d: Place, restrictions: list[str]) -> dict[str, Any]:
    """Sea route between two coastal points (cached: the same pair is often asked for again)."""
    return dict(_sail(o.lat, o.lon, d.lat, d.lon, tuple(restrictions)))


@cache
def _graphs() -> tuple[Any, Any]:
    """searoute's maritime and port graphs, built once (searoute rebuilds them on every call otherwise)."""
    from searoute.searoute import setup_M, setup_P

    return setup_M(), setup_P()


@cache
def _sail(olat: float, olon: float, dlat: float, dlon: float, restrictions: tuple[str, ...]) -> dict[str, Any]:
    """Sea route between two coastal points via their nearest ports on the searoute network.

    Returns km (place -> port -> ... -> port -> place), the network km, the snap (place-to-port)
    distances, km over land along the whole track, the passages used and the geometry.
    """
    import searoute

    from routes.geodesy import distance_km

    marnet, ports = _graphs()
    with warnings.catch_warnings(record=True) as caught:  # searoute warns (and returns nonsense) when it finds no path
        warnings.simplefilter("always")
        try:
            r = searoute.searoute([olon, olat], [dlon, dlat], units="km", restrictions=list(restrictions),
                                  include_ports=True, M=marnet, P=ports)
            # searoute 1.6 fails when include_ports and return_passages are combined: ask for passages separately
            passages = searoute.searoute([olon, olat], [dlon, dlat], units="km", restrictions=list(restrictions),
                                         return_passages=True, M=marnet,
                                         P=ports)["properties"].get("traversed_passages") or []
        except (IndexError, KeyError, ValueError, TypeError, ZeroDivisionError) as exc:
            raise UnreachableError(f"no sea route found on searoute's network ({type(exc).__name__})") from None
    if any("No path" in str(w.message) for w in caught) or len(r["geometry"]["coordinates"]) < 2:
        raise UnreachableError("no sea route found on searoute's network (the Arctic passages are closed in it)")
    coords = r["geometry"]["coordinates"]
    first, last = coords[0], coords[-1]
    snap_o = distance_km(olat, olon, first[1], first[0])
    snap_d = distance_km(dlat, dlon, last[1], last[0])
    path = [(olat, olon), *[(c[1], c[0]) for c in coords], (dlat, dlon)]
    props = r["properties"]
    # the connecting legs: from each port out to the first node of the network (straight lines in searoute)
    land = 0.0
    if len(coords) >= 2:
        land += land_along_km([(coords[0][1], coords[0][0]), (coords[1][1], coords[1][0])])
        land += land_along_km([(coords[-2][1], coords[-2][0]), (coords[-1][1], coords[-1][0])])
    return {"km": float(props["length"]) + snap_o + snap_d, "network_km": float(props["length"]),
            "snap_origin_km": snap_o, "snap_destination_km": snap_d, "land_km": land,
            "ports": [str(props.get(k, {}).get("name", "")) for k in ("port_origin", "port_dest")],
            "passages": sorted(passages), "path": path}


def estimate(legs: Sequence[Leg], options: ModeOptions) -> ModeEstimate:
    """Sea distance (km and nmi) and sailing-time ranges over the legs."""

    restrictions = _passages(options)
    if options.vehicle:
        speed_envelope(ships(), options.vehicle, "ship class", SHIPS)  # an unknown class is bad input, say so first
    nearest = bool(options.get("nearest_port"))
    lo_total = hi_total = mid_total = 0.0
    details: dict[str, Any] = {"avoided_passages": restrictions, "vehicle": "", "legs": []}
    paths = []
    flags: list[str] = []
    via = options.get("via_passage")
    modelled_only = True  # no leg has a published distance: the geodesic stays the outer low
    table_rows: list[dict[str, Any]] = []
    table_sources: list[str] = []
    for leg in legs:
        results: list[dict[str, Any] | str] = []
        spans: list[tuple[float, float]] = []  # per candidate pair: its published range, else its modelled km
        published: list[Any] = []
        for o in leg.origin.points():
            for d in leg.destination.points():
                s = _sail_pair(o, d, nearest, restrictions, results)
                sailed = {TABLE_PASSAGE.get(x, x) for x in (s["passages"] if s else [])}  # searoute names
                pub = for_pair((o.lat, o.lon), (d.lat, d.lon), via, restrictions, sailed)
                if pub:  # a published distance beats the coarse network (kept for the drawn path only)
                    spans.append((min(p.km_low for p in pub), max(p.km_high for p in pub)))
                    published.extend(p for p in pub if p not in published)
                if s is not None and not (pub and via in UNMODELLED_VIA):  # searoute cannot sail that passage
                    results.append(s)
                    if not pub:
                        spans.append((s["km"], s["km"]))
        ok = [r for r in results if isinstance(r, dict)]
        if not spans:
            return ModeEstimate("sea", None, None, None, note=str(results[0]), flags=["no_network_coverage"],
                                available=False, sources=[SOURCE])
        kms = sorted(x for span in spans for x in span)
        modelled_only = modelled_only and not published
        lo_total += kms[0]
        hi_total += kms[-1]
        mid_total += kms[len(kms) // 2]
        if published:
            flags.extend(f for f in ("published_route",) if f not in flags)
            table_rows.extend(p.to_json() for p in published)
            table_sources.extend(p.source for p in published if p.source not in table_sources)
        if not ok:
            details["legs"].append({"from": leg.origin.label(), "to": leg.destination.label(), "km": kms[0],
                                    "nmi": round(kms[0] / KM_PER_NMI, 1), "published": True})
            continue
        best = min(ok, key=lambda r: r["km"])
        if any(r["land_km"] > LAND_TOLERANCE_KM for r in ok) and "land_crossing" not in flags:
            flags.append("land_crossing")
        if (not published and any(r["km"] > SUSPECT_RATIO * max(r["geodesic_km"], 1.0) for r in ok)
                and "sea_route_suspect" not in flags):
            flags.append("sea_route_suspect")
        details["legs"].append({
            "from": leg.origin.label(), "to": leg.destination.label(), "km": round(best["km"], 1),
            "nmi": round(best["km"] / KM_PER_NMI, 1), "network_km": round(best["network_km"], 1),
            "snap_origin_km": round(best["snap_origin_km"], 1),
            "snap_destination_km": round(best["snap_destination_km"], 1),
            "land_km": round(best["land_km"], 1), "ports": best["ports"], "passages": best["passages"],
            "port_access": best["port_access"],
            "uncovered_candidates": [r for r in results if isinstance(r, str)],
            **({"published_km": [round(kms[0], 1), round(kms[-1], 1)]} if published else {}),
        })
        paths.append(best["path"])
    if table_rows:
        details["published_routes"] = table_rows
    kn_lo, kn_hi, sname, ssrc = speed_envelope(ships(), options.vehicle, "ship class", SHIPS, lo_total)
    details["vehicle"] = sname
    v_lo, v_hi = kn_lo * KM_PER_NMI, kn_hi * KM_PER_NMI
    what = "modelled sea route" if modelled_only else "sea route (published distances where the table has them)"
    note = (f"{what} {lo_total:,.0f}-{hi_total:,.0f} km ({lo_total / KM_PER_NMI:,.0f}-"
            f"{hi_total / KM_PER_NMI:,.0f} nmi) port to port, plus the legs from each place to its port; at "
            f"{kn_lo:g}-{kn_hi:g} kn ({sname}); port time not included")
    if "sea_route_suspect" in flags:
        note += (f"; WARNING: the modelled route is over {SUSPECT_RATIO:g} times the geodesic: searoute's network may "
                 "lack a passage here (near the antimeridian, say)")
    if table_rows:
        note += ("; the range is the published distance"
                 f"{'s' if len(table_rows) > 1 else ''} of data/modes/sea_routes.csv ("
                 + "; ".join(f"{r['from']}-{r['to']}{' via ' + r['via'] if r['via'] else ''} "
                             f"{span_km(r['km_low'], r['km_high'])}" for r in table_rows) + ")")
    if "land_crossing" in flags:
        note += (f"; WARNING: a connecting leg between a port and the network crosses over {LAND_TOLERANCE_KM:g} km "
                 "of land, so the figure is uncertain")
    return ModeEstimate(
        mode="sea", distance_km=mid_total, low_km=lo_total, high_km=hi_total,
        duration_h_low=lo_total / v_hi, duration_h_high=hi_total / v_lo, note=note, details=details,
        paths=paths, flags=flags,
        sources=[*table_sources, SOURCE, "Natural Earth 1:10m countries (land test)", *ssrc] if table_sources
        else [SOURCE, "Natural Earth 1:10m countries (land test)", *ssrc],
        outer_low_km=geodesic_range(list(legs))[0] if modelled_only else lo_total, outer_high_km=hi_total,
        outer_note=OUTER_NOTE if modelled_only else "",
    )


UNMODELLED_VIA = frozenset({"northern_sea_route"})  # passages searoute's network closes: only the table has them


def _sail_pair(o: Place, d: Place, nearest: bool, restrictions: list[str],
               problems: list[dict[str, Any] | str]) -> dict[str, Any] | None:
    """The modelled voyage between two candidate points, or None (the reason appended to ``problems``)."""
    from routes.geodesy import distance_km

    po, why_o, info_o = _endpoint(o, nearest)
    pd, why_d, info_d = _endpoint(d, nearest)
    if why_o or why_d:
        problems.append(why_o or why_d or "")
        return None
    try:
        s = sail(po, pd, restrictions)
    except UnreachableError as exc:  # this pair has no modelled route: the others still count
        problems.append(f"{o.label()} to {d.label()}: {exc.message}")
        return None
    # from the place to its port and back out is part of the journey, by land: keep it visible
    s["port_access"] = [i for i in (info_o, info_d) if i]
    s["geodesic_km"] = distance_km(o.lat, o.lon, d.lat, d.lon)
    return s


def report_lines(m: dict[str, Any]) -> list[str]:
    """Ports, snap distances, nautical miles and passages of a sea estimate (text report)."""
    det = m.get("details") or {}
    out = []
    for leg in det.get("legs", []):
        ports = " -> ".join(p for p in leg.get("ports", []) if p)
        out.append(f"    {leg['from']} -> {leg['to']}: {leg['km']:,.0f} km = {leg['nmi']:,.0f} nmi"
                   + (f" (ports {ports})" if ports else ""))
        out.append(f"    snap to ports: {leg['snap_origin_km']:,.1f} km and {leg['snap_destination_km']:,.1f} km; "
                   f"land on connecting legs: {leg['land_km']:,.0f} km")
        used = ", ".join(leg["passages"]) or "none"
        out.append(f"    passages used: {used}; avoided: {', '.join(det.get('avoided_passages', [])) or 'none'}")
        for acc in leg.get("port_access", []):
            out.append(f"    {acc['place']} is inland: sailing from {acc['port']}, {acc['port_km']:,.0f} km away")
    return out


def _port_time() -> tuple[float, float, str]:
    lo, hi, src = param_range("modes/sea.csv", "port_time_h")
    return lo, hi, f"data/modes/sea.csv port_time_h: {src}"


MODE = ModeSpec(
    name="sea", estimate=estimate, phrase="by sea", bulk=False, endpoint_kinds=("port", "naval_base"),
    style={"color": "#0e8a8a", "ls": "-", "lw": 2.2, "label": "sea"},
    options=(
        Option("--nearest-port", "nearest_port", "sea: sail from the nearest port when a place is inland",
               action="store_true"),
        Option("--allow-passage", "allow_passage", "sea: allow a passage closed by default (northwest)",
               action="append", metavar="NAME"),
        Option("--avoid-passage", "avoid_passage",
               "sea: avoid a passage (suez, panama, malacca, gibraltar, bosporus, ...)", action="append",
               metavar="NAME"),
    ),
    report_lines=report_lines, turnaround=_port_time,
)
