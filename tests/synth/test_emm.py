"""The synthetic EMM delivery, ingested for real, reproduces Figuur 13 and 14 of the Jaarcijfers
Mensenhandel 2024 and the numbers the text beside them states.

Cells are computed here with plain SQL over the views of
``ketenmonitor.domain.investigations`` (not with the table engine) and compared with
tests/fixtures/published/jaarcijfers_2024/figuur_13.csv, figuur_14.csv and
text_claims_opsporing.toml.
"""

from __future__ import annotations

import csv
import datetime as dt
import tomllib
from pathlib import Path

import duckdb
import pytest

from ketenmonitor.config import Workspace
from ketenmonitor.domain.investigations import create_investigation_views
from ketenmonitor.sources.ingest import ingest
from ketenmonitor.synth import SYNTH_PEILDATUM
from ketenmonitor.synth.emm import write_emm

PUBLISHED = Path(__file__).parents[1] / "fixtures" / "published" / "jaarcijfers_2024"
CLAIMS = {
    c["id"]: c
    for c in tomllib.loads((PUBLISHED / "text_claims_opsporing.toml").read_text("utf-8"))["claim"]
}
FORM = {
    "Seksuele uitbuiting": "list_has_any(vormen, ['binnenlandse_seksuele_uitbuiting', "
    "'internationale_seksuele_uitbuiting', 'seksuele_uitbuiting_onbekend'])",
    "Arbeidsuitbuiting": "list_contains(vormen, 'arbeidsuitbuiting')",
    "Criminele uitbuiting": "list_contains(vormen, 'criminele_uitbuiting')",
    "Overig/onbekend": "list_has_any(vormen, ['gedwongen_orgaanverwijdering', 'onbekend'])",
}
SEX = {"Mannen": "geslacht = 'man'", "Vrouwen": "geslacht = 'vrouw'",
       "Onbekend": "geslacht = 'onbekend'", "Totaal": "true"}  # fmt: skip


def _published(name: str) -> list[dict[str, str]]:
    with (PUBLISHED / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


def _load(ws: Workspace, out: Path, scale: int = 1) -> duckdb.DuckDBPyConnection:
    path = write_emm(out, scale=scale)
    report = ingest(ws, "emm", path, SYNTH_PEILDATUM)
    assert report.status == "clean", (report.message, report.tables)
    con = duckdb.connect(str(ws.warehouse))
    create_investigation_views(con)
    return con


def _count(con: duckdb.DuckDBPyConnection, view: str, where: str) -> int:
    return int(con.execute(f"SELECT count(*) FROM {view} WHERE {where}").fetchall()[0][0])


@pytest.fixture
def con(workspace: Workspace, tmp_path: Path) -> duckdb.DuckDBPyConnection:
    return _load(workspace, tmp_path / "out")


def test_figuur_13(con: duckdb.DuckDBPyConnection) -> None:
    bad = []
    for row in _published("figuur_13"):
        for year in ("2020", "2021", "2022", "2023", "2024"):
            got = _count(con, "opsporingsonderzoeken", f"jaar = {year} AND {FORM[row['label']]}")
            if str(got) != row[year]:
                bad.append((row["label"], year, row[year], got))
    assert not bad, bad


def test_figuur_14(con: duckdb.DuckDBPyConnection) -> None:
    rows = _published("figuur_14")
    assert list(rows[0])[1:] == ["2021", "2022", "2023", "2024"]
    bad = []
    for row in rows:
        for year in ("2021", "2022", "2023", "2024"):
            got = _count(con, "verdachten_opsporing", f"jaar = {year} AND {SEX[row['label']]}")
            if str(got) != row[year]:
                bad.append((row["label"], year, row[year], got))
    assert not bad, bad
    # no suspect figures for 2020 (Jaarcijfers 2024, line 740)
    assert _count(con, "verdachten_opsporing", "jaar < 2021") == 0


def test_text_numbers(con: duckdb.DuckDBPyConnection) -> None:
    totals = dict(
        con.execute("SELECT jaar, count(*) FROM opsporingsonderzoeken GROUP BY jaar").fetchall()
    )
    assert totals[2024] == CLAIMS["opsporingsonderzoeken_2024"]["value"]
    mean = sum(totals[y] for y in range(2020, 2025)) / 5
    assert round(mean) == CLAIMS["opsporingsonderzoeken_gemiddelde"]["value"]
    # labour only because the NLA ran it, from the delivered rows (line 738)
    nla = con.execute(
        "SELECT count(*) FROM current.emm__onderzoeken WHERE instantie = 'NLA' "
        "AND NOT list_contains(coalesce(ca_codes, []), 'U02') AND year(startdatum) <= 2024"
    ).fetchall()[0][0]
    assert nla == CLAIMS["nla_zonder_u02"]["value"]
    known = _count(con, "verdachten_opsporing", "jaar = 2024 AND leeftijd IS NOT NULL")
    adult = _count(con, "verdachten_opsporing", "jaar = 2024 AND leeftijd >= 18")
    strictly_older = _count(con, "verdachten_opsporing", "jaar = 2024 AND leeftijd > 18")
    value = CLAIMS["verdachten_meerderjarig_2024"]["value"]
    assert round(100 * adult / known) == value == round(100 * strictly_older / known)
    nat = dict(
        con.execute(
            "SELECT coalesce(nationaliteit, 'onbekend'), count(*) FROM verdachten_opsporing "
            "WHERE jaar = 2024 GROUP BY ALL"
        ).fetchall()
    )
    want = CLAIMS["verdachten_nationaliteit_2024"]["value"]
    assert (nat["NL"], nat["RO"], nat["BG"], nat["onbekend"]) == (
        want["Nederlandse"],
        want["Roemeense"],
        want["Bulgaarse"],
        want["Onbekend"],
    )
    others = {k: v for k, v in nat.items() if k not in ("NL", "RO", "BG", "onbekend")}
    assert sum(others.values()) == 36 and max(others.values()) < 5  # 'grote diversiteit'


def test_domestic_falls_most(con: duckdb.DuckDBPyConnection) -> None:
    """Text line 401/704: the fall in sexual exploitation is mostly domestic."""

    def n(form: str, year: int) -> int:
        return _count(
            con, "opsporingsonderzoeken", f"jaar = {year} AND list_contains(vormen, '{form}')"
        )

    dom = n("binnenlandse_seksuele_uitbuiting", 2023) - n("binnenlandse_seksuele_uitbuiting", 2024)
    intl = n("internationale_seksuele_uitbuiting", 2023) - n(
        "internationale_seksuele_uitbuiting", 2024
    )
    assert dom > intl > 0


def test_scale_multiplies_every_count(workspace: Workspace, tmp_path: Path) -> None:
    con = _load(workspace, tmp_path / "out", scale=3)
    assert _count(con, "opsporingsonderzoeken", "jaar = 2024") == 3 * 142
    assert _count(con, "verdachten_opsporing", "jaar = 2023") == 3 * 347


def test_dates_before_peildatum_and_deterministic(tmp_path: Path) -> None:
    from ketenmonitor.synth.emm import delivery

    onderzoeken, personen = delivery()
    assert delivery() == (onderzoeken, personen)
    dates = [r[k] for r in onderzoeken for k in ("startdatum", "inzending_om") if r[k]]
    dates += [p["geboortedatum"] for p in personen if p["geboortedatum"]]
    assert max(dates) < dt.date(2025, 6, 30)


def test_empty_corrected_counts_change_nothing(workspace: Workspace, tmp_path: Path) -> None:
    from ketenmonitor.synth.emm import write_emm_jaartellingen

    con = _load(workspace, tmp_path / "out")
    before = con.execute("SELECT jaar, vormen FROM opsporingsonderzoeken ORDER BY ALL").fetchall()
    con.close()
    path = write_emm_jaartellingen(tmp_path / "out")
    report = ingest(workspace, "emm_jaartellingen", path, SYNTH_PEILDATUM)
    assert report.status == "clean", (report.message, report.tables)
    con = duckdb.connect(str(workspace.warehouse))
    create_investigation_views(con)
    after = con.execute("SELECT jaar, vormen FROM opsporingsonderzoeken ORDER BY ALL").fetchall()
    assert after == before
