"""The catalogue of the Dadermonitor mensenhandel 2015-2019, chapter 7 'Resocialisatie': Figuur
7.1-7.5 and the chapter's numbers in the text (../shared/seeds/000_4e969fc2f04dad69.txt, lines
7139-7800; appendix B1.6, lines 9744-9818).

Unit views (``ketenmonitor.domain.probation``): ``ingestroomde_toezichten`` (supervisions by year
of start, Figuur 7.1) and ``beeindigde_toezichten`` (by year of end, Figuur 7.2-7.5). Tabel 7.1
describes the special conditions and has no numbers; its rows are those of Figuur 7.4.

The column 'Y-4-Y' (the five-year total) is named after the period, so
``dm_resocialisatie(year)`` builds the specs for a reporting year and ``DM_RESOCIALISATIE`` holds
those of the published period (reporting year 2019).
"""

from __future__ import annotations

from ketenmonitor.indicators import Category, ColumnBlock, Dimension, TableSpec

BRON = "Bron: data reclasseringsorganisaties (3RO)"
INGESTROOMD = "ingestroomde_toezichten"
BEEINDIGD = "beeindigde_toezichten"
JAAR = 2019
"""The reporting year of the Dadermonitor 2015-2019."""
SOURCES = ("reclassering",)
"""The form (Figuur 7.2) also needs the OM delivery and dossier study; without them every
supervision's form is onbekend, the other figures need IRIS only."""

DISCLOSURE = "reclassering_dadermonitor"
"""Chapter 7 prints its counts as they are, 0-2 included (Figuur 7.2: Arbeidsuitbuiting 1;
Figuur 7.5: 1 per year): the rule ``reclassering_dadermonitor`` of ``disclosure/rules.toml``."""

YEARS = ColumnBlock("years")

VORMEN = Dimension(
    "vorm",
    (
        Category("Onbekend", ("onbekend",), "Unknown"),
        Category("Criminele uitbuiting", ("criminele_uitbuiting",), "Criminal exploitation"),
        Category("Arbeidsuitbuiting", ("arbeidsuitbuiting",), "Labour exploitation"),
        Category(
            "Grensoverschrijdende seksuele uitbuiting",
            ("grensoverschrijdende_seksuele_uitbuiting",),
            "Cross-border sexual exploitation",
        ),
        Category(
            "Binnenlandse seksuele uitbuiting",
            ("binnenlandse_seksuele_uitbuiting",),
            "Domestic sexual exploitation",
        ),
        Category("Totaal", (), "Total"),
    ),
)
"""Figuur 7.2's rows in the published order (rule ``VORM_TOEZICHT``)."""

KADERS = Dimension(
    "kader_groep",
    (
        Category(
            "Penitentiair Programma en voorwaardelijke invrijheidstelling",
            ("pp_vi",),
            "Penitentiary programme and conditional release",
        ),
        Category("Voorwaardelijke veroordeling", ("vv",), "Suspended sentence"),
        Category("PIJ of tbs", ("tbs_pij",), "PIJ or tbs (hospital order)"),
        Category("Overig", ("overig",), "Other"),
    ),
)
"""Figuur 7.3's legend (Tabel B1.2's groups, ``KADER_GROEPEN``)."""

REDENEN = Dimension(
    "reden",
    (
        Category(
            "Minstens één onderdeel toezicht voortijdig positief beëindigd",
            ("voortijdig_positief",),
            "At least one part of the supervision ended early, positive",
        ),
        Category(
            "Minstens één onderdeel toezicht voortijdig negatief beëindigd",
            ("voortijdig_negatief",),
            "At least one part of the supervision ended early, negative",
        ),
        Category("Toezicht voltooid", ("voltooid",), "Supervision completed"),
        Category("Totaal", (), "Total"),
    ),
)
"""Figuur 7.5's rows (rule ``REDEN_TOEZICHT``)."""

VOORWAARDEN = Dimension(
    "bijzondere_voorwaarden",
    (
        Category("Meldplicht", ("meldplicht",), "Duty to report"),
        Category("Houden aan aanwijzingen", ("aanwijzingen",), "Follow instructions"),
        Category(
            "Behandelverplichting", ("behandelverplichting",), "Obligation to undergo treatment"
        ),
        Category("Contactverbod", ("contactverbod",), "Contact ban"),
        Category("Locatiegebod", ("locatiegebod",), "Location requirement"),
        Category("Locatieverbod", ("locatieverbod",), "Location ban"),
        Category("Drugs- en alcoholverbod", ("middelenverbod",), "Drugs and alcohol ban"),
        Category(
            "Opname in een instelling voor begeleid wonen",
            ("begeleid_wonen",),
            "Placement in supported housing",
        ),
        Category(
            "Deelname aan een gedragsinterventie",
            ("gedragsinterventie",),
            "Behavioural intervention",
        ),
        Category(
            "Opname in een zorginstelling",
            ("opname_zorginstelling",),
            "Admission to a care institution",
        ),
        Category("Overig", ("overig",), "Other"),
    ),
    multi=True,
)
"""Figuur 7.4's conditions in the order of Tabel 7.1 (lines 7528-7597); the figure's own order
and frequencies were lost in the text extraction."""

TEKST = Dimension(
    "jaar",
    (
        Category("Beëindigde toezichten", (), "Supervisions ended"),
        Category(
            "Unieke personen", label_en="Unique persons", measure="count(DISTINCT u.persoon_id)"
        ),
        Category(
            "Toezichten vanuit meerdere justitiële kaders",
            label_en="Supervisions under several legal frameworks",
            sql="u.aantal_kaders > 1",
        ),
        Category(
            "Toezichten met meerdere fasen binnen een justitieel kader",
            label_en="Supervisions through several phases of one legal framework",
            sql="u.meerdere_fasen",
        ),
        Category(
            "Vorm van mensenhandel onbekend",
            label_en="Form of trafficking unknown",
            sql="u.vorm = 'onbekend'",
        ),
        Category(
            "Parketnummer ontbreekt",
            label_en="Case number (parketnummer) missing",
            sql="NOT u.parketnummer_bekend",
        ),
        Category(
            "Ambulante plaatsing forensische zorg",
            label_en="Forensic care: outpatient placement",
            sql="u.forensische_zorg = 'ambulant'",
        ),
        Category(
            "Personen met ambulante plaatsing forensische zorg",
            label_en="Persons with forensic care: outpatient placement",
            measure=(
                "count(DISTINCT CASE WHEN u.forensische_zorg = 'ambulant' THEN u.persoon_id END)"
            ),
        ),
        Category(
            "Klinische plaatsing forensische zorg",
            label_en="Forensic care: inpatient placement",
            sql="u.forensische_zorg = 'klinisch'",
        ),
    ),
)
"""The chapter's numbers about the ended supervisions (lines 7301-7305, 7492, 7497, 7333,
7614-7616, 9816-9818). Unique persons are a measure beside the supervisions, not a count of them
(``count(DISTINCT persoon_id)``)."""


def _period(year: int) -> Dimension:
    """One column over the window Y-4..Y, named after it ('2015-2019')."""
    return Dimension("jaar", (Category(f"{year - 4}-{year}"),))


def dm_resocialisatie(year: int = JAAR) -> tuple[TableSpec, ...]:
    """Figuur 7.1-7.5 and the text's numbers for reporting year ``year`` (window Y-4..Y)."""
    period = ColumnBlock("breakdown", _period(year), window=True)
    span = f"{year - 4}-{year}"
    return (
        TableSpec(
            id="dadermonitor.figuur_7_1",
            number="Figuur 7.1",
            title_nl=f"Aantal ingestroomde reclasseringstoezichten, per jaar {span}",
            title_en="Probation supervisions started, per year",
            unit=INGESTROOMD,
            rows=Dimension(
                "jaar", (Category("Ingestroomde toezichten", (), "Supervisions started"),)
            ),
            columns=(YEARS, period),
            notes=("Een toezicht stroomt in op de inschrijvingsdatum van zijn eerste opdracht.",),
            source=BRON,
            disclosure=DISCLOSURE,
            sources=SOURCES,
        ),
        TableSpec(
            id="dadermonitor.figuur_7_2",
            number="Figuur 7.2",
            title_nl=(
                "Aantal beëindigde reclasseringstoezichten uitgesplitst naar mensenhandelvorm, "
                f"per jaar {span}"
            ),
            title_en="Probation supervisions ended by form of trafficking, per year",
            unit=BEEINDIGD,
            rows=VORMEN,
            columns=(YEARS, period),
            notes=(
                "De vorm komt uit de gegevens van het OM en het dossieronderzoek van de Nationaal "
                "Rapporteur, gekoppeld op parketnummer.",
            ),
            sources=("reclassering", "om", "om_dossierstudie"),
            source=BRON,
            disclosure=DISCLOSURE,
        ),
        TableSpec(
            id="dadermonitor.figuur_7_3",
            number="Figuur 7.3",
            title_nl=f"Justitieel kader bij de start van het toezicht, totaal {span}",
            title_en="Legal framework at the start of the supervision, total",
            unit=BEEINDIGD,
            rows=KADERS,
            columns=(period, ColumnBlock("share", label="Percentage")),
            notes=("Bij meerdere justitiële kaders telt het eerste; beëindigde toezichten.",),
            source=BRON,
            disclosure=DISCLOSURE,
            sources=SOURCES,
        ),
        TableSpec(
            id="dadermonitor.figuur_7_4",
            number="Figuur 7.4",
            title_nl=f"Opgelegde bijzondere voorwaarden, totaal {span}",
            title_en="Special conditions imposed, total",
            unit=BEEINDIGD,
            rows=VOORWAARDEN,
            columns=(period,),
            notes=("Een toezicht kan meerdere bijzondere voorwaarden hebben.",),
            source=BRON,
            disclosure=DISCLOSURE,
            sources=SOURCES,
        ),
        TableSpec(
            id="dadermonitor.figuur_7_5",
            number="Figuur 7.5",
            title_nl=f"Beëindiging toezicht naar reden beëindiging, per jaar {span}",
            title_en="Supervisions ended by reason, per year",
            unit=BEEINDIGD,
            rows=REDENEN,
            columns=(YEARS, period),
            source=BRON,
            disclosure=DISCLOSURE,
            sources=SOURCES,
        ),
        TableSpec(
            id="dadermonitor.tekst_7",
            number="Tekst bij Figuur 7.2",
            title_nl=f"Beëindigde reclasseringstoezichten en unieke personen, totaal {span}",
            title_en="Probation supervisions ended and unique persons, total",
            unit=BEEINDIGD,
            rows=TEKST,
            columns=(period,),
            sources=("reclassering", "om", "om_dossierstudie"),
            source=BRON,
            disclosure=DISCLOSURE,
        ),
    )


DM_RESOCIALISATIE: tuple[TableSpec, ...] = dm_resocialisatie(JAAR)
"""Chapter 7's tables as published (2015-2019)."""
