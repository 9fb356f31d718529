"""Rich display of the public result types in notebooks: ``_repr_html_`` tables and ``to_dict``.

A small HTML table per result: the verdict, the figures, how far off and the sources. Standard library only
(``html.escape``), so the result types can offer it without importing a renderer.
"""

from __future__ import annotations

from html import escape
from typing import Any

COLOURS = {"consistent": "#1b7837", "inconsistent": "#b2182b", "unverifiable": "#6b6b6b"}
SHORT_SOURCES = 5
STYLE = ("border-collapse:collapse;margin:4px 0;font-size:13px", "text-align:left;padding:2px 8px;"
         "border-bottom:1px solid #ddd")


def _km(lo: float | None, hi: float | None) -> str:
    if lo is None or hi is None:
        return "-"
    return f"{lo:,.0f} km" if round(lo) == round(hi) else f"{lo:,.0f}-{hi:,.0f} km"


class Html(str):
    """Text that is already markup (table cells of this type are not escaped)."""

    __slots__ = ()


def badge(verdict: str) -> Html:
    """The verdict word, upper case, in its colour."""
    colour = COLOURS.get(verdict, "#333333")
    return Html(f'<span style="color:white;background:{colour};padding:1px 6px;border-radius:3px;font-weight:bold">'
            f"{escape(verdict.upper())}</span>")


def table(headers: list[str], rows: list[list[str]]) -> str:
    """An HTML table; cells are escaped unless they are :class:`Html`."""
    def cell(c: Any) -> str:
        return c if isinstance(c, Html) else escape("" if c is None else str(c))

    head = "".join(f'<th style="{STYLE[1]}">{escape(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f'<td style="{STYLE[1]}">{cell(c)}</td>' for c in r) + "</tr>" for r in rows)
    return f'<table style="{STYLE[0]}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _off_by(off: dict[str, Any] | None) -> str:
    if not off or not off.get("gap"):
        return ""
    return (f"<p><b>How far off:</b> {abs(off['percent']):.1f}% ({off['gap']:,.0f} {escape(off['unit'])}) "
            f"{escape(off['direction'])} the nearest {escape(off['mode'])} figure "
            f"({off['nearest']:,.0f} {escape(off['unit'])}).</p>")


def _sources(sources: list[str]) -> str:
    items = "".join(f"<li>{escape(s)}</li>" for s in sources[:SHORT_SOURCES])
    more = len(sources) - SHORT_SOURCES
    extra = f"<li>and {more} more (.to_dict() lists them all)</li>" if more > 0 else ""
    return f"<details><summary>Sources ({len(sources)})</summary><ul>{items}{extra}</ul></details>"


def verify_html(d: dict[str, Any]) -> str:
    """HTML for a ``verify`` report."""
    o, t = d["origin"], d["destination"]
    claim = d.get("claim")
    head = f"{escape(o['name'])}, {escape(o['country'])} → {escape(t['name'])}, {escape(t['country'])}"
    what = f"“{escape(claim['text'])}” is " if claim else ""
    rows = [[m["mode"], _km(m["low_km"], m["high_km"]), {True: "yes", False: "no", None: "-"}[m["fits"]]]
            for m in d["modes"]]
    used = [f"{u['for']}: {u['citation']}" for u in d.get("sources_used") or []] or d["sources"]
    return (f"<div><p><b>{head}</b>: {what}{badge(d['verdict'])}</p><p>{escape(d['summary'])}</p>"
            f"<p>geodesic {d['geodesic_km']:,.0f} km (no mode can be shorter)</p>"
            + table(["mode", "range", "fits"], rows) + _off_by(d.get("off_by")) + _sources(used) + "</div>")


def route_html(d: dict[str, Any]) -> str:
    """HTML for a ``route`` report: each claim's verdict, the legs and the total."""
    parts = [f"<div><p><b>{escape(d['name'])}</b></p>"]
    for c in d["claims"]:
        parts.append(f"<p>“{escape(c['claim']['text'])}” is {badge(c['verdict'])} {escape(c['summary'])}</p>")
        parts.append(_off_by(c.get("off_by")))
    rows = [[str(leg["number"]), leg["from"], leg["to"], leg["mode"], _km(leg["low_km"], leg["high_km"])]
            for leg in d["legs"]]
    t = d["total"]
    rows.append(["", "total", "", "", _km(t["low_km"], t["high_km"])])
    parts.append(table(["#", "from", "to", "mode", "km"], rows))
    for item in (d.get("lifts") or []) + (d.get("timeline") or []):
        parts.append(f"<p>{escape(item.get('title', ''))}: {badge(str(item.get('verdict', '')))}</p>")
    srcs: list[str] = []
    for leg in d["legs"]:
        srcs.extend(s for s in leg["sources"] if s not in srcs)
    return "".join(parts) + _sources(srcs) + "</div>"


def lift_html(d: dict[str, Any]) -> str:
    """HTML for a ``lift`` result: trips and vehicles needed, optimistic and pessimistic."""
    if "trips_needed" not in d:
        return f"<div><p>Lift: {badge(d['verdict'])}</p>" + "".join(
            f"<p>{escape(r)}</p>" for r in d["reasons"]) + "</div>"
    head = (f"{d['troops']:,} troops, {escape(d['from'])} → {escape(d['to'])} by {escape(d['mode'])} "
            f"({escape(d['vehicle'])}) within {d['window_h'] / 24:.1f} days")
    rows = [["one way", _km(d["distance_km_low"], d["distance_km_low"]), _km(d["distance_km_high"],
                                                                             d["distance_km_high"])],
            ["trips needed", str(d["trips_needed_low"]), str(d["trips_needed"])],
            ["round trip (h)", str(d["round_trip_h_low"]), str(d["round_trip_h_high"])],
            ["vehicles needed", str(d["vehicles_needed_low"]), str(d["vehicles_needed"])]]
    fleet = "unknown" if d["fleet_size"] is None else f"{d['fleet_size']} ({d['fleet_note']})"
    return (f"<div><p><b>{head}</b>: {badge(d['verdict'])}</p>" + "".join(f"<p>{escape(r)}</p>" for r in d["reasons"])
            + table(["", "optimistic", "pessimistic"], rows) + f"<p>fleet in service: {escape(fleet)}</p>"
            + _sources(d["sources"]) + "</div>")


def article_html(d: dict[str, Any]) -> str:
    """HTML for an ``article`` report: one row per claim found in the text."""
    rows = []
    for c in d["claims"]:
        ends = f"{c['origin']['name']} → {c['destination']['name']}" if c.get("origin") else "-"
        rows.append([c["text"], ends, badge(c["verdict"]), c.get("summary") or "; ".join(c["reasons"][:1])])
    srcs: list[str] = []
    for c in d["claims"]:
        srcs.extend(s for s in c.get("sources") or [] if s not in srcs)
    route = " → ".join([d["route"][0]["from"], *(leg["to"] for leg in d["route"])]) if d["route"] else ""
    return ("<div>" + (f"<p><b>Route as the text describes it:</b> {escape(route)}</p>" if route else "")
            + table(["claim", "endpoints", "verdict", "why"], rows) + _sources(srcs) + "</div>")


RENDERERS = {"verify": verify_html, "route": route_html, "lift": lift_html, "article": article_html}


class Displayable:
    """Mixin for the result types: ``to_dict()`` (the JSON contract as a dict) and ``_repr_html_``."""

    _display_kind = "verify"

    def to_json(self) -> dict[str, Any]:  # pragma: no cover - every result type defines it
        raise NotImplementedError

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract as a plain dict (the same as ``to_json()``)."""
        return self.to_json()

    def _repr_html_(self) -> str:
        return RENDERERS[self._display_kind](self.to_json())


class LiftReport(dict[str, Any]):
    """The ``lift --json`` contract as a dict, with ``.verdict``, ``.to_dict()`` and a notebook display."""

    @property
    def verdict(self) -> str:
        """'consistent', 'inconsistent' or 'unverifiable'."""
        return str(self["verdict"])

    def to_dict(self) -> dict[str, Any]:
        """A plain dict copy."""
        return dict(self)

    def to_json(self) -> dict[str, Any]:
        """The JSON contract (a plain dict, as the other result types return)."""
        return dict(self)

    def _repr_html_(self) -> str:
        return lift_html(self)


def overall(verdicts: list[str]) -> str:
    """One word for several checks: inconsistent if any is, consistent if all are, else unverifiable."""
    if "inconsistent" in verdicts:
        return "inconsistent"
    return "consistent" if verdicts and all(v == "consistent" for v in verdicts) else "unverifiable"
