"""Build the catalogue: compute every table for a reporting year, protect it, store it.

The protected cells go to the warehouse table ``publicatie_cellen`` (one row per cell, with the
table id, reporting year, row and column labels and positions, the published text and number).
Only protected cells are stored: whatever reads the catalogue (report, workbook, dashboard)
cannot see an unprotected count.
"""

from __future__ import annotations

import duckdb

from ketenmonitor.config import Workspace
from ketenmonitor.disclosure import ProtectedCell, ProtectedTable, protect
from ketenmonitor.indicators import TableSpec, compute
from ketenmonitor.indicators.jaarcijfers import CATALOGUE
from ketenmonitor.warehouse import Warehouse

CELLS_TABLE = """
CREATE TABLE IF NOT EXISTS publicatie_cellen (
    table_id VARCHAR NOT NULL,
    jaar INTEGER NOT NULL,
    row_index INTEGER NOT NULL,
    row_label VARCHAR NOT NULL,
    column_index INTEGER NOT NULL,
    column_label VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    value BIGINT,
    built_at TIMESTAMP NOT NULL,
    PRIMARY KEY (table_id, jaar, row_index, column_index)
)
"""


def loaded_sources(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {str(r[0]) for r in con.execute("SELECT DISTINCT source FROM lineage").fetchall()}


def prepare(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Create the unit views of the domain rules for every source that has a snapshot; return
    the sources that have one."""
    from ketenmonitor.domain import VIEW_MAKERS

    loaded = loaded_sources(con)
    for source, make in VIEW_MAKERS.items():
        if source in loaded:
            make(con)
    materialise_temp_views(con)
    return loaded


def materialise_temp_views(con: duckdb.DuckDBPyConnection) -> None:
    """Replace every temporary view by a temporary table with its rows, in creation order.

    The catalogue reads each unit view many times (one query per table); computing the view
    once instead of per table is what keeps a build fast at scale. Views defined on other views
    keep working: DuckDB binds a view's query when it is used.
    """
    views = con.execute(
        "SELECT view_name FROM duckdb_views() WHERE temporary AND NOT internal ORDER BY view_oid"
    ).fetchall()
    for (name,) in views:
        q = '"' + str(name).replace('"', '""') + '"'
        con.execute(f"CREATE TEMP TABLE {q[:-1]}__rows\" AS SELECT * FROM {q}")
        con.execute(f"DROP VIEW {q}")
        con.execute(f"ALTER TABLE {q[:-1]}__rows\" RENAME TO {q}")


def compute_protected(
    con: duckdb.DuckDBPyConnection, specs: tuple[TableSpec, ...], year: int
) -> list[ProtectedTable]:
    return [protect(compute(con, s, year)) for s in specs]


def build(
    ws: Workspace, year: int, specs: tuple[TableSpec, ...] = CATALOGUE
) -> list[ProtectedTable]:
    """Compute, protect and store every table of ``specs`` for reporting year ``year`` whose
    sources are in the warehouse (tables of sources not loaded are left out)."""
    with Warehouse(ws.warehouse) as wh:
        loaded = prepare(wh.con)
        ready = tuple(s for s in specs if set(s.sources) <= loaded)
        tables = compute_protected(wh.con, ready, year)
        wh.con.execute(CELLS_TABLE)
        wh.con.execute("BEGIN TRANSACTION")
        try:
            for t in tables:
                wh.con.execute(
                    "DELETE FROM publicatie_cellen WHERE table_id = ? AND jaar = ?", [t.id, year]
                )
                rows = [
                    (t.id, year, i, r, j, c, cell.text, cell.value)
                    for i, (r, cells) in enumerate(zip(t.row_labels, t.cells, strict=True))
                    for j, (c, cell) in enumerate(zip(t.column_labels, cells, strict=True))
                ]
                if rows:
                    wh.con.executemany(
                        "INSERT INTO publicatie_cellen VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                        "current_timestamp)",
                        rows,
                    )
        except BaseException:
            wh.con.execute("ROLLBACK")
            raise
        wh.con.execute("COMMIT")
    return tables


def stored_table(ws: Workspace, spec: TableSpec, year: int) -> ProtectedTable | None:
    """A table as ``build`` stored it, or None when it was not built for that year."""
    with Warehouse(ws.warehouse, read_only=True) as wh:
        exists = wh.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'publicatie_cellen'"
        ).fetchall()[0][0]
        if not exists:
            return None
        rows = wh.con.execute(
            "SELECT row_index, row_label, column_index, column_label, text, value "
            "FROM publicatie_cellen WHERE table_id = ? AND jaar = ? "
            "ORDER BY row_index, column_index",
            [spec.id, year],
        ).fetchall()
    if not rows:
        return None
    by_row: dict[int, list[tuple[object, ...]]] = {}
    for r in rows:
        by_row.setdefault(int(r[0]), []).append(r)
    row_labels = [str(cells[0][1]) for cells in by_row.values()]
    column_labels = [str(r[3]) for r in by_row[min(by_row)]]
    cells = [
        [ProtectedCell(str(r[4]), None if r[5] is None else int(str(r[5]))) for r in row]
        for row in by_row.values()
    ]
    return ProtectedTable(
        id=spec.id,
        year=year,
        number=spec.number,
        title=spec.title_nl,
        source=spec.source,
        row_header=spec.row_header,
        notes=spec.notes,
        row_labels=row_labels,
        column_labels=column_labels,
        cells=cells,
    )


def to_csv_rows(table: ProtectedTable) -> list[list[str]]:
    """The table as CSV rows: the published row labels in the first column."""
    head = [table.row_header or "label", *table.column_labels]
    body = [
        [label, *(c.text for c in cells)]
        for label, cells in zip(table.row_labels, table.cells, strict=True)
    ]
    return [head, *body]
