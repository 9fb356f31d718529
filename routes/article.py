"""Article text -> every checkable route claim, with inferred endpoints, verdicts and a reconstructed route.

The reading is heuristic and says so: figures come from ``claims.find_all``; places are capitalised
names (or region phrases) that the gazetteer knows and that the sentence uses as a place (after "to",
"in", "at", "from", "near" ...); mode cues come from phrases such as "by ship" or "aboard Il-76". Each
figure is checked against every endpoint pair the text supports; the likeliest pair is marked, never
silently chosen.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from routes import modes
from routes.claims import Claim, find_all
from routes.errors import RouteCheckError
from routes.phrases import mode_in
from routes.places import Place, resolve
from routes.textnorm import fold

MAX_CLAIMS = 200  # a very long text is read in full, but only this many figures are checked
MAX_PAIRS = 5  # candidate endpoint pairs checked per figure
SAME_STOP_KM = 30.0  # a place this close to a stop already on the route is that stop
COMPACT_KM = 250.0  # a region no wider than this (from its centre) absorbs the places inside it
LOCATIVE = {"to", "in", "at", "from", "near", "into", "towards", "toward", "via", "reached", "reach", "through",
            "outside", "across", "entered", "arrived", "left", "leaving", "departed", "departing", "reaching"}
REGION_WORDS = ("region", "oblast", "area", "province", "krai")
COUNT_RE = re.compile(
    r"(?P<hedge>as many as|up to|about|around|some|nearly|almost|more than|over|at least)?\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+)\s+(?:\w+\s+){0,2}?"
    r"(?P<what>troops|soldiers|personnel|servicemen|men|fighters)\b", re.IGNORECASE)
BARE_COUNT_RE = re.compile(r"(?P<hedge>as high as|as many as|up to|some|about)\s+(?P<num>\d{1,3}(?:,\d{3})+)"
                           r"(?P<what>)", re.IGNORECASE)
DAY_RE = re.compile(r"\bby the (\d{1,2})(?:st|nd|rd|th)\b|\bby (\w+ \d{1,2}|\d{1,2} \w+)\b", re.IGNORECASE)
DEMONYMS = {"north korea": "KP", "north korean": "KP", "dprk": "KP"}
_SENT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")
_ABBREV = re.compile(r"\b(?:U\.S|U\.K|Dr|Mr|Mrs|Ms|St|Gen|Lt|Col|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|"
                     r"Dec)\.$")
_CAPS = re.compile(r"(?:[A-Z][\w'’\-]*|[А-ЯЁ][\w'’\-]*)(?:\s+(?:[A-Z][\w'’\-]*|[А-ЯЁ][\w'’\-]*))*")


@dataclass
class Mention:
    """A place named in the text."""

    text: str
    place: Place
    paragraph: int
    sentence: int
    cue: str | None  # the mode cue of its sentence
    order: int


@dataclass
class Sentence:
    """One sentence, its paragraph and position."""

    text: str
    paragraph: int
    index: int
    mentions: list[Mention] = field(default_factory=list)


def read_text(data: bytes) -> str | None:
    """Decode an article; None for binary input (NUL bytes or not UTF-8)."""
    if b"\x00" in data[:65536]:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return _strip_markdown(text)


def _strip_markdown(text: str) -> str:
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}(?:#{1,6}|>|[-*+]|\d+\.)\s+", "", text, flags=re.M)
    return re.sub(r"(\*\*|__|\*|_|`)(\S.*?\S|\S)\1", r"\2", text)


def sentences(text: str) -> list[Sentence]:
    """Split into paragraphs (blank lines or single newlines) and sentences."""
    out: list[Sentence] = []
    paragraphs = [p for p in re.split(r"\n\s*\n|\r?\n", text) if p.strip()]
    for pi, para in enumerate(paragraphs):
        parts: list[str] = []
        for piece in _SENT.split(para.strip()):
            if parts and _ABBREV.search(parts[-1]):
                parts[-1] = f"{parts[-1]} {piece}"
            else:
                parts.append(piece)
        out.extend(Sentence(s.strip(), pi, len(out)) for s in parts if s.strip())
    return out


@lru_cache(maxsize=1)
def _regions() -> list[tuple[str, str]]:
    from routes.datafiles import read_table

    out = []
    for row in read_table("regions.csv"):
        for alias in [row["name"], *row["aliases"].split("|")]:
            if alias.strip():
                out.append((fold(alias), alias.strip()))
    return sorted(out, key=lambda t: -len(t[0]))


def _mentions(s: Sentence, order: int) -> list[Mention]:
    found: list[tuple[int, str, Place]] = []
    low = fold(s.text)
    for key, alias in _regions():
        pos = low.find(key)
        if pos >= 0 and not any(abs(pos - f[0]) < 3 for f in found):
            with contextlib.suppress(RouteCheckError):
                found.append((pos, alias, resolve(alias, suggest=False)))
    for m in _CAPS.finditer(s.text):
        tokens = m.group(0).split()
        words_before = re.findall(r"[\w’']+", s.text[: m.start()].lower())[-3:]
        after = s.text[m.end(): m.end() + 12].strip().lower()
        region = next((w for w in REGION_WORDS if after.startswith(w)), None)
        cleaned = [re.sub(r"['’]s$", "", t) for t in tokens]
        candidates = [" ".join(cleaned)]
        if len(cleaned) == 2 and cleaned[0].lower() not in ("the",):
            candidates.append(cleaned[-1])
        for cand in candidates:
            text = f"{cand} {region}" if region else cand
            if not (region or LOCATIVE & set(words_before) or any(t.endswith(("’s", "'s")) for t in tokens)):
                continue
            if any(abs(m.start() - f[0]) < len(text) for f in found):
                break
            try:
                place = resolve(text, suggest=False)
            except RouteCheckError:
                continue
            if place.kind == "city" and place.population and place.population < 50_000 and not region:
                continue
            found.append((m.start(), text, place))
            break
    found.sort(key=lambda f: f[0])
    cue = mode_in(s.text, "sentence")
    return [Mention(t, p, s.paragraph, s.index, cue, order + i) for i, (_, t, p) in enumerate(found)]


def _demonym_origin(text: str, cue: str | None) -> Mention | None:
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
                    return Mention(word, place, -1, -1, cue, -1)
    return None


@dataclass
class ArticleReport:
    """Everything found in one article."""

    claims: list[dict[str, Any]]
    route: list[dict[str, Any]]
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The public JSON contract of ``routecheck article --json``."""
        out: dict[str, Any] = {"claims": self.claims, "route": self.route}
        if self.notes:
            out["notes"] = self.notes
        return out


def analyse(text: str) -> ArticleReport:
    """Find and check every route claim in ``text``."""
    sents = sentences(text)
    mentions: list[Mention] = []
    for s in sents:
        s.mentions = _mentions(s, len(mentions))
        mentions.extend(s.mentions)
    start = None
    for s in sents:
        start = start or _demonym_origin(s.text, mode_in(s.text, "sentence"))
    route = _reconstruct(mentions, sents, start)
    claims: list[dict[str, Any]] = []
    notes: list[str] = []
    for s in sents:
        for c in find_all(s.text):
            if len(claims) >= MAX_CLAIMS:
                notes.append(f"only the first {MAX_CLAIMS} figures were checked")
                break
            claims.append(_check(c, s, sents, mentions, route))
        counted = set()
        for m in COUNT_RE.finditer(s.text):
            counted.add(m.group("num"))
            claims.append(_count(m, s, route))
        if re.search(r"troops|soldiers|personnel|North Koreans|forces", s.text, flags=re.I):
            for m in BARE_COUNT_RE.finditer(s.text):
                if m.group("num") not in counted and not find_all(s.text[m.start(): m.end() + 25]):
                    claims.append(_count(m, s, route))
    return ArticleReport(claims, [_leg_json(leg) for leg in route], notes)


def _reconstruct(mentions: list[Mention], sents: list[Sentence], start: Mention | None) -> list[dict[str, Any]]:
    """Legs in order of mention, except that places in arrival sentences ("arrived in ...") come last."""
    stops: list[Mention] = []
    seen: set[str] = set()
    arrival_words = re.compile(r"\b(arrived|arriving|assembled|deployed)\b", re.I)
    ordered = sorted(mentions, key=lambda m: (
        1 if arrival_words.search(sents[m.sentence].text) and m.cue is None else 0, m.order))
    for m in ordered:
        key = m.place.ident or m.place.name
        if key in seen:
            continue
        # a place inside a region already on the route (Kursk within the Kursk region) is the same stop
        if any(_near(m.place, s.place) for s in stops):
            continue
        seen.add(key)
        stops.append(m)
    if start is not None:
        stops.insert(0, start)
    legs = []
    for a, b in itertools.pairwise(stops):
        ground = modes.overland()
        mode = b.cue if b.cue in modes.names() and b.cue != ground[0] else "/".join(ground)
        legs.append({"from": a, "to": b, "mode": mode})
    return legs


def _near(a: Place, b: Place) -> bool:
    """Same stop: two points within SAME_STOP_KM, a point within a compact set's reach, or the same set."""
    from routes.geodesy import distance_km

    if a.is_set and b.is_set:
        return a.ident == b.ident
    if a.is_set or b.is_set:
        group, point = (a, b) if a.is_set else (b, a)
        spread = max(distance_km(group.lat, group.lon, p.lat, p.lon) for p in group.candidates)
        return spread <= COMPACT_KM and distance_km(group.lat, group.lon, point.lat, point.lon) <= spread + SAME_STOP_KM
    return distance_km(a.lat, a.lon, b.lat, b.lon) <= SAME_STOP_KM


def _leg_json(leg: dict[str, Any]) -> dict[str, Any]:
    return {"from": leg["from"].place.name if leg["from"].place.is_set else leg["from"].place.label(),
            "from_text": leg["from"].text, "to": leg["to"].place.name if leg["to"].place.is_set else
            leg["to"].place.label(), "to_text": leg["to"].text, "mode": leg["mode"]}


def _pairs(c: Claim, s: Sentence, mentions: list[Mention], route: list[dict[str, Any]]) -> list[tuple[Mention,
                                                                                                      Mention, str]]:
    """Candidate (origin, destination, why) pairs for a figure, likeliest first."""
    out: list[tuple[Mention, Mention, str]] = []
    here = [m for m in mentions if m.sentence == s.index]
    if len(here) >= 2:
        out.append((here[0], here[-1], "both places named in the sentence"))
    if route:
        named = next((leg["from"] for leg in route if leg["from"].sentence >= 0), None)
        if here and named is not None:
            out.append((named, here[-1], "from the first place the text names to the place in the sentence"))
        out.append((route[0]["from"], route[-1]["to"], "the whole journey the text describes"))
        for leg in route:
            out.append((leg["from"], leg["to"], f"the {leg['mode']} leg"))
    if here:
        dest = here[-1]
        for m in sorted(mentions, key=lambda m: (m.paragraph != s.paragraph, abs(m.order - dest.order))):
            if m.place.label() != dest.place.label():
                out.append((m, dest, "a place named nearby, to the place in the sentence"))
    uniq: list[tuple[Mention, Mention, str]] = []
    keys: set[tuple[str, str]] = set()
    for o, d, why in out:
        k = (o.place.label() + o.place.name, d.place.label() + d.place.name)
        if k not in keys and o.place.label() != d.place.label():
            keys.add(k)
            uniq.append((o, d, why))
    return uniq[:MAX_PAIRS]


def _check(c: Claim, s: Sentence, sents: list[Sentence], mentions: list[Mention],
           route: list[dict[str, Any]]) -> dict[str, Any]:
    base: dict[str, Any] = {"text": _figure_text(c), "sentence": s.text, "kind": c.kind, "claim": c.to_json()}
    pairs = _pairs(c, s, mentions, route)
    if not pairs:
        return {**base, "origin": None, "destination": None, "candidates": [], "verdict": "unverifiable",
                "flags": [], "reasons": ["no places in or near the sentence to measure between"],
                "alternatives": []}
    cands = []
    first_report = None
    for i, (o, d, why) in enumerate(pairs):
        try:
            r = _verify(o.place, d.place, c, i == 0)
        except RouteCheckError as exc:
            cands.append({"origin": o.text, "destination": d.text, "why": why, "verdict": "unverifiable",
                          "reasons": [exc.message]})
            continue
        data = r.to_json()
        first_report = first_report or data
        cands.append({"origin": data["origin"]["name"], "destination": data["destination"]["name"], "why": why,
                      "geodesic_km": data["geodesic_km"], "verdict": data["verdict"], "flags": data["flags"],
                      "fits": [m["mode"] for m in data["modes"] if m["fits"]]})
    if first_report is None:
        return {**base, "origin": None, "destination": None, "candidates": cands, "verdict": "unverifiable",
                "flags": [], "reasons": ["no candidate pair could be measured"], "alternatives": []}
    fitting = [f"{x['origin']} to {x['destination']}" for x in cands if x["verdict"] == "consistent"]
    reasons = list(first_report["reasons"])
    reasons.append("pairs that fit: " + ("; ".join(fitting) if fitting else "none of the pairs the text supports"))
    return {**base, "origin": first_report["origin"], "destination": first_report["destination"],
            "candidates": cands, "verdict": first_report["verdict"], "flags": first_report["flags"],
            "reasons": reasons, "alternatives": first_report["alternatives"], "summary": first_report["summary"],
            "sources": first_report["sources"]}


@lru_cache(maxsize=4096)
def _verify(o: Place, d: Place, c: Claim, alternatives: bool) -> Any:
    """verify(), memoised: long articles repeat the same figure between the same places."""
    from routes.verify import verify

    return verify(o, d, c, mode=c.mode or "any", alternatives=alternatives)


def _figure_text(c: Claim) -> str:
    return c.text.strip()


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
            "flags": [], "reasons": reasons, "alternatives": [], "lift_command": cmd}


def route_yaml(report: ArticleReport, name: str = "Route reconstructed from an article") -> str:
    """The reconstructed itinerary as a route file (edit it, then ``routecheck route``)."""
    import yaml

    legs = []
    for i, leg in enumerate(report.route):
        item: dict[str, Any] = {"to": leg["to"], "mode": leg["mode"].split("/") if "/" in leg["mode"]
                                else leg["mode"]}
        if i == 0:
            item = {"from": leg["from"], **item}
        legs.append(item)
    claims = [{"text": c["text"], "scope": "total"} for c in report.claims if c["kind"] == "distance"]
    doc: dict[str, Any] = {"name": name, "legs": legs}
    if claims:
        doc["claims"] = claims
    return "# Reconstructed by routecheck article: check the order and modes before relying on it.\n" + \
        yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
