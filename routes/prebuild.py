"""Build every cache a first command would otherwise wait for: ``python -m routes.prebuild`` (``make install``).

The gazetteer index, the country polygons and landmasses, the precomputed rail trees and the inland grid
are written to the cache folder (``$ROUTECHECK_CACHE``, else ``~/.cache/routecheck``), so that the first
``routecheck`` command after installing runs as fast as any other.
"""

from __future__ import annotations

import sys
import time


def prebuild() -> float:
    """Build the caches; returns the seconds it took."""
    t = time.perf_counter()
    from routes.geodata import _inland_grid, _landmasses
    from routes.verify import verify

    verify("Vladivostok", "Kursk", "nearly 6,400 km")  # gazetteer index, rail trees (domestic too), polygons
    verify("Moscow", "Kazan", "about 800 km")
    _landmasses()
    _inland_grid(build=True)
    return time.perf_counter() - t


def main() -> int:
    """Entry point of ``python -m routes.prebuild``."""
    print(f"routecheck: caches built in {prebuild():.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
