"""Benchmark of the whole chain, ten years (2015-2024): synth, ingest, build at scale 1 and 100.

    python benchmarks/bench_pipeline.py                 # scale 1 (3 runs) and 100 (auto 1-3 runs)
    python benchmarks/bench_pipeline.py --scales 1 --runs 5
    python benchmarks/bench_pipeline.py --profile       # also one cProfile run at the largest scale

Issue 4 §5: "Benchmark synth + ingest + build for ten years at scale 1 and scale 100; target at
scale 1: under 60 seconds on this machine" (``TARGET_SECONDS``).

One run, in its own subprocess (so that ``os.wait4``'s ``ru_maxrss`` is that run's peak memory):

1. **synth**: what ``ketenmonitor synth --scale N`` writes, in its order: for every contract
   (``contract_names()``) its earlier deliveries (``write_earlier_deliveries``: the OM and its
   dossier study as delivered in April 2020, for the Dadermonitor 2015-2019), then
   ``write_delivery(contract, dir, scale=N)`` (default rows and seed, as the command), and
   last the ground truth of who is who (``write_ground_truth``);
2. **ingest**: ``ingest()`` of every delivery with its peildatum (the April-2020 ones with
   2020-04-01, the others with ``SYNTH_PEILDATUM``), earlier ones first as ``ketenmonitor demo``
   does, into a fresh workspace (new key, new warehouse);
3. **build**: ``build(ws, 2024)`` (Jaarcijfers, 2020-2024) and ``build(ws, 2019)`` (the
   Dadermonitor period 2015-2019): every table computed, protected, audited and stored.

Each phase is timed, and a sampler thread (from ``bench_ingest.py``) attributes the peak resident
memory to the step running. Steps are timed by marks in the child: one per delivery written, one
per delivery ingested (its reading / validating / writing sub-steps summed over all deliveries
from the ingest's progress callbacks), and per build year ``prepare`` (unit views),
``compute`` of the tables, ``protect_catalogue`` (protection + audit) and storing the cells, by
wrapping module functions; ``src/`` is not changed.

Baseline, measured in the same invocation, each run in its own subprocess right after the
pipeline run and on the files it produced: the plain readers alone reading every row of every
delivery (openpyxl ``read_only=True, data_only=True`` for XLSX as the ingest's reader opens it,
``pyreadstat.read_sav`` for SPSS, ``csv.reader`` for CSV; ZIP members read from the archive),
and DuckDB reading the CoMensha rows (the largest delivery) from a CSV (written untimed by that
child). The ratio ingest / plain readers says what the ingest costs above reading the files.

Writes its section of ``docs/performance.md`` between ``<!-- begin bench_pipeline -->`` and
``<!-- end bench_pipeline -->``, keeping the rest of the page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_ingest as bi  # noqa: E402

DATA = bi.DATA
ROOT = bi.ROOT
YEARS = (2024, 2019)
"""Reporting years built: the Jaarcijfers 2024 (2020-2024) and the Dadermonitor (2015-2019)."""
PHASES = ("synth", "ingest", "build")
TARGET_SECONDS = 60.0
"""Issue 4 §5: synth + ingest + build for ten years at scale 1 under this, on this machine."""
SLOW_RUN_SECONDS = 120.0
"""At a large scale: after a first run slower than this, one run only; else up to ``--runs``."""
INGEST_KINDS = ("open, hash, code maps", "reading", "validating", "writing snapshot")


# =====================================================================================
# child: one measured pipeline run, one baseline run
# =====================================================================================


class _Timeline:
    """Consecutive labelled steps ``phase/step``; the sampler attributes peak RSS to each.
    A label met more than once (a step per table, per year) is summed."""

    def __init__(self, sampler: bi._RssSampler) -> None:
        self.sampler = sampler
        self.marks: list[tuple[str, float]] = []

    def mark(self, label: str) -> None:
        self.marks.append((label, time.perf_counter()))
        self.sampler.label = label

    def wrap(self, module: Any, name: str, label: Any, after: Any = None) -> None:
        """Mark ``label`` when ``module.name`` is called and ``after`` when it returns (either may
        be a callable giving the label at call time; no ``after``: the step the call was made
        in goes on)."""
        fn = getattr(module, name)

        def wrapper(*a: Any, **kw: Any) -> Any:
            caller = self.marks[-1][0] if self.marks else label
            self.mark(label() if callable(label) else label)
            try:
                return fn(*a, **kw)
            finally:
                self.mark(caller if after is None else after() if callable(after) else after)

        setattr(module, name, wrapper)

    def steps(self, end: float) -> list[dict[str, Any]]:
        seconds: dict[str, float] = {}
        for i, (label, start) in enumerate(self.marks):
            stop = self.marks[i + 1][1] if i + 1 < len(self.marks) else end
            seconds[label] = seconds.get(label, 0.0) + (stop - start)
        return [
            {"step": k, "seconds": round(v, 4), "peak_rss": self.sampler.peaks.get(k, 0)}
            for k, v in seconds.items()
            if v >= 0.0005 or not k.endswith("/other")
        ]


def _ingest_kind(description: str) -> str:
    for kind in INGEST_KINDS:
        if description.startswith(kind):
            return kind
    return description


def child_pipeline(scale: int, work: Path, profile: bool) -> dict[str, Any]:
    import os

    from ketenmonitor.config import Workspace
    from ketenmonitor.contracts import contract_names, load_contract
    from ketenmonitor.indicators import build as build_mod
    from ketenmonitor.sources import ingest as ingest_mod
    from ketenmonitor.sources.pseudonym import generate_key
    from ketenmonitor.synth import (
        EARLIER_DELIVERIES,
        SYNTH_PEILDATUM,
        write_delivery,
        write_earlier_deliveries,
    )
    from ketenmonitor.synth import comensha as comensha_mod
    from ketenmonitor.synth.identities import write_ground_truth

    os.environ.pop("KETENMONITOR_KEY", None)
    sampler = bi._RssSampler()
    tl = _Timeline(sampler)
    cur = {"year": 0, "kind": "", "since": 0.0}
    kinds: dict[str, float] = {}

    def kind_switch(kind: str) -> None:
        now = time.perf_counter()
        if cur["kind"]:
            kinds[cur["kind"]] = kinds.get(cur["kind"], 0.0) + now - cur["since"]
        cur["kind"], cur["since"] = kind, now

    tl.wrap(comensha_mod, "calibrate", "synth/comensha: calibrate (MILP)")
    tl.wrap(
        build_mod,
        "prepare",
        lambda: f"build/{cur['year']}: unit views",
        lambda: f"build/{cur['year']}: compute tables",
    )
    tl.wrap(
        build_mod,
        "protect_catalogue",
        lambda: f"build/{cur['year']}: protect + audit",
        lambda: f"build/{cur['year']}: store cells",
    )

    class Timing(ingest_mod.Progress):
        def start(self, description: str, total: int | None = None) -> None:
            kind_switch(_ingest_kind(description))

    data = work / "data"
    ws = Workspace(work / "workspace")
    ws.home.mkdir(parents=True, exist_ok=True)
    generate_key(ws.key_file)
    prof = None
    if profile:
        import cProfile

        prof = cProfile.Profile()
    deliveries: list[tuple[str, str, Path, dt.date]] = []  # (label, source, path, peildatum)
    reports = {}
    load0 = os.getloadavg()[0]
    cpu = [time.process_time()]
    with sampler:
        t0 = time.perf_counter()
        if prof:
            prof.enable()
        for n in contract_names():
            if n in EARLIER_DELIVERIES:
                when = EARLIER_DELIVERIES[n][0].isoformat()
                tl.mark(f"synth/{n} ({when})")
            for earlier, peildatum in write_earlier_deliveries(n, data, scale=scale):
                deliveries.append((f"{n} ({peildatum.isoformat()})", n, earlier, peildatum))
            tl.mark(f"synth/{n}")
            path = write_delivery(load_contract(n), data, scale=scale)
            deliveries.append((n, n, path, SYNTH_PEILDATUM))
        tl.mark("synth/ground truth")
        write_ground_truth(data.parent / "ground_truth" / "personen.csv", scale=scale)
        t1 = time.perf_counter()
        cpu.append(time.process_time())
        for label, source, path, peildatum in deliveries:
            tl.mark(f"ingest/{label}")
            kind_switch("open, hash, code maps")
            reports[label] = ingest_mod.ingest(ws, source, path, peildatum, Timing())
            kind_switch("")
        t2 = time.perf_counter()
        cpu.append(time.process_time())
        tables = {}
        for year in YEARS:
            cur["year"] = year
            tl.mark(f"build/{year}: open, catalogue")
            tables[year] = build_mod.build(ws, year)
        t3 = time.perf_counter()
        cpu.append(time.process_time())
        if prof:
            prof.disable()
    seconds = {"synth": t1 - t0, "ingest": t2 - t1, "build": t3 - t2}
    steps = tl.steps(t3)
    peaks = {
        ph: max((s["peak_rss"] for s in steps if s["step"].startswith(ph + "/")), default=0)
        for ph in PHASES
    }
    out: dict[str, Any] = {
        "seconds": t3 - t0,
        "phase_seconds": seconds,
        "phase_peak_rss": peaks,
        "cpu_seconds": cpu[3] - cpu[0],
        "phase_cpu_seconds": {ph: cpu[i + 1] - cpu[i] for i, ph in enumerate(PHASES)},
        "load": [load0, os.getloadavg()[0]],
        "steps": steps,
        "ingest_kinds": kinds,
        "data": str(data),
        "deliveries": [
            {
                "label": label,
                "file": path.name,
                "bytes": sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
                if path.is_dir()
                else path.stat().st_size,
            }
            for label, _s, path, _p in deliveries
        ],
        "reports": {
            k: {
                "status": r.status,
                "message": r.message,
                "rows_read": r.rows_read,
                "rows_loaded": r.rows_loaded,
                "rows_quarantined": r.rows_quarantined,
            }
            for k, r in reports.items()
        },
        "tables": {str(y): len(t) for y, t in tables.items()},
        "cells": {str(y): sum(len(row) for x in t for row in x.cells) for y, t in tables.items()},
        "warehouse_bytes": ws.warehouse.stat().st_size,
    }
    if prof:
        import io
        import pstats

        for key, order, n in (
            ("cprofile_cumulative", "cumulative", 45),
            ("cprofile_tottime", "tottime", 30),
        ):
            buf = io.StringIO()
            pstats.Stats(prof, stream=buf).sort_stats(order).print_stats(n)
            out[key] = buf.getvalue()
    return out


def _plain_read(path: Path, tmp: Path) -> tuple[str, int]:
    """Read every row of one delivered file with its plain reader; (format, rows)."""
    import csv
    import zipfile

    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        import openpyxl

        with path.open("rb") as fh:
            wb = openpyxl.load_workbook(fh, read_only=True, data_only=True)
            n = sum(sum(1 for _ in ws.iter_rows(values_only=True)) - 1 for ws in wb.worksheets)
            wb.close()
        return "xlsx", n
    if suffix == ".sav":
        import pyreadstat

        df, _ = pyreadstat.read_sav(str(path))
        return "sav", len(df)
    if suffix == ".csv":
        with path.open(newline="", encoding="utf-8-sig", errors="replace") as fh:
            return "csv", sum(1 for _ in csv.reader(fh, delimiter=";")) - 1
    if suffix == ".zip":
        fmt, n = "zip", 0
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                member = tmp / Path(name).name
                member.write_bytes(zf.read(name))
                f, k = _plain_read(member, tmp)
                fmt, n = f"{f} in zip", n + k
                member.unlink()
        return fmt, n
    return "other", 0


def child_baseline(data: Path, work: Path) -> dict[str, Any]:
    """The plain readers reading every delivered file; then DuckDB reading CoMensha as CSV."""
    import csv

    import duckdb
    import openpyxl

    files = sorted(p for p in data.rglob("*") if p.is_file())
    per_format: dict[str, dict[str, float]] = {}
    t0 = time.perf_counter()
    for p in files:
        t = time.perf_counter()
        fmt, n = _plain_read(p, work)
        d = per_format.setdefault(fmt, {"files": 0, "rows": 0, "seconds": 0.0})
        d["files"] += 1
        d["rows"] += n
        d["seconds"] += time.perf_counter() - t
    t_plain = time.perf_counter() - t0

    xlsx = data / "comensha.xlsx"
    t0 = time.perf_counter()
    with xlsx.open("rb") as fh:
        wb = openpyxl.load_workbook(fh, read_only=True, data_only=True)
        rows = []
        for ws in wb.worksheets:
            rows.extend(ws.iter_rows(values_only=True))
        wb.close()
    t_openpyxl = time.perf_counter() - t0
    n = len(rows) - 1  # the first sheet's header
    path = work / "comensha.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        # a streamed (write-only) workbook records no sheet dimension, so read-only rows end at
        # their last value: pad them to the header's width
        width = len(rows[0]) if rows else 0
        csv.writer(fh, delimiter=";").writerows(
            ["" if v is None else v for v in (*r, *([None] * (width - len(r))))][:width]
            for r in rows
        )
    del rows
    t0 = time.perf_counter()
    duckdb.sql(
        f"CREATE TABLE t AS SELECT * FROM read_csv('{path}', delim=';', header=true, "
        "all_varchar=true)"
    )
    got = duckdb.sql("SELECT count(*) FROM t").fetchall()[0][0]
    t_duckdb = time.perf_counter() - t0
    return {
        "seconds": t_plain,
        "plain_seconds": t_plain,
        "plain_rows": sum(int(d["rows"]) for d in per_format.values()),
        "plain_files": len(files),
        "per_format": per_format,
        "openpyxl_seconds": t_openpyxl,
        "duckdb_csv_seconds": t_duckdb,
        "rows": n,
        "duckdb_rows": got,
    }


def child_main(argv: list[str]) -> None:
    kind, scale, work, out = argv[:4]
    if kind == "pipeline":
        result = child_pipeline(int(scale), Path(work), profile="--profile" in argv)
    else:
        result = child_baseline(Path(argv[4]), Path(work))
    Path(out).write_text(json.dumps(result, default=str))


# =====================================================================================
# parent
# =====================================================================================


def one_run(scale: int, i: int, profile: bool = False) -> tuple[bi.Run, bi.Run | None]:
    """A pipeline run and (unless profiling) the baseline on its files, each in a child."""
    scratch = DATA / "runs"
    scratch.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"pipeline-{scale}-", dir=scratch))
    try:
        extra = ["--profile"] if profile else []
        p = bi.run_child(["pipeline", str(scale), str(work), *extra], work, Path(__file__))
        base = None
        if not profile:
            bwork = work / "baseline"
            bwork.mkdir()
            base = bi.run_child(
                ["baseline", str(scale), str(bwork), p.result["data"]], bwork, Path(__file__)
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ph = p.result["phase_seconds"]
    what = "profile" if profile else f"run {i}"
    print(
        f"  scale {scale} {what}: total {p.seconds:6.1f} s (synth {ph['synth']:.1f}, ingest "
        f"{ph['ingest']:.1f}, build {ph['build']:.1f}; process {p.process_seconds:.1f} s), "
        f"peak RSS {bi._mib(p.max_rss)}"
        + (
            f"; baseline plain readers {base.result['plain_seconds']:.2f} s, openpyxl comensha "
            f"{base.result['openpyxl_seconds']:.2f} s, DuckDB CSV "
            f"{base.result['duckdb_csv_seconds']:.2f} s"
            if base
            else ""
        ),
        flush=True,
    )
    return p, base


def measure(scale: int, runs: int, auto: bool, deadline: float | None) -> dict[str, Any]:
    pipe, base = [], []
    stopped = ""
    for i in range(runs):
        try:
            p, b = one_run(scale, i + 1)
        except RuntimeError as exc:  # a child failed: say where, keep the runs that ended
            why = _failure(str(exc))
            print(f"  scale {scale} run {i + 1} FAILED: {why}", flush=True)
            if not pipe:
                return {"scale": scale, "failed": why, "asked": runs}
            stopped = f"run {i + 1} failed: {why}"
            break
        pipe.append(p)
        base.append(b)
        if i + 1 == runs:
            break
        if auto and i == 0 and p.process_seconds > SLOW_RUN_SECONDS:
            stopped = f"first run over {SLOW_RUN_SECONDS:.0f} s"
        elif deadline is not None:
            need = p.process_seconds + (b.process_seconds if b else 0.0)
            if time.time() + need > deadline:
                stopped = "time budget (`--deadline`)"
        if stopped:
            print(f"  scale {scale}: {stopped}, {len(pipe)} run(s) only", flush=True)
            break
    return summarise(scale, pipe, [b for b in base if b is not None], runs, stopped)


def _failure(text: str) -> str:
    """The exception and the deepest frame in ``src/`` of a failed child's log."""
    lines = [x for x in text.splitlines() if x.strip()]
    exc = next((x.strip() for x in reversed(lines) if not x.startswith(" ")), "unknown error")
    frames = [x.strip() for x in lines if x.strip().startswith("File ") and "/src/" in x]
    where = ""
    if frames:
        where = frames[-1].replace(str(ROOT) + "/", "").replace('"', "")
    return f"{exc[:300]}" + (f" ({where})" if where else "")


def summarise(
    scale: int, pipe: list[bi.Run], base: list[bi.Run], asked: int, stopped: str
) -> dict[str, Any]:
    med = statistics.median
    r0 = pipe[0].result
    s: dict[str, Any] = {
        "scale": scale,
        "runs": len(pipe),
        "asked": asked,
        "stopped": stopped,
        "total_s": med(r.seconds for r in pipe),
        "total_all": [r.seconds for r in pipe],
        "process_s": med(r.process_seconds for r in pipe),
        "process_all": [r.process_seconds for r in pipe],
        "cpu_s": med(r.result["cpu_seconds"] for r in pipe),
        "phase_cpu": {ph: med(r.result["phase_cpu_seconds"][ph] for r in pipe) for ph in PHASES},
        "load_all": [r.result["load"] for r in pipe],
        "rss_max": max(r.max_rss for r in pipe),
        "rss_median": med(r.max_rss for r in pipe),
        "phases": {
            ph: {
                "seconds": med(r.result["phase_seconds"][ph] for r in pipe),
                "peak_rss": max(r.result["phase_peak_rss"][ph] for r in pipe),
            }
            for ph in PHASES
        },
        "steps": _median_steps([r.result["steps"] for r in pipe]),
        "ingest_kinds": {
            k: med(r.result["ingest_kinds"].get(k, 0.0) for r in pipe) for k in INGEST_KINDS
        },
        "deliveries": r0["deliveries"],
        "data_bytes": sum(d["bytes"] for d in r0["deliveries"]),
        "warehouse_bytes": r0["warehouse_bytes"],
        "reports": r0["reports"],
        "tables": r0["tables"],
        "cells": r0["cells"],
        "rows_read": sum(x["rows_read"] for x in r0["reports"].values()),
        "rows_loaded": sum(x["rows_loaded"] for x in r0["reports"].values()),
        "rows_quarantined": sum(x["rows_quarantined"] for x in r0["reports"].values()),
        "plain_s": med(b.result["plain_seconds"] for b in base) if base else None,
        "plain_rows": base[0].result["plain_rows"] if base else None,
        "plain_files": base[0].result["plain_files"] if base else None,
        "per_format": base[0].result["per_format"] if base else {},
        "per_format_s": {
            f: med(b.result["per_format"][f]["seconds"] for b in base)
            for f in (base[0].result["per_format"] if base else {})
        },
        "openpyxl_s": med(b.result["openpyxl_seconds"] for b in base) if base else None,
        "duckdb_s": med(b.result["duckdb_csv_seconds"] for b in base) if base else None,
        "baseline_rss": max(b.max_rss for b in base) if base else None,
        "baseline_rows": base[0].result["rows"] if base else None,
    }
    s["comensha_rows"] = r0["reports"]["comensha"]["rows_read"]
    s["ingest_comensha_s"] = next(
        (x["seconds"] for x in s["steps"] if x["step"] == "ingest/comensha"), 0.0
    )
    s["target_met"] = s["process_s"] < TARGET_SECONDS
    if base:
        s["ratio_plain"] = s["phases"]["ingest"]["seconds"] / s["plain_s"]
        s["ratio_openpyxl"] = s["ingest_comensha_s"] / s["openpyxl_s"]
        s["ratio_duckdb"] = s["ingest_comensha_s"] / s["duckdb_s"]
    return s


def _median_steps(runs: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Per step label (first run's order): median seconds over the runs, worst peak RSS."""
    out = []
    for st in runs[0]:
        same = [x for r in runs for x in r if x["step"] == st["step"]]
        out.append(
            {
                "step": st["step"],
                "seconds": statistics.median(x["seconds"] for x in same),
                "peak_rss": max(x["peak_rss"] for x in same),
            }
        )
    return out


def write_doc(
    summaries: list[dict[str, Any]],
    m: dict[str, str],
    prof: dict[str, Any] | None,
    notes: list[str] | None = None,
) -> None:
    today = dt.date.today().isoformat()
    mib = bi._mib
    failed = [s for s in summaries if s.get("failed")]
    summaries = [s for s in summaries if not s.get("failed")]
    years = " and ".join(str(y) for y in YEARS)

    def runs_text(s: dict[str, Any]) -> str:
        if s["stopped"]:
            return f"{s['runs']} of {s['asked']} ({s['stopped']})"
        return str(s["runs"])

    lines = [
        "## Whole chain, ten years: synth, ingest, build",
        "",
        f"Generated by `python benchmarks/bench_pipeline.py` on {today}. Re-run it to refresh "
        "this section.",
        "",
        "Target (issue 4 §5): synth + ingest + build for ten years (2015-2024) at scale 1 in "
        f"under {TARGET_SECONDS:.0f} seconds on this machine, process time (interpreter start and "
        "imports included).",
        "",
    ]
    one = next((s for s in summaries if s["scale"] == 1), None)
    if one is not None:
        verdict = "**met**" if one["target_met"] else "**not met**"
        loads = [x for pair in one["load_all"] for x in pair]
        lines += [
            f"Target {verdict}: scale 1 takes {one['process_s']:.1f} s per run (median of "
            f"{one['runs']}; {one['total_s']:.1f} s inside the process), against "
            f"{TARGET_SECONDS:.0f} s. The pipeline used {one['cpu_s']:.1f} s of CPU time; "
            f"1-minute load average {min(loads):.1f} to {max(loads):.1f} on {m['cores']} cores "
            "during the runs"
            + (
                " (the machine was shared: on a quiet machine the wall time is close to the CPU "
                "time, the pipeline being mostly single-threaded)."
                if max(loads) > float(m["cores"])
                else "."
            ),
            "",
        ]
    else:
        lines += ["Scale 1 was not measured in this invocation: the target is not judged.", ""]
    for s in failed:
        lines += [
            f"**Scale {s['scale']} failed**: its first run stopped with an error, so there are "
            f"no figures for it: {s['failed']}. The benchmark writes the deliveries through "
            "the same functions as `ketenmonitor synth`, so `ketenmonitor synth --scale "
            f"{s['scale']}` fails the same way. The scales in the tables below are those that "
            "could be measured.",
            "",
        ]
    lines += [*(notes or []), *([""] if notes else [])]
    lines += [
        "### Machine",
        "",
        *bi.machine_table(m, today),
        "",
        "### Method",
        "",
        "- **Pipeline**, one run = one subprocess, starting from nothing: **synth** = what "
        "`ketenmonitor synth --scale N` writes: for every contract its earlier deliveries "
        "(`write_earlier_deliveries`: the OM and the OM dossier study as delivered in April "
        "2020) and `write_delivery(contract, dir, scale=N)`: the calibrated sources "
        "multiply their volumes by N, while the published tables (IND, Rechtspraak), the "
        "public reference lists and any source still generic (200 rows per table) do not grow "
        "(*Rows per delivery* below shows which is which), and last the ground truth of who "
        "is who across the deliveries (`write_ground_truth`, beside them); **ingest** = "
        "`ingest()` of every delivery with its peildatum (2020-04-01 for the April-2020 ones, "
        "2025-06-30 for the others), earlier ones first, into a fresh workspace (new key and "
        f"warehouse); **build** = `build(ws, year)` for {years} (the Jaarcijfers 2020-2024 and "
        "the Dadermonitor 2015-2019): every table whose sources are loaded, computed, "
        "protected, audited and stored.",
        "- **Time** = wall time of each phase inside the child; *process* adds interpreter start "
        "and imports (the target is judged on it). **Peak RSS**: total = `ru_maxrss` of the child "
        "from `os.wait4`; per phase and step = the highest resident memory sampled (every 20 ms) "
        "while it ran. RSS does not go down much after a phase, so a later phase's peak includes "
        "what earlier phases left.",
        "- **Baseline**, measured in the same invocation, in its own subprocess after each "
        "pipeline run, on the files that run produced: (a) the plain readers alone reading "
        "every row of every delivery: openpyxl `load_workbook(read_only=True, data_only=True)` + "
        "`iter_rows(values_only=True)` for XLSX (how the ingest's reader opens a workbook), "
        "`pyreadstat.read_sav` for SPSS, `csv.reader` for CSV, ZIP members extracted and read; "
        "(b) openpyxl alone on `comensha.xlsx`, the largest delivery, and DuckDB `read_csv(..., "
        "all_varchar=true)` of the same rows written as CSV (untimed). The ratios compare the "
        "ingest with them: what validation, pseudonymisation, archiving and loading cost above "
        "reading the files.",
        "- **Runs**: median of the runs (the worst run for memory); every run redoes every "
        "calibration.",
        "- **Shared machine**: other processes (test runs, other sessions) may use the two "
        "cores at the same time, which lengthens wall times. Each run records the 1-minute "
        "load average at its start and end, and the CPU time of the pipeline phases "
        "(`time.process_time()` in the child, all threads), which such competition changes "
        "much less than wall time.",
        "",
        "### Results",
        "",
        "| scale | runs | deliveries (size) | rows read / loaded / quarantined | synth | ingest "
        "| build | **total** (process) | CPU time | target < 60 s | peak RSS | tables / cells "
        f"({years}) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: | ---: |",
    ]
    for s in summaries:
        ph = s["phases"]
        target = ("yes" if s["target_met"] else "no") if s["scale"] == 1 else "(scale 1 only)"
        tc = " + ".join(f"{s['tables'][str(y)]}" for y in YEARS)
        cc = " + ".join(f"{s['cells'][str(y)]:,}" for y in YEARS)
        lines.append(
            f"| {s['scale']} | {runs_text(s)} | {len(s['deliveries'])} ({_size(s['data_bytes'])}) "
            f"| {s['rows_read']:,} / {s['rows_loaded']:,} / {s['rows_quarantined']:,} | "
            f"{ph['synth']['seconds']:.1f} s | {ph['ingest']['seconds']:.1f} s | "
            f"{ph['build']['seconds']:.1f} s | **{s['total_s']:.1f} s** "
            f"({s['process_s']:.1f} s) | {s['cpu_s']:.1f} s | {target} | {mib(s['rss_max'])} | "
            f"{tc} / {cc} |"
        )
    lines += [
        "",
        "Peak resident memory per phase (worst run):",
        "",
        "| scale | synth | ingest | build | whole run (`ru_maxrss`) |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in summaries:
        ph = s["phases"]
        lines.append(
            f"| {s['scale']} | {mib(ph['synth']['peak_rss'])} | {mib(ph['ingest']['peak_rss'])} "
            f"| {mib(ph['build']['peak_rss'])} | {mib(s['rss_max'])} |"
        )
    lines += [
        "",
        "Baseline (median) and ratios:",
        "",
        "| scale | plain readers, all deliveries (rows) | ingest, all deliveries | ingest / plain "
        "readers | openpyxl reads comensha.xlsx (rows) | DuckDB reads them as CSV | ingest of "
        "comensha | comensha ingest / openpyxl | comensha ingest / DuckDB CSV |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in summaries:
        if s["plain_s"] is None:
            continue
        lines.append(
            f"| {s['scale']} | {s['plain_s']:.2f} s ({s['plain_rows']:,}) | "
            f"{s['phases']['ingest']['seconds']:.1f} s | {s['ratio_plain']:.1f}x | "
            f"{s['openpyxl_s']:.2f} s ({s['baseline_rows']:,}) | {s['duckdb_s']:.3f} s | "
            f"{s['ingest_comensha_s']:.1f} s | {s['ratio_openpyxl']:.1f}x | "
            f"{s['ratio_duckdb']:.0f}x |"
        )
    lines += ["", "Plain readers per format (median seconds; files, rows):", ""]
    for s in summaries:
        if s["per_format"]:
            lines.append(
                f"- scale {s['scale']}: "
                + "; ".join(
                    f"{f} {s['per_format_s'][f]:.2f} s ({int(d['files'])} files, "
                    f"{int(d['rows']):,} rows)"
                    for f, d in sorted(s["per_format"].items())
                )
            )
    lines.append("")
    for s in summaries:
        odd = [
            f"{k} {v['status']}"
            + (f" ({v['rows_quarantined']:,} quarantined)" if v["rows_quarantined"] else "")
            for k, v in s["reports"].items()
            if v["status"] not in ("clean",)
        ]
        lines.append(
            f"Scale {s['scale']}: all runs "
            + ", ".join(f"{x:.1f}" for x in s["total_all"])
            + " s (process "
            + ", ".join(f"{x:.1f}" for x in s["process_all"])
            + " s; CPU "
            + ", ".join(f"{k} {v:.1f} s" for k, v in s["phase_cpu"].items())
            + "; 1-minute load average at start/end of each run "
            + ", ".join(f"{a:.1f}/{b:.1f}" for a, b in s["load_all"])
            + f"); {len(s['reports'])} deliveries ingested, "
            + (("not clean: " + ", ".join(odd)) if odd else "all clean")
            + f"; CoMensha {s['comensha_rows']:,} rows; warehouse {mib(s['warehouse_bytes'])}."
        )
        lines.append("")
    lines += [
        "Rows per delivery (rows read by the ingest; all loaded unless said above):",
        "",
        "| delivery | " + " | ".join(f"scale {s['scale']}" for s in summaries) + " |",
        "| --- |" + " ---: |" * len(summaries),
    ]
    names: list[str] = []
    for s in summaries:
        names += [k for k in s["reports"] if k not in names]
    for k in names:
        lines.append(
            f"| {k} | "
            + " | ".join(
                f"{s['reports'][k]['rows_read']:,}" if k in s["reports"] else "" for s in summaries
            )
            + " |"
        )
    lines += [
        "",
        "### Where the time goes",
        "",
        "Median seconds per step (peak RSS while it ran). Synth: one step per delivery written "
        "(the CoMensha MILP calibration apart); ingest: one step per delivery (reading, "
        "validating, the encrypted archive copy and the snapshot); build: per year the unit "
        "views (`prepare`), computing the tables, protecting and auditing them "
        "(`protect_catalogue`) and storing the cells.",
        "",
        "| step | " + " | ".join(f"scale {s['scale']}" for s in summaries) + " |",
        "| --- |" + " ---: |" * len(summaries),
    ]
    labels: list[str] = []
    for s in summaries:
        for x in s["steps"]:
            if x["step"] not in labels:
                labels.append(x["step"])
    for label in labels:
        cells = []
        for s in summaries:
            x = next((y for y in s["steps"] if y["step"] == label), None)
            cells.append(f"{x['seconds']:.2f} s ({mib(x['peak_rss'])})" if x else "")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Ingest of all deliveries by kind of work (median seconds, from the ingest's progress "
        "callbacks; *writing snapshot* includes the encrypted archive copy and the warehouse "
        "insert):",
        "",
        "| kind | " + " | ".join(f"scale {s['scale']}" for s in summaries) + " |",
        "| --- |" + " ---: |" * len(summaries),
    ]
    for kind in INGEST_KINDS:
        lines.append(
            f"| {kind} | "
            + " | ".join(f"{s['ingest_kinds'][kind]:.2f} s" for s in summaries)
            + " |"
        )
    lines.append("")
    top = [_top_steps(s, 5) for s in summaries]
    lines += ["Slowest steps:", ""]
    for s, t in zip(summaries, top, strict=True):
        lines.append(
            f"- scale {s['scale']}: " + "; ".join(f"{x['step']} {x['seconds']:.1f} s" for x in t)
        )
    lines.append("")
    if prof:
        lines += [
            f"cProfile of one run at scale {prof['scale']} (total {prof['seconds']:.1f} s "
            "under the profiler), functions by cumulative time (top of the list, trimmed):",
            "",
            "```",
            *_trim_profile(prof["cprofile_cumulative"], 30),
            "```",
            "",
        ]
    lines += [
        "### Re-running",
        "",
        "```sh",
        "python benchmarks/bench_pipeline.py             # scale 1 (3 runs) and 100 (1-3 runs)",
        "python benchmarks/bench_pipeline.py --scales 1,10 --runs 5",
        "python benchmarks/bench_pipeline.py --profile   # adds a cProfile run, largest scale",
        "python benchmarks/bench_pipeline.py --deadline 03:05  # no run ending after 03:05 UTC",
        "python benchmarks/bench_pipeline.py --from-results  # rewrite this section, run nothing",
        "```",
    ]
    bi.write_section("bench_pipeline", lines)


def _top_steps(s: dict[str, Any], n: int) -> list[dict[str, Any]]:
    return sorted(s["steps"], key=lambda x: -x["seconds"])[:n]


def _size(b: int) -> str:
    return f"{b / 2**20:,.1f} MiB" if b >= 2**20 else f"{b / 1024:,.0f} KiB"


def _trim_profile(text: str, n: int) -> list[str]:
    lines = text.splitlines()
    start = next((i for i, x in enumerate(lines) if x.strip().startswith("ncalls")), 0)
    out = []
    for x in lines[start : start + n + 1]:
        out.append(x.replace(str(ROOT) + "/", "").replace("/work/.venv/lib/python3.11/", ""))
    return out


def _deadline(text: str | None) -> float | None:
    """``HH:MM`` (UTC, today) as a Unix time."""
    if not text:
        return None
    now = dt.datetime.now(dt.UTC)
    h, m = (int(x) for x in text.split(":"))
    return now.replace(hour=h, minute=m, second=0, microsecond=0).timestamp()


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child_main(sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scales", default="1,100", help="comma-separated scales (default 1,100)")
    ap.add_argument(
        "--runs",
        type=int,
        default=3,
        help="runs per scale (default 3); at a scale > 1 a first run over "
        f"{SLOW_RUN_SECONDS:.0f} s stops after one",
    )
    ap.add_argument(
        "--deadline",
        default=None,
        help="HH:MM (UTC): start no further run that the last one says would end after it",
    )
    ap.add_argument("--profile", action="store_true", help="one cProfile run at the largest scale")
    ap.add_argument("--no-doc", action="store_true", help="do not rewrite docs/performance.md")
    ap.add_argument(
        "--from-results",
        action="store_true",
        help="run nothing: rewrite the section from benchmarks/.data/last_pipeline_results.json "
        "(scales of --scales missing there are noted as stopped for lack of time)",
    )
    args = ap.parse_args()
    deadline = _deadline(args.deadline)
    if args.from_results:
        saved = json.loads((DATA / "last_pipeline_results.json").read_text())
        done = {s["scale"] for s in saved["summaries"]}
        missing = [x for x in args.scales.split(",") if int(x) not in done]
        notes = (
            [
                "Not measured: scale "
                + ", ".join(missing)
                + " (its run was stopped before it ended, for lack of time)."
            ]
            if missing
            else None
        )
        write_doc(saved["summaries"], saved["machine"], None, notes)
        print(f"wrote {bi.DOC.relative_to(ROOT)} from the saved results")
        return

    DATA.mkdir(parents=True, exist_ok=True)
    m = bi.in_child(["machine"])
    print(
        f"machine: {m['cpu']}, {m['cores']} cores, {m['memory']}, Python {m['python']}, "
        f"DuckDB {m['duckdb']}",
        flush=True,
    )
    scales = [int(x) for x in args.scales.split(",")]
    summaries = []
    for scale in scales:
        s = measure(scale, args.runs, auto=scale > 1, deadline=deadline)
        summaries.append(s)
        if s.get("failed"):
            print(f"scale {scale}: failed, no figures", flush=True)
        else:
            print(
                f"scale {scale}: total median {s['total_s']:.1f} s (process "
                f"{s['process_s']:.1f} s) over {s['runs']} run(s), peak RSS "
                f"{bi._mib(s['rss_max'])}"
                + (f"; ingest/plain readers {s['ratio_plain']:.1f}x" if s["plain_s"] else "")
                + (f"; target {'met' if s['target_met'] else 'NOT met'}" if scale == 1 else ""),
                flush=True,
            )
        (DATA / "last_pipeline_results.json").write_text(
            json.dumps({"machine": m, "summaries": summaries}, indent=1, default=str)
        )
        if not args.no_doc:  # after each scale, so that a later scale cannot lose the results
            pending = scales[len(summaries) :]
            notes = (
                [
                    "Not measured: scale "
                    + ", ".join(str(x) for x in pending)
                    + f" (its run was still going when this was written on "
                    f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; if this note remains, the run "
                    "was stopped before it ended, for lack of time)."
                ]
                if pending
                else None
            )
            write_doc(summaries, m, None, notes)
    prof = None
    if args.profile:
        p, _ = one_run(max(scales), 0, profile=True)
        prof = {**p.result, "scale": max(scales)}
        (DATA / "profile_pipeline.txt").write_text(
            prof["cprofile_cumulative"] + "\n\n" + prof["cprofile_tottime"]
        )
        print(f"  profile written to {(DATA / 'profile_pipeline.txt').relative_to(ROOT)}")
    if not args.no_doc:
        write_doc(summaries, m, prof)
        print(f"wrote {bi.DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
