"""Synthetic deliveries, written in each contract's own format, for the demo and the tests.

Every source has a calibrated writer in this package (comensha, ind, politie, emm, om, om_2015,
om_2015_berechting, reclassering, rechtspraak, reference): once ingested and built, its delivery
reproduces the published figures, and ``identities`` makes the deliveries one world of persons
with a ground truth of who is who (docs/synthetic-data.md).

The generic generator below, for a contract without such a writer, reads nothing but the
contract: every field gets values of its type, from its code
list, inside its range; keys are unique, references point to rows of the same delivery, a date of
birth lies before the event its age is taken at, and rows that would break one of the
contract's checks are not written. The result is a valid delivery that goes through the real
ingestion path. It guarantees shape and validity only. Output is deterministic for a given
seed.

No value is real: identifiers are made from the field's example with fresh digits.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import zipfile
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ketenmonitor.contracts import (
    MULTI_SEPARATOR,
    Contract,
    Field,
    Table,
    all_contracts,
    codelist,
    storage_type,
)

REFERENCE_WRITERS = (
    "ref_gemeenten",
    "ref_bevolking",
    "ref_gemeente_herindeling",
    "ref_politie_eenheden",
)
"""Reference deliveries written from public data by ``synth.reference``."""

SYNTH_PEILDATUM = dt.date(2025, 6, 30)
"""Peildatum of every synthetic delivery."""

FIRST_DATE = dt.date(2019, 1, 1)
EXTENSIONS = {"csv": ".csv", "xlsx": ".xlsx", "sav": ".sav", "parquet": ".parquet"}


def _digits(example: str, n: int, rng: random.Random, unique: bool) -> str:
    """The example with its digits replaced: by ``n`` (unique) or at random."""
    count = sum(ch.isdigit() for ch in example)
    if count == 0:
        return f"{example}{n}" if unique else example
    fill = (
        str(n).zfill(count)[-count:]
        if unique
        else "".join(rng.choice("0123456789") for _ in range(count))
    )
    if unique and len(str(n)) > count:
        fill = str(n)
    it = iter(fill)
    out = re.sub(r"\d", lambda _m: next(it, ""), example)
    return out + "".join(it)


def _date_bounds(f: Field, peildatum: dt.date) -> tuple[dt.date, dt.date]:
    lo = dt.date.fromisoformat(f.min) if f.min and f.min != "peildatum" else FIRST_DATE
    hi = peildatum if (f.max in (None, "peildatum")) else dt.date.fromisoformat(str(f.max))
    lo = max(lo, FIRST_DATE) if f.min is None or lo < FIRST_DATE else lo
    return lo, min(hi, peildatum)


def _value(
    f: Field,
    t: Table,
    i: int,
    rng: random.Random,
    row: dict[str, Any],
    peildatum: dt.date,
    parents: dict[str, list[Any]],
) -> Any:
    if f.references:
        pool = parents.get(f.references, [])
        return rng.choice(pool) if pool else None
    if f.identifier == "birthdate":
        event = row.get(f.age_at or "")
        if not isinstance(event, dt.date):
            event = peildatum
        return event - dt.timedelta(days=rng.randint(14 * 365, 70 * 365))
    unique = f.name in t.key and len(t.key) == 1
    if f.type == "string":
        return _digits(f.example or f.name.upper(), i + 1, rng, unique or f.identifier == "key")
    if f.type == "integer":
        lo = int(f.min) if f.min is not None else 0
        hi = int(f.max) if f.max is not None else max(lo, 100)
        if unique and (f.max is None or lo + i <= hi):
            return lo + i
        return rng.randint(lo, hi)
    if f.type == "decimal":
        low = float(f.min) if f.min is not None else 0.0
        high = float(f.max) if f.max is not None else 1000.0
        return round(rng.uniform(low, high), 2)
    if f.type == "date":
        first, last = _date_bounds(f, peildatum)
        return first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))
    if f.type == "boolean":
        return rng.random() < 0.5
    if f.type == "code":
        assert f.codelist
        codes = list(codelist(f.codelist).values)
        if f.multi:
            return rng.sample(codes, k=min(len(codes), rng.choice((1, 1, 1, 2))))
        return rng.choice(codes)
    if f.type == "rounded_count":
        step = f.rounded_to or 1
        return "<10" if rng.random() < 0.15 else step * rng.randint(max(2, 10 // step), 60)
    raise ValueError(f"no generator for type {f.type}")


def _ordered_fields(t: Table) -> list[Field]:
    """Fields with dates an age is taken at before the dates of birth."""
    return sorted(t.fields, key=lambda f: f.identifier == "birthdate")


def _valid_rows(t: Table, rows: list[dict[str, Any]], peildatum: dt.date) -> list[int]:
    """Indexes of rows that keep the table's checks and its key unique (DuckDB decides)."""
    if not rows:
        return []
    cols = {}
    for f in t.fields:
        values = [r.get(f.name) for r in rows]
        if f.type == "rounded_count":
            values = [v if isinstance(v, int) else None for v in values]
        ty = storage_type(f)
        arrow = {
            "VARCHAR": pa.string(),
            "BIGINT": pa.int64(),
            "DOUBLE": pa.float64(),
            "DATE": pa.date32(),
            "BOOLEAN": pa.bool_(),
            "INTEGER": pa.int64(),
            "VARCHAR[]": pa.list_(pa.string()),
        }[ty]
        cols[f.name] = pa.array(values, type=arrow)
    cols["_i"] = pa.array(range(len(rows)), pa.int64())
    table = pa.table(cols)
    con = duckdb.connect()
    con.register("synth_rows", table)
    where = " AND ".join(f"coalesce(({c.condition}), true)" for c in t.checks) or "true"
    sql = f"SELECT _i FROM synth_rows WHERE {where}"
    if t.key:
        keys = ", ".join(f'"{k}"' for k in t.key)
        sql = (
            f"SELECT min(_i) FROM ({sql.replace('SELECT _i', 'SELECT _i, ' + keys)}) "
            f"GROUP BY {keys}"
        )
    ok = sorted(int(r[0]) for r in con.execute(sql).fetchall())
    con.close()
    return ok


def generate(
    contract: Contract, rows: int = 200, seed: int = 2024, peildatum: dt.date = SYNTH_PEILDATUM
) -> dict[str, list[dict[str, Any]]]:
    """Valid typed rows for every table of ``contract`` (about ``rows`` per table)."""
    rng = random.Random(f"{seed}-{contract.name}")
    out: dict[str, list[dict[str, Any]]] = {}
    parents: dict[str, list[Any]] = {}
    for t in contract.table_order():
        candidates: list[dict[str, Any]] = []
        keep: list[int] = []
        # rows that break a check are dropped; when checks tie optional fields to others (a
        # number of days only for a custodial sentence), rounds with more empty optional
        # fields find enough valid rows
        for empty in (0.1, 0.5, 0.9):
            for _ in range(rows * 3):
                i = len(candidates)
                row: dict[str, Any] = {}
                for f in _ordered_fields(t):
                    optional = not f.required and f.name not in t.key and not f.references
                    if optional and f.identifier != "key" and rng.random() < empty:
                        row[f.name] = None
                        continue
                    row[f.name] = _value(f, t, i, rng, row, peildatum, parents)
                candidates.append(row)
            keep = _valid_rows(t, candidates, peildatum)
            if len(keep) >= rows:
                break
        keep = keep[:rows]
        out[t.name] = [candidates[i] for i in keep]
        for f in t.fields:
            parents[f"{t.name}.{f.name}"] = [
                r[f.name] for r in out[t.name] if r[f.name] is not None
            ]
    return out


def _cell(f: Field, v: Any) -> Any:
    if v is None:
        return None
    if f.multi:
        return MULTI_SEPARATOR.join(v)
    if isinstance(v, bool):
        return "ja" if v else "nee"
    return v


def _write_csv(path: Path, t: Table, rows: list[dict[str, Any]]) -> None:
    import csv

    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow([f.name for f in t.fields])
        for r in rows:
            w.writerow(["" if (c := _cell(f, r[f.name])) is None else c for f in t.fields])


def _write_xlsx(path: Path, tables: list[tuple[Table, list[dict[str, Any]]]]) -> None:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)  # streams rows: large scales stay small in memory
    for t, rows in tables:
        ws = wb.create_sheet(t.name)
        ws.append([f.name for f in t.fields])
        for r in rows:
            ws.append([_cell(f, r[f.name]) for f in t.fields])
    wb.save(path)


def _write_sav(path: Path, t: Table, rows: list[dict[str, Any]]) -> None:
    """SPSS file as an analyst's syntax would leave it: single codes stored as numbers with
    value labels (the Dutch label), dates as SPSS dates, yes/no as 1/0 with labels."""
    import pandas as pd
    import pyreadstat

    data: dict[str, list[Any]] = {}
    labels: dict[str, dict[float, str]] = {}
    for f in t.fields:
        values = [r[f.name] for r in rows]
        if f.type == "code" and not f.multi:
            assert f.codelist
            codes = codelist(f.codelist).codes
            number = {c.code: float(i + 1) for i, c in enumerate(codes)}
            labels[f.name] = {float(i + 1): c.label_nl or c.code for i, c in enumerate(codes)}
            data[f.name] = [number[v] if v is not None else None for v in values]
        elif f.type == "boolean":
            labels[f.name] = {1.0: "ja", 0.0: "nee"}
            data[f.name] = [None if v is None else float(v) for v in values]
        elif f.type == "date":
            data[f.name] = values  # datetime.date or None: pyreadstat writes SPSS dates
        elif f.type in ("integer", "decimal"):
            data[f.name] = [None if v is None else float(v) for v in values]
        else:
            data[f.name] = ["" if v is None else str(_cell(f, v)) for v in values]
    df = pd.DataFrame(data)
    pyreadstat.write_sav(df, str(path), variable_value_labels=labels)


def write_delivery(
    contract: Contract, out: Path, rows: int = 200, seed: int = 2024, scale: int = 1
) -> Path:
    """Write one synthetic delivery of ``contract`` into folder ``out``; return its path.

    The sources' deliveries are calibrated: computed through the catalogue they reproduce the
    published Jaarcijfers 2024 and Dadermonitor 2015-2019 (``scale`` copies every person and
    case), and they are one world of persons (``synth.identities``). A contract without a
    calibrated writer gets ``rows`` generic valid rows per table.

    Single-table contracts give one file ``<name>.<ext>``. Multi-table contracts give an XLSX
    workbook with a sheet per table (xlsx), a ZIP with one file per table (sav, parquet), or a
    folder with one CSV per table (csv).
    """
    out.mkdir(parents=True, exist_ok=True)
    if contract.name == "comensha":  # calibrated to the published figures
        from ketenmonitor.synth.comensha import write_comensha

        return write_comensha(out, scale=scale)
    if contract.name == "ind":  # the IND's published tables as the IND delivers them
        from ketenmonitor.synth.ind import write_ind

        return write_ind(out)
    if contract.name in ("emm", "emm_jaartellingen"):  # calibrated to Figuur 13-14
        from ketenmonitor.synth.emm import write_emm, write_emm_jaartellingen

        return (
            write_emm(out, scale=scale)
            if contract.name == "emm"
            else write_emm_jaartellingen(out, scale=scale)
        )
    if contract.name in ("om", "om_dossierstudie"):  # Figuur 15-19, 22-24; 2015-2019 re-delivered
        from ketenmonitor.synth.om_2015 import write_om_2025, write_om_dossierstudie_2025

        writer = write_om_2025 if contract.name == "om" else write_om_dossierstudie_2025
        return writer(out, scale=scale)
    if contract.name == "politie":  # calibrated to the Dadermonitor, chapter 3
        from ketenmonitor.synth.politie import write_politie

        return write_politie(out, scale=scale)
    if contract.name == "reclassering":  # calibrated to the Dadermonitor, chapter 7
        from ketenmonitor.synth.reclassering import write_reclassering

        return write_reclassering(out, scale=scale)
    if contract.name in REFERENCE_WRITERS:  # real, public municipalities and units
        from ketenmonitor.synth import reference

        return Path(getattr(reference, f"write_{contract.name}")(out))
    if contract.name == "rechtspraak":  # the council's tables as published (Figuur 20-21)
        from ketenmonitor.synth.rechtspraak import write_rechtspraak

        return write_rechtspraak(out)
    data = generate(contract, rows=rows, seed=seed)
    fmt = contract.format
    tables = [(t, data[t.name]) for t in contract.tables]
    if fmt == "xlsx":
        path = out / f"{contract.name}.xlsx"
        _write_xlsx(path, tables)
        return path
    if fmt == "csv":
        if not contract.multi_table:
            path = out / f"{contract.name}.csv"
            _write_csv(path, *tables[0])
            return path
        folder = out / contract.name
        folder.mkdir(exist_ok=True)
        for t, r in tables:
            _write_csv(folder / f"{t.name}.csv", t, r)
        return folder
    writers = {"sav": _write_sav, "parquet": _write_parquet}
    if not contract.multi_table:
        path = out / f"{contract.name}{EXTENSIONS[fmt]}"
        writers[fmt](path, *tables[0])
        return path
    path = out / f"{contract.name}.zip"
    parts = out / f".{contract.name}-parts"
    parts.mkdir(exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for t, r in tables:
            part = parts / f"{t.name}{EXTENSIONS[fmt]}"
            writers[fmt](part, t, r)
            # a fixed timestamp keeps the archive byte-identical between runs
            info = zipfile.ZipInfo(part.name, date_time=(2025, 6, 30, 0, 0, 0))
            zf.writestr(info, part.read_bytes())
            part.unlink()
    parts.rmdir()
    return path


EARLIER_DELIVERIES: dict[str, tuple[dt.date, str]] = {
    "om": (dt.date(2020, 4, 1), "write_om_2020"),
    "om_dossierstudie": (dt.date(2020, 4, 1), "write_om_dossierstudie_2020"),
}
"""Sources delivered more than once: an earlier delivery's peildatum and its writer in
``synth.om_2015`` (the OM's April-2020 extract behind the Dadermonitor 2015-2019)."""


def write_earlier_deliveries(
    name: str, out: Path, scale: int = 1, reuse: bool = False
) -> list[tuple[Path, dt.date]]:
    """Write the earlier deliveries of source ``name`` (``EARLIER_DELIVERIES``) into ``out``;
    return each file with its peildatum (``reuse``: keep a file that is already there)."""
    if name not in EARLIER_DELIVERIES:
        return []
    from ketenmonitor.synth import om_2015

    peildatum, writer = EARLIER_DELIVERIES[name]
    existing = sorted(out.glob(f"{name}_{peildatum.isoformat()}.*")) if reuse else []
    path = existing[0] if existing else getattr(om_2015, writer)(out, scale=scale)
    return [(path, peildatum)]


def _write_parquet(path: Path, t: Table, rows: list[dict[str, Any]]) -> None:
    import pyarrow.parquet as pq

    cols = {f.name: [_cell(f, r[f.name]) for r in rows] for f in t.fields}
    pq.write_table(pa.table(cols), path)


def write_all(out: Path, rows: int = 200, seed: int = 2024, scale: int = 1) -> dict[str, Path]:
    """A synthetic delivery for every contract; returns contract name -> path."""
    return {
        c.name: write_delivery(c, out, rows=rows, seed=seed, scale=scale) for c in all_contracts()
    }
