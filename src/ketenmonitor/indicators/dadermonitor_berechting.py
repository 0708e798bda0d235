"""The catalogue of the Dadermonitor mensenhandel 2015-2019, chapter 6 'Berechting in eerste
aanleg': Figuur 6.1-6.7, Tabel 6.1, 6.2 and the text's numbers (../shared/seeds/
000_4e969fc2f04dad69.txt, lines 6180-7060; appendix B1.5, lines 9628-9743), for any five-year
period Y-4..Y.

Unit view: ``dm_berechte_zaken`` (``ketenmonitor.domain.trial``): the cases judged in first
instance in which trafficking was charged, by year of the judgment, in every OM snapshot; each
table counts the one the Dadermonitor counts (``DADERMONITOR_PEILDATUM``: for 2015-2019 the
extract of April 2020). The form is chapter 6's four forms and onbekend (``VORM_BERECHTING_DM``).

``dadermonitor.tekst_6`` holds the text's numbers and, per form, the numbers of the chain figure
of appendix B1.8 (judged 721, convicted for trafficking 479, possibly convicted 57, sentenced
464, (partly) unconditional custodial sentences 426 with their mean duration 618 days).
Tabel 6.1's percentages are whole percents of the cases of each form (a measure row, printed
without '%'); its column headers name the form without the n of the print.
"""

from __future__ import annotations

from ketenmonitor.domain.cases import dadermonitor_snapshot_sql
from ketenmonitor.indicators import Category, ColumnBlock, Dimension, TableSpec
from ketenmonitor.indicators.dadermonitor_vervolging import DISCLOSURE, JAAR, RAC_MIN, SOURCES

UNIT = "dm_berechte_zaken"
YEARS = ColumnBlock("years")

FORMS = (
    ("Binnenlandse seksuele uitbuiting", "BL-SU", "bl_su", "Domestic sexual exploitation"),
    ("Grensoverschrijdende seksuele uitbuiting", "GO-SU", "go_su", "Cross-border sexual"),
    ("Arbeidsuitbuiting", "AU", "au", "Labour exploitation"),
    ("Criminele uitbuiting", "CU", "cu", "Criminal exploitation"),
    ("Onbekend", "Onbekend", "onbekend", "Unknown"),
)
"""Chapter 6's forms: row label, column label (the abbreviations of its figures), code."""

FORM_ROWS = Dimension("vorm", tuple(Category(label, (code,), en) for label, _, code, en in FORMS))
FORM_COLUMNS = Dimension("vorm", tuple(Category(short, (code,)) for _, short, code, _ in FORMS))

UITSPRAKEN = Dimension(
    "uitspraak",
    (
        Category("Einduitspraak niet in de tekst (rij verloren)", ("overig",)),
        Category("Uitspraak onbekend (ter terechtzitting gevoegd)", ("onbekend_gevoegd",)),
        Category(
            "Veroordeling (onbekend ten aanzien van mensenhandel en/of andere feiten)",
            ("veroordeling_onbekend",),
        ),
        Category("OM niet ontvankelijk", ("om_niet_ontvankelijk",)),
        Category("Dagvaarding nietig", ("dagvaarding_nietig",)),
        Category(
            "Vrijspraak mensenhandel (ter terechtzitting gevoegd)", ("vrijspraak_mh_gevoegd",)
        ),
        Category(
            "Vrijspraak mensenhandel (veroordeling andere feiten)",
            ("vrijspraak_mh_andere_feiten",),
        ),
        Category("Volledige vrijspraak", ("vrijspraak",)),
        Category("Ontslag van alle rechtsvervolging", ("ovar",)),
        Category(
            "Veroordeling mensenhandel (voeging ter terechtzitting)",
            ("veroordeling_mh_voeging",),
        ),
        Category("Veroordeling mensenhandel", ("veroordeling_mh",)),
        Category("Totaal"),
    ),
)
"""Figuur 6.3's rows (``UITSPRAAK_DM``), the row lost in the extraction first."""

HOOFDSTRAFFEN = Dimension(
    "zwaarste_hoofdstraf",
    (
        Category("Geldboete als zwaarste hoofdstraf", ("geldboete",)),
        Category("Taakstraf als zwaarste hoofdstraf", ("taakstraf",)),
        Category("Geheel voorwaardelijke vrijheidsstraf", ("voorwaardelijk",)),
        Category("Deels voorwaardelijke vrijheidsstraf", ("deels_voorwaardelijk",)),
        Category("Geheel onvoorwaardelijke vrijheidsstraf", ("onvoorwaardelijk",)),
        Category("Totaal"),
    ),
)
"""Figuur 6.4's rows (``ZWAARSTE_HOOFDSTRAF``), lightest first as printed."""

STRAFDUURKLASSEN = Dimension(
    "strafduurklasse",
    (
        Category("2 jaar of langer", ("2_jaar_of_langer",)),
        Category("1 tot 2 jaar", ("1_2_jaar",)),
        Category("6 tot 12 maanden", ("6_12_maanden",)),
        Category("6 maanden of korter", ("kort",)),
        Category("Totaal"),
    ),
)
"""Figuur 6.5's rows (``STRAFDUUR``); the last two were lost in the extraction."""

ANDERE_FEITEN = (
    ("Witwassen", "witwassen"),
    ("Zeden", "zeden"),
    ("Vermogen", "vermogen"),
    ("Geweld", "geweld"),
    ("Overige misdrijven WvSr", "overige_misdrijven_wvsr"),
    ("Drugs", "drugs"),
    ("Wapens", "wapens"),
    ("Criminele organisatie", "criminele_organisatie"),
    ("Vrijheidsbeneming", "vrijheidsbeneming"),
    ("Mensensmokkel", "mensensmokkel"),
    ("Overige wetten", "overige_wetten"),
)
"""Tabel 6.1's rows (``ANDERE_FEITEN``)."""

MAATREGELEN = Dimension(
    "maatregelen",
    (
        Category(
            "Terbeschikkingstelling / Plaatsing in een inrichting voor jeugdigen (tbs/PIJ)",
            ("tbs_pij",),
        ),
        Category("Contactverbod", ("contactverbod",)),
        Category("Gebiedsverbod", ("gebiedsverbod",)),
        Category("Maatregel gedragsbeïnvloeding jeugdigen (GBM)", ("gbm",)),
        Category("Schadevergoeding", ("schadevergoeding",)),
        Category("Onttrekking aan het verkeer", ("onttrekking",)),
        Category("Verbeurdverklaring", ("verbeurdverklaring",)),
    ),
    multi=True,
)
"""Tabel 6.2's rows (``MAATREGELEN``)."""

MEAN_DAYS = "avg(u.onvoorwaardelijk_dagen)"


def _period(year: int, label: str = "") -> ColumnBlock:
    return ColumnBlock(
        "breakdown", Dimension("jaar", (Category(label or f"{year - 4}-{year}"),)), window=True
    )


def _percent(label: str, condition: str) -> Category:
    return Category(label, measure=f"100 * avg(CASE WHEN {condition} THEN 1 ELSE 0 END)")


def dm_berechting(year: int = JAAR) -> tuple[TableSpec, ...]:
    """Figuur 6.1-6.7, Tabel 6.1, 6.2 and the text's numbers for reporting year ``year`` (the
    window Y-4..Y), from the OM extract of April Y+1 (``DADERMONITOR_PEILDATUM``)."""
    span = f"{year - 4}-{year}"
    snapshot = dadermonitor_snapshot_sql(year)
    source = f"{RAC_MIN} (peildatum april {year + 1})"
    forms = ColumnBlock("breakdown", FORM_COLUMNS, window=True)
    common = {"source": source, "disclosure": DISCLOSURE, "sources": SOURCES, "unit": UNIT}
    sentenced = f"u.strafoplegging_mh AND {snapshot}"
    custodial = f"{sentenced} AND u.onvoorwaardelijk_dagen IS NOT NULL"
    return (
        TableSpec(
            id="dadermonitor.figuur_6_1",
            number="Figuur 6.1",
            title_nl=(
                f"Het aantal in eerste aanleg afgedane zaken naar mensenhandelvorm, per jaar {span}"
            ),
            title_en="Cases judged in first instance by form of trafficking, per year",
            where=snapshot,
            rows=Dimension("vorm", (*FORM_ROWS.categories, Category("Totaal"))),
            columns=(YEARS, _period(year)),
            **common,  # type: ignore[arg-type]
        ),
        TableSpec(
            id="dadermonitor.figuur_6_2",
            number="Figuur 6.2",
            title_nl=(
                "Andere strafbare feiten naast mensenhandel bij de in eerste aanleg afgedane "
                f"zaken, per mensenhandelvorm en per jaar {span}"
            ),
            title_en="Other offences besides trafficking in judged cases, by form and year",
            where=snapshot,
            rows=Dimension(
                "andere_feiten_bool",
                (
                    Category("Uitsluitend mensenhandel", sql="NOT u.andere_feiten_bool"),
                    Category(
                        "Ook andere strafbare feiten dan mensenhandel",
                        sql="u.andere_feiten_bool",
                    ),
                    Category("Totaal"),
                ),
            ),
            columns=(YEARS, forms, _period(year)),
            **common,  # type: ignore[arg-type]
        ),
        TableSpec(
            id="dadermonitor.tabel_6_1",
            number="Tabel 6.1",
            title_nl=(
                "Aard van de strafbare feiten naast mensenhandel in de in eerste aanleg "
                f"afgedane zaken naar mensenhandelvorm, periode {span}"
            ),
            title_en="Other offences in judged cases by category and form (% of the cases)",
            where=snapshot,
            rows=Dimension(
                "andere_feiten",
                tuple(
                    _percent(label, f"list_contains(u.andere_feiten, '{code}')")
                    for label, code in ANDERE_FEITEN
                ),
            ),
            row_header="Delictscategorie",
            columns=(forms, _period(year)),
            notes=(
                "Percentage ten opzichte van alle in eerste aanleg afgedane zaken per "
                "categorie; een zaak telt in elke categorie van haar andere feiten.",
            ),
            **common,  # type: ignore[arg-type]
        ),
        TableSpec(
            id="dadermonitor.figuur_6_3",
            number="Figuur 6.3",
            title_nl=(
                "Einduitspraken van de in eerste aanleg afgedane zaken, per mensenhandelvorm "
                f"en per jaar {span}"
            ),
            title_en="Final verdicts of the cases judged in first instance, by form and year",
            where=snapshot,
            rows=UITSPRAKEN,
            columns=(YEARS, forms, _period(year)),
            notes=(
                "Vijf zaken staan in geen van de afgedrukte rijen (een rij ging verloren bij de "
                "tekstextractie); de schuldigverklaring zonder straf telt als veroordeling.",
            ),
            **common,  # type: ignore[arg-type]
        ),
        TableSpec(
            id="dadermonitor.figuur_6_4",
            number="Figuur 6.4",
            title_nl=(f"Zwaarst opgelegde hoofdstraffen, per mensenhandelvorm en per jaar {span}"),
            title_en="Heaviest principal sentence, by form and year",
            where=sentenced,
            rows=HOOFDSTRAFFEN,
            columns=(YEARS, forms, _period(year)),
            **common,  # type: ignore[arg-type]
        ),
        TableSpec(
            id="dadermonitor.figuur_6_5",
            number="Figuur 6.5",
            title_nl=(
                "Duur van de onvoorwaardelijke vrijheidsstraffen voor mensenhandel, per "
                f"mensenhandelvorm en per jaar {span}"
            ),
            title_en="Length of the unconditional custodial sentences, by form and year",
            where=custodial,
            rows=STRAFDUURKLASSEN,
            columns=(YEARS, forms, _period(year)),
            **common,  # type: ignore[arg-type]
        ),
        TableSpec(
            id="dadermonitor.figuur_6_6",
            number="Figuur 6.6",
            title_nl=(
                "De gemiddelde duur van de onvoorwaardelijke vrijheidsstraffen in dagen, per "
                f"mensenhandelvorm, en per jaar {span}"
            ),
            title_en="Mean length in days of the unconditional custodial sentences",
            where=custodial,
            rows=Dimension(
                "vorm",
                (
                    *(
                        Category(c.label_nl, c.codes, c.label_en, measure=MEAN_DAYS)
                        for c in FORM_ROWS.categories
                    ),
                    Category("Gemiddelde straf in dagen", measure=MEAN_DAYS),
                ),
            ),
            columns=(YEARS, _period(year)),
            notes=("Een lege cel: geen (deels) onvoorwaardelijke vrijheidsstraf.",),
            **common,  # type: ignore[arg-type]
        ),
        TableSpec(
            id="dadermonitor.tabel_6_2",
            number="Tabel 6.2",
            title_nl=(
                "Opgelegde maatregelen en bijkomende straffen in de zaken die in eerste aanleg "
                f"tot een veroordeling met strafoplegging voor mensenhandel hebben geleid {span}"
            ),
            title_en="Measures and additional sentences in cases convicted of trafficking",
            where=f"u.uitspraak = 'veroordeling_mh' AND {snapshot}",
            rows=MAATREGELEN,
            row_header="Maatregel of bijkomende straf",
            columns=(_period(year, "Aantal"), ColumnBlock("share", base="true")),
            notes=("Percentage van alle zaken met een veroordeling voor mensenhandel.",),
            **common,  # type: ignore[arg-type]
        ),
        TableSpec(
            id="dadermonitor.figuur_6_7",
            number="Figuur 6.7",
            title_nl=(
                "De gemiddelde duur van de doorlooptijden in dagen per mensenhandelvorm, over "
                f"de periode {span}"
            ),
            title_en="Mean processing times in days by form",
            where=f"u.geldige_data AND {snapshot}",
            rows=Dimension(
                "doorlooptijd",
                (
                    Category(
                        "Gemiddelde duur in dagen tussen afdoening OM en vonnis",
                        measure="avg(u.doorlooptijd_rechtbank)",
                    ),
                    Category(
                        "Gemiddelde duur in dagen tussen instroom OM en afdoening OM",
                        measure="avg(u.doorlooptijd_om)",
                    ),
                    Category(
                        "Gemiddelde doorlooptijd (totaal)", measure="avg(u.doorlooptijd_totaal)"
                    ),
                ),
            ),
            columns=(forms, _period(year)),
            notes=("Zonder de zaken met een onmogelijke datum van afhandeling of vonnis.",),
            **common,  # type: ignore[arg-type]
        ),
        TableSpec(
            id="dadermonitor.tekst_6",
            number="Tekst hoofdstuk 6",
            title_nl=f"Berechting in eerste aanleg: de getallen uit de tekst, {span}",
            title_en="Trial in first instance: the numbers of the text",
            where=snapshot,
            rows=Dimension(
                "tekst",
                (
                    Category("In eerste aanleg afgedane zaken"),
                    Category(
                        "Veroordeling voor mensenhandel (ook na voeging ter terechtzitting)",
                        sql="u.veroordeeld_mh",
                    ),
                    Category(
                        "Mogelijk veroordeeld (einduitspraak onbekend)",
                        sql="u.mogelijk_veroordeeld",
                    ),
                    Category(
                        "Veroordeling met strafoplegging voor mensenhandel",
                        sql="u.strafoplegging_mh",
                    ),
                    Category(
                        "(Deels) onvoorwaardelijke vrijheidsstraf",
                        sql="u.strafoplegging_mh AND u.onvoorwaardelijk_dagen IS NOT NULL",
                    ),
                    Category(
                        "Gemiddelde onvoorwaardelijke strafduur in dagen",
                        measure=(
                            "avg(CASE WHEN u.strafoplegging_mh THEN u.onvoorwaardelijk_dagen END)"
                        ),
                    ),
                    _percent("Percentage veroordeeld voor mensenhandel", "u.veroordeeld_mh"),
                    _percent("Percentage met hoger beroep", "coalesce(u.hoger_beroep, false)"),
                    _percent(
                        "Percentage hoger beroep uitsluitend door de verdachte",
                        "u.hoger_beroep_door = 'verdachte'",
                    ),
                    _percent(
                        "Percentage hoger beroep uitsluitend door het OM",
                        "u.hoger_beroep_door = 'om'",
                    ),
                    _percent(
                        "Percentage hoger beroep door de verdachte en het OM",
                        "u.hoger_beroep_door = 'beide'",
                    ),
                    Category("Zaken met geldige data voor de doorlooptijden", sql="u.geldige_data"),
                ),
            ),
            columns=(forms, _period(year)),
            notes=(
                "Per vorm ook de getallen van de ketenfiguur (bijlage B1.8): afgedaan, "
                "veroordeeld voor mensenhandel, mogelijk veroordeeld, strafoplegging, (deels) "
                "onvoorwaardelijke vrijheidsstraf en de gemiddelde duur daarvan.",
            ),
            **common,  # type: ignore[arg-type]
        ),
    )


DM_BERECHTING: tuple[TableSpec, ...] = dm_berechting(JAAR)
