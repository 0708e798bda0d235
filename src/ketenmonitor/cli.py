"""The ``ketenmonitor`` command line (one Typer app).

Every command works in the workspace: the folder named by ``KETENMONITOR_HOME``, or the current
directory. Exit codes of ``ingest``: 0 loaded clean (or already loaded), 3 loaded with rows in
quarantine, 4 refused (nothing written); 2 is a usage error.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.progress import Progress as RichProgress
from rich.table import Table as RichTable

from ketenmonitor import __version__
from ketenmonitor.config import HOME_ENV, Workspace
from ketenmonitor.contracts import contract_names, load_contract
from ketenmonitor.sources.ingest import EXIT_REFUSED, LoadReport, Progress, ingest
from ketenmonitor.sources.pseudonym import KEY_ENV, generate_key
from ketenmonitor.warehouse import Warehouse

app = typer.Typer(
    help=(
        "ketenmonitor: the trafficking chain monitor of the Nationaal Rapporteur as software.\n\n"
        f"Works in the workspace folder: ${HOME_ENV}, or the current directory."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
contracts_app = typer.Typer(help="The delivery contracts: list them, write their documentation.")
app.add_typer(contracts_app, name="contracts")

out = Console()
if not out.is_terminal:  # piped to a file or a pager: room for whole file names and ids
    out = Console(width=130)
err = Console(stderr=True, soft_wrap=True)  # messages stay whole (commands to copy)


class _RichProgress(Progress):
    """Ingestion progress as Rich bars on stderr (rows counted as they are read)."""

    def __init__(self, progress: RichProgress) -> None:
        self.p = progress
        self.task: TaskID | None = None

    def start(self, description: str, total: int | None = None) -> None:
        if self.task is not None:
            self.p.stop_task(self.task)
        self.task = self.p.add_task(description, total=total)

    def advance(self, n: int) -> None:
        if self.task is not None:
            self.p.advance(self.task, n)


def _progress() -> RichProgress:
    return RichProgress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("rows"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


def _print_report(r: LoadReport) -> None:
    style = {"clean": "green", "unchanged": "green", "quarantine": "yellow", "refused": "red"}
    head = f"[{style[r.status]}]{r.status.upper()}[/] {r.source} {r.file}"
    if r.peildatum:
        head += f" (peildatum {r.peildatum.isoformat()})"
    out.print(head)
    if r.message:
        out.print(f"  {r.message}")
    if r.status in ("refused", "unchanged"):
        return
    out.print(f"  snapshot {r.snapshot_id}, contract v{r.contract_version}, {r.seconds:.1f} s")
    t = RichTable("table", "file", "read", "loaded", "quarantined", "rows per rule")
    for c in r.tables:
        rules = ", ".join(f"{k}: {v}" for k, v in sorted(c.rules.items())) or "-"
        t.add_row(
            c.table,
            c.file,
            f"{c.rows_read:,}",
            f"{c.rows_loaded:,}",
            f"{c.rows_quarantined:,}",
            rules,
        )
    out.print(t)
    if r.rows_quarantined:
        out.print(
            f"  {r.rows_quarantined:,} row(s) in quarantine: "
            f"`ketenmonitor quarantine --snapshot {r.snapshot_id}` shows them"
        )


def _parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@app.command()
def keygen(
    force: Annotated[bool, typer.Option("--force", help="Replace an existing key.")] = False,
) -> None:
    """Make the secret key for pseudonyms (workspace file ketenmonitor.key).

    Keep the key outside the warehouse and back it up: pseudonyms made with another key do not
    link. Instead of the file, the key can be given as 64 hex characters in $KETENMONITOR_KEY.

    Example: ketenmonitor keygen
    """
    ws = Workspace.from_env()
    try:
        path = generate_key(ws.key_file, overwrite=force)
    except FileExistsError as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(1) from None
    out.print(f"key written to {path} (readable by you only)")


@app.command()
def synth(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the deliveries to.")],
    rows: Annotated[int, typer.Option(help="Rows per table.")] = 200,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same data).")] = 2024,
    scale: Annotated[
        int, typer.Option(help="Copies of every source's persons and cases (for benchmarks).")
    ] = 1,
    ground_truth: Annotated[
        Path | None,
        typer.Option(
            "--ground-truth",
            help="Where to write who is who across the deliveries (CSV); default "
            "ground_truth/personen.csv beside the --out folder.",
        ),
    ] = None,
) -> None:
    """Write a valid synthetic delivery for every source, in its contract's format.

    Once ingested and built, the deliveries reproduce the published figures: the Jaarcijfers
    2024 for 2020-2024 and the Dadermonitor mensenhandel for 2015-2019. The OM (and its dossier
    study) is also written as delivered in April 2020 (om_2020-04-01.zip, for the Dadermonitor
    2015-2019): ingest it with --peildatum 2020-04-01.

    The deliveries are one world: the same person is found in several sources (under each
    source's own number, with the same sex, date of birth and country). Who is who is written
    apart from the deliveries, for linkage work (docs/synthetic-data.md).

    Example: ketenmonitor synth --out deliveries/ --scale 1
    """
    from ketenmonitor.synth import write_delivery, write_earlier_deliveries
    from ketenmonitor.synth.identities import write_ground_truth

    names = contract_names()
    truth = ground_truth or out_dir.resolve().parent / "ground_truth" / "personen.csv"
    if truth.resolve().is_relative_to(out_dir.resolve()):
        raise typer.BadParameter(
            f"{truth} is inside the deliveries' folder {out_dir}: keep who is who apart from "
            "the deliveries (a linkage run must not see it)",
            param_hint="--ground-truth",
        )
    with _progress() as p:
        task = p.add_task("writing deliveries", total=len(names) + 1)
        for n in names:
            for earlier, peildatum in write_earlier_deliveries(n, out_dir, scale=scale):
                out.print(f"{n:<26} {earlier} (peildatum {peildatum.isoformat()})")
            path = write_delivery(load_contract(n), out_dir, rows=rows, seed=seed, scale=scale)
            out.print(f"{n:<26} {path}")
            p.advance(task)
        out.print(f"{'ground truth':<26} {write_ground_truth(truth, scale=scale)}")
        p.advance(task)


@app.command("ingest")
def ingest_cmd(
    source: Annotated[str, typer.Argument(help="Delivery type (contract name), e.g. comensha.")],
    file: Annotated[Path, typer.Argument(help="The delivered file, ZIP or folder.")],
    peildatum: Annotated[str, typer.Option(help="Reference date of the extract (YYYY-MM-DD).")],
) -> None:
    """Validate, pseudonymise and load one delivery as a snapshot.

    Rows that break a rule go to quarantine with their reason; a delivery with a wrong
    structure is refused whole. Exit code 0: clean or already loaded; 3: loaded with
    quarantined rows; 4: refused, nothing written.

    Example: ketenmonitor ingest comensha comensha_2025.xlsx --peildatum 2025-01-31
    """
    date = _parse_date(peildatum)
    ws = Workspace.from_env()
    with _progress() as p:
        report = ingest(ws, source, file, date, progress=_RichProgress(p))
    _print_report(report)
    raise typer.Exit(report.exit_code)


@app.command()
def status() -> None:
    """Show the snapshots in the warehouse, their counts and the quarantine per rule.

    Example: ketenmonitor status
    """
    ws = Workspace.from_env()
    if not ws.warehouse.exists():
        out.print(f"no warehouse yet at {ws.warehouse}: ingest a delivery first")
        return
    with Warehouse(ws.warehouse, read_only=True) as wh:
        rows = wh.lineage()
        summary = wh.quarantine_summary()
    t = RichTable(title=f"Snapshots in {ws.warehouse}")
    for col in ("source", "peildatum", "in force", "file", "read", "loaded", "quarantined"):
        t.add_column(col, justify="right" if col in ("read", "loaded", "quarantined") else "left")
    for r in rows:
        t.add_row(
            r["source"],
            r["peildatum"].isoformat(),
            "yes" if r["in_force"] else "",
            r["file_name"],
            f"{r['rows_read']:,}",
            f"{r['rows_loaded']:,}",
            f"{r['rows_quarantined']:,}",
        )
    out.print(t)
    if summary:
        q = RichTable("snapshot", "table", "rule", "rows", title="Quarantine per rule")
        for snap, table, rule, n in summary:
            q.add_row(snap, table, rule, f"{n:,}")
        out.print(q)
    else:
        out.print("quarantine is empty")


@app.command()
def quarantine(
    source: Annotated[str | None, typer.Option(help="Only this delivery type.")] = None,
    snapshot: Annotated[str | None, typer.Option(help="Only this snapshot.")] = None,
    rule: Annotated[str | None, typer.Option(help="Only this rule, e.g. code or date.")] = None,
    column: Annotated[str | None, typer.Option(help="Only this column.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows (0: all).")] = 50,
    csv_out: Annotated[
        Path | None, typer.Option("--csv", help="Write the rows to this CSV file instead.")
    ] = None,
) -> None:
    """Show the rejected rows with file, row number, column, value, rule and message.

    Values of identifier fields are shown pseudonymised: find the row in your own file by its
    row number (the header is row 0).

    Example: ketenmonitor quarantine --source comensha --rule code
    """
    ws = Workspace.from_env()
    if not ws.warehouse.exists():
        out.print("no warehouse yet: nothing in quarantine")
        return
    where, params = [], []
    for col, val in (
        ("source", source),
        ("snapshot_id", snapshot),
        ("rule", rule),
        ("column_name", column),
    ):
        if val is not None:
            where.append(f"{col} = ?")
            params.append(val)
    sql = (
        "SELECT snapshot_id, table_name, file_name, row_number, column_name, value, rule, "
        "message, record FROM quarantine"
    )
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY snapshot_id, table_name, row_number, column_name"
    if limit and csv_out is None:
        sql += f" LIMIT {int(limit)}"
    with Warehouse(ws.warehouse, read_only=True) as wh:
        cur = wh.con.execute(sql, params)
        names = [d[0] for d in cur.description]
        rows = cur.fetchall()
    if csv_out is not None:
        with csv_out.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh, delimiter=";")
            w.writerow(names)
            w.writerows(rows)
        out.print(f"{len(rows):,} quarantined value(s) written to {csv_out}")
        return
    if not rows:
        out.print("no rows match")
        return
    current = None
    for snap, table, file, row, col, value, rule_, message, _record in rows:
        if (snap, table) != current:
            current = (snap, table)
            out.print(f"[bold]{escape(str(snap))}[/] table {escape(str(table))}")
        place = f"{file} row {row}" + (f", column {col}" if col else "")
        shown = "" if value is None else f" = {value!r}"
        out.print(
            f"  {escape(place + shown)}: [yellow]{escape(str(rule_))}[/] {escape(str(message))}",
            soft_wrap=True,
        )


@app.command()
def build(
    year: Annotated[int, typer.Option(help="Reporting year Y (tables show Y-4..Y).")] = 2024,
) -> None:
    """Compute every table of the catalogue for a reporting year into the warehouse.

    The tables are computed from the snapshots in force, protected (small cells) and stored
    in the warehouse table publicatie_cellen; `ketenmonitor table` shows one.

    Example: ketenmonitor build --year 2024
    """
    from ketenmonitor.indicators.build import build as build_tables

    ws = Workspace.from_env()
    if not ws.warehouse.exists():
        err.print(f"[red]no warehouse at {ws.warehouse}: ingest the deliveries first[/]")
        raise typer.Exit(1)
    with _progress() as p:
        p.add_task(f"building the catalogue for {year}", total=None)
        tables = build_tables(ws, year)
    out.print(f"{len(tables)} tables for {year} stored in {ws.warehouse} (publicatie_cellen)")


@app.command()
def tables() -> None:
    """List the tables of the catalogue with their ids.

    Example: ketenmonitor tables
    """
    from ketenmonitor.indicators.catalogue import CATALOGUE

    t = RichTable("id", "number", "title", "source")
    for s in CATALOGUE:
        t.add_row(s.id, s.number, s.title_nl, s.source)
    out.print(t)


@app.command()
def table(
    table_id: Annotated[str, typer.Argument(help="Table id, e.g. jaarcijfers.figuur_2.")],
    year: Annotated[int, typer.Option(help="Reporting year Y.")] = 2024,
    fmt: Annotated[str, typer.Option("--format", help="text or csv.")] = "text",
) -> None:
    """Print one table as published (protected cells), from the last build.

    Example: ketenmonitor table jaarcijfers.figuur_2 --year 2024 --format csv
    """
    from ketenmonitor.indicators.build import stored_table, to_csv_rows
    from ketenmonitor.indicators.catalogue import spec

    if fmt not in ("text", "csv"):
        raise typer.BadParameter("--format is text or csv")
    try:
        s = spec(table_id)
    except KeyError as exc:
        err.print(f"[red]{exc.args[0]}[/]")
        raise typer.Exit(1) from None
    ws = Workspace.from_env()
    t = stored_table(ws, s, year) if ws.warehouse.exists() else None
    if t is None:
        err.print(
            f"[red]{table_id} was not built for {year}: run `ketenmonitor build --year {year}`[/]"
        )
        raise typer.Exit(1)
    rows = to_csv_rows(t)
    if fmt == "csv":
        w = csv.writer(sys.stdout, delimiter=";", lineterminator="\n")
        w.writerows(rows)
        return
    title = f"{t.number}. {t.title}"
    if str(year) not in t.title:  # the period, unless the title names it already
        title += f", {year - 4}-{year}"
    rt = RichTable(title=title)
    for i, head in enumerate(rows[0]):
        rt.add_column(head, justify="left" if i == 0 else "right")
    for r in rows[1:]:
        rt.add_row(*r)
    out.print(rt)
    out.print(t.source)
    for i, note in enumerate(t.notes, start=1):
        out.print(f"Noot {i}: {note}" if len(t.notes) > 1 else f"Noot: {note}")


@contracts_app.command("list")
def contracts_list() -> None:
    """List the delivery types with version, partner, format and tables.

    Example: ketenmonitor contracts list
    """
    t = RichTable("name", "version", "partner", "format", "tables")
    for n in contract_names():
        c = load_contract(n)
        t.add_row(c.name, c.version, c.partner, c.format, ", ".join(x.name for x in c.tables))
    out.print(t)


@contracts_app.command("docs")
def contracts_docs(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the pages.")] = Path(
        "docs/contracts"
    ),
) -> None:
    """Write the documentation page of every contract (docs/contracts/<name>.md).

    Example: ketenmonitor contracts docs --out docs/contracts
    """
    from ketenmonitor.contracts.docs import write_docs

    for p in write_docs(out_dir):
        out.print(str(p))


@app.command()
def demo(
    rows: Annotated[int, typer.Option(help="Rows per synthetic table.")] = 200,
    publication: Annotated[
        bool,
        typer.Option(
            "--report/--no-report",
            help="End with the publication (all formats) in <workspace>/out/.",
        ),
    ] = True,
) -> None:
    """The main job on the embedded default: synthetic deliveries of every source, ingested
    into the warehouse of the workspace, the status, the catalogue built for 2024 (and for 2019,
    the period of the Dadermonitor) and the publication of 2024 (report, workbook, open data)
    in <workspace>/out/.

    Makes a key if there is none, writes the deliveries to <workspace>/synth/ (reusing them if
    they are there, so a second run loads nothing new), ingests each with the synthetic
    peildatum (the OM's April-2020 extract with its own), prints the status and builds every
    table of the Jaarcijfers and the Dadermonitor for 2024 and for 2019.

    Example: ketenmonitor demo
    """
    from ketenmonitor.synth import SYNTH_PEILDATUM, write_delivery, write_earlier_deliveries

    ws = Workspace.from_env()
    ws.home.mkdir(parents=True, exist_ok=True)
    if not ws.key_file.exists() and not _env_key():
        generate_key(ws.key_file)
        out.print(f"made a new pseudonymisation key: {ws.key_file}")
    folder = ws.home / "synth"
    worst = 0
    new_deliveries = False
    for n in contract_names():
        contract = load_contract(n)
        for earlier, peildatum in write_earlier_deliveries(n, folder, reuse=True):
            with _progress() as p:  # an earlier delivery of the source, with its own peildatum
                report = ingest(ws, n, earlier, peildatum, progress=_RichProgress(p))
            _print_report(report)
            worst = max(worst, report.exit_code)
        existing = sorted(folder.glob(f"{n}.*")) + ([folder / n] if (folder / n).is_dir() else [])
        path = existing[0] if existing else write_delivery(contract, folder, rows=rows)
        new_deliveries = new_deliveries or not existing
        with _progress() as p:
            report = ingest(ws, n, path, SYNTH_PEILDATUM, progress=_RichProgress(p))
        _print_report(report)
        worst = max(worst, report.exit_code)
    truth = ws.home / "ground_truth" / "personen.csv"
    if new_deliveries or not truth.exists():  # who is who across the deliveries, apart
        from ketenmonitor.synth.identities import write_ground_truth

        with _progress() as p:
            p.add_task("writing who is who across the synthetic deliveries", total=None)
            write_ground_truth(truth)
    out.print(f"\nWho is who across the synthetic deliveries (for linkage work): {truth}")
    out.print()
    status()
    if worst == EXIT_REFUSED:
        raise typer.Exit(EXIT_REFUSED)
    from ketenmonitor.indicators.build import build as build_tables

    year = SYNTH_PEILDATUM.year - 1
    # the synthetic data also reproduce the Dadermonitor mensenhandel 2015-2019: its chapters and
    # chain figure are built for 2019 beside the Jaarcijfers of 2024
    dadermonitor_year = 2019
    for y in (year, dadermonitor_year):
        with _progress() as p:
            p.add_task(f"building the catalogue for {y}", total=None)
            built = build_tables(ws, y)
        out.print(f"\n{len(built)} tables for {y} built into {ws.warehouse} (publicatie_cellen).")
    out.print(
        f"Show one: ketenmonitor table jaarcijfers.figuur_2 --year {year}; the chain figure of "
        f"the Dadermonitor: ketenmonitor table dadermonitor.figuur_1 --year {dadermonitor_year}; "
        "list them: ketenmonitor tables"
    )
    if publication:
        from ketenmonitor.publish.report import publish

        with _progress() as p:
            p.add_task(f"writing the publication of {year} to {ws.home / 'out'}", total=None)
            written = publish(ws, year, ws.home / "out")
        out.print(f"\nThe report: {written['html'].resolve().as_uri()}", soft_wrap=True)
        out.print(
            f"PDF {written['pdf']}, workbook {written['xlsx']}, open data {written['csv']}",
            soft_wrap=True,
        )


def _env_key() -> bool:
    import os

    return bool(os.environ.get(KEY_ENV))


@app.callback(invoke_without_command=True)
def _root(
    version: Annotated[bool, typer.Option("--version", help="Show the version.")] = False,
) -> None:
    if version:
        out.print(f"ketenmonitor {__version__}")
        raise typer.Exit()


def _register() -> None:
    """Commands whose code lives with their stage."""
    from ketenmonitor.disclosure.cli import audit
    from ketenmonitor.estimation.cli import estimate
    from ketenmonitor.publish.cli import report
    from ketenmonitor.web.cli import serve

    app.command("estimate")(estimate)
    app.command("audit")(audit)
    app.command("report")(report)
    app.command("serve")(serve)


_register()


def main() -> None:
    app()
