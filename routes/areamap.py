"""Area maps: the area, the nearest-point segment with its length, and range bands buffered from a boundary.

A range band from an area is a buffer on the WGS84 ellipsoid, not a circle around one point: the union of
geodesic circles (``Geod.fwd``, 120 azimuths) around the boundary's vertices (simplified to at most 1/40 of the
radius apart) and the area itself. Between two vertices d apart the union falls short of the true buffer by at
most r - sqrt(r^2 - (d/2)^2), about d^2 / (8 r): under 0.1 % of the radius. Heavy imports stay inside functions.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from routes.areadata import Area

AZIMUTHS = 120
WIDTH_IN, HEIGHT_IN, DPI = 16.0, 10.0, 110  # 1760 x 1100 px, as the route maps
CREDIT = ("Made with Natural Earth (public domain) · GeoNames (CC BY 4.0) · routecheck tables (data/SOURCES.md) · "
          "ranges: data/vehicles/weapons.csv")
BAND_COLOURS = ("#fdae61", "#fee08b")  # reachable at the low published range; only up to the high one


def buffer_ll(area: Area, radius_km: float) -> Any:
    """The area grown by ``radius_km`` on the ellipsoid, as a shapely geometry in (lon, lat) degrees."""
    import numpy as np
    import shapely

    from routes.geodesy import geod

    geom = area.geometry
    step_deg = max(radius_km / 40 / 111.0, 0.01)
    lines = geom.boundary if area.polygonal else geom
    xy = shapely.get_coordinates(shapely.simplify(lines, step_deg / 2))
    xy = np.vstack([xy, shapely.get_coordinates(shapely.segmentize(shapely.simplify(lines, step_deg / 2),
                                                                   step_deg))])
    xy = np.unique(np.round(xy, 4), axis=0)
    az = np.linspace(0.0, 360.0, AZIMUTHS, endpoint=False)
    n = len(xy)
    lon2, lat2, _ = geod().fwd(np.repeat(xy[:, 0], AZIMUTHS), np.repeat(xy[:, 1], AZIMUTHS), np.tile(az, n),
                               np.full(n * AZIMUTHS, radius_km * 1000.0))
    rings = np.stack([lon2.reshape(n, AZIMUTHS), lat2.reshape(n, AZIMUTHS)], axis=-1)
    keep = np.ptp(rings[:, :, 0], axis=1) < 180  # a circle across the antimeridian is left out of the drawing
    circles = shapely.polygons(rings[keep])
    parts = [shapely.make_valid(c) for c in circles]
    if area.polygonal:
        parts.append(geom)
    return shapely.union_all(parts)


def _draw_geom(ax: Any, geom: Any, tr: Any, **style: Any) -> None:
    import numpy as np
    import shapely
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    for part in shapely.get_parts(geom):
        if part.geom_type == "Polygon":
            verts: list[Any] = []
            codes: list[Any] = []
            for ring in [part.exterior, *part.interiors]:
                c = np.asarray(ring.coords)
                x, y = tr.transform(c[:, 0], c[:, 1])
                verts.extend(zip(x, y, strict=True))
                codes.extend([MplPath.MOVETO] + [MplPath.LINETO] * (len(c) - 2) + [MplPath.CLOSEPOLY])
            ax.add_patch(PathPatch(MplPath(verts, codes), **style))
        elif part.geom_type in ("LineString", "LinearRing"):
            c = np.asarray(part.coords)
            x, y = tr.transform(c[:, 0], c[:, 1])
            ax.plot(x, y, color=style.get("edgecolor", "#333333"), lw=style.get("linewidth", 2.0),
                    zorder=style.get("zorder", 3))


def area_map(area: Area, points: list[tuple[float, float, str]], out: str | Path, title: str, subtitle: str = "",
             segment: tuple[float, float, float, float, float] | None = None,
             bands: list[tuple[float, float, str]] | None = None) -> Path:
    """Draw an area, labelled points, a nearest-point segment and range bands; write ``out`` (.png or .svg).

    Parameters
    ----------
    points
        (lat, lon, label) to mark.
    segment
        (lat1, lon1, lat2, lon2, km): the nearest-point segment, labelled with its length in km.
    bands
        (low km, high km, label) range bands measured from the area's boundary (ellipsoidal buffers).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    import shapely
    from matplotlib.patches import Patch
    from pyproj import Transformer

    from routes import maps
    from routes.geodesy import path as geodesic_path

    bands = bands or []
    shapes = [buffer_ll(area, hi) for _, hi, _ in bands]
    inner = [buffer_ll(area, lo) if lo > 0 else area.geometry for lo, _, _ in bands]
    extent = shapely.union_all([area.geometry, *shapes])
    w, s, e, n = extent.bounds
    pts = [(s, w), (n, e), (s, e), (n, w), *[(p[0], p[1]) for p in points]]
    proj = maps.projection(pts)
    tr = Transformer.from_crs("EPSG:4326", proj, always_xy=True)
    ax_pts = np.array([tr.transform(lo, la) for la, lo in pts])
    x0, y0 = ax_pts.min(axis=0)
    x1, y1 = ax_pts.max(axis=0)
    pad = 0.12 * max(x1 - x0, y1 - y0, 100_000.0)  # room for the labels
    fig = plt.figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    ax = fig.add_axes((0.02, 0.08, 0.96, 0.82))
    ax.set_facecolor("#dcebf5")
    ll = (max(w - 3, -180.0), max(s - 3, -89.0), min(e + 3, 180.0), min(n + 3, 89.0))
    span_deg = max(e - w, n - s)
    land = maps._project_geoms(maps._land_in(ll, max(span_deg / 600, 0.01)), proj, ll)
    for g in land:
        _draw_geom(ax, g, _Identity(), facecolor="#f3f1ea", edgecolor="#8c8c8c",
                   linewidth=0.5, zorder=1)
    handles = []
    for (lo_km, hi_km, label), outer, inn in zip(bands, shapes, inner, strict=True):
        _draw_geom(ax, outer.difference(inn), tr, facecolor=BAND_COLOURS[1], edgecolor="none", alpha=0.6, zorder=2)
        _draw_geom(ax, inn, tr, facecolor=BAND_COLOURS[0], edgecolor="none", alpha=0.45, zorder=2)
        handles += [Patch(color=BAND_COLOURS[0], alpha=0.6, label=f"{label}: within {lo_km:,.0f} km"),
                    Patch(color=BAND_COLOURS[1], alpha=0.8, label=f"{label}: {lo_km:,.0f}-{hi_km:,.0f} km (marginal)")]
    polygon_style = {"facecolor": "#9ecae1", "edgecolor": "#08519c", "alpha": 0.55, "linewidth": 1.6, "zorder": 3}
    line_style = {"edgecolor": "#b2182b", "linewidth": 2.5, "zorder": 3}
    style: dict[str, Any] = polygon_style if area.polygonal else line_style
    _draw_geom(ax, area.geometry, tr, **style)
    handles.append(Patch(facecolor=style.get("facecolor", "#b2182b"), edgecolor=style["edgecolor"],
                         label=f"{area.name} ({area.kind})"))
    if segment is not None:
        la1, lo1, la2, lo2, km = segment
        line = np.array(geodesic_path(la1, lo1, la2, lo2, spacing_km=max(km / 50, 1.0)))
        x, y = tr.transform(line[:, 1], line[:, 0])
        ax.plot(x, y, color="#d7301f", lw=2.6, zorder=5)
        ax.annotate(f"{km:,.1f} km", (x[len(x) // 2], y[len(y) // 2]), fontsize=13, fontweight="bold",
                    color="#d7301f", xytext=(8, 8), textcoords="offset points", zorder=6)
    for la, lo, label in points:
        x, y = tr.transform(lo, la)
        ax.plot([x], [y], "o", color="#222222", ms=7, zorder=6)
        ax.annotate(label, (x, y), fontsize=12, xytext=(6, -14), textcoords="offset points", zorder=6)
    ax.set_xlim(x0 - pad, x1 + pad)
    ax.set_ylim(y0 - pad, y1 + pad)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.legend(handles=handles, loc="upper left", fontsize=11, framealpha=0.9)
    fig.suptitle(title, fontsize=17, fontweight="bold", y=0.975)
    if subtitle:
        fig.text(0.5, 0.925, subtitle, ha="center", fontsize=12.5)
    fig.text(0.01, 0.035, f"Area: {area.source}"[:230], fontsize=9, color="#444444")
    fig.text(0.01, 0.012, CREDIT, fontsize=8, color="#666666")
    path = Path(out)
    fig.savefig(path, dpi=DPI, metadata={"Software": None} if path.suffix == ".png" else None)
    plt.close(fig)
    return path


class _Identity:
    """A transformer that leaves projected coordinates as they are (land is projected already)."""

    @staticmethod
    def transform(x: Any, y: Any) -> tuple[Any, Any]:
        return x, y
