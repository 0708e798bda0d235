"""The synthetic Raad voor de rechtspraak delivery carries Figuur 20 and 21 and the 2024 split by
who lodged the appeal exactly as published, through the real ingestion."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import duckdb

from ketenmonitor.config import Workspace
from ketenmonitor.sources.ingest import ingest
from ketenmonitor.synth.rechtspraak import write_rechtspraak

PUBLISHED = Path(__file__).parents[1] / "fixtures" / "published" / "jaarcijfers_2024"
EINDARREST = {
    "Totaal aantal zaken met eindarrest in hoger beroep": "totaal",
    "Eindarrest vrijspraak": "vrijspraak",
    "Eindarrest schuldigverklaring": "schuldigverklaring",
    "Eindarrest schuldigverklaring, waarin specifiek mensenhandel bewezen verklaard": (
        "schuldigverklaring_mh"
    ),
    "Eindarrest overig": "overig",
}
YEARS = ("2020", "2021", "2022", "2023", "2024")


def _shown(aantal: int | None, below: int | None) -> str:
    return str(aantal) if aantal is not None else f"<{below}"


def test_rechtspraak_delivery_reproduces_figures_20_and_21(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = write_rechtspraak(tmp_path / "out")
    report = ingest(workspace, "rechtspraak", path, dt.date(2025, 6, 30))
    assert report.status == "clean", (report.message, report.tables)
    con = duckdb.connect(str(workspace.warehouse))
    eind = {
        (code, year): _shown(a, b)
        for year, code, a, b in con.execute(
            "SELECT jaar_afdoening_hb, eindarrest, aantal, aantal_below "
            "FROM current.rechtspraak__eindarresten"
        ).fetchall()
    }
    cass = {
        year: _shown(a, b)
        for year, a, b in con.execute(
            "SELECT jaar_afdoening_hb, aantal, aantal_below FROM current.rechtspraak__cassaties"
        ).fetchall()
    }
    insteller = {
        code: _shown(a, b)
        for code, a, b in con.execute(
            "SELECT ingesteld_door, aantal, aantal_below "
            "FROM current.rechtspraak__hoger_beroep_insteller WHERE jaar_afdoening_hb = 2024"
        ).fetchall()
    }
    con.close()
    bad = []
    with (PUBLISHED / "figuur_20.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            for y in YEARS:
                if eind.get((EINDARREST[row["label"]], int(y))) != row[y]:
                    bad.append(("figuur_20", row["label"], y, row[y]))
    with (PUBLISHED / "figuur_21.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            for y in YEARS:
                if cass.get(int(y)) != row[y]:
                    bad.append(("figuur_21", row["label"], y, row[y]))
    assert not bad, bad
    # text at Figuur 20 (line 563); other years are not published and not delivered
    assert insteller == {"verdachte": "35", "om": "<10", "beide": "<10"}
