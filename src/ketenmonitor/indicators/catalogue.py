"""Every table ketenmonitor computes, of both publications.

- The Jaarcijfers Mensenhandel (``jaarcijfers.*``): ``indicators/jaarcijfers.py`` with its
  chapters in ``jaarcijfers_opsporing.py`` and ``jaarcijfers_vervolging.py``.
- The Dadermonitor mensenhandel (``dadermonitor.*``), built so far for chapter 3 (signalering,
  ``dadermonitor_signalering.py``) and chapter 4 (opsporing, ``dadermonitor_opsporing.py``).
"""

from __future__ import annotations

from ketenmonitor.indicators import TableSpec
from ketenmonitor.indicators.dadermonitor_opsporing import DM_OPSPORING
from ketenmonitor.indicators.dadermonitor_signalering import SIGNALERING
from ketenmonitor.indicators.jaarcijfers import CATALOGUE as JAARCIJFERS

DADERMONITOR: tuple[TableSpec, ...] = SIGNALERING + DM_OPSPORING

CATALOGUE: tuple[TableSpec, ...] = JAARCIJFERS + DADERMONITOR


def spec(table_id: str) -> TableSpec:
    for s in CATALOGUE:
        if s.id == table_id:
            return s
    raise KeyError(
        f"unknown table {table_id!r}; `ketenmonitor tables` lists them "
        "(e.g. jaarcijfers.figuur_2, dadermonitor.figuur_3_2)"
    )
