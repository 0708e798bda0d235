"""Batched Poisson log-linear fits on the lattice of list combinations.

Every model for t lists uses the same cells (the bit masks 1 .. 2^t - 1) and its design matrix is
X[c, a] = 1 when term a is a subset of cell c. That structure makes the normal equations cheap:

- the linear predictor eta_c = sum of beta_a over the terms a inside c is a subset-sum (zeta)
  transform of beta,
- X'v for any cell vector v is the superset-sum transform of v read at the terms, and
- X'WX[a, b] is the superset-sum of the weights read at the union a | b.

Each transform is t cumulative sums over a (B, 2, ..., 2) array, so one Newton step for B fits
(any mix of models and count vectors, e.g. every model of a search or every bootstrap replicate)
is a handful of NumPy calls and one batched p x p solve.

Existence of the extended MLE and identifiability (Chan, Silverman and Vincent 2021) are decided
exactly per fit: a term whose lists never occur together in the data (zero overlap) has parameter
-infinity, which removes the cells containing it; on the remaining cells the model must have full
column rank (identifiable) and the MLE of the remaining parameters must exist (no direction d with
X d <= 0 on all cells, = 0 on the cells with positive counts, and X d != 0: Haberman's condition,
checked by rank when the positive cells already have full rank, else by a linear program).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.optimize import linprog

FArr = npt.NDArray[np.float64]
IArr = npt.NDArray[np.int64]
BArr = npt.NDArray[np.bool_]

OK, NO_MLE, NOT_IDENTIFIABLE = 0, 1, 2
STATUS_TEXT = {
    OK: "extended MLE exists and is identifiable",
    NO_MLE: "no (extended) maximum likelihood estimate exists",
    NOT_IDENTIFIABLE: "not identifiable",
}


def _axes(ndim: int, ax: int) -> tuple[tuple[slice | int, ...], tuple[slice | int, ...]]:
    lo: list[slice | int] = [slice(None)] * ndim
    hi: list[slice | int] = [slice(None)] * ndim
    lo[ax], hi[ax] = 0, 1
    return tuple(lo), tuple(hi)


def superset_sum(v: npt.NDArray[Any], t: int) -> npt.NDArray[Any]:
    """out[..., a] = sum of v[..., c] over the cells c that contain a.

    One in-place addition of half the array per list (bit): out[bit 0] += out[bit 1]."""
    lead = v.shape[:-1]
    w = np.array(v, copy=True).reshape((*lead, *([2] * t)))
    for ax in range(len(lead), len(lead) + t):
        lo, hi = _axes(w.ndim, ax)
        w[lo] += w[hi]
    return w.reshape(v.shape)


def subset_sum(v: npt.NDArray[Any], t: int) -> npt.NDArray[Any]:
    """out[..., c] = sum of v[..., a] over the terms a inside c (out[bit 1] += out[bit 0])."""
    lead = v.shape[:-1]
    w = np.array(v, copy=True).reshape((*lead, *([2] * t)))
    for ax in range(len(lead), len(lead) + t):
        lo, hi = _axes(w.ndim, ax)
        w[hi] += w[lo]
    return w.reshape(v.shape)


@dataclass
class Reduced:
    """Fits after the zero-overlap terms are set to -infinity.

    ``params[i]`` are the finite terms of fit i (ascending masks, 0 first), ``kept[i]`` the cells
    whose expected count is not forced to zero, ``n_terms`` the number of terms as written
    (including those at -infinity)."""

    params: list[IArr]
    kept: BArr
    n_terms: IArr
    n_inf: IArr


def reduce(members: BArr, Y: FArr, t: int) -> Reduced:
    """``members[i, a]`` says term a is in model i; ``Y[i]`` its counts (cell 0 is ignored)."""
    n = 2**t
    sup = superset_sum(Y, t)
    ninf = members & (sup <= 0)
    ninf[:, 0] = False
    removed = subset_sum(ninf.astype(np.int64), t) > 0
    kept = ~removed
    kept[:, 0] = False
    fin = members & ~ninf
    idx = np.arange(n)
    params = [idx[row] for row in fin]
    return Reduced(params, kept, members.sum(1), ninf.sum(1))


def _gram(weights: FArr, terms: IArr, t: int) -> FArr:
    s = superset_sum(weights, t)
    union = terms[:, :, None] | terms[:, None, :]
    b = np.arange(terms.shape[0])[:, None, None]
    return np.asarray(s[b, union], dtype=np.float64)


def _full_rank(G: FArr) -> BArr:
    ev = np.linalg.eigvalsh(G)
    return np.asarray(ev[:, 0] > 1e-9 * np.maximum(ev[:, -1], 1.0))


def _design(terms: IArr, kept: BArr) -> FArr:
    cells = np.nonzero(kept)[0]
    return ((cells[:, None] & terms[None, :]) == terms[None, :]).astype(np.float64)


def _mle_exists_lp(terms: IArr, kept: BArr, y: FArr) -> bool:
    """Haberman's condition on the kept cells, assuming X has full column rank there."""
    return mle_exists(_design(terms, kept), y[np.nonzero(kept)[0]])


def dense_gram(X: FArr, w: FArr | None = None) -> FArr:
    """X' diag(w) X without BLAS threads (np.einsum): for these small designs a threaded
    matrix product costs more in waiting on a busy machine than it saves."""
    if w is None:
        return np.asarray(np.einsum("ri,rj->ij", X, X))
    return np.asarray(np.einsum("ri,r,rj->ij", X, w, X))


def null_space(X: FArr, tol: float = 1e-9) -> FArr:
    """A basis of {d: X d = 0} (columns) by Gauss-Jordan elimination with partial pivoting.

    Plain NumPy row operations instead of an SVD or eigendecomposition: for these small 0/1
    designs LAPACK's threaded routines are slow on a busy machine, and any basis serves the
    existence test."""
    A = np.array(X, dtype=np.float64)
    m, n = A.shape
    scale = max(float(np.abs(A).max()) if A.size else 1.0, 1.0)
    pivots: list[int] = []
    row = 0
    for col in range(n):
        if row == m:
            break
        r = row + int(np.argmax(np.abs(A[row:, col])))
        if abs(A[r, col]) <= tol * scale:
            continue
        A[[row, r]] = A[[r, row]]
        A[row] /= A[row, col]
        others = np.arange(m) != row
        A[others] -= np.outer(A[others, col], A[row])
        pivots.append(col)
        row += 1
    free = [c for c in range(n) if c not in pivots]
    N = np.zeros((n, len(free)))
    for i, f in enumerate(free):
        N[f, i] = 1.0
        for k, pc in enumerate(pivots):
            N[pc, i] = -A[k, f]
    return N


def mle_exists(X: FArr, y: FArr) -> bool:
    """Haberman's condition for a Poisson log-linear model with design ``X`` (full column rank)
    and counts ``y``: the MLE exists unless some direction d has X d <= 0 on every cell, X d = 0
    on the cells with positive counts and X d != 0."""
    pos = y > 0
    XZ = X[~pos]
    N = null_space(X[pos])
    if N.shape[1] == 0:
        return True
    A = np.einsum("ri,ij->rj", XZ, N)
    A[np.abs(A) < 1e-12] = 0.0
    if N.shape[1] == 1:
        a = A[:, 0]
        return bool((a > 1e-9).any() and (a < -1e-9).any())
    m = A.shape[0]
    res = linprog(
        A.sum(0),
        A_ub=np.vstack([A, -A]),
        b_ub=np.r_[np.zeros(m), np.ones(m)],
        bounds=[(None, None)] * A.shape[1],
        method="highs",
    )
    if res.status != 0:  # pragma: no cover - the LP is bounded and feasible (c = 0)
        raise RuntimeError(f"existence LP failed: {res.message}")
    return bool(res.fun > -1e-7)


def admissibility(terms: IArr, kept: BArr, Y: FArr, t: int) -> IArr:
    """Status per fit (OK, NO_MLE, NOT_IDENTIFIABLE) for a group with equal parameter counts."""
    B, _p = terms.shape
    status = np.full(B, OK, dtype=np.int64)
    if B == 0:
        return status
    keptf = kept.astype(np.float64)
    ident = _full_rank(_gram(keptf, terms, t))
    status[~ident] = NOT_IDENTIFIABLE
    posf = keptf * (Y > 0)
    pos_rank = _full_rank(_gram(posf, terms, t))
    for i in np.nonzero(ident & ~pos_rank)[0]:
        if not _mle_exists_lp(terms[i], kept[i], Y[i]):
            status[i] = NO_MLE
    return status


@dataclass
class Fits:
    beta: FArr
    loglik: FArr
    converged: BArr
    cov0: FArr | None = None  # variance of the intercept (log of the unobserved cell)


def fit_group(
    terms: IArr,
    kept: BArr,
    Y: FArr,
    t: int,
    *,
    max_iter: int = 60,
    tol: float = 1e-10,
) -> Fits:
    """Poisson MLE by Newton's method for B fits with the same number p of parameters.

    ``terms`` (B, p) ascending term masks (0 first), ``kept`` (B, 2^t) cells in the fit, ``Y``
    (B, 2^t) counts. Fits whose MLE does not exist do not converge and are flagged."""
    B, p = terms.shape
    n = 2**t
    keptf = kept.astype(np.float64)
    y = Y * keptf
    beta = np.zeros((B, p))
    conv = np.zeros(B, dtype=bool)
    bidx = np.arange(B)
    if B == 0:
        return Fits(beta, np.zeros(0), conv)
    # IRLS start from mu = y + 0.5 on the kept cells.
    mu0 = (y + 0.5) * keptf
    with np.errstate(divide="ignore", invalid="ignore"):
        logmu0 = np.where(kept, np.log(np.where(kept, mu0, 1.0)), 0.0)
    rhs = superset_sum(mu0 * logmu0 + y - mu0, t)[bidx[:, None], terms]
    # nan rows: models that are not identifiable (possible in fits without the check)
    beta = batched_solve(_gram(mu0, terms, t), rhs)
    start_bad = ~np.isfinite(beta).all(1)
    beta[start_bad] = 0.0
    active = np.nonzero(~start_bad)[0]
    for _ in range(max_iter):
        if active.size == 0:
            break
        tm = terms[active]
        full = np.zeros((active.size, n))
        full[np.arange(active.size)[:, None], tm] = beta[active]
        eta = subset_sum(full, t)
        with np.errstate(over="ignore", invalid="ignore"):
            mu = np.exp(np.minimum(eta, 700.0)) * keptf[active]
            g = superset_sum(y[active] - mu, t)[np.arange(active.size)[:, None], tm]
            H = _gram(mu, tm, t)
            step = batched_solve(H, g)
        bad = ~np.isfinite(step).all(1)
        step[bad] = 0.0
        beta[active] += step
        done = (np.abs(step).max(1) < tol * np.maximum(1.0, np.abs(beta[active]).max(1))) & ~bad
        conv[active[done]] = True
        active = active[~done & ~bad]
    full = np.zeros((B, n))
    full[bidx[:, None], terms] = beta
    eta = subset_sum(full, t)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        mu = np.exp(np.minimum(eta, 700.0)) * keptf
        ll = (np.where(y > 0, y * eta, 0.0) - mu).sum(1)
    conv &= np.isfinite(ll)
    return Fits(beta, ll, conv)


def batched_solve(H: FArr, g: FArr) -> FArr:
    """Solve H[i] x[i] = g[i] for a stack; rows whose matrix is exactly singular get nan (one
    batched call more instead of one call per matrix, which is what made a bootstrap slow)."""
    try:
        return np.asarray(np.linalg.solve(H, g[..., None])[..., 0])
    except np.linalg.LinAlgError:
        with np.errstate(divide="ignore", invalid="ignore"):
            sign, _ = np.linalg.slogdet(H)
        bad = sign == 0
        H2 = H.copy()
        H2[bad] = np.eye(H.shape[-1])
        out = np.asarray(np.linalg.solve(H2, g[..., None])[..., 0])
        out[bad] = np.nan
        return out


def intercept_variance(terms: IArr, kept: BArr, beta: FArr, t: int) -> FArr:
    """Var(beta_0) from the inverse information, for fits at their MLE."""
    B, p = terms.shape
    full = np.zeros((B, 2**t))
    full[np.arange(B)[:, None], terms] = beta
    mu = np.exp(subset_sum(full, t)) * kept
    H = _gram(mu, terms, t)
    e0 = np.zeros((B, p, 1))
    e0[:, 0, 0] = 1.0
    return np.asarray(np.linalg.solve(H, e0)[:, 0, 0])


def group_by_size(params: list[IArr]) -> dict[int, IArr]:
    """Indices of the fits per number of finite parameters."""
    sizes = np.array([len(p) for p in params])
    return {int(s): np.nonzero(sizes == s)[0] for s in np.unique(sizes)}
