"""The synthetic deliveries are valid in their contract's own format, and the main job (demo)
loads them all and is idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ketenmonitor.cli import app
from ketenmonitor.config import Workspace
from ketenmonitor.contracts import contract_names, load_contract
from ketenmonitor.sources.ingest import ingest
from ketenmonitor.sources.readers import file_format
from ketenmonitor.synth import EARLIER_DELIVERIES, SYNTH_PEILDATUM, generate, write_delivery
from ketenmonitor.warehouse import Warehouse


@pytest.mark.parametrize("name", contract_names())
def test_synthetic_delivery_loads_clean(name: str, workspace: Workspace, tmp_path: Path) -> None:
    contract = load_contract(name)
    path = write_delivery(contract, tmp_path / "out")
    if path.is_file() and not contract.multi_table:
        assert file_format(path) == contract.format
    report = ingest(workspace, name, path, SYNTH_PEILDATUM)
    assert report.status == "clean", (report.message, report.tables)
    for t in report.tables:
        assert t.rows_loaded > 0, t


def test_synthetic_rows_are_deterministic() -> None:
    c = load_contract("comensha")
    assert generate(c, rows=20, seed=7) == generate(c, rows=20, seed=7)
    assert generate(c, rows=20, seed=7) != generate(c, rows=20, seed=8)


def test_demo_loads_every_source_and_a_rerun_changes_nothing(workspace: Workspace) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["demo"])
    assert first.exit_code == 0, first.output
    with Warehouse(workspace.warehouse) as wh:
        lineage = wh.lineage()
    assert {r["source"] for r in lineage} == set(contract_names())
    assert all(r["rows_quarantined"] == 0 and r["rows_loaded"] > 0 for r in lineage)
    assert (workspace.home / "out" / "jaarcijfers-2024-nl.html").stat().st_size > 0
    with Warehouse(workspace.warehouse) as wh:
        built = dict(
            wh.con.execute(
                "SELECT jaar, count(DISTINCT table_id) FROM publicatie_cellen GROUP BY jaar"
            ).fetchall()
        )
        chain = dict(
            wh.con.execute(
                "SELECT row_label, text FROM publicatie_cellen WHERE table_id = "
                "'dadermonitor.figuur_1' AND jaar = 2019 AND column_index = 0"
            ).fetchall()
        )
    # both publications: the Jaarcijfers of 2024 and the Dadermonitor of 2015-2019, whose chain
    # figure has the report's numbers (Figuur 1 and appendix B1.8)
    assert set(built) == {2019, 2024}
    assert [chain[p] for p in ("Signalering", "Opsporing", "Dagvaarding", "Veroordeling")] == [
        ">200",
        "≥180",
        "145",
        "≈95-105",
    ]
    assert (chain["Onvoorwaardelijke vrijheidsstraf"], chain["Resocialisatie"]) == (">85", "25")
    second = runner.invoke(app, ["demo", "--no-report"])
    assert second.exit_code == 0, second.output
    assert second.output.count("UNCHANGED") == len(contract_names()) + len(EARLIER_DELIVERIES)
    with Warehouse(workspace.warehouse) as wh:
        assert len(wh.lineage()) == len(lineage)
