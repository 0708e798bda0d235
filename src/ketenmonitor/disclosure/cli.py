"""``ketenmonitor audit``: the disclosure audit of the catalogue (registered in ``cli.py``)."""

from __future__ import annotations

from typing import Annotated

import typer


def audit(
    year: Annotated[int, typer.Option(help="Reporting year Y (tables show Y-4..Y).")] = 2024,
) -> None:
    """Audit the disclosure control of every table of a reporting year.

    Computes and protects the catalogue from the warehouse (as build does, without storing)
    and prints, per table, the suppressed cells and the narrowest interval an attacker can
    derive for one of them from everything published over the same units, then a summary.
    Exits with 1 when a table is unsafe (build refuses to store such tables).

    Example: ketenmonitor audit --year 2024
    """
    from rich.console import Console

    from ketenmonitor.config import Workspace
    from ketenmonitor.indicators.build import audit_catalogue

    out, err = Console(), Console(stderr=True)
    ws = Workspace.from_env()
    if not ws.warehouse.exists():
        err.print(f"[red]no warehouse at {ws.warehouse}: ingest the deliveries first[/]")
        raise typer.Exit(1)
    _tables, report = audit_catalogue(ws, year)
    for t in report.tables:
        w = "-" if t.narrowest == float("inf") else f"{t.narrowest:.2f}"
        out.print(
            f"{t.table_id:<50} {t.status:<8} suppressed {t.suppressed:>3} "
            f"(secondary {t.secondary}) narrowest {w} (required {t.required:g})",
            soft_wrap=True,
        )
        for r, c, lo, hi in t.unsafe:
            out.print(f"    {r} / {c}: [{lo:.2f}, {hi:.2f}]", soft_wrap=True)
    out.print(report.summary())
    if not report.ok:
        raise typer.Exit(1)
