"""Every check of every contract is hit by a hand-made invalid delivery.

The cases are in fixtures/check_cases.toml: per check, the cells of one row of the hand-made
valid delivery to overwrite so that the row breaks that check. A new check without a case fails
the completeness test."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from ketenmonitor.config import Workspace
from ketenmonitor.contracts import all_contracts, load_contract
from ketenmonitor.sources.ingest import ingest
from tests.conftest import FIXTURES, PEILDATUM
from tests.test_contracts import _mutate, _quarantine, _read_fixture

CASES_FILE = FIXTURES / "check_cases.toml"


def _load_cases() -> list[dict[str, Any]]:
    with CASES_FILE.open("rb") as fh:
        return list(tomllib.load(fh)["case"])


CASES = _load_cases()
REQUIRED_KEYS = {"contract", "table", "check", "row", "set", "why"}


def _case_id(case: dict[str, Any]) -> str:
    return f"{case['contract']}.{case['table']}.{case['check']}"


def test_every_check_has_a_case() -> None:
    checks = {(c.name, t.name, k.name) for c in all_contracts() for t in c.tables for k in t.checks}
    cases = [(c["contract"], c["table"], c["check"]) for c in CASES]
    assert len(cases) == len(set(cases)), "a check has more than one case"
    missing = checks - set(cases)
    assert not missing, f"checks without a case in {CASES_FILE.name}: {sorted(missing)}"
    unknown = set(cases) - checks
    assert not unknown, f"cases in {CASES_FILE.name} name no existing check: {sorted(unknown)}"


def test_cases_are_well_formed() -> None:
    for case in CASES:
        assert REQUIRED_KEYS <= set(case) <= REQUIRED_KEYS | {"also"}, _case_id(case)
        assert case["why"].strip(), f"{_case_id(case)}: say why the row breaks the check"
        assert case["set"], f"{_case_id(case)}: nothing to change"
        header, rows = _read_fixture(case["contract"])[case["table"]]
        assert 1 <= case["row"] <= len(rows), f"{_case_id(case)}: no data row {case['row']}"
        unknown = set(case["set"]) - set(header)
        assert not unknown, f"{_case_id(case)}: the fixture has no column(s) {sorted(unknown)}"
        before = {col: rows[case["row"] - 1][header.index(col)] for col in case["set"]}
        assert before != case["set"], f"{_case_id(case)}: the row already holds these values"


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_check_quarantines_the_row(
    case: dict[str, Any], workspace: Workspace, tmp_path: Path
) -> None:
    contract = load_contract(case["contract"])
    table, row = case["table"], case["row"]
    header, _ = _read_fixture(contract.name)[table]

    def edit(rows: list[list[str]]) -> None:
        for col, value in case["set"].items():
            rows[row][header.index(col)] = value

    delivery = _mutate(contract, table, tmp_path, edit)
    report = ingest(workspace, contract.name, delivery, PEILDATUM)
    assert report.status == "quarantine", report.message
    quarantine = _quarantine(workspace)
    assert (table, row, None, f"check:{case['check']}") in quarantine, quarantine
    # the changed row breaks nothing but the check (and the rules listed under `also`, if
    # breaking them is unavoidable); other rows go to quarantine only because they refer to it
    on_row = {rule for t, r, _, rule in quarantine if (t, r) == (table, row)}
    assert on_row == {f"check:{case['check']}", *case.get("also", [])}, quarantine
    others = {rule for t, r, _, rule in quarantine if (t, r) != (table, row)}
    assert others <= {"reference"}, quarantine
