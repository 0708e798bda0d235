"""The police rules on hand-made rows whose classification is worked out by hand (Dadermonitor
mensenhandel 2015-2019, §3.3.1 and appendix B1.3)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb

from ketenmonitor.contracts import load_contract
from ketenmonitor.domain.police import create_police_views


def _table(
    con: duckdb.DuckDBPyConnection, source: str, table: str, rows: list[dict[str, Any]]
) -> None:
    t = next(t for t in load_contract(source).tables if t.name == table)
    cols = t.stored_columns()
    con.execute("CREATE SCHEMA IF NOT EXISTS current")
    con.execute(
        f"CREATE TABLE current.{source}__{table} ("
        + ", ".join(f'"{c}" {ty}' for c, ty in cols)
        + ")"
    )
    names = [c for c, _ in cols]
    if rows:
        con.executemany(
            f"INSERT INTO current.{source}__{table} VALUES ({', '.join('?' * len(names))})",
            [tuple(r.get(n) for n in names) for r in rows],
        )


def _con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    d = dt.date(2017, 3, 1)
    inc = [
        {
            "incident_id": "A",
            "meldjaar": 2017,
            "meldingsdatum": d,
            "politie_eenheid": "AM",
            "pleeggemeente": "GM0140",
            "aangifte": True,
        },
        {
            "incident_id": "B",
            "meldjaar": 2017,
            "meldingsdatum": d,
            "politie_eenheid": None,
            "pleeggemeente": "GM0363",
        },
        {
            "incident_id": "C",
            "meldjaar": 2017,
            "meldingsdatum": d,
            "politie_eenheid": "NN",
            "pleeggemeente": "GM0363",
        },
        {"incident_id": "D", "meldjaar": 2017, "meldingsdatum": d, "politie_eenheid": "NN"},
    ]
    feiten = [
        {"incident_id": "A", "volgnummer": 1, "feitcode": "F563"},
        {"incident_id": "A", "volgnummer": 2, "feitcode": "F561"},
        {"incident_id": "A", "volgnummer": 3, "feitcode": "CAT-DRUGS"},
        {"incident_id": "B", "volgnummer": 1, "feitcode": "F565"},
        {"incident_id": "C", "volgnummer": 1, "feitcode": "F564"},
        {"incident_id": "D", "volgnummer": 1, "feitcode": "CAT-VERKEER"},
    ]
    personen = [
        {"incident_id": "A", "betrokkene_nr": 1, "persoon_id": "P1", "rol": "slachtoffer"},
        {"incident_id": "A", "betrokkene_nr": 2, "persoon_id": "P2", "rol": "aangever"},
        {"incident_id": "A", "betrokkene_nr": 3, "persoon_id": "P3", "rol": "verdachte"},
    ]
    _table(con, "politie", "incidenten", inc)
    _table(con, "politie", "feiten", feiten)
    _table(con, "politie", "personen", personen)
    _table(
        con,
        "ref_gemeente_herindeling",
        "herindeling",
        [
            {"jaar": 2019, "oude_gemeentecode": "GM0140", "nieuwe_gemeentecode": "GM1900"},
            {"jaar": 2019, "oude_gemeentecode": "GM0363", "nieuwe_gemeentecode": "GM0363"},
        ],
    )
    create_police_views(con)
    return con


def test_incident_rules() -> None:
    rows = (
        _con()
        .execute(
            "SELECT incident_id, vorm, vorm4, politie_eenheid, eenheid_bekend, gemeente_2019, "
            "lokaal, "
            "overige_feiten, slachtoffers, verdachten FROM politie_incidenten ORDER BY 1"
        )
        .fetchall()
    )
    assert rows == [
        ("A", "seksueel", "seksueel", "AM", True, "GM1900", True, ["CAT-DRUGS"], 2, 1),
        ("B", "overig", "onbekend", "onbekend", False, "GM0363", True, [], 0, 0),
        ("C", "overig", "onbekend", "NN", True, "GM0363", False, [], 0, 0),
    ]  # D has no trafficking feitcode: not an incident of mensenhandel


def test_person_files() -> None:
    rows = (
        _con()
        .execute("SELECT persoon_id, rol, bestand FROM politie_personen ORDER BY 1")
        .fetchall()
    )
    assert rows == [
        ("P1", "slachtoffer", "slachtoffer"),
        ("P2", "aangever", "slachtoffer"),
        ("P3", "verdachte", "verdachte"),
    ]
