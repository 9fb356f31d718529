"""Article mode on texts written for these tests, plus the seed article when ../shared is present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from routes.article import analyse, read_text, sentences
from tests.conftest import SHARED, run_cli

MULTI = (
    "Officials said the convoy left Moscow by rail and reached Kazan after about 800 km. "
    "A second group flew to Novosibirsk, a flight of some 2,800 kilometres, and a third covered 500 miles. "
    "The whole trip took two days."
)


def _claims(text: str) -> list[dict[str, object]]:
    return analyse(text).to_json()["claims"]


def test_several_claims_in_one_paragraph_with_miles_and_km() -> None:
    claims = _claims(MULTI)
    figures = [(c["claim"]["value"], c["claim"]["unit"]) for c in claims if c["kind"] != "count"]  # type: ignore[index]
    assert (800.0, "km") in figures
    assert (2800.0, "km") in figures
    assert (500.0, "mi") in figures
    assert (2.0, "d") in figures


def test_hedges_are_kept() -> None:
    c = next(c for c in _claims(MULTI) if c["claim"]["value"] == 800.0)  # type: ignore[index]
    assert c["claim"]["hedge"] == "about"  # type: ignore[index]
    # Moscow-Kazan by rail is 795-837 km (Russian Wikipedia station articles): "about 800 km" fits
    assert c["verdict"] == "consistent"
    assert c["origin"]["name"] == "Moscow" and c["destination"]["name"] == "Kazan"  # type: ignore[index]


def test_claim_with_no_places_is_unverifiable() -> None:
    c = _claims("The soldiers marched nearly 40 kilometres before dawn.")[0]
    assert c["verdict"] == "unverifiable"
    assert c["candidates"] == []


def test_implicit_endpoints_list_candidate_pairs() -> None:
    text = ("Troops were moved by ship to Vladivostok. Later they were flown to Moscow. "
            "They arrived in Kursk after a journey of nearly 9,000 km.")
    c = next(c for c in _claims(text) if c["kind"] == "distance")
    pairs = {(x["origin"], x["destination"]) for x in c["candidates"]}  # type: ignore[union-attr]
    assert len(pairs) >= 2
    assert ("Vladivostok", "Kursk") in pairs


def test_counts_with_dates_point_to_the_lift_estimator() -> None:
    text = "By the 28th, as many as 5,000 soldiers had been flown to Kursk from Vladivostok aboard Il-76 aircraft."
    c = next(c for c in _claims(text) if c["kind"] == "count")
    assert c["count"] == 5000
    assert c["by"] == "By the 28th"
    assert "lift" in c["reasons"][0]  # type: ignore[index]


def test_markdown_is_stripped_and_sentences_split() -> None:
    text = read_text(b"# Title\n\nThe U.S. official said **troops** reached [Kursk](https://x.example). Then more.")
    assert text is not None and "**" not in text and "https" not in text
    assert len(sentences(text)) == 3


def test_binary_and_empty_inputs(tmp_path: Path) -> None:
    assert read_text(b"\x00\x01\x02") is None
    empty = tmp_path / "e.txt"
    empty.write_text("", encoding="utf-8")
    res = run_cli("article", str(empty))
    assert res.returncode == 0 and "no checkable route claims found" in res.stdout
    binary = tmp_path / "b.bin"
    binary.write_bytes(b"\x00\xff\x10" * 100)
    res = run_cli("article", str(binary))
    assert res.returncode == 0 and "no checkable route claims found" in res.stdout
    res = run_cli("article", str(tmp_path / "missing.txt"))
    assert res.returncode == 2 and "Traceback" not in res.stderr


def test_long_text_finishes(tmp_path: Path) -> None:
    # ~1 MB of text with one repeated claim: bounded work (claims are capped, verifications memoised)
    big = tmp_path / "big.txt"
    big.write_text(("Troops moved from Moscow to Kazan, about 800 km by rail.\n\n" * 18_000), encoding="utf-8")
    res = run_cli("article", str(big), "--json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert len([c for c in data["claims"] if c["kind"] == "distance"]) == 200
    assert data["notes"]


SEED = SHARED / "seed-article.txt"


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed-article.txt is absent (a fresh clone)")
def test_seed_article_integration() -> None:
    res = run_cli("article", str(SEED), "--json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    dist = next(c for c in data["claims"] if c["kind"] == "distance")
    assert "6,400" in dist["text"]
    assert dist["verdict"] == "inconsistent"
    assert "below_geodesic_minimum" in dist["flags"]
    pairs = {(x["origin"], x["destination"]) for x in dist["candidates"]}
    assert ("Vladivostok", "Kursk") in pairs
    assert any("Moscow" in a["description"] for a in dist["alternatives"])
    counts = {c["count"] for c in data["claims"] if c["kind"] == "count"}
    assert {12000, 5000} <= counts
