"""The warehouse: one DuckDB file holding every delivery as a snapshot.

Layout (see docs/warehouse.md):

- ``lineage``: one row per snapshot (source, peildatum, content hash, file, contract version,
  load time, counts). A snapshot is identified by source, peildatum and content hash.
- ``lineage_tables``: the counts per table of each snapshot.
- ``quarantine``: every rejected row with file, row number, column, value, rule and message.
- ``<source>__<table>``: the accepted rows of every snapshot, with ``snapshot_id`` and ``_row``.
- schema ``current``: a view per data table with the rows of the snapshot that is in force,
  the newest peildatum of the source (the latest load when a peildatum is delivered twice).
- table macro ``<source>__<table>_as_of(d)``: the rows in force on date ``d``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb

from ketenmonitor.contracts import Contract, Table

WAREHOUSE_FILE = "warehouse.duckdb"

SCHEMA = """
CREATE TABLE IF NOT EXISTS lineage (
    snapshot_id VARCHAR PRIMARY KEY,
    source VARCHAR NOT NULL,
    peildatum DATE NOT NULL,
    content_hash VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    file_format VARCHAR NOT NULL,
    contract_version VARCHAR NOT NULL,
    loaded_at TIMESTAMP NOT NULL,
    rows_read BIGINT NOT NULL,
    rows_loaded BIGINT NOT NULL,
    rows_quarantined BIGINT NOT NULL,
    archive_path VARCHAR NOT NULL,
    details JSON
);
CREATE TABLE IF NOT EXISTS lineage_tables (
    snapshot_id VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    rows_read BIGINT NOT NULL,
    rows_loaded BIGINT NOT NULL,
    rows_quarantined BIGINT NOT NULL,
    PRIMARY KEY (snapshot_id, table_name)
);
CREATE TABLE IF NOT EXISTS quarantine (
    snapshot_id VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    row_number BIGINT NOT NULL,
    column_name VARCHAR,
    value VARCHAR,
    rule VARCHAR NOT NULL,
    message VARCHAR NOT NULL,
    record JSON
);
CREATE SCHEMA IF NOT EXISTS current;
CREATE OR REPLACE VIEW quarantine_summary AS
    SELECT snapshot_id, source, table_name, rule, count(DISTINCT row_number) AS rows
    FROM quarantine GROUP BY ALL ORDER BY ALL;
"""


def data_table(source: str, table: str) -> str:
    """Name of the warehouse table that holds ``table`` of ``source``'s deliveries."""
    return f"{source}__{table}"


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def in_force(table: str, as_of: dt.date | None = None) -> str:
    """SQL for the rows of data table ``table`` (``<source>__<table>``) in force: the view
    ``current.<table>``, or the macro ``<table>_as_of`` on a date."""
    if as_of is None:
        return f"current.{quote(table)}"
    return f"{quote(table + '_as_of')}(DATE '{as_of.isoformat()}')"


def has_table(con: duckdb.DuckDBPyConnection, name: str, schema: str = "current") -> bool:
    """Whether the warehouse has table or view ``schema.name`` (a source that was loaded)."""
    rows = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
        [schema, name],
    ).fetchall()
    return bool(rows[0][0])


class Warehouse:
    """A connection to the warehouse file, with the schema in place."""

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = path
        if read_only and not path.exists():
            raise FileNotFoundError(
                f"no warehouse at {path}: ingest a delivery first (`ketenmonitor ingest`)"
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(str(path), read_only=read_only)
        if not read_only:
            self.con.execute(SCHEMA)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ structure

    def ensure_tables(self, contract: Contract) -> None:
        """Create (or widen, for a newer contract version) the data tables of ``contract``."""
        for t in contract.tables:
            name = data_table(contract.name, t.name)
            cols = [("snapshot_id", "VARCHAR NOT NULL"), ("_row", "BIGINT NOT NULL")]
            cols += t.stored_columns()
            exists = self.con.execute(
                "SELECT count(*) FROM information_schema.tables "
                "WHERE table_schema = 'main' AND table_name = ?",
                [name],
            ).fetchall()
            if not exists[0][0]:
                ddl = ", ".join(f"{quote(c)} {ty}" for c, ty in cols)
                self.con.execute(f"CREATE TABLE {quote(name)} ({ddl})")
            else:
                have = {
                    r[0]
                    for r in self.con.execute(
                        "SELECT column_name FROM information_schema.columns "
                        "WHERE table_schema = 'main' AND table_name = ?",
                        [name],
                    ).fetchall()
                }
                for c, ty in cols:
                    if c not in have:
                        self.con.execute(
                            f"ALTER TABLE {quote(name)} ADD COLUMN {quote(c)} "
                            f"{ty.replace(' NOT NULL', '')}"
                        )
            self._views(contract.name, t)

    def _views(self, source: str, table: Table) -> None:
        name = data_table(source, table.name)
        self.con.execute(
            f"CREATE OR REPLACE VIEW current.{quote(name)} AS "
            f"SELECT * EXCLUDE (snapshot_id, _row) FROM main.{quote(name)} "
            f"WHERE snapshot_id = (SELECT snapshot_id FROM main.lineage WHERE source = '{source}' "
            "ORDER BY peildatum DESC, loaded_at DESC LIMIT 1)"
        )
        self.con.execute(
            f"CREATE OR REPLACE MACRO {quote(name + '_as_of')}(d) AS TABLE "
            f"SELECT * EXCLUDE (snapshot_id, _row) FROM main.{quote(name)} "
            f"WHERE snapshot_id = (SELECT snapshot_id FROM main.lineage WHERE source = '{source}' "
            "AND peildatum <= CAST(d AS DATE) ORDER BY peildatum DESC, loaded_at DESC LIMIT 1)"
        )

    # ------------------------------------------------------------ queries

    def snapshot_for(self, source: str, as_of: dt.date | None = None) -> str | None:
        """The snapshot in force for ``source``: the newest peildatum (on or before ``as_of``)."""
        sql = "SELECT snapshot_id FROM lineage WHERE source = ?"
        params: list[Any] = [source]
        if as_of is not None:
            sql += " AND peildatum <= ?"
            params.append(as_of)
        row = self.con.execute(
            sql + " ORDER BY peildatum DESC, loaded_at DESC LIMIT 1", params
        ).fetchall()
        return str(row[0][0]) if row else None

    def rows(
        self, source: str, table: str, as_of: dt.date | None = None
    ) -> duckdb.DuckDBPyRelation:
        """The rows of ``source``'s ``table`` in force (as of a date, if given)."""
        snap = self.snapshot_for(source, as_of)
        name = quote(data_table(source, table))
        return self.con.sql(
            f"SELECT * EXCLUDE (snapshot_id, _row) FROM {name} WHERE snapshot_id = $s",
            params={"s": snap or ""},
        )

    def find_snapshot(self, source: str, content_hash: str) -> tuple[str, dt.date] | None:
        row = self.con.execute(
            "SELECT snapshot_id, peildatum FROM lineage WHERE source = ? AND content_hash = ?",
            [source, content_hash],
        ).fetchall()
        return (str(row[0][0]), row[0][1]) if row else None

    def lineage(self) -> list[dict[str, Any]]:
        cur = self.con.execute(
            "SELECT snapshot_id, source, peildatum, file_name, file_format, contract_version, "
            "loaded_at, rows_read, rows_loaded, rows_quarantined, content_hash, "
            "snapshot_id = (SELECT snapshot_id FROM lineage l2 WHERE l2.source = l.source "
            "ORDER BY peildatum DESC, loaded_at DESC LIMIT 1) AS in_force "
            "FROM lineage l ORDER BY source, peildatum, loaded_at"
        )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def quarantine_summary(self) -> list[tuple[str, str, str, int]]:
        return [
            (str(a), str(b), str(c), int(d))
            for a, b, c, d in self.con.execute(
                "SELECT snapshot_id, table_name, rule, rows FROM quarantine_summary"
            ).fetchall()
        ]
