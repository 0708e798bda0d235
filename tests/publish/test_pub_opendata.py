"""Open data: a CSV per table equal to the stored cells, and a valid Frictionless data
package."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from ketenmonitor.disclosure import ProtectedTable
from ketenmonitor.publish.opendata import resource_name


def test_csv_per_table_equals_stored(
    stored: dict[str, ProtectedTable], out_nl: dict[str, Path]
) -> None:
    folder = out_nl["csv"].parent
    for tb in stored.values():
        path = folder / f"{resource_name(tb.id)}.csv"
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        expected = [
            (str(i), r, str(j), c, cell.text, "" if cell.suppressed else str(cell.value), cell.flag)
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
