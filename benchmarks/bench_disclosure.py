"""Benchmark of disclosure control: the whole catalogue of one publication year, and a
hierarchical table of municipalities x forms x years of about 20,000 cells.

    python benchmarks/bench_disclosure.py               # both cases, 3 runs each
    python benchmarks/bench_disclosure.py --runs 5 --cases hierarchical

Every run is its own subprocess, so that its peak resident memory (``ru_maxrss``) is that run's.

**catalogue**: a workspace with every synthetic delivery ingested (as ``ketenmonitor demo`` makes
it; prepared once, untimed), then in the child: the domain views and every table of the catalogue
computed for 2024 (untimed), and timed:

- *as published*: ``protect_catalogue`` with ``rules.toml`` as it is (the report's own ``<5``
  patterns for CoMensha, EMM and OM: primary suppression only, then the audit of every suppressed
  cell against everything published over the same units);
- *full protection*: the same with every source set to ``secondary = "auto"`` and nothing
  accepted, that is complementary suppression of the whole catalogue until the audit holds;
- *baseline*: primary suppression of each table on its own (``protect``) and then every cell of
  a row that holds a suppressed cell (what analysts do by hand), no audit.

**hierarchical**: 342 municipalities in 10 police units (and the national total) x 4 forms (and
their total) x 11 years = 19,415 cells with 4,488 relations, counts drawn from a Poisson model
(seed 20241231) in which about half the cells are 0 and 40% are 1-4. Suppressed cells are shown
alike (``.``): an attacker knows only that they are at least 0 (with a visible ``<5`` a
municipality whose forms are all 1-4 cannot be protected by any pattern, see docs/disclosure.md).
Timed: ``secondary_heuristic`` (protection level 2) and the ``audit`` of its pattern; baseline:
``baseline_rows`` (every form of a municipality-year with a suppressed cell) and its audit.

Writes its section of ``docs/performance.md`` between ``<!-- begin bench_disclosure -->`` and
``<!-- end bench_disclosure -->``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_ingest as bi  # noqa: E402

YEAR = 2024
SEED = 20241231
TARGET = {"catalogue": 30.0, "hierarchical": 60.0}


# =====================================================================================
# child
# =====================================================================================


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _catalogue_child(home: str, variant: str) -> dict[str, Any]:

    from ketenmonitor.config import Workspace
    from ketenmonitor.disclosure import protect, protect_catalogue
    from ketenmonitor.disclosure.rules import load_rules
    from ketenmonitor.indicators import compute
    from ketenmonitor.indicators.build import prepare
    from ketenmonitor.indicators.catalogue import CATALOGUE
    from ketenmonitor.warehouse import Warehouse

    ws = Workspace(Path(home))
    with Warehouse(ws.warehouse) as wh:
        loaded = prepare(wh.con)
        specs = [s for s in CATALOGUE if set(s.sources) <= loaded]
        computed = [compute(wh.con, s, YEAR) for s in specs]
        start = time.perf_counter()
        if variant == "baseline":
            suppressed = secondary = 0
            for c in computed:
                t = protect(c)
                for row in t.cells:
                    hidden = sum(cell.suppressed for cell in row)
                    suppressed += hidden
                    if hidden:
                        secondary += len(row) - hidden
            seconds = time.perf_counter() - start
            return {
                "seconds": seconds,
                "tables": len(computed),
                "cells": sum(len(r) for c in computed for r in c.cells),
                "primary": suppressed,
                "secondary": secondary,
                "audit": "not audited",
            }
        rules = load_rules()
        if variant == "full":
            rules = rules.everywhere(secondary="auto", accept="")
        tables, report = protect_catalogue(wh.con, computed, rules)
        seconds = time.perf_counter() - start
    flags = [cell.flag for t in tables for row in t.cells for cell in row]
    return {
        "seconds": seconds,
        "tables": len(tables),
        "cells": len(flags),
        "primary": flags.count("primary"),
        "secondary": flags.count("secondary"),
        "audit": report.summary(),  # type: ignore[attr-defined]
    }


def hierarchical_table() -> tuple[Any, Any]:
    import numpy as np

    from ketenmonitor.disclosure.tables import LinearTable

    rng = np.random.default_rng(SEED)
    municipalities, years, units = 342, 11, 10
    share = rng.lognormal(10.2, 0.9, municipalities)
    share /= share.sum()
    forms = np.array([0.45, 0.2, 0.15, 0.2])
    rate = share[:, None, None] * forms[None, :, None] * 900.0
    leaves = rng.poisson(rate, (municipalities, 4, years))
    parents = np.sort(rng.integers(0, units, municipalities))
    parents[:units] = np.arange(units)
    return LinearTable.hierarchical(leaves, parents)


def _hierarchical_child(variant: str) -> dict[str, Any]:
    import numpy as np

    from ketenmonitor.disclosure.tables import (
        Pattern,
        audit,
        baseline_rows,
        primary,
        secondary_heuristic,
    )

    table, idx = hierarchical_table()
    prim = primary(table.values, 5)
    shown_alike = (0, int(table.values.max()))
    start = time.perf_counter()
    if variant == "baseline":
        rows = [idx[r, :, y].ravel() for r in range(idx.shape[0]) for y in range(idx.shape[2])]
        sup = baseline_rows(table, prim, rows)
        pattern = Pattern(prim, sup & ~prim, shown_alike, 2)
    else:
        pattern = secondary_heuristic(table, prim, primary_range=shown_alike, protection=2)
    protected = time.perf_counter()
    result = audit(table, pattern)
    end = time.perf_counter()
    return {
        "seconds": end - start,
        "protect_seconds": protected - start,
        "audit_seconds": end - protected,
        "cells": int(table.size),
        "relations": int(table.relations.shape[0]),
        "primary": int(prim.sum()),
        "secondary": int(pattern.secondary.sum()),
        "unsafe": len(result.unsafe),
        "narrowest": float(np.min(result.width[result.required > 0], initial=np.inf)),
    }


def child_main(argv: list[str]) -> None:
    case, variant = argv[0], argv[1]
    if case == "catalogue":
        out = _catalogue_child(argv[2], variant)
    else:
        out = _hierarchical_child(variant)
    out["peak_mib"] = _peak_mib()
    print(json.dumps(out))


# =====================================================================================
# parent
# =====================================================================================


def _run_child(*args: str) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=False
    )
    if proc.returncode:
        raise RuntimeError(f"benchmark child {args} failed:\n{proc.stderr[-3000:]}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def _workspace(tmp: Path) -> Path:
    """A workspace with every synthetic delivery ingested (untimed)."""
    home = tmp / "ws"
    env = {**os.environ, "KETENMONITOR_HOME": str(home)}
    env.pop("KETENMONITOR_KEY", None)
    subprocess.run(
        [sys.executable, "-m", "ketenmonitor", "demo"],
        env=env,
        check=True,
        capture_output=True,
    )
    return home


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(float(r[key]) for r in runs)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child_main(sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cases", default="catalogue,hierarchical")
    ap.add_argument("--no-write", action="store_true", help="do not touch docs/performance.md")
    args = ap.parse_args()
    cases = args.cases.split(",")
    results: dict[str, dict[str, list[dict[str, Any]]]] = {}
    tmp = Path(tempfile.mkdtemp(prefix="bench_disclosure_"))
    try:
        if "catalogue" in cases:
            print("preparing a workspace with every synthetic delivery (ketenmonitor demo) ...")
            home = str(_workspace(tmp))
            results["catalogue"] = {v: [] for v in ("published", "full", "baseline")}
            for i in range(args.runs):
                for v in results["catalogue"]:
                    r = _run_child("catalogue", v, home)
                    results["catalogue"][v].append(r)
                    print(f"catalogue {v} run {i + 1}: {r['seconds']:.2f} s")
        if "hierarchical" in cases:
            results["hierarchical"] = {v: [] for v in ("heuristic", "baseline")}
            for i in range(args.runs):
                for v in results["hierarchical"]:
                    r = _run_child("hierarchical", v)
                    results["hierarchical"][v].append(r)
                    print(f"hierarchical {v} run {i + 1}: {r['seconds']:.2f} s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    lines = _section(results, args.runs)
    print("\n".join(lines))
    if not args.no_write:
        bi.write_section("bench_disclosure", lines)
        print(f"wrote {bi.DOC.relative_to(bi.ROOT)}")


def _section(results: dict[str, dict[str, list[dict[str, Any]]]], runs: int) -> list[str]:
    import duckdb
    import numpy
    import scipy

    today = dt.date.today().isoformat()
    lines = [
        "## Disclosure control",
        "",
        f"Generated by `python benchmarks/bench_disclosure.py` on {today}: {runs} runs per "
        "variant, each in its own process; medians. Machine: "
        f"{os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}, "
        f"NumPy {numpy.__version__}, SciPy {scipy.__version__} (HiGHS), DuckDB "
        f"{duckdb.__version__}. The script's docstring says what is timed.",
        "",
    ]
    cat = results.get("catalogue")
    if cat:
        base = _median(cat["baseline"], "seconds")
        lines += [
            f"### The whole catalogue of {YEAR} (target: under {TARGET['catalogue']:.0f} s)",
            "",
            "| variant | seconds (median) | x baseline | peak MiB | tables | cells | "
            "primary | secondary | audit |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        names = {
            "published": "as published (rules.toml), with audit",
            "full": "full protection (secondary everywhere), with audit",
            "baseline": "baseline: primary + whole rows, no audit",
        }
        for v, rs in cat.items():
            r = rs[-1]
            s = _median(rs, "seconds")
            lines.append(
                f"| {names[v]} | {s:.2f} | {s / base:.0f} | {_median(rs, 'peak_mib'):.0f} | "
                f"{r['tables']} | {r['cells']} | {r['primary']} | {r['secondary']} | "
                f"{r['audit']} |"
            )
        lines.append("")
    hier = results.get("hierarchical")
    if hier:
        base = _median(hier["baseline"], "seconds")
        r0 = hier["heuristic"][-1]
        lines += [
            f"### Municipalities x forms x years, {r0['cells']:,} cells, {r0['relations']:,} "
            f"relations, {r0['primary']:,} primary cells (target: under "
            f"{TARGET['hierarchical']:.0f} s)",
            "",
            "| variant | seconds (median) | protect | audit | x baseline | peak MiB | "
            "secondary | unsafe after | narrowest interval |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        names = {
            "heuristic": "secondary_heuristic + audit",
            "baseline": "baseline_rows + audit",
        }
        for v, rs in hier.items():
            r = rs[-1]
            s = _median(rs, "seconds")
            lines.append(
                f"| {names[v]} | {s:.2f} | {_median(rs, 'protect_seconds'):.2f} | "
                f"{_median(rs, 'audit_seconds'):.2f} | {s / base:.2f} | "
                f"{_median(rs, 'peak_mib'):.0f} | {r['secondary']:,} | {r['unsafe']:,} | "
                f"{r['narrowest']:g} |"
            )
        lines += [
            "",
            "The baseline suppresses many more cells and is still not safe when the unsafe "
            "count is above 0: hiding whole rows leaves the column and hierarchy relations.",
        ]
    return lines


if __name__ == "__main__":
    main()
