"""The catalogue of the Dadermonitor mensenhandel 2015-2019, chapter 5 'Vervolging': Figuur 5.1-5.6
and Tabel 5.1 (../shared/seeds/000_4e969fc2f04dad69.txt, lines 5280-6030; appendix B1.5, lines
9616-9743), for any five-year period Y-4..Y.

Unit views (``ketenmonitor.domain.cases``): ``dm_ingeschreven_zaken`` (registered cases, by year
of inschrijving) and ``dm_afgehandelde_zaken`` (settled cases, by year of the OM's decision, with
the administrative disposals and the column ``inhoudelijk``). Both hold every OM snapshot; each
table selects the one the Dadermonitor counts (rule ``DADERMONITOR_PEILDATUM``: for 2015-2019
the extract of April 2020), so the Jaarcijfers and the Dadermonitor are built from different
deliveries of the same source in one build. The form is the chapter's two categories
(``VORM_DADERMONITOR``).

Figuur 5.3, 5.4 and 5.5 lost their data in the PDF extraction; their layout here is ours and
only the numbers the text states are compared (tests/fixtures/published/
dadermonitor_2015_2019/figures_vervolging.toml). Tabel 5.1's percentages are per group of
dismissals, which the engine's share column (of the whole column) cannot express: the table
carries the counts and the test derives the percentages from them.
"""

from __future__ import annotations

from ketenmonitor.domain.cases import dadermonitor_snapshot_sql
from ketenmonitor.indicators import Category, ColumnBlock, Dimension, TableSpec

RAC_MIN = "Bron: RAC-min"
SOURCES = ("om",)
REGISTERED = "dm_ingeschreven_zaken"
SETTLED = "dm_afgehandelde_zaken"
JAAR = 2019
"""The reporting year of the Dadermonitor 2015-2019."""

DISCLOSURE = "om_dadermonitor"
"""RAC-min counts are printed as they are in the Dadermonitor (Figuur 5.6: 0, 1, 2; no '<5' in
chapter 5), unlike the Jaarcijfers' ``om`` rule."""

YEARS = ColumnBlock("years")

FORMS_5_2 = Dimension(
    "vorm",
    (
        Category("Onbekend", ("onbekend",), "Unknown"),
        Category(
            "Uitsluitend niet-seksuele uitbuiting",
            ("niet_seksueel",),
            "Non-sexual exploitation only",
        ),
        Category(
            "In ieder geval seksuele uitbuiting", ("seksueel",), "At least sexual exploitation"
        ),
        Category("Totaal", (), "Total"),
    ),
)
"""Figuur 5.2's rows, in the published (stacking) order."""

FORMS_COLUMNS = Dimension(
    "vorm",
    (
        Category("Seksuele uitbuiting", ("seksueel",), "Sexual exploitation"),
        Category("Niet-seksuele uitbuiting", ("niet_seksueel",), "Non-sexual exploitation"),
        Category("Onbekend", ("onbekend",), "Unknown"),
    ),
)
"""The form columns of Figuur 5.6 (labels as printed on its axis)."""

FORMS_5_4 = Dimension(
    "vorm",
    (
        Category("In ieder geval seksuele uitbuiting", ("seksueel",)),
        Category("Uitsluitend niet-seksuele uitbuiting", ("niet_seksueel",)),
        Category("Onbekend", ("onbekend",)),
    ),
)

PARKETTEN = Dimension(
    "parket",
    (
        Category("Noord-Nederland", ("NNE",)),
        Category("Oost-Nederland", ("ONE",)),
        Category("Midden-Nederland", ("MNE",)),
        Category("Noord-Holland", ("NHO",)),
        Category("Amsterdam", ("AMS",)),
        Category("Den Haag", ("DHA",)),
        Category("Rotterdam", ("RTD",)),
        Category("Zeeland-West-Brabant", ("ZWB",)),
        Category("Oost-Brabant", ("OBR",)),
        Category("Limburg", ("LIM",)),
        Category("Landelijk Parket", ("LP",)),
        Category("Functioneel Parket", ("FP",)),
    ),
)
"""Figuur 5.3: the ten arrondissementsparketten, the LP and the FP (line 5320; code list parket)."""

AFHANDELINGEN = Dimension(
    "afhandeling",
    (
        Category("Onvoorwaardelijk sepot, grond onbekend", ("sepot_grond_onbekend",)),
        Category("Onvoorwaardelijk beleidssepot", ("onvoorwaardelijk_beleidssepot",)),
        Category("Technisch sepot (onvoorwaardelijk)", ("technisch_sepot",)),
        Category("Voorwaardelijk beleidssepot", ("voorwaardelijk_beleidssepot",)),
        Category("Transactie", ("transactie",)),
        Category("Voeging ter berechting", ("voeging_ter_berechting",)),
        Category("Dagvaarding", ("dagvaarding",)),
        Category("Totaal"),
    ),
)
"""Figuur 5.6's rows, in the published order: the decision on the trafficking offence
(``AFHANDELING_MENSENHANDEL``)."""

SEPOTGRONDEN: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Technische sepots",
        "technisch_sepot",
        (
            ("Onvoldoende bewijs", "onvoldoende_bewijs"),
            ("Ten onrechte als verdachte aangemerkt", "ten_onrechte_verdachte"),
            ("Dader niet strafbaar", "dader_niet_strafbaar"),
            ("Feit niet strafbaar", "feit_niet_strafbaar"),
            ("Niet ontvankelijk", "niet_ontvankelijk"),
        ),
    ),
    (
        "Onvoorwaardelijke beleidssepots",
        "onvoorwaardelijk_beleidssepot",
        (
            ("Oud feit", "oud_feit"),
            ("Gering aandeel in het feit", "gering_aandeel"),
            ("Recente bestraffing", "recente_bestraffing"),
            ("Onvoldoende nationaal belang", "onvoldoende_nationaal_belang"),
            ("Leidinggever wordt vervolgd", "leidinggever_vervolgd"),
            ("Gezondheidstoestand", "gezondheidstoestand"),
            ("Verdachte onvindbaar", "verdachte_onvindbaar"),
            ("Vervolging in strijd met belang van benadeelde", "belang_benadeelde"),
        ),
    ),
    (
        "Voorwaardelijke beleidssepots",
        "voorwaardelijk_beleidssepot",
        (("Oud feit", "oud_feit"), ("Reclasseringsbelang", "reclasseringsbelang")),
    ),
)
"""Tabel 5.1: per kind of dismissal (its afhandeling code) the grounds in the published order."""


def _sepotgronden() -> Dimension:
    cats: list[Category] = []
    for group, afhandeling, grounds in SEPOTGRONDEN:
        for label, code in grounds:
            cats.append(
                Category(
                    f"{group}: {label}",
                    sql=f"u.afhandeling = '{afhandeling}' AND u.sepotgrond = '{code}'",
                )
            )
        cats.append(Category(f"{group}: Totaal", sql=f"u.afhandeling = '{afhandeling}'"))
    return Dimension("sepotgrond", tuple(cats))


def _period(year: int, label: str = "") -> ColumnBlock:
    """One column over the window Y-4..Y, named after it ('2015-2019') unless ``label``."""
    return ColumnBlock(
        "breakdown", Dimension("jaar", (Category(label or f"{year - 4}-{year}"),)), window=True
    )


def _share(label: str, condition: str) -> Category:
    """A row: the share in whole percents of the cell's units that meet ``condition``."""
    return Category(label, measure=f"100 * avg(CASE WHEN {condition} THEN 1 ELSE 0 END)")


def dm_vervolging(year: int = JAAR) -> tuple[TableSpec, ...]:
    """Figuur 5.1-5.6 and Tabel 5.1 for reporting year ``year`` (the window Y-4..Y), from the OM
    extract of April Y+1 (``DADERMONITOR_PEILDATUM``)."""
    span = f"{year - 4}-{year}"
    snapshot = dadermonitor_snapshot_sql(year)
    source = f"{RAC_MIN} (peildatum april {year + 1})"
    forms = ColumnBlock("breakdown", FORMS_COLUMNS, window=True)
    common = {"source": source, "disclosure": DISCLOSURE, "sources": SOURCES}
    return (
        TableSpec(
            id="dadermonitor.figuur_5_1",
            number="Figuur 5.1",
            title_nl=(
                "Het jaarlijks aantal bij het OM ingeschreven mensenhandelzaken, per jaar "
                f"{year - 11}-{year}"
            ),
            title_en="Trafficking cases registered at the OM per year (twelve years)",
            unit=REGISTERED,
            where=snapshot,
            rows=Dimension("jaar", (Category("Aantal bij het OM ingeschreven mensenhandelzaken"),)),
            columns=(ColumnBlock("years", years=12),),
            **common,  # type: ignore[arg-type]
        ),
        TableSpec(
            id="dadermonitor.figuur_5_2",
            number="Figuur 5.2",
            title_nl=(
                f"Bij het OM ingeschreven mensenhandelzaken naar uitbuitingsvorm, per jaar {span}"
            ),
            title_en="Trafficking cases registered at the OM by form of exploitation, per year",
            unit=REGISTERED,
            where=snapshot,
            rows=FORMS_5_2,
            columns=(YEARS, _period(year)),
            **common,  # type: ignore[arg-type]
        ),
        TableSpec(
            id="dadermonitor.figuur_5_3",
            number="Figuur 5.3",
            title_nl=f"Bij het OM ingeschreven mensenhandelzaken naar parket, per jaar {span}",
            title_en="Trafficking cases registered at the OM by prosecution office, per year",
            unit=REGISTERED,
            where=snapshot,
            rows=PARKETTEN,
            row_header="Parket",
            columns=(YEARS, _period(year), ColumnBlock("share", label="Percentage")),
            notes=("De gegevens van deze figuur zijn niet in de tekst van het rapport bewaard.",),
            **common,  # type: ignore[arg-type]
        ),
        TableSpec(
            id="dadermonitor.figuur_5_4",
            number="Figuur 5.4",
            title_nl=(
                "Bij het OM ingeschreven mensenhandelzaken met een minderjarig slachtoffer naar "
                f"uitbuitingsvorm, per jaar {span}"
            ),
            title_en="Registered trafficking cases with a minor victim, by form and year",
            unit=REGISTERED,
            where=snapshot,
            rows=Dimension(
                "minderjarig_slachtoffer",
                (
                    Category(
                        "Zaken met een minderjarig slachtoffer", sql="u.minderjarig_slachtoffer"
                    ),
                    _share("Percentage van de ingeschreven zaken", "u.minderjarig_slachtoffer"),
                ),
            ),
            columns=(YEARS, ColumnBlock("breakdown", FORMS_5_4, window=True), _period(year)),
            notes=(
                "Minderjarig slachtoffer: art. 273f Sr lid 1 sub 2, 5 of 8 (mogelijk een "
                "onderschatting).",
            ),
            **common,  # type: ignore[arg-type]
        ),
        TableSpec(
            id="dadermonitor.figuur_5_5",
            number="Figuur 5.5",
            title_nl=(
                f"Door het OM afgehandelde mensenhandelzaken naar uitbuitingsvorm, per jaar {span}"
            ),
            title_en="Trafficking cases settled by the OM by form of exploitation, per year",
            unit=SETTLED,
            where=snapshot,
            rows=Dimension(
                "vorm",
                (
                    Category("Seksuele uitbuiting", sql="u.inhoudelijk AND u.vorm = 'seksueel'"),
                    Category(
                        "Niet-seksuele uitbuiting",
                        sql="u.inhoudelijk AND u.vorm = 'niet_seksueel'",
                    ),
                    Category("Onbekend", sql="u.inhoudelijk AND u.vorm = 'onbekend'"),
                    Category("Totaal inhoudelijk afgehandeld", sql="u.inhoudelijk"),
                    Category("Administratieve afhandeling", sql="NOT u.inhoudelijk"),
                    Category("Totaal afgehandeld"),
                ),
            ),
            columns=(YEARS, _period(year)),
            notes=(
                "Een administratieve afhandeling (bijvoorbeeld een dubbele registratie) is geen "
                "inhoudelijke beslissing over de vervolging.",
            ),
            **common,  # type: ignore[arg-type]
        ),
        TableSpec(
            id="dadermonitor.figuur_5_6",
            number="Figuur 5.6",
            title_nl=(
                "Inhoudelijke afhandelingen door het OM van de mensenhandelzaken naar "
                f"uitbuitingsvorm, per jaar {span}"
            ),
            title_en="Decisions on the merits by the OM in trafficking cases, by form and year",
            unit=SETTLED,
            where=f"u.inhoudelijk AND {snapshot}",
            rows=AFHANDELINGEN,
            row_header="Afhandeling",
            columns=(YEARS, forms, _period(year)),
            notes=(
                "Afhandeling van het mensenhandelfeit: een zaak die alleen voor andere feiten is "
                "gedagvaard, telt met de beslissing over het mensenhandelfeit.",
            ),
            **common,  # type: ignore[arg-type]
        ),
        TableSpec(
            id="dadermonitor.tabel_5_1",
            number="Tabel 5.1",
            title_nl=f"Sepotgronden, periode {span}",
            title_en="Grounds for dismissal",
            unit=SETTLED,
            where=f"u.inhoudelijk AND {snapshot}",
            rows=_sepotgronden(),
            row_header="Sepotgrond",
            columns=(_period(year, "Aantal"),),
            **common,  # type: ignore[arg-type]
        ),
    )


DM_VERVOLGING: tuple[TableSpec, ...] = dm_vervolging(JAAR)
