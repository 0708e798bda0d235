"""A synthetic EMM delivery calibrated to the Jaarcijfers Mensenhandel 2024, chapter 2 'Opsporing'.

``write_emm(out_dir, scale=1, seed=...)`` writes ``emm.xlsx`` (the emm contract: sheets
onderzoeken and personen) with the investigations started in 2020-2024 and the persons in
those of 2021-2024. After the real ingestion and
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
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ketenmonitor.contracts import load_contract
from ketenmonitor.synth import SYNTH_PEILDATUM, _write_xlsx

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
    """Write ``emm.xlsx`` (contract emm) calibrated to Figuur 13 and 14; return its path."""
    contract = load_contract("emm")
    onderzoeken, personen = delivery(scale, seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "emm.xlsx"
    tables = {t.name: t for t in contract.tables}
    _write_xlsx(path, [(tables["onderzoeken"], onderzoeken), (tables["personen"], personen)])
    return path


def write_emm_jaartellingen(out_dir: Path) -> Path:
    """Write ``emm_jaartellingen.xlsx`` (contract emm_jaartellingen) without counts.

    The Jaarcijfers 2024 used the EMM records for every body, the NLA included (the NLA disputed
    its count only after delivery, section 4 line 734), so the calibrated world has no corrected
    yearly counts. An empty delivery keeps ``ketenmonitor synth`` and ``demo`` complete without
    replacing any agency's investigations (rule ``JAARTELLINGEN_VERVANGEN``)."""
    contract = load_contract("emm_jaartellingen")
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "emm_jaartellingen.xlsx"
    _write_xlsx(path, [(contract.tables[0], [])])
    return path
