"""The article corpora (tests/corpus/articles/ and the held-out articles_heldout/, articles_heldout2/) are well formed.

Files, columns, fragments, endpoints. This checks only the shape of each corpus. The accuracy of article mode
on them is scored elsewhere.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

CORPORA = Path(__file__).parent / "corpus"
# folder: (min texts, a text that must be there, min claims, min ignore rows, min Russian texts)
SIZES = {
    "articles": (36, "01-brigade.txt", 60, 40, 4),
    "articles_heldout": (25, "01-minsk-brest-flatcars.txt", 30, 30, 3),
    "articles_heldout2": (25, "01-kirov-line-murmansk.txt", 40, 30, 4),
}
EXPECTED_COLUMNS = ["article", "fragment", "kind", "origin", "destination", "mode", "verdict", "truth",
                    "truth_source", "needs", "note"]
IGNORE_COLUMNS = ["article", "fragment", "why"]
KINDS = {"distance", "duration", "count"}
MODES = {"rail", "sea", "air", "road", "geodesic", "any"}
VERDICTS = {"consistent", "inconsistent", "unverifiable"}
NEEDS = {"", "area", "count"}
WHYS = {"speed", "range", "frequency", "relative_time", "count", "designation", "year", "percent", "other"}
# Every endpoint of the corpus lies in one of these countries: a namesake elsewhere is a wrong place.
COUNTRIES = {"RU", "UA", "KP", "SY", "BY", "CN", "JP", "LT", "MN"}
ARTICLE_NAME = re.compile(r"^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*\.txt$")


def _rows(corpus: Path, name: str, columns: list[str]) -> list[dict[str, str]]:
    with (corpus / name).open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == columns, f"{name}: header {reader.fieldnames}"
        rows = list(reader)
    for i, row in enumerate(rows, start=2):
        assert None not in row and all(v is not None for v in row.values()), f"{name} line {i}: wrong column count"
    return rows


@pytest.fixture(scope="module", params=sorted(SIZES))
def folder(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def articles(folder: str) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((CORPORA / folder).glob("*.txt"))}


@pytest.fixture(scope="module")
def expected(folder: str) -> list[dict[str, str]]:
    return _rows(CORPORA / folder, "expected.csv", EXPECTED_COLUMNS)


@pytest.fixture(scope="module")
def ignored(folder: str) -> list[dict[str, str]]:
    return _rows(CORPORA / folder, "ignore.csv", IGNORE_COLUMNS)


def test_articles_are_named_short_and_plain(folder: str, articles: dict[str, str]) -> None:
    min_texts, first, _, _, min_russian = SIZES[folder]
    assert len(articles) >= min_texts
    assert first in articles
    for name, text in articles.items():
        assert ARTICLE_NAME.match(name), name
        assert text.strip() and len(text) < 1500, name
        assert "\r" not in text and "\t" not in text, name
        sentences = len(re.findall(r"[.!?](?:\s|$)", text.replace("No. ", "No ")))
        assert 2 <= sentences <= 8, (name, sentences)
    russian = [n for n, t in articles.items() if re.search("[а-яё]", t, re.IGNORECASE)]
    assert len(russian) >= min_russian


def test_sizes_and_share_of_false_claims(folder: str, expected: list[dict[str, str]],
                                         ignored: list[dict[str, str]]) -> None:
    _, _, min_claims, min_ignored, _ = SIZES[folder]
    assert len(expected) >= min_claims
    assert sum(r["verdict"] == "inconsistent" for r in expected) >= 0.3 * len(expected)
    assert len(ignored) >= min_ignored


def test_every_fragment_occurs_exactly_once(articles: dict[str, str], expected: list[dict[str, str]],
                                            ignored: list[dict[str, str]]) -> None:
    for row in [*expected, *ignored]:
        assert row["article"] in articles, row["article"]
        frag = row["fragment"]
        assert frag and frag == frag.strip() and "\n" not in frag, row
        assert articles[row["article"]].count(frag) == 1, (row["article"], frag)


def test_expected_columns_hold_valid_values(expected: list[dict[str, str]]) -> None:
    seen = set()
    for row in expected:
        key = (row["article"], row["fragment"])
        assert key not in seen, key
        seen.add(key)
        assert row["kind"] in KINDS, row
        assert row["mode"] in MODES, row
        assert row["verdict"] in VERDICTS, row
        assert row["needs"] in NEEDS, row
        assert bool(row["origin"]) == bool(row["destination"]), f"{key}: both endpoints or neither"
        if not row["origin"]:
            assert row["verdict"] == "unverifiable", key
        if row["kind"] == "count":
            assert row["needs"] == "count", key
        if row["verdict"] != "unverifiable":
            assert row["truth"] and row["truth_source"], key
            src = row["truth_source"]
            assert src.startswith(("https://", "http://", "computed:", "derived:")), key


def test_ignore_columns_hold_valid_values(expected: list[dict[str, str]], ignored: list[dict[str, str]]) -> None:
    claims = {(r["article"], r["fragment"]) for r in expected}
    for row in ignored:
        assert row["why"] in WHYS, row
        assert (row["article"], row["fragment"]) not in claims, row


def _spans(text: str, fragments: list[str]) -> list[tuple[int, int]]:
    return [(text.index(f), text.index(f) + len(f)) for f in fragments]


def test_every_number_is_classified_and_no_claim_overlaps_an_ignored_number(
        articles: dict[str, str], expected: list[dict[str, str]], ignored: list[dict[str, str]]) -> None:
    for name, text in articles.items():
        claims = _spans(text, [r["fragment"] for r in expected if r["article"] == name])
        skips = _spans(text, [r["fragment"] for r in ignored if r["article"] == name])
        assert claims or skips, f"{name} has no row in expected.csv or ignore.csv"
        for a, b in claims:
            assert not any(a < d and c < b for c, d in skips), f"{name}: a claim overlaps an ignored number"
        for m in re.finditer(r"\d+", text):
            inside = any(a <= m.start() and m.end() <= b for a, b in [*claims, *skips])
            assert inside, f"{name}: the number {m.group()!r} at {m.start()} is in neither csv"


def test_endpoints_resolve_to_themselves_in_the_intended_country(expected: list[dict[str, str]]) -> None:
    from routes.places import resolve

    names = {r["origin"] for r in expected if r["origin"]}
    names |= {r["destination"] for r in expected if r["destination"] and r["needs"] != "area"}
    for name in sorted(names):
        place = resolve(name)
        assert place.name == name, (name, place.name)
        assert place.country in COUNTRIES, (name, place.country)
