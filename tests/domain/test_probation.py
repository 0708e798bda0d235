"""The probation rules on hand-made IRIS orders whose supervisions are worked out by hand
(Dadermonitor mensenhandel 2015-2019, §7.3-7.4 and appendix B1.6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb
import pytest

from ketenmonitor.domain.probation import KADER_GROEPEN, create_probation_views
from tests.domain.test_police import _table

D = dt.date


def _order(n: int, toezicht: str | None, **kw: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "opdracht_id": f"O{n}",
        "toezicht_id": toezicht,
        "persoon_id": "P1",
        "parketnummer": None,
        "delictcodes": ["273f"],
        "justitieel_kader": "vv",
        "product": "toezicht",
        "fase": "executie",
        "startdatum": D(2016, 1, 10),
        "einddatum": D(2017, 6, 1),
        "reden_beeindiging": "voltooid",
        "bijzondere_voorwaarden": None,
        "forensische_zorg": None,
    }
    row.update(kw)
    return row


ORDERS = [
    # T1: PP then conditional release (two kaders), a negative part; linked: cross-border sexual
    _order(
        1,
        "T1",
        justitieel_kader="pp",
        startdatum=D(2014, 5, 1),
        einddatum=D(2015, 2, 1),
        parketnummer="Z1",
        reden_beeindiging="voortijdig_negatief",
        bijzondere_voorwaarden=["meldplicht"],
    ),
    _order(
        2,
        "T1",
        justitieel_kader="vi",
        startdatum=D(2015, 2, 1),
        einddatum=D(2016, 3, 1),
        parketnummer="Z2",
        forensische_zorg="ambulant",
        bijzondere_voorwaarden=["meldplicht", "contactverbod"],
    ),
    # ...and an excluded order that would otherwise keep T1 running and make it inpatient
    _order(
        3,
        "T1",
        justitieel_kader="tbs_fpt",
        startdatum=D(2013, 1, 1),
        einddatum=None,
        reden_beeindiging="ingetrokken",
        forensische_zorg="klinisch",
    ),
    # T2: tbs trial leave then conditional end: one kader, two phases; still running
    _order(
        4,
        "T2",
        persoon_id="P2",
        justitieel_kader="tbs_proefverlof",
        startdatum=D(2017, 3, 1),
        einddatum=D(2018, 1, 1),
        reden_beeindiging="voortijdig_positief",
    ),
    _order(
        5,
        "T2",
        persoon_id="P2",
        justitieel_kader="tbs_vb_dwangverpleging",
        startdatum=D(2018, 1, 1),
        einddatum=None,
        reden_beeindiging=None,
    ),
    # T3: same person as T1, a new conviction; OM registration says labour; no dossier result
    _order(
        6,
        "T3",
        startdatum=D(2017, 1, 1),
        einddatum=D(2019, 1, 1),
        parketnummer="Z3",
        justitieel_kader="strafbeschikking",
        reden_beeindiging="voortijdig_positief",
    ),
    # T4: no parketnummer -> onbekend
    _order(7, "T4", persoon_id="P4", startdatum=D(2018, 1, 1), einddatum=D(2019, 2, 2)),
    # left out: pre-trial suspension, advice, another article, all orders excluded
    _order(8, "T5", persoon_id="P5", fase="voorfase", justitieel_kader="schorsing_vh"),
    _order(9, None, persoon_id="P6", product="advies"),
    _order(10, "T7", persoon_id="P7", delictcodes=["140"]),
    _order(11, "T8", persoon_id="P8", reden_beeindiging="niet_gerealiseerd", einddatum=None),
    _order(12, "T9", persoon_id="P9", reden_beeindiging="onjuist_ingevoerd"),
]


@pytest.fixture()
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    _table(c, "reclassering", "opdrachten", ORDERS)
    _table(
        c,
        "om_dossierstudie",
        "dossierstudie",
        [
            {"parketnummer": "Z1", "vorm": "bl_su"},
            {"parketnummer": "Z2", "vorm": "go_su"},
            {"parketnummer": "Z3", "vorm": "onbekend"},
        ],
    )
    _table(
        c,
        "om",
        "zaken",
        [
            {
                "parketnummer": "Z3",
                "persoon_id": "S3",
                "maatschappelijke_classificaties": ["mh_arbeid"],
                "parket": "RTD",
                "inschrijvingsdatum": D(2016, 1, 1),
            },
            {
                "parketnummer": "Z1",
                "persoon_id": "S1",
                "maatschappelijke_classificaties": ["mh_arbeid"],
                "parket": "RTD",
                "inschrijvingsdatum": D(2013, 1, 1),
            },
        ],
    )
    create_probation_views(c)
    return c


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> dict[str, tuple[Any, ...]]:
    return {r[0]: r[1:] for r in con.execute(sql).fetchall()}


def test_supervisions_start_end_and_exclusions(con: duckdb.DuckDBPyConnection) -> None:
    t = _rows(con, "SELECT toezicht_id, startdatum, einddatum FROM toezichten")
    assert set(t) == {"T1", "T2", "T3", "T4"}  # T5 voorfase, advice, art. 140, excluded only
    assert t["T1"] == (D(2014, 5, 1), D(2016, 3, 1))  # first registration, last exit
    assert t["T2"] == (D(2017, 3, 1), None)  # an order still runs
    ended = _rows(con, "SELECT toezicht_id, jaar FROM beeindigde_toezichten")
    assert ended == {"T1": (2016,), "T3": (2019,), "T4": (2019,)}
    started = _rows(con, "SELECT toezicht_id, jaar FROM ingestroomde_toezichten")
    assert started == {"T1": (2014,), "T2": (2017,), "T3": (2017,), "T4": (2018,)}


def test_frameworks_reason_form_and_care(con: duckdb.DuckDBPyConnection) -> None:
    t = _rows(
        con,
        "SELECT toezicht_id, kader_start, kader_groep, aantal_kaders, meerdere_fasen, reden, vorm, "
        "parketnummer_bekend, forensische_zorg, list_sort(bijzondere_voorwaarden) FROM toezichten",
    )
    assert t["T1"] == (
        "pp",
        "pp_vi",
        2,
        False,
        "voortijdig_negatief",
        # go_su beats bl_su, the dossier beats RAC-min
        "grensoverschrijdende_seksuele_uitbuiting",
        True,
        "ambulant",
        ["contactverbod", "meldplicht"],
    )
    assert t["T2"][:5] == ("tbs_proefverlof", "tbs_pij", 1, True, "voortijdig_positief")
    assert t["T3"][1:2] == ("overig",) and t["T3"][5] == "arbeidsuitbuiting"
    assert t["T4"][5:7] == ("onbekend", False)
    persons = con.execute("SELECT count(DISTINCT persoon_id) FROM toezichten").fetchone()
    assert persons == (3,)  # T1 and T3 are one person


def test_every_iris_framework_has_a_group() -> None:
    from ketenmonitor.contracts import codelist

    codes = {c.code for c in codelist("justitieel_kader").codes} - {"schorsing_vh"}
    assert codes == set(KADER_GROEPEN)
    assert set(KADER_GROEPEN.values()) == {"pp_vi", "vv", "tbs_pij", "overig"}


def test_without_om_data_every_form_is_unknown() -> None:
    c = duckdb.connect()
    _table(c, "reclassering", "opdrachten", ORDERS)
    create_probation_views(c)
    forms = {r[0] for r in c.execute("SELECT DISTINCT vorm FROM toezichten").fetchall()}
    assert forms == {"onbekend"}
