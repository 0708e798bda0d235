"""Protect and audit the catalogue: every table of a publication over the same units together.

Cohort model. The tables computed from one unit view (``slachtoffers``, ``opsporingsonderzoeken``,
...) count the same people. Every cell is a condition on a unit (the table's ``where``, its row
category, its column category). Evaluating all conditions of all tables of the cohort on every
unit gives each unit a *signature* (the set of cells it is counted in); the attacker's unknowns
are the numbers ``n_s >= 0`` of units per signature, and every cell is a sum of them. This
captures every relation that holds between the published numbers: margins within a table,
totals of single-valued dimensions shared between tables (Figuur 9's year columns add up to
Figuur 1), nested categories, top-N lists, and (as linear inequalities) the percentage columns
computed from the counts. The attacker is assumed to know which signatures occur at all, which
is more than a real attacker knows: the audit errs on the safe side.

Tables a partner delivers already protected (IND, Rechtspraak) are audited on their own cells:
their rounding (+-2) and ``<10`` ranges. Means and rows with a ``measure`` are not counts and
are not part of the model (they are shown as computed, or suppressed by the dominance rule).

Percentages are part of the model as inequalities: a published share ``p`` (in units of
``10**-decimals`` percent) of a count ``v`` over its denominator ``S`` (the column's sum, or the
units of a ``base``: Dadermonitor Tabel 3.1) says ``(p - 1/2) S <= 100 * 10**decimals * v <=
(p + 1/2) S``; an upper bound printed beside a suppressed count (``suppressed_percent =
"bound"``: '<0,9%') says ``100 * 10**decimals * v <= bound * S``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import duckdb
import numpy as np
import scipy.sparse as sp

from ketenmonitor.disclosure.lp import TOL, Knowledge, intervals
from ketenmonitor.disclosure.rules import Rule, Rules, load_rules
from ketenmonitor.indicators import ComputedTable, percent_of

SUPPRESSED = ("primary", "secondary")
"""The flags of a cell that is not published."""

CellKey = tuple[int, int, int]
"""(table position, row, column)."""


@dataclass
class TableAudit:
    table_id: str
    suppressed: int
    primary: int
    secondary: int
    narrowest: float
    required: float
    unsafe: list[tuple[str, str, float, float]] = field(default_factory=list)
    """(row label, column label, attacker low, attacker high) of each cell too narrow."""
    accepted: str = ""

    @property
    def status(self) -> str:
        if not self.unsafe:
            return "safe"
        return "accepted" if self.accepted else "UNSAFE"


@dataclass
class AuditReport:
    tables: list[TableAudit]

    @property
    def suppressed(self) -> int:
        return sum(t.suppressed for t in self.tables)

    @property
    def narrowest(self) -> float:
        widths = [t.narrowest for t in self.tables if t.suppressed]
        return min(widths) if widths else float("inf")

    @property
    def unsafe(self) -> list[TableAudit]:
        return [t for t in self.tables if t.status == "UNSAFE"]

    @property
    def accepted(self) -> list[TableAudit]:
        return [t for t in self.tables if t.status == "accepted"]

    @property
    def ok(self) -> bool:
        return not self.unsafe

    def summary(self) -> str:
        w = self.narrowest
        shown = "none" if w == float("inf") else f"{w:g}"
        return (
            f"{len(self.tables)} tables, {self.suppressed} suppressed cells, narrowest interval "
            f"{shown}; {len(self.unsafe)} unsafe, {len(self.accepted)} accepted as published"
        )


class UnsafeTables(RuntimeError):
    def __init__(self, report: AuditReport) -> None:
        self.report = report
        lines = [
            f"{t.table_id}: {r} / {c} can be narrowed to [{lo:g}, {hi:g}]"
            for t in report.unsafe
            for r, c, lo, hi in t.unsafe
        ]
        super().__init__("unsafe tables, not stored:\n  " + "\n  ".join(lines))


# --- cell status per table -----------------------------------------------------------------


@dataclass
class Status:
    """What is published of every cell of one table: 'exact', 'rounded', 'primary', 'secondary',
    or 'other' (percent, mean, blank: outside the count model)."""

    table: ComputedTable
    rule: Rule
    flags: list[list[str]]
    shown: list[list[int | None]]
    """The number as published (rounded where rounded), None when suppressed or not a count."""
    bounds: dict[tuple[int, int], int] = field(default_factory=dict)
    """(row, column) of a percentage printed as an upper bound beside a suppressed count ->
    the bound, in units of 10**-decimals percent (``suppressed_percent = "bound"``)."""
    bases: dict[int, int] = field(default_factory=dict)
    """Share column with a ``base`` -> the number of its base units (what the percentages are
    of; ``protect_and_audit`` counts them, ``protect`` alone does not)."""


def primary_status(table: ComputedTable, rule: Rule) -> Status:
    flags: list[list[str]] = []
    shown: list[list[int | None]] = []
    for row in table.cells:
        fr: list[str] = []
        sr: list[int | None] = []
        for cell in row:
            if cell.blank or cell.mean or cell.percent:
                fr.append("other")
                sr.append(cell.value)
            elif cell.value is None:
                fr.append("primary")  # the partner suppressed it (<10)
                sr.append(None)
            elif rule.delivered:
                fr.append("rounded" if rule.rounding > 1 else "exact")
                sr.append(cell.value)
            elif rule.secondary == "rounding":
                # nearest multiple for now; _round_tables rounds the table additively
                fr.append("rounded")
                sr.append(round_half_up(cell.value, _rounding_base(rule)))
            elif 0 < cell.value < rule.threshold:
                fr.append("primary")
                sr.append(None)
            elif rule.rounding > 1:
                fr.append("rounded")
                sr.append(round_half_up(cell.value, rule.rounding))
            else:
                fr.append("exact")
                sr.append(cell.value)
        flags.append(fr)
        shown.append(sr)
    return Status(table, rule, flags, shown)


def round_half_up(value: int, base: int) -> int:
    return int((value + base // 2) // base * base)


# --- the cohort model ----------------------------------------------------------------------


@dataclass(frozen=True)
class ShareColumn:
    """A percentage column of a table: the count column it is a percentage of, and what of."""

    source: int
    base: str | None
    """The condition on a unit (alias ``u``) of the units the percentage is of, or None for
    the sum of the source column (``ColumnBlock.base``, as ``indicators._add_shares``)."""
    decimals: int


def _plain_columns(table: ComputedTable) -> list[tuple[int, str]]:
    """(column index, condition) of every column that is not a percentage, where the engine
    puts it (share columns stand where their blocks stand)."""
    return _layout(table)[0]


def _share_sources(table: ComputedTable) -> dict[int, ShareColumn]:
    """Share column -> its source count column and base (as ``indicators._add_shares``)."""
    return _layout(table)[1]


def _layout(table: ComputedTable) -> tuple[list[tuple[int, str]], dict[int, ShareColumn]]:
    from ketenmonitor.indicators import _column_categories

    spec = table.spec
    plain: list[tuple[int, str]] = []
    shares: dict[int, ShareColumn] = {}
    position, count_column = 0, -1
    condition: str | None = None
    for b in spec.columns:
        if b.kind != "share":
            cols = _column_categories(b, table.year)
            for _label, cond in cols:
                plain.append((position, cond))
                position += 1
            count_column = position - 1
            condition = cols[-1][1] if cols else condition
            continue
        if b.base is not None and condition is not None:
            base = f"(({spec.where}) AND ({condition}) AND ({b.base}))"
            shares[position] = ShareColumn(count_column, base, b.decimals)
        else:
            shares[position] = ShareColumn(position - 1, None, b.decimals)
        position += 1
    return plain, shares


def _cell_conditions(
    con: duckdb.DuckDBPyConnection, table: ComputedTable
) -> dict[tuple[int, int], str]:
    """The condition on a unit (alias ``u``) of each count cell of a computed table."""
    from ketenmonitor.indicators import _row_categories

    spec = table.spec
    rows = _row_categories(con, spec, table.year)
    cols = _plain_columns(table)
    out: dict[tuple[int, int], str] = {}
    for i, r in enumerate(rows):
        if r.measure is not None:
            continue
        rc = spec.rows.condition(r)
        for j, cc in cols:
            cell = table.cells[i][j]
            if cell.blank or cell.percent or cell.mean:
                continue
            out[(i, j)] = f"(({spec.where}) AND {rc} AND {cc})"
    return out


def share_bases(con: duckdb.DuckDBPyConnection, table: ComputedTable) -> dict[int, int]:
    """Share column with a base -> the number of its base units."""
    out: dict[int, int] = {}
    for sc, share in _share_sources(table).items():
        if share.base is not None:
            n = con.execute(f"SELECT count(*) FROM {table.spec.unit} u WHERE {share.base}")
            out[sc] = int(str(n.fetchall()[0][0]))
    return out


@dataclass(frozen=True)
class ShareLink:
    """A published percentage in the cohort model."""

    count: CellKey
    """The count cell it is a percentage of."""
    column: list[CellKey]
    """The count cells whose sum is the denominator (when ``base`` is None)."""
    base: int | None
    """The row of ``Cohort.bases`` that is the denominator, for a share with a base."""
    value: int
    """The percentage, in units of 10**-decimals."""
    decimals: int
    cell: CellKey
    """The share cell."""


@dataclass
class Cohort:
    unit: str
    keys: list[CellKey]
    expr: sp.csr_matrix
    shares: list[ShareLink]
    bases: sp.csr_matrix | None = None
    """The base units of the shares with a base, over the same signatures as ``expr``."""


def cohort_model(
    con: duckdb.DuckDBPyConnection, unit: str, tables: list[tuple[int, ComputedTable]]
) -> Cohort:
    keys: list[CellKey] = []
    conds: list[str] = []
    base_conds: list[str] = []
    shares: list[ShareLink] = []
    for t, table in tables:
        cc = _cell_conditions(con, table)
        for (i, j), cond in cc.items():
            keys.append((t, i, j))
            conds.append(cond)
        for sc, share in _share_sources(table).items():
            src = share.source
            column = [(t, i, src) for i in range(len(table.cells)) if (i, src) in cc]
            base = None
            if share.base is not None:
                if share.base not in base_conds:
                    base_conds.append(share.base)
                base = base_conds.index(share.base)
            for i in range(len(table.cells)):
                cell = table.cells[i][sc]
                if (i, src) in cc and cell.value is not None:
                    shares.append(
                        ShareLink(
                            (t, i, src), column, base, int(cell.value), share.decimals, (t, i, sc)
                        )
                    )
    if not conds:
        return Cohort(unit, keys, sp.csr_matrix((0, 0)), shares)
    every = conds + base_conds
    bits: list[np.ndarray] = []
    for start in range(0, len(every), 400):  # DuckDB is happier with fewer columns per query
        part = every[start : start + 400]
        sql = ", ".join(f"coalesce({c}, false)" for c in part)
        arr = con.execute(f"SELECT {sql} FROM {unit} u").fetchnumpy()
        bits.extend(np.asarray(arr[k], dtype=bool) for k in arr)
    matrix = np.column_stack(bits) if bits else np.zeros((0, len(every)), bool)
    matrix = matrix[matrix.any(axis=1)]
    sigs = np.unique(matrix, axis=0) if len(matrix) else np.zeros((0, len(every)), bool)
    columns = sp.csr_matrix(sigs.T.astype(float))
    n = len(conds)
    bases = columns[n:] if base_conds else None
    return Cohort(unit, keys, columns[:n], shares, bases)


def _knowledge(cohort: Cohort, status: list[Status]) -> Knowledge:
    n_cells = len(cohort.keys)
    lo = np.full(n_cells, -np.inf)
    hi = np.full(n_cells, np.inf)
    for k, (t, i, j) in enumerate(cohort.keys):
        s = status[t]
        flag = s.flags[i][j]
        if flag == "exact":
            lo[k] = hi[k] = float(s.shown[i][j] or 0)
        elif flag == "rounded" and s.rule.secondary == "rounding":
            # controlled rounding moves a count to a neighbouring multiple, up or down
            v = float(s.shown[i][j] or 0)
            base = _rounding_base(s.rule)
            lo[k], hi[k] = max(0.0, v - (base - 1)), v + (base - 1)
        elif flag == "rounded":
            v = float(s.shown[i][j] or 0)
            half = s.rule.rounding // 2
            lo[k], hi[k] = max(0.0, v - half), v + (s.rule.rounding - 1 - half)
        elif flag == "primary":
            lo[k], hi[k] = s.rule.primary_range
        elif flag == "secondary":
            lo[k], hi[k] = 0.0, np.inf
    index = {key: k for k, key in enumerate(cohort.keys)}
    rows: list[np.ndarray] = []
    rhs: list[float] = []
    e = cohort.expr.tocsr()
    for link in cohort.shares:
        st, si, sj = link.cell
        if status[st].rule.secondary == "rounding":
            continue  # computed from the published rounded counts: nothing more
        bound = status[st].bounds.get((si, sj))
        if status[st].flags[si][sj] in SUPPRESSED and bound is None:
            continue  # the percentage is not published
        if link.base is not None:
            assert cohort.bases is not None
            total = cohort.bases[link.base].toarray().ravel()
        else:
            total = np.asarray(e[[index[c] for c in link.column]].sum(axis=0)).ravel()
        v = e[index[link.count]].toarray().ravel()
        scale = 100 * 10**link.decimals
        if bound is not None:
            # '<bound%': scale * v <= bound * S
            rows.append(scale * v - bound * total)
            rhs.append(0.0)
            continue
        # (p - 1/2) * S <= scale * v <= (p + 1/2) * S, S the column's sum or the base
        p = link.value
        rows.append(scale * v - (p + 0.5) * total)
        rhs.append(0.0)
        rows.append((p - 0.5) * total - scale * v)
        rhs.append(0.0)
    n = e.shape[1]
    return Knowledge(
        expr=e,
        lo=lo,
        hi=hi,
        var_lb=np.zeros(n),
        var_ub=np.full(n, np.inf),
        a_ub=sp.csr_matrix(np.array(rows)) if rows else None,
        b_ub=np.array(rhs) if rows else None,
    )


def _required(s: Status) -> float:
    return float(s.rule.required_width)


def _audit_cohort(
    cohort: Cohort, status: list[Status], only: set[CellKey] | None = None
) -> dict[CellKey, tuple[float, float]]:
    """The attacker interval of every suppressed cell of the cohort (or of those in ``only``)."""
    kn = _knowledge(cohort, status)
    cells = [
        k
        for k, (t, i, j) in enumerate(cohort.keys)
        if status[t].flags[i][j] in SUPPRESSED and (only is None or (t, i, j) in only)
    ]
    lo, hi = intervals(kn, np.array(cells, dtype=int))
    return {cohort.keys[c]: (float(a), float(b)) for c, a, b in zip(cells, lo, hi, strict=True)}


STALL_ROUNDS = 8
"""Rounds of secondary suppression without a smaller total shortfall before the repair stops."""


def _repair(cohort: Cohort, status: list[Status], max_rounds: int = 200) -> None:
    """Secondary suppression in the cohort model: while a primary cell of a table that allows
    secondary suppression is too narrow, suppress the published cell (of such a table) whose
    constraint binds the attacker most per unit of information lost.

    Each round audits the cohort once and then repairs every unsafe cell it can in one go: a
    cell whose attacker LP is already bound by a cell picked in this round waits for the next
    audit (the pick may have freed it), so rounds stay few without suppressing twice for one
    cause. Suppressing a cell only widens intervals, so a cell found safe stays safe: after the
    first audit only the cells still unsafe are audited again."""
    index = {key: k for k, key in enumerate(cohort.keys)}
    watch = {
        key
        for key in cohort.keys
        if status[key[0]].flags[key[1]][key[2]] == "primary"
        and status[key[0]].rule.secondary != "none"
    }
    best_shortfall, stalled = np.inf, 0
    for _ in range(max_rounds):
        if not watch:
            return
        found = _audit_cohort(cohort, status, watch)
        short = {key: _required(status[key[0]]) - (b - a) for key, (a, b) in found.items()}
        bad = [key for key, gap in short.items() if gap > TOL]
        watch = set(bad)
        if not bad:
            return
        # a cell some published ratio or combination pins down may not be freed by suppressing
        # single cells: stop after rounds without progress (the audit then reports it)
        shortfall = sum(short[key] for key in bad)
        if shortfall < best_shortfall - TOL:
            best_shortfall, stalled = shortfall, 0
        else:
            stalled += 1
            if stalled > STALL_ROUNDS:
                return
        kn = _knowledge(cohort, status)
        exact = np.flatnonzero(np.isfinite(kn.lo) & (np.abs(kn.hi - kn.lo) < TOL))
        candidates = [
            int(c)
            for c in exact
            if status[cohort.keys[c][0]].rule.secondary != "none"
            and (status[cohort.keys[c][0]].shown[cohort.keys[c][1]][cohort.keys[c][2]] or 0) > 0
        ]
        if not candidates:
            return
        picks: set[int] = set()
        for key in bad:
            duals = _binding(kn, index[key], exact)
            if any(duals.get(c, 0.0) > TOL for c in picks):
                continue
            picks.add(_cheapest(cohort, status, candidates, duals))
        for best in picks:
            bt, bi, bj = cohort.keys[best]
            status[bt].flags[bi][bj] = "secondary"
            status[bt].shown[bi][bj] = None
        _hide_shares(status)


def _hide_shares(status: list[Status]) -> None:
    """The percentage of a suppressed count, by the rule's ``suppressed_percent``: the
    percentage of a secondary-suppressed count is always suppressed (it would give the count
    back through the column's total); that of a primary-suppressed count is shown, suppressed,
    or printed as an upper bound."""
    for s in status:
        mode = s.rule.percent_of_primary
        for sc, share in _share_sources(s.table).items():
            for i, flags in enumerate(s.flags):
                if flags[share.source] not in SUPPRESSED or flags[sc] in SUPPRESSED:
                    continue
                if flags[share.source] == "primary" and mode == "shown":
                    continue
                bound = None
                if flags[share.source] == "primary" and mode == "bound":
                    bound = percent_bound(s, i, sc, share)
                if bound is None:
                    flags[sc] = "secondary"
                else:
                    flags[sc] = "primary"
                    s.bounds[(i, sc)] = bound
                s.shown[i][sc] = None


def percent_bound(s: Status, i: int, sc: int, share: ShareColumn) -> int | None:
    """The upper bound printed for the percentage in row ``i``, column ``sc`` beside a
    primary-suppressed count: 100 * (the count's threshold) / (the percentage's base), rounded
    up to the percentage's decimals (in units of 10**-decimals). The count lies below its
    threshold, so the percentage lies below the bound; the bound says nothing the count's
    text and the base do not. None when the base is not known (a share with a base outside
    ``protect_and_audit``) or the bound would not be below 100%."""
    if share.base is not None:
        total = s.bases.get(sc)
    else:
        total = sum(int(row[share.source].value or 0) for row in s.table.cells)
    if not total:
        return None
    cell = s.table.cells[i][share.source]
    threshold = cell.below or s.rule.threshold
    scale = 100 * 10**share.decimals
    bound = -(-scale * threshold // total)
    return bound if bound < scale else None


def _rounding_base(rule: Rule) -> int:
    """The base of controlled rounding: the rule's rounding base, else the threshold."""
    return rule.rounding if rule.rounding > 1 else rule.threshold


def _round_tables(cohort: Cohort, status: list[Status]) -> None:
    """Controlled rounding (``secondary = "rounding"``) of every such table of the cohort: each
    count goes to a multiple of the base, up or down, so that every additive relation of the
    table still holds (``tables.controlled_round``). The relations are found in the cohort
    model: in a row or a column, a cell whose units are exactly the units of the other cells
    together (a total over single-valued categories; a total over a multi-valued dimension is
    not a sum and gets no relation)."""
    from ketenmonitor.disclosure.tables import LinearTable, controlled_round

    e = cohort.expr.tocsr()
    by_table: dict[int, dict[tuple[int, int], int]] = defaultdict(dict)
    for k, (t, i, j) in enumerate(cohort.keys):
        if status[t].rule.secondary == "rounding" and status[t].flags[i][j] == "rounded":
            by_table[t][(i, j)] = k
    for t, cells in by_table.items():
        s = status[t]
        order = sorted(cells)
        pos = {ij: n for n, ij in enumerate(order)}
        values = np.array([int(s.table.cells[i][j].value or 0) for i, j in order], dtype=np.int64)
        vec = {ij: e[cells[ij]].toarray().ravel() for ij in order}
        lines: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
        for i, j in order:
            lines[("row", i)].append((i, j))
            lines[("col", j)].append((i, j))
        relations: list[np.ndarray] = []
        for members in lines.values():
            if len(members) < 3:
                continue
            whole = sum(vec[m] for m in members)
            for total in members:
                if np.array_equal(2 * vec[total], whole):  # total = sum of the others
                    r = np.zeros(len(order))
                    r[[pos[m] for m in members]] = 1.0
                    r[pos[total]] = -1.0
                    relations.append(r)
                    break
        matrix = np.array(relations) if relations else np.zeros((0, len(order)))
        rounded = controlled_round(LinearTable(values, matrix), _rounding_base(s.rule))
        for (i, j), v in zip(order, rounded, strict=True):
            s.shown[i][j] = int(v)
        # percentages are recomputed from the rounded counts (of the column's sum, or of the
        # base for a share with a base)
        for sc, share in _share_sources(s.table).items():
            src = share.source
            whole = sum(int(row[src] or 0) for row in s.shown)
            if share.base is not None:
                whole = s.bases.get(sc, whole)
            for row in s.shown:
                row[sc] = percent_of(int(row[src] or 0), whole, share.decimals)


def _binding(kn: Knowledge, k: int, exact: np.ndarray) -> dict[int, float]:
    """How much each published (exact) cell binds the attacker's interval of cell ``k``: the
    absolute duals of its equality in the attacker's LPs, up and down."""
    from scipy.optimize import linprog

    duals: dict[int, float] = {}
    for sense in (1.0, -1.0):
        res = linprog(
            -sense * kn.expr[k].toarray().ravel(),
            A_eq=kn.expr[exact],
            b_eq=kn.lo[exact],
            A_ub=_ub(kn, exact),
            b_ub=_ub_rhs(kn, exact),
            bounds=(0, None),
            method="highs",
        )
        if res.status != 0:
            continue
        for c, d in zip(exact, np.abs(res.eqlin.marginals), strict=True):
            duals[int(c)] = duals.get(int(c), 0.0) + float(d)
    return duals


def _cheapest(
    cohort: Cohort, status: list[Status], candidates: list[int], duals: dict[int, float]
) -> int:
    """The candidate that frees the attacker most per unit of information lost (its count),
    or the smallest candidate when no published cell binds."""

    def shown(c: int) -> float:
        t, i, j = cohort.keys[c]
        return float(status[t].shown[i][j] or 0)

    best, best_score = -1, 0.0
    for c in candidates:
        score = duals.get(c, 0.0) / (shown(c) + 1.0)
        if score > best_score:
            best, best_score = c, score
    return best if best >= 0 else min(candidates, key=shown)


def _ub(kn: Knowledge, exact: np.ndarray) -> sp.csr_matrix | None:
    mask = np.ones(len(kn.lo), bool)
    mask[exact] = False
    up = mask & np.isfinite(kn.hi)
    low = mask & np.isfinite(kn.lo)
    parts = [kn.expr[up], -kn.expr[low]]
    if kn.a_ub is not None:
        parts.append(kn.a_ub)
    m = sp.vstack(parts, format="csr")
    return m if m.shape[0] else None


def _ub_rhs(kn: Knowledge, exact: np.ndarray) -> np.ndarray | None:
    mask = np.ones(len(kn.lo), bool)
    mask[exact] = False
    up = mask & np.isfinite(kn.hi)
    low = mask & np.isfinite(kn.lo)
    parts = [kn.hi[up], -kn.lo[low]]
    if kn.b_ub is not None:
        parts.append(kn.b_ub)
    r = np.concatenate(parts)
    return r if len(r) else None


# --- dominance -----------------------------------------------------------------------------

_MAGNITUDE = re.compile(r"^\s*(avg|sum)\((.+)\)\s*$", re.IGNORECASE | re.DOTALL)


def dominated(contributions: list[float], n: int, k: float) -> bool:
    """The (n, k) dominance rule: the n largest contributions are more than k% of the total."""
    if n <= 0:
        return False
    values = sorted((abs(float(c)) for c in contributions), reverse=True)
    total = sum(values)
    return total > 0 and sum(values[:n]) > k / 100 * total


def _apply_dominance(con: duckdb.DuckDBPyConnection, s: Status) -> None:
    if s.rule.dominance_n <= 0:
        return
    from ketenmonitor.indicators import _row_categories

    spec = s.table.spec
    rows = _row_categories(con, spec, s.table.year)
    cols = _plain_columns(s.table)
    for i, r in enumerate(rows):
        m = _MAGNITUDE.match(r.measure or "")
        if not m:
            continue
        rc = spec.rows.condition(r)
        for j, cc in cols:
            if s.table.cells[i][j].blank:
                continue
            got = (
                con.execute(
                    f"SELECT list({m.group(2)}) FROM {spec.unit} u "
                    f"WHERE ({spec.where}) AND {rc} AND {cc} AND ({m.group(2)}) IS NOT NULL"
                ).fetchall()[0][0]
                or []
            )
            if len(got) < s.rule.threshold or dominated(
                got, s.rule.dominance_n, s.rule.dominance_k
            ):
                s.flags[i][j] = "primary"
                s.shown[i][j] = None


# --- the whole catalogue -------------------------------------------------------------------


def protect_and_audit(
    con: duckdb.DuckDBPyConnection, tables: list[ComputedTable], rules: Rules | None = None
) -> tuple[list[Status], AuditReport]:
    """Primary suppression by each table's rule, secondary suppression where its rule allows,
    and the audit of every suppressed cell against everything published over the same units."""
    rules = rules or load_rules()
    status = [primary_status(t, rules.rule(t.spec.disclosure, t.spec.id)) for t in tables]
    for s in status:
        s.bases = share_bases(con, s.table)
        _apply_dominance(con, s)
    _hide_shares(status)
    cohorts: dict[str, list[tuple[int, ComputedTable]]] = defaultdict(list)
    for t, table in enumerate(tables):
        if table.spec.value == "count":
            cohorts[table.spec.unit].append((t, table))
    found: dict[CellKey, tuple[float, float]] = {}
    for unit, members in cohorts.items():
        cohort = cohort_model(con, unit, members)
        if not cohort.keys:
            continue
        _round_tables(cohort, status)
        if any(status[t].rule.secondary not in ("none", "rounding") for t, _ in members):
            _repair(cohort, status)
        found.update(_audit_cohort(cohort, status))
    report: list[TableAudit] = []
    for t, (table, s) in enumerate(zip(tables, status, strict=True)):
        req = _required(s)
        widths: list[float] = []
        unsafe: list[tuple[str, str, float, float]] = []
        n_p = n_s = 0
        for i, row in enumerate(s.flags):
            for j, flag in enumerate(row):
                if flag not in SUPPRESSED:
                    continue
                if flag == "primary" and (i, j) in s.bounds:
                    n_p += 1  # a percentage printed as a bound: its count is audited
                    continue
                n_p += flag == "primary"
                n_s += flag == "secondary"
                # a delivered table is audited on the text's own range
                a, b = found.get((t, i, j), s.rule.primary_range)
                widths.append(max(0.0, b - a))
                if flag == "primary" and b - a < req - TOL:
                    unsafe.append((table.row_labels[i], table.column_labels[j], a, b))
        report.append(
            TableAudit(
                table.spec.id,
                n_p + n_s,
                n_p,
                n_s,
                min(widths) if widths else float("inf"),
                req,
                unsafe,
                s.rule.accept if unsafe else "",
            )
        )
    return status, AuditReport(report)
