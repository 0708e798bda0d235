"""The dashboard's routes without a browser: every number served is a stored protected cell,
no route needs any warehouse table but ``publicatie_cellen``, bad input gets a clear error."""

from __future__ import annotations

import csv
import html
import io
import re
import subprocess
import sys
import time
import tomllib
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import openpyxl
import pytest
from starlette.routing import Route
from typer.testing import CliRunner

from ketenmonitor.cli import app as cli_app
from ketenmonitor.config import HOME_ENV, Workspace
from ketenmonitor.disclosure import ProtectedTable
from ketenmonitor.indicators.build import stored_table, to_csv_rows
from ketenmonitor.indicators.catalogue import CATALOGUE, spec
from ketenmonitor.web import create_app
from ketenmonitor.web.view import cell_text, number_text
from tests.web.conftest import YEARS, Client, RunningServer, free_port

WEB = Path(__file__).parents[2] / "src" / "ketenmonitor" / "web"
FORMS = ("seksueel", "arbeid", "crimineel", "overig")


@pytest.fixture(scope="module")
def client(server: RunningServer) -> Client:
    return Client(server.url)


def stored(ws: Workspace) -> dict[tuple[str, int], ProtectedTable]:
    out = {}
    for year in YEARS:
        for s in CATALOGUE:
            t = stored_table(ws, s, year)
            if t is not None:
                out[(s.id, year)] = t
    return out


@pytest.fixture(scope="module")
def tables(dashboard_ws: Workspace) -> dict[tuple[str, int], ProtectedTable]:
    return stored(dashboard_ws)


def cells_by_label(
    t: ProtectedTable,
) -> dict[tuple[str, str], tuple[str, int | float | None, str]]:
    return {
        (r, c): (cell.text, cell.number, cell.flag)
        for r, row in zip(t.row_labels, t.cells, strict=True)
        for c, cell in zip(t.column_labels, row, strict=True)
    }


def shown_nl(text: str) -> str:
    """What the Dutch page shows for a published text: counts with a thousands point."""
    return f"{int(text):,}".replace(",", ".") if re.fullmatch(r"\d+", text) else text


class Tables(HTMLParser):
    """The rows of every ``<table id=...>`` of a page: header and data cells as text, and
    the ``.num`` span of each data cell."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.captions: dict[str, str] = {}
        self.nums: dict[str, list[str]] = {}
        self._table: str | None = None
        self._cell: list[str] | None = None
        self._in_num = False
        self._in_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table" and a.get("id"):
            self._table = a["id"]
            self.tables[self._table] = []
            self.nums[self._table] = []
            self.captions[self._table] = ""
        elif self._table and tag == "tr":
            self.tables[self._table].append([])
        elif self._table and tag in ("th", "td"):
            self._cell = []
        elif self._table and tag == "span" and a.get("class") == "num":
            self._in_num = True
            self.nums[self._table].append("")
        elif self._table and tag == "caption":
            self._in_caption = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._table = None
        elif self._table and tag in ("th", "td") and self._cell is not None:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "span":
            self._in_num = False
        elif tag == "caption":
            self._in_caption = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._in_num and self._table:
            self.nums[self._table][-1] += data
        if self._in_caption and self._table:
            self.captions[self._table] += data


def page_tables(html: str) -> Tables:
    p = Tables()
    p.feed(html)
    return p


# --------------------------------------------------------------------------- protected only


def test_every_table_served_is_the_stored_table(
    client: Client, tables: dict[tuple[str, int], ProtectedTable]
) -> None:
    assert {y for _, y in tables} == set(YEARS)
    assert client.get("/api/years").json() == {"years": sorted(YEARS, reverse=True)}
    for year in YEARS:
        listed = [t["id"] for t in client.get(f"/api/tables?year={year}").json()["tables"]]
        assert listed == [s.id for s in CATALOGUE if (s.id, year) in tables]
    for (table_id, year), t in tables.items():
        got = client.get(f"/api/tables/{table_id}?year={year}")
        assert got.status_code == 200, got.text
        data = got.json()
        assert data["columns"] == t.column_labels
        assert [r["label"] for r in data["rows"]] == t.row_labels
        assert [[(c["text"], c["value"], c["flag"]) for c in r["cells"]] for r in data["rows"]] == [
            [(c.text, c.number, c.flag) for c in row] for row in t.cells
        ]
        csv_got = client.get(f"/download/{table_id}.csv?year={year}")
        assert csv_got.status_code == 200
        assert csv_got.headers["content-type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(csv_got.content.decode("utf-8")), delimiter=";"))
        assert rows == to_csv_rows(t)


def test_the_workbook_download_holds_the_stored_cells(
    client: Client, tables: dict[tuple[str, int], ProtectedTable]
) -> None:
    for (table_id, year), t in tables.items():
        got = client.get(f"/download/{table_id}.xlsx?year={year}")
        assert got.status_code == 200
        sheet = openpyxl.load_workbook(io.BytesIO(got.content)).active
        assert sheet is not None
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        head = to_csv_rows(t)[0]
        start = next(i for i, r in enumerate(rows) if [str(x) for x in r[: len(head)]] == head)
        body = rows[start + 1 : start + 1 + len(t.row_labels)]
        for label, row, got_row in zip(t.row_labels, t.cells, body, strict=True):
            assert got_row[0] == label
            # numbers as numbers, everything else (<5, 52%, blank) as published
            assert ["" if v is None else str(v) for v in got_row[1 : 1 + len(row)]] == [
                c.text for c in row
            ]
        assert t.source in [r[0] for r in rows[start + 1 + len(t.row_labels) :]]


def test_the_form_filter_serves_a_subset_of_stored_cells(
    client: Client, tables: dict[tuple[str, int], ProtectedTable]
) -> None:
    for year in YEARS:
        everything = client.get(f"/api/tables?year={year}").json()["tables"]
        for form in FORMS:
            listing = client.get(f"/api/tables?year={year}&form={form}").json()
            assert listing["hidden"] + len(listing["tables"]) <= len(everything)
            for entry in listing["tables"]:
                data = client.get(f"/api/tables/{entry['id']}?year={year}&form={form}").json()
                full = cells_by_label(tables[(entry["id"], year)])
                assert data["rows"] and data["columns"]
                for r in data["rows"]:
                    for c, cell in zip(data["columns"], r["cells"], strict=True):
                        assert full[(r["label"], c)] == (cell["text"], cell["value"], cell["flag"])


def test_the_form_filter_picks_the_rows_or_columns_of_the_form(client: Client) -> None:
    # Figuur 13 (EMM) has the forms as rows, Figuur 17 (OM) per form as columns (Jaarcijfers
    # 2024, figures 13 and 17); Figuur 15 has one row and no breakdown by form.
    def rows(table_id: str, form: str) -> list[str]:
        data = client.get(f"/api/tables/{table_id}?year=2024&form={form}").json()
        return [r["label"] for r in data["rows"]]

    assert rows("jaarcijfers.figuur_13", "arbeid") == ["Arbeidsuitbuiting"]
    assert rows("jaarcijfers.figuur_13", "seksueel") == ["Seksuele uitbuiting"]
    assert rows("jaarcijfers.figuur_13", "overig") == ["Overig/onbekend"]
    f17 = client.get("/api/tables/jaarcijfers.figuur_17?year=2024&form=arbeid").json()
    assert f17["columns"] == ["Arbeidsuitbuiting"]
    assert len(f17["rows"]) == 3
    none = client.get("/api/tables/jaarcijfers.figuur_15?year=2024&form=arbeid")
    assert none.status_code == 404 and "no breakdown by form" in none.json()["error"]
    listed = client.get("/api/tables?year=2024&form=arbeid").json()["tables"]
    assert "jaarcijfers.figuur_15" not in [t["id"] for t in listed]


def test_the_page_shows_the_stored_cells(
    client: Client, tables: dict[tuple[str, int], ProtectedTable]
) -> None:
    for (table_id, year), t in tables.items():
        got = client.get(f"/?year={year}&table={table_id}")
        assert got.status_code == 200
        page = page_tables(got.text)
        grid = page.tables["data-table"]
        assert grid[0][1:] == t.column_labels
        assert [r[0] for r in grid[1:]] == t.row_labels
        assert page.nums["data-table"] == [shown_nl(c.text) for row in t.cells for c in row]
        assert page.captions["data-table"].startswith(f"{t.number}. ")
        assert t.source in got.text
        for note in t.notes:
            assert note in html.unescape(got.text)


CHAIN = "dadermonitor.figuur_1"
NUMBER = "Gemiddeld aantal daders per jaar"
FLOW = "Doorstroom naar deze fase (%)"


def test_the_chain_figure_is_the_stored_chain_table(
    client: Client, tables: dict[tuple[str, int], ProtectedTable]
) -> None:
    """The funnel of a year where the chain table is built: its phases are the table's rows,
    each with the yearly average and the flow percentage exactly as stored."""
    for year in YEARS:
        t = tables[(CHAIN, year)]
        cells = cells_by_label(t)
        chain = client.get(f"/api/chain?year={year}").json()
        assert chain["mode"] == "figure" and chain["table"] == CHAIN
        assert chain["period"] == f"{year - 4}-{year}"
        assert [p["row"] for p in chain["phases"]] == t.row_labels
        assert [p["key"] for p in chain["phases"]][:3] == [
            "prevalentie",
            "signalering",
            "opsporing",
        ]
        for p in chain["phases"]:
            assert p["table"] == CHAIN and p["column"] == NUMBER
            assert (p["text"], p["value"], p["flag"]) == cells[(p["row"], NUMBER)]
            flow = cells[(p["row"], FLOW)]
            if flow[0]:
                assert (p["flow"]["text"], p["flow"]["value"], p["flow"]["flag"]) == flow
            else:
                assert p["flow"] is None
        # no police and no probation delivery in this workspace: those phases print '.'
        assert chain["missing"] == ["signalering", "resocialisatie"]
        assert [p["text"] for p in chain["phases"] if p["key"] in chain["missing"]] == [".", "."]
        assert sum(1 for p in chain["phases"] if p["flow"]) == 3
        assert "cohort" in chain["note"]
        page = client.get(f"/?year={year}").text
        assert 'data-mode="figure"' in page
        grid = page_tables(page)
        assert [r[0] for r in grid.tables["chain-table"][1:]] == t.row_labels
        shown = grid.nums["chain-table"]
        want = [cell_text(c, "nl") for row in t.cells for c in (row[0], row[1])]
        assert shown == want
        assert "Niet beschikbaar voor" in page and "Signalering, Resocialisatie" in page
        assert f"Ketenfiguur {year - 4}-{year}" in page
        assert 'id="chain-spec"' in page


def test_without_the_chain_table_the_funnel_shows_the_totals(
    client: Client,
    tables: dict[tuple[str, int], ProtectedTable],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """For a year where the chain table is not built the funnel falls back to the Jaarcijfers
    totals of dashboard.toml [[chain]], and says so."""
    from ketenmonitor.web import view

    monkeypatch.setattr(view, "chain_table", lambda: "dadermonitor.niet_gebouwd")
    for year in YEARS:
        chain = client.get(f"/api/chain?year={year}").json()
        assert chain["mode"] == "totals" and chain["table"] is None
        # no CoMensha delivery in this workspace: the victims' phase is missing, the others
        # follow the chain order
        assert chain["missing"] == ["slachtoffers"]
        assert [p["key"] for p in chain["phases"]] == [
            "opsporing",
            "ingeschreven",
            "dagvaarding",
            "eerste_aanleg",
            "veroordeling",
            "hoger_beroep",
        ]
        for p in chain["phases"]:
            assert p["column"] == str(year) and p["flow"] is None
            cell = cells_by_label(tables[(p["table"], year)])[(p["row"], p["column"])]
            assert cell == (p["text"], p["value"], p["flag"])
        page = client.get(f"/?year={year}").text
        assert 'data-mode="totals"' in page and 'id="chain-fallback"' in page
        grid = page_tables(page).tables["chain-table"]
        assert [r[0] for r in grid[1:]] == [p["label"] for p in chain["phases"]]
        assert "Slachtoffers gemeld bij CoMensha" in page  # named as not available


def test_no_route_needs_any_warehouse_table_but_the_protected_cells(
    dashboard_ws: Workspace, tmp_path: Path, client: Client
) -> None:
    """A warehouse holding nothing but ``publicatie_cellen`` serves every route the same."""
    bare = Workspace(tmp_path / "bare")
    bare.home.mkdir()
    con = duckdb.connect(str(bare.warehouse))
    con.execute(f"ATTACH '{dashboard_ws.warehouse}' AS src (READ_ONLY)")
    con.execute("CREATE TABLE publicatie_cellen AS SELECT * FROM src.publicatie_cellen")
    con.execute("DETACH src")
    assert con.execute("SELECT table_name FROM information_schema.tables").fetchall() == [
        ("publicatie_cellen",)
    ]
    con.close()
    original_tables = duckdb.connect(str(dashboard_ws.warehouse), read_only=True)
    n_tables = original_tables.execute("SELECT count(*) FROM information_schema.tables").fetchone()
    original_tables.close()
    assert n_tables is not None and n_tables[0] > 10  # the original has the microdata too

    urls = ["/", "/?lang=en", "/api/years", "/api/tables?year=2023&source=om"]
    for year in YEARS:
        urls += [f"/?year={year}&form={form}" for form in FORMS]
        urls += [f"/api/tables?year={year}&form={form}" for form in ("", *FORMS)]
        urls += [f"/api/chain?year={year}", f"/api/chain?year={year}&lang=en"]
        listed = [t["id"] for t in client.get(f"/api/tables?year={year}").json()["tables"]]
        for table_id in listed:
            urls += [
                f"/api/tables/{table_id}?year={year}",
                f"/api/tables/{table_id}?year={year}&lang=en",
                f"/download/{table_id}.csv?year={year}",
            ]
        for table_id in listed[::8]:  # a sample of the pages and workbooks (slower to make)
            urls += [f"/?year={year}&table={table_id}", f"/download/{table_id}.xlsx?year={year}"]
    routes = [r for r in create_app(dashboard_ws).routes if isinstance(r, Route)]
    for r in routes:
        if r.path != "/static/vega-bundle.js":
            assert any(r.path_regex.match(u.split("?")[0]) for u in urls), r.path
    with RunningServer(bare) as running:
        other = Client(running.url)
        for url in urls:
            a, b = client.get(url), other.get(url)
            assert a.status_code == b.status_code == 200, (url, b.text[:300])
            if url.startswith("/download/") and url.split("?")[0].endswith(".xlsx"):
                rows_a = list(openpyxl.load_workbook(io.BytesIO(a.content)).active.values)
                rows_b = list(openpyxl.load_workbook(io.BytesIO(b.content)).active.values)
                assert rows_a == rows_b, url
            else:
                assert a.content == b.content, url


# --------------------------------------------------------------------------- words, errors


def test_bad_input_gets_a_clear_error(client: Client) -> None:
    cases = [
        ("/?lang=fr", 400, "unknown language 'fr'"),
        ("/?year=abc", 400, "year must be a number"),
        ("/?year=1999", 404, "ketenmonitor build --year 1999"),
        ("/?source=nobody", 400, "unknown source 'nobody'"),
        ("/?form=magic", 400, "unknown form 'magic'"),
        ("/?table=jaarcijfers.figuur_99", 404, "unknown table"),
        ("/api/tables/jaarcijfers.figuur_99?year=2024", 404, "unknown table"),
        ("/api/tables/jaarcijfers.figuur_1?year=2024", 404, "was not built for 2024"),
        ("/download/jaarcijfers.figuur_13.pdf?year=2024", 404, "use .csv or .xlsx"),
        ("/download/jaarcijfers.figuur_13.csv?year=2024&form=arbeid", 400, "whole table"),
        ("/api/chain?year=2000", 404, "no tables built for 2000"),
    ]
    for url, status, phrase in cases:
        got = client.get(url)
        assert got.status_code == status, (url, got.text[:200])
        body = got.json()["error"] if url.startswith(("/api", "/download")) else got.text
        body = html.unescape(body)
        assert phrase in body, (url, body[:300])
    # a source of the catalogue that delivered nothing here: no tables, and it says so
    empty = client.get("/?source=comensha")
    assert empty.status_code == 200 and "Voor deze keuze zijn er geen tabellen" in empty.text
    assert client.get("/api/tables?source=comensha").json()["tables"] == []
    page = client.get("/?lang=en&year=1999")
    assert '<html lang="en">' in page.text and "Back to the dashboard" in page.text


def test_the_words_of_both_languages_match() -> None:
    nl = tomllib.loads((WEB / "i18n" / "nl.toml").read_text(encoding="utf-8"))
    en = tomllib.loads((WEB / "i18n" / "en.toml").read_text(encoding="utf-8"))
    assert nl.keys() == en.keys()
    for section in nl:
        assert nl[section].keys() == en[section].keys(), section
    settings = tomllib.loads((WEB / "dashboard.toml").read_text(encoding="utf-8"))
    assert settings["forms"].keys() == nl["forms"].keys()
    assert [p["key"] for p in settings["chain"]] == list(nl["chain"])
    used = set()
    for template in (WEB / "templates").glob("*.html"):
        used |= set(re.findall(r"w\('([a-z_]+)'", template.read_text(encoding="utf-8")))
    assert used and used <= nl["text"].keys()
    for p in settings["chain"]:  # every phase names a catalogue table
        spec(p["table"])
    # every source of the catalogue has a name in the source filter
    assert {s.sources[0] for s in CATALOGUE} <= nl["sources"].keys()


def test_the_english_page_and_download(client: Client) -> None:
    page = client.get("/?lang=en&year=2024&table=jaarcijfers.figuur_13")
    assert page.status_code == 200
    assert '<html lang="en">' in page.text
    for text in ("Reporting year", "Form of trafficking", "Chain figure 2020-2024", "Nederlands"):
        assert text in page.text
    chain = page_tables(page.text)
    assert chain.tables["chain-table"][1][0] == "Prevalence"
    assert chain.nums["chain-table"][0] == "unknown"  # 'onbekend' in English
    assert spec("jaarcijfers.figuur_13").title_en in page.text
    grid = page_tables(page.text).tables["data-table"]
    assert grid[0][0] == "Form of trafficking"
    assert "Labour exploitation" in [r[0] for r in grid[1:]]
    got = client.get("/download/jaarcijfers.figuur_13.csv?year=2024&lang=en")
    rows = list(csv.reader(io.StringIO(got.content.decode("utf-8")), delimiter=";"))
    assert rows[0][0] == "Form of trafficking"
    assert "Labour exploitation" in [r[0] for r in rows[1:]]


def test_numbers_are_written_the_way_the_language_writes_them() -> None:
    # the Jaarcijfers 2024 writes 1.013 slachtoffers (Figuur 1); English groups with a comma
    assert number_text("1013", "nl") == "1.013"
    assert number_text("1013", "en") == "1,013"
    assert number_text("1234567", "nl") == "1.234.567"
    for text in ("944", "<5", "<10", "52%", "", "."):
        assert number_text(text, "nl") == text


def test_numbers_with_decimals_in_the_dashboard(tmp_path: Path) -> None:
    """A table with decimals (the Dadermonitor's Tabel 3.1 and 3.2: 49,3%, <0,3%, 0,90) and a
    class label (Tabel B2.1): the page text in the language, the JSON number with its
    decimals, the one-table workbook with numbers in their formats."""
    from ketenmonitor.web import view
    from tests.publish.test_pub_opendata import decimal_figure

    table = decimal_figure().table
    first, second = table.cells
    assert [cell_text(c, "nl") for c in first] == ["605", "49,3%", "0,90", "veel", "1.013"]
    assert [cell_text(c, "en") for c in first] == ["605", "49.3%", "0.90", "veel", "1,013"]
    assert cell_text(second[1], "en") == "<0.3%"
    data = view.table_json(table, "en")
    row = data["rows"][0]["cells"]
    assert [c["value"] for c in row] == [605, 49.3, 0.9, None, 1013]
    assert [c["text"] for c in row] == ["605", "49,3%", "0,90", "veel", "1013"]
    assert [(c["kind"], c["decimals"]) for c in row][1:3] == [("percent", 1), ("mean", 2)]
    path = tmp_path / "t.xlsx"
    path.write_bytes(view.xlsx_bytes(table, "en"))
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows()]
    start = next(i for i, r in enumerate(rows) if r[0].value == label_en("Vermogen"))
    got = rows[start][1:6]
    assert [c.value for c in got] == [605, 0.493, 0.9, "veel", 1013]
    assert [c.number_format for c in got[1:3]] == ["0.0%", "#,##0.00"]
    assert [c.value for c in rows[start + 1][1:3]] == ["<10", "<0.3%"]


def label_en(text: str) -> str:
    from ketenmonitor.publish.i18n import label

    return label(text, "en")


# --------------------------------------------------------------------------- the command


def test_serve_refuses_without_tables(workspace: Workspace) -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--port", str(free_port())])
    assert result.exit_code == 1
    assert "ketenmonitor build --year" in result.output


def test_serve_refuses_a_taken_port(
    dashboard_ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    monkeypatch.setenv(HOME_ENV, str(dashboard_ws.home))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli_app, ["serve", "--port", str(port)])
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.output


def test_serve_starts_the_dashboard(dashboard_ws: Workspace) -> None:
    port = free_port()
    env = {**__import__("os").environ, HOME_ENV: str(dashboard_ws.home)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "ketenmonitor", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/years") as r:
                    body = r.read().decode()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    out = proc.stdout.read().decode() if proc.stdout else ""
                    raise AssertionError(f"serve did not start: {out}") from None
                time.sleep(0.2)
        assert body == '{"years":[2024,2023]}'
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_a_warehouse_in_use_gets_a_clear_answer(dashboard_ws: Workspace, tmp_path: Path) -> None:
    """While another command (a build) holds the warehouse, the dashboard says so (503) and
    ``serve`` refuses to start, instead of failing with a lock error."""
    busy = Workspace(tmp_path / "busy")
    busy.home.mkdir()
    busy.warehouse.write_bytes(dashboard_ws.warehouse.read_bytes())
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True);"
            " time.sleep(120)",
            str(busy.warehouse),
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"held"
        with RunningServer(busy) as running:
            got = Client(running.url).get("/api/years")
            assert got.status_code == 503
            assert "in use by another command" in got.json()["error"]
            page = Client(running.url).get("/")
            assert page.status_code == 503 and "try again" in page.text
        result = CliRunner().invoke(
            cli_app, ["serve", "--port", str(free_port())], env={HOME_ENV: str(busy.home)}
        )
        assert result.exit_code == 1 and "in use by another command" in result.output
    finally:
        holder.kill()
        holder.wait()
