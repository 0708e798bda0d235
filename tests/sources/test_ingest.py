"""Ingestion as a data officer meets it: refusals with one clear message and nothing written,
quarantine with file, row, column, value, rule and message, exit codes, the load report."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from ketenmonitor.cli import app
from ketenmonitor.config import Workspace
from ketenmonitor.sources.ingest import EXIT_CLEAN, EXIT_QUARANTINE, EXIT_REFUSED, ingest
from ketenmonitor.sources.pseudonym import KEY_ENV, Pseudonymiser, load_key
from tests.conftest import FIXTURES, PEILDATUM

COMENSHA = FIXTURES / "comensha" / "registraties.csv"
HEADER = COMENSHA.read_text(encoding="utf-8").splitlines()[0]


def _write(tmp: Path, *rows: str, header: str = HEADER, name: str = "d.csv") -> Path:
    p = tmp / name
    p.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return p


def _quarantine(ws: Workspace) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(ws.warehouse), read_only=True)
    rows = con.execute(
        "SELECT file_name, row_number, column_name, value, rule, message FROM quarantine "
        "ORDER BY row_number, column_name"
    ).fetchall()
    con.close()
    return rows


def _nothing_written(ws: Workspace) -> bool:
    if not ws.warehouse.exists():
        return True
    con = duckdb.connect(str(ws.warehouse), read_only=True)
    n = con.execute("SELECT (SELECT count(*) FROM lineage) + (SELECT count(*) FROM quarantine)")
    empty = n.fetchall()[0][0] == 0
    con.close()
    return empty and not (ws.archive.exists() and any(ws.archive.iterdir()))


GOOD = "CM-1;P-1;2024-02-03;nee;V;;30;NL;seksueel;thuis;;;politie;;"


def test_bad_rows_go_to_quarantine_with_their_reason(workspace: Workspace, tmp_path: Path) -> None:
    delivery = _write(
        tmp_path,
        GOOD,
        "CM-2;P-2;2024-02-30;nee;V;;30;NL;seksueel;;;;politie;;",  # no 30 February
        "CM-3;P-3;2024-02-03;nee;V;;130;NL;seksueel;;;;politie;;",  # age out of range
        "CM-4;P-4;2024-02-03;nee;V;;30;Atlantis;seksueel;;;;politie;;",  # no such country
        "CM-5;P-5;2024-02-03;nee;V;;30;NL;seksueel|toerisme;;;;politie;;",  # unknown form
        "CM-6;P-6;2024-02-03;misschien;V;;30;NL;seksueel;;;;politie;;",  # not yes/no
        "CM-7;;2024-02-03;nee;V;;30;NL;seksueel;;;;politie;;",  # not anonymous, no person
        "CM-8;P-8;2026-01-01;nee;V;;30;NL;seksueel;;;;politie;;",  # after the peildatum
        "CM-9;P-9;2024-02-03;nee;V;;30;NL;;;;;politie;;",  # no form: required
    )
    report = ingest(workspace, "comensha", delivery, PEILDATUM)
    assert report.status == "quarantine" and report.exit_code == EXIT_QUARANTINE
    [t] = report.tables
    assert (t.rows_read, t.rows_loaded, t.rows_quarantined) == (9, 1, 8)
    assert t.rules == {
        "date": 1,
        "range": 2,
        "code": 2,
        "boolean": 1,
        "check:persoon_bij_niet_anoniem": 1,
        "required": 1,
    }
    q = {(r[1], r[2], r[4]): r for r in _quarantine(workspace)}
    assert set(q) == {
        (2, "registratiedatum", "date"),
        (3, "leeftijd", "range"),
        (4, "nationaliteit", "code"),
        (5, "uitbuitingsvormen", "code"),
        (6, "anoniem", "boolean"),
        (7, None, "check:persoon_bij_niet_anoniem"),
        (8, "registratiedatum", "range"),
        (9, "uitbuitingsvormen", "required"),
    }
    assert q[(2, "registratiedatum", "date")][0] == "d.csv"
    assert q[(2, "registratiedatum", "date")][3] == "2024-02-30"
    assert q[(4, "nationaliteit", "code")][3] == "Atlantis"
    assert "land" in str(q[(4, "nationaliteit", "code")][5])
    assert "2025-06-30" in str(q[(8, "registratiedatum", "range")][5])


def test_quarantined_row_is_kept_whole_with_identifiers_pseudonymised(
    workspace: Workspace, tmp_path: Path
) -> None:
    ingest(
        workspace,
        "comensha",
        _write(tmp_path, "CM-2;P-2;2024-02-30;nee;V;;30;NL;arbeid;;;;politie;;"),
        PEILDATUM,
    )
    con = duckdb.connect(str(workspace.warehouse), read_only=True)
    [(record,)] = con.execute("SELECT record FROM quarantine").fetchall()
    con.close()
    rec = json.loads(record)
    pseudo = Pseudonymiser(load_key(workspace.home))
    assert rec["registratiedatum"] == "2024-02-30"
    assert rec["uitbuitingsvormen"] == "arbeid"
    assert rec["persoon_id"] == pseudo("P-2") and rec["registratie_id"] == pseudo("CM-2")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (HEADER.replace(";melders", "") + "\n", "required column(s) melders are missing"),
        (HEADER + ";naam\n", "column(s) naam are not in contract comensha"),
        ("", "empty"),
        ("\x00\x01\x02PK garbage" * 10, "unreadable file"),
    ],
)
def test_wrong_structure_is_refused_whole(
    content: str, expected: str, workspace: Workspace, tmp_path: Path
) -> None:
    p = tmp_path / "delivery.csv"
    p.write_text(content, encoding="utf-8")
    report = ingest(workspace, "comensha", p, PEILDATUM)
    assert report.status == "refused" and report.exit_code == EXIT_REFUSED
    assert expected in report.message and "delivery.csv" in report.message
    assert _nothing_written(workspace)


def test_unknown_delivery_type_is_refused(workspace: Workspace) -> None:
    report = ingest(workspace, "comenza", COMENSHA, PEILDATUM)
    assert report.status == "refused" and "unknown delivery type 'comenza'" in report.message


def test_no_key_no_ingest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    ws = Workspace(tmp_path)
    report = ingest(ws, "comensha", COMENSHA, PEILDATUM)
    assert report.status == "refused" and "keygen" in report.message
    assert not ws.warehouse.exists()


def test_key_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_ENV, "ab" * 32)
    report = ingest(Workspace(tmp_path), "comensha", COMENSHA, PEILDATUM)
    assert report.status == "clean"
    assert Pseudonymiser(bytes.fromhex("ab" * 32))("P0000101") in str(
        duckdb.connect(str(tmp_path / "warehouse.duckdb"))
        .execute("SELECT list(persoon_id) FROM comensha__registraties")
        .fetchall()
    )


def test_cli_exit_codes_and_report(workspace: Workspace, tmp_path: Path) -> None:
    runner = CliRunner()
    clean = runner.invoke(app, ["ingest", "comensha", str(COMENSHA), "--peildatum", "2025-06-30"])
    assert clean.exit_code == EXIT_CLEAN, clean.output
    assert "CLEAN" in clean.output and "7" in clean.output
    bad = _write(
        tmp_path, GOOD.replace("CM-1", "CM-X"), "CM-2;P-2;2024-02-30;nee;V;;;NL;arbeid;;;;politie;;"
    )
    quarantined = runner.invoke(app, ["ingest", "comensha", str(bad), "--peildatum", "2025-07-31"])
    assert quarantined.exit_code == EXIT_QUARANTINE, quarantined.output
    assert "date: 1" in quarantined.output
    refused = runner.invoke(
        app, ["ingest", "comensha", str(tmp_path / "missing.csv"), "--peildatum", "2025-07-31"]
    )
    assert refused.exit_code == EXIT_REFUSED and "does not exist" in refused.output
    usage = runner.invoke(app, ["ingest", "comensha", str(COMENSHA), "--peildatum", "31-7-2025"])
    assert usage.exit_code == 2
    shown = runner.invoke(app, ["quarantine", "--rule", "date"])
    assert "2024-02-30" in shown.output and "registratiedatum" in shown.output
    status = runner.invoke(app, ["status"])
    assert "comensha" in status.output and "date" in status.output


def test_keygen_refuses_to_overwrite(workspace: Workspace) -> None:
    runner = CliRunner()
    before = workspace.key_file.read_text()
    again = runner.invoke(app, ["keygen"])
    assert again.exit_code == 1 and "unlinkable" in again.output
    assert workspace.key_file.read_text() == before
    assert runner.invoke(app, ["keygen", "--force"]).exit_code == 0
    assert workspace.key_file.read_text() != before
    assert workspace.key_file.stat().st_mode & 0o077 == 0


def test_load_report_is_stored_in_lineage(workspace: Workspace) -> None:
    ingest(workspace, "comensha", COMENSHA, dt.date(2025, 6, 30))
    con = duckdb.connect(str(workspace.warehouse), read_only=True)
    [(file, version, read, loaded, quarantined, details)] = con.execute(
        "SELECT file_name, contract_version, rows_read, rows_loaded, rows_quarantined, details "
        "FROM lineage"
    ).fetchall()
    con.close()
    assert (file, version, read, loaded, quarantined) == ("registraties.csv", "1.0", 7, 7, 0)
    assert json.loads(details)["tables"]["registraties"]["delimiter"] == ";"
