"""What a publication reads: the protected tables of a year, as ``build`` stored them, and the
lineage of the deliveries they come from. Nothing here reads microdata.

A ``Figure`` is one built table with what the publication prints around it: its spec (for the
English title and the sources), the protected cells (``indicators.build.stored_table``) and the
disclosure footnote of its rule (``disclosure/rules.toml``). ``sections.toml`` places each table
in the report's structure (the chapters and sections of the Jaarcijfers 2024); a built table
that it does not name goes to the appendix of its publication.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import duckdb

from ketenmonitor.config import Workspace
from ketenmonitor.disclosure import ProtectedTable, load_rules
from ketenmonitor.indicators import TableSpec
from ketenmonitor.indicators.build import stored_table
from ketenmonitor.indicators.catalogue import catalogue
from ketenmonitor.warehouse import Warehouse

SECTIONS_FILE = Path(__file__).with_name("sections.toml")


class NothingToPublish(RuntimeError):
    """No protected table is stored for the requested year."""


@dataclass
class Figure:
    spec: TableSpec
    table: ProtectedTable
    footnote_nl: str = ""
    footnote_en: str = ""

    @property
    def id(self) -> str:
        return self.spec.id

    def footnote(self, lang: str) -> str:
        return self.footnote_en if lang == "en" else self.footnote_nl


@dataclass(frozen=True)
class Delivery:
    """One snapshot in the warehouse (a row of ``lineage``)."""

    source: str
    peildatum: dt.date
    file_name: str
    file_format: str
    contract_version: str
    loaded_at: dt.datetime
    rows_loaded: int
    rows_quarantined: int


@dataclass
class Section:
    key: str
    """The i18n key of the section title (``section.<key>``)."""
    tables: list[str] = field(default_factory=list)
    estimate: bool = False
    """The section of the estimated number of victims (``publish.estimate``), not of tables."""


@dataclass
class Chapter:
    key: str
    sections: list[Section] = field(default_factory=list)


@cache
def structure() -> tuple[Chapter, ...]:
    """The chapters and sections of the report and the table ids in each (``sections.toml``)."""
    with SECTIONS_FILE.open("rb") as f:
        data = tomllib.load(f)
    chapters = []
    for ch in data["chapter"]:
        chapters.append(
            Chapter(
                ch["key"],
                [
                    Section(s["key"], list(s.get("tables", [])), bool(s.get("estimate", False)))
                    for s in ch.get("section", [])
                ],
            )
        )
    return tuple(chapters)


def load_figures(
    ws: Workspace, year: int, specs: tuple[TableSpec, ...] | None = None
) -> list[Figure]:
    """Every table of ``specs`` (by default ``catalogue(year)``, the specs of that edition)
    that ``build`` stored for ``year``, in catalogue order, with its disclosure footnote.
    Raises ``NothingToPublish`` when none is stored."""
    specs = catalogue(year) if specs is None else specs
    if not ws.warehouse.exists():
        raise NothingToPublish(
            f"no warehouse at {ws.warehouse}: ingest deliveries and run "
            f"`ketenmonitor build --year {year}` first (or `ketenmonitor demo`)"
        )
    rules = load_rules()
    figures = []
    for spec in specs:
        table = stored_table(ws, spec, year)
        if table is None:
            continue
        rule = rules.rule(spec.disclosure, spec.id)
        figures.append(Figure(spec, table, rule.footnote_nl, rule.footnote_en))
    if not figures:
        raise NothingToPublish(
            f"no tables are built for {year} in {ws.warehouse}: run "
            f"`ketenmonitor build --year {year}` first"
        )
    return figures


def deliveries(ws: Workspace) -> list[Delivery]:
    """The current snapshot of every source (the latest peildatum, then the latest load)."""
    with Warehouse(ws.warehouse, read_only=True) as wh:
        try:
            rows = wh.con.execute(
                "SELECT source, peildatum, file_name, file_format, contract_version, loaded_at, "
                "rows_loaded, rows_quarantined FROM lineage "
                "QUALIFY row_number() OVER (PARTITION BY source "
                "ORDER BY peildatum DESC, loaded_at DESC) = 1 ORDER BY source"
            ).fetchall()
        except duckdb.CatalogException:
            return []
    return [
        Delivery(str(r[0]), r[1], str(r[2]), str(r[3]), str(r[4]), r[5], int(r[6]), int(r[7]))
        for r in rows
    ]


def placed(
    figures: list[Figure],
) -> tuple[list[tuple[Chapter, list[tuple[Section, list[Figure]]]]], list[Figure]]:
    """The figures in the report's structure, and the built figures no section names (for the
    appendix)."""
    by_id = {f.id: f for f in figures}
    used: set[str] = set()
    out = []
    for chapter in structure():
        sections = []
        for section in chapter.sections:
            here = [by_id[i] for i in section.tables if i in by_id]
            used.update(f.id for f in here)
            sections.append((section, here))
        out.append((chapter, sections))
    rest = [f for f in figures if f.id not in used]
    return out, rest
