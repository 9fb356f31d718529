"""Distances to areas (borders, regions, front lines) and what can reach what: ``verify --nearest`` and ``reach``.

The Python API for article mode and scripts::

    from routes.areas import check, reach
    report = check("Engels air base", "Ukraine", "about 300 miles from the Ukrainian border")
    report.verdict.verdict                        # 'consistent'
    report.to_json()["area"]["distance_km"]       # 480.0: to the nearest point of Ukraine's border
    reach("Ukraine", "Moscow", "Liutyi")["answer"]   # 'yes'

A distance to an area is the geodesic to the nearest point of its boundary (or line), found by
:func:`routes.nearest.nearest`; the verdict comes from the one verdict rule (:func:`routes.verdict.judge`) on
that geodesic, widened by the place's size, the area's resolution and the search's error bound.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from routes import defacto
from routes.areadata import Area, load_geojson, resolve_area
from routes.claims import Claim
from routes.claims import parse as parse_claim
from routes.contract import INCONSISTENT, Report
from routes.errors import AreaError, RouteCheckError
from routes.nearest import Nearest, nearest
from routes.places import Place, resolve
from routes.tolerance import endpoint_slack_km, rule_text, widen
from routes.verdict import fit, judge

FRONT_NEEDS_FILE = ("no front line is bundled (it moves from week to week): export the line you trust (DeepState, "
                    "ISW) as GeoJSON and pass it with --area FILE")

_FRONT = re.compile(r"\b(?:front[- ]?lines?|the front|line of (?:contact|hostilities|combat)|war zone|"
                    r"contact line|[\w]+[- ](?:held|controlled) territory)\b", re.I)
_TERRITORY = re.compile(r"\b(?:from|of)\s+(?P<adj>[A-Z][\w'-]+)\s+(?:territory|soil)\b")
_BEHIND = re.compile(r"\bbehind\b", re.I)
_INSIDE = re.compile(r"\b(?:inside|within|into)\s+(?:the\s+)?(?P<name>[^,.;()]+)", re.I)
_BORDER = re.compile(r"\b(?:from|of|to|off)\s+(?:the\s+)?(?:(?P<adj>[\w'-]+(?:\s+[\w'-]+)?)\s+)?"
                     r"(?:border|frontier)s?\b", re.I)
_FROM = re.compile(r"\b(?:from|of)\s+(?:the\s+)?(?:territory of\s+)?(?P<name>[A-Z][\w'-]+(?:[ -][A-Z][\w'-]+)*)")


@dataclass(frozen=True)
class AreaPhrase:
    """What a claim's words say about an area: the relation and, when named, the area's text."""

    relation: str  # border | inside | front | behind | area
    area_text: str | None


def area_phrase(text: str) -> AreaPhrase | None:
    """Read "from the Ukrainian border", "from Ukraine", "inside the Kursk region", "behind the front line".

    Returns None when the text says nothing about an area.
    """
    if _FRONT.search(text):
        return AreaPhrase("behind" if _BEHIND.search(text) else "front", None)
    m = _BORDER.search(text)
    if m:
        adj = m.group("adj")
        return AreaPhrase("border", f"{adj} border" if adj else None)
    m = _TERRITORY.search(text)
    if m:
        return AreaPhrase("area", f"{m.group('adj')} border")
    m = _INSIDE.search(text)
    if m:
        return AreaPhrase("inside", m.group("name").strip())
    m = _FROM.search(text)
    if m and resolve_area(m.group("name")) is not None:
        return AreaPhrase("area", m.group("name"))
    return None


@dataclass
class AreaReport(Report):
    """A verify Report measured to an area: the verify JSON plus an ``area`` object."""

    area: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The verify contract with ``area`` added (name, kind, source, nearest point, inside, distance)."""
        out = super().to_json()
        out["area"] = self.area
        return out


def find_area(text: str | Area | None, phrase: AreaPhrase | None = None) -> Area:
    """The area a check measures to: given (name, code or GeoJSON path), else the one the claim names."""
    if isinstance(text, Area):
        return text
    if text:
        area = resolve_area(text, loose=True)
        if area is None:
            raise AreaError(f"{text!r} names no area: give a country ('Ukraine', 'UA'), a region ('Kursk Oblast', "
                            "'RU-KRS') or a GeoJSON file")
        return area
    if phrase is not None and phrase.relation in ("front", "behind"):
        raise AreaError(f"the claim measures to the front line; {FRONT_NEEDS_FILE}")
    if phrase is not None and phrase.area_text:
        area = resolve_area(phrase.area_text, loose=True)
        if area is not None:
            return area
    raise AreaError("name the area to measure to (a country, a region or --area FILE), e.g. "
                    "'verify Engels Ukraine --nearest'")


def _point(place: str | Place) -> Place:
    p = place if isinstance(place, Place) else resolve(place)
    if p.is_set:
        raise RouteCheckError(f"{p.label()} is a set of places; measure from one place or 'lat,lon'")
    return p


def check(place: str | Place, area: str | Area | None = None, claim: str | Claim | None = None) -> AreaReport:
    """Check a distance claim from a place to an area's boundary ("about 600 km from the Ukrainian border").

    Parameters
    ----------
    place
        The place measured from (a name, ``lat,lon`` or a Place).
    area
        A country, a region, a GeoJSON path or an Area; None: the area the claim names.
    claim
        Claim text or a parsed Claim (None: the distance only). Its area words set the relation: "inside"
        and "behind the front line" require the place to lie inside the area.

    Returns
    -------
    AreaReport
        The verify Report (geodesic to the nearest boundary point) plus ``area``: name, kind, source, note,
        the nearest point, ``inside``, ``distance_km`` and ``error_bound_km`` (km).
    """
    from routes import modes
    from routes.modes.base import Leg, ModeOptions
    from routes.verify import CLAIM_RULES_SOURCE, sources_used

    c = claim if isinstance(claim, Claim) or claim is None else parse_claim(claim)
    phrase = area_phrase(c.text) if c is not None else None
    a = find_area(area, phrase)
    o = _point(place)
    n = nearest(o.lat, o.lon, a)
    if c is not None and c.mode not in (None, "geodesic"):
        c = replace(c, mode=None, mode_implied=False)  # a distance to an area is measured as the crow flies
    target = Place(query=f"nearest point of {a.name}", name=f"{a.name} (nearest boundary point)",
                   country=a.code[:2] if a.kind != "user" else "", lat=n.lat, lon=n.lon, kind="coordinates",
                   source=a.source)
    est = modes.estimator(modes.bound())([Leg(o, target)], ModeOptions())
    slack = endpoint_slack_km(o, target) + a.resolution_km + n.error_bound_km
    label = f"{o.label()} to {a.name}'s {'boundary' if a.polygonal else 'line'}"
    verdict = judge(c, [est], est.mode, n.distance_km, label, ambiguous=o.ambiguous, slack_km=slack)
    relation = phrase.relation if phrase else "nearest"
    _relation_rules(verdict, relation, o, a, n)
    df = defacto.band(o.lat, o.lon, a, n.distance_km) if relation in defacto.RELATIONS else None
    if df is not None:  # the de jure line may not be the one the reporter measured to
        defacto.apply(verdict, c, df, a.name, slack)
    sources = [o.source, a.source, *est.sources, *([CLAIM_RULES_SOURCE] if c is not None else [])]
    report = AreaReport(o, target, [], c, n.distance_km, n.distance_km, n.distance_km, [est], verdict, sources)
    report.tolerance = {"slack_km": round(slack, 1),
                        "rule": rule_text(slack) + f", the area's resolution ({a.resolution_km:g} km) and the "
                                                   f"search's error bound ({n.error_bound_km:.1g} km)",
                        "modes": {est.mode: [round(x, 1) for x in widen(est.mode, n.distance_km, n.distance_km,
                                                                        slack)]}}
    report.sources_used = [*sources_used(report), {"for": f"area {a.name}", "citation": a.source}]
    if df is not None and defacto.FLAG in verdict.flags:
        report.sources_used.append({"for": f"regions of {a.name} occupied (de facto band)",
                                    "citation": f"data/{defacto.OCCUPIED_FILE}: {'; '.join(df.occupation.sources)}"})
    report.area = area_json(a, n, relation)
    report.area["de_facto_band_km"] = df.to_json()["band_km"] if df is not None else None
    report.area["de_facto"] = df.to_json() if df is not None else None
    return report


def _relation_rules(verdict: Any, relation: str, o: Place, a: Area, n: Nearest) -> None:
    """'inside' and 'behind the front line' need the place inside the area; say where an outside figure stands."""
    if relation in ("inside", "behind") and a.polygonal and not n.inside:
        verdict.verdict = INCONSISTENT
        verdict.flags = [f for f in verdict.flags if f != "below_geodesic_minimum"]  # not a route figure
        verdict.add_flag("outside_area")
        verdict.reasons.insert(0, f"{o.label()} lies outside {a.name} ({n.distance_km:,.1f} km from it), "
                                  "not inside as the claim says")
        verdict.summary = f"Inconsistent: {verdict.reasons[0]}."
    elif a.polygonal and n.inside:
        verdict.reasons.append(f"{o.label()} lies inside {a.name}; the distance is to its boundary")
    if a.note:
        verdict.reasons.append(f"border drawn: {a.note}")


def area_json(a: Area, n: Nearest, relation: str) -> dict[str, Any]:
    """The ``area`` object of the verify and reach JSON."""
    point = {"lat": round(n.lat, 5) + 0.0, "lon": round(n.lon, 5) + 0.0}  # + 0.0: no negative zero
    return {**a.to_json(), "relation": relation, "nearest": point,
            "inside": n.inside, "distance_km": round(n.distance_km, 1),
            "error_bound_km": float(f"{n.error_bound_km:.2g}")}


# ---- reach ----------------------------------------------------------------------------------------------------

WEAPONS_TABLE = "vehicles/weapons.csv"
AIRCRAFT_ROUND_TRIP = "aircraft: from half the published range (out and back, no refuelling) to the full figure"


def reach_classes() -> list[dict[str, Any]]:
    """Every missile, drone and aircraft class with a published range (``data/vehicles/weapons.csv``)."""
    from routes.datafiles import read_table

    out = []
    for r in read_table(WEAPONS_TABLE):
        if not r.get("range_km_low") or not r.get("range_km_high"):
            continue
        lo, hi = float(r["range_km_low"]), float(r["range_km_high"])
        aircraft = r["kind"] == "aircraft"
        out.append({"id": r["id"], "name": r["name"], "kind": r["kind"], "range_km_low": lo, "range_km_high": hi,
                    "reach_km_low": lo / 2 if aircraft else lo, "reach_km_high": hi,
                    "basis": AIRCRAFT_ROUND_TRIP if aircraft else "one way: the published range band",
                    "weak": "[weak]" in r["source"] or r["note"].upper().startswith("WEAK"), "source": r["source"]})
    return out


def _origin(text: str | Place | Area) -> Place | Area:
    if isinstance(text, Place | Area):
        return text
    area = resolve_area(text)
    if area is not None:
        return area
    try:
        return _point(text)
    except RouteCheckError:
        area = resolve_area(text, loose=True)
        if area is None:
            raise
        return area


def reach(origin: str | Place | Area, destination: str | Place, vehicle: str | None = None,
          list_all: bool = False) -> dict[str, Any]:
    """Whether a weapon or aircraft class can cover the distance from a place or an area to a place.

    Parameters
    ----------
    origin
        A place, or an area (country, region, GeoJSON): then the distance is from its boundary (0 inside).
    destination
        The target place.
    vehicle
        A class id or name from ``data/vehicles/weapons.csv`` (``shahed_136``, ``Kalibr``).
    list_all
        Answer for every class instead of one; ``reaching`` lists those whose answer is yes or marginal.

    Returns
    -------
    dict
        Verify-style JSON: ``origin``, ``destination``, ``distance_km`` with ``distance_low_km``/``high_km``
        (after tolerance), ``area`` (when measured from an area), ``vehicles`` (answer yes / no / marginal,
        ``margin_km``, the range band and its source), ``answer`` and ``summary`` for a single vehicle.
    """
    from routes.geodesy import distance_km

    o, d = _origin(origin), _point(destination)
    if isinstance(o, Area):
        n = nearest(d.lat, d.lon, o)
        km = 0.0 if n.inside else n.distance_km
        slack = endpoint_slack_km(d, d) / 2 + o.resolution_km + n.error_bound_km
        origin_json: dict[str, Any] = o.to_json()
        area: dict[str, Any] | None = area_json(o, n, "reach")
        label = f"{o.name} ({'inside' if n.inside else 'nearest boundary point'})"
    else:
        km = distance_km(o.lat, o.lon, d.lat, d.lon)
        slack = endpoint_slack_km(o, d)
        origin_json, area, label = o.to_json(), None, o.label()
    lo, hi = widen("geodesic", km, km, slack)
    classes = reach_classes()
    if vehicle and not list_all:
        classes = _match(classes, vehicle)
        if not classes:
            names = ", ".join(v["id"] for v in reach_classes())
            raise RouteCheckError(f"unknown weapon or aircraft class {vehicle!r}; use reach --list, or one of: {names}")
    elif not list_all:
        raise RouteCheckError("give --vehicle NAME, or --list for every class")
    rows = [_answer(v, km, lo, hi) for v in classes]
    out: dict[str, Any] = {"origin": origin_json, "destination": d.to_json(), "distance_km": round(km, 1),
                           "distance_low_km": round(lo, 1), "distance_high_km": round(hi, 1), "area": area,
                           "tolerance": {"slack_km": round(slack, 1), "rule": rule_text(slack)},
                           "vehicles": rows}
    if list_all:
        out["reaching"] = [r["id"] for r in rows if r["answer"] != "no"]
        out["summary"] = (f"{len(out['reaching'])} of {len(rows)} classes can or may cover the {km:,.0f} km from "
                          f"{label} to {d.label()}")
    else:
        r = rows[0]
        out["answer"] = r["answer"]
        out["summary"] = (f"{r['answer'].upper()}: {r['name']} ({r['reach_km_low']:,.0f}-{r['reach_km_high']:,.0f} km) "
                          f"over {km:,.0f} km from {label} to {d.label()}; margin {r['margin_km']:+,.0f} km")
    cited = [str(origin_json["source"]), d.source, *(r["source"] for r in rows)]
    out["sources"] = [s for s in dict.fromkeys(cited) if s]
    return out


def _match(classes: list[dict[str, Any]], vehicle: str) -> list[dict[str, Any]]:
    """The class a name means: its id, else its whole name, else the first name containing it ("kalibr")."""
    def norm(x: str) -> str:
        return re.sub(r"[^a-z0-9]", "", x.lower())

    key = norm(vehicle)
    for test in (lambda v: norm(v["id"]) == key, lambda v: norm(v["name"]) == key, lambda v: key in norm(v["name"])):
        hits = [v for v in classes if test(v)]
        if hits:
            return hits[:1]
    return []


def _answer(v: dict[str, Any], km: float, lo: float, hi: float) -> dict[str, Any]:
    """yes: even the far end of the distance fits the low end of the reach; no: even the near end exceeds the
    high end (the one overlap rule, :func:`routes.verdict.fit`); otherwise marginal."""
    a, b = v["reach_km_low"], v["reach_km_high"]
    if hi <= a:
        answer, margin = "yes", a - km
    elif not fit(lo, hi, 0.0, b):
        answer, margin = "no", b - km
    else:
        answer, margin = "marginal", a - km
    return {**{k: v[k] for k in ("id", "name", "kind", "range_km_low", "range_km_high", "reach_km_low",
                                 "reach_km_high", "basis", "weak")},
            "answer": answer, "margin_km": round(margin, 1), "margin_low_km": round(a - km, 1),
            "margin_high_km": round(b - km, 1), "source": v["source"]}


def load_area_file(path: str) -> Area:
    """A user's GeoJSON area (front line, occupation zone): validated, AreaError (exit 2) with the reason."""
    return load_geojson(path)
