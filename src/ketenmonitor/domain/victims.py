"""Victims of trafficking as the Jaarcijfers count them, from the CoMensha registrations.

``create_victim_views(con, as_of=None)`` creates the TEMP views ``slachtoffers`` (one row per
registered, non-anonymous victim per registration year) and ``anonieme_meldingen`` (one row per
anonymous registration) that ``ketenmonitor.domain`` documents. Every rule below is a named SQL
fragment or function with the report and section it comes from; docs/methodology/victims.md
gives the reasoning, with the published numbers that decided the open points.

Besides the columns the interface lists, ``slachtoffers`` carries ``uitbuitingsvormen``: the union
of the forms as CoMensha registered them (seksueel, arbeid, crimineel, bedelarij, orgaan,
onbekend, nog_niet_gewerkt). Figuur 9's column "Seksuele uitbuiting" counts every sexually
exploited victim, including those of unknown nationality that neither binnenlandse nor
internationale seksuele uitbuiting can hold (see ``SEKSUELE_SPLITSING``).
"""

from __future__ import annotations

import csv
import datetime as dt
from importlib import resources

import duckdb

from ketenmonitor.warehouse import in_force

VORMEN = (
    "binnenlandse_seksuele_uitbuiting",
    "internationale_seksuele_uitbuiting",
    "arbeidsuitbuiting",
    "criminele_uitbuiting",
    "gedwongen_orgaanverwijdering",
    "onbekend_nog_niet_gewerkt",
)
"""The Rapporteur's forms of trafficking for victims, in the order of Figuur 2."""

HERKOMSTEN = ("nederland", "europa", "afrika", "azie", "latijns_amerika", "overig", "onbekend")
"""Origin groups in the order of Figuur 9."""

LEEFTIJDSCATEGORIEEN = ("minderjarig", "18-22", "23-29", "30-39", "40+", "onbekend")
"""Age categories in the order of Figuur 6."""

ONBEKENDE_SECTOREN = ("onbekend", "nog_niet_gewerkt")
"""Sector codes that say no sector is known (Figuur 3 'Onbekend/nog niet gewerkt', Figuur 4's two
'(uitsluitend)' rows, Figuur 5 'Uitsluitend onbekend/nog niet gewerkt')."""


def _rows(package: str, name: str) -> list[dict[str, str]]:
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines))


def land_herkomst() -> dict[str, str]:
    """Nationality (land code) -> published origin group.

    Jaarcijfers Mensenhandel 2024, Figuur 4, Figuur 9 and the text at Figuur 9: Nederland, Europa,
    Afrika, Azië, Latijns-Amerika (en de Caraïben), Overig, Onbekend. The country -> herkomstregio
    mapping is the reference file contracts/reference/land_herkomstregio.csv; the region -> origin
    group mapping (EER and the rest of Europe are both 'Europa') is domain/herkomst.csv.
    """
    regio = {
        r["herkomstregio"]: r["herkomst"] for r in _rows("ketenmonitor.domain", "herkomst.csv")
    }
    land = _rows("ketenmonitor.contracts", "reference/land_herkomstregio.csv")
    return {r["landcode"]: regio[r["herkomstregio"]] for r in land}


def leeftijdsbanden() -> list[tuple[str, int, int]]:
    """(category, min, max) of the age bands (Jaarcijfers Mensenhandel 2024, Figuur 6 and 7)."""
    return [
        (r["code"], int(r["min"]), int(r["max"]))
        for r in _rows("ketenmonitor.domain", "leeftijdscategorie.csv")
    ]


def geslacht_map() -> dict[str, str]:
    """CoMensha sex code -> man / vrouw / onbekend (Jaarcijfers Mensenhandel 2024, Figuur 8)."""
    return {r["code"]: r["geslacht"] for r in _rows("ketenmonitor.domain", "geslacht.csv")}


def leeftijdscategorie_sql(column: str) -> str:
    """SQL CASE: age in years -> age category; NULL -> 'onbekend'.

    Jaarcijfers Mensenhandel 2024, Figuur 6 (Minderjarig, 18-22 (adolescent), 23-29, 30-39, 40+,
    Onbekend) and Figuur 7 (minors: under 18 at registration).
    """
    whens = " ".join(
        f"WHEN {column} BETWEEN {lo} AND {hi} THEN '{code}'" for code, lo, hi in leeftijdsbanden()
    )
    return f"(CASE {whens} ELSE 'onbekend' END)"


SLACHTOFFER_PER_JAAR = """
Counting unit: a victim counts once per registration year (Jaarcijfers Mensenhandel 2024, Figuur 1
and the notes of Figuur 2, 3, 5, 8: 'De aantallen tellen op tot meer dan het totaal aantal
slachtoffers'). Registrations of one persoon_id in one year are one victim; its forms, sectors,
offences and melders are the union over those registrations. Anonymous registrations are not
victims (text at Figuur 1: 'kan niet worden vastgesteld of het om unieke slachtoffers gaat').
"""

EERSTE_BEKENDE_WAARDE = """
Which registration wins for single-valued attributes (age, sex, nationality, recruitment and
exploitation country) when a victim is registered more than once in a year: the earliest
registration of that year with a known value (by registratiedatum, then registratie_id). The
reports do not say; the first registration is the moment CoMensha first saw the victim, which is
also when the age that decides 'minderjarig' applies. Sex 'X' (anders) and 'O' count as not known
for this choice; the victim is then 'onbekend' (Figuur 8, Noot 1).
"""

SEKSUELE_SPLITSING = """
Binnenlandse vs internationale seksuele uitbuiting (Jaarcijfers Mensenhandel 2024, section 4, first
bullet; Dadermonitor 2015-2019, section 1.3 'Vormen van mensenhandel'): when the country of
recruitment is known, it is compared with the country of exploitation ('doorgaans Nederland', so NL
when that is not known): the same country -> binnenlandse, another -> internationale. Otherwise the
nationality decides: Dutch -> binnenlandse, any other known nationality -> internationale. A
sexually exploited victim whose nationality is unknown (no code, or a code whose herkomst is
onbekend: XXX, statenloos XXA) gets neither: Figuur 9 2024 has 123 Dutch = 123 binnenlandse and the
known non-Dutch groups sum to 364 = internationale exactly, while its Onbekend x Seksuele
uitbuiting cell is '<5'. Such a victim keeps 'seksueel' in ``uitbuitingsvormen`` and counts in
Figuur 3, 4 and in Figuur 9's column Seksuele uitbuiting.
"""

VORM_REGELS = """
The other forms (Jaarcijfers Mensenhandel 2024, section 4, bullets 2 and 3; Figuur 2):
arbeid -> arbeidsuitbuiting; crimineel and bedelarij (forced begging) -> criminele_uitbuiting;
orgaan -> gedwongen_orgaanverwijdering, kept apart (the cross-cuts join it with onbekend as
'Overig/onbekend'); onbekend and nog_niet_gewerkt -> onbekend_nog_niet_gewerkt, but only when the
registrations of the year give the victim no other form from them (a known form supersedes
'unknown', as 'uitsluitend' does for sectors in Figuur 4 and 5). A sexually exploited victim of
unknown nationality (``SEKSUELE_SPLITSING``) is not made 'onbekend' by that: Figuur 9 2024 shows
its Onbekend row with Overig/onbekend 0 next to Seksuele uitbuiting '<5'.
"""

SECTOREN_UITSLUITEND = """
Sectors (Jaarcijfers Mensenhandel 2024, Figuur 3, 4 and 5): the union of the registered sectors,
only for victims with that form (sexual sectors for 'seksueel', labour sectors for 'arbeid'),
otherwise an empty list. When a known sector is among them, 'onbekend' and 'nog_niet_gewerkt' are
dropped (they count only 'uitsluitend'); otherwise the list is ['nog_niet_gewerkt'] when that was
registered, else ['onbekend'] (also when no sector was registered at all).
"""


def _sectoren_sql(column: str) -> str:
    """``SECTOREN_UITSLUITEND`` for one union-of-sectors list column."""
    unknown = ", ".join(f"'{c}'" for c in ONBEKENDE_SECTOREN)
    known = f"list_filter({column}, lambda s: s NOT IN ({unknown}))"
    return (
        f"CASE WHEN len({known}) > 0 THEN list_sort({known}) "
        f"WHEN list_contains({column}, 'nog_niet_gewerkt') THEN ['nog_niet_gewerkt'] "
        "ELSE ['onbekend'] END"
    )


def _union(column: str) -> str:
    return f"list_sort(list_distinct(flatten(list(coalesce({column}, [])))))"


def _first_known(column: str, known: str | None = None) -> str:
    cond = known or f"{column} IS NOT NULL"
    return f"arg_min({column}, (registratiedatum, registratie_id)) FILTER (WHERE {cond})"


def _vormen_sql() -> str:
    """``SEKSUELE_SPLITSING`` and ``VORM_REGELS`` as one list expression over a victim-year."""
    sexual = (
        "CASE WHEN NOT list_contains(uitbuitingsvormen, 'seksueel') THEN NULL "
        "WHEN land_werving IS NOT NULL THEN "
        "  CASE WHEN land_werving = coalesce(land_uitbuiting, 'NL') "
        "  THEN 'binnenlandse_seksuele_uitbuiting' ELSE 'internationale_seksuele_uitbuiting' END "
        "WHEN herkomst = 'nederland' THEN 'binnenlandse_seksuele_uitbuiting' "
        "WHEN herkomst <> 'onbekend' THEN 'internationale_seksuele_uitbuiting' "
        "ELSE NULL END"
    )
    known = (
        "list_filter(["
        f"{sexual}, "
        "CASE WHEN list_contains(uitbuitingsvormen, 'arbeid') THEN 'arbeidsuitbuiting' END, "
        "CASE WHEN list_has_any(uitbuitingsvormen, ['crimineel', 'bedelarij']) "
        "THEN 'criminele_uitbuiting' END, "
        "CASE WHEN list_contains(uitbuitingsvormen, 'orgaan') "
        "THEN 'gedwongen_orgaanverwijdering' END], lambda v: v IS NOT NULL)"
    )
    return (
        f"CASE WHEN len({known}) = 0 AND NOT list_contains(uitbuitingsvormen, 'seksueel') "
        f"THEN ['onbekend_nog_niet_gewerkt'] ELSE {known} END"
    )


def _ref_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "CREATE OR REPLACE TEMP TABLE km_land_herkomst (landcode VARCHAR PRIMARY KEY, "
        "herkomst VARCHAR NOT NULL)"
    )
    con.executemany("INSERT INTO km_land_herkomst VALUES (?, ?)", list(land_herkomst().items()))
    con.execute(
        "CREATE OR REPLACE TEMP TABLE km_geslacht (code VARCHAR PRIMARY KEY, "
        "geslacht VARCHAR NOT NULL)"
    )
    con.executemany("INSERT INTO km_geslacht VALUES (?, ?)", list(geslacht_map().items()))


def slachtoffers_sql(as_of: dt.date | None = None) -> str:
    """The SELECT behind the view ``slachtoffers`` (rules: ``SLACHTOFFER_PER_JAAR``,
    ``EERSTE_BEKENDE_WAARDE``, ``SEKSUELE_SPLITSING``, ``VORM_REGELS``, ``SECTOREN_UITSLUITEND``,
    ``leeftijdscategorie_sql``, ``land_herkomst``, ``geslacht_map``)."""
    known_sex = "geslacht IN ('M', 'V')"
    registraties = in_force("comensha__registraties", as_of)
    return f"""
WITH reg AS (
    SELECT * FROM {registraties} WHERE NOT anoniem AND persoon_id IS NOT NULL
), per_jaar AS (
    SELECT
        CAST(year(registratiedatum) AS INTEGER) AS jaar,
        persoon_id AS slachtoffer_id,
        {_first_known("leeftijd")} AS leeftijd,
        {_first_known("geslacht", known_sex)} AS geslacht_code,
        {_first_known("nationaliteit")} AS nationaliteit,
        {_first_known("land_werving")} AS land_werving,
        {_first_known("land_uitbuiting")} AS land_uitbuiting,
        {_union("uitbuitingsvormen")} AS uitbuitingsvormen,
        {_union("sectoren_seksueel")} AS sectoren_seksueel_reg,
        {_union("sectoren_arbeid")} AS sectoren_arbeid_reg,
        {_union("criminele_activiteiten")} AS criminele_activiteiten,
        {_union("melders")} AS melders
    FROM reg
    GROUP BY ALL
), kenmerken AS (
    SELECT p.*,
        coalesce(h.herkomst, 'onbekend') AS herkomst,
        coalesce(g.geslacht, 'onbekend') AS geslacht
    FROM per_jaar p
    LEFT JOIN km_land_herkomst h ON h.landcode = p.nationaliteit
    LEFT JOIN km_geslacht g ON g.code = p.geslacht_code
)
SELECT
    jaar,
    slachtoffer_id,
    {_vormen_sql()} AS vormen,
    {leeftijdscategorie_sql("leeftijd")} AS leeftijdscategorie,
    geslacht,
    herkomst,
    nationaliteit,
    CASE WHEN list_contains(uitbuitingsvormen, 'seksueel')
        THEN {_sectoren_sql("sectoren_seksueel_reg")} ELSE [] END AS sectoren_seksueel,
    CASE WHEN list_contains(uitbuitingsvormen, 'arbeid')
        THEN {_sectoren_sql("sectoren_arbeid_reg")} ELSE [] END AS sectoren_arbeid,
    criminele_activiteiten,
    melders,
    uitbuitingsvormen
FROM kenmerken
"""


def anonieme_meldingen_sql(as_of: dt.date | None = None) -> str:
    """The SELECT behind ``anonieme_meldingen``: one row per anonymous registration, by the year
    of registration (Jaarcijfers Mensenhandel 2024, text at Figuur 1: 591 in 2024, 605 in 2023;
    not counted as victims)."""
    return (
        "SELECT CAST(year(registratiedatum) AS INTEGER) AS jaar, "
        "list_sort(list_distinct(coalesce(melders, []))) AS melders "
        f"FROM {in_force('comensha__registraties', as_of)} WHERE anoniem"
    )


def create_victim_views(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None) -> None:
    """Create TEMP views ``slachtoffers`` and ``anonieme_meldingen`` on a warehouse connection,
    from the CoMensha snapshot in force (or in force on ``as_of``); see the module docstring."""
    _ref_tables(con)
    con.execute(f"CREATE OR REPLACE TEMP VIEW slachtoffers AS {slachtoffers_sql(as_of)}")
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW anonieme_meldingen AS {anonieme_meldingen_sql(as_of)}"
    )
