"""The estimated number of victims (registered and not) as a part of the publication.

``published_estimate(ws, year, nboot=..., seed=...)`` runs the multiple systems estimation of
``estimation.publication.estimate_figure`` on the melders of the CoMensha victims of ``year``
(stepwise selection, a seeded bootstrap with BCa intervals) and rounds it for publication:

- The rounding unit follows the width of the 95% interval: ten to the power
  ``floor(log10(upper - lower)) - 1``, at least 10 (an interval 14,982 wide: thousands), i.e.
  the width to two significant digits. So the estimate never shows more digits than the
  interval allows: the last digit shown is between a hundredth and a tenth of the width.
  Without an interval (``nboot=0``) the estimate is rounded to two significant digits.
  Estimate, interval and the other quantiles are rounded half up to that unit; rounding is
  monotone, so a rounded interval still contains the rounded estimate.
- ``observed`` (the registered victims with a melder, every CoMensha victim: ``melders`` is a
  required field) is shown as it is: it is the total of Figuur 1.

When the warehouse has no CoMensha victims for the year, or no model has an estimate, the
result says why (``reason``) and the publication prints that instead of the figure.

The words (``sentence``, ``rounding_note``, ``source_line``, ``edge_warning``), the chart
(``chart_spec``: the registered number and the estimate as points, the interval as a bar) and
the rows of the data table (``rows``) are in the report's language; the plain-language note on
the assumptions comes with the estimate (``figure["note"][lang]``). The report, the workbook and
the open data all use these.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import altair as alt
import duckdb

from ketenmonitor.config import Workspace
from ketenmonitor.estimation.publication import DEFAULT_SEED, estimate_figure
from ketenmonitor.estimation.selection import DEFAULT_PTHRESH, EstimationError
from ketenmonitor.publish.charts import NEUTRAL, NUMBER_LOCALE
from ketenmonitor.publish.i18n import check_lang, label, t
from ketenmonitor.publish.text import fmt_int

DEFAULT_NBOOT = 1000
"""Bootstrap replicates of the report's estimate (``report --nboot``): BCa wants 1,000 or more
(Efron and Tibshirani 1993, section 14.3), and on the synthetic 2024 warehouse 1,000 take under a
second on two cores."""
ESTIMATE_ID = "schatting.slachtoffers"
"""The id of the estimate in the HTML (``data-estimate``), the workbook and the open data."""
ROW_KEYS = ("observed", "estimate", "lower95", "upper95", "lower80", "upper80")
"""The rows of the estimate's data table; the quantile of each interval row."""
ROW_QUANTILE = {"lower95": "0.025", "upper95": "0.975", "lower80": "0.1", "upper80": "0.9"}
MELDER_LABELS = {
    "politie": "Politie",
    "kmar": "Koninklijke Marechaussee",
    "nla": "Nederlandse Arbeidsinspectie",
    "zorgcoordinator": "Zorgcoördinator",
    "fairwork": "FairWork",
    "overig": "IND, COA en overige melders",
}
"""The Dutch label of each list (``estimation.warehouse.MELDER_LISTS``; ``overig`` joins IND, COA
and other melders); English through the code list ``melder.csv`` and ``i18n/en.toml``."""


def rounding_unit(estimate: float, lower: float | None = None, upper: float | None = None) -> int:
    """The unit the published estimate is rounded to (module docstring): from the width of the
    interval, or two significant digits of the estimate without one; at least 10."""
    span = (upper - lower) if lower is not None and upper is not None else estimate
    if not math.isfinite(span) or span <= 0:
        return 10
    return max(10, 10 ** (math.floor(math.log10(span)) - 1))


def round_to(x: float, unit: int) -> int:
    """``x`` rounded half up to a multiple of ``unit``."""
    return math.floor(x / unit + 0.5) * unit


@dataclass
class PublishedEstimate:
    year: int
    nboot: int
    seed: int | None
    figure: dict[str, Any] | None = None
    """``estimate_figure``'s dict (unrounded), None when there is no estimate."""
    reason: str = ""
    """Why there is no estimate: ``no_data`` or ``no_estimate`` (i18n ``estimate.reason_*``)."""
    detail: str = ""
    unit: int = 0
    observed: int = 0
    estimate: int = 0
    quantiles: dict[str, int] = field(default_factory=dict)
    """The rounded quantiles ("0.025", "0.1", "0.9", "0.975"); empty without a bootstrap."""

    @property
    def available(self) -> bool:
        return self.figure is not None

    @property
    def lower(self) -> int | None:
        return self.quantiles.get("0.025")

    @property
    def upper(self) -> int | None:
        return self.quantiles.get("0.975")

    def value(self, key: str) -> int | None:
        """The rounded number of a row of the data table (``ROW_KEYS``)."""
        if key == "observed":
            return self.observed
        if key == "estimate":
            return self.estimate
        return self.quantiles.get(ROW_QUANTILE[key])


def from_figure(fig: dict[str, Any], year: int) -> PublishedEstimate:
    """The published (rounded) estimate of an ``estimate_figure`` dict."""
    q = fig.get("quantiles") or {}
    unit = rounding_unit(fig["estimate"], q.get("0.025"), q.get("0.975"))
    return PublishedEstimate(
        year=year,
        nboot=int(fig["nboot"]),
        seed=fig["seed"],
        figure=fig,
        unit=unit,
        observed=int(fig["observed"]),
        estimate=round_to(fig["estimate"], unit),
        quantiles={k: round_to(v, unit) for k, v in q.items()},
    )


def published_estimate(
    ws: Workspace, year: int, *, nboot: int = DEFAULT_NBOOT, seed: int | None = DEFAULT_SEED
) -> PublishedEstimate:
    """The estimate of ``year`` for the publication, or the reason there is none."""
    try:
        fig = estimate_figure(ws, year, nboot=nboot, seed=seed)
    except duckdb.CatalogException as e:
        # no CoMensha delivery in the warehouse at all
        return PublishedEstimate(year, nboot, seed, reason="no_data", detail=str(e).split("\n")[0])
    except EstimationError as e:
        no_data = "no CoMensha victims" in str(e)
        reason = "no_data" if no_data else "no_estimate"
        return PublishedEstimate(year, nboot, seed, reason=reason, detail=str(e))
    return from_figure(fig, year)


# ---- words ------------------------------------------------------------------------------------


def unit_words(unit: int, lang: str) -> str:
    """``1000`` -> "duizendtallen" / "thousands"."""
    key = f"estimate.unit_{unit}"
    try:
        return t(key, lang)
    except KeyError:
        return t("estimate.unit_other", lang).format(n=fmt_int(unit, lang))


def title(est: PublishedEstimate, lang: str) -> str:
    return t("estimate.title", lang).format(year=est.year)


def sentence(est: PublishedEstimate, lang: str) -> str:
    """The estimate and its interval in words."""
    n = {
        "year": est.year,
        "estimate": fmt_int(est.estimate, lang),
        "observed": fmt_int(est.observed, lang),
    }
    if est.lower is not None and est.upper is not None:
        text = t("estimate.sentence", lang).format(
            lower=fmt_int(est.lower, lang), upper=fmt_int(est.upper, lang), **n
        )
    else:
        text = t("estimate.sentence_no_interval", lang).format(**n)
    return f"{text} {t('estimate.observed', lang).format(**n)}"


def rounding_note(est: PublishedEstimate, lang: str) -> str:
    key = "estimate.rounding" if est.lower is not None else "estimate.rounding_no_interval"
    return t(key, lang).format(unit=unit_words(est.unit, lang))


def lists_text(est: PublishedEstimate, lang: str) -> str:
    assert est.figure is not None
    return ", ".join(
        f"{i} {label(MELDER_LABELS.get(x, x), lang)}"
        for i, x in enumerate(est.figure["lists"], start=1)
    )


def source_line(est: PublishedEstimate, lang: str) -> str:
    """Where the estimate comes from: the source, the method, model and lists, the bootstrap."""
    assert est.figure is not None
    fig = est.figure
    method = fig["method"]
    method_text = t(f"estimate.method_{method}", lang).format(
        p=f"{DEFAULT_PTHRESH:g}".replace(".", "," if lang == "nl" else ".")
    )
    parts = [
        t("estimate.source", lang),
        t("estimate.method", lang).format(
            method=method_text, model=fig["model"], lists=lists_text(est, lang)
        ),
    ]
    if est.quantiles:
        parts.append(
            t("estimate.bootstrap", lang).format(
                nboot=fmt_int(est.nboot, lang), seed="-" if est.seed is None else est.seed
            )
        )
    return " ".join(parts)


def edge_warning(est: PublishedEstimate, lang: str) -> str:
    """A sentence when an endpoint of the 95% interval rests on a handful of extreme
    replicates (its BCa level outside [1/B, 1 - 1/B]); empty otherwise."""
    bca = (est.figure or {}).get("bca")
    if not bca or not est.quantiles:
        return ""
    b = bca["replicates"]
    lo, hi = 1.0 / b, 1.0 - 1.0 / b
    edge = [k for k in ("0.025", "0.975") if not lo <= bca["levels"][k] <= hi]
    if not edge:
        return ""
    which = "both" if len(edge) == 2 else ("lower" if edge[0] == "0.025" else "upper")
    return t("estimate.edge", lang).format(
        which=t(f"estimate.edge_{which}", lang), nboot=fmt_int(est.nboot, lang)
    )


def unavailable(est: PublishedEstimate, lang: str) -> str:
    return t("estimate.unavailable", lang).format(
        year=est.year, reason=t(f"estimate.reason_{est.reason}", lang)
    )


def rows(est: PublishedEstimate, lang: str) -> list[tuple[str, str, int]]:
    """The data table: (key, label, number) for every row with a number."""
    out = []
    for key in ROW_KEYS:
        v = est.value(key)
        if v is not None:
            out.append((key, t(f"estimate.row_{key}", lang), v))
    return out


def flag(key: str) -> str:
    """The flag of a row in the workbook and the open data: the registered number is exact, the
    estimate and its interval are rounded."""
    return "exact" if key == "observed" else "rounded"


# ---- chart ------------------------------------------------------------------------------------


def chart_spec(est: PublishedEstimate, lang: str = "nl") -> dict[str, Any]:
    """Vega-Lite (Altair): the registered number and the estimate as points on one axis from 0,
    the 95% interval of the estimate as a bar with end ticks, the numbers as labels."""
    check_lang(lang)
    if not est.available:
        raise ValueError("no estimate: nothing to draw")
    interval = t("estimate.interval95", lang)
    records: list[dict[str, Any]] = [
        {
            "row": t("estimate.chart_observed", lang),
            "value": est.observed,
            "lower": None,
            "upper": None,
            "text": fmt_int(est.observed, lang),
            "interval": "",
        },
        {
            "row": t("estimate.chart_estimate", lang),
            "value": est.estimate,
            "lower": est.lower,
            "upper": est.upper,
            "text": fmt_int(est.estimate, lang),
            "interval": (
                f"{fmt_int(est.lower, lang)} - {fmt_int(est.upper, lang)}"
                if est.lower is not None and est.upper is not None
                else ""
            ),
        },
    ]
    order = [r["row"] for r in records]
    y = alt.Y("row:N", sort=order, title=None, axis=alt.Axis(labelLimit=220))
    top = max(v for v in (est.observed, est.estimate, est.upper) if v is not None)
    x_scale = alt.Scale(domain=[0, top * 1.08], zero=True, nice=True)
    x_axis = alt.Axis(format=",d", title=t("estimate.axis", lang))
    tooltip = [
        alt.Tooltip("row:N", title=t("chart.row", lang)),
        alt.Tooltip("text:N", title=t("chart.value", lang)),
        alt.Tooltip("interval:N", title=interval),
    ]
    base = alt.Chart(alt.Data(values=records))
    with_iv = base.transform_filter("datum.lower !== null")
    bar = with_iv.mark_rule(color=NEUTRAL, strokeWidth=2).encode(
        x=alt.X("lower:Q", scale=x_scale, axis=x_axis), x2="upper:Q", y=y, tooltip=tooltip
    )
    ends = [
        with_iv.mark_tick(color=NEUTRAL, thickness=2, size=14).encode(
            x=alt.X(f"{end}:Q", scale=x_scale, axis=x_axis), y=y, tooltip=tooltip
        )
        for end in ("lower", "upper")
    ]
    point = base.mark_point(filled=True, size=90, color="#1a1a1a", shape="diamond").encode(
        x=alt.X("value:Q", scale=x_scale, axis=x_axis), y=y, tooltip=tooltip
    )
    text = base.mark_text(align="center", baseline="bottom", dy=-9, fontSize=10).encode(
        x=alt.X("value:Q", scale=x_scale, axis=x_axis), y=y, text="text:N"
    )
    chart = (
        alt.layer(bar, *ends, point, text)
        .properties(width=480, height=110, description=title(est, lang))
        .configure(
            locale={"number": NUMBER_LOCALE[lang]},
            font="DejaVu Sans, Helvetica, Arial, sans-serif",
        )
        .configure_view(stroke=None)
    )
    spec = chart.to_dict()
    assert isinstance(spec, dict)
    return spec
