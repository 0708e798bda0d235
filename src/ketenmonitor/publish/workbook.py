"""The workbook: one XLSX sheet per built table, for analysts to reuse (XlsxWriter).

Layout of a table's sheet (rows counted from 1):

1. number and title; 2. source line; 4. the header row (row header, then the column labels);
5+. one row per table row: counts as numbers, percentages as numbers with a percent format
with their decimals (49,3% is 0.493 formatted ``0.0%``), means as numbers with their decimals
(``#,##0.00`` for 0,90), suppressed cells and bounds as their published text ("<5", "<10",
".", "<0,3%", in the workbook's language), class labels as text, blank cells empty. Rounded cells
are in italics, suppressed cells shaded. To the right, after one empty column, the same grid
again with the disclosure flag of every cell (exact, rounded, primary, secondary, in the
workbook's language). Below the table: the notes and the disclosure footnote.

The first sheet is the contents: every table with a link to its sheet, its number, title and
source, and the legend of the flags. After the tables, when the publication has one, the sheet
of the estimated number of victims (``publish.estimate``) in the same layout: the registered
number (exact) and the estimate with its 95% and 80% intervals (rounded, as the report shows
them), the flags beside them, then the rounding, the note on the assumptions and the method.
Tables are frozen below their header and beside their row labels.
"""

from __future__ import annotations

import re
from pathlib import Path

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from ketenmonitor.disclosure import ProtectedCell
from ketenmonitor.publish import estimate as est_mod
from ketenmonitor.publish.estimate import PublishedEstimate
from ketenmonitor.publish.i18n import check_lang, label, t
from ketenmonitor.publish.tables import Figure
from ketenmonitor.publish.text import display_text

FLAGS = ("exact", "rounded", "primary", "secondary")
HEADER_ROW = 3
"""0-based row of a table sheet's header; the table's rows follow it."""
_PERCENT = re.compile(r"^-?\d+%$")
_BAD = re.compile(r"[\[\]:*?/\\]")


def sheet_names(figures: list[Figure], lang: str) -> list[str]:
    """A unique sheet name (at most 31 characters, Excel's limit) per figure."""
    used: set[str] = set()
    names = []
    for f in figures:
        prefix = "DM " if f.id.startswith("dadermonitor.") else ""
        base = _BAD.sub("-", prefix + label(f.table.number or f.id, lang))[:28].strip()
        name, n = base, 2
        while name.casefold() in used:
            name = f"{base[:26]} ({n})"
            n += 1
        used.add(name.casefold())
        names.append(name)
    return names


def number_format(cell: ProtectedCell) -> str:
    """The Excel number format of a cell with a number: ``#,##0`` for counts, ``0%`` /
    ``0.0%`` for percentages, ``#,##0.00`` for a mean with two decimals."""
    decimals = "." + "0" * cell.decimals if cell.decimals > 0 else ""
    if cell.kind == "percent" or _PERCENT.match(cell.text):
        return f"0{decimals}%"
    return f"#,##0{decimals}"


def _write_cell(
    ws: Worksheet,
    r: int,
    c: int,
    cell: ProtectedCell,
    fmt: dict[str, object],
    lang: str = "nl",
    wb: xlsxwriter.Workbook | None = None,
) -> None:
    if not cell.text:
        return
    if cell.suppressed or cell.value is None:
        text = display_text(cell, lang, thousands=False)
        style = "suppressed" if cell.suppressed else "label" if cell.kind == "label" else "text"
        ws.write_string(r, c, text, fmt[style])
        return
    style = number_format(cell)
    key = f"{'rounded' if cell.flag == 'rounded' else 'number'}:{style}"
    if key not in fmt and wb is not None:
        fmt[key] = wb.add_format({"num_format": style, "italic": cell.flag == "rounded"})
    number = cell.number
    assert number is not None
    percent = style.endswith("%")
    ws.write_number(r, c, number / 100 if percent else number, fmt.get(key, fmt["number"]))


def write_workbook(
    figures: list[Figure],
    path: Path,
    lang: str = "nl",
    *,
    estimate: PublishedEstimate | None = None,
) -> Path:
    """Write the workbook of ``figures`` to ``path`` (``.xlsx``) in ``lang``, with a sheet for
    ``estimate`` when it is given and available."""
    check_lang(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path))
    try:
        fmt: dict[str, object] = {
            "title": wb.add_format({"bold": True, "font_size": 13}),
            "bold": wb.add_format({"bold": True}),
            "header": wb.add_format({"bold": True, "bottom": 1, "text_wrap": True}),
            "number": wb.add_format({"num_format": "#,##0"}),
            "rounded": wb.add_format({"num_format": "#,##0", "italic": True}),
            "percent": wb.add_format({"num_format": "0%"}),
            "number:#,##0": wb.add_format({"num_format": "#,##0"}),
            "rounded:#,##0": wb.add_format({"num_format": "#,##0", "italic": True}),
            "number:0%": wb.add_format({"num_format": "0%"}),
            "suppressed": wb.add_format({"bg_color": "#E0E0E0", "align": "right"}),
            "text": wb.add_format({"align": "right"}),
            "label": wb.add_format({"align": "left"}),
            "flag": wb.add_format({"font_color": "#555555"}),
            "note": wb.add_format({"italic": True}),
            "link": wb.add_format({"font_color": "blue", "underline": 1}),
            "wrap": wb.add_format({"text_wrap": True, "valign": "top"}),
        }
        names = sheet_names(figures, lang)
        contents = wb.add_worksheet(t("workbook.contents", lang)[:31])
        contents.write_string(
            0, 0, t("report.title", lang).format(year=_year(figures)), fmt["title"]
        )
        heads = [t(f"workbook.{k}", lang) for k in ("sheet", "number", "title", "source")]
        for c, h in enumerate(heads):
            contents.write_string(2, c, h, fmt["header"])
        for i, (f, name) in enumerate(zip(figures, names, strict=True), start=3):
            contents.write_url(i, 0, f"internal:'{name}'!A1", fmt["link"], string=name)
            contents.write_string(i, 1, label(f.table.number, lang))
            contents.write_string(i, 2, label(f.table.title, lang))
            contents.write_string(i, 3, label(f.table.source, lang))
        r = len(figures) + 4
        est_name = ""
        if estimate is not None and estimate.available:
            est_name = _unique(t("estimate.sheet", lang), names)
            contents.write_url(r - 1, 0, f"internal:'{est_name}'!A1", fmt["link"], string=est_name)
            contents.write_string(r - 1, 2, est_mod.title(estimate, lang))
            contents.write_string(r - 1, 3, t("estimate.source", lang))
            r += 1
        contents.write_string(r, 0, t("workbook.legend", lang), fmt["bold"])
        for k, flag in enumerate(FLAGS, start=1):
            contents.write_string(r + k, 0, t(f"flag.{flag}", lang))
            contents.write_string(r + k, 1, t(f"flag_legend.{flag}", lang))
        contents.set_column(0, 0, 26)
        contents.set_column(1, 1, 22)
        contents.set_column(2, 2, 90)
        contents.set_column(3, 3, 45)
        for f, name in zip(figures, names, strict=True):
            _table_sheet(wb.add_worksheet(name), f, lang, fmt, wb)
        if est_name and estimate is not None:
            _estimate_sheet(wb.add_worksheet(est_name), estimate, lang, fmt)
    finally:
        wb.close()
    return path


def _unique(name: str, used: list[str]) -> str:
    taken = {u.casefold() for u in used}
    base, n, out = name[:28], 2, name[:31]
    while out.casefold() in taken:
        out = f"{base[:26]} ({n})"
        n += 1
    return out


def _estimate_sheet(
    ws: Worksheet, est: PublishedEstimate, lang: str, fmt: dict[str, object]
) -> None:
    ws.write_string(0, 0, est_mod.title(est, lang), fmt["title"])
    ws.write_string(1, 0, est_mod.source_line(est, lang), fmt["note"])
    flag_col = 3
    for c in (0, flag_col):
        ws.write_string(HEADER_ROW, c, t("estimate.row_header", lang), fmt["header"])
        ws.write_string(HEADER_ROW, c + 1, str(est.year), fmt["header"])
    ws.write_string(HEADER_ROW - 1, flag_col, t("workbook.flags", lang), fmt["bold"])
    rows = est_mod.rows(est, lang)
    for i, (key, text, value) in enumerate(rows):
        r = HEADER_ROW + 1 + i
        flag = est_mod.flag(key)
        ws.write_string(r, 0, text)
        ws.write_number(r, 1, value, fmt["rounded" if flag == "rounded" else "number"])
        ws.write_string(r, flag_col, text)
        ws.write_string(r, flag_col + 1, t(f"flag.{flag}", lang), fmt["flag"])
    r = HEADER_ROW + 2 + len(rows)
    assert est.figure is not None
    notes = [
        est_mod.sentence(est, lang),
        est_mod.rounding_note(est, lang),
        est_mod.edge_warning(est, lang),
        f"{t('estimate.note_title', lang)}: {est.figure['note'][lang]}",
    ]
    for n in (x for x in notes if x):
        ws.write_string(r, 0, f"{t('workbook.note', lang)}: {n}", fmt["note"])
        r += 1
    ws.set_column(0, 0, 48)
    ws.set_column(1, 1, 12)
    ws.set_column(flag_col, flag_col, 40)
    ws.set_column(flag_col + 1, flag_col + 1, 14)
    ws.freeze_panes(HEADER_ROW + 1, 1)


def _year(figures: list[Figure]) -> int:
    return figures[0].table.year if figures else 0


def _table_sheet(
    ws: Worksheet,
    f: Figure,
    lang: str,
    fmt: dict[str, object],
    wb: xlsxwriter.Workbook | None = None,
) -> None:
    tb = f.table
    ws.write_string(0, 0, f"{label(tb.number, lang)}. {label(tb.title, lang)}", fmt["title"])
    ws.write_string(1, 0, label(tb.source, lang), fmt["note"])
    ncols = len(tb.column_labels)
    flag_col = ncols + 2
    ws.write_string(
        HEADER_ROW, 0, label(tb.row_header, lang) or t("workbook.row", lang), fmt["header"]
    )
    ws.write_string(HEADER_ROW - 1, flag_col, t("workbook.flags", lang), fmt["bold"])
    ws.write_string(
        HEADER_ROW, flag_col, label(tb.row_header, lang) or t("workbook.row", lang), fmt["header"]
    )
    for j, col in enumerate(tb.column_labels):
        ws.write_string(HEADER_ROW, 1 + j, label(col, lang), fmt["header"])
        ws.write_string(HEADER_ROW, flag_col + 1 + j, label(col, lang), fmt["header"])
    for i, (row_label, cells) in enumerate(zip(tb.row_labels, tb.cells, strict=True)):
        r = HEADER_ROW + 1 + i
        ws.write_string(r, 0, label(row_label, lang))
        ws.write_string(r, flag_col, label(row_label, lang))
        for j, cell in enumerate(cells):
            _write_cell(ws, r, 1 + j, cell, fmt, lang, wb)
            if cell.text:
                ws.write_string(r, flag_col + 1 + j, t(f"flag.{cell.flag}", lang), fmt["flag"])
    r = HEADER_ROW + 2 + len(tb.row_labels)
    notes = [label(n, lang) for n in tb.notes]
    if f.footnote(lang):
        notes.append(f.footnote(lang))
    for n in notes:
        ws.write_string(r, 0, f"{t('workbook.note', lang)}: {n}", fmt["note"])
        r += 1
    ws.set_column(0, 0, 48)
    ws.set_column(1, ncols, 12)
    ws.set_column(flag_col, flag_col, 30)
    ws.set_column(flag_col + 1, flag_col + ncols, 12)
    ws.freeze_panes(HEADER_ROW + 1, 1)
