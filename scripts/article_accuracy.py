"""Article mode, scored stage by stage on the public corpus of short texts (tests/corpus/articles/).

    .venv/bin/python scripts/article_accuracy.py          # rates per stage, then every row that went wrong
    .venv/bin/python scripts/article_accuracy.py --json   # machine-readable

Each text is read by ``routes.article.analyse`` exactly as ``routecheck article`` reads it. For every expected
claim (expected.csv) the scorer asks, in the order of the pipeline:

* found: a checked claim has the expected figure;
* places: every expected endpoint is among the places the reader found;
* endpoints: the headline pair is the expected one (either direction); with no endpoints expected, no stated pair;
* mode: the mode read is the expected one ("any": none stated);
* verdict: the headline verdict is the expected one.

A figure in ignore.csv that comes out as a checked claim, or any checked claim that is in neither file, is spurious.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "articles"
sys.path.insert(0, str(ROOT))
STAGES = ("found", "places", "endpoints", "mode", "verdict")


HELDOUT = ROOT / "tests" / "corpus" / "articles_heldout"  # written apart from the reader; never tuned on


def _rows(name: str, corpus: Path = CORPUS) -> list[dict[str, str]]:
    with (corpus / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _near(got: dict[str, Any] | None, want: str) -> bool:
    """The place found is the expected one, or within 12 km of it (a city and its port, an air base and its town)."""
    from routes.errors import RouteCheckError
    from routes.geodesy import distance_km
    from routes.places import resolve

    if not got or not want or "lat" not in got:
        return False
    if _same(got.get("name"), want):
        return True
    try:
        p = resolve(want)
    except RouteCheckError:
        return False
    return distance_km(p.lat, p.lon, got["lat"], got["lon"]) <= 12.0


def _same(a: str | None, b: str) -> bool:
    return bool(a) and a is not None and (a.lower() == b.lower() or a.lower().startswith(b.lower() + " ")
                                          or b.lower().startswith(a.lower()))


def _match(claims: list[dict[str, Any]], fragment: str) -> dict[str, Any] | None:
    for c in claims:
        text = str(c["text"])
        if text and (text in fragment or fragment in text):
            return c
    return None


def score_row(row: dict[str, str], data: dict[str, Any]) -> dict[str, Any]:
    """The stage results of one expected claim."""
    out: dict[str, Any] = {"article": row["article"], "fragment": row["fragment"], "expected": row["verdict"]}
    c = _match(data["claims"], row["fragment"])
    out["found"] = c is not None
    if c is None:
        out.update(places=False, endpoints=False, mode=False, verdict=False, got="(not found)")
        return out
    want = [x for x in (row["origin"], row["destination"]) if (x and row["needs"] != "area") or (x and x != "Ukraine")]
    out["places"] = all(any(_near({**p, "name": str(p.get("name", "")).split(",")[0]}, w) for p in data["places"])
                        for w in want)
    o = (c.get("origin") or {}).get("name")
    d = (c.get("destination") or {}).get("name")
    if row["needs"] == "area":
        out["endpoints"] = _same(o, row["origin"]) and c.get("status") == "area"
    elif not row["origin"]:
        out["endpoints"] = not c["endpoints"]["supported"]
    else:
        og, dg = c.get("origin"), c.get("destination")
        out["endpoints"] = bool(c["endpoints"]["supported"]) and (
            (_near(og, row["origin"]) and _near(dg, row["destination"]))
            or (_near(og, row["destination"]) and _near(dg, row["origin"])))
    mode = c["mode"]["mode"] if c.get("mode") else None
    out["mode"] = (mode or "any") == row["mode"] or row["kind"] == "count" or row["needs"] == "area"
    if row["kind"] == "count":
        out["endpoints"] = c["kind"] == "count"
    out["verdict"] = c["verdict"] == row["verdict"]
    out["got"] = f"{c['verdict']} ({o} -> {d}, {mode or 'any'}, {c['endpoints']['basis']})"
    return out


def run(corpus: Path = CORPUS) -> dict[str, Any]:
    """Score every text of a corpus folder (``tests/corpus/articles`` by default)."""
    from routes.article import analyse

    expected = _rows("expected.csv", corpus)
    ignore = _rows("ignore.csv", corpus)
    results: list[dict[str, Any]] = []
    spurious: list[dict[str, str]] = []
    for path in sorted(corpus.glob("*.txt")):
        data = analyse(path.read_text(encoding="utf-8")).to_json()
        mine = [r for r in expected if r["article"] == path.name]
        results.extend(score_row(r, data) for r in mine)
        for c in data["claims"]:
            if c["kind"] == "count":
                continue
            text = str(c["text"])
            if not any(text in r["fragment"] or r["fragment"] in text for r in mine):
                why = next((i["why"] for i in ignore if i["article"] == path.name and
                            (text in i["fragment"] or i["fragment"] in text)), "not in the corpus")
                spurious.append({"article": path.name, "text": text, "why": why})
    claims = [r for r in results if r["expected"] and r["fragment"]]
    rates = {s: sum(1 for r in claims if r[s]) / max(len(claims), 1) for s in STAGES}
    true_rows = [r for r in claims if r["expected"] == "consistent"]
    false_inconsistent = [r for r in true_rows if r["got"].startswith("inconsistent")]
    all_right = sum(1 for r in claims if r["endpoints"] and r["mode"] and r["verdict"])
    definite = ("consistent", "inconsistent")
    wrong = [r for r in claims if r["expected"] in definite and r["got"].split(" ")[0] in definite
             and not r["got"].startswith(r["expected"] + " ")]
    withheld = [r for r in claims if r["expected"] in definite and r["got"].startswith("unverifiable")]
    return {"claims": len(claims), "rates": rates, "all_right": all_right / max(len(claims), 1),
            "false_inconsistent": len(false_inconsistent), "true_claims": len(true_rows),
            "wrong_verdicts": len(wrong), "withheld": len(withheld),
            "spurious": spurious, "rows": results,
            "verdicts": dict(Counter(r["got"].split(" ")[0] for r in claims))}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--heldout", action="store_true", help="score the held-out corpus (tests/corpus/articles_heldout)")
    ap.add_argument("--corpus", type=Path, help="score another corpus folder of the same format")
    args = ap.parse_args()
    corpus = args.corpus.resolve() if args.corpus else HELDOUT if args.heldout else CORPUS
    res = run(corpus)
    if args.json:
        print(json.dumps(res, indent=1, sort_keys=True, ensure_ascii=False))
        return 0
    print(f"article corpus {corpus.name}: {res['claims']} expected claims in {len(list(corpus.glob('*.txt')))} texts")
    for s in STAGES:
        print(f"  {s:<10} {res['rates'][s]:6.1%}")
    print(f"  endpoints, mode and verdict all right: {res['all_right']:.1%}")
    print(f"  true claims called inconsistent: {res['false_inconsistent']} of {res['true_claims']}")
    print(f"  definite verdicts that contradict the truth: {res['wrong_verdicts']}")
    print(f"  true or false figures left unverifiable (the model lacks a line, a passage or a range): "
          f"{res['withheld']}")
    print(f"  spurious route claims: {len(res['spurious'])}")
    for r in res["rows"]:
        bad = [s for s in STAGES if not r[s]]
        if bad:
            print(f"  WRONG {r['article']} {r['fragment']!r}: expected {r['expected']}, got {r['got']} "
                  f"[{', '.join(bad)}]")
    for s in res["spurious"]:
        print(f"  SPURIOUS {s['article']} {s['text']!r} ({s['why']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
