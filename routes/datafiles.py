"""Locate and read the bundled data tables (works from a checkout and from a wheel)."""

from __future__ import annotations

import csv
import hashlib
import os
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

_PKG_DATA = Path(__file__).resolve().parent / "_data"
_REPO_DATA = Path(__file__).resolve().parent.parent / "data"


def data_dir() -> Path:
    """Return the folder holding the bundled tables (``routes/_data`` in a wheel, ``data/`` in a checkout).

    ``$ROUTECHECK_DATA`` points at another folder of the same layout (for testing edited tables).
    """
    env = os.environ.get("ROUTECHECK_DATA")
    if env:
        return Path(env)
    if _PKG_DATA.is_dir():
        return _PKG_DATA
    return _REPO_DATA


def data_path(relative: str) -> Path:
    """Return the path of one bundled file, e.g. ``"places.csv"`` or ``"rail/segments.csv"``."""
    return data_dir() / relative


@cache
def read_table(relative: str) -> tuple[dict[str, str], ...]:
    """Read a bundled CSV table as a tuple of row dicts (cached; rows are shared, do not mutate)."""
    path = data_path(relative)
    with path.open(newline="", encoding="utf-8") as fh:
        rows = [{k: (v or "").strip() for k, v in row.items() if k is not None} for row in csv.DictReader(fh)]
    return tuple(rows)


def file_digest(*relatives: str) -> str:
    """Return a short digest of bundled files, used to key caches derived from them."""
    h = hashlib.sha256()
    for rel in relatives:
        p = data_path(rel)
        h.update(rel.encode())
        if p.exists():
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def cache_dir() -> Path:
    """Return a writable cache folder (``$ROUTECHECK_CACHE``, else ``~/.cache/routecheck``, else a temp dir)."""
    candidates = []
    env = os.environ.get("ROUTECHECK_CACHE")
    if env:
        candidates.append(Path(env))
    xdg = os.environ.get("XDG_CACHE_HOME")
    candidates.append((Path(xdg) if xdg else Path.home() / ".cache") / "routecheck")
    candidates.append(Path(tempfile.gettempdir()) / "routecheck-cache")
    for c in candidates:
        try:
            c.mkdir(parents=True, exist_ok=True)
            probe = c / ".write-test"
            probe.touch()
            probe.unlink()
            return c
        except OSError:
            continue
    raise OSError("no writable cache directory; set ROUTECHECK_CACHE")


def cached(path: Path, load: Callable[[Path], T], build: Callable[[], T], save: Callable[[Path, T], None]) -> T:
    """A value kept in a cache file: loaded if the file reads, else built, saved atomically and returned.

    A file that fails to load (corrupt, truncated, from another version) is removed and rebuilt with a one-line
    notice. Saving goes through a temporary file renamed into place, so a full disk or an interrupted run never
    leaves a partial cache; when nothing can be written the value is still returned.
    """
    if path.exists():
        try:
            return load(path)
        except Exception as exc:  # any failure to read a cache means: rebuild it
            print(f"routecheck: cache file {path.name} could not be read ({type(exc).__name__}); rebuilding it",
                  file=sys.stderr)
            path.unlink(missing_ok=True)
    value = build()
    tmp = path.with_name(f"{path.stem}.tmp{os.getpid()}{path.suffix}")
    try:
        save(tmp, value)
        tmp.replace(path)
    except OSError:
        tmp.unlink(missing_ok=True)
    return value
