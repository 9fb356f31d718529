"""Multi-leg reported routes: per-leg and total distance and duration ranges, and verdicts on their claims.

Candidate sets make each leg a matrix of possibilities. Where a leg starts at the previous leg's
destination the candidate must be the same one, so totals run over consistent combinations: a
min-plus (and max-plus) product along the chain gives the exact minimum and maximum over every
combination without enumerating them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from routes import modes, tolerance
from routes.errors import UnreachableError
from routes.modes.base import Leg, ModeEstimate, ModeOptions
from routes.places import Place, resolve
from routes.routefile import LegSpec

KINDS = ("low", "high", "dur_low", "dur_high", "geo", "mid")


@dataclass
class LegResult:
    """Everything computed for one leg: candidate lists, per-pair matrices and sources."""

    spec: LegSpec
    origins: list[Place]
    destinations: list[Place]
    origin_label: str
    destination_label: str
    m: dict[str, np.ndarray]  # each (len(origins), len(destinations)); NaN where no mode serves the pair
    sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    paths: list[list[tuple[float, float]]] = field(default_factory=list)
    band: float = 0.0  # the widest relative tolerance of the estimates merged (mode band + their own)
    uncovered: bool = False  # no mode could serve any candidate pair of this leg
    path_modes: list[str] = field(default_factory=list)  # the mode that drew each of ``paths`` (maps colour by it)
    marks: list[tuple[float, float, str]] = field(default_factory=list)  # named stops on the paths (refuels)

    def to_json(self) -> dict[str, Any]:
        """One entry of the route JSON ``legs`` list."""
        def r(x: float) -> float | None:
            return None if not np.isfinite(x) else round(float(x), 1)

        lo, hi = np.nanmin(self.m["low"]) if leg_any(self.m["low"]) else np.nan, _nanmax(self.m["high"])
        return {
            "number": self.spec.number,
            "from": self.origin_label,
            "to": self.destination_label,
            "mode": "/".join(self.spec.modes),
            "vehicle": self.spec.vehicle,
            "distance_km": r(float(np.nanmedian(self.m["mid"]))) if leg_any(self.m["mid"]) else None,
            "low_km": r(lo),
            "high_km": r(hi),
            "duration_h_low": r(np.nanmin(self.m["dur_low"])) if leg_any(self.m["dur_low"]) else None,
            "duration_h_high": r(_nanmax(self.m["dur_high"])),
            "geodesic_low_km": r(np.nanmin(self.m["geo"])),
            "candidates": {"from": len(self.origins), "to": len(self.destinations)},
            "depart": _dates_json(self.spec.depart),
            "arrive": _dates_json(self.spec.arrive),
            "notes": self.notes,
            "available": not self.uncovered,
            "sources": self.sources,
        }


def leg_any(a: np.ndarray) -> bool:
    """Whether a leg matrix has any finite entry (some mode serves some candidate pair)."""
    return bool(np.isfinite(a).any())


def _nanmax(a: np.ndarray) -> float:
    return float(np.nanmax(a)) if leg_any(a) else float("nan")


def _dates_json(d: Any) -> list[str] | None:
    return None if d is None else [d[0].isoformat(), d[1].isoformat()]


def resolve_all(texts: list[str]) -> tuple[list[Place], str]:
    points: list[Place] = []
    for t in texts:
        points.extend(resolve(t).points())
    label = texts[0] if len(texts) == 1 else " / ".join(texts)
    if len(texts) == 1:
        p = resolve(texts[0])
        label = p.name if p.is_set else p.label()
    return points, label


def estimate_leg(spec: LegSpec, origins: list[Place], o_label: str, extra: dict[str, Any]) -> LegResult:
    destinations, d_label = resolve_all(spec.destination)
    shape = (len(origins), len(destinations))
    m = {k: np.full(shape, np.nan) for k in KINDS}
    sources: list[str] = []
    notes: list[str] = []
    paths = []
    path_modes: list[str] = []
    marks: list[tuple[float, float, str]] = []
    band = 0.0
    from routes.geodesy import pairwise_km

    m["geo"] = pairwise_km([(p.lat, p.lon) for p in origins], [(p.lat, p.lon) for p in destinations])
    for i, o in enumerate(origins):
        for j, d in enumerate(destinations):
            for mode in spec.modes:
                opts = ModeOptions(vehicle=spec.vehicle if len(spec.modes) == 1 else None,
                                   extra=tuple(sorted(extra.items())))
                try:
                    est = modes.estimator(mode)([Leg(o, d)], opts)
                except UnreachableError as exc:
                    notes.append(exc.message)
                    continue
                if not est.available or est.low_km is None or est.high_km is None:
                    if est.note and est.note not in notes:
                        notes.append(est.note)
                    continue
                _merge(m, i, j, est)
                b = tolerance.band(mode)
                band = max(band, max(b.low_rel, b.high_rel) + est.band)
                for s in est.sources:
                    if s not in sources:
                        sources.append(s)
                if i == 0 and j == 0 and est.paths:
                    paths.extend(est.paths)
                    path_modes.extend([est.mode] * len(est.paths))
                    marks.extend(est.marks)
    return LegResult(spec, origins, destinations, o_label, d_label, m, sources, notes[:5], paths, band,
                     path_modes=path_modes, marks=marks)


def _merge(m: dict[str, np.ndarray], i: int, j: int, est: ModeEstimate) -> None:
    """Widen pair (i, j) by one mode's ranges (a leg 'by road or rail' spans both)."""
    def lo(cur: float, new: float | None) -> float:
        return cur if new is None else (new if np.isnan(cur) else min(cur, new))

    def hi(cur: float, new: float | None) -> float:
        return cur if new is None else (new if np.isnan(cur) else max(cur, new))

    m["low"][i, j] = lo(m["low"][i, j], est.low_km)
    m["high"][i, j] = hi(m["high"][i, j], est.high_km)
    m["dur_low"][i, j] = lo(m["dur_low"][i, j], est.duration_h_low)
    m["dur_high"][i, j] = hi(m["dur_high"][i, j], est.duration_h_high)
    m["mid"][i, j] = lo(m["mid"][i, j], est.distance_km)


def chain(legs: list[LegResult], kind: str, best: str) -> float:
    """Min (``best='min'``) or max total of ``kind`` over every consistent combination of candidates."""
    big = np.inf if best == "min" else -np.inf
    pick = np.min if best == "min" else np.max
    v: np.ndarray | None = None
    for k, leg in enumerate(legs):
        mat = np.where(np.isfinite(leg.m[kind]), leg.m[kind], big)
        if v is None or not leg.spec.linked or k == 0:
            start = 0.0 if v is None else float(pick(v))
            v = pick(mat, axis=0) + start
        else:
            v = pick(v[:, None] + mat, axis=0)
    if v is None:
        return float("nan")
    out = float(pick(v))
    return out if np.isfinite(out) else float("nan")


