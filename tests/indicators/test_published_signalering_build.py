"""Chapter 3 of the Dadermonitor 2015-2019 as ``build --year 2019`` stores it: Tabel 3.1 with
one-decimal percentages and bounds beside its suppressed count, the full Tabel 3.2 with its
averages (0,90 per 10,000 inhabitants), Figuur 3.4's municipalities unrounded and Tabel B2.1's
class labels, read back from ``publicatie_cellen`` and compared with the report
(tests/fixtures/published/dadermonitor_2015_2019/)."""

from __future__ import annotations

import pytest

from ketenmonitor.config import Workspace
from ketenmonitor.disclosure import ProtectedTable
from ketenmonitor.indicators.build import build, stored_table
from ketenmonitor.indicators.dadermonitor_signalering import SIGNALERING
from ketenmonitor.warehouse import Warehouse
from tests.indicators.test_published_signalering import load_police, published

SPECS = {s.id: s for s in SIGNALERING}


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    from ketenmonitor.sources.pseudonym import generate_key

    home = tmp_path_factory.mktemp("signalering_build")
    workspace = Workspace(home)
    generate_key(workspace.key_file)
    load_police(workspace, home / "out").close()
    build(workspace, 2019, SIGNALERING)
    return workspace


def stored(ws: Workspace, name: str) -> ProtectedTable:
    table = stored_table(ws, SPECS[f"dadermonitor.{name}"], 2019)
    assert table is not None, name
    return table


def cbs10(n: int) -> str:
    """The catalogue's ``cbs`` rule: rounded to fives, 1-9 as '<10' (rules.toml)."""
    return "<10" if 0 < n < 10 else str(5 * ((n + 2) // 5))


def test_all_of_chapter_3_is_built_and_safe(ws: Workspace) -> None:
    with Warehouse(ws.warehouse, read_only=True) as wh:
        status = dict(
            wh.con.execute(
                "SELECT table_id, status FROM publicatie_audit WHERE jaar = 2019"
            ).fetchall()
        )
    assert status == {s.id: "safe" for s in SIGNALERING}


def test_tabel_3_1(ws: Workspace) -> None:
    """Counts as CBS rounds them; the percentages as the report prints them (one decimal);
    beside the suppressed count (the report: '<5', '<1%', '<0,3%') the bounds of the rule
    ('<10' of 1.225 and of 3.420: '<0,9%', '<0,3%')."""
    t = stored(ws, "tabel_3_1")
    rows = published("tabel_3_1")
    assert t.row_labels == [r["Delictscategorie"] for r in rows]
    for cells, row in zip(t.cells, rows, strict=True):
        count, *shares = list(row.values())[1:]
        if count == "<5":
            assert [c.text for c in cells] == ["<10", "<0,9%", "<0,3%"]
            assert [c.flag for c in cells] == ["primary"] * 3
            assert all(c.value is None for c in cells)
            continue
        assert cells[0].text == count and cells[0].flag == "rounded"
        assert [c.text for c in cells[1:]] == shares
        for c, text in zip(cells[1:], shares, strict=True):
            assert (c.kind, c.decimals, c.flag) == ("percent", 1, "exact")
            assert c.number == float(text.rstrip("%").replace(",", "."))


def test_tabel_3_2(ws: Workspace) -> None:
    """The full Tabel 3.2: counts under the ``cbs`` rule, the yearly average in whole incidents
    and per 10,000 inhabitants with two decimals, as the report prints them."""
    t = stored(ws, "tabel_3_2")
    assert t.column_labels[-2:] == ["Gemiddeld per jaar", "Gemiddeld per tienduizend inwoners"]
    for row in published("tabel_3_2"):
        cells = t.cells[t.row_labels.index(row["label"])]
        *counts, gemiddeld, per_10000 = list(row.values())[1:]
        assert (cells[6].text, cells[6].kind, cells[6].decimals) == (gemiddeld, "mean", 0)
        assert (cells[7].text, cells[7].kind, cells[7].decimals) == (per_10000, "mean", 2)
        assert cells[7].value == int(per_10000.replace(",", ""))
        total = int(counts[-1])
        assert cells[5].text == cbs10(total)


def test_figuur_3_4(ws: Workspace) -> None:
    """Municipalities are counted as they are (``cbs_gebieden``): 4 stays 4, 298 stays 298."""
    t = stored(ws, "figuur_3_4")
    got = {
        label: (row[0].text, row[0].flag) for label, row in zip(t.row_labels, t.cells, strict=True)
    }
    assert got == {r["label"]: (r["Aantal gemeenten"], "exact") for r in published("figuur_3_4")}


def test_tabel_b2_1(ws: Workspace) -> None:
    t = stored(ws, "tabel_b2_1")
    column = "Aantal geregistreerde mensenhandelincidenten in de periode 2015-2019"
    expected = {r["Pleeggemeente"]: r[column] for r in published("tabel_b2_1")}
    got = {label: row[0] for label, row in zip(t.row_labels, t.cells, strict=True)}
    assert {k: c.text for k, c in got.items()} == expected
    assert {(c.kind, c.value, c.flag) for c in got.values()} == {("label", None, "exact")}


def test_tabel_3_3(ws: Workspace) -> None:
    """Tabel 3.3 as built: the victims per form rounded to fives by the ``cbs`` rule, the
    percentages (shares of the victims with the trait known, ``Category.percent``) and mean ages
    in whole numbers, exactly as the report prints them ('18%', '26')."""
    t = stored(ws, "tabel_3_3")
    for row in published("tabel_3_3"):
        cells = t.cells[t.row_labels.index(row["label"])]
        texts = list(row.values())[2:]
        if row["kenmerk"] == "n":
            assert [(c.text, c.flag) for c in cells] == [(x, "rounded") for x in texts]
        else:
            assert [(c.text, c.kind, c.decimals) for c in cells] == [
                (x, "percent" if x.endswith("%") else "mean", 0) for x in texts
            ]
