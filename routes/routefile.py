"""Route files (YAML or TOML): load, validate with line numbers, and return a typed RouteSpec.

Schema (README, "Route files"): ``name``, optional ``description`` and ``source``, ``legs`` (a list of
``{from, to, mode, vehicle?, claim?, depart?, arrive?}``) and optional ``claims`` on the whole route
(``{text, scope?}`` or, for lift claims, ``{text?, troops, by}``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from routes.errors import InputFileError

LEG_KEYS = {"from", "to", "mode", "vehicle", "claim", "depart", "arrive", "note"}
CLAIM_KEYS = {"text", "scope", "troops", "by", "vehicle", "note", "from", "to"}
TOP_KEYS = {"name", "description", "source", "legs", "claims"}


@dataclass
class LegSpec:
    """One leg as written in the file (places still as text)."""

    number: int
    origin: list[str]
    destination: list[str]
    modes: list[str]
    vehicle: str | None = None
    claim: str | None = None
    depart: tuple[dt.date, dt.date] | None = None
    arrive: tuple[dt.date, dt.date] | None = None
    linked: bool = True  # its origin is the previous leg's destination
    line: int = 0


@dataclass
class ClaimSpec:
    """A claim on the whole route or on a span of legs (1-based, inclusive), or a lift claim."""

    text: str
    scope: tuple[int, int]
    troops: int | None = None
    by: dt.date | None = None
    vehicle: str | None = None
    line: int = 0


@dataclass
class RouteSpec:
    """A validated route file."""

    name: str
    legs: list[LegSpec]
    claims: list[ClaimSpec] = field(default_factory=list)
    description: str = ""
    source: str = ""
    path: str = ""


class _Lines:
    """Line numbers of YAML nodes by their key path."""

    def __init__(self) -> None:
        self.lines: dict[tuple[Any, ...], int] = {}

    def at(self, *path: Any) -> int:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


MAX_NODES = 100_000  # YAML nodes visited (aliases count each time): refuses alias bombs in linear time
MAX_DEPTH = 40


def _from_yaml(text: str, lines: _Lines) -> Any:
    import yaml

    visited = [0]

    def build(node: Any, path: tuple[Any, ...]) -> Any:
        visited[0] += 1
        if visited[0] > MAX_NODES or len(path) > MAX_DEPTH:
            raise InputFileError(f"line {node.start_mark.line + 1}: the route file nests or repeats too much "
                                 f"(over {MAX_NODES:,} values or {MAX_DEPTH} levels, aliases included)")
        lines.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            out = {}
            for k, v in node.value:
                key = str(k.value)
                if key in out:
                    raise InputFileError(f"line {k.start_mark.line + 1}: duplicate key {key!r}")
                out[key] = build(v, (*path, key))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [build(v, (*path, i)) for i, v in enumerate(node.value)]
        try:
            return yaml.SafeLoader(text).construct_object(node, deep=True)
        except (ValueError, TypeError, yaml.YAMLError) as exc:  # "2024-13-45", "!!int abc"
            raise InputFileError(f"line {node.start_mark.line + 1}: cannot read {node.value!r} ({exc})") from None

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise InputFileError(f"{where}not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if node is None:
        raise InputFileError("the route file is empty")
    return build(node, ())


def load(path: str | Path) -> RouteSpec:
    """Read and validate a route file (``.yaml``/``.yml`` or ``.toml``).

    Raises
    ------
    InputFileError
        ``FILE:LINE: reason`` for every schema problem (the first one found).
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(f"cannot read route file {str(p)!r}: {exc}") from None
    lines = _Lines()
    try:
        if p.suffix.lower() == ".toml":
            import tomllib

            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError as exc:
                raise InputFileError(f"not valid TOML ({exc})") from None
        else:
            data = _from_yaml(text, lines)
        return _validate(data, lines, str(p))
    except InputFileError as exc:
        msg = exc.message if exc.message.startswith("line ") else f"line {lines.at()}: {exc.message}"
        raise InputFileError(f"{p}:{msg.removeprefix('line ')}") from None


def _err(lines: _Lines, path: tuple[Any, ...], msg: str) -> InputFileError:
    return InputFileError(f"line {lines.at(*path)}: {msg}")


def _known_keys(raw: dict[str, Any], allowed: set[str], lines: _Lines, at: tuple[Any, ...], what: str) -> None:
    """Reject a key the schema does not know, naming its line and the allowed keys."""
    for key in raw:
        if key not in allowed:
            raise _err(lines, (*at, key), f"unknown key {key!r} in {what} (allowed: {', '.join(sorted(allowed))})")


def _places(value: Any, lines: _Lines, path: tuple[Any, ...]) -> list[str]:
    if isinstance(value, str) and value.strip():
        return [value.strip()]
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return [v.strip() for v in value]
    raise _err(lines, path, f"'{path[-1]}' must be a place name or a list of candidate place names")


def _dates(value: Any, lines: _Lines, path: tuple[Any, ...]) -> tuple[dt.date, dt.date]:
    vals = value if isinstance(value, list) else [value]
    out = []
    for item in vals:
        v = item.date() if isinstance(item, dt.datetime) else item
        if isinstance(v, str):
            try:
                v = dt.date.fromisoformat(v)
            except ValueError:
                raise _err(lines, path, f"{v!r} is not a date (write YYYY-MM-DD)") from None
        if not isinstance(v, dt.date):
            raise _err(lines, path, f"'{path[-1]}' must be a date YYYY-MM-DD or a [first, last] pair")
        out.append(v)
    if len(out) not in (1, 2) or out[0] > out[-1]:
        raise _err(lines, path, f"'{path[-1]}' must be one date or an ordered [first, last] pair")
    return out[0], out[-1]


def _validate(data: Any, lines: _Lines, path: str) -> RouteSpec:
    from routes import modes

    if not isinstance(data, dict):
        raise _err(lines, (), "the route file must be a mapping with 'name' and 'legs'")
    for key in data:
        if key not in TOP_KEYS:
            raise _err(lines, (key,), f"unknown key {key!r} (allowed: {', '.join(sorted(TOP_KEYS))})")
    if not isinstance(data.get("name"), str) or not data["name"].strip():
        raise _err(lines, ("name",), "'name' is required (a short title for the route)")
    legs_raw = data.get("legs")
    if not isinstance(legs_raw, list) or not legs_raw:
        raise _err(lines, ("legs",), "'legs' is required: a non-empty list of {from, to, mode}")
    legs: list[LegSpec] = []
    for i, raw in enumerate(legs_raw):
        at = ("legs", i)
        if not isinstance(raw, dict):
            raise _err(lines, at, f"leg {i + 1} must be a mapping with from/to/mode")
        _known_keys(raw, LEG_KEYS, lines, at, f"leg {i + 1}")
        if "to" not in raw:
            raise _err(lines, at, f"leg {i + 1} has no 'to'")
        if "from" not in raw and i == 0:
            raise _err(lines, at, "the first leg needs 'from'")
        origin = _places(raw["from"], lines, (*at, "from")) if "from" in raw else legs[-1].destination
        linked = i > 0 and origin == legs[-1].destination
        if "mode" not in raw:
            raise _err(lines, at, f"leg {i + 1} has no 'mode' ({', '.join(modes.names())})")
        mode_list = raw["mode"] if isinstance(raw["mode"], list) else [raw["mode"]]
        for m in mode_list:
            if m not in modes.names():
                raise _err(lines, (*at, "mode"), f"unknown mode {m!r} in leg {i + 1}; choose from "
                                                 f"{', '.join(modes.names())}")
        legs.append(LegSpec(
            number=i + 1, origin=origin, destination=_places(raw["to"], lines, (*at, "to")),
            modes=[str(m) for m in mode_list], vehicle=str(raw["vehicle"]) if raw.get("vehicle") else None,
            claim=str(raw["claim"]) if raw.get("claim") else None,
            depart=_dates(raw["depart"], lines, (*at, "depart")) if "depart" in raw else None,
            arrive=_dates(raw["arrive"], lines, (*at, "arrive")) if "arrive" in raw else None,
            linked=linked, line=lines.at(*at),
        ))
    claims: list[ClaimSpec] = []
    raw_claims = data.get("claims") or []
    if not isinstance(raw_claims, list):
        raise _err(lines, ("claims",), "'claims' must be a list")
    for i, item in enumerate(raw_claims):
        at = ("claims", i)
        raw = {"text": item} if isinstance(item, str) else item
        if not isinstance(raw, dict):
            raise _err(lines, at, f"claim {i + 1} must be text or a mapping with 'text'")
        _known_keys(raw, CLAIM_KEYS, lines, at, f"claim {i + 1}")
        scope = raw.get("scope", "total")
        if scope == "total":
            span = (1, len(legs))
        elif (isinstance(scope, list) and len(scope) == 2 and all(isinstance(x, int) for x in scope)
              and 1 <= scope[0] <= scope[1] <= len(legs)):
            span = (scope[0], scope[1])
        else:
            raise _err(lines, (*at, "scope"), f"'scope' must be 'total' or [first, last] leg numbers 1..{len(legs)}")
        troops = raw.get("troops")
        if troops is not None and (not isinstance(troops, int) or troops <= 0):
            raise _err(lines, (*at, "troops"), "'troops' must be a positive whole number")
        if "text" not in raw and troops is None:
            raise _err(lines, at, f"claim {i + 1} needs 'text' (a figure) or 'troops' with 'by'")
        by = _dates(raw["by"], lines, (*at, "by"))[1] if "by" in raw else None
        if troops is not None and by is None:
            raise _err(lines, at, f"claim {i + 1}: 'troops' needs 'by' (the date they were reported assembled)")
        claims.append(ClaimSpec(text=str(raw.get("text", f"{troops} troops by {by}")), scope=span, troops=troops,
                                by=by, vehicle=raw.get("vehicle"), line=lines.at(*at)))
    return RouteSpec(name=data["name"].strip(), legs=legs, claims=claims,
                     description=str(data.get("description", "") or ""), source=str(data.get("source", "") or ""),
                     path=path)
