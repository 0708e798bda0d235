"""Open data: a CSV per table equal to the stored cells, and a valid Frictionless data
package."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from ketenmonitor.disclosure import ProtectedCell, ProtectedTable
from ketenmonitor.indicators import Category, ColumnBlock, Dimension, TableSpec
from ketenmonitor.publish.opendata import resource_name, write_open_data
from ketenmonitor.publish.tables import Figure


def value_text(cell: ProtectedCell) -> str:
    """The CSV value expected: empty without a number shown, else the number with a point as
    decimal mark."""
    if cell.suppressed or cell.value is None:
        return ""
    if not cell.decimals:
        return str(cell.value)
    return f"{cell.value / 10**cell.decimals:.{cell.decimals}f}"


def decimal_figure() -> Figure:
    """A table with a count, a one-decimal percentage, a two-decimal mean, a class label and a
    large count, then a suppressed count with its percentage as a bound."""
    spec = TableSpec(
        "test.decimalen",
        "Tabel T",
        "Decimalen",
        "Bron: test",
        "units",
        Dimension("x", (Category("Vermogen"), Category("Doodslag"))),
        (ColumnBlock("total"),),
        disclosure="cbs",
    )
    table = ProtectedTable(
        spec.id,
        2019,
        spec.number,
        spec.title_nl,
        spec.source,
        "",
        (),
        ["Vermogen", "Doodslag"],
        ["Aantal", "Percentage", "Per 10.000", "Klasse", "Groot"],
        [
            [
                ProtectedCell("605", 605, "rounded"),
                ProtectedCell("49,3%", 493, "exact", 1, "percent"),
                ProtectedCell("0,90", 90, "exact", 2, "mean"),
                ProtectedCell("veel", None, "exact", 0, "label"),
                ProtectedCell("1013", 1013),
            ],
            [
                ProtectedCell("<10", None, "primary"),
                ProtectedCell("<0,3%", None, "primary", 1, "percent"),
                ProtectedCell("0,05", 5, "exact", 2, "mean"),
                ProtectedCell("weinig", None, "exact", 0, "label"),
                ProtectedCell("7", 7),
            ],
        ],
    )
    return Figure(spec, table)


def test_csv_per_table_equals_stored(
    stored: dict[str, ProtectedTable], out_nl: dict[str, Path]
) -> None:
    folder = out_nl["csv"].parent
    for tb in stored.values():
        path = folder / f"{resource_name(tb.id)}.csv"
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        expected = [
            (str(i), r, str(j), c, cell.text, value_text(cell), cell.flag)
            for i, (r, cells) in enumerate(zip(tb.row_labels, tb.cells, strict=True))
            for j, (c, cell) in enumerate(zip(tb.column_labels, cells, strict=True))
            if cell.text
        ]
        got = [
            (
                x["row_index"],
                x["row"],
                x["column_index"],
                x["column"],
                x["text"],
                x["value"],
                x["flag"],
            )
            for x in rows
        ]
        assert got == expected, tb.id
        assert {x["table"] for x in rows} == {tb.id}
        assert {x["year"] for x in rows} == {str(tb.year)}


def test_datapackage_lists_every_table(
    stored: dict[str, ProtectedTable], out_nl: dict[str, Path]
) -> None:
    desc = json.loads(out_nl["csv"].read_text(encoding="utf-8"))
    names = [r["name"] for r in desc["resources"]]
    # every table, and the estimated number of victims (test_pub_estimate)
    assert sorted(names) == sorted([*(resource_name(i) for i in stored), "schatting.slachtoffers"])
    for r in desc["resources"]:
        assert (out_nl["csv"].parent / r["path"]).exists()
        assert r["sources"][0]["title"].startswith("Bron")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_datapackage_validates(out_nl: dict[str, Path], out_en: dict[str, Path], lang: str) -> None:
    frictionless = pytest.importorskip("frictionless")
    path = (out_nl if lang == "nl" else out_en)["csv"]
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["type", "note"])[:10]


def test_a_broken_csv_fails_validation(out_nl: dict[str, Path], tmp_path: Path) -> None:
    """The validation above can fail: a flag outside the schema's enum is reported."""
    frictionless = pytest.importorskip("frictionless")
    import shutil

    folder = tmp_path / "od"
    shutil.copytree(out_nl["csv"].parent, folder)
    target = folder / f"{resource_name('jaarcijfers.figuur_2')}.csv"
    text = target.read_text(encoding="utf-8").replace(",primary", ",geheim", 1)
    target.write_text(text, encoding="utf-8")
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert not report.valid


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_decimal_numbers_are_typed_as_numbers(tmp_path: Path, lang: str) -> None:
    """A table with a number with decimals: ``value`` is a Table Schema ``number`` (49.3, 0.90),
    the text has the language's decimal mark, and the package validates."""
    path = write_open_data([decimal_figure()], tmp_path / lang, lang)
    desc = json.loads(path.read_text(encoding="utf-8"))
    [resource] = desc["resources"]
    types = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
    assert types["value"] == "number"
    with (tmp_path / lang / resource["path"]).open(encoding="utf-8", newline="") as f:
        rows = {
            (x["row_index"], x["column_index"]): (x["text"], x["value"]) for x in csv.DictReader(f)
        }
    mark = "," if lang == "nl" else "."
    assert rows[("0", "1")] == (f"49{mark}3%", "49.3")
    assert rows[("0", "2")] == (f"0{mark}90", "0.90")
    assert rows[("0", "3")] == ("veel", "")
    assert rows[("0", "4")] == ("1013", "1013")
    assert rows[("1", "1")] == (f"<0{mark}3%", "")
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["type", "note"])[:10]


def test_whole_numbers_stay_integers(
    stored: dict[str, ProtectedTable], out_nl: dict[str, Path]
) -> None:
    desc = json.loads(out_nl["csv"].read_text(encoding="utf-8"))
    types = {
        r["name"]: next(f["type"] for f in r["schema"]["fields"] if f["name"] == "value")
        for r in desc["resources"]
    }
    assert types[resource_name("jaarcijfers.figuur_2")] == "integer"
    assert types[resource_name("dadermonitor.tabel_3_1")] == "number"
