"""Multiple systems estimation against published numbers beyond ../shared/mse/README.md, and the
BCa arithmetic against an independent textbook computation.

Sources of the numbers:
- MSE-pkg: Silverman's R package MultipleSystemsEstimation (the reference implementation of the
  papers in ../shared/mse): the documentation of ``get_hierarchical_models`` (6,212 five-list
  models of order <= 3) and of ``estimate_population_bic`` (32,768 six-list models of order
  <= 2; 3,702,013 of order <= 3), and the vignette reproducing Silverman, Chan and Vincent
  (2024): "Kosovo has only 113 admissible candidate models", Korea "only six admissible models
  after the existence check", the all-model estimates of Table 6 (UK5 maxorder 2: 22991,
  Kosovo: 10357, Kosovo maxorder 2: 14342, NewOrl5: 981) and the jackknife acceleration of
  Korea printed by the vignette (-0.008783628).
- Efron and Tibshirani (1993), An Introduction to the Bootstrap, ch. 14: eqs. 14.10 (BCa
  levels), 14.14 (z0) and 14.15 (acceleration).
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

from ketenmonitor.estimation import bic_select, parse_model, read_csv, stepwise
from ketenmonitor.estimation.bootstrap import (
    BCa,
    acceleration,
    bootstrap_full,
    jackknife_tables,
    run_selection,
)
from ketenmonitor.estimation.models import hierarchical_models

MSE = Path(__file__).parents[1] / "fixtures" / "mse"


def table(name: str):
    return read_csv(MSE / f"{name}.csv")


def count_by_cliques(t: int, max_order: int) -> int:
    """Hierarchical models with all main effects and interactions up to order 3 or 4, counted
    without enumerating them: choose the pairs (a graph G); a triple may be added only when its
    three pairs are in G (a triangle), a four-list term only when its four triples are in."""
    assert max_order in (2, 3, 4)
    pairs = list(combinations(range(t), 2))
    total = 0
    for g in range(2 ** len(pairs)):
        edges = {p for k, p in enumerate(pairs) if g >> k & 1}
        if max_order == 2:
            total += 1
            continue
        tri = [c for c in combinations(range(t), 3) if all(p in edges for p in combinations(c, 2))]
        if max_order == 3:
            total += 2 ** len(tri)
            continue
        quads = [
            c
            for c in combinations(range(t), 4)
            if all(s in tri for s in combinations(c, 3))  # all four triangles possible
        ]
        for ts in range(2 ** len(tri)):
            chosen = {c for k, c in enumerate(tri) if ts >> k & 1}
            free = sum(all(s in chosen for s in combinations(q, 3)) for q in quads)
            total += 2**free
    return total


def test_clique_count_reproduces_the_published_catalogue_sizes() -> None:
    assert count_by_cliques(5, 3) == 6212  # MSE-pkg, get_hierarchical_models example
    assert count_by_cliques(6, 2) == 32768  # MSE-pkg, estimate_population_bic details
    assert count_by_cliques(6, 3) == 3702013  # idem


def test_model_space_of_the_bic_search() -> None:
    assert len(hierarchical_models(5, 3)) == 6212
    assert len(hierarchical_models(6, 2)) == 32768
    # order <= 4 of five lists: the published catalogue has no count; the clique count does
    assert len(hierarchical_models(5, 4)) == count_by_cliques(5, 4)
    # the three-list listing printed by get_hierarchical_models(nlists = 3)
    printed = [
        "[12,13,23]",
        "[12,13]",
        "[12,23]",
        "[13,23]",
        "[12,3]",
        "[13,2]",
        "[23,1]",
        "[1,2,3]",
    ]
    assert set(hierarchical_models(3)) == {parse_model(m, 3) for m in printed}


@pytest.mark.parametrize(("name", "max_order", "n"), [("Korea", 2, 6), ("Kosovo", 3, 113)])
def test_admissible_counts_as_published(name: str, max_order: int, n: int) -> None:
    assert bic_select(table(name), max_order).n_models_considered == n


@pytest.mark.parametrize(
    ("name", "max_order", "value"),
    [("Kosovo", None, 10357), ("Kosovo", 2, 14342), ("UKdat_5", 2, 22991), ("NewOrl_5", 2, 981)],
)
def test_bic_estimates_of_table_6(name: str, max_order: int | None, value: float) -> None:
    assert bic_select(table(name), max_order).estimate == pytest.approx(value, abs=0.5)


def test_jackknife_acceleration_of_korea_as_printed_by_the_reference() -> None:
    ko = table("Korea")
    J, w = jackknife_tables(ko)
    jack = run_selection("bic", J, ko.t, max_order=2, jobs=1)
    assert acceleration(jack, w) == pytest.approx(-0.008783628, abs=5e-10)


def textbook_bca(theta: float, boot: np.ndarray, loo: np.ndarray, alpha: float) -> float:
    """Efron and Tibshirani (1993) ch. 14 with one leave-one-out estimate per person."""
    z0 = stats.norm.ppf(np.mean(boot < theta))  # (14.14)
    d = loo.mean() - loo
    a = np.sum(d**3) / (6 * np.sum(d**2) ** 1.5)  # (14.15)
    za = stats.norm.ppf(alpha)
    level = stats.norm.cdf(z0 + (z0 + za) / (1 - a * (z0 + za)))  # (14.10)
    return float(np.quantile(boot, level))


def test_bca_equals_the_textbook_with_a_jackknife_over_every_person() -> None:
    ko = table("Korea")
    theta = stepwise(ko).estimate
    r = bootstrap_full(ko, "stepwise", theta, nboot=400, seed=11, jobs=1)
    # leave out each of the 123 people in turn (not one table per cell, as the code does)
    people = ko.individuals()
    loo = []
    for i in range(people.size):
        counts = ko.counts.copy()
        counts[people[i]] -= 1
        loo.append(stepwise(type(ko)(ko.lists, counts)).estimate)
    loo_arr = np.array(loo)
    for key in r.quantiles:
        expected = textbook_bca(theta, r.replicates, loo_arr, float(key))
        assert r.quantiles[key] == pytest.approx(expected, rel=1e-9)
    d = loo_arr.mean() - loo_arr
    assert r.bca.a == pytest.approx(np.sum(d**3) / (6 * np.sum(d**2) ** 1.5), rel=1e-9)
    assert r.bca.z0 == pytest.approx(stats.norm.ppf(np.mean(r.replicates < theta)), rel=1e-12)


def test_lopsided_stepwise_interval_of_ukdat_5_is_the_textbook_bca() -> None:
    """Most replicates lie above the estimate (z0 < 0) and one deletion (the single person
    on lists 1-4) changes the selected model, so a < 0: the adjusted 2.5% and 10% levels fall
    below 1/B and both endpoints sit at the smallest replicates (explained in the docs)."""
    uk = table("UKdat_5")
    theta = stepwise(uk).estimate
    r = bootstrap_full(uk, "stepwise", theta, nboot=1000, seed=1)
    share = float(np.mean(r.replicates < theta))
    assert share < 0.5 and r.bca.z0 == pytest.approx(stats.norm.ppf(share))
    assert r.bca.a < 0
    assert r.bca.levels["0.025"] < r.bca.levels["0.1"] < 1 / 1000
    assert r.bca.at_edge
    lowest = np.sort(r.replicates)[:3]
    assert lowest[0] <= r.quantiles["0.025"] <= r.quantiles["0.1"] <= lowest[2]


def test_at_edge() -> None:
    assert not BCa(0.0, 0.0, {"0.025": 0.025, "0.975": 0.975}, 1000).at_edge
    assert BCa(-0.8, -0.2, {"0.025": 1e-9, "0.975": 0.5}, 1000).at_edge


def test_bic_bootstrap_survives_a_singular_start() -> None:
    """Replicate 586 of NewOrl_5 (seed 1234) has unchecked models whose start matrix is exactly
    singular; the batched search must still find the same model as the fully checked one."""
    from ketenmonitor.estimation.bootstrap import replicate_tables
    from ketenmonitor.estimation.capture import CaptureHistory
    from ketenmonitor.estimation.selection import bic_batch

    no = table("NewOrl_5")
    y = replicate_tables(no, 1000, 1234)[586]
    checked = bic_select(CaptureHistory(no.lists, y), 2).estimate
    assert bic_batch(y[None, :], no.t, max_order=2)[0] == pytest.approx(checked, rel=1e-9)
