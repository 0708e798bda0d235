"""Cells with decimals, class labels and the percentages of suppressed counts through the
disclosure layer (docs/disclosure.md, "Decimals, bounds and labels"), on small tables in an
in-memory DuckDB."""

from __future__ import annotations

from dataclasses import replace

import duckdb
import pytest

from ketenmonitor.disclosure import ProtectedTable, protect, protect_catalogue, scaled_text
from ketenmonitor.disclosure.catalogue import AuditReport
from ketenmonitor.disclosure.rules import Rules, load_rules, parse_rules
from ketenmonitor.indicators import Category, ColumnBlock, Dimension, TableSpec, compute
from ketenmonitor.publish.text import display_text

FEITEN = Dimension(
    "feiten",
    (Category("Vermogen", ("V",)), Category("Drugs", ("D",)), Category("Doodslag", ("X",))),
    multi=True,
)


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    """1,225 units with an offence besides the main one (604 Vermogen, 20 Drugs, 3 Doodslag;
    601 'other', in no row) and 2,195 without: 3,420 in all, as in Dadermonitor Tabel 3.1."""
    c = duckdb.connect()
    c.execute(
        "CREATE TABLE units AS "
        "SELECT 2019 AS jaar, CASE WHEN i < 604 THEN ['V'] WHEN i < 624 THEN ['D'] "
        "WHEN i < 627 THEN ['X'] WHEN i < 1225 THEN ['O'] ELSE []::VARCHAR[] END AS feiten, "
        "i AS n FROM range(3420) t(i)"
    )
    return c


def spec(disclosure: str = "cbs") -> TableSpec:
    return TableSpec(
        id="test.tabel_3_1",
        number="Tabel 3.1",
        title_nl="Overige feiten",
        source="Bron: test",
        unit="units",
        rows=FEITEN,
        columns=(
            ColumnBlock("total", label="Aantal"),
            ColumnBlock("share", label="Van met feit", base="len(u.feiten) > 0", decimals=1),
            ColumnBlock("share", label="Van alle", base="true", decimals=1),
        ),
        disclosure=disclosure,
    )


def cells(t: ProtectedTable) -> dict[str, list[tuple[str, int | None, str]]]:
    return {
        r: [(c.text, c.value, c.flag) for c in row]
        for r, row in zip(t.row_labels, t.cells, strict=True)
    }


def test_percentages_keep_their_decimals_and_bounds_follow_the_threshold(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """604 of 1,225 is 49,3% (value 493, one decimal), of 3,420 17,7%; the suppressed '<10'
    (3) has as percentages the bounds 100 * 10 / 1,225 = 0,82 -> '<0,9%' and 100 * 10 / 3,420
    = 0,29 -> '<0,3%' (rounded up to the decimal)."""
    [t], report = protect_catalogue(con, [compute(con, spec(), 2019)])
    assert isinstance(report, AuditReport)
    assert report.ok
    got = cells(t)
    assert got["Vermogen"] == [
        ("605", 605, "rounded"),
        ("49,3%", 493, "exact"),
        ("17,7%", 177, "exact"),
    ]
    assert got["Drugs"] == [("20", 20, "rounded"), ("1,6%", 16, "exact"), ("0,6%", 6, "exact")]
    assert got["Doodslag"] == [
        ("<10", None, "primary"),
        ("<0,9%", None, "primary"),
        ("<0,3%", None, "primary"),
    ]
    vermogen = t.cells[0][1]
    assert (vermogen.decimals, vermogen.kind, vermogen.number) == (1, "percent", 49.3)
    assert display_text(vermogen, "nl") == "49,3%" and display_text(vermogen, "en") == "49.3%"
    bound = t.cells[2][2]
    assert (bound.kind, bound.decimals, bound.suppressed) == ("percent", 1, True)
    assert display_text(bound, "nl") == "<0,3%" and display_text(bound, "en") == "<0.3%"
    audit = report.tables[0]
    assert audit.primary == 3 and audit.status == "safe"


def _rules(extra: str) -> Rules:
    base = load_rules()
    return Rules(base.defaults, {**base.sources, **parse_rules(extra).sources}, base.tables)


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("hidden", [(".", None, "secondary"), (".", None, "secondary")]),
        ("shown", [("0,2%", 2, "exact"), ("0,1%", 1, "exact")]),
        ("bound", [("<0,9%", None, "primary"), ("<0,3%", None, "primary")]),
    ],
)
def test_the_percentage_of_a_suppressed_count_follows_the_rule(
    con: duckdb.DuckDBPyConnection, mode: str, expected: list[tuple[str, int | None, str]]
) -> None:
    rules = _rules(
        f'[source.probe]\nrounding = 5\nthreshold = 10\nreplacement = "<10"\n'
        f'secondary = "none"\nsuppressed_percent = "{mode}"\n'
    )
    [t], _ = protect_catalogue(con, [compute(con, spec("probe"), 2019)], rules)
    assert cells(t)["Doodslag"][1:] == expected


def test_a_bound_needs_the_base(con: duckdb.DuckDBPyConnection) -> None:
    """``protect`` alone does not count a share's base units: the percentage of a suppressed
    count is hidden rather than bounded from a guess."""
    t = protect(compute(con, spec(), 2019))
    assert cells(t)["Doodslag"][1:] == [(".", None, "secondary"), (".", None, "secondary")]
    assert cells(t)["Vermogen"][1] == ("49,3%", 493, "exact")


def test_means_keep_their_decimals_and_classes_are_labels(
    con: duckdb.DuckDBPyConnection,
) -> None:
    s = TableSpec(
        id="test.gemiddeld",
        number="Tabel X",
        title_nl="Gemiddeld",
        source="Bron: test",
        unit="units",
        rows=FEITEN,
        columns=(
            ColumnBlock(
                "measure", label="Per tienduizend", expr="count(*) / 3420 * 10000 / 7", decimals=2
            ),
            ColumnBlock(
                "measure",
                label="Klasse",
                expr="count(*)",
                classes=((10, "minder dan 10"), (None, "10 of meer")),
            ),
        ),
        disclosure="cbs",
    )
    t = protect(compute(con, s, 2019))
    per, klasse = t.cells[0]
    # 604 / 3420 * 10000 / 7 = 252,30...
    assert (per.text, per.value, per.decimals, per.kind, per.flag) == (
        "252,30",
        25230,
        2,
        "mean",
        "exact",
    )
    assert display_text(per, "en") == "252.30" and display_text(per, "nl") == "252,30"
    assert (klasse.text, klasse.value, klasse.kind, klasse.flag) == (
        "10 of meer",
        None,
        "label",
        "exact",
    )
    assert t.cells[2][1].text == "minder dan 10"  # Doodslag: 3


def test_areas_are_neither_rounded_nor_suppressed(con: duckdb.DuckDBPyConnection) -> None:
    """``cbs_gebieden`` (rules.toml): counts of municipalities as they are, 1-9 included."""
    s = TableSpec(
        id="test.gemeenten",
        number="Figuur X",
        title_nl="Gemeenten",
        source="Bron: test",
        unit="units",
        rows=FEITEN,
        columns=(ColumnBlock("total", label="Aantal gemeenten"),),
        disclosure="cbs_gebieden",
    )
    [t], report = protect_catalogue(con, [compute(con, s, 2019)])
    assert isinstance(report, AuditReport)
    assert [c.text for row in t.cells for c in row] == ["604", "20", "3"]
    assert {c.flag for row in t.cells for c in row} == {"exact"}
    assert report.ok and report.tables[0].suppressed == 0
    rule = load_rules().rule("cbs_gebieden")
    assert rule.footnote_nl and rule.footnote_en
    cbs = protect(compute(con, replace(s, disclosure="cbs"), 2019))
    assert [c.text for row in cbs.cells for c in row] == ["605", "20", "<10"]


def test_scaled_text() -> None:
    assert scaled_text(493, 1) == "49,3" and scaled_text(90, 2) == "0,90"
    assert scaled_text(-5, 1) == "-0,5" and scaled_text(213) == "213"


def test_an_unknown_suppressed_percent_is_refused() -> None:
    with pytest.raises(ValueError, match="suppressed_percent"):
        parse_rules('[defaults]\nsuppressed_percent = "maybe"\n')


def test_a_text_publishes_its_value_only_when_it_states_it() -> None:
    """An engine cell with a text (a class label, the chain figure's '>200' or '65-70%'): the
    text is published, the number only when the text shows that number (qualified or not)."""
    from ketenmonitor.indicators import Cell, ComputedTable

    s = TableSpec(
        "test.tekst",
        "Figuur T",
        "Tekst",
        "Bron: test",
        "units",
        FEITEN,
        (),
        disclosure="emm_dadermonitor",
    )
    table = ComputedTable(s, 2019, ["Fase"], ["Aantal", "Bereik", "Doorstroom", "Klasse", "Deel"])
    table.cells.append(
        [
            Cell(145, mean=True, text="145"),
            Cell(200, mean=True, text=">200"),
            Cell(65, percent=True, text="65-70%"),
            Cell(7, mean=True, text="minder dan 10"),
            Cell(60, percent=True, text="60%"),
        ]
    )
    got = [(c.text, c.value, c.kind) for c in protect(table).cells[0]]
    assert got == [
        ("145", 145, "mean"),
        (">200", 200, "mean"),  # the text qualifies its own number: a bar can be drawn
        ("65-70%", 65, "percent"),
        ("minder dan 10", None, "label"),
        ("60%", 60, "percent"),
    ]


def test_a_text_keeps_its_number_only_when_it_shows_that_number() -> None:
    from ketenmonitor.disclosure import _text_cell

    # the chain figure qualifies its own numbers: the number stays (a bar can be drawn)
    assert _text_cell(">200", 200, 0, "mean").value == 200
    assert _text_cell("≥180", 180, 0, "mean").value == 180
    assert _text_cell("≈95-105", 95, 0, "mean").value == 95
    assert _text_cell("65-70%", 65, 0, "percent").value == 65
    # a class label never gives its count away, not even when the count is a class bound
    assert _text_cell("10 tot 20 incidenten", 10, 0, "mean").value is None
    assert _text_cell("minder dan 10 incidenten", 3, 0, "mean").value is None
    assert _text_cell("<5", 3, 0, "mean").value is None
    assert _text_cell(">200", 201, 0, "mean").value is None
