"""Markdown blocks for a fact-check draft from the ``route`` and ``lift`` JSON (verify's is in textreport)."""

from __future__ import annotations

from typing import Any

from routes.textreport import SHORT_SOURCES, hours, km_range

FOOTER = "_Checked with routecheck (offline; tolerances and data sources: data/SOURCES.md)._"


def _cell(text: Any) -> str:
    """A Markdown table cell: pipes escaped, newlines flattened."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def _sources(sources: list[str]) -> str:
    """The first few sources as a list, and a count of the rest."""
    more = len(sources) - SHORT_SOURCES
    lines = ["Sources:", *(f"- {s}" for s in sources[:SHORT_SOURCES])]
    if more > 0:
        lines.append(f"- and {more} more (routecheck --json lists them all)")
    return "\n".join(lines)


def _off_by(off: dict[str, Any] | None) -> str | None:
    if not off or not off.get("gap"):
        return None
    return (f"How far off: {abs(off['percent']):.1f}% ({off['gap']:,.0f} {off['unit']}) {off['direction']} "
            f"the nearest {off['mode']} figure ({off['nearest']:,.0f} {off['unit']}).")


def route_markdown(data: dict[str, Any]) -> str:
    """A Markdown block for a ``route`` report: each claim's verdict, the legs, how far off and the sources."""
    out = [f"### {data['name']}", ""]
    if data.get("source"):
        out.extend([f"Reported by: {data['source'].strip()}", ""])
    for c in data["claims"]:
        claim = c["claim"]
        scope = claim.get("scope")
        where = (f" (legs {scope[0]}-{scope[1]})" if scope and scope[0] != scope[1]
                 else f" (leg {scope[0]})" if scope else "")
        out.append(f"**“{claim['text']}”{where} is {c['verdict'].upper()}.** {c['summary']}")
        out.append("")
        off = _off_by(c.get("off_by"))
        if off:
            out.extend([off, ""])
        if c["alternatives"]:
            out.extend(["What would fit: " + "; ".join(a["description"] for a in c["alternatives"]) + ".", ""])
    out.append("| # | from | to | mode | km | duration |")
    out.append("|---|---|---|---|---|---|")
    for leg in data["legs"]:
        mode = leg["mode"] + (f" ({leg['vehicle']})" if leg["vehicle"] else "")
        out.append(f"| {leg['number']} | {_cell(leg['from'])} | {_cell(leg['to'])} | {_cell(mode)} | "
                   f"{km_range(leg['low_km'], leg['high_km'])} | "
                   f"{hours(leg['duration_h_low'], leg['duration_h_high'])} |")
    t = data["total"]
    out.append(f"| | **total** | | | **{km_range(t['low_km'], t['high_km'])}** | "
               f"{hours(t['duration_h_low'], t['duration_h_high'])} |")
    out.append("")
    for section, key in (("Lift", "lifts"), ("Timeline", "timeline")):
        for item in data.get(key) or []:
            title = item.get("title") or f"{section.lower()} check"
            out.append(f"- {section}: {title}: **{str(item.get('verdict', '')).upper()}**"
                       + "".join(f"; {r}" for r in item.get("reasons", [])))
    if data.get("lifts") or data.get("timeline"):
        out.append("")
    srcs: list[str] = []
    for leg in data["legs"]:
        srcs.extend(s for s in leg["sources"] if s not in srcs)
    out.extend([_sources(srcs), "", FOOTER])
    return "\n".join(out)


def lift_markdown(d: dict[str, Any]) -> str:
    """A Markdown block for a ``lift`` result: the verdict, trips and vehicles needed, the fleet and sources."""
    if "trips_needed" not in d:
        return "\n".join([f"### Lift: {d['verdict'].upper()}", "", *(f"- {r}" for r in d["reasons"]), "",
                          FOOTER])
    head = (f"### {d['troops']:,} troops, {d['from']} to {d['to']} by {d['mode']} ({d['vehicle']}) "
            f"within {d['window_h'] / 24:.1f} days: {d['verdict'].upper()}")
    out = [head, ""]
    out.extend(f"- {r}" for r in d["reasons"])
    out.append("")
    out.append("| | optimistic | pessimistic |")
    out.append("|---|---|---|")
    out.append(f"| one way | {d['distance_km_low']:,.0f} km, {d['one_way_h_low']:.1f} h | "
               f"{d['distance_km_high']:,.0f} km, {d['one_way_h_high']:.1f} h |")
    out.append(f"| troops per trip | {d['capacity_per_trip'][1]} | {d['capacity_per_trip'][0]} |")
    out.append(f"| trips needed | {d['trips_needed_low']} | {d['trips_needed']} |")
    out.append(f"| round trip | {d['round_trip_h_low']} h | {d['round_trip_h_high']} h |")
    out.append(f"| vehicles needed | {d['vehicles_needed_low']} | {d['vehicles_needed']} |")
    out.append("")
    fleet = "unknown" if d["fleet_size"] is None else f"{d['fleet_size']} ({d['fleet_note']})"
    out.extend([f"Fleet in service: {fleet}.", "", _sources(d["sources"]), "", FOOTER])
    return "\n".join(out)
