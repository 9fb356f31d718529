"""Benchmarks against the goals of issue 16: every figure beside an anchor measured in the same run.

Run with ``make bench`` (or ``.venv/bin/python scripts/bench.py``; ``--quick`` for a smaller, faster pass).
First-run figures use an empty cache folder (``$ROUTECHECK_CACHE``); warm figures use a filled one. Each
timed run uses different inputs, so nothing memoised by an earlier run is timed. Baselines answer the same
question: networkx ``shortest_path`` returns the path, ``Geod.inv`` measures the same pairs, geopy and
matplotlib run as bare processes. The last lines are the goal table with pass or fail.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
SEED_CLAIM = ["verify", "Vladivostok", "Kursk", "--claim", "nearly 6,400 km", "--json"]
PAIRS = [("Vladivostok", "Kursk"), ("Omsk", "Samara"), ("Murmansk", "Sochi"), ("Irkutsk", "Kazan"),
         ("Khabarovsk", "Perm"), ("Norilsk", "Rostov-on-Don"), ("Chita", "Voronezh"), ("Tomsk", "Pskov"),
         ("Yakutsk", "Belgorod"), ("Magadan", "Saratov"), ("Surgut", "Bryansk"), ("Tyumen", "Smolensk")]
CITIES = ["Moscow", "Kazan", "Omsk", "Samara", "Perm", "Tomsk", "Chita", "Irkutsk", "Khabarovsk", "Novosibirsk",
          "Vladivostok", "Kursk", "Belgorod", "Voronezh", "Rostov-on-Don", "Saratov", "Ufa", "Tyumen", "Murmansk",
          "Pskov", "Smolensk", "Bryansk", "Kirov", "Kemerovo", "Barnaul", "Orenburg", "Izhevsk", "Yaroslavl"]


def _env(cache: Path) -> dict[str, str]:
    return {**os.environ, "ROUTECHECK_CACHE": str(cache)}


def proc(cmd: list[str], cache: Path) -> float:
    """Wall time of one fresh process."""
    t = time.perf_counter()
    subprocess.run(cmd, capture_output=True, check=True, cwd=REPO, env=_env(cache))
    return time.perf_counter() - t


def cli(*args: str) -> list[str]:
    return [PY, "-m", "routes.cli", *args]


def first_and_cold(runs: int, cache: Path) -> dict[str, float]:
    """First-ever command (empty cache folder each time), then cold processes on the filled cache with
    distinct pairs, the geopy one-liner on the same pairs, ``--help`` and a bare interpreter."""
    first, installed, prebuild = [], [], []
    for i in range(max(1, runs // 3)):
        fresh = Path(tempfile.mkdtemp(prefix="rc-first-"))
        a, b = PAIRS[i % len(PAIRS)]
        first.append(proc(cli("verify", a, b, "--claim", "nearly 6,400 km", "--json"), fresh))
        fresh = Path(tempfile.mkdtemp(prefix="rc-installed-"))  # as ``make install`` leaves it
        prebuild.append(proc([PY, "-m", "routes.prebuild"], fresh))
        a, b = PAIRS[(i + 5) % len(PAIRS)]
        installed.append(proc(cli("verify", a, b, "--claim", "nearly 6,400 km", "--json"), fresh))
    proc([PY, "-m", "routes.prebuild"], cache)  # this cache folder as ``make install`` leaves it
    seed = [proc(cli(*SEED_CLAIM), cache) for _ in range(runs)]
    ours, geopy = [], []
    for i in range(runs):
        a, b = PAIRS[(i + 1) % len(PAIRS)]
        ours.append(proc(cli("verify", a, b, "--claim", f"about {1000 + 137 * i:,} km", "--json"), cache))
        la, lo = 40 + i * 0.7, 30 + i * 3.1
        geopy.append(proc([PY, "-c", f"from geopy.distance import geodesic; print(geodesic(({la}, {lo}), "
                                     f"(55.75, 37.62)).km)"], cache))
    return {"first": statistics.median(first), "installed": statistics.median(installed),
            "prebuild": statistics.median(prebuild), "seed": statistics.median(seed), "verify": statistics.median(ours),
            "geopy": statistics.median(geopy), "help": statistics.median(proc(cli("--help"), cache) for _ in range(3)),
            "bare": statistics.median(proc([PY, "-c", "pass"], cache) for _ in range(3))}


HEDGES = ["", "about ", "nearly ", "more than ", "up to ", "some ", "almost ", "over "]
UNITS = ["km", "miles", "nautical miles", "kilometres"]


def _claim_text(i: int) -> str:
    """The i-th claim: distinct for every i (hedge, unit and figure together), figures 100-31,350."""
    k = len(HEDGES) * len(UNITS)
    return f"{HEDGES[i % len(HEDGES)]}{100 + i // k:,} {UNITS[(i // len(HEDGES)) % len(UNITS)]}"


def claims(n: int, seed: int) -> tuple[list[float], list[float], list[float], list[float], list[str]]:
    """n generated pairs and n distinct claim strings (no two alike: nothing is served from the parse cache)."""
    rng = random.Random(seed)
    out = [_claim_text(i) for i in range(n)]
    rng.shuffle(out)
    return ([rng.uniform(-60, 70) for _ in range(n)], [rng.uniform(-180, 180) for _ in range(n)],
            [rng.uniform(-60, 70) for _ in range(n)], [rng.uniform(-180, 180) for _ in range(n)], out)


def batch(n: int) -> dict[str, float]:
    """Full vectorised checks (parse, geodesic, air envelope, verdict) vs ``Geod.inv`` on the same pairs."""
    import numpy as np

    from routes.batch import check_distances
    from routes.geodesy import geod

    lat1, lon1, lat2, lon2, text = claims(n, 42)
    check_distances(lat1[:5], lon1[:5], lat2[:5], lon2[:5], ["about 5 km"] * 5)  # imports only
    t = time.perf_counter()
    check_distances(lat1, lon1, lat2, lon2, text)
    ours = time.perf_counter() - t
    t = time.perf_counter()
    geod().inv(np.asarray(lon1), np.asarray(lat1), np.asarray(lon2), np.asarray(lat2))
    return {"ours": ours, "geod": time.perf_counter() - t}


def claim_rows(n: int, seed: int) -> Iterator[tuple[float, float, float, float, str]]:
    """n rows streamed as a CSV reader would give them, every claim string distinct."""
    rng = random.Random(seed)
    for i in range(n):
        yield (rng.uniform(-60, 70), rng.uniform(-180, 180), rng.uniform(-60, 70), rng.uniform(-180, 180),
               _claim_text(i))


MEMORY_SCRIPT = """
import resource, sys, time
sys.path.insert(0, {scripts!r})
from bench import claim_rows
from routes.batch import check_stream
n = {n}
rows = claim_rows(n, 7)
count = 0
t = time.perf_counter()
for res in check_stream(rows):
    count += len(res.verdict)
assert count == n
try:  # VmHWM is this process's own peak: ru_maxrss would carry over the parent's from before the exec
    peak = next(int(x.split()[1]) for x in open("/proc/self/status") if x.startswith("VmHWM")) / 1024
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(time.perf_counter() - t, peak)
"""


def batch_memory(n: int) -> dict[str, float]:
    """Peak RSS and time of a streamed check of n claims, in a fresh process (rows generated as they are
    read, like a CSV reader's). Time per claim is compared with n / 10's."""
    out = {}
    for size in (n // 10, n):
        res = subprocess.run([PY, "-c", MEMORY_SCRIPT.format(scripts=str(REPO / "scripts"), n=size)], check=True,
                             capture_output=True, text=True, cwd=REPO)
        secs, rss = (float(x) for x in res.stdout.split())
        out[f"s{size}"], out[f"rss{size}"] = secs, rss
    return out


def article(kb: int, cache: Path) -> float:
    """``routecheck article`` on a generated text of ``kb`` KB: every sentence has its own places and figures."""
    rng = random.Random(3)
    parts = []
    size = 0
    i = 0
    while size < kb * 1024:
        a, b = rng.sample(CITIES, 2)
        s = (f"Unit {i} moved from {a} to {b} by rail, a journey of about {rng.randrange(300, 9000):,} km, "
             f"in {rng.randrange(2, 12)} days. ")
        if i % 5 == 4:
            s += "\n\n"
        parts.append(s)
        size += len(s)
        i += 1
    path = Path(tempfile.mkdtemp()) / "article.txt"
    path.write_text("".join(parts), encoding="utf-8")
    return proc(cli("article", str(path), "--json"), cache)


def seed_map(cache: Path) -> dict[str, float]:
    """Cold ``routecheck map --route`` (fresh process, filled cache) vs a bare matplotlib process saving a PNG."""
    out = Path(tempfile.mkdtemp())
    ours = proc(cli("map", "--route", "data/cases/kursk-2024.yaml", "-o", str(out / "seed.png")), cache)
    mpl = proc([PY, "-c", "import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt; "
                          f"plt.plot([0, 1]); plt.savefig({str(out / 'bare.png')!r})"], cache)
    return {"ours": ours, "mpl": mpl}


def area_query() -> tuple[str, str, str, bool]:
    """Warm distance-to-area checks (issue 17) vs the anchor: one Geod.inv to every vertex of the same border."""
    import numpy as np

    from routes.areadata import resolve_area
    from routes.areas import check
    from routes.geodesy import geod

    cases = [("Olenya air base", "Ukraine", "some 1,800 km"), ("Kharkiv", "Russia", "30 km")]
    for place, area, claim in cases:
        check(place, area, claim)  # warm: polygons and the gazetteer loaded
    times, anchors = [], []
    for place, area, claim in cases:
        t = time.perf_counter()
        check(place, area, claim)
        times.append(time.perf_counter() - t)
        segs = resolve_area(area).segments  # type: ignore[union-attr]
        t = time.perf_counter()
        geod().inv(np.full(len(segs), 33.0), np.full(len(segs), 68.0), segs[:, 0], segs[:, 1])
        anchors.append(time.perf_counter() - t)
    worst = max(times)
    print(f"area check warm: Olenya-Ukraine {times[0] * 1000:.0f} ms, Kharkiv-Russia {times[1] * 1000:.0f} ms "
          f"= x{times[1] / anchors[1]:.1f} of one Geod.inv to each of Russia's border vertices")
    return ("warm check to a country's border (worst of UA, RU)", "-", f"{worst:.3f} s (<= 0.5 s)", worst <= 0.5)


Row = tuple[str, str, str, bool]


def cold_rows(runs: int, cache: Path) -> list[Row]:
    c = first_and_cold(runs, cache)
    print(f"bare interpreter {c['bare']:.3f} s (anchor); first-ever command (empty cache) {c['first']:.2f} s "
          f"= x{c['first'] / c['bare']:.1f}; after the install step (python -m routes.prebuild, "
          f"{c['prebuild']:.1f} s) {c['installed']:.2f} s; "
          f"cold seed verify {c['seed']:.3f} s = x{c['seed'] / c['bare']:.1f}; "
          f"--help {c['help']:.3f} s")
    print(f"cold verify (distinct pairs) {c['verify']:.3f} s vs geopy one-liner {c['geopy']:.3f} s: "
          f"x{c['verify'] / c['geopy']:.2f}")
    return [("first-ever command on a fresh install", "7.5-9.6 s",
             f"{c['installed']:.2f} s after make install (<= 1.5 s); empty cache {c['first']:.1f} s",
             c["installed"] <= 1.5),
            ("cold verify vs the geopy one-liner", "2.6-3.2x", f"x{c['verify'] / c['geopy']:.2f} (<= 2x)",
             c["verify"] / c["geopy"] <= 2.0),
            ("cold seed verify (brief C)", "0.42 s", f"{c['seed']:.3f} s (<= 0.35 s)", c["seed"] <= 0.35)]


def rail_rows(quick: bool, cache: Path) -> list[Row]:
    import bench_rail

    r = bench_rail.national_goal(250 if quick else 725, 4 if quick else 8, cache)
    print(f"rail on a generated {r['nodes']:,.0f}-node network: warm verify {r['warm']:.3f} s (slowest "
          f"{r['warm_max']:.3f} s; corridors included), fresh process {r['cli']:.2f} s; networkx shortest_path "
          f"{r['nx']:.3f} s -> warm verify = x{r['warm'] / r['nx']:.2f} of one networkx path")
    return [(f"verify --mode rail, {r['nodes'] / 1000:,.0f}k-node network, warm", "257 s (525k)",
             f"{r['warm']:.2f} s, slowest {r['warm_max']:.2f} s (<= 1 s); process {r['cli']:.2f} s",
             r["warm_max"] <= 1.0)]


def snap_rows() -> list[Row]:
    import bench_rail

    s = bench_rail.snapping_goal()
    print(f"station snapping 800 x 30k: KD-tree {s['kd']:.3f} s vs full geodesic scan {s['scan']:.2f} s "
          f"(x{s['scan'] / s['kd']:.0f})")
    return [("import: station snapping, 800 x 30k", "27 s", f"{s['kd']:.3f} s (<= 1 s)", s["kd"] <= 1.0)]


def batch_rows(quick: bool) -> list[Row]:
    b = batch(10_000)
    print(f"batch 10,000 distinct claims: {b['ours']:.3f} s vs Geod.inv {b['geod']:.4f} s: "
          f"x{b['ours'] / b['geod']:.1f}")
    rows = [("batch 10k full checks vs Geod.inv", "68-93x", f"x{b['ours'] / b['geod']:.1f} (<= 10x)",
             b["ours"] / b["geod"] <= 10)]
    n = 100_000 if quick else 1_000_000
    m = batch_memory(n)
    lin = (m[f"s{n}"] / n) / (m[f"s{n // 10}"] / (n // 10))
    print(f"batch streamed: {n // 10:,} claims {m[f's{n // 10}']:.2f} s, peak RSS {m[f'rss{n // 10}']:.0f} MiB; "
          f"{n:,} claims {m[f's{n}']:.2f} s, peak RSS {m[f'rss{n}']:.0f} MiB; time per claim x{lin:.2f}")
    rows.append((f"batch peak memory at {n:,} claims", "(100k: 115 MiB)",
                 f"{m[f'rss{n}']:.0f} MiB (<= 500), per-claim time x{lin:.2f}", m[f"rss{n}"] <= 500 and lin <= 1.3))
    return rows


def text_rows(quick: bool, cache: Path) -> list[Row]:
    kb = 64 if quick else 1024
    a = article(kb, cache)
    bare = statistics.median(proc([PY, "-c", "pass"], cache) for _ in range(3))
    print(f"article {kb} KB varied text: {a:.2f} s (x{a / bare:.0f} a bare interpreter)")
    rows = [(f"article {kb} KB varied text", "35 s (1 MB)", f"{a:.2f} s (<= 5 s at 1 MB)", a <= 5.0 * kb / 1024)]
    mp = seed_map(cache)
    print(f"cold map --route (seed) {mp['ours']:.2f} s vs bare matplotlib {mp['mpl']:.2f} s: "
          f"x{mp['ours'] / mp['mpl']:.1f}")
    rows.append(("cold routecheck map --route (seed)", "6.0 s", f"{mp['ours']:.2f} s (<= 1.5 s)", mp["ours"] <= 1.5))
    return rows


def main() -> None:
    """Print every figure, then the goal table (a section that fails prints why and the others still run)."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="smaller inputs and fewer runs (a minute or two)")
    ap.add_argument("--runs", type=int, default=0)
    ap.add_argument("--only", choices=["cold", "rail", "snapping", "batch", "text"], help="run one section")
    args = ap.parse_args()
    runs = args.runs or (3 if args.quick else 7)
    sys.path.insert(0, str(REPO / "scripts"))
    cache = Path(tempfile.mkdtemp(prefix="rc-bench-"))
    rows: list[Row] = []
    sections = [("cold", lambda: cold_rows(runs, cache)), ("rail", lambda: rail_rows(args.quick, cache)),
                ("snapping", snap_rows), ("batch", lambda: batch_rows(args.quick)),
                ("text", lambda: text_rows(args.quick, cache))]
    for name, run in sections:
        if args.only and name != args.only:
            continue
        try:
            rows.extend(run())
        except Exception as exc:  # a partial checkout or an older tree: report and go on
            print(f"{name}: skipped ({type(exc).__name__}: {exc})"[:300])
    print(f"\npeak RSS of this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    print("\n| figure | issue 16 | now (goal) | |\n|---|---|---|---|")
    for fig, before, now, ok in rows:
        print(f"| {fig} | {before} | {now} | {'pass' if ok else 'FAIL'} |")


if __name__ == "__main__":
    main()
