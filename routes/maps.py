"""Route maps with matplotlib: offline Natural Earth base layer, a conic projection fitted to the extent,
the geodesic, each mode's path, labelled places, a scale bar, a locator inset and an attribution line.

Heavy imports (matplotlib, shapely, pyproj) happen here only, when a map is asked for.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from routes.units import to_km

if TYPE_CHECKING:
    from routes.contract import Report
    from routes.route import RouteReport

ROUTE_STYLE = {"color": "#6a3d9a", "ls": "-", "lw": 2.0, "label": "route"}  # a line of no registered mode


def _style(mode: str) -> dict[str, Any]:
    from routes import modes

    return modes.spec(mode).style if mode in modes.names() else ROUTE_STYLE


ATTRIBUTION = ("Data: Natural Earth 1:10m (public domain) · GeoNames (CC BY 4.0) · airportsdata (MIT) · "
               "searoute / Eurostat MARNET · OpenStreetMap contributors (ODbL) where OSM networks are used · "
               "routecheck tables (data/SOURCES.md)")
WIDTH_IN, HEIGHT_IN, DPI = 16.0, 10.0, 110  # 1760 x 1100 px


@dataclass
class MapSpec:
    """What to draw: places (lat, lon, label, role), lines per mode, circles and the title."""

    title: str
    subtitle: str = ""
    places: list[tuple[float, float, str, str]] = field(default_factory=list)  # role: end|stop|junction|candidate
    lines: list[tuple[list[tuple[float, float]], str]] = field(default_factory=list)
    circles: list[tuple[float, float, float, str]] = field(default_factory=list)  # lat, lon, radius km, label


def _centre_lon(lons: list[float]) -> float:
    """Circular mean of longitudes (an extent across the antimeridian centres near 180, not 0)."""
    x = sum(math.cos(math.radians(v)) for v in lons)
    y = sum(math.sin(math.radians(v)) for v in lons)
    return math.degrees(math.atan2(y, x))


def projection(points: list[tuple[float, float]]) -> str:
    """A PROJ string fitted to the points: Lambert conformal conic, or Mercator near the equator."""
    lats = [p[0] for p in points]
    lon0 = _centre_lon([p[1] for p in points])
    lo, hi = min(lats), max(lats)
    lat0 = (lo + hi) / 2
    if abs(lat0) < 15 and hi - lo < 40:
        return f"+proj=merc +lon_0={lon0:.3f} +datum=WGS84 +units=m +no_defs"
    span = max(hi - lo, 4.0)
    lat1, lat2 = lat0 - span / 4, lat0 + span / 4
    return (f"+proj=lcc +lat_0={lat0:.3f} +lon_0={lon0:.3f} +lat_1={lat1:.3f} +lat_2={lat2:.3f} +datum=WGS84 "
            "+units=m +no_defs")


@cache
def _world_outline() -> Any:
    """Coarse world land for the locator inset (simplified once, cached on disk)."""
    import shapely

    from routes.datafiles import cache_dir, cached
    from routes.geodata import countries, load_wkb, save_wkb

    def build() -> Any:
        geoms, _, _, _ = countries()
        parts = shapely.get_parts(shapely.simplify(geoms, 0.5, preserve_topology=True))
        return parts[shapely.area(parts) > 1.0]

    return cached(cache_dir() / "world-outline-0.5.npz", lambda p: load_wkb(p)[0], build, save_wkb)


def _land_in(bounds_ll: tuple[float, float, float, float], tolerance_deg: float) -> Any:
    """Country polygons within a lon/lat box, simplified for drawing at the map's scale."""
    import shapely

    from routes.geodata import countries

    _, _, _, tree = countries()
    w, s, e, n = bounds_ll
    boxes = [shapely.box(w, s, e, n)] if w <= e else [shapely.box(w, s, 180, n), shapely.box(-180, s, e, n)]
    idx = sorted({int(i) for b in boxes for i in tree.query(b)})
    bucket = 2.0 ** round(math.log2(max(tolerance_deg, 0.005)))
    return _simplified_world(bucket)[idx]


@cache
def _simplified_world(tolerance_deg: float) -> Any:
    """All country polygons simplified to one of a few tolerances (powers of two), cached on disk."""
    import shapely

    from routes.datafiles import cache_dir, cached
    from routes.geodata import countries, load_wkb, save_wkb

    def build() -> Any:
        return shapely.simplify(countries()[0], tolerance_deg, preserve_topology=True)

    return cached(cache_dir() / f"world-simplified-{tolerance_deg:g}.npz", lambda p: load_wkb(p)[0], build,
                  save_wkb)


def _project_geoms(geoms: Any, proj: str, bounds_ll: tuple[float, float, float, float]) -> list[Any]:
    import shapely
    from pyproj import Transformer

    tr = Transformer.from_crs("EPSG:4326", proj, always_xy=True)
    w, s, e, n = bounds_ll
    box = shapely.box(w, s, e, n)
    out = []
    for g in geoms:
        if g is None or g.is_empty:
            continue
        for part in shapely.get_parts(g):
            if w > e:  # extent across the antimeridian: test both halves
                hit = part.intersects(shapely.box(w, s, 180, n)) or part.intersects(shapely.box(-180, s, e, n))
            else:
                hit = part.intersects(box)
            if hit:
                out.append(shapely.transform(part, lambda xy: _xy(tr, xy)))
    return out


def _xy(tr: Any, xy: Any) -> Any:
    import numpy as np

    x, y = tr.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def _ll_bounds(points: list[tuple[float, float]], pad_deg: float) -> tuple[float, float, float, float]:
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    lon0 = _centre_lon(lons)
    rel = [((lo - lon0 + 180) % 360) - 180 for lo in lons]
    w = lon0 + min(rel) - pad_deg
    e = lon0 + max(rel) + pad_deg
    norm = lambda v: ((v + 180) % 360) - 180  # noqa: E731
    return norm(w), max(min(lats) - pad_deg, -89.0), norm(e), min(max(lats) + pad_deg, 89.0)


def render(spec: MapSpec, out: str | Path) -> Path:
    """Draw the map to ``out`` (.png or .svg) and return the path."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath
    from pyproj import Transformer

    from routes.geodesy import geod

    everything = [(la, lo) for la, lo, _, _ in spec.places] + [p for line, _ in spec.lines for p in line]
    circles_pts = []
    for lat, lon, r_km, _ in spec.circles:
        az = np.linspace(0, 360, 181)
        lo2, la2, _ = geod().fwd(np.full(181, lon), np.full(181, lat), az, np.full(181, r_km * 1000))
        circles_pts.append(list(zip(la2.tolist(), lo2.tolist(), strict=True)))
    proj = projection(everything)
    tr = Transformer.from_crs("EPSG:4326", proj, always_xy=True)

    def xy(pts: list[tuple[float, float]]) -> tuple[Any, Any]:
        a = np.array(pts)
        return tr.transform(a[:, 1], a[:, 0])

    px, py = xy(everything)
    span = max(px.max() - px.min(), py.max() - py.min(), 200_000.0)
    pad = 0.12 * span
    x0, x1, y0, y1 = px.min() - pad, px.max() + pad, py.min() - pad, py.max() + pad
    aspect = WIDTH_IN / (HEIGHT_IN - 1.2)
    if (x1 - x0) / (y1 - y0) < aspect:  # widen to the figure's shape
        grow = (aspect * (y1 - y0) - (x1 - x0)) / 2
        x0, x1 = x0 - grow, x1 + grow
    else:
        grow = ((x1 - x0) / aspect - (y1 - y0)) / 2
        y0, y1 = y0 - grow, y1 + grow
    ll = _ll_bounds(everything, pad_deg=max(span / 111_000 * 0.6, 3.0))
    tol = max(span / 111_000 / 600, 0.01)
    land = _project_geoms(_land_in(ll, tol), proj, ll)

    fig = plt.figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    ax = fig.add_axes((0.02, 0.08, 0.96, 0.82))
    ax.set_facecolor("#dcebf5")
    patches = []
    for poly in land:
        verts, codes = [], []
        for ring in [poly.exterior, *poly.interiors]:
            c = np.asarray(ring.coords)
            verts.extend(c.tolist())
            codes.extend([MplPath.MOVETO] + [MplPath.LINETO] * (len(c) - 2) + [MplPath.CLOSEPOLY])
        patches.append(PathPatch(MplPath(verts, codes)))
    ax.add_collection(PatchCollection(patches, facecolor="#f3f1ea", edgecolor="#8c8c8c", linewidth=0.5, zorder=1))
    for pts, label in zip(circles_pts, [c[3] for c in spec.circles], strict=True):
        cx, cy = xy(pts)
        ax.plot(cx, cy, color="#b2182b", lw=1.4, ls=(0, (2, 2)), zorder=3, label=label)
    seen: set[str] = set()
    for line, mode in spec.lines:
        st = _style(mode)
        lx, ly = xy(line)
        ax.plot(lx, ly, color=st["color"], ls=st["ls"], lw=st["lw"], zorder=4,
                label=None if mode in seen else st["label"], solid_capstyle="round")
        seen.add(mode)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    _places(ax, fig, spec, xy)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.legend(loc="upper left", fontsize=12, framealpha=0.9)
    _scale_bar(ax, x0, x1, y0, y1)
    _locator(fig, everything)
    fig.suptitle(spec.title, fontsize=17, fontweight="bold", y=0.975)
    if spec.subtitle:
        fig.text(0.5, 0.925, spec.subtitle, ha="center", fontsize=12.5)
    fig.text(0.01, 0.035, ATTRIBUTION, fontsize=9, color="#444444")
    fig.text(0.01, 0.012, f"Projection: {proj.split()[0].replace('+proj=', '')} (PROJ: {proj})", fontsize=8,
             color="#666666")
    path = Path(out)
    fig.savefig(path, dpi=DPI, metadata={"Software": None} if path.suffix == ".png" else None)
    plt.close(fig)
    return path


def _places(ax: Any, fig: Any, spec: MapSpec, xy: Any) -> None:
    """Markers and labels; a label that would overlap one already placed tries other corners, else is dropped."""
    order = {"end": 0, "stop": 1, "candidate": 2, "junction": 3}
    style = {"end": (70, "#111111", 13, "bold"), "stop": (40, "#333333", 11, "normal"),
             "candidate": (22, "#555555", 9, "normal"), "junction": (12, "#7a2a1a", 8.5, "normal")}
    renderer = fig.canvas.get_renderer()
    placed: list[Any] = []
    for lat, lon, label, role in sorted(spec.places, key=lambda p: (order.get(p[3], 4), p[2])):
        size, color, fs, weight = style.get(role, style["candidate"])
        x, y = xy([(lat, lon)])
        ax.scatter(x, y, s=size, color=color, zorder=6, edgecolors="white", linewidths=0.8)
        for dx, dy, ha, va in ((6, 6, "left", "bottom"), (-6, 6, "right", "bottom"), (6, -6, "left", "top"),
                               (-6, -6, "right", "top")):
            t = ax.annotate(label, (x[0], y[0]), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                            fontsize=fs, fontweight=weight, color=color, zorder=7,
                            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75})
            box = t.get_window_extent(renderer)
            if not any(box.overlaps(b) for b in placed):
                placed.append(box)
                break
            t.remove()


def _scale_bar(ax: Any, x0: float, x1: float, y0: float, y1: float) -> None:
    width = (x1 - x0) * 0.2
    nice = [50, 100, 200, 250, 500, 1000, 2000, 2500, 5000]
    km = max(n for n in nice if n * 1000 <= width) if width >= 50_000 else 10
    bx, by = x0 + (x1 - x0) * 0.03, y0 + (y1 - y0) * 0.05
    ax.plot([bx, bx + km * 1000], [by, by], color="black", lw=4, zorder=8, solid_capstyle="butt")
    ax.text(bx + km * 500, by + (y1 - y0) * 0.012, f"{km:,} km (at the map centre)", ha="center", fontsize=10,
            zorder=8, bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.8})


def _locator(fig: Any, points: list[tuple[float, float]]) -> None:
    """A small lon/lat inset of the world land with the mapped area outlined."""
    from matplotlib.collections import PolyCollection

    ax = fig.add_axes((0.8, 0.1, 0.17, 0.17))
    polys = [list(part.exterior.coords) for part in _world_outline()]
    ax.add_collection(PolyCollection(polys, facecolors="#c8c8c8", linewidths=0))
    lats = [p[0] for p in points]
    lon0 = _centre_lon([p[1] for p in points])
    rel = [((p[1] - lon0 + 180) % 360) - 180 for p in points]
    w, e = lon0 + min(rel), lon0 + max(rel)
    for shift in (-360.0, 0.0, 360.0):  # an extent across the antimeridian is drawn on both edges
        ax.plot([w + shift, e + shift, e + shift, w + shift, w + shift],
                [min(lats), min(lats), max(lats), max(lats), min(lats)], color="#b2182b", lw=1.2)
    ax.set_xlim(-180, 180)
    ax.set_ylim(-60, 85)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_facecolor("white")


def _claim_title(claim: dict[str, Any] | None, verdict: str, flags: list[str], label: str) -> tuple[str, str]:
    if not claim:
        return label, "no claim: ranges only"
    extra = " (below the geodesic minimum)" if "below_geodesic_minimum" in flags else ""
    return label, f"“{claim['text']}” is {verdict.upper()}{extra}"


def verify_map(report: Report, out: str | Path) -> Path:
    """Map of a verify report: ends, the geodesic, each mode's path, and the claim's radius around the origin."""
    from routes import modes
    from routes.geodesy import path

    data = report.to_json()
    o, d = report.origin.points()[0], report.destination.points()[0]
    title, sub = _claim_title(data["claim"], data["verdict"], data["flags"],
                              f"{report.origin.label()} → {report.destination.label()}")
    ranges = "; ".join(f"{m['mode']} {m['low_km']:,.0f}-{m['high_km']:,.0f} km" for m in data["modes"]
                       if m["low_km"] is not None)
    spec = MapSpec(title, f"{sub} · {ranges}" if sub else ranges)
    for place, _role in ((report.origin, "end"), (report.destination, "end")):
        for p in place.points():
            spec.places.append((p.lat, p.lon, p.name, "end" if not place.is_set else "candidate"))
    spec.lines.append((path(o.lat, o.lon, d.lat, d.lon), modes.bound()))
    for est in report.estimates:
        for pth in est.paths:
            spec.lines.append((pth, est.mode))
        spec.places.extend((lat, lon, name, "junction") for lat, lon, name in est.marks)
    if report.claim is not None and report.claim.kind == "distance":
        spec.circles.append((o.lat, o.lon, report.claim.central,
                             f"{report.claim.central:,.0f} km from {o.name} (the claimed figure)"))
    return render(spec, out)


def route_map(report: RouteReport, out: str | Path) -> Path:
    """Map of an itinerary: every candidate place, each leg's path, and a circle of the route's distance claim."""
    from routes.geodesy import path

    data = report.to_json()
    claim = next((c for c in data["claims"] if c["claim"]["kind"] == "distance"), None)
    title, sub = _claim_title(claim["claim"] if claim else None, claim["verdict"] if claim else "",
                              claim["flags"] if claim else [], report.spec.name)
    t = data["total"]
    total = (f"total {t['low_km']:,.0f}-{t['high_km']:,.0f} km over every combination of candidate places"
             if t["low_km"] is not None and t["high_km"] is not None
             else "total unknown: a leg has no coverage (see the route report)")
    spec = MapSpec(title, f"{sub} · {total}" if sub else total)
    def role(i: int, n: int) -> str:
        return "end" if n == 1 else ("stop" if i == 0 else "candidate")  # a set's first member is its main place

    for leg in report.legs:
        for i, p in enumerate(leg.origins):
            spec.places.append((p.lat, p.lon, p.name, role(i, len(leg.origins))))
        for i, p in enumerate(leg.destinations):
            spec.places.append((p.lat, p.lon, p.name, role(i, len(leg.destinations))))
        mode = leg.spec.modes[0]
        if leg.paths:
            spec.lines.append((leg.paths[0], mode))
        else:
            o, d = leg.origins[0], leg.destinations[0]
            spec.lines.append((path(o.lat, o.lon, d.lat, d.lon), mode))
    rank = {"end": 0, "stop": 1, "candidate": 2}
    best: dict[tuple[float, float, str], tuple[float, float, str, str]] = {}
    for item in spec.places:
        key = (item[0], item[1], item[2])
        if key not in best or rank[item[3]] < rank[best[key][3]]:
            best[key] = item
    spec.places = list(best.values())
    if claim is not None:
        first = report.legs[1].origins[0] if len(report.legs) > 1 else report.legs[0].origins[0]
        c = claim["claim"]
        radius = to_km(c["value"], c["unit"])
        spec.circles.append((first.lat, first.lon, radius, f"{radius:,.0f} km from {first.name} (the claimed figure)"))
    return render(spec, out)
