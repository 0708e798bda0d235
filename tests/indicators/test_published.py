"""Every figure of Jaarcijfers 2024 chapter 1, computed from the synthetic CoMensha and IND
deliveries through the real ingestion, the domain rules, the table engine and disclosure,
equals the published table (tests/fixtures/published/jaarcijfers_2024/)."""

from __future__ import annotations

import csv

import pytest

from ketenmonitor.disclosure import ProtectedTable
from ketenmonitor.indicators.build import to_csv_rows
from ketenmonitor.indicators.jaarcijfers import FIGURES
from tests.conftest import FIXTURES

PUBLISHED = FIXTURES / "published" / "jaarcijfers_2024"


def _published(table_id: str) -> list[list[str]]:
    path = PUBLISHED / f"{table_id.split('.')[1]}.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    head = rows[0]
    if "rang" in head:  # Tabel 1 prints the rank in the label: "1 Nederland"
        i = head.index("rang")
        body = [
            [f"{r[i]} {r[0]}", *(v for j, v in enumerate(r) if j not in (0, i))] for r in rows[1:]
        ]
        rows = [[h for j, h in enumerate(head) if j != i], *body]
    if "Percentage" in rows[0]:  # stored as a number, published as "52%"
        i = rows[0].index("Percentage")
        rows = [rows[0], *([*r[:i], f"{r[i]}%", *r[i + 1 :]] for r in rows[1:])]
    return rows


@pytest.mark.parametrize("table_id", [s.id for s in FIGURES])
def test_table_equals_the_publication(table_id: str, built: dict[str, ProtectedTable]) -> None:
    computed = to_csv_rows(built[table_id])
    published = _published(table_id)
    assert computed[0][1:] == published[0][1:], "columns differ"
    assert [r[0] for r in computed[1:]] == [r[0] for r in published[1:]], "rows differ"
    assert computed[1:] == published[1:]
