"""Probation supervisions (reclasseringstoezichten) from IRIS orders, as the Dadermonitor
mensenhandel 2015-2019 counts them (chapter 7 'Resocialisatie' and appendix B1.6;
../shared/seeds/000_4e969fc2f04dad69.txt lines 7139-7800 and 9744-9818).

``create_probation_views(con, as_of=None)`` creates TEMP views on a warehouse connection from
the reclassering snapshot in force (or in force on ``as_of``) and, when loaded, the OM delivery
and the Rapporteur's dossier study (for the form, ``VORM_TOEZICHT``):

``toezichten``: one row per supervision (``TOEZICHT``) that keeps at least one counted order
(``SELECTIE``, ``UITSLUITING``), with ``toezicht_id``, ``persoon_id``, ``startdatum`` and
``einddatum`` (``INSTROOM_UITSTROOM``; NULL while an order runs), ``kader_start`` (IRIS code of
the first order) and ``kader_groep`` (``KADER_GROEPEN``, Tabel B1.2), ``aantal_kaders`` and
``meerdere_fasen`` (``KADERS_EN_FASEN``), ``reden`` (``REDEN_TOEZICHT``), ``vorm``
(``VORM_TOEZICHT``), ``parketnummer_bekend``, ``bijzondere_voorwaarden`` (every order's, several
allowed) and ``forensische_zorg`` (``ZORG_TOEZICHT``).

``ingestroomde_toezichten``: the supervisions by year of start (``jaar``; Figuur 7.1).
``beeindigde_toezichten``: the ended supervisions by year of end (``jaar``; Figuur 7.2-7.5).
Both have every column of ``toezichten``. Unique persons are ``count(DISTINCT persoon_id)`` over
these views (lines 7301-7304: 143 ended supervisions, 136 persons): supervisions and persons are
shown side by side, never one for the other.

docs/methodology/probation.md gives the reasoning and the published numbers that decided open
points.
"""

from __future__ import annotations

import datetime as dt

import duckdb

from ketenmonitor.warehouse import has_table, in_force

TOEZICHT = """
A supervision is one or more consecutive orders (opdrachten) that IRIS registers under one
programma, the delivery's toezicht_id (Dadermonitor 2015-2019, §7.3 lines 7287-7293 and footnote
12 line 7312; B1.6.2 lines 9752-9754). The monitor reports on supervisions, not orders (line
7288, line 9808). A new conviction gives a new supervision (line 7293).
"""

SELECTIE = """
Counted orders (B1.6.2 lines 9756-9760 and 9774-9777; §7.3 lines 7294-7300): supervision orders
(product toezicht; advice and community service are not counted, line 7163) with a trafficking
delictcode (art. 273f Sr or a predecessor, wetsartikel list), in the enforcement phase
(executiefase: after the OM's disposal or the court's judgment). Behavioural instructions with a
suspended pre-trial detention (fase voorfase, kader schorsing_vh) are left out (line 9775).
"""

UITSLUITING = """
Excluded orders (B1.6.2 lines 9769-9772, 'registratiereden'): the order was withdrawn
(ingetrokken), not issued (niet_verstrekt), not realised because the client could not be
contacted (niet_gerealiseerd) or entered in error (onjuist_ingevoerd). An excluded order does not
count towards its supervision's start, end, framework or reason; a supervision with only
excluded orders does not exist for the monitor.
"""

UITGESLOTEN_REDENEN = ("ingetrokken", "niet_verstrekt", "niet_gerealiseerd", "onjuist_ingevoerd")

INSTROOM_UITSTROOM = """
Inflow and outflow (B1.6.2 'Analyse', lines 9808-9812): a supervision flows in on the
registration date (inschrijvingsdatum) of its first order and ends on the exit date
(uitstroomdatum) of its last order. A supervision with an order still running (no einddatum) has
not ended.
"""

KADER_GROEPEN: dict[str, str] = {
    "pp": "pp_vi",
    "pp_et": "pp_vi",
    "vi": "pp_vi",
    "vv": "vv",
    "pij_vb": "tbs_pij",
    "tbs_fpt": "tbs_pij",
    "tbs_voorwaarden": "tbs_pij",
    "tbs_vb_dwangverpleging": "tbs_pij",
    "tbs_proefverlof": "tbs_pij",
    "art43_3_pbw": "overig",
    "strafbeschikking": "overig",
    "overig": "overig",
}
"""Tabel B1.2 (lines 9781-9799) and §7.4.2 (lines 7481-7485): the IRIS frameworks grouped into
'Penitentiair Programma of voorwaardelijke invrijheidstelling' (pp_vi), 'Voorwaardelijke
veroordeling' (vv), 'Tbs en PIJ' (tbs_pij) and 'Overig'. The code 'overig' (a framework Tabel
B1.2 does not name) is ours and goes to Overig. Figuur 7.3 shows the framework of a
supervision's *first* order (lines 7498-7501)."""

KADERS_EN_FASEN: dict[str, str] = {
    "pp": "pp",
    "pp_et": "pp",
    "vi": "vi",
    "vv": "vv",
    "pij_vb": "pij",
    "tbs_fpt": "tbs_dwangverpleging",
    "tbs_vb_dwangverpleging": "tbs_dwangverpleging",
    "tbs_proefverlof": "tbs_dwangverpleging",
    "tbs_voorwaarden": "tbs_voorwaarden",
    "art43_3_pbw": "art43_3_pbw",
    "strafbeschikking": "strafbeschikking",
    "overig": "overig",
}
"""§7.4.2 lines 7487-7498: a supervision can run under several justitiële kaders in turn (a
Penitentiair Programma, then conditional release: 13 supervisions in 2015-2019, line 7492) or
through several phases within one kader (tbs met dwangverpleging: first trial leave, later the
conditional end of compulsory treatment: 4 times, line 7497). The report does not list the
phases; our reading: the three tbs-with-compulsory-treatment codes (intramural FPT, trial leave,
conditional end) are phases of one kader, and so are PP with and without electronic monitoring;
every other IRIS framework is a kader of its own. ``aantal_kaders`` counts the distinct kaders
of a supervision's counted orders, ``meerdere_fasen`` says whether one kader has several of its
IRIS codes."""

REDEN_TOEZICHT = """
Reason a supervision ended (Figuur 7.5, lines 7697-7705; §7.4.4 lines 7639-7681): 'Minstens één
onderdeel toezicht voortijdig negatief beëindigd' when any counted order ended early negatively,
else 'Minstens één onderdeel toezicht voortijdig positief beëindigd' when any ended early
positively, else 'Toezicht voltooid' (extended supervisions are completed, line 7678). The
figure's rows are exclusive (they add up to the total, line 7703); that negative goes before
positive is our choice, the report does not say.
"""

VORM_TOEZICHT = """
Form of trafficking of a supervision (§7.3.1 lines 7325-7330; B1.6.2 lines 9761-9767; B1.6.3
lines 9815-9818): IRIS's delictcode does not tell the forms apart, so the orders' parketnummers
are linked to the OM data: first the Rapporteur's dossier study of the verdict (bl_su ->
binnenlandse, go_su -> grensoverschrijdende seksuele uitbuiting, au -> arbeidsuitbuiting, cu or
orgaan -> criminele uitbuiting), else the OM's registration (RAC-min) where it names a non-sexual
form (classification mh_arbeid or the Functioneel Parket -> arbeidsuitbuiting, mh_overig ->
criminele uitbuiting; a sexual classification cannot say domestic or cross-border). Otherwise, and
when IRIS has no parketnummer (23 times, line 9818), the form is onbekend (50 ended supervisions,
line 7333). With orders of several cases the first form in the trial tie-break order (cross-border
sexual > domestic sexual > labour > criminal; Dadermonitor B1.5.2) wins.
"""

VORMEN = (
    "onbekend",
    "criminele_uitbuiting",
    "arbeidsuitbuiting",
    "grensoverschrijdende_seksuele_uitbuiting",
    "binnenlandse_seksuele_uitbuiting",
)
"""The forms of Figuur 7.2, in its row order."""

ZORG_TOEZICHT = """
Referral to forensic care (B1.6.2 lines 9800-9805; §7.4.3 lines 7614-7616: 45% outpatient, 3%
inpatient): linked to the orders on order number; inpatient (klinisch, including 24-hour crisis
care) when any counted order has it, else outpatient (ambulant) when any has, else geen.
"""

MENSENHANDEL_DELICTCODES = ("273f", "273a", "250a", "250ter")
"""The trafficking articles among IRIS's delictcodes (wetsartikel list; line 7319, §2.2.1)."""


def _in(values: tuple[str, ...] | list[str]) -> str:
    return "(" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + ")"


def _map_case(column: str, mapping: dict[str, str]) -> str:
    whens = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in mapping.items())
    return f"(CASE {column} {whens} ELSE 'overig' END)"


def zaak_vormen_sql(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None) -> str:
    """``VORM_TOEZICHT``: the form per parketnummer from the OM data in force (empty without)."""
    parts: list[str] = []
    if has_table(con, "om_dossierstudie__dossierstudie"):
        parts.append(
            "SELECT parketnummer, CASE vorm WHEN 'go_su' THEN 1 WHEN 'bl_su' THEN 2 "
            "WHEN 'au' THEN 3 WHEN 'cu' THEN 4 WHEN 'orgaan' THEN 4 END AS rang, 1 AS bron "
            f"FROM {in_force('om_dossierstudie__dossierstudie', as_of)}"
        )
    if has_table(con, "om__zaken"):
        mc = "coalesce(maatschappelijke_classificaties, []::VARCHAR[])"
        parts.append(
            f"SELECT parketnummer, CASE WHEN list_contains({mc}, 'mh_arbeid') OR parket = 'FP' "
            f"THEN 3 WHEN list_contains({mc}, 'mh_overig') THEN 4 END AS rang, 2 AS bron "
            f"FROM {in_force('om__zaken', as_of)}"
        )
    if not parts:
        return "SELECT NULL::VARCHAR AS parketnummer, NULL::INTEGER AS rang WHERE false"
    union = " UNION ALL ".join(parts)
    # the dossier study decides where it has a form; the registration only otherwise
    return (
        f"SELECT parketnummer, arg_min(rang, bron) AS rang FROM ({union}) "
        "WHERE rang IS NOT NULL GROUP BY parketnummer"
    )


def toezichten_sql(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None) -> str:
    """The SELECT behind ``toezichten`` (rules of the module)."""
    orders = in_force("reclassering__opdrachten", as_of)
    vorm_naam = (
        "CASE min(v.rang) WHEN 1 THEN 'grensoverschrijdende_seksuele_uitbuiting' "
        "WHEN 2 THEN 'binnenlandse_seksuele_uitbuiting' WHEN 3 THEN 'arbeidsuitbuiting' "
        "WHEN 4 THEN 'criminele_uitbuiting' ELSE 'onbekend' END"
    )
    return f"""
WITH o AS (
    SELECT o.*, {_map_case("o.justitieel_kader", KADER_GROEPEN)} AS groep,
        {_map_case("o.justitieel_kader", KADERS_EN_FASEN)} AS kader
    FROM {orders} o
    WHERE o.product = 'toezicht' AND o.fase = 'executie'
        AND o.justitieel_kader <> 'schorsing_vh'
        AND list_has_any(o.delictcodes, {list(MENSENHANDEL_DELICTCODES)})
        AND coalesce(o.reden_beeindiging NOT IN {_in(UITGESLOTEN_REDENEN)}, true)
        AND o.toezicht_id IS NOT NULL
),
v AS ({zaak_vormen_sql(con, as_of)}),
k AS (
    SELECT toezicht_id, count(DISTINCT kader) AS aantal_kaders,
        bool_or(n > 1) AS meerdere_fasen
    FROM (SELECT toezicht_id, kader, count(DISTINCT justitieel_kader) AS n
          FROM o GROUP BY toezicht_id, kader)
    GROUP BY toezicht_id
)
SELECT o.toezicht_id,
    arg_min(o.persoon_id, (o.startdatum, o.opdracht_id)) AS persoon_id,
    min(o.startdatum) AS startdatum,
    CASE WHEN bool_and(o.einddatum IS NOT NULL) THEN max(o.einddatum) END AS einddatum,
    arg_min(o.justitieel_kader, (o.startdatum, o.opdracht_id)) AS kader_start,
    arg_min(o.groep, (o.startdatum, o.opdracht_id)) AS kader_groep,
    any_value(k.aantal_kaders) AS aantal_kaders,
    any_value(k.meerdere_fasen) AS meerdere_fasen,
    CASE WHEN bool_or(o.reden_beeindiging = 'voortijdig_negatief') THEN 'voortijdig_negatief'
        WHEN bool_or(o.reden_beeindiging = 'voortijdig_positief') THEN 'voortijdig_positief'
        ELSE 'voltooid' END AS reden,
    {vorm_naam} AS vorm,
    bool_or(o.parketnummer IS NOT NULL) AS parketnummer_bekend,
    list_distinct(flatten(list(coalesce(o.bijzondere_voorwaarden, []::VARCHAR[]))))
        AS bijzondere_voorwaarden,
    CASE WHEN bool_or(o.forensische_zorg = 'klinisch') THEN 'klinisch'
        WHEN bool_or(o.forensische_zorg = 'ambulant') THEN 'ambulant'
        ELSE 'geen' END AS forensische_zorg
FROM o
LEFT JOIN v ON v.parketnummer = o.parketnummer
JOIN k USING (toezicht_id)
GROUP BY o.toezicht_id
"""


def create_probation_views(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None) -> None:
    """Create the TEMP views ``toezichten``, ``ingestroomde_toezichten`` and
    ``beeindigde_toezichten`` (module docstring)."""
    con.execute(f"CREATE OR REPLACE TEMP VIEW toezichten AS {toezichten_sql(con, as_of)}")
    con.execute(
        "CREATE OR REPLACE TEMP VIEW ingestroomde_toezichten AS "
        "SELECT CAST(year(t.startdatum) AS INTEGER) AS jaar, t.* FROM toezichten t"
    )
    con.execute(
        "CREATE OR REPLACE TEMP VIEW beeindigde_toezichten AS "
        "SELECT CAST(year(t.einddatum) AS INTEGER) AS jaar, t.* FROM toezichten t "
        "WHERE t.einddatum IS NOT NULL"
    )
