"""Accuracy on the public corpus: how often routecheck calls a true published figure inconsistent, and a false one
consistent (tests/corpus/claims.csv; each row cites its source in tests/corpus/sources.csv).

    .venv/bin/python scripts/accuracy.py            # rates by mode, then the rows that went wrong
    .venv/bin/python scripts/accuracy.py --all      # every row
    .venv/bin/python scripts/accuracy.py --json     # machine-readable

A row is checked as a fact-checker would: ``verify ORIGIN DESTINATION --claim CLAIM --mode MODE`` (the mode the
figure measures, unless the claim's own words state one), with the row's vehicle when the catalogue knows it.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "claims.csv"
sys.path.insert(0, str(ROOT))


def check_row(row: dict[str, str]) -> tuple[str, str]:
    """(verdict or 'error', one-line reason) for one corpus row."""
    from routes.claims import parse
    from routes.errors import RouteCheckError
    from routes.vehicles import mode_of
    from routes.verify import verify

    try:
        claim = parse(row["claim"])
        mode = "any" if claim.mode else (row.get("mode") or "any")
        # the row's vehicle word is passed when it names a catalogue class exactly (id or alias); generic words
        # ("ferry", "rail") are left to the claim's own words
        vehicle = row.get("vehicle") or None
        known = vehicle not in GENERIC_WORDS and vehicle in _exact_ids()
        if not known or mode not in ("any", mode_of(vehicle or "")):
            vehicle = None
        rep = verify(row["origin"], row["destination"], claim, mode=mode, vehicle=vehicle, alternatives=False)
    except RouteCheckError as exc:
        return "error", exc.one_line()
    v = rep.verdict
    return v.verdict, (v.reasons[0] if v.reasons else v.summary)


GENERIC_WORDS = {"ferry", "rail", "sea", "air", "road", "geodesic", "vehicle", "steam"}


def _exact_ids() -> set[str]:
    from routes.vehicles import catalogue

    out = set()
    for v in catalogue():
        if v.id in ("ferry",):  # a specific ship whose id is also the generic word
            continue
        out.add(v.id)
        out.update(a for a in v.get("aliases").split("|") if a)
    return out


def run(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    out = []
    for row in rows:
        verdict, why = check_row(row)
        out.append({**row, "got": verdict, "why": why})
    return out


def outcome(r: dict[str, str]) -> str:
    """The row's outcome class: the two errors that matter, or ok/unverifiable/error."""
    true = r["truth"] == "true"
    if r["got"] == "inconsistent" and true:
        return "FALSE_INCONSISTENT"
    if r["got"] == "consistent" and not true:
        return "FALSE_CONSISTENT"
    if r["got"] in ("unverifiable", "error"):
        return r["got"]
    return "ok"


def summary(results: list[dict[str, str]]) -> dict[str, dict[str, int]]:
    """Counts of outcomes per mode and truth."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for r in results:
        key = f"{r['mode'] or 'any'}/{r['truth']}"
        table[key][outcome(r)] += 1
        table[f"all/{r['truth']}"][outcome(r)] += 1
    return {k: dict(v) for k, v in sorted(table.items())}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--all", action="store_true", help="list every row, not only the wrong ones")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    with CORPUS.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    results = run(rows)
    counts = summary(results)
    if args.json:
        print(json.dumps({"summary": counts, "rows": results}, ensure_ascii=False, indent=2))
        return 0
    t = counts.get("all/true", {})
    f = counts.get("all/false", {})
    n_true, n_false = sum(t.values()), sum(f.values())
    print(f"corpus: {len(rows)} rows ({n_true} true, {n_false} false)")
    print(f"{'mode/truth':<16}{'ok':>5}{'unverif.':>10}{'error':>7}{'FALSE-INC':>11}{'FALSE-CON':>11}")
    for key, c in counts.items():
        print(f"{key:<16}{c.get('ok', 0):>5}{c.get('unverifiable', 0):>10}{c.get('error', 0):>7}"
              f"{c.get('FALSE_INCONSISTENT', 0):>11}{c.get('FALSE_CONSISTENT', 0):>11}")
    for r in results:
        if args.all or outcome(r) not in ("ok",):
            print(f"  {r['id']} [{outcome(r)}] {r['origin']} - {r['destination']} {r['claim']!r} ({r['mode']}): "
                  f"{r['got']}: {r['why'][:160]}")
    fi = t.get("FALSE_INCONSISTENT", 0)
    fc = f.get("FALSE_CONSISTENT", 0)
    print(f"false-inconsistent: {fi} of {n_true} true figures ({fi / max(n_true, 1):.1%}); "
          f"false-consistent: {fc} of {n_false} false figures ({fc / max(n_false, 1):.1%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
