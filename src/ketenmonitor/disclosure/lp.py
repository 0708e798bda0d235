"""The attacker's linear program: the interval a suppressed cell can be narrowed to.

What an attacker knows is written as a ``Knowledge``: variables ``z`` with bounds, every
published or suppressed cell as a linear expression ``E z`` with the range its text gives away
(an exact count: that count; a count rounded to fives: +-2; ``<5``: 1..4; ``.``: 0 or more), and
linear constraints that hold by definition (margins, hierarchies, shares). For a suppressed cell
the attacker's interval is ``[min E_c z, max E_c z]`` over that polytope (the LP relaxation, as
tau-ARGUS and sdcTable audit). Two models use it: a table of cells with linear relations
(``tables.py``, variables are the cells) and the catalogue's unit-signature model
(``catalogue.py``, variables are the numbers of units with each combination of cells).

Solving two LPs per suppressed cell is what makes audits slow; ``intervals`` first maximises
the sum of all open cells, each capped at the bound its text allows, and every cell that reaches
its cap is settled by that one solution; only the rest get an LP of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog

TOL = 1e-6


class InconsistentKnowledge(RuntimeError):
    """The attacker's constraints have no solution: the published cells contradict each other
    (a bug in the model, never a property of the data)."""


@dataclass
class Knowledge:
    expr: sp.csr_matrix
    """Cells x variables."""
    lo: np.ndarray
    """Per cell: the lowest value its text allows (-inf: nothing known)."""
    hi: np.ndarray
    var_lb: np.ndarray
    var_ub: np.ndarray
    a_eq: sp.csr_matrix | None = None
    b_eq: np.ndarray | None = None
    a_ub: sp.csr_matrix | None = None
    b_ub: np.ndarray | None = None

    @property
    def n_vars(self) -> int:
        return int(self.expr.shape[1])


def _system(
    k: Knowledge,
) -> tuple[sp.csr_matrix | None, np.ndarray | None, sp.csr_matrix | None, np.ndarray | None]:
    exact = np.isfinite(k.lo) & np.isfinite(k.hi) & (np.abs(k.hi - k.lo) < TOL)
    eq_parts = [k.expr[exact]]
    eq_rhs = [k.lo[exact]]
    if k.a_eq is not None and k.b_eq is not None and k.a_eq.shape[0]:
        eq_parts.append(k.a_eq)
        eq_rhs.append(k.b_eq)
    upper = np.isfinite(k.hi) & ~exact
    lower = np.isfinite(k.lo) & ~exact
    ub_parts = [k.expr[upper], -k.expr[lower]]
    ub_rhs = [k.hi[upper], -k.lo[lower]]
    if k.a_ub is not None and k.b_ub is not None and k.a_ub.shape[0]:
        ub_parts.append(k.a_ub)
        ub_rhs.append(k.b_ub)
    a_eq = sp.vstack(eq_parts, format="csr")
    a_ub = sp.vstack(ub_parts, format="csr")
    b_eq = np.concatenate(eq_rhs)
    b_ub = np.concatenate(ub_rhs)
    return (
        a_eq if a_eq.shape[0] else None,
        b_eq if a_eq.shape[0] else None,
        a_ub if a_ub.shape[0] else None,
        b_ub if a_ub.shape[0] else None,
    )


def _solve(
    c: np.ndarray,
    system: tuple[sp.csr_matrix | None, np.ndarray | None, sp.csr_matrix | None, np.ndarray | None],
    bounds: np.ndarray,
    extra_ub: tuple[sp.csr_matrix, np.ndarray] | None = None,
) -> np.ndarray:
    a_eq, b_eq, a_ub, b_ub = system
    if extra_ub is not None:
        a_ub = extra_ub[0] if a_ub is None else sp.vstack([a_ub, extra_ub[0]], format="csr")
        b_ub = extra_ub[1] if b_ub is None else np.concatenate([b_ub, extra_ub[1]])
    res = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
    if res.status == 2:
        raise InconsistentKnowledge(res.message)
    if res.status != 0:
        raise RuntimeError(f"attacker LP failed: {res.message}")
    return np.asarray(res.x, dtype=float)


def intervals(k: Knowledge, cells: np.ndarray, cap: float = 1e6) -> tuple[np.ndarray, np.ndarray]:
    """The attacker's [min, max] for each cell in ``cells`` (indices into ``k.expr``), within
    the range its own text allows (an open range is capped at ``cap``)."""
    cells = np.asarray(cells, dtype=int)
    if not len(cells):
        return np.zeros(0), np.zeros(0)
    system = _system(k)
    bounds = np.column_stack([k.var_lb, k.var_ub])
    e = k.expr[cells]
    top = np.minimum(np.where(np.isfinite(k.hi[cells]), k.hi[cells], cap), cap)
    bottom = np.where(np.isfinite(k.lo[cells]), k.lo[cells], -cap)
    out = []
    for sense, target in ((1.0, top), (-1.0, bottom)):
        result = np.full(len(cells), np.nan)
        open_ = np.ones(len(cells), dtype=bool)
        # one LP settles every cell that can reach its cap at the same time
        while open_.sum() > 1:
            idx = np.flatnonzero(open_)
            c = -sense * np.asarray(e[idx].sum(axis=0)).ravel()
            cap_rows = (sense * e[idx], sense * target[idx])
            x = _solve(c, system, bounds, cap_rows)
            vals = e @ x
            reached = idx[sense * vals[idx] >= sense * target[idx] - TOL]
            if not len(reached):
                break
            result[reached] = target[reached]
            open_[reached] = False
        for i in np.flatnonzero(open_):
            if not open_[i]:
                continue
            cap_rows = (sense * e[[i]], sense * target[[i]])
            x = _solve(-sense * e[i].toarray().ravel(), system, bounds, cap_rows)
            vals = e @ x
            result[i] = vals[i]
            open_[i] = False
            done = open_ & (sense * vals >= sense * target - TOL)
            result[done] = target[done]
            open_[done] = False
        out.append(result)
    hi, lo = out
    return lo, hi
