"""A synthetic OM delivery and dossier study calibrated to the Jaarcijfers Mensenhandel 2024.

``write_om(out_dir, scale=1)`` writes ``om.zip`` (contract om: one SPSS file per table, codes as
numbers with value labels) and ``write_om_dossierstudie(out_dir)`` writes
``om_dossierstudie.xlsx`` (contract om_dossierstudie, same parketnummers, so they link after
pseudonymisation with the same key). After the real ingestion and
``ketenmonitor.domain.cases.create_case_views``, every cell of Figuur 15-19 and 22-24 and the
numbers the text states equal the publication ('<5' as a count of 1 to 4, 0 as 0), except the
three cells of Figuur 19 that contradict the rest of the publication (conflict
'fig19_overig_onbekend_per_vorm' in tests/fixtures/published/jaarcijfers_2024/
figures_vervolging.toml and docs/methodology/cases.md: the reproduced values are the ones the
year columns and Figuur 18 and 22-24 imply).

One world of cases, each with its own dates: a case registered in year R is settled in year
S >= R and, when summoned, judged in year J >= S; a case judged in 2020 may be registered in 2018.
The calibration (scipy.optimize.milp via ``synth.comensha.Milp``) runs in stages:

A. judged cases: per (year of judgment, trial form) as Figuur 18 (its 2024 split is 0 domestic,
   2 international, 70 unknown: the per-form columns of Figuur 22-24 minus 2020-2023); the final
   verdict, age class, sex and origin each as a three-way table whose year and form margins are
   Figuur 19, 22, 23 and 24; the sum of ages per cell so that the means of Figuur 22 (per year,
   per form, and 32 over the window) round to the published values;
B. settlements: per year and form the summonses, unconditional dismissals and other disposals of
   Figuur 17 (with the '<5' cells the text's percentages fix: 48% for labour exploitation needs 4
   'Overig', 70% for criminal exploitation 1), the judged cases' summons one year before the
   judgment or in the same year;
C. registrations: per year and form as Figuur 16 ('<5' = 3, from Figuur 15), settled cases
   registered in their year of settlement or up to two years before; registrations not settled
   on the merits in the window are pending, administrative or settled in 2025.

``scale`` repeats every case ``scale`` times under new numbers, so every count multiplies.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import zipfile
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ketenmonitor.contracts import load_contract
from ketenmonitor.synth import SYNTH_PEILDATUM, _write_sav, _write_xlsx
from ketenmonitor.synth.comensha import Milp

YEARS = (2020, 2021, 2022, 2023, 2024)
DEFAULT_SEED = 2024
TFORMS = ("bl", "go", "suo", "au", "cu")
"""Trial forms: binnenlandse / internationale / onbekende seksuele, arbeids-, criminele/overige."""
VFORMS = ("S", "A", "C", "U")
"""Prosecution forms: seksuele, arbeids-, criminele/overige uitbuiting, onbekend."""
VF_OF = {"bl": "S", "go": "S", "suo": "S", "au": "A", "cu": "C"}
DOSSIER_CODE = {"bl": "bl_su", "go": "go_su", "suo": "su_onbekend", "au": "au", "cu": "cu"}

# --------------------------------------------------------------------------------------------
# Published numbers (Jaarcijfers Mensenhandel 2024, Figuur 15-19, 22-24 and the text), the
# targets. The figures are transcribed in tests/fixtures/published/jaarcijfers_2024/; '<5'
# cells are fixed here at the value the cross-checks recorded there determine.
# --------------------------------------------------------------------------------------------

JUDGED: dict[int, tuple[int, ...]] = {  # Figuur 18, per year: bl, go, suo, au, cu
    2020: (42, 10, 4, 4, 7),
    2021: (63, 20, 9, 11, 6),
    2022: (63, 14, 1, 8, 7),
    2023: (55, 6, 1, 2, 14),
    2024: (0, 2, 70, 5, 10),
}
OUTCOME_YEAR = {  # Figuur 19, per year of judgment
    "vrijspraak": (19, 19, 29, 12, 19),
    "veroordeling": (48, 87, 54, 53, 51),
    "overig": (0, 3, 10, 13, 17),
}
OUTCOME_FORM = {  # Figuur 19 per form, 'Overig/onbekend' reconciled (published 5, <5, 8)
    "vrijspraak": (44, 18, 19, 11, 6),
    "veroordeling": (165, 34, 54, 12, 28),
    "overig": (14, 0, 12, 7, 10),
}
AGE_YEAR = {  # Figuur 22
    "t/m 22": (20, 26, 14, 15, 22),
    "23-29": (17, 35, 38, 16, 21),
    "30-39": (20, 34, 24, 27, 19),
    "40+": (10, 14, 17, 20, 25),
}
AGE_FORM = {
    "t/m 22": (60, 5, 19, 3, 10),
    "23-29": (71, 14, 21, 7, 14),
    "30-39": (63, 23, 20, 8, 10),
    "40+": (29, 10, 25, 12, 10),
}
AGE_BOUNDS = {
    "t/m 22": (16, 22, 20),
    "23-29": (23, 29, 26),
    "30-39": (30, 39, 34),
    "40+": (40, 68, 48),
}
MEAN_YEAR = (30, 30, 31, 34, 32)
MEAN_FORM = (30, 33, 33, 38, 32)
MEAN_ALL = 32  # text at Figuur 22
SEX_YEAR = {"M": (55, 94, 75, 60, 75), "V": (12, 14, 18, 17, 12), "O": (0, 1, 0, 1, 0)}
SEX_FORM = {"M": (191, 41, 77, 19, 31), "V": (32, 10, 8, 10, 13), "O": (0, 1, 0, 1, 0)}
ORIGIN_YEAR = {
    "nederland": (44, 66, 61, 45, 55),
    "eer": (6, 13, 16, 13, 7),
    "overig": (17, 29, 16, 20, 25),
    "onbekend": (0, 1, 0, 0, 0),
}
ORIGIN_FORM = {
    "nederland": (162, 15, 53, 15, 26),
    "eer": (13, 23, 5, 4, 10),
    "overig": (47, 14, 27, 11, 8),
    "onbekend": (1, 0, 0, 0, 0),
}
REGISTERED = {  # Figuur 16 (totals Figuur 15: 202, 261, 214, 219, 210)
    "S": (177, 222, 170, 175, 151),
    "A": (13, 15, 31, 17, 19),
    "C": (9, 21, 8, 27, 37),
    "U": (3, 3, 5, 0, 3),
}
NON_POLICE_2024 = 14  # text at Figuur 15: 196 of 210 by the police, the rest by KMar and NLA
SETTLED_YEAR = {  # Figuur 17, per year
    "dagv": (108, 111, 98, 104, 120),
    "sepot": (67, 104, 80, 101, 53),
    "overig": (2, 5, 5, 6, 9),
}
SETTLED_FORM = {  # Figuur 17, per form over 2020-2024: S, A, C, U
    "dagv": (437, 46, 57, 1),
    "sepot": (328, 45, 24, 8),
    "overig": (21, 4, 1, 1),
}

COUNTRIES = {
    "nederland": ("NL",),
    "eer": ("RO", "BG", "PL", "HU", "DE", "BE"),
    "overig": ("MA", "TR", "SR", "NG", "UA", "CW", "AL"),
    "onbekend": (None,),
}
PARKETTEN = ("NNE", "ONE", "MNE", "NHO", "AMS", "DHA", "RTD", "ZWB", "OBR", "LIM")
POLICE = ("POL-NN", "POL-ON", "POL-MN", "POL-NH", "POL-AM", "POL-DH", "POL-RT", "POL-ZWB")


@dataclass
class Case:
    """One case against one suspect, through the phases it reached."""

    vform: str
    reg_year: int
    settle_year: int | None = None
    settle_type: str | None = None  # dagv, sepot, overig, administratief
    judge_year: int | None = None
    tform: str | None = None
    outcome: str | None = None
    age: int | None = None
    sex: str | None = None
    origin: str | None = None
    natural: bool = True
    other_charge_only: bool = False  # summoned for other offences only
    via: str = "classificatie"
    extra: dict[str, Any] = field(default_factory=dict)


def _three_way(
    name: str,
    year_margin: Mapping[str, tuple[int, ...]],
    form_margin: Mapping[str, tuple[int, ...]],
) -> dict[tuple[int, str, str], int]:
    """Counts per (year, trial form, category) with the judged cells and both margins."""
    m = Milp(name)
    cats = list(year_margin)
    v: dict[tuple[int, str, str], int] = {}
    for y, row in JUDGED.items():
        for f, n in zip(TFORMS, row, strict=True):
            if n == 0:
                continue
            ny = sum(year_margin[c][YEARS.index(y)] for c in cats)
            for c in cats:
                prior = n * year_margin[c][YEARS.index(y)] / ny if ny else 0.0
                v[y, f, c] = m.var(prior=prior, hi=n)
            m.add([v[y, f, c] for c in cats], n)
    for c in cats:
        for y in YEARS:
            m.add(
                [i for (yy, _f, cc), i in v.items() if yy == y and cc == c],
                year_margin[c][YEARS.index(y)],
            )
        for k, f in enumerate(TFORMS):
            m.add([i for (_y, ff, cc), i in v.items() if ff == f and cc == c], form_margin[c][k])
    x = m.solve()
    return {key: x[i] for key, i in v.items()}


def _age_sums(bands: dict[tuple[int, str, str], int]) -> dict[tuple[int, str, str], int]:
    """Sum of ages per (year, form, band) so that every published mean rounds right."""
    m = Milp("leeftijd")
    v: dict[tuple[int, str, str], int] = {}
    base: dict[tuple[int, str, str], int] = {}
    for key, n in bands.items():
        if n == 0:
            continue
        lo, hi, typical = AGE_BOUNDS[key[2]]
        v[key] = m.var(prior=n * (typical - lo), hi=n * (hi - lo))
        base[key] = n * lo

    def mean_range(keys: list[tuple[int, str, str]], mean: int) -> None:
        n = sum(bands[k] for k in keys)
        b = sum(base[k] for k in keys)
        lo = math.ceil((mean - 0.45) * n)
        hi = math.floor((mean + 0.45) * n)
        m.add([v[k] for k in keys], (lo - b, hi - b))

    for i, y in enumerate(YEARS):
        mean_range([k for k in v if k[0] == y], MEAN_YEAR[i])
    for i, f in enumerate(TFORMS):
        mean_range([k for k in v if k[1] == f], MEAN_FORM[i])
    mean_range(list(v), MEAN_ALL)
    x = m.solve()
    return {k: base[k] + x[i] for k, i in v.items()}


def _spread(rng: random.Random, n: int, total: int, lo: int, hi: int) -> list[int]:
    """``n`` whole ages in [lo, hi] summing to ``total``, spread out."""
    ages = [total // n] * n
    for i in range(total - sum(ages)):
        ages[i] += 1
    for _ in range(3 * n):
        i, j = rng.randrange(n), rng.randrange(n)
        d = rng.randint(1, 4)
        if i != j and ages[i] + d <= hi and ages[j] - d >= lo:
            ages[i] += d
            ages[j] -= d
    rng.shuffle(ages)
    return ages


def _judged_cases(rng: random.Random) -> list[Case]:
    """Stage A: the cases judged in first instance in 2020-2024 with their attributes."""
    outcome = _three_way("uitspraak", OUTCOME_YEAR, OUTCOME_FORM)
    band = _three_way("leeftijdsklasse", AGE_YEAR, AGE_FORM)
    sex = _three_way("geslacht", SEX_YEAR, SEX_FORM)
    origin = _three_way("herkomst", ORIGIN_YEAR, ORIGIN_FORM)
    sums = _age_sums(band)
    cases: list[Case] = []
    for y, row in JUDGED.items():
        for f, n in zip(TFORMS, row, strict=True):
            if n == 0:
                continue

            def deal(table: dict[tuple[int, str, str], int], y: int = y, f: str = f) -> list[str]:
                out = [
                    c for (yy, ff, c), k in table.items() if (yy, ff) == (y, f) for _ in range(k)
                ]
                rng.shuffle(out)
                return out

            ages: list[tuple[str, int]] = []
            for b in AGE_YEAR:
                k = band.get((y, f, b), 0)
                if k:
                    lo, hi, _ = AGE_BOUNDS[b]
                    ages += [(b, a) for a in _spread(rng, k, sums[y, f, b], lo, hi)]
            rng.shuffle(ages)
            for o, (_b, a), s, h in zip(deal(outcome), ages, deal(sex), deal(origin), strict=True):
                cases.append(
                    Case(
                        vform=VF_OF[f],
                        reg_year=0,
                        judge_year=y,
                        tform=f,
                        outcome=o,
                        age=a,
                        sex=s,
                        origin=h,
                    )
                )
    return cases


def _settlements(judged: list[Case]) -> dict[tuple[int, str, str], int]:
    """Stage B: lag of the judged cases' summons and the other settlements per (year, type,
    form). Sets ``settle_year`` of the judged cases; returns the counts of the others."""
    m = Milp("afhandeling")
    groups: dict[tuple[int, str], list[Case]] = defaultdict(list)
    for c in judged:
        assert c.judge_year is not None and c.tform is not None
        groups[c.judge_year, c.tform].append(c)
    lag: dict[tuple[int, str, int], int] = {}
    for (y, f), cs in groups.items():
        for k, share in ((0, 0.55), (1, 0.45)):
            lag[y, f, k] = m.var(prior=share * len(cs), hi=len(cs))
        m.add([lag[y, f, 0], lag[y, f, 1]], len(cs))
    other: dict[tuple[int, str, str], int] = {}
    grand = {t: sum(SETTLED_YEAR[t]) for t in SETTLED_YEAR}
    for t in SETTLED_YEAR:
        for i, y in enumerate(YEARS):
            for j, vf in enumerate(VFORMS):
                prior = SETTLED_YEAR[t][i] * SETTLED_FORM[t][j] / grand[t]
                if t == "dagv":
                    prior *= 0.25
                other[y, t, vf] = m.var(prior=prior, weight=0.2 if t == "dagv" else 1.0)
    for t in SETTLED_YEAR:
        for i, y in enumerate(YEARS):
            terms = [other[y, t, vf] for vf in VFORMS]
            if t == "dagv":
                terms += [i_ for (jy, _f, k), i_ in lag.items() if jy - k == y]
            m.add(terms, SETTLED_YEAR[t][i])
        for j, vf in enumerate(VFORMS):
            terms = [other[y, t, vf] for y in YEARS]
            if t == "dagv":
                terms += [
                    i_ for (jy, f, k), i_ in lag.items() if VF_OF[f] == vf and jy - k in YEARS
                ]
            m.add(terms, SETTLED_FORM[t][j])
    x = m.solve()
    for (y, f), cs in groups.items():
        n0 = x[lag[y, f, 0]]
        for i, c in enumerate(cs):
            c.settle_year = y if i < n0 else y - 1
            c.settle_type = "dagv"
    return {key: x[i] for key, i in other.items()}


def _registration_lags(cases: list[Case]) -> dict[tuple[int, str], int]:
    """Stage C: registration year of every settled case; returns the registrations per
    (year, form) of the window that are not settled on the merits in the window."""
    m = Milp("inschrijving")
    groups: dict[tuple[int, str], list[Case]] = defaultdict(list)
    for c in cases:
        assert c.settle_year is not None
        groups[c.settle_year, c.vform].append(c)
    lag: dict[tuple[int, str, int], int] = {}
    for (s, vf), cs in groups.items():
        for k, share in ((0, 0.5), (1, 0.35), (2, 0.15)):
            lag[s, vf, k] = m.var(prior=share * len(cs), hi=len(cs))
        m.add([lag[s, vf, k] for k in range(3)], len(cs))
    rest: dict[tuple[int, str], int] = {}
    for i, r in enumerate(YEARS):
        for vf in VFORMS:
            share = {2024: 0.3, 2023: 0.12}.get(r, 0.04)
            rest[r, vf] = m.var(prior=share * REGISTERED[vf][i], weight=0.5)
            terms = [rest[r, vf]] + [ix for (s, f, k), ix in lag.items() if f == vf and s - k == r]
            m.add(terms, REGISTERED[vf][i])
    x = m.solve()
    for (s, vf), cs in groups.items():
        years = [s - k for k in range(3) for _ in range(x[lag[s, vf, k]])]
        for c, r in zip(cs, years, strict=True):
            c.reg_year = r
    return {key: x[i] for key, i in rest.items()}


def calibrate(seed: int = DEFAULT_SEED) -> list[Case]:
    """Every case of the synthetic world, with the phases it reached (stages A-C)."""
    rng = random.Random(f"{seed}-om")
    judged = _judged_cases(rng)
    other = _settlements(judged)
    cases = list(judged)
    for (y, t, vf), n in other.items():
        for _ in range(n):
            cases.append(Case(vform=vf, reg_year=0, settle_year=y, settle_type=t))
    # a summons for other offences only is 'Overig' (Dadermonitor line 5797): two of them
    overig = [c for c in cases if c.settle_type == "overig" and c.vform == "S"]
    for c in overig[:2]:
        c.other_charge_only = True
    window = [c for c in cases if c.settle_year in YEARS]
    rest = _registration_lags(window)
    for c in cases:  # judged cases summoned before the window: registered then too
        if c.settle_year is not None and c.settle_year < YEARS[0]:
            c.reg_year = c.settle_year - rng.choice((0, 0, 1))
    for (r, vf), n in rest.items():
        for _ in range(n):
            c = Case(vform=vf, reg_year=r)
            if r <= 2022 or rng.random() < 0.15:
                c.settle_type = "administratief"
                c.settle_year = min(r + rng.choice((0, 1)), 2024)
            elif rng.random() < 0.4:
                c.settle_type = rng.choice(("dagv", "sepot", "sepot"))
                c.settle_year = 2025
            cases.append(c)
    for c in cases:
        _attributes(rng, c)
    _sources(rng, cases)
    return cases


def _attributes(rng: random.Random, c: Case) -> None:
    """Person attributes of a case that is not judged in the window (not published)."""
    if c.judge_year is not None:
        return
    if c.vform == "A" and c.settle_type in ("overig", "sepot") and rng.random() < 0.1:
        c.natural = False  # a company
        return
    c.age = rng.randint(19, 58)
    c.sex = rng.choices(("M", "V", "O"), (80, 18, 2))[0]
    c.origin = rng.choices(("nederland", "eer", "overig", "onbekend"), (60, 14, 24, 2))[0]


def _sources(rng: random.Random, cases: list[Case]) -> None:
    """Where each case's prosecution form comes from, and who sent it to the OM (text at
    Figuur 15: in 2024 196 of 210 by the police, the rest by KMar and NLA)."""
    for c in cases:
        if c.vform == "U":
            c.via = "geen"
        elif c.vform == "S":
            c.via = rng.choices(("classificatie", "sub3", "dossier"), (85, 10, 5))[0]
        elif c.vform == "A":
            c.via = rng.choices(("classificatie", "fp", "dossier"), (60, 30, 10))[0]
        else:
            c.via = rng.choices(("classificatie", "dossier"), (90, 10))[0]
        if c.via == "dossier" and c.tform is None:
            c.via = "classificatie"  # only judged cases were studied
        c.extra["instantie"] = "NLA" if c.via == "fp" else rng.choice(POLICE)
        if c.via != "fp" and rng.random() < 0.03:
            c.extra["instantie"] = "KMAR"
    in_2024 = [c for c in cases if c.reg_year == 2024]
    for c in in_2024:
        if c.extra["instantie"] in ("NLA", "KMAR"):
            c.extra["instantie"] = rng.choice(POLICE)
            if c.via == "fp":
                c.via = "classificatie"
    rng.shuffle(in_2024)
    labour = [c for c in in_2024 if c.vform == "A"][:8]
    others = [c for c in in_2024 if c.vform != "A"][: NON_POLICE_2024 - len(labour)]
    for c in labour:
        c.extra["instantie"] = "NLA"
        c.via = "fp"
    for c in others:
        c.extra["instantie"] = "KMAR"


# --------------------------------------------------------------------------------------------
# Rows in the contracts' layout
# --------------------------------------------------------------------------------------------


def _date(rng: random.Random, year: int, months: tuple[int, int] = (1, 12)) -> dt.date:
    d = dt.date(year, rng.randint(*months), rng.randint(1, 28))
    return min(d, SYNTH_PEILDATUM)


def _dates(rng: random.Random, c: Case) -> tuple[dt.date, dt.date | None, dt.date | None]:
    """Registration, settlement and judgment dates in their years, in that order."""
    same_rs = c.settle_year == c.reg_year
    same_sj = c.judge_year is not None and c.judge_year == c.settle_year
    ins = _date(rng, c.reg_year, (1, 4) if same_rs else (1, 12))
    afh = None
    if c.settle_year is not None:
        if c.settle_year == 2025:
            afh = _date(rng, 2025, (1, 6))
            afh = max(afh, ins)
        else:
            months = (5, 8) if same_sj else (5, 12) if same_rs else (1, 12)
            if same_sj and not same_rs:
                months = (1, 8)
            afh = _date(rng, c.settle_year, months)
    von = None
    if c.judge_year is not None:
        von = _date(rng, c.judge_year, (9, 12) if same_sj else (1, 12))
    return ins, afh, von


AFDOENING = {
    "dagv": (("dagvaarding",), (1,)),
    "sepot": (
        ("technisch_sepot", "onvoorwaardelijk_beleidssepot", "sepot_grond_onbekend"),
        (70, 20, 10),
    ),
    "overig": (
        ("transactie", "voorwaardelijk_beleidssepot", "voeging_ter_berechting", "strafbeschikking"),
        (40, 30, 20, 10),
    ),
    "administratief": (("administratief",), (1,)),
}
SEPOTGROND = {
    "technisch_sepot": ("onvoldoende_bewijs", "ten_onrechte_verdachte", "niet_ontvankelijk"),
    "onvoorwaardelijk_beleidssepot": ("oud_feit", "gering_aandeel", "verdachte_onvindbaar"),
}
EINDUITSPRAAK = {
    "veroordeling": (("veroordeling_mh", "veroordeling_mh_voeging"), (95, 5)),
    "vrijspraak": (("vrijspraak", "vrijspraak_mh_andere_feiten"), (80, 20)),
    "overig_oud": (("ovar", "om_niet_ontvankelijk", "onbekend_gevoegd"), (40, 30, 30)),
    "overig": (("veroordeling_onbekend", "ovar", "onbekend_gevoegd"), (75, 15, 10)),
}
FEIT_UITSPRAAK = {
    "veroordeling_mh": "bewezen",
    "veroordeling_mh_voeging": "bewezen",
    "vrijspraak": "vrijspraak",
    "vrijspraak_mh_andere_feiten": "vrijspraak",
    "ovar": "ovar",
    "om_niet_ontvankelijk": "niet_ontvankelijk",
    "onbekend_gevoegd": "gevoegd",
    "veroordeling_onbekend": "onbekend",
}


def _classificaties(rng: random.Random, c: Case) -> list[str] | None:
    if c.via == "classificatie":
        code = {"S": "mh_seksueel", "A": "mh_arbeid", "C": "mh_overig"}[c.vform]
        return [code, "zeden_overig"] if c.vform == "S" and rng.random() < 0.1 else [code]
    return rng.choice((None, ["overig"], ["zeden_overig"] if c.vform != "A" else ["overig"]))


def case_rows(
    cases: list[Case], scale: int = 1, seed: int = DEFAULT_SEED
) -> dict[str, list[dict[str, Any]]]:
    """The om delivery's tables and the dossier study for ``cases`` (each ``scale`` times)."""
    rng = random.Random(f"{seed}-om-rows")
    out: dict[str, list[dict[str, Any]]] = {
        t: [] for t in ("verdachten", "zaken", "feiten", "vonnissen", "vonnis_feiten", "straffen")
    }
    dossier: list[dict[str, Any]] = []
    serial = 0
    for _ in range(scale):
        for c in cases:
            serial += 1
            _case(rng, c, serial, out, dossier)
    out["dossierstudie"] = dossier
    return out


def _case(
    rng: random.Random,
    c: Case,
    serial: int,
    out: dict[str, list[dict[str, Any]]],
    dossier: list[dict[str, Any]],
) -> None:
    ins, afh, von = _dates(rng, c)
    parket = "FP" if c.via == "fp" else rng.choice(PARKETTEN)
    nr = PARKETTEN.index(parket) + 1 if parket != "FP" else 96
    pn = f"{nr:02d}/{serial:06d}-{ins.year % 100:02d}"
    pid = f"OMV-{serial:07d}"
    pleeg = ins - dt.timedelta(days=rng.randint(30, 700))
    pleeg = pleeg.replace(day=min(pleeg.day, 28))
    dob = None
    if c.natural and c.age is not None:
        dob = pleeg.replace(year=pleeg.year - c.age) - dt.timedelta(days=rng.randint(1, 300))
    country = rng.choice(COUNTRIES[c.origin]) if c.origin else None
    out["verdachten"].append(
        {
            "persoon_id": pid,
            "geslacht": None if (not c.natural or c.sex == "O") else c.sex,
            "geboorteland": country if c.natural else None,
        }
    )
    afdoening = None
    if c.settle_type is not None:
        codes, weights = AFDOENING[c.settle_type]
        afdoening = rng.choices(codes, weights)[0]
        if c.other_charge_only:
            afdoening = "dagvaarding"
    out["zaken"].append(
        {
            "parketnummer": pn,
            "persoon_id": pid,
            "natuurlijk_persoon": c.natural,
            "parket": parket,
            "aangeleverd_door": c.extra["instantie"],
            "inschrijvingsdatum": ins,
            "pleegdatum_begin": pleeg,
            "geboortedatum": dob,
            "maatschappelijke_classificaties": _classificaties(rng, c),
            "strafverzwarende_omstandigheden": ["in_vereniging"] if rng.random() < 0.4 else None,
            "afhandelingsdatum": afh if afdoening else None,
            "afdoening": afdoening,
            "sepotgrond": rng.choice(SEPOTGROND[afdoening]) if afdoening in SEPOTGROND else None,
        }
    )
    sub = (
        3 if c.via == "sub3" else rng.choice((1, 1, 4)) if c.vform != "S" else rng.choice((1, 3, 4))
    )
    if c.vform == "S" and c.via != "sub3" and rng.random() < 0.5:
        sub = 1
    feit = {
        "parketnummer": pn,
        "feitnummer": 1,
        "artikel": "273f",
        "lid": 1,
        "sub": sub,
        "verschijningsvormen": ["medeplegen"] if rng.random() < 0.3 else None,
        "primair": True,
        "pleegdatum_begin": pleeg,
        "pleegdatum_eind": pleeg + dt.timedelta(days=rng.randint(0, 200)),
        "afdoening_feit": None,
    }
    out["feiten"].append({**feit, "stadium": "inschrijving"})
    if afdoening == "dagvaarding":
        if c.other_charge_only:
            out["feiten"].append(
                {
                    **feit,
                    "stadium": "dagvaarding",
                    "artikel": "197a",
                    "lid": 1,
                    "sub": 1,
                    "afdoening_feit": "dagvaarding",
                }
            )
        else:
            out["feiten"].append(
                {**feit, "stadium": "dagvaarding", "afdoening_feit": "dagvaarding"}
            )
            if rng.random() < 0.3:
                out["feiten"].append(
                    {
                        **feit,
                        "stadium": "dagvaarding",
                        "feitnummer": 2,
                        "artikel": rng.choice(("300", "420bis", "opiumwet", "282")),
                        "lid": None,
                        "sub": None,
                        "afdoening_feit": "dagvaarding",
                    }
                )
    if c.tform is not None:
        dossier.append(
            {
                "parketnummer": pn,
                "vorm": DOSSIER_CODE[c.tform],
                "bronnen": ["artikel", "rechtspraak_nl"]
                if c.judge_year and c.judge_year >= 2022
                else ["eerder_onderzoek"],
                "land_werving": {"bl": "NL", "go": rng.choice(COUNTRIES["eer"])}.get(c.tform),
                "land_uitbuiting": "NL" if c.tform in ("bl", "go") else None,
                "toelichting": None,
            }
        )
    if von is None:
        return
    assert c.outcome is not None and c.judge_year is not None
    group = "overig_oud" if c.outcome == "overig" and c.judge_year < 2022 else c.outcome
    codes, weights = EINDUITSPRAAK[group]
    uitspraak = rng.choices(codes, weights)[0]
    beroep = rng.random() < 0.45
    out["vonnissen"].append(
        {
            "parketnummer": pn,
            "vonnisdatum": von,
            "einduitspraak_zaak": uitspraak,
            "hoger_beroep": beroep,
            "hoger_beroep_door": rng.choices(("verdachte", "om", "beide"), (70, 15, 15))[0]
            if beroep
            else None,
        }
    )
    out["vonnis_feiten"].append(
        {"parketnummer": pn, "feitnummer": 1, "einduitspraak_feit": FEIT_UITSPRAAK[uitspraak]}
    )
    if c.outcome == "veroordeling":
        days = rng.choice((180, 365, 540, 730, 1095, 1460))
        part = rng.random() < 0.3
        # the heaviest principal sentence, which no Jaarcijfers figure shows, as often as in
        # Dadermonitor Figuur 6.4 (2015-2019: of 464, 243 wholly and 183 partly unconditional,
        # 24 wholly suspended, 6 community service, 8 fines); its own random stream per case,
        # so the calibrated draws above stay as they are
        kind = random.Random(f"om-straf-{pn}").choices(HOOFDSTRAF, HOOFDSTRAF_AANTAL)[0]
        custodial = "jeugddetentie" if c.age is not None and c.age < 18 else "gevangenisstraf"
        if kind == "vrijheidsstraf":
            kind = "deels_voorwaardelijk" if part else "onvoorwaardelijk"
        out["straffen"].append(
            {
                "parketnummer": pn,
                "volgnummer": 1,
                "straftype": kind if kind in ("taakstraf", "geldboete") else custodial,
                "voorwaardelijk": kind if kind not in ("taakstraf", "geldboete") else None,
                "onvoorwaardelijk_dagen": days
                if kind in ("onvoorwaardelijk", "deels_voorwaardelijk")
                else None,
                "voorwaardelijk_dagen": 180
                if kind in ("deels_voorwaardelijk", "voorwaardelijk")
                else None,
                "taakstraf_uren": 120 if kind == "taakstraf" else None,
                "geldboete_euro": 2500 if kind == "geldboete" else None,
            }
        )


HOOFDSTRAF = ("vrijheidsstraf", "voorwaardelijk", "taakstraf", "geldboete")
HOOFDSTRAF_AANTAL = (243 + 183, 24, 6, 8)
"""Dadermonitor 2015-2019, Figuur 6.4 (n=464): (partly) unconditional custody (its split by
the calibrated draw, 30% partly), wholly suspended, community service, fine."""


def _write_zip(out_dir: Path, name: str, tables: list[tuple[Any, list[dict[str, Any]]]]) -> Path:
    """A multi-table SPSS delivery: a ZIP with one .sav per table (as synth.write_delivery)."""
    path = out_dir / f"{name}.zip"
    parts = out_dir / f".{name}-parts"
    parts.mkdir(exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for t, rows in tables:
            part = parts / f"{t.name}.sav"
            _write_sav(part, t, rows)
            info = zipfile.ZipInfo(part.name, date_time=(2025, 6, 30, 0, 0, 0))
            zf.writestr(info, part.read_bytes())
            part.unlink()
    parts.rmdir()
    return path


def write_om(out_dir: Path, scale: int = 1, seed: int = DEFAULT_SEED) -> Path:
    """Write ``om.zip`` (contract om) calibrated to the Jaarcijfers 2024, Figuur 15-19, 22-24."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    contract = load_contract("om")
    rows = case_rows(calibrate(seed), scale=scale, seed=seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    return _write_zip(out_dir, "om", [(t, rows[t.name]) for t in contract.tables])


def write_om_dossierstudie(out_dir: Path, scale: int = 1, seed: int = DEFAULT_SEED) -> Path:
    """Write ``om_dossierstudie.xlsx``: the Rapporteur's form per judged case of ``write_om``
    (same parketnummers for the same ``scale`` and ``seed``)."""
    contract = load_contract("om_dossierstudie")
    rows = case_rows(calibrate(seed), scale=scale, seed=seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "om_dossierstudie.xlsx"
    _write_xlsx(path, [(contract.tables[0], rows["dossierstudie"])])
    return path
