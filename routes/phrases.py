"""The one table of mode phrases (``data/modes/phrases.csv``) that claims and article reading share.

Each row maps a phrase ("by rail", "as the crow flies") or a regular expression to a mode. Rows of scope
``claim`` are read inside a claim's own words; rows of scope ``sentence`` are the looser cues of running text
("trains", "convoys"). The patterns are compiled once.
"""

from __future__ import annotations

import re
from functools import cache

from routes.datafiles import read_table

TABLE = "modes/phrases.csv"


@cache
def _compiled(scope: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    out = []
    for row in read_table(TABLE):
        if row["scope"] != scope:
            continue
        if row["kind"] == "regex":
            rx = re.compile(row["pattern"], re.IGNORECASE)
        else:
            rx = re.compile(rf"(?<![a-zа-яё]){re.escape(row['pattern'].lower())}(?![a-zа-яё])")
        out.append((rx, row["mode"]))
    return tuple(out)


def mode_in(text: str, scope: str = "claim") -> str | None:
    """The mode of the first row of ``scope`` whose pattern occurs in ``text``, or None."""
    low = text.lower() if scope == "claim" else text
    for rx, mode in _compiled(scope):
        if rx.search(low):
            return mode
    return None


ROUTING = "modes/routing_phrases.csv"


@cache
def _routing() -> tuple[tuple[re.Pattern[str], dict[str, str]], ...]:
    return tuple((re.compile(r["pattern"], re.IGNORECASE), r) for r in read_table(ROUTING))


def routing(text: str) -> list[dict[str, str]]:
    """Rows of ``data/modes/routing_phrases.csv`` whose pattern occurs in ``text``: passages a claim names
    ("via the Cape" -> avoid Suez) and routes or vehicles the model lacks ("via the Northern Sea Route")."""
    return [row for rx, row in _routing() if rx.search(text)]


def passage_words(text: str) -> list[str]:
    """The words of ``text`` that name a sea passage or route ("via the Northern Sea Route", "round the Cape"):
    the matches of the sea rows of the routing table, in table order."""
    out = []
    for rx, row in _routing():
        m = rx.search(text) if row["mode"] == "sea" else None
        if m and m.group(0) not in out:
            out.append(m.group(0))
    return out
