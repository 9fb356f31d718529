"""Sentences -> figures: the distances and durations that are route claims, and the numbers that are not.

Third stage of article reading (README, "Article mode"). ``claims.find_all`` reads every figure with a unit
(speeds and "a range of ..." are already refused there). This stage then sets aside, with a reason that goes
into the JSON, the figures that are not the length or duration of a journey:

========================  ==============================================================================
reason                    examples
========================  ==============================================================================
capability                "can strike targets 1,000 km away", "flies up to 2,500 km", "striking distance"
rate                      "500 km a day", "covers 80 km per day" (a speed in other words)
frequency                 "every two days", "twice a day"
relative_time             "a week after the strike", "two days later", "over the past three weeks"
not_travel                "loading took six hours", "a two-hour stopover", "waited for three days"
dimension                 "a 19 km bridge", "10 km long", "the 1,000-km front line", "40 km wide" (kept when
                          the sentence names the line's two ends: "the X-Y line, 54 km long")
difference                "three weeks longer" (a difference between two journeys, for durations)
========================  ==============================================================================

A round trip ("the 10,000 km round trip from Pyongyang to Vladivostok") is kept as ``round_trip`` and checked by
no one-way route: the text does not say what its legs were.

Figures measured to an area ("600 km from the Ukrainian border", "10 km inside the Kursk region", "40 km
behind the front line") are kept, marked ``area``: they are checked against the area, not a point pair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from routes.claims import Claim, find_all
from routes.numwords import words_to_digits
from routes.prose import Sentence
from routes.textnorm import fold

_BEFORE = 60  # characters of the clause before a figure that can set it aside
_AFTER = 40
_REJECT_BEFORE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("capability", re.compile(r"\b(?:can|could|able to|capable of|designed to)\b[^.;]{0,40}$|"
                              r"\b(?:range|radius|endurance|striking distance|strike distance)\b[^.;]{0,25}$|"
                              r"\breach of\b[^.;]{0,10}$|"
                              r"\bflies up to\s*$|дальност\w*[^.;]{0,25}$|способн\w*[^.;]{0,30}$", re.I)),
    ("frequency", re.compile(r"\b(?:every|once|twice|thrice|(?:\d+|two|three|four|five|six|several) times)\s*$|"
                             r"\bкажд\w*\s*$|\bраз в\s*$|"
                             r"(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|several|many|a few)\s+"
                             r"(?:[a-z]+\s+)?[a-z]+s\s*$", re.I)),
    ("rate", re.compile(r"\d[\d,.]*\s*(?:km|kilomet\w+|miles?|км|километр\w*)\s*(?:a|an|per|each|в)?\s*$", re.I)),
    ("relative_time", re.compile(r"\bfor the \w+ time in\s*$|"
                                 r"\b(?:over|in|during|for|within)\s+the\s+(?:past|last|next|previous|first)\s*$|"
                                 r"\b(?:past|last|next|previous)\s*$|\bspent\s*$", re.I)),
    ("not_travel", re.compile(r"\b(?:load\w*|unload\w*|turnaround|refuel\w*|stopover|layover|wait\w*|delay\w*|"
                              r"queue\w*|stay\w*|rest\w*|parked|idle|repair\w*|halts?|halted|stops? for|"
                              r"lost|loses|losing|"
                              r"shelter\w*|погрузк\w*|разгрузк\w*|ожидан\w*|стоянк\w*)"
                              r"\b[^.;,]{0,40}$", re.I)),
    ("dimension", re.compile(r"\b(?:altitude|height|depth|width|length|diameter|area|runway|bridge|tunnel|span|"
                             r"высот\w*|длин\w*|ширин\w*)\b(?:\s+of)?[^.;,]{0,12}$", re.I)),
)
_REJECT_AFTER: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("rate", re.compile(r"^\s*(?:a|per|each|every)\s+(?:day|hour|week)\b|^\s*в\s+(?:сутки|день|час)\b", re.I)),
    ("interval", re.compile(r"^\s*(?:apart|intervals?)\b", re.I)),
    ("difference", re.compile(r"^\s*(?:longer|shorter|more|less|extra|faster|slower|further|farther)\b(?!\s+than)|"
                              r"^\s*(?:быстрее|медленнее|дольше|раньше|позже)", re.I)),
    ("relative_time", re.compile(r"^\s*(?:after|later|before|earlier|ago|since|prior|beforehand|спустя|назад|"
                                 r"после|до того)\b|^\s*of\s+(?:the|its|their)\s+(?:strike|attack|launch|"
                                 r"announcement)", re.I)),
    ("not_travel", re.compile(r"^\s*(?:of\s+)?(?:stopover|layover|delay|wait|halt|break|rest|turnaround|"
                              r"loading|unloading)\b", re.I)),
    ("dimension", re.compile(r"^\s*(?:long|wide|high|tall|deep(?!\s+(?:in|into|inside|behind))|thick|"
                             r"across(?!\s+(?:the|a|an)\b)|in (?:length|diameter|width)|runway|bridge|tunnel)\b",
                             re.I)),
    ("capability", re.compile(r"^\s*(?:range|radius|reach)\b", re.I)),
)
_APPLIES = {"capability": ("distance", "duration"), "rate": ("distance", "duration"),
            "frequency": ("distance", "duration"),
            "difference": ("duration",), "interval": ("duration",),
            "relative_time": ("duration",), "not_travel": ("duration",), "dimension": ("distance",)}
_ROUND_TRIP = re.compile(r"\b(?:round[- ]trip|return (?:trip|journey|flight)|there and back|both ways|and back\b|"
                         r"туда и обратно)\b", re.I)
_LENGTH_OF = re.compile(r"^\s*(?:-?long\s+)?(?-i:(?:the\s+)?(?:[A-Z][\w-]+\s+){0,2})?"  # "the 19 km Crimean Bridge"
                        r"(?:front(?:\s+line)?|frontline|border|coastline|pipeline|bridge|tunnel|"
                        r"runway|canal|fence|wall)\b", re.I)
_AREA = re.compile(r"^[^.;]{0,30}?\b(?:from|of|off|to|inside|behind|into|within|beyond|short of)\s+(?:the\s+)?"
                   r"(?:(?:nearest|closest)\s+)?"
                   r"(?:(?:[A-Z][\w’'-]+|Russian|Ukrainian|Belarusian|Finnish|Polish|Chinese|Kazakh|North Korean)\s+)?"
                   r"(?:state\s+)?(?:border|frontier|front(?:\s+lines?)?|frontline|contact line|line of contact|"
                   r"coast(?:line)?|territory|airspace|границ\w*|фронт\w*|лини\w+ соприкосновения)\b|"
                   r"^\s*(?:inside|into|deep into|behind|within)\s+(?:the\s+)?", re.I)
_COUNTRY_AFTER = re.compile(r"^[^.;]{0,20}?\bfrom\s+(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)", re.I)


@dataclass
class Figure:
    """A figure read from a sentence: a route claim, an area claim, or a number set aside."""

    claim: Claim
    sentence: int
    start: int  # offsets in the sentence text
    end: int
    status: str  # route | area | ignored
    reason: str = ""
    text: str = ""  # the figure as written, with its hedge ("some 2,800 km", "eight hours")

    def to_json(self) -> dict[str, object]:
        """The ``ignored`` entries of the article JSON."""
        return {"text": self.text or self.claim.text, "sentence": self.sentence, "reason": self.reason}


def _span(s: Sentence, c: Claim) -> tuple[int, int]:
    """Where the figure sits in the sentence. Claims report spans in their normalised text (number words
    written as digits), so the figure is found again by the words on either side of it."""
    work = words_to_digits(s.text)
    if work == s.text:
        return c.span
    a, b = c.span
    start = end = -1
    for width in (20, 10, 4):
        before = work[max(0, a - width): a]
        if before:
            pos = s.text.find(before)
            if pos >= 0 and s.text.count(before) == 1:
                start = pos + len(before)
                break
    for width in (20, 10, 4):
        after = work[b: b + width]
        if after:
            pos = s.text.find(after, max(start, 0))
            if pos >= 0:
                end = pos
                break
    if start < 0 and a == 0:
        start = 0
    if end < 0 and b >= len(work):
        end = len(s.text)
    if 0 <= start <= end:
        return start, end
    return min(a, len(s.text)), min(b, len(s.text))


def _written(text: str, c: Claim, start: int, end: int) -> str:
    """The figure as the text writes it, its hedge included when the hedge sits just before it."""
    head = text[:start].rstrip()
    if c.hedge and c.hedge != "between" and head.lower().endswith(c.hedge.lower()):
        return text[len(head) - len(c.hedge): end].strip()
    m = re.search(r"(?:about|around|some|nearly|almost|roughly|approximately|more than|over|less than|under|"
                  r"up to|at least|just over|just under|около|почти|более|примерно|свыше|менее)\s*$", head, re.I)
    if c.hedge and m:
        return text[m.start(): end].strip()
    return text[start:end].strip()


def classify(s: Sentence, c: Claim, start: int, end: int, area_words: bool) -> tuple[str, str]:
    """(status, reason) of one figure."""
    clause_start, clause_end = s.clause_at(start)
    before = s.text[max(clause_start, start - _BEFORE): start]
    after = s.text[end: min(clause_end, end + _AFTER)]
    for reason, rx in _REJECT_AFTER:
        if c.kind in _APPLIES[reason] and rx.search(after):
            return "ignored", reason
    if c.kind == "distance" and _LENGTH_OF.search(after):
        return "ignored", "dimension"  # "the 1,000-km front line": the length of a line, not a journey
    for reason, rx in _REJECT_BEFORE:
        if c.kind in _APPLIES[reason] and rx.search(before):
            return "ignored", reason
    if c.kind == "distance" and (area_words or _AREA.search(after)):
        return "area", "a distance to an area (a border, a front line, a region), not between two places"
    if _ROUND_TRIP.search(s.text[max(clause_start, start - 30): min(clause_end, end + 40)]):
        return "round_trip", ("a round trip (there and back, perhaps with side trips): the text does not give its "
                              "legs, so no one-way route can check it")
    return "route", ""


def names_a_structure(s: Sentence, fig: Figure) -> bool:
    """True when the figure is the length of a structure or a line that is no route ("the 19 km Crimean Bridge",
    "the 1,000-km front line"), as opposed to "the X-Y line is 54 km long"."""
    _a, b = s.clause_at(fig.start)
    return fig.claim.kind == "distance" and bool(_LENGTH_OF.search(s.text[fig.end: min(b, fig.end + _AFTER)]))


def find(s: Sentence, country_names: set[str] | None = None) -> list[Figure]:
    """Every figure of a sentence, classified."""
    out = []
    for c in find_all(s.text):
        start, end = _span(s, c)
        after = s.text[end: end + _AFTER]
        m = _COUNTRY_AFTER.search(after)
        name = fold(re.sub(r"['’]s$", "", m.group("name"))) if m else ""
        to_country = bool(name and country_names and name in country_names)
        status, reason = classify(s, c, start, end, to_country)
        out.append(Figure(c, s.index, start, end, status, reason, _written(s.text, c, start, end)))
    return out
