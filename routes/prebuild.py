"""Build every cache a first command would otherwise wait for: ``python -m routes.prebuild`` (``make install``).

The gazetteer index, the country polygons and landmasses, the precomputed rail trees and the inland grid
are written to the cache folder (``$ROUTECHECK_CACHE``, else ``~/.cache/routecheck``), so that the first
``routecheck`` command after installing runs as fast as any other. The package's modules are compiled to
bytecode first: an editable install leaves them as source, and where ``PYTHONDONTWRITEBYTECODE`` is set every
command would compile them again (about 70 ms of a cold verify).
"""

from __future__ import annotations

import sys
import time


def compile_package() -> None:
    """Write the bytecode of every module of the package (quietly; a read-only install is skipped)."""
    import compileall
    from pathlib import Path

    compileall.compile_dir(str(Path(__file__).parent), quiet=2)


def prebuild() -> float:
    """Build the caches; returns the seconds it took."""
    t = time.perf_counter()
    compile_package()
    from routes.gazetteer import coordinates, world_places
    from routes.geodata import _inland_grid, _landmass_grid, _landmasses, build_point_labels
    from routes.modes import railbundle
    from routes.verify import verify

    verify("Vladivostok", "Kursk", "nearly 6,400 km")  # gazetteer index, rail trees (domestic too), polygons
    verify("Moscow", "Kazan", "about 800 km")
    _landmasses()
    _inland_grid(build=True)
    _landmass_grid(build=True)
    lats, lons = coordinates()  # every gazetteer place's landmass, and every rail station's: no polygons to load
    stations = railbundle.bundled_tables()[0]
    build_point_labels(lats + [float(s["lat"]) for s in stations], lons + [float(s["lon"]) for s in stations])
    world_places()  # the context labels of maps
    return time.perf_counter() - t


def main() -> int:
    """Entry point of ``python -m routes.prebuild``."""
    print(f"routecheck: caches built in {prebuild():.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
