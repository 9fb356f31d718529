"""The ``routecheck`` command: exit 0 for a completed check, 2 for bad input, 1 for internal errors."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

from routes import __version__
from routes.contract import dumps

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit code 2."""

    def error(self, message: str) -> Any:  # type: ignore[override]
        sys.stderr.write(f"routecheck: error: {message} (see '{self.prog} --help')\n")
        raise SystemExit(EXIT_INPUT)


def _emit(data: dict[str, Any], as_json: bool, renderer: str) -> int:
    """Print JSON, or the rendering named ``renderer`` in routes.textreport (``*_markdown``: routes.mdreport)."""
    if as_json:
        print(dumps(data))
    else:
        from routes import mdreport, textreport

        module = textreport if hasattr(textreport, renderer) else mdreport
        print(getattr(module, renderer)(data))
    return EXIT_OK


def _cmd_verify(args: argparse.Namespace) -> int:
    from routes import modes
    from routes.areacommand import verify_area
    from routes.verify import verify

    handled = verify_area(args)  # --nearest, --area FILE, or a claim measured to an area
    if handled is not None:
        return handled
    extra: dict[str, Any] = {}
    for key in sorted({o.key for s in modes.specs() for o in s.options}):
        val = getattr(args, key, None)
        if val:
            extra[key] = tuple(val) if isinstance(val, list) else val
    report = verify(args.origin, args.destination, args.claim, mode=args.mode, via=args.via,
                    vehicle=args.vehicle, extra=extra)
    if args.geojson:
        from routes.geojson import verify_geojson, write

        write(args.geojson, verify_geojson(report))
    from routes import textreport

    textreport.FULL_SOURCES = args.sources == "full"
    return _emit(report.to_json(), args.json, "verify_markdown" if args.format == "markdown" else "verify_text")


def _cmd_rail_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from routes.osmimport import import_osm

    net = import_osm(args.file, progress=not args.quiet, kind=args.kind)
    out = Path(args.output)
    if out.suffix != ".npz":
        out = out.with_name(out.name + ".npz")
    net.save(out)
    nodes, edges = net.size
    stations = 0 if net.named is None else len(net.named)
    print(f"saved {out}: {nodes:,} nodes, {edges:,} edges, {stations:,} named stations, "
          f"{float(net.edge_km.sum()):,.1f} km of {'road' if args.kind == 'road' else 'track'}; "
          f"use --{args.kind}-network {out}")
    return EXIT_OK


def _cmd_route(args: argparse.Namespace) -> int:
    from routes import routefile
    from routes.route import evaluate

    spec = routefile.load(args.file)
    report = evaluate(spec)
    if args.geojson:
        from routes.geojson import route_geojson, write

        write(args.geojson, route_geojson(report))
    return _emit(report.to_json(), args.json, "route_markdown" if args.format == "markdown" else "route_text")


def _cmd_lift(args: argparse.Namespace) -> int:
    from routes.claims import parse
    from routes.errors import ClaimParseError
    from routes.lift import lift

    window = parse(args.within)
    if window.kind != "duration":
        raise ClaimParseError(f"--within needs a duration such as '5 days', not {args.within!r}")
    hours = window.central  # "5 days" means five days: the figure itself, not its rounding interval
    data = lift(args.troops, hours, args.origin, args.destination, args.vehicle, within=args.airspace)
    return _emit(data, args.json, "lift_markdown" if args.format == "markdown" else "lift_text")


def _cmd_article(args: argparse.Namespace) -> int:
    from routes.article import analyse, read_text, route_yaml
    from routes.errors import InputFileError

    try:
        if args.file == "-":
            raw = sys.stdin.buffer.read()
        else:
            with open(args.file, "rb") as fh:
                raw = fh.read()
    except OSError as exc:
        raise InputFileError(f"cannot read {args.file!r}: {exc.strerror or exc}") from None
    text = read_text(raw)
    if text is None or not text.strip():
        why = "binary input" if text is None else "empty text"
        print(dumps({"claims": [], "route": [], "notes": [f"{why}: no checkable route claims found"]})
              if args.json else f"no checkable route claims found ({why})")
        return EXIT_OK
    report = analyse(text)
    if args.save_route and report.route:
        with open(args.save_route, "w", encoding="utf-8") as fh:
            fh.write(route_yaml(report))
    if not report.claims:
        print(dumps(report.to_json()) if args.json else "no checkable route claims found")
        return EXIT_OK
    if args.json:
        print(dumps(report.to_json()))
        return EXIT_OK
    from routes.textreport import article_markdown, article_text

    print(article_markdown(report.to_json()) if args.format == "markdown" else article_text(report.to_json()))
    return EXIT_OK


def _cmd_map(args: argparse.Namespace) -> int:
    from routes.errors import RouteCheckError

    if not args.output.lower().endswith((".png", ".svg", ".html")):
        raise RouteCheckError(f"-o {args.output!r}: write a .png or .svg file (or .html for an interactive map)")
    if args.dpi is not None and not 30 <= args.dpi <= 1200:
        raise RouteCheckError(f"--dpi {args.dpi}: give 30 to 1200 (72 for screens, 300 for print)")
    from routes.mapstyle import parse_size

    look = {"size": parse_size(args.size), "dpi": args.dpi, "title": args.title}
    if args.route:
        from routes import maps, routefile
        from routes.route import evaluate

        report = evaluate(routefile.load(args.route))
        out = maps.route_map(report, args.output, **look)
        if args.geojson:
            from routes.geojson import route_geojson, write

            write(args.geojson, route_geojson(report))
    else:
        if not (args.origin and args.destination):
            raise RouteCheckError("give ORIGIN and DESTINATION, or --route FILE")
        from routes import maps
        from routes.verify import verify

        vreport = verify(args.origin, args.destination, args.claim, mode=args.mode, vehicle=args.vehicle,
                         alternatives=False)
        out = maps.verify_map(vreport, args.output, **look)
        if args.geojson:
            from routes.geojson import verify_geojson, write

            write(args.geojson, verify_geojson(vreport))
    print(f"wrote {out}")
    return EXIT_OK


def _cmd_batch(args: argparse.Namespace) -> int:
    from routes import batchfile

    progress = sys.stderr.isatty() and not args.quiet
    if args.output and args.output != "-":
        with open(args.output, "w", encoding="utf-8", newline="") as fh:
            counts = batchfile.run(args.file, fh, as_json=args.json, progress=progress,
                                   alternatives=args.alternatives)
        summary = ", ".join(f"{n:,} {v}" for v, n in sorted(counts.items()))
        sys.stderr.write(f"routecheck: wrote {args.output}: {summary or 'no rows'}\n")
    else:
        batchfile.run(args.file, sys.stdout, as_json=args.json, progress=progress, alternatives=args.alternatives)
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    from routes.errors import RouteCheckError

    try:
        from routes.serve import serve
    except ImportError as exc:
        raise RouteCheckError(f"routecheck serve needs Flask ({exc.name} is missing): pip install flask") from None
    serve(args.port, quiet=args.quiet)
    return EXIT_OK


def _cmd_places(args: argparse.Namespace) -> int:
    from routes.places import resolve

    place = resolve(args.query)
    rows = [place, *place.candidates, *place.others]
    data = {"query": args.query, "results": [p.to_json() for p in rows]}
    if args.json:
        print(dumps(data))
        return EXIT_OK
    from routes.textreport import table

    body = []
    for i, p in enumerate(rows):
        role = "best" if i == 0 else ("candidate" if p in place.candidates else "also named")
        body.append([role, p.name, p.country, p.kind, f"{p.lat:.4f}", f"{p.lon:.4f}", p.source])
    print(table(["match", "name", "cc", "kind", "lat", "lon", "source"], body))
    if place.ambiguous:
        print(f"note: {args.query!r} is ambiguous; verify uses the first row (pick one with 'Name, CC').")
    return EXIT_OK


def _add_verify(sub: Any) -> None:
    """The ``verify`` subcommand, with every option the registered modes declare."""
    from routes.modes import names, specs

    v = sub.add_parser("verify", help="check a distance or duration claim between two places")
    v.add_argument("origin", help="place name, alias, ICAO/IATA code, 'Name, CC', region, or 'lat,lon'")
    v.add_argument("destination", help="as origin")
    v.add_argument("--claim", help="the figure as quoted, e.g. 'nearly 6,400 km' or 'a week by train'")
    v.add_argument("--mode", default="any", choices=["any", *names()], help="mode to check (default: any)")
    v.add_argument("--via", action="append", default=[], metavar="PLACE", help="intermediate stop (repeatable)")
    v.add_argument("--vehicle", help="vehicle class or aircraft type for the mode (e.g. Il-76MD)")
    for mode in specs():
        for opt in mode.options:
            kwargs: dict[str, Any] = {"dest": opt.key, "help": opt.help}
            if opt.action:
                kwargs["action"] = opt.action
            if opt.action == "append":
                kwargs["default"] = []
            if opt.metavar and opt.action != "store_true":
                kwargs["metavar"] = opt.metavar
            v.add_argument(opt.flag, **kwargs)
    from routes.areacommand import add_verify_options

    add_verify_options(v)
    v.add_argument("--geojson", metavar="FILE", help="also write every computed path and place as GeoJSON")
    v.add_argument("--json", action="store_true", help="print the JSON contract instead of tables")
    v.add_argument("--format", choices=["text", "markdown"], default="text",
                   help="text tables, or a Markdown block to paste into a draft")
    v.add_argument("--sources", choices=["short", "full"], default="short",
                   help="sources behind the verdict (short, the default) or every source consulted (full)")
    v.set_defaults(func=_cmd_verify)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and docs)."""
    from routes.modes import names, specs

    p = _Parser(prog="routecheck", description="Check quoted route distances and times against geography.")
    p.add_argument("--version", action="version", version=f"routecheck {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    _add_verify(sub)

    for kind in [s.network_kind for s in specs() if s.network_kind]:
        group = sub.add_parser(kind, help=f"{kind} network tools")
        gsub = group.add_subparsers(dest=f"{kind}_command", required=True, parser_class=_Parser)
        imp = gsub.add_parser("import", help=f"build a routable {kind} network from an OSM extract (.osm or .osm.pbf)")
        imp.add_argument("file", help="OpenStreetMap extract")
        imp.add_argument("-o", "--output", required=True, help="where to save the network (.npz)")
        imp.add_argument("--quiet", action="store_true", help="no progress bars")
        imp.set_defaults(func=_cmd_rail_import, kind=kind)

    ro = sub.add_parser("route", help="check a multi-leg route file (YAML or TOML), leg by leg")
    ro.add_argument("file", help="route file, e.g. data/cases/kursk-2024.yaml")
    ro.add_argument("--json", action="store_true", help="print the JSON contract instead of tables")
    ro.add_argument("--geojson", metavar="FILE", help="also write every leg path and place as GeoJSON")
    ro.add_argument("--format", choices=["text", "markdown"], default="text",
                    help="text tables, or a Markdown block to paste into a draft")
    ro.set_defaults(func=_cmd_route)

    li = sub.add_parser("lift", help="how many trips and vehicles a reported troop movement needs")
    li.add_argument("--troops", type=int, required=True, help="number of troops to move")
    li.add_argument("--within", required=True, help="time window, e.g. '5 days'")
    li.add_argument("--from", dest="origin", required=True, help="where the lift starts")
    li.add_argument("--to", dest="destination", required=True, help="where it ends")
    li.add_argument("--vehicle", required=True, help="aircraft type (Il-76MD), 'echelon' (rail) or a ship class")
    li.add_argument("--airspace", metavar="CC", help="air: keep the track inside one country (ISO2)")
    li.add_argument("--json", action="store_true", help="print JSON instead of text")
    li.add_argument("--format", choices=["text", "markdown"], default="text",
                    help="text tables, or a Markdown block to paste into a draft")
    li.set_defaults(func=_cmd_lift)

    ar = sub.add_parser("article", help="find and check every route claim in a news text (file or -)")
    ar.add_argument("file", help="plain text or Markdown, UTF-8; '-' reads standard input")
    ar.add_argument("--json", action="store_true", help="print the JSON contract")
    ar.add_argument("--format", choices=["text", "markdown"], default="text", help="report format")
    ar.add_argument("--save-route", metavar="FILE", help="write the reconstructed itinerary as a route file")
    ar.set_defaults(func=_cmd_article)

    mp = sub.add_parser("map", help="draw a route map (PNG, SVG with editable text, or interactive HTML)")
    mp.add_argument("origin", nargs="?", help="as in verify")
    mp.add_argument("destination", nargs="?", help="as in verify")
    mp.add_argument("--route", metavar="FILE", help="draw a route file instead of two places")
    mp.add_argument("--claim", help="a claim to put in the title (and its band around the origin)")
    mp.add_argument("--mode", default="any", choices=["any", *names()])
    mp.add_argument("--vehicle")
    mp.add_argument("-o", "--output", required=True, help="output .png, .svg or .html (interactive, offline)")
    mp.add_argument("--size", metavar="WxH", help="image size in pixels (default 1760x1100)")
    mp.add_argument("--dpi", type=int,
                    help="print resolution stored in the image (default 110); the layout follows --size in pixels")
    mp.add_argument("--title", help="the map's title (default: the places, or the route's name)")
    mp.add_argument("--geojson", metavar="FILE", help="also write the paths and places as GeoJSON")
    mp.set_defaults(func=_cmd_map)

    ba = sub.add_parser("batch", help="check every claim of a CSV (origin, destination, claim; mode, vehicle, via, id)")
    ba.add_argument("file", help="claims CSV, UTF-8, with a header row")
    ba.add_argument("-o", "--output", help="results file (CSV, or JSON Lines with --json); default: standard output")
    ba.add_argument("--json", action="store_true", help="JSON Lines: one result object per row")
    ba.add_argument("--alternatives", action="store_true", help="also search what would fit (slower)")
    ba.add_argument("--quiet", action="store_true", help="no progress bar")
    ba.set_defaults(func=_cmd_batch)

    se = sub.add_parser("serve", help="a local page (127.0.0.1) to check a claim, an article or a CSV")
    se.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (default 8765)")
    se.add_argument("--quiet", action="store_true", help="no request log")
    se.set_defaults(func=_cmd_serve)

    from routes.areacommand import add_reach

    add_reach(sub)

    pl = sub.add_parser("places", help="look a place up in the offline gazetteer")
    pl.add_argument("query")
    pl.add_argument("--json", action="store_true")
    pl.set_defaults(func=_cmd_places)
    return p


def _protect_coordinates(argv: list[str]) -> list[str]:
    """Keep "-33.9,18.4" a positional coordinate: argparse would read a leading minus as an option."""
    import re

    coord = re.compile(r"^-\d+(?:\.\d+)?\s*[,;]\s*-?\d")
    return [f" {a}" if coord.match(a) else a for a in argv]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``routecheck`` console script."""
    from routes.errors import RouteCheckError

    parser = build_parser()
    args = parser.parse_args(_protect_coordinates(sys.argv[1:] if argv is None else list(argv)))
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except RouteCheckError as exc:
        sys.stderr.write(f"routecheck: {exc.one_line()}\n")
        return EXIT_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # an unwritable output, a missing folder, no writable cache: the user's to fix
        where = f" {exc.filename!r}" if getattr(exc, "filename", None) else ""
        sys.stderr.write(f"routecheck: cannot read or write{where}: {exc.strerror or exc} "
                         "(check the path and its permissions; ROUTECHECK_CACHE chooses the cache folder)\n")
        return EXIT_INPUT
    except KeyboardInterrupt:
        sys.stderr.write("routecheck: interrupted\n")
        return 130
    except Exception as exc:  # an internal error: say so in one line; ROUTECHECK_DEBUG=1 shows the traceback
        import os

        if os.environ.get("ROUTECHECK_DEBUG"):
            raise
        sys.stderr.write(f"routecheck: internal error: {type(exc).__name__}: {exc} "
                         "(please report it; set ROUTECHECK_DEBUG=1 for details)\n")
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
