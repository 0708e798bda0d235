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


def test_corrected_counts_change_nothing_in_2020_2024(workspace: Workspace, tmp_path: Path) -> None:
    """The corrected counts are the ISZW-DO's of 2015-2019 (Dadermonitor B1.4.3); the
    Jaarcijfers years keep their EMM records (section 4 line 734). Was
    test_empty_corrected_counts_change_nothing while the delivery was empty."""
    from ketenmonitor.synth.emm import DM_ISZW, write_emm_jaartellingen

    con = _load(workspace, tmp_path / "out")
    query = "SELECT jaar, vormen FROM opsporingsonderzoeken WHERE jaar >= 2020 ORDER BY ALL"
    before = con.execute(query).fetchall()
    con.close()
    path = write_emm_jaartellingen(tmp_path / "out")
    report = ingest(workspace, "emm_jaartellingen", path, SYNTH_PEILDATUM)
    assert report.status == "clean", (report.message, report.tables)
    con = duckdb.connect(str(workspace.warehouse))
    create_investigation_views(con)
    assert con.execute(query).fetchall() == before
    nla = con.execute(
        "SELECT jaar, bron, count(*) FROM opsporingsonderzoeken WHERE instantie = 'NLA' "
        "AND jaar < 2020 GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    assert nla == [(2015 + k, "jaartelling", n) for k, n in enumerate(DM_ISZW)]


def _dm_published(name: str) -> list[dict[str, str]]:
    path = PUBLISHED.parent / "dadermonitor_2015_2019" / f"{name}.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


@pytest.fixture
def dm_con(workspace: Workspace, tmp_path: Path) -> duckdb.DuckDBPyConnection:
    from ketenmonitor.synth.emm import write_emm_jaartellingen

    con = _load(workspace, tmp_path / "out")
    con.close()
    report = ingest(
        workspace, "emm_jaartellingen", write_emm_jaartellingen(tmp_path / "out"), SYNTH_PEILDATUM
    )
    assert report.status == "clean", (report.message, report.tables)
    con = duckdb.connect(str(workspace.warehouse))
    create_investigation_views(con)
    return con


DM_YEARS = ("2015", "2016", "2017", "2018", "2019")
DM_FORM = {"BL-SU": "bl_su", "GO-SU": "go_su", "AU": "au", "CU": "cu", "Onbekend": "onbekend"}


def test_dadermonitor_figuur_4_1(dm_con: duckdb.DuckDBPyConnection) -> None:
    soort = {
        "Aantal opsporingsonderzoeken": "soort = 'onderzoek'",
        "Totaal aantal betrokken personen": "soort <> 'onderzoek'",
        "Aantal verdachten": "soort = 'verdachte'",
        "Aantal slachtoffers": "soort = 'slachtoffer'",
        "Aantal overige personen": "soort = 'overig'",
    }
    bad = []
    for row in _dm_published("figuur_4_1"):
        for y in DM_YEARS:
            got = _count(
                dm_con,
                "opsporing_onderzoeken_en_betrokkenen",
                f"jaar = {y} AND {soort[row['label']]}",
            )
            if str(got) != row[y]:
                bad.append((row["label"], y, row[y], got))
    assert not bad, bad


def test_dadermonitor_figuur_4_3_and_4_4(dm_con: duckdb.DuckDBPyConnection) -> None:
    from ketenmonitor.synth.emm import DM_POLITIE

    body = {"ISZW-DO": "instantie = 'NLA'", "KMar": "instantie = 'KMAR'",
            "Politie": "instantie LIKE 'POL%'", "Totaal": "true"}  # fmt: skip
    unit = dict(zip(
        ("Landelijk", "Limburg", "Midden-Nederland", "Zeeland-West-Brabant", "Oost-Brabant",
         "Rotterdam", "Den Haag", "Noord-Holland", "Amsterdam", "Noord-Nederland",
         "Oost-Nederland"),
        ("POL-LE", "POL-LB", "POL-MN", "POL-ZWB", "POL-OB", "POL-RT", "POL-DH", "POL-NH",
         "POL-AM", "POL-NN", "POL-ON"),
        strict=True,
    ))  # fmt: skip
    assert set(unit.values()) == set(DM_POLITIE)
    where = {**body, **{k: f"instantie = '{v}'" for k, v in unit.items()}}
    where["Totaal4"] = "instantie LIKE 'POL%'"
    bad = []
    for name in ("figuur_4_3", "figuur_4_4"):
        for row in _dm_published(name):
            w = where[
                "Totaal4" if (name, row["label"]) == ("figuur_4_4", "Totaal") else row["label"]
            ]
            for col, cell in row.items():
                if col == "label":
                    continue
                cond = (
                    "jaar BETWEEN 2015 AND 2019"
                    if col == "2015-2019"
                    else f"jaar BETWEEN 2015 AND 2019 AND vorm_dm = '{DM_FORM[col]}'"
                    if col in DM_FORM
                    else f"jaar = {col}"
                )
                got = _count(dm_con, "opsporingsonderzoeken", f"{cond} AND {w}")
                if str(got) != cell:
                    bad.append((name, row["label"], col, cell, got))
    assert not bad, bad


def test_dadermonitor_split_and_persons(dm_con: duckdb.DuckDBPyConnection) -> None:
    """Footnote 5 of B1.4.2 (66 splits from the victims' nationality), the 784 sexual
    investigations (line 4869), the 784 suspects (line 9941) and the 82 women among them
    (line 8103); the ISZW-DO's EMM records and their (absent) persons are replaced."""
    via_victims = dm_con.execute(
        "SELECT count(*) FROM current.emm__onderzoeken o WHERE year(startdatum) < 2020 "
        "AND instantie <> 'NLA' AND seksueel = 'seksueel' "
        "AND len(list_filter(coalesce(bronlanden, []), lambda c: c NOT IN ('XXX', 'XXA'))) = 0 "
        "AND EXISTS (SELECT 1 FROM current.emm__personen p WHERE p.onderzoek_naam = "
        "o.onderzoek_naam AND p.rol = 'slachtoffer' AND p.nationaliteit IS NOT NULL "
        "AND p.nationaliteit NOT IN ('XXX', 'XXA'))"
    ).fetchall()[0][0]
    assert via_victims == 66
    sexual = _count(
        dm_con,
        "opsporingsonderzoeken",
        "jaar < 2020 AND list_has_any(vormen, ['binnenlandse_seksuele_uitbuiting', "
        "'internationale_seksuele_uitbuiting', 'seksuele_uitbuiting_onbekend'])",
    )
    assert sexual == 784
    assert _count(dm_con, "betrokkenen_opsporing", "jaar < 2020 AND rol = 'verdachte'") == 784
    women = dm_con.execute(
        "SELECT count(*) FROM current.emm__personen WHERE rol = 'verdachte' AND geslacht = 'V' "
        "AND year(startdatum_onderzoek) < 2020"
    ).fetchall()[0][0]
    assert women == 82
    assert _count(dm_con, "betrokkenen_opsporing", "jaar < 2020 AND instantie = 'NLA'") == 0
    # the Jaarcijfers' suspects stay those from 2021 (PERSONEN_SINDS)
    assert _count(dm_con, "verdachten_opsporing", "jaar < 2021") == 0


def test_corrected_counts_scale(tmp_path: Path) -> None:
    from ketenmonitor.synth.emm import DM_ISZW, jaartellingen

    assert [r["aantal_onderzoeken"] for r in jaartellingen(3)] == [3 * n for n in DM_ISZW]
