"""What a map shows, from a verify or route report: places, each mode's line and legend entry, the claim band,
the title lines and the sources of what is drawn (for the attribution). Drawing is in routes.maps."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from routes.maps import MapSpec
from routes.mapstyle import UNIT_NAMES, band_label, km_span
from routes.units import to_km

if TYPE_CHECKING:
    from routes.contract import Report
    from routes.route import RouteReport


def _follows(mode: str) -> str:
    """What a mode's line follows, as its style declares: "great_circle" (air), "railroads" (rail) or ""."""
    from routes import modes

    return str(modes.spec(mode).style.get("follows", "")) if mode in modes.names() else ""


def _follows_great_circle(mode: str) -> bool:
    """A mode whose line is the great circle when the estimate carries no path (air)."""
    return _follows(mode) == "great_circle"


def _shaped(spec: MapSpec, line: list[tuple[float, float]], mode: str) -> list[tuple[float, float]]:
    """A rail line along the Natural Earth railroads where they fit (drawing only); credited when used."""
    if _follows(mode) != "railroads":
        return line
    from routes.railshapes import CREDIT, follow

    shaped, used = follow(line)
    if used and CREDIT not in spec.sources:
        spec.sources.append(CREDIT)
    return shaped


def _mode_label(mode: str) -> str:
    from routes import modes

    return str(modes.spec(mode).style["label"]) if mode in modes.names() else mode


def verdict_line(claim: dict[str, Any] | None, verdict: str, flags: list[str]) -> str:
    """The subtitle's first part: the claim and its verdict, or "no claim"."""
    if not claim:
        return "no claim: ranges only"
    extra = " (below the geodesic minimum)" if "below_geodesic_minimum" in flags else ""
    return f"“{claim['text']}” is {verdict.upper()}{extra}"


def _mark_role(name: str) -> str:
    return "stop" if "refuel" in name else "junction"


def verify_spec(report: Report, title: str | None = None) -> MapSpec:
    """The map of a verify report: ends, the geodesic, every mode with a range (fitting ones strong), the band."""
    from routes import modes
    from routes.geodesy import path

    data = report.to_json()
    o, d = report.origin.points()[0], report.destination.points()[0]
    geo = km_span(data["geodesic_low_km"], data["geodesic_high_km"])
    spec = MapSpec(title or f"{report.origin.label()} → {report.destination.label()}",
                   f"{verdict_line(data['claim'], data['verdict'], data['flags'])} · shortest possible {geo}")
    for place in (report.origin, report.destination):
        for p in place.points():
            spec.places.append((p.lat, p.lon, p.name, "candidate" if place.is_set else "end"))
            spec.sources.append(p.source)
    bound = modes.bound()
    spec.lines.append((path(o.lat, o.lon, d.lat, d.lon), bound))
    spec.top = bound
    by_mode = {m["mode"]: m for m in data["modes"]}
    claim = data["claim"]
    unit = str(claim.get("unit") or "km") if claim and claim["kind"] == "distance" else "km"

    def span(lo: float | None, hi: float | None) -> str:  # km, and the claim's own unit beside it
        text = km_span(lo, hi)
        if unit != "km" and lo is not None and hi is not None:
            per = to_km(1.0, unit)
            text += f" ({km_span(lo / per, hi / per, UNIT_NAMES.get(unit, unit))})"
        return text

    spec.labels[bound] = f"{_mode_label(bound)}: {span(data['geodesic_low_km'], data['geodesic_high_km'])}"
    for est in report.estimates:
        m = by_mode.get(est.mode)
        if est.mode == bound or m is None or m["low_km"] is None:
            continue
        fits = m["fits"]
        label = f"{_mode_label(est.mode)}: {span(m['low_km'], m['high_km'])}" + (
            ", fits the claim" if fits else ", does not fit" if fits is False else "")
        if fits is False:
            spec.faded.add(est.mode)
        if est.paths or _follows_great_circle(est.mode):
            spec.lines.extend((_shaped(spec, pth, est.mode), est.mode)
                              for pth in est.paths or [path(o.lat, o.lon, d.lat, d.lon)])
            spec.labels[est.mode] = label
            spec.sources.extend(est.sources)
        else:
            spec.notes.append(f"{label} (estimated: no path drawn)")
        spec.places.extend((lat, lon, name, _mark_role(name)) for lat, lon, name in est.marks)
    if claim and claim["kind"] == "distance":
        lo, hi, label = band_label(claim, o.name)
        spec.bands.append((o.lat, o.lon, lo, hi, label))
    return spec


def route_spec(report: RouteReport, title: str | None = None) -> MapSpec:
    """The map of a route: every candidate place, each leg's path in the mode that made it, the claim band."""
    from routes.geodesy import path

    data = report.to_json()
    claim = next((c for c in data["claims"] if c["claim"]["kind"] == "distance"), None)
    t = data["total"]
    total = (f"total {km_span(t['low_km'], t['high_km'])} over every combination of candidate places"
             if t["low_km"] is not None and t["high_km"] is not None
             else "total unknown: a leg has no coverage (see the route report)")
    head = verdict_line(claim["claim"], claim["verdict"], claim["flags"]) if claim else ""
    spec = MapSpec(title or report.spec.name, f"{head} · {total}" if head else total)

    def role(i: int, n: int) -> str:
        return "end" if n == 1 else ("stop" if i == 0 else "candidate")  # a set's first member is its main place

    legs_by_mode: dict[str, list[int]] = {}
    for leg in report.legs:
        for group in (leg.origins, leg.destinations):
            for i, p in enumerate(group):
                spec.places.append((p.lat, p.lon, p.name, role(i, len(group))))
                spec.sources.append(p.source)
        spec.places.extend((lat, lon, name, _mark_role(name)) for lat, lon, name in leg.marks)
        o, d = leg.origins[0], leg.destinations[0]
        drawn = list(zip(leg.paths, leg.path_modes or [leg.spec.modes[0]] * len(leg.paths), strict=False))
        if not drawn:
            air = [m for m in leg.spec.modes if _follows_great_circle(m)]
            drawn = [(path(o.lat, o.lon, d.lat, d.lon), air[0] if air and not leg.uncovered else "nopath")]
        for pth, mode in drawn:
            spec.lines.append((_shaped(spec, pth, mode) if mode != "nopath" else pth, mode))
            legs_by_mode.setdefault(mode, []).append(leg.spec.number)
        spec.sources.extend(leg.sources)
    for mode, numbers in legs_by_mode.items():
        base = "no path data: straight line" if mode == "nopath" else _mode_label(mode)
        nums = sorted(set(numbers))
        spec.labels[mode] = f"{base} (leg{'s' if len(nums) > 1 else ''} {', '.join(map(str, nums))})"
    rank = {"end": 0, "stop": 1, "candidate": 2, "junction": 3}
    best: dict[tuple[float, float, str], tuple[float, float, str, str]] = {}
    for item in spec.places:
        key = (item[0], item[1], item[2])
        if key not in best or rank[item[3]] < rank[best[key][3]]:
            best[key] = item
    spec.places = list(best.values())
    if claim is not None:
        scope = claim["claim"].get("scope") or [1, len(report.legs)]
        first = report.legs[int(scope[0]) - 1].origins[0]
        lo, hi, label = band_label(claim["claim"], first.name)
        spec.bands.append((first.lat, first.lon, lo, hi, label))
    return spec
