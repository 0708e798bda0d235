"""A synthetic IND delivery: the yearly tables behind Figuur 10 and 11 of the Jaarcijfers 2024.

The IND delivers aggregated tables, already rounded to fives with counts below ten shown as
"<10", and the Rapporteur publishes them unchanged (Jaarcijfers Mensenhandel 2024, section 4
'IND-tabellen over verblijfsrechtelijke bescherming'). ``write_ind(out_dir)`` writes ``ind.xlsx``
in the ind contract's layout with exactly the published cells, so the figures pass through
ingestion and the catalogue as they are. Besides the two figures, the text gives B9
applications (50 in 2023, 40 in 2024) and schrijnend-pad applications (10 in 2024, line 346);
those are delivered too. Other application counts are not published and are not invented.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ketenmonitor.contracts import load_contract
from ketenmonitor.synth import _write_xlsx

YEARS = (2020, 2021, 2022, 2023, 2024)

Cell = int | str

TABLES: dict[tuple[str, str], tuple[Cell | None, ...]] = {
    # Figuur 10: uitstel van vertrek verleend, < 30 days (Dublin) and the ordinary period
    ("uitstel_vertrek_30", "verleend"): (0, 0, "<10", 30, 30),
    ("uitstel_vertrek_90", "verleend"): (70, 70, 110, 160, 180),
    # Figuur 11
    ("b8", "aanvraag"): (420, 160, 180, 220, 220),
    ("b8", "verleend"): (170, 100, 110, 150, 170),
    ("b9", "verleend"): (30, 20, 10, 20, 20),
    ("schrijnend_pad", "verleend"): ("<10", 0, "<10", "<10", "<10"),
    # text at Figuur 11 (lines 343 and 346); None = not published, not delivered
    ("b9", "aanvraag"): (None, None, None, 50, 40),
    ("schrijnend_pad", "aanvraag"): (None, None, None, None, 10),
}
"""(regeling, uitkomst) -> aantal per year 2020-2024 as published (Jaarcijfers 2024, Figuur 10
and 11 and the text beside them)."""


def rows() -> list[dict[str, Any]]:
    """The delivered rows: one per year, arrangement and step that the publication gives."""
    out = []
    for (regeling, uitkomst), values in TABLES.items():
        for jaar, aantal in zip(YEARS, values, strict=True):
            if aantal is not None:
                out.append(
                    {"jaar": jaar, "regeling": regeling, "uitkomst": uitkomst, "aantal": aantal}
                )
    return out


def write_ind(out_dir: Path) -> Path:
    """Write ``ind.xlsx`` (contract ind) with the published IND tables."""
    contract = load_contract("ind")
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "ind.xlsx"
    _write_xlsx(path, [(contract.tables[0], rows())])
    return path
