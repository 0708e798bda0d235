"""The catalogue built once from the calibrated synthetic CoMensha and IND deliveries, through
the real ingestion, for the tests that compare it with the publication."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketenmonitor.config import Workspace
from ketenmonitor.disclosure import ProtectedTable
from ketenmonitor.indicators.build import build
from ketenmonitor.sources.ingest import ingest
from ketenmonitor.synth import SYNTH_PEILDATUM


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ProtectedTable]:
    from ketenmonitor.sources.pseudonym import generate_key
    from ketenmonitor.synth.comensha import write_comensha
    from ketenmonitor.synth.ind import write_ind

    home = tmp_path_factory.mktemp("ws")
    ws = Workspace(home)
    generate_key(ws.key_file)
    out = home / "synth"
    for source, path in (("comensha", write_comensha(out)), ("ind", write_ind(out))):
        report = ingest(ws, source, Path(path), SYNTH_PEILDATUM)
        assert report.status == "clean", report
    return {t.id: t for t in build(ws, 2024)}
