"""The verify pipeline: places + claim + modes -> a Report (the ``routecheck verify`` JSON contract)."""

from __future__ import annotations

import itertools
from typing import Any

from routes import modes
from routes.claims import Claim
from routes.claims import parse as parse_claim
from routes.contract import Report
from routes.errors import RouteCheckError, UnreachableError
from routes.modes.base import Leg, ModeEstimate, ModeOptions, geodesic_range
from routes.places import Place, resolve
from routes.tolerance import endpoint_slack_km, rule_text
from routes.verdict import judge, tolerant_km

CLAIM_RULES_SOURCE = "routecheck claim rules: hedge and precision intervals (README, 'How claims are read')"


def _legs(origin: Place, destination: Place, via: list[Place]) -> list[Leg]:
    stops = [origin, *via, destination]
    return [Leg(a, b) for a, b in itertools.pairwise(stops)]


def run_modes(legs: list[Leg], mode: str, options: ModeOptions) -> list[ModeEstimate]:
    """Estimates of every registered mode (so a claim can be matched to another mode).

    Vehicle and mode options go to the requested mode only; under ``any`` they go to every mode.
    """
    out = []
    for name in modes.names():
        opts = options if mode in ("any", name) else ModeOptions(extra=options.extra)
        try:
            out.append(modes.estimator(name)(legs, opts))
        except UnreachableError as exc:
            if name == mode:
                raise  # the user asked for this mode: an unreachable network is bad input (exit 2)
            out.append(ModeEstimate(name, None, None, None, note=exc.message, available=False))
    return out


def verify(
    origin: str | Place,
    destination: str | Place,
    claim: str | Claim | None = None,
    mode: str = "any",
    via: list[str] | None = None,
    vehicle: str | None = None,
    alternatives: bool = True,
    extra: dict[str, Any] | None = None,
) -> Report:
    """Check one claim between two places; the Python API behind ``routecheck verify``.

    Parameters
    ----------
    origin, destination
        Place texts (names, ``lat,lon``, ``Name, CC``, regions) or resolved Places.
    claim
        Claim text such as ``"nearly 6,400 km"``, a parsed Claim, or None for ranges only.
    mode
        ``any`` or a registered mode name (``geodesic``, ``air``, ...).
    """
    if mode != "any" and mode not in modes.names():
        raise RouteCheckError(f"unknown mode {mode!r}; choose from {', '.join(['any', *modes.names()])}")
    o = origin if isinstance(origin, Place) else resolve(origin)
    d = destination if isinstance(destination, Place) else resolve(destination)
    stops = [resolve(v) for v in via or []]
    c = claim if isinstance(claim, Claim) or claim is None else parse_claim(claim)
    if c is not None and c.mode and mode not in ("any", c.mode):
        raise RouteCheckError(f"the claim says {c.mode!r} but --mode is {mode!r}; drop one of them")
    eff_mode = c.mode if (c is not None and c.mode and mode == "any") else mode
    if eff_mode not in ("any", *modes.names()):
        eff_mode = "any"
    if vehicle and eff_mode == "any":
        inferred = modes.mode_for_vehicle(vehicle)
        if inferred is None:
            raise RouteCheckError(f"unknown vehicle {vehicle!r}: give an aircraft type (Il-76MD), a train class "
                                  "(military_echelon) or a ship class (ropucha), or --mode")
        eff_mode = inferred
    legs = _legs(o, d, stops)
    options = ModeOptions(vehicle=vehicle, via=tuple(stops), extra=tuple(sorted((extra or {}).items())))
    estimates = run_modes(legs, eff_mode, options)
    lo, hi, mid = geodesic_range(legs)
    label = " to ".join(p.label() for p in [o, *stops, d])
    stated = None if eff_mode == "any" else eff_mode
    slack = endpoint_slack_km(o, d)
    verdict = judge(c, estimates, stated, lo, label, ambiguous=any(p.ambiguous for p in [o, d, *stops]),
                    slack_km=slack)
    if alternatives and c is not None and verdict.verdict != "consistent" and not stops:
        from routes.alternatives import search

        verdict.alternatives = search(c, o, d, eff_mode, options)
    sources = _sources(o, d, stops, estimates, c)
    tol = {"slack_km": round(slack, 1), "rule": rule_text(slack),
           "modes": {e.mode: [round(x, 1) for x in rng] for e in estimates if (rng := tolerant_km(e, slack))}}
    return Report(o, d, stops, c, mid, lo, hi, estimates, verdict, sources, tol)


def _sources(o: Place, d: Place, via: list[Place], estimates: list[ModeEstimate], c: Claim | None) -> list[str]:
    out: list[str] = []
    for p in [o, *via, d]:
        for q in p.points():
            out.append(q.source)
    for e in estimates:
        out.extend(e.sources)
    if c is not None:
        out.append(CLAIM_RULES_SOURCE)
    seen: set[str] = set()
    return [s for s in out if not (s in seen or seen.add(s))]  # type: ignore[func-returns-value]
