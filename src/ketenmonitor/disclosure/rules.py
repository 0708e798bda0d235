"""The disclosure rules: one data file (``rules.toml``), per source and per table.

A table's rule is ``[defaults]``, overridden by ``[source.NAME]`` (the ``disclosure`` name of its
``TableSpec``), overridden by ``[table."ID"]``. ``docs/disclosure.md`` describes every key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

RULES_FILE = Path(__file__).with_name("rules.toml")

Secondary = Literal["auto", "milp", "heuristic", "rounding", "none"]
SuppressedPercent = Literal["auto", "shown", "hidden", "bound"]
SUPPRESSED_PERCENT = ("auto", "shown", "hidden", "bound")


@dataclass(frozen=True)
class Rule:
    """How one table is protected (see ``rules.toml`` for the meaning of each field)."""

    rounding: int = 1
    threshold: int = 5
    dominance_n: int = 0
    dominance_k: float = 0.0
    protection: int = 2
    replacement: str = "<5"
    secondary_replacement: str = "."
    secondary: Secondary = "auto"
    delivered: bool = False
    accept: str = ""
    footnote_nl: str = ""
    footnote_en: str = ""
    suppressed_percent: SuppressedPercent = "auto"

    @property
    def percent_of_primary(self) -> SuppressedPercent:
        """What the percentage of a primary-suppressed count shows: ``auto`` is ``hidden``
        where the rule allows secondary suppression and ``shown`` where the published pattern
        is kept (``secondary = "none"``)."""
        if self.suppressed_percent != "auto":
            return self.suppressed_percent
        return "shown" if self.secondary == "none" else "hidden"

    @property
    def primary_range(self) -> tuple[int, int]:
        """What an attacker knows of a primary-suppressed count from its text alone."""
        return 1, self.threshold - 1

    @property
    def required_width(self) -> int:
        """The protection level, no wider than the primary range allows."""
        lo, hi = self.primary_range
        return min(self.protection, hi - lo)


@dataclass(frozen=True)
class Rules:
    defaults: Rule
    sources: dict[str, dict[str, Any]]
    tables: dict[str, dict[str, Any]]

    def everywhere(self, **fields: Any) -> Rules:
        """The same rules with ``fields`` set for every source and table, e.g.
        ``everywhere(secondary="auto", accept="")``: protect the whole catalogue fully."""
        _check("everywhere", fields)
        return Rules(
            self.defaults,
            {k: {**v, **fields} for k, v in self.sources.items()},
            {k: {**v, **fields} for k, v in self.tables.items()},
        )

    def source_names(self) -> set[str]:
        return set(self.sources)

    def rule(self, source: str, table_id: str = "") -> Rule:
        if source not in self.sources:
            raise ValueError(
                f"table {table_id}: unknown disclosure rule {source!r} "
                f"(known: {', '.join(sorted(self.sources))}; see {RULES_FILE.name})"
            )
        r = replace(self.defaults, **self.sources[source])
        if table_id in self.tables:
            r = replace(r, **self.tables[table_id])
        return r


_KEYS = {f.name for f in fields(Rule)}


def _check(where: str, d: dict[str, Any]) -> dict[str, Any]:
    unknown = set(d) - _KEYS
    if unknown:
        raise ValueError(f"{RULES_FILE.name} [{where}]: unknown keys {sorted(unknown)}")
    if d.get("secondary", "auto") not in ("auto", "milp", "heuristic", "rounding", "none"):
        raise ValueError(f"{RULES_FILE.name} [{where}]: secondary is {d['secondary']!r}")
    if d.get("suppressed_percent", "auto") not in SUPPRESSED_PERCENT:
        raise ValueError(
            f"{RULES_FILE.name} [{where}]: suppressed_percent is {d['suppressed_percent']!r} "
            f"(one of {', '.join(SUPPRESSED_PERCENT)})"
        )
    return d


def parse_rules(text: str) -> Rules:
    data = tomllib.loads(text)
    defaults = Rule(**_check("defaults", data.get("defaults", {})))
    sources = {k: _check(f"source.{k}", v) for k, v in data.get("source", {}).items()}
    tables = {k: _check(f"table.{k}", v) for k, v in data.get("table", {}).items()}
    return Rules(defaults, sources, tables)


@lru_cache(maxsize=1)
def load_rules(path: Path = RULES_FILE) -> Rules:
    return parse_rules(path.read_text(encoding="utf-8"))
