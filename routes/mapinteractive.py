"""``routecheck map -o map.html``: an interactive map (pan, zoom, hover) that works offline.

Drawn with Bokeh, whose JavaScript ships inside its Python package and is written into the page (``INLINE``
resources): no CDN and no tiles from the internet. The base layer is the same Natural Earth land as the
PNG, in the same projection; the content is the same :class:`routes.maps.MapSpec`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from routes.maps import MapSpec

DEFAULT_PX = (1200, 760)


def render_html(spec: MapSpec, out: str | Path, size: tuple[int, int] | None = None) -> Path:
    """Write ``spec`` as a self-contained interactive HTML page and return its path."""
    import numpy as np
    from bokeh.embed import file_html
    from bokeh.layouts import column
    from bokeh.models import ColumnDataSource, HoverTool, Range1d
    from bokeh.models.annotations import LabelSet
    from bokeh.models.widgets import Div
    from bokeh.plotting import figure
    from bokeh.resources import INLINE
    from pyproj import Transformer

    from routes import maps
    from routes.mapstyle import attribution, projection_words

    width, height = size or DEFAULT_PX
    everything = [(la, lo) for la, lo, _, _ in spec.places] + [p for line, _ in spec.lines for p in line]
    proj = maps.projection(everything)
    tr = Transformer.from_crs("EPSG:4326", proj, always_xy=True)

    def xy(pts: list[tuple[float, float]]) -> tuple[list[float], list[float]]:
        a = np.array(pts)
        x, y = tr.transform(a[:, 1], a[:, 0])
        return [round(float(v)) for v in x], [round(float(v)) for v in y]

    px, py = xy(everything)
    span = max(max(px) - min(px), max(py) - min(py), 200_000.0)
    pad = 0.12 * span
    fig = figure(width=width, height=height, match_aspect=True, title=spec.title,
                 x_range=Range1d(start=min(px) - pad, end=max(px) + pad),
                 y_range=Range1d(start=min(py) - pad, end=max(py) + pad),
                 tools="pan,wheel_zoom,box_zoom,reset,save", active_scroll="wheel_zoom",
                 background_fill_color="#dcebf5")
    fig.axis.visible = False
    fig.grid.visible = False
    ll = maps._ll_bounds(everything, pad_deg=max(span / 111_000 * 0.6, 3.0))
    land = maps._project_geoms(maps._land_in(ll, max(span / 111_000 / 600, 0.01)), proj, ll)
    lx = [np.asarray(p.exterior.coords)[:, 0].round().tolist() for p in land]
    ly = [np.asarray(p.exterior.coords)[:, 1].round().tolist() for p in land]
    fig.patches(lx, ly, fill_color="#f3f1ea", line_color="#8c8c8c", line_width=0.5)
    for lat, lon, lo_km, hi_km, label in spec.bands:
        rings = [maps._ring(lat, lon, lo_km)] + ([maps._ring(lat, lon, hi_km)] if hi_km is not None else [])
        for ring in rings:
            rx, ry = xy(ring)
            fig.line(rx, ry, color=maps.BAND_COLOUR, line_dash="dashed", line_width=1.5, legend_label=label)
    hover_lines: list[Any] = []
    for line, mode in spec.lines:
        st: dict[str, Any] = maps.NO_PATH_STYLE if mode == "nopath" else maps._style(mode)
        label = spec.labels.get(mode, st["label"])
        lxs, lys = xy(maps._densify(line))
        src = ColumnDataSource({"x": lxs, "y": lys, "what": [label] * len(lxs)})
        hover_lines.append(fig.line("x", "y", source=src, color=st["color"], line_width=st["lw"] + 0.5,
                                    line_dash="solid" if st["ls"] == "-" else "dashed",
                                    line_alpha=0.5 if mode in spec.faded else 1.0, legend_label=label))
    names = [p for p in spec.places if p[3] in ("end", "stop", "junction", "candidate")]
    if names:
        nx, ny = xy([(p[0], p[1]) for p in names])
        src = ColumnDataSource({"x": nx, "y": ny, "name": [p[2] for p in names], "role": [p[3] for p in names],
                                "latlon": [f"{p[0]:.4f}, {p[1]:.4f}" for p in names],
                                "size": [11 if p[3] == "end" else 7 if p[3] == "stop" else 5 for p in names]})
        dots = fig.scatter("x", "y", source=src, size="size", color="#111111", line_color="white")
        fig.add_layout(LabelSet(x="x", y="y", text="name", source=ColumnDataSource(
            {k: [v for v, p in zip(src.data[k], names, strict=True) if p[3] in ("end", "stop")]
             for k in ("x", "y", "name")}), x_offset=6, y_offset=6, text_font_size="13px", text_font_style="bold"))
        fig.add_tools(HoverTool(renderers=[dots], tooltips=[("place", "@name"), ("role", "@role"),
                                                            ("lat, lon", "@latlon")]))
    fig.add_tools(HoverTool(renderers=hover_lines, tooltips=[("line", "@what")], line_policy="nearest"))
    for note in spec.notes:
        fig.line([], [], color="#777777", legend_label=note)
    fig.add_layout(fig.legend[0], "below")  # outside the map: it never hides a place
    fig.legend.click_policy = "hide"
    fig.legend.label_text_font_size = "11px"
    foot = (f"<p style='font:13px sans-serif'>{_esc(spec.subtitle)}</p>"
            f"<p style='font:11px sans-serif;color:#444'>{_esc(attribution(spec.sources, False))} · routecheck "
            f"tables (data/SOURCES.md)<br>Projection: {_esc(projection_words(proj))}. Pan, zoom and hover; click "
            "a legend entry to hide it. Works offline.</p>")
    page = file_html(column(fig, Div(text=foot, width=width)), resources=INLINE, title=spec.title)
    path = Path(out)
    path.write_text(page, encoding="utf-8")
    return path


def _esc(text: Any) -> str:
    from html import escape

    return escape(str(text))
