"""The synthetic CoMensha delivery, ingested for real, reproduces every victim figure of the
Jaarcijfers Mensenhandel 2024 (chapter 1) and the numbers its text states.

Cells are computed here with plain SQL over the view ``slachtoffers`` (not with the table engine)
and compared with tests/fixtures/published/jaarcijfers_2024/*.csv: a number must be equal, a
"<5" must be a count from 1 to 4.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from ketenmonitor.config import Workspace
from ketenmonitor.domain.victims import create_victim_views
from ketenmonitor.sources.ingest import ingest
from ketenmonitor.sources.pseudonym import KEY_ENV, generate_key
from ketenmonitor.synth.comensha import write_comensha

PUBLISHED = Path(__file__).parents[1] / "fixtures" / "published" / "jaarcijfers_2024"
YEARS = ("2020", "2021", "2022", "2023", "2024")

FORM = {
    "Binnenlandse seksuele uitbuiting": "list_contains(vormen, 'binnenlandse_seksuele_uitbuiting')",
    "Internationale seksuele uitbuiting": (
        "list_contains(vormen, 'internationale_seksuele_uitbuiting')"
    ),
    "Arbeidsuitbuiting": "list_contains(vormen, 'arbeidsuitbuiting')",
    "Criminele uitbuiting": "list_contains(vormen, 'criminele_uitbuiting')",
    "Gedwongen orgaanverwijdering": "list_contains(vormen, 'gedwongen_orgaanverwijdering')",
    "Onbekend/nog niet gewerkt": "list_contains(vormen, 'onbekend_nog_niet_gewerkt')",
    "Overig/onbekend": "list_has_any(vormen, ['gedwongen_orgaanverwijdering', "
    "'onbekend_nog_niet_gewerkt'])",
    "Seksuele uitbuiting": "list_contains(uitbuitingsvormen, 'seksueel')",
}
UNKNOWN_ONLY = "list_has_all(['onbekend', 'nog_niet_gewerkt'], {col})"
SEX_SECTOR = {
    "Thuisprostitutie": "thuis",
    "Escortprostitutie": "escort",
    "Straatprostitutie": "straat",
    "Bordelen/clubs/privéhuizen": "bordeel",
    "Hotelprostitutie": "hotel",
    "Raamprostitutie": "raam",
    "Overige sectoren (massagesalons/internet etc.)": "overig",
    "Overige sectoren": "overig",
}
LAB_SECTOR = {
    "Vervoer en opslag": "vervoer",
    "Bouw": "bouw",
    "Horeca": "horeca",
    "Overige arbeid/dienstverlening": "overig",
    "Industrie": "industrie",
    "Landbouw/bosbouw/visserij": "landbouw",
    "Huishouden": "huishouden",
    "Groothandel/detailhandel": "handel",
}
AGE = {
    "Minderjarig": "minderjarig",
    "18-22 (adolescent)": "18-22",
    "23-29": "23-29",
    "30-39": "30-39",
    "40+": "40+",
    "Onbekend": "onbekend",
}
ORIGIN = {
    "Nederland": "nederland",
    "Europa": "europa",
    "Afrika": "afrika",
    "Azië": "azie",
    "Latijns-Amerika": "latijns_amerika",
    "Latijns-Amerika en de Caraïben": "latijns_amerika",
    "Overig": "overig",
    "Onbekend": "onbekend",
}
MELDER = {
    "Politie": "['politie']",
    "KMar": "['kmar']",
    "NLA": "['nla']",
    "Zorgcoördinatoren": "['zorgcoordinator']",
    "Fairwork": "['fairwork']",
    "Overige melders": "['overig', 'ind', 'coa']",
}
NATIONALITY = {
    "Nederland": "NL",
    "Roemenië": "RO",
    "Oeganda": "UG",
    "Colombia": "CO",
    "Nigeria": "NG",
    "Venezuela": "VE",
    "Bulgarije": "BG",
    "Hongarije": "HU",
    "Oekraïne": "UA",
    "Sierra Leone": "SL",
}


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    tmp = tmp_path_factory.mktemp("comensha")
    saved = os.environ.pop(KEY_ENV, None)
    try:
        home = tmp / "ws"
        home.mkdir()
        ws = Workspace(home)
        generate_key(ws.key_file)
        path = write_comensha(tmp / "out")
        report = ingest(ws, "comensha", path, dt.date(2025, 6, 30))
        assert report.status == "clean", (report.message, report.tables)
        c = duckdb.connect(str(ws.warehouse))
        create_victim_views(c)
        yield c
        c.close()
    finally:
        if saved is not None:
            os.environ[KEY_ENV] = saved


def published(name: str) -> list[dict[str, str]]:
    with (PUBLISHED / f"{name}.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


def count(con: duckdb.DuckDBPyConnection, where: str, year: int | str = 2024) -> int:
    sql = f"SELECT count(*) FROM slachtoffers WHERE jaar = {int(year)} AND ({where})"
    return int(con.execute(sql).fetchall()[0][0])


def matches(value: int, cell: str) -> bool:
    if cell == "<5":
        return 1 <= value <= 4
    return value == int(cell)


def check_table(
    con: duckdb.DuckDBPyConnection,
    name: str,
    row_where: dict[str, str],
    col_where: dict[str, str] | None = None,
) -> None:
    """Every cell of a published figure: year columns by jaar, other columns 2024 x col_where."""
    bad = []
    for row in published(name):
        rw = row_where[row["label"]]
        for col, cell in row.items():
            if col == "label":
                continue
            if col in YEARS:
                got = count(con, rw, col)
            else:
                assert col_where is not None and col in col_where, col
                got = count(con, f"({rw}) AND ({col_where[col]})")
            if not matches(got, cell):
                bad.append((row["label"], col, cell, got))
    assert not bad, bad


def test_figuur_1_totals(con: duckdb.DuckDBPyConnection) -> None:
    check_table(con, "figuur_1", {"Geregistreerde slachtoffers": "true"})


def test_figuur_2_forms(con: duckdb.DuckDBPyConnection) -> None:
    check_table(con, "figuur_2", FORM)


def test_figuur_3_sexual_sectors(con: duckdb.DuckDBPyConnection) -> None:
    sexual = FORM["Seksuele uitbuiting"]
    rows = {
        k: f"{sexual} AND list_contains(sectoren_seksueel, '{v}')" for k, v in SEX_SECTOR.items()
    }
    rows["Onbekend/nog niet gewerkt"] = f"{sexual} AND " + UNKNOWN_ONLY.format(
        col="sectoren_seksueel"
    )
    check_table(con, "figuur_3", rows)


def test_figuur_4_sexual_sector_by_origin(con: duckdb.DuckDBPyConnection) -> None:
    sexual = FORM["Seksuele uitbuiting"]
    rows = {
        k: f"{sexual} AND list_contains(sectoren_seksueel, '{v}')" for k, v in SEX_SECTOR.items()
    }
    rows["Nog niet gewerkt (uitsluitend)"] = (
        f"{sexual} AND sectoren_seksueel = ['nog_niet_gewerkt']"
    )
    rows["Onbekend (uitsluitend)"] = f"{sexual} AND sectoren_seksueel = ['onbekend']"
    cols = {k: f"herkomst = '{v}'" for k, v in ORIGIN.items()}
    check_table(con, "figuur_4", rows, cols)


def test_figuur_5_labour_sectors(con: duckdb.DuckDBPyConnection) -> None:
    labour = FORM["Arbeidsuitbuiting"]
    rows = {k: f"{labour} AND list_contains(sectoren_arbeid, '{v}')" for k, v in LAB_SECTOR.items()}
    rows["Uitsluitend onbekend/nog niet gewerkt"] = f"{labour} AND " + UNKNOWN_ONLY.format(
        col="sectoren_arbeid"
    )
    check_table(con, "figuur_5", rows)


def test_figuur_6_age(con: duckdb.DuckDBPyConnection) -> None:
    rows = {k: f"leeftijdscategorie = '{v}'" for k, v in AGE.items()}
    check_table(con, "figuur_6", rows, FORM)


def test_figuur_7_minors_by_form(con: duckdb.DuckDBPyConnection) -> None:
    counts = {
        r["label"]: count(con, f"leeftijdscategorie = 'minderjarig' AND {FORM[r['label']]}")
        for r in published("figuur_7")
    }
    total = sum(counts.values())  # the report's percentages are of the form counts (81)
    for r in published("figuur_7"):
        assert matches(counts[r["label"]], r["Aantal"]), r
        assert round(100 * counts[r["label"]] / total) == int(r["Percentage"]), (r, counts)


def test_figuur_8_sex(con: duckdb.DuckDBPyConnection) -> None:
    check_table(con, "figuur_8", {"Man": "geslacht = 'man'", "Vrouw": "geslacht = 'vrouw'"}, FORM)


def test_figuur_9_origin(con: duckdb.DuckDBPyConnection) -> None:
    rows = {k: f"herkomst = '{v}'" for k, v in ORIGIN.items()}
    check_table(con, "figuur_9", rows, FORM)


def test_figuur_12_melders(con: duckdb.DuckDBPyConnection) -> None:
    rows = {k: f"list_has_any(melders, {v})" for k, v in MELDER.items()}
    check_table(con, "figuur_12", rows, FORM)


def test_tabel_1_top_ten_nationalities(con: duckdb.DuckDBPyConnection) -> None:
    got = con.execute(
        "SELECT nationaliteit, count(*) AS n FROM slachtoffers WHERE jaar = 2024 "
        "AND nationaliteit IS NOT NULL GROUP BY 1 ORDER BY n DESC, nationaliteit LIMIT 11"
    ).fetchall()
    expected = [
        (NATIONALITY[r["label"]], int(r["Totaal slachtoffers"])) for r in published("tabel_1")
    ]
    assert got[:10] == expected
    assert got[10][1] < expected[-1][1]  # the 11th is below the 10th: no tie at the boundary


def _top(con: duckdb.DuckDBPyConnection, where: str, k: int) -> list[tuple[str, int]]:
    return [
        (str(a), int(b))
        for a, b in con.execute(
            "SELECT nationaliteit, count(*) AS n FROM slachtoffers WHERE jaar = 2024 "
            f"AND nationaliteit IS NOT NULL AND ({where}) GROUP BY 1 ORDER BY n DESC LIMIT {k}"
        ).fetchall()
    ]


def test_text_claims(con: duckdb.DuckDBPyConnection) -> None:
    """Numbers the text of chapter 1 states (line numbers of the seed text)."""
    anon = dict(con.execute("SELECT jaar, count(*) FROM anonieme_meldingen GROUP BY 1").fetchall())
    assert anon[2024] == 591 and anon[2023] == 605  # line 49
    s_and_c = f"{FORM['Seksuele uitbuiting']} AND {FORM['Criminele uitbuiting']}"
    assert count(con, s_and_c) == 47 and count(con, s_and_c, 2023) == 37  # line 67
    assert count(con, f"herkomst = 'nederland' AND {s_and_c}") == 18  # line 276
    assert count(con, f"herkomst = 'afrika' AND {s_and_c}") == 20
    s_and_a = f"{FORM['Seksuele uitbuiting']} AND {FORM['Arbeidsuitbuiting']}"
    assert count(con, f"herkomst = 'afrika' AND {s_and_a}") == 10  # line 276
    # minors of criminal exploitation (lines 201, 210)
    mc = f"leeftijdscategorie = 'minderjarig' AND {FORM['Criminele uitbuiting']}"
    assert count(con, mc) == 42 and count(con, mc, 2023) == 13
    assert count(con, f"{mc} AND herkomst = 'nederland'") == 34
    assert count(con, f"{mc} AND herkomst = 'europa'") == 5
    assert 1 <= count(con, f"{mc} AND herkomst IN ('afrika', 'onbekend')") <= 4
    assert count(con, f"{mc} AND geslacht = 'vrouw'") == 13
    assert count(con, f"{mc} AND geslacht = 'man'") == 29
    assert count(con, f"{mc} AND list_contains(melders, 'politie')") == 25
    assert count(con, f"{mc} AND list_contains(melders, 'zorgcoordinator')") == 16
    mb = f"leeftijdscategorie = 'minderjarig' AND {FORM['Binnenlandse seksuele uitbuiting']}"
    assert count(con, mb, 2023) == 18 and count(con, mb) == 26  # line 212
    # sex (line 236) and women in labour exploitation (line 238)
    assert count(con, "geslacht = 'vrouw'") == 556
    assert count(con, "geslacht = 'man'") == 385
    assert count(con, "geslacht = 'onbekend'") == 3
    fa = f"geslacht = 'vrouw' AND {FORM['Arbeidsuitbuiting']}"
    assert round(100 * count(con, fa) / count(con, fa, 2023)) - 100 == 54
    assert count(con, f"{fa} AND list_contains(sectoren_arbeid, 'huishouden')") == 46
    assert count(con, f"{fa} AND list_contains(sectoren_arbeid, 'overig')") == 33
    # criminal exploitation by sex and offence (line 240)
    crim = FORM["Criminele uitbuiting"]
    n = count(con, crim)
    assert round(100 * count(con, f"{crim} AND geslacht = 'man'") / n) == 57
    assert round(100 * count(con, f"{crim} AND geslacht = 'vrouw'") / n) == 43
    assert (
        round(100 * count(con, f"{crim} AND list_contains(criminele_activiteiten, 'drugs')") / n)
        == 34
    )
    assert (
        round(100 * count(con, f"{crim} AND list_contains(criminele_activiteiten, 'vermogen')") / n)
        == 20
    )
    fs = "list_has_any(criminele_activiteiten, ['fraude', 'schulden'])"
    for sex, pct in (("vrouw", 10), ("man", 3)):
        cs = f"{crim} AND geslacht = '{sex}'"
        assert round(100 * count(con, f"{cs} AND {fs}") / count(con, cs)) == pct
    # labour sectors by nationality (lines 149-150)
    lab = FORM["Arbeidsuitbuiting"]
    ind = f"{lab} AND list_contains(sectoren_arbeid, 'industrie')"
    assert count(con, f"{ind} AND nationaliteit = 'HU'") == 21
    assert count(con, f"{ind} AND nationaliteit = 'RO'") == 13
    hh = f"{lab} AND list_contains(sectoren_arbeid, 'huishouden')"
    assert _top(con, hh, 3) == [("BR", 10), ("ID", 7), ("UG", 7)] or sorted(_top(con, hh, 3)) == [
        ("BR", 10),
        ("ID", 7),
        ("UG", 7),
    ]
    assert _top(con, hh, 4)[3][1] < 7
    # top nationalities per form (lines 292-294)
    assert _top(con, FORM["Internationale seksuele uitbuiting"], 4)[:3] == [
        ("UG", 59),
        ("CO", 53),
        ("VE", 42),
    ]
    assert _top(con, lab, 4)[:3] == [("RO", 69), ("HU", 31), ("BG", 27)]
    assert _top(con, crim, 4)[:3] == [("NL", 94), ("NG", 18), ("GN", 6)]
    assert _top(con, crim, 4)[3][1] < 6
    # year-on-year changes the text gives (lines 268-274)
    la_s = f"herkomst = 'latijns_amerika' AND {FORM['Seksuele uitbuiting']}"
    assert round(100 * count(con, la_s) / count(con, la_s, 2023)) - 100 == 63
    top23 = [
        a
        for a, _ in con.execute(
            "SELECT nationaliteit, count(*) n FROM slachtoffers WHERE jaar = 2023 "
            "AND nationaliteit IS NOT NULL GROUP BY 1 ORDER BY n DESC LIMIT 10"
        ).fetchall()
    ]
    assert "HU" not in top23 and "UA" not in top23  # line 288


def test_every_victim_has_plausible_data(con: duckdb.DuckDBPyConnection) -> None:
    # several melders for some victims, unknown values present, multi-registration victims
    assert count(con, "len(melders) > 1") > 50
    assert count(con, "nationaliteit IS NULL", 2020) > 0
    assert (
        con.execute(
            "SELECT count(DISTINCT nationaliteit) FROM slachtoffers WHERE jaar = 2024"
        ).fetchall()[0][0]
        > 40
    )


def test_scale_repeats_every_person_and_report() -> None:
    from ketenmonitor.synth.comensha import ANONIEM, Person, registrations

    persons = [
        Person(
            2024,
            "SC",
            "nederland",
            "minderjarig",
            "vrouw",
            "NL",
            ("thuis",),
            (),
            ("politie", "zorgcoordinator"),
            ("drugs",),
        ),
        Person(2023, "A", "europa", "30-39", "man", "RO", (), ("bouw",), ("fairwork",), ()),
    ]
    one = registrations(persons, scale=1, seed=5)
    three = registrations(persons, scale=3, seed=5)
    assert registrations(persons, scale=1, seed=5) == one  # deterministic
    ids = lambda rows: {r["persoon_id"] for r in rows if not r["anoniem"]}  # noqa: E731
    assert len(ids(one)) == 2 and len(ids(three)) == 6
    anon = sum(r["anoniem"] for r in three)
    assert anon == 3 * sum(ANONIEM.values())
