"""Capture histories from the warehouse: the melders of each CoMensha victim as lists.

One row of the view ``slachtoffers`` (ketenmonitor.domain.victims) is a victim in a registration
year; its ``melders`` are the organisations that reported it. Each melder group below is a list
(ind, coa and overig are one list, ``overig``, as in Jaarcijfers 2024 section 4). ``--by form``
strata use ``vormen``: a victim with exactly one form is in that form's stratum, one with several
in ``meerdere_vormen``, so the strata partition the victims and their estimates add up.
"""

from __future__ import annotations

from collections import Counter

import duckdb

from ketenmonitor.domain.victims import create_victim_views
from ketenmonitor.estimation.capture import CaptureHistory

MELDER_LISTS = ("politie", "kmar", "nla", "zorgcoordinator", "fairwork", "overig")
MELDER_GROUP = {
    "politie": "politie",
    "kmar": "kmar",
    "nla": "nla",
    "zorgcoordinator": "zorgcoordinator",
    "fairwork": "fairwork",
    "ind": "overig",
    "coa": "overig",
    "overig": "overig",
}
BY_COLUMNS = {
    "form": "vormen",
    "age": "leeftijdscategorie",
    "sex": "geslacht",
    "origin": "herkomst",
}


def _stratum(value: object) -> str:
    if isinstance(value, list):
        return value[0] if len(value) == 1 else ("meerdere_vormen" if value else "onbekend")
    return str(value) if value is not None else "onbekend"


def capture_histories(
    con: duckdb.DuckDBPyConnection, year: int | None = None, by: str | None = None
) -> dict[str, CaptureHistory]:
    """Capture-history tables per stratum (key "totaal" without ``by``); lists that nobody in
    the selection is on are left out."""
    create_victim_views(con)
    col = BY_COLUMNS.get(by, by) if by else None
    if col is not None and col not in BY_COLUMNS.values():
        raise ValueError(f"unknown stratum {by!r}: choose from {', '.join(BY_COLUMNS)}")
    sql = f"SELECT melders, {col or 'NULL'} FROM slachtoffers"
    params: list[object] = []
    if year is not None:
        sql += " WHERE jaar = ?"
        params.append(year)
    cells: dict[str, Counter[tuple[int, ...]]] = {}
    for melders, strat in con.execute(sql, params).fetchall():
        groups = {MELDER_GROUP.get(m, "overig") for m in (melders or [])}
        pattern = tuple(int(lst in groups) for lst in MELDER_LISTS)
        if not any(pattern):
            continue
        key = _stratum(strat) if col else "totaal"
        cells.setdefault(key, Counter())[pattern] += 1
    used = [j for j in range(len(MELDER_LISTS)) if any(p[j] for c in cells.values() for p in c)]
    lists = tuple(MELDER_LISTS[j] for j in used)
    out = {}
    for key in sorted(cells):
        rows = [(tuple(p[j] for j in used), float(n)) for p, n in cells[key].items()]
        out[key] = CaptureHistory.from_rows(lists, rows) if col is None else _unchecked(lists, rows)
    return out


def _unchecked(lists: tuple[str, ...], rows: list[tuple[tuple[int, ...], float]]) -> CaptureHistory:
    """A stratum table: strata may lack overlaps of their own (the shared interactions carry)."""
    import numpy as np

    counts = np.zeros(2 ** len(lists))
    for p, n in rows:
        counts[sum(1 << j for j, v in enumerate(p) if v)] += n
    return CaptureHistory(lists, counts)
