"""Disclosure control: what may be published of a computed table.

This first version applies the small-cell rules the published tables show; the disclosure-control
issue extends it with CBS rounding, secondary suppression and an audit. Publication code only
ever receives a ``ProtectedTable``.

Rules (by the ``disclosure`` name of a ``TableSpec``):

- ``comensha``: counts of 1 to 4 are shown as ``<5``; 0 stays 0 (Jaarcijfers 2024, Figures 2-9,
  12 and Tabel 1 show both ``0`` and ``<5``). Percentages are computed from unrounded counts and
  shown as they are.
- ``emm``, ``om``: as ``comensha`` (Jaarcijfers 2024, Figures 13-19 and 22-24 show ``<5``).
- ``ind``, ``rechtspraak``: the partner delivers its tables already rounded to fives with small
  cells as ``<10`` (Jaarcijfers 2024, section 4: "geen bewerkingen"); they pass through unchanged.
- Means (an average age) are not counts and are shown as computed; blank cells stay blank.
"""

from __future__ import annotations

from dataclasses import dataclass

from ketenmonitor.indicators import Cell, ComputedTable

SMALL_CELL = {"comensha": 5, "emm": 5, "om": 5}
PASS_THROUGH = {"ind", "rechtspraak"}


@dataclass(frozen=True)
class ProtectedCell:
    text: str
    """As published: ``213``, ``<5``, ``52%``."""
    value: int | None
    """The number shown, or None for a suppressed cell."""


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


def _protect_cell(cell: Cell, rule: str) -> ProtectedCell:
    if cell.blank:
        return ProtectedCell("", None)
    if cell.mean:
        return ProtectedCell("" if cell.value is None else str(cell.value), cell.value)
    if cell.percent:
        return ProtectedCell(f"{cell.value}%", cell.value)
    if cell.value is None:
        assert cell.below is not None
        return ProtectedCell(f"<{cell.below}", None)
    if rule in PASS_THROUGH:
        return ProtectedCell(str(cell.value), cell.value)
    threshold = SMALL_CELL[rule]
    if 0 < cell.value < threshold:
        return ProtectedCell(f"<{threshold}", None)
    return ProtectedCell(str(cell.value), cell.value)


def protect(table: ComputedTable) -> ProtectedTable:
    """Apply the table's disclosure rule to every cell."""
    rule = table.spec.disclosure
    if rule not in SMALL_CELL and rule not in PASS_THROUGH:
        raise ValueError(f"table {table.spec.id}: unknown disclosure rule {rule!r}")
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
        cells=[[_protect_cell(c, rule) for c in row] for row in table.cells],
    )
