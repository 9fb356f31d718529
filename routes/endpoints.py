"""A figure and the places of its sentence -> the endpoints the sentence's grammar states.

Fourth stage of article reading (README, "Article mode"). The sentence is rewritten with each place replaced by
a marker and the figure by another ("The brigade left @P0@ by rail and reached @P1@ after @F@"), and a short
list of patterns is tried on the figure's clause first, then on the whole sentence:

=================  =============================================================  ==========================
basis              pattern                                                        endpoints
=================  =============================================================  ==========================
between            between X and Y; X and Y are N km apart                        X, Y
from-to            from X [via Z, through W] to Y (also "to Y from X", Russian    X, Y (Z, W are waypoints)
                   из/от X ... в/до Y)
departure-arrival  left X ... reached / arrived in Y                              X, Y
route-name         the X-Y railway, the X–Y route                                 X, Y
offset             [S] ... N km (east) of / from X                                S (the clause's subject), X
list               stops at A, B and C ... N km in all                            A, C (B a waypoint)
to                 X to Y                                                         X, Y
journey            arrived in Y after a journey of N km                           the journey's first named
                                                                                  stop, Y
=================  =============================================================  ==========================

Attribution places ("officials in Minsk") never take part: the caller leaves them out. Whatever these patterns
do not give is left to the caller, who may guess from the paragraph, and must label the guess as one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from routes.mentions import Mention
from routes.prose import Sentence

# a place, possibly described first: "the Russian city of @P0@", "the port of @P1@"
_P = (r"(?:the\s+)?(?:(?:the\s+)?(?:[A-Z][\w-]+\s+)?(?:city|town|port|village|settlement|base|region|oblast|"
      r"capital)\s+of\s+)?@P(\d+)@")
_DIR = r"(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+|(?:to the\s+)?(?:north|south|east|west)\s+)?"
_TO = (r"(?:to|into|towards?|for|as far as|until|reach|reaches|reached|reaching|arrives? (?:in|at)|arrived (?:in|at)|"
       r"(?:detrain\w*|unload\w*|offload\w*) (?:in|at)|"
       r"arriving (?:in|at)|"
       r"в|во|до|на)")
PATTERNS: tuple[tuple[str, re.Pattern[str], tuple[int, int]], ...] = (
    ("between", re.compile(rf"\bbetween\s+{_P}\s*,?\s*and\s+{_P}|\bмежду\s+{_P}\s+и\s+{_P}", re.I), (1, 2)),
    ("between", re.compile(rf"{_P}\s+and\s+{_P}\s+(?:are|lie|sit|stand)\b[^@]{{0,40}}@F@\s+apart", re.I), (1, 2)),
    ("from-to", re.compile(rf"\b(?:from|out of|из|от|со?)\s+{_P}(?P<mid>(?:(?!\bfrom\b)[^;])*?)\b{_TO}\s+{_P}",
                           re.I), (1, 3)),
    ("from-to", re.compile(rf"\b(?:to|into|в|до|reached|arrived (?:in|at)|got to)\s+{_P}[^;@]{{0,60}}?\b"
                           rf"(?:from|из|от)\s+{_P}", re.I), (2, 1)),
    ("departure-arrival", re.compile(
        rf"\b(?:left|departed(?: from)?|set (?:off|out) from|started (?:from|in|at)|leaving|departing(?: from)?|"
        rf"took off from|taking off from|"
        rf"sailed from|flew out of|(?:pulled|rolled|steamed) out of|loaded (?:at|in)|entrained (?:at|in)|"
        rf"выехал\w*\s+из|вышл\w*\s+из|отправил\w*\s+из)\s+{_P}(?P<mid>[^;]{{0,160}}?)\b"
        rf"(?:reached|reaching|arrived (?:in|at)|arriving (?:in|at)|got to|pulled into|docked (?:in|at)|"
        rf"landed (?:in|at)|(?:unloaded|detrained|detraining|offloaded|standing|parked) (?:in|at)|"
        rf"прибыл\w*\s+в|достиг\w*)\s+{_P}", re.I), (1, 3)),
    ("from-to", re.compile(
        rf"\b(?:at|in)\s+{_P}(?P<mid>[^;@]{{0,80}}?)\b(?:shipped|sent|moved(?: on)?|transported|flown|sailed|carried|"
        rf"taken|driven|railed|redeployed|ferried|trucked|brought|dispatched|loaded|put)\b[^;@]{{0,30}}?\b"
        rf"(?:to|for|towards?)\s+{_P}", re.I), (1, 3)),
    ("link", re.compile(rf"{_P}[^@;]{{0,25}}?(?:отделя\w+|separated from)\s+(?:от\s+)?{_P}", re.I), (1, 2)),
    ("link", re.compile(rf"{_P}\s+and\s+{_P}\s+(?:are|were|is)?\s*(?:linked|tied|connected|joined)\b", re.I),
     (1, 2)),
    ("from-to", re.compile(rf"\b(?:leaves|leaving|left|departs|departing|sets off from|bound)\s+{_P}"
                           rf"(?P<mid>[^;@]{{0,40}}?)\bfor\s+{_P}", re.I), (1, 3)),
    ("link", re.compile(rf"{_P}(?P<mid>[^;@]{{0,40}}?)\b(?:linked|tied|connected|joined|links|ties|connects|joins)"
                        rf"\b[^;@]{{0,12}}?\b(?:to|with)?\s*{_P}", re.I), (1, 3)),
    ("route-name", re.compile(r"@P(\d+)@\s*[-‐‑–—/]\s*@P(\d+)@", re.I), (1, 2)),
)
_OFFSET = re.compile(rf"@F@\s+(?:[\w-]+\s+){{0,2}}?{_DIR}(?:of|from|away from|off|от)\s+"
                     rf"(?:(?:the\s+)?(?:centre|center|outskirts|city|town|port)\s+of\s+)?"
                     rf"(?:(?:central|downtown|northern|southern|eastern|western)\s+)?{_P}", re.I)
_LIST = re.compile(r"\b(?:stops?|stopping|called|calling|halts?|via|through)\b[^;]{0,20}?"
                   r"(?P<items>@P\d+@(?:\s*,\s*(?:and\s+)?@P\d+@|\s+and\s+@P\d+@)+)", re.I)
_TOTAL = re.compile(r"\b(?:in all|in total|altogether|all told|total|whole|entire|overall|в общей сложности|"
                    r"всего)\b", re.I)
_RELATIVE = re.compile(r"\s*(?:which|that|where|whose|который|которая|где)\b", re.I)
_FURTHER = re.compile(r"@P(\d+)@[^@;]{0,30}@F@\s+(?:further|farther)\b", re.I)
_X_TO_Y = re.compile(rf"@P(\d+)@\s+to\s+{_P}", re.I)
_VIA = re.compile(r"\b(?:via|through|by way of|across|over|stopping (?:at|in)|calling at|через)\s+(?:the\s+)?"
                  r"(@P\d+@(?:\s*,\s*(?:and\s+)?@P\d+@|\s+and\s+@P\d+@)*)", re.I)
JOURNEY = re.compile(r"\b(?:journey|trip|trek|voyage|transfer|deployment|route|ride|passage|путь|переход\w*|"
                     r"маршрут\w*)\b", re.I)
ARRIVAL = re.compile(rf"\b(?:arrived (?:in|at)|arriving (?:in|at)|reached|reaching|got to|прибыл\w*\s+(?:в|на)|"
                     rf"достиг\w*)\s+{_P}", re.I)


@dataclass
class Endpoints:
    """The endpoints a sentence states for a figure (or none), with the pattern that gave them."""

    origin: Mention | None = None
    destination: Mention | None = None
    via: list[Mention] = field(default_factory=list)
    basis: str = "none"
    supported: bool = False  # True when the grammar states the pair; False for guesses
    evidence: str = ""  # the sentence with markers, as the pattern saw it

    def to_json(self) -> dict[str, object]:
        """The ``endpoints`` object of an article claim."""
        return {"basis": self.basis, "supported": self.supported,
                "origin_text": self.origin.text if self.origin else None,
                "destination_text": self.destination.text if self.destination else None,
                "via": [m.text for m in self.via]}


def masked(text: str, places: list[Mention], fig: tuple[int, int]) -> str:
    """The sentence with places as ``@Pn@`` and the figure as ``@F@`` (later spans first, so offsets hold)."""
    spans = [(m.start, m.end, f"@P{i}@") for i, m in enumerate(places)] + [(fig[0], fig[1], "@F@")]
    out = text
    for a, b, mark in sorted(spans, key=lambda t: -t[0]):
        if 0 <= a <= b <= len(out):
            out = out[:a] + mark + out[b:]
    return out


def _clause_text(s: Sentence, places: list[Mention], fig: tuple[int, int]) -> tuple[str, list[Mention]]:
    a, b = s.clause_at(fig[0])
    inside = [m for m in places if a <= m.start and m.end <= b]
    part = s.text[a:b]
    shifted = [Mention(m.text, m.place, m.country, m.kind, m.sentence, m.start - a, m.end - a) for m in inside]
    return masked(part, shifted, (fig[0] - a, fig[1] - a)), inside


def _via(mid: str, places: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in _VIA.finditer(mid):
        out.extend(places[int(i)] for i in re.findall(r"@P(\d+)@", m.group(1)))
    return out


def _distinct(a: Mention, b: Mention) -> bool:
    return a.entity != b.entity or (a.entity < 0 and a.text != b.text)


def _try(text: str, places: list[Mention]) -> Endpoints | None:
    for basis, rx, (oi, di) in PATTERNS:
        for m in rx.finditer(text):
            groups = [g for g in m.groups()]
            nums = [g for g in groups if g is not None and g.isdigit()]
            if len(nums) < 2:
                continue
            if basis == "between" and m.group(0).lower().startswith("между"):
                o, d = places[int(nums[0])], places[int(nums[1])]
            else:
                o_idx = m.group(oi) if m.group(oi) is not None else nums[0]
                d_idx = m.group(di) if m.group(di) is not None else nums[-1]
                o, d = places[int(o_idx)], places[int(d_idx)]
            if not _distinct(o, d):
                continue
            mid = m.groupdict().get("mid") or ""
            f_at, d_at = text.find("@F@"), text.find(f"@P{places.index(d)}@")
            if basis == "from-to" and d_at < f_at:  # "reach A after 2,144 km and B after 3,500 km": the last before
                later = [p for i, p in enumerate(places) if d_at < text.find(f"@P{i}@") < f_at and _distinct(o, p)
                         and re.match(r"\s+(?:after|in)\b", text[text.find(f"@P{i}@") + len(f"@P{i}@"):])
                         and re.match(r"\s+(?:after|in)\b", text[d_at + len(f"@P{places.index(d)}@"):])]
                d = later[-1] if later else d
            return Endpoints(o, d, _via(mid, places), basis, True, text)
    return None


def read(s: Sentence, places: list[Mention], fig: tuple[int, int], journey_start: Mention | None) -> Endpoints:
    """The endpoints the sentence states for the figure at ``fig`` (offsets in ``s.text``).

    ``places`` are the sentence's place mentions in text order, attribution places already left out;
    ``journey_start`` is the first named stop of the journey the text describes, used by the "journey" pattern.
    """
    clause, inside = _clause_text(s, places, fig)
    whole = masked(s.text, places, fig)
    for text, pool in ((clause, inside), (whole, places)):
        got = _try(text, pool)
        if got is not None:
            return got
    for text, pool, is_clause in ((clause, inside, True), (whole, places, False)):
        m = _OFFSET.search(text)
        if m:
            target = pool[int(m.group(1))]
            f_at = text.find("@F@")
            before = [p for i, p in enumerate(pool) if 0 <= text.find(f"@P{i}@") < f_at and _distinct(p, target)]
            if not is_clause and _RELATIVE.match(s.text[s.clause_at(fig[0])[0]:]):
                a = s.clause_at(fig[0])[0]
                before = [p for p in before if p.end <= a][-1:] or before
            if before:
                return Endpoints(before[0], target, [], "offset", True, text)
            if not is_clause:
                return Endpoints(None, target, [], "offset", False, text)
    m = _FURTHER.search(whole)
    if m:
        target = places[int(m.group(1))]
        first = next((p for p in places if _distinct(p, target)), None)
        if first is not None:
            return Endpoints(target, first, [], "offset", True, whole)
    m = _LIST.search(whole)
    if m and _TOTAL.search(whole):
        items = [places[int(i)] for i in re.findall(r"@P(\d+)@", m.group("items"))]
        if len(items) >= 2 and _distinct(items[0], items[-1]):
            return Endpoints(items[0], items[-1], items[1:-1], "list", True, whole)
    for text, pool in ((clause, inside), (whole, places)):
        m = _X_TO_Y.search(text)
        if m and _distinct(pool[int(m.group(1))], pool[int(m.group(2))]):
            return Endpoints(pool[int(m.group(1))], pool[int(m.group(2))], [], "to", True, text)
    arrival = ARRIVAL.search(whole)
    if arrival and JOURNEY.search(whole) and journey_start is not None:
        dest = places[int(arrival.group(1))]
        if _distinct(journey_start, dest):
            return Endpoints(journey_start, dest, [], "journey", True, whole)
    return Endpoints(evidence=whole)
