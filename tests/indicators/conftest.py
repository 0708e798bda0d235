"""The catalogue built once from the calibrated synthetic CoMensha and IND deliveries (the
session's ``victim_workspace``), for the tests that compare it with the publication."""

from __future__ import annotations

import pytest

from ketenmonitor.config import Workspace
from ketenmonitor.disclosure import ProtectedTable
from ketenmonitor.indicators.build import build


@pytest.fixture(scope="session")
def built(victim_workspace: Workspace) -> dict[str, ProtectedTable]:
    return {t.id: t for t in build(victim_workspace, 2024)}
