"""Mode registry: one module per mode, each exposing ``estimate(legs, options) -> ModeEstimate``.

Adding a mode means adding one module and one line to ``REGISTRY``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence

from routes.modes.base import Leg, ModeEstimate, ModeOptions

REGISTRY: dict[str, str] = {
    "geodesic": "routes.modes.geodesic",
    "air": "routes.modes.air",
    "rail": "routes.modes.rail",
    "sea": "routes.modes.sea",
    "road": "routes.modes.road",
}

# Modes cheap enough to evaluate for dozens of substitute endpoints when searching for alternatives.
BULK = ("geodesic", "air", "rail", "road")

Estimator = Callable[[Sequence[Leg], ModeOptions], ModeEstimate]


def mode_for_vehicle(vehicle: str) -> str | None:
    """The mode a vehicle belongs to (an aircraft type, a train class or a ship class), or None."""
    from routes.errors import RouteCheckError
    from routes.modes.air import find_aircraft
    from routes.modes.rail import vehicles
    from routes.modes.sea import ships

    key = vehicle.lower().replace("-", "_").replace(" ", "_")
    if key in vehicles():
        return "rail"
    if key in ships():
        return "sea"
    try:
        find_aircraft(vehicle)
    except RouteCheckError:
        return None
    return "air"


def names() -> list[str]:
    """Registered mode names, in display order."""
    return list(REGISTRY)


def estimator(mode: str) -> Estimator:
    """The ``estimate`` function of a registered mode (imported on first use)."""
    try:
        module = importlib.import_module(REGISTRY[mode])
    except KeyError:
        from routes.errors import RouteCheckError

        raise RouteCheckError(f"unknown mode {mode!r}; choose from {', '.join(['any', *REGISTRY])}") from None
    fn: Estimator = module.estimate
    return fn


__all__ = [
    "BULK", "REGISTRY", "Estimator", "Leg", "ModeEstimate", "ModeOptions", "estimator", "mode_for_vehicle", "names",
]
