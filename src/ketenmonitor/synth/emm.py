"""A synthetic EMM delivery calibrated to the Jaarcijfers Mensenhandel 2024, chapter 2 'Opsporing',
and to the Dadermonitor mensenhandel 2015-2019, chapter 4 'Opsporing'.

``write_emm(out_dir, scale=1, seed=...)`` writes ``emm.xlsx`` (the emm contract: sheets
onderzoeken and personen) with the investigations started in 2015-2024 and the persons in
those of 2015-2019 and 2021-2024; ``write_emm_jaartellingen(out_dir, scale=1)`` writes the
ISZW-DO's corrected yearly counts for 2015-2019 (contract emm_jaartellingen). The 2020-2024
part is drawn from its own seeded generator and is the same as before the Dadermonitor part was
added. After the real ingestion and
``ketenmonitor.domain.investigations.create_investigation_views``, Figuur 13 and 14 and the
numbers the text states equal the publication exactly:

- Figuur 13 (forms per year, multi-valued) and the year totals: 142 in 2024, a five-year mean of
  170 (850 in 2020-2024), 6 investigations in 2020-2024 that are labour exploitation only because
  the NLA ran them (line 738);
- Figuur 14 (suspects by sex, 2021-2024), 96% of the 2024 suspects of known age adult, and the
  2024 nationalities (126 Dutch, 16 Romanian, 5 Bulgarian, 27 unknown, 36 of many others).

The calibration is direct construction, no solver: the year totals are not published, so they
are chosen (``TOTALEN``) between the largest form and the sum of the forms, and the overlaps
that close the gap are spelled out per year as counts of form combinations (``COMBINATIES``).
Everything no figure fixes (police unit, start date, bronland, the domestic/cross-border split,
victims and other persons, ages, the nationalities of 2021-2023) is drawn from a seeded
generator, so the file is the same on every run. ``scale`` repeats every investigation (with
its persons) ``scale`` times under new names, so every count multiplies by ``scale``.

2020 has no persons: the EMM file in its current form exists since 2021 and the Rapporteur takes
2020 from earlier studies (section 4, lines 734 and 740).

Dadermonitor 2015-2019 (``DM_*``, ``_dadermonitor``): with both deliveries ingested, chapter 4's
Figuur 4.1 (investigations and persons by role per year), 4.3 (by body, year and form) and 4.4
(police investigations by unit, year and form) equal the publication, and Figuur 4.2's published
cells and the text's numbers hold. The police's unit x year x form table is not published, only
its three two-way margins (Figuur 4.4's years and forms and the police row of the year x form
table chosen in ``DM_VORM_JAAR``); one table with those margins, closest to proportional, was
found once with scipy.optimize.milp and is written out in ``DM_POLITIE`` (asserted at run time,
no solver runs here). The ISZW-DO's own list in the EMM file (``DM_NLA_EMM``, another definition
of an investigation, lines 4703-4713) differs from its corrected counts (``DM_ISZW``) and has no
persons; the corrected counts replace it (rule ``JAARTELLINGEN_VERVANGEN``).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ketenmonitor.contracts import load_contract
from ketenmonitor.synth import SYNTH_PEILDATUM, _write_xlsx
from ketenmonitor.synth.daders import Doel, traits

YEARS = (2020, 2021, 2022, 2023, 2024)
DEFAULT_SEED = 2024

FIGUUR_13 = {
    "S": (143, 135, 136, 119, 84),
    "A": (9, 11, 7, 11, 6),
    "C": (9, 5, 12, 36, 37),
    "O": (11, 39, 47, 36, 29),
}
"""Figuur 13: investigations per form (S sexual, A labour, C criminal, O overig/onbekend)."""

TOTALEN = (164, 182, 192, 170, 142)
"""Investigations started per year: 142 in 2024 (line 399); the others are not published and are
chosen so that the five years sum to 850 (mean 170, line 399) and each lies between the largest
form and the sum of the forms of Figuur 13."""

COMBINATIES: dict[int, dict[str, int]] = {
    2020: {"SC": 5, "SA": 3},
    2021: {"SC": 3, "SA": 4, "AC": 1},
    2022: {"SC": 6, "SA": 3, "AC": 1},
    2023: {"SC": 24, "SA": 2, "AC": 4, "SAC": 1},
    2024: {"SC": 10, "SA": 2, "AC": 2},
}
"""Investigations with more than one form (Figuur 13, Noot 1); the rest have one form."""

NLA = {2020: (1, 2), 2021: (1, 1), 2022: (1, 1), 2023: (2, 1), 2024: (1, 1)}
"""Per year (NLA investigations without CA-code U02, with U02). The first sum to 6 (line 738)."""

ORGAAN = {2022: 1}
"""Investigations of forced organ removal (in 'Overig/onbekend'), not published apart."""

FIGUUR_14 = {
    "M": (224, 210, 248, 147),
    "V": (49, 59, 56, 35),
    "O": (54, 37, 43, 28),
}
"""Figuur 14: suspects by sex, 2021-2024."""

LEEFTIJD_2024 = {"minderjarig": 7, "meerderjarig": 173, "onbekend": 30}
"""2024 suspects: 173 of the 180 of known age adult = 96% (line 431)."""

NATIONALITEIT_2024 = {"NL": 126, "RO": 16, "BG": 5, None: 27}
"""2024 suspects (line 433); the other 36 have many nationalities, none more than 4."""

OVERIGE_NATIONALITEITEN = (
    "PL", "HU", "DE", "BE", "FR", "ES", "IT", "LT", "LV", "SK", "CZ", "PT", "GR", "MA", "TR",
    "NG", "SR", "CO", "BR", "VN", "CN", "UA", "SY", "ER", "GB", "AL", "DO", "TH",
)  # fmt: skip
"""Nationalities of suspects other than the published ones: EEA and beyond (line 433)."""

POLITIE = (
    "POL-NN", "POL-ON", "POL-MN", "POL-NH", "POL-AM", "POL-DH", "POL-RT", "POL-ZWB", "POL-OB",
    "POL-LB", "POL-LE",
)  # fmt: skip

SPLITSING = {
    # year: (binnenlands, onbekend) among sexual investigations; the rest is international.
    # Not published; the text says the fall in 2024 is mostly domestic (lines 403 and 704).
    2020: (78, 8),
    2021: (74, 7),
    2022: (75, 8),
    2023: (66, 7),
    2024: (38, 6),
}


@dataclass
class Onderzoek:
    naam: str
    jaar: int
    vormen: str  # letters of S, A, C, O
    instantie: str = ""
    u02: bool = True
    orgaan: bool = False
    split: str = ""  # bin / int / onb for sexual investigations
    bronland: bool = False  # the split rests on the bronland (else on the victims)
    start: dt.date = SYNTH_PEILDATUM
    personen: list[dict[str, Any]] = field(default_factory=list)


def _investigations(rng: random.Random) -> list[Onderzoek]:
    out: list[Onderzoek] = []
    for k, year in enumerate(YEARS):
        combos = dict(COMBINATIES[year])
        used = {f: sum(n for c, n in combos.items() if f in c) for f in "SAC"}
        for f in "SAC":
            combos[f] = FIGUUR_13[f][k] - used[f]
        combos["O"] = FIGUUR_13["O"][k]
        assert min(combos.values()) >= 0 and sum(combos.values()) == TOTALEN[k], (year, combos)
        year_inv = [
            Onderzoek(naam="", jaar=year, vormen=c) for c, n in combos.items() for _ in range(n)
        ]
        rng.shuffle(year_inv)
        # the NLA runs labour-only investigations; some have no CA-code U02 (line 738)
        without, with_u02 = NLA[year]
        labour_only = [o for o in year_inv if o.vormen == "A"]
        for i, o in enumerate(labour_only[: without + with_u02]):
            o.instantie = "NLA"
            o.u02 = i >= without
        for o in [o for o in year_inv if o.vormen == "O"][: ORGAAN.get(year, 0)]:
            o.orgaan = True
        sexual = [o for o in year_inv if "S" in o.vormen]
        bin_, onb = SPLITSING[year]
        for i, o in enumerate(sexual):
            o.split = "bin" if i < bin_ else "onb" if i < bin_ + onb else "int"
            # no persons before 2021: the split of those years rests on the bronland
            o.bronland = o.split != "onb" and (year < 2021 or rng.random() < 0.6)
        for o in year_inv:
            if not o.instantie:
                kmar = o.split == "int" and rng.random() < 0.12
                o.instantie = "KMAR" if kmar else rng.choice(POLITIE)
            day = rng.randint(0, 364)
            o.start = dt.date(year, 1, 1) + dt.timedelta(days=day)
        out.extend(year_inv)
    for i, o in enumerate(sorted(out, key=lambda o: (o.start, o.vormen))):
        o.naam = f"Onderzoek-{o.jaar}-{i + 1:04d}"
    return sorted(out, key=lambda o: o.naam)


def _slots(counts: dict[Any, int], rng: random.Random) -> list[Any]:
    values = [v for v, n in counts.items() for _ in range(n)]
    rng.shuffle(values)
    return values


def _other_nationalities(n: int, rng: random.Random) -> list[str]:
    """``n`` nationalities of many countries, none more than 4 times."""
    pool = [c for c in OVERIGE_NATIONALITEITEN for _ in range(4)]
    rng.shuffle(pool)
    return pool[:n]


def _nationalities(year: int, n: int, rng: random.Random) -> list[str | None]:
    if year == 2024:
        fixed = dict(NATIONALITEIT_2024)
        rest = n - sum(fixed.values())
        values: list[str | None] = [v for v, c in fixed.items() for _ in range(c)]
        values += _other_nationalities(rest, rng)
        rng.shuffle(values)
        return values
    # not published: shares like 2024
    out: list[str | None] = []
    for _ in range(n):
        r = rng.random()
        nat: str | None
        if r < 0.58:
            nat = "NL"
        elif r < 0.66:
            nat = "RO"
        elif r < 0.69:
            nat = "BG"
        elif r < 0.82:
            nat = None
        else:
            nat = rng.choice(OVERIGE_NATIONALITEITEN)
        out.append(nat)
    return out


def _age_classes(year: int, n: int, rng: random.Random) -> list[str]:
    if year == 2024:
        assert sum(LEEFTIJD_2024.values()) == n
        return _slots(LEEFTIJD_2024, rng)
    minors = round(0.04 * n)
    unknown = round(0.13 * n)
    return _slots(
        {"minderjarig": minors, "onbekend": unknown, "meerderjarig": n - minors - unknown}, rng
    )


def _birth(start: dt.date, age: int, rng: random.Random) -> dt.date:
    """A date of birth that makes the person exactly ``age`` at ``start``."""
    try:
        anniversary = start.replace(year=start.year - age)
    except ValueError:  # 29 February
        anniversary = dt.date(start.year - age, 2, 28)
    return anniversary - dt.timedelta(days=rng.randint(1, 300))


def _suspects(invs: list[Onderzoek], rng: random.Random, next_id: list[int]) -> None:
    for k, year in enumerate(YEARS[1:]):
        year_inv = [o for o in invs if o.jaar == year]
        sexes = _slots({s: v[k] for s, v in FIGUUR_14.items()}, rng)
        n = len(sexes)
        ages = _age_classes(year, n, rng)
        nats = _nationalities(year, n, rng)
        # every investigation gets a suspect first (an investigation needs one, Dadermonitor
        # line 5183), the rest go to random investigations
        targets = year_inv + [rng.choice(year_inv) for _ in range(n - len(year_inv))]
        for sex, cls, nat, o in zip(sexes, ages, nats, targets, strict=True):
            next_id[0] += 1
            age = None
            if cls == "minderjarig":
                age = rng.randint(14, 17)
            elif cls == "meerderjarig":
                # never exactly 18, so 'ouder dan 18' and '18 of ouder' agree (line 431)
                age = rng.choice((rng.randint(19, 29), rng.randint(19, 45), rng.randint(25, 64)))
            geslacht = {"M": "M", "V": "V"}.get(sex) or rng.choice(("O", None, None, "X"))
            delivered_age = age is not None and rng.random() < 0.15
            o.personen.append(
                {
                    "persoon_id": f"EMM-P-{next_id[0]:06d}",
                    "onderzoek_naam": o.naam,
                    "rol": "verdachte",
                    "startdatum_onderzoek": o.start,
                    "geslacht": geslacht,
                    "geboortedatum": (
                        _birth(o.start, age, rng) if age is not None and not delivered_age else None
                    ),
                    "leeftijd_bij_start": age if delivered_age else None,
                    "nationaliteit": ("XXX" if nat is None and rng.random() < 0.2 else nat),
                    "geboorteland": nat if nat is not None and rng.random() < 0.7 else None,
                }
            )


def _repeat_offenders(invs: list[Onderzoek], rng: random.Random, pairs: int = 8) -> None:
    """Some suspects of 2021 are suspects again in 2023 (same EMM number, sex, nationality and
    date of birth); each counts in both years (persons per investigation)."""

    def adults(year: int) -> list[dict[str, Any]]:
        return [
            p
            for o in invs
            if o.jaar == year
            for p in o.personen
            if p["geboortedatum"] is not None and p["geslacht"] in ("M", "V")
        ]

    early, late = adults(2021), adults(2023)
    rng.shuffle(early)
    done = 0
    for p in early:
        match = next((q for q in late if q["geslacht"] == p["geslacht"]), None)
        if match is None:
            continue
        late.remove(match)
        for key in ("persoon_id", "nationaliteit", "geboortedatum", "geboorteland"):
            match[key] = p[key]
        done += 1
        if done == pairs:
            break


def _victims_and_others(invs: list[Onderzoek], rng: random.Random, next_id: list[int]) -> None:
    """Victims and other persons (witnesses, role unclear); their nationality carries the
    domestic/cross-border split of a sexual investigation without a bronland."""
    for o in invs:
        if o.jaar < 2021:
            continue
        n_victims = rng.choice((0, 1, 1, 1, 2, 2, 3))
        if o.split == "onb":
            n_victims = rng.choice((0, 1))
        elif o.split and not o.bronland:
            n_victims = max(1, n_victims)
        for _ in range(n_victims):
            next_id[0] += 1
            if o.split == "bin":
                nat: str | None = "NL"
            elif o.split == "int":
                nat = rng.choice(("RO", "HU", "BG", "CO", "NG", "UA", "TH", "BR", "PL"))
            elif o.split == "onb":
                nat = None
            else:
                nat = rng.choice(("NL", "RO", "PL", "BG", "UA", "NG", None))
            o.personen.append(_person(o, next_id[0], "slachtoffer", nat, rng))
        for _ in range(rng.choice((0, 0, 1, 2))):
            next_id[0] += 1
            o.personen.append(_person(o, next_id[0], "overig", rng.choice(("NL", None)), rng))


def _person(o: Onderzoek, n: int, rol: str, nat: str | None, rng: random.Random) -> dict[str, Any]:
    age = rng.randint(16, 50)
    return {
        "persoon_id": f"EMM-P-{n:06d}",
        "onderzoek_naam": o.naam,
        "rol": rol,
        "startdatum_onderzoek": o.start,
        "geslacht": rng.choice(("M", "V", "V")),
        "geboortedatum": _birth(o.start, age, rng) if rng.random() < 0.7 else None,
        "leeftijd_bij_start": None,
        "nationaliteit": nat,
        "geboorteland": None,
    }


def _onderzoek_row(o: Onderzoek, rng: random.Random) -> dict[str, Any]:
    vormen: list[str] = []
    if "S" in o.vormen:
        vormen.append("seksueel")
    labour_recorded = "A" in o.vormen and (o.instantie != "NLA" or o.u02)
    if labour_recorded:
        vormen.append("arbeid")
    if "C" in o.vormen:
        vormen.append("bedelarij" if rng.random() < 0.1 else "crimineel")
    if o.orgaan:
        vormen.append("orgaan")
    if not vormen and rng.random() < 0.5:
        vormen.append("onbekend")
    if "S" in o.vormen:
        seksueel: str | None = "seksueel"
    elif o.vormen == "O" and not o.orgaan:
        seksueel = rng.choice(("onbekend", None))
    else:
        seksueel = "niet_seksueel"
    ca: list[str] = []
    if "A" in o.vormen and o.u02:
        ca.append("U02")
    if rng.random() < 0.3 or (o.instantie == "NLA" and not o.u02):
        ca.append("overig")
    bronlanden: list[str] | None = None
    if o.split == "bin" and o.bronland:
        bronlanden = ["NL"]
    elif o.split == "int" and o.bronland:
        bronlanden = [rng.choice(("RO", "HU", "BG", "CO", "NG", "UA", "TH", "BR", "PL", "VE"))]
    elif not o.split and "A" in o.vormen and rng.random() < 0.5:
        bronlanden = [rng.choice(("PL", "RO", "UA", "IN", "PH"))]
    inzending = None
    if rng.random() < 0.4:
        inzending = o.start + dt.timedelta(days=rng.randint(60, 400))
        if inzending >= SYNTH_PEILDATUM:
            inzending = None
    return {
        "onderzoek_naam": o.naam,
        "startdatum": o.start,
        "instantie": o.instantie,
        "ca_codes": ca or None,
        "seksueel": seksueel,
        "uitbuitingsvormen": vormen or None,
        "bronlanden": bronlanden,
        "inzending_om": inzending,
    }


# --- Dadermonitor mensenhandel 2015-2019, chapter 4 -------------------------------------------

DM_YEARS = (2015, 2016, 2017, 2018, 2019)
DM_FORMS = ("bl_su", "go_su", "au", "cu", "onbekend")

DM_VORM_JAAR = {
    "bl_su": (78, 80, 79, 82, 76),
    "go_su": (72, 68, 66, 74, 42),
    "au": (17, 20, 14, 16, 7),
    "cu": (5, 6, 7, 7, 16),
    "onbekend": (23, 17, 25, 29, 28),
}
"""Figuur 4.2 (investigations by form and year; its cells did not survive the PDF extraction).
Published: the totals 395/322/74/41/122 (Figuur 4.3), 2019 GO-SU 42, AU 7, CU 16, GO-SU 'gemiddeld
zeventig' in 2015-2018, CU 'gemiddeld zes' before 2019, AU 'gemiddeld 17' (2015-2018), BL-SU
'ongeveer tachtig per jaar', Onbekend 'niet wezenlijk gestegen' from 2018 to 2019 (lines
4905-4948). The other cells are chosen within these."""

DM_ISZW = (13, 16, 10, 11, 4)
"""Figuur 4.3 row ISZW-DO: the corrected yearly counts, all labour exploitation (line 4675)."""

DM_NLA_EMM = (18, 22, 15, 17, 9)
"""The ISZW-DO's own list in the EMM file (another definition; not published, chosen to differ)."""

DM_KMAR: dict[str, tuple[int, ...]] = {
    "bl_su": (1, 0, 0, 0, 0),
    "go_su": (6, 2, 2, 2, 1),
    "au": (0, 0, 0, 1, 0),
    "cu": (0, 0, 0, 0, 0),
    "onbekend": (2, 1, 0, 0, 1),
}
"""Figuur 4.3 row KMar: years 9/3/2/3/2 and forms 1/13/1/0/4; the split over years is chosen."""

DM_POLITIE: dict[str, dict[str, tuple[int, ...]]] = {
    "POL-LE": {"bl_su": (0, 0, 0, 0, 0), "go_su": (0, 2, 1, 2, 0), "au": (0, 0, 0, 0, 1),
               "cu": (0, 0, 0, 1, 2), "onbekend": (0, 0, 0, 1, 2)},
    "POL-LB": {"bl_su": (2, 3, 3, 4, 4), "go_su": (5, 5, 6, 8, 5), "au": (0, 0, 1, 1, 0),
               "cu": (0, 0, 0, 0, 2), "onbekend": (1, 1, 2, 2, 2)},
    "POL-MN": {"bl_su": (7, 3, 7, 11, 6), "go_su": (3, 2, 3, 5, 0), "au": (0, 0, 0, 0, 0),
               "cu": (0, 0, 0, 0, 1), "onbekend": (2, 1, 2, 4, 2)},
    "POL-ZWB": {"bl_su": (7, 12, 8, 6, 4), "go_su": (2, 3, 1, 2, 0), "au": (0, 0, 0, 0, 0),
                "cu": (0, 1, 1, 0, 0), "onbekend": (2, 4, 3, 3, 1)},
    "POL-OB": {"bl_su": (10, 6, 5, 7, 5), "go_su": (8, 7, 5, 6, 1), "au": (0, 0, 0, 0, 0),
               "cu": (0, 0, 0, 0, 1), "onbekend": (3, 0, 2, 2, 2)},
    "POL-RT": {"bl_su": (6, 7, 6, 6, 10), "go_su": (5, 6, 5, 4, 4), "au": (1, 0, 0, 0, 0),
               "cu": (0, 0, 0, 0, 2), "onbekend": (3, 2, 3, 3, 5)},
    "POL-DH": {"bl_su": (7, 7, 7, 5, 8), "go_su": (7, 7, 6, 6, 4), "au": (1, 1, 0, 1, 1),
               "cu": (0, 0, 1, 1, 1), "onbekend": (2, 1, 2, 2, 3)},
    "POL-NH": {"bl_su": (5, 9, 8, 7, 7), "go_su": (6, 8, 7, 7, 6), "au": (0, 1, 1, 1, 0),
               "cu": (2, 2, 2, 2, 2), "onbekend": (1, 2, 3, 2, 3)},
    "POL-AM": {"bl_su": (7, 5, 6, 7, 5), "go_su": (11, 8, 10, 12, 6), "au": (1, 0, 1, 0, 0),
               "cu": (2, 1, 2, 2, 3), "onbekend": (3, 2, 3, 3, 2)},
    "POL-NN": {"bl_su": (14, 10, 14, 9, 12), "go_su": (13, 9, 12, 9, 9), "au": (1, 1, 1, 0, 1),
               "cu": (1, 1, 0, 0, 1), "onbekend": (1, 0, 2, 2, 2)},
    "POL-ON": {"bl_su": (12, 18, 15, 20, 15), "go_su": (6, 9, 8, 11, 6), "au": (0, 1, 0, 1, 0),
               "cu": (0, 1, 1, 1, 1), "onbekend": (3, 3, 3, 5, 3)},
}  # fmt: skip
"""Police investigations by unit, form and year (one table with Figuur 4.4's margins)."""

DM_FIGUUR_4_4 = {
    "POL-LE": ((0, 2, 1, 4, 5), (0, 5, 1, 3, 3)),
    "POL-LB": ((8, 9, 12, 15, 13), (16, 29, 2, 2, 8)),
    "POL-MN": ((12, 6, 12, 20, 9), (34, 13, 0, 1, 11)),
    "POL-ZWB": ((11, 20, 13, 11, 5), (37, 8, 0, 2, 13)),
    "POL-OB": ((21, 13, 12, 15, 9), (33, 27, 0, 1, 9)),
    "POL-RT": ((15, 15, 14, 13, 21), (35, 24, 1, 2, 16)),
    "POL-DH": ((17, 16, 16, 15, 17), (34, 30, 4, 3, 10)),
    "POL-NH": ((14, 22, 21, 19, 18), (36, 34, 3, 10, 11)),
    "POL-AM": ((24, 16, 22, 24, 16), (30, 47, 2, 10, 13)),
    "POL-NN": ((30, 21, 29, 20, 25), (59, 52, 4, 3, 7)),
    "POL-ON": ((21, 32, 27, 38, 25), (80, 40, 2, 4, 17)),
}
"""Figuur 4.4: per unit (years 2015-2019, forms BL-SU GO-SU AU CU Onbekend); only asserted."""

DM_SU_ONBEKEND = 67
"""Of the 122 'Onbekend': sexual exploitation, domestic or cross-border unknown (784 sexual,
line 4869, minus 395 + 322; line 4874)."""

DM_SPLIT_VIA_SLACHTOFFERS = 66
"""Sexual investigations without a bronland whose split the victims' nationality decides
(B1.4.2, footnote 5, line 9574)."""

DM_FIGUUR_4_1 = {
    "verdachte": (180, 179, 173, 134, 118),
    "slachtoffer": (162, 171, 176, 157, 152),
    "overig": (146, 105, 128, 125, 76),
}
"""Figuur 4.1: persons per investigation by role and start year (ISZW-DO's are missing)."""

DM_VROUWELIJKE_VERDACHTEN = 82
"""Female suspects in the EMM file 2015-2019 (chapter 8, line 7929: '82 ten opzichte van 135')."""

DM_VERDACHTEN: dict[str, tuple[int, ...]] = {
    "bl_su": (75, 79, 72, 53, 51),
    "go_su": (68, 66, 60, 48, 28),
    "au": (7, 7, 7, 6, 3),
    "cu": (8, 10, 10, 7, 17),
    "onbekend": (22, 17, 24, 20, 19),
}
"""Suspects per investigation by the investigation's form and start year (not published): the
years add up to Figuur 4.1's suspects (180/179/173/134/118), the forms to 330/270/30/52/102,
chosen so that 13% have an unknown form (B1.8.2, line 10053: 102 of 784) and spread over the
years in proportion to the police and KMar investigations of each form (iterative proportional
fitting, rounded by largest remainder)."""

DM_DOELEN: dict[str, Doel] = {
    "bl_su": Doel(330, geslacht_onbekend=18, vrouw=30, leeftijd_onbekend=17, leeftijd_som=9453,
                  tm22=95, minderjarig=8, land_onbekend=18, nederland=215, eer=6, sd_volwassen=7.0),
    "go_su": Doel(270, geslacht_onbekend=15, vrouw=35, leeftijd_onbekend=15, leeftijd_som=9486,
                  tm22=15, minderjarig=0, land_onbekend=15, nederland=56, eer=155,
                  sd_volwassen=9.6),
    "au": Doel(30, geslacht_onbekend=2, vrouw=7, leeftijd_onbekend=2, leeftijd_som=1260, tm22=0,
               minderjarig=0, land_onbekend=2, nederland=7, eer=4, sd_volwassen=11.5,
               overige_landen=("TR", "CN", "IN", "EG", "PK", "PH", "ID", "MA")),
    "cu": Doel(52, geslacht_onbekend=3, vrouw=4, leeftijd_onbekend=3, leeftijd_som=1617, tm22=10,
               minderjarig=3, land_onbekend=3, nederland=27, eer=11, sd_volwassen=6.0),
    "onbekend": Doel(102, geslacht_onbekend=7, vrouw=6, leeftijd_onbekend=6, leeftijd_som=3187,
                     tm22=13, minderjarig=1, land_onbekend=8, nederland=70, eer=4,
                     sd_volwassen=9.0),
}  # fmt: skip
"""Traits of the 784 suspects per form (Dadermonitor chapter 8; ``domain.persons``). Published:
sex unknown 45, birth date 43, birth country 46 (B1.7.3, lines 9883-9888); 82 women (line 7929);
mean age at the start of the investigation BL-SU 30, GO-SU 37, AU 45, CU 33, Onbekend 33, Totaal
34 with N=741 (Tabel 8.1, line 7984; sums give 30.20, 37.20, 45.00, 33.00, 33.20 and 33.74);
18% aged 22 or younger (footnote 6, line 8051: 133 of 741), BL-SU 26%-36% (line 8056: 95 of
313 = 30%), CU 16%-26% (line 8076: 10 of 49 = 20%); 50%-54% born in the Netherlands (375 of
738 = 51%, line 8192), BL-SU 69% (footnote 11, line 8110: 215 of 312; B1.7.3 line 9895 says
65%), fewer born in the EER than among the 721 judged (188, Tabel B2.2; here 180, line 8197);
the spreads of footnote 3 (line 7998). The other splits are chosen: AU most often a woman (line
7944), GO-SU mostly born in the EER (line 8220), AU mostly outside the EER (line 8222), CU as
many born in the EER as elsewhere (line 8219: 'ongeveer even groot')."""

DM_NEDERLANDSE_NATIONALITEIT_BL_SU = 274
"""BL-SU suspects with Dutch nationality: 83% of 330 (footnote 11, line 8109; every BL-SU suspect
has a known nationality here): the 215 born in the Netherlands, the 18 of unknown birth country
and 41 born abroad."""

BUITENLAND = ("RO", "HU", "BG", "PL", "NG", "BR", "CO", "TH", "UA", "CN", "DO", "SK", "LT")


@dataclass
class DmOnderzoek:
    jaar: int
    instantie: str
    vorm: str  # bl_su, go_su, au, cu, onbekend (as the Dadermonitor classifies it)
    start: dt.date
    naam: str = ""
    su_onbekend: bool = False  # sexual, split unknown
    via_slachtoffers: bool = False  # no bronland: the victims' nationality decides
    personen: list[dict[str, Any]] = field(default_factory=list)


def _dm_check() -> None:
    for unit, (years, forms) in DM_FIGUUR_4_4.items():
        cells = DM_POLITIE[unit]
        assert tuple(sum(cells[f][k] for f in DM_FORMS) for k in range(5)) == years, unit
        assert tuple(sum(cells[f]) for f in DM_FORMS) == forms, unit
    for f in DM_FORMS:
        for k in range(5):
            police = sum(DM_POLITIE[u][f][k] for u in DM_POLITIE)
            iszw = DM_ISZW[k] if f == "au" else 0
            assert police + DM_KMAR[f][k] + iszw == DM_VORM_JAAR[f][k], (f, k)


def _dm_investigations(rng: random.Random) -> list[DmOnderzoek]:
    """The EMM records of the police and the KMar, and the ISZW-DO's own list, 2015-2019."""
    _dm_check()
    cells: dict[str, dict[str, tuple[int, ...]]] = {**DM_POLITIE, "KMAR": DM_KMAR}
    out: list[DmOnderzoek] = []
    for k, year in enumerate(DM_YEARS):

        def start(y: int = year) -> dt.date:
            return dt.date(y, 1, 1) + dt.timedelta(days=rng.randint(0, 364))

        for unit, forms in cells.items():
            for f in DM_FORMS:
                out += [DmOnderzoek(year, unit, f, start()) for _ in range(forms[f][k])]
        out += [DmOnderzoek(year, "NLA", "au", start()) for _ in range(DM_NLA_EMM[k])]
    unknown = [o for o in out if o.vorm == "onbekend"]
    for o in rng.sample(unknown, DM_SU_ONBEKEND):
        o.su_onbekend = True
    sexual = [o for o in out if o.vorm in ("bl_su", "go_su")]
    for o in rng.sample(sexual, DM_SPLIT_VIA_SLACHTOFFERS):
        o.via_slachtoffers = True
    out.sort(key=lambda o: (o.start, o.instantie, o.vorm))
    for i, o in enumerate(out):
        o.naam = f"Onderzoek-{o.jaar}-{i + 1:04d}"
    return out


def _dm_suspect_traits(rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    """Per form the suspects' traits (``DM_DOELEN``) with their nationality."""
    assert sum(d.vrouw for d in DM_DOELEN.values()) == DM_VROUWELIJKE_VERDACHTEN
    for f, d in DM_DOELEN.items():
        assert d.n == sum(DM_VERDACHTEN[f]), f
    out = {f: traits(d, rng) for f, d in DM_DOELEN.items()}
    dutch_abroad = DM_NEDERLANDSE_NATIONALITEIT_BL_SU - sum(
        1 for t in out["bl_su"] if t["geboorteland"] in ("NL", None)
    )
    for f, people in out.items():
        for t in people:
            land = t["geboorteland"]
            if f == "bl_su":
                nat = "NL" if land in ("NL", None) or dutch_abroad > 0 else land
                if land not in ("NL", None) and nat == "NL":
                    dutch_abroad -= 1
            else:
                nat = land if land is not None else rng.choice(("NL", None))
            t["nationaliteit"] = nat
            if land is None and rng.random() < 0.3:
                t["geboorteland"] = "XXX"  # unknown as a code: the same as missing
    assert dutch_abroad == 0
    return out


def _dm_persons(invs: list[DmOnderzoek], rng: random.Random) -> None:
    """Figuur 4.1's persons, in the investigations of the police and the KMar only; the
    suspects' forms and traits as ``DM_VERDACHTEN`` and ``DM_DOELEN``."""
    n = [900000]
    suspects = _dm_suspect_traits(random.Random(rng.random()))
    for k, year in enumerate(DM_YEARS):
        year_inv = [o for o in invs if o.jaar == year and o.instantie != "NLA"]
        # victims: first one for every investigation whose split rests on them
        decisive = [o for o in year_inv if o.via_slachtoffers]
        n_victims = DM_FIGUUR_4_1["slachtoffer"][k]
        targets = decisive + [rng.choice(year_inv) for _ in range(n_victims - len(decisive))]
        for o in targets:
            n[0] += 1
            if o.vorm == "bl_su":
                nat: str | None = "NL"
            elif o.vorm == "go_su":
                nat = rng.choice(BUITENLAND)
            elif o.su_onbekend:
                nat = rng.choice((None, "XXX"))
            else:
                nat = rng.choice(("NL", "RO", "PL", "BG", "UA", "NG", None))
            o.personen.append(_dm_person(o, n[0], "slachtoffer", nat, rng))
        assert sum(DM_VERDACHTEN[f][k] for f in DM_FORMS) == DM_FIGUUR_4_1["verdachte"][k]
        for f in DM_FORMS:
            pool = [o for o in year_inv if o.vorm == f]
            for _ in range(DM_VERDACHTEN[f][k]):
                o = rng.choice(pool)
                t = suspects[f].pop()
                n[0] += 1
                p = _dm_person(o, n[0], "verdachte", t["nationaliteit"], rng)
                sex = t["geslacht"] or rng.choice((None, "O", "X"))
                age = t["leeftijd"]
                p.update(
                    geslacht=sex,
                    geboortedatum=None if age is None else _birth(o.start, age, rng),
                    geboorteland=t["geboorteland"],
                )
                o.personen.append(p)
        for _ in range(DM_FIGUUR_4_1["overig"][k]):
            o = rng.choice(year_inv)
            n[0] += 1
            o.personen.append(_dm_person(o, n[0], "overig", rng.choice(("NL", None)), rng))


def _dm_person(
    o: DmOnderzoek, n: int, rol: str, nat: str | None, rng: random.Random
) -> dict[str, Any]:
    age = rng.randint(19, 55) if rol == "verdachte" else rng.randint(16, 50)
    return {
        "persoon_id": f"EMM-P-{n:06d}",
        "onderzoek_naam": o.naam,
        "rol": rol,
        "startdatum_onderzoek": o.start,
        "geslacht": rng.choice(("M", "V", "V")),
        "geboortedatum": _birth(o.start, age, rng) if rng.random() < 0.8 else None,
        "leeftijd_bij_start": None,
        "nationaliteit": nat,
        "geboorteland": None,
    }


def _dm_onderzoek_row(o: DmOnderzoek, rng: random.Random) -> dict[str, Any]:
    """One EMM record whose classification by the domain rules is ``o.vorm``."""
    seksueel: str | None = "niet_seksueel"
    vormen: list[str] | None = None
    ca: list[str] = ["overig"] if rng.random() < 0.3 else []
    bronlanden: list[str] | None = None
    if o.vorm in ("bl_su", "go_su") or o.su_onbekend:
        seksueel = "seksueel"
        vormen = ["seksueel"] if rng.random() < 0.7 else None
        if o.vorm == "bl_su" and not o.via_slachtoffers:
            bronlanden = ["NL"]
        elif o.vorm == "go_su" and not o.via_slachtoffers:
            bronlanden = [rng.choice(BUITENLAND)]
        elif o.su_onbekend and rng.random() < 0.3:
            bronlanden = ["XXX"]
    elif o.vorm == "au":
        vormen = ["arbeid"]
        ca = ["U02", *ca]
        if rng.random() < 0.5:
            bronlanden = [rng.choice(("PL", "RO", "UA", "IN", "PH", "BG"))]
    elif o.vorm == "cu":
        vormen = ["bedelarij" if rng.random() < 0.15 else "crimineel"]
    else:
        seksueel = rng.choice(("onbekend", None))
        vormen = ["onbekend"] if rng.random() < 0.5 else None
    inzending = None
    if rng.random() < 0.4:
        inzending = o.start + dt.timedelta(days=rng.randint(60, 500))
    return {
        "onderzoek_naam": o.naam,
        "startdatum": o.start,
        "instantie": o.instantie,
        "ca_codes": ca or None,
        "seksueel": seksueel,
        "uitbuitingsvormen": vormen,
        "bronlanden": bronlanden,
        "inzending_om": inzending,
    }


def _dadermonitor(rng: random.Random) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows of onderzoeken and personen for 2015-2019 (the Dadermonitor part)."""
    invs = _dm_investigations(rng)
    _dm_persons(invs, rng)
    return [_dm_onderzoek_row(o, rng) for o in invs], [p for o in invs for p in o.personen]


def delivery(
    scale: int = 1, seed: int = DEFAULT_SEED
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The rows of the sheets onderzoeken and personen."""
    rng = random.Random(f"{seed}-emm")
    invs = _investigations(rng)
    next_id = [0]
    _suspects(invs, rng, next_id)
    _repeat_offenders(invs, rng)
    _victims_and_others(invs, rng, next_id)
    base_o = [_onderzoek_row(o, rng) for o in invs]
    base_p = [p for o in invs for p in o.personen]
    dm_o, dm_p = _dadermonitor(random.Random(f"{seed}-emm-dm"))
    base_o = dm_o + base_o
    base_p = dm_p + base_p
    onderzoeken: list[dict[str, Any]] = []
    personen: list[dict[str, Any]] = []
    for rep in range(scale):
        suffix = "" if rep == 0 else f"-{rep}"
        onderzoeken += [{**r, "onderzoek_naam": r["onderzoek_naam"] + suffix} for r in base_o]
        personen += [
            {
                **p,
                "onderzoek_naam": p["onderzoek_naam"] + suffix,
                "persoon_id": p["persoon_id"] + suffix,
            }
            for p in base_p
        ]
    return onderzoeken, personen


def write_emm(out_dir: Path, scale: int = 1, seed: int = DEFAULT_SEED) -> Path:
    """Write ``emm.xlsx`` (contract emm) calibrated to Figuur 13 and 14 of the Jaarcijfers 2024
    and Figuur 4.1-4.4 of the Dadermonitor 2015-2019; return its path."""
    contract = load_contract("emm")
    onderzoeken, personen = delivery(scale, seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "emm.xlsx"
    tables = {t.name: t for t in contract.tables}
    _write_xlsx(path, [(tables["onderzoeken"], onderzoeken), (tables["personen"], personen)])
    return path


def jaartellingen(scale: int = 1) -> list[dict[str, Any]]:
    """The rows of the sheet jaartellingen: the ISZW-DO's corrected counts for 2015-2019."""
    return [
        {
            "instantie": "NLA",
            "jaar": year,
            "vorm": "au",
            "aantal_onderzoeken": n * scale,
            "aantal_verdachten": None,
            "toelichting": "Gestarte opsporingsonderzoeken volgens de definitie van het EMM, "
            "gecorrigeerd door ISZW-DO",
        }
        for year, n in zip(DM_YEARS, DM_ISZW, strict=True)
    ]


def write_emm_jaartellingen(out_dir: Path, scale: int = 1) -> Path:
    """Write ``emm_jaartellingen.xlsx`` (contract emm_jaartellingen): the ISZW-DO's corrected
    yearly counts of 2015-2019 that the Dadermonitor used instead of its EMM records
    (Dadermonitor 2015-2019, lines 4703-4713 and 9563-9572; Figuur 4.3 row ISZW-DO).

    There are none for 2020-2024: the Jaarcijfers 2024 used the EMM records for every body, the
    NLA included (the NLA disputed its count only after delivery, section 4 line 734), so
    Figures 13 and 14 do not change when this delivery is ingested."""
    contract = load_contract("emm_jaartellingen")
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "emm_jaartellingen.xlsx"
    _write_xlsx(path, [(contract.tables[0], jaartellingen(scale))])
    return path
