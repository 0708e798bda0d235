"""The chain figure: how many perpetrators each phase of the criminal-justice chain sees per year,
how they divide over the four forms of trafficking, and how many flow on (Dadermonitor
mensenhandel 2015-2019, Figuur 1 on page 20 and its account in appendix B1.8,
../shared/seeds/000_4e969fc2f04dad69.txt lines 286-305 and 9905-10118).

Every phase has its own cohort: the numbers are never divided by each other, except for the three
flow percentages, each computed within one cohort (B1.8.3). The rules, written once here:

- ``AFRONDING``: yearly averages over the five years and the flow percentages are rounded to
  fives (B1.8.1, line 9912; the flow percentages of B1.8.3 are 60%, 65-70% and 90% for 59.5%,
  66.4-72.3% and 91.8%);
- ``PHASES``: per phase its cohort, what the number means (``meer dan``, ``minstens``, a range
  or the number itself) and why, the cohort of its distribution over the forms;
- ``VERDELING``: the distribution leaves out the perpetrators whose form is unknown (B1.8.2,
  lines 9999-10006) and says how many that are; a phase where at least a third is unknown is
  marked uncertain (B1.8.2, lines 10058-10062: resocialisatie, 35% unknown, hatched);
- the flow percentages (``Phase.flow``): the dagvaardingspercentage (summonses among the OM's
  decisions on the merits, Figuur 5.6), the veroordelingspercentage (convictions for trafficking
  among the cases judged in first instance, with the cases whose verdict on the trafficking
  offence is not registered as the range's upper end, Figuur 6.3) and the share of (partly)
  unconditional custodial sentences among the convictions with a known sentence (Figuur 6.4).

``chain_figure(con, year)`` computes the phases for the five years ``year``-4..``year`` on a
warehouse connection with the unit views of ``indicators.build.prepare``; a phase whose sources
do not cover the period shows ``.`` ("niet beschikbaar", rule ``DEKKING``), never a zero.
``keten_spec(year)`` is the catalogue's table ``dadermonitor.figuur_1`` (a derived table,
``TableSpec.value = "derived"``, computed by ``compute_chain``). The figure shows no number that
the chapters' tables do not publish already, rounded further: every count is a five-year total
divided by five and rounded to fives, every percentage a share of published counts
(docs/methodology/chain.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

import duckdb

from ketenmonitor.domain.cases import dadermonitor_snapshot_sql
from ketenmonitor.indicators import Category, Cell, ComputedTable, Dimension, TableSpec

TABLE_ID = "dadermonitor.figuur_1"
NUMBER = "Figuur 1"
BRON = (
    "Bron: CBS-databestanden (politie), EMM, OM (RAC-min), dossieronderzoek Nationaal Rapporteur, "
    "reclasseringsorganisaties (3RO)"
)

AFRONDING = """
Chain figure rounding (Dadermonitor 2015-2019, B1.8.1, line 9912: 'Alle aantallen daders die
worden gebruikt in Figuur 1 zijn afrondingen op vijftallen'): a phase's number is its five-year
cohort divided by five, rounded to the nearest five (half up): 1,000 -> 200, 900 -> 180, 721 ->
145, 479 -> 95, 426 -> 85, 136 -> 25. The flow percentages are rounded to fives as well (B1.8.3:
597 of 1,004 summoned is 59.5% -> 60%; 479 and 521 of 721 convicted are 66.4% and 72.3% ->
65-70%; 426 of 464 is 91.8% -> 90%).
"""

VERDELING = """
Distribution over the forms (B1.8.2, lines 9999-10006): the share of each form among the
perpetrators of the phase whose form is known; the unknown share is left out and reported beside
it (13% at opsporing, 5% at dagvaarding, 2% at veroordeling, 1% at vrijheidsstraf, 35% at
resocialisatie). A phase where at least a third of the perpetrators has no known form is marked
uncertain (lines 10058-10062: 'De rechterkant is bij deze fase daarom gestreept weergegeven'),
judged on the unknown share as the table publishes it in whole percents: 34% and more.
Signalering cannot split sexual exploitation into domestic and cross-border (lines 10020-10025):
only sexual, labour and criminal exploitation, one form per suspect as chapter 8 gives it
(``domain.persons.VORM_SIGNALERING``).
"""

ONZEKER_VANAF = Decimal(1) / Decimal(3)
"""``VERDELING``: the unknown share from which a phase's distribution is marked uncertain."""

FORMS: tuple[tuple[str, str, str], ...] = (
    ("bl_su", "Binnenlandse seksuele uitbuiting", "Domestic sexual exploitation"),
    ("go_su", "Grensoverschrijdende seksuele uitbuiting", "Cross-border sexual exploitation"),
    ("su", "Seksuele uitbuiting", "Sexual exploitation"),
    ("au", "Arbeidsuitbuiting", "Labour exploitation"),
    ("cu", "Criminele uitbuiting", "Criminal exploitation"),
)
"""The distribution's columns: the four forms, and sexual exploitation as a whole (the sum of the
two sexual forms, or the only sexual column where the source cannot split it)."""

Bound = Literal["meer_dan", "minstens", "ongeveer", "bereik", "onbekend"]


def round5(x: Decimal | float | int) -> int:
    """``AFRONDING``: to the nearest five, half up."""
    q = (Decimal(str(x)) / 5).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(q) * 5


def percent(part: int, whole: int) -> Decimal:
    return Decimal(100 * part) / Decimal(whole) if whole else Decimal(0)


@dataclass(frozen=True)
class Counts:
    """A phase's cohort over the five years: ``total`` perpetrators, ``upper`` for a range (the
    total plus those possibly in the phase), and per form code (``FORMS``, ``onbekend``) the
    perpetrators of the distribution's cohort."""

    total: int
    forms: dict[str, int] = field(default_factory=dict)
    upper: int | None = None


@dataclass(frozen=True)
class Flow:
    """A flow percentage: ``part`` (and ``upper`` for a range) of ``whole``, within one cohort."""

    part: int
    whole: int
    upper: int | None = None

    @property
    def text(self) -> str:
        low = round5(percent(self.part, self.whole))
        if self.upper is None:
            return f"{low}%"
        high = round5(percent(self.upper, self.whole))
        return f"{low}%" if high == low else f"{low}-{high}%"

    @property
    def value(self) -> int:
        return round5(percent(self.part, self.whole))


Query = Callable[[duckdb.DuckDBPyConnection, int], Counts | None]
FlowQuery = Callable[[duckdb.DuckDBPyConnection, int], Flow | None]


@dataclass(frozen=True)
class Phase:
    key: str
    label_nl: str
    label_en: str
    bound: Bound
    counts: Query | None = None
    """The phase's number (``Counts.total``, ``Counts.upper``); None: unknown (prevalentie,
    recidive)."""
    distribution: Query | None = None
    """The cohort of the distribution over the forms, when it is not the counted one."""
    flow: FlowQuery | None = None
    """The flow percentage into this phase."""
    note_nl: str = ""
    note_en: str = ""


# --------------------------------------------------------------------------------------------
# The cohorts, one query each over the unit views of the domain rules.
# --------------------------------------------------------------------------------------------


def _has(con: duckdb.DuckDBPyConnection, view: str) -> bool:
    """Whether the unit view (or its materialised table) exists on the connection."""
    (n,) = con.execute(
        "SELECT (SELECT count(*) FROM duckdb_views() WHERE view_name = $1) "
        "+ (SELECT count(*) FROM duckdb_tables() WHERE table_name = $1)",
        [view],
    ).fetchall()[0]
    return bool(n)


def _window(year: int, column: str = "u.jaar") -> str:
    return f"{column} BETWEEN {year - 4} AND {year}"


DEKKING = """
A phase is shown only when its cohort has perpetrators in each of the five years: a delivery that
covers part of the period (the IRIS extract of the Dadermonitor 2015-2019 ends in 2023) would
understate the yearly average. Otherwise the phase shows '.' with the note 'niet beschikbaar'.
"""


def _covers(con: duckdb.DuckDBPyConnection, view: str, where: str, year: int) -> bool:
    """``DEKKING`` for the cohort ``where`` of ``view``."""
    (n,) = con.execute(
        f"SELECT count(DISTINCT u.jaar) FROM {view} u WHERE ({where}) AND {_window(year)}"
    ).fetchall()[0]
    return int(n) == 5


def _by_form(con: duckdb.DuckDBPyConnection, sql: str) -> dict[str, int]:
    return {str(k): int(v) for k, v in con.execute(sql).fetchall()}


def _signalering(con: duckdb.DuckDBPyConnection, year: int) -> Counts | None:
    """The unique suspects the police registered in BVH in the five years (§3.4, line 3638:
    1.000), each with one form (``domain.persons.VORM_SIGNALERING``, the rule of chapter 8:
    sexual before labour before criminal)."""
    if not _has(con, "daders_signalering") or not _covers(
        con, "politie_personen", "u.bestand = 'verdachte'", year
    ):
        return None
    code = {"seksueel": "su", "arbeid": "au", "crimineel": "cu"}
    rows = _by_form(
        con, f"SELECT u.vorm, count(*) FROM daders_signalering u WHERE u.jaar = {year} GROUP BY 1"
    )
    forms: dict[str, int] = {}
    for k, n in rows.items():
        forms[code.get(k, "onbekend")] = forms.get(code.get(k, "onbekend"), 0) + n
    total = sum(forms.values())
    return Counts(total, forms) if total else None


def _om_ingeschreven(con: duckdb.DuckDBPyConnection, year: int) -> Counts | None:
    """The suspects registered at the OM in the five years (one case per suspect), in the OM
    extract the Dadermonitor counts (B1.8.1, lines 9943-9955: 900)."""
    if not _has(con, "dm_ingeschreven_zaken"):
        return None
    if not _covers(con, "dm_ingeschreven_zaken", dadermonitor_snapshot_sql(year), year):
        return None
    (total,) = con.execute(
        f"SELECT count(*) FROM dm_ingeschreven_zaken u WHERE {_window(year)} "
        f"AND {dadermonitor_snapshot_sql(year)}"
    ).fetchall()[0]
    return Counts(int(total)) if total else None


def _emm_verdachten(con: duckdb.DuckDBPyConnection, year: int) -> Counts | None:
    """The suspects in the EMM file's investigations of the five years, by the investigation's
    Dadermonitor form (B1.8.2, lines 10027-10036: 784, 13% unknown)."""
    if not _has(con, "betrokkenen_opsporing"):
        return None
    where = f"u.rol = 'verdachte' AND {_window(year)}"
    forms = _by_form(
        con,
        f"SELECT u.vorm_dm, count(*) FROM betrokkenen_opsporing u WHERE {where} GROUP BY 1",
    )
    total = sum(forms.values())
    return Counts(total, forms) if total else None


def _dagvaardingen(con: duckdb.DuckDBPyConnection, year: int) -> Flow | None:
    """B1.8.3, lines 10071-10080: the summonses for trafficking among the OM's decisions on the
    merits of the five years (Figuur 5.6: 597 of 1,004)."""
    if not _has(con, "dm_afgehandelde_zaken"):
        return None
    part, whole = con.execute(
        "SELECT count(*) FILTER (WHERE u.afhandeling = 'dagvaarding'), count(*) "
        f"FROM dm_afgehandelde_zaken u WHERE u.inhoudelijk AND {_window(year)} "
        f"AND {dadermonitor_snapshot_sql(year)}"
    ).fetchall()[0]
    return Flow(int(part), int(whole)) if whole else None


TOEZICHT_VORM = {
    "binnenlandse_seksuele_uitbuiting": "bl_su",
    "grensoverschrijdende_seksuele_uitbuiting": "go_su",
    "arbeidsuitbuiting": "au",
    "criminele_uitbuiting": "cu",
}


def _toezichten(con: duckdb.DuckDBPyConnection, year: int) -> Counts | None:
    """The unique persons of the probation supervisions ended in the five years (B1.8.1, lines
    9990-9993: 143 supervisions, 136 persons)."""
    if not _has(con, "beeindigde_toezichten") or not _covers(
        con, "beeindigde_toezichten", "true", year
    ):
        return None
    (total,) = con.execute(
        f"SELECT count(DISTINCT u.persoon_id) FROM beeindigde_toezichten u WHERE {_window(year)}"
    ).fetchall()[0]
    return Counts(int(total)) if total else None


def _toezicht_vormen(con: duckdb.DuckDBPyConnection, year: int) -> Counts | None:
    """The ended supervisions by form (Figuur 7.2; B1.8.2, lines 10056-10062: 65% known)."""
    if not _has(con, "beeindigde_toezichten"):
        return None
    rows = _by_form(
        con,
        f"SELECT u.vorm, count(*) FROM beeindigde_toezichten u WHERE {_window(year)} GROUP BY 1",
    )
    forms: dict[str, int] = {}
    for k, n in rows.items():
        f = TOEZICHT_VORM.get(k, "onbekend")
        forms[f] = forms.get(f, 0) + n
    total = sum(forms.values())
    return Counts(total, forms) if total else None


TRIAL = "dm_berechte_zaken"
"""The judged cases of the Dadermonitor (``ketenmonitor.domain.cases``): one row per case judged
in first instance, with the dossier form ``vorm``, the verdict ``einduitspraak`` and the
sentence."""

VEROORDEELD = "u.veroordeeld_mh"
"""Figuur 6.3: convicted for trafficking (465 + 14 = 479, line 6690; ``domain.trial``)."""
MOGELIJK_VEROORDEELD = "u.mogelijk_veroordeeld"
"""Figuur 6.3, the grey categories: the verdict on the trafficking offence is not registered
(42) or the case was joined at trial with an unknown verdict (15): 57 cases possibly convicted
(B1.8.1, lines 9966-9973)."""
FEITNIVEAU_ONBEKEND = "u.uitspraak = 'veroordeling_onbekend'"
"""B1.8.3, lines 10083-10087: the range of the veroordelingspercentage adds the 5% (42 of 721)
whose verdict is not registered per offence, not the 15 joined cases of the count's range."""
STRAF_BEKEND = "u.strafoplegging_mh"
"""Figuur 6.4: the convictions for trafficking with a known sentence (464)."""
ONVOORWAARDELIJK = "u.zwaarste_hoofdstraf IN ('onvoorwaardelijk', 'deels_voorwaardelijk')"
"""Figuur 6.4: a wholly or partly unconditional custodial sentence as the heaviest principal
sentence (243 + 183 = 426)."""


def _trial_where(year: int) -> str:
    return f"{_window(year)} AND {dadermonitor_snapshot_sql(year)}"


def _trial_forms(con: duckdb.DuckDBPyConnection, where: str) -> dict[str, int]:
    return _by_form(con, f"SELECT u.vorm, count(*) FROM {TRIAL} u WHERE {where} GROUP BY 1")


def _berecht(con: duckdb.DuckDBPyConnection, year: int) -> Counts | None:
    """The natural persons whose case the court settled in first instance in the five years
    (B1.8.1, lines 9957-9964: 721, standing in for the 603 summoned, whose form is unknown)."""
    if not _has(con, TRIAL) or not _covers(con, TRIAL, _trial_where(year), year):
        return None
    forms = _trial_forms(con, _trial_where(year))
    total = sum(forms.values())
    return Counts(total, forms) if total else None


def _veroordeeld(con: duckdb.DuckDBPyConnection, year: int) -> Counts | None:
    """Convicted for trafficking, and the cases possibly convicted as the range's upper end
    (B1.8.1, lines 9966-9973: 479, 57 more possible: 95-105 a year)."""
    if not _has(con, TRIAL):
        return None
    where = _trial_where(year)
    forms = _trial_forms(con, f"{where} AND {VEROORDEELD}")
    total = sum(forms.values())
    (maybe,) = con.execute(
        f"SELECT count(*) FROM {TRIAL} u WHERE {where} AND {MOGELIJK_VEROORDEELD}"
    ).fetchall()[0]
    return Counts(total, forms, upper=total + int(maybe)) if total else None


def _veroordelingen(con: duckdb.DuckDBPyConnection, year: int) -> Flow | None:
    """B1.8.3, lines 10081-10089: convicted for trafficking among the cases judged in first
    instance (479 of 721: 65%), up to those whose verdict per offence is not registered (70%)."""
    if not _has(con, TRIAL):
        return None
    part, maybe, whole = con.execute(
        f"SELECT count(*) FILTER (WHERE {VEROORDEELD}), "
        f"count(*) FILTER (WHERE {FEITNIVEAU_ONBEKEND}), count(*) "
        f"FROM {TRIAL} u WHERE {_trial_where(year)}"
    ).fetchall()[0]
    return Flow(int(part), int(whole), int(part) + int(maybe)) if whole else None


def _onvoorwaardelijk(year: int) -> str:
    return f"{_trial_where(year)} AND {STRAF_BEKEND} AND {ONVOORWAARDELIJK}"


def _vrijheidsstraf(con: duckdb.DuckDBPyConnection, year: int) -> Counts | None:
    """The convicted with a (partly) unconditional custodial sentence (B1.8.1, lines
    9975-9988: at least 426, more than 85 a year)."""
    if not _has(con, TRIAL):
        return None
    forms = _trial_forms(con, _onvoorwaardelijk(year))
    total = sum(forms.values())
    return Counts(total, forms) if total else None


def _vrijheidsstraffen(con: duckdb.DuckDBPyConnection, year: int) -> Flow | None:
    """B1.8.3, lines 10091-10096: (partly) unconditional custodial sentences among the
    convictions for trafficking with a known sentence (426 of 464: 90%)."""
    if not _has(con, TRIAL):
        return None
    part, whole = con.execute(
        f"SELECT count(*) FILTER (WHERE {ONVOORWAARDELIJK}), count(*) FROM {TRIAL} u "
        f"WHERE {_trial_where(year)} AND {STRAF_BEKEND}"
    ).fetchall()[0]
    return Flow(int(part), int(whole)) if whole else None


def gemiddelde_duur(con: duckdb.DuckDBPyConnection, year: int) -> int | None:
    """The mean unconditional part in days of the (partly) unconditional custodial sentences
    (Figuur 6.6: 618 days, 'gemiddelde duur van 1 jaar en 8 maanden', line 290)."""
    if not _has(con, TRIAL):
        return None
    (mean,) = con.execute(
        f"SELECT avg(u.onvoorwaardelijk_dagen) FROM {TRIAL} u WHERE {_onvoorwaardelijk(year)}"
    ).fetchall()[0]
    if mean is None:
        return None
    return int(Decimal(str(mean)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def years_and_months(days: int, lang: str = "nl") -> str:
    """618 days -> '1 jaar en 8 maanden' (years of 365 days, months of 365/12 days, whole months
    rounded down, as the report reads 618 days)."""
    years, rest = divmod(days, 365)
    months = int(Decimal(rest) * 12 / 365)
    if lang == "en":
        parts = [f"{years} year" + ("s" if years != 1 else "")] if years else []
        if months:
            parts.append(f"{months} month" + ("s" if months != 1 else ""))
        return " and ".join(parts) or "less than a month"
    parts = [f"{years} jaar"] if years else []
    if months:
        parts.append(f"{months} " + ("maand" if months == 1 else "maanden"))
    return " en ".join(parts) or "minder dan een maand"


PHASES: tuple[Phase, ...] = (
    Phase(
        "prevalentie",
        "Prevalentie",
        "Prevalence",
        "onbekend",
        note_nl="Het aantal daders van mensenhandel is niet bekend.",
        note_en="The number of perpetrators of trafficking is not known.",
    ),
    Phase(
        "signalering",
        "Signalering",
        "Detection",
        "meer_dan",
        counts=_signalering,
        note_nl=(
            "Signalering: unieke verdachten die de politie in BVH registreerde; de verdachten "
            "die de KMar en de Inspectie SZW signaleren ontbreken, vandaar 'meer dan'. Seksuele "
            "uitbuiting is in deze bron niet te splitsen in binnenlands en grensoverschrijdend."
        ),
        note_en=(
            "Detection: unique suspects the police registered; suspects detected by the KMar "
            "and the Labour Inspectorate are missing, hence 'more than'. This source cannot "
            "split sexual exploitation into domestic and cross-border."
        ),
    ),
    Phase(
        "opsporing",
        "Opsporing",
        "Investigation",
        "minstens",
        counts=_om_ingeschreven,
        distribution=_emm_verdachten,
        note_nl=(
            "Opsporing: het aantal bij het OM ingeschreven verdachten (vrijwel iedere verdachte "
            "in een opsporingsonderzoek wordt ingeschreven), vandaar 'minstens'; de verdeling "
            "naar vorm komt uit het (onvolledige) EMM-databestand, waarin arbeidsuitbuiting is "
            "onderschat."
        ),
        note_en=(
            "Investigation: suspects registered by the Public Prosecution Service (almost every "
            "suspect in an investigation is), hence 'at least'; the distribution by form is "
            "that of the (incomplete) EMM file, which underestimates labour exploitation."
        ),
    ),
    Phase(
        "dagvaarding",
        "Dagvaarding",
        "Summons",
        "ongeveer",
        counts=_berecht,
        flow=_dagvaardingen,
        note_nl=(
            "Dagvaarding: de verdachten van wie de rechter de zaak in eerste aanleg afdeed (van "
            "de gedagvaarde verdachten is de vorm niet bekend), een net ander cohort dan de "
            "gedagvaarde zaken. Het dagvaardingspercentage is het aandeel dagvaardingen in de "
            "inhoudelijke afhandelingen van het OM en komt daarom niet overeen met de verhouding "
            "tussen de aantallen bij opsporing en dagvaarding: die horen bij verschillende "
            "cohorten."
        ),
        note_en=(
            "Summons: the suspects whose case the court settled in first instance (the form of "
            "the summoned suspects is not known), a slightly different cohort. The summons rate "
            "is the share of summonses in the prosecution's decisions on the merits, so it does "
            "not equal the ratio of the numbers at investigation and summons: they belong to "
            "different cohorts."
        ),
    ),
    Phase(
        "veroordeling",
        "Veroordeling",
        "Conviction",
        "bereik",
        counts=_veroordeeld,
        flow=_veroordelingen,
        note_nl=(
            "Veroordeling: een bereik, omdat niet bij alle zaken die tot een veroordeling "
            "leidden uit de registratie blijkt of mensenhandel bewezen is verklaard."
        ),
        note_en=(
            "Conviction: a range, because for some cases that ended in a conviction the "
            "registration does not show whether trafficking was proven."
        ),
    ),
    Phase(
        "vrijheidsstraf",
        "Onvoorwaardelijke vrijheidsstraf",
        "Unconditional custodial sentence",
        "meer_dan",
        counts=_vrijheidsstraf,
        flow=_vrijheidsstraffen,
        note_nl=(
            "Onvoorwaardelijke vrijheidsstraf: alleen veroordelingen met bekende strafoplegging; "
            "van zaken die ter terechtzitting zijn gevoegd en van mogelijke veroordelingen is de "
            "straf niet bekend, vandaar 'meer dan'."
        ),
        note_en=(
            "Unconditional custodial sentence: only convictions with a known sentence; the "
            "sentence of joined and possible convictions is not known, hence 'more than'."
        ),
    ),
    Phase(
        "resocialisatie",
        "Resocialisatie",
        "Probation",
        "ongeveer",
        counts=_toezichten,
        distribution=_toezicht_vormen,
        note_nl=(
            "Resocialisatie: unieke daders van wie een reclasseringstoezicht eindigde; de vorm "
            "komt via het parketnummer uit de OM-gegevens en is vaak onbekend."
        ),
        note_en=(
            "Probation: unique perpetrators whose supervision ended; the form comes from the "
            "prosecution data via the case number and is often unknown."
        ),
    ),
    Phase(
        "recidive",
        "Recidive",
        "Reoffending",
        "onbekend",
        note_nl="Recidive: hoe vaak daders opnieuw mensenhandel plegen, is niet bekend.",
        note_en="Reoffending: how often perpetrators reoffend is not known.",
    ),
)
"""The phases of Figuur 1, in the chain's order."""


@dataclass(frozen=True)
class PhaseResult:
    phase: Phase
    counts: Counts | None
    distribution: Counts | None
    flow: Flow | None

    @property
    def yearly(self) -> int | None:
        """``AFRONDING``: the yearly average of the cohort, rounded to fives."""
        return None if self.counts is None else round5(Decimal(self.counts.total) / 5)

    @property
    def yearly_upper(self) -> int | None:
        if self.counts is None or self.counts.upper is None:
            return None
        return round5(Decimal(self.counts.upper) / 5)

    @property
    def text(self) -> str:
        """The number as the figure prints it: '>200', '≥180', '145', '≈95-105'."""
        if self.phase.bound == "onbekend":
            return "onbekend"
        if self.yearly is None:
            return "."
        upper = self.yearly_upper
        if self.phase.bound == "bereik" and upper is not None and upper != self.yearly:
            return f"≈{self.yearly}-{upper}"
        prefix = {"meer_dan": ">", "minstens": "≥"}.get(self.phase.bound, "")
        return f"{prefix}{self.yearly}"

    @property
    def known(self) -> int:
        d = self.distribution
        return 0 if d is None else sum(n for f, n in d.forms.items() if f != "onbekend")

    @property
    def unknown_share(self) -> Decimal | None:
        d = self.distribution
        if d is None or d.total == 0:
            return None
        return Decimal(d.forms.get("onbekend", 0)) / Decimal(d.total)

    @property
    def uncertain(self) -> bool:
        """``VERDELING``: at least a third of the phase has no known form, judged on the unknown
        share as published, in whole percents (34% and more), so that the reader and the chart
        can tell from the table."""
        share = self.unknown_share
        return share is not None and Decimal(_whole(share * 100)) / 100 >= ONZEKER_VANAF

    def share(self, form: str) -> int | None:
        """A form's whole percent of the known forms (``su``: both sexual forms together);
        None where the source cannot tell (domestic or cross-border at signalering)."""
        d = self.distribution
        if d is None or self.known == 0:
            return None
        if form == "su":
            n = d.forms.get("su", 0) + d.forms.get("bl_su", 0) + d.forms.get("go_su", 0)
        elif form in ("bl_su", "go_su") and "su" in d.forms:
            return None
        else:
            n = d.forms.get(form, 0)
        return _whole(Decimal(100 * n) / Decimal(self.known))


def _whole(x: Decimal) -> int:
    return int(x.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def chain_figure(con: duckdb.DuckDBPyConnection, year: int) -> list[PhaseResult]:
    """Every phase of Figuur 1 for the five years ``year``-4..``year``."""
    out = []
    for p in PHASES:
        counts = p.counts(con, year) if p.counts else None
        dist = p.distribution(con, year) if p.distribution else counts
        if counts is None:
            dist = None  # no number, no distribution: nothing delivered for the phase
        out.append(PhaseResult(p, counts, dist, p.flow(con, year) if p.flow else None))
    return out


COLUMNS: tuple[tuple[str, str], ...] = (
    ("Gemiddeld aantal daders per jaar", "Average number of perpetrators per year"),
    ("Doorstroom naar deze fase (%)", "Flow into this phase (%)"),
    *((f"{nl} (%)", f"{en} (%)") for _, nl, en in FORMS),
    ("Vorm onbekend (%)", "Form unknown (%)"),
    (
        "Gemiddelde duur onvoorwaardelijke vrijheidsstraf (dagen)",
        "Mean length of unconditional custodial sentence (days)",
    ),
)
"""The table's columns: the number, the flow into the phase, the distribution over the forms
(without the unknowns), the unknown share, and the mean sentence length."""

NOTES = (
    "Gemiddelde per jaar over de vijf jaar, afgerond op vijftallen; '>' meer dan, '≥' minstens, "
    "'≈' een bereik. De doorstroompercentages zijn afgerond op vijftallen, elk binnen één "
    "cohort. Iedere fase heeft een eigen cohort: de aantallen van verschillende fasen kunnen "
    "niet tegen elkaar worden afgezet.",
    "De verdeling naar vorm laat de daders met een onbekende vorm buiten beschouwing; is de vorm "
    "van een derde of meer onbekend, dan is de verdeling onzeker.",
    "'.': niet beschikbaar, de leveringen dekken niet de hele periode.",
    *(p.note_nl for p in PHASES),
)
"""The figure's notes (B1.8 and the figure's footnotes * and **, lines 299-305)."""


def compute_chain(con: duckdb.DuckDBPyConnection, spec: TableSpec, year: int) -> ComputedTable:
    """Figuur 1 as a computed table (``TableSpec.derive`` of ``keten_spec``)."""
    results = chain_figure(con, year)
    duur = gemiddelde_duur(con, year)
    table = ComputedTable(spec, year, [r.phase.label_nl for r in results], [c for c, _ in COLUMNS])
    blank = Cell(None, blank=True)
    for r in results:
        number = Cell(r.yearly, mean=True, text=r.text)
        flow = blank if r.flow is None else Cell(r.flow.value, percent=True, text=r.flow.text)
        shares = [
            blank if (v := r.share(code)) is None else Cell(v, percent=True) for code, _, _ in FORMS
        ]
        unknown = r.unknown_share
        unknown_cell = blank if unknown is None else Cell(_whole(unknown * 100), percent=True)
        length = (
            Cell(duur, mean=True)
            if r.phase.key == "vrijheidsstraf" and duur is not None and r.counts is not None
            else blank
        )
        table.cells.append([number, flow, *shares, unknown_cell, length])
    return table


def keten_spec(year: int) -> TableSpec:
    """Figuur 1 for the five years ``year``-4..``year``."""
    return TableSpec(
        id=TABLE_ID,
        number=NUMBER,
        title_nl=(
            "Gemiddeld aantal daders van mensenhandel in de strafrechtketen, per jaar "
            f"({year - 4}-{year})"
        ),
        title_en="Average number of perpetrators of trafficking in the criminal-justice chain, "
        "per year",
        source=BRON,
        unit="keten",
        rows=Dimension("fase", tuple(Category(p.label_nl, label_en=p.label_en) for p in PHASES)),
        columns=(),
        row_header="Fase",
        notes=NOTES,
        disclosure="keten",
        value="derived",
        derive=compute_chain,
        sources=("om", "om_dossierstudie"),
    )
