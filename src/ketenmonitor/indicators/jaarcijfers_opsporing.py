"""The catalogue of the Jaarcijfers Mensenhandel, chapter 2 'Opsporing' and 'Hoger beroep en
cassatie': Figures 13, 14, 20 and 21 of the Jaarcijfers 2024 (../shared/seeds/
001_1558bd93ea62a2c9.txt, lines 395-450 and 558-609) and the numbers the text beside them
states, for any reporting year Y with the years Y-4..Y (Figuur 14: Y-3..Y, there are no suspect
figures for 2020, line 740).

Unit views: ``opsporingsonderzoeken``, ``verdachten_opsporing`` and ``rechtspraak_tabellen``
(``ketenmonitor.domain.investigations``). ``jaarcijfers`` imports ``OPSPORING`` into its
catalogue; this module imports nothing from it.
"""

from __future__ import annotations

from ketenmonitor.indicators import Category, ColumnBlock, Dimension, TableSpec

EMM_BEWERKT = "Bron: EMM, bewerking Nationaal Rapporteur"
RECHTSPRAAK = "Bron: Raad voor de rechtspraak"
ROUNDED_NOTE = "De cijfers zijn afgerond op vijftallen."

ONDERZOEKEN = "opsporingsonderzoeken"
VERDACHTEN = "verdachten_opsporing"
RECHTSPRAAK_TABELLEN = "rechtspraak_tabellen"

YEARS = ColumnBlock("years")
FIVE_YEARS = Dimension("jaar", (Category("Totaal vijf jaar"),))
"""A single column over the whole window Y-4..Y (with ``ColumnBlock(window=True)``)."""

FORMS_EMM = Dimension(
    "vormen",
    (
        Category(
            "Seksuele uitbuiting",
            (
                "binnenlandse_seksuele_uitbuiting",
                "internationale_seksuele_uitbuiting",
                "seksuele_uitbuiting_onbekend",
            ),
        ),
        Category("Arbeidsuitbuiting", ("arbeidsuitbuiting",)),
        Category("Criminele uitbuiting", ("criminele_uitbuiting",)),
        Category("Overig/onbekend", ("gedwongen_orgaanverwijdering", "onbekend")),
    ),
    multi=True,
)

NLA_ZONDER_U02 = "u.instantie = 'NLA' AND NOT list_contains(u.ca_codes, 'U02')"
"""Investigations that are labour exploitation only because the NLA ran them (line 738)."""


def _rechtspraak(*cats: tuple[str, str]) -> Dimension:
    return Dimension("reeks", tuple(Category(label, (code,)) for label, code in cats))


FIGURES: tuple[TableSpec, ...] = (
    TableSpec(
        id="jaarcijfers.figuur_13",
        number="Figuur 13",
        title_nl="Aantal gestarte opsporingsonderzoeken naar vorm van mensenhandel",
        title_en="Investigations started, by form of trafficking",
        source=EMM_BEWERKT,
        unit=ONDERZOEKEN,
        rows=FORMS_EMM,
        row_header="Vorm van mensenhandel",
        columns=(YEARS,),
        disclosure="emm",
        sources=("emm",),
        notes=(
            "De aantallen tellen op tot meer dan het in de tekst genoemde totaal aantal "
            "opsporingsonderzoeken, omdat een opsporingsonderzoek meerdere vormen van "
            "mensenhandel kan betreffen.",
        ),
    ),
    TableSpec(
        id="jaarcijfers.figuur_14",
        number="Figuur 14",
        title_nl="Aantal verdachten van mensenhandel in opsporingsonderzoeken naar geslacht",
        title_en="Suspects of trafficking in investigations, by sex",
        source="Bron: EMM",
        unit=VERDACHTEN,
        rows=Dimension(
            "geslacht",
            (
                Category("Mannen", ("man",)),
                Category("Vrouwen", ("vrouw",)),
                Category("Onbekend", ("onbekend",)),
                Category("Totaal"),
            ),
        ),
        row_header="Geslacht",
        # the EMM file has persons only since 2021 (Jaarcijfers 2024, line 740)
        columns=(ColumnBlock("years", years=4),),
        disclosure="emm",
        sources=("emm",),
        notes=("Voor 2020 zijn geen cijfers over verdachten beschikbaar.",),
    ),
    TableSpec(
        id="jaarcijfers.figuur_20",
        number="Figuur 20",
        title_nl=(
            "Aantal hoger beroepen in mensenhandelzaken naar type eindarrest naar jaar van "
            "afdoening in hoger beroep"
        ),
        title_en="Appeals in trafficking cases by type of final judgment, by year of disposal",
        source=RECHTSPRAAK,
        unit=RECHTSPRAAK_TABELLEN,
        rows=_rechtspraak(
            ("Totaal aantal zaken met eindarrest in hoger beroep", "eindarrest/totaal"),
            ("Eindarrest vrijspraak", "eindarrest/vrijspraak"),
            ("Eindarrest schuldigverklaring", "eindarrest/schuldigverklaring"),
            (
                "Eindarrest schuldigverklaring, waarin specifiek mensenhandel bewezen verklaard",
                "eindarrest/schuldigverklaring_mh",
            ),
            ("Eindarrest overig", "eindarrest/overig"),
        ),
        columns=(YEARS,),
        disclosure="rechtspraak",
        value="delivered",
        sources=("rechtspraak",),
        notes=(
            "De cijfers zijn afgerond op vijftallen. Aantallen kleiner dan 10 zijn weergegeven "
            "als '<10'.",
            "Een mensenhandelzaak kan over meer (strafbare) feiten gaan dan alleen mensenhandel. "
            "Het hoger beroep kan ingesteld zijn voor het mensenhandelfeit, voor een ander feit "
            "of voor een combinatie.",
        ),
    ),
    TableSpec(
        id="jaarcijfers.figuur_21",
        number="Figuur 21",
        title_nl="Aantal cassaties in mensenhandelzaken naar jaar van afdoening in hoger beroep",
        title_en="Cassation appeals in trafficking cases, by year of disposal in appeal",
        source=RECHTSPRAAK,
        unit=RECHTSPRAAK_TABELLEN,
        rows=_rechtspraak(("Cassatie ingesteld", "cassatie")),
        columns=(YEARS,),
        disclosure="rechtspraak",
        value="delivered",
        sources=("rechtspraak",),
        notes=(ROUNDED_NOTE,),
    ),
)

TEXT: tuple[TableSpec, ...] = (
    TableSpec(
        id="jaarcijfers.tekst_opsporingsonderzoeken",
        number="Tekst bij Figuur 13",
        title_nl="Gestarte opsporingsonderzoeken naar mensenhandel (elk onderzoek één keer)",
        title_en="Investigations started (each investigation once)",
        source=EMM_BEWERKT,
        unit=ONDERZOEKEN,
        rows=Dimension("jaar", (Category("Gestarte opsporingsonderzoeken"),)),
        columns=(YEARS, ColumnBlock("breakdown", FIVE_YEARS, window=True)),
        disclosure="emm",
        sources=("emm",),
    ),
    TableSpec(
        id="jaarcijfers.tekst_opsporingsonderzoeken_gemiddelde",
        number="Tekst bij Figuur 13",
        title_nl="Vijfjarig gemiddelde van het aantal gestarte opsporingsonderzoeken per jaar",
        title_en="Five-year mean of investigations started per year",
        source=EMM_BEWERKT,
        unit=ONDERZOEKEN,
        rows=Dimension(
            "jaar",
            # 0.2 * count: the window has five years; a mean, shown as computed
            (Category("Gemiddeld per jaar", measure="0.2 * count(*)"),),
        ),
        columns=(
            ColumnBlock("breakdown", Dimension("jaar", (Category("Vijf jaar"),)), window=True),
        ),
        disclosure="emm",
        sources=("emm",),
    ),
    TableSpec(
        id="jaarcijfers.tekst_nla_zonder_u02",
        number="Toelichting EMM-data",
        title_nl=(
            "Opsporingsonderzoeken naar arbeidsuitbuiting waarbij de CA-code niet U02 is, "
            "maar de partij wel de NLA"
        ),
        title_en="Labour exploitation investigations by the NLA without CA-code U02",
        source=EMM_BEWERKT,
        unit=ONDERZOEKEN,
        rows=Dimension("instantie", (Category("NLA zonder CA-code U02", sql=NLA_ZONDER_U02),)),
        columns=(YEARS, ColumnBlock("breakdown", FIVE_YEARS, window=True)),
        disclosure="emm",
        sources=("emm",),
    ),
    TableSpec(
        id="jaarcijfers.tekst_verdachten_leeftijd",
        number="Tekst bij Figuur 14",
        title_nl=(
            "Verdachten in opsporingsonderzoeken van wie de leeftijd bekend is, naar "
            "leeftijd bij aanvang van het onderzoek"
        ),
        title_en="Suspects of known age by age at the start of the investigation",
        source="Bron: EMM",
        unit=VERDACHTEN,
        where="u.leeftijdscategorie <> 'onbekend'",
        rows=Dimension(
            "leeftijdscategorie",
            (
                Category("Minderjarig", ("minderjarig",)),
                Category("Meerderjarig", ("meerderjarig",)),
            ),
        ),
        row_header="Leeftijd",
        columns=(ColumnBlock("total"), ColumnBlock("share")),
        disclosure="emm",
        sources=("emm",),
    ),
    TableSpec(
        id="jaarcijfers.tekst_verdachten_nationaliteit",
        number="Tekst bij Figuur 14",
        title_nl="Verdachten in opsporingsonderzoeken naar nationaliteit",
        title_en="Suspects in investigations by nationality",
        source="Bron: EMM",
        unit=VERDACHTEN,
        rows=Dimension(
            "nationaliteit",
            (
                Category("Nederlandse", ("NL",)),
                Category("Roemeense", ("RO",)),
                Category("Bulgaarse", ("BG",)),
                Category(
                    "Overige",
                    sql="u.nationaliteit IS NOT NULL AND u.nationaliteit NOT IN ('NL', 'RO', 'BG')",
                ),
                Category("Onbekend", sql="u.nationaliteit IS NULL"),
            ),
        ),
        row_header="Nationaliteit",
        columns=(ColumnBlock("total"),),
        disclosure="emm",
        sources=("emm",),
    ),
    TableSpec(
        id="jaarcijfers.tekst_hoger_beroep_insteller",
        number="Tekst bij Figuur 20",
        title_nl="Hoger beroepen in mensenhandelzaken naar wie het hoger beroep instelde",
        title_en="Appeals in trafficking cases by who lodged the appeal",
        source=RECHTSPRAAK,
        unit=RECHTSPRAAK_TABELLEN,
        rows=_rechtspraak(
            ("Verdachte", "insteller/verdachte"),
            ("OM", "insteller/om"),
            ("Beide", "insteller/beide"),
        ),
        row_header="Ingesteld door",
        columns=(ColumnBlock("total"),),
        disclosure="rechtspraak",
        value="delivered",
        sources=("rechtspraak",),
        notes=(ROUNDED_NOTE,),
    ),
    TableSpec(
        id="jaarcijfers.tekst_hoger_beroep_vijf_jaar",
        number="Tekst bij Figuur 20 en 21",
        title_nl="Hoger beroepen, schuldigverklaringen en cassaties over vijf jaar",
        title_en="Appeals, findings of guilt and cassation appeals over five years",
        source=RECHTSPRAAK,
        unit=RECHTSPRAAK_TABELLEN,
        rows=_rechtspraak(
            ("Totaal aantal zaken met eindarrest in hoger beroep", "eindarrest/totaal"),
            ("Eindarrest schuldigverklaring", "eindarrest/schuldigverklaring"),
            ("Cassatie ingesteld", "cassatie"),
        ),
        columns=(ColumnBlock("breakdown", FIVE_YEARS, window=True),),
        disclosure="rechtspraak",
        value="delivered",
        sources=("rechtspraak",),
        notes=("Som van op vijftallen afgeronde aantallen.",),
    ),
)
"""Numbers the running text beside Figures 13, 14, 20 and 21 states."""

OPSPORING: tuple[TableSpec, ...] = FIGURES + TEXT
