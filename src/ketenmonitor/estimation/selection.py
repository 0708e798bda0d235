"""Model fitting and selection: a fixed model, forward stepwise, lowest BIC.

Definitions (docs/methodology/estimation.md gives the reasoning and the reference results):

- ``STEPWISE``: start from the main effects; each step tries every two-list interaction not yet
  in the model whose lists overlap in the data; the p-value of a candidate is the likelihood
  ratio test (deviance drop, chi-square with 1 df) against the current model; the candidate
  with the smallest p-value is added when that p-value is below ``pthresh``. The search stops
  when no p-value is below the threshold, or when a candidate gives a model without an extended
  MLE or that is not identifiable (the reference stepwise on Korea.csv stops at [12,3] there).
- ``BIC``: -2 log-likelihood of the Poisson model on the observed cells + log(N) times the
  number of terms of the model as written (intercept, main effects and every interaction,
  including interactions at -infinity), N the number of people observed. The lowest BIC over
  every admissible hierarchical model with interactions up to order t - 1.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import stats

from ketenmonitor.estimation.capture import CaptureHistory
from ketenmonitor.estimation.lattice import (
    OK,
    STATUS_TEXT,
    BArr,
    FArr,
    IArr,
    admissibility,
    fit_group,
    group_by_size,
    reduce,
)
from ketenmonitor.estimation.models import (
    Model,
    format_model,
    hierarchical_models,
    main_effects,
    pairs,
)

DEFAULT_PTHRESH = 0.02
MAX_BIC_LISTS = 6


class EstimationError(ValueError):
    """No estimate can be made (e.g. the model has no extended MLE)."""


@dataclass
class Estimate:
    observed: int
    estimate: float
    model: str
    method: str
    n_models_considered: int
    lists: tuple[str, ...] = ()
    quantiles: dict[str, float] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "observed": self.observed,
            "estimate": self.estimate,
            "model": self.model,
            "method": self.method,
            "n_models_considered": self.n_models_considered,
        }
        if self.quantiles:
            out["quantiles"] = dict(self.quantiles)
        return out


@dataclass
class Evaluation:
    """Per (model, counts) item: status (or -1 when not checked), log-likelihood, estimate of
    the population, number of terms as written, convergence."""

    status: IArr
    loglik: FArr
    estimate: FArr
    n_terms: IArr
    converged: BArr


def members_of(models: Sequence[Model], t: int) -> BArr:
    m = np.zeros((len(models), 2**t), dtype=bool)
    for i, mod in enumerate(models):
        m[i, list(mod)] = True
    return m


def evaluate(members: BArr, Y: FArr, t: int, *, check: bool = True) -> Evaluation:
    """Fit B items (model rows of ``members`` with count rows of ``Y``) in batches by size."""
    B = members.shape[0]
    red = reduce(members, Y, t)
    status = np.full(B, -1 if not check else OK, dtype=np.int64)
    ll = np.full(B, np.nan)
    est = np.full(B, np.nan)
    conv = np.zeros(B, dtype=bool)
    obs = Y[:, 1:].sum(1)
    for p, idx in group_by_size(red.params).items():
        terms = np.stack([red.params[i] for i in idx]) if idx.size else np.zeros((0, p), int)
        kept = red.kept[idx]
        todo = np.arange(idx.size)
        if check:
            st = admissibility(terms, kept, Y[idx], t)
            status[idx] = st
            todo = np.nonzero(st == OK)[0]
        if todo.size == 0:
            continue
        f = fit_group(terms[todo], kept[todo], Y[idx[todo]], t)
        sel = idx[todo]
        ll[sel] = f.loglik
        with np.errstate(over="ignore"):
            est[sel] = obs[sel] + np.exp(f.beta[:, 0])
        conv[sel] = f.converged
    if check and (bad := (status == OK) & ~conv).any():  # pragma: no cover - defensive
        raise RuntimeError(f"{int(bad.sum())} admissible fits did not converge")
    return Evaluation(status, ll, est, red.n_terms, conv)


def _single(ch: CaptureHistory, model: Model) -> Evaluation:
    return evaluate(members_of([model], ch.t), ch.counts[None, :], ch.t)


def check_model(ch: CaptureHistory, model: Model) -> tuple[int, str]:
    """(status, text) of the existence / identifiability check of one model."""
    st = int(_single(ch, model).status[0])
    return st, STATUS_TEXT[st]


def fit_fixed(ch: CaptureHistory, model: Model) -> Estimate:
    ev = _single(ch, model)
    if ev.status[0] != OK:
        raise EstimationError(
            f"model {format_model(model, ch.t)}: {STATUS_TEXT[int(ev.status[0])]}"
        )
    return Estimate(
        ch.observed, float(ev.estimate[0]), format_model(model, ch.t), "fixed", 1, ch.lists
    )


# ------------------------------------------------------------------ stepwise


def stepwise_batch(
    Y: FArr, t: int, pthresh: float = DEFAULT_PTHRESH
) -> tuple[FArr, list[Model], IArr]:
    """Forward stepwise (``STEPWISE`` in the module docstring) for every count row of ``Y`` in
    lockstep. Returns estimates (nan when even the main effects model has no estimate), the
    selected models and the number of models fitted per row."""
    R = Y.shape[0]
    allpairs = pairs(t)
    mem = np.zeros((R, 2**t), dtype=bool)
    mem[:, list(main_effects(t))] = True
    ev = evaluate(mem, Y, t)
    cur_ll = ev.loglik.copy()
    cur_est = ev.estimate.copy()
    nfit = np.ones(R, dtype=np.int64)
    active = np.nonzero(ev.status == OK)[0]
    cur_est[ev.status != OK] = np.nan
    sup = _overlaps(Y, t)
    while active.size:
        rows: list[int] = []
        cand: list[int] = []
        for r in active:
            for pr in allpairs:
                if not mem[r, pr] and sup[r, pr] > 0:
                    rows.append(int(r))
                    cand.append(pr)
        if not rows:
            break
        ri = np.array(rows)
        ci = np.array(cand)
        m = mem[ri].copy()
        m[np.arange(ri.size), ci] = True
        e = evaluate(m, Y[ri], t)
        np.add.at(nfit, ri, 1)
        with np.errstate(invalid="ignore"):
            lr = np.maximum(2.0 * (e.loglik - cur_ll[ri]), 0.0)
        pv = np.where(e.status == OK, stats.chi2.sf(lr, 1), np.inf)
        nxt = []
        for r in active:
            sel = np.nonzero(ri == r)[0]
            if sel.size == 0:
                continue  # no candidate left for this row: its search is over
            if (e.status[sel] != OK).any():
                continue  # a candidate without an estimate stops the search
            k = sel[np.argmin(pv[sel])]
            if pv[k] < pthresh:
                mem[r, ci[k]] = True
                cur_ll[r] = e.loglik[k]
                cur_est[r] = e.estimate[k]
                nxt.append(r)
        active = np.array(nxt, dtype=np.int64)
    models = [frozenset(np.nonzero(row)[0].tolist()) for row in mem]
    return cur_est, models, nfit


def _overlaps(Y: FArr, t: int) -> FArr:
    from ketenmonitor.estimation.lattice import superset_sum

    return np.asarray(superset_sum(Y, t))


def stepwise(ch: CaptureHistory, pthresh: float = DEFAULT_PTHRESH) -> Estimate:
    est, models, nfit = stepwise_batch(ch.counts[None, :], ch.t, pthresh)
    if not np.isfinite(est[0]):
        raise EstimationError("the main effects model has no estimate for this table")
    return Estimate(
        ch.observed,
        float(est[0]),
        format_model(models[0], ch.t),
        "stepwise",
        int(nfit[0]),
        ch.lists,
    )


# ------------------------------------------------------------------ BIC


_MODEL_CACHE: dict[tuple[int, int], tuple[list[Model], BArr]] = {}


def bic_models(t: int, max_order: int | None = None) -> tuple[list[Model], BArr]:
    """Every hierarchical model with all main effects and interactions up to ``max_order``
    (default t - 1), the model space of the BIC search, and its membership matrix."""
    if t > MAX_BIC_LISTS:
        raise EstimationError(f"the BIC search covers up to {MAX_BIC_LISTS} lists, not {t}")
    order = t - 1 if max_order is None else max_order
    if not 1 <= order <= t - 1:
        raise EstimationError(f"max order must be between 1 and {t - 1} for {t} lists")
    if (t, order) not in _MODEL_CACHE:
        models = hierarchical_models(t, order)
        _MODEL_CACHE[t, order] = (models, members_of(models, t))
    return _MODEL_CACHE[t, order]


def bic_values(ev: Evaluation, n_obs: FArr) -> FArr:
    return np.asarray(-2.0 * ev.loglik + np.log(n_obs) * ev.n_terms)


def bic_select(ch: CaptureHistory, max_order: int | None = None) -> Estimate:
    """Lowest BIC over all admissible hierarchical models with interactions up to ``max_order``
    (default t - 1; every model checked exactly). ``n_models_considered`` is the number of
    admissible models: those the search compares (docs/methodology/estimation.md)."""
    models, mem = bic_models(ch.t, max_order)
    Y = np.broadcast_to(ch.counts, (len(models), ch.counts.size))
    ev = evaluate(mem, np.ascontiguousarray(Y), ch.t)
    bic = bic_values(ev, np.full(len(models), float(ch.counts.sum())))
    ok = ev.status == OK
    if not ok.any():
        raise EstimationError("no hierarchical model has an estimate for this table")
    b = np.where(ok, bic, np.inf)
    k = int(np.argmin(b))
    return Estimate(
        ch.observed,
        float(ev.estimate[k]),
        format_model(models[k], ch.t),
        "bic",
        int(ok.sum()),
        ch.lists,
    )


def bic_batch(Y: FArr, t: int, chunk: int = 8, max_order: int | None = None) -> FArr:
    """Lowest-BIC estimate for every count row of ``Y`` (see ``bic_batch_select``)."""
    return bic_batch_select(Y, t, chunk, max_order)[0]


def bic_batch_select(
    Y: FArr, t: int, chunk: int = 8, max_order: int | None = None
) -> tuple[FArr, IArr]:
    """Lowest-BIC estimate and the index of the selected model in ``bic_models(t, max_order)``
    (-1 when no model is admissible) for every count row of ``Y``.

    All models are fitted without the check; then per row the models are visited in order of
    BIC and the first that passes the exact existence/identifiability check is taken (models
    whose MLE does not exist do not converge and are checked like the others)."""
    models, mem = bic_models(t, max_order)
    M = len(models)
    out = np.full(Y.shape[0], np.nan)
    idx = np.full(Y.shape[0], -1, dtype=np.int64)
    for start in range(0, Y.shape[0], chunk):
        Yc = Y[start : start + chunk]
        R = Yc.shape[0]
        memb = np.tile(mem, (R, 1))
        Yb = np.repeat(Yc, M, axis=0)
        ev = evaluate(memb, Yb, t, check=False)
        bic = bic_values(ev, np.repeat(Yc.sum(1), M)).reshape(R, M)
        bic = np.where(np.isfinite(bic), bic, np.inf)
        conv = ev.converged.reshape(R, M)
        for r in range(R):
            out[start + r], idx[start + r] = _first_admissible(
                memb[r * M : (r + 1) * M], Yc[r], t, bic[r], conv[r]
            )
    return out, idx


def _first_admissible(mem: BArr, y: FArr, t: int, bic: FArr, conv: BArr) -> tuple[float, int]:
    """Converged fits in BIC order: the first admissible one wins (an admissible model always
    converges). Only if none is admissible are the unconverged fits checked and refitted."""
    for k in np.nonzero(conv)[0][np.argsort(bic[conv], kind="stable")]:
        e = evaluate(mem[k : k + 1], y[None, :], t)
        if e.status[0] == OK:
            return float(e.estimate[0]), int(k)
    rest = np.nonzero(~conv)[0]
    if rest.size == 0:
        return float("nan"), -1
    e = evaluate(mem[rest], np.repeat(y[None, :], rest.size, 0), t)
    ok = e.status == OK
    if not ok.any():
        return float("nan"), -1
    b = np.where(ok, bic_values(e, np.full(rest.size, y.sum())), np.inf)
    k = int(np.argmin(b))
    return float(e.estimate[k]), int(rest[k])


def select_models(
    Y: FArr,
    t: int,
    method: str,
    *,
    pthresh: float = DEFAULT_PTHRESH,
    max_order: int | None = None,
    model: Model | None = None,
) -> list[Model | None]:
    """The model each selection method picks for every count row of ``Y`` (None: no model has
    an estimate), for procedures that refit the selected model, like the strata."""
    if method == "stepwise":
        est, models, _ = stepwise_batch(Y, t, pthresh)
        return [m if np.isfinite(e) else None for e, m in zip(est, models, strict=True)]
    if method == "bic":
        cands, _ = bic_models(t, max_order)
        _, idx = bic_batch_select(Y, t, max_order=max_order)
        return [cands[i] if i >= 0 else None for i in idx]
    if method == "fixed":
        if model is None:
            raise EstimationError("method 'fixed' needs a model")
        return [model] * Y.shape[0]
    raise EstimationError(f"unknown method {method!r}")


def select(
    ch: CaptureHistory,
    method: str,
    model: Model | None = None,
    *,
    pthresh: float = DEFAULT_PTHRESH,
    max_order: int | None = None,
) -> Estimate:
    if method == "stepwise":
        return stepwise(ch, pthresh)
    if method == "bic":
        return bic_select(ch, max_order)
    if method == "fixed":
        if model is None:
            raise EstimationError("method 'fixed' needs a model, e.g. --model '[12,3]'")
        return fit_fixed(ch, model)
    raise EstimationError(f"unknown method {method!r}")


def rel_close(a: float, b: float, rtol: float = 1e-4) -> bool:
    return math.isclose(a, b, rel_tol=rtol)
