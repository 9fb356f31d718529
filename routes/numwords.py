"""Number words and compound durations to digits: "four thousand" -> 4000, "7 hours 45 minutes" -> 465 minutes.

The claim reader runs this first, so its grammar only ever sees numerals.
"""

from __future__ import annotations

import re
from functools import lru_cache

# "7 hours 45 minutes", "3 h 45 min", "2 days 6 hours", "1:30 h": one figure in the smaller unit
_COMPOUND_RES = [
    (re.compile(r"\b(\d+)\s*(?:hours?|hrs?|h)\s*(?:and\s+)?(\d{1,2})\s*(?:minutes?|mins?|m)\b", re.I), 60, "minutes"),
    (re.compile(r"\b(\d+)\s*(?:days?)\s*(?:and\s+)?(\d{1,2})\s*(?:hours?|hrs?|h)\b", re.I), 24, "hours"),
    (re.compile(r"\b(\d{1,2}):([0-5]\d)\s*(?:hours?|hrs?|h)\b", re.I), 60, "minutes"),
    (re.compile(r"(?<!\w)(\d+)\s*(?:час\w*|ч\.?)\s*(?:и\s+)?(\d{1,2})\s*мин\w*", re.I), 60, "минут"),
    (re.compile(r"(?<!\w)(\d+)\s*(?:сут\w*|дн\w*|день)\s*(?:и\s+)?(\d{1,2})\s*час\w*", re.I), 24, "часов"),
]

_ONES_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
)
_ONES = {w: i for i, w in enumerate(_ONES_WORDS.split())}
_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_WORD = "|".join([*_ONES, *_TENS, *_SCALES, "a", "an", "and", "dozen"])
_WORDS_RE = re.compile(rf"\b(?:(?:{_WORD})(?:[\s-]+|$))+", re.IGNORECASE)
_HALF_RES = [
    (re.compile(r"\b(?:a|an|one)\s+(day|hour|week|minute)\s+and\s+a\s+half\b", re.I), r"1.5 \1s"),
    (re.compile(r"\bhalf\s+an?\s+(day|hour|week)\b", re.I), r"0.5 \1"),
    (re.compile(r"\b(\d+)\s+and\s+a\s+half\s+(days|hours|weeks)\b", re.I), r"\1.5 \2"),
    (re.compile(r"\ba\s+(day|hour|week|dozen)\b", re.I), r"1 \1"),
    (re.compile(r"\ban\s+(hour)\b", re.I), r"1 \1"),
]


def _compounds(text: str) -> str:
    """Rewrite "7 hours 45 minutes" as "465 minutes" (one figure, precise to its smaller unit)."""
    for rx, per, unit in _COMPOUND_RES:

        def one(m: re.Match[str], per: int = per, unit: str = unit) -> str:
            return f"{int(m.group(1)) * per + int(m.group(2))} {unit}"

        text = rx.sub(one, text)
    return text


# Russian number words before a unit ("восемь суток", "двух часов", "пяти километров"): one word, 1-20 and tens
_RU_NUMBERS = {
    1: "один одна одни одного одной одних", 2: "два две двух", 3: "три трёх трех", 4: "четыре четырёх четырех",
    5: "пять пяти", 6: "шесть шести", 7: "семь семи", 8: "восемь восьми", 9: "девять девяти", 10: "десять десяти",
    11: "одиннадцать одиннадцати", 12: "двенадцать двенадцати", 14: "четырнадцать четырнадцати",
    15: "пятнадцать пятнадцати", 20: "двадцать двадцати", 30: "тридцать тридцати", 40: "сорок сорока",
    50: "пятьдесят пятидесяти", 100: "сто ста",
}
_RU_WORD = {w: n for n, forms in _RU_NUMBERS.items() for w in forms.split()}
_RU_RE = re.compile(rf"(?<![а-яё])({'|'.join(sorted(_RU_WORD, key=len, reverse=True))})"
                    r"(?=\s+(?:сут|дн|день|час|недел|мин|км|километр|мил|морск))", re.IGNORECASE)


@lru_cache(maxsize=8192)
def words_to_digits(text: str) -> str:
    text = _RU_RE.sub(lambda m: str(_RU_WORD[m.group(1).lower()]), text)
    text = _compounds(text)
    for rx, repl in _HALF_RES:
        text = rx.sub(repl, text)
    text = _WORDS_RE.sub(lambda m: _convert_words(text, m), text)
    for rx, repl in _HALF_RES:
        text = rx.sub(repl, text)
    return text


def _convert_words(text: str, m: re.Match[str]) -> str:
    """Replace one run of number words with digits ("four thousand" -> "4000")."""
    raw = m.group(0)
    words = [w for w in re.split(r"[\s-]+", raw.strip().lower()) if w]
    while words and words[-1] in ("and", "a", "an"):
        words.pop()  # "two and a half": the "and a" belongs to the fraction, not the number
    lead = ""
    if words and words[0] in ("a", "an") and (len(words) < 2 or words[1] not in (*_SCALES, "dozen")):
        # "a nine-day journey": the article is not a number (only "a hundred", "a dozen" are)
        lead = raw[: raw.lower().index(words[0]) + len(words[0])]
        raw = raw[len(lead):]
        words = words[1:]
    numeric = [w for w in words if w in _ONES or w in _TENS or w in _SCALES or w == "dozen"]
    if not numeric:
        return lead + raw
    before = text[: m.start()].rstrip()
    if words[0] in _SCALES and before[-1:].isdigit():
        return raw  # "6.4 thousand": the scale word multiplies a numeral, handled by the claim regex
    total, current = 0, 0
    for w in words:
        if w in ("a", "an"):
            current = max(current, 1)
        elif w == "and":
            continue
        elif w == "dozen":
            current = (current or 1) * 12
        elif w in _ONES:
            current += _ONES[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        else:
            total += (current or 1) * _SCALES[w]
            current = 0
    consumed = 0
    for w in words:
        consumed = raw.lower().index(w, consumed) + len(w)
    return f"{lead}{' ' if lead else ''}{total + current}{raw[consumed:]}"
