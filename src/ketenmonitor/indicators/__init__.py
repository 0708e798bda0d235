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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
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
    percent: bool = False
    """A ``measure`` that is a percentage (Dadermonitor Tabel 3.3: the share of men among the
    victims whose sex is known): printed with a percent sign, not subject to small-cell
    rules."""


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
    top_years: int = 1
    """The years a ``top`` dimension ranks over: 1, the reporting year; 5, the window Y-4..Y
    (Dadermonitor Tabel 3.2: the ten municipalities with most incidents 2015-2019)."""
    numbered: bool = True
    """Whether a ``top`` dimension's labels start with the rank ("1 Nederland")."""
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

    kind: Literal["years", "breakdown", "share", "total", "measure"]
    dimension: Dimension | None = None
    years: int = 5
    label: str = ""
    window: bool = False
    base: str | None = None
    """For a ``share``: a condition over the unit (alias ``u``) whose units, within the
    condition of the count column the share follows (skipping other share columns), are the
    base of the percentage, instead of the column's sum: "percentage of the 1,225 incidents
    with another offence" or, with ``"true"``, of all incidents (Dadermonitor Tabel 3.1)."""
    decimals: int = 0
    """For a ``share``: decimals of the percentage (Tabel 3.1 prints 49,3%); the cell's value
    is then in units of 10**-decimals (493). For a ``measure``: decimals of the measure."""
    expr: str = ""
    """For a ``measure``: an aggregate over each row's units in the reporting year (or, with
    ``window``, in Y-4..Y), e.g. ``count(*) / 5`` for a yearly average (rounded half away from
    zero to ``decimals``; a mean cell, not subject to small-cell rules)."""
    classes: tuple[tuple[float | None, str], ...] = ()
    """For a ``measure``: shown as the label of its class instead of its value: (upper bound,
    exclusive, or None for the last class; label), e.g. ((10, "minder dan 10 incidenten"), ...)
    (Dadermonitor Tabel B2.1)."""


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
    value: Literal["count", "delivered", "derived"] = "count"
    """``count``: units counted; ``delivered``: a partner's own table (IND, Raad voor de
    rechtspraak) passed through: the unit has columns ``aantal`` and ``aantal_below`` (``<10``);
    ``derived``: computed by ``derive`` from the units of other tables, as a summary of numbers
    they publish (the chain figure, ``indicators.keten``): no count cells of its own, so no part
    of the audit's cohorts."""
    blank: tuple[tuple[str, str], ...] = ()
    """(row label, column label) of cells the publication leaves empty (Figuur 18: no split of
    sexual exploitation for the latest year); they are not computed. The column label
    ``REPORTING_YEAR`` ("$Y") stands for the reporting year."""
    sources: tuple[str, ...] = ("comensha",)
    """Delivery types the table is computed from; ``build`` skips a table whose sources have
    no snapshot in the warehouse (and says so)."""
    derive: Callable[[duckdb.DuckDBPyConnection, TableSpec, int], ComputedTable] | None = None
    """For ``value="derived"``: computes the table (its rows, columns and cells)."""

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
    decimals: int = 0
    """A percentage or mean with decimals: ``value`` is in units of 10**-decimals (49,3% is
    493)."""
    text: str | None = None
    """A class label shown instead of the value (a ``measure`` block with ``classes``)."""


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
    if block.kind == "measure":
        period = (
            f"u.jaar BETWEEN {year - block.years + 1} AND {year}"
            if block.window
            else f"u.jaar = {year}"
        )
        return [(block.label or "Gemiddelde", period)]
    return []


def _row_categories(con: duckdb.DuckDBPyConnection, spec: TableSpec, year: int) -> list[Category]:
    d = spec.rows
    if not d.top:
        return list(d.categories)
    from ketenmonitor.contracts import codelist

    labels = {c.code: c.label_nl for c in codelist(d.codelist).codes} if d.codelist else {}
    ranked = con.execute(
        f"SELECT u.{d.column} AS v, count(*) AS n FROM {spec.unit} u "
        f"WHERE u.jaar BETWEEN {year - d.top_years + 1} AND {year} AND ({spec.where}) "
        f"AND u.{d.column} IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT {int(d.top)}"
    ).fetchall()
    return [
        Category(
            label_nl=(f"{i} " if d.numbered else "") + labels.get(str(v), str(v)),
            codes=(str(v),),
        )
        for i, (v, _n) in enumerate(ranked, start=1)
    ]


def _cell_sql(
    spec: TableSpec, row: Category, rc: str, cc: str, block: ColumnBlock | None = None
) -> tuple[str, str, str]:
    """SQL for (value, below, rows delivered) of one cell."""
    where = f"FILTER (WHERE {rc} AND {cc})"
    if block is not None and block.kind == "measure":
        return "NULL", "NULL", "NULL"  # computed per column by _measure_values
    if row.measure is not None:
        return f"round({row.measure} {where})", "NULL", "NULL"
    if spec.value == "delivered":
        return f"sum(u.aantal) {where}", f"max(u.aantal_below) {where}", f"count(*) {where}"
    return f"count(*) {where}", "NULL", "NULL"


def compute(con: duckdb.DuckDBPyConnection, spec: TableSpec, year: int) -> ComputedTable:
    """Compute ``spec`` for reporting year ``year`` on a connection that has its unit view."""
    if spec.value == "derived":
        if spec.derive is None:
            raise ValueError(f"{spec.id}: a derived table needs a derive function")
        return spec.derive(con, spec, year)
    rows = _row_categories(con, spec, year)
    blocks = [(_b, _column_categories(_b, year)) for _b in spec.columns]
    columns = [(label, cond) for _, cols in blocks for label, cond in cols]
    column_blocks = [b for b, cols in blocks for _ in cols]
    blank = {(r, str(year) if c == REPORTING_YEAR else c) for r, c in spec.blank}
    exprs: list[str] = []
    for r in rows:
        rc = spec.rows.condition(r)
        for (label, cc), b in zip(columns, column_blocks, strict=True):
            if (r.label_nl, label) in blank:
                exprs.extend(("NULL", "NULL", "NULL"))
            else:
                exprs.extend(_cell_sql(spec, r, rc, cc, b))
    values: Sequence[object] = []
    if exprs:
        values = con.execute(
            f"SELECT {', '.join(exprs)} FROM {spec.unit} u WHERE {spec.where}"
        ).fetchall()[0]
    table = ComputedTable(spec, year, [r.label_nl for r in rows], [c for c, _ in columns])
    measured = {
        j: _measure_values(con, spec, rows, cc, b)
        for j, ((_, cc), b) in enumerate(zip(columns, column_blocks, strict=True))
        if b.kind == "measure"
    }
    k = 0
    for i, r in enumerate(rows):
        cells: list[Cell] = []
        for j, ((label, _), b) in enumerate(zip(columns, column_blocks, strict=True)):
            value, below, n = values[k : k + 3]
            k += 3
            if (r.label_nl, label) in blank:
                cells.append(Cell(None, blank=True))
            elif b.kind == "measure":
                cells.append(_measure_cell(measured[j].get(i), b))
            elif r.measure is not None:
                cells.append(
                    Cell(
                        None if value is None else int(str(value).split(".")[0]),
                        mean=True,
                        percent=r.percent,
                    )
                )
            elif spec.value == "delivered" and n == 0:
                cells.append(Cell(0))  # nothing delivered for this cell: none counted
            elif spec.value == "delivered" and value is None and below is not None:
                cells.append(Cell(None, below=int(str(below))))
            else:
                cells.append(Cell(int(str(value or 0))))
        table.cells.append(cells)
    _add_shares(table, blocks, _share_bases(con, spec, blocks))
    return table


def _measure_values(
    con: duckdb.DuckDBPyConnection,
    spec: TableSpec,
    rows: list[Category],
    column: str,
    block: ColumnBlock,
) -> dict[int, object]:
    """A measure column: ``block.expr`` over each row's units in the column, by row index (one
    scan of the unit: every unit is repeated once per row it belongs to)."""
    if not block.expr:
        raise ValueError(f"{spec.id}: a measure column needs an expr")
    if not rows:
        return {}
    member = ", ".join(
        f"CASE WHEN {spec.rows.condition(r)} THEN {i} END" for i, r in enumerate(rows)
    )
    result = con.execute(
        f"SELECT km_row, {block.expr} FROM (SELECT unnest(list_filter([{member}], "
        f"lambda x: x IS NOT NULL)) AS km_row, u.* FROM {spec.unit} u "
        f"WHERE ({spec.where}) AND {column}) u GROUP BY km_row"
    ).fetchall()
    return {int(str(i)): v for i, v in result}


def _measure_cell(value: object, block: ColumnBlock) -> Cell:
    """A measure column's cell: rounded half away from zero to the block's decimals (in units
    of 10**-decimals), with its class label when the block has classes."""
    if value is None:
        return Cell(None, mean=True, decimals=block.decimals)
    x = Decimal(str(value)).scaleb(block.decimals)
    scaled = int(x.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    text = None
    for bound, label in block.classes:
        if bound is None or Decimal(str(value)) < Decimal(str(bound)):
            text = label
            break
    return Cell(scaled, mean=True, decimals=block.decimals, text=text)


def _share_bases(
    con: duckdb.DuckDBPyConnection,
    spec: TableSpec,
    blocks: list[tuple[ColumnBlock, list[tuple[str, str]]]],
) -> dict[int, int]:
    """For each share block with a ``base`` (by its index in ``blocks``): the number of units
    that meet the base within the condition of the last count column before it."""
    exprs: dict[int, str] = {}
    condition = None
    for k, (block, cols) in enumerate(blocks):
        if block.kind != "share":
            condition = cols[-1][1] if cols else condition
        elif block.base is not None:
            if condition is None:
                raise ValueError(f"{spec.id}: a share with a base needs a count column before it")
            exprs[k] = f"count(*) FILTER (WHERE ({condition}) AND ({block.base}))"
    if not exprs:
        return {}
    values = con.execute(
        f"SELECT {', '.join(exprs.values())} FROM {spec.unit} u WHERE {spec.where}"
    ).fetchall()[0]
    return {k: int(str(v or 0)) for k, v in zip(exprs, values, strict=True)}


def _add_shares(
    table: ComputedTable,
    blocks: list[tuple[ColumnBlock, list[tuple[str, str]]]],
    bases: dict[int, int] | None = None,
) -> None:
    """Insert the share columns where their blocks stand: each row's value as a whole percent
    of the total of the column just before the share, or (a block with a ``base``) as a
    percent with the block's decimals of that base, from the last count column before it."""
    bases = bases or {}
    position = 0
    count_column = -1
    for k, (block, cols) in enumerate(blocks):
        if block.kind != "share":
            position += len(cols)
            count_column = position - 1
            continue
        if k in bases:
            source, total = count_column, bases[k]
        else:
            source = position - 1
            total = sum(row[source].value or 0 for row in table.cells)
        for row in table.cells:
            value = percent_of(row[source].value or 0, total, block.decimals)
            row.insert(position, Cell(value, percent=True, decimals=block.decimals))
        table.column_labels.insert(position, block.label or "Percentage")
        position += 1


def percent_of(part: int, whole: int, decimals: int = 0) -> int:
    """A share in whole percents, rounded half up as the report does (from unrounded counts);
    with ``decimals`` in units of 10**-decimals (604 of 1,225 with one decimal: 493, 49,3%)."""
    if whole == 0:
        return 0
    scale = 200 * 10**decimals
    return int((scale * part + whole) // (2 * whole))


def change_percent(before: int, after: int) -> int:
    """Year-on-year change in whole percents (from unrounded counts), e.g. 868 -> 944 is +9."""
    if before == 0:
        raise ZeroDivisionError("change from zero is not defined")
    sign = 1 if after >= before else -1
    return sign * percent_of(abs(after - before), before)
