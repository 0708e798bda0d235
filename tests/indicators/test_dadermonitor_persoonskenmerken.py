"""Chapter 8 'Persoonskenmerken' of the Dadermonitor mensenhandel 2015-2019 for all five phases
(signalering, opsporing, dagvaarding, veroordeling, onvoorwaardelijke vrijheidsstraf), computed
from the synthetic police, EMM and OM deliveries (the OM's April-2020 extract and its 2025
re-delivery, both ingested as tests/indicators/test_dadermonitor_berechting.py does) through the
real ingestion, the domain rules (``domain.persons``, ``domain.trial``), the table engine and
disclosure, against the fixtures
(tests/fixtures/published/dadermonitor_2015_2019/figures_persoonskenmerken.toml): Tabel 8.1 cell
by cell, the unknowns of B1.7.3, the text's statements about the lost charts Figuur 8.1-8.3
(figuur_8_*.csv), Tabel 8.2 and Tabel B2.2 cell by cell. Also the fixtures' own cross-checks
(Tabel 8.2 against Tabel B2.2) and unit tests of the person rules on hand-made rows."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import statistics
import tomllib

import duckdb
import pytest

from ketenmonitor.contracts import codelist
from ketenmonitor.disclosure import ProtectedTable, protect
from ketenmonitor.disclosure.rules import load_rules
from ketenmonitor.domain import persons, trial
from ketenmonitor.domain.cases import dadermonitor_snapshot_sql
from ketenmonitor.indicators import ComputedTable, compute
from ketenmonitor.indicators.build import prepare
from ketenmonitor.indicators.dadermonitor_persoonskenmerken import (
    DAGVAARDING,
    DM_PERSOONSKENMERKEN,
    FASEN,
    FASEN_BERECHTING,
    JAAR,
    derive_tabel_8_2,
    dm_persoonskenmerken,
)
from ketenmonitor.warehouse import Warehouse
from tests.conftest import FIXTURES, synthetic_workspace

PUBLISHED = FIXTURES / "published" / "dadermonitor_2015_2019"
DOC = tomllib.loads((PUBLISHED / "figures_persoonskenmerken.toml").read_text("utf-8"))
FASE_LABEL = {f.label: f.code for f in FASEN}
"""Phase labels of the fixtures -> the phases (all five are computed)."""


def _csv(name: str) -> list[dict[str, str]]:
    with (PUBLISHED / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[dict[str, ComputedTable], dict[str, ProtectedTable], dict[str, list[tuple]]]:
    """Computed and protected tables, and the rows of the unit views."""
    # both OM deliveries with their dossier studies: chapter 8 counts the April-2020 extract
    ws = synthetic_workspace(
        tmp_path_factory.mktemp("persoonskenmerken"),
        *("politie", "emm", "emm_jaartellingen", "om", "om_dossierstudie"),
        earlier=True,
    )
    rules = load_rules()
    with Warehouse(ws.warehouse) as wh:
        assert {"politie", "emm", "emm_jaartellingen", "om", "om_dossierstudie"} <= prepare(wh.con)
        computed = {s.id: compute(wh.con, s, JAAR) for s in DM_PERSOONSKENMERKEN}
        views = {
            "signalering": wh.con.execute(
                "SELECT vorm_dm, geslacht, leeftijd, herkomst, NULL, geboorteland, NULL "
                f"FROM daders_signalering WHERE jaar = {JAAR}"
            ).fetchall(),
            "opsporing": wh.con.execute(
                "SELECT vorm_dm, geslacht, leeftijd, herkomst, nationaliteit, geboorteland, NULL "
                f"FROM daders_opsporing WHERE jaar BETWEEN {JAAR - 4} AND {JAAR}"
            ).fetchall(),
        }
        for fase in FASEN:
            if fase.code in FASEN_BERECHTING:
                views[fase.code] = wh.con.execute(
                    "SELECT vorm_dm, geslacht, leeftijd, herkomst, NULL, geboorteland, "
                    f"herkomstregio FROM {fase.unit} u WHERE jaar BETWEEN {JAAR - 4} AND {JAAR} "
                    f"AND {fase.where(JAAR)}"
                ).fetchall()
    protected = {k: protect(t, rules) for k, t in computed.items()}
    return computed, protected, views


def _cell(table: ProtectedTable | ComputedTable, row: str, column: str) -> int:
    value = table.cells[table.row_labels.index(row)][table.column_labels.index(column)].value
    assert value is not None, (table, row, column)
    return value


# --- the fixtures themselves ------------------------------------------------------------------


def test_fixture_files_exist() -> None:
    for f in DOC["figure"]:
        assert (PUBLISHED / f["file"]).is_file(), f["file"]
    ids = {s.id for s in DM_PERSOONSKENMERKEN}
    for f in DOC["figure"]:
        assert set(f["computed"]) <= ids, f["id"]


def test_tabel_b2_2_adds_up() -> None:
    rows = _csv("tabel_b2_2.csv")
    columns = list(rows[0])[1:]
    body = [r for r in rows if r["label"] != "Totaal"]
    total = next(r for r in rows if r["label"] == "Totaal")
    for r in body:
        assert sum(int(r[c]) for c in columns[:5]) == int(r[columns[5]]), r["label"]
    for c in columns:
        assert sum(int(r[c]) for r in body) == int(total[c]), c
    assert [int(total[c]) for c in columns] == [330, 231, 76, 48, 36, 721]
    assert len([r for r in body if r["label"] != "Onbekend"]) == 48  # text: 'meer dan 48'


def test_tabel_8_2_follows_from_tabel_b2_2() -> None:
    """Every cell of Tabel 8.2 is the rank among the known countries and the share of the
    form's n (unknown included); only countries with more than ten perpetrators are shown."""
    counts = {r["label"]: r for r in _csv("tabel_b2_2.csv")}
    ns = [330, 231, 76, 48, 36, 721]
    top = _csv("tabel_8_2.csv")
    columns = list(top[0])[1:]
    b2 = list(counts["Totaal"])[1:]
    for j, (column, n) in enumerate(zip(columns, ns, strict=True)):
        known = sorted(
            ((int(r[b2[j]]), k) for k, r in counts.items() if k not in ("Totaal", "Onbekend")),
            reverse=True,
        )
        shown = {r["label"]: r[column] for r in top if r[column]}
        for country, cell in shown.items():
            count = int(counts[country][b2[j]])
            rank, pct = cell.split(" ")
            assert count > 10
            assert int(pct.strip("(%)")) == round(100 * count / n), (column, country)
            tied = [k for c, k in known if c == count]
            first = next(i for i, (c, _) in enumerate(known, 1) if c == count)
            assert first <= int(rank) < first + len(tied), (column, country)
        if len(shown) < 5:  # the top five, and of those only the ones above ten
            assert known[len(shown)][0] <= 10, column


def test_tabel_8_1_n_is_cohort_minus_unknown_age() -> None:
    cohort = {r["label"]: r for r in _csv("tekst_b1_7.csv")}
    for row in _csv("tabel_8_1.csv"):
        daders = int(cohort["Daders"][row["fase"]])
        unknown = int(cohort["Geboortedatum onbekend"][row["fase"]] or 0)
        n = daders - unknown
        assert int(row["N"]) == (5 * round(n / 5) if row["fase"] == "Signalering" else n)


# --- computed against the publication ---------------------------------------------------------


@pytest.mark.parametrize("fase", [f.label for f in FASEN])
def test_tabel_8_1(built: tuple, fase: str) -> None:
    _, protected, _ = built
    table = protected[f"dadermonitor.tabel_8_1_{FASE_LABEL[fase]}"]
    row = next(r for r in _csv("tabel_8_1.csv") if r["fase"] == fase)
    assert _cell(table, "Aantal daders met bekende leeftijd", "Totaal") == int(row["N"])
    got = {c: _cell(table, "Gemiddelde leeftijd", c) for c in table.column_labels}
    want = {c: int(v) for c, v in row.items() if c in got and v != "-"}
    assert got == want
    assert set(got) | {c for c, v in row.items() if v == "-"} == set(row) - {"fase", "N"}


@pytest.mark.parametrize("fase", [f.label for f in FASEN])
def test_unknown_traits(built: tuple, fase: str) -> None:
    """B1.7.3's counts, exact before disclosure (the text prints 149 for CBS, unrounded)."""
    computed, _, _ = built
    table = computed[f"dadermonitor.tekst_b1_7_{FASE_LABEL[fase]}"]
    for row in _csv("tekst_b1_7.csv"):
        # vrijheidsstraf: the unknown birth dates are not stated; Tabel 8.1's N=426 implies 0
        assert _cell(table, row["label"], "Totaal") == int(row[fase] or 0), row["label"]


def _claim_value(built: tuple, claim: dict[str, str], figure: str) -> int:
    computed, protected, views = built
    fase = FASE_LABEL[claim["fase"]]
    vorm, cat = claim["vorm"], claim["categorie"]
    table_id = f"dadermonitor.{figure}_{fase}"
    if claim["maat"] == "aantal":
        return _cell(computed[table_id], cat, f"Aantal {vorm}")
    if cat in protected[table_id].row_labels:
        return _cell(protected[table_id], cat, vorm)
    code = {"BL-SU": "bl_su", "GO-SU": "go_su", "AU": "au", "CU": "cu", "Onbekend": "onbekend"}
    rows = [r for r in views[fase] if vorm == "Totaal" or r[0] == code[vorm]]
    if cat == "Minderjarig (12-17 jaar)":
        ages = [r[2] for r in rows if r[2] is not None]
        return round(100 * sum(a <= 17 for a in ages) / len(ages))
    if cat == "Nederlandse nationaliteit":
        nats = [r[4] for r in rows if r[4] is not None]
        return round(100 * sum(n == "NL" for n in nats) / len(nats))
    if cat == "40 jaar en ouder":
        ages = [r[2] for r in rows if r[2] is not None]
        return round(100 * sum(a >= 40 for a in ages) / len(ages))
    if cat == "Azië":  # Asia: the herkomstregio azie of the country of birth (Turkey included)
        known = [r[6] for r in rows if r[3] != "onbekend"]
        return round(100 * sum(r == "azie" for r in known) / len(known))
    raise AssertionError(f"no reading for {claim}")


@pytest.mark.parametrize("figure", ["figuur_8_1", "figuur_8_2", "figuur_8_3"])
def test_text_claims(built: tuple, figure: str) -> None:
    """The text's statements about the lost charts, for the phases computed now."""
    bad = []
    checked = 0
    for claim in _csv(f"{figure}.csv"):
        if claim["fase"] not in FASE_LABEL or claim["toets"] != "ja":
            continue
        value = _claim_value(built, claim, figure)
        checked += 1
        if not int(claim["min"]) <= value <= int(claim["max"]):
            bad.append((claim["fase"], claim["vorm"], claim["categorie"], value, claim["regels"]))
    assert checked > 0
    assert not bad, bad


def test_labour_exploitation_most_often_a_woman(built: tuple) -> None:
    """'daders van arbeidsuitbuiting vaker vrouw ... vergeleken met de andere vormen' (line
    7944), in each phase computed now."""
    computed, _, _ = built
    for fase in FASEN:
        t = computed[f"dadermonitor.figuur_8_1_{fase.code}"]
        shares = {c.label_nl: _cell(t, "Vrouw", c.label_nl) for c in fase.vormen if c.codes}
        assert max(shares, key=shares.__getitem__) == "AU", (fase.code, shares)


def test_origin_statements(built: tuple) -> None:
    """CU: Nederland largest, EER and overig 'ongeveer even groot' (lines 8218-8220); GO-SU
    'voor het overgrote deel geboren in EER-landen' (line 8220), as read in the TOML."""
    _, protected, _ = built
    for fase in FASEN:
        t = protected[f"dadermonitor.figuur_8_3_{fase.code}"]
        nl, eer, overig = (
            _cell(t, r, "CU") for r in ("Nederland", "EER", "Overige geboortelanden")
        )
        assert nl > max(eer, overig), (fase.code, nl, eer, overig)
        if fase.code == "dagvaarding":
            # Tabel B2.2 itself: CU 9 EER (19%) and 13 overig (27%) of 48, 8 points apart
            assert (eer, overig) == (19, 27)
        else:
            assert abs(eer - overig) <= 5, (fase.code, nl, eer, overig)
        if "GO-SU" in t.column_labels:
            assert _cell(t, "EER", "GO-SU") > 50


FOOTNOTE_3 = {
    "bl_su": (7, 10), "go_su": (10, 11), "au": (10, 12), "cu": (8, 10), "onbekend": (3, 13),
    "totaal": (9, 12),
}  # fmt: skip
"""Tabel 8.1 footnote 3 (line 7998): standard deviations of the age per form, over the phases."""


@pytest.mark.parametrize("fase", [f.code for f in FASEN])
def test_age_spread(built: tuple, fase: str) -> None:
    _, _, views = built
    rows = [r for r in views[fase] if r[2] is not None]
    groups = {f: [r[2] for r in rows if r[0] == f] for f in FOOTNOTE_3 if f != "totaal"}
    groups["totaal"] = [r[2] for r in rows]
    for form, ages in groups.items():
        if not ages:
            continue
        lo, hi = FOOTNOTE_3[form]
        assert lo <= statistics.stdev(ages) <= hi, (fase, form, statistics.stdev(ages))


def test_fewer_born_in_the_eea_than_among_the_judged(built: tuple) -> None:
    """Line 8197 against Tabel B2.2's 188 EEA-born perpetrators at dagvaarding."""
    _, _, views = built
    for fase in ("signalering", "opsporing"):
        assert sum(r[3] == "eer" for r in views[fase]) < 188


def test_trial_phases_nest(built: tuple) -> None:
    """Vrijheidsstraf within veroordeling within dagvaarding, per form (B1.7.2: 721, 479, 426;
    the n of the forms of Tabel 8.2 / B2.2 at dagvaarding)."""
    computed, _, _ = built
    sizes = {
        f: [_cell(computed[f"dadermonitor.tekst_b1_7_{f}"], "Daders", "Totaal")]
        for f in FASEN_BERECHTING
    }
    assert sizes == {"dagvaarding": [721], "veroordeling": [479], "vrijheidsstraf": [426]}
    t = computed["dadermonitor.figuur_8_3_dagvaarding"]
    known = [sum(_cell(t, r, f"Aantal {v}") for r in t.row_labels) for v in ("BL-SU", "Totaal")]
    assert known == [330, 703]


def _b2_2_code(name: str) -> str:
    """A country of Tabel B2.2 -> its land code (the code list's Dutch label, or an alias)."""
    alias = {
        "Democratische Republiek Congo (Congo-Kinshasa)": "CD",
        "Joegoslavië": "YUCS",
        "Sovjet-Unie": "SUHH",
        "Verenigd-Koninkrijk": "GB",
    }
    if name in alias:
        return alias[name]
    return next(c.code for c in codelist("land").codes if c.label_nl == name)


def test_tabel_b2_2(built: tuple) -> None:
    """Every country of birth and form of the 721, and the unknown ones (B1.7.3 per form)."""
    _, protected, views = built
    t = protected["dadermonitor.tabel_b2_2"]
    names = {c.code: c.label_nl for c in codelist("land").codes}
    published = _csv("tabel_b2_2.csv")
    columns = list(published[0])[1:]
    want = {}
    for r in published:
        if r["label"] not in ("Onbekend", "Totaal"):
            want[names[_b2_2_code(r["label"])]] = [int(r[c]) for c in columns]
    got = {
        label: [int(c.text) for c in row] for label, row in zip(t.row_labels, t.cells, strict=True)
    }
    assert got == want
    unknown = next(r for r in published if r["label"] == "Onbekend")
    code = {"bl_su": 0, "go_su": 1, "au": 2, "cu": 3, "onbekend": 4}
    counts = [0] * 5
    for r in views["dagvaarding"]:
        counts[code[r[0]]] += r[3] == "onbekend"
    assert [*counts, sum(counts)] == [int(unknown[c]) for c in columns]


def test_tabel_8_2(built: tuple) -> None:
    """Every printed cell; the row Turkije is empty in print (and not computed)."""
    _, protected, _ = built
    t = protected["dadermonitor.tabel_8_2"]
    published = _csv("tabel_8_2.csv")
    assert t.column_labels == list(published[0])[1:]
    want = {r["label"]: [r[c] for c in t.column_labels] for r in published if any(
        r[c] for c in t.column_labels
    )}  # fmt: skip
    got = {label: [c.text for c in row] for label, row in zip(t.row_labels, t.cells, strict=True)}
    assert got == want
    assert list(got) == [r["label"] for r in published if r["label"] in got]


def test_any_reporting_year_names_its_period() -> None:
    specs = dm_persoonskenmerken(2024)
    assert [s.id for s in specs] == [s.id for s in DM_PERSOONSKENMERKEN]
    assert all("2020-2024" in s.title_nl for s in specs)
    assert FASEN_BERECHTING == ("dagvaarding", "veroordeling", "vrijheidsstraf")


# --- the rules on hand-made rows --------------------------------------------------------------


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    persons.create_land_table(c)
    return c


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    row = con.execute(sql).fetchone()
    assert row is not None
    return row[0]


@pytest.mark.parametrize(
    ("code", "expected"),
    [("M", "man"), ("V", "vrouw"), ("X", "onbekend"), ("O", "onbekend"), (None, "onbekend")],
)
def test_geslacht_rule(con: duckdb.DuckDBPyConnection, code: str | None, expected: str) -> None:
    assert _one(con, f"SELECT {persons.geslacht_sql('c')} FROM (SELECT ? AS c)".replace(
        "?", "NULL" if code is None else f"'{code}'"
    )) == expected  # fmt: skip


@pytest.mark.parametrize(
    ("age", "expected"),
    [(15, "minderjarig"), (17, "minderjarig"), (18, "adolescent"), (22, "adolescent"),
     (23, "volwassen"), (79, "volwassen"), (None, "onbekend")],
)  # fmt: skip
def test_leeftijdsklasse_rule(
    con: duckdb.DuckDBPyConnection, age: int | None, expected: str
) -> None:
    value = "NULL::INTEGER" if age is None else str(age)
    assert _one(con, f"SELECT {persons.leeftijdsklasse_sql(value)}") == expected


@pytest.mark.parametrize(
    ("land", "expected"),
    [("NL", "nederland"), ("RO", "eer"), ("CH", "eer"), ("GB", "eer"), ("NO", "eer"),
     ("ANHH", "overig"), ("SR", "overig"), ("TR", "overig"), ("YUCS", "overig"),
     ("XXX", "onbekend"), ("XXA", "onbekend"), (None, "onbekend")],
)  # fmt: skip
def test_herkomst_rule(con: duckdb.DuckDBPyConnection, land: str | None, expected: str) -> None:
    value = "NULL" if land is None else f"'{land}'"
    region = f"(SELECT herkomstregio FROM km_land_herkomstregio WHERE landcode = {value})"
    assert _one(con, f"SELECT {persons.herkomst_sql(region)}") == expected


def _police(con: duckdb.DuckDBPyConnection, rows: list[tuple]) -> None:
    """Hand-made ``politie_incidenten`` and ``politie_personen`` (suspects only)."""
    con.execute("CREATE TEMP TABLE politie_incidenten AS SELECT * FROM range(2015, 2020) t(jaar)")
    con.execute(
        "CREATE TEMP TABLE politie_personen (jaar INTEGER, incident_id VARCHAR, "
        "betrokkene_nr INTEGER, persoon_id VARCHAR, rol VARCHAR, vorm4 VARCHAR, "
        "meldingsdatum DATE, pleegdatum DATE, geslacht_code VARCHAR, leeftijd_bij_plegen INTEGER, "
        "geboorteland VARCHAR)"
    )
    con.executemany(
        "INSERT INTO politie_personen VALUES (?, ?, ?, ?, 'verdachte', ?, ?, ?, ?, ?, ?)", rows
    )
    persons.create_person_views(con)


def test_signalled_suspect_once_with_hierarchy_and_first_age(
    con: duckdb.DuckDBPyConnection,
) -> None:
    d = dt.date
    _police(
        con,
        [
            # one person, three incidents: labour 2016, sexual 2018, criminal 2019
            (2016, "I1", 1, "P1", "arbeid", d(2016, 5, 1), d(2016, 1, 1), "V", 30, "RO"),
            (2018, "I2", 1, "P1", "seksueel", d(2018, 5, 1), None, "V", 32, "RO"),
            (2019, "I3", 2, "P1", "crimineel", d(2019, 5, 1), d(2015, 6, 1), "V", 29, "RO"),
            # labour and criminal: labour wins
            (2017, "I4", 1, "P2", "crimineel", d(2017, 5, 1), None, "M", 40, "NL"),
            (2017, "I5", 1, "P2", "arbeid", d(2017, 6, 1), None, "M", 40, "NL"),
            # not linked to the BRP: no pseudonym, no traits; two incidents, two persons
            (2019, "I6", 1, None, "crimineel", d(2019, 1, 1), None, None, None, None),
            (2019, "I7", 3, None, "crimineel", d(2019, 2, 1), None, None, None, None),
        ],
    )
    rows = con.execute(
        "SELECT persoon, vorm, vorm_dm, geslacht, leeftijd, herkomst, betrokkenheden "
        "FROM daders_signalering WHERE jaar = 2019 ORDER BY persoon"
    ).fetchall()
    assert rows == [
        ("P1", "seksueel", "onbekend", "vrouw", 29, "eer", 3),  # age at the earliest offence
        ("P2", "arbeid", "au", "man", 40, "nederland", 2),
        ("incident:I6/1", "crimineel", "cu", "onbekend", None, "onbekend", 1),
        ("incident:I7/3", "crimineel", "cu", "onbekend", None, "onbekend", 1),
    ]
    # the window: in 2016 only P1's first incident counts, labour
    assert con.execute(
        "SELECT persoon, vorm_dm FROM daders_signalering WHERE jaar = 2016"
    ).fetchall() == [("P1", "au")]


def test_unknown_trait_is_left_out_of_that_trait_only(con: duckdb.DuckDBPyConnection) -> None:
    """A suspect of unknown sex still counts in the age and origin figures."""
    d = dt.date(2019, 1, 1)
    _police(con, [(2019, "I1", 1, "P1", "arbeid", d, d, "X", 41, "TR")])
    assert con.execute(
        "SELECT geslacht, leeftijd, leeftijdsklasse, herkomst FROM daders_signalering"
    ).fetchall() == [("onbekend", 41, "volwassen", "overig")]


def test_opsporing_suspect_per_investigation(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "CREATE TEMP TABLE betrokkenen_opsporing AS SELECT * FROM (VALUES "
        "(2016, 'O1', 'E1', 'verdachte', 'POL-AM', 'bl_su', 'M', 22, 'NL', 'NL'), "
        "(2017, 'O2', 'E1', 'verdachte', 'POL-AM', 'go_su', 'M', 23, 'NL', 'NL'), "
        "(2017, 'O2', 'E2', 'slachtoffer', 'POL-AM', 'go_su', 'V', 19, 'RO', 'RO'), "
        "(2017, 'O2', 'E3', 'verdachte', 'POL-AM', 'go_su', NULL, NULL, 'XXX', 'XXX')) "
        "t(jaar, onderzoek_id, persoon_id, rol, instantie, vorm_dm, geslacht_code, leeftijd, "
        "geboorteland, nationaliteit)"
    )
    persons.create_person_views(con)
    assert con.execute(
        "SELECT onderzoek_id, persoon_id, vorm_dm, geslacht, leeftijdsklasse, herkomst, "
        "nationaliteit FROM daders_opsporing ORDER BY onderzoek_id, persoon_id"
    ).fetchall() == [
        ("O1", "E1", "bl_su", "man", "adolescent", "nederland", "NL"),
        ("O2", "E1", "go_su", "man", "volwassen", "nederland", "NL"),
        ("O2", "E3", "go_su", "onbekend", "onbekend", "onbekend", None),
    ]


def _judged(con: duckdb.DuckDBPyConnection, rows: list[tuple]) -> list[tuple]:
    """Hand-made ``dm_berechte_zaken`` and OM suspects -> ``daders_berechting`` (no snapshot)."""
    con.execute(
        "CREATE TEMP TABLE dm_berechte_zaken (peildatum DATE, jaar INTEGER, parketnummer VARCHAR, "
        "persoon_id VARCHAR, natuurlijk_persoon BOOLEAN, leeftijd INTEGER, vorm VARCHAR, "
        "veroordeeld_mh BOOLEAN, strafoplegging_mh BOOLEAN, zwaarste_hoofdstraf VARCHAR)"
    )
    con.execute("CREATE SCHEMA current")
    con.execute(
        "CREATE TABLE current.om__verdachten (persoon_id VARCHAR, geslacht VARCHAR, "
        "geboorteland VARCHAR)"
    )
    for pn, natural, age, vorm, conv, sentenced, straf, sex, land in rows:
        con.execute(
            "INSERT INTO dm_berechte_zaken VALUES (NULL, 2019, ?, ?, ?, ?, ?, ?, ?, ?)",
            [pn, f"P{pn}", natural, age, vorm, conv, sentenced, straf],
        )
        con.execute("INSERT INTO current.om__verdachten VALUES (?, ?, ?)", [f"P{pn}", sex, land])
    con.execute(f"CREATE TEMP VIEW daders_berechting AS {trial.daders_sql(None)}")
    return con.execute(
        "SELECT parketnummer, vorm_dm, veroordeeld_mh, vrijheidsstraf_mh, geslacht, leeftijd, "
        "leeftijdsklasse, geboorteland, herkomst FROM daders_berechting ORDER BY parketnummer"
    ).fetchall()


def test_judged_perpetrators_cohorts_and_traits(con: duckdb.DuckDBPyConnection) -> None:
    """``trial.COHORT_BERECHTING`` and ``KENMERKEN_BERECHTING``: natural persons only; the phase
    vrijheidsstraf is a (partly) unconditional custodial sentence for trafficking, not one for
    the other offences of an acquittal; the traits by the rules of ``domain.persons``."""
    rows = _judged(
        con,
        [
            ("1", True, 30, "bl_su", True, True, "onvoorwaardelijk", "M", "NL"),
            ("2", True, 19, "go_su", True, True, "deels_voorwaardelijk", "V", "RO"),
            ("3", True, None, "au", True, True, "voorwaardelijk", "X", "XXX"),
            # acquitted of trafficking, imprisoned for the other offences
            ("4", True, 45, "cu", False, False, "onvoorwaardelijk", "M", "ANHH"),
            ("5", False, None, "au", True, True, "geldboete", None, None),  # a legal person
            ("6", True, 17, "onbekend", True, False, None, "M", None),  # convicted after joinder
        ],
    )
    assert rows == [
        ("1", "bl_su", True, True, "man", 30, "volwassen", "NL", "nederland"),
        ("2", "go_su", True, True, "vrouw", 19, "adolescent", "RO", "eer"),
        ("3", "au", True, False, "onbekend", None, "onbekend", None, "onbekend"),
        ("4", "cu", False, False, "man", 45, "volwassen", "ANHH", "overig"),
        ("6", "onbekend", True, False, "man", 17, "minderjarig", None, "onbekend"),
    ]


def test_tabel_8_2_rule() -> None:
    """``TOP_GEBOORTELANDEN`` on hand-made perpetrators: ranks among the known countries (equal
    counts by name), percentages of n with the unknown ones, only more than ten, rows in the
    order of the Totaal column."""
    c = duckdb.connect()
    bl = [("NL", 12), ("SR", 11), ("MA", 11), ("TR", 10), (None, 6)]  # n = 50
    au = [("CN", 11), ("TR", 5)]  # n = 16
    c.execute("CREATE TABLE t (jaar INTEGER, vorm_dm VARCHAR, geboorteland VARCHAR)")
    for vorm, counts in (("bl_su", bl), ("au", au)):
        for land, n in counts:
            c.executemany("INSERT INTO t VALUES (2019, ?, ?)", [[vorm, land]] * n)
    spec = next(s for s in dm_persoonskenmerken(2019) if s.id == "dadermonitor.tabel_8_2")
    spec = dataclasses.replace(spec, unit="t", where="true")
    table = derive_tabel_8_2(c, spec, 2019)
    assert table.column_labels[0] == "Binnenlandse seksuele uitbuiting (n=50)"
    assert table.column_labels[-1] == "Totaal (n=66)"
    texts = {
        label: [cell.text for cell in row]
        for label, row in zip(table.row_labels, table.cells, strict=True)
    }
    assert list(texts) == ["Turkije", "Nederland", "China", "Marokko", "Suriname"]
    assert texts["Nederland"] == ["1 (24%)", None, None, None, None, "2 (18%)"]
    assert texts["Marokko"] == ["2 (22%)", None, None, None, None, "4 (17%)"]
    assert texts["Suriname"] == ["3 (22%)", None, None, None, None, "5 (17%)"]
    assert texts["China"] == [None, None, "1 (69%)", None, None, "3 (17%)"]
    assert texts["Turkije"] == [None] * 5 + ["1 (23%)"]  # 10 under BL-SU: not shown there


def test_dagvaarding_counts_the_dadermonitor_snapshot() -> None:
    """The trial phases count the OM extract of April after the period."""
    assert dadermonitor_snapshot_sql(JAAR) in DAGVAARDING.where(JAAR)
    assert "(peildatum april 2020)" in next(
        s.source for s in DM_PERSOONSKENMERKEN if s.id == "dadermonitor.tabel_b2_2"
    )
