"""Golden files: the ``--json`` of varied commands, pinned byte for byte.

They guard refactors (the output must not move) and make every deliberate change of a verdict or range
visible in review. After a deliberate change, regenerate with::

    ROUTECHECK_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py

and read the diff of ``tests/golden/`` before committing it.
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import pytest

from routes.cli import main

GOLDEN = Path(__file__).parent / "golden"
ARTICLE = (
    "Officials said the convoy left Moscow by rail and reached Kazan after about 800 km. "
    "A second group flew to Novosibirsk, a flight of some 2,800 kilometres, and a third covered 500 miles. "
    "The whole trip took two days."
)

CASES: dict[str, list[str]] = {
    "verify-seed": ["verify", "Vladivostok", "Kursk", "--claim", "nearly 6,400 km"],
    "verify-air-miles": ["verify", "Pyongyang", "Moscow", "--mode", "air", "--claim", "nearly 4,000 miles"],
    "verify-coords-crow": ["verify", "43.11,131.87", "51.73,36.19", "--claim", "about 6,750 km as the crow flies"],
    "verify-rail-rossiya": ["verify", "Moscow", "Vladivostok", "--mode", "rail", "--claim", "9,289 km"],
    "verify-sea-chongjin": ["verify", "Chongjin", "Vladivostok", "--mode", "sea"],
    "verify-sea-avoid-suez": ["verify", "Rotterdam", "Shanghai", "--mode", "sea", "--avoid-passage", "suez"],
    "verify-air-within": ["verify", "Vladivostok", "Kursk", "--mode", "air", "--within", "RU", "--vehicle", "Il-76MD"],
    "verify-region-noclaim": ["verify", "Vladivostok", "Kursk region"],
    "verify-duration-rail": ["verify", "Moscow", "Kazan", "--claim", "a day by train"],
    "route-seed": ["route", "data/cases/kursk-2024.yaml"],
    "lift-seed": ["lift", "--troops", "5000", "--within", "5 days", "--from", "Vladivostok", "--to", "Kursk",
                  "--vehicle", "Il-76MD"],
    "places-vozdvizhenka": ["places", "Vozdvizhenka"],
}


def _run(args: list[str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = main([*args, "--json"])
    assert code == 0
    return buf.getvalue()


def _check(name: str, out: str) -> None:
    path = GOLDEN / f"{name}.json"
    if os.environ.get("ROUTECHECK_UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with ROUTECHECK_UPDATE_GOLDEN=1"
    assert out == path.read_text(encoding="utf-8"), f"{name}: output differs from tests/golden/{path.name}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_json_matches_golden(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _check(name, _run(CASES[name], monkeypatch))


def test_article_json_matches_golden(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    text = tmp_path / "story.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    out = _run(["article", str(text)], monkeypatch)
    _check("article-convoy", out)
