"""The catalogue of the Dadermonitor mensenhandel 2015-2019, chapter 3 'Signalering'
(../shared/seeds/000_4e969fc2f04dad69.txt, lines 3560-4330): police incidents from CBS/BVH
microdata, for any reporting year Y with the years Y-4..Y.

Unit views: ``politie_incidenten`` and ``politie_personen`` (``ketenmonitor.domain.police``).
Every count is rounded to fives by CBS (appendix B1.3.3): ``disclosure="cbs"``.
"""

from __future__ import annotations

from dataclasses import replace

from ketenmonitor.domain.police import KLASSEN
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

GEMIDDELD = ColumnBlock("measure", label="Gemiddeld per jaar", expr="count(*) / 5", window=True)
"""Tabel 3.2: the yearly average over the five years, in whole incidents."""
PER_10000 = ColumnBlock(
    "measure",
    label="Gemiddeld per tienduizend inwoners",
    expr="count(*) / 5 / any_value(u.inwoners) * 10000",
    decimals=2,
    window=True,
)
"""Tabel 3.2: the yearly average per 10,000 inhabitants on 1 January 2019 (``LOKAAL_REGEL``)."""

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
        title_nl="Aantal geregistreerde incidenten in tien gemeenten per jaar, gemiddeld",
        source=CBS,
        unit=INCIDENTEN,
        where="u.lokaal",
        rows=Dimension("gemeente_naam", top=10, top_years=5, numbered=False),
        columns=(YEARS, WINDOW, GEMIDDELD),
        disclosure="cbs",
        sources=("politie", "ref_gemeenten", "ref_gemeente_herindeling"),
        notes=(
            "De tien gemeenten met de meeste incidenten in de vijf jaar; gemeentelijke indeling "
            "2019.",
        ),
    ),
)
"""Chapter 3's tables in the catalogue (``build``)."""

OVERIGE_FEITEN = Dimension(
    "overige_feiten",
    (
        Category("Vermogen", ("CAT-VERMOGEN",)),
        Category("Verkeer", ("CAT-VERKEER",)),
        Category("Vernieling", ("CAT-VERNIELING",)),
        Category("Mishandeling", ("CAT-MISHANDELING",)),
        Category("Fraude", ("CAT-FRAUDE",)),
        Category("Persoonlijke vrijheid", ("CAT-VRIJHEID",)),
        Category("Drugs", ("CAT-DRUGS",)),
        Category("Zeden", ("CAT-ZEDEN",)),
        Category("Doodslag of moord", ("CAT-DOODSLAG",)),
        Category("Overige delicten", ("CAT-OVERIG",)),
    ),
    multi=True,
)
"""Tabel 3.1's categories of the other offences on an incident (lines 3789-3795)."""

TABEL_3_2 = next(s for s in SIGNALERING if s.id == "dadermonitor.tabel_3_2")

SIGNALERING_PENDING: tuple[TableSpec, ...] = (
    TableSpec(
        id="dadermonitor.tabel_3_1",
        number="Tabel 3.1",
        title_nl="Aard van de overige feiten naast mensenhandel in de incidenten",
        source=CBS,
        unit=INCIDENTEN,
        row_header="Delictscategorie",
        rows=OVERIGE_FEITEN,
        columns=(
            ColumnBlock(
                "breakdown",
                Dimension("jaar", (Category("Aantal incidenten met overig feit"),)),
                window=True,
            ),
            ColumnBlock(
                "share",
                label="Percentage ten opzichte van incidenten met andere feiten",
                base="len(u.overige_feiten) > 0",
                decimals=1,
            ),
            ColumnBlock(
                "share",
                label="Percentage ten opzichte van alle incidenten",
                base="true",
                decimals=1,
            ),
        ),
        disclosure="cbs",
        sources=("politie",),
        notes=("Een incident kan feiten uit meerdere categorieën hebben.",),
    ),
    replace(
        TABEL_3_2,
        title_nl="Aantal geregistreerde incidenten in tien gemeenten per jaar, gemiddeld en "
        "gemiddeld per tienduizend inwoners",
        columns=(YEARS, WINDOW, GEMIDDELD, PER_10000),
        sources=(*TABEL_3_2.sources, "ref_bevolking"),
    ),
    TableSpec(
        id="dadermonitor.figuur_3_4",
        number="Figuur 3.4",
        title_nl="Pleeggemeente van door de politie geregistreerde mensenhandelincidenten, naar "
        "categorie van aantal incidenten",
        source=CBS,
        unit="politie_gemeenten",
        row_header="Aantal incidenten in vijf jaar",
        rows=Dimension(
            "klasse",
            (*(Category(f"{k} incidenten", (k,)) for _, k in KLASSEN), Category("Totaal")),
        ),
        columns=(ColumnBlock("total", label="Aantal gemeenten"),),
        disclosure="cbs",
        sources=("politie", "ref_gemeenten", "ref_gemeente_herindeling"),
        notes=("Alle gemeenten van de indeling 2019 (N=355), ook die zonder incidenten.",),
    ),
    TableSpec(
        id="dadermonitor.tabel_b2_1",
        number="Tabel B2.1",
        title_nl="Pleeggemeente van door de politie geregistreerde mensenhandelincidenten, naar "
        "categorie van aantal incidenten",
        source=CBS,
        unit="politie_gemeenten",
        row_header="Pleeggemeente",
        rows=Dimension("gemeente_naam", top=1000, numbered=False),
        columns=(
            ColumnBlock(
                "measure",
                label="Aantal geregistreerde mensenhandelincidenten in de vijf jaar",
                expr="any_value(u.incidenten)",
                classes=tuple((b, f"{k} incidenten") for b, k in KLASSEN),
            ),
        ),
        disclosure="cbs",
        sources=("politie", "ref_gemeenten", "ref_gemeente_herindeling"),
        notes=(
            "Alle gemeenten volgens de gemeentelijke indeling van 2019; incidenten zonder "
            "bekende pleeggemeente tellen niet mee.",
        ),
    ),
)
"""Chapter 3's tables that the engine computes and the tests check, but that are not in the
catalogue yet: the disclosure layer prints percentages in whole percents only (Tabel 3.1 has
one decimal, and '<1%' / '<0,3%' beside a '<5' count), shows means as whole numbers (Tabel 3.2's
'0,90' per 10,000 inhabitants) and has no class-label cells (Figuur 3.4's classes and Tabel
B2.1); Figuur 3.4 counts municipalities, which CBS rounding should not touch. The full Tabel 3.2
replaces the catalogue's once the disclosure layer prints decimals."""
