"""The catalogue commands as a user runs them: build, tables, table (text and CSV)."""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from ketenmonitor.cli import app
from ketenmonitor.config import HOME_ENV, Workspace
from tests.conftest import FIXTURES


@pytest.fixture
def runner(victim_workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv(HOME_ENV, str(victim_workspace.home))
    return CliRunner()


def test_build_then_table_as_csv_equals_the_publication(runner: CliRunner) -> None:
    built = runner.invoke(app, ["build", "--year", "2024"])
    assert built.exit_code == 0, built.output
    assert "tables for 2024 stored" in built.output
    shown = runner.invoke(
        app, ["table", "jaarcijfers.figuur_2", "--year", "2024", "--format", "csv"]
    )
    assert shown.exit_code == 0, shown.output
    rows = list(csv.reader(io.StringIO(shown.output), delimiter=";"))
    published_path = FIXTURES / "published" / "jaarcijfers_2024" / "figuur_2.csv"
    with published_path.open(encoding="utf-8", newline="") as fh:
        published = list(csv.reader(fh, delimiter=";"))
    assert rows[0][0] == "Vorm van mensenhandel"  # the published row header, first column
    assert rows[1:] == published[1:]
    text = runner.invoke(app, ["table", "jaarcijfers.figuur_2", "--year", "2024"])
    assert "Figuur 2." in text.output and "Bron: CoMensha" in text.output


def test_tables_lists_the_ids(runner: CliRunner) -> None:
    result = runner.invoke(app, ["tables"], terminal_width=200)
    assert result.exit_code == 0
    assert "jaarcijfers.figuur_2" in result.output and "jaarcijfers.tabel_1" in result.output


def test_table_errors_say_what_to_do(runner: CliRunner) -> None:
    unknown = runner.invoke(app, ["table", "jaarcijfers.figuur_99"])
    assert unknown.exit_code == 1 and "ketenmonitor tables" in unknown.output
    not_built = runner.invoke(app, ["table", "jaarcijfers.figuur_2", "--year", "1999"])
    assert not_built.exit_code == 1 and "ketenmonitor build --year 1999" in not_built.output
