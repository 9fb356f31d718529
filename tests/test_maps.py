"""Maps and GeoJSON: size, a golden-image comparison with tolerance, and valid feature collections."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from routes.verify import verify
from tests.conftest import REPO, run_cli

BASELINE = REPO / "tests" / "baseline" / "vladivostok-kursk.png"


@pytest.fixture(scope="module")
def seed_png(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from routes import maps

    out = tmp_path_factory.mktemp("maps") / "vk.png"
    return maps.verify_map(verify("Vladivostok", "Kursk", "nearly 6,400 km", alternatives=False), out)


def test_png_is_wide_enough(seed_png: Path) -> None:
    import matplotlib.image as mpimg

    img = mpimg.imread(seed_png)
    height, width = img.shape[:2]
    assert width >= 1600
    assert height >= 900
    assert seed_png.stat().st_size > 100_000  # coastlines, borders and labels make a substantial image


def test_matches_the_golden_image(seed_png: Path) -> None:
    from matplotlib.testing.compare import compare_images

    # tolerance: RMS difference on a 0-255 scale; small font or antialiasing changes pass, a missing layer does not
    result = compare_images(str(BASELINE), str(seed_png), tol=12)
    assert result is None, result


def test_projection_is_conic_for_russia_and_handles_the_antimeridian() -> None:
    from routes.maps import _centre_lon, projection

    assert projection([(43.1, 131.9), (51.7, 36.2)]).startswith("+proj=lcc")
    # Anadyr (177.5 E) and Nome (165.4 W): the centre lies near 180, not near 0
    centre = _centre_lon([177.5, -165.4])
    assert abs(abs(centre) - 174) < 5


def test_map_cli_and_geojson(tmp_path: Path) -> None:
    png, gj = tmp_path / "m.svg", tmp_path / "m.geojson"
    res = run_cli("map", "Chongjin", "Vladivostok", "--mode", "sea", "-o", str(png), "--geojson", str(gj))
    assert res.returncode == 0, res.stderr
    assert png.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    data = json.loads(gj.read_text(encoding="utf-8"))
    kinds = {f["geometry"]["type"] for f in data["features"]}
    assert kinds == {"Point", "LineString"}
    modes = {f["properties"].get("mode") for f in data["features"] if f["geometry"]["type"] == "LineString"}
    assert {"geodesic", "sea"} <= modes


def test_map_rejects_other_formats(tmp_path: Path) -> None:
    res = run_cli("map", "Moscow", "Kursk", "-o", str(tmp_path / "m.jpg"))
    assert res.returncode == 2
    assert ".png or .svg file (or .html" in res.stderr


def test_notebooks_are_stored_without_outputs() -> None:
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert cell.get("outputs") == [] and cell.get("execution_count") is None, path.name
