"""No clear identifier of any input reaches the warehouse or any output.

Every hand-made delivery is ingested, plus a CoMensha delivery whose bad rows (with their
identifiers) go to quarantine. Then the warehouse (every table, dumped as text, and the raw file)
and every output (archive, status and quarantine screens, quarantine CSV export) are scanned for
the clear values of every field the contracts mark as identifier."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from ketenmonitor.cli import app
from ketenmonitor.config import Workspace
from ketenmonitor.contracts import contract_names, load_contract
from ketenmonitor.sources.ingest import ingest
from tests.conftest import FIXTURES, PEILDATUM, fixture_delivery


def _identifier_values(name: str) -> set[str]:
    contract = load_contract(name)
    values: set[str] = set()
    for t in contract.tables:
        path = FIXTURES / name / f"{t.name}.csv"
        if not path.exists():
            continue
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh, delimiter=";"):
                for f in t.fields:
                    if f.identifier and row.get(f.name):
                        values.add(row[f.name].strip())
    return values


def _dump(warehouse: Path) -> str:
    con = duckdb.connect(str(warehouse), read_only=True)
    parts = []
    for schema, table in con.execute(
        "SELECT table_schema, table_name FROM information_schema.tables"
    ).fetchall():
        parts.append(str(con.execute(f'SELECT * FROM "{schema}"."{table}"').fetchall()))
    con.close()
    return "\n".join(parts)


def test_no_clear_identifier_in_warehouse_or_outputs(workspace: Workspace, tmp_path: Path) -> None:
    secrets: set[str] = set()
    names = sorted(p.name for p in FIXTURES.iterdir() if p.name in contract_names())
    for name in names:
        secrets |= _identifier_values(name)
        assert ingest(workspace, name, fixture_delivery(name), PEILDATUM).status == "clean"
    # a delivery with broken rows: their identifiers end up in quarantine, pseudonymised
    bad = tmp_path / "bad.csv"
    header = (FIXTURES / "comensha" / "registraties.csv").read_text("utf-8").splitlines()[0]
    bad.write_text(
        header + "\n"
        "GEHEIM-REG-1;GEHEIM-PERSOON-1;2024-13-45;nee;V;1987-06-05;;NL;seksueel;;;;politie;;\n"
        "GEHEIM-REG-2;GEHEIM-PERSOON-2;2024-01-01;nee;V;31-31-1987;;NL;seksueel;;;;politie;;\n"
        "GEHEIM-REG-3;GEHEIM-PERSOON-3;2024-01-01;nee;V\n",
        encoding="utf-8",
    )
    report = ingest(workspace, "comensha", bad, dt.date(2025, 1, 31))
    assert report.rows_quarantined == 3
    secrets |= {
        "GEHEIM-REG-1",
        "GEHEIM-PERSOON-1",
        "1987-06-05",
        "31-31-1987",
        "GEHEIM-REG-2",
        "GEHEIM-PERSOON-2",
        "GEHEIM-REG-3",
        "GEHEIM-PERSOON-3",
    }
    assert len(secrets) > 30

    runner = CliRunner()
    export = tmp_path / "quarantine.csv"
    screens = [
        runner.invoke(app, ["status"]).output,
        runner.invoke(app, ["quarantine", "--limit", "0"]).output,
        runner.invoke(app, ["quarantine", "--csv", str(export)]).output,
    ]
    outputs = {
        "warehouse tables": _dump(workspace.warehouse),
        "warehouse file": workspace.warehouse.read_bytes().decode("latin-1"),
        "screens": "\n".join(screens),
        "quarantine export": export.read_text("utf-8-sig"),
        "archive": "\n".join(p.read_bytes().decode("latin-1") for p in workspace.archive.iterdir()),
    }
    assert "GEHEIM" not in outputs["screens"]
    for where, text in outputs.items():
        found = sorted(s for s in secrets if s in text)
        assert not found, f"clear identifiers in {where}: {found[:5]}"
