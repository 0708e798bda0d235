"""A synthetic IRIS delivery (contract reclassering) calibrated to the Dadermonitor mensenhandel
2015-2019, chapter 7 'Resocialisatie' (../shared/seeds/000_4e969fc2f04dad69.txt).

``write_reclassering(out_dir, scale=1)`` writes ``reclassering.csv``: probation orders whose
supervisions, through ``ketenmonitor.domain.probation`` and the OM delivery of ``synth.om_2015``
(the form comes via parketnummer), reproduce every number chapter 7 prints: Figuur 7.2 and 7.5
cell by cell, Figuur 7.3's shares, 157 supervisions started and 143 ended with 136 persons, 13
supervisions under several kaders, 4 with several phases of one kader, 23 without a parketnummer,
50 of unknown form, 45% outpatient and 3% inpatient care (per supervision and per person alike).
Figuur 7.1's yearly values and Figuur 7.4's frequencies did not survive the text extraction:
``INFLOW`` and ``VOORWAARDEN`` are chosen to satisfy what the text says about them.

No MILP is needed: the published figures are margins of one table (year x form x reason x
kader) that a direct allocation meets exactly. Everything is deterministic. The supervisions are
built first, then written as orders, with the noise the domain rules must remove: excluded
orders (withdrawn, not issued, not realised, entered in error), supervisions of pre-trial
suspensions (voorfase) and advice reports.

``scale`` copies every supervision under new numbers (and links copy k to the OM's copy k, whose
parketnummers carry the suffix '-k'), so every count multiplies exactly.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ketenmonitor.contracts import load_contract
from ketenmonitor.synth import SYNTH_PEILDATUM, _write_csv

YEARS = (2015, 2016, 2017, 2018, 2019)
SEED = 2019

# --------------------------------------------------------------------------------------------
# Published numbers (tests/fixtures/published/dadermonitor_2015_2019/figures_resocialisatie.toml)
# --------------------------------------------------------------------------------------------

FORM_YEAR: dict[str, tuple[int, ...]] = {  # Figuur 7.2, lines 7444-7458 (ended, by year of end)
    "onbekend": (11, 12, 8, 8, 11),
    "cu": (0, 0, 0, 0, 0),
    "au": (0, 1, 0, 0, 1),
    "go_su": (5, 2, 2, 1, 2),
    "bl_su": (14, 11, 26, 15, 13),
}
REASON_YEAR: dict[str, tuple[int, ...]] = {  # Figuur 7.5, lines 7697-7705
    "voortijdig_positief": (1, 1, 1, 1, 1),
    "voortijdig_negatief": (6, 4, 6, 4, 4),
    "voltooid": (23, 21, 29, 19, 22),
}
KADER_START = {"pp_vi": 75, "vv": 52, "tbs_pij": 9, "overig": 7}
"""Figuur 7.3 (lines 7549-7564): 52%, 36%, 6%, 5% of 143; the only counts that round to them."""
ENDED = 143  # lines 7301, 7777, 7303
PERSONS = 136  # lines 7304-7305: seven persons had two supervisions
INFLOW_TOTAL = 157  # Figuur 7.1 (N=157), lines 7300, 7350
INFLOW = (38, 29, 31, 28, 31)
"""Figuur 7.1 per year is lost; chosen: 2015 'wat hoger', 2016-2019 'een lichte fluctuatie'
(lines 7418-7421), 'jaarlijks ongeveer 30' (line 8789)."""
MULTI_KADER = 13  # line 7492
MULTI_FASE = 4  # line 7497
NO_PARKET = 23  # line 9818
NO_PARKET_YEAR = (5, 5, 4, 4, 5)  # ours: how the 23 spread over the years of end
ZORG = {"ambulant": 64, "klinisch": 4}
"""Lines 7614-7616: 45% outpatient, 3% inpatient; 64 and 4 of 143 supervisions are 45% and 3%,
and (three of the seven persons with two supervisions having outpatient care in both) 61 and 4 of
136 persons too, so the claim holds whichever base the report used."""
VOORWAARDEN = {  # Figuur 7.4 lost (line 7609); the text's order: lines 7604-7612
    "meldplicht": 139,
    "aanwijzingen": 101,
    "behandelverplichting": 77,
    "contactverbod": 64,
    "locatieverbod": 38,
    "middelenverbod": 21,
    "locatiegebod": 17,
    "gedragsinterventie": 12,
    "overig": 9,
    "begeleid_wonen": 6,
    "opname_zorginstelling": 5,
}
EXECUTIE_SHARE = 0.65  # line 7299: 65% of all supervision orders were in the enforcement phase


@dataclass
class Toezicht:
    n: int
    start: dt.date
    end: dt.date | None
    kaders: list[str]
    reden: str = "voltooid"
    vorm: str | None = None  # dossier form the parketnummer must carry; None: no link
    parket: str | None = None
    person: int = 0
    zorg: str = "geen"
    voorwaarden: list[str] = field(default_factory=list)


def _day(rng: random.Random, year: int, lo: int = 1, hi: int = 12) -> dt.date:
    month = rng.randint(lo, hi)
    return dt.date(year, month, rng.randint(1, 28))


def _first_kaders(rng: random.Random) -> list[list[str]]:
    """The IRIS codes of each ended supervision's orders, by Figuur 7.3's groups, with the 13
    supervisions under two kaders (PP then conditional release) and the 4 through two phases of
    tbs with compulsory treatment (trial leave, then conditional end)."""
    out: list[list[str]] = []
    for i in range(KADER_START["pp_vi"]):
        if i < MULTI_KADER:
            out.append([("pp", "pp_et")[i % 2], "vi"])
        else:
            out.append([("vi", "pp", "vi", "pp_et")[i % 4]])
    out += [["vv"] for _ in range(KADER_START["vv"])]
    for i in range(KADER_START["tbs_pij"]):
        if i < MULTI_FASE:
            out.append(["tbs_proefverlof", "tbs_vb_dwangverpleging"])
        else:
            out.append([("tbs_voorwaarden", "pij_vb", "tbs_fpt")[i % 3]])
    out += [[("art43_3_pbw", "strafbeschikking")[i % 2]] for i in range(KADER_START["overig"])]
    rng.shuffle(out)
    return out


RESERVE = 6
"""Supervisions per year of Figuur 7.1 kept for those that end after 2019 (ours)."""


def _start(rng: random.Random, end: dt.date, room: dict[int, int]) -> dt.date:
    """A start 8 months to 3 years before ``end`` in a year that Figuur 7.1 still has room in
    (``room``: supervisions a year of 2015-2019 can still take)."""
    months = [8, 12, 14, 18, 20, 24, 26, 30, 36, 42, 48]
    rng.shuffle(months)
    for m in months:
        start = end - dt.timedelta(days=int(m * 30.4))
        if start.year not in room:
            return start
        if room[start.year] > 0:
            room[start.year] -= 1
            return start
    raise ValueError(f"no year has room for a supervision that ends on {end}")


def _ended(rng: random.Random) -> list[Toezicht]:
    kaders = _first_kaders(rng)
    room = {year: n - RESERVE for year, n in zip(YEARS, INFLOW, strict=True)}
    out: list[Toezicht] = []
    for y, year in enumerate(YEARS):
        forms = [f for f, counts in FORM_YEAR.items() for _ in range(counts[y])]
        reasons = [r for r, counts in REASON_YEAR.items() for _ in range(counts[y])]
        assert len(forms) == len(reasons), year
        rng.shuffle(reasons)
        no_parket = NO_PARKET_YEAR[y]
        for form, reden in zip(forms, reasons, strict=True):
            end = _day(rng, year)
            start = _start(rng, end, room)
            t = Toezicht(len(out), start, end, kaders[len(out)], reden)
            if form == "onbekend":
                if no_parket:
                    no_parket -= 1
                else:
                    t.parket = "unlinked"
            else:
                t.vorm = form
            out.append(t)
    assert len(out) == ENDED
    return out


def _inflow(rng: random.Random, ended: list[Toezicht]) -> list[Toezicht]:
    """Supervisions started in 2015-2019 that had not ended by 2019: so many that Figuur 7.1
    holds (``INFLOW``)."""
    out: list[Toezicht] = []
    n = len(ended)
    for y, year in enumerate(YEARS):
        have = sum(1 for t in ended if t.start.year == year)
        need = INFLOW[y] - have
        if need < 0:
            raise ValueError(
                f"{have} ended supervisions start in {year}, Figuur 7.1 has {INFLOW[y]}"
            )
        for _ in range(need):
            start = _day(rng, year)
            end_year = rng.choice((2020, 2020, 2021, 2021, 2022, 2023, None))
            end = None if end_year is None else _day(rng, end_year)
            t = Toezicht(n + len(out), start, end, [rng.choice(("vi", "vv", "vv", "pp"))])
            t.parket = "unlinked"
            out.append(t)
    return out


def _persons(rng: random.Random, ended: list[Toezicht], others: list[Toezicht]) -> None:
    """Seven persons with two ended supervisions (a new conviction: the second starts after the
    first ended; line 7293), every other supervision a person of its own."""
    firsts = sorted((t for t in ended if t.end is not None), key=lambda t: t.end or t.start)
    pairs: list[tuple[Toezicht, Toezicht]] = []
    used: set[int] = set()
    for a in firsts:
        if len(pairs) == ENDED - PERSONS:
            break
        if a.n in used:
            continue
        assert a.end is not None
        later = [b for b in ended if b.n not in used and b.n != a.n and b.start > a.end]
        if later:
            b = later[-1]
            pairs.append((a, b))
            used |= {a.n, b.n}
    assert len(pairs) == ENDED - PERSONS, len(pairs)
    person = 0
    for a, b in pairs:
        a.person = b.person = person
        person += 1
    for t in ended + others:
        if t.n not in used:
            t.person = person
            person += 1
    # care: three pairs outpatient in both supervisions, four pairs none
    for a, b in pairs[:3]:
        a.zorg = b.zorg = "ambulant"
    singles = [t for t in ended if t.n not in used]
    rng.shuffle(singles)
    k = ZORG["ambulant"] - 6
    for t in singles[:k]:
        t.zorg = "ambulant"
    for t in singles[k : k + ZORG["klinisch"]]:
        t.zorg = "klinisch"


def _voorwaarden(rng: random.Random, ended: list[Toezicht]) -> None:
    for code, count in VOORWAARDEN.items():
        for t in rng.sample(ended, count):
            t.voorwaarden.append(code)


def link(
    ended: list[Toezicht],
    om_rows: dict[str, list[dict[str, Any]]],
    samen: Callable[[str, str], bool] | None = None,
) -> dict[int, str]:
    """Per ended supervision with a form, a parketnummer of the OM delivery ``om_rows`` (the
    re-delivery of ``synth.om_2015``) whose dossier study gives that form: a verdict before the
    supervision started where there is one. The two supervisions of one person go to two
    verdicts whose suspects ``samen`` says can be one person (``synth.identities``)."""
    verdict = {r["parketnummer"]: r["vonnisdatum"] for r in om_rows["vonnissen"]}
    pool: dict[str, list[tuple[dt.date, str]]] = {}
    for r in om_rows["dossierstudie"]:
        p = r["parketnummer"]
        if p in verdict and verdict[p].year <= 2019:
            pool.setdefault(r["vorm"], []).append((verdict[p], p))
    for cases in pool.values():
        cases.sort()
    used: set[str] = set()
    out: dict[int, str] = {}

    def choices(t: Toezicht) -> list[str]:
        """The free cases of the supervision's form, the best first: the latest verdict before
        the start, then the earlier ones, then the earliest after the start."""
        cases = [c for c in pool.get(t.vorm or "", []) if c[1] not in used]
        before = [c[1] for c in cases if c[0] < t.start]
        return before[::-1] + [c[1] for c in cases if c[0] >= t.start]

    persons: dict[int, list[Toezicht]] = {}
    for t in ended:
        if t.vorm is not None:
            persons.setdefault(t.person, []).append(t)
    if samen is not None:
        for a, b in (ts for ts in persons.values() if len(ts) == 2):
            pair = next(
                ((pa, pb) for pa in choices(a) for pb in choices(b) if pa != pb and samen(pa, pb)),
                None,
            )
            if pair is None:
                raise ValueError(f"no two verdicts of one suspect for supervisions {a.n}, {b.n}")
            out[a.n], out[b.n] = pair
            used.update(pair)
    for t in sorted(ended, key=lambda t: t.start):
        if t.vorm is None or t.n in out:
            continue
        free = choices(t)
        if not free:
            raise ValueError(f"the OM world has too few verdicts of form {t.vorm}")
        out[t.n] = free[0]
        used.add(free[0])
    return out


def persoon_id(t: Toezicht, suffix: str = "") -> str:
    """IRIS's number of the supervision's person."""
    return f"CL-{t.person:08d}{suffix}"


def unlinked_supervisions(seed: int = SEED) -> tuple[list[Toezicht], list[Toezicht]]:
    """The ended supervisions (Figuur 7.2-7.5) and the others started in 2015-2019, before
    their parketnummers are chosen (``link``)."""
    rng = random.Random(f"{seed}-reclassering")
    ended = _ended(rng)
    others = _inflow(rng, ended)
    _persons(rng, ended, others)
    _voorwaarden(rng, ended)
    return ended, others


def supervisions(seed: int = SEED) -> tuple[list[Toezicht], list[Toezicht]]:
    """The ended supervisions and the others, the ended ones with the parketnummers of the OM's
    copy 0 that the world of ``synth.identities`` chose for them."""
    from ketenmonitor.synth import identities
    from ketenmonitor.synth.om_2015 import world

    ended, others = unlinked_supervisions(seed)
    parket = identities.toezicht_parketten() if seed == SEED else link(ended, world().re_delivery)
    for t in ended:
        if t.vorm is not None:
            t.parket = parket[t.n]
    return ended, others


def _orders(t: Toezicht, ids: dict[str, int], suffix: str) -> list[dict[str, Any]]:
    """One order per IRIS framework, consecutive; the last one ends the supervision."""
    rows: list[dict[str, Any]] = []
    k = len(t.kaders)
    span = ((t.end or SYNTH_PEILDATUM) - t.start).days
    for i, kader in enumerate(t.kaders):
        start = t.start + dt.timedelta(days=span * i // k)
        end = None if t.end is None else t.start + dt.timedelta(days=span * (i + 1) // k)
        last = i == k - 1
        ids["opdracht"] += 1
        parket = t.parket
        if parket == "unlinked":
            parket = f"98/{900000 + t.n:06d}-12"
        rows.append(
            {
                "opdracht_id": f"OPD-{ids['opdracht']:07d}{suffix}",
                "toezicht_id": f"PRG-{t.n:06d}{suffix}",
                "persoon_id": persoon_id(t, suffix),
                "parketnummer": None if parket is None else f"{parket}{suffix}",
                "delictcodes": ["273f", "140"] if t.n % 5 == 0 else ["273f"],
                "justitieel_kader": kader,
                "product": "toezicht",
                "fase": "executie",
                "startdatum": start,
                "einddatum": end,
                "reden_beeindiging": (t.reden if last else "voltooid") if end else None,
                "bijzondere_voorwaarden": (t.voorwaarden or None) if i == 0 else None,
                "forensische_zorg": t.zorg if i == 0 else "geen",
            }
        )
    return rows


EXCLUDED = ("ingetrokken", "niet_verstrekt", "niet_gerealiseerd", "onjuist_ingevoerd")


def _noise(rng: random.Random, n_exec: int, ids: dict[str, int], suffix: str) -> list[dict]:
    """Orders the rules leave out: excluded registrations, pre-trial suspensions (so that the
    enforcement phase is ``EXECUTIE_SHARE`` of all supervision orders) and advice reports."""
    rows: list[dict[str, Any]] = []
    n_excluded = 40
    n_exec += n_excluded  # the excluded registrations are enforcement-phase orders too
    n_voorfase = round(n_exec * (1 - EXECUTIE_SHARE) / EXECUTIE_SHARE)
    base = 500000
    for j in range(n_excluded + n_voorfase + 30):
        ids["opdracht"] += 1
        start = _day(rng, rng.choice(YEARS))
        if j < n_excluded:  # excluded registrations, whole supervisions of their own
            kind, reden = "exec", EXCLUDED[j % 4]
        elif j < n_excluded + n_voorfase:
            kind, reden = "voorfase", None
        else:
            kind, reden = "advies", None
        end = None if reden is not None else start + dt.timedelta(days=rng.randint(30, 300))
        rows.append(
            {
                "opdracht_id": f"OPD-{ids['opdracht']:07d}{suffix}",
                "toezicht_id": None if kind == "advies" else f"PRG-{base + j:06d}{suffix}",
                "persoon_id": f"CL-{base + j:08d}{suffix}",
                "parketnummer": None,
                "delictcodes": ["273f"],
                "justitieel_kader": "schorsing_vh" if kind == "voorfase" else "vv",
                "product": "advies" if kind == "advies" else "toezicht",
                "fase": "voorfase" if kind == "voorfase" else "executie",
                "startdatum": start,
                "einddatum": end,
                "reden_beeindiging": reden if reden else ("voltooid" if end else None),
                "bijzondere_voorwaarden": None,
                "forensische_zorg": None,
            }
        )
    return rows


def order_rows(scale: int = 1, seed: int = SEED) -> list[dict[str, Any]]:
    """Every order of the delivery (``scale`` copies, copy k > 0 with the suffix '-k')."""
    ended, others = supervisions(seed)
    rows: list[dict[str, Any]] = []
    for k in range(scale):
        suffix = "" if k == 0 else f"-{k}"
        ids = {"opdracht": 0}
        part: list[dict[str, Any]] = []
        for t in ended + others:
            part += _orders(t, ids, suffix)
        # an excluded order inside a supervision changes nothing (UITSLUITING)
        for t in ended[:10]:
            ids["opdracht"] += 1
            part.append(
                {
                    **part[0],
                    "opdracht_id": f"OPD-{ids['opdracht']:07d}{suffix}",
                    "toezicht_id": f"PRG-{t.n:06d}{suffix}",
                    "persoon_id": persoon_id(t, suffix),
                    "parketnummer": None,
                    "justitieel_kader": "vv",
                    "startdatum": t.start,
                    "einddatum": None,
                    "reden_beeindiging": EXCLUDED[t.n % 4],
                    "bijzondere_voorwaarden": None,
                    "forensische_zorg": "klinisch",
                }
            )
        n_exec = sum(1 for r in part if r["startdatum"].year in YEARS and r["fase"] == "executie")
        part += _noise(random.Random(f"{seed}-noise-{k}"), n_exec, ids, suffix)
        rows += part
    return rows


def write_reclassering(out_dir: Path, scale: int = 1, seed: int = SEED) -> Path:
    """``reclassering.csv`` (contract reclassering, peildatum ``SYNTH_PEILDATUM``)."""
    contract = load_contract("reclassering")
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "reclassering.csv"
    _write_csv(path, contract.tables[0], order_rows(scale, seed))
    return path
