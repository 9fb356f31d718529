"""The route pipeline behind ``routecheck route``: evaluate a route file's legs, totals, claims and dates.

Leg matrices and the min-plus chain over candidates live in :mod:`routes.itinerary`; dated claims in
:mod:`routes.timeline`.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from routes import timeline
from routes.claims import Claim
from routes.claims import parse as parse_claim
from routes.contract import Alternative, Verdict
from routes.display import Displayable, overall
from routes.errors import RouteCheckError
from routes.itinerary import LegResult, chain, estimate_leg, leg_any, resolve_all
from routes.modes.base import ModeEstimate, ModeOptions
from routes.places import Place, resolve
from routes.routefile import ClaimSpec, RouteSpec
from routes.tolerance import place_radius_km
from routes.verdict import judge, overlaps, rank_alternatives


@dataclass
class RouteReport(Displayable):
    """The evaluated route: legs, totals and claim verdicts (``to_dict()``, and a table in notebooks)."""

    _display_kind = "route"

    spec: RouteSpec
    legs: list[LegResult]
    claims: list[dict[str, Any]]
    lifts: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        """One word over every claim, lift and dated check: inconsistent if any is, consistent if all are."""
        return overall([str(x["verdict"]) for x in [*self.claims, *self.lifts, *self.timeline]])

    def total(self, first: int = 1, last: int | None = None) -> dict[str, float | None]:
        """Ranges over legs first..last (1-based, inclusive)."""
        part = self.legs[first - 1: last or len(self.legs)]

        def r(x: float) -> float | None:
            return None if not np.isfinite(x) else round(x, 1)

        return {
            "low_km": r(chain(part, "low", "min")),
            "high_km": r(chain(part, "high", "max")),
            "duration_h_low": r(chain(part, "dur_low", "min")),
            "duration_h_high": r(chain(part, "dur_high", "max")),
            "geodesic_low_km": r(chain(part, "geo", "min")),
        }

    def to_json(self) -> dict[str, Any]:
        """The public JSON contract of ``routecheck route --json``."""
        out: dict[str, Any] = {
            "name": self.spec.name,
            "source": self.spec.source,
            "legs": [leg.to_json() for leg in self.legs],
            "total": self.total(),
            "claims": self.claims,
        }
        if self.lifts:
            out["lifts"] = self.lifts
        if self.timeline:
            out["timeline"] = self.timeline
        return out


def evaluate(spec: RouteSpec, extra: dict[str, Any] | None = None) -> RouteReport:
    """Estimate every leg, the totals and every claim of a route file."""
    extra = extra or {}
    legs: list[LegResult] = []
    for ls in spec.legs:
        if ls.linked and legs:
            origins, o_label = legs[-1].destinations, legs[-1].destination_label
        else:
            origins, o_label = resolve_all(ls.origin)
        leg = estimate_leg(ls, origins, o_label, extra)
        if not leg_any(leg.m["low"]):
            # a leg no mode can serve is reported unverifiable and the rest of the route still runs
            why = "; ".join(leg.notes) or "no mode serves it"
            leg.notes = [f"leg {ls.number} ({o_label} to {leg.destination_label} by {'/'.join(ls.modes)}) cannot "
                         f"be estimated: {why}"]
            leg.uncovered = True
        legs.append(leg)
    report = RouteReport(spec, legs, [])
    for ls in spec.legs:
        if ls.claim:
            report.claims.append(check_claim(report, ClaimSpec(ls.claim, (ls.number, ls.number), line=ls.line)))
    for cs in spec.claims:
        if cs.troops is None:
            report.claims.append(check_claim(report, cs))
    report.timeline = timeline.arrivals(legs)
    report.lifts = timeline.lifts(spec.claims, legs)
    return report


def _span_label(report: RouteReport, first: int, last: int) -> str:
    part = report.legs[first - 1: last]
    stops = [part[0].origin_label, *[leg.destination_label for leg in part]]
    return " -> ".join(stops)


def check_claim(report: RouteReport, cs: ClaimSpec) -> dict[str, Any]:
    """Verdict on one distance or duration claim over a span of legs (the verify JSON shape)."""
    claim = parse_claim(cs.text)
    first, last = cs.scope
    tot = report.total(first, last)
    part = report.legs[first - 1: last]
    label = _span_label(report, first, last)
    est = ModeEstimate(
        mode="route", distance_km=None, low_km=tot["low_km"], high_km=tot["high_km"],
        duration_h_low=tot["duration_h_low"], duration_h_high=tot["duration_h_high"],
        note=f"legs {first}-{last} as reported: " + ", ".join(f"{leg.spec.number} {'/'.join(leg.spec.modes)}"
                                                             for leg in part),
        band=max(leg.band for leg in part),
    )
    uncovered = [leg for leg in part if leg.uncovered]
    if uncovered:  # a span over a leg without coverage cannot be judged: unverifiable, with the leg's reason
        est.available = False
        est.flags = ["no_network_coverage"]
        est.note = "; ".join(n for leg in uncovered for n in leg.notes)
    if est.low_km is not None and est.high_km is not None:
        est.distance_km = (est.low_km + est.high_km) / 2
    geo_low = tot["geodesic_low_km"] or 0.0
    slack = (max(place_radius_km(p) for p in part[0].origins)
             + max(place_radius_km(p) for p in part[-1].destinations))
    v: Verdict = judge(claim, [est], "route", geo_low, label, slack_km=slack)
    if claim.kind == "distance" and "below_geodesic_minimum" in v.flags:
        pieces = ", ".join(f"leg {leg.spec.number} ({'/'.join(leg.spec.modes)}) at least "
                           f"{float(np.nanmin(leg.m['geo'])):,.0f} km" for leg in part)
        v.reasons.insert(1, f"the reported legs cannot total less than {geo_low:,.0f} km: {pieces}")
    elif claim.kind == "distance" and v.verdict == "inconsistent" and est.low_km is not None:
        v.reasons.insert(0, f"the legs as reported total {est.low_km:,.0f}-{est.high_km:,.0f} km, "
                            f"which {claim.describe()} does not reach")
    if v.verdict != "consistent":
        v.alternatives = _route_alternatives(report, claim, cs.scope)
    first_leg, last_leg = part[0], part[-1]
    origin = _set_json(first_leg.origin_label, first_leg.origins)
    destination = _set_json(last_leg.destination_label, last_leg.destinations)
    sources = []
    for leg in part:
        for s in leg.sources:
            if s not in sources:
                sources.append(s)
    return {
        "origin": origin,
        "destination": destination,
        "via": [_set_json(leg.destination_label, leg.destinations) for leg in part[:-1]],
        "claim": {**claim.to_json(), "scope": [first, last], "line": cs.line},
        "geodesic_km": round(geo_low, 1),
        "geodesic_low_km": round(geo_low, 1),
        "geodesic_high_km": round(chain(part, "geo", "max"), 1),
        "modes": [est.to_json(v.fits.get("route"))],
        "verdict": v.verdict,
        "summary": v.summary,
        "flags": v.flags,
        "reasons": v.reasons,
        "alternatives": [a.to_json() for a in v.alternatives],
        "sources": sources,
        "off_by": v.off_by,
    }


def _set_json(label: str, points: list[Place]) -> dict[str, Any]:
    if len(points) == 1:
        return {**points[0].to_json(), "query": label}
    lat = sum(p.lat for p in points) / len(points)
    lon = sum(p.lon for p in points) / len(points)
    return {"query": label, "name": label, "country": "/".join(sorted({p.country for p in points})),
            "lat": round(lat, 5), "lon": round(lon, 5), "kind": "candidates", "source": "route file",
            "candidates": [p.to_json() for p in points]}


def _route_alternatives(report: RouteReport, claim: Claim, scope: tuple[int, int]) -> list[Alternative]:
    """Spans of the route that would fit the claim, and endpoint substitutions for the whole span."""
    alts: list[Alternative] = []
    n = len(report.legs)
    for a in range(1, n + 1):
        for b in range(a, n + 1):
            if (a, b) == scope:
                continue
            t = report.total(a, b)
            key = "km" if claim.kind == "distance" else "h"
            lo = t["low_km"] if key == "km" else t["duration_h_low"]
            hi = t["high_km"] if key == "km" else t["duration_h_high"]
            if lo is None or hi is None or not overlaps(claim.low, claim.high, lo, hi):
                continue
            legs = report.legs[a - 1: b]
            what = "leg" if a == b else "legs"
            span = f"{a}" if a == b else f"{a}-{b}"
            modes_used = ", ".join("/".join(leg.spec.modes) for leg in legs)
            alts.append(Alternative(
                f"{what} {span} alone ({_span_label(report, a, b)}, {modes_used}): {lo:,.0f}-{hi:,.0f} {key} fits",
                legs[0].origin_label, legs[-1].destination_label, modes_used, (lo + hi) / 2,
                score=0.2 - 0.01 * abs((b - a) - (scope[1] - scope[0])),
            ))
    if claim.kind == "distance":
        from routes.alternatives import search

        first, last = report.legs[scope[0] - 1], report.legs[scope[1] - 1]
        o = resolve(first.spec.origin[0]) if len(first.spec.origin) == 1 else first.origins[0]
        d = resolve(last.spec.destination[0]) if len(last.spec.destination) == 1 else last.destinations[0]
        with contextlib.suppress(RouteCheckError):
            alts.extend(search(claim, o, d, "any", ModeOptions()))
    return rank_alternatives(alts, 3)
