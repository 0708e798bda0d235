"""The OM delivered twice (synth.om_2015): the April-2020 extract is what the OM knew then, the
2025 re-delivery holds every case of it and the 2020-2024 world of synth.om unchanged."""

from __future__ import annotations

import datetime as dt

from ketenmonitor.synth import om as om2020
from ketenmonitor.synth.om_2015 import PEILDATUM_2020, _replicate, world
from tests.conftest import assert_same_ages

DATES = {
    "zaken": ("inschrijvingsdatum", "afhandelingsdatum", "pleegdatum_begin"),
    "feiten": ("pleegdatum_begin", "pleegdatum_eind"),
    "vonnissen": ("vonnisdatum",),
}


def test_april_2020_extract_has_nothing_after_its_peildatum() -> None:
    rows = world().april_2020
    for table, columns in DATES.items():
        for r in rows[table]:
            for c in columns:
                assert r[c] is None or r[c] < PEILDATUM_2020, (table, c, r[c])


def test_re_delivery_holds_every_earlier_case() -> None:
    w = world()
    early = {z["parketnummer"] for z in w.april_2020["zaken"]}
    later = {z["parketnummer"]: z for z in w.re_delivery["zaken"]}
    assert early < set(later)
    added = [
        z for pn, z in later.items() if pn not in early and z["inschrijvingsdatum"] < PEILDATUM_2020
    ]
    assert len(added) == 3  # the late registrations of REVISIONS
    changed = [
        z
        for z in w.april_2020["zaken"]
        if z["afdoening"] is not None
        and (later[z["parketnummer"]]["afdoening"], later[z["parketnummer"]]["sepotgrond"])
        != (z["afdoening"], z["sepotgrond"])
    ]
    assert len(changed) == 3  # two grounds now known, one corrected


def test_re_delivery_keeps_the_2020_2024_world() -> None:
    """The cases of synth.om are delivered as it writes them (offences with a minor victim added
    to some 2018-2019 cases; no Jaarcijfers figure counts them)."""
    base = om2020.case_rows(om2020.calibrate(), scale=1)
    later = world().re_delivery
    for table in ("verdachten", "vonnissen", "vonnis_feiten", "straffen", "dossierstudie"):
        assert later[table][: len(base[table])] == base[table], table
    # a suspect found in another source has that source's date of birth (synth.identities),
    # which gives the same age at the begin of the offence: the only column that differs
    zaken = later["zaken"][: len(base["zaken"])]
    assert [{**z, "geboortedatum": None} for z in zaken] == [
        {**z, "geboortedatum": None} for z in base["zaken"]
    ]
    moved = [
        (a["geboortedatum"], b["geboortedatum"], a["pleegdatum_begin"])
        for a, b in zip(zaken, base["zaken"], strict=True)
        if a != b and a["pleegdatum_begin"] is not None
    ]
    assert len(moved) > 50
    assert_same_ages(moved)
    feiten = later["feiten"][: len(base["feiten"])]
    assert feiten == base["feiten"]
    extra = [f for f in later["feiten"][len(base["feiten"]) :] if "/8" not in f["parketnummer"]]
    assert extra and all(f["sub"] == 2 and f["stadium"] == "inschrijving" for f in extra)


def test_scale_copies_under_new_numbers() -> None:
    rows = world().april_2020
    double = _replicate(rows, 2)
    assert len(double["zaken"]) == 2 * len(rows["zaken"])
    assert len({z["parketnummer"] for z in double["zaken"]}) == len(double["zaken"])
    assert isinstance(double["zaken"][0]["inschrijvingsdatum"], dt.date)
