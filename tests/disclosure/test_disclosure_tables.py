"""Classic cases from the disclosure-control literature, and property tests."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ketenmonitor.disclosure.rules import load_rules, parse_rules
from ketenmonitor.disclosure.tables import (
    LinearTable,
    Pattern,
    UnprotectableCell,
    audit,
    baseline_rows,
    controlled_round,
    link,
    primary,
    secondary_heuristic,
    secondary_milp,
)

INNER = np.array([[20, 3, 15], [12, 30, 8], [9, 14, 25]])


def test_single_suppression_with_margins_is_reversible() -> None:
    t = LinearTable.two_way(INNER)
    p = primary(t.values, 5)
    result = audit(t, Pattern(p, np.zeros(t.size, bool)))
    assert not result.ok
    assert result.low[0] == result.high[0] == 3  # the row total gives it back


@pytest.mark.parametrize("method", [secondary_milp, secondary_heuristic])
def test_secondary_suppression_protects_the_cell(method: object) -> None:
    t = LinearTable.two_way(INNER)
    p = primary(t.values, 5)
    pattern = method(t, p)  # type: ignore[operator]
    result = audit(t, pattern)
    assert result.ok
    assert pattern.secondary.sum() >= 3  # a cycle of four cells at least


def test_milp_is_not_worse_than_heuristic() -> None:
    t = LinearTable.two_way(INNER)
    p = primary(t.values, 5)
    w = t.values + 1.0
    m = secondary_milp(t, p)
    h = secondary_heuristic(t, p)
    assert (w * m.secondary).sum() <= (w * h.secondary).sum()


def test_linked_tables_sharing_a_margin() -> None:
    # form x year and age x year over the same victims share the year totals
    a = LinearTable.two_way(np.array([[30, 3], [25, 40]]))
    b = LinearTable.two_way(np.array([[20, 22], [35, 21]]))
    linked = link(a, b, shared=[((0, 6), (1, 6)), ((0, 7), (1, 7)), ((0, 8), (1, 8))])
    p = primary(linked.values, 5)
    alone = secondary_milp(a, primary(a.values, 5))
    assert audit(a, alone).ok
    pattern = secondary_milp(linked, p)
    assert audit(linked, pattern).ok


def test_hierarchical_table() -> None:
    rng = np.random.default_rng(7)
    leaves = rng.integers(0, 30, size=(12, 3, 2))
    t, idx = LinearTable.hierarchical(leaves, np.arange(12) % 3)
    p = primary(t.values, 5)
    naive = audit(t, Pattern(p, np.zeros(t.size, bool)))
    assert not naive.ok
    pattern = secondary_heuristic(t, p)
    assert audit(t, pattern).ok
    assert t.size == idx.size


def test_baseline_suppresses_whole_rows() -> None:
    t = LinearTable.two_way(INNER)
    rows = [np.arange(4) + 4 * i for i in range(4)]
    sup = baseline_rows(t, primary(t.values, 5), rows)
    assert sup[:4].all() and not sup[4:].any()


def test_controlled_rounding_keeps_the_table_additive() -> None:
    t = LinearTable.two_way(INNER)
    r = controlled_round(t, 5)
    assert (r % 5 == 0).all()
    assert np.abs(r - t.values).max() < 5
    assert np.abs(t.relations @ r).max() == 0


def test_rules_file_resolves_source_and_table() -> None:
    rules = load_rules()
    assert rules.rule("ind").replacement == "<10"
    assert rules.rule("comensha", "jaarcijfers.figuur_9").accept
    with pytest.raises(ValueError):
        rules.rule("nope")
    with pytest.raises(ValueError):
        parse_rules("[defaults]\nthreshhold = 3\n")


def _protect_or_prove_impossible(
    method: Any, t: LinearTable, p: np.ndarray, threshold: int
) -> None:
    """Either the pattern passes the audit, or the cell is unprotectable: even suppressing every
    cell of the table leaves it too narrow (more suppression only widens intervals)."""
    before = t.values.copy()
    try:
        pattern = method(t, p, primary_range=(1, threshold - 1), protection=1)
    except UnprotectableCell as e:
        everything = Pattern(p, ~p, (1, threshold - 1), 1)
        assert e.cell in audit(t, everything).unsafe
        return
    assert audit(t, pattern).ok
    assert (pattern.primary == p).all()
    published = ~pattern.suppressed
    assert (t.values[published] == before[published]).all()


TABLES = (st.integers(2, 4), st.integers(2, 4), st.integers(3, 10), st.integers(0, 2**32 - 1))


@settings(max_examples=25, deadline=None)
@given(*TABLES)
@example(r=2, c=3, threshold=3, seed=6008)  # a margin of 2 over two primary 1s: unprotectable
@example(r=2, c=2, threshold=10, seed=1)
def test_after_protection_the_audit_holds(r: int, c: int, threshold: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    t = LinearTable.two_way(rng.integers(0, 3 * threshold, size=(r, c)))
    _protect_or_prove_impossible(secondary_heuristic, t, primary(t.values, threshold), threshold)


@settings(max_examples=15, deadline=None)
@given(*TABLES)
@example(r=2, c=3, threshold=3, seed=6008)
def test_the_milp_pattern_passes_the_audit(r: int, c: int, threshold: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    t = LinearTable.two_way(rng.integers(0, 3 * threshold, size=(r, c)))
    _protect_or_prove_impossible(secondary_milp, t, primary(t.values, threshold), threshold)


def test_a_margin_of_two_primary_ones_is_reported_as_unprotectable() -> None:
    # column 0 holds 1 + 1 = 2, all three primary at threshold 3: the attacker knows each is in
    # 1..2, so x0 = 2 - x1 = 1 whatever else is suppressed
    t = LinearTable.two_way(np.array([[1, 4, 6], [1, 7, 5]]))
    with pytest.raises(UnprotectableCell, match="merge categories"):
        secondary_heuristic(t, primary(t.values, 3), primary_range=(1, 2), protection=1)
