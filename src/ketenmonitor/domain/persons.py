"""Perpetrators' traits per phase of the chain: sex, age and country of birth (origin region), as
the Dadermonitor mensenhandel 2015-2019 shows them in chapter 8 'Persoonskenmerken'
(../shared/seeds/000_4e969fc2f04dad69.txt lines 7860-8330; appendix B1.7, lines 9820-9905).

Each rule is written once here and applies to every phase; the views of a phase only choose its
cohort and the moment the age refers to. ``create_person_views(con)`` creates, on a connection
that already has the police views (``domain.police``) and/or the investigation views
(``domain.investigations``), the TEMP views of the phases whose source is there:

``daders_signalering`` (``COHORT_SIGNALERING``): one row per unique suspect the police registered
in BVH in the window Y-4..Y, for every year Y with incidents (``jaar`` = Y, like
``politie_gemeenten``), with ``persoon`` (the unique-person key, ``UNIEKE_VERDACHTE``),
``betrokkenheden``, ``vorm`` (seksueel / arbeid / crimineel / onbekend, ``VORM_SIGNALERING``),
``vorm_dm`` (au / cu / onbekend: the Dadermonitor's columns at this phase), and the traits below.

``slachtoffers_signalering`` (``COHORT_SLACHTOFFERS``): the same columns for the unique victims
(the victim file, aangevers included) of the window, with ``herkomst`` also ``afrika``
(``HERKOMST_SLACHTOFFER``): Dadermonitor Tabel 3.3 (chapter 3, lines 4236-4318).

``daders_opsporing`` (``COHORT_OPSPORING``): one row per suspect per investigation in the EMM
file, by start year (``jaar``), with ``onderzoek_id``, ``persoon_id``, ``instantie``, ``vorm_dm``
(bl_su / go_su / au / cu / onbekend, ``investigations.DADERMONITOR_VORM``), ``nationaliteit``
and the traits below.

Traits, the same columns in every phase: ``geslacht`` (man / vrouw / onbekend,
``GESLACHT_DADER``), ``leeftijd`` (whole years, NULL when unknown, ``LEEFTIJD_DADER``),
``leeftijdsklasse`` (minderjarig / adolescent / volwassen / onbekend, ``LEEFTIJDSKLASSE_DADER``),
``geboorteland`` (land code, NULL when unknown) and ``herkomst`` (nederland / eer / overig /
onbekend, ``HERKOMST_DADER``). ``ONBEKEND_WEGLATEN`` says how the unknowns are left out.

The trial phases (dagvaarding: the 721 natural persons judged in first instance; veroordeling:
479; onvoorwaardelijke vrijheidsstraf: 426; appendix B1.7.2, lines 9852-9860) are the view
``daders_berechting`` of ``domain.trial``, which applies ``geslacht_sql``, ``leeftijdsklasse_sql``
and ``herkomst_sql`` below to the judged cases of chapter 6 (age at the begin of the offence, as
for the police). docs/methodology/persons.md explains the rules with examples.
"""

from __future__ import annotations

import duckdb

from ketenmonitor.domain.cases import land_herkomstregio
from ketenmonitor.domain.victims import geslacht_map

GESLACHT_DADER = """
Sex of a perpetrator (Dadermonitor 2015-2019, Figuur 8.1, lines 7911-7915; B1.7.3 lines
9883-9885): the registered sex M -> man, V -> vrouw; anything else (X, O, missing) -> onbekend
(domain/geslacht.csv, the same map as the Jaarcijfers). Onbekend is left out of the figure.
"""

LEEFTIJD_DADER = """
Age of a perpetrator (Dadermonitor 2015-2019, Tabel 8.1 and Figuur 8.2, lines 7952-7957 and
8017-8020; B1.7.2): in whole years, at the (begin of the) offence for the police (CBS) and the
OM; at the start of the investigation for the EMM ('Bij de opsporing gaat het echter om de
leeftijd van de daders op het moment van de start van het opsporingsonderzoek', line 7955), which
makes the opsporing ages somewhat higher (shown grey in Tabel 8.1). A unique police suspect of
several incidents has the age of the earliest incident (by begin date of the offence, else date
of report) that has an age: 'de leeftijd bij het begin van plegen' (line 8018). Without a date of
birth the age is unknown (149 signalled suspects, 43 in the EMM file, lines 9885-9887).
"""

LEEFTIJDSKLASSE_DADER = """
Age classes of Figuur 8.2 (Dadermonitor 2015-2019, lines 8020-8026): minderjarig 12 t/m 17 (the
juvenile criminal law applies), adolescent 18 t/m 22 (the adolescent criminal law, since April
2014), volwassen 23 and older. The figure shows two classes: 'minderjarig of adolescent (t/m 22
jaar)' and '23 jaar en ouder'; the text also gives the minors apart (4% of the signalled
suspects, line 8031). An age under 12 does not occur in the data; it would count as minderjarig.
"""

HERKOMST_DADER = """
Origin region of a perpetrator (Dadermonitor 2015-2019, Figuur 8.3, lines 8178-8187 and footnote
12): from the country of birth (not the nationality: it is the only origin field in every source,
lines 8089-8092 and 9889-9891): nederland; eer = a country of the European Economic Area, with
Switzerland and (before Brexit) the United Kingdom counted as EER 'voor de eenduidigheid'
(herkomstregio 'eer' of contracts/reference/land_herkomstregio.csv); overig = every other known
country ('overige geboortelanden', not split further); onbekend = no country, XXX (unknown) or
XXA (stateless). The Caribbean parts of the Kingdom (the former Netherlands Antilles, Curaçao,
Aruba) are overig, not Nederland (Tabel B2.2 lists 'Nederlandse Antillen' apart from Nederland).
"""

ONBEKEND_WEGLATEN = """
Unknown traits (Dadermonitor 2015-2019, B1.7.3 'Onbekende persoonskenmerken', lines 9881-9888):
'De daders van wie een persoonskenmerk onbekend is, zijn niet meegenomen in de resultaten van dat
kenmerk': each figure's percentages are of the perpetrators whose trait is known, per trait
(sex unknown for 149 signalled suspects and 45 in the EMM file; date of birth for 149 and 43;
country of birth for 150 and 46). A perpetrator with an unknown sex still counts in the age and
origin figures when those are known. Tabel 8.1's N is the number with a known age (Signalering
N=850 = 1.000 - 149, rounded to fives by CBS; Opsporing N=741 = 784 - 43).
"""

COHORT_SIGNALERING = """
Signalled suspects (Dadermonitor 2015-2019, §8.2 lines 7868-7870, B1.7.2 lines 9834-9835, §3.4
lines 3634-3640): every unique person the police registered as a suspect (the CBS suspect file)
in an incident with a trafficking offence reported in the window Y-4..Y: 1.090 involvements, 1.000
unique suspects in 2015-2019. The cohort is the window, so a suspect of 2016 and 2018 counts once.
"""

UNIEKE_VERDACHTE = """
A unique police suspect is one CBS person pseudonym (persoon_id, the RIN of the BRP link). A
suspect CBS could not link to the BRP has no pseudonym and no BRP traits (sex, date of birth,
country of birth: politie contract); such a suspect counts as a person of its own in every
incident (the involvement is the only key), which can only overcount unique persons.
"""

VORM_SIGNALERING = """
Form of a signalled suspect (Dadermonitor 2015-2019, §8.2.1 lines 7897-7904 and B1.7.3 lines
9897-9903): the forms of the incidents of the suspect in the window (``police.VORM_REGEL``,
overig with onbekend), one per suspect by the Dadermonitor's hierarchy for several forms (B1.5.2,
line 9677: sexual before labour before criminal): seksueel, else arbeid, else crimineel, else
onbekend. BVH cannot tell domestic from cross-border sexual exploitation, so the chapter shows
only arbeidsuitbuiting (au), criminele uitbuiting (cu) and the total; 'Gesignaleerde verdachten
van seksuele uitbuiting zijn samengenomen met de groep onbekend' (vorm_dm onbekend).
"""

COHORT_OPSPORING = """
Suspects in investigations (Dadermonitor 2015-2019, §8.2 lines 7870-7873, B1.7.2 lines 9836-9841):
every person with the role verdachte in an investigation of the EMM file started in the window,
one row per suspect per investigation (784 in 2015-2019, the suspects of Figuur 4.1), with the
investigation's one Dadermonitor form (``investigations.DADERMONITOR_VORM``; 13% unknown, B1.8.2
line 10053). The ISZW-DO's investigations carry no persons (``investigations.JAARTELLINGEN_
VERVANGEN``), so labour-exploitation suspects are undercounted (line 9839).
"""

COHORT_SLACHTOFFERS = """
Signalled victims (Dadermonitor 2015-2019, §3.4.5 Tabel 3.3, lines 4236-4318): every unique
person in the CBS victim file (which also holds the aangevers, B1.3.3 lines 9452-9461: the table
counts them, 'geregistreerde slachtoffers') of an incident with a trafficking offence reported in
the window Y-4..Y: 2.940 unique victims in 2015-2019 (line 4284, the Totaal column's N; the title's
'N=2.40' is an extraction defect). The key is the person pseudonym, as for suspects
(``UNIEKE_VERDACHTE``). The cohort is the window: a victim of 2016 and 2018 counts once.
The text at Figuur 3.1 says 2.995 unique victims (line 3632), 55 more, and points to §3.4.5 for
'deze slachtoffers'. Decision (not stated in the report): 2.995 is the sum over the five yearly
CBS files (B1.3.2, lines 9364-9365: 'maatwerkbestanden met de jaarlijks ... geregistreerde
incidenten') of the unique victims of each year, so a victim of two years counts twice
(``UNIEKE_SLACHTOFFERS_PER_JAAR``); Tabel 3.3 links the window's victims to the BRP of 2019
(B1.3.2, lines 9434-9436) and counts each person once.
"""

UNIEKE_SLACHTOFFERS_PER_JAAR = """
The 2.995 'unieke slachtoffers' of the text at Figuur 3.1 (line 3632): per report year the unique
persons of the victim file, summed over Y-4..Y (``COHORT_SLACHTOFFERS``' decision): 3.225
involvements (line 3630), 2.995 unique per year, 2.940 unique over the window.
"""

VORM_SLACHTOFFER = """
Form of a signalled victim (Tabel 3.3, lines 4238-4240 and 4285-4287: the victims 'naar
uitbuitingsvorm'): as for suspects (``VORM_SIGNALERING``): the forms of the victim's incidents in
the window (``police.VORM_REGEL``, overig with onbekend), one per victim: seksueel, else arbeid,
else crimineel, else onbekend. One form each because the columns' n (1.975 + 185 + 200 + 575 =
2.935) add up to the Totaal 2.940 within CBS's rounding to fives; a victim counted in every form
of its incidents would make them add up to more. Unlike the suspects of chapter 8, sexual
exploitation is a column of its own.
"""

KENMERKEN_SLACHTOFFER = """
Traits of a signalled victim (Tabel 3.3, lines 4244-4282; B1.3.2 lines 9434-9436: the victim
file linked to the BRP of 2019): the suspects' rules, written once above, apply unchanged: sex
(``GESLACHT_DADER``), age at the (begin of the) earliest incident (``LEEFTIJD_DADER``; the mean
in whole years: 'Gemiddelde leeftijd'), the classes minderjarig (to 17) and adolescent (18-22,
'Adolescent (18-22)') of ``LEEFTIJDSKLASSE_DADER`` (an age under 12 is minderjarig, victims can
be children), origin from the country of birth (``HERKOMST_DADER``) with Afrika shown apart
(``HERKOMST_SLACHTOFFER``). Unknowns are left out per trait (``ONBEKEND_WEGLATEN``): 880 victims
have no traits at all (line 4240: not linked to the BRP), sex and age are known for 2.060
(2.940 - 880) and the country of birth for 2.055 ('van nog een aantal slachtoffers is alleen het
geboorteland ... onbekend', lines 4240-4242); each percentage is of the victims of its column
with the trait known.
"""

HERKOMST_SLACHTOFFER = """
Origin region of a signalled victim (Tabel 3.3, lines 4276-4280; text lines 4310-4313): the
herkomstregio of the country of birth (contracts/reference/land_herkomstregio.csv): nederland,
eer (as ``HERKOMST_DADER``), afrika, and overig for every other known country. The table prints
three regions only (Nederland, Europese Economische Ruimte, Afrika); their shares add up to 73%-89%
per column, the rest is overig (Azië, Latin America, the rest of Europe ...), not shown and not
split: the source of the table does not survive in the report, so overig is one remainder here.
"""

HERKOMST_SLACHTOFFER_REGIOS = ("nederland", "eer", "afrika")
"""``HERKOMST_SLACHTOFFER``: the regions shown apart."""

FASEN = ("signalering", "opsporing", "dagvaarding", "veroordeling", "vrijheidsstraf")
"""The phases of chapter 8, in the order of Tabel 8.1."""


def geslacht_sql(column: str) -> str:
    """``GESLACHT_DADER`` as a SQL CASE over a registered sex code."""
    whens = " ".join(f"WHEN '{code}' THEN '{g}'" for code, g in geslacht_map().items())
    return f"(CASE {column} {whens} ELSE 'onbekend' END)"


def leeftijdsklasse_sql(column: str) -> str:
    """``LEEFTIJDSKLASSE_DADER`` as a SQL CASE over an age in whole years."""
    return (
        f"(CASE WHEN {column} IS NULL THEN 'onbekend' WHEN {column} <= 17 THEN 'minderjarig' "
        f"WHEN {column} <= 22 THEN 'adolescent' ELSE 'volwassen' END)"
    )


def herkomst_sql(region: str, regions: tuple[str, ...] = ("nederland", "eer")) -> str:
    """``HERKOMST_DADER`` over the herkomstregio ``region`` of the country of birth (NULL when the
    country is missing or not in the reference list); ``regions`` are the herkomstregio's shown
    apart, every other known one is ``overig`` (victims: ``HERKOMST_SLACHTOFFER`` adds
    ``afrika``)."""
    shown = ", ".join(f"'{r}'" for r in regions)
    return (
        f"(CASE WHEN {region} IS NULL OR {region} = 'onbekend' THEN 'onbekend' "
        f"WHEN {region} IN ({shown}) THEN {region} ELSE 'overig' END)"
    )


def create_land_table(con: duckdb.DuckDBPyConnection) -> None:
    """The TEMP table ``km_land_herkomstregio`` (landcode, herkomstregio) from
    contracts/reference/land_herkomstregio.csv (the same table ``domain.cases`` makes)."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE km_land_herkomstregio (landcode VARCHAR PRIMARY KEY, "
        "herkomstregio VARCHAR NOT NULL)"
    )
    con.executemany(
        "INSERT INTO km_land_herkomstregio VALUES (?, ?)", list(land_herkomstregio().items())
    )


def land_sql(column: str) -> str:
    """A country code with the unknown ones (XXX, XXA) as NULL."""
    return f"(CASE WHEN {column} IN ('XXX', 'XXA') THEN NULL ELSE {column} END)"


def signalering_sql(
    rollen: tuple[str, ...] = ("verdachte",), regions: tuple[str, ...] = ("nederland", "eer")
) -> str:
    """The unique persons with a role in ``rollen`` (verdachte: ``COHORT_SIGNALERING``;
    slachtoffer and aangever, the victim file: ``COHORT_SLACHTOFFERS``) per window Y-4..Y
    over ``politie_personen``, one form each by the hierarchy (``VORM_SIGNALERING``, the same for
    victims: ``VORM_SLACHTOFFER``), with the trait rules (``LEEFTIJD_DADER``: the age at the
    earliest incident; ``herkomst_sql`` with ``regions``)."""
    return f"""
WITH y AS (SELECT DISTINCT jaar FROM politie_incidenten),
v AS (
    SELECT p.*, {geslacht_sql("p.geslacht_code")} AS geslacht_dader,
        coalesce(p.pleegdatum, p.meldingsdatum) AS datum,
        coalesce(p.persoon_id,
            'incident:' || p.incident_id || '/' || CAST(p.betrokkene_nr AS VARCHAR)) AS persoon
    FROM politie_personen p WHERE p.rol IN ({", ".join(f"'{r}'" for r in rollen)})
),
d AS (
    SELECT y.jaar, v.persoon, count(*) AS betrokkenheden,
        CASE WHEN bool_or(v.vorm4 = 'seksueel') THEN 'seksueel'
            WHEN bool_or(v.vorm4 = 'arbeid') THEN 'arbeid'
            WHEN bool_or(v.vorm4 = 'crimineel') THEN 'crimineel' ELSE 'onbekend' END AS vorm,
        coalesce(arg_min(v.geslacht_dader, v.datum) FILTER (WHERE v.geslacht_dader <> 'onbekend'),
            'onbekend') AS geslacht,
        arg_min(v.leeftijd_bij_plegen, v.datum) FILTER (WHERE v.leeftijd_bij_plegen IS NOT NULL)
            AS leeftijd,
        arg_min({land_sql("v.geboorteland")}, v.datum)
            FILTER (WHERE {land_sql("v.geboorteland")} IS NOT NULL) AS geboorteland
    FROM y JOIN v ON v.jaar BETWEEN y.jaar - 4 AND y.jaar
    GROUP BY y.jaar, v.persoon
)
SELECT d.jaar, d.persoon, d.betrokkenheden, d.vorm,
    CASE d.vorm WHEN 'arbeid' THEN 'au' WHEN 'crimineel' THEN 'cu' ELSE 'onbekend' END AS vorm_dm,
    d.geslacht, CAST(d.leeftijd AS INTEGER) AS leeftijd,
    {leeftijdsklasse_sql("d.leeftijd")} AS leeftijdsklasse,
    d.geboorteland, {herkomst_sql("r.herkomstregio", regions)} AS herkomst
FROM d LEFT JOIN km_land_herkomstregio r ON r.landcode = d.geboorteland
"""


SIGNALERING_SQL = signalering_sql(("verdachte",))
"""``daders_signalering`` (``COHORT_SIGNALERING``, ``UNIEKE_VERDACHTE``, ``VORM_SIGNALERING``
and the trait rules) over ``politie_personen``."""

SLACHTOFFERS_SQL = signalering_sql(("slachtoffer", "aangever"), HERKOMST_SLACHTOFFER_REGIOS)
"""``slachtoffers_signalering`` (``COHORT_SLACHTOFFERS``, ``VORM_SLACHTOFFER``,
``KENMERKEN_SLACHTOFFER``) over ``politie_personen``: Dadermonitor Tabel 3.3."""

OPSPORING_SQL = f"""
SELECT b.jaar, b.onderzoek_id, b.persoon_id, b.instantie, b.vorm_dm,
    {geslacht_sql("b.geslacht_code")} AS geslacht,
    CAST(b.leeftijd AS INTEGER) AS leeftijd, {leeftijdsklasse_sql("b.leeftijd")} AS leeftijdsklasse,
    {land_sql("b.geboorteland")} AS geboorteland, {herkomst_sql("r.herkomstregio")} AS herkomst,
    {land_sql("b.nationaliteit")} AS nationaliteit
FROM betrokkenen_opsporing b
LEFT JOIN km_land_herkomstregio r ON r.landcode = {land_sql("b.geboorteland")}
WHERE b.rol = 'verdachte'
"""
"""``daders_opsporing`` (``COHORT_OPSPORING`` and the trait rules) over
``betrokkenen_opsporing``."""


def _exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether a view or table ``name`` exists (temporary ones included)."""
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
    ).fetchone()
    return bool(row and row[0])


def create_person_views(con: duckdb.DuckDBPyConnection) -> None:
    """Create ``daders_signalering`` and ``slachtoffers_signalering`` when ``politie_personen``
    exists and ``daders_opsporing`` when ``betrokkenen_opsporing`` exists (module docstring)."""
    create_land_table(con)
    if _exists(con, "politie_personen"):
        con.execute(f"CREATE OR REPLACE TEMP VIEW daders_signalering AS {SIGNALERING_SQL}")
        con.execute(f"CREATE OR REPLACE TEMP VIEW slachtoffers_signalering AS {SLACHTOFFERS_SQL}")
    if _exists(con, "betrokkenen_opsporing"):
        con.execute(f"CREATE OR REPLACE TEMP VIEW daders_opsporing AS {OPSPORING_SQL}")
