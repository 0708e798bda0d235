"""Every contract: its hand-made delivery loads clean, and a delivery that breaks each of its
rules puts the broken row in quarantine under that rule. Also: the documentation pages are what
the contracts generate."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from ketenmonitor.config import Workspace
from ketenmonitor.contracts import (
    Contract,
    Field,
    all_contracts,
    codelist,
    contract_names,
    load_contract,
)
from ketenmonitor.contracts.docs import render, render_index
from ketenmonitor.sources.ingest import ingest
from tests.conftest import FIXTURES, PEILDATUM, fixture_delivery

DOCS = Path(__file__).parents[1] / "docs" / "contracts"

EXPECTED = {
    "comensha",
    "ind",
    "politie",
    "emm",
    "emm_jaartellingen",
    "om",
    "om_dossierstudie",
    "rechtspraak",
    "reclassering",
    "ref_gemeenten",
    "ref_gemeente_herindeling",
    "ref_bevolking",
    "ref_politie_eenheden",
    "ref_parketten",
    "ref_landen",
    "ref_codelijsten",
}


def test_every_delivery_type_has_a_contract() -> None:
    assert set(contract_names()) >= EXPECTED


@pytest.mark.parametrize("name", contract_names())
def test_fixture_loads_clean(name: str, workspace: Workspace) -> None:
    report = ingest(workspace, name, fixture_delivery(name), PEILDATUM)
    assert report.status == "clean", (report.message, report.tables)
    assert report.rows_loaded == _fixture_rows(name) > 0


@pytest.mark.parametrize("name", contract_names())
def test_docs_page_is_generated_from_contract(name: str) -> None:
    page = DOCS / f"{name}.md"
    assert page.exists(), "run `ketenmonitor contracts docs` and commit docs/contracts"
    assert page.read_text(encoding="utf-8") == render(load_contract(name))


def test_contract_index_is_generated() -> None:
    assert render_index() in (DOCS / "README.md").read_text(encoding="utf-8")


def test_every_field_is_described() -> None:
    for c in all_contracts():
        for t in c.tables:
            for f in t.fields:
                assert f.description, f"{c.name}.{t.name}.{f.name} has no description"


# ------------------------------------------------------------------ rule by rule


def _fixture_rows(name: str) -> int:
    return sum(len(rows) for _, rows in _read_fixture(name).values())


def _read_fixture(name: str) -> dict[str, tuple[list[str], list[list[str]]]]:
    out = {}
    for p in sorted((FIXTURES / name).glob("*.csv")):
        with p.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh, delimiter=";"))
        out[p.stem] = (rows[0], rows[1:])
    return out


def _bad_value(f: Field, rule: str) -> str | None:
    """A value for ``f`` that breaks ``rule``, worked out from the contract, not the engine."""
    if rule == "required":
        return ""
    if rule == "type":
        return {
            "integer": "12x",
            "decimal": "1,2,3",
            "date": "31-02-2024",
            "boolean": "misschien",
            "code": "ZZZ-GEEN-CODE",
            "rounded_count": "veel",
        }.get(f.type)
    if rule == "range_min" and f.min is not None:
        if f.type == "date":
            return (dt.date.fromisoformat(f.min) - dt.timedelta(days=1)).isoformat()
        return str(int(float(f.min)) - 1)
    if rule == "range_max" and f.max is not None:
        if f.type == "date":
            top = PEILDATUM if f.max == "peildatum" else dt.date.fromisoformat(f.max)
            return (top + dt.timedelta(days=1)).isoformat()
        return str(int(float(f.max)) + 1)
    if rule == "rounded" and f.rounded_to and f.rounded_to > 1:
        return str(f.rounded_to * 3 + 1)
    if rule == "reference" and f.references:
        return "ZZ-NIET-GELEVERD-999"
    return None


RULE_NAMES = {"type": None, "range_min": "range", "range_max": "range"}


def _cases() -> Iterator[tuple[str, str, str, str]]:
    for c in all_contracts():
        for t in c.tables:
            for f in t.fields:
                for rule in ("required", "type", "range_min", "range_max", "rounded", "reference"):
                    if rule == "required" and not f.required:
                        continue
                    if rule == "type" and f.type == "string":
                        continue
                    if _bad_value(f, rule) is None:
                        continue  # the rule does not apply to this field
                    yield c.name, t.name, f.name, rule


def _expected_rule(f: Field, rule: str) -> str:
    if rule == "type":
        return "code" if f.type == "code" else f.type
    return RULE_NAMES.get(rule) or rule


def _mutate(contract: Contract, table: str, tmp: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    src = FIXTURES / contract.name
    dst = tmp / contract.name
    shutil.copytree(src, dst)
    path = dst / f"{table}.csv"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows(rows)
    return dst if contract.multi_table else path


def _quarantine(ws: Workspace) -> list[tuple[str, int, str | None, str]]:
    con = duckdb.connect(str(ws.warehouse), read_only=True)
    try:
        return [
            (str(t), int(r), c, str(u))
            for t, r, c, u in con.execute(
                "SELECT table_name, row_number, column_name, rule FROM quarantine"
            ).fetchall()
        ]
    finally:
        con.close()


@pytest.mark.parametrize(("name", "table", "field", "rule"), list(_cases()))
def test_each_rule_quarantines_the_row(
    name: str, table: str, field: str, rule: str, workspace: Workspace, tmp_path: Path
) -> None:
    contract = load_contract(name)
    f = contract.table(table).field(field)
    bad = _bad_value(f, rule)
    assert bad is not None
    header, _ = _read_fixture(name)[table]
    if field not in header:
        pytest.skip(f"the fixture leaves out optional column {field}")
    col = header.index(field)

    def edit(rows: list[list[str]]) -> None:
        rows[1][col] = bad

    delivery = _mutate(contract, table, tmp_path, edit)
    report = ingest(workspace, name, delivery, PEILDATUM)
    assert report.status == "quarantine", report.message
    counts = {t.table: t for t in report.tables}
    assert counts[table].rows_read == counts[table].rows_loaded + counts[table].rows_quarantined
    assert (table, 1, field, _expected_rule(f, rule)) in _quarantine(workspace)


@pytest.mark.parametrize("name", [c.name for c in all_contracts() if any(t.key for t in c.tables)])
def test_duplicate_key_quarantines_both_rows(
    name: str, workspace: Workspace, tmp_path: Path
) -> None:
    contract = load_contract(name)
    t = next(t for t in contract.tables if t.key and len(_read_fixture(name)[t.name][1]) >= 2)
    header, _ = _read_fixture(name)[t.name]
    cols = [header.index(k) for k in t.key]

    def edit(rows: list[list[str]]) -> None:
        for c in cols:
            rows[2][c] = rows[1][c]

    report = ingest(workspace, name, _mutate(contract, t.name, tmp_path, edit), PEILDATUM)
    assert report.status == "quarantine"
    q = {(tb, r, rule) for tb, r, _, rule in _quarantine(workspace)}
    assert {(t.name, 1, "unique_key"), (t.name, 2, "unique_key")} <= q


def test_code_lists_accept_labels_and_aliases() -> None:
    lookup = codelist("land").lookup()
    assert lookup["nederland"] == "NL"
    assert lookup["roemenië"] == "RO"
    assert lookup["joegoslavië"] == "YUCS"  # a former state, as older registrations carry it
    assert codelist("geslacht").lookup()["vrouw"] == "V"
