"""The report: the Jaarcijfers as one self-contained HTML file and as a PDF, in Dutch or English,
made from the protected tables only.

Structure (as the Jaarcijfers Mensenhandel 2024): Introductie; 1 Slachtoffers; 2 Plegers;
3 De strafrechtketen (the chain figure ``dadermonitor.figuur_1`` of ``indicators.keten`` when it
is built for the report's year: its generated text with the flow percentages and the cohort
caveat, its chart, the data table, notes, disclosure note and source line; otherwise a note that
it is not built) with the slot for the Rapporteur's reflection; 4 Toelichting, generated from
the warehouse lineage (the peildatum of every delivery), the processing rules and the
disclosure rules actually applied; an appendix with the built tables no section names (the
Dadermonitor chapters, without the chain figure). Chapter 1 ends with the estimated number of
victims, registered and not (``publish.estimate``: multiple systems estimation on the melders,
its interval in words, a chart, the note on its assumptions and its method as source line).
Every figure has its generated headline (``text.headlines``; the chain figure's
``text.chain_headline``), a chart (``charts.chart_spec``), the data table as published
(``<caption>``, ``<th scope>``, suppressed and rounded cells marked visually and for screen
readers), notes, the disclosure note and the source line.

- HTML (``write_html``): the Vega, Vega-Lite and vega-embed JavaScript is inlined
  (``vl_convert.javascript_bundle``), so the file works offline; charts are interactive
  (tooltips, a legend that toggles).
- PDF (``write_pdf``): the same document with the charts as SVG (``vl_convert``), laid out by
  WeasyPrint for A4 with a table of contents with page numbers, page numbers in the footer and
  figures kept on one page where they fit.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from ketenmonitor import __version__
from ketenmonitor.config import Workspace
from ketenmonitor.disclosure import load_rules
from ketenmonitor.estimation.publication import DEFAULT_SEED
from ketenmonitor.indicators import keten
from ketenmonitor.publish import estimate as est_mod
from ketenmonitor.publish.charts import chart_spec, is_chain
from ketenmonitor.publish.estimate import DEFAULT_NBOOT, PublishedEstimate, published_estimate
from ketenmonitor.publish.i18n import check_lang, label, t
from ketenmonitor.publish.tables import Delivery, Figure, deliveries, load_figures, placed
from ketenmonitor.publish.text import (
    Headline,
    chain_headline,
    display_text,
    fmt_int,
    headlines,
)

TEMPLATES = Path(__file__).with_name("templates")
FORMATS = ("html", "pdf", "xlsx", "csv")
SOURCE_NAMES = {
    "comensha": "CoMensha",
    "ind": "IND",
    "emm": "EMM",
    "om": "OM",
    "rechtspraak": "Raad voor de rechtspraak",
    "politie": "CBS (politie)",
    "reclassering": "Reclassering",
}
"""The name of a delivery's organisation (``emm_jaartellingen`` is EMM, ``om_dossierstudie``
OM: the part before the first ``_``)."""


def source_name(source: str) -> str:
    return SOURCE_NAMES.get(source, SOURCE_NAMES.get(source.split("_")[0], source))


WIDE_COLUMNS = 7
"""Tables with more columns than this get the compact (smaller type) layout."""


@dataclass
class CellView:
    display: str
    flag: str
    sr: str = ""
    """Said by screen readers after the text (the flag of a suppressed or rounded cell)."""


@dataclass
class FigureView:
    id: str
    anchor: str
    number: str
    title: str
    source: str
    row_header: str
    columns: list[str]
    rows: list[tuple[str, list[CellView]]]
    notes: list[str]
    footnote: str
    is_figure: bool
    wide: bool
    spec_json: str = ""
    svg_uri: str = ""
    alt: str = ""
    headline: Headline | None = None


@dataclass
class EstimateView:
    """The estimated number of victims as the report shows it (``publish.estimate``)."""

    anchor: str
    year: int
    available: bool
    unavailable: str = ""
    title: str = ""
    sentence: str = ""
    rounding: str = ""
    note_title: str = ""
    note: str = ""
    warning: str = ""
    source: str = ""
    row_header: str = ""
    column: str = ""
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)
    """(key, label, number as shown, flag)"""
    spec_json: str = ""
    svg_uri: str = ""
    alt: str = ""


@dataclass
class SectionView:
    anchor: str
    title: str
    figures: list[FigureView] = field(default_factory=list)
    estimate: EstimateView | None = None


@dataclass
class ChapterView:
    anchor: str
    number: str
    title: str
    sections: list[SectionView] = field(default_factory=list)


def _anchor(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _sr(flag: str, lang: str) -> str:
    if flag in ("primary", "secondary"):
        return t("report.suppressed_mark", lang)
    if flag == "rounded":
        return t("report.rounded_mark", lang)
    return ""


@cache
def _svg_uri(spec_json: str) -> str:
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(json.loads(spec_json))
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def figure_view(
    fig: Figure, lang: str, heads: dict[str, Headline], *, svg: bool = False
) -> FigureView:
    tb = fig.table
    number, title = label(tb.number, lang), label(tb.title, lang)
    is_figure = tb.number.startswith("Figuur")
    view = FigureView(
        id=fig.id,
        anchor=_anchor(fig.id),
        number=number,
        title=title,
        source=label(tb.source, lang),
        row_header=label(tb.row_header, lang),
        columns=[label(c, lang) for c in tb.column_labels],
        rows=[
            (
                label(r, lang),
                [CellView(display_text(c, lang), c.flag, _sr(c.flag, lang)) for c in cells],
            )
            for r, cells in zip(tb.row_labels, tb.cells, strict=True)
        ],
        notes=[label(n, lang) for n in tb.notes],
        # the chain figure's averages are rounded to fives by its rule, not flagged per cell
        footnote=fig.footnote(lang)
        if is_chain(tb) or any(c.suppressed or c.flag == "rounded" for row in tb.cells for c in row)
        else "",
        is_figure=is_figure,
        wide=len(tb.column_labels) > WIDE_COLUMNS,
        headline=heads.get(fig.id),
    )
    try:
        spec = chart_spec(tb, lang, title=False) if is_figure else None
    except ValueError:  # nothing to draw (class labels only): the table alone
        spec = None
    if spec is not None:
        # embedded in a <script>: "</" is written "<\/" (the same string to a JSON reader)
        view.spec_json = json.dumps(spec, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
        view.alt = t("report.chart_alt", lang).format(number=number, title=title)
        if svg:
            view.svg_uri = _svg_uri(view.spec_json)
    return view


def estimate_view(est: PublishedEstimate, lang: str, *, svg: bool = False) -> EstimateView:
    """The estimate's section content in ``lang``; without an estimate, the reason."""
    view = EstimateView(anchor=_anchor(est_mod.ESTIMATE_ID), year=est.year, available=False)
    if not est.available:
        view.unavailable = est_mod.unavailable(est, lang)
        return view
    assert est.figure is not None
    view.available = True
    view.title = est_mod.title(est, lang)
    view.sentence = est_mod.sentence(est, lang)
    view.rounding = est_mod.rounding_note(est, lang)
    view.note_title = t("estimate.note_title", lang)
    view.note = str(est.figure["note"][lang])
    view.warning = est_mod.edge_warning(est, lang)
    view.source = est_mod.source_line(est, lang)
    view.row_header = t("estimate.row_header", lang)
    view.column = str(est.year)
    view.rows = [
        (key, text, fmt_int(value, lang), est_mod.flag(key))
        for key, text, value in est_mod.rows(est, lang)
    ]
    spec = est_mod.chart_spec(est, lang)
    view.spec_json = json.dumps(spec, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    view.alt = t("estimate.chart_alt", lang).format(year=est.year)
    if svg:
        view.svg_uri = _svg_uri(view.spec_json)
    return view


def _chapters(
    figures: list[Figure],
    lang: str,
    heads: dict[str, Headline],
    svg: bool,
    estimate: EstimateView | None = None,
) -> tuple[list[ChapterView], list[FigureView], list[FigureView]]:
    """The numbered chapters 1 and 2, the chain figure (``keten.TABLE_ID``, section 3) and the
    appendix; the section marked ``estimate`` in ``sections.toml`` holds ``estimate``."""
    structure, rest = placed(figures)
    chapters = []
    for n, (chapter, sections) in enumerate(structure, start=1):
        cv = ChapterView(chapter.key, str(n), t(f"chapter.{chapter.key}", lang))
        for section, figs in sections:
            if not figs and not (section.estimate and estimate is not None):
                continue
            sv = SectionView(f"{chapter.key}-{section.key}", t(f"section.{section.key}", lang))
            sv.figures = [figure_view(f, lang, heads, svg=svg) for f in figs]
            if section.estimate:
                sv.estimate = estimate
            cv.sections.append(sv)
        if cv.sections:
            chapters.append(cv)
    chain = [figure_view(f, lang, heads, svg=svg) for f in rest if f.id == keten.TABLE_ID]
    appendix = [figure_view(f, lang, heads, svg=svg) for f in rest if f.id != keten.TABLE_ID]
    return chapters, chain, appendix


def _date(d: dt.date, lang: str) -> str:
    return d.strftime("%d-%m-%Y") if lang == "nl" else d.isoformat()


def _toelichting(figures: list[Figure], found: list[Delivery], lang: str) -> dict[str, Any]:
    used_sources = {s for f in figures for s in f.spec.sources}
    rows = [
        {
            "source": source_name(d.source),
            "peildatum": _date(d.peildatum, lang),
            "file": d.file_name,
            "rows": fmt_int(d.rows_loaded, lang),
            "quarantine": fmt_int(d.rows_quarantined, lang),
            "contract": d.contract_version,
        }
        for d in found
        if d.source in used_sources
    ]
    rules = load_rules()
    # one row per rule as applied: a table's own [table."ID"] entry can differ from its source's
    by_rule: dict[tuple[str, int, int, str], list[str]] = {}
    for f in figures:
        rule = rules.rule(f.spec.disclosure, f.spec.id)
        note = rule.footnote_en if lang == "en" else rule.footnote_nl
        key = (f.spec.disclosure, rule.rounding, rule.threshold, note)
        numbers = by_rule.setdefault(key, [])
        number = label(f.table.number, lang)
        if number not in numbers:
            numbers.append(number)
    rule_rows = [
        {
            "name": name,
            "rounding": "-" if rounding == 1 else str(rounding),
            "threshold": "-" if threshold <= 1 else str(threshold),
            "footnote": note,
            "tables": ", ".join(numbers),
        }
        for (name, rounding, threshold, note), numbers in by_rule.items()
    ]
    processing = [
        t(f"report.processing_{k}", lang)
        for k, sources in (
            ("comensha", {"comensha"}),
            ("begging", {"comensha"}),
            ("organ", {"comensha"}),
            ("emm", {"emm"}),
            ("delivered", {"ind", "rechtspraak"}),
        )
        if sources & used_sources
    ]
    return {"deliveries": rows, "rules": rule_rows, "processing": processing}


def _sources_sentence(figures: list[Figure], lang: str) -> str:
    names = []
    for f in figures:
        for s in f.spec.sources:
            name = source_name(s)
            if name not in names:
                names.append(name)
    if len(names) <= 1:
        return "".join(names)
    joiner = " en " if lang == "nl" else " and "
    return ", ".join(names[:-1]) + joiner + names[-1]


def _reflection(text: str | None) -> list[str]:
    if not text:
        return []
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


@cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(
    ws: Workspace,
    year: int,
    lang: str = "nl",
    *,
    medium: str = "html",
    figures: list[Figure] | None = None,
    reflection: str | None = None,
    estimate: PublishedEstimate | None = None,
    nboot: int = DEFAULT_NBOOT,
    seed: int | None = DEFAULT_SEED,
) -> str:
    """The report as an HTML document: ``medium="html"`` for the interactive, self-contained
    file, ``"pdf"`` for the print version (static SVG charts) that ``write_pdf`` lays out.
    ``estimate`` is the estimated number of victims; without it, it is computed with ``nboot``
    bootstrap replicates and ``seed``."""
    check_lang(lang)
    if medium not in ("html", "pdf"):
        raise ValueError(f"medium must be html or pdf, not {medium!r}")
    figures = figures if figures is not None else load_figures(ws, year)
    if estimate is None:
        estimate = published_estimate(ws, year, nboot=nboot, seed=seed)
    est_view = estimate_view(estimate, lang, svg=medium == "pdf")
    heads = headlines({f.id: f.table for f in figures}, year, lang)
    for f in figures:
        chain_text = chain_headline(f.table, lang)
        if chain_text is not None:
            heads[f.id] = chain_text
    chapters, chain, appendix = _chapters(
        figures, lang, heads, svg=medium == "pdf", estimate=est_view
    )
    all_figures = [f for c in chapters for s in c.sections for f in s.figures] + chain + appendix
    embeds = [(f"vis-{f.anchor}", f.spec_json) for f in all_figures if f.is_figure]
    if est_view.available:
        embeds.append((f"vis-{est_view.anchor}", est_view.spec_json))
    bundle = ""
    if medium == "html":
        import vl_convert as vlc

        # the stub wants a snippet; without one the bundle sets window.vegaEmbed (the default)
        bundle = vlc.javascript_bundle().replace("</script", "<\\/script")  # type: ignore[call-arg]
    context = {
        "lang": lang,
        "year": year,
        "medium": medium,
        "t": lambda key, **kw: t(key, lang).format(**kw) if kw else t(key, lang),
        "version": __version__,
        "intro": t("report.intro", lang).format(
            year=year, sources=_sources_sentence(figures, lang)
        ),
        "chapters": chapters,
        "chain": chain,
        "chain_number": str(len(chapters) + 1),
        "toelichting_number": str(len(chapters) + 2),
        "appendix": appendix,
        "toelichting": _toelichting(figures, deliveries(ws), lang),
        "reflection": _reflection(reflection),
        "bundle": bundle,
        "css": (TEMPLATES / "report.css").read_text(encoding="utf-8"),
        "all_figures": all_figures,
        "embeds": embeds,
    }
    return _env().get_template("report.html.j2").render(**context)


def write_html(ws: Workspace, year: int, path: Path, lang: str = "nl", **kw: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(ws, year, lang, medium="html", **kw), encoding="utf-8")
    return path


def write_pdf(ws: Workspace, year: int, path: Path, lang: str = "nl", **kw: Any) -> Path:
    import logging

    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    html = render(ws, year, lang, medium="pdf", **kw)
    path.parent.mkdir(parents=True, exist_ok=True)
    weasyprint.HTML(string=html, base_url=str(TEMPLATES)).write_pdf(str(path))
    return path


def parse_formats(text: str | Iterable[str]) -> list[str]:
    """``"html,pdf"`` -> ``["html", "pdf"]``; an unknown format is an error."""
    items = text.split(",") if isinstance(text, str) else list(text)
    out = []
    for item in (i.strip().lower() for i in items):
        if not item:
            continue
        if item not in FORMATS:
            raise ValueError(f"unknown format {item!r}: choose from {', '.join(FORMATS)}")
        if item not in out:
            out.append(item)
    if not out:
        raise ValueError(f"no format given: choose from {', '.join(FORMATS)}")
    return out


def publish(
    ws: Workspace,
    year: int,
    out: Path,
    lang: str = "nl",
    formats: Iterable[str] = FORMATS,
    reflection: str | None = None,
    *,
    nboot: int = DEFAULT_NBOOT,
    seed: int | None = DEFAULT_SEED,
) -> dict[str, Path]:
    """Write the publication of ``year`` in ``lang`` to ``out``, one entry per format:
    ``html`` and ``pdf`` (the report), ``xlsx`` (the workbook), ``csv`` (the open data folder
    with its ``datapackage.json``). Returns the path of each. The estimated number of victims
    (``publish.estimate``) is computed once, with ``nboot`` bootstrap replicates and ``seed``,
    and goes into every format."""
    from ketenmonitor.publish.opendata import write_open_data
    from ketenmonitor.publish.workbook import write_workbook

    check_lang(lang)
    wanted = parse_formats(list(formats))
    figures = load_figures(ws, year)
    estimate = published_estimate(ws, year, nboot=nboot, seed=seed)
    stem = f"jaarcijfers-{year}-{lang}"
    written: dict[str, Path] = {}
    kw: dict[str, Any] = {"figures": figures, "reflection": reflection, "estimate": estimate}
    if "html" in wanted:
        written["html"] = write_html(ws, year, out / f"{stem}.html", lang, **kw)
    if "pdf" in wanted:
        written["pdf"] = write_pdf(ws, year, out / f"{stem}.pdf", lang, **kw)
    if "xlsx" in wanted:
        written["xlsx"] = write_workbook(figures, out / f"{stem}.xlsx", lang, estimate=estimate)
    if "csv" in wanted:
        written["csv"] = write_open_data(
            figures, out / f"opendata-{year}-{lang}", lang, estimate=estimate
        )
    return written
