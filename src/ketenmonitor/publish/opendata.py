"""Open data: one CSV per built table in long (tidy) form, and a Frictionless data package
(``datapackage.json``) that describes every file, so other software can read the figures.

Each CSV has one row per published cell: ``table, year, row_index, row, column_index, column,
text, value, flag``. ``text`` is the cell as published ("213", "<5", "52%", ".", "<0,3%", a
class label), with the language's decimal mark ("49,3%" in Dutch, "49.3%" in English); ``value``
the number shown (empty for a suppressed cell, a bound or a class label), with a point as the
decimal mark (49,3% is ``49.3``, 0,90 is ``0.90``); ``flag`` one of exact, rounded, primary,
secondary. The Table Schema types ``value`` as ``integer``, or as ``number`` in a table with a
number with decimals.
Row and column labels are in the requested language. The data package follows the Frictionless
Data Package v1 specification (a ``tabular-data-resource`` per CSV with its Table Schema, the
primary key, the allowed flags, the table's title, source and notes).

The estimated number of victims (``publish.estimate``), when the publication has one, is one
more resource in the same schema (``schatting.slachtoffers.csv``): one row per number of the
report's estimate table (registered victims ``exact``; the estimate and the limits of its 95%
and 80% intervals ``rounded``, to the unit the report states), its description the rounding,
the note on the assumptions and the method.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from ketenmonitor import __version__
from ketenmonitor.disclosure import ProtectedCell
from ketenmonitor.publish import estimate as est_mod
from ketenmonitor.publish.estimate import PublishedEstimate
from ketenmonitor.publish.i18n import check_lang, label, t
from ketenmonitor.publish.tables import Figure
from ketenmonitor.publish.text import display_text

FIELDS = ("table", "year", "row_index", "row", "column_index", "column", "text", "value", "flag")
FLAGS = ["exact", "rounded", "primary", "secondary"]


def resource_name(table_id: str) -> str:
    """A Frictionless resource name (lower case, digits, ``-``, ``_``, ``.``)."""
    return table_id.lower().replace(" ", "_")


def value_text(cell: ProtectedCell) -> str:
    """The CSV ``value`` of a cell: the number with a point as decimal mark (``49.3``,
    ``0.90``, ``213``), empty when nothing is shown as a number."""
    if cell.value is None or cell.suppressed:
        return ""
    if cell.decimals <= 0:
        return str(cell.value)
    sign = "-" if cell.value < 0 else ""
    whole, frac = divmod(abs(cell.value), 10**cell.decimals)
    return f"{sign}{whole}.{frac:0{cell.decimals}d}"


def value_type(figure: Figure) -> str:
    """``number`` when a published number of the table has decimals, else ``integer``."""
    decimal = any(
        c.decimals > 0 and c.value is not None and not c.suppressed
        for row in figure.table.cells
        for c in row
    )
    return "number" if decimal else "integer"


def write_csv(figure: Figure, path: Path, lang: str = "nl") -> Path:
    tb = figure.table
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(FIELDS)
        for i, (row_label, cells) in enumerate(zip(tb.row_labels, tb.cells, strict=True)):
            for j, (col, cell) in enumerate(zip(tb.column_labels, cells, strict=True)):
                if not cell.text:
                    continue  # a blank cell (nothing published there)
                w.writerow(
                    [
                        tb.id,
                        tb.year,
                        i,
                        label(row_label, lang),
                        j,
                        label(col, lang),
                        display_text(cell, lang, thousands=False),
                        value_text(cell),
                        cell.flag,
                    ]
                )
    return path


def write_estimate_csv(est: PublishedEstimate, path: Path, lang: str = "nl") -> Path:
    """The estimate's rows in the CSV layout of the tables (one column: the year)."""
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(FIELDS)
        for i, (key, text, value) in enumerate(est_mod.rows(est, lang)):
            flag = est_mod.flag(key)
            w.writerow(
                [est_mod.ESTIMATE_ID, est.year, i, text, 0, str(est.year), str(value), value, flag]
            )
    return path


def _schema(lang: str, value: str = "integer") -> dict[str, Any]:
    def field(name: str, type_: str, key: str, **extra: Any) -> dict[str, Any]:
        return {
            "name": name,
            "type": type_,
            "description": t(f"opendata.field_{key}", lang),
            **extra,
        }

    return {
        "fields": [
            field("table", "string", "table", constraints={"required": True}),
            field("year", "integer", "year", constraints={"required": True}),
            field(
                "row_index", "integer", "row_index", constraints={"required": True, "minimum": 0}
            ),
            field("row", "string", "row", constraints={"required": True}),
            field(
                "column_index",
                "integer",
                "column_index",
                constraints={"required": True, "minimum": 0},
            ),
            field("column", "string", "column", constraints={"required": True}),
            field("text", "string", "text", constraints={"required": True}),
            field("value", value, "value"),
            field("flag", "string", "flag", constraints={"required": True, "enum": FLAGS}),
        ],
        "primaryKey": ["row_index", "column_index"],
        "missingValues": [""],
    }


def write_open_data(
    figures: list[Figure],
    folder: Path,
    lang: str = "nl",
    *,
    estimate: PublishedEstimate | None = None,
) -> Path:
    """Write one CSV per figure (and one for ``estimate`` when it is given and available) and
    ``datapackage.json`` into ``folder``; returns the descriptor's path."""
    check_lang(lang)
    folder.mkdir(parents=True, exist_ok=True)
    year = figures[0].table.year if figures else 0
    resources = []
    for fig in figures:
        name = resource_name(fig.id)
        write_csv(fig, folder / f"{name}.csv", lang)
        tb = fig.table
        notes = [label(n, lang) for n in tb.notes]
        if fig.footnote(lang):
            notes.append(fig.footnote(lang))
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "title": f"{label(tb.number, lang)}. {label(tb.title, lang)}",
                "description": " ".join(notes),
                "sources": [{"title": label(tb.source, lang)}],
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": _schema(lang, value_type(fig)),
            }
        )
    if estimate is not None and estimate.available:
        assert estimate.figure is not None
        name = resource_name(est_mod.ESTIMATE_ID)
        write_estimate_csv(estimate, folder / f"{name}.csv", lang)
        notes = [
            est_mod.rounding_note(estimate, lang),
            est_mod.edge_warning(estimate, lang),
            str(estimate.figure["note"][lang]),
        ]
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "title": est_mod.title(estimate, lang),
                "description": " ".join(n for n in notes if n),
                "sources": [{"title": est_mod.source_line(estimate, lang)}],
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": _schema(lang),
            }
        )
    descriptor = {
        "profile": "tabular-data-package",
        "name": f"ketenmonitor-jaarcijfers-{year}-{lang}",
        "title": t("opendata.title", lang).format(year=year),
        "description": t("opendata.description", lang).format(year=year),
        "version": __version__,
        "language": lang,
        "contributors": [{"title": t("report.publisher", lang), "role": "author"}],
        "resources": resources,
    }
    path = folder / "datapackage.json"
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
