"""Delivery contracts: the machine-readable agreement with each chain partner.

A contract is a TOML file in this package (``<name>.toml``). It names the delivery, its version,
its tables and, per table, its fields with type, whether they are required, their code list,
range, and whether they are identifiers. Code lists are CSV files in ``codelists/``. The same
contract validates a delivery (``ketenmonitor.sources``), generates synthetic deliveries
(``ketenmonitor.synth``) and generates the documentation page ``docs/contracts/<name>.md``.

The format is described in docs/contracts/README.md.
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

FieldType = Literal["string", "integer", "decimal", "date", "boolean", "code", "rounded_count"]
IdentifierKind = Literal["key", "birthdate"]

FIELD_TYPES: tuple[str, ...] = (
    "string",
    "integer",
    "decimal",
    "date",
    "boolean",
    "code",
    "rounded_count",
)
DELIVERY_FORMATS = ("csv", "xlsx", "sav", "parquet")
MULTI_SEPARATOR = "|"
"""Separator between the values of a multi-valued field in one cell (``seksueel|arbeid``)."""

BOOLEAN_TRUE = ("ja", "j", "yes", "y", "true", "waar", "1")
BOOLEAN_FALSE = ("nee", "n", "no", "false", "onwaar", "0")


class ContractError(ValueError):
    """A contract file is inconsistent (a programming error in this package, not bad data)."""


@dataclass(frozen=True)
class Code:
    code: str
    label_nl: str
    label_en: str
    aliases: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class CodeList:
    """A list of allowed codes with Dutch and English labels.

    A delivered value matches a code when it equals (case-insensitively, trimmed) the code, its
    Dutch or English label, or one of its aliases (the values a partner's system is known to
    export, such as SPSS value labels); it is stored as the code.
    """

    name: str
    description: str
    codes: tuple[Code, ...]

    def lookup(self) -> dict[str, str]:
        """Map every accepted spelling (lower case) to its code."""
        table: dict[str, str] = {}
        for c in self.codes:
            for spelling in (c.code, c.label_nl, c.label_en, *c.aliases):
                key = spelling.strip().lower()
                if not key:
                    continue
                if table.get(key, c.code) != c.code:
                    raise ContractError(
                        f"code list {self.name}: {spelling!r} names both {table[key]} and {c.code}"
                    )
                table[key] = c.code
        return table

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.codes)


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    description: str
    required: bool = False
    codelist: str | None = None
    multi: bool = False
    min: str | None = None
    max: str | None = None
    identifier: IdentifierKind | None = None
    age_at: str | None = None
    age_column: str | None = None
    references: str | None = None
    rounded_to: int | None = None
    example: str | None = None

    @property
    def stored_name(self) -> str | None:
        """The warehouse column this field becomes (None: the field is not stored as such)."""
        if self.identifier == "birthdate":
            return None
        return self.name


@dataclass(frozen=True)
class Check:
    """A rule across fields of one row, as a SQL condition over the typed values that must hold."""

    name: str
    condition: str
    message: str


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    fields: tuple[Field, ...]
    key: tuple[str, ...] = ()
    checks: tuple[Check, ...] = ()

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"table {self.name} has no field {name}")

    @property
    def required_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.required)

    def stored_columns(self) -> list[tuple[str, str]]:
        """(column, DuckDB type) of the warehouse table, identifiers already transformed."""
        cols: list[tuple[str, str]] = []
        names: set[str] = set()
        for f in self.fields:
            if f.identifier == "birthdate":
                assert f.age_column
                if f.age_column not in names:
                    cols.append((f.age_column, "INTEGER"))
                    names.add(f.age_column)
                continue
            if f.name in names:
                continue
            names.add(f.name)
            cols.append((f.name, storage_type(f)))
            if f.type == "rounded_count":
                cols.append((f"{f.name}_below", "INTEGER"))
                names.add(f"{f.name}_below")
        return cols


@dataclass(frozen=True)
class Contract:
    name: str
    version: str
    title: str
    partner: str
    format: str
    description: str
    assumptions: str
    tables: tuple[Table, ...]
    peildatum_note: str = ""

    def table(self, name: str) -> Table:
        for t in self.tables:
            if t.name == name:
                return t
        raise KeyError(f"contract {self.name} has no table {name}")

    @property
    def multi_table(self) -> bool:
        return len(self.tables) > 1

    def table_order(self) -> list[Table]:
        """Tables with every referenced table before the tables that refer to it."""
        done: list[Table] = []
        pending = list(self.tables)
        while pending:
            progressed = False
            for t in list(pending):
                parents = {f.references.split(".")[0] for f in t.fields if f.references}
                parents.discard(t.name)
                if parents <= {d.name for d in done}:
                    done.append(t)
                    pending.remove(t)
                    progressed = True
            if not progressed:
                raise ContractError(f"contract {self.name}: circular references between tables")
        return done

    def codelists(self) -> dict[str, CodeList]:
        return {
            f.codelist: codelist(f.codelist)
            for t in self.tables
            for f in t.fields
            if f.codelist is not None
        }


def storage_type(f: Field) -> str:
    if f.multi:
        return "VARCHAR[]"
    return {
        "string": "VARCHAR",
        "integer": "BIGINT",
        "decimal": "DOUBLE",
        "date": "DATE",
        "boolean": "BOOLEAN",
        "code": "VARCHAR",
        "rounded_count": "INTEGER",
    }[f.type]


def _files(suffix: str, folder: str = "") -> list[str]:
    base = resources.files(__name__)
    if folder:
        base = base.joinpath(folder)
    return sorted(p.name for p in base.iterdir() if p.name.endswith(suffix))


def contract_names() -> list[str]:
    """Names of every contract in the package, in a stable order."""
    return [n.removesuffix(".toml") for n in _files(".toml")]


@cache
def codelist(name: str) -> CodeList:
    """Read code list ``name`` from ``codelists/<name>.csv``.

    The CSV has a first comment line ``# <description>`` and the columns code, label_nl,
    label_en, aliases (separated by ``|``) and note.
    """
    path = resources.files(__name__).joinpath("codelists", f"{name}.csv")
    if not path.is_file():
        raise ContractError(f"code list {name!r} does not exist (codelists/{name}.csv)")
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    description = ""
    if lines and lines[0].startswith("#"):
        description = lines[0].lstrip("# ").strip()
        lines = lines[1:]
    rows = list(csv.DictReader(lines))
    codes = tuple(
        Code(
            code=r["code"].strip(),
            label_nl=(r.get("label_nl") or "").strip(),
            label_en=(r.get("label_en") or "").strip(),
            aliases=tuple(a.strip() for a in (r.get("aliases") or "").split("|") if a.strip()),
            note=(r.get("note") or "").strip(),
        )
        for r in rows
    )
    if len({c.code for c in codes}) != len(codes):
        raise ContractError(f"code list {name}: duplicate codes")
    cl = CodeList(name=name, description=description, codes=codes)
    cl.lookup()  # refuse ambiguous spellings early
    return cl


def codelist_names() -> list[str]:
    return [n.removesuffix(".csv") for n in _files(".csv", "codelists")]


def _parse_field(table: str, raw: dict[str, object]) -> Field:
    known = set(Field.__dataclass_fields__)
    unknown = set(raw) - known
    if unknown:
        raise ContractError(f"table {table}: unknown field settings {sorted(unknown)}")
    f = Field(**{k: (str(v) if k in ("min", "max") else v) for k, v in raw.items()})  # type: ignore[arg-type]
    if f.type not in FIELD_TYPES:
        raise ContractError(f"{table}.{f.name}: unknown type {f.type}")
    if f.type == "code" and not f.codelist:
        raise ContractError(f"{table}.{f.name}: a code field needs a codelist")
    if f.identifier == "birthdate" and (f.type != "date" or not f.age_at or not f.age_column):
        raise ContractError(f"{table}.{f.name}: a birthdate needs type date, age_at and age_column")
    if f.multi and f.type != "code":
        raise ContractError(f"{table}.{f.name}: only code fields can be multi-valued")
    return f


@cache
def load_contract(name: str) -> Contract:
    """Load and check contract ``name`` (``ketenmonitor/contracts/<name>.toml``)."""
    path = resources.files(__name__).joinpath(f"{name}.toml")
    if not path.is_file():
        raise KeyError(f"unknown delivery type {name!r}; known: {', '.join(contract_names())}")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    tables = []
    for t in data["tables"]:
        fields = tuple(_parse_field(t["name"], f) for f in t["fields"])
        checks = tuple(Check(**c) for c in t.get("checks", []))
        tables.append(
            Table(
                name=t["name"],
                description=t.get("description", ""),
                fields=fields,
                key=tuple(t.get("key", [])),
                checks=checks,
            )
        )
    contract = Contract(
        name=data["name"],
        version=str(data["version"]),
        title=data["title"],
        partner=data["partner"],
        format=data["format"],
        description=data.get("description", "").strip(),
        assumptions=data.get("assumptions", "").strip(),
        peildatum_note=data.get("peildatum_note", "").strip(),
        tables=tuple(tables),
    )
    _check(contract)
    return contract


def _check(c: Contract) -> None:
    if c.format not in DELIVERY_FORMATS:
        raise ContractError(f"{c.name}: format must be one of {DELIVERY_FORMATS}")
    names = {t.name for t in c.tables}
    for t in c.tables:
        fields = {f.name for f in t.fields}
        if len(fields) != len(t.fields):
            raise ContractError(f"{c.name}.{t.name}: duplicate field names")
        for k in t.key:
            if k not in fields:
                raise ContractError(f"{c.name}.{t.name}: key field {k} is not a field")
        for f in t.fields:
            if f.codelist:
                codelist(f.codelist)
            if f.age_at and f.age_at not in fields:
                raise ContractError(f"{c.name}.{t.name}.{f.name}: age_at {f.age_at} unknown")
            if f.references:
                ref_table, _, ref_field = f.references.partition(".")
                if ref_table not in names:
                    raise ContractError(f"{c.name}.{t.name}.{f.name}: references {ref_table}")
                if ref_field not in {g.name for g in c.table(ref_table).fields}:
                    raise ContractError(f"{c.name}.{t.name}.{f.name}: references {f.references}")
    c.table_order()


def all_contracts() -> list[Contract]:
    return [load_contract(n) for n in contract_names()]


__all__ = [
    "BOOLEAN_FALSE",
    "BOOLEAN_TRUE",
    "MULTI_SEPARATOR",
    "Check",
    "Code",
    "CodeList",
    "Contract",
    "ContractError",
    "Field",
    "Table",
    "all_contracts",
    "codelist",
    "codelist_names",
    "contract_names",
    "load_contract",
    "storage_type",
]
