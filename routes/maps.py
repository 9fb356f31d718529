"""Route maps with matplotlib: offline Natural Earth base layer, a conic projection fitted to the extent,
the geodesic, each mode's path (great circles for air), the claim as a band, labelled places with context
cities, a scale bar, a locator inset and an attribution of only the data drawn. ``.html``: routes.mapinteractive.

Heavy imports (matplotlib, shapely, pyproj) happen here only, when a map is asked for.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from routes.mapstyle import DPI as DEFAULT_DPI
from routes.mapstyle import HEIGHT_PX, WIDTH_PX, attribution, projection_words

if TYPE_CHECKING:
    from routes.contract import Report
    from routes.route import RouteReport

ROUTE_STYLE: dict[str, Any] = {"color": "#6a3d9a", "ls": "-", "lw": 2.0, "label": "route"}  # no registered mode
NO_PATH_STYLE: dict[str, Any] = {"color": "#8c8c8c", "ls": (0, (1, 2)), "lw": 1.4,
                                 "label": "no path data: straight line"}
BAND_COLOUR = "#b2182b"
FORMATS = (".png", ".svg", ".html")


def _style(mode: str) -> dict[str, Any]:
    from routes import modes

    return modes.spec(mode).style if mode in modes.names() else ROUTE_STYLE


WIDTH_IN, HEIGHT_IN, DPI = WIDTH_PX / DEFAULT_DPI, HEIGHT_PX / DEFAULT_DPI, DEFAULT_DPI  # 1760 x 1100 px


@dataclass
class MapSpec:
    """What to draw: places (lat, lon, label, role), lines per mode, the claim's band, legend notes, the title."""

    title: str
    subtitle: str = ""
    places: list[tuple[float, float, str, str]] = field(default_factory=list)  # role: end|stop|junction|candidate
    lines: list[tuple[list[tuple[float, float]], str]] = field(default_factory=list)
    bands: list[tuple[float, float, float, float | None, str]] = field(default_factory=list)  # lat, lon, km, km|None
    labels: dict[str, str] = field(default_factory=dict)  # legend label per mode (default: the mode's own)
    faded: set[str] = field(default_factory=set)  # modes drawn lighter: their range does not fit the claim
    notes: list[str] = field(default_factory=list)  # legend lines without a path (an estimated road range)
    sources: list[str] = field(default_factory=list)  # the sources of what is drawn, for the attribution
    context: bool = True  # capitals and main cities in view
    top: str = ""  # the mode drawn above the others (the geodesic: a dashed line stays visible over air)


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


def _densify(line: list[tuple[float, float]], spacing_km: float = 50.0) -> list[tuple[float, float]]:
    """Every segment along its geodesic (a great circle for air hops; short rail segments barely change)."""
    from routes.geodesy import path

    if len(line) < 2:
        return line
    out = [line[0]]
    for (la1, lo1), (la2, lo2) in itertools.pairwise(line):
        out.extend(path(la1, lo1, la2, lo2, spacing_km)[1:])
    return out


def _ring(lat: float, lon: float, r_km: float) -> list[tuple[float, float]]:
    import numpy as np

    from routes.geodesy import geod

    az = np.linspace(0, 360, 361)
    lo2, la2, _ = geod().fwd(np.full(361, lon), np.full(361, lat), az, np.full(361, r_km * 1000))
    return list(zip(la2.tolist(), lo2.tolist(), strict=True))


def draw(spec: MapSpec, out: str | Path, size: tuple[int, int] | None = None, dpi: int | None = None) -> Path:
    """Write ``spec`` to ``out``: .png or .svg (matplotlib), .html (an interactive page, routes.mapinteractive)."""
    if str(out).lower().endswith(".html"):
        from routes.mapinteractive import render_html

        return render_html(spec, out, size)
    return render(spec, out, size, dpi)


def render(spec: MapSpec, out: str | Path, size: tuple[int, int] | None = None, dpi: int | None = None) -> Path:
    """Draw the map to ``out`` (.png or .svg, text kept as text) at ``size`` pixels and ``dpi``."""
    import matplotlib
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import PatchCollection
    from matplotlib.figure import Figure
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath
    from pyproj import Transformer

    from routes.maplabels import context_places, place_labels

    dpi = dpi or DPI
    w_px, h_px = size or (WIDTH_PX, HEIGHT_PX)
    w_in, h_in = w_px / dpi, h_px / dpi
    # the layout scales with the size in pixels; dpi only sets the print size (1760 px at 300 dpi: 5.9 in)
    k = min(max(min(w_px / WIDTH_PX, h_px / HEIGHT_PX), 0.45), 3.0) * DPI / dpi
    everything = [(la, lo) for la, lo, _, _ in spec.places] + [p for line, _ in spec.lines for p in line]
    proj = projection(everything)
    tr = Transformer.from_crs("EPSG:4326", proj, always_xy=True)

    def xy(pts: list[tuple[float, float]]) -> tuple[Any, Any]:
        a = np.array(pts)
        return tr.transform(a[:, 1], a[:, 0])

    px, py = xy(everything)
    span = max(px.max() - px.min(), py.max() - py.min(), 200_000.0)
    pad = 0.12 * span
    x0, x1, y0, y1 = px.min() - pad, px.max() + pad, py.min() - pad, py.max() + pad
    aspect = (0.96 * w_in) / (0.82 * h_in)
    if (x1 - x0) / (y1 - y0) < aspect:  # widen to the figure's shape
        grow = (aspect * (y1 - y0) - (x1 - x0)) / 2
        x0, x1 = x0 - grow, x1 + grow
    else:
        grow = ((x1 - x0) / aspect - (y1 - y0)) / 2
        y0, y1 = y0 - grow, y1 + grow
    ll = _ll_bounds(everything, pad_deg=max(span / 111_000 * 0.6, 3.0))
    tol = max(span / 111_000 / 600, 0.01)
    land = _project_geoms(_land_in(ll, tol), proj, ll)

    # a Figure of its own, not pyplot: drawing a map never changes a notebook's backend or its open figures
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "routecheck"}):
        fig = Figure(figsize=(w_in, h_in), dpi=dpi)
        FigureCanvasAgg(fig)
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
        ax.add_collection(PatchCollection(patches, facecolor="#f3f1ea", edgecolor="#8c8c8c", linewidth=0.5 * k,
                                          zorder=1))
        for lat, lon, lo_km, hi_km, label in spec.bands:
            inner = np.column_stack(xy(_ring(lat, lon, lo_km)))
            if hi_km is None:
                ax.plot(inner[:, 0], inner[:, 1], color=BAND_COLOUR, lw=1.4 * k, ls=(0, (2, 2)), zorder=3,
                        label=label)
                continue
            outer = np.column_stack(xy(_ring(lat, lon, hi_km)))
            annulus = np.vstack([outer, inner[::-1]])
            ring_codes = ([MplPath.MOVETO] + [MplPath.LINETO] * (len(outer) - 1)
                          + [MplPath.MOVETO] + [MplPath.LINETO] * (len(inner) - 1))
            ax.add_patch(PathPatch(MplPath(annulus, ring_codes), facecolor=BAND_COLOUR, alpha=0.16, edgecolor="none",
                                   zorder=2, label=label))
            for ring_xy in (inner, outer):
                ax.plot(ring_xy[:, 0], ring_xy[:, 1], color=BAND_COLOUR, lw=0.9 * k, ls=(0, (3, 2)), zorder=3)
        seen: set[str] = set()
        for line, mode in spec.lines:
            st: dict[str, Any] = NO_PATH_STYLE if mode == "nopath" else _style(mode)
            lx, ly = xy(_densify(line))
            label = spec.labels.get(mode, st["label"])
            ax.plot(lx, ly, color=st["color"], ls=st["ls"], lw=st["lw"] * k, zorder=5 if mode == spec.top else 4,
                    alpha=0.5 if mode in spec.faded else 1.0,
                    label=None if mode in seen else label, solid_capstyle="round")
            seen.add(mode)
        for note in spec.notes:
            ax.plot([], [], color="none", label=note)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_xticks([])
        ax.set_yticks([])
        legend = ax.legend(loc="upper left", fontsize=11 * k, framealpha=0.92)
        scale = _scale_bar(ax, x0, x1, y0, y1, k)
        fx, fy = (np.asarray(px) - x0) / (x1 - x0), (np.asarray(py) - y0) / (y1 - y0)
        # the locator goes bottom right, or top right when fewer places and lines lie under it there
        low = int(np.sum((fx > 0.78) & (fy < 0.3)))
        high = int(np.sum((fx > 0.78) & (fy > 0.7)))
        inset = _locator(fig, everything, top=high < low)
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        obstacles = [legend.get_window_extent(renderer), inset.get_window_extent(renderer),
                     scale.get_window_extent(renderer)]
        places = list(spec.places)
        if spec.context:
            def inside(lat: float, lon: float) -> bool:
                cx, cy = tr.transform(lon, lat)
                return bool(x0 < cx < x1 and y0 < cy < y1)

            places.extend(context_places(inside, [(p[0], p[1]) for p in spec.places]))
        place_labels(ax, fig, places, xy, obstacles, scale=k)
        fig.suptitle(spec.title, fontsize=17 * k, fontweight="bold", y=0.975)
        if spec.subtitle:
            fig.text(0.5, 0.925, spec.subtitle, ha="center", fontsize=12.5 * k)
        fig.text(0.01, 0.035, attribution(spec.sources, spec.context) + " · routecheck tables (data/SOURCES.md)",
                 fontsize=9 * k, color="#444444")
        fig.text(0.01, 0.012, f"Projection: {projection_words(proj)}", fontsize=8 * k, color="#666666")
        path = Path(out)
        meta = {"Software": None} if path.suffix == ".png" else {"Date": None}
        fig.savefig(path, dpi=dpi, metadata=meta)
    return path


def _scale_bar(ax: Any, x0: float, x1: float, y0: float, y1: float, k: float = 1.0) -> Any:
    """A scale bar bottom left; returns its label (an obstacle for place labels)."""
    width = (x1 - x0) * 0.2
    nice = [50, 100, 200, 250, 500, 1000, 2000, 2500, 5000]
    km = max(n for n in nice if n * 1000 <= width) if width >= 50_000 else 10
    bx, by = x0 + (x1 - x0) * 0.03, y0 + (y1 - y0) * 0.05
    ax.plot([bx, bx + km * 1000], [by, by], color="black", lw=4 * k, zorder=8, solid_capstyle="butt")
    return ax.text(bx + km * 500, by + (y1 - y0) * 0.012, f"{km:,} km (at the map centre)", ha="center",
                   fontsize=10 * k, zorder=8, bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none",
                                                    "alpha": 0.8})


def _locator(fig: Any, points: list[tuple[float, float]], top: bool = False) -> Any:
    """A small lon/lat inset of the world land with the mapped area outlined (bottom or top right); its axes."""
    from matplotlib.collections import PolyCollection

    ax = fig.add_axes((0.8, 0.71 if top else 0.1, 0.17, 0.17))
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
    return ax


def verify_map(report: Report, out: str | Path, size: tuple[int, int] | None = None, dpi: int | None = None,
               title: str | None = None) -> Path:
    """Map of a verify report: ends, the geodesic, each mode (fitting ones strong), and the claim's band."""
    from routes.mapcontent import verify_spec

    return draw(verify_spec(report, title), out, size, dpi)


def route_map(report: RouteReport, out: str | Path, size: tuple[int, int] | None = None, dpi: int | None = None,
              title: str | None = None) -> Path:
    """Map of an itinerary: every candidate place, each leg's path in its mode, and the route claim's band."""
    from routes.mapcontent import route_spec

    return draw(route_spec(report, title), out, size, dpi)
