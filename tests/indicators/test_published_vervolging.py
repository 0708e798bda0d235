"""Figuur 15-19 and 22-24 of Jaarcijfers 2024 and the numbers their text states, computed from
the synthetic OM delivery and dossier study through the real ingestion, the domain rules
(domain.cases), the table engine and disclosure, equal the publication
(tests/fixtures/published/jaarcijfers_2024/). The three cells of Figuur 19 that contradict the
rest of the publication are compared with the values recorded in figures_vervolging.toml."""

from __future__ import annotations

import csv
import tomllib

import pytest

from ketenmonitor.disclosure import ProtectedTable, protect
from ketenmonitor.domain.cases import create_case_views
from ketenmonitor.indicators import compute
from ketenmonitor.indicators.build import to_csv_rows
from ketenmonitor.indicators.jaarcijfers_vervolging import FIGURES, VERVOLGING
from ketenmonitor.warehouse import Warehouse
from tests.conftest import FIXTURES, synthetic_workspace

PUBLISHED = FIXTURES / "published" / "jaarcijfers_2024"
RESOLUTION = tomllib.loads((PUBLISHED / "figures_vervolging.toml").read_text("utf-8"))
CLAIMS = tomllib.loads((PUBLISHED / "text_claims_vervolging.toml").read_text("utf-8"))["claim"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ProtectedTable]:
    ws = synthetic_workspace(tmp_path_factory.mktemp("vervolging"), "om", "om_dossierstudie")
    with Warehouse(ws.warehouse) as wh:
        create_case_views(wh.con)
        return {s.id: protect(compute(wh.con, s, 2024)) for s in VERVOLGING}


def _published(table_id: str) -> list[list[str]]:
    path = PUBLISHED / f"{table_id.split('.')[1]}.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    for conflict in RESOLUTION["conflicts"]:
        if table_id not in conflict["figures"][:1]:
            continue
        for cell in conflict.get("reproduced", []):
            i = [r[0] for r in rows].index(cell["row"])
            j = rows[0].index(cell["column"])
            assert rows[i][j] == cell["published"], "fixture and recorded conflict disagree"
            rows[i][j] = cell["computed"]
    return rows


@pytest.mark.parametrize("table_id", [s.id for s in FIGURES])
def test_table_equals_the_publication(table_id: str, built: dict[str, ProtectedTable]) -> None:
    computed = to_csv_rows(built[table_id])
    published = _published(table_id)
    assert computed[0][1:] == published[0][1:], "columns differ"
    assert [r[0] for r in computed[1:]] == [r[0] for r in published[1:]], "rows differ"
    assert computed[1:] == published[1:]


def test_every_figure_has_a_fixture_and_a_resolution() -> None:
    recorded = {f["id"] for f in RESOLUTION["figure"]}
    assert recorded == {s.id for s in FIGURES}
    for s in FIGURES:
        assert (PUBLISHED / f"{s.id.split('.')[1]}.csv").exists()


def _cell(table: ProtectedTable, row: str, column: str) -> str:
    return table.cells[table.row_labels.index(row)][table.column_labels.index(column)].text


@pytest.mark.parametrize("claim", [c for c in CLAIMS if "where" in c], ids=lambda c: c["id"])
def test_text_number(claim: dict[str, object], built: dict[str, ProtectedTable]) -> None:
    value = claim["value"]
    expected = list(value.values()) if isinstance(value, dict) else [value]
    where = claim["where"]
    assert isinstance(where, list)
    got = [_cell(built[f"jaarcijfers.{t}"], r, c) for t, r, c in where]
    assert got == [str(v) for v in expected], claim["quote"]


@pytest.mark.parametrize(
    ("claim_id", "column"),
    [
        ("veroordelingspercentage_arbeid", "Arbeidsuitbuiting"),
        ("veroordelingspercentage_crimineel", "Criminele/overige uitbuiting"),
    ],
)
def test_text_numbers_in_conflict_are_the_consistent_value(
    claim_id: str, column: str, built: dict[str, ProtectedTable]
) -> None:
    claim = next(c for c in CLAIMS if c["id"] == claim_id)
    table = built["jaarcijfers.tekst_veroordelingspercentage"]
    assert _cell(table, "Veroordelingspercentage", column) == str(claim["reproduced"])
