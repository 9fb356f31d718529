"""Text -> Claim: a distance or duration figure, with its hedge and implied precision, as an interval.

Interval rules (documented in README, "How claims are read"). ``v`` is the figure, ``s`` its implied
precision (the place of its last significant digit: "6,400" -> 100, "6,437" -> 1, "40" -> 5):

====================================================  ==============================================
hedge                                                 interval
====================================================  ==============================================
(none)                                                [v - s/2, v + s/2]
about, around, roughly, approximately, some, circa,   [v - t, v + t], t = max(s/2, 5 % of v)
an estimated, close to, ~
nearly, almost                                        [v - 5 % of v, v + r]
just under, just below                                [v - 3 % of v, v + r]
just over, just above                                 [v - r, v + 3 % of v]
more than, over, in excess of, upwards of, N+         [v, open]
at least, no less than, a minimum of                  [v - r, open]
up to, as many as, at most, no more than              [0, v + r]
less than, under, fewer than, below                   [0, v]
between A and B, A-B, A to B                          [A - r, B + r]
====================================================  ==============================================

``r = min(s/2, 1 % of v)`` is the slack a rounded figure needs at its open edge: "nearly 6,400 km" may
itself be a rounded conversion of "nearly 4,000 miles" (6,437 km).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Literal

from routes.errors import ClaimParseError
from routes.numwords import words_to_digits
from routes.phrases import mode_in
from routes.units import KM_PER_UNIT, factor

MAX_DIGITS = 15  # a route figure has at most this many characters (digits and separators)
MAX_VALUE = {"km": 1e6, "mi": 1e6, "nmi": 1e6, "min": 1e7, "h": 1e6, "d": 1e5, "wk": 1e4}  # 25 times round Earth
APPROX_REL = 0.05
# A round distance ("1,000 km", "about 6,000 km") carries at most this share of its value as rounding slack:
# half its last significant digit would make "about 1,000 km" cover 500-1,500 km (README, "How claims are read").
ROUND_CAP = 0.15
NEARLY_REL = 0.05
JUST_REL = 0.03

_UNIT_PATTERNS: list[tuple[str, str]] = [
    ("nmi", r"nautical[\s-]+miles?|nmi|n\.?\s?mi\.?|n\.\s?m\.|nm|морск\w*\s+мил\w*"),
    ("km", r"kilomet(?:er|re)s?|kms?|klicks?|км|километр\w*"),
    ("mi", r"(?:statute\s+|route\s+)?miles?|mi|мил[ьяи]\w*"),
    ("wk", r"weeks?|wks?|недел\w*"),
    ("d", r"days?|сут(?:ок|ки|\.)?|дн(?:ей|я)|день"),
    ("h", r"hours?|hrs?|h|час(?:ов|а)?|ч"),
    ("min", r"minutes?|mins?|минут\w*|мин"),
]
# a speed ("250 km/h", "30 knots", "60 mph") is not a distance: the claim reader refuses it
_SPEED_RE = re.compile(r"^\s*(?:/\s*h\b|/\s*ч|per\s+hour|an\s+hour|a\s+day\b|ph\b)|^(?:ph|/h)", re.IGNORECASE)
_KNOTS_RE = re.compile(r"\d\s*(?:knots?|kn|kts|узл\w*)\b|\d\s*mph\b|\d\s*(?:km|kilomet\w+)\s*(?:/|per)\s*h",
                       re.IGNORECASE)
# a capability, not a route: "a range of", "combat radius of", "can reach", "дальность"
_CAPABILITY_RE = re.compile(r"\b(?:range|radius|reach|endurance)\b(?:\s+of)?[^.;]{0,12}$|дальност\w*[^.;]{0,12}$",
                            re.IGNORECASE)
_UNIT_RE = "|".join(f"(?P<u_{k}>{p})" for k, p in _UNIT_PATTERNS)
# thousands separated by commas or spaces; decimals after a point, or after a comma with one or two digits
# ("6,4 km", "2,5 часа": the decimal comma of Russian and most of Europe)
_NUM = r"(?:\d{1,3}(?:[,\u00a0\u202f\u2009 ]\d{3}(?!\d))+|\d+)(?:\.\d+|,\d{1,2}(?!\d))?"
_CLAIM_RE = re.compile(
    rf"(?P<num>{_NUM})"
    rf"(?:\s*(?:-|–|—|to|and)\s*(?P<num2>{_NUM}))?"
    r"(?:\s*(?P<mult>thousand|million|k\b|тысяч[аи]?|тыс\.?|млн\.?|миллион\w*))?"
    r"(?P<plus>\+)?"
    rf"\s*-?\s*(?:{_UNIT_RE})(?![a-zа-яё])",
    re.IGNORECASE,
)

HEDGES: dict[str, str] = {
    "about": "approx", "around": "approx", "roughly": "approx", "approximately": "approx",
    "approx": "approx", "approx.": "approx", "some": "approx", "circa": "approx", "c.": "approx",
    "an estimated": "approx", "estimated": "approx", "close to": "approx", "~": "approx",
    "nearly": "nearly", "almost": "nearly", "just under": "just_under", "just below": "just_under",
    "just over": "just_over", "just above": "just_over", "slightly more than": "just_over",
    "more than": "above", "over": "above", "in excess of": "above", "upwards of": "above",
    "above": "above", "at least": "at_least", "no less than": "at_least", "a minimum of": "at_least",
    "up to": "at_most", "as many as": "at_most", "at most": "at_most", "no more than": "at_most",
    "a maximum of": "at_most", "as much as": "at_most", "as far as": "at_most",
    "less than": "below", "under": "below", "fewer than": "below", "below": "below",
    "between": "between",
    # Russian
    "около": "approx", "примерно": "approx", "порядка": "approx", "приблизительно": "approx",
    "почти": "nearly", "более": "above", "свыше": "above", "больше": "above", "не менее": "at_least",
    "менее": "below", "меньше": "below", "до": "at_most",
}
_HEDGE_ORDER = sorted(HEDGES, key=len, reverse=True)




@dataclass(frozen=True)
class Claim:
    """A figure read from text, as an interval in km (distance) or hours (duration).

    ``low``/``high`` are in km for distances and hours for durations; ``high`` is None when the claim
    is open above ("more than 6,000 km").
    """

    text: str
    kind: Literal["distance", "duration"]
    value: float
    unit: str
    hedge: str
    low: float
    high: float | None
    step: float
    mode: str | None = None
    span: tuple[int, int] = (0, 0)
    mode_implied: bool = False  # the mode comes from the unit (nautical miles -> sea), not from the words

    @property
    def central(self) -> float:
        """The figure itself in km or hours."""
        return self.value * factor(self.unit)

    def describe(self) -> str:
        """Human description of the interval, e.g. ``6,080-6,450 km``."""
        unit = "km" if self.kind == "distance" else "h"
        fmt = "{:,.0f}" if self.kind == "distance" else "{:,.1f}"
        if self.high is None:
            return f"{fmt.format(self.low)} {unit} or more"
        return f"{fmt.format(self.low)}-{fmt.format(self.high)} {unit}"

    def to_json(self) -> dict[str, Any]:
        """JSON shape of the verify contract (``low_km``/``high_km`` or ``low_h``/``high_h``)."""
        suffix = "km" if self.kind == "distance" else "h"
        return {
            "text": self.text,
            "kind": self.kind,
            "value": self.value,
            "unit": self.unit,
            "hedge": self.hedge or None,
            f"low_{suffix}": round(self.low, 1),
            f"high_{suffix}": None if self.high is None else round(self.high, 1),
            "precision": self.step,
            "mode": self.mode,
        }

    def reinterpret(self, unit: str) -> Claim:
        """The same words read with another unit of the same kind (for the unit-swap check)."""
        return _build(self.text, self.value, None, self.step, unit, self.hedge, self.mode, self.span)


def _plain(num: str) -> str:
    """A matched figure as plain digits with a decimal point ("10 557" -> "10557", "2,5" -> "2.5")."""
    num = re.sub(r",(\d{1,2})$", r".\1", num)
    return re.sub(r"[,\u00a0\u202f\u2009 ]", "", num)


def _step(num: str, mult: float) -> float:
    digits = _plain(num)
    if "." in digits:
        decimals = digits.split(".")[1]
        unit_step = 10.0 ** -len(decimals)
        if decimals.endswith("5"):
            unit_step *= 5  # "1.5 days" is a half, not a tenth
        return unit_step * mult
    stripped = digits.rstrip("0")
    zeros = len(digits) - len(stripped) if stripped else 0
    if zeros == 0:
        base = 1.0
    elif zeros == 1:
        base = 5.0
    else:
        base = 10.0**zeros
    return base * mult


def _to_float(num: str) -> float:
    return float(_plain(num))


def _hedge_before(prefix: str) -> str:
    p = prefix.lower().rstrip()
    for h in _HEDGE_ORDER:
        if p.endswith(h) and (len(p) == len(h) or not p[-len(h) - 1].isalnum() or not h[0].isalnum()):
            return h
    return ""


def _build(
    text: str,
    value: float,
    value2: float | None,
    step: float,
    unit: str,
    hedge: str,
    mode: str | None,
    span: tuple[int, int],
) -> Claim:
    kind: Literal["distance", "duration"] = "distance" if unit in KM_PER_UNIT else "duration"
    per = factor(unit)
    v, s = value, step
    r = min(s / 2, 0.01 * v)
    half = s / 2 if kind == "duration" else min(s / 2, ROUND_CAP * v)  # rounding slack of the figure itself
    sem = HEDGES.get(hedge, "exact")
    high: float | None
    if value2 is not None:
        low, high = value - r, value2 + min(s / 2, 0.01 * value2)
    elif sem == "approx":
        t = max(half, APPROX_REL * v)
        low, high = v - t, v + t
    elif sem == "nearly":
        low, high = v * (1 - NEARLY_REL), v + r
    elif sem == "just_under":
        low, high = v * (1 - JUST_REL), v + r
    elif sem == "just_over":
        low, high = v - r, v * (1 + JUST_REL)
    elif sem == "above":
        low, high = v, None
    elif sem == "at_least":
        low, high = v - r, None
    elif sem == "at_most":
        low, high = 0.0, v + r
    elif sem == "below":
        low, high = 0.0, v
    else:
        low, high = v - half, v + half
    return Claim(
        text=text,
        kind=kind,
        value=value,
        unit=unit,
        hedge=hedge,
        low=max(low, 0.0) * per,
        high=None if high is None else high * per,
        step=step,
        mode=mode,
        span=span,
    )


def _from_match(text: str, work: str, m: re.Match[str], context: str | None = None) -> Claim:
    unit = next(k for k, _ in _UNIT_PATTERNS if m.group(f"u_{k}"))
    if unit in KM_PER_UNIT and _SPEED_RE.match(work[m.end():]):
        raise ClaimParseError(f"{m.group(0).strip()!r} is part of a speed, not a distance: give a distance or a "
                              "duration, e.g. '650 km' or '3 hours 45 minutes'")
    mult_word = (m.group("mult") or "").lower()
    mult_word = "тыс" if mult_word.startswith("тыс") else "млн" if mult_word.startswith("миллион") else mult_word
    mult = {"thousand": 1000.0, "k": 1000.0, "million": 1e6, "тыс": 1000.0, "млн": 1e6}.get(
        mult_word.rstrip("."), 1.0)
    prev = work[max(0, m.start() - 2): m.start()]
    glued = prev[-1:].isalnum() or prev[-1:] == "."  # "1e5 km", "0x10 km": the figure is part of something else
    minus = prev[-1:] in ("-", "\u2212") and not prev[:1].isalnum()  # "-5 km", but not "Il-76"
    if glued or minus:
        what = "negative" if minus else "malformed"
        raise ClaimParseError(f"{what} figure in {work.strip()[:60]!r}: write a plain positive number, "
                              "e.g. '100,000 km'")
    if len(m.group("num")) > MAX_DIGITS:
        raise ClaimParseError(f"the figure in {work.strip()[:40]!r}... is too long to be a route figure")
    value = _to_float(m.group("num")) * mult
    value2 = _to_float(m.group("num2")) * mult if m.group("num2") else None
    if max(value, value2 or 0.0) > MAX_VALUE[unit]:
        raise ClaimParseError(f"{m.group(0).strip()!r} is larger than any route on Earth")
    step = _step(m.group("num"), mult)
    if m.group("num2"):
        step = min(step, _step(m.group("num2"), mult))
    hedge = _hedge_before(work[: m.start()])
    if m.group("plus"):
        hedge = "more than"
    if value2 is not None:
        if value2 < value:
            raise ClaimParseError(f"range {m.group(0)!r} runs backwards")
        hedge = "between"
    elif hedge == "between":
        hedge = ""
    if context is not None:  # a figure found in running text: keep the figure itself as the claim text
        start = m.start() - (len(hedge) + 1 if hedge and hedge != "between" else 0)
        text = work[max(start, 0): m.end()].strip()
    mode = mode_in(context if context is not None else text)
    if mode is None and unit == "nmi":  # nautical miles are the unit of port-distance tables unless a flight is stated
        return replace(_build(text, value, value2, step, unit, hedge, "sea", (m.start(), m.end())), mode_implied=True)
    return _build(text, value, value2, step, unit, hedge, mode, (m.start(), m.end()))


@lru_cache(maxsize=65536)
def parse(text: str) -> Claim:
    """Parse one claim ("nearly 6,400 km", "a day and a half by rail", "4,000-mile flight").

    Raises
    ------
    ClaimParseError
        Naming what could not be read (no figure, no unit, a backwards range).
    """
    if not text or not text.strip():
        raise ClaimParseError("empty claim: give a figure with a unit, e.g. 'nearly 6,400 km'")
    work = words_to_digits(text)
    m = _CLAIM_RE.search(work)
    if m is None:
        if _KNOTS_RE.search(work):
            raise ClaimParseError(f"{text!r} is a speed, not a distance or a duration: give e.g. '650 km' or "
                                  "'3 hours 45 minutes'")
        if not re.search(r"\d", work):
            raise ClaimParseError(f"no figure in claim {text!r}: give a number, e.g. 'nearly 6,400 km'")
        raise ClaimParseError(
            f"no unit in claim {text!r}: use km, miles, nautical miles, hours, days or weeks"
        )
    return _from_match(text, work, m)


def find_all(text: str) -> list[Claim]:
    """Every distance or duration figure in a longer text, each with its hedge ("nearly 6,400 kilometers").

    Spans refer to the normalised text; the mode is read from the 40 characters around the figure.
    """
    work = words_to_digits(text)
    out = []
    for m in _CLAIM_RE.finditer(work):
        if _CAPABILITY_RE.search(work[max(0, m.start() - 30): m.start()]):
            continue  # "a range of 2,500 km", "a combat radius of 1,000 km": what a vehicle can do, not a route
        try:
            c = _from_match("", work, m, context=work[max(0, m.start() - 40): m.end() + 40])
        except ClaimParseError:
            continue
        out.append(c)
    return out
