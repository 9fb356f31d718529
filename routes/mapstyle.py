"""Map wording and sizes: ranges without "1,588-1,588", a plain-words projection line, the attribution of only
the data drawn, the claim band's label in the claim's own unit, and the --size option."""

from __future__ import annotations

import re

from routes.units import to_km

WIDTH_PX, HEIGHT_PX, DPI = 1760, 1100, 110  # the default: 16 x 10 in at 110 dpi
MIN_PX, MAX_PX = 400, 8000
UNIT_NAMES = {"km": "km", "mi": "miles", "nmi": "nmi"}

# data a map can draw, and how each is credited (licences: data/SOURCES.md)
CREDITS = {
    "naturalearth": "Natural Earth 1:10m (public domain)",
    "geonames": "GeoNames (CC BY 4.0)",
    "airports": "airportsdata (MIT)",
    "searoute": "searoute / Eurostat MARNET (Apache-2.0)",
    "osm": "OpenStreetMap contributors (ODbL)",
    "rail": "routecheck rail network (data/rail)",
    "nerail": "Natural Earth railroads (public domain; line shapes only)",
}
CREDIT_CUES = {  # a source line that mentions one of these words credits that data set
    "airports": ("airportsdata", "airfields"),
    "searoute": ("searoute",),
    "osm": ("openstreetmap", "osm "),
    "rail": ("data/rail/", "bundled trunk network", "rail network"),
    "nerail": ("natural earth railroads",),
}


def km_span(lo: float | None, hi: float | None, unit: str = "km") -> str:
    """A range in words: "1,588 km" when both ends round alike, "537-612 km" otherwise, "unknown" without one."""
    if lo is None or hi is None:
        return "unknown"
    a, b = f"{lo:,.0f}", f"{hi:,.0f}"
    return f"{a} {unit}" if a == b else f"{a}-{b} {unit}"


def projection_words(proj: str) -> str:
    """The projection in words for the footer, e.g. "Lambert conformal conic, standard parallels 47°N, 55°N"."""
    params = dict(re.findall(r"\+(\w+)=([-\d.]+)", proj))

    def lat(v: str) -> str:
        x = float(v)
        return f"{abs(x):.0f}°{'N' if x >= 0 else 'S'}"

    def lon(v: str) -> str:
        x = float(v)
        return f"{abs(x):.0f}°{'E' if x >= 0 else 'W'}"

    if "+proj=lcc" in proj:
        return (f"Lambert conformal conic, standard parallels {lat(params['lat_1'])} and {lat(params['lat_2'])}, "
                f"central meridian {lon(params['lon_0'])}")
    if "+proj=merc" in proj:
        return f"Mercator, central meridian {lon(params['lon_0'])}"
    return "custom projection"


def attribution(sources: list[str], context: bool = True) -> str:
    """The credit line for the data drawn: land always, GeoNames for place labels, the rest as used."""
    used = ["naturalearth"]
    text = " ".join(sources).lower()
    if context or "geonames" in text:
        used.append("geonames")
    used.extend(k for k, cues in CREDIT_CUES.items() if any(c in text for c in cues))
    return "Data: " + " · ".join(CREDITS[k] for k in used)


def band_label(claim: dict[str, object], origin: str) -> tuple[float, float | None, str]:
    """Inner and outer radius in km of a distance claim's band, and its label in the claim's own unit."""
    unit = str(claim.get("unit") or "km")
    per = to_km(1.0, unit)
    lo_km = float(claim["low_km"])  # type: ignore[arg-type]
    hi = claim.get("high_km")
    hi_km = None if hi is None else float(hi)  # type: ignore[arg-type]
    name = UNIT_NAMES.get(unit, unit)
    span = (f"more than {lo_km / per:,.0f} {name}" if hi_km is None
            else km_span(lo_km / per, hi_km / per, name))
    return lo_km, hi_km, f"the claim, “{claim['text']}”: {span} from {origin}"


def parse_size(text: str | None) -> tuple[int, int] | None:
    """``--size WIDTHxHEIGHT`` in pixels ("1200x800"); None for the default."""
    from routes.errors import RouteCheckError

    if not text:
        return None
    m = re.fullmatch(r"\s*(\d{2,5})\s*[x×X,]\s*(\d{2,5})\s*(?:px)?\s*", text)
    if not m:
        raise RouteCheckError(f"--size {text!r}: give WIDTHxHEIGHT in pixels, e.g. 1200x800")
    w, h = int(m.group(1)), int(m.group(2))
    if not (MIN_PX <= w <= MAX_PX and MIN_PX <= h <= MAX_PX):
        raise RouteCheckError(f"--size {text!r}: each side between {MIN_PX} and {MAX_PX} pixels")
    if not 0.4 <= w / h <= 3.0:
        raise RouteCheckError(f"--size {text!r}: keep the width 0.4 to 3 times the height")
    return w, h
