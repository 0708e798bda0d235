"""The numbers the running text of chapter 1 states, computed by the catalogue's text tables
from the synthetic deliveries, equal the text (tests/fixtures/published/.../text_claims.toml)."""

from __future__ import annotations

import tomllib

import pytest

from ketenmonitor.disclosure import ProtectedTable
from tests.conftest import FIXTURES

CLAIMS = {
    c["id"]: c
    for c in tomllib.loads(
        (FIXTURES / "published" / "jaarcijfers_2024" / "text_claims.toml").read_text("utf-8")
    )["claim"]
}

# claim id -> (table, row, column) per stated value
WHERE = {
    "anonieme_meldingen_2024": [("tekst_anonieme_meldingen", "Anonieme meldingen", "2024")],
    "anonieme_meldingen_2023": [("tekst_anonieme_meldingen", "Anonieme meldingen", "2023")],
    "overlap_cu_su_2024": [
        ("tekst_combinaties_vormen", "Criminele en seksuele uitbuiting", "2024")
    ],
    "overlap_cu_su_2023": [
        ("tekst_combinaties_vormen", "Criminele en seksuele uitbuiting", "2023")
    ],
    "afrika_overlap_su_au_2024": [
        ("tekst_combinaties_vormen", "Seksuele en arbeidsuitbuiting", "Afrika")
    ],
    "overlap_su_cu_nl_afrika_2024": [
        ("tekst_combinaties_vormen", "Criminele en seksuele uitbuiting", "Nederland"),
        ("tekst_combinaties_vormen", "Criminele en seksuele uitbuiting", "Afrika"),
    ],
    "minderjarig_cu_nederlands_2024": [
        ("tekst_minderjarig_crimineel_herkomst", "Nederland", "2024")
    ],
    "minderjarig_cu_europees_2024": [("tekst_minderjarig_crimineel_herkomst", "Europa", "2024")],
    "minderjarig_cu_geslacht_2024": [
        ("tekst_minderjarig_crimineel_geslacht", "Vrouw", "2024"),
        ("tekst_minderjarig_crimineel_geslacht", "Man", "2024"),
    ],
    "minderjarig_cu_melder_2024": [
        ("tekst_minderjarig_crimineel_melder", "Politie", "2024"),
        ("tekst_minderjarig_crimineel_melder", "Zorgcoördinatoren", "2024"),
    ],
}


def _cell(table: ProtectedTable, row: str, column: str) -> str:
    return table.cells[table.row_labels.index(row)][table.column_labels.index(column)].text


@pytest.mark.parametrize("claim_id", sorted(WHERE))
def test_text_number(claim_id: str, built: dict[str, ProtectedTable]) -> None:
    claim = CLAIMS[claim_id]
    value = claim["value"]
    expected = list(value.values()) if isinstance(value, dict) else [value]
    got = [_cell(built[f"jaarcijfers.{t}"], r, c) for t, r, c in WHERE[claim_id]]
    assert got == [str(v) for v in expected], claim["quote"]
