"""Saving and loading networks as ``.npz``: numeric arrays as they are, text columns as codes into their values.

A national extract has a million edges whose line names, gauges, sources and bases repeat a few thousand
values. Stored as one integer code per row and the distinct values once, a 500k-node network loads in a
fraction of the time a JSON list per row takes; rows are decoded only when read (:class:`Column`).
Files written by earlier versions (JSON lists) still load.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, overload

if TYPE_CHECKING:
    import numpy as np

T = TypeVar("T")
CODED = ("country", "kind", "edge_line", "edge_gauge", "edge_source", "edge_basis")


class Column(Sequence[T]):
    """A read-only column: ``values[codes[i]]`` for row ``i``."""

    def __init__(self, values: Sequence[T], codes: np.ndarray) -> None:
        self.values = list(values)
        self.codes = codes

    def __len__(self) -> int:
        return len(self.codes)

    @overload
    def __getitem__(self, i: int) -> T: ...

    @overload
    def __getitem__(self, i: slice) -> list[T]: ...

    def __getitem__(self, i: int | slice) -> T | list[T]:
        if isinstance(i, slice):
            return [self.values[c] for c in self.codes[i].tolist()]
        return self.values[int(self.codes[i])]

    def __iter__(self) -> Iterator[T]:
        values = self.values
        return (values[c] for c in self.codes.tolist())


def encode(rows: Sequence[Any]) -> tuple[list[Any], np.ndarray]:
    """(distinct values in first-seen order, int32 code per row)."""
    import numpy as np

    if isinstance(rows, Column):
        return rows.values, rows.codes.astype(np.int32)
    seen: dict[Any, int] = {}
    codes = np.fromiter((seen.setdefault(r, len(seen)) for r in rows), dtype=np.int32, count=len(rows))
    return list(seen), codes


def pack(meta: dict[str, Any], columns: dict[str, Sequence[Any]]) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """Meta with the distinct values of each column, and the code arrays to store beside it."""
    arrays = {}
    values = {}
    for name, rows in columns.items():
        vals, codes = encode(rows)
        values[name] = [sorted(v) if isinstance(v, frozenset) else v for v in vals]
        arrays[f"code_{name}"] = codes
    return {**meta, "coded": values}, arrays


def unpack(z: Any) -> dict[str, Any]:
    """The meta of a saved network with every text column as a sequence (Column or, for old files, list)."""
    meta: dict[str, Any] = json.loads(bytes(z["meta"]).decode())
    for name, vals in meta.pop("coded", {}).items():
        values = [frozenset(g) for g in vals] if name == "edge_gauge" else vals
        meta[name] = Column(values, z[f"code_{name}"])
    if isinstance(meta.get("edge_gauge"), list):
        cache: dict[tuple[int, ...], frozenset[int]] = {}
        meta["edge_gauge"] = [cache.setdefault(tuple(g), frozenset(g)) for g in meta["edge_gauge"]]
    return meta


def shortest_parallel(u: np.ndarray, v: np.ndarray, w: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Edges (u < v) with one per pair of nodes: of parallel segments between two stations, the shortest."""
    import numpy as np

    a, b = np.minimum(u, v).astype(np.int64), np.maximum(u, v).astype(np.int64)
    key = a * n + b
    order = np.lexsort((w, key))
    first = np.ones(len(order), dtype=bool)
    first[1:] = key[order][1:] != key[order][:-1]
    return a[order[first]], b[order[first]], w[order[first]]
