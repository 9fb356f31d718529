"""The data ships inside a non-editable wheel: an installed copy works away from the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def test_wheel_install_carries_the_data(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(wheels), str(REPO)], check=True, capture_output=True)
    wheel = next(wheels.glob("routecheck-*.whl"))
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                    str(wheel)], check=True, capture_output=True)
    code = (
        "import json, routes, routes.datafiles as d\n"
        "from routes.verify import verify\n"
        "r = verify('Vladivostok', 'Kursk', 'nearly 6,400 km', alternatives=False)\n"
        "print(json.dumps({'file': routes.__file__, 'data': str(d.data_dir()), 'verdict': r.verdict.verdict,"
        " 'rail': [e.available for e in r.estimates if e.mode == 'rail'][0]}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env,
                         check=False)
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["file"].startswith(str(target))
    assert out["data"] == str(target / "routes" / "_data")
    assert out["verdict"] == "inconsistent"
    assert out["rail"] is True
    assert (target / "routes" / "LICENSE").is_file(), "the wheel must carry the licence"
