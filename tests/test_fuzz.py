"""Property-based contract of every command: exit 0 or 2 (never 1), one valid JSON document, finite figures.

``make test`` runs a quick seeded profile; ``make fuzz`` the long one (ROUTECHECK_FUZZ=long, 10,000+ inputs).
Failing examples found this way are kept below as regression tests (``REGRESSIONS``).
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from routes.cli import main

LONG = os.environ.get("ROUTECHECK_FUZZ") == "long"
PROFILE = settings(max_examples=2000 if LONG else 40, deadline=None, derandomize=not LONG,
                   suppress_health_check=list(HealthCheck), database=None)

PLACES = ["Vladivostok", "Kursk", "Moscow", "Chongjin", "Pyongyang", "Kursk region", "UUOK", "Владивосток", "청진",
          "Springfield", "Odessa", "Murmansk", "Rotterdam", "Tartus", "New York", "Sydney", "Xyzzyville", ""]
HEDGES = ["", "about ", "nearly ", "more than ", "up to ", "between ", "some ", "almost ", "less than ", "~"]
UNITS = ["km", "miles", "nautical miles", "hours", "days", "weeks", "minutes", "км", "kmh", "knots", "", "km/h"]
NUMBERS = st.one_of(
    st.integers(min_value=-10**6, max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["6,400", "6.4k", "1e5", "0x10", "6,4", "-5", "four thousand", "a", "9" * 400, "1:30", "½"]),
)


def _finite(obj: Any, path: str = "") -> None:
    """Every number is finite; every *_km / *_h figure non-negative; every low <= its high."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            _finite(v, f"{path}.{k}")
            if isinstance(v, int | float) and not isinstance(v, bool) and (k.endswith("_km") or k.endswith("_h")):
                assert v >= 0, f"negative figure at {path}.{k}: {v}"
        for lo_key in [k for k in obj if k.startswith("low_") or k.endswith("_low")]:
            hi_key = lo_key.replace("low", "high")
            lo, hi = obj.get(lo_key), obj.get(hi_key)
            if isinstance(lo, int | float) and isinstance(hi, int | float):
                assert lo <= hi + 1e-6, f"low > high at {path}: {lo_key}={lo}, {hi_key}={hi}"
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            _finite(v, f"{path}[{i}]")
    elif isinstance(obj, float):
        assert math.isfinite(obj), f"non-finite number at {path}"


def _run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def _contract(args: list[str]) -> None:
    code, out, err = _run(args)
    assert code in (0, 2), f"exit {code} for {args!r}: {err.strip()}"
    if code == 2:
        assert err.count("\n") == 1 and "Traceback" not in err, f"not one line for {args!r}: {err!r}"
        return
    if "--json" in args:
        data = json.loads(out, parse_constant=lambda c: pytest.fail(f"{c} in JSON for {args!r}"))
        _finite(data)


@PROFILE
@given(st.sampled_from(PLACES), st.sampled_from(PLACES), st.sampled_from(HEDGES), NUMBERS, st.sampled_from(UNITS),
       st.sampled_from(["any", "geodesic", "air", "rail", "road"]))
def test_verify_claims(origin: str, destination: str, hedge: str, number: str, unit: str, mode: str) -> None:
    _contract(["verify", origin, destination, "--claim", f"{hedge}{number} {unit}", "--mode", mode, "--json"])


COORD = st.floats(min_value=-100, max_value=200, allow_nan=False, allow_infinity=False)


@PROFILE
@given(COORD, COORD, st.sampled_from(PLACES))
def test_verify_coordinates(lat: float, lon: float, other: str) -> None:
    _contract(["verify", f"{lat:.4f},{lon:.4f}", other or "Moscow", "--json"])


@PROFILE
@given(st.text(max_size=300))
def test_article_text(text: str) -> None:
    path = Path(os.environ.get("ROUTECHECK_CACHE", "/tmp")) / "fuzz-article.txt"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    _contract(["article", str(path), "--json"])


ROUTE_VALUES = st.one_of(st.sampled_from(PLACES), st.integers(-5, 10**12), st.booleans(), st.none(),
                         st.sampled_from(["2024-10-08", "2024-13-45", "!!int abc", "[a, b]", "rail", "teleport"]))


@PROFILE
@given(st.dictionaries(st.sampled_from(["from", "to", "mode", "claim", "arrive", "depart", "vehicle", "x"]),
                       ROUTE_VALUES, max_size=6),
       st.sampled_from(["", "claims:\n  - troops: true\n    by: 2024-10-28\n", "claims:\n  - text: 500 km\n"]))
def test_route_files(leg: dict[str, Any], tail: str) -> None:
    lines = ["name: fuzz", "legs:", "  - " + ("{}" if not leg else "")]
    lines += [f"    {k}: {v if v is not None else 'null'}" for k, v in leg.items()]
    path = Path(os.environ.get("ROUTECHECK_CACHE", "/tmp")) / "fuzz-route.yaml"
    path.write_text("\n".join(lines) + "\n" + tail, encoding="utf-8")
    _contract(["route", str(path), "--json"])


@PROFILE
@given(st.integers(-10, 10**13), st.sampled_from(["5 days", "-5 days", "0 hours", "99999999999 weeks", "1e9 days",
                                                   "soon"]),
       st.sampled_from(["Il-76MD", "", "echelon", "ropucha", "x"]))
def test_lift(troops: int, within: str, vehicle: str) -> None:
    _contract(["lift", "--troops", str(troops), "--within", within, "--from", "Vladivostok", "--to", "Kursk",
               "--vehicle", vehicle, "--json"])


REGRESSIONS = [
    ["verify", "New York", "90,-90", "--json"],  # sea at the pole used to raise IndexError
    ["verify", "Moscow", "Kursk", "--claim", "9" * 12000 + " km", "--json"],  # a huge figure
    ["verify", "Moscow", "Kursk", "--claim", "up to 999999999999999999999999999999 km", "--json"],
    ["verify", "-33.9,18.4", "Kursk", "--json"],  # a negative coordinate as a positional argument
    ["verify", "Moscow", "Kursk", "--claim", "-5 km", "--json"],
    ["verify", "Moscow", "Kursk", "--claim", "1e5 km", "--json"],
    ["lift", "--troops", "5000", "--within", "-5 days", "--from", "Vladivostok", "--to", "Kursk", "--vehicle",
     "Il-76MD", "--json"],
    ["lift", "--troops", "5000", "--within", "5 days", "--from", "Vladivostok", "--to", "Kursk", "--vehicle", "",
     "--json"],
]


@pytest.mark.parametrize("args", REGRESSIONS, ids=[" ".join(a)[:60] for a in REGRESSIONS])
def test_regressions(args: list[str]) -> None:
    _contract(args)


def test_negative_figures_are_refused_not_misread() -> None:
    code, _out, err = _run(["verify", "Moscow", "Kursk", "--claim", "-5 km"])
    assert code == 2 and "negative" in err


def test_negative_coordinates_work_as_positional_arguments() -> None:
    code, out, err = _run(["verify", "-33.9,18.4", "Kursk", "--json"])
    assert code == 0, err
    assert json.loads(out)["origin"]["lat"] == pytest.approx(-33.9)


def test_unwritable_output_is_bad_input(tmp_path: Path) -> None:
    code, _out, err = _run(["verify", "Moscow", "Kursk", "--geojson", str(tmp_path / "missing" / "x.geojson")])
    assert code == 2 and err.count("\n") == 1 and "cannot read or write" in err


def test_corrupt_caches_rebuild_themselves(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    # a fresh cache folder (first run builds every cache), then each file overwritten with garbage
    env = {"ROUTECHECK_CACHE": str(tmp_path)}
    args = ["verify", "Chongjin", "Vladivostok", "--mode", "sea", "--json"]
    first = run_cli(*args, env=env)
    assert first.returncode == 0, first.stderr
    files = [p for p in tmp_path.iterdir() if p.is_file()]
    assert files, "the first run should have cached something"
    for p in files:
        p.write_bytes(b"not a cache")
    again = run_cli(*args, env=env)
    assert again.returncode == 0, again.stderr
    assert "rebuilding" in again.stderr
    assert json.loads(again.stdout)["modes"] == json.loads(first.stdout)["modes"]


def test_a_leg_without_coverage_does_not_abort_the_route(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("name: partly covered\nlegs:\n  - {from: Moscow, to: Kursk, mode: rail}\n"
                    "  - {to: Reykjavik, mode: rail}\n  - {to: Oslo, mode: air}\n"
                    "claims:\n  - text: about 530 km\n    scope: [1, 1]\n  - text: about 7,000 km\n    scope: total\n",
                    encoding="utf-8")
    code, out, err = _run(["route", str(path), "--json"])
    assert code == 0, err
    data = json.loads(out)
    assert [leg["available"] for leg in data["legs"]] == [True, False, True]
    # Moscow-Kursk 537 km by rail (Oryol 383 + 154): the covered leg is still judged
    assert data["claims"][0]["verdict"] == "consistent"
    # the whole route spans the uncovered leg: unverifiable, never a guess
    assert data["claims"][1]["verdict"] == "unverifiable"
    code, _out, err = _run(["map", "--route", str(path), "-o", str(tmp_path / "m.png")])
    assert code == 0, err


@PROFILE
@given(st.one_of(st.sampled_from(PLACES), st.text(max_size=60)))
def test_places(query: str) -> None:
    _contract(["places", query, "--json"])


CSV_CELLS = st.one_of(st.sampled_from([*PLACES, "nearly 6,400 km", "-5 km", "9" * 30 + " km", "", "rail", "x"]),
                      st.text(max_size=20))


@PROFILE
@given(st.lists(st.tuples(CSV_CELLS, CSV_CELLS, CSV_CELLS, CSV_CELLS), max_size=4),
       st.sampled_from(["origin,destination,claim,mode", "origin,claim", "", "id,origin,destination,claim,mode"]))
def test_batch_csv(rows: list[tuple[str, str, str, str]], header: str) -> None:
    import csv as _csv

    path = Path(os.environ.get("ROUTECHECK_CACHE", "/tmp")) / "fuzz-batch.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        if header:
            fh.write(header + "\n")
        w = _csv.writer(fh)
        for r in rows:
            w.writerow(r)
    code, out, err = _run(["batch", str(path), "--json", "--quiet"])
    assert code in (0, 2), err
    if code == 0:
        lines = out.splitlines()
        assert len(lines) == len(rows)  # every row comes back, in order
        for line in lines:
            _finite(json.loads(line, parse_constant=lambda c: pytest.fail(f"{c} in batch JSON")))


@settings(max_examples=200 if LONG else 10, deadline=None, derandomize=not LONG, database=None,
          suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=400), st.sampled_from([".osm", ".osm.pbf", ".xml"]))
def test_osm_import_of_garbage(data: bytes, suffix: str) -> None:
    cache = Path(os.environ.get("ROUTECHECK_CACHE", "/tmp"))
    src = cache / f"fuzz{suffix}"
    src.write_bytes(data)
    code, _out, err = _run(["rail", "import", str(src), "-o", str(cache / "fuzz-net.npz"), "--quiet"])
    assert code == 2, f"exit {code}: {err}"
    assert err.count("\n") == 1


def test_batch_json_lines_survive_unicode_line_separators(tmp_path: Path) -> None:
    path = tmp_path / "b.csv"
    path.write_text("origin,destination,claim,mode\nVladivostok,Vladivostok,Vladivostok,0\x850\n", encoding="utf-8")
    code, out, err = _run(["batch", str(path), "--json", "--quiet"])
    assert code == 0, err
    assert len(out.splitlines()) == 1 and json.loads(out)["verdict"] == "error"


SENTENCE_PARTS = st.tuples(
    st.sampled_from(["", "The brigade ", "Troops ", "Officials in Minsk said ships ", "Эшелон ", "The Sapsan "]),
    st.sampled_from(["left ", "sailed from ", "flew from ", "lies ", "moved between ", "вышел из ", "reached "]),
    st.sampled_from([*PLACES, "the capital", "the base", "Москвы", "Rostov-on-\nDon", "St. Petersburg"]),
    st.sampled_from([" to ", " and ", ", ", " via Tula to ", " — ", " after ", " в ", "-"]),
    st.sampled_from([*PLACES, "the two cities", "Kursk Oblast", "Читу", "the Ukrainian border"]),
    st.sampled_from(HEDGES), NUMBERS, st.sampled_from(UNITS),
    st.sampled_from(["", " by rail", " east of Kursk", " from the border", " a day", " later", " long", " apart"]),
    st.sampled_from([". ", "; ", "\n", "\n\n", "! ", ""]),
)


@PROFILE
@given(st.lists(SENTENCE_PARTS, min_size=1, max_size=6))
def test_article_sentences(parts: list[tuple[str, ...]]) -> None:
    # texts made of the patterns article mode reads (endpoints, corefs, areas, rates, Cyrillic, wraps)
    text = "".join(f"{a}{b}{c}{d}{e} {h}{n} {u}{t}{end}" for a, b, c, d, e, h, n, u, t, end in parts)
    path = Path(os.environ.get("ROUTECHECK_CACHE", "/tmp")) / "fuzz-article-sentences.txt"
    path.write_text(text, encoding="utf-8")
    _contract(["article", str(path), "--json"])


@settings(max_examples=60 if LONG else 4, deadline=None, derandomize=not LONG, database=None,
          suppress_health_check=list(HealthCheck))
@given(st.sampled_from(PLACES), st.sampled_from(PLACES), st.sampled_from(["", "nearly 6,400 km", "-5 km", "9" * 40,
                                                                         "1,300 nautical miles", "a day by rail"]),
       st.sampled_from([".png", ".svg", ".html", ".txt", ""]))
def test_maps(origin: str, destination: str, claim: str, suffix: str) -> None:
    out = Path(os.environ.get("ROUTECHECK_CACHE", "/tmp")) / f"fuzz-map{suffix}"
    args = ["map", origin, destination, "-o", str(out)] + (["--claim", claim] if claim else [])
    code, _out, err = _run(args)
    assert code in (0, 2), f"exit {code} for {args!r}: {err.strip()}"
    if code == 2:
        assert err.count("\n") == 1 and "Traceback" not in err, f"not one line for {args!r}: {err!r}"


def test_read_only_cache_folder_still_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a cache folder that cannot be written (a shared, read-only install): the check still completes
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    monkeypatch.setenv("ROUTECHECK_CACHE", str(ro))
    try:
        code, out, err = _run(["verify", "Vladivostok", "Kursk", "--claim", "nearly 6,400 km", "--json",
                               "--mode", "geodesic"])
    finally:
        ro.chmod(0o700)
    assert code in (0, 2), err
    if code == 0:
        assert json.loads(out)["verdict"] == "inconsistent"
    else:
        assert err.count("\n") == 1 and "Traceback" not in err
