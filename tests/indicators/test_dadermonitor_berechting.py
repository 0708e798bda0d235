"""Figuur 6.1-6.7, Tabel 6.1, 6.2 and the text's numbers of the Dadermonitor mensenhandel
2015-2019 (chapter 6 'Berechting in eerste aanleg'), computed from the synthetic OM delivered
twice, equal the publication (tests/fixtures/published/dadermonitor_2015_2019/figuur_6_*.csv,
tabel_6_*.csv, tekst_6.csv, figures_berechting.toml).

One warehouse holds both synthetic OM deliveries with their dossier studies, ingested for real
(as tests/indicators/test_dadermonitor_vervolging.py): chapter 6 counts the April-2020 extract.
An empty CSV cell is not in the extracted text and is not compared.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterator

import duckdb
import pytest

from ketenmonitor.config import Workspace
from ketenmonitor.contracts import load_contract
from ketenmonitor.disclosure import ProtectedTable, protect
from ketenmonitor.disclosure.rules import load_rules
from ketenmonitor.domain.cases import dadermonitor_snapshot_sql
from ketenmonitor.indicators import compute
from ketenmonitor.indicators.build import prepare, to_csv_rows
from ketenmonitor.indicators.catalogue import CATALOGUE, dadermonitor
from ketenmonitor.indicators.dadermonitor_berechting import DM_BERECHTING, JAAR, dm_berechting
from ketenmonitor.sources.ingest import ingest
from ketenmonitor.sources.pseudonym import generate_key
from ketenmonitor.synth import SYNTH_PEILDATUM, write_delivery, write_earlier_deliveries
from ketenmonitor.warehouse import Warehouse
from tests.conftest import FIXTURES, assert_as_published, dadermonitor_csv, synthetic_workspace

PUBLISHED = FIXTURES / "published" / "dadermonitor_2015_2019"
DOC = tomllib.loads((PUBLISHED / "figures_berechting.toml").read_text("utf-8"))
FIGURES = DOC["figure"]
APRIL_2020 = dt.date(2020, 4, 1)


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """A warehouse with both OM deliveries (and both dossier studies) and the unit views."""
    ws = synthetic_workspace(
        tmp_path_factory.mktemp("dm_berechting"), "om", "om_dossierstudie", earlier=True
    )
    wh = Warehouse(ws.warehouse)
    assert {"om", "om_dossierstudie"} <= prepare(wh.con)
    yield wh.con
    wh.close()


@pytest.fixture(scope="module")
def built(con: duckdb.DuckDBPyConnection) -> dict[str, ProtectedTable]:
    rules = load_rules()
    return {s.id: protect(compute(con, s, JAAR), rules) for s in DM_BERECHTING}


def test_every_table_has_a_fixture_and_is_in_the_catalogue() -> None:
    assert [f["id"] for f in FIGURES] == [s.id for s in DM_BERECHTING]
    for f in FIGURES:
        assert (PUBLISHED / f["file"]).is_file()
    ids = {s.id for s in CATALOGUE}
    assert {s.id for s in DM_BERECHTING} <= ids
    assert {s.id for s in DM_BERECHTING} <= {s.id for s in dadermonitor(2024)}
    assert DOC["document"]["peildatum"] == APRIL_2020.isoformat()


@pytest.mark.parametrize("table_id", [s.id for s in DM_BERECHTING])
def test_table_equals_the_publication(table_id: str, built: dict[str, ProtectedTable]) -> None:
    assert_as_published(built[table_id], dadermonitor_csv(table_id))


def _scalar(con: duckdb.DuckDBPyConnection, where: str) -> int:
    sql = (
        "SELECT count(*) FROM dm_berechte_zaken u WHERE u.jaar BETWEEN 2015 AND 2019 "
        f"AND {dadermonitor_snapshot_sql(JAAR)} AND {where}"
    )
    return int(con.execute(sql).fetchall()[0][0])


def test_text_numbers(con: duckdb.DuckDBPyConnection) -> None:
    """685 of 721 with a known form (line 6340); 26 impossible dates (line 6979); one guilty
    verdict without penalty (line 6704); 14 convictions after joinder (line 6700)."""
    assert _scalar(con, "u.vorm <> 'onbekend'") == 685
    assert _scalar(con, "NOT u.geldige_data") == 26
    assert _scalar(con, "u.einduitspraak = 'schuldig_zonder_straf'") == 1
    assert _scalar(con, "u.uitspraak = 'veroordeling_mh_voeging'") == 14
    # the 42 acquittals of trafficking with a conviction for other offences have other
    # offences charged (the acquittal is of trafficking only)
    assert (
        _scalar(con, "u.uitspraak = 'vrijspraak_mh_andere_feiten' AND NOT u.andere_feiten_bool")
        == 0
    )


def test_later_extract_is_not_counted(con: duckdb.DuckDBPyConnection) -> None:
    """The view holds both snapshots; chapter 6 counts April 2020 (DADERMONITOR_PEILDATUM)."""
    both = con.execute("SELECT DISTINCT peildatum FROM dm_berechte_zaken ORDER BY 1").fetchall()
    assert [r[0] for r in both] == [APRIL_2020, SYNTH_PEILDATUM]
    snapshot = dadermonitor_snapshot_sql(JAAR)
    chosen = con.execute(
        f"SELECT DISTINCT peildatum FROM dm_berechte_zaken u WHERE {snapshot}"
    ).fetchall()
    assert [r[0] for r in chosen] == [APRIL_2020]


def test_specs_for_another_period() -> None:
    assert dm_berechting(2024)[0].title_nl.endswith("2020-2024")
    assert "peildatum april 2025" in dm_berechting(2024)[0].source


@pytest.mark.slow
def test_scale_multiplies_every_count(tmp_path_factory: pytest.TempPathFactory) -> None:
    """``synth --scale 2``: every chapter-6 count doubles, the means and percentages stay."""
    home = tmp_path_factory.mktemp("dm_berechting_scale")
    ws = Workspace(home)
    generate_key(ws.key_file)
    for source in ("om", "om_dossierstudie"):
        for path, peildatum in write_earlier_deliveries(source, home / "synth", scale=2):
            assert ingest(ws, source, path, peildatum).status == "clean"
        path = write_delivery(load_contract(source), home / "synth", scale=2)
        assert ingest(ws, source, path, SYNTH_PEILDATUM).status == "clean"
    means = ("dadermonitor.figuur_6_6", "dadermonitor.figuur_6_7", "dadermonitor.tabel_6_1")
    with Warehouse(ws.warehouse) as wh:
        prepare(wh.con)
        for spec in DM_BERECHTING:
            published = dadermonitor_csv(spec.id)
            computed = to_csv_rows(protect(compute(wh.con, spec, JAAR), load_rules()))
            for row, got in zip(published[1:], computed[1:], strict=True):
                for j, cell in enumerate(row):
                    if j == 0 or cell == "":
                        continue
                    if (
                        spec.id in means
                        or "%" in cell
                        or row[0].startswith(("Percentage", "Gemiddelde"))
                    ):
                        assert got[j] == cell, (spec.id, row[0], j)
                    else:
                        assert int(got[j]) == 2 * int(cell), (spec.id, row[0], j)
