"""The area commands behind the CLI: ``verify --nearest`` / ``--area FILE`` and ``routecheck reach``.

``routes.cli`` adds these options and dispatches here; errors are RouteCheckError subclasses (exit 2 there).
"""

from __future__ import annotations

import argparse
from typing import Any

from routes.contract import dumps


def add_verify_options(v: argparse.ArgumentParser) -> None:
    """The area options of ``verify``."""
    v.add_argument("--nearest", action="store_true",
                   help="measure to the nearest point of an area's boundary (a country, region or GeoJSON)")
    v.add_argument("--area", metavar="FILE", help="the area to measure to: a GeoJSON line or polygon (a front line)")
    v.add_argument("--map", metavar="FILE", help="with an area: draw it and the nearest-point segment (.png/.svg)")


def add_reach(sub: Any) -> None:
    """The ``reach`` subcommand."""
    r = sub.add_parser("reach", help="can a missile, drone or aircraft class cover the distance (from an area)?")
    r.add_argument("--from", dest="origin", required=True, help="a place, or an area (country, region, GeoJSON)")
    r.add_argument("--to", dest="destination", required=True, help="the target place")
    r.add_argument("--vehicle", help="class id or name from data/vehicles/weapons.csv (e.g. shahed_136)")
    r.add_argument("--list", action="store_true", help="answer for every class; 'reaching' lists those that can")
    r.add_argument("--map", metavar="FILE", help="draw the range bands from the area's boundary (.png/.svg)")
    r.add_argument("--json", action="store_true", help="print JSON instead of text")
    r.set_defaults(func=reach_command)


def verify_area(args: argparse.Namespace) -> int | None:
    """Run ``verify`` against an area when asked (``--nearest``, ``--area``) or when the claim measures to one
    ("from the Ukrainian border", "inside the Kursk region", "behind the front line"); None for an ordinary
    check between two places."""
    from routes.areadata import resolve_area
    from routes.areas import area_phrase, check

    nearest_flag, area_file = getattr(args, "nearest", False), getattr(args, "area", None)
    phrase = area_phrase(args.claim) if args.claim else None
    if not (nearest_flag or area_file or phrase or _area_not_place(args.destination)):
        return None
    place, area = args.origin, area_file
    for loose in sorted({False, nearest_flag}):  # a name that is plainly an area first ("Ukraine", not "Kursk")
        if area is None and resolve_area(args.destination, loose=loose) is not None:
            area = args.destination
        elif area is None and resolve_area(args.origin, loose=loose) is not None:
            place, area = args.destination, args.origin
    if area is None and not nearest_flag and phrase is not None and phrase.relation not in ("front", "behind"):
        return None  # "from the border" between two named places: an ordinary check
    report = check(place, area, args.claim)
    if getattr(args, "geojson", None):  # the place, the nearest boundary point and the geodesic between them
        from routes.geojson import verify_geojson, write

        write(args.geojson, verify_geojson(report))
    if getattr(args, "map", None):
        from routes.areamap import area_map

        a, n, o = report.area, report.destination, report.origin
        shape = resolve_area(a["code"], loose=True)
        if shape is not None:
            area_map(shape, [(o.lat, o.lon, o.name)], args.map, f"{o.name} to {a['name']}",
                     report.verdict.summary[:160], segment=(o.lat, o.lon, n.lat, n.lon, a["distance_km"]))
    if args.json:
        print(dumps(report.to_json()))
        return 0
    from routes.areatext import verify_area_text

    print(verify_area_text(report.to_json()))
    return 0


def _area_not_place(text: str) -> bool:
    """True for a country or region that the gazetteer does not know as a place ("Ukraine", "Crimea")."""
    from routes.areadata import resolve_area
    from routes.errors import RouteCheckError, UnknownPlaceError
    from routes.places import resolve

    try:
        resolve(text)
    except UnknownPlaceError:
        return resolve_area(text) is not None
    except RouteCheckError:  # a malformed coordinate: the ordinary check reports it
        return False
    return False


def reach_command(args: argparse.Namespace) -> int:
    """``routecheck reach``: print the answer (text or JSON) and optionally draw the range bands."""
    from routes.areas import reach

    data = reach(args.origin, args.destination, args.vehicle, list_all=args.list)
    if args.map:
        from routes.areadata import resolve_area
        from routes.areamap import area_map
        from routes.errors import RouteCheckError

        area = resolve_area(args.origin, loose=True)
        if area is None:
            raise RouteCheckError("--map draws range bands from an area: give --from a country, region or GeoJSON")
        d = data["destination"]
        bands = [(v["reach_km_low"], v["reach_km_high"], v["name"]) for v in data["vehicles"][:1]]
        area_map(area, [(d["lat"], d["lon"], d["name"])], args.map, f"Reach from {area.name}",
                 data["summary"][:160], bands=bands)
    if args.json:
        print(dumps(data))
        return 0
    from routes.areatext import reach_text

    print(reach_text(data))
    return 0
