"""The estimated number of victims in the publication (publish/estimate.py): its section in
chapter 1 of the HTML in both languages and of the PDF, its sheet in the workbook and its
resource in the open data. The numbers shown are those of an independent run of the estimation
library on capture histories read straight from the warehouse (conftest.independent_estimate),
rounded by the documented rule; the registered number is the published 944."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import openpyxl
import pypdfium2 as pdfium
import pytest
from typer.testing import CliRunner

from ketenmonitor.cli import app
from ketenmonitor.config import HOME_ENV, Workspace
from ketenmonitor.publish.estimate import (
    PublishedEstimate,
    published_estimate,
    round_to,
    rounding_unit,
)
from ketenmonitor.publish.i18n import t
from ketenmonitor.publish.report import render
from tests.conftest import synthetic_workspace
from tests.publish.conftest import REPORT_NBOOT, REPORT_SEED, YEAR, independent_estimate
from tests.publish.htmlparse import parse

REGISTERED_2024 = 944  # Jaarcijfers Mensenhandel 2024, Figuur 1: victims reported to CoMensha
ROWS = ("observed", "estimate", "0.025", "0.975", "0.1", "0.9")
ASSUMPTIONS = {
    "nl": ("gesloten", "samenhang", "heterogeniteit", "breed"),
    "en": ("closed", "dependence", "heterogeneity", "wide"),
}
SECTION = {"nl": "Geschat aantal slachtoffers", "en": "Estimated number of victims"}


def _n(value: int, lang: str) -> str:
    s = f"{value:,d}"
    return s.replace(",", ".") if lang == "nl" else s


def _expected_rows(exp: dict[str, object]) -> list[int]:
    q = exp["quantiles"]
    assert isinstance(q, dict)
    return [exp["observed"], exp["estimate"], q["0.025"], q["0.975"], q["0.1"], q["0.9"]]  # type: ignore[list-item]


def test_rounding_rule() -> None:
    """The documented rule: the interval's width to two significant digits, at least 10."""
    assert rounding_unit(20152.0, 12125.1, 27107.6) == 1000  # width 14,982
    assert rounding_unit(6200.0, 5000.0, 7500.0) == 100  # width 2,500
    assert rounding_unit(1200.0, 1000.0, 1900.0) == 10  # width 900
    assert rounding_unit(1000.0, 990.0, 1010.0) == 10  # never below tens
    assert rounding_unit(20152.0) == 1000  # no interval: two significant digits
    assert rounding_unit(944.0) == 10
    assert round_to(12500.0, 1000) == 13000 and round_to(12499.9, 1000) == 12000
    assert round_to(27107.6, 1000) == 27000


def test_expected_numbers_are_plausible(expected_estimate: dict[str, object]) -> None:
    exp = expected_estimate
    assert exp["observed"] == REGISTERED_2024
    q = exp["quantiles"]
    assert isinstance(q, dict)
    # the interval contains the estimate, which is above the registered number
    assert q["0.025"] <= q["0.1"] <= exp["estimate"] <= q["0.9"] <= q["0.975"]
    assert exp["estimate"] > REGISTERED_2024  # type: ignore[operator]
    # never more precision than the interval allows: the unit is >= a hundredth of its width
    raw = exp["raw_quantiles"]
    assert isinstance(raw, dict)
    assert exp["unit"] * 100 >= raw["0.975"] - raw["0.025"]  # type: ignore[operator]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_html_section_shows_the_independent_estimate(
    out_nl: dict[str, Path],
    out_en: dict[str, Path],
    expected_estimate: dict[str, object],
    lang: str,
) -> None:
    page = (out_nl if lang == "nl" else out_en)["html"].read_text(encoding="utf-8")
    doc = parse(page)
    # in chapter 1, after the melders, before chapter 2
    h3 = doc.h3
    assert h3.index(SECTION[lang]) == h3.index(t("section.melders", lang)) + 1
    assert page.index(f">{SECTION[lang]}<") < page.index('id="plegers"')
    fig = doc.estimates[str(YEAR)]
    exp = expected_estimate
    q = exp["quantiles"]
    assert isinstance(q, dict)
    # the sentence says the estimate and its interval in words
    for v in (exp["estimate"], q["0.025"], q["0.975"], exp["observed"]):
        assert _n(v, lang) in fig.headline, (v, fig.headline)  # type: ignore[arg-type]
    assert str(YEAR) in fig.headline
    # the table: every number equal to the independent computation after the rounding
    assert fig.table is not None
    shown = [int(re.sub(r"[.,]", "", cells[0][0])) for _, _, cells in fig.table.rows]
    assert shown == _expected_rows(exp)
    assert [cells[0][1] for _, _, cells in fig.table.rows] == ["exact"] + ["rounded"] * 5
    # a chart, the rounding, the assumptions, the method and the bootstrap as source line
    assert fig.has_chart
    assert '"vis-schatting-slachtoffers": {' in page
    unit = {1000: ("duizendtallen", "thousand"), 100: ("honderdtallen", "hundred")}
    rounding = " ".join(fig.notes)
    assert unit[exp["unit"]][0 if lang == "nl" else 1] in rounding  # type: ignore[index]
    for word in ASSUMPTIONS[lang]:
        assert word in rounding, word
    # the warning about an endpoint on a few extreme replicates, exactly when the independent
    # bootstrap's BCa level of that endpoint is outside [1/B, 1 - 1/B]
    limit = {"nl": ("ondergrens", "bovengrens"), "en": ("lower limit", "upper limit")}[lang]
    warning = [n for n in fig.notes if n.startswith(("Let op", "Note:"))]
    edge = exp["edge"]
    assert isinstance(edge, list)
    assert bool(warning) == bool(edge)
    if edge == ["0.025"]:
        assert limit[0] in warning[0] and limit[1] not in warning[0]
    src = fig.source
    assert src.startswith("Bron: CoMensha" if lang == "nl" else "Source: CoMensha")
    assert str(exp["model"]) in src
    assert _n(REPORT_NBOOT, lang) in src and f"seed {REPORT_SEED}" in src
    assert ("Politie" if lang == "nl" else "Police") in src


def _spec(page: str) -> dict[str, object]:
    start = page.index('"vis-schatting-slachtoffers": ') + len('"vis-schatting-slachtoffers": ')
    spec, _ = json.JSONDecoder().raw_decode(page[start:].replace("<\\/", "</"))
    assert isinstance(spec, dict)
    return spec


def test_chart_plots_the_rounded_estimate_and_interval(
    out_nl: dict[str, Path], expected_estimate: dict[str, object]
) -> None:
    spec = _spec(out_nl["html"].read_text(encoding="utf-8"))
    values = spec["data"]["values"]  # type: ignore[index]
    q = expected_estimate["quantiles"]
    assert isinstance(q, dict)
    by_row = {v["row"]: v for v in values}
    assert by_row["Geregistreerd (CoMensha)"]["value"] == REGISTERED_2024
    est = by_row["Geschat totaal"]
    assert (est["value"], est["lower"], est["upper"]) == (
        expected_estimate["estimate"],
        q["0.025"],
        q["0.975"],
    )


def test_pdf_has_the_estimate(pdf_nl: Path, expected_estimate: dict[str, object]) -> None:
    pdf = pdfium.PdfDocument(str(pdf_nl))
    try:
        text = " ".join(
            " ".join(pdf[i].get_textpage().get_text_range().split()) for i in range(len(pdf))
        )
    finally:
        pdf.close()
    q = expected_estimate["quantiles"]
    assert isinstance(q, dict)
    assert "Geschat aantal slachtoffers van mensenhandel in 2024" in text
    assert (
        f"ongeveer {_n(expected_estimate['estimate'], 'nl')} slachtoffers" in text  # type: ignore[arg-type]
    )
    assert f"loopt van {_n(q['0.025'], 'nl')} tot {_n(q['0.975'], 'nl')}" in text
    assert "gesloten" in text and "heterogeniteit" in text
    assert f"seed {REPORT_SEED}" in text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_workbook_sheet(
    out_nl: dict[str, Path],
    out_en: dict[str, Path],
    expected_estimate: dict[str, object],
    lang: str,
) -> None:
    wb = openpyxl.load_workbook((out_nl if lang == "nl" else out_en)["xlsx"])
    name = "Schatting" if lang == "nl" else "Estimate"
    assert wb.sheetnames[-1] == name
    links = [c.value for row in wb.worksheets[0].iter_rows() for c in row[:1] if c.hyperlink]
    assert name in links
    ws = wb[name]
    assert str(ws.cell(1, 1).value).startswith(SECTION[lang])
    assert str(expected_estimate["model"]) in str(ws.cell(2, 1).value)
    got = [ws.cell(5 + i, 2).value for i in range(len(ROWS))]
    assert got == _expected_rows(expected_estimate)
    assert all(isinstance(v, int | float) for v in got)
    notes = " ".join(str(ws.cell(r, 1).value) for r in range(11, 20) if ws.cell(r, 1).value)
    for word in ASSUMPTIONS[lang]:
        assert word in notes


def test_open_data_resource(out_nl: dict[str, Path], expected_estimate: dict[str, object]) -> None:
    folder = out_nl["csv"].parent
    desc = json.loads(out_nl["csv"].read_text(encoding="utf-8"))
    res = {r["name"]: r for r in desc["resources"]}["schatting.slachtoffers"]
    assert res["sources"][0]["title"].startswith("Bron: CoMensha")
    assert all(w in res["description"] for w in ASSUMPTIONS["nl"])
    with (folder / res["path"]).open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [int(r["value"]) for r in rows] == _expected_rows(expected_estimate)
    assert [r["flag"] for r in rows] == ["exact"] + ["rounded"] * 5
    assert {r["year"] for r in rows} == {str(YEAR)}
    # frictionless validation of the whole package is in test_pub_opendata


def _unavailable_html(ws: Workspace, est: PublishedEstimate, lang: str) -> str:
    return render(ws, YEAR, lang, estimate=est)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_comensha_victims_says_so(pub_ws: Workspace, lang: str) -> None:
    """A year without CoMensha victims: no estimate, and the section says why."""
    est = published_estimate(pub_ws, 1999, nboot=10, seed=1)
    assert not est.available and est.reason == "no_data"
    page = _unavailable_html(pub_ws, est, lang)
    doc = parse(page)
    assert SECTION[lang] in doc.h3 and doc.estimates == {}
    slot = re.search(r'data-slot="schatting">([^<]*)<', page)
    assert slot is not None
    assert ("CoMensha" in slot.group(1)) and ("1999" in slot.group(1))


def test_no_comensha_delivery_says_so(tmp_path: Path) -> None:
    """A warehouse without any CoMensha delivery: the estimate has the reason, no error."""
    ws = synthetic_workspace(tmp_path, "ind")
    est = published_estimate(ws, YEAR, nboot=10, seed=1)
    assert not est.available and est.reason == "no_data"


def test_report_nboot_and_seed_options(
    pub_ws: Workspace, tmp_path: Path, expected_estimate: dict[str, object]
) -> None:
    """`report --nboot 0`: the estimate without an interval, two significant digits;
    `--nboot 50 --seed 7`: that bootstrap, named in the source line, recomputed independently."""
    env = {HOME_ENV: str(pub_ws.home)}
    runner = CliRunner()
    out = tmp_path / "o0"
    r = runner.invoke(
        app, ["report", "--format", "csv", "--nboot", "0", "--out", str(out)], env=env
    )
    assert r.exit_code == 0, r.output
    with (out / "opendata-2024-nl" / "schatting.slachtoffers.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    raw = expected_estimate["raw_estimate"]
    assert isinstance(raw, float)
    unit = 10 ** (len(str(int(raw))) - 2)
    assert [int(x["value"]) for x in rows] == [
        REGISTERED_2024,
        int((raw / unit + 0.5) // 1) * unit,
    ]
    out = tmp_path / "o50"
    args = ["report", "--format", "csv", "--nboot", "50", "--seed", "7", "--out", str(out)]
    r = runner.invoke(app, args, env=env)
    assert r.exit_code == 0, r.output
    exp = independent_estimate(pub_ws, YEAR, 50, 7)
    folder = out / "opendata-2024-nl"
    with (folder / "schatting.slachtoffers.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [int(x["value"]) for x in rows] == _expected_rows(exp)
    desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    src = {r["name"]: r for r in desc["resources"]}["schatting.slachtoffers"]["sources"][0]
    assert "50 replicaties, seed 7" in src["title"]
