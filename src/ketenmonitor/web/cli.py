"""``ketenmonitor serve``: the dashboard on a local port (uvicorn)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from ketenmonitor.config import Workspace

err = Console(stderr=True, soft_wrap=True)


def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on (127.0.0.1: this computer only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Start the dashboard over the protected tables of the workspace.

    It serves only what `ketenmonitor build` stored (protected cells).

    Choose the year, the source and the form of trafficking; charts, the chain figure,
    notes, source lines and downloads (CSV, XLSX). Stop it with Ctrl+C.

    Example: ketenmonitor serve --port 8000   (then open http://127.0.0.1:8000/)
    """
    import uvicorn

    from ketenmonitor.web.app import create_app
    from ketenmonitor.web.store import NothingBuilt, PublishedStore, WarehouseBusy

    ws = Workspace.from_env()
    try:
        years = PublishedStore(ws).require_tables()
    except (NothingBuilt, WarehouseBusy) as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(1) from None
    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    err.print(
        f"dashboard of {ws.home} (tables for {', '.join(str(y) for y in years)}) at "
        f"http://{shown}:{port}/ ; stop with Ctrl+C"
    )
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(
            f"[yellow]listening on {host}: other computers can reach the dashboard "
            "(it shows published, protected tables only)[/]"
        )
    _check_port(host, port)
    uvicorn.run(create_app(ws), host=host, port=port, log_level="warning")


def _check_port(host: str, port: int) -> None:
    """Exit with a clear message when ``host:port`` cannot be listened on (taken, or not an
    address of this computer), before uvicorn starts."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        err.print(f"[red]unknown host {host!r}: {exc.strerror}[/]")
        raise typer.Exit(1) from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(address)
        except OSError as exc:
            err.print(
                f"[red]cannot listen on {host}:{port}: {exc.strerror or exc} "
                "(choose another --port)[/]"
            )
            raise typer.Exit(1) from None
