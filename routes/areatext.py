"""Text renderings of the area JSON: ``verify --nearest`` (the verify report plus an AREA block) and ``reach``."""

from __future__ import annotations

from typing import Any


def area_lines(area: dict[str, Any]) -> list[str]:
    """The AREA block: what was measured to, the nearest point, inside or not, and the error bound."""
    inside = {True: "inside", False: "outside", None: "a line (no inside)"}[area["inside"]]
    out = ["AREA",
           f"  {area['name']} ({area['kind']}, {area['code']}): {inside}; {area['distance_km']:,.1f} km to the "
           f"nearest point of its {'boundary' if area['inside'] is not None else 'line'} at "
           f"{area['nearest']['lat']:.4f}, {area['nearest']['lon']:.4f}",
           f"  geodesic on WGS84; search error bound {area['error_bound_km']:g} km; drawn line within about "
           f"{area['resolution_km']:g} km of the true one",
           f"  source: {area['source']}"]
    if area["note"]:
        out.append(f"  border drawn: {area['note']}")
    df = area.get("de_facto")
    if df:
        out.append(f"  de facto: {df['band_km'][0]:,.1f}-{df['band_km'][1]:,.1f} km to the territory it holds (as of "
                   f"{df['as_of']}; regions wholly occupied: {', '.join(df['fully_occupied'])}; partly: "
                   f"{', '.join(df['partly_occupied'])}; held throughout: {', '.join(df['held_places']) or '-'}; "
                   f"{df['table']})")
    return out


def verify_area_text(data: dict[str, Any]) -> str:
    """The verify text report with the AREA block after it."""
    from routes.textreport import verify_text

    return verify_text(data) + "\n\n" + "\n".join(area_lines(data["area"]))


def _label(p: dict[str, Any]) -> str:
    return f"{p['name']}, {p['country']}" if p.get("country") else str(p["name"])


def reach_text(data: dict[str, Any]) -> str:
    """Human-readable rendering of the ``reach`` JSON."""
    from routes.textreport import table

    o, d = data["origin"], data["destination"]
    frm = o["name"] if "query" not in o else _label(o)
    out = [f"REACH  from {frm} to {_label(d)}: {data['distance_km']:,.1f} km "
           f"({data['distance_low_km']:,.1f}-{data['distance_high_km']:,.1f} km with tolerance)"]
    if data.get("area"):
        out.extend(area_lines(data["area"]))
    rows = [[v["id"], v["kind"], f"{v['reach_km_low']:,.0f}-{v['reach_km_high']:,.0f}", v["answer"].upper(),
             f"{v['margin_km']:+,.0f}", "weak" if v["weak"] else ""] for v in data["vehicles"]]
    out += ["", table(["class", "kind", "reach km", "answer", "margin km", "source"], rows), "", data["summary"]]
    if any(v["kind"] == "aircraft" for v in data["vehicles"]):
        out.append("  aircraft reach: from half the published range (out and back) to the full figure")
    out.append("SOURCES")
    out += [f"  - {s}" for s in data["sources"][:6]]
    return "\n".join(out)
