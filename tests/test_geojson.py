"""GeoJSON that validates (RFC 7946): lon/lat order, antimeridian splits, no degenerate lines, claim properties."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
import shapely.geometry

from tests.conftest import REPO, run_cli


def _validate(collection: dict[str, Any]) -> None:
    assert collection["type"] == "FeatureCollection" and collection["features"]
    for f in collection["features"]:
        assert f["type"] == "Feature" and isinstance(f["properties"], dict)
        geom = f["geometry"]
        assert geom["type"] in ("Point", "LineString", "MultiLineString")
        shape = shapely.geometry.shape(geom)
        assert shape.is_valid and not shape.is_empty
        lines = [geom["coordinates"]] if geom["type"] == "LineString" else (
            geom["coordinates"] if geom["type"] == "MultiLineString" else [[geom["coordinates"]]])
        for line in lines:
            if geom["type"] != "Point":
                assert len({tuple(p) for p in line}) >= 2, "a degenerate line"
            for lon, lat in line:
                assert -180 <= lon <= 180 and -90 <= lat <= 90
            for a, b in itertools.pairwise(line):
                assert abs(b[0] - a[0]) <= 180, "a jump across the antimeridian must be split"
        if geom["type"] != "Point":
            assert "mode" in f["properties"]


def test_verify_across_the_antimeridian_is_split(tmp_path: Path) -> None:
    out = tmp_path / "a.geojson"
    res = run_cli("verify", "Pyongyang", "Anchorage", "--mode", "air", "--claim", "about 5,500 km",
                  "--geojson", str(out))
    assert res.returncode == 0, res.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    _validate(data)
    line = next(f for f in data["features"] if f["properties"].get("mode") == "geodesic")
    assert line["geometry"]["type"] == "MultiLineString"
    assert line["properties"]["claim"] == "about 5,500 km" and line["properties"]["verdict"]


@pytest.mark.parametrize("args", [
    ["route", str(REPO / "data/cases/kursk-2024.yaml")],
    ["verify", "Vladivostok", "Kursk", "--claim", "nearly 6,400 km"],
    ["verify", "Rotterdam", "Shanghai", "--mode", "sea"],
])
def test_every_geojson_validates(tmp_path: Path, args: list[str]) -> None:
    out = tmp_path / "x.geojson"
    res = run_cli(*args, "--geojson", str(out))
    assert res.returncode == 0, res.stderr
    _validate(json.loads(out.read_text(encoding="utf-8")))
