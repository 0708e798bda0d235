"""Estimates per stratum that add up to the total (covariate models as in van Dijk et al. 2017).

The strata (year, form, age band, ...) are stacked into one table of K x (2^t - 1) cells. The
model gives every stratum its own intercept and main effects of the lists (list effects vary
by covariate: [S1, S2, ..., ] in the literature's notation with S the stratum) and shares the
interactions between lists over the strata (list dependence is the same in every stratum). The
stratum estimate is its observed count plus its fitted unobserved cell; the total is their sum.
Interactions whose lists never overlap in any stratum are at -infinity (cells removed).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ketenmonitor.estimation.capture import CaptureHistory
from ketenmonitor.estimation.lattice import FArr
from ketenmonitor.estimation.models import Model, format_model, popcount
from ketenmonitor.estimation.selection import EstimationError


@dataclass
class StratifiedEstimate:
    model: str
    observed: dict[str, int]
    estimates: dict[str, float]

    @property
    def total(self) -> float:
        return float(sum(self.estimates.values()))


def fit_strata(tables: dict[str, CaptureHistory], model: Model) -> StratifiedEstimate:
    names = list(tables)
    if not names:
        raise EstimationError("no strata")
    t = tables[names[0]].t
    Yk = np.stack([tables[n].counts for n in names])
    inter = sorted(a for a in model if popcount(a) >= 2)
    cells = np.arange(1, 2**t)
    tot = Yk.sum(0)
    ninf = [a for a in inter if tot[(np.arange(2**t) & a) == a].sum() == 0]
    inter = [a for a in inter if a not in ninf]
    keep = np.array([not any(c & a == a for a in ninf) for c in cells])
    cells = cells[keep]
    K, n = len(names), cells.size
    base = [0] + [1 << j for j in range(t)]
    cols = K * len(base) + len(inter)
    X = np.zeros((K * n, cols))
    for k in range(K):
        rows = slice(k * n, (k + 1) * n)
        for i, a in enumerate(base):
            X[rows, k * len(base) + i] = (cells & a) == a
        for i, a in enumerate(inter):
            X[rows, K * len(base) + i] = (cells & a) == a
    y = Yk[:, cells].reshape(-1)
    if np.linalg.matrix_rank(X) < cols:
        raise EstimationError(f"stratified model {format_model(model, t)} is not identifiable")
    if np.linalg.matrix_rank(X[y > 0]) < cols:
        raise EstimationError(
            f"stratified model {format_model(model, t)}: a stratum has too few people on its "
            "lists for its own list effects; merge strata"
        )
    beta = _newton(X, y)
    est = {}
    for k, name in enumerate(names):
        est[name] = float(Yk[k].sum() + np.exp(beta[k * len(base)]))
    return StratifiedEstimate(
        format_model(model, t), {n: int(tables[n].counts.sum()) for n in names}, est
    )


def _newton(X: FArr, y: FArr, tol: float = 1e-10, max_iter: int = 100) -> FArr:
    mu = y + 0.5
    beta = np.linalg.lstsq(X * np.sqrt(mu)[:, None], np.sqrt(mu) * np.log(mu), rcond=None)[0]
    for _ in range(max_iter):
        mu = np.exp(X @ beta)
        step = np.linalg.solve(X.T @ (X * mu[:, None]), X.T @ (y - mu))
        beta += step
        if np.abs(step).max() < tol * max(1.0, np.abs(beta).max()):
            return np.asarray(beta)
    raise EstimationError("the stratified fit did not converge")
