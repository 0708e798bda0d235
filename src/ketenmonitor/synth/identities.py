"""One synthetic world: the persons behind the sources' deliveries, and who is who.

Every source numbers persons in its own way (CBS's RIN, the EMM number, the OM number,
CoMensha's number, IRIS's client number) and no source carries another's number: the chain can
only be followed by what the sources share about a person, their sex, date of birth, country of
birth and nationality, and by the parketnummer that IRIS copies from the OM. This module makes
the deliveries one world in that sense. After each source has been calibrated on its own, the
same person is found in several of them:

- suspects: a police suspect (CBS) is the suspect of an EMM investigation, an investigation sent
  to the OM is an OM case, a verdict leads to a supervision (IRIS, through the parketnummer);
- victims: a police victim is a victim in an EMM investigation, and either is reported to
  CoMensha.

A link is made only between appearances that agree on everything both sources know (sex,
country of birth, nationality) and on a date of birth that gives every age a source delivers,
at the dates it is taken (``leeftijd``, as ingestion computes it), and only in a plausible order
in time (``REGELS``). The later source then takes the date of birth the earlier ones give: the age
every row of its delivery gives is unchanged, so nothing a publication counts moves (ingestion
keeps only the age; the calibration tests hold as before). Only the OM and CoMensha rows change,
and only their dates of birth.

Links are drawn at random with the chances of ``REGELS`` (chosen, not published: no source says
how many of its persons another one sees), and the gaps are the real ones: no key between EMM and
OM, police persons CBS could not link to the BRP (no traits, so never found again), dates of
birth missing in EMM and CoMensha, CoMensha's anonymous reports, IRIS orders without a
parketnummer or with one the OM does not know.

``ground_truth(scale)`` lists every person of every delivery with the world person they are;
``write_ground_truth(path, scale)`` writes it as CSV, apart from the deliveries (``ketenmonitor
synth`` puts it in a folder ``ground_truth`` beside the deliveries' folder). The links are made
in copy 0 of a scaled delivery; the OM's, EMM's and IRIS's copies k > 0 repeat copy 0 under new
numbers and repeat its links among them; the police's and CoMensha's other copies are persons of
their own.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SEED = 1790
"""Seed of the links (independent of every source's own seed)."""

MAG_AANPASSEN = ("om", "comensha")
"""Sources whose rows take the date of birth of the person they are linked to."""


@dataclass(frozen=True)
class Regel:
    """A person of role ``rol`` in ``bron`` is looked for among the persons already seen in
    ``van`` with chance ``kans``, when the days from that appearance to this one lie in
    ``dagen``."""

    rol: str
    bron: str
    van: str
    kans: float
    dagen: tuple[int, int]


REGELS: tuple[Regel, ...] = (
    # suspects: police registration up to a year after the start of the investigation, or
    # up to two years before it
    Regel("verdachte", "emm", "politie", 0.5, (-365, 730)),
    # an investigation sent to the OM is registered there within three years; cases from the
    # police without an EMM investigation too
    Regel("verdachte", "om", "emm", 0.6, (0, 1095)),
    Regel("verdachte", "om", "politie", 0.3, (0, 1095)),
    # victims: the police and an investigation around the same time
    Regel("slachtoffer", "emm", "politie", 0.4, (-365, 730)),
    # CoMensha hears of a victim from the investigation or the police
    Regel("slachtoffer", "comensha", "emm", 0.5, (-365, 730)),
    Regel("slachtoffer", "comensha", "politie", 0.3, (0, 1095)),
)
"""The chances of a link (chosen; see the module's text)."""


def leeftijd(geboren: dt.date, op: dt.date) -> int:
    """Age in whole years on ``op`` (as DuckDB's ``date_sub('year', ...)`` at ingestion)."""
    return op.year - geboren.year - ((op.month, op.day) < (geboren.month, geboren.day))


@dataclass
class Verschijning:
    """One person as one source delivers them (a source's number; all rows of that number)."""

    bron: str
    persoon_id: str
    rol: str  # verdachte | slachtoffer | overig
    datum: dt.date  # first date the source has the person
    geslacht: str | None = None
    geboorteland: str | None = None
    nationaliteit: str | None = None
    geboortedatum: dt.date | None = None
    leeftijden: tuple[tuple[dt.date, int], ...] = ()  # (date, age) pairs the rows give
    kopie: int = 0
    naar_om: bool = True  # EMM: the investigation was sent to the OM

    def past(self, geboren: dt.date) -> bool:
        """Whether a date of birth gives every age this source delivers."""
        return all(leeftijd(geboren, op) == jaren for op, jaren in self.leeftijden)

    def jaren(self) -> set[int]:
        """Years of birth the delivered ages allow."""
        if self.geboortedatum is not None:
            return {self.geboortedatum.year}
        out: set[int] | None = None
        for op, jaren in self.leeftijden:
            kan = {op.year - jaren - 1, op.year - jaren}
            out = kan if out is None else out & kan
        return out or set()


@dataclass
class Persoon:
    """A person of the world: the appearances that are them."""

    rol: str
    leden: list[Verschijning] = field(default_factory=list)
    geboortedatum: dt.date | None = None

    def kenmerk(self, naam: str) -> str | None:
        return next((getattr(m, naam) for m in self.leden if getattr(m, naam)), None)

    def jaren(self) -> set[int]:
        if self.geboortedatum is not None:
            return {self.geboortedatum.year}
        out: set[int] = set()
        for m in self.leden:
            out |= m.jaren()
        return out

    def samen(self, ander: Persoon, dubbel: bool = False) -> dt.date | None:
        """The date of birth of this person and ``ander`` as one, or None when they cannot
        be one (a trait differs, a source would have them twice unless ``dubbel``, or no
        date of birth gives every age both deliver; without any date of birth, no link)."""
        if ander.rol != self.rol:
            return None
        for naam in ("geslacht", "geboorteland", "nationaliteit"):
            a, b = self.kenmerk(naam), ander.kenmerk(naam)
            if a and b and a != b:
                return None
        if not dubbel and {m.bron for m in self.leden} & {m.bron for m in ander.leden}:
            return None
        leden = self.leden + ander.leden
        for geboren in (self.geboortedatum, ander.geboortedatum):
            if geboren is not None:
                # a leap day is not given to a row that had another date of birth (ages on
                # 28 February may be counted differently)
                schrikkel = (geboren.month, geboren.day) == (2, 29) and any(
                    m.geboortedatum not in (None, geboren) for m in leden
                )
                if not schrikkel and all(m.past(geboren) for m in leden):
                    return geboren
                return None
        return None

    def neem(self, ander: Persoon, geboren: dt.date) -> None:
        self.leden += ander.leden
        self.geboortedatum = geboren


def _persoon(v: Verschijning) -> Persoon:
    return Persoon(v.rol, [v], v.geboortedatum)


def _groepeer(
    rows: Iterable[dict[str, Any]], sleutel: Callable[[dict[str, Any]], str | None]
) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        k = sleutel(r)
        if k is not None:
            out.setdefault(k, []).append(r)
    return out


def _eerste(values: Iterable[Any]) -> Any:
    return next((v for v in values if v not in (None, "")), None)


# --------------------------------------------------------------------------------------------
# Appearances per source
# --------------------------------------------------------------------------------------------

ROL_POLITIE = {"verdachte": "verdachte", "slachtoffer": "slachtoffer", "aangever": "slachtoffer"}
GESLACHT = {"M": "M", "V": "V"}


def politie(personen: list[dict[str, Any]]) -> list[Verschijning]:
    """Police persons with a pseudonym (the age at the offence, or at the report without it)."""
    out = []
    for pid, rows in _groepeer(personen, lambda r: r["persoon_id"]).items():
        op = [(r["pleegdatum"] or r["meldingsdatum"], r["leeftijd_bij_plegen"]) for r in rows]
        out.append(
            Verschijning(
                "politie",
                pid,
                ROL_POLITIE.get(rows[0]["rol"], "overig"),
                min(d for d, _ in op),
                geslacht=GESLACHT.get(_eerste(r["geslacht"] for r in rows) or ""),
                geboorteland=_eerste(r["geboorteland"] for r in rows),
                geboortedatum=_eerste(r["geboortedatum"] for r in rows),
                leeftijden=tuple((d, a) for d, a in op if a is not None),
                kopie=int(pid[3:5]) if pid[3:5].isdigit() else 0,
            )
        )
    return out


def emm(onderzoeken: list[dict[str, Any]], personen: list[dict[str, Any]]) -> list[Verschijning]:
    """EMM persons: the age at the start of each of their investigations."""
    naar_om = {o["onderzoek_naam"]: o["inzending_om"] is not None for o in onderzoeken}
    out = []
    for pid, rows in _groepeer(personen, lambda r: r["persoon_id"]).items():
        geboren = _eerste(r["geboortedatum"] for r in rows)
        op = []
        for r in rows:
            if r["geboortedatum"] is not None:
                op.append(
                    (
                        r["startdatum_onderzoek"],
                        leeftijd(r["geboortedatum"], r["startdatum_onderzoek"]),
                    )
                )
            elif r["leeftijd_bij_start"] is not None:
                op.append((r["startdatum_onderzoek"], r["leeftijd_bij_start"]))
        out.append(
            Verschijning(
                "emm",
                pid,
                rows[0]["rol"] if rows[0]["rol"] in ("verdachte", "slachtoffer") else "overig",
                min(r["startdatum_onderzoek"] for r in rows),
                geslacht=GESLACHT.get(_eerste(r["geslacht"] for r in rows) or ""),
                geboorteland=_eerste(r["geboorteland"] for r in rows),
                nationaliteit=_eerste(r["nationaliteit"] for r in rows),
                geboortedatum=geboren,
                leeftijden=tuple(op),
                kopie=_kopie(pid),
                naar_om=any(naar_om.get(r["onderzoek_naam"], False) for r in rows),
            )
        )
    return out


def om(*leveringen: dict[str, list[dict[str, Any]]]) -> list[Verschijning]:
    """OM suspects over one or more deliveries (a case's rows in the April-2020 extract and the
    re-delivery): the age at the begin of the offence of each case."""
    traits: dict[str, dict[str, Any]] = {}
    zaken: dict[str, list[dict[str, Any]]] = {}
    for levering in leveringen:
        for r in levering["verdachten"]:
            traits.setdefault(r["persoon_id"], r)
        for r in levering["zaken"]:
            zaken.setdefault(r["persoon_id"], []).append(r)
    out = []
    for pid, rows in zaken.items():
        t = traits.get(pid, {})
        op = [
            (r["pleegdatum_begin"], leeftijd(r["geboortedatum"], r["pleegdatum_begin"]))
            for r in rows
            if r["geboortedatum"] is not None and r["pleegdatum_begin"] is not None
        ]
        out.append(
            Verschijning(
                "om",
                pid,
                "verdachte" if rows[0]["natuurlijk_persoon"] else "overig",
                min(r["inschrijvingsdatum"] for r in rows),
                geslacht=GESLACHT.get(t.get("geslacht") or ""),
                geboorteland=t.get("geboorteland"),
                geboortedatum=_eerste(r["geboortedatum"] for r in rows),
                leeftijden=tuple(op),
                kopie=_kopie(pid),
            )
        )
    return out


def comensha(registraties: list[dict[str, Any]]) -> list[Verschijning]:
    """CoMensha's victims (not the anonymous reports): the age at each registration."""
    out = []
    for pid, rows in _groepeer(registraties, lambda r: r["persoon_id"]).items():
        op = []
        for r in rows:
            if r["geboortedatum"] is not None:
                op.append(
                    (r["registratiedatum"], leeftijd(r["geboortedatum"], r["registratiedatum"]))
                )
            elif r["leeftijd"] is not None:
                op.append((r["registratiedatum"], r["leeftijd"]))
        out.append(
            Verschijning(
                "comensha",
                pid,
                "slachtoffer",
                min(r["registratiedatum"] for r in rows),
                geslacht=GESLACHT.get(_eerste(r["geslacht"] for r in rows) or ""),
                nationaliteit=_eerste(r["nationaliteit"] for r in rows),
                geboortedatum=_eerste(r["geboortedatum"] for r in rows),
                leeftijden=tuple(op),
            )
        )
    return out


def _kopie(pid: str) -> int:
    """Copy k of a scaled delivery carries the suffix '-k' (copy 0 none)."""
    head, _, tail = pid.rpartition("-")
    return int(tail) if head and tail.isdigit() and len(tail) <= 4 else 0


# --------------------------------------------------------------------------------------------
# Linking
# --------------------------------------------------------------------------------------------


class Wereld:
    """The persons found so far, indexed by the years of birth they allow."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.personen: list[Persoon] = []
        self._index: dict[tuple[str, int], list[Persoon]] = {}

    def nieuw(self, p: Persoon) -> Persoon:
        self.personen.append(p)
        for jaar in p.jaren():
            self._index.setdefault((p.rol, jaar), []).append(p)
        return p

    def koppel(self, nieuwe: list[Persoon], bron: str) -> None:
        """Each of ``nieuwe`` (persons of ``bron``, in order of their first date) becomes a
        person already seen, by the first rule of ``REGELS`` that draws and finds one, or a
        person of their own."""
        regels = [r for r in REGELS if r.bron == bron]
        for p in sorted(
            nieuwe, key=lambda p: (min(m.datum for m in p.leden), p.leden[0].persoon_id)
        ):
            doel = None
            eigen = [m for m in p.leden if m.bron == bron]
            datum = min(m.datum for m in eigen)
            for regel in regels:
                if regel.rol == p.rol and self.rng.random() < regel.kans:
                    doel = self._zoek(p, regel, datum)
                    if doel is not None:
                        break
            if doel is None:
                self.nieuw(p)
                continue
            geboren = doel.samen(p)
            assert geboren is not None
            doel.neem(p, geboren)

    def _zoek(self, p: Persoon, regel: Regel, datum: dt.date) -> Persoon | None:
        lo, hi = regel.dagen
        kandidaten: dict[int, Persoon] = {}
        for jaar in sorted(p.jaren()):
            for q in self._index.get((p.rol, jaar), ()):
                if id(q) in kandidaten:
                    continue
                if not any(
                    m.bron == regel.van
                    and lo <= (datum - m.datum).days <= hi
                    and (m.naar_om or regel.bron != "om")
                    for m in q.leden
                ):
                    continue
                if q.samen(p) is not None:
                    kandidaten[id(q)] = q
        if not kandidaten:
            return None
        return self.rng.choice(list(kandidaten.values()))

    def aanpassingen(self, bron: str) -> dict[str, dt.date]:
        """The date of birth every row of a linked person of ``bron`` is to deliver (a row
        without one stays without)."""
        assert bron in MAG_AANPASSEN, bron
        return {
            m.persoon_id: p.geboortedatum
            for p in self.personen
            if p.geboortedatum is not None and len(p.leden) > 1
            for m in p.leden
            if m.bron == bron
        }

    def check(self) -> None:
        """Every linked person is one: traits agree and every age a source gives is the
        world's (a source may contradict itself for a person of its own: CoMensha's ages of one
        victim at two registrations; such a person is never linked)."""
        for p in self.personen:
            if len(p.leden) == 1:
                continue
            for naam in ("geslacht", "geboorteland", "nationaliteit"):
                assert len({getattr(m, naam) for m in p.leden} - {None, ""}) <= 1, (p, naam)
            if p.geboortedatum is not None:
                assert all(m.past(p.geboortedatum) for m in p.leden), p
            for m in p.leden:
                if m.geboortedatum not in (None, p.geboortedatum):
                    assert m.bron in MAG_AANPASSEN, m


# --------------------------------------------------------------------------------------------
# The two worlds: suspects (police, EMM, OM, IRIS) and victims (police, EMM, CoMensha)
# --------------------------------------------------------------------------------------------

_VERDACHTEN: list[Wereld] = []
_TOEZICHT_PARKET: dict[int, str] = {}
_SLACHTOFFERS: dict[int, Wereld] = {}


@functools.cache
def _politie_emm() -> tuple[list[Verschijning], list[Verschijning]]:
    """Copy 0 of the police's and EMM's persons (their deliveries at scale 1; once a process:
    both worlds read them and nothing changes them)."""
    from ketenmonitor.synth import emm as emm_synth
    from ketenmonitor.synth import politie as politie_synth

    pol = politie(politie_synth.delivery(1)["personen"])
    return pol, emm(*emm_synth.delivery(1))


def verdachten(
    april_2020: dict[str, list[dict[str, Any]]], re_delivery: dict[str, list[dict[str, Any]]]
) -> Wereld:
    """The world of suspects, from the OM's two deliveries before their dates of birth are
    aligned (``synth.om_2015.world`` calls this once and applies ``aanpassingen('om')``)."""
    from ketenmonitor.synth import reclassering

    w = Wereld(SEED)
    pol, em = _politie_emm()
    for v in pol:
        if v.rol == "verdachte":
            w.nieuw(_persoon(v))
    w.koppel([_persoon(v) for v in em if v.rol != "slachtoffer"], "emm")  # 'overig' alone
    by_om = {v.persoon_id: _persoon(v) for v in om(april_2020, re_delivery)}
    suspect = {r["parketnummer"]: r["persoon_id"] for r in re_delivery["zaken"]}

    def samen(a: str, b: str) -> bool:
        pa, pb = by_om[suspect[a]], by_om[suspect[b]]
        return pa.rol == "verdachte" and pa.samen(pb, dubbel=True) is not None

    ended, others = reclassering.unlinked_supervisions()
    parket = reclassering.link(ended, re_delivery, samen)
    _TOEZICHT_PARKET.clear()
    _TOEZICHT_PARKET.update(parket)
    # the two verdicts of a person with two supervisions are one suspect under two OM numbers
    persons: dict[str, list[str]] = {}
    for t in ended:
        if t.n in parket:
            persons.setdefault(reclassering.persoon_id(t), []).append(parket[t.n])
    for cases in persons.values():
        if len(cases) == 2:
            a, b = (by_om[suspect[c]] for c in cases)
            geboren = a.samen(b, dubbel=True)
            assert geboren is not None
            a.neem(b, geboren)
            by_om[b.leden[0].persoon_id] = a
    w.koppel(list({id(p): p for p in by_om.values()}.values()), "om")
    owner = {m.persoon_id: p for p in w.personen for m in p.leden if m.bron == "om"}
    for t in ended + others:
        pid = reclassering.persoon_id(t)
        v = Verschijning("reclassering", pid, "verdachte", t.start)
        p = owner.get(suspect.get(parket.get(t.n, ""), ""))
        if p is not None and all(m.persoon_id != pid for m in p.leden):
            p.leden.append(v)
        elif p is None:
            w.nieuw(_persoon(v))
    w.check()
    _VERDACHTEN[:] = [w]
    return w


def _verdachten() -> Wereld:
    """The world of suspects, made by ``synth.om_2015.world`` (once a process)."""
    if not _VERDACHTEN:
        from ketenmonitor.synth.om_2015 import world

        world()
    return _VERDACHTEN[0]


def toezicht_parketten() -> dict[int, str]:
    """The parketnummer of each ended supervision (by its number), as ``verdachten`` chose."""
    _verdachten()
    return dict(_TOEZICHT_PARKET)


def slachtoffers(registraties: list[dict[str, Any]], scale: int = 1) -> Wereld:
    """The world of victims: the police's and EMM's victims (copy 0) and CoMensha's persons in
    ``registraties`` (its first copy at ``scale``); ``synth.comensha.registrations`` applies
    ``aanpassingen('comensha')``."""
    w = Wereld(SEED + 1)
    pol, em = _politie_emm()
    for v in pol:
        if v.rol == "slachtoffer":
            w.nieuw(_persoon(v))
    w.koppel([_persoon(v) for v in em if v.rol == "slachtoffer"], "emm")
    w.koppel([_persoon(v) for v in comensha(registraties)], "comensha")
    w.check()
    _SLACHTOFFERS[scale] = w
    return w


# --------------------------------------------------------------------------------------------
# Who is who
# --------------------------------------------------------------------------------------------

KOLOMMEN = ("wereld_id", "rol", "bron", "persoon_id", "kopie")
REPLICA = ("emm", "om", "reclassering")
"""Sources whose copies k > 0 repeat copy 0 under numbers with the suffix '-k'."""


def _basis(pid: str, k: int) -> str:
    return pid[: -len(f"-{k}")] if k else pid


def ground_truth(scale: int = 1) -> list[dict[str, Any]]:
    """Every person of every synthetic delivery at ``scale`` (by the source's own number, as
    delivered, before pseudonymisation) with the world person they are: ``wereld_id``, their
    role, the source, the number and the copy."""
    from ketenmonitor.synth import comensha as comensha_synth
    from ketenmonitor.synth import emm as emm_synth
    from ketenmonitor.synth import om_2015, reclassering
    from ketenmonitor.synth import politie as politie_synth

    # the registrations make the world of victims at this scale (``slachtoffers``)
    registraties = comensha_synth.registrations(comensha_synth.calibrate(), scale=scale)
    ids: dict[tuple[str, str], tuple[str, str]] = {}
    serial = 0
    for w in (_verdachten(), _SLACHTOFFERS[scale]):
        for p in w.personen:
            serial += 1
            for m in p.leden:
                ids.setdefault((m.bron, m.persoon_id), (f"W{serial:08d}", p.rol))
    appearances: list[Verschijning] = []
    appearances += politie(politie_synth.delivery(scale)["personen"])
    appearances += emm(*emm_synth.delivery(scale))
    appearances += om(om_2015._replicate(om_2015.world().re_delivery, scale))
    for v in comensha([r for r in registraties if not r["anoniem"]]):
        v.kopie = (int(v.persoon_id[1:]) - 1) % scale  # a person's copies are numbered in a row
        appearances.append(v)
    seen: set[str] = set()
    for r in reclassering.order_rows(scale):
        if r["persoon_id"] not in seen:
            seen.add(r["persoon_id"])
            appearances.append(
                Verschijning(
                    "reclassering",
                    r["persoon_id"],
                    "verdachte",
                    r["startdatum"],
                    kopie=_kopie(r["persoon_id"]),
                )
            )
    out = []
    for v in appearances:
        k = v.kopie if v.bron in REPLICA else 0
        found = ids.get((v.bron, _basis(v.persoon_id, k)))
        if v.bron not in REPLICA and v.kopie:
            found = None  # the police's and CoMensha's copies k > 0 are persons of their own
        if found is None:
            serial += 1
            wid, rol = f"W{serial:08d}", v.rol
        else:
            wid, rol = (f"{found[0]}-{k}" if k else found[0]), found[1]
        out.append(
            {
                "wereld_id": wid,
                "rol": rol,
                "bron": v.bron,
                "persoon_id": v.persoon_id,
                "kopie": v.kopie,
            }
        )
    return out


def write_ground_truth(path: Path, scale: int = 1) -> Path:
    """Write ``ground_truth(scale)`` as a CSV (``;``, UTF-8, like the deliveries) to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=KOLOMMEN, delimiter=";")
        w.writeheader()
        w.writerows(ground_truth(scale))
    return path
