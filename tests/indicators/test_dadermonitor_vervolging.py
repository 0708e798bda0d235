"""Figuur 5.1-5.6 and Tabel 5.1 of the Dadermonitor mensenhandel 2015-2019 (chapter 5
'Vervolging'), computed from the OM delivered twice, equal the publication
(tests/fixtures/published/dadermonitor_2015_2019/figuur_5_*.csv, tabel_5_1.csv,
figures_vervolging.toml).

One warehouse holds both synthetic OM deliveries with their dossier studies, ingested for real:
the RAC-min extract with peildatum April 2020 and the 2025 re-delivery that revises 2015-2019 a
little. The Dadermonitor's tables must come from the April-2020 snapshot, the Jaarcijfers' from
the 2025 one, and the revisions must show when the chapter is computed from the re-delivery.
Figuur 5.3-5.5 lost their data in the PDF extraction: their CSVs hold the cells the text gives
(the others are empty and not compared) and the text's other statements are checked below.
"""

from __future__ import annotations

import csv
import dataclasses
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
from ketenmonitor.indicators import TableSpec, compute, percent_of
from ketenmonitor.indicators.build import prepare, to_csv_rows
from ketenmonitor.indicators.catalogue import CATALOGUE
from ketenmonitor.indicators.dadermonitor_vervolging import (
    DISCLOSURE,
    DM_VERVOLGING,
    JAAR,
    dm_vervolging,
)
from ketenmonitor.sources.ingest import ingest
from ketenmonitor.sources.pseudonym import generate_key
from ketenmonitor.synth import SYNTH_PEILDATUM, write_delivery, write_earlier_deliveries
from ketenmonitor.warehouse import Warehouse
from tests.conftest import FIXTURES, dadermonitor_csv, synthetic_workspace

PUBLISHED = FIXTURES / "published" / "dadermonitor_2015_2019"
DOC = tomllib.loads((PUBLISHED / "figures_vervolging.toml").read_text("utf-8"))
FIGURES = DOC["figure"]
APRIL_2020 = dt.date(2020, 4, 1)


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """A warehouse with both OM deliveries (and both dossier studies) and the unit views."""
    ws = synthetic_workspace(
        tmp_path_factory.mktemp("dm_vervolging"), "om", "om_dossierstudie", earlier=True
    )
    with Warehouse(ws.warehouse, read_only=True) as wh:
        peildata = {r["peildatum"] for r in wh.lineage() if r["source"] == "om"}
    assert peildata == {APRIL_2020, SYNTH_PEILDATUM}
    wh = Warehouse(ws.warehouse)
    assert {"om", "om_dossierstudie"} <= prepare(wh.con)
    yield wh.con
    wh.close()


def _build(
    con: duckdb.DuckDBPyConnection, specs: tuple[TableSpec, ...]
) -> dict[str, ProtectedTable]:
    rules = load_rules()
    return {s.id: protect(compute(con, s, JAAR), rules) for s in specs}


@pytest.fixture(scope="module")
def built(con: duckdb.DuckDBPyConnection) -> dict[str, ProtectedTable]:
    assert DISCLOSURE in load_rules().sources  # [source.om_dadermonitor]: counts as printed
    return _build(con, DM_VERVOLGING)


def _as_of_2025(spec: TableSpec) -> TableSpec:
    """The same table computed from the 2025 re-delivery instead of the April-2020 extract."""
    snapshot = dadermonitor_snapshot_sql(JAAR)
    assert snapshot in spec.where
    return dataclasses.replace(
        spec,
        where=spec.where.replace(snapshot, f"u.peildatum = DATE '{SYNTH_PEILDATUM.isoformat()}'"),
    )


def _value(table: ProtectedTable, row: str, column: str) -> int:
    v = table.cells[table.row_labels.index(row)][table.column_labels.index(column)].value
    assert v is not None
    return v


def test_every_table_has_a_fixture_and_is_in_the_catalogue() -> None:
    assert [f["id"] for f in FIGURES] == [s.id for s in DM_VERVOLGING]
    for f in FIGURES:
        assert (PUBLISHED / f["file"]).is_file()
    ids = {s.id for s in CATALOGUE}
    assert {s.id for s in DM_VERVOLGING} <= ids
    assert DOC["document"]["peildatum"] == APRIL_2020.isoformat()


@pytest.mark.parametrize("table_id", [s.id for s in DM_VERVOLGING])
def test_table_equals_the_publication(table_id: str, built: dict[str, ProtectedTable]) -> None:
    computed = to_csv_rows(built[table_id])
    published = dadermonitor_csv(table_id)
    if table_id == "dadermonitor.tabel_5_1":  # percentages per group: test_tabel_5_1_percentages
        published = [row[:2] for row in published]
    assert computed[0][1:] == published[0][1:], "columns differ"
    assert [r[0] for r in computed[1:]] == [r[0] for r in published[1:]], "rows differ"
    bad = [
        (row[0], published[0][j], cell, got[j])
        for row, got in zip(published[1:], computed[1:], strict=True)
        for j, cell in enumerate(row)
        if j > 0 and cell != "" and cell != got[j]  # "" = not in the extracted text
    ]
    assert not bad, bad


def test_tabel_5_1_percentages(built: dict[str, ProtectedTable]) -> None:
    """Each ground as a whole percent of its group's Totaal ('<1%' below one percent)."""
    table = built["dadermonitor.tabel_5_1"]
    published = dadermonitor_csv("dadermonitor.tabel_5_1")[1:]
    counts = {label: _value(table, label, "Aantal") for label in table.row_labels}
    for label, _n, pct in published:
        group = label.split(":")[0]
        n, total = counts[label], counts[f"{group}: Totaal"]
        if pct == "<1%":
            assert 0 < 100 * n < total, label
        else:
            assert f"{percent_of(n, total)}%" == pct, label
    assert sum(v for k, v in counts.items() if k.endswith("Totaal")) == 364  # n=364


def test_figuur_5_3_text(built: dict[str, ProtectedTable]) -> None:
    """Den Haag has the most cases, Zeeland-West-Brabant the fewest of the ten
    arrondissementsparketten (line 5622); the LP two (line 5597)."""
    table = built["dadermonitor.figuur_5_3"]
    regional = [r for r in table.row_labels if r not in ("Landelijk Parket", "Functioneel Parket")]
    counts = {r: _value(table, r, "2015-2019") for r in regional}
    assert len(counts) == 10
    assert max(counts, key=counts.__getitem__) == "Den Haag"
    assert min(counts, key=counts.__getitem__) == "Zeeland-West-Brabant"
    assert sum(_value(table, r, "2015-2019") for r in table.row_labels) == 900


def test_figuur_5_4_text(built: dict[str, ProtectedTable]) -> None:
    """About a fifth every year, 2018 'een stuk lager' (lines 5681-5684)."""
    table = built["dadermonitor.figuur_5_4"]
    share = "Percentage van de ingeschreven zaken"
    years = [str(y) for y in range(JAAR - 4, JAAR + 1)]
    shares = {y: _value(table, share, y) for y in years}
    assert min(shares, key=shares.__getitem__) == "2018"
    assert all(abs(v - 22) <= 5 for y, v in shares.items() if y != "2018"), shares
    assert shares["2018"] <= min(v for y, v in shares.items() if y != "2018") - 5
    count = "Zaken met een minderjarig slachtoffer"
    assert sum(_value(table, count, y) for y in years) == 199


def test_figuur_5_5_text(built: dict[str, ProtectedTable]) -> None:
    """Settled on the merits in 2019: sexual exploitation fell again ('wederom gedaald'),
    non-sexual and unknown rose (lines 5770-5773)."""
    table = built["dadermonitor.figuur_5_5"]
    sexual = [_value(table, "Seksuele uitbuiting", str(y)) for y in (2017, 2018, 2019)]
    assert sexual[0] > sexual[1] > sexual[2]
    for row in ("Niet-seksuele uitbuiting", "Onbekend"):
        assert _value(table, row, "2019") > _value(table, row, "2018"), row


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return int(con.execute(sql).fetchall()[0][0])


def _registered(where: str) -> str:
    return (
        "SELECT count(*) FROM dm_ingeschreven_zaken u WHERE u.jaar BETWEEN 2015 AND 2019 "
        f"AND {dadermonitor_snapshot_sql(JAAR)} AND {where}"
    )


def _settled(where: str) -> str:
    return (
        "SELECT count(*) FROM dm_afgehandelde_zaken u WHERE u.jaar BETWEEN 2015 AND 2019 "
        f"AND u.inhoudelijk AND {dadermonitor_snapshot_sql(JAAR)} AND {where}"
    )


def test_known_by_classification(con: duckdb.DuckDBPyConnection) -> None:
    """64% of the 900 registered cases have a form from the classification (line 5406)."""
    mh = "list_has_any(u.classificaties, ['mh_seksueel', 'mh_arbeid', 'mh_overig'])"
    n = _scalar(con, _registered(mh))
    assert percent_of(n, 900) == 64, n


def test_overige_vormen_only(con: duckdb.DuckDBPyConnection) -> None:
    """48 cases with only 'overige vormen'; 31 with a verdict; 18 of those sexual or labour
    exploitation (lines 5444-5447, 9716-9723)."""
    only = "u.classificaties = ['mh_overig']"
    assert _scalar(con, _registered(only)) == 48
    assert _scalar(con, _registered(f"{only} AND u.dossier_vorm IS NOT NULL")) == 31
    su_au = "u.dossier_vorm IN ('bl_su', 'go_su', 'su_onbekend', 'au')"
    assert _scalar(con, _registered(f"{only} AND {su_au}")) == 18


def test_summoned_for_other_offences(con: duckdb.DuckDBPyConnection) -> None:
    """35 of the 407 cases not summoned for trafficking were summoned for other offences
    (line 5802)."""
    not_summoned = "u.afhandeling <> 'dagvaarding'"
    assert _scalar(con, _settled(not_summoned)) == 407
    assert _scalar(con, _settled(f"{not_summoned} AND u.afdoening = 'dagvaarding'")) == 35


def test_aggravating_circumstances(con: duckdb.DuckDBPyConnection) -> None:
    """603 summoned or joined; 52% with an aggravating circumstance, nearly always 'in
    vereniging'; 3% a minor or vulnerable victim (lines 5991-6001)."""
    summoned = "u.afhandeling IN ('dagvaarding', 'voeging_ter_berechting')"
    assert _scalar(con, _settled(summoned)) == 603
    any_ = _scalar(con, _settled(f"{summoned} AND len(u.strafverzwarend) > 0"))
    vereniging = _scalar(
        con, _settled(f"{summoned} AND list_contains(u.strafverzwarend, 'in_vereniging')")
    )
    kwetsbaar = _scalar(
        con, _settled(f"{summoned} AND list_contains(u.strafverzwarend, 'kwetsbaar_slachtoffer')")
    )
    assert percent_of(any_, 603) == 52, any_
    assert vereniging >= 0.95 * any_, (vereniging, any_)
    assert percent_of(kwetsbaar, 603) == 3, kwetsbaar


def test_minors_summoned(con: duckdb.DuckDBPyConnection) -> None:
    """'ruim 80%' of the cases with a minor victim summoned, 54% of the others (line 6006),
    on the settled cohort (figures_vervolging.toml, claim minors_summoned)."""
    minors = _scalar(con, _settled("u.minderjarig_slachtoffer"))
    minors_summoned = _scalar(
        con, _settled("u.minderjarig_slachtoffer AND u.afhandeling = 'dagvaarding'")
    )
    adults = _scalar(con, _settled("NOT u.minderjarig_slachtoffer"))
    adults_summoned = _scalar(
        con, _settled("NOT u.minderjarig_slachtoffer AND u.afhandeling = 'dagvaarding'")
    )
    assert 80 < 100 * minors_summoned / minors < 85
    assert percent_of(adults_summoned, adults) == 54


# ------------------------------------------------------------------ the two deliveries


def test_dadermonitor_counts_the_april_2020_extract(con: duckdb.DuckDBPyConnection) -> None:
    """The rule picks the snapshot of April 2020 for 2015-2019, although a newer one is in force;
    the views hold both."""
    for view in ("dm_ingeschreven_zaken", "dm_afgehandelde_zaken"):
        both = con.execute(f"SELECT DISTINCT peildatum FROM {view} ORDER BY 1").fetchall()
        assert [r[0] for r in both] == [APRIL_2020, SYNTH_PEILDATUM]
        chosen = con.execute(
            f"SELECT DISTINCT peildatum FROM {view} u WHERE {dadermonitor_snapshot_sql(JAAR)}"
        ).fetchall()
        assert [r[0] for r in chosen] == [APRIL_2020]


def test_revision_is_visible_as_of_2025(
    con: duckdb.DuckDBPyConnection, built: dict[str, ProtectedTable]
) -> None:
    """Computed from the re-delivery, chapter 5 differs in the revised cells only
    (synth.om_2015.REVISIONS): three late registrations (2016, 2017, 2019), two dismissals of
    2019 with their ground now known, the classification of 2019's latest cases completed."""
    ids = ("dadermonitor.figuur_5_1", "dadermonitor.figuur_5_2", "dadermonitor.figuur_5_6")
    later = _build(con, tuple(_as_of_2025(s) for s in DM_VERVOLGING if s.id in ids))

    def diff(table_id: str) -> dict[tuple[str, str], int]:
        a, b = built[table_id], later[table_id]
        assert a.row_labels == b.row_labels and a.column_labels == b.column_labels
        return {
            (r, c): (y.value or 0) - (x.value or 0)
            for r, xs, ys in zip(a.row_labels, a.cells, b.cells, strict=True)
            for c, x, y in zip(a.column_labels, xs, ys, strict=True)
            if x.value != y.value
        }

    label = "Aantal bij het OM ingeschreven mensenhandelzaken"
    assert diff("dadermonitor.figuur_5_1") == {
        (label, "2016"): 1,
        (label, "2017"): 1,
        (label, "2019"): 1,
    }
    d56 = diff("dadermonitor.figuur_5_6")
    assert d56[("Onvoorwaardelijk sepot, grond onbekend", "2019")] == -2
    assert d56[("Technisch sepot (onvoorwaardelijk)", "2019")] == 2
    assert d56[("Totaal", "2017")] == d56[("Totaal", "2018")] == 1  # late registrations settled
    assert ("Dagvaarding", "2015-2019") not in d56
    d52 = diff("dadermonitor.figuur_5_2")
    assert d52[("In ieder geval seksuele uitbuiting", "2019")] > 0  # classification completed
    assert d52[("Onbekend", "2019")] < 0
    assert all(c in ("2016", "2017", "2018", "2019", "2015-2019") for _, c in d52)


def test_jaarcijfers_come_from_the_2025_delivery(con: duckdb.DuckDBPyConnection) -> None:
    """With both deliveries loaded, Figuur 15 of the Jaarcijfers 2024 is the published one (it
    counts the snapshot in force; the 2015-2019 cases of the re-delivery do not enter it)."""
    with (FIXTURES / "published" / "jaarcijfers_2024" / "figuur_15.csv").open(
        encoding="utf-8"
    ) as fh:
        published = list(csv.reader(fh, delimiter=";"))
    spec = next(s for s in CATALOGUE if s.id == "jaarcijfers.figuur_15")
    computed = to_csv_rows(protect(compute(con, spec, 2024), load_rules()))
    assert computed[1][1:] == published[1][1:]


def test_specs_for_another_period(con: duckdb.DuckDBPyConnection) -> None:
    """Each period counts the first OM extract delivered after it: 2015-2019 the one of April
    2020, 2020-2024 the one of 2025; the titles name the period."""

    def chosen(year: int) -> set[dt.date]:
        rows = con.execute(
            "SELECT DISTINCT u.peildatum FROM (SELECT DISTINCT peildatum FROM main.lineage "
            f"WHERE source = 'om') u WHERE {dadermonitor_snapshot_sql(year)}"
        ).fetchall()
        return {r[0] for r in rows}

    assert chosen(2019) == {dt.date(2020, 4, 1)}
    assert chosen(2024) == {SYNTH_PEILDATUM}
    assert chosen(2030) == {SYNTH_PEILDATUM}  # none delivered after the period yet: the newest
    assert dm_vervolging(2024)[1].title_nl.endswith("2020-2024")


@pytest.mark.slow
def test_scale_multiplies_every_count(tmp_path_factory: pytest.TempPathFactory) -> None:
    """``synth --scale 2``: both OM deliveries twice as large, every chapter-5 count doubled."""
    home = tmp_path_factory.mktemp("dm_vervolging_scale")
    ws = Workspace(home)
    generate_key(ws.key_file)
    for source in ("om", "om_dossierstudie"):
        for path, peildatum in write_earlier_deliveries(source, home / "synth", scale=2):
            assert ingest(ws, source, path, peildatum).status == "clean"
        path = write_delivery(load_contract(source), home / "synth", scale=2)
        assert ingest(ws, source, path, SYNTH_PEILDATUM).status == "clean"
    with Warehouse(ws.warehouse) as wh:
        prepare(wh.con)
        for spec in DM_VERVOLGING:
            if spec.id in ("dadermonitor.figuur_5_3", "dadermonitor.figuur_5_4"):
                continue  # shares and text-only cells
            published = dadermonitor_csv(spec.id)
            computed = to_csv_rows(protect(compute(wh.con, spec, JAAR), load_rules()))
            for row, got in zip(published[1:], computed[1:], strict=True):
                for j, cell in enumerate(row[:2] if spec.id.endswith("5_1") else row):
                    if j > 0 and cell != "":
                        assert int(got[j]) == 2 * int(cell), (spec.id, row[0], j)
