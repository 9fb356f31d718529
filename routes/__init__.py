"""routecheck: check quoted route distances and transit times against real geography.

The public Python API (see README, "Python API")::

    from routes import verify, route, lift, article, batch, Place, Claim

    report = verify("Vladivostok", "Kursk", "nearly 6,400 km")
    report.verdict.verdict                    # 'inconsistent'
    report.to_json()["off_by"]                # how far off, and from which mode

Each command's pipeline also lives in a module of the same name (``routes.verify``, ``routes.route`` ...); the
names above are the functions. The submodules are imported here first, so the functions win the names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import routes.article as _article_module
import routes.batch as _batch_module
import routes.lift as _lift_module
import routes.route as _route_module
from routes.claims import Claim
from routes.contract import Report
from routes.places import Place
from routes.verify import verify

__version__ = "0.2.0"


def route(path: str | Path) -> _route_module.RouteReport:
    """Evaluate a route file (YAML or TOML): legs, totals, claims, dates and lifts.

    Returns a :class:`routes.route.RouteReport`; ``.to_json()`` is the ``routecheck route --json`` contract.
    """
    from routes import routefile

    return _route_module.evaluate(routefile.load(path))


def lift(troops: int, within: str, origin: str, destination: str, vehicle: str,
         airspace: str | None = None) -> dict[str, Any]:
    """The lift arithmetic of ``routecheck lift``: trips, cycle and vehicles for ``troops`` within ``within``
    (a duration such as "5 days"); returns the ``lift --json`` contract."""
    from routes.claims import parse

    return _lift_module.lift(troops, parse(within).central, origin, destination, vehicle, within=airspace)


def article(text: str) -> Any:
    """Read a news text: every route claim with its endpoints, mode and verdict (``routecheck article``)."""
    return _article_module.analyse(text)


def batch(path: str | Path, alternatives: bool = False) -> Any:
    """Check every row of a claims CSV; a pandas DataFrame when pandas is installed, else a list of dicts."""
    import io
    import json

    from routes.batchfile import run

    buf = io.StringIO()
    run(path, buf, as_json=True, alternatives=alternatives)
    rows = [json.loads(line) for line in buf.getvalue().splitlines()]
    try:
        import pandas as pd
    except ImportError:
        return rows
    return pd.DataFrame(rows)


check_distances = _batch_module.check_distances

__all__ = ["Claim", "Place", "Report", "__version__", "article", "batch", "check_distances", "lift", "route",
           "verify"]
