"""OM cases as the Jaarcijfers count them: registered, settled and judged in first instance.

``create_case_views(con)`` creates TEMP views on a warehouse connection from the OM snapshot in
force (``current.om__*``) and, when loaded, the Rapporteur's dossier study
(``current.om_dossierstudie__dossierstudie``). Each phase has its own cohort, in its column
``jaar`` (Jaarcijfers Mensenhandel 2024, Figuur 15-19 and 22-24; Dadermonitor 2015-2019, appendix
B1.5 and B1.8); the cohorts are never divided by each other.

``om_mensenhandelzaken``: one row per case (parketnummer) of the delivery with every derived
attribute below, whether or not it is a trafficking case (column ``mensenhandel``).

``ingeschreven_zaken``: trafficking cases by year of registration (``jaar`` = year of
inschrijvingsdatum; Figuur 15, 16), with ``vorm`` (``VORMEN_VERVOLGING``), ``aangeleverd_door``
(opsporingsinstantie code) and ``instantie`` (politie, kmar, nla, overig).

``afgehandelde_zaken``: trafficking cases settled on the merits (inhoudelijk) by year of the OM's
decision (``jaar`` = year of afhandelingsdatum; Figuur 17), with ``afhandeling``
(``AFHANDELINGEN``), ``afdoening`` (as delivered) and ``vorm``.

``berechte_zaken``: cases in which trafficking was charged, judged in first instance, by year of
the judgment (``jaar`` = year of vonnisdatum; Figuur 18, 19), with ``vorm`` (the trial forms of
``VORMEN_BERECHTING``), ``einduitspraak`` (as delivered), ``uitspraak`` (vrijspraak,
veroordeling, overig_onbekend), ``natuurlijk_persoon``, ``leeftijd`` (at the begin of the
offence), ``leeftijdsklasse`` (t/m 22, 23-29, 30-39, 40+, onbekend), ``geslacht`` (man, vrouw,
onbekend), ``geboorteland`` and ``herkomst`` (nederland, eer, overig, onbekend).

``berechte_verdachten``: the natural persons among ``berechte_zaken`` (Figuur 22-24: one case per
suspect, Dadermonitor line 5302; tried suspects are natural persons, B1.8).

``dm_ingeschreven_zaken`` and ``dm_afgehandelde_zaken``: the Dadermonitor's chapter 5 cohorts
(registered, settled incl. administrative disposals) for *every* OM snapshot, tagged with its
``peildatum``: a Dadermonitor counts the extract of its own peildatum (``DADERMONITOR_PEILDATUM``,
``dadermonitor_snapshot_sql``), the Jaarcijfers the one in force. Columns: ``vorm``
(``VORMEN_DADERMONITOR``, rule ``VORM_DADERMONITOR``), ``minderjarig_slachtoffer``
(``MINDERJARIG_SLACHTOFFER``), ``afhandeling`` (``AFHANDELING_MENSENHANDEL``), ``inhoudelijk``,
``sepotgrond``, ``strafverzwarend``, ``classificaties``, ``parket``, ``dossier_vorm``.

``dm_berechte_zaken``: the Dadermonitor's chapter 6 cohort (judged in first instance, by year of
the judgment) for every OM snapshot; its rules are in ``ketenmonitor.domain.trial``.

docs/methodology/cases.md gives the reasoning and the published numbers that decided open points.
"""

from __future__ import annotations

import csv
import datetime as dt
from importlib import resources

import duckdb

from ketenmonitor.warehouse import has_table, in_force

VORMEN_VERVOLGING = (
    "seksuele_uitbuiting",
    "arbeidsuitbuiting",
    "criminele_overige_uitbuiting",
    "onbekend",
)
"""Forms of a case in the prosecution phase, in the order of Figuur 16 and 17."""

VORMEN_BERECHTING = (
    "binnenlandse_seksuele_uitbuiting",
    "internationale_seksuele_uitbuiting",
    "seksuele_uitbuiting_onbekend",
    "arbeidsuitbuiting",
    "criminele_overige_uitbuiting",
    "onbekend",
)
"""Forms of a judged case, in the order of Figuur 18 and the columns of Figuur 19, 22-24."""

AFHANDELINGEN = ("dagvaarding_mh", "onvoorwaardelijk_sepot", "overig")
"""Settlement types of Figuur 17 (administrative disposals are not settlements on the merits)."""

MENSENHANDEL_ARTIKELEN = """
Trafficking offence (Jaarcijfers Mensenhandel 2024, section 4, 'Raad voor de
rechtspraak-tabellen', line 760; Dadermonitor B1.5): art. 273f Sr, or its predecessors for
offences begun in their window: art. 273a Sr 01/01/2005-31/08/2006, art. 250a Sr
01/10/2000-31/12/2004, art. 250ter Sr 01/02/1994-30/09/2000 (the offence's begin date, else the
case's). Only primary charges count (Dadermonitor line 5461). A case is a trafficking case when at
least one primary offence at any stage is trafficking.
"""

TEN_LASTE_GELEGD = """
Trafficking charged (Dadermonitor B1.5.3, line 9735): the articles of the summons when the case
has any, otherwise those of the registration. A summons counts as 'Dagvaarding voor
mensenhandel' (Figuur 17) and a judgment counts in Figuur 18-24 ('zaken waarin mensenhandel ten
laste is gelegd', Jaarcijfers line 518) only when trafficking is charged; a summons for other
offences only is 'Overig' (Dadermonitor line 5797: 35 of 407 cases).
"""

VORM_VERVOLGING = """
Form of a case in the prosecution phase (Jaarcijfers Mensenhandel 2024, Figuur 16-17 and section
4 'OM-data'; Dadermonitor B1.5.2, 'verrijking van de dataset'), the first source that gives an
answer:
1. the maatschappelijke classificaties: mh_seksueel -> seksuele uitbuiting ('in ieder geval
   seksuele uitbuiting', Jaarcijfers line 468), else mh_arbeid -> arbeidsuitbuiting, else
   mh_overig -> criminele/overige uitbuiting;
2. the Functioneel Parket -> arbeidsuitbuiting (Dadermonitor line 9654);
3. art. 273f (or 273a) lid 1 sub 3 among the primary trafficking offences -> seksuele uitbuiting
   (Dadermonitor line 9656);
4. the Rapporteur's dossier study: a sexual form -> seksuele, au -> arbeids, cu or orgaan ->
   criminele/overige uitbuiting;
5. otherwise onbekend. 'zeden_overig' and 'overig' classifications say nothing about the form.
"""

VORM_BERECHTING = """
Form of a judged case (Jaarcijfers Mensenhandel 2024, Figuur 18, 19, 22-24 and section 4;
Dadermonitor B1.5.2, 'dossieronderzoek'): the dossier study's form, which already applies the
tie-break cross-border sexual > domestic sexual > labour > criminal. su_onbekend (sexual, domestic
or cross-border not established: all of 2024, Figuur 18 Noot) is its own form; cu and orgaan are
'criminele/overige uitbuiting' (orgaan is too rare to show apart, line 722); a case without a
dossier result is onbekend.
"""

UITSPRAAK = """
Final verdict groups of Figuur 19 (Jaarcijfers line 538, 'veroordeeld voor in ieder geval
mensenhandel'; Dadermonitor Fig. 6.3 and its note): veroordeling = veroordeling_mh and
veroordeling_mh_voeging; vrijspraak = the three vrijspraak categories (also 'vrijspraak
mensenhandel, veroordeling andere feiten'); overig_onbekend = every other category (conviction
unknown as to trafficking, decision unknown after joinder, OVAR, OM niet ontvankelijk,
dagvaarding nietig, schuldig zonder straf).
"""

HERKOMST_VERDACHTE = """
Origin of a tried suspect (Jaarcijfers Mensenhandel 2024, Figuur 24; Dadermonitor line 8091: the
country of birth is the only origin field in RAC-min): nederland; eer = the EU, EER and
Switzerland (herkomstregio 'eer' of contracts/reference/land_herkomstregio.csv); overig = any
other known country; onbekend = no country or an unknown one (XXX, stateless).
"""

LEEFTIJDSKLASSE = """
Age classes of Figuur 22: age at the begin of the offence (Dadermonitor lines 7953, 8053) in
whole years, 'Minderjarig of adolescent (t/m 22 jaar)', 23-29, 30-39, 40+; no age -> onbekend.
"""

VORMEN_DADERMONITOR = ("seksueel", "niet_seksueel", "onbekend")
"""Forms of a case in the Dadermonitor's prosecution phase (chapter 5, Figuur 5.2, 5.4-5.6)."""

VORM_DADERMONITOR = """
Form of a case in the Dadermonitor's prosecution phase (Dadermonitor 2015-2019, section 5.3.1,
lines 5416-5430, and B1.5.2, lines 9641-9663): two categories, because at this stage the form is
often not yet certain. 'In ieder geval seksuele uitbuiting' (seksueel) when any source says
sexual: the maatschappelijke classificatie mh_seksueel, art. 273f (or 273a) lid 1 sub 3 among the
primary trafficking offences, or a sexual form (bl_su, go_su, su_onbekend) in the Rapporteur's
dossier study of the verdict; otherwise 'uitsluitend niet-seksuele uitbuiting' (niet_seksueel)
when a source says non-sexual: mh_arbeid or mh_overig, the Functioneel Parket (labour, line
9654), or au, cu or orgaan in the dossier study; otherwise onbekend. The dossier study thus
corrects the unreliable 'overige vormen' classification (B1.5.3, lines 9716-9723: 18 of 31 were
sexual or labour exploitation).
"""

MINDERJARIG_SLACHTOFFER = """
A case with (at least) a minor victim (Dadermonitor 2015-2019, section 5.4.3, line 5676 and
footnote 29; line 6003): art. 273f lid 1 sub 2, 5 or 8 among the primary trafficking offences as
registered (stadium inschrijving); these sub-paragraphs are by definition about a victim under 18.
Minors under other sub-paragraphs are missed, so this is a lower bound.
"""

AFHANDELING_MENSENHANDEL = """
The OM's decision on the trafficking offence of a case (Dadermonitor 2015-2019, Figuur 5.6 and
footnote 37, line 5797): the case's afdoening, except for a case summoned for other offences only
(afdoening dagvaarding without trafficking charged, ``TEN_LASTE_GELEGD``): then the decision
recorded on its trafficking offence (feiten.afdoening_feit), and without one 'sepot_grond_onbekend'
(the offence was dropped without a recorded ground). An administrative disposal (double
registration, line 5738 and footnote 34) is a settlement, but not on the merits (inhoudelijk).
"""

DADERMONITOR_PEILDATUM = """
The OM extract a Dadermonitor counts (Dadermonitor 2015-2019, B1.5.2, line 9633: the WODC-SIBa
subset 'mensenhandel' with peildatum April 2020; lines 9731-9743: the OM re-delivers earlier years
every year, later extracts revise them a little): for the years Y-4..Y the first OM snapshot
delivered after the period (peildatum after 31 December of Y; for 2015-2019 the one of April
2020), or the newest when none is yet. The Jaarcijfers count the snapshot in force.
"""


def dadermonitor_snapshot_sql(year: int, alias: str = "u") -> str:
    """``DADERMONITOR_PEILDATUM`` as a condition on a ``dm_*`` view row for reporting year
    ``year`` (the period year-4..year)."""
    return (
        f"{alias}.peildatum = (SELECT coalesce(min(peildatum) FILTER (peildatum > DATE "
        f"'{year}-12-31'), max(peildatum)) FROM main.lineage WHERE source = 'om')"
    )


SEKSUEEL = ("bl_su", "go_su", "su_onbekend")
SEPOT = ("technisch_sepot", "onvoorwaardelijk_beleidssepot", "sepot_grond_onbekend")
VEROORDELING = ("veroordeling_mh", "veroordeling_mh_voeging")
VRIJSPRAAK = ("vrijspraak", "vrijspraak_mh_andere_feiten", "vrijspraak_mh_gevoegd")


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def land_herkomstregio() -> dict[str, str]:
    """Country code -> herkomstregio (contracts/reference/land_herkomstregio.csv)."""
    text = (
        resources.files("ketenmonitor.contracts")
        .joinpath("reference/land_herkomstregio.csv")
        .read_text(encoding="utf-8")
    )
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return {r["landcode"]: r["herkomstregio"] for r in csv.DictReader(lines)}


def mensenhandel_feit_sql(alias: str = "f", fallback_date: str = "z.pleegdatum_begin") -> str:
    """``MENSENHANDEL_ARTIKELEN`` as a condition over a feiten row."""
    d = f"coalesce({alias}.pleegdatum_begin, {fallback_date})"
    return (
        f"({alias}.artikel = '273f' "
        f"OR ({alias}.artikel = '273a' AND {d} BETWEEN DATE '2005-01-01' AND DATE '2006-08-31') "
        f"OR ({alias}.artikel = '250a' AND {d} BETWEEN DATE '2000-10-01' AND DATE '2004-12-31') "
        f"OR ({alias}.artikel = '250ter' AND {d} BETWEEN DATE '1994-02-01' AND DATE '2000-09-30'))"
    )


def _dossier(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None) -> str:
    if has_table(con, "om_dossierstudie__dossierstudie"):
        return in_force("om_dossierstudie__dossierstudie", as_of)
    return "(SELECT NULL::VARCHAR AS parketnummer, NULL::VARCHAR AS vorm WHERE false)"


def _ref_tables(con: duckdb.DuckDBPyConnection) -> None:
    from ketenmonitor.domain.victims import geslacht_map

    con.execute(
        "CREATE OR REPLACE TEMP TABLE km_land_herkomstregio (landcode VARCHAR PRIMARY KEY, "
        "herkomstregio VARCHAR NOT NULL)"
    )
    con.executemany(
        "INSERT INTO km_land_herkomstregio VALUES (?, ?)", list(land_herkomstregio().items())
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE km_verdachte_geslacht (code VARCHAR PRIMARY KEY, "
        "geslacht VARCHAR NOT NULL)"
    )
    con.executemany("INSERT INTO km_verdachte_geslacht VALUES (?, ?)", list(geslacht_map().items()))


def zaken_sql(
    dossier: str = "current.om_dossierstudie__dossierstudie", as_of: dt.date | None = None
) -> str:
    """The SELECT behind ``om_mensenhandelzaken`` (rules ``MENSENHANDEL_ARTIKELEN``,
    ``TEN_LASTE_GELEGD``, ``VORM_VERVOLGING``, ``VORM_BERECHTING``, and for the Dadermonitor
    ``VORM_DADERMONITOR``, ``MINDERJARIG_SLACHTOFFER``, ``AFHANDELING_MENSENHANDEL``) over the
    OM snapshot in force, or the one in force on ``as_of``."""
    mc = "coalesce(z.maatschappelijke_classificaties, []::VARCHAR[])"
    zaken, feiten = in_force("om__zaken", as_of), in_force("om__feiten", as_of)
    return f"""
WITH feit AS (
    SELECT f.parketnummer, f.stadium, f.lid, f.sub, f.afdoening_feit,
        {mensenhandel_feit_sql()} AS mh
    FROM {feiten} f JOIN {zaken} z USING (parketnummer)
    WHERE f.primair
), per_zaak AS (
    SELECT parketnummer,
        bool_or(mh) AS mensenhandel,
        bool_or(stadium = 'dagvaarding') AS dagvaarding_artikelen,
        bool_or(mh AND stadium = 'dagvaarding') AS mh_dagvaarding,
        bool_or(mh AND stadium = 'inschrijving') AS mh_inschrijving,
        bool_or(mh AND lid = 1 AND sub = 3) AS sub_3,
        bool_or(mh AND stadium = 'inschrijving' AND lid = 1 AND sub IN (2, 5, 8)) AS minderjarig,
        max(afdoening_feit) FILTER (WHERE mh AND afdoening_feit <> 'dagvaarding') AS afdoening_mh
    FROM feit GROUP BY parketnummer
)
SELECT
    z.parketnummer,
    z.persoon_id,
    z.natuurlijk_persoon,
    z.parket,
    z.aangeleverd_door,
    z.inschrijvingsdatum,
    z.afhandelingsdatum,
    z.afdoening,
    z.leeftijd_bij_plegen AS leeftijd,
    coalesce(p.mensenhandel, false) AS mensenhandel,
    coalesce(CASE WHEN p.dagvaarding_artikelen THEN p.mh_dagvaarding ELSE p.mh_inschrijving END,
        false) AS mensenhandel_ten_laste_gelegd,
    CASE
        WHEN list_contains({mc}, 'mh_seksueel') THEN 'seksuele_uitbuiting'
        WHEN list_contains({mc}, 'mh_arbeid') THEN 'arbeidsuitbuiting'
        WHEN list_contains({mc}, 'mh_overig') THEN 'criminele_overige_uitbuiting'
        WHEN z.parket = 'FP' THEN 'arbeidsuitbuiting'
        WHEN coalesce(p.sub_3, false) THEN 'seksuele_uitbuiting'
        WHEN d.vorm IN {_in(SEKSUEEL)} THEN 'seksuele_uitbuiting'
        WHEN d.vorm = 'au' THEN 'arbeidsuitbuiting'
        WHEN d.vorm IN ('cu', 'orgaan') THEN 'criminele_overige_uitbuiting'
        ELSE 'onbekend'
    END AS vorm_vervolging,
    CASE d.vorm
        WHEN 'bl_su' THEN 'binnenlandse_seksuele_uitbuiting'
        WHEN 'go_su' THEN 'internationale_seksuele_uitbuiting'
        WHEN 'su_onbekend' THEN 'seksuele_uitbuiting_onbekend'
        WHEN 'au' THEN 'arbeidsuitbuiting'
        WHEN 'cu' THEN 'criminele_overige_uitbuiting'
        WHEN 'orgaan' THEN 'criminele_overige_uitbuiting'
        ELSE 'onbekend'
    END AS vorm_berechting,
    CASE
        WHEN list_contains({mc}, 'mh_seksueel') OR coalesce(p.sub_3, false)
            OR d.vorm IN {_in(SEKSUEEL)} THEN 'seksueel'
        WHEN list_has_any({mc}, ['mh_arbeid', 'mh_overig']) OR z.parket = 'FP'
            OR d.vorm IN ('au', 'cu', 'orgaan') THEN 'niet_seksueel'
        ELSE 'onbekend'
    END AS vorm_dadermonitor,
    coalesce(p.minderjarig, false) AS minderjarig_slachtoffer,
    CASE WHEN z.afdoening = 'dagvaarding' AND NOT coalesce(CASE WHEN p.dagvaarding_artikelen
        THEN p.mh_dagvaarding ELSE p.mh_inschrijving END, false)
        THEN coalesce(p.afdoening_mh, 'sepot_grond_onbekend') ELSE z.afdoening
    END AS afdoening_mh,
    z.sepotgrond,
    z.strafverzwarende_omstandigheden,
    {mc} AS classificaties,
    d.vorm AS dossier_vorm
FROM {zaken} z
LEFT JOIN per_zaak p USING (parketnummer)
LEFT JOIN {dossier} d ON d.parketnummer = z.parketnummer
"""


def _afhandeling_sql() -> str:
    """Settlement type of Figuur 17 (``TEN_LASTE_GELEGD``; Dadermonitor Fig. 5.6, line 5738)."""
    return (
        "CASE WHEN z.afdoening IS NULL THEN NULL "
        "WHEN z.afdoening = 'administratief' THEN 'administratief' "
        "WHEN z.afdoening = 'dagvaarding' AND z.mensenhandel_ten_laste_gelegd "
        "THEN 'dagvaarding_mh' "
        f"WHEN z.afdoening IN {_in(SEPOT)} THEN 'onvoorwaardelijk_sepot' "
        "ELSE 'overig' END"
    )


def _uitspraak_sql() -> str:
    """``UITSPRAAK`` over the delivered category of the case."""
    return (
        f"CASE WHEN v.einduitspraak_zaak IN {_in(VEROORDELING)} THEN 'veroordeling' "
        f"WHEN v.einduitspraak_zaak IN {_in(VRIJSPRAAK)} THEN 'vrijspraak' "
        "ELSE 'overig_onbekend' END"
    )


def leeftijdsklasse_sql(column: str) -> str:
    """``LEEFTIJDSKLASSE`` as a SQL CASE."""
    return (
        f"(CASE WHEN {column} IS NULL THEN 'onbekend' WHEN {column} <= 22 THEN 't/m 22' "
        f"WHEN {column} <= 29 THEN '23-29' WHEN {column} <= 39 THEN '30-39' ELSE '40+' END)"
    )


def _herkomst_sql() -> str:
    """``HERKOMST_VERDACHTE`` over the joined herkomstregio ``r``."""
    return (
        "CASE WHEN r.herkomstregio IS NULL OR r.herkomstregio = 'onbekend' THEN 'onbekend' "
        "WHEN r.herkomstregio = 'nederland' THEN 'nederland' "
        "WHEN r.herkomstregio = 'eer' THEN 'eer' ELSE 'overig' END"
    )


def _instantie_sql() -> str:
    return (
        "CASE WHEN z.aangeleverd_door LIKE 'POL%' THEN 'politie' "
        "WHEN z.aangeleverd_door = 'KMAR' THEN 'kmar' "
        "WHEN z.aangeleverd_door = 'NLA' THEN 'nla' ELSE 'overig' END"
    )


def create_case_views(con: duckdb.DuckDBPyConnection) -> None:
    """Create the TEMP views the module docstring lists on a warehouse connection."""
    _ref_tables(con)
    con.execute(f"CREATE OR REPLACE TEMP VIEW om_mensenhandelzaken AS {zaken_sql(_dossier(con))}")
    con.execute(
        "CREATE OR REPLACE TEMP VIEW ingeschreven_zaken AS "
        "SELECT CAST(year(z.inschrijvingsdatum) AS INTEGER) AS jaar, z.parketnummer, "
        "z.persoon_id, z.vorm_vervolging AS vorm, z.aangeleverd_door, "
        f"{_instantie_sql()} AS instantie, z.parket "
        "FROM om_mensenhandelzaken z WHERE z.mensenhandel"
    )
    con.execute(
        "CREATE OR REPLACE TEMP VIEW afgehandelde_zaken AS "
        "SELECT * FROM (SELECT CAST(year(z.afhandelingsdatum) AS INTEGER) AS jaar, "
        f"z.parketnummer, z.vorm_vervolging AS vorm, z.afdoening, {_afhandeling_sql()} "
        "AS afhandeling FROM om_mensenhandelzaken z WHERE z.mensenhandel "
        "AND z.afhandelingsdatum IS NOT NULL) WHERE afhandeling <> 'administratief'"
    )
    con.execute(
        "CREATE OR REPLACE TEMP VIEW berechte_zaken AS "
        "SELECT CAST(year(v.vonnisdatum) AS INTEGER) AS jaar, z.parketnummer, z.persoon_id, "
        "z.vorm_berechting AS vorm, v.einduitspraak_zaak AS einduitspraak, "
        f"{_uitspraak_sql()} AS uitspraak, z.natuurlijk_persoon, z.leeftijd, "
        f"{leeftijdsklasse_sql('z.leeftijd')} AS leeftijdsklasse, "
        "coalesce(g.geslacht, 'onbekend') AS geslacht, s.geboorteland, "
        f"{_herkomst_sql()} AS herkomst "
        "FROM om_mensenhandelzaken z "
        "JOIN current.om__vonnissen v USING (parketnummer) "
        "LEFT JOIN current.om__verdachten s ON s.persoon_id = z.persoon_id "
        "LEFT JOIN km_verdachte_geslacht g ON g.code = s.geslacht "
        "LEFT JOIN km_land_herkomstregio r ON r.landcode = s.geboorteland "
        "WHERE z.mensenhandel AND z.mensenhandel_ten_laste_gelegd"
    )
    con.execute(
        "CREATE OR REPLACE TEMP VIEW berechte_verdachten AS "
        "SELECT * FROM berechte_zaken WHERE natuurlijk_persoon"
    )
    create_dadermonitor_case_views(con)


def create_dadermonitor_case_views(con: duckdb.DuckDBPyConnection) -> None:
    """``dm_ingeschreven_zaken`` and ``dm_afgehandelde_zaken`` (module docstring) over every OM
    snapshot, each with the dossier study in force on its peildatum."""
    if not has_table(con, "lineage", schema="main"):
        return  # a bare connection with current.* views only: no snapshots to tell apart
    peildata = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT peildatum FROM main.lineage WHERE source = 'om' ORDER BY 1"
        ).fetchall()
    ]
    parts = [
        f"SELECT DATE '{p.isoformat()}' AS peildatum, * FROM ({zaken_sql(_dossier(con, p), p)})"
        for p in peildata
    ] or [f"SELECT NULL::DATE AS peildatum, * FROM ({zaken_sql(_dossier(con))}) WHERE false"]
    con.execute("CREATE OR REPLACE TEMP VIEW dm_om_zaken AS " + " UNION ALL ".join(parts))
    con.execute(
        "CREATE OR REPLACE TEMP VIEW dm_ingeschreven_zaken AS "
        "SELECT z.peildatum, CAST(year(z.inschrijvingsdatum) AS INTEGER) AS jaar, z.parketnummer, "
        "z.vorm_dadermonitor AS vorm, z.minderjarig_slachtoffer, z.parket, z.classificaties, "
        "z.dossier_vorm FROM dm_om_zaken z WHERE z.mensenhandel"
    )
    con.execute(
        "CREATE OR REPLACE TEMP VIEW dm_afgehandelde_zaken AS "
        "SELECT z.peildatum, CAST(year(z.afhandelingsdatum) AS INTEGER) AS jaar, z.parketnummer, "
        "z.vorm_dadermonitor AS vorm, z.afdoening, z.afdoening_mh AS afhandeling, "
        "z.afdoening <> 'administratief' AS inhoudelijk, z.sepotgrond, "
        "coalesce(z.strafverzwarende_omstandigheden, []::VARCHAR[]) AS strafverzwarend, "
        "z.minderjarig_slachtoffer FROM dm_om_zaken z "
        "WHERE z.mensenhandel AND z.afhandelingsdatum IS NOT NULL"
    )
    from ketenmonitor.domain.trial import create_trial_views

    create_trial_views(con, peildata)  # dm_berechte_zaken: chapter 6 (domain/trial.py)
