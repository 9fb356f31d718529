"""Newsroom outputs: Markdown for route and lift, notebook display of results, and maps an editor would print."""

from __future__ import annotations

import itertools
import math
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import run_cli

SEED = "data/cases/kursk-2024.yaml"
LIFT = ("--troops", "5000", "--within", "5 days", "--from", "Vladivostok", "--to", "Kursk", "--vehicle", "Il-76MD")
# hand-worked: 5,000 troops at 225 (optimistic) or 145 (pessimistic) a trip (data/vehicles/aircraft.csv il76md)
TRIPS = (math.ceil(5000 / 225), math.ceil(5000 / 145))


def test_route_markdown_block() -> None:
    res = run_cli("route", SEED, "--format", "markdown")
    assert res.returncode == 0, res.stderr
    md = res.stdout
    assert md.startswith("### North Korean troops to Kursk, October 2024")
    assert "“a journey of nearly 6,400 kilometers” (legs 1-3) is INCONSISTENT." in md
    # the route's shortest total (6,933 km, with the 90-nmi Rajin-Vladivostok ferry of data/modes/sea_routes.csv) is
    # above the claim's 6,450 km ceiling: 533 km (7.7 %) below it, measured from the claimed 6,400
    assert "How far off: 7.7% (533 km) below the nearest route figure (6,933 km)." in md
    assert "| # | from | to | mode | km | duration |" in md and "| 2 | Vladivostok / Dunai |" in md
    assert "\nSources:\n- " in md and "Traceback" not in res.stderr


def test_lift_markdown_block() -> None:
    res = run_cli("lift", *LIFT, "--format", "markdown")
    assert res.returncode == 0, res.stderr
    md = res.stdout
    assert md.startswith("### 5,000 troops, Vladivostok, RU to Kursk, RU by air") and "CONSISTENT" in md
    assert f"| trips needed | {TRIPS[0]} | {TRIPS[1]} |" in md
    assert "| troops per trip | 225 | 145 |" in md and "\nSources:\n- " in md


class _Text(HTMLParser):
    """Collects the text of an HTML fragment and checks that tags balance."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag, tag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _text(html: str) -> str:
    p = _Text()
    p.feed(html)
    p.close()
    assert not p.stack, p.stack
    return " ".join("".join(p.text).split())


@pytest.fixture(scope="module")
def results() -> dict[str, object]:
    from routes import article, lift, route, verify

    return {"verify": verify("Vladivostok", "Kursk", "nearly 6,400 km", alternatives=False),
            "route": route(SEED), "lift": lift(5000, "5 days", "Vladivostok", "Kursk", "Il-76MD"),
            "article": article("The convoy left Moscow by rail and reached Kazan after about 800 km.")}


def test_verify_repr_html(results: dict[str, object]) -> None:
    r = results["verify"]
    text = _text(r._repr_html_())  # type: ignore[attr-defined]
    assert "“nearly 6,400 km” is INCONSISTENT" in text
    assert "geodesic 6,752 km" in text  # WGS84 geodesic Vladivostok-Kursk (README seed example)
    assert "How far off: 5.2% (352 km) below" in text and "Sources (" in text
    assert str(r.verdict) == "inconsistent" and r.to_dict() == r.to_json()  # type: ignore[attr-defined]


def test_route_lift_article_repr_html(results: dict[str, object]) -> None:
    rr, li, ar = results["route"], results["lift"], results["article"]
    assert rr.verdict == "inconsistent"  # type: ignore[attr-defined]
    text = _text(rr._repr_html_())  # type: ignore[attr-defined]
    assert "INCONSISTENT" in text and "6,933-9,657 km" in text and "How far off: 7.7%" in text
    assert li.verdict == "consistent" and li["trips_needed"] == TRIPS[1]  # type: ignore[attr-defined,index]
    text = _text(li._repr_html_())  # type: ignore[attr-defined]
    assert f"trips needed{TRIPS[0]}{TRIPS[1]}" in text
    text = _text(ar._repr_html_())  # type: ignore[attr-defined]
    assert "about 800 km" in text and "Moscow, RU → Kazan, RU" in text  # Moscow-Kazan rail 795-837 km
    assert ar.verdict == "consistent"  # type: ignore[attr-defined]


def test_repr_html_escapes_text() -> None:
    from routes.display import verify_html

    place = {"name": "<script>x</script>", "country": "RU"}
    html = verify_html({"origin": place, "destination": place, "claim": {"text": "<b>1 km"}, "modes": [],
                        "verdict": "unverifiable", "summary": "a & b", "geodesic_km": 1.0, "sources": ["<i>"]})
    assert "<script>" not in html and "<b>1" not in html and "&lt;script&gt;" in html


# ---- maps a graphics editor would print -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pyongyang_moscow() -> object:
    from routes import verify

    # published great circle Pyongyang-Moscow about 6,430 km = 3,995 miles: "nearly 4,000 miles" fits air alone
    return verify("Pyongyang", "Moscow", "nearly 4,000 miles", alternatives=False)


def test_each_fitting_mode_is_drawn_and_the_band_is_in_the_claim_unit(pyongyang_moscow: object) -> None:
    from routes.mapcontent import verify_spec

    spec = verify_spec(pyongyang_moscow)  # type: ignore[arg-type]
    drawn = {mode for _, mode in spec.lines}
    assert "air" in drawn  # no path in the estimate: drawn as the great circle
    assert spec.labels["air"].endswith("fits the claim") and "air" not in spec.faded
    assert "rail" in spec.faded  # drawn, lighter: it does not fit
    (_, _, lo, hi, label), = spec.bands
    # "nearly 4,000 miles": 3,800-4,040 mi (README, claim rules) = 6,115.5-6,501.8 km
    assert lo == pytest.approx(3800 * 1.609344, abs=0.5) and hi == pytest.approx(4040 * 1.609344, abs=0.5)
    assert "3,800-4,040 miles from Pyongyang" in label
    assert "6,430-6,430" not in spec.subtitle and "shortest possible 6,430 km" in spec.subtitle


def test_nautical_claim_band_and_credits_only_the_data_drawn() -> None:
    from routes import verify
    from routes.mapcontent import verify_spec
    from routes.mapstyle import attribution

    report = verify("Tartus", "Novorossiysk", "about 1,300 nautical miles", mode="sea", alternatives=False)
    spec = verify_spec(report)
    assert "nmi from" in spec.bands[0][4] and "nmi)" in spec.labels["sea"]  # 2,392 km = 1,291.6 nmi
    assert "searoute" in attribution(spec.sources)
    seed = verify_spec(verify("Vladivostok", "Kursk", "nearly 6,400 km", alternatives=False))
    credit = attribution(seed.sources)
    assert "searoute" not in credit and "airportsdata" not in credit and "rail network" in credit


def test_labels_never_collide_with_each_other_or_the_inset() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from routes.maplabels import place_labels

    fig = plt.figure(figsize=(8, 5), dpi=80)
    ax = fig.add_axes((0.02, 0.08, 0.96, 0.82))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    inset = fig.add_axes((0.8, 0.1, 0.17, 0.17))
    places = [(5 + 0.05 * (i % 6), 5 + 0.05 * (i // 6), f"air base number {i}", "junction") for i in range(18)]
    places += [(8.4, 1.2, "Corner", "end"), (1.2, 8.6, "Under the inset", "end")]
    shown = place_labels(ax, fig, places, lambda pts: ([p[1] for p in pts], [p[0] for p in pts]),
                         [inset.get_window_extent(fig.canvas.get_renderer())])
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    assert len(boxes) == len(shown) and 1 < len(shown) < 19 and "Corner" in shown
    assert "Under the inset" not in shown  # its marker is drawn; its label would cover the inset
    for i, a in enumerate(boxes):
        assert not a.overlaps(inset.get_window_extent(renderer))
        assert not any(a.overlaps(b) for b in boxes[i + 1:])
    plt.close(fig)


def test_map_options_svg_text_and_footer(tmp_path: Path) -> None:
    import matplotlib.image as mpimg

    png, svg = tmp_path / "m.png", tmp_path / "m.svg"
    args = ("map", "Vladivostok", "Kursk", "--claim", "nearly 6,400 km", "--title", "Kursk & Vladivostok")
    assert run_cli(*args, "-o", str(png), "--size", "1200x800", "--dpi", "150").returncode == 0
    assert mpimg.imread(png).shape[:2] == (800, 1200)
    assert run_cli(*args, "-o", str(svg)).returncode == 0
    text = svg.read_text(encoding="utf-8")
    assert ">Kursk &amp; Vladivostok<" in text and ">Moscow<" in text  # text, not outlines; context capital
    assert "+proj=" not in text and "Lambert conformal conic" in text
    bad = run_cli(*args, "-o", str(png), "--size", "huge")
    assert bad.returncode == 2 and "WIDTHxHEIGHT" in bad.stderr


def test_interactive_html_map_is_offline(tmp_path: Path) -> None:
    out = tmp_path / "m.html"
    res = run_cli("map", "Pyongyang", "Moscow", "--mode", "air", "--claim", "nearly 4,000 miles", "-o", str(out))
    assert res.returncode == 0, res.stderr
    page = out.read_text(encoding="utf-8")
    assert "Bokeh" in page and "Pyongyang" in page and "3,800-4,040 miles" in page
    assert not re.search(r"<(script|link|img)[^>]*(src|href)=[\"']?(https?:)?//", page)  # everything inline


def test_rail_is_drawn_along_natural_earth_lines_never_measured_on_them() -> None:
    from routes import verify
    from routes.mapcontent import verify_spec
    from routes.mapstyle import attribution
    from routes.railshapes import _hop_km, follow

    report = verify("Vladivostok", "Kursk", mode="rail", alternatives=False)
    rail = next(e for e in report.estimates if e.mode == "rail")
    chain = rail.paths[0]
    shaped, used = follow(chain)

    def length(pts: list[tuple[float, float]]) -> float:
        return sum(_hop_km(a, b) for a, b in itertools.pairwise(pts))

    assert used and shaped[0] == chain[0] and shaped[-1] == chain[-1]
    # the drawn line bends with the track: longer than the straight station chain (7,785 km), and close to the
    # network's km (9,577 km from RZD km posts) without being the source of it
    assert length(shaped) > length(chain) * 1.1
    assert abs(length(shaped) - rail.low_km) / rail.low_km < 0.1  # type: ignore[operator]
    assert report.to_json()["modes"][2]["low_km"] == pytest.approx(rail.low_km, abs=0.1)  # type: ignore[arg-type]
    assert "Natural Earth railroads" in attribution(verify_spec(report).sources)


def test_a_leg_without_path_data_is_never_drawn_as_rail(tmp_path: Path) -> None:
    from routes import route
    from routes.mapcontent import route_spec

    f = tmp_path / "caspian.yaml"  # no bundled rail in Azerbaijan: the rail leg has no estimate and no path
    f.write_text("name: t\nlegs:\n  - from: Baku\n    to: Aktau\n    mode: rail\n"
                 "  - from: Aktau\n    to: Tehran\n    mode: air\n", encoding="utf-8")
    spec = route_spec(route(f))
    assert [mode for _, mode in spec.lines] == ["nopath", "air"]
    assert spec.labels == {"nopath": "no path data: straight line (leg 1)", "air": "air (leg 2)"}
