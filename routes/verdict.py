"""Claim x mode estimates -> Verdict: consistent / inconsistent / unverifiable, with flags and alternatives."""

from __future__ import annotations

import math
from typing import Any

from routes import tolerance
from routes.claims import Claim
from routes.contract import CONSISTENT, INCONSISTENT, UNVERIFIABLE, Alternative, Verdict
from routes.modes.base import ModeEstimate
from routes.units import H_PER_UNIT, KM_PER_UNIT


def fit(lo: Any, hi: Any, a: Any, b: Any) -> Any:
    """The one overlap rule: whether claim interval [lo, hi] meets a model range [a, b].

    Works on scalars and on numpy arrays alike (an open claim has ``hi = inf``); every verdict in
    routecheck (verify, batch, route claims, timeline windows, lift feasibility) reduces to this test.
    """
    return (hi >= a) & (lo <= b)


def overlaps(lo: float, hi: float | None, a: float | None, b: float | None) -> bool | None:
    """Whether interval [lo, hi] (hi None = open) meets [a, b]; None when [a, b] is unknown."""
    if a is None or b is None:
        return None
    return bool(fit(lo, math.inf if hi is None else hi, a, b))


def judge_arrays(lo: Any, hi: Any, ranges: list[tuple[str, Any, Any]], geodesic_low_km: Any,
                 slack_km: Any = 0.0) -> tuple[Any, Any]:
    """Vectorised :func:`judge` for distance claims under ``any`` mode: (verdict strings, below-geodesic flags).

    ``lo``/``hi`` are claim intervals in km (``hi = inf`` when open); ``ranges`` holds one (mode, low, high)
    per mode, widened here by the same tolerance model as :func:`judge`. A claim is consistent when it fits
    some mode's tolerant range and is not below the geodesic floor.
    """
    import numpy as np

    below = hi < tolerance.geodesic_floor(geodesic_low_km, slack_km)
    fits = np.zeros(np.shape(lo), dtype=bool)
    for mode, a, b in ranges:
        fits |= fit(lo, hi, *tolerance.widen(mode, a, b, slack_km))
    verdict = np.where(fits & ~below, CONSISTENT, INCONSISTENT)
    return verdict, below


def decide(fits: bool | None) -> str:
    """The verdict word for a fit: consistent, inconsistent, or unverifiable when nothing could be compared."""
    if fits is None:
        return UNVERIFIABLE
    return CONSISTENT if fits else INCONSISTENT


def tolerant_km(est: ModeEstimate, slack_km: float) -> tuple[float, float] | None:
    """A mode's distance range after the tolerance model (its band and the places' sizes), or None."""
    if est.low_km is None or est.high_km is None:
        return None
    return tolerance.widen(est.mode, est.low_km, est.high_km, slack_km, est.band)


def mode_fits(claim: Claim, est: ModeEstimate, slack_km: float = 0.0) -> bool | None:
    """Whether a claim fits one mode's tolerant range (None when the mode has no figure of that kind)."""
    if not est.available:
        return None
    rng = tolerant_km(est, slack_km)
    if claim.kind == "distance":
        return None if rng is None else overlaps(claim.low, claim.high, *rng)
    if rng is not None and est.duration_h_low is not None and est.low_km and est.high_km:
        # a shorter honest distance is also a quicker trip: durations scale with the tolerant distance range
        return overlaps(claim.low, claim.high, est.duration_h_low * rng[0] / est.low_km,
                        None if est.duration_h_high is None else est.duration_h_high * rng[1] / est.high_km)
    return overlaps(claim.low, claim.high, est.duration_h_low, est.duration_h_high)


def central_fit(claim: Claim, est: ModeEstimate) -> bool:
    """A stronger fit for re-read claims: one interval's central figure lies inside the other's range.

    Used for the unit-swap test, so that a swapped reading which only grazes a range's edge is not
    offered as an explanation.
    """
    if not mode_fits(claim, est):
        return False
    if claim.kind == "distance":
        lo, hi, mid = est.low_km, est.high_km, est.distance_km
    else:
        lo, hi = est.duration_h_low, est.duration_h_high
        mid = None if lo is None or hi is None else (lo + hi) / 2
    if lo is None or hi is None:
        return False
    inside_mode = lo <= claim.central <= hi
    inside_claim = mid is not None and claim.low <= mid <= (claim.high if claim.high is not None else mid)
    return inside_mode or inside_claim


def _fmt(x: float | None, unit: str) -> str:
    return "?" if x is None else f"{x:,.0f} {unit}"


def _range(a: float | None, b: float | None, unit: str) -> str:
    if a is None or b is None:
        return "n/a"
    if round(a) == round(b):
        return _fmt(a, unit)
    return f"{a:,.0f}-{b:,.0f} {unit}"


def unit_swaps(claim: Claim) -> list[Claim]:
    """The claim re-read with each other unit of its kind (km <-> mi <-> nmi; h <-> d <-> wk)."""
    units = KM_PER_UNIT if claim.kind == "distance" else H_PER_UNIT
    return [claim.reinterpret(u) for u in units if u != claim.unit]


def judge(
    claim: Claim | None,
    estimates: list[ModeEstimate],
    stated_mode: str | None,
    geodesic_low_km: float,
    route_label: str,
    ambiguous: bool = False,
    slack_km: float = 0.0,
) -> Verdict:
    """Judge a claim against the estimates of each mode.

    Parameters
    ----------
    claim
        The parsed claim, or None (then the verdict is ``unverifiable`` and only ranges are reported).
    estimates
        One estimate per mode considered.
    stated_mode
        The mode the claim or the user names (None: any mode may explain it).
    geodesic_low_km
        The smallest geodesic distance over the candidates: the hard lower bound in km.
    route_label
        "A to B", used in the sentences.
    ambiguous
        Whether a place name had other comparable matches (raises ``ambiguous_place``).
    slack_km
        The places' size allowance of the tolerance model (:func:`routes.tolerance.endpoint_slack_km`).
    """
    v = Verdict(verdict=UNVERIFIABLE)
    _carry_flags(v, estimates, stated_mode, ambiguous)
    if claim is None:
        v.reasons.append("no claim given: the ranges above are what the geography allows")
        v.summary = f"No claim to check; ranges for {route_label} are shown."
        return v
    v.fits = {e.mode: mode_fits(claim, e, slack_km) for e in estimates}
    considered = [e for e in estimates if stated_mode in (None, e.mode)]
    usable = [e for e in considered if e.available]
    quoted = f"'{claim.text.strip()}' ({claim.describe()})"

    floor = tolerance.geodesic_floor(geodesic_low_km, slack_km)
    if claim.kind == "distance" and claim.high is not None and claim.high < floor:
        v.verdict = INCONSISTENT
        v.add_flag("below_geodesic_minimum")
        v.reasons.append(
            f"{quoted} is shorter than the geodesic minimum of {geodesic_low_km:,.0f} km for {route_label}: "
            f"no path between these places can be that short (even allowing {geodesic_low_km - floor:,.0f} km for "
            "spherical calculators and the size of the places)"
        )
    if claim.kind == "duration" and _outer_fit(claim, usable, slack_km) is None:
        _check_speed(v, claim, usable or [e for e in estimates if e.available], slack_km, route_label)
    if not usable:
        _no_coverage(v, considered, stated_mode, route_label)
    else:
        fitting = [e for e in usable if v.fits.get(e.mode)]
        if fitting and v.verdict != INCONSISTENT:
            v.verdict = CONSISTENT
            names = ", ".join(e.mode for e in fitting)
            v.reasons.append(f"{quoted} overlaps the {names} range for {route_label}")
        elif not fitting:
            _no_fit(v, claim, estimates, usable, stated_mode, slack_km)
        v.off_by = how_far(claim, fitting or usable)
        if v.off_by and v.off_by["gap"] > 0:
            v.reasons.append(_off_sentence(v.off_by))
    v.summary = _summary(v, quoted, route_label)
    return v


def _carry_flags(v: Verdict, estimates: list[ModeEstimate], stated_mode: str | None, ambiguous: bool) -> None:
    """Flags the considered estimates raised (coverage notes only when a mode was stated)."""
    if ambiguous:
        v.add_flag("ambiguous_place")
        v.reasons.append("a place name is ambiguous; the most prominent match was used (see 'others')")
    for est in estimates:
        if stated_mode not in (None, est.mode):
            continue
        for f in est.flags:
            # under "any mode", a mode that cannot serve these places is just not considered, and a
            # rail gap note stays with the rail estimate
            if stated_mode is None and f in ("no_network_coverage", "network_gap"):
                continue
            v.add_flag(f)


def _no_coverage(v: Verdict, considered: list[ModeEstimate], stated_mode: str | None, label: str) -> None:
    """No considered mode can serve the places: unverifiable, unless the geodesic already ruled the claim out."""
    if any(not e.available for e in considered):
        v.add_flag("no_network_coverage")
    if v.verdict != INCONSISTENT:
        v.verdict = UNVERIFIABLE
        v.reasons.append(f"{stated_mode or 'any mode'} has no coverage for {label}, so the claim cannot be checked")
        v.reasons.extend(f"{e.mode}: {e.note}" for e in considered if e.note)


def _outer_fit(claim: Claim, usable: list[ModeEstimate], slack_km: float) -> ModeEstimate | None:
    """A usable estimate whose physical envelope (not its modelled range) meets a distance claim."""
    for e in usable:
        if e.outer_low_km is None or e.outer_high_km is None:
            continue
        lo, hi = tolerance.widen("geodesic", e.outer_low_km, e.outer_high_km, slack_km)
        if claim.kind == "duration" and e.outer_h is not None:
            lo, hi = e.outer_h
        elif claim.kind == "duration":  # the same envelope in hours, at the mode's own speeds
            if not (e.low_km and e.high_km and e.duration_h_low is not None and e.duration_h_high is not None):
                continue
            lo, hi = e.duration_h_low * lo / e.low_km, e.duration_h_high * hi / e.high_km
        if overlaps(claim.low, claim.high, lo, hi):
            return e
    return None


def _no_fit(v: Verdict, claim: Claim, estimates: list[ModeEstimate], usable: list[ModeEstimate],
            stated_mode: str | None, slack_km: float = 0.0) -> None:
    """The claim meets no usable range: inconsistent (with what did not fit and what would), or unverifiable
    when it lies inside a mode's physical envelope that the model does not resolve."""
    outer = _outer_fit(claim, usable, slack_km) if v.verdict != INCONSISTENT else None
    if outer is not None:
        v.verdict = UNVERIFIABLE
        v.add_flag("outside_model")
        v.reasons.append(f"{outer.mode}: the figure lies outside the modelled range "
                         f"({_range(outer.low_km, outer.high_km, 'km')}) but within what the mode can cover "
                         f"(from {_range(outer.outer_low_km, outer.outer_high_km, 'km')}): {outer.outer_note}")
        if claim.kind == "duration" and outer.outer_h is not None:
            v.reasons[-1] = f"{outer.mode}: {outer.outer_h_note}"
        return
    if v.verdict != INCONSISTENT or claim.kind == "distance":
        v.verdict = INCONSISTENT
    for e in usable:
        if v.fits.get(e.mode) is None:
            continue
        rng = (_range(e.low_km, e.high_km, "km") if claim.kind == "distance"
               else _range(e.duration_h_low, e.duration_h_high, "h"))
        v.reasons.append(f"{e.mode}: {rng} does not overlap {claim.describe()}")
    others = [e for e in estimates if e.available and e not in usable and v.fits.get(e.mode)]
    if stated_mode and others:
        v.add_flag("mode_mismatch")
        v.reasons.append(f"the claim fits {', '.join(e.mode for e in others)} but not the stated mode {stated_mode}")
    for swapped in unit_swaps(claim):
        if any(central_fit(swapped, e) for e in usable):
            v.add_flag("unit_suspect")
            v.reasons.append(f"read as {claim.value:,g} {swapped.unit} ({swapped.describe()}) instead of "
                             f"{claim.unit}, the figure would fit")
            break


def how_far(claim: Claim, estimates: list[ModeEstimate]) -> dict[str, Any] | None:
    """How far the claim's figure lies from the nearest modelled range: the gap, per cent, and which mode.

    The gap is 0 when the figure lies inside a range. It is measured from the claim's own figure to the nearest
    edge of the model range (before tolerance), so it reads "the claim is 15% below the shortest rail route".
    """
    best: dict[str, Any] | None = None
    unit = "km" if claim.kind == "distance" else "h"
    for e in estimates:
        lo, hi = (e.low_km, e.high_km) if unit == "km" else (e.duration_h_low, e.duration_h_high)
        if lo is None or hi is None or hi <= 0:
            continue
        x = claim.central
        edge = min(max(x, lo), hi)
        gap = x - edge
        if best is None or abs(gap) < best["gap"] - 0.5:  # ties go to the first mode (the geodesic)
            best = {"mode": e.mode, "unit": unit, "nearest": round(edge, 1), "gap": round(abs(gap), 1),
                    "percent": round(100 * gap / edge, 1) if edge else 0.0,
                    "direction": "below" if gap < 0 else "above" if gap > 0 else "inside"}
    return best


def _off_sentence(off: dict[str, Any]) -> str:
    edge = "shortest" if off["direction"] == "below" else "longest"
    return (f"the claim's figure is {abs(off['percent']):.1f}% ({off['gap']:,.0f} {off['unit']}) {off['direction']} "
            f"the {edge} {off['mode']} figure ({off['nearest']:,.0f} {off['unit']})")


def _check_speed(v: Verdict, claim: Claim, usable: list[ModeEstimate], slack_km: float, label: str) -> None:
    """Flag a duration that needs a faster average speed, over each mode's own shortest honest route, than that
    mode's fastest vehicle class can give."""
    if claim.high is None or claim.high <= 0:
        return
    worst: tuple[float, float, float, str] | None = None  # (needed km/h, best km/h, km, mode) of the closest mode
    for e in usable:
        rng = tolerant_km(e, slack_km)
        if rng is None or not e.duration_h_low or not e.low_km or e.duration_h_low <= 0:
            continue
        best = e.low_km / e.duration_h_low
        needed = rng[0] / claim.high
        if needed <= best:
            return  # some considered mode is fast enough
        if worst is None or needed / best < worst[0] / worst[1]:
            worst = (needed, best, rng[0], e.mode)
    if worst is not None:
        v.verdict = INCONSISTENT
        v.add_flag("implausible_speed")
        v.reasons.append(
            f"covering at least {worst[2]:,.0f} km by {worst[3]} for {label} within {claim.high:,.1f} h needs "
            f"{worst[0]:,.0f} km/h on average; its fastest vehicle class manages about {worst[1]:,.0f} km/h"
        )


def _summary(v: Verdict, quoted: str, label: str) -> str:
    if v.verdict == CONSISTENT:
        return f"Consistent: {quoted} fits {label}."
    if v.verdict == INCONSISTENT:
        lead = next((r for r in v.reasons if not r.startswith("a place name is ambiguous")), "it fits no mode")
        return f"Inconsistent: {lead}."
    lead = next((r for r in v.reasons if "has no coverage" in r), v.reasons[-1] if v.reasons else "no coverage")
    return f"Unverifiable: {lead}."


def rank_alternatives(alts: list[Alternative], limit: int = 3) -> list[Alternative]:
    """The best ``limit`` alternatives: highest score first, ties broken by description."""
    seen: set[str] = set()
    out: list[Alternative] = []
    for a in sorted(alts, key=lambda a: (-a.score, a.description)):
        if a.description in seen:
            continue
        seen.add(a.description)
        out.append(a)
    return out[:limit]
