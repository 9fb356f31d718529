"""Claim parsing: every hedge, unit, number form and the implied precision, against hand-worked intervals."""

from __future__ import annotations

import pytest

from routes.claims import HEDGES, find_all, parse
from routes.errors import ClaimParseError

MI = 1.609344
NMI = 1.852


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        # bare figure: +- half the last significant digit
        ("6,400 km", 6350, 6450),
        ("6,437 km", 6436.5, 6437.5),
        # approx family: +- max(s/2, 5 %)
        ("about 6,750 km", 6750 * 0.95, 6750 * 1.05),
        ("around 6,000 km", 5500, 6500),
        ("roughly 6,750 km", 6750 * 0.95, 6750 * 1.05),
        ("approximately 6,750 km", 6750 * 0.95, 6750 * 1.05),
        ("some 6,750 km", 6750 * 0.95, 6750 * 1.05),
        # nearly family: [v - 5 %, v + min(s/2, 1 %)]
        ("nearly 6,400 km", 6080, 6450),
        ("almost 6,400 km", 6080, 6450),
        ("just under 6,400 km", 6400 * 0.97, 6450),
        # lower bounds are open above
        ("more than 6,400 km", 6400, None),
        ("over 6,400 km", 6400, None),
        ("at least 6,400 km", 6350, None),
        ("1,000+ km", 1000, None),
        # upper bounds start at zero
        ("up to 6,400 km", 0, 6450),
        ("as many as 6,400 km", 0, 6450),
        ("less than 6,400 km", 0, 6400),
        ("under 6,400 km", 0, 6400),
    ],
)
def test_hedge_intervals(text: str, low: float, high: float | None) -> None:
    c = parse(text)
    assert c.kind == "distance"
    assert c.low == pytest.approx(low)
    if high is None:
        assert c.high is None
    else:
        assert c.high == pytest.approx(high)


def test_every_documented_hedge_is_parsed() -> None:
    for hedge in HEDGES:
        if hedge == "between":
            continue
        c = parse(f"{hedge} 500 km")
        assert c.hedge == hedge, hedge


@pytest.mark.parametrize(
    ("text", "unit", "factor"),
    [
        ("500 km", "km", 1.0),
        ("500 kms", "km", 1.0),
        ("500 kilometres", "km", 1.0),
        ("500 kilometers", "km", 1.0),
        ("500 mi", "mi", MI),
        ("500 miles", "mi", MI),
        ("500 nmi", "nmi", NMI),
        ("500 nautical miles", "nmi", NMI),
        ("a 500-mile trip", "mi", MI),
    ],
)
def test_distance_units(text: str, unit: str, factor: float) -> None:
    c = parse(text)
    assert c.unit == unit
    assert c.central == pytest.approx(500 * factor)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4,000-mile", 4000),
        ("6.4 thousand km", 6400),
        ("6.4k km", 6400),
        ("four thousand miles", 4000),
        ("six thousand four hundred kilometres", 6400),
        ("twelve thousand km", 12000),
        ("a thousand miles", 1000),
        ("6 400 km", 6400),
    ],
)
def test_number_forms(text: str, value: float) -> None:
    assert parse(text).value == pytest.approx(value)


def test_implied_precision_from_rounding() -> None:
    assert parse("6,400 km").step == 100
    assert parse("6,437 km").step == 1
    assert parse("6,000 km").step == 1000
    assert parse("6.4 thousand km").step == pytest.approx(100)
    # a coarser figure gives a wider interval than a precise one
    coarse, fine = parse("6,400 km"), parse("6,437 km")
    assert (coarse.high - coarse.low) > (fine.high - fine.low)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("36 hours", 36),
        ("3 days", 72),
        ("a week", 168),
        ("two weeks", 336),
        ("a day and a half", 36),
        ("two and a half days", 60),
        ("half a day", 12),
        ("90 minutes", 1.5),
    ],
)
def test_durations(text: str, hours: float) -> None:
    c = parse(text)
    assert c.kind == "duration"
    assert c.central == pytest.approx(hours)
    assert c.low <= hours <= (c.high or float("inf"))


def test_ranges() -> None:
    c = parse("between 6,000 and 6,500 km")
    assert (c.low, c.high) == (pytest.approx(5950), pytest.approx(6550))
    c = parse("6,000-6,500 km")
    assert c.hedge == "between"


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("about 6,750 km as the crow flies", "geodesic"),
        ("9,289 km by rail", "rail"),
        ("a week by train", "rail"),
        ("a 4,000-mile flight", "air"),
        ("800 km by sea", "sea"),
        ("6,400 km", None),
    ],
)
def test_mode_phrases(text: str, mode: str | None) -> None:
    assert parse(text).mode == mode


def test_nearly_4000_miles_covers_vladivostok_moscow() -> None:
    # "nearly 4,000 miles" is the seed's original figure; Vladivostok-Moscow is 6,434 km = 3,998 mi.
    c = parse("nearly 4,000 miles")
    assert c.low <= 6434 <= c.high  # type: ignore[operator]


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("", "empty claim"),
        ("nearly km", "no figure"),
        ("about 6,400", "no unit"),
        ("6,500-6,000 km", "backwards"),
    ],
)
def test_malformed_claims_name_the_problem(text: str, needle: str) -> None:
    with pytest.raises(ClaimParseError, match=needle):
        parse(text)


def test_find_all_in_a_paragraph() -> None:
    text = "The convoy covered nearly 6,400 kilometers, then 300 miles more in two days."
    found = find_all(text)
    assert [(c.value, c.unit) for c in found] == [(6400, "km"), (300, "mi"), (2, "d")]
    assert found[0].hedge == "nearly"
