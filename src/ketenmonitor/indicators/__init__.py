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
    """A group of columns: ``years`` (Y-4..Y), a ``breakdown`` of the reporting year, or the
    ``share`` in percent of each row's value in the block named by ``of`` (whole percents,
    from unrounded counts, as the report computes them)."""

    kind: Literal["years", "breakdown", "share", "total"]
    dimension: Dimension | None = None
    years: int = 5
    label: str = ""


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
    value: Literal["count", "ind"] = "count"
    """``count``: units counted; ``ind``: the IND's own (already rounded) counts passed through."""
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
        return [(c.label_nl, f"u.jaar = {year} AND {d.condition(c)}") for c in d.categories]
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


def compute(con: duckdb.DuckDBPyConnection, spec: TableSpec, year: int) -> ComputedTable:
    """Compute ``spec`` for reporting year ``year`` on a connection that has its unit view."""
    rows = _row_categories(con, spec, year)
    blocks = [(_b, _column_categories(_b, year)) for _b in spec.columns]
    columns = [(label, cond) for _, cols in blocks for label, cond in cols]
    exprs = []
    for r in rows:
        rc = spec.rows.condition(r)
        for _, cc in columns:
            if spec.value == "ind":
                exprs.append(f"sum(u.aantal) FILTER (WHERE {rc} AND {cc})")
                exprs.append(f"max(u.aantal_below) FILTER (WHERE {rc} AND {cc})")
                exprs.append(f"count(*) FILTER (WHERE {rc} AND {cc})")
            else:
                exprs.append(f"count(*) FILTER (WHERE {rc} AND {cc})")
    values: Sequence[int | None] = []
    if exprs:
        values = con.execute(
            f"SELECT {', '.join(exprs)} FROM {spec.unit} u WHERE {spec.where}"
        ).fetchall()[0]
    table = ComputedTable(spec, year, [r.label_nl for r in rows], [])
    per_row = len(columns) * (3 if spec.value == "ind" else 1)
    for i in range(len(rows)):
        chunk = values[i * per_row : (i + 1) * per_row]
        if spec.value == "ind":
            cells = []
            for j in range(len(columns)):
                total, below, n = chunk[3 * j : 3 * j + 3]
                if n == 0:
                    cells.append(Cell(0))  # nothing delivered for this cell: none granted
                elif total is None and below is not None:
                    cells.append(Cell(None, below=int(below)))
                else:
                    cells.append(Cell(int(total or 0)))
        else:
            cells = [Cell(int(v or 0)) for v in chunk]
        table.cells.append(cells)
    table.column_labels = [label for label, _ in columns]
    _add_shares(table, blocks)
    return table


def _add_shares(
    table: ComputedTable, blocks: list[tuple[ColumnBlock, list[tuple[str, str]]]]
) -> None:
    """Append share columns: each row's value as a whole percent of the block's column total."""
    position = 0
    for block, cols in blocks:
        if block.kind != "share":
            position += len(cols)
            continue
        # the share is of the column just before it
        source = position - 1
        total = sum(row[source].value or 0 for row in table.cells)
        for row in table.cells:
            v = row[source].value or 0
            row.append(Cell(percent_of(v, total), percent=True))
        table.column_labels.append(block.label or "Percentage")
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
