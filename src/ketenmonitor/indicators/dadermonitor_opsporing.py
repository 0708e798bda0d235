"""The catalogue of the Dadermonitor mensenhandel 2015-2019, chapter 4 'Opsporing': Figuur 4.1-4.4
(../shared/seeds/000_4e969fc2f04dad69.txt, lines 4736-5130; appendix B1.4, lines 9484-9615).

Unit views (``ketenmonitor.domain.investigations``): ``opsporingsonderzoeken`` (one row per
investigation, with the Dadermonitor's single form ``vorm_dm``, rule ``DADERMONITOR_VORM``; the
ISZW-DO's corrected yearly counts replace its EMM records, rule ``JAARTELLINGEN_VERVANGEN``) and
``opsporing_onderzoeken_en_betrokkenen`` (investigations and the persons per investigation, rule
``BETROKKENEN_PER_ONDERZOEK``). The chapter has no other figure or table with numbers.

The column 'Y-4-Y' (the five-year total) is named after the period, which the engine's category
labels cannot do for any year; ``dm_opsporing(year)`` therefore builds the specs for a reporting
year and ``DM_OPSPORING`` holds those of the published period (reporting year 2019).
"""

from __future__ import annotations

from ketenmonitor.indicators import Category, ColumnBlock, Dimension, TableSpec

EMM = "Bron: EMM-databestand"
ONDERZOEKEN = "opsporingsonderzoeken"
ONDERZOEKEN_EN_BETROKKENEN = "opsporing_onderzoeken_en_betrokkenen"
JAAR = 2019
"""The reporting year of the Dadermonitor 2015-2019."""

YEARS = ColumnBlock("years")

DISCLOSURE = "emm_dadermonitor"
"""The Dadermonitor prints the EMM counts as they are, small ones included (Figuur 4.3: KMar 2 in
2017; Figuur 4.4: Landelijk 1, 2, 4; no '<5' anywhere in chapter 4), unlike the Jaarcijfers'
``emm`` rule. ``disclosure`` must know this rule name (it shows the counts unchanged, like its
pass-through rules); until it does, building these tables raises 'unknown disclosure rule'."""

FORMS_DM = Dimension(
    "vorm_dm",
    (
        Category("BL-SU", ("bl_su",), "Domestic sexual exploitation"),
        Category("GO-SU", ("go_su",), "Cross-border sexual exploitation"),
        Category("AU", ("au",), "Labour exploitation"),
        Category("CU", ("cu",), "Criminal exploitation"),
        Category("Onbekend", ("onbekend",), "Unknown"),
    ),
)
"""The Dadermonitor's forms, one per investigation (Figuur 4.2-4.4)."""

POLITIE = (
    "POL-NN", "POL-ON", "POL-MN", "POL-NH", "POL-AM", "POL-DH", "POL-RT", "POL-ZWB", "POL-OB",
    "POL-LB", "POL-LE", "POL",
)  # fmt: skip
"""The police: its units and police with unit unknown (codelist opsporingsinstantie)."""

INSTANTIES = Dimension(
    "instantie",
    (
        Category("ISZW-DO", ("NLA",), "Labour inspectorate (ISZW-DO, now NLA)"),
        Category("KMar", ("KMAR",), "Royal Netherlands Marechaussee"),
        Category("Politie", POLITIE, "Police"),
        Category("Totaal", (), "Total"),
    ),
)

EENHEDEN = Dimension(
    "instantie",
    (
        # in the published order (by the five-year total, smallest first)
        Category("Landelijk", ("POL-LE",)),
        Category("Limburg", ("POL-LB",)),
        Category("Midden-Nederland", ("POL-MN",)),
        Category("Zeeland-West-Brabant", ("POL-ZWB",)),
        Category("Oost-Brabant", ("POL-OB",)),
        Category("Rotterdam", ("POL-RT",)),
        Category("Den Haag", ("POL-DH",)),
        Category("Noord-Holland", ("POL-NH",)),
        Category("Amsterdam", ("POL-AM",)),
        Category("Noord-Nederland", ("POL-NN",)),
        Category("Oost-Nederland", ("POL-ON",)),
        Category("Totaal"),
    ),
)
"""Figuur 4.4: the ten regional units and the Landelijke Eenheid; the total is all police
investigations (a unit-unknown investigation, code POL, would count only there)."""

SOORTEN = Dimension(
    "soort",
    (
        Category("Aantal opsporingsonderzoeken", ("onderzoek",), "Investigations"),
        Category(
            "Totaal aantal betrokken personen",
            ("verdachte", "slachtoffer", "overig"),
            "Persons involved",
        ),
        Category("Aantal verdachten", ("verdachte",), "Suspects"),
        Category("Aantal slachtoffers", ("slachtoffer",), "Victims"),
        Category("Aantal overige personen", ("overig",), "Other persons"),
    ),
)


def _period(year: int) -> Dimension:
    """One column over the window Y-4..Y, named after it ('2015-2019')."""
    return Dimension("jaar", (Category(f"{year - 4}-{year}"),))


def dm_opsporing(year: int = JAAR) -> tuple[TableSpec, ...]:
    """Figuur 4.1-4.4 for reporting year ``year`` (the window Y-4..Y)."""
    period = ColumnBlock("breakdown", _period(year), window=True)
    forms = ColumnBlock("breakdown", FORMS_DM, window=True)
    span = f"{year - 4}-{year}"
    return (
        TableSpec(
            id="dadermonitor.figuur_4_1",
            number="Figuur 4.1",
            title_nl=(
                "Aantal gestarte opsporingsonderzoeken en de hierbij betrokken personen, "
                f"per jaar {span}"
            ),
            title_en="Investigations started and the persons involved, per year",
            source=EMM,
            unit=ONDERZOEKEN_EN_BETROKKENEN,
            rows=SOORTEN,
            columns=(YEARS,),
            disclosure=DISCLOSURE,
            sources=("emm",),
            notes=(
                "Personen betrokken bij de opsporingsonderzoeken van de ISZW-DO ontbreken.",
                "Een persoon telt bij elk opsporingsonderzoek waarbij hij of zij betrokken is.",
            ),
        ),
        TableSpec(
            id="dadermonitor.figuur_4_2",
            number="Figuur 4.2",
            title_nl=f"Aantal opsporingsonderzoeken naar mensenhandelvorm, per jaar {span}",
            title_en="Investigations by form of trafficking, per year",
            source=EMM,
            unit=ONDERZOEKEN,
            rows=FORMS_DM,
            columns=(YEARS, period),
            disclosure=DISCLOSURE,
            sources=("emm",),
            notes=(
                "Opsporingsonderzoeken naar seksuele uitbuiting waarvan niet bekend is of het "
                "om binnenlandse of grensoverschrijdende seksuele uitbuiting gaat, zijn "
                "meegenomen bij Onbekend.",
            ),
        ),
        TableSpec(
            id="dadermonitor.figuur_4_3",
            number="Figuur 4.3",
            title_nl=(
                "Opsporingsonderzoeken naar opsporingsinstantie, per mensenhandelvorm en per "
                f"jaar {span}"
            ),
            title_en="Investigations by investigating body, form and year",
            source=EMM,
            unit=ONDERZOEKEN,
            rows=INSTANTIES,
            columns=(YEARS, forms, period),
            disclosure=DISCLOSURE,
            sources=("emm",),
        ),
        TableSpec(
            id="dadermonitor.figuur_4_4",
            number="Figuur 4.4",
            title_nl=(
                "Opsporingsonderzoeken van de politie naar politie-eenheid, per "
                f"mensenhandelvorm en per jaar {span}"
            ),
            title_en="Police investigations by police unit, form and year",
            source=EMM,
            unit=ONDERZOEKEN,
            where="u.instantie LIKE 'POL%'",
            rows=EENHEDEN,
            columns=(YEARS, forms, period),
            disclosure=DISCLOSURE,
            sources=("emm",),
        ),
    )


DM_OPSPORING: tuple[TableSpec, ...] = dm_opsporing(JAAR)
