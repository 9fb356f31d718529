"""Vectorised checking of many point-to-point distance claims (the geodesic and air modes).

This is the fast path for scripts and notebooks: one pyproj call for all pairs, numpy for the
interval tests. It gives the same verdicts as :func:`routes.verify.verify` for point endpoints and
distance claims under ``--mode any`` with the geodesic and air modes.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from routes import modes
from routes.claimbulk import intervals
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
    geo = distances_km(lat1, lon1, lat2, lon2)
    lo, hi = intervals(claims)  # each claim shape parsed once (routes.claimbulk), as claims.parse reads it
    ranges = [(s.name, *s.vector_range(geo)) for s in modes.specs() if s.vector_range is not None]
    verdict, below = judge_arrays(lo, hi, ranges, geo, slack_km)
    return BatchResult(geo, verdict, below)


CHUNK = 65_536  # claims per vectorised pass of :func:`check_stream`


def check_stream(rows: Iterable[tuple[float, float, float, float, str]], chunk: int = CHUNK,
                 slack_km: float = 0.0) -> Iterator[BatchResult]:
    """:func:`check_distances` over ``(lat1, lon1, lat2, lon2, claim)`` rows, ``chunk`` at a time.

    Memory stays flat however many rows stream in: only one chunk is held at once.
    """
    it = iter(rows)
    while block := list(itertools.islice(it, chunk)):
        lat1, lon1, lat2, lon2, text = zip(*block, strict=True)
        yield check_distances(lat1, lon1, lat2, lon2, text, slack_km)
