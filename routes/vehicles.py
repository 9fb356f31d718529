"""The vehicle catalogue: every row of ``data/vehicles/*.csv`` (aircraft, trains, ships, weapons), each with its mode.

Lookups forgive case and punctuation ("Il-76MD", "il76md", "Ilyushin Il-76MD"); every caller finds vehicles
here, so a new table or row is picked up everywhere at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from routes.datafiles import data_path, read_table
from routes.errors import RouteCheckError
from routes.textnorm import fold

CAPACITY_COLUMNS = ("troops_seated", "troops_per_train", "troops")  # troops per trip, lowest reading first
MAX_CAPACITY_COLUMNS = ("troops_max",)


@dataclass(frozen=True)
class Vehicle:
    """One catalogue row: ``table`` is the file it came from (``vehicles/aircraft.csv``), ``row`` its cells."""

    id: str
    name: str
    mode: str
    table: str
    row: tuple[tuple[str, str], ...]

    def get(self, column: str) -> str:
        """A cell of the row ('' when empty or absent)."""
        return dict(self.row).get(column, "")

    def number(self, column: str) -> float | None:
        """A numeric cell, or None when empty or not a number."""
        try:
            return float(self.get(column))
        except ValueError:
            return None

    @property
    def source(self) -> str:
        """The row's citation."""
        return self.get("source")

    def capacity(self) -> tuple[int, int] | None:
        """(seated, maximum) troops per trip, or None when the row gives no capacity."""
        low = next((v for c in CAPACITY_COLUMNS if (v := self.number(c))), None)
        high = next((v for c in MAX_CAPACITY_COLUMNS if (v := self.number(c))), None)
        if low is None and high is None:
            return None
        lo = int(low or high or 0)
        return lo, int(high or lo)


def _key(text: str) -> str:
    return fold(text).replace(" ", "").replace("_", "")


@cache
def catalogue() -> tuple[Vehicle, ...]:
    """Every vehicle row of every ``data/vehicles/*.csv`` table, in file and row order."""
    out = []
    for path in sorted(data_path("vehicles").glob("*.csv")):
        table = f"vehicles/{path.name}"
        for row in read_table(table):
            out.append(Vehicle(row["id"], row["name"], row["mode"], table, tuple(row.items())))
    return tuple(out)


def find(name: str, mode: str | None = None) -> Vehicle:
    """The vehicle named ``name`` (id, name, alias, or a prefix of the name), optionally of one mode.

    Raises
    ------
    RouteCheckError
        When no row matches, listing some ids of that mode.
    """
    rows = [v for v in catalogue() if mode in (None, v.mode)]
    key = _key(name)
    if key:
        for v in rows:
            aliases = [a for a in v.get("aliases").split("|") if a]
            if key in (_key(v.id), _key(v.name), *(_key(a) for a in aliases)):
                return v
        for v in rows:
            if _key(v.name).startswith(key):
                return v
    what = f"{mode} vehicle" if mode else "vehicle"
    raise RouteCheckError(f"unknown {what} {name!r}", sorted(v.id for v in rows)[:8])


def mode_of(name: str) -> str | None:
    """The mode of the vehicle named ``name``, or None when the catalogue has no such vehicle."""
    try:
        return find(name).mode
    except RouteCheckError:
        return None


@cache
def _class_names() -> tuple[tuple[re.Pattern[str], str], ...]:
    out = []
    for v in catalogue():
        for name in {v.name.split(" (")[0], *(a for a in v.get("aliases").split("|") if a)}:
            if (len(name) >= 4 and name.isascii() and not name.islower()) or (len(name) >= 5 and name.isalpha() and \
                    name.isascii()):  # written capitalised in the text: "the Sapsan", "the Rossiya"
                cap = name[:1].upper() + name[1:]
                out.append((re.compile(rf"(?<![\w-]){re.escape(cap)}(?![\w-])"), v.mode))
    return tuple(sorted(set(out), key=lambda t: (-len(t[0].pattern), t[0].pattern, t[1])))


def mode_named_in(text: str) -> str | None:
    """The mode of a vehicle class the text names ("the Sapsan", "aboard an Il-76"), or None."""
    for rx, mode in _class_names():
        if rx.search(text):
            return mode
    return None
