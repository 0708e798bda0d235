"""Shared fixtures: a fresh workspace with a key, and paths to the hand-made deliveries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ketenmonitor.config import HOME_ENV, Workspace
from ketenmonitor.sources.pseudonym import KEY_ENV, generate_key

FIXTURES = Path(__file__).parent / "fixtures"
PEILDATUM = dt.date(2025, 6, 30)
"""Peildatum the hand-made fixtures are valid for (all their dates lie before it)."""


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """An empty workspace with a fresh key, also set as KETENMONITOR_HOME for the CLI."""
    home = tmp_path / "ws"
    home.mkdir()
    monkeypatch.setenv(HOME_ENV, str(home))
    monkeypatch.delenv(KEY_ENV, raising=False)
    ws = Workspace(home)
    generate_key(ws.key_file)
    return ws


def fixture_delivery(contract: str) -> Path:
    """The hand-made valid delivery of a contract: its one file, or its folder of tables."""
    folder = FIXTURES / contract
    files = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    return files[0] if len(files) == 1 else folder


@pytest.fixture(scope="session")
def victim_workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """A workspace with the calibrated synthetic CoMensha and IND deliveries ingested through
    the real ingestion (made once per test session: the calibration takes some seconds)."""
    from ketenmonitor.sources.ingest import ingest
    from ketenmonitor.synth import SYNTH_PEILDATUM
    from ketenmonitor.synth.comensha import write_comensha
    from ketenmonitor.synth.ind import write_ind

    home = tmp_path_factory.mktemp("victims")
    ws = Workspace(home)
    generate_key(ws.key_file)
    out = home / "synth"
    for source, path in (("comensha", write_comensha(out)), ("ind", write_ind(out))):
        report = ingest(ws, source, path, SYNTH_PEILDATUM)
        assert report.status == "clean", report
    return ws
