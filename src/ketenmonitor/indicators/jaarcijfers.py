"""The catalogue of the Jaarcijfers Mensenhandel: chapter 1 "Slachtoffers", Figures 1-12 and
Tabel 1 of the Jaarcijfers 2024 (../shared/seeds/001_1558bd93ea62a2c9.txt, lines 40-420), for
any reporting year Y with the years Y-4..Y.

Rows, columns and their order are as published. Where the PDF text lost or shuffled column
headers (Figuur 6, Figuur 8), the order follows the cross-checks recorded in
tests/fixtures/published/jaarcijfers_2024/figures.toml.
"""

from __future__ import annotations

from ketenmonitor.indicators import Category, ColumnBlock, Dimension, TableSpec
from ketenmonitor.indicators.jaarcijfers_opsporing import OPSPORING
from ketenmonitor.indicators.jaarcijfers_vervolging import VERVOLGING

COMENSHA = "Bron: CoMensha, bewerking Nationaal Rapporteur"
MULTI_NOTE = (
    "De aantallen tellen op tot meer dan het totaal aantal slachtoffers, omdat slachtoffers "
    "meerdere vormen van mensenhandel meegemaakt kunnen hebben."
)

BINNENLANDS = "binnenlandse_seksuele_uitbuiting"
INTERNATIONAAL = "internationale_seksuele_uitbuiting"
ARBEID = "arbeidsuitbuiting"
CRIMINEEL = "criminele_uitbuiting"
ORGAAN = "gedwongen_orgaanverwijdering"
ONBEKEND = "onbekend_nog_niet_gewerkt"

VICTIMS = "slachtoffers"
"""The unit view of the victim figures (``domain.victims.create_victim_views``)."""
IND = (
    "(SELECT *, regeling || '/' || coalesce(uitkomst, 'verleend') AS reeks "
    "FROM current.ind__tellingen)"
)
"""The IND's tables as delivered, one series (regeling/uitkomst) per row."""

YEARS = ColumnBlock("years")


def _forms(*cats: tuple[str, tuple[str, ...]]) -> Dimension:
    return Dimension("vormen", tuple(Category(label, codes) for label, codes in cats), multi=True)


FORMS_ALL = _forms(
    ("Binnenlandse seksuele uitbuiting", (BINNENLANDS,)),
    ("Internationale seksuele uitbuiting", (INTERNATIONAAL,)),
    ("Arbeidsuitbuiting", (ARBEID,)),
    ("Criminele uitbuiting", (CRIMINEEL,)),
    ("Gedwongen orgaanverwijdering", (ORGAAN,)),
    ("Onbekend/nog niet gewerkt", (ONBEKEND,)),
)
FORMS_FIVE = _forms(
    ("Binnenlandse seksuele uitbuiting", (BINNENLANDS,)),
    ("Internationale seksuele uitbuiting", (INTERNATIONAAL,)),
    ("Arbeidsuitbuiting", (ARBEID,)),
    ("Criminele uitbuiting", (CRIMINEEL,)),
    ("Overig/onbekend", (ORGAAN, ONBEKEND)),
)
SEXUAL_VICTIM = "list_contains(u.uitbuitingsvormen, 'seksueel')"
"""Victims of sexual exploitation: the registered form, domestic, international or neither (a
victim of unknown nationality is neither, see domain.victims)."""
FORMS_FOUR = Dimension(
    "vormen",
    (
        Category("Seksuele uitbuiting", sql=SEXUAL_VICTIM),
        Category("Arbeidsuitbuiting", (ARBEID,)),
        Category("Criminele uitbuiting", (CRIMINEEL,)),
        Category("Overig/onbekend", (ORGAAN, ONBEKEND)),
    ),
    multi=True,
)

AGE = Dimension(
    "leeftijdscategorie",
    (
        Category("Minderjarig", ("minderjarig",)),
        Category("18-22 (adolescent)", ("18-22",)),
        Category("23-29", ("23-29",)),
        Category("30-39", ("30-39",)),
        Category("40+", ("40+",)),
        Category("Onbekend", ("onbekend",)),
    ),
)
SEX = Dimension("geslacht", (Category("Man", ("man",)), Category("Vrouw", ("vrouw",))))
ORIGIN = Dimension(
    "herkomst",
    (
        Category("Nederland", ("nederland",)),
        Category("Europa", ("europa",)),
        Category("Afrika", ("afrika",)),
        Category("Azië", ("azie",)),
        Category("Latijns-Amerika", ("latijns_amerika",)),
        Category("Overig", ("overig",)),
        Category("Onbekend", ("onbekend",)),
    ),
)
ORIGIN_FIVE = Dimension(
    "herkomst",
    (
        Category("Nederland", ("nederland",)),
        Category("Europa", ("europa",)),
        Category("Afrika", ("afrika",)),
        Category("Azië", ("azie",)),
        Category("Latijns-Amerika en de Caraïben", ("latijns_amerika",)),
    ),
)
MELDERS = Dimension(
    "melders",
    (
        Category("Politie", ("politie",)),
        Category("KMar", ("kmar",)),
        Category("NLA", ("nla",)),
        Category("Zorgcoördinatoren", ("zorgcoordinator",)),
        Category("Fairwork", ("fairwork",)),
        Category("Overige melders", ("overig", "ind", "coa")),
    ),
    multi=True,
)
LABOUR_VICTIM = f"list_contains(u.vormen, '{ARBEID}')"

FIGURES: tuple[TableSpec, ...] = (
    TableSpec(
        id="jaarcijfers.figuur_1",
        number="Figuur 1",
        title_nl="Aantal geregistreerde slachtoffers van mensenhandel",
        title_en="Number of registered victims of trafficking in human beings",
        source="Bron: CoMensha",
        unit=VICTIMS,
        rows=Dimension("jaar", (Category("Geregistreerde slachtoffers"),)),
        columns=(YEARS,),
    ),
    TableSpec(
        id="jaarcijfers.figuur_2",
        number="Figuur 2",
        title_nl="Aantal geregistreerde slachtoffers van mensenhandel naar vorm van mensenhandel",
        title_en="Registered victims by form of trafficking",
        source=COMENSHA,
        unit=VICTIMS,
        rows=FORMS_ALL,
        row_header="Vorm van mensenhandel",
        columns=(YEARS,),
        notes=(MULTI_NOTE,),
    ),
    TableSpec(
        id="jaarcijfers.figuur_3",
        number="Figuur 3",
        title_nl="Aantal geregistreerde slachtoffers van seksuele uitbuiting naar sector",
        title_en="Registered victims of sexual exploitation by sector",
        source=COMENSHA,
        unit=VICTIMS,
        where=SEXUAL_VICTIM,
        rows=Dimension(
            "sectoren_seksueel",
            (
                Category("Thuisprostitutie", ("thuis",)),
                Category("Escortprostitutie", ("escort",)),
                Category("Straatprostitutie", ("straat",)),
                Category("Bordelen/clubs/privéhuizen", ("bordeel",)),
                Category("Hotelprostitutie", ("hotel",)),
                Category("Overige sectoren (massagesalons/internet etc.)", ("overig",)),
                Category("Raamprostitutie", ("raam",)),
                Category("Onbekend/nog niet gewerkt", ("onbekend", "nog_niet_gewerkt"), only=True),
            ),
            multi=True,
            empty_as="onbekend",
        ),
        row_header="Sector",
        columns=(YEARS,),
        notes=(
            "De aantallen tellen op tot meer dan het totaal aantal slachtoffers van seksuele "
            "uitbuiting (zie Figuur 2), omdat slachtoffers in meerdere sectoren uitgebuit "
            "kunnen zijn.",
        ),
    ),
    TableSpec(
        id="jaarcijfers.figuur_4",
        number="Figuur 4",
        title_nl=(
            "Aantal geregistreerde slachtoffers van seksuele uitbuiting naar sector en herkomst"
        ),
        title_en="Registered victims of sexual exploitation by sector and origin",
        source=COMENSHA,
        unit=VICTIMS,
        where=SEXUAL_VICTIM,
        rows=Dimension(
            "sectoren_seksueel",
            (
                Category("Bordelen/clubs/privéhuizen", ("bordeel",)),
                Category("Raamprostitutie", ("raam",)),
                Category("Hotelprostitutie", ("hotel",)),
                Category("Escortprostitutie", ("escort",)),
                Category("Thuisprostitutie", ("thuis",)),
                Category("Straatprostitutie", ("straat",)),
                Category("Overige sectoren", ("overig",)),
                Category("Nog niet gewerkt (uitsluitend)", ("nog_niet_gewerkt",), only=True),
                Category("Onbekend (uitsluitend)", ("onbekend",), only=True),
            ),
            multi=True,
            empty_as="onbekend",
        ),
        row_header="Sector",
        columns=(ColumnBlock("breakdown", ORIGIN_FIVE),),
        notes=(
            "De aantallen tellen op tot meer dan het totaal aantal slachtoffers van seksuele "
            "uitbuiting (zie Figuur 2), omdat slachtoffers in meerdere sectoren uitgebuit "
            "kunnen zijn.",
        ),
    ),
    TableSpec(
        id="jaarcijfers.figuur_5",
        number="Figuur 5",
        title_nl="Aantal geregistreerde slachtoffers van arbeidsuitbuiting naar sector",
        title_en="Registered victims of labour exploitation by sector",
        source="Bron: CoMensha",
        unit=VICTIMS,
        where=LABOUR_VICTIM,
        rows=Dimension(
            "sectoren_arbeid",
            (
                Category("Vervoer en opslag", ("vervoer",)),
                Category("Bouw", ("bouw",)),
                Category("Horeca", ("horeca",)),
                Category("Overige arbeid/dienstverlening", ("overig",)),
                Category("Industrie", ("industrie",)),
                Category("Landbouw/bosbouw/visserij", ("landbouw",)),
                Category("Huishouden", ("huishouden",)),
                Category("Groothandel/detailhandel", ("handel",)),
                Category(
                    "Uitsluitend onbekend/nog niet gewerkt",
                    ("onbekend", "nog_niet_gewerkt"),
                    only=True,
                ),
            ),
            multi=True,
            empty_as="onbekend",
        ),
        columns=(YEARS,),
        notes=(
            "De aantallen tellen op tot meer dan het totaal aantal slachtoffers van "
            "arbeidsuitbuiting (zie Figuur 2), omdat slachtoffers in meerdere bedrijfstakken "
            "uitgebuit kunnen zijn.",
        ),
    ),
    TableSpec(
        id="jaarcijfers.figuur_6",
        number="Figuur 6",
        title_nl=(
            "Aantal geregistreerde slachtoffers van mensenhandel naar leeftijdscategorie, per "
            "jaar en per vorm van mensenhandel"
        ),
        title_en="Registered victims by age group, per year and per form of trafficking",
        source=COMENSHA,
        unit=VICTIMS,
        rows=AGE,
        row_header="Leeftijdscategorie",
        columns=(YEARS, ColumnBlock("breakdown", FORMS_FIVE)),
    ),
    TableSpec(
        id="jaarcijfers.figuur_7",
        number="Figuur 7",
        title_nl=(
            "Geregistreerde minderjarige slachtoffers van mensenhandel naar vorm van mensenhandel"
        ),
        title_en="Registered minor victims by form of trafficking",
        source=COMENSHA,
        unit=VICTIMS,
        where="u.leeftijdscategorie = 'minderjarig'",
        rows=_forms(
            ("Criminele uitbuiting", (CRIMINEEL,)),
            ("Binnenlandse seksuele uitbuiting", (BINNENLANDS,)),
            ("Internationale seksuele uitbuiting", (INTERNATIONAAL,)),
            ("Arbeidsuitbuiting", (ARBEID,)),
            ("Overig/onbekend", (ORGAAN, ONBEKEND)),
        ),
        columns=(ColumnBlock("total", label="Aantal"), ColumnBlock("share", label="Percentage")),
        notes=(
            "De aantallen tellen op tot meer dan het aantal minderjarige slachtoffers (zie "
            "Figuur 6), omdat slachtoffers meerdere vormen van mensenhandel meegemaakt kunnen "
            "hebben.",
        ),
    ),
    TableSpec(
        id="jaarcijfers.figuur_8",
        number="Figuur 8",
        title_nl=(
            "Aantal geregistreerde slachtoffers van mensenhandel naar geslacht, per jaar en per "
            "vorm van mensenhandel"
        ),
        title_en="Registered victims by sex, per year and per form of trafficking",
        source=COMENSHA,
        unit=VICTIMS,
        rows=SEX,
        row_header="Geslacht",
        columns=(YEARS, ColumnBlock("breakdown", FORMS_FIVE)),
        notes=("Exclusief geslacht onbekend.", MULTI_NOTE),
    ),
    TableSpec(
        id="jaarcijfers.figuur_9",
        number="Figuur 9",
        title_nl=(
            "Aantal geregistreerde slachtoffers van mensenhandel naar herkomst, per jaar en per "
            "vorm van mensenhandel"
        ),
        title_en="Registered victims by origin, per year and per form of trafficking",
        source=COMENSHA,
        unit=VICTIMS,
        rows=ORIGIN,
        row_header="Herkomst",
        columns=(YEARS, ColumnBlock("breakdown", FORMS_FOUR)),
    ),
    TableSpec(
        id="jaarcijfers.tabel_1",
        number="Tabel 1",
        title_nl=(
            "Tien meest voorkomende nationaliteiten "
            "van geregistreerde slachtoffers van mensenhandel"
        ),
        title_en="Ten most frequent nationalities of registered victims",
        source="Bron: CoMensha",
        unit=VICTIMS,
        rows=Dimension("nationaliteit", top=10, codelist="land"),
        row_header="Nationaliteit",
        columns=(ColumnBlock("total", label="Totaal slachtoffers"),),
    ),
    TableSpec(
        id="jaarcijfers.figuur_10",
        number="Figuur 10",
        title_nl=(
            "Aantal keer dat de IND uitstel van vertrek heeft verleend op grond van de "
            "geringste aanwijzing van mensenhandel"
        ),
        title_en="Stays of departure granted by the IND on the slightest indication of trafficking",
        source="Bron: IND",
        unit=IND,
        rows=Dimension(
            "reeks",
            (
                Category(
                    "Uitstel van vertrek minder dan 30 dagen", ("uitstel_vertrek_30/verleend",)
                ),
                Category("Uitstel van vertrek meer dan 30 dagen", ("uitstel_vertrek_90/verleend",)),
            ),
        ),
        columns=(YEARS,),
        disclosure="ind",
        value="delivered",
        sources=("ind",),
        notes=(
            "De ingekorte bedenktijd van maximaal 30 dagen voor slachtoffers op wie de "
            "Dublinverordening van toepassing is bestaat sinds mei 2023.",
            "De cijfers zijn afgerond op vijftallen.",
        ),
    ),
    TableSpec(
        id="jaarcijfers.figuur_11",
        number="Figuur 11",
        title_nl=(
            "Aantal aangevraagde en verleende B8-vergunningen, verleende B9-vergunningen en "
            "vergunningen op grond van schrijnend pad"
        ),
        title_en=(
            "B8 permits applied for and granted, B9 and distressing-circumstances permits granted"
        ),
        source="Bron: IND",
        unit=IND,
        rows=Dimension(
            "reeks",
            (
                Category("B8 (aanvragen)", ("b8/aanvraag",)),
                Category("B8 (verleend)", ("b8/verleend",)),
                Category("B9 (verleend)", ("b9/verleend",)),
                Category("Schrijnend pad (verleend)", ("schrijnend_pad/verleend",)),
            ),
        ),
        columns=(YEARS,),
        disclosure="ind",
        value="delivered",
        sources=("ind",),
        notes=("De cijfers zijn afgerond op vijftallen.",),
    ),
    TableSpec(
        id="jaarcijfers.figuur_12",
        number="Figuur 12",
        title_nl=(
            "Aantal geregistreerde slachtoffers van mensenhandel naar melder, per jaar en per "
            "vorm van mensenhandel"
        ),
        title_en="Registered victims by reporting organisation, per year and per form",
        source=COMENSHA,
        unit=VICTIMS,
        rows=MELDERS,
        row_header="Melder",
        columns=(YEARS, ColumnBlock("breakdown", FORMS_FIVE)),
    ),
)


CRIMINAL_MINOR = f"u.leeftijdscategorie = 'minderjarig' AND list_contains(u.vormen, '{CRIMINEEL}')"
PAIRS = Dimension(
    "vormen",
    (
        Category(
            "Criminele en seksuele uitbuiting",
            sql=f"{SEXUAL_VICTIM} AND list_contains(u.vormen, '{CRIMINEEL}')",
        ),
        Category(
            "Seksuele en arbeidsuitbuiting",
            sql=f"{SEXUAL_VICTIM} AND list_contains(u.vormen, '{ARBEID}')",
        ),
        Category(
            "Criminele en arbeidsuitbuiting",
            sql=f"list_has_all(u.vormen, ['{ARBEID}', '{CRIMINEEL}'])",
        ),
    ),
    multi=True,
)

TEXT: tuple[TableSpec, ...] = (
    TableSpec(
        id="jaarcijfers.tekst_anonieme_meldingen",
        number="Tekst bij Figuur 1",
        title_nl="Anonieme meldingen bij CoMensha (niet als uniek slachtoffer geteld)",
        title_en="Anonymous reports to CoMensha (not counted as unique victims)",
        source="Bron: CoMensha",
        unit="anonieme_meldingen",
        rows=Dimension("jaar", (Category("Anonieme meldingen"),)),
        columns=(YEARS,),
    ),
    TableSpec(
        id="jaarcijfers.tekst_combinaties_vormen",
        number="Tekst bij Figuur 2 en 9",
        title_nl="Slachtoffers van meer dan één vorm van mensenhandel, per jaar en naar herkomst",
        title_en="Victims of more than one form of trafficking, per year and by origin",
        source=COMENSHA,
        unit=VICTIMS,
        rows=PAIRS,
        row_header="Combinatie",
        columns=(YEARS, ColumnBlock("breakdown", ORIGIN)),
    ),
    TableSpec(
        id="jaarcijfers.tekst_minderjarig_crimineel_herkomst",
        number="Tekst bij Figuur 7",
        title_nl="Minderjarige slachtoffers van criminele uitbuiting naar herkomst",
        title_en="Minor victims of criminal exploitation by origin",
        source=COMENSHA,
        unit=VICTIMS,
        where=CRIMINAL_MINOR,
        rows=ORIGIN,
        row_header="Herkomst",
        columns=(YEARS,),
    ),
    TableSpec(
        id="jaarcijfers.tekst_minderjarig_crimineel_geslacht",
        number="Tekst bij Figuur 7",
        title_nl="Minderjarige slachtoffers van criminele uitbuiting naar geslacht",
        title_en="Minor victims of criminal exploitation by sex",
        source=COMENSHA,
        unit=VICTIMS,
        where=CRIMINAL_MINOR,
        rows=SEX,
        row_header="Geslacht",
        columns=(YEARS,),
    ),
    TableSpec(
        id="jaarcijfers.tekst_minderjarig_crimineel_melder",
        number="Tekst bij Figuur 7",
        title_nl="Minderjarige slachtoffers van criminele uitbuiting naar melder",
        title_en="Minor victims of criminal exploitation by reporting organisation",
        source=COMENSHA,
        unit=VICTIMS,
        where=CRIMINAL_MINOR,
        rows=MELDERS,
        row_header="Melder",
        columns=(YEARS,),
    ),
)
"""Numbers the running text of chapter 1 states beside the figures."""

CATALOGUE: tuple[TableSpec, ...] = FIGURES + TEXT + OPSPORING + VERVOLGING


def spec(table_id: str) -> TableSpec:
    for s in CATALOGUE:
        if s.id == table_id:
            return s
    raise KeyError(
        f"unknown table {table_id!r}; `ketenmonitor tables` lists them (e.g. jaarcijfers.figuur_2)"
    )
