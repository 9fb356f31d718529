"""Dated claims in route files: can the reported dates happen, by which modes, and what a
"N troops by DATE" claim requires of the lift.

Dates are whole days: an event "on the 23rd" may fall anywhere in that day, so a window between two
dates runs from (later first day - earlier last day) to (later last day + 1 - earlier first day).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from routes import modes
from routes.itinerary import LegResult, chain
from routes.modes.base import Leg, ModeOptions
from routes.places import Place
from routes.routefile import ClaimSpec
from routes.verdict import decide, overlaps

DAY_H = 24.0


def _window_h(start: tuple[dt.date, dt.date], end: tuple[dt.date, dt.date]) -> tuple[float, float]:
    lo = max((end[0] - start[1]).days, 0) * DAY_H
    hi = ((end[1] - start[0]).days + 1) * DAY_H
    return lo, hi


def _set_estimate(mode: str, origins: list[Place], destinations: list[Place],
                  vehicle: str | None = None) -> tuple[float, float] | None:
    """(fastest, slowest) duration in hours of one mode between two candidate sets, or None."""
    lows, highs = [], []
    for o in origins[:6]:
        for d in destinations[:6]:
            try:
                est = modes.estimator(mode)([Leg(o, d)], ModeOptions(vehicle=vehicle))
            except Exception:  # a mode that cannot serve a pair is simply not an option for it
                continue
            if est.available and est.duration_h_low is not None and est.duration_h_high is not None:
                lows.append(est.duration_h_low)
                highs.append(est.duration_h_high)
    return (min(lows), max(highs)) if lows else None


def _fmt_h(h: float) -> str:
    return f"{h:,.1f} h" if h < 48 else f"{h / 24:,.1f} days"


def arrivals(legs: list[LegResult]) -> list[dict[str, Any]]:
    """Check each dated arrival against the earliest dated event before it."""
    out: list[dict[str, Any]] = []
    anchor: tuple[int, tuple[dt.date, dt.date], str] | None = None  # (first leg after it, dates, what)
    for k, leg in enumerate(legs):
        if leg.spec.depart and (anchor is None or leg.spec.depart[0] >= anchor[1][0]):
            anchor = (k, leg.spec.depart, f"departure of leg {leg.spec.number}")
        if leg.spec.arrive and anchor is not None:
            first = anchor[0]
            span = legs[first: k + 1]
            w_lo, w_hi = _window_h(anchor[1], leg.spec.arrive)
            d_lo, d_hi = chain(span, "dur_low", "min"), chain(span, "dur_high", "max")
            item = _judge_window(span, w_lo, w_hi, d_lo, d_hi, anchor[2], leg)
            out.append(item)
        if leg.spec.arrive:
            anchor = (k + 1, leg.spec.arrive, f"arrival of leg {leg.spec.number}")
    return out


def _judge_window(span: list[LegResult], w_lo: float, w_hi: float, d_lo: float, d_hi: float, since: str,
                  leg: LegResult) -> dict[str, Any]:
    reported = ", ".join("/".join(x.spec.modes) for x in span)
    title = (f"arrival at {leg.destination_label} on {_dates(leg.spec.arrive)} after the {since}: "
             f"{_fmt_h(w_lo)} to {_fmt_h(w_hi)} available")
    flags: list[str] = []
    reasons = [f"as reported ({reported}): moving time {_fmt_h(d_lo)} to {_fmt_h(d_hi)}"]
    # the reported legs fit when their moving time meets the window [0, longest]: waiting is always possible
    fits = overlaps(0.0, w_hi, d_lo, d_hi) if np.isfinite(d_lo) and np.isfinite(d_hi) else None
    if fits is False:
        flags.append("implausible_timeline")
        reasons.append(f"even the fastest reading of the reported legs ({_fmt_h(d_lo)}) exceeds the longest "
                       f"window ({_fmt_h(w_hi)})")
    options: list[dict[str, Any]] = []
    for mode in modes.travel():
        rng = _set_estimate(mode, span[0].origins, leg.destinations)
        if rng is None:
            options.append({"mode": mode, "fits": None, "note": "cannot serve these places"})
            continue
        fits = bool(overlaps(0.0, w_hi, rng[0], rng[1]))
        options.append({"mode": mode, "duration_h_low": round(rng[0], 1), "duration_h_high": round(rng[1], 1),
                        "fits": fits})
        verdict = "fits" if fits else "too slow"
        if fits and rng[1] > w_hi:
            verdict = "fits only at its fastest"
        reasons.append(f"all the way by {mode} ({span[0].origin_label} to {leg.destination_label}): "
                       f"{_fmt_h(rng[0])} to {_fmt_h(rng[1])}: {verdict}")
    for ms in modes.specs():
        for vehicle in ms.timeline_vehicles:
            rng = _set_estimate(ms.name, span[0].origins, leg.destinations, vehicle)
            if rng is not None:
                verdict = "fits" if overlaps(0.0, w_hi, rng[0], rng[1]) else "too slow"
                reasons.append(f"  {ms.name} as a {vehicle.replace('_', ' ')}: {_fmt_h(rng[0])} to "
                               f"{_fmt_h(rng[1])}: {verdict}")
    return {"title": title, "kind": "arrival", "window_h": [round(w_lo, 1), round(w_hi, 1)],
            "reported_h": [round(d_lo, 1), round(d_hi, 1)], "options": options,
            "verdict": decide(fits), "flags": flags, "reasons": reasons}


def _dates(d: tuple[dt.date, dt.date] | None) -> str:
    if d is None:
        return "?"
    return d[0].isoformat() if d[0] == d[1] else f"{d[0].isoformat()} to {d[1].isoformat()}"


def lifts(claims: list[ClaimSpec], legs: list[LegResult]) -> list[dict[str, Any]]:
    """Check each "N troops by DATE" claim with the lift arithmetic on the leg its vehicle serves."""
    from routes.lift import lift_core, vehicle_class

    out = []
    for cs in claims:
        if cs.troops is None or cs.by is None:
            continue
        vc = vehicle_class(cs.vehicle or "il76md")
        k = next((i for i, leg in enumerate(legs) if vc.mode in leg.spec.modes), None)
        if k is None:
            out.append({"title": cs.text, "verdict": "unverifiable", "flags": [],
                        "reasons": [f"no leg of the route is by {vc.mode}, the mode of {vc.name}"]})
            continue
        leg = legs[k]
        start = next((x.spec.arrive for x in reversed(legs[:k]) if x.spec.arrive), None) or leg.spec.depart
        if start is None:
            out.append({"title": cs.text, "verdict": "unverifiable", "flags": [],
                        "reasons": ["no dated event before the lift leg to count the window from"]})
            continue
        w_lo, w_hi = _window_h(start, (cs.by, cs.by))
        one = (chain([leg], "dur_low", "min"), chain([leg], "dur_high", "max"))
        km = (chain([leg], "low", "min"), chain([leg], "high", "max"))
        res = lift_core(cs.troops, (w_lo, w_hi), vc, one, km, leg.origin_label, leg.destination_label,
                        [f"vehicle {vc.id}: {vc.source}"])
        res["title"] = (f"{cs.troops:,} troops by {cs.by.isoformat()} on leg {leg.spec.number} ({vc.name}), "
                        f"counting from {_dates(start)}")
        res["kind"] = "lift"
        out.append(res)
    return out
