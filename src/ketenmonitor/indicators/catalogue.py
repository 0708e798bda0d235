"""Every table ketenmonitor computes, of both publications.

- The Jaarcijfers Mensenhandel (``jaarcijfers.*``): ``indicators/jaarcijfers.py`` with its
  chapters in ``jaarcijfers_opsporing.py`` and ``jaarcijfers_vervolging.py``.
- The Dadermonitor mensenhandel (``dadermonitor.*``), every chapter with numbers: 3 (signalering,
  ``dadermonitor_signalering.py``), 4 (opsporing, ``dadermonitor_opsporing.py``), 5
  (vervolging, ``dadermonitor_vervolging.py``), 6 (berechting, ``dadermonitor_berechting.py``),
  7 (resocialisatie, ``dadermonitor_resocialisatie.py``) and 8 (persoonskenmerken,
  ``dadermonitor_persoonskenmerken.py``), and the chain figure (Figuur 1, ``keten.py``), derived
  from the same units as the chapters.
"""

from __future__ import annotations

from ketenmonitor.indicators import TableSpec
from ketenmonitor.indicators.dadermonitor_berechting import DM_BERECHTING, dm_berechting
from ketenmonitor.indicators.dadermonitor_opsporing import DM_OPSPORING, dm_opsporing
from ketenmonitor.indicators.dadermonitor_persoonskenmerken import (
    DM_PERSOONSKENMERKEN,
    dm_persoonskenmerken,
)
from ketenmonitor.indicators.dadermonitor_resocialisatie import (
    DM_RESOCIALISATIE,
    dm_resocialisatie,
)
from ketenmonitor.indicators.dadermonitor_signalering import SIGNALERING
from ketenmonitor.indicators.dadermonitor_vervolging import DM_VERVOLGING, dm_vervolging
from ketenmonitor.indicators.jaarcijfers import CATALOGUE as JAARCIJFERS
from ketenmonitor.indicators.keten import keten_spec

DADERMONITOR: tuple[TableSpec, ...] = (
    SIGNALERING
    + DM_OPSPORING
    + DM_VERVOLGING
    + DM_BERECHTING
    + DM_RESOCIALISATIE
    + DM_PERSOONSKENMERKEN
    + (keten_spec(2019),)
)
"""The Dadermonitor's tables as published, for 2015-2019."""

CATALOGUE: tuple[TableSpec, ...] = JAARCIJFERS + DADERMONITOR
"""Every table id with its titles and notes (the specs of the published editions)."""


def dadermonitor(year: int) -> tuple[TableSpec, ...]:
    """The Dadermonitor's tables for the five years ``year``-4 .. ``year``."""
    return (
        SIGNALERING
        + dm_opsporing(year)
        + dm_vervolging(year)
        + dm_berechting(year)
        + dm_resocialisatie(year)
        + dm_persoonskenmerken(year)
        + (keten_spec(year),)
    )


def catalogue(year: int) -> tuple[TableSpec, ...]:
    """Every table for reporting year ``year``: the Jaarcijfers (the year and its four
    predecessors) and the Dadermonitor over the same five years."""
    return JAARCIJFERS + dadermonitor(year)


def spec(table_id: str) -> TableSpec:
    for s in CATALOGUE:
        if s.id == table_id:
            return s
    raise KeyError(
        f"unknown table {table_id!r}; `ketenmonitor tables` lists them "
        "(e.g. jaarcijfers.figuur_2, dadermonitor.figuur_3_2)"
    )
