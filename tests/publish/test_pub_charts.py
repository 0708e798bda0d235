"""Charts of the protected tables: nothing suppressed is drawn as a number, the numbers drawn are
the published ones, one colour per form everywhere, colours apart in grayscale."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
import vl_convert as vlc

from ketenmonitor.disclosure import ProtectedCell, ProtectedTable
from ketenmonitor.publish.charts import chart_spec, form_of, forms
from ketenmonitor.publish.i18n import label
from ketenmonitor.publish.text import display_text


def _lightness(colour: str) -> float:
    """CIE L* of an sRGB colour (what a grayscale print keeps), computed here independently."""
    h = colour.lstrip("#")
    rgb = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return 116 * y ** (1 / 3) - 16 if y > 0.008856 else 903.3 * y


def _walk(node: Any) -> list[dict[str, Any]]:
    """Every dict in a spec (depth first)."""
    out = []
    if isinstance(node, dict):
        out.append(node)
        for v in node.values():
            out += _walk(v)
    elif isinstance(node, list):
        for v in node:
            out += _walk(v)
    return out


def _records(spec: dict[str, Any]) -> list[dict[str, Any]]:
    recs: list[dict[str, Any]] = []
    for d in _walk(spec):
        if "values" in d and isinstance(d["values"], list):
            recs += d["values"]
    for ds in spec.get("datasets", {}).values():
        recs += ds
    return recs


def _scales(spec: dict[str, Any]) -> list[tuple[list[str], list[str]]]:
    out = []
    for d in _walk(spec):
        sc = d.get("scale")
        if isinstance(sc, dict) and "domain" in sc and "range" in sc:
            out.append((sc["domain"], sc["range"]))
    return out


def _figures(stored: dict[str, ProtectedTable]) -> list[ProtectedTable]:
    return [tb for tb in stored.values() if tb.number.startswith("Figuur")]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_plotted_numbers_are_the_published_ones(
    stored: dict[str, ProtectedTable], lang: str
) -> None:
    """Every record of every chart is a published cell: same text, the published number for a
    shown cell, no number at all for a suppressed one."""
    for tb in _figures(stored):
        spec = chart_spec(tb, lang)
        cells = {
            (label(r, lang), label(c, lang)): cell
            for r, row in zip(tb.row_labels, tb.cells, strict=True)
            for c, cell in zip(tb.column_labels, row, strict=True)
        }
        recs = _records(spec)
        assert recs, tb.id
        for rec in recs:
            cell = cells[(rec["row"], rec["column"])]
            assert rec["text"] == display_text(cell, lang), (tb.id, rec)
            if cell.suppressed:
                assert rec["value"] is None, (tb.id, rec)
            else:
                assert rec["value"] == cell.number, (tb.id, rec)


def test_suppressed_cells_are_not_bars(stored: dict[str, ProtectedTable]) -> None:
    """The bar layer draws only records with a number; the '<5' of Figuur 2 appears as text in
    the rendered SVG."""
    tb = stored["jaarcijfers.figuur_2"]
    assert any(c.suppressed for row in tb.cells for c in row)
    spec = chart_spec(tb, "nl")
    bars = [
        d
        for d in _walk(spec)
        if d.get("mark") in ("bar", {"type": "bar"})
        or (isinstance(d.get("mark"), dict) and d["mark"].get("type") == "bar")
    ]
    assert bars
    for b in bars:
        assert {"filter": "datum.value !== null"} in b.get("transform", []), b
    svg = vlc.vegalite_to_svg(spec)
    assert "&lt;5" in svg


def test_one_colour_per_form_everywhere(stored: dict[str, ProtectedTable]) -> None:
    seen: dict[str, set[str]] = {}
    for tb in _figures(stored):
        for domain, colours in _scales(chart_spec(tb, "nl")):
            if len(domain) > 1 and all(form_of(x) for x in domain):
                for x, c in zip(domain, colours, strict=True):
                    form = form_of(x)
                    assert form is not None
                    seen.setdefault(form.code, set()).add(c)
    assert {"bl_su", "go_su", "au", "cu"} <= set(seen)
    for code, colours in seen.items():
        assert len(colours) == 1, (code, colours)
    fixed = {f.code: f.colour for f in forms()}
    for code, colours in seen.items():
        assert colours == {fixed[code]}


def test_form_colours_step_in_lightness() -> None:
    """forms.csv states each colour's L*; it is true, and forms differ by at least 12 L* (11
    allowing for rounding) except the declared pairs that never share a figure."""
    table = forms()
    for f in table:
        assert abs(_lightness(f.colour) - f.lightness) < 1.5, f
    never_together = {frozenset({"su", "orgaan"}), frozenset({"su_onbekend", "overig"})}
    for a, b in itertools.combinations(table, 2):
        if frozenset({a.code, b.code}) in never_together:
            continue
        assert abs(_lightness(a.colour) - _lightness(b.colour)) >= 11, (a.code, b.code)


def test_chart_colours_apart_in_grayscale(stored: dict[str, ProtectedTable]) -> None:
    """Within a chart, categories of up to eight differ by at least 7 L*."""
    for tb in _figures(stored):
        for _domain, colours in _scales(chart_spec(tb, "nl")):
            if 1 < len(colours) <= 8:
                ls = sorted(_lightness(c) for c in colours)
                assert min(b - a for a, b in itertools.pairwise(ls)) >= 7, (tb.id, colours)


def test_english_chart() -> None:
    tb = ProtectedTable(
        id="x.figuur",
        year=2024,
        number="Figuur 1",
        title="Aantal geregistreerde slachtoffers",
        source="Bron: CoMensha",
        row_header="",
        notes=(),
        row_labels=["Arbeidsuitbuiting", "Criminele uitbuiting"],
        column_labels=["2023", "2024"],
        cells=[
            [ProtectedCell("1013", 1013), ProtectedCell("<5", None, "primary")],
            [ProtectedCell("5", 5), ProtectedCell("6", 6)],
        ],
    )
    spec = chart_spec(tb, "en")
    assert "Number" in str(spec) and "Year" in str(spec)
    assert {r["row"] for r in _records(spec)} == {"Labour exploitation", "Criminal exploitation"}
    assert spec["config"]["locale"]["number"]["thousands"] == ","
    assert chart_spec(tb, "nl")["config"]["locale"]["number"]["thousands"] == "."
    with pytest.raises(ValueError, match="unknown language"):
        chart_spec(tb, "de")
    empty = ProtectedTable("x.leeg", 2024, "Figuur 9", "Leeg", "", "", (), [], [], [])
    with pytest.raises(ValueError, match="empty table"):
        chart_spec(empty, "nl")


@pytest.mark.parametrize(("lang", "axis", "text"), [("nl", ",.2f", "0,90"), ("en", ",.2f", "0.90")])
def test_numbers_with_decimals_are_drawn_at_their_value(lang: str, axis: str, text: str) -> None:
    """A column of means with two decimals is drawn at 0.9 (not 90), labelled in the language,
    on an axis with two decimals; percentage columns and label columns beside it are left out,
    and a table of class labels only has no chart."""
    from tests.publish.test_pub_opendata import decimal_figure

    tb = decimal_figure().table
    means = ProtectedTable(
        **{
            **tb.__dict__,
            "number": "Figuur T",
            "column_labels": tb.column_labels[1:4],
            "cells": [row[1:4] for row in tb.cells],
        }
    )
    spec = chart_spec(means, lang)
    recs = {(r["row"], r["column"]): r for r in _records(spec)}
    key = (label("Vermogen", lang), label("Per 10.000", lang))
    assert {c for _, c in recs} == {key[1]}
    assert recs[key]["value"] == 0.9 and recs[key]["text"] == text
    assert any(d.get("format") == axis for d in _walk(spec))
    labels = ProtectedTable(
        **{**tb.__dict__, "column_labels": ["Klasse"], "cells": [[row[3]] for row in tb.cells]}
    )
    with pytest.raises(ValueError, match="nothing to draw"):
        chart_spec(labels, lang)
