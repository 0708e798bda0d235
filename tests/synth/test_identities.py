"""One synthetic world: the same person keeps one identity across the sources' deliveries, and
a ground-truth file, apart from the deliveries, says who is who (synth.identities).

The checks read the files ``ketenmonitor synth`` writes, through the readers ingestion uses, and
compare what each source delivers about the persons the ground truth calls one."""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ketenmonitor.cli import app
from ketenmonitor.contracts import codelist, load_contract
from ketenmonitor.sources.readers import open_delivery
from ketenmonitor.synth import comensha as comensha_synth
from ketenmonitor.synth import identities
from tests.conftest import assert_same_ages

FILES = {
    "politie": ("politie.zip", "personen"),
    "emm": ("emm.xlsx", "personen"),
    "om": ("om.zip", "zaken"),
    "comensha": ("comensha.xlsx", "registraties"),
    "reclassering": ("reclassering.csv", "opdrachten"),
}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, str]]]:
    root = tmp_path_factory.mktemp("world")
    result = CliRunner().invoke(app, ["synth", "--out", str(root / "deliveries")])
    assert result.exit_code == 0, result.output
    with (root / "ground_truth" / "personen.csv").open(encoding="utf-8") as fh:
        return root, list(csv.DictReader(fh, delimiter=";"))


def _rows(path: Path, contract: str, table: str) -> list[dict[str, Any]]:
    """A delivered table as ingestion reads it: text, SPSS codes as their labels."""
    tables = [t.name for t in load_contract(contract).tables]
    reader = open_delivery(path, tables, Path(tempfile.mkdtemp()))[table]
    return [r for batch in reader.batches() for r in batch.to_pylist()]


def _code(listname: str) -> dict[str | None, str | None]:
    """Label or code -> code ('Man' and 'M' -> 'M'); unknowns -> None."""
    out: dict[str | None, str | None] = {None: None}
    for c in codelist(listname).codes:
        out[c.code] = out[c.label_nl or c.code] = c.code
    for unknown in ("O", "X", "Onbekend", "Anders"):
        out[unknown] = None
    return out


def _delivered(folder: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """Per (source, person number): the sexes, countries of birth, nationalities and dates of
    birth the rows deliver, and the police's (date, age) pairs."""
    sex, land = _code("geslacht"), _code("land")
    out: dict[tuple[str, str], dict[str, Any]] = defaultdict(lambda: defaultdict(set))
    om_traits = {r["persoon_id"]: r for r in _rows(folder / "om.zip", "om", "verdachten")}
    for bron, (file, table) in FILES.items():
        for r in _rows(folder / file, bron, table):
            if not r.get("persoon_id"):
                continue  # CoMensha's anonymous reports
            p = out[bron, r["persoon_id"]]
            traits = {**r, **om_traits.get(r["persoon_id"], {})} if bron == "om" else r
            p["geslacht"].add(sex.get(traits.get("geslacht")))
            p["geboorteland"].add(land.get(traits.get("geboorteland")))
            p["nationaliteit"].add(traits.get("nationaliteit"))
            if traits.get("geboortedatum"):
                p["geboortedatum"].add(dt.date.fromisoformat(traits["geboortedatum"]))
            if bron == "politie" and r["leeftijd_bij_plegen"]:
                op = r["pleegdatum"] or r["meldingsdatum"]
                p["leeftijd"].add((dt.date.fromisoformat(op), int(r["leeftijd_bij_plegen"])))
    return out


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def test_ground_truth_is_apart_and_names_every_person_once(
    world: tuple[Path, list[dict[str, str]]],
) -> None:
    root, truth = world
    assert not list((root / "deliveries").rglob("personen.csv"))
    listed = Counter((r["bron"], r["persoon_id"]) for r in truth)
    assert max(listed.values()) == 1
    assert set(listed) == set(_delivered(root / "deliveries"))


def test_one_person_agrees_with_themselves_in_every_source(
    world: tuple[Path, list[dict[str, str]]],
) -> None:
    root, truth = world
    delivered = _delivered(root / "deliveries")
    members: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in truth:
        members[r["wereld_id"]].append((r["bron"], r["persoon_id"]))
    together: Counter[frozenset[str]] = Counter()
    for keys in members.values():
        sources = frozenset(b for b, _ in keys)
        if len(keys) < 2:
            continue
        together[sources] += 1
        for trait in ("geslacht", "geboorteland", "nationaliteit", "geboortedatum"):
            known = {v for k in keys for v in delivered[k][trait]} - {None}
            assert len(known) <= 1, (keys, trait, known)
        born = {v for k in keys for v in delivered[k]["geboortedatum"]}
        for k in keys:  # the police deliver ages: the world's date of birth gives them
            for on, age in delivered[k]["leeftijd"]:
                assert all(_age(b, on) == age for b in born), (keys, on, age, born)
    pairs = Counter()
    for sources, n in together.items():
        for a in sources:
            for b in sources:
                if a < b:
                    pairs[a, b] += n
    # every link of the chain is there, suspects and victims alike (REGELS: chosen chances)
    assert pairs["emm", "politie"] > 300
    assert pairs["emm", "om"] > 300
    assert pairs["om", "reclassering"] > 60
    assert pairs["om", "politie"] > 150
    assert pairs["comensha", "emm"] > 300
    assert pairs["comensha", "politie"] > 150
    assert together[frozenset(("politie", "emm", "om", "reclassering"))] >= 1
    # a person with two supervisions is one suspect whom the OM registered under two numbers
    twice = [k for k in members.values() if Counter(b for b, _ in k)["om"] == 2]
    assert len(twice) == 7 and all(any(b == "reclassering" for b, _ in k) for k in twice)


def test_the_om_and_emm_share_no_key(world: tuple[Path, list[dict[str, str]]]) -> None:
    """The gap of the real chain: the OM's files carry nothing of the EMM's (and the other way
    round), so the linked persons can only be found by their traits."""
    folder = world[0] / "deliveries"
    emm_values = {
        v
        for table in ("onderzoeken", "personen")
        for r in _rows(folder / "emm.xlsx", "emm", table)
        for v in r.values()
        if isinstance(v, str) and v.startswith(("EMM-", "Onderzoek-"))
    }
    om_values = {
        v
        for table in ("verdachten", "zaken", "feiten", "vonnissen")
        for r in _rows(folder / "om.zip", "om", table)
        for v in r.values()
    }
    assert emm_values and not emm_values & om_values


def test_comensha_keeps_every_age() -> None:
    """A victim found by the police or in an investigation takes that date of birth; every age
    CoMensha delivers stays what it was, so no published figure moves."""
    persons = comensha_synth.calibrate()
    alone = comensha_synth.registrations(persons, world=False)
    linked = comensha_synth.registrations(persons)
    assert [{**r, "geboortedatum": None} for r in alone] == [
        {**r, "geboortedatum": None} for r in linked
    ]
    moved = [
        (a["geboortedatum"], b["geboortedatum"], a["registratiedatum"])
        for a, b in zip(linked, alone, strict=True)
        if a["geboortedatum"] != b["geboortedatum"]
    ]
    assert len(moved) > 100
    assert_same_ages(moved)


def test_copies_repeat_the_links_of_copy_0() -> None:
    """At scale 2 the EMM, OM and IRIS persons of copy 1 are linked as their originals in copy 0
    are; the police's and CoMensha's second copies are persons of their own."""
    truth = identities.ground_truth(2)
    assert len({(r["bron"], r["persoon_id"]) for r in truth}) == len(truth)
    members: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in truth:
        members[r["wereld_id"]].add((r["bron"], r["persoon_id"]))
    copies = [w for w in members if w.endswith("-1")]
    assert len(copies) > 3000
    for w in copies:
        original = {(b, f"{p}-1") for b, p in members[w.removesuffix("-1")]}
        assert members[w] == {(b, p) for b, p in original if b in ("emm", "om", "reclassering")}
    second = [r for r in truth if r["bron"] in ("politie", "comensha") and r["kopie"] == 1]
    assert {r["bron"] for r in second} == {"politie", "comensha"}
    assert all(len(members[r["wereld_id"]]) == 1 for r in second)
