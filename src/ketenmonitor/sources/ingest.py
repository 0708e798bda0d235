"""Ingest one delivery: read, validate against its contract, pseudonymise, load as a snapshot.

Nothing is lost and nothing leaks:

- A delivery whose structure is wrong (unreadable, missing table or required column, a column
  the contract does not know, no key) is refused whole with one message, and nothing is written.
- Every row is checked against every rule of its contract; a row that breaks a rule goes to the
  ``quarantine`` table with file, row number, column, value, rule and message. Rows read =
  rows loaded + rows quarantined, for every table.
- Identifiers are pseudonymised (``pseudonym.py``) before anything is written; a date of birth
  becomes an age at the event the contract names. Values of identifier fields shown in the
  quarantine are pseudonymised too.
- The snapshot, its lineage, its rows and its quarantine are written in one transaction, and the
  delivered file is archived (encrypted) by its hash. The same file ingested twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ketenmonitor.config import Workspace
from ketenmonitor.contracts import (
    BOOLEAN_FALSE,
    BOOLEAN_TRUE,
    MULTI_SEPARATOR,
    Contract,
    Field,
    Table,
    load_contract,
)
from ketenmonitor.sources.pseudonym import KeyMissingError, Pseudonymiser, load_key
from ketenmonitor.sources.readers import ROW_COLUMN, RefusedError, TableReader, open_delivery
from ketenmonitor.warehouse import Warehouse, data_table, quote

EXIT_CLEAN = 0
EXIT_QUARANTINE = 3
EXIT_REFUSED = 4

DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y%m%d", "%Y-%m-%d %H:%M:%S")
"""Date spellings accepted: ISO, Dutch day-month-year with - or /, compact, ISO with time."""

FAULT_PAUSE_ENV = "KETENMONITOR_FAULT_PAUSE_BEFORE_COMMIT"
"""Test hook: seconds to wait inside the open load transaction, after every row is written.
Used by the test that kills a real load process halfway; never set it in production."""

RULES = {
    "required": "a required field is empty",
    "integer": "not a whole number",
    "decimal": "not a number",
    "date": "not a date (YYYY-MM-DD or DD-MM-YYYY)",
    "boolean": "not a yes/no value (ja/nee, j/n, yes/no, true/false, 1/0)",
    "code": "not in the field's code list",
    "rounded_count": "not a count or a suppressed cell such as <10",
    "range": "outside the allowed range",
    "rounded": "a count that should be rounded to a multiple is not",
    "unique_key": "the row's key occurs more than once in the delivery",
    "reference": "refers to a row that is not in the delivery (or was quarantined)",
    "field_count": "the row does not have as many fields as the header",
}
"""Every rule a row can break, with its meaning (checks of a contract add ``check:<name>``)."""


@dataclass
class TableCounts:
    table: str
    file: str
    rows_read: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    rules: dict[str, int] = field(default_factory=dict)


@dataclass
class LoadReport:
    source: str
    file: str
    peildatum: dt.date | None
    status: str  # clean | quarantine | unchanged | refused
    message: str = ""
    snapshot_id: str | None = None
    content_hash: str | None = None
    contract_version: str | None = None
    tables: list[TableCounts] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rows_read(self) -> int:
        return sum(t.rows_read for t in self.tables)

    @property
    def rows_loaded(self) -> int:
        return sum(t.rows_loaded for t in self.tables)

    @property
    def rows_quarantined(self) -> int:
        return sum(t.rows_quarantined for t in self.tables)

    @property
    def exit_code(self) -> int:
        return {
            "clean": EXIT_CLEAN,
            "unchanged": EXIT_CLEAN,
            "quarantine": EXIT_QUARANTINE,
            "refused": EXIT_REFUSED,
        }[self.status]


class Progress:
    """What ingestion tells about its progress; the CLI shows it as Rich progress bars."""

    def start(self, description: str, total: int | None = None) -> None:
        pass

    def advance(self, n: int) -> None:
        pass


def content_hash(path: Path) -> str:
    """SHA-256 of a file, or of a folder's files (names and contents, in name order)."""
    h = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for f in files:
        if path.is_dir():
            h.update(str(f.relative_to(path)).encode() + b"\0")
        with f.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
    return h.hexdigest()


def _lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _typed(f: Field, raw: str) -> str:
    """SQL for the typed value of a field (NULL when the delivered text does not fit)."""
    if f.type == "integer":
        return (
            f"CASE WHEN regexp_full_match({raw}, '[+-]?[0-9]+') THEN TRY_CAST({raw} AS BIGINT) END"
        )
    if f.type == "decimal":
        return f"TRY_CAST(replace({raw}, ',', '.') AS DOUBLE)"
    if f.type == "date":
        tries = ", ".join(f"TRY_CAST(TRY_STRPTIME({raw}, '{fmt}') AS DATE)" for fmt in DATE_FORMATS)
        return f"COALESCE({tries})"
    if f.type == "boolean":
        yes = ", ".join(_lit(v) for v in BOOLEAN_TRUE)
        no = ", ".join(_lit(v) for v in BOOLEAN_FALSE)
        return (
            f"CASE WHEN lower({raw}) IN ({yes}) THEN true "
            f"WHEN lower({raw}) IN ({no}) THEN false END"
        )
    if f.type == "code":
        m = quote(f"cm_{f.codelist}")
        if f.multi:
            sep = _lit(MULTI_SEPARATOR)
            return (
                f"list_transform(list_filter(string_split({raw}, {sep}), lambda x: trim(x) <> ''), "
                f"lambda x: map_extract_value({m}, lower(trim(x))))"
            )
        return f"map_extract_value({m}, lower({raw}))"
    if f.type == "rounded_count":
        return f"CASE WHEN regexp_full_match({raw}, '[0-9]+') THEN TRY_CAST({raw} AS INTEGER) END"
    if f.identifier == "key":
        # the form that is pseudonymised (see pseudonym.normalise_identifier), so that keys and
        # references are checked on what the warehouse will hold: 'cm 1' and 'CM1' are one key
        return f"upper(regexp_replace({raw}, '\\s+', '', 'g'))"
    return raw


def _staged(f: Field, column: str | None) -> str:
    """SQL for a delivered cell as staged: trimmed, empty as NULL. A multi-valued cell holding
    nothing but separators (``|``, ``| |``) is empty too."""
    if column is None:
        return "NULL"
    value = f"NULLIF(trim({quote(column)}), '')"
    if f.multi:
        sep = MULTI_SEPARATOR.replace("|", "\\|")
        return f"CASE WHEN NOT regexp_full_match({value}, '[\\s{sep}]*') THEN {value} END"
    return value


def _bound(f: Field, value: str, peildatum: dt.date) -> str:
    if f.type == "date":
        return f"DATE '{peildatum.isoformat()}'" if value == "peildatum" else f"DATE {_lit(value)}"
    return str(float(value) if f.type == "decimal" else int(value))


class _Loader:
    """The work of one ingest, on the warehouse connection, in temporary tables."""

    def __init__(
        self,
        wh: Warehouse,
        contract: Contract,
        pseudo: Pseudonymiser,
        peildatum: dt.date,
        progress: Progress,
    ) -> None:
        self.wh = wh
        self.con = wh.con
        self.contract = contract
        self.pseudo = pseudo
        self.peildatum = peildatum
        self.progress = progress
        self.counts: dict[str, TableCounts] = {}
        self.malformed: dict[str, list[tuple[int, str]]] = {}

        def udf(values: pa.Array) -> pa.Array:
            return pa.array(
                [None if v is None else pseudo(v) for v in values.to_pylist()], pa.string()
            )

        with suppress(Exception):  # not registered yet on this connection
            self.con.remove_function("km_pseudo")
        self.con.create_function("km_pseudo", udf, ["VARCHAR"], "VARCHAR", type="arrow")  # type: ignore[call-overload]

    # ------------------------------------------------------------ structure

    def check_structure(
        self, readers: dict[str, TableReader], label: str
    ) -> dict[str, dict[str, str]]:
        """Refuse a delivery with a missing table, a missing required column or an unknown
        column (which could carry personal data the contract does not protect). Returns per
        table the mapping field name -> delivered column name."""
        mappings: dict[str, dict[str, str]] = {}
        missing_tables = [t.name for t in self.contract.tables if t.name not in readers]
        if missing_tables:
            raise RefusedError(
                label,
                f"table(s) {', '.join(missing_tables)} of delivery type {self.contract.name} are "
                "missing (deliver an empty table with its header if there are no rows)",
            )
        for t in self.contract.tables:
            r = readers[t.name]
            delivered = {c.lower(): c for c in r.columns}
            known = {f.name.lower() for f in t.fields}
            unknown = [c for c in r.columns if c.lower() not in known]
            if unknown:
                raise RefusedError(
                    r.file,
                    f"column(s) {', '.join(unknown)} are not in contract {self.contract.name} "
                    f"v{self.contract.version} table {t.name}; a column the contract does not "
                    "know could hold personal data, so the delivery is refused",
                )
            missing = [f.name for f in t.required_fields if f.name.lower() not in delivered]
            if missing:
                raise RefusedError(
                    r.file, f"required column(s) {', '.join(missing)} are missing (table {t.name})"
                )
            mappings[t.name] = {
                f.name: delivered[f.name.lower()] for f in t.fields if f.name.lower() in delivered
            }
        return mappings

    # ------------------------------------------------------------ staging

    def code_maps(self) -> None:
        lists = self.contract.codelists()
        rows = [
            (name, alias, code) for name, cl in lists.items() for alias, code in cl.lookup().items()
        ]
        self.con.execute(
            "CREATE OR REPLACE TEMP TABLE km_codes (list VARCHAR, alias VARCHAR, code VARCHAR)"
        )
        if rows:
            self.con.executemany("INSERT INTO km_codes VALUES (?, ?, ?)", rows)
        cols = (
            ", ".join(
                f"(SELECT map(list(alias), list(code)) FROM km_codes WHERE list = {_lit(n)}) "
                f"AS {quote('cm_' + n)}"
                for n in lists
            )
            or "1 AS none"
        )
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE km_maps AS SELECT {cols}")

    def stage(self, t: Table, reader: TableReader, mapping: dict[str, str]) -> None:
        stage = quote(f"stage_{t.name}")
        cols = ", ".join(f"{quote(f.name)} VARCHAR" for f in t.fields)
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {stage} (_row BIGINT, {cols})")
        select = ", ".join(_staged(f, mapping.get(f.name)) for f in t.fields)
        counts = self.counts.setdefault(t.name, TableCounts(t.name, reader.file))
        self.progress.start(f"reading {reader.file}")
        for batch in reader.batches():
            self.con.register("km_batch", batch)
            self.con.execute(f"INSERT INTO {stage} SELECT {ROW_COLUMN}, {select} FROM km_batch")
            self.con.unregister("km_batch")
            counts.rows_read += batch.num_rows
            self.progress.advance(batch.num_rows)
        self.malformed[t.name] = [(m.row, m.message) for m in reader.malformed]
        counts.rows_read += len(reader.malformed)

    # ------------------------------------------------------------ validation

    def validate(self, t: Table) -> None:
        stage = quote(f"stage_{t.name}")
        typed = quote(f"typed_{t.name}")
        viol = quote(f"viol_{t.name}")
        exprs = ["s._row"]
        for f in t.fields:
            raw = f"s.{quote(f.name)}"
            exprs.append(f"{_typed(f, raw)} AS {quote(f.name)}")
            if f.type == "rounded_count":
                exprs.append(
                    f"CASE WHEN regexp_full_match({raw}, '<\\s*[0-9]+') THEN "
                    f"CAST(regexp_extract({raw}, '[0-9]+') AS INTEGER) END AS "
                    f"{quote(f.name + '__below')}"
                )
        self.con.execute(
            f"CREATE OR REPLACE TEMP TABLE {typed} AS SELECT {', '.join(exprs)} "
            f"FROM {stage} s, km_maps"
        )
        parts = []
        for f in t.fields:
            parts.extend(self._field_rules(t, f))
        parts.extend(self._key_rule(t))
        parts.extend(self._reference_rules(t))
        for c in t.checks:
            parts.append(
                f"SELECT t._row, NULL, NULL, {_lit('check:' + c.name)}, {_lit(c.message)} "
                f"FROM {typed} t WHERE NOT coalesce(({c.condition}), true)"
            )
        self.con.execute(
            f"CREATE OR REPLACE TEMP TABLE {viol} (row BIGINT, column_name VARCHAR, "
            "value VARCHAR, rule VARCHAR, message VARCHAR)"
        )
        if parts:
            self.con.execute(
                f"INSERT INTO {viol} SELECT * FROM (" + " UNION ALL ".join(parts) + ")"
            )

    def _shown(self, f: Field, expr: str) -> str:
        """The value as the quarantine shows it: pseudonymised for identifier fields."""
        return f"km_pseudo({expr})" if f.identifier else expr

    def _field_rules(self, t: Table, f: Field) -> list[str]:
        stage = quote(f"stage_{t.name}")
        typed = quote(f"typed_{t.name}")
        q = quote(f.name)
        src = f"FROM {stage} s JOIN {typed} t USING (_row)"
        col = _lit(f.name)
        shown = self._shown(f, f"s.{q}")
        out = []
        if f.required:
            out.append(
                f"SELECT s._row, {col}, NULL, 'required', "
                f"{_lit(f'{f.name} is required but empty')} {src} WHERE s.{q} IS NULL"
            )
        if f.type != "string":
            rule = "code" if f.type == "code" else f.type
            if f.type == "code":
                what = f"not in code list {f.codelist}"
                if f.multi:
                    what += f" (several values are separated by {MULTI_SEPARATOR!r})"
                msg = f"{f.name}: {what}"
            else:
                msg = f"{f.name}: {RULES[rule]}"
            bad = f"t.{q} IS NULL"
            if f.multi:
                bad = f"t.{q} IS NULL OR list_count(t.{q}) < len(t.{q})"
            if f.type == "rounded_count":
                bad = f"t.{q} IS NULL AND t.{quote(f.name + '__below')} IS NULL"
            out.append(
                f"SELECT s._row, {col}, {shown}, {_lit(rule)}, {_lit(msg)} "
                f"{src} WHERE s.{q} IS NOT NULL AND ({bad})"
            )
        conds = []
        if f.min is not None:
            conds.append(f"t.{q} < {_bound(f, f.min, self.peildatum)}")
        if f.max is not None:
            conds.append(f"t.{q} > {_bound(f, f.max, self.peildatum)}")
        if conds:
            lo = f.min if f.min is not None else "-"
            hi = f.max if f.max is not None else "-"
            if hi == "peildatum":
                hi = f"the peildatum {self.peildatum.isoformat()}"
            msg = f"{f.name}: outside the allowed range {lo} to {hi}"
            out.append(
                f"SELECT s._row, {col}, {shown}, 'range', {_lit(msg)} {src} "
                f"WHERE {' OR '.join(conds)}"
            )
        if f.identifier == "birthdate" and f.age_at:
            msg = f"{f.name}: after {f.age_at}, so no age can be derived"
            out.append(
                f"SELECT s._row, {col}, {shown}, 'range', {_lit(msg)} {src} "
                f"WHERE t.{q} > t.{quote(f.age_at)}"
            )
        if f.rounded_to:
            msg = f"{f.name}: not rounded to a multiple of {f.rounded_to}"
            out.append(
                f"SELECT s._row, {col}, {shown}, 'rounded', {_lit(msg)} {src} "
                f"WHERE t.{q} % {int(f.rounded_to)} <> 0"
            )
        return out

    def _key_rule(self, t: Table) -> list[str]:
        if not t.key:
            return []
        typed = quote(f"typed_{t.name}")
        keys = ", ".join(f"t.{quote(k)}" for k in t.key)
        notnull = " AND ".join(f"t.{quote(k)} IS NOT NULL" for k in t.key)
        first = t.field(t.key[0])
        shown = self._shown(first, f"CAST(t.{quote(first.name)} AS VARCHAR)")
        msg = f"key ({', '.join(t.key)}) occurs more than once in this delivery"
        return [
            f"SELECT _row, {_lit(t.key[0])}, value, 'unique_key', "
            f"{_lit(msg)} || ' (' || n || ' times)' "
            f"FROM (SELECT t._row, {shown} AS value, count(*) OVER (PARTITION BY {keys}) AS n "
            f"FROM {typed} t WHERE {notnull}) WHERE n > 1"
        ]

    def _reference_rules(self, t: Table) -> list[str]:
        out = []
        typed = quote(f"typed_{t.name}")
        for f in t.fields:
            if not f.references:
                continue
            ptable, _, pfield = f.references.partition(".")
            if ptable == t.name:
                parent = f"(SELECT {quote(pfield)} AS k FROM {typed})"
            else:
                parent = (
                    f"(SELECT p.{quote(pfield)} AS k FROM {quote('typed_' + ptable)} p "
                    f"WHERE p._row NOT IN (SELECT row FROM {quote('viol_' + ptable)}))"
                )
            msg = (
                f"{f.name}: refers to {ptable}.{pfield} that is not in this delivery "
                "or was quarantined"
            )
            out.append(
                f"SELECT t._row, {_lit(f.name)}, {self._shown(f, f't.{quote(f.name)}')}, "
                f"'reference', {_lit(msg)} FROM {typed} t WHERE t.{quote(f.name)} IS NOT NULL "
                f"AND t.{quote(f.name)} NOT IN {parent}"
            )
        return out

    # ------------------------------------------------------------ writing

    def final_columns(self, t: Table) -> list[str]:
        out = []
        delivered_age = {f.name for f in t.fields}
        for f in t.fields:
            q = f"t.{quote(f.name)}"
            if f.identifier == "birthdate":
                assert f.age_at and f.age_column
                age = f"date_sub('year', {q}, t.{quote(f.age_at)})"
                if f.age_column in delivered_age:
                    continue  # the age field itself takes the derived age, see below
                out.append(f"{age} AS {quote(f.age_column)}")
            elif f.identifier == "key":
                out.append(f"km_pseudo(CAST({q} AS VARCHAR)) AS {quote(f.name)}")
            elif any(g.identifier == "birthdate" and g.age_column == f.name for g in t.fields):
                dob = next(g for g in t.fields if g.age_column == f.name)
                assert dob.age_at
                age = f"date_sub('year', t.{quote(dob.name)}, t.{quote(dob.age_at)})"
                out.append(f"CAST(COALESCE({age}, {q}) AS INTEGER) AS {quote(f.name)}")
            else:
                out.append(f"{q} AS {quote(f.name)}")
                if f.type == "rounded_count":
                    out.append(f"t.{quote(f.name + '__below')} AS {quote(f.name + '_below')}")
        return out

    def record_json(self, t: Table) -> str:
        pairs = ", ".join(
            f"{_lit(f.name)}, {self._shown(f, 's.' + quote(f.name))}" for f in t.fields
        )
        return f"json_object({pairs})"

    def write(self, snapshot_id: str, source: str, t: Table) -> None:
        counts = self.counts[t.name]
        stage = quote(f"stage_{t.name}")
        typed = quote(f"typed_{t.name}")
        viol = quote(f"viol_{t.name}")
        cols = ", ".join(self.final_columns(t))
        snap = _lit(snapshot_id)
        self.con.execute(
            f"INSERT INTO {quote(data_table(source, t.name))} BY NAME "
            f"SELECT {snap} AS snapshot_id, t._row AS _row, {cols} FROM {typed} t "
            f"WHERE t._row NOT IN (SELECT row FROM {viol})"
        )
        self.con.execute(
            f"INSERT INTO quarantine SELECT {snap}, {_lit(source)}, {_lit(t.name)}, "
            f"{_lit(counts.file)}, v.row, v.column_name, v.value, v.rule, v.message, r.record "
            f"FROM {viol} v JOIN (SELECT s._row, {self.record_json(t)} AS record FROM {stage} s "
            f"WHERE s._row IN (SELECT row FROM {viol})) r ON r._row = v.row"
        )
        if self.malformed[t.name]:
            self.con.executemany(
                "INSERT INTO quarantine VALUES (?, ?, ?, ?, ?, NULL, NULL, 'field_count', ?, NULL)",
                [
                    (snapshot_id, source, t.name, counts.file, row, msg)
                    for row, msg in self.malformed[t.name]
                ],
            )

    def count(self, t: Table) -> None:
        counts = self.counts[t.name]
        viol = quote(f"viol_{t.name}")
        row = self.con.execute(f"SELECT count(DISTINCT row) FROM {viol}").fetchall()
        bad = int(row[0][0])
        counts.rows_quarantined = bad + len(self.malformed[t.name])
        counts.rows_loaded = counts.rows_read - counts.rows_quarantined
        rules = self.con.execute(
            f"SELECT rule, count(DISTINCT row) FROM {viol} GROUP BY rule ORDER BY rule"
        ).fetchall()
        counts.rules = {str(r): int(n) for r, n in rules}
        if self.malformed[t.name]:
            counts.rules["field_count"] = len(self.malformed[t.name])

    def cleanup(self) -> None:
        for t in self.contract.tables:
            for prefix in ("stage_", "typed_", "viol_"):
                self.con.execute(f"DROP TABLE IF EXISTS {quote(prefix + t.name)}")


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def ingest(
    ws: Workspace,
    source: str,
    path: Path,
    peildatum: dt.date,
    progress: Progress | None = None,
) -> LoadReport:
    """Ingest the delivery at ``path`` of delivery type ``source`` with its ``peildatum``.

    Returns the load report; a refused delivery gives status ``refused`` and writes nothing.
    """
    started = time.perf_counter()
    progress = progress or Progress()
    report = LoadReport(source=source, file=path.name, peildatum=peildatum, status="refused")
    try:
        contract = load_contract(source)
    except KeyError as exc:
        report.message = str(exc.args[0])
        return report
    report.contract_version = contract.version
    try:
        pseudo = Pseudonymiser(load_key(ws.home))
    except KeyMissingError as exc:
        report.message = str(exc)
        return report
    if not path.exists():
        report.message = f"{path}: the file does not exist"
        return report
    digest = content_hash(path)
    report.content_hash = digest
    with Warehouse(ws.warehouse) as wh:
        known = wh.find_snapshot(source, digest)
        if known is not None:
            report.status = "unchanged"
            report.snapshot_id = known[0]
            report.message = (
                f"this file was already loaded as snapshot {known[0]} (peildatum "
                f"{known[1].isoformat()}); nothing changed"
            )
            return report
        snapshot_id = f"{source}-{peildatum.isoformat()}-{digest[:12]}"
        report.snapshot_id = snapshot_id
        with tempfile.TemporaryDirectory(prefix="ketenmonitor-") as tmp:
            loader = _Loader(wh, contract, pseudo, peildatum, progress)
            try:
                readers = open_delivery(path, [t.name for t in contract.tables], Path(tmp))
                mappings = loader.check_structure(readers, path.name)
                loader.code_maps()
                for t in contract.table_order():
                    loader.stage(t, readers[t.name], mappings[t.name])
                    progress.start(f"validating {t.name}")
                    loader.validate(t)
                    loader.count(t)
            except RefusedError as exc:
                loader.cleanup()
                report.message = str(exc)
                return report
            report.tables = [loader.counts[t.name] for t in contract.tables]
            formats = sorted({r.format for r in readers.values()})
            details: dict[str, Any] = {
                "tables": {
                    name: {
                        "file": r.file,
                        "format": r.format,
                        "columns": r.columns,
                        "encoding": r.encoding,
                        "delimiter": r.delimiter,
                        "value_labels": r.value_labels,
                    }
                    for name, r in readers.items()
                },
                "rules": {t.table: t.rules for t in report.tables},
            }
            archive = _archive(ws, pseudo, path, digest)
            progress.start("writing snapshot")
            wh.ensure_tables(contract)
            with _transaction(wh.con):
                wh.con.execute(
                    "INSERT INTO lineage VALUES (?, ?, ?, ?, ?, ?, ?, current_timestamp, "
                    "?, ?, ?, ?, ?)",
                    [
                        snapshot_id,
                        source,
                        peildatum,
                        digest,
                        path.name,
                        "+".join(formats),
                        contract.version,
                        report.rows_read,
                        report.rows_loaded,
                        report.rows_quarantined,
                        str(archive.relative_to(ws.home)),
                        json.dumps(details, ensure_ascii=False),
                    ],
                )
                for t in contract.table_order():
                    c = loader.counts[t.name]
                    wh.con.execute(
                        "INSERT INTO lineage_tables VALUES (?, ?, ?, ?, ?, ?)",
                        [
                            snapshot_id,
                            t.name,
                            c.file,
                            c.rows_read,
                            c.rows_loaded,
                            c.rows_quarantined,
                        ],
                    )
                    loader.write(snapshot_id, source, t)
                pause = os.environ.get(FAULT_PAUSE_ENV)
                if pause:
                    print("ketenmonitor: paused inside the load transaction", flush=True)
                    time.sleep(float(pause))
            loader.cleanup()
    report.status = "quarantine" if report.rows_quarantined else "clean"
    report.seconds = time.perf_counter() - started
    return report


def _archive(ws: Workspace, pseudo: Pseudonymiser, path: Path, digest: str) -> Path:
    """Keep the delivered file, encrypted, under its hash (a folder is stored as a ZIP)."""
    ws.archive.mkdir(parents=True, exist_ok=True)
    target = ws.archive / f"{digest}{path.suffix.lower() if path.is_file() else '.zip'}.enc"
    if target.exists():
        return target
    tmp = target.with_suffix(".tmp")
    if path.is_dir():
        import zipfile

        packed = target.with_suffix(".zip.tmp")
        with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as zf:
            for f in sorted(p for p in path.rglob("*") if p.is_file()):
                zf.write(f, f.relative_to(path))
        pseudo.encrypt_file(packed, tmp)
        packed.unlink()
    else:
        pseudo.encrypt_file(path, tmp)
    tmp.replace(target)
    return target
