"""``ketenmonitor report`` end to end, and its errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ketenmonitor.cli import app
from ketenmonitor.config import HOME_ENV, Workspace
from ketenmonitor.disclosure import ProtectedTable

runner = CliRunner()


def test_report_command_writes_the_formats(
    pub_ws: Workspace, stored: dict[str, ProtectedTable], tmp_path: Path
) -> None:
    out = tmp_path / "pub"
    result = runner.invoke(
        app,
        ["report", "--year", "2024", "--lang", "en", "--format", "xlsx,csv", "--out", str(out)],
        env={HOME_ENV: str(pub_ws.home)},
    )
    assert result.exit_code == 0, result.output
    assert (out / "jaarcijfers-2024-en.xlsx").exists()
    desc = json.loads((out / "opendata-2024-en" / "datapackage.json").read_text("utf-8"))
    # every table and the estimated number of victims (test_pub_estimate)
    assert len(desc["resources"]) == len(stored) + 1
    assert not (out / "jaarcijfers-2024-en.html").exists()


def test_report_command_errors(pub_ws: Workspace, tmp_path: Path) -> None:
    env = {HOME_ENV: str(pub_ws.home)}
    bad_format = runner.invoke(app, ["report", "--format", "docx"], env=env)
    assert bad_format.exit_code == 2 and "unknown format 'docx'" in bad_format.output
    bad_lang = runner.invoke(app, ["report", "--lang", "de"], env=env)
    assert bad_lang.exit_code == 2 and "unknown language" in bad_lang.output
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = runner.invoke(
        app, ["report", "--out", str(tmp_path / "o")], env={HOME_ENV: str(empty)}
    )
    assert nothing.exit_code == 1 and "ketenmonitor build" in nothing.output
    not_built = runner.invoke(
        app,
        ["report", "--year", "1999", "--format", "csv", "--out", str(tmp_path / "o")],
        env=env,
    )
    assert not_built.exit_code == 1 and "no tables are built for 1999" in not_built.output
