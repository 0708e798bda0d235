"""Police incidents (CBS/BVH) as the Dadermonitor mensenhandel 2015-2019 counts them (chapter 3
'Signalering', appendix B1.3; ../shared/seeds/000_4e969fc2f04dad69.txt lines 3560-4330 and
9364-9482).

``create_police_views(con, as_of=None)`` creates TEMP views on a warehouse connection:

``politie_incidenten``: one row per incident with at least one trafficking feitcode, with
``jaar`` (meldjaar), ``incident_id``, ``feitcodes`` (trafficking codes), ``vorm`` (``VORM_REGEL``:
seksueel / arbeid / crimineel / overig / onbekend), ``vorm4`` (overig and orgaan joined to
onbekend), ``politie_eenheid`` (code, ``onbekend`` when unknown), ``eenheid_bekend``,
``aangifte`` (BOOLEAN), ``gemeente_2019`` (pleeggemeente in the 2019 division, NULL when unknown),
``gemeente_naam``, ``lokaal`` (counts in the municipal tables: not F564), ``inwoners`` (of the
pleeggemeente on 1 January 2019, from ref_bevolking), ``overige_feiten`` (categories of the other
offences), ``slachtoffers`` and ``verdachten`` (involvements).

``politie_gemeenten``: one row per municipality of the 2019 division and five-year window
(``jaar`` is the window's last year Y, for every year with incidents) with ``gemeentecode``,
``gemeente_naam``, ``incidenten`` (``lokaal`` incidents in Y-4..Y) and ``klasse``
(``KLASSEN_REGEL``): the unit of Figuur 3.4 and Tabel B2.1, which show every municipality, also
those without incidents.

``politie_personen``: one row per involvement (``rol`` slachtoffer / aangever / verdachte) with
``jaar``, ``incident_id``, ``betrokkene_nr``, ``persoon_id``, ``bestand`` (slachtoffer for the
victim file, which also holds aangevers, verdachte), the incident's ``vorm4``, and the person's
``meldingsdatum``, ``pleegdatum``, ``geslacht_code`` (as delivered), ``leeftijd_bij_plegen`` and
``geboorteland`` (BRP traits, empty for a person CBS could not link).

``daders_signalering`` (``domain.persons``): the unique suspects of the window Y-4..Y with their
form and traits (Dadermonitor chapter 8). ``slachtoffers_signalering`` (``domain.persons``): the
unique victims (victim file, aangevers included) of the window with their form and traits, by the
same rules (Tabel 3.3: ``COHORT_SLACHTOFFERS``, ``VORM_SLACHTOFFER``, ``KENMERKEN_SLACHTOFFER``).
"""

from __future__ import annotations

import datetime as dt

import duckdb

from ketenmonitor.warehouse import has_table, in_force

VORM_REGEL = """
Form of an incident (Dadermonitor 2015-2019, §3.3.1 lines 3568-3581 and B1.3 lines 9377-9399):
F561 -> seksueel, F562 -> arbeid, F563 -> crimineel; F565 (overige vormen) and F564 (gedwongen
orgaanverwijdering) -> overig, shown apart only in Figuur 3.2; F5293 (the general code used until
2017) -> onbekend. After Figuur 3.2 overig counts as onbekend (``vorm4``). An incident with codes
of several forms takes the first of seksueel, arbeid, crimineel, overig, onbekend.
"""

LOKAAL_REGEL = """
Municipal tables (B1.3 lines 9416-9429): incidents with a pleeggemeente, F564 excluded, counted
in the 2019 division (Littenseradiel wholly to Súdwest-Fryslân), per 10,000 inhabitants on
1 January 2019.
"""

KLASSEN_REGEL = """
Classes of incidents per municipality over five years (Figuur 3.4 line 4116, Tabel B2.1 lines
10124-10843): 'minder dan 10' (0-9, the text's 'nul tot tien', line 4125), '10 tot 20', '20 tot
30', '30 tot 50', '50 tot 100', 'meer dan 100' (100 or more; none of Tabel 3.2's exact totals is
100), from the exact counts.
"""

KLASSEN: tuple[tuple[int | None, str], ...] = (
    (10, "minder dan 10"),
    (20, "10 tot 20"),
    (30, "20 tot 30"),
    (50, "30 tot 50"),
    (100, "50 tot 100"),
    (None, "meer dan 100"),
)
"""``KLASSEN_REGEL``: (upper bound, exclusive; class)."""

HERINDELING_JAAR = 2019


def incidenten_sql(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None) -> str:
    if has_table(con, "ref_gemeente_herindeling__herindeling"):
        herindeling = (
            "SELECT oude_gemeentecode AS oud, nieuwe_gemeentecode AS nieuw FROM "
            f"{in_force('ref_gemeente_herindeling__herindeling', as_of)} "
            f"WHERE jaar = {HERINDELING_JAAR}"
        )
    else:
        herindeling = "SELECT NULL::VARCHAR AS oud, NULL::VARCHAR AS nieuw WHERE false"
    if has_table(con, "ref_gemeenten__gemeenten"):
        namen = (
            "SELECT gemeentecode AS code, any_value(naam) AS naam FROM "
            f"{in_force('ref_gemeenten__gemeenten', as_of)} "
            f"WHERE geldig_van <= {HERINDELING_JAAR} AND (geldig_tot IS NULL "
            f"OR geldig_tot >= {HERINDELING_JAAR}) GROUP BY code"
        )
    else:
        namen = "SELECT NULL::VARCHAR AS code, NULL::VARCHAR AS naam WHERE false"
    if has_table(con, "ref_bevolking__bevolking"):
        bevolking = (
            "SELECT gemeentecode AS code, bevolking FROM "
            f"{in_force('ref_bevolking__bevolking', as_of)} WHERE peiljaar = {HERINDELING_JAAR}"
        )
    else:
        bevolking = "SELECT NULL::VARCHAR AS code, NULL::BIGINT AS bevolking WHERE false"
    return f"""
WITH f AS (
    SELECT incident_id,
        list(feitcode ORDER BY volgnummer) FILTER (WHERE feitcode LIKE 'F5%') AS codes,
        list(DISTINCT feitcode) FILTER (WHERE feitcode LIKE 'CAT-%') AS overige
    FROM {in_force("politie__feiten", as_of)} GROUP BY incident_id
),
p AS (
    SELECT incident_id,
        count(*) FILTER (WHERE rol IN ('slachtoffer', 'aangever')) AS slachtoffers,
        count(*) FILTER (WHERE rol = 'verdachte') AS verdachten
    FROM {in_force("politie__personen", as_of)} GROUP BY incident_id
),
h AS ({herindeling}),
n AS ({namen}),
b AS ({bevolking}),
i AS (
    SELECT i.*, f.codes, coalesce(f.overige, []::VARCHAR[]) AS overige,
        CASE WHEN list_contains(f.codes, 'F561') THEN 'seksueel'
            WHEN list_contains(f.codes, 'F562') THEN 'arbeid'
            WHEN list_contains(f.codes, 'F563') THEN 'crimineel'
            WHEN list_has_any(f.codes, ['F565', 'F564']) THEN 'overig'
            ELSE 'onbekend' END AS vorm,
        coalesce(h.nieuw, i.pleeggemeente) AS gemeente_2019
    FROM {in_force("politie__incidenten", as_of)} i
    JOIN f USING (incident_id)
    LEFT JOIN h ON h.oud = i.pleeggemeente
    WHERE len(f.codes) > 0
)
SELECT CAST(i.meldjaar AS INTEGER) AS jaar, i.incident_id, i.codes AS feitcodes, i.vorm,
    CASE WHEN i.vorm = 'overig' THEN 'onbekend' ELSE i.vorm END AS vorm4,
    coalesce(i.politie_eenheid, 'onbekend') AS politie_eenheid,
    coalesce(i.politie_eenheid, 'onbekend') NOT IN ('onbekend') AS eenheid_bekend,
    coalesce(i.aangifte, false) AS aangifte,
    i.gemeente_2019, n.naam AS gemeente_naam,
    i.gemeente_2019 IS NOT NULL AND NOT list_contains(i.codes, 'F564') AS lokaal,
    b.bevolking AS inwoners, i.overige AS overige_feiten,
    coalesce(p.slachtoffers, 0) AS slachtoffers, coalesce(p.verdachten, 0) AS verdachten
FROM i LEFT JOIN p USING (incident_id) LEFT JOIN n ON n.code = i.gemeente_2019
    LEFT JOIN b ON b.code = i.gemeente_2019
"""


def klasse_sql(column: str) -> str:
    """``KLASSEN_REGEL`` as a CASE over a count."""
    cases = " ".join(
        f"WHEN {column} < {bound} THEN '{label}'" for bound, label in KLASSEN if bound is not None
    )
    return f"CASE {cases} ELSE '{KLASSEN[-1][1]}' END"


def gemeenten_sql(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None) -> str:
    if not has_table(con, "ref_gemeenten__gemeenten"):
        return (
            "SELECT NULL::INTEGER AS jaar, NULL::VARCHAR AS gemeentecode, "
            "NULL::VARCHAR AS gemeente_naam, NULL::BIGINT AS incidenten, "
            "NULL::VARCHAR AS klasse WHERE false"
        )
    return f"""
WITH g AS (
    SELECT gemeentecode, any_value(naam) AS naam
    FROM {in_force("ref_gemeenten__gemeenten", as_of)}
    WHERE geldig_van <= {HERINDELING_JAAR}
        AND (geldig_tot IS NULL OR geldig_tot >= {HERINDELING_JAAR})
    GROUP BY gemeentecode
),
y AS (SELECT DISTINCT jaar FROM politie_incidenten),
c AS (
    SELECT y.jaar, i.gemeente_2019 AS gemeentecode, count(*) AS incidenten
    FROM y JOIN politie_incidenten i ON i.jaar BETWEEN y.jaar - 4 AND y.jaar AND i.lokaal
    GROUP BY ALL
)
SELECT y.jaar, g.gemeentecode, g.naam AS gemeente_naam,
    coalesce(c.incidenten, 0) AS incidenten, {klasse_sql("coalesce(c.incidenten, 0)")} AS klasse
FROM y CROSS JOIN g LEFT JOIN c ON c.jaar = y.jaar AND c.gemeentecode = g.gemeentecode
"""


def personen_sql(as_of: dt.date | None = None) -> str:
    return f"""
SELECT u.jaar, u.incident_id, p.betrokkene_nr, p.persoon_id, p.rol,
    CASE WHEN p.rol = 'verdachte' THEN 'verdachte' ELSE 'slachtoffer' END AS bestand,
    u.vorm4, p.meldingsdatum, p.pleegdatum, p.geslacht AS geslacht_code,
    CAST(p.leeftijd_bij_plegen AS INTEGER) AS leeftijd_bij_plegen, p.geboorteland
FROM {in_force("politie__personen", as_of)} p
JOIN politie_incidenten u USING (incident_id)
"""


def create_police_views(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None) -> None:
    """Create the TEMP views ``politie_incidenten``, ``politie_personen`` and
    ``politie_gemeenten`` (module docstring)."""
    con.execute(f"CREATE OR REPLACE TEMP VIEW politie_incidenten AS {incidenten_sql(con, as_of)}")
    con.execute(f"CREATE OR REPLACE TEMP VIEW politie_personen AS {personen_sql(as_of)}")
    con.execute(f"CREATE OR REPLACE TEMP VIEW politie_gemeenten AS {gemeenten_sql(con, as_of)}")
    from ketenmonitor.domain.persons import create_person_views

    create_person_views(con)  # daders_signalering (chapter 8), slachtoffers_signalering (3.3)
