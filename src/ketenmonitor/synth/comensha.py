"""A synthetic CoMensha delivery calibrated to the Jaarcijfers Mensenhandel 2024, chapter 1.

``write_comensha(out_dir, scale=1, seed=...)`` writes ``comensha.xlsx`` (the comensha contract's
format) with the registrations of 2020-2024 and the anonymous reports. After the real ingestion
and ``ketenmonitor.domain.victims.create_victim_views``, every victim figure of chapter 1
(Figuur 1-9, Figuur 12, Tabel 1) and the numbers the text states equal the publication; a "<5"
cell becomes a count of 1 to 4, a 0 stays 0.

The calibration is population synthesis by integer programming (scipy.optimize.milp, HiGHS),
in stages that each fix the attributes the next one is conditioned on:

A. per year, counts of victim types (registered forms, origin, age category, sex) that meet the
   totals, the forms, age, sex and origin per year, every 2024 cross-cut by form and the
   overlaps and minors the text gives;
B. nationalities within origin (Tabel 1, the top nationalities per form, supply for the
   labour sectors the text names);
C. labour sectors per (nationality, sex) (Figuur 5 and the text at Figuur 5 and 8);
D. sexual sectors per origin (Figuur 3, Figuur 4);
E. melders per form profile (Figuur 12, the minors of criminal exploitation);
F. offences of criminal exploitation (text at Figuur 8), by direct allocation.

Each stage minimises the L1 distance to a plausible prior (the published cross-cuts as
conditional shapes), so cells nothing calibrates still look real. The solution is computed once
for scale 1; ``scale`` repeats every person and anonymous report ``scale`` times under new
numbers, so every count multiplies by ``scale``. Published contradictions and the side that wins
are listed in docs/methodology/victims.md.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ketenmonitor.contracts import load_contract
from ketenmonitor.domain.victims import land_herkomst
from ketenmonitor.synth import _write_xlsx

YEARS = (2020, 2021, 2022, 2023, 2024)
Y = 2024
DEFAULT_SEED = 2024
LT5 = (1, 4)
"""A published '<5' cell: a count from 1 to 4."""

Target = int | tuple[int, int]

# --------------------------------------------------------------------------------------------
# Published numbers (Jaarcijfers Mensenhandel 2024, chapter 1), the targets of the calibration.
# The figures themselves are transcribed in tests/fixtures/published/jaarcijfers_2024/; the
# synthesiser needs its own copy because nothing in src/ reads test fixtures.
# --------------------------------------------------------------------------------------------

FORMS = ("bin", "int", "arb", "crim", "org", "onb")
COLS5 = ("bin", "int", "arb", "crim", "ov")
ORIGINS = ("nederland", "europa", "afrika", "azie", "latijns_amerika", "overig", "onbekend")
AGES = ("minderjarig", "18-22", "23-29", "30-39", "40+", "onbekend")
SEXES = ("man", "vrouw", "onbekend")
FORMSETS = ("S", "A", "C", "O", "U", "SA", "SC", "AC", "SAC")
"""Registered forms of a victim: S seksueel, A arbeid, C crimineel/bedelarij, O orgaan,
U onbekend/nog niet gewerkt."""

TOTAL = dict(zip(YEARS, (1013, 791, 814, 868, 944), strict=True))  # Figuur 1
FIG2: dict[str, tuple[Target, ...]] = {  # Figuur 2
    "bin": (119, 189, 162, 135, 123),
    "int": (317, 197, 217, 333, 364),
    "arb": (449, 326, 348, 299, 356),
    "crim": (154, 95, 106, 120, 160),
    "org": (LT5, 0, 0, LT5, LT5),
    "onb": (39, 31, 16, 36, 7),
}
FIG6_YEAR: dict[str, tuple[Target, ...]] = {  # Figuur 6, per year
    "minderjarig": (68, 75, 70, 52, 79),
    "18-22": (156, 116, 111, 131, 107),
    "23-29": (231, 161, 177, 247, 246),
    "30-39": (183, 155, 163, 205, 243),
    "40+": (111, 137, 131, 144, 163),
    "onbekend": (264, 147, 162, 89, 106),
}
FIG6_FORM: dict[str, tuple[Target, ...]] = {  # Figuur 6, 2024 by form (bin, int, arb, crim, ov)
    "minderjarig": (26, 7, 4, 42, 2),  # '<5' = 4 and 2: Figuur 7's percentages
    "18-22": (23, 49, 19, 27, LT5),
    "23-29": (23, 146, 63, 38, LT5),
    "30-39": (34, 121, 73, 30, 0),
    "40+": (17, 40, 92, 23, LT5),
    "onbekend": (0, LT5, 105, 0, 0),
}
FIG8_YEAR: dict[str, tuple[Target, ...]] = {  # Figuur 8, per year
    "man": (420, 268, 309, 364, 385),
    "vrouw": (576, 510, 500, 493, 556),
}
FIG8_FORM: dict[str, tuple[Target, ...]] = {  # Figuur 8, 2024 by form
    "man": (7, 73, 239, 91, LT5),
    "vrouw": (116, 288, 117, 69, 8),
}
FIG9_YEAR: dict[str, tuple[Target, ...]] = {  # Figuur 9, per year
    "nederland": (155, 237, 209, 194, 213),
    "europa": (368, 272, 291, 246, 263),
    "afrika": (322, 145, 151, 239, 239),
    "azie": (74, 83, 75, 60, 78),
    "latijns_amerika": (76, 44, 53, 124, 147),
    "overig": (LT5, LT5, 0, LT5, 0),
    "onbekend": (15, 9, 35, LT5, LT5),
}
FIG9_FORM: dict[str, tuple[Target, ...]] = {  # Figuur 9, 2024 by form (S, arb, crim, ov)
    "nederland": (123, 14, 94, LT5),
    "europa": (53, 198, 17, 0),
    "afrika": (174, 56, 41, LT5),
    "azie": (26, 51, 5, LT5),
    "latijns_amerika": (111, 36, LT5, LT5),
    "overig": (0, 0, 0, 0),
    "onbekend": (LT5, LT5, LT5, 0),
}
SEX_SECTORS = ("thuis", "escort", "straat", "bordeel", "hotel", "overig", "raam")
FIG3: dict[str, tuple[Target, ...]] = {  # Figuur 3 ('uitsluitend onbekend/nnw' as 'onb_nnw')
    "thuis": (171, 155, 181, 248, 226),
    "escort": (64, 65, 78, 95, 71),
    "straat": (49, 26, 35, 20, 21),
    "bordeel": (18, 17, 12, 19, 9),
    "hotel": (21, 21, 23, 23, 39),
    "overig": (11, 16, 24, 14, 17),
    "raam": (13, 5, 8, 5, 8),
    "onb_nnw": (143, 124, 104, 129, 161),
}
FIG4: dict[str, tuple[Target, ...]] = {  # Figuur 4: sector x (NL, Europa, Afrika, Azië, LA)
    "bordeel": (LT5, 0, 5, 0, 0),
    "raam": (LT5, 6, 0, 0, LT5),
    "hotel": (9, LT5, LT5, LT5, 26),
    "escort": (18, LT5, 9, LT5, 37),
    "thuis": (44, 27, 113, 12, 30),
    "straat": (9, LT5, 8, LT5, 0),
    "overig": (6, LT5, LT5, LT5, 5),
    "nog_niet_gewerkt": (LT5, 6, 7, LT5, 14),
    "onbekend": (41, 9, 41, 6, 30),
}
FIG4_ORIGINS = ("nederland", "europa", "afrika", "azie", "latijns_amerika")
LAB_SECTORS = (
    "vervoer",
    "bouw",
    "horeca",
    "overig",
    "industrie",
    "landbouw",
    "huishouden",
    "handel",
)
FIG5: dict[str, tuple[Target, ...]] = {  # Figuur 5
    "vervoer": (34, 27, 52, 57, 59),
    "bouw": (28, 37, 40, 51, 61),
    "horeca": (48, 33, 33, 39, 24),
    "overig": (57, 30, 37, 38, 59),
    "industrie": (17, 31, 30, 24, 48),
    "landbouw": (38, 34, 24, 22, 17),
    "huishouden": (41, 0, 19, 13, 51),
    "handel": (15, 0, LT5, LT5, 10),
    "onb_nnw": (177, 144, 113, 60, 44),
}
MELDERS = ("politie", "kmar", "nla", "zorgcoordinator", "fairwork", "overige")
FIG12_YEAR: dict[str, tuple[Target, ...]] = {  # Figuur 12, per year
    "politie": (468, 307, 317, 354, 327),
    "kmar": (31, 16, 6, 50, 67),
    "nla": (38, 40, 50, 33, 71),
    "zorgcoordinator": (164, 198, 216, 303, 304),
    "fairwork": (378, 255, 274, 233, 256),
    "overige": (53, 72, 32, 25, 25),
}
FIG12_FORM: dict[str, tuple[Target, ...]] = {  # Figuur 12, 2024 by form (bin, int, arb, crim, ov)
    "politie": (42, 208, 18, 81, LT5),
    "kmar": (LT5, 61, LT5, LT5, LT5),
    "nla": (0, LT5, 71, LT5, 0),
    "zorgcoordinator": (88, 137, 27, 92, 6),
    "fairwork": (0, 0, 256, 0, 0),
    "overige": (LT5, 15, LT5, LT5, LT5),
}
TABEL1 = {  # Tabel 1
    "NL": 213,
    "RO": 84,
    "UG": 71,
    "CO": 62,
    "NG": 54,
    "VE": 44,
    "BG": 35,
    "HU": 33,
    "UA": 28,
    "SL": 26,
}
TOP_INT = {"UG": 59, "CO": 53, "VE": 42}  # text at Tabel 1, internationale SU
TOP_ARB = {"RO": 69, "HU": 31, "BG": 27}  # arbeidsuitbuiting
TOP_CRIM = {"NL": 94, "NG": 18, "GN": 6}  # criminele uitbuiting
ANONIEM = {2020: 412, 2021: 476, 2022: 538, 2023: 605, 2024: 591}
"""Anonymous reports: 591 (2024) and 605 (2023) are published (text at Figuur 1); 2020-2022 are
not and are ours."""

# --------------------------------------------------------------------------------------------
# Plausible shapes (priors) where nothing is published
# --------------------------------------------------------------------------------------------

NATIONALITIES: dict[str, dict[str, float]] = {
    "nederland": {"NL": 1},
    "europa": {
        "RO": 30,
        "BG": 12,
        "HU": 8,
        "PL": 8,
        "UA": 8,
        "LT": 3,
        "LV": 2,
        "SK": 3,
        "CZ": 2,
        "AL": 3,
        "MD": 3,
        "RS": 2,
        "PT": 2,
        "ES": 2,
        "DE": 2,
        "BE": 2,
        "IT": 2,
        "GR": 1,
        "RU": 2,
        "BY": 1,
        "HR": 1,
        "FR": 1,
        "GB": 1,
    },
    "afrika": {
        "UG": 25,
        "NG": 22,
        "SL": 10,
        "GN": 4,
        "ER": 4,
        "GH": 4,
        "CM": 3,
        "MA": 4,
        "KE": 3,
        "ET": 3,
        "SO": 2,
        "CI": 3,
        "LR": 3,
        "GM": 2,
        "CD": 2,
        "DZ": 2,
        "EG": 1,
        "SD": 2,
        "TG": 1,
        "BI": 1,
    },
    "azie": {
        "IN": 10,
        "PH": 10,
        "ID": 8,
        "CN": 8,
        "VN": 8,
        "TH": 6,
        "TR": 5,
        "PK": 3,
        "AF": 3,
        "SY": 4,
        "IR": 2,
        "IQ": 2,
        "BD": 3,
        "LK": 2,
        "NP": 2,
        "MN": 2,
    },
    "latijns_amerika": {
        "CO": 35,
        "VE": 25,
        "BR": 12,
        "DO": 8,
        "PE": 4,
        "EC": 3,
        "PY": 3,
        "AR": 2,
        "MX": 3,
        "SR": 4,
        "CW": 3,
        "CU": 2,
        "HN": 2,
    },
    "overig": {"US": 3, "CA": 1, "AU": 1},
    "onbekend": {"": 3, "XXX": 1, "XXA": 1},  # "" = nationality not registered
}
FORM_TILT: dict[str, dict[str, float]] = {
    "S": {"UG": 1.5, "CO": 1.5, "VE": 1.5, "SL": 1.5, "TH": 2, "CN": 2, "DO": 2, "HU": 0.3},
    "A": {"RO": 2, "HU": 4, "BG": 2, "PL": 2, "UA": 2, "PH": 2, "IN": 2, "ID": 2, "BR": 1.5},
    "C": {"NG": 2, "GN": 3, "MA": 2, "DZ": 2, "HU": 0.3},
}
LAB_PRIOR = {
    "man": {
        "vervoer": 18,
        "bouw": 20,
        "horeca": 8,
        "overig": 10,
        "industrie": 14,
        "landbouw": 10,
        "huishouden": 2,
        "handel": 4,
    },
    "vrouw": {
        "vervoer": 3,
        "bouw": 1,
        "horeca": 14,
        "overig": 22,
        "industrie": 8,
        "landbouw": 6,
        "huishouden": 20,
        "handel": 5,
    },
}
LAB_PAIRS = (
    ("vervoer", "industrie"),
    ("bouw", "overig"),
    ("horeca", "overig"),
    ("landbouw", "industrie"),
    ("huishouden", "overig"),
    ("vervoer", "bouw"),
    ("horeca", "handel"),
    ("bouw", "industrie"),
    ("horeca", "huishouden"),
)
SEX_PAIRS = (
    ("thuis", "escort"),
    ("thuis", "hotel"),
    ("escort", "hotel"),
    ("thuis", "straat"),
    ("thuis", "overig"),
    ("escort", "overig"),
    ("raam", "bordeel"),
    ("thuis", "bordeel"),
    ("straat", "overig"),
    ("hotel", "overig"),
    ("escort", "straat"),
    ("thuis", "raam"),
)
MELDER_SETS: tuple[tuple[str, ...], ...] = (
    ("politie",),
    ("kmar",),
    ("nla",),
    ("zorgcoordinator",),
    ("fairwork",),
    ("overige",),
    ("politie", "zorgcoordinator"),
    ("kmar", "politie"),
    ("kmar", "zorgcoordinator"),
    ("fairwork", "nla"),
    ("fairwork", "zorgcoordinator"),
    ("nla", "politie"),
    ("overige", "politie"),
    ("overige", "zorgcoordinator"),
    ("nla", "zorgcoordinator"),
    ("fairwork", "overige"),
    ("kmar", "overige"),
)
MELDER_PRIOR: dict[str, dict[str, float]] = {
    "bin": {"politie": 40, "zorgcoordinator": 45, "overige": 3, "kmar": 1},
    "int": {"politie": 45, "zorgcoordinator": 28, "kmar": 14, "overige": 5},
    "arb": {"fairwork": 65, "nla": 15, "zorgcoordinator": 6, "politie": 4, "overige": 2, "kmar": 1},
    "crim": {"politie": 40, "zorgcoordinator": 45, "overige": 5, "kmar": 2},
    "ov": {"zorgcoordinator": 50, "politie": 30, "overige": 20, "kmar": 5},
}


# --------------------------------------------------------------------------------------------
# A small MILP builder around scipy.optimize.milp (HiGHS)
# --------------------------------------------------------------------------------------------


class CalibrationError(RuntimeError):
    """The published constraints could not be met (infeasible or solver failure)."""


@dataclass
class Milp:
    """Integer variables with an L1 pull towards a prior, and linear range constraints."""

    name: str
    lo: list[float] = field(default_factory=list)
    hi: list[float] = field(default_factory=list)
    prior: list[float] = field(default_factory=list)
    weight: list[float] = field(default_factory=list)
    rows: list[tuple[dict[int, float], float, float]] = field(default_factory=list)

    def var(self, prior: float = 0.0, hi: float = np.inf, weight: float = 1.0) -> int:
        self.lo.append(0.0)
        self.hi.append(hi)
        self.prior.append(prior)
        self.weight.append(weight)
        return len(self.lo) - 1

    def add(self, terms: Iterable[int], target: Target | tuple[float, float]) -> None:
        coefs: dict[int, float] = defaultdict(float)
        for i in terms:
            coefs[i] += 1.0
        lo, hi = (target, target) if isinstance(target, int) else target
        self.rows.append((dict(coefs), float(lo), float(hi)))

    def solve(self, time_limit: float = 60.0) -> list[int]:
        from scipy.optimize import Bounds, LinearConstraint, milp
        from scipy.sparse import coo_matrix

        n = len(self.lo)
        # variables: x (n, integer), d (n, continuous) with d >= |x - prior|
        c = np.concatenate([np.zeros(n), np.asarray(self.weight)])
        r, k, v = [], [], []
        lo_rows, hi_rows = [], []
        for j, (coefs, lo, hi) in enumerate(self.rows):
            for i, a in coefs.items():
                r.append(j)
                k.append(i)
                v.append(a)
            lo_rows.append(lo)
            hi_rows.append(hi)
        m = len(self.rows)
        prior = np.asarray(self.prior)
        for i in range(n):
            # d_i - x_i >= -prior_i ; d_i + x_i >= prior_i
            r += [m + 2 * i, m + 2 * i, m + 2 * i + 1, m + 2 * i + 1]
            k += [n + i, i, n + i, i]
            v += [1.0, -1.0, 1.0, 1.0]
            lo_rows += [-prior[i], prior[i]]
            hi_rows += [np.inf, np.inf]
        a = coo_matrix((v, (r, k)), shape=(m + 2 * n, 2 * n)).tocsr()
        res = milp(
            c,
            constraints=LinearConstraint(a, np.asarray(lo_rows), np.asarray(hi_rows)),
            integrality=np.concatenate([np.ones(n), np.zeros(n)]),
            bounds=Bounds(
                np.zeros(2 * n), np.concatenate([np.asarray(self.hi), np.full(n, np.inf)])
            ),
            options={"time_limit": time_limit, "mip_rel_gap": 0.02},
        )
        if res.x is None:
            raise CalibrationError(f"{self.name}: {res.message}")
        return [round(float(x)) for x in res.x[:n]]


def _t(values: tuple[Target, ...], year: int) -> Target:
    return values[YEARS.index(year)]


def _mid(t: Target) -> float:
    return float(t) if isinstance(t, int) else (t[0] + t[1]) / 2


# --------------------------------------------------------------------------------------------
# Stage A: victim types (registered forms, origin, age, sex) per year
# --------------------------------------------------------------------------------------------

Type = tuple[str, str, str, str]  # formset, origin, age, sex


def derived(formset: str, origin: str) -> set[str]:
    """The Rapporteur's forms of a type (``ketenmonitor.domain.victims`` rules)."""
    out = set()
    if "S" in formset and origin == "nederland":
        out.add("bin")
    elif "S" in formset and origin != "onbekend":
        out.add("int")
    if "A" in formset:
        out.add("arb")
    if "C" in formset:
        out.add("crim")
    if formset == "O":
        out.add("org")
    if formset == "U":
        out.add("onb")
    return out


def _cols5(formset: str, origin: str) -> set[str]:
    d = derived(formset, origin)
    return (d - {"org", "onb"}) | ({"ov"} if d & {"org", "onb"} else set())


def _base(formset: str) -> list[str]:
    return ["OU" if f in "OU" else f for f in formset]


def _conditionals() -> dict[str, dict[str, dict[str, float]]]:
    """P(origin|form), P(age|form), P(sex|form) from the 2024 cross-cuts ('<5' as 2)."""
    col = {"S": (0, 1), "A": (2,), "C": (3,), "OU": (4,)}
    out: dict[str, dict[str, dict[str, float]]] = {}
    for base, idx in col.items():
        age = {a: sum(_mid(FIG6_FORM[a][i]) for i in idx) + 0.2 for a in AGES}
        sex = {s: sum(_mid(FIG8_FORM[s][i]) for i in idx) + 0.2 for s in ("man", "vrouw")}
        sex["onbekend"] = 0.6
        j = {"S": 0, "A": 1, "C": 2, "OU": 3}[base]
        orig = {o: _mid(FIG9_FORM[o][j]) + 0.2 for o in ORIGINS}
        out[base] = {
            k: {kk: vv / sum(d.values()) for kk, vv in d.items()}
            for k, d in (("origin", orig), ("age", age), ("sex", sex))
        }
    return out


FORMSET_SHARE = {"SA": 0.012, "SC": 0.045, "AC": 0.012, "SAC": 0.004, "O": 0.002}


def _prior_types(year: int) -> dict[Type, float]:
    cond = _conditionals()
    n = TOTAL[year]
    s = _mid(_t(FIG2["bin"], year)) + _mid(_t(FIG2["int"], year))
    a = _mid(_t(FIG2["arb"], year))
    c = _mid(_t(FIG2["crim"], year))
    u = _mid(_t(FIG2["onb"], year))
    share = {k: v * n for k, v in FORMSET_SHARE.items()}
    counts = {
        "S": s - share["SA"] - share["SC"] - share["SAC"],
        "A": a - share["SA"] - share["AC"] - share["SAC"],
        "C": c - share["SC"] - share["AC"] - share["SAC"],
        "U": u,
        **share,
    }
    prior: dict[Type, float] = {}
    for fs, cnt in counts.items():
        bases = _base(fs)
        for o, ag, sx in itertools.product(ORIGINS, AGES, SEXES):
            p = 1.0
            for dim, val in (("origin", o), ("age", ag), ("sex", sx)):
                p *= float(np.mean([cond[b][dim][val] for b in bases]))
            prior[(fs, o, ag, sx)] = max(cnt, 0.0) * p
    return prior


def _stage_a(year: int) -> dict[Type, int]:
    prior = _prior_types(year)
    mp = Milp(f"victim types {year}")
    var = {t: mp.var(p) for t, p in prior.items()}

    def where(pred: Callable[..., bool]) -> list[int]:
        return [i for t, i in var.items() if pred(t)]

    mp.add(var.values(), TOTAL[year])
    for f in FORMS:
        mp.add(where(lambda t, f=f: f in derived(t[0], t[1])), _t(FIG2[f], year))
    for ag, vals in FIG6_YEAR.items():
        mp.add(where(lambda t, ag=ag: t[2] == ag), _t(vals, year))
    for sx, vals in FIG8_YEAR.items():
        mp.add(where(lambda t, sx=sx: t[3] == sx), _t(vals, year))
    for o, vals in FIG9_YEAR.items():
        mp.add(where(lambda t, o=o: t[1] == o), _t(vals, year))
    # structure: the origin 'overig' and orgaan only alone; unknown-sex victims are adults of
    # known origin or unknown everything (no constraint needed)
    if year == Y:
        for ag, vals in FIG6_FORM.items():
            for c, target in zip(COLS5, vals, strict=True):
                mp.add(where(lambda t, ag=ag, c=c: t[2] == ag and c in _cols5(t[0], t[1])), target)
        for sx, vals in FIG8_FORM.items():
            for c, target in zip(COLS5, vals, strict=True):
                mp.add(where(lambda t, sx=sx, c=c: t[3] == sx and c in _cols5(t[0], t[1])), target)
        for o, vals in FIG9_FORM.items():
            cols: list[Callable[[Type], bool]] = [
                lambda t: "S" in t[0],
                lambda t: "A" in t[0],
                lambda t: "C" in t[0],
                lambda t: t[0] in ("O", "U"),
            ]
            for pred, target in zip(cols, vals, strict=True):
                mp.add(where(lambda t, o=o, pred=pred: t[1] == o and pred(t)), target)
        # text at Figuur 2 and Figuur 9
        mp.add(where(lambda t: "S" in t[0] and "C" in t[0]), 47)
        mp.add(where(lambda t: t[1] == "nederland" and "S" in t[0] and "C" in t[0]), 18)
        mp.add(where(lambda t: t[1] == "afrika" and "S" in t[0] and "C" in t[0]), 20)
        mp.add(where(lambda t: t[1] == "afrika" and "S" in t[0] and "A" in t[0]), 10)
        # text at Figuur 7: minors of criminal exploitation
        minc = lambda t: t[2] == "minderjarig" and "C" in t[0]  # noqa: E731
        mp.add(where(lambda t: minc(t) and t[1] == "nederland"), 34)
        mp.add(where(lambda t: minc(t) and t[1] == "europa"), 5)
        mp.add(where(lambda t: minc(t) and t[1] in ("afrika", "onbekend")), 3)
        mp.add(where(lambda t: minc(t) and t[1] == "afrika"), (1, 3))
        mp.add(where(lambda t: minc(t) and t[3] == "vrouw"), 13)
        mp.add(where(lambda t: minc(t) and t[3] == "man"), 29)
        # supply for the labour-sector text (Figuur 5 text: huishouden mainly women)
        mp.add(
            where(lambda t: "A" in t[0] and t[3] == "vrouw" and t[1] == "latijns_amerika"), (12, 40)
        )
        mp.add(where(lambda t: "A" in t[0] and t[3] == "vrouw" and t[1] == "azie"), (10, 40))
        mp.add(where(lambda t: "A" in t[0] and t[3] == "vrouw" and t[1] == "afrika"), (10, 40))
    if year == 2023:
        mp.add(where(lambda t: "S" in t[0] and "C" in t[0]), 37)  # text at Figuur 2
        mp.add(where(lambda t: t[2] == "minderjarig" and "C" in t[0]), 13)  # text at Figuur 6
        mp.add(where(lambda t: t[2] == "minderjarig" and "bin" in derived(t[0], t[1])), 18)
        mp.add(where(lambda t: "A" in t[0] and t[3] == "vrouw"), 76)  # +54% to 117 (Figuur 8)
        mp.add(where(lambda t: "S" in t[0] and t[1] == "latijns_amerika"), 68)  # +63% to 111
        mp.add(where(lambda t: "C" in t[0] and t[1] == "afrika"), 21)  # 'bijna verdubbeld'
    # plausibility: no orgaan for minors, few Dutch labour victims of unknown age
    mp.add(where(lambda t: t[0] in ("O",) and t[2] == "minderjarig"), 0)
    mp.add(where(lambda t: t[1] == "nederland" and t[0] == "A" and t[2] == "onbekend"), (0, 3))
    sol = mp.solve()
    return {t: sol[i] for t, i in var.items() if sol[i] > 0}


# --------------------------------------------------------------------------------------------
# Stage B: nationality within origin
# --------------------------------------------------------------------------------------------

Group = tuple[str, str, str]  # formset, origin, sex


def _nat_prior(formset: str, origin: str) -> dict[str, float]:
    base = NATIONALITIES[origin]
    out = {}
    for c, w in base.items():
        tilt = float(np.mean([FORM_TILT.get(b, {}).get(c, 1.0) for b in _base(formset)]))
        out[c] = w * tilt
    s = sum(out.values())
    return {c: w / s for c, w in out.items()}


def _stage_b(year: int, groups: dict[Group, int]) -> dict[tuple[Group, str], int]:
    mp = Milp(f"nationalities {year}")
    var: dict[tuple[Group, str], int] = {}
    for g, n in groups.items():
        prior = _nat_prior(g[0], g[1])
        ids = []
        for c, p in prior.items():
            var[(g, c)] = mp.var(n * p)
            ids.append(var[(g, c)])
        mp.add(ids, n)

    def where(pred: Callable[..., bool]) -> list[int]:
        return [i for (g, c), i in var.items() if pred(g, c)]

    countries = {c for (_, c) in var}
    if year == Y:
        for c in countries - {"NL", ""}:
            mp.add(where(lambda g, c_, c=c: c_ == c), TABEL1.get(c, (0, 25)))
        intl = lambda g: "S" in g[0] and g[1] not in ("nederland", "onbekend")  # noqa: E731
        for c in countries - {"NL", ""}:
            top = TOP_INT.get(c, (0, 41))
            mp.add(where(lambda g, c_, c=c: intl(g) and c_ == c), top)
            mp.add(where(lambda g, c_, c=c: "A" in g[0] and c_ == c), TOP_ARB.get(c, (0, 26)))
            mp.add(where(lambda g, c_, c=c: "C" in g[0] and c_ == c), TOP_CRIM.get(c, (0, 5)))
        # supply for the labour-sector text: Hungarian and Romanian men in industry,
        # Brazilian, Indonesian and Ugandan women in households
        for c, need in (("BR", 10), ("ID", 7), ("UG", 7)):
            mp.add(
                where(lambda g, c_, c=c: "A" in g[0] and g[2] == "vrouw" and c_ == c), (need, 60)
            )
        mp.add(where(lambda g, c_: "A" in g[0] and g[2] == "man" and c_ == "HU"), (22, 60))
    if year == 2023:  # Hungary and Ukraine came into the top 10 only in 2024 (text at Tabel 1)
        for c in ("HU", "UA"):
            mp.add(where(lambda g, c_, c=c: c_ == c), (0, 12))
    sol = mp.solve()
    return {k: sol[i] for k, i in var.items() if sol[i] > 0}


# --------------------------------------------------------------------------------------------
# Stages C and D: sectors
# --------------------------------------------------------------------------------------------


def _sector_sets(singles: Sequence[str], pairs: Sequence[tuple[str, str]]) -> list[tuple[str, ...]]:
    return [(s,) for s in singles] + [("onbekend",), ("nog_niet_gewerkt",)] + list(pairs)


def _stage_c(
    year: int, groups: dict[tuple[str, str], int]
) -> dict[tuple[tuple[str, str], tuple[str, ...]], int]:
    """Labour sectors per (nationality, sex) group of labour-exploitation victims."""
    sets = _sector_sets(LAB_SECTORS, LAB_PAIRS)
    mp = Milp(f"labour sectors {year}")
    var: dict[tuple[tuple[str, str], tuple[str, ...]], int] = {}
    known_share = 1 - _mid(_t(FIG5["onb_nnw"], year)) / _mid(_t(FIG2["arb"], year))
    for g, n in groups.items():
        w = LAB_PRIOR["vrouw" if g[1] == "vrouw" else "man"]
        tot = sum(w.values())
        ids = []
        for s in sets:
            if len(s) == 1 and s[0] in w:
                p = known_share * 0.92 * w[s[0]] / tot
            elif len(s) == 2:
                p = known_share * 0.08 / len(LAB_PAIRS)
            else:
                p = (1 - known_share) / 2
            var[(g, s)] = mp.var(n * p)
            ids.append(var[(g, s)])
        mp.add(ids, n)

    def where(pred: Callable[..., bool]) -> list[int]:
        return [i for (g, s), i in var.items() if pred(g, s)]

    for sec in LAB_SECTORS:
        mp.add(where(lambda g, s, sec=sec: sec in s), _t(FIG5[sec], year))
    mp.add(where(lambda g, s: s[0] in ("onbekend", "nog_niet_gewerkt")), _t(FIG5["onb_nnw"], year))
    if year == Y:  # text at Figuur 5 and Figuur 8
        mp.add(where(lambda g, s: g[0] == "HU" and "industrie" in s), 21)
        mp.add(where(lambda g, s: g[0] == "RO" and "industrie" in s), 13)
        for c in {g[0] for g in groups}:
            target = {"BR": 10, "ID": 7, "UG": 7}.get(c, (0, 6))
            mp.add(where(lambda g, s, c=c: g[0] == c and "huishouden" in s), target)
        mp.add(where(lambda g, s: g[1] == "vrouw" and "huishouden" in s), 46)
        mp.add(where(lambda g, s: g[1] == "vrouw" and "overig" in s), 33)
    sol = mp.solve()
    return {k: sol[i] for k, i in var.items() if sol[i] > 0}


SEX_PRIOR = {
    "thuis": 45,
    "escort": 14,
    "straat": 6,
    "bordeel": 3,
    "hotel": 6,
    "overig": 4,
    "raam": 2,
}


def _stage_d(year: int, groups: dict[str, int]) -> dict[tuple[str, tuple[str, ...]], int]:
    """Sexual sectors per origin of the sexually exploited victims."""
    sets = _sector_sets(SEX_SECTORS, SEX_PAIRS)
    mp = Milp(f"sexual sectors {year}")
    var: dict[tuple[str, tuple[str, ...]], int] = {}
    sexual = sum(groups.values())
    unknown_share = _mid(_t(FIG3["onb_nnw"], year)) / sexual
    tot = sum(SEX_PRIOR.values())
    for o, n in groups.items():
        ids = []
        for s in sets:
            if len(s) == 1 and s[0] in SEX_PRIOR:
                p = (1 - unknown_share) * 0.85 * SEX_PRIOR[s[0]] / tot
            elif len(s) == 2:
                p = (1 - unknown_share) * 0.15 / len(SEX_PAIRS)
            else:
                p = unknown_share * (0.8 if s[0] == "onbekend" else 0.2)
            var[(o, s)] = mp.var(n * p)
            ids.append(var[(o, s)])
        mp.add(ids, n)

    def where(pred: Callable[..., bool]) -> list[int]:
        return [i for (o, s), i in var.items() if pred(o, s)]

    for sec in SEX_SECTORS:
        mp.add(where(lambda o, s, sec=sec: sec in s), _t(FIG3[sec], year))
    mp.add(where(lambda o, s: s[0] in ("onbekend", "nog_niet_gewerkt")), _t(FIG3["onb_nnw"], year))
    if year == Y:
        for row, vals in FIG4.items():
            for o, target in zip(FIG4_ORIGINS, vals, strict=True):
                if o in groups:
                    mp.add(where(lambda o_, s, o=o, row=row: o_ == o and row in s), target)
                elif target != 0:
                    raise CalibrationError(f"Figuur 4: no sexual victims of origin {o}")
    sol = mp.solve()
    return {k: sol[i] for k, i in var.items() if sol[i] > 0}


# --------------------------------------------------------------------------------------------
# Stage E: melders
# --------------------------------------------------------------------------------------------

MGroup = tuple[str, str, bool]  # formset, origin class (nederland/buitenland/onbekend), minor crim


def _origin_class(origin: str) -> str:
    return origin if origin in ("nederland", "onbekend") else "buitenland"


def _mcols(g: MGroup) -> set[str]:
    origin = {"buitenland": "europa"}.get(g[1], g[1])
    return _cols5(g[0], origin)


def _stage_e(year: int, groups: dict[MGroup, int]) -> dict[tuple[MGroup, tuple[str, ...]], int]:
    mp = Milp(f"melders {year}")
    var: dict[tuple[MGroup, tuple[str, ...]], int] = {}
    for g, n in groups.items():
        cols = _mcols(g) or {"ov"}
        w: dict[str, float] = defaultdict(float)
        for c in cols:
            for m, p in MELDER_PRIOR[c].items():
                w[m] += p / len(cols)
        tot = sum(w.values())
        ids = []
        for ms in MELDER_SETS:
            if ("fairwork" in ms and g[0] != "A") or ("nla" in ms and "A" not in g[0]):
                continue
            p = float(np.prod([w.get(m, 0.0) / tot for m in ms])) * (1.0 if len(ms) == 1 else 0.6)
            var[(g, ms)] = mp.var(n * p)
            ids.append(var[(g, ms)])
        mp.add(ids, n)

    def where(pred: Callable[..., bool]) -> list[int]:
        return [i for (g, ms), i in var.items() if pred(g, ms)]

    for m, vals in FIG12_YEAR.items():
        mp.add(where(lambda g, ms, m=m: m in ms), _t(vals, year))
    if year == Y:
        for m, vals in FIG12_FORM.items():
            for c, target in zip(COLS5, vals, strict=True):
                mp.add(where(lambda g, ms, m=m, c=c: m in ms and c in _mcols(g)), target)
        mp.add(where(lambda g, ms: g[2] and "politie" in ms), 25)  # text at Figuur 7
        mp.add(where(lambda g, ms: g[2] and "zorgcoordinator" in ms), 16)
    sol = mp.solve()
    return {k: sol[i] for k, i in var.items() if sol[i] > 0}


# --------------------------------------------------------------------------------------------
# Putting persons together
# --------------------------------------------------------------------------------------------


@dataclass
class Person:
    year: int
    formset: str
    origin: str
    age: str
    sex: str
    nationality: str = ""
    sex_sectors: tuple[str, ...] = ()
    lab_sectors: tuple[str, ...] = ()
    melders: tuple[str, ...] = ()
    offences: tuple[str, ...] = ()


def _deal(
    rng: random.Random,
    members: list[Person],
    counts: dict[Any, int],
    assign: Callable[[Person, Any], None],
) -> None:
    """Give ``counts[value]`` of ``members`` (shuffled) each value; sum(counts) == len."""
    pool = list(members)
    rng.shuffle(pool)
    values = [v for v, n in sorted(counts.items(), key=lambda kv: repr(kv[0])) for _ in range(n)]
    if len(values) != len(pool):
        raise CalibrationError(f"cannot deal {len(values)} values to {len(pool)} persons")
    for p, v in zip(pool, values, strict=True):
        assign(p, v)


def _offences(rng: random.Random, year: int, persons: list[Person]) -> None:
    """Stage F: offences of criminal exploitation (text at Figuur 8 for 2024: drugs 34%,
    theft/property 20%, debts or fraud 10% of the women and 3% of the men)."""
    crim = [p for p in persons if "C" in p.formset]
    for sex in SEXES:
        members = [p for p in crim if p.sex == sex]
        n = len(members)
        if year == Y and sex == "man":
            plan = {
                "drugs": 31,
                "vermogen": 18,
                "fraude": 2,
                "schulden": 1,
                "bedelen": 4,
                "overig": 15,
            }
        elif year == Y and sex == "vrouw":
            plan = {
                "drugs": 23,
                "vermogen": 14,
                "fraude": 3,
                "schulden": 4,
                "bedelen": 3,
                "overig": 10,
            }
        else:
            plan = {
                "drugs": round(n * 0.33),
                "vermogen": round(n * 0.2),
                "bedelen": round(n * 0.05),
                "overig": round(n * 0.15),
            }
        plan["onbekend"] = n - sum(plan.values())
        if plan["onbekend"] < 0:
            raise CalibrationError(f"offences {year} {sex}: plan exceeds {n}")
        _deal(rng, members, plan, lambda p, v: setattr(p, "offences", (v,)))
    # some also committed a second offence type (not calibrated)
    for p in crim:
        if p.offences[0] in ("drugs", "vermogen") and rng.random() < 0.1:
            p.offences = (*p.offences, "overig")


_CALIBRATED: dict[int, list[Person]] = {}


def calibrate(seed: int = DEFAULT_SEED) -> list[Person]:
    """Persons of 2020-2024 meeting every published number (scale 1); solved once per seed in a
    process (a fresh copy each call)."""
    if seed not in _CALIBRATED:
        _CALIBRATED[seed] = _calibrate(seed)
    return copy.deepcopy(_CALIBRATED[seed])


def _calibrate(seed: int) -> list[Person]:
    rng = random.Random(seed)
    persons: list[Person] = []
    for year in YEARS:
        types = _stage_a(year)
        ps = [Person(year, *t) for t, n in sorted(types.items()) for _ in range(n)]
        # B: nationality
        by_group: dict[Group, list[Person]] = defaultdict(list)
        for p in ps:
            by_group[(p.formset, p.origin, p.sex)].append(p)
        nat = _stage_b(year, {g: len(m) for g, m in by_group.items()})
        for g, members in by_group.items():
            ncounts = {c: n for (gg, c), n in nat.items() if gg == g}
            _deal(rng, members, ncounts, lambda p, v: setattr(p, "nationality", v))
        # C: labour sectors
        lab: dict[tuple[str, str], list[Person]] = defaultdict(list)
        for p in ps:
            if "A" in p.formset:
                lab[(p.nationality, p.sex)].append(p)
        sec = _stage_c(year, {g: len(m) for g, m in lab.items()})
        for lg, members in lab.items():
            lcounts = {s: n for (gg, s), n in sec.items() if gg == lg}
            _deal(rng, members, lcounts, lambda p, v: setattr(p, "lab_sectors", v))
        # D: sexual sectors
        sx: dict[str, list[Person]] = defaultdict(list)
        for p in ps:
            if "S" in p.formset:
                sx[p.origin].append(p)
        ssec = _stage_d(year, {o: len(m) for o, m in sx.items()})
        for o, members in sx.items():
            scounts = {s: n for (oo, s), n in ssec.items() if oo == o}
            _deal(rng, members, scounts, lambda p, v: setattr(p, "sex_sectors", v))
        # E: melders
        mel: dict[MGroup, list[Person]] = defaultdict(list)
        for p in ps:
            minor_crim = year == Y and p.age == "minderjarig" and "C" in p.formset
            mel[(p.formset, _origin_class(p.origin), minor_crim)].append(p)
        msol = _stage_e(year, {g: len(m) for g, m in mel.items()})
        for mg, members in mel.items():
            mcounts = {ms: n for (gg, ms), n in msol.items() if gg == mg}
            _deal(rng, members, mcounts, lambda p, v: setattr(p, "melders", v))
        _offences(rng, year, ps)
        persons += ps
    return persons


# --------------------------------------------------------------------------------------------
# Registrations
# --------------------------------------------------------------------------------------------

AGE_RANGE = {
    "minderjarig": (12, 17),
    "18-22": (18, 22),
    "23-29": (23, 29),
    "30-39": (30, 39),
    "40+": (40, 66),
}
SEX_CODE = {"man": "M", "vrouw": "V"}
OVERIGE_MELDERS = ("overig", "overig", "overig", "coa", "ind")


def _date(rng: random.Random, year: int, after: dt.date | None = None) -> dt.date:
    first = after + dt.timedelta(days=1) if after else dt.date(year, 1, 2)
    last = dt.date(year, 12, 28)
    d = first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))
    return min(d, last)


def _raw_forms(rng: random.Random, p: Person) -> list[str]:
    out = []
    for f in p.formset:
        if f == "S":
            out.append("seksueel")
        elif f == "A":
            out.append("arbeid")
        elif f == "C":
            out.append(
                "bedelarij" if "bedelen" in p.offences and rng.random() < 0.5 else "crimineel"
            )
        elif f == "O":
            out.append("orgaan")
        else:
            out.append("nog_niet_gewerkt" if rng.random() < 0.3 else "onbekend")
    return out


def _melder_codes(rng: random.Random, melders: Iterable[str]) -> list[str]:
    return [rng.choice(OVERIGE_MELDERS) if m == "overige" else m for m in melders]


def _rows_for(
    rng: random.Random, p: Person, pid: str, next_id: Callable[[int], str]
) -> list[dict[str, Any]]:
    forms = _raw_forms(rng, p)
    melders = _melder_codes(rng, p.melders)
    sex = SEX_CODE.get(p.sex) or ("X" if rng.random() < 0.2 else "O")
    nat = p.nationality or None
    base: dict[str, Any] = {
        "persoon_id": pid,
        "anoniem": False,
        "geslacht": sex,
        "geboortedatum": None,
        "leeftijd": None,
        "nationaliteit": nat,
        "land_werving": None,
        "land_uitbuiting": None,
    }
    d1 = _date(rng, p.year)
    age = rng.randint(*AGE_RANGE[p.age]) if p.age in AGE_RANGE else None
    # split into two registrations: multi-form victims often, others sometimes
    split = (len(forms) > 1 and rng.random() < 0.35) or (len(melders) > 1 and rng.random() < 0.3)
    parts: list[tuple[list[str], list[str]]] = [(forms, melders)]
    if split:
        if len(forms) > 1:
            k = rng.randint(1, len(forms) - 1)
            f1, f2 = forms[:k], forms[k:]
        else:
            f1, f2 = forms, forms
        if len(melders) > 1:
            m1, m2 = melders[:1], melders[1:]
        else:
            m1, m2 = melders, melders
        parts = [(f1, m1), (f2, m2)]
    rows = []
    d = d1
    for n, (fs, ms) in enumerate(parts):
        if n:
            d = _date(rng, p.year, after=d)
        row = dict(base, registratie_id=next_id(p.year), registratiedatum=d)
        row["uitbuitingsvormen"] = fs
        row["melders"] = ms
        row["sectoren_seksueel"] = list(p.sex_sectors) if "seksueel" in fs else None
        row["sectoren_arbeid"] = list(p.lab_sectors) if "arbeid" in fs else None
        criminal = {"crimineel", "bedelarij"} & set(fs)
        row["criminele_activiteiten"] = list(p.offences) if criminal else None
        if age is not None and (n == 0 or rng.random() < 0.5):
            if rng.random() < 0.6:
                # a date of birth that gives exactly ``age`` at this registration
                birthday = dt.date(d.year - age, d.month, min(d.day, 28))
                row["geboortedatum"] = birthday - dt.timedelta(days=rng.randint(1, 300))
            else:
                row["leeftijd"] = age
        if n:  # a later registration may lack what the first one knew
            if rng.random() < 0.3:
                row["nationaliteit"] = None
            if rng.random() < 0.2:
                row["geslacht"] = None
        rows.append(row)
    return rows


def _anonymous_rows(
    rng: random.Random, year: int, n: int, next_id: Callable[[int], str]
) -> list[dict[str, Any]]:
    """Anonymous reports, mostly from care coordinators (text at Figuur 1)."""
    rows = []
    nats = [c for region in NATIONALITIES.values() for c in region if c]
    for _ in range(n):
        melder = rng.choices(["zorgcoordinator", "overig", "politie", "coa"], [80, 10, 6, 4])[0]
        form = rng.choices(["seksueel", "arbeid", "crimineel", "onbekend"], [50, 20, 20, 10])[0]
        rows.append(
            {
                "registratie_id": next_id(year),
                "persoon_id": None,
                "registratiedatum": _date(rng, year),
                "anoniem": True,
                "geslacht": rng.choice(["V", "V", "M", None]),
                "geboortedatum": None,
                "leeftijd": rng.choice([None, rng.randint(15, 50)]),
                "nationaliteit": rng.choice([None, rng.choice(nats)]),
                "uitbuitingsvormen": [form],
                "sectoren_seksueel": ["onbekend"] if form == "seksueel" else None,
                "sectoren_arbeid": None,
                "criminele_activiteiten": None,
                "melders": [melder],
                "land_werving": None,
                "land_uitbuiting": None,
            }
        )
    return rows


def registrations(
    persons: list[Person], scale: int = 1, seed: int = DEFAULT_SEED, world: bool = True
) -> list[dict[str, Any]]:
    """CoMensha registration rows for ``persons`` (each ``scale`` times) and anonymous reports;
    with ``world`` the first copy's victims found by the police or in an investigation take
    their date of birth (``synth.identities``: every age stays what it was)."""
    rng = random.Random(f"{seed}-registrations")
    counter: Counter[int] = Counter()

    def next_id(year: int) -> str:
        counter[year] += 1
        return f"CM-{year}-{counter[year]:07d}"

    rows: list[dict[str, Any]] = []
    first: list[dict[str, Any]] = []
    serial = itertools.count(1)
    for p in persons:
        for k in range(scale):
            part = _rows_for(rng, p, f"P{next(serial):08d}", next_id)
            rows += part
            if k == 0:
                first += part
    if world:  # one world with the police and EMM: linked victims' dates of birth
        from ketenmonitor.synth import identities

        geboren = identities.slachtoffers(first, scale).aanpassingen("comensha")
        for r in first:
            if r["persoon_id"] in geboren and r["geboortedatum"] is not None:
                r["geboortedatum"] = geboren[r["persoon_id"]]
    for year, n in ANONIEM.items():
        rows += _anonymous_rows(rng, year, n * scale, next_id)
    rows.sort(key=lambda r: (r["registratiedatum"], r["registratie_id"]))
    return rows


def write_comensha(out_dir: Path, scale: int = 1, seed: int = DEFAULT_SEED) -> Path:
    """Write ``comensha.xlsx`` (contract comensha) calibrated to the Jaarcijfers 2024."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    contract = load_contract("comensha")
    table = contract.tables[0]
    herkomst = land_herkomst()
    persons = calibrate(seed)
    for p in persons:  # every nationality is a code of the contract in the right origin group
        if p.nationality:
            assert herkomst[p.nationality] == p.origin, (p.nationality, p.origin)
    rows = registrations(persons, scale=scale, seed=seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "comensha.xlsx"
    _write_xlsx(path, [(table, rows)])
    return path
