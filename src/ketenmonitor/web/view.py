"""What the dashboard shows, as plain data: filters, tables restricted to a form of
trafficking, the chain figure, the downloads. No HTTP here (``app.py``), no warehouse access
(``store.py``): every function takes protected tables and returns protected cells, unchanged.

- The dashboard's own words are in ``i18n/nl.toml`` and ``i18n/en.toml`` (``words``); the
  labels of the tables are translated by the publication's ``publish.i18n.label``.
- The form filter and the chain phases are data in ``dashboard.toml``.
- Nothing here computes a new number: a restricted table is a subset of a protected table's
  cells, and the chain figure is the chain table of the catalogue (``indicators.keten``,
  Dadermonitor Figuur 1) as published, or, for a year where it is not built, a list of
  published cells of other tables.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any, Literal

from ketenmonitor.disclosure import ProtectedCell, ProtectedTable
from ketenmonitor.indicators import TableSpec
from ketenmonitor.indicators.build import to_csv_rows
from ketenmonitor.publish.i18n import LANGUAGES, check_lang, label

HERE = Path(__file__).parent
Axis = Literal["rows", "columns"]

_DIGITS = re.compile(r"^-?\d+$")


# --------------------------------------------------------------------------- words


@cache
def _words(lang: str) -> dict[str, dict[str, str]]:
    with (HERE / "i18n" / f"{check_lang(lang)}.toml").open("rb") as f:
        data = tomllib.load(f)
    return {section: {k: str(v) for k, v in values.items()} for section, values in data.items()}


def words(lang: str, section: str = "text") -> dict[str, str]:
    """Every word of a section (``text``, ``sources``, ``forms``, ``chain``) in ``lang``."""
    try:
        return _words(lang)[section]
    except KeyError:
        raise KeyError(f"web/i18n/{lang}.toml has no section [{section}]") from None


def w(key: str, lang: str, **fields: object) -> str:
    """The dashboard's word ``key`` (section ``text``) in ``lang``, with ``{fields}`` filled."""
    try:
        text = words(lang)[key]
    except KeyError:
        raise KeyError(f"no word {key!r} in web/i18n/{lang}.toml") from None
    return text.format(**fields) if fields else text


@cache
def _config() -> dict[str, Any]:
    with (HERE / "dashboard.toml").open("rb") as f:
        return tomllib.load(f)


# --------------------------------------------------------------------------- numbers


def cell_text(cell: ProtectedCell, lang: str) -> str:
    """A protected cell as the dashboard shows it: a count with the language's thousands
    separator, a number with decimals with the language's decimal mark (nl 49,3% and 0,90; en
    49.3% and 0.90), a word for a number in the language (the chain figure's "onbekend" is
    "unknown" in English), any other text ("<5", "<0,3%" as "<0.3%" in English, a class label)
    as published."""
    from ketenmonitor.publish.text import display_text

    if cell.decimals > 0 or cell.kind == "label":
        return display_text(cell, lang)
    return number_text(cell.text, lang)


def number_text(text: str, lang: str) -> str:
    """A published count with the language's thousands separator (nl 1.013, en 1,013); any
    other text ("<5", "52%", "") unchanged."""
    if not _DIGITS.match(text) or len(text.lstrip("-")) < 4:
        return text
    sep = "." if lang == "nl" else ","
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    groups: list[str] = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return sign + sep.join(groups)


# --------------------------------------------------------------------------- sources


def source_of(spec: TableSpec) -> str:
    """The delivery type a table belongs to in the source filter (its first source)."""
    return spec.sources[0]


def source_label(source: str, lang: str) -> str:
    return words(lang, "sources").get(source, source)


# --------------------------------------------------------------------------- forms


def form_groups() -> dict[str, tuple[str, ...]]:
    """Choice of the form filter -> the form codes (``publish/forms.csv``) it selects."""
    forms = _config()["forms"]
    return {k: tuple(v) for k, v in forms.items()}


def _form_code(text: str) -> str | None:
    from ketenmonitor.publish.charts import form_of

    f = form_of(text)
    return None if f is None else f.code


def form_axis(table: ProtectedTable) -> Axis | None:
    """Where a table breaks down by form of trafficking: ``rows`` when two or more row labels
    name a form, else ``columns`` when two or more column labels do, else None. (One label
    such as "Onbekend" alone does not make a breakdown by form.)"""
    if sum(_form_code(x) is not None for x in table.row_labels) >= 2:
        return "rows"
    if sum(_form_code(x) is not None for x in table.column_labels) >= 2:
        return "columns"
    return None


def restrict(table: ProtectedTable, group: str) -> ProtectedTable | None:
    """The table cut to the rows (or columns) of the forms in the filter choice ``group``:
    the same protected cells, fewer of them. None when the table has no breakdown by form or
    none of its labels is in the group."""
    try:
        codes = set(form_groups()[group])
    except KeyError:
        raise KeyError(f"unknown form {group!r}") from None
    axis = form_axis(table)
    if axis == "rows":
        keep = [i for i, x in enumerate(table.row_labels) if _form_code(x) in codes]
        if not keep:
            return None
        return replace(
            table,
            row_labels=[table.row_labels[i] for i in keep],
            cells=[list(table.cells[i]) for i in keep],
        )
    if axis == "columns":
        cols = [j for j, x in enumerate(table.column_labels) if _form_code(x) in codes]
        if not cols:
            return None
        return replace(
            table,
            column_labels=[table.column_labels[j] for j in cols],
            cells=[[row[j] for j in cols] for row in table.cells],
        )
    return None


# --------------------------------------------------------------------------- tables


def title_of(table: ProtectedTable | TableSpec, lang: str) -> str:
    """``Figuur 2. Aantal ...`` in ``lang``."""
    if isinstance(table, TableSpec):
        number, title = table.number, table.title_nl
    else:
        number, title = table.number, table.title
    n, t = label(number, lang), label(title, lang)
    return f"{n}. {t}" if n else t


def translated(table: ProtectedTable, lang: str) -> ProtectedTable:
    """The table with its labels in ``lang`` (cells unchanged)."""
    if check_lang(lang) == "nl":
        return table
    return replace(
        table,
        number=label(table.number, lang),
        title=label(table.title, lang),
        source=label(table.source, lang),
        row_header=label(table.row_header, lang),
        notes=tuple(label(n, lang) for n in table.notes),
        row_labels=[label(x, lang) for x in table.row_labels],
        column_labels=[label(x, lang) for x in table.column_labels],
    )


def footnote(table: ProtectedTable, lang: str) -> str:
    return table.footnote_en if lang == "en" else table.footnote_nl


def flag_word(cell: ProtectedCell, lang: str) -> str:
    """What the cell's disclosure flag means, or "" for an exact cell."""
    return w(f"flag_{cell.flag}", lang) if cell.flag != "exact" else ""


def table_json(table: ProtectedTable, lang: str) -> dict[str, Any]:
    """A protected table as JSON: labels in ``lang``, every cell's published text, number and
    flag (the number is null for a suppressed cell, a bound or a class label; a number with
    decimals is a JSON number with them, 49,3% is 49.3), its kind and decimals."""
    t = translated(table, lang)
    return {
        "id": table.id,
        "year": table.year,
        "number": t.number,
        "title": t.title,
        "source": t.source,
        "row_header": t.row_header,
        "notes": list(t.notes),
        "footnote": footnote(table, lang),
        "columns": list(t.column_labels),
        "rows": [
            {
                "label": row_label,
                "cells": [
                    {
                        "text": c.text,
                        "value": c.number,
                        "flag": c.flag,
                        "kind": c.kind,
                        "decimals": c.decimals,
                    }
                    for c in cells
                ],
            }
            for row_label, cells in zip(t.row_labels, t.cells, strict=True)
        ],
    }


def csv_bytes(table: ProtectedTable, lang: str) -> bytes:
    """The whole table as ``ketenmonitor table --format csv`` writes it (``;``-separated,
    UTF-8), with its labels in ``lang``: ``indicators.build.to_csv_rows``."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\n")
    writer.writerows(to_csv_rows(translated(table, lang)))
    return buf.getvalue().encode("utf-8")


def xlsx_bytes(table: ProtectedTable, lang: str) -> bytes:
    """The whole table as a workbook of one sheet: title, the table (numbers as numbers, a
    number with decimals with its number format: 49,3% as 0.493 in ``0.0%``, 0,90 as 0.9 in
    ``#,##0.00``; suppressed cells as their published text), notes, source and the disclosure
    note."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    t = translated(table, lang)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = re.sub(r"[\[\]:*?/\\]", "", t.number or t.id)[:31] or "tabel"
    ws.append([title_of(table, lang)])
    ws["A1"].font = Font(bold=True)
    ws.append([])
    rows = to_csv_rows(t)
    ws.append(rows[0])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    from ketenmonitor.publish.text import display_text
    from ketenmonitor.publish.workbook import number_format

    for row_label, cells in zip(t.row_labels, t.cells, strict=True):
        out: list[object] = [row_label]
        formats: dict[int, str] = {}
        for j, c in enumerate(cells, start=2):
            plain = c.value is not None and not c.suppressed and c.text == str(c.value)
            if c.decimals > 0 and c.number is not None and not c.suppressed:
                formats[j] = number_format(c)
                out.append(c.number / 100 if formats[j].endswith("%") else c.number)
            else:
                out.append(c.value if plain else display_text(c, lang, thousands=False))
        ws.append(out)
        for j, style in formats.items():
            ws.cell(ws.max_row, j).number_format = style
    ws.append([])
    for i, note in enumerate(t.notes, start=1):
        word = w("note", lang)
        ws.append([f"{word} {i}: {note}" if len(t.notes) > 1 else f"{word}: {note}"])
    ws.append([t.source])
    if footnote(table, lang):
        ws.append([footnote(table, lang)])
    ws.append([w("legend_flags", lang)])
    ws.column_dimensions["A"].width = 48
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------- chain


FUNNEL_COLOUR = "#a9c4de"
"""Light enough that the count, centred on the bar in near-black, stays readable on it and
beside a narrow bar alike."""


@dataclass(frozen=True)
class Phase:
    key: str
    table_id: str
    row: str
    column: str
    cell: ProtectedCell
    flow: ProtectedCell | None = None
    """The flow percentage into the phase (the chain figure's ``Doorstroom`` column), or None."""


@dataclass(frozen=True)
class Chain:
    """The dashboard's chain figure of one year. ``mode`` ``figure``: the phases are the rows of
    the chain table (``chain_table()``, Dadermonitor Figuur 1), each with its yearly average and
    flow percentage; ``missing`` the phases that print '.' (no delivery for the whole period).
    ``totals``: the table is not built for the year, the phases are the Jaarcijfers totals of
    ``dashboard.toml`` [[chain]]; ``missing`` the phases whose cell is not there."""

    mode: Literal["figure", "totals"]
    phases: list[Phase]
    missing: list[str]
    table: ProtectedTable | None = None

    def name(self, phase: Phase, lang: str) -> str:
        """A phase's name in ``lang``: the table's row label, or the word of [chain]."""
        if self.mode == "figure":
            return label(phase.row, lang)
        return words(lang, "chain")[phase.key]

    def missing_names(self, lang: str) -> list[str]:
        by_key = {p.key: p for p in self.phases}
        if self.mode == "figure":
            return [self.name(by_key[k], lang) for k in self.missing]
        return [words(lang, "chain")[k] for k in self.missing]


def chain_table() -> str:
    """The id of the chain figure's table (``dashboard.toml`` [chain_figure])."""
    return str(_config()["chain_figure"]["table"])


def chain_phases() -> list[dict[str, str]]:
    return [dict(p) for p in _config()["chain"]]


def chain_tables() -> set[str]:
    """Every table the chain figure may read: the chain table and the fallback's tables."""
    return {chain_table()} | {p["table"] for p in chain_phases()}


def figure_phases(table: ProtectedTable) -> list[Phase]:
    """The phases of the chain table, in its row order: the cell of the yearly average
    (``indicators.keten.COLUMNS[0]``) and the flow percentage, as published."""
    from ketenmonitor.indicators import keten

    number, flow = keten.COLUMNS[0][0], keten.COLUMNS[1][0]
    if number not in table.column_labels:
        raise ValueError(f"{table.id} has no column {number!r}")
    j = table.column_labels.index(number)
    k = table.column_labels.index(flow) if flow in table.column_labels else None
    keys = {p.label_nl: p.key for p in keten.PHASES}
    out = []
    for row_label, cells in zip(table.row_labels, table.cells, strict=True):
        key = keys.get(row_label, re.sub(r"[^a-z0-9]+", "_", row_label.lower()))
        flow_cell = cells[k] if k is not None and cells[k].text else None
        out.append(Phase(key, table.id, row_label, number, cells[j], flow_cell))
    return out


def chain(tables: dict[str, ProtectedTable], year: int) -> Chain:
    """The chain figure of ``year`` from the protected tables in ``tables`` (by id): the chain
    table when it is there (``figure_phases``), else the Jaarcijfers totals of
    ``dashboard.toml`` (``totals``). Every number is a cell of a protected table, as
    published."""
    figure = tables.get(chain_table())
    if figure is not None:
        phases = figure_phases(figure)
        return Chain("figure", phases, [p.key for p in phases if p.cell.text == "."], figure)
    found, missing = chain_totals(tables, year)
    return Chain("totals", found, missing)


def chain_totals(tables: dict[str, ProtectedTable], year: int) -> tuple[list[Phase], list[str]]:
    """The fallback chain of ``year`` (``dashboard.toml`` [[chain]]): the phases found, in chain
    order, and the keys of the phases whose table, row or year column is not there. Each phase
    is a cell of its table, as published."""
    found: list[Phase] = []
    missing: list[str] = []
    for p in chain_phases():
        t = tables.get(p["table"])
        column = str(year)
        if t is None or p["row"] not in t.row_labels or column not in t.column_labels:
            missing.append(p["key"])
            continue
        cell = t.cells[t.row_labels.index(p["row"])][t.column_labels.index(column)]
        if not cell.text:
            missing.append(p["key"])
            continue
        found.append(Phase(p["key"], p["table"], p["row"], column, cell))
    return found, missing


def chain_figure_spec(table: ProtectedTable, lang: str) -> dict[str, Any]:
    """The chain table's chart as the report draws it (``publish.charts.chain_chart_spec``:
    the funnel of the yearly averages with the flow percentages, and the distribution over the
    forms), with the dashboard's text alternative."""
    from ketenmonitor.publish.charts import chain_chart_spec

    spec = chain_chart_spec(table, lang, title=False)
    spec["description"] = w("chain_figure_alt", lang, period=period_of(table))
    return spec


def period_of(table: ProtectedTable) -> str:
    """The five years of the chain table: ``2020-2024`` for reporting year 2024."""
    return w("period", "nl", first=table.year - 4, last=table.year)


def chain_spec(phases: list[Phase], lang: str, year: int) -> dict[str, Any]:
    """A Vega-Lite funnel of the fallback chain phases (``chain_totals``): one centred bar per
    phase, its published text beside it; a suppressed phase has no bar, only its text."""
    from ketenmonitor.publish.charts import NUMBER_LOCALE

    names = words(lang, "chain")
    values = [
        {
            "phase": names[p.key],
            "order": i,
            "value": None if p.cell.suppressed else p.cell.value,
            "text": number_text(p.cell.text, lang),
            "flag": flag_word(p.cell, lang) or "-",
        }
        for i, p in enumerate(phases)
    ]
    order = [v["phase"] for v in values]
    y = {
        "field": "phase",
        "type": "nominal",
        "sort": order,
        "title": None,
        "axis": {"labelLimit": 320, "labelFontSize": 12},
    }
    tooltip = [
        {"field": "phase", "type": "nominal", "title": w("chain_phase", lang)},
        {"field": "text", "type": "nominal", "title": w("chain_count", lang)},
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": w("chain_alt", lang, year=year),
        "width": 460,
        "height": {"step": 34},
        "data": {"values": values},
        "layer": [
            {
                "transform": [{"filter": "datum.value !== null"}],
                "mark": {
                    "type": "bar",
                    "color": FUNNEL_COLOUR,
                    "stroke": "#222222",
                    "strokeWidth": 0.6,
                },
                "encoding": {
                    "y": y,
                    "x": {
                        "field": "value",
                        "type": "quantitative",
                        "stack": "center",
                        "axis": None,
                    },
                    "tooltip": tooltip,
                },
            },
            {
                "mark": {
                    "type": "text",
                    "align": "center",
                    "fontSize": 12,
                    "fontWeight": "bold",
                    "color": "#111111",
                },
                "encoding": {
                    "y": y,
                    "x": {
                        "datum": 0.5,
                        "type": "quantitative",
                        "scale": {"domain": [0, 1]},
                        "axis": None,
                    },
                    "text": {"field": "text", "type": "nominal"},
                    "tooltip": tooltip,
                },
            },
        ],
        "resolve": {"scale": {"x": "independent"}},
        "config": {
            "view": {"stroke": None},
            "locale": {"number": NUMBER_LOCALE[lang]},
            "font": "DejaVu Sans, Helvetica, Arial, sans-serif",
        },
    }


__all__ = [
    "LANGUAGES",
    "Chain",
    "Phase",
    "chain",
    "chain_figure_spec",
    "chain_spec",
    "chain_table",
    "chain_totals",
    "csv_bytes",
    "figure_phases",
    "form_axis",
    "form_groups",
    "number_text",
    "restrict",
    "source_of",
    "table_json",
    "translated",
    "w",
    "words",
    "xlsx_bytes",
]
