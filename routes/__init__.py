"""routecheck: check quoted route distances and transit times against real geography.

The public Python API (see README, "Python API")::

    from routes import verify, route, lift, article, batch, draw_map, Place, Claim

    report = verify("Vladivostok", "Kursk", "nearly 6,400 km")
    report.verdict.verdict                    # 'inconsistent' (str(report.verdict) too)
    report.to_dict()["off_by"]                # how far off, and from which mode
    draw_map(report, "seed.svg")              # as ``routecheck map``; in a notebook, ``report`` shows a table

Each command's pipeline also lives in a module of the same name (``routes.verify``, ``routes.route`` ...); the
names above are the functions, whatever is imported later: the package refuses to let a submodule import replace
them (the submodules stay in ``sys.modules``). Nothing heavy is imported until a function is called, so the
command line starts fast.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any

from routes.claims import Claim
from routes.places import Place

if TYPE_CHECKING:
    from routes.contract import LiftReport, Report
    from routes.route import RouteReport

_FUNCTIONS = frozenset({"verify", "route", "lift", "article", "batch"})


class _Package(types.ModuleType):
    """The package module: a submodule named like a public function never replaces the function."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _FUNCTIONS and isinstance(value, types.ModuleType) and name in self.__dict__:
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

__version__ = "0.2.0"


def verify(origin: str | Place, destination: str | Place, claim: str | Claim | None = None, mode: str = "any",
           via: list[str] | None = None, vehicle: str | None = None, alternatives: bool = True,
           extra: dict[str, Any] | None = None) -> Report:
    """Check one claim between two places (``routecheck verify``); see :func:`routes.verify.verify`."""
    from routes.verify import verify as run

    return run(origin, destination, claim, mode=mode, via=via, vehicle=vehicle, alternatives=alternatives,
               extra=extra)


def route(path: str | Path) -> RouteReport:
    """Evaluate a route file (YAML or TOML): legs, totals, claims, dates and lifts.

    Returns a :class:`routes.route.RouteReport`; ``.to_json()`` is the ``routecheck route --json`` contract.
    """
    from routes import routefile
    from routes.route import evaluate

    return evaluate(routefile.load(path))


def lift(troops: int, within: str, origin: str, destination: str, vehicle: str,
         airspace: str | None = None) -> LiftReport:
    """The lift arithmetic of ``routecheck lift``: trips, cycle and vehicles for ``troops`` within ``within``
    (a duration such as "5 days"); returns the ``lift --json`` contract as a dict with ``.verdict``,
    ``.to_dict()`` and a notebook display."""
    from routes.claims import parse
    from routes.contract import LiftReport
    from routes.lift import lift as run

    return LiftReport(run(troops, parse(within).central, origin, destination, vehicle, within=airspace))


def draw_map(report: Report | RouteReport, out: str | Path, size: tuple[int, int] | None = None,
             dpi: int | None = None, title: str | None = None) -> Path:
    """Draw a verify or route report as ``routecheck map`` does: ``out`` ending .png, .svg or .html.

    Parameters
    ----------
    report
        A result of :func:`verify` or :func:`route`.
    out
        The file to write; its suffix chooses the format.
    size
        (width, height) in pixels; default 1760 x 1100.
    dpi
        Print resolution stored in the image (default 110).
    title
        The map's title (default: the places, or the route's name).
    """
    from routes import maps
    from routes.route import RouteReport

    if isinstance(report, RouteReport):
        return maps.route_map(report, out, size=size, dpi=dpi, title=title)
    return maps.verify_map(report, out, size=size, dpi=dpi, title=title)


def article(text: str) -> Any:
    """Read a news text: every route claim with its endpoints, mode and verdict (``routecheck article``)."""
    from routes.article import analyse

    return analyse(text)


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


def check_distances(*args: Any, **kwargs: Any) -> Any:
    """Vectorised geodesic/air checks over coordinate arrays; see :func:`routes.batch.check_distances`."""
    from routes.batch import check_distances as run

    return run(*args, **kwargs)


def __getattr__(name: str) -> Any:
    if name in ("Report", "LiftReport"):  # the result types, imported on first use
        from routes import contract

        return getattr(contract, name)
    raise AttributeError(f"module 'routes' has no attribute {name!r}")

__all__ = ["Claim", "LiftReport", "Place", "Report", "__version__", "article", "batch", "check_distances", "draw_map",
           "lift", "route", "verify"]
