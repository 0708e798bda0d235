"""The catalogue of the Dadermonitor mensenhandel 2015-2019, chapter 3 'Signalering'
(../shared/seeds/000_4e969fc2f04dad69.txt, lines 3560-4330): police incidents from CBS/BVH
microdata, for any reporting year Y with the years Y-4..Y.

Unit views: ``politie_incidenten``, ``politie_personen`` and ``politie_gemeenten``
(``ketenmonitor.domain.police``); Tabel 3.3: ``slachtoffers_signalering`` (the unique victims of
the window with their traits, ``ketenmonitor.domain.persons``). Every count of incidents and
persons is rounded to fives by CBS (appendix B1.3.3): ``disclosure="cbs"``, whose percentages
beside a suppressed count are upper bounds (Tabel 3.1: '<0,3%'); Tabel 3.3's percentages and
mean ages are rows of means, printed as computed. Figuur 3.4 and Tabel B2.1 count
municipalities, not persons or incidents: ``disclosure="cbs_gebieden"`` (no rounding, no
small-cell suppression; the class of a municipality is the protection). Means are printed with
their decimals (Tabel 3.2: '0,90' per 10,000 inhabitants) and Tabel B2.1's cells are class
labels (``disclosure/rules.toml``, ``docs/disclosure.md``).
"""

from __future__ import annotations

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

SLACHTOFFERS = "slachtoffers_signalering"
"""Tabel 3.3's unit: the unique victims of the window (``domain.persons.COHORT_SLACHTOFFERS``),
``jaar`` the window's last year."""

VORM_SLACHTOFFER_COLS = Dimension(
    "vorm",
    (
        Category("Seksuele uitbuiting", ("seksueel",)),
        Category("Arbeidsuitbuiting", ("arbeid",)),
        Category("Criminele uitbuiting", ("crimineel",)),
        Category("Onbekend", ("onbekend",)),
        Category("Totaal"),
    ),
)
"""Tabel 3.3's columns: one form per victim (``domain.persons.VORM_SLACHTOFFER``)."""

GESLACHT_BEKEND = "u.geslacht <> 'onbekend'"
LEEFTIJD_BEKEND = "u.leeftijd IS NOT NULL"
HERKOMST_BEKEND = "u.herkomst <> 'onbekend'"


def _aandeel(label: str, known: str, condition: str) -> Category:
    """A row of Tabel 3.3: the whole percent of the column's victims with the trait known
    (``known``) that meet ``condition`` (``domain.persons.KENMERKEN_SLACHTOFFER``)."""
    return Category(
        label,
        sql=known,
        measure=f"100 * avg(CASE WHEN {condition} THEN 1 ELSE 0 END)",
        percent=True,
    )


KENMERKEN_SLACHTOFFER = Dimension(
    "kenmerk",
    (
        Category("Slachtoffers"),
        Category("Geslacht bekend (n)", sql=GESLACHT_BEKEND),
        Category("Leeftijd bekend (n)", sql=LEEFTIJD_BEKEND),
        Category("Herkomstregio bekend (n)", sql=HERKOMST_BEKEND),
        Category(
            "Geen persoonskenmerken bekend",
            sql=f"NOT {GESLACHT_BEKEND} AND NOT {LEEFTIJD_BEKEND} AND NOT {HERKOMST_BEKEND}",
        ),
        _aandeel("Man", GESLACHT_BEKEND, "u.geslacht = 'man'"),
        _aandeel("Minderjarig", LEEFTIJD_BEKEND, "u.leeftijdsklasse = 'minderjarig'"),
        _aandeel("Adolescent (18-22)", LEEFTIJD_BEKEND, "u.leeftijdsklasse = 'adolescent'"),
        Category("Gemiddelde leeftijd", sql=LEEFTIJD_BEKEND, measure="avg(u.leeftijd)"),
        _aandeel("Nederland", HERKOMST_BEKEND, "u.herkomst = 'nederland'"),
        _aandeel("Europese Economische Ruimte", HERKOMST_BEKEND, "u.herkomst = 'eer'"),
        _aandeel("Afrika", HERKOMST_BEKEND, "u.herkomst = 'afrika'"),
    ),
)
"""Tabel 3.3's rows: the counts (the n's of the column heads and row heads, and the 880 without
traits of the text), then the percentages (whole, of the victims with the trait known) and the
mean age (whole years)."""

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
        disclosure="cbs_gebieden",
        sources=("politie", "ref_gemeenten", "ref_gemeente_herindeling"),
        notes=("Alle gemeenten van de indeling 2019 (N=355), ook die zonder incidenten.",),
    ),
    TableSpec(
        id="dadermonitor.tabel_3_2",
        number="Tabel 3.2",
        title_nl="Aantal geregistreerde incidenten in tien gemeenten per jaar, gemiddeld en "
        "gemiddeld per tienduizend inwoners",
        source=CBS,
        unit=INCIDENTEN,
        where="u.lokaal",
        rows=Dimension("gemeente_naam", top=10, top_years=5, numbered=False),
        columns=(YEARS, WINDOW, GEMIDDELD, PER_10000),
        disclosure="cbs",
        sources=("politie", "ref_gemeenten", "ref_gemeente_herindeling", "ref_bevolking"),
        notes=(
            "De tien gemeenten met de meeste incidenten in de vijf jaar; gemeentelijke indeling "
            "2019.",
        ),
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
        id="dadermonitor.tabel_3_3",
        number="Tabel 3.3",
        title_nl="Persoonskenmerken van de geregistreerde slachtoffers bij "
        "mensenhandelincidenten naar uitbuitingsvorm",
        source=CBS,
        unit=SLACHTOFFERS,
        row_header="Persoonskenmerk",
        rows=KENMERKEN_SLACHTOFFER,
        columns=(ColumnBlock("breakdown", VORM_SLACHTOFFER_COLS),),
        disclosure="cbs",
        sources=("politie",),
        notes=(
            "Unieke slachtoffers (ook aangevers) van de incidenten in de vijf jaar, elk met één "
            "uitbuitingsvorm: seksueel, anders arbeid, anders crimineel, anders onbekend.",
            "Percentages en gemiddelde leeftijd over de slachtoffers van wie het kenmerk bekend "
            "is; de herkomstregio's die niet getoond worden vormen de rest tot 100%.",
        ),
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
        disclosure="cbs_gebieden",
        sources=("politie", "ref_gemeenten", "ref_gemeente_herindeling"),
        notes=(
            "Alle gemeenten volgens de gemeentelijke indeling van 2019; incidenten zonder "
            "bekende pleeggemeente tellen niet mee.",
        ),
    ),
)
"""Chapter 3's tables in the catalogue (``build``), in the report's order (Tabel B2.1 from its
appendix)."""
