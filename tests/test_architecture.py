"""The architecture's promises: one verdict rule everywhere, and a new mode is one file plus one registry line."""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from routes import maps, modes, routefile
from routes.batch import check_distances
from routes.cli import main
from routes.modes.base import Leg, ModeEstimate, ModeOptions, ModeSpec, Option, geodesic_range
from routes.route import RouteReport, evaluate
from routes.tolerance import endpoint_slack_km
from routes.verify import verify

# ---- one verdict rule ---------------------------------------------------------------------------------------

PAIRS = [("Moscow", "Kazan"), ("Vladivostok", "Kursk"), ("Moscow", "Vladivostok")]
# Moscow-Kazan geodesic ~720 km, rail 795-837; Vladivostok-Kursk geodesic 6,752; Moscow-Vladivostok 6,434
DISTANCE_CLAIMS = ["700 km", "about 740 km", "800 km", "nearly 6,400 km", "6,800 km", "9,289 km", "about 2,000 km",
                   "more than 9,000 km", "less than 100 km"]


@pytest.mark.parametrize(("origin", "destination"), PAIRS)
def test_batch_gives_the_verdicts_of_verify(origin: str, destination: str) -> None:
    o, d = verify(origin, destination).origin, verify(origin, destination).destination
    n = len(DISTANCE_CLAIMS)
    res = check_distances([o.lat] * n, [o.lon] * n, [d.lat] * n, [d.lon] * n, DISTANCE_CLAIMS,
                          slack_km=endpoint_slack_km(o, d))
    for claim, got, below in zip(DISTANCE_CLAIMS, res.verdict, res.below_geodesic_minimum, strict=True):
        by_mode = {m: verify(o, d, claim, mode=m, alternatives=False).verdict for m in ("geodesic", "air")}
        want = "consistent" if "consistent" in {v.verdict for v in by_mode.values()} else "inconsistent"
        assert got == want, (origin, destination, claim)
        assert bool(below) == ("below_geodesic_minimum" in by_mode["geodesic"].flags), claim


def _route_file(tmp_path: Path, body: str) -> RouteReport:
    p = tmp_path / "r.yaml"
    p.write_text(body, encoding="utf-8")
    return evaluate(routefile.load(p))


@pytest.mark.parametrize("claim", ["800 km", "700 km", "about 1,000 km", "nearly 6,400 km", "a day by train"])
def test_route_claims_give_the_verdicts_of_verify(tmp_path: Path, claim: str) -> None:
    report = _route_file(tmp_path, f"name: t\nlegs:\n  - from: Moscow\n    to: Kazan\n    mode: rail\n"
                                   f"    claim: {claim}\n")
    expected = verify("Moscow", "Kazan", claim, mode="rail", alternatives=False).verdict.verdict
    assert report.claims[0]["verdict"] == expected


@pytest.mark.parametrize(("destination", "days"), [("Kazan", 1), ("Vladivostok", 1), ("Vladivostok", 12)])
def test_timeline_windows_give_the_verdicts_of_verify(tmp_path: Path, destination: str, days: int) -> None:
    # a leg that departs on day 1 and arrives by day `days` has (days x 24 h) available: "less than" that
    report = _route_file(tmp_path, f"name: t\nlegs:\n  - from: Moscow\n    to: {destination}\n    mode: rail\n"
                                   f"    depart: 2024-10-01\n    arrive: 2024-10-{days:02d}\n")
    hours = days * 24
    expected = verify("Moscow", destination, f"less than {hours} hours", mode="rail", alternatives=False)
    assert report.timeline[0]["window_h"][1] == hours
    assert report.timeline[0]["verdict"] == expected.verdict.verdict


# ---- a mode is one file plus one registry line ----------------------------------------------------------------

TOY_FACTOR = 1.5  # a barge's route: 1.5 x the geodesic
TOY_KMH = 10.0


def _toy_estimate(legs: Sequence[Leg], options: ModeOptions) -> ModeEstimate:
    lo, hi, mid = geodesic_range(list(legs))
    depth = options.get("barge_depth")
    return ModeEstimate("barge", mid * TOY_FACTOR, lo * TOY_FACTOR, hi * TOY_FACTOR,
                        duration_h_low=lo * TOY_FACTOR / TOY_KMH, duration_h_high=hi * TOY_FACTOR / TOY_KMH,
                        note=f"toy barge (depth {depth})", sources=["toy barge table"],
                        paths=[[(legs[0].origin.lat, legs[0].origin.lon),
                                (legs[0].destination.lat, legs[0].destination.lon)]])


MODE = ModeSpec(
    name="barge", estimate=_toy_estimate, phrase="by barge",
    style={"color": "#00aa00", "ls": "-", "lw": 2.0, "label": "barge (toy)"},
    options=(Option("--barge-depth", "barge_depth", "toy: channel depth", metavar="M"),),
    report_lines=lambda m: [f"    barge says hello over {m['distance_km']:,.0f} km"],
)


@pytest.fixture
def toy_mode(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setitem(modes.REGISTRY, "barge", __name__)
    yield


def _cli(*args: str) -> str:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(list(args)) == 0
    return buf.getvalue()


@pytest.mark.usefixtures("toy_mode")
def test_toy_mode_reaches_table_json_route_and_map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _cli("verify", "Moscow", "Kazan", "--mode", "barge", "--barge-depth", "3", "--claim", "1,080 km")
    assert any(line.startswith("barge ") for line in text.splitlines())  # a row of the MODES table
    assert "barge says hello" in text and "toy barge (depth 3)" in text
    data = json.loads(_cli("verify", "Moscow", "Kazan", "--mode", "barge", "--claim", "1,080 km", "--json"))
    barge = next(m for m in data["modes"] if m["mode"] == "barge")
    geo = data["geodesic_km"]
    assert barge["distance_km"] == pytest.approx(geo * TOY_FACTOR, abs=0.2)
    assert data["verdict"] == "consistent"  # 1,080 km = 1.5 x the ~720 km geodesic, with rounding slack
    report = _route_file(tmp_path, "name: t\nlegs:\n  - from: Moscow\n    to: Kazan\n    mode: barge\n")
    leg = report.to_json()["legs"][0]
    assert leg["mode"] == "barge" and leg["low_km"] == pytest.approx(geo * TOY_FACTOR, abs=0.2)
    drawn: list[maps.MapSpec] = []
    monkeypatch.setattr(maps, "render", lambda spec, out, *_: drawn.append(spec) or Path(out))
    maps.route_map(report, tmp_path / "m.png")
    assert "barge" in {mode for _line, mode in drawn[0].lines}
    assert maps._style("barge")["label"] == "barge (toy)"  # the legend entry of its lines


def test_registry_is_the_only_way_in() -> None:
    # every registered mode declares a spec whose name matches its registry key
    for name in modes.names():
        assert modes.spec(name).name == name
    assert modes.bound() == "geodesic"
    assert np.all([modes.spec(m).style["label"] for m in modes.names()])


# ---- layers ---------------------------------------------------------------------------------------------------

LAYERS = {
    "ground": {"errors", "units", "datafiles", "textnorm", "geodesy", "geodata", "sources"},  # sources: the registry
    "reading": {"claims", "claimbulk", "numwords", "places", "gazetteer", "vehicles", "phrases", "areadata",
                "prose", "mentions", "figures", "endpoints"},  # the stages of article reading
    "networks": {"network", "netsearch", "netstore", "osmimport"},
    "modes": {"modes", "airroute"},  # airroute: the air mode's track planner
    "judgement": {"verdict", "alternatives", "tolerance", "nearest", "defacto"},  # defacto: occupied-region bands
    "contract": {"contract", "display"},  # display: the result types' notebook tables (stdlib only)
    "pipelines": {"verify", "route", "itinerary", "routefile", "timeline", "lift", "article", "batch", "batchfile",
                  "areas", "articleroute", "discourse", "prebuild"},
    "output": {"textreport", "mdreport", "maps", "geojson", "areatext", "areamap",
               "areacommand",  # areacommand: the area commands' runners, called by cli
               "mapcontent", "mapstyle", "maplabels", "mapinteractive",  # the map's content, words, labels, html
               "railshapes"},  # railshapes: Natural Earth line shapes for drawing rail legs
    "face": {"cli", "serve", "webpage"},
    "compat": {"check", "logistics"},  # 0.1 import paths, re-exporting the pipelines
}
ORDER = ["ground", "reading", "networks", "modes", "judgement", "contract", "pipelines", "output", "face", "compat"]
FORBIDDEN = {  # (importer layer, imported layer) pairs the README forbids, besides importing upward from ground/reading
    ("networks", "modes"), ("modes", "judgement"), ("modes", "pipelines"), ("judgement", "pipelines"),
    ("pipelines", "output"), ("pipelines", "face"), ("output", "networks"),
}


def _layer(module: str) -> str:
    top = module.split(".")[1] if module.count(".") else module
    return next(name for name, members in LAYERS.items() if top in members)


def _imports() -> list[tuple[str, str]]:
    import ast

    root = Path(__file__).resolve().parent.parent / "routes"
    out = []
    for path in sorted(root.rglob("*.py")):
        mod = ("routes." + ".".join(path.relative_to(root).with_suffix("").parts)).removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
            out.extend((mod, n) for n in names if n.startswith("routes.") or n == "routes")
    return out


def test_layers_are_respected() -> None:
    bad = []
    for importer, imported in _imports():
        if imported == "routes" or importer == "routes":
            continue
        a, b = _layer(importer), _layer(imported)
        if (b == "face" and a != "face") or (a, b) in FORBIDDEN:  # the faces (cli, serve) may share
            bad.append(f"{importer} -> {imported}")
        if a in ("ground", "reading") and ORDER.index(b) > ORDER.index(a):
            bad.append(f"{importer} -> {imported} (upward)")
        if a == "modes" and b == "modes" and importer.count(".") == 2 and imported.count(".") == 2:
            helpers = ("routes.modes.base", "routes.modes.railbundle", "routes.modes.railcorridors",
                       "routes.modes.seatable")
            if importer != imported and imported not in helpers and not importer.endswith("__init__"):
                bad.append(f"{importer} -> {imported} (a mode imports another mode)")
    assert not bad, bad


def test_no_import_cycles_at_module_level() -> None:
    import ast

    root = Path(__file__).resolve().parent.parent / "routes"
    graph: dict[str, set[str]] = {}
    for path in sorted(root.rglob("*.py")):
        mod = ("routes." + ".".join(path.relative_to(root).with_suffix("").parts)).removesuffix(".__init__")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        deps = graph.setdefault(mod, set())
        for node in tree.body:  # module level only: imports inside functions are lazy by design
            if isinstance(node, ast.ImportFrom) and node.module == "routes":
                deps.update(f"routes.{a.name}" for a in node.names if a.name != "__version__")  # submodules
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("routes"):
                deps.add(node.module)

    def visit(m: str, stack: list[str]) -> None:
        assert m not in stack, " -> ".join([*stack, m])
        for d in sorted(graph.get(m, ())):
            visit(d, [*stack, m])

    for m in sorted(graph):
        visit(m, [])


def test_modules_stay_small() -> None:
    root = Path(__file__).resolve().parent.parent / "routes"
    big = {p.name: n for p in root.rglob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert not big, big
