"""The journey an article describes: its stops in order, the demonym start, coreference and troop counts.

Helpers of article mode (``routes.article``): they read the whole text once, so each stays linear in it.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from routes import modes
from routes.errors import RouteCheckError
from routes.mentions import Mention
from routes.places import Place, resolve
from routes.prose import Sentence

SAME_STOP_KM = 30.0  # a place this close to a stop already on the route is that stop
COMPACT_KM = 250.0  # a region no wider than this (from its centre) absorbs the places inside it
COREF_WINDOW = 5  # sentences back that "the city", "the base" may reach
DEMONYMS = {"north korea": "KP", "north korean": "KP", "dprk": "KP"}
_ARRIVAL = re.compile(r"\b(arrived|arriving|assembled|deployed)\b", re.I)
_COREF = re.compile(r"\b(?i:the)\s+(?:(?P<adj>North Korean|[A-Z][a-z]+)\s+)?"
                    r"(?P<what>regional capital|capital|city|town|air ?base|airfield|base|port|harbou?r)\b"
                    r"(?!\s+of\s+[A-Z])")
_COREF_KINDS = {"regional capital": ("city",),
                "city": ("city",), "town": ("city",), "base": ("airbase", "naval_base"), "airbase": ("airbase",),
                "air base": ("airbase",), "airfield": ("airbase", "airport"), "port": ("port", "naval_base"),
                "harbour": ("port", "naval_base"), "harbor": ("port", "naval_base")}
_THERE = re.compile(r"\b(?:from|onward from|on from|beyond)\s+(there|here)\b", re.I)
TWO_PLACES = re.compile(r"\b(?:the|both)\s+(?:two\s+)?(?:cities|towns|ports|bases|places|stations)\b", re.I)
COUNT_RE = re.compile(
    r"(?P<hedge>as many as|up to|about|around|some|nearly|almost|more than|over|at least)?\s*"
    r"(?<![\w-])(?P<num>\d{1,3}(?:,\d{3})+|\d+)\s+(?:\w+\s+){0,2}?"
    r"(?P<what>troops|soldiers|personnel|servicemen|men|fighters)\b", re.IGNORECASE)
BARE_COUNT_RE = re.compile(r"(?P<hedge>as high as|as many as|up to|some|about)\s+(?P<num>\d{1,3}(?:,\d{3})+)"
                           r"(?P<what>)", re.IGNORECASE)
CAPACITY = re.compile(r"\b(?:can|could|able to|designed to)\s+(?:carry|hold|take|seat|transport|lift|move)\b"
                      r"[^.;]{0,12}$|\bcapacity\b[^.;]{0,15}$|\b(?:carries|holds|seats)\s*(?:up to\s*)?$", re.I)
DAY_RE = re.compile(r"\bby the (\d{1,2})(?:st|nd|rd|th)\b|\bby (\w+ \d{1,2}|\d{1,2} \w+)\b", re.IGNORECASE)


def corefs(s: Sentence, before: list[Mention], countries: list[str],
           here: list[Mention] | None = None) -> list[Mention]:
    """'the capital', 'the city', 'the base', 'the port', 'from there' resolved to the nearest fitting earlier
    mention (``here``: the sentence's own mentions, which come first)."""
    from routes import gazetteer
    from routes.mentions import countries as country_words

    out = []
    for m in _COREF.finditer(s.text):
        what = m.group("what").lower()
        target: Mention | None = None
        adj = (m.group("adj") or "").lower()
        if adj and what not in ("capital", "regional capital"):
            continue  # "the Black Sea port": a description, not a reference
        if what == "capital" and adj and adj not in country_words():
            what = "regional capital"  # "the Tatar capital": a region's capital, the city named before
        if what == "capital":
            near = [c for c in (here or []) if c.end <= m.start() and c.place is not None and c.country]
            recent = next((c.country for c in reversed(before + near) if c.place is not None and c.country), "")
            cc = country_words().get(adj) or recent or (countries[-1] if countries else "")
            name = gazetteer.capital(cc) if cc else ""
            try:
                place = resolve(f"{name}, {cc}", suggest=False) if name else None
            except RouteCheckError:
                place = None
            if place is not None:
                out.append(Mention(m.group(0), place, cc, place.kind, s.index, m.start(), m.end(),
                                   f"the capital of {cc}", refers_to=place.label()))
            continue
        kinds = _COREF_KINDS.get(re.sub(r"\s+", " ", what), ())
        for cand in reversed(before):
            if cand.place is not None and cand.role == "place" and cand.kind in kinds and \
                    cand.sentence >= s.index - COREF_WINDOW and (cand.sentence < s.index or cand.end <= m.start()):
                target = cand
                break
        if target is not None and target.place is not None:
            out.append(Mention(m.group(0), target.place, target.country, target.kind, s.index, m.start(), m.end(),
                               f"refers to {target.text}", entity=target.entity, refers_to=target.text))
    for m in _THERE.finditer(s.text):  # "from there", "onward from there": the last place reached before
        last = next((c for c in reversed(before) if c.place is not None and c.role != "attribution"
                     and c.sentence < s.index), None)
        if last is not None and last.place is not None:
            out.append(Mention(m.group(1), last.place, last.country, last.kind, s.index, m.start(1), m.end(1),
                               f"refers to {last.text}", refers_to=last.text))
    return out


def demonym_origin(text: str, cue: str | None) -> Mention | None:
    """'North Korean troops ... by ship' implies a start at that country's ports (a region of ports)."""
    from routes.datafiles import read_table

    kinds = modes.spec(cue).endpoint_kinds if cue in modes.names() else ()
    if not kinds:
        return None
    low = text.lower()
    for word, cc in DEMONYMS.items():
        if word in low:
            for row in read_table("regions.csv"):
                place = resolve(row["name"])
                if place.is_set and {p.country for p in place.candidates} == {cc} and \
                        all(p.kind in kinds for p in place.candidates):
                    return Mention(word, place, cc, "region", -1, -1, -1, "the demonym of a sea-going start")
    return None


def near(a: Place, b: Place) -> bool:
    """Same stop: two points within SAME_STOP_KM, a point within a compact set's reach, or the same set."""
    from routes.geodesy import distance_km

    if a.is_set and b.is_set:
        return a.ident == b.ident
    if a.is_set or b.is_set:
        group, point = (a, b) if a.is_set else (b, a)
        spread = max(distance_km(group.lat, group.lon, p.lat, p.lon) for p in group.candidates)
        return spread <= COMPACT_KM and distance_km(group.lat, group.lon, point.lat, point.lon) <= spread + SAME_STOP_KM
    return distance_km(a.lat, a.lon, b.lat, b.lon) <= SAME_STOP_KM


def reconstruct(mentions: list[Mention], sents: list[Sentence], cues: list[str | None],
                start: Mention | None) -> list[dict[str, Any]]:
    """Legs in order of mention, except that places in arrival sentences ("arrived in ...") come last."""
    stops: list[Mention] = []
    seen: set[str] = set()
    ordered = sorted(enumerate(mentions), key=lambda t: (
        1 if _ARRIVAL.search(sents[t[1].sentence].text) and cues[t[1].sentence] is None else 0, t[0]))
    for _, m in ordered:
        assert m.place is not None
        key = m.place.ident or m.place.name
        if key in seen or any(s.place is not None and near(m.place, s.place) for s in stops):
            continue
        seen.add(key)
        stops.append(m)
    if start is not None:
        stops.insert(0, start)
    legs = []
    for a, b in itertools.pairwise(stops):
        ground = modes.overland()
        cue = cues[b.sentence] if b.sentence >= 0 else None
        mode = cue if cue in modes.names() and cue != ground[0] else "/".join(ground)
        legs.append({"from": a, "to": b, "mode": mode})
    return legs


def leg_json(leg: dict[str, Any]) -> dict[str, Any]:
    """One leg of the reconstructed route, as in the ``route`` list of the article JSON."""
    def name(m: Mention) -> str:
        assert m.place is not None
        return m.place.name if m.place.is_set else m.place.label()

    return {"from": name(leg["from"]), "from_text": leg["from"].text, "to": name(leg["to"]),
            "to_text": leg["to"].text, "mode": leg["mode"]}


def counts(s: Sentence, route: list[dict[str, Any]], figure_texts: list[str]) -> list[dict[str, Any]]:
    """Troop counts of a sentence, each pointing to the lift estimator."""
    out = []
    counted = set()
    for m in COUNT_RE.finditer(s.text):
        counted.add(m.group("num"))
        if CAPACITY.search(s.text[max(0, m.start() - 30): m.start()]):
            continue  # "a ship that can carry 500 troops": what a vehicle holds, not a count of troops moved
        out.append(_count(m, s, route))
    if re.search(r"troops|soldiers|personnel|North Koreans|forces", s.text, flags=re.I):
        for m in BARE_COUNT_RE.finditer(s.text):
            tail = s.text[m.start(): m.end() + 25]
            if m.group("num") not in counted and not any(f and f in tail for f in figure_texts):
                out.append(_count(m, s, route))
    return out


def _count(m: re.Match[str], s: Sentence, route: list[dict[str, Any]]) -> dict[str, Any]:
    n = int(m.group("num").replace(",", ""))
    date = DAY_RE.search(s.text)
    by = date.group(0) if date else None
    what = m.group("what") or "troops"
    reasons = [f"a count of {n:,} {what}" + (f" {by}" if by else "") + ": check it with the lift "
               "estimator (routecheck lift, or 'troops'/'by' in a route file)"]
    cmd = None
    air = next((leg for leg in route if leg["mode"] == "air"), None)
    if air is not None:
        cmd = (f"routecheck lift --troops {n} --within 'N days' --from '{air['from'].text}' --to '{air['to'].text}' "
               "--vehicle Il-76MD")
    if by and not re.search(r"[A-Za-z]{3,} \d|\d+ [A-Za-z]{3,}", by):
        reasons.append("the date names a day of the month only: the month must come from the article's date")
    return {"text": m.group(0).strip(), "sentence": s.text, "kind": "count", "count": n, "by": by,
            "origin": None, "destination": None, "candidates": [], "verdict": "unverifiable",
            "flags": [], "reasons": reasons, "alternatives": [], "lift_command": cmd, "status": "count",
            "endpoints": {"basis": "none", "supported": False, "origin_text": None, "destination_text": None,
                          "via": []}, "mode": {"mode": None, "from": "none"}}


def route_yaml(route: list[dict[str, Any]], claims: list[dict[str, Any]], name: str) -> str:
    """The reconstructed itinerary as a route file (edit it, then ``routecheck route``)."""
    import yaml

    legs = []
    for i, leg in enumerate(route):
        item: dict[str, Any] = {"to": leg["to"], "mode": leg["mode"].split("/") if "/" in leg["mode"]
                                else leg["mode"]}
        if i == 0:
            item = {"from": leg["from"], **item}
        legs.append(item)
    doc: dict[str, Any] = {"name": name, "legs": legs}
    totals = [{"text": c["text"], "scope": "total"} for c in claims if c["kind"] == "distance"]
    if totals:
        doc["claims"] = totals
    return "# Reconstructed by routecheck article: check the order and modes before relying on it.\n" + \
        yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
