"""Claim intervals for many claims at once: each claim *shape* parsed once, the figures read as arrays.

Batch inputs repeat a few shapes ("about 1,234 km", "nearly 56 miles") with different figures. Claims that
differ only in their digits read alike: the claim grammar, the hedge and mode phrases and the word-to-digit
rules look at where digits are, never at which digits they are. So one claim per shape goes through
:func:`routes.claims.parse`, and the rest of its shape get the same hedge, unit and mode with their own
figure, rounding step and interval, computed by the same arithmetic as ``claims._build`` over numpy arrays.
Anything else (two figures, number words, a shape whose sample does not read back as expected, a figure
over the limit) goes through :func:`~routes.claims.parse` itself, so results and errors are identical.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from routes import claims as cl
from routes.errors import ClaimParseError

if TYPE_CHECKING:
    import numpy as np

_ONE_FIGURE = re.compile(r"(\D*?)(\d(?:[\d,\u00a0\u202f\u2009 .]*\d)?)(\D*)", re.DOTALL)
_ZEROS = str.maketrans("123456789", "000000000")  # the shape key: every ASCII digit as 0 (others fall to parse)
_SEPARATORS = str.maketrans("", "", ",\u00a0\u202f\u2009 ")


@dataclass(frozen=True)
class _Shape:
    """What every claim of one shape shares, read from its sample."""

    unit: str
    hedge: str
    kind: str
    mult: float
    decimal_comma: int  # digits after a final decimal comma ("6,4 km"), else 0


@cache
def _fast_ok() -> bool:
    """The shortcut holds only while no claim-scope mode phrase looks at digits (data/modes/phrases.csv)."""
    from routes.datafiles import read_table
    from routes.phrases import TABLE

    return not any(r["scope"] == "claim" and re.search(r"\\d|\d|\[[^\]]*0-9", r["pattern"]) for r in read_table(TABLE))


def _plain(run: str, shape: _Shape) -> str:
    if shape.decimal_comma:
        k = shape.decimal_comma
        return run[: -k - 1].translate(_SEPARATORS) + "." + run[-k:]
    return run.translate(_SEPARATORS)


def _shape_of(sample: str, pre: str, run: str) -> _Shape | None:
    """The shape of ``sample``, or None when it must be parsed claim by claim."""
    if cl.words_to_digits(sample) != sample:
        return None
    try:
        c = cl.parse(sample)
    except ClaimParseError:
        return None
    if c.span[0] != len(pre) or c.hedge == "between" or c.value <= 0:
        return None
    m = re.search(r",(\d{1,2})$", run)
    for mult in (1.0, 1000.0, 1e6):
        shape = _Shape(c.unit, c.hedge, c.kind, mult, len(m.group(1)) if m else 0)
        plain = _plain(run, shape)
        try:
            value = float(plain) * mult
        except ValueError:
            return None
        if value == c.value and cl._step(run, mult) == c.step and plain == cl._plain(run):
            want = cl._build(sample, value, None, c.step, c.unit, c.hedge, c.mode, c.span)
            if (want.low, want.high) == (c.low, c.high):
                return shape
    return None


def _steps(plains: list[str], shape: _Shape) -> np.ndarray:
    """``claims._step`` of each figure of one shape (decimals and trailing zeros are where the step lives)."""
    import numpy as np

    out = np.empty(len(plains))
    for i, digits in enumerate(plains):
        if "." in digits:
            decimals = digits.split(".")[1]
            step = 10.0 ** -len(decimals)
            out[i] = (step * 5 if decimals.endswith("5") else step) * shape.mult
            continue
        stripped = digits.rstrip("0")
        zeros = len(digits) - len(stripped) if stripped else 0
        out[i] = (1.0 if zeros == 0 else 5.0 if zeros == 1 else 10.0**zeros) * shape.mult
    return out


def _interval(v: np.ndarray, s: np.ndarray, shape: _Shape) -> tuple[np.ndarray, np.ndarray]:
    """``claims._build``'s interval for one figure, element by element (inf for an open top)."""
    import numpy as np

    r = np.minimum(s / 2, 0.01 * v)
    half = s / 2 if shape.kind == "duration" else np.minimum(s / 2, cl.ROUND_CAP * v)
    sem = cl.HEDGES.get(shape.hedge, "exact")
    inf = np.full(len(v), np.inf)
    if sem == "approx":
        t = np.maximum(half, cl.APPROX_REL * v)
        low, high = v - t, v + t
    elif sem == "nearly":
        low, high = v * (1 - cl.NEARLY_REL), v + r
    elif sem == "just_under":
        low, high = v * (1 - cl.JUST_REL), v + r
    elif sem == "just_over":
        low, high = v - r, v * (1 + cl.JUST_REL)
    elif sem == "above":
        low, high = v, inf
    elif sem == "at_least":
        low, high = v - r, inf
    elif sem == "at_most":
        low, high = np.zeros(len(v)), v + r
    elif sem == "below":
        low, high = np.zeros(len(v)), v
    else:
        low, high = v - half, v + half
    per = cl.factor(shape.unit)
    return np.maximum(low, 0.0) * per, high * per


def intervals(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(low, high) of each claim, as :func:`routes.claims.parse` reads it (high = inf when open above).

    Raises
    ------
    ClaimParseError
        For the first claim in order that :func:`~routes.claims.parse` cannot read.
    """
    import numpy as np

    n = len(texts)
    low, high = np.empty(n), np.empty(n)
    groups: dict[str, list[int]] = {}
    runs: list[str] = [""] * n
    slow: list[int] = []
    fast = _fast_ok()
    for i, t in enumerate(texts):
        m = _ONE_FIGURE.fullmatch(t) if fast else None
        if m is None or not m.group(2).isascii():
            slow.append(i)
            continue
        runs[i] = m.group(2)
        groups.setdefault(t.translate(_ZEROS), []).append(i)
    for members in groups.values():
        first = texts[members[0]]
        m = _ONE_FIGURE.fullmatch(first)
        shape = _shape_of(first, m.group(1), m.group(2)) if m else None
        if shape is None:
            slow.extend(members)
            continue
        idx = np.array(members)
        if len(runs[members[0]]) > cl.MAX_DIGITS:  # one length per shape: parse raises for all of them
            slow.extend(members)
            continue
        plains = [_plain(runs[i], shape) for i in members]
        v = np.fromiter(map(float, plains), float, len(plains)) * shape.mult  # Python's float(), as parse
        over = v > cl.MAX_VALUE[shape.unit]
        if over.any():  # parse raises for these: let it, in order
            slow.extend(idx[over].tolist())
            idx, v, plains = idx[~over], v[~over], [p for p, o in zip(plains, over.tolist(), strict=True) if not o]
        low[idx], high[idx] = _interval(v, _steps(plains, shape), shape)
    for i in sorted(slow):
        c = cl.parse(texts[i])
        low[i], high[i] = c.low, np.inf if c.high is None else c.high
    return low, high
