"""The estimate of the hidden number of victims as a figure of the publication.

``estimate_figure(ws, year, by=None)`` reads the melders of the CoMensha victims of ``year`` from
the warehouse (``estimation.warehouse``), selects a model on them, adds a bootstrap BCa interval
and, with ``by``, estimates per stratum with the covariate model (``estimation.strata``) so that
the stratum estimates add up to the total. It returns one plain dict (JSON-serialisable) that
the report helper can put in the publication as it is:

- ``observed``, ``estimate``: registered victims and the estimated total (registered and not);
- ``interval``: the 95% interval ``{"level": 0.95, "lower": ..., "upper": ...}`` and
  ``quantiles``: the BCa quantiles "0.025", "0.1", "0.9", "0.975";
- ``model``, ``method``, ``lists``, ``nboot``, ``seed``, ``year``, ``by``;
- ``strata``: per stratum ``observed``, ``estimate``, ``interval``, ``quantiles`` (empty without
  ``by``); ``merged``: the strata too small for list effects of their own, merged into one
  stratum ``overige`` (``estimation.strata``);
- ``note``: ``{"nl": ..., "en": ...}``, the assumptions in plain language (closed population,
  list dependence, heterogeneity) and why the interval is wide;
- ``warnings``: things a reader of the figure should know (e.g. an interval endpoint at the edge
  of the bootstrap distribution);
- ``bca``: without ``by`` and with a bootstrap, its BCa ingredients ``z0``, ``a``, the adjusted
  ``levels`` per quantile, ``replicates`` (B, the finite replicates) and ``at_edge`` (an
  adjusted level outside [1/B, 1 - 1/B]); None otherwise. The report words its warning from
  these (``publish.estimate``).

See docs/methodology/estimation.md.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ketenmonitor.config import Workspace
from ketenmonitor.estimation.bootstrap import bootstrap_full
from ketenmonitor.estimation.capture import CaptureHistory
from ketenmonitor.estimation.models import parse_model
from ketenmonitor.estimation.selection import DEFAULT_PTHRESH, EstimationError, select
from ketenmonitor.estimation.strata import MERGED, TOTAL, estimate_strata

DEFAULT_NBOOT = 1000
DEFAULT_SEED = 2024

NOTE = {
    "nl": (
        "Deze schatting van het totale aantal slachtoffers, geregistreerd en niet "
        "geregistreerd, is gemaakt met multiple systems estimation: uit de overlap tussen de "
        "organisaties die slachtoffers melden, wordt afgeleid hoeveel slachtoffers bij geen "
        "enkele melder in beeld zijn. De schatting berust op aannames die niet volledig te "
        "controleren zijn. (1) De populatie is gesloten: in de periode komen er geen "
        "slachtoffers bij en verdwijnen er geen. (2) Het model beschrijft de samenhang tussen "
        "de melders: een organisatie die slachtoffers doorverwijst naar een andere, maakt de "
        "overlap groter dan toeval en zonder die samenhang in het model valt de schatting te "
        "laag uit. (3) Slachtoffers verschillen in de kans om gemeld te worden "
        "(heterogeniteit), bijvoorbeeld naar vorm van uitbuiting of verblijfsstatus; de "
        "schatting is alleen juist voor zover het model die verschillen opvangt. Het interval "
        "is breed, omdat het aantal niet-geregistreerde slachtoffers een extrapolatie is uit "
        "de kleine groep die bij meer dan één melder bekend is, en omdat het model zelf uit "
        "dezelfde gegevens gekozen is: de bootstrap herhaalt die keuze en neemt die "
        "onzekerheid mee. Als de aannames kloppen, ligt het werkelijke aantal met 95% "
        "zekerheid binnen het interval; kloppen ze niet, dan kan het daarbuiten liggen."
    ),
    "en": (
        "This estimate of the total number of victims, registered and not registered, was "
        "made by multiple systems estimation: the overlap between the organisations that "
        "report victims tells how many victims no reporting organisation has seen. It rests "
        "on assumptions that cannot be checked fully. (1) The population is closed: no "
        "victims enter or leave during the period. (2) The model captures the dependence "
        "between the lists: an organisation that refers victims to another makes them "
        "overlap more than chance, and without that dependence in the model the estimate is "
        "too low. (3) Victims differ in how likely they are to be reported (heterogeneity), "
        "for example by form of exploitation or residence status; the estimate is only right "
        "as far as the model absorbs those differences. The interval is wide because the "
        "number of unregistered victims is an extrapolation from the small group known to "
        "more than one organisation, and because the model itself is chosen from the same "
        "data: the bootstrap repeats that choice and carries its uncertainty. If the "
        "assumptions hold, the true number lies within the interval with 95% confidence; if "
        "they do not, it may lie outside."
    ),
}


def _interval(q: dict[str, float]) -> dict[str, float]:
    return {"level": 0.95, "lower": q["0.025"], "upper": q["0.975"]} if q else {}


def estimate_figure(
    ws: Workspace,
    year: int,
    by: str | None = None,
    *,
    method: str = "stepwise",
    model: str | None = None,
    pthresh: float = DEFAULT_PTHRESH,
    max_order: int | None = None,
    nboot: int = DEFAULT_NBOOT,
    seed: int | None = DEFAULT_SEED,
) -> dict[str, Any]:
    """The estimate of ``year`` for the publication (module docstring), from the warehouse of
    ``ws``; ``by`` is a stratum (form, age, sex, origin) or None for the total only."""
    from ketenmonitor.estimation.warehouse import capture_histories
    from ketenmonitor.warehouse import Warehouse

    with Warehouse(ws.warehouse, read_only=True) as wh:
        tables = capture_histories(wh.con, year, by)
    return figure_from_tables(
        tables,
        year=year,
        by=by,
        method=method,
        model=model,
        pthresh=pthresh,
        max_order=max_order,
        nboot=nboot,
        seed=seed,
    )


def figure_from_tables(
    tables: dict[str, CaptureHistory],
    *,
    year: int | None = None,
    by: str | None = None,
    method: str = "stepwise",
    model: str | None = None,
    pthresh: float = DEFAULT_PTHRESH,
    max_order: int | None = None,
    nboot: int = DEFAULT_NBOOT,
    seed: int | None = DEFAULT_SEED,
) -> dict[str, Any]:
    """``estimate_figure`` on capture-history tables per stratum (one table without ``by``)."""
    if not tables:
        raise EstimationError("no CoMensha victims with a melder in the warehouse selection")
    lists = next(iter(tables.values())).lists
    pooled = CaptureHistory(lists, np.sum([ch.counts for ch in tables.values()], axis=0))
    pooled.validate()
    warnings: list[str] = []
    out: dict[str, Any] = {
        "year": year,
        "by": by,
        "lists": list(lists),
        "observed": pooled.observed,
        "method": method,
        "nboot": nboot,
        "seed": seed,
        "note": dict(NOTE),
        "bca": None,
    }
    if by:
        st = estimate_strata(
            tables,
            method,
            model=model,
            pthresh=pthresh,
            max_order=max_order,
            nboot=nboot,
            seed=seed,
        )
        out["model"] = st.model
        out["estimate"] = st.total
        out["quantiles"] = st.quantiles.get(TOTAL, {})
        out["strata"] = {
            k: {
                "observed": st.observed[k],
                "estimate": st.estimates[k],
                "quantiles": st.quantiles.get(k, {}),
                "interval": _interval(st.quantiles.get(k, {})),
            }
            for k in st.estimates
        }
        out["merged"] = st.merged
        if st.merged:
            warnings.append(
                f"strata with too few people on more than one list were merged into "
                f"'{MERGED}': {', '.join(st.merged)}"
            )
        if st.failed:
            warnings.append(
                f"{st.failed} of {nboot} bootstrap replicates had no estimate for some stratum "
                "and were left out of the intervals"
            )
    else:
        fixed = parse_model(model, pooled.t) if model else None
        est = select(pooled, method, fixed, pthresh=pthresh, max_order=max_order)
        out["model"] = est.model
        out["estimate"] = est.estimate
        out["strata"] = {}
        out["merged"] = []
        out["quantiles"] = {}
        if nboot > 0:
            r = bootstrap_full(
                pooled,
                method,
                est.estimate,
                nboot=nboot,
                seed=seed,
                pthresh=pthresh,
                model=fixed,
                max_order=max_order,
            )
            out["quantiles"] = r.quantiles
            out["bca"] = {
                "z0": r.bca.z0,
                "a": r.bca.a,
                "levels": dict(r.bca.levels),
                "replicates": r.bca.B,
                "at_edge": r.bca.at_edge,
            }
            if r.bca.at_edge:
                warnings.append(
                    "a BCa endpoint lies at the edge of the bootstrap distribution (adjusted "
                    f"levels {', '.join(f'{v:.2g}' for v in r.bca.levels.values())}); it rests "
                    "on few replicates"
                )
    out["interval"] = _interval(out["quantiles"])
    out["warnings"] = warnings
    return out
