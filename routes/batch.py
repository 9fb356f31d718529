"""Vectorised checking of many point-to-point distance claims (the geodesic and air modes).

This is the fast path for scripts and notebooks: one pyproj call for all pairs, numpy for the
interval tests. It gives the same verdicts as :func:`routes.verify.verify` for point endpoints and
distance claims under ``--mode any`` with the geodesic and air modes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from routes import modes
from routes.claims import parse
from routes.geodesy import distances_km
from routes.verdict import judge_arrays


@dataclass(frozen=True)
class BatchResult:
    """Arrays, one entry per claim: geodesic km, verdict strings and the below-geodesic flag."""

    geodesic_km: np.ndarray
    verdict: np.ndarray
    below_geodesic_minimum: np.ndarray


def check_distances(
    lat1: Sequence[float] | np.ndarray,
    lon1: Sequence[float] | np.ndarray,
    lat2: Sequence[float] | np.ndarray,
    lon2: Sequence[float] | np.ndarray,
    claims: Sequence[str],
    slack_km: float | np.ndarray = 0.0,
) -> BatchResult:
    """Check distance claims between coordinate pairs (decimal degrees) in one vectorised pass.

    ``slack_km`` is the places' size allowance of the tolerance model (0 for literal coordinates; see
    :func:`routes.tolerance.endpoint_slack_km` for named places).
    """
    n = len(claims)
    geo = distances_km(lat1, lon1, lat2, lon2)
    parsed = [parse(c) for c in claims]
    lo = np.fromiter((c.low for c in parsed), float, n)
    hi = np.fromiter((np.inf if c.high is None else c.high for c in parsed), float, n)
    ranges = [(s.name, *s.vector_range(geo)) for s in modes.specs() if s.vector_range is not None]
    verdict, below = judge_arrays(lo, hi, ranges, geo, slack_km)
    return BatchResult(geo, verdict, below)
