"""A journey told across sentences: the pairs article mode reads from more than one sentence.

Helpers of ``routes.article`` (README, "Article mode", stage 4): "the two cities", "the same 650 km", a journey
told over up to ``JOURNEY_SENTENCES`` sentences of one paragraph ("left Novosibirsk by rail. ... reached Moscow
after some 2,800 km"), and the guesses' look-back. Each reads a bounded window, so the whole stays linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from routes import articleroute, endpoints, figures
from routes.mentions import Mention
from routes.prose import Sentence

JOURNEY_SENTENCES = 3  # a journey told over this many sentences back, in one paragraph, is still one journey
_TRAVEL = re.compile(r"\b(?:covered|covering|travel\w*|journey|trip|run|ride|voyage|flight|flew|sail\w*|passage|"
                     r"crossing|reached|reaching|arrived|"
                     r"arriving|distance|route|прибыл\w*|преодолел\w*|путь)\b", re.I)
_DEPART = re.compile(r"(?:\bleft|\bleaves|\bleaving|\bdeparted(?: from)?|\bboarded\b[^.;]{0,40}\b(?:in|at)|"
                     r"\bset (?:off|out|sail) from|\bloaded\b[^.;]{0,40}\b(?:at|in)|\bembarked (?:at|in)|\bout of|"
                     r"\bfrom|\bиз|"
                     r"\bот)\s+(?:the\s+)?$", re.I)
_ARRIVE = re.compile(r"(?:\bfor\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:port|base|city|town) of|\bfor|"
                     r"\breached|\barrived (?:in|at)|\bbound for|\bheading (?:to|for)|\bdestined for|\bto|"
                     r"\binto|\bpulled into|\blanded (?:in|at)|\bв|\bдо)\s+(?:the\s+)?$", re.I)
_BACKREF = re.compile(r"\b(?:the|its|their|this|that)\s+(?:[\w,.-]+\s+){0,3}?(?:journey|trip|voyage|flight|move|"
                      r"transfer|ride|run|passage|crossing)\b|\b(?:it|they|the \w+)\s+(?:had\s+)?(?:arrived|reached)\b|"
                      r"\b(?:путь|переход|рейс|перелет)\b", re.I)
_SAME = re.compile(r"\bthe same\s+(?:[\d,.]+\s*(?:km|kilomet\w+|miles?)|route|distance|journey|trip|line|stretch|"
                   r"run|way)\b|\bthat (?:route|line|distance|journey)\b|\bтот же\b|\bту же\b", re.I)


@dataclass
class Text:
    """The article as read so far: its sentences, mentions by sentence, and the journey it describes."""

    sents: list[Sentence]
    by_sentence: list[list[Mention]]
    route: list[dict[str, Any]]
    journey_start: Mention | None
    country_names: set[str]


def distinct_before(t: Text, index: int, n: int, before: int = 1 << 30) -> list[Mention]:
    """The last ``n`` distinct places named up to sentence ``index`` (in it, only before offset ``before``)."""
    out: list[Mention] = []
    for here in reversed(t.by_sentence[max(0, index - 5): index + 1]):
        for m in reversed(here):
            if m.sentence == index and m.start >= before:
                continue
            if usable(m) and all(m.entity != o.entity for o in out):
                out.insert(0, m)
                if len(out) == n:
                    return out
    return out


_TRAILING = re.compile(r"@P(\d+)@\s*,\s*(?:[\w-]+\s+){0,3}?@F@\s+(?:away\s+)?to the (?:north|south|east|west)"
                       r"(?:-?(?:east|west))?\b(?!\s+of\b)", re.I)


def trailing_offset(s: Sentence, fig: figures.Figure, t: Text) -> endpoints.Endpoints | None:
    """'sent on to Dzhankoi, some 85 km to the north': the place is that far from the place named just before it
    (in the sentence, else in the sentences before)."""
    places = [m for m in t.by_sentence[s.index] if usable(m)]
    text = endpoints.masked(s.text, places, (fig.start, fig.end))
    m = _TRAILING.search(text)
    if m is None:
        return None
    target = places[int(m.group(1))]
    earlier = [p for p in distinct_before(t, s.index, 3, before=target.start) if p.entity != target.entity
               or (p.entity < 0 and p.text != target.text)]
    if not earlier:
        return None
    return endpoints.Endpoints(target, earlier[-1], [], "offset", True, text)


def line_with_ends(s: Sentence, here: list[Mention], fig: figures.Figure, t: Text) -> bool:
    got = endpoints.read(s, [m for m in here if usable(m)], (fig.start, fig.end), t.journey_start)
    return got.supported and got.basis in ("between", "route-name", "from-to", "link")


def two_places(s: Sentence, fig: figures.Figure, t: Text) -> endpoints.Endpoints | None:
    """'the two cities are 720 km apart', 'between the two ports': the last two places named before."""
    a, b = s.clause_at(fig.start)
    m = articleroute.TWO_PLACES.search(s.text[a:b]) or articleroute.TWO_PLACES.search(s.text)
    if m is None:
        return None
    pair = distinct_before(t, s.index, 2, before=a + m.start())
    if len(pair) < 2:
        return None
    return endpoints.Endpoints(pair[0], pair[1], [], "coreference", True, s.text)


def same_route(s: Sentence, fig: figures.Figure, t: Text) -> endpoints.Endpoints | None:
    """'the same 650 km', 'the same route': the pair the previous sentences stated."""
    if not _SAME.search(s.text):
        return None
    for i in range(s.index - 1, max(-1, s.index - JOURNEY_SENTENCES - 1), -1):
        prev = t.sents[i]
        if prev.paragraph != s.paragraph:
            break
        places = [m for m in t.by_sentence[i] if usable(m)]
        for f in figures.find(prev, t.country_names):
            got = endpoints.read(prev, places, (f.start, f.end), t.journey_start)
            if got.supported:
                return endpoints.Endpoints(got.origin, got.destination, got.via, "same-route", True, prev.text)
    return None


def paragraph_journey(s: Sentence, fig: figures.Figure, t: Text) -> endpoints.Endpoints | None:
    """A journey told over several sentences of one paragraph: "left X by rail. ... reached Y after N km"."""
    if not _TRAVEL.search(s.text):
        return None
    window = [i for i in range(max(0, s.index - JOURNEY_SENTENCES), s.index + 1)
              if t.sents[i].paragraph == s.paragraph]
    start: Mention | None = None
    end: Mention | None = None
    for i in window:
        text = t.sents[i].text
        for m in t.by_sentence[i]:
            if not usable(m):
                continue
            before = text[max(0, m.start - 50): m.start]
            if start is None and _DEPART.search(before):
                start = m
            elif start is not None and _ARRIVE.search(before) and m.entity != start.entity:
                end = m
    if start is None or end is None or start.sentence == end.sentence == s.index:
        return None
    a, b = s.clause_at(fig.start)
    if not (end.sentence == s.index and a <= end.start < b) and not _BACKREF.search(s.text[a:b]):
        return None  # "..., and a third covered 500 miles": a figure of another party, not of this journey
    return endpoints.Endpoints(start, end, [], "journey-in-paragraph", True,
                               " ".join(t.sents[i].text for i in window))


def usable(m: Mention) -> bool:
    """A mention that can be an endpoint: a place, not a country and not an attribution ("officials in X")."""
    return m.place is not None and m.role not in ("attribution", "country")
