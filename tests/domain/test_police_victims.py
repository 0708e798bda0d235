"""The rules for the victims in police incidents (Dadermonitor mensenhandel 2015-2019, §3.4.5
Tabel 3.3; ``domain.persons``: ``COHORT_SLACHTOFFERS``, ``VORM_SLACHTOFFER``,
``KENMERKEN_SLACHTOFFER``, ``HERKOMST_SLACHTOFFER``) on hand-made rows worked out by hand, and
Tabel 3.3's spec on a hand-made unit."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from ketenmonitor.domain import persons
from ketenmonitor.indicators import compute
from ketenmonitor.indicators.dadermonitor_signalering import SIGNALERING

D = dt.date
TABEL_3_3 = next(s for s in SIGNALERING if s.id == "dadermonitor.tabel_3_3")


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    return duckdb.connect()


def _police(con: duckdb.DuckDBPyConnection, rows: list[tuple]) -> None:
    """Hand-made ``politie_incidenten`` (the years) and ``politie_personen``: (jaar, incident,
    nr, persoon_id, rol, vorm4, meldingsdatum, pleegdatum, sex, age, country of birth)."""
    con.execute("CREATE TEMP TABLE politie_incidenten AS SELECT * FROM range(2015, 2020) t(jaar)")
    con.execute(
        "CREATE TEMP TABLE politie_personen (jaar INTEGER, incident_id VARCHAR, "
        "betrokkene_nr INTEGER, persoon_id VARCHAR, rol VARCHAR, vorm4 VARCHAR, "
        "meldingsdatum DATE, pleegdatum DATE, geslacht_code VARCHAR, leeftijd_bij_plegen INTEGER, "
        "geboorteland VARCHAR)"
    )
    con.executemany("INSERT INTO politie_personen VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    persons.create_person_views(con)


def test_unique_victims_of_the_window_with_aangevers_without_suspects(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """``COHORT_SLACHTOFFERS``: a victim of 2016 and 2018 counts once in the window 2015-2019;
    the victim file's aangevers count, the suspects do not; an unlinked victim is a person per
    involvement."""
    _police(
        con,
        [
            (2016, "I1", 1, "P1", "slachtoffer", "seksueel", D(2016, 3, 1), None, "V", 19, "NL"),
            (2018, "I2", 1, "P1", "slachtoffer", "seksueel", D(2018, 3, 1), None, "V", 21, "NL"),
            (2018, "I2", 2, "P2", "aangever", "seksueel", D(2018, 3, 1), None, "V", 30, "NG"),
            (2018, "I2", 3, "P3", "verdachte", "seksueel", D(2018, 3, 1), None, "M", 35, "NL"),
            (2019, "I3", 1, None, "slachtoffer", "onbekend", D(2019, 3, 1), None, None, None, None),
        ],
    )
    assert con.execute(
        "SELECT persoon, betrokkenheden FROM slachtoffers_signalering WHERE jaar = 2019 "
        "ORDER BY persoon"
    ).fetchall() == [("P1", 2), ("P2", 1), ("incident:I3/1", 1)]
    # the window 2012-2016 of 2016 holds only P1's first incident
    assert con.execute(
        "SELECT persoon, betrokkenheden FROM slachtoffers_signalering WHERE jaar = 2016"
    ).fetchall() == [("P1", 1)]


def test_one_form_per_victim_by_the_hierarchy(con: duckdb.DuckDBPyConnection) -> None:
    """``VORM_SLACHTOFFER``: seksueel before arbeid before crimineel before onbekend."""
    d = D(2017, 1, 1)
    _police(
        con,
        [
            (2017, "I1", 1, "P1", "slachtoffer", "arbeid", d, None, "M", 30, "RO"),
            (2017, "I2", 1, "P1", "slachtoffer", "seksueel", d, None, "M", 30, "RO"),
            (2017, "I3", 1, "P2", "slachtoffer", "onbekend", d, None, "M", 17, "NL"),
            (2017, "I4", 1, "P2", "aangever", "crimineel", d, None, "M", 17, "NL"),
            (2017, "I5", 1, "P3", "slachtoffer", "onbekend", d, None, "V", 40, "NL"),
        ],
    )
    assert con.execute(
        "SELECT persoon, vorm FROM slachtoffers_signalering WHERE jaar = 2019 ORDER BY persoon"
    ).fetchall() == [("P1", "seksueel"), ("P2", "crimineel"), ("P3", "onbekend")]


def test_traits_age_at_the_earliest_incident_and_africa_apart(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """``KENMERKEN_SLACHTOFFER``: the suspects' rules; the age of the earliest incident (by begin
    of the offence, else date of report); an age under 12 is minderjarig. ``HERKOMST_SLACHTOFFER``:
    Africa apart (for suspects it stays overig), other known countries overig."""
    _police(
        con,
        [
            (2018, "I1", 1, "P1", "slachtoffer", "seksueel", D(2018, 5, 1), None, "V", 20, "NG"),
            (2019, "I2", 1, "P1", "slachtoffer", "seksueel", D(2019, 1, 1), D(2017, 6, 1), "V",
             18, "NG"),
            (2019, "I3", 1, "P2", "slachtoffer", "arbeid", D(2019, 1, 1), None, "M", 11, "SR"),
            (2019, "I4", 1, "P3", "slachtoffer", "arbeid", D(2019, 1, 1), None, "X", 23, "RO"),
            (2019, "I4", 2, "P4", "verdachte", "arbeid", D(2019, 1, 1), None, "M", 40, "NG"),
        ],
    )  # fmt: skip
    assert con.execute(
        "SELECT persoon, geslacht, leeftijd, leeftijdsklasse, herkomst "
        "FROM slachtoffers_signalering WHERE jaar = 2019 ORDER BY persoon"
    ).fetchall() == [
        ("P1", "vrouw", 18, "adolescent", "afrika"),
        ("P2", "man", 11, "minderjarig", "overig"),
        ("P3", "onbekend", 23, "volwassen", "eer"),
    ]
    assert con.execute("SELECT herkomst FROM daders_signalering").fetchall() == [("overig",)]


@pytest.mark.parametrize(
    ("land", "expected"),
    [("NL", "nederland"), ("RO", "eer"), ("NG", "afrika"), ("ER", "afrika"), ("MA", "afrika"),
     ("SR", "overig"), ("ANHH", "overig"), ("CN", "overig"), ("XXX", "onbekend"),
     (None, "onbekend")],
)  # fmt: skip
def test_herkomst_slachtoffer_rule(
    con: duckdb.DuckDBPyConnection, land: str | None, expected: str
) -> None:
    persons.create_land_table(con)
    value = "NULL" if land is None else f"'{land}'"
    region = f"(SELECT herkomstregio FROM km_land_herkomstregio WHERE landcode = {value})"
    sql = persons.herkomst_sql(region, persons.HERKOMST_SLACHTOFFER_REGIOS)
    row = con.execute(f"SELECT {sql}").fetchone()
    assert row is not None and row[0] == expected


def test_tabel_3_3_leaves_the_unknown_out_per_trait(con: duckdb.DuckDBPyConnection) -> None:
    """The spec: counts of all victims; each percentage and the mean age over the victims of the
    column with that trait known (``domain.persons.ONBEKEND_WEGLATEN``)."""
    con.execute(
        "CREATE TEMP TABLE slachtoffers_signalering AS SELECT * FROM (VALUES "
        "(2019, 'seksueel', 'man', 16, 'minderjarig', 'nederland'), "
        "(2019, 'seksueel', 'vrouw', 20, 'adolescent', 'afrika'), "
        "(2019, 'seksueel', 'vrouw', 31, 'volwassen', 'onbekend'), "
        "(2019, 'seksueel', 'onbekend', NULL, 'onbekend', 'onbekend'), "
        "(2019, 'arbeid', 'onbekend', 40, 'volwassen', 'eer'), "
        "(2018, 'arbeid', 'man', 40, 'volwassen', 'eer')) "
        "t(jaar, vorm, geslacht, leeftijd, leeftijdsklasse, herkomst)"
    )
    t = compute(con, TABEL_3_3, 2019)
    got = {label: [c.value for c in row] for label, row in zip(t.row_labels, t.cells, strict=True)}
    # columns: seksueel, arbeid, crimineel, onbekend, totaal
    assert got["Slachtoffers"] == [4, 1, 0, 0, 5]
    assert got["Geslacht bekend (n)"] == [3, 0, 0, 0, 3]
    assert got["Leeftijd bekend (n)"] == [3, 1, 0, 0, 4]
    assert got["Herkomstregio bekend (n)"] == [2, 1, 0, 0, 3]
    assert got["Geen persoonskenmerken bekend"] == [1, 0, 0, 0, 1]
    assert got["Man"][0] == 33 and got["Man"][4] == 33  # 1 of 3, not of 4
    assert got["Minderjarig"][0] == 33 and got["Minderjarig"][4] == 25  # 1 of 3; 1 of 4
    assert got["Gemiddelde leeftijd"][0] == 22 and got["Gemiddelde leeftijd"][4] == 27
    assert got["Nederland"][0] == 50 and got["Afrika"][4] == 33  # 1 of 2; 1 of 3
    assert got["Europese Economische Ruimte"][1] == 100
