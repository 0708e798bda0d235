"""The chain figure (Dadermonitor Figuur 1, ``indicators.keten``) in the publication: section 3 of
the report in both languages and in the PDF, with its generated text, chart, data table, notes
and source line; its chart draws the funnel of the yearly averages, the flow percentages and the
distribution over the forms, every record a published cell.

The workspace of tests/publish/conftest.py has no police and no probation delivery covering
2020-2024, so for 2024 Signalering and Resocialisatie print '.' (not available)."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
import vl_convert as vlc

from ketenmonitor.disclosure import ProtectedCell, ProtectedTable
from ketenmonitor.indicators import keten
from ketenmonitor.publish.charts import chain_uncertain, chart_spec, forms
from ketenmonitor.publish.i18n import label, missing, t
from ketenmonitor.publish.text import chain_headline, display_text
from tests.publish.htmlparse import parse

NUMBER = "Gemiddeld aantal daders per jaar"
FLOW = "Doorstroom naar deze fase (%)"
UNKNOWN = "Vorm onbekend (%)"
DURATION = "Gemiddelde duur onvoorwaardelijke vrijheidsstraf (dagen)"
PHASES = [
    "Prevalentie",
    "Signalering",
    "Opsporing",
    "Dagvaarding",
    "Veroordeling",
    "Onvoorwaardelijke vrijheidsstraf",
    "Resocialisatie",
    "Recidive",
]
"""The phases in chain order (docs/methodology/chain.md)."""


def _chain(stored: dict[str, ProtectedTable]) -> ProtectedTable:
    assert "dadermonitor.figuur_1" in stored, "the chain figure is not built for 2024"
    return stored["dadermonitor.figuur_1"]


def _cell(tb: ProtectedTable, row: str, column: str) -> ProtectedCell:
    return tb.cells[tb.row_labels.index(row)][tb.column_labels.index(column)]


def _section(doc_html: str, start: str, end: str) -> str:
    i = doc_html.index(f'id="{start}"')
    j = doc_html.index(f'id="{end}"', i) if end else len(doc_html)
    return doc_html[i:j]


def _flows(tb: ProtectedTable) -> dict[str, str]:
    """The published flow percentages by phase."""
    return {r: _cell(tb, r, FLOW).text for r in tb.row_labels if _cell(tb, r, FLOW).text}


# --------------------------------------------------------------------------- the table


def test_the_stored_chain_table_for_2024(stored: dict[str, ProtectedTable]) -> None:
    """The rows are the phases in chain order; police and probation do not cover 2020-2024, so
    their phases print '.', prevalence and reoffending 'onbekend'; the three flows are at
    Dagvaarding, Veroordeling and the sentence phase."""
    tb = _chain(stored)
    assert tb.row_labels == PHASES
    numbers = {r: _cell(tb, r, NUMBER).text for r in PHASES}
    assert numbers["Signalering"] == "." and numbers["Resocialisatie"] == "."
    assert numbers["Prevalentie"] == "onbekend" and numbers["Recidive"] == "onbekend"
    assert re.fullmatch(r"≥\d+", numbers["Opsporing"])
    assert re.fullmatch(r">\d+", numbers["Onvoorwaardelijke vrijheidsstraf"])
    assert set(_flows(tb)) == {"Dagvaarding", "Veroordeling", "Onvoorwaardelijke vrijheidsstraf"}
    assert missing([tb.title, tb.source, tb.row_header, *tb.notes, *tb.column_labels], "en") == []


# --------------------------------------------------------------------------- the report


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_section_3_holds_the_chain_figure(
    stored: dict[str, ProtectedTable],
    out_nl: dict[str, Path],
    out_en: dict[str, Path],
    lang: str,
) -> None:
    tb = _chain(stored)
    doc_html = (out_nl if lang == "nl" else out_en)["html"].read_text(encoding="utf-8")
    section = _section(doc_html, "keten", "reflectie")
    assert 'data-table="dadermonitor.figuur_1"' in section
    assert 'data-slot="keten"' not in section  # no placeholder
    assert 'data-table="dadermonitor.figuur_1"' not in _section(doc_html, "bijlage", "")
    fig = parse(section).figures["dadermonitor.figuur_1"]
    assert fig.has_chart
    assert fig.caption.endswith(label(tb.title, lang))
    assert fig.source == label(tb.source, lang)
    for note in tb.notes:
        assert any(label(note, lang) in n for n in fig.notes), note
    footnote = {"nl": "Gemiddelden per jaar afgerond op vijftallen.", "en": "Yearly averages"}
    assert any(footnote[lang] in n for n in fig.notes)  # the disclosure note of its rule
    # the data table as published, with the words in the language ('onbekend' is 'unknown')
    assert fig.table is not None
    assert [r[0] for r in fig.table.rows] == [label(r, lang) for r in PHASES]
    shown = {r[0]: [c[0] for c in r[2]] for r in fig.table.rows}
    for i, row in enumerate(tb.cells):
        assert shown[label(PHASES[i], lang)] == [display_text(c, lang) for c in row]
    assert shown[label("Prevalentie", lang)][0] == ("onbekend" if lang == "nl" else "unknown")
    assert shown[label("Signalering", lang)][0] == "."
    # the generated text: the three flow percentages, the cohorts, the phases without delivery
    text = fig.headline
    for phase, pct in _flows(tb).items():
        assert pct in text, phase
    assert t("chain.cohorts", lang) in text
    days = _cell(tb, "Onvoorwaardelijke vrijheidsstraf", DURATION).value
    assert days is not None
    assert keten.years_and_months(days, lang) in text
    phases = " en " if lang == "nl" else " and "
    absent = f"{label('Signalering', lang).lower()}{phases}{label('Resocialisatie', lang).lower()}"
    assert absent in html.unescape(text)


def test_the_generated_text_of_the_chain() -> None:
    """The Dadermonitor 2015-2019: 60%, 65-70% and 90%, 618 days; Dutch number formatting."""
    blank = ProtectedCell("", None)

    def row(number: str, value: int | None, flow: str = "", days: int | None = None) -> list:
        m = re.search(r"\d+", flow)
        cells = [ProtectedCell(number, value, kind="mean" if value is not None else "label")]
        cells.append(ProtectedCell(flow, int(m[0]), kind="percent") if m else blank)
        cells += [blank] * 6
        cells.append(ProtectedCell(str(days), days, kind="mean") if days else blank)
        return cells

    tb = ProtectedTable(
        "dadermonitor.figuur_1",
        2019,
        "Figuur 1",
        keten.keten_spec(2019).title_nl,
        keten.BRON,
        "Fase",
        keten.NOTES,
        PHASES,
        [nl for nl, _ in keten.COLUMNS],
        [
            row("onbekend", None),
            row(">200", 200),
            row("≥180", 180),
            row("145", 145, "60%"),
            row("≈95-105", 95, "65-70%"),
            row(">85", 85, "90%", 618),
            row("25", 25),
            row("onbekend", None),
        ],
    )
    nl = chain_headline(tb, "nl")
    assert nl is not None
    text = " ".join(nl.sentences)
    assert "2015-2019" in text
    assert "60% in een dagvaarding" in text and "werd 65-70% veroordeeld" in text
    assert "kreeg 90% een (deels) onvoorwaardelijke vrijheidsstraf" in text
    assert "gemiddeld 1 jaar en 8 maanden" in text
    assert "niet door elkaar worden gedeeld" in text
    assert "'.'" not in text  # every phase delivered
    en = chain_headline(tb, "en")
    assert en is not None and "1 year and 8 months" in " ".join(en.sentences)
    assert nl.numbers == {
        "flow_dagvaarding": 60,
        "flow_veroordeling": 65,
        "flow_vrijheidsstraf": 90,
        "duration_days": 618,
    }
    other = ProtectedTable(**{**tb.__dict__, "id": "jaarcijfers.figuur_1"})
    assert chain_headline(other, "nl") is None


def _pdf_text(path: Path) -> str:
    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = []
        for i in range(len(pdf)):
            tp = pdf[i].get_textpage()
            pages.append(" ".join(tp.get_text_range().split()))
            tp.close()
        return "\n".join(pages)
    finally:
        pdf.close()


def test_the_pdf_has_the_chain_figure(stored: dict[str, ProtectedTable], pdf_nl: Path) -> None:
    """Section 3 of the PDF: the generated text, the chart (its SVG text: the panel titles, the
    published numbers and the flow labels) and the table."""
    tb = _chain(stored)
    pages = _pdf_text(pdf_nl).split("\n")
    k = next(i for i, p in enumerate(pages) if t("chain.cohorts", "nl") in p)
    assert pages[k].startswith("3 De strafrechtketen"), "the text opens section 3"
    whole = " ".join(pages)
    assert t("chain.distribution", "nl") in whole
    for phase, pct in _flows(tb).items():
        assert f"↓ {pct}" in whole, phase  # the chart's flow label
    assert _cell(tb, "Opsporing", NUMBER).text in whole
    assert label(tb.source, "nl") in whole


# --------------------------------------------------------------------------- the chart


def _walk(node: Any) -> list[dict[str, Any]]:
    out = []
    if isinstance(node, dict):
        out.append(node)
        for v in node.values():
            out += _walk(v)
    elif isinstance(node, list):
        for v in node:
            out += _walk(v)
    return out


def _layers(spec: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    funnel, distribution = spec["hconcat"]
    return funnel, distribution


def _values(view: dict[str, Any], layer: dict[str, Any]) -> list[dict[str, Any]]:
    return list((layer.get("data") or view["data"])["values"])


def _mark(layer: dict[str, Any]) -> str:
    m = layer["mark"]
    return str(m if isinstance(m, str) else m["type"])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_chart_draws_the_stored_chain_table(
    stored: dict[str, ProtectedTable], lang: str
) -> None:
    tb = _chain(stored)
    spec = chart_spec(tb, lang)
    funnel, distribution = _layers(spec)
    phases = [label(p, lang) for p in PHASES]
    # the funnel: phases top to bottom in chain order, one bar per phase with a number
    y = funnel["layer"][0]["encoding"]["y"]
    assert y["sort"] == phases and y["scale"]["domain"] == phases
    bars = [x for x in funnel["layer"] if _mark(x) == "bar"]
    assert len(bars) == 1 and {"filter": "datum.value !== null"} in bars[0]["transform"]
    numbers = {r["row"]: r for r in _values(funnel, bars[0])}
    for p in PHASES:
        cell = _cell(tb, p, NUMBER)
        rec = numbers[label(p, lang)]
        assert rec["column"] == label(NUMBER, lang)
        assert rec["text"] == display_text(cell, lang) and rec["value"] == cell.number
    assert numbers[label("Signalering", lang)]["value"] is None  # '.': a label, no bar
    assert numbers[label("Prevalentie", lang)]["value"] is None
    texts = [x for x in funnel["layer"] if _mark(x) == "text"]
    assert any(x["encoding"]["text"]["field"] == "text" and "transform" not in x for x in texts)
    # the flow percentages, as labels between a phase and the one above
    flow_layer = next(x for x in texts if x["encoding"]["text"]["field"] == "label")
    assert flow_layer["encoding"]["y"]["bandPosition"] == 0
    flows = {r["row"]: r for r in flow_layer["data"]["values"]}
    assert {r: f["text"] for r, f in flows.items()} == {
        label(p, lang): pct for p, pct in _flows(tb).items()
    }
    assert all(f["label"] == f"↓ {f['text']}" for f in flows.values())
    # the distribution: per phase with a number, the shares of the forms as published,
    # normalised to a whole bar; the fixed form colours
    segments = distribution["data"]["values"]
    by_phase: dict[str, list[dict[str, Any]]] = {}
    for s in segments:
        by_phase.setdefault(s["row"], []).append(s)
        column = next(c for c in tb.column_labels if label(c, lang) == s["column"])
        cell = _cell(tb, PHASES[phases.index(s["row"])], column)
        assert s["text"] == display_text(cell, lang) and s["value"] == cell.number
    assert set(by_phase) == {
        label(p, lang) for p in PHASES if _cell(tb, p, NUMBER).value is not None
    }
    for parts in by_phase.values():
        assert parts[0]["x0"] == 0 and parts[-1]["x1"] == pytest.approx(1)
        assert "Seksuele uitbuiting (%)" not in {s["column"] for s in parts}
    bar = next(x for x in distribution["layer"] if _mark(x) == "bar")
    colour = bar["encoding"]["color"]["scale"]
    fixed = {label(f.labels[0], lang): f.colour for f in forms()}
    fixed[label("Grensoverschrijdende seksuele uitbuiting", lang)] = next(
        f.colour for f in forms() if f.code == "go_su"
    )
    for name, c in zip(colour["domain"], colour["range"], strict=True):
        assert fixed[name] == c, name
    svg = vlc.vegalite_to_svg(spec)
    assert html.escape(_cell(tb, "Opsporing", NUMBER).text) in svg
    for pct in _flows(tb).values():
        assert f"↓ {pct}" in svg


def _full_table(unknown_resocialisatie: int) -> ProtectedTable:
    """Figuur 1 of the Dadermonitor 2015-2019 (page 20), signalering with sexual exploitation as
    one form, resocialisatie with ``unknown_resocialisatie`` percent of unknown form."""
    blank = ProtectedCell("", None)

    def pct(v: int) -> ProtectedCell:
        return ProtectedCell(f"{v}%", v, kind="percent")

    def row(number: str, value: int | None, shares: list[int | None], unknown: int) -> list:
        cells = [ProtectedCell(number, value, kind="mean" if value else "label"), blank]
        cells += [blank if s is None else pct(s) for s in shares]
        return [*cells, pct(unknown), blank]

    return ProtectedTable(
        "dadermonitor.figuur_1",
        2019,
        "Figuur 1",
        keten.keten_spec(2019).title_nl,
        keten.BRON,
        "Fase",
        keten.NOTES,
        PHASES,
        [nl for nl, _ in keten.COLUMNS],
        [
            [ProtectedCell("onbekend", None, kind="label"), *[blank] * 8],
            row(">200", 200, [None, None, 70, 20, 10], 5),
            row("≥180", 180, [45, 40, 85, 5, 10], 13),
            row("145", 145, [50, 35, 85, 5, 10], 5),
            row("≈95-105", 95, [50, 35, 85, 5, 10], 2),
            row(">85", 85, [50, 35, 85, 5, 10], 1),
            row("25", 25, [40, 20, 60, 25, 15], unknown_resocialisatie),
            [ProtectedCell("onbekend", None, kind="label"), *[blank] * 8],
        ],
    )


def test_signalering_is_one_sexual_segment_and_an_uncertain_distribution_is_marked() -> None:
    tb = _full_table(35)
    spec = chart_spec(tb, "nl")
    _, distribution = _layers(spec)
    segments = distribution["data"]["values"]
    signalering = [s for s in segments if s["row"] == "Signalering"]
    assert [s["form"] for s in signalering] == [
        "Seksuele uitbuiting",
        "Arbeidsuitbuiting",
        "Criminele uitbuiting",
    ]
    opsporing = [s["form"] for s in segments if s["row"] == "Opsporing"]
    assert opsporing[:2] == [
        "Binnenlandse seksuele uitbuiting",
        "Grensoverschrijdende seksuele uitbuiting",
    ]
    # 35% unknown: lighter, dashed, marked 'onzeker', and the title says what it means
    uncertain = {s["row"] for s in segments if s["uncertain"]}
    assert uncertain == {"Resocialisatie"}
    bar = next(x for x in distribution["layer"] if _mark(x) == "bar")
    assert bar["encoding"]["opacity"]["condition"]["test"] == "datum.uncertain"
    assert bar["encoding"]["strokeDash"]["condition"]["test"] == "datum.uncertain"
    marks = [r for x in distribution["layer"] if x.get("data") for r in x["data"]["values"]]
    assert marks == [{"row": "Resocialisatie", "label": t("chain.uncertain", "nl")}]
    assert " ".join(distribution["title"]["subtitle"]) == t("chain.uncertain_note", "nl")
    assert "onzeker" in vlc.vegalite_to_svg(spec)
    # a third exactly is 33% published, which is below a third: not marked
    spec = chart_spec(_full_table(33), "en")
    _, distribution = _layers(spec)
    assert not any(s["uncertain"] for s in distribution["data"]["values"])
    assert "subtitle" not in distribution["title"]
    assert chain_uncertain(ProtectedCell("34%", 34, kind="percent"))
    assert not chain_uncertain(ProtectedCell("33%", 33, kind="percent"))
    # the funnel of the full figure: a bar for every phase with a number
    funnel, _ = _layers(chart_spec(tb, "en"))
    bars = [r for r in funnel["data"]["values"] if r["value"] is not None]
    assert [r["row"] for r in bars] == [label(p, "en") for p in PHASES[1:7]]
    assert "unknown" in {r["text"] for r in funnel["data"]["values"]}
    png = vlc.vegalite_to_png(chart_spec(tb, "nl"))
    assert png.startswith(b"\x89PNG")


def test_without_the_chain_table_section_3_says_so(
    pub_ws: Any, figures: list[Any], tmp_path: Path
) -> None:
    """A year where the chain figure is not built: the placeholder, and no chain figure."""
    from ketenmonitor.publish.report import render

    without = [f for f in figures if f.id != keten.TABLE_ID]
    doc_html = render(pub_ws, 2024, "en", figures=without, nboot=0)
    section = _section(doc_html, "keten", "reflectie")
    assert 'data-slot="keten"' in section
    assert t("report.chain_absent", "en").format(year=2024) in html.unescape(section)
    assert "dadermonitor.figuur_1" not in doc_html
