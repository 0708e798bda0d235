"""Investigations (opsporing) and appeal/cassation tables as the Jaarcijfers and the
Dadermonitor count them.

``create_investigation_views(con, as_of=None)`` creates four TEMP views on a warehouse
connection and ``create_rechtspraak_views`` a fifth, from the snapshots in force (or in force on
``as_of``):

``opsporingsonderzoeken``: one row per started investigation (EMM, contract ``emm``), with

- ``jaar`` INTEGER: year of the start date (the cohort of Figuur 13);
- ``onderzoek_id`` VARCHAR: the pseudonymised onderzoek_naam (or a made-up id for an
  investigation that only a corrected yearly count knows, see ``JAARTELLINGEN_VERVANGEN``);
- ``instantie`` VARCHAR: the investigating body (opsporingsinstantie code);
- ``ca_codes`` VARCHAR[]: the CA-codes as delivered (empty list when none);
- ``vormen`` VARCHAR[]: the Rapporteur's forms, several allowed (``VORMEN``);
- ``vorm_dm`` VARCHAR: the one form of the Dadermonitor (mensenhandelvorm code bl_su, go_su,
  au, cu or onbekend; ``DADERMONITOR_VORM``);
- ``bron`` VARCHAR: ``emm`` (an EMM record) or ``jaartelling`` (a corrected yearly count).

``verdachten_opsporing``: one row per suspect per investigation (``VERDACHTE_PER_ONDERZOEK``),
with ``jaar``, ``onderzoek_id``, ``verdachte_id``, ``instantie``, ``vormen`` (of the
investigation), ``geslacht`` (man / vrouw / onbekend), ``leeftijd`` (at the start of the
investigation, NULL when unknown), ``leeftijdscategorie`` (minderjarig / meerderjarig /
onbekend) and ``nationaliteit`` (land code, NULL when unknown).

``betrokkenen_opsporing``: one row per person per investigation, whatever the role
(``BETROKKENEN_PER_ONDERZOEK``), in every start year the EMM file has persons for, with ``jaar``,
``onderzoek_id``, ``persoon_id``, ``rol`` (verdachte / slachtoffer / overig), ``instantie``,
``vorm_dm`` and the person's traits as delivered: ``geslacht_code``, ``leeftijd`` (at the start
of the investigation), ``geboorteland`` and ``nationaliteit``. Persons of replaced records are
left out, as in ``verdachten_opsporing``.

``opsporing_onderzoeken_en_betrokkenen``: the units of Dadermonitor Figuur 4.1 in one view, one
row per investigation (``soort`` = 'onderzoek', corrected counts included) and one per person
per investigation (``soort`` = the role), with ``jaar``, ``soort``, ``onderzoek_id`` and
``instantie``.

``daders_opsporing`` (``domain.persons``, Dadermonitor chapter 8): the suspects of
``betrokkenen_opsporing`` with their sex, age class and origin region by the person rules.

``rechtspraak_tabellen``: the Raad voor de rechtspraak's tables as delivered, one row per year
and series, with ``jaar``, ``reeks`` (``eindarrest/<code>``, ``insteller/<code>``,
``cassatie``), ``aantal`` (NULL when suppressed) and ``aantal_below`` (10 for "<10").

docs/methodology/investigations.md gives the reasoning behind each rule.
"""

from __future__ import annotations

import datetime as dt

import duckdb

from ketenmonitor.warehouse import has_table, in_force

VORMEN = (
    "binnenlandse_seksuele_uitbuiting",
    "internationale_seksuele_uitbuiting",
    "seksuele_uitbuiting_onbekend",
    "arbeidsuitbuiting",
    "criminele_uitbuiting",
    "gedwongen_orgaanverwijdering",
    "onbekend",
)
"""The Rapporteur's forms of an investigation. Figuur 13 shows the three sexual ones together
('Seksuele uitbuiting') and orgaan with onbekend ('Overig/onbekend')."""

SEKSUEEL = VORMEN[:3]
OVERIG_ONBEKEND = ("gedwongen_orgaanverwijdering", "onbekend")

ARBEID_REGEL = """
Labour exploitation (Jaarcijfers Mensenhandel 2024, section 4 'EMM-data', line 738:
'Arbeidsuitbuiting is geoperationaliseerd als de onderzoeken waaraan een criminele
activiteitcode (CA-code) Uo2 (arbeidsuitbuiting) gekoppeld is, of wanneer de opsporingsinstantie
(of partij) de NLA is'): an investigation is labour exploitation when a CA-code is U02, when the
instantie is the NLA, and also when the EMM recorded 'arbeid' among its forms (issue 4: 'forms as
EMM records them, labour exploitation also where ...'). The report gives 6 investigations in
2020-2024 that are labour only through the NLA rule (text table tekst_nla_zonder_u02).
"""

SEKSUELE_SPLITSING = """
Sexual exploitation and its split (Dadermonitor 2015-2019, appendix B1.4.2 'Analyse', lines
9542-9552): an investigation is sexual exploitation when the EMM recorded it as sexual
(seksueel = 'seksueel') or recorded the form 'seksueel'. Domestic versus cross-border follows
the bronland (the country where the trafficking began): any known bronland other than the
Netherlands -> internationale, else a Dutch bronland -> binnenlandse. Without a bronland the
nationality of the investigation's victims decides (any known non-Dutch nationality ->
internationale, else a Dutch one -> binnenlandse); otherwise seksuele_uitbuiting_onbekend
(the Dadermonitor's qualitative descriptions stay at the EMM and cannot be used here). The
Jaarcijfers 2024 show sexual exploitation as a whole (Figuur 13), so the split matters only
for the text ('De daling is met name zichtbaar bij binnenlandse seksuele uitbuiting').
"""

VORM_REGELS = """
The other forms (Jaarcijfers Mensenhandel 2024, section 4, bullets on CoMensha, which the
chapter applies to every source; Figuur 13): crimineel and bedelarij -> criminele_uitbuiting;
orgaan -> gedwongen_orgaanverwijdering; an investigation with none of the forms above is
'onbekend'. Figuur 13's 'Overig/onbekend' is orgaan together with onbekend. An investigation
counts once in every form it has (Figuur 13, Noot 1).
"""

JAARTELLINGEN_VERVANGEN = """
Corrected yearly counts (Dadermonitor 2015-2019, appendix B1.4.3, lines 9563-9572; contract
emm_jaartellingen): when a body delivers its own counts for a year, its EMM records of that year
(investigations and the persons in them) are left out and its counts take their place, one
investigation per counted unit, with the delivered form (bl_su, go_su, su_onbekend, au, cu,
orgaan, onbekend). The counts carry no persons: the suspects of that body and year are missing
from ``verdachten_opsporing``, as they were in the Dadermonitor (line 9600, 'Daarvan zijn alleen de
aantallen onderzoeken los aangeleverd'). A count row is single-valued, so an investigation that
the body counted under two forms counts twice in the year total. The Jaarcijfers 2024 used the EMM
records for the NLA (the NLA disputed them only afterwards, line 734), so the synthetic
emm_jaartellingen holds only the ISZW-DO's counts of 2015-2019 that the Dadermonitor used.
"""

VERDACHTE_PER_ONDERZOEK = """
Suspects 'in beeld' (Jaarcijfers Mensenhandel 2024, Figuur 14 and the text at lines 425-431;
Dadermonitor 2015-2019, Figuur 4.1 and issue 4 'persons per investigation'): a person with the
role verdachte in an investigation counts once for that investigation, in the investigation's
start year; a suspect of two investigations counts twice. Sex M -> man, V -> vrouw, anything
else (X, O, missing) -> onbekend (Figuur 14 'Onbekend'). The age is the age at the start of the
investigation (line 431); minderjarig below 18, meerderjarig from 18. Nationality XXX and a
missing one are unknown.
"""

PERSONEN_SINDS = 2021
"""First start year with persons (Jaarcijfers Mensenhandel 2024, section 4 lines 734 and 740:
'De EMM-cijfers bestaan in de huidige vorm sinds 2021' and 'In Figuur 14 ... zijn er geen
cijfers voor 2020 beschikbaar'). Persons of earlier investigations are not counted; Figuur 14
shows the four years from 2021."""

JAARTELLING_VORM = {
    "bl_su": "binnenlandse_seksuele_uitbuiting",
    "go_su": "internationale_seksuele_uitbuiting",
    "su_onbekend": "seksuele_uitbuiting_onbekend",
    "au": "arbeidsuitbuiting",
    "cu": "criminele_uitbuiting",
    "orgaan": "gedwongen_orgaanverwijdering",
    "onbekend": "onbekend",
}
"""mensenhandelvorm code of a corrected yearly count -> the investigation's form."""

DADERMONITOR_VORM = """
The one form of an investigation in the Dadermonitor 2015-2019 (chapter 4, Figuur 4.2-4.4: the
forms add up to the 954 investigations, lines 4999-5003, so every investigation has exactly one;
categories BL-SU, GO-SU, AU, CU, Onbekend): from the Rapporteur's forms (``vormen``) by the
Dadermonitor's own hierarchy for several forms (appendix B1.5.2, line 9677: 'grensoverschrijdende
seksuele uitbuiting, binnenlandse seksuele uitbuiting, arbeidsuitbuiting, criminele uitbuiting'):
internationale -> go_su, else binnenlandse -> bl_su, else arbeidsuitbuiting -> au, else criminele
-> cu, else onbekend. Sexual exploitation whose domestic or cross-border nature is unknown counts
as Onbekend (line 4874: 'Deze zijn meegenomen met de opsporingsonderzoeken waarbij onbekend is
om welke vorm van uitbuiting het gaat'), and so does forced organ removal (the Dadermonitor has
four forms only). A corrected yearly count keeps its delivered form (su_onbekend and orgaan ->
onbekend). The Dadermonitor's qualitative descriptions (B1.4.2, footnote 7, line 9576) stay at
the EMM and cannot be used.
"""

BETROKKENEN_PER_ONDERZOEK = """
Persons involved in investigations (Dadermonitor 2015-2019, Figuur 4.1 and lines 4736-4750):
suspects, victims and 'overige personen' (witnesses and persons whose role is not yet clear), one
row per person per investigation in the investigation's start year (a person in two
investigations counts twice, issue 4 'persons per investigation'). Persons of the ISZW-DO/NLA
are missing where corrected counts replace its records (lines 4703-4713, 9600). Unlike
``verdachten_opsporing`` (the Jaarcijfers' suspects, from 2021, ``PERSONEN_SINDS``) this view has
every start year: the Dadermonitor counted the persons of 2015-2019 from the EMM file of 2020.
"""

RECHTSPRAAK_ONGEWIJZIGD = """
Appeal and cassation (Jaarcijfers Mensenhandel 2024, Figuur 20 and 21, text at line 563 and
section 4 lines 758-764: 'De Nationaal Rapporteur heeft geen bewerkingen uitgevoerd op de
gegevens uit de tabellen'): the three delivered tables pass through unchanged, by year of
disposal in appeal; a '<10' stays a suppressed cell.
"""


def _jaartellingen_sql(con: duckdb.DuckDBPyConnection, as_of: dt.date | None) -> str:
    """The corrected counts in force, or an empty relation of the same shape."""
    if not has_table(con, "emm_jaartellingen__jaartellingen"):
        return (
            "SELECT NULL::VARCHAR AS instantie, NULL::INTEGER AS jaar, NULL::VARCHAR AS vorm, "
            "NULL::BIGINT AS aantal_onderzoeken WHERE false"
        )
    return (
        "SELECT instantie, CAST(jaar AS INTEGER) AS jaar, vorm, aantal_onderzoeken "
        f"FROM {in_force('emm_jaartellingen__jaartellingen', as_of)}"
    )


def _vormen_sql() -> str:
    """``ARBEID_REGEL``, ``SEKSUELE_SPLITSING`` and ``VORM_REGELS`` over one investigation."""
    sexual = (
        "CASE WHEN NOT (o.seksueel IS NOT DISTINCT FROM 'seksueel' "
        "OR list_contains(o.uitbuitingsvormen, 'seksueel')) THEN NULL "
        "WHEN len(list_filter(o.bronlanden_bekend, lambda c: c <> 'NL')) > 0 "
        "THEN 'internationale_seksuele_uitbuiting' "
        "WHEN list_contains(o.bronlanden_bekend, 'NL') THEN 'binnenlandse_seksuele_uitbuiting' "
        "WHEN len(list_filter(o.slachtoffer_nat, lambda c: c <> 'NL')) > 0 "
        "THEN 'internationale_seksuele_uitbuiting' "
        "WHEN list_contains(o.slachtoffer_nat, 'NL') THEN 'binnenlandse_seksuele_uitbuiting' "
        "ELSE 'seksuele_uitbuiting_onbekend' END"
    )
    known = (
        "list_filter(["
        f"{sexual}, "
        "CASE WHEN list_contains(o.uitbuitingsvormen, 'arbeid') "
        "OR list_contains(o.ca_codes, 'U02') OR o.instantie = 'NLA' "
        "THEN 'arbeidsuitbuiting' END, "
        "CASE WHEN list_has_any(o.uitbuitingsvormen, ['crimineel', 'bedelarij']) "
        "THEN 'criminele_uitbuiting' END, "
        "CASE WHEN list_contains(o.uitbuitingsvormen, 'orgaan') "
        "THEN 'gedwongen_orgaanverwijdering' END], lambda v: v IS NOT NULL)"
    )
    return f"CASE WHEN len({known}) = 0 THEN ['onbekend'] ELSE {known} END"


DM_HIERARCHIE = (
    ("internationale_seksuele_uitbuiting", "go_su"),
    ("binnenlandse_seksuele_uitbuiting", "bl_su"),
    ("arbeidsuitbuiting", "au"),
    ("criminele_uitbuiting", "cu"),
)
"""``DADERMONITOR_VORM``: the Rapporteur's form -> the Dadermonitor's, first match wins."""


def _vorm_dm_sql(vormen: str) -> str:
    """``DADERMONITOR_VORM`` over the list column ``vormen``."""
    whens = " ".join(
        f"WHEN list_contains({vormen}, '{v}') THEN '{code}'" for v, code in DM_HIERARCHIE
    )
    return f"CASE {whens} ELSE 'onbekend' END"


def opsporingsonderzoeken_sql(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None) -> str:
    """The SELECT behind ``opsporingsonderzoeken`` (rules ``ARBEID_REGEL``,
    ``SEKSUELE_SPLITSING``, ``VORM_REGELS``, ``JAARTELLINGEN_VERVANGEN``)."""
    whens = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in JAARTELLING_VORM.items())
    return f"""
SELECT *, {_vorm_dm_sql("vormen")} AS vorm_dm FROM (
WITH jt AS ({_jaartellingen_sql(con, as_of)}),
vervangen AS (SELECT DISTINCT instantie, jaar FROM jt),
slachtoffers AS (
    SELECT onderzoek_naam,
        list_distinct(list(nationaliteit) FILTER (
            WHERE nationaliteit IS NOT NULL AND nationaliteit NOT IN ('XXX', 'XXA'))) AS nat
    FROM {in_force("emm__personen", as_of)}
    WHERE rol = 'slachtoffer'
    GROUP BY onderzoek_naam
),
o AS (
    SELECT o.onderzoek_naam, CAST(year(o.startdatum) AS INTEGER) AS jaar, o.instantie,
        o.seksueel,
        coalesce(o.ca_codes, []::VARCHAR[]) AS ca_codes,
        coalesce(o.uitbuitingsvormen, []::VARCHAR[]) AS uitbuitingsvormen,
        list_filter(coalesce(o.bronlanden, []::VARCHAR[]), lambda c: c NOT IN ('XXX', 'XXA'))
            AS bronlanden_bekend,
        coalesce(s.nat, []::VARCHAR[]) AS slachtoffer_nat
    FROM {in_force("emm__onderzoeken", as_of)} o
    LEFT JOIN slachtoffers s USING (onderzoek_naam)
)
SELECT o.jaar, o.onderzoek_naam AS onderzoek_id, o.instantie, o.ca_codes,
    {_vormen_sql()} AS vormen, 'emm' AS bron
FROM o
WHERE NOT EXISTS (SELECT 1 FROM vervangen v WHERE v.instantie = o.instantie AND v.jaar = o.jaar)
UNION ALL
SELECT jt.jaar,
    'jaartelling:' || jt.instantie || ':' || jt.jaar || ':' || jt.vorm || ':' || CAST(i AS VARCHAR)
        AS onderzoek_id,
    jt.instantie, []::VARCHAR[] AS ca_codes,
    [CASE jt.vorm {whens} ELSE 'onbekend' END] AS vormen, 'jaartelling' AS bron
FROM jt, range(1, jt.aantal_onderzoeken + 1) AS r(i)
)
"""


def verdachten_sql(as_of: dt.date | None = None) -> str:
    """The SELECT behind ``verdachten_opsporing`` (rules ``VERDACHTE_PER_ONDERZOEK``,
    ``PERSONEN_SINDS``); only suspects of investigations in ``opsporingsonderzoeken`` from EMM
    records (``JAARTELLINGEN_VERVANGEN``)."""
    return f"""
SELECT o.jaar, o.onderzoek_id, p.persoon_id AS verdachte_id, o.instantie, o.vormen,
    CASE p.geslacht WHEN 'M' THEN 'man' WHEN 'V' THEN 'vrouw' ELSE 'onbekend' END AS geslacht,
    p.leeftijd_bij_start AS leeftijd,
    CASE WHEN p.leeftijd_bij_start IS NULL THEN 'onbekend'
        WHEN p.leeftijd_bij_start < 18 THEN 'minderjarig' ELSE 'meerderjarig' END
        AS leeftijdscategorie,
    CASE WHEN p.nationaliteit = 'XXX' THEN NULL ELSE p.nationaliteit END AS nationaliteit
FROM {in_force("emm__personen", as_of)} p
JOIN opsporingsonderzoeken o ON o.onderzoek_id = p.onderzoek_naam AND o.bron = 'emm'
WHERE p.rol = 'verdachte' AND o.jaar >= {PERSONEN_SINDS}
"""


def betrokkenen_sql(as_of: dt.date | None = None) -> str:
    """The SELECT behind ``betrokkenen_opsporing`` (rule ``BETROKKENEN_PER_ONDERZOEK``); only
    persons of investigations in ``opsporingsonderzoeken`` from EMM records
    (``JAARTELLINGEN_VERVANGEN``)."""
    return f"""
SELECT o.jaar, o.onderzoek_id, p.persoon_id, p.rol, o.instantie, o.vorm_dm,
    p.geslacht AS geslacht_code, p.leeftijd_bij_start AS leeftijd, p.geboorteland,
    p.nationaliteit
FROM {in_force("emm__personen", as_of)} p
JOIN opsporingsonderzoeken o ON o.onderzoek_id = p.onderzoek_naam AND o.bron = 'emm'
"""


ONDERZOEKEN_EN_BETROKKENEN_SQL = """
SELECT jaar, 'onderzoek' AS soort, onderzoek_id, instantie FROM opsporingsonderzoeken
UNION ALL
SELECT jaar, rol AS soort, onderzoek_id, instantie FROM betrokkenen_opsporing
"""
"""Dadermonitor Figuur 4.1: investigations (corrected counts included) and the persons in them
(``BETROKKENEN_PER_ONDERZOEK``), each row one counted unit."""


def rechtspraak_sql(as_of: dt.date | None = None) -> str:
    """The SELECT behind ``rechtspraak_tabellen`` (rule ``RECHTSPRAAK_ONGEWIJZIGD``)."""
    parts = (
        ("rechtspraak__eindarresten", "'eindarrest/' || eindarrest"),
        ("rechtspraak__hoger_beroep_insteller", "'insteller/' || ingesteld_door"),
        ("rechtspraak__cassaties", "'cassatie'"),
    )
    return " UNION ALL ".join(
        f"SELECT CAST(jaar_afdoening_hb AS INTEGER) AS jaar, {reeks} AS reeks, "
        f"CAST(aantal AS BIGINT) AS aantal, CAST(aantal_below AS INTEGER) AS aantal_below "
        f"FROM {in_force(table, as_of)}"
        for table, reeks in parts
    )


def create_investigation_views(
    con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None
) -> None:
    """Create TEMP views ``opsporingsonderzoeken``, ``verdachten_opsporing``,
    ``betrokkenen_opsporing`` and ``opsporing_onderzoeken_en_betrokkenen`` from the EMM
    snapshot in force (with the corrected counts of emm_jaartellingen when loaded); see the
    module docstring."""
    con.execute(
        "CREATE OR REPLACE TEMP VIEW opsporingsonderzoeken AS "
        f"{opsporingsonderzoeken_sql(con, as_of)}"
    )
    con.execute(f"CREATE OR REPLACE TEMP VIEW verdachten_opsporing AS {verdachten_sql(as_of)}")
    con.execute(f"CREATE OR REPLACE TEMP VIEW betrokkenen_opsporing AS {betrokkenen_sql(as_of)}")
    con.execute(
        "CREATE OR REPLACE TEMP VIEW opsporing_onderzoeken_en_betrokkenen AS "
        f"{ONDERZOEKEN_EN_BETROKKENEN_SQL}"
    )
    from ketenmonitor.domain.persons import create_person_views

    create_person_views(con)  # daders_opsporing (Dadermonitor chapter 8)


def create_rechtspraak_views(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None) -> None:
    """Create the TEMP view ``rechtspraak_tabellen`` from the rechtspraak snapshot in force."""
    con.execute(f"CREATE OR REPLACE TEMP VIEW rechtspraak_tabellen AS {rechtspraak_sql(as_of)}")
