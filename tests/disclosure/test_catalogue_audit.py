"""The audit of the synthetic catalogue: the report's own '<5' pattern is kept, and where the
report's pattern is recoverable the audit says so (docs/disclosure.md)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ketenmonitor.config import Workspace
from ketenmonitor.disclosure.catalogue import AuditReport, UnsafeTables, dominated
from ketenmonitor.disclosure.rules import load_rules
from ketenmonitor.indicators import compute
from ketenmonitor.indicators.build import audit_catalogue, build, prepare
from ketenmonitor.indicators.jaarcijfers import CATALOGUE
from ketenmonitor.warehouse import Warehouse


@pytest.fixture(scope="module")
def report(victim_workspace: Workspace) -> AuditReport:
    return audit_catalogue(victim_workspace, 2024)[1]


def test_the_reports_pattern_is_recoverable_where_documented(report: AuditReport) -> None:
    by_id = {t.table_id: t for t in report.tables}
    f9 = by_id["jaarcijfers.figuur_9"]
    assert f9.status == "accepted"
    # Overig 2020 is the only '<5' of its column: Figuur 1 gives it back
    assert any(r == "Overig" and c == "2020" and hi - lo < 1e-6 for r, c, lo, hi in f9.unsafe)
    f7 = by_id["jaarcijfers.figuur_7"]
    assert any(r == "Arbeidsuitbuiting" and hi - lo < 1e-6 for r, c, lo, hi in f7.unsafe)
    assert report.ok  # every finding is recorded as accepted in rules.toml


def test_delivered_tables_are_safe(report: AuditReport) -> None:
    by_id = {t.table_id: t for t in report.tables}
    assert by_id["jaarcijfers.figuur_11"].status == "safe"


def test_build_refuses_unsafe_tables(
    victim_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = load_rules()
    strict = replace(rules, sources={**rules.sources, "comensha": {"secondary": "none"}}, tables={})
    import ketenmonitor.disclosure.catalogue as cat

    monkeypatch.setattr(cat, "load_rules", lambda: strict)
    with pytest.raises(UnsafeTables):
        build(victim_workspace, 2024)


def test_flags(victim_workspace: Workspace) -> None:
    from ketenmonitor.disclosure import protect

    with Warehouse(victim_workspace.warehouse) as wh:
        prepare(wh.con)
        s = next(s for s in CATALOGUE if s.id == "jaarcijfers.figuur_11")
        t = protect(compute(wh.con, s, 2024))
    flags = {c.flag for row in t.cells for c in row}
    assert flags <= {"rounded", "primary"} and "primary" in flags


def test_dominance_rule() -> None:
    assert dominated([1000, 10, 10], 1, 85.0)
    assert not dominated([100, 90, 80], 1, 85.0)


def test_full_protection_makes_every_table_safe(victim_workspace: Workspace) -> None:
    """With secondary suppression allowed everywhere and nothing accepted, the repair leaves no
    suppressed cell narrower than the protection level, changes no published count, and hides
    the percentage of every suppressed count."""
    from ketenmonitor.disclosure import protect_catalogue

    strict = load_rules().everywhere(secondary="auto", accept="")
    with Warehouse(victim_workspace.warehouse) as wh:
        prepare(wh.con)
        computed = [compute(wh.con, s, 2024) for s in CATALOGUE if s.sources == ("comensha",)]
        tables, report = protect_catalogue(wh.con, computed, strict)
    assert report.ok and not report.accepted
    assert sum(t.secondary for t in report.tables) > 0
    for c, t in zip(computed, tables, strict=True):
        for crow, prow in zip(c.cells, t.cells, strict=True):
            for cell, shown in zip(crow, prow, strict=True):
                if shown.flag == "exact" and not (cell.percent or cell.mean or cell.blank):
                    assert shown.value == cell.value
    # Figuur 7: Aantal, Percentage; the published pattern's '<5' with '5%' gave the count back
    f7 = next(t for t in tables if t.id == "jaarcijfers.figuur_7")
    assert any(count.suppressed for count, _ in f7.cells)
    for count, share in f7.cells:
        assert share.suppressed == count.suppressed


def test_controlled_rounding_as_a_tables_rule(victim_workspace: Workspace) -> None:
    """``secondary = "rounding"``: every count of the table goes to a neighbouring multiple of
    five (nothing suppressed), a total row still is the sum of the rows above it, percentages
    are those of the rounded counts, and the audit passes."""
    from ketenmonitor.disclosure import protect_catalogue
    from ketenmonitor.disclosure.rules import Rules
    from ketenmonitor.indicators import Category

    rules = load_rules()
    chosen = Rules(
        rules.defaults, {**rules.sources, "comensha": {"secondary": "rounding", "accept": ""}}, {}
    )
    by_id = {s.id: s for s in CATALOGUE}
    f9 = by_id["jaarcijfers.figuur_9"]  # origin (single-valued) by year and by form
    with_total = replace(
        f9,
        id="test.figuur_9_met_totaal",
        rows=replace(f9.rows, categories=(*f9.rows.categories, Category("Totaal"))),
    )
    specs = [with_total, by_id["jaarcijfers.figuur_7"]]
    with Warehouse(victim_workspace.warehouse) as wh:
        prepare(wh.con)
        computed = [compute(wh.con, s, 2024) for s in specs]
        tables, report = protect_catalogue(wh.con, computed, chosen)
    assert report.ok
    for c, t in zip(computed, tables, strict=True):
        for crow, prow in zip(c.cells, t.cells, strict=True):
            for cell, shown in zip(crow, prow, strict=True):
                if cell.percent or cell.blank or cell.mean:
                    continue
                assert shown.flag == "rounded" and shown.value is not None
                assert shown.value % 5 == 0 and abs(shown.value - int(cell.value or 0)) < 5
    t9, t7 = tables
    # the raw table adds up (every victim has one origin) and so does the rounded one
    for table in (computed[0], t9):
        for j in range(len(t9.column_labels)):
            column = [int(row[j].value or 0) for row in table.cells]
            assert sum(column[:-1]) == column[-1]
    assert any(  # rounding that ignored the relation would not add up everywhere
        sum(round(int(row[j].value or 0) / 5) * 5 for row in computed[0].cells[:-1])
        != round(int(computed[0].cells[-1][j].value or 0) / 5) * 5
        for j in range(len(t9.column_labels))
    )
    whole = sum(row[0].value or 0 for row in t7.cells)
    for count, share in t7.cells:
        assert share.value == int((200 * (count.value or 0) + whole) // (2 * whole))
