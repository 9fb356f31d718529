"""The source registry: ``data/sources.csv``, one row per source, which every curated data row cites by id.

A data row's ``source_ids`` cell names its sources (``s_ruwiki_khabarovsk_i|s_tr4_book1_96_014``); its
``source`` cell keeps the printed citation (canonical URLs only). A source's class says how far a journalist
can lean on it: ``official`` (operator, government, regulator or manufacturer), ``reference`` (encyclopedia,
gazetteer, dataset), ``secondary`` (newspaper, think tank, peer-reviewed paper, specialist publication) or
``weak`` (anything else; the row and the report are marked). README "Sources" and ``data/SOURCES.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from routes.datafiles import data_path, read_table
from routes.errors import RouteCheckError

CLASSES = ("official", "reference", "secondary", "weak")
REGISTRY = "sources.csv"

# curated tables whose rows carry ``source`` and ``source_ids`` (relative to the data folder)
CURATED = ("places.csv", "regions.csv", "demonyms.csv", "modes/*.csv", "vehicles/*.csv", "rail/*.csv", "areas/*.csv")

# printed citations of the packages' data (not rows of a table) and the registry id behind each
PACKAGE_CITATIONS = {
    "GeoNames cities15000": "s_geonames_cities15000",
    "WGS84 ellipsoid geodesic": "s_pyproj_geod",
    "searoute maritime network": "s_searoute",
    "airportsdata": "s_github_airportsdata",
    "routecheck bundled trunk rail network": "s_routecheck_rail_tables",
}


class UnknownSourceError(RouteCheckError):
    """A source id that ``data/sources.csv`` does not list."""


@dataclass(frozen=True)
class Source:
    """One registry row: what a journalist prints to cite a figure."""

    id: str
    title: str
    publisher: str
    url: str  # canonical page; empty for a print publication or a withheld never-cite host
    published: str
    accessed: str
    licence: str
    category: str  # one of CLASSES (the CSV's ``class`` column)
    note: str

    @property
    def weak(self) -> bool:
        """True for a source of class ``weak`` (blog, forum, content farm, unidentified copy)."""
        return self.category == "weak"

    def citation(self) -> str:
        """A one-line citation: title, publisher, URL and access date."""
        parts = [self.title]
        if self.publisher and self.publisher not in self.title:
            parts.append(self.publisher)
        if self.url:
            parts.append(self.url)
        text = ", ".join(parts)
        return f"{text} (accessed {self.accessed})" if self.accessed else text

    def to_dict(self) -> dict[str, str | bool]:
        """The registry fields the JSON carries (``sources_used[].registry``)."""
        return {"id": self.id, "title": self.title, "publisher": self.publisher, "url": self.url,
                "class": self.category, "licence": self.licence, "weak": self.weak}


@cache
def registry() -> dict[str, Source]:
    """Every source of ``data/sources.csv`` by id (cached)."""
    out = {}
    for r in read_table(REGISTRY):
        out[r["id"]] = Source(r["id"], r["title"], r["publisher"], r["url"], r["published"], r["accessed"],
                              r["licence"], r["class"], r["note"])
    return out


def split_ids(cell: str) -> list[str]:
    """The ids of a ``source_ids`` cell (pipe-separated, blanks ignored)."""
    return [i.strip() for i in cell.split("|") if i.strip()]


def get(source_id: str) -> Source:
    """The registry row of one id; :class:`UnknownSourceError` if there is none."""
    try:
        return registry()[source_id]
    except KeyError:
        raise UnknownSourceError(f"unknown source id {source_id!r}",
                                 ["the ids are listed in data/sources.csv"]) from None


def cite(ids: str | Iterable[str]) -> list[Source]:
    """The sources of several ids, in order, each once (``"a|b"`` or a list of ids)."""
    seq = split_ids(ids) if isinstance(ids, str) else list(ids)
    return [get(i) for i in dict.fromkeys(seq)]


def curated_tables() -> list[str]:
    """The curated tables (relative paths) whose rows cite sources, in a fixed order."""
    root = data_path("")
    out: list[str] = []
    for pattern in CURATED:
        out.extend(sorted(str(p.relative_to(root)) for p in root.glob(pattern)))
    return out


@cache
def _by_cell() -> dict[str, tuple[str, ...]]:
    """Each curated row's printed ``source`` cell -> its ids (first row wins on a shared cell)."""
    out: dict[str, tuple[str, ...]] = {}
    for rel in curated_tables():
        for row in read_table(rel):
            if row.get("source") and row.get("source_ids"):
                out.setdefault(row["source"], tuple(split_ids(row["source_ids"])))
    return out


def ids_for_citation(text: str) -> list[str]:
    """The registry ids behind a printed citation (see :func:`_ids_for_citation`)."""
    return list(_ids_for_citation(text))


@lru_cache(maxsize=4096)
def _ids_for_citation(text: str) -> tuple[str, ...]:
    """The registry ids behind a printed citation, e.g. ``"data/places.csv: <source cell>"`` or a rail cell.

    A citation is matched on its whole text, then on the cells it quotes (the reports add table and row
    prefixes, and may join several rows), then on the packages' citation prefixes. Unknown text gives no ids.
    """
    cells = _by_cell()
    if text in cells:
        return cells[text]
    found = [c for c in cells if c in text]
    if found:  # the longest cells the text quotes (a report may join several rows' cells), in order of position
        keep = sorted((c for c in found if not any(c != d and c in d for d in found)), key=text.find)
        return tuple(dict.fromkeys(i for c in keep for i in cells[c]))
    for prefix, sid in PACKAGE_CITATIONS.items():
        if text.startswith(prefix) and sid in registry():
            return (sid,)
    return ()


def for_citation(text: str) -> list[Source]:
    """The registry sources behind a printed citation (see :func:`ids_for_citation`)."""
    return cite(ids_for_citation(text))


def row_key(row: dict[str, str]) -> str:
    """A row's name in messages: ``from-to`` for a segment, else its first cell (with the region, if any)."""
    if "from" in row and "to" in row:
        return f"{row['from']}-{row['to']}"
    first = next(iter(row.values()), "")
    return f"{first}/{row['region']}" if row.get("region") else first


def weak_rows() -> list[tuple[str, str]]:
    """Curated rows whose every source is weak, as (table, row key) pairs."""
    reg = registry()
    out = []
    for rel in curated_tables():
        for row in read_table(rel):
            ids = split_ids(row.get("source_ids", ""))
            if ids and all(reg[i].weak for i in ids if i in reg):
                out.append((rel, row_key(row)))
    return out
