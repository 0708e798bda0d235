"""The OM delivered twice: a synthetic RAC-min extract with peildatum April 2020 calibrated to the
Dadermonitor mensenhandel 2015-2019, chapter 5, and the 2025 re-delivery that also holds the
2015-2019 cases, revised a little.

One world of cases. ``synth.om`` makes the cases behind the Jaarcijfers 2024 (registered, settled
and judged 2020-2024; some of them registered in 2018-2019 or summoned in 2019). This module adds
the cases of 2008-2019 the Dadermonitor counts and takes the 2020-2024 world's earlier cases as
given: in the April-2020 extract they are registered, some summoned, none judged yet.

- ``write_om_2020(out_dir)``: ``om_2020-04-01.zip`` (contract om), everything as the OM knew it on
  the peildatum 2020-04-01 (``PEILDATUM_2020``): registrations before it, decisions and judgments
  dated before it. With ``write_om_dossierstudie_2020`` (the Rapporteur's dossier study of the
  verdicts up to 2019, the enrichment of B1.5.2) and ``ketenmonitor.domain.cases``, every number of
  Figuur 5.1, 5.2, 5.6 and Tabel 5.1 equals the publication and the text's numbers about Figuur
  5.3-5.5 hold (tests/indicators/test_dadermonitor_vervolging.py); with
  ``ketenmonitor.domain.trial`` every number of chapter 6 too (Figuur 6.1-6.7, Tabel 6.1, 6.2;
  tests/indicators/test_dadermonitor_berechting.py): the judged cases are chosen and given their
  verdicts, sentences, other offences and dates by ``synth.om_2015_berechting``.
- ``write_om_2025(out_dir)`` and ``write_om_dossierstudie_2025``: the delivery ``synth`` writes as
  ``om.zip`` / ``om_dossierstudie.xlsx`` (peildatum ``SYNTH_PEILDATUM``): the 2020-2024 world as
  ``synth.om`` writes it plus the 2015-2019 cases with the revisions of ``REVISIONS`` (settlements
  updated, late registrations added, cases pending in April 2020 closed administratively). The
  Jaarcijfers figures computed from it are those of ``synth.om``: its cases are delivered as it
  writes them, only 33 of its 2018-2019 cases gain an offence with a minor victim, which no
  Jaarcijfers figure counts (``GIVEN_MINORS``), and 45 of its latest 2019 cases had no
  classification yet in April 2020 (``LATE_CLASSIFICATION_ROOM``).

The calibration (scipy.optimize.milp via ``synth.comensha.Milp``) runs in two stages:

A. settlements on the merits 2015-2019: per (year, form, decision, minor victim) so that Figuur
   5.6's year and form margins hold with the given 2020-2024 cases, the forms per year are
   ``SETTLED_FORM_YEAR`` (Figuur 5.5 is lost: a table within the text's statements) and the text's
   'ruim 80%' / 54% summoned with / without a minor victim hold (``MINOR_SETTLED``);
B. registrations: each settled case's year of registration (0-7 years before), and the cases not
   settled on the merits in 2015-2019 (settled before 2015, administrative, pending), so that
   Figuur 5.1 (2008-2019) and 5.2 hold and 199 registered cases have a minor victim (30% of the
   sexual, 10% of the non-sexual ones).

``scale`` copies every case of a delivery under new numbers (parketnummer and persoon_id with
the suffix '-k'), so every count multiplies exactly.

The other attributes are assigned to exact counts: grounds (Tabel 5.1), the 35 cases summoned for
other offences only, aggravating circumstances (52% and 3% of 603), the source of each form (64%
known from the classification, the 48 'overige vormen' cases), the parketten (LP 2, Den Haag 14%,
Zeeland-West-Brabant 5%), verdicts and the dossier study.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ketenmonitor.contracts import load_contract
from ketenmonitor.synth import SYNTH_PEILDATUM, _write_xlsx
from ketenmonitor.synth import om as om2020
from ketenmonitor.synth.comensha import Milp
from ketenmonitor.synth.om_2015_berechting import (
    FEIT_UITSPRAAK,
    OTHER_CATEGORIES,
    Trial,
    assign,
    choose_judged,
    dates,
)

PEILDATUM_2020 = dt.date(2020, 4, 1)
"""'peildatum april 2020' (Dadermonitor lines 5492, 9633); the day is ours."""
DEFAULT_SEED = 2019
YEARS = (2015, 2016, 2017, 2018, 2019)
FORMS = ("S", "N", "U")
"""In ieder geval seksuele, uitsluitend niet-seksuele uitbuiting, onbekend (VORM_DADERMONITOR)."""

# --------------------------------------------------------------------------------------------
# Published numbers (Dadermonitor 2015-2019, chapter 5), the targets; the figures are transcribed
# in tests/fixtures/published/dadermonitor_2015_2019/ (figures_vervolging.toml).
# --------------------------------------------------------------------------------------------

REGISTERED_YEAR = dict(
    zip(
        range(2008, 2020), (214, 141, 216, 261, 315, 257, 282, 211, 234, 151, 151, 153), strict=True
    )
)  # Figuur 5.1
REGISTERED_FORM = {  # Figuur 5.2
    "S": (145, 146, 103, 98, 80),
    "N": (26, 55, 27, 12, 24),
    "U": (40, 33, 21, 41, 49),
}
TYPES = (
    "sepot_grond_onbekend",
    "onvoorwaardelijk_beleidssepot",
    "technisch_sepot",
    "voorwaardelijk_beleidssepot",
    "transactie",
    "voeging_ter_berechting",
    "dagvaarding",
)
"""Figuur 5.6's decisions (om_afdoening codes), in its row order."""
SETTLED_YEAR = {  # Figuur 5.6 per year
    "sepot_grond_onbekend": (6, 9, 6, 8, 7),
    "onvoorwaardelijk_beleidssepot": (6, 7, 4, 9, 12),
    "technisch_sepot": (83, 59, 49, 54, 79),
    "voorwaardelijk_beleidssepot": (2, 0, 0, 0, 0),
    "transactie": (0, 0, 0, 1, 0),
    "voeging_ter_berechting": (0, 2, 1, 1, 2),
    "dagvaarding": (164, 146, 107, 88, 92),
}
SETTLED_FORM = {  # Figuur 5.6 per form: S, N, U
    "sepot_grond_onbekend": (17, 4, 15),
    "onvoorwaardelijk_beleidssepot": (13, 9, 16),
    "technisch_sepot": (121, 40, 163),
    "voorwaardelijk_beleidssepot": (0, 0, 2),
    "transactie": (1, 0, 0),
    "voeging_ter_berechting": (3, 1, 2),
    "dagvaarding": (449, 113, 35),
}
SETTLED_FORM_YEAR = {  # Figuur 5.5 (lost): chosen with its margins (Figuur 5.6) and the text
    "S": (190, 160, 110, 84, 60),  # 'in 2019 wederom gedaald' (line 5772)
    "N": (25, 25, 25, 35, 57),  # non-sexual and unknown rose in 2019 (line 5770)
    "U": (46, 38, 32, 42, 75),
}
ADMINISTRATIVE = (6, 7, 6, 7, 14)  # 40 (line 5739); 2019: 206 - 192 = 14 (line 5762)
SEPOTGRONDEN = {  # Tabel 5.1
    "technisch_sepot": {
        "onvoldoende_bewijs": 287,
        "ten_onrechte_verdachte": 31,
        "dader_niet_strafbaar": 1,
        "feit_niet_strafbaar": 1,
        "niet_ontvankelijk": 4,
    },
    "onvoorwaardelijk_beleidssepot": {
        "oud_feit": 10,
        "gering_aandeel": 7,
        "recente_bestraffing": 6,
        "onvoldoende_nationaal_belang": 5,
        "leidinggever_vervolgd": 5,
        "gezondheidstoestand": 2,
        "verdachte_onvindbaar": 2,
        "belang_benadeelde": 1,
    },
    "voorwaardelijk_beleidssepot": {"oud_feit": 1, "reclasseringsbelang": 1},
}
MINOR_REGISTERED = 199  # Figuur 5.4 text, line 5681
MINOR_REGISTERED_FORM = {"S": (169, 174), "N": (14, 15)}  # 30% of 572, 10% of 144 (line 5685)
MINOR_REGISTERED_YEAR = (50, 55, 36, 21, 37)  # a fifth every year, 2018 'een stuk lager'
MINOR_SETTLED = (196, 161)
"""Settled on the merits with a minor victim, and of those 'Dagvaarding': 161/196 = 82% ('ruim
80%', line 6006) and (597 - 161)/(1004 - 196) = 54.0% for the others: the two percentages fix
both numbers (for a share of about 82%)."""
OTHER_OFFENCES = {"sepot_grond_onbekend": 31, "voeging_ter_berechting": 4}
"""35 of the 407 not summoned for trafficking were summoned for other offences (line 5802)."""
AGGRAVATING = (313, 18)  # of 603: 52% any (line 5993), 3% minor/vulnerable victim (line 6000)
KNOWN_BY_CLASSIFICATION = 576  # 64% of 900 (line 5406)
OVERIG_ONLY = (48, 31, 12, 6)
"""Registered with only 'overige vormen' (48), of which 31 with a verdict in the dossier study, 18
of those sexual (12, ours) or labour (6) exploitation (lines 5444-5447)."""
PARKET_QUOTA = {"DHA": 125, "ZWB": 45, "LP": 2}  # Den Haag 14%, ZWB 5%, LP two (lines 5597-5622)
PARKETTEN = ("NNE", "ONE", "MNE", "NHO", "AMS", "DHA", "RTD", "ZWB", "OBR", "LIM")
LAG = (0.42, 0.33, 0.13, 0.06, 0.03, 0.02, 0.007, 0.003)
"""Prior shares of the years between registration and settlement."""

GROUND_KNOWN = 2
"""Dismissals of 2019 'grond onbekend' whose ground the re-delivery knows (technical)."""
GROUND_CHANGED = 1
"""Technical dismissals of 2018 whose ground the re-delivery corrects."""
LATE_REGISTRATIONS = (
    (2016, 2017, "technisch_sepot"),
    (2017, 2018, "onvoorwaardelijk_beleidssepot"),
    (2019, 2019, "administratief"),
)
"""Cases first delivered in 2025: (year of registration, of settlement, decision)."""
REVISIONS = (GROUND_KNOWN, GROUND_CHANGED, LATE_REGISTRATIONS)
"""What the 2025 re-delivery changes in 2015-2019 (Dadermonitor line 9741: 'minimale wijzigingen
bij volgende peildata'); cases pending in April 2020 are closed administratively in 2020-2021."""


@dataclass
class Zaak:
    """One case of 2008-2019 as the OM knew it in April 2020."""

    form: str
    reg_year: int
    settle_year: int | None = None
    afdoening: str | None = None  # the decision on the trafficking offence, or 'administratief'
    minor: bool = False
    other_offences: bool = False
    sepotgrond: str | None = None
    aggravating: list[str] = field(default_factory=list)
    via: str = "geen"  # mh_seksueel, mh_arbeid, overig, sub3, fp, dossier, geen
    dossier: str | None = None  # dossier-study form of a case judged by 2019
    judge_year: int | None = None
    outcome: str | None = None
    parket: str | None = None
    revised: dict[str, Any] = field(default_factory=dict)
    trial: Trial | None = None  # a case judged in 2015-2019 (chapter 6, om_2015_berechting)


# --------------------------------------------------------------------------------------------
# The 2020-2024 world's earlier cases, as they stood in April 2020
# --------------------------------------------------------------------------------------------


LATE_CLASSIFICATION_ROOM = 26
"""The 2020-2024 world registers more sexual-exploitation cases in 2019 (99, pending at its end)
than Figuur 5.2 has (80). In April 2020 the classification of the latest of them was not yet
registered (OM data give 'pas na een paar maanden een eerste betrouwbaar beeld', footnote 13,
line 5452): they are 'onbekend' in the April-2020 extract and sexual in the re-delivery, so that
26 of the 80 are left to the cases of this module."""


def as_of(
    rows: dict[str, list[dict[str, Any]]],
    peildatum: dt.date,
    unclassified: frozenset[str] = frozenset(),
) -> dict[str, list[dict[str, Any]]]:
    """The delivery ``rows`` as the OM knew it on ``peildatum``: registrations before it, decisions
    and judgments dated before it, offence end dates cut at it; the dossier study of verdicts of
    the years before; no classification yet on the cases in ``unclassified``."""
    zaken = []
    open_cases: set[str] = set()
    for z in rows["zaken"]:
        if z["inschrijvingsdatum"] >= peildatum:
            continue
        z = dict(z)
        if z["parketnummer"] in unclassified:
            z["maatschappelijke_classificaties"] = None
        if z["afhandelingsdatum"] is not None and z["afhandelingsdatum"] >= peildatum:
            z.update(afhandelingsdatum=None, afdoening=None, sepotgrond=None)
            open_cases.add(z["parketnummer"])
        zaken.append(z)
    kept = {z["parketnummer"] for z in zaken}
    last = peildatum - dt.timedelta(days=1)
    feiten = []
    for f in rows["feiten"]:
        if f["parketnummer"] not in kept:
            continue
        if f["parketnummer"] in open_cases:
            if f["stadium"] == "dagvaarding":
                continue
            f = {**f, "afdoening_feit": None}
        if f["pleegdatum_eind"] is not None and f["pleegdatum_eind"] > last:
            f = {**f, "pleegdatum_eind": last}
        feiten.append(f)
    vonnissen = [
        v for v in rows["vonnissen"] if v["parketnummer"] in kept and v["vonnisdatum"] < peildatum
    ]
    judged = {v["parketnummer"]: v["vonnisdatum"] for v in vonnissen}
    persons = {z["persoon_id"] for z in zaken}
    return {
        "verdachten": [p for p in rows["verdachten"] if p["persoon_id"] in persons],
        "zaken": zaken,
        "feiten": feiten,
        "vonnissen": vonnissen,
        "vonnis_feiten": [r for r in rows["vonnis_feiten"] if r["parketnummer"] in judged],
        "straffen": [r for r in rows["straffen"] if r["parketnummer"] in judged],
        "dossierstudie": [
            r
            for r in rows["dossierstudie"]
            if r["parketnummer"] in judged and judged[r["parketnummer"]].year < peildatum.year
        ],
    }


def _form_2020(z: dict[str, Any], feiten: list[dict[str, Any]]) -> str:
    """The Dadermonitor's form of a given case without a dossier result (the bookkeeping of
    ``VORM_DADERMONITOR`` in ``domain.cases``; the tests check the real rule)."""
    mc = z["maatschappelijke_classificaties"] or []
    sub3 = any(f["artikel"] == "273f" and f["lid"] == 1 and f["sub"] == 3 for f in feiten)
    if "mh_seksueel" in mc or sub3:
        return "S"
    if "mh_arbeid" in mc or "mh_overig" in mc or z["parket"] == "FP":
        return "N"
    return "U"


@dataclass
class Given:
    """What the 2020-2024 world's cases contribute to the 2015-2019 cells in April 2020."""

    reg: Counter[tuple[int, str]] = field(default_factory=Counter)
    settled: Counter[tuple[int, str, str]] = field(default_factory=Counter)
    classified: int = 0
    overig_only: int = 0
    enriched: int = 0
    aggravating: tuple[int, int] = (0, 0)
    parket: Counter[str] = field(default_factory=Counter)
    minor: Counter[tuple[int, str]] = field(default_factory=Counter)


def given_cases(rows_2020: dict[str, list[dict[str, Any]]]) -> Given:
    g = Given()
    feiten: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in rows_2020["feiten"]:
        feiten[f["parketnummer"]].append(f)
    any_, kw = 0, 0
    for z in rows_2020["zaken"]:
        r = z["inschrijvingsdatum"].year
        form = _form_2020(z, feiten[z["parketnummer"]])
        minor = any(f["sub"] in (2, 5, 8) for f in feiten[z["parketnummer"]])
        mc = z["maatschappelijke_classificaties"] or []
        if r in YEARS:
            g.reg[r, form] += 1
            g.minor[r, form] += minor
            g.parket[z["parket"]] += 1
            if {"mh_seksueel", "mh_arbeid", "mh_overig"} & set(mc):
                g.classified += 1
            elif form != "U":
                g.enriched += 1
            if mc == ["mh_overig"]:
                g.overig_only += 1
        if z["afhandelingsdatum"] is not None and z["afhandelingsdatum"].year in YEARS:
            assert z["afdoening"] in TYPES and not minor, z["afdoening"]
            g.settled[z["afhandelingsdatum"].year, form, z["afdoening"]] += 1
            if z["afdoening"] in ("dagvaarding", "voeging_ter_berechting"):
                sv = z["strafverzwarende_omstandigheden"] or []
                any_ += bool(sv)
                kw += "kwetsbaar_slachtoffer" in sv
    g.aggravating = (any_, kw)
    return g


# --------------------------------------------------------------------------------------------
# Calibration
# --------------------------------------------------------------------------------------------


def _settlements(g: Given) -> list[Zaak]:
    """Stage A: the cases settled on the merits 2015-2019 (besides the given ones)."""
    m = Milp("om_2015_settlements")
    x: dict[tuple[int, str, str, int], int] = {}
    for i, s in enumerate(YEARS):
        for fi, f in enumerate(FORMS):
            for t in TYPES:
                total = sum(SETTLED_YEAR[t])
                share = SETTLED_FORM[t][fi] / total if total else 0.0
                for minor in (0, 1):
                    p = (
                        SETTLED_YEAR[t][i]
                        * share
                        * ((0.25 if t == "dagvaarding" else 0.08) if minor else 1.0)
                    )
                    if SETTLED_YEAR[t][i] and SETTLED_FORM[t][fi]:
                        x[s, f, t, minor] = m.var(prior=p)
    for i, s in enumerate(YEARS):
        for t in TYPES:
            given = sum(g.settled[s, f, t] for f in FORMS)
            m.add(
                [v for (s2, _f, t2, _m), v in x.items() if (s2, t2) == (s, t)],
                SETTLED_YEAR[t][i] - given,
            )
        for f in FORMS:
            given = sum(g.settled[s, f, t] for t in TYPES)
            m.add(
                [v for (s2, f2, _t, _m), v in x.items() if (s2, f2) == (s, f)],
                SETTLED_FORM_YEAR[f][i] - given,
            )
    for t in TYPES:
        for fi, f in enumerate(FORMS):
            given = sum(g.settled[y, f, t] for y in YEARS)
            m.add(
                [v for (_s, f2, t2, _m), v in x.items() if (f2, t2) == (f, t)],
                SETTLED_FORM[t][fi] - given,
            )
    m.add([v for k, v in x.items() if k[3]], MINOR_SETTLED[0])
    m.add([v for k, v in x.items() if k[3] and k[2] == "dagvaarding"], MINOR_SETTLED[1])
    sol = m.solve()
    out = []
    for (s, f, t, minor), v in x.items():
        out += [
            Zaak(form=f, reg_year=0, settle_year=s, afdoening=t, minor=bool(minor))
            for _ in range(sol[v])
        ]
    return out


def _registrations(settled: list[Zaak], g: Given, rng: random.Random) -> list[Zaak]:
    """Stage B: registration years of the settled cases and the cases not settled on the merits
    in 2015-2019; returns the latter."""
    groups: dict[tuple[int, str, bool], list[Zaak]] = defaultdict(list)
    for z in settled:
        assert z.settle_year is not None
        groups[z.settle_year, z.form, z.minor].append(z)
    m = Milp("om_2015_registrations")
    lag: dict[tuple[int, str, bool, int], int] = {}
    for (s, f, minor), zs in groups.items():
        ks = range(min(len(LAG), s - 2008 + 1))
        for k in ks:
            lag[s, f, minor, k] = m.var(prior=LAG[k] * len(zs))
        m.add([lag[s, f, minor, k] for k in ks], len(zs))
    rest: dict[tuple[int, str, bool], int] = {}
    for r in REGISTERED_YEAR:
        if r < YEARS[0]:
            rest[r, "U", False] = m.var(prior=REGISTERED_YEAR[r] * 0.8, weight=0.05)
            continue
        i = YEARS.index(r)
        for f in FORMS:
            for minor in (False, True):
                pending = ADMINISTRATIVE[i] + (25 if r == 2019 else 2)
                base = pending * REGISTERED_FORM[f][i] / REGISTERED_YEAR[r]
                rest[r, f, minor] = m.var(prior=base * (0.2 if minor else 0.8))
        m.add([v for (r2, _f, _m), v in rest.items() if r2 == r], (ADMINISTRATIVE[i] + 1, 10**6))

    def registered(r: int, f: str | None = None, minor: bool | None = None) -> list[int]:
        terms = [
            v
            for (s, f2, m2, k), v in lag.items()
            if s - k == r and (f is None or f2 == f) and (minor is None or m2 == minor)
        ]
        return terms + [
            v
            for (r2, f2, m2), v in rest.items()
            if r2 == r and (f is None or f2 == f) and (minor is None or m2 == minor)
        ]

    for r, n in REGISTERED_YEAR.items():
        m.add(registered(r), n - sum(v for (r2, _f), v in g.reg.items() if r2 == r))
    for i, r in enumerate(YEARS):
        for f in FORMS:
            m.add(registered(r, f), REGISTERED_FORM[f][i] - g.reg[r, f])
        # minors per year: a soft pull (Figuur 5.4 is lost), the total below is hard
        gm = sum(n for (r2, _f), n in g.minor.items() if r2 == r)
        m.add(
            registered(r, minor=True),
            (MINOR_REGISTERED_YEAR[i] - 3 - gm, MINOR_REGISTERED_YEAR[i] + 3 - gm),
        )
    m.add(
        [t for r in YEARS for t in registered(r, minor=True)],
        MINOR_REGISTERED - sum(g.minor.values()),
    )
    for f, (lo, hi) in MINOR_REGISTERED_FORM.items():
        gm = sum(n for (_r, f2), n in g.minor.items() if f2 == f)
        m.add([t for r in YEARS for t in registered(r, f, True)], (lo - gm, hi - gm))
    sol = m.solve()
    for (s, f, minor), zs in groups.items():
        years = [
            s - k
            for k in range(len(LAG))
            if (s, f, minor, k) in lag
            for _ in range(sol[lag[s, f, minor, k]])
        ]
        rng.shuffle(zs)
        for z, r in zip(zs, years, strict=True):
            z.reg_year = r
    others = []
    for (r, f, minor), v in rest.items():
        others += [Zaak(form=f, reg_year=r, minor=minor) for _ in range(sol[v])]
    return others


def calibrate(given: Given, seed: int = DEFAULT_SEED) -> list[Zaak]:
    """The cases of 2008-2019 besides the given ones, with every attribute the chapter counts."""
    rng = random.Random(f"{seed}-om-2015")
    settled = _settlements(given)
    others = _registrations(settled, given, rng)
    # not settled on the merits in the window: administrative (Figuur 5.5), settled before 2015,
    # or pending in April 2020
    for i, s in enumerate(YEARS):
        pool = [z for z in others if z.reg_year == s and z.afdoening is None]
        rng.shuffle(pool)
        for z in pool[: ADMINISTRATIVE[i]]:
            z.settle_year, z.afdoening = s, "administratief"
    for z in others:
        if z.reg_year < YEARS[0]:
            z.settle_year = min(z.reg_year + rng.choice((0, 1, 1, 2)), YEARS[0] - 1)
            z.afdoening = rng.choices(
                ("dagvaarding", "technisch_sepot", "administratief"), (65, 30, 5)
            )[0]
            z.form = rng.choices(FORMS, (70, 15, 15))[0]
    cases = settled + others
    _grounds(rng, cases)
    _judgments(rng, cases)
    _sources(rng, cases, given)
    _aggravating(rng, cases, given)
    _parketten(rng, cases, given)
    return cases


def _grounds(rng: random.Random, cases: list[Zaak]) -> None:
    window = [z for z in cases if z.settle_year in YEARS]
    for t, grounds in SEPOTGRONDEN.items():
        pool = [z for z in window if z.afdoening == t]
        codes = [c for c, n in grounds.items() for _ in range(n)]
        rng.shuffle(codes)
        for z, c in zip(pool, codes, strict=True):
            z.sepotgrond = c
    for z in cases:
        if (
            z.settle_year is not None
            and z.settle_year < YEARS[0]
            and z.afdoening == "technisch_sepot"
        ):
            z.sepotgrond = "onvoldoende_bewijs"
    for t, n in OTHER_OFFENCES.items():
        pool = [z for z in window if z.afdoening == t]
        rng.shuffle(pool)
        for z in pool[:n]:
            z.other_offences = True


def _judgments(rng: random.Random, cases: list[Zaak]) -> None:
    """Summoned cases judged in 2015-2019: chosen and given their verdicts, sentences, other
    offences and dates by ``om_2015_berechting`` (chapter 6); of the others, those summoned in
    2013-2014 are judged by 2014. No case of this module is judged after 2019 (a later judgment
    would change the Jaarcijfers' cohorts of 2020-2024; the given cases fill those): a summoned
    case not chosen is still pending at the court."""
    pool: dict[tuple[int, int, str], list[Zaak]] = defaultdict(list)
    for z in cases:
        if z.afdoening != "dagvaarding" or z.other_offences or z.settle_year is None:
            continue
        if z.settle_year < 2009:
            continue
        free = z.settle_year < YEARS[0] and z.reg_year < YEARS[0]
        pool[z.reg_year, z.settle_year, "*" if free else z.form].append(z)
    for zs in pool.values():
        rng.shuffle(zs)
    judged = choose_judged(pool)
    dossier = {"bl_su": "bl_su", "go_su": "go_su", "au": "au", "cu": "cu"}
    for (j, d), zs in judged.items():
        for z in zs:
            if z.settle_year is not None and z.settle_year < YEARS[0] and z.reg_year < YEARS[0]:
                z.form = "S" if d in ("bl_su", "go_su") else "N" if d in ("au", "cu") else "U"
            z.judge_year = j
            z.dossier = dossier.get(d, "su_onbekend" if z.form == "S" else "onbekend")
    trials = assign(rng, judged)
    entries = []
    for zs in judged.values():
        for z in zs:
            z.trial = trials[id(z)]
            z.outcome = "berecht"
            assert z.settle_year is not None and z.judge_year is not None
            entries.append((z, z.trial, z.reg_year, z.settle_year, z.judge_year))
    dates(rng, entries)
    for zs in pool.values():
        for z in zs:
            if z.trial is None and z.settle_year is not None and 2013 <= z.settle_year < 2015:
                z.judge_year = min(z.settle_year + rng.choice((0, 1, 1)), 2014)
                z.outcome = rng.choices(("veroordeling", "vrijspraak", "overig"), (68, 23, 9))[0]


def _sources(rng: random.Random, cases: list[Zaak], g: Given) -> None:
    """Where each case's form comes from (``VORM_DADERMONITOR``), to the text's counts among the
    cases registered 2015-2019: 576 known from the classification, 48 'overige vormen' only."""
    reg = [z for z in cases if z.reg_year in YEARS]
    rng.shuffle(reg)
    judged = [z for z in reg if z.judge_year is not None]
    n_overig, n_dossier, n_sexual, n_labour = OVERIG_ONLY
    n_overig -= g.overig_only
    # 'overige vormen' only: 31 judged (12 sexual, 6 labour, 13 criminal), the rest not judged
    # the dossier forms are chapter 6's (om_2015_berechting); C1 leaves enough of each kind
    su = [z for z in judged if z.form == "S" and z.dossier in ("bl_su", "go_su")][:n_sexual]
    au = [z for z in judged if z.form == "N" and z.dossier == "au"][:n_labour]
    cu = [z for z in judged if z.form == "N" and z.dossier == "cu"][
        : n_dossier - n_sexual - n_labour
    ]
    assert len(su) + len(au) + len(cu) == n_dossier
    for z in su + au + cu:
        z.via = "overig"
    rest_n = [z for z in reg if z.form == "N" and z.via == "geen" and z.judge_year is None]
    for z in rest_n[: n_overig - n_dossier]:
        z.via = "overig"
    known = [z for z in reg if z.form != "U" and z.via == "geen"]
    enriched = len(known) - (KNOWN_BY_CLASSIFICATION - g.classified - n_overig)
    order = sorted(known, key=lambda z: (z.judge_year is None, rng.random()))
    # a criminal case keeps its form only without a labour source (VORM_BERECHTING_DM): all of
    # them come from the dossier study, then labour cases up to an eighth of the enrichment
    dossier_n = [z for z in order if z.form == "N" and z.dossier == "cu"]
    dossier_n += [z for z in order if z.form == "N" and z.dossier == "au"][
        : max(0, enriched // 8 - len(dossier_n))
    ]
    dossier_s = [z for z in order if z.form == "S" and z.judge_year is not None][: enriched // 4]
    for z in dossier_n + dossier_s:
        z.via = "dossier"
    left = enriched - len(dossier_n) - len(dossier_s)
    fp = [z for z in known if z.form == "N" and z.via == "geen"][: left // 3]
    for z in fp:
        z.via = "fp"
    sub3 = [z for z in known if z.form == "S" and z.via == "geen"][: left - len(fp)]
    assert len(sub3) == left - len(fp), "too few sexual cases for the enrichment"
    for z in sub3:
        z.via = "sub3"
    for z in cases:
        if z.via != "geen":
            continue
        if z.form == "U":
            continue
        if z.reg_year in YEARS:
            z.via = "mh_seksueel" if z.form == "S" else "mh_arbeid"
        elif z.judge_year is not None:
            z.via = "dossier"  # before 2015 the OM had no trafficking classification
        else:
            z.via = "sub3" if z.form == "S" else "fp"
    for z in cases:  # every verdict up to 2019 is in the dossier study
        if z.judge_year is not None and z.dossier is None:
            z.dossier = {
                "S": rng.choice(("bl_su", "bl_su", "go_su", "su_onbekend")),
                "N": rng.choice(("au", "au", "cu")),
                "U": "onbekend",
            }[z.form]


def _aggravating(rng: random.Random, cases: list[Zaak], g: Given) -> None:
    pool = [
        z
        for z in cases
        if z.settle_year in YEARS and z.afdoening in ("dagvaarding", "voeging_ter_berechting")
    ]
    rng.shuffle(pool)
    n_any = AGGRAVATING[0] - g.aggravating[0]
    n_kw = AGGRAVATING[1] - g.aggravating[1]
    pool.sort(key=lambda z: not z.minor)  # the vulnerable-victim circumstance with minors first
    for j, z in enumerate(pool[:n_any]):
        z.aggravating = (
            ["in_vereniging"] if j >= n_kw else ["kwetsbaar_slachtoffer", "in_vereniging"]
        )
        if j >= n_any - 4:
            z.aggravating = ["geweld"]  # 'vrijwel altijd' in vereniging


def _parketten(rng: random.Random, cases: list[Zaak], g: Given) -> None:
    reg = [z for z in cases if z.reg_year in YEARS]
    for z in cases:
        if z.via == "fp":
            z.parket = "FP"
    total = sum(REGISTERED_YEAR[y] for y in YEARS)
    fp = sum(1 for z in reg if z.parket == "FP") + g.parket["FP"]
    quota = dict(PARKET_QUOTA)
    others = [p for p in PARKETTEN if p not in quota]
    spare = total - sum(quota.values()) - fp
    for j, p in enumerate(others):
        quota[p] = spare // len(others) + (1 if j < spare % len(others) else 0)
    slots = [p for p, n in quota.items() for _ in range(n - g.parket[p])]
    rng.shuffle(slots)
    todo = [z for z in reg if z.parket is None]
    assert len(slots) == len(todo), (len(slots), len(todo))
    for z, p in zip(todo, slots, strict=True):
        z.parket = p
    for z in cases:
        if z.parket is None:
            z.parket = rng.choice(PARKETTEN)


# --------------------------------------------------------------------------------------------
# Rows in the contract's layout
# --------------------------------------------------------------------------------------------


def _day(rng: random.Random, year: int, months: tuple[int, int]) -> dt.date:
    return dt.date(year, rng.randint(*months), rng.randint(1, 28))


def zaak_rows(
    zaken: list[Zaak], revised: bool, seed: int = DEFAULT_SEED
) -> dict[str, list[dict[str, Any]]]:
    """The tables of contract om and the dossier study for ``zaken``: as in April 2020, or with
    ``revised`` as re-delivered in 2025."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for serial, z in enumerate(zaken, start=1):
        # one generator per case: a case not revised has the same rows in both deliveries
        _rows(random.Random(f"{seed}-om-2015-{serial}"), z, serial, out, revised)
    return dict(out)


def _rows(
    rng: random.Random, z: Zaak, serial: int, out: dict[str, list[dict[str, Any]]], revised: bool
) -> None:
    if z.revised.get("added") and not revised:
        return  # registered after the April-2020 extract was made
    same = z.settle_year == z.reg_year
    ins = _day(rng, z.reg_year, (1, 6) if same else (1, 12))
    judged_same = z.judge_year is not None and z.judge_year == z.settle_year
    afdoening, sepotgrond, settle_year = z.afdoening, z.sepotgrond, z.settle_year
    if revised and "afdoening" in z.revised:
        afdoening, sepotgrond = z.revised["afdoening"], z.revised["sepotgrond"]
        settle_year = z.revised.get("settle_year", settle_year)
    months = (7, 9) if same or judged_same else (1, 6)
    afh: dt.date | None = max(_day(rng, settle_year or z.reg_year, months), ins)
    if settle_year is None:
        afh = None
    von = None
    if z.judge_year is not None:
        von = _day(rng, z.judge_year, (10, 12) if judged_same or same else (7, 12))
    if z.trial is not None and z.trial.dates is not None:
        ins, afh, von = z.trial.dates  # chapter 6's processing times (om_2015_berechting)
    nr = (
        96
        if z.parket == "FP"
        else 97
        if z.parket == "LP"
        else PARKETTEN.index(z.parket or "NNE") + 1
    )
    pn = f"{nr:02d}/8{serial:06d}-{ins.year % 100:02d}"
    pid = f"OMV-8{serial:06d}"
    pleeg = ins - dt.timedelta(days=rng.randint(30, 900))
    pleeg = pleeg.replace(day=min(pleeg.day, 28))
    age = rng.randint(17, 62)
    before = dt.timedelta(days=rng.randint(1, 300))
    origin = rng.choices(("nederland", "eer", "overig"), (55, 25, 20))[0]
    geslacht: str | None = rng.choices(("M", "V"), (85, 15))[0]
    land: str | None = rng.choice(om2020.COUNTRIES[origin])
    known_age = True
    if z.trial is not None and z.trial.kenmerken:  # chapter 8 (om_2015_berechting.persons)
        geslacht, land = z.trial.geslacht, z.trial.geboorteland
        known_age = z.trial.leeftijd is not None
        age = z.trial.leeftijd if z.trial.leeftijd is not None else age
    dob = pleeg.replace(year=pleeg.year - age) - before if known_age else None
    out["verdachten"].append({"persoon_id": pid, "geslacht": geslacht, "geboorteland": land})
    mc = {"mh_seksueel": ["mh_seksueel"], "mh_arbeid": ["mh_arbeid"], "overig": ["mh_overig"]}.get(
        z.via, rng.choice((None, ["overig"], ["zeden_overig"])) if z.form != "N" else None
    )
    if z.form == "N" and z.via in ("fp", "dossier"):
        mc = rng.choice((None, ["overig"]))
    case_afdoening = "dagvaarding" if z.other_offences else afdoening
    out["zaken"].append(
        {
            "parketnummer": pn,
            "persoon_id": pid,
            "natuurlijk_persoon": True,
            "parket": z.parket,
            "aangeleverd_door": "NLA" if z.parket == "FP" else rng.choice(om2020.POLICE),
            "inschrijvingsdatum": ins,
            "pleegdatum_begin": pleeg,
            "geboortedatum": dob,
            "maatschappelijke_classificaties": mc,
            "strafverzwarende_omstandigheden": z.aggravating or None,
            "afhandelingsdatum": afh,
            "afdoening": case_afdoening,
            "sepotgrond": None if z.other_offences else sepotgrond,
        }
    )
    sub = 3 if z.via == "sub3" else rng.choice((1, 4, 6, 9))
    feit = {
        "parketnummer": pn,
        "feitnummer": 1,
        "artikel": "273f",
        "lid": 1,
        "sub": sub,
        "verschijningsvormen": ["medeplegen"] if z.aggravating else None,
        "primair": True,
        "pleegdatum_begin": pleeg,
        "pleegdatum_eind": pleeg + dt.timedelta(days=rng.randint(0, 25)),
        "afdoening_feit": afdoening if afdoening != "dagvaarding" or not z.other_offences else None,
    }
    feiten = [feit]
    if z.minor:
        feiten.append({**feit, "feitnummer": 2, "sub": rng.choice((2, 2, 5, 8))})
    for f in feiten:
        out["feiten"].append({**f, "stadium": "inschrijving"})
    if z.other_offences:
        out["feiten"].append(
            {
                **feit,
                "stadium": "dagvaarding",
                "feitnummer": 3,
                "artikel": "300",
                "lid": 1,
                "sub": None,
                "afdoening_feit": "dagvaarding",
            }
        )
    elif afdoening == "dagvaarding":
        for f in feiten:
            out["feiten"].append({**f, "stadium": "dagvaarding", "afdoening_feit": "dagvaarding"})
    others = _other_offences(rng, z, feit)
    for f in others:
        for stadium in ("inschrijving", "dagvaarding"):
            out["feiten"].append({**f, "stadium": stadium})
    if z.dossier is not None:
        out["dossierstudie"].append(
            {
                "parketnummer": pn,
                "vorm": z.dossier,
                "bronnen": ["eerder_onderzoek"]
                if (z.judge_year or 0) <= 2017
                else ["rechtspraak_nl"],
                "land_werving": {"bl_su": "NL", "go_su": rng.choice(om2020.COUNTRIES["eer"])}.get(
                    z.dossier
                ),
                "land_uitbuiting": "NL" if z.dossier in ("bl_su", "go_su") else None,
                "toelichting": None,
            }
        )
    if von is None:
        return
    if z.trial is not None:
        _trial_rows(rng, z.trial, pn, von, age, [f["feitnummer"] for f in others], out)
        return
    assert z.outcome is not None
    codes, weights = om2020.EINDUITSPRAAK["overig_oud" if z.outcome == "overig" else z.outcome]
    uitspraak = rng.choices(codes, weights)[0]
    beroep = rng.random() < 0.5
    out["vonnissen"].append(
        {
            "parketnummer": pn,
            "vonnisdatum": von,
            "einduitspraak_zaak": uitspraak,
            "hoger_beroep": beroep,
            "hoger_beroep_door": rng.choices(("verdachte", "om", "beide"), (60, 20, 20))[0]
            if beroep
            else None,
        }
    )
    out["vonnis_feiten"].append(
        {
            "parketnummer": pn,
            "feitnummer": 1,
            "einduitspraak_feit": om2020.FEIT_UITSPRAAK[uitspraak],
        }
    )
    if z.outcome == "veroordeling":
        days = rng.choice((120, 240, 365, 540, 730, 1095, 1460))
        out["straffen"].append(
            {
                "parketnummer": pn,
                "volgnummer": 1,
                "straftype": "jeugddetentie" if age < 18 else "gevangenisstraf",
                "voorwaardelijk": "onvoorwaardelijk",
                "onvoorwaardelijk_dagen": days,
                "voorwaardelijk_dagen": None,
                "taakstraf_uren": None,
                "geldboete_euro": None,
            }
        )


def _other_offences(rng: random.Random, z: Zaak, feit: dict[str, Any]) -> list[dict[str, Any]]:
    """The other offences charged with trafficking (Tabel 6.1): one per category, numbered 11
    on, with an article of the category."""
    if z.trial is None:
        return []
    return [
        {
            **feit,
            "feitnummer": 11 + i,
            "artikel": rng.choice(OTHER_CATEGORIES[c][2]),
            "lid": None,
            "sub": None,
            "verschijningsvormen": None,
            "afdoening_feit": "dagvaarding",
        }
        for i, c in enumerate(z.trial.categorieen)
    ]


VRIJHEIDSSTRAF = {"onvoorwaardelijk", "deels_voorwaardelijk", "voorwaardelijk"}


def _trial_rows(
    rng: random.Random,
    t: Trial,
    pn: str,
    von: dt.date,
    age: int,
    other_feiten: list[int],
    out: dict[str, list[dict[str, Any]]],
) -> None:
    """Judgment, decisions per offence and sentences of a case judged in 2015-2019."""
    out["vonnissen"].append(
        {
            "parketnummer": pn,
            "vonnisdatum": von,
            "einduitspraak_zaak": t.uitspraak,
            "hoger_beroep": t.beroep is not None,
            "hoger_beroep_door": t.beroep,
        }
    )
    feit = FEIT_UITSPRAAK[t.uitspraak]
    out["vonnis_feiten"].append({"parketnummer": pn, "feitnummer": 1, "einduitspraak_feit": feit})
    convicted_other = t.uitspraak in ("vrijspraak_mh_andere_feiten", "veroordeling_mh")
    for n in other_feiten:
        out["vonnis_feiten"].append(
            {
                "parketnummer": pn,
                "feitnummer": n,
                "einduitspraak_feit": "bewezen" if convicted_other else feit,
            }
        )
    straffen: list[dict[str, Any]] = []
    empty = {
        "voorwaardelijk": None,
        "onvoorwaardelijk_dagen": None,
        "voorwaardelijk_dagen": None,
        "taakstraf_uren": None,
        "geldboete_euro": None,
    }
    prison = "jeugddetentie" if age < 18 else "gevangenisstraf"
    if t.hoofdstraf in VRIJHEIDSSTRAF:
        straffen.append(
            {
                **empty,
                "straftype": prison,
                "voorwaardelijk": t.hoofdstraf,
                "onvoorwaardelijk_dagen": t.dagen if t.hoofdstraf != "voorwaardelijk" else None,
                "voorwaardelijk_dagen": None
                if t.hoofdstraf == "onvoorwaardelijk"
                else rng.choice((60, 90, 120, 180, 365)),
            }
        )
        if rng.random() < 0.1:  # a lighter principal sentence besides: not the heaviest
            straffen.append({**empty, "straftype": "taakstraf", "taakstraf_uren": 240})
    elif t.hoofdstraf == "taakstraf":
        straffen.append(
            {**empty, "straftype": "taakstraf", "taakstraf_uren": rng.choice((120, 180, 240))}
        )
    elif t.hoofdstraf == "geldboete":
        straffen.append(
            {**empty, "straftype": "geldboete", "geldboete_euro": rng.choice((500, 1500, 5000))}
        )
    elif t.uitspraak == "vrijspraak_mh_andere_feiten":  # sentenced for the other offences
        straffen.append(
            {
                **empty,
                "straftype": prison,
                "voorwaardelijk": "onvoorwaardelijk",
                "onvoorwaardelijk_dagen": rng.choice((30, 60, 90, 180)),
            }
        )
    for code in t.maatregelen:
        straffen.append({**empty, "straftype": code})
    for i, r in enumerate(straffen, start=1):
        out["straffen"].append({"parketnummer": pn, "volgnummer": i, **r})


def revise(rng: random.Random, zaken: list[Zaak]) -> list[Zaak]:
    """Mark the revisions of the 2025 re-delivery (``REVISIONS``); return the added cases."""
    grond = [
        z
        for z in zaken
        if z.settle_year == 2019 and z.afdoening == "sepot_grond_onbekend" and not z.other_offences
    ]
    for z in grond[:GROUND_KNOWN]:
        z.revised.update(afdoening="technisch_sepot", sepotgrond="onvoldoende_bewijs")
    changed = [
        z for z in zaken if z.settle_year == 2018 and z.sepotgrond == "ten_onrechte_verdachte"
    ]
    for z in changed[:GROUND_CHANGED]:
        z.revised.update(afdoening="technisch_sepot", sepotgrond="onvoldoende_bewijs")
    for z in zaken:  # pending in April 2020: closed administratively later
        if z.afdoening is None and z.reg_year in YEARS:
            z.revised.update(
                afdoening="administratief", sepotgrond=None, settle_year=rng.choice((2020, 2021))
            )
    added = []
    for r, s, t in LATE_REGISTRATIONS:
        z = Zaak(form="U", reg_year=r, settle_year=s, afdoening=t, parket=rng.choice(PARKETTEN))
        z.sepotgrond = {
            "technisch_sepot": "onvoldoende_bewijs",
            "onvoorwaardelijk_beleidssepot": "oud_feit",
        }.get(t)
        z.revised["added"] = True
        added.append(z)
    return added


GIVEN_MINORS = {(2019, "S"): 15, (2019, "N"): 2, (2019, "U"): 11, (2018, "S"): 4, (2018, "N"): 1}
"""Cases of the 2020-2024 world registered in 2018-2019 that get a minor victim (art. 273f lid 1
sub 2 at registration, in both deliveries; no Jaarcijfers figure counts it), so that about a fifth
of 2019's registrations have one (Figuur 5.4); per year and form as of April 2020."""


def _add_minors(rows: dict[str, list[dict[str, Any]]], unclassified: frozenset[str]) -> None:
    """``GIVEN_MINORS``: the earliest registered open cases of each year and
    form get an offence with a minor victim."""
    early = as_of(rows, PEILDATUM_2020, unclassified)
    feiten: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in early["feiten"]:
        feiten[f["parketnummer"]].append(f)
    chosen: set[str] = set()
    for (r, form), n in GIVEN_MINORS.items():
        pool = sorted(
            (
                z
                for z in early["zaken"]
                if z["inschrijvingsdatum"].year == r
                and (z["afhandelingsdatum"] is None or z["afhandelingsdatum"].year > YEARS[-1])
                and _form_2020(z, feiten[z["parketnummer"]]) == form
            ),
            key=lambda z: z["inschrijvingsdatum"],
        )
        assert len(pool) >= n, (r, form)
        chosen |= {z["parketnummer"] for z in pool[:n]}
    first = {
        f["parketnummer"]: f
        for f in rows["feiten"]
        if f["parketnummer"] in chosen and f["stadium"] == "inschrijving" and f["feitnummer"] == 1
    }
    for pn in sorted(chosen):
        rows["feiten"].append(
            {
                **first[pn],
                "feitnummer": 9,
                "sub": 2,
                "afdoening_feit": None,
                "verschijningsvormen": None,
            }
        )


def _late_classification(rows: dict[str, list[dict[str, Any]]]) -> frozenset[str]:
    """The cases of ``LATE_CLASSIFICATION_ROOM``: registered in 2019, not settled in April 2020,
    sexual by their classification only; the latest registered first."""
    early = as_of(rows, PEILDATUM_2020)
    feiten: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in early["feiten"]:
        feiten[f["parketnummer"]].append(f)
    sexual = [
        z
        for z in early["zaken"]
        if z["inschrijvingsdatum"].year == 2019 and _form_2020(z, feiten[z["parketnummer"]]) == "S"
    ]
    only = [
        z
        for z in sexual
        if z["afdoening"] is None
        and "mh_seksueel" in (z["maatschappelijke_classificaties"] or [])
        and _form_2020({**z, "maatschappelijke_classificaties": None}, feiten[z["parketnummer"]])
        == "U"
    ]
    n = len(sexual) - (REGISTERED_FORM["S"][-1] - LATE_CLASSIFICATION_ROOM)
    only.sort(key=lambda z: z["inschrijvingsdatum"], reverse=True)
    return frozenset(z["parketnummer"] for z in only[: max(0, n)])


TABLES = (
    "verdachten",
    "zaken",
    "feiten",
    "vonnissen",
    "vonnis_feiten",
    "straffen",
    "dossierstudie",
)


def _replicate(
    rows: dict[str, list[dict[str, Any]]], scale: int, tables: tuple[str, ...] = TABLES
) -> dict[str, list[dict[str, Any]]]:
    """Every case ``scale`` times: copy k > 0 under new numbers (parketnummer and persoon_id with
    the suffix '-k'), so every count multiplies exactly."""
    out: dict[str, list[dict[str, Any]]] = {t: list(rows[t]) for t in tables}
    for k in range(1, scale):
        for t in tables:
            for r in rows[t]:
                r = dict(r)
                for key in ("parketnummer", "persoon_id"):
                    if key in r:
                        r[key] = f"{r[key]}-{k}"
                out[t].append(r)
    return out


@dataclass
class World:
    """Both deliveries' rows (contract om plus the dossier study under 'dossierstudie')."""

    april_2020: dict[str, list[dict[str, Any]]]
    re_delivery: dict[str, list[dict[str, Any]]]


_WORLDS: dict[int, World] = {}


def world(seed: int = DEFAULT_SEED) -> World:
    """The 2008-2024 world of OM cases in both deliveries (computed once per seed; ``scale``
    copies are made when a delivery is written)."""
    if seed in _WORLDS:
        return _WORLDS[seed]
    later = om2020.case_rows(om2020.calibrate(), scale=1)
    late = _late_classification(later)
    _add_minors(later, late)
    early = as_of(later, PEILDATUM_2020, late)
    zaken = calibrate(given_cases(early), seed)
    zaken += revise(random.Random(f"{seed}-om-2015-revise"), zaken)
    old = zaak_rows(zaken, revised=False, seed=seed)
    new = zaak_rows(zaken, revised=True, seed=seed)
    w = World(
        april_2020={t: early[t] + old.get(t, []) for t in TABLES},
        re_delivery={t: later[t] + new.get(t, []) for t in TABLES},
    )
    if seed == DEFAULT_SEED:  # one world with the other sources: linked suspects' dates of birth
        from ketenmonitor.synth import identities

        geboren = identities.verdachten(w.april_2020, w.re_delivery).aanpassingen("om")
        for rows in (w.april_2020, w.re_delivery):
            for z in rows["zaken"]:
                if z["persoon_id"] in geboren and z["geboortedatum"] is not None:
                    z["geboortedatum"] = geboren[z["persoon_id"]]
    _WORLDS[seed] = w
    return w


# --------------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------------


def _om_zip(out_dir: Path, name: str, rows: dict[str, list[dict[str, Any]]]) -> Path:
    contract = load_contract("om")
    out_dir.mkdir(parents=True, exist_ok=True)
    return om2020._write_zip(out_dir, name, [(t, rows[t.name]) for t in contract.tables])


def _dossier_xlsx(out_dir: Path, name: str, rows: list[dict[str, Any]]) -> Path:
    contract = load_contract("om_dossierstudie")
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}.xlsx"
    _write_xlsx(path, [(contract.tables[0], rows)])
    return path


EARLIER_NAME = f"_{PEILDATUM_2020.isoformat()}"
"""Suffix of the April-2020 files: ``om_2020-04-01.zip``, ``om_dossierstudie_2020-04-01.xlsx``."""


def write_om_2020(out_dir: Path, scale: int = 1, seed: int = DEFAULT_SEED) -> Path:
    """``om_2020-04-01.zip``: the RAC-min extract with peildatum April 2020 (contract om)."""
    return _om_zip(out_dir, "om" + EARLIER_NAME, _replicate(world(seed).april_2020, scale))


def write_om_dossierstudie_2020(out_dir: Path, scale: int = 1, seed: int = DEFAULT_SEED) -> Path:
    """``om_dossierstudie_2020-04-01.xlsx``: the dossier study of the verdicts up to 2019."""
    rows = _replicate(world(seed).april_2020, scale, ("dossierstudie",))["dossierstudie"]
    return _dossier_xlsx(out_dir, "om_dossierstudie" + EARLIER_NAME, rows)


def write_om_2025(out_dir: Path, scale: int = 1, seed: int = DEFAULT_SEED) -> Path:
    """``om.zip``: the re-delivery with peildatum ``SYNTH_PEILDATUM`` (2008-2024)."""
    assert SYNTH_PEILDATUM.year == 2025
    return _om_zip(out_dir, "om", _replicate(world(seed).re_delivery, scale))


def write_om_dossierstudie_2025(out_dir: Path, scale: int = 1, seed: int = DEFAULT_SEED) -> Path:
    """``om_dossierstudie.xlsx``: the dossier study of every verdict 2013-2024."""
    return _dossier_xlsx(
        out_dir,
        "om_dossierstudie",
        _replicate(world(seed).re_delivery, scale, ("dossierstudie",))["dossierstudie"],
    )
