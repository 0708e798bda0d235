"""Bootstrap intervals that repeat the whole model selection (Silverman, Chan and Vincent 2024).

Each replicate draws N people with replacement from the N observed (a multinomial over the
observed cells with the observed proportions) and reruns the selection method on it. The
intervals are BCa: bias correction z0 from the share of replicates below the point estimate,
acceleration from the jackknife (leave one person out; all people of a cell give the same
leave-one-out estimate, so one selection per non-empty cell, weighted by its count).

The random numbers come from ``numpy.random.default_rng(seed)`` in the calling process, so the
result does not depend on how many worker processes share the replicates.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

import numpy as np
from scipy import stats

from ketenmonitor.estimation.capture import CaptureHistory
from ketenmonitor.estimation.lattice import FArr
from ketenmonitor.estimation.models import Model
from ketenmonitor.estimation.selection import (
    DEFAULT_PTHRESH,
    bic_batch,
    evaluate,
    members_of,
    stepwise_batch,
)

QUANTILES = (0.025, 0.1, 0.9, 0.975)


def _run(method: str, Y: FArr, t: int, pthresh: float, model: Model | None) -> FArr:
    if method == "stepwise":
        return stepwise_batch(Y, t, pthresh)[0]
    if method == "bic":
        return bic_batch(Y, t)
    if method == "fixed":
        assert model is not None
        mem = np.repeat(members_of([model], t), Y.shape[0], axis=0)
        e = evaluate(mem, Y, t)
        return np.where(e.status == 0, e.estimate, np.inf)
    raise ValueError(method)


def _worker(args: tuple[str, FArr, int, float, Model | None]) -> FArr:
    return _run(*args)


def replicate_tables(ch: CaptureHistory, nboot: int, seed: int | None) -> FArr:
    rng = np.random.default_rng(seed)
    n = round(ch.counts.sum())
    return rng.multinomial(n, ch.counts / ch.counts.sum(), size=nboot).astype(np.float64)


def run_selection(
    method: str,
    Y: FArr,
    t: int,
    *,
    pthresh: float = DEFAULT_PTHRESH,
    model: Model | None = None,
    jobs: int | None = None,
) -> FArr:
    """Estimates for every count row of ``Y``, spread over ``jobs`` processes."""
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or Y.shape[0] < 8 * jobs:
        return _run(method, Y, t, pthresh, model)
    parts = np.array_split(Y, jobs * 4)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        res = list(pool.map(_worker, [(method, p, t, pthresh, model) for p in parts]))
    return np.concatenate(res)


def jackknife_tables(ch: CaptureHistory) -> tuple[FArr, FArr]:
    """Leave-one-out tables, one per non-empty cell, and the count of that cell (its weight)."""
    cells = np.nonzero(ch.counts > 0)[0]
    Y = np.repeat(ch.counts[None, :], cells.size, axis=0)
    Y[np.arange(cells.size), cells] -= 1
    return Y, ch.counts[cells]


def bca_quantiles(
    theta: float, boot: FArr, jack: FArr, weights: FArr, levels: tuple[float, ...] = QUANTILES
) -> dict[str, float]:
    """BCa quantiles (Efron 1987) with the acceleration from a weighted jackknife."""
    boot = np.asarray(boot, dtype=np.float64)
    boot = boot[~np.isnan(boot)]
    share = (np.sum(boot < theta) + 0.5 * np.sum(boot == theta)) / boot.size
    share = min(max(share, 0.5 / boot.size), 1 - 0.5 / boot.size)
    z0 = stats.norm.ppf(share)
    ok = np.isfinite(jack)
    jw, jv = weights[ok], jack[ok]
    mean = np.sum(jw * jv) / np.sum(jw)
    d = mean - jv
    den = 6.0 * np.sum(jw * d**2) ** 1.5
    a = float(np.sum(jw * d**3) / den) if den > 0 else 0.0
    out = {}
    finite = np.sort(boot)
    for q in levels:
        zq = stats.norm.ppf(q)
        adj = stats.norm.cdf(z0 + (z0 + zq) / (1 - a * (z0 + zq)))
        out[_key(q)] = float(np.quantile(finite, adj))
    return out


def _key(q: float) -> str:
    return f"{q:g}"


def bootstrap(
    ch: CaptureHistory,
    method: str,
    theta: float,
    *,
    nboot: int = 1000,
    seed: int | None = None,
    pthresh: float = DEFAULT_PTHRESH,
    model: Model | None = None,
    jobs: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> tuple[dict[str, float], FArr]:
    """BCa quantiles (keys "0.025", "0.1", "0.9", "0.975") and the replicate estimates."""
    Y = replicate_tables(ch, nboot, seed)
    if progress:
        progress(f"{nboot} bootstrap replicates ({method})")
    boot = run_selection(method, Y, ch.t, pthresh=pthresh, model=model, jobs=jobs)
    J, w = jackknife_tables(ch)
    if progress:
        progress(f"{J.shape[0]} jackknife tables")
    jack = run_selection(method, J, ch.t, pthresh=pthresh, model=model, jobs=1)
    return bca_quantiles(theta, boot, jack, w), boot
