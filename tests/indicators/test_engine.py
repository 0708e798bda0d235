"""The table engine and the small-cell rule on hand-made units whose counts are worked out by
hand (independent of the domain rules and of the synthetic data)."""

from __future__ import annotations

import duckdb
import pytest

from ketenmonitor.disclosure import protect
from ketenmonitor.indicators import (
    REPORTING_YEAR,
    Category,
    ColumnBlock,
    Dimension,
    TableSpec,
    change_percent,
    compute,
    percent_of,
)
from ketenmonitor.indicators.jaarcijfers import CATALOGUE, spec

BIN, INT, ARB, CRI, ONB = (
    "binnenlandse_seksuele_uitbuiting",
    "internationale_seksuele_uitbuiting",
    "arbeidsuitbuiting",
    "criminele_uitbuiting",
    "onbekend_nog_niet_gewerkt",
)

# jaar, vormen, leeftijd, geslacht, herkomst, nationaliteit, sectoren (seksueel, arbeid), melders
UNITS = [
    (2024, [BIN, CRI], "minderjarig", "vrouw", "nederland", "NL", ["thuis"], [], ["politie"]),
    (2024, [INT], "23-29", "vrouw", "afrika", "UG", ["thuis", "hotel"], [], ["zorgcoordinator"]),
    (2024, [INT], "30-39", "vrouw", "latijns_amerika", "CO", ["onbekend"], [], ["kmar", "politie"]),
    (2024, [ARB], "40+", "man", "europa", "RO", [], ["bouw"], ["fairwork"]),
    (2024, [ARB], "23-29", "man", "europa", "RO", [], [], ["nla"]),
    (2024, [ONB], "onbekend", "onbekend", "onbekend", None, [], [], ["coa"]),
    (2023, [INT], "18-22", "vrouw", "afrika", "NG", [], [], ["politie"]),
    (
        2023,
        [ARB, INT],
        "30-39",
        "vrouw",
        "azie",
        "ID",
        ["nog_niet_gewerkt"],
        ["huishouden"],
        ["fairwork"],
    ),
    (2020, [CRI], "minderjarig", "man", "nederland", "NL", [], [], ["politie"]),
]


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    c.execute(
        "CREATE TABLE slachtoffers (jaar INTEGER, vormen VARCHAR[], leeftijdscategorie VARCHAR, "
        "geslacht VARCHAR, herkomst VARCHAR, nationaliteit VARCHAR, sectoren_seksueel VARCHAR[], "
        "sectoren_arbeid VARCHAR[], melders VARCHAR[])"
    )
    c.executemany("INSERT INTO slachtoffers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", UNITS)
    # the forms as registered: both sexual forms are 'seksueel'
    c.execute(
        "ALTER TABLE slachtoffers ADD COLUMN uitbuitingsvormen VARCHAR[]; "
        "UPDATE slachtoffers SET uitbuitingsvormen = list_transform(vormen, lambda v: "
        "CASE WHEN v LIKE '%seksuele%' THEN 'seksueel' WHEN v = 'arbeidsuitbuiting' THEN 'arbeid' "
        "WHEN v = 'criminele_uitbuiting' THEN 'crimineel' ELSE 'onbekend' END)"
    )
    return c


def _values(con: duckdb.DuckDBPyConnection, table_id: str) -> dict[str, list[int | None]]:
    t = compute(con, spec(table_id), 2024)
    return {r: [c.value for c in cells] for r, cells in zip(t.row_labels, t.cells, strict=True)}


def test_totals_per_year(con: duckdb.DuckDBPyConnection) -> None:
    t = compute(con, spec("jaarcijfers.figuur_1"), 2024)
    assert t.column_labels == ["2020", "2021", "2022", "2023", "2024"]
    assert [c.value for c in t.cells[0]] == [1, 0, 0, 2, 6]


def test_multi_valued_rows_count_a_unit_in_each_category(con: duckdb.DuckDBPyConnection) -> None:
    v = _values(con, "jaarcijfers.figuur_2")
    assert v["Binnenlandse seksuele uitbuiting"] == [0, 0, 0, 0, 1]
    assert v["Internationale seksuele uitbuiting"] == [0, 0, 0, 2, 2]
    assert v["Arbeidsuitbuiting"] == [0, 0, 0, 1, 2]
    assert v["Criminele uitbuiting"] == [1, 0, 0, 0, 1]
    assert v["Onbekend/nog niet gewerkt"] == [0, 0, 0, 0, 1]


def test_exclusive_and_empty_categories(con: duckdb.DuckDBPyConnection) -> None:
    v = _values(con, "jaarcijfers.figuur_3")  # victims of sexual exploitation only
    assert v["Thuisprostitutie"][4] == 2
    assert v["Hotelprostitutie"][4] == 1
    # 2024: the 'onbekend' victim; 2023: one with no sector at all (counts as onbekend) and
    # one that has only 'nog niet gewerkt'
    assert v["Onbekend/nog niet gewerkt"][3:] == [2, 1]
    f5 = _values(con, "jaarcijfers.figuur_5")  # victims of labour exploitation only
    assert f5["Bouw"][4] == 1 and f5["Huishouden"][3] == 1
    assert f5["Uitsluitend onbekend/nog niet gewerkt"][3:] == [0, 1]


def test_breakdown_of_the_reporting_year(con: duckdb.DuckDBPyConnection) -> None:
    t = compute(con, spec("jaarcijfers.figuur_9"), 2024)
    assert t.column_labels[5:] == [
        "Seksuele uitbuiting",
        "Arbeidsuitbuiting",
        "Criminele uitbuiting",
        "Overig/onbekend",
    ]
    v = {r: [c.value for c in cells] for r, cells in zip(t.row_labels, t.cells, strict=True)}
    assert v["Nederland"] == [1, 0, 0, 0, 1, 1, 0, 1, 0]
    assert v["Europa"] == [0, 0, 0, 0, 2, 0, 2, 0, 0]
    assert v["Onbekend"][5:] == [0, 0, 0, 1]


def test_share_column_in_whole_percents_of_the_column(con: duckdb.DuckDBPyConnection) -> None:
    t = compute(con, spec("jaarcijfers.figuur_7"), 2024)  # minors in 2024: one, B + C
    assert t.column_labels == ["Aantal", "Percentage"]
    v = {r: [c.value for c in cells] for r, cells in zip(t.row_labels, t.cells, strict=True)}
    assert v["Criminele uitbuiting"] == [1, 50]
    assert v["Binnenlandse seksuele uitbuiting"] == [1, 50]
    assert v["Arbeidsuitbuiting"] == [0, 0]


def test_top_n_ranks_by_count_then_code(con: duckdb.DuckDBPyConnection) -> None:
    t = compute(con, spec("jaarcijfers.tabel_1"), 2024)
    assert t.row_labels[:2] == ["1 Roemenië", "2 Colombia"]
    assert [c.value for c in t.cells[0]] == [2]


def test_small_cells_are_protected_zero_is_not(con: duckdb.DuckDBPyConnection) -> None:
    p = protect(compute(con, spec("jaarcijfers.figuur_2"), 2024))
    texts = {r: [c.text for c in cells] for r, cells in zip(p.row_labels, p.cells, strict=True)}
    assert texts["Arbeidsuitbuiting"] == ["0", "0", "0", "<5", "<5"]
    assert all(c.value is None for c in p.cells[2][3:])


def test_ind_cells_pass_through_as_delivered() -> None:
    con = duckdb.connect()
    con.execute("CREATE SCHEMA current")
    con.execute(
        "CREATE TABLE current.ind__tellingen (jaar INTEGER, regeling VARCHAR, uitkomst VARCHAR, "
        "aantal INTEGER, aantal_below INTEGER)"
    )
    con.executemany(
        "INSERT INTO current.ind__tellingen VALUES (?, ?, ?, ?, ?)",
        [
            (2024, "b8", "aanvraag", 220, None),
            (2024, "schrijnend_pad", "verleend", None, 10),
            (2023, "b8", "aanvraag", 220, None),
            (2022, "b9", "verleend", 10, None),
        ],
    )
    p = protect(compute(con, spec("jaarcijfers.figuur_11"), 2024))
    texts = {r: [c.text for c in cells] for r, cells in zip(p.row_labels, p.cells, strict=True)}
    assert texts["B8 (aanvragen)"] == ["0", "0", "0", "220", "220"]
    assert texts["B9 (verleend)"] == ["0", "0", "10", "0", "0"]
    assert texts["Schrijnend pad (verleend)"][4] == "<10"


def test_percentages_as_the_report_computes_them() -> None:
    assert change_percent(868, 944) == 9  # Jaarcijfers 2024: "76 meer", +9%
    assert change_percent(120, 160) == 33  # criminal exploitation +33%
    assert change_percent(135, 123) == -9
    assert percent_of(42, 81) == 52 and percent_of(2, 81) == 2


def test_catalogue_ids_follow_the_pattern() -> None:
    ids = [s.id for s in CATALOGUE]
    assert len(ids) == len(set(ids))
    for i in ids:
        pub, name = i.split(".")
        assert pub == "jaarcijfers"
        assert name.startswith(("figuur_", "tekst_")) or name == "tabel_1"
    figures = {int(i.split("_")[1]) for i in ids if ".figuur_" in i}
    assert set(range(1, 13)) <= figures  # chapter 1 complete


def test_custom_spec_needs_no_code() -> None:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE u AS SELECT * FROM (VALUES (2024, 'a'), (2024, 'b'), (2023, 'a')) t(jaar, k)"
    )
    s = TableSpec(
        id="x.figuur_1",
        number="Figuur 1",
        title_nl="t",
        source="s",
        unit="u",
        rows=Dimension("k", (Category("A", ("a",)), Category("B", ("b",)))),
        columns=(ColumnBlock("years", years=2),),
    )
    t = compute(con, s, 2024)
    assert [[c.value for c in r] for r in t.cells] == [[1, 1], [0, 1]]


def test_window_breakdown_mean_row_and_blank_cells() -> None:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE u AS SELECT * FROM (VALUES (2020, 'a', 20), (2022, 'a', 31), "
        "(2024, 'b', 40), (2024, 'a', 25), (2019, 'a', 99)) t(jaar, k, leeftijd)"
    )
    s = TableSpec(
        id="x.figuur_22",
        number="Figuur 22",
        title_nl="t",
        source="s",
        unit="u",
        rows=Dimension(
            "k",
            (
                Category("A", ("a",)),
                Category("B", ("b",)),
                Category("Gemiddelde leeftijd", measure="avg(u.leeftijd)"),
            ),
        ),
        columns=(
            ColumnBlock("years"),
            ColumnBlock("breakdown", Dimension("k", (Category("a", ("a",)),)), window=True),
        ),
        blank=(("B", "2023"), ("A", REPORTING_YEAR)),
    )
    p = protect(compute(con, s, 2024))
    texts = [[c.text for c in row] for row in p.cells]
    # 2020-2024 per year, then 'a' over the whole window (2019 is outside it)
    assert texts[0] == ["<5", "0", "<5", "0", "", "<5"]  # 2024 is the reporting year: blank
    assert texts[1] == ["0", "0", "0", "", "<5", "0"]
    # means are not counts: shown as computed, rounded half away from zero
    assert texts[2] == ["20", "", "31", "", "33", "25"]


def test_several_share_columns_stand_beside_their_counts() -> None:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE u AS SELECT * FROM (VALUES (2023, 'a'), (2024, 'a'), (2024, 'a'), "
        "(2024, 'b')) t(jaar, k)"
    )
    s = TableSpec(
        id="x.figuur_7",
        number="Figuur 7",
        title_nl="t",
        source="s",
        unit="u",
        rows=Dimension("k", (Category("A", ("a",)), Category("B", ("b",)))),
        columns=(
            ColumnBlock("years", years=2),
            ColumnBlock("share", label="% 2024"),
            ColumnBlock("total", label="Aantal"),
            ColumnBlock("share", label="%"),
        ),
    )
    t = compute(con, s, 2024)
    assert t.column_labels == ["2023", "2024", "% 2024", "Aantal", "%"]
    assert [[c.value for c in r] for r in t.cells] == [[1, 2, 67, 2, 67], [0, 1, 33, 1, 33]]
