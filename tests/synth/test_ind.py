"""The synthetic IND delivery carries Figuur 10 and 11 exactly as published, through ingestion."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import duckdb

from ketenmonitor.config import Workspace
from ketenmonitor.sources.ingest import ingest
from ketenmonitor.synth.ind import write_ind

PUBLISHED = Path(__file__).parents[1] / "fixtures" / "published" / "jaarcijfers_2024"
ROWS = {
    "Uitstel van vertrek minder dan 30 dagen": ("uitstel_vertrek_30", "verleend"),
    "Uitstel van vertrek meer dan 30 dagen": ("uitstel_vertrek_90", "verleend"),
    "B8 (aanvragen)": ("b8", "aanvraag"),
    "B8 (verleend)": ("b8", "verleend"),
    "B9 (verleend)": ("b9", "verleend"),
    "Schrijnend pad (verleend)": ("schrijnend_pad", "verleend"),
}


def test_ind_delivery_reproduces_figures_10_and_11(workspace: Workspace, tmp_path: Path) -> None:
    path = write_ind(tmp_path / "out")
    report = ingest(workspace, "ind", path, dt.date(2025, 6, 30))
    assert report.status == "clean", (report.message, report.tables)
    con = duckdb.connect(str(workspace.warehouse))
    cols = {c[0] for c in con.execute("DESCRIBE current.ind__tellingen").fetchall()}
    below = "aantal_below" if "aantal_below" in cols else None
    got = {}
    for r in con.execute("SELECT * FROM current.ind__tellingen").fetchall():
        row = dict(zip([d[0] for d in con.description or []], r, strict=True))
        key = (row["regeling"], row["uitkomst"], row["jaar"])
        got[key] = row["aantal"] if row["aantal"] is not None else f"<{row[below] if below else 10}"
    con.close()
    bad = []
    for name in ("figuur_10", "figuur_11"):
        with (PUBLISHED / f"{name}.csv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter=";"):
                regeling, uitkomst = ROWS[row["label"]]
                for year in ("2020", "2021", "2022", "2023", "2024"):
                    cell = got.get((regeling, uitkomst, int(year)))
                    want = row[year] if row[year].startswith("<") else int(row[year])
                    if cell != want:
                        bad.append((name, row["label"], year, row[year], cell))
    assert not bad, bad
    # the text's applications (Jaarcijfers 2024 lines 343 and 346)
    assert got[("b9", "aanvraag", 2024)] == 40 and got[("b9", "aanvraag", 2023)] == 50
    assert got[("schrijnend_pad", "aanvraag", 2024)] == 10
