"""Plain-text tables for the terminal (no heavy imports: the CLI must start fast)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Render a left-aligned text table with a header rule."""
    cells = [[str(h) for h in headers], *[["" if c is None else str(c) for c in r] for r in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def km(x: float | None) -> str:
    """Format kilometres without false precision."""
    return "-" if x is None else f"{x:,.0f}"


def km_range(lo: float | None, hi: float | None) -> str:
    """A km range ("537-612"), or "-" when unknown (a leg without coverage)."""
    return "-" if lo is None or hi is None else f"{km(lo)}-{km(hi)}"


def hours(lo: float | None, hi: float | None) -> str:
    """Format a duration range in hours (and days when long)."""
    if lo is None or hi is None:
        return "-"
    text = f"{lo:,.1f}-{hi:,.1f} h"
    if hi >= 48:
        text += f" ({lo / 24:,.1f}-{hi / 24:,.1f} d)"
    return text


def verify_text(data: dict[str, Any]) -> str:
    """Human-readable rendering of a ``verify`` JSON object."""
    out: list[str] = []
    rows = []
    for role in ("origin", "destination"):
        p = data[role]
        rows.append([role, p["query"], p["name"], p["country"], p["kind"], f"{p['lat']:.4f}, {p['lon']:.4f}"])
        for c in p.get("candidates", []):
            rows.append(["", "  candidate", c["name"], c["country"], c["kind"], f"{c['lat']:.4f}, {c['lon']:.4f}"])
        for o in p.get("others", []):
            rows.append(["", "  also named", o["name"], o["country"], o["kind"], f"{o['lat']:.4f}, {o['lon']:.4f}"])
    for v in data.get("via", []):
        rows.append(["via", v["query"], v["name"], v["country"], v["kind"], f"{v['lat']:.4f}, {v['lon']:.4f}"])
    out.append("PLACES")
    out.append(table(["role", "query", "resolved", "cc", "kind", "lat, lon"], rows))
    claim = data.get("claim")
    out.append("")
    if claim:
        unit = "km" if claim["kind"] == "distance" else "h"
        lo, hi = claim[f"low_{unit}"], claim[f"high_{unit}"]
        hi_s = "open" if hi is None else f"{hi:,.0f}"
        out.append(
            f"CLAIM  {claim['text']!r}: {claim['kind']}, hedge {claim['hedge'] or 'none'}, "
            f"interval {lo:,.0f}-{hi_s} {unit}" + (f", mode {claim['mode']}" if claim.get("mode") else "")
        )
    else:
        out.append("CLAIM  none (ranges only)")
    out.append(f"GEODESIC  {km(data['geodesic_km'])} km (lower bound for every mode)")
    out.append("")
    mrows = []
    for m in data["modes"]:
        fits = {True: "yes", False: "NO", None: "-"}[m["fits"]]
        rng = f"{km(m['low_km'])}-{km(m['high_km'])}" if m["low_km"] is not None else "-"
        mrows.append([m["mode"], km(m["distance_km"]), rng, hours(m["duration_h_low"], m["duration_h_high"]), fits])
    out.append("MODES")
    out.append(table(["mode", "km", "range km", "duration", "fits"], mrows))
    for m in data["modes"]:
        if m["note"]:
            out.append(f"  {m['mode']}: {m['note']}")
    for m in data["modes"]:
        out.extend(_mode_details(m))
    out.append("")
    out.append(f"VERDICT  {data['verdict'].upper()}" + (f"  [{', '.join(data['flags'])}]" if data["flags"] else ""))
    out.append(f"  {data['summary']}")
    if data["reasons"]:
        out.append("REASONS")
        out.extend(f"  - {r}" for r in data["reasons"])
    if data["alternatives"]:
        out.append("ALTERNATIVES (what would fit)")
        out.extend(f"  - {a['description']}" for a in data["alternatives"])
    out.extend(_source_lines(data))
    return "\n".join(out)


SHORT_SOURCES = 5
FULL_SOURCES = False  # set by the CLI's --sources full


def _cut(text: str, width: int = 160) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _source_lines(data: dict[str, Any]) -> list[str]:
    """The sources behind the verdict, at most five lines (all of them with --sources full)."""
    if FULL_SOURCES or not data.get("sources_used"):
        return ["SOURCES", *(f"  - {s}" for s in data["sources"])]
    used = data["sources_used"]
    out = ["SOURCES (behind this verdict)"]
    out.extend(f"  - {u['for']}: {_cut(u['citation'])}{' [weak source]' if u.get('weak_sources') else ''}"
               for u in used[:SHORT_SOURCES])
    more = len(used) - SHORT_SOURCES
    out.append("  how to cite: checked offline with routecheck; data: GeoNames (CC BY 4.0), Natural Earth, "
               "OpenStreetMap contributors (ODbL) where used, routecheck tables (data/SOURCES.md)")
    if more > 0 or len(data["sources"]) > len(used):
        out.append(f"  ({len(data['sources'])} sources consulted in all: --sources full lists them)")
    return out


def verify_markdown(data: dict[str, Any]) -> str:
    """A Markdown block for a fact-check draft: the verdict, the figures, how far off, and the sources."""
    o, d = data["origin"], data["destination"]
    claim = data.get("claim")
    head = f"**{o['name']}, {o['country']} to {d['name']}, {d['country']}**"
    out = [f"### {head.strip('*')}: {'“' + claim['text'] + '” is ' if claim else ''}{data['verdict'].upper()}", ""]
    out.append(data["summary"])
    out.append("")
    out.append("| mode | range km | fits |")
    out.append("|---|---|---|")
    for m in data["modes"]:
        fits = {True: "yes", False: "no", None: "-"}[m["fits"]]
        out.append(f"| {m['mode']} | {km_range(m['low_km'], m['high_km'])} | {fits} |")
    out.append("")
    off = data.get("off_by")
    if off and off.get("gap"):
        out.append(f"How far off: {abs(off['percent']):.1f}% ({off['gap']:,.0f} {off['unit']}) {off['direction']} "
                   f"the nearest {off['mode']} figure ({off['nearest']:,.0f} {off['unit']}).")
        out.append("")
    if data["alternatives"]:
        out.append("What would fit: " + "; ".join(a["description"] for a in data["alternatives"]) + ".")
        out.append("")
    used = [u["citation"] for u in data.get("sources_used") or []] or data["sources"]
    out.append("Sources: " + "; ".join(used[:SHORT_SOURCES]) + ("; …" if len(used) > SHORT_SOURCES else ""))
    out.append("")
    out.append("_Checked with routecheck (offline; tolerances and data sources: data/SOURCES.md)._")
    return "\n".join(out)


def _mode_details(m: dict[str, Any]) -> list[str]:
    """The extra lines a mode writes about its estimate (snaps, corridors, ports ...), if it has any."""
    from routes import modes

    if m["mode"] not in modes.names():
        return []
    lines = modes.spec(m["mode"]).report_lines
    return lines(m) if lines else []


def _claim_block(c: dict[str, Any]) -> list[str]:
    claim = c["claim"]
    scope = claim.get("scope")
    where = f"legs {scope[0]}-{scope[1]}" if scope and scope[0] != scope[1] else f"leg {scope[0]}" if scope else ""
    out = [f"  {claim['text']!r} ({where}): {c['verdict'].upper()}"
           + (f"  [{', '.join(c['flags'])}]" if c["flags"] else "")]
    out.append(f"    {c['summary']}")
    out.extend(f"    - {r}" for r in c["reasons"])
    if c["alternatives"]:
        out.append("    what would fit:")
        out.extend(f"      * {a['description']}" for a in c["alternatives"])
    return out


def route_text(data: dict[str, Any]) -> str:
    """Human-readable rendering of a ``route`` JSON object."""
    out = [f"ROUTE  {data['name']}"]
    if data.get("source"):
        out.append(f"  reported by: {data['source'].strip()}")
    rows = []
    for leg in data["legs"]:
        cands = f"{leg['candidates']['from']}x{leg['candidates']['to']}"
        mode = leg["mode"] + (f" ({leg['vehicle']})" if leg["vehicle"] else "")
        rows.append([leg["number"], leg["from"], leg["to"], mode, km_range(leg["low_km"], leg["high_km"]),
                     hours(leg["duration_h_low"], leg["duration_h_high"]), cands])
    out.append("")
    out.append("LEGS")
    out.append(table(["#", "from", "to", "mode", "km", "duration", "pairs"], rows))
    for leg in data["legs"]:
        for n in leg["notes"][:3]:
            out.append(f"  leg {leg['number']}: {n}")
    t = data["total"]
    out.append("")
    out.append(f"TOTAL  {km_range(t['low_km'], t['high_km'])} km over every combination of candidates; "
               f"moving time {hours(t['duration_h_low'], t['duration_h_high'])}; "
               f"the legs' geodesics alone need at least {km(t['geodesic_low_km'])} km")
    if data["claims"]:
        out.append("")
        out.append("CLAIMS")
        for c in data["claims"]:
            out.extend(_claim_block(c))
    for section, key in (("LIFT", "lifts"), ("TIMELINE", "timeline")):
        items = data.get(key) or []
        if items:
            out.append("")
            out.append(section)
            for item in items:
                out.append(f"  {item.get('title', '')}: {str(item.get('verdict', '')).upper()}"
                           + (f"  [{', '.join(item.get('flags', []))}]" if item.get("flags") else ""))
                out.extend(f"    - {r}" for r in item.get("reasons", []))
    srcs: list[str] = []
    for leg in data["legs"]:
        for s in leg["sources"]:
            if s not in srcs:
                srcs.append(s)
    out.append("")
    out.append("SOURCES")
    out.extend(f"  - {s}" for s in srcs)
    return "\n".join(out)


def lift_text(d: dict[str, Any]) -> str:
    """Human-readable rendering of a ``lift`` JSON object."""
    if "trips_needed" not in d:
        return f"LIFT  {d['verdict'].upper()}\n" + "\n".join(f"  - {r}" for r in d["reasons"])
    out = [f"LIFT  {d['troops']:,} troops, {d['from']} -> {d['to']} by {d['mode']} ({d['vehicle']}), "
           f"within {d['window_h'] / 24:.1f} days"]
    out.append(f"  one way: {d['distance_km_low']:,.0f}-{d['distance_km_high']:,.0f} km, "
               f"{d['one_way_h_low']:.1f}-{d['one_way_h_high']:.1f} h")
    out.append(f"  capacity per trip: {d['capacity_per_trip'][0]}-{d['capacity_per_trip'][1]} troops")
    out.append(table(["", "optimistic", "pessimistic"], [
        ["trips needed", d["trips_needed_low"], d["trips_needed"]],
        ["round trip (h)", d["round_trip_h_low"], d["round_trip_h_high"]],
        ["deliveries per vehicle", d["deliveries_per_vehicle"][1], d["deliveries_per_vehicle"][0]],
        ["vehicles needed", d["vehicles_needed_low"], d["vehicles_needed"]],
    ]))
    fleet = "unknown" if d["fleet_size"] is None else f"{d['fleet_size']} ({d['fleet_note']})"
    out.append(f"  fleet in service: {fleet}")
    out.append(f"VERDICT  {d['verdict'].upper()}" + (f"  [{', '.join(d['flags'])}]" if d["flags"] else ""))
    out.extend(f"  - {r}" for r in d["reasons"])
    out.append("ARITHMETIC")
    for case in ("optimistic", "pessimistic"):
        out.append(f"  {case}:")
        out.extend(f"    {s}" for s in d["arithmetic"][case])
    out.append("SOURCES")
    out.extend(f"  - {s}" for s in d["sources"])
    return "\n".join(out)


def article_text(d: dict[str, Any]) -> str:
    """Terminal report of an ``article`` analysis."""
    out = ["ROUTE AS THE TEXT DESCRIBES IT (a reading, check it)"]
    for i, leg in enumerate(d["route"], 1):
        out.append(f"  {i}. {leg['from']} -> {leg['to']} ({leg['mode']})")
    if not d["route"]:
        out.append("  (no sequence of places found)")
    for c in d["claims"]:
        out.append("")
        out.append(f"CLAIM  {c['text']!r} [{c['kind']}]: {c['verdict'].upper()}"
                   + (f"  [{', '.join(c['flags'])}]" if c["flags"] else ""))
        out.append(f"  sentence: {c['sentence']}")
        if c.get("origin"):
            out.append(f"  assumed endpoints: {c['origin']['name']} -> {c['destination']['name']}")
        for x in c.get("candidates", []):
            out.append(f"    pair {x['origin']} -> {x['destination']} ({x['why']}): {x['verdict']}"
                       + (f", fits {', '.join(x['fits'])}" if x.get("fits") else ""))
        out.extend(f"  - {r}" for r in c["reasons"])
        if c["alternatives"]:
            out.append("  what would fit:")
            out.extend(f"    * {a['description']}" for a in c["alternatives"])
        if c.get("lift_command"):
            out.append(f"  try: {c['lift_command']}")
    return "\n".join(out)


def article_markdown(d: dict[str, Any]) -> str:
    """A Markdown report a fact-checker can paste into a draft."""
    out = ["## Route claims checked with routecheck", ""]
    if d["route"]:
        out.append("**Route as the text describes it** (a reading; check the order):")
        out.extend(f"{i}. {leg['from']} → {leg['to']} ({leg['mode']})" for i, leg in enumerate(d["route"], 1))
        out.append("")
    for c in d["claims"]:
        out.append(f"### “{c['text']}” — {c['verdict']}")
        out.append("")
        out.append(f"> {c['sentence']}")
        out.append("")
        if c.get("summary"):
            out.append(c["summary"])
            out.append("")
        if c.get("candidates"):
            out.append("| origin | destination | why | verdict |")
            out.append("|---|---|---|---|")
            out.extend(f"| {x['origin']} | {x['destination']} | {x['why']} | {x['verdict']} |" for x in c["candidates"])
            out.append("")
        out.extend(f"- {r}" for r in c["reasons"])
        if c["alternatives"]:
            out.append("- What would fit: " + "; ".join(a["description"] for a in c["alternatives"]))
        if c.get("sources"):
            out.append("")
            out.append("Sources: " + "; ".join(c["sources"][:6]))
        out.append("")
    return "\n".join(out)
