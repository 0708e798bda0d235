"""The store of protected cells (``publicatie_cellen``): kind and decimals are stored and read
back, a warehouse built before those columns still reads, and the next build migrates it."""

from __future__ import annotations

from pathlib import Path

from ketenmonitor.config import Workspace
from ketenmonitor.disclosure import ProtectedCell
from ketenmonitor.indicators import Category, ColumnBlock, Dimension, TableSpec
from ketenmonitor.indicators.build import build, stored_table
from ketenmonitor.warehouse import Warehouse

SPEC = TableSpec(
    id="test.overige_feiten",
    number="Tabel T",
    title_nl="Overige feiten",
    source="Bron: test",
    unit="units",
    rows=Dimension(
        "feiten",
        (Category("Vermogen", ("V",)), Category("Doodslag", ("X",))),
        multi=True,
    ),
    columns=(
        ColumnBlock("total", label="Aantal"),
        ColumnBlock("share", label="Van alle", base="true", decimals=1),
        ColumnBlock("measure", label="Per duizend", expr="count(*) / 3.42", decimals=2),
        ColumnBlock(
            "measure", label="Klasse", expr="count(*)", classes=((10, "weinig"), (None, "veel"))
        ),
    ),
    disclosure="cbs",
    sources=(),
)

OLD_CELLS = """
CREATE TABLE publicatie_cellen (
    table_id VARCHAR NOT NULL, jaar INTEGER NOT NULL, row_index INTEGER NOT NULL,
    row_label VARCHAR NOT NULL, column_index INTEGER NOT NULL, column_label VARCHAR NOT NULL,
    text VARCHAR NOT NULL, value BIGINT, built_at TIMESTAMP NOT NULL,
    PRIMARY KEY (table_id, jaar, row_index, column_index)
)
"""


def _workspace(tmp_path: Path) -> Workspace:
    ws = Workspace(tmp_path)
    with Warehouse(ws.warehouse) as wh:
        wh.con.execute(
            "CREATE TABLE units AS SELECT 2019 AS jaar, CASE WHEN i < 604 THEN ['V'] "
            "WHEN i < 607 THEN ['X'] ELSE []::VARCHAR[] END AS feiten FROM range(3420) t(i)"
        )
    return ws


def test_decimals_kind_and_labels_round_trip(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    [built] = build(ws, 2019, (SPEC,))
    back = stored_table(ws, SPEC, 2019)
    assert back is not None
    assert back.cells == built.cells
    vermogen, doodslag = back.cells
    assert vermogen == [
        ProtectedCell("605", 605, "rounded", 0, "count"),
        ProtectedCell("17,7%", 177, "exact", 1, "percent"),
        ProtectedCell("176,61", 17661, "exact", 2, "mean"),
        ProtectedCell("veel", None, "exact", 0, "label"),
    ]
    assert doodslag[:2] == [
        ProtectedCell("<10", None, "primary", 0, "count"),
        ProtectedCell("<0,3%", None, "primary", 1, "percent"),
    ]


def test_an_old_warehouse_reads_and_the_next_build_migrates_it(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    with Warehouse(ws.warehouse) as wh:
        wh.con.execute(OLD_CELLS)
        wh.con.execute(
            "INSERT INTO publicatie_cellen VALUES "
            "('test.overige_feiten', 2018, 0, 'Vermogen', 0, 'Aantal', '600', 600, now()), "
            "('test.overige_feiten', 2018, 0, 'Vermogen', 1, 'Van alle', '18%', 18, now())"
        )
    old = [
        ProtectedCell("600", 600, "exact", 0, "count"),
        ProtectedCell("18%", 18, "exact", 0, "percent"),
    ]
    before = stored_table(ws, SPEC, 2018)  # read-only: no column added
    assert before is not None and before.cells == [old]
    build(ws, 2019, (SPEC,))
    with Warehouse(ws.warehouse, read_only=True) as wh:
        columns = {
            r[0]
            for r in wh.con.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = 'publicatie_cellen'"
            ).fetchall()
        }
    assert {"flag", "kind", "decimals"} <= columns
    after = stored_table(ws, SPEC, 2018)
    assert after is not None and after.cells == [old]
    new = stored_table(ws, SPEC, 2019)
    assert new is not None and new.cells[0][1].decimals == 1
