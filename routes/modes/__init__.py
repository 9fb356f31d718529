"""Mode registry: one module per mode, each defining ``MODE``, a :class:`~routes.modes.base.ModeSpec`.

Adding a mode means adding one module and one line to ``REGISTRY`` (plus its data rows). Everything outside
this package reaches modes through :func:`spec`, :func:`specs` and :func:`names`, never by name.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence

from routes.modes.base import Leg, ModeEstimate, ModeOptions, ModeSpec, Option

REGISTRY: dict[str, str] = {
    "geodesic": "routes.modes.geodesic",
    "air": "routes.modes.air",
    "rail": "routes.modes.rail",
    "sea": "routes.modes.sea",
    "road": "routes.modes.road",
}

Estimator = Callable[[Sequence[Leg], ModeOptions], ModeEstimate]


def names() -> list[str]:
    """Registered mode names, in display order."""
    return list(REGISTRY)


def spec(mode: str) -> ModeSpec:
    """The :class:`ModeSpec` of a registered mode (its module is imported on first use)."""
    try:
        module = importlib.import_module(REGISTRY[mode])
    except KeyError:
        from routes.errors import RouteCheckError

        raise RouteCheckError(f"unknown mode {mode!r}; choose from {', '.join(['any', *REGISTRY])}") from None
    found: ModeSpec = module.MODE
    return found


def specs() -> list[ModeSpec]:
    """Every registered mode's spec, in display order."""
    return [spec(m) for m in REGISTRY]


def estimator(mode: str) -> Estimator:
    """The ``estimate`` function of a registered mode."""
    return spec(mode).estimate


def bulk() -> list[str]:
    """Modes cheap enough to evaluate for dozens of substitute endpoints (the alternatives search)."""
    return [s.name for s in specs() if s.bulk]


def travel() -> list[str]:
    """Modes that are ways to travel (every mode but lower bounds such as the geodesic)."""
    return [s.name for s in specs() if not s.lower_bound]


def bound() -> str:
    """The registered lower-bound mode (the geodesic): drawn on every map, skipped by the timeline."""
    return next(s.name for s in specs() if s.lower_bound)


def overland() -> list[str]:
    """Modes a text's leg may use when it states none, in their listing order ("road", "rail")."""
    return [s.name for s in sorted((s for s in specs() if s.overland), key=lambda s: s.overland)]


def phrase(mode: str) -> str:
    """Plain-English phrase for a mode ("as the crow flies", "by rail"); unregistered names read "by NAME"."""
    return spec(mode).phrase if mode in REGISTRY else f"by {mode}"


def mode_for_vehicle(vehicle: str) -> str | None:
    """The mode a vehicle belongs to (an aircraft type, a train class, a ship class ...), or None."""
    from routes.vehicles import mode_of

    mode = mode_of(vehicle)
    return mode if mode in REGISTRY else None


__all__ = [
    "REGISTRY", "Estimator", "Leg", "ModeEstimate", "ModeOptions", "ModeSpec", "Option", "bound", "bulk", "estimator",
    "mode_for_vehicle", "names", "overland", "phrase", "spec", "specs", "travel",
]
