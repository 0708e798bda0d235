"""The Rapporteur's classification and counting rules, each written once.

Every rule is a named function or data file with the report and section it comes from in its
docstring. The rules turn the warehouse's delivered rows into the units the publications count.

Victims (``domain/victims.py``), from CoMensha registrations (Jaarcijfers 2024, section 4):
``create_victim_views(con, as_of=None)`` creates two temporary views on a warehouse connection,
from the CoMensha snapshot in force (or in force on ``as_of``):

``slachtoffers``: one row per registered (non-anonymous) victim per registration year, with

- ``jaar`` INTEGER: year of registration (the cohort of every Jaarcijfers figure);
- ``slachtoffer_id`` VARCHAR: the pseudonymised persoon_id;
- ``vormen`` VARCHAR[]: the Rapporteur's forms, several allowed: binnenlandse_seksuele_uitbuiting,
  internationale_seksuele_uitbuiting, arbeidsuitbuiting, criminele_uitbuiting,
  gedwongen_orgaanverwijdering, onbekend_nog_niet_gewerkt;
- ``uitbuitingsvormen`` VARCHAR[]: the forms as registered (uitbuitingsvorm codes), for the
  figures that count sexual exploitation as a whole (a victim of unknown nationality is neither
  domestic nor international, but is a victim of sexual exploitation);
- ``leeftijdscategorie`` VARCHAR: minderjarig, 18-22, 23-29, 30-39, 40+, onbekend;
- ``geslacht`` VARCHAR: man, vrouw, onbekend;
- ``herkomst`` VARCHAR: nederland, europa, afrika, azie, latijns_amerika, overig, onbekend;
- ``nationaliteit`` VARCHAR: land code (land.csv), NULL when unknown;
- ``sectoren_seksueel`` VARCHAR[]: sector_seksueel codes (victims of sexual exploitation);
- ``sectoren_arbeid`` VARCHAR[]: sector_arbeid codes (victims of labour exploitation);
- ``criminele_activiteiten`` VARCHAR[]: criminele_activiteit codes;
- ``melders`` VARCHAR[]: melder codes.

``anonieme_meldingen``: one row per anonymous registration, with ``jaar`` and ``melders``.

Investigations (``domain/investigations.py``, from EMM; Jaarcijfers 2024 section 4 "EMM-data"):
``opsporingsonderzoeken`` (one row per investigation, by start year) and
``verdachten_opsporing`` (one row per suspect per investigation). Appeal and cassation
(``domain/investigations.py``, Raad voor de rechtspraak): ``rechtspraak_tabellen``, the delivered
tables with ``jaar``, ``aantal`` and ``aantal_below``. For the Dadermonitor also
``betrokkenen_opsporing`` (one row per person per investigation, every role and year) and
``opsporing_onderzoeken_en_betrokkenen`` (Figuur 4.1); ``opsporingsonderzoeken.vorm_dm`` is the
Dadermonitor's single form per investigation.

Police (``domain/police.py``, CBS/BVH microdata; Dadermonitor chapter 3 and appendix B1.3):
incidents, offences and persons by year of report.

Perpetrators' traits (``domain/persons.py``; Dadermonitor chapter 8 and appendix B1.7): the rules
for sex, age (class) and country of birth -> origin region, written once for every phase, and
the views ``daders_signalering`` (unique police suspects of the window) and ``daders_opsporing``
(suspects per EMM investigation), made by the police and investigation view makers.

Cases (``domain/cases.py``, from the OM and the Rapporteur's dossier study; Jaarcijfers 2024
section 4 "OM-data"): ``ingeschreven_zaken`` (by year of registration), ``afgehandelde_zaken``
(by year of settlement), ``berechte_zaken`` and ``berechte_verdachten`` (by year of the
first-instance judgment), each with ``jaar`` for its own cohort; for the Dadermonitor
``dm_ingeschreven_zaken``, ``dm_afgehandelde_zaken`` and ``dm_berechte_zaken`` (chapter 6,
``domain/trial.py``) per OM snapshot.

Probation (``domain/probation.py``, IRIS orders of the 3RO; Dadermonitor chapter 7 and appendix
B1.6): ``toezichten`` (one row per supervision), ``ingestroomde_toezichten`` (by year of start)
and ``beeindigde_toezichten`` (by year of end), the form via parketnummer to the OM data.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb


def _victims(con: duckdb.DuckDBPyConnection) -> None:
    from ketenmonitor.domain.victims import create_victim_views

    create_victim_views(con)


def _investigations(con: duckdb.DuckDBPyConnection) -> None:
    from ketenmonitor.domain.investigations import create_investigation_views

    create_investigation_views(con)


def _rechtspraak(con: duckdb.DuckDBPyConnection) -> None:
    from ketenmonitor.domain.investigations import create_rechtspraak_views

    create_rechtspraak_views(con)


def _cases(con: duckdb.DuckDBPyConnection) -> None:
    from ketenmonitor.domain.cases import create_case_views

    create_case_views(con)


def _probation(con: duckdb.DuckDBPyConnection) -> None:
    from ketenmonitor.domain.probation import create_probation_views

    create_probation_views(con)


def _police(con: duckdb.DuckDBPyConnection) -> None:
    from ketenmonitor.domain.police import create_police_views

    create_police_views(con)


VIEW_MAKERS: dict[str, Callable[[duckdb.DuckDBPyConnection], None]] = {
    "politie": _police,
    "comensha": _victims,
    "emm": _investigations,
    "rechtspraak": _rechtspraak,
    "om": _cases,
    "reclassering": _probation,
}
"""Per source: the function that creates its unit views on a warehouse connection. The
catalogue's ``build`` calls those of the sources that have a snapshot."""
