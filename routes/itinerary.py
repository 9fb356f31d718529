"""Multi-leg reported routes: per-leg and total distance and duration ranges, and verdicts on their claims.

Candidate sets make each leg a matrix of possibilities. Where a leg starts at the previous leg's
destination the candidate must be the same one, so totals run over consistent combinations: a
min-plus (and max-plus) product along the chain gives the exact minimum and maximum over every
combination without enumerating them.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from routes import modes
from routes.claims import Claim
from routes.claims import parse as parse_claim
from routes.errors import RouteCheckError, UnreachableError
from routes.modes.base import Leg, ModeEstimate, ModeOptions
from routes.places import Place, resolve
from routes.routefile import ClaimSpec, LegSpec, RouteSpec
from routes.verdict import Alternative, Verdict, judge, overlaps, rank_alternatives

KINDS = ("low", "high", "dur_low", "dur_high", "geo", "mid")


@dataclass
class LegResult:
    """Everything computed for one leg: candidate lists, per-pair matrices and sources."""

    spec: LegSpec
    origins: list[Place]
    destinations: list[Place]
    origin_label: str
    destination_label: str
    m: dict[str, np.ndarray]  # each (len(origins), len(destinations)); NaN where no mode serves the pair
    sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    paths: list[list[tuple[float, float]]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """One entry of the route JSON ``legs`` list."""
        def r(x: float) -> float | None:
            return None if not np.isfinite(x) else round(float(x), 1)

        lo, hi = np.nanmin(self.m["low"]) if _any(self.m["low"]) else np.nan, _nanmax(self.m["high"])
        return {
            "number": self.spec.number,
            "from": self.origin_label,
            "to": self.destination_label,
            "mode": "/".join(self.spec.modes),
            "vehicle": self.spec.vehicle,
            "distance_km": r(float(np.nanmedian(self.m["mid"]))) if _any(self.m["mid"]) else None,
            "low_km": r(lo),
            "high_km": r(hi),
            "duration_h_low": r(np.nanmin(self.m["dur_low"])) if _any(self.m["dur_low"]) else None,
            "duration_h_high": r(_nanmax(self.m["dur_high"])),
            "geodesic_low_km": r(np.nanmin(self.m["geo"])),
            "candidates": {"from": len(self.origins), "to": len(self.destinations)},
            "depart": _dates_json(self.spec.depart),
            "arrive": _dates_json(self.spec.arrive),
            "notes": self.notes,
            "sources": self.sources,
        }


def _any(a: np.ndarray) -> bool:
    return bool(np.isfinite(a).any())


def _nanmax(a: np.ndarray) -> float:
    return float(np.nanmax(a)) if _any(a) else float("nan")


def _dates_json(d: Any) -> list[str] | None:
    return None if d is None else [d[0].isoformat(), d[1].isoformat()]


def _resolve_all(texts: list[str]) -> tuple[list[Place], str]:
    points: list[Place] = []
    for t in texts:
        points.extend(resolve(t).points())
    label = texts[0] if len(texts) == 1 else " / ".join(texts)
    if len(texts) == 1:
        p = resolve(texts[0])
        label = p.name if p.is_set else p.label()
    return points, label


def _leg(spec: LegSpec, origins: list[Place], o_label: str, extra: dict[str, Any]) -> LegResult:
    destinations, d_label = _resolve_all(spec.destination)
    shape = (len(origins), len(destinations))
    m = {k: np.full(shape, np.nan) for k in KINDS}
    sources: list[str] = []
    notes: list[str] = []
    paths = []
    from routes.geodesy import pairwise_km

    m["geo"] = pairwise_km([(p.lat, p.lon) for p in origins], [(p.lat, p.lon) for p in destinations])
    for i, o in enumerate(origins):
        for j, d in enumerate(destinations):
            for mode in spec.modes:
                opts = ModeOptions(vehicle=spec.vehicle if len(spec.modes) == 1 else None,
                                   extra=tuple(sorted(extra.items())))
                try:
                    est = modes.estimator(mode)([Leg(o, d)], opts)
                except UnreachableError as exc:
                    notes.append(exc.message)
                    continue
                if not est.available or est.low_km is None or est.high_km is None:
                    if est.note and est.note not in notes:
                        notes.append(est.note)
                    continue
                _merge(m, i, j, est)
                for s in est.sources:
                    if s not in sources:
                        sources.append(s)
                if i == 0 and j == 0 and est.paths:
                    paths.extend(est.paths)
    return LegResult(spec, origins, destinations, o_label, d_label, m, sources, notes[:5], paths)


def _merge(m: dict[str, np.ndarray], i: int, j: int, est: ModeEstimate) -> None:
    """Widen pair (i, j) by one mode's ranges (a leg 'by road or rail' spans both)."""
    def lo(cur: float, new: float | None) -> float:
        return cur if new is None else (new if np.isnan(cur) else min(cur, new))

    def hi(cur: float, new: float | None) -> float:
        return cur if new is None else (new if np.isnan(cur) else max(cur, new))

    m["low"][i, j] = lo(m["low"][i, j], est.low_km)
    m["high"][i, j] = hi(m["high"][i, j], est.high_km)
    m["dur_low"][i, j] = lo(m["dur_low"][i, j], est.duration_h_low)
    m["dur_high"][i, j] = hi(m["dur_high"][i, j], est.duration_h_high)
    m["mid"][i, j] = lo(m["mid"][i, j], est.distance_km)


def chain(legs: list[LegResult], kind: str, best: str) -> float:
    """Min (``best='min'``) or max total of ``kind`` over every consistent combination of candidates."""
    big = np.inf if best == "min" else -np.inf
    pick = np.min if best == "min" else np.max
    v: np.ndarray | None = None
    for k, leg in enumerate(legs):
        mat = np.where(np.isfinite(leg.m[kind]), leg.m[kind], big)
        if v is None or not leg.spec.linked or k == 0:
            start = 0.0 if v is None else float(pick(v))
            v = pick(mat, axis=0) + start
        else:
            v = pick(v[:, None] + mat, axis=0)
    if v is None:
        return float("nan")
    out = float(pick(v))
    return out if np.isfinite(out) else float("nan")


@dataclass
class RouteReport:
    """The evaluated route: legs, totals and claim verdicts."""

    spec: RouteSpec
    legs: list[LegResult]
    claims: list[dict[str, Any]]
    lifts: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)

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
            origins, o_label = _resolve_all(ls.origin)
        leg = _leg(ls, origins, o_label, extra)
        if not _any(leg.m["low"]):
            why = "; ".join(leg.notes) or "no mode serves it"
            raise UnreachableError(f"leg {ls.number} ({o_label} to {leg.destination_label} by "
                                   f"{'/'.join(ls.modes)}) cannot be estimated: {why}")
        legs.append(leg)
    report = RouteReport(spec, legs, [])
    for ls in spec.legs:
        if ls.claim:
            report.claims.append(check_claim(report, ClaimSpec(ls.claim, (ls.number, ls.number), line=ls.line)))
    for cs in spec.claims:
        if cs.troops is None:
            report.claims.append(check_claim(report, cs))
    from routes import timeline

    report.timeline = timeline.arrivals(report)
    report.lifts = timeline.lifts(report)
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
    )
    if est.low_km is not None and est.high_km is not None:
        est.distance_km = (est.low_km + est.high_km) / 2
    geo_low = tot["geodesic_low_km"] or 0.0
    v: Verdict = judge(claim, [est], "route", geo_low, label)
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
        "modes": [est.to_json(v.fits.get("route"))],
        "verdict": v.verdict,
        "summary": v.summary,
        "flags": v.flags,
        "reasons": v.reasons,
        "alternatives": [a.to_json() for a in v.alternatives],
        "sources": sources,
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
