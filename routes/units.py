"""The one table of unit conversions: distances to km, durations to hours, and their display names."""

from __future__ import annotations

KM_PER_UNIT: dict[str, float] = {"km": 1.0, "mi": 1.609344, "nmi": 1.852}  # international mile and nautical mile
H_PER_UNIT: dict[str, float] = {"min": 1.0 / 60.0, "h": 1.0, "d": 24.0, "wk": 168.0}
KM_PER_NMI = KM_PER_UNIT["nmi"]


def to_km(value: float, unit: str) -> float:
    """``value`` in ``unit`` (km, mi, nmi) as kilometres; an unknown unit counts as km."""
    return value * KM_PER_UNIT.get(unit, 1.0)


def factor(unit: str) -> float:
    """km per unit for a distance unit, hours per unit for a duration unit."""
    return KM_PER_UNIT.get(unit) or H_PER_UNIT[unit]

