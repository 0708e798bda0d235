"""The catalogue of the Jaarcijfers Mensenhandel, chapter 2 'Vervolging' and 'Berechting in
eerste aanleg': Figuur 15-19 and 22-24 of the Jaarcijfers 2024
(../shared/seeds/001_1558bd93ea62a2c9.txt, lines 449-680), for any reporting year Y with the
years Y-4..Y, and the numbers the running text states beside them.

The unit views are those of ``ketenmonitor.domain.cases``: ``ingeschreven_zaken`` (Figuur 15,
16), ``afgehandelde_zaken`` (17), ``berechte_zaken`` (18, 19) and ``berechte_verdachten``
(22-24), each with its own cohort in ``jaar``. Where the PDF text lost header rows (Figuur 19,
23), rows and columns follow the cross-checks recorded in
tests/fixtures/published/jaarcijfers_2024/figures_vervolging.toml.

Percentages the text states are tables too: a row whose ``measure`` is a share in percent
(``100 * avg(condition)``, rounded to whole percents like every mean) over the units of a cell.
"""

from __future__ import annotations

from ketenmonitor.indicators import REPORTING_YEAR, Category, ColumnBlock, Dimension, TableSpec

OM = "Bron: OM"
SOURCES = ("om", "om_dossierstudie")
YEARS = ColumnBlock("years")

REGISTERED = "ingeschreven_zaken"
SETTLED = "afgehandelde_zaken"
JUDGED = "berechte_zaken"
SUSPECTS = "berechte_verdachten"

FORMS_VERVOLGING = Dimension(
    "vorm",
    (
        Category("Seksuele uitbuiting", ("seksuele_uitbuiting",)),
        Category("Arbeidsuitbuiting", ("arbeidsuitbuiting",)),
        Category("Criminele/overige uitbuiting", ("criminele_overige_uitbuiting",)),
        Category("Onbekend", ("onbekend",)),
    ),
)
BL = "binnenlandse_seksuele_uitbuiting"
INT = "internationale_seksuele_uitbuiting"
SU_ONB = "seksuele_uitbuiting_onbekend"
SEXUAL = (BL, INT, SU_ONB)
FORMS_BERECHTING = Dimension(
    "vorm",
    (
        Category("Binnenlandse seksuele uitbuiting", (BL,)),
        Category("Internationale seksuele uitbuiting", (INT,)),
        Category("Seksuele uitbuiting onbekend", (SU_ONB,)),
        Category("Arbeidsuitbuiting", ("arbeidsuitbuiting",)),
        Category("Criminele/overige uitbuiting", ("criminele_overige_uitbuiting",)),
    ),
)
PER_FORM = ColumnBlock("breakdown", FORMS_BERECHTING, window=True)
"""'per vorm van mensenhandel (totaal 2020-2024)': the judged cases of the whole window."""


def _window_total(label: str = "Totaal") -> ColumnBlock:
    return ColumnBlock("breakdown", Dimension("jaar", (Category(label),)), window=True)


def _share(label: str, condition: str) -> Category:
    """A row: the share in whole percents of the cell's units that meet ``condition``."""
    return Category(label, measure=f"100 * avg(CASE WHEN {condition} THEN 1 ELSE 0 END)")


FIGURES: tuple[TableSpec, ...] = (
    TableSpec(
        id="jaarcijfers.figuur_15",
        number="Figuur 15",
        title_nl="Aantal bij het OM ingeschreven mensenhandelzaken",
        title_en="Trafficking cases registered at the Public Prosecution Service",
        source=OM,
        unit=REGISTERED,
        rows=Dimension("jaar", (Category("Aantal bij het OM ingeschreven mensenhandelzaken"),)),
        columns=(YEARS,),
        disclosure="om",
        sources=SOURCES,
    ),
    TableSpec(
        id="jaarcijfers.figuur_16",
        number="Figuur 16",
        title_nl="Aantal bij het OM ingeschreven mensenhandelzaken naar vorm van mensenhandel",
        title_en="Trafficking cases registered at the OM by form of trafficking",
        source=OM,
        unit=REGISTERED,
        rows=FORMS_VERVOLGING,
        row_header="Vorm van mensenhandel",
        columns=(YEARS,),
        disclosure="om",
        sources=SOURCES,
    ),
    TableSpec(
        id="jaarcijfers.figuur_17",
        number="Figuur 17",
        title_nl=(
            "Aantal door het OM afgehandelde mensenhandelzaken naar type afhandeling, per jaar "
            "en per vorm van mensenhandel (totaal over de vijf jaar)"
        ),
        title_en="Trafficking cases settled by the OM by type of settlement, per year and form",
        source=OM,
        unit=SETTLED,
        rows=Dimension(
            "afhandeling",
            (
                Category("Dagvaarding voor mensenhandel", ("dagvaarding_mh",)),
                Category("Onvoorwaardelijk sepot", ("onvoorwaardelijk_sepot",)),
                Category("Overig", ("overig",)),
            ),
        ),
        row_header="Type afhandeling",
        columns=(YEARS, ColumnBlock("breakdown", FORMS_VERVOLGING, window=True)),
        disclosure="om",
        sources=SOURCES,
    ),
    TableSpec(
        id="jaarcijfers.figuur_18",
        number="Figuur 18",
        title_nl="In eerste aanleg afgedane zaken naar vorm van mensenhandel",
        title_en="Cases decided in first instance by form of trafficking",
        source=OM,
        unit=JUDGED,
        rows=Dimension(
            "vorm",
            (
                Category("Seksuele uitbuiting - totaal", SEXUAL),
                Category("Binnenlandse seksuele uitbuiting", (BL,)),
                Category("Internationale seksuele uitbuiting", (INT,)),
                Category("Seksuele uitbuiting - onbekend", (SU_ONB,)),
                Category("Arbeidsuitbuiting", ("arbeidsuitbuiting",)),
                Category("Criminele/overige uitbuiting", ("criminele_overige_uitbuiting",)),
                Category("Totaal"),
            ),
        ),
        row_header="Vorm van mensenhandel",
        columns=(YEARS,),
        blank=(
            ("Binnenlandse seksuele uitbuiting", REPORTING_YEAR),
            ("Internationale seksuele uitbuiting", REPORTING_YEAR),
            ("Seksuele uitbuiting - onbekend", REPORTING_YEAR),
        ),
        disclosure="om",
        sources=SOURCES,
        notes=(
            "Voor de cijfers over seksuele uitbuiting van 2024 kan momenteel geen uitsplitsing "
            "naar binnenlandse en internationale seksuele uitbuiting gegeven worden.",
        ),
    ),
    TableSpec(
        id="jaarcijfers.figuur_19",
        number="Figuur 19",
        title_nl=(
            "In eerste aanleg afgedane zaken naar einduitspraak, per jaar van vonnis in eerste "
            "aanleg en per vorm van mensenhandel (totaal over de vijf jaar)"
        ),
        title_en="Cases decided in first instance by final verdict, per year and form",
        source=OM,
        unit=JUDGED,
        rows=Dimension(
            "uitspraak",
            (
                Category("Vrijspraak voor mensenhandel", ("vrijspraak",)),
                Category("Veroordeling voor mensenhandel", ("veroordeling",)),
                Category("Overig/onbekend", ("overig_onbekend",)),
            ),
        ),
        row_header="Einduitspraak",
        columns=(YEARS, PER_FORM),
        disclosure="om",
        sources=SOURCES,
    ),
    TableSpec(
        id="jaarcijfers.figuur_22",
        number="Figuur 22",
        title_nl=(
            "In eerste aanleg berechte verdachten van mensenhandel naar leeftijdscategorie en "
            "gemiddelde leeftijd, per jaar van vonnis in eerste aanleg en vorm van mensenhandel"
        ),
        title_en="Suspects tried in first instance by age class and mean age, per year and form",
        source=OM,
        unit=SUSPECTS,
        rows=Dimension(
            "leeftijdsklasse",
            (
                Category("Minderjarig of adolescent (t/m 22 jaar)", ("t/m 22",)),
                Category("23-29", ("23-29",)),
                Category("30-39", ("30-39",)),
                Category("40+", ("40+",)),
                Category("Gemiddelde leeftijd in jaren", measure="avg(u.leeftijd)"),
            ),
        ),
        row_header="Leeftijd in jaren",
        columns=(YEARS, PER_FORM),
        disclosure="om",
        sources=SOURCES,
    ),
    TableSpec(
        id="jaarcijfers.figuur_23",
        number="Figuur 23",
        title_nl=(
            "In eerste aanleg berechte verdachten van mensenhandel naar geslacht, per jaar van "
            "vonnis in eerste aanleg en vorm van mensenhandel"
        ),
        title_en="Suspects tried in first instance by sex, per year and form",
        source=OM,
        unit=SUSPECTS,
        rows=Dimension(
            "geslacht",
            (
                Category("Man", ("man",)),
                Category("Vrouw", ("vrouw",)),
                Category("Onbekend", ("onbekend",)),
            ),
        ),
        row_header="Geslacht",
        columns=(YEARS, PER_FORM),
        disclosure="om",
        sources=SOURCES,
    ),
    TableSpec(
        id="jaarcijfers.figuur_24",
        number="Figuur 24",
        title_nl=(
            "In eerste aanleg berechte verdachten van mensenhandel naar herkomst, per jaar van "
            "vonnis in eerste aanleg en vorm van mensenhandel"
        ),
        title_en="Suspects tried in first instance by origin (country of birth), per year and form",
        source=OM,
        unit=SUSPECTS,
        rows=Dimension(
            "herkomst",
            (
                Category("Nederland", ("nederland",)),
                Category("EU+EER+Zwitserland", ("eer",)),
                Category("Overig", ("overig",)),
                Category("Onbekend", ("onbekend",)),
            ),
        ),
        row_header="Herkomst",
        columns=(YEARS, PER_FORM),
        disclosure="om",
        sources=SOURCES,
    ),
)

JUDGED_FORMS_TOTAL = ColumnBlock(
    "breakdown",
    Dimension(
        "vorm",
        (
            Category("Totaal"),
            Category("Seksuele uitbuiting", SEXUAL),
            *FORMS_BERECHTING.categories,
        ),
    ),
    window=True,
)
"""The whole window: all judged cases, all sexual exploitation, and each trial form."""

TEXT: tuple[TableSpec, ...] = (
    TableSpec(
        id="jaarcijfers.tekst_ingeschreven_instantie",
        number="Tekst bij Figuur 15",
        title_nl="Bij het OM ingeschreven mensenhandelzaken naar aanleverende instantie",
        title_en="Cases registered at the OM by the investigating body that sent them",
        source=OM,
        unit=REGISTERED,
        rows=Dimension(
            "instantie",
            (
                Category("Politie", ("politie",)),
                Category("KMar en NLA", ("kmar", "nla")),
                Category("Overig/onbekend", ("overig",)),
            ),
        ),
        row_header="Aangeleverd door",
        columns=(YEARS,),
        disclosure="om",
        sources=SOURCES,
    ),
    TableSpec(
        id="jaarcijfers.tekst_ingeschreven_vorm_aandeel",
        number="Tekst bij Figuur 16",
        title_nl="Aandeel van de vormen van mensenhandel in de ingeschreven zaken (procent)",
        title_en="Share of each form in the registered cases (percent)",
        source=OM,
        unit=REGISTERED,
        rows=Dimension(
            "vorm",
            (
                _share("Seksuele uitbuiting", "u.vorm = 'seksuele_uitbuiting'"),
                _share("Arbeidsuitbuiting", "u.vorm = 'arbeidsuitbuiting'"),
                _share("Criminele/overige uitbuiting", "u.vorm = 'criminele_overige_uitbuiting'"),
                _share("Onbekend", "u.vorm = 'onbekend'"),
            ),
        ),
        columns=(YEARS, _window_total()),
        disclosure="om",
        sources=SOURCES,
    ),
    TableSpec(
        id="jaarcijfers.tekst_afhandeling_aandeel",
        number="Tekst bij Figuur 17",
        title_nl="Dagvaardingspercentage en aandeel onvoorwaardelijke sepots (procent)",
        title_en="Share of summonses and of unconditional dismissals in the settled cases",
        source=OM,
        unit=SETTLED,
        rows=Dimension(
            "afhandeling",
            (
                _share("Dagvaardingspercentage", "u.afhandeling = 'dagvaarding_mh'"),
                _share("Onvoorwaardelijk sepot", "u.afhandeling = 'onvoorwaardelijk_sepot'"),
                Category("Inhoudelijk afgehandelde zaken"),
            ),
        ),
        columns=(YEARS, ColumnBlock("breakdown", FORMS_VERVOLGING, window=True)),
        disclosure="om",
        sources=SOURCES,
    ),
    TableSpec(
        id="jaarcijfers.tekst_veroordelingspercentage",
        number="Tekst bij Figuur 19",
        title_nl="Aandeel veroordelingen voor (in ieder geval) mensenhandel (procent)",
        title_en="Share of convictions for (at least) trafficking in first instance",
        source=OM,
        unit=JUDGED,
        rows=Dimension(
            "uitspraak",
            (_share("Veroordelingspercentage", "u.uitspraak = 'veroordeling'"),),
        ),
        columns=(YEARS, JUDGED_FORMS_TOTAL),
        disclosure="om",
        sources=SOURCES,
    ),
    TableSpec(
        id="jaarcijfers.tekst_berechte_leeftijd",
        number="Tekst bij Figuur 22",
        title_nl="Leeftijd van berechte verdachten: aandelen (procent) en gemiddelde",
        title_en="Age of tried suspects: shares (percent) and mean",
        source=OM,
        unit=SUSPECTS,
        rows=Dimension(
            "leeftijdsklasse",
            (
                _share("Minderjarig of adolescent (t/m 22 jaar)", "u.leeftijdsklasse = 't/m 22'"),
                _share("Jonger dan 30 jaar", "u.leeftijdsklasse IN ('t/m 22', '23-29')"),
                _share("40 jaar of ouder", "u.leeftijdsklasse = '40+'"),
                Category("Gemiddelde leeftijd in jaren", measure="avg(u.leeftijd)"),
                Category("Jonger dan 23 jaar (aantal)", ("t/m 22",)),
            ),
        ),
        columns=(YEARS, JUDGED_FORMS_TOTAL),
        disclosure="om",
        sources=SOURCES,
    ),
    TableSpec(
        id="jaarcijfers.tekst_berechte_geslacht",
        number="Tekst bij Figuur 23",
        title_nl="Geslacht van berechte verdachten (procent)",
        title_en="Sex of tried suspects (percent)",
        source=OM,
        unit=SUSPECTS,
        rows=Dimension(
            "geslacht",
            (_share("Man", "u.geslacht = 'man'"), _share("Vrouw", "u.geslacht = 'vrouw'")),
        ),
        columns=(YEARS, JUDGED_FORMS_TOTAL),
        disclosure="om",
        sources=SOURCES,
    ),
    TableSpec(
        id="jaarcijfers.tekst_berechte_herkomst",
        number="Tekst bij Figuur 24",
        title_nl="Herkomst (geboorteland) van berechte verdachten (procent)",
        title_en="Origin (country of birth) of tried suspects (percent)",
        source=OM,
        unit=SUSPECTS,
        rows=Dimension(
            "herkomst",
            (
                _share("Nederland", "u.herkomst = 'nederland'"),
                _share("EU+EER+Zwitserland", "u.herkomst = 'eer'"),
                _share("Overig", "u.herkomst = 'overig'"),
            ),
        ),
        columns=(YEARS, JUDGED_FORMS_TOTAL),
        disclosure="om",
        sources=SOURCES,
    ),
)
"""Numbers the running text of 'Vervolging' and 'Berechting in eerste aanleg' states."""

VERVOLGING: tuple[TableSpec, ...] = FIGURES + TEXT
"""Everything this module adds to the Jaarcijfers catalogue."""
