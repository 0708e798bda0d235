"""Declarative tables: a ``TableSpec`` says what a published figure is, the engine computes it.

A spec names the unit counted (a view the domain rules create, such as ``slachtoffers``), an
optional filter, the row dimension and one or more column blocks: the years of the reporting
window (Y-4..Y) or a breakdown for the reporting year, or the share of each row in a block. The
engine turns the spec into one SQL query with a conditional count per cell and runs it in DuckDB;
no figure is special-cased in Python. A multi-valued dimension (forms, sectors, melders) counts a
unit once in every category it has, so breakdowns add up to more than the total; a category can
also be *exclusive* ("uitsluitend onbekend"): the unit's values all lie in the category.

Cells leave the engine unprotected (``Cell``). Only ``disclosure.protect`` turns them into what
may be published.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import duckdb

REPORTING_YEAR = "$Y"
"""In ``TableSpec.blank``: the column of the reporting year, whatever year is built."""


def _lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@dataclass(frozen=True)
class Category:
    """One row or column of a table: the units whose dimension value lies in ``codes``.

    ``codes`` empty means every unit (a total). With ``only`` the category holds the units whose
    values (of a multi-valued dimension) *all* lie in ``codes`` ("uitsluitend onbekend").
    """

    label_nl: str
    codes: tuple[str, ...] = ()
    label_en: str = ""
    only: bool = False
    measure: str | None = None
    """An aggregate over the units of each cell instead of their count, e.g.
    ``avg(u.leeftijd)`` for a row "Gemiddelde leeftijd" (rounded to a whole number, half away
    from zero, and not a count, so not subject to small-cell rules)."""
    sql: str | None = None
    """A condition over the unit (alias ``u``) instead of ``codes``, for a category the
    dimension's column cannot express (Figuur 9's "Seksuele uitbuiting" counts the registered
    form, which also holds victims whose form is neither domestic nor international)."""


@dataclass(frozen=True)
class Dimension:
    """A column of the unit view and how its values group into categories."""

    column: str
    categories: tuple[Category, ...] = ()
    multi: bool = False
    empty_as: str | None = None
    """For a multi-valued column: the code an empty or missing list counts as."""
    top: int = 0
    """Not fixed categories but the ``top`` most frequent values in the reporting year."""
    codelist: str | None = None
    """Code list whose Dutch labels name the values of a ``top`` dimension."""

    def values(self, alias: str = "u") -> str:
        col = f"{alias}.{self.column}"
        if self.multi and self.empty_as is not None:
            return (
                f"(CASE WHEN len(coalesce({col}, []::VARCHAR[])) = 0 "
                f"THEN [{_lit(self.empty_as)}] ELSE {col} END)"
            )
        if self.multi:
            return f"coalesce({col}, []::VARCHAR[])"
        return col

    def condition(self, cat: Category, alias: str = "u") -> str:
        if cat.sql is not None:
            return f"({cat.sql})"
        if not cat.codes:
            return "true"
        codes = ", ".join(_lit(c) for c in cat.codes)
        values = self.values(alias)
        if self.multi and cat.only:
            return f"(len({values}) > 0 AND list_has_all([{codes}], {values}))"
        if self.multi:
            return f"list_has_any({values}, [{codes}])"
        return f"{values} IN ({codes})"


@dataclass(frozen=True)
class ColumnBlock:
    """A group of columns: ``years`` (Y-4..Y), a ``breakdown`` of the reporting year (or, with
    ``window``, of the whole window Y-4..Y: "per vorm (totaal 2020-2024)"), the ``total`` of the
    reporting year, or the ``share`` in percent of each row's value in the column before it
    (whole percents, from unrounded counts, as the report computes them)."""

    kind: Literal["years", "breakdown", "share", "total"]
    dimension: Dimension | None = None
    years: int = 5
    label: str = ""
    window: bool = False


@dataclass(frozen=True)
class TableSpec:
    id: str
    number: str
    title_nl: str
    source: str
    unit: str
    rows: Dimension
    columns: tuple[ColumnBlock, ...]
    row_header: str = ""
    title_en: str = ""
    where: str = "true"
    notes: tuple[str, ...] = ()
    disclosure: str = "comensha"
    value: Literal["count", "delivered"] = "count"
    """``count``: units counted; ``delivered``: a partner's own table (IND, Raad voor de
    rechtspraak) passed through: the unit has columns ``aantal`` and ``aantal_below`` (``<10``)."""
    blank: tuple[tuple[str, str], ...] = ()
    """(row label, column label) of cells the publication leaves empty (Figuur 18: no split of
    sexual exploitation for the latest year); they are not computed. The column label
    ``REPORTING_YEAR`` ("$Y") stands for the reporting year."""
    sources: tuple[str, ...] = ("comensha",)
    """Delivery types the table is computed from; ``build`` skips a table whose sources have
    no snapshot in the warehouse (and says so)."""

    @property
    def multi_valued(self) -> bool:
        return self.rows.multi or any(
            b.dimension is not None and b.dimension.multi for b in self.columns
        )


@dataclass(frozen=True)
class Cell:
    """An unprotected cell: a count (or percent), or a cell the source already suppressed as
    ``<below``."""

    value: int | None
    below: int | None = None
    percent: bool = False
    mean: bool = False
    blank: bool = False


@dataclass
class ComputedTable:
    spec: TableSpec
    year: int
    row_labels: list[str]
    column_labels: list[str]
    cells: list[list[Cell]] = field(default_factory=list)


def _column_categories(block: ColumnBlock, year: int) -> list[tuple[str, str]]:
    """(label, condition) per column of a block."""
    if block.kind == "years":
        return [(str(y), f"u.jaar = {y}") for y in range(year - block.years + 1, year + 1)]
    if block.kind == "total":
        return [(block.label or str(year), f"u.jaar = {year}")]
    if block.kind == "breakdown":
        assert block.dimension is not None
        d = block.dimension
        period = (
            f"u.jaar BETWEEN {year - block.years + 1} AND {year}"
            if block.window
            else f"u.jaar = {year}"
        )
        return [(c.label_nl, f"{period} AND {d.condition(c)}") for c in d.categories]
    return []


def _row_categories(con: duckdb.DuckDBPyConnection, spec: TableSpec, year: int) -> list[Category]:
    d = spec.rows
    if not d.top:
        return list(d.categories)
    from ketenmonitor.contracts import codelist

    labels = {c.code: c.label_nl for c in codelist(d.codelist).codes} if d.codelist else {}
    ranked = con.execute(
        f"SELECT u.{d.column} AS v, count(*) AS n FROM {spec.unit} u "
        f"WHERE u.jaar = {year} AND ({spec.where}) AND u.{d.column} IS NOT NULL "
        f"GROUP BY v ORDER BY n DESC, v LIMIT {int(d.top)}"
    ).fetchall()
    return [
        Category(label_nl=f"{i} {labels.get(str(v), str(v))}", codes=(str(v),))
        for i, (v, _n) in enumerate(ranked, start=1)
    ]


def _cell_sql(spec: TableSpec, row: Category, rc: str, cc: str) -> tuple[str, str, str]:
    """SQL for (value, below, rows delivered) of one cell."""
    where = f"FILTER (WHERE {rc} AND {cc})"
    if row.measure is not None:
        return f"round({row.measure} {where})", "NULL", "NULL"
    if spec.value == "delivered":
        return f"sum(u.aantal) {where}", f"max(u.aantal_below) {where}", f"count(*) {where}"
    return f"count(*) {where}", "NULL", "NULL"


def compute(con: duckdb.DuckDBPyConnection, spec: TableSpec, year: int) -> ComputedTable:
    """Compute ``spec`` for reporting year ``year`` on a connection that has its unit view."""
    rows = _row_categories(con, spec, year)
    blocks = [(_b, _column_categories(_b, year)) for _b in spec.columns]
    columns = [(label, cond) for _, cols in blocks for label, cond in cols]
    blank = {(r, str(year) if c == REPORTING_YEAR else c) for r, c in spec.blank}
    exprs: list[str] = []
    for r in rows:
        rc = spec.rows.condition(r)
        for label, cc in columns:
            if (r.label_nl, label) in blank:
                exprs.extend(("NULL", "NULL", "NULL"))
            else:
                exprs.extend(_cell_sql(spec, r, rc, cc))
    values: Sequence[object] = []
    if exprs:
        values = con.execute(
            f"SELECT {', '.join(exprs)} FROM {spec.unit} u WHERE {spec.where}"
        ).fetchall()[0]
    table = ComputedTable(spec, year, [r.label_nl for r in rows], [c for c, _ in columns])
    k = 0
    for r in rows:
        cells: list[Cell] = []
        for label, _ in columns:
            value, below, n = values[k : k + 3]
            k += 3
            if (r.label_nl, label) in blank:
                cells.append(Cell(None, blank=True))
            elif r.measure is not None:
                cells.append(
                    Cell(None if value is None else int(str(value).split(".")[0]), mean=True)
                )
            elif spec.value == "delivered" and n == 0:
                cells.append(Cell(0))  # nothing delivered for this cell: none counted
            elif spec.value == "delivered" and value is None and below is not None:
                cells.append(Cell(None, below=int(str(below))))
            else:
                cells.append(Cell(int(str(value or 0))))
        table.cells.append(cells)
    _add_shares(table, blocks)
    return table


def _add_shares(
    table: ComputedTable, blocks: list[tuple[ColumnBlock, list[tuple[str, str]]]]
) -> None:
    """Insert the share columns where their blocks stand: each row's value as a whole percent
    of the total of the column just before the share."""
    position = 0
    for block, cols in blocks:
        if block.kind != "share":
            position += len(cols)
            continue
        source = position - 1
        total = sum(row[source].value or 0 for row in table.cells)
        for row in table.cells:
            row.insert(position, Cell(percent_of(row[source].value or 0, total), percent=True))
        table.column_labels.insert(position, block.label or "Percentage")
        position += 1


def percent_of(part: int, whole: int) -> int:
    """A share in whole percents, rounded half up as the report does (from unrounded counts)."""
    if whole == 0:
        return 0
    return int((200 * part + whole) // (2 * whole))


def change_percent(before: int, after: int) -> int:
    """Year-on-year change in whole percents (from unrounded counts), e.g. 868 -> 944 is +9."""
    if before == 0:
        raise ZeroDivisionError("change from zero is not defined")
    sign = 1 if after >= before else -1
    return sign * percent_of(abs(after - before), before)
