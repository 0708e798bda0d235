"""Estimates per stratum (list effects varying by stratum, shared interactions) that add up to
the total, checked against an independent Poisson fit and the plain bootstrap."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import minimize

from ketenmonitor.estimation import parse_model, read_csv
from ketenmonitor.estimation.bootstrap import bootstrap_full
from ketenmonitor.estimation.capture import CaptureHistory
from ketenmonitor.estimation.strata import MERGED, TOTAL, estimate_strata, fit_strata

MSE = Path(__file__).parents[1] / "fixtures" / "mse"
MODEL = "[12,13,24,25,35,45]"  # the stepwise reference model of UKdat_5


def split_uk(seed: int = 0) -> dict[str, CaptureHistory]:
    uk = read_csv(MSE / "UKdat_5.csv")
    part = np.random.default_rng(seed).binomial(uk.counts.astype(int), 0.4).astype(float)
    return {"a": CaptureHistory(uk.lists, part), "b": CaptureHistory(uk.lists, uk.counts - part)}


def independent_fit(tables: dict[str, CaptureHistory], generators: list[str]) -> dict[str, float]:
    """Poisson MLE of the stacked table by scipy's trust-region Newton on the full design (one
    intercept and five main effects per stratum, the interactions shared), built cell by cell
    from the lists each cell contains; zero cells stay in."""
    names = list(tables)
    t = tables[names[0]].t
    inter = [[int(ch) - 1 for ch in g] for g in generators if len(g) >= 2]
    rows, y = [], []
    for k, name in enumerate(names):
        for cell in range(1, 2**t):
            on = [j for j in range(t) if cell >> j & 1]
            x = np.zeros(len(names) * (t + 1) + len(inter))
            x[k * (t + 1)] = 1.0
            for j in on:
                x[k * (t + 1) + 1 + j] = 1.0
            for i, g in enumerate(inter):
                x[len(names) * (t + 1) + i] = float(all(j in on for j in g))
            rows.append(x)
            y.append(tables[name].counts[cell])
    X, yy = np.array(rows), np.array(y)

    def f(b):
        return np.exp(X @ b).sum() - yy @ (X @ b)

    def g(b):
        return X.T @ (np.exp(X @ b) - yy)

    def h(b):
        return X.T @ (X * np.exp(X @ b)[:, None])

    res = minimize(f, np.zeros(X.shape[1]), jac=g, hess=h, method="trust-exact", tol=1e-13)
    return {n: tables[n].counts.sum() + np.exp(res.x[k * (t + 1)]) for k, n in enumerate(names)}


def test_stratified_fit_matches_an_independent_poisson_fit() -> None:
    tables = split_uk()
    ours = fit_strata(tables, parse_model(MODEL, 5))
    theirs = independent_fit(tables, MODEL.strip("[]").split(","))
    for name in tables:
        assert ours.estimates[name] == pytest.approx(theirs[name], rel=1e-6)
    assert ours.total == pytest.approx(sum(ours.estimates.values()))


def test_a_list_nobody_of_a_stratum_is_on_is_at_minus_infinity() -> None:
    """Move everyone of stratum a on list 5 to stratum b: a's main effect of list 5 is -inf.
    The unconstrained optimiser only approaches that limit, so the tolerance is looser."""
    tables = split_uk()
    a, b = tables["a"].counts.copy(), tables["b"].counts.copy()
    on5 = (np.arange(32) & 16) > 0
    b[on5] += a[on5]
    a[on5] = 0
    tables = {"a": CaptureHistory(tables["a"].lists, a), "b": CaptureHistory(tables["b"].lists, b)}
    ours = fit_strata(tables, parse_model(MODEL, 5))
    theirs = independent_fit(tables, MODEL.strip("[]").split(","))
    for name in tables:
        assert ours.estimates[name] == pytest.approx(theirs[name], rel=1e-4)


def test_strata_with_intervals_add_up() -> None:
    tables = split_uk()
    r = estimate_strata(tables, "stepwise", nboot=100, seed=3)
    assert r.model == MODEL and r.merged == [] and r.failed == 0
    assert sum(r.estimates.values()) == pytest.approx(r.total, rel=1e-12)
    assert sum(r.observed.values()) == 2744
    assert set(r.quantiles) == {"a", "b", TOTAL}
    for q in r.quantiles.values():
        assert q["0.025"] <= q["0.1"] <= q["0.9"] <= q["0.975"]


def test_one_stratum_is_the_plain_bootstrap() -> None:
    uk = read_csv(MSE / "UKdat_5.csv")
    r = estimate_strata({"all": uk}, "stepwise", nboot=100, seed=5, merge=False)
    plain = bootstrap_full(uk, "stepwise", r.total, nboot=100, seed=5, jobs=1)
    assert r.total == pytest.approx(11312.990, rel=1e-4)  # ../shared/mse reference
    for key, value in plain.quantiles.items():
        assert r.quantiles["all"][key] == pytest.approx(value, rel=1e-6)
        assert r.quantiles[TOTAL][key] == pytest.approx(value, rel=1e-6)


def test_tiny_strata_are_merged() -> None:
    tables = split_uk()
    tiny = np.zeros(32)
    tiny[[1, 2, 3]] = [2, 1, 1]  # four people, one on two lists
    tables["klein"] = CaptureHistory(tables["a"].lists, tiny)
    r = estimate_strata(tables, "fixed", model=MODEL)
    # "klein" alone has one person on two lists (< MIN_OVERLAP), so the next smallest joins it
    assert r.merged == ["klein", "a"]
    assert set(r.estimates) == {"b", MERGED}
    assert r.observed[MERGED] == 4 + tables["a"].observed
    assert r.total == pytest.approx(sum(r.estimates.values()))
