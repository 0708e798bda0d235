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
  else to show (they are in the data table), as are percentage columns beside counts and mean
  rows and columns beside counts (Tabel 3.2's yearly averages). A table with nothing to draw
  (class labels only, Tabel B2.1) has no chart (``ValueError``).
- A number with decimals is drawn at its value (49,3% at 49.3) and labelled with the language's
  decimal mark (nl 0,90; en 0.90); the value axis shows as many decimals as the numbers drawn.
- Labels, axis titles and the number format follow ``lang`` (Dutch: 1.013; English: 1,013);
  the legend toggles categories (click) in the interactive HTML.
- The chain figure (``indicators.keten``, ``dadermonitor.figuur_1``) has a chart of its own
  (``chain_chart_spec``): a funnel of the yearly averages per phase with the published texts and
  the flow percentages between the phases, beside a 100% bar per phase of the distribution over
  the forms, an uncertain distribution drawn lighter with a dashed outline.
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
from ketenmonitor.publish.text import display_text

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
    kinds = {row[j].kind for row in table.cells if row[j].text}
    return bool(texts) and (
        label_pct or kinds == {"percent"} or all(x.endswith("%") for x in texts)
    )


def _is_count_column(table: ProtectedTable, j: int) -> bool:
    """A column of counts: not percentages, and not only means or class labels."""
    kinds = {row[j].kind for row in table.cells if row[j].text}
    return not _is_percent_column(table, j) and not (kinds and kinds <= {"mean", "label"})


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
    counts = [j for j in columns if _is_count_column(table, j)]
    numbers = [
        j
        for j in columns
        if not _is_percent_column(table, j)
        and {row[j].kind for row in table.cells if row[j].text} != {"label"}
    ]
    columns = counts or numbers or columns
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
                    "value": None if cell.suppressed else cell.number,
                    "text": display_text(cell, lang),
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
    decimals = max((table.cells[i][j].decimals for i in rows for j in columns), default=0)
    value_axis = (
        alt.Axis(format=",d", tickMinStep=1, title=value_title)
        if decimals <= 0
        else alt.Axis(format=f",.{decimals}f", title=value_title)
    )
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
    if is_chain(table):
        return chain_chart_spec(table, lang, title=title)
    rows, years, other = plotted(table)
    drawn = [
        table.cells[i][j]
        for i in rows
        for j in years + other
        if table.cells[i][j].value is not None or table.cells[i][j].suppressed
    ]
    if not drawn:
        raise ValueError(f"{table.id}: nothing to draw (no number in the table)")
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


# --------------------------------------------------------------------------- the chain figure

CHAIN_BAR = "#a9c4de"
"""The funnel's bars: light enough that the number, centred on the bar in near-black, stays
readable on it and where a phase has no bar."""
CHAIN_STEP = 46
"""Height of one phase (px); the gap between two bars holds the flow percentage."""
CHAIN_GAP = 0.42
"""The share of a phase's height left between two bars (``paddingInner`` of the band scale)."""
UNCERTAIN_OPACITY = 0.45


def is_chain(table: ProtectedTable) -> bool:
    """Whether ``table`` is the chain figure (``indicators.keten``, Dadermonitor Figuur 1)."""
    from ketenmonitor.indicators import keten

    return table.id == keten.TABLE_ID


def chain_uncertain(unknown: ProtectedCell) -> bool:
    """``keten.VERDELING``: the distribution of a phase is uncertain when at least a third of its
    perpetrators has no known form. The table publishes the unknown share in whole percent, so
    the test is on that: 34% and more (33% is below a third)."""
    from decimal import Decimal

    from ketenmonitor.indicators import keten

    if unknown.value is None or unknown.suppressed:
        return False
    share = Decimal(unknown.value) / Decimal(100 * 10 ** max(unknown.decimals, 0))
    return share >= keten.ONZEKER_VANAF


def _chain_columns(table: ProtectedTable) -> dict[str, int]:
    """Column key (``number``, ``flow``, ``unknown``, ``duration`` and the form codes of
    ``keten.FORMS``) -> index in ``table``."""
    from ketenmonitor.indicators import keten

    wanted = {
        "number": keten.COLUMNS[0][0],
        "flow": keten.COLUMNS[1][0],
        "unknown": keten.COLUMNS[-2][0],
        "duration": keten.COLUMNS[-1][0],
        **{code: f"{nl} (%)" for code, nl, _ in keten.FORMS},
    }
    where = {c: j for j, c in enumerate(table.column_labels)}
    missing = [c for c in ("number", "flow") if wanted[c] not in where]
    if missing:
        raise ValueError(f"{table.id}: no column {', '.join(wanted[c] for c in missing)}")
    return {k: where[c] for k, c in wanted.items() if c in where}


def _segment_forms(table: ProtectedTable, i: int, cols: dict[str, int]) -> list[str]:
    """The forms one phase's distribution bar shows: both sexual forms where the source splits
    them, sexual exploitation as one segment where it does not (signalering)."""
    row = table.cells[i]

    def shown(code: str) -> bool:
        return code in cols and bool(row[cols[code]].text)

    sexual = ["bl_su", "go_su"] if shown("bl_su") and shown("go_su") else ["su"]
    return [c for c in (*sexual, "au", "cu") if shown(c)]


def chain_chart_spec(table: ProtectedTable, lang: str = "nl", *, title: bool = True) -> dict:
    """The chain figure as a chart: per phase, in chain order from top to bottom, a funnel bar of
    the yearly average with the published text ('>200', '≥180', '≈95-105') on it (a phase that
    prints '.' or 'onbekend' has the text and no bar), the flow percentage between a phase and
    the one before ('↓ 60%'), and beside it a 100% bar of the distribution over the forms (the
    colours of ``forms.csv``; signalering has sexual exploitation as one segment). A distribution
    where at least a third of the form is unknown is drawn lighter with a dashed outline and
    marked 'onzeker'. Every record is a published cell (``row``, ``column``, ``text``,
    ``value``); the segments' positions are the shares normalised to the bar's length."""
    from ketenmonitor.indicators import keten

    check_lang(lang)
    if not table.cells or not table.row_labels:
        raise ValueError(f"{table.id}: an empty table has no chart")
    cols = _chain_columns(table)
    by_code = {f.code: f for f in forms()}
    form_names = {code: nl for code, nl, _ in keten.FORMS}
    phases = [label(r, lang) for r in table.row_labels]
    number_col = label(table.column_labels[cols["number"]], lang)
    flow_col = label(table.column_labels[cols["flow"]], lang)

    def record(i: int, j: int) -> dict[str, Any]:
        cell = table.cells[i][j]
        return {
            "row": phases[i],
            "column": label(table.column_labels[j], lang),
            "value": None if cell.suppressed else cell.number,
            "text": display_text(cell, lang),
            "flag": _flag_text(cell, lang),
            "suppressed": cell.suppressed,
        }

    numbers: list[dict[str, Any]] = []
    flows: list[dict[str, Any]] = []
    segments: list[dict[str, Any]] = []
    marks: list[dict[str, Any]] = []
    any_uncertain = False
    for i, row in enumerate(table.cells):
        flow = row[cols["flow"]]
        duration = row[cols["duration"]] if "duration" in cols else None
        rec = record(i, cols["number"])
        rec["flow"] = display_text(flow, lang) if flow.text else "-"
        rec["duration"] = (
            keten.years_and_months(duration.value, lang)
            if duration is not None and duration.value is not None and not duration.suppressed
            else "-"
        )
        rec["absent"] = row[cols["number"]].text == "."
        rec["note"] = t("chain.not_available", lang) if rec["absent"] else "-"
        numbers.append(rec)
        if flow.text:
            flows.append({**record(i, cols["flow"]), "label": f"↓ {display_text(flow, lang)}"})
        codes = _segment_forms(table, i, cols)
        shares = [row[cols[c]] for c in codes]
        total = sum(c.number or 0 for c in shares if not c.suppressed)
        if not total:
            continue
        unknown = row[cols["unknown"]] if "unknown" in cols else ProtectedCell("", None)
        uncertain = chain_uncertain(unknown)
        any_uncertain = any_uncertain or uncertain
        start = 0.0
        for code, cell in zip(codes, shares, strict=True):
            if cell.suppressed or not cell.number:
                continue
            width = float(cell.number) / float(total)
            form = by_code[code]
            segments.append(
                {
                    **record(i, cols[code]),
                    "form": label(form_names[code], lang),
                    "x0": start,
                    "x1": start + width,
                    "mid": start + width / 2,
                    "dark": form.lightness < 50,
                    "wide": width >= 0.09,
                    "unknown": display_text(unknown, lang) if unknown.text else "-",
                    "uncertain": uncertain,
                    "note": t("chain.uncertain_tooltip", lang) if uncertain else "-",
                }
            )
            start += width
        if uncertain:
            marks.append({"row": phases[i], "label": t("chain.uncertain", lang)})
    shown_forms = {s["form"] for s in segments}
    domain_codes = [c for c, _, _ in keten.FORMS if label(form_names[c], lang) in shown_forms]
    domain = [label(form_names[c], lang) for c in domain_codes]
    colours = [by_code[c].colour for c in domain_codes]

    y = {
        "field": "row",
        "type": "nominal",
        "sort": phases,
        "title": None,
        "scale": {"domain": phases, "paddingInner": CHAIN_GAP, "paddingOuter": 0.3},
    }
    phase_tip = {"field": "row", "type": "nominal", "title": t("chain.phase", lang)}
    number_tips = [
        phase_tip,
        {"field": "text", "type": "nominal", "title": number_col},
        {"field": "flow", "type": "nominal", "title": t("chain.flow", lang)},
        {"field": "duration", "type": "nominal", "title": t("chain.duration_label", lang)},
        {"field": "flag", "type": "nominal", "title": t("chart.flag", lang)},
        {"field": "note", "type": "nominal", "title": t("report.note", lang)},
    ]
    centre = {"datum": 0.5, "type": "quantitative", "scale": {"domain": [0, 1]}, "axis": None}
    funnel: dict[str, Any] = {
        "title": {"text": number_col, "anchor": "start", "fontSize": 12},
        "width": 300,
        "height": {"step": CHAIN_STEP},
        "data": {"values": numbers},
        "layer": [
            {
                "transform": [{"filter": "datum.value !== null"}],
                "mark": {
                    "type": "bar",
                    "color": CHAIN_BAR,
                    "stroke": "#222222",
                    "strokeWidth": 0.6,
                },
                "encoding": {
                    "y": {
                        **y,
                        "axis": {
                            "labelLimit": 260,
                            "labelFontSize": 11,
                            "ticks": False,
                            "domain": False,
                        },
                    },
                    "x": {
                        "field": "value",
                        "type": "quantitative",
                        "stack": "center",
                        "axis": None,
                    },
                    "tooltip": number_tips,
                },
            },
            {
                "mark": {
                    "type": "text",
                    "align": "center",
                    "baseline": "middle",
                    "fontSize": 12,
                    "fontWeight": "bold",
                    "color": "#111111",
                },
                "encoding": {
                    "y": y,
                    "x": centre,
                    "text": {"field": "text", "type": "nominal"},
                    "tooltip": number_tips,
                },
            },
            {
                "transform": [{"filter": "datum.absent"}],
                "mark": {
                    "type": "text",
                    "align": "left",
                    "baseline": "middle",
                    "dx": 10,
                    "fontSize": 10,
                    "fontStyle": "italic",
                    "color": "#444444",
                },
                "encoding": {
                    "y": y,
                    "x": centre,
                    "text": {"field": "note", "type": "nominal"},
                    "tooltip": number_tips,
                },
            },
            {
                "data": {"values": flows},
                "mark": {
                    "type": "text",
                    "align": "center",
                    "baseline": "middle",
                    "fontSize": 11,
                    "color": "#222222",
                    # in the gap between this phase's bar and the bar above
                    "dy": -round(CHAIN_STEP * CHAIN_GAP / 2),
                },
                "encoding": {
                    "y": {**y, "bandPosition": 0},
                    "x": centre,
                    "text": {"field": "label", "type": "nominal"},
                    "tooltip": [
                        phase_tip,
                        {"field": "text", "type": "nominal", "title": flow_col},
                    ],
                },
            },
        ],
        "resolve": {"scale": {"x": "independent"}},
    }
    segment_tips = [
        phase_tip,
        {"field": "form", "type": "nominal", "title": t("chain.form", lang)},
        {"field": "text", "type": "nominal", "title": t("chain.share", lang)},
        {"field": "unknown", "type": "nominal", "title": label(keten.COLUMNS[-2][0], lang)},
        {"field": "note", "type": "nominal", "title": t("chain.uncertain", lang)},
    ]
    share_x = {
        "field": "x0",
        "type": "quantitative",
        "scale": {"domain": [0, 1]},
        "axis": {"format": ".0%", "title": None, "tickCount": 5, "grid": False},
    }
    dist_title: dict[str, Any] = {
        "text": t("chain.distribution", lang),
        "anchor": "start",
        "fontSize": 12,
    }
    if any_uncertain:
        dist_title["subtitle"] = textwrap.wrap(t("chain.uncertain_note", lang), 52)
        dist_title["subtitleFontSize"] = 10
    distribution: dict[str, Any] = {
        "title": dist_title,
        "width": 260,
        "height": {"step": CHAIN_STEP},
        "data": {"values": segments},
        "layer": [
            {
                "mark": {"type": "bar", "stroke": "#222222", "strokeWidth": 0.6},
                "encoding": {
                    "y": {**y, "axis": {"labels": False, "ticks": False, "domain": False}},
                    "x": share_x,
                    "x2": {"field": "x1"},
                    "color": {
                        "field": "form",
                        "type": "nominal",
                        "scale": {"domain": domain, "range": colours},
                        "legend": {
                            "title": None,
                            "orient": "bottom",
                            "columns": 2,
                            "labelLimit": 300,
                            "symbolStrokeColor": "#222222",
                            "symbolStrokeWidth": 0.8,
                        },
                    },
                    "opacity": {
                        "condition": {"test": "datum.uncertain", "value": UNCERTAIN_OPACITY},
                        "value": 1,
                    },
                    "strokeDash": {
                        "condition": {"test": "datum.uncertain", "value": [3, 2]},
                        "value": [1, 0],
                    },
                    "tooltip": segment_tips,
                },
            },
            {
                "transform": [{"filter": "datum.wide"}],
                "mark": {"type": "text", "align": "center", "baseline": "middle", "fontSize": 9},
                "encoding": {
                    "y": y,
                    "x": {"field": "mid", "type": "quantitative"},
                    "text": {"field": "text", "type": "nominal"},
                    "color": {
                        "condition": {"test": "datum.dark && !datum.uncertain", "value": "#ffffff"},
                        "value": "#111111",
                    },
                    "tooltip": segment_tips,
                },
            },
            {
                "data": {"values": marks},
                "mark": {
                    "type": "text",
                    "align": "left",
                    "baseline": "middle",
                    "dx": 4,
                    "fontSize": 10,
                    "fontStyle": "italic",
                    "color": "#222222",
                },
                "encoding": {
                    "y": y,
                    "x": {"datum": 1, "type": "quantitative"},
                    "text": {"field": "label", "type": "nominal"},
                },
            },
        ],
    }
    description = " ".join(_title(table, lang))
    spec: dict[str, Any] = {
        "$schema": alt.SCHEMA_URL,
        "description": description,
        "hconcat": [funnel, distribution],
        "spacing": 24,
        "padding": {"left": 12, "right": 8, "top": 5, "bottom": 5},
        "config": {
            "locale": {"number": NUMBER_LOCALE[lang]},
            "font": "DejaVu Sans, Helvetica, Arial, sans-serif",
            "view": {"stroke": None},
        },
    }
    if title:
        spec["title"] = {"text": _title(table, lang), "anchor": "start", "fontSize": 13}
    return spec
