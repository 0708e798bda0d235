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


def test_estimate_by_stratum_with_intervals_adds_up(
    victim_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(HOME_ENV, str(victim_workspace.home))
    args = ["estimate", "--from-warehouse", "--year", "2024", "--by", "form"]
    result = CliRunner().invoke(app, [*args, "--nboot", "40", "--seed", "1", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["observed"] == 944 and out["by"] == "form"
    assert sum(s["estimate"] for s in out["strata"].values()) == pytest.approx(out["estimate"])
    assert sum(s["observed"] for s in out["strata"].values()) == 944
    assert set(out["quantiles"]) == {"0.025", "0.1", "0.9", "0.975"}
    assert all(set(s["quantiles"]) == set(out["quantiles"]) for s in out["strata"].values())
    text = CliRunner().invoke(app, [*args, "--nboot", "40", "--seed", "1"])
    assert text.exit_code == 0 and "95% interval" in text.output


def test_estimate_figure_for_the_publication(victim_workspace: Workspace) -> None:
    from ketenmonitor.estimation.publication import estimate_figure

    fig = estimate_figure(victim_workspace, 2024, by="age", nboot=60, seed=1)
    json.dumps(fig)  # plain data for the report helper
    assert fig["observed"] == 944 and fig["year"] == 2024 and fig["by"] == "age"
    assert len(fig["strata"]) >= 2
    assert sum(s["estimate"] for s in fig["strata"].values()) == pytest.approx(fig["estimate"])
    assert sum(s["observed"] for s in fig["strata"].values()) == 944
    for s in [fig, *fig["strata"].values()]:
        iv = s["interval"]
        assert iv["level"] == 0.95 and iv["lower"] <= iv["upper"]
        assert iv["lower"] == s["quantiles"]["0.025"] and iv["upper"] == s["quantiles"]["0.975"]
    for word in ("gesloten", "samenhang", "heterogeniteit", "breed"):
        assert word in fig["note"]["nl"]
    for word in ("closed", "dependence", "heterogeneity", "wide"):
        assert word in fig["note"]["en"]
    total = estimate_figure(victim_workspace, 2024, nboot=60, seed=1)
    assert total["strata"] == {} and total["observed"] == 944
    assert total["interval"]["lower"] <= total["interval"]["upper"]
