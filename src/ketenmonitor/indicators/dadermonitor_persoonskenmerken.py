"""The catalogue of the Dadermonitor mensenhandel 2015-2019, chapter 8 'Persoonskenmerken': the
perpetrators' sex (Figuur 8.1), mean age (Tabel 8.1), age class (Figuur 8.2) and origin region
(Figuur 8.3) per form of trafficking, per phase of the chain
(../shared/seeds/000_4e969fc2f04dad69.txt lines 7860-8330; appendix B1.7, lines 9820-9905).

One table per figure and phase (``dadermonitor.figuur_8_1_signalering`` ...): the phases have
their own cohort, source, form columns and disclosure rule (CBS rounds the police counts to
fives, the EMM counts are printed as they are), which the engine applies per table. Each figure
is a count and a percentage per form ('Aantal AU', 'AU'); the percentage is of the perpetrators
of that form whose trait is known (``domain.persons.ONBEKEND_WEGLATEN``). A sixth table per phase,
``dadermonitor.tekst_b1_7_<fase>``, counts the cohort and its unknown traits (B1.7.3).

Phases and their unit views (``ketenmonitor.domain.persons``, ``ketenmonitor.domain.trial``):

- signalering: ``daders_signalering`` (unique suspects of the window, ``jaar`` = the window's
  last year): columns AU, CU, Onbekend (sexual exploitation included, BVH cannot split it) and
  Totaal; ``disclosure="cbs"``.
- opsporing: ``daders_opsporing`` (suspects per EMM investigation, by start year, counted over
  the window): BL-SU, GO-SU, AU, CU, Onbekend, Totaal; ``disclosure="emm_dadermonitor"``.
- dagvaarding, veroordeling, onvoorwaardelijke vrijheidsstraf: ``daders_berechting`` (the natural
  persons among the cases judged in first instance, by year of the judgment, counted over the
  window; ``trial.COHORT_BERECHTING``, 721, 479 and 426 persons, B1.7.2 lines 9852-9860), each
  phase a ``Fase.cohort`` on it (all; ``veroordeeld_mh``; ``vrijheidsstraf_mh``), counted in the
  OM extract of April Y+1 (``Fase.om_snapshot``: ``cases.dadermonitor_snapshot_sql``, as chapters
  5 and 6); the forms of chapter 6; ``disclosure="om_dadermonitor"``.

Tabel 8.2 (``dadermonitor.tabel_8_2``, ``TOP_GEBOORTELANDEN``) and Tabel B2.2
(``dadermonitor.tabel_b2_2``: every country of birth of the dagvaarding cohort per form, most
frequent first, the unknown ones in ``tekst_b1_7_dagvaarding``) belong to dagvaarding alone.
Tabel 8.2 is derived (its cells are texts 'rang (percentage)'); Tabel B2.2 is a count table.

``dm_persoonskenmerken(year)`` builds the specs for a reporting year (window Y-4..Y), and the
catalogue includes them; ``DM_PERSOONSKENMERKEN`` holds those of 2019.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from ketenmonitor.domain.cases import dadermonitor_snapshot_sql
from ketenmonitor.indicators import (
    Category,
    Cell,
    ColumnBlock,
    ComputedTable,
    Dimension,
    TableSpec,
)
from ketenmonitor.indicators.dadermonitor_vervolging import DISCLOSURE, RAC_MIN, SOURCES

JAAR = 2019
"""The reporting year of the Dadermonitor 2015-2019."""

VORMEN_OPSPORING = (
    Category("BL-SU", ("bl_su",), "Domestic sexual exploitation"),
    Category("GO-SU", ("go_su",), "Cross-border sexual exploitation"),
    Category("AU", ("au",), "Labour exploitation"),
    Category("CU", ("cu",), "Criminal exploitation"),
    Category("Onbekend", ("onbekend",), "Unknown"),
    Category("Totaal", (), "Total"),
)
"""The Dadermonitor's forms, one per perpetrator (Tabel 8.1's columns)."""

VORMEN_SIGNALERING = (
    Category("AU", ("au",), "Labour exploitation"),
    Category("CU", ("cu",), "Criminal exploitation"),
    Category("Onbekend", ("onbekend",), "Unknown (sexual exploitation included)"),
    Category("Totaal", (), "Total"),
)
"""Signalering: BVH cannot split sexual exploitation, so it is shown with Onbekend (lines
7897-7904); Tabel 8.1 prints '-' under BL-SU and GO-SU."""


@dataclass(frozen=True)
class Fase:
    """A phase of chapter 8: its cohort (unit view) and how its tables are shown."""

    code: str
    label: str
    unit: str
    vormen: tuple[Category, ...]
    window: bool
    """True: the unit's ``jaar`` is a year of the window (count Y-4..Y); False: the unit holds
    one row per perpetrator of the window ending in ``jaar`` (count ``jaar`` = Y)."""
    source: str
    disclosure: str
    sources: tuple[str, ...]
    leeftijd_bij: str
    notes: tuple[str, ...] = ()
    cohort: str = "true"
    """A condition over the unit (alias ``u``) choosing the phase's perpetrators."""
    om_snapshot: bool = False
    """Count the OM extract of the Dadermonitor's own peildatum
    (``cases.dadermonitor_snapshot_sql``): the unit holds every snapshot."""

    def where(self, year: int) -> str:
        """The phase's cohort for reporting year ``year``."""
        if self.om_snapshot:
            return f"({self.cohort}) AND {dadermonitor_snapshot_sql(year)}"
        return self.cohort


SIGNALERING = Fase(
    code="signalering",
    label="Signalering",
    unit="daders_signalering",
    vormen=VORMEN_SIGNALERING,
    window=False,
    source="Bron: CBS-databestanden",
    disclosure="cbs",
    sources=("politie",),
    leeftijd_bij="de leeftijd bij het begin van plegen",
    notes=(
        "Unieke verdachten die de politie in BVH heeft geregistreerd. Verdachten van seksuele "
        "uitbuiting zijn meegenomen bij Onbekend: binnenlandse en grensoverschrijdende "
        "seksuele uitbuiting zijn in BVH niet te onderscheiden.",
    ),
)
OPSPORING = Fase(
    code="opsporing",
    label="Opsporing",
    unit="daders_opsporing",
    vormen=VORMEN_OPSPORING,
    window=True,
    source="Bron: EMM-databestand",
    disclosure="emm_dadermonitor",
    sources=("emm",),
    leeftijd_bij="de leeftijd bij de start van het opsporingsonderzoek",
    notes=(
        "Verdachten per opsporingsonderzoek van de politie en de KMar; verdachten in "
        "onderzoeken van de ISZW-DO ontbreken.",
    ),
)
_BERECHTING = {
    "unit": "daders_berechting",
    "vormen": VORMEN_OPSPORING,
    "window": True,
    "source": RAC_MIN,
    "disclosure": DISCLOSURE,
    "sources": SOURCES,
    "leeftijd_bij": "de leeftijd bij het begin van plegen",
    "om_snapshot": True,
}
DAGVAARDING = Fase(
    code="dagvaarding",
    label="Dagvaarding",
    notes=(
        "Natuurlijke personen van wie de zaak met ten laste gelegde mensenhandel in eerste "
        "aanleg is afgedaan, naar jaar van het vonnis.",
    ),
    **_BERECHTING,  # type: ignore[arg-type]
)
VEROORDELING = Fase(
    code="veroordeling",
    label="Veroordeling",
    cohort="u.veroordeeld_mh",
    notes=("Natuurlijke personen die in eerste aanleg voor mensenhandel zijn veroordeeld.",),
    **_BERECHTING,  # type: ignore[arg-type]
)
VRIJHEIDSSTRAF = Fase(
    code="vrijheidsstraf",
    label="Onvoorwaardelijke vrijheidsstraf",
    cohort="u.vrijheidsstraf_mh",
    notes=(
        "Natuurlijke personen die in eerste aanleg voor mensenhandel zijn veroordeeld tot een "
        "(deels) onvoorwaardelijke vrijheidsstraf.",
    ),
    **_BERECHTING,  # type: ignore[arg-type]
)
FASEN_BERECHTING_DEFS: tuple[Fase, ...] = (DAGVAARDING, VEROORDELING, VRIJHEIDSSTRAF)
"""The trial phases (``domain.trial.COHORT_BERECHTING``), from the OM extract of April Y+1."""
FASEN_BERECHTING = tuple(f.code for f in FASEN_BERECHTING_DEFS)
"""Their codes: dagvaarding, veroordeling, vrijheidsstraf."""

FASEN: tuple[Fase, ...] = (SIGNALERING, OPSPORING, *FASEN_BERECHTING_DEFS)
"""Every phase of chapter 8, in the order of Tabel 8.1."""

GESLACHT = Dimension(
    "geslacht",
    (Category("Vrouw", ("vrouw",), "Female"), Category("Man", ("man",), "Male")),
)
LEEFTIJDSKLASSE = Dimension(
    "leeftijdsklasse",
    (
        Category(
            "Minderjarig of adolescent (t/m 22 jaar)",
            ("minderjarig", "adolescent"),
            "Minor or adolescent (up to 22)",
        ),
        Category("23 jaar en ouder", ("volwassen",), "23 and older"),
    ),
)
HERKOMST = Dimension(
    "herkomst",
    (
        Category("Nederland", ("nederland",), "The Netherlands"),
        Category("EER", ("eer",), "European Economic Area (with Switzerland)"),
        Category("Overige geboortelanden", ("overig",), "Other countries of birth"),
    ),
)
LEEFTIJD = Dimension(
    "leeftijd",
    (
        Category("Aantal daders met bekende leeftijd", sql="u.leeftijd IS NOT NULL"),
        Category("Gemiddelde leeftijd", measure="avg(u.leeftijd)"),
    ),
)
ONBEKEND = Dimension(
    "persoonskenmerk",
    (
        Category("Daders"),
        Category("Geslacht onbekend", sql="u.geslacht = 'onbekend'"),
        Category("Geboortedatum onbekend", sql="u.leeftijd IS NULL"),
        Category("Geboorteland onbekend", sql="u.herkomst = 'onbekend'"),
    ),
)


def _form(fase: Fase, c: Category) -> ColumnBlock:
    return ColumnBlock("breakdown", Dimension("vorm_dm", (c,)), window=fase.window)


def _per_form(fase: Fase) -> tuple[ColumnBlock, ...]:
    """A count and its percentage for every form: 'Aantal AU', 'AU' (the percentage)."""
    blocks: list[ColumnBlock] = []
    for c in fase.vormen:
        english = f"Number, {c.label_en[:1].lower()}{c.label_en[1:]}"
        blocks.append(_form(fase, Category(f"Aantal {c.label_nl}", c.codes, english)))
        blocks.append(ColumnBlock("share", label=c.label_nl))
    return tuple(blocks)


def fase_specs(fase: Fase, year: int = JAAR) -> tuple[TableSpec, ...]:
    """Figuur 8.1, Tabel 8.1, Figuur 8.2, Figuur 8.3 and the unknowns of B1.7.3 for one phase."""
    span = f"{year - 4}-{year}"
    fase_nl = f"in de fase {fase.label.lower()}"
    cohort = fase.where(year)
    source = f"{fase.source} (peildatum april {year + 1})" if fase.om_snapshot else fase.source
    common = {
        "source": source,
        "unit": fase.unit,
        "disclosure": fase.disclosure,
        "sources": fase.sources,
    }
    return (
        TableSpec(
            id=f"dadermonitor.figuur_8_1_{fase.code}",
            number="Figuur 8.1",
            title_nl=f"De geslachtsverdeling van daders van mensenhandel {fase_nl}, per vorm van "
            f"mensenhandel, periode {span}",
            title_en=f"Sex of perpetrators ({fase.code}), by form of trafficking",
            rows=GESLACHT,
            columns=_per_form(fase),
            where=f"({cohort}) AND u.geslacht <> 'onbekend'",
            notes=(*fase.notes, "Daders van wie het geslacht onbekend is, zijn niet opgenomen."),
            **common,  # type: ignore[arg-type]
        ),
        TableSpec(
            id=f"dadermonitor.tabel_8_1_{fase.code}",
            number="Tabel 8.1",
            title_nl=f"Gemiddelde leeftijd van daders van mensenhandel {fase_nl}, per vorm van "
            f"mensenhandel, periode {span}",
            title_en=f"Mean age of perpetrators ({fase.code}), by form of trafficking",
            rows=LEEFTIJD,
            where=cohort,
            columns=(
                ColumnBlock("breakdown", Dimension("vorm_dm", fase.vormen), window=fase.window),
            ),
            notes=(*fase.notes, f"Leeftijd: {fase.leeftijd_bij}."),
            **common,  # type: ignore[arg-type]
        ),
        TableSpec(
            id=f"dadermonitor.figuur_8_2_{fase.code}",
            number="Figuur 8.2",
            title_nl=f"De leeftijdsverdeling van daders van mensenhandel {fase_nl}, per vorm van "
            f"mensenhandel, periode {span}",
            title_en=f"Age of perpetrators ({fase.code}), by form of trafficking",
            rows=LEEFTIJDSKLASSE,
            columns=_per_form(fase),
            where=f"({cohort}) AND u.leeftijd IS NOT NULL",
            notes=(
                *fase.notes,
                f"Leeftijd: {fase.leeftijd_bij}. Daders van wie de leeftijd onbekend is, zijn "
                "niet opgenomen.",
            ),
            **common,  # type: ignore[arg-type]
        ),
        TableSpec(
            id=f"dadermonitor.figuur_8_3_{fase.code}",
            number="Figuur 8.3",
            title_nl=f"De herkomstregio's van daders van mensenhandel {fase_nl}, per vorm van "
            f"mensenhandel, periode {span}",
            title_en=f"Region of birth of perpetrators ({fase.code}), by form of trafficking",
            rows=HERKOMST,
            columns=_per_form(fase),
            where=f"({cohort}) AND u.herkomst <> 'onbekend'",
            notes=(
                *fase.notes,
                "Naar geboorteland. EER: de Europese Economische Ruimte, met Zwitserland en het "
                "Verenigd Koninkrijk. Daders van wie het geboorteland onbekend is, zijn niet "
                "opgenomen.",
            ),
            **common,  # type: ignore[arg-type]
        ),
        TableSpec(
            id=f"dadermonitor.tekst_b1_7_{fase.code}",
            number="Bijlage B1.7.3",
            title_nl=f"Daders {fase_nl} en hun onbekende persoonskenmerken, periode {span}",
            title_en=f"Perpetrators ({fase.code}) and their unknown traits",
            rows=ONBEKEND,
            where=cohort,
            columns=(
                ColumnBlock(
                    "breakdown", Dimension("vorm_dm", (Category("Totaal"),)), window=fase.window
                ),
            ),
            notes=fase.notes,
            **common,  # type: ignore[arg-type]
        ),
    )


VORMEN_GEBOORTELAND = (
    ("Binnenlandse seksuele uitbuiting", "bl_su"),
    ("Grensoverschrijdende seksuele uitbuiting", "go_su"),
    ("Arbeidsuitbuiting", "au"),
    ("Criminele uitbuiting", "cu"),
    ("Onbekend", "onbekend"),
    ("Totaal", None),
)
"""The columns of Tabel 8.2 and Tabel B2.2 (each with its n in the label)."""

TOP_GEBOORTELANDEN = """
Tabel 8.2 'Top-5 geboortelanden van gedagvaarde daders' (Dadermonitor 2015-2019, lines
8086-8164): per form (and in total) the five most frequent countries of birth of the dagvaarding
cohort, each cell 'rang (percentage)': the rank among the known countries of that column (equal
counts ranked by the country's Dutch name) and the share of the column's n, the perpetrators of
unknown country included (every printed cell is count / n, not count / known: GO-SU Roemenië
63/231 = 27%). Only countries with more than ten perpetrators are shown ('alleen landen met meer
dan tien daders', line 8088), so a column may show fewer than five. The rows are the countries
shown in some column, in the order of the Totaal column (then of the forms). The table is
derived from the unit view (``derive``): its cells are texts, the counts behind them are Tabel
B2.2's.
"""
TOP_N, TOP_MEER_DAN = 5, 10


def derive_tabel_8_2(con: duckdb.DuckDBPyConnection, spec: TableSpec, year: int) -> ComputedTable:
    """``TOP_GEBOORTELANDEN`` over ``daders_berechting`` for reporting year ``year``."""
    from ketenmonitor.contracts import codelist

    names = {c.code: c.label_nl for c in codelist("land").codes}
    rows = con.execute(
        f"SELECT u.vorm_dm, u.geboorteland, count(*) FROM {spec.unit} u "
        f"WHERE u.jaar BETWEEN {year - 4} AND {year} AND ({spec.where}) GROUP BY ALL"
    ).fetchall()
    columns: list[str] = []
    ranked: list[dict[str, tuple[int, int]]] = []  # per column: country -> (rank, percent)
    for label, code in VORMEN_GEBOORTELAND:
        counts: dict[str, int] = {}
        for vorm, land, n in rows:
            if code is None or vorm == code:
                key = land if land is not None else ""
                counts[key] = counts.get(key, 0) + n
        total = sum(counts.values())
        columns.append(f"{label} (n={total})")
        known = sorted(
            ((n, names.get(k, k), k) for k, n in counts.items() if k),
            key=lambda t: (-t[0], t[1]),
        )
        ranked.append(
            {
                k: (rank, int(100 * n / total + 0.5))
                for rank, (n, _, k) in enumerate(known[:TOP_N], start=1)
                if n > TOP_MEER_DAN
            }
        )
    order: list[str] = []
    for column in reversed(ranked):  # the Totaal column first
        order += [k for k, _ in sorted(column.items(), key=lambda kv: kv[1]) if k not in order]
    cells = [
        [
            Cell(value=c[k][1], percent=True, text=f"{c[k][0]} ({c[k][1]}%)")
            if k in c
            else Cell(value=None, blank=True)
            for c in ranked
        ]
        for k in order
    ]
    return ComputedTable(spec, year, [names.get(k, k) for k in order], columns, cells)


def geboortelanden_specs(year: int = JAAR) -> tuple[TableSpec, ...]:
    """Tabel 8.2 (``TOP_GEBOORTELANDEN``) and Tabel B2.2 (every country of birth, a count per
    form) of the dagvaarding cohort for reporting year ``year``."""
    span = f"{year - 4}-{year}"
    common = {
        "source": f"{RAC_MIN} (peildatum april {year + 1})",
        "unit": DAGVAARDING.unit,
        "disclosure": DAGVAARDING.disclosure,
        "sources": DAGVAARDING.sources,
        "where": DAGVAARDING.where(year),
    }
    forms = tuple(
        Category(label, (code,) if code else (), "") for label, code in VORMEN_GEBOORTELAND
    )
    return (
        TableSpec(
            id="dadermonitor.tabel_8_2",
            number="Tabel 8.2",
            title_nl=f"Top-5 geboortelanden van gedagvaarde daders van mensenhandel, per vorm van "
            f"mensenhandel, periode {span}",
            title_en="Top five countries of birth of the judged perpetrators, by form",
            rows=Dimension("geboorteland"),
            columns=(),
            value="derived",
            derive=derive_tabel_8_2,
            notes=(
                "Rang en (tussen haakjes) percentage van de daders in de fase dagvaarding per "
                "vorm; alleen landen met meer dan tien daders.",
            ),
            **common,  # type: ignore[arg-type]
        ),
        TableSpec(
            id="dadermonitor.tabel_b2_2",
            number="Tabel B2.2",
            title_nl="Geboortelanden van de verdachten van mensenhandel die gedagvaard zijn in de "
            f"periode {span}, per mensenhandelvorm",
            title_en="Countries of birth of the judged perpetrators, by form",
            rows=Dimension("geboorteland", top=1000, top_years=5, numbered=False, codelist="land"),
            columns=(ColumnBlock("breakdown", Dimension("vorm_dm", forms), window=True),),
            notes=(
                "Natuurlijke personen van wie de zaak met ten laste gelegde mensenhandel in "
                "eerste aanleg is afgedaan (de fase dagvaarding van hoofdstuk 8), naar "
                "geboorteland, meest voorkomende eerst. Daders van wie het geboorteland "
                "onbekend is, staan in Bijlage B1.7.3.",
            ),
            **common,  # type: ignore[arg-type]
        ),
    )


def dm_persoonskenmerken(year: int = JAAR) -> tuple[TableSpec, ...]:
    """Chapter 8's tables of every phase (``FASEN``), Tabel 8.2 and Tabel B2.2 for reporting
    year ``year``."""
    return (
        *(spec for fase in FASEN for spec in fase_specs(fase, year)),
        *geboortelanden_specs(year),
    )


DM_PERSOONSKENMERKEN: tuple[TableSpec, ...] = dm_persoonskenmerken(JAAR)
