"""One workspace with every source the catalogue reads, built for 2024 once per session, and
the publication written from it once per language (the tests only read the files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketenmonitor.config import Workspace
from ketenmonitor.disclosure import ProtectedTable
from ketenmonitor.indicators.build import build, stored_table
from ketenmonitor.indicators.catalogue import catalogue
from ketenmonitor.publish.report import publish
from ketenmonitor.publish.tables import Figure, load_figures

SOURCES = ("comensha", "ind", "emm", "om", "om_dossierstudie", "rechtspraak", "politie")
YEAR = 2024
REFLECTION = "Eerste alinea van de <reflectie> & meer.\n\nTweede alinea."


@pytest.fixture(scope="session")
def pub_ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    from tests.conftest import synthetic_workspace

    ws = synthetic_workspace(tmp_path_factory.mktemp("publish"), *SOURCES)
    build(ws, YEAR)
    return ws


@pytest.fixture(scope="session")
def stored(pub_ws: Workspace) -> dict[str, ProtectedTable]:
    """Every table as ``build`` stored it, read back independently of the publication."""
    out = {}
    for spec in catalogue(YEAR):
        table = stored_table(pub_ws, spec, YEAR)
        if table is not None:
            out[spec.id] = table
    return out


@pytest.fixture(scope="session")
def figures(pub_ws: Workspace) -> list[Figure]:
    return load_figures(pub_ws, YEAR)


@pytest.fixture(scope="session")
def out_nl(pub_ws: Workspace, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Dutch publication in html, xlsx and csv (with a reflection text)."""
    return publish(
        pub_ws,
        YEAR,
        tmp_path_factory.mktemp("out_nl"),
        "nl",
        ["html", "xlsx", "csv"],
        reflection=REFLECTION,
    )


@pytest.fixture(scope="session")
def pdf_nl(pub_ws: Workspace, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Dutch PDF."""
    return publish(pub_ws, YEAR, tmp_path_factory.mktemp("pdf_nl"), "nl", ["pdf"])["pdf"]


@pytest.fixture(scope="session")
def out_en(pub_ws: Workspace, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The English publication without the PDF (that one is in the slow suite)."""
    return publish(pub_ws, YEAR, tmp_path_factory.mktemp("out_en"), "en", ["html", "xlsx", "csv"])
