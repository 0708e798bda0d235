"""Bootstrap intervals that repeat the whole model selection (Silverman, Chan and Vincent 2024).

Each replicate draws N people with replacement from the N observed (a multinomial over the
observed cells with the observed proportions) and reruns the selection method on it. The
intervals are BCa (Efron and Tibshirani 1993, ch. 14): bias correction
z0 = Phi^-1(#{theta*_b < theta} / B) (eq. 14.14, strictly below, as the reference R code
``bcaconfvalues``; a share of 0 or 1 is moved to 0.5/B from the edge), acceleration
a = sum(d_i^3) / (6 (sum d_i^2)^1.5) with d_i = mean(theta_(.)) - theta_(i) over the n
leave-one-person-out estimates (eq. 14.15; all people of a cell give the same leave-one-out
estimate, so one selection per non-empty cell, weighted by its count), and the endpoint for
level alpha the bootstrap quantile at Phi(z0 + (z0 + z_alpha) / (1 - a (z0 + z_alpha)))
(eq. 14.10).

The random numbers come from ``numpy.random.default_rng(seed)`` in the calling process, so the
result does not depend on how many worker processes share the replicates.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

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


def _run(
    method: str, Y: FArr, t: int, pthresh: float, model: Model | None, max_order: int | None
) -> FArr:
    if method == "stepwise":
        return stepwise_batch(Y, t, pthresh)[0]
    if method == "bic":
        return bic_batch(Y, t, max_order=max_order)
    if method == "fixed":
        assert model is not None
        mem = np.repeat(members_of([model], t), Y.shape[0], axis=0)
        e = evaluate(mem, Y, t)
        return np.where(e.status == 0, e.estimate, np.inf)
    raise ValueError(method)


def _worker(args: tuple[str, FArr, int, float, Model | None, int | None]) -> FArr:
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
    max_order: int | None = None,
    jobs: int | None = None,
) -> FArr:
    """Estimates for every count row of ``Y``, spread over ``jobs`` processes."""
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or Y.shape[0] < 8 * jobs:
        return _run(method, Y, t, pthresh, model, max_order)
    parts = np.array_split(Y, jobs * 4)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        args = [(method, p, t, pthresh, model, max_order) for p in parts]
        res = list(pool.map(_worker, args))
    return np.concatenate(res)


def jackknife_tables(ch: CaptureHistory) -> tuple[FArr, FArr]:
    """Leave-one-out tables, one per non-empty cell, and the count of that cell (its weight)."""
    cells = np.nonzero(ch.counts > 0)[0]
    Y = np.repeat(ch.counts[None, :], cells.size, axis=0)
    Y[np.arange(cells.size), cells] -= 1
    return Y, ch.counts[cells]


@dataclass(frozen=True)
class BCa:
    """The BCa ingredients: bias correction ``z0``, acceleration ``a``, the adjusted levels
    per nominal level, and the number of finite replicates ``B``."""

    z0: float
    a: float
    levels: dict[str, float]
    B: int

    @property
    def at_edge(self) -> bool:
        """An adjusted level outside [1/B, 1 - 1/B]: that endpoint is (close to) the smallest
        or largest replicate and rests on a handful of them (Efron and Tibshirani 1993,
        section 14.3: BCa needs B of 1,000 or more, and more when the levels are extreme)."""
        lo, hi = 1.0 / self.B, 1.0 - 1.0 / self.B
        return any(not lo <= v <= hi for v in self.levels.values())


def acceleration(jack: FArr, weights: FArr) -> float:
    """Jackknife acceleration (Efron and Tibshirani 1993, eq. 14.15) from leave-one-out
    estimates ``jack`` that stand for ``weights`` people each; non-finite ones are left out."""
    ok = np.isfinite(jack)
    jw, jv = weights[ok], jack[ok]
    mean = np.sum(jw * jv) / np.sum(jw)
    d = mean - jv
    den = 6.0 * np.sum(jw * d**2) ** 1.5
    return float(np.sum(jw * d**3) / den) if den > 0 else 0.0


def bca_parameters(
    theta: float, boot: FArr, jack: FArr, weights: FArr, levels: tuple[float, ...] = QUANTILES
) -> BCa:
    """z0 (eq. 14.14: the share strictly below ``theta``; replicates equal to it, which occur,
    e.g. 9 of 400 on Korea with stepwise, count as not below), the weighted jackknife
    acceleration (eq. 14.15) and the adjusted levels (eq. 14.10)."""
    boot = np.asarray(boot, dtype=np.float64)
    boot = boot[~np.isnan(boot)]
    share = float(np.sum(boot < theta)) / boot.size
    share = min(max(share, 0.5 / boot.size), 1 - 0.5 / boot.size)
    z0 = float(stats.norm.ppf(share))
    a = acceleration(jack, weights)
    adj = {}
    for q in levels:
        zq = stats.norm.ppf(q)
        adj[_key(q)] = float(stats.norm.cdf(z0 + (z0 + zq) / (1 - a * (z0 + zq))))
    return BCa(z0, a, adj, int(boot.size))


def bca_quantiles(
    theta: float, boot: FArr, jack: FArr, weights: FArr, levels: tuple[float, ...] = QUANTILES
) -> dict[str, float]:
    """BCa quantiles (Efron 1987) with the acceleration from a weighted jackknife."""
    p = bca_parameters(theta, boot, jack, weights, levels)
    finite = np.sort(np.asarray(boot, dtype=np.float64)[~np.isnan(boot)])
    return {k: float(np.quantile(finite, v)) for k, v in p.levels.items()}


def _key(q: float) -> str:
    return f"{q:g}"


@dataclass
class BootstrapResult:
    quantiles: dict[str, float]
    replicates: FArr
    bca: BCa
    seed: int | None
    nboot: int


def bootstrap_full(
    ch: CaptureHistory,
    method: str,
    theta: float,
    *,
    nboot: int = 1000,
    seed: int | None = None,
    pthresh: float = DEFAULT_PTHRESH,
    model: Model | None = None,
    max_order: int | None = None,
    jobs: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> BootstrapResult:
    """The bootstrap with its BCa ingredients (see ``bootstrap``)."""
    Y = replicate_tables(ch, nboot, seed)
    if progress:
        progress(f"{nboot} bootstrap replicates ({method})")
    kw = {"pthresh": pthresh, "model": model, "max_order": max_order}
    boot = run_selection(method, Y, ch.t, jobs=jobs, **kw)  # type: ignore[arg-type]
    J, w = jackknife_tables(ch)
    if progress:
        progress(f"{J.shape[0]} jackknife tables")
    jack = run_selection(method, J, ch.t, jobs=1, **kw)  # type: ignore[arg-type]
    par = bca_parameters(theta, boot, jack, w)
    return BootstrapResult(bca_quantiles(theta, boot, jack, w), boot, par, seed, nboot)


def bootstrap(
    ch: CaptureHistory,
    method: str,
    theta: float,
    *,
    nboot: int = 1000,
    seed: int | None = None,
    pthresh: float = DEFAULT_PTHRESH,
    model: Model | None = None,
    max_order: int | None = None,
    jobs: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> tuple[dict[str, float], FArr]:
    """BCa quantiles (keys "0.025", "0.1", "0.9", "0.975") and the replicate estimates."""
    r = bootstrap_full(
        ch,
        method,
        theta,
        nboot=nboot,
        seed=seed,
        pthresh=pthresh,
        model=model,
        max_order=max_order,
        jobs=jobs,
        progress=progress,
    )
    return r.quantiles, r.replicates
