"""Build the catalogue: compute every table for a reporting year, protect it, store it.

The protected cells go to the warehouse table ``publicatie_cellen`` (one row per cell, with the
table id, reporting year, row and column labels and positions, the published text and number,
the flag, the kind of cell (count, percent, mean, label) and the decimals of the number: 49,3%
is stored as text ``49,3%``, value 493, decimals 1). Columns added after a warehouse was first
built (``flag``, ``kind``, ``decimals``) are added by the next build (``CELL_COLUMNS``); a
reader of an older warehouse gets the defaults (exact, a count or a percent by its text, no
decimals).
Only protected cells are stored: whatever reads the catalogue (report, workbook, dashboard)
cannot see an unprotected count. Each cell carries its flag (exact, rounded, primary,
secondary). Before storing, ``build`` protects all tables together and runs the disclosure
audit (``disclosure.catalogue``): when a suppressed cell can be narrowed below its protection
level from everything published, and its table's rule does not record the published pattern
as accepted, nothing is stored and ``UnsafeTables`` is raised. The audit of the last build is
kept in ``publicatie_audit``.
"""

from __future__ import annotations

import duckdb

from ketenmonitor.config import Workspace
from ketenmonitor.disclosure import ProtectedCell, ProtectedTable, protect, protect_catalogue
from ketenmonitor.disclosure.catalogue import AuditReport, UnsafeTables
from ketenmonitor.indicators import TableSpec, compute
from ketenmonitor.indicators.catalogue import catalogue
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
CELL_COLUMNS = (("flag", "VARCHAR"), ("kind", "VARCHAR"), ("decimals", "INTEGER"))
"""The columns of ``publicatie_cellen`` added since its first version (the migration: ``ALTER
TABLE ... ADD COLUMN IF NOT EXISTS`` on every build; old rows read as their defaults)."""
AUDIT_TABLE = """
CREATE TABLE IF NOT EXISTS publicatie_audit (
    table_id VARCHAR NOT NULL,
    jaar INTEGER NOT NULL,
    suppressed INTEGER NOT NULL,
    secondary INTEGER NOT NULL,
    narrowest DOUBLE,
    required DOUBLE NOT NULL,
    status VARCHAR NOT NULL,
    accepted VARCHAR NOT NULL,
    built_at TIMESTAMP NOT NULL,
    PRIMARY KEY (table_id, jaar)
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
        con.execute(f'CREATE TEMP TABLE {q[:-1]}__rows" AS SELECT * FROM {q}')
        con.execute(f"DROP VIEW {q}")
        con.execute(f'ALTER TABLE {q[:-1]}__rows" RENAME TO {q}')


def compute_protected(
    con: duckdb.DuckDBPyConnection, specs: tuple[TableSpec, ...], year: int
) -> list[ProtectedTable]:
    """Each table under its own rule (primary suppression only, no audit)."""
    return [protect(compute(con, s, year)) for s in specs]


def compute_audited(
    con: duckdb.DuckDBPyConnection, specs: tuple[TableSpec, ...], year: int
) -> tuple[list[ProtectedTable], AuditReport]:
    """All tables protected together (secondary suppression where the rules allow) and the
    audit of every suppressed cell against everything published over the same units."""
    tables, report = protect_catalogue(con, [compute(con, s, year) for s in specs])
    assert isinstance(report, AuditReport)
    return tables, report


def audit_catalogue(
    ws: Workspace, year: int, specs: tuple[TableSpec, ...] | None = None
) -> tuple[list[ProtectedTable], AuditReport]:
    """Compute, protect and audit (without storing) every table whose sources are loaded
    (``specs``: by default ``catalogue(year)``)."""
    specs = catalogue(year) if specs is None else specs
    with Warehouse(ws.warehouse) as wh:
        loaded = prepare(wh.con)
        ready = tuple(s for s in specs if set(s.sources) <= loaded)
        return compute_audited(wh.con, ready, year)


def build(
    ws: Workspace, year: int, specs: tuple[TableSpec, ...] | None = None
) -> list[ProtectedTable]:
    """Compute, protect, audit and store every table of ``specs`` (by default
    ``catalogue(year)``) for reporting year ``year`` whose sources are in the warehouse (tables
    of sources not loaded are left out). Raises ``UnsafeTables`` (and stores nothing) when the
    audit fails."""
    specs = catalogue(year) if specs is None else specs
    with Warehouse(ws.warehouse) as wh:
        loaded = prepare(wh.con)
        ready = tuple(s for s in specs if set(s.sources) <= loaded)
        tables, report = compute_audited(wh.con, ready, year)
        if not report.ok:
            raise UnsafeTables(report)
        wh.con.execute(CELLS_TABLE)
        for name, type_ in CELL_COLUMNS:
            wh.con.execute(f"ALTER TABLE publicatie_cellen ADD COLUMN IF NOT EXISTS {name} {type_}")
        wh.con.execute(AUDIT_TABLE)
        wh.con.execute("BEGIN TRANSACTION")
        try:
            for t in tables:
                wh.con.execute(
                    "DELETE FROM publicatie_cellen WHERE table_id = ? AND jaar = ?", [t.id, year]
                )
                rows = [
                    (
                        t.id,
                        year,
                        i,
                        r,
                        j,
                        c,
                        cell.text,
                        cell.value,
                        cell.flag,
                        cell.kind,
                        cell.decimals,
                    )
                    for i, (r, cells) in enumerate(zip(t.row_labels, t.cells, strict=True))
                    for j, (c, cell) in enumerate(zip(t.column_labels, cells, strict=True))
                ]
                if rows:
                    wh.con.executemany(
                        "INSERT INTO publicatie_cellen (table_id, jaar, row_index, row_label, "
                        "column_index, column_label, text, value, flag, kind, decimals, "
                        "built_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, current_timestamp)",
                        rows,
                    )
            for a in report.tables:
                wh.con.execute(
                    "INSERT OR REPLACE INTO publicatie_audit VALUES "
                    "(?, ?, ?, ?, ?, ?, ?, ?, current_timestamp)",
                    [
                        a.table_id,
                        year,
                        a.suppressed,
                        a.secondary,
                        None if a.narrowest == float("inf") else a.narrowest,
                        a.required,
                        a.status,
                        a.accepted,
                    ],
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
        have = {
            str(r[0])
            for r in wh.con.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = 'publicatie_cellen'"
            ).fetchall()
        }
        # a warehouse built before a column was added (read-only here: not migrated)
        extra = ", ".join(name if name in have else "NULL" for name, _ in CELL_COLUMNS)
        rows = wh.con.execute(
            "SELECT row_index, row_label, column_index, column_label, text, value, "
            f"{extra} FROM publicatie_cellen WHERE table_id = ? AND jaar = ? "
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
    cells = [[_stored_cell(r) for r in row] for row in by_row.values()]
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


def _stored_cell(r: tuple[object, ...]) -> ProtectedCell:
    """A cell from its row of ``publicatie_cellen`` (row_index, row_label, column_index,
    column_label, text, value, flag, kind, decimals); NULL flag, kind and decimals (a warehouse
    from before those columns) read as exact, a count (a percent when its text ends in ``%``)
    and no decimals."""
    text = str(r[4])
    kind = r[7] if r[7] is not None else "percent" if text.endswith("%") else "count"
    return ProtectedCell(
        text,
        None if r[5] is None else int(str(r[5])),
        str(r[6] or "exact"),  # type: ignore[arg-type]
        0 if r[8] is None else int(str(r[8])),
        str(kind),  # type: ignore[arg-type]
    )


def to_csv_rows(table: ProtectedTable) -> list[list[str]]:
    """The table as CSV rows: the published row labels in the first column."""
    head = [table.row_header or "label", *table.column_labels]
    body = [
        [label, *(c.text for c in cells)]
        for label, cells in zip(table.row_labels, table.cells, strict=True)
    ]
    return [head, *body]
