"""Benchmark of the victim-figures pipeline: synth -> ingest -> build, at scale 1 and 100.

    python benchmarks/bench_pipeline.py                 # scale 1 (3 runs) and 100 (auto 1-3 runs)
    python benchmarks/bench_pipeline.py --scales 1 --runs 5
    python benchmarks/bench_pipeline.py --profile       # also one cProfile run at the largest scale

One run, in its own subprocess (so that ``os.wait4``'s ``ru_maxrss`` is that run's peak memory):

1. **synth**: ``write_comensha(dir, scale)`` (the calibrated CoMensha delivery: MILP calibration at
   scale 1, then every person and anonymous report repeated ``scale`` times, written as XLSX)
   and ``write_ind(dir)``;
2. **ingest**: ``ingest()`` of both files into a fresh workspace (new key, new warehouse);
3. **build**: ``build(ws, 2024)``, the whole catalogue for 2024 (victim views, every table
   computed and protected, cells stored).

Each phase is timed, and a sampler thread (from ``bench_ingest.py``) attributes the peak resident
memory to the phase running. Sub-steps are timed by wrapping module functions in the child
(``calibrate``, ``registrations``, ``_write_xlsx``, the ingest progress callbacks, ``prepare`` and
``compute_protected`` of the build); ``src/`` is not changed.

Baseline, measured in the same invocation, each run in its own subprocess right after the
pipeline run and on the XLSX it produced: openpyxl alone reading every row of ``comensha.xlsx``
(``read_only=True, values_only=True``, as the ingest's reader opens it), and DuckDB reading the same
rows from a CSV (written untimed by that child). The ratios ingest/openpyxl and
ingest/DuckDB-CSV say what the ingest costs above reading the workbook.

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
YEAR = 2024
PHASES = ("synth", "ingest", "build")
SLOW_RUN_SECONDS = 120.0
"""At a large scale: after a first run slower than this, one run only; else up to ``--runs``."""


# =====================================================================================
# child: one measured pipeline run, one baseline run
# =====================================================================================


class _Timeline:
    """Consecutive labelled steps ``phase/step``; the sampler attributes peak RSS to each."""

    def __init__(self, sampler: bi._RssSampler) -> None:
        self.sampler = sampler
        self.marks: list[tuple[str, float]] = []

    def mark(self, label: str) -> None:
        self.marks.append((label, time.perf_counter()))
        self.sampler.label = label

    def wrap(self, module: Any, name: str, label: str, after: str) -> None:
        fn = getattr(module, name)

        def wrapper(*a: Any, **kw: Any) -> Any:
            self.mark(label)
            try:
                return fn(*a, **kw)
            finally:
                self.mark(after)

        setattr(module, name, wrapper)

    def steps(self, end: float) -> list[dict[str, Any]]:
        out = []
        for i, (label, start) in enumerate(self.marks):
            stop = self.marks[i + 1][1] if i + 1 < len(self.marks) else end
            if stop - start < 0.0005 and label.endswith("/other"):
                continue
            out.append(
                {
                    "step": label,
                    "seconds": round(stop - start, 4),
                    "peak_rss": self.sampler.peaks.get(label, 0),
                }
            )
        return out


def child_pipeline(scale: int, work: Path, profile: bool) -> dict[str, Any]:
    import os

    from ketenmonitor.config import Workspace
    from ketenmonitor.indicators import build as build_mod
    from ketenmonitor.sources import ingest as ingest_mod
    from ketenmonitor.sources.pseudonym import generate_key
    from ketenmonitor.synth import SYNTH_PEILDATUM
    from ketenmonitor.synth import comensha as comensha_mod
    from ketenmonitor.synth import ind as ind_mod

    os.environ.pop("KETENMONITOR_KEY", None)
    sampler = bi._RssSampler()
    tl = _Timeline(sampler)
    tl.wrap(comensha_mod, "calibrate", "synth/calibrate (MILP)", "synth/other")
    tl.wrap(comensha_mod, "registrations", "synth/registrations (rows)", "synth/other")
    tl.wrap(comensha_mod, "_write_xlsx", "synth/write comensha.xlsx", "synth/other")
    tl.wrap(build_mod, "prepare", "build/victim views", "build/other")
    tl.wrap(build_mod, "compute_protected", "build/compute + protect", "build/store cells")
    current = {"source": ""}

    class Timing(ingest_mod.Progress):
        def start(self, description: str, total: int | None = None) -> None:
            tl.mark(f"ingest/{current['source']}: {description}")

    data = work / "data"
    ws = Workspace(work / "workspace")
    ws.home.mkdir(parents=True, exist_ok=True)
    generate_key(ws.key_file)
    prof = None
    if profile:
        import cProfile

        prof = cProfile.Profile()
    seconds: dict[str, float] = {}
    reports = {}
    with sampler:
        t0 = time.perf_counter()
        if prof:
            prof.enable()
        tl.mark("synth/other")
        xlsx = comensha_mod.write_comensha(data, scale=scale)
        tl.mark("synth/write ind.xlsx")
        ind_xlsx = ind_mod.write_ind(data)
        t1 = time.perf_counter()
        for source, path in (("comensha", xlsx), ("ind", ind_xlsx)):
            current["source"] = source
            tl.mark(f"ingest/{source}: open, hash, code maps")
            reports[source] = ingest_mod.ingest(ws, source, path, SYNTH_PEILDATUM, Timing())
        t2 = time.perf_counter()
        tl.mark("build/other")
        tables = build_mod.build(ws, YEAR)
        t3 = time.perf_counter()
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
        "steps": steps,
        "xlsx": str(xlsx),
        "xlsx_bytes": xlsx.stat().st_size,
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
        "tables": len(tables),
        "cells": sum(len(row) for t in tables for row in t.cells),
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


def child_baseline(xlsx: Path, work: Path) -> dict[str, Any]:
    """openpyxl alone reading every row of the workbook; then DuckDB reading the rows as CSV."""
    import csv

    import duckdb
    import openpyxl

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
        "seconds": t_openpyxl,
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
    """A pipeline run and (unless profiling) the baseline on its XLSX, each in a child."""
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
                ["baseline", str(scale), str(bwork), p.result["xlsx"]], bwork, Path(__file__)
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
            f"; baseline openpyxl {base.result['openpyxl_seconds']:.2f} s, DuckDB CSV "
            f"{base.result['duckdb_csv_seconds']:.2f} s"
            if base
            else ""
        ),
        flush=True,
    )
    return p, base


def measure(scale: int, runs: int, auto: bool) -> dict[str, Any]:
    pipe, base = [], []
    for i in range(runs):
        p, b = one_run(scale, i + 1)
        pipe.append(p)
        base.append(b)
        if auto and i == 0 and p.process_seconds > SLOW_RUN_SECONDS:
            print(f"  scale {scale}: first run over {SLOW_RUN_SECONDS:.0f} s, one run only")
            break
    return summarise(scale, pipe, [b for b in base if b is not None], runs, auto)


def summarise(
    scale: int, pipe: list[bi.Run], base: list[bi.Run], asked: int, auto: bool
) -> dict[str, Any]:
    med = statistics.median
    r0 = pipe[0].result
    s: dict[str, Any] = {
        "scale": scale,
        "runs": len(pipe),
        "asked": asked,
        "auto": auto,
        "total_s": med(r.seconds for r in pipe),
        "total_all": [r.seconds for r in pipe],
        "process_s": med(r.process_seconds for r in pipe),
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
        "xlsx_bytes": r0["xlsx_bytes"],
        "warehouse_bytes": r0["warehouse_bytes"],
        "reports": r0["reports"],
        "tables": r0["tables"],
        "cells": r0["cells"],
        "openpyxl_s": med(b.result["openpyxl_seconds"] for b in base),
        "duckdb_s": med(b.result["duckdb_csv_seconds"] for b in base),
        "baseline_rss": max(b.max_rss for b in base),
        "baseline_rows": base[0].result["rows"],
    }
    s["rows"] = r0["reports"]["comensha"]["rows_read"]
    ingest_c = sum(x["seconds"] for x in s["steps"] if x["step"].startswith("ingest/comensha:"))
    s["ingest_comensha_s"] = ingest_c
    s["ratio_openpyxl"] = ingest_c / s["openpyxl_s"]
    s["ratio_duckdb"] = ingest_c / s["duckdb_s"]
    s["ratio_total_openpyxl"] = s["total_s"] / s["openpyxl_s"]
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
    summaries: list[dict[str, Any]], m: dict[str, str], prof: dict[str, Any] | None
) -> None:
    today = dt.date.today().isoformat()
    mib = bi._mib

    def runs_text(s: dict[str, Any]) -> str:
        if s["auto"] and s["runs"] < s["asked"]:
            return f"{s['runs']} (first run over {SLOW_RUN_SECONDS:.0f} s)"
        return str(s["runs"])

    lines = [
        "## Victim-figures pipeline: synth, ingest, build",
        "",
        f"Generated by `python benchmarks/bench_pipeline.py` on {today}. Re-run it to refresh "
        "this section.",
        "",
        "### Machine",
        "",
        *bi.machine_table(m, today),
        "",
        "### Method",
        "",
        "- **Pipeline**, one run = one subprocess: **synth** = "
        "`write_comensha(dir, scale)` (calibration by MILP at scale 1, every person and anonymous "
        "report repeated `scale` times, written as XLSX with openpyxl) + `write_ind(dir)`; "
        "**ingest** = `ingest()` of `comensha.xlsx` and `ind.xlsx` into a fresh workspace (new "
        f"key and warehouse); **build** = `build(ws, {YEAR})`, the whole catalogue.",
        "- **Time** = wall time of each phase inside the child; *process* adds interpreter start "
        "and imports. **Peak RSS**: total = `ru_maxrss` of the child from `os.wait4`; per phase "
        "and step = the highest resident memory sampled (every 20 ms) while it ran. RSS does not "
        "go down much after a phase, so a later phase's peak includes what earlier phases left.",
        "- **Baseline**, measured in the same invocation, in its own subprocess after each "
        "pipeline run, on the `comensha.xlsx` that run produced: (a) openpyxl alone reading "
        "every row (`load_workbook(read_only=True, data_only=True)`, `iter_rows(values_only="
        "True)`), which is how the ingest's reader opens a workbook; (b) DuckDB "
        "`read_csv(..., all_varchar=true)` of the same rows written as CSV (untimed). "
        "Ratios compare the comensha ingest (all its steps) with them.",
        "- **Runs**: median of the runs (the worst run for memory); every run starts from "
        "nothing (the calibration is redone each time).",
        "",
        "### Results",
        "",
        "| scale | runs | CoMensha rows | XLSX | synth | ingest | build | **total** "
        "(process) | peak RSS | tables / cells |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in summaries:
        ph = s["phases"]
        lines.append(
            f"| {s['scale']} | {runs_text(s)} | {s['rows']:,} | {_size(s['xlsx_bytes'])} | "
            f"{ph['synth']['seconds']:.1f} s | {ph['ingest']['seconds']:.1f} s | "
            f"{ph['build']['seconds']:.1f} s | **{s['total_s']:.1f} s** "
            f"({s['process_s']:.1f} s) | {mib(s['rss_max'])} | {s['tables']} / {s['cells']:,} |"
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
        "| scale | rows | openpyxl reads the XLSX | DuckDB reads them as CSV | ingest of comensha "
        "| ingest / openpyxl | ingest / DuckDB CSV | whole pipeline / openpyxl |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in summaries:
        lines.append(
            f"| {s['scale']} | {s['baseline_rows']:,} | {s['openpyxl_s']:.2f} s "
            f"({mib(s['baseline_rss'])}) | {s['duckdb_s']:.3f} s | "
            f"{s['ingest_comensha_s']:.1f} s | {s['ratio_openpyxl']:.1f}x | "
            f"{s['ratio_duckdb']:.0f}x | {s['ratio_total_openpyxl']:.1f}x |"
        )
    lines.append("")
    for s in summaries:
        rep = s["reports"]
        lines.append(
            f"Scale {s['scale']}: all runs "
            + ", ".join(f"{x:.1f}" for x in s["total_all"])
            + f" s; comensha {rep['comensha']['status']} ({rep['comensha']['rows_loaded']:,} "
            f"loaded, {rep['comensha']['rows_quarantined']:,} quarantined), ind "
            f"{rep['ind']['status']} ({rep['ind']['rows_loaded']} rows); warehouse "
            f"{mib(s['warehouse_bytes'])}."
        )
        lines.append("")
    lines += [
        "### Where the time goes",
        "",
        "Median seconds per step (steps timed by wrapping module functions in the child; "
        "`ingest/comensha: validating registraties` includes the encrypted archive copy):",
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
        "```",
    ]
    bi.write_section("bench_pipeline", lines)


def _size(b: int) -> str:
    return f"{b / 2**20:,.1f} MiB" if b >= 2**20 else f"{b / 1024:,.0f} KiB"


def _trim_profile(text: str, n: int) -> list[str]:
    lines = text.splitlines()
    start = next((i for i, x in enumerate(lines) if x.strip().startswith("ncalls")), 0)
    out = []
    for x in lines[start : start + n + 1]:
        out.append(x.replace(str(ROOT) + "/", "").replace("/work/.venv/lib/python3.11/", ""))
    return out


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
    ap.add_argument("--profile", action="store_true", help="one cProfile run at the largest scale")
    ap.add_argument("--no-doc", action="store_true", help="do not rewrite docs/performance.md")
    args = ap.parse_args()

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
        s = measure(scale, args.runs, auto=scale > 1)
        summaries.append(s)
        print(
            f"scale {scale}: total median {s['total_s']:.1f} s over {s['runs']} run(s), peak RSS "
            f"{bi._mib(s['rss_max'])}; ingest/openpyxl {s['ratio_openpyxl']:.1f}x",
            flush=True,
        )
    (DATA / "last_pipeline_results.json").write_text(
        json.dumps({"machine": m, "summaries": summaries}, indent=1, default=str)
    )
    if not args.no_doc:  # written now too, so that a long profile run cannot lose the results
        write_doc(summaries, m, None)
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
