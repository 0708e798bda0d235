"""Disclosure control: what may be published of a computed table.

The rules live in one data file, ``rules.toml`` (per source and per table: rounding base,
frequency threshold, dominance rule for magnitudes, protection level, what a suppressed cell
shows, how secondary suppression is done, footnotes in Dutch and English); ``rules.py`` reads
it. Publication code only ever receives a ``ProtectedTable``, whose cells carry their text,
their number (None when suppressed) and a flag: ``exact``, ``rounded``, ``primary`` or
``secondary`` (suppressed).

- ``protect(table)``: the table's own rule, one table at a time (primary suppression, rounding,
  delivered tables passed through). What the published Jaarcijfers tables show.
- ``protect_catalogue(con, tables)``: every table of a publication together: primary
  suppression, secondary suppression where the rule allows it, and the audit
  (``catalogue.py``): the interval an attacker can derive for every suppressed cell from
  everything published over the same units. ``indicators.build`` stores nothing when a table
  is unsafe.
- ``tables.py``: additive tables (margins, hierarchies, linked tables): secondary suppression
  by MILP or heuristic, controlled rounding, the audit. ``lp.py``: the attacker's LP.

Source rules as published (Jaarcijfers 2024): ``comensha``, ``emm``, ``om``: counts of 1 to 4
are ``<5``, 0 stays 0, percentages from unrounded counts; ``ind``, ``rechtspraak``: the partner
delivers rounded to fives with ``<10``, passed through; means are shown as computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ketenmonitor.disclosure.rules import Rule, Rules, load_rules
from ketenmonitor.indicators import ComputedTable

Flag = Literal["exact", "rounded", "primary", "secondary"]

__all__ = [
    "Flag",
    "ProtectedCell",
    "ProtectedTable",
    "Rule",
    "Rules",
    "load_rules",
    "protect",
    "protect_catalogue",
]


@dataclass(frozen=True)
class ProtectedCell:
    text: str
    """As published: ``213``, ``<5``, ``52%``, ``.``."""
    value: int | None
    """The number shown, or None for a suppressed cell."""
    flag: Flag = "exact"
    """``exact``, ``rounded`` (to the rule's base, or by the partner), ``primary`` or
    ``secondary`` (suppressed). Percentages, means and blank cells are ``exact``."""

    @property
    def suppressed(self) -> bool:
        return self.flag in ("primary", "secondary")


@dataclass
class ProtectedTable:
    id: str
    year: int
    number: str
    title: str
    source: str
    row_header: str
    notes: tuple[str, ...]
    row_labels: list[str]
    column_labels: list[str]
    cells: list[list[ProtectedCell]]
    footnote_nl: str = ""
    """The disclosure note of the table's rule (``rules.toml``)."""
    footnote_en: str = ""
    rule: str = ""
    """The table's ``disclosure`` name."""


def _texts(status: object) -> ProtectedTable:
    from ketenmonitor.disclosure.catalogue import Status

    assert isinstance(status, Status)
    table, rule = status.table, status.rule
    cells: list[list[ProtectedCell]] = []
    for row, flags, shown in zip(table.cells, status.flags, status.shown, strict=True):
        out: list[ProtectedCell] = []
        for cell, flag, value in zip(row, flags, shown, strict=True):
            if cell.blank:
                out.append(ProtectedCell("", None))
            elif flag == "primary":
                text = f"<{cell.below}" if cell.value is None and cell.below else rule.replacement
                out.append(ProtectedCell(text, None, "primary"))
            elif flag == "secondary":
                out.append(ProtectedCell(rule.secondary_replacement, None, "secondary"))
            elif cell.mean:
                out.append(ProtectedCell("" if cell.value is None else str(cell.value), cell.value))
            elif cell.percent:  # as computed, or from the rounded counts (controlled rounding)
                out.append(ProtectedCell(f"{value}%", value))
            else:
                assert flag in ("exact", "rounded")
                out.append(ProtectedCell(str(value), value, flag))  # type: ignore[arg-type]
        cells.append(out)
    s = table.spec
    return ProtectedTable(
        id=s.id,
        year=table.year,
        number=s.number,
        title=s.title_nl,
        source=s.source,
        row_header=s.row_header,
        notes=s.notes,
        row_labels=list(table.row_labels),
        column_labels=list(table.column_labels),
        cells=cells,
        footnote_nl=rule.footnote_nl,
        footnote_en=rule.footnote_en,
        rule=s.disclosure,
    )


def protect(table: ComputedTable, rules: Rules | None = None) -> ProtectedTable:
    """Apply the table's own disclosure rule to every cell (no secondary suppression, no
    audit: ``protect_catalogue`` does those over all tables of a publication)."""
    from ketenmonitor.disclosure.catalogue import primary_status

    rules = rules or load_rules()
    return _texts(primary_status(table, rules.rule(table.spec.disclosure, table.spec.id)))


def protect_catalogue(
    con: object, tables: list[ComputedTable], rules: Rules | None = None
) -> tuple[list[ProtectedTable], object]:
    """Protect all tables of a publication together and audit them; returns the protected
    tables and the ``catalogue.AuditReport`` (the caller decides what an unsafe report means:
    ``indicators.build`` refuses to store)."""
    import duckdb

    from ketenmonitor.disclosure.catalogue import protect_and_audit

    assert isinstance(con, duckdb.DuckDBPyConnection)
    status, report = protect_and_audit(con, tables, rules)
    return [_texts(s) for s in status], report
