"""Snapshots: atomic loads (a killed load leaves nothing), idempotent re-runs, supersession by a
newer peildatum with the older snapshot queryable as of its date, pseudonym stability."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from ketenmonitor.config import Workspace
from ketenmonitor.sources.ingest import FAULT_PAUSE_ENV, ingest
from ketenmonitor.sources.pseudonym import Pseudonymiser, load_key
from ketenmonitor.warehouse import Warehouse
from tests.conftest import FIXTURES, PEILDATUM

COMENSHA = FIXTURES / "comensha" / "registraties.csv"


def _counts(ws: Workspace) -> tuple[int, int, int]:
    con = duckdb.connect(str(ws.warehouse), read_only=True)
    try:
        n = con.execute(
            "SELECT (SELECT count(*) FROM lineage), (SELECT count(*) FROM quarantine), "
            "(SELECT count(*) FROM information_schema.tables WHERE table_name = "
            "'comensha__registraties')"
        ).fetchall()[0]
        rows = 0
        if n[2]:
            rows = con.execute("SELECT count(*) FROM comensha__registraties").fetchall()[0][0]
        return int(n[0]), int(n[1]), rows
    finally:
        con.close()


def test_same_file_twice_changes_nothing(workspace: Workspace) -> None:
    first = ingest(workspace, "comensha", COMENSHA, PEILDATUM)
    assert first.status == "clean"
    before = _counts(workspace)
    archived = sorted(workspace.archive.iterdir())
    second = ingest(workspace, "comensha", COMENSHA, PEILDATUM)
    assert second.status == "unchanged"
    assert second.exit_code == 0
    assert second.snapshot_id == first.snapshot_id
    assert _counts(workspace) == before == (1, 0, 7)
    assert sorted(workspace.archive.iterdir()) == archived


def test_archive_holds_the_delivery_encrypted_under_its_hash(workspace: Workspace) -> None:
    report = ingest(workspace, "comensha", COMENSHA, PEILDATUM)
    [archived] = list(workspace.archive.iterdir())
    assert archived.name.startswith(str(report.content_hash))
    assert b"P0000101" not in archived.read_bytes()
    pseudo = Pseudonymiser(load_key(workspace.home))
    assert pseudo.decrypt_file(archived) == COMENSHA.read_bytes()


def _older_delivery(tmp: Path) -> Path:
    """The same registrations as delivered a year earlier: only the 2023 row existed."""
    lines = COMENSHA.read_text(encoding="utf-8").splitlines()
    older = tmp / "registraties_2024.csv"
    older.write_text("\n".join([lines[0], lines[-1]]) + "\n", encoding="utf-8")
    return older


def test_newer_peildatum_supersedes_and_older_stays_queryable(
    workspace: Workspace, tmp_path: Path
) -> None:
    old_date, new_date = dt.date(2024, 1, 31), PEILDATUM
    assert ingest(workspace, "comensha", _older_delivery(tmp_path), old_date).status == "clean"
    assert ingest(workspace, "comensha", COMENSHA, new_date).status == "clean"
    with Warehouse(workspace.warehouse) as wh:
        assert wh.rows("comensha", "registraties").count("*").fetchall() == [(7,)]
        assert wh.rows("comensha", "registraties", as_of=dt.date(2024, 6, 1)).count(
            "*"
        ).fetchall() == [(1,)]
        assert wh.rows("comensha", "registraties", as_of=dt.date(2023, 1, 1)).count(
            "*"
        ).fetchall() == [(0,)]
        # the same in plain SQL, as an analyst would query it
        assert wh.con.execute("SELECT count(*) FROM current.comensha__registraties").fetchall() == [
            (7,)
        ]
        assert wh.con.execute(
            "SELECT count(*) FROM comensha__registraties_as_of('2024-12-31')"
        ).fetchall() == [(1,)]
        in_force = {r["peildatum"]: r["in_force"] for r in wh.lineage()}
    assert in_force == {old_date: False, new_date: True}


def test_older_peildatum_loaded_later_does_not_supersede(
    workspace: Workspace, tmp_path: Path
) -> None:
    ingest(workspace, "comensha", COMENSHA, PEILDATUM)
    ingest(workspace, "comensha", _older_delivery(tmp_path), dt.date(2024, 1, 31))
    with Warehouse(workspace.warehouse) as wh:
        assert wh.rows("comensha", "registraties").count("*").fetchall() == [(7,)]


def test_pseudonyms_are_stable_across_deliveries_and_keys_differ(
    workspace: Workspace, tmp_path: Path
) -> None:
    ingest(workspace, "comensha", _older_delivery(tmp_path), dt.date(2024, 1, 31))
    ingest(workspace, "comensha", COMENSHA, PEILDATUM)
    con = duckdb.connect(str(workspace.warehouse), read_only=True)
    pseudonyms = con.execute(
        "SELECT persoon_id FROM comensha__registraties WHERE registratiedatum = '2023-12-28'"
    ).fetchall()
    con.close()
    assert len(pseudonyms) == 2 and pseudonyms[0] == pseudonyms[1]
    key = load_key(workspace.home)
    assert pseudonyms[0][0] == Pseudonymiser(key)("P0000107")
    # normalised before hashing: spacing and case do not change the pseudonym
    assert Pseudonymiser(key)(" p0000107 ") == pseudonyms[0][0]
    assert Pseudonymiser(os.urandom(32))("P0000107") != pseudonyms[0][0]


def test_age_replaces_date_of_birth(workspace: Workspace) -> None:
    ingest(workspace, "comensha", COMENSHA, PEILDATUM)
    con = duckdb.connect(str(workspace.warehouse), read_only=True)
    ages = dict(
        con.execute("SELECT _row, leeftijd FROM comensha__registraties ORDER BY _row").fetchall()
    )
    columns = [r[0] for r in con.execute("DESCRIBE comensha__registraties").fetchall()]
    con.close()
    assert "geboortedatum" not in columns
    # ages worked out by hand from the fixture: born 1999-05-17, registered 2024-02-03 -> 24
    assert ages == {1: 24, 2: 31, 3: None, 4: 15, 5: 34, 6: 34, 7: 17}


_LOADER = """
import datetime as dt, sys
from pathlib import Path
from ketenmonitor.config import Workspace
from ketenmonitor.sources.ingest import ingest
r = ingest(Workspace(Path(sys.argv[1])), "comensha", Path(sys.argv[2]),
           dt.date.fromisoformat(sys.argv[3]))
print("finished", r.status, flush=True)
"""


def _big_delivery(tmp: Path, copies: int) -> Path:
    lines = COMENSHA.read_text(encoding="utf-8").splitlines()
    out = tmp / "big.csv"
    with out.open("w", encoding="utf-8") as fh:
        fh.write(lines[0] + "\n")
        for i in range(copies):
            for line in lines[1:]:
                parts = line.split(";")
                parts[0] = f"{parts[0]}-{i}"
                fh.write(";".join(parts) + "\n")
    return out


def test_killed_load_leaves_the_warehouse_as_it_was(workspace: Workspace, tmp_path: Path) -> None:
    ingest(workspace, "comensha", COMENSHA, dt.date(2025, 1, 31))
    before = _counts(workspace)
    shutil.copy(workspace.warehouse, tmp_path / "before.duckdb")
    big = _big_delivery(tmp_path, 3000)
    env = {**os.environ, FAULT_PAUSE_ENV: "60"}
    proc = subprocess.Popen(
        [sys.executable, "-c", _LOADER, str(workspace.home), str(big), PEILDATUM.isoformat()],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + 120
    line = ""
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if "paused inside the load transaction" in line or not line:
            break
    assert "paused inside the load transaction" in line
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # every row of the big delivery was written inside the transaction; none may survive
    assert _counts(workspace) == before
    with Warehouse(workspace.warehouse) as wh:
        assert [r["peildatum"] for r in wh.lineage()] == [dt.date(2025, 1, 31)]
    # and the warehouse is usable: the same delivery loads fully afterwards
    report = ingest(workspace, "comensha", big, PEILDATUM)
    assert report.status == "clean" and report.rows_loaded == 21000


def test_archive_encryption_streams_in_chunks(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ketenmonitor.sources import pseudonym

    monkeypatch.setattr(pseudonym, "ARCHIVE_CHUNK", 100)  # many chunks for a small file
    ingest(workspace, "comensha", COMENSHA, PEILDATUM)
    [archived] = list(workspace.archive.iterdir())
    assert Pseudonymiser(load_key(workspace.home)).decrypt_file(archived) == COMENSHA.read_bytes()
