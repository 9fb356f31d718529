"""Route files: schema validation with line numbers, candidate-set ranges, and the seed itinerary."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest

from routes import routefile
from routes.datafiles import data_path
from routes.errors import InputFileError
from routes.route import RouteReport, evaluate
from tests.conftest import run_cli

SEED = data_path("cases/kursk-2024.yaml")


@pytest.fixture(scope="module")
def seed() -> RouteReport:
    return evaluate(routefile.load(SEED))


def _write(tmp_path: Path, text: str, name: str = "r.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        ("legs:\n  - {from: Moscow, to: Kursk, mode: rail}\n", 1, "'name' is required"),
        ("name: x\nlegs:\n  - from: Moscow\n    to: Kursk\n    mode: rail\n    speed: 5\n", 6, "unknown key 'speed'"),
        ("name: x\nlegs:\n  - from: Moscow\n    to: Kursk\n    mode: teleport\n", 5, "unknown mode"),
        ("name: x\nlegs:\n  - from: Moscow\n    to: Kursk\n    mode: rail\n    arrive: 23 October\n", 6, "not a date"),
        ("name: x\nlegs:\n  - to: Kursk\n    mode: rail\n", 3, "first leg needs 'from'"),
        ("name: x\nlegs: []\n", 2, "non-empty list"),
        ("name: x\nlegs:\n  - from: Moscow\n    to: Kursk\n    mode: rail\nclaims:\n  - text: 500 km\n"
         "    scope: [1, 3]\n", 8, "'scope'"),
        ("name: x\nlegs:\n  - from: Moscow\n    to: Kursk\n    mode: rail\nclaims:\n  - troops: 500\n", 7, "'by'"),
        ("name: x\nlegs:\n  - from: Moscow\n   to: Kursk\n", 4, "not valid YAML"),
    ],
)
def test_schema_errors_name_the_line(tmp_path: Path, text: str, line: int, needle: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(InputFileError) as exc:
        routefile.load(path)
    assert exc.value.message.startswith(f"{path}:{line}:"), exc.value.message
    assert needle in exc.value.message


def test_toml_route_file(tmp_path: Path) -> None:
    path = _write(tmp_path, 'name = "t"\n[[legs]]\nfrom = "Moscow"\nto = "Kursk"\nmode = "rail"\n', "r.toml")
    spec = routefile.load(path)
    report = evaluate(spec)
    # Moscow-Kursk by rail: 537 km (Oryol 383 + 154, Russian Wikipedia station articles); the range's low end
    # carries the segments' km-basis uncertainty (at most 3 %), so it sits just below the published figure
    total = report.total()
    assert 537 * 0.97 <= total["low_km"] <= 537 <= total["high_km"]


def test_totals_match_brute_force_over_every_combination(seed: RouteReport) -> None:
    legs = seed.legs
    assert all(leg.spec.linked for leg in legs[1:])
    best_low, best_high = np.inf, -np.inf
    sizes = [len(legs[0].origins)] + [len(leg.destinations) for leg in legs]
    for combo in itertools.product(*[range(n) for n in sizes]):
        lows = [leg.m["low"][combo[k], combo[k + 1]] for k, leg in enumerate(legs)]
        highs = [leg.m["high"][combo[k], combo[k + 1]] for k, leg in enumerate(legs)]
        if all(np.isfinite(lows)):
            best_low = min(best_low, sum(lows))
            best_high = max(best_high, sum(highs))
    total = seed.total()
    assert total["low_km"] == pytest.approx(best_low, abs=0.1)
    assert total["high_km"] == pytest.approx(best_high, abs=0.1)
    assert total["low_km"] < total["high_km"]  # candidate sets give a range


def test_seed_total_claim_cannot_be_the_whole_journey(seed: RouteReport) -> None:
    claim = next(c for c in seed.claims if "6,400" in c["claim"]["text"])
    assert claim["verdict"] == "inconsistent"
    assert "below_geodesic_minimum" in claim["flags"]
    # the legs' geodesics alone exceed the claim: Vladivostok-Kursk by itself is ~6,750 km
    assert claim["geodesic_km"] > 6450
    assert any("cannot total less" in r for r in claim["reasons"])
    assert any("leg 2" in a["description"] or "Moscow" in a["description"] for a in claim["alternatives"])


def test_each_leg_is_at_least_its_geodesic(seed: RouteReport) -> None:
    for leg in seed.legs:
        ok = np.isfinite(leg.m["low"])
        assert (leg.m["low"][ok] >= leg.m["geo"][ok] - 0.5).all(), leg.spec.number


def test_route_cli_json_contract() -> None:
    res = run_cli("route", str(SEED), "--json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    for leg in data["legs"]:
        for key in ("from", "to", "mode", "distance_km", "low_km", "high_km", "duration_h_low", "duration_h_high",
                    "sources"):
            assert key in leg
    for key in ("low_km", "high_km", "duration_h_low", "duration_h_high"):
        assert key in data["total"]
    for c in data["claims"]:
        for key in ("claim", "verdict", "flags", "reasons", "alternatives", "sources", "origin", "destination"):
            assert key in c


def test_route_cli_bad_file_exits_2(tmp_path: Path) -> None:
    path = _write(tmp_path, "name: x\nlegs:\n  - from: Moscow\n    to: Kursk\n    mode: rail\n    speed: 5\n")
    res = run_cli("route", str(path))
    assert res.returncode == 2
    assert f"{path}:6:" in res.stderr
    assert "Traceback" not in res.stderr


def test_route_json_is_byte_identical_across_runs() -> None:
    a, b = run_cli("route", str(SEED), "--json"), run_cli("route", str(SEED), "--json")
    assert a.returncode == 0
    assert a.stdout == b.stdout
