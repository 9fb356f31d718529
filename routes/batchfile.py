"""The ``routecheck batch`` pipeline: a CSV of claims in, one result row per input row out, in order.

Each row is checked with :func:`routes.verify.verify`. A row that fails (an unknown place, an unreadable claim)
carries its error in the output and never stops the others. Rows stream through: memory stays flat however long
the file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from routes.errors import InputFileError, RouteCheckError

INPUT_COLUMNS = ("origin", "destination", "claim")  # required; optional: mode, vehicle, via (|-separated), id
OUTPUT_COLUMNS = ("verdict", "flags", "fits", "geodesic_km", "mode_low_km", "mode_high_km", "off_by_mode",
                  "off_by_percent", "summary", "error", "sources")
MAX_ROWS = 1_000_000
MAX_CELL = 2_000  # characters in one cell


def read_rows(path: str | Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row of a claims CSV, checking the header first.

    Raises
    ------
    InputFileError
        Naming the file and line: no header, a required column missing, too many rows, an oversized cell.
    """
    p = Path(path)
    try:
        fh = p.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputFileError(f"cannot read {str(p)!r}: {exc.strerror or exc}") from None
    with fh:
        reader = csv.DictReader(fh)
        try:
            header = [h.strip().lower() for h in (reader.fieldnames or [])]
        except (csv.Error, UnicodeDecodeError) as exc:
            raise InputFileError(f"{p}:1: not a readable CSV ({exc})") from None
        missing = [c for c in INPUT_COLUMNS if c not in header]
        if missing:
            raise InputFileError(f"{p}:1: the header lacks {', '.join(missing)} (columns: origin, destination, "
                                 "claim; optional mode, vehicle, via, id)")
        reader.fieldnames = header
        n = 0
        try:
            for row in reader:
                n += 1
                if n > MAX_ROWS:
                    raise InputFileError(f"{p}:{reader.line_num}: more than {MAX_ROWS:,} rows; split the file")
                clean = {k: (v or "").strip() for k, v in row.items() if k}
                if any(len(v) > MAX_CELL for v in clean.values()):
                    raise InputFileError(f"{p}:{reader.line_num}: a cell over {MAX_CELL:,} characters")
                yield reader.line_num, clean
        except (csv.Error, UnicodeDecodeError) as exc:
            raise InputFileError(f"{p}:{reader.line_num}: not a readable CSV ({exc})") from None


def check_row(row: dict[str, str], alternatives: bool = False) -> dict[str, Any]:
    """The result columns for one input row (its error, if any, in ``error``)."""
    from routes.verify import verify

    try:
        report = verify(row["origin"], row["destination"], row.get("claim") or None, mode=row.get("mode") or "any",
                        via=[v for v in (row.get("via") or "").split("|") if v.strip()] or None,
                        vehicle=row.get("vehicle") or None, alternatives=alternatives)
    except RouteCheckError as exc:
        return {"verdict": "error", "error": exc.one_line(), **{c: "" for c in OUTPUT_COLUMNS
                                                               if c not in ("verdict", "error")}}
    data = report.to_json()
    stated = (data["claim"] or {}).get("mode") or (row.get("mode") if row.get("mode") not in (None, "", "any")
                                                   else None)
    off = data.get("off_by") or {}
    mode = next((m for m in data["modes"] if m["mode"] == (stated or off.get("mode"))), None)
    return {
        "verdict": data["verdict"], "flags": "|".join(data["flags"]),
        "fits": "|".join(m["mode"] for m in data["modes"] if m["fits"]),
        "geodesic_km": data["geodesic_km"],
        "mode_low_km": "" if mode is None or mode["low_km"] is None else mode["low_km"],
        "mode_high_km": "" if mode is None or mode["high_km"] is None else mode["high_km"],
        "off_by_mode": off.get("mode", ""), "off_by_percent": off.get("percent", ""),
        "summary": data["summary"], "error": "", "sources": " ; ".join(data["sources"][:3]),
    }


def run(path: str | Path, out: TextIO, as_json: bool = False, progress: bool = False,
        alternatives: bool = False) -> dict[str, int]:
    """Check every row of ``path`` and write the results to ``out`` (CSV, or JSON Lines); counts by verdict."""
    import json

    from routes.contract import dumps

    counts: dict[str, int] = {}
    writer: csv.DictWriter[str] | None = None
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(unit=" rows", desc="routecheck batch", leave=False)
    for line, row in read_rows(path):
        result = check_row(row, alternatives)
        counts[result["verdict"]] = counts.get(result["verdict"], 0) + 1
        record = {**row, **result, "line": line}
        if as_json:
            # ASCII escapes: a U+0085 or U+2028 in a cell must not split a JSON Lines record
            out.write(json.dumps(json.loads(dumps(record)), ensure_ascii=True, separators=(",", ":")) + "\n")
        else:
            if writer is None:
                fields = [*row.keys(), *OUTPUT_COLUMNS]
                writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
                writer.writeheader()
            writer.writerow(record)
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    return counts
