"""The ``ketenmonitor estimate`` command (registered in ketenmonitor.cli)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import numpy as np
import typer

from ketenmonitor.estimation.bootstrap import bootstrap
from ketenmonitor.estimation.capture import CaptureHistory, CaptureHistoryError, read_csv
from ketenmonitor.estimation.models import parse_model
from ketenmonitor.estimation.publication import NOTE as PUBLICATION_NOTE
from ketenmonitor.estimation.selection import DEFAULT_PTHRESH, Estimate, EstimationError, select

NOTE = (
    "Assumptions: a closed population over the period; the model captures the dependence "
    "between lists; people differ in how likely they are to be registered only as far as the "
    "model allows (heterogeneity). The interval is wide because the unobserved cell is an "
    "extrapolation from few overlaps and because the model itself is chosen from the data; "
    "the bootstrap repeats that choice."
)


class Method(StrEnum):
    stepwise = "stepwise"
    bic = "bic"
    fixed = "fixed"


def _estimate_one(
    ch: CaptureHistory,
    method: str,
    model: str | None,
    pthresh: float,
    nboot: int,
    seed: int | None,
    max_order: int | None = None,
) -> Estimate:
    mod = parse_model(model, ch.t) if model else None
    if model and method != "fixed":
        raise EstimationError("--model is for --method fixed")
    est = select(ch, method, mod, pthresh=pthresh, max_order=max_order)
    if nboot > 0:
        est.quantiles, _ = bootstrap(
            ch,
            method,
            est.estimate,
            nboot=nboot,
            seed=seed,
            pthresh=pthresh,
            model=mod,
            max_order=max_order,
        )
    return est


def _print(est: Estimate, label: str | None = None) -> None:
    head = f"{label}: " if label else ""
    typer.echo(
        f"{head}observed {est.observed:,}, estimate {est.estimate:,.1f} "
        f"(model {est.model}, {est.method}, {est.n_models_considered:,} models)"
    )
    if est.quantiles:
        q = est.quantiles
        typer.echo(
            f"  95% interval {q['0.025']:,.0f} - {q['0.975']:,.0f}; "
            f"80% interval {q['0.1']:,.0f} - {q['0.9']:,.0f} (bootstrap BCa)"
        )


def estimate(
    file: Annotated[
        Path | None,
        typer.Argument(help="Capture-history CSV: one 0/1 column per list, last column count."),
    ] = None,
    method: Annotated[Method, typer.Option(help="Model selection.")] = Method.stepwise,
    model: Annotated[
        str | None, typer.Option(help="Model for --method fixed, e.g. '[12,13,4]'.")
    ] = None,
    pthresh: Annotated[
        float, typer.Option(help="p-value threshold of the stepwise selection.")
    ] = DEFAULT_PTHRESH,
    max_order: Annotated[
        int | None,
        typer.Option(help="Highest interaction order of the BIC search (default: lists - 1)."),
    ] = None,
    nboot: Annotated[int, typer.Option(help="Bootstrap replicates (0: no interval).")] = 0,
    seed: Annotated[int | None, typer.Option(help="Seed of the bootstrap.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    from_warehouse: Annotated[
        bool, typer.Option(help="Use the melders of CoMensha victims in the warehouse as lists.")
    ] = False,
    year: Annotated[
        int | None, typer.Option(help="Registration year (with --from-warehouse).")
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(help="Estimate per stratum: form, age, sex or origin (--from-warehouse)."),
    ] = None,
) -> None:
    """Estimate the hidden number of victims by multiple systems estimation.

    Poisson log-linear models on the overlap of lists; the estimate is the observed number plus
    the fitted number seen on no list. With --nboot the whole model selection is repeated on
    bootstrap samples and BCa quantiles are reported.

    Example: ketenmonitor estimate UKdat_5.csv --method stepwise --nboot 1000 --seed 1 --json
    """
    try:
        if from_warehouse:
            _from_warehouse(
                method.value, model, pthresh, max_order, nboot, seed, json_out, year, by
            )
            return
        if file is None:
            raise EstimationError("give a capture-history CSV file or --from-warehouse")
        ch = read_csv(file)
        est = _estimate_one(ch, method.value, model, pthresh, nboot, seed, max_order)
    except (CaptureHistoryError, EstimationError, ValueError, FileNotFoundError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if json_out:
        typer.echo(json.dumps(est.as_json()))
    else:
        _print(est)
        typer.echo(NOTE)


def _from_warehouse(
    method: str,
    model: str | None,
    pthresh: float,
    max_order: int | None,
    nboot: int,
    seed: int | None,
    json_out: bool,
    year: int | None,
    by: str | None,
) -> None:
    from ketenmonitor.config import Workspace
    from ketenmonitor.estimation.strata import MERGED, TOTAL, estimate_strata
    from ketenmonitor.estimation.warehouse import capture_histories
    from ketenmonitor.warehouse import Warehouse

    ws = Workspace.from_env()
    with Warehouse(ws.warehouse, read_only=True) as wh:
        tables = capture_histories(wh.con, year, by)
    if not tables:
        raise EstimationError("no CoMensha victims with a melder in the warehouse selection")
    lists = next(iter(tables.values())).lists
    pooled = CaptureHistory(lists, np.sum([ch.counts for ch in tables.values()], axis=0))
    pooled.validate()
    est = _estimate_one(pooled, method, model, pthresh, nboot if not by else 0, seed, max_order)
    out: dict[str, object] = {**est.as_json(), "lists": list(lists), "year": year}
    if by:
        strat = estimate_strata(
            tables,
            method,
            model=model,
            pthresh=pthresh,
            max_order=max_order,
            nboot=nboot,
            seed=seed,
        )
        # With strata the estimate is the covariate model's total (the strata add up to it);
        # the pooled estimate (no covariates) stays as pooled_estimate.
        out["pooled_estimate"] = est.estimate
        out["estimate"] = strat.total
        out["by"] = by
        out["strata"] = {
            k: {
                "observed": strat.observed[k],
                "estimate": strat.estimates[k],
                **({"quantiles": strat.quantiles[k]} if strat.quantiles else {}),
            }
            for k in strat.estimates
        }
        out["merged"] = strat.merged
        if strat.quantiles:
            out["quantiles"] = strat.quantiles[TOTAL]
            est.quantiles = strat.quantiles[TOTAL]
        est.estimate = strat.total
    if json_out:
        typer.echo(json.dumps(out))
        return
    _print(est, f"{year or 'all years'}")
    if by:
        for k, v in dict(out["strata"]).items():  # type: ignore[call-overload]
            typer.echo(f"  {k}: observed {v['observed']:,}, estimate {v['estimate']:,.1f}" + _iv(v))
        if strat.merged:
            typer.echo(f"  merged into '{MERGED}' (too few overlaps): {', '.join(strat.merged)}")
        typer.echo(f"  (without strata: estimate {out['pooled_estimate']:,.1f})")
    typer.echo(PUBLICATION_NOTE["en"])


def _iv(v: dict[str, object]) -> str:
    q = v.get("quantiles")
    if not isinstance(q, dict) or not q:
        return ""
    return f" (95% interval {q['0.025']:,.0f} - {q['0.975']:,.0f})"
