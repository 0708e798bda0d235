"""The workbook read back with openpyxl: every built table on its own sheet, numbers as numbers,
suppressed cells as their published text, a flag per cell, notes and source line."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from ketenmonitor.disclosure import ProtectedTable
from ketenmonitor.publish.i18n import label, t
from ketenmonitor.publish.text import display_text
from ketenmonitor.publish.workbook import HEADER_ROW


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_workbook_matches_the_stored_tables(
    stored: dict[str, ProtectedTable], out_nl: dict[str, Path], out_en: dict[str, Path], lang: str
) -> None:
    path = (out_nl if lang == "nl" else out_en)["xlsx"]
    wb = openpyxl.load_workbook(path)
    contents = wb.worksheets[0]
    assert contents.title == t("workbook.contents", lang)
    # the contents: one row per table, linked to its sheet
    listed = []
    for row in contents.iter_rows(min_row=4):
        cell = row[0]
        if cell.hyperlink is not None:
            assert cell.value in wb.sheetnames
            assert cell.hyperlink.location == f"'{cell.value}'!A1"
            listed.append(cell.value)
    # every table and the estimated number of victims (test_pub_estimate) after them
    assert len(set(listed)) == len(stored) + 1 == len(wb.sheetnames) - 1
    by_title = {}
    for ws in wb.worksheets[1:]:
        by_title[str(ws.cell(1, 1).value)] = ws
    for tb in stored.values():
        title = f"{label(tb.number, lang)}. {label(tb.title, lang)}"
        ws = by_title[title]
        assert ws.cell(2, 1).value == label(tb.source, lang)
        h = HEADER_ROW + 1  # 1-based header row
        ncols = len(tb.column_labels)
        flag_col = ncols + 3  # 1-based first column of the flag block
        assert [ws.cell(h, 2 + j).value for j in range(ncols)] == [
            label(c, lang) for c in tb.column_labels
        ]
        for i, (row_label, cells) in enumerate(zip(tb.row_labels, tb.cells, strict=True)):
            r = h + 1 + i
            assert ws.cell(r, 1).value == label(row_label, lang)
            for j, cell in enumerate(cells):
                got = ws.cell(r, 2 + j).value
                flag = ws.cell(r, flag_col + 1 + j).value
                if not cell.text:
                    assert got is None and flag is None
                    continue
                assert flag == t(f"flag.{cell.flag}", lang)
                decimals = "." + "0" * cell.decimals if cell.decimals else ""
                if cell.suppressed or cell.value is None:  # '<5', '<0,3%', a class label
                    assert got == display_text(cell, lang, thousands=False), (tb.id, i, j)
                elif cell.text.endswith("%"):
                    assert isinstance(got, int | float)
                    assert round(got * 100 * 10**cell.decimals) == cell.value
                    assert ws.cell(r, 2 + j).number_format == f"0{decimals}%"
                else:
                    assert isinstance(got, int | float) and not isinstance(got, bool)
                    assert got == cell.number, (tb.id, i, j)
                    assert ws.cell(r, 2 + j).number_format == f"#,##0{decimals}"
        # notes below the table
        below = [
            str(ws.cell(r, 1).value)
            for r in range(h + len(tb.row_labels) + 1, ws.max_row + 1)
            if ws.cell(r, 1).value
        ]
        for note in tb.notes:
            assert any(label(note, lang) in x for x in below), (tb.id, note)


def test_suppressed_cells_exist_in_the_workbook(
    stored: dict[str, ProtectedTable], out_nl: dict[str, Path]
) -> None:
    """The test above would pass vacuously without suppressed cells: there are some."""
    assert any(c.suppressed for tb in stored.values() for row in tb.cells for c in row)
    assert any(c.flag == "rounded" for tb in stored.values() for row in tb.cells for c in row)


def test_numbers_with_decimals_are_in_the_built_workbook(
    stored: dict[str, ProtectedTable], out_nl: dict[str, Path], out_en: dict[str, Path]
) -> None:
    """The catalogue's Tabel 3.1 (one-decimal percentages) is built for 2024 too (from no
    incidents: 0,0%), so the test above covers numbers with decimals; bounds, two-decimal means
    and class labels need the 2015-2019 police data and are checked on a table below."""
    cells = [c for tb in stored.values() for row in tb.cells for c in row]
    assert any(c.kind == "percent" and c.decimals == 1 and c.value is not None for c in cells)


def test_workbook_number_formats(tmp_path: Path) -> None:
    """49,3% is the number 0.493 formatted 0.0%, 0,90 is 0.9 formatted #,##0.00, the bound
    '<0,3%' text in the workbook's language, a class label text."""
    from ketenmonitor.disclosure import ProtectedCell
    from ketenmonitor.publish.workbook import write_workbook
    from tests.publish.test_pub_opendata import decimal_figure

    for lang, bound in (("nl", "<0,3%"), ("en", "<0.3%")):
        path = write_workbook([decimal_figure()], tmp_path / f"t_{lang}.xlsx", lang)
        ws = openpyxl.load_workbook(path).worksheets[1]
        row = [ws.cell(HEADER_ROW + 2, 2 + j) for j in range(5)]
        assert [c.value for c in row] == [605, 0.493, 0.9, "veel", 1013]
        assert [c.number_format for c in row][:3] == ["#,##0", "0.0%", "#,##0.00"]
        second = [ws.cell(HEADER_ROW + 3, 2 + j).value for j in range(2)]
        assert second == ["<10", bound]
    assert ProtectedCell("0,90", 90, decimals=2, kind="mean").number == 0.9
