"""The investigation and appeal rules on hand-made rows whose classification is worked out by
hand (Jaarcijfers Mensenhandel 2024 section 4 'EMM-data'; Dadermonitor 2015-2019 B1.4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb

from ketenmonitor.contracts import load_contract
from ketenmonitor.domain.investigations import (
    create_investigation_views,
    create_rechtspraak_views,
)


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
    if not rows:
        return
    con.executemany(
        f"INSERT INTO current.{source}__{table} VALUES ({', '.join('?' * len(names))})",
        [tuple(r.get(n) for n in names) for r in rows],
    )


def _inv(naam: str, start: str, instantie: str = "POL-RT", **kw: Any) -> dict[str, Any]:
    return {
        "onderzoek_naam": naam,
        "startdatum": dt.date.fromisoformat(start),
        "instantie": instantie,
        **kw,
    }


def _pers(pid: str, naam: str, rol: str, start: str, **kw: Any) -> dict[str, Any]:
    return {
        "persoon_id": pid,
        "onderzoek_naam": naam,
        "rol": rol,
        "startdatum_onderzoek": dt.date.fromisoformat(start),
        **kw,
    }


def _con(
    onderzoeken: list[dict[str, Any]],
    personen: list[dict[str, Any]] | None = None,
    jaartellingen: list[dict[str, Any]] | None = None,
) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    _table(con, "emm", "onderzoeken", onderzoeken)
    _table(con, "emm", "personen", personen or [])
    if jaartellingen is not None:
        _table(con, "emm_jaartellingen", "jaartellingen", jaartellingen)
    create_investigation_views(con)
    return con


def _vormen(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    return {
        str(r[0]): list(r[1])
        for r in con.execute("SELECT onderzoek_id, vormen FROM opsporingsonderzoeken").fetchall()
    }


def test_labour_by_ca_code_instantie_or_recorded_form() -> None:
    con = _con(
        [
            _inv("u02", "2024-01-10", ca_codes=["U02"], seksueel="niet_seksueel"),
            _inv("nla", "2024-01-10", "NLA", ca_codes=["overig"]),  # NLA alone makes it labour
            _inv("arb", "2024-01-10", uitbuitingsvormen=["arbeid"]),
            _inv("pol", "2024-01-10", ca_codes=["overig"], uitbuitingsvormen=["onbekend"]),
        ]
    )
    v = _vormen(con)
    assert v["u02"] == ["arbeidsuitbuiting"]
    assert v["nla"] == ["arbeidsuitbuiting"]
    assert v["arb"] == ["arbeidsuitbuiting"]
    assert v["pol"] == ["onbekend"]


def test_sexual_split_bronland_then_victims_nationality() -> None:
    con = _con(
        [
            _inv("nl", "2023-05-01", seksueel="seksueel", bronlanden=["NL"]),
            _inv("ro", "2023-05-01", uitbuitingsvormen=["seksueel"], bronlanden=["NL", "RO"]),
            _inv("slo", "2023-05-01", seksueel="seksueel"),  # victims decide
            _inv("sln", "2023-05-01", seksueel="seksueel"),
            _inv("onb", "2023-05-01", seksueel="seksueel", bronlanden=["XXX"]),
            _inv(
                "sc", "2023-05-01", seksueel="seksueel", uitbuitingsvormen=["seksueel", "bedelarij"]
            ),
        ],
        [
            _pers("v1", "slo", "slachtoffer", "2023-05-01", nationaliteit="NL"),
            _pers("v2", "slo", "slachtoffer", "2023-05-01", nationaliteit="CO"),
            _pers("v3", "sln", "slachtoffer", "2023-05-01", nationaliteit="NL"),
            _pers("s1", "sln", "verdachte", "2023-05-01", nationaliteit="RO"),  # not a victim
            _pers("v4", "onb", "slachtoffer", "2023-05-01", nationaliteit="XXX"),
        ],
    )
    v = _vormen(con)
    assert v["nl"] == ["binnenlandse_seksuele_uitbuiting"]
    assert v["ro"] == ["internationale_seksuele_uitbuiting"]
    assert v["slo"] == ["internationale_seksuele_uitbuiting"]
    assert v["sln"] == ["binnenlandse_seksuele_uitbuiting"]
    assert v["onb"] == ["seksuele_uitbuiting_onbekend"]
    assert v["sc"] == ["seksuele_uitbuiting_onbekend", "criminele_uitbuiting"]


def test_organ_removal_and_unknown() -> None:
    con = _con(
        [
            _inv("org", "2022-03-01", uitbuitingsvormen=["orgaan"]),
            _inv("leeg", "2022-03-01", seksueel="onbekend"),
            _inv("nng", "2022-03-01", uitbuitingsvormen=["nog_niet_gewerkt"]),
        ]
    )
    v = _vormen(con)
    assert v == {
        "org": ["gedwongen_orgaanverwijdering"],
        "leeg": ["onbekend"],
        "nng": ["onbekend"],
    }


def test_suspects_per_investigation_sex_age_nationality() -> None:
    con = _con(
        [_inv("a", "2024-03-01"), _inv("b", "2024-09-01"), _inv("old", "2020-06-01")],
        [
            _pers("p1", "a", "verdachte", "2024-03-01", geslacht="M", leeftijd_bij_start=17),
            _pers("p1", "b", "verdachte", "2024-09-01", geslacht="M", leeftijd_bij_start=18),
            _pers("p2", "a", "verdachte", "2024-03-01", geslacht="X", nationaliteit="XXX"),
            _pers("p3", "a", "verdachte", "2024-03-01", geslacht="V", nationaliteit="RO"),
            _pers("p4", "a", "slachtoffer", "2024-03-01", geslacht="V"),
            _pers("p5", "old", "verdachte", "2020-06-01", geslacht="M"),  # before 2021
        ],
    )
    rows = con.execute(
        "SELECT onderzoek_id, verdachte_id, geslacht, leeftijdscategorie, nationaliteit, jaar "
        "FROM verdachten_opsporing ORDER BY onderzoek_id, verdachte_id"
    ).fetchall()
    assert rows == [
        ("a", "p1", "man", "minderjarig", None, 2024),
        ("a", "p2", "onbekend", "onbekend", None, 2024),
        ("a", "p3", "vrouw", "onbekend", "RO", 2024),
        ("b", "p1", "man", "meerderjarig", None, 2024),  # counts again: another investigation
    ]


def test_corrected_counts_replace_an_agencys_year() -> None:
    con = _con(
        [
            _inv("nla23", "2023-02-01", "NLA", ca_codes=["U02"]),
            _inv("nla24", "2024-02-01", "NLA", ca_codes=["U02"]),
            _inv("pol24", "2024-02-01", seksueel="seksueel", bronlanden=["NL"]),
        ],
        [
            _pers("s1", "nla24", "verdachte", "2024-02-01", geslacht="M"),
            _pers("s2", "pol24", "verdachte", "2024-02-01", geslacht="M"),
        ],
        [
            {"instantie": "NLA", "jaar": 2024, "vorm": "au", "aantal_onderzoeken": 3},
            {"instantie": "NLA", "jaar": 2024, "vorm": "cu", "aantal_onderzoeken": 1},
        ],
    )
    rows = con.execute(
        "SELECT jaar, instantie, bron, vormen, count(*) FROM opsporingsonderzoeken "
        "GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    assert rows == [
        (2023, "NLA", "emm", ["arbeidsuitbuiting"], 1),  # not replaced: no count for 2023
        (2024, "NLA", "jaartelling", ["arbeidsuitbuiting"], 3),
        (2024, "NLA", "jaartelling", ["criminele_uitbuiting"], 1),
        (2024, "POL-RT", "emm", ["binnenlandse_seksuele_uitbuiting"], 1),
    ]
    # the replaced records' suspects are left out; the counts carry no persons
    suspects = con.execute("SELECT verdachte_id FROM verdachten_opsporing").fetchall()
    assert suspects == [("s2",)]


def test_rechtspraak_tables_pass_through() -> None:
    con = duckdb.connect()
    _table(
        con,
        "rechtspraak",
        "eindarresten",
        [
            {"jaar_afdoening_hb": 2024, "eindarrest": "totaal", "aantal": 50},
            {"jaar_afdoening_hb": 2024, "eindarrest": "vrijspraak", "aantal_below": 10},
        ],
    )
    _table(
        con,
        "rechtspraak",
        "hoger_beroep_insteller",
        [{"jaar_afdoening_hb": 2024, "ingesteld_door": "om", "aantal_below": 10}],
    )
    _table(con, "rechtspraak", "cassaties", [{"jaar_afdoening_hb": 2024, "aantal": 15}])
    create_rechtspraak_views(con)
    rows = con.execute("SELECT * FROM rechtspraak_tabellen ORDER BY reeks").fetchall()
    assert rows == [
        (2024, "cassatie", 15, None),
        (2024, "eindarrest/totaal", 50, None),
        (2024, "eindarrest/vrijspraak", None, 10),
        (2024, "insteller/om", None, 10),
    ]


def test_dadermonitor_form_one_per_investigation() -> None:
    """DADERMONITOR_VORM: go_su > bl_su > au > cu; split unknown and organ removal -> onbekend;
    a corrected count keeps its delivered form."""
    con = _con(
        [
            _inv("go", "2016-01-10", seksueel="seksueel", bronlanden=["RO"],
                 uitbuitingsvormen=["seksueel", "arbeid"]),
            _inv("bl", "2016-01-10", seksueel="seksueel", bronlanden=["NL"],
                 uitbuitingsvormen=["seksueel", "crimineel"]),
            _inv("au", "2016-01-10", ca_codes=["U02"], uitbuitingsvormen=["crimineel"]),
            _inv("cu", "2016-01-10", uitbuitingsvormen=["bedelarij"]),
            _inv("su", "2016-01-10", seksueel="seksueel"),
            _inv("org", "2016-01-10", uitbuitingsvormen=["orgaan"]),
        ],
        jaartellingen=[
            {"instantie": "NLA", "jaar": 2016, "vorm": "au", "aantal_onderzoeken": 2},
            {"instantie": "NLA", "jaar": 2016, "vorm": "su_onbekend", "aantal_onderzoeken": 1},
        ],
    )  # fmt: skip
    rows = dict(
        con.execute(
            "SELECT onderzoek_id, vorm_dm FROM opsporingsonderzoeken WHERE bron = 'emm'"
        ).fetchall()
    )
    assert rows == {"go": "go_su", "bl": "bl_su", "au": "au", "cu": "cu", "su": "onbekend",
                    "org": "onbekend"}  # fmt: skip
    counted = con.execute(
        "SELECT vorm_dm, count(*) FROM opsporingsonderzoeken WHERE bron = 'jaartelling' "
        "GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    assert counted == [("au", 2), ("onbekend", 1)]


def test_persons_per_investigation_every_role_and_year() -> None:
    """BETROKKENEN_PER_ONDERZOEK: every role, every year (2016 too, unlike the Jaarcijfers'
    suspects), once per investigation; persons of replaced records are left out; Figuur 4.1's
    view has the investigations beside them."""
    con = _con(
        [
            _inv("a", "2016-03-01"),
            _inv("b", "2016-09-01"),
            _inv("nla", "2016-05-01", "NLA", ca_codes=["U02"]),
        ],
        [
            _pers("p1", "a", "verdachte", "2016-03-01"),
            _pers("p1", "b", "verdachte", "2016-09-01"),
            _pers("p2", "a", "slachtoffer", "2016-03-01"),
            _pers("p3", "a", "overig", "2016-03-01"),
            _pers("p4", "nla", "verdachte", "2016-05-01"),
        ],
        [{"instantie": "NLA", "jaar": 2016, "vorm": "au", "aantal_onderzoeken": 3}],
    )
    rows = con.execute(
        "SELECT rol, count(*) FROM betrokkenen_opsporing GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    assert rows == [("overig", 1), ("slachtoffer", 1), ("verdachte", 2)]
    assert con.execute("SELECT count(*) FROM verdachten_opsporing").fetchall() == [(0,)]
    units = con.execute(
        "SELECT soort, count(*) FROM opsporing_onderzoeken_en_betrokkenen "
        "WHERE jaar = 2016 GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    assert units == [("onderzoek", 5), ("overig", 1), ("slachtoffer", 1), ("verdachte", 2)]
