"""The verify pipeline: places + claim + modes -> a Report (the ``routecheck verify`` JSON contract)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from routes import modes, phrases, sources
from routes.claims import Claim
from routes.claims import parse as parse_claim
from routes.contract import CONSISTENT, INCONSISTENT, UNVERIFIABLE, Report, Verdict
from routes.datafiles import read_table
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
    context: str = "",
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
    context
        Words around the claim that may name its route ("via the Northern Sea Route" in the same clause of an
        article): their routing phrases count as the claim's own.
    """
    if mode != "any" and mode not in modes.names():
        raise RouteCheckError(f"unknown mode {mode!r}; choose from {', '.join(['any', *modes.names()])}")
    o = origin if isinstance(origin, Place) else resolve(origin)
    d = destination if isinstance(destination, Place) else resolve(destination)
    stops = [resolve(v) for v in via or []]
    o, d = in_context(o, d), in_context(d, o)
    c = claim if isinstance(claim, Claim) or claim is None else parse_claim(claim)
    if c is not None and c.mode_implied and mode != "any":
        c = replace(c, mode=None, mode_implied=False)  # an explicit --mode beats a mode implied by the unit
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
    routing = phrases.routing(f"{c.text} {context}".strip()) if c is not None else []
    extra = _routing_options(routing, extra)
    options = ModeOptions(vehicle=vehicle, via=tuple(stops), extra=tuple(sorted((extra or {}).items())))
    estimates = run_modes(legs, eff_mode, options)
    lo, hi, mid = geodesic_range(legs)
    label = " to ".join(p.label() for p in [o, *stops, d])
    stated = None if eff_mode == "any" else eff_mode
    slack = endpoint_slack_km(o, d)
    verdict = judge(c, estimates, stated, lo, label, ambiguous=any(p.ambiguous for p in [o, d, *stops]),
                    slack_km=slack)
    if c is not None and verdict.verdict == "inconsistent" and not stops:
        _other_readings(verdict, c, o, d, eff_mode, vehicle, extra)
    if c is not None:
        _unmodelled(verdict, routing, stated, vehicle, estimates)
    if alternatives and c is not None and verdict.verdict != "consistent" and not stops:
        from routes.alternatives import search

        verdict.alternatives = search(c, o, d, eff_mode, options)
    consulted = _sources(o, d, stops, estimates, c)
    tol = {"slack_km": round(slack, 1), "rule": rule_text(slack),
           "modes": {e.mode: [round(x, 1) for x in rng] for e in estimates if (rng := tolerant_km(e, slack))}}
    report = Report(o, d, stops, c, mid, lo, hi, estimates, verdict, consulted, tol)
    report.sources_used = sources_used(report)
    return report


CONTEXT_RATIO = 5.0  # a match this much less prominent may still be chosen by context
CONTEXT_DISTANCE_RATIO = 3.0  # ... when it is at least this many times nearer the other end


def in_context(place: Place, other: Place) -> Place:
    """Among an ambiguous name's comparable matches, the one nearest the other end of the claim.

    "Odessa" to Istanbul is Odesa, Ukraine, not Odessa, Texas; the name stays flagged as ambiguous and the
    others are still listed. Unambiguous places and candidate sets are returned as they are.
    """
    if not place.others or place.is_set:
        return place
    from routes.geodesy import distance_km

    ref = other.points()[0]

    def far(p: Place) -> float:
        return distance_km(p.lat, p.lon, ref.lat, ref.lon)

    # only a comparable match may replace the most prominent one (a village named New York does not)
    options = [replace(place, others=()),
               *(p for p in place.others if p.population * CONTEXT_RATIO >= place.population)]
    best = min(options, key=lambda p: (far(p), p.ident))
    if best.ident == place.ident or far(best) * CONTEXT_DISTANCE_RATIO > far(place):
        return place
    return replace(best, others=tuple(p for p in options if p.ident != best.ident))


def _routing_options(rows: list[dict[str, str]], extra: dict[str, Any] | None) -> dict[str, Any]:
    """Mode options a claim's words imply ("via the Cape of Good Hope": avoid Suez), added to the user's."""
    out = dict(extra or {})
    for row in rows:
        if row["action"] == "avoid_passage":
            out["avoid_passage"] = tuple(sorted({*out.get("avoid_passage", ()), row["value"]}))
        elif row["action"] == "via_passage" and "via_passage" not in out:  # the first passage named counts
            out["via_passage"] = row["value"]
    return out


def _unmodelled(verdict: Verdict, rows: list[dict[str, str]], stated: str | None, vehicle: str | None,
                estimates: Sequence[ModeEstimate] = ()) -> None:
    """A route or vehicle the claim names that the model lacks: unverifiable with a reason and a next step.

    A passage the published sea table has for this pair (``value``: "northern_sea_route") is modelled after all.
    """
    tabled = {r["via"] for e in estimates for r in (e.details or {}).get("published_routes", [])}
    for row in rows:
        if row["value"] and row["value"] in tabled:
            continue
        applies = row["action"] == "unmodelled" or (row["action"] == "unmodelled_unless_vehicle" and not vehicle
                                                    and verdict.verdict == INCONSISTENT)
        if applies and (not row["mode"] or stated in (None, row["mode"])):
            verdict.verdict = UNVERIFIABLE
            verdict.add_flag("not_modelled")
            verdict.reasons.insert(0, f"{row['reason']}; next step: {row['next_step']}")
            verdict.summary = f"Unverifiable: {row['reason']}."
            return


MAX_READINGS = 4  # other matches of an ambiguous name tried before a claim is called inconsistent


def _other_readings(verdict: Verdict, c: Claim, o: Place, d: Place, mode: str, vehicle: str | None,
                    extra: dict[str, Any] | None) -> None:
    """An ambiguous name that another match would make fit: unverifiable, never inconsistent.

    A fact-checker must not publish a debunk that rests on our guess of which Quincy was meant.
    """
    readings = [(x, d) for x in o.others[:MAX_READINGS]] + [(o, y) for y in d.others[:MAX_READINGS]]
    for a, b in readings:
        try:
            other = verify(a, b, c, mode=mode, vehicle=vehicle, alternatives=False, extra=extra)
        except RouteCheckError:
            continue
        if other.verdict.verdict != INCONSISTENT:
            verdict.verdict = UNVERIFIABLE
            verdict.add_flag("ambiguous_place")
            how = "fits" if other.verdict.verdict == CONSISTENT else "cannot be ruled out"
            verdict.flags = [f for f in verdict.flags if f != "below_geodesic_minimum"]
            verdict.reasons.insert(0, f"ambiguous place: the claim {how} if the places are {a.label()} "
                                      f"({a.lat:.2f}, {a.lon:.2f}) and {b.label()} ({b.lat:.2f}, {b.lon:.2f}); "
                                      "name the country ('Name, CC') or give coordinates to decide")
            verdict.summary = f"Unverifiable: {verdict.reasons[0]}."
            return


def sources_used(report: Report) -> list[dict[str, Any]]:
    """The sources behind the verdict only, as structured entries (``sources_used`` in the JSON).

    The places, the modes that decided (those that fit; else the stated mode, the nearest one and, for a figure
    below the bound, the geodesic), the tolerance rule and the claim rules. ``sources`` keeps everything consulted.
    """
    v = report.verdict
    deciding = {m for m, f in v.fits.items() if f}
    if not deciding:
        stated = report.claim.mode if report.claim is not None else None
        deciding = {x for x in (stated, (v.off_by or {}).get("mode")) if x}
        if "below_geodesic_minimum" in v.flags:
            deciding.add(modes.bound())
    timed = report.claim is not None and report.claim.kind == "duration"
    out: list[dict[str, Any]] = []
    for p in [report.origin, *report.via, report.destination]:
        for q in p.points()[:3]:
            out.append({"for": f"place {q.label()}", "citation": q.source})
    for e in report.estimates:
        if e.mode in deciding:
            out.extend({"for": f"{e.mode} figure", "citation": s} for s in e.sources[:2])
            weak = [s for s in e.sources[2:] if (timed or not s.startswith(("data/modes/", "data/vehicles/")))
                    and _weak_only(sources.for_citation(s))]  # speeds and stops count for durations only
            out.extend({"for": f"{e.mode} figure", "citation": s} for s in weak[:1])  # a weak row says so
    if report.claim is not None:
        out.append({"for": "tolerance", "citation": "routecheck tolerance model, data/modes/tolerance.csv "
                                                    "(README, 'Tolerances')"})
        out.append({"for": "claim reading", "citation": CLAIM_RULES_SOURCE})
    seen: set[str] = set()
    unique = [x for x in out if not (x["citation"] in seen or seen.add(x["citation"]))]  # type: ignore[func-returns-value]
    bands = [i for r in read_table("modes/tolerance.csv") if r["mode"] in deciding
             for i in sources.split_ids(r.get("source_ids", ""))]  # the evidence of the bands that were applied
    return [_with_registry(x, bands if x["for"] == "tolerance" else []) for x in unique]


def _weak_only(found: list[sources.Source]) -> bool:
    return bool(found) and all(s.weak for s in found)


def _with_registry(entry: dict[str, Any], ids: list[str]) -> dict[str, Any]:
    """A ``sources_used`` entry with its registry rows (``source_ids``, ``registry``, ``weak_sources``)."""
    found = sources.cite([*sources.ids_for_citation(entry["citation"]), *ids])
    return {**entry, "source_ids": [s.id for s in found], "registry": [s.to_dict() for s in found],
            "weak_sources": _weak_only(found)}


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
