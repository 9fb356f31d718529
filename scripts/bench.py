"""Benchmarks: cold CLI start, warm batch throughput vs a plain geopy loop (prints figures only).

Run with ``make bench`` (or ``.venv/bin/python scripts/bench.py``). Goals from the issues:
cold ``routecheck verify ... --json`` <= 0.5 s; batch at least as fast as the bare geopy loop.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def cold_verify(runs: int) -> list[float]:
    """Wall time of a fresh ``routecheck verify`` process (gazetteer index already cached)."""
    cmd = [sys.executable, "-m", "routes.cli", "verify", "Vladivostok", "Kursk", "--claim", "nearly 6,400 km",
           "--json"]
    subprocess.run(cmd, capture_output=True, check=True, cwd=REPO)  # build the index once
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True, cwd=REPO)
        times.append(time.perf_counter() - t)
    return times


def batch(n: int) -> tuple[float, float]:
    """(routecheck batch seconds, geopy loop seconds) over the same n generated claims."""
    from geopy.distance import geodesic

    from routes.batch import check_distances

    rng = random.Random(42)
    lat1 = [rng.uniform(-60, 70) for _ in range(n)]
    lon1 = [rng.uniform(-180, 180) for _ in range(n)]
    lat2 = [rng.uniform(-60, 70) for _ in range(n)]
    lon2 = [rng.uniform(-180, 180) for _ in range(n)]
    hedges = ["", "about ", "nearly ", "more than ", "up to "]
    units = ["km", "miles", "nautical miles"]
    claims = [f"{rng.choice(hedges)}{rng.randrange(100, 20000):,} {rng.choice(units)}" for _ in range(n)]
    check_distances(lat1[:10], lon1[:10], lat2[:10], lon2[:10], claims[:10])  # warm imports
    t = time.perf_counter()
    check_distances(lat1, lon1, lat2, lon2, claims)
    ours = time.perf_counter() - t
    t = time.perf_counter()
    km = [geodesic((lat1[i], lon1[i]), (lat2[i], lon2[i])).km for i in range(n)]
    assert len(km) == n
    theirs = time.perf_counter() - t
    return ours, theirs


def main() -> None:
    """Print every benchmark figure."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--claims", type=int, default=10_000)
    args = ap.parse_args()
    times = cold_verify(args.runs)
    print(f"cold verify --json: median {statistics.median(times):.3f} s over {args.runs} runs "
          f"(min {min(times):.3f}, max {max(times):.3f}); goal <= 0.5 s")
    ours, theirs = batch(args.claims)
    print(f"batch {args.claims:,} claims: routecheck {ours:.3f} s ({args.claims / ours:,.0f}/s) vs "
          f"geopy geodesic() loop {theirs:.3f} s ({args.claims / theirs:,.0f}/s); "
          f"speed-up x{theirs / ours:.1f}")
    extra = REPO / "scripts" / "bench_rail.py"
    if extra.exists():
        subprocess.run([sys.executable, str(extra)], check=False, cwd=REPO)


if __name__ == "__main__":
    main()
