"""Render route maps from the command line or a script (the same code as ``routecheck map``).

Examples::

    python scripts/render_route_map.py --route data/cases/kursk-2024.yaml -o out/kursk-2024.png
    python scripts/render_route_map.py Vladivostok Kursk --claim "nearly 6,400 km" -o out/vladivostok-kursk.png
    python scripts/render_route_map.py --baseline   # regenerate tests/baseline/ after a deliberate change
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BASELINE = REPO / "tests" / "baseline" / "vladivostok-kursk.png"


def main() -> None:
    """Parse arguments and draw."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("origin", nargs="?")
    ap.add_argument("destination", nargs="?")
    ap.add_argument("--route", help="route file to draw")
    ap.add_argument("--claim")
    ap.add_argument("-o", "--output", default=str(REPO / "out" / "map.png"))
    ap.add_argument("--baseline", action="store_true", help="regenerate the golden image used by the tests")
    args = ap.parse_args()
    from routes import maps

    t = time.perf_counter()
    if args.baseline:
        from routes.verify import verify

        BASELINE.parent.mkdir(parents=True, exist_ok=True)
        out = maps.verify_map(verify("Vladivostok", "Kursk", "nearly 6,400 km", alternatives=False), BASELINE)
    elif args.route:
        from routes import routefile
        from routes.route import evaluate

        out = maps.route_map(evaluate(routefile.load(args.route)), args.output)
    else:
        from routes.verify import verify

        out = maps.verify_map(verify(args.origin, args.destination, args.claim, alternatives=False), args.output)
    print(f"wrote {out} in {time.perf_counter() - t:.2f} s")


if __name__ == "__main__":
    main()
