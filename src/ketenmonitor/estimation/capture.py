"""Capture-history tables: one 0/1 column per list and a count per combination of lists.

A ``CaptureHistory`` holds the counts of the 2^t - 1 observable cells, indexed by a bit mask:
bit j is set when the people of that cell are on list j + 1 (lists numbered from 1 in column
order, as in the literature). Cell 0 (on no list) is the unobserved cell the estimate is about.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

MAX_LISTS = 9
"""The model notation writes one digit per list, so at most nine lists."""


class CaptureHistoryError(ValueError):
    """A table that cannot be used for multiple systems estimation, with the reason."""


@dataclass(frozen=True)
class CaptureHistory:
    """Counts per combination of lists; ``counts[mask]`` with ``counts[0] == 0``."""

    lists: tuple[str, ...]
    counts: npt.NDArray[np.float64]

    @property
    def t(self) -> int:
        return len(self.lists)

    @property
    def observed(self) -> int:
        return round(float(self.counts.sum()))

    def overlap(self, mask: int) -> float:
        """People seen on every list of ``mask`` (and maybe others)."""
        idx = np.arange(self.counts.size)
        return float(self.counts[(idx & mask) == mask].sum())

    def individuals(self) -> npt.NDArray[np.int64]:
        """The cell (mask) of every observed individual, for resampling."""
        return np.repeat(np.arange(self.counts.size), self.counts.astype(np.int64))

    @classmethod
    def from_rows(
        cls, lists: Sequence[str], rows: Iterable[tuple[Sequence[int], float]]
    ) -> CaptureHistory:
        """Build from (0/1 pattern, count) rows; repeated patterns add up."""
        t = len(lists)
        if t < 2:
            raise CaptureHistoryError("need at least two lists")
        if t > MAX_LISTS:
            raise CaptureHistoryError(f"at most {MAX_LISTS} lists are supported, got {t}")
        counts = np.zeros(2**t)
        for pattern, n in rows:
            if len(pattern) != t:
                raise CaptureHistoryError(f"pattern {pattern} does not have {t} lists")
            if any(v not in (0, 1) for v in pattern):
                raise CaptureHistoryError(f"list columns must be 0 or 1, got {list(pattern)}")
            if n < 0 or not np.isfinite(n):
                raise CaptureHistoryError(f"counts must be non-negative, got {n}")
            mask = sum(1 << j for j, v in enumerate(pattern) if v)
            if mask == 0:
                if n > 0:
                    raise CaptureHistoryError("a row with no list has a count: it cannot be seen")
                continue
            counts[mask] += n
        ch = cls(tuple(lists), counts)
        ch.validate()
        return ch

    def validate(self) -> None:
        """Refuse tables MSE cannot use: no one observed, or no overlap between any lists."""
        if self.counts.sum() <= 0:
            raise CaptureHistoryError("the table has no observed people")
        idx = np.arange(self.counts.size)
        multi = np.array([bin(int(i)).count("1") >= 2 for i in idx])
        if self.counts[multi].sum() == 0:
            raise CaptureHistoryError(
                "no person is on more than one list: without overlaps there is nothing to "
                "estimate from"
            )
        for j in range(self.t):
            if self.overlap(1 << j) == 0:
                raise CaptureHistoryError(f"list {self.lists[j]!r} has no people")


def read_csv(path: Path | str) -> CaptureHistory:
    """Read a table in the format of the MSE literature: 0/1 list columns, last column count."""
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            raise CaptureHistoryError(f"{path}: empty file") from None
        if len(header) < 3 or header[-1].lower() != "count":
            raise CaptureHistoryError(
                f"{path}: expected list columns and a last column 'count', got {header}"
            )
        rows: list[tuple[list[int], float]] = []
        for lineno, row in enumerate(reader, start=2):
            if not row or all(not c.strip() for c in row):
                continue
            if len(row) != len(header):
                raise CaptureHistoryError(f"{path}:{lineno}: {len(row)} fields, not {len(header)}")
            try:
                pattern = [int(c) for c in row[:-1]]
                n = float(row[-1])
            except ValueError:
                raise CaptureHistoryError(
                    f"{path}:{lineno}: list columns must be 0/1 and count a number: {row}"
                ) from None
            if any(v not in (0, 1) for v in pattern):
                raise CaptureHistoryError(
                    f"{path}:{lineno}: list columns must be 0 or 1, got {row[:-1]}"
                )
            if n < 0:
                raise CaptureHistoryError(f"{path}:{lineno}: negative count {row[-1]}")
            rows.append((pattern, n))
    return CaptureHistory.from_rows(header[:-1], rows)
