"""Benchmark multiple systems estimation on UKdat_5 and write docs/performance.md's section.

Baseline in the same process: statsmodels' Poisson GLM in a loop (one fit per model), or a
naive per-model NumPy IRLS when statsmodels is not installed; the baseline is timed on a sample
of models and scaled to the number of fits (said so in the table): run in full, the baseline of
the BIC bootstrap would take hours.

All ketenmonitor times are measured in full, including lowest BIC with 1,000 bootstrap
replicates (one run: it takes minutes; ``--bic-boot`` lowers the count for a quick look, and the
table then says so).

    python benchmarks/bench_estimation.py [--runs 3] [--bic-boot 1000]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import time
from pathlib import Path

import numpy as np

from ketenmonitor.estimation import bic_select, read_csv, stepwise
from ketenmonitor.estimation.bootstrap import bootstrap
from ketenmonitor.estimation.models import hierarchical_models

ROOT = Path(__file__).parents[1]
DATA = ROOT / "tests" / "fixtures" / "mse" / "UKdat_5.csv"
DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- begin bench_estimation -->", "<!-- end bench_estimation -->"


def median_time(fn, runs: int) -> float:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return statistics.median(out)


def baseline_per_fit(ch, models) -> tuple[str, float]:
    cells = np.arange(1, 2**ch.t)
    y = ch.counts[1:]
    try:
        import statsmodels.api as sm

        def one(m):
            X = ((cells[:, None] & np.array(sorted(m))[None, :]) == np.array(sorted(m))).astype(
                float
            )
            sm.GLM(y, X, family=sm.families.Poisson()).fit()

        name = "statsmodels GLM (Poisson) per model"
    except ImportError:  # pragma: no cover

        def one(m):
            X = ((cells[:, None] & np.array(sorted(m))[None, :]) == np.array(sorted(m))).astype(
                float
            )
            b = np.linalg.lstsq(X, np.log(y + 0.5), rcond=None)[0]
            for _ in range(50):
                mu = np.exp(X @ b)
                b = b + np.linalg.solve(X.T @ (X * mu[:, None]), X.T @ (y - mu))

        name = "naive NumPy IRLS per model"
    import warnings

    warnings.filterwarnings("ignore")
    sample = models[:: max(1, len(models) // 300)]
    t0 = time.perf_counter()
    for m in sample:
        one(m)
    return name, (time.perf_counter() - t0) / len(sample)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--bic-boot", type=int, default=1000)
    args = ap.parse_args()
    load = os.getloadavg()
    ch = read_csv(DATA)
    models = hierarchical_models(5)
    bic_s = median_time(lambda: bic_select(ch), args.runs)
    e = stepwise(ch)
    sw_s = median_time(lambda: bootstrap(ch, "stepwise", e.estimate, nboot=1000, seed=1), args.runs)
    eb = bic_select(ch)
    nb = args.bic_boot
    n_jack = int((ch.counts > 0).sum())
    t0 = time.perf_counter()
    q, _boot = bootstrap(ch, "bic", eb.estimate, nboot=nb, seed=1)
    bb = time.perf_counter() - t0
    name, per_fit = baseline_per_fit(ch, models)
    base_bic = per_fit * len(models)
    base_sw = per_fit * 43 * 1001  # 43 fits per stepwise search on UKdat_5
    base_bb = base_bic * (nb + n_jack)
    bb_label = (
        f"lowest BIC + {nb:,} bootstrap replicates + {n_jack} jackknife tables (BCa), "
        "**measured** (one run)"
    )
    if nb != 1000:
        bb_label += f"; the target is for 1,000 replicates, this run had {nb:,}"
    rows = [
        (
            "lowest BIC over all hierarchical models (6,893 fitted, exact checks)",
            bic_s,
            base_bic,
            0.5,
        ),
        ("stepwise + 1,000 bootstrap replicates + jackknife (BCa)", sw_s, base_sw, 3.0),
        (bb_label, bb, base_bb, 600.0),
    ]
    lines = [
        BEGIN,
        "## Multiple systems estimation (bench_estimation)",
        "",
        f"UKdat_5 (5 lists, 2,744 people), {os.cpu_count()} cores (load average "
        f"{load[0]:.1f} when the runs started: the machine is shared), median of {args.runs} "
        f"runs except the BIC bootstrap (one run). Measured on {time.strftime('%Y-%m-%d')}. "
        f"Baseline: {name}, timed on {len(models[:: max(1, len(models) // 300)])} models in "
        "the same process and scaled to the number of fits (fits only: no existence checks).",
        "",
        "| task | ketenmonitor (s) | baseline (s) | speed-up | target (s) | met |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for label, ours, base, target in rows:
        lines.append(
            f"| {label} | {ours:.2f} | {base:.1f} | {base / ours:.0f}x | {target:g} | "
            f"{'yes' if ours < target else 'no'} |"
        )
    lines += [
        "",
        f"BIC bootstrap interval of that run (seed 1): 95% {q['0.025']:,.0f} - "
        f"{q['0.975']:,.0f}, 80% {q['0.1']:,.0f} - {q['0.9']:,.0f}.",
        "",
        "Re-run: `python benchmarks/bench_estimation.py [--runs 3] [--bic-boot 1000]`.",
        END,
    ]
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    block = "\n".join(lines)
    if BEGIN in text and END in text:
        text = re.sub(re.escape(BEGIN) + r".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    DOC.write_text(text, encoding="utf-8")
    print(block)


if __name__ == "__main__":
    main()
