"""Multiple systems estimation against the reference results of the MSE literature."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import numpy as np
import pytest
import typer
from typer.testing import CliRunner

from ketenmonitor.estimation import (
    CaptureHistoryError,
    bic_select,
    check_model,
    fit_fixed,
    parse_model,
    read_csv,
    stepwise,
)
from ketenmonitor.estimation.bootstrap import bca_quantiles, bootstrap
from ketenmonitor.estimation.cli import estimate
from ketenmonitor.estimation.lattice import NO_MLE, NOT_IDENTIFIABLE, OK
from ketenmonitor.estimation.models import format_model, hierarchical_models
from ketenmonitor.estimation.strata import fit_strata
from ketenmonitor.estimation.warehouse import capture_histories

MSE = Path(__file__).parents[1] / "fixtures" / "mse"


def table(name: str):
    return read_csv(MSE / f"{name}.csv")


@pytest.mark.parametrize(
    ("name", "model", "value"),
    [("Korea", "[12,3]", 268.778), ("UKdat_5", "[12,13,24,25,35,45]", 11312.990)],
)
def test_stepwise_reference(name: str, model: str, value: float) -> None:
    est = stepwise(table(name), 0.02)
    assert est.model == model
    assert est.estimate == pytest.approx(value, rel=1e-4)


@pytest.mark.parametrize(
    ("name", "model", "value"),
    [("Korea", "[12,23]", 157.167), ("UKdat_5", "[123,25,34]", 25311.291)],
)
def test_bic_reference(name: str, model: str, value: float) -> None:
    est = bic_select(table(name))
    assert est.model == model
    assert est.estimate == pytest.approx(value, rel=1e-4)


def test_fixed_models_reproduce_reference_estimates() -> None:
    uk = table("UKdat_5")
    assert fit_fixed(uk, parse_model("[123,25,34]", 5)).estimate == pytest.approx(25311.291, 1e-6)
    assert fit_fixed(table("Korea"), parse_model("[12,3]", 3)).estimate == pytest.approx(
        268.778, 1e-6
    )


def test_artificial_existence_and_identifiability() -> None:
    a = table("Artificial_3")
    assert check_model(a, parse_model("[12,3]", 3))[0] == NO_MLE
    assert check_model(a, parse_model("[12,13,23]", 3))[0] == NOT_IDENTIFIABLE
    assert check_model(a, parse_model("[13,23]", 3))[0] == OK
    # 13 and 23 never overlap: at -infinity, so the fit is exact on the four seen cells
    assert fit_fixed(a, parse_model("[13,23]", 3)).estimate == pytest.approx(96 + 40 * 30 / 6)


def test_model_notation_and_enumeration() -> None:
    m = parse_model("[12,13,4]", 4)
    assert format_model(m, 4) == "[12,13,4]"
    assert format_model(parse_model("[123]", 4), 4) == "[123,4]"
    assert [len(hierarchical_models(t)) for t in (3, 4, 5)] == [8, 113, 6893]
    with pytest.raises(ValueError):
        parse_model("[15]", 4)


def test_bad_tables(tmp_path: Path) -> None:
    cases = {
        "nooverlap.csv": "A,B,count\n1,0,3\n0,1,4\n",
        "notbinary.csv": "A,B,count\n2,0,3\n1,1,4\n",
        "negative.csv": "A,B,count\n1,0,-3\n1,1,4\n",
    }
    for name, text in cases.items():
        (tmp_path / name).write_text(text)
        with pytest.raises(CaptureHistoryError):
            read_csv(tmp_path / name)


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("estimate")(estimate)
    app.command("other")(lambda: None)
    return app


def test_cli_json() -> None:
    res = CliRunner().invoke(
        _app(), ["estimate", str(MSE / "Korea.csv"), "--method", "stepwise", "--json"]
    )
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert set(out) == {"observed", "estimate", "model", "method", "n_models_considered"}
    assert out["model"] == "[12,3]" and out["observed"] == 123
    res = CliRunner().invoke(
        _app(),
        [
            "estimate",
            str(MSE / "Korea.csv"),
            "--method",
            "fixed",
            "--model",
            "[12,23]",
            "--nboot",
            "50",
            "--seed",
            "3",
            "--json",
        ],
    )
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert set(out["quantiles"]) == {"0.025", "0.1", "0.9", "0.975"}
    assert out["estimate"] == pytest.approx(157.167, rel=1e-4)


def test_cli_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("A,B,count\n1,0,3\n0,1,4\n")
    res = CliRunner().invoke(_app(), ["estimate", str(bad)])
    assert res.exit_code == 2
    assert "overlap" in res.output
    res = CliRunner().invoke(
        _app(),
        ["estimate", str(MSE / "Artificial_3.csv"), "--method", "fixed", "--model", "[12,3]"],
    )
    assert res.exit_code == 2 and "no (extended) maximum likelihood" in res.output


def test_bootstrap_seeded_and_ordered() -> None:
    k = table("Korea")
    e = stepwise(k)
    q1, b1 = bootstrap(k, "stepwise", e.estimate, nboot=200, seed=7, jobs=1)
    q2, b2 = bootstrap(k, "stepwise", e.estimate, nboot=200, seed=7, jobs=2)
    assert q1 == q2 and np.array_equal(b1, b2)
    assert q1["0.025"] <= q1["0.1"] <= q1["0.9"] <= q1["0.975"]


def test_bca_without_bias_or_acceleration_is_percentile() -> None:
    boot = np.linspace(0, 100, 10001)
    q = bca_quantiles(50.0, boot, np.array([1.0, 1.0]), np.array([1.0, 1.0]))
    assert q["0.025"] == pytest.approx(2.5, abs=0.05)
    assert q["0.975"] == pytest.approx(97.5, abs=0.05)


def test_strata_add_up_and_single_stratum_matches() -> None:
    uk = table("UKdat_5")
    model = parse_model("[12,13,24,25,35,45]", 5)
    one = fit_strata({"all": uk}, model)
    assert one.total == pytest.approx(11312.990, rel=1e-6)
    rng = np.random.default_rng(0)
    part = rng.binomial(uk.counts.astype(int), 0.4).astype(float)
    from ketenmonitor.estimation.capture import CaptureHistory

    two = fit_strata(
        {"a": CaptureHistory(uk.lists, part), "b": CaptureHistory(uk.lists, uk.counts - part)},
        model,
    )
    assert two.total == pytest.approx(sum(two.estimates.values()))
    assert sum(two.observed.values()) == 2744


def test_capture_histories_from_victims() -> None:
    con = duckdb.connect()
    con.execute(
        "CREATE TEMP TABLE slachtoffers_src AS SELECT * FROM (VALUES "
        "(2024, ['politie', 'kmar'], ['arbeidsuitbuiting']),"
        "(2024, ['politie'], ['arbeidsuitbuiting']),"
        "(2024, ['ind', 'coa'], ['criminele_uitbuiting', 'arbeidsuitbuiting']),"
        "(2023, ['nla'], ['arbeidsuitbuiting'])) t(jaar, melders, vormen)"
    )
    from ketenmonitor.estimation import warehouse as wmod

    orig = wmod.create_victim_views
    wmod.create_victim_views = lambda c: c.execute(  # type: ignore[assignment]
        "CREATE OR REPLACE TEMP VIEW slachtoffers AS SELECT * FROM slachtoffers_src"
    )
    try:
        tabs = capture_histories(con, 2024, "form")
    finally:
        wmod.create_victim_views = orig
    assert set(tabs) == {"arbeidsuitbuiting", "meerdere_vormen"}
    ch = tabs["arbeidsuitbuiting"]
    assert ch.lists == ("politie", "kmar", "overig")
    assert ch.counts[0b011] == 1 and ch.counts[0b001] == 1
    assert tabs["meerdere_vormen"].counts[0b100] == 1


@pytest.mark.slow
def test_bic_bootstrap_runs() -> None:
    uk = table("UKdat_5")
    e = bic_select(uk)
    _q, boot = bootstrap(uk, "bic", e.estimate, nboot=20, seed=1)
    assert np.isfinite(boot).all()


def test_lattice_transforms_against_brute_force() -> None:
    from ketenmonitor.estimation.lattice import subset_sum, superset_sum

    rng = np.random.default_rng(4)
    for t in (2, 3, 5):
        v = rng.normal(size=(3, 2**t))
        before = v.copy()
        sup = np.array(
            [[sum(r[c] for c in range(2**t) if c & a == a) for a in range(2**t)] for r in v]
        )
        sub = np.array(
            [[sum(r[a] for a in range(2**t) if c & a == a) for c in range(2**t)] for r in v]
        )
        assert np.allclose(superset_sum(v, t), sup) and np.allclose(subset_sum(v, t), sub)
        assert np.array_equal(v, before)  # the transforms work on a copy
