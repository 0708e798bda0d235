"""Shared fixtures: a fresh workspace with a key, and paths to the hand-made deliveries."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import settings

from ketenmonitor.config import HOME_ENV, Workspace
from ketenmonitor.disclosure import ProtectedTable
from ketenmonitor.sources.pseudonym import KEY_ENV, generate_key

FIXTURES = Path(__file__).parent / "fixtures"
# Property tests draw the same examples on every run, so CI is reproducible; a local search for
# new counterexamples: pytest --hypothesis-profile=explore
settings.register_profile("ci", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile("ci")

DADERMONITOR_PUBLISHED = FIXTURES / "published" / "dadermonitor_2015_2019"
"""The Dadermonitor mensenhandel 2015-2019 as transcribed: one ;-separated CSV per table
(``<table id without prefix>.csv``) and a ``figures_<chapter>.toml`` with the repairs."""

PEILDATUM = dt.date(2025, 6, 30)
"""Peildatum the hand-made fixtures are valid for (all their dates lie before it)."""


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """An empty workspace with a fresh key, also set as KETENMONITOR_HOME for the CLI."""
    home = tmp_path / "ws"
    home.mkdir()
    monkeypatch.setenv(HOME_ENV, str(home))
    monkeypatch.delenv(KEY_ENV, raising=False)
    ws = Workspace(home)
    generate_key(ws.key_file)
    return ws


def fixture_delivery(contract: str) -> Path:
    """The hand-made valid delivery of a contract: its one file, or its folder of tables."""
    folder = FIXTURES / contract
    files = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    return files[0] if len(files) == 1 else folder


def synthetic_workspace(home: Path, *sources: str, earlier: bool = False) -> Workspace:
    """A workspace in ``home`` with a fresh key and the synthetic delivery of every source in
    ``sources`` (as ``ketenmonitor synth`` writes it) ingested clean through the real path; with
    ``earlier``, first the source's earlier deliveries with their own peildatum (the OM's
    April-2020 extract and dossier study, which the Dadermonitor 2015-2019 counts)."""
    from ketenmonitor.contracts import load_contract
    from ketenmonitor.sources.ingest import ingest
    from ketenmonitor.synth import SYNTH_PEILDATUM, write_delivery, write_earlier_deliveries

    ws = Workspace(home)
    generate_key(ws.key_file)
    for source in sources:
        deliveries = list(write_earlier_deliveries(source, home / "synth")) if earlier else []
        deliveries.append((write_delivery(load_contract(source), home / "synth"), SYNTH_PEILDATUM))
        for path, peildatum in deliveries:
            report = ingest(ws, source, path, peildatum)
            assert report.status == "clean", report
    return ws


@pytest.fixture(scope="session")
def victim_workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """A workspace with the calibrated synthetic CoMensha and IND deliveries ingested through
    the real ingestion (made once per test session: the calibration takes some seconds)."""
    return synthetic_workspace(tmp_path_factory.mktemp("victims"), "comensha", "ind")


def dadermonitor_csv(table_id: str) -> list[list[str]]:
    """A Dadermonitor table as published (``DADERMONITOR_PUBLISHED``): header and rows."""
    path = DADERMONITOR_PUBLISHED / f"{table_id.split('.')[1]}.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter=";"))


def assert_as_published(table: ProtectedTable, published: list[list[str]]) -> None:
    """The protected table has the published columns and rows, and every published cell's text;
    an empty published cell (not in the extracted text) is not compared."""
    from ketenmonitor.indicators.build import to_csv_rows

    computed = to_csv_rows(table)
    assert computed[0][1:] == published[0][1:], "columns differ"
    assert [r[0] for r in computed[1:]] == [r[0] for r in published[1:]], "rows differ"
    bad = [
        (row[0], published[0][j], cell, got[j])
        for row, got in zip(published[1:], computed[1:], strict=True)
        for j, cell in enumerate(row)
        if j > 0 and cell != "" and cell != got[j]
    ]
    assert not bad, bad


def assert_same_ages(triples: list[tuple[dt.date, dt.date, dt.date]]) -> None:
    """Each (new date of birth, old date of birth, date) gives the same age on the date, the
    age counted as ingestion counts it (DuckDB's ``date_sub('year', ...)``)."""
    import duckdb

    con = duckdb.connect()
    con.execute("CREATE TABLE t (nieuw DATE, oud DATE, op DATE)")
    con.executemany("INSERT INTO t VALUES (?, ?, ?)", triples)
    wrong = con.execute(
        "SELECT * FROM t WHERE date_sub('year', nieuw, op) <> date_sub('year', oud, op)"
    ).fetchall()
    assert not wrong, wrong[:5]
