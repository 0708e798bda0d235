"""Figures 13, 14, 20 and 21 of the Jaarcijfers Mensenhandel 2024 and the numbers the text beside
them states, computed from the synthetic EMM and Rechtspraak deliveries through the real
ingestion, the domain rules, the table engine and disclosure, equal the publication
(tests/fixtures/published/jaarcijfers_2024/figuur_1[34].csv, figuur_2[01].csv,
text_claims_opsporing.toml)."""

from __future__ import annotations

import csv
import tomllib

import pytest

from ketenmonitor.disclosure import ProtectedTable
from ketenmonitor.domain.investigations import (
    create_investigation_views,
    create_rechtspraak_views,
)
from ketenmonitor.indicators.build import compute_protected, to_csv_rows
from ketenmonitor.indicators.jaarcijfers_opsporing import FIGURES, OPSPORING
from ketenmonitor.warehouse import Warehouse
from tests.conftest import FIXTURES, synthetic_workspace

PUBLISHED = FIXTURES / "published" / "jaarcijfers_2024"
CLAIMS = {
    c["id"]: c
    for c in tomllib.loads((PUBLISHED / "text_claims_opsporing.toml").read_text("utf-8"))["claim"]
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ProtectedTable]:
    ws = synthetic_workspace(tmp_path_factory.mktemp("opsporing"), "emm", "rechtspraak")
    # the views build.prepare creates once VIEW_MAKERS has emm and rechtspraak
    with Warehouse(ws.warehouse) as wh:
        create_investigation_views(wh.con)
        create_rechtspraak_views(wh.con)
        tables = compute_protected(wh.con, OPSPORING, 2024)
    return {t.id: t for t in tables}


def _published(table_id: str) -> list[list[str]]:
    path = PUBLISHED / f"{table_id.split('.')[1]}.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter=";"))


@pytest.mark.parametrize("table_id", [s.id for s in FIGURES])
def test_table_equals_the_publication(table_id: str, built: dict[str, ProtectedTable]) -> None:
    computed = to_csv_rows(built[table_id])
    published = _published(table_id)
    assert computed[0][1:] == published[0][1:], "columns differ"
    assert [r[0] for r in computed[1:]] == [r[0] for r in published[1:]], "rows differ"
    assert computed[1:] == published[1:]


def _cell(table: ProtectedTable, row: str, column: str) -> str:
    return table.cells[table.row_labels.index(row)][table.column_labels.index(column)].text


# claim id -> (table, row, column) per stated value (exact claims)
WHERE = {
    "opsporingsonderzoeken_2024": [
        ("tekst_opsporingsonderzoeken", "Gestarte opsporingsonderzoeken", "2024")
    ],
    "opsporingsonderzoeken_gemiddelde": [
        ("tekst_opsporingsonderzoeken_gemiddelde", "Gemiddeld per jaar", "Vijf jaar")
    ],
    "nla_zonder_u02": [("tekst_nla_zonder_u02", "NLA zonder CA-code U02", "Totaal vijf jaar")],
    "au_2023_2024": [
        ("figuur_13", "Arbeidsuitbuiting", "2023"),
        ("figuur_13", "Arbeidsuitbuiting", "2024"),
    ],
    "verdachten_2024": [("figuur_14", "Totaal", "2024")],
    "verdachten_geslacht_2024": [
        ("figuur_14", "Mannen", "2024"),
        ("figuur_14", "Vrouwen", "2024"),
        ("figuur_14", "Onbekend", "2024"),
    ],
    "verdachten_meerderjarig_2024": [("tekst_verdachten_leeftijd", "Meerderjarig", "Percentage")],
    "verdachten_nationaliteit_2024": [
        ("tekst_verdachten_nationaliteit", "Nederlandse", "2024"),
        ("tekst_verdachten_nationaliteit", "Roemeense", "2024"),
        ("tekst_verdachten_nationaliteit", "Bulgaarse", "2024"),
        ("tekst_verdachten_nationaliteit", "Onbekend", "2024"),
    ],
    "hoger_beroep_2024": [
        ("figuur_20", "Totaal aantal zaken met eindarrest in hoger beroep", "2024")
    ],
    "hoger_beroep_insteller_2024": [
        ("tekst_hoger_beroep_insteller", "Verdachte", "2024"),
        ("tekst_hoger_beroep_insteller", "OM", "2024"),
        ("tekst_hoger_beroep_insteller", "Beide", "2024"),
    ],
}


@pytest.mark.parametrize("claim_id", sorted(WHERE))
def test_text_number(claim_id: str, built: dict[str, ProtectedTable]) -> None:
    claim = CLAIMS[claim_id]
    value = claim["value"]
    expected = list(value.values()) if isinstance(value, dict) else [value]
    got = [_cell(built[f"jaarcijfers.{t}"], r, c) for t, r, c in WHERE[claim_id]]
    if claim["kind"] == "share":
        expected = [f"{v}%" for v in expected]
    assert got == [str(v) for v in expected], claim["quote"]


def _num(table: ProtectedTable, row: str, column: str) -> int:
    v = table.cells[table.row_labels.index(row)][table.column_labels.index(column)].value
    assert v is not None
    return v


def test_changes_and_approximate_claims(built: dict[str, ProtectedTable]) -> None:
    f13 = built["jaarcijfers.figuur_13"]
    from ketenmonitor.indicators import change_percent

    su = change_percent(
        _num(f13, "Seksuele uitbuiting", "2023"), _num(f13, "Seksuele uitbuiting", "2024")
    )
    assert su == CLAIMS["su_verandering_2024"]["value"]
    f14 = built["jaarcijfers.figuur_14"]
    assert (
        _num(f14, "Totaal", "2024") - _num(f14, "Totaal", "2023")
        == (CLAIMS["verdachten_afname_2024"]["value"])
    )
    five = built["jaarcijfers.tekst_hoger_beroep_vijf_jaar"]
    appeals = _num(five, "Totaal aantal zaken met eindarrest in hoger beroep", "Totaal vijf jaar")
    guilty = _num(five, "Eindarrest schuldigverklaring", "Totaal vijf jaar")
    cassations = _num(five, "Cassatie ingesteld", "Totaal vijf jaar")
    # 'zo'n 50 keer per jaar' (nearest ten), 'ongeveer 80%' (nearest five),
    # 'twee op de vijf' (nearest fifth), 'zo'n 20 keer per jaar' (nearest five)
    assert round(appeals / 5, -1) == CLAIMS["hoger_beroep_gemiddelde"]["value"]
    assert 5 * round(100 * guilty / appeals / 5) == CLAIMS["hoger_beroep_schuldig_aandeel"]["value"]
    assert round(5 * cassations / appeals) / 5 == CLAIMS["cassatie_aandeel"]["value"]
    assert 5 * round(cassations / 5 / 5) == CLAIMS["cassatie_gemiddelde"]["value"]
