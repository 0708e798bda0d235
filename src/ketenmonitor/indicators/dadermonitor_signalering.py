"""The catalogue of the Dadermonitor mensenhandel 2015-2019, chapter 3 'Signalering'
(../shared/seeds/000_4e969fc2f04dad69.txt, lines 3560-4330): police incidents from CBS/BVH
microdata, for any reporting year Y with the years Y-4..Y.

Unit views: ``politie_incidenten`` and ``politie_personen`` (``ketenmonitor.domain.police``).
Every count is rounded to fives by CBS (appendix B1.3.3): ``disclosure="cbs"``.
"""

from __future__ import annotations

from ketenmonitor.indicators import Category, ColumnBlock, Dimension, TableSpec

CBS = "Bron: CBS-databestanden"
INCIDENTEN = "politie_incidenten"
YEARS = ColumnBlock("years")
WINDOW = ColumnBlock("breakdown", Dimension("jaar", (Category("Totaal vijf jaar"),)), window=True)

VORM5 = Dimension(
    "vorm",
    (
        Category("Uitbuitingsvorm onbekend", ("onbekend",)),
        Category("Overige uitbuiting", ("overig",)),
        Category("Criminele uitbuiting", ("crimineel",)),
        Category("Arbeidsuitbuiting", ("arbeid",)),
        Category("Seksuele uitbuiting", ("seksueel",)),
        Category("Totaal"),
    ),
)
VORM4_COLS = Dimension(
    "vorm4",
    (
        Category("Seksuele uitbuiting", ("seksueel",)),
        Category("Arbeidsuitbuiting", ("arbeid",)),
        Category("Criminele uitbuiting", ("crimineel",)),
        Category("Onbekend", ("onbekend",)),
    ),
)
EENHEDEN = Dimension(
    "politie_eenheid",
    (
        Category("Onbekend", ("onbekend",)),
        Category("Midden-Nederland", ("MN",)),
        Category("Limburg", ("LB",)),
        Category("Noord-Holland", ("NH",)),
        Category("Zeeland West-Brabant", ("ZWB",)),
        Category("Rotterdam", ("RT",)),
        Category("Den Haag", ("DH",)),
        Category("Oost-Brabant", ("OB",)),
        Category("Noord-Nederland", ("NN",)),
        Category("Amsterdam", ("AM",)),
        Category("Oost-Nederland", ("ON",)),
        Category("Totaal", sql="u.eenheid_bekend"),
    ),
)

SIGNALERING: tuple[TableSpec, ...] = (
    TableSpec(
        id="dadermonitor.figuur_3_1",
        number="Figuur 3.1",
        title_nl="Aantal incidenten van mensenhandel en betrokken slachtoffers en verdachten",
        source=CBS,
        unit=INCIDENTEN,
        rows=Dimension(
            "jaar",
            (
                Category("Incidenten"),
                Category("Slachtoffers", measure="sum(u.slachtoffers)"),
                Category("Verdachten", measure="sum(u.verdachten)"),
            ),
        ),
        columns=(YEARS, WINDOW),
        disclosure="cbs",
        sources=("politie",),
        notes=("Betrokkenheden, geen unieke personen.",),
    ),
    TableSpec(
        id="dadermonitor.figuur_3_2",
        number="Figuur 3.2",
        title_nl="Aantal incidenten naar vorm van uitbuiting, per jaar",
        source=CBS,
        unit=INCIDENTEN,
        rows=VORM5,
        columns=(YEARS, WINDOW),
        disclosure="cbs",
        sources=("politie",),
    ),
    TableSpec(
        id="dadermonitor.figuur_3_3",
        number="Figuur 3.3",
        title_nl="Aantal geregistreerde incidenten naar regionale politie-eenheid, per "
        "uitbuitingsvorm en per jaar",
        source=CBS,
        unit=INCIDENTEN,
        rows=EENHEDEN,
        columns=(YEARS, ColumnBlock("breakdown", VORM4_COLS, window=True), WINDOW),
        disclosure="cbs",
        sources=("politie",),
        notes=("Totaal: incidenten met een bekende eenheid.",),
    ),
    TableSpec(
        id="dadermonitor.figuur_3_5",
        number="Figuur 3.5",
        title_nl="Aantal geregistreerde incidenten naar doen van aangifte, per uitbuitingsvorm "
        "per jaar",
        source=CBS,
        unit=INCIDENTEN,
        rows=Dimension(
            "aangifte",
            (
                Category("Geen aangifte", sql="NOT u.aangifte"),
                Category("Aangifte", sql="u.aangifte"),
                Category("Totaal"),
            ),
        ),
        columns=(YEARS, ColumnBlock("breakdown", VORM4_COLS, window=True), WINDOW),
        disclosure="cbs",
        sources=("politie",),
    ),
    TableSpec(
        id="dadermonitor.tabel_3_2",
        number="Tabel 3.2",
        title_nl="Aantal geregistreerde incidenten in tien gemeenten per jaar",
        source=CBS,
        unit=INCIDENTEN,
        where="u.lokaal",
        rows=Dimension("gemeente_naam", top=10),
        columns=(YEARS, WINDOW),
        disclosure="cbs",
        sources=("politie", "ref_gemeenten", "ref_gemeente_herindeling"),
        notes=(
            "Top tien volgens het verslagjaar (de engine rangschikt niet over vijf jaar); "
            "gemiddelde en per tienduizend inwoners ontbreken (zie docs/methodology/police.md).",
        ),
    ),
)
"""Chapter 3's tables as far as the engine can express them (see docs/methodology/police.md
for Figuur 3.4, Tabel 3.1, 3.3 and B2.1)."""
