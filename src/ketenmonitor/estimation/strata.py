"""Estimates per stratum that add up to the total (covariate models as in van Dijk et al. 2017).

The strata (year, form, age band, ...) are stacked into one table of K x (2^t - 1) cells. The
model gives every stratum its own intercept and main effects of the lists (list effects vary
by covariate: [S1, S2, ..., ] in the literature's notation with S the stratum) and shares the
interactions between lists over the strata (list dependence is the same in every stratum). The
stratum estimate is its observed count plus its fitted unobserved cell; the total is their sum.

Terms at -infinity are handled exactly, as in the lattice fits: a list on which nobody of a
stratum is (e.g. FairWork for sexual exploitation) has a stratum main effect of -infinity, so
that stratum's cells with that list are removed (fitted 0); an interaction whose lists never
overlap in any stratum is at -infinity in all strata. On the rest the design must have full
rank (identifiable) and the MLE must exist (Haberman's condition, ``lattice.mle_exists``).

Strata too small for list effects of their own (fewer than ``MIN_OVERLAP`` people on more than
one list, no MLE, or no MLE in more than ``MAX_FAIL`` of a pilot of ``PILOT`` bootstrap
replicates) are merged, the smallest first, into one stratum ``MERGED``; the merge is
reported (``StratifiedEstimate.merged``) and kept fixed in the bootstrap. Where a replicate
still has no estimate (the extended MLE puts that stratum's unobserved cell at infinity), it
is left out and counted (``StratifiedEstimate.failed``).

``estimate_strata`` selects the model on the pooled table (stepwise, BIC or fixed), fits it
with stratum-specific list effects, and with ``nboot`` gives BCa intervals per stratum and for
the total: every replicate resamples the N observed people over all strata and cells
(multinomial), selects the model again on the pooled replicate and refits the strata; the
acceleration comes from the jackknife over the non-empty (stratum, cell) pairs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ketenmonitor.estimation.capture import CaptureHistory
from ketenmonitor.estimation.lattice import FArr, dense_gram, mle_exists, null_space
from ketenmonitor.estimation.models import Model, format_model, parse_model, popcount
from ketenmonitor.estimation.selection import (
    DEFAULT_PTHRESH,
    EstimationError,
    select,
    select_models,
)

TOTAL = "totaal"
MERGED = "overige"
MIN_OVERLAP = 20
"""Fewest people on more than one list for a stratum to get list effects of its own: with
fewer, resampling often removes the overlaps that identify them and the bootstrap fails."""
PILOT = 100
MAX_FAIL = 0.05
"""Strata are also merged until the stratified model has an estimate in all but ``MAX_FAIL``
of ``PILOT`` bootstrap replicates (a pilot with the model fixed)."""


@dataclass
class StratifiedEstimate:
    model: str
    observed: dict[str, int]
    estimates: dict[str, float]
    method: str = "fixed"
    quantiles: dict[str, dict[str, float]] = field(default_factory=dict)
    """BCa quantiles per stratum and for the total (key ``TOTAL``), with ``nboot``."""
    nboot: int = 0
    seed: int | None = None
    failed: int = 0
    """Replicates in which the stratified model had no estimate (left out of the intervals)."""
    merged: list[str] = field(default_factory=list)
    """The strata merged into ``MERGED`` because they were too small for list effects."""

    @property
    def total(self) -> float:
        return float(sum(self.estimates.values()))


def _design(Yk: FArr, model: Model, t: int) -> tuple[FArr, FArr, list[int]]:
    """Design matrix, counts and the column of each stratum's intercept, on the cells left
    after the -infinity terms are removed."""
    K = Yk.shape[0]
    cells = np.arange(1, 2**t)
    inter = sorted(a for a in model if popcount(a) >= 2)
    tot = Yk.sum(0)
    ninf = [a for a in inter if tot[(np.arange(2**t) & a) == a].sum() == 0]
    inter = [a for a in inter if a not in ninf]
    shared_keep = np.array([not any(c & a == a for a in ninf) for c in cells])
    blocks, ys, icol = [], [], []
    ncol = 0
    for k in range(K):
        lists_k = [j for j in range(t) if Yk[k][(np.arange(2**t) >> j) & 1 == 1].sum() > 0]
        absent = [j for j in range(t) if j not in lists_k]
        keep = shared_keep & np.array([not any(c >> j & 1 for j in absent) for c in cells])
        ck = cells[keep]
        base = [0] + [1 << j for j in lists_k]
        blocks.append((k, ck, base, ncol))
        icol.append(ncol)
        ncol += len(base)
        ys.append(Yk[k, ck])
    cols = ncol + len(inter)
    rows = sum(b[1].size for b in blocks)
    X = np.zeros((rows, cols))
    r = 0
    for _k, ck, base, c0 in blocks:
        for i, a in enumerate(base):
            X[r : r + ck.size, c0 + i] = (ck & a) == a
        for i, a in enumerate(inter):
            X[r : r + ck.size, ncol + i] = (ck & a) == a
        r += ck.size
    return X, np.concatenate(ys), icol


def _fit(Yk: FArr, model: Model, t: int) -> FArr:
    """Per-stratum estimates (observed + fitted unobserved cell); EstimationError when the
    stratified model is not identifiable or has no MLE."""
    X, y, icol = _design(Yk, model, t)
    if null_space(X).shape[1] > 0:
        raise EstimationError(f"stratified model {format_model(model, t)} is not identifiable")
    if not mle_exists(X, y):
        raise EstimationError(
            f"stratified model {format_model(model, t)}: no maximum likelihood estimate (a "
            "stratum has too few people on several lists for list effects of its own)"
        )
    beta = _newton(X, y)
    return np.asarray(Yk.sum(1) + np.exp(beta[icol]))


def fit_strata(tables: dict[str, CaptureHistory], model: Model) -> StratifiedEstimate:
    """The stratified model on the given strata as they are (no merging)."""
    names, lists, Yk = _stack(tables)
    est = _fit(Yk, model, len(lists))
    return StratifiedEstimate(
        format_model(model, len(lists)),
        {n: round(float(Yk[k].sum())) for k, n in enumerate(names)},
        {n: float(est[k]) for k, n in enumerate(names)},
    )


def _overlap(counts: FArr) -> float:
    """People on more than one list."""
    multi = np.array([popcount(c) >= 2 for c in range(counts.size)])
    return float(counts[multi].sum())


def _pilot_failures(Yk: FArr, model: Model, t: int, pilot: int, seed: int | None) -> float:
    """Share of ``pilot`` multinomial replicates in which the stratified model (fixed) has no
    estimate."""
    if pilot <= 0:
        return 0.0
    K, n = Yk.shape
    flat = Yk.reshape(-1)
    rng = np.random.default_rng(seed)
    B = rng.multinomial(round(flat.sum()), flat / flat.sum(), size=pilot).reshape(pilot, K, n)
    return float(np.isnan(_fit_batch(B.astype(np.float64), [model] * pilot, t)).any(1).mean())


def merge_small_strata(
    tables: dict[str, CaptureHistory],
    model: Model,
    min_overlap: int = MIN_OVERLAP,
    *,
    pilot: int = PILOT,
    max_fail: float = MAX_FAIL,
    seed: int | None = None,
) -> tuple[dict[str, CaptureHistory], list[str]]:
    """Merge the smallest strata (fewest people) into ``MERGED`` until every stratum has at
    least ``min_overlap`` people on more than one list, the stratified model has an estimate,
    and it has one in all but ``max_fail`` of ``pilot`` bootstrap replicates (with one stratum
    left it is the pooled model). Returns the strata and the merged names."""
    names, lists, Yk = _stack(tables)
    t = len(lists)
    order = sorted(range(len(names)), key=lambda k: (Yk[k].sum(), names[k]))
    merged: list[int] = []
    while True:
        keep = [k for k in range(len(names)) if k not in merged]
        cur = {names[k]: tables[names[k]] for k in keep}
        if merged:
            cur[MERGED] = CaptureHistory(lists, Yk[merged].sum(0))
        if len(cur) == 1:
            return cur, [names[k] for k in merged]
        if all(_overlap(c.counts) >= min_overlap for c in cur.values()):
            Ycur = np.stack([c.counts for c in cur.values()])
            try:
                _fit(Ycur, model, t)
                if _pilot_failures(Ycur, model, t, pilot, seed) <= max_fail:
                    return cur, [names[k] for k in merged]
            except EstimationError:
                pass
        merged.append(next(k for k in order if k not in merged))


def _newton(X: FArr, y: FArr, tol: float = 1e-10, max_iter: int = 100) -> FArr:
    """Poisson MLE by Newton's method from the IRLS start mu = y + 0.5 (products by einsum,
    see ``lattice.dense_gram``)."""
    mu = y + 0.5
    beta = np.linalg.solve(dense_gram(X, mu), np.einsum("ri,r->i", X, mu * np.log(mu)))
    for _ in range(max_iter):
        mu = np.exp(np.einsum("ri,i->r", X, beta))
        step = np.linalg.solve(dense_gram(X, mu), np.einsum("ri,r->i", X, y - mu))
        beta += step
        if np.abs(step).max() < tol * max(1.0, np.abs(beta).max()):
            return np.asarray(beta)
    raise EstimationError("the stratified fit did not converge")


def _stack(tables: dict[str, CaptureHistory]) -> tuple[list[str], tuple[str, ...], FArr]:
    names = list(tables)
    if not names:
        raise EstimationError("no strata")
    lists = tables[names[0]].lists
    if any(tables[n].lists != lists for n in names):
        raise EstimationError("all strata must have the same lists")
    return names, lists, np.stack([tables[n].counts for n in names])


def _fit_batch(Yk: FArr, models: list[Model | None], t: int) -> FArr:
    """Stratum estimates (R, K) for R stacked tables (R, K, 2^t); nan where there is none."""
    out = np.full(Yk.shape[:2], np.nan)
    for r, model in enumerate(models):
        if model is None:
            continue
        try:
            out[r] = _fit(Yk[r], model, t)
        except (EstimationError, np.linalg.LinAlgError):
            continue
    return out


def estimate_strata(
    tables: dict[str, CaptureHistory],
    method: str = "stepwise",
    *,
    model: str | None = None,
    pthresh: float = DEFAULT_PTHRESH,
    max_order: int | None = None,
    nboot: int = 0,
    seed: int | None = None,
    merge: bool = True,
    min_overlap: int = MIN_OVERLAP,
) -> StratifiedEstimate:
    """Stratum estimates that add up to the total, with BCa intervals when ``nboot`` > 0.

    The model is selected on the pooled table by ``method`` (``model`` for "fixed") and fitted
    with list effects per stratum; with ``merge`` strata too small for that are merged first
    (``merge_small_strata``)."""
    from ketenmonitor.estimation.bootstrap import bca_quantiles

    _, lists, Yall = _stack(tables)
    t = len(lists)
    fixed = parse_model(model, t) if model else None
    pooled = CaptureHistory(lists, Yall.sum(0))
    pooled.validate()
    sel = select(pooled, method, fixed, pthresh=pthresh, max_order=max_order)
    chosen = parse_model(sel.model, t)
    merged: list[str] = []
    if merge:
        tables, merged = merge_small_strata(
            tables, chosen, min_overlap, pilot=PILOT if nboot > 0 else 0, seed=seed
        )
    names, _, Yk = _stack(tables)
    point = fit_strata(tables, chosen)
    point.method = method
    point.merged = merged
    if nboot <= 0:
        return point
    kw = {"pthresh": pthresh, "max_order": max_order, "model": fixed}
    K, n = Yk.shape
    N = round(float(Yk.sum()))
    rng = np.random.default_rng(seed)
    flat = Yk.reshape(-1)
    B = rng.multinomial(N, flat / flat.sum(), size=nboot).astype(np.float64).reshape(nboot, K, n)
    boot = _fit_batch(B, select_models(B.sum(1), t, method, **kw), t)  # type: ignore[arg-type]
    cells = np.nonzero(flat > 0)[0]
    J = np.repeat(flat[None, :], cells.size, axis=0)
    J[np.arange(cells.size), cells] -= 1
    J = J.reshape(cells.size, K, n)
    jack = _fit_batch(J, select_models(J.sum(1), t, method, **kw), t)  # type: ignore[arg-type]
    w = flat[cells]
    theta = np.array([point.estimates[nm] for nm in names])
    q: dict[str, dict[str, float]] = {}
    for k, nm in enumerate(names):
        q[nm] = bca_quantiles(float(theta[k]), boot[:, k], jack[:, k], w)
    q[TOTAL] = bca_quantiles(float(theta.sum()), boot.sum(1), jack.sum(1), w)
    point.quantiles = q
    point.nboot = nboot
    point.seed = seed
    point.failed = int(np.isnan(boot).any(1).sum())
    return point
