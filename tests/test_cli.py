"""The command line: exit codes, one-line errors without tracebacks, determinism, offline operation."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli


def test_verify_json_contract() -> None:
    res = run_cli("verify", "Vladivostok", "Kursk", "--claim", "nearly 6,400 km", "--json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    for key in ("origin", "destination", "via", "claim", "geodesic_km", "modes", "verdict", "flags",
                "reasons", "alternatives", "sources"):
        assert key in data
    for key in ("query", "name", "country", "lat", "lon", "kind", "source"):
        assert key in data["origin"]
    for key in ("text", "kind", "value", "unit", "hedge", "low_km", "high_km"):
        assert key in data["claim"]
    for m in data["modes"]:
        for key in ("mode", "distance_km", "low_km", "high_km", "duration_h_low", "duration_h_high", "fits", "note"):
            assert key in m
    for a in data["alternatives"]:
        for key in ("description", "origin", "destination", "mode", "distance_km"):
            assert key in a
    assert data["verdict"] == "inconsistent"


def test_text_output_is_a_readable_report() -> None:
    res = run_cli("verify", "Vladivostok", "Kursk", "--claim", "nearly 6,400 km")
    assert res.returncode == 0
    for heading in ("PLACES", "CLAIM", "MODES", "VERDICT", "ALTERNATIVES", "SOURCES"):
        assert heading in res.stdout
    assert "Moscow" in res.stdout


def test_json_is_byte_identical_across_runs() -> None:
    args = ("verify", "Vladivostok", "Kursk region", "--claim", "nearly 6,400 km", "--json")
    a, b = run_cli(*args), run_cli(*args)
    assert a.returncode == 0
    assert a.stdout == b.stdout


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("verify", "Vladivostk", "Kursk"), "did you mean"),
        (("verify", "Vladivostok", "Kursk", "--claim", "nearly km"), "no figure"),
        (("verify", "Vladivostok", "Kursk", "--claim", "about 6,400"), "no unit"),
        (("verify", "95.0,10.0", "Kursk"), "latitude"),
        (("verify", "Vladivostok", "Kursk", "--mode", "teleport"), "invalid choice"),
        (("verify", "Vladivostok", "Kursk", "--mode", "air", "--vehicle", "Concorde"), "unknown aircraft"),
        (("places", "Xyzzyqwv"), "unknown place"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: tuple[str, ...], needle: str) -> None:
    res = run_cli(*args)
    assert res.returncode == 2, res.stderr
    assert needle in res.stderr
    assert "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_places_lookup() -> None:
    res = run_cli("places", "Vozdvizhenka", "--json")
    assert res.returncode == 0
    data = json.loads(res.stdout)
    assert data["results"][0]["kind"] == "airbase"
    assert data["results"][0]["source"]


def test_cli_runs_with_sockets_blocked_in_the_process() -> None:
    # A sitecustomize-free way to prove it: replace socket.socket before routecheck imports anything.
    code = (
        "import socket\n"
        "class _Blocked(socket.socket):\n"
        "    def __init__(self, *a, **k):\n        raise RuntimeError('network access attempted')\n"
        "def _no(*a, **k):\n    raise RuntimeError('network access attempted')\n"
        "socket.socket = _Blocked\nsocket.create_connection = _no\nsocket.getaddrinfo = _no\n"
        "import sys\nfrom routes.cli import main\n"
        "sys.exit(main(['verify', 'Vladivostok', 'Kursk', '--claim', 'nearly 6,400 km', '--json']))\n"
    )
    import os
    import subprocess
    import sys

    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False,
                         env=dict(os.environ))
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["verdict"] == "inconsistent"


def test_vehicle_implies_its_mode() -> None:
    from routes.verify import verify

    r = verify("Vladivostok", "Kursk", "about 12 hours", vehicle="Il-76MD")
    air = next(e for e in r.estimates if e.mode == "air")
    assert air.details["range_km"] == 5000  # the Il-76MD's range with a troop load (data/vehicles/aircraft.csv)
    assert r.verdict.fits["air"] is True


def test_default_sources_are_short_and_quotable() -> None:
    res = run_cli("verify", "Vladivostok", "Kursk", "--claim", "nearly 6,400 km")
    block = res.stdout.split("SOURCES", 1)[1].splitlines()[1:]
    cited = [line for line in block if line.startswith("  - ")]
    assert 1 <= len(cited) <= 5
    assert any("how to cite" in line for line in block)
    full = run_cli("verify", "Vladivostok", "Kursk", "--claim", "nearly 6,400 km", "--sources", "full")
    assert len([x for x in full.stdout.split("SOURCES", 1)[1].splitlines() if x.startswith("  - ")]) > 5
    data = json.loads(run_cli("verify", "Vladivostok", "Kursk", "--claim", "nearly 6,400 km", "--json").stdout)
    assert all({"for", "citation", "source_ids", "registry", "weak_sources"} <= set(u) for u in data["sources_used"])
    assert data["sources"]
    assert data["sources_used"][0]["registry"][0]["id"] == "s_geonames_cities15000"  # structured, from the registry
