"""The dashboard's one door to the warehouse: the protected tables and nothing else.

Everything the dashboard shows comes from here, and everything here comes from the warehouse
table ``publicatie_cellen`` that ``ketenmonitor build`` fills with protected cells only:

- ``index()``: which tables were built for which reporting year (one ``SELECT DISTINCT`` over
  ``publicatie_cellen``);
- ``table(table_id, year)``: one table as ``indicators.build.stored_table`` reads it, with the
  disclosure footnote of its rule (``disclosure/rules.toml``) added.

No other warehouse table (deliveries, unit views, quarantine, lineage) is ever read, so no
route of the dashboard can serve microdata or an unprotected count. The warehouse is opened
read-only for each read and closed again, so ``ketenmonitor build`` can run beside ``serve``;
tables are cached until the warehouse file changes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from ketenmonitor.config import Workspace
from ketenmonitor.disclosure import ProtectedTable, load_rules
from ketenmonitor.indicators import TableSpec
from ketenmonitor.indicators.build import stored_table
from ketenmonitor.indicators.catalogue import CATALOGUE
from ketenmonitor.warehouse import Warehouse

T = TypeVar("T")

CELLS = "publicatie_cellen"
"""The only warehouse table the dashboard reads."""


class NothingBuilt(LookupError):
    """The workspace has no protected tables yet."""


class WarehouseBusy(RuntimeError):
    """The warehouse is locked by a writer (``ketenmonitor build`` or ``ingest`` running)."""


class PublishedStore:
    """Read access to the protected tables of one workspace, cached per warehouse version."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self._lock = threading.Lock()
        self._version: tuple[int, ...] | None = None
        self._index: dict[int, tuple[str, ...]] = {}
        self._tables: dict[tuple[str, int], ProtectedTable] = {}
        self._memo: dict[tuple[object, ...], Any] = {}
        self._specs = {s.id: s for s in CATALOGUE}

    # ------------------------------------------------------------------ cache

    def _signature(self) -> tuple[int, ...]:
        out: list[int] = []
        for p in (self.ws.warehouse, Path(str(self.ws.warehouse) + ".wal")):
            try:
                st = p.stat()
            except FileNotFoundError:
                out += [0, 0]
            else:
                out += [st.st_mtime_ns, st.st_size]
        return tuple(out)

    def _fresh(self) -> None:
        """Drop the cache when the warehouse file changed since it was filled."""
        sig = self._signature()
        if sig != self._version:
            self._index = self._read_index()
            self._tables.clear()
            self._memo.clear()
            self._version = sig

    def _read_index(self) -> dict[int, tuple[str, ...]]:
        if not self.ws.warehouse.exists():
            return {}
        try:
            with Warehouse(self.ws.warehouse, read_only=True) as wh:
                exists = wh.con.execute(
                    "SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                    [CELLS],
                ).fetchall()[0][0]
                if not exists:
                    return {}
                rows = wh.con.execute(
                    f"SELECT DISTINCT jaar, table_id FROM {CELLS} ORDER BY jaar, table_id"
                ).fetchall()
        except duckdb.IOException as exc:
            raise WarehouseBusy(
                f"the warehouse {self.ws.warehouse} is in use by another command; "
                "try again when it has finished"
            ) from exc
        index: dict[int, list[str]] = {}
        for year, table_id in rows:
            if str(table_id) in self._specs:  # a table dropped from the catalogue is not shown
                index.setdefault(int(year), []).append(str(table_id))
        order = {s.id: i for i, s in enumerate(CATALOGUE)}
        return {y: tuple(sorted(ids, key=order.__getitem__)) for y, ids in index.items()}

    # ------------------------------------------------------------------ reads

    def years(self) -> list[int]:
        """The reporting years with built tables, newest first."""
        with self._lock:
            self._fresh()
            return sorted(self._index, reverse=True)

    def table_ids(self, year: int) -> tuple[str, ...]:
        """The ids of the tables built for ``year``, in catalogue order."""
        with self._lock:
            self._fresh()
            return self._index.get(year, ())

    def spec(self, table_id: str) -> TableSpec:
        try:
            return self._specs[table_id]
        except KeyError:
            raise KeyError(f"unknown table {table_id!r}") from None

    def table(self, table_id: str, year: int) -> ProtectedTable:
        """A table as ``build`` stored it (protected cells only), with its disclosure
        footnotes. ``KeyError`` when it was not built for ``year``."""
        spec = self.spec(table_id)
        with self._lock:
            self._fresh()
            if table_id not in self._index.get(year, ()):
                raise KeyError(f"{table_id} was not built for {year}")
            key = (table_id, year)
            if key not in self._tables:
                try:
                    t = stored_table(self.ws, spec, year)
                except duckdb.IOException as exc:
                    raise WarehouseBusy(
                        f"the warehouse {self.ws.warehouse} is in use by another command; "
                        "try again when it has finished"
                    ) from exc
                if t is None:
                    raise KeyError(f"{table_id} was not built for {year}")
                rule = load_rules().rule(spec.disclosure, spec.id)
                self._tables[key] = replace(
                    t,
                    footnote_nl=rule.footnote_nl,
                    footnote_en=rule.footnote_en,
                    rule=spec.disclosure,
                )
            return self._tables[key]

    def memo(self, key: tuple[object, ...], make: Callable[[], T]) -> T:
        """``make()``, kept until the warehouse changes (for what is costly to derive from the
        tables, such as a chart)."""
        with self._lock:
            self._fresh()
            if key in self._memo:
                cached: T = self._memo[key]
                return cached
        value = make()
        with self._lock:
            self._memo[key] = value
        return value

    def require_tables(self) -> list[int]:
        """The built years, or ``NothingBuilt`` with what to run."""
        years = self.years()
        if not years:
            raise NothingBuilt(
                f"no protected tables in {self.ws.warehouse}: run `ketenmonitor build --year "
                "2024` after ingesting deliveries (or `ketenmonitor demo` for synthetic data)"
            )
        return years
