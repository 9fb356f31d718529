"""Article text -> every checkable route claim: the endpoints its grammar states, its mode, then the verdict.

A pipeline of stages, each testable alone and each recorded in the JSON (README, "Article mode"):

1. ``prose``: paragraphs (wrapping undone), sentences, clauses;
2. ``mentions``: places and countries by a dictionary matcher over the gazetteer, one reading chosen each;
   coreference ("the capital", "the base"); attribution places ("officials in Minsk") set aside;
3. ``figures``: distances and durations, with speeds, capabilities, rates, frequencies, relative times and
   dimensions set aside (``ignored``), and figures measured to an area marked as such;
4. ``endpoints``: the pair the sentence's grammar states ("from X to Y", "N km east of X", ...);
5. mode: from the figure's clause, then its sentence, through the shared phrase table;
6. verdict: from the stated pair only. A figure with no stated pair is ``unverifiable`` ("no endpoints stated"),
   with the verdicts of the guessed pairs listed beside it, never promoted to the headline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from routes import articleroute, discourse, endpoints, figures, mentions
from routes.claims import Claim
from routes.display import Displayable, overall
from routes.errors import RouteCheckError
from routes.mentions import Mention
from routes.phrases import mode_in
from routes.places import Place
from routes.prose import Sentence, read_text, sentences
from routes.vehicles import mode_named_in

__all__ = ["ArticleReport", "analyse", "read_text", "route_yaml", "sentences"]

MAX_CLAIMS = 200  # a very long text is read in full, but only this many figures are checked
ALTERNATIVES_FOR = 50  # figures of a text whose "what would fit" search runs (the search costs ~25 ms a figure)
MAX_PAIRS = 5  # candidate endpoint pairs checked per figure (the stated pair and up to four guesses)
NEAR_BEFORE, NEAR_AFTER = 25, 30  # characters around a figure where a claim's own mode words count ("by rail")
_GENERIC_ROUTE = re.compile(r"\b(?:the|this|that) (?:line|route|link|service)\b", re.I)
_RU_AT = re.compile(r"(?<![а-яё])в\s+(?:\d|$)", re.I)
_RU_FROM = re.compile(r"^\s*(?:к\s+[а-яё-]+\s+)?от\b", re.I)
_DIRECTION = re.compile(r"\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\b|"
                        r"^to the (?:north|south|east|west)(?:-?(?:east|west))?\b|\bк\s+(?:северу|югу|"
                        r"востоку|западу|северо-\w+|юго-\w+)\s+от\b|"
                        r"\b(?:north|south|east|west)\s+(?:of|from)\b", re.I)
NO_ENDPOINTS = "no endpoints stated: the sentence names no pair of places for this figure"


@dataclass
class ArticleReport(Displayable):
    """Everything found in one article (``to_dict()``, and a table in notebooks)."""

    _display_kind = "article"

    claims: list[dict[str, Any]]
    route: list[dict[str, Any]]
    notes: list[str] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    ignored: list[dict[str, Any]] = field(default_factory=list)
    stages: dict[str, int] = field(default_factory=dict)

    @property
    def verdict(self) -> str:
        """One word over every claim found: inconsistent if any is, consistent if all are."""
        return overall([str(c["verdict"]) for c in self.claims])

    def to_json(self) -> dict[str, Any]:
        """The public JSON contract of ``routecheck article --json`` (``places``, ``ignored``, ``stages`` added
        in 0.3: what each stage read)."""
        out: dict[str, Any] = {"claims": self.claims, "route": self.route}
        if self.notes:
            out["notes"] = self.notes
        out["places"] = self.places
        out["ignored"] = self.ignored
        out["stages"] = self.stages
        return out


def _read(text: str) -> discourse.Text:
    sents = sentences(text)
    profile = mentions.profile_of(sents)
    by_sentence: list[list[Mention]] = []
    flat: list[Mention] = []
    recent: list[Mention] = []  # the places of the last sentences, for coreference (bounded: linear in the text)
    named_countries: list[str] = []
    for s in sents:
        found = mentions.find(s, profile)
        named_countries.extend(m.country for m in found if m.kind == "country")
        found.extend(articleroute.corefs(s, recent, named_countries[-1:] or sorted(profile), found))
        found.sort(key=lambda m: m.start)
        by_sentence.append(found)
        flat.extend(found)
        recent = [m for m in recent if m.sentence >= s.index - articleroute.COREF_WINDOW]
        recent.extend(m for m in found if m.place is not None)
    mentions.entities([m for m in flat if m.place is not None])  # a coreference joins its target's entity
    cues = [mode_in(s.text, "sentence") for s in sents]
    start = None
    for s, cue in zip(sents, cues, strict=True):
        start = start or articleroute.demonym_origin(s.text, cue)
    stops = [m for m in flat if m.role == "place" and m.place is not None and not m.refers_to]
    route = articleroute.reconstruct(stops, sents, cues, start)
    journey_start = next((leg["from"] for leg in route if leg["from"].sentence >= 0), None)
    country_names = {k for k in mentions.countries()}
    return discourse.Text(sents, by_sentence, route, journey_start, country_names)


def analyse(text: str) -> ArticleReport:
    """Find and check every route claim in ``text``; the Python API behind ``routecheck article``."""
    t = _read(text)
    claims: list[dict[str, Any]] = []
    ignored: list[dict[str, Any]] = []
    notes: list[str] = []
    stages = {"sentences": len(t.sents), "places": 0, "figures": 0, "route_claims": 0, "area_claims": 0,
              "ignored": 0, "checked": 0, "stated_pairs": 0, "unchecked": 0}
    for s, here in zip(t.sents, t.by_sentence, strict=True):
        stages["places"] += sum(1 for m in here if m.place is not None)
        figs = figures.find(s, t.country_names)
        for fig in figs:
            stages["figures"] += 1
            if (fig.status == "ignored" and fig.reason == "dimension" and not figures.names_a_structure(s, fig)
                    and discourse.line_with_ends(s, here, fig, t)):
                fig.status, fig.reason = "route", ""  # "the X-Y line is 54 km long": the line's length is the route
            if fig.status == "ignored":
                stages["ignored"] += 1
                ignored.append(fig.to_json())
                continue
            stages["area_claims" if fig.status == "area" else "route_claims"] += 1  # round trips count as route
            if stages["checked"] >= MAX_CLAIMS:
                stages["unchecked"] += 1
                continue
            stages["checked"] += 1
            claim = _check(fig, s, here, t, stages["stated_pairs"])
            stages["stated_pairs"] += bool(claim["endpoints"]["supported"])
            claims.append(claim)
        claims.extend(articleroute.counts(s, t.route, [f.claim.text for f in figs]))
    if stages["stated_pairs"] > ALTERNATIVES_FOR:
        notes.append(f"what would fit was searched for the first {ALTERNATIVES_FOR} figures with stated endpoints")
    if stages["unchecked"]:
        notes.append(f"only the first {MAX_CLAIMS} figures were checked ({stages['unchecked']} more were read "
                     "but not checked)")
    places = [m.to_json() for here in t.by_sentence for m in here]
    return ArticleReport(claims, [articleroute.leg_json(leg) for leg in t.route], notes, places, ignored, stages)


def _mode(s: Sentence, fig: figures.Figure) -> tuple[str | None, str]:
    """The stated mode of a figure: its clause first, then its sentence; nautical miles imply sea."""
    a, b = s.clause_at(fig.start)
    near = s.text[max(a, fig.start - NEAR_BEFORE): min(b, fig.end + NEAR_AFTER)]
    if mode_in(s.text[a:b]) == "geodesic":  # "in a straight line", "as the crow flies" anywhere in the clause
        return "geodesic", "clause"
    for scope, text, words in (("figure", near, True), ("clause", s.text[a:b], False), ("sentence", s.text, False)):
        found = mode_in(text) if words else mode_in(text, "sentence")
        if found:
            return found, scope
    if fig.claim.mode_implied and fig.claim.mode:
        return fig.claim.mode, "unit"
    for scope, text in (("vehicle", s.text[a:b]), ("vehicle", s.text)):
        found = mode_named_in(text)
        if found:
            return found, scope
    return None, "none"


def _guesses(s: Sentence, here: list[Mention], t: discourse.Text) -> list[tuple[Mention, Mention, str]]:
    """Pairs the text suggests without stating them, likeliest first (labelled as guesses)."""
    out: list[tuple[Mention, Mention, str]] = []
    places = [m for m in here if discourse.usable(m)]
    if articleroute.TWO_PLACES.search(s.text):
        earlier = discourse.distinct_before(t, s.index, 2)
        if len(earlier) == 2:
            out.append((earlier[0], earlier[1], "the two places named just before"))
    if len(places) >= 2:
        out.append((places[0], places[-1], "the first and last places named in the sentence"))
    if places and t.journey_start is not None:
        out.append((t.journey_start, places[-1], "from the first place the text names to the place in the sentence"))
    if t.route:
        out.append((t.route[0]["from"], t.route[-1]["to"], "the whole journey the text describes"))
    if places:
        for m in discourse.distinct_before(t, s.index, 3):
            out.append((m, places[-1], "a place named nearby, to the place in the sentence"))
    return out


def _check(fig: figures.Figure, s: Sentence, here: list[Mention], t: discourse.Text,
           checked: int = 0) -> dict[str, Any]:
    """One figure through stages 4-6; ``checked`` figures came before it (alternatives only for the first ones)."""
    c = fig.claim
    places = [m for m in here if discourse.usable(m)]
    ends = endpoints.read(s, places, (fig.start, fig.end), t.journey_start)
    for m in ends.via:
        m.role = "via"
    mode, mode_from = _mode(s, fig)
    base: dict[str, Any] = {"text": fig.text or c.text.strip(), "sentence": s.text, "kind": c.kind,
                            "claim": c.to_json(), "endpoints": ends.to_json(),
                            "mode": {"mode": mode, "from": mode_from},
                            "status": fig.status}
    if fig.status == "round_trip":
        return {**base, "origin": None, "destination": None, "candidates": [], "verdict": "unverifiable",
                "flags": ["round_trip"], "reasons": [fig.reason, "next step: check each leg the report names, e.g. "
                                                     "with a route file (routecheck route)"], "alternatives": []}
    if fig.status == "area":
        got = _area(fig, s, places, here)
        base["endpoints"] = {"basis": "area", "supported": got["origin"] is not None,
                             "origin_text": got.pop("origin_text", None),
                             "destination_text": got.pop("area_text", None),
                             "via": []}
        return {**base, **got}
    if not ends.supported:
        ends = (discourse.two_places(s, fig, t) or discourse.same_route(s, fig, t)
                or discourse.trailing_offset(s, fig, t) or discourse.paragraph_journey(s, fig, t) or ends)
    if mode is None and ends.basis == "journey-in-paragraph" and ends.origin is not None:
        mode, mode_from = mode_in(t.sents[ends.origin.sentence].text, "sentence"), "paragraph"
        mode_from = mode_from if mode else "none"
    if mode is None and _GENERIC_ROUTE.search(s.text) and s.index > 0 and t.sents[s.index - 1].paragraph == \
            s.paragraph:  # "the line runs some 840 km": the line the previous sentence named ("on the rails")
        mode = mode_in(t.sents[s.index - 1].text, "sentence")
        mode_from = "paragraph" if mode else "none"
    after = s.text[fig.end: fig.end + 30]
    ru_position = bool(_RU_AT.search(s.text[max(0, fig.start - 3): fig.start] + (fig.text or "")[:12])
                       and _RU_FROM.match(after))  # "стоит в 30 км от Саратова": where a place is, in Russian
    if mode_from != "figure" and ((ends.basis == "offset" and _DIRECTION.search(ends.evidence))
                                  or _DIRECTION.match(after.lstrip()) or ru_position):  # "250 km south of Rostov"
        mode, mode_from = "geodesic", "position"  # "N km northeast of X" places a point: a straight line
    base["endpoints"], base["mode"] = ends.to_json(), {"mode": mode, "from": mode_from}
    pairs: list[tuple[Mention, Mention, str, bool]] = []
    if ends.supported and ends.origin is not None and ends.destination is not None:
        where = "paragraph" if ends.basis in ("journey-in-paragraph", "same-route", "coreference") else "sentence"
        pairs.append((ends.origin, ends.destination, f"stated in the {where} ({ends.basis})", True))
    in_sentence = ends.supported and ends.basis not in ("journey", "journey-in-paragraph", "same-route",
                                                         "coreference")
    for o, d, why in ([] if in_sentence else _guesses(s, here, t)):  # a pair the sentence states needs no guesses
        pairs.append((o, d, f"a guess: {why}", False))
    pairs = _unique(pairs)[:MAX_PAIRS]
    if not pairs:
        return {**base, "origin": None, "destination": None, "candidates": [], "verdict": "unverifiable",
                "flags": [], "reasons": [NO_ENDPOINTS, "no places in or near the sentence to measure between"],
                "alternatives": []}
    stated = replace(c, mode=mode, mode_implied=False) if mode else replace(c, mode=None)
    cands = []
    headline = None
    for o, d, why, supported in pairs:
        assert o.place is not None and d.place is not None
        try:
            r = _verify(o.place, d.place, stated, supported and checked < ALTERNATIVES_FOR, _route_words(s, fig))
        except RouteCheckError as exc:
            cands.append({"origin": o.text, "destination": d.text, "why": why, "supported": supported,
                          "verdict": "unverifiable", "reasons": [exc.message]})
            continue
        data = r.to_json()
        if supported:
            headline = data
        cands.append({"origin": data["origin"]["name"], "destination": data["destination"]["name"], "why": why,
                      "supported": supported, "geodesic_km": data["geodesic_km"], "verdict": data["verdict"],
                      "flags": data["flags"], "fits": [m["mode"] for m in data["modes"] if m["fits"]]})
    fitting = [f"{x['origin']} to {x['destination']}" for x in cands if x["verdict"] == "consistent"]
    fits_line = "pairs that fit: " + ("; ".join(fitting) if fitting else "none of the pairs the text suggests")
    if headline is None:
        reasons = [NO_ENDPOINTS if not ends.supported else "the stated pair could not be measured",
                   "the pairs listed are guesses from the rest of the text; their verdicts are not the headline",
                   fits_line]
        return {**base, "origin": None, "destination": None, "candidates": cands, "verdict": "unverifiable",
                "flags": [], "reasons": reasons, "alternatives": []}
    for end in (ends.origin, ends.destination):
        if end is not None and end.role == "place":
            end.role = "endpoint"
    return {**base, "origin": headline["origin"], "destination": headline["destination"], "candidates": cands,
            "verdict": headline["verdict"], "flags": headline["flags"],
            "reasons": [*headline["reasons"], fits_line], "alternatives": headline["alternatives"],
            "summary": headline["summary"], "sources": headline["sources"]}


def _unique(pairs: list[tuple[Mention, Mention, str, bool]]) -> list[tuple[Mention, Mention, str, bool]]:
    out = []
    keys: set[tuple[int, int]] = set()
    for o, d, why, sup in pairs:
        k = (o.entity, d.entity)
        if o.entity != d.entity and k not in keys:
            keys.add(k)
            out.append((o, d, why, sup))
    return out


def _area(fig: figures.Figure, s: Sentence, places: list[Mention], here: list[Mention]) -> dict[str, Any]:
    """A figure measured to a border, a front line or a region: checked by the area support."""
    from routes.areas import check

    subject = next((m for m in places if m.start < fig.start), places[0] if places else None)
    empty: dict[str, Any] = {"origin": None, "destination": None, "candidates": [], "flags": [], "alternatives": []}
    if subject is None or subject.place is None or subject.place.is_set:
        return {**empty, "verdict": "unverifiable", "reasons": [
            "a distance to an area (a border, a front line, a region), but no single place it is measured from",
            "next step: routecheck verify PLACE AREA --nearest --claim '...'"]}
    _a, end = s.clause_at(fig.start)
    worded = replace(fig.claim, text=s.text[fig.start: end])
    named = next((m for m in here if m.kind == "country" and fig.end <= m.start < end), None)
    try:
        r = check(subject.place, named.country if named else None, worded)
    except RouteCheckError as exc:
        return {**empty, "verdict": "unverifiable", "reasons": [
            f"a distance to an area, measured from {subject.text}: {exc.message}"]}
    data = r.to_json()
    subject.role = "endpoint"
    return {**empty, "origin_text": subject.text, "area_text": named.text if named else None,
            "origin": data["origin"], "destination": data["destination"], "verdict": data["verdict"],
            "flags": data["flags"], "reasons": data["reasons"], "summary": data["summary"],
            "sources": data["sources"], "area": data.get("area")}


@lru_cache(maxsize=4096)
def _verify(o: Place, d: Place, c: Claim, alternatives: bool, context: str = "") -> Any:
    """verify(), memoised: long articles repeat the same figure between the same places."""
    from routes.verify import verify

    return verify(o, d, c, mode=c.mode or "any", alternatives=alternatives, context=context)


def _route_words(s: Sentence, fig: figures.Figure) -> str:
    """The words of the figure's clause that name a sea passage ("via the Northern Sea Route"), else those of its
    sentence when it names one passage only; "" otherwise (a sentence that compares two routes names neither for
    sure). Only passages: a "missile brigade" in the clause does not make a distance a missile's flight."""
    from routes import phrases

    a, b = s.clause_at(fig.start)
    words = phrases.passage_words(s.text[a:b])
    if words:
        return "; ".join(words)
    named = {r["value"] for r in phrases.routing(s.text) if r["action"] == "via_passage"}
    return "; ".join(phrases.passage_words(s.text)) if len(named) == 1 else ""


def route_yaml(report: ArticleReport, name: str = "Route reconstructed from an article") -> str:
    """The reconstructed itinerary as a route file (edit it, then ``routecheck route``)."""
    return articleroute.route_yaml(report.route, report.claims, name)
