"""Additive tables: cells with linear relations that hold by definition, and how to protect them.

A ``LinearTable`` is a vector of cell counts and a sparse matrix ``relations`` with
``relations @ values == 0``: a margin (``total - part_1 - ... - part_k = 0``), a level of a
hierarchy (police unit = its municipalities), or a margin two published tables share (linked
tables: both tables' cells in one vector). ``LinearTable.two_way`` and ``hierarchical`` build
the usual shapes.

Protection:

- ``primary``: the frequency rule (counts 1 .. threshold-1).
- ``secondary_milp``: the fewest (lowest weight) complementary suppressions such that every
  primary cell keeps an attacker interval of at least the protection level; a mixed-integer
  program over 0/1 suppression variables (scipy ``milp``, HiGHS) with the capacity cuts of
  Fischetti and Salazar (2001) generated from the duals of the attacker's LP until none is
  violated.
- ``secondary_heuristic``: for large tables: every relation that holds exactly one suppressed
  cell gets a partner (the cheapest cell of that relation big enough to hide the primary), then
  the audit; each cell still too narrow gets the suppression its attacker LP's duals price
  cheapest, until the audit holds.
- A cell needs an attacker interval of the protection level anywhere around its value (the up
  and the down reach together, as the audit measures it); a cell that even suppressing the
  whole table leaves too narrow raises ``UnprotectableCell``.
- ``baseline_rows``: suppress every cell in a row that has a suppressed cell (what analysts do
  by hand; the benchmark compares against it).
- ``controlled_round``: round every cell to a multiple of the base, up or down, such that the
  relations still hold (a MILP); the alternative to suppression.
- ``audit``: the attacker interval of every suppressed cell, per connected component of the
  suppressed cells (published cells are substituted into the relations first).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse.csgraph import connected_components

from ketenmonitor.disclosure.lp import TOL, Knowledge, intervals


class UnprotectableCell(RuntimeError):
    """A primary cell that no suppression pattern protects: even with every cell of the table
    suppressed, the relations and the attacker's knowledge of the primary range pin it down
    (e.g. a margin of 2 whose two parts are both primary and at least 1). Only a different table
    (merged categories) or rounding protects it."""

    def __init__(self, table: LinearTable, cell: int) -> None:
        self.cell = cell
        name = table.labels[cell] if table.labels else f"cell {cell}"
        super().__init__(
            f"{name} (value {int(table.values[cell])}) cannot be protected by suppression: even "
            "with every cell suppressed its interval stays narrower than the protection level; "
            "merge categories or round the table instead"
        )


@dataclass
class LinearTable:
    values: np.ndarray
    relations: sp.csr_matrix
    labels: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.values = np.asarray(self.values, dtype=np.int64)
        self.relations = sp.csr_matrix(self.relations, dtype=float)
        if self.relations.shape[0] and np.abs(self.relations @ self.values).max() > 0:
            raise ValueError("the values do not satisfy the relations")

    @property
    def size(self) -> int:
        return len(self.values)

    @staticmethod
    def two_way(inner: np.ndarray) -> LinearTable:
        """An r x c table with its row totals (last column), column totals (last row) and grand
        total, flattened row by row."""
        inner = np.asarray(inner, dtype=np.int64)
        r, c = inner.shape
        full = np.zeros((r + 1, c + 1), dtype=np.int64)
        full[:r, :c] = inner
        full[:r, c] = inner.sum(axis=1)
        full[r, :] = full[:r, :].sum(axis=0)
        idx = np.arange((r + 1) * (c + 1)).reshape(r + 1, c + 1)
        rows: list[dict[int, float]] = []
        for i in range(r + 1):
            rows.append({**{int(idx[i, j]): 1.0 for j in range(c)}, int(idx[i, c]): -1.0})
        for j in range(c + 1):
            rows.append({**{int(idx[i, j]): 1.0 for i in range(r)}, int(idx[r, j]): -1.0})
        labels = [f"r{i}c{j}" for i in range(r + 1) for j in range(c + 1)]
        return LinearTable(full.ravel(), relation_matrix(rows, full.size), labels)

    @staticmethod
    def hierarchical(
        leaves: np.ndarray, parent_of_leaf: np.ndarray
    ) -> tuple[LinearTable, np.ndarray]:
        """A regions x forms x years table: ``leaves`` (municipalities x forms x years) with
        ``parent_of_leaf`` (the police unit of each municipality). Adds a unit level and a
        national total over regions, and a total over forms; every level is a relation.
        Returns the table and the cell index array [region, form, year]."""
        leaves = np.asarray(leaves, dtype=np.int64)
        m, f, y = leaves.shape
        parents = np.asarray(parent_of_leaf)
        units = int(parents.max()) + 1
        regions = m + units + 1
        full = np.zeros((regions, f + 1, y), dtype=np.int64)
        full[:m, :f] = leaves
        for u in range(units):
            full[m + u, :f] = leaves[parents == u].sum(axis=0)
        full[m + units, :f] = full[m : m + units, :f].sum(axis=0)
        full[:, f] = full[:, :f].sum(axis=1)
        idx = np.arange(full.size).reshape(full.shape)
        rows: list[dict[int, float]] = []
        for fo in range(f + 1):
            for yr in range(y):
                for u in range(units):
                    members = np.flatnonzero(parents == u)
                    row = {int(idx[i, fo, yr]): 1.0 for i in members}
                    row[int(idx[m + u, fo, yr])] = -1.0
                    rows.append(row)
                row = {int(idx[m + u, fo, yr]): 1.0 for u in range(units)}
                row[int(idx[m + units, fo, yr])] = -1.0
                rows.append(row)
        for g in range(regions):
            for yr in range(y):
                row = {int(idx[g, fo, yr]): 1.0 for fo in range(f)}
                row[int(idx[g, f, yr])] = -1.0
                rows.append(row)
        return LinearTable(full.ravel(), relation_matrix(rows, full.size)), idx


def relation_matrix(rows: list[dict[int, float]], n: int) -> sp.csr_matrix:
    data, ri, ci = [], [], []
    for r, row in enumerate(rows):
        for c, v in row.items():
            ri.append(r)
            ci.append(c)
            data.append(v)
    return sp.csr_matrix((data, (ri, ci)), shape=(len(rows), n))


def link(
    *tables: LinearTable, shared: list[tuple[tuple[int, int], tuple[int, int]]]
) -> LinearTable:
    """Tables over the same units in one vector; ``shared`` pairs (table, cell) that are the same
    number (a margin both tables publish) get a relation ``a - b = 0``."""
    offsets = np.cumsum([0, *(t.size for t in tables)])
    n = int(offsets[-1])
    blocks = [
        sp.hstack(
            [
                sp.csr_matrix((t.relations.shape[0], int(offsets[i]))),
                t.relations,
                sp.csr_matrix((t.relations.shape[0], n - int(offsets[i + 1]))),
            ]
        )
        for i, t in enumerate(tables)
    ]
    extra = relation_matrix(
        [{int(offsets[a]) + i: 1.0, int(offsets[b]) + j: -1.0} for (a, i), (b, j) in shared], n
    )
    values = np.concatenate([t.values for t in tables])
    return LinearTable(values, sp.vstack([*blocks, extra], format="csr"))


# --- what the attacker knows of each cell --------------------------------------------------


@dataclass
class Pattern:
    """A suppression pattern: which cells are primary, which secondary, and the range the text
    of a suppressed cell gives away (primary ``<5``: 1..4; secondary ``.``: 0..big)."""

    primary: np.ndarray
    secondary: np.ndarray
    primary_range: tuple[int, int] = (1, 4)
    protection: int = 2

    @property
    def suppressed(self) -> np.ndarray:
        return self.primary | self.secondary


def primary(values: np.ndarray, threshold: int) -> np.ndarray:
    """The frequency rule: counts from 1 to threshold-1."""
    v = np.asarray(values)
    return (v > 0) & (v < threshold)


def _big(values: np.ndarray) -> float:
    return float(max(int(np.max(values, initial=0)), 1))


def ranges(values: np.ndarray, pattern: Pattern) -> tuple[np.ndarray, np.ndarray]:
    """Per cell the range its published text allows."""
    v = np.asarray(values, dtype=float)
    lo, hi = v.copy(), v.copy()
    lo[pattern.secondary] = 0.0
    hi[pattern.secondary] = _big(values)
    lo[pattern.primary] = pattern.primary_range[0]
    hi[pattern.primary] = pattern.primary_range[1]
    return lo, hi


def required_width(pattern: Pattern) -> float:
    """The interval width every primary cell needs: the protection level, at most the width of
    the primary range."""
    lo, hi = pattern.primary_range
    return float(min(pattern.protection, hi - lo))


# --- the audit -----------------------------------------------------------------------------


@dataclass
class AuditResult:
    cells: np.ndarray
    low: np.ndarray
    high: np.ndarray
    required: np.ndarray

    @property
    def width(self) -> np.ndarray:
        return self.high - self.low

    @property
    def unsafe(self) -> np.ndarray:
        """Suppressed cells (indices) whose interval is narrower than required."""
        return self.cells[self.width < self.required - TOL]

    @property
    def ok(self) -> bool:
        return not len(self.unsafe)

    @property
    def narrowest(self) -> float:
        return float(self.width.min()) if len(self.width) else float("inf")


def audit(table: LinearTable, pattern: Pattern) -> AuditResult:
    """The attacker interval of every suppressed cell from the table's relations and its
    published cells, component by component."""
    sup = np.flatnonzero(pattern.suppressed)
    lo, hi = ranges(table.values, pattern)
    width = min(pattern.protection, pattern.primary_range[1] - pattern.primary_range[0])
    req = np.where(pattern.primary[sup], float(width), 0.0)
    low = np.zeros(len(sup))
    high = np.zeros(len(sup))
    if not len(sup):
        return AuditResult(sup, low, high, req)
    m = table.relations
    ms = m[:, sup]
    rhs = -(m[:, ~pattern.suppressed] @ table.values[~pattern.suppressed].astype(float))
    used = np.flatnonzero(np.diff(ms.indptr) > 0)
    ms, rhs = ms[used], rhs[used]
    # components: suppressed cells linked by a relation
    k = len(sup)
    graph = (ms.T @ ms) if ms.shape[0] else sp.csr_matrix((k, k))
    n_comp, comp = connected_components(graph, directed=False)
    row_comp = comp[ms.indices[ms.indptr[:-1]]] if ms.shape[0] else np.zeros(0, dtype=int)
    for c in range(n_comp):
        members = np.flatnonzero(comp == c)
        rows = np.flatnonzero(row_comp == c)
        sub = ms[rows][:, members]
        kn = Knowledge(
            expr=sp.identity(len(members), format="csr"),
            lo=lo[sup[members]],
            hi=hi[sup[members]],
            var_lb=lo[sup[members]],
            var_ub=hi[sup[members]],
            a_eq=sp.csr_matrix(sub),
            b_eq=rhs[rows],
        )
        a, b = intervals(kn, np.arange(len(members)))
        low[members], high[members] = a, b
    return AuditResult(sup, low, high, req)


# --- secondary suppression -----------------------------------------------------------------


def _weights(values: np.ndarray) -> np.ndarray:
    """Information loss of suppressing a cell: its value, plus one so that zeros cost too."""
    return np.asarray(values, dtype=float) + 1.0


def _attacker_cut(
    table: LinearTable, pattern: Pattern, p: int, sense: float, candidates: np.ndarray
) -> tuple[float, np.ndarray]:
    """Solve the attacker LP for cell ``p`` (sense +1: how far up, -1: down) with the current
    pattern, deviations z = x - a. Returns the reach and, per cell, the weight w_i such that
    reach <= sum_i w_i y_i for every pattern y (LP duality): the capacity cut."""
    v = table.values.astype(float)
    lo, hi = ranges(v, pattern)
    big = _big(table.values)
    lb = np.where(pattern.suppressed, lo - v, 0.0)
    ub = np.where(pattern.suppressed, hi - v, 0.0)
    c = np.zeros(table.size)
    c[p] = -sense
    cols = candidates
    m = table.relations[:, cols]
    keep = np.flatnonzero(np.diff(m.tocsr().indptr) > 0)
    m = m[keep]
    res = linprog(
        c[cols],
        A_eq=m if m.shape[0] else None,
        b_eq=np.zeros(m.shape[0]) if m.shape[0] else None,
        bounds=np.column_stack([lb[cols], ub[cols]]),
        method="highs",
    )
    if res.status != 0:
        raise RuntimeError(f"attacker LP failed: {res.message}")
    reach = -float(res.fun)
    d = np.asarray(res.lower.marginals) + np.asarray(res.upper.marginals)
    # potential range of each cell were it suppressed (secondary: 0..big)
    cap_lo = np.where(pattern.primary, v - lo, v)[cols]
    cap_hi = np.where(pattern.primary, hi - v, big - v)[cols]
    w = np.zeros(table.size)
    w[cols] = np.maximum(d, 0) * cap_lo + np.maximum(-d, 0) * cap_hi
    return reach, w


def _width_cut(
    table: LinearTable, pattern: Pattern, p: int, candidates: np.ndarray
) -> tuple[float, np.ndarray]:
    """How wide the attacker's interval of ``p`` is (up reach + down reach) and the capacity cut
    on it: width <= sum_i w_i y_i for every pattern y. The interval may lie anywhere around the
    value, so a cell stuck at the top of what the relations allow is protected downwards."""
    up, w_up = _attacker_cut(table, pattern, p, 1.0, candidates)
    down, w_down = _attacker_cut(table, pattern, p, -1.0, candidates)
    return up + down, w_up + w_down


def _neighbourhood(table: LinearTable, cells: np.ndarray, depth: int = 2) -> np.ndarray:
    """The cells within ``depth`` relations of ``cells``."""
    m = table.relations
    mt = m.T.tocsr()
    current = np.zeros(table.size, dtype=bool)
    current[cells] = True
    for _ in range(depth):
        rows = np.flatnonzero(np.asarray(mt[current].sum(axis=0)).ravel() != 0)
        if not len(rows):
            break
        reach = np.asarray(np.abs(m[rows]).sum(axis=0)).ravel() > 0
        current |= reach
    return np.flatnonzero(current)


def secondary_milp(
    table: LinearTable,
    prim: np.ndarray,
    *,
    primary_range: tuple[int, int] = (1, 4),
    protection: int = 2,
    weights: np.ndarray | None = None,
    max_rounds: int = 200,
    time_limit: float = 60.0,
) -> Pattern:
    """Optimal complementary suppression (fewest weight) by MILP with capacity cuts."""
    n = table.size
    w = _weights(table.values) if weights is None else np.asarray(weights, dtype=float)
    pattern = Pattern(np.asarray(prim, bool), np.zeros(n, bool), primary_range, protection)
    need = required_width(pattern)
    pattern_range = (primary_range, protection)
    everything = np.arange(n)
    cuts: list[np.ndarray] = []
    rhs: list[float] = []
    # a relation with a primary cell needs a second suppressed cell in it
    m = table.relations.tocsr()
    for r in range(m.shape[0]):
        members = m.indices[m.indptr[r] : m.indptr[r + 1]]
        ps = members[pattern.primary[members]]
        if len(ps):
            row = np.zeros(n)
            row[members] = 1.0
            cuts.append(row)
            rhs.append(2.0 if len(members) > 1 else 1.0)
    lb = pattern.primary.astype(float)
    start = time.perf_counter()
    for _ in range(max_rounds):
        constraints = (
            [LinearConstraint(sp.csr_matrix(np.array(cuts)), np.array(rhs), np.inf)] if cuts else []
        )
        res = milp(
            w,
            integrality=np.ones(n),
            bounds=Bounds(lb, np.ones(n)),
            constraints=constraints,
            options={"time_limit": max(1.0, time_limit - (time.perf_counter() - start))},
        )
        if res.x is None:
            if res.status == 2:  # infeasible: the cuts ask more than suppressing everything gives
                everything_hidden = Pattern(pattern.primary, ~pattern.primary, *pattern_range)
                unsafe = audit(table, everything_hidden).unsafe
                if len(unsafe):
                    raise UnprotectableCell(table, int(unsafe[0]))
            raise RuntimeError(f"secondary suppression MILP failed: {res.message}")
        y = np.round(res.x).astype(bool)
        pattern = Pattern(pattern.primary, y & ~pattern.primary, primary_range, protection)
        added = 0
        for p in (int(x) for x in np.flatnonzero(pattern.primary)):
            width, cut = _width_cut(table, pattern, p, everything)
            if width < need - TOL:
                cuts.append(cut)
                rhs.append(need)
                added += 1
        if not added:
            return pattern
        if time.perf_counter() - start > time_limit:
            break
    return secondary_heuristic(
        table, prim, primary_range=primary_range, protection=protection, weights=weights
    )


def secondary_heuristic(
    table: LinearTable,
    prim: np.ndarray,
    *,
    primary_range: tuple[int, int] = (1, 4),
    protection: int = 2,
    weights: np.ndarray | None = None,
    max_rounds: int = 10_000,
) -> Pattern:
    """Fast complementary suppression for large tables (see the module docstring)."""
    n = table.size
    v = table.values
    w = _weights(v) if weights is None else np.asarray(weights, dtype=float)
    sup = np.asarray(prim, bool).copy()
    pattern = Pattern(sup.copy(), np.zeros(n, bool), primary_range, protection)
    m = table.relations.tocsr()
    mt = m.T.tocsr()
    need = max(1, min(protection, primary_range[1] - primary_range[0]))
    # 1. no relation may hold exactly one suppressed cell
    queue = list(range(m.shape[0]))
    while queue:
        r = queue.pop()
        members = m.indices[m.indptr[r] : m.indptr[r + 1]]
        if sup[members].sum() != 1 or len(members) < 2:
            continue
        free = members[~sup[members]]
        big_enough = free[v[free] >= need]
        pool = big_enough if len(big_enough) else free
        pick = int(pool[np.argmin(w[pool])])
        sup[pick] = True
        queue.extend(mt.indices[mt.indptr[pick] : mt.indptr[pick + 1]].tolist())
    pattern = Pattern(pattern.primary, sup & ~pattern.primary, primary_range, protection)
    # 2. audit and repair with the duals of the attacker LP
    width_needed = required_width(pattern)
    for _ in range(max_rounds):
        result = audit(table, pattern)
        bad = [int(c) for c in result.unsafe]
        if not bad:
            return pattern
        p = bad[0]
        around = _neighbourhood(table, _component(table, pattern.suppressed, p), depth=1)
        width, cut = _width_cut(table, pattern, p, around)
        score = np.where(pattern.suppressed, 0.0, cut) / w
        if score.max() <= 0:
            # nothing near the cell helps: price the whole table
            width, cut = _width_cut(table, pattern, p, np.arange(n))
            score = np.where(pattern.suppressed, 0.0, cut) / w
        if width >= width_needed - TOL:  # the audit and the LP disagree only by tolerance
            raise RuntimeError(f"audit and attacker LP disagree on cell {p}")
        pick = int(np.argmax(score))
        if score[pick] <= 0:
            raise UnprotectableCell(table, p)
        sec = pattern.secondary.copy()
        sec[pick] = True
        pattern = Pattern(pattern.primary, sec, primary_range, protection)
    raise RuntimeError("secondary suppression did not converge")


def _component(table: LinearTable, suppressed: np.ndarray, p: int) -> np.ndarray:
    """The suppressed cells linked to ``p`` through relations with suppressed cells."""
    m = table.relations.tocsr()
    mt = m.T.tocsr()
    seen = {p}
    todo = [p]
    while todo:
        c = todo.pop()
        for r in mt.indices[mt.indptr[c] : mt.indptr[c + 1]]:
            for d in m.indices[m.indptr[r] : m.indptr[r + 1]]:
                if suppressed[d] and int(d) not in seen:
                    seen.add(int(d))
                    todo.append(int(d))
    return np.array(sorted(seen))


def baseline_rows(table: LinearTable, prim: np.ndarray, rows: list[np.ndarray]) -> np.ndarray:
    """Suppress every cell of each row (a group of cell indices) holding a primary cell."""
    sup = np.asarray(prim, bool).copy()
    for row in rows:
        if sup[row].any():
            sup[row] = True
    return sup


def controlled_round(table: LinearTable, base: int = 5) -> np.ndarray:
    """Round every cell up or down to a multiple of ``base`` so that every relation still holds;
    multiples of ``base`` stay as they are. Minimises the total absolute change."""
    v = table.values
    floor = (v // base) * base
    frac = (v - floor).astype(float)
    fixed = frac == 0
    n = len(v)
    m = table.relations
    # r = floor + base*u ; m @ r = 0  ->  base * m @ u = -m @ floor
    cost = base - 2 * frac  # |r - v| = frac + u*(base - 2 frac)
    constraints = []
    if m.shape[0]:
        b = -(m @ floor.astype(float))
        constraints.append(LinearConstraint(base * m, b, b))
    res = milp(
        cost,
        integrality=np.ones(n),
        bounds=Bounds(np.zeros(n), np.where(fixed, 0.0, 1.0)),
        constraints=constraints,
    )
    if res.x is None:
        raise RuntimeError(f"no controlled rounding exists for this table: {res.message}")
    return floor + base * np.round(res.x).astype(np.int64)
