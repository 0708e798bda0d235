"""Disclosure control: what may be published of a computed table.

The rules live in one data file, ``rules.toml`` (per source and per table: rounding base,
frequency threshold, dominance rule for magnitudes, protection level, what a suppressed cell
shows, how secondary suppression is done, footnotes in Dutch and English); ``rules.py`` reads
it. Publication code only ever receives a ``ProtectedTable``, whose cells carry their text,
their number (None when suppressed), a flag (``exact``, ``rounded``, ``primary`` or
``secondary``: suppressed), their kind (``count``, ``percent``, ``mean``, ``label``) and their
decimals (a percentage or mean with decimals: ``value`` is in units of 10**-decimals, the text
Dutch, ``49,3%``, ``0,90``).

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
delivers rounded to fives with ``<10``, passed through; means are shown as computed. The
percentage of a suppressed count follows the rule's ``suppressed_percent`` (shown, hidden, or an
upper bound such as ``<0,3%``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ketenmonitor.disclosure.rules import Rule, Rules, load_rules
from ketenmonitor.indicators import ComputedTable

Flag = Literal["exact", "rounded", "primary", "secondary"]
Kind = Literal["count", "percent", "mean", "label"]

__all__ = [
    "Flag",
    "Kind",
    "ProtectedCell",
    "ProtectedTable",
    "Rule",
    "Rules",
    "load_rules",
    "protect",
    "protect_catalogue",
    "scaled_text",
]


def scaled_text(value: int, decimals: int = 0) -> str:
    """A number in units of 10**-decimals as the stored (Dutch) text, without thousands
    separators: (493, 1) -> ``49,3``; (90, 2) -> ``0,90``; (213, 0) -> ``213``."""
    if decimals <= 0:
        return str(value)
    sign = "-" if value < 0 else ""
    whole, frac = divmod(abs(value), 10**decimals)
    return f"{sign}{whole},{frac:0{decimals}d}"


@dataclass(frozen=True)
class ProtectedCell:
    text: str
    """As published (Dutch): ``213``, ``<5``, ``52%``, ``49,3%``, ``<0,3%``, ``0,90``, ``.``, a
    class label (``minder dan 10 incidenten``)."""
    value: int | None
    """The number shown, in units of 10**-decimals (49,3% is 493), or None for a suppressed
    cell, a percentage printed as a bound, and a class label."""
    flag: Flag = "exact"
    """``exact``, ``rounded`` (to the rule's base, or by the partner), ``primary`` or
    ``secondary`` (suppressed). Percentages, means and blank cells are ``exact``; a percentage
    printed as an upper bound beside a suppressed count is ``primary``."""
    decimals: int = 0
    """Decimals of a percentage or mean (``value`` is in units of 10**-decimals)."""
    kind: Kind = "count"
    """``count``, ``percent``, ``mean`` (an average or rate, not subject to small-cell rules)
    or ``label`` (a class label shown instead of a number)."""

    @property
    def suppressed(self) -> bool:
        return self.flag in ("primary", "secondary")

    @property
    def number(self) -> int | float | None:
        """The value as a number (49.3 for 49,3%), None when there is none to show."""
        if self.value is None:
            return None
        return self.value if self.decimals <= 0 else self.value / 10**self.decimals


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


def _text_cell(text: str, value: int | None, decimals: int, kind: Kind) -> ProtectedCell:
    """A cell the engine gives a text to show instead of its value (Tabel B2.1's class label
    'minder dan 10 incidenten', the chain figure's '>200' or '65-70%'). The text is published;
    the value only when the text shows the value itself, possibly qualified as a lower bound or
    the low end of a range ('145', '60%', '>200', '≥180', '≈95-105', '65-70%'), else the cell has
    no number (a municipality's count of incidents stays behind its class). A mean without a
    number is a ``label``."""
    if value is not None:
        own = re.escape(scaled_text(value, decimals))
        percent = "%" if kind == "percent" else ""
        if re.fullmatch(rf"[>≥≈]?{own}(?:-[\d.,]+)?{percent}", text):
            return ProtectedCell(text, value, decimals=decimals, kind=kind)
    return ProtectedCell(text, None, decimals=decimals, kind="label" if kind == "mean" else kind)


def _texts(status: object) -> ProtectedTable:
    from ketenmonitor.disclosure.catalogue import Status

    assert isinstance(status, Status)
    table, rule = status.table, status.rule
    cells: list[list[ProtectedCell]] = []
    for i, (row, flags, shown) in enumerate(
        zip(table.cells, status.flags, status.shown, strict=True)
    ):
        out: list[ProtectedCell] = []
        for j, (cell, flag, value) in enumerate(zip(row, flags, shown, strict=True)):
            d = cell.decimals
            kind: Kind = "percent" if cell.percent else "mean" if cell.mean else "count"
            if cell.blank:
                out.append(ProtectedCell("", None))
            elif flag == "primary" and (i, j) in status.bounds:  # '<0,3%' beside a '<10'
                text = f"<{scaled_text(status.bounds[(i, j)], d)}%"
                out.append(ProtectedCell(text, None, "primary", d, "percent"))
            elif flag == "primary":
                text = f"<{cell.below}" if cell.value is None and cell.below else rule.replacement
                out.append(ProtectedCell(text, None, "primary", d, kind))
            elif flag == "secondary":
                out.append(ProtectedCell(rule.secondary_replacement, None, "secondary", d, kind))
            elif cell.text is not None:  # a text instead of the value: a class label, '>200'
                out.append(_text_cell(cell.text, value, d, kind))
            elif cell.mean:  # a mean, or a measure that is a percentage (Tabel 3.3's 18%)
                sign = "%" if cell.percent else ""
                text = "" if cell.value is None else scaled_text(cell.value, d) + sign
                out.append(ProtectedCell(text, cell.value, decimals=d, kind=kind))
            elif cell.percent:  # as computed, or from the rounded counts (controlled rounding)
                assert value is not None
                out.append(
                    ProtectedCell(f"{scaled_text(value, d)}%", value, decimals=d, kind="percent")
                )
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
    from ketenmonitor.disclosure.catalogue import _hide_shares, primary_status

    rules = rules or load_rules()
    status = primary_status(table, rules.rule(table.spec.disclosure, table.spec.id))
    _hide_shares([status])
    return _texts(status)


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
