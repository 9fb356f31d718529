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


def cold(cmd: list[str], runs: int) -> list[float]:
    """Wall times of ``runs`` fresh processes (after one warm-up run that fills the on-disk caches)."""
    subprocess.run(cmd, capture_output=True, check=True, cwd=REPO)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True, cwd=REPO)
        times.append(time.perf_counter() - t)
    return times


def cold_verify(runs: int) -> list[float]:
    """Wall time of a fresh ``routecheck verify`` process (gazetteer index already cached)."""
    return cold([sys.executable, "-m", "routes.cli", "verify", "Vladivostok", "Kursk", "--claim", "nearly 6,400 km",
                 "--json"], runs)


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


ARTICLE = (
    "Officials said the first battalion was shipped to Vladivostok and then flown to an airfield near Moscow, "
    "a journey of nearly 6,400 kilometers. Another group travelled by rail from Khabarovsk to Novosibirsk, "
    "about 2,700 km, in three days. Up to 1,500 soldiers arrived in Kursk by the 28th.\n\n"
)


def cold_article(runs: int) -> list[float]:
    """Wall time of ``routecheck article`` on a generated 10 KB text, fresh process each run."""
    import tempfile

    text = ARTICLE * (10_240 // len(ARTICLE) + 1)
    path = Path(tempfile.mkdtemp()) / "article.txt"
    path.write_text(text[:10_240], encoding="utf-8")
    return cold([sys.executable, "-m", "routes.cli", "article", str(path), "--json"], runs)


def seed_map() -> tuple[float, float]:
    """(itinerary evaluation s, map rendering s) for the seed route, in this (warm) process."""
    import tempfile

    from routes import maps, routefile
    from routes.datafiles import data_path
    from routes.route import evaluate

    report = evaluate(routefile.load(data_path("cases/kursk-2024.yaml")))
    maps.route_map(report, Path(tempfile.mkdtemp()) / "warm.png")  # caches: simplified coastlines
    t = time.perf_counter()
    report = evaluate(routefile.load(data_path("cases/kursk-2024.yaml")))
    ev = time.perf_counter() - t
    t = time.perf_counter()
    maps.route_map(report, Path(tempfile.mkdtemp()) / "seed.png")
    return ev, time.perf_counter() - t


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
    times = cold_article(max(3, args.runs // 2))
    print(f"cold article (10 KB) --json: median {statistics.median(times):.3f} s; goal <= 1 s")
    ev, mp = seed_map()
    print(f"seed itinerary: evaluation {ev:.3f} s, map rendering {mp:.3f} s (total {ev + mp:.3f} s); "
          "goal for the map <= 1.5 s")
    extra = REPO / "scripts" / "bench_rail.py"
    if extra.exists():
        subprocess.run([sys.executable, str(extra)], check=False, cwd=REPO)


if __name__ == "__main__":
    main()
