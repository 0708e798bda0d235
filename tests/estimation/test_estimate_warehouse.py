"""`ketenmonitor estimate --from-warehouse` on a real warehouse: the lists are the melders of
the CoMensha victims of a year, and the observed number is the number of registered victims."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from ketenmonitor.cli import app
from ketenmonitor.config import HOME_ENV, Workspace


def test_estimate_from_the_warehouse(
    victim_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(HOME_ENV, str(victim_workspace.home))
    result = CliRunner().invoke(app, ["estimate", "--from-warehouse", "--year", "2024", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["observed"] == 944  # registered victims in 2024, Jaarcijfers 2024 Figuur 1
    assert out["estimate"] > out["observed"]
    assert out["lists"] == ["politie", "kmar", "nla", "zorgcoordinator", "fairwork", "overig"]


def test_estimate_help_has_an_example() -> None:
    result = CliRunner().invoke(app, ["estimate", "--help"], terminal_width=120)
    assert result.exit_code == 0 and "Example: ketenmonitor estimate" in result.output
