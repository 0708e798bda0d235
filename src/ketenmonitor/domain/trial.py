"""First-instance trial as the Dadermonitor counts it (Dadermonitor mensenhandel 2015-2019, chapter
6 'Berechting in eerste aanleg', lines 6180-7060, and appendix B1.5, lines 9628-9743).

``create_trial_views(con, peildata)`` creates the TEMP views ``dm_berechte_zaken`` and
``daders_berechting`` on a warehouse connection that already has ``dm_om_zaken``
(``ketenmonitor.domain.cases``, which calls it). ``dm_berechte_zaken``: one row per OM snapshot
(``peildatum``) and per case judged in first instance in which trafficking was charged, with

- ``jaar``: year of the judgment (vonnisdatum), the cohort of every figure of chapter 6;
- ``vorm``: bl_su, go_su, au, cu, onbekend (``VORM_BERECHTING_DM``);
- ``einduitspraak``: as delivered; ``uitspraak``: the category of Figuur 6.3 (``UITSPRAAK_DM``);
- ``veroordeeld_mh`` (the 479), ``mogelijk_veroordeeld`` (the 57), ``strafoplegging_mh`` (the
  464, ``STRAFOPLEGGING``);
- ``zwaarste_hoofdstraf`` (``ZWAARSTE_HOOFDSTRAF``), ``onvoorwaardelijk_dagen`` and
  ``strafduurklasse`` (``STRAFDUUR``);
- ``maatregelen``: the measures and additional sentences of Tabel 6.2 (``MAATREGELEN``);
- ``andere_feiten``: the categories of Tabel 6.1 of the other offences charged
  (``ANDERE_FEITEN``), empty when trafficking only;
- ``doorlooptijd_om``, ``doorlooptijd_rechtbank``, ``doorlooptijd_totaal`` in days, NULL for a
  case with an impossible date (``DOORLOOPTIJDEN``), and ``geldige_data``;
- ``hoger_beroep`` and ``hoger_beroep_door`` (verdachte, om, beide) as delivered;
- ``persoon_id``, ``natuurlijk_persoon`` and ``leeftijd`` (at the begin of the offence) of the
  case's suspect.

``daders_berechting``: chapter 8's judged perpetrators (``COHORT_BERECHTING``), one row per OM
snapshot and judged case of a natural person, with ``jaar``, ``parketnummer``, ``persoon_id``,
``vorm_dm`` (= ``vorm``), ``veroordeeld_mh``, ``vrijheidsstraf_mh`` (the phase onvoorwaardelijke
vrijheidsstraf) and the traits of ``domain.persons`` (``KENMERKEN_BERECHTING``): ``geslacht``,
``leeftijd``, ``leeftijdsklasse``, ``geboorteland``, ``herkomst`` and the ``herkomstregio`` of the
country of birth.

The views are filtered to the snapshot a Dadermonitor counts with
``cases.dadermonitor_snapshot_sql`` (rule ``DADERMONITOR_PEILDATUM``), as the chapter 5 views.
docs/methodology/trial.md gives the reasoning with examples.
"""

from __future__ import annotations

import datetime as dt

import duckdb

from ketenmonitor.domain.persons import (
    create_land_table,
    geslacht_sql,
    herkomst_sql,
    land_sql,
    leeftijdsklasse_sql,
)
from ketenmonitor.warehouse import in_force

VORMEN_DM = ("bl_su", "go_su", "au", "cu", "onbekend")
"""The forms of chapter 6, in the order of its columns (BL-SU, GO-SU, AU, CU, Onbekend)."""

VORM_BERECHTING_DM = """
Form of a judged case in the Dadermonitor (B1.5.2, lines 9664-9684; §6.3.1, lines 6330-6345):
'de combinatie van de bestaande informatie en het dossieronderzoek'. The forms found are the
dossier study's (go_su, bl_su; su_onbekend: sexual, domestic or cross-border not established;
au; cu and orgaan as criminele uitbuiting, as VORM_TOEZICHT) and the registration's where it is
reliable: the maatschappelijke classificatie mh_arbeid or the Functioneel Parket -> au (line
9654). 'Overige vormen' (mh_overig) is not reliable for criminal exploitation (B1.5.3, lines
9716-9723) and a sexual classification cannot say domestic or cross-border, so neither gives a
form. Of several forms the first in the hierarchy of line 9678 wins: grensoverschrijdende
seksuele > binnenlandse seksuele > (seksuele, onbekend welke) > arbeids- > criminele uitbuiting;
sexual exploitation of unknown kind beats labour and is shown as onbekend (the four forms do not
hold it); no form -> onbekend (36 of 721, line 9684).
"""

VORM_RANG = {"go_su": 1, "bl_su": 2, "su_onbekend": 3, "au": 4, "cu": 5, "orgaan": 5}
"""``VORM_BERECHTING_DM``'s hierarchy: dossier form -> rank (lower wins)."""
RANG_VORM = {1: "go_su", 2: "bl_su", 3: "onbekend", 4: "au", 5: "cu"}

UITSPRAAK_DM = """
Final verdict of Figuur 6.3 (lines 6636-6678): the OM's category of the case as delivered
(om_einduitspraak), with two groupings. 'Schuldigverklaring zonder oplegging van straf of
maatregel' (art. 9a Sr) is a conviction for trafficking: it is one of the 479 (line 6704; Figuur
6.3 has 465 'Veroordeling mensenhandel', Figuur 6.4 464 sentenced). Any other category the
figure does not print is 'overig' (Figuur 6.3 has five cases in no printed row, one a year: a
row lost in the extraction, figures_berechting.toml). Veroordeeld voor mensenhandel (479, 66%,
line 6628): veroordeling_mh (incl. schuldig zonder straf) and veroordeling_mh_voeging. Mogelijk
veroordeeld (57, 8%, the grey categories, line 6632): veroordeling_onbekend and onbekend_gevoegd.
"""

UITSPRAKEN_DM = (
    "overig",
    "onbekend_gevoegd",
    "veroordeling_onbekend",
    "om_niet_ontvankelijk",
    "dagvaarding_nietig",
    "vrijspraak_mh_gevoegd",
    "vrijspraak_mh_andere_feiten",
    "vrijspraak",
    "ovar",
    "veroordeling_mh_voeging",
    "veroordeling_mh",
)
"""``UITSPRAAK_DM``'s categories in the row order of Figuur 6.3 (the lost row first)."""

STRAFOPLEGGING = """
Sentenced for trafficking (§6.5, lines 6698-6706): a case whose verdict is 'Veroordeling
mensenhandel' with at least one principal sentence. Convictions after joinder at trial (14) have
no judgment of their own and the guilty verdict without penalty (1) none: 479 - 14 - 1 = 464.
"""

ZWAARSTE_HOOFDSTRAF = """
Heaviest principal sentence (Figuur 6.4, lines 6707-6716): of a case's principal sentences
(gevangenisstraf, jeugddetentie, hechtenis, taakstraf, geldboete) the heaviest in the order
geheel onvoorwaardelijke vrijheidsstraf > deels voorwaardelijke vrijheidsstraf > geheel
voorwaardelijke vrijheidsstraf > taakstraf > geldboete. Measures (tbs, PIJ, ...) and additional
sentences are no principal sentences. A custodial sentence without a recorded voorwaardelijkheid
counts by its days (suspended days only -> geheel voorwaardelijk; both -> deels).
"""

ONVOORWAARDELIJK = ("onvoorwaardelijk", "deels_voorwaardelijk")
"""The heaviest principal sentences of chapter 8's phase 'onvoorwaardelijke vrijheidsstraf'."""

HOOFDSTRAFFEN = (
    "onvoorwaardelijk",
    "deels_voorwaardelijk",
    "voorwaardelijk",
    "taakstraf",
    "geldboete",
)
"""``ZWAARSTE_HOOFDSTRAF``'s order, heaviest first."""

VRIJHEIDSSTRAFFEN = ("gevangenisstraf", "jeugddetentie", "hechtenis")

STRAFDUUR = """
Duration of the unconditional part (Figuur 6.5, 6.6, lines 6757-6855): for a case whose heaviest
principal sentence is (partly) unconditional, the unconditional days of its custodial principal
sentences added up (the duration may cover other offences proven too, line 6760). Classes of
Figuur 6.5: '6 maanden of korter' (at most 183 days, half a year rounded up), '6 tot 12 maanden'
(184-364), '1 tot 2 jaar' (365-729), '2 jaar of langer' (730 and more). Figuur 6.6 shows the
mean in whole days.
"""

STRAFDUURKLASSEN = (
    (183, "kort"),
    (364, "6_12_maanden"),
    (729, "1_2_jaar"),
    (None, "2_jaar_of_langer"),
)
"""``STRAFDUUR``'s classes: (upper bound in days, inclusive, or None; code)."""

MAATREGELEN = """
Measures and additional sentences of Tabel 6.2 (lines 6912-6939): per case the kinds imposed,
tbs and PIJ together ('tbs/PIJ'); ontneming is not in RAC-min (footnote 28, line 6955).
"""

MAATREGEL_CODES = {
    "tbs": "tbs_pij",
    "pij": "tbs_pij",
    "contactverbod": "contactverbod",
    "gebiedsverbod": "gebiedsverbod",
    "gbm": "gbm",
    "schadevergoeding": "schadevergoeding",
    "onttrekking": "onttrekking",
    "verbeurdverklaring": "verbeurdverklaring",
}
"""om_straftype code -> ``MAATREGELEN`` row."""

ANDERE_FEITEN = """
Other offences besides trafficking (Figuur 6.2, Tabel 6.1, lines 6480-6535): the primary
offences charged (``TEN_LASTE_GELEGD``: the summons' articles, else the registration's) that are
not trafficking (``MENSENHANDEL_ARTIKELEN``), grouped into the categories of Tabel 6.1 by article
(``ANDERE_FEIT_CATEGORIE``, after the notes of code list wetsartikel). A case counts once per
category; Figuur 6.2 counts the cases with at least one.
"""

ANDERE_FEIT_CATEGORIE = {
    "420bis": "witwassen",
    "242": "zeden",
    "248b": "zeden",
    "310": "vermogen",
    "317": "vermogen",
    "300": "geweld",
    "overig_sr": "overige_misdrijven_wvsr",
    "opiumwet": "drugs",
    "wwm": "wapens",
    "140": "criminele_organisatie",
    "282": "vrijheidsbeneming",
    "197a": "mensensmokkel",
    "overige_wet": "overige_wetten",
    # a predecessor article outside its window is no trafficking: another Sr offence
    "273a": "overige_misdrijven_wvsr",
    "250a": "overige_misdrijven_wvsr",
    "250ter": "overige_misdrijven_wvsr",
}
"""``ANDERE_FEITEN``: wetsartikel code -> category of Tabel 6.1."""

DOORLOOPTIJDEN = """
Processing times (Figuur 6.7, lines 6975-7005), in days: at the OM from registration to the OM's
decision (afhandelingsdatum - inschrijvingsdatum), at the court from the OM's decision to the
judgment (vonnisdatum - afhandelingsdatum), and in total (vonnisdatum - inschrijvingsdatum). A
case whose 'datum van afhandeling of van het vonnis verkeerd geregistreerd' is left out of all
three (26 of 721, line 6979): no afhandelingsdatum, or a judgment before the OM's decision.
"""

COHORT_BERECHTING = """
Judged perpetrators of chapter 8 'Persoonskenmerken' (Dadermonitor 2015-2019, §8.2 lines
7874-7880; B1.7.2 lines 9852-9860): the natural persons among the cases of ``dm_berechte_zaken``
(one case per suspect, so one row per case), in three nested phases: dagvaarding = every judged
natural person (721; 'niet gekozen voor ... alle 603 verdachten die het OM ... heeft
gedagvaard', line 9853), veroordeling = convicted of trafficking (``veroordeeld_mh``, 479),
onvoorwaardelijke vrijheidsstraf = sentenced for trafficking (``STRAFOPLEGGING``) with a heaviest
principal sentence that is a (partly) unconditional custodial sentence (``ZWAARSTE_HOOFDSTRAF``:
geheel or deels onvoorwaardelijk, 426 = 243 + 183 of Figuur 6.4). A case acquitted of
trafficking and imprisoned for its other offences is no part of the last two. Form: chapter 6's
(``VORM_BERECHTING_DM``), as column ``vorm_dm``.
"""

KENMERKEN_BERECHTING = """
Traits of a judged perpetrator (Dadermonitor 2015-2019, chapter 8; B1.7.2-B1.7.3): the rules of
``domain.persons``, written once for every phase, over the OM's fields: sex from verdachten.
geslacht (``persons.GESLACHT_DADER``), the age in whole years at the begin of the offence (zaken.
pleegdatum_begin, the earliest begin date of the case's offences, 'op het moment van het plegen',
line 7953; ``persons.LEEFTIJD_DADER``), its class (``persons.LEEFTIJDSKLASSE_DADER``), the
country of birth of verdachten (XXX and XXA unknown) and its origin region
(``persons.HERKOMST_DADER``). Unknowns are left out per trait (``persons.ONBEKEND_WEGLATEN``:
sex unknown for 6 / 4 / 2, date of birth for 5 / 2 / 0, country of birth for 18 / 12 / 10 of the
three phases, lines 9883-9893).
"""


def _in(values: tuple[str, ...] | list[str]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def _map(column: str, mapping: dict[str, str], default: str = "NULL") -> str:
    whens = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in mapping.items())
    return f"(CASE {column} {whens} ELSE {default} END)"


def vorm_sql(alias: str = "z") -> str:
    """``VORM_BERECHTING_DM`` over a ``dm_om_zaken`` row."""
    mc = f"coalesce({alias}.classificaties, []::VARCHAR[])"
    dossier = "(CASE " + " ".join(
        f"WHEN {alias}.dossier_vorm = '{k}' THEN {v}" for k, v in VORM_RANG.items()
    )
    registratie = (
        f"(CASE WHEN list_contains({mc}, 'mh_arbeid') OR {alias}.parket = 'FP' "
        f"THEN {VORM_RANG['au']} END)"
    )
    rang = f"least({dossier} END), {registratie})"
    whens = " ".join(f"WHEN {k} THEN '{v}'" for k, v in RANG_VORM.items())
    return f"(CASE {rang} {whens} ELSE 'onbekend' END)"


def uitspraak_sql(column: str = "v.einduitspraak_zaak") -> str:
    """``UITSPRAAK_DM`` over the delivered category."""
    return (
        f"(CASE WHEN {column} = 'schuldig_zonder_straf' THEN 'veroordeling_mh' "
        f"WHEN {column} IN {_in(UITSPRAKEN_DM)} THEN {column} ELSE 'overig' END)"
    )


def hoofdstraf_sql(alias: str = "s") -> str:
    """The rank in ``HOOFDSTRAFFEN`` (1 heaviest) of one straffen row, NULL for a measure."""
    od = f"coalesce({alias}.onvoorwaardelijk_dagen, 0)"
    vd = f"coalesce({alias}.voorwaardelijk_dagen, 0)"
    return (
        f"(CASE WHEN {alias}.straftype IN {_in(VRIJHEIDSSTRAFFEN)} THEN (CASE "
        f"WHEN {alias}.voorwaardelijk = 'onvoorwaardelijk' THEN 1 "
        f"WHEN {alias}.voorwaardelijk = 'deels_voorwaardelijk' THEN 2 "
        f"WHEN {alias}.voorwaardelijk = 'voorwaardelijk' THEN 3 "
        f"WHEN {od} > 0 AND {vd} > 0 THEN 2 WHEN {od} > 0 THEN 1 ELSE 3 END) "
        f"WHEN {alias}.straftype = 'taakstraf' THEN 4 "
        f"WHEN {alias}.straftype = 'geldboete' THEN 5 END)"
    )


def strafduurklasse_sql(column: str) -> str:
    """``STRAFDUUR``'s class of a number of days."""
    whens = " ".join(
        f"WHEN {column} <= {bound} THEN '{code}'"
        for bound, code in STRAFDUURKLASSEN
        if bound is not None
    )
    return f"(CASE WHEN {column} IS NULL THEN NULL {whens} ELSE '{STRAFDUURKLASSEN[-1][1]}' END)"


def trial_sql(peildatum: dt.date | None) -> str:
    """The SELECT behind ``dm_berechte_zaken`` for the OM snapshot of ``peildatum`` (its rows of
    ``dm_om_zaken`` and its judgments, offences and sentences)."""
    from ketenmonitor.domain.cases import mensenhandel_feit_sql

    p = "NULL::DATE" if peildatum is None else f"DATE '{peildatum.isoformat()}'"
    vonnissen = in_force("om__vonnissen", peildatum)
    straffen = in_force("om__straffen", peildatum)
    feiten = in_force("om__feiten", peildatum)
    zaken = in_force("om__zaken", peildatum)
    rangen = ", ".join(f"'{v}'" for v in HOOFDSTRAFFEN)
    categorie = _map("artikel", ANDERE_FEIT_CATEGORIE, "'overige_misdrijven_wvsr'")
    dagen = "CASE WHEN u.zwaarste_hoofdstraf IN ('onvoorwaardelijk', 'deels_voorwaardelijk') "
    dagen += "THEN u.dagen END"
    return f"""
WITH z AS (
    SELECT * FROM dm_om_zaken WHERE peildatum IS NOT DISTINCT FROM {p}
        AND mensenhandel AND mensenhandel_ten_laste_gelegd
), s AS (
    SELECT s.parketnummer, {hoofdstraf_sql()} AS rang, s.straftype,
        s.onvoorwaardelijk_dagen
    FROM {straffen} s
), straf AS (
    SELECT parketnummer, min(rang) AS rang,
        sum(onvoorwaardelijk_dagen) FILTER (WHERE straftype IN {_in(VRIJHEIDSSTRAFFEN)})
            AS dagen,
        list_sort(list_distinct(list({_map("straftype", MAATREGEL_CODES)})
            FILTER (WHERE straftype IN {_in(tuple(MAATREGEL_CODES))}))) AS maatregelen
    FROM s GROUP BY parketnummer
), feit AS (
    SELECT f.parketnummer, f.stadium, f.artikel, {mensenhandel_feit_sql()} AS mh
    FROM {feiten} f JOIN {zaken} z USING (parketnummer)
    WHERE f.primair
), ander AS (
    SELECT parketnummer,
        list_sort(list_distinct(list({categorie})
            FILTER (WHERE NOT mh AND stadium = tl))) AS andere_feiten
    FROM (SELECT *, CASE WHEN bool_or(stadium = 'dagvaarding') OVER (PARTITION BY parketnummer)
        THEN 'dagvaarding' ELSE 'inschrijving' END AS tl FROM feit)
    GROUP BY parketnummer
), u AS (
    SELECT z.peildatum, CAST(year(v.vonnisdatum) AS INTEGER) AS jaar, z.parketnummer,
        z.persoon_id, z.natuurlijk_persoon, z.leeftijd,
        {vorm_sql()} AS vorm,
        v.einduitspraak_zaak AS einduitspraak,
        {uitspraak_sql()} AS uitspraak,
        z.inschrijvingsdatum, z.afhandelingsdatum, v.vonnisdatum,
        v.hoger_beroep, v.hoger_beroep_door,
        CASE WHEN st.rang IS NOT NULL THEN [{rangen}][st.rang] END AS zwaarste_hoofdstraf,
        st.dagen, coalesce(st.maatregelen, []::VARCHAR[]) AS maatregelen,
        coalesce(a.andere_feiten, []::VARCHAR[]) AS andere_feiten
    FROM z
    JOIN {vonnissen} v USING (parketnummer)
    LEFT JOIN straf st USING (parketnummer)
    LEFT JOIN ander a USING (parketnummer)
)
SELECT u.* EXCLUDE (dagen),
    u.uitspraak IN ('veroordeling_mh', 'veroordeling_mh_voeging') AS veroordeeld_mh,
    u.uitspraak IN ('veroordeling_onbekend', 'onbekend_gevoegd') AS mogelijk_veroordeeld,
    u.uitspraak = 'veroordeling_mh' AND u.zwaarste_hoofdstraf IS NOT NULL AS strafoplegging_mh,
    {dagen} AS onvoorwaardelijk_dagen,
    {strafduurklasse_sql(dagen)} AS strafduurklasse,
    len(u.andere_feiten) > 0 AS andere_feiten_bool,
    u.afhandelingsdatum IS NOT NULL AND u.vonnisdatum >= u.afhandelingsdatum
        AND u.afhandelingsdatum >= u.inschrijvingsdatum AS geldige_data,
    CASE WHEN geldige_data THEN datediff('day', u.inschrijvingsdatum, u.afhandelingsdatum)
        END AS doorlooptijd_om,
    CASE WHEN geldige_data THEN datediff('day', u.afhandelingsdatum, u.vonnisdatum)
        END AS doorlooptijd_rechtbank,
    CASE WHEN geldige_data THEN datediff('day', u.inschrijvingsdatum, u.vonnisdatum)
        END AS doorlooptijd_totaal
FROM u
"""


def daders_sql(peildatum: dt.date | None) -> str:
    """The SELECT behind ``daders_berechting`` for the OM snapshot of ``peildatum``: its rows of
    ``dm_berechte_zaken`` of natural persons (``COHORT_BERECHTING``) with the suspect's traits
    by the rules of ``domain.persons`` (``KENMERKEN_BERECHTING``)."""
    p = "NULL::DATE" if peildatum is None else f"DATE '{peildatum.isoformat()}'"
    verdachten = in_force("om__verdachten", peildatum)
    land = land_sql("s.geboorteland")
    return f"""
SELECT b.peildatum, b.jaar, b.parketnummer, b.persoon_id, b.vorm AS vorm_dm, b.veroordeeld_mh,
    coalesce(b.strafoplegging_mh AND b.zwaarste_hoofdstraf IN {_in(ONVOORWAARDELIJK)}, false)
        AS vrijheidsstraf_mh,
    {geslacht_sql("s.geslacht")} AS geslacht,
    CAST(b.leeftijd AS INTEGER) AS leeftijd, {leeftijdsklasse_sql("b.leeftijd")} AS leeftijdsklasse,
    {land} AS geboorteland, {herkomst_sql("r.herkomstregio")} AS herkomst,
    r.herkomstregio
FROM dm_berechte_zaken b
LEFT JOIN {verdachten} s USING (persoon_id)
LEFT JOIN km_land_herkomstregio r ON r.landcode = {land}
WHERE b.peildatum IS NOT DISTINCT FROM {p} AND b.natuurlijk_persoon
"""


def create_trial_views(con: duckdb.DuckDBPyConnection, peildata: list[dt.date]) -> None:
    """``dm_berechte_zaken`` and ``daders_berechting`` (module docstring) over every OM snapshot
    in ``peildata``."""
    parts = [trial_sql(p) for p in peildata] or [f"SELECT * FROM ({trial_sql(None)}) WHERE false"]
    con.execute(
        "CREATE OR REPLACE TEMP VIEW dm_berechte_zaken AS "
        + " UNION ALL ".join(f"SELECT * FROM ({q})" for q in parts)
    )
    create_land_table(con)
    people = [daders_sql(p) for p in peildata] or [
        f"SELECT * FROM ({daders_sql(None)}) WHERE false"
    ]
    con.execute(
        "CREATE OR REPLACE TEMP VIEW daders_berechting AS "
        + " UNION ALL ".join(f"SELECT * FROM ({q})" for q in people)
    )
