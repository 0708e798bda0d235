"""Figuur 7.1-7.5 of the Dadermonitor mensenhandel 2015-2019 (chapter 7 'Resocialisatie') and the
chapter's numbers in the text, computed from the synthetic IRIS delivery and the synthetic OM
delivery and dossier study (the form via parketnummer) through the real ingestion, the domain
rules, the table engine and disclosure, equal the publication
(tests/fixtures/published/dadermonitor_2015_2019/figuur_7_*.csv, tekst_7.csv,
figures_resocialisatie.toml). Cells lost in the text extraction are empty in the CSVs and not
compared; what the text says about them is checked below.
"""

from __future__ import annotations

import tomllib

import pytest

from ketenmonitor.disclosure import ProtectedTable, protect
from ketenmonitor.disclosure.rules import load_rules
from ketenmonitor.indicators import compute
from ketenmonitor.indicators.build import prepare
from ketenmonitor.indicators.catalogue import dadermonitor
from ketenmonitor.indicators.dadermonitor_resocialisatie import (
    DISCLOSURE,
    DM_RESOCIALISATIE,
    JAAR,
    dm_resocialisatie,
)
from ketenmonitor.warehouse import Warehouse
from tests.conftest import FIXTURES, assert_as_published, dadermonitor_csv, synthetic_workspace

PUBLISHED = FIXTURES / "published" / "dadermonitor_2015_2019"
FIGURES = tomllib.loads((PUBLISHED / "figures_resocialisatie.toml").read_text("utf-8"))["figure"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ProtectedTable]:
    ws = synthetic_workspace(
        tmp_path_factory.mktemp("dm_resocialisatie"), "om", "om_dossierstudie", "reclassering"
    )
    rules = load_rules()
    assert DISCLOSURE in rules.sources
    with Warehouse(ws.warehouse) as wh:
        assert {"reclassering", "om", "om_dossierstudie"} <= prepare(wh.con)
        tables = [protect(compute(wh.con, s, JAAR), rules) for s in DM_RESOCIALISATIE]
        later = [protect(compute(wh.con, s, 2021), rules) for s in dm_resocialisatie(2021)]
    out = {t.id: t for t in tables}
    out.update({f"{t.id}@2021": t for t in later})
    return out


def _value(table: ProtectedTable, row: str, column: str = "2015-2019") -> int:
    v = table.cells[table.row_labels.index(row)][table.column_labels.index(column)].value
    assert v is not None
    return v


def test_every_figure_has_a_fixture() -> None:
    assert [f["id"] for f in FIGURES] == [s.id for s in DM_RESOCIALISATIE]
    for f in FIGURES:
        assert (PUBLISHED / f["file"]).is_file()
    assert {s.id for s in DM_RESOCIALISATIE} <= {s.id for s in dadermonitor(2019)}


def _compare(table_id: str, built: dict[str, ProtectedTable]) -> None:
    assert_as_published(built[table_id], dadermonitor_csv(table_id))


def test_figuur_7_1_supervisions_started(built: dict[str, ProtectedTable]) -> None:
    """N=157 (lines 7301, 7354); the bars are lost: 2015 'wat hoger' than each later year and
    'jaarlijks ongeveer 30' (lines 7417-7421, 8789)."""
    _compare("dadermonitor.figuur_7_1", built)
    t = built["dadermonitor.figuur_7_1"]
    years = [_value(t, "Ingestroomde toezichten", str(y)) for y in range(2015, 2020)]
    assert all(years[0] > y for y in years[1:])
    assert all(25 <= y <= 40 for y in years)


def test_figuur_7_2_ended_by_form(built: dict[str, ProtectedTable]) -> None:
    _compare("dadermonitor.figuur_7_2", built)


def test_figuur_7_3_framework_at_start(built: dict[str, ProtectedTable]) -> None:
    _compare("dadermonitor.figuur_7_3", built)
    t = built["dadermonitor.figuur_7_3"]
    assert sum(_value(t, r) for r in t.row_labels) == 143  # N=143, line 7564


def test_figuur_7_4_special_conditions(built: dict[str, ProtectedTable]) -> None:
    """Frequencies lost; the text: meldplicht most frequent and 'bijna standaard', then
    aanwijzingen, behandelverplichting and contactverbod 'vaak' (lines 7605-7612)."""
    _compare("dadermonitor.figuur_7_4", built)
    t = built["dadermonitor.figuur_7_4"]
    ranked = sorted(t.row_labels, key=lambda r: -_value(t, r))
    assert ranked[0] == "Meldplicht" and _value(t, "Meldplicht") >= 0.9 * 143
    assert set(ranked[1:4]) == {"Houden aan aanwijzingen", "Behandelverplichting", "Contactverbod"}


def test_figuur_7_5_ended_by_reason(built: dict[str, ProtectedTable]) -> None:
    _compare("dadermonitor.figuur_7_5", built)


def test_text_numbers(built: dict[str, ProtectedTable]) -> None:
    """143 ended, 136 persons, 13 and 4, 50 and 23 (tekst_7.csv); 45% outpatient and 3%
    inpatient care (lines 7614-7616), whether of supervisions or of persons."""
    from ketenmonitor.indicators import percent_of

    _compare("dadermonitor.tekst_7", built)
    t = built["dadermonitor.tekst_7"]
    ended, persons = _value(t, "Beëindigde toezichten"), _value(t, "Unieke personen")
    assert ended - persons == 7  # 'zeven daders meerdere toezichten' (line 7304)
    assert percent_of(_value(t, "Ambulante plaatsing forensische zorg"), ended) == 45
    assert percent_of(_value(t, "Personen met ambulante plaatsing forensische zorg"), persons) == 45
    klinisch = _value(t, "Klinische plaatsing forensische zorg")
    assert percent_of(klinisch, ended) == 3 and percent_of(klinisch, persons) == 3
    # the same ended supervisions in every figure (N=143)
    for table_id in ("dadermonitor.figuur_7_2", "dadermonitor.figuur_7_5"):
        assert _value(built[table_id], "Totaal") == ended


def test_any_five_year_period(built: dict[str, ProtectedTable]) -> None:
    """The specs for another reporting year: window 2017-2021 with its own labels; the years it
    shares with 2015-2019 have the same values."""
    t = built["dadermonitor.figuur_7_5@2021"]
    assert t.column_labels == ["2017", "2018", "2019", "2020", "2021", "2017-2021"]
    published = built["dadermonitor.figuur_7_5"]
    for y in ("2017", "2018", "2019"):
        assert _value(t, "Totaal", y) == _value(published, "Totaal", y)
    assert _value(t, "Totaal", "2017-2021") == sum(
        _value(t, "Totaal", str(y)) for y in range(2017, 2022)
    )
