"""Fixtures of the dashboard tests: a built workspace, the app on a free port, the browser.

The workspace holds the synthetic deliveries of IND, EMM, OM (with the dossier study) and the
Raad voor de rechtspraak, ingested through the real path and built for 2024 and 2023 (about
ten seconds; the calibrated CoMensha delivery takes much longer and is left to the slow test).
The browser is Debian's chromium (scripts/install-test-browser.sh), never a downloaded one.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ketenmonitor.config import Workspace
from ketenmonitor.indicators.build import build
from tests.conftest import synthetic_workspace

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(os.environ.get("KETENMONITOR_TEST_ARTIFACTS", Path(__file__).parent / "artifacts"))
"""Screenshots of the browser tests (git-ignored); KETENMONITOR_TEST_ARTIFACTS moves them."""

SOURCES = ("ind", "emm", "om", "om_dossierstudie", "rechtspraak")
YEARS = (2024, 2023)


@pytest.fixture(scope="session")
def dashboard_ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    ws = synthetic_workspace(tmp_path_factory.mktemp("dashboard"), *SOURCES)
    for year in YEARS:
        build(ws, year)
    return ws


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RunningServer:
    """The dashboard of a workspace served by uvicorn in a thread."""

    def __init__(self, ws: Workspace) -> None:
        import uvicorn

        from ketenmonitor.web import create_app

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            create_app(ws), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> RunningServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the dashboard did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


class Response:
    def __init__(self, status_code: int, headers: dict[str, str], content: bytes) -> None:
        self.status_code = status_code
        self.headers = headers
        self.content = content

    @property
    def text(self) -> str:
        return self.content.decode("utf-8")

    def json(self) -> Any:
        return json.loads(self.content)


class Client:
    """GET requests to a running dashboard (urllib: the real HTTP path, no test transport)."""

    def __init__(self, base: str) -> None:
        self.base = base

    def get(self, path: str) -> Response:
        try:
            with urllib.request.urlopen(self.base + path, timeout=60) as r:
                return Response(r.status, {k.lower(): v for k, v in r.headers.items()}, r.read())
        except urllib.error.HTTPError as e:
            return Response(e.code, {k.lower(): v for k, v in e.headers.items()}, e.read())


@pytest.fixture(scope="session")
def server(dashboard_ws: Workspace) -> Iterator[RunningServer]:
    with RunningServer(dashboard_ws) as running:
        yield running


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run `sh scripts/install-test-browser.sh` (installs "
            "Debian's chromium) before the dashboard tests"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
