"""``routecheck batch``: a CSV in, every row out in order, bad rows carrying their errors; and the Python API."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.conftest import run_cli

GOOD = [("Vladivostok", "Kursk", "nearly 6,400 km", "", "inconsistent"),  # the seed: below the geodesic
        ("Moscow", "Vladivostok", "9,289 km", "rail", "consistent"),  # Rossiya timetable km (RZD)
        ("Moscow", "Kazan", "about 800 km", "rail", "consistent"),  # 795-837 km by rail
        ("London", "New York", "3,459 miles", "geodesic", "consistent")]  # published great circle
BAD = [("Xyzzyville", "Kursk", "500 km", "", "error"), ("Moscow", "Kursk", "blah", "", "error")]


def _csv(tmp_path: Path, rows: list[tuple[str, ...]]) -> Path:
    path = tmp_path / "claims.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "origin", "destination", "claim", "mode"])
        for i, r in enumerate(rows):
            w.writerow([f"r{i}", *r[:4]])
    return path


def test_two_hundred_rows_come_back_in_order_with_ten_bad_ones(tmp_path: Path) -> None:
    rows = [GOOD[i % len(GOOD)] for i in range(190)] + [BAD[i % 2] for i in range(10)]
    rows = rows[::2] + rows[1::2]  # bad rows spread through the file
    path = _csv(tmp_path, rows)
    out = tmp_path / "results.csv"
    res = run_cli("batch", str(path), "-o", str(out))
    assert res.returncode == 0, res.stderr
    with out.open(encoding="utf-8", newline="") as fh:
        got = list(csv.DictReader(fh))
    assert [g["id"] for g in got] == [f"r{i}" for i in range(200)]
    assert [g["verdict"] for g in got] == [r[4] for r in rows]
    assert all(g["error"] for g in got if g["verdict"] == "error")
    assert sum(g["verdict"] == "error" for g in got) == 10


def test_json_lines(tmp_path: Path) -> None:
    path = _csv(tmp_path, [*GOOD, *BAD])
    res = run_cli("batch", str(path), "--json")
    assert res.returncode == 0, res.stderr
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert [x["verdict"] for x in lines] == [r[4] for r in [*GOOD, *BAD]]


def test_a_csv_without_the_columns_is_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("from,to\nMoscow,Kursk\n", encoding="utf-8")
    res = run_cli("batch", str(path))
    assert res.returncode == 2 and "lacks origin, destination, claim" in res.stderr


def test_public_api(tmp_path: Path) -> None:
    from routes import Claim, Place, article, batch, lift, route, verify

    r = verify("Vladivostok", "Kursk", "nearly 6,400 km")
    assert r.verdict.verdict == "inconsistent" and isinstance(r.origin, Place) and isinstance(r.claim, Claim)
    assert route("data/cases/kursk-2024.yaml").to_json()["legs"]
    assert lift(5000, "5 days", "Vladivostok", "Kursk", "Il-76MD")["verdict"] == "consistent"
    assert article("The convoy left Moscow by rail and reached Kazan after about 800 km.").to_json()["claims"]
    table = batch(_csv(tmp_path, GOOD))
    verdicts = list(table["verdict"]) if hasattr(table, "columns") else [x["verdict"] for x in table]
    assert verdicts == [g[4] for g in GOOD]


def test_verify_markdown_block() -> None:
    res = run_cli("verify", "Vladivostok", "Kursk", "--claim", "nearly 6,400 km", "--format", "markdown")
    assert res.returncode == 0
    text = io.StringIO(res.stdout).read()
    assert text.startswith("### Vladivostok, RU to Kursk, RU") and "INCONSISTENT" in text
    assert "| rail |" in text and "How far off: 5.2%" in text and "Sources:" in text
