"""Where ketenmonitor keeps its things: one workspace folder.

The workspace is the folder named by ``KETENMONITOR_HOME``, or the current directory. It holds
the warehouse (``warehouse.duckdb``), the pseudonymisation key (``ketenmonitor.key``, unless the
key comes from ``KETENMONITOR_KEY``) and the archive of delivered files (``archive/``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ketenmonitor.sources.pseudonym import KEY_FILE
from ketenmonitor.warehouse import WAREHOUSE_FILE

HOME_ENV = "KETENMONITOR_HOME"


@dataclass(frozen=True)
class Workspace:
    home: Path

    @classmethod
    def from_env(cls) -> Workspace:
        return cls(Path(os.environ.get(HOME_ENV) or Path.cwd()).resolve())

    @property
    def warehouse(self) -> Path:
        return self.home / WAREHOUSE_FILE

    @property
    def key_file(self) -> Path:
        return self.home / KEY_FILE

    @property
    def archive(self) -> Path:
        return self.home / "archive"
