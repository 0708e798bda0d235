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


# The estimated number of victims (publish/estimate.py), recomputed without the publication code:
# the capture histories straight from the victims view, the estimation library on them with the
# report's documented defaults, and the documented rounding written out again.
REPORT_NBOOT = 1000  # docs/publishing.md: `report --nboot`, default 1000
REPORT_SEED = 2024  # docs/publishing.md: `report --seed`, default 2024
MELDER_LISTS = ("politie", "kmar", "nla", "zorgcoordinator", "fairwork", "overig")
"""The lists in the order docs/methodology/estimation.md gives them; IND, COA and other melders
are the list ``overig``."""


def round_half_up(x: float, unit: int) -> int:
    from decimal import ROUND_HALF_UP, Decimal

    return int((Decimal(repr(x)) / unit).quantize(Decimal(1), ROUND_HALF_UP)) * unit


def published_unit(estimate: float, lower: float | None, upper: float | None) -> int:
    """docs/publishing.md: the width of the 95% interval to two significant digits (without an
    interval the estimate to two significant digits), at least 10."""
    span = upper - lower if lower is not None and upper is not None else estimate
    digits = len(str(int(span)))  # span >= 1 here: 10 ** (digits - 1) <= span
    return max(10, 10 ** (digits - 2))


def independent_estimate(ws: Workspace, year: int, nboot: int, seed: int) -> dict[str, object]:
    """Observed, estimate and interval as the report should show them (rounded)."""
    import duckdb

    from ketenmonitor.domain.victims import create_victim_views
    from ketenmonitor.estimation.bootstrap import bootstrap_full
    from ketenmonitor.estimation.capture import CaptureHistory
    from ketenmonitor.estimation.selection import select

    con = duckdb.connect(str(ws.warehouse), read_only=True)
    try:
        create_victim_views(con)
        melders = [
            r[0]
            for r in con.execute(
                "SELECT melders FROM slachtoffers WHERE jaar = ?", [year]
            ).fetchall()
        ]
    finally:
        con.close()
    group = {"ind": "overig", "coa": "overig"}
    patterns: dict[tuple[int, ...], int] = {}
    for ms in melders:
        on = {group.get(m, m) for m in ms or []}
        p = tuple(int(x in on) for x in MELDER_LISTS)
        if any(p):
            patterns[p] = patterns.get(p, 0) + 1
    used = [j for j in range(len(MELDER_LISTS)) if any(p[j] for p in patterns)]
    ch = CaptureHistory.from_rows(
        tuple(MELDER_LISTS[j] for j in used),
        [(tuple(p[j] for j in used), float(n)) for p, n in patterns.items()],
    )
    est = select(ch, "stepwise")
    q: dict[str, float] = {}
    edge: list[str] = []
    if nboot:
        boot = bootstrap_full(ch, "stepwise", est.estimate, nboot=nboot, seed=seed)
        q = boot.quantiles
        # an endpoint whose BCa level lies outside [1/B, 1 - 1/B] rests on a few replicates
        lo, hi = 1 / boot.bca.B, 1 - 1 / boot.bca.B
        edge = [k for k in ("0.025", "0.975") if not lo <= boot.bca.levels[k] <= hi]
    unit = published_unit(est.estimate, q.get("0.025"), q.get("0.975"))
    return {
        "observed": len([m for m in melders if m]),
        "model": est.model,
        "unit": unit,
        "estimate": round_half_up(est.estimate, unit),
        "quantiles": {k: round_half_up(v, unit) for k, v in q.items()},
        "raw_estimate": est.estimate,
        "raw_quantiles": q,
        "edge": edge,
    }


@pytest.fixture(scope="session")
def expected_estimate(pub_ws: Workspace) -> dict[str, object]:
    return independent_estimate(pub_ws, YEAR, REPORT_NBOOT, REPORT_SEED)
