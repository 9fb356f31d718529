"""Search for substitutions that would make a failing claim fit: another endpoint, unit or mode."""

from __future__ import annotations

import math

from routes import gazetteer, modes
from routes.claims import Claim
from routes.contract import Alternative
from routes.geodesy import distance_km
from routes.modes.base import Leg, ModeOptions
from routes.places import Place, from_record
from routes.verdict import central_fit, mode_fits, rank_alternatives, unit_swaps


def how(mode: str) -> str:
    """Plain-English phrase for a mode ("as the crow flies", "by rail")."""
    return modes.phrase(mode)


def span_km(lo: float | None, hi: float | None) -> str:
    """A km range without false precision ("6,434 km" when both ends round alike)."""
    if lo is None or hi is None:
        return "n/a"
    return f"{lo:,.0f} km" if round(lo) == round(hi) else f"{lo:,.0f}-{hi:,.0f} km"


MIN_POPULATION = 300_000  # substitute cities: at least this many people (GeoNames population)
NEAR_KM = 400.0  # ... or any city of 100,000+ within this distance of either endpoint
NEAR_POPULATION = 100_000
CURATED_KINDS = ("airbase", "naval_base", "port")
# Ranking: how close the claim's figure lands to the alternative's distance (relative error), plus a small
# bonus for prominence (0.01 per decade of population, 0.03 for a capital) and for a minimal change of
# mode or unit (0.1). So the capital at 0.5 % error beats a provincial city at 5 %.
CAPITAL_BONUS = 0.03
POPULATION_WEIGHT = 0.01
SMALL_CHANGE_BONUS = 0.1
MAX_MODE_FACTOR = 1.6  # no mode's route is longer than this times the geodesic, for a substitute worth testing
MAX_TESTED = 30  # the most prominent substitutes in the geodesic window that are evaluated with every mode


def _substitutes(anchor: Place) -> list[tuple[Place, float]]:
    """Places that a reporter might have meant instead of ``anchor``, with a prominence score."""
    out: dict[str, tuple[Place, float]] = {}
    countries = sorted({p.country for p in anchor.points() if p.country})
    for cc in countries:
        cap = gazetteer.capital(cc)
        for rec in gazetteer.major_places(cc, MIN_POPULATION, CURATED_KINDS):
            score = POPULATION_WEIGHT * math.log10(max(rec.score, 10.0))
            if rec.kind == "city" and rec.name == cap:
                score += CAPITAL_BONUS
            out[rec.ident] = (from_record(rec.name, rec), score)
        for rec in gazetteer.major_places(cc, NEAR_POPULATION):
            if rec.ident not in out:
                out[rec.ident] = (from_record(rec.name, rec), POPULATION_WEIGHT * math.log10(max(rec.score, 10.0)))
    idents = {p.ident for p in anchor.points()}
    names = {p.name for p in anchor.points()}
    return [(p, s) for key, (p, s) in sorted(out.items()) if key not in idents and p.name not in names]


def _error(central: float, distance: float | None) -> float:
    """Relative gap between a claimed figure and an alternative's distance."""
    if distance is None or central <= 0:
        return 1.0
    return abs(distance - central) / central


def _fits_any(claim: Claim, legs: list[Leg], mode_names: list[str], strict: bool = False) -> tuple[str, float] | None:
    test = central_fit if strict else mode_fits
    for name in mode_names:
        est = modes.estimator(name)(legs, ModeOptions())
        if test(claim, est):
            return name, est.distance_km or 0.0
    return None


def search(claim: Claim, origin: Place, destination: Place, mode: str, options: ModeOptions,
           limit: int = 3) -> list[Alternative]:
    """The best ``limit`` substitutions that make ``claim`` fit, most plausible first.

    Tried, in order of how small a change they are: another mode, another unit, then another endpoint
    (the capital, major cities, bases and ports of either end's country, or big cities near either end).
    Endpoint substitutions rank by prominence (log10 population; capitals first).
    """
    alts: list[Alternative] = []
    legs = [Leg(origin, destination)]
    stated = mode != "any"
    all_modes = modes.names()
    mode_names = [mode] if stated else all_modes
    if stated:
        for name in all_modes:
            if name == mode:
                continue
            est = modes.estimator(name)(legs, ModeOptions())
            if mode_fits(claim, est):
                alts.append(Alternative(f"{how(name)} instead of {how(mode)}: {span_km(est.low_km, est.high_km)}",
                                        origin.label(), destination.label(), name, est.distance_km,
                                        SMALL_CHANGE_BONUS - _error(claim.central, est.distance_km)))
        own = modes.estimator(mode)(legs, options)
        if own.available and claim.kind == "distance" and own.low_km is not None and own.distance_km is not None:
            alts.append(Alternative(
                f"the {mode} distance {origin.label()} to {destination.label()} is "
                f"{span_km(own.low_km, own.high_km)}; a figure of about {own.distance_km:,.0f} km would fit",
                origin.label(), destination.label(), mode, own.distance_km, SMALL_CHANGE_BONUS))
    for swapped in unit_swaps(claim):
        hit = _fits_any(swapped, legs, mode_names, strict=True)
        if hit:
            alts.append(Alternative(f"read as {claim.value:,g} {swapped.unit} instead of {claim.unit}",
                                    origin.label(), destination.label(), hit[0], hit[1],
                                    SMALL_CHANGE_BONUS - _error(swapped.central, hit[1])))
    bulk = [m for m in mode_names if m in modes.bulk()]
    if claim.kind == "distance" and bulk:
        alts.extend(_endpoint_swaps(claim, origin, destination, bulk))
    return rank_alternatives(alts, limit)


def _endpoint_swaps(claim: Claim, origin: Place, destination: Place, mode_names: list[str]) -> list[Alternative]:
    out: list[Alternative] = []
    for fixed, moving, fixed_is_origin in ((origin, destination, True), (destination, origin, False)):
        subs = _substitutes(moving)
        if not subs:
            continue
        high = claim.high if claim.high is not None else math.inf
        # the geodesic alone rules out most substitutes: no mode is shorter, none is 1.6x longer. The sphere (within
        # 0.6 % of it; 1 % allowed) rules out most first, so that only the few near the window get an exact geodesic
        lo_km = claim.low / MAX_MODE_FACTOR
        near = sorted(_near_window(fixed, subs, lo_km / 1.01, high * 1.01), key=lambda t: (-t[1], t[0].ident))
        window: list[tuple[Place, float]] = []
        for sub, score in near:  # most prominent first; the exact geodesic only until MAX_TESTED are in
            if len(window) == MAX_TESTED:
                break
            if lo_km <= min(distance_km(q.lat, q.lon, sub.lat, sub.lon) for q in fixed.points()) <= high:
                window.append((sub, score))
        for sub, score in window:
            legs = [Leg(fixed, sub)] if fixed_is_origin else [Leg(sub, fixed)]
            hit = _fits_any(claim, legs, mode_names)
            if not hit:
                continue
            o, d = (fixed, sub) if fixed_is_origin else (sub, fixed)
            what = how(hit[0])
            out.append(Alternative(
                f"{o.label()} to {d.label()}: {hit[1]:,.0f} km {what} fits the claim",
                o.label(), d.label(), hit[0], hit[1], score - _error(claim.central, hit[1]),
            ))
    return out


def _near_window(fixed: Place, subs: list[tuple[Place, float]], low: float, high: float) -> list[tuple[Place, float]]:
    """The substitutes whose spherical distance from a point of ``fixed`` falls within [low, high]."""
    import numpy as np

    from routes.geodesy import sphere_km

    lat = np.array([p.lat for p, _ in subs], dtype=float)
    lon = np.array([p.lon for p, _ in subs], dtype=float)
    d = np.stack([sphere_km(q.lat, q.lon, lat, lon) for q in fixed.points()]).min(axis=0)
    return [s for s, k in zip(subs, d.tolist(), strict=True) if low <= k <= high]
