"""The command line: every command explains itself with an example; synth and contracts work."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ketenmonitor.cli import app
from ketenmonitor.config import Workspace
from ketenmonitor.contracts import contract_names
from ketenmonitor.synth import EARLIER_DELIVERIES

COMMANDS = [
    ["keygen"],
    ["synth"],
    ["ingest"],
    ["status"],
    ["quarantine"],
    ["demo"],
    ["contracts", "list"],
    ["contracts", "docs"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_has_an_example(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"], terminal_width=120)
    assert result.exit_code == 0
    assert "Example: ketenmonitor " + command[0] in result.output


def test_synth_writes_a_delivery_per_source(workspace: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "deliveries"
    result = CliRunner().invoke(app, ["synth", "--out", str(out), "--rows", "10"])
    assert result.exit_code == 0, result.output
    written = {p.name.split(".")[0] for p in out.iterdir() if not p.name.startswith(".")}
    earlier = {f"{n}_{d.isoformat()}" for n, (d, _) in EARLIER_DELIVERIES.items()}
    assert written == set(contract_names()) | earlier  # the OM also as of April 2020
    assert (tmp_path / "ground_truth" / "personen.csv").stat().st_size > 0  # beside, not in


def test_synth_keeps_the_ground_truth_apart(tmp_path: Path) -> None:
    out = tmp_path / "deliveries"
    inside = out / "truth" / "personen.csv"
    result = CliRunner().invoke(app, ["synth", "--out", str(out), "--ground-truth", str(inside)])
    text = " ".join(result.output.replace("│", " ").split())  # Rich's panel may wrap it
    assert result.exit_code == 2 and "apart from the deliveries" in text
    assert not out.exists()  # refused before anything was written


def test_status_on_an_empty_workspace(workspace: Workspace) -> None:
    result = CliRunner().invoke(app, ["status"])
    assert result.exit_code == 0 and "no warehouse yet" in result.output


def test_contracts_docs_writes_pages(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["contracts", "docs", "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert {p.stem for p in tmp_path.glob("*.md")} == {*contract_names(), "README"}
