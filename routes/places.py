"""Text -> Place: literal coordinates, names (with aliases), ``Name, CC``, and regions as candidate sets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from routes import gazetteer
from routes.errors import CoordinateError, UnknownPlaceError
from routes.gazetteer import Record
from routes.textnorm import fold

DEDUPE_KM = 30.0  # matches closer than this are the same place (a city and its airbase, say)
SECONDARY_RATIO = 5.0  # an alternate-name match this many times more prominent than the own-name match is listed
AMBIGUITY_RATIO = 25.0  # a runner-up within this factor of the leader's prominence makes a name ambiguous

_DECIMAL_PAIR = re.compile(r"^\s*([+-]?\d{1,3}(?:\.\d+)?)\s*[,;\s]\s*([+-]?\d{1,3}(?:\.\d+)?)\s*$")
_COORD_LIKE = re.compile(r"^[\s\d.,;°'\"+\-NSEWnsewms]+$")


@dataclass(frozen=True)
class Place:
    """A resolved place, or a candidate set (``candidates`` non-empty) such as a region."""

    query: str
    name: str
    country: str
    lat: float
    lon: float
    kind: str
    source: str
    ident: str = ""
    population: int = 0
    candidates: tuple[Place, ...] = ()
    others: tuple[Place, ...] = field(default=(), compare=False)

    @property
    def is_set(self) -> bool:
        """True for a candidate set (a region or a list of possible places)."""
        return bool(self.candidates)

    @property
    def ambiguous(self) -> bool:
        """True when the name matched other, comparably prominent places."""
        return bool(self.others)

    def points(self) -> tuple[Place, ...]:
        """The concrete places this stands for: the candidates of a set, else itself."""
        return self.candidates or (self,)

    def label(self) -> str:
        """Short display label, e.g. ``Kursk, RU``."""
        return f"{self.name}, {self.country}" if self.country else self.name

    def to_json(self) -> dict[str, Any]:
        """JSON shape of the verify contract (``candidates`` only for sets, ``others`` when ambiguous)."""
        out: dict[str, Any] = {
            "query": self.query,
            "name": self.name,
            "country": self.country,
            "lat": round(self.lat, 5),
            "lon": round(self.lon, 5),
            "kind": self.kind,
            "source": self.source,
        }
        if self.candidates:
            out["candidates"] = [c.to_json() for c in self.candidates]
        if self.others:
            out["others"] = [
                {"name": o.name, "country": o.country, "lat": round(o.lat, 5), "lon": round(o.lon, 5),
                 "kind": o.kind}
                for o in self.others
            ]
        return out


def from_record(query: str, rec: Record) -> Place:
    """A gazetteer record as a Place, keeping the text it was found by."""
    return Place(
        query=query,
        name=rec.name,
        country=rec.country,
        lat=rec.lat,
        lon=rec.lon,
        kind=rec.kind,
        source=rec.source,
        ident=rec.ident,
        population=rec.population,
    )


def parse_coordinates(text: str) -> Place | None:
    """Parse a literal coordinate ("43.11,131.87", "43 6m N, 131 52m E"); None when it is not one."""
    if not _COORD_LIKE.match(text) or not any(ch.isdigit() for ch in text):
        return None
    m = _DECIMAL_PAIR.match(text)
    if m:
        lat, lon = float(m.group(1)), float(m.group(2))
    else:
        from geopy.point import Point

        try:
            p = Point(text)
        except ValueError as exc:
            raise CoordinateError(f"cannot read coordinates {text!r}: {exc}") from None
        lat, lon = p.latitude, p.longitude
    if not -90.0 <= lat <= 90.0:
        raise CoordinateError(f"latitude {lat} in {text!r} is outside -90..90 (write 'lat,lon')")
    if not -180.0 <= lon <= 180.0:
        raise CoordinateError(f"longitude {lon} in {text!r} is outside -180..180 (write 'lat,lon')")
    return Place(
        query=text,
        name=f"{lat:.4f},{lon:.4f}",
        country="",
        lat=lat,
        lon=lon,
        kind="coordinates",
        source="literal coordinates given by the user",
    )


def _dedupe(recs: list[Record]) -> list[Record]:
    from routes.geodesy import distance_km

    kept: list[Record] = []
    for r in recs:
        if all(distance_km(r.lat, r.lon, k.lat, k.lon) > DEDUPE_KM for k in kept):
            kept.append(r)
    return kept


def _region(query: str, rec: Record) -> Place:
    members: list[Place] = []
    for raw in rec.members.split("|"):
        token = raw.strip()
        if token:
            members.append(_member(token))
    if not members:
        raise UnknownPlaceError(f"region {rec.name!r} has no resolvable members")
    lat = sum(m.lat for m in members) / len(members)
    lon = sum(m.lon for m in members) / len(members)
    countries = sorted({m.country for m in members})
    return Place(
        query=query,
        name=rec.name,
        country=countries[0] if len(countries) == 1 else "/".join(countries),
        lat=lat,
        lon=lon,
        kind="region",
        source=rec.source,
        ident=rec.ident,
        candidates=tuple(members),
    )


def _member(token: str) -> Place:
    """Resolve one region member: ``city:Name``, ``icao:CODE`` or a places.csv id."""
    if token.startswith("icao:"):
        rec = gazetteer.by_ident(token)
    elif token.startswith("city:"):
        recs = [r for r in gazetteer.lookup(token[5:]) if r.kind == "city"]
        rec = recs[0] if recs else None
    else:
        rec = gazetteer.by_ident(f"places:{token}")
    if rec is None:
        raise UnknownPlaceError(f"region member {token!r} is not in the gazetteer")
    return from_record(token, rec)


def suggestions(text: str, limit: int = 4) -> list[str]:
    """Close matches for an unknown name, best first."""
    from rapidfuzz import fuzz, process

    key = fold(text)
    hits = process.extract(key, gazetteer.all_keys(), scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=70)
    names: list[str] = []
    for k, _score, _ in sorted(hits, key=lambda h: (-h[1], h[0])):
        name = gazetteer.name_for_key(k)
        if name not in names:
            names.append(name)
        if len(names) == limit:
            break
    return names


def resolve(text: str, suggest: bool = True) -> Place:
    """Resolve user text to a Place (or a candidate set).

    Accepts literal ``lat,lon``, a name or alias in Latin, Cyrillic or Hangul, an ICAO/IATA code,
    ``Name, CC`` to pick a country, or a region name (which yields a candidate set).

    Raises
    ------
    CoordinateError
        For out-of-range or malformed coordinates.
    UnknownPlaceError
        For an unknown name; carries "did you mean" suggestions (unless ``suggest`` is False, for callers
        that probe many strings, such as the article reader).
    """
    query = text.strip()
    if not query:
        raise UnknownPlaceError("empty place name")
    coords = parse_coordinates(query)
    if coords is not None:
        return coords
    name, country = query, ""
    if "," in query:
        head, tail = query.rsplit(",", 1)
        if len(tail.strip()) == 2 and tail.strip().isalpha():
            name, country = head.strip(), tail.strip().upper()
            if country not in gazetteer.country_codes():
                raise UnknownPlaceError(f"unknown country code {country!r} in {query!r} (use ISO 3166 alpha-2)")
    recs = gazetteer.lookup(name, secondary=True)
    if not recs:
        for article in ("a ", "an ", "the "):
            if name.lower().startswith(article):
                recs = gazetteer.lookup(name[len(article):], secondary=True)
                break
    if country:
        recs = [r for r in recs if r.country == country]
    # a place's own name beats an alternate name; alternates only make the name ambiguous (see others)
    primary = [r for r in recs if r.primary]
    if primary:
        # an alternate name counts (as an ambiguity, never as the match) only for a far more prominent place:
        # "Odessa" is also Odesa, Ukraine (10x Odessa, Texas); "Alexandria" as an old name of Mashhad is not
        recs = primary + [r for r in recs if not r.primary and r.score >= SECONDARY_RATIO * primary[0].score]
    if not recs:
        hint = suggestions(name) if suggest else []
        where = f" in {country}" if country else ""
        raise UnknownPlaceError(f"unknown place {name!r}{where}", hint)
    if recs[0].kind == "region":
        return _region(query, recs[0])
    recs = _dedupe([r for r in recs if r.kind != "region"])
    best = from_record(query, recs[0])
    others = tuple(
        from_record(query, r) for r in recs[1:] if r.score * AMBIGUITY_RATIO >= recs[0].score
    )
    if others:
        best = replace(best, others=others)
    return best
