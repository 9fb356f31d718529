"""The published sea-distance table (data/modes/sea_routes.csv) and how the sea mode uses it."""

from __future__ import annotations

import pytest

from routes import sources
from routes.geodesy import distance_km
from routes.modes.seatable import MATCH_KM, matches, table
from routes.verify import verify


def test_every_row_is_sourced_and_plausible() -> None:
    assert len(table()) >= 15
    for r in table():
        assert r.source_ids and all(sources.get(i) for i in sources.split_ids(r.source_ids)), r
        assert 0 < r.km_low <= r.km_high, r
        geo = distance_km(*r.ends[0], *r.ends[1])
        # a published length may be rounded or measured between quays: never much below the straight line,
        # and no sea route in the table is four times it (Murmansk-Yokohama through Suez is 3.4 times)
        assert r.km_high >= geo - 2 * MATCH_KM and r.km_low <= 4 * geo + 2 * MATCH_KM, r


def test_rows_match_either_direction_and_filter_by_passage() -> None:
    spb, vvo = (59.9386, 30.3141), (43.1083, 131.8986)
    both = matches(spb, vvo, None)
    assert {r.via for r in both} == {"northern_sea_route", "suez"}
    assert [r.via for r in matches(vvo, spb, "northern_sea_route")] == ["northern_sea_route"]
    assert matches(vvo, spb, None, avoided=("suez",)) == [r for r in both if r.via != "suez"]
    assert matches((55.75, 37.62), vvo, None) == []  # Moscow is no port of the table


@pytest.mark.parametrize(("a", "b", "claim", "expected"), [
    # Vanino-Kholmsk train ferry: 260 km (en.wikipedia.org/wiki/Vanino–Kholmsk_train_ferry); searoute sails far longer
    ("Vanino", "Kholmsk", "260 km by ferry", "consistent"),
    # Sochi-Sukhumi hydrofoil: 146 km along the coast (Vedomosti 2025); 190 km is 30 % too long
    ("Sochi", "Sukhumi", "146 km by sea", "consistent"),
    ("Sochi", "Sukhumi", "190 km by sea", "inconsistent"),
    # Valdai Club: Saint Petersburg-Vladivostok 14,280 km by the Northern Sea Route, 23,200 km through Suez
    ("Saint Petersburg", "Vladivostok", "14,280 km via the Northern Sea Route", "consistent"),
    ("Saint Petersburg", "Vladivostok", "23,200 km by sea through the Suez Canal", "consistent"),
    # no passage named: the route searoute sails (Suez), not the Northern Sea Route of the same table
    ("Vladivostok", "Saint Petersburg", "some 16,000 km by sea", "inconsistent"),
])
def test_published_distances_decide_the_sea_verdict(a: str, b: str, claim: str, expected: str) -> None:
    r = verify(a, b, claim, alternatives=False)
    assert r.verdict.verdict == expected, r.verdict.summary
    sea = next(e for e in r.estimates if e.mode == "sea")
    assert "published_route" in sea.flags and sea.details["published_routes"]


def test_northern_sea_route_without_a_table_row_stays_unverifiable() -> None:
    r = verify("Murmansk", "Vladivostok", "about 10,000 km via the Northern Sea Route", alternatives=False)
    assert r.verdict.verdict == "unverifiable" and "not_modelled" in r.verdict.flags


def test_a_candidate_set_keeps_the_modelled_figure_of_pairs_the_table_lacks() -> None:
    # Vanino to {Kholmsk, Korsakov}: the ferry's published 260 km for Kholmsk, searoute's model for Korsakov (no row);
    # the range spans both, it does not collapse to the published pair
    from dataclasses import replace

    from routes.modes.base import Leg, ModeOptions
    from routes.modes.sea import estimate
    from routes.places import resolve

    kholmsk, korsakov = resolve("Kholmsk"), resolve("Korsakov")
    both = replace(kholmsk, name="Kholmsk / Korsakov", candidates=(kholmsk, korsakov))
    alone = estimate([Leg(resolve("Vanino"), korsakov)], ModeOptions())
    est = estimate([Leg(resolve("Vanino"), both)], ModeOptions())
    assert est.low_km == pytest.approx(260.0) and est.high_km == pytest.approx(alone.high_km)
    assert "published_route" in est.flags and "published_route" not in alone.flags
