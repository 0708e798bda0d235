"""Charts of the protected tables: one Vega-Lite spec per table, made with Altair.

``chart_spec(table, lang)`` is what the report (HTML and, as SVG via vl-convert, PDF) and the
dashboard draw. It reads a ``ProtectedTable`` only, and shows only what the table publishes:

- A suppressed cell (``<5``, ``<10``, secondary) is never drawn as a bar: its place carries the
  published text ("<5") at the baseline, and the tooltip says it is suppressed. A rounded cell is
  drawn at its published (rounded) value and its tooltip says it is rounded.
- Each form of trafficking has one fixed colour in every chart (``forms.csv``); other
  categories take colours from ``lightness_palette``. Both step in CIE lightness, so the
  categories of one chart stay apart in grayscale; bars have a dark outline so light ones stay
  visible on white.
- A table with a block of years and a block of other columns (Figuur 6: per year and per form)
  becomes two panels side by side: the trend over the years and the breakdown. Totals
  ("Totaal", "Totaal vijf jaar", "2015-2019") are left out of the chart when there is something
  else to show (they are in the data table), as are percentage columns beside counts and a
  mean row beside counts.
- Labels, axis titles and the number format follow ``lang`` (Dutch: 1.013; English: 1,013);
  the legend toggles categories (click) in the interactive HTML.
"""

from __future__ import annotations

import csv
import math
import re
import textwrap
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import altair as alt

from ketenmonitor.disclosure import ProtectedCell, ProtectedTable
from ketenmonitor.publish.i18n import check_lang, label, t

FORMS_FILE = Path(__file__).with_name("forms.csv")

_YEAR = re.compile(r"^\d{4}$")
_PERIOD = re.compile(r"^\d{4}\s*[-–]\s*\d{4}$")
_TOTAL = re.compile(r"^(totaal|total)\b", re.IGNORECASE)
_MEAN = re.compile(r"^(gemiddeld|vijf jaar$)", re.IGNORECASE)

NUMBER_LOCALE: dict[str, dict[str, Any]] = {
    "nl": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""]},
}
NEUTRAL = "#33475b"
"""The colour of a chart with one series that is not a form of trafficking."""


@dataclass(frozen=True)
class Form:
    code: str
    colour: str
    lightness: float
    labels: tuple[str, ...]


@cache
def forms() -> tuple[Form, ...]:
    """The forms of trafficking and their fixed colours (``forms.csv``)."""
    with FORMS_FILE.open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return tuple(
            Form(
                r["form"],
                r["colour"],
                float(r["lightness"]),
                tuple(x.strip() for x in r["labels"].split("|")),
            )
            for r in rows
        )


def form_of(text: str) -> Form | None:
    """The form of trafficking a Dutch label names, or None."""
    key = " ".join(text.split()).casefold()
    for form in forms():
        if any(key == lab.casefold() for lab in form.labels):
            return form
    return None


def _lab_to_hex(lightness: float, a: float, b: float) -> str:
    """CIE L*a*b* (D65) to an sRGB hex colour, clipped to the gamut."""
    fy = (lightness + 16) / 116
    fx, fz = fy + a / 500, fy - b / 200

    def f(v: float) -> float:
        return v**3 if v**3 > 0.008856 else (v - 16 / 116) / 7.787

    x, y, z = 0.95047 * f(fx), f(fy), 1.08883 * f(fz)
    rgb = (
        3.2406 * x - 1.5372 * y - 0.4986 * z,
        -0.9689 * x + 1.8758 * y + 0.0415 * z,
        0.0557 * x - 0.2040 * y + 1.0570 * z,
    )

    def gamma(c: float) -> int:
        c = min(1.0, max(0.0, c))
        c = 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055
        return round(c * 255)

    return "#{:02x}{:02x}{:02x}".format(*(gamma(c) for c in rgb))


def lightness_palette(n: int) -> list[str]:
    """``n`` colours evenly spaced in lightness (L* 25 to 85), the hue turning as well, so they
    differ in colour and in grayscale (for categories that are not forms of trafficking)."""
    if n <= 0:
        return []
    if n == 1:
        return [NEUTRAL]
    out = []
    for i in range(n):
        lightness = 25 + 60 * i / (n - 1)
        hue = math.radians(250 - 150 * i / (n - 1))
        chroma = 35.0
        out.append(_lab_to_hex(lightness, chroma * math.cos(hue), chroma * math.sin(hue)))
    return out


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of an sRGB hex colour (what a grayscale print shows)."""
    h = colour.lstrip("#")
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def colours_for(labels_nl: list[str]) -> list[str]:
    """The colours of a chart's categories: the fixed form colours when every label is a form
    of trafficking (and no two share one), else a lightness palette."""
    found = [form_of(x) for x in labels_nl]
    if len(found) > 1 and all(f is not None for f in found):
        colours = [f.colour for f in found if f is not None]
        if len(set(colours)) == len(colours):
            return colours
    if len(labels_nl) == 1 and found[0] is not None:
        return [found[0].colour]
    return lightness_palette(len(labels_nl))


def _is_percent_column(table: ProtectedTable, j: int) -> bool:
    texts = [row[j].text for row in table.cells if row[j].text]
    label_pct = "(%)" in table.column_labels[j] or table.column_labels[j].lower() == "percentage"
    return bool(texts) and (label_pct or all(x.endswith("%") for x in texts))


def plotted(table: ProtectedTable) -> tuple[list[int], list[int], list[int]]:
    """Which rows, year columns and other columns the chart shows (indices into the table).

    Totals, mean rows and percentage columns are left out when there is something else to
    show; they stay in the data table beside the chart."""
    rows = list(range(len(table.row_labels)))
    keep = [
        i
        for i in rows
        if not _TOTAL.match(table.row_labels[i]) and not _MEAN.match(table.row_labels[i])
    ]
    if keep:
        rows = keep
    columns = list(range(len(table.column_labels)))
    counts = [j for j in columns if not _is_percent_column(table, j)]
    if counts:
        columns = counts
    years = [j for j in columns if _YEAR.match(table.column_labels[j])]
    other = [
        j
        for j in columns
        if j not in years
        and not _TOTAL.match(table.column_labels[j])
        and not _PERIOD.match(table.column_labels[j])
    ]
    if not years and not other:
        other = columns
    # a column with nothing published (all blank) in every plotted row is left out
    years = [j for j in years if any(table.cells[i][j].text for i in rows)]
    other = [j for j in other if any(table.cells[i][j].text for i in rows)]
    return rows, years, other


def _flag_text(cell: ProtectedCell, lang: str) -> str:
    return t(f"flag.{cell.flag}", lang)


def _records(
    table: ProtectedTable, rows: list[int], columns: list[int], lang: str
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for i in rows:
        for j in columns:
            cell = table.cells[i][j]
            if not cell.text:
                continue
            out.append(
                {
                    "row": label(table.row_labels[i], lang),
                    "column": label(table.column_labels[j], lang),
                    # a suppressed cell has no number: nothing to draw, its text is shown
                    "value": None if cell.suppressed else cell.value,
                    "text": cell.text,
                    "flag": _flag_text(cell, lang),
                    "suppressed": cell.suppressed,
                }
            )
    return out


def _panel(
    table: ProtectedTable,
    rows: list[int],
    columns: list[int],
    *,
    trend: bool,
    lang: str,
    width: int,
    name: str,
) -> alt.LayerChart:
    records = _records(table, rows, columns, lang)
    row_nl = [table.row_labels[i] for i in rows]
    col_nl = [table.column_labels[j] for j in columns]
    row_order = [label(x, lang) for x in row_nl]
    col_order = [label(x, lang) for x in col_nl]
    value_title = t("chart.value", lang)
    if trend:
        # x: the years; one bar per row within a year, coloured by row
        cat_field, cat_order = "column", col_order
        series_field, series_order, series_nl = "row", row_order, row_nl
    else:
        # y: the rows; one bar per column within a row, coloured by column
        cat_field, cat_order = "row", row_order
        series_field, series_order, series_nl = "column", col_order, col_nl
        if len(col_order) == 1:
            series_field, series_order, series_nl = "row", row_order, row_nl
    colours = colours_for(series_nl)
    select = alt.selection_point(name=name, fields=[series_field], bind="legend")
    colour = alt.Color(
        f"{series_field}:N",
        sort=series_order,
        scale=alt.Scale(domain=series_order, range=colours),
        legend=alt.Legend(
            title=None,
            orient="bottom",
            columns=2,
            labelLimit=300,
            symbolStrokeColor="#222222",
            symbolStrokeWidth=0.8,
        ),
    )
    tooltip = [
        alt.Tooltip("row:N", title=label(table.row_header, lang) or t("chart.row", lang)),
        alt.Tooltip("column:N", title=t("chart.column", lang)),
        alt.Tooltip("text:N", title=t("chart.published", lang)),
        alt.Tooltip("flag:N", title=t("chart.flag", lang)),
    ]
    value_axis = alt.Axis(format=",d", tickMinStep=1, title=value_title)
    offset_field = series_field if series_field != cat_field else None
    base = alt.Chart(alt.Data(values=records))
    if trend:
        enc: dict[str, Any] = {
            "x": alt.X(
                f"{cat_field}:O",
                sort=cat_order,
                title=t("chart.year", lang),
                axis=alt.Axis(labelAngle=0),
            ),
            "y": alt.Y("value:Q", axis=value_axis),
        }
        if offset_field:
            enc["xOffset"] = alt.XOffset(f"{offset_field}:N", sort=series_order)
        text_enc = {
            "x": enc["x"],
            "y": alt.datum(0),
            **({"xOffset": enc["xOffset"]} if offset_field else {}),
        }
        size = {"width": width, "height": 240}
    else:
        enc = {
            "y": alt.Y(
                f"{cat_field}:N",
                sort=cat_order,
                title=None,
                axis=alt.Axis(labelLimit=220),
            ),
            "x": alt.X("value:Q", axis=value_axis),
        }
        if offset_field:
            enc["yOffset"] = alt.YOffset(f"{offset_field}:N", sort=series_order)
        text_enc = {
            "y": enc["y"],
            "x": alt.datum(0),
            **({"yOffset": enc["yOffset"]} if offset_field else {}),
        }
        per_bar = 9 if offset_field else 16
        groups = len(cat_order)
        bars = len(series_order) if offset_field else 1
        size = {"width": width, "height": max(80, groups * (bars * per_bar + 8))}
    bars_layer = (
        base.transform_filter("datum.value !== null")
        .mark_bar(stroke="#222222", strokeWidth=0.6)
        .encode(
            color=colour,
            opacity=alt.condition(select, alt.value(1.0), alt.value(0.2)),
            tooltip=tooltip,
            **enc,
        )
        .add_params(select)
    )
    suppressed_layer = (
        base.transform_filter("datum.suppressed")
        .mark_text(
            fontSize=8,
            color="#222222",
            baseline="bottom" if trend else "middle",
            align="center" if trend else "left",
            dx=0 if trend else 2,
        )
        .encode(text="text:N", tooltip=tooltip, **text_enc)
    )
    layered = alt.layer(bars_layer, suppressed_layer).properties(**size)
    assert isinstance(layered, alt.LayerChart)
    return layered


def _title(table: ProtectedTable, lang: str) -> list[str]:
    number = label(table.number, lang)
    title = label(table.title, lang)
    return textwrap.wrap(f"{number}. {title}" if number else title, 80)


def chart_spec(table: ProtectedTable, lang: str = "nl", *, title: bool = True) -> dict:
    """The Vega-Lite spec (a JSON-ready dict) of a protected table's chart in ``lang``.

    ``title=False`` leaves out the chart title (the report prints it as the figure caption)."""
    check_lang(lang)
    if not table.cells or not table.row_labels or not table.column_labels:
        raise ValueError(f"{table.id}: an empty table has no chart")
    rows, years, other = plotted(table)
    safe = re.sub(r"[^A-Za-z0-9_]", "_", table.id)
    panels: list[alt.LayerChart] = []
    both = bool(years) and bool(other)
    if years:
        panels.append(
            _panel(
                table,
                rows,
                years,
                trend=True,
                lang=lang,
                width=260 if both else 520,
                name=f"{safe}_years",
            )
        )
    if other:
        panels.append(
            _panel(
                table,
                rows,
                other,
                trend=False,
                lang=lang,
                width=260 if both else 480,
                name=f"{safe}_other",
            )
        )
    chart: alt.TopLevelMixin
    if len(panels) == 2:
        chart = alt.hconcat(*panels, spacing=40).resolve_scale(color="independent")
    else:
        chart = panels[0]
    props: dict[str, Any] = {"description": " ".join(_title(table, lang))}
    if title:
        props["title"] = alt.Title(_title(table, lang), anchor="start", fontSize=13)
    chart = (
        chart.properties(**props)
        .configure(
            locale={"number": NUMBER_LOCALE[lang]},
            font="DejaVu Sans, Helvetica, Arial, sans-serif",
        )
        .configure_view(stroke=None)
    )
    spec = chart.to_dict()
    assert isinstance(spec, dict)
    return spec
