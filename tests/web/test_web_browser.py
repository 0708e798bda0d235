"""The dashboard end to end in headless Chromium (Debian's chromium driven by Playwright).

Every number checked here is compared with ``stored_table``, the protected table as ``build``
stored it; screenshots go to tests/web/artifacts/ (or $KETENMONITOR_TEST_ARTIFACTS).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from ketenmonitor.config import HOME_ENV, Workspace
from ketenmonitor.disclosure import ProtectedTable
from ketenmonitor.indicators.build import stored_table, to_csv_rows
from ketenmonitor.indicators.catalogue import CATALOGUE, spec
from tests.web.conftest import RunningServer

AUDIT_JS = """
() => {
  const problems = [];
  const text = el => (el && el.textContent || '').trim();
  const lang = document.documentElement.getAttribute('lang');
  if (!['nl', 'en'].includes(lang)) problems.push('html lang is ' + lang);
  if (!document.title.trim()) problems.push('page without title');
  const labelled = el => {
    if ((el.getAttribute('aria-label') || '').trim()) return true;
    const by = el.getAttribute('aria-labelledby');
    if (by && by.split(/\\s+/).every(id => text(document.getElementById(id)))) return true;
    if (el.id && text(document.querySelector('label[for="' + el.id + '"]'))) return true;
    if (text(el.closest('label'))) return true;
    return el.tagName === 'BUTTON' && text(el) !== '';
  };
  document.querySelectorAll('input:not([type=hidden]), select, textarea, button').forEach(el => {
    if (!labelled(el)) problems.push('control without label: ' + el.outerHTML.slice(0, 80));
  });
  document.querySelectorAll('table').forEach(t => {
    const name = t.id || t.className;
    if (!t.caption || !text(t.caption)) problems.push('table without caption: ' + name);
    const heads = t.querySelectorAll('thead th');
    if (!heads.length) problems.push('table without column headers: ' + name);
    heads.forEach(th => {
      if (th.getAttribute('scope') !== 'col') problems.push('column header without scope: ' + name);
      if (!text(th)) problems.push('empty column header: ' + name);
    });
    t.querySelectorAll('tbody tr').forEach(tr => {
      const th = tr.querySelector('th');
      if (!th || th.getAttribute('scope') !== 'row' || !text(th))
        problems.push('row without row header: ' + name);
    });
  });
  document.querySelectorAll('img').forEach(i => {
    if (!i.hasAttribute('alt')) problems.push('img without alt: ' + i.src);
  });
  document.querySelectorAll('svg, canvas').forEach(s => {
    // vega-embed gives the chart's box role graphics-document and the spec's description
    const box = s.closest('[role=img], [role=graphics-document]');
    if (!box || !(box.getAttribute('aria-label') || '').trim())
      problems.push('chart without text alternative');
  });
  document.querySelectorAll('a').forEach(a => {
    if (!text(a) && !(a.getAttribute('aria-label') || '').trim())
      problems.push('link without text');
  });
  const h1 = document.querySelectorAll('h1').length;
  if (h1 !== 1) problems.push(h1 + ' h1 elements');
  let previous = 1;
  document.querySelectorAll('h1, h2, h3, h4, h5, h6').forEach(h => {
    const level = Number(h.tagName[1]);
    if (level > previous + 1) problems.push('heading level skipped at ' + text(h));
    previous = level;
  });
  const ids = Array.from(document.querySelectorAll('[id]')).map(e => e.id);
  const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (dup.length) problems.push('duplicate ids: ' + dup.join(', '));
  return problems;
}
"""

TABLE_JS = """
(selector) => {
  const t = document.querySelector(selector);
  if (!t) return null;
  return {
    caption: t.caption ? t.caption.textContent.trim() : '',
    columns: Array.from(t.querySelectorAll('thead th')).map(th => th.textContent.trim()),
    rows: Array.from(t.querySelectorAll('tbody tr')).map(tr => ({
      label: tr.querySelector('th').textContent.trim(),
      nums: Array.from(tr.querySelectorAll('td .num')).map(s => s.textContent.trim()),
    })),
  };
}
"""

BARS_JS = """
(selector) => Array.from(
  document.querySelectorAll(selector + ' svg g.mark-rect path[aria-label]')
).map(p => p.getAttribute('aria-label'))
"""


class Session:
    """A page with everything that went wrong on it: console errors, page errors, failed
    requests and any request that left the dashboard's server."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on(
            "console",
            lambda m: (
                self.problems.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "assert")
                else None
            ),
        )
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url}"))
        self.page.on(
            "request",
            lambda r: (
                None
                if r.url.startswith(base) or r.url.startswith("data:")
                else self.problems.append(f"request outside the dashboard: {r.url}")
            ),
        )

    def rendered(self) -> int:
        value = self.page.evaluate("document.documentElement.dataset.rendered || '0'")
        return int(value)

    def goto(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.page.wait_for_function("document.documentElement.dataset.rendered !== undefined")

    def choose(self, selector: str, value: str) -> None:
        """Change a filter and wait until the page has been updated and redrawn."""
        before = self.rendered()
        self.page.select_option(selector, value)
        self.page.wait_for_function(
            f"Number(document.documentElement.dataset.rendered || 0) > {before}"
        )

    def table(self, selector: str = "#data-table") -> dict[str, Any]:
        out = self.page.evaluate(TABLE_JS, selector)
        assert out is not None, f"no {selector} on the page"
        return dict(out)

    def bars(self, selector: str = "#chart") -> Counter[tuple[str, int]]:
        """(row, value) of every bar drawn, from the marks' accessible labels."""
        found: Counter[tuple[str, int]] = Counter()
        for aria in self.page.evaluate(BARS_JS, selector):
            fields = dict(part.split(": ", 1) for part in aria.split("; ") if ": " in part)
            found[(fields.get("row") or fields.get("phase", ""), int(fields["value"]))] += 1
        return found

    def audit(self) -> list[str]:
        return list(self.page.evaluate(AUDIT_JS))

    def shot(self, folder: Path, name: str) -> None:
        self.page.screenshot(path=str(folder / f"{name}.png"), full_page=True)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def session(browser: Any, server: RunningServer) -> Iterator[Session]:
    s = Session(browser, server.url)
    yield s
    s.close()


def stored(ws: Workspace, table_id: str, year: int) -> ProtectedTable:
    t = stored_table(ws, spec(table_id), year)
    assert t is not None
    return t


def shown_nl(text: str) -> str:
    return f"{int(text):,}".replace(",", ".") if re.fullmatch(r"\d+", text) else text


def drawn(t: ProtectedTable, rows: list[str] | None = None) -> Counter[tuple[str, int]]:
    """The bars a chart of ``t`` must draw: every published, not suppressed number."""
    return Counter(
        (label, cell.value)
        for label, row in zip(t.row_labels, t.cells, strict=True)
        if rows is None or label in rows
        for cell in row
        if cell.value is not None and not cell.suppressed
    )


# --------------------------------------------------------------------------- tests


def test_the_page_loads_offline_without_console_errors(session: Session, artifacts: Path) -> None:
    for lang in ("nl", "en"):
        session.goto(f"/?lang={lang}")
        assert session.page.get_attribute("html", "lang") == lang
        assert session.page.locator("#chart svg").count() == 1
        assert session.page.locator("#chain-chart svg").count() == 1
        session.shot(artifacts, f"dashboard-{lang}")
    assert session.problems == []


def test_changing_a_filter_changes_the_chart_and_the_table(
    session: Session, dashboard_ws: Workspace, artifacts: Path
) -> None:
    session.goto("/?table=jaarcijfers.figuur_13")
    f13 = stored(dashboard_ws, "jaarcijfers.figuur_13", 2024)
    shown = session.table()
    assert shown["columns"][1:] == f13.column_labels
    assert [r["label"] for r in shown["rows"]] == f13.row_labels
    assert [r["nums"] for r in shown["rows"]] == [
        [shown_nl(c.text) for c in row] for row in f13.cells
    ]
    assert session.bars() == drawn(f13)
    svg_all = session.page.inner_html("#chart")
    session.shot(artifacts, "filter-all-forms")

    # the form: only the labour exploitation row of Figuur 13
    session.choose("#f-form", "arbeid")
    shown = session.table()
    i = f13.row_labels.index("Arbeidsuitbuiting")
    assert [r["label"] for r in shown["rows"]] == ["Arbeidsuitbuiting"]
    assert shown["rows"][0]["nums"] == [shown_nl(c.text) for c in f13.cells[i]]
    assert session.bars() == drawn(f13, ["Arbeidsuitbuiting"])
    assert session.page.inner_html("#chart") != svg_all
    assert session.page.input_value("#f-table") == "jaarcijfers.figuur_13"
    assert session.page.locator("#filtered-note").is_visible()
    session.shot(artifacts, "filter-arbeid-2024")

    # the year: the same row of the table built for 2023 (columns 2019-2023)
    session.choose("#f-year", "2023")
    f13_2023 = stored(dashboard_ws, "jaarcijfers.figuur_13", 2023)
    shown = session.table()
    assert shown["columns"][1:] == f13_2023.column_labels == [str(y) for y in range(2019, 2024)]
    j = f13_2023.row_labels.index("Arbeidsuitbuiting")
    assert shown["rows"][0]["nums"] == [shown_nl(c.text) for c in f13_2023.cells[j]]
    assert session.bars() == drawn(f13_2023, ["Arbeidsuitbuiting"])
    chain = session.table("#chain-table")
    assert chain["caption"].endswith("2023")
    session.shot(artifacts, "filter-arbeid-2023")

    # the source: only OM tables broken down by form are offered, the first one is shown
    session.choose("#f-source", "om")
    options = session.page.eval_on_selector_all("#f-table option", "os => os.map(o => o.value)")
    assert options, "no OM table offered"
    assert all(spec(o).sources[0] == "om" for o in options)
    # Figures 16 and 17 of the Jaarcijfers break the OM's cases down by form
    assert {"jaarcijfers.figuur_16", "jaarcijfers.figuur_17"} <= set(options)
    assert "jaarcijfers.figuur_15" not in options  # one row, no breakdown by form
    current = session.page.input_value("#f-table")
    assert current == options[0]
    full = stored(dashboard_ws, current, 2023)
    cells = {
        (r, c): shown_nl(cell.text)
        for r, row in zip(full.row_labels, full.cells, strict=True)
        for c, cell in zip(full.column_labels, row, strict=True)
    }
    shown = session.table()
    assert shown["rows"]
    for r in shown["rows"]:
        assert r["nums"] == [cells[(r["label"], c)] for c in shown["columns"][1:]]
    session.shot(artifacts, "filter-om-arbeid-2023")

    # the table itself
    session.choose("#f-table", "jaarcijfers.figuur_17")
    f17 = stored(dashboard_ws, "jaarcijfers.figuur_17", 2023)
    shown = session.table()
    assert shown["columns"][1:] == ["Arbeidsuitbuiting"]
    k = f17.column_labels.index("Arbeidsuitbuiting")
    assert [r["nums"] for r in shown["rows"]] == [[shown_nl(row[k].text)] for row in f17.cells]
    assert session.problems == []


CHAIN_SVG_JS = """
(selector) => ({
  texts: Array.from(document.querySelectorAll(selector + ' svg text')).map(t => t.textContent),
  bars: Array.from(
    document.querySelectorAll(selector + ' svg g.mark-rect path[aria-label]')
  ).map(p => p.getAttribute('aria-label')),
})
"""


def test_the_funnel_is_the_stored_chain_table(
    session: Session, dashboard_ws: Workspace, artifacts: Path
) -> None:
    """The funnel of the chosen year is the chain table as stored: the table beside it shows
    its yearly averages and flow percentages, the chart draws a bar for every phase with a
    number (at that number), the published texts as labels ('.' for the phases without a
    delivery for 2020-2024) and the flow percentages between the phases."""
    from ketenmonitor.publish.i18n import label
    from ketenmonitor.web.view import cell_text

    for lang, year in (("en", 2024), ("nl", 2024), ("nl", 2023)):
        t = stored(dashboard_ws, "dadermonitor.figuur_1", year)
        if year == 2024:
            session.goto(f"/?year={year}&lang={lang}")
        else:
            session.choose("#f-year", str(year))
        shown = session.table("#chain-table")
        assert shown["caption"].endswith(f"{year - 4}-{year}")
        assert [r["label"] for r in shown["rows"]] == [label(r, lang) for r in t.row_labels]
        assert [r["nums"] for r in shown["rows"]] == [
            [cell_text(row[0], lang), cell_text(row[1], lang)] for row in t.cells
        ]
        svg = session.page.evaluate(CHAIN_SVG_JS, "#chain-chart")
        funnel: Counter[tuple[str, int]] = Counter()
        for aria in svg["bars"]:
            fields = dict(part.split(": ", 1) for part in aria.split("; ") if ": " in part)
            if "value" in fields:  # the funnel's bars (the distribution's have x0 and x1)
                funnel[(fields["row"], int(fields["value"]))] += 1
        assert funnel == Counter(
            (label(r, lang), row[0].value)
            for r, row in zip(t.row_labels, t.cells, strict=True)
            if row[0].value is not None
        )
        for row in t.cells:
            assert cell_text(row[0], lang) in svg["texts"]
            if row[1].text:
                assert f"↓ {row[1].text}" in svg["texts"]
        assert "." in svg["texts"]  # signalering and resocialisatie: no delivery
        assert len(svg["bars"]) > len(funnel)  # and the distribution over the forms
        session.page.locator("#chain").screenshot(
            path=str(artifacts / f"chain-funnel-{lang}-{year}.png")
        )
    assert session.problems == []


def test_the_language_switch_keeps_the_choice(session: Session, artifacts: Path) -> None:
    session.goto("/?year=2023&form=crimineel&table=jaarcijfers.figuur_16")
    session.page.click("#lang-switch")
    session.page.wait_for_function("document.documentElement.lang === 'en'")
    session.page.wait_for_function("document.documentElement.dataset.rendered !== undefined")
    assert session.page.inner_text("label[for=f-year]") == "Reporting year"
    assert session.page.input_value("#f-year") == "2023"
    assert session.page.input_value("#f-form") == "crimineel"
    assert session.page.input_value("#f-table") == "jaarcijfers.figuur_16"
    assert session.table()["caption"].startswith("Figure 16")
    session.shot(artifacts, "dashboard-en-crimineel-2023")
    assert session.problems == []


def test_a_download_returns_the_protected_table(
    session: Session, dashboard_ws: Workspace, tmp_path: Path
) -> None:
    session.goto("/?year=2024&table=jaarcijfers.figuur_16")
    t = stored(dashboard_ws, "jaarcijfers.figuur_16", 2024)
    with session.page.expect_download() as info:
        session.page.click("#download-csv")
    path = tmp_path / "figuur_16.csv"
    info.value.save_as(path)
    with path.open(encoding="utf-8", newline="") as f:
        assert list(csv.reader(f, delimiter=";")) == to_csv_rows(t)
    # any table, from the list of all tables: the workbook of Figuur 20 (rounded by the partner)
    f20 = stored(dashboard_ws, "jaarcijfers.figuur_20", 2024)
    link = session.page.locator("#all-tables a[href^='/download/jaarcijfers.figuur_20.xlsx']")
    with session.page.expect_download() as info:
        link.click()
    book = tmp_path / "figuur_20.xlsx"
    info.value.save_as(book)
    sheet = openpyxl.load_workbook(book).active
    assert sheet is not None
    values = [["" if v is None else str(v) for v in r] for r in sheet.iter_rows(values_only=True)]
    for label, row in zip(f20.row_labels, f20.cells, strict=True):
        assert [label, *(c.text for c in row)] in [r[: 1 + len(row)] for r in values]
    assert session.problems == []


def test_basic_accessibility(session: Session, artifacts: Path) -> None:
    for path in ("/", "/?lang=en", "/?year=2023&source=emm&form=seksueel", "/?year=1999"):
        session.page.goto(session.base + path)
        if path != "/?year=1999":
            session.page.wait_for_function("document.documentElement.dataset.rendered")
        assert session.audit() == [], path
    # after an update in place, too
    session.goto("/")
    session.choose("#f-form", "overig")
    assert session.audit() == []
    # every chart has its text alternative and the data as a table
    for box in ("#chart", "#chain-chart"):
        aria = session.page.get_attribute(box, "aria-label") or ""
        assert len(aria) > 20
    # the audit itself finds what it looks for
    session.page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<select id=\"x\"></select><table>"
        '<tr><td>1</td></tr></table><img src="data:,">\')'
    )
    found = session.audit()
    assert any("control without label" in p for p in found)
    assert any("table without caption" in p for p in found)
    assert any("img without alt" in p for p in found)
    session.shot(artifacts, "accessibility-overig")


@pytest.mark.slow
def test_the_full_demo_in_the_browser(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, artifacts: Path
) -> None:
    """The workspace of ``ketenmonitor demo`` (every source, CoMensha calibrated to the
    Jaarcijfers 2024): Figure 2 as published, the chain figure (Dadermonitor Figuur 1) as
    stored."""
    from ketenmonitor.cli import app

    monkeypatch.setenv(HOME_ENV, str(tmp_path))
    result = CliRunner().invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    ws = Workspace(tmp_path)
    with RunningServer(ws) as server:
        s = Session(browser, server.url)
        s.goto("/?table=jaarcijfers.figuur_2")
        f2 = stored(ws, "jaarcijfers.figuur_2", 2024)
        shown = s.table()
        # the Jaarcijfers 2024, Figuur 2: 364 victims of international sexual exploitation in
        # 2024, 356 of labour exploitation
        row = {r["label"]: r["nums"] for r in shown["rows"]}
        assert row["Internationale seksuele uitbuiting"][-1] == "364"
        assert row["Arbeidsuitbuiting"][-1] == "356"
        assert [r["nums"] for r in shown["rows"]] == [
            [shown_nl(c.text) for c in cells] for cells in f2.cells
        ]
        assert s.bars() == drawn(f2)
        # the chain figure: the Dadermonitor's Figuur 1 for 2020-2024, as stored
        from ketenmonitor.web.view import cell_text

        chain = s.table("#chain-table")
        figure = stored(ws, "dadermonitor.figuur_1", 2024)
        assert len(chain["rows"]) == 8
        assert [r["nums"] for r in chain["rows"]] == [
            [cell_text(row[0], "nl"), cell_text(row[1], "nl")] for row in figure.cells
        ]
        svg = s.page.evaluate(CHAIN_SVG_JS, "#chain-chart")
        funnel = [a for a in svg["bars"] if a.startswith("value: ")]
        assert len(funnel) == sum(1 for row in figure.cells if row[0].value is not None)
        for spec_ in CATALOGUE:  # every built table is offered
            if stored_table(ws, spec_, 2024) is not None:
                assert s.page.locator(f"#f-table option[value='{spec_.id}']").count() == 1
        s.shot(artifacts, "demo-figuur-2")
        assert s.audit() == []
        assert s.problems == []
        s.close()
