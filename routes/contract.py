"""The public result contract: verdict words, result types and their JSON, and the one JSON writer.

Everything a user's script reads is shaped here. Fields are only ever added, never renamed or removed
(README, "JSON contract"). Renderers (text, markdown, GeoJSON, maps) read these shapes, not the pipelines.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from routes.claims import Claim
from routes.display import Displayable, LiftReport
from routes.modes.base import ModeEstimate
from routes.places import Place

CONSISTENT, INCONSISTENT, UNVERIFIABLE = "consistent", "inconsistent", "unverifiable"
__all__ = ["CONSISTENT", "INCONSISTENT", "UNVERIFIABLE", "Alternative", "LiftReport", "Report", "Verdict", "dumps"]


def dumps(obj: Any) -> str:
    """Deterministic JSON: fixed key order as built, UTF-8 kept, two-space indent, no NaN or infinity."""
    return json.dumps(obj, ensure_ascii=False, indent=2, allow_nan=False)


@dataclass
class Alternative:
    """A substitution that would make the claim fit."""

    description: str
    origin: str
    destination: str
    mode: str
    distance_km: float | None
    score: float = 0.0

    def to_json(self) -> dict[str, Any]:
        """JSON shape of one ``alternatives`` entry."""
        return {
            "description": self.description,
            "origin": self.origin,
            "destination": self.destination,
            "mode": self.mode,
            "distance_km": None if self.distance_km is None else round(self.distance_km, 1),
        }


@dataclass
class Verdict:
    """The judgement on one claim."""

    verdict: str
    flags: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    alternatives: list[Alternative] = field(default_factory=list)
    fits: dict[str, bool | None] = field(default_factory=dict)
    summary: str = ""
    off_by: dict[str, Any] | None = None  # how far the claim lies from the nearest modelled range

    def __str__(self) -> str:
        return self.verdict

    def add_flag(self, flag: str) -> None:
        """Add a flag once, keeping the order in which they were raised."""
        if flag not in self.flags:
            self.flags.append(flag)


@dataclass
class Report(Displayable):
    """Everything ``routecheck verify`` found for one claim between two places.

    ``.verdict.verdict`` is the word; ``str(.verdict)`` too. ``to_dict()`` is the JSON contract as a dict.
    """

    origin: Place
    destination: Place
    via: list[Place]
    claim: Claim | None
    geodesic_km: float
    geodesic_low_km: float
    geodesic_high_km: float
    estimates: list[ModeEstimate]
    verdict: Verdict
    sources: list[str] = field(default_factory=list)
    tolerance: dict[str, Any] = field(default_factory=dict)  # slack_km, rule, and each mode's tolerant range
    sources_used: list[dict[str, Any]] = field(default_factory=list)  # only what decided the verdict

    def to_json(self) -> dict[str, Any]:
        """The public JSON contract (extend, never rename)."""
        return {
            "origin": self.origin.to_json(),
            "destination": self.destination.to_json(),
            "via": [p.to_json() for p in self.via],
            "claim": None if self.claim is None else self.claim.to_json(),
            "geodesic_km": round(self.geodesic_km, 1),
            "geodesic_low_km": round(self.geodesic_low_km, 1),
            "geodesic_high_km": round(self.geodesic_high_km, 1),
            "modes": [e.to_json(self.verdict.fits.get(e.mode)) for e in self.estimates],
            "verdict": self.verdict.verdict,
            "summary": self.verdict.summary,
            "flags": list(self.verdict.flags),
            "reasons": list(self.verdict.reasons),
            "alternatives": [a.to_json() for a in self.verdict.alternatives],
            "sources": list(self.sources),
            "off_by": self.verdict.off_by,
            "sources_used": self.sources_used,
            "tolerance": self.tolerance,
        }


