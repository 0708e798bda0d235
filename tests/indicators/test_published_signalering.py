"""The catalogue's chapter 3 tables, computed by the engine from the synthetic police delivery,
match the Dadermonitor 2015-2019 fixtures once rounded as CBS does (the ``cbs`` disclosure rule
is being written elsewhere: the expected protected cells are built here from the fixture)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from ketenmonitor.config import Workspace
from ketenmonitor.indicators import compute
from ketenmonitor.indicators.dadermonitor_signalering import SIGNALERING
from ketenmonitor.sources.ingest import ingest
from ketenmonitor.synth import SYNTH_PEILDATUM
from ketenmonitor.synth import reference as ref
from ketenmonitor.synth.politie import write_politie

PUBLISHED = Path(__file__).parents[1] / "fixtures" / "published" / "dadermonitor_2015_2019"

SPECS = {s.id: s for s in SIGNALERING}


def cbs(n: int) -> str:
    """The expected ``cbs`` rule: rounded to fives, 1-4 as '<5' (Dadermonitor B1.3.3)."""
    return "<5" if 0 < n < 5 else str(5 * ((n + 2) // 5))


def published(name: str) -> list[dict[str, str]]:
    import csv

    with (PUBLISHED / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


def load_police(ws: Workspace, out: Path) -> duckdb.DuckDBPyConnection:
    from ketenmonitor.domain.police import create_police_views

    for source, writer in (
        ("ref_gemeenten", ref.write_ref_gemeenten),
        ("ref_gemeente_herindeling", ref.write_ref_gemeente_herindeling),
        ("politie", write_politie),
    ):
        assert ingest(ws, source, writer(out), SYNTH_PEILDATUM).status == "clean"
    con = duckdb.connect(str(ws.warehouse))
    create_police_views(con)
    return con


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    from ketenmonitor.sources.pseudonym import generate_key

    home = tmp_path_factory.mktemp("signalering")
    ws = Workspace(home)
    generate_key(ws.key_file)
    return load_police(ws, home / "out")


@pytest.mark.parametrize("name", ["figuur_3_2", "figuur_3_3", "figuur_3_5"])
def test_rounded_tables(con: duckdb.DuckDBPyConnection, name: str) -> None:
    table = compute(con, SPECS[f"dadermonitor.{name}"], 2019)
    cols = {c: j for j, c in enumerate(table.column_labels)}
    cols["2015-2019"] = cols["Totaal vijf jaar"]
    bad = []
    for row in published(name):
        i = table.row_labels.index(row["label"])
        for col, value in list(row.items())[1:]:
            got = cbs(table.cells[i][cols[col]].value or 0)
            if got != value:
                bad.append((row["label"], col, value, got))
    assert not bad, bad


def test_figuur_3_1_totals(con: duckdb.DuckDBPyConnection) -> None:
    t = compute(con, SPECS["dadermonitor.figuur_3_1"], 2019)
    assert [cbs(r[-1].value or 0) for r in t.cells] == ["3420", "3225", "1090"]
