"""Gazetteer: aliases, codes, countries, regions as candidate sets, ambiguity and unknown names."""

from __future__ import annotations

import pytest

from routes.datafiles import read_table
from routes.errors import CoordinateError, UnknownPlaceError
from routes.geodesy import distance_km
from routes.places import resolve


@pytest.mark.parametrize(
    ("query", "name", "country"),
    [
        ("Vladivostok", "Vladivostok", "RU"),
        ("Владивосток", "Vladivostok", "RU"),
        ("Chongjin", "Chongjin", "KP"),
        ("Ch'ŏngjin", "Chongjin", "KP"),
        ("청진", "Chongjin", "KP"),
        ("Kursk", "Kursk", "RU"),
        ("Курск", "Kursk", "RU"),
        ("Pyongyang", "Pyongyang", "KP"),
    ],
)
def test_aliases_resolve_to_the_same_place(query: str, name: str, country: str) -> None:
    p = resolve(query)
    assert (p.name, p.country) == (name, country)


def test_curated_military_places() -> None:
    v = resolve("Vozdvizhenka")
    assert v.kind == "airbase"
    assert v.country == "RU"
    # Vozdvizhenka lies just north of Ussuriysk, about 90-100 km north of Vladivostok
    assert 60 < distance_km(v.lat, v.lon, 43.1056, 131.8735) < 120
    d = resolve("Dunai")
    assert d.kind == "naval_base"
    assert "places.csv" in d.source


def test_icao_code_and_country_filter() -> None:
    assert resolve("UUOK").country == "RU"
    assert resolve("Moscow").country == "RU"
    assert resolve("Moscow, US").country == "US"
    with pytest.raises(UnknownPlaceError, match="country code"):
        resolve("Moscow, XX")


def test_region_is_a_candidate_set() -> None:
    r = resolve("Kursk region")
    assert r.is_set
    assert len(r.candidates) >= 5
    assert all(c.country == "RU" for c in r.candidates)
    names = {c.name for c in r.candidates}
    assert "Kursk" in names


def test_ambiguous_name_picks_most_prominent_and_lists_others() -> None:
    p = resolve("Springfield")
    assert p.ambiguous
    assert p.country == "US"
    assert len(p.others) >= 2
    # the most populous Springfield (Missouri) wins
    assert p.population >= max(o.population for o in p.others)


def test_historic_alternate_names_do_not_shadow_real_names() -> None:
    # GeoNames lists "Alexandria" as an old name of Mashhad; the Egyptian city must win alone.
    p = resolve("Alexandria")
    assert p.country == "EG"
    assert all(o.country != "IR" for o in p.others)


def test_unknown_name_suggests() -> None:
    with pytest.raises(UnknownPlaceError) as exc:
        resolve("Vladivostk")
    assert any("Vladivostok" in s for s in exc.value.suggestions)
    assert "did you mean" in exc.value.one_line()


@pytest.mark.parametrize("text", ["91,10", "43.1,181", "-95.0,20.0"])
def test_out_of_range_coordinates(text: str) -> None:
    with pytest.raises(CoordinateError):
        resolve(text)


def test_literal_coordinates() -> None:
    p = resolve("43.11,131.87")
    assert (p.lat, p.lon, p.kind) == (43.11, 131.87, "coordinates")
    q = resolve("43 6m N, 131 52m E")
    assert q.lat == pytest.approx(43.1)
    assert q.lon == pytest.approx(131.8667, abs=1e-3)


@pytest.mark.parametrize("table", ["places.csv", "regions.csv"])
def test_every_curated_row_has_a_source(table: str) -> None:
    rows = read_table(table)
    assert rows
    for row in rows:
        assert row["source"].strip(), row


def test_curated_coordinates_are_in_their_country_boxes() -> None:
    boxes = {"RU": (41.0, 82.0, 19.0, 180.0), "KP": (37.5, 43.1, 124.0, 131.0)}
    for row in read_table("places.csv"):
        box = boxes.get(row["country"])
        if box:
            lat, lon = float(row["lat"]), float(row["lon"])
            assert box[0] <= lat <= box[1] and box[2] <= lon <= box[3], row["id"]
