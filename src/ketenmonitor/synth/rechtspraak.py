"""A synthetic Raad voor de rechtspraak delivery: the tables behind Figuur 20 and 21.

The judiciary delivers tables at case level, rounded to fives with counts below ten shown as
"<10", and the Rapporteur publishes them unchanged (Jaarcijfers Mensenhandel 2024, section 4
'Raad voor de rechtspraak-tabellen over hoger beroep en cassatie', lines 758-764).
``write_rechtspraak(out_dir)`` writes ``rechtspraak.xlsx`` in the rechtspraak contract's layout
with exactly the published cells. Who lodged the appeal is published only for 2024 (text at
line 563: verdachte 35, OM <10, beide <10); the other years are not published and are not
invented.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ketenmonitor.contracts import load_contract
from ketenmonitor.synth import _write_xlsx

YEARS = (2020, 2021, 2022, 2023, 2024)

Cell = int | str

EINDARRESTEN: dict[str, tuple[Cell, ...]] = {
    "totaal": (40, 65, 50, 55, 50),
    "vrijspraak": ("<10", "<10", "<10", "<10", "<10"),
    "schuldigverklaring": (35, 50, 40, 40, 40),
    "schuldigverklaring_mh": (35, 50, 40, 40, 40),
    "overig": ("<10", 10, "<10", 10, "<10"),
}
"""Figuur 20 (lines 577-581): final judgments in appeal by type, per year of disposal."""

INSTELLER_2024: dict[str, Cell] = {"verdachte": 35, "om": "<10", "beide": "<10"}
"""Who lodged the appeal, 2024 (line 563)."""

CASSATIES: tuple[Cell, ...] = (20, 25, 25, 15, 15)
"""Figuur 21 (lines 599-609, one value per line, in year order)."""


def rows() -> dict[str, list[dict[str, Any]]]:
    """The delivered rows per table."""
    eind = [
        {"jaar_afdoening_hb": y, "eindarrest": code, "aantal": v}
        for code, values in EINDARRESTEN.items()
        for y, v in zip(YEARS, values, strict=True)
    ]
    insteller = [
        {"jaar_afdoening_hb": 2024, "ingesteld_door": code, "aantal": v}
        for code, v in INSTELLER_2024.items()
    ]
    cass = [{"jaar_afdoening_hb": y, "aantal": v} for y, v in zip(YEARS, CASSATIES, strict=True)]
    return {"eindarresten": eind, "hoger_beroep_insteller": insteller, "cassaties": cass}


def write_rechtspraak(out_dir: Path) -> Path:
    """Write ``rechtspraak.xlsx`` (contract rechtspraak) with the published tables."""
    contract = load_contract("rechtspraak")
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "rechtspraak.xlsx"
    data = rows()
    _write_xlsx(path, [(t, data[t.name]) for t in contract.tables])
    return path
