"""The victim rules on hand-made registrations whose classification is worked out by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
import pytest

from ketenmonitor.config import Workspace
from ketenmonitor.contracts import load_contract
from ketenmonitor.domain.victims import (
    create_victim_views,
    land_herkomst,
    leeftijdscategorie_sql,
)
from ketenmonitor.sources.ingest import ingest

COLUMNS = [c for c, _ in load_contract("comensha").tables[0].stored_columns()]


def _reg(
    rid: str,
    pid: str | None,
    datum: str,
    vormen: str,
    *,
    anoniem: bool = False,
    geslacht: str | None = "V",
    leeftijd: int | None = 30,
    nat: str | None = "RO",
    sek: str | None = None,
    arb: str | None = None,
    crim: str | None = None,
    melders: str = "politie",
    werving: str | None = None,
    uitbuiting: str | None = None,
) -> tuple[Any, ...]:
    def lst(v: str | None) -> list[str] | None:
        return v.split("|") if v else None

    return (
        rid,
        pid,
        dt.date.fromisoformat(datum),
        anoniem,
        geslacht,
        leeftijd,
        nat,
        lst(vormen),
        lst(sek),
        lst(arb),
        lst(crim),
        lst(melders),
        werving,
        uitbuiting,
    )


def _con(rows: list[tuple[Any, ...]]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    cols = load_contract("comensha").tables[0].stored_columns()
    con.execute("CREATE SCHEMA current")
    con.execute(
        "CREATE TABLE current.comensha__registraties ("
        + ", ".join(f'"{c}" {t}' for c, t in cols)
        + ")"
    )
    con.executemany(
        f"INSERT INTO current.comensha__registraties VALUES ({', '.join('?' * len(cols))})", rows
    )
    create_victim_views(con)
    return con


def _victim(con: duckdb.DuckDBPyConnection, pid: str, jaar: int = 2024) -> dict[str, Any]:
    cur = con.execute(
        "SELECT * FROM slachtoffers WHERE slachtoffer_id = ? AND jaar = ?", [pid, jaar]
    )
    names = [d[0] for d in cur.description]
    rows = cur.fetchall()
    assert len(rows) == 1, rows
    return dict(zip(names, rows[0], strict=True))


def test_sexual_split_by_nationality() -> None:
    con = _con(
        [
            _reg("r1", "nl", "2024-01-05", "seksueel", nat="NL", sek="thuis"),
            _reg("r2", "ro", "2024-01-05", "seksueel", nat="RO", sek="escort"),
            _reg("r3", "ua", "2024-01-05", "seksueel", nat="UA"),  # europa_overig -> Europa
            _reg("r4", "xx", "2024-01-05", "seksueel", nat=None),
            _reg("r5", "xxx", "2024-01-05", "seksueel|crimineel", nat="XXX"),
            _reg("r6", "sl", "2024-01-05", "seksueel", nat="XXA"),  # stateless: onbekend
        ]
    )
    assert _victim(con, "nl")["vormen"] == ["binnenlandse_seksuele_uitbuiting"]
    assert _victim(con, "ro")["vormen"] == ["internationale_seksuele_uitbuiting"]
    ua = _victim(con, "ua")
    assert ua["vormen"] == ["internationale_seksuele_uitbuiting"]
    assert ua["herkomst"] == "europa"
    # unknown nationality: neither domestic nor international, and not 'onbekend' either
    xx = _victim(con, "xx")
    assert xx["vormen"] == []
    assert xx["herkomst"] == "onbekend"
    assert xx["uitbuitingsvormen"] == ["seksueel"]
    assert xx["sectoren_seksueel"] == ["onbekend"]  # sexual victim without a sector
    assert _victim(con, "xxx")["vormen"] == ["criminele_uitbuiting"]
    assert _victim(con, "sl")["herkomst"] == "onbekend"


def test_recruitment_country_goes_before_nationality() -> None:
    con = _con(
        [
            # Dutch national recruited abroad: cross-border
            _reg("r1", "a", "2024-02-01", "seksueel", nat="NL", werving="BE", uitbuiting="NL"),
            # Romanian recruited in the Netherlands and exploited there: domestic
            _reg("r2", "b", "2024-02-01", "seksueel", nat="RO", werving="NL"),
            # recruited and exploited in Germany: same country, domestic (to Germany)
            _reg("r3", "c", "2024-02-01", "seksueel", nat="NL", werving="DE", uitbuiting="DE"),
            # only the exploitation country known: nationality decides
            _reg("r4", "d", "2024-02-01", "seksueel", nat="NL", uitbuiting="BE"),
        ]
    )
    assert _victim(con, "a")["vormen"] == ["internationale_seksuele_uitbuiting"]
    assert _victim(con, "b")["vormen"] == ["binnenlandse_seksuele_uitbuiting"]
    assert _victim(con, "c")["vormen"] == ["binnenlandse_seksuele_uitbuiting"]
    assert _victim(con, "d")["vormen"] == ["binnenlandse_seksuele_uitbuiting"]


def test_other_forms() -> None:
    con = _con(
        [
            _reg("r1", "beg", "2024-03-01", "bedelarij", crim="bedelen"),
            _reg("r2", "org", "2024-03-01", "orgaan"),
            _reg("r3", "onb", "2024-03-01", "onbekend"),
            _reg("r4", "nnw", "2024-03-01", "nog_niet_gewerkt"),
            _reg("r5", "mix", "2024-03-01", "arbeid|onbekend", arb="bouw"),
            _reg("r6", "all", "2024-03-01", "seksueel|arbeid|crimineel", nat="NG"),
        ]
    )
    assert _victim(con, "beg")["vormen"] == ["criminele_uitbuiting"]
    assert _victim(con, "org")["vormen"] == ["gedwongen_orgaanverwijdering"]
    assert _victim(con, "onb")["vormen"] == ["onbekend_nog_niet_gewerkt"]
    assert _victim(con, "nnw")["vormen"] == ["onbekend_nog_niet_gewerkt"]
    assert _victim(con, "mix")["vormen"] == ["arbeidsuitbuiting"]
    assert _victim(con, "all")["vormen"] == [
        "internationale_seksuele_uitbuiting",
        "arbeidsuitbuiting",
        "criminele_uitbuiting",
    ]


@pytest.mark.parametrize(
    ("age", "cat"),
    [
        (0, "minderjarig"),
        (17, "minderjarig"),
        (18, "18-22"),
        (22, "18-22"),
        (23, "23-29"),
        (29, "23-29"),
        (30, "30-39"),
        (39, "30-39"),
        (40, "40+"),
        (95, "40+"),
        (None, "onbekend"),
    ],
)
def test_age_bands(age: int | None, cat: str) -> None:
    con = duckdb.connect()
    got = con.execute(f"SELECT {leeftijdscategorie_sql('x')} FROM (SELECT ?::INTEGER AS x)", [age])
    assert got.fetchall() == [(cat,)]


def test_one_victim_per_year_union_and_first_known_value() -> None:
    con = _con(
        [
            # three registrations of one person in 2024, one in 2023
            _reg(
                "a1",
                "p",
                "2024-05-01",
                "seksueel",
                geslacht="O",
                leeftijd=None,
                nat=None,
                sek="onbekend",
                melders="zorgcoordinator",
            ),
            _reg(
                "a2",
                "p",
                "2024-06-01",
                "crimineel",
                geslacht="V",
                leeftijd=17,
                nat="NL",
                crim="drugs",
                melders="politie",
            ),
            _reg(
                "a3",
                "p",
                "2024-09-01",
                "seksueel",
                geslacht="M",
                leeftijd=18,
                nat="BE",
                sek="thuis|escort",
                melders="politie|overig",
            ),
            _reg(
                "a0",
                "p",
                "2023-12-01",
                "arbeid",
                geslacht="V",
                leeftijd=16,
                nat="NL",
                arb="horeca",
                melders="fairwork",
            ),
            # an anonymous report is no victim
            _reg("an", None, "2024-02-02", "seksueel", anoniem=True, melders="zorgcoordinator"),
        ]
    )
    assert con.execute("SELECT count(*) FROM slachtoffers").fetchall() == [(2,)]
    p = _victim(con, "p")
    # earliest known: age 17 (a2), sex V (a2; O is not known), nationality NL (a2)
    assert p["leeftijdscategorie"] == "minderjarig"
    assert p["geslacht"] == "vrouw"
    assert p["nationaliteit"] == "NL"
    assert p["herkomst"] == "nederland"
    # the sexual form is split with the victim's nationality of the year
    assert p["vormen"] == ["binnenlandse_seksuele_uitbuiting", "criminele_uitbuiting"]
    # known sectors drop 'onbekend'
    assert p["sectoren_seksueel"] == ["escort", "thuis"]
    assert p["sectoren_arbeid"] == []
    assert p["melders"] == ["overig", "politie", "zorgcoordinator"]
    assert p["criminele_activiteiten"] == ["drugs"]
    p23 = _victim(con, "p", 2023)
    assert p23["vormen"] == ["arbeidsuitbuiting"]
    assert p23["sectoren_arbeid"] == ["horeca"]
    assert con.execute("SELECT jaar, melders FROM anonieme_meldingen").fetchall() == [
        (2024, ["zorgcoordinator"])
    ]


def test_sectors_exclusively_unknown() -> None:
    con = _con(
        [
            _reg("r1", "a", "2024-01-01", "arbeid", arb="onbekend|nog_niet_gewerkt"),
            _reg("r2", "b", "2024-01-01", "arbeid"),
            _reg("r3", "c", "2024-01-01", "arbeid", arb="onbekend"),
            _reg("r4", "c", "2024-02-01", "arbeid", arb="bouw"),
            _reg("r5", "d", "2024-01-01", "seksueel", sek="nog_niet_gewerkt"),
        ]
    )
    assert _victim(con, "a")["sectoren_arbeid"] == ["nog_niet_gewerkt"]
    assert _victim(con, "b")["sectoren_arbeid"] == ["onbekend"]
    assert _victim(con, "c")["sectoren_arbeid"] == ["bouw"]
    assert _victim(con, "d")["sectoren_seksueel"] == ["nog_niet_gewerkt"]


def test_sex_codes() -> None:
    con = _con(
        [
            _reg("r1", "m", "2024-01-01", "arbeid", geslacht="M"),
            _reg("r2", "x", "2024-01-01", "arbeid", geslacht="X"),
            _reg("r3", "n", "2024-01-01", "arbeid", geslacht=None),
        ]
    )
    assert _victim(con, "m")["geslacht"] == "man"
    assert _victim(con, "x")["geslacht"] == "onbekend"
    assert _victim(con, "n")["geslacht"] == "onbekend"


def test_origin_groups_cover_every_country_and_match_the_publication() -> None:
    mapping = land_herkomst()
    assert set(mapping.values()) == {
        "nederland",
        "europa",
        "afrika",
        "azie",
        "latijns_amerika",
        "overig",
        "onbekend",
    }
    from ketenmonitor.contracts import codelist

    assert set(codelist("land").values) == set(mapping)
    for land, herkomst in {
        "NL": "nederland",
        "RO": "europa",
        "UA": "europa",
        "UG": "afrika",
        "CO": "latijns_amerika",
        "CW": "latijns_amerika",
        "ID": "azie",
        "TR": "azie",
        "US": "overig",
        "XXX": "onbekend",
    }.items():
        assert mapping[land] == herkomst, land


def test_views_on_an_ingested_delivery_and_as_of(workspace: Workspace) -> None:
    fixture = Path(__file__).parents[1] / "fixtures" / "comensha" / "registraties.csv"
    report = ingest(workspace, "comensha", fixture, dt.date(2025, 6, 30))
    assert report.status == "clean", report
    con = duckdb.connect(str(workspace.warehouse))
    create_victim_views(con)
    n = con.execute("SELECT count(*) FROM slachtoffers").fetchall()[0][0]
    assert n > 0
    # P0000105 is registered twice in 2024 (sexual, then labour): one victim, two forms
    assert (
        con.execute(
            "SELECT count(*) FROM slachtoffers WHERE len(vormen) = 2 AND jaar = 2024 "
            "AND list_contains(vormen, 'arbeidsuitbuiting')"
        ).fetchall()[0][0]
        >= 1
    )
    assert con.execute("SELECT count(*) FROM anonieme_meldingen").fetchall()[0][0] >= 1
    create_victim_views(con, as_of=dt.date(2020, 1, 1))  # before any snapshot: empty
    assert con.execute("SELECT count(*) FROM slachtoffers").fetchall() == [(0,)]
    con.close()
