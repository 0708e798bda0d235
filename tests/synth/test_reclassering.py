"""The synthetic IRIS delivery: valid under its contract, with the orders the rules must leave
out, deterministic, linked to the OM world on parketnummer, and ``scale`` multiplies every count
(the published numbers themselves are checked in
tests/indicators/test_dadermonitor_resocialisatie.py)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import duckdb
import pytest

from ketenmonitor.config import Workspace
from ketenmonitor.domain.probation import create_probation_views
from ketenmonitor.indicators import percent_of
from ketenmonitor.sources.ingest import ingest
from ketenmonitor.sources.pseudonym import generate_key
from ketenmonitor.synth import SYNTH_PEILDATUM
from ketenmonitor.synth.om_2015 import world
from ketenmonitor.synth.reclassering import order_rows, write_reclassering


def test_ingests_clean_and_scales(tmp_path: Path) -> None:
    counts = []
    for scale in (1, 2):
        ws = Workspace(tmp_path / f"s{scale}")
        generate_key(ws.key_file)
        path = write_reclassering(tmp_path / f"out{scale}", scale=scale)
        report = ingest(ws, "reclassering", path, SYNTH_PEILDATUM)
        assert report.status == "clean", report
        con = duckdb.connect(str(ws.warehouse))
        create_probation_views(con)
        counts.append(
            con.execute(
                "SELECT count(*), count(DISTINCT persoon_id) FROM beeindigde_toezichten "
                "WHERE jaar BETWEEN 2015 AND 2019"
            ).fetchone()
        )
        con.close()
    (n1, p1), (n2, p2) = counts
    assert n1 > 0 and (n2, p2) == (2 * n1, 2 * p1)


def test_deterministic_and_noisy() -> None:
    rows = order_rows()
    assert rows == order_rows()
    toezicht = [
        r for r in rows if r["product"] == "toezicht" and 2015 <= r["startdatum"].year <= 2019
    ]
    phases = Counter(r["fase"] for r in toezicht)
    # 65% of the supervision orders were in the enforcement phase (line 7299)
    assert percent_of(phases["executie"], sum(phases.values())) == 65
    reasons = Counter(r["reden_beeindiging"] for r in rows)
    for excluded in ("ingetrokken", "niet_verstrekt", "niet_gerealiseerd", "onjuist_ingevoerd"):
        assert reasons[excluded] > 0
    assert any(r["product"] == "advies" for r in rows)


def test_parketnummers_link_to_the_om_world() -> None:
    dossier = {r["parketnummer"]: r["vorm"] for r in world().re_delivery["dossierstudie"]}
    linked = {r["parketnummer"] for r in order_rows() if r["parketnummer"] in dossier}
    forms = Counter(dossier[p] for p in linked)
    # Figuur 7.2's known forms over 2015-2019: 79 domestic, 12 cross-border sexual, 2 labour
    assert forms == {"bl_su": 79, "go_su": 12, "au": 2}


def test_inflow_must_leave_room(monkeypatch: pytest.MonkeyPatch) -> None:
    """Figuur 7.1's yearly values are chosen; a choice the ended supervisions cannot meet is an
    error, not a silent miss."""
    from ketenmonitor.synth import reclassering

    monkeypatch.setattr(reclassering, "INFLOW", (3, 3, 3, 3, 3))
    with pytest.raises(ValueError, match=r"room|Figuur 7\.1"):
        reclassering.supervisions()
