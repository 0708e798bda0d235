"""``ketenmonitor report``: the publication of a reporting year (registered in ``cli.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def report(
    year: Annotated[int, typer.Option(help="Reporting year Y (tables show Y-4..Y).")] = 2024,
    lang: Annotated[str, typer.Option(help="Language: nl (default) or en.")] = "nl",
    format: Annotated[
        str, typer.Option("--format", help="Comma-separated: html, pdf, xlsx, csv.")
    ] = "html,pdf,xlsx,csv",
    out: Annotated[Path, typer.Option(help="Folder to write the publication to.")] = Path("out"),
    reflection: Annotated[
        Path | None,
        typer.Option(
            help="A text file with the Rapporteur's reflection (paragraphs separated by an "
            "empty line); without it the report keeps a marked empty slot.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    nboot: Annotated[
        int,
        typer.Option(
            min=0,
            help="Bootstrap replicates for the interval of the estimated number of victims "
            "(0: no interval).",
        ),
    ] = 1000,
    seed: Annotated[int, typer.Option(help="Seed of that bootstrap (reproducible).")] = 2024,
) -> None:
    """Write the publication of a reporting year from the protected tables in the warehouse.

    Reads only the tables that `build` stored (publicatie_cellen) and writes, per format:
    html: one self-contained report file that works offline (interactive charts);
    pdf: the print version (contents with page numbers); xlsx: the workbook, one sheet per
    table with the disclosure flag of every cell; csv: the open data, one CSV per table and a
    Frictionless datapackage.json. Run `ketenmonitor build --year Y` first.

    Chapter 1 ends with the estimated number of victims, registered and not: multiple systems
    estimation on the melders of the CoMensha victims in the warehouse, with a bootstrap BCa
    interval of --nboot replicates and --seed, rounded to what the interval allows; it is also
    a sheet of the workbook and a resource of the open data.

    Example: ketenmonitor report --year 2024 --lang en --format html,xlsx --out out/
    """
    from rich.console import Console

    from ketenmonitor.config import Workspace
    from ketenmonitor.publish.i18n import LANGUAGES
    from ketenmonitor.publish.report import parse_formats, publish
    from ketenmonitor.publish.tables import NothingToPublish

    console, err = Console(), Console(stderr=True)
    if lang not in LANGUAGES:
        err.print(f"[red]unknown language {lang!r}: choose one of {', '.join(LANGUAGES)}[/]")
        raise typer.Exit(2)
    try:
        formats = parse_formats(format)
    except ValueError as e:
        err.print(f"[red]{e}[/]")
        raise typer.Exit(2) from None
    text = reflection.read_text(encoding="utf-8") if reflection else None
    ws = Workspace.from_env()
    try:
        with console.status(f"writing the {year} publication ({', '.join(formats)})"):
            written = publish(ws, year, out, lang, formats, reflection=text, nboot=nboot, seed=seed)
    except NothingToPublish as e:
        err.print(f"[red]{e}[/]")
        raise typer.Exit(1) from None
    for fmt, path in written.items():
        console.print(f"{fmt:<5} {path}", soft_wrap=True)
    if "html" in written:
        console.print(f"\nOpen the report: {written['html'].resolve().as_uri()}", soft_wrap=True)
