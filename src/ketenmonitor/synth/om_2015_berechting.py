"""Chapter 6 of the Dadermonitor mensenhandel 2015-2019 ('Berechting in eerste aanleg') in the
synthetic OM world of ``synth.om_2015``: which summoned cases are judged in 2015-2019, with which
form, verdict, sentence, measures, other offences, appeal and dates, so that the April-2020
extract reproduces every published number of Figuur 6.1-6.7, Tabel 6.1, 6.2 and the text
(tests/fixtures/published/dadermonitor_2015_2019/figures_berechting.toml) through the rules of
``ketenmonitor.domain.trial``.

Two MILPs (``synth.comensha.Milp``):

C1. ``choose_judged``: per judgment year and form (Figuur 6.1, a full cross table) the summoned
    cases judged, by their years of registration and settlement and chapter 5's form (S, N, U,
    which the dossier form must agree with: ``COMPATIBLE``), so that the mean processing times of
    Figuur 6.7 are within reach of the dates within those years.
C2. ``verdicts``: per cell (year, form) the verdicts (Figuur 6.3), heaviest sentences (6.4),
    length classes (6.5), the sum of the unconditional days (6.6, means per cell, year, form and
    in total) and the cases with other offences (6.2): the figures give both margins, the MILP
    the cross.

Then, by exact counts: the categories of the other offences per form (Tabel 6.1, percentages of
the form's cases and of all 721), the measures (Tabel 6.2), the appeals (30/10/10%, line 6689),
the 26 impossible dates (line 6979) and the dates of the others (Figuur 6.7's means).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from statistics import NormalDist
from typing import Any

from ketenmonitor.synth.comensha import Milp

YEARS = (2015, 2016, 2017, 2018, 2019)
FORMS = ("bl_su", "go_su", "au", "cu", "onbekend")
"""Chapter 6's forms (``domain.trial.VORMEN_DM``)."""

# --------------------------------------------------------------------------------------------
# Published numbers (figures_berechting.toml)
# --------------------------------------------------------------------------------------------

JUDGED = {  # Figuur 6.1: per form, per year
    "bl_su": (87, 70, 69, 64, 40),
    "go_su": (66, 55, 38, 39, 33),
    "au": (15, 16, 18, 16, 11),
    "cu": (14, 1, 15, 8, 10),
    "onbekend": (5, 3, 8, 13, 7),
}
OTHER_OFFENCES = ((92, 66, 85, 89, 56), (178, 95, 51, 35, 29))  # Figuur 6.2: years, forms
VERDICTS = {  # Figuur 6.3 (domain.trial.UITSPRAKEN_DM): years, forms
    "overig": ((1, 1, 1, 1, 1), (2, 0, 0, 0, 3)),  # the row lost in the extraction
    "onbekend_gevoegd": ((2, 4, 2, 5, 2), (5, 3, 2, 3, 2)),
    "veroordeling_onbekend": ((10, 4, 14, 7, 7), (17, 3, 4, 3, 15)),
    "om_niet_ontvankelijk": ((2, 1, 2, 6, 0), (0, 2, 4, 1, 4)),
    "dagvaarding_nietig": ((0, 2, 0, 0, 0), (0, 2, 0, 0, 0)),
    "vrijspraak_mh_gevoegd": ((1, 0, 0, 1, 1), (1, 2, 0, 0, 0)),
    "vrijspraak_mh_andere_feiten": ((7, 4, 16, 9, 6), (14, 9, 14, 5, 0)),
    "vrijspraak": ((37, 34, 17, 17, 12), (43, 47, 15, 9, 3)),
    "ovar": ((3, 1, 1, 0, 0), (1, 4, 0, 0, 0)),
    "veroordeling_mh_voeging": ((3, 2, 2, 5, 2), (8, 1, 2, 3, 0)),
    "veroordeling_mh": ((121, 92, 93, 89, 70), (239, 158, 35, 24, 9)),
}
GUILTY_WITHOUT_PENALTY = (2018, "bl_su")
"""The one 'schuldigverklaring zonder straf' (line 6704): Figuur 6.3 minus Figuur 6.4."""
SENTENCES = {  # Figuur 6.4: years, forms
    "geldboete": ((0, 2, 1, 0, 5), (1, 0, 2, 1, 4)),
    "taakstraf": ((3, 2, 0, 0, 1), (1, 2, 2, 0, 1)),
    "voorwaardelijk": ((6, 10, 3, 1, 4), (12, 5, 7, 0, 0)),
    "deels_voorwaardelijk": ((47, 34, 33, 38, 31), (120, 37, 13, 11, 2)),
    "onvoorwaardelijk": ((65, 44, 56, 49, 29), (104, 114, 11, 12, 2)),
}
CLASSES = {  # Figuur 6.5 (the last row recovered from the totals): years, forms; day ranges
    "2_jaar_of_langer": ((26, 20, 28, 29, 22), (62, 50, 3, 10, 0)),
    "1_2_jaar": ((29, 20, 16, 18, 9), (50, 35, 4, 2, 1)),
    "6_12_maanden": ((26, 18, 12, 15, 17), (45, 32, 8, 3, 0)),
    "kort": ((31, 20, 33, 25, 12), (67, 34, 9, 8, 3)),
}
DAY_RANGE = {
    "kort": (1, 183),
    "6_12_maanden": (184, 364),
    "1_2_jaar": (365, 729),
    "2_jaar_of_langer": (730, 2920),
}
"""``domain.trial.STRAFDUURKLASSEN`` with the bounds we draw from (at most eight years)."""
MEAN_DAYS: dict[str, tuple[int | None, ...]] = {  # Figuur 6.6: per form per year
    "bl_su": (442, 457, 665, 891, 767),
    "go_su": (805, 763, 596, 484, 551),
    "au": (579, 720, 180, 323, 260),
    "cu": (351, 270, 959, 881, 1180),
    "onbekend": (28, None, None, 315, 3),
}
MEAN_DAYS_YEAR = (553, 591, 647, 675, 652)
MEAN_DAYS_FORM = (620, 650, 402, 693, 165)
MEAN_DAYS_TOTAL = 618
OTHER_CATEGORIES = {  # Tabel 6.1: % of the form's cases; last: of all 721; article delivered
    "witwassen": ((8, 24, 18, 17, 14), 15, ("420bis",)),
    "zeden": ((23, 3, 0, 4, 19), 13, ("242", "248b")),
    "vermogen": ((8, 3, 16, 50, 14), 10, ("310", "317")),
    "geweld": ((12, 7, 1, 19, 22), 10, ("300",)),
    "overige_misdrijven_wvsr": ((5, 3, 29, 15, 17), 8, ("overig_sr",)),
    "drugs": ((6, 4, 5, 8, 25), 6, ("opiumwet",)),
    "wapens": ((7, 1, 8, 4, 17), 6, ("wwm",)),
    "criminele_organisatie": ((2, 5, 14, 4, 8), 5, ("140",)),
    "vrijheidsbeneming": ((7, 2, 0, 6, 3), 4, ("282",)),
    "mensensmokkel": ((1, 4, 18, 2, 6), 4, ("197a",)),
    "overige_wetten": ((0, 1, 4, 0, 0), 1, ("overige_wet",)),
}
MEASURES = {  # Tabel 6.2 (n=465): straftype codes and counts
    "tbs": 10,
    "pij": 2,
    "contactverbod": 24,
    "gebiedsverbod": 1,
    "gbm": 1,
    "schadevergoeding": 247,
    "onttrekking": 28,
    "verbeurdverklaring": 55,
}
APPEALS = {"verdachte": 216, "om": 72, "beide": 72}
"""30%, 10% and 10% of 721, half in all (line 6689): 216, 72, 72 (29.96%, 9.99%)."""
IMPOSSIBLE_DATES = {"bl_su": 8, "go_su": 15, "au": 1, "cu": 1, "onbekend": 1}
"""The 26 cases with an impossible date (line 6979), per form: chosen so that the means over
the other 695 per form (``PROCESSING``) also give the column 2015-2019 (203, 497, 700)."""
PROCESSING = {  # Figuur 6.7: mean days at the OM, at the court (per form; total 203, 497)
    "bl_su": (133, 346),
    "go_su": (202, 705),
    "au": (446, 726),
    "cu": (171, 404),
    "onbekend": (371, 242),
}
PROCESSING_TOTAL = (203, 497)

COMPATIBLE = {"S": ("bl_su", "go_su", "onbekend"), "N": ("au", "cu"), "U": ("onbekend",)}
"""Dossier forms that keep chapter 5's form (``VORM_DADERMONITOR``) and give chapter 6's
(``VORM_BERECHTING_DM``): a sexual case of unknown kind has dossier su_onbekend; a non-sexual
case is labour or criminal; a case of unknown form stays unknown."""

FEIT_UITSPRAAK = {
    "veroordeling_mh": "bewezen",
    "schuldig_zonder_straf": "bewezen",
    "veroordeling_mh_voeging": "gevoegd",
    "vrijspraak": "vrijspraak",
    "vrijspraak_mh_andere_feiten": "vrijspraak",
    "vrijspraak_mh_gevoegd": "gevoegd",
    "ovar": "ovar",
    "om_niet_ontvankelijk": "niet_ontvankelijk",
    "dagvaarding_nietig": "nietig",
    "onbekend_gevoegd": "gevoegd",
    "veroordeling_onbekend": "onbekend",
    "overig": "onbekend",
}
"""The court's decision on the trafficking offence per verdict of the case."""


@dataclass
class Trial:
    """What a case judged in 2015-2019 carries besides its years and forms."""

    vorm: str
    uitspraak: str = ""
    hoofdstraf: str | None = None
    klasse: str | None = None
    dagen: int | None = None
    andere: bool = False
    categorieen: list[str] = field(default_factory=list)
    maatregelen: list[str] = field(default_factory=list)
    beroep: str | None = None
    impossible: bool = False
    dates: tuple[dt.date, dt.date, dt.date] | None = None  # inschrijving, afhandeling, vonnis
    kenmerken: bool = False
    """Whether ``persons`` gave the suspect below (chapter 8); else ``synth.om_2015`` draws."""
    geslacht: str | None = None  # M, V, None (unknown)
    leeftijd: int | None = None  # at the begin of the offence; None: no date of birth
    geboorteland: str | None = None  # land code; None: unknown


def _weighted(m: Milp, coefs: dict[int, float], lo: float, hi: float) -> None:
    """A constraint with coefficients (``Milp.add`` takes unit terms only)."""
    m.rows.append((dict(coefs), float(lo), float(hi)))


# --------------------------------------------------------------------------------------------
# C1: which summoned cases are judged in 2015-2019
# --------------------------------------------------------------------------------------------

OM_SLACK = 180
"""Days a case's time at the OM or the court may differ from whole years (the dates within the
years; the real range is about 364, the rest is left for the adjustment)."""


def _range(k: int) -> tuple[int, int]:
    return (20, 150) if k == 0 else (365 * k - OM_SLACK, 365 * k + OM_SLACK)


def choose_judged(pool: dict[tuple[int, int, str], list[Any]]) -> dict[tuple[int, str], list[Any]]:
    """C1. ``pool``: summoned cases by (year of registration, of settlement, chapter 5 form or
    '*' when it is free). Returns the judged cases per (year of judgment, dossier form)."""
    m = Milp("om_2015_judged")
    x: dict[tuple[int, str, tuple[int, int, str]], int] = {}
    n_pool = sum(len(v) for v in pool.values())
    for key, cases in pool.items():
        r, s, f = key
        forms = FORMS if f == "*" else COMPATIBLE[f]
        for j in YEARS:
            if j < s or j - s > 6:
                continue
            for d in forms:
                share = JUDGED[d][YEARS.index(j)] / 721
                x[j, d, key] = m.var(prior=len(cases) * share * 721 / n_pool)
    for j in YEARS:
        for d in FORMS:
            m.add([v for (j2, d2, _k), v in x.items() if (j2, d2) == (j, d)], JUDGED[d][j - 2015])
    for key, cases in pool.items():
        m.add([v for (_j, _d, k2), v in x.items() if k2 == key], (0, len(cases)))
    for d in FORMS:
        n = sum(JUDGED[d])
        om, court = PROCESSING[d]
        for mean, lag in ((om, lambda j, r, s: s - r), (court, lambda j, r, s: j - s)):
            lo: dict[int, float] = {}
            hi: dict[int, float] = {}
            for (j, d2, (r, s, _f)), v in x.items():
                if d2 == d:
                    a, b = _range(lag(j, r, s))
                    lo[v], hi[v] = a, b
            _weighted(m, lo, -float("inf"), mean * n)
            _weighted(m, hi, mean * n, float("inf"))
    # room for the impossible dates (settled and judged in the same year)
    for d, n in IMPOSSIBLE_DATES.items():
        m.add([v for (j, d2, (_r, s, _f)), v in x.items() if j == s and d2 == d], (n + 2, 10**6))
    # the cases of the 'overige vormen' classification with a verdict (om_2015.OVERIG_ONLY)
    for f, forms, n in (("S", ("bl_su", "go_su"), 14), ("N", ("au",), 8), ("N", ("cu",), 15)):
        m.add(
            [v for (_j, d, (r, _s, f2)), v in x.items() if f2 == f and d in forms and r >= 2015],
            (n, 10**6),
        )
    sol = m.solve()
    out: dict[tuple[int, str], list[Any]] = defaultdict(list)
    taken: dict[tuple[int, int, str], int] = defaultdict(int)
    for (j, d, key), v in sorted(x.items()):
        for _ in range(sol[v]):
            out[j, d].append(pool[key][taken[key]])
            taken[key] += 1
    return out


# --------------------------------------------------------------------------------------------
# C2: verdicts, sentences, durations and other offences per cell (year, form)
# --------------------------------------------------------------------------------------------

CellKey = tuple[int, str]


@dataclass
class Cell:
    verdicts: dict[str, int]
    sentences: dict[tuple[str, str | None], int]  # (heaviest sentence, class) -> count
    days: int
    other: int


def verdicts() -> dict[CellKey, Cell]:
    """C2: the cross of Figuur 6.2-6.6 per (year, form)."""
    m = Milp("om_2015_verdicts")
    cells = [(j, d) for j in YEARS for d in FORMS]
    y: dict[tuple[int, str, str], int] = {}
    w: dict[tuple[int, str, str, str | None], int] = {}
    other: dict[CellKey, int] = {}
    total = 721
    for j, d in cells:
        i, k = YEARS.index(j), FORMS.index(d)
        n = JUDGED[d][i]
        for v, (ys, fs) in VERDICTS.items():
            if v != "veroordeling_mh" and ys[i] and fs[k]:
                y[j, d, v] = m.var(prior=ys[i] * fs[k] / total)
        if (j, d) == GUILTY_WITHOUT_PENALTY:
            y[j, d, "schuldig_zonder_straf"] = m.var()
        for t, (ys, fs) in SENTENCES.items():
            if not (ys[i] and fs[k]):
                continue
            if t in ("deels_voorwaardelijk", "onvoorwaardelijk"):
                if MEAN_DAYS[d][i] is None:
                    continue
                for c, (cy, cf) in CLASSES.items():
                    if cy[i] and cf[k]:
                        w[j, d, t, c] = m.var(prior=ys[i] * fs[k] / 464 * cy[i] / sum(cy))
            else:
                w[j, d, t, None] = m.var(prior=ys[i] * fs[k] / 464)
        other[j, d] = m.var(prior=n * OTHER_OFFENCES[0][i] / sum(JUDGED[f][i] for f in FORMS))
        m.add([other[j, d]], (0, n))
        cell_y = [v for (j2, d2, _v), v in y.items() if (j2, d2) == (j, d)]
        cell_w = [v for (j2, d2, _t, _c), v in w.items() if (j2, d2) == (j, d)]
        m.add(cell_y + cell_w, n)
        if (j, d, "vrijspraak_mh_andere_feiten") in y:  # acquitted of trafficking, convicted
            _weighted(m, {other[j, d]: 1.0, y[j, d, "vrijspraak_mh_andere_feiten"]: -1.0}, 0, n)
        custodial = [v for (j2, d2, _t, c), v in w.items() if (j2, d2) == (j, d) and c]
        mean = MEAN_DAYS[d][i]
        if mean is None:
            m.add(custodial, 0)
            continue
        m.add(custodial, (1, n))
        # the classes must allow the cell's mean: sum of lower bounds <= (mean + 0.5) n - 0.5
        # and sum of upper bounds >= (mean - 0.5) n
        lo: dict[int, float] = defaultdict(float)
        hi: dict[int, float] = defaultdict(float)
        for (j2, d2, _t, cls), var in w.items():
            if (j2, d2) == (j, d) and cls:
                lo[var] += DAY_RANGE[cls][0] - (mean + 0.5)
                hi[var] += DAY_RANGE[cls][1] - (mean - 0.5)
        _weighted(m, lo, -float("inf"), -0.5)
        _weighted(m, hi, 0, float("inf"))
    for v, (ys, fs) in VERDICTS.items():
        for i, j in enumerate(YEARS):
            m.add(_verdict_terms(y, w, v, lambda j2, d2, j=j: j2 == j), ys[i])
        for k, d in enumerate(FORMS):
            m.add(_verdict_terms(y, w, v, lambda j2, d2, d=d: d2 == d), fs[k])
    for t, (ys, fs) in SENTENCES.items():
        for i, j in enumerate(YEARS):
            m.add([v for (j2, _d, t2, _c), v in w.items() if (j2, t2) == (j, t)], ys[i])
        for k, d in enumerate(FORMS):
            m.add([v for (_j, d2, t2, _c), v in w.items() if (d2, t2) == (d, t)], fs[k])
    for c, (cy, cf) in CLASSES.items():
        for i, j in enumerate(YEARS):
            m.add([v for (j2, _d, _t, c2), v in w.items() if (j2, c2) == (j, c)], cy[i])
        for k, d in enumerate(FORMS):
            m.add([v for (_j, d2, _t, c2), v in w.items() if (d2, c2) == (d, c)], cf[k])
    for i, j in enumerate(YEARS):
        m.add([other[j, d] for d in FORMS], OTHER_OFFENCES[0][i])
    for k, d in enumerate(FORMS):
        m.add([other[j, d] for j in YEARS], OTHER_OFFENCES[1][k])
    # the cells' means must average to the year's, the form's and the total mean (Figuur 6.6):
    # sum over the cells of (cell mean - mean) * custodial count within about half the count
    # on either side, so that _days finds the sums
    n_year = [sum(CLASSES[c][0][i] for c in CLASSES) for i in range(5)]
    n_form = [sum(CLASSES[c][1][k] for c in CLASSES) for k in range(5)]
    groups: list[tuple[set[int], set[str], int, int]] = [
        ({j}, set(FORMS), MEAN_DAYS_YEAR[i], n_year[i]) for i, j in enumerate(YEARS)
    ]
    groups += [({*YEARS}, {d}, MEAN_DAYS_FORM[k], n_form[k]) for k, d in enumerate(FORMS)]
    groups.append(({*YEARS}, set(FORMS), MEAN_DAYS_TOTAL, sum(n_year)))
    for in_years, in_forms, mean, n in groups:
        coefs = {
            v: float((MEAN_DAYS[d][YEARS.index(j)] or 0) - mean)
            for (j, d, _t, c), v in w.items()
            if c and j in in_years and d in in_forms
        }
        _weighted(m, coefs, -0.9 * n, 0.9 * n)
    sol = m.solve()
    out: dict[CellKey, Cell] = {}
    for j, d in cells:
        out[j, d] = Cell(
            verdicts={v: sol[x] for (j2, d2, v), x in y.items() if (j2, d2) == (j, d)},
            sentences={(t, c): sol[x] for (j2, d2, t, c), x in w.items() if (j2, d2) == (j, d)},
            days=0,
            other=sol[other[j, d]],
        )
    _days(out)
    return out


def _days(cells: dict[CellKey, Cell]) -> None:
    """The sum of the unconditional days per cell: each cell's mean (Figuur 6.6) within its
    classes' range, and the means per year, per form and in total."""
    m = Milp("om_2015_days")
    days: dict[CellKey, int] = {}
    for (j, d), cell in cells.items():
        mean = MEAN_DAYS[d][YEARS.index(j)]
        days[j, d] = m.var(prior=(mean or 0) * _custodial(cell), weight=0.0)
        if mean is None:
            m.add([days[j, d]], 0)
            continue
        n = _custodial(cell)
        lo = sum(DAY_RANGE[c][0] * k for (_t, c), k in cell.sentences.items() if c)
        hi = sum(DAY_RANGE[c][1] * k for (_t, c), k in cell.sentences.items() if c)
        a, b = _mean_range(mean, n)
        m.add([days[j, d]], (max(lo, a), min(hi, b)))
    n_year = [sum(CLASSES[c][0][i] for c in CLASSES) for i in range(5)]
    n_form = [sum(CLASSES[c][1][k] for c in CLASSES) for k in range(5)]
    for i, j in enumerate(YEARS):
        m.add([days[j, d] for d in FORMS], _mean_range(MEAN_DAYS_YEAR[i], n_year[i]))
    for k, d in enumerate(FORMS):
        m.add([days[j, d] for j in YEARS], _mean_range(MEAN_DAYS_FORM[k], n_form[k]))
    m.add(list(days.values()), _mean_range(MEAN_DAYS_TOTAL, sum(n_year)))
    sol = m.solve()
    for key, cell in cells.items():
        cell.days = sol[days[key]]


def _custodial(cell: Cell) -> int:
    return sum(k for (_t, c), k in cell.sentences.items() if c)


def _mean_range(mean: int, n: int) -> tuple[int, int]:
    """The integer sums s with round(s / n) = mean (half up)."""
    return (-((-(2 * mean - 1) * n) // 2), ((2 * mean + 1) * n - 1) // 2)


def _verdict_terms(
    y: dict[tuple[int, str, str], int],
    w: dict[tuple[int, str, str, str | None], int],
    verdict: str,
    where: Any,
) -> list[int]:
    if verdict != "veroordeling_mh":
        return [v for (j, d, v2), v in y.items() if v2 == verdict and where(j, d)]
    return [v for (j, d, _t, _c), v in w.items() if where(j, d)] + [
        v for (j, d, v2), v in y.items() if v2 == "schuldig_zonder_straf" and where(j, d)
    ]


# --------------------------------------------------------------------------------------------
# Tabel 6.1: the categories of the other offences per form
# --------------------------------------------------------------------------------------------


def _pct(part: int, whole: int) -> int:
    return (200 * part + whole) // (2 * whole)


def categories(other: dict[str, int]) -> dict[tuple[str, str], int]:
    """Per (form, category) the cases, so that every percentage of Tabel 6.1 holds and every
    form's cases with other offences can each have one (``other``: per form)."""
    m = Milp("om_2015_categories")
    k: dict[tuple[str, str], int] = {}
    for cat, (pcts, total_pct, _arts) in OTHER_CATEGORIES.items():
        for i, d in enumerate(FORMS):
            n = sum(JUDGED[d])
            ok = [c for c in range(other[d] + 1) if _pct(c, n) == pcts[i]]
            if not ok:
                raise ValueError(f"Tabel 6.1: no count for {cat} {d}")
            k[d, cat] = m.var(prior=pcts[i] * n / 100)
            m.add([k[d, cat]], (min(ok), max(ok)))
        ok = [c for c in range(722) if _pct(c, 721) == total_pct]
        m.add([k[d, cat] for d in FORMS], (min(ok), max(ok)))
    for d in FORMS:
        m.add([v for (d2, _c), v in k.items() if d2 == d], (other[d], 10**6))
    sol = m.solve()
    return {key: sol[v] for key, v in k.items()}


# --------------------------------------------------------------------------------------------
# Putting it on the cases
# --------------------------------------------------------------------------------------------


def assign(rng: random.Random, judged: dict[CellKey, list[Any]]) -> dict[int, Trial]:
    """Every judged case's ``Trial`` (by ``id`` of the case object)."""
    cells = verdicts()
    trials: dict[int, Trial] = {}
    for key in sorted(judged):
        cases = judged[key]
        rng.shuffle(cases)
        cell = cells[key]
        labels: list[tuple[str, str | None, str | None]] = []
        for v, n in sorted(cell.verdicts.items()):
            labels += [(v, None, None)] * n
        for (t, c), n in sorted(cell.sentences.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
            labels += [("veroordeling_mh", t, c)] * n
        assert len(labels) == len(cases), key
        # acquitted of trafficking but convicted of other offences: other offences first
        order = sorted(
            range(len(cases)), key=lambda i: labels[i][0] != "vrijspraak_mh_andere_feiten"
        )
        for i, z in enumerate(cases):
            verdict, straf, klasse = labels[i]
            trials[id(z)] = Trial(vorm=key[1], uitspraak=verdict, hoofdstraf=straf, klasse=klasse)
        for i in order[: cell.other]:
            trials[id(cases[i])].andere = True
        _durations(rng, [trials[id(z)] for z in cases], cell.days)
    flat = [trials[id(z)] for key in sorted(judged) for z in judged[key]]
    _categories(rng, flat)
    _measures(rng, flat)
    _appeals(rng, flat)
    persons(flat)
    return trials


def _durations(rng: random.Random, trials: list[Trial], total: int) -> None:
    """Unconditional days within each case's class, adding up to the cell's ``total``."""
    custodial = [t for t in trials if t.klasse]
    if not custodial:
        return
    for t in custodial:
        lo, hi = DAY_RANGE[t.klasse]  # type: ignore[index]
        t.dagen = rng.randint(lo, min(hi, lo + 400))
    diff = total - sum(t.dagen or 0 for t in custodial)
    while diff:
        moved = False
        for t in custodial:
            lo, hi = DAY_RANGE[t.klasse]  # type: ignore[index]
            step = max(min(diff, hi - t.dagen), lo - t.dagen) if diff else 0  # type: ignore[operator]
            if step:
                t.dagen += step  # type: ignore[operator]
                diff -= step
                moved = True
        if not moved:
            raise ValueError("durations out of the classes' range")


def _categories(rng: random.Random, trials: list[Trial]) -> None:
    per_form: dict[str, list[Trial]] = defaultdict(list)
    for t in trials:
        if t.andere:
            per_form[t.vorm].append(t)
    counts = categories({d: len(per_form[d]) for d in FORMS})
    for d in FORMS:
        cases = per_form[d]
        rng.shuffle(cases)
        tokens = [c for c in OTHER_CATEGORIES for _ in range(counts[d, c])]
        tokens.sort(key=lambda c: -counts[d, c])
        first, rest = tokens[: len(cases)], tokens[len(cases) :]
        for t, c in zip(cases, first, strict=True):
            t.categorieen.append(c)
        for c in rest:
            free = [t for t in cases if c not in t.categorieen]
            rng.choice(free).categorieen.append(c)


def _measures(rng: random.Random, trials: list[Trial]) -> None:
    sentenced = [t for t in trials if t.hoofdstraf is not None]
    for code, n in MEASURES.items():
        for t in rng.sample(sentenced, n):
            t.maatregelen.append(code)


def _appeals(rng: random.Random, trials: list[Trial]) -> None:
    order = list(trials)
    rng.shuffle(order)
    i = 0
    for who, n in APPEALS.items():
        for t in order[i : i + n]:
            t.beroep = who
        i += n


# --------------------------------------------------------------------------------------------
# Chapter 8: the judged persons' sex, age and country of birth
# --------------------------------------------------------------------------------------------

STRATA = ("vrijheidsstraf", "veroordeeld", "niet_veroordeeld")
"""The judged cases split by chapter 8's nested phases (Dadermonitor lines 7874-7880, B1.7.2):
a (partly) unconditional custodial sentence for trafficking (the 426), convicted of trafficking
without one (479 - 426), not convicted of trafficking (721 - 479). Dagvaarding counts all three,
veroordeling the first two, onvoorwaardelijke vrijheidsstraf the first."""

WOMEN = {  # per form: women per stratum; 135 of 715 at dagvaarding (line 7926)
    "bl_su": (38, 4, 14),
    "go_su": (33, 2, 16),
    "au": (6, 3, 10),
    "cu": (2, 1, 2),
    "onbekend": (0, 1, 3),
}
"""Figuur 8.1 (lost; the text's statements): women 17%-19% of the known at dagvaarding (135,
18.9%), veroordeling (90, 18.9%) and vrijheidsstraf (79, 18.6%), AU the highest share in every
phase (25%), GO-SU next (22%)."""
SEX_UNKNOWN = {"bl_su": (1, 1, 1), "go_su": (1, 0, 0), "au": (0, 1, 0), "onbekend": (0, 0, 1)}
"""B1.7.3: sex unknown for 6 / 4 / 2 of the three phases (line 9884)."""

AGE_UNKNOWN = {"go_su": (0, 1, 0), "au": (0, 1, 1), "bl_su": (0, 0, 1), "onbekend": (0, 0, 1)}
"""B1.7.3: date of birth unknown for 5 / 2 / 0 (line 9886; Tabel 8.1's N 716, 477, 426)."""
AGE_MEAN = {  # per form: the mean age aimed at, per phase (vrijheidsstraf, veroordeling,
    # dagvaarding); Tabel 8.1 prints it rounded to whole years
    "bl_su": (27.0, 27.2, 28.0),
    "go_su": (33.0, 33.0, 34.0),
    "au": (42.0, 42.6, 42.0),
    "cu": (32.0, 32.0, 33.0),
    "onbekend": (22.0, 31.0, 35.0),
}
AGE_YOUNG = {  # per form and stratum: aged 22 or younger (Figuur 8.2)
    "bl_su": (67, 8, 24),
    "go_su": (30, 2, 14),
    "au": (1, 1, 2),
    "cu": (5, 1, 5),
    "onbekend": (3, 0, 2),
}
"""Figuur 8.2 (lost; the text's statements): t/m 22 jaar 25% at vrijheidsstraf (106 of 426) and
veroordeling (118 of 477), 23% at dagvaarding (165 of 716); BL-SU 30% (26%-36%), CU 22%, 22%,
23% ('zo'n 22%', line 8280)."""
AGE_SHAPE = {
    "bl_su": (1.2, 1.2, 1.2),
    "go_su": (2.2, 2.2, 4.0),
    "au": (5.0, 3.0, 6.0),
    "cu": (2.6, 2.6, 8.0),
    "onbekend": (2.0, 30.0, 3.0),
}
"""Shape of the gamma distribution of the ages above 22 per form and stratum: the spread that
keeps the standard deviations of Tabel 8.1's footnote 3 (line 7998) in every phase, and AU's
'veertig jaar of ouder' at 54%-61% (58%, lines 8077-8079)."""
YOUNG_AGES = (18, 19, 20, 21, 22, 20, 21, 19, 22, 17, 20, 21)

BIRTH_COUNTRIES: dict[str, tuple[str, tuple[int, int, int, int, int]]] = {
    # Tabel B2.2 (lines 10844-10980): land code -> (region, counts per form: BL-SU, GO-SU, AU,
    # CU, Onbekend); region nl, eer, azie (Asia, AU's 28%-39%) or overig
    "AF": ("azie", (2, 0, 0, 0, 0)),
    "AL": ("overig", (0, 3, 0, 0, 0)),
    "AU": ("overig", (0, 1, 0, 0, 0)),
    "BE": ("eer", (0, 1, 0, 0, 2)),
    "BR": ("overig", (2, 4, 0, 0, 0)),
    "BG": ("eer", (2, 25, 3, 0, 1)),
    "CN": ("azie", (2, 0, 7, 0, 0)),
    "CO": ("overig", (2, 0, 0, 0, 0)),
    "CD": ("overig", (3, 0, 0, 0, 0)),
    "DO": ("overig", (0, 0, 0, 0, 1)),
    "DE": ("eer", (1, 1, 1, 0, 0)),
    "EG": ("overig", (0, 1, 4, 0, 0)),
    "ET": ("overig", (2, 0, 0, 0, 0)),
    "PH": ("azie", (0, 0, 2, 0, 0)),
    "FR": ("eer", (0, 1, 0, 1, 0)),
    "GH": ("overig", (0, 1, 0, 0, 0)),
    "HU": ("eer", (2, 55, 3, 0, 0)),
    "IE": ("eer", (0, 1, 0, 0, 0)),
    "IN": ("azie", (0, 0, 4, 0, 0)),
    "ID": ("azie", (0, 0, 2, 0, 0)),
    "IQ": ("azie", (0, 1, 1, 1, 0)),
    "IR": ("azie", (1, 1, 0, 2, 1)),
    "IT": ("eer", (1, 0, 0, 3, 0)),
    "YUCS": ("overig", (1, 1, 1, 4, 0)),
    "CM": ("overig", (0, 1, 0, 0, 0)),
    "LB": ("azie", (1, 0, 0, 0, 1)),
    "LT": ("eer", (0, 1, 0, 0, 0)),
    "MA": ("overig", (12, 3, 2, 0, 1)),
    "NL": ("nl", (225, 40, 20, 26, 17)),
    "ANHH": ("overig", (22, 1, 0, 4, 5)),
    "NG": ("overig", (1, 0, 0, 0, 0)),
    "PK": ("azie", (0, 1, 1, 0, 0)),
    "PE": ("overig", (0, 1, 0, 0, 0)),
    "PL": ("eer", (1, 2, 4, 0, 0)),
    "RO": ("eer", (3, 63, 2, 1, 1)),
    "SG": ("azie", (0, 0, 1, 0, 0)),
    "SK": ("eer", (1, 0, 0, 0, 0)),
    "SO": ("overig", (2, 0, 0, 0, 0)),
    "SUHH": ("overig", (3, 0, 0, 0, 0)),
    "LK": ("azie", (0, 0, 0, 0, 1)),
    "SR": ("overig", (27, 1, 2, 1, 1)),
    "SY": ("azie", (0, 2, 0, 0, 0)),
    "TH": ("azie", (2, 0, 0, 0, 0)),
    "TR": ("azie", (7, 6, 9, 1, 2)),
    "VE": ("overig", (1, 0, 0, 0, 0)),
    "GB": ("eer", (0, 0, 1, 4, 0)),
    "VN": ("azie", (0, 0, 0, 0, 2)),
    "ZM": ("overig", (1, 0, 0, 0, 0)),
    "": ("onbekend", (0, 12, 6, 0, 0)),
}
"""Every judged person's country of birth: Tabel B2.2 exactly (so Tabel 8.2 follows)."""
BIRTH_REGIONS: dict[str, tuple[tuple[int, int, int | None, int | None, int], ...]] = {
    # per form: (nl, eer, azie, other non-Asian, unknown) per stratum
    "bl_su": ((147, 7, None, None, 0), (15, 1, None, None, 0), (63, 3, None, None, 0)),
    "go_su": ((23, 100, None, None, 8), (2, 4, None, None, 1), (15, 46, None, None, 3)),
    "au": ((5, 4, 8, 5, 2), (4, 3, 3, 2, 1), (11, 7, 16, 2, 3)),
    "cu": ((11, 6, None, None, 0), (2, 1, None, None, 0), (13, 2, None, None, 0)),
    "onbekend": ((2, 1, None, None, 0), (2, 1, None, None, 0), (13, 2, None, None, 0)),
}
"""How each form's countries of Tabel B2.2 split over the strata (None: Asia and the rest of the
world together, the remainder): Figuur 8.3 (lost; the text's statements): Nederland 45% at
vrijheidsstraf (188 of 416 known) and veroordeling (213 of 467), BL-SU 60%-70% (66%, 66%, 68%),
CU Nederland the largest with EER and overig equal at vrijheidsstraf and veroordeling (6/6,
7/7; at dagvaarding Tabel B2.2 itself has 9 and 13), GO-SU more than half EER, AU overig
50%-65% (59%, 53%, 51%) and Asia 28%-39% (36%, 32%, 39%)."""


def _stratum(t: Trial) -> int:
    """The index in ``STRATA`` of a judged case."""
    if t.hoofdstraf in ("onvoorwaardelijk", "deels_voorwaardelijk"):
        return 0
    if t.uitspraak in ("veroordeling_mh", "veroordeling_mh_voeging", "schuldig_zonder_straf"):
        return 1
    return 2


def _gamma_quantile(p: float, k: float) -> float:
    """The p-quantile of a gamma distribution with shape k and mean k (Wilson-Hilferty)."""
    c = 1 / (9 * k)
    return k * max(0.0, 1 - c + NormalDist().inv_cdf(p) * c**0.5) ** 3


def ages(n: int, young: int, total: int, shape: float) -> list[int]:
    """``n`` ages adding up to ``total``, ``young`` of them 17-22, the others 23-75 spread as a
    gamma distribution of shape ``shape`` above 23 (quantiles, so no randomness)."""
    out = [YOUNG_AGES[i % len(YOUNG_AGES)] for i in range(young)]
    rest = n - young
    if rest == 0:
        assert sum(out) == total
        return out
    mean = (total - sum(out)) / rest
    old = [
        min(75, max(23, round(23 + (mean - 23) * _gamma_quantile((i + 0.5) / rest, shape) / shape)))
        for i in range(rest)
    ]
    diff, i = total - sum(out) - sum(old), 0
    while diff:
        j = i % rest
        if diff > 0 and old[-1 - j] < 75:
            old[-1 - j] += 1
            diff -= 1
        elif diff < 0 and old[j] > 23:
            old[j] -= 1
            diff += 1
        i += 1
    return out + old


def _age_cells(form: str, sizes: list[int]) -> list[list[int | None]]:
    """The ages of each stratum of ``form`` (``AGE_MEAN``, ``AGE_YOUNG``, ``AGE_SHAPE``), with
    None for the unknown ones (``AGE_UNKNOWN``)."""
    unknown = AGE_UNKNOWN.get(form, (0, 0, 0))
    known = [n - u for n, u in zip(sizes, unknown, strict=True)]
    cumulative = [sum(known[: i + 1]) for i in range(3)]
    sums = [round(k * m) for k, m in zip(cumulative, AGE_MEAN[form], strict=True)]
    cells: list[list[int | None]] = []
    for i in range(3):
        total = sums[i] - (sums[i - 1] if i else 0)
        cell: list[int | None] = list(ages(known[i], AGE_YOUNG[form][i], total, AGE_SHAPE[form][i]))
        cells.append(cell + [None] * unknown[i])
    return cells


def _country_cells(form: str, sizes: list[int], rng: random.Random) -> list[list[str | None]]:
    """``BIRTH_COUNTRIES``' countries of ``form`` dealt over the strata by ``BIRTH_REGIONS``."""
    f = FORMS.index(form)
    pools: dict[str, list[str]] = defaultdict(list)
    for code, (region, counts) in BIRTH_COUNTRIES.items():
        pools[region] += [code] * counts[f]
    for pool in pools.values():
        rng.shuffle(pool)
    others = pools["azie"] + pools["overig"]
    cells: list[list[str | None]] = []
    for i, (nl, eer, azie, overig, unknown) in enumerate(BIRTH_REGIONS[form]):
        cell: list[str | None] = []
        for region, n in (("nl", nl), ("eer", eer), ("onbekend", unknown)):
            cell += [c or None for c in pools[region][:n]]
            del pools[region][:n]
        if azie is not None and overig is not None:  # AU: Asia apart
            cell += pools["azie"][:azie] + pools["overig"][:overig]
            del pools["azie"][:azie], pools["overig"][:overig]
        else:
            rest = sizes[i] - len(cell)
            cell += others[:rest]
            del others[:rest]
        assert len(cell) == sizes[i], (form, i)
        cells.append(cell)
    assert not others or BIRTH_REGIONS[form][0][2] is not None, form
    assert all(not p for r, p in pools.items() if r not in ("azie", "overig")), form
    return cells


def persons(trials: list[Trial]) -> None:
    """Chapter 8: every judged case's suspect gets a sex, an age at the offence and a country of
    birth, per form and ``STRATA`` to exact counts (``WOMEN``, ``SEX_UNKNOWN``, ``AGE_*``,
    ``BIRTH_*``), assigned in a random order within the stratum."""
    rng = random.Random("om-2015-persons")
    for form in FORMS:
        strata: list[list[Trial]] = [[], [], []]
        for t in trials:
            if t.vorm == form:
                strata[_stratum(t)].append(t)
        sizes = [len(s) for s in strata]
        age_cells = _age_cells(form, sizes)
        country_cells = _country_cells(form, sizes, rng)
        unknown = SEX_UNKNOWN.get(form, (0, 0, 0))
        for i, cases in enumerate(strata):
            sexes: list[str | None] = ["V"] * WOMEN[form][i] + [None] * unknown[i]
            sexes += ["M"] * (len(cases) - len(sexes))
            lands, years = country_cells[i], age_cells[i]
            for column in (sexes, years, lands):
                assert len(column) == len(cases), (form, i)
            rng.shuffle(sexes)
            rng.shuffle(years)
            rng.shuffle(lands)
            for t, sex, age, land in zip(cases, sexes, years, lands, strict=True):
                t.kenmerken = True
                t.geslacht, t.leeftijd, t.geboorteland = sex, age, land


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------


def _year(y: int) -> tuple[dt.date, dt.date]:
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def dates(rng: random.Random, judged: list[tuple[Any, Trial, int, int, int]]) -> None:
    """Dates of registration, settlement and judgment in the cases' years (r, s, j): 26
    impossible ones (judged before the OM's decision), the others with the means of Figuur
    6.7 per form (their totals then hold too: every row adds up)."""
    same = [e for e in judged if e[3] == e[4]]
    rng.shuffle(same)
    chosen = [
        e for d, n in IMPOSSIBLE_DATES.items() for e in [e for e in same if e[1].vorm == d][:n]
    ]
    for _z, t, r, s, _j in chosen:
        t.impossible = True
        von = dt.date(s, rng.randint(1, 6), rng.randint(1, 28))
        afh = von + dt.timedelta(days=rng.randint(30, 150))
        first = _year(r)[0]
        ins = first + dt.timedelta(
            days=rng.randint(0, max(0, (min(afh, _year(r)[1]) - first).days))
        )
        t.dates = (ins, afh, von)
    per_form: dict[str, list[tuple[Trial, int, int, int]]] = defaultdict(list)
    for _z, t, r, s, j in judged:
        if not t.impossible:
            per_form[t.vorm].append((t, r, s, j))
    for d, entries in per_form.items():
        om, court = PROCESSING[d]
        for (t, _r, _s, _j), ds in zip(entries, _dates(rng, entries, om, court), strict=True):
            t.dates = ds


EPOCH = dt.date(2000, 1, 1)


def _dates(
    rng: random.Random, entries: list[tuple[Trial, int, int, int]], om: int, court: int
) -> list[tuple[dt.date, dt.date, dt.date]]:
    """Dates in the cases' years with mean time at the OM ``om`` and at the court ``court``
    exactly: a MILP that stays as close as it can to dates drawn at random."""
    m = Milp("om_2015_dates")
    rows = []
    for _t, r, s, j in entries:
        ins = _random_day(rng, *_year(r))
        afh = _random_day(rng, max(ins, _year(s)[0]), _year(s)[1])
        von = _random_day(rng, max(afh, _year(j)[0]), _year(j)[1])
        vs = []
        for day, y in ((ins, r), (afh, s), (von, j)):
            v = m.var(prior=(day - EPOCH).days)
            first, last = _year(y)
            m.add([v], ((first - EPOCH).days, (last - EPOCH).days))
            vs.append(v)
        _weighted(m, {vs[1]: 1.0, vs[0]: -1.0}, 0, float("inf"))
        _weighted(m, {vs[2]: 1.0, vs[1]: -1.0}, 0, float("inf"))
        rows.append(vs)
    n = len(entries)
    om_sum: dict[int, float] = defaultdict(float)
    court_sum: dict[int, float] = defaultdict(float)
    for v_ins, v_afh, v_von in rows:
        om_sum[v_afh] += 1.0
        om_sum[v_ins] -= 1.0
        court_sum[v_von] += 1.0
        court_sum[v_afh] -= 1.0
    _weighted(m, om_sum, om * n, om * n)
    _weighted(m, court_sum, court * n, court * n)
    sol = m.solve()
    return [
        (
            EPOCH + dt.timedelta(days=sol[a]),
            EPOCH + dt.timedelta(days=sol[b]),
            EPOCH + dt.timedelta(days=sol[c]),
        )
        for a, b, c in rows
    ]


def _random_day(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=rng.randint(0, max(0, (hi - lo).days)))
