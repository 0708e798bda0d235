"""Number formatting and headline rules on hand-made protected tables."""

from __future__ import annotations

import pytest

from ketenmonitor.disclosure import ProtectedCell, ProtectedTable
from ketenmonitor.publish.text import (
    display_text,
    fmt_int,
    fmt_pct,
    headlines,
    spoken,
    undisplay,
)


def _figure_1(before: ProtectedCell, after: ProtectedCell) -> dict[str, ProtectedTable]:
    tb = ProtectedTable(
        id="jaarcijfers.figuur_1",
        year=2024,
        number="Figuur 1",
        title="t",
        source="Bron: x",
        row_header="",
        notes=(),
        row_labels=["Geregistreerde slachtoffers"],
        column_labels=["2023", "2024"],
        cells=[[before, after]],
    )
    return {tb.id: tb}


def test_number_formats() -> None:
    assert fmt_int(1013, "nl") == "1.013" and fmt_int(1013, "en") == "1,013"
    assert fmt_int(1234567, "nl") == "1.234.567"
    assert fmt_int(944, "nl") == "944"
    assert fmt_pct(9, "nl") == "9%"
    cell = ProtectedCell("1013", 1013)
    assert display_text(cell, "nl") == "1.013" and undisplay("1.013", "nl") == "1013"
    assert display_text(ProtectedCell("52%", 52), "nl") == "52%"
    assert display_text(ProtectedCell("<5", None, "primary"), "nl") == "<5"
    assert undisplay("<10", "en") == "<10" and undisplay("1,013", "en") == "1013"
    assert spoken(ProtectedCell("<5", None, "primary"), "nl") == "minder dan 5"
    assert spoken(ProtectedCell("180", 180, "rounded"), "en") == "about 180"
    with pytest.raises(ValueError):
        fmt_int(1, "xx")


def test_exact_change_is_claimed() -> None:
    h = headlines(_figure_1(ProtectedCell("868", 868), ProtectedCell("944", 944)), 2024, "nl")
    head = h["jaarcijfers.figuur_1"]
    assert head.claims_change and head.numbers == {"value": 944, "prev_value": 868, "diff": 76}
    assert head.sentences[1] == "Dat zijn er 76 meer dan het jaar daarvoor."
    down = headlines(_figure_1(ProtectedCell("1013", 1013), ProtectedCell("791", 791)), 2024, "nl")
    assert down["jaarcijfers.figuur_1"].sentences == [
        "In 2024 zijn er 791 slachtoffers van mensenhandel gemeld bij CoMensha.",
        "Dat zijn er 222 minder dan het jaar daarvoor.",
    ]
    big = headlines(_figure_1(ProtectedCell("10", 10), ProtectedCell("1013", 1013)), 2024, "nl")
    assert "1.013 slachtoffers" in big["jaarcijfers.figuur_1"].sentences[0]
    assert "1.003 meer" in big["jaarcijfers.figuur_1"].sentences[1]


@pytest.mark.parametrize(
    ("before", "after", "reason"),
    [
        (ProtectedCell("<5", None, "primary"), ProtectedCell("944", 944), "onderdrukt"),
        (ProtectedCell("868", 868), ProtectedCell(".", None, "secondary"), "onderdrukt"),
        (ProtectedCell("870", 870, "rounded"), ProtectedCell("945", 945, "rounded"), "afgerond"),
        (ProtectedCell("868", 868), ProtectedCell("945", 945, "rounded"), "afgerond"),
    ],
)
def test_no_change_claimed_over_suppressed_or_rounded(
    before: ProtectedCell, after: ProtectedCell, reason: str
) -> None:
    head = headlines(_figure_1(before, after), 2024, "nl")["jaarcijfers.figuur_1"]
    assert not head.claims_change
    assert "diff" not in head.numbers and not head.title
    assert "niet vast te stellen" in head.sentences[-1] and reason in head.sentences[-1]
    assert "meer dan het jaar" not in " ".join(head.sentences)


def test_rows_percent_rule() -> None:
    """Percent changes follow the report's rule: 333 -> 364 is +9%, 135 -> 123 is -9%."""
    tb = ProtectedTable(
        id="jaarcijfers.figuur_2",
        year=2024,
        number="Figuur 2",
        title="t",
        source="s",
        row_header="",
        notes=(),
        row_labels=[
            "Internationale seksuele uitbuiting",
            "Binnenlandse seksuele uitbuiting",
            "Gedwongen orgaanverwijdering",
        ],
        column_labels=["2023", "2024"],
        cells=[
            [ProtectedCell("333", 333), ProtectedCell("364", 364)],
            [ProtectedCell("135", 135), ProtectedCell("123", 123)],
            [ProtectedCell("<5", None, "primary"), ProtectedCell("<5", None, "primary")],
        ],
    )
    head = headlines({tb.id: tb}, 2024, "en")["jaarcijfers.figuur_2"]
    assert head.numbers == {
        "Internationale seksuele uitbuiting": 9,
        "Binnenlandse seksuele uitbuiting": -9,
    }
    assert head.sentences[1] == (
        "The number of reported victims of domestic sexual exploitation fell by 9% in 2024 "
        "compared with 2023."
    )
    assert "cannot be determined" in head.sentences[2]


def test_missing_year_or_row_gives_no_headline() -> None:
    tables = _figure_1(ProtectedCell("868", 868), ProtectedCell("944", 944))
    assert headlines(tables, 2030, "nl") == {}
    tables["jaarcijfers.figuur_1"].row_labels = ["iets anders"]
    assert headlines(tables, 2024, "nl") == {}


def test_labels_inside_sentences() -> None:
    from ketenmonitor.publish.text import _inline

    assert _inline("Criminele uitbuiting") == "criminele uitbuiting"
    assert _inline("KMar") == "KMar" and _inline("FairWork") == "FairWork"
    assert _inline("NLA (Netherlands Labour Authority)") == "NLA (Netherlands Labour Authority)"
    assert _inline("Other/unknown") == "other/unknown"


@pytest.mark.parametrize(
    ("cell", "nl", "en"),
    [
        (ProtectedCell("49,3%", 493, "exact", 1, "percent"), "49,3%", "49.3%"),
        (ProtectedCell("<0,3%", None, "primary", 1, "percent"), "<0,3%", "<0.3%"),
        (ProtectedCell("0,90", 90, "exact", 2, "mean"), "0,90", "0.90"),
        (ProtectedCell("12345,6", 123456, "exact", 1, "mean"), "12.345,6", "12,345.6"),
        (
            ProtectedCell("minder dan 10 incidenten", None, kind="label"),
            *["minder dan 10 incidenten"] * 2,
        ),
    ],
)
def test_decimals_in_both_languages(cell: ProtectedCell, nl: str, en: str) -> None:
    assert display_text(cell, "nl") == nl and display_text(cell, "en") == en
    assert undisplay(nl, "nl") == cell.text and undisplay(en, "en") == cell.text
